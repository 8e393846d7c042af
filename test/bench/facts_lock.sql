-- Body of test/bench/facts_lock.sh: one INSERT of 200,000 reports with
-- this version's key-person readings' trigger and with the previous one.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET jit = off;

-- two reports per resident on 2020-02-11, for the first 100,000 residents
CREATE TABLE bench_new AS
SELECT r.id AS resident_id, r.division, t.at
  FROM (SELECT id, division FROM grid.resident ORDER BY id LIMIT 100000) r
 CROSS JOIN (VALUES (timestamptz '2020-02-11 08:00+08'), (timestamptz '2020-02-11 20:00+08')) t(at);
ANALYZE bench_new;
SELECT count(*) AS reports, count(DISTINCT resident_id) AS residents,
       (SELECT count(DISTINCT k.resident_id) FROM grid.key_person k WHERE k.resident_id OPERATOR(grid.=) ANY (SELECT resident_id FROM bench_new))
           AS of_them_key_persons
  FROM bench_new;

-- the insert, timed, then rolled back
CREATE FUNCTION bench_insert() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
    ms numeric;
BEGIN
    BEGIN
        INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
        SELECT s.resident_id, 'app', date_trunc('minute', s.at, 'UTC'), s.at, 36.5, false, s.division, 'id' FROM bench_new s;
        ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
        RAISE EXCEPTION 'rolled back';
    EXCEPTION WHEN raise_exception THEN
        NULL;
    END;
    RETURN round(ms, 1);
END $$;
-- the statement the trigger adds, alone
CREATE FUNCTION bench_lock() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM grid.key_person_lock(ARRAY(SELECT DISTINCT grid.key_person_bucket(a.resident_id) FROM bench_new a), false);
    RETURN round(extract(epoch FROM clock_timestamp() - t0) * 1000, 2);
END $$;
CREATE TEMP TABLE fig (run int, version text, ms numeric);
SELECT bench_insert() AS warm_up \gset

\set run 1
\ir facts_lock_run.sql
\set run 2
\ir facts_lock_run.sql
\set run 3
\ir facts_lock_run.sql
\set run 4
\ir facts_lock_run.sql
\set run 5
\ir facts_lock_run.sql
INSERT INTO fig SELECT 0, 'locks alone', min(ms) FROM (SELECT bench_lock() AS ms FROM generate_series(1, 10)) x;

\echo == one INSERT of 200,000 reports, ms: this version (the locks) and the previous (none), alternating ==
SELECT version, count(*) AS runs, min(ms) AS best, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median,
       array_agg(ms ORDER BY run) AS each FROM fig GROUP BY version ORDER BY version;
SELECT round(((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM fig WHERE version = 'this')
              - (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM fig WHERE version = 'previous'))::numeric * 1000
             / 200000, 2) AS "median difference, µs a report",
       round((SELECT ms FROM fig WHERE version = 'locks alone') * 1000 / 200000, 3) AS "locks alone, µs a report";
