-- pgTAP: writes that name a resident, attacked by a village role that holds
-- every privilege on the tables, sequences and functions of schema grid.
-- Each write naming another village's resident must get exactly the answer
-- the same write gets when it names a resident who does not exist (no
-- 23505, no ON CONFLICT row count, no other error text, no derived row),
-- and that answer is a refusal.  Also: grid.health_day written only by its
-- triggers, TRUNCATE, COPY FROM, TRIGGER and REFERENCES, and the scope
-- table itself.
BEGIN;
SELECT plan(74);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch, grid.returnee,
         grid.service_request, grid.record_link, grid.source_record, grid.source_batch, grid.household CASCADE;

-- 王家河社区 (the attacker's village) and 中书街社区 (the victim's).
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (9101, '王家河卡口', '420503004001', ST_SetSRID(ST_MakePoint(111.31, 30.70), 4326)),
  (9102, '中书街卡口', '420502002021', ST_SetSRID(ST_MakePoint(111.28, 30.69), 4326));
-- The victim's rows: a report, its day, an open fever case, an unanswered
-- call, a service request, a passage, a linked record.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES ('420502197003030038', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false, '420502002021', 'id'),
       ('420503199003071230', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.6, false, '420503004001', 'id');
INSERT INTO grid.key_person (resident_id, category, division, period_start, reason) VALUES
  ('420502197003030038', 'fever_unexcluded', '420502002021', '2020-02-09', 'app report of 38.1'),
  ('420503199003071230', 'close_contact', '420503004001', '2020-02-09', NULL);
INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division) VALUES
  ('420502197003030038', '2020-02-10 09:00+08', '2020-02-10 09:00+08', 'no_answer', '420502002021');
INSERT INTO grid.service_request (resident_id, id, kind, division) VALUES
  ('420502197003030038', 777, 'gas', '420502002021'),
  ('420503199003071230', 778, 'gas', '420503004001');
INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person_key, division) VALUES
  (9102, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-Z', '420502002021'),
  (9101, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-W', '420503004001');
INSERT INTO grid.source_batch (id, source, division, label) VALUES
  (9201, 'survey', '420502002021', 'victim'), (9202, 'survey', '420503004001', 'attacker');
INSERT INTO grid.source_record (record_id, batch_id, division, raw) VALUES
  (9301, 9201, '420502002021', '{}'), (9302, 9202, '420503004001', '{}');
INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, decision, method) VALUES
  (9301, 9201, '420502002021', '420502197003030038', 'link', 'exact_id');
INSERT INTO grid.household (id, division) VALUES (9401, '420503004001');
INSERT INTO grid.report_review (sender_key, channel, report_minute, reported_at, division) VALUES
  ('13300133000', 'sms', '2020-02-10 09:00+08', '2020-02-10 09:00+08', '420503004001');
INSERT INTO grid.returnee (id, name, division, arrival_date, origin_text) VALUES (9501, '王大', '420503004001', '2020-01-26', '武汉');

-- The attacker: one village, and every privilege on the schema's tables,
-- sequences and functions.
CREATE ROLE acc_wjh NOLOGIN;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO acc_wjh;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO acc_wjh;
SELECT grid.grant_scope('acc_wjh', '420503004001') IS NULL AS granted \gset
-- A schema of its own, where it may create tables.
CREATE SCHEMA acc_own AUTHORIZATION acc_wjh;

-- The answer to a statement: "ok <rows>", or the SQLSTATE and message.
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE q;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN 'ok ' || n;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
-- The answers to one write naming (@R) the victim, 欧阳娜娜 of 中书街社区,
-- and naming a valid ID nobody has: they must be equal.
CREATE FUNCTION pg_temp.probe(q text) RETURNS text[] LANGUAGE sql AS $$
    SELECT ARRAY[pg_temp.try(replace(q, '@R', '420502197003030038')),
                 pg_temp.try(replace(q, '@R', grid.synth_with_check('42050219700303004')))]
$$;
-- The refusal by a policy, twice (for the two answers of a probe).
CREATE FUNCTION pg_temp.refused(policy text, tbl text) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_fill(format('42501 new row violates row-level security policy "%s" for table "%s"', policy, tbl),
                      ARRAY[2])
$$;

SET LOCAL ROLE acc_wjh;

-- 1. Health reports and their days (issue item 1).
SELECT is(pg_temp.probe($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                          temperature, fever, division, link_method)
                          VALUES ('@R', 'app', '2020-02-10 08:30+08', '2020-02-10 08:30+08', 38.5, true,
                                  '420503004001', 'id')$$),
          pg_temp.refused('grid_resident', 'health_report'),
          'a report naming another village''s resident under the writer''s village is refused as one naming nobody');
SELECT is((SELECT count(*)::int FROM grid.health_day WHERE resident_id OPERATOR(grid.=) '420502197003030038'), 0,
          'and the writer sees no day of that resident');
SELECT is(pg_temp.probe($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                          temperature, fever, division, link_method)
                          VALUES ('@R', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false,
                                  '420503004001', 'id')$$),
          pg_temp.refused('grid_resident', 'health_report'),
          'INSERT at the minute of the victim''s report: no 23505');
SELECT is(pg_temp.probe($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                          temperature, fever, division, link_method)
                          VALUES ('@R', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false,
                                  '420503004001', 'id')
                          ON CONFLICT DO NOTHING$$),
          pg_temp.refused('grid_resident', 'health_report'),
          'ON CONFLICT DO NOTHING: no row count that tells a conflict');
SELECT is(pg_temp.probe($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                          temperature, fever, division, link_method)
                          VALUES ('@R', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false,
                                  '420503004001', 'id')
                          ON CONFLICT ON CONSTRAINT health_report_record_key DO UPDATE SET temperature = 40.1, fever = true$$),
          pg_temp.refused('grid_resident', 'health_report'),
          'ON CONFLICT DO UPDATE: refused before the conflict is looked for');
SELECT is(pg_temp.probe($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                          temperature, fever, division, link_method)
                          VALUES ('@R', 'app', '2020-02-10 08:40+08', '2020-02-10 08:40+08', 36.5, false,
                                  '420502002021', 'id')$$),
          array_fill(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                                   temperature, fever, division, link_method)
                                   VALUES ('420503198512010028', 'app', '2020-02-10 08:40+08', '2020-02-10 08:40+08',
                                           36.5, false, '420502002021', 'id')$$), ARRAY[2]),
          'under the victim''s own division: the answer a resident of the writer''s own gets there');
SELECT is(pg_temp.probe($$MERGE INTO grid.health_report h
                          USING (VALUES ('@R'::grid.resident_id)) s(r)
                             ON h.resident_id OPERATOR(grid.=) s.r AND h.channel = 'app' AND h.report_minute = '2020-02-10 08:00+08'
                           WHEN MATCHED THEN UPDATE SET temperature = 40.1, fever = true
                           WHEN NOT MATCHED THEN INSERT (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                         division, link_method)
                                VALUES (s.r, 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 40.1, true,
                                        '420503004001', 'id')$$),
          pg_temp.refused('grid_resident', 'health_report'),
          'MERGE at the victim''s report: the hidden row is not matched, and the insert is refused');
SELECT is(pg_temp.probe($$UPDATE grid.health_report SET resident_id = '@R'
                           WHERE resident_id OPERATOR(grid.=) '420503199003071230'$$),
          pg_temp.refused('grid_resident', 'health_report'),
          'UPDATE moving a report of its own onto the victim: refused as onto nobody');
SELECT is(pg_temp.try($$UPDATE grid.health_report SET division = '420503004001007'
                         WHERE resident_id OPERATOR(grid.=) '420503199003071230'$$),
          (pg_temp.refused('grid_resident', 'health_report'))[1],
          'UPDATE to a division other than the resident''s (a grid cell of the village): refused');
SELECT is(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                        temperature, fever, division, link_method)
                        VALUES ('420503198512010028', 'sms', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false,
                                '420503004001007', 'id')$$),
          (pg_temp.refused('grid_resident', 'health_report'))[1],
          'INSERT of its own resident under a division other than the resident''s: refused');
SELECT is(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                        temperature, fever, division, link_method)
                        VALUES ('420503198512010028', 'sms', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 37.8, true,
                                '420503004001', 'id')$$),
          'ok 1', 'a report of its own resident under the resident''s division is stored');
SELECT is((SELECT (reports, fever) FROM grid.health_day WHERE resident_id OPERATOR(grid.=) '420503198512010028'),
          (1, true), 'and its day is kept');
SELECT is(pg_temp.try($$UPDATE grid.health_report SET reported_at = '2020-02-11 08:00+08', report_minute = '2020-02-11 08:00+08'
                         WHERE resident_id OPERATOR(grid.=) '420503198512010028'$$),
          'ok 1', 'moving its own report to the next day is allowed');
SELECT is((SELECT array_agg(day ORDER BY day) FROM grid.health_day WHERE resident_id OPERATOR(grid.=) '420503198512010028'),
          ARRAY[DATE '2020-02-11'], 'and the day follows');
SELECT is(pg_temp.try($$DELETE FROM grid.health_report WHERE resident_id OPERATOR(grid.=) '420502197003030038'$$),
          'ok 0', 'DELETE cannot reach the victim''s report');

-- 2. grid.health_day is written by its triggers only.
SELECT is(pg_temp.probe($$INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at)
                          VALUES ('2020-02-10', '@R', '420503004001', 1, true, 1, '2020-02-10 08:00+08')$$),
          array_fill('42501 grid.health_day is written only by the triggers on grid.health_report'::text, ARRAY[2]),
          'INSERT into grid.health_day naming the victim: refused as naming nobody (no 23505)');
SELECT is(pg_temp.try($$INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at)
                        VALUES ('2020-02-12', '420503199003071230', '420503004001', 1, false, 1, '2020-02-12 08:00+08')$$),
          '42501 grid.health_day is written only by the triggers on grid.health_report',
          'INSERT of a day of its own resident: refused');
SELECT is(pg_temp.try($$UPDATE grid.health_day SET fever = false$$),
          '42501 grid.health_day is written only by the triggers on grid.health_report', 'UPDATE: refused');
SELECT is(pg_temp.try($$DELETE FROM grid.health_day$$),
          '42501 grid.health_day is written only by the triggers on grid.health_report', 'DELETE: refused');
SELECT is(pg_temp.try($$INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at)
                        VALUES ('2020-02-10', '420503199003071230', '420503004001', 1, false, 1, '2020-02-10 08:00+08')
                        ON CONFLICT (resident_id, day, division) DO UPDATE SET fever = false$$),
          '42501 grid.health_day is written only by the triggers on grid.health_report', 'INSERT ... ON CONFLICT DO UPDATE: refused');

-- 3. Key persons (issue item 7): the open-entry index is not an oracle.
SELECT is(pg_temp.probe($$INSERT INTO grid.key_person (resident_id, category, division, period_start)
                          VALUES ('@R', 'fever_unexcluded', '420503004001', '2020-02-10')$$),
          pg_temp.refused('grid_resident', 'key_person'),
          'a key-person entry for the victim, an open fever case: no 23505');
SELECT is(pg_temp.probe($$INSERT INTO grid.key_person (resident_id, category, division, period_start)
                          VALUES ('@R', 'fever_unexcluded', '420503004001', '2020-02-10')
                          ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING$$),
          pg_temp.refused('grid_resident', 'key_person'),
          'ON CONFLICT on the open-entry index: no row count that tells an open case');
SELECT is(pg_temp.probe($$UPDATE grid.key_person SET resident_id = '@R', category = 'fever_unexcluded'
                           WHERE resident_id OPERATOR(grid.=) '420503199003071230'$$),
          pg_temp.refused('grid_resident', 'key_person'),
          'UPDATE moving its own entry onto the victim: refused as onto nobody');
SELECT is((SELECT array_agg(left(a, 5)) FROM unnest(pg_temp.probe($$SELECT grid.add_key_person('@R', 'fever_unexcluded')$$)) a),
          ARRAY['23503', '23503'], 'grid.add_key_person: the victim is as unregistered as nobody');

SELECT is((SELECT array_agg(left(a, 5)) FROM unnest(pg_temp.probe(
              $$SELECT grid.resolve_review('13300133000', 'sms', '2020-02-10 09:00+08', '@R')$$)) a),
          ARRAY['23503', '23503'], 'grid.resolve_review to the victim: as unregistered as nobody');

-- 4. Every other table that names a resident.
SELECT is(pg_temp.probe($$INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division)
                          VALUES ('@R', '2020-02-10 09:00+08', '2020-02-10 09:00+08', 'refused', '420503004001')$$),
          pg_temp.refused('grid_resident', 'unreached'), 'unreached calls: no 23505 at the victim''s minute');
SELECT is(pg_temp.probe($$INSERT INTO grid.service_request (resident_id, id, kind, division)
                          VALUES ('@R', 777, 'gas', '420503004001')$$),
          ARRAY['42501 the entry numbers of grid.service_request are given by its sequence',
                '42501 the entry numbers of grid.service_request are given by its sequence'],
          'service requests: no 23505 on the victim''s request number (no number of one''s own)');
SELECT is(pg_temp.probe($$UPDATE grid.service_request SET resident_id = '@R' WHERE id = 778$$),
          pg_temp.refused('grid_resident', 'service_request'), 'service requests: UPDATE onto the victim refused');
SELECT is(pg_temp.probe($$INSERT INTO grid.returnee (resident_id, name, division, arrival_date, origin_text)
                          VALUES ('@R', '欧阳娜娜', '420503004001', '2020-01-26', '武汉')$$),
          pg_temp.refused('grid_resident', 'returnee'), 'returnees linked to the victim: refused');
SELECT is(pg_temp.probe($$UPDATE grid.returnee SET resident_id = '@R' WHERE id = 9501$$),
          pg_temp.refused('grid_resident', 'returnee'), 'returnees: UPDATE linking the victim refused');
SELECT is(pg_temp.try($$INSERT INTO grid.returnee (resident_id, name, division, arrival_date, origin_text)
                        VALUES ('420503199003071230', '陈君', '420503004001', '2020-01-26', '武汉')$$),
          'ok 1', 'a returnee linked to its own resident is stored');
SELECT is(pg_temp.probe($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction,
                                                               person_key, resident_id, division)
                          VALUES (9101, '2020-02-10 11:00+08', '2020-02-10 11:00+08', 'in', 'x', '@R', '420503004001')$$),
          pg_temp.refused('grid_resident', 'checkpoint_passage'), 'a passage at its own checkpoint linked to the victim: refused');
SELECT is(ARRAY[pg_temp.try($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction,
                                                                   person_key, division)
                              VALUES (9102, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-Z', '420503004001')$$),
                pg_temp.try($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction,
                                                                   person_key, division)
                              VALUES (9102, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-none', '420503004001')$$)],
          pg_temp.refused('grid_checkpoint', 'checkpoint_passage'),
          'a passage at the victim''s checkpoint filed under its own village: no 23505 on who passed there');
SELECT is(pg_temp.try($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction,
                                                             person_key, resident_id, division)
                        VALUES (9101, '2020-02-10 11:00+08', '2020-02-10 11:00+08', 'in', 'y', '420503199003071230',
                                '420503004001')$$),
          'ok 1', 'a passage at its own checkpoint of its own resident is stored');
SELECT is(pg_temp.probe($$INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, decision, method)
                          VALUES (9302, 9202, '420503004001', '@R', 'link', 'manual')$$),
          pg_temp.refused('grid_resident', 'record_link'), 'a link of its own record to the victim: refused');
SELECT is(ARRAY[pg_temp.try($$INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, decision, method)
                              VALUES (9301, 9202, '420503004001', '420503199003071230', 'link', 'manual')$$),
                pg_temp.try($$INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, decision, method)
                              VALUES (999999, 9202, '420503004001', '420503199003071230', 'link', 'manual')$$)],
          pg_temp.refused('grid_record', 'record_link'),
          'a link for the victim''s record: refused as for a record that does not exist (no 23505, no 23503)');
SELECT is(pg_temp.try($$INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, decision, method)
                        VALUES (9302, 9202, '420503004001', '420503199003071230', 'link', 'manual')$$),
          'ok 1', 'a link of its own record to its own resident is stored');
SELECT is((SELECT array_agg(regexp_replace(a, '[0-9X]{18}', 'ID')) FROM unnest(pg_temp.probe($$SELECT grid.decide_link(9302, '@R', 'link')$$)) a),
          array_fill('P0002 no resident ID in your jurisdiction'::text, ARRAY[2]),
          'grid.decide_link to the victim: refused as for an ID nobody has');
SELECT is(pg_temp.probe($$UPDATE grid.report_review SET best_candidate = '@R'$$),
          pg_temp.refused('grid_resident', 'report_review'), 'the review queue''s best candidate: the victim refused');
SELECT is(pg_temp.probe($$UPDATE grid.household SET head_id = '@R' WHERE id = 9401$$),
          pg_temp.refused('grid_resident', 'household'), 'a household headed by the victim: refused');
-- Every table of schema grid with a resident ID column is guarded.
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
              AND NOT a.attisdropped AND a.atttypid = 'grid.resident_id'::regtype
              AND c.oid <> 'grid.resident'::regclass
              AND NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid
                                 AND p.polname IN ('grid_resident', 'grid_admin_only'))
              AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname IN ('health_day_writers', 'fact_writers'))),
          NULL, 'every table with a resident ID column checks it (or is written by triggers or administrators only)');

-- 5. TRUNCATE bypasses the policies; COPY FROM is refused by PostgreSQL.
SELECT throws_ok($$TRUNCATE grid.health_report$$, '42501', 'permission denied to truncate grid.health_report',
                 'TRUNCATE of the city''s health reports: refused');
SELECT throws_ok($$TRUNCATE grid.resident CASCADE$$, '42501', NULL, 'TRUNCATE of the registry: refused');
SELECT throws_ok($$TRUNCATE grid.health_day$$, '42501', NULL, 'TRUNCATE of grid.health_day: refused');
RESET ROLE;
SELECT is((SELECT array_agg(c.oid::regclass::text ORDER BY c.oid::regclass::text)
             FROM pg_class c
            WHERE EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname IN ('grid_access', 'grid_admin_only'))
              AND NOT EXISTS (SELECT FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                               WHERE t.tgrelid = c.oid AND f.proname = 'refuse_truncate'
                                 AND t.tgtype & 32 <> 0 AND t.tgtype & 2 <> 0)),
          NULL, 'every protected table refuses TRUNCATE to non-administrators');
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE resident_id OPERATOR(grid.=) '420502197003030038'), 1,
          'the victim''s report is still there');
GRANT pg_read_server_files TO acc_wjh;
SET LOCAL ROLE acc_wjh;
SELECT throws_ok($$COPY grid.health_report FROM '/dev/null'$$, '0A000', 'COPY FROM not supported with row-level security',
                 'COPY FROM into a protected table: refused');
SELECT throws_ok($$COPY grid.key_person FROM '/dev/null'$$, '0A000', NULL, 'COPY FROM into grid.key_person: refused');
RESET ROLE;
REVOKE pg_read_server_files FROM acc_wjh;

-- 6. Ingestion still stores the village's own reports, and a record naming
--    the victim waits in the village's own review queue.
SET LOCAL ROLE acc_wjh;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-10 12:00', '38.4'),
  ('420502197003030038', '2020-02-10 12:00', '39.0');
SELECT is((SELECT (received, accepted, unlinked, fevers) FROM grid.ingest_app()),
          (2::bigint, 2::bigint, 1::bigint, 1::bigint), 'ingest_app: its own resident stored, the victim queued for review');
RESET ROLE;
SELECT is((SELECT (division::text, reports, fever) FROM grid.health_day
            WHERE resident_id OPERATOR(grid.=) '420502197003030038' AND day = '2020-02-10'),
          ('420502002021'::text, 1, false), 'the victim''s day has not moved, grown or caught a fever');
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE resident_id OPERATOR(grid.=) '420502197003030038'), 1,
          'the victim has one report, its own');
SELECT is((SELECT count(*)::int FROM grid.key_person WHERE resident_id OPERATOR(grid.=) '420502197003030038'), 1,
          'and one key-person entry, its own');

-- 7. TRIGGER and REFERENCES: a trigger of the attacker's would see other
--    villages' rows as they are written; a foreign key check sees past the
--    policies.
SET LOCAL ROLE acc_wjh;
CREATE FUNCTION pg_temp.spy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
SELECT throws_ok($$CREATE TRIGGER spy AFTER INSERT ON grid.health_report FOR EACH ROW EXECUTE FUNCTION pg_temp.spy()$$,
                 '42501', 'permission denied to create a trigger on grid.health_report',
                 'a trigger on grid.health_report: refused');
SELECT throws_ok($$CREATE CONSTRAINT TRIGGER spy AFTER INSERT ON grid.key_person FOR EACH ROW EXECUTE FUNCTION pg_temp.spy()$$,
                 '42501', NULL, 'a constraint trigger on grid.key_person: refused');
SELECT throws_ok($$CREATE TABLE acc_own.probe (rid grid.resident_id REFERENCES grid.resident (id))$$,
                 '42501', 'permission denied to reference grid.resident in a foreign key',
                 'a table of its own with a foreign key to grid.resident: refused');
SELECT lives_ok($$CREATE TABLE acc_own.probe (rid grid.resident_id)$$, 'the same table without it');
SELECT throws_ok($$ALTER TABLE acc_own.probe ADD FOREIGN KEY (rid) REFERENCES grid.resident (id)$$,
                 '42501', NULL, 'the foreign key added later: refused');
SELECT lives_ok($$CREATE TABLE acc_own.note (id int PRIMARY KEY, probe_id int REFERENCES acc_own.note (id))$$,
                'a foreign key between its own tables is allowed');
SELECT lives_ok($$CREATE TRIGGER own AFTER INSERT ON acc_own.note FOR EACH ROW EXECUTE FUNCTION pg_temp.spy()$$,
                'and a trigger on its own table');
SELECT is((SELECT count(*)::int FROM pg_trigger WHERE tgname = 'spy'), 0, 'no spy trigger exists');

-- 8. The scope table: holding every table privilege is not a scope.
SELECT is(pg_temp.try($$INSERT INTO grid.access_scope (role, division, granted_by) VALUES ('acc_wjh', '4205', 'acc_wjh')$$),
          '42501 new row violates row-level security policy for table "access_scope"',
          'a role cannot grant itself the city');
SELECT is(pg_temp.try($$UPDATE grid.access_scope SET division = '4205'$$), 'ok 0', 'nor widen its scope');
SELECT is((SELECT count(*)::int FROM grid.access_scope), 0, 'nor read who holds which scope');
SELECT throws_ok($$TRUNCATE grid.access_scope$$, '42501', NULL, 'nor empty the scope table');
SELECT is((SELECT count(*)::int FROM grid.resident), 2, 'it still sees its own two residents only');
SELECT is((SELECT array_agg(division::text) FROM grid.my_scope()), ARRAY['420503004001'], 'grid.my_scope still works');
SELECT is(pg_temp.try($$INSERT INTO grid.synthetic_resident (n, resident_id) VALUES (1, '420503199003071230')$$),
          '42501 new row violates row-level security policy for table "synthetic_resident"',
          'the generator''s tables are for administrators');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.access_scope WHERE role = 'acc_wjh'::regrole), 1, 'the scope table holds one scope for it');

-- 9. Other writers: a township covering two villages files a resident under
--    the resident's own village only; a role that may not read the registry
--    learns nothing from the check, not even about its own residents.
CREATE ROLE acc_township NOLOGIN;
GRANT SELECT, INSERT ON grid.health_report, grid.resident TO acc_township;
SELECT grid.grant_scope('acc_township', '420503004') IS NULL AS granted \gset
CREATE ROLE acc_blind NOLOGIN;
GRANT SELECT, INSERT ON grid.health_report TO acc_blind;
SELECT grid.grant_scope('acc_blind', '420503004001') IS NULL AS granted \gset
SET LOCAL ROLE acc_township;
SELECT is(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                        temperature, fever, division, link_method)
                        VALUES ('420503199003071230', 'voice', '2020-02-10 16:00+08', '2020-02-10 16:00+08', 36.7, false,
                                '420503004002', 'id')$$),
          (pg_temp.refused('grid_resident', 'health_report'))[1],
          'township: its resident under its other village is refused');
SELECT is(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                        temperature, fever, division, link_method)
                        VALUES ('420503199003071230', 'voice', '2020-02-10 16:00+08', '2020-02-10 16:00+08', 36.7, false,
                                '420503004001', 'id')$$),
          'ok 1', 'township: under the resident''s village it is stored');
RESET ROLE;
SET LOCAL ROLE acc_blind;
SELECT is(pg_temp.probe($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                          temperature, fever, division, link_method)
                          VALUES ('@R', 'voice', '2020-02-10 17:00+08', '2020-02-10 17:00+08', 36.7, false,
                                  '420503004001', 'id')$$)
          || pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                           temperature, fever, division, link_method)
                           VALUES ('420503199003071230', 'voice', '2020-02-10 17:00+08', '2020-02-10 17:00+08', 36.7, false,
                                   '420503004001', 'id')$$),
          array_fill('42501 permission denied for table resident'::text, ARRAY[3]),
          'without SELECT on grid.resident: the same refusal for the victim, nobody and its own resident');
RESET ROLE;

-- 10. A non-superuser administrator still writes anywhere, under the right division.
CREATE ROLE acc_admin NOLOGIN IN ROLE grid_admin;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO acc_admin;
SET LOCAL ROLE acc_admin;
SELECT is(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                        temperature, fever, division, link_method)
                        VALUES ('420502197003030038', 'proxy', '2020-02-10 14:00+08', '2020-02-10 14:00+08', 36.7, false,
                                '420502002021', 'manual')$$),
          'ok 1', 'an administrator files a report in the resident''s own division');
SELECT is(pg_temp.try($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at,
                                                        temperature, fever, division, link_method)
                        VALUES ('420502197003030038', 'proxy', '2020-02-10 15:00+08', '2020-02-10 15:00+08', 36.7, false,
                                '420503004001', 'manual')$$),
          (pg_temp.refused('grid_resident', 'health_report'))[1],
          'but not under another division');
SELECT lives_ok($$TRUNCATE grid.unreached$$, 'an administrator may truncate');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
