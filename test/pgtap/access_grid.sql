-- pgTAP: a role scoped to one grid cell (15 digits) sees exactly the
-- residents of its cell and their reports, days, key persons, unreached
-- calls and service requests; writes for them only; gets its cell's call
-- list and temperature report right.  Villages and everything above see
-- what they saw before.  A resident moving to another cell takes their
-- rows along.  Every role holds every table privilege on schema grid.
BEGIN;
\ir access_fixture.inc
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(85);

-- The residents by name, as psql variables (the roles below cannot call
-- pg_temp.rid).
SELECT pg_temp.rid('42050319800101001') AS r01, pg_temp.rid('42050319800101002') AS r02,
       pg_temp.rid('42050319800101003') AS r03, pg_temp.rid('42050319800101004') AS r04,
       pg_temp.rid('42050319800101006') AS r06, pg_temp.rid('42050319800101011') AS r11 \gset

-- 张三 (r03, cell A1) refused the voice robot on the day: stored without a
-- place, which the registry gives it.
INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone)
VALUES (:'r03', '2020-02-10 12:30+08', '2020-02-10 12:30+08', 'refused', '420503004001', '13900000003');

-- One grid worker per cell of 王家河社区 (A1 and A2), and one covering both.
CREATE ROLE tap_grid LOGIN;
CREATE ROLE tap_grid2 LOGIN;
CREATE ROLE tap_cells LOGIN;
GRANT ALL ON ALL TABLES IN SCHEMA grid
   TO tap_grid, tap_grid2, tap_cells, tap_village, tap_township, tap_county, tap_city, tap_admin;
DO $$ BEGIN
    PERFORM grid.grant_scope('tap_grid', '420503004001001');
    PERFORM grid.grant_scope('tap_grid2', '420503004001002');
    PERFORM grid.grant_scope('tap_cells', '420503004001001');
    PERFORM grid.grant_scope('tap_cells', '420503004001002');
END $$;

-- What a role sees of each table of people and their events, as
-- "table:rows" (run as the role).
CREATE FUNCTION pg_temp.seen() RETURNS text[] LANGUAGE sql AS $$
    SELECT ARRAY[
        'resident:' || (SELECT count(*) FROM grid.resident),
        'health_report:' || (SELECT count(*) FROM grid.health_report),
        'health_day:' || (SELECT count(*) FROM grid.health_day),
        'key_person:' || (SELECT count(*) FROM grid.key_person),
        'unreached:' || (SELECT count(*) FROM grid.unreached),
        'service_request:' || (SELECT count(*) FROM grid.service_request)]
$$;
-- ... and what a scope covered before places: rows whose division lies in
-- it (run as the superuser).
CREATE FUNCTION pg_temp.by_division(s grid.division_code) RETURNS text[] LANGUAGE sql AS $$
    SELECT ARRAY[
        'resident:' || (SELECT count(*) FROM grid.resident WHERE division <@ s),
        'health_report:' || (SELECT count(*) FROM grid.health_report WHERE division <@ s),
        'health_day:' || (SELECT count(*) FROM grid.health_day WHERE division <@ s),
        'key_person:' || (SELECT count(*) FROM grid.key_person WHERE division <@ s),
        'unreached:' || (SELECT count(*) FROM grid.unreached WHERE division <@ s),
        'service_request:' || (SELECT count(*) FROM grid.service_request WHERE division <@ s)]
$$;
-- The EXPLAIN (COSTS OFF) of a query as one text (run as the role).
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(l, E'\n') FROM public.t_explain('EXPLAIN (COSTS OFF) ' || q) l
$$;
GRANT EXECUTE ON FUNCTION pg_temp.seen(), pg_temp.plan_of(text) TO PUBLIC;

-- ------------------------------------------------------------ what it sees

SET SESSION AUTHORIZATION tap_grid;
SELECT is((SELECT array_agg(name ORDER BY id) FROM grid.resident), ARRAY['张一', '张二', '张三', '冯迁'],
          'grid: exactly the residents of its cell (moved out included)');
SELECT is((SELECT count(*) FROM grid.resident WHERE id IN (:'r04', :'r06')), 0::bigint,
          'grid: neither the next cell''s residents nor those of its village without a cell');
SELECT is((SELECT array_agg(channel ORDER BY channel) FROM grid.health_report), ARRAY['app', 'proxy', 'sms'],
          'grid: its residents'' three reports');
SELECT is((SELECT count(*) FROM grid.health_day), 2::bigint, 'grid: their two days of reports');
SELECT is((SELECT array_agg(category) FROM grid.key_person), ARRAY['fever_unexcluded'], 'grid: its key person');
SELECT is((SELECT array_agg(outcome) FROM grid.unreached), ARRAY['refused'], 'grid: its unreached call');
SELECT is((SELECT array_agg(id ORDER BY id) FROM grid.service_request), ARRAY[601, 602, 606]::bigint[],
          'grid: its residents'' service requests');

-- Its reports.
SELECT is((SELECT array_agg(level || ' ' || coalesce(division::text, '-') || ' ' || residents || '/' || reported || '/' || fever
                            ORDER BY level)
             FROM grid.report_temperature('2020-02-10') WHERE level IN ('grid', 'village', 'city')),
          ARRAY['city 4205 3/2/1', 'grid 420503004001001 3/2/1', 'village 420503004001 3/2/1'],
          'grid: the temperature report counts its cell, and nothing is 未划入网格');
SELECT is((SELECT array_agg(name || ' ' || phone || ' ' || resident || ' ' || robot_call)
             FROM grid.report_not_reported('2020-02-10')),
          ARRAY['张三 13900000003 ' || :'r03' || ' 拒绝'],
          'grid: its call list is 张三 alone, in full, with the robot''s refusal');
SELECT is((SELECT array_agg(name) FROM grid.report_not_reported('2020-02-10', '420503004001001')), ARRAY['张三'],
          'grid: the same list asked for by its cell');
SELECT is((SELECT array_agg(name || ' ' || resident) FROM grid.report_key_persons('2020-02-10')),
          ARRAY['张二 ' || :'r02'], 'grid: its key person, ID in full');
SELECT is((SELECT array_agg(kind || ' ' || new_today || '/' || open || '/' || taken ORDER BY kind)
             FROM grid.report_services('2020-02-10')),
          ARRAY['买药 1/2/0', '送菜 1/0/1'], 'grid: its service requests');
SELECT is((SELECT households || '/' || persons FROM grid.report_screening('2020-02-10') WHERE level = 'city'), '2/2',
          'grid: screening counts its cell');
SELECT is((SELECT array_agg(level) FROM grid.my_scope()), ARRAY['grid'], 'grid: my_scope says grid');

-- The policies reach an index through the place, for the registry and
-- every table of events (the fixture is small: sequential scans off).
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM grid.resident')
          ~ '(using|on) resident_place_idx( on resident)?\s+Index Cond: \(\(place >= \$0\) AND \(place <= \$1\) AND \(place <= \$2\)\)',
          'grid: residents through the place index, the scope as its range');
SELECT ok(pg_temp.plan_of($$SELECT count(*) FROM grid.health_day WHERE day = '2020-02-10'$$)
          ~ '(using|on) health_day_day_idx( on health_day)?\s+Index Cond: \(\(day = ''2020-02-10''::date\) AND \(place >= \$0\) AND \(place <= \$1\)',
          'grid: a day''s days through (day, place)');
SELECT ok(pg_temp.plan_of($$SELECT count(*) FROM grid.health_report WHERE reported_at >= '2020-02-10 00:00+08'$$)
          ~ '(using|on) health_report_place_idx( on health_report)?\s+Index Cond: \(\(place >= \$0\) AND \(place <= \$1\)',
          'grid: reports through (place, reported_at)');
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM grid.key_person')
          ~ '(using|on) key_person_place_all_idx( on key_person)?\s+Index Cond: \(\(place >= \$0\) AND \(place <= \$1\)',
          'grid: key persons through the place index');
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM grid.unreached')
          ~ '(using|on) unreached_place_idx( on unreached)?\s+Index Cond: \(\(place >= \$0\) AND \(place <= \$1\)',
          'grid: unreached calls through the place index');
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM grid.service_request')
          ~ '(using|on) service_request_place_idx( on service_request)?\s+Index Cond: \(\(place >= \$0\) AND \(place <= \$1\)',
          'grid: service requests through the place index');
-- The look-ups' blocking keys stay index conditions under the policies:
-- they are LEAKPROOF (grid.id_prefix; an array element compared with =).
SELECT ok(pg_temp.plan_of($$SELECT id FROM grid.resident x WHERE grid.id_prefix(x.id) = '42050319800101'$$)
          ~ 'Index Cond: \(id_prefix\(id\) = ',
          'grid: the ID-prefix blocking key is an index condition under row-level security');
SELECT ok(pg_temp.plan_of($$SELECT id FROM grid.resident x WHERE x.phones[2] = '13900000003'$$)
          ~ '(Index|Recheck) Cond: \(phones\[2\] = ',
          'grid: so is the second phone number');
SET LOCAL enable_seqscan = on;

-- ------------------------------------------------------------ what it writes

-- A report for 张三, its resident: the registry gives its place.
SELECT lives_ok(format($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature,
                                                        fever, division, link_method)
                        VALUES (%L, 'proxy', '2020-02-10 18:00+08', '2020-02-10 18:00+08', 36.6, false,
                                '420503004001', 'id')$$, :'r03'),
                'grid: writes a report for a resident of its cell');
SELECT ok(EXISTS (SELECT FROM pg_locks l
                   WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.mode = 'ShareLock'
                     AND ARRAY[l.classid::int, l.objid::int] = grid.place_lock_key() AND l.objsubid = 2),
          'grid: ... holding the place lock shared until it commits');
SELECT is((SELECT count(*) FROM grid.report_not_reported('2020-02-10')), 0::bigint,
          'grid: ... and its call list is empty');
SELECT is((SELECT residents || '/' || reported FROM grid.report_temperature('2020-02-10') WHERE level = 'grid'), '3/3',
          'grid: ... and its cell has reported in full');
SELECT is((SELECT reports FROM grid.health_day WHERE resident_id = :'r03'), 1, 'grid: ... and sees 张三''s day');
SELECT throws_ok(format($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature,
                                                         fever, division, link_method)
                         VALUES (%L, 'proxy', '2020-02-10 18:00+08', '2020-02-10 18:00+08', 36.6, false,
                                 '420503004001', 'id')$$, :'r04'),
                 '42501', NULL, 'grid: a report for the next cell''s resident is refused');
SELECT throws_ok(format($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature,
                                                         fever, division, link_method)
                         VALUES (%L, 'proxy', '2020-02-10 18:00+08', '2020-02-10 18:00+08', 36.6, false,
                                 '420503004001', 'id')$$, :'r06'),
                 '42501', NULL, 'grid: a report for a resident of the village without a cell is refused');
SELECT throws_ok(format($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature,
                                                         fever, division, place, link_method)
                         VALUES (%L, 'sms', '2020-02-10 18:00+08', '2020-02-10 18:00+08', 36.6, false,
                                 '420503004001', '420503004001002', 'id')$$, :'r03'),
                 '42501', NULL, 'grid: its resident''s report cannot be filed in another cell');
-- A row about someone else filed in its own cell: refused, the same way
-- for a resident of the next cell and for no resident at all, and
-- 李四's day is left as it was.
SELECT throws_ok(format($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature,
                                                         fever, division, place, link_method)
                         VALUES (%L, 'proxy', '2020-02-10 18:00+08', '2020-02-10 18:00+08', 38.6, true,
                                 '420503004001', '420503004001001', 'id')$$, :'r04'),
                 '42501', 'new row violates row-level security policy "grid_resident" for table "health_report"',
                 'grid: a report for the next cell''s resident filed in its own cell is refused');
SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature,
                                                  fever, division, place, link_method)
                  VALUES ('110101199003070011', 'proxy', '2020-02-10 18:00+08', '2020-02-10 18:00+08', 38.6, true,
                          '420503004001', '420503004001001', 'id')$$,
                 '42501', 'new row violates row-level security policy "grid_resident" for table "health_report"',
                 'grid: ... as for someone not registered');
SELECT throws_ok(format($$UPDATE grid.health_report SET resident_id = %L WHERE resident_id = %L AND channel = 'app'$$,
                        :'r04', :'r01'),
                 '42501', 'new row violates row-level security policy "grid_resident" for table "health_report"',
                 'grid: nor can its report be turned into the next cell''s resident''s');
SELECT throws_ok(format($$INSERT INTO grid.key_person (resident_id, category, division, place, period_start)
                         VALUES (%L, 'suspected', '420503004001', '420503004001001', '2020-02-10')$$, :'r04'),
                 '42501', 'new row violates row-level security policy "grid_resident" for table "key_person"',
                 'grid: nor a key-person entry for the next cell''s resident');
SELECT throws_ok(format($$INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, place)
                         VALUES (%L, '2020-02-10 19:00+08', '2020-02-10 19:00+08', 'refused', '420503004001',
                                 '420503004001001')$$, :'r04'),
                 '42501', 'new row violates row-level security policy "grid_resident" for table "unreached"',
                 'grid: nor an unreached call');
SELECT throws_ok(format($$INSERT INTO grid.service_request (resident_id, kind, division, place)
                         VALUES (%L, 'gas', '420503004001', '420503004001001')$$, :'r04'),
                 '42501', 'new row violates row-level security policy "grid_resident" for table "service_request"',
                 'grid: nor a service request');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT reports || ' ' || fever || ' ' || place FROM grid.health_day WHERE resident_id = :'r04'),
          '1 false 420503004001002', 'grid: 李四''s day is untouched');
SET SESSION AUTHORIZATION tap_grid;
SELECT ok(grid.add_key_person(:'r03', 'close_contact', 'test', '2020-02-10') IS NOT NULL, 'grid: puts its resident on the key-person list');
SELECT ok(grid.request_service(:'r03', 'gas') IS NOT NULL, 'grid: asks for a service for its resident');
SELECT is((SELECT count(*) FROM grid.key_person WHERE resident_id = :'r03'), 1::bigint, 'grid: ... and sees the entry');
SELECT is((SELECT count(*) FROM grid.service_request WHERE resident_id = :'r03'), 1::bigint, 'grid: ... and the request');
SELECT throws_ok(format($$SELECT grid.add_key_person(%L, 'close_contact')$$, :'r04'), '23503', NULL,
                 'grid: the next cell''s resident is not one of its own');
-- Ingestion: its worker's proxy reports, one for 张二 (stored in the
-- cell), one naming the next cell's 李四 (not linked: queued for review in
-- the cell, which the worker links to its own 张三, never to 李四).
INSERT INTO grid.stage_proxy (worker, id_text, temperature, reported_at)
VALUES ('李网格', :'r02', '36.6', '2020-02-10 19:00'), ('李网格', :'r04', '36.7', '2020-02-10 19:00');
SELECT is((SELECT r.received || '/' || r.accepted || '/' || r.unlinked FROM grid.ingest_proxy('grid 1') r), '2/2/1',
          'grid: ingests its proxy reports: 2 received, 2 accepted, 1 for review');
SELECT is((SELECT place::text FROM grid.health_report WHERE resident_id = :'r02' AND reported_at = '2020-02-10 19:00+08'),
          '420503004001001', 'grid: 张二''s report is stored in the cell');
SELECT is((SELECT division::text FROM grid.report_review WHERE sender_key = :'r04'), '420503004001001',
          'grid: the other is in its review queue');
SELECT throws_ok(format($$SELECT grid.resolve_review(%L, 'proxy', '2020-02-10 19:00+08', %L)$$, :'r04', :'r04'),
                 '23503', NULL, 'grid: cannot link it to the next cell''s resident');
SELECT ok(grid.resolve_review(:'r04', 'proxy', '2020-02-10 19:00+08', :'r03'), 'grid: links it to its own resident');
SELECT throws_ok(format($$UPDATE grid.resident SET cell = '420503004001002' WHERE id = %L$$, :'r01'), '42501', NULL,
                 'grid: cannot move its resident to another cell');
SELECT throws_ok(format($$UPDATE grid.health_report SET place = '420503004001' WHERE resident_id = %L$$, :'r01'), '42501', NULL,
                 'grid: cannot move a report out of its cell');
SELECT is((SELECT count(*) FROM grid.health_report WHERE resident_id = :'r01'), 2::bigint, 'grid: the reports stay');
RESET SESSION AUTHORIZATION;

-- The next cell, and a worker of both.
SET SESSION AUTHORIZATION tap_grid2;
SELECT is((SELECT array_agg(name ORDER BY id) FROM grid.resident), ARRAY['李四', '王五'], 'grid 2: its two residents');
SELECT is(pg_temp.seen(), ARRAY['resident:2', 'health_report:2', 'health_day:2', 'key_person:1', 'unreached:0',
                                'service_request:1'], 'grid 2: its residents'' rows');
SELECT is((SELECT array_agg(name) FROM grid.report_not_reported('2020-02-10')), ARRAY['王五'], 'grid 2: its call list');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_cells;
SELECT is((SELECT count(*) FROM grid.resident), 6::bigint, 'two cells: the residents of both');
SELECT is((SELECT array_agg(name ORDER BY name) FROM grid.report_not_reported('2020-02-10')), ARRAY['王五'],
          'two cells: the call list of both');
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM grid.resident') ~ 'place <@ ANY', 'two cells: the per-row test is on the place');
RESET SESSION AUTHORIZATION;

-- ------------------------------------------------------- the levels above

-- Every level sees the rows whose division it covers, as before places
-- (张三's new report, key person and request included).
CREATE TEMP TABLE now_by_division AS
SELECT s.role, pg_temp.by_division(s.code::grid.division_code) AS seen
  FROM (VALUES ('tap_city', '4205'), ('tap_county', '420503'), ('tap_township', '420503004'),
               ('tap_village', '420503004001')) s(role, code);
GRANT SELECT ON now_by_division TO PUBLIC;
SET SESSION AUTHORIZATION tap_city;
SELECT is(pg_temp.seen(), (SELECT seen FROM now_by_division WHERE role = 'tap_city'), 'city: the rows of its division');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_county;
SELECT is(pg_temp.seen(), (SELECT seen FROM now_by_division WHERE role = 'tap_county'), 'county: the rows of its division');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_township;
SELECT is(pg_temp.seen(), (SELECT seen FROM now_by_division WHERE role = 'tap_township'), 'township: the rows of its division');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_village;
SELECT is(pg_temp.seen(), (SELECT seen FROM now_by_division WHERE role = 'tap_village'), 'village: the rows of its division');
SELECT is(pg_temp.seen(), ARRAY['resident:7', 'health_report:9', 'health_day:6', 'key_person:3', 'unreached:1',
                                'service_request:5'], 'village: all of it, the residents without a cell included');
SELECT is((SELECT array_agg(name ORDER BY name) FROM grid.report_not_reported('2020-02-10')), ARRAY['王五'],
          'village: its call list');
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM grid.resident') ~ 'Index Cond: \(\(place >= \$0\) AND \(place <= \$1\)',
          'village: the scope is still an index range');
SET LOCAL enable_seqscan = on;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_admin;
SELECT is(pg_temp.seen(), ARRAY['resident:12', 'health_report:13', 'health_day:9', 'key_person:6', 'unreached:2',
                                'service_request:7'], 'administrator: everything');
RESET SESSION AUTHORIZATION;

-- ------------------------------------------------------------- moving

-- The village moves 张三 from A1 to A2: his rows go with him.
SET SESSION AUTHORIZATION tap_village;
SELECT lives_ok(format($$UPDATE grid.resident SET cell = '420503004001002' WHERE id = %L$$, :'r03'),
                'village: moves 张三 to the next cell');
-- ... and gives 赵六, who had no cell, A2.
SELECT lives_ok(format($$UPDATE grid.resident SET cell = '420503004001002' WHERE id = %L$$, :'r06'),
                'village: puts 赵六 in a cell');
SELECT ok(EXISTS (SELECT FROM pg_locks l
                   WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.mode = 'ExclusiveLock'
                     AND ARRAY[l.classid::int, l.objid::int] = grid.place_lock_key() AND l.objsubid = 2),
          'village: moving takes the place lock exclusively (writers that read the old places commit first)');
SELECT is(pg_temp.seen(), ARRAY['resident:7', 'health_report:9', 'health_day:6', 'key_person:3', 'unreached:1',
                                'service_request:5'], 'village: sees the same rows after the moves');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_grid;
SELECT is((SELECT array_agg(name ORDER BY id) FROM grid.resident), ARRAY['张一', '张二', '冯迁'], 'grid: 张三 has left');
SELECT is(pg_temp.seen(), ARRAY['resident:3', 'health_report:4', 'health_day:2', 'key_person:1', 'unreached:0',
                                'service_request:3'], 'grid: and his rows with him');
SELECT is((SELECT residents || '/' || reported FROM grid.report_temperature('2020-02-10') WHERE level = 'grid'), '2/2',
          'grid: its temperature report without him');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_grid2;
SELECT is((SELECT array_agg(name ORDER BY id) FROM grid.resident), ARRAY['张三', '李四', '王五', '赵六'],
          'grid 2: 张三 and 赵六 have come');
SELECT is(pg_temp.seen(), ARRAY['resident:4', 'health_report:5', 'health_day:4', 'key_person:2', 'unreached:1',
                                'service_request:2'], 'grid 2: with their rows');
SELECT is((SELECT residents || '/' || reported FROM grid.report_temperature('2020-02-10') WHERE level = 'grid'), '4/3',
          'grid 2: its temperature report counts their reports');
SELECT is((SELECT array_agg(name) FROM grid.report_not_reported('2020-02-10')), ARRAY['王五'],
          'grid 2: neither is on its call list: their reports came along');
SELECT is((SELECT array_agg(name) FROM grid.report_key_persons('2020-02-10')), ARRAY['张三'],
          'grid 2: 张三''s key-person entry came along');
RESET SESSION AUTHORIZATION;

-- Moving to another village leaves the rows with the village they were
-- filed under (as before places): 张一 to 白沙脑社区's cell.
SELECT grid.add_key_person(:'r01', 'close_contact', 'contact of a case', '2020-02-10') AS r01_entry \gset
UPDATE grid.resident SET division = '420503004002', cell = '420503004002001' WHERE id = :'r01';
SELECT is((SELECT array_agg(DISTINCT place::text) FROM grid.health_report WHERE resident_id = :'r01'),
          ARRAY['420503004001001'], 'another village: the old reports keep their place');
SELECT is((SELECT division::text || '/' || place::text FROM grid.key_person WHERE id = :r01_entry),
          '420503004002/420503004002001', 'another village: an open key-person entry follows the resident');
SELECT grid.close_key_person(:'r01', :r01_entry);
UPDATE grid.resident SET division = '420503004001', cell = '420503004001001' WHERE id = :'r01';

-- Every place lies in its row's division, and the days agree with their
-- reports.
SELECT is((SELECT count(*) FROM (
               SELECT place, division FROM grid.resident UNION ALL SELECT place, division FROM grid.health_report
               UNION ALL SELECT place, division FROM grid.health_day UNION ALL SELECT place, division FROM grid.key_person
               UNION ALL SELECT place, division FROM grid.unreached UNION ALL SELECT place, division FROM grid.service_request) x
            WHERE place IS NULL OR NOT place <@ division), 0::bigint, 'every place lies in its division');
SELECT is((SELECT count(*) FROM grid.health_day d
            WHERE d.place IS DISTINCT FROM (SELECT h.place FROM grid.health_report h
                                             WHERE h.resident_id = d.resident_id
                                               AND grid.report_day(h.reported_at) = d.day
                                             ORDER BY h.reported_at DESC, h.place DESC LIMIT 1)), 0::bigint,
          'every day''s place is that of its latest report');
SELECT is((SELECT count(*) FROM grid.resident r JOIN grid.health_report h ON h.resident_id = r.id
            WHERE h.division = r.division AND h.place <> r.place), 0::bigint,
          'every report filed under its resident''s village has the resident''s place');

-- ------------------------------------------------------- enable_access

SELECT is((SELECT array_agg(DISTINCT c.relname ORDER BY c.relname)
             FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
            WHERE p.polname = 'grid_scope_select' AND pg_get_expr(p.polqual, p.polrelid) ~ '^\(\(place '),
          ARRAY['cell_day', 'cell_fact', 'health_day', 'health_report', 'key_person', 'key_person_day', 'key_person_reading',
                'key_person_resident', 'resident', 'service_day',
                'service_request', 'unreached', 'village_day']::name[],
          'enable_access: the six tables of residents and their events, and the facts that count them, are protected by place');
SELECT ok((SELECT bool_and(pg_get_expr(p.polqual, p.polrelid) ~ '^\(\(division ')
             FROM pg_policy p
            WHERE p.polname = 'grid_scope_select'
              AND p.polrelid IN ('grid.household'::regclass, 'grid.returnee'::regclass, 'public.t_people'::regclass)),
          'enable_access: other tables by division, as before');
SELECT throws_ok($$SELECT grid.enable_access('grid.returnee', true, 'nowhere')$$, '42703',
                 'table grid.returnee has no column "nowhere" of type grid.division_code',
                 'enable_access: a column that is not there');
SELECT throws_ok($$SELECT grid.enable_access('grid.returnee', true, 'name')$$, '42703',
                 'table grid.returnee has no column "name" of type grid.division_code',
                 'enable_access: a column of another type');

SELECT * FROM finish();
ROLLBACK;
