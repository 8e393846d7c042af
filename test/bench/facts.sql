-- Body of test/bench/facts.sh, after test/bench/reports_setup.sql and the
-- previous version's functions in schema bench_prev: the reports as each
-- level's role, this version beside the previous one.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET search_path = public, grid;
SET jit = off;
\ir best_time.sql
SELECT '420503004001' || min(right(cell, 3)) AS one_cell FROM grid.resident WHERE division = '420503004001' \gset

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('bench_township', '420503004'), ('bench_grid', NULL)) v(role, code) LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.role) THEN
            EXECUTE format('CREATE ROLE %I', r.role);
        END IF;
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA grid TO %I', r.role);
    END LOOP;
END $$;
SELECT grid.grant_scope('bench_township', '420503004') IS NULL AS granted \gset
SELECT grid.grant_scope('bench_grid', :'one_cell') IS NULL AS granted \gset

CREATE TEMP TABLE fig (role text, what text, rows bigint, ms numeric, prev_ms numeric, equal boolean, target_ms numeric);
GRANT ALL ON fig TO PUBLIC;

-- fig_pair(role, what, new query, previous query, runs, target): both timed, and compared row for row.
CREATE FUNCTION pg_temp.fig_pair(who text, what text, q text, p text, runs int, target numeric) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
    same boolean;
BEGIN
    EXECUTE format('SELECT count(*) FROM (%s) x', q) INTO n;
    EXECUTE format('SELECT NOT EXISTS (SELECT * FROM (%1$s) a EXCEPT ALL SELECT * FROM (%2$s) b)
                       AND NOT EXISTS (SELECT * FROM (%2$s) b EXCEPT ALL SELECT * FROM (%1$s) a)', q, p) INTO same;
    INSERT INTO fig VALUES (who, what, n,
        bench_time(format('SELECT sum(length(t::text)) FROM (%s) t', q), runs),
        bench_time(format('SELECT sum(length(t::text)) FROM (%s) t', p), runs), same, target);
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.fig_pair(text, text, text, text, int, numeric) TO PUBLIC;

-- The temperature report at each level, and the call lists.
SET ROLE bench_city;
SELECT FROM pg_temp.fig_pair('city', 'temperature', $$SELECT * FROM grid.report_temperature('2020-02-10')$$,
                        $$SELECT * FROM bench_prev.report_temperature('2020-02-10')$$, 3, NULL);
SELECT FROM pg_temp.fig_pair('city', 'temperature of one township', $$SELECT * FROM grid.report_temperature('2020-02-10', '420503004')$$,
                        $$SELECT * FROM bench_prev.report_temperature('2020-02-10', '420503004')$$, 5, 5);
SELECT FROM pg_temp.fig_pair('city', 'temperature_daily (view), the day', $$SELECT * FROM grid.temperature_daily WHERE day = '2020-02-10'$$,
                        $$SELECT * FROM bench_prev.report_temperature('2020-02-10')$$, 3, NULL);
RESET ROLE;
SET ROLE bench_township;
SELECT FROM pg_temp.fig_pair('township', 'temperature', $$SELECT * FROM grid.report_temperature('2020-02-10')$$,
                        $$SELECT * FROM bench_prev.report_temperature('2020-02-10')$$, 5, 5);
RESET ROLE;
SET ROLE bench_community;
SELECT FROM pg_temp.fig_pair('community', 'temperature', $$SELECT * FROM grid.report_temperature('2020-02-10')$$,
                        $$SELECT * FROM bench_prev.report_temperature('2020-02-10')$$, 5, 5);
SELECT FROM pg_temp.fig_pair('community', 'not_reported', $$SELECT * FROM grid.report_not_reported('2020-02-10')$$,
                        $$SELECT * FROM bench_prev.report_not_reported('2020-02-10')$$, 5, NULL);
RESET ROLE;
SET ROLE bench_grid;
SELECT FROM pg_temp.fig_pair('grid', 'not_reported', $$SELECT * FROM grid.report_not_reported('2020-02-10')$$,
                        $$SELECT * FROM bench_prev.report_not_reported('2020-02-10')$$, 10, 2);
SELECT FROM pg_temp.fig_pair('grid', 'temperature', $$SELECT * FROM grid.report_temperature('2020-02-10')$$,
                        $$SELECT * FROM bench_prev.report_temperature('2020-02-10')$$, 10, 5);
-- The call list as an application asks for it: a prepared statement, best
-- of 20 after the custom plans PostgreSQL makes first.
PREPARE one_grid(date, grid.division_code) AS SELECT * FROM grid.report_not_reported($1, $2);
PREPARE one_grid_prev(date, grid.division_code) AS SELECT * FROM bench_prev.report_not_reported($1, $2);
INSERT INTO fig SELECT 'grid', 'not_reported of its grid, prepared', NULL,
       bench_time(format('EXECUTE one_grid(%L, %L)', '2020-02-10', :'one_cell'), 20),
       bench_time(format('EXECUTE one_grid_prev(%L, %L)', '2020-02-10', :'one_cell'), 20), NULL, 2;
RESET ROLE;

-- Every city report, and the archive, as the city (this version only: the
-- others read what they read before).
SET ROLE bench_city;
INSERT INTO fig
SELECT 'city', 'report ' || c.report, NULL,
       bench_time(format('SELECT sum(length(t::text)) FROM %s(%L) t', c.function, '2020-02-10'), 1), NULL, NULL, NULL
  FROM grid.report_catalog() c WHERE c.report <> 'not_reported';
INSERT INTO fig SELECT 'city', 'archive_reports', NULL, bench_time($$SELECT * FROM grid.archive_reports('2020-02-10')$$, 1), NULL, NULL, NULL;
RESET ROLE;

-- The facts recounted by an administrator.
SELECT (SELECT count(*) FROM grid.cell_fact) + (SELECT count(*) FROM grid.cell_day) AS fact_rows \gset
INSERT INTO fig SELECT 'owner', 'rebuild_facts', :fact_rows, bench_time($$SELECT grid.rebuild_facts()$$, 1), NULL, NULL, NULL;

\echo == 2020-02-10, ms under row-level security: this version (ms) and the previous one (prev_ms) on the same data ==
SELECT role, what, rows, ms, prev_ms, round(prev_ms / nullif(ms, 0), 1) AS "prev / this", equal, target_ms FROM fig
 ORDER BY CASE role WHEN 'city' THEN 1 WHEN 'township' THEN 2 WHEN 'community' THEN 3 WHEN 'grid' THEN 4 ELSE 5 END, what;
SELECT sum(ms) FILTER (WHERE role = 'city' AND (what LIKE 'report %' OR what = 'archive_reports')) AS "every city report and the archive (ms)",
       (SELECT count(*) FROM grid.cell_fact) AS places, (SELECT count(*) FROM grid.cell_day WHERE day = '2020-02-10') AS "places reported on the day"
  FROM fig;
