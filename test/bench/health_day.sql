-- Body of test/bench/health_day.sh: inserting health reports with and
-- without the triggers that keep grid.health_day.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';

-- The reports: valid IDs (birth dates from 1950, sequence 1 to 999), one
-- app report each on 2020-02-10, 1% fevers, over the villages of 伍家岗区.
CREATE TABLE bench_src AS
SELECT grid.synth_with_check('420503' || to_char(date '1950-01-01' + (g / 999)::int, 'YYYYMMDD')
                             || lpad((g % 999 + 1)::text, 3, '0'))::grid.resident_id AS resident_id,
       timestamptz '2020-02-10 06:00+08' + (g % 50000) * interval '1 second' AS at,
       g % 100 = 0 AS fever,
       (SELECT array_agg(code) FROM grid.division WHERE level = 'village' AND code OPERATOR(grid.<@) '420503')
           [1 + g % 100] AS division
  FROM generate_series(0, :reports - 1) g;
-- villages of 伍家岗区: fewer than 100 exist, so fill the gaps with the first
UPDATE bench_src SET division = (SELECT grid.min(code) FROM grid.division WHERE level = 'village' AND code OPERATOR(grid.<@) '420503')
 WHERE division IS NULL;
-- numbered in key order, so that batches are ranges
CREATE TABLE bench_rows AS SELECT row_number() OVER (ORDER BY resident_id) - 1 AS n, * FROM bench_src;
CREATE INDEX ON bench_rows (n);
ANALYZE bench_rows;

CREATE FUNCTION bench_insert(batch bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    n bigint := (SELECT count(*) FROM bench_rows);
BEGIN
    TRUNCATE grid.health_report;
    FOR lo IN 0 .. n - 1 BY batch LOOP
        INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
        SELECT s.resident_id, 'app', date_trunc('minute', s.at, 'UTC'), s.at,
               CASE WHEN s.fever THEN 38.2 ELSE 36.5 END, s.fever, s.division, 'id'
          FROM bench_rows s WHERE s.n >= lo AND s.n < lo + batch ORDER BY s.n;
    END LOOP;
END $$;
\ir best_time.sql

CREATE TEMP TABLE fig (what text, with_ms numeric, without_ms numeric);
INSERT INTO fig SELECT 'one statement', bench_time(format('SELECT bench_insert(%s)', :reports), 3), NULL;
SELECT count(*) AS health_days FROM grid.health_day;
INSERT INTO fig SELECT 'batches of 10,000', bench_time('SELECT bench_insert(10000)', 3), NULL;
ALTER TABLE grid.health_report DISABLE TRIGGER health_day_add;
UPDATE fig SET without_ms = bench_time(format('SELECT bench_insert(%s)', :reports), 3) WHERE what = 'one statement';
UPDATE fig SET without_ms = bench_time('SELECT bench_insert(10000)', 3) WHERE what = 'batches of 10,000';
ALTER TABLE grid.health_report ENABLE TRIGGER health_day_add;

\echo == inserting the reports into grid.health_report, ms (best of 3) ==
SELECT :reports AS reports, what, with_ms AS "with grid.health_day", without_ms AS "without",
       round(with_ms / without_ms, 2) AS ratio,
       round((with_ms - without_ms) * 1000 / :reports, 2) AS "added µs per report"
  FROM fig;
