#!/bin/bash
# Benchmark of what the key-person readings' locks (grid.key_person_lock)
# cost the writers of health reports, in one run on a temporary cluster:
# the city of test/bench/reports_setup.sql (default 100,000 residents, 1 %
# key persons), then one INSERT of 200,000 reports (two per resident, the
# next day) into grid.health_report, rolled back, alternating between this
# version of grid.key_person_reading_follow and the one before the locks
# (from git, loaded in its place), five times each; and the statement the
# trigger adds (the buckets of the statement's residents, then their
# locks) timed alone on the same 200,000 rows.  Timings are printed, never
# asserted.
# Usage (as root on Debian 12): bash test/bench/facts_lock.sh [residents] [previous commit]
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
    . test/lib.sh
    residents=${1:-100000}
    prev=${2:-$(git rev-parse "$(git log --format=%H -S 'CREATE FUNCTION grid.key_person_lock' -- src/reports.sql | tail -1)^")}
    git show "$prev:src/reports.sql" | awk '/^CREATE FUNCTION grid.key_person_reading_follow\(/,/^\$\$;/' \
        | sed 's/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/' > /tmp/grid_bench_prev_reading_follow.sql
    grid_need_packages
    grid_build_install >/dev/null
    GRID_BENCH_PREV=$(git rev-parse --short "$prev") grid_with_cluster bash test/bench/facts_lock.sh --inside "$residents"
    exit
fi

psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS grid CASCADE'
psql -X -q -v residents="$2" -v reports="$(($2 / 2))" -v history=1 -f test/bench/reports_setup.sql
psql -X -q -At -c "SELECT pg_get_functiondef('grid.key_person_reading_follow()'::regprocedure)" > /tmp/grid_bench_this_reading_follow.sql
echo ';' >> /tmp/grid_bench_this_reading_follow.sql
echo "== previous grid.key_person_reading_follow: ${GRID_BENCH_PREV:-?} =="
psql -X -q -f test/bench/facts_lock.sql
