-- pgTAP: grid.resident_id across many generated cases and its declared shape.
BEGIN;
SELECT plan(16);
SET LOCAL search_path = public, grid;

-- 20,000 IDs built in SQL with an independent MOD 11-2 implementation.
CREATE TEMP TABLE gen AS
SELECT d, d || substr('10X98765432', (
           (substr(d,1,1)::int*7 + substr(d,2,1)::int*9 + substr(d,3,1)::int*10 + substr(d,4,1)::int*5
          + substr(d,5,1)::int*8 + substr(d,6,1)::int*4 + substr(d,7,1)::int*2 + substr(d,8,1)::int*1
          + substr(d,9,1)::int*6 + substr(d,10,1)::int*3 + substr(d,11,1)::int*7 + substr(d,12,1)::int*9
          + substr(d,13,1)::int*10 + substr(d,14,1)::int*5 + substr(d,15,1)::int*8 + substr(d,16,1)::int*4
          + substr(d,17,1)::int*2) % 11) + 1, 1) AS id18
  FROM (SELECT (ARRAY['420503','420502','420504','420525','420581','110105','310115','440305','810000','830000'])[1 + g % 10]
               || to_char(date '1930-01-01' + (g * 7919) % 33000, 'YYYYMMDD')
               || lpad((g % 1000)::text, 3, '0') AS d
          FROM generate_series(1, 20000) g) s;

SELECT is((SELECT count(*) FROM gen WHERE grid.is_valid_resident_id(id18)), 20000::bigint,
          'every generated ID is valid');
SELECT is((SELECT count(*) FROM gen WHERE grid.resident_id(id18)::text = id18), 20000::bigint,
          'every generated ID prints as it was given');
SELECT is((SELECT count(*) FROM gen WHERE grid.birth_date(grid.resident_id(id18)) = to_date(substr(id18, 7, 8), 'YYYYMMDD')),
          20000::bigint, 'birth date agrees with the digits');
SELECT is((SELECT count(*) FROM gen WHERE grid.sex(grid.resident_id(id18)) = CASE WHEN substr(id18, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END),
          20000::bigint, 'sex agrees with the parity of digit 17');

-- MOD 11-2 catches every single-digit error and every adjacent transposition.
SELECT is((SELECT count(*) FROM gen, generate_series(1, 17) p
            WHERE grid.is_valid_resident_id(overlay(id18 PLACING ((substr(id18, p, 1)::int + 1 + p % 8) % 10)::text FROM p FOR 1))
              AND substr(id18, p, 1) <> ((substr(id18, p, 1)::int + 1 + p % 8) % 10)::text
              AND grid.resident_id_error(overlay(id18 PLACING ((substr(id18, p, 1)::int + 1 + p % 8) % 10)::text FROM p FOR 1))
                  IS NULL),
          0::bigint, 'no single-digit change goes unnoticed');
SELECT is((SELECT count(*) FROM gen, generate_series(1, 16) p
            WHERE substr(id18, p, 1) <> substr(id18, p + 1, 1)
              AND grid.is_valid_resident_id(overlay(id18 PLACING substr(id18, p + 1, 1) || substr(id18, p, 1) FROM p FOR 2))),
          0::bigint, 'no adjacent transposition goes unnoticed');

-- Ordering of the type is the ordering of the text.
SELECT is((SELECT array_agg(id18 ORDER BY grid.resident_id(id18)) FROM gen),
          (SELECT array_agg(id18 ORDER BY id18 COLLATE "C") FROM gen),
          'sorting by the type sorts like the text');

-- Each rejection is 22P02.
SELECT throws_ok($$SELECT '42050319900307123'::grid.resident_id$$, '22P02', NULL, 'wrong length is 22P02');
SELECT throws_ok($$SELECT '420503199003071231'::grid.resident_id$$, '22P02',
                 'invalid resident ID "420503199003071231": check character is "1" but should be "0"',
                 'bad check is 22P02 and names the expected character');
SELECT throws_ok($$SELECT '420503199002301006'::grid.resident_id$$, '22P02', NULL, 'impossible date is 22P02');
SELECT throws_ok($$SELECT '420503209901011234'::grid.resident_id$$, '22P02', NULL, 'future date is 22P02');
SELECT throws_ok($$SELECT '100503199001010018'::grid.resident_id$$, '22P02', NULL, 'bad province is 22P02');

-- Declared shape.
SELECT has_type('grid', 'resident_id', 'type grid.resident_id exists');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'grid.resident_id'::regtype), 8, 'stored in 8 bytes');
SELECT ok((SELECT typbyval FROM pg_type WHERE oid = 'grid.resident_id'::regtype), 'passed by value');
SELECT volatility_is('grid', 'resident_id_in', ARRAY['cstring'], 'stable', 'input is STABLE (it reads today''s date)');

SELECT * FROM finish();
ROLLBACK;
