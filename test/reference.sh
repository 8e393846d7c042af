#!/bin/bash
# test/reference.sh: the reference of schema grid, generated from the
# catalogue of a fresh install, as Markdown.
#
# Every type, function, aggregate, operator, table, view and setting
# (grid.* GUCs) of schema grid, each with its COMMENT ON text (a setting
# with its description), grouped by kind and ordered by name (byte order),
# so the same catalogue always gives the same text.  Functions are
# "Internals" when the catalogue says they are not for calling: trigger
# functions, the functions that implement a type, operator, operator class
# or aggregate, and functions that neither PUBLIC nor a grid_* role may
# execute.
#
#   bash test/reference.sh           print the reference
#   bash test/reference.sh --write   put it into README.md, between the
#                                    lines <!-- reference:start --> and
#                                    <!-- reference:end -->
#   bash test/reference.sh --check   compare README.md with it (TAP)
#
# Alone (as root on Debian 12, or a user who can install grid) it builds
# and installs grid and works in a throw-away cluster; test/run runs the
# check inside its own cluster (GRID_REFERENCE_CLUSTER=1).
set -uo pipefail
cd "$(dirname "$0")/.."

mode=${1:-print}
case "$mode" in
    print|--write|--check) ;;
    *) echo "usage: bash test/reference.sh [--write | --check]" >&2; exit 2 ;;
esac

if [ -z "${GRID_REFERENCE_CLUSTER:-}" ]; then
    . test/lib.sh
    grid_need_packages >&2 || exit 1
    grid_build_install > /dev/null || { echo "grid: build failed" >&2; exit 1; }
    # pg_virtualenv says when it creates and drops its cluster: not part of the text
    GRID_REFERENCE_CLUSTER=1 grid_with_cluster bash "$0" "$mode" | grep -v '^\(Creating new PostgreSQL cluster\|Dropping cluster\) '
    exit "${PIPESTATUS[0]}"
fi

START='<!-- reference:start -->'
END='<!-- reference:end -->'

# The reference, from a database of its own with nothing but grid.
generate() {
    local db=grid_reference
    export PGOPTIONS='-c client_min_messages=warning'
    local err
    dropdb --if-exists "$db" && createdb "$db" || return 1
    # What CREATE EXTENSION says about this database's settings is not the
    # reference's business: shown only if it fails.
    if ! err=$(psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION grid CASCADE' 2>&1 >/dev/null); then
        echo "$err" >&2
        return 1
    fi
    psql -X -q -d "$db" -v ON_ERROR_STOP=1 -At <<'SQL'
-- Markdown text: backslash before what would be read as markup.
CREATE FUNCTION pg_temp.md(t text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT regexp_replace(regexp_replace(coalesce(t, '(no comment)'), '\s*\n\s*', ' ', 'g'),
                         '([\\`*<|])', '\\\1', 'g') $$;
-- Code text: inside backticks, nothing but backticks needs care.
CREATE FUNCTION pg_temp.code(t text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT '`' || replace(t, '`', '''') || '`' $$;
-- The roles other than PUBLIC that may execute a function, when PUBLIC may not.
CREATE FUNCTION pg_temp.only_for(acl aclitem[]) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT CASE WHEN acl IS NULL OR EXISTS (SELECT FROM aclexplode(acl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
               THEN NULL
               ELSE (SELECT string_agg(DISTINCT r.rolname, ', ' ORDER BY r.rolname)
                       FROM aclexplode(acl) a JOIN pg_roles r ON r.oid = a.grantee
                      WHERE a.privilege_type = 'EXECUTE' AND r.rolname LIKE 'grid\_%') END $$;
CREATE TEMP VIEW fn AS
WITH support(oid, role) AS (
    SELECT t.typinput::oid, 'type I/O' FROM pg_type t WHERE t.typnamespace = 'grid'::regnamespace
    UNION SELECT t.typoutput, 'type I/O' FROM pg_type t WHERE t.typnamespace = 'grid'::regnamespace
    UNION SELECT t.typreceive, 'type I/O' FROM pg_type t WHERE t.typnamespace = 'grid'::regnamespace
    UNION SELECT t.typsend, 'type I/O' FROM pg_type t WHERE t.typnamespace = 'grid'::regnamespace
    UNION SELECT o.oprcode, 'operator' FROM pg_operator o WHERE o.oprnamespace = 'grid'::regnamespace
    UNION SELECT o.oprrest, 'estimator' FROM pg_operator o WHERE o.oprnamespace = 'grid'::regnamespace
    UNION SELECT o.oprjoin, 'estimator' FROM pg_operator o WHERE o.oprnamespace = 'grid'::regnamespace
    UNION SELECT a.amproc, 'index support' FROM pg_amproc a
    UNION SELECT g.aggtransfn, 'aggregate' FROM pg_aggregate g
    UNION SELECT g.aggcombinefn, 'aggregate' FROM pg_aggregate g
    UNION SELECT g.aggfinalfn, 'aggregate' FROM pg_aggregate g
    UNION SELECT p.prosupport, 'planner support' FROM pg_proc p
)
SELECT p.oid, p.proname, p.prokind,
       pg_get_function_identity_arguments(p.oid) AS ident,
       pg_temp.code(format('grid.%s(%s)', quote_ident(p.proname), pg_get_function_arguments(p.oid))
                    || CASE WHEN p.prokind = 'p' THEN '' ELSE ' → ' || pg_get_function_result(p.oid) END) AS sig,
       pg_temp.md(obj_description(p.oid, 'pg_proc')) AS descr,
       pg_temp.only_for(p.proacl) AS only_for,
       (SELECT string_agg(DISTINCT s.role, ', ' ORDER BY s.role) FROM support s WHERE s.oid = p.oid) AS support,
       p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype) AS is_trigger,
       p.prokind <> 'a' AND p.proacl IS NOT NULL AND NOT EXISTS (
           SELECT FROM aclexplode(p.proacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE a.privilege_type = 'EXECUTE' AND (a.grantee = 0 OR r.rolname LIKE 'grid\_%')) AS owner_only
  FROM pg_proc p
 WHERE p.pronamespace = 'grid'::regnamespace;
CREATE TEMP VIEW rel AS
SELECT c.oid, c.relname, c.relkind, pg_temp.md(obj_description(c.oid, 'pg_class')) AS descr
  FROM pg_class c
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f');

-- Columns of a table, view or composite type, as a Markdown table.
CREATE FUNCTION pg_temp.columns(rel oid) RETURNS text LANGUAGE sql STABLE AS $$
SELECT E'| column | type | description |\n| --- | --- | --- |\n'
       || string_agg(format('| %s | %s | %s |', pg_temp.code(quote_ident(a.attname)),
                            pg_temp.code(format_type(a.atttypid, a.atttypmod)
                                         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END),
                            CASE WHEN col_description(a.attrelid, a.attnum) IS NULL THEN ''
                                 ELSE pg_temp.md(col_description(a.attrelid, a.attnum)) END),
                     E'\n' ORDER BY a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
$$;

SELECT '<!-- generated from the catalogue by: bash test/reference.sh --write; edit the COMMENT ON texts, not this text -->';

SELECT E'\n### Types\n';
SELECT string_agg(format('- %s (%s): %s', pg_temp.code(format_type(t.oid, NULL)),
                         CASE t.typtype WHEN 'b' THEN 'base type, ' || CASE WHEN t.typlen > 0 THEN t.typlen || ' bytes' ELSE 'variable length' END
                                        WHEN 'c' THEN 'composite type' WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain over ' || format_type(t.typbasetype, t.typtypmod)
                                        WHEN 'r' THEN 'range type' ELSE 'type' END,
                         pg_temp.md(obj_description(t.oid, 'pg_type')))
                  || CASE WHEN t.typtype = 'c' THEN format(E'\n  Fields: %s.', (SELECT string_agg(pg_temp.code(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
                                                                   FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
                          WHEN t.typtype = 'e' THEN format(E'\n  Values: %s.', (SELECT string_agg(pg_temp.code(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
                          ELSE '' END,
                  E'\n' ORDER BY t.typname COLLATE "C")
  FROM pg_type t
 WHERE t.typnamespace = 'grid'::regnamespace AND t.typtype <> 'p'
   AND NOT (t.typelem <> 0 AND t.typlen = -1 AND t.typname LIKE '\_%')   -- array types
   AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c');

SELECT E'\n### Functions\n\nEvery function that PUBLIC may execute, or the roles named after it.\n';
SELECT string_agg(format('- %s: %s%s', sig, descr, CASE WHEN only_for IS NOT NULL THEN format(' (EXECUTE: %s)', only_for) ELSE '' END),
                  E'\n' ORDER BY proname COLLATE "C", ident COLLATE "C")
  FROM fn WHERE prokind IN ('f', 'p') AND support IS NULL AND NOT is_trigger AND NOT owner_only;

SELECT E'\n### Aggregates\n';
SELECT string_agg(format('- %s: %s', sig, descr), E'\n' ORDER BY proname COLLATE "C", ident COLLATE "C")
  FROM fn WHERE prokind = 'a';

SELECT E'\n### Operators\n';
SELECT string_agg(format('- %s: %s', pg_temp.code(format('%s grid.%s %s → %s', format_type(o.oprleft, NULL), o.oprname,
                                                         format_type(o.oprright, NULL), format_type(o.oprresult, NULL))),
                         pg_temp.md(obj_description(o.oid, 'pg_operator'))),
                  E'\n' ORDER BY o.oprname COLLATE "C", format_type(o.oprleft, NULL) COLLATE "C", format_type(o.oprright, NULL) COLLATE "C")
  FROM pg_operator o WHERE o.oprnamespace = 'grid'::regnamespace;

SELECT E'\n### Tables\n';
SELECT string_agg(format(E'#### %s\n\n%s\n\n%s', pg_temp.code('grid.' || quote_ident(relname)), descr, pg_temp.columns(oid)),
                  E'\n\n' ORDER BY relname COLLATE "C")
  FROM rel WHERE relkind IN ('r', 'p', 'f');

SELECT E'\n### Views\n';
SELECT string_agg(format(E'#### %s\n\n%s\n\n%s', pg_temp.code('grid.' || quote_ident(relname)), descr, pg_temp.columns(oid)),
                  E'\n\n' ORDER BY relname COLLATE "C")
  FROM rel WHERE relkind IN ('v', 'm');

SELECT E'\n### Settings\n';
LOAD 'grid';
SELECT E'| setting | default | range | description |\n| --- | --- | --- | --- |\n'
       || string_agg(format('| %s | %s | %s | %s |', pg_temp.code(s.name),
                            pg_temp.code(coalesce(s.boot_val, '') || coalesce(' ' || s.unit, '')),
                            CASE WHEN s.vartype IN ('integer', 'real') THEN format('%s to %s', s.min_val, s.max_val)
                                 WHEN s.vartype = 'enum' THEN array_to_string(s.enumvals, ', ')
                                 WHEN s.vartype = 'bool' THEN 'on, off' ELSE 'text' END,
                            pg_temp.md(concat_ws(' ', s.short_desc, s.extra_desc))
                            || format(' (context: %s)', s.context)),
                     E'\n' ORDER BY s.name COLLATE "C")
  FROM pg_settings s WHERE s.name LIKE 'grid.%';

SELECT E'\n### Internals\n\nFunctions the catalogue marks as not for calling: those that implement a type, operator, operator class or aggregate (what for, in brackets), trigger functions, and functions that neither PUBLIC nor a grid_* role may execute.\n';
SELECT E'#### Type and operator support\n';
SELECT string_agg(format('- %s: %s [%s]', sig, descr, support), E'\n' ORDER BY proname COLLATE "C", ident COLLATE "C")
  FROM fn WHERE prokind <> 'a' AND support IS NOT NULL;
SELECT E'\n#### Trigger functions\n';
SELECT string_agg(format('- %s: %s', sig, descr), E'\n' ORDER BY proname COLLATE "C", ident COLLATE "C")
  FROM fn WHERE is_trigger AND support IS NULL;
SELECT E'\n#### Owner only\n';
SELECT string_agg(format('- %s: %s', sig, descr), E'\n' ORDER BY proname COLLATE "C", ident COLLATE "C")
  FROM fn WHERE owner_only AND support IS NULL AND NOT is_trigger;
SQL
    local rc=$?
    dropdb --if-exists "$db"
    return $rc
}

# The README's text between the markers (without them).
readme_part() {
    awk -v s="$START" -v e="$END" '$0 == e { inside = 0 } inside { print } $0 == s { inside = 1 }' README.md
}

case "$mode" in
print)
    generate
    ;;
--write)
    ref=$(mktemp)
    trap 'rm -f "$ref" "$ref.md"' EXIT
    generate > "$ref" || { echo "grid: the reference could not be generated" >&2; exit 1; }
    if [ "$(grep -cxF "$START" README.md)" != 1 ] || [ "$(grep -cxF "$END" README.md)" != 1 ]; then
        echo "grid: README.md needs the lines $START and $END, once each" >&2
        exit 1
    fi
    awk -v s="$START" -v e="$END" -v ref="$ref" '
        $0 == s { print; while ((getline line < ref) > 0) print line; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }' README.md > "$ref.md" && cat "$ref.md" > README.md
    echo "grid: README.md's reference regenerated ($(wc -l < "$ref") lines)" >&2
    ;;
--check)
    ref=$(mktemp)
    trap 'rm -f "$ref"' EXIT
    echo "1..3"
    if generate > "$ref" && [ -s "$ref" ]; then
        echo "ok 1 - the reference generates from a fresh install"
    else
        echo "not ok 1 - the reference generates from a fresh install"
    fi
    if [ "$(grep -cxF "$START" README.md)" = 1 ] && [ "$(grep -cxF "$END" README.md)" = 1 ]; then
        echo "ok 2 - README.md has the reference markers, once each"
    else
        echo "not ok 2 - README.md has the reference markers, once each"
        echo "# Expected the lines $START and $END in README.md."
    fi
    if diff -u --label README.md --label catalogue <(readme_part) "$ref" > "$ref.diff"; then
        echo "ok 3 - README.md's reference is the catalogue's"
    else
        echo "not ok 3 - README.md's reference is the catalogue's"
        echo "# The reference in README.md differs from the catalogue ($(grep -c '^[-+][^-+]' "$ref.diff") lines)."
        echo "# Regenerate it with: bash test/reference.sh --write"
        head -40 "$ref.diff" | sed 's/^/#   /'
    fi
    rm -f "$ref.diff"
    ;;
esac
