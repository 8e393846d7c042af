-- Inputs as analysts and channels write them: times in the forms the
-- city's exports and workers use (grid.read_time, grid.time_error,
-- grid.check_time, and ingestion's reject reasons), CSV for programs and
-- for Excel (grid.report_csv), and the grid.* settings (grid.settings).
BEGIN;
SELECT plan(125);
SET LOCAL search_path = public, grid;
SET LOCAL client_min_messages = warning;
-- A session in another zone: times without a zone are China time anyway.
SET LOCAL TimeZone = 'UTC';

-- ------------------------------------------------------------------ times

SELECT is(grid.read_time(t, '2026-12-08 12:00+08'), '2026-12-07 08:30+08'::timestamptz, 'read: ' || t)
  FROM (VALUES ('2026-12-07 08:30'), ('2026-12-07 08:30:00'), ('2026-12-07T08:30:00+08:00'), ('2026-12-07T00:30Z'),
               ('2026/12/07 08:30'), ('2026/12/7 8:30'), ('2026年12月7日 8:30'), ('2026年12月7日8时30分'),
               ('2026年12月7日8点30'), ('12月7日 8:30'), ('12月7日8时30分'), ('２０２６／１２／７　８：３０'),
               ('２０２６年１２月７日８时３０分'), ('  2026-12-07 08:30  ')) v(t);
SELECT is(grid.read_time('2026-12-07 08:30:15.25'), '2026-12-07 08:30:15.25+08'::timestamptz,
          'seconds and their fraction are kept');
SELECT is(grid.read_time('2020-02-10 08:30 -05:00'), '2020-02-10 21:30+08'::timestamptz, 'a zone written is honoured');

-- Rejected, never guessed: each with its reason and the accepted forms.
SELECT is(grid.read_time(t, '2026-12-08 12:00+08'), NULL, 'no time: ' || t)
  FROM (VALUES ('2月30日 8:30'), ('2026-02-29 08:30'), ('2026/12/7 24:00'), ('2026/12/7 8:60'),
               ('2026/12/7 8:5'), ('12/7/2026 8:30'), ('2026年12月7日 下午3:30'), ('2026-12-07'), ('')) v(t);
SELECT is(grid.time_error('2月30日 8:30', '2026-12-08 12:00+08'),
          'no such date; accepted forms: 2026-12-07[T ]08:30[:00][+08:00], 2026/12/7 8:30, 2026年12月7日8时30分, 12月7日 8:30',
          'time_error says why and names the accepted forms');
SELECT is(split_part(grid.time_error(t, '2026-12-08 12:00+08'), ';', 1), why, 'why not: ' || t)
  FROM (VALUES ('2026/12/7 24:00', 'hour over 23'), ('2026/12/7 8:60', 'minute over 59'),
               ('2026/12/7 8:30:60', 'second over 59'), ('12/7/2026 8:30', 'not an accepted form'),
               ('2月29日 8:30', 'no such date within a year before arrival')) v(t, why);
SELECT is(grid.time_error('2026/12/7 8:30'), NULL, 'time_error is NULL for a time');
SELECT cmp_ok(length('invalid time: ' || repeat('長', 40) || ': ' || grid.time_error(t, '2027-03-01 08:00+08')), '<=', 200,
              'a reject reason of the longest kind stays within 200 characters: ' || t)
  FROM (VALUES ('2月29日 8:00'), ('x'), ('2026/12/7 8:30:60')) v(t);
SELECT throws_ok($$SELECT grid.check_time('2026/12/7 25:00')$$, '22007',
                 'invalid time "2026/12/7 25:00": hour over 23', 'check_time raises 22007');
SELECT throws_ok($$SELECT grid.check_time(repeat('x', 100))$$, '22007',
                 'invalid time "' || repeat('x', 60) || '": not an accepted form', 'quoting at most 60 bytes of it');
SELECT is(grid.check_time('2026/12/7 8:30'), '2026-12-07 08:30+08'::timestamptz, 'check_time returns a time read');

-- No year: the latest year that puts it at most a day after its arrival.
SELECT is(grid.read_time(t, arrived::timestamptz), want::timestamptz, t || ' arriving ' || arrived)
  FROM (VALUES ('12月7日 8:30', '2026-12-07 09:00+08', '2026-12-07 08:30+08'),
               ('12月8日 8:30', '2026-12-07 09:00+08', '2026-12-08 08:30+08'),
               ('12月8日 9:00', '2026-12-07 09:00+08', '2026-12-08 09:00+08'),
               ('12月8日 9:01', '2026-12-07 09:00+08', '2025-12-08 09:01+08'),
               ('12月31日 23:50', '2027-01-01 00:10+08', '2026-12-31 23:50+08'),
               ('1月1日 0:05', '2027-01-01 00:10+08', '2027-01-01 00:05+08'),
               ('1月1日 8:00', '2026-12-31 23:30+08', '2027-01-01 08:00+08'),
               ('1月2日 8:00', '2026-12-31 23:30+08', '2026-01-02 08:00+08'),
               -- the arrival is taken in China time, whatever its zone
               ('1月1日 0:05', '2026-12-31 16:10Z', '2027-01-01 00:05+08'),
               ('2月29日 8:00', '2029-03-01 08:00+08', '2028-02-29 08:00+08')) v(t, arrived, want);
SELECT is(grid.read_time('2月29日 8:00', '2027-03-01 08:00+08'), NULL, '2月29日 with no leap day in reach is no time');

-- Ingestion reads every channel's time so, against the row's arrival, and
-- rejects with the reason and the forms.
TRUNCATE grid.resident, grid.health_report, grid.report_review, grid.unreached, grid.key_person,
         grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch CASCADE;
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001');
INSERT INTO grid.stage_app (id_text, reported_at, temperature, received_at) VALUES
  ('420503199003071230', '2020/2/10 8:30', '36.5', '2020-02-10 09:00+08'),
  ('420503199003071230', '2020年2月11日8时30分', '36.6', '2020-02-11 09:00+08'),
  ('420503199003071230', '2月12日 8:30', '36.7', '2020-02-12 09:00+08'),
  ('420503199003071230', '１２月３１日 ２３：５０', '36.8', '2020-01-01 00:10+08'),
  ('420503199003071230', '2月30日 8:30', '36.5', '2020-02-12 09:00+08'),
  ('420503199003071230', '2020/2/10 24:00', '36.5', '2020-02-12 09:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_app()), (6::bigint, 4::bigint, 2::bigint),
          'app: four forms read, two rejected');
SELECT is(ARRAY(SELECT to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM grid.health_report
                 ORDER BY reported_at),
          '{"2019-12-31 23:50","2020-02-10 08:30","2020-02-11 08:30","2020-02-12 08:30"}'::text[],
          'at the times written; 12月31日 arriving on new year''s day is the old year''s');
SELECT is(ARRAY(SELECT reason FROM grid.ingest_reject ORDER BY id),
          ARRAY['invalid time: 2月30日 8:30: ' || grid.time_error('2月30日 8:30'),
                'invalid time: 2020/2/10 24:00: ' || grid.time_error('2020/2/10 24:00')],
          'rejects say why and name the accepted forms');
SELECT ok((SELECT bool_and(reason LIKE '%; accepted forms: 2026-12-07[T ]08:30[:00][+08:00], %') FROM grid.ingest_reject),
          'every time reject names the forms');
-- grid.submit, the JSON path, goes through the same reading.
SELECT is((SELECT array_agg(outcome || ':' || coalesce(split_part(reason, ';', 1), '') ORDER BY index)
             FROM grid.submit('app', '[{"id_text": "420503199003071230", "reported_at": "2月9日 8:30", "temperature": 36.5},
                                      {"id_text": "420503199003071230", "reported_at": "2月9日 25:30", "temperature": 36.5}]')),
          ARRAY['stored:', 'rejected:invalid time: 2月9日 25:30: hour over 23'],
          'grid.submit reads a time without a year, and rejects an impossible hour with its reason');
SELECT is((SELECT count(*)::int FROM grid.health_report
            WHERE reported_at = grid.read_time('2月9日 8:30')), 1,
          'stored at the time read against its arrival');

-- -------------------------------------------------------------------- CSV

-- Plain (the default): RFC 4180, values as they are.
SELECT is(grid.csv_field(coalesce(to_jsonb(v), 'null')), want, 'plain field: ' || coalesce(v, 'null'))
  FROM (VALUES ('plain', 'plain'), ('a,b', '"a,b"'), ('say "hi"', '"say ""hi"""'), (E'two\nlines', E'"two\nlines"'),
               (E'cr\rhere', E'"cr\rhere"'), ('=SUM(A1)', '=SUM(A1)'), ('-1+2', '-1+2'), ('4205', '4205'),
               ('420503', '420503'), ('0717', '0717'), ('42050219800101010X', '42050219800101010X'), ('', ''),
               (NULL, '')) t(v, want);
-- Excel: every digit string as a formula, whatever its length.
SELECT is(grid.csv_field(to_jsonb(v), excel => true), want, 'Excel field: ' || v)
  FROM (VALUES ('4205', '"=""4205"""'), ('420503', '"=""420503"""'), ('0717', '"=""0717"""'),
               ('42050219800101010X', '"=""42050219800101010X"""'), ('=SUM(A1)', '''=SUM(A1)'),
               ('a,b', '"a,b"'), ('say "hi"', '"say ""hi"""')) t(v, want);

-- A resident whose address needs every kind of quoting, on the call list.
INSERT INTO grid.standard_address (id, division, road, number, full_text) VALUES
  (990001, '420503004001', '港窑路', '1', E'港窑路1号,"东门"\r\n二楼');
UPDATE grid.resident SET address_id = 990001 WHERE id = '420503199003071230';
SELECT is(substr(grid.report_csv('not_reported', '2020-02-01', '420503004001'), 1, 6),
          convert_to('日期', 'UTF8'), 'a plain file begins with its header, without a byte-order mark');
SELECT is(substr(grid.report_csv('not_reported', '2020-02-01', '420503004001', 'excel'), 1, 3),
          '\xefbbbf'::bytea, 'an Excel file begins with the byte-order mark');
SELECT throws_ok($$SELECT grid.report_csv('not_reported', '2020-02-01', format => 'xlsx')$$, '22023',
                 'unknown CSV format "xlsx"', 'another format is refused');

-- Python's csv module reads both back (run by the server: superuser).
CREATE FUNCTION pg_temp.python_csv(file bytea) RETURNS jsonb
    LANGUAGE plpgsql AS $$
DECLARE
    rows jsonb;
BEGIN
    CREATE TEMP TABLE python_out (line text) ON COMMIT DROP;
    EXECUTE format('COPY python_out FROM PROGRAM %L WITH (FORMAT csv, QUOTE %L, DELIMITER %L)',
                   'python3 -c ''import base64, csv, io, json, sys; '
                   'print(json.dumps(list(csv.reader(io.StringIO(base64.b64decode(sys.argv[1]).decode("utf-8-sig"), newline="")))))'' '
                   || translate(encode(file, 'base64'), E'\n', ''), E'\x01', E'\x02');
    SELECT line::jsonb INTO rows FROM python_out;
    DROP TABLE python_out;
    RETURN rows;
END $$;
SELECT is(jsonb_array_length(pg_temp.python_csv(grid.report_csv('not_reported', '2020-02-01', '420503004001'))),
          1 + (SELECT count(*)::int FROM grid.report_not_reported('2020-02-01', '420503004001')),
          'Python reads the plain call list back: a header and one row per resident');
SELECT is(pg_temp.python_csv(grid.report_csv('not_reported', '2020-02-01', '420503004001'))
            -> 1 ->> (array_position((SELECT columns FROM grid.report_catalog() WHERE report = 'not_reported'), 'address') - 1),
          E'港窑路1号,"东门"\r\n二楼', 'with the address exactly as stored: comma, quotes, CR and LF');
SELECT is(pg_temp.python_csv(grid.report_csv('not_reported', '2020-02-01', '420503004001', 'excel'))
            -> 1 ->> (array_position((SELECT columns FROM grid.report_catalog() WHERE report = 'not_reported'), 'address') - 1),
          E'港窑路1号,"东门"\r\n二楼', 'the Excel form quotes it alike');
-- (columns 2 and 4: division and parent; the row of residents in no cell
-- has no division code, the city none above it)
SELECT is((SELECT array_agg(DISTINCT c ~ '^[0-9]+$') FROM jsonb_array_elements(
             pg_temp.python_csv(grid.report_csv('temperature', '2020-02-10'))) WITH ORDINALITY e(r, n),
             unnest(ARRAY[r ->> 2, r ->> 4]) c WHERE n > 1 AND c <> ''),
          '{t}', 'plain: every division code as its digits, the city''s too');
SELECT is((SELECT array_agg(DISTINCT c ~ '^="[0-9]+"$') FROM jsonb_array_elements(
             pg_temp.python_csv(grid.report_csv('temperature', '2020-02-10', format => 'excel'))) WITH ORDINALITY e(r, n),
             unnest(ARRAY[r ->> 2, r ->> 4]) c WHERE n > 1 AND c <> ''),
          '{t}', 'Excel: every division code as ="...", the city''s (4205) too');
SELECT is(pg_temp.python_csv(grid.report_csv('temperature', '2020-02-10', format => 'excel')) -> 1 ->> 2, '="4205"',
          'the city row is written as the others are');

-- ------------------------------------------------------ one person's report
-- An SMS is one person's report: a message with two different ID numbers
-- or two names is rejected with its reason (whose reading would it be?),
-- and a degree mark followed by F is a Fahrenheit reading, never Celsius.
-- The rest of the batch is stored.
TRUNCATE grid.ingest_reject;
INSERT INTO grid.stage_sms (phone, sent_at, message, received_at) VALUES
  ('13800138000', '2020/2/13 8:30', '陈君 36.5', '2020-02-13 09:00+08'),
  ('13800138000', '2020/2/13 8:31', '420503199003071230 420503198512010028 36.5', '2020-02-13 09:00+08'),
  ('13800138000', '2020/2/13 8:32', '36.5 陈君 刘玲', '2020-02-13 09:00+08'),
  ('13800138000', '2020/2/13 8:33', '37度F', '2020-02-13 09:00+08'),
  ('13800138000', '2020/2/13 8:34', '37 ° F', '2020-02-13 09:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_sms()), (5::bigint, 1::bigint, 4::bigint),
          'sms: one message read, four rejected');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'message' LIKE '420503199003071230 %'),
          'unreadable message: several different resident ID numbers in one message',
          'two different ID numbers: rejected, not the first one''s reading');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'message' = '36.5 陈君 刘玲'),
          'unreadable message: several names in one message: 陈君 and 刘玲',
          'two names: rejected, not the first one''s reading');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'message' = '37度F'),
          'unreadable message: fahrenheit reading 37度F (expected degrees celsius)',
          '37度F: Fahrenheit, not 37 degrees Celsius');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'message' = '37 ° F'),
          'unreadable message: fahrenheit reading 37 度 F (expected degrees celsius)',
          '37 ° F: Fahrenheit too');
SELECT is((SELECT array_agg(temperature) FROM grid.health_report
            WHERE channel = 'sms' AND reported_at >= '2020-02-13 00:00+08' AND reported_at < '2020-02-14 00:00+08'), '{36.5}'::numeric[],
          'the one message read is stored');

-- ------------------------------------------------------------ coordinates
-- A point that is no place on Earth is refused (22003), never "in no
-- cell": NaN, infinity, out of range, and latitude first (Yichang is near
-- 111.3E 30.7N, so 30.7, 111.3 has a latitude of 111.3).
SELECT throws_ok($$SELECT grid.locate('NaN'::float8, 30.7)$$, '22003',
                 'coordinates out of range for longitude and latitude', 'locate: NaN longitude');
SELECT throws_ok($$SELECT grid.locate(111.3, 'NaN'::float8)$$, '22003',
                 'coordinates out of range for longitude and latitude', 'locate: NaN latitude');
SELECT throws_ok($$SELECT grid.locate('Infinity'::float8, 30.7)$$, '22003',
                 'coordinates out of range for longitude and latitude', 'locate: infinite longitude');
SELECT throws_ok($$SELECT grid.locate(30.7, 111.3)$$, '22003',
                 'coordinates out of range for longitude and latitude', 'locate: latitude first');
SELECT throws_ok($$SELECT grid.locate(200, 30.7)$$, '22003',
                 'coordinates out of range for longitude and latitude', 'locate: longitude over 180');
SELECT throws_ok($$SELECT grid.locate(ST_SetSRID(ST_MakePoint(30.7, 111.3), 4326))$$, '22003',
                 'coordinates out of range for longitude and latitude', 'locate: a point with its latitude first');
SELECT is(grid.locate(-180, -90), NULL, 'locate: a corner of the range is a place, in no cell');

-- ------------------------------------------------ app: numbers as typed
-- A temperature is read exactly as written: full-width digits and point
-- are certain, and so is white space around it of any kind (ideographic,
-- no-break, en space).  A decimal comma, Fahrenheit or a number with no
-- point are rejected with their reasons; nothing ends the batch.
SELECT is(grid.read_number(t), want, 'read_number: ' || t)
  FROM (VALUES ('３６．５', 36.5), ('３６.５', 36.5), (E'36.5\u3000', 36.5), (E'\u00a036.5', 36.5),
               (E'36.5\u2002', 36.5), (E' 36.50\t', 36.50)) v(t, want);
SELECT is(grid.read_number(t), NULL, 'read_number, no number: ' || t)
  FROM (VALUES ('36,5'), ('36.5.1'), ('NaN'), ('Infinity'), ('3.65e1'), ('36.5度'), (E'36\u30005')) v(t);
TRUNCATE grid.ingest_reject;
INSERT INTO grid.stage_app (id_text, reported_at, temperature, lon, lat, received_at) VALUES
  ('420503199003071230', '2020/2/14 8:30', '３６．５', NULL, NULL, '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:31', E'36.6\u3000', NULL, NULL, '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:32', E'36.7\u00a0', NULL, NULL, '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:33', '36,5', NULL, NULL, '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:34', '98.6', NULL, NULL, '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:35', '365', NULL, NULL, '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:36', '36.8', E'111.3\u2002', '30.7', '2020-02-14 09:00+08'),
  ('420503199003071230', '2020/2/14 8:37', '36.9', '30.7', '111.3', '2020-02-14 09:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_app()), (8::bigint, 3::bigint, 5::bigint),
          'app: three read, five rejected, the batch done');
SELECT is(ARRAY(SELECT temperature FROM grid.health_report
                 WHERE channel = 'app' AND reported_at >= '2020-02-14 00:00+08' AND reported_at < '2020-02-15 00:00+08' ORDER BY reported_at),
          '{36.5,36.6,36.7}'::numeric[], 'full-width digits and white space of any kind: read as written');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'temperature' = '36,5'),
          'unreadable temperature: 36,5', 'a decimal comma: rejected, not guessed');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'temperature' = '98.6'),
          'temperature out of range: 98.6 (expected 34.00 to 43.00)', '98.6: rejected, not converted from Fahrenheit');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'temperature' = '365'),
          'temperature out of range: 365 (expected 34.00 to 43.00)', '365: rejected, no point guessed');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'temperature' = '36.8'),
          'invalid coordinates', 'a longitude followed by an en space: a reject, not the end of the batch');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'temperature' = '36.9'),
          'invalid coordinates', 'latitude first (30.7, 111.3): rejected');

-- ------------------------------------------- a time after its arrival
-- A report cannot be measured long after it arrived: a month or a year
-- typed wrong (2020/3/10 for 2020/2/10) is rejected with its reason, not
-- stored on a day it does not belong to.  Up to a day after is a clock
-- that is off, as for a time without a year.
TRUNCATE grid.ingest_reject;
INSERT INTO grid.stage_sms (phone, sent_at, message, received_at) VALUES
  ('13800138000', '2020/2/15 8:30', '36.5', '2020-02-15 09:00+08'),
  ('13800138000', '2020/2/16 8:30', '36.6', '2020-02-15 09:00+08'),
  ('13800138000', '2020/3/15 8:30', '36.7', '2020-02-15 09:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_sms()), (3::bigint, 2::bigint, 1::bigint),
          'sms: a month after its arrival is rejected');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'sent_at' = '2020/3/15 8:30'),
          'time more than a day after its arrival: 2020/3/15 8:30', 'the reason names the time');
INSERT INTO grid.stage_app (id_text, reported_at, temperature, received_at) VALUES
  ('420503199003071230', '2021-02-15 08:40', '36.5', '2020-02-15 09:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_app()), (1::bigint, 0::bigint, 1::bigint),
          'app: a year after its arrival is rejected');

-- ---------------------------------------------------- unwell, unnamed
-- "不舒服" (unwell) names no symptom of the list, but is not nothing: the
-- report carries {unspecified}, as a voice call's "symptoms: yes" does.
INSERT INTO grid.stage_sms (phone, sent_at, message, received_at) VALUES
  ('13800138000', '2020/2/16 9:30', '36.5 不舒服', '2020-02-16 10:00+08'),
  ('13800138000', '2020/2/16 9:31', '36.6 没有不舒服', '2020-02-16 10:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_sms()), (2::bigint, 2::bigint, 0::bigint),
          'sms: both read');
SELECT is(ARRAY(SELECT array_to_string(symptoms, ',') FROM grid.health_report
                 WHERE channel = 'sms' AND reported_at >= '2020-02-16 09:30+08' AND reported_at < '2020-02-16 09:32+08'
                 ORDER BY reported_at),
          ARRAY['unspecified', ''], 'unwell is {unspecified}; not unwell is no symptom');

-- ------------------------------------------------- an ID and a name
-- A record that gives an ID number and a name that is not its resident's
-- (by sound: 陈军 for 陈君 is the same) names two people: rejected, not
-- stored as the ID's.
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001');
TRUNCATE grid.ingest_reject;
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at) VALUES
  ('王网格员', '420503199003071230', '刘玲', '36.5', '2020/2/17 8:30'),
  ('王网格员', '420503199003071230', '陈军', '36.6', '2020/2/17 8:31');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_proxy()), (2::bigint, 1::bigint, 1::bigint),
          'proxy: an ID with another person''s name is rejected; with its own name (by sound) read');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'name' = '刘玲'),
          'name does not match the resident of the ID: 刘玲', 'the reason names the name');
INSERT INTO grid.stage_sms (phone, sent_at, message, received_at) VALUES
  ('13900139000', '2020/2/17 8:32', '420503199003071230 刘玲 36.6', '2020-02-17 09:00+08');
SELECT is((SELECT (received, accepted, rejected) FROM grid.ingest_sms()), (1::bigint, 0::bigint, 1::bigint),
          'sms: an ID with another person''s name is rejected');
