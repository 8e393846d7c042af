-- Body of test/bench/access_writes.sh: grid.ingest_app as a county's role,
-- with and without the policy grid_resident.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';

CREATE TABLE bench_village AS
SELECT row_number() OVER (ORDER BY code) - 1 AS k, code
  FROM grid.division WHERE level = 'village' AND code OPERATOR(grid.<@) '420503';
SELECT count(*) AS villages FROM bench_village \gset
INSERT INTO grid.resident (id, name, phones, division)
SELECT grid.synth_with_check('420503' || to_char(DATE '1940-01-01' + (g % 29200), 'YYYYMMDD')
                             || lpad((g / 29200)::text, 3, '0')),
       '张' || g, ARRAY['13' || lpad(g::text, 9, '0')], v.code
  FROM generate_series(1, :reports) g JOIN bench_village v ON v.k = g % :villages;
ANALYZE grid.resident;
-- One app report per resident on 2020-02-10, 1% fevers.
CREATE TABLE bench_app AS
SELECT r.id::text AS id_text, to_char(TIMESTAMP '2020-02-10 06:00' + (n % 900) * interval '1 minute', 'YYYY-MM-DD HH24:MI') AS reported_at,
       CASE WHEN n % 100 = 0 THEN '38.2' ELSE '36.5' END AS temperature
  FROM (SELECT id, row_number() OVER () AS n FROM grid.resident) r;

CREATE ROLE bench_county NOLOGIN;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO bench_county;
GRANT ALL ON ALL SEQUENCES IN SCHEMA grid TO bench_county;
SELECT grid.grant_scope('bench_county', '420503') IS NULL AS granted \gset
CREATE TABLE bench_fig (policy boolean, run int, ms numeric, accepted bigint);
GRANT ALL ON bench_fig TO bench_county;

-- One run: empty the tables, stage the reports, ingest them as the county.
CREATE FUNCTION bench_reset() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE grid.health_report, grid.key_person, grid.report_review, grid.ingest_reject;
    -- staged as the county: a role ingests only the rows it staged
    INSERT INTO grid.stage_app (id_text, reported_at, temperature, staged_by)
    SELECT b.*, 'bench_county'::regrole FROM bench_app b;
    ANALYZE grid.stage_app;
END $$;


-- The policy on the tables ingestion writes: as installed, or dropped.
CREATE FUNCTION bench_policy(on_ boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF on_ THEN
        PERFORM grid.enable_resident_check('grid.health_report');
        PERFORM grid.enable_resident_check('grid.key_person');
        PERFORM grid.enable_resident_check('grid.report_review', 'best_candidate', false);
    ELSE
        DROP POLICY grid_resident ON grid.health_report;
        DROP POLICY grid_resident ON grid.key_person;
        DROP POLICY grid_resident ON grid.report_review;
    END IF;
END $$;
CREATE TABLE bench_t0 (t timestamptz);
GRANT ALL ON bench_t0 TO bench_county;

-- With the policy and without it, alternately, three runs each: each run
-- empties the tables, stages the reports and ingests them as the county,
-- timed from the row put in bench_t0 to the end of the ingest.
SELECT x.stmt
  FROM generate_series(1, 3) r, (VALUES (1, true), (2, false)) p(k, on_),
       LATERAL (VALUES
           (1, format('SELECT bench_policy(%L)', p.on_)),
           (2, 'SELECT bench_reset()'),
           (3, 'CHECKPOINT'),
           (4, 'SET ROLE bench_county'),
           (5, 'TRUNCATE bench_t0'),
           (6, 'INSERT INTO bench_t0 VALUES (clock_timestamp())'),
           (7, format('INSERT INTO bench_fig SELECT %L, %s, '
                      'round((extract(epoch FROM clock_timestamp() - (SELECT t FROM bench_t0)) * 1000)::numeric, 1), '
                      '(i.r).accepted FROM (SELECT grid.ingest_app() AS r OFFSET 0) i', p.on_, r)),
           (8, 'RESET ROLE')) x(n, stmt)
 ORDER BY r, p.k, x.n \gexec
SELECT bench_policy(true);

\echo == grid.ingest_app of one app report per resident, as the county role, ms (best of 3) ==
SELECT :reports AS reports, w.ms AS "with grid_resident", o.ms AS "without", round(w.ms / o.ms, 2) AS ratio,
       round((w.ms - o.ms) * 1000 / :reports, 2) AS "added µs per report",
       (SELECT bool_and(accepted = :reports) FROM bench_fig) AS "all accepted"
  FROM (SELECT min(ms) AS ms FROM bench_fig WHERE policy) w, (SELECT min(ms) AS ms FROM bench_fig WHERE NOT policy) o;
SELECT policy, run, ms FROM bench_fig ORDER BY policy DESC, run;
