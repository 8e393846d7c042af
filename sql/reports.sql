-- Daily reports on a small fixture with hand-computed figures (see the
-- fixture's header), the CSV bytes and the archive (the command map: sql/map.sql).
SET client_min_messages = warning;
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;
SET TimeZone = 'Asia/Shanghai';
SET search_path = public, grid;
BEGIN;
\set SHOW_CONTEXT never
\set ECHO none
\i test/pgtap/reports_fixture.inc
\set ECHO all

-- Temperature monitoring, every level.  Hand-computed: A1 3 residents
-- (r11 moved out is not counted), 2 reported, fever 1, app 1 sms 1 proxy 1;
-- A2 2/1 voice 1; r06 without a cell 1/1 (00:00 is the day's first
-- minute); 王家河社区 6/4; 白沙脑社区 2/1 fever 1 app 1 checkpoint 1;
-- 伍家岗街道 8/5 fever 2; 中书街社区 2/1 (r10's 23:30 the day before does
-- not count); 宜昌市 10/6 fever 2.
SELECT level, division, name, parent, residents, reported, not_reported, fever,
       app, sms, voice, proxy, checkpoint, report_rate
  FROM grid.report_temperature('2020-02-10');

-- A resident's cell counts only when it is a grid code under the resident's
-- own village; anything else is 未划入网格.
SELECT c AS cell, grid.report_cell(c, '420503004001') AS under_420503004001
  FROM (VALUES ('420503004001001'), ('420503004002001'), ('420503004001000'), ('42050300400100X'),
               ('４２０５０３００４００１００１'), ('420503004001'), (''), (NULL)) t(c);

-- Every level's figures are the sum of its children's (no row printed).
SELECT p.level, p.division, p.residents, sum(c.residents) AS children
  FROM grid.report_temperature('2020-02-10') p
  JOIN grid.report_temperature('2020-02-10') c ON c.parent OPERATOR(grid.=) p.division
 GROUP BY p.level, p.division, p.residents, p.reported, p.not_reported, p.fever, p.app, p.sms, p.voice, p.proxy, p.checkpoint
HAVING (p.residents, p.reported, p.not_reported, p.fever, p.app, p.sms, p.voice, p.proxy, p.checkpoint)
    <> (sum(c.residents), sum(c.reported), sum(c.not_reported), sum(c.fever), sum(c.app), sum(c.sms),
        sum(c.voice), sum(c.proxy), sum(c.checkpoint));
-- ... and every row but the city's has its parent in the report.
SELECT c.level, c.division FROM grid.report_temperature('2020-02-10') c
 WHERE c.level <> 'city'
   AND NOT EXISTS (SELECT FROM grid.report_temperature('2020-02-10') p WHERE p.division OPERATOR(grid.=) c.parent);
-- reported + not reported = residents on every row.
SELECT count(*) AS rows, count(*) FILTER (WHERE reported + not_reported = residents) AS adding_up
  FROM grid.report_temperature('2020-02-10');

-- The day is a day in China whatever the session's TimeZone: the report
-- under UTC is the same, row for row.
CREATE TEMP TABLE china AS SELECT * FROM grid.report_temperature('2020-02-10');
SET LOCAL TimeZone = 'UTC';
SELECT (SELECT count(*) FROM grid.report_temperature('2020-02-10')) AS utc_rows,
       (SELECT count(*) FROM (SELECT * FROM grid.report_temperature('2020-02-10') EXCEPT SELECT * FROM china) x) AS differing;
SET LOCAL TimeZone = 'Asia/Shanghai';
-- Another day: 2020-02-11 only r05 reported (00:10).
SELECT level, division, residents, reported, fever FROM grid.report_temperature('2020-02-11') WHERE level IN ('city', 'grid');

-- One township; one grid cell (its parents show the cell's figures only).
SELECT level, division, residents, reported, not_reported, fever
  FROM grid.report_temperature('2020-02-10', '420503004');
SELECT level, division, residents, reported, not_reported, fever
  FROM grid.report_temperature('2020-02-10', '420503004001002');

-- The call list: r03, r05 (address with a newline), r08 (robot: no
-- answer), r10 (last report the day before).  As a superuser, IDs and phones
-- show in full.
SELECT division, cell, worker, resident, name, phone, household_id, address, last_report, robot_call
  FROM grid.report_not_reported('2020-02-10');
SELECT name FROM grid.report_not_reported('2020-02-10', '420503004001001');
-- A grid's list (index look-ups) and a larger one (hash joins) give the
-- same answers.  The last report is that of the 7 days before (张三's of
-- 02-01 is too old for the 10th, not for the 5th).
SELECT name, last_report, robot_call FROM grid.report_not_reported('2020-02-10', '420502002021001');
SELECT name, last_report, robot_call FROM grid.report_not_reported('2020-02-10', '420503004002');
SAVEPOINT call_list_window;
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'app', '2020-02-01 08:00+08', '2020-02-01 08:00+08', 36.5, false,
        '420503004001', 'id');
SELECT day, name, last_report FROM grid.report_not_reported('2020-02-10', '420503004001') WHERE name = '张三';
SELECT day, name, last_report FROM grid.report_not_reported('2020-02-10', '4205') WHERE name = '张三';
SELECT day, name, last_report FROM grid.report_not_reported('2020-02-05', '420503004001001') WHERE name = '张三';
SELECT day, name, last_report FROM grid.report_not_reported('2020-02-05', '4205') WHERE name = '张三';
ROLLBACK TO SAVEPOINT call_list_window;
-- Of several, the last: 张三's reports of 02-04 and 02-08 give 02-08; 周八's
-- robot calls at 12:00 (no answer), 18:00 (refused) and 09:00 the day after
-- (no answer) give 拒绝; on the grid's list and on the city's.
SAVEPOINT call_list_last;
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
SELECT pg_temp.rid('42050319800101003'), 'app', t, t, 36.5, false, '420503004001', 'id'
  FROM (VALUES (timestamptz '2020-02-04 08:00+08'), ('2020-02-08 08:00+08')) v(t);
INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone)
SELECT pg_temp.rid('42050319800101008'), t, t, o, '420503004002', '13900000008'
  FROM (VALUES (timestamptz '2020-02-10 18:00+08', 'refused'), ('2020-02-11 09:00+08', 'no_answer')) v(t, o);
SELECT name, last_report, robot_call FROM grid.report_not_reported('2020-02-10', '420503004001001') WHERE name = '张三';
SELECT name, last_report, robot_call FROM grid.report_not_reported('2020-02-10', '420503004002001') WHERE name = '周八';
SELECT name, last_report, robot_call FROM grid.report_not_reported('2020-02-10', '4205') WHERE name IN ('张三', '周八');
-- The same with hash joins, as a city's list runs (the fixture is small
-- enough for index look-ups everywhere).
SET LOCAL enable_nestloop = off;
SET LOCAL enable_mergejoin = off;
SELECT name, last_report, robot_call FROM grid.report_not_reported('2020-02-10', '4205') WHERE name IN ('张三', '周八');
ROLLBACK TO SAVEPOINT call_list_last;

-- Key persons: r09 released today, r02 new today, r07 five days left with
-- the checkpoint's 37.0 at 15:00 as latest.  r10 (closed 02-05) and r04
-- (from 02-11) are not on it.
SELECT division, name, category, since, period_end, days_left, latest_temperature, latest_channel,
       latest_at, new_today, released_today
  FROM grid.report_key_persons('2020-02-10');
SELECT division, category, under_observation, new_today, released_today
  FROM grid.report_key_person_counts('2020-02-10');
-- The day after: r09 gone, r04 new, r02 13 days left.
SELECT name, days_left, new_today FROM grid.report_key_persons('2020-02-11');

-- CSV: the byte-order mark, then the header, CRLF line ends.
SELECT encode(substr(grid.report_csv('key_person_counts', '2020-02-10', format => 'excel'), 1, 3), 'hex') AS bom;
SELECT convert_from(substr(grid.report_csv('key_person_counts', '2020-02-10', format => 'excel'), 4), 'UTF8') AS csv;
-- The exact bytes of a whole file: 白沙脑社区's counts on 02-11, BOM
-- (efbbbf), header, one row (2020-02-11,"=""420503004002""",白沙脑社区,
-- 密切接触者,1,0,0), CRLF (0d0a) after each.
SELECT encode(grid.report_csv('key_person_counts', '2020-02-11', '420503004002', 'excel'), 'hex') AS hex;
-- Escaping: a comma and quotes (r03's address), a newline (r05's), codes
-- and phone numbers kept as text for Excel (="..."), in the Excel form.
SELECT replace(convert_from(substr(grid.report_csv('not_reported', '2020-02-10', format => 'excel'), 4), 'UTF8'), E'\r', '\r') AS csv;
SELECT grid.csv_field(to_jsonb(v), excel => true) AS field, v
  FROM (VALUES ('plain'), ('a,b'), ('say "hi"'), (E'two\nlines'), (E'cr\rhere'), ('=SUM(A1)'), ('-1+2'), ('@x'),
               ('0717'), ('13800138000'), ('420503'), ('4205'), ('42050219800101010X'), ('420503********0034'),
               (''), (NULL)) t(v);
SELECT grid.csv_field(v, excel => true) AS field
  FROM (VALUES ('true'::jsonb), ('false'), ('36.5'), ('12'), ('null'), ('"2020-02-10T07:30:00+00:00"')) t(v);
-- Every report of the catalog exports, with as many headers as columns,
-- and one CRLF-ended line per row plus the header.
SELECT c.report, array_length(c.columns, 1) = array_length(c.headers, 1) AS columns_match,
       (SELECT count(*) FROM regexp_matches(convert_from(grid.report_csv(c.report, '2020-02-10'), 'UTF8'), E'\r\n', 'g')) - 1
         = (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s(''2020-02-10'')', c.function),
                                                false, true, '')))[1]::text::bigint AS one_line_per_row
  FROM grid.report_catalog() c ORDER BY 1;
SAVEPOINT e;
SELECT grid.report_csv('no_such_report', '2020-02-10');
ROLLBACK TO SAVEPOINT e;

-- Returnees (observation 14 days).  Hand-computed: 王家河社区 q1 new from
-- the epicentre, q2 ends today (01-27 + 14): new 1, under observation 2,
-- ending 1, total 2; 白沙脑社区 q3 from 广州: 0/0/1/0/1; q6, registered at
-- 伍家岗街道 only, is a 未落实到村 row under it; 中书街社区 q4 (done):
-- total 1; q5 arrives tomorrow.  宜昌市: 2/2/4/1/5.
SELECT level, division, name, parent, new_today, new_from_epicentre, under_observation, ending_today, total
  FROM grid.report_returnees('2020-02-10');
-- Screening up to the day: 王家河社区 r01 r02 r04 r06 (households 801,
-- 802), 2 returnees from Wuhan, 1 of them by car (鄂A12345); 白沙脑社区 r07;
-- 中书街社区 r09, r10 and q4.  宜昌市: 2 households, 7 people, 4, 1.
-- In transit: 白沙脑社区's r12, away (so in no other figure): 1 up to the
-- city.
SELECT level, division, name, households, persons, returnees_from_epicentre, vehicles_from_epicentre, in_transit
  FROM grid.report_screening('2020-02-10');
-- Both roll-ups: every level is the sum of its children (no row printed).
SELECT 'returnees' AS report, p.division
  FROM grid.report_returnees('2020-02-10') p
  JOIN grid.report_returnees('2020-02-10') c ON c.parent OPERATOR(grid.=) p.division
 GROUP BY p.division, p.new_today, p.new_from_epicentre, p.under_observation, p.ending_today, p.total
HAVING (p.new_today, p.new_from_epicentre, p.under_observation, p.ending_today, p.total)
    <> (sum(c.new_today), sum(c.new_from_epicentre), sum(c.under_observation), sum(c.ending_today), sum(c.total))
UNION ALL
SELECT 'screening', p.division
  FROM grid.report_screening('2020-02-10') p
  JOIN grid.report_screening('2020-02-10') c ON c.parent OPERATOR(grid.=) p.division
 GROUP BY p.division, p.households, p.persons, p.returnees_from_epicentre, p.vehicles_from_epicentre, p.in_transit
HAVING (p.households, p.persons, p.returnees_from_epicentre, p.vehicles_from_epicentre, p.in_transit)
    <> (sum(c.households), sum(c.persons), sum(c.returnees_from_epicentre), sum(c.vehicles_from_epicentre),
        sum(c.in_transit));
-- Checkpoints: 王家河卡口 3 passages (2 in, 1 out), 3 people, 1 vehicle
-- from Wuhan, 1 fever (37.6), 2 without a pass, 1 turned back (the Wuhan
-- car); the day before's passage (turned back too) not counted; 中书街卡口
-- all zero.
SELECT checkpoint_id, checkpoint, division, passages, entering, leaving, people, vehicles,
       vehicles_from_epicentre, fevers, without_pass, turned_back
  FROM grid.report_checkpoints('2020-02-10');
-- Services at the end of the day: 买药 s1 (open since yesterday) and s6
-- (this evening); 送菜 s2 taken; 换煤气 s3 done; 中书街 s5 cancelled; s4
-- (done yesterday) left out.
SELECT division, kind, new_today, open, taken, done_today, cancelled_today, open_over_a_day
  FROM grid.report_services('2020-02-10');
-- The day before: s1 new and open, s4 done that day, nothing else yet.
SELECT division, kind, new_today, open, taken, done_today, open_over_a_day
  FROM grid.report_services('2020-02-09');
-- Teams of 伍家岗街道's first three villages: what each lacks.
SELECT division, village_name, doctor, police, grid_workers, checkpoints, cells, missing
  FROM grid.report_teams('2020-02-10', '420503004') LIMIT 3;

-- The archive: every report of the day but the call list, twice, replaces
-- (same rows).
-- (The team report lists every village of the registry lacking a part:
-- all but none here.)
CREATE TEMP TABLE first AS SELECT * FROM grid.archive_reports('2020-02-10');
SELECT * FROM first WHERE report <> 'teams';
SELECT rows = (SELECT count(*) FROM grid.division WHERE level = 'village') AS every_village
  FROM first WHERE report = 'teams';
CREATE TEMP TABLE second AS SELECT * FROM grid.archive_reports('2020-02-10');
SELECT (SELECT count(*) FROM (SELECT * FROM first EXCEPT SELECT * FROM second) x)
     + (SELECT count(*) FROM (SELECT * FROM second EXCEPT SELECT * FROM first) y) AS differing_counts;
SELECT report, count(*) = (SELECT rows FROM first f WHERE f.report = a.report) AS replaced, count(DISTINCT line) = count(*) AS lines_unique
  FROM grid.report_archive a GROUP BY report ORDER BY 1;
-- Archived figures are the report's.
SELECT data ->> 'residents' AS residents, data ->> 'reported' AS reported
  FROM grid.report_archive WHERE report = 'temperature' AND day = '2020-02-10' AND division = '4205';
-- A late report, and the village archived again: its rows are replaced (5
-- reported now), the others kept (the township keeps its earlier 5 until
-- it is archived itself).
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'proxy', '2020-02-10 20:00+08', '2020-02-10 20:00+08', 36.9, false,
        '420503004001', 'id');
SELECT * FROM grid.archive_reports('2020-02-10', '420503004001');
SELECT division, data ->> 'reported' AS reported FROM grid.report_archive
 WHERE report = 'temperature' AND day = '2020-02-10' AND data ->> 'level' IN ('village', 'township')
 ORDER BY division;
-- As many rows in all: the call list, which 张三 has left, is not archived
-- unless asked for.
SELECT count(*) - (SELECT sum(rows) FROM first) AS change_in_rows FROM grid.report_archive;
SELECT * FROM grid.archive_reports('2020-02-10', '420503004001', '{not_reported}');
SELECT count(*) - (SELECT sum(rows) FROM first) AS change_in_rows FROM grid.report_archive;
SELECT grid.archive_reports('2020-02-10', '420503004001', '{not_reported}') IS NOT NULL AS again;
SELECT count(*) AS call_list_rows FROM grid.report_archive WHERE report = 'not_reported';
SAVEPOINT e2;
SELECT * FROM grid.archive_reports('2020-02-10', NULL, '{temperature,no_such_report}');
ROLLBACK TO SAVEPOINT e2;
SAVEPOINT e;
SELECT grid.schedule_reports();
ROLLBACK TO SAVEPOINT e;

-- grid.health_day agrees with the reports it sums, whatever is done to them:
-- rows that differ from a recount, both ways.
CREATE FUNCTION pg_temp.health_day_differences() RETURNS bigint LANGUAGE sql AS $$
WITH recount AS (
    SELECT grid.report_day(h.reported_at) AS day, h.resident_id, h.division,
           count(*)::integer AS reports, bool_or(h.fever) AS fever,
           bit_or(grid.channel_bit(h.channel)) AS channels, max(h.reported_at) AS last_at,
           (array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1] AS place
      FROM grid.health_report h GROUP BY 1, 2, 3)
SELECT (SELECT count(*) FROM (SELECT * FROM grid.health_day EXCEPT SELECT * FROM recount) x)
     + (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM grid.health_day) y)
$$;
SELECT count(*) AS days, sum(reports) AS reports, pg_temp.health_day_differences() AS differences FROM grid.health_day;
-- 张三's late report of the 10th, by his grid worker (proxy, bit 8).
SELECT day, reports, fever, channels, grid.report_day(last_at) AS last_day FROM grid.health_day
 WHERE resident_id = pg_temp.rid('42050319800101003') ORDER BY day;
-- A report moved to another day, one made a fever, one deleted: recounted.
UPDATE grid.health_report SET reported_at = reported_at - interval '1 day',
                              report_minute = report_minute - interval '1 day'
 WHERE resident_id = pg_temp.rid('42050319800101003') AND channel = 'proxy';
UPDATE grid.health_report SET temperature = 37.6, fever = true WHERE resident_id = pg_temp.rid('42050319800101005');
DELETE FROM grid.health_report WHERE resident_id = pg_temp.rid('42050319800101001');
SELECT count(*) AS days, sum(reports) AS reports, pg_temp.health_day_differences() AS differences FROM grid.health_day;
SELECT day, reports, channels FROM grid.health_day
 WHERE resident_id = pg_temp.rid('42050319800101003') ORDER BY day;
-- Rebuilt from scratch, the same; emptied with the reports.
SELECT grid.rebuild_health_day() AS rebuilt, pg_temp.health_day_differences() AS differences;
TRUNCATE grid.health_report;
SELECT count(*) AS days_left FROM grid.health_day;
ROLLBACK;
