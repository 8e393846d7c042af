-- Benchmark of grid.resident_id (run by test/bench/resident_id.sh).
-- Same run, same table: the cast against left(id, 17)::bigint (the cost of
-- merely reading the digits) and against a plain PL/pgSQL validator (what
-- users write today); then index sizes against text.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = public, grid;

-- :rows distinct IDs, valid, made with an independent MOD 11-2 in SQL.
DROP TABLE IF EXISTS bench_ids;
CREATE UNLOGGED TABLE bench_ids AS
SELECT d || substr('10X98765432', (
           (substr(d,1,1)::int*7 + substr(d,2,1)::int*9 + substr(d,3,1)::int*10 + substr(d,4,1)::int*5
          + substr(d,5,1)::int*8 + substr(d,6,1)::int*4 + substr(d,7,1)::int*2 + substr(d,8,1)::int*1
          + substr(d,9,1)::int*6 + substr(d,10,1)::int*3 + substr(d,11,1)::int*7 + substr(d,12,1)::int*9
          + substr(d,13,1)::int*10 + substr(d,14,1)::int*5 + substr(d,15,1)::int*8 + substr(d,16,1)::int*4
          + substr(d,17,1)::int*2) % 11) + 1, 1) AS id
  FROM (SELECT (ARRAY['420502','420503','420504','420505','420506','420525','420526','420527',
                      '420528','420529','420581','420582','420583'])[1 + g % 13]
               || to_char(date '1930-01-01' + g % 33000, 'YYYYMMDD')
               || lpad((g / 33000 % 1000)::text, 3, '0') AS d
          FROM generate_series(1, :rows) g) s;
VACUUM ANALYZE bench_ids;

-- What users write today.
CREATE OR REPLACE FUNCTION bench_plpgsql_resident_id(id text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    s text := upper(btrim(id));
    weights int[] := ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];
    total int := 0;
    birth date;
BEGIN
    IF s !~ '^[0-9]{17}[0-9X]$' THEN
        RAISE EXCEPTION 'invalid resident ID %', id;
    END IF;
    IF substr(s, 1, 2)::int NOT IN (11,12,13,14,15,21,22,23,31,32,33,34,35,36,37,41,42,43,44,45,46,
                                    50,51,52,53,54,61,62,63,64,65,71,81,82,83) THEN
        RAISE EXCEPTION 'invalid province in %', id;
    END IF;
    BEGIN
        birth := make_date(substr(s, 7, 4)::int, substr(s, 11, 2)::int, substr(s, 13, 2)::int);
    EXCEPTION WHEN others THEN
        RAISE EXCEPTION 'invalid birth date in %', id;
    END;
    IF birth > current_date THEN
        RAISE EXCEPTION 'birth date in the future in %', id;
    END IF;
    FOR i IN 1..17 LOOP
        total := total + substr(s, i, 1)::int * weights[i];
    END LOOP;
    IF substr('10X98765432', total % 11 + 1, 1) <> substr(s, 18, 1) THEN
        RAISE EXCEPTION 'bad check character in %', id;
    END IF;
    RETURN s;
END $$;

-- Best of three runs of each, in milliseconds.
\ir best_time.sql

CREATE TEMP TABLE bench_result AS
SELECT bench_time('SELECT count(id::grid.resident_id) FROM bench_ids') AS cast_ms,
       bench_time('SELECT count(left(id, 17)::bigint) FROM bench_ids') AS bigint_ms,
       bench_time('SELECT count(bench_plpgsql_resident_id(id)) FROM bench_ids', 1) AS plpgsql_ms;

\echo
\echo == cast of :rows IDs (best of 3; PL/pgSQL one run) ==
SELECT cast_ms AS "grid.resident_id cast (ms)",
       bigint_ms AS "left(id,17)::bigint (ms)",
       plpgsql_ms AS "PL/pgSQL validator (ms)",
       round(cast_ms / bigint_ms, 2) AS "cast / bigint (target <= 1.3)",
       round(plpgsql_ms / cast_ms, 1) AS "PL/pgSQL / cast (target >= 40)"
  FROM bench_result;

-- Index size, same IDs as the type and as text.
CREATE UNLOGGED TABLE bench_typed AS SELECT id::grid.resident_id AS id FROM bench_ids;
CREATE INDEX bench_typed_idx ON bench_typed (id);
CREATE INDEX bench_text_idx ON bench_ids (id);
\echo
\echo == btree index on :rows distinct IDs ==
SELECT pg_size_pretty(pg_relation_size('bench_typed_idx')) AS "grid.resident_id index",
       pg_size_pretty(pg_relation_size('bench_text_idx')) AS "text index",
       round(100.0 * pg_relation_size('bench_typed_idx') / pg_relation_size('bench_text_idx'), 1)
           AS "typed / text % (target <= 60)";

-- A table of events keyed by resident repeats IDs: deduplication serves both.
CREATE UNLOGGED TABLE bench_events AS SELECT id FROM bench_ids, generate_series(1, 5);
CREATE UNLOGGED TABLE bench_events_typed AS SELECT id::grid.resident_id AS id FROM bench_events;
CREATE INDEX bench_events_idx ON bench_events (id);
CREATE INDEX bench_events_typed_idx ON bench_events_typed (id);
\echo
\echo == btree index on 5 events per ID (deduplicated) ==
SELECT pg_size_pretty(pg_relation_size('bench_events_typed_idx')) AS "grid.resident_id index",
       pg_size_pretty(pg_relation_size('bench_events_idx')) AS "text index",
       round(100.0 * pg_relation_size('bench_events_typed_idx') / pg_relation_size('bench_events_idx'), 1)
           AS "typed / text %";

DROP TABLE bench_ids, bench_typed, bench_events, bench_events_typed;
DROP FUNCTION bench_plpgsql_resident_id(text), bench_time(text, int);
