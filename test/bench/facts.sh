#!/bin/bash
# Benchmark of the reports read from the facts (grid.cell_fact,
# grid.cell_day), in one run on a temporary cluster: the city of
# test/bench/reports_setup.sql (default 400,000 residents, half of them
# reporting on the day, :history days of history before it), then, under
# row-level security as each level's role (city, township, community, one
# grid's worker), the temperature report and the call list of this version
# beside the same functions of the version before the facts, loaded into
# schema bench_prev from git, on the same data in the same run: both
# times, their ratio, and whether the rows are equal; every city report
# and the archive; the facts recounted (test/bench/facts.sql).  Times and
# ratios are printed, never asserted.
# The reports per village (screening, returnees, key persons' counts,
# services) are compared the same way with the version before the facts
# per village; then 29 more days of history are added before the day (in
# one statement with the reports' triggers off, then grid.health_day and
# the facts recounted once and compared with a recount) and every city
# report and the archive timed again (the same within 10 %).
# The key-person list is compared with the version before it read the
# facts kept for the key persons, with 1 day and with 30; every report
# of a township and of a community is timed (target 5 ms).
# Usage (as root on Debian 12): bash test/bench/facts.sh [residents] [reports] [days of history] [previous commit]
#                               [previous commit for the reports per village] [previous commit for the key-person list]
# (GRID_BENCH_MONTH=N: N days of history instead of 30 for the second part;
# at most the days of history leaves it out.)
# (previous commits: default the parents of the commits that brought in the
# facts, the facts per village and the key-person list's facts)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
    . test/lib.sh
    residents=${1:-400000}
    prev=${4:-$(git rev-parse "$(git log --format=%H -S 'CREATE TABLE grid.cell_fact' -- src/reports.sql | tail -1)^")}
    # the previous version's temperature report and call list, as functions of schema bench_prev
    for f in report_temperature report_not_reported; do
        git show "$prev:src/reports.sql" | awk "/^CREATE FUNCTION grid.$f\\(/,/^\\\$\\\$;/"
    done | sed 's/^CREATE FUNCTION grid\./CREATE FUNCTION bench_prev./' > /tmp/grid_bench_prev.sql
    # the reports the facts per village replaced, as the version before them had them
    prev_village=${5:-$(git rev-parse "$(git log --format=%H -S 'CREATE TABLE grid.village_day' -- src/reports.sql | tail -1)^")}
    for f in report_screening report_returnees report_key_person_counts report_services; do
        git show "$prev_village:src/reports.sql" | awk "/^CREATE FUNCTION grid.$f\\(/,/^\\\$\\\$;/"
    done | sed 's/^CREATE FUNCTION grid\./CREATE FUNCTION bench_prev./' >> /tmp/grid_bench_prev.sql
    # the key-person list as it was before it read the facts kept for the key persons
    prev_list=${6:-$(git rev-parse "$(git log --format=%H -S 'CREATE TABLE grid.key_person_reading' -- src/reports.sql | tail -1)^")}
    git show "$prev_list:src/reports.sql" | awk "/^CREATE FUNCTION grid.report_key_persons\\(/,/^\\\$\\\$;/" \
        | sed 's/^CREATE FUNCTION grid\./CREATE FUNCTION bench_prev./' >> /tmp/grid_bench_prev.sql
    grid_need_packages
    grid_build_install >/dev/null
    GRID_BENCH_PREV="$(git rev-parse --short "$prev") (reports per village: $(git rev-parse --short "$prev_village"); key-person list: $(git rev-parse --short "$prev_list"))" \
        grid_with_cluster bash test/bench/facts.sh --inside "$residents" "${2:-$((residents / 2))}" "${3:-1}"
    exit
fi

psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS grid CASCADE'
psql -X -q -v residents="$2" -v reports="$3" -v history="${4:-1}" -f test/bench/reports_setup.sql
psql -X -q -c 'CREATE SCHEMA bench_prev' -c 'GRANT USAGE ON SCHEMA bench_prev TO PUBLIC'
psql -X -q -v ON_ERROR_STOP=1 -c 'SET search_path = public, grid' -f /tmp/grid_bench_prev.sql
echo "== previous version: $GRID_BENCH_PREV =="
psql -X -q -v residents="$2" -v reports="$3" -v history="${4:-1}" -v month="${GRID_BENCH_MONTH:-30}" -f test/bench/facts.sql
