-- Linking benchmark by source profile (run by test/bench/linking.sh):
-- prints figures and ratios against the pg_trgm baseline measured in the
-- same run.
\set ON_ERROR_STOP on
\pset footer off
SET search_path = public, grid;
SET client_min_messages = warning;
SET jit = off;

-- (reuse=1: the registry and the batches of an earlier run of this size
-- and seed, kept in this database, are linked again; the code is this
-- one's, installed over it)
\if :reuse
\echo == registry and sources of an earlier run, reused
SELECT count(*) AS residents FROM grid.resident;
CREATE TEMP TABLE bench_batch AS SELECT * FROM public.bench_batch;
SELECT b.profile, count(*) AS records FROM bench_batch b JOIN grid.source_record sr ON sr.batch_id = b.batch GROUP BY 1 ORDER BY 1;
\else
\echo == registry: :residents residents (seed :seed), 30 % of households sharing one phone
SELECT grid.synth_registry(:residents, :seed) AS residents_made;
SELECT grid.synth_share_phones(0.3, :seed) AS residents_sharing;
VACUUM ANALYZE grid.resident;

\echo == sources: :records records over five profiles, 10 % not registered
CREATE TABLE public.bench_batch (profile text, batch bigint);
INSERT INTO public.bench_batch
SELECT p.profile, grid.synth_source(p.source, :records / 5, :seed + p.seed, 0.1, NULL, p.profile)
  FROM (VALUES ('returnee', 'returnee', 11), ('police', 'police', 12), ('survey', 'survey', 13),
               ('sms', 'sms', 14), ('voice', 'robot', 15)) AS p(profile, source, seed);
CREATE TEMP TABLE bench_batch AS SELECT * FROM public.bench_batch;
\endif

-- (fixed=0 leaves the run with the fixed weights out: the big runs)
\if :fixed
\echo == link_batch on the batch of each profile, with the fixed weights
SELECT clock_timestamp() AS t0 \gset
SELECT b.profile, l.* FROM bench_batch b, LATERAL grid.link_batch(b.batch, weights => 'fixed') l ORDER BY b.batch, 2;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS fixed_seconds \gset
\echo link_batch, fixed weights: :fixed_seconds s
CREATE TEMP TABLE fixed_eval AS
SELECT b.profile, t.record_id, t.resident_id AS truth, l.resident_id, l.decision, t.corruptions
  FROM bench_batch b JOIN grid.record_link l ON l.batch_id = b.batch
  JOIN grid.synthetic_truth t USING (record_id);
\else
\set fixed_seconds '-'
CREATE TEMP TABLE fixed_eval (profile text, record_id bigint, truth grid.resident_id, resident_id grid.resident_id,
                              decision text, corruptions text[]);
\endif

\echo == link_batch on the batch of each profile, with the weights estimated from it
SELECT clock_timestamp() AS t0 \gset
SELECT b.profile, l.* FROM bench_batch b, LATERAL grid.link_batch(b.batch) l ORDER BY b.batch, 2;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS link_seconds,
       round(:records / extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric) AS records_per_second \gset
\echo link_batch, estimated weights: :link_seconds s, :records_per_second records/s

CREATE TEMP TABLE grid_eval AS
SELECT b.profile, t.record_id, t.resident_id AS truth, l.resident_id, l.decision, t.corruptions
  FROM bench_batch b JOIN grid.record_link l ON l.batch_id = b.batch
  JOIN grid.synthetic_truth t USING (record_id);

\echo == the estimated weights of each batch: status, and the levels whose weight changed by a bit or more
SELECT b.profile, w.status, w.reason, w.records, w.pairs, w.random_pairs, w.iterations, round(w.match_share::numeric, 3) AS match_share
  FROM bench_batch b JOIN grid.batch_weights w ON w.batch_id = b.batch ORDER BY b.batch;
SELECT b.profile, f.key AS field, l.key AS level, l.value ->> 'm_fixed' AS m_fixed, l.value ->> 'm' AS m,
       l.value ->> 'change' AS change_bits, l.value ->> 'matches' AS matches
  FROM bench_batch b JOIN grid.batch_weights w ON w.batch_id = b.batch,
       jsonb_each(w.weights) f, jsonb_each(f.value) l
 WHERE abs((l.value ->> 'change')::float8) >= 1 AND (l.value ->> 'matches')::float8 >= 1
 ORDER BY b.batch, 2, 3;

\echo == baseline: pg_trgm, candidates by the ID, the phone, or a name trigram in the village the address names
CREATE INDEX bench_resident_name_trgm ON grid.resident USING gin (name gin_trgm_ops);
CREATE TEMP TABLE sample AS
SELECT b.profile, sr.record_id, t.resident_id AS truth, t.corruptions,
       nullif(upper(translate(coalesce(sr.raw ->> '身份证号', sr.raw ->> 'id', nullif((m.r).id_text, '')), '０１２３４５６７８９Ｘｘ', '0123456789XX')), '') AS id,
       coalesce(sr.raw ->> '姓名', sr.raw ->> 'name', nullif((m.r).name, '')) AS name,
       sr.raw ->> 'message' AS message, (m.r).name AS message_name,
       sr.raw ->> 'callee' AS callee, sr.raw ->> 'callee_answer' AS callee_answer,
       grid.normalize_phone(coalesce(sr.raw ->> '联系电话', sr.raw ->> 'phone')) AS phone,
       coalesce(sr.raw ->> '现住址', sr.raw ->> 'address') AS address,
       (grid.parse_address(coalesce(sr.raw ->> '现住址', sr.raw ->> 'address'))).division AS division
  FROM bench_batch b JOIN grid.source_record sr ON sr.batch_id = b.batch JOIN grid.synthetic_truth t USING (record_id)
  -- what an SMS text holds, as grid.parse_sms reads it (linking reads it so too)
  CROSS JOIN LATERAL (SELECT grid.parse_sms(sr.raw ->> 'message') AS r) m;
-- Over 46,000 records, the baseline reads a sample of 46,000 (a hash of the
-- record number): at 4,000,000 residents a name trigram look-up takes
-- about 5 ms, and all 460,000 records took 36 minutes.
SELECT least(1.0, 46000.0 / count(*)) AS trgm_share FROM sample \gset
SELECT clock_timestamp() AS t0 \gset
-- Score: 1 for the same ID (a voice call's callee counts as its ID);
-- otherwise half the name's trigram similarity,
-- 0.3 for the same phone, 0.2 times the address's; link at 0.75 unless
-- the runner-up is within 0.05, review at 0.5, else no link.
CREATE TEMP TABLE trgm_eval AS
SELECT s.profile, s.record_id, s.truth, s.corruptions, b.id AS resident_id,
       CASE WHEN b.score IS NULL OR b.score < 0.5 THEN 'no_link'
            WHEN b.score >= 0.75 AND (b.second IS NULL OR b.second < b.score - 0.05) THEN 'link'
            ELSE 'review' END AS decision
  FROM sample s
  LEFT JOIN LATERAL (
      SELECT (array_agg(c.id ORDER BY c.score DESC, c.id))[1] AS id, max(c.score) AS score,
             (array_agg(c.score ORDER BY c.score DESC, c.id))[2] AS second
        FROM (SELECT x.id,
                     CASE WHEN x.id::text = coalesce(s.id, s.callee) THEN 1.0
                          ELSE 0.5 * coalesce(similarity(x.name, s.name), 0)
                               + CASE WHEN s.phone = ANY (x.phones) THEN 0.3 ELSE 0 END
                               + 0.2 * coalesce(similarity(a.full_text, s.address), 0) END AS score
                FROM (SELECT x.id FROM grid.resident x
                       WHERE x.id = CASE WHEN grid.is_valid_resident_id(coalesce(s.id, s.callee))
                                         THEN coalesce(s.id, s.callee)::grid.resident_id END
                      UNION
                      SELECT x.id FROM grid.resident x WHERE x.phones[1] = s.phone
                      UNION
                      SELECT x.id FROM grid.resident x WHERE x.phones[2] = s.phone
                      UNION
                      (SELECT x.id FROM grid.resident x
                        WHERE x.name % s.name AND s.division IS NOT NULL AND grid.level(s.division) <> 'city'
                          AND x.division <@ s.division
                        ORDER BY x.name <-> s.name LIMIT 50)) k
                JOIN grid.resident x ON x.id = k.id
                LEFT JOIN grid.standard_address a ON a.id = x.address_id) c) b ON true
 WHERE :trgm_share >= 1 OR (hashint8(s.record_id) & 1023) < 1024 * :trgm_share;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS trgm_seconds \gset
SELECT count(*) AS trgm_records FROM trgm_eval \gset
\echo pg_trgm baseline: :trgm_seconds s, :trgm_records records
DROP INDEX grid.bench_resident_name_trgm;

\echo == per profile: recall of automatic links, review share, false links (grid fixed, grid estimated, pg_trgm)
-- what the record holds, as the issue counts it
CREATE TEMP TABLE holds AS
SELECT s.record_id,
       CASE WHEN s.id IS NOT NULL THEN 'an ID'
            WHEN s.name IS NOT NULL AND s.phone IS NOT NULL THEN 'name + phone, no ID'
            WHEN s.name IS NOT NULL AND s.address IS NOT NULL THEN 'name + address, no ID or phone'
            WHEN s.name IS NULL AND s.phone IS NOT NULL AND s.callee IS NOT NULL THEN 'a phone and a callee, no name'
            WHEN s.name IS NULL AND s.phone IS NOT NULL THEN 'a phone, no name'
            ELSE 'other' END AS holds
  FROM sample s;
CREATE TEMP TABLE all_eval AS
SELECT 'grid fixed' AS method, e.*, h.holds FROM fixed_eval e JOIN holds h USING (record_id)
UNION ALL
SELECT 'grid estimated', e.*, h.holds FROM grid_eval e JOIN holds h USING (record_id)
UNION ALL
SELECT 'pg_trgm', e.profile, e.record_id, e.truth, e.resident_id, e.decision, e.corruptions, h.holds
  FROM trgm_eval e JOIN holds h USING (record_id);
CREATE TEMP VIEW quality AS
SELECT e.method, e.profile, count(*) AS records,
       count(*) FILTER (WHERE e.truth IS NULL) AS unregistered,
       round(100.0 * count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id = e.truth)
             / nullif(count(*) FILTER (WHERE e.truth IS NOT NULL), 0), 1) AS recall_pct,
       round(100.0 * count(*) FILTER (WHERE e.decision = 'review') / count(*), 1) AS review_pct,
       count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id IS DISTINCT FROM e.truth) AS false_links,
       round(100.0 * count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id = e.truth)
             / nullif(count(*) FILTER (WHERE e.decision = 'link'), 0), 2) AS precision_pct
  FROM all_eval e
 GROUP BY GROUPING SETS ((e.method, e.profile), (e.method));
SELECT method, coalesce(profile, 'all') AS profile, records, unregistered, recall_pct, review_pct, false_links, precision_pct
  FROM quality ORDER BY profile NULLS LAST, method;
SELECT round(g.recall_pct / nullif(t.recall_pct, 0), 2) AS recall_estimated_over_trgm,
       round(g.recall_pct / nullif(f.recall_pct, 0), 3) AS recall_estimated_over_fixed
  FROM quality g JOIN quality t ON t.method = 'pg_trgm' AND t.profile IS NULL
  LEFT JOIN quality f ON f.method = 'grid fixed' AND f.profile IS NULL
 WHERE g.method = 'grid estimated' AND g.profile IS NULL;

\echo == per kind, what the record holds: recall, review share, false links, precision
SELECT e.holds, e.method, count(*) AS records,
       round(100.0 * count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id = e.truth)
             / nullif(count(*) FILTER (WHERE e.truth IS NOT NULL), 0), 1) AS recall_pct,
       round(100.0 * count(*) FILTER (WHERE e.decision = 'review') / count(*), 1) AS review_pct,
       count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id IS DISTINCT FROM e.truth) AS false_links,
       round(100.0 * count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id = e.truth)
             / nullif(count(*) FILTER (WHERE e.decision = 'link'), 0), 2) AS precision_pct
  FROM all_eval e GROUP BY 1, 2 ORDER BY 1, 2;

\echo == records with a phone and no ID or name field (SMS, voice): by who holds the phone in the registry and what the record adds (grid estimated)
CREATE TEMP TABLE phone_records AS
SELECT s.profile, s.record_id,
       CASE WHEN h.holders = 0 THEN 'nobody' WHEN h.holders = 1 THEN 'one resident'
            WHEN h.households = 1 THEN 'one household (' || h.holders || ')' ELSE 'several households' END AS registry,
       CASE WHEN s.callee IS NOT NULL THEN 'a callee'
            WHEN s.message_name IS NOT NULL THEN 'a name in the message'
            WHEN s.message IS NOT NULL THEN 'a message, no name'
            WHEN s.address IS NOT NULL THEN 'a village name'
            ELSE 'nothing' END AS record_adds
  FROM sample s
  CROSS JOIN LATERAL (SELECT count(*) AS holders, count(DISTINCT x.household_id) AS households
                        FROM grid.resident x WHERE x.phones[1] = s.phone OR x.phones[2] = s.phone) h
 WHERE s.phone IS NOT NULL AND s.id IS NULL AND (s.name IS NULL OR s.message_name IS NOT NULL);
SELECT p.profile, p.registry, p.record_adds, count(*) AS records, count(*) FILTER (WHERE g.truth IS NULL) AS unregistered,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id = g.truth)
             / nullif(count(*) FILTER (WHERE g.truth IS NOT NULL), 0), 1) AS recall_pct,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'review') / count(*), 1) AS review_pct,
       count(*) FILTER (WHERE g.decision = 'review' AND g.truth IS NOT NULL
                          AND l.explanation -> 'phone_holders' @> jsonb_build_array(jsonb_build_object('resident_id', g.truth::text))) AS review_listing_person,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'no_link') / count(*), 1) AS no_link_pct,
       count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id IS DISTINCT FROM g.truth) AS false_links
  FROM phone_records p JOIN grid_eval g USING (record_id) JOIN grid.record_link l USING (record_id)
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

\echo == the review queue (grid estimated): per profile, the reason, what the record holds and who holds its phone
SELECT g.profile, coalesce(l.explanation ->> 'reason', '-') AS reason, h.holds, coalesce(p.registry, '-') AS phone_registry,
       count(*) AS records, count(*) FILTER (WHERE g.truth IS NULL) AS unregistered,
       count(*) FILTER (WHERE g.truth IS NOT NULL
                          AND (g.resident_id = g.truth OR l.explanation #>> '{runner_up,resident_id}' = g.truth::text
                               OR l.explanation -> 'phone_holders' @> jsonb_build_array(jsonb_build_object('resident_id', g.truth::text)))) AS person_shown
  FROM grid_eval g JOIN grid.record_link l USING (record_id) JOIN holds h USING (record_id)
  LEFT JOIN phone_records p USING (record_id)
 WHERE g.decision = 'review'
 GROUP BY 1, 2, 3, 4 ORDER BY 1, 5 DESC;

\echo == oracle ceiling: records with a true resident whose evidence singles that resident out (grid estimated)
-- singled out: the person is the best candidate, strictly above the
-- runner-up, or the callee of a call, holding the number; weak: the same,
-- but the evidence is below the link threshold (a name and a village);
-- tie: another resident agrees with the record as well as the person (a
-- household's phone and nothing to tell its members apart); conflict: the
-- record names another resident as its callee; not found: the person is
-- neither of the two best candidates nor a holder of the record's phone;
-- elsewhere: another resident scores higher.  The ceiling is what no
-- linker reaches without guessing: singled out and weak.
CREATE TEMP TABLE oracle AS
SELECT g.profile, g.record_id, g.decision, g.resident_id = g.truth AS linked_right,
       CASE WHEN s.callee IS NOT NULL AND s.callee IS DISTINCT FROM g.truth::text THEN 'conflict'
            WHEN s.callee IS NOT NULL AND g.resident_id = g.truth THEN 'singled out'
            WHEN NOT coalesce(g.resident_id = g.truth OR l.explanation #>> '{runner_up,resident_id}' = g.truth::text
                              OR l.explanation -> 'phone_holders' @> jsonb_build_array(jsonb_build_object('resident_id', g.truth::text)),
                              false)
                THEN 'not found'
            WHEN l.explanation #>> '{runner_up,score}' IS NOT NULL
                 AND abs((l.explanation #>> '{runner_up,score}')::float8 - l.score) < 0.01 THEN 'tie'
            WHEN g.resident_id = g.truth AND g.decision = 'link' THEN 'singled out'
            WHEN g.resident_id = g.truth THEN 'weak'
            ELSE 'elsewhere' END AS evidence
  FROM grid_eval g JOIN grid.record_link l USING (record_id) JOIN sample s USING (record_id)
 WHERE g.truth IS NOT NULL;
SELECT profile, evidence, count(*) AS records,
       round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY profile), 1) AS pct,
       count(*) FILTER (WHERE decision = 'link' AND linked_right) AS linked_right,
       count(*) FILTER (WHERE decision = 'review') AS review
  FROM oracle GROUP BY 1, 2 ORDER BY 1, 2;
CREATE TEMP VIEW ceiling AS
SELECT coalesce(profile, 'all') AS profile,
       round(100.0 * count(*) FILTER (WHERE evidence IN ('singled out', 'weak')) / count(*), 1) AS ceiling_pct
  FROM oracle GROUP BY GROUPING SETS ((profile), ());
SELECT * FROM ceiling ORDER BY profile;

\echo == per error kind (records with a true resident): recall and review share, grid (fixed, estimated) against pg_trgm
SELECT c AS kind, count(*) AS records,
       round(100.0 * count(*) FILTER (WHERE x.decision = 'link' AND x.resident_id = x.truth) / nullif(count(x.record_id), 0), 1) AS fixed_recall_pct,
       round(100.0 * count(*) FILTER (WHERE x.decision = 'review') / nullif(count(x.record_id), 0), 1) AS fixed_review_pct,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id = g.truth) / count(*), 1) AS grid_recall_pct,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'review') / count(*), 1) AS grid_review_pct,
       count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id IS DISTINCT FROM g.truth) AS grid_false_links,
       round(100.0 * count(*) FILTER (WHERE t.decision = 'link' AND t.resident_id = t.truth) / nullif(count(t.record_id), 0), 1) AS trgm_recall_pct
  FROM grid_eval g LEFT JOIN trgm_eval t USING (record_id) LEFT JOIN fixed_eval x USING (record_id),
       unnest(g.corruptions || CASE WHEN g.corruptions = '{}' THEN '{clean}'::text[] END) c
 WHERE g.truth IS NOT NULL
 GROUP BY c ORDER BY 1;

\echo == find_resident on the same records: the look-up a grid worker makes, by the fields of each record
-- Each record of the sample (the same records as the pg_trgm baseline)
-- looked up with what it gives: its ID, name (an SMS's: the name in the
-- text), phone and address; a voice call gives the callee the call list
-- named as the ID when the one who answered said yes to "are you ...?"
-- (grid.find_resident has no callee: a worker who hears yes looks the
-- callee up).  found first: the true resident is the first result; sure:
-- first, and as grid.link_batch decides with the fixed weights (a
-- registered ID unless the name disagrees in more than one character, or
-- at or above 25 with the runner-up 5 below or under 12); listed: among
-- the 5 results.  A record with too little to look for (22023) finds
-- nobody.  Every look-up is timed.
CREATE TEMP TABLE find_sample AS
SELECT s.profile, s.record_id, s.truth, h.holds, s.name, s.phone, s.address,
       coalesce(s.id, CASE WHEN grid.read_yes_no(s.callee_answer) THEN s.callee END) AS id
  FROM sample s JOIN holds h USING (record_id)
 WHERE :trgm_share >= 1 OR (hashint8(s.record_id) & 1023) < 1024 * :trgm_share;
CREATE TEMP TABLE find_eval (profile text, record_id bigint, truth grid.resident_id, holds text, usable_id boolean,
                             first_id grid.resident_id, sure boolean, listed boolean, ms float8);
DO $$
DECLARE
    q record;
    t0 timestamptz;
    res record;
    first_id grid.resident_id;
    first_e jsonb;
    first_score real;
    second_score real;
    listed boolean;
    n int;
BEGIN
    FOR q IN SELECT f.*, CASE WHEN length(f.id) = 18 AND grid.is_valid_resident_id(f.id)
                              THEN EXISTS (SELECT FROM grid.resident x WHERE x.id = f.id::grid.resident_id)
                              ELSE false END AS usable_id
               FROM find_sample f
              ORDER BY f.record_id LOOP
        first_id := NULL; first_e := NULL; first_score := NULL; second_score := NULL; listed := false; n := 0;
        t0 := clock_timestamp();
        BEGIN
            FOR res IN SELECT * FROM grid.find_resident(q.id, q.name, q.phone, q.address) LOOP
                n := n + 1;
                IF n = 1 THEN
                    first_id := res.resident_id; first_e := res.explanation; first_score := res.score;
                ELSIF n = 2 THEN
                    second_score := res.score;
                END IF;
                listed := listed OR coalesce(res.resident_id = q.truth, false);
            END LOOP;
        EXCEPTION WHEN invalid_parameter_value THEN
            NULL;   -- not enough to look for: timed all the same
        END;
        INSERT INTO find_eval VALUES (
            q.profile, q.record_id, q.truth, q.holds, q.usable_id, first_id,
            first_id IS NOT NULL
            AND CASE WHEN first_e #>> '{id,level}' = 'exact'
                     THEN NOT (first_e #>> '{name,level}' = 'disagree' AND first_e #>> '{name,one_character}' IS NULL)
                     ELSE first_score >= 25 AND (second_score IS NULL OR second_score < first_score - 5 OR second_score < 12) END,
            listed, extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
END
$$;
CREATE TEMP VIEW find_quality AS
SELECT f.profile, count(*) AS records,
       round(100.0 * count(*) FILTER (WHERE f.first_id = f.truth) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS first_pct,
       round(100.0 * count(*) FILTER (WHERE f.sure AND f.first_id = f.truth) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS sure_pct,
       count(*) FILTER (WHERE f.sure AND f.first_id IS DISTINCT FROM f.truth) AS sure_wrong,
       round(100.0 * count(*) FILTER (WHERE f.listed) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS listed_pct,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY f.ms)::numeric, 2) AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY f.ms)::numeric, 2) AS p95_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY f.ms) FILTER (WHERE NOT f.usable_id)::numeric, 2) AS p95_without_id_ms,
       round(max(f.ms)::numeric, 1) AS max_ms
  FROM find_eval f
 GROUP BY GROUPING SETS ((f.profile), ());
\echo per profile: find_resident (first, sure, listed; latency) beside link_batch on the same records (recall, review)
SELECT coalesce(f.profile, 'all') AS profile, f.records, g.recall_pct AS link_batch_recall_pct, g.review_pct AS link_batch_review_pct,
       f.first_pct, f.sure_pct, f.sure_wrong, f.listed_pct, f.p50_ms, f.p95_ms, f.p95_without_id_ms, f.max_ms
  FROM find_quality f
  LEFT JOIN (SELECT e.profile,
                    round(100.0 * count(*) FILTER (WHERE e.decision = 'link' AND e.resident_id = e.truth)
                          / nullif(count(*) FILTER (WHERE e.truth IS NOT NULL), 0), 1) AS recall_pct,
                    round(100.0 * count(*) FILTER (WHERE e.decision = 'review') / count(*), 1) AS review_pct
               FROM grid_eval e JOIN find_eval USING (record_id)
              GROUP BY GROUPING SETS ((e.profile), ())) g ON g.profile IS NOT DISTINCT FROM f.profile
 ORDER BY f.profile NULLS LAST;
\echo per kind: find_resident beside link_batch on the same records
SELECT f.holds, count(*) AS records,
       round(100.0 * count(*) FILTER (WHERE g.decision = 'link' AND g.resident_id = g.truth) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS link_batch_recall_pct,
       round(100.0 * count(*) FILTER (WHERE f.first_id = f.truth) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS first_pct,
       round(100.0 * count(*) FILTER (WHERE f.sure AND f.first_id = f.truth) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS sure_pct,
       count(*) FILTER (WHERE f.sure AND f.first_id IS DISTINCT FROM f.truth) AS sure_wrong,
       round(100.0 * count(*) FILTER (WHERE f.listed) / nullif(count(*) FILTER (WHERE f.truth IS NOT NULL), 0), 1) AS listed_pct,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY f.ms)::numeric, 2) AS p95_ms
  FROM find_eval f JOIN grid_eval g USING (record_id)
 GROUP BY 1 ORDER BY 1;

\echo == find_resident: 300 look-ups by exact ID, 300 by the fields of records without a usable ID
CREATE TEMP TABLE lookup_ms (kind text, ms float8);
DO $$
DECLARE
    q record;
    t0 timestamptz;
    cnt int;
BEGIN
    FOR q IN SELECT resident_id::text AS id FROM grid.synthetic_resident s WHERE s.n % 97 = 1 LIMIT 300 LOOP
        t0 := clock_timestamp();
        SELECT count(*) INTO cnt FROM grid.find_resident(q.id);
        INSERT INTO lookup_ms VALUES ('exact_id', extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
    FOR q IN SELECT s.id, s.name, s.phone, s.address FROM sample s
              WHERE (s.corruptions && '{id_missing,id_digit,id_swap,id_date_swap}' OR s.id IS NULL)
                AND (s.id IS NOT NULL OR s.phone IS NOT NULL OR s.name IS NOT NULL)
              ORDER BY s.record_id LIMIT 300 LOOP
        t0 := clock_timestamp();
        BEGIN
            SELECT count(*) INTO cnt FROM grid.find_resident(q.id, q.name, q.phone, q.address);
        EXCEPTION WHEN invalid_parameter_value THEN
            NULL;   -- not enough to look for: timed all the same
        END;
        INSERT INTO lookup_ms VALUES ('fuzzy', extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
END
$$;
SELECT kind, count(*) AS lookups,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p95_ms,
       round(max(ms)::numeric, 3) AS max_ms
  FROM lookup_ms GROUP BY kind ORDER BY kind;

\echo == for test/bench/results.tsv
\pset format unaligned
\pset tuples_only on
SELECT format(E'%s\t%s\tx86_64, 2 cores, 24 GiB\ttest/bench/linking.sh\t%s residents, %s records (5 profiles, 10 %% unregistered), seed %s\t%s',
              (now() AT TIME ZONE 'UTC')::date, :'commit', :'residents', :'records', :'seed',
              (SELECT string_agg(format('%s %s recall %s%% review %s%% precision %s%% false %s',
                                        CASE method WHEN 'grid estimated' THEN 'estimated' WHEN 'grid fixed' THEN 'fixed' ELSE method END,
                                        coalesce(profile, 'all'), recall_pct, review_pct, coalesce(precision_pct::text, '-'), false_links), '; '
                                 ORDER BY profile NULLS FIRST, method DESC)
                 FROM quality)
              || CASE WHEN :trgm_share < 1 THEN format('; pg_trgm on a sample of %s records', :'trgm_records') ELSE '' END
              || '; oracle ceiling (records whose evidence singles out the person) '
              || (SELECT string_agg(format('%s %s%%', profile, ceiling_pct), ', ' ORDER BY profile = 'all' DESC, profile) FROM ceiling)
              || format('; link %s s (fixed %s s); find_resident p95 exact %s ms, fuzzy %s ms', :'link_seconds', :'fixed_seconds',
                        (SELECT round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) FROM lookup_ms WHERE kind = 'exact_id'),
                        (SELECT round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) FROM lookup_ms WHERE kind = 'fuzzy'))
              || '; find_resident on the same records (first / sure / listed %, p95 ms): '
              || (SELECT string_agg(format('%s %s/%s/%s p95 %s', coalesce(profile, 'all'), first_pct, sure_pct, listed_pct, p95_ms)
                                    || CASE WHEN sure_wrong > 0 THEN format(' (%s sure wrong)', sure_wrong) ELSE '' END,
                                    ', ' ORDER BY profile NULLS FIRST)
                    FROM find_quality)) AS results_row;
