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

CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT count(pg_prewarm(c)) AS prewarmed
  FROM unnest(ARRAY['bench_div', 'bench_div_code', 'bench_div_text', 'bench_div_path']::regclass[]) c;

CREATE TEMP TABLE bench_levels (level text, code text, path text);
INSERT INTO bench_levels VALUES
    ('county', '420503', '42.4205.420503'),
    ('township', '420503004', '42.4205.420503.420503004'),
    ('village', '420503004001', '42.4205.420503.420503004.420503004001');

-- Five rounds; in each, the three forms run in turn, so that none is
-- favoured by what the one before left in the caches.  Best time wins.
CREATE OR REPLACE FUNCTION bench_round_robin(select_list text, rounds int DEFAULT 5)
RETURNS TABLE (level text, rows bigint, ours numeric, text_like numeric, ltree numeric)
LANGUAGE plpgsql AS $$
DECLARE
    l record;
    q text[];
    best numeric[];
    t0 timestamptz;
    ms numeric;
BEGIN
    FOR l IN SELECT * FROM bench_levels LOOP
        q := ARRAY[format('SELECT %s FROM bench_div WHERE division <@ %L', select_list, l.code),
                   format('SELECT %s FROM bench_div WHERE code_text LIKE %L', select_list, l.code || '%'),
                   format('SELECT %s FROM bench_div WHERE path <@ %L', select_list, l.path)];
        best := ARRAY[NULL, NULL, NULL]::numeric[];
        FOR r IN 1..rounds LOOP
            FOR i IN 1..3 LOOP
                t0 := clock_timestamp();
                EXECUTE q[i];
                ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
                best[i] := least(coalesce(best[i], ms), ms);
            END LOOP;
        END LOOP;
        level := l.level;
        EXECUTE format('SELECT count(*) FROM bench_div WHERE division <@ %L', l.code) INTO rows;
        ours := round(best[1], 2);
        text_like := round(best[2], 2);
        ltree := round(best[3], 2);
        RETURN NEXT;
    END LOOP;
END $$;

\echo
\echo == subtree selection, sum(payload) of the rows in the subtree (best of 5, ms) ==
SELECT level, rows, ours AS "division_code <@", text_like AS "text LIKE", ltree AS "ltree <@ (GiST)",
       round(least(text_like, ltree) / ours, 2) AS "fastest other / ours (target >= 1)"
  FROM bench_round_robin('sum(payload)');

\echo
\echo == the same, count(*) only ==
SELECT level, rows, ours AS "division_code <@", text_like AS "text LIKE", ltree AS "ltree <@ (GiST)",
       round(least(text_like, ltree) / ours, 2) AS "fastest other / ours (target >= 1)"
  FROM bench_round_robin('count(*)');

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
