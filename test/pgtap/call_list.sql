-- pgTAP: one grid's call list (grid.report_not_reported) as a grid worker's
-- application asks for it, again and again through a prepared statement:
-- one generic plan, kept, reads the grid's rows from the indexes on place
-- (today's reports and the robot's calls as hashed sets of the grid); the
-- rows are those a wider caller's plan gives, a resident who reported in
-- another village and tied robot calls included; a grid role sees no
-- other grid's residents through it, a prepared plan included, even with
-- every table privilege.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(24);

-- 新来 (r13) reported on the day in 中书街社区 (village C), then moved to
-- cell A1: the day stays with village C, where the report was made, and
-- A's list shows him as not reported, whoever asks.  张三
-- (r03, A1) was called twice by the robot at the same instant (no answer on
-- one phone, refused on the other): the list shows both calls.
INSERT INTO grid.resident (id, name, phones, division, cell, status)
VALUES (pg_temp.rid('42050219800101013'), '新来', '{13900000013}', '420502002021', '420502002021001', 'resident');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050219800101013'), 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.5, false, '420502002021', 'id');
UPDATE grid.resident SET division = '420503004001', cell = '420503004001001' WHERE name = '新来';
INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone)
VALUES (pg_temp.rid('42050319800101003'), '2020-02-10 12:30+08', '2020-02-10 12:30+08', 'refused', '420503004001', '13900000003'),
       (pg_temp.rid('42050319800101003'), '2020-02-10 12:30+08', '2020-02-10 12:30+08', 'no_answer', '420503004001', '13900000033');
INSERT INTO grid.team_member (division, role, name, cell) VALUES
    ('420503004001', 'grid_worker', '李网格', '420503004001001'),
    ('420503004001', 'grid_worker', '王网格', '420503004001002');
ANALYZE grid.resident, grid.health_day, grid.unreached, grid.standard_address, grid.team_member;

-- A grid worker of each of A1 and A2, the village, the township and the
-- city, each with every table privilege; one role without scope.
CREATE ROLE cl_grid LOGIN;
CREATE ROLE cl_grid2 LOGIN;
CREATE ROLE cl_village LOGIN;
CREATE ROLE cl_township LOGIN;
CREATE ROLE cl_city LOGIN;
CREATE ROLE cl_nobody LOGIN;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO cl_grid, cl_grid2, cl_village, cl_township, cl_city, cl_nobody;
DO $$ BEGIN
    PERFORM grid.grant_scope('cl_grid', '420503004001001');
    PERFORM grid.grant_scope('cl_grid2', '420503004001002');
    PERFORM grid.grant_scope('cl_village', '420503004001');
    PERFORM grid.grant_scope('cl_township', '420503004');
    PERFORM grid.grant_scope('cl_city', '4205');
END $$;

-- A query's plan as text (EXPLAIN without costs).
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
    p text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        p := p || r || E'\n';
    END LOOP;
    RETURN p;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.plan_of(text) TO PUBLIC;
-- A call list as one line per row: name/last report/robot call.
CREATE FUNCTION pg_temp.rows_of(day date, division grid.division_code) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(t.name || '/' || coalesce(t.last_report::text, '') || '/' || coalesce(t.robot_call, ''))
      FROM (SELECT * FROM grid.report_not_reported(rows_of.day, rows_of.division)) t
$$;
GRANT EXECUTE ON FUNCTION pg_temp.rows_of(date, grid.division_code) TO PUBLIC;

-- ----------------------------------------------- one plan, from the grid's indexes

-- The fixture's tables fill a page each: without this, any of them is
-- read whole whatever its indexes.
SET LOCAL enable_seqscan = off;
SET SESSION AUTHORIZATION cl_grid;
PREPARE one_grid(date, grid.division_code) AS SELECT * FROM grid.report_not_reported($1, $2);
DO $$ BEGIN
    FOR i IN 1..6 LOOP
        EXECUTE $q$EXECUTE one_grid('2020-02-10', '420503004001001')$q$;
    END LOOP;
END $$;
SELECT ok((SELECT generic_plans > 0 FROM pg_prepared_statements WHERE name = 'one_grid'),
          'grid: after six calls the prepared statement runs its generic plan');
SELECT pg_temp.plan_of($$EXECUTE one_grid('2020-02-10', '420503004001001')$$) AS plan \gset
SELECT ok(:'plan' ~ 'Index Scan using resident_place_idx on resident r\s+Index Cond: [^\n]*\(place >= CASE WHEN \(\$2 IS NULL\)',
          'grid: its residents by an index range on place, whatever grid the plan is run for');
SELECT ok(:'plan' ~ 'Filter: [^\n]*NOT \(hashed SubPlan',
          'grid: who reported that day is a set hashed once, not a look-up per resident');
SELECT ok(:'plan' ~ 'health_day_day_idx on health_day d\w*\s+Index Cond: \(\(day = \$1\)[^\n]*place >= CASE WHEN',
          'grid: ... read from the index on day and place for the grid');
SELECT ok(:'plan' ~ 'unreached_place_idx on unreached',
          'grid: the robot''s calls from the index on place');
SELECT ok(:'plan' ~ 'One-Time Filter: \(NOT \$',
          'grid: the wider plan is there, and skipped');
SELECT is(pg_temp.rows_of('2020-02-10', '420503004001001'), ARRAY['张三//未接听', '张三//拒绝', '新来//'],
          'grid: its list (tied robot calls each, in order; the report made in another village unseen)');
SELECT is((SELECT array_agg(resident) FROM grid.report_not_reported('2020-02-10') t),
          ARRAY[pg_temp.rid('42050319800101003')::text, pg_temp.rid('42050319800101003')::text,
                pg_temp.rid('42050219800101013')::text],
          'grid: without a division, its own; IDs in full (its grid)');
RESET SESSION AUTHORIZATION;

-- ----------------------------------------------- the same rows as the wider plan

-- The township's list of the city without a division runs the wider plan;
-- its rows of cell A1 are those the township's list of A1 gives (the
-- grid's plan, which looks the residents' own rows up: the township sees
-- beyond A1).
SET SESSION AUTHORIZATION cl_township;
SELECT is(pg_temp.rows_of('2020-02-10', '420503004001001'),
          (SELECT array_agg(t.name || '/' || coalesce(t.last_report::text, '') || '/' || coalesce(t.robot_call, ''))
             FROM grid.report_not_reported('2020-02-10') t WHERE t.cell = '420503004001001'),
          'township: a grid''s list is its rows of the township''s list');
SELECT is(pg_temp.rows_of('2020-02-10', '420503004001'),
          (SELECT array_agg(t.name || '/' || coalesce(t.last_report::text, '') || '/' || coalesce(t.robot_call, ''))
             FROM grid.report_not_reported('2020-02-10') t WHERE t.division = '420503004001'),
          'township: a village''s list is its rows of the township''s list');
SELECT is((SELECT array_agg(resident) FROM grid.report_not_reported('2020-02-10', '420503004001001') t),
          ARRAY['420503********0034', '420503********0034', '420502********0134'],
          'township: IDs masked on a grid''s list, as on its own (新来''s report in village C unseen)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION cl_city;
SELECT is(pg_temp.rows_of('2020-02-10', '420503004001001'), ARRAY['张三//未接听', '张三//拒绝', '新来//'],
          'city: 新来 reported today in village C, not in A, so is on A1''s list, as on the grid''s own');
SELECT is(pg_temp.rows_of('2020-02-11', '420503004001001'),
          ARRAY['张一/2020-02-10/', '张二/2020-02-10/', '张三//', '新来//'],
          'city: the day after, the last report of each filed in village A (not the one made in C)');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.rows_of('2020-02-11', '420503004001001'),
          ARRAY['张一/2020-02-10/', '张二/2020-02-10/', '张三//', '新来//'],
          'superuser (no row-level security): the same');
SET SESSION AUTHORIZATION cl_grid;
SELECT is(pg_temp.rows_of('2020-02-11', '420503004001001'),
          ARRAY['张一/2020-02-10/', '张二/2020-02-10/', '张三//', '新来//'],
          'grid: the day after, 新来''s report in village C unseen');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION cl_village;
SELECT is(pg_temp.rows_of('2020-02-10', '420503004001'),
          ARRAY['张三//未接听', '张三//拒绝', '新来//', '王五//'],
          'village: its list (the grid''s plan, the whole village)');
RESET SESSION AUTHORIZATION;

-- ----------------------------------------------- another grid's residents

SET SESSION AUTHORIZATION cl_grid;
SELECT is((SELECT count(*) FROM grid.report_not_reported('2020-02-10', '420503004001002')), 0::bigint,
          'grid: another grid of its village gives nothing');
SELECT is((SELECT array_agg(DISTINCT cell::text) FROM grid.report_not_reported('2020-02-10', '420503004001')),
          ARRAY['420503004001001'], 'grid: its village''s list holds its own cell only');
SELECT is((SELECT count(*) FROM grid.report_not_reported('2020-02-10', '420502002021001')), 0::bigint,
          'grid: a grid of another village gives nothing');
SELECT is((SELECT count(*) FROM grid.report_not_reported('2020-02-10', '4205') WHERE cell IS DISTINCT FROM '420503004001001'),
          0::bigint, 'grid: the city''s list (the wider plan) holds its own cell only');
CREATE TEMP TABLE seen_a2 AS EXECUTE one_grid('2020-02-10', '420503004001002');
SELECT is((SELECT count(*) FROM seen_a2), 0::bigint, 'grid: its kept plan, run for another grid, gives nothing');
RESET SESSION AUTHORIZATION;
-- The session's prepared statement, run by another grid worker: its plan
-- is made again for that role.
SET SESSION AUTHORIZATION cl_grid2;
CREATE TEMP TABLE seen_a1 AS EXECUTE one_grid('2020-02-10', '420503004001001');
SELECT is((SELECT count(*) FROM seen_a1), 0::bigint, 'grid A2: grid A1''s list through A1''s prepared statement gives nothing');
CREATE TEMP TABLE seen_own AS EXECUTE one_grid('2020-02-10', NULL);
SELECT is((SELECT array_agg(name) FROM seen_own), ARRAY['王五'], 'grid A2: ... and its own list, without a division, its own');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION cl_nobody;
SELECT is((SELECT count(*) FROM grid.report_not_reported('2020-02-10')) + (SELECT count(*) FROM grid.report_not_reported('2020-02-10', '420503004001001')),
          0::bigint, 'no scope: nothing, with or without a division');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
