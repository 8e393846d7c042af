#!/bin/bash
# Benchmark of grid's matching (not part of test/run): a synthetic registry
# of N residents, a returnee list of M records corrupted as sources corrupt
# them, linked by grid.link_batch; precision and recall of automatic links,
# the review queue, recall per corruption kind, against a pg_trgm baseline
# (similarity of name and address) with the same decision rule, in the same
# run; then single look-ups by exact ID and fuzzy.  Timings are printed,
# never asserted.
#
# Usage (as root on Debian 12):
#   bash test/bench/matching.sh [residents [records [baseline_records]]]
#   defaults: 4000000 residents, 460000 records, 20000 baseline records.
# With PGHOST set, it runs in that server (grid already installed there);
# otherwise it builds, installs and runs in a throw-away cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
residents=${1:-4000000}
records=${2:-460000}
baseline=${3:-20000}
run() {
    psql -X -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS grid_bench' -c 'CREATE DATABASE grid_bench' &&
    psql -X -q -d grid_bench -c 'CREATE EXTENSION grid CASCADE' -c 'CREATE EXTENSION pg_trgm' &&
    psql -X -d grid_bench -v residents="$residents" -v records="$records" -v baseline="$baseline" \
         -f test/bench/matching.sql
}
if [ -n "${PGHOST:-}" ]; then
    run
else
    grid_need_packages
    grid_build_install >/dev/null
    export residents records baseline
    export -f run
    grid_with_cluster -o 'shared_buffers=2GB' -o 'maintenance_work_mem=1GB' -o 'max_wal_size=8GB' \
        -o 'synchronous_commit=off' bash -c run
fi
