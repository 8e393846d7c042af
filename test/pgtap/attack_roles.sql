-- pgTAP: attacks on grid as every role it knows: a village's reader,
-- ingesting channel, grid worker, registry editor and linker, a role
-- granted EXECUTE on every function of schema grid, one granted every
-- table privilege as well, an administrator adding a channel, and a
-- pooled login that changes roles between transactions.  Each statement
-- below tries to return, reveal or change rows outside the caller's scope
-- (or a log it may not write) and asserts that it does not.
--
-- 1. The batch log: grid.ingest_batch_open(text, text) runs as its owner
--    and is executable by everyone; only a role that may ingest a channel
--    (a scope, INSERT on its staging table, EXECUTE on its reader) logs a
--    batch of it.
-- 2. Bulk look-ups (grid.batch_candidates, kind ingest) are audited once
--    per batch: only under a batch the acting role is ingesting, never
--    under another role's.
-- 3. Adding a channel: its reader and staging table belong to an
--    administrator, since every ingesting role runs the reader with its
--    own rights and writes the staging table.
-- 4. The newest parts, each as the role most likely to get through: the
--    per-village facts and the report views, the archive, the batch
--    weights, the review queue, the source batches, grid.submit's work
--    tables, the administrators' functions and grid.distribute() on a
--    single node.
--
-- Village A 王家河社区 420503004001 attacks; B 白沙脑社区 420503004002 and
-- C 中书街社区 420502002021 are the others (reports_fixture.inc).
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;
\ir reports_fixture.inc
SELECT plan(41);

-- The roles, each of village A unless named _c.
CREATE ROLE ar_reader LOGIN;
CREATE ROLE ar_ingest LOGIN;
CREATE ROLE ar_ingest_c LOGIN;
CREATE ROLE ar_worker LOGIN;
CREATE ROLE ar_registry LOGIN;
CREATE ROLE ar_linker LOGIN;
CREATE ROLE ar_exec LOGIN;       -- grid_reader and EXECUTE on every function of grid
CREATE ROLE ar_all LOGIN;        -- every table privilege and EXECUTE on every function of grid
CREATE ROLE ar_noscope LOGIN;    -- may stage app records, has no scope
CREATE ROLE ar_admin LOGIN;      -- an administrator who is not a superuser
CREATE ROLE ar_dev LOGIN;        -- writes functions and tables, nothing of grid
GRANT grid_reader TO ar_reader, ar_exec;
GRANT grid_ingest TO ar_ingest, ar_ingest_c;
GRANT grid_worker TO ar_worker;
GRANT grid_registry TO ar_registry;
GRANT grid_linker TO ar_linker;
GRANT grid_admin TO ar_admin;
GRANT ALL ON grid.channel TO ar_admin;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO ar_exec, ar_all;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO ar_all;
GRANT INSERT, SELECT, DELETE ON grid.stage_app TO ar_noscope;
SELECT bool_and(grid.grant_scope(r::regrole, '420503004001') IS NULL) AS granted
  FROM unnest(ARRAY['ar_reader', 'ar_ingest', 'ar_worker', 'ar_registry', 'ar_linker', 'ar_exec', 'ar_all']) r \gset
SELECT grid.grant_scope('ar_ingest_c', '420502002021') IS NULL AS granted \gset

-- A statement run as the acting role: 'ok', or the SQLSTATE it raised.
CREATE FUNCTION pg_temp.attempt(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.attempt(text) TO PUBLIC;

-- ---------------------------------------------------------------- 1.
-- Who may log a batch of channel app: each role, its SQLSTATE.
CREATE TEMP TABLE opened (who name, chan text, outcome text);
GRANT ALL ON pg_temp.opened TO PUBLIC;
CREATE FUNCTION pg_temp.open_as(who name, chan text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SET LOCAL ROLE %I', who);
    INSERT INTO pg_temp.opened
    VALUES (who, chan, pg_temp.attempt(format('SELECT grid.ingest_batch_open(%L, %L)', chan, 'made up')));
    RESET ROLE;
END
$$;
SELECT pg_temp.open_as(r, 'app')
  FROM unnest(ARRAY['ar_reader', 'ar_ingest', 'ar_worker', 'ar_registry', 'ar_linker', 'ar_exec', 'ar_all',
                    'ar_noscope', 'ar_dev']) r;
SELECT pg_temp.open_as('ar_worker', 'proxy');
SELECT is((SELECT string_agg(who || ' ' || chan || ': ' || outcome, ', ' ORDER BY who, chan) FROM pg_temp.opened),
          'ar_all app: ok, ar_dev app: 42501, ar_exec app: 42501, ar_ingest app: ok, ar_linker app: 42501, '
          'ar_noscope app: 42501, ar_reader app: 42501, ar_registry app: 42501, ar_worker app: 42501, ar_worker proxy: ok',
          'only a role that may ingest a channel (scope, staging, reader) logs a batch of it');
SELECT is((SELECT string_agg(DISTINCT ingested_by::text, ', ' ORDER BY ingested_by::text) FROM grid.ingest_batch
            WHERE label = 'made up'),
          'ar_all, ar_ingest, ar_worker', '... and the others left no batch in the log');

-- ---------------------------------------------------------------- 2.
-- Village C's channel is ingesting: its batch is open.  A bulk look-up
-- under it would be audited as C's ingestion ("batch N"), not as the
-- caller's own search with what it asked.
SET LOCAL ROLE ar_ingest_c;
SELECT grid.ingest_batch_open('app', 'c batch') AS c_batch \gset
RESET ROLE;
SET LOCAL ROLE ar_reader;
SELECT throws_ok(format($$SELECT * FROM grid.batch_candidates('ingest', %s, ARRAY[grid.match_record(NULL, '张一')])$$,
                        :c_batch),
                 'P0002', NULL, 'reader: no bulk look-up under another role''s open batch');
RESET ROLE;
SET LOCAL ROLE ar_ingest;
SELECT throws_ok(format($$SELECT * FROM grid.batch_candidates('ingest', %s, ARRAY[grid.match_record(NULL, '张一')])$$,
                        :c_batch),
                 'P0002', NULL, 'another village''s channel: none either');
RESET ROLE;
SET LOCAL ROLE ar_exec;
SELECT is(grid.ingest_batch_open(:c_batch::bigint), false,
          'every function: grid.ingest_batch_open(bigint) does not tell that another role''s batch is open');
RESET ROLE;
SET LOCAL ROLE ar_ingest_c;
SELECT is((SELECT count(*) FROM grid.batch_candidates('ingest', :c_batch, ARRAY[grid.match_record(pg_temp.rid('42050219800101009')::text, '吴九')])),
          1::bigint, 'the role ingesting the batch looks up under it');
RESET ROLE;

-- ---------------------------------------------------------------- 3.
-- Every ingesting role runs a channel's reader with its own rights and
-- writes its staging table: both must be an administrator's.  A reader
-- owned by anyone else can be replaced by its owner at any time (its
-- body then runs as every village's channel, reading and writing that
-- village's rows); a staging table's owner drops its policies.
\ir ../fixtures/channel_kiosk.sql
ALTER TABLE public.stage_kiosk OWNER TO ar_admin;
CREATE SCHEMA ar_dev AUTHORIZATION ar_dev;
GRANT USAGE ON SCHEMA ar_dev TO PUBLIC;
SET LOCAL ROLE ar_dev;
CREATE TABLE ar_dev.stage_x (id_text text, reported_at text, temperature text,
                             received_at timestamptz NOT NULL DEFAULT now(),
                             staged_by regrole NOT NULL DEFAULT grid.acting_role());
CREATE FUNCTION ar_dev.ingest_x(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE sql AS 'SELECT NULL::grid.ingest_result';
RESET ROLE;
SET LOCAL ROLE ar_admin;
SELECT throws_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                   VALUES ('kiosk', 32, '自助机', 'public.stage_kiosk', 'ar_dev.ingest_x')$$,
                 '42501', NULL, 'administrator: a reader owned by a role that is no administrator is refused');
SELECT throws_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                   VALUES ('kiosk', 32, '自助机', 'ar_dev.stage_x', 'public.ingest_kiosk')$$,
                 '42501', NULL, 'administrator: so is a staging table owned by one');
SELECT lives_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                  VALUES ('kiosk', 32, '自助机', 'public.stage_kiosk', 'public.ingest_kiosk')$$,
                'administrator: a reader and staging table of administrators are taken');
SELECT throws_ok($$UPDATE grid.channel SET reader = 'ar_dev.ingest_x' WHERE code = 'kiosk'$$,
                 '42501', NULL, 'administrator: nor does a channel take such a reader later');
SELECT throws_ok($$UPDATE grid.channel SET reader = 'ar_dev.ingest_x' WHERE code = 'sms'$$,
                 '42501', NULL, '... built in or not');
RESET ROLE;
SELECT is((SELECT string_agg(code || ':' || reader, ',' ORDER BY bit) FROM grid.channel WHERE bit IN (2, 32)),
          'sms:grid.ingest_sms,kiosk:public.ingest_kiosk', 'the channels read as they were added');

-- ---------------------------------------------------------------- 4.
-- The review queue's primary key is (sender_key, id): the sender's ID or
-- phone number, and the entry's number.  A role that may insert entries
-- with a number of its choosing learns whether another village's queue
-- holds an entry of a given person under a given number (numbers are
-- sequential: all of them can be tried).  The bundles insert no number.
INSERT INTO grid.report_review (sender_key, id, channel, report_minute, reported_at, phone, division)
VALUES ('13911112222', 990001, 'sms', '2020-02-10 08:00+08', '2020-02-10 08:00+08', '13911112222', '420502002021');
CREATE FUNCTION pg_temp.queue_probe(entry bigint) RETURNS text LANGUAGE sql
    RETURN pg_temp.attempt(format($$INSERT INTO grid.report_review (sender_key, id, channel, report_minute, reported_at,
                                                                     division)
                                    VALUES ('13911112222', %1$s, 'app', '2020-02-11 08:00+08'::timestamptz + %2$s,
                                            '2020-02-11 08:00+08'::timestamptz + %2$s, '420503004001')$$,
                                   entry, format('interval ''%s minutes''', entry % 1000)));
GRANT EXECUTE ON FUNCTION pg_temp.queue_probe(bigint) TO PUBLIC;
SET LOCAL ROLE ar_ingest;
SELECT is(pg_temp.queue_probe(990001), '42501', 'channel: no review entry under a number of its choosing (another village''s)');
SELECT is(pg_temp.queue_probe(990002), '42501', '... nor under one nobody has: the same refusal');
SELECT is(pg_temp.attempt($$INSERT INTO grid.ingest_reject (id, batch_id, channel, raw, reason, division)
                            SELECT 990001, b.id, 'app', '{}', 'x', '420503004001' FROM grid.ingest_batch b
                             WHERE b.label = 'made up'$$), '42501',
          'channel: no reject under a number of its choosing');
RESET ROLE;
SET LOCAL ROLE ar_worker;
SELECT is(pg_temp.queue_probe(990001), '42501', 'grid worker: no review entry under a number of its choosing');
RESET ROLE;
-- The same for key-person entries, whose key begins with the resident: a
-- resident who moved in brings his former village's entries' numbers
-- along, so a number of the role's choosing would tell which it holds.
INSERT INTO grid.key_person (resident_id, id, category, division, place, period_start, reason)
VALUES (pg_temp.rid('42050319800101001'), 990001, 'close_contact', '420503004002', '420503004002', '2020-02-01', 'before a move');
CREATE FUNCTION pg_temp.key_person_probe(entry bigint) RETURNS text LANGUAGE sql
    RETURN pg_temp.attempt(format($$INSERT INTO grid.key_person (resident_id, id, category, division, place, period_start)
                                    VALUES (%L, %s, 'home_observation', '420503004001', '420503004001', '2020-02-11')$$,
                                   pg_temp.rid('42050319800101001'), entry));
GRANT EXECUTE ON FUNCTION pg_temp.key_person_probe(bigint) TO PUBLIC;
SET LOCAL ROLE ar_ingest;
SELECT is(pg_temp.key_person_probe(990001), '42501', 'channel: no key-person entry under a number of its choosing (another village''s)');
SELECT is(pg_temp.key_person_probe(990002), '42501', '... nor under one nobody has: the same refusal');
RESET ROLE;
SET LOCAL ROLE ar_worker;
SELECT is(pg_temp.key_person_probe(990001), '42501', 'grid worker: no key-person entry under a number of its choosing');
SELECT is(pg_temp.attempt(format('SELECT grid.resolve_review(990001, %L)', pg_temp.rid('42050319800101001'))),
          pg_temp.attempt(format('SELECT grid.resolve_review(990999, %L)', pg_temp.rid('42050319800101001'))),
          'grid worker: resolving another village''s entry is answered as resolving none');
RESET ROLE;
SET LOCAL ROLE ar_all;
SELECT pg_temp.queue_probe(990001) AS all_taken, pg_temp.queue_probe(990003) AS all_free \gset
SELECT is(:'all_taken'::text, :'all_free'::text,
          'every table privilege: a review entry under another village''s number of a sender is answered as under a free one');
RESET ROLE;
SELECT is((SELECT count(*) FROM grid.report_review WHERE sender_key = '13911112222' AND division = '420502002021'),
          1::bigint, 'village C''s entry is as it was');

-- The archive: snapshots of every village, then village A, holding every
-- table privilege, archives, deletes and moves.
SELECT count(*) > 0 AS archived FROM grid.archive_reports('2020-02-10') \gset
CREATE FUNCTION pg_temp.archive_others() RETURNS text LANGUAGE sql
    RETURN (SELECT md5(string_agg(format('%s %s %s %s %s', report, day, division, line, data), ',' ORDER BY report, division, line))
              FROM grid.report_archive WHERE NOT division <@ '420503004001');
GRANT EXECUTE ON FUNCTION pg_temp.archive_others() TO PUBLIC;
SELECT pg_temp.archive_others() AS archive_before \gset
SET LOCAL ROLE ar_all;
SELECT pg_temp.attempt($$SELECT grid.archive_reports('2020-02-10')$$) AS a1 \gset
SELECT pg_temp.attempt($$SELECT grid.archive_reports('2020-02-10', '420502002021')$$) AS a2 \gset
SELECT pg_temp.attempt($$SELECT grid.archive_reports('2020-02-10', '4205')$$) AS a3 \gset
SELECT pg_temp.attempt($$UPDATE grid.report_archive SET division = '420502002021'$$) AS a6 \gset
SELECT pg_temp.attempt($$DELETE FROM grid.report_archive$$) AS a4 \gset
SELECT pg_temp.attempt($$INSERT INTO grid.report_archive (report, day, division, line, data)
                         VALUES ('temperature', '2020-02-10', '420502002021', 99, '{}')$$) AS a5 \gset
RESET ROLE;
SELECT is(pg_temp.archive_others(), :'archive_before',
          'every table privilege: archiving, deleting, inserting and moving leave other villages'' snapshots as they were');
SELECT is(:'a5'::text, '42501', '... an archived row under another village is refused');
SELECT is(:'a6'::text, '42501', '... and so is moving its own there');

-- Linking: village A's linker and another village's source batch.
INSERT INTO grid.source_batch (id, source, division, label) VALUES (990771, 'survey', '420502002021', 'c list');
SET LOCAL ROLE ar_linker;
CREATE TEMP TABLE grid_link_pair (record_id bigint, resident_id grid.resident_id, resident_division grid.division_code,
                                  score real, explanation jsonb);
CREATE TEMP TABLE grid_link_rec (i integer, r grid.match_record);
SELECT isnt(pg_temp.attempt($$SELECT grid.estimate_link_weights(990771, true)$$), 'ok',
            'linker: no weights estimated for another village''s batch');
SELECT isnt(pg_temp.attempt($$SELECT grid.link_batch(990771)$$), 'ok', 'linker: nor is it linked');
SELECT pg_temp.attempt($$UPDATE grid.source_batch SET linked_at = now(), division = '420503004001'$$) AS moved \gset
-- A record of its own village filed in C's batch: whoever links C's batch
-- (the city) would link it and estimate C's weights from it.
SELECT is(pg_temp.attempt($$INSERT INTO grid.source_record (record_id, batch_id, division, raw)
                            VALUES (990881, 990771, '420503004001', '{}')$$), '42501',
          'linker: no record of its own in another village''s batch');
SELECT is(pg_temp.attempt($$INSERT INTO grid.source_record (record_id, batch_id, division, raw)
                            VALUES (990882, 990779, '420503004001', '{}')$$), '42501',
          '... refused as in a batch that does not exist');
INSERT INTO grid.source_batch (source, division, label) VALUES ('survey', '420503004001', 'a list');
SELECT lives_ok($$INSERT INTO grid.source_record (batch_id, division, raw)
                  SELECT b.id, '420503004001', '{}' FROM grid.source_batch b WHERE b.label = 'a list'$$,
                'linker: a record of its own batch is stored');
SELECT is(pg_temp.attempt($$UPDATE grid.source_record r SET batch_id = 990771$$), '42501',
          'linker: nor moved into another village''s batch');
RESET ROLE;
SELECT is((SELECT format('%s %s', division, linked_at) FROM grid.source_batch WHERE id = 990771), '420502002021 ',
          'C''s batch is neither stamped nor moved');
SELECT is((SELECT count(*) FROM grid.batch_weights WHERE batch_id = 990771), 0::bigint, 'and has no weights');
SELECT is((SELECT count(*) FROM grid.source_record WHERE batch_id = 990771), 0::bigint, 'nor a record of village A');

-- The administrators' functions, as a role that may execute every
-- function: each refused, nothing outside village A changed.
CREATE FUNCTION pg_temp.facts_others() RETURNS text LANGUAGE sql
    RETURN (SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
        SELECT format('d %s %s %s %s', resident_id, day, place, reports) AS x FROM grid.health_day
         WHERE NOT place <@ '420503004001'
        UNION ALL SELECT format('c %s %s %s', day, place, reported) FROM grid.cell_day WHERE NOT place <@ '420503004001'
        UNION ALL SELECT format('v %s %s %s', day, place, screened) FROM grid.village_day WHERE NOT place <@ '420503004001'
        UNION ALL SELECT format('s %s %s', role::text, division) FROM grid.access_scope
        UNION ALL SELECT format('n %s %s %s', kind, key, n) FROM grid.name_frequency) f);
SELECT pg_temp.facts_others() AS facts_before \gset
SET LOCAL ROLE ar_exec;
CREATE TEMP TABLE admin_calls (f text, outcome text);
INSERT INTO pg_temp.admin_calls
SELECT f, pg_temp.attempt('SELECT ' || f) FROM unnest(ARRAY[
    'grid.rebuild_facts()', 'grid.rebuild_health_day()', 'grid.refresh_name_frequency()', 'grid.distribute()',
    'grid.policies_for_citus(''grid.resident'')', 'grid.grant_scope(''ar_exec'', ''420502002021'')',
    'grid.revoke_scope(''ar_reader'', ''420503004001'')', 'grid.stage_protect(''grid.stage_app'')',
    'grid.village_facts_recount()', 'grid.cell_day_add(''[]'')', 'grid.schedule_reports()',
    'grid.enable_admin_only(''grid.resident'')', 'grid.disable_access(''grid.resident'')',
    'grid.sync_single_scope(''ar_exec'')']) f;
SELECT is((SELECT string_agg(f, ', ' ORDER BY f) FROM pg_temp.admin_calls WHERE outcome = 'ok'), NULL,
          'every function: no administrator''s function runs');
RESET ROLE;
SELECT is(pg_temp.facts_others(), :'facts_before', '... and nothing outside village A, no scope, no name count changed');

-- A pooled login (NOINHERIT: nothing of its own) that sets the role of
-- the village it serves in each transaction: the batch is the chosen
-- role's, logged only once a role that may ingest is chosen.
CREATE ROLE ar_pool LOGIN NOINHERIT;
GRANT ar_ingest, ar_ingest_c TO ar_pool;
SET LOCAL SESSION AUTHORIZATION ar_pool;
SELECT is(pg_temp.attempt($$SELECT grid.ingest_batch_open('app', 'pool')$$), '42501',
          'pooled login: no batch before it chooses a role');
SET LOCAL ROLE ar_ingest_c;
SELECT is(pg_temp.attempt($$SELECT grid.ingest_batch_open('app', 'pool')$$), 'ok', 'pooled login as C: its batch');
SELECT is((SELECT string_agg(DISTINCT ingested_by::text, ',') FROM grid.ingest_batch), 'ar_ingest_c',
          'pooled login as C: it sees C''s batches only');
RESET ROLE;
RESET SESSION AUTHORIZATION;

-- The same connection: a role leaves tables in its temporary schema under
-- every name that the report functions written as SQL strings (planned
-- at each call, under the caller's search_path, in which the temporary
-- schema comes first) read after FROM or JOIN.  Another role's reports
-- read grid's tables, not those.
CREATE FUNCTION pg_temp.reports_of_day() RETURNS text LANGUAGE sql
    RETURN (SELECT md5(string_agg(r, ',' ORDER BY r)) FROM (
        SELECT 't' || t::text AS r FROM grid.report_temperature('2020-02-10') t
        UNION ALL SELECT 'n' || t::text FROM grid.report_not_reported('2020-02-10') t
        UNION ALL SELECT 'k' || t::text FROM grid.report_key_persons('2020-02-10') t
        UNION ALL SELECT 'c' || t::text FROM grid.report_key_person_counts('2020-02-10') t
        UNION ALL SELECT 'h' || t::text FROM grid.report_channels('2020-02-10') t
        UNION ALL SELECT 'r' || t::text FROM grid.report_returnees('2020-02-10') t
        UNION ALL SELECT 's' || t::text FROM grid.report_screening('2020-02-10') t
        UNION ALL SELECT 'v' || t::text FROM grid.report_services('2020-02-10') t
        UNION ALL SELECT 'm' || t::text FROM grid.report_teams('2020-02-10') t
        UNION ALL SELECT 'p' || t::text FROM grid.report_checkpoints('2020-02-10') t) x);
GRANT EXECUTE ON FUNCTION pg_temp.reports_of_day() TO PUBLIC;
SET LOCAL ROLE ar_reader;
SELECT pg_temp.reports_of_day() AS reports_before \gset
RESET ROLE;
CREATE TEMP TABLE planted_names AS
SELECT DISTINCT lower(m[1]) AS name
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang,
       regexp_matches(p.prosrc, '(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)\M(?!\s*[.(])', 'gi') m
 WHERE p.pronamespace = 'grid'::regnamespace AND l.lanname = 'sql' AND p.proconfig IS NULL AND p.prosqlbody IS NULL
   AND lower(m[1]) NOT IN ('lateral', 'only', 'select', 'unnest');
GRANT SELECT ON pg_temp.planted_names TO PUBLIC;
SET LOCAL ROLE ar_exec;
DO $$
DECLARE
    n text;
BEGIN
    FOR n IN SELECT name FROM pg_temp.planted_names LOOP
        EXECUTE format('CREATE TEMP TABLE %I (x integer, division grid.division_code, place grid.division_code)', n);
        EXECUTE format('INSERT INTO pg_temp.%I VALUES (1, ''420503004001'', ''420503004001'')', n);
        EXECUTE format('GRANT SELECT ON pg_temp.%I TO PUBLIC', n);
    END LOOP;
END
$$;
RESET ROLE;
SET LOCAL ROLE ar_reader;
SELECT ok((SELECT count(*) FROM pg_temp.planted_names) > 5, 'pooled: the names are planted');
SELECT is(pg_temp.reports_of_day(), :'reports_before', 'pooled: another role''s planted tables change none of the reports');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
