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

-- The reports read from the facts per village, beside the version before
-- them: the city's, a township's and a community's.
DO $$
DECLARE
    r record;
    f text;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('bench_city', 'city', NULL::text, NULL::numeric), ('bench_city', 'city', '420503004', 5),
                                   ('bench_township', 'township', NULL, 5), ('bench_community', 'community', NULL, 5)) v(role, who, division, target) LOOP
        EXECUTE format('SET ROLE %I', r.role);
        FOREACH f IN ARRAY ARRAY['screening', 'returnees', 'key_person_counts', 'services', 'key_persons'] LOOP
            PERFORM pg_temp.fig_pair(r.who, f || coalesce(' of ' || r.division, ''),
                                     format('SELECT * FROM grid.report_%s(%L, %L)', f, '2020-02-10', r.division),
                                     format('SELECT * FROM bench_prev.report_%s(%L, %L)', f, '2020-02-10', r.division),
                                     CASE WHEN r.who = 'city' AND r.division IS NULL THEN 3 ELSE 5 END, r.target);
        END LOOP;
        RESET ROLE;
    END LOOP;
END $$;

-- Every report of a township and of a community, as each (this version
-- only; the call list above): target 5 ms.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('bench_township', 'township'), ('bench_community', 'community')) v(role, who) LOOP
        EXECUTE format('SET ROLE %I', r.role);
        INSERT INTO fig
        SELECT r.who, 'report ' || c.report, NULL,
               bench_time(format('SELECT sum(length(t::text)) FROM %s(%L) t', c.function, '2020-02-10'), 5), NULL, NULL, 5
          FROM grid.report_catalog() c WHERE c.report <> 'not_reported';
        RESET ROLE;
    END LOOP;
END $$;

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

-- The same city reports and the archive with 30 days of history before
-- the day: the days from :history + 1 to 30 added as the setup adds its
-- history (half the day's share of residents reporting on each), then
-- timed again.  (-v month=N: N days instead of 30; none when N is at most
-- :history, which leaves the section out.)
\if :{?month}
\else
\set month 30
\endif
SELECT :month > :history AS add_month \gset
\if :add_month
-- Added as an administrator adds a bulk load: the reports' triggers off
-- (one statement of tens of millions of reports through them did not
-- finish at 4,000,000 residents), the place written as the trigger would
-- (grid.place_from_resident), then grid.health_day and the facts
-- recounted once, and the facts compared with a recount.
ALTER TABLE grid.health_report DISABLE TRIGGER USER;
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method, place)
SELECT r.id, (ARRAY['app', 'sms', 'voice', 'proxy'])[1 + abs(hashtext(r.id::text || 'c' || d.k)::bigint) % 4],
       date_trunc('minute', t, 'UTC'), t, CASE WHEN f THEN 38.0 ELSE 36.5 END, f, r.division, 'id', r.place
  FROM grid.resident r
 CROSS JOIN (SELECT h AS k, date '2020-02-10' - h AS day FROM generate_series(:history + 1, :month) h) d
 CROSS JOIN LATERAL (SELECT grid.report_day_start(d.day) + interval '8 hours'
                            + (abs(hashtext(r.id::text || 't' || d.k)::bigint) % 36000) * interval '1 second' AS t,
                            abs(hashtext(r.id::text || 'f' || d.k)::bigint) % 100 = 0 AS f) x
 WHERE abs(hashtext(r.id::text || 'r' || d.k)::bigint) % 1000000 < 1000000.0 * :reports / :residents * 0.5;
ALTER TABLE grid.health_report ENABLE TRIGGER USER;
\timing on
SELECT grid.rebuild_health_day() AS health_days;
SELECT grid.rebuild_facts() AS fact_rows;
\timing off
VACUUM ANALYZE;
-- the facts the reports read, against a recount (0 differences)
WITH c AS (SELECT day, place, division, sum(reported)::integer, sum(fever)::integer, sum(app)::integer,
                  sum(sms)::integer, sum(voice)::integer, sum(proxy)::integer, sum(checkpoint)::integer
             FROM grid.cell_day GROUP BY day, place, division HAVING sum(reported) <> 0),
     v AS (SELECT day, place, division, sum(screened)::integer, sum(households)::integer, sum(returnees)::integer,
                  sum(returnees_from_epicentre)::integer, sum(vehicles_from_epicentre)::integer, sum(in_transit)::integer
             FROM grid.village_day GROUP BY day, place, division
           HAVING (sum(screened), sum(households), sum(returnees), sum(returnees_from_epicentre),
                   sum(vehicles_from_epicentre), sum(in_transit)) <> (0, 0, 0, 0, 0, 0))
SELECT (SELECT count(*) FROM grid.health_report) AS reports,
       (SELECT count(*) FROM ((SELECT * FROM c EXCEPT ALL SELECT * FROM grid.cell_day_recount())
                              UNION ALL (SELECT * FROM grid.cell_day_recount() EXCEPT ALL SELECT * FROM c)) x) AS cell_day_differences,
       (SELECT count(*) FROM ((SELECT * FROM v EXCEPT ALL SELECT * FROM grid.village_day_recount())
                              UNION ALL (SELECT * FROM grid.village_day_recount() EXCEPT ALL SELECT * FROM v)) x) AS village_day_differences,
       (SELECT count(*) FROM ((SELECT * FROM grid.key_person_reading EXCEPT ALL SELECT * FROM grid.key_person_reading_recount())
                              UNION ALL (SELECT * FROM grid.key_person_reading_recount() EXCEPT ALL SELECT * FROM grid.key_person_reading)) x)
           AS key_person_reading_differences;
SET ROLE bench_city;
INSERT INTO fig
SELECT 'city', 'report ' || c.report || ', 30 days of history', NULL,
       bench_time(format('SELECT sum(length(t::text)) FROM %s(%L) t', c.function, '2020-02-10'), 1), NULL, NULL, NULL
  FROM grid.report_catalog() c WHERE c.report <> 'not_reported';
INSERT INTO fig SELECT 'city', 'archive_reports, 30 days of history', NULL,
       bench_time($$SELECT * FROM grid.archive_reports('2020-02-10')$$, 1), NULL, NULL, NULL;
SELECT FROM pg_temp.fig_pair('city', 'key_persons, 30 days of history (beside the previous version)',
                             $$SELECT * FROM grid.report_key_persons('2020-02-10')$$,
                             $$SELECT * FROM bench_prev.report_key_persons('2020-02-10')$$, 3, NULL);
RESET ROLE;
\endif

\echo == 2020-02-10, ms under row-level security: this version (ms) and the previous one (prev_ms) on the same data ==
SELECT role, what, rows, ms, prev_ms, round(prev_ms / nullif(ms, 0), 1) AS "prev / this", equal, target_ms FROM fig
 ORDER BY CASE role WHEN 'city' THEN 1 WHEN 'township' THEN 2 WHEN 'community' THEN 3 WHEN 'grid' THEN 4 ELSE 5 END, what;
SELECT sum(ms) FILTER (WHERE role = 'city' AND (what LIKE 'report %' OR what LIKE 'archive_reports%') AND what NOT LIKE '%30 days%')
           AS "every city report and the archive (ms)",
       sum(ms) FILTER (WHERE role = 'city' AND what LIKE '%, 30 days of history') AS "the same, 30 days of history (ms)",
       round(sum(ms) FILTER (WHERE role = 'city' AND what LIKE '%, 30 days of history')
             / nullif(sum(ms) FILTER (WHERE role = 'city' AND (what LIKE 'report %' OR what LIKE 'archive_reports%')
                                        AND what NOT LIKE '%30 days%'), 0), 2) AS "30 days / 1 day",
       (SELECT count(*) FROM grid.cell_fact) AS places, (SELECT count(*) FROM grid.cell_day WHERE day = '2020-02-10') AS "places reported on the day"
  FROM fig;
