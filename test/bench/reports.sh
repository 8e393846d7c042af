#!/bin/bash
# Benchmark of the daily reports at city scale, in one run on a temporary
# cluster: a synthetic city (default 400,000 residents on the real Yichang
# villages; 4000000 is Yichang's size) with a day's health reports (default
# half the residents), key persons, returnees, robot calls and services
# (test/bench/reports_setup.sql); then every report of the catalogue for the
# whole city and the archive as the city's role, one community's key-person
# report and one grid's call list as the community's role, all under
# row-level security, and a hand-written one-level GROUP BY as the owner
# (test/bench/reports.sql); one grid's call list as its grid worker's
# role, prepared, beside the previous form of the function (the commit
# before the call list read a grid from the indexes on place, loaded as
# bench_prev.report_not_reported; GRID_BENCH_PREV names another) in the
# same run: both times, the ratio, and whether the rows are equal.  Times
# and ratios are printed, never asserted.
# The archive is timed beside its previous form (the commit before the
# masking test in C, loaded as bench_prev.archive_reports with the masking
# trigger it had; GRID_BENCH_PREV_ARCHIVE names another), as the city and as
# the nightly job (the superuser), with whether both store the same rows.
# With a fourth argument 30, the days before the report day are then filled
# up to 30 (half the day's share of residents reporting on each, as
# test/bench/facts.sql adds them, the facts recounted once with
# grid.rebuild_facts) and every city report but the call list and the
# archive timed again: the ratio to 1 day is printed.
# Usage (as root on Debian 12): bash test/bench/reports.sh [residents] [reports] [days of history] [30]
# (history: the days before the report day with reports, half as many each;
# default 1; the reports that read the past slow down with it)
# (With --inside first, it runs against the server the environment names;
# --inside --timings reuses the city already built there.)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
    . test/lib.sh
    residents=${1:-400000}
    # the call list before it read a grid from the indexes on place, as
    # bench_prev.report_not_reported (GRID_BENCH_PREV: another commit)
    prev=${GRID_BENCH_PREV:-$(git rev-parse "$(git log --format=%H -S 'b.wider' -- src/reports.sql | tail -1)^")}
    git show "$prev:src/reports.sql" | awk '/^CREATE FUNCTION grid.report_not_reported\(/,/^\$\$;/' \
        | sed 's/^CREATE FUNCTION grid\./CREATE FUNCTION bench_prev./' > /tmp/grid_bench_prev_call_list.sql
    # the archive before its masking test in C, and that masking trigger
    prev_archive=${GRID_BENCH_PREV_ARCHIVE:-$(git rev-parse "$(git log --format=%H -S 'grid.archive_needs_mask(data jsonb)' -- src/reports.sql | tail -1)^")}
    git show "$prev_archive:src/reports.sql" | awk '/^CREATE FUNCTION grid.archive_reports\(/,/^\$\$;/' \
        | sed 's/^CREATE FUNCTION grid\./CREATE FUNCTION bench_prev./' > /tmp/grid_bench_prev_archive.sql
    git show "$prev_archive:src/reports.sql" | awk '/^CREATE TRIGGER report_archive_mask/,/EXECUTE FUNCTION/' \
        > /tmp/grid_bench_prev_archive_trigger.sql
    grid_need_packages
    grid_build_install >/dev/null
    GRID_BENCH_PREV=$(git rev-parse --short "$prev") GRID_BENCH_PREV_ARCHIVE=$(git rev-parse --short "$prev_archive") \
        grid_with_cluster bash test/bench/reports.sh --inside "$residents" "${2:-$((residents / 2))}" "${3:-1}" "${4:-1}"
    exit
fi

if [ "${2:-}" != --timings ]; then
    psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS grid CASCADE'
    psql -X -q -v residents="$2" -v reports="$3" -v history="${4:-1}" -f test/bench/reports_setup.sql
fi
psql -X -q -c 'CREATE SCHEMA IF NOT EXISTS bench_prev' -c 'GRANT USAGE ON SCHEMA bench_prev TO PUBLIC' \
     -c 'DROP FUNCTION IF EXISTS bench_prev.report_not_reported(date, grid.division_code)'
psql -X -q -v ON_ERROR_STOP=1 -c 'SET search_path = public, grid' -f /tmp/grid_bench_prev_call_list.sql
psql -X -q -c 'DROP FUNCTION IF EXISTS bench_prev.archive_reports(date, grid.division_code, text[])'
psql -X -q -v ON_ERROR_STOP=1 -c 'SET search_path = public, grid' -f /tmp/grid_bench_prev_archive.sql
echo "== previous call list: ${GRID_BENCH_PREV:-?}; previous archive: ${GRID_BENCH_PREV_ARCHIVE:-?} =="
psql -X -q -v history="${4:-1}" -v thirty="$([ "${5:-1}" = 30 ] && echo 1 || echo 0)" \
     -v prev_trigger="$(cat /tmp/grid_bench_prev_archive_trigger.sql)" -f test/bench/reports.sql
