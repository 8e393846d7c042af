#!/bin/bash
# test/pgbouncer.sh: one pooled login behind a real PgBouncer in transaction
# mode, as applications deploy grid.
#
# In a database of its own, the script loads five residents of two
# villages (王家河社区 420503004001, 中书街社区 420502002021), a grid cell and a
# day of reports; creates one role per village with the privileges its
# grid workers need and the village's scope; and one pooled login,
# app_pool, LOGIN NOINHERIT, granted both.  It starts Debian's PgBouncer on
# a free local port with a configuration and auth file of its own:
# pool_mode = transaction and one server connection per pool, so that two
# clients share one server session.  Then test/pgbouncer_client.py (Debian's
# python3 and psycopg2), the application, interleaves the two villages'
# workers' requests on two client connections, each transaction beginning
# with SET LOCAL ROLE, and checks that each sees only its own village and
# that nothing of one survives into the other's transaction.
#
# Prints TAP (the client's).  test/run runs it inside its temporary
# cluster; alone (as root on Debian 12, or a user who can install grid):
#   bash test/pgbouncer.sh
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${GRID_POOL_CLUSTER:-}" ]; then
    . test/lib.sh
    grid_need_packages || exit 1
    grid_build_install > /dev/null || { echo "Bail out! build failed"; exit 1; }
    GRID_POOL_CLUSTER=1 grid_with_cluster bash "$0"
    exit $?
fi

PGBOUNCER=/usr/sbin/pgbouncer
PYTHON=/usr/bin/python3     # Debian's, with python3-psycopg2 (not a python of the user's PATH)
work=$(mktemp -d)
bouncer_pid=
stop_bouncer() {
    if [ -n "$bouncer_pid" ]; then
        kill "$bouncer_pid" 2> /dev/null
        for _ in $(seq 50); do kill -0 "$bouncer_pid" 2> /dev/null || break; sleep 0.1; done
    fi
}
trap 'stop_bouncer; rm -rf "$work"' EXIT
bail() {      # bail <reason> [file with the details]
    echo "Bail out! $1"
    [ -s "${2:-}" ] && head -40 "$2" | sed 's/^/# /'
    exit 1
}
export PGOPTIONS='-c client_min_messages=warning'
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
db=grid_pool

[ -x "$PGBOUNCER" ] || bail "no $PGBOUNCER: install Debian's pgbouncer"
"$PYTHON" -c 'import psycopg2' 2> "$work/err" || bail "no psycopg2 for $PYTHON: install Debian's python3-psycopg2" "$work/err"

# ------------------------------------------------------------ the database
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c 'DROP ROLE IF EXISTS app_pool, pool_wjh, pool_zsj' \
    -c "CREATE DATABASE $db" > "$work/err" 2>&1 \
    || bail "cannot create the database" "$work/err"
"${PSQL[@]}" -d "$db" -v password="$password" > "$work/err" 2>&1 <<'EOF' || bail "cannot load the fixture" "$work/err"
SET TimeZone = 'Asia/Shanghai';
CREATE EXTENSION grid CASCADE;

-- Five residents of two villages, and one grid cell of 王家河社区.
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420503197707070026', '王强', ARRAY['13700137000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021'),
  ('420502198808080037', '张伟', ARRAY['13600136000'], '420502002021');
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001001', '王家河一网格', public.ST_Multi(public.ST_MakeEnvelope(111.30, 30.70, 111.31, 30.71, 4326)));

-- A day of reports, one per resident, ingested by the administrator.
INSERT INTO grid.stage_app (id_text, reported_at, temperature)
SELECT r.id::text, '2020-02-10 08:00', '36.5' FROM grid.resident r;
DO $$
DECLARE
    n bigint;
BEGIN
    SELECT accepted INTO n FROM grid.ingest_app('the day before');
    IF n <> 5 THEN
        RAISE EXCEPTION 'the day before: % reports stored, not 5', n;
    END IF;
END
$$;

-- One role per village: NOLOGIN, the village's scope, and the privileges
-- its grid workers need: read their residents, their reports and staged
-- rows, and ingest app reports (grid.ingest_app).  Only 王家河社区 reads
-- the map, so only it may call grid.locate.
CREATE ROLE pool_wjh NOLOGIN;
CREATE ROLE pool_zsj NOLOGIN;
SELECT grid.grant_scope('pool_wjh', '420503004001');   -- 王家河社区
SELECT grid.grant_scope('pool_zsj', '420502002021');   -- 中书街社区
GRANT USAGE ON SCHEMA grid TO pool_wjh, pool_zsj;
GRANT SELECT ON grid.resident, grid.name_frequency, grid.standard_address, grid.division, grid.ingest_batch
   TO pool_wjh, pool_zsj;
GRANT SELECT, INSERT ON grid.health_report, grid.report_review, grid.key_person, grid.unreached, grid.ingest_reject
   TO pool_wjh, pool_zsj;
GRANT SELECT, INSERT, DELETE ON grid.stage_app TO pool_wjh, pool_zsj;
GRANT SELECT ON grid.cell TO pool_wjh;

-- The application's pooled login: NOINHERIT, so that on its own it has
-- neither the villages' privileges nor their scopes.
CREATE ROLE app_pool LOGIN NOINHERIT PASSWORD :'password';
GRANT pool_wjh, pool_zsj TO app_pool;
EOF

# ------------------------------------------------------------ PgBouncer
# A free port on the loopback address.
port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/pgbouncer.ini" <<EOF
[databases]
$db = host=127.0.0.1 port=${PGPORT:-5432} dbname=$db

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $work/userlist.txt
pidfile = $work/pgbouncer.pid
logfile = $work/pgbouncer.log
; Transaction pooling: a server connection serves a client for one
; transaction, then the next client.  server_reset_query (DISCARD ALL) runs
; in session pooling only: here nothing is reset between clients.
pool_mode = transaction
default_pool_size = 1
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 10
server_reset_query_always = 0
; A client waiting for the server longer than this gets an error (a test
; that hangs would say nothing).
query_wait_timeout = 20
EOF
printf '"app_pool" "%s"\n' "$password" > "$work/userlist.txt"
chmod 600 "$work/userlist.txt"
# PgBouncer refuses to run as root: as root, run it as postgres.
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$work"
    run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$PGBOUNCER" -d "$work/pgbouncer.ini" > "$work/start.log" 2>&1 \
    || bail "pgbouncer did not start" "$work/start.log"
for _ in $(seq 50); do [ -s "$work/pgbouncer.pid" ] && break; sleep 0.1; done
bouncer_pid=$(cat "$work/pgbouncer.pid" 2> /dev/null)
[ -n "$bouncer_pid" ] || bail "pgbouncer wrote no pid file" "$work/pgbouncer.log"
echo "# $($PGBOUNCER --version | head -1) on 127.0.0.1:$port, pool_mode = transaction, default_pool_size = 1"

# ------------------------------------------------------------ the application
env -u PGOPTIONS "$PYTHON" test/pgbouncer_client.py \
    "host=127.0.0.1 port=$port dbname=$db user=app_pool password=$password connect_timeout=10"
rc=$?
if [ $rc -ne 0 ]; then
    echo "# pgbouncer's log:"
    tail -20 "$work/pgbouncer.log" | sed 's/^/#   /'
fi

stop_bouncer
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" 2> /dev/null
"${PSQL[@]}" -d postgres -c 'DROP ROLE IF EXISTS app_pool, pool_wjh, pool_zsj' 2> /dev/null
exit $rc
