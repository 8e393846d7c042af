#!/bin/bash
# Benchmark of row-level security by jurisdiction: the daily count of health
# reports and the count of people, for the whole city, a county, a township
# and a village, as that level's role under the policies against the table
# owner with the same range written by hand, in one run on a temporary
# cluster.  Times are printed with their ratio, never asserted.
# Usage (as root on Debian 12): bash test/bench/access.sh [people] [reports] [seconds]
# (With --inside first, it runs against the server the environment names.)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
    . test/lib.sh
    grid_need_packages
    grid_build_install >/dev/null
    grid_with_cluster bash test/bench/access.sh --inside "${1:-4000000}" "${2:-2000000}" "${3:-10}"
    exit
fi

people=$2 reports=$3 seconds=$4
psql -X -q -c "CREATE EXTENSION IF NOT EXISTS grid CASCADE"
psql -X -q -v people="$people" -v reports="$reports" -f test/bench/access.sql
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Average latency in ms of a pgbench script run for $seconds.
latency() {
    pgbench -n -f "$1" -T "$seconds" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p'
}
smaller() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }

day="'2020-02-10'"
owner=$(psql -X -A -t -c 'SELECT session_user')

# One line of figures: a level's role running $body under the policies
# against the owner running it with the range $range written by hand.
compare() {
    local name=$1 role=$2 range=$3 q body hand o p rows_owner rows_policy round
    for q in daily people; do
        if [ "$q" = daily ]; then
            body="SELECT count(*) FROM bench_reports WHERE day = $day"
            hand="$body AND $range"
        else
            body="SELECT count(*) FROM bench_people"
            hand="$body WHERE $range"
        fi
        # Serial plans on both sides: on a small shared machine parallel
        # workers add more noise than they save.
        printf 'SET max_parallel_workers_per_gather = 0;\nSET search_path = public, grid;\nSET ROLE %s;\n%s;\n' \
            "$owner" "$hand" > "$work/owner.sql"
        printf 'SET max_parallel_workers_per_gather = 0;\nSET search_path = public, grid;\nSET ROLE %s;\n%s;\n' \
            "$role" "$body" > "$work/policy.sql"
        rows_owner=$(psql -X -A -t -q -f "$work/owner.sql")
        rows_policy=$(psql -X -A -t -q -f "$work/policy.sql")
        if [ "$rows_owner" != "$rows_policy" ]; then
            echo "$name $q: the owner counts $rows_owner, $role counts $rows_policy" >&2
            exit 1
        fi
        # Alternate, three times each, and keep the best of each.
        o=999999 p=999999
        for round in 1 2 3; do
            o=$(smaller "$o" "$(latency "$work/owner.sql")")
            p=$(smaller "$p" "$(latency "$work/policy.sql")")
        done
        printf '%-9s %-7s %9s %10.3f %10.3f %7.3f\n' "$name" "$q" "$rows_owner" "$o" "$p" \
            "$(awk -v p="$p" -v o="$o" 'BEGIN { print p / o }')"
    done
}
heading() { printf '%-9s %-7s %9s %10s %10s %7s\n' level query rows 'owner ms' 'policy ms' ratio; }

echo "== one scope per role (members of grid_single_scope: no per-row test) =="
heading
for level in city:bench_city:4205 county:bench_county:420503 \
             township:bench_township:420503004 village:bench_village:420503004001; do
    IFS=: read -r name role code <<< "$level"
    compare "$name" "$role" "division >= '$code' AND division <= grid.subtree_last('$code')"
done

# A role with two villages in different townships: the range around them
# plus the per-row test, against the owner's two ranges written by hand.
echo
echo "== two scopes (not in grid_single_scope: the per-row test) =="
heading
compare two bench_two "(division >= '420503004001' AND division <= grid.subtree_last('420503004001')
      OR division >= '420503007002' AND division <= grid.subtree_last('420503007002'))"

for role in bench_county bench_township bench_village bench_two; do
    echo
    echo "== plan of the daily count as $role =="
    psql -X -q -c "SET search_path = public, grid" -c "SET ROLE $role" \
         -c "EXPLAIN (COSTS OFF) SELECT count(*) FROM bench_reports WHERE day = $day" |
        grep -E 'Scan|Index Cond|Filter'
done
