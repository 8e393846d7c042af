-- pgTAP: the facts (grid.cell_fact, grid.cell_day) are protected as the
-- rows they count: each role sees its places' facts, nobody writes them
-- but their triggers (the same refusal for any key, before any key is
-- looked up), and the per-grid call list reads a grid's residents from
-- the index on place in one generic plan.
-- -------------------------------------------------- row-level security

BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(19);
INSERT INTO grid.cell (code, name, geom) VALUES ('420503004001003', '王家河三网格', pg_temp.square(111.32, 30.70));
CREATE ROLE fct_village LOGIN;
CREATE ROLE fct_cell LOGIN;
CREATE ROLE fct_nobody LOGIN;
GRANT grid_reader TO fct_village, fct_cell, fct_nobody;
GRANT ALL ON grid.cell_fact, grid.cell_day TO fct_village, fct_nobody;
SELECT grid.grant_scope('fct_village', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('fct_cell', '420503004001001') IS NULL AS granted \gset

SET SESSION AUTHORIZATION fct_village;
SELECT is((SELECT array_agg(place::text ORDER BY place) FROM grid.cell_fact),
          ARRAY['420503004001', '420503004001001', '420503004001002'], 'village: the facts of its places');
SELECT is((SELECT count(DISTINCT place) FROM grid.cell_day WHERE day = '2020-02-10'), 3::bigint, 'village: its places'' days');
SELECT is((SELECT residents || '/' || reported || '/' || fever FROM grid.report_temperature('2020-02-10') WHERE level = 'city'),
          '6/4/1', 'village: the city row is its village, as before');
SELECT is((SELECT array_agg(division::text ORDER BY division) FROM grid.temperature_cells
            WHERE day = '2020-02-10' AND cell IS NOT NULL AND reported = 0),
          ARRAY['420503004001003'], 'village: its cells with no report');
SELECT throws_ok($$INSERT INTO grid.cell_day VALUES ('2020-02-10', '420503004001001', '420503004001', 9, 0, 0, 0, 0, 0, 0)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.cell_day is written only by its triggers',
                 'village: cannot write its own facts, even with every privilege');
SELECT throws_ok($$DELETE FROM grid.cell_fact$$, '42501', 'grid.cell_fact is written only by its triggers',
                 'village: cannot delete facts');
SELECT throws_ok($$TRUNCATE grid.cell_day$$, '42501', NULL, 'village: cannot truncate facts');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION fct_cell;
SELECT is((SELECT array_agg(place::text) FROM grid.cell_fact), ARRAY['420503004001001'], 'cell: the facts of its cell only');
SELECT is((SELECT array_agg(division::text ORDER BY level) FROM grid.report_temperature('2020-02-10') WHERE level = 'grid'),
          ARRAY['420503004001001'], 'cell: its temperature report lists its cell only');
RESET SESSION AUTHORIZATION;

-- A role without scope learns nothing, not even through a key: a key
-- that exists in another village and one that exists nowhere give the
-- same refusal, before any key is looked up.
SET SESSION AUTHORIZATION fct_nobody;
SELECT is((SELECT count(*) FROM grid.cell_fact) + (SELECT count(*) FROM grid.cell_day), 0::bigint, 'no scope: no facts');
SELECT is((SELECT count(*) FROM grid.temperature_cells WHERE day = '2020-02-10'), 0::bigint, 'no scope: no cells');
SELECT throws_ok($$INSERT INTO grid.cell_day VALUES ('2020-02-10', '420502002021001', '420502002021', 1, 0, 0, 0, 0, 0, 0)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.cell_day is written only by its triggers',
                 'no scope: a key that exists is refused');
SELECT throws_ok($$INSERT INTO grid.cell_day VALUES ('2030-02-10', '420502002021001', '420502002021', 1, 0, 0, 0, 0, 0, 0)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.cell_day is written only by its triggers',
                 'no scope: ... exactly as one that does not');
SELECT throws_ok($$UPDATE grid.cell_fact SET residents = residents WHERE place = '420502002021001'$$, '42501',
                 'grid.cell_fact is written only by its triggers', 'no scope: cannot update facts');
SELECT throws_ok($$SELECT grid.rebuild_facts()$$, '42501', NULL, 'no scope: cannot rebuild the facts');
RESET SESSION AUTHORIZATION;

-- The per-grid call list: one plan (generic, as a prepared statement
-- keeps it) reads a grid's residents through the index on place.
SET LOCAL plan_cache_mode = force_generic_plan;
SET LOCAL enable_seqscan = off;
PREPARE one_grid(date, grid.division_code) AS SELECT name FROM grid.report_not_reported($1, $2);
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
-- The call list of the previous version (its text, under another name):
-- its generic plan had no index condition on the grid.
CREATE FUNCTION pg_temp.old_not_reported(day date DEFAULT grid.report_today(),
                                         division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- One statement of plain joins, without aggregates or materialised steps:
-- a subquery reading a table under row-level security could not run in
-- parallel workers (its policies' InitPlans keep it in the leader), and a
-- city's two million names need both processors.  The planner picks hash
-- joins for a city and index look-ups for a grid.
SELECT old_not_reported.day, r.division, v.name, r.cell_code, c.name, w.name,
       CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
       CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
       a.full_text, l.day, grid.report_label('outcome', u.outcome)
  -- first the residents without a report that day, then what the list shows
  -- of them (written in this order: the list joins more tables than
  -- PostgreSQL reorders, join_collapse_limit)
  FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
               -- grid.may_see_identifiers, with the caller's scopes read once
               (SELECT grid.is_admin())
               OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
          FROM grid.resident r
         WHERE r.status IN ('resident', 'temporary')
           AND grid.report_covers(grid.report_village_scope(old_not_reported.division), r.division)
           AND grid.report_covers(old_not_reported.division,
                                  coalesce(grid.report_cell(r.cell, r.division), r.division))
           -- the same for one cell, said so that the index on (division, cell) answers it
           AND (grid.level(old_not_reported.division) IS DISTINCT FROM 'grid'
                OR r.cell = old_not_reported.division::text)
           AND NOT EXISTS (SELECT FROM grid.health_day d
                            WHERE d.day = old_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id)) r
  LEFT JOIN grid.standard_address a ON a.id = r.address_id
  LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) r.division AND v.level = 'village'
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) r.cell_code
  -- the cell's grid worker, a member of the village's team (the first, if
  -- several), under the caller's row-level security
  LEFT JOIN grid.team_member w
         ON w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code AND w.role = 'grid_worker'
        AND NOT EXISTS (SELECT FROM grid.team_member w2
                         WHERE w2.division OPERATOR(grid.=) w.division AND w2.cell OPERATOR(grid.=) w.cell
                           AND w2.role = 'grid_worker' AND w2.id < w.id)
  -- the last day with a report in the week before: the day that has no
  -- later one (a join where a grouped subquery would stay out of the
  -- workers)
  LEFT JOIN grid.health_day l
         ON l.resident_id OPERATOR(grid.=) r.id
        AND l.day >= old_not_reported.day - 7 AND l.day < old_not_reported.day
        AND NOT EXISTS (SELECT FROM grid.health_day l2
                         WHERE l2.resident_id OPERATOR(grid.=) l.resident_id
                           AND l2.day > l.day AND l2.day < old_not_reported.day)
  -- the voice robot's last call of the day, the same way (one call per
  -- resident and minute, so no two have the same time)
  LEFT JOIN grid.unreached u
         ON u.resident_id OPERATOR(grid.=) r.id
        AND u.called_at >= grid.report_day_start(old_not_reported.day)
        AND u.called_at < grid.report_day_start(old_not_reported.day + 1)
        AND NOT EXISTS (SELECT FROM grid.unreached u2
                         WHERE u2.resident_id OPERATOR(grid.=) u.resident_id
                           AND u2.called_at > u.called_at
                           AND u2.called_at < grid.report_day_start(old_not_reported.day + 1))
 ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id
$$;
PREPARE old_grid(date, grid.division_code) AS SELECT name FROM pg_temp.old_not_reported($1, $2);
SELECT ok(pg_temp.plan_of($$EXECUTE old_grid('2020-02-10', '420503004001001')$$)
          !~ 'on resident r\s+Index Cond: [^\n]*\$2',
          'call list: the previous version''s generic plan found no grid''s residents by an index condition');
SELECT ok(pg_temp.plan_of($$EXECUTE one_grid('2020-02-10', '420503004001001')$$)
          ~ 'resident_place_idx on resident r\s+Index Cond: \(\(place >= CASE WHEN \(\$2 IS NULL\)',
          'call list: a generic plan reads the grid''s residents by an index range on place');
SELECT is((SELECT array_agg(name) FROM grid.report_not_reported('2020-02-10', '420503004001001')), ARRAY['张三'],
          'call list: the grid''s');
SELECT is((SELECT array_agg(name ORDER BY name) FROM grid.report_not_reported('2020-02-10')),
          ARRAY['周八', '张三', '王五', '郑十'], 'call list: everyone''s without a division');

SELECT * FROM finish();
ROLLBACK;
