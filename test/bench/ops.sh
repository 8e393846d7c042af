#!/bin/bash
# Benchmark of daily-operations ingestion (src/ops.sql), in one run on a
# temporary cluster:
#   1. a registry of 4,000,000 residents and 2,000,000 mixed records (app
#      50%, SMS 20%, voice 20%, proxy 10%; about 1% malformed) written as
#      CSV files (test/bench/ops_setup.sql);
#   2. serial: the floor, COPY of the same rows into unindexed tables, then
#      COPY into the staging tables and each channel's ingest function, with
#      the ratio of staging-to-stored to the floor (test/bench/ops.sql);
#   3. concurrent: the same records staged again and the four channels
#      ingested at once from four sessions; checks that nothing is lost or
#      stored twice, that each channel stored what the serial run stored,
#      and that no session failed (no deadlock).
# Timings are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/ops.sh [residents [records]]
#        bash test/bench/ops.sh --here [residents [records]]   (the server PG* points at)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=0
if [ "${1:-}" = "--here" ]; then here=1; shift; fi
residents=${1:-4000000}
records=${2:-2000000}

if [ "$here" -eq 0 ]; then
    . test/lib.sh
    grid_need_packages
    grid_build_install >/dev/null
    GRID_PG_OPTS="${GRID_PG_OPTS:-shared_buffers=2GB work_mem=64MB maintenance_work_mem=512MB temp_buffers=256MB max_wal_size=8GB}" \
        grid_with_cluster bash test/bench/ops.sh --here "$residents" "$records"
    exit
fi

dir=$(mktemp -d /tmp/grid-ops-bench.XXXXXX)
chmod 777 "$dir"
trap 'rm -rf "$dir"' EXIT
db=grid_ops_bench
psql -q -X -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
psql -q -X -d $db -c 'SET client_min_messages = warning; CREATE EXTENSION grid CASCADE'
vars=(-v residents="$residents" -v records="$records"
      -v dir_app="$dir/app.csv" -v dir_sms="$dir/sms.csv" -v dir_voice="$dir/voice.csv" -v dir_proxy="$dir/proxy.csv")

echo "== set-up: $residents residents, $records records"
start=$(date +%s)
psql -q -X -d $db "${vars[@]}" -f test/bench/ops_setup.sql
echo "(set-up took $(( $(date +%s) - start )) s)"

psql -q -X -d $db "${vars[@]}" -f test/bench/ops.sql

echo
echo "== concurrent: the four channels at once from four sessions"
psql -q -X -d $db "${vars[@]}" <<'SQL'
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE TABLE serial_counts AS
SELECT channel, count(*) AS reports FROM grid.health_report GROUP BY channel;
CREATE TABLE serial_other AS
SELECT (SELECT count(*) FROM grid.report_review) AS review, (SELECT count(*) FROM grid.unreached) AS unreached,
       (SELECT count(*) FROM grid.key_person) AS key_persons, (SELECT count(*) FROM grid.ingest_reject) AS rejects;
TRUNCATE grid.health_report, grid.report_review, grid.unreached, grid.key_person, grid.ingest_reject;
COPY grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat) FROM :'dir_app' (FORMAT csv);
COPY grid.stage_sms (phone, sent_at, message) FROM :'dir_sms' (FORMAT csv);
COPY grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer) FROM :'dir_voice' (FORMAT csv);
COPY grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division) FROM :'dir_proxy' (FORMAT csv);
VACUUM ANALYZE grid.health_report, grid.key_person;
CHECKPOINT;
SQL
start=$(date +%s.%N)
pids=()
for ch in app sms voice proxy; do
    psql -q -X -d $db -v ON_ERROR_STOP=1 -At -c "SET client_min_messages = warning" \
         -c "SELECT * FROM grid.ingest_$ch('concurrent')" > "$dir/$ch.out" 2>&1 &
    pids+=($!)
done
failed=0
for i in 0 1 2 3; do
    wait "${pids[$i]}" || failed=$((failed + 1))
done
end=$(date +%s.%N)
for ch in app sms voice proxy; do
    if grep -q ERROR "$dir/$ch.out"; then echo "$ch: $(cat "$dir/$ch.out")"; fi
done
echo "sessions failed: $failed (a deadlock would fail one)"
awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time of the four concurrent sessions: %.1f s\n", e - s }'
psql -q -X -d $db <<'SQL'
SELECT channel, received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons,
       received = accepted + rejected + duplicates AS adds_up
  FROM grid.ingest_batch WHERE label = 'concurrent' ORDER BY channel;
SELECT (SELECT sum(received) FROM grid.ingest_batch WHERE label = 'concurrent')
       = (SELECT count(*) FROM floor_app) + (SELECT count(*) FROM floor_sms)
         + (SELECT count(*) FROM floor_voice) + (SELECT count(*) FROM floor_proxy) AS nothing_lost,
       (SELECT count(*) FROM grid.stage_app) + (SELECT count(*) FROM grid.stage_sms)
         + (SELECT count(*) FROM grid.stage_voice) + (SELECT count(*) FROM grid.stage_proxy) AS left_in_staging,
       (SELECT count(*) FROM (SELECT FROM grid.health_report GROUP BY resident_id, channel, report_minute, temperature, symptoms
                              HAVING count(*) > 1) d) AS stored_twice,
       (SELECT count(*) FROM (SELECT FROM grid.key_person WHERE status = 'open'
                              GROUP BY resident_id, category HAVING count(*) > 1) d) AS open_entries_twice,
       (SELECT bool_and(s.reports = c.reports) FROM serial_counts s
          JOIN (SELECT channel, count(*) AS reports FROM grid.health_report GROUP BY channel) c USING (channel))
       AND (SELECT (review, unreached, key_persons, rejects) FROM serial_other)
           = ((SELECT count(*) FROM grid.report_review), (SELECT count(*) FROM grid.unreached),
              (SELECT count(*) FROM grid.key_person), (SELECT count(*) FROM grid.ingest_reject)) AS same_as_serial;
SQL
psql -q -X -c "DROP DATABASE $db" 2>/dev/null || true
