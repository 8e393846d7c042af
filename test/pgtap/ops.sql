-- Daily operations: key persons, returnees, services, teams, row-level
-- security on the new tables, and ingestion by a village's own role.
BEGIN;
SELECT plan(91);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch,
         grid.returnee, grid.service_request, grid.team_member, grid.team_checkpoint CASCADE;
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (9101, '王家河卡口', '420503004001', ST_SetSRID(ST_MakePoint(111.31, 30.70), 4326)),
  (9102, '中书街卡口', '420502002021', ST_SetSRID(ST_MakePoint(111.28, 30.69), 4326));

-- Key persons.
SELECT ok(grid.add_key_person('420503199003071230', 'close_contact', 'contact of a confirmed case', '2020-02-01') > 0,
          'a resident is put on the key-person list');
SELECT is((SELECT period_end FROM grid.key_person WHERE category = 'close_contact'), DATE '2020-02-15',
          'the period lasts grid.observation_days (14) by default');
SELECT is(grid.add_key_person('420503199003071230', 'close_contact'),
          (SELECT id FROM grid.key_person WHERE category = 'close_contact'),
          'a second entry of an open category returns the open one');
SELECT is((SELECT count(*)::int FROM grid.key_person), 1, 'and adds nothing');
SET LOCAL grid.observation_days = 21;
SELECT ok(grid.add_key_person('420503198512010028', 'home_observation', NULL, '2020-02-01') > 0, 'home observation');
SELECT is((SELECT period_end FROM grid.key_person WHERE category = 'home_observation'), DATE '2020-02-22',
          'grid.observation_days is read when the entry is made');
RESET grid.observation_days;
SELECT ok(grid.add_key_person('420503198512010028', 'central_isolation', NULL, '2020-02-01', '2020-02-08') > 0,
          'an explicit end is kept');
SELECT throws_ok($$SELECT grid.add_key_person('420503199001010012', 'suspected')$$, '23503',
                 NULL, 'an unregistered resident cannot be a key person');
SELECT throws_ok($$SELECT grid.add_key_person('420503199003071230', 'worried')$$, '23514',
                 NULL, 'categories are the seven of the notice');
SELECT lives_ok($$SELECT grid.close_key_person('420503199003071230',
                        (SELECT id FROM grid.key_person WHERE category = 'close_contact'))$$, 'released');
SELECT is((SELECT status FROM grid.key_person WHERE category = 'close_contact'), 'released', 'status released');
SELECT throws_ok($$SELECT grid.close_key_person('420503199003071230',
                        (SELECT id FROM grid.key_person WHERE category = 'close_contact'))$$, 'P0002',
                 NULL, 'a released entry cannot be released again');
SELECT ok(grid.add_key_person('420503199003071230', 'close_contact') <>
          (SELECT id FROM grid.key_person WHERE category = 'close_contact' AND status = 'released'),
          'after release a new entry of the same category can open');

-- Key-person periods are finite, start on or after 2019-12-01 and not after
-- today, end on or after the start, and last at most 366 days.
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, '-infinity', 'infinity')$$,
                 '22008', NULL, 'a period from -infinity to infinity is refused');
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, '2020-02-01', 'infinity')$$,
                 '22008', NULL, 'a period without end is refused');
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, '1800-01-01')$$,
                 '22008', NULL, 'a period starting in 1800 is refused');
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, '2019-11-30')$$,
                 '22008', 'key-person period start 2019-11-30 is before 2019-12-01',
                 'a period starting before 2019-12-01 is refused, with its reason');
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, CURRENT_DATE + 2)$$,
                 '22008', NULL, 'a period starting in the future is refused');
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, '2020-02-10', '2020-02-09')$$,
                 '22023', NULL, 'a period ending before it starts is refused');
SELECT throws_ok($$SELECT grid.add_key_person('420503198512010028', 'suspected', NULL, '2020-02-10', '2021-02-11')$$,
                 '22008', NULL, 'a period longer than 366 days is refused');
SELECT ok(grid.add_key_person('420503198512010028', 'confirmed', NULL, '2019-12-01', '2020-11-30') > 0,
          'a period of 366 days from 2019-12-01 is kept');
SELECT is((SELECT count(*)::int FROM grid.key_person WHERE category = 'suspected'), 0, 'nothing refused was stored');
SELECT throws_ok($$INSERT INTO grid.key_person (resident_id, category, division, period_start, period_end)
                   VALUES ('420503198512010028', 'suspected', '420503004001', '-infinity', 'infinity')$$,
                 '23514', NULL, 'the table refuses an infinite period');
SELECT throws_ok($$INSERT INTO grid.key_person (resident_id, category, division, period_start)
                   VALUES ('420503198512010028', 'suspected', '420503004001', '1800-01-01')$$,
                 '23514', NULL, 'the table refuses a period of 1800');

-- Returnees.
SELECT ok(grid.register_returnee('陈君', '420503004001', '2020-01-22', '420102', id => '420503199003071230',
                                 transport => 'train') > 0, 'a returnee from 江岸区, Wuhan');
SELECT is((SELECT resident_id::text FROM grid.returnee WHERE origin OPERATOR(grid.=) '420102'), '420503199003071230',
          'linked by ID');
SELECT is((SELECT count(*)::int FROM grid.key_person WHERE category = 'epicentre_returnee' AND status = 'open'), 1,
          'a returnee from the epicentre becomes a key person');
SELECT is((SELECT period_start FROM grid.key_person WHERE category = 'epicentre_returnee'), DATE '2020-01-22',
          'from the day of arrival');
SELECT ok(grid.register_returnee('刘玲', '420503004001', '2020-01-25', '广东深圳', phone => '139 0013 9000',
                                 transport => 'car', vehicle_plate => '粤B 12345') > 0, 'a returnee from 深圳, as text');
SELECT is((SELECT (resident_id::text, origin_text, vehicle_plate) FROM grid.returnee WHERE name = '刘玲'),
          ('420503198512010028'::text, '广东深圳'::text, '粤B12345'::text), 'linked by phone and name; plate normalised');
SELECT is((SELECT count(*)::int FROM grid.key_person WHERE category = 'epicentre_returnee'), 1,
          'not from the epicentre: no key-person entry');
SELECT ok(grid.register_returnee('王大', '420503004001', '2020-01-26', '420106') > 0, 'an unknown returnee is kept');
SELECT is((SELECT resident_id FROM grid.returnee WHERE name = '王大'), NULL, 'unlinked');
SELECT throws_ok($$SELECT grid.register_returnee('王大', '420503004001', '2099-01-26', '420106')$$, '22008',
                 NULL, 'an arrival in the future is refused');
SELECT throws_ok($$SELECT grid.register_returnee('王大', '420503004001', '1800-01-01', '420106')$$, '22008',
                 NULL, 'an arrival in 1800 is refused');
SELECT throws_ok($$SELECT grid.register_returnee('王大', '420503004001', '-infinity', '420106')$$, '22008',
                 NULL, 'an arrival at -infinity is refused');
SELECT throws_ok($$SELECT grid.register_returnee('王大', '420503004001', 'infinity', '420106')$$, '22008',
                 NULL, 'an arrival at infinity is refused');
SELECT throws_ok($$INSERT INTO grid.returnee (name, division, arrival_date, origin_text)
                   VALUES ('王大', '420503004001', '1800-01-01', '武汉')$$, '23514', NULL,
                 'the table refuses an arrival in 1800');

-- Services.
SELECT ok(grid.request_service('420502197003030038', 'gas', '液化气一罐') > 0, 'a resident asks for gas');
SELECT lives_ok($$SELECT grid.take_service('420502197003030038', (SELECT max(id) FROM grid.service_request), '李网格员')$$,
                'a worker takes it');
SELECT lives_ok($$SELECT grid.finish_service('420502197003030038', (SELECT max(id) FROM grid.service_request))$$, 'done');
SELECT is((SELECT (status, worker, division::text) FROM grid.service_request),
          ('done'::text, '李网格员'::text, '420502002021'::text), 'done by the worker, in the resident''s village');
SELECT throws_ok($$SELECT grid.take_service('420502197003030038', (SELECT max(id) FROM grid.service_request), 'x')$$,
                 'P0002', NULL, 'a finished request cannot be taken');
SELECT throws_ok($$SELECT grid.request_service('420502197003030038', 'haircut')$$, '23514', NULL,
                 'kinds are medicine, gas, groceries, paid_order_pickup and other');
SELECT ok(grid.request_service('420503199003071230', 'paid_order_pickup') > 0, 'a paid order to collect');
SELECT lives_ok($$SELECT grid.finish_service('420503199003071230', (SELECT max(id) FROM grid.service_request), 'cancelled')$$,
                'an open request can be cancelled');
SELECT throws_ok($$UPDATE grid.service_request SET requested_at = '1800-01-01' WHERE status = 'done'$$, '23514', NULL,
                 'a request cannot be dated 1800');
SELECT throws_ok($$UPDATE grid.service_request SET done_at = '-infinity' WHERE status = 'done'$$, '23514', NULL,
                 'nor done before it was asked for');

-- Teams: 1 + 1 + N + K.
INSERT INTO grid.team_member (division, role, name) VALUES
  ('420503004001', 'doctor', '李医生'), ('420503004001', 'police', '王警官'),
  ('420503004001', 'grid_worker', '王网格员'), ('420503004001', 'grid_worker', '张网格员'),
  ('420503004001', 'volunteer', '赵志愿者'), ('420502002021', 'grid_worker', '李网格员');
INSERT INTO grid.team_checkpoint VALUES ('420503004001', 9101), ('420502002021', 9102);
SELECT is((SELECT (doctor, police, grid_workers, volunteers, checkpoints, complete) FROM grid.team
            WHERE division OPERATOR(grid.=) '420503004001'),
          ('李医生'::text, '王警官'::text, 2::bigint, 1::bigint, 1::bigint, true), '王家河社区: 1 + 1 + 2 + 1');
SELECT is((SELECT complete FROM grid.team WHERE division OPERATOR(grid.=) '420502002021'), false,
          '中书街社区 has no doctor or police officer yet');
SELECT throws_ok($$INSERT INTO grid.team_member (division, role, name) VALUES ('420503004001', 'doctor', '另一医生')$$,
                 '23505', NULL, 'one doctor per village');
SELECT throws_ok($$INSERT INTO grid.team_member (division, role, name) VALUES ('420503004', 'cadre', '街道干部')$$,
                 '23514', NULL, 'teams are per village');

-- Row-level security: every table of people or events carries its division
-- and is protected.
SELECT is((SELECT count(*)::int FROM pg_class c
            WHERE c.oid = ANY (ARRAY['grid.health_report', 'grid.report_review', 'grid.unreached', 'grid.key_person',
                                     'grid.returnee', 'grid.checkpoint_passage', 'grid.service_request',
                                     'grid.team_member', 'grid.team_checkpoint', 'grid.ingest_reject']::regclass[])
              AND c.relrowsecurity AND c.relforcerowsecurity), 10, 'the ten tables have row-level security');

-- A village's role ingests its own reports and sees only its own rows.
CREATE ROLE ops_wjh NOLOGIN;
GRANT USAGE ON SCHEMA grid TO ops_wjh;
GRANT SELECT, INSERT, DELETE ON grid.stage_proxy TO ops_wjh;
GRANT SELECT ON grid.resident, grid.name_frequency, grid.standard_address, grid.division TO ops_wjh;
GRANT SELECT, INSERT ON grid.health_report, grid.report_review, grid.key_person, grid.ingest_reject,
                        grid.unreached TO ops_wjh;
GRANT SELECT ON grid.ingest_batch TO ops_wjh;
SELECT grid.grant_scope('ops_wjh', '420503004001');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES ('420502197003030038', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false, '420502002021', 'id');
SET LOCAL ROLE ops_wjh;
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at) VALUES
  ('王网格员', '420503199003071230', '38.3', '2020-02-12 10:00');
SELECT is((SELECT (received, accepted, rejected, new_key_persons) FROM grid.ingest_proxy()),
          (1::bigint, 1::bigint, 0::bigint, 1::bigint), 'a village role ingests a proxy report of its own resident');
SELECT is((SELECT count(*)::int FROM grid.health_report), 1, 'and sees its own reports only');
SELECT is((SELECT count(*)::int FROM grid.key_person WHERE category = 'fever_unexcluded'), 1,
          'the fever opened a key-person entry it can see');
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at) VALUES
  ('王网格员', '420502197003030038', '36.3', '2020-02-12 10:00');
SELECT is((SELECT (accepted, unlinked) FROM grid.ingest_proxy()), (1::bigint, 1::bigint),
          'another village''s resident, whom the role cannot see, waits in the role''s own review queue');
INSERT INTO grid.stage_proxy (worker, name, temperature, reported_at, division) VALUES
  ('王网格员', '李四', '36.3', '2020-02-12 10:00', '420502002021');
SELECT is((SELECT (received, rejected) FROM grid.ingest_proxy()), (1::bigint, 1::bigint),
          'a record naming another village is a reject, not a failed batch');
SELECT is((SELECT (reason, division::text) FROM grid.ingest_reject WHERE raw->>'name' = '李四'),
          ('division outside your jurisdiction'::text, '420503004001'::text),
          'filed in the role''s own village');
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at) VALUES
  ('王网格员', NULL, '无名氏', '36.3', '2020-02-12 10:05'),
  ('王网格员', '420503199003071231', NULL, '36.3', '2020-02-12 10:05');
SELECT is((SELECT (received, accepted, rejected, unlinked) FROM grid.ingest_proxy()),
          (2::bigint, 1::bigint, 1::bigint, 1::bigint), 'a village role''s batch with a reject and an unknown name');
SELECT is((SELECT division::text FROM grid.ingest_reject WHERE channel = 'proxy' AND raw->>'name' IS NULL), '420503004001',
          'the reject belongs to the role''s village, which it can see');
SELECT is((SELECT division::text FROM grid.report_review WHERE name = '无名氏'), '420503004001',
          'so does the record waiting for review');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.health_report), 2, 'the administrator sees every report');

-- The review queue: a record no resident could be linked to, linked by hand.
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES ('13300133000', '2020-02-12 09:00', '38.0 咳嗽');
SELECT is((SELECT (accepted, unlinked) FROM grid.ingest_sms()), (1::bigint, 1::bigint), 'an unknown sender waits for review');
SELECT ok(grid.resolve_review('13300133000', 'sms', '2020-02-12 09:00+08', '420502197003030038'), 'a reviewer links it');
SELECT is((SELECT (link_method, fever, division::text) FROM grid.health_report WHERE channel = 'sms'),
          ('manual'::text, true, '420502002021'::text), 'stored as a manual link, a fever, in the resident''s village');
SELECT is((SELECT count(*)::int FROM grid.key_person WHERE resident_id OPERATOR(grid.=) '420502197003030038'
              AND category = 'fever_unexcluded'), 1, 'the fever rule applies to reviewed records');
SELECT throws_ok($$SELECT grid.resolve_review('13300133000', 'sms', '2020-02-12 09:00+08', '420502197003030038')$$,
                 'P0002', NULL, 'a resolved entry is not resolved twice');

SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                  division, link_method)
                   VALUES ('420502197003030038', 'app', '1800-01-01 08:00+08', '1800-01-01 08:00+08', 36.5, false,
                           '420502002021', 'id')$$,
                 '23514', NULL, 'a report of 1800 is refused by the table');
SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                  division, link_method)
                   VALUES ('420502197003030038', 'app', '2020-02-10 09:00+08', '2020-02-10 09:00+08', 37.255, false,
                           '420502002021', 'id')$$,
                 '23514', NULL, 'a temperature with three decimals is refused by the table');
SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                  division, link_method)
                   VALUES ('420502197003030038', 'app', '2020-02-10 09:00+08', '2020-02-10 09:00+08', 41.9, false,
                           '420502002021', 'id')$$,
                 '23514', NULL, '41.9 °C stored as no fever is refused: no threshold allows it');
SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                  division, link_method)
                   VALUES ('420502197003030038', 'app', '2020-02-10 09:00+08', '2020-02-10 09:00+08', 36.9, true,
                           '420502002021', 'id')$$,
                 '23514', NULL, '36.9 °C stored as a fever is refused: no threshold allows it');

-- Two differing records of an unknown sender in one minute wait side by
-- side; each entry has its own number, by which a reviewer links it.
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES
  ('13300133001', '2020-02-12 09:30', '36.5'), ('13300133001', '2020-02-12 09:30:30', '37.9');
SELECT is((SELECT (accepted, unlinked, duplicates) FROM grid.ingest_sms()), (2::bigint, 2::bigint, 0::bigint),
          'a correction in the same minute waits for review beside the first reading');
SELECT throws_ok($$SELECT grid.resolve_review('13300133001', 'sms', '2020-02-12 09:30+08', '420503198512010028')$$,
                 'P0003', NULL, 'naming the entry by sender, channel and minute is refused when that is ambiguous');
SELECT ok(grid.resolve_review((SELECT id FROM grid.report_review WHERE sender_key = '13300133001' AND temperature = 37.9),
                              '420503198512010028'), 'a reviewer links the fever by its entry number');
SELECT ok(grid.resolve_review((SELECT id FROM grid.report_review WHERE sender_key = '13300133001' AND temperature = 36.5),
                              '420503198512010028'), 'and the other reading of the same minute');
SELECT is((SELECT array_agg((temperature, fever)::text ORDER BY reported_at) FROM grid.health_report
            WHERE channel = 'sms' AND resident_id OPERATOR(grid.=) '420503198512010028'),
          ARRAY['(36.5,f)', '(37.9,t)'], 'both are stored, the fever as a fever');
SELECT throws_ok($$SELECT grid.resolve_review((SELECT id FROM grid.report_review WHERE sender_key = '13300133001'
                                               AND temperature = 37.9), '420503198512010028')$$,
                 'P0002', NULL, 'a resolved entry is not resolved twice, by number either');
SELECT throws_ok($$SELECT grid.resolve_review(-1, '420503198512010028')$$, 'P0002', NULL, 'an unknown entry number');

-- The fever rule is the city's: only an administrator sets the threshold
-- and the observation period; each batch records those it applied.
SET LOCAL ROLE ops_wjh;
SELECT throws_ok($$SET grid.fever_threshold = 42$$, '42501', NULL, 'a village role cannot switch the fever rule off');
SELECT throws_ok($$SET LOCAL grid.fever_threshold = 37.5$$, '42501', NULL, 'nor change the threshold for its transaction');
SELECT throws_ok($$SELECT set_config('grid.fever_threshold', '38.5', true)$$, '42501', NULL, 'nor through set_config');
SELECT throws_ok($$SET grid.observation_days = 7$$, '42501', NULL, 'nor shorten the observation period');
SELECT is(grid.fever_threshold(), 37.3, 'the threshold it gets is the city''s');
RESET ROLE;
CREATE ROLE ops_admin NOLOGIN IN ROLE grid_admin;
SET LOCAL ROLE ops_admin;
SELECT lives_ok($$SET LOCAL grid.fever_threshold = 37.5$$, 'an administrator sets the threshold');
SELECT lives_ok($$SET LOCAL grid.observation_days = 21$$, 'and the observation period');
SELECT is((grid.fever_threshold(), grid.observation_days()), (37.5::numeric, 21), 'which apply');
RESET ROLE;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES ('420503198512010028', '2020-02-13 08:00', '37.4');
SELECT is((SELECT (fevers, new_key_persons) FROM grid.ingest_app()), (0::bigint, 0::bigint),
          '37.4 is no fever at the administrator''s 37.5');
SELECT is((SELECT (fever_threshold, observation_days) FROM grid.ingest_batch ORDER BY id DESC LIMIT 1),
          (37.5::numeric, 21), 'the batch records the threshold and the period it applied');
RESET grid.fever_threshold;
RESET grid.observation_days;

-- Every staging table and the result type are documented.
SELECT is((SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'grid' AND c.relname LIKE 'stage\_%' AND obj_description(c.oid, 'pg_class') IS NOT NULL),
          5, 'five documented staging tables');
SELECT is((SELECT count(*)::int FROM pg_attribute a
            WHERE a.attrelid = ANY (ARRAY['grid.stage_app', 'grid.stage_sms', 'grid.stage_voice', 'grid.stage_proxy',
                                          'grid.stage_checkpoint']::regclass[])
              AND a.attnum > 0 AND NOT a.attisdropped AND col_description(a.attrelid, a.attnum) IS NULL), 0,
          'every staging column is documented');

SELECT * FROM finish();
ROLLBACK;
