-- Benchmark of grid.load_divisions (run by test/bench/division_registry.sh):
-- the national tables loaded twice into a database holding the shipped
-- Yichang rows; the second load is the idempotent case.
\set ON_ERROR_STOP on
SET jit = off;
\timing on
\echo == first load (:cores cores)
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_divisions(:'dir');
\echo == second load: nothing may change
SELECT file, level, rows_in, accepted, inserted, updated, merged, rejected
  FROM grid.load_divisions(:'dir');
\timing off
SELECT level, count(*) FROM grid.division GROUP BY level ORDER BY min(length(code::text));
SELECT file, reason, count(*) FROM grid.division_load_error
 WHERE load_id = (SELECT min(load_id) FROM grid.division_load_error WHERE file = 'streets.csv')
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT pg_size_pretty(pg_total_relation_size('grid.division')) AS table_and_indexes;
