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
  ('9001', '2020-02-12 07:01', '进', '王五', '鄂A 88888', '36.5', '是', NULL, '是'),
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
-- (a time's reason goes on to name the accepted forms: test/pgtap/inputs.sql)
SELECT channel, split_part(reason, '; accepted forms: ', 1) AS reason, raw - 'received_at' AS raw FROM grid.ingest_reject ORDER BY id;
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
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms) VALUES
  ('420503199003071230', '2020-02-10 08:30:59', '36.5', NULL),
  ('420503198512010028', '2020-02-10 09:00', '37.80', 'fatigue,cough'),
  ('11010519491231002X', '2020-02-10 11:00', '36.5', NULL);
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
-- Each batch records the threshold and the observation period it applied.
SELECT channel, label, fever_threshold, observation_days FROM grid.ingest_batch ORDER BY id;

-- Temperatures are decided as written, to the hundredth, never rounded:
-- 37.25 is no fever and 37.30 is one; 36.50 is 36.5; 33.96 and 43.01 are
-- out of range; a third decimal is refused, not rounded.
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-14 08:00', '37.25'),
  ('420503198512010028', '2020-02-14 08:00', '37.30'),
  ('420503198001010018', '2020-02-14 08:00', '36.50'),
  ('420503198202020028', '2020-02-14 08:00', '34.00'),
  ('420503198202020028', '2020-02-14 08:01', '33.96'),
  ('420503198202020028', '2020-02-14 08:02', '43.01'),
  ('420503198202020028', '2020-02-14 08:03', '37.255'),
  ('420503198202020028', '2020-02-14 08:04', '36.4999');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('as written');
SELECT resident_id, reported_at, temperature, fever FROM grid.health_report
 WHERE reported_at >= '2020-02-14' AND reported_at < '2020-02-15' ORDER BY reported_at, resident_id;
SELECT reason FROM grid.ingest_reject WHERE batch_id = (SELECT max(id) FROM grid.ingest_batch) ORDER BY id;

-- A correction in the same minute is a report of its own: 36.5, then 37.9
-- in a later batch for the same resident, channel and minute.  The fever
-- is stored and opens a key-person entry.
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-15 09:00', '36.5');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('first');
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-15 09:00:30', '37.9');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('correction');
-- In one batch: only the identical record (same minute, reading and
-- symptoms) is a duplicate; other symptoms make another report.
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms) VALUES
  ('420502197003030038', '2020-02-15 08:00', '36.5', NULL),
  ('420502197003030038', '2020-02-15 08:00:20', '37.9', NULL),
  ('420502197003030038', '2020-02-15 08:00:40', '37.9', ''),
  ('420502197003030038', '2020-02-15 08:00:50', '37.9', 'cough');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('one minute');
SELECT resident_id, reported_at, temperature, symptoms, fever FROM grid.health_report
 WHERE reported_at >= '2020-02-15' AND reported_at < '2020-02-16' ORDER BY resident_id, reported_at;
SELECT resident_id, category, period_start, reason FROM grid.key_person WHERE period_start = '2020-02-15';
-- Calls: no answer, then refused, in one minute; two readings of an
-- unknown sender in one minute wait for review side by side.
INSERT INTO grid.stage_voice (phone, called_at, outcome) VALUES
  ('13800138000', '2020-02-15 10:00', 'no_answer'),
  ('13800138000', '2020-02-15 10:00:40', 'refused');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_voice();
SELECT resident_id, called_at, outcome FROM grid.unreached WHERE called_at >= '2020-02-15' ORDER BY called_at;
INSERT INTO grid.stage_sms (phone, sent_at, message) VALUES
  ('13300133000', '2020-02-15 11:00', '36.5'),
  ('13300133000', '2020-02-15 11:00:30', '37.9'),
  ('13300133000', '2020-02-15 11:00:45', '37.9');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_sms();
SELECT sender_key, channel, reported_at, temperature FROM grid.report_review
 WHERE reported_at >= '2020-02-15' ORDER BY reported_at;
-- At a checkpoint: a second temperature taken in the same minute is kept.
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, temperature) VALUES
  ('9001', '2020-02-15 07:00', 'in', '420503198202020028', '36.5'),
  ('9001', '2020-02-15 07:00:30', 'in', '420503198202020028', '37.9');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_checkpoint();
SELECT passed_at, person_key, temperature FROM grid.checkpoint_passage WHERE passed_at >= '2020-02-15' ORDER BY passed_at;
-- Each resident's day still agrees with the reports stored.
SELECT count(*) AS days_differing FROM grid.health_day d
 WHERE d.reports <> (SELECT count(*) FROM grid.health_report h
                      WHERE h.resident_id OPERATOR(grid.=) d.resident_id AND h.division OPERATOR(grid.=) d.division
                        AND grid.report_day(h.reported_at) = d.day)
    OR d.fever <> (SELECT bool_or(h.fever) FROM grid.health_report h
                    WHERE h.resident_id OPERATOR(grid.=) d.resident_id AND h.division OPERATOR(grid.=) d.division
                      AND grid.report_day(h.reported_at) = d.day);

-- Report times: not before 2019-12-01 (China time), nor in the future.
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '1800-01-01 08:00', '36.5'),
  ('420503199003071230', '2019-11-30 23:59', '36.5'),
  ('420503199003071230', '2019-11-30 15:59Z', '36.5'),
  ('420503199003071230', '2019-12-01 00:00', '36.5');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('early');
SELECT reason FROM grid.ingest_reject WHERE batch_id = (SELECT max(id) FROM grid.ingest_batch) ORDER BY id;
-- A fever in the first hour of 2019-12-01 in China, ingested by a session
-- on UTC (where it is still 30 November): its key-person entry is dated
-- by the day in China, so the batch is stored.
SET TimeZone = 'UTC';
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2019-12-01 00:30+08', '38.0');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_app('first hour');
SET TimeZone = 'Asia/Shanghai';
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person) VALUES
  ('9001', '1800-01-01 07:00', 'in', '王五');
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_checkpoint();
SELECT reason FROM grid.ingest_reject WHERE batch_id = (SELECT max(id) FROM grid.ingest_batch) ORDER BY id;

-- An empty staging table is an empty batch.
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons FROM grid.ingest_voice();

ROLLBACK;

-- Settings out of range are refused.
SET grid.fever_threshold = 'warm';
SET grid.fever_threshold = 45;
SET grid.observation_days = 0;
-- The threshold is kept to the hundredth, as temperatures are, within
-- 37.0-38.5; the observation period is 7 to 28 days.
SET grid.fever_threshold = 37.255;
SET grid.fever_threshold = 36.9;
SET grid.fever_threshold = 38.6;
SET grid.observation_days = 6;
SET grid.observation_days = 29;
SET grid.fever_threshold = 37.25;
SELECT grid.fever_threshold();
RESET grid.fever_threshold;

-- A value set before the library is loaded is checked when it loads: out
-- of range, it is refused with a warning and the default applies.
\c -
SET grid.fever_threshold = 50;
SET grid.observation_days = 1000;
SELECT grid.fever_threshold(), grid.observation_days();
-- Set by a role that is no administrator, it is refused too, in range or not.
CREATE ROLE ops_not_admin;
\c -
SET ROLE ops_not_admin;
SET grid.fever_threshold = 38;
SELECT grid.fever_threshold();
RESET ROLE;
DROP ROLE ops_not_admin;
