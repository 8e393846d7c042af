#!/bin/bash
# Benchmark the normalize functions over generated names, phones and IDs,
# against lower() and length() on the same rows as a baseline, in one run on
# a temporary cluster.  Timings are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/normalize.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
rows=${1:-1000000}
grid_need_packages
grid_build_install >/dev/null
grid_with_cluster bash -c "
    psql -q -c 'CREATE EXTENSION grid CASCADE' &&
    psql -q -v rows=$rows -f test/bench/normalize.sql
"
