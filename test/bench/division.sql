-- Benchmark of subtree selection (run by test/bench/division.sh): on :rows
-- rows, `division <@ code` on a btree-indexed grid.division_code against
-- `LIKE 'prefix%'` on text with text_pattern_ops and `<@` on an ltree with
-- GiST, for a county, a township and a village, in the same run.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = public, grid;
CREATE EXTENSION IF NOT EXISTS ltree;

-- Village-level codes under Yichang's real county codes: 13 counties x 12
-- townships x 25 villages, rows spread evenly and stored in random order.
DROP TABLE IF EXISTS bench_div;
CREATE UNLOGGED TABLE bench_div AS
SELECT code::grid.division_code AS division, code AS code_text,
       text2ltree(substr(code, 1, 2) || '.' || substr(code, 1, 4) || '.' || substr(code, 1, 6) || '.'
                  || substr(code, 1, 9) || '.' || code) AS path,
       g AS payload
  FROM (SELECT g, (ARRAY['420502','420503','420504','420505','420506','420525','420526','420527',
                         '420528','420529','420581','420582','420583'])[1 + (h % 13)]
                  || lpad((1 + (h / 13) % 12)::text, 3, '0')
                  || lpad((1 + (h / 156) % 25)::text, 3, '0') AS code
          FROM (SELECT g, (hashint4(g) & 2147483647) AS h FROM generate_series(1, :rows) g) s) t;
CREATE INDEX bench_div_code ON bench_div (division);
CREATE INDEX bench_div_text ON bench_div (code_text text_pattern_ops);
CREATE INDEX bench_div_path ON bench_div USING gist (path);
VACUUM ANALYZE bench_div;

CREATE OR REPLACE FUNCTION bench_time(query text, runs int DEFAULT 5) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
    best numeric;
    t0 timestamptz;
    ms numeric;
BEGIN
    FOR i IN 1..runs LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
        best := least(coalesce(best, ms), ms);
    END LOOP;
    RETURN round(best, 2);
END $$;

CREATE TEMP TABLE bench_levels (level text, code text, path text);
INSERT INTO bench_levels VALUES
    ('county', '420503', '42.4205.420503'),
    ('township', '420503004', '42.4205.420503.420503004'),
    ('village', '420503004001', '42.4205.420503.420503004.420503004001');

\echo
\echo == subtree selection, sum(payload) of the rows in the subtree (best of 5, ms) ==
SELECT level,
       (SELECT count(*) FROM bench_div WHERE division <@ code::grid.division_code) AS rows,
       bench_time(format('SELECT sum(payload) FROM bench_div WHERE division <@ %L', code)) AS "division_code <@",
       bench_time(format('SELECT sum(payload) FROM bench_div WHERE code_text LIKE %L', code || '%')) AS "text LIKE",
       bench_time(format('SELECT sum(payload) FROM bench_div WHERE path <@ %L', path)) AS "ltree <@ (GiST)"
  INTO TEMP bench_out FROM bench_levels;
SELECT *, round(least("text LIKE", "ltree <@ (GiST)") / "division_code <@", 2) AS "fastest other / ours (target >= 1)"
  FROM bench_out ORDER BY rows DESC;

\echo
\echo == the same, count(*) only ==
SELECT level,
       bench_time(format('SELECT count(*) FROM bench_div WHERE division <@ %L', code)) AS "division_code <@",
       bench_time(format('SELECT count(*) FROM bench_div WHERE code_text LIKE %L', code || '%')) AS "text LIKE",
       bench_time(format('SELECT count(*) FROM bench_div WHERE path <@ %L', path)) AS "ltree <@ (GiST)"
  INTO TEMP bench_out2 FROM bench_levels;
SELECT *, round(least("text LIKE", "ltree <@ (GiST)") / "division_code <@", 2) AS "fastest other / ours (target >= 1)"
  FROM bench_out2 ORDER BY 2 DESC;

\echo
\echo == plans ==
EXPLAIN (COSTS OFF) SELECT sum(payload) FROM bench_div WHERE division <@ '420503004';
EXPLAIN (COSTS OFF) SELECT sum(payload) FROM bench_div WHERE code_text LIKE '420503004%';

\echo
\echo == index sizes ==
SELECT pg_size_pretty(pg_relation_size('bench_div_code')) AS "division_code btree",
       pg_size_pretty(pg_relation_size('bench_div_text')) AS "text btree",
       pg_size_pretty(pg_relation_size('bench_div_path')) AS "ltree gist";
DROP TABLE bench_div;
