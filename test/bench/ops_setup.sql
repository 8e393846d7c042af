-- Benchmark fixture for test/bench/ops.sh: a registry of :residents
-- residents on Yichang's 1,650 real villages (one standard address each),
-- 5 grid cells under each village (a lattice of 0.002-degree squares), and
-- the :records mixed channel records as CSV files (app 50%, SMS 20%, voice
-- 20%, proxy 10%; about 1% malformed, 0.5% repeated).
--
-- The registry is generated here in one INSERT ... SELECT (resident k has
-- a computable ID, phone and name, so records refer to residents without a
-- join); grid.synth_registry (plpgsql, households and addresses) is made
-- for realism, not for 4 million rows in a benchmark's set-up.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET search_path = public, grid;

CREATE TABLE bench_village AS
SELECT row_number() OVER (ORDER BY code) - 1 AS k, code::text AS code
  FROM grid.division WHERE level = 'village' AND code OPERATOR(grid.<@) '4205';

SELECT array_agg(code ORDER BY k)::text AS villages FROM bench_village \gset
-- The village and ID of resident k (1-based): birth date and sequence
-- make the ID unique.
CREATE FUNCTION bench_village(k bigint) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN (:'villages'::text[])[1 + k % 1650];
CREATE FUNCTION bench_id(k bigint) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN grid.synth_with_check(left(bench_village(k), 6)
        || to_char(DATE '1940-01-01' + (k % 29200)::int, 'YYYYMMDD') || lpad(((k / 29200) % 1000)::text, 3, '0'));
CREATE TABLE bench_given (k int, c text);
INSERT INTO bench_given SELECT row_number() OVER () - 1, c
  FROM regexp_split_to_table('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏辉玲建国林峰燕斌宇浩凯鑫晨欣怡雪琳', '') c;
CREATE TABLE bench_surname (k int, s text);
INSERT INTO bench_surname SELECT row_number() OVER () - 1, s
  FROM regexp_split_to_table('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武', '') s;

SELECT (SELECT count(*) FROM bench_surname) AS ns, (SELECT count(*) FROM bench_given) AS ng \gset
-- One standard address per village (its full name), so that a name
-- matched within the worker's village weighs the village too.
INSERT INTO grid.standard_address (id, division, full_text)
SELECT 800000 + k, code::grid.division_code, grid.division_path(code::grid.division_code, '') FROM bench_village;
\echo == registry
\timing on
INSERT INTO grid.resident (id, name, phones, address_id, division)
SELECT grid.synth_with_check(left(v.code, 6) || to_char(DATE '1940-01-01' + (g.k % 29200)::int, 'YYYYMMDD')
                             || lpad(((g.k / 29200) % 1000)::text, 3, '0')),
       s.s || g1.c || CASE WHEN g.k % 3 = 0 THEN '' ELSE g2.c END,
       ARRAY['13' || lpad(g.k::text, 9, '0')], 800000 + v.k,
       v.code::grid.division_code
  FROM generate_series(1, :residents) g(k)
  JOIN bench_village v ON v.k = g.k % 1650
  JOIN bench_surname s ON s.k = (hashint8(g.k) & 1023) % :ns
  JOIN bench_given g1 ON g1.k = ((hashint8(g.k) >> 10) & 1023) % :ng
  JOIN bench_given g2 ON g2.k = ((hashint8(g.k) >> 20) & 1023) % :ng;
\timing off
SELECT grid.refresh_name_frequency() AS residents;
ANALYZE grid.resident;

-- Cells: village j gets cells 001-005 in row j of the lattice.
INSERT INTO grid.cell (code, name, geom)
SELECT (v.code || lpad(c::text, 3, '0'))::grid.division_code, '网格' || c,
       ST_Multi(ST_MakeEnvelope(111.0 + c * 0.002, 30.0 + v.k * 0.002, 111.002 + c * 0.002, 30.002 + v.k * 0.002, 4326))
  FROM bench_village v, generate_series(1, 5) c;

-- Records.  Record i of a channel is about resident k(i), a permutation of
-- the registry, so that no two records of a channel share a resident by
-- chance; i % 100 = 0 is malformed (its kind cycles), i % 200 = 3 repeats
-- record i - 1.
CREATE FUNCTION bench_k(i bigint, salt bigint) RETURNS bigint LANGUAGE sql IMMUTABLE
    RETURN 1 + ((i * 2654435761 + salt) % :residents);
CREATE FUNCTION bench_time(i bigint) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN to_char(TIMESTAMP '2020-02-10 06:00' + (i % 900) * interval '1 minute', 'YYYY-MM-DD HH24:MI');
CREATE FUNCTION bench_temp(i bigint) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN hashint8(i) % 50 = 0 THEN '37.' || (5 + abs(hashint8(i)) % 5) ELSE '36.' || (abs(hashint8(i)) % 9) END;

\set app (:records / 2)
\set sms (:records / 5)
\set voice (:records / 5)
\set proxy (:records / 10)

CREATE TABLE bench_app AS
SELECT CASE WHEN i % 100 = 0 AND (i / 100) % 4 = 0 THEN left(bench_id(k), 17) || 'Z' ELSE bench_id(k) END AS id_text,
       CASE WHEN i % 100 = 0 AND (i / 100) % 4 = 1 THEN '2099-01-01 08:00' ELSE bench_time(j) END AS reported_at,
       CASE WHEN i % 100 = 0 AND (i / 100) % 4 = 2 THEN '48.5' ELSE bench_temp(j) END AS temperature,
       CASE WHEN i % 100 = 0 AND (i / 100) % 4 = 3 THEN 'sneezing' WHEN i % 37 = 0 THEN 'cough' ELSE '' END AS symptoms,
       CASE WHEN i % 3 = 0 THEN (111.0 + (1 + k % 5) * 0.002 + 0.001)::text END AS lon,
       CASE WHEN i % 3 = 0 THEN (30.0 + (k % 1650) * 0.002 + 0.001)::text END AS lat
  FROM generate_series(1, :app) i
 CROSS JOIN LATERAL (SELECT CASE WHEN i % 200 = 3 THEN i - 1 ELSE i END AS j) r
 CROSS JOIN LATERAL (SELECT bench_k(r.j, 0) AS k) x;

CREATE TABLE bench_sms AS
SELECT CASE WHEN i % 100 = 0 AND (i / 100) % 2 = 0 THEN '12345' ELSE '+86 ' || '13' || lpad(k::text, 9, '0') END AS phone,
       bench_time(j) AS sent_at,
       CASE WHEN i % 100 = 0 AND (i / 100) % 2 = 1 THEN '今天很好'
            WHEN i % 4 = 0 THEN '体温' || bench_temp(j) || ' 正常'
            WHEN i % 4 = 1 THEN bench_temp(j)
            WHEN i % 4 = 2 THEN replace(bench_temp(j), '.', '度')
            ELSE bench_temp(j) || ' 无咳嗽' END AS message
  FROM generate_series(1, :sms) i
 CROSS JOIN LATERAL (SELECT CASE WHEN i % 200 = 3 THEN i - 1 ELSE i END AS j) r
 CROSS JOIN LATERAL (SELECT bench_k(r.j, 1000003) AS k) x;

CREATE TABLE bench_voice AS
SELECT '13' || lpad(k::text, 9, '0') AS phone, bench_time(j) AS called_at,
       CASE WHEN i % 100 = 0 THEN 'busy' WHEN i % 15 = 0 THEN 'no_answer' WHEN i % 33 = 0 THEN 'refused'
            ELSE 'answered' END AS outcome,
       CASE WHEN i % 15 = 0 OR i % 33 = 0 THEN NULL WHEN i % 2 = 0 THEN '正常' ELSE bench_temp(j) END AS temperature_answer,
       CASE WHEN i % 15 = 0 OR i % 33 = 0 THEN NULL WHEN i % 41 = 0 THEN '有' ELSE '否' END AS symptoms_answer
  FROM generate_series(1, :voice) i
 CROSS JOIN LATERAL (SELECT CASE WHEN i % 200 = 3 THEN i - 1 ELSE i END AS j) r
 CROSS JOIN LATERAL (SELECT bench_k(r.j, 2000003) AS k) x;

-- Proxy: 1% of records give a name instead of the ID (scored matching).
CREATE TABLE bench_proxy AS
SELECT '网格员' || (k % 11000) AS worker,
       CASE WHEN i % 100 = 50 THEN NULL ELSE bench_id(k) END AS id_text,
       CASE WHEN i % 100 = 50 THEN (SELECT name FROM grid.resident WHERE id OPERATOR(grid.=) bench_id(k)::grid.resident_id) END AS name,
       CASE WHEN i % 100 = 0 THEN '高烧' ELSE replace(bench_temp(j), '.', '度') END AS temperature,
       bench_time(j) AS reported_at, NULL::text AS symptoms,
       bench_village(k) AS division
  FROM generate_series(1, :proxy) i
 CROSS JOIN LATERAL (SELECT CASE WHEN i % 200 = 3 THEN i - 1 ELSE i END AS j) r
 CROSS JOIN LATERAL (SELECT bench_k(r.j, 3000017) AS k) x;

COPY bench_app TO :'dir_app' (FORMAT csv);
COPY bench_sms TO :'dir_sms' (FORMAT csv);
COPY bench_voice TO :'dir_voice' (FORMAT csv);
COPY bench_proxy TO :'dir_proxy' (FORMAT csv);
SELECT (SELECT count(*) FROM bench_app) AS app, (SELECT count(*) FROM bench_sms) AS sms,
       (SELECT count(*) FROM bench_voice) AS voice, (SELECT count(*) FROM bench_proxy) AS proxy;
DROP TABLE bench_app, bench_sms, bench_voice, bench_proxy;

-- The floor: the same rows into tables of the same columns, no indexes.
CREATE TABLE floor_app (LIKE grid.stage_app INCLUDING DEFAULTS);
CREATE TABLE floor_sms (LIKE grid.stage_sms INCLUDING DEFAULTS);
CREATE TABLE floor_voice (LIKE grid.stage_voice INCLUDING DEFAULTS);
CREATE TABLE floor_proxy (LIKE grid.stage_proxy INCLUDING DEFAULTS);
CREATE TABLE bench_time (step text, at timestamptz DEFAULT clock_timestamp());
CHECKPOINT;
