#!/bin/bash
# Benchmark of what grid.health_day costs the writers of health reports, in
# one run on a temporary cluster: the same reports (default 2,000,000, one
# per resident, on one day) inserted into grid.health_report in one
# statement with the triggers that keep grid.health_day and without them
# (ALTER TABLE ... DISABLE TRIGGER), best of three each, then the same in
# batches of 10,000 (as the ingestion functions store them).  Timings and
# the ratio are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/health_day.sh [reports]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
reports=${1:-2000000}
grid_need_packages
grid_build_install >/dev/null
grid_with_cluster bash -c "
    psql -q -c 'CREATE EXTENSION grid CASCADE' &&
    psql -q -v reports=$reports -f test/bench/health_day.sql
"
