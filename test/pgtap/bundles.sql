-- pgTAP: the roles that come with the extension.  For each bundle: its
-- privileges in the catalog are exactly the expected list (a new grant
-- fails here), a person granted it and one scope does the job with real
-- calls, and the writes it must not make fail with 42501.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(68);

-- Everything a role holds in this database and the cluster: table, column,
-- function, sequence, schema, database and parameter privileges, and role
-- memberships.
CREATE FUNCTION pg_temp.privileges_of(r regrole) RETURNS SETOF text LANGUAGE sql STABLE
    SET search_path = pg_catalog AS $$
    SELECT c.oid::regclass::text || ':' || a.privilege_type
      FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = r
    UNION ALL
    SELECT c.oid::regclass::text || '.' || t.attname || ':' || a.privilege_type
      FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid, aclexplode(t.attacl) a WHERE a.grantee = r
    UNION ALL
    SELECT p.oid::regprocedure::text || ':' || a.privilege_type
      FROM pg_proc p, aclexplode(p.proacl) a WHERE a.grantee = r
    UNION ALL
    SELECT 'schema ' || n.nspname || ':' || a.privilege_type
      FROM pg_namespace n, aclexplode(n.nspacl) a WHERE a.grantee = r
    UNION ALL
    SELECT 'database ' || d.datname || ':' || a.privilege_type
      FROM pg_database d, aclexplode(d.datacl) a WHERE a.grantee = r
    UNION ALL
    SELECT 'parameter ' || p.parname || ':' || a.privilege_type
      FROM pg_parameter_acl p, aclexplode(p.paracl) a WHERE a.grantee = r
    UNION ALL
    SELECT 'member of ' || m.roleid::regrole::text FROM pg_auth_members m WHERE m.member = r
    UNION ALL
    SELECT 'has member ' || m.member::regrole::text FROM pg_auth_members m WHERE m.roleid = r
$$;

-- The bundles exist as NOLOGIN group roles without special attributes.
SELECT is((SELECT count(*)::int FROM pg_roles
            WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker', 'grid_registry', 'grid_linker')
              AND NOT rolcanlogin AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb AND NOT rolbypassrls
              AND NOT rolreplication), 5, 'five bundles, NOLOGIN, no special attributes');

-- Their privileges, exactly.  Review entries and rejects take their
-- numbers from their sequences: INSERT on every other column.
CREATE FUNCTION pg_temp.numbered_by_sequence_insert() RETURNS text[] LANGUAGE sql IMMUTABLE
    RETURN ARRAY(SELECT 'grid.ingest_reject.' || c || ':INSERT'
                   FROM unnest('{batch_id,channel,raw,reason,division,rejected_at}'::text[]) c)
           || ARRAY(SELECT 'grid.report_review.' || c || ':INSERT'
                      FROM unnest('{sender_key,channel,report_minute,reported_at,id_text,phone,name,temperature,symptoms,'
                                  'outcome,division,cell,reported_by,best_candidate,best_score,batch_id}'::text[]) c)
           || ARRAY(SELECT 'grid.key_person.' || c || ':INSERT'
                      FROM unnest('{resident_id,category,division,period_start,period_end,status,reason,opened_by,'
                                  'opened_at,closed_at,place}'::text[]) c);
SELECT set_eq($$SELECT pg_temp.privileges_of('grid_reader')$$, ARRAY[
    'grid.division:SELECT', 'grid.resident:SELECT', 'grid.standard_address:SELECT', 'grid.cell:SELECT',
    'grid.checkpoint:SELECT', 'grid.health_report:SELECT', 'grid.health_day:SELECT', 'grid.key_person:SELECT',
    'grid.unreached:SELECT', 'grid.returnee:SELECT', 'grid.checkpoint_passage:SELECT', 'grid.service_request:SELECT',
    'grid.team_member:SELECT', 'grid.team_checkpoint:SELECT', 'grid.team:SELECT', 'grid.report_archive:SELECT',
    'grid.village_boundary:SELECT', 'grid.division_boundary:SELECT',
    'grid.cell_fact:SELECT', 'grid.cell_day:SELECT', 'grid.temperature_cells:SELECT', 'grid.temperature_daily:SELECT',
    'grid.village_day:SELECT', 'grid.key_person_day:SELECT', 'grid.service_day:SELECT', 'grid.checkpoint_day:SELECT',
    'grid.key_person_resident:SELECT', 'grid.key_person_reading:SELECT',
    'grid.not_reported_daily:SELECT', 'grid.key_persons_daily:SELECT', 'grid.key_person_counts_daily:SELECT',
    'grid.returnees_daily:SELECT', 'grid.screening_daily:SELECT', 'grid.checkpoints_daily:SELECT',
    'grid.services_daily:SELECT', 'grid.teams_daily:SELECT', 'grid.report_days():EXECUTE',
    'grid.report_temperature(date,grid.division_code):EXECUTE', 'grid.report_not_reported(date,grid.division_code):EXECUTE',
    'grid.report_key_persons(date,grid.division_code):EXECUTE',
    'grid.report_key_person_counts(date,grid.division_code):EXECUTE',
    'grid.report_returnees(date,grid.division_code):EXECUTE', 'grid.report_screening(date,grid.division_code):EXECUTE',
    'grid.report_checkpoints(date,grid.division_code):EXECUTE', 'grid.report_services(date,grid.division_code):EXECUTE',
    'grid.report_teams(date,grid.division_code):EXECUTE', 'grid.report_catalog():EXECUTE',
    'grid.report_csv(text,date,grid.division_code,text):EXECUTE', 'grid.command_map(grid.division_code,date):EXECUTE',
    'grid.command_map_geojson(grid.division_code,date):EXECUTE', 'grid.map_features(grid.division_code,date):EXECUTE',
    'grid.map_layout(grid.division_code,date):EXECUTE'],
    'grid_reader: exactly its privileges');
SELECT set_eq($$SELECT pg_temp.privileges_of('grid_ingest')$$, ARRAY[
    'grid.stage_app:SELECT', 'grid.stage_app:INSERT', 'grid.stage_app:DELETE',
    'grid.stage_sms:SELECT', 'grid.stage_sms:INSERT', 'grid.stage_sms:DELETE',
    'grid.stage_voice:SELECT', 'grid.stage_voice:INSERT', 'grid.stage_voice:DELETE',
    'grid.stage_proxy:SELECT', 'grid.stage_proxy:INSERT', 'grid.stage_proxy:DELETE',
    'grid.stage_checkpoint:SELECT', 'grid.stage_checkpoint:INSERT', 'grid.stage_checkpoint:DELETE',
    'grid.resident:SELECT', 'grid.division:SELECT', 'grid.cell:SELECT', 'grid.checkpoint:SELECT',
    'grid.ingest_batch:SELECT', 'grid.health_report:SELECT', 'grid.health_report:INSERT',
    'grid.key_person:SELECT', 'grid.ingest_reject:SELECT',
    'grid.unreached:INSERT', 'grid.checkpoint_passage:INSERT',
    'grid.ingest_app(text):EXECUTE', 'grid.ingest_sms(text):EXECUTE', 'grid.ingest_voice(text):EXECUTE',
    'grid.ingest_proxy(text):EXECUTE', 'grid.ingest_checkpoint(text):EXECUTE',
    'grid.submitted_record:SELECT', 'grid.submitted_record:INSERT', 'grid.submitted_record:UPDATE',
    'grid.unreached:SELECT', 'grid.report_review:SELECT',
    'grid.submit(text,jsonb):EXECUTE'] || pg_temp.numbered_by_sequence_insert(),
    'grid_ingest: exactly its privileges');
SELECT set_eq($$SELECT pg_temp.privileges_of('grid_worker')$$, ARRAY[
    'grid.stage_proxy:SELECT', 'grid.stage_proxy:INSERT', 'grid.stage_proxy:DELETE',
    'grid.resident:SELECT', 'grid.ingest_batch:SELECT', 'grid.health_report:SELECT', 'grid.health_report:INSERT',
    'grid.key_person:SELECT', 'grid.ingest_reject:SELECT',
    'grid.report_review:SELECT', 'grid.unreached:INSERT',
    'grid.report_review.resolved_at:UPDATE', 'grid.report_review.best_candidate:UPDATE',
    'grid.ingest_proxy(text):EXECUTE', 'grid.resolve_review(bigint,grid.resident_id):EXECUTE',
    'grid.resolve_review(text,text,timestamp with time zone,grid.resident_id):EXECUTE']
    || pg_temp.numbered_by_sequence_insert(),
    'grid_worker: exactly its privileges');
SELECT set_eq($$SELECT pg_temp.privileges_of('grid_registry')$$, ARRAY[
    'grid.resident:SELECT', 'grid.resident:INSERT', 'grid.resident:UPDATE', 'grid.resident:DELETE',
    'grid.household:SELECT', 'grid.household:INSERT', 'grid.household:UPDATE', 'grid.household:DELETE',
    'grid.standard_address:SELECT', 'grid.standard_address:INSERT', 'grid.standard_address:UPDATE',
    'grid.standard_address:DELETE',
    'grid.house:SELECT', 'grid.house:INSERT', 'grid.house:UPDATE', 'grid.house:DELETE',
    'grid.work_unit:SELECT', 'grid.work_unit:INSERT', 'grid.work_unit:UPDATE', 'grid.work_unit:DELETE'],
    'grid_registry: exactly its privileges');
SELECT set_eq($$SELECT pg_temp.privileges_of('grid_linker')$$, ARRAY[
    'grid.source:SELECT', 'grid.resident:SELECT', 'grid.source_batch:SELECT', 'grid.source_batch:INSERT',
    'grid.source_record:SELECT', 'grid.source_record:INSERT', 'grid.record_link:SELECT', 'grid.record_link:INSERT',
    'grid.source_batch.linked_at:UPDATE', 'grid.record_link.resident_id:UPDATE', 'grid.record_link.score:UPDATE',
    'grid.record_link.decision:UPDATE', 'grid.record_link.method:UPDATE', 'grid.record_link.decided_by:UPDATE',
    'grid.record_link.decided_at:UPDATE', 'grid.record_link.explanation:UPDATE',
    'grid.batch_weights:SELECT', 'grid.batch_weights:INSERT', 'grid.batch_weights:UPDATE',
    'grid.link_batch(bigint,real,real,real,integer,text):EXECUTE', 'grid.decide_link(bigint,grid.resident_id,text):EXECUTE'],
    'grid_linker: exactly its privileges');

-- Setting up a person: one GRANT and one scope (王家河社区).
CREATE ROLE bnd_reader LOGIN;
CREATE ROLE bnd_ingest LOGIN;
CREATE ROLE bnd_worker LOGIN;
CREATE ROLE bnd_registry LOGIN;
CREATE ROLE bnd_linker LOGIN;
GRANT grid_reader TO bnd_reader;
GRANT grid_ingest TO bnd_ingest;
GRANT grid_worker TO bnd_worker;
GRANT grid_registry TO bnd_registry;
GRANT grid_linker TO bnd_linker;
DO $$ BEGIN
    PERFORM grid.grant_scope('bnd_reader', '420503004001');
    PERFORM grid.grant_scope('bnd_ingest', '420503004001');
    PERFORM grid.grant_scope('bnd_worker', '420503004001');
    PERFORM grid.grant_scope('bnd_registry', '420503004001');
    PERFORM grid.grant_scope('bnd_linker', '420503004001');
END $$;
-- Two entries waiting for review in the village (an SMS fever, a call
-- nobody answered), and a report of another village.
INSERT INTO grid.report_review (sender_key, channel, report_minute, reported_at, temperature, division, phone)
VALUES ('13300133000', 'sms', '2020-02-12 09:00+08', '2020-02-12 09:00+08', 38.0, '420503004001', '13300133000');
INSERT INTO grid.report_review (sender_key, channel, report_minute, reported_at, division, phone, outcome)
VALUES ('13300133001', 'voice', '2020-02-12 09:00+08', '2020-02-12 09:00+08', '420503004001', '13300133001', 'no_answer');

-- The report reader.
SET LOCAL ROLE bnd_reader;
SELECT is((SELECT (residents, reported, fever)::text FROM grid.report_temperature('2020-02-10')
            WHERE division = '420503004001'), '(6,4,1)', 'reader: the temperature report of its village');
SELECT is((SELECT count(*)::int FROM grid.report_not_reported('2020-02-10')), 2, 'reader: its call list');
SELECT is((SELECT count(*)::int FROM grid.report_key_persons('2020-02-10')), 1, 'reader: its key persons');
SELECT ok((SELECT count(*) FROM grid.report_returnees('2020-02-10')) > 0
          AND (SELECT count(*) FROM grid.report_screening('2020-02-10')) > 0
          AND (SELECT count(*) FROM grid.report_checkpoints('2020-02-10')) > 0
          AND (SELECT count(*) FROM grid.report_services('2020-02-10')) > 0
          AND (SELECT count(*) FROM grid.report_teams('2020-02-10')) > 0
          AND (SELECT count(*) FROM grid.report_key_person_counts('2020-02-10')) > 0
          AND (SELECT count(*) FROM grid.command_map('420503004001', '2020-02-10')) > 0,
          'reader: every other report and the command map');
SELECT ok(length(grid.report_csv('temperature', '2020-02-10')) > 0, 'reader: the CSV export');
SELECT is((SELECT count(*)::int FROM grid.team), 1, 'reader: its village''s team');
SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
                   VALUES ('420503198001010018', 'app', '2020-02-12 08:00+08', '2020-02-12 08:00+08', 36.5, false, '420503004001', 'id')$$,
                 '42501', NULL, 'reader: no report written');
SELECT throws_ok($$UPDATE grid.resident SET name = 'x'$$, '42501', NULL, 'reader: no resident changed');
SELECT throws_ok($$DELETE FROM grid.key_person$$, '42501', NULL, 'reader: no key person deleted');
SELECT throws_ok($$INSERT INTO grid.stage_app (id_text) VALUES ('x')$$, '42501', NULL, 'reader: nothing staged');
SELECT throws_ok($$INSERT INTO grid.report_archive (report, day, division, line, data) VALUES ('temperature', '2020-02-10', '420503004001', 1, '{}')$$,
                 '42501', NULL, 'reader: nothing archived by hand');
SELECT throws_ok($$TRUNCATE grid.health_day$$, '42501', NULL, 'reader: no truncate');
RESET ROLE;

-- The ingesting channel: stages and ingests through every channel, reads
-- its batch and its rejects.
SET LOCAL ROLE bnd_ingest;
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat) VALUES
    ('420503198001010018', '2020-02-12 08:00', '36.5', '', '111.305', '30.705'),
    ('420503198001010026', '2020-02-12 08:00', '37.9', 'cough', NULL, NULL),
    ('bad', '2020-02-12 08:00', '37.9', 'cough', NULL, NULL);
SELECT is((SELECT (received, accepted, rejected, fevers)::text FROM grid.ingest_app('bundle test')), '(3,2,1,1)',
          'ingest: an app batch with a fever and a reject');
SELECT is((SELECT cell::text FROM grid.health_report WHERE channel = 'app' AND report_minute = '2020-02-12 08:00+08'
              AND resident_id = '420503198001010018'), '420503004001001', 'ingest: located in its cell');
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES ('13900000001', '2020-02-12 09:00', '38.0 咳嗽'),
    ('13300133002', '2020-02-12 09:00', '36.0');
SELECT is((SELECT (received, accepted, unlinked, new_key_persons)::text FROM grid.ingest_sms()), '(2,2,1,1)',
          'ingest: an SMS batch, one sender waiting for review');
INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer) VALUES
    ('13900000004', '2020-02-12 09:00', 'answered', '36.5', '否'), ('13900000005', '2020-02-12 09:00', 'no_answer', NULL, NULL);
SELECT is((SELECT (received, accepted)::text FROM grid.ingest_voice()), '(2,2)', 'ingest: a voice batch');
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at) VALUES
    ('李网格', '420503198001010034', '36.4', '2020-02-12 10:00');
SELECT is((SELECT (received, accepted)::text FROM grid.ingest_proxy()), '(1,1)', 'ingest: a proxy batch');
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, temperature, pass_checked) VALUES
    ('901', '2020-02-12 10:00', 'in', '420503198001010018', '36.5', 'yes'),
    ('902', '2020-02-12 10:00', 'in', '王某', '36.5', 'no');
SELECT is((SELECT (received, accepted, rejected)::text FROM grid.ingest_checkpoint()), '(2,1,1)',
          'ingest: a checkpoint batch, the other village''s checkpoint a reject');
SELECT is((SELECT outcome || '/' || resident FROM grid.submit('app',
              '{"key": "b-1", "id_text": "420503198001010034", "reported_at": "2020-02-12T11:00:00+08:00", "temperature": 36.6}')),
          'stored/420503198001010034', 'ingest: submits a record as JSON');
SELECT is((SELECT count(*)::int FROM grid.ingest_batch), 6, 'ingest: reads its six batches');
SELECT is((SELECT count(*)::int FROM grid.ingest_reject), 2, 'ingest: reads its two rejects');
SELECT is((SELECT count(*)::int FROM grid.stage_app), 0, 'ingest: its staged rows were taken');
SELECT throws_ok($$UPDATE grid.health_report SET temperature = 36.0$$, '42501', NULL, 'ingest: no report changed');
SELECT throws_ok($$DELETE FROM grid.health_report$$, '42501', NULL, 'ingest: no report deleted');
SELECT throws_ok($$INSERT INTO grid.ingest_batch (channel) VALUES ('app')$$, '42501', NULL, 'ingest: the batch log is not written by hand');
SELECT throws_ok($$UPDATE grid.ingest_batch SET accepted = 0$$, '42501', NULL, 'ingest: nor changed');
SELECT throws_ok($$DELETE FROM grid.ingest_reject$$, '42501', NULL, 'ingest: no reject deleted');
SELECT throws_ok($$UPDATE grid.report_review SET resolved_at = now()$$, '42501', NULL, 'ingest: resolving the review queue is the worker''s');
SELECT throws_ok($$UPDATE grid.resident SET name = 'x'$$, '42501', NULL, 'ingest: no resident changed');
SELECT throws_ok($$INSERT INTO grid.health_day (resident_id, day, division) VALUES ('420503198001010018', '2020-02-12', '420503004001')$$,
                 '42501', NULL, 'ingest: no health day written');
SELECT throws_ok($$SELECT setval('grid.ingest_batch_id_seq', 1)$$, '42501', NULL, 'ingest: no sequence moved');
SELECT throws_ok($$TRUNCATE grid.stage_app$$, '42501', NULL, 'ingest: no truncate of staging');
SELECT throws_ok($$SELECT count(*) FROM grid.lookup_audit$$, '42501', NULL, 'ingest: the audit is not read');
SELECT throws_ok($$SELECT count(*) FROM grid.access_scope$$, '42501', NULL, 'ingest: nor the scopes');
RESET ROLE;

-- The grid worker: its residents, a proxy report, the review queue.
SET LOCAL ROLE bnd_worker;
SELECT is((SELECT count(*)::int FROM grid.resident), 7, 'worker: reads its village''s residents');
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at) VALUES
    ('李网格', '420503198001010042', '38.3', '2020-02-12 11:00');
SELECT is((SELECT (received, accepted, fevers, new_key_persons)::text FROM grid.ingest_proxy()), '(1,1,1,1)',
          'worker: reports a fever for a resident');
SELECT ok(grid.resolve_review((SELECT id FROM grid.report_review WHERE sender_key = '13300133000'), '420503198001010018'),
          'worker: links an SMS waiting for review');
SELECT ok(grid.resolve_review('13300133001', 'voice', '2020-02-12 09:00+08', '420503198001010026'),
          'worker: links an unanswered call by sender and minute');
SELECT is((SELECT count(*)::int FROM grid.report_review WHERE resolved_at IS NULL AND sender_key IN ('13300133000', '13300133001')), 0,
          'worker: both resolved');
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE link_method = 'manual'), 1, 'worker: the SMS is a report');
SELECT throws_ok($$UPDATE grid.report_review SET temperature = 36.0$$, '42501', NULL, 'worker: a queued reading is not changed');
SELECT throws_ok($$DELETE FROM grid.report_review$$, '42501', NULL, 'worker: nor deleted');
SELECT throws_ok($$UPDATE grid.resident SET phones = '{}'$$, '42501', NULL, 'worker: no resident changed');
SELECT throws_ok($$INSERT INTO grid.stage_app (id_text) VALUES ('x')$$, '42501', NULL, 'worker: the app channel is not its');
SELECT throws_ok($$UPDATE grid.health_report SET fever = false$$, '42501', NULL, 'worker: no report changed');
SELECT throws_ok($$DELETE FROM grid.key_person$$, '42501', NULL, 'worker: no key person deleted');
RESET ROLE;

-- The registry editor: registers, moves and removes a resident.
SET LOCAL ROLE bnd_registry;
-- (numbers from the sequences: a registry editor writes none of its own)
INSERT INTO grid.standard_address (division, full_text) VALUES ('420503004001', '王家河路9号') RETURNING id AS addr \gset
INSERT INTO grid.household (division, address_id) VALUES ('420503004001', :addr) RETURNING id AS hh \gset
INSERT INTO grid.house (division, address_id) VALUES ('420503004001', :addr);
INSERT INTO grid.work_unit (division, name, address_id) VALUES ('420503004001', '王家河超市', :addr);
INSERT INTO grid.resident (id, name, phones, household_id, address_id, division, cell, status)
VALUES ('420503199001010135', '新人', '{13900000013}', :hh, :addr, '420503004001', '420503004001001', 'resident');
SELECT is((SELECT count(*)::int FROM grid.resident), 8, 'registry: registers a resident');
UPDATE grid.resident SET cell = '420503004001002' WHERE id = '420503198001010018';
SELECT is((SELECT place::text FROM grid.resident WHERE id = '420503198001010018'), '420503004001002',
          'registry: moves a resident to another cell');
DELETE FROM grid.resident WHERE id = '420503199001010135';
SELECT is((SELECT count(*)::int FROM grid.resident), 7, 'registry: removes a resident');
SELECT throws_ok($$SELECT count(*) FROM grid.health_report$$, '42501', NULL, 'registry: reads no reports');
SELECT throws_ok($$INSERT INTO grid.division (code, name, official_name) VALUES ('420503004099', 'x', 'x')$$,
                 '42501', NULL, 'registry: the division registry is not its');
SELECT throws_ok($$DELETE FROM grid.cell$$, '42501', NULL, 'registry: nor the map');
SELECT throws_ok($$TRUNCATE grid.resident$$, '42501', NULL, 'registry: no truncate');
SELECT throws_ok($$SELECT setval('grid.household_id_seq', 1)$$, '42501', NULL, 'registry: no sequence moved');
RESET ROLE;

-- The linker: loads a batch, links it, decides a record.
SET LOCAL ROLE bnd_linker;
-- (numbers from the sequences: a linker writes none of its own)
INSERT INTO grid.source_batch (source, division, label) VALUES ('returnee', '420503004001', 'list') RETURNING id AS batch \gset
INSERT INTO grid.source_record (batch_id, division, raw) VALUES
    (:batch, '420503004001', '{"身份证号": "420503198001010018", "姓名": "张一"}');
INSERT INTO grid.source_record (batch_id, division, raw) VALUES
    (:batch, '420503004001', '{"姓名": "无名"}') RETURNING record_id AS nameless \gset
SET LOCAL client_min_messages = warning;   -- link_batch's NOTICE of progress
SELECT is((SELECT string_agg(decision || ' ' || records, ', ') FROM grid.link_batch(:batch)), 'link 1, review 0, no_link 1',
          'linker: links a batch');
RESET client_min_messages;
SELECT lives_ok(format($$SELECT grid.decide_link(%s, '420503198001010026', 'link')$$, :nameless), 'linker: decides a record');
SELECT is((SELECT (resident_id::text, decision, method) FROM grid.record_link WHERE record_id = :nameless),
          ('420503198001010026'::text, 'link'::text, 'manual'::text), 'linker: the decision is recorded');
SELECT throws_ok($$UPDATE grid.record_link SET division = '420503004002'$$, '42501', NULL, 'linker: a link is not moved');
SELECT throws_ok($$UPDATE grid.source_batch SET label = 'x'$$, '42501', NULL, 'linker: a batch is not relabelled');
SELECT throws_ok($$DELETE FROM grid.source_record$$, '42501', NULL, 'linker: no record deleted');
SELECT throws_ok($$INSERT INTO grid.source (code, name) VALUES ('x', 'x')$$, '42501', NULL, 'linker: no source added');
SELECT throws_ok($$UPDATE grid.resident SET name = 'x'$$, '42501', NULL, 'linker: no resident changed');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
