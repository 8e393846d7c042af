#!/bin/bash
# test/restore.sh: pg_dump and pg_restore of a populated grid database.
#
# A database is filled through grid's own functions (a synthetic registry, a
# source the user adds, linked batches, health reports through every
# channel's staging table, key persons, returnees, passages, services, teams,
# scopes, look-ups, the report archive, cells, checkpoints and divisions the
# user loads), dumped with pg_dump -Fc and restored: into a new database,
# with --create under its own name, in one transaction, and as plain SQL
# through psql.  Every restore must exit 0 without a message, and every table
# of schema grid (grid.health_day too, which triggers rebuild from
# grid.health_report) must come back with the same rows, every sequence with
# the same value, every privilege and policy as it was.  --create must also
# bring the database's settings back, and so must the settings printed from
# the dump (as the README shows).  A database owner who is not a superuser
# must get an error, never a partial restore reported as a success.  Before
# any of that: no dump filter may keep a row CREATE EXTENSION inserts, every
# sequence is dumped, and the shipped sources and divisions cannot be changed.
#
# Prints TAP.  test/run runs it inside its temporary cluster; alone (as root
# on Debian 12, or a user who can install grid):  bash test/restore.sh
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${GRID_RESTORE_CLUSTER:-}" ]; then
    . test/lib.sh
    grid_need_packages || exit 1
    grid_build_install > /dev/null || { echo "Bail out! build failed"; exit 1; }
    GRID_RESTORE_CLUSTER=1 grid_with_cluster bash "$0"
    exit $?
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGOPTIONS='-c client_min_messages=warning'
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

tests=0
failures=0
ok() {        # ok <description>
    tests=$((tests + 1)); echo "ok $tests - $1"
}
not_ok() {    # not_ok <description> <file with the details>
    tests=$((tests + 1)); failures=$((failures + 1))
    echo "not ok $tests - $1"
    [ -s "${2:-}" ] && head -40 "$2" | sed 's/^/#   /'
    return 0
}
# check <description> <command...>: passes when the command exits 0.
check() {
    local d=$1; shift
    if "$@" > "$work/out" 2>&1; then ok "$d"; else not_ok "$d" "$work/out"; fi
}
# clean <description> <exit code> <file of its messages>: a command exited
# 0 and said nothing.
clean() {
    if [ "$2" -eq 0 ] && [ ! -s "$3" ]; then ok "$1"
    else echo "exit code $2" >> "$3"; not_ok "$1" "$3"; fi
}

# What a database holds: every table of schema grid (row count and an
# order-independent checksum of the rows as text), every sequence (last
# value, is_called), the privileges and row-level security of each object.
snapshot() {    # snapshot <database> <file>
    "${PSQL[@]}" -At -F ' ' -d "$1" > "$2" 2>&1 <<'EOF'
-- Output that settings (the database's own among them) could change, pinned.
SET search_path = pg_catalog;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
SET extra_float_digits = 3;
SET bytea_output = 'hex';
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text COLLATE "C"), '''')) FROM %s t',
              'table ' || c.oid::regclass, c.oid::regclass)
  FROM pg_class c
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p')
 ORDER BY c.relname \gexec
SELECT format('SELECT %L, last_value, is_called FROM %s', 'sequence ' || c.oid::regclass, c.oid::regclass)
  FROM pg_class c
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'S'
 ORDER BY c.relname \gexec
-- Privileges (granted and revoked), and row-level security.
SELECT 'privileges ' || c.oid::regclass, ARRAY(SELECT unnest(c.relacl)::text ORDER BY 1),
       c.relrowsecurity, c.relforcerowsecurity, (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)
  FROM pg_class c
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'S')
 ORDER BY 1;
SELECT 'privileges ' || p.oid::regprocedure, ARRAY(SELECT unnest(p.proacl)::text ORDER BY 1)
  FROM pg_proc p
 WHERE p.pronamespace = 'grid'::regnamespace AND p.proacl IS NOT NULL
 ORDER BY 1;
SELECT 'privileges schema grid', ARRAY(SELECT unnest(n.nspacl)::text ORDER BY 1) FROM pg_namespace n WHERE n.nspname = 'grid';
EOF
}
settings() {    # settings <database> <file>: ALTER DATABASE and ALTER ROLE ... IN DATABASE settings
    "${PSQL[@]}" -At -F ' ' -d "$1" > "$2" 2>&1 <<'EOF'
SELECT 'setting ' || coalesce(r.rolname, '(database)'), array_to_string(ARRAY(SELECT unnest(s.setconfig) ORDER BY 1), ' ')
  FROM pg_db_role_setting s
  JOIN pg_database d ON d.oid = s.setdatabase AND d.datname = current_database()
  LEFT JOIN pg_roles r ON r.oid = s.setrole
 ORDER BY 1;
EOF
}
# same <expected file> <actual file>: the two snapshots are equal (and the
# expected one was taken).
same() {
    if [ ! -s "$1" ] || grep -q 'ERROR' "$1"; then echo "no snapshot of the original:"; cat "$1"; return 1; fi
    diff "$1" "$2"
}

# ------------------------------------------------------------ CREATE EXTENSION
# Rows CREATE EXTENSION inserts come back with it: a dump must leave them out
# (each table's pg_extension_config_dump filter), or the restore collides.
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_fresh' \
    -c 'CREATE DATABASE grid_restore_fresh' \
    -c 'ALTER DATABASE grid_restore_fresh SET search_path = "$user", public, grid' \
    -c "ALTER DATABASE grid_restore_fresh SET session_preload_libraries = 'grid'" 2> "$work/err"
"${PSQL[@]}" -d grid_restore_fresh -c 'CREATE EXTENSION grid CASCADE' 2>> "$work/err"
"${PSQL[@]}" -At -d grid_restore_fresh > "$work/shipped" 2>> "$work/err" <<'EOF'
SELECT format('%s keeps %s rows that CREATE EXTENSION inserted', x.oid::regclass, n)
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond),
       LATERAL (SELECT (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s %s', x.oid::regclass, x.cond),
                                                             false, true, '')))[1]::text::bigint AS n) c
 WHERE e.extname = 'grid' AND (SELECT relkind FROM pg_class WHERE oid = x.oid) = 'r' AND n > 0
 ORDER BY 1;
EOF
cat "$work/err" >> "$work/shipped"
if [ ! -s "$work/shipped" ]; then ok "no pg_dump filter keeps a row CREATE EXTENSION inserts"
else not_ok "no pg_dump filter keeps a row CREATE EXTENSION inserts" "$work/shipped"; fi
# A sequence left out of the dump starts again at 1 after a restore, and the
# next row collides with a restored one.
"${PSQL[@]}" -At -d grid_restore_fresh > "$work/sequences" 2>&1 <<'EOF'
SELECT format('%s is not dumped (pg_extension_config_dump)', c.oid::regclass)
  FROM pg_class c
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'S'
   AND c.oid <> ALL ((SELECT e.extconfig FROM pg_extension e WHERE e.extname = 'grid')::oid[])
 ORDER BY 1;
EOF
if [ ! -s "$work/sequences" ]; then ok "every sequence of schema grid is dumped"
else not_ok "every sequence of schema grid is dumped" "$work/sequences"; fi

# A shipped row is left out of the dump and comes back as shipped: a change
# to it would be undone by a restore, so it is refused (55000), and so is
# marking a row of the user's shipped, which would leave it out of the dump.
refused() {    # refused <database> <statement>: fails with SQLSTATE 55000
    "${PSQL[@]}" -d "$1" -c "DO \$\$ BEGIN $2; RAISE EXCEPTION 'not refused'; EXCEPTION WHEN object_not_in_prerequisite_state THEN NULL; END \$\$"
}
check "changing a shipped source is refused (a restore would undo it)" \
    refused grid_restore_fresh "UPDATE grid.source SET field_map = '{\"id\": \"证件号\"}' WHERE code = 'police'"
check "deleting a shipped source is refused (a restore would bring it back)" \
    refused grid_restore_fresh "DELETE FROM grid.source WHERE code = 'robot'"
check "a new source cannot be marked shipped (it would not be dumped)" \
    refused grid_restore_fresh "INSERT INTO grid.source (code, name, shipped) VALUES ('clinic', '发热门诊', true)"
check "nor can a source of the user's" \
    refused grid_restore_fresh "INSERT INTO grid.source (code, name) VALUES ('clinic', '发热门诊'); UPDATE grid.source SET shipped = true WHERE code = 'clinic'"
check "renaming a shipped division is refused (a restore would undo it)" \
    refused grid_restore_fresh "UPDATE grid.division SET name = '王家河新社区' WHERE code::text = '420503004001'"
check "deleting a shipped division is refused (a restore would bring it back)" \
    refused grid_restore_fresh "DELETE FROM grid.division WHERE code::text = '420503004001'"
check "a source of the user's can be changed and deleted" \
    "${PSQL[@]}" -d grid_restore_fresh -c "INSERT INTO grid.source (code, name) VALUES ('clinic', '发热门诊')" \
        -c "UPDATE grid.source SET field_map = '{\"id\": \"证件号\"}' WHERE code = 'clinic'" \
        -c "DELETE FROM grid.source WHERE code = 'clinic'"

# -------------------------------------------------------------------- populate
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_src' -c 'CREATE DATABASE grid_restore_src' 2> "$work/err"
cat > "$work/populate.sql" <<'EOF'
SET TimeZone = 'Asia/Shanghai';
CREATE EXTENSION grid CASCADE;

-- The registry, and sources: two shipped ones and one the user adds.
SELECT grid.synth_registry(2000, 7) > 1000 AS registry;
INSERT INTO grid.source (code, name, field_map)
VALUES ('clinic', '发热门诊登记', '{"id": "证件号码", "name": "姓名", "phone": "手机", "address": "住址"}');
SELECT grid.synth_source('clinic', 150, 3) AS clinic \gset
SELECT grid.synth_source('police', 150, 4) AS police \gset
SELECT grid.synth_source('returnee', 50, 5) AS returnee \gset
SELECT count(*) > 0 FROM grid.link_batch(:clinic);
SELECT count(*) > 0 FROM grid.link_batch(:police);
SELECT grid.decide_link(l.record_id, NULL, 'no_link')
  FROM grid.record_link l WHERE l.batch_id = :clinic ORDER BY l.record_id LIMIT 1;

-- Divisions the user loads: another province and city (children after
-- parents), a village under a shipped township, and a rejected row.
SELECT (grid.load_division_csv('provinces.csv', E'code,name\n43,"湖南省"\n', 'restore test', notices => false)).inserted;
SELECT (grid.load_division_csv('cities.csv', E'code,name,provinceCode\n4301,"长沙市",43\n', 'restore test', notices => false)).inserted;
SELECT (grid.load_division_csv('provinces.csv', E'code,name\n43,"湖南"\n', 'restore test, renamed', notices => false)).updated;
SELECT (grid.load_division_csv('villages.csv', E'code,name,streetCode,provinceCode,cityCode,areaCode\n'
        '420503004901,"新建社区居民委员会",420503004,42,4205,420503\n'
        '420503999001,"无主村村民委员会",420503999,42,4205,420503\n', 'restore test', notices => false)).rejected;
-- A newer table renaming a shipped village: a restore would undo the change,
-- so the row is rejected, not stored.
SELECT (grid.load_division_csv('villages.csv', E'code,name,streetCode,provinceCode,cityCode,areaCode\n'
        '420503004001,"王家河新社区居委会",420503004,42,4205,420503\n', 'restore test, renamed', notices => false)).rejected;

-- The map: cells, a village boundary, checkpoints (a cell's worker is a team member).
CREATE FUNCTION pg_temp.square(x float8, y float8) RETURNS public.geometry LANGUAGE sql IMMUTABLE
    RETURN public.ST_Multi(public.ST_MakeEnvelope(x, y, x + 0.01, y + 0.01, 4326));
INSERT INTO grid.cell (code, name, geom) VALUES
    ('420503004001001', '王家河一网格', pg_temp.square(111.30, 30.70)),
    ('420503004001002', '王家河二网格', pg_temp.square(111.31, 30.70));
INSERT INTO grid.village_boundary (code, geom) VALUES ('420503004001', public.ST_Multi(public.ST_MakeEnvelope(111.30, 30.70, 111.32, 30.71, 4326)));
INSERT INTO grid.checkpoint (name, division, geom)
VALUES ('王家河卡口', '420503004001', public.ST_SetSRID(public.ST_MakePoint(111.315, 30.705), 4326)) RETURNING id AS checkpoint \gset
INSERT INTO grid.checkpoint (name, division, geom)
VALUES ('新建卡口', '420503004901', public.ST_SetSRID(public.ST_MakePoint(111.325, 30.705), 4326));

-- The team of 王家河社区.
INSERT INTO grid.team_member (division, role, name, phone, cell) VALUES
    ('420503004001', 'doctor', '陈医生', '13700000001', NULL),
    ('420503004001', 'police', '刘警官', '13700000002', NULL),
    ('420503004001', 'grid_worker', '李网格', '13800000001', '420503004001001'),
    ('420503004001', 'grid_worker', '王网格', '13800000002', '420503004001002');
INSERT INTO grid.team_checkpoint (division, checkpoint_id) VALUES ('420503004001', :checkpoint);

-- Scopes, granted to roles of this cluster.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grid_restore_village') THEN
        CREATE ROLE grid_restore_village;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grid_restore_town') THEN
        CREATE ROLE grid_restore_town;
    END IF;
END
$$;
SELECT grid.grant_scope('grid_restore_village', '420503004001');
SELECT grid.grant_scope('grid_restore_town', '420503004', true);
-- Privileges: granted to the village, and look-ups taken from PUBLIC.
GRANT SELECT ON grid.health_report, grid.health_day TO grid_restore_village;
REVOKE EXECUTE ON FUNCTION grid.find_resident(text, text, text, text, integer, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.find_resident(text, text, text, text, integer, date) TO grid_restore_town;

-- Residents the reports are about (with a phone), numbered k = 1, 2, ...
CREATE TEMP TABLE pick AS
SELECT row_number() OVER (ORDER BY r.id) AS k, r.id::text AS id, r.phones[1] AS phone, r.name, r.division::text AS division
  FROM grid.resident r WHERE cardinality(r.phones) = 1 ORDER BY r.id LIMIT 60;

-- Look-ups, audited.
SELECT count(*) >= 1 FROM pick, grid.find_resident(pick.id) WHERE pick.k <= 3;
SELECT count(*) >= 0 FROM pick, grid.find_resident(NULL, name => pick.name, phone => pick.phone) WHERE pick.k = 4;

-- Health reports through every channel: fevers (key persons), rejects,
-- a duplicate, an unregistered ID (review queue), an unanswered call.
INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat)
SELECT id, '2020-02-10 08:' || lpad(k::text, 2, '0'), CASE WHEN k % 10 = 0 THEN '38.2' ELSE '36.' || (k % 9) END,
       CASE WHEN k % 7 = 0 THEN 'cough' ELSE '' END,
       CASE WHEN k % 5 = 0 THEN '111.305' END, CASE WHEN k % 5 = 0 THEN '30.705' END
  FROM pick WHERE k <= 40
UNION ALL SELECT id, '2020-02-10 08:01', '36.5', NULL, NULL, NULL FROM pick WHERE k = 1
UNION ALL VALUES ('not an id', '2020-02-10 09:00', '36.5', NULL, NULL, NULL),
                 ((SELECT id FROM pick WHERE k = 2), '2020-02-10 09:00', 'abc', NULL, NULL, NULL),
                 (grid.synth_with_check('42050319900101990'), '2020-02-10 09:00', '36.6', NULL, NULL, NULL);
SELECT (grid.ingest_app('restore app')).accepted > 0;
INSERT INTO grid.stage_app (id_text, reported_at, temperature)
SELECT id, '2020-02-11 08:' || lpad(k::text, 2, '0'), '36.' || (k % 9) FROM pick WHERE k <= 30;
SELECT (grid.ingest_app('restore app, day 2')).accepted > 0;
INSERT INTO grid.stage_sms (phone, sent_at, message)
SELECT phone, '2020-02-10 09:' || lpad(k::text, 2, '0'), CASE WHEN k % 3 = 0 THEN '体温36.8 正常' WHEN k = 25 THEN '37.9 咳嗽' ELSE '36.6' END
  FROM pick WHERE k BETWEEN 20 AND 45
UNION ALL VALUES ('12345', '2020-02-10 09:30', '36.5'), ('13800138000', '2020-02-10 09:31', 'hello');
SELECT (grid.ingest_sms('restore sms')).accepted > 0;
INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer)
SELECT phone, '2020-02-10 10:' || lpad(k::text, 2, '0'),
       CASE WHEN k % 4 = 0 THEN 'no_answer' ELSE 'answered' END,
       CASE WHEN k % 4 = 0 THEN NULL WHEN k % 2 = 0 THEN '正常' ELSE '36.5' END,
       CASE WHEN k % 4 = 0 THEN NULL ELSE '否' END
  FROM pick WHERE k BETWEEN 41 AND 56;
SELECT (grid.ingest_voice('restore voice')).accepted > 0;
INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division)
SELECT '李网格', CASE WHEN k % 2 = 0 THEN id END, name, '36度' || (k % 9), '2020-02-10 11:' || lpad(k::text, 2, '0'), NULL, division
  FROM pick WHERE k BETWEEN 5 AND 15
UNION ALL VALUES ('李网格', NULL, '查无此人', '36.4', '2020-02-10 11:30', NULL, '420503004001');
SELECT (grid.ingest_proxy('restore proxy')).received > 0;
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate, temperature,
                                   pass_checked, from_epicentre, turned_back)
SELECT :'checkpoint', '2020-02-10 12:' || lpad(k::text, 2, '0'), CASE WHEN k % 2 = 0 THEN 'in' ELSE 'out' END, id,
       CASE WHEN k = 3 THEN '鄂A 12345' END, CASE WHEN k = 4 THEN '37.6' ELSE '36.4' END, 'yes', 'no', 'no'
  FROM pick WHERE k BETWEEN 1 AND 8
UNION ALL VALUES (:'checkpoint', '2020-02-10 12:30', 'in', '王某', '鄂A54321', '36.9', 'no', 'yes', 'yes'),
                 ('999999', '2020-02-10 12:31', 'in', '王某', NULL, NULL, NULL, NULL, NULL);
SELECT (grid.ingest_checkpoint('restore checkpoint')).accepted > 0;

-- Reports changed and removed afterwards: their days are recounted.
UPDATE grid.health_report SET temperature = 37.8, fever = true
 WHERE resident_id OPERATOR(grid.=) (SELECT id::grid.resident_id FROM pick WHERE k = 3) AND channel = 'app'
   AND report_minute = '2020-02-10 08:03+08';
DELETE FROM grid.health_report
 WHERE resident_id OPERATOR(grid.=) (SELECT id::grid.resident_id FROM pick WHERE k = 6) AND channel = 'app'
   AND report_minute = '2020-02-11 08:06+08';

-- The review queue: one entry resolved by a reviewer.
SELECT grid.resolve_review(q.sender_key, q.channel, q.report_minute, (SELECT id::grid.resident_id FROM pick WHERE k = 60))
  FROM grid.report_review q WHERE q.resolved_at IS NULL ORDER BY q.sender_key, q.channel, q.report_minute LIMIT 1;

-- Key persons, returnees, services.
SELECT grid.add_key_person(id::grid.resident_id, 'close_contact', 'contact of a confirmed case', '2020-02-09') > 0
  FROM pick WHERE k = 50;
SELECT grid.add_key_person(id::grid.resident_id, 'home_observation', 'worker''s note', '2020-02-01', '2020-02-14') AS entry
  FROM pick WHERE k = 51 \gset
SELECT grid.close_key_person(id::grid.resident_id, :entry) FROM pick WHERE k = 51;
SELECT grid.register_returnee(name, division::grid.division_code, '2020-02-08', '420102', id => id, phone => phone,
                              transport => 'car', vehicle_plate => '鄂A·8888') > 0
  FROM pick WHERE k = 52;
SELECT grid.register_returnee('返乡乙', '420503004001', '2020-02-09', '广州', phone => '13912345678', transport => 'train') > 0;
SELECT grid.request_service(id::grid.resident_id, 'medicine', '降压药') AS request FROM pick WHERE k = 53 \gset
SELECT grid.take_service(id::grid.resident_id, :request, '李网格') FROM pick WHERE k = 53;
SELECT grid.finish_service(id::grid.resident_id, :request) FROM pick WHERE k = 53;
SELECT grid.request_service(id::grid.resident_id, 'groceries') > 0 FROM pick WHERE k = 54;

-- The day's reports, archived.
SELECT count(*) > 0 FROM grid.archive_reports('2020-02-10');

-- Records staged and not yet ingested.
INSERT INTO grid.stage_app (id_text, reported_at, temperature) SELECT id, '2020-02-12 08:00', '36.7' FROM pick WHERE k = 1;
INSERT INTO grid.stage_sms (phone, sent_at, message) SELECT phone, '2020-02-12 08:00', '36.6' FROM pick WHERE k = 2;

-- The database's settings: every grid setting at its value, a search_path,
-- and a role's setting in this database.
DO $$
DECLARE
    s record;
BEGIN
    FOR s IN SELECT name, setting FROM pg_settings WHERE name LIKE 'grid.%' ORDER BY name LOOP
        EXECUTE format('ALTER DATABASE %I SET %s = %L', current_database(), s.name, s.setting);
    END LOOP;
    EXECUTE format('ALTER DATABASE %I SET search_path = "$user", public, grid', current_database());
    EXECUTE format('ALTER ROLE grid_restore_town IN DATABASE %I SET application_name = %L', current_database(), 'town');
END
$$;
EOF
check "a database is populated through grid's functions" \
    "${PSQL[@]}" -d grid_restore_src -f "$work/populate.sql" -o /dev/null
snapshot grid_restore_src "$work/src.snap"
settings grid_restore_src "$work/src.settings"

# ------------------------------------------------------------ dump and restore
pg_dump -Fc -f "$work/grid.dump" grid_restore_src > "$work/dump.err" 2>&1
rc=$?
# The one message expected: grid.division references itself (a division's
# parent), which PostgreSQL 15's pg_dump reports for an extension's table.
# Harmless: the table's rows are loaded by one COPY, which checks the
# parents at its end.
cat > "$work/dump.expected" <<'EOF'
pg_dump: warning: there are circular foreign-key constraints on this table:
pg_dump: detail: division
pg_dump: hint: You might not be able to restore the dump without using --disable-triggers or temporarily dropping the constraints.
pg_dump: hint: Consider using a full dump instead of a --data-only dump to avoid this problem.
EOF
cmp -s "$work/dump.err" "$work/dump.expected" && : > "$work/dump.err"
clean "pg_dump -Fc exits 0 with no message but its warning about grid.division" $rc "$work/dump.err"

"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_new' -c 'CREATE DATABASE grid_restore_new'
pg_restore -d grid_restore_new "$work/grid.dump" > "$work/restore.err" 2>&1
clean "pg_restore into a new database exits 0 without a message" $? "$work/restore.err"
snapshot grid_restore_new "$work/new.snap"
check "every table and sequence of schema grid is restored equal, grid.health_day too, and privileges" same "$work/src.snap" "$work/new.snap"

# Without --create the database's settings stay behind; the README has them
# printed from the dump and rerun under the new name.
pg_restore --create --schema-only -f - "$work/grid.dump" | grep -E '^ALTER (DATABASE|ROLE) .* SET ' \
    | sed 's/grid_restore_src/grid_restore_new/' > "$work/settings.sql"
"${PSQL[@]}" -d grid_restore_new -f "$work/settings.sql"
settings grid_restore_new "$work/new.settings"
check "the settings printed from the dump, rerun, give the new database the same settings" \
    same "$work/src.settings" "$work/new.settings"

# The restored database goes on: new batches, reports and look-ups take
# the next numbers of their sequences, not numbers already used.
cat > "$work/more.sql" <<'EOF'
SET TimeZone = 'Asia/Shanghai';
SELECT count(*) > 0 FROM grid.link_batch(grid.synth_source('clinic', 20, 9));
INSERT INTO grid.stage_app (id_text, reported_at, temperature)
SELECT r.id::text, '2020-02-13 08:00', '36.5' FROM grid.resident r ORDER BY r.id LIMIT 5;
SELECT (grid.ingest_app('after restore')).accepted = 6;
SELECT count(*) >= 1 FROM grid.find_resident((SELECT min(r.id::text) FROM grid.resident r));
INSERT INTO grid.checkpoint (name, division, geom)
VALUES ('又一卡口', '420503004001', public.ST_SetSRID(public.ST_MakePoint(111.305, 30.705), 4326));
SELECT grid.add_key_person(r.id, 'close_contact') > 0 FROM grid.resident r ORDER BY r.id DESC LIMIT 1;
SELECT (grid.load_division_csv('cities.csv', E'code,name,provinceCode\n4302,"株洲市",43\n', 'after restore', notices => false)).inserted = 1;
EOF
check "the restored database takes new batches, reports, look-ups and divisions" \
    "${PSQL[@]}" -d grid_restore_new -f "$work/more.sql" -o /dev/null

# --create: the database under its own name, with its settings.
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_orig' \
    -c 'ALTER DATABASE grid_restore_src RENAME TO grid_restore_orig'
pg_restore --create -d postgres "$work/grid.dump" > "$work/create.err" 2>&1
clean "pg_restore --create exits 0 without a message" $? "$work/create.err"
snapshot grid_restore_src "$work/create.snap"
check "pg_restore --create restores every table and sequence equal" same "$work/src.snap" "$work/create.snap"
settings grid_restore_src "$work/create.settings"
check "pg_restore --create restores the database's settings (ALTER DATABASE, ALTER ROLE ... IN DATABASE)" \
    same "$work/src.settings" "$work/create.settings"

# Plain SQL through psql, stopping at the first error.
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_plain' -c 'CREATE DATABASE grid_restore_plain' \
    -c 'ALTER DATABASE grid_restore_plain SET search_path = "$user", public, grid' \
    -c "ALTER DATABASE grid_restore_plain SET session_preload_libraries = 'grid'"
pg_restore -f "$work/grid.sql" "$work/grid.dump"
"${PSQL[@]}" -d grid_restore_plain -f "$work/grid.sql" -o /dev/null > "$work/plain.err" 2>&1
clean "a plain SQL dump restores through psql -v ON_ERROR_STOP=1 without a message" $? "$work/plain.err"
snapshot grid_restore_plain "$work/plain.snap"
check "a plain SQL dump restores every table and sequence equal" same "$work/src.snap" "$work/plain.snap"

# One transaction: all or nothing.
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_one' -c 'CREATE DATABASE grid_restore_one'
pg_restore --single-transaction -d grid_restore_one "$work/grid.dump" > "$work/one.err" 2>&1
clean "pg_restore --single-transaction exits 0 without a message" $? "$work/one.err"
snapshot grid_restore_one "$work/one.snap"
check "pg_restore --single-transaction restores every table and sequence equal" same "$work/src.snap" "$work/one.snap"

# The database's owner, not a superuser, cannot restore grid (CREATE
# EXTENSION grid needs a superuser, and its tables are not the owner's):
# pg_restore must say so and exit 1, never report success with rows missing.
"${PSQL[@]}" -d postgres -c 'DROP DATABASE IF EXISTS grid_restore_owned' \
    -c "DROP ROLE IF EXISTS grid_restore_owner" \
    -c "CREATE ROLE grid_restore_owner LOGIN PASSWORD 'owner' NOSUPERUSER CREATEDB" \
    -c 'CREATE DATABASE grid_restore_owned OWNER grid_restore_owner'
PGUSER=grid_restore_owner PGPASSWORD=owner pg_restore -d grid_restore_owned "$work/grid.dump" > "$work/owner.err" 2>&1
rc=$?
check "pg_restore by the database owner, not a superuser, fails and says so (exit $rc)" \
    bash -c "[ $rc -ne 0 ] && grep -q 'permission denied\|must be superuser' '$work/owner.err'"
"${PSQL[@]}" -d grid_restore_owned -c 'CREATE EXTENSION grid CASCADE'
PGUSER=grid_restore_owner PGPASSWORD=owner pg_restore -d grid_restore_owned "$work/grid.dump" > "$work/owner.err" 2>&1
rc=$?
check "so it does with the extension created for it by a superuser (exit $rc)" \
    bash -c "[ $rc -ne 0 ] && grep -q 'permission denied' '$work/owner.err'"

for db in grid_restore_fresh grid_restore_orig grid_restore_src grid_restore_new grid_restore_plain \
          grid_restore_one grid_restore_owned; do
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" 2> /dev/null
done
"${PSQL[@]}" -d postgres -c 'DROP ROLE IF EXISTS grid_restore_owner'
echo "1..$tests"
[ "$failures" -eq 0 ]
