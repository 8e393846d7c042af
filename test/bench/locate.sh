#!/bin/bash
# Benchmark grid.locate against plain PostGIS joins, in one run on a
# temporary cluster: 10,000 irregular cells over Yichang, 2 million random
# points plus every cell vertex and edge midpoint.  All three methods must
# give the same cell for every point; timings and ratios are printed, never
# asserted.  Usage (as root on Debian 12): bash test/bench/locate.sh [points] [cells]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
points=${1:-2000000}
cells=${2:-10000}
grid_need_packages
grid_build_install >/dev/null
grid_with_cluster bash -c "
    psql -q -c 'CREATE EXTENSION grid CASCADE' &&
    psql -q -v points=$points -v cells=$cells -f test/bench/locate.sql
"
