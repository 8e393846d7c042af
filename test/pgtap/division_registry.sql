-- pgTAP: grid.division's shape, the shipped Yichang rows as a whole, and the
-- loader's accounting over a generated file with many kinds of bad rows.
BEGIN;
SELECT plan(34);
SET LOCAL search_path = public, grid;

-- Shape.
SELECT has_table('grid', 'division', 'grid.division exists');
SELECT col_is_pk('grid', 'division', 'code', 'code is the primary key');
SELECT col_type_is('grid', 'division', 'code', 'grid', 'division_code', 'code is a grid.division_code');
SELECT col_type_is('grid', 'division', 'parent', 'grid', 'division_code', 'parent is a grid.division_code');
SELECT fk_ok('grid', 'division', 'parent', 'grid', 'division', 'code');
SELECT is((SELECT condeferrable FROM pg_constraint WHERE conname = 'division_parent_fkey'
             AND conrelid = 'grid.division'::regclass), true, 'the parent key is deferrable');
SELECT has_index('grid', 'division', 'division_parent_idx', 'children are indexed');
SELECT is((SELECT x.cond FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
            WHERE e.extname = 'grid' AND x.oid = 'grid.division'::regclass),
          'WHERE NOT shipped', 'pg_dump keeps loaded rows, not shipped ones');
SELECT volatility_is('grid', 'division_name', ARRAY['division_code'], 'stable', 'division_name is STABLE');
SELECT volatility_is('grid', 'division_path', ARRAY['division_code', 'text'], 'stable', 'division_path is STABLE');
SELECT ok(NOT has_function_privilege('public', 'grid.load_divisions(text, text)', 'EXECUTE'),
          'PUBLIC cannot run the server-side loader');

-- The shipped rows, as a whole.
SELECT results_eq(
    $$SELECT level, count(*) FROM grid.division GROUP BY level ORDER BY min(length(code::text))$$,
    $$VALUES ('province', 1::bigint), ('city', 1), ('county', 13), ('township', 113), ('village', 1650)$$,
    'Yichang: 13 counties, 113 townships, 1,650 villages');
SELECT is((SELECT count(*) FROM grid.division WHERE NOT (code <@ '4205' OR code = '42')), 0::bigint,
          'everything shipped is Hubei or under Yichang');
SELECT is((SELECT count(*) FROM grid.division d
            WHERE d.parent IS NOT NULL AND NOT EXISTS (SELECT FROM grid.division p WHERE p.code = d.parent)),
          0::bigint, 'every parent exists');
SELECT is((SELECT count(*) FROM grid.division c
            WHERE c.level = 'county'
              AND (SELECT count(*) FROM grid.division v WHERE v.code <@ c.code AND v.level = 'village')
               <> (SELECT count(*) FROM grid.division v
                    WHERE v.level = 'village' AND v.code::text LIKE c.code::text || '%')),
          0::bigint, 'subtree by operator agrees with subtree by text prefix');
SELECT is((SELECT count(*) FROM grid.division
            WHERE level = 'village' AND name ~ '委'),
          5::bigint, 'only the five 居委会 not called 社区 keep the committee in their name');
SELECT is((SELECT count(*) FROM grid.division
            WHERE grid.division_path(code) <> (SELECT string_agg(a.name, ' ' ORDER BY a.code)
                                                 FROM grid.division a WHERE a.code @> division.code)),
          0::bigint, 'division_path is the names of the ancestors, for every row');
SELECT is(grid.division_path('420503004001'), '湖北省 宜昌市 伍家岗区 伍家岗街道 王家河社区', 'path of 王家河社区');
SELECT is(grid.division_name('420581104'), '枝城镇', '420581104 is 枝城镇');

-- Reloading what is shipped, rebuilt from the table, changes nothing.
SET LOCAL client_min_messages = warning;
SELECT results_eq(
    $$SELECT rows_in, accepted, inserted, updated, merged, rejected
        FROM grid.load_division_csv('villages.csv',
               'code,name,streetCode,provinceCode,cityCode,areaCode' || E'\n'
            || (SELECT string_agg(format('%s,"%s",%s,%s,%s,%s', code, official_name, parent,
                                         left(code::text, 2), left(code::text, 4), left(code::text, 6)),
                                  E'\n' ORDER BY code)
                  FROM grid.division WHERE level = 'village'))$$,
    $$VALUES (1650::bigint, 1650::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint)$$,
    'reloading the shipped villages changes nothing');

-- A generated township file: 900 lines, eight kinds of bad line ten times
-- each (at n % 90 = 10, 20, ... 80), the other 820 rows new and valid.
CREATE TEMP TABLE gen AS
SELECT g AS n,
       CASE g % 90
           WHEN 10 THEN format('420503%s,"镇%s"', 300 + g / 2, g)                        -- too few fields
           WHEN 20 THEN format('4205030%s,"镇%s",420503,42,4205', 300 + g / 2, g)        -- ten digits
           WHEN 30 THEN format('420503%s," ",420503,42,4205', 300 + g / 2)               -- no name
           WHEN 40 THEN format('420503%s,"镇%s",420502,42,4205', 300 + g / 2, g)         -- wrong areaCode
           WHEN 50 THEN format('420599%s,"镇%s",420599,42,4205', 300 + g / 2, g)         -- no parent
           WHEN 60 THEN format('420503%s,"镇%s,420503,42,4205', 300 + g / 2, g)          -- open quote
           WHEN 70 THEN ''                                                              -- empty line
           WHEN 80 THEN '420503004,"伍家岗街道",420503,42,4205'                          -- one code, ten times
           ELSE CASE WHEN g % 2 = 0 THEN format('420503%s,"镇%s",420503,42,4205', 300 + g / 2, g)
                     ELSE format('420502%s,"镇%s",420502,42,4205', 300 + g / 2, g) END
       END AS line
  FROM generate_series(1, 900) g;
CREATE TEMP TABLE summary AS
SELECT * FROM grid.load_division_csv('generated.csv',
    'code,name,areaCode,provinceCode,cityCode' || E'\n' || (SELECT string_agg(line, E'\n' ORDER BY n) FROM gen));
SELECT is((SELECT rows_in FROM summary), 900::bigint, 'every line is counted');
SELECT is((SELECT accepted + merged + rejected FROM summary), 900::bigint, 'rows in = accepted + merged + rejected');
-- 420503004 (伍家岗街道, shipped) is accepted once, unchanged; its nine
-- repeats are rejected.
SELECT results_eq($$SELECT accepted, inserted, updated, rejected FROM summary$$,
                  $$VALUES (821::bigint, 820::bigint, 0::bigint, 79::bigint)$$,
                  'the 820 new rows inserted, the shipped one unchanged, 79 rejected');
SELECT results_eq(
    $$SELECT e.line % 90, count(*) FROM grid.division_load_error e, summary s
       WHERE e.load_id = s.load_id GROUP BY 1 ORDER BY 1$$,
    $$VALUES (11::bigint, 10::bigint), (21, 10), (31, 10), (41, 10), (51, 10), (61, 10), (71, 10), (81, 9)$$,
    'the rejected rows are the broken lines, numbered from the header as line 1');
SELECT is((SELECT count(*) FROM grid.division_load_error e, summary s
            WHERE e.load_id = s.load_id
              AND e.reason !~ CASE e.line % 90
                      WHEN 11 THEN '^expected 5 fields, found 2$'
                      WHEN 21 THEN '^code "4205030\d{3}" is not 9 digits$'
                      WHEN 31 THEN '^name is empty$'
                      WHEN 41 THEN '^areaCode "420502" is not the first 6 digits of the code$'
                      WHEN 51 THEN '^parent 420599 is not in grid.division$'
                      WHEN 61 THEN '^malformed CSV quoting$'
                      WHEN 71 THEN '^empty line$'
                      WHEN 81 THEN '^code 420503004 already appears on line 81$' END),
          0::bigint, 'each rejected row carries the reason for its kind');
SELECT is((SELECT count(*) FROM grid.division WHERE source = 'generated.csv'), 820::bigint,
          'the new rows have the file as their source');
SELECT results_eq(
    $$SELECT rows_in, accepted, inserted, updated, rejected
        FROM grid.load_division_csv('generated.csv',
             'code,name,areaCode,provinceCode,cityCode' || E'\n' || (SELECT string_agg(line, E'\n' ORDER BY n) FROM gen))$$,
    $$VALUES (900::bigint, 821::bigint, 0::bigint, 0::bigint, 79::bigint)$$,
    'loading it again inserts nothing and rejects the same rows');

-- Shipped rows stay as CREATE EXTENSION made them: pg_dump leaves them out,
-- so a restore would undo any change.
CREATE TEMP TABLE shipped_before AS SELECT * FROM grid.division WHERE shipped;
SELECT throws_ok($$UPDATE grid.division SET name = '王家河新社区' WHERE code = '420503004001'$$,
                 '55000', NULL, 'a shipped division cannot be renamed');
SELECT throws_ok($$UPDATE grid.division SET source = 'NBS 2024' WHERE code <@ '420503'$$,
                 '55000', NULL, 'nor given another source');
SELECT throws_ok($$DELETE FROM grid.division WHERE code = '420503004001'$$,
                 '55000', NULL, 'nor deleted');
SELECT throws_ok($$INSERT INTO grid.division (code, name, official_name, shipped) VALUES ('420503004901', '新建社区', '新建社区', true)$$,
                 '55000', NULL, 'a new division cannot be marked shipped');
SELECT results_eq(
    $$SELECT rows_in, accepted, inserted, updated, merged, rejected
        FROM grid.load_division_csv('villages.csv',
               'code,name,streetCode,provinceCode,cityCode,areaCode' || E'\n'
            || (SELECT string_agg(format('%s,"%s",%s,%s,%s,%s', code, official_name || '一', parent,
                                         left(code::text, 2), left(code::text, 4), left(code::text, 6)),
                                  E'\n' ORDER BY code)
                  FROM grid.division WHERE level = 'village' AND shipped))$$,
    $$VALUES (1650::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 1650::bigint)$$,
    'a file renaming every shipped village rejects each row');
SELECT results_eq(
    $$SELECT rows_in, accepted, inserted, updated, merged, rejected
        FROM grid.load_division_csv('villages.csv',
               'code,name,streetCode,provinceCode,cityCode,areaCode' || E'\n'
            || (SELECT string_agg(format('%s,"%s",%s,%s,%s,%s', code, official_name, parent,
                                         left(code::text, 2), left(code::text, 4), left(code::text, 6)),
                                  E'\n' ORDER BY code)
                  FROM grid.division WHERE level = 'village' AND shipped), source => 'NBS 2024')$$,
    $$VALUES (1650::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 1650::bigint)$$,
    'so does reloading them under another source');
SELECT is((SELECT count(*) FROM grid.division d JOIN shipped_before b ON b.code = d.code WHERE d::text = b::text),
          1778::bigint, 'every shipped row is as it was installed');

SELECT * FROM finish();
ROLLBACK;
