-- pgTAP: grid.division_code across many generated codes and its declared shape.
BEGIN;
SELECT plan(21);
SET LOCAL search_path = public, grid;

-- Codes at every level, built as text: 3 provinces, 4 cities each, 5
-- counties, 6 townships, 4 villages, 5 grids, and their ancestors.
CREATE TEMP TABLE gen AS
WITH grids AS (
    SELECT p || lpad(c::text, 2, '0') || lpad(k::text, 2, '0') || lpad(t::text, 3, '0')
             || lpad(v::text, 3, '0') || lpad(g::text, 3, '0') AS code15
      FROM unnest(ARRAY['42', '11', '65']) p, generate_series(1, 4) c, generate_series(1, 5) k,
           generate_series(1, 6) t, generate_series(1, 4) v, generate_series(1, 5) g
)
SELECT DISTINCT left(code15, n) AS code FROM grids, unnest(ARRAY[2, 4, 6, 9, 12, 15]) n;

SELECT is((SELECT count(*) FROM gen), (3 + 12 + 60 + 360 + 1440 + 7200)::bigint, 'codes generated');
SELECT is((SELECT count(*) FROM gen WHERE grid.is_valid_division_code(code)), (SELECT count(*) FROM gen),
          'every generated code is valid');
SELECT is((SELECT count(*) FROM gen WHERE grid.division_code(code)::text = code), (SELECT count(*) FROM gen),
          'every code prints as it was given');
SELECT is((SELECT count(*) FROM gen WHERE grid.division_code(rpad(code, 15, '0'))::text = code),
          (SELECT count(*) FROM gen), 'the 15-digit padded form prints at the level''s own length');
SELECT is((SELECT count(*) FROM gen WHERE length(code) BETWEEN 6 AND 12
             AND grid.division_code(rpad(code, 12, '0')) <> grid.division_code(code)), 0::bigint,
          'the 12-digit padded form is the same division');
SELECT is((SELECT count(*) FROM gen
            WHERE grid.level(grid.division_code(code))
                  <> (ARRAY['province', 'city', 'county', 'township', 'village', 'grid'])
                     [array_position(ARRAY[2, 4, 6, 9, 12, 15], length(code))]),
          0::bigint, 'level agrees with the length');
SELECT is((SELECT count(*) FROM gen WHERE length(code) > 2
             AND grid.parent(grid.division_code(code))::text
                 <> left(code, (ARRAY[0, 2, 4, 6, 9, 12])[array_position(ARRAY[2, 4, 6, 9, 12, 15], length(code))])),
          0::bigint, 'the parent is the next shorter prefix');

-- Containment is text prefix; order is preorder (text order of the codes).
CREATE TEMP TABLE sample AS SELECT code FROM gen WHERE length(code) <= 9 OR code LIKE '%1';
SELECT is((SELECT count(*) FROM sample a, sample b
            WHERE (grid.division_code(a.code) @> grid.division_code(b.code)) <> starts_with(b.code, a.code)),
          0::bigint, 'a @> b exactly when a is a prefix of b');
SELECT is((SELECT count(*) FROM sample a, sample b
            WHERE (grid.division_code(b.code) <@ grid.division_code(a.code))
                  <> (grid.division_code(a.code) @> grid.division_code(b.code))),
          0::bigint, 'b <@ a exactly when a @> b');
SELECT is((SELECT array_agg(code ORDER BY grid.division_code(code)) FROM gen),
          (SELECT array_agg(code ORDER BY code COLLATE "C") FROM gen),
          'sorting by the type sorts like the canonical text');

-- An index answers containment with the same rows as a scan.
CREATE TEMP TABLE t AS SELECT grid.division_code(code) AS d FROM gen;
CREATE INDEX ON t (d);
ANALYZE t;
CREATE TEMP TABLE scan_counts AS
SELECT s.code, (SELECT count(*) FROM t WHERE d <@ grid.division_code(s.code)) AS under,
       (SELECT count(*) FROM t WHERE d @> grid.division_code(s.code)) AS over
  FROM sample s;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
SELECT is((SELECT count(*) FROM scan_counts s
            WHERE under <> (SELECT count(*) FROM t WHERE d <@ grid.division_code(s.code))
               OR over <> (SELECT count(*) FROM t WHERE d @> grid.division_code(s.code))),
          0::bigint, 'index scans find the same rows');
SELECT is((SELECT count(*) FROM scan_counts WHERE over <> (SELECT array_position(ARRAY[2, 4, 6, 9, 12, 15], length(code)))),
          0::bigint, 'a code has as many ancestors (itself included) as its level');
SELECT is((SELECT under FROM scan_counts WHERE code = '4201'), (1 + 5 + 30 + 120 + 600)::bigint,
          'a city holds itself, 5 counties, 30 townships, 120 villages and 600 grids');

-- Errors.
SELECT throws_ok($$SELECT '42050'::grid.division_code$$, '22P02',
                 'invalid division code "42050": wrong length: 5 digits, expected 2, 4, 6, 9, 12 or 15',
                 'wrong length is 22P02 and says so');
SELECT throws_ok($$SELECT '420003004'::grid.division_code$$, '22P02', NULL, 'a part under a zero part is 22P02');
SELECT throws_ok($$SELECT '00'::grid.division_code$$, '22P02', NULL, 'all zeros is 22P02');
SELECT throws_ok($$SELECT grid.ancestor('420503', 'street')$$, '22023',
                 'unknown division level "street"', 'unknown level is 22023');

-- Declared shape.
SELECT has_type('grid', 'division_code', 'type grid.division_code exists');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'grid.division_code'::regtype), 8, 'stored in 8 bytes');
SELECT ok((SELECT typbyval AND typalign = 'd' FROM pg_type WHERE oid = 'grid.division_code'::regtype),
          'passed by value, double aligned');
SELECT volatility_is('grid', 'division_code_in', ARRAY['cstring'], 'immutable', 'input is IMMUTABLE');

SELECT * FROM finish();
ROLLBACK;
