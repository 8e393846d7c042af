#!/bin/bash
# Benchmark of grid on a Citus cluster against one node, side by side in one
# run on this machine: a coordinator and two workers (three PostgreSQL
# servers on ports of their own, as test/scale-out starts them), one
# database on the coordinator's server without Citus (one node) and one
# distributed by grid.distribute() (the cluster), both filled with the same
# synthetic city and day before it runs (test/bench/reports_setup.sql).
# Then, as the roles that read them, under row-level security:
#   - every city report of grid.report_catalog() (the city's role);
#   - one village's reports and one grid's call list (the community's
#     role);
#   - grid.find_resident by exact ID (the community's role), with the plan
#     of a look-up by ID on the cluster (one shard: Task Count 1);
#   - ingestion of records through the app channel;
#   - the day's reports and the residents counted on every shard, and the
#     distributed tables' sizes per shard (the per-shard costs).
# Each figure is the best of three runs in milliseconds, the cluster's with
# its ratio to one node's; what the cluster refuses is printed with its
# SQLSTATE.  On one 2-core machine the cluster cannot be faster: the figures
# are the coordination overhead.  Times are printed, never asserted.
# Needs Citus installed (bash test/scale-out builds it when missing).
# Usage (as root on Debian 12): [GRID_BENCH_SHARDS=n] bash test/bench/scaleout.sh [residents] [reports] [records]
# With PG_CONFIG set to another PostgreSQL 15 where grid and Citus are
# installed already (GRID_BENCH_INSTALLED=1), the nodes run that copy's
# servers and nothing is built.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh

residents=${1:-200000}
reports=${2:-$((residents / 2))}
records=${3:-$((residents / 20))}
# GRID_BENCH_SHARDS: the shards of each distributed table (Citus's
# citus.shard_count, 32 unless set).  A query that finds its rows by place
# (a village's key persons, a grid's call list) reads every shard, and each
# shard is a task of its own.
shards=${GRID_BENCH_SHARDS:-32}
# PG_CONFIG: the PostgreSQL whose servers run the nodes (the system's 15 unless set).
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
PGBIN=$($PG_CONFIG --bindir)
[ -f "$($PG_CONFIG --sharedir)/extension/citus.control" ] ||
    { echo "Citus is not installed: run bash test/scale-out first (it builds it)"; exit 1; }
if [ -z "${GRID_BENCH_INSTALLED:-}" ]; then
    grid_need_packages || exit 1
    grid_build_install > /dev/null || { echo "build failed"; exit 1; }
fi

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
# The city, built once in the single-node database (without Citus), then
# copied as the template of the cluster's database: the same rows in both,
# for half the filling.
"${P[@]}" -p "$coord" -d postgres -c 'CREATE DATABASE grid_single' \
    -c 'ALTER DATABASE grid_single SET search_path = "$user", public, grid' || exit 1
echo "== $residents residents, $reports reports on the day =="
t0=$(date +%s)
"${P[@]}" -p "$coord" -d grid_single -c 'CREATE EXTENSION grid CASCADE' -o /dev/null &&
"${P[@]}" -p "$coord" -d grid_single -v residents="$residents" -v reports="$reports" -v history=1 \
    -f test/bench/reports_setup.sql -o /dev/null || exit 1
"${P[@]}" -p "$coord" -d grid_single -o /dev/null -c 'ALTER ROLE bench_city LOGIN' -c 'ALTER ROLE bench_community LOGIN'
echo "   filled in $(( $(date +%s) - t0 )) s"
t0=$(date +%s)
"${P[@]}" -p "$coord" -d postgres -c 'CREATE DATABASE grid_scale TEMPLATE grid_single' \
    -c 'ALTER DATABASE grid_scale SET search_path = "$user", public, grid' || exit 1
"${P[@]}" -p "$coord" -d grid_single -c 'ALTER DATABASE grid_single SET citus.enable_ddl_propagation = off' || exit 1
echo "   copied in $(( $(date +%s) - t0 )) s"
# Citus in the copy and on the workers, and grid on the workers (a database
# that had grid before citus: Citus does not create it there).
for p in "$w1" "$w2"; do
    "${P[@]}" -p "$p" -d postgres -c 'CREATE DATABASE grid_scale' -c 'ALTER DATABASE grid_scale SET search_path = "$user", public, grid' &&
    "${P[@]}" -p "$p" -d grid_scale -o /dev/null -c 'CREATE EXTENSION citus' -c 'CREATE EXTENSION grid CASCADE' || exit 1
done
"${P[@]}" -p "$coord" -d grid_scale -o /dev/null -c 'CREATE EXTENSION citus' -c "SELECT citus_set_coordinator_host('localhost', $coord)" \
    -c "SELECT citus_add_node('localhost', $w1)" -c "SELECT citus_add_node('localhost', $w2)" || exit 1
t0=$(date +%s)
"${P[@]}" -p "$coord" -d grid_scale -o /dev/null -c "SET citus.shard_count = $shards" -c 'SELECT * FROM grid.distribute()' \
    -c 'VACUUM ANALYZE' || exit 1
echo "== grid.distribute() took $(( $(date +%s) - t0 )) s ($shards shards) =="

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
for r in $("${P[@]}" -p "$coord" -d grid_single -At -c "SELECT report FROM grid.report_catalog() WHERE report <> 'not_reported' ORDER BY 1"); do
    row "a village's report $r" bench_community "SELECT * FROM grid.report_$r('2020-02-10', '$village')"
done
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

# What one shard costs: the day's reports counted on every shard (as the
# owner, no row-level security), and the sizes of the distributed tables.
row "the day's reports counted (every shard)" postgres "SELECT 1 FROM grid.health_report h WHERE h.reported_at >= '2020-02-10 00:00+08' AND h.reported_at < '2020-02-11 00:00+08'"
row "every resident counted (every shard)" postgres "SELECT 1 FROM grid.resident"
echo "== the cluster's distributed tables: shards, rows and bytes =="
"${P[@]}" -p "$coord" -d grid_scale -c "SELECT t.table_name, t.shard_count, t.table_size AS size,
        pg_size_pretty(citus_total_relation_size(t.table_name) / t.shard_count) AS per_shard
   FROM citus_tables t WHERE t.citus_table_type = 'distributed' ORDER BY 1"
"${P[@]}" -p "$coord" -d grid_single -c "SELECT c.relname, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size,
        (pg_total_relation_size(c.oid) / greatest(c.reltuples, 1))::bigint AS bytes_per_row
   FROM pg_class c WHERE c.oid IN ('grid.resident'::regclass, 'grid.health_report'::regclass, 'grid.health_day'::regclass, 'grid.key_person'::regclass) ORDER BY 1"

echo "== the plan of a look-up by ID on the cluster =="
"${P[@]}" -p "$coord" -d grid_scale -c "EXPLAIN (COSTS OFF) SELECT * FROM grid.resident WHERE id = '$id'"
