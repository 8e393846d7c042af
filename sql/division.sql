-- grid.division_code: accepted forms, every rejection, the hierarchy,
-- containment, I/O, operator classes and index use for containment.
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;
SET search_path = public, grid;

-- Each level at its own length, printed as given.
SELECT '42'::grid.division_code AS province,
       '4205'::grid.division_code AS city,
       '420503'::grid.division_code AS county,
       '420503004'::grid.division_code AS township,
       '420503004001'::grid.division_code AS village,
       '420503004001007'::grid.division_code AS grid;
-- Zero-padded forms print at their level's own length.
SELECT v, v::grid.division_code AS canonical, grid.level(v::grid.division_code)
  FROM (VALUES ('420500'), ('420000'), ('4200'), ('420500000000'), ('420503000000'),
               ('420503000'), ('420503004000'), ('420503004000000'), ('420503004001000'),
               ('420500000000000'), ('110000')) AS t(v);
-- All forms of one division are equal.
SELECT '4205'::grid.division_code = '420500' AS city_6,
       '4205'::grid.division_code = '420500000000' AS city_12,
       '4205'::grid.division_code = '420500000000000' AS city_15,
       '420503'::grid.division_code = '420503000000' AS county_12,
       '420503'::grid.division_code <> '4205' AS county_is_not_city;
-- Typed forms: white space, ideographic space, full-width digits.
SELECT '  420503  '::grid.division_code AS surrounding_spaces;
SELECT E'\t420503004\n'::grid.division_code AS tab_and_newline;
SELECT '　420503004001　'::grid.division_code AS ideographic_spaces;
SELECT '４２０５０３'::grid.division_code AS full_width_digits;
SELECT '４２０５００'::grid.division_code AS full_width_padded_city;
SELECT '420503004001'::text::grid.division_code AS cast_from_text;
-- White space pasted from web pages and documents: no-break space, byte
-- order mark, zero-width space.
SELECT U&'\00A0420503\00A0'::grid.division_code AS no_break_spaces,
       U&'\FEFF420503004'::grid.division_code AS byte_order_mark,
       U&'420503004001\200B'::grid.division_code AS zero_width_space;
-- Taiwan, Hong Kong, Macao and the address code of Taiwan residents'
-- permits are provinces without divisions below them.
SELECT '71'::grid.division_code AS taiwan, '810000'::grid.division_code AS hong_kong,
       '820000000000'::grid.division_code AS macao, '83'::grid.division_code AS taiwan_permits;
-- Real codes of Yichang.
SELECT c::grid.division_code AS code, grid.level(c::grid.division_code), note
  FROM (VALUES ('420500', 'Yichang'), ('420503004001', 'Wangjiahe community'),
               ('420502002021', 'Zhongshujie community'), ('420504001203', 'Fanjiahu village'),
               ('420525101008', 'Antai community'), ('420581104', 'Zhicheng town')) AS t(c, note);

-- Rejections: each reason, SQLSTATE 22P02.
\set VERBOSITY default
SELECT '42O5'::grid.division_code;
SELECT '4205x'::grid.division_code;
SELECT '４２０５Ｘ'::grid.division_code;
SELECT '湖北省宜昌市'::grid.division_code;
SELECT '4205 03'::grid.division_code;
SELECT '-4205'::grid.division_code;
SELECT '4'::grid.division_code;
SELECT '42050'::grid.division_code;
SELECT '4205030'::grid.division_code;
SELECT '42050300'::grid.division_code;
SELECT '4205030040010070'::grid.division_code;
SELECT '420003004'::grid.division_code;
-- Not a gap: cities without counties (东莞 4419, 中山 4420, 儋州 4604) number
-- their townships directly under county part 00.
SELECT '420500004'::grid.division_code, grid.level('441900003'), grid.parent('441900003'),
       grid.ancestor('441900003', 'county') AS no_county, grid.ancestors('441900003');
SELECT '000503'::grid.division_code;
SELECT '420503000001'::grid.division_code;
SELECT '420503004000007'::grid.division_code;
SELECT '00'::grid.division_code;
SELECT '000000000000'::grid.division_code;
SELECT ''::grid.division_code;
SELECT '   '::grid.division_code;
SELECT '10'::grid.division_code;
SELECT '990503'::grid.division_code;
SELECT '8101'::grid.division_code;
SELECT '820101'::grid.division_code;
SELECT '830101001'::grid.division_code;
SELECT '710101001001007'::grid.division_code;
SELECT U&'4205\00A003'::grid.division_code;
SELECT 'a very long piece of text that is certainly not a division code'::grid.division_code;
SELECT grid.division_code('42050');
\set VERBOSITY terse
-- The SQLSTATE itself.
DO $$
BEGIN
    PERFORM '420003004'::grid.division_code;
EXCEPTION WHEN invalid_text_representation THEN
    RAISE NOTICE 'SQLSTATE %', SQLSTATE;
END $$;
\set VERBOSITY default

-- Validation without exceptions, for bulk loads.
SELECT left(v, 24) AS v, grid.is_valid_division_code(v) AS valid, grid.division_code_error(v) AS error
  FROM (VALUES ('420503'), ('420500000000'), ('42050'), ('42O5'), ('420003004'),
               ('00'), (''), ('10'), ('４２０５０３'), ('8101'), (repeat('4', 100000))) AS t(v);
SELECT grid.division_code_error(NULL) IS NULL AS strict;

-- Level, parent, ancestor, ancestors, subtree_last at each level.
SELECT c, grid.level(c), grid.parent(c), grid.ancestor(c, 'city') AS city,
       grid.ancestor(c, 'township') AS township, grid.ancestors(c), grid.subtree_last(c)
  FROM (VALUES ('42'::grid.division_code), ('4205'), ('420503'), ('420503004'),
               ('420503004001'), ('420503004001007')) AS t(c);
SELECT grid.parent('42') IS NULL AS province_has_no_parent;
SELECT l, grid.ancestor('420503004001007', l)
  FROM unnest(ARRAY['province', 'city', 'county', 'township', 'village', 'grid']) AS l;
SELECT grid.ancestor('420503', 'village') IS NULL AS below_own_level_is_null;
SELECT grid.ancestor('420503', 'county') AS own_level_is_itself;
SELECT grid.ancestor('420503', 'street');
SELECT grid.ancestor('420503', 'County');
SELECT grid.ancestor('420503', '');
SELECT grid.ancestor('420503', repeat('district', 10));
\set VERBOSITY terse
DO $$
BEGIN
    PERFORM grid.ancestor('420503', 'street');
EXCEPTION WHEN invalid_parameter_value THEN
    RAISE NOTICE 'SQLSTATE %', SQLSTATE;
END $$;
\set VERBOSITY default

-- Containment at each level, both operators, reflexive.
SELECT a, b, a @> b AS a_contains_b, b <@ a AS b_in_a, b @> a AS b_contains_a
  FROM (VALUES ('42'::grid.division_code), ('4205'), ('420503'), ('420503004'),
               ('420503004001'), ('420503004001007')) AS x(a),
       (VALUES ('420503004001007'::grid.division_code), ('420503004002'), ('4206'), ('43')) AS y(b)
 ORDER BY a, b;
SELECT '420503'::grid.division_code @> '420503' AS reflexive_contains,
       '420503'::grid.division_code <@ '420503' AS reflexive_contained,
       '420599'::grid.division_code @> '420599999999999' AS last_of_subtree,
       NOT '4205'::grid.division_code @> '420601' AS not_a_cousin,
       NOT '420503'::grid.division_code @> '420504' AS not_a_sibling,
       grid.division_contains('4205', '420503004') AS function_form;
-- Text prefix is containment in canonical form.
SELECT count(*) AS disagreements
  FROM (VALUES ('42'::grid.division_code), ('4205'), ('420503'), ('420503004'),
               ('420503004001'), ('420503004001007'), ('420504'), ('4206')) AS x(a),
       (VALUES ('42'::grid.division_code), ('4205'), ('420503'), ('420503004'),
               ('420503004001'), ('420503004001007'), ('420504'), ('4206')) AS y(b)
 WHERE (a @> b) <> starts_with(b::text, a::text);

-- Order is preorder: each division just before its subtree.
SELECT array_agg(c ORDER BY c) AS sorted
  FROM (VALUES ('420504'::grid.division_code), ('4205'), ('420503004001'), ('42'),
               ('420503'), ('4206'), ('420503004'), ('420503004001007'), ('420599')) AS t(c);
SELECT '4205'::grid.division_code < '420501' AS lt, '420503'::grid.division_code <= '420503' AS le,
       '4206'::grid.division_code > '420599999999999' AS gt, '43'::grid.division_code >= '42' AS ge;
-- Casts to bigint (the padded value) and text.
SELECT '4205'::grid.division_code::bigint AS padded, '420503004001007'::grid.division_code::bigint AS grid,
       '420500'::grid.division_code::text AS as_text;
SELECT grid.division_code_send('420503004001');

-- A table of Yichang's divisions down to grids, and one Wuhan district.
CREATE TABLE div_t (division grid.division_code, note text);
INSERT INTO div_t
SELECT (county || lpad(t::text, 3, '0') || lpad(v::text, 3, '0') || lpad(g::text, 3, '0'))::text, 'grid'
  FROM unnest(ARRAY['420502', '420503', '420504', '420505', '420506', '420525', '420526',
                    '420527', '420528', '420529', '420581', '420582', '420583', '420102']) AS county,
       generate_series(1, 4) t, generate_series(1, 10) v, generate_series(1, 15) g;
INSERT INTO div_t
SELECT DISTINCT grid.ancestor(division, l), l FROM div_t,
       unnest(ARRAY['province', 'city', 'county', 'township', 'village']) AS l;
INSERT INTO div_t VALUES ('11', 'province'), ('110105', 'county');
SELECT count(*), count(DISTINCT division), min(division), max(division) FROM div_t;
SELECT note, count(*) FROM div_t GROUP BY note ORDER BY 2;
-- text assignment cast
INSERT INTO div_t VALUES ('４２０５８１１０４'::text, 'full-width town');
INSERT INTO div_t VALUES ('420581104'::text, 'same town');
INSERT INTO div_t VALUES ('42058110'::text, 'bad');
SELECT division, note FROM div_t WHERE note LIKE '%town' ORDER BY note;
DELETE FROM div_t WHERE note LIKE '%town';

-- COPY round trips, text and binary.
\copy div_t TO 'results/division.txt'
\copy div_t TO 'results/division.bin' (FORMAT binary)
CREATE TABLE div_text (LIKE div_t);
CREATE TABLE div_bin (LIKE div_t);
\copy div_text FROM 'results/division.txt'
\copy div_bin FROM 'results/division.bin' (FORMAT binary)
SELECT (SELECT count(*) FROM div_text) AS text_rows, (SELECT count(*) FROM div_bin) AS binary_rows,
       (SELECT count(*) FROM div_t a JOIN div_text b USING (division, note)) AS text_same,
       (SELECT count(*) FROM div_t a JOIN div_bin b USING (division, note)) AS binary_same;
-- binary input is validated like text input: craft 9-byte fields with bytea
CREATE TABLE div_raw (b bytea);
INSERT INTO div_raw VALUES ('\x01' || int8send(420503004001007));
\copy div_raw TO 'results/div_good.bin' (FORMAT binary)
\copy div_bin (division) FROM 'results/div_good.bin' (FORMAT binary)
SELECT count(*) AS crafted_good_loaded FROM div_bin WHERE division = '420503004001007' AND note IS NULL;
TRUNCATE div_raw;
INSERT INTO div_raw VALUES ('\x01' || int8send(420003004000000));
\copy div_raw TO 'results/div_gap.bin' (FORMAT binary)
\copy div_bin (division) FROM 'results/div_gap.bin' (FORMAT binary)
TRUNCATE div_raw;
INSERT INTO div_raw VALUES ('\x01' || int8send(1000000000000000));
\copy div_raw TO 'results/div_range.bin' (FORMAT binary)
\copy div_bin (division) FROM 'results/div_range.bin' (FORMAT binary)
TRUNCATE div_raw;
INSERT INTO div_raw VALUES ('\x01' || int8send(0));
\copy div_raw TO 'results/div_zero.bin' (FORMAT binary)
\copy div_bin (division) FROM 'results/div_zero.bin' (FORMAT binary)
TRUNCATE div_raw;
INSERT INTO div_raw VALUES ('\x01' || int8send(810100000000000));
\copy div_raw TO 'results/div_under_81.bin' (FORMAT binary)
\copy div_bin (division) FROM 'results/div_under_81.bin' (FORMAT binary)
TRUNCATE div_raw;
INSERT INTO div_raw VALUES ('\x02' || int8send(420503000000000));
\copy div_raw TO 'results/div_version.bin' (FORMAT binary)
\copy div_bin (division) FROM 'results/div_version.bin' (FORMAT binary)
DROP TABLE div_raw;

-- Containment through a btree index: a range scan, not a seq scan.
CREATE INDEX div_t_division ON div_t (division);
ANALYZE div_t;
-- A village is few rows: the planner picks the index by itself.
EXPLAIN (COSTS OFF) SELECT * FROM div_t WHERE division <@ '420503004001';
SELECT count(*) FROM div_t WHERE division <@ '420503004001';
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE division <@ '420503';
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE '420503' @> division;
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE grid.division_contained_by(division, '420503');
-- the column on the outer side: its ancestors
EXPLAIN (COSTS OFF) SELECT * FROM div_t WHERE division @> '420503004001007' ORDER BY division;
SELECT * FROM div_t WHERE division @> '420503004001007' ORDER BY division;
-- a constant expression is folded first
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE division <@ ('4205' || '03')::grid.division_code;
-- a stable expression is evaluated at run time, once
SET my.scope = '420503';
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE division <@ current_setting('my.scope')::grid.division_code;
SELECT count(*) FROM div_t WHERE division <@ current_setting('my.scope')::grid.division_code;
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE division @> current_setting('my.scope')::grid.division_code;
SELECT count(*) FROM div_t WHERE division @> current_setting('my.scope')::grid.division_code;
-- a parameter: custom plans see a constant, the generic plan a parameter
PREPARE under(grid.division_code) AS SELECT count(*) FROM div_t WHERE division <@ $1;
SET plan_cache_mode = force_custom_plan;
EXPLAIN (COSTS OFF) EXECUTE under('420503');
EXECUTE under('420503');
SET plan_cache_mode = force_generic_plan;
EXPLAIN (COSTS OFF) EXECUTE under('420503');
EXECUTE under('420503');
EXECUTE under('420503004');
EXECUTE under('420503004001007');
PREPARE over(grid.division_code) AS SELECT array_agg(division ORDER BY division) FROM div_t WHERE division @> $1;
EXPLAIN (COSTS OFF) EXECUTE over('420503004001007');
EXECUTE over('420503004001007');
RESET plan_cache_mode;
DEALLOCATE under;
DEALLOCATE over;
-- a join: each scope's rows through a parameterized index scan
CREATE TABLE div_scope (scope grid.division_code);
INSERT INTO div_scope VALUES ('420503004'), ('420581'), ('11');
ANALYZE div_scope;
SET enable_hashjoin = off; SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT s.scope, count(*) FROM div_scope s JOIN div_t d ON d.division <@ s.scope GROUP BY 1 ORDER BY 1;
SELECT s.scope, count(*) FROM div_scope s JOIN div_t d ON d.division <@ s.scope GROUP BY 1 ORDER BY 1;
RESET enable_hashjoin; RESET enable_mergejoin;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- The index gives the same rows as a seq scan, at every level and direction.
SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t WHERE division <@ '420503';
CREATE TEMP TABLE seq_counts AS
SELECT c, (SELECT count(*) FROM div_t WHERE division <@ c) AS under, (SELECT count(*) FROM div_t WHERE division @> c) AS over
  FROM (SELECT DISTINCT division FROM div_t
         WHERE note NOT IN ('grid', 'village') OR (note = 'village' AND division::text LIKE '%01')
            OR (note = 'grid' AND division::text LIKE '%001001')) AS t(c);
RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan;
SET enable_seqscan = off;
SELECT count(*) AS codes,
       count(*) FILTER (WHERE under <> (SELECT count(*) FROM div_t WHERE division <@ c)
                           OR over <> (SELECT count(*) FROM div_t WHERE division @> c)) AS disagreements
  FROM seq_counts;
RESET enable_seqscan;
SELECT c, under, over FROM seq_counts WHERE c IN ('42', '4205', '420503', '420503004', '420503004001', '420503004001001', '11') ORDER BY c;

-- Estimates come from the column's statistics (ANALYZE read every row).
CREATE FUNCTION pg_temp.estimate(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END $$;
SELECT c, pg_temp.estimate(format('SELECT * FROM div_t WHERE division <@ %L', c)) AS estimated_under,
       (SELECT count(*) FROM div_t WHERE division <@ c) AS actual_under,
       pg_temp.estimate(format('SELECT * FROM div_t WHERE division @> %L', c)) AS estimated_over,
       (SELECT count(*) FROM div_t WHERE division @> c) AS actual_over
  FROM (VALUES ('42'::grid.division_code), ('4205'), ('4201'), ('420503'), ('420503004'), ('11')) AS t(c);
-- The function form asks the support function for the same estimate.
SELECT pg_temp.estimate($$SELECT * FROM div_t WHERE grid.division_contained_by(division, '420503')$$) AS function_under,
       pg_temp.estimate($$SELECT * FROM div_t WHERE grid.division_contains(division, '420503004')$$) AS function_over;

-- Hash index, hash and merge joins.
CREATE INDEX div_t_hash ON div_t USING hash (division);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM div_t WHERE division = '420503004001007';
RESET enable_seqscan;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM div_t a JOIN div_text b USING (division);
SELECT count(*) FROM div_t a JOIN div_text b USING (division);
RESET enable_mergejoin; RESET enable_nestloop;

-- Operator classes pass the access methods' own validation; the btree
-- family also holds the comparisons of grid.division_code with the
-- policies' grid.scope_bound (src/access.sql), only in that order, which is
-- all the policies use: validation notes the other orders missing.
SELECT opcname, amname, amvalidate(c.oid)
  FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
 WHERE opcname LIKE 'division%' ORDER BY 1;

-- Comparisons and containment are leakproof, so indexes serve under
-- row-level security.
SELECT proname, proleakproof FROM pg_proc
 WHERE pronamespace = 'grid'::regnamespace
   AND proname ~ '^division_(code_(eq|ne|lt|le|gt|ge|cmp|hash)|contain)'
   AND proname !~ '_(support|sel)$'
 ORDER BY 1;
SELECT oprname, oprcode::regproc, oprrest::regproc FROM pg_operator
 WHERE oprleft = 'grid.division_code'::regtype AND oprname IN ('@>', '<@') ORDER BY 1;
SELECT p.oid::regprocedure, p.prosupport::regproc FROM pg_proc p
 WHERE p.pronamespace = 'grid'::regnamespace AND p.prosupport <> 0 ORDER BY 1;

-- Under row-level security a reader's own containment test still uses the
-- index, together with the policy's.
CREATE ROLE regress_division_reader;
GRANT USAGE ON SCHEMA grid TO regress_division_reader;
CREATE TABLE div_rls AS SELECT * FROM div_t;
CREATE INDEX ON div_rls (division);
ANALYZE div_rls;
ALTER TABLE div_rls ENABLE ROW LEVEL SECURITY;
CREATE POLICY yichang ON div_rls TO regress_division_reader USING (division <@ '4205');
GRANT SELECT ON div_rls TO regress_division_reader;
SET ROLE regress_division_reader;
EXPLAIN (COSTS OFF) SELECT * FROM div_rls WHERE division <@ '420503004001';
SELECT count(*) FROM div_rls WHERE division <@ '420503004001';
SELECT count(*) AS outside_scope FROM div_rls WHERE division <@ '4201';
RESET ROLE;
DROP TABLE div_rls;
REVOKE USAGE ON SCHEMA grid FROM regress_division_reader;
DROP ROLE regress_division_reader;

DROP TABLE div_t, div_text, div_bin, div_scope;
