-- The demo (run by test/demo).  Everything generated here is reproducible:
-- setseed() fixes the synthetic population.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
ALTER DATABASE yichang SET search_path = "$user", public, grid;
ALTER DATABASE yichang SET session_preload_libraries = 'grid';
CREATE EXTENSION grid CASCADE;
RESET client_min_messages;
SET search_path = "$user", public, grid;
SET TimeZone = 'Asia/Shanghai';
CREATE SCHEMA demo;

\echo
\echo '== 0. The real divisions of Yichang, shipped with the extension =='
SELECT level, count(*) AS divisions FROM grid.division WHERE code <@ '4205' GROUP BY level
 ORDER BY min(length(code::text));
SELECT code, name, grid.division_path(code) AS path
  FROM grid.division WHERE parent = '420503' ORDER BY code;

\echo
\echo '== 1. A register of residents, keyed by grid.resident_id =='
SELECT setseed(0.2020) AS seed \gset
CREATE TABLE demo.resident (
    id       grid.resident_id PRIMARY KEY,
    name     text NOT NULL,
    phone    text,
    division grid.division_code     -- the village or community they live in
);
-- Names from common surnames and given-name characters; IDs issued in
-- 伍家岗区 (420503) and other Yichang counties, born 1930-2020.
INSERT INTO demo.resident
SELECT DISTINCT ON (id) id, name, phone, villages[1 + floor(random() * array_length(villages, 1))::int]
  FROM (SELECT grid.resident_id(d || substr('10X98765432', (
                   (substr(d,1,1)::int*7 + substr(d,2,1)::int*9 + substr(d,3,1)::int*10 + substr(d,4,1)::int*5
                  + substr(d,5,1)::int*8 + substr(d,6,1)::int*4 + substr(d,7,1)::int*2 + substr(d,8,1)::int*1
                  + substr(d,9,1)::int*6 + substr(d,10,1)::int*3 + substr(d,11,1)::int*7 + substr(d,12,1)::int*9
                  + substr(d,13,1)::int*10 + substr(d,14,1)::int*5 + substr(d,15,1)::int*8 + substr(d,16,1)::int*4
                  + substr(d,17,1)::int*2) % 11) + 1, 1)) AS id,
               (string_to_array('王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 向 覃 田 谭 万 单 曾', ' '))[1 + floor(random() * 27)::int]
               || (string_to_array('伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 建 国 红 梅', ' '))[1 + floor(random() * 28)::int]
               || CASE WHEN random() < 0.6 THEN (string_to_array('文 华 玲 兰 军 宇 轩 涵 欣 怡 浩 然', ' '))[1 + floor(random() * 12)::int] ELSE '' END AS name,
               '1' || (ARRAY['38','39','35','36','37','86','87','88','58','59','30','31','32','55','56'])[1 + floor(random() * 15)::int]
               || lpad(floor(random() * 100000000)::text, 8, '0') AS phone
          FROM (SELECT (ARRAY['420503','420503','420503','420503','420502','420504','420505','420506','420525','420581','420582','420583'])[1 + floor(random() * 12)::int]
                       || to_char(date '1930-01-01' + floor(random() * 33000)::int, 'YYYYMMDD')
                       || lpad(floor(random() * 1000)::text, 3, '0') AS d
                  FROM generate_series(1, :residents)) g) s,
       (SELECT array_agg(code ORDER BY code) AS villages FROM grid.division
         WHERE code <@ '420503' AND level = 'village') v;
SELECT count(*) AS residents,
       count(*) FILTER (WHERE grid.sex(id) = 'M') AS men,
       count(*) FILTER (WHERE grid.sex(id) = 'F') AS women,
       count(*) FILTER (WHERE grid.age(id) >= 60) AS aged_60_and_over,
       pg_size_pretty(pg_relation_size('demo.resident_pkey')) AS id_index
  FROM demo.resident;

\echo
\echo '== 2. A door-to-door survey as typed by grid workers, sorted into good and bad rows =='
-- Typing habits: full-width digits from a Chinese input method, lower-case x,
-- stray spaces, old 15-digit cards, and a few slips of the finger.
CREATE TABLE demo.survey_raw (line serial, typed_id text, name text);
INSERT INTO demo.survey_raw (typed_id, name)
SELECT CASE k
         WHEN 0 THEN translate(id::text, '0123456789X', '０１２３４５６７８９Ｘ')
         WHEN 1 THEN lower(id::text)
         WHEN 2 THEN '  ' || id::text || ' '
         WHEN 3 THEN CASE WHEN substr(id::text, 7, 2) = '19' AND grid.id_kind(id) = 'citizen'
                          THEN substr(id::text, 1, 6) || substr(id::text, 9, 9) ELSE id::text END
         WHEN 4 THEN overlay(id::text PLACING ((substr(id::text, 12, 1)::int + 1) % 10)::text FROM 12 FOR 1)
         WHEN 5 THEN left(id::text, 17)
         WHEN 6 THEN overlay(id::text PLACING '0230' FROM 11 FOR 4)
         ELSE id::text
       END, name
  FROM (SELECT id, name, floor(random() * 40)::int AS k FROM demo.resident ORDER BY random() LIMIT 20000) s;

CREATE TABLE demo.survey_accepted AS
SELECT line, grid.resident_id(typed_id) AS id, name
  FROM demo.survey_raw WHERE grid.is_valid_resident_id(typed_id);
CREATE TABLE demo.survey_rejected AS
SELECT line, typed_id, name, grid.resident_id_error(typed_id) AS reason
  FROM demo.survey_raw WHERE NOT grid.is_valid_resident_id(typed_id);
SELECT (SELECT count(*) FROM demo.survey_raw) AS rows_in,
       (SELECT count(*) FROM demo.survey_accepted) AS accepted,
       (SELECT count(*) FROM demo.survey_rejected) AS rejected,
       (SELECT count(*) FROM demo.survey_raw) =
       (SELECT count(*) FROM demo.survey_accepted) + (SELECT count(*) FROM demo.survey_rejected) AS nothing_lost;
SELECT regexp_replace(reason, '[0-9X"-]+', '…', 'g') AS reason_kind, count(*) AS rows
  FROM demo.survey_rejected GROUP BY 1 ORDER BY 2 DESC;
SELECT line, typed_id, reason FROM demo.survey_rejected ORDER BY line LIMIT 5;
SELECT count(*) AS accepted_rows_found_in_register
  FROM demo.survey_accepted a JOIN demo.resident r USING (id);

\echo
\echo '== 3. Look a person up by ID number, as a checkpoint worker types it =='
SELECT r.id AS "身份证号", grid.mask(r.id) AS "报表显示", r.name AS "姓名",
       CASE grid.sex(r.id) WHEN 'M' THEN '男' ELSE '女' END AS "性别",
       grid.birth_date(r.id) AS "出生日期", grid.age(r.id) AS "年龄",
       grid.address_code(r.id) AS "发证地代码", grid.division_path(r.division) AS "住址"
  FROM demo.resident r
 WHERE r.id = (SELECT translate(id::text, '0123456789X', '０１２３４５６７８９ｘ')
                 FROM demo.resident ORDER BY id LIMIT 1 OFFSET 1000)::grid.resident_id;
EXPLAIN (COSTS OFF)
SELECT * FROM demo.resident WHERE id = '420503199003071230';

\echo
\echo '== 4. Residents of 伍家岗区 by township: everyone under 420503, by an index range =='
CREATE INDEX ON demo.resident (division);
ANALYZE demo.resident;
SELECT grid.division_name(grid.ancestor(division, 'township')) AS township,
       count(*) AS residents, count(DISTINCT division) AS communities
  FROM demo.resident WHERE division <@ '420503' GROUP BY 1 ORDER BY 2 DESC;
EXPLAIN (COSTS OFF) SELECT count(*) FROM demo.resident WHERE division <@ '420503004';

\echo
\echo '== 5. Residents by county of issue and age band =='
SELECT grid.address_code(id) AS county_code, grid.division_name(grid.address_code(id)) AS county,
       count(*) AS residents,
       count(*) FILTER (WHERE grid.age(id) < 18) AS under_18,
       count(*) FILTER (WHERE grid.age(id) BETWEEN 18 AND 59) AS aged_18_59,
       count(*) FILTER (WHERE grid.age(id) >= 60) AS aged_60_plus
  FROM demo.resident GROUP BY 1, 2 ORDER BY 1;

\echo
\echo '== 6. The registry (grid.resident) and a returnee list of 5,000, linked =='
-- A synthetic registry on every village of Yichang (reproducible from its
-- seed), and a returnee list corrupted as such lists are: homophones,
-- fuzzy pinyin, traditional characters, mistyped and 15-digit IDs,
-- missing phones, addresses in shorthand, people not registered.
SET client_min_messages = warning;
SELECT grid.synth_registry(:residents, 2020) AS registry_residents;
SELECT grid.synth_source('returnee', 5000, 7, label => '返乡人员名单 2020-02-10') AS batch \gset
SELECT raw AS "返乡人员名单 (as received)", corruptions
  FROM grid.source_record JOIN grid.synthetic_truth USING (record_id)
 WHERE batch_id = :batch ORDER BY record_id LIMIT 6;
SELECT * FROM grid.link_batch(:batch);
RESET client_min_messages;
SELECT count(*) FILTER (WHERE l.decision = 'link') AS linked,
       round(100.0 * count(*) FILTER (WHERE l.decision = 'link' AND l.resident_id = t.resident_id)
             / nullif(count(*) FILTER (WHERE l.decision = 'link'), 0), 2) AS precision_pct,
       round(100.0 * count(*) FILTER (WHERE l.decision = 'link' AND l.resident_id = t.resident_id)
             / nullif(count(*) FILTER (WHERE t.resident_id IS NOT NULL), 0), 2) AS recall_pct,
       count(*) FILTER (WHERE l.decision = 'review') AS to_review
  FROM grid.record_link l JOIN grid.synthetic_truth t USING (record_id) WHERE l.batch_id = :batch;
-- One decision, explained field by field.
SELECT s.raw ->> '姓名' AS "名单上的姓名", r.name AS "登记姓名", l.decision, l.score,
       l.explanation -> 'name' AS name, l.explanation -> 'id' AS id, l.explanation -> 'address' AS address
  FROM grid.record_link l JOIN grid.source_record s USING (record_id) JOIN grid.resident r ON r.id = l.resident_id
 WHERE l.batch_id = :batch AND l.explanation #>> '{name,level}' = 'homophone' AND l.decision = 'link'
 ORDER BY l.record_id LIMIT 3;

\echo
\echo '== 7. Find a person from what a caller says: a homophone name, a mistyped ID, an address in shorthand =='
SELECT (SELECT raw FROM grid.source_record s JOIN grid.synthetic_truth t USING (record_id)
         WHERE s.batch_id = :batch AND t.corruptions @> '{homophone,id_digit}' ORDER BY record_id LIMIT 1) AS q \gset
SELECT :'q'::jsonb AS asked;
SELECT resident_id, resident_name, score, explanation -> 'keys' AS found_by
  FROM grid.find_resident(:'q'::jsonb ->> '身份证号', :'q'::jsonb ->> '姓名', :'q'::jsonb ->> '联系电话', :'q'::jsonb ->> '现住址');
SELECT * FROM grid.parse_address(:'q'::jsonb ->> '现住址');

\echo
\echo '== 8. Grid cells under every village, and today''s reports from every channel =='
-- No public table gives grid boundaries, so the demo lays the villages of
-- each township of Yichang out as a block on a lattice and cuts each village
-- into four cells, each with its grid worker (a member of the village's
-- team); residents are placed in their village's cells.
SET client_min_messages = warning;
INSERT INTO grid.cell (code, name, geom)
SELECT (v.code::text || lpad(q::text, 3, '0'))::grid.division_code,
       v.name || '第' || q || '网格',
       ST_Multi(ST_MakeEnvelope(x0 + ((q - 1) % 2) * 0.01, y0 + ((q - 1) / 2) * 0.01,
                                x0 + ((q - 1) % 2 + 1) * 0.01, y0 + ((q - 1) / 2 + 1) * 0.01, 4326))
  FROM (SELECT code, name,
               dense_rank() OVER (ORDER BY grid.parent(code)) - 1 AS t,
               row_number() OVER (PARTITION BY grid.parent(code) ORDER BY code) - 1 AS i
          FROM grid.division WHERE level = 'village' AND code <@ '4205') v,
       LATERAL (SELECT 110.3 + (t % 11) * 0.17 + (i % 7) * 0.022 AS x0,
                       29.9 + (t / 11) * 0.16 + (i / 7) * 0.022 AS y0) o,
       generate_series(1, 4) q;
-- Every other village's grid workers, one per cell.
INSERT INTO grid.team_member (division, role, name, phone, cell)
SELECT c.division, 'grid_worker',
       (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵'])[1 + (hashtext(c.code::text) & 7)] || '网格员',
       '139' || lpad((c.code::text::bigint * 7919 % 100000000)::text, 8, '0'), c.code
  FROM grid.cell c
 WHERE c.division <> '420503004001';
-- 王家河社区's "1 + 1 + N + K" team and two checkpoints on its edge.
INSERT INTO grid.team_member (division, role, name, phone, cell) VALUES
    ('420503004001', 'doctor', '覃医生', '13907170001', NULL),
    ('420503004001', 'police', '向警官', '13907170002', NULL),
    ('420503004001', 'grid_worker', '李网格员', '13907170011', '420503004001001'),
    ('420503004001', 'grid_worker', '张网格员', '13907170012', '420503004001002'),
    ('420503004001', 'grid_worker', '刘网格员', '13907170013', '420503004001003'),
    ('420503004001', 'grid_worker', '陈网格员', '13907170014', '420503004001004'),
    ('420503004001', 'cadre', '王书记', '13907170021', NULL),
    ('420503004001', 'volunteer', '田志愿者', '13907170031', NULL);
INSERT INTO grid.checkpoint (name, division, geom)
SELECT n, '420503004001', ST_SetSRID(ST_MakePoint(ST_XMin(e) - 0.001 + k * (ST_XMax(e) - ST_XMin(e) + 0.002), ST_YMin(e) + 0.01), 4326)
  FROM (SELECT ST_Extent(geom)::geometry AS e FROM grid.cell WHERE division = '420503004001') x,
       (VALUES (0, '王家河西卡口'), (1, '王家河东卡口')) c(k, n);
INSERT INTO grid.team_checkpoint (division, checkpoint_id)
SELECT '420503004001', id FROM grid.checkpoint WHERE division = '420503004001';
UPDATE grid.resident r SET cell = r.division::text || lpad((1 + abs(hashtext(r.id::text)) % 4)::text, 3, '0');
RESET client_min_messages;
SELECT count(*) AS cells, count(DISTINCT division) AS villages,
       (SELECT count(*) FROM grid.coverage_problems()) AS coverage_problems
  FROM grid.cell;

-- A day of reports: about half by the app (with the phone's position), a
-- fifth by SMS, a fifth by the voice robot, a tenth by grid workers for
-- residents who cannot; some residents do not report; about 1% of records
-- are malformed, some arrive twice, and a few residents have a fever.
SELECT setseed(0.0210) AS seed \gset
CREATE TEMP TABLE day_plan AS
SELECT r.id, r.name, r.phones[1] AS phone, r.division, c.geom AS cell_geom, random() AS u, random() AS v,
       CASE WHEN random() < 0.012 THEN 37.4 + round((random() * 1.6)::numeric, 1)
            ELSE 35.9 + round((random() * 1.2)::numeric, 1) END AS temperature,
       date_trunc('day', now()) + (now() - date_trunc('day', now())) * random() AS at
  FROM grid.resident r JOIN grid.cell c ON c.code::text = r.cell;
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat)
SELECT CASE WHEN v < 0.01 THEN left(id::text, 17) || '?' ELSE id::text END, at::text, temperature::text,
       CASE WHEN temperature >= 37.3 THEN 'cough' ELSE '' END,
       round(ST_X(ST_Centroid(cell_geom))::numeric, 6)::text, round(ST_Y(ST_Centroid(cell_geom))::numeric, 6)::text
  FROM day_plan WHERE u < 0.46;
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat)   -- sent twice
SELECT id_text, reported_at, temperature, symptoms, lon, lat FROM grid.stage_app LIMIT 300;
INSERT INTO grid.stage_sms (phone, sent_at, message)
SELECT phone, at::text,
       CASE WHEN v < 0.01 THEN '收到' WHEN v < 0.3 THEN '体温' || temperature || ' 正常'
            WHEN v < 0.6 THEN translate(temperature::text, '0123456789.', '０１２３４５６７８９．')
            ELSE name || ' ' || temperature || CASE WHEN temperature >= 37.3 THEN ' 咳嗽' ELSE '' END END
  FROM day_plan WHERE u >= 0.46 AND u < 0.64 AND phone IS NOT NULL;
INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer)
SELECT phone, at::text, CASE WHEN v < 0.08 THEN 'no_answer' WHEN v < 0.1 THEN 'refused' ELSE 'answered' END,
       CASE WHEN v >= 0.1 THEN CASE WHEN temperature < 37.3 AND v < 0.5 THEN '正常' ELSE temperature::text END END,
       CASE WHEN v >= 0.1 THEN CASE WHEN temperature >= 37.3 THEN '是' ELSE '否' END END
  FROM day_plan WHERE u >= 0.64 AND u < 0.82 AND phone IS NOT NULL;
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, division)
SELECT '网格员', CASE WHEN v < 0.7 THEN id::text END, name, temperature::text, at::text, division::text
  FROM day_plan WHERE u >= 0.82 AND u < 0.92;
-- The two checkpoints of 王家河社区: residents of the district coming and
-- going (by ID, temperature taken, pass shown), cars, some from Wuhan (鄂A);
-- people without a pass coming in are turned back (劝返).
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate, temperature,
                                   pass_checked, from_epicentre, turned_back)
SELECT k.id::text, (date_trunc('day', now()) + (now() - date_trunc('day', now())) * p.u)::text,
       CASE WHEN p.v < 0.5 THEN '进' ELSE '出' END,
       CASE WHEN p.v < 0.9 THEN p.id::text ELSE p.name END,
       CASE WHEN p.u < 0.3 THEN CASE WHEN p.v < 0.1 THEN '鄂A' ELSE '鄂E' END || lpad((p.n * 7919 % 100000)::text, 5, '0') END,
       p.temperature::text, CASE WHEN p.w < 0.85 THEN '是' ELSE '否' END, NULL,
       CASE WHEN p.v < 0.5 AND p.w >= 0.85 THEN '是' ELSE '否' END
  FROM (SELECT d.*, random() AS w, row_number() OVER () AS n FROM day_plan d
         WHERE d.division <@ '420503' ORDER BY d.id LIMIT 600) p
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM grid.checkpoint WHERE division = '420503004001') k
    ON k.k = (p.n % 2);
-- A few residents are away from home (people in transit on the screening report).
UPDATE grid.resident SET status = 'away' WHERE division <@ '420503' AND abs(hashtext(id::text)) % 250 = 0;
SELECT (SELECT count(*) FROM grid.stage_app) AS app, (SELECT count(*) FROM grid.stage_sms) AS sms,
       (SELECT count(*) FROM grid.stage_voice) AS voice, (SELECT count(*) FROM grid.stage_proxy) AS proxy,
       (SELECT count(*) FROM grid.stage_checkpoint) AS checkpoint;

\echo
\echo '-- ingesting: validate, link (ID, phone, scored matching), locate, deduplicate, fever rule'
SET client_min_messages = warning;
CREATE TEMP TABLE day_batches OF grid.ingest_result;
INSERT INTO day_batches SELECT * FROM grid.ingest_app('demo app');
INSERT INTO day_batches SELECT * FROM grid.ingest_sms('demo sms');
INSERT INTO day_batches SELECT * FROM grid.ingest_voice('demo voice');
INSERT INTO day_batches SELECT * FROM grid.ingest_proxy('demo proxy');
INSERT INTO day_batches SELECT * FROM grid.ingest_checkpoint('demo checkpoints');
RESET client_min_messages;
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons,
       received = accepted + rejected + duplicates AS "received = accepted + rejected + duplicates"
  FROM day_batches ORDER BY batch_id;
SELECT channel, split_part(reason, ':', 1) AS reason, count(*) AS records, min(reason) AS example
  FROM grid.ingest_reject GROUP BY 1, 2 ORDER BY 1, 3 DESC;
SELECT category, count(*) AS open_key_persons FROM grid.key_person WHERE status = 'open' GROUP BY 1 ORDER BY 1;

\echo
\echo '== 9. Today''s reports: temperature monitoring rolled up, the call list, key persons, CSV, the command map, the archive =='
SELECT grid.report_today() AS today \gset
\echo '-- the city totals and its counties'
SELECT level_name, division, name, residents, reported, not_reported, fever, app, sms, voice, proxy, report_rate
  FROM grid.report_temperature(:'today', '4205') WHERE level IN ('city', 'county') ORDER BY division;
\echo '-- 伍家岗区 and its townships'
SELECT level_name, division, name, residents, reported, not_reported, fever, app, sms, voice, proxy, report_rate
  FROM grid.report_temperature(:'today', '420503') WHERE level IN ('county', 'township') ORDER BY division;
\echo '-- 王家河社区 (420503004001), the community of the news report, and its grids'
SELECT '420503004001' AS village \gset
SELECT level_name, division, name, residents, reported, not_reported, fever
  FROM grid.report_temperature(:'today', :'village');
\echo '-- the grid workers'' call list of that village (first 8)'
SELECT cell_name, worker, resident, name, phone, last_report, robot_call
  FROM grid.report_not_reported(:'today', :'village') LIMIT 8;
\echo '-- the checkpoints of that village, and 伍家岗区''s screening totals'
SELECT checkpoint, passages, entering, leaving, people, vehicles, vehicles_from_epicentre, fevers,
       without_pass, turned_back
  FROM grid.report_checkpoints(:'today', :'village');
SELECT level_name, name, households, persons, returnees_from_epicentre, vehicles_from_epicentre, in_transit
  FROM grid.report_screening(:'today', '420503') WHERE level IN ('county', 'township');
\echo '-- key persons of 伍家岗区 by category'
SELECT category, sum(under_observation) AS under_observation, sum(new_today) AS new_today
  FROM grid.report_key_person_counts(:'today', '420503') GROUP BY 1 ORDER BY 1;
\echo '-- the temperature report as CSV for Excel: its first bytes (BOM) and lines'
SELECT encode(substr(grid.report_csv('temperature', :'today', :'village', 'excel'), 1, 3), 'hex') AS bom,
       length(grid.report_csv('temperature', :'today', '420503', 'excel')) AS bytes_for_the_county;
SELECT line FROM regexp_split_to_table(convert_from(substr(grid.report_csv('temperature', :'today', :'village', 'excel'), 4), 'UTF8'),
                                       E'\r\n') AS line WHERE line <> '' LIMIT 4;
\echo '-- the command map (作战图) of the village''s township, as SVG'
SELECT grid.ancestor(:'village'::grid.division_code, 'township') AS township \gset
SELECT length(svg) AS svg_chars, xml_is_well_formed_document(svg) AS well_formed,
       (xpath('count(//s:path[@class="cell"])', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS cells_drawn
  FROM (SELECT grid.command_map(:'township', :'today') AS svg) m;
\echo '-- snapshot of the day''s reports for 伍家岗区 (run nightly by pg_cron where installed)'
SELECT * FROM grid.archive_reports(:'today', '420503');
