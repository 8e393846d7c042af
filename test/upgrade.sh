#!/bin/bash
# test/upgrade.sh: ALTER EXTENSION grid UPDATE from every released version.
#
# For each released version P (its install script is kept unchanged as
# src/versions/grid--P.sql): a database gets CREATE EXTENSION grid VERSION
# 'P', is filled through P's functions (test/fixtures/populate.sql), and is
# updated to the current version.  After the update:
#   - it is at the current version, and what it holds is what a fresh
#     CREATE EXTENSION of the current version, filled the same way, holds:
#     the same catalogue (pg_dump --binary-upgrade --schema-only, which
#     includes the extension's own objects, with object ids left out), the
#     same tables marked for pg_dump, the same extension members;
#   - no row is lost: every table P had holds, in the columns P had, the
#     same rows as before the update.
#
# Prints TAP.  test/run runs it inside its temporary cluster; alone (as root
# on Debian 12, or a user who can install grid):  bash test/upgrade.sh
# With GRID_UPGRADE_DUMPS=<directory> it also leaves the dumps there, as
# <version>.dump and new.dump, for test/upgrade_draft.py.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${GRID_UPGRADE_CLUSTER:-}" ]; then
    . test/lib.sh
    grid_need_packages || exit 1
    grid_build_install > /dev/null || { echo "Bail out! build failed"; exit 1; }
    GRID_UPGRADE_CLUSTER=1 grid_with_cluster bash "$0"
    exit $?
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. test/tap.sh
export PGOPTIONS='-c client_min_messages=warning'
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" grid.control)

# fresh <database> [version]: a new database with grid installed and filled.
fresh() {
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" &&
    "${PSQL[@]}" -d "$1" -c "CREATE EXTENSION grid VERSION '${2:-$current}' CASCADE" \
        -f test/fixtures/populate.sql -o /dev/null
}
# columns <database> <file>: each table of schema grid and its columns.
columns() {
    "${PSQL[@]}" -At -d "$1" > "$2" 2>&1 <<'SQL'
SET search_path = pg_catalog;
SELECT c.oid::regclass::text || E'\t' || string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p')
 GROUP BY c.oid ORDER BY 1;
SQL
}
# rows <database> <columns file> <file>: each table's row count and an
# order-independent checksum of its rows as text, in the columns listed.
rows() {
    {
        echo "SET search_path = pg_catalog; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';"
        echo "SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET bytea_output = 'hex';"
        while IFS=$'\t' read -r tab cols; do
            echo "SELECT '$tab', count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\"), '')) FROM (SELECT $cols FROM $tab) t;"
        done < "$2"
    } | "${PSQL[@]}" -At -F ' ' -d "$1" > "$3" 2>&1
}
# catalogue <database> <file>: what the database defines, object ids left
# out, one object a block, blocks sorted (pg_dump orders objects that
# depend on nothing by their ids, which differ between the two databases).
catalogue() {
    pg_dump --binary-upgrade --schema-only -d "$1" 2> "$2.err" > "$2.dump"
    [ -z "${GRID_UPGRADE_DUMPS:-}" ] || cp "$2.dump" "$GRID_UPGRADE_DUMPS/$(basename "$2" .catalogue).dump"
    python3 -c '
import re, sys
skip = re.compile(r"binary_upgrade_set_next_|binary_upgrade_create_empty_extension|relfrozenxid|"
                  r"^-- For binary upgrade|^\\(un)?restrict |^-- Dumped |^--$|^$|WHERE oid = .[0-9]+.;$")
blocks, block = [], []
for line in sys.stdin.read().split("\n"):
    if line.startswith("-- Name: ") and block:
        blocks.append("\n".join(block)); block = []
    if not skip.search(line):
        block.append(line)
blocks.append("\n".join(block))
print("\n".join(sorted(blocks)))
' < "$2.dump" > "$2"
    [ ! -s "$2.err" ] || cat "$2.err" >> "$2"
    # An empty or failed dump would compare equal to another: say so instead.
    grep -q '^CREATE TABLE grid.resident ' "$2" || echo "no catalogue read from database $1" >> "$2"
    # The extension's own record, which the dump gives with object ids: the
    # tables marked for pg_dump, their filters, and the version.
    "${PSQL[@]}" -At -d "$1" >> "$2" 2>&1 <<'SQL'
SELECT 'extension ' || e.extname || ' ' || e.extversion FROM pg_extension e WHERE e.extname = 'grid';
SELECT 'dumped ' || x.oid::regclass || ' ' || coalesce(nullif(x.cond, ''), '(all rows)')
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
 WHERE e.extname = 'grid' ORDER BY 1;
SQL
}

fresh grid_upgrade_new > "$work/new.err" 2>&1 ||
    { not_ok "the current version $current installs and fills" "$work/new.err"; done_testing; exit; }
catalogue grid_upgrade_new "$work/new.catalogue"

released=0
for script in src/versions/grid--*.sql; do
    prev=$(basename "$script" .sql); prev=${prev#grid--}
    case "$prev" in *--*|"$current") continue;; esac
    released=$((released + 1))
    db=grid_upgrade_from_${prev//./_}
    check "$prev installs and fills" fresh "$db" "$prev"
    columns "$db" "$work/$prev.columns"
    rows "$db" "$work/$prev.columns" "$work/$prev.before"
    # 0.1.0 stored phones as written.  Two residents, added after the rows
    # were counted and removed before they are counted again: one whose
    # phones the update must normalise, one whose phone is no number and
    # must stay as it is, with a warning.
    [ "$prev" != 0.1.0 ] || "${PSQL[@]}" -d "$db" > "$work/probe" 2>&1 <<'SQL'
CREATE TEMP TABLE probe_id AS
SELECT b || substr('10X98765432', (sum(substr(b, i, 1)::int * (2 ^ (18 - i))::int % 11) % 11)::int + 1, 1) AS id, k
  FROM (VALUES ('42050319800101901', 1), ('42050319800101902', 2)) v(b, k), generate_series(1, 17) i GROUP BY b, k;
INSERT INTO grid.resident (id, name, division, phones)
SELECT p.id::grid.resident_id, '升级' || p.k, (SELECT division FROM grid.resident LIMIT 1),
       CASE p.k WHEN 1 THEN ARRAY['138 0000 0001', '+86-13800000001', '0717-6221234'] ELSE ARRAY['none'] END
  FROM probe_id p;
SQL
    if "${PSQL[@]}" -d "$db" -c 'ALTER EXTENSION grid UPDATE' > "$work/alter" 2>&1; then
        ok "ALTER EXTENSION grid UPDATE from $prev to $current"
    else
        not_ok "ALTER EXTENSION grid UPDATE from $prev to $current" "$work/alter"
    fi
    if [ "$prev" = 0.1.0 ]; then
        got=$("${PSQL[@]}" -At -d "$db" -c "SELECT name || ' ' || array_to_string(phones, ',') FROM grid.resident WHERE name LIKE '升级_' ORDER BY name" 2>&1)
        want=$(printf '%s\n%s' "升级1 $("${PSQL[@]}" -At -d "$db" -c "SELECT grid.normalize_phone('13800000001') || ',' || grid.normalize_phone('0717-6221234')")" '升级2 none')
        unreadable=$("${PSQL[@]}" -At -d "$db" -c "SELECT count(*) FROM grid.resident r WHERE EXISTS (SELECT FROM unnest(r.phones) p WHERE grid.normalize_phone(p) IS NULL)")
        if [ "$got" = "$want" ] && grep -q "WARNING:  $unreadable residents hold a phone that is no phone number" "$work/alter"; then
            ok "updated from $prev, phones stored as written are normalised, and a phone that is no number is kept and reported"
        else
            { cat "$work/probe" "$work/alter"; echo "got: $got"; echo "want: $want"; } > "$work/d"
            not_ok "updated from $prev, phones stored as written are normalised, and a phone that is no number is kept and reported" "$work/d"
        fi
        "${PSQL[@]}" -d "$db" -c "DELETE FROM grid.resident WHERE name LIKE '升级_'" > /dev/null 2>&1
    fi
    version=$("${PSQL[@]}" -At -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'grid'")
    if [ "$version" = "$current" ]; then ok "updated from $prev, the database is at $current"
    else echo "extversion $version" > "$work/v"; not_ok "updated from $prev, the database is at $current" "$work/v"; fi
    rows "$db" "$work/$prev.columns" "$work/$prev.after"
    # Read right only if there is one line per table and no message.
    if [ "$(wc -l < "$work/$prev.before")" -ne "$(wc -l < "$work/$prev.columns")" ] ||
       [ ! -s "$work/$prev.columns" ]; then
        cat "$work/$prev.columns" "$work/$prev.before" > "$work/d"; false
    else
        diff "$work/$prev.before" "$work/$prev.after" > "$work/d" 2>&1
    fi
    if [ $? -eq 0 ]; then
        ok "updated from $prev, every table keeps its rows in the columns it had"
    else
        not_ok "updated from $prev, every table keeps its rows in the columns it had" "$work/d"
    fi
    catalogue "$db" "$work/$prev.catalogue"
    if diff "$work/new.catalogue" "$work/$prev.catalogue" > "$work/d" 2>&1; then
        ok "updated from $prev, the catalogue is a fresh $current's"
    else
        not_ok "updated from $prev, the catalogue is a fresh $current's (lines < fresh, > updated)" "$work/d"
    fi
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" 2> /dev/null
done
if [ "$released" -gt 0 ]; then ok "$released released version(s) tested"
else echo "no src/versions/grid--<version>.sql other than $current" > "$work/r"; not_ok "a released version to upgrade from" "$work/r"; fi
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_upgrade_new' 2> /dev/null
done_testing
