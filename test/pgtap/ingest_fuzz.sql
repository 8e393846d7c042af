-- pgTAP: fault injection into every channel.  Each channel gets a few
-- hundred staged rows from a role holding every table privilege on schema
-- grid (a village's role, a role with two villages, an administrator that
-- is not a superuser):
--   valid     a well-formed record of one of the village's residents;
--   garbage   every column garbage with probability 0.8, and one column the
--             channel always checks made surely malformed;
--   single    a valid record with one column replaced by garbage (which
--             may happen to be acceptable).
-- Garbage: NULL, blanks, random Unicode (no NUL, no surrogates), very long
-- strings, huge and odd numbers, SQL-looking text, time-, code-, ID-,
-- phone-, answer- and temperature-like near misses, control characters,
-- and infinite or far arrival times.  Whatever comes in, the batch must
-- succeed, add up, store every valid record, turn every garbage record
-- (and every record with an over-long field) into a reject with a short
-- reason that the role can see, and leave nothing in staging.
--
-- The garbage is pseudo-random from a fixed seed, so that a failure
-- repeats; to try other garbage, run with another seed:
--     PGOPTIONS='-c fuzz.seed=0.731' pg_prove -d <db> test/pgtap/ingest_fuzz.sql
BEGIN;
SELECT plan(45);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;
SELECT setseed(coalesce(nullif(current_setting('fuzz.seed', true), '')::float8, 0.4217));
SELECT diag('fuzz.seed = ' || coalesce(nullif(current_setting('fuzz.seed', true), ''), '0.4217'));

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch,
         grid.stage_app, grid.stage_sms, grid.stage_voice, grid.stage_proxy, grid.stage_checkpoint CASCADE;
INSERT INTO grid.name_frequency (kind, key, n) VALUES ('total', '', 4000000);
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (9301, '王家河卡口', '420503004001', ST_SetSRID(ST_MakePoint(111.31, 30.70), 4326)),
  (9302, '中书街卡口', '420502002021', ST_SetSRID(ST_MakePoint(111.28, 30.69), 4326));
-- Who ingests: a village's role (voice, proxy, checkpoint), a role with
-- two villages (app), an administrator that is not a superuser (sms).
CREATE ROLE fuzz_village;
CREATE ROLE fuzz_two;
CREATE ROLE fuzz_admin;
GRANT grid_admin TO fuzz_admin;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO fuzz_village, fuzz_two, fuzz_admin;
SELECT grid.grant_scope('fuzz_village', '420503004001');
SELECT grid.grant_scope('fuzz_two', '420503004001');
SELECT grid.grant_scope('fuzz_two', '420504001203');

-- A code point of some script, never NUL or a surrogate.
CREATE FUNCTION public.fz_char() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT chr(lo[k] + floor(random() * (hi[k] - lo[k] + 1))::int)
      FROM (SELECT 1 + floor(random() * 15)::int AS k,
                   ARRAY[32, 48, 1, 127, 768, 1424, 8192, 12288, 19968, 65280, 57344, 65024, 128512, 131072, 1114000] AS lo,
                   ARRAY[126, 57, 31, 255, 879, 1535, 8303, 12351, 40959, 65519, 63743, 65039, 128591, 173791, 1114111] AS hi) s
$$;
CREATE FUNCTION public.fz_string(n integer) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT coalesce(string_agg(public.fz_char(), ''), '') FROM generate_series(1, n)
$$;
CREATE FUNCTION public.fz_pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT a[1 + floor(random() * cardinality(a))::int]
$$;
CREATE FUNCTION public.fz_blank() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT public.fz_pick(ARRAY['', ' ', E'\t', E'\n', E'\r\n', '　', E' \t　 ', E'\u00a0', E'\u200b'])
$$;
-- Longer than any field may be: a repeated snippet (up to 6,000
-- characters), or random text that does not compress (up to 3,000).
CREATE FUNCTION public.fz_long() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT CASE WHEN random() < 0.5
                THEN left(repeat(public.fz_string(1 + floor(random() * 5)::int), 6000), 201 + floor(random() * 6000)::int)
                ELSE public.fz_string(201 + floor(random() * 2800)::int) END
$$;
CREATE FUNCTION public.fz_sql() RETURNS text LANGUAGE sql VOLATILE AS $f$
    SELECT public.fz_pick(ARRAY[$q$'); DROP TABLE grid.resident; --$q$, $q$' OR '1'='1$q$, 'SELECT pg_sleep(10)',
                                '$$', E'\\', E'\\N', '\.', '%s%s%n%x', '{"a": 1}', '<script>alert(1)</script>',
                                '${jndi:ldap://x}', 'NULL', 'null', ';', '--', '/*', '*/', E'\'', '"', 'E''\\x00''',
                                'null::text', 'ARRAY[1]', '(1,2)', '{}', '[]'])
$f$;

-- Any garbage, some of it close to valid.
CREATE FUNCTION public.fz_garbage() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    CASE floor(random() * 14)::int
    WHEN 0 THEN RETURN NULL;
    WHEN 1 THEN RETURN public.fz_blank();
    WHEN 2 THEN RETURN public.fz_string(1 + floor(random() * 40)::int);
    WHEN 3 THEN RETURN public.fz_long();
    WHEN 4 THEN RETURN public.fz_pick(ARRAY['1e20', '1e400', '-1e308', '99999999999999999999999', '9999', '-0', '0x1F',
                                            'NaN', 'Infinity', '-Infinity', '36.5e3', '３６．５', '1,000.5', '36,5',
                                            '36.5.5', '..', '-', '+', '1e-400', '4.9e-324', repeat('9', 1000),
                                            '340282366920938463463374607431768211456', '-9223372036854775808',
                                            '9223372036854775808', '0', '00000', '1.7976931348623157e309']);
    WHEN 5 THEN RETURN public.fz_sql();
    WHEN 6 THEN RETURN public.fz_pick(ARRAY['2020-13-45 25:61', '0000-00-00 00:00', '99999-01-01 00:00', 'epoch', 'now',
                                            'infinity', '-infinity', 'today', 'allballs', 'J2451187',
                                            '2020-02-10 08:30 +99:00', '2020-02-10 08:30 Mars/Olympus',
                                            '1800-01-01 00:00', '4714-11-24 00:00 BC', '294277-01-01 00:00',
                                            '2020-02-10T08:30:00.123456789123+08:00', '2020-02-10 08:30:60',
                                            '2020-02-29 23:59', '2021-02-29 00:00', '2020-02-10', '08:30',
                                            '2020-02-10 08:30:00+08:00:00', '2020-02-10 08:30Z+08']);
    WHEN 7 THEN RETURN public.fz_pick(ARRAY['4205030040019', '000000000000', '99', '42050300400100a', '420503004001',
                                            '420502002021', '42', '11', '710000', '４２０５０３００４００１',
                                            '420503004001007', '420503004001999', '9', '-420503', '4205 0300 4001']);
    WHEN 8 THEN RETURN public.fz_pick(ARRAY['42050319900307123X', '420503199003071231', '11010519491231002X',
                                            '000000000000000000', '42050319900307123', repeat('x', 18),
                                            '４２０５０３１９９００３０７１２３０', '420503900307123', '420503199002301230',
                                            '420503199003071230 ', ' 420503199003071230', '420503-1990-0307-1230']);
    WHEN 9 THEN RETURN public.fz_pick(ARRAY[E'\x01\x02\x1b[31m', E'\x7f', E'\u202e36.5', E'\ufeff', E'\u200b36.5',
                                            E'36\u00ad.5', E'\u0301', E'\uffff', E'\U0010ffff']);
    WHEN 10 THEN RETURN (SELECT string_agg(floor(random() * 10)::int::text, '')
                           FROM generate_series(1, 1 + floor(random() * 30)::int));
    WHEN 11 THEN RETURN public.fz_pick(ARRAY['+86', '+86 138 0013 8000', '0000000000000', '1380013800', '138001380001',
                                             '(0717) 6221234', '10086', '+1 202 555 0100', '13800138000', '1380013800０',
                                             '0086-139-0013-9000', '+8613500135000', '138 0013 8000 ext 1']);
    WHEN 12 THEN RETURN public.fz_pick(ARRAY['answered', 'ANSWERED', 'no_answer', 'refused', 'yes', 'no', '是', '否',
                                             'maybe', '1', '2', '3', 'busy', 'in', 'out', '进', '出', 'sideways',
                                             'cough', 'cough,fever', 'cough,,;;', 'Cough; sneezing', 'unspecified']);
    ELSE RETURN public.fz_pick(ARRAY['36.5', '37度8', '三十六度五', '正常', '-36.5', '336.5', '36.55', '36.555555',
                                     '43.01', '33.96', '37.25', '体温1e400', '36,5', '36度五', '42.99', '34',
                                     '111.41', '30.61', '-180.0001', '90.5', '111.41.5', '1e2', '37.3', '38']);
    END CASE;
END
$$;
-- Surely malformed for a field the channel always checks: never blank,
-- never starting with a digit, or too long.
CREATE FUNCTION public.fz_bad() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT CASE floor(random() * 3)::int WHEN 0 THEN 'x' || public.fz_string(floor(random() * 40)::int)
                                         WHEN 1 THEN 'x' || public.fz_long()
                                         ELSE public.fz_sql() END
$$;
CREATE FUNCTION public.fz_bad_or_missing() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT CASE floor(random() * 4)::int WHEN 0 THEN NULL WHEN 1 THEN public.fz_blank() ELSE public.fz_bad() END
$$;
-- A name that is surely malformed: missing, too long, or nothing a name
-- is made of (punctuation, symbols, emoji).
CREATE FUNCTION public.fz_bad_name() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT CASE floor(random() * 4)::int WHEN 0 THEN NULL WHEN 1 THEN public.fz_blank() WHEN 2 THEN public.fz_long()
                ELSE (SELECT string_agg(public.fz_pick(ARRAY['!', '?', '.', ',', ';', '…', '—', '·', '$', '%', '*', '(',
                                                               ')', '😀', '😷', '“', '》', '【', '~', '#']), '')
                        FROM generate_series(1, 1 + floor(random() * 10)::int)) END
$$;
CREATE FUNCTION public.fz_received_at() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT public.fz_pick(ARRAY[NULL, 'infinity', '-infinity', '1900-01-01 00:00+08', '4713-01-01 00:00+00 BC',
                                '294276-12-31 23:59:59+00', '2099-01-01 00:00+08', '2020-02-10 08:00+08'])
$$;

-- The rows of one channel: the staging columns (text, received_at as
-- text), which row is what, and the one column a single row spoils.
CREATE TABLE public.fz_row (chan text, seq integer, kind text, col text, v text[], received_at text);
-- A valid record of channel chan, the i-th (its own minute).
CREATE FUNCTION public.fz_valid(chan text, i integer) RETURNS text[] LANGUAGE sql AS $$
    SELECT CASE chan
        WHEN 'app' THEN ARRAY[(ARRAY['420503199003071230', '420503198512010028'])[1 + i % 2], t, '36.5', NULL, NULL, NULL]
        WHEN 'sms' THEN ARRAY[(ARRAY['13800138000', '13900139000'])[1 + i % 2], t, '36.6']
        WHEN 'voice' THEN ARRAY[(ARRAY['13800138000', '13900139000'])[1 + i % 2], t, 'answered', '36.5', 'no']
        WHEN 'proxy' THEN ARRAY['王网格员', (ARRAY['420503199003071230', '420503198512010028'])[1 + i % 2], NULL, '36.5',
                                t, NULL, NULL]
        WHEN 'checkpoint' THEN ARRAY['9301', t, 'in', (ARRAY['420503199003071230', '420503198512010028'])[1 + i % 2],
                                     NULL, '36.5', NULL, NULL, NULL]
        END
      FROM (SELECT to_char(timestamp '2020-03-01 00:00' + i * interval '1 minute', 'YYYY-MM-DD HH24:MI') AS t) s
$$;
CREATE FUNCTION public.fz_columns(chan text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE chan
        WHEN 'app' THEN '{id_text,reported_at,temperature,symptoms,lon,lat}'::text[]
        WHEN 'sms' THEN '{phone,sent_at,message}'
        WHEN 'voice' THEN '{phone,called_at,outcome,temperature_answer,symptoms_answer,callee,callee_answer}'
        WHEN 'proxy' THEN '{worker,id_text,name,temperature,reported_at,symptoms,division}'
        WHEN 'checkpoint' THEN '{checkpoint,passed_at,direction,person,vehicle_plate,temperature,pass_checked,from_epicentre,turned_back}'
        END
$$;
-- Columns a garbage row may be spoiled in for sure; a proxy row with no
-- time takes the time it arrived, and one with no ID goes by name.
CREATE FUNCTION public.fz_checked(chan text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE chan
        WHEN 'app' THEN '{id_text,reported_at}'::text[]
        WHEN 'sms' THEN '{phone,sent_at}'
        WHEN 'voice' THEN '{phone,called_at,outcome}'
        WHEN 'proxy' THEN '{worker,id_text,reported_at}'
        WHEN 'checkpoint' THEN '{checkpoint,passed_at,direction}'
        END
$$;
CREATE FUNCTION public.fz_generate(chan text, n_valid integer, n_garbage integer, n_single integer) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    cols text[] := public.fz_columns(chan);
    checked text[] := public.fz_checked(chan);
    v text[];
    c text;
    k integer;
    i integer;
BEGIN
    FOR i IN 1 .. n_valid + n_garbage + n_single LOOP
        v := public.fz_valid(chan, i);
        IF i <= n_valid THEN
            INSERT INTO public.fz_row VALUES (chan, i, 'valid', NULL, v, NULL);
        ELSIF i <= n_valid + n_garbage THEN
            FOR k IN 1 .. cardinality(cols) LOOP
                IF random() < 0.8 THEN
                    v[k] := public.fz_garbage();
                END IF;
            END LOOP;
            c := public.fz_pick(checked);
            k := array_position(cols, c);
            v[k] := CASE WHEN c = 'worker' THEN public.fz_bad_name()
                         WHEN chan = 'proxy' THEN public.fz_bad()
                         ELSE public.fz_bad_or_missing() END;
            INSERT INTO public.fz_row VALUES (chan, i, 'garbage', c, v,
                                              CASE WHEN random() < 0.8 THEN public.fz_received_at() END);
        ELSE
            k := 1 + i % (cardinality(cols) + 1);
            IF k > cardinality(cols) THEN
                INSERT INTO public.fz_row VALUES (chan, i, 'single', 'received_at', v, public.fz_received_at());
            ELSE
                v[k] := public.fz_garbage();
                INSERT INTO public.fz_row VALUES (chan, i, 'single', cols[k], v, NULL);
            END IF;
        END IF;
    END LOOP;
END
$$;
SELECT public.fz_generate(c, 100, 150, 150) FROM unnest('{app,sms,voice,proxy,checkpoint}'::text[]) c;
-- The record as a reject keeps it: the staging columns, as jsonb.
CREATE FUNCTION public.fz_json(chan text, v text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_object_agg(c, v[k]) FROM unnest(public.fz_columns(chan)) WITH ORDINALITY AS u(c, k)
$$;
GRANT SELECT ON public.fz_row TO fuzz_village, fuzz_two, fuzz_admin;

-- Stage one channel's rows as the village's role (received_at NULL: the default).
CREATE FUNCTION public.fz_stage(chan text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO grid.stage_%s (%s, received_at) SELECT %s, coalesce(received_at::timestamptz, now())'
                   ' FROM public.fz_row WHERE chan = %L ORDER BY seq',
                   chan, array_to_string(public.fz_columns(chan), ', '),
                   (SELECT string_agg(format('v[%s]', k), ', ') FROM generate_series(1, cardinality(public.fz_columns(chan))) k),
                   chan);
END
$$;
-- Whether the valid row was stored: its report (or passage).
CREATE FUNCTION public.fz_stored(chan text, v text[], batch bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE chan
        WHEN 'checkpoint' THEN EXISTS (SELECT FROM grid.checkpoint_passage p
                                        WHERE p.batch_id = batch AND p.passed_at = v[2]::timestamptz AND p.person = v[4])
        ELSE EXISTS (SELECT FROM grid.health_report h
                      WHERE h.batch_id = batch AND h.channel = chan
                        AND h.reported_at = v[CASE WHEN chan = 'proxy' THEN 5 ELSE 2 END]::timestamptz)
        END
$$;
CREATE TABLE public.fz_result (LIKE grid.ingest_result);
GRANT INSERT, SELECT ON public.fz_result TO fuzz_village, fuzz_two, fuzz_admin;

-- ------------------------------------------------------------ app
SET LOCAL ROLE fuzz_two;
SELECT public.fz_stage('app');
SELECT lives_ok($$INSERT INTO public.fz_result SELECT * FROM grid.ingest_app('fuzz')$$, 'app: the garbage batch succeeds');
RESET ROLE;
SELECT is((SELECT (received, received = accepted + rejected + duplicates) FROM public.fz_result WHERE channel = 'app'),
          (400::bigint, true), 'app: every staged row is received, and the counts add up');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'app' AND kind = 'valid'
              AND public.fz_stored('app', f.v, (SELECT batch_id FROM public.fz_result WHERE channel = 'app'))), 100,
          'app: every valid record is stored');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'app' AND kind = 'garbage'
              AND EXISTS (SELECT FROM grid.ingest_reject j
                           WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'app')
                             AND j.raw - 'received_at' = public.fz_json('app', f.v) AND j.reason <> '')), 150,
          'app: every garbage record is a reject with a reason');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'app' AND kind = 'single'
              AND length(f.v[array_position(public.fz_columns('app'), f.col)]) > 200
              AND NOT EXISTS (SELECT FROM grid.ingest_reject j
                               WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'app')
                                 AND j.raw - 'received_at' = public.fz_json('app', f.v))), 0,
          'app: a record with an over-long field is a reject');
SELECT is((SELECT count(*)::int FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'app')
              AND (j.reason = '' OR length(j.reason) > 200)), 0, 'app: every reason is short');
SET LOCAL ROLE fuzz_two;
SELECT is((SELECT count(*) FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'app')),
          (SELECT rejected FROM public.fz_result WHERE channel = 'app'), 'app: the role sees every reject it made');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_app), 0, 'app: nothing is left in staging');
SELECT is((SELECT rejected FROM public.fz_result WHERE channel = 'app'),
          (SELECT count(*) FROM grid.ingest_reject j WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'app')),
          'app: the batch counts the rejects it stored');

-- ------------------------------------------------------------ sms
SET LOCAL ROLE fuzz_admin;
SELECT public.fz_stage('sms');
SELECT lives_ok($$INSERT INTO public.fz_result SELECT * FROM grid.ingest_sms('fuzz')$$, 'sms: the garbage batch succeeds');
RESET ROLE;
SELECT is((SELECT (received, received = accepted + rejected + duplicates) FROM public.fz_result WHERE channel = 'sms'),
          (400::bigint, true), 'sms: every staged row is received, and the counts add up');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'sms' AND kind = 'valid'
              AND public.fz_stored('sms', f.v, (SELECT batch_id FROM public.fz_result WHERE channel = 'sms'))), 100,
          'sms: every valid record is stored');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'sms' AND kind = 'garbage'
              AND EXISTS (SELECT FROM grid.ingest_reject j
                           WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'sms')
                             AND j.raw - 'received_at' = public.fz_json('sms', f.v) AND j.reason <> '')), 150,
          'sms: every garbage record is a reject with a reason');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'sms' AND kind = 'single'
              AND length(f.v[array_position(public.fz_columns('sms'), f.col)]) > CASE f.col WHEN 'message' THEN 1000 ELSE 200 END
              AND NOT EXISTS (SELECT FROM grid.ingest_reject j
                               WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'sms')
                                 AND j.raw - 'received_at' = public.fz_json('sms', f.v))), 0,
          'sms: a record with an over-long field is a reject');
SELECT is((SELECT count(*)::int FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'sms')
              AND (j.reason = '' OR length(j.reason) > 200)), 0, 'sms: every reason is short');
SET LOCAL ROLE fuzz_admin;
SELECT is((SELECT count(*) FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'sms')),
          (SELECT rejected FROM public.fz_result WHERE channel = 'sms'), 'sms: the role sees every reject it made');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_sms), 0, 'sms: nothing is left in staging');
SELECT is((SELECT rejected FROM public.fz_result WHERE channel = 'sms'),
          (SELECT count(*) FROM grid.ingest_reject j WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'sms')),
          'sms: the batch counts the rejects it stored');

-- ------------------------------------------------------------ voice
SET LOCAL ROLE fuzz_village;
SELECT public.fz_stage('voice');
SELECT lives_ok($$INSERT INTO public.fz_result SELECT * FROM grid.ingest_voice('fuzz')$$, 'voice: the garbage batch succeeds');
RESET ROLE;
SELECT is((SELECT (received, received = accepted + rejected + duplicates) FROM public.fz_result WHERE channel = 'voice'),
          (400::bigint, true), 'voice: every staged row is received, and the counts add up');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'voice' AND kind = 'valid'
              AND public.fz_stored('voice', f.v, (SELECT batch_id FROM public.fz_result WHERE channel = 'voice'))), 100,
          'voice: every valid record is stored');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'voice' AND kind = 'garbage'
              AND EXISTS (SELECT FROM grid.ingest_reject j
                           WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'voice')
                             AND j.raw - 'received_at' = public.fz_json('voice', f.v) AND j.reason <> '')), 150,
          'voice: every garbage record is a reject with a reason');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'voice' AND kind = 'single'
              AND length(f.v[array_position(public.fz_columns('voice'), f.col)]) > 200
              AND NOT EXISTS (SELECT FROM grid.ingest_reject j
                               WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'voice')
                                 AND j.raw - 'received_at' = public.fz_json('voice', f.v))), 0,
          'voice: a record with an over-long field is a reject');
SELECT is((SELECT count(*)::int FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'voice')
              AND (j.reason = '' OR length(j.reason) > 200)), 0, 'voice: every reason is short');
SET LOCAL ROLE fuzz_village;
SELECT is((SELECT count(*) FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'voice')),
          (SELECT rejected FROM public.fz_result WHERE channel = 'voice'), 'voice: the role sees every reject it made');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_voice), 0, 'voice: nothing is left in staging');
SELECT is((SELECT rejected FROM public.fz_result WHERE channel = 'voice'),
          (SELECT count(*) FROM grid.ingest_reject j WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'voice')),
          'voice: the batch counts the rejects it stored');

-- ------------------------------------------------------------ proxy
SET LOCAL ROLE fuzz_village;
SELECT public.fz_stage('proxy');
SELECT lives_ok($$INSERT INTO public.fz_result SELECT * FROM grid.ingest_proxy('fuzz')$$, 'proxy: the garbage batch succeeds');
RESET ROLE;
SELECT is((SELECT (received, received = accepted + rejected + duplicates) FROM public.fz_result WHERE channel = 'proxy'),
          (400::bigint, true), 'proxy: every staged row is received, and the counts add up');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'proxy' AND kind = 'valid'
              AND public.fz_stored('proxy', f.v, (SELECT batch_id FROM public.fz_result WHERE channel = 'proxy'))), 100,
          'proxy: every valid record is stored');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'proxy' AND kind = 'garbage'
              AND EXISTS (SELECT FROM grid.ingest_reject j
                           WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'proxy')
                             AND j.raw - 'received_at' = public.fz_json('proxy', f.v) AND j.reason <> '')), 150,
          'proxy: every garbage record is a reject with a reason');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'proxy' AND kind = 'single'
              AND length(f.v[array_position(public.fz_columns('proxy'), f.col)]) > 200
              AND NOT EXISTS (SELECT FROM grid.ingest_reject j
                               WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'proxy')
                                 AND j.raw - 'received_at' = public.fz_json('proxy', f.v))), 0,
          'proxy: a record with an over-long field is a reject');
SELECT is((SELECT count(*)::int FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'proxy')
              AND (j.reason = '' OR length(j.reason) > 200)), 0, 'proxy: every reason is short');
SET LOCAL ROLE fuzz_village;
SELECT is((SELECT count(*) FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'proxy')),
          (SELECT rejected FROM public.fz_result WHERE channel = 'proxy'), 'proxy: the role sees every reject it made');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_proxy), 0, 'proxy: nothing is left in staging');
SELECT is((SELECT rejected FROM public.fz_result WHERE channel = 'proxy'),
          (SELECT count(*) FROM grid.ingest_reject j WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'proxy')),
          'proxy: the batch counts the rejects it stored');

-- ------------------------------------------------------------ checkpoint
SET LOCAL ROLE fuzz_village;
SELECT public.fz_stage('checkpoint');
SELECT lives_ok($$INSERT INTO public.fz_result SELECT * FROM grid.ingest_checkpoint('fuzz')$$,
                'checkpoint: the garbage batch succeeds');
RESET ROLE;
SELECT is((SELECT (received, received = accepted + rejected + duplicates) FROM public.fz_result WHERE channel = 'checkpoint'),
          (400::bigint, true), 'checkpoint: every staged row is received, and the counts add up');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'checkpoint' AND kind = 'valid'
              AND public.fz_stored('checkpoint', f.v, (SELECT batch_id FROM public.fz_result WHERE channel = 'checkpoint'))), 100,
          'checkpoint: every valid record is stored');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'checkpoint' AND kind = 'garbage'
              AND EXISTS (SELECT FROM grid.ingest_reject j
                           WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'checkpoint')
                             AND j.raw - 'received_at' = public.fz_json('checkpoint', f.v) AND j.reason <> '')), 150,
          'checkpoint: every garbage record is a reject with a reason');
SELECT is((SELECT count(*)::int FROM public.fz_row f WHERE chan = 'checkpoint' AND kind = 'single'
              AND length(f.v[array_position(public.fz_columns('checkpoint'), f.col)]) > 200
              AND NOT EXISTS (SELECT FROM grid.ingest_reject j
                               WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'checkpoint')
                                 AND j.raw - 'received_at' = public.fz_json('checkpoint', f.v))), 0,
          'checkpoint: a record with an over-long field is a reject');
SELECT is((SELECT count(*)::int FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'checkpoint')
              AND (j.reason = '' OR length(j.reason) > 200)), 0, 'checkpoint: every reason is short');
SET LOCAL ROLE fuzz_village;
SELECT is((SELECT count(*) FROM grid.ingest_reject j
            WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'checkpoint')),
          (SELECT rejected FROM public.fz_result WHERE channel = 'checkpoint'), 'checkpoint: the role sees every reject it made');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_checkpoint), 0, 'checkpoint: nothing is left in staging');
SELECT is((SELECT rejected FROM public.fz_result WHERE channel = 'checkpoint'),
          (SELECT count(*) FROM grid.ingest_reject j WHERE j.batch_id = (SELECT batch_id FROM public.fz_result WHERE channel = 'checkpoint')),
          'checkpoint: the batch counts the rejects it stored');

SELECT * FROM finish();
ROLLBACK;
