#!/bin/bash
# Benchmark of what the policy grid_resident (a write names a resident the
# writer sees, in the resident's division) costs ingestion, in one run on a
# temporary cluster: a registry of 100,000 residents (default) in the
# villages of 伍家岗区, one app report each, ingested by grid.ingest_app as
# the county's role (the policies apply; a superuser would skip them),
# three times with the policy on the tables ingestion writes and three
# times without it, alternately.  The best times, their ratio and the cost
# per report are printed, never asserted.
# Usage (as root on Debian 12): bash test/bench/access_writes.sh [reports]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
reports=${1:-100000}
grid_need_packages
grid_build_install >/dev/null
grid_with_cluster bash -c "
    psql -X -q -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION grid CASCADE' &&
    psql -X -q -v reports=$reports -f test/bench/access_writes.sql
"
