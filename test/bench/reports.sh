#!/bin/bash
# Benchmark of the daily reports, in one run on a temporary cluster: a
# synthetic registry (default 400,000 residents on the real Yichang
# villages, three grid cells each), one day's health reports for 90% of
# them, then the temperature roll-up of the whole city (five levels) against
# a hand-written one-level GROUP BY per village, the call list, the CSV
# export and the archive.  Times and ratios are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/reports.sh [residents]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
residents=${1:-400000}
grid_need_packages
grid_build_install >/dev/null
grid_with_cluster bash -c "
    psql -X -q -c 'CREATE EXTENSION grid CASCADE' &&
    psql -X -q -v residents=$residents -f test/bench/reports.sql
"
