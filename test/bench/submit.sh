#!/bin/bash
# Benchmark of grid.submit (the JSON entry point, src/ops.sql) against the
# plain ingest path it wraps, in one run on a temporary cluster: a synthetic
# registry (default 100,000 residents), then for 10,000 and 40,000 app
# records (one report each of as many residents, keys "k<n>"), grid.submit
# in requests of at most 10,000 records, and the same kind of records
# (another day, so that both store everything) staged in grid.stage_app and
# taken by grid.ingest_app(); both times and the ratio.  The ratio should
# not grow with the number of records: submit pairs records and outcomes in
# one pass.  Times and ratios are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/submit.sh [residents]
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
    . test/lib.sh
    grid_need_packages
    grid_build_install >/dev/null
    grid_with_cluster bash test/bench/submit.sh --inside "${1:-100000}"
    exit
fi

psql -X -q -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS grid CASCADE'
psql -X -q -v residents="$2" <<'SQL'
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET search_path = public, grid;
SELECT grid.synth_registry(:residents) IS NULL AS made \gset
VACUUM ANALYZE grid.resident;
CREATE TABLE bench_fig (records int, submit_ms numeric, ingest_ms numeric);

-- n records of the app channel on a day: the first n residents, one each.
CREATE FUNCTION bench_records(n int, day date, first int) RETURNS TABLE (i int, rec jsonb) LANGUAGE sql AS $$
    SELECT (row_number() OVER (ORDER BY r.id))::int - 1,
           jsonb_build_object('key', 'k' || day || '-' || (first + row_number() OVER (ORDER BY r.id)),
                              'id_text', r.id::text, 'temperature', '36.5',
                              'reported_at', to_char(day + time '08:00', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00')
      FROM (SELECT id FROM grid.resident ORDER BY id OFFSET first LIMIT n) r
$$;

DO $$
DECLARE
    n int;
    t0 timestamptz;
    sub_ms numeric;
    ing_ms numeric;
    part jsonb;
    k int;
    day date := '2020-02-01';
BEGIN
    FOREACH n IN ARRAY ARRAY[10000, 40000] LOOP
        -- grid.submit, in requests of 10,000
        t0 := clock_timestamp();
        FOR k IN 0 .. (n - 1) / 10000 LOOP
            SELECT jsonb_agg(b.rec ORDER BY b.i) INTO part
              FROM bench_records(least(10000, n - k * 10000), day, k * 10000) b;
            PERFORM count(*) FROM grid.submit('app', part);
        END LOOP;
        sub_ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
        -- the same records another day, staged and ingested
        day := day + 1;
        t0 := clock_timestamp();
        INSERT INTO grid.stage_app (id_text, reported_at, temperature)
        SELECT b.rec ->> 'id_text', b.rec ->> 'reported_at', b.rec ->> 'temperature' FROM bench_records(n, day, 0) b;
        PERFORM grid.ingest_app();
        ing_ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
        day := day + 1;
        INSERT INTO bench_fig VALUES (n, round(sub_ms), round(ing_ms));
    END LOOP;
END $$;

\echo == grid.submit and the plain ingest path (stage_app + ingest_app), same kind of records ==
SELECT records, submit_ms, ingest_ms, round(submit_ms / ingest_ms, 2) AS "submit / ingest",
       round(submit_ms / records, 3) AS "submit ms per record"
  FROM bench_fig ORDER BY records;
SQL
