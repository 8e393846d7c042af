-- pgTAP: grid.submit_pairs, which pairs each record of a grid.submit
-- request with its outcome, reads its two work tables in one pass: no
-- step of its plan runs once per record (an EXISTS per record read every
-- other record again: 17 s for 10,000), whatever the number of records.
-- And what it answers: of alike rows the one stored goes to the first
-- record, the others are duplicates; a stored report is corrected when
-- it replaced one stored before, or when an earlier record of the request
-- stored another report of the same resident and minute.
BEGIN;
SELECT plan(6);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';

-- The work tables as grid.submit makes them (columns it reads).
CREATE TEMP TABLE submit_in (idx integer, client_key text, fp text, staging jsonb, raw jsonb, fresh boolean);
CREATE TEMP TABLE submit_outcome (seq bigint, raw jsonb, target text, outcome text, reason text,
                                  resident_id grid.resident_id, place grid.division_code,
                                  report_minute timestamptz, corrects boolean);

-- A small request: r0 stored; r1 the same row again (duplicate); r2 a
-- reject; r3 another report of r0's resident and minute (corrected); r4 a
-- report that replaced one of an earlier batch (corrected); r5 a record
-- sent before (not fresh: not paired here).
INSERT INTO submit_in VALUES
    (0, 'a', NULL, NULL, '{"t": "36.5", "id": "A"}', true),
    (1, 'b', NULL, NULL, '{"t": "36.5", "id": "A"}', true),
    (2, 'c', NULL, NULL, '{"id": "bad"}', true),
    (3, 'd', NULL, NULL, '{"t": "37.5", "id": "A"}', true),
    (4, 'e', NULL, NULL, '{"t": "36.6", "id": "B"}', true),
    (5, 'f', NULL, NULL, '{"t": "36.7", "id": "B"}', false);
INSERT INTO submit_outcome VALUES
    (1, '{"t": "36.5", "id": "A"}', 'report', 'stored', NULL, '420503199003071230', '420503004001', '2020-02-10 08:00+08', false),
    (2, '{"t": "36.5", "id": "A"}', 'report', 'duplicate', NULL, '420503199003071230', '420503004001', '2020-02-10 08:00+08', false),
    (3, '{"id": "bad"}', 'reject', 'rejected', 'no such resident', NULL, NULL, NULL, false),
    (4, '{"t": "37.5", "id": "A"}', 'report', 'stored', NULL, '420503199003071230', '420503004001', '2020-02-10 08:00+08', false),
    (5, '{"t": "36.6", "id": "B"}', 'report', 'stored', NULL, '420503198512010028', '420503004001', '2020-02-10 09:00+08', true);
SELECT is((SELECT array_agg(p.idx || ':' || p.outcome || coalesce(':' || p.reason, '') ORDER BY p.idx)
             FROM grid.submit_pairs(7) p),
          ARRAY['0:stored', '1:duplicate', '2:rejected:no such resident', '3:corrected', '4:corrected'],
          'each fresh record paired with its outcome');
SELECT is((SELECT array_agg(DISTINCT p.batch_id) FROM grid.submit_pairs(7) p), ARRAY[7::bigint], 'the batch');

-- 2,000 records, in 400 groups of five alike reports (same resident and
-- minute, five temperatures), each stored: its plan, run.
TRUNCATE submit_in, submit_outcome;
INSERT INTO submit_in
SELECT i, 'k' || i, NULL, NULL, jsonb_build_object('g', i / 5, 't', i % 5), true FROM generate_series(0, 1999) i;
INSERT INTO submit_outcome
SELECT i + 1, jsonb_build_object('g', i / 5, 't', i % 5), 'report', 'stored', NULL, '420503199003071230', '420503004001',
       timestamptz '2020-02-10 08:00+08' + (i / 5) * interval '1 minute', false
  FROM generate_series(0, 1999) i;
ANALYZE submit_in, submit_outcome;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
    p text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
        p := p || r || E'\n';
    END LOOP;
    RETURN p;
END
$$;
SELECT pg_temp.plan_of('SELECT * FROM grid.submit_pairs(1)') AS plan \gset
SELECT is((SELECT max(m[1]::int) FROM regexp_matches(:'plan', 'loops=(\d+)', 'g') m), 1,
          '2,000 records: every step of the plan runs once (none per record)');
SELECT ok(:'plan' !~ 'SubPlan', '... and no subquery is run for a record');
SELECT is((SELECT count(*) FROM grid.submit_pairs(1)), 2000::bigint, '... each record answered');
SELECT is((SELECT count(*) FILTER (WHERE outcome = 'corrected') || '/' || count(*) FILTER (WHERE outcome = 'stored')
             FROM grid.submit_pairs(1)), '1600/400',
          '... the first of each group stored, the four after it corrected');

SELECT * FROM finish();
ROLLBACK;
