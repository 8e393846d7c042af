-- The field readers ingestion runs on every record, grid.read_number and
-- grid.read_symptoms, and the per-channel counts the fact triggers take
-- of every batch, grid.reached_count, are C: they must give exactly the
-- answers of the SQL they replaced; and so must grid.staged_row, the
-- record as received that the readers keep, against to_jsonb (kept here as pg_temp functions), on the
-- inputs the channels send and on odd ones: every kind of white space,
-- full-width forms, case that lower() changes outside ASCII, and
-- thousands of random strings of those characters; under the database's
-- collation, under "C" and under an ICU collation.
BEGIN;
SELECT plan(25);
SET LOCAL search_path = public, grid;
SET LOCAL client_min_messages = warning;

-- The SQL versions, as they were.
CREATE FUNCTION pg_temp.read_number_sql(t text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE WHEN n.x ~ '^-?[0-9]{1,4}(\.[0-9]{1,20})?$' THEN n.x::numeric END
              FROM (SELECT pg_catalog.translate(pg_catalog.regexp_replace(t, '^[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$', '', 'g'),
                                                '０１２３４５６７８９．', '0123456789.') AS x) n);
CREATE FUNCTION pg_temp.read_symptoms_sql(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN t IS NULL OR t ~ '^[\s,;]*$' THEN '{}'::text[]
                ELSE ARRAY(SELECT DISTINCT s
                             FROM pg_catalog.regexp_split_to_table(pg_catalog.lower(pg_catalog.btrim(t)), '[\s,;]+') s
                            WHERE s <> '' ORDER BY 1) END;

-- Numbers: as the app and workers type them, and odd.
CREATE TEMP TABLE number_case (t text);
INSERT INTO number_case VALUES
    ('36.5'), ('36.50'), ('37'), ('-0'), ('-0.00'), ('0036.5'), ('9999.99999999999999999999'),
    ('1234.12345678901234567890'), ('12345'), ('1.123456789012345678901'), ('36,5'), ('36.5.1'), ('NaN'),
    ('Infinity'), ('-Infinity'), ('3.65e1'), ('36.5度'), ('+36.5'), ('--1'), ('.5'), ('36.'), ('-'), ('.'), (''),
    (NULL), ('３６．５'), ('３６.５'), ('36．5'), ('－36'), ('＋36'), (E'36.5\u3000'), (E'\u00a036.5'),
    (E'36.5\u2002'), (E' 36.50\t'), (E'\r\n36.5\f\v'), (E'\u1680 36 \u200b'), (E'\u2028\u2029\u202f\u205f37\ufeff'),
    (E'\u180e36.5'), (E'\u008536.5'), (E'\u200c36.5'), (E'\u200d36.5'), (E'\u2060 36.5'), (E'36\u30005'),
    (E'36 .5'), (E'\u3000'), (E'  \t '), ('٣٦٫٥'), ('३६'), ('36.5 36.5'), ('0x10'), ('1_000');
-- and random strings of the characters that matter
INSERT INTO number_case
SELECT (SELECT string_agg(c.a[1 + floor(random() * array_length(c.a, 1))::int], '')
          FROM generate_series(1, g % 14) i,
               (SELECT ARRAY['0', '1', '3', '6', '9', '.', '-', '+', ' ', E'\t', E'\n', '０', '３', '６', '．', '－',
                             E'\u3000', E'\u00a0', E'\u2002', E'\u200b', E'\u202f', E'\ufeff', E'\u180e', E'\u0085',
                             'e', 'x', '度', ','] AS a) c)
  FROM (SELECT setseed(0.15)) s, generate_series(1, 20000) g;

SELECT is((SELECT count(*) FROM number_case), 20051::bigint, 'numbers: the corpus');
SELECT is((SELECT count(*) FROM number_case
            WHERE grid.read_number(t)::text IS DISTINCT FROM pg_temp.read_number_sql(t)::text), 0::bigint,
          'numbers: the C reader and the SQL one agree on every text, to the scale written');
SELECT cmp_ok((SELECT count(*) FROM number_case WHERE grid.read_number(t) IS NOT NULL), '>', 1000::bigint,
              'numbers: the random corpus holds many numbers, not only rejects');
SELECT is((SELECT count(*) FROM number_case
            WHERE grid.read_number(t COLLATE "C")::text IS DISTINCT FROM pg_temp.read_number_sql(t COLLATE "C")::text),
          0::bigint, 'numbers: the same under the C collation');
SELECT is(grid.read_number(E'\u3000３６．５０ '), 36.50, 'numbers: full width, with white space around');
SELECT is(grid.read_number(E'\u3000３６．５０ ')::text, '36.50', 'numbers: the scale as written');
SELECT is(grid.read_number(NULL), NULL, 'numbers: NULL');

-- Symptoms: as sent, and odd.
CREATE TEMP TABLE symptom_case (t text);
INSERT INTO symptom_case VALUES
    ('cough'), ('Cough, Fatigue'), (' Cough, fatigue;cough '), ('cough;fever'), ('fever fever FEVER'),
    ('sore_throat,SORE_THROAT'), ('runny_nose; muscle_pain'), ('smell_taste,unspecified'), (''), (' '), (',;,'),
    (NULL), (E'\t\n'), (E'cough\tfever\nchills\r'), (E'cough\u3000fever'), (E'cough\u00a0fever'),
    (E'cough\u2003fever'), (E'cough\u1680fever'), (E'cough\u0085fever'), (E'cough\u180efever'),
    (E'cough\u200bfever'), (E'cough\u2028fever'), (E'cough\u202ffever'), ('咳嗽，乏力'), ('咳嗽,乏力;发热'),
    ('ÇOUGH'), ('İSTANBUL'), ('ǅ ǈ'), ('ß SS'), ('ΣΑΣ σας'), ('Ⅻ'), ('😷,🤒'), ('a_b,ab,a-b,A b,a.b'),
    ('b,a,B,A,_,-'), ('36.5'), ('ＣＯＵＧＨ'), ('cough，fever'), ('cough;;;fever,,,'), ('z,y,x,w,v,u,t');
INSERT INTO symptom_case
SELECT (SELECT string_agg(c.a[1 + floor(random() * array_length(c.a, 1))::int], '')
          FROM generate_series(1, g % 16) i,
               (SELECT ARRAY['a', 'B', 'c', 'C', '_', '-', 'İ', 'ı', 'Σ', 'ß', 'É', 'é', '咳', 'Ａ', ',', ';', ' ', E'\t',
                             E'\n', E'\u3000', E'\u00a0', E'\u2002', E'\u200b', E'\u0085', E'\u180e', E'\u2028',
                             '，'] AS a) c)
  FROM (SELECT setseed(0.25)) s, generate_series(1, 20000) g;

SELECT is((SELECT count(*) FROM symptom_case), 20039::bigint, 'symptoms: the corpus');
SELECT is((SELECT count(*) FROM symptom_case
            WHERE grid.read_symptoms(t) IS DISTINCT FROM pg_temp.read_symptoms_sql(t)), 0::bigint,
          'symptoms: the C reader and the SQL one agree on every text (database collation)');
-- the SQL body was bound to the database's collation: a caller's COLLATE
-- changed nothing, and changes nothing now
SELECT is((SELECT count(*) FROM symptom_case
            WHERE grid.read_symptoms(t COLLATE "C") IS DISTINCT FROM pg_temp.read_symptoms_sql(t COLLATE "C")),
          0::bigint, 'symptoms: the same under the C collation');
SELECT is((SELECT count(*) FROM symptom_case
            WHERE grid.read_symptoms(t COLLATE "und-x-icu") IS DISTINCT FROM pg_temp.read_symptoms_sql(t COLLATE "und-x-icu")),
          0::bigint, 'symptoms: the same under an ICU collation');
SELECT cmp_ok((SELECT count(*) FROM symptom_case WHERE cardinality(grid.read_symptoms(t)) > 1), '>', 5000::bigint,
              'symptoms: the random corpus holds many lists of several');
SELECT is(grid.read_symptoms(' Cough, fatigue;cough '), '{cough,fatigue}', 'symptoms: lower-case, sorted, each once');
SELECT is(grid.read_symptoms(NULL), '{}', 'symptoms: NULL is none');
SELECT is(grid.read_symptoms(E' ,;\t'), '{}', 'symptoms: separators only are none');
SELECT is(grid.read_symptoms('咳嗽，乏力'), '{咳嗽，乏力}', 'symptoms: a full-width comma is no separator');

-- Per-channel counts (grid.cell_day.reached): the SQL version as it was.
CREATE FUNCTION pg_temp.reached_count_sql(channels smallint[], signs integer[] DEFAULT NULL) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
WITH n AS (
    SELECT k.k, sum(coalesce(c.sign, 1))::integer AS n
      FROM ROWS FROM (pg_catalog.unnest(channels), pg_catalog.unnest(signs)) c(ch, sign)
      JOIN pg_catalog.generate_series(1, 15) k(k) ON c.ch::integer & (1 << (k.k - 1)) <> 0
     GROUP BY k.k
    HAVING sum(coalesce(c.sign, 1)) <> 0
)
SELECT coalesce(pg_catalog.array_agg(coalesce(n.n, 0) ORDER BY k.k), '{}')
  FROM pg_catalog.generate_series(1, (SELECT max(n.k) FROM n)) k(k)
  LEFT JOIN n ON n.k = k.k
$$;
CREATE TEMP TABLE reached_case (channels smallint[], signs integer[]);
INSERT INTO reached_case VALUES (NULL, NULL), ('{}', NULL), ('{1}', NULL), ('{1,3,4}', '{1,-1}'), ('{1,1}', '{1,-1}'),
    ('{-1,16384,-32768}', NULL), ('{1,NULL,2}', '{NULL,1,-1}'), ('{2,2}', '{1,1,1,1}'), ('{7}', '{}'), ('{{1,2},{4,8}}', NULL);
INSERT INTO reached_case
SELECT (SELECT array_agg(CASE WHEN random() < 0.05 THEN NULL ELSE (floor(random() * 65536) - 32768)::smallint END)
          FROM generate_series(1, g % 9)),
       CASE WHEN g % 3 = 0 THEN NULL
            ELSE (SELECT array_agg(CASE WHEN random() < 0.05 THEN NULL ELSE (floor(random() * 5) - 2)::integer END)
                    FROM generate_series(1, g % 7)) END
  FROM (SELECT setseed(0.35)) s, generate_series(1, 5000) g;
SELECT is((SELECT count(*) FROM reached_case), 5010::bigint, 'reached: the corpus');
SELECT is((SELECT count(*) FROM reached_case
            WHERE grid.reached_count(channels, signs) IS DISTINCT FROM pg_temp.reached_count_sql(channels, signs)),
          0::bigint, 'reached: the C counts and the SQL ones agree on every case');
SELECT is(grid.reached_count('{1,5,4}', '{1,1,-1}'), '{2}', 'reached: trailing zeros left out');

-- Staging rows as received: grid.staged_row(t) is to_jsonb(t) - 'staged_by'.
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat, received_at)
SELECT CASE WHEN g % 7 = 0 THEN NULL ELSE 'id"' || g || E'\\\n\t' END, E'2026年12月7日 8:30\u3000', '３６．５', E'cough,\x01"x"',
       CASE WHEN g % 2 = 0 THEN '111.3' END, '', CASE WHEN g % 3 = 0 THEN '2026-12-07 08:30+08'::timestamptz ELSE '2026-12-07 08:30:15.123456+08'::timestamptz + g * interval '1 hour' END
  FROM generate_series(1, 200) g;
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES ('13800000000', NULL, E'体温36.5 \\ "正常"'), (NULL, '', '');
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division)
VALUES ('网格员1', NULL, '张三', '36.5', NULL, NULL, '420502');
SELECT is((SELECT count(*) FROM grid.stage_app t WHERE grid.staged_row(t) IS DISTINCT FROM to_jsonb(t) - 'staged_by'),
          0::bigint, 'staged_row: app rows as to_jsonb writes them');
SELECT is((SELECT count(*) FROM grid.stage_sms t WHERE grid.staged_row(t) IS DISTINCT FROM to_jsonb(t) - 'staged_by'),
          0::bigint, 'staged_row: SMS rows as to_jsonb writes them');
SELECT is((SELECT count(*) FROM grid.stage_proxy t WHERE grid.staged_row(t) IS DISTINCT FROM to_jsonb(t) - 'staged_by'),
          0::bigint, 'staged_row: proxy rows as to_jsonb writes them');
SET LOCAL TimeZone = 'America/St_Johns';
SELECT is((SELECT count(*) FROM grid.stage_app t WHERE grid.staged_row(t) IS DISTINCT FROM to_jsonb(t) - 'staged_by'),
          0::bigint, 'staged_row: times in the session''s zone, as to_jsonb writes them');
-- a column of another type (an administrator's): written by to_jsonb itself
CREATE TEMP TABLE stage_odd (a text, n integer, b boolean, staged_by regrole, at timestamp);
INSERT INTO stage_odd VALUES ('x', 1, true, 'postgres', '2026-12-07 08:30'), (NULL, NULL, NULL, NULL, NULL);
SELECT is((SELECT count(*) FROM stage_odd t WHERE grid.staged_row(t) IS DISTINCT FROM to_jsonb(t) - 'staged_by'),
          0::bigint, 'staged_row: other types as to_jsonb writes them');

-- A field too long: grid.ingest_too_long, inlined now (no format()), gives
-- the reasons it gave.
CREATE FUNCTION pg_temp.too_long_sql(field text, value text, max_chars integer DEFAULT 200) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN pg_catalog.octet_length(value) > max_chars AND pg_catalog.length(value) > max_chars
                THEN pg_catalog.format('%s too long: %s characters (at most %s)', field, pg_catalog.length(value), max_chars)
           END;
SELECT is((SELECT count(*)
             FROM (VALUES ('id_text'), ('message'), (NULL), ('')) f(field),
                  (VALUES (NULL), (''), ('x'), (repeat('x', 200)), (repeat('x', 201)), (repeat('é', 150)), (repeat('咳', 201)),
                          (repeat('x', 1000)), (repeat('x', 1001))) v(value),
                  (VALUES (200), (1000), (0), (NULL)) m(max_chars)
            WHERE grid.ingest_too_long(f.field, v.value, m.max_chars) IS DISTINCT FROM pg_temp.too_long_sql(f.field, v.value, m.max_chars)),
          0::bigint, 'too long: the same reasons as with format()');

SELECT * FROM finish();
ROLLBACK;
