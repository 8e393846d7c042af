-- Daily operations: each channel's accepted forms and every rejection
-- reason; linking by ID, phone and scored matching; located cells;
-- duplicates; the fever rule; received = accepted + rejected + duplicates.
-- Everything runs in one transaction on a registry of its own (the rows
-- earlier tests left are truncated inside it), rolled back at the end.
SET search_path = public, grid;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;
SET client_min_messages = warning;
BEGIN;
TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch CASCADE;
-- A city's worth of residents for the name weights (grid.match_candidates).
INSERT INTO grid.name_frequency (kind, key, n) VALUES ('total', '', 4000000);
-- Residents of 王家河社区 (420503004001) and 中书街社区 (420502002021), with
-- their standard addresses; 张伟 and 张芳 share a phone.
INSERT INTO grid.standard_address (id, division, road, number, full_text) VALUES
  (900001, '420503004001', '港窑路', '1', '湖北省宜昌市伍家岗区伍家岗街道王家河社区港窑路1号'),
  (900002, '420502002021', '解放路', '9', '湖北省宜昌市西陵区学院街道中书街社区解放路9号');
INSERT INTO grid.resident (id, name, phones, address_id, division) VALUES
  ('420503199003071230', '陈君', '{13800138000}', 900001, '420503004001'),
  ('420503198512010028', '刘玲', '{13900139000,13600136000}', 900001, '420503004001'),
  ('420503198001010018', '张伟', '{13700137000}', 900001, '420503004001'),
  ('420503198202020028', '张芳', '{13700137000}', 900001, '420503004001'),
  ('420502197003030038', '欧阳娜娜', '{}', 900002, '420502002021');
-- A grid cell of 范家湖村 for the coordinates, and a checkpoint.
INSERT INTO grid.cell (code, name, geom) VALUES
  ('420504001203001', '范家湖一网格', ST_Multi(ST_MakeEnvelope(111.40, 30.60, 111.42, 30.62, 4326)));
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (9001, '伍家岗长江大桥卡口', '420503', ST_SetSRID(ST_MakePoint(111.35, 30.66), 4326));

-- Reading what channels send.
SELECT t, grid.read_time(t) FROM (VALUES ('2020-02-10 08:30'), ('2020-02-10T08:30:15'), ('2020-02-10 08:30:15.5+08:00'),
    ('2020-02-10 00:30Z'), ('2020-02-30 08:30'), ('2020-02-10'), ('10/02/2020 08:30'), ('2020-02-10 24:00'), ('')) v(t);
SELECT t, grid.read_yes_no(t) FROM (VALUES ('yes'), ('是'), ('有'), ('1'), ('no'), ('没有'), ('2'), ('maybe'), (NULL)) v(t);
SELECT grid.read_symptoms(' Cough, fatigue;cough '), grid.read_symptoms(''), grid.read_symptoms(NULL);
SELECT grid.fever_threshold(), grid.observation_days();

-- app: full-width and 15-digit IDs, coordinates, symptoms; then one record
-- per rejection reason; one duplicate; one valid but unregistered ID.
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat) VALUES
  ('420503199003071230', '2020-02-10 08:30', '36.5', '', '111.41', '30.61'),
  ('４２０５０３１９９００３０７１２３０', '2020-02-10 08:30:40', '36.6', NULL, NULL, NULL),
  ('420503851201002', '2020-02-10 09:00', '37.8', 'cough, fatigue', NULL, NULL),
  ('11010519491231002X', '2020-02-10 11:00', '36.5', NULL, NULL, NULL),
  (NULL, '2020-02-10 09:00', '36.5', NULL, NULL, NULL),
  ('420503199003071231', '2020-02-10 09:00', '36.5', NULL, NULL, NULL),
  ('420503199003071230', '2020-02-10 10:00', NULL, NULL, NULL, NULL),
  ('420503199003071230', '2020-02-10 10:00', 'abc', NULL, NULL, NULL),
  ('420503199003071230', '2020-02-10 10:00', '45.0', NULL, NULL, NULL),
  ('420503199003071230', NULL, '36.5', NULL, NULL, NULL),
  ('420503199003071230', '2020-02-30 10:00', '36.5', NULL, NULL, NULL),
  ('420503199003071230', '2099-02-10 10:00', '36.5', NULL, NULL, NULL),
  ('420503199003071230', '2020-02-10 11:00', '36.5', 'cough,sneezing', NULL, NULL),
  ('420503199003071230', '2020-02-10 11:00', '36.5', NULL, '111.41', NULL),
  ('420503199003071230', '2020-02-10 11:00', '36.5', NULL, '111.' || repeat('4', 200), '30.61');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('app test');
SELECT count(*) AS left_in_staging FROM grid.stage_app;

-- sms: the sender's phone (a second number too), a shared phone with and
-- without the name, an ID in the text, "正常" alone; rejections; a repeat.
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES
  ('+86 139-0013-9000', '2020-02-10 08:00', '体温36.8 正常'),
  ('13600136000', '2020-02-10 08:05', '36.6'),
  ('13700137000', '2020-02-10 08:10', '张芳 36.5'),
  ('13700137000', '2020-02-10 08:11', '36.5'),
  ('13100131000', '2020-02-10 08:12', '420503199003071230 36.9 咳嗽'),
  ('13800138000', '2020-02-10 08:13', '正常'),
  ('13800138000', '2020-02-10 08:13:30', '正常'),
  ('13800138000', '2020-02-10 08:14', 'hello'),
  ('12345', '2020-02-10 08:15', '36.5'),
  (NULL, '2020-02-10 08:15', '36.5'),
  ('13800138000', '2020-02-10 08:16', '45.2'),
  ('13800138000', '2020-02-10 08:17', '420503199003071231 36.5');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_sms();

-- voice: answered with a reading, "normal", a fever with symptoms, no
-- answer; rejections.
INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer) VALUES
  ('13800138000', '2020-02-11 09:00', 'answered', '36.5', '否'),
  ('13900139000', '2020-02-11 09:01', 'answered', '正常', 'no'),
  ('13600136000', '2020-02-11 09:02', 'ANSWERED', '37度8', '有'),
  ('13700137000', '2020-02-11 09:02', 'answered', '36.6', 'no'),
  ('13800138000', '2020-02-11 09:03', 'no_answer', NULL, NULL),
  ('13800138000', '2020-02-11 09:04', 'busy', NULL, NULL),
  ('13800138000', '2020-02-11 09:05', 'answered', '不知道', 'no'),
  ('13800138000', '2020-02-11 09:05', 'answered', NULL, 'no'),
  ('13800138000', '2020-02-11 09:06', 'answered', '36.5', 'maybe'),
  ('13800138000', '2020-02-11 09:06', 'refused', '36.5', NULL),
  ('0717', '2020-02-11 09:07', 'answered', '36.5', 'no');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_voice();

-- proxy: by ID; by name in the worker's village (scored matching: name and
-- village agree); a name nobody has; rejections.
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division) VALUES
  ('王网格员', '420503199003071230', '陈君', '36度8', '2020-02-12 10:00', NULL, '420503004001'),
  ('李网格员', NULL, '欧阳娜娜', '36.4', '2020-02-12 10:01', NULL, '420502002021'),
  ('王网格员', NULL, '张芳', '38.6', '2020-02-12 10:01', 'cough', '420503004001'),
  ('王网格员', NULL, '李四', '36.4', '2020-02-12 10:02', NULL, '420503004001'),
  (NULL, NULL, '李四', '36.4', '2020-02-12 10:02', NULL, '420503004001'),
  ('王网格员', NULL, '李四', '36.4', '2020-02-12 10:02', NULL, '4205030040019'),
  ('王网格员', NULL, '李四', NULL, '2020-02-12 10:02', NULL, '420503004001'),
  ('王网格员', NULL, NULL, '36.4', '2020-02-12 10:02', NULL, '420503004001'),
  ('王网格员', NULL, '???', '36.4', '2020-02-12 10:02', NULL, '420503004001'),
  ('...', NULL, '李四', '36.4', '2020-02-12 10:02', NULL, '420503004001');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_proxy();

-- checkpoint: a person by ID with a fever, a person by name in a Wuhan car
-- (turned back), a vehicle alone; rejections; a repeat.
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate, temperature,
                                   pass_checked, from_epicentre, turned_back) VALUES
  ('9001', '2020-02-12 07:00', 'in', '420503198001010018', '鄂E12345', '38.1', 'yes', 'no', 'no'),
  ('9001', '2020-02-12 07:01', '进', '王五', '鄂A 8888', '36.5', '是', NULL, '是'),
  ('9001', '2020-02-12 07:02', 'out', NULL, '鄂E55555', NULL, NULL, NULL, NULL),
  ('9999', '2020-02-12 07:03', 'out', '王五', NULL, NULL, NULL, NULL, NULL),
  ('9001', '2020-02-12 07:04', 'sideways', '王五', NULL, NULL, NULL, NULL, NULL),
  ('9001', '2020-02-12 07:05', 'in', NULL, NULL, '36.5', NULL, NULL, NULL),
  ('9001', '2020-02-12 07:06', 'in', '王五', NULL, '50', NULL, NULL, NULL),
  ('9001', '2020-02-12 07:07', 'in', '王五', NULL, NULL, 'perhaps', NULL, NULL),
  ('9001', '2020-02-12 07:08', 'in', '420503198001010019', NULL, NULL, NULL, NULL, NULL),
  ('9001', '2020-02-12 07:09', 'in', '王五', NULL, NULL, NULL, NULL, 'sent home'),
  ('abc', '2020-02-12 07:10', 'in', '王五', NULL, NULL, NULL, NULL, NULL),
  ('9001', '2020-02-12 07:10', 'in', NULL, '鄂A ???', NULL, NULL, NULL, NULL),
  ('1e20', '2020-02-12 07:10', 'in', '王五', NULL, NULL, NULL, NULL, NULL),
  ('9001', '2020-02-12 07:00:30', 'in', '420503198001010018', '鄂E12345', '38.2', 'yes', 'no', NULL);
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_checkpoint();

-- Every rejection, with the record as received.
SELECT channel, reason, raw - 'received_at' AS raw FROM grid.ingest_reject ORDER BY id;
-- A superuser's rejects, and its records for review that name no
-- division, go to the province of the shipped registry (湖北省), which
-- every administrator sees (grid.ingest_home).
SELECT grid.ingest_home(), array_agg(DISTINCT division::text) AS reject_divisions FROM grid.ingest_reject;

-- What was stored, and how each report was linked.
SELECT resident_id, channel, reported_at, temperature, symptoms, fever, division, cell, link_method, reported_by
  FROM grid.health_report ORDER BY reported_at, channel, resident_id;
SELECT sender_key, channel, reported_at, id_text, phone, name, temperature, division, best_candidate
  FROM grid.report_review ORDER BY reported_at, channel;
SELECT resident_id, called_at, outcome, division, phone FROM grid.unreached;
SELECT checkpoint_id, passed_at, direction, person, person_key, resident_id, vehicle_plate, temperature,
       pass_checked, from_epicentre, turned_back, division
  FROM grid.checkpoint_passage ORDER BY passed_at;

-- The fever rule: one open fever entry per resident, whatever the channel.
SELECT resident_id, category, division, period_start, period_end, status, reason
  FROM grid.key_person ORDER BY resident_id, id;

-- The counts add up, batch by batch, and against the tables.
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons,
       received = accepted + rejected + duplicates AS adds_up
  FROM grid.ingest_batch ORDER BY id;
SELECT (SELECT sum(accepted) FROM grid.ingest_batch WHERE channel <> 'checkpoint')
       = (SELECT count(*) FROM grid.health_report WHERE channel <> 'checkpoint')
         + (SELECT count(*) FROM grid.report_review) + (SELECT count(*) FROM grid.unreached) AS accepted_stored,
       (SELECT sum(accepted) FROM grid.ingest_batch WHERE channel = 'checkpoint')
       = (SELECT count(*) FROM grid.checkpoint_passage) AS passages_stored,
       (SELECT sum(rejected) FROM grid.ingest_batch) = (SELECT count(*) FROM grid.ingest_reject) AS rejects_stored;

-- Sending the same records again: all duplicates, nothing new.
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-10 08:30:59', '36.5'),
  ('420503198512010028', '2020-02-10 09:00', '37.8'),
  ('11010519491231002X', '2020-02-10 11:00', '36.5');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app();

-- The threshold and the observation period are settings.
SET grid.fever_threshold = 38.5;
SET grid.observation_days = 7;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503198202020028', '2020-02-13 08:00', '38.4'),
  ('420502197003030038', '2020-02-13 08:00', '38.5');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app();
SELECT resident_id, reported_at, temperature, fever FROM grid.health_report WHERE reported_at >= '2020-02-13';
SELECT resident_id, period_start, period_end FROM grid.key_person WHERE period_start = '2020-02-13';
RESET grid.fever_threshold;
RESET grid.observation_days;

-- An empty staging table is an empty batch.
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_voice();

ROLLBACK;

-- Settings out of range are refused.
SET grid.fever_threshold = 'warm';
SET grid.fever_threshold = 45;
SET grid.observation_days = 0;
