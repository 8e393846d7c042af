-- The demo (run by test/demo).  One call, grid.synth_city, makes the city:
-- everything below is reproducible from its seed on the day it runs.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
ALTER DATABASE yichang SET search_path = "$user", public, grid;
ALTER DATABASE yichang SET session_preload_libraries = 'grid';
CREATE EXTENSION grid CASCADE;
RESET client_min_messages;
SET search_path = "$user", public, grid;
SET TimeZone = 'Asia/Shanghai';

\echo
\echo '== 0. The real divisions of Yichang, shipped with the extension =='
SELECT level, count(*) AS divisions FROM grid.division WHERE code <@ '4205' GROUP BY level
 ORDER BY min(length(code::text));
SELECT code, name, grid.division_path(code) AS path
  FROM grid.division WHERE parent = '420503' ORDER BY code;

\echo
\echo '== 1. A whole city in one call: grid.synth_city(residents, division, seed) =='
-- The registry (households, standard addresses, residents), the map (cells
-- and checkpoints), the teams, and today from midnight to now: reports from
-- every channel, a returnee list, key persons, services, each through the
-- function a city would call.
SET client_min_messages = warning;
SELECT * FROM grid.synth_city(:residents, :'division', 2020);
RESET client_min_messages;
\echo '-- age and sex against the 2020 census (Hubei: men 51.42 %)'
SELECT b.age_from || '-' || b.age_to AS ages, b.per_cent AS census_pct,
       round(100.0 * count(r.id) / sum(count(r.id)) OVER (), 2) AS registry_pct,
       round(100.0 * count(r.id) FILTER (WHERE r.sex = 'M') / nullif(count(r.id), 0), 2) AS men_pct
  FROM grid.synth_census_bands() b
  LEFT JOIN grid.resident r
    ON r.division <@ :'division' AND grid.age(r.id) BETWEEN b.age_from AND b.age_to
 GROUP BY b.age_from, b.age_to, b.per_cent ORDER BY b.age_from;
\echo '-- households and standard addresses'
SELECT count(DISTINCT r.household_id) AS households, round(count(*)::numeric / count(DISTINCT r.household_id), 2) AS persons_per_household,
       count(DISTINCT r.address_id) AS standard_addresses
  FROM grid.resident r WHERE r.division <@ :'division';
SELECT full_text AS "标准地址 (examples)" FROM grid.standard_address
 WHERE division <@ :'division' AND id % 9973 = 1 ORDER BY id LIMIT 4;
\echo '-- density: residents per community (社区) and village (村), by township'
SELECT grid.division_name(grid.ancestor(v.division, 'township')) AS township,
       count(*) FILTER (WHERE grid.division_name(v.division) ~ '社区') AS communities,
       count(*) FILTER (WHERE grid.division_name(v.division) !~ '社区') AS villages,
       sum(v.n) AS residents, min(v.n) AS smallest, round(avg(v.n)) AS average, max(v.n) AS largest
  FROM (SELECT division, count(*) AS n FROM grid.resident WHERE division <@ :'division' GROUP BY division) v
 GROUP BY 1 ORDER BY 1 LIMIT 12;

\echo
\echo '== 2. A door-to-door survey as typed by grid workers, sorted into good and bad rows =='
-- Typing habits: full-width digits from a Chinese input method, lower-case x,
-- stray spaces, old 15-digit cards, and a few slips of the finger (each
-- picked by a hash of the ID, so the survey is the same every run).
CREATE SCHEMA demo;
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
  FROM (SELECT id, name, abs(hashtext('survey:' || id::text)) % 40 AS k FROM grid.resident
         WHERE division <@ :'division' ORDER BY hashtext('sample:' || id::text), id LIMIT 20000) s;
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
SELECT count(*) AS accepted_rows_found_in_registry
  FROM demo.survey_accepted a JOIN grid.resident r USING (id);

\echo
\echo '== 3. Look a person up by ID number, as a checkpoint worker types it =='
SELECT r.id AS "身份证号", grid.mask(r.id) AS "报表显示", r.name AS "姓名",
       CASE grid.sex(r.id) WHEN 'M' THEN '男' ELSE '女' END AS "性别",
       grid.birth_date(r.id) AS "出生日期", grid.age(r.id) AS "年龄",
       grid.address_code(r.id) AS "发证地代码", a.full_text AS "住址", r.cell AS "网格"
  FROM grid.resident r JOIN grid.standard_address a ON a.id = r.address_id
 WHERE r.id = (SELECT translate(id::text, '0123456789X', '０１２３４５６７８９ｘ')
                 FROM grid.resident WHERE division <@ :'division' ORDER BY id LIMIT 1 OFFSET 1000)::grid.resident_id;
EXPLAIN (COSTS OFF)
SELECT * FROM grid.resident WHERE id = '420503199003071230';
EXPLAIN (COSTS OFF) SELECT count(*) FROM grid.resident WHERE division <@ '420503004';

\echo
\echo '== 4. Residents by county of issue and age band =='
SELECT grid.address_code(id) AS county_code, grid.division_name(grid.address_code(id)) AS county,
       count(*) AS residents,
       count(*) FILTER (WHERE grid.age(id) < 18) AS under_18,
       count(*) FILTER (WHERE grid.age(id) BETWEEN 18 AND 59) AS aged_18_59,
       count(*) FILTER (WHERE grid.age(id) >= 60) AS aged_60_plus
  FROM grid.resident WHERE division <@ :'division' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 8;

\echo
\echo '== 5. Today''s returnee list: as received, linked to the registry, registered as returnees =='
-- Corrupted as such lists are: homophones, fuzzy pinyin, traditional
-- characters, mistyped and 15-digit IDs, missing phones, addresses in
-- shorthand, people not registered.
SELECT max(id) AS batch FROM grid.source_batch WHERE source = 'returnee' \gset
SELECT raw AS "返乡人员名单 (as received)", corruptions
  FROM grid.source_record JOIN grid.synthetic_truth USING (record_id)
 WHERE batch_id = :batch ORDER BY record_id LIMIT 5;
SELECT count(*) FILTER (WHERE l.decision = 'link') AS linked,
       round(100.0 * count(*) FILTER (WHERE l.decision = 'link' AND l.resident_id = t.resident_id)
             / nullif(count(*) FILTER (WHERE l.decision = 'link'), 0), 2) AS precision_pct,
       round(100.0 * count(*) FILTER (WHERE l.decision = 'link' AND l.resident_id = t.resident_id)
             / nullif(count(*) FILTER (WHERE t.resident_id IS NOT NULL), 0), 2) AS recall_pct,
       count(*) FILTER (WHERE l.decision = 'review') AS to_review,
       count(*) FILTER (WHERE l.decision = 'no_link') AS not_registered
  FROM grid.record_link l JOIN grid.synthetic_truth t USING (record_id) WHERE l.batch_id = :batch;
-- One decision, explained field by field.
SELECT s.raw ->> '姓名' AS "名单上的姓名", r.name AS "登记姓名", l.decision, l.score,
       l.explanation -> 'name' AS name, l.explanation -> 'id' AS id, l.explanation -> 'address' AS address
  FROM grid.record_link l JOIN grid.source_record s USING (record_id) JOIN grid.resident r ON r.id = l.resident_id
 WHERE l.batch_id = :batch AND l.explanation #>> '{name,level}' = 'homophone' AND l.decision = 'link'
 ORDER BY l.record_id LIMIT 2;
\echo '-- registered returnees (grid.register_returnee), by origin and whether linked'
SELECT CASE WHEN origin <@ grid.epicentre() THEN '武汉 (epicentre)' WHEN origin IS NOT NULL THEN 'elsewhere (code)'
            ELSE 'elsewhere: ' || origin_text END AS origin,
       count(*) AS returnees, count(resident_id) AS linked_to_a_resident,
       count(*) FILTER (WHERE arrival_date + grid.observation_days() >= grid.report_today()) AS within_14_days,
       count(vehicle_plate) AS by_car
  FROM grid.returnee WHERE division <@ :'division' GROUP BY 1 ORDER BY 2 DESC;

\echo
\echo '== 6. Find a person from what a caller says: a homophone name, a mistyped ID, an address in shorthand =='
SELECT (SELECT raw FROM grid.source_record s JOIN grid.synthetic_truth t USING (record_id)
         WHERE s.batch_id = :batch AND t.resident_id IS NOT NULL
         ORDER BY t.corruptions @> '{homophone}' DESC, t.corruptions @> '{id_digit}' DESC,
                  cardinality(t.corruptions) DESC, record_id LIMIT 1) AS q \gset
SELECT :'q'::jsonb AS asked;
SELECT resident_id, resident_name, score, explanation -> 'keys' AS found_by
  FROM grid.find_resident(:'q'::jsonb ->> '身份证号', :'q'::jsonb ->> '姓名', :'q'::jsonb ->> '联系电话', :'q'::jsonb ->> '现住址');
SELECT * FROM grid.parse_address(:'q'::jsonb ->> '现住址');

\echo
\echo '== 7. The map and the teams =='
-- A whole county is drawn inside its real outline (grid.synth_geography:
-- townships, villages, and the same number of cells in each village, about
-- 300 households a cell on average); a smaller division as squares on a
-- lattice (grid.synth_city_map).  No gap, no overlap: coverage_problems 0.
SELECT count(*) AS cells, count(DISTINCT division) AS villages,
       round(avg(n)) AS residents_per_cell, max(n) AS largest_cell,
       (SELECT count(*) FROM grid.coverage_problems()) AS coverage_problems
  FROM grid.cell c
  CROSS JOIN LATERAL (SELECT count(*) AS n FROM grid.resident r WHERE r.division = c.division AND r.cell = c.code::text) x
 WHERE c.code <@ :'division';
\echo '-- the "1 + 1 + N + K" teams of 伍家岗街道''s first communities'
SELECT t.division, grid.division_name(t.division) AS village, t.doctor, t.police, t.grid_workers, t.cadres,
       t.volunteers, t.checkpoints, t.complete
  FROM grid.team t WHERE t.division <@ '420503004' ORDER BY t.division LIMIT 6;

\echo
\echo '== 8. Today''s ingestion, one batch per request or channel =='
SELECT channel, count(*) AS batches, sum(received) AS received, sum(accepted) AS accepted, sum(rejected) AS rejected,
       sum(duplicates) AS duplicates, sum(unlinked) AS waiting_for_review, sum(fevers) AS fevers,
       sum(new_key_persons) AS new_key_persons,
       bool_and(received = accepted + rejected + duplicates) AS "received = accepted + rejected + duplicates"
  FROM grid.ingest_batch GROUP BY channel ORDER BY min(id);
\echo '-- every reject kept, with its reason'
SELECT channel, regexp_replace(reason, '(: ).*', '\1…') AS reason, count(*) AS records, min(reason) AS example
  FROM grid.ingest_reject GROUP BY 1, 2 ORDER BY 1, 3 DESC;
\echo '-- what the app''s backend got back from grid.submit, per record'
SELECT outcome, count(*) AS records, min(reason) AS example_reason
  FROM grid.submitted_record GROUP BY 1 ORDER BY 2 DESC;
\echo '-- records waiting for a grid worker to pick the resident (grid.report_review)'
SELECT channel, count(*) AS waiting FROM grid.report_review GROUP BY 1 ORDER BY 1;

\echo
\echo '== 9. Today''s reports: temperature rolled up, the call list, checkpoints, screening, returnees, key persons, services, teams, CSV, the command map, the archive =='
SELECT grid.report_today() AS today \gset
\echo '-- the city totals and its counties that have residents'
SELECT level_name, division, name, residents, reported, not_reported, fever, app, sms, voice, proxy, checkpoint, report_rate
  FROM grid.report_temperature(:'today', '4205') WHERE level IN ('city', 'county') AND residents > 0 ORDER BY division;
\echo '-- 伍家岗区 and its townships'
SELECT level_name, division, name, residents, reported, not_reported, fever, app, sms, voice, proxy, report_rate
  FROM grid.report_temperature(:'today', '420503') WHERE level IN ('county', 'township') ORDER BY division;
\echo '-- 王家河社区 (420503004001), the community of the news report, and its grids'
SELECT '420503004001' AS village \gset
SELECT level_name, division, name, residents, reported, not_reported, fever
  FROM grid.report_temperature(:'today', :'village') WHERE level IN ('village', 'grid');
\echo '-- the grid workers'' call list of that community (first 8)'
SELECT cell_name, worker, resident, name, phone, last_report, robot_call
  FROM grid.report_not_reported(:'today', :'village') LIMIT 8;
\echo '-- the checkpoints of 伍家岗街道'
SELECT checkpoint, passages, entering, leaving, people, vehicles, vehicles_from_epicentre, fevers,
       without_pass, turned_back
  FROM grid.report_checkpoints(:'today', '420503004');
\echo '-- 伍家岗区''s screening: households and people screened, returnees and vehicles from Wuhan, people in transit'
SELECT level_name, name, households, persons, returnees_from_epicentre, vehicles_from_epicentre, in_transit
  FROM grid.report_screening(:'today', '420503') WHERE level IN ('county', 'township');
\echo '-- returnees of 伍家岗区'
SELECT level_name, name, new_today, new_from_epicentre, under_observation, ending_today, total
  FROM grid.report_returnees(:'today', '420503') WHERE level IN ('county', 'township');
\echo '-- key persons of 伍家岗区 by category'
SELECT category, sum(under_observation) AS under_observation, sum(new_today) AS new_today,
       sum(released_today) AS released_today
  FROM grid.report_key_person_counts(:'today', '420503') GROUP BY 1 ORDER BY 1;
\echo '-- key persons of 伍家岗区: one of each category'
SELECT DISTINCT ON (category) category, village_name, resident, since, period_end, days_left,
       latest_temperature, latest_channel
  FROM grid.report_key_persons(:'today', '420503') ORDER BY category, village_name, resident;
\echo '-- services of 伍家岗区 by kind'
SELECT kind, sum(new_today) AS new_today, sum(open) AS open, sum(taken) AS taken, sum(done_today) AS done_today,
       sum(cancelled_today) AS cancelled_today
  FROM grid.report_services(:'today', '420503') GROUP BY 1 ORDER BY 1;
\echo '-- teams of 伍家岗区 with a gap'
SELECT village_name, doctor, police, grid_workers, cells, checkpoints, missing
  FROM grid.report_teams(:'today', '420503');
\echo '-- the temperature report as CSV for Excel: its first bytes (BOM) and lines'
SELECT encode(substr(grid.report_csv('temperature', :'today', :'village', 'excel'), 1, 3), 'hex') AS bom,
       length(grid.report_csv('temperature', :'today', '420503', 'excel')) AS bytes_for_the_county;
SELECT line FROM regexp_split_to_table(convert_from(substr(grid.report_csv('temperature', :'today', :'village', 'excel'), 4), 'UTF8'),
                                       E'\r\n') AS line WHERE line <> '' LIMIT 4;
\echo '-- the command map (作战图) of the community, as SVG (test/demo also draws its township''s)'
SELECT length(svg) AS svg_chars, xml_is_well_formed_document(svg) AS well_formed,
       (xpath('count(//s:path[@class="cell"])', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS cells_drawn
  FROM (SELECT grid.command_map(:'village', :'today') AS svg) m;
\echo '-- snapshot of the day''s reports for 伍家岗区 (run nightly by pg_cron where installed)'
SELECT * FROM grid.archive_reports(:'today', '420503');
\echo '-- the command maps of every level: no two labels overlap, none leaves the canvas'
SELECT d AS division, p.problem, p.label, p.other
  FROM unnest(ARRAY['4205', '420503', '420503004', :'village']) d,
       grid.map_label_problems(grid.command_map(d::grid.division_code, :'today')) p;
SELECT count(*) = 0 AS maps_legible
  FROM unnest(ARRAY['4205', '420503', '420503004', :'village']) d,
       grid.map_label_problems(grid.command_map(d::grid.division_code, :'today')) p \gset
\if :maps_legible
\echo '   every level''s map: legible'
\else
DO $$ BEGIN RAISE EXCEPTION 'a command map has labels that overlap or leave the canvas (listed above)'; END $$;
\endif
