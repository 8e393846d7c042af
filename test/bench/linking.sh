#!/bin/bash
# Benchmark of linking by source profile (not part of test/run): a synthetic
# registry of N residents (households sharing phones), and M records split
# over the five source profiles of grid.synth_source (returnee lists, police
# extracts, door-to-door surveys with short addresses, SMS and voice calls
# with a phone alone), 10 % of them people not registered; each profile's
# batch linked by grid.link_batch twice, with the fixed weights and with the
# weights estimated from the batch (grid.batch_weights).  Prints recall,
# precision, review share and false links per profile, per kind (what the
# record holds) and per error kind, beside a pg_trgm baseline with ID,
# phone and village blocking on the same records in the same run, their
# ratio, and the latency of grid.find_resident.  Ends with a line for
# test/bench/results.tsv.  Timings are printed, never asserted.
#
# Usage (as root on Debian 12):
#   bash test/bench/linking.sh [residents [records [seed]]]
#   defaults: 50000 residents, 6000 records, seed 2020 (another seed gives a
#   held-out registry and records the weights were never looked at with).
#   The issue's size: bash test/bench/linking.sh 4000000 460000 (about half
#   an hour of both cores: run nothing else beside it).  LINK_FIXED=0 leaves out
#   the run with the fixed weights.  LINK_REUSE=1 (with PGHOST set) links
#   again the registry and batches an earlier run left in database
#   grid_bench (the same size and seed), with the code installed since:
#   the 4,000,000-resident registry takes 20 minutes to make.
# With PGHOST set, it runs in that server (grid already installed there);
# otherwise it builds, installs and runs in a throw-away cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
residents=${1:-50000}
records=${2:-6000}
seed=${3:-2020}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
run() {
    if [ "${LINK_REUSE:-0}" != 1 ]; then
        psql -X -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS grid_bench' -c 'CREATE DATABASE grid_bench' &&
        psql -X -q -d grid_bench -c 'CREATE EXTENSION grid CASCADE' -c 'CREATE EXTENSION pg_trgm' || return 1
    fi
    psql -X -d grid_bench -v residents="$residents" -v records="$records" -v commit="$commit" -v seed="$seed" \
         -v fixed="${LINK_FIXED:-1}" -v reuse="${LINK_REUSE:-0}" \
         -f test/bench/linking.sql
}
if [ -n "${PGHOST:-}" ]; then
    run
else
    grid_need_packages
    grid_build_install >/dev/null
    export residents records seed commit LINK_FIXED LINK_REUSE
    export -f run
    grid_with_cluster bash -c run
fi
