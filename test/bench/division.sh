#!/bin/bash
# Benchmark subtree selection on grid.division_code against text LIKE and
# ltree, in one run on a temporary cluster.  Timings are printed, never
# asserted.  Usage (as root on Debian 12): bash test/bench/division.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
rows=${1:-4000000}
grid_need_packages
grid_build_install >/dev/null
GRID_PG_OPTS="shared_buffers=2GB" grid_with_cluster bash -c "
    psql -q -c 'CREATE EXTENSION grid CASCADE' &&
    psql -q -v rows=$rows -f test/bench/division.sql
"
