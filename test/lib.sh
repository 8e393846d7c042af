# test/lib.sh: what test/run and test/demo share.  Sourced, not run.
#
# Both install missing Debian packages, build and install grid, and work in
# a throw-away cluster of their own made by Debian's pg_virtualenv (never
# the machine's default cluster), which is dropped when they finish.

GRID_PACKAGES=(
    build-essential
    postgresql-15
    postgresql-server-dev-15
    postgresql-15-postgis-3
    postgresql-15-pgtap
    libtap-parser-sourcehandler-pgtap-perl
    postgresql-15-cron
    opencc
    unicode-data
    bzip2
    pgbouncer
    python3-psycopg2
    librsvg2-bin
)

# Install whichever of GRID_PACKAGES is missing.
grid_need_packages() {
    local missing=() p
    for p in "${GRID_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "grid: missing Debian packages: ${missing[*]}; run as root to install them" >&2
        return 1
    fi
    echo "grid: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Build with strict warnings and install into PostgreSQL 15.
grid_build_install() {
    export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
    make -s clean &&
    make -s PG_CFLAGS="-Wall -Wextra -Werror -Wno-unused-parameter" &&
    make -s install
}

# Run a command inside a temporary UTF-8 cluster with pg_cron preloaded.
# The environment it sees (PGHOST, PGPORT, PGUSER, ...) points at it.
# GRID_PG_OPTS adds settings, e.g. GRID_PG_OPTS='shared_buffers=2GB'.
grid_with_cluster() {
    local extra=() o
    for o in ${GRID_PG_OPTS:-}; do extra+=(-o "$o"); done
    pg_virtualenv -t -i '--encoding=UTF8 --locale=C.UTF-8' "${extra[@]}" \
        -o 'shared_preload_libraries=pg_cron' \
        -o 'cron.database_name=postgres' \
        -o 'cron.use_background_workers=on' \
        -o 'max_worker_processes=16' \
        -o 'timezone=Asia/Shanghai' \
        "$@"
}
