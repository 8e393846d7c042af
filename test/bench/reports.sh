#!/bin/bash
# Benchmark of the daily reports at city scale, in one run on a temporary
# cluster: a synthetic city (default 400,000 residents on the real Yichang
# villages; 4000000 is Yichang's size) with a day's health reports (default
# half the residents), key persons, returnees, robot calls and services
# (test/bench/reports_setup.sql); then every report of the catalogue for the
# whole city and the archive as the city's role, one community's key-person
# report and one grid's call list as the community's role, all under
# row-level security, and a hand-written one-level GROUP BY as the owner
# (test/bench/reports.sql).  Times and ratios are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/reports.sh [residents] [reports] [days of history]
# (history: the days before the report day with reports, half as many each;
# default 1; the reports that read the past slow down with it)
# (With --inside first, it runs against the server the environment names;
# --inside --timings reuses the city already built there.)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
    . test/lib.sh
    residents=${1:-400000}
    grid_need_packages
    grid_build_install >/dev/null
    grid_with_cluster bash test/bench/reports.sh --inside "$residents" "${2:-$((residents / 2))}" "${3:-1}"
    exit
fi

if [ "${2:-}" != --timings ]; then
    psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS grid CASCADE'
    psql -X -q -v residents="$2" -v reports="$3" -v history="${4:-1}" -f test/bench/reports_setup.sql
fi
psql -X -q -f test/bench/reports.sql
