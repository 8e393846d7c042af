-- grid.resident_id: accepted forms, every rejection, functions, I/O,
-- operator classes and index use.
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
-- Operators live in schema grid: sessions put it on the search_path.
SET search_path = public;
SELECT '420503199003071230'::grid.resident_id = '420503900307123' AS without_grid_on_path;
SELECT '420503199003071230'::grid.resident_id OPERATOR(grid.=) '420503900307123' AS qualified;
SET search_path = public, grid;

-- Accepted forms, all printed canonically.
SELECT '440524188001010014'::grid.resident_id AS standard_example_born_1880;
SELECT '11010519491231002x'::grid.resident_id AS lower_case_x;
SELECT '  420503199003071230  '::grid.resident_id AS surrounding_spaces;
SELECT E'\t420503199003071230\n'::grid.resident_id AS tab_and_newline;
SELECT '　420503199003071230　'::grid.resident_id AS ideographic_spaces;
SELECT '４２０５０３１９９００３０７１２３０'::grid.resident_id AS full_width_digits;
SELECT '１１０１０５１９４９１２３１００２Ｘ'::grid.resident_id AS full_width_x;
SELECT '420503900307123'::grid.resident_id AS first_generation_15;
SELECT '810000199001010019'::grid.resident_id AS hong_kong_permit;
SELECT '820000199001010029'::grid.resident_id AS macao_permit;
SELECT '830000199001010039'::grid.resident_id AS taiwan_permit;
SELECT '942156199001010017'::grid.resident_id AS foreign_permanent;
SELECT '42050320000229100X'::grid.resident_id AS leap_day_2000;
-- Foreigners' permanent residence ID cards of 2023: 9, the province of issue
-- (characters 2-3), the nationality (4-6).  One of another library's
-- published examples (Beijing, Kazakhstan), and cards of every mainland
-- province of issue with the nationality 840.
SELECT '911398199012310021'::grid.resident_id AS foreign_beijing_kazakhstan;
SELECT p AS province_of_issue, id, grid.id_kind(id), grid.address_code(id),
       grid.birth_date(id), grid.sex(id), grid.mask(id)
  FROM (SELECT p, grid.resident_id(d || substr('10X98765432', (
           (substr(d,1,1)::int*7 + substr(d,2,1)::int*9 + substr(d,3,1)::int*10 + substr(d,4,1)::int*5
          + substr(d,5,1)::int*8 + substr(d,6,1)::int*4 + substr(d,7,1)::int*2 + substr(d,8,1)::int*1
          + substr(d,9,1)::int*6 + substr(d,10,1)::int*3 + substr(d,11,1)::int*7 + substr(d,12,1)::int*9
          + substr(d,13,1)::int*10 + substr(d,14,1)::int*5 + substr(d,15,1)::int*8 + substr(d,16,1)::int*4
          + substr(d,17,1)::int*2) % 11) + 1, 1)) AS id
          FROM unnest('{11,12,13,14,15,21,22,23,31,32,33,34,35,36,37,41,42,43,44,45,46,50,51,52,53,54,61,62,63,64,65}'::text[]) p,
               LATERAL (SELECT '9' || p || '840' || '19900101' || '002') s(d)) t
 ORDER BY p;
-- White space pasted from web pages and documents: no-break space, byte
-- order mark, zero-width space.
SELECT U&'\00A0420503199003071230\00A0'::grid.resident_id AS no_break_spaces;
SELECT U&'\FEFF420503199003071230'::grid.resident_id AS byte_order_mark;
SELECT U&'420503199003071230\200B'::grid.resident_id AS zero_width_space;
-- Born today is fine (the check is then the only complaint); tomorrow is not.
SELECT grid.resident_id_error('420503' || to_char(current_date, 'YYYYMMDD') || '1000')
       LIKE 'check character is "0" but should be %' AS born_today_passes_the_date_rule;
SELECT grid.resident_id_error('420503' || to_char(current_date + 1, 'YYYYMMDD') || '1000')
       LIKE 'birth date % is in the future' AS born_tomorrow_fails_it;
SELECT '420503199003071230'::text::grid.resident_id AS cast_from_text;

-- Rejections: each reason, SQLSTATE 22P02.
\set VERBOSITY default
SELECT '42050319900307123'::grid.resident_id;
SELECT '4205031990030712300'::grid.resident_id;
SELECT ''::grid.resident_id;
SELECT '420503-19900307123'::grid.resident_id;
SELECT '4205031990030712X0'::grid.resident_id;
SELECT '42050390030712X'::grid.resident_id;
SELECT '王家河社区420503199003071230'::grid.resident_id;
SELECT '420503199003071231'::grid.resident_id;
SELECT '420503199002301006'::grid.resident_id;
SELECT '420503190002291003'::grid.resident_id;
SELECT '420503190013291009'::grid.resident_id;
-- (terse: the detail names today's date)
\set VERBOSITY terse
SELECT '420503209901011234'::grid.resident_id;
\set VERBOSITY default
DO $$
DECLARE
    detail text;
BEGIN
    PERFORM '420503209901011234'::grid.resident_id;
EXCEPTION WHEN invalid_text_representation THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RAISE NOTICE 'detail names today: %', detail = format(
        'Characters 7 to 14 are the birth date, which must not be after today (%s).',
        to_char(current_date, 'YYYY-MM-DD'));
END $$;
SELECT '100503199001010018'::grid.resident_id;
SELECT '990503199001010013'::grid.resident_id;
-- A foreigner's card is issued by a mainland province: not 10, 66, 71, 81,
-- 82 or 83.
SELECT '910840199001010017'::grid.resident_id;
SELECT '966840199001010011'::grid.resident_id;
SELECT '971840199001010019'::grid.resident_id;
SELECT '981840199001010010'::grid.resident_id;
SELECT '982840199001010011'::grid.resident_id;
SELECT '983840199001010012'::grid.resident_id;
-- Hong Kong, Macao and Taiwan: one address code each.
SELECT '811234199001010014'::grid.resident_id;
SELECT '820001199001010017'::grid.resident_id;
SELECT '830100199001010018'::grid.resident_id;
SELECT '710101199001010017'::grid.resident_id;
-- 15 digits: first-generation citizen IDs only, with a known century.
SELECT '810000900101001'::grid.resident_id;
SELECT '911840900101001'::grid.resident_id;
SELECT '420503900307997'::grid.resident_id;
SELECT '420503000229123'::grid.resident_id;
-- The foreigners' cards of 2004 and 2017: three letters and 12 digits.
SELECT 'KAZ110090123105'::grid.resident_id;
-- Separators inside, and white space that is not allowed inside.
SELECT '420503 19900307 1230'::grid.resident_id;
SELECT '420503-19900307-1230'::grid.resident_id;
SELECT U&'420503\00A0199003071230'::grid.resident_id;
SELECT '420503199003071230x'::grid.resident_id;
SELECT 'a very long piece of text that is certainly not an identity number'::grid.resident_id;
\set VERBOSITY terse
-- The SQLSTATE itself.
DO $$
BEGIN
    PERFORM '420503199003071231'::grid.resident_id;
EXCEPTION WHEN invalid_text_representation THEN
    RAISE NOTICE 'SQLSTATE %', SQLSTATE;
END $$;
-- every new reason is 22P02 too, through the cast from text as well
DO $$
DECLARE
    v text;
    state text;
BEGIN
    FOREACH v IN ARRAY ARRAY['981840199001010010', '811234199001010014', '810000900101001',
                             '420503900307997', 'KAZ110090123105'] LOOP
        BEGIN
            PERFORM v::grid.resident_id;
            RAISE NOTICE '% accepted', v;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
            RAISE NOTICE '%: SQLSTATE %', v, state;
        END;
    END LOOP;
END $$;
\set VERBOSITY default

-- Validation without exceptions, for bulk loads.
SELECT left(v, 24) AS v, grid.is_valid_resident_id(v) AS valid, grid.resident_id_error(v) AS error
  FROM (VALUES ('420503199003071230'), ('420503199003071231'), ('42050319900307123'),
               ('420503199002301006'), ('420503209901011234'), ('100503199001010018'),
               ('420503-19900307123'), ('420503900307123'), ('911840199001010018'),
               ('981840199001010010'), ('811234199001010014'), ('810000900101001'),
               ('420503900307996'), ('usa110090123105'), (repeat('4', 100000))) AS t(v);
SELECT grid.resident_id_error(NULL) IS NULL AS strict;

-- What the number encodes.
SELECT id, grid.birth_date(id), grid.sex(id), grid.age(id, '2026-11-29'),
       grid.address_code(id), grid.id_kind(id), grid.mask(id)
  FROM (VALUES ('420503199003071230'::grid.resident_id), ('420503198512010028'),
               ('11010519491231002X'), ('810000199001010019'), ('820000199001010029'),
               ('830000199001010039'), ('942156199001010017'), ('440524188001010014'),
               ('710000199001010015'), ('911398199012310021')) AS t(id);
-- The address code is a grid.division_code at the level its zero parts give;
-- a foreigner's card gives its province of issue (characters 2-3).
SELECT id, grid.address_code(id), grid.level(grid.address_code(id)),
       grid.address_code(id) OPERATOR(grid.@>) '420503004001' AS contains_wangjiahe
  FROM (VALUES ('420503199003071230'::grid.resident_id), ('420500199003071231'),
               ('420000199003071234'), ('810000199001010019'), ('942156199001010017'),
               ('911840199001010018')) AS t(id);
SELECT pg_typeof(grid.address_code('420503199003071230')) AS address_code_type;
SELECT grid.age('420503199003071230', '2027-03-06') AS day_before_birthday,
       grid.age('420503199003071230', '2027-03-07') AS on_birthday;
SELECT grid.age('420503199003071230') = date_part('year', age(current_date, '1990-03-07'))::int
       AS age_defaults_to_today;
SELECT grid.age('420503199003071230', 'infinity');

-- Operators and ordering follow the text.
SELECT '420503199003071230'::grid.resident_id = '420503900307123' AS eq_15_and_18,
       '420503199003071230'::grid.resident_id <> '420503198512010028' AS ne,
       '420503198512010028'::grid.resident_id < '420503199003071230' AS lt,
       '11010519491231002X'::grid.resident_id <= '11010519491231002X' AS le,
       '942156199001010017'::grid.resident_id > '810000199001010019' AS gt,
       '942156199001010017'::grid.resident_id >= '942156199001010017' AS ge;

-- Tables, COPY round trips, indexes.
CREATE TABLE rid_t (id grid.resident_id PRIMARY KEY, note text);
INSERT INTO rid_t
SELECT grid.resident_id(d || substr('10X98765432', (
           (substr(d,1,1)::int*7 + substr(d,2,1)::int*9 + substr(d,3,1)::int*10 + substr(d,4,1)::int*5
          + substr(d,5,1)::int*8 + substr(d,6,1)::int*4 + substr(d,7,1)::int*2 + substr(d,8,1)::int*1
          + substr(d,9,1)::int*6 + substr(d,10,1)::int*3 + substr(d,11,1)::int*7 + substr(d,12,1)::int*9
          + substr(d,13,1)::int*10 + substr(d,14,1)::int*5 + substr(d,15,1)::int*8 + substr(d,16,1)::int*4
          + substr(d,17,1)::int*2) % 11) + 1, 1)), 'n' || g
  FROM generate_series(0, 4999) g,
       LATERAL (SELECT '4205031990' || lpad((g % 12 + 1)::text, 2, '0') || '01' || lpad((g / 12)::text, 3, '0')) s(d);
SELECT count(*), count(DISTINCT id), min(id), max(id) FROM rid_t;
-- text assignment cast
INSERT INTO rid_t VALUES ('４２０５０３１９９００３０７１２３０'::text, 'full-width');
INSERT INTO rid_t VALUES ('420503199003071231'::text, 'bad');
SELECT id, note FROM rid_t WHERE note = 'full-width';

\copy rid_t TO 'results/resident_id.txt'
\copy rid_t TO 'results/resident_id.bin' (FORMAT binary)
CREATE TABLE rid_text (LIKE rid_t);
CREATE TABLE rid_bin (LIKE rid_t);
\copy rid_text FROM 'results/resident_id.txt'
\copy rid_bin FROM 'results/resident_id.bin' (FORMAT binary)
SELECT (SELECT count(*) FROM rid_text) AS text_rows, (SELECT count(*) FROM rid_bin) AS binary_rows,
       (SELECT count(*) FROM rid_t a JOIN rid_text b USING (id, note)) AS text_same,
       (SELECT count(*) FROM rid_t a JOIN rid_bin b USING (id, note)) AS binary_same;
-- binary input is validated like text input: craft 9-byte fields with bytea
CREATE TABLE rid_raw (b bytea);
INSERT INTO rid_raw VALUES ('\x01' || int8send(42050319900307123));
\copy rid_raw TO 'results/rid_good.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_good.bin' (FORMAT binary)
SELECT count(*) AS crafted_good_loaded FROM rid_bin WHERE id = '420503199003071230';
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x01' || int8send(42050319900230100));
\copy rid_raw TO 'results/rid_bad_date.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_bad_date.bin' (FORMAT binary)
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x01' || int8send(91184019900101001));
\copy rid_raw TO 'results/rid_foreign_11.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_foreign_11.bin' (FORMAT binary)
SELECT count(*) AS crafted_foreigner_of_11_loaded FROM rid_bin WHERE id = '911840199001010018';
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x01' || int8send(98184019900101001));
\copy rid_raw TO 'results/rid_foreign_81.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_foreign_81.bin' (FORMAT binary)
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x01' || int8send(81123419900101001));
\copy rid_raw TO 'results/rid_hk_811234.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_hk_811234.bin' (FORMAT binary)
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x02' || int8send(42050319900307123));
\copy rid_raw TO 'results/rid_bad_version.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_bad_version.bin' (FORMAT binary)
TRUNCATE rid_raw;
-- a field too short, and one with a byte left over
INSERT INTO rid_raw VALUES ('\x01' || int4send(42050319));
\copy rid_raw TO 'results/rid_short.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_short.bin' (FORMAT binary)
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x01' || int8send(42050319900307123) || '\x00');
\copy rid_raw TO 'results/rid_long.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_long.bin' (FORMAT binary)
TRUNCATE rid_raw;
INSERT INTO rid_raw VALUES ('\x01' || int8send(-1));
\copy rid_raw TO 'results/rid_negative.bin' (FORMAT binary)
\copy rid_bin (id) FROM 'results/rid_negative.bin' (FORMAT binary)
DROP TABLE rid_raw;
SELECT grid.resident_id_send('420503199003071230');

ANALYZE rid_t;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM rid_t WHERE id = '420503199003071230';
SELECT note FROM rid_t WHERE id = '420503199003071230';
EXPLAIN (COSTS OFF) SELECT count(*) FROM rid_t WHERE id >= '420503199001010004' AND id < '420503199002010006';
SELECT count(*) FROM rid_t WHERE id >= '420503199001010004' AND id < '420503199002010006';
CREATE INDEX rid_t_hash ON rid_t USING hash (id);
EXPLAIN (COSTS OFF) SELECT * FROM rid_t WHERE id = '420503199003071230';
RESET enable_seqscan;
-- hash joins and merge joins are possible
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM rid_t a JOIN rid_text b USING (id);
SELECT count(*) FROM rid_t a JOIN rid_text b USING (id);
RESET enable_mergejoin; RESET enable_nestloop;

-- Operator classes pass the access methods' own validation.
SELECT opcname, amname, amvalidate(c.oid)
  FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
 WHERE opcname LIKE 'resident_id%' ORDER BY 1;

-- Comparisons are leakproof, so indexes serve under row-level security.
SELECT proname, proleakproof FROM pg_proc
 WHERE pronamespace = 'grid'::regnamespace AND proname ~ '^resident_id_(eq|ne|lt|le|gt|ge|cmp|hash)'
 ORDER BY 1;

DROP TABLE rid_t, rid_text, rid_bin;
