-- pgTAP: grid.submit, the JSON entry point.  One row per record, in order,
-- with its outcome; a retry under the same keys stores nothing again and
-- answers as the first time; a request of the wrong shape stores nothing;
-- keys belong to the role that sent them; a record naming another
-- village's resident reveals nothing.  Every role here holds every table
-- privilege on schema grid: row-level security must hold even then.
BEGIN;
SELECT plan(46);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.ingest_reject, grid.ingest_batch, grid.submitted_record,
         grid.stage_app, grid.stage_sms, grid.stage_voice, grid.stage_proxy, grid.stage_checkpoint CASCADE;
INSERT INTO grid.name_frequency (kind, key, n) VALUES ('total', '', 4000000);
-- Village A (王家河社区): 陈君, 刘玲; village B (中书街社区): 欧阳娜娜.
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');

-- A's worker (a village scope: identifiers in full); a clerk of A's
-- township, who sees them masked; B, the other village.
CREATE ROLE submit_a;
CREATE ROLE submit_clerk;
CREATE ROLE submit_b;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO submit_a, submit_clerk, submit_b;
SELECT grid.grant_scope('submit_a', '420503004001');
SELECT grid.grant_scope('submit_clerk', '420503004');
SELECT grid.grant_scope('submit_b', '420502002021');

-- ------------------------------------------ a request of the wrong shape
SET LOCAL ROLE submit_a;
SELECT throws_ok($$SELECT * FROM grid.submit('fax', '{}')$$, '22023', 'unknown channel ''fax''',
                 'an unknown channel is refused');
SELECT throws_ok($$SELECT * FROM grid.submit('checkpoint', '{}')$$, '0A000', NULL,
                 'checkpoint records are staged, not submitted');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '"36.5"')$$, '22023',
                 'records must be a JSON object or an array of objects', 'a JSON string is not a record');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '[{"id_text": "420503199003071230"}, 36.5]')$$, '22023',
                 'record 1 is a JSON number, not an object', 'an array element that is no object is named by its index');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"id_text": "420503199003071230", "temp": 36.5}')$$, '22023',
                 'record 0 has an unknown field temp', 'an unknown field is refused');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"id_text": "420503199003071230", "temperature": {"c": 36.5}}')$$,
                 '22023', 'record 0 has a field temperature that is a JSON object', 'a field of the wrong JSON type is refused');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"id_text": "420503199003071230", "symptoms": ["cough", 1]}')$$,
                 '22023', 'record 0 has symptoms that are not all strings', 'symptoms are strings');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"key": 7, "id_text": "420503199003071230"}')$$,
                 '22023', 'record 0 has a key that is a JSON number, not a string', 'a key is a string');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '[{"key": "k", "temperature": 36.5}, {"key": "k", "temperature": 36.6}]')$$,
                 '22023', 'records 0 and 1 have the same key', 'a key names one record of the request');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"id_text": ')$$, '22P02', NULL,
                 'text that is no JSON is refused before grid.submit runs');
SELECT is((SELECT count(*)::int FROM grid.ingest_batch) + (SELECT count(*)::int FROM grid.submitted_record)
          + (SELECT count(*)::int FROM grid.stage_app), 0, 'a refused request leaves nothing behind');
SELECT is_empty($$SELECT * FROM grid.submit('app', '[]')$$, 'an empty array answers nothing');

-- ---------------------------------------------------- every outcome
SELECT results_eq(
    $$SELECT index, key, outcome, reason, resident FROM grid.submit('app',
        '{"key": "a1", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:00+08:00",
          "temperature": 36.5, "symptoms": []}')$$,
    $$VALUES (0, 'a1', 'stored', NULL::text, '420503199003071230')$$,
    'one object is one record: stored, with the resident linked');
CREATE TEMP TABLE first_answer AS
SELECT * FROM grid.submit('app', '[
    {"key": "a2", "id_text": "420503198512010028", "reported_at": "2020-02-12T08:05:00+08:00", "temperature": 38.2,
     "symptoms": ["fever", "cough"]},
    {"key": "a3", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:30+08:00", "temperature": 36.6},
    {"key": "a4", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:00+08:00", "temperature": 36.5,
     "symptoms": []},
    {"key": "a5", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 45},
    {"key": "a6", "id_text": "420503199001010012", "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 36.5},
    {"key": "a7", "id_text": "420502197003030038", "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 36.5},
    {"id_text": "420503198512010028", "reported_at": "2020-02-12T09:00Z", "temperature": "36.50"},
    {"id_text": "420503198512010028", "reported_at": "2020-02-12T09:00Z", "temperature": "36.50"}]');
SELECT results_eq(
    $$SELECT index, key, outcome, reason, resident FROM first_answer ORDER BY index$$,
    $$VALUES (0, 'a2', 'stored', NULL::text, '420503198512010028'),
             (1, 'a3', 'corrected', NULL, '420503199003071230'),
             (2, 'a4', 'duplicate', NULL, '420503199003071230'),
             (3, 'a5', 'rejected', 'temperature out of range: 45 (expected 34.00 to 43.00)', NULL),
             (4, 'a6', 'review', NULL, NULL),
             (5, 'a7', 'review', NULL, NULL),
             (6, NULL, 'stored', NULL, '420503198512010028'),
             (7, NULL, 'duplicate', NULL, '420503198512010028')$$,
    'a mixed array: each record''s outcome, in order (a fever, a correction, a duplicate, a reject, an unknown ID, another village''s resident, two alike records)');
SELECT is((SELECT count(DISTINCT batch_id)::int FROM first_answer), 1, 'one request is one batch');
SELECT is((SELECT (received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons)
             FROM grid.ingest_batch WHERE id = (SELECT min(batch_id) FROM first_answer)),
          (8::bigint, 5::bigint, 1::bigint, 2::bigint, 2::bigint, 1::bigint, 1::bigint),
          'the batch log counts what the answer says');
SELECT is((SELECT (category, status) FROM grid.key_person WHERE resident_id = '420503198512010028'),
          ('fever_unexcluded'::text, 'open'::text), 'the fever rule applies to submitted records');
SELECT is((SELECT (symptoms, temperature) FROM grid.health_report WHERE resident_id = '420503198512010028' AND fever),
          ('{cough,fever}'::text[], 38.2), 'symptoms sent as a JSON array are stored as codes');
SELECT is((SELECT (raw ->> 'temperature', raw ->> 'reported_at', reason) FROM grid.ingest_reject),
          ('45'::text, '2020-02-12T08:10:00+08:00'::text, 'temperature out of range: 45 (expected 34.00 to 43.00)'::text),
          'a rejected record is kept as sent, with its reason');

-- ------------------------------------------ another village's resident
-- A names B's resident: the same answer as an ID nobody has, and nothing
-- of B's resident in A's review entry.
SELECT is((SELECT (outcome, reason, resident) FROM first_answer WHERE key = 'a7'),
          (SELECT (outcome, reason, resident) FROM first_answer WHERE key = 'a6'),
          'a record naming another village''s resident is answered as one naming an unknown ID');
SELECT is((SELECT (best_candidate::text, division::text) FROM grid.report_review WHERE id_text = '420502197003030038'),
          (NULL::text, '420503004001'::text), 'its review entry stays in A''s village and names no candidate');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE resident_id = '420502197003030038'), 0,
          'nothing was stored for B''s resident');

-- ------------------------------------------------------------- a retry
SET LOCAL ROLE submit_a;
SELECT results_eq(
    $$SELECT * FROM grid.submit('app', '[
        {"key": "a2", "id_text": "420503198512010028", "reported_at": "2020-02-12T08:05:00+08:00", "temperature": 38.2,
         "symptoms": ["fever", "cough"]},
        {"key": "a3", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:30+08:00", "temperature": 36.6},
        {"key": "a4", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:00+08:00", "temperature": 36.5,
         "symptoms": []},
        {"key": "a5", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 45},
        {"key": "a6", "id_text": "420503199001010012", "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 36.5,
         "lon": null, "lat": null},
        {"key": "a7", "id_text": "420502197003030038", "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 36.5}]')$$,
    $$SELECT * FROM first_answer WHERE key IS NOT NULL ORDER BY index$$,
    'a retry under the same keys answers as the first time, batch included (a null field is an absent one)');
SELECT is((SELECT count(*)::int FROM grid.health_report) || '/' || (SELECT count(*) FROM grid.ingest_reject)
          || '/' || (SELECT count(*) FROM grid.report_review) || '/' || (SELECT count(*) FROM grid.ingest_batch),
          '4/1/2/2', 'and stores nothing again, not even a batch');
SELECT results_eq(
    $$SELECT index, key, outcome FROM grid.submit('app', '[
        {"key": "a4", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:00+08:00", "temperature": 36.5,
         "symptoms": []},
        {"key": "a8", "id_text": "420503199003071230", "reported_at": "2020-02-12T08:00:00+08:00", "temperature": 36.5}]')$$,
    $$VALUES (0, 'a4', 'duplicate'), (1, 'a8', 'duplicate')$$,
    'a retried key beside a new one: the first answer for the old, the truth for the new');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"key": "a1", "id_text": "420503199003071230",
                   "reported_at": "2020-02-12T08:00:00+08:00", "temperature": 37.5}')$$,
                 '22023', 'record 0 has a key already used for a different record',
                 'a key sent again with another record is refused');

-- --------------------------------------- identifiers as the caller sees them
SET LOCAL ROLE submit_clerk;
SELECT is((SELECT resident FROM grid.submit('app', '{"key": "a1", "id_text": "420503199003071230",
             "reported_at": "2020-02-12T10:00:00+08:00", "temperature": 36.4}')),
          '420503********1230', 'a role without identifiers sees the resident masked');
SELECT is((SELECT outcome FROM grid.submit('app', '{"key": "a1", "id_text": "420503199003071230",
             "reported_at": "2020-02-12T10:00:00+08:00", "temperature": 36.4}')),
          'stored', 'and its keys are its own: A''s key a1 is a new key for it');

-- ---------------------------------------------------- keys are per role
SET LOCAL ROLE submit_b;
SELECT is((SELECT count(*)::int FROM grid.submitted_record), 0, 'B sees none of A''s keys');
SELECT throws_ok($$INSERT INTO grid.submitted_record (submitted_by, channel, client_key, fingerprint)
                   VALUES ('submit_a', 'app', 'a1', 'x') ON CONFLICT DO NOTHING$$,
                 '42501', NULL, 'B cannot write a key in A''s name, nor learn from a conflict that A has it');
SELECT throws_ok($$INSERT INTO grid.submitted_record (channel, client_key, fingerprint, outcome, resident_id, place)
                   VALUES ('app', 'b0', 'x', 'stored', '420503199003071230', '420502002021')$$,
                 '42501', NULL, 'nor keep an outcome naming a resident it cannot see');
SELECT is((SELECT (outcome, resident) FROM grid.submit('app', '{"key": "a1", "id_text": "420502197003030038",
             "reported_at": "2020-02-12T08:10:00+08:00", "temperature": 36.5}')),
          ('stored'::text, '420502197003030038'::text), 'B stores its own resident''s report under a key A used');

-- ------------------------------------------------- the other channels
SET LOCAL ROLE submit_a;
SELECT results_eq(
    $$SELECT index, outcome, resident FROM grid.submit('sms', '[
        {"key": "s1", "phone": "+86 138 0013 8000", "sent_at": "2020-02-12T11:00:00+08:00", "message": "体温36.8 正常"},
        {"key": "s2", "phone": "12", "sent_at": "2020-02-12T11:00:00+08:00", "message": "36.8"}]')$$,
    $$VALUES (0, 'stored', '420503199003071230'), (1, 'rejected', NULL)$$,
    'sms: linked by the sender''s phone; a bad number is a reject');
SELECT results_eq(
    $$SELECT index, outcome, resident FROM grid.submit('voice', '[
        {"phone": "13900139000", "called_at": "2020-02-12T11:00:00+08:00", "outcome": "no_answer"},
        {"phone": "13900139000", "called_at": "2020-02-12T11:05:00+08:00", "outcome": "answered",
         "temperature_answer": "36度5", "symptoms_answer": false}]')$$,
    $$VALUES (0, 'stored', '420503198512010028'), (1, 'stored', '420503198512010028')$$,
    'voice: an unanswered call and an answered one, symptoms_answer as a JSON boolean');
SELECT is((SELECT count(*)::int FROM grid.unreached), 1, 'the unanswered call is in grid.unreached');
SELECT results_eq(
    $$SELECT index, outcome, resident FROM grid.submit('proxy', '[
        {"worker": "王家河网格员", "id_text": "420503198512010028", "temperature": "36度6",
         "reported_at": "2020-02-12T12:00:00+08:00", "division": "420503004001"},
        {"worker": "王家河网格员", "name": "欧阳娜娜", "temperature": "36.6", "reported_at": "2020-02-12T12:00:00+08:00",
         "division": "420502002021"}]')$$,
    $$VALUES (0, 'stored', '420503198512010028'), (1, 'rejected', NULL)$$,
    'proxy: a temperature as typed; naming another village is a reject');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'name' = '欧阳娜娜'),
          'division outside your jurisdiction', 'with the reason the bulk path gives');

-- ----------------------------------------- the bulk path, the same rules
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-12T13:00:00+08:00', '45');
SELECT throws_ok($$SELECT * FROM grid.submit('app', '{"id_text": "420503199003071230",
                   "reported_at": "2020-02-12T13:00:00+08:00", "temperature": 36.5}')$$,
                 '55000', 'rows this role staged in grid.stage_app wait to be ingested',
                 'submit refuses while the role has rows staged for the channel''s ingest function');
SELECT is((SELECT rejected FROM grid.ingest_app()), 1::bigint, 'the staged row is taken by the ingest function');
SELECT is((SELECT count(DISTINCT reason)::int FROM grid.ingest_reject WHERE raw ->> 'temperature' = '45'), 1,
          'and rejected for the same reason as the submitted one');

-- --------------------------------------------------- 1000 records at once
-- Records 900 to 999 repeat 0 to 99 under keys of their own; every tenth
-- has an unreadable temperature.
CREATE TEMP TABLE big AS
SELECT i, jsonb_build_object('key', 'big-' || i, 'id_text', '420503198512010028',
                             'reported_at', to_char(timestamptz '2020-02-13 00:00+08' + (i % 900) * interval '1 minute',
                                                    'YYYY-MM-DD"T"HH24:MI:SSOF'),
                             'temperature', CASE WHEN i % 10 = 9 THEN to_jsonb('abc'::text) ELSE to_jsonb(36.5) END,
                             'symptoms', '[]'::jsonb) AS rec
  FROM generate_series(0, 999) i;
CREATE TEMP TABLE big_answer AS
SELECT * FROM grid.submit('app', (SELECT jsonb_agg(rec ORDER BY i) FROM big));
SELECT is((SELECT array_agg(index ORDER BY index) FROM big_answer), (SELECT array_agg(i ORDER BY i) FROM big),
          '1000 records: one answer each, in order');
SELECT is((SELECT count(*)::int FROM big_answer a
            WHERE a.key IS DISTINCT FROM 'big-' || a.index
               OR a.outcome IS DISTINCT FROM CASE WHEN a.index % 10 = 9 THEN 'rejected'
                                                   WHEN a.index >= 900 THEN 'duplicate' ELSE 'stored' END),
          0, 'each with its own outcome: stored, rejected, and the repeats duplicates');
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE report_minute >= '2020-02-13 00:00+08'), 810,
          'the 810 good records of 900 different minutes are stored once');
SELECT is((SELECT count(*)::int FROM grid.submit('app', (SELECT jsonb_agg(rec ORDER BY i) FROM big)) a
             JOIN big_answer b USING (index) WHERE (a.*) IS DISTINCT FROM (b.*)), 0,
          'the whole request again answers the same');
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE report_minute >= '2020-02-13 00:00+08'), 810,
          'and stores nothing');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM pg_class WHERE relpersistence = 't' AND relname LIKE 'submit%'), 0,
          'no work table of grid.submit outlives it');

SELECT * FROM finish();
ROLLBACK;
