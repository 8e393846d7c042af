-- Body of test/bench/reports.sh, after test/bench/reports_setup.sql: time
-- the daily reports as the roles that read them, under row-level security,
-- against a hand-written baseline run by the owner.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET search_path = public, grid;
-- JIT compilation costs about a second per city-wide report (EXPLAIN
-- ANALYZE: inlining, optimisation and emission of some 100 functions) and
-- saves less; the README recommends jit = off for report sessions, and the
-- baseline runs with the same setting.
SET jit = off;
\ir best_time.sql
SELECT '420503004001' || min(right(cell, 3)) AS one_cell FROM grid.resident WHERE division = '420503004001' \gset

CREATE TEMP TABLE fig (what text, rows bigint, ms numeric, target_ms numeric);
GRANT ALL ON fig TO PUBLIC;

-- The baseline: one level (villages) of the temperature report, by hand, as the owner.
INSERT INTO fig SELECT 'baseline: one-level GROUP BY, owner', NULL, bench_time($$SELECT sum(length(x::text)) FROM (
           SELECT r.division, count(*), count(h.resident_id), count(*) FILTER (WHERE h.fever)
             FROM grid.resident r
             LEFT JOIN (SELECT resident_id, bool_or(fever) AS fever FROM grid.health_report
                         WHERE reported_at >= '2020-02-10 00:00+08' AND reported_at < '2020-02-11 00:00+08'
                         GROUP BY resident_id) h ON h.resident_id OPERATOR(grid.=) r.id
            WHERE r.status IN ('resident', 'temporary')
            GROUP BY r.division) x$$), NULL;

-- Every report of the catalog for the whole city, then the archive, as the city.
SET ROLE bench_city;
INSERT INTO fig
SELECT 'city: ' || c.report, NULL,
       bench_time(format('SELECT sum(length(t::text)) FROM %s(%L) t', c.function, '2020-02-10'),
                  CASE WHEN c.report = 'not_reported' THEN 1 ELSE 3 END), NULL
  FROM grid.report_catalog() c;
INSERT INTO fig SELECT 'city: archive_reports', NULL, bench_time($$SELECT * FROM grid.archive_reports('2020-02-10')$$, 1), NULL;
UPDATE fig f SET rows = (SELECT count(*) FROM grid.report_archive a
                          WHERE a.day = '2020-02-10' AND 'city: ' || a.report = f.what)
 WHERE f.what LIKE 'city: %';
RESET ROLE;

-- One community, as the community.
SET ROLE bench_community;
INSERT INTO fig SELECT 'community: key_persons', (SELECT count(*) FROM grid.report_key_persons('2020-02-10')),
       bench_time($$SELECT sum(length(t::text)) FROM grid.report_key_persons('2020-02-10') t$$, 5), 20;
INSERT INTO fig SELECT 'community: not_reported of one grid', (SELECT count(*) FROM grid.report_not_reported('2020-02-10', :'one_cell')),
       bench_time(format('SELECT sum(length(t::text)) FROM grid.report_not_reported(%L, %L) t', '2020-02-10', :'one_cell'), 5), 5;
-- The same list as an application asks for it again and again: a prepared
-- statement, whose plan PostgreSQL keeps (best of 20, after the five
-- custom plans it makes first).
PREPARE one_grid(date, grid.division_code) AS SELECT * FROM grid.report_not_reported($1, $2);
INSERT INTO fig SELECT 'community: not_reported of one grid, prepared', NULL,
       bench_time(format('EXECUTE one_grid(%L, %L)', '2020-02-10', :'one_cell'), 20), 5;
INSERT INTO fig SELECT 'community: not_reported', (SELECT count(*) FROM grid.report_not_reported('2020-02-10')),
       bench_time($$SELECT sum(length(t::text)) FROM grid.report_not_reported('2020-02-10') t$$, 5), NULL;
INSERT INTO fig SELECT 'community: temperature', (SELECT count(*) FROM grid.report_temperature('2020-02-10')),
       bench_time($$SELECT sum(length(t::text)) FROM grid.report_temperature('2020-02-10') t$$, 5), NULL;
RESET ROLE;

-- One grid's call list as its grid worker's application asks for it: a
-- prepared statement (best of 20 after the six first calls), this form
-- and the previous one (bench_prev) on the same data, and whether their
-- rows are equal, in order.
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_grid') THEN
        CREATE ROLE bench_grid;
    END IF;
    GRANT SELECT ON ALL TABLES IN SCHEMA grid TO bench_grid;
END $$;
SELECT grid.grant_scope('bench_grid', :'one_cell') IS NULL AS granted \gset
CREATE TEMP TABLE call_list (what text, rows bigint, ms numeric, prev_ms numeric, equal boolean, target_ms numeric);
GRANT ALL ON call_list TO PUBLIC;
SET ROLE bench_grid;
PREPARE grid_list(date, grid.division_code) AS SELECT * FROM grid.report_not_reported($1, $2);
PREPARE grid_list_prev(date, grid.division_code) AS SELECT * FROM bench_prev.report_not_reported($1, $2);
SELECT bench_time(format('EXECUTE grid_list(%L, %L)', '2020-02-10', :'one_cell'), 6) IS NULL AS warm,
       bench_time(format('EXECUTE grid_list_prev(%L, %L)', '2020-02-10', :'one_cell'), 6) IS NULL AS warm_prev \gset
INSERT INTO call_list
SELECT 'grid: its call list, prepared', (SELECT count(*) FROM grid.report_not_reported('2020-02-10', :'one_cell')),
       bench_time(format('EXECUTE grid_list(%L, %L)', '2020-02-10', :'one_cell'), 20),
       bench_time(format('EXECUTE grid_list_prev(%L, %L)', '2020-02-10', :'one_cell'), 20),
       (SELECT array_agg(t) FROM (SELECT * FROM grid.report_not_reported('2020-02-10', :'one_cell')) t)
       IS NOT DISTINCT FROM (SELECT array_agg(t) FROM (SELECT * FROM bench_prev.report_not_reported('2020-02-10', :'one_cell')) t), 2;
INSERT INTO call_list
SELECT 'grid: its call list, once', NULL,
       bench_time(format('SELECT sum(length(t::text)) FROM grid.report_not_reported(%L) t', '2020-02-10'), 10),
       bench_time(format('SELECT sum(length(t::text)) FROM bench_prev.report_not_reported(%L) t', '2020-02-10'), 10),
       (SELECT array_agg(t) FROM (SELECT * FROM grid.report_not_reported('2020-02-10')) t)
       IS NOT DISTINCT FROM (SELECT array_agg(t) FROM (SELECT * FROM bench_prev.report_not_reported('2020-02-10')) t), NULL;
SELECT 'generic plans kept: ' || string_agg(name || ' ' || generic_plans || ' of ' || (generic_plans + custom_plans), ', ' ORDER BY name)
       AS "prepared statements" FROM pg_prepared_statements;
RESET ROLE;
SET ROLE bench_community;
INSERT INTO call_list
SELECT 'community: its village''s call list, once', (SELECT count(*) FROM grid.report_not_reported('2020-02-10')),
       bench_time($$SELECT sum(length(t::text)) FROM grid.report_not_reported('2020-02-10') t$$, 5),
       bench_time($$SELECT sum(length(t::text)) FROM bench_prev.report_not_reported('2020-02-10') t$$, 5),
       (SELECT array_agg(t) FROM (SELECT * FROM grid.report_not_reported('2020-02-10')) t)
       IS NOT DISTINCT FROM (SELECT array_agg(t) FROM (SELECT * FROM bench_prev.report_not_reported('2020-02-10')) t), NULL;
RESET ROLE;

-- The archive beside its previous form (bench_prev.archive_reports, with
-- the masking trigger it had), on the same data, as the city and as the
-- nightly job (the superuser, who sees IDs in full): best of 2 each, and
-- whether both store the same rows (but for who took them and when).
CREATE FUNCTION pg_temp.archive_text() RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(format('%s %s %s %s %s', report, day, division, line, data), ',' ORDER BY report, day, division, line))
      FROM grid.report_archive
$$;
SELECT pg_get_triggerdef(oid) AS this_trigger FROM pg_trigger WHERE tgname = 'report_archive_mask' \gset
CREATE TEMP TABLE archive_fig (who text, ms numeric, prev_ms numeric, equal boolean);
GRANT ALL ON archive_fig TO PUBLIC;
-- archive_time(version, who): the best of 2 archives by grid.archive_reports
-- (this) or bench_prev.archive_reports (prev), as bench_city or the superuser.
CREATE FUNCTION pg_temp.archive_time(version text, w text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    ms numeric;
BEGIN
    IF w = 'bench_city' THEN
        SET ROLE bench_city;
    END IF;
    ms := bench_time(format('SELECT * FROM %s(%L)',
                            CASE version WHEN 'this' THEN 'grid.archive_reports' ELSE 'bench_prev.archive_reports' END,
                            '2020-02-10'), 2);
    RESET ROLE;
    RETURN ms;
END $$;
INSERT INTO archive_fig (who, ms) VALUES ('bench_city', pg_temp.archive_time('this', 'bench_city')),
                                         ('nightly job (superuser)', pg_temp.archive_time('this', 'superuser'));
SELECT pg_temp.archive_text() AS this_rows \gset
DROP TRIGGER report_archive_mask ON grid.report_archive;
:prev_trigger;
UPDATE archive_fig SET prev_ms = pg_temp.archive_time('prev', CASE WHEN who = 'bench_city' THEN who END);
UPDATE archive_fig SET equal = (pg_temp.archive_text() = :'this_rows');
DROP TRIGGER report_archive_mask ON grid.report_archive;
:this_trigger;
SELECT count(*) AS archived_again FROM grid.archive_reports('2020-02-10') \gset
UPDATE fig SET ms = (SELECT ms FROM archive_fig WHERE who = 'bench_city') WHERE what = 'city: archive_reports';


\echo == the reports of 2020-02-10 in ms: the city best of 3 (its call list once, the archive best of 2), the baseline best of 3, the community best of 5 ==
SELECT what, rows, ms, target_ms FROM fig ORDER BY what LIKE 'baseline%' DESC, what LIKE 'city%' DESC, what;
SELECT sum(ms) FILTER (WHERE what LIKE 'city: %' AND what <> 'city: archive_reports') AS "all city reports (ms)",
       sum(ms) FILTER (WHERE what = 'city: archive_reports') AS "archive (ms)",
       sum(ms) FILTER (WHERE what LIKE 'city: %') AS "together (ms, target 10000)",
       round((SELECT ms FROM fig WHERE what = 'city: temperature')
             / (SELECT ms FROM fig WHERE what LIKE 'baseline%'), 2) AS "temperature / baseline",
       -- the same run's baseline as the unit: this machine's speed varies
       -- by a fifth or more from run to run, the ratio less
       round(sum(ms) FILTER (WHERE what LIKE 'city: %')
             / (SELECT ms FROM fig WHERE what LIKE 'baseline%'), 2) AS "together / baseline"
  FROM fig;

\echo == the archive as the city and as the nightly job: this form (ms) and the previous one (prev_ms), best of 2, same rows ==
SELECT who, ms, prev_ms, round(prev_ms / nullif(ms, 0), 2) AS "prev / this", equal FROM archive_fig ORDER BY who;
\echo == the call list of one grid and of one village: this form (ms) and the previous one (prev_ms) in the same run ==
SELECT what, rows, ms, prev_ms, round(prev_ms / nullif(ms, 0), 1) AS "prev / this", equal, target_ms FROM call_list ORDER BY what DESC;

\if :thirty
-- The days before the report day filled up to 30, as test/bench/facts.sql
-- adds them (half the day's share of residents reporting on each), the
-- days and facts counted once instead of by the triggers, as an
-- administrator would after a bulk load; then every city report but the
-- call list and the archive again.
\echo == adding the days before 2020-02-10 up to 30 ==
\timing on
ALTER TABLE grid.health_report DISABLE TRIGGER health_day_add;
-- (the place given, the resident's, as grid.place_from_resident gives it)
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method, place)
SELECT r.id, (ARRAY['app', 'sms', 'voice', 'proxy'])[1 + abs(hashtext(r.id::text || 'c' || d.k)::bigint) % 4],
       date_trunc('minute', t, 'UTC'), t, CASE WHEN f THEN 38.0 ELSE 36.5 END, f, r.division, 'id', r.place
  FROM grid.resident r
 CROSS JOIN (SELECT h AS k, date '2020-02-10' - h AS day FROM generate_series(:history + 1, 30) h) d
 CROSS JOIN LATERAL (SELECT grid.report_day_start(d.day) + interval '8 hours'
                            + (abs(hashtext(r.id::text || 't' || d.k)::bigint) % 36000) * interval '1 second' AS t,
                            abs(hashtext(r.id::text || 'f' || d.k)::bigint) % 100 = 0 AS f) x
 WHERE abs(hashtext(r.id::text || 'r' || d.k)::bigint) % 1000000
       < 1000000.0 * (SELECT count(*) FROM grid.health_day WHERE day = '2020-02-10') / (SELECT count(*) FROM grid.resident) * 0.5;
ALTER TABLE grid.health_report ENABLE TRIGGER health_day_add;
ALTER TABLE grid.health_day DISABLE TRIGGER USER;
INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
SELECT grid.report_day(h.reported_at), h.resident_id, h.division, count(*)::integer,
       bool_or(h.fever), bit_or(ch.bit), max(h.reported_at),
       (array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
  FROM grid.health_report h
  JOIN grid.channel ch ON ch.code = h.channel
 WHERE h.reported_at < grid.report_day_start(date '2020-02-10' - :history)
 GROUP BY 1, 2, 3;
ALTER TABLE grid.health_day ENABLE TRIGGER USER;
SELECT grid.rebuild_facts() AS fact_rows;
VACUUM ANALYZE;
\timing off
SELECT count(DISTINCT day) AS days_with_reports, count(*) AS resident_days FROM grid.health_day;
SET ROLE bench_city;
INSERT INTO fig
SELECT 'city, 30 days: ' || c.report, NULL,
       bench_time(format('SELECT sum(length(t::text)) FROM %s(%L) t', c.function, '2020-02-10'), 3), NULL
  FROM grid.report_catalog() c WHERE c.report <> 'not_reported';
INSERT INTO fig SELECT 'city, 30 days: archive_reports', NULL, bench_time($$SELECT * FROM grid.archive_reports('2020-02-10')$$, 2), NULL;
RESET ROLE;
\echo == with 30 days of history: the city reports but the call list, and the archive, ms ==
SELECT what, ms FROM fig WHERE what LIKE 'city, 30 days: %' ORDER BY what;
\endif

SELECT sum(ms) FILTER (WHERE what LIKE 'city: %' AND what <> 'city: not_reported') AS "every city report but the call list, and the archive (ms, target 1000)",
       sum(ms) FILTER (WHERE what LIKE 'city, 30 days: %') AS "the same, 30 days of history (ms)",
       round(sum(ms) FILTER (WHERE what LIKE 'city, 30 days: %')
             / nullif(sum(ms) FILTER (WHERE what LIKE 'city: %' AND what <> 'city: not_reported'), 0), 2) AS "30 days / 1 day"
  FROM fig;
