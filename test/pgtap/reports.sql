-- pgTAP: the daily reports under row-level security: each level sees its
-- own slice, identifiers are masked above the village, totals add up for
-- everyone, the archive keeps each role to its rows and replaces a day.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(36);

CREATE ROLE rpt_city LOGIN;
CREATE ROLE rpt_township LOGIN;
CREATE ROLE rpt_village LOGIN;
CREATE ROLE rpt_xiling LOGIN;
CREATE ROLE rpt_nobody LOGIN;
GRANT SELECT ON grid.division, grid.resident, grid.health_report, grid.health_day, grid.cell_fact, grid.cell_day, grid.village_day, grid.key_person_day, grid.service_day, grid.checkpoint_day, grid.key_person_resident, grid.key_person_reading, grid.key_person, grid.unreached, grid.standard_address,
                grid.household, grid.cell, grid.checkpoint, grid.team_member, grid.team_checkpoint, grid.returnee,
                grid.checkpoint_passage, grid.service_request, grid.village_boundary, grid.division_boundary
   TO rpt_city, rpt_township, rpt_village, rpt_xiling, rpt_nobody;
GRANT SELECT, INSERT, DELETE ON grid.report_archive TO rpt_city, rpt_township, rpt_village, rpt_xiling, rpt_nobody;
DO $$ BEGIN
    PERFORM grid.grant_scope('rpt_city', '4205');
    PERFORM grid.grant_scope('rpt_township', '420503004');
    PERFORM grid.grant_scope('rpt_village', '420503004001');
    PERFORM grid.grant_scope('rpt_xiling', '420502');
END $$;

-- Sum-of-children check, as whoever runs it: rows whose figures are not
-- the sum of their children's.
CREATE FUNCTION pg_temp.unbalanced(d date) RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM (
        SELECT p.division
          FROM grid.report_temperature(d) p
          JOIN grid.report_temperature(d) c ON c.parent OPERATOR(grid.=) p.division
         GROUP BY p.division, p.residents, p.reported, p.not_reported, p.fever, p.app, p.sms, p.voice, p.proxy, p.checkpoint
        HAVING (p.residents, p.reported, p.not_reported, p.fever, p.app, p.sms, p.voice, p.proxy, p.checkpoint)
            <> (sum(c.residents), sum(c.reported), sum(c.not_reported), sum(c.fever), sum(c.app), sum(c.sms),
                sum(c.voice), sum(c.proxy), sum(c.checkpoint))) x
$$;
GRANT EXECUTE ON FUNCTION pg_temp.unbalanced(date) TO PUBLIC;

-- The administrator's (superuser's) view: the whole fixture.
SELECT is((SELECT residents FROM grid.report_temperature('2020-02-10') WHERE level = 'city'), 10::bigint,
          'superuser: the city has 10 residents');
SELECT is(pg_temp.unbalanced('2020-02-10'), 0::bigint, 'superuser: every level is the sum of its children');

-- The city role sees the same.
SET SESSION AUTHORIZATION rpt_city;
SELECT is((SELECT array_agg(residents || '/' || reported || '/' || fever ORDER BY division)
             FROM grid.report_temperature('2020-02-10') WHERE level IN ('city', 'county')),
          ARRAY['10/6/2', '2/1/0', '8/5/2'], 'city: city and counties, residents/reported/fever');
SELECT is(pg_temp.unbalanced('2020-02-10'), 0::bigint, 'city: totals add up');
SELECT is((SELECT count(*) FROM grid.report_not_reported('2020-02-10')), 4::bigint, 'city: 4 on the call list');
SELECT is((SELECT phone FROM grid.report_not_reported('2020-02-10') WHERE name = '张三'), '139****0003',
          'city: phones masked above the village');
SELECT is((SELECT resident FROM grid.report_not_reported('2020-02-10') WHERE name = '张三'), '420503********0034',
          'city: IDs masked above the village');
RESET SESSION AUTHORIZATION;

-- The township 伍家岗街道: 8 residents, its two villages.
SET SESSION AUTHORIZATION rpt_township;
SELECT is((SELECT residents || '/' || reported || '/' || fever FROM grid.report_temperature('2020-02-10') WHERE level = 'city'),
          '8/5/2', 'township: the city row holds only what it sees');
SELECT is((SELECT array_agg(division::text ORDER BY division) FROM grid.report_temperature('2020-02-10') WHERE level = 'village'),
          ARRAY['420503004001', '420503004002'], 'township: its two villages');
SELECT is(pg_temp.unbalanced('2020-02-10'), 0::bigint, 'township: totals add up');
SELECT is((SELECT array_agg(name ORDER BY name) FROM grid.report_not_reported('2020-02-10')),
          ARRAY['周八', '张三', '王五'], 'township: its call list');
SELECT is((SELECT phone FROM grid.report_not_reported('2020-02-10') WHERE name = '周八'), '139****0008',
          'township: phones masked');
SELECT is((SELECT count(*) FROM grid.report_key_persons('2020-02-10')), 2::bigint, 'township: its two key persons');
SELECT ok(position('139****0008' IN convert_from(grid.report_csv('not_reported', '2020-02-10'), 'UTF8')) > 0,
          'township: the CSV carries the masked phone');
SELECT ok(position('13900000008' IN convert_from(grid.report_csv('not_reported', '2020-02-10'), 'UTF8')) = 0,
          'township: ... and never the full one');
SELECT ok(xml_is_well_formed_document(grid.command_map('420503004', '2020-02-10')), 'township: its command map');
SELECT throws_ok($$SELECT grid.command_map('420502002', '2020-02-10')$$, '42501', NULL,
                 'township: no command map of another township');
RESET SESSION AUTHORIZATION;

-- The village 王家河社区: 6 residents, phones in full.
SET SESSION AUTHORIZATION rpt_village;
SELECT is((SELECT residents || '/' || reported || '/' || fever FROM grid.report_temperature('2020-02-10') WHERE level = 'city'),
          '6/4/1', 'village: the city row is its village');
SELECT is((SELECT count(*) FROM grid.report_temperature('2020-02-10') WHERE level = 'grid'), 3::bigint,
          'village: two cells and the residents without one');
SELECT is(pg_temp.unbalanced('2020-02-10'), 0::bigint, 'village: totals add up');
SELECT is((SELECT array_agg(phone ORDER BY phone) FROM grid.report_not_reported('2020-02-10')),
          ARRAY['13900000003', '13900000005'], 'village: its call list with phones in full');
SELECT is((SELECT array_agg(name) FROM grid.report_key_persons('2020-02-10')), ARRAY['张二'], 'village: its key person');
SELECT is((SELECT count(*) FROM grid.report_temperature('2020-02-10', '420503004002')), 0::bigint,
          'village: asking for another village gives nothing');
RESET SESSION AUTHORIZATION;

-- 西陵区: the other county.
SET SESSION AUTHORIZATION rpt_xiling;
SELECT is((SELECT residents || '/' || reported FROM grid.report_temperature('2020-02-10') WHERE level = 'city'),
          '2/1', 'another county: only its own');
RESET SESSION AUTHORIZATION;

-- A role without scope sees an empty report, not an error.
SET SESSION AUTHORIZATION rpt_nobody;
SELECT is((SELECT count(*) FROM grid.report_temperature('2020-02-10')), 0::bigint, 'no scope: empty report');
RESET SESSION AUTHORIZATION;

-- The archive, taken by the superuser (as the nightly job would be).
CREATE TEMP TABLE expect AS SELECT sum(rows)::bigint AS total FROM grid.archive_reports('2020-02-10');
GRANT SELECT ON expect TO PUBLIC;
SELECT ok((SELECT total FROM expect) > 1650, 'archive: every report but the call list, teams of all 1650 villages included');
SELECT is((SELECT sum(rows)::bigint FROM grid.archive_reports('2020-02-10')), (SELECT total FROM expect), 'archive again: the same');
SELECT is((SELECT count(*) FROM grid.report_archive), (SELECT total FROM expect), 'archive again: replaced, not added');
SELECT is((SELECT count(*) FROM (SELECT data FROM grid.report_archive WHERE report = 'temperature'
                                 EXCEPT SELECT to_jsonb(t) FROM grid.report_temperature('2020-02-10') t) x),
          0::bigint, 'archive: the rows are the report''s');
CREATE TEMP TABLE xiling AS SELECT count(*) AS n FROM grid.report_archive WHERE division OPERATOR(grid.<@) '420502';
GRANT SELECT ON xiling TO PUBLIC;
-- Each role reads its own rows of it.
SET SESSION AUTHORIZATION rpt_village;
SELECT is((SELECT count(*) FROM grid.report_archive WHERE report = 'temperature'), 4::bigint,
          'village: reads its village and cell rows of the archive');
-- A village archiving itself replaces its rows only: temperature 4, key
-- persons 1 + 1, returnees 1, screening 1, checkpoint 1, services 3, team 1
-- (the call list only when asked for: 2).
SELECT is((SELECT sum(rows)::bigint FROM grid.archive_reports('2020-02-10')), 13::bigint, 'village: archives its 13 rows');
SELECT is((SELECT sum(rows)::bigint FROM grid.archive_reports('2020-02-10', reports => '{not_reported}')), 2::bigint,
          'village: and its call list of 2 when asked');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM grid.report_archive), (SELECT total FROM expect) + 2, 'after the village: as many rows, and its call list');
SELECT is((SELECT array_agg(DISTINCT archived_by) FROM grid.report_archive WHERE division OPERATOR(grid.<@) '420503004001'),
          ARRAY['rpt_village']::name[], 'after the village: its rows are all its own snapshot');
SET SESSION AUTHORIZATION rpt_xiling;
SELECT is((SELECT count(*) FROM grid.report_archive), (SELECT n FROM xiling), 'another county: reads exactly its archived rows');
SELECT throws_ok($$INSERT INTO grid.report_archive (report, day, division, line, data)
                   VALUES ('temperature', '2020-02-10', '420503004001', 99, '{}')$$,
                 '42501', NULL, 'another county: cannot write into 王家河社区''s archive');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
