-- test/bench/ops.sh, serial part: the floor (COPY of the same rows into
-- unindexed tables) and the pipeline (COPY into the staging tables, then
-- each channel's ingest function), timed statement by statement.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET search_path = public, grid;

INSERT INTO bench_time (step) VALUES ('floor');
COPY floor_app (id_text, reported_at, temperature, symptoms, lon, lat) FROM :'dir_app' (FORMAT csv);
COPY floor_sms (phone, sent_at, message) FROM :'dir_sms' (FORMAT csv);
COPY floor_voice (phone, called_at, outcome, temperature_answer, symptoms_answer) FROM :'dir_voice' (FORMAT csv);
COPY floor_proxy (worker, id_text, name, temperature, reported_at, symptoms, division) FROM :'dir_proxy' (FORMAT csv);
INSERT INTO bench_time (step) VALUES ('stage');
COPY grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat) FROM :'dir_app' (FORMAT csv);
COPY grid.stage_sms (phone, sent_at, message) FROM :'dir_sms' (FORMAT csv);
COPY grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer) FROM :'dir_voice' (FORMAT csv);
COPY grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division) FROM :'dir_proxy' (FORMAT csv);
INSERT INTO bench_time (step) VALUES ('app');
CREATE TABLE bench_result AS SELECT * FROM grid.ingest_app('bench');
INSERT INTO bench_time (step) VALUES ('sms');
INSERT INTO bench_result SELECT * FROM grid.ingest_sms('bench');
INSERT INTO bench_time (step) VALUES ('voice');
INSERT INTO bench_result SELECT * FROM grid.ingest_voice('bench');
INSERT INTO bench_time (step) VALUES ('proxy');
INSERT INTO bench_result SELECT * FROM grid.ingest_proxy('bench');
INSERT INTO bench_time (step) VALUES ('end');

\echo
\echo == serial: each channel ingested in turn
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons,
       received = accepted + rejected + duplicates AS adds_up
  FROM bench_result ORDER BY batch_id;

WITH t AS (SELECT step, extract(epoch FROM lead(at) OVER (ORDER BY at) - at) AS s FROM bench_time),
     f AS (SELECT s FROM t WHERE step = 'floor'),
     st AS (SELECT s FROM t WHERE step = 'stage'),
     ing AS (SELECT sum(s) AS s FROM t WHERE step IN ('app', 'sms', 'voice', 'proxy'))
SELECT (SELECT sum(received) FROM bench_result) AS records,
       round(f.s::numeric, 1) AS "COPY floor (s)",
       round(st.s::numeric, 1) AS "COPY to staging (s)",
       round(ing.s::numeric, 1) AS "ingest (s)",
       round((st.s + ing.s)::numeric, 1) AS "staging to stored (s)",
       round(((st.s + ing.s) / f.s)::numeric, 1) AS "ratio to floor",
       round(((SELECT sum(received) FROM bench_result) / (st.s + ing.s))::numeric) AS "records/s"
  FROM f, st, ing;
SELECT step AS channel, round(extract(epoch FROM lead(at) OVER (ORDER BY at) - at)::numeric, 1) AS "ingest (s)"
  FROM bench_time ORDER BY at OFFSET 2 LIMIT 4;
