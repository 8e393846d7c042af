-- Matching benchmark (run by test/bench/matching.sh): prints figures and
-- ratios against the pg_trgm baseline measured in the same run.
\set ON_ERROR_STOP on
\pset footer off
SET search_path = public, grid;
SET client_min_messages = warning;
SET jit = off;
\timing on

\echo == registry: :residents residents
SELECT grid.synth_registry(:residents, 2020) AS residents_made;
VACUUM ANALYZE grid.resident;
SELECT pg_size_pretty(pg_total_relation_size('grid.resident')) AS resident_table_and_indexes;

\echo == source: :records returnee records, corrupted
SELECT grid.synth_source('returnee', :records, 7) AS batch \gset
SELECT c AS corruption, count(*) AS records, round(100.0 * count(*) / :records, 1) AS per_cent
  FROM grid.synthetic_truth t, unnest(t.corruptions || CASE WHEN t.corruptions = '{}' THEN '{clean}'::text[] END) c
 GROUP BY c ORDER BY 2 DESC;

\echo == link_batch (end to end)
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM grid.link_batch(:batch);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS link_seconds,
       round(:records / extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric) AS records_per_second \gset
\echo link_batch: :link_seconds s, :records_per_second records/s

\echo == quality of automatic links (grid)
CREATE TEMP TABLE grid_eval AS
SELECT t.record_id, t.resident_id AS truth, l.resident_id, l.decision, t.corruptions
  FROM grid.synthetic_truth t JOIN grid.record_link l USING (record_id);
CREATE TEMP VIEW grid_quality AS
SELECT count(*) FILTER (WHERE decision = 'link') AS links,
       round(100.0 * count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)
             / nullif(count(*) FILTER (WHERE decision = 'link'), 0), 3) AS precision_pct,
       round(100.0 * count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)
             / nullif(count(*) FILTER (WHERE truth IS NOT NULL), 0), 3) AS recall_pct,
       round(100.0 * count(*) FILTER (WHERE decision = 'review') / count(*), 3) AS review_pct,
       round(100.0 * count(*) FILTER (WHERE decision = 'link' AND truth IS NULL)
             / nullif(count(*) FILTER (WHERE truth IS NULL), 0), 3) AS unregistered_linked_pct
  FROM grid_eval;
SELECT * FROM grid_quality;

\echo == recall per corruption kind (grid)
SELECT c AS corruption, count(*) AS records,
       round(100.0 * count(*) FILTER (WHERE decision = 'link' AND resident_id = truth) / count(*), 2) AS auto_link_recall_pct,
       round(100.0 * count(*) FILTER (WHERE decision = 'review') / count(*), 2) AS review_pct
  FROM grid_eval, unnest(corruptions || CASE WHEN corruptions = '{}' THEN '{clean}'::text[] END) c
 WHERE truth IS NOT NULL
 GROUP BY c ORDER BY 1;

\echo == baseline: pg_trgm similarity of name and address, on :baseline records
SELECT clock_timestamp() AS t0 \gset
CREATE INDEX bench_resident_name_trgm ON grid.resident USING gin (name gin_trgm_ops);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS trgm_index_seconds;
-- The sample: the first records of the batch.
CREATE TEMP TABLE sample AS
SELECT sr.record_id, sr.raw ->> '姓名' AS name, sr.raw ->> '现住址' AS address, t.resident_id AS truth, t.corruptions
  FROM grid.source_record sr JOIN grid.synthetic_truth t USING (record_id)
 WHERE sr.batch_id = :batch ORDER BY sr.record_id LIMIT :baseline;
SELECT clock_timestamp() AS t0 \gset
-- Candidates by trigram on the name (the index), scored by the mean of name
-- and address similarity; the same decision rule as grid.link_batch on a
-- [0, 1] scale: link at 0.75 unless the runner-up is within 0.05, review at
-- 0.5, else no link.
CREATE TEMP TABLE trgm_eval AS
SELECT s.record_id, s.truth, s.corruptions, b.id AS resident_id,
       CASE WHEN b.score IS NULL OR b.score < 0.5 THEN 'no_link'
            WHEN b.score >= 0.75 AND (b.second IS NULL OR b.second < b.score - 0.05) THEN 'link'
            ELSE 'review' END AS decision
  FROM sample s
  LEFT JOIN LATERAL (
      SELECT (array_agg(c.id ORDER BY c.score DESC))[1] AS id, max(c.score) AS score,
             (array_agg(c.score ORDER BY c.score DESC))[2] AS second
        FROM (SELECT x.id, (similarity(x.name, s.name) + similarity(a.full_text, coalesce(s.address, ''))) / 2 AS score
                FROM grid.resident x JOIN grid.standard_address a ON a.id = x.address_id
               WHERE x.name % s.name
               ORDER BY x.name <-> s.name LIMIT 50) c) b ON true;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS trgm_seconds,
       round(:baseline / extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric) AS trgm_records_per_second \gset
\echo pg_trgm baseline: :trgm_seconds s for :baseline records, :trgm_records_per_second records/s
SELECT 'grid (same records)' AS method,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id = g.truth)
             / nullif(count(*) FILTER (WHERE g.decision = 'link'), 0), 3) AS precision_pct,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id = g.truth)
             / nullif(count(*) FILTER (WHERE g.truth IS NOT NULL), 0), 3) AS recall_pct,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'review') / count(*), 3) AS review_pct
  FROM grid_eval g JOIN sample s USING (record_id)
UNION ALL
SELECT 'pg_trgm baseline',
       round(100.0 * count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)
             / nullif(count(*) FILTER (WHERE decision = 'link'), 0), 3),
       round(100.0 * count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)
             / nullif(count(*) FILTER (WHERE truth IS NOT NULL), 0), 3),
       round(100.0 * count(*) FILTER (WHERE decision = 'review') / count(*), 3)
  FROM trgm_eval;
\echo == recall per corruption kind: grid against pg_trgm (same records)
SELECT c AS corruption, count(*) AS records,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id = g.truth) / count(*), 2) AS grid_pct,
       round(100.0 * count(*) FILTER (WHERE t.decision = 'link' AND t.resident_id = t.truth) / count(*), 2) AS trgm_pct
  FROM trgm_eval t JOIN grid_eval g USING (record_id),
       unnest(t.corruptions || CASE WHEN t.corruptions = '{}' THEN '{clean}'::text[] END) c
 WHERE t.truth IS NOT NULL
 GROUP BY c ORDER BY 1;
SELECT round(:records_per_second / nullif(:trgm_records_per_second, 0), 1) AS grid_over_trgm_throughput;
DROP INDEX grid.bench_resident_name_trgm;

\echo == find_resident: exact ID (1000 look-ups) and fuzzy (300 look-ups without a usable ID)
CREATE TEMP TABLE lookup_ms (kind text, ms float8);
DO $$
DECLARE
    q record;
    t0 timestamptz;
    cnt int;
BEGIN
    FOR q IN SELECT resident_id::text AS id FROM grid.synthetic_resident s WHERE s.n % 397 = 1 LIMIT 1000 LOOP
        t0 := clock_timestamp();
        SELECT count(*) INTO cnt FROM grid.find_resident(q.id);
        INSERT INTO lookup_ms VALUES ('exact_id', extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
    FOR q IN SELECT sr.raw ->> '身份证号' AS id, sr.raw ->> '姓名' AS name, sr.raw ->> '联系电话' AS phone,
                    sr.raw ->> '现住址' AS address
               FROM grid.source_record sr JOIN grid.synthetic_truth t USING (record_id)
              WHERE t.corruptions && '{id_missing,id_digit,id_swap}' LIMIT 300 LOOP
        t0 := clock_timestamp();
        SELECT count(*) INTO cnt FROM grid.find_resident(q.id, q.name, q.phone, q.address);
        INSERT INTO lookup_ms VALUES ('fuzzy', extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
END
$$;
SELECT kind, count(*) AS lookups,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p95_ms,
       round(max(ms)::numeric, 3) AS max_ms
  FROM lookup_ms GROUP BY kind ORDER BY kind;
