-- pgTAP: ingestion, adversarially.  Staging rows belong to the role that
-- staged them; a batch log is written only by the ingest functions; a
-- record naming a division outside the caller's scope, and every poison
-- row, is a reject with its reason while the rest of the batch is stored;
-- rejects and review entries always land in a division their writer may
-- write and every administrator sees.  Every role here holds every table
-- privilege on schema grid: row-level security must hold even then.
BEGIN;
SELECT plan(78);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch,
         grid.stage_app, grid.stage_sms, grid.stage_voice, grid.stage_proxy, grid.stage_checkpoint CASCADE;
INSERT INTO grid.name_frequency (kind, key, n) VALUES ('total', '', 4000000);
-- Village A (王家河社区), village B (中书街社区); C (范家湖村) has nobody.
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (9201, '王家河卡口', '420503004001', ST_SetSRID(ST_MakePoint(111.31, 30.70), 4326)),
  (9202, '中书街卡口', '420502002021', ST_SetSRID(ST_MakePoint(111.28, 30.69), 4326));

-- A village role for A and one for B; a role with two villages (A and C);
-- an administrator that is not a superuser; an application's pooled login
-- (NOINHERIT: nothing until SET ROLE).  All hold every table privilege.
CREATE ROLE trust_a;
CREATE ROLE trust_b;
CREATE ROLE trust_two;
CREATE ROLE trust_admin;
CREATE ROLE trust_nobody;
CREATE ROLE trust_pool LOGIN NOINHERIT;
GRANT grid_admin TO trust_admin;
GRANT trust_a TO trust_pool;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO trust_a, trust_b, trust_two, trust_admin, trust_nobody, trust_pool;
SELECT grid.grant_scope('trust_a', '420503004001');
SELECT grid.grant_scope('trust_b', '420502002021');
SELECT grid.grant_scope('trust_two', '420503004001');
SELECT grid.grant_scope('trust_two', '420504001203');
-- Text that does not compress (repeat('张', 3000) would fit in an index entry).
CREATE FUNCTION public.trust_long(n integer) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN (SELECT string_agg(chr(19968 + (i * 7919) % 20000), '') FROM generate_series(1, n) i);

-- ----------------------------------------------- 2. staging is per role
-- B stages a fever of its resident and a bad row naming its own village;
-- A stages one row of its own.
SET LOCAL ROLE trust_b;
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, division) VALUES
  ('中书街网格员', '420502197003030038', NULL, '38.5', '2020-02-12 10:00', NULL),
  ('中书街网格员', NULL, '某人', 'abc', '2020-02-12 10:01', '420502002021');
SET LOCAL ROLE trust_a;
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at) VALUES
  ('王家河网格员', '420503199003071230', '36.5', '2020-02-12 10:00');
SELECT is((SELECT count(*)::int FROM grid.stage_proxy), 1, 'A sees only the row it staged');
SELECT is((SELECT staged_by::text FROM grid.stage_proxy), 'trust_a', 'a staged row carries the role that staged it');
DELETE FROM grid.stage_proxy WHERE worker = '中书街网格员';
UPDATE grid.stage_proxy SET temperature = '36.0' WHERE worker = '中书街网格员';
RESET ROLE;
SELECT is((SELECT array_agg(temperature ORDER BY temperature) FROM grid.stage_proxy WHERE worker = '中书街网格员'),
          ARRAY['38.5', 'abc'], 'A can neither delete nor change the rows B staged');
SET LOCAL ROLE trust_a;
SELECT throws_ok($$INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at, staged_by)
                   VALUES ('王家河网格员', '420503199003071230', '36.5', '2020-02-12 11:00', 'trust_b')$$,
                 '42501', NULL, 'A cannot stage a row in B''s name');
SELECT throws_ok($$UPDATE grid.stage_proxy SET staged_by = 'trust_b'$$,
                 '42501', NULL, 'nor hand its own row to B');
SELECT lives_ok($$CREATE TEMP TABLE trust_a_batch AS SELECT * FROM grid.ingest_proxy('A')$$,
                'B''s bad row does not make A''s batch fail');
SELECT is((SELECT (received, accepted, rejected, unlinked) FROM trust_a_batch),
          (1::bigint, 1::bigint, 0::bigint, 0::bigint), 'A''s batch takes A''s row only');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_proxy WHERE staged_by = 'trust_b'::regrole), 2,
          'B''s rows wait in staging for B');
SELECT is((SELECT count(*)::int FROM grid.report_review), 0,
          'B''s fever report is not queued in A''s review queue');
SET LOCAL ROLE trust_b;
SELECT is((SELECT (received, accepted, rejected, fevers) FROM grid.ingest_proxy('B')),
          (2::bigint, 1::bigint, 1::bigint, 1::bigint), 'B ingests its own rows');
SELECT is((SELECT (resident_id::text, fever) FROM grid.health_report), ('420502197003030038'::text, true),
          'B sees the fever report of its resident');
SELECT is((SELECT (reason, division::text) FROM grid.ingest_reject),
          ('unreadable temperature: words not understood: abc'::text, '420502002021'::text),
          'and its own reject, in its village');
RESET ROLE;

-- Every channel's staging table carries its stager and hides other roles' rows.
SET LOCAL ROLE trust_b;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES ('420502197003030038', '2020-02-12 10:00', '36.5');
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES ('13500135000', '2020-02-12 10:00', '36.5');
INSERT INTO grid.stage_voice (phone, called_at, outcome) VALUES ('13500135000', '2020-02-12 10:00', 'no_answer');
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person) VALUES ('9202', '2020-02-12 10:00', 'in', '欧阳娜娜');
SET LOCAL ROLE trust_a;
SELECT is((SELECT count(*)::int FROM grid.stage_app) + (SELECT count(*)::int FROM grid.stage_sms)
          + (SELECT count(*)::int FROM grid.stage_voice) + (SELECT count(*)::int FROM grid.stage_checkpoint), 0,
          'A sees none of B''s rows in the other four staging tables');
SELECT is((SELECT received FROM grid.ingest_app()) + (SELECT received FROM grid.ingest_sms())
          + (SELECT received FROM grid.ingest_voice()) + (SELECT received FROM grid.ingest_checkpoint()), 0::bigint,
          'and its batches take none of them');
SET LOCAL ROLE trust_admin;
SELECT is((SELECT count(*)::int FROM grid.stage_app) + (SELECT count(*)::int FROM grid.stage_sms)
          + (SELECT count(*)::int FROM grid.stage_voice) + (SELECT count(*)::int FROM grid.stage_checkpoint), 4,
          'an administrator sees every role''s staged rows');
SELECT is((SELECT received FROM grid.ingest_app()), 0::bigint, 'but ingests only its own');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_app WHERE staged_by = 'trust_b'::regrole), 1,
          'B''s app row is still staged');
SET LOCAL ROLE trust_admin;
DELETE FROM grid.stage_app;
DELETE FROM grid.stage_sms;
DELETE FROM grid.stage_voice;
DELETE FROM grid.stage_checkpoint;
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.stage_app) + (SELECT count(*)::int FROM grid.stage_sms)
          + (SELECT count(*)::int FROM grid.stage_voice) + (SELECT count(*)::int FROM grid.stage_checkpoint), 0,
          'an administrator may clear every role''s staged rows');

-- A role without scope may stage, but nothing it would store is its own.
SET LOCAL ROLE trust_nobody;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES ('bad', '2020-02-12 10:00', '36.5');
SELECT throws_ok($$SELECT grid.ingest_app()$$, '42501', 'role trust_nobody has no jurisdiction to ingest into',
                 'a role without scope cannot ingest');
DELETE FROM grid.stage_app;
RESET ROLE;

-- A pooled login acts as the role it chose with SET ROLE.
SET LOCAL SESSION AUTHORIZATION trust_pool;
SET LOCAL ROLE trust_a;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES ('420503198512010028', '2020-02-12 10:00', '36.5');
SELECT is((SELECT staged_by::text FROM grid.stage_app), 'trust_a', 'after SET ROLE it stages as that role');
SELECT is((SELECT (received, accepted) FROM grid.ingest_app()), (1::bigint, 1::bigint), 'and ingests as that role');
RESET ROLE;
RESET SESSION AUTHORIZATION;

-- ----------------------------------- a division outside the caller's scope
SET LOCAL ROLE trust_a;
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, division) VALUES
  ('王家河网格员', NULL, '李四', '36.3', '2020-02-12 10:05', '420502002021'),
  ('王家河网格员', NULL, '刘玲', '36.3', '2020-02-12 10:05', '420503004001');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_proxy()), (2::bigint, 1::bigint, 1::bigint),
          'a record naming another village is a reject, and the rest of the batch is stored');
SELECT is((SELECT (reason, division::text) FROM grid.ingest_reject WHERE raw->>'name' = '李四'),
          ('division outside your jurisdiction'::text, '420503004001'::text),
          'with its reason, filed in the caller''s own village');
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, temperature) VALUES
  ('9202', '2020-02-12 10:06', 'in', '420503199003071230', '36.5'),
  ('9201', '2020-02-12 10:06', 'in', '420503199003071230', '36.5');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_checkpoint()), (2::bigint, 1::bigint, 1::bigint),
          'a passage at another village''s checkpoint is a reject');
SELECT is((SELECT (reason, division::text) FROM grid.ingest_reject WHERE raw->>'checkpoint' = '9202'),
          ('checkpoint outside your jurisdiction: 9202'::text, '420503004001'::text),
          'with its reason, in the caller''s village');
RESET ROLE;

-- ------------------------------------------------- rejects' divisions
-- A role with two villages: its rejects and review entries go to one of
-- them (the first), which it may write and see.
SET LOCAL ROLE trust_two;
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at) VALUES
  ('两村网格员', NULL, '无名氏', NULL, '2020-02-12 10:10'),
  ('两村网格员', NULL, '无名氏', '36.5', '2020-02-12 10:10');
SELECT lives_ok($$CREATE TEMP TABLE trust_two_batch AS SELECT * FROM grid.ingest_proxy('two')$$,
                'a role with two scopes ingests a batch with a reject');
SELECT is((SELECT (received, accepted, rejected, unlinked) FROM trust_two_batch),
          (2::bigint, 1::bigint, 1::bigint, 1::bigint), 'one reject, one record queued for review');
SELECT is((SELECT division::text FROM grid.ingest_reject WHERE batch_id = (SELECT batch_id FROM trust_two_batch)),
          '420503004001', 'the reject is in its first village, which it sees');
SELECT is((SELECT division::text FROM grid.report_review WHERE name = '无名氏'), '420503004001',
          'so is the record waiting for review');
RESET ROLE;

-- An administrator that is not a superuser.
SET LOCAL ROLE trust_admin;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('bad', '2020-02-12 10:20', '36.5'),
  ('11010519491231002X', '2020-02-12 10:20', '36.5');
SELECT lives_ok($$CREATE TEMP TABLE trust_admin_batch AS SELECT * FROM grid.ingest_app('admin')$$,
                'an administrator that is not a superuser ingests a batch with a reject');
SELECT is((SELECT (received, accepted, rejected, unlinked) FROM trust_admin_batch),
          (2::bigint, 1::bigint, 1::bigint, 1::bigint), 'one reject, one unregistered ID queued');
SELECT isnt((SELECT division FROM grid.ingest_reject WHERE batch_id = (SELECT batch_id FROM trust_admin_batch)),
            NULL, 'its reject has a division');
SELECT isnt((SELECT division FROM grid.report_review WHERE id_text = '11010519491231002X'), NULL,
            'so has its review entry');
RESET ROLE;

-- A superuser (as pg_cron runs jobs): every administrator sees its rejects.
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES
  ('13300133000', '2020-02-12 10:30', 'hello'),
  ('13300133000', '2020-02-12 10:31', '36.5');
CREATE TEMP TABLE trust_su_batch AS SELECT * FROM grid.ingest_sms('superuser');
GRANT SELECT ON trust_su_batch TO trust_admin;
SELECT is((SELECT (received, accepted, rejected, unlinked) FROM trust_su_batch),
          (2::bigint, 1::bigint, 1::bigint, 1::bigint), 'a superuser''s batch: one reject, one queued');
SET LOCAL ROLE trust_admin;
SELECT is((SELECT count(*)::int FROM grid.ingest_reject WHERE batch_id = (SELECT batch_id FROM trust_su_batch)), 1,
          'an administrator that is not a superuser sees the superuser''s reject');
SELECT is((SELECT count(*)::int FROM grid.report_review WHERE sender_key = '13300133000'), 1,
          'and its review entry');
RESET ROLE;
SELECT col_not_null('grid', 'ingest_reject', 'division', 'every reject has a division');
SELECT col_not_null('grid', 'report_review', 'division', 'every review entry has a division');

-- ------------------------------------------------- 6. the batch log
SET LOCAL ROLE trust_a;
SELECT is((SELECT count(*)::int FROM grid.ingest_batch WHERE ingested_by <> 'trust_a'::regrole), 0,
          'A sees only its own batches');
SELECT ok((SELECT count(*) FROM grid.ingest_batch) > 0, 'and it sees them');
UPDATE grid.ingest_batch SET fevers = 0, accepted = 0, rejected = received, duplicates = 0;
DELETE FROM grid.ingest_batch;
SELECT throws_ok($$INSERT INTO grid.ingest_batch (channel, label, ingested_by) VALUES ('proxy', 'forged', 'trust_b')$$,
                 '42501', NULL, 'A cannot log a batch of its own making');
SELECT throws_ok($$INSERT INTO grid.ingest_reject (batch_id, channel, raw, reason, division)
                   SELECT id, 'proxy', '{}', 'planted', '420503004001' FROM grid.ingest_batch WHERE label = 'A'$$,
                 '42501', NULL, 'nor add a reject to a finished batch, even its own');
UPDATE grid.ingest_reject SET reason = 'fine';
DELETE FROM grid.ingest_reject;
RESET ROLE;
SELECT is((SELECT (count(*), count(*) FILTER (WHERE reason = 'fine'))::text FROM grid.ingest_reject
            WHERE division OPERATOR(grid.=) '420503004001'), '(3,0)',
          'A''s UPDATE and DELETE left the rejects in its village as they were');
SELECT is((SELECT (received, accepted, rejected, fevers) FROM grid.ingest_batch WHERE label = 'B'),
          (2::bigint, 1::bigint, 1::bigint, 1::bigint), 'A''s UPDATE left B''s batch as it was');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_batch WHERE label = 'A'),
          (1::bigint, 1::bigint, 0::bigint), 'and its own finished batch too');
SELECT ok((SELECT count(*) FROM grid.ingest_batch WHERE ingested_by = 'trust_a'::regrole) > 0,
          'A''s DELETE removed none of its batches');
SET LOCAL ROLE trust_admin;
SELECT is((SELECT count(DISTINCT ingested_by)::int FROM grid.ingest_batch), 5,
          'an administrator sees every role''s batches');
SELECT is((SELECT count(*)::int FROM grid.ingest_batch WHERE label IN ('A', 'B')), 2, 'A''s and B''s among them');
UPDATE grid.ingest_batch SET fevers = 0;
RESET ROLE;
SELECT is((SELECT fevers FROM grid.ingest_batch WHERE label = 'B'), 1::bigint,
          'an administrator cannot rewrite a batch either');
-- Only the role that opened a batch, in the same transaction, closes it once.
SET LOCAL ROLE trust_b;
CREATE TEMP TABLE trust_b_open AS SELECT grid.ingest_batch_open('proxy', 'B open') AS id;
SET LOCAL ROLE trust_a;
SELECT throws_ok($$SELECT grid.ingest_batch_close(ROW((SELECT id FROM trust_b_open), 'proxy', 0, 0, 0, 0, 0, 0, 0))$$,
                 '42501', NULL, 'A cannot close B''s open batch');
SELECT throws_ok($$SELECT grid.ingest_batch_close(ROW((SELECT id FROM grid.ingest_batch WHERE label = 'A'),
                                                      'proxy', 1, 0, 1, 0, 0, 0, 0))$$,
                 '42501', NULL, 'nor its own finished batch');
SELECT throws_ok($$INSERT INTO grid.ingest_reject (batch_id, channel, raw, reason, division)
                   SELECT id, 'proxy', '{}', 'planted', '420503004001' FROM trust_b_open$$,
                 '42501', NULL, 'nor add rejects to B''s open batch');
SET LOCAL ROLE trust_b;
SELECT throws_ok($$SELECT grid.ingest_batch_close(ROW((SELECT id FROM trust_b_open), 'proxy', 1, 0, 0, 0, 0, 0, 0))$$,
                 '23514', NULL, 'a batch closes only when it adds up');
SELECT throws_ok($$SELECT grid.ingest_batch_close(ROW((SELECT id FROM trust_b_open), 'proxy', 1, 0, 1, 0, 0, 0, 0))$$,
                 '23514', NULL, 'and only with as many rejects as it wrote');
SELECT lives_ok($$SELECT grid.ingest_batch_close(ROW((SELECT id FROM trust_b_open), 'proxy', 0, 0, 0, 0, 0, 0, 0))$$,
                'B closes the batch it opened');
SELECT throws_ok($$SELECT grid.ingest_batch_close(ROW((SELECT id FROM trust_b_open), 'proxy', 0, 0, 0, 0, 0, 0, 0))$$,
                 '42501', NULL, 'once');
RESET ROLE;

-- ------------------------------------------------- 16. poison rows
-- A checkpoint that is no number stops nothing, and is not left behind.
SET LOCAL ROLE trust_a;
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person) VALUES
  ('abc', '2020-02-13 07:00', 'in', '王五'),
  ('1e20', '2020-02-13 07:00', 'in', '王五'),
  ('99999999999999999999', '2020-02-13 07:00', 'in', '王五'),
  ('-1', '2020-02-13 07:00', 'in', '王五'),
  ('9201', '2020-02-13 07:00', 'in', '王五');
SELECT lives_ok($$CREATE TEMP TABLE trust_cp AS SELECT * FROM grid.ingest_checkpoint()$$,
                'checkpoints abc, 1e20, 20 digits and -1 do not fail the batch');
SELECT is((SELECT (received, accepted, rejected) FROM trust_cp), (5::bigint, 1::bigint, 4::bigint),
          'they are rejects, the valid passage is stored');
SELECT is((SELECT array_agg(reason ORDER BY id) FROM grid.ingest_reject WHERE batch_id = (SELECT batch_id FROM trust_cp)),
          ARRAY['unknown checkpoint: abc', 'unknown checkpoint: 1e20', 'unknown checkpoint: 99999999999999999999',
                'unknown checkpoint: -1'], 'each with its reason');
SELECT is((SELECT count(*)::int FROM grid.stage_checkpoint), 0, 'nothing is left in staging');
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person) VALUES
  ('9201', '2020-02-13 07:01', 'in', '王五');
SELECT is((SELECT accepted FROM grid.ingest_checkpoint()), 1::bigint, 'the next batch goes through');

-- Over-long fields: a reject with its reason, never an index error.
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, division) VALUES
  ('王家河网格员', NULL, public.trust_long(3000), '36.5', '2020-02-13 08:00', '420503004001'),
  (public.trust_long(3000), '420503199003071230', NULL, '36.5', '2020-02-13 08:00', NULL),
  ('王家河网格员', '420503199003071230', NULL, '36.5', '2020-02-13 08:01', NULL);
SELECT lives_ok($$CREATE TEMP TABLE trust_long AS SELECT * FROM grid.ingest_proxy()$$,
                'a 3,000-character name or worker does not fail the proxy batch');
SELECT is((SELECT (received, accepted, rejected) FROM trust_long), (3::bigint, 1::bigint, 2::bigint),
          'they are rejects, the valid record is stored');
SELECT is((SELECT array_agg(reason ORDER BY id) FROM grid.ingest_reject WHERE batch_id = (SELECT batch_id FROM trust_long)),
          ARRAY['name too long: 3000 characters (at most 200)', 'worker too long: 3000 characters (at most 200)'],
          'each with its reason');
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate) VALUES
  ('9201', '2020-02-13 08:00', 'in', public.trust_long(3000), NULL),
  ('9201', '2020-02-13 08:00', 'in', NULL, public.trust_long(3000)),
  ('9201', '2020-02-13 08:02', 'in', '张三', NULL);
SELECT lives_ok($$CREATE TEMP TABLE trust_long_cp AS SELECT * FROM grid.ingest_checkpoint()$$,
                'a 3,000-character person or plate does not fail the checkpoint batch');
SELECT is((SELECT (received, accepted, rejected) FROM trust_long_cp), (3::bigint, 1::bigint, 2::bigint),
          'they are rejects, the valid passage is stored');
SELECT is((SELECT array_agg(reason ORDER BY id) FROM grid.ingest_reject WHERE batch_id = (SELECT batch_id FROM trust_long_cp)),
          ARRAY['person too long: 3000 characters (at most 200)', 'vehicle_plate too long: 3000 characters (at most 200)'],
          'each with its reason');
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES
  ('13800138000', '2020-02-13 08:00', repeat('张伟 36.5 ', 625)),
  ('13800138000', '2020-02-13 08:01', '36.5');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_sms()), (2::bigint, 1::bigint, 1::bigint),
          'a 5,000-character SMS is a reject');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE channel = 'sms' AND raw->>'sent_at' = '2020-02-13 08:00'),
          'message too long: 5000 characters (at most 1000)', 'with its reason');
-- Names that read as nothing would all share one key: rejects.  A valid
-- but unregistered ID at a checkpoint is a passage keyed by that ID.
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person) VALUES
  ('9201', '2020-02-13 08:10', 'in', '!!!'),
  ('9201', '2020-02-13 08:10', 'in', '😀'),
  ('9201', '2020-02-13 08:10', 'in', '11010519491231002X');
SELECT is((SELECT (received, accepted, rejected, duplicates) FROM grid.ingest_checkpoint()),
          (3::bigint, 1::bigint, 2::bigint, 0::bigint),
          'two unreadable names at one checkpoint and minute are rejects, not one passage and a duplicate');
SELECT is((SELECT array_agg(reason ORDER BY id) FROM grid.ingest_reject WHERE raw->>'passed_at' = '2020-02-13 08:10'),
          ARRAY['unreadable name: !!!', 'unreadable name: 😀'], 'each with its reason');
SELECT is((SELECT (person_key, resident_id) FROM grid.checkpoint_passage WHERE person = '11010519491231002X'),
          ('11010519491231002X'::text, NULL::grid.resident_id), 'an unregistered ID is the passage''s key');
INSERT INTO grid.stage_proxy (worker, name, temperature, reported_at) VALUES
  ('王家河网格员', '...', '36.5', '2020-02-13 08:10'),
  ('王家河网格员', '???', '36.6', '2020-02-13 08:10');
SELECT is((SELECT (received, accepted, rejected, duplicates) FROM grid.ingest_proxy()),
          (2::bigint, 0::bigint, 2::bigint, 0::bigint), 'unreadable names in proxy records are rejects');
-- Numbers too large for any column.
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-13 09:00', '9999'),
  ('420503199003071230', '2020-02-13 09:01', '36.5');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_app()), (2::bigint, 1::bigint, 1::bigint),
          'an app temperature of 9999 is a reject, not a numeric overflow');
-- A staging row with an infinite arrival time.
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at, received_at) VALUES
  ('王家河网格员', '420503199003071230', '36.5', NULL, 'infinity'),
  ('王家河网格员', '420503199003071230', '36.5', NULL, '-infinity');
SELECT is((SELECT (received, rejected) FROM grid.ingest_proxy()), (2::bigint, 2::bigint),
          'a proxy record whose time would be an infinite arrival time is a reject');
RESET ROLE;

SELECT is((SELECT count(*)::int FROM grid.ingest_reject WHERE reason IS NULL OR reason = '' OR length(reason) > 200), 0,
          'every reject has a reason of at most 200 characters');

-- TRUNCATE skips policies: staging and the batch log refuse it to others.
SET ROLE trust_a;
SELECT throws_ok('TRUNCATE grid.stage_app', '42501', 'permission denied to truncate grid.stage_app',
                 'a village cannot truncate everyone''s staged rows');
SELECT throws_ok('TRUNCATE grid.ingest_batch CASCADE', '42501', NULL,
                 'nor the batch log');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
