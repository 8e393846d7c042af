-- pgTAP: attacks on the SECURITY DEFINER upkeep of the days and facts,
-- on grid.batch_weights, on reference tables and on pooled connections.
--
-- 1. The trigger functions that keep grid.health_day and the facts run as
--    their owner and read their transition tables by name.  Any role that
--    may execute them can attach them to a table of its own (a temporary
--    one needs no privilege on schema grid) and feed them rows it made up:
--    a village's reader then reads another village's resident's day, or
--    his whole history through its own facts, moves its key-person entries
--    into another village, and writes another village's facts.
-- 2. A report filed for a resident who moved in, on a day he reported
--    under his former village, took that village's day of him over (when
--    grid.health_day was one row per resident and day), with its reports,
--    fever and channels; the unique keys of the reports and the robot's
--    calls told it which rows that village holds.
-- 3. A role granted every table privilege files weights (grid.batch_weights)
--    under another village's source batch: the foreign key tells it which
--    batches exist, and its row takes the key that village's linking needs.
-- 4. The same role rewrites the synthetic city's reference tables.
-- 5. On a pooled connection (one login, SET LOCAL ROLE per transaction),
--    the session's temporary schema outlives the role: a table
--    pg_temp.submit_outcome planted by one role is taken by the next
--    role's ingest function for grid.submit's, which writes its records
--    into it and fires the planter's trigger as the ingesting role.
--
-- Village A 王家河社区 420503004001 attacks; B 白沙脑社区 420503004002 and
-- C 中书街社区 420502002021 are the others (reports_fixture.inc).
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(24);
CREATE ROLE atr_reader LOGIN;
CREATE ROLE atr_writer LOGIN;
GRANT grid_reader TO atr_reader, atr_writer;
GRANT grid_ingest TO atr_writer;
SELECT grid.grant_scope('atr_reader', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('atr_writer', '420503004001') IS NULL AS granted \gset

-- A statement run as the acting role: 'ok', or the SQLSTATE it raised
-- (so that a refusal, wherever it comes, leaves the test running).
CREATE FUNCTION pg_temp.attempt(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.attempt(text) TO PUBLIC;

-- Everything outside village A that the days and facts hold, as the owner
-- sees it.
CREATE FUNCTION pg_temp.others() RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
        SELECT format('d %s %s %s %s %s %s %s', resident_id, day, division, place, reports, fever, channels) AS x
          FROM grid.health_day WHERE NOT place <@ '420503004001'
        UNION ALL
        SELECT format('c %s %s %s %s %s', day, place, sum(reported), sum(fever), grid.reached_sum(reached))
          FROM grid.cell_day WHERE NOT place <@ '420503004001' GROUP BY day, place
        UNION ALL
        SELECT format('f %s %s', place, residents) FROM grid.cell_fact WHERE NOT place <@ '420503004001'
        UNION ALL
        SELECT format('v %s %s %s %s %s', day, place, sum(screened), sum(households), sum(returnees))
          FROM grid.village_day WHERE NOT place <@ '420503004001' GROUP BY day, place
        UNION ALL
        SELECT format('r %s %s %s', division, resident_id, first_day) FROM grid.resident_screened
         WHERE NOT division <@ '420503004001'
        UNION ALL
        SELECT format('k %s %s %s %s %s', day, place, category, sum(begun), sum(ended))
          FROM grid.key_person_day WHERE NOT place <@ '420503004001' GROUP BY day, place, category
        UNION ALL
        SELECT format('s %s %s %s %s', day, place, kind, sum(requested))
          FROM grid.service_day WHERE NOT place <@ '420503004001' GROUP BY day, place, kind
        UNION ALL
        SELECT format('p %s %s %s %s', resident_id, id, division, place) FROM grid.key_person
         WHERE NOT place <@ '420503004001') f
$$;
GRANT EXECUTE ON FUNCTION pg_temp.others() TO PUBLIC;
SELECT pg_temp.others() AS others_before \gset
-- village A's own figures of the day (place A: its residents without a cell)
SELECT format('%s/%s', sum(reported), sum(fever)) AS a_day_before
  FROM grid.cell_day WHERE day = '2020-02-10' AND place = '420503004001' \gset

-- ---------------------------------------------------------------- 1.
SET SESSION AUTHORIZATION atr_reader;

-- grid.health_day_add on a table of its own: a made-up report of r09
-- (village C) at the end of the day, filed under village A, takes r09's
-- day over, with C's reports, fever and channels.
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_day (reported_at timestamptz, resident_id grid.resident_id,
                         division grid.division_code, place grid.division_code, fever boolean, channel text)$$)
       AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_day AFTER INSERT ON pg_temp.probe_day REFERENCING NEW TABLE AS added
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_add()$$) AS attached_day \gset
SELECT pg_temp.attempt(format($$INSERT INTO pg_temp.probe_day VALUES ('2020-02-10 23:59:59+08', %L, '420503004001',
                                '420503004001', false, 'app')$$, pg_temp.rid('42050219800101009'))) AS fed \gset
SELECT is((SELECT count(*) FROM grid.health_day WHERE resident_id = pg_temp.rid('42050219800101009')), 0::bigint,
          'reader: grid.health_day_add on its own table does not bring another village''s resident''s day into view');

-- grid.cell_fact_follow on a table of its own: r07 (village B) made a
-- resident of place A adds every day r07 reported to A's facts.
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_res (id grid.resident_id, place grid.division_code,
                         division grid.division_code, status text)$$) AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_res AFTER INSERT ON pg_temp.probe_res REFERENCING NEW TABLE AS residents_new
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow()$$) AS attached_res \gset
SELECT pg_temp.attempt(format($$INSERT INTO pg_temp.probe_res VALUES (%L, '420503004001', '420503004001', 'resident')$$,
                              pg_temp.rid('42050319800101007'))) AS fed \gset
SELECT is((SELECT format('%s/%s', sum(reported), sum(fever)) FROM grid.cell_day
            WHERE day = '2020-02-10' AND place = '420503004001'), :'a_day_before',
          'reader: grid.cell_fact_follow on its own table does not add another village''s resident''s days to its facts');

-- grid.resident_moved on a table of its own: r02's open key-person entry
-- (village A) moved into village C, by a role that may not write it.
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_move (id grid.resident_id, division grid.division_code,
                         place grid.division_code)$$) AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_move AFTER UPDATE ON pg_temp.probe_move
                         REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.resident_moved()$$) AS attached_move \gset
SELECT pg_temp.attempt(format($$INSERT INTO pg_temp.probe_move VALUES (%L, '420503004001', '420503004001001')$$,
                              pg_temp.rid('42050319800101002'))) AS fed \gset
SELECT pg_temp.attempt($$UPDATE pg_temp.probe_move SET division = '420502002021', place = '420502002021001'$$) AS fed \gset
SELECT is((SELECT count(*) FROM grid.key_person WHERE resident_id = pg_temp.rid('42050319800101002')), 1::bigint,
          'reader: grid.resident_moved on its own table leaves its key-person entries where they are');

-- The facts per village of village C written with made-up rows: a
-- household screened, a returnee, a confirmed case, a service request.
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_hh (first_day date, division grid.division_code)$$) AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_hh AFTER INSERT ON pg_temp.probe_hh REFERENCING NEW TABLE AS households_new
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow()$$) AS attached_hh \gset
SELECT pg_temp.attempt($$INSERT INTO pg_temp.probe_hh VALUES ('2020-02-10', '420502002021')$$) AS fed \gset
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_ret (arrival_date date, division grid.division_code,
                         origin grid.division_code, vehicle_plate text)$$) AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_ret AFTER INSERT ON pg_temp.probe_ret REFERENCING NEW TABLE AS returnees_new
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow()$$) AS attached_ret \gset
SELECT pg_temp.attempt($$INSERT INTO pg_temp.probe_ret VALUES ('2020-02-10', '420502002021', '420102', '鄂A00000')$$) AS fed \gset
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_kp (period_start date, status text, closed_at timestamptz,
                         place grid.division_code, division grid.division_code, category text)$$) AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_kp AFTER INSERT ON pg_temp.probe_kp REFERENCING NEW TABLE AS key_persons_new
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow()$$) AS attached_kp \gset
SELECT pg_temp.attempt($$INSERT INTO pg_temp.probe_kp VALUES ('2020-02-10', 'open', NULL, '420502002021', '420502002021',
                         'confirmed')$$) AS fed \gset
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_sv (requested_at timestamptz, taken_at timestamptz, done_at timestamptz,
                         status text, place grid.division_code, division grid.division_code, kind text)$$) AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_sv AFTER INSERT ON pg_temp.probe_sv REFERENCING NEW TABLE AS requests_new
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow()$$) AS attached_sv \gset
SELECT pg_temp.attempt($$INSERT INTO pg_temp.probe_sv VALUES ('2020-02-10 10:00+08', NULL, NULL, 'open', '420502002021',
                         '420502002021', 'medicine')$$) AS fed \gset
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM grid.report_key_person_counts('2020-02-10', '420502002021') WHERE category = '确诊病例'),
          0::bigint, 'no made-up confirmed case in another village''s key-person counts');
SELECT is(pg_temp.others(), :'others_before',
          'nothing the reader fed its own tables changed another village''s days, facts or key persons');

-- A village role granted every privilege on the tables and functions of
-- schema grid (as access_writes.sql's attacker): the same made-up report,
-- of r10 (village C) on the day r10 reported.
CREATE ROLE atr_every LOGIN;
GRANT grid_reader TO atr_every;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO atr_every;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO atr_every;
SELECT grid.grant_scope('atr_every', '420503004001') IS NULL AS granted \gset
SET SESSION AUTHORIZATION atr_every;
SELECT pg_temp.attempt($$CREATE TEMP TABLE probe_every (reported_at timestamptz, resident_id grid.resident_id,
                         division grid.division_code, place grid.division_code, fever boolean, channel text)$$)
       AS created \gset
SELECT pg_temp.attempt($$CREATE TRIGGER probe_every AFTER INSERT ON pg_temp.probe_every REFERENCING NEW TABLE AS added
                         FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_add()$$) AS attached_every \gset
SELECT pg_temp.attempt(format($$INSERT INTO pg_temp.probe_every VALUES ('2020-02-09 23:59:59+08', %L, '420503004001',
                                '420503004001', false, 'app')$$, pg_temp.rid('42050219800101010'))) AS fed \gset
SELECT is((SELECT count(*) FROM grid.health_day WHERE resident_id = pg_temp.rid('42050219800101010')), 0::bigint,
          'every privilege: grid.health_day_add on its own table does not bring another village''s resident''s day into view');
RESET SESSION AUTHORIZATION;

-- The way all of these go: a SECURITY DEFINER trigger function of grid
-- attached to a table that is not the one it keeps.  Nobody but an
-- administrator may attach one anywhere else.
SET SESSION AUTHORIZATION atr_reader;
CREATE TEMP TABLE probe_any (x integer);
SELECT is((SELECT string_agg(p.proname, ', ' ORDER BY p.proname) FROM pg_proc p
            WHERE p.pronamespace = 'grid'::regnamespace AND p.prosecdef AND p.prorettype = 'trigger'::regtype
              AND pg_temp.attempt(format('CREATE TRIGGER %I AFTER INSERT ON pg_temp.probe_any '
                                         'FOR EACH STATEMENT EXECUTE FUNCTION grid.%I()', 'any_' || p.proname, p.proname))
                  = 'ok'),
          NULL, 'reader: no SECURITY DEFINER trigger function of grid can be attached to its own table');
RESET SESSION AUTHORIZATION;

-- ---------------------------------------------------------------- 2.
-- r07 of village B reported on 2020-02-10 (a fever by app, a checkpoint),
-- was called by B's robot without answer that day, and has moved to
-- village A since; his day and call stay with B.
INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone)
VALUES (pg_temp.rid('42050319800101007'), '2020-02-10 12:00+08', '2020-02-10 12:00+08', 'no_answer',
        '420503004002', '13900000007');
UPDATE grid.resident SET division = '420503004001', cell = '420503004001001'
 WHERE id = pg_temp.rid('42050319800101007');
-- everything outside village A once he has moved
SELECT pg_temp.others() AS others_moved \gset
SET SESSION AUTHORIZATION atr_writer;
SELECT is((SELECT count(*) FROM grid.health_day WHERE resident_id = pg_temp.rid('42050319800101007')), 0::bigint,
          'writer: village A does not see the day r07 reported in village B');
-- A report of its own, without fever, at the end of that day: a day of
-- A's own, not B's taken over.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101007'), 'app', '2020-02-10 23:59+08', '2020-02-10 23:59+08', 36.5, false,
        '420503004001', 'id');
SELECT is((SELECT format('%s %s', reports, fever) FROM grid.health_day
            WHERE resident_id = pg_temp.rid('42050319800101007') AND day = '2020-02-10'),
          '1 f', 'writer: its report of a resident who moved in shows its own report only, not B''s reports and fever');
-- The same reading as B's app report of that morning is a report of A's
-- own: its unique key must not answer that B holds one (23505 names it).
SELECT lives_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                 division, link_method)
                  VALUES ('$$ || pg_temp.rid('42050319800101007') || $$', 'app', '2020-02-10 09:00+08',
                          '2020-02-10 09:00+08', 38.1, true, '420503004001', 'id')$$,
                'writer: a report the former village holds too is stored, not refused as a duplicate of B''s');
-- The same for the robot's calls: B's call of that day is no duplicate
-- of A's.
SELECT lives_ok($$INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone)
                  VALUES ('$$ || pg_temp.rid('42050319800101007') || $$', '2020-02-10 12:00+08', '2020-02-10 12:00+08',
                          'no_answer', '420503004001', '13900000007')$$,
                'writer: a robot call the former village holds too is stored, not refused as a duplicate of B''s');
SELECT is((SELECT format('%s %s %s', reports, fever, channels) FROM grid.health_day
            WHERE resident_id = pg_temp.rid('42050319800101007') AND day = '2020-02-10'),
          '2 t 1', 'writer: A''s day of r07 is its own two reports (app), nothing of B''s checkpoint');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT format('%s %s %s %s', reports, fever, channels, place) FROM grid.health_day
            WHERE resident_id = pg_temp.rid('42050319800101007') AND division = '420503004002'),
          '2 t 17 420503004002001', 'village B keeps the day r07 reported there, as it was');
SELECT is(pg_temp.others(), :'others_moved',
          'nothing outside village A (B''s days, facts, screening) changed when A filed for the resident who moved in');

-- ---------------------------------------------------------------- 3.
CREATE ROLE atr_all LOGIN;
CREATE ROLE atr_linker_c LOGIN;
GRANT grid_reader, grid_ingest, grid_registry, grid_linker TO atr_all;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO atr_all;
GRANT grid_linker TO atr_linker_c;
SELECT grid.grant_scope('atr_all', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('atr_linker_c', '420502002021') IS NULL AS granted \gset
INSERT INTO grid.source_batch (id, source, division, label) VALUES (990771, 'survey', '420502002021', 'c list');
SET SESSION AUTHORIZATION atr_all;
SELECT throws_ok($$INSERT INTO grid.batch_weights (batch_id, division, source, status, reason, records, pairs, random_pairs,
                                                  iterations)
                   VALUES (990771, '420503004001', 'survey', 'fixed', 'x', 0, 0, 0, 0)$$,
                 '42501', NULL, 'all privileges: no weights filed under another village''s source batch');
SELECT throws_ok($$INSERT INTO grid.batch_weights (batch_id, division, source, status, reason, records, pairs, random_pairs,
                                                  iterations)
                   VALUES (990772, '420503004001', 'survey', 'fixed', 'x', 0, 0, 0, 0)$$,
                 '42501', NULL, '... refused exactly as a batch that does not exist');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION atr_linker_c;
CREATE TEMP TABLE grid_link_pair (record_id bigint, resident_id grid.resident_id, resident_division grid.division_code,
                                  score real, explanation jsonb);
CREATE TEMP TABLE grid_link_rec (i integer, r grid.match_record);
SELECT lives_ok($$SELECT grid.estimate_link_weights(990771, true)$$,
                'village C records the weights of its own batch whatever another village wrote');
RESET SESSION AUTHORIZATION;

-- ---------------------------------------------------------------- 4.
SELECT (SELECT md5(string_agg(f::text, ',' ORDER BY f::text)) FROM grid.surname_frequency f) AS surnames_before,
       (SELECT count(*) FROM grid.synthetic_char) AS chars_before,
       (SELECT md5(string_agg(b.code || ST_AsBinary(b.geom)::text, ',' ORDER BY b.code)) FROM grid.division_boundary b) AS outlines_before \gset
SET SESSION AUTHORIZATION atr_all;
SELECT pg_temp.attempt($$UPDATE grid.division_boundary SET geom = ST_Multi(ST_Buffer(geom, 0.1))$$) AS moved \gset
SELECT pg_temp.attempt($$DELETE FROM grid.division_boundary$$) AS removed \gset
SELECT pg_temp.attempt($$DELETE FROM grid.surname_frequency WHERE surname = '王'$$) AS deleted \gset
SELECT pg_temp.attempt($$TRUNCATE grid.synthetic_char$$) AS truncated \gset
RESET SESSION AUTHORIZATION;
SELECT is((SELECT md5(string_agg(f::text, ',' ORDER BY f::text)) FROM grid.surname_frequency f), :'surnames_before',
          'all privileges: grid.surname_frequency unchanged');
SELECT is((SELECT count(*) FROM grid.synthetic_char), :chars_before::bigint,
          'all privileges: grid.synthetic_char not truncated');
SELECT is((SELECT md5(string_agg(b.code || ST_AsBinary(b.geom)::text, ',' ORDER BY b.code)) FROM grid.division_boundary b)::text,
          :'outlines_before'::text, 'all privileges: the counties'' outlines (grid.division_boundary) neither moved nor deleted');

-- The class of 4: every table of schema grid is under row-level security
-- (grid.enable_access, grid.enable_admin_only, grid.enable_admin_writes or
-- policies of its own), or, the map's tables, under a trigger that checks
-- every row written (*_write_check), so that no table privilege alone
-- reads or writes it.
SELECT is((SELECT string_agg(c.oid::regclass::text, ', ' ORDER BY c.oid::regclass::text) FROM pg_class c
            WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p')
              AND NOT c.relrowsecurity
              AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname LIKE '%write\_check')),
          NULL, 'every table of schema grid has row-level security or a write check');

-- ---------------------------------------------------------------- 5.
CREATE ROLE atr_ingest_c LOGIN;
GRANT grid_ingest TO atr_ingest_c;
SELECT grid.grant_scope('atr_ingest_c', '420502002021') IS NULL AS granted \gset
-- village A's reader, in its transaction
SET SESSION AUTHORIZATION atr_reader;
CREATE TEMP TABLE loot (who name, id text, name text);
GRANT ALL ON pg_temp.loot TO PUBLIC;
CREATE TEMP TABLE submit_outcome (seq bigint, raw jsonb, target text, outcome text, reason text,
                                  resident_id grid.resident_id, place grid.division_code,
                                  report_minute timestamptz, corrects boolean);
GRANT ALL ON pg_temp.submit_outcome TO PUBLIC;
CREATE FUNCTION pg_temp.loot() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    INSERT INTO pg_temp.loot SELECT current_user, r.id::text, r.name FROM grid.resident r;
    RETURN NULL;
END
$f$;
CREATE TRIGGER loot AFTER INSERT ON pg_temp.submit_outcome FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.loot();
RESET SESSION AUTHORIZATION;
-- village C's ingestion, next on the same connection
SET SESSION AUTHORIZATION atr_ingest_c;
INSERT INTO grid.stage_app (id_text, reported_at, temperature)
VALUES (pg_temp.rid('42050219800101010')::text, '2020-02-11 08:00', '38.7');
SELECT pg_temp.attempt($$SELECT grid.ingest_app('c morning')$$) AS ingested \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION atr_reader;
SELECT is((SELECT count(*) FROM pg_temp.submit_outcome), 0::bigint,
          'pooled: another role''s batch writes nothing into a table the reader planted');
SELECT is((SELECT count(*) FROM pg_temp.loot), 0::bigint,
          'pooled: the reader''s trigger never runs as the ingesting role');
SELECT is(:'ingested'::text, '42501'::text, 'pooled: the ingestion refuses the table another role left, with 42501');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
