#!/bin/bash
# Random SQL against grid's types, functions and tables with sqlsmith, on a
# temporary cluster: the server must survive every query (errors are fine,
# crashes are not).  Not part of test/run.
# Usage (as root on Debian 12): bash test/fuzz/sqlsmith.sh [queries] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
queries=${1:-20000}
seed=${2:-2020}
GRID_PACKAGES+=(sqlsmith)
grid_need_packages
grid_build_install >/dev/null
grid_with_cluster bash -c "
    set -e
    createdb smith
    psql -q -d smith -v ON_ERROR_STOP=1 -f test/fuzz/sqlsmith_fixture.sql
    sqlsmith --target=\"host=\$PGHOST port=\$PGPORT dbname=smith user=\$PGUSER password=\$PGPASSWORD\" \
        --exclude-catalog --max-queries=$queries --seed=$seed --verbose 2>&1 | tail -25 || true
    psql -d smith -Atc 'SELECT 1' >/dev/null && echo 'sqlsmith: the server is up after $queries queries'
    log=\$(ls \$PG_CLUSTER_CONF_ROOT/../log/*.log 2>/dev/null | head -1 || true)
    [ -n \"\$log\" ] || { echo 'sqlsmith: no server log found'; exit 1; }
    if grep -E 'terminated by signal|PANIC' \"\$log\"; then
        echo 'sqlsmith: the server crashed'; exit 1
    fi
"
