#!/bin/bash
# Benchmark of grid on a Citus cluster against one node, side by side in one
# run on this machine: a coordinator and two workers (three PostgreSQL
# servers on ports of their own, as test/scale-out starts them), one
# database on the coordinator's server without Citus (one node) and one
# distributed by grid.distribute() (the cluster), both filled with the same
# synthetic city and day before it runs (test/bench/reports_setup.sql).
# Then, as the roles that read them, under row-level security:
#   - every city report of grid.report_catalog() (the city's role);
#   - one village's temperature report and one grid's call list (the
#     community's role);
#   - grid.find_resident by exact ID (the community's role), with the plan
#     of a look-up by ID on the cluster (one shard: Task Count 1);
#   - ingestion of records through the app channel.
# Each figure is the best of three runs in milliseconds, the cluster's with
# its ratio to one node's; what the cluster refuses is printed with its
# SQLSTATE.  On one 2-core machine the cluster cannot be faster: the figures
# are the coordination overhead.  Times are printed, never asserted.
# Needs Citus installed (bash test/scale-out builds it when missing).
# Usage (as root on Debian 12): bash test/bench/scaleout.sh [residents] [reports] [records]
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh

residents=${1:-200000}
reports=${2:-$((residents / 2))}
records=${3:-$((residents / 20))}
PGBIN=/usr/lib/postgresql/15/bin
export PG_CONFIG=$PGBIN/pg_config
[ -f "$($PG_CONFIG --sharedir)/extension/citus.control" ] ||
    { echo "Citus is not installed: run bash test/scale-out first (it builds it)"; exit 1; }
grid_need_packages || exit 1
grid_build_install > /dev/null || { echo "build failed"; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
sock="$work/sockets"
mkdir -p "$sock" && chown postgres: "$sock" 2> /dev/null
nodes=()
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_nodes() {
    local d
    for d in "${nodes[@]}"; do as_server "$PGBIN/pg_ctl" -D "$d" -m immediate stop > /dev/null 2>&1; done
    rm -rf "$work"
}
trap stop_nodes EXIT
free_port() {
    local p=$1
    while ss -Hltn "sport = :$p" | grep -q . || [ -e "$sock/.s.PGSQL.$p" ]; do p=$((p + 1)); done
    echo "$p"
}
start_node() {  # start_node <name> <port>
    local d="$work/$1"
    nodes+=("$d")
    mkdir -p "$d" && chown postgres: "$d" 2> /dev/null
    as_server "$PGBIN/initdb" -D "$d" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > /dev/null || exit 1
    cat >> "$d/postgresql.conf" <<CONF
port = $2
listen_addresses = 'localhost'
unix_socket_directories = '$sock'
shared_preload_libraries = 'citus,grid'
timezone = 'Asia/Shanghai'
max_connections = 80
shared_buffers = 256MB
fsync = off
jit = off
max_worker_processes = 16
CONF
    as_server "$PGBIN/pg_ctl" -D "$d" -l "$d/log" -w start > /dev/null || exit 1
}
coord=$(free_port $(( 25000 + RANDOM % 5000 )))
start_node coordinator "$coord"
w1=$(free_port $((coord + 1))); start_node worker1 "$w1"
w2=$(free_port $((w1 + 1))); start_node worker2 "$w2"

export PGHOST=$sock PGUSER=postgres PGOPTIONS='-c client_min_messages=warning'
P=(psql -X -q -v ON_ERROR_STOP=1)
for p in "$coord" "$w1" "$w2"; do
    "${P[@]}" -p "$p" -d postgres -c 'CREATE DATABASE grid_scale' -c 'ALTER DATABASE grid_scale SET search_path = "$user", public, grid' &&
    "${P[@]}" -p "$p" -d grid_scale -c 'CREATE EXTENSION citus' || exit 1
done
"${P[@]}" -p "$coord" -d grid_scale -o /dev/null -c "SELECT citus_set_coordinator_host('localhost', $coord)" \
    -c "SELECT citus_add_node('localhost', $w1)" -c "SELECT citus_add_node('localhost', $w2)" || exit 1
"${P[@]}" -p "$coord" -d postgres -c 'CREATE DATABASE grid_single' \
    -c 'ALTER DATABASE grid_single SET search_path = "$user", public, grid' \
    -c 'ALTER DATABASE grid_single SET citus.enable_ddl_propagation = off' || exit 1

# The same city in both, built before the cluster's is distributed.
for db in grid_single grid_scale; do
    echo "== $db: $residents residents, $reports reports on the day =="
    t0=$(date +%s)
    "${P[@]}" -p "$coord" -d "$db" -c 'CREATE EXTENSION grid CASCADE' -o /dev/null &&
    "${P[@]}" -p "$coord" -d "$db" -v residents="$residents" -v reports="$reports" -v history=1 \
        -f test/bench/reports_setup.sql -o /dev/null || exit 1
    "${P[@]}" -p "$coord" -d "$db" -o /dev/null -c 'ALTER ROLE bench_city LOGIN' -c 'ALTER ROLE bench_community LOGIN'
    echo "   filled in $(( $(date +%s) - t0 )) s"
done
t0=$(date +%s)
"${P[@]}" -p "$coord" -d grid_scale -o /dev/null -c 'SELECT * FROM grid.distribute()' -c 'VACUUM ANALYZE' || exit 1
echo "== grid.distribute() took $(( $(date +%s) - t0 )) s =="

best() {    # best <database> <role> <query>: ms, best of three, or ERROR <sqlstate>
    local out
    out=$("${P[@]}" -p "$coord" -d "$1" -At -v ON_ERROR_STOP=1 2>&1 <<SQL
\\set VERBOSITY sqlstate
SET TimeZone = 'Asia/Shanghai';
SET ROLE $2;
\\timing on
SELECT count(*) FROM ($3) q;
SELECT count(*) FROM ($3) q;
SELECT count(*) FROM ($3) q;
SQL
)
    if grep -q 'ERROR:' <<< "$out"; then
        grep -o 'ERROR:  [0-9A-Z]\{5\}' <<< "$out" | head -1
    else
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<< "$out" | sort -g | head -1
    fi
}
row() {     # row <label> <role> <query>
    local a b ratio
    a=$(best grid_single "$2" "$3"); b=$(best grid_scale "$2" "$3")
    if [[ "$a" =~ ^[0-9.]+$ && "$b" =~ ^[0-9.]+$ ]]; then
        ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1fx", b / a }')
    else
        ratio=-
    fi
    printf '%-44s %14s %14s %7s\n' "$1" "$a" "$b" "$ratio"
}
village=420503004001
cell=$("${P[@]}" -p "$coord" -d grid_single -At -c "SELECT min(cell::text) FROM grid.resident WHERE division = '$village'")
id=$("${P[@]}" -p "$coord" -d grid_single -At -c "SELECT min(id::text) FROM grid.resident WHERE division = '$village'")

printf '%-44s %14s %14s %7s\n' "ms (best of 3)" "one node" "cluster" "ratio"
for r in $("${P[@]}" -p "$coord" -d grid_single -At -c 'SELECT report FROM grid.report_catalog() ORDER BY 1'); do
    row "city report $r" bench_city "SELECT * FROM grid.report_$r('2020-02-10')"
done
row "a village's temperature report" bench_community "SELECT * FROM grid.report_temperature('2020-02-10', '$village')"
row "a grid's call list" bench_community "SELECT * FROM grid.report_not_reported('2020-02-10', '$cell')"
row "find_resident by exact ID" bench_community "SELECT * FROM grid.find_resident('$id')"
row "look-up by ID (plain query)" bench_community "SELECT * FROM grid.resident WHERE id = '$id'"

# Ingestion: the records through the app channel's staging table.
ingest() {  # ingest <database>: seconds, or ERROR <sqlstate>
    local out
    out=$("${P[@]}" -p "$coord" -d "$1" -At 2>&1 <<SQL
\\set VERBOSITY sqlstate
SET TimeZone = 'Asia/Shanghai';
INSERT INTO grid.stage_app (id_text, reported_at, temperature)
SELECT r.id::text, '2020-02-11 08:00', '36.5' FROM grid.resident r ORDER BY r.id LIMIT $records;
\\timing on
SELECT (grid.ingest_app('bench')).accepted;
SQL
)
    if grep -q 'ERROR:' <<< "$out"; then grep -o 'ERROR:  [0-9A-Z]\{5\}' <<< "$out" | head -1
    else sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<< "$out" | tail -1; fi
}
a=$(ingest grid_single); b=$(ingest grid_scale)
printf '%-44s %14s %14s %7s\n' "ingestion of $records app records" "$a" "$b" -

echo "== the plan of a look-up by ID on the cluster =="
"${P[@]}" -p "$coord" -d grid_scale -c "EXPLAIN (COSTS OFF) SELECT * FROM grid.resident WHERE id = '$id'"
