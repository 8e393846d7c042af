-- access: scopes, row-level security by division, masking, the audit trail.
-- Roles are cluster-wide: this file creates regress_grid_* roles and drops
-- them at the end.
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SET search_path = public, grid;
\set VERBOSITY default
\set SHOW_CONTEXT never

-- The administrator role exists, cannot log in and has no special powers.
SELECT rolname, rolcanlogin, rolsuper, rolbypassrls, rolcreaterole
  FROM pg_roles WHERE rolname = 'grid_admin';

-- Phone numbers on reports.
SELECT p AS phone, grid.mask(p) AS masked
  FROM (VALUES ('13812345678'), ('138 1234 5678'), ('+86 13812345678'),
               ('0717-6212345'), ('6212345'), ('12345'), ('１３８１２３４５６７８'), ('')) v(p);
SELECT grid.mask(NULL::text) IS NULL AS null_stays_null;
SELECT grid.mask('420503199003071230'::grid.resident_id) AS resident_id_mask;

-- A table of people in several jurisdictions of Yichang (4205).
CREATE TABLE regress_people (
    id       integer PRIMARY KEY,
    division grid.division_code NOT NULL,
    name     text NOT NULL,
    phone    text,
    rid      grid.resident_id
);
-- Generated villages under three real districts, 40 people each ...
INSERT INTO regress_people (id, division, name)
SELECT row_number() OVER () + 1000,
       grid.division_code(c || lpad(t::text, 3, '0') || lpad(v::text, 3, '0')), 'person ' || p
  FROM unnest(ARRAY['420502', '420503', '420504']) c,
       generate_series(10, 19) t, generate_series(1, 20) v, generate_series(1, 40) p;
-- ... and the named places: 王家河社区 (5, 2 of them in its grid 007), another
-- village of 伍家岗街道, 中书街社区 (3), 范家湖村 (2), 安泰社区 in 远安县 (1).
INSERT INTO regress_people VALUES
    (1, '420503004001',    '王一', '13812345671', '420503199003071230'),
    (2, '420503004001',    '王二', '13812345672', NULL),
    (3, '420503004001',    '王三', '13812345673', NULL),
    (4, '420503004001007', '王四', '13812345674', NULL),
    (5, '420503004001007', '王五', '13812345675', NULL),
    (6, '420503004002',    '伍一', '13812345676', NULL),
    (7, '420502002021',    '中一', '13812345677', NULL),
    (8, '420502002021',    '中二', '13812345678', NULL),
    (9, '420502002021',    '中三', '13812345679', NULL),
    (10, '420504001203',   '范一', '13812345680', NULL),
    (11, '420504001203',   '范二', '13812345681', NULL),
    (12, '420525101008',   '安一', '13812345682', NULL);
CREATE INDEX regress_people_division ON regress_people (division);
ANALYZE regress_people;

-- Only a table with a division column qualifies; an index is advised.
SELECT grid.enable_access('pg_class');
CREATE TABLE regress_no_division (id integer);
SELECT grid.enable_access('regress_no_division');
CREATE TABLE regress_no_index (division grid.division_code);
SELECT grid.enable_access('regress_no_index');
SELECT grid.enable_access('regress_people');
-- Enabling twice is harmless.
SELECT grid.enable_access('regress_people');
SELECT polname, CASE polpermissive WHEN true THEN 'permissive' ELSE 'restrictive' END AS kind, polcmd
  FROM pg_policy WHERE polrelid = 'regress_people'::regclass ORDER BY polname;
SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'regress_people'::regclass;

-- One role per level, an administrator, and a login without scope.
CREATE ROLE regress_grid_city;
CREATE ROLE regress_grid_county;
CREATE ROLE regress_grid_township;
CREATE ROLE regress_grid_village;
CREATE ROLE regress_grid_worker;
CREATE ROLE regress_grid_two;
CREATE ROLE regress_grid_boss;
CREATE ROLE regress_grid_nobody;
GRANT grid_admin TO regress_grid_boss;
GRANT SELECT, INSERT, UPDATE, DELETE ON regress_people TO
    regress_grid_city, regress_grid_county, regress_grid_township, regress_grid_village,
    regress_grid_worker, regress_grid_two, regress_grid_boss, regress_grid_nobody;
SELECT grid.grant_scope('regress_grid_city', '4205');
SELECT grid.grant_scope('regress_grid_county', '420503');
SELECT grid.grant_scope('regress_grid_township', '420503004', see_identifiers => true);
SELECT grid.grant_scope('regress_grid_village', '420503004001');
SELECT grid.grant_scope('regress_grid_worker', '420503004001007');
SELECT grid.grant_scope('regress_grid_two', '420502002021');
SELECT grid.grant_scope('regress_grid_two', '420504001203');
-- A scope inside another of the same role adds nothing.
SELECT grid.grant_scope('regress_grid_two', '420504001203001');
-- Scopes run from a city down; a province is refused.
SELECT grid.grant_scope('regress_grid_city', '42');
SELECT role, division, level, see_identifiers, granted_by, role_exists
  FROM grid.list_scopes() WHERE role::text LIKE 'regress_grid_%';

-- What each level sees.
SET ROLE regress_grid_city;
SELECT * FROM grid.my_scope();
SELECT count(*) AS city_sees FROM regress_people;
SET ROLE regress_grid_county;
SELECT count(*) AS county_sees FROM regress_people;
SET ROLE regress_grid_township;
SELECT count(*) AS township_sees FROM regress_people;
SET ROLE regress_grid_village;
SELECT * FROM grid.my_scope();
SELECT id, division, name FROM regress_people ORDER BY id;
SET ROLE regress_grid_worker;
SELECT id, division, name FROM regress_people ORDER BY id;
SET ROLE regress_grid_two;
SELECT grid.current_scopes(), grid.scope_lo(), grid.scope_hi(), grid.scope_exact();
SELECT id, division, name FROM regress_people ORDER BY id;
SET ROLE regress_grid_boss;
SELECT * FROM grid.my_scope();
SELECT count(*) AS admin_sees FROM regress_people;
SET ROLE regress_grid_nobody;
SELECT * FROM grid.my_scope();
SELECT grid.current_scopes(), grid.scope_lo(), grid.scope_hi();
SELECT count(*) AS nobody_sees FROM regress_people;
RESET ROLE;

-- The scope is read once per statement (InitPlans) and answered by the
-- division index, from the county down.
SET ROLE regress_grid_county;
EXPLAIN (COSTS OFF) SELECT count(*) FROM regress_people;
SET ROLE regress_grid_township;
EXPLAIN (COSTS OFF) SELECT count(*) FROM regress_people;
SET ROLE regress_grid_village;
EXPLAIN (COSTS OFF) SELECT count(*) FROM regress_people;
-- A user's own conditions on division are leakproof (the comparisons and
-- <@ alike) and join the policy's range in the index condition.
SET ROLE regress_grid_county;
EXPLAIN (COSTS OFF) SELECT count(*) FROM regress_people
 WHERE division >= '420503004001' AND division <= grid.subtree_last('420503004001');
SELECT count(*) FROM regress_people
 WHERE division >= '420503004001' AND division <= grid.subtree_last('420503004001');
EXPLAIN (COSTS OFF) SELECT count(*) FROM regress_people WHERE division <@ '420503004001';
RESET ROLE;

-- The planner estimates the policy's range as the whole range the acting
-- role covers (the estimators of grid.scope_bound), not as 0.5 % of the
-- table: the rows it plans for against the rows there are.
CREATE FUNCTION pg_temp.planned_rows(query text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric;
END
$$;
CREATE TEMP TABLE regress_estimates (role text, planned numeric, actual bigint);
GRANT INSERT ON regress_estimates TO PUBLIC;
SET ROLE regress_grid_city;
INSERT INTO regress_estimates SELECT current_user, pg_temp.planned_rows('SELECT * FROM regress_people'), count(*) FROM regress_people;
SET ROLE regress_grid_county;
INSERT INTO regress_estimates SELECT current_user, pg_temp.planned_rows('SELECT * FROM regress_people'), count(*) FROM regress_people;
SET ROLE regress_grid_township;
INSERT INTO regress_estimates SELECT current_user, pg_temp.planned_rows('SELECT * FROM regress_people'), count(*) FROM regress_people;
SET ROLE regress_grid_nobody;
INSERT INTO regress_estimates SELECT current_user, pg_temp.planned_rows('SELECT * FROM regress_people'), count(*) FROM regress_people;
RESET ROLE;
SELECT role, actual, planned BETWEEN actual / 2 AND greatest(actual * 2, 50) AS close FROM regress_estimates;
-- The estimate is remembered until the statistics change: with twice as
-- many rows outside the county and ANALYZE, the county's share falls from
-- a third to a ninth, and its plan follows (a stale memo would plan three
-- times the rows).
INSERT INTO regress_people (id, division, name)
SELECT 100000 + g, '420502010001', 'extra' FROM generate_series(1, 48000) g;
ANALYZE regress_people;
SET ROLE regress_grid_county;
SELECT count(*) AS actual,
       pg_temp.planned_rows('SELECT * FROM regress_people') BETWEEN count(*) / 2 AND count(*) * 2 AS close
  FROM regress_people;
RESET ROLE;
DELETE FROM regress_people WHERE id > 100000;
ANALYZE regress_people;

-- A role whose scopes form one range is a member of grid_single_scope
-- (grid.grant_scope and grid.revoke_scope keep it so), and its plans carry
-- no test per row (above); a role with several scopes is not, and keeps it.
SELECT r.rolname, pg_has_role(r.oid, 'grid_single_scope', 'MEMBER') AS single_scope
  FROM pg_roles r WHERE r.rolname LIKE 'regress_grid_%' ORDER BY 1;
SET ROLE regress_grid_two;
EXPLAIN (COSTS OFF) SELECT count(*) FROM regress_people;
RESET ROLE;
SELECT grid.grant_scope('regress_grid_worker', '420525101008');
SELECT pg_has_role('regress_grid_worker', 'grid_single_scope', 'MEMBER') AS worker_single;
SELECT grid.revoke_scope('regress_grid_worker', '420525101008');
SELECT pg_has_role('regress_grid_worker', 'grid_single_scope', 'MEMBER') AS worker_single;
-- A role that inherits two separate scopes from members of the group is
-- refused, never shown what lies between them; SET ROLE to either works.
CREATE ROLE regress_grid_other;
SELECT grid.grant_scope('regress_grid_other', '420525101008');
GRANT SELECT ON regress_people TO regress_grid_other;
CREATE ROLE regress_grid_both IN ROLE regress_grid_village, regress_grid_other;
SET ROLE regress_grid_both;
SELECT count(*) FROM regress_people;
SET ROLE regress_grid_other;
SELECT id, division, name FROM regress_people ORDER BY id;
RESET ROLE;
-- A view applies its owner's policies with the reader's scopes: a view owned
-- by a member of the group refuses a reader with several scopes, and one
-- owned by a role with several scopes tests each row for every reader.
CREATE VIEW regress_people_of_village AS SELECT id, division FROM regress_people;
ALTER VIEW regress_people_of_village OWNER TO regress_grid_village;
CREATE VIEW regress_people_of_two AS SELECT id, division FROM regress_people;
ALTER VIEW regress_people_of_two OWNER TO regress_grid_two;
GRANT SELECT ON regress_people_of_village, regress_people_of_two TO regress_grid_two, regress_grid_village;
SET ROLE regress_grid_two;
SELECT count(*) FROM regress_people_of_village;
SELECT count(*) FROM regress_people_of_two;
SET ROLE regress_grid_village;
SELECT count(*) FROM regress_people_of_village;
SELECT count(*) FROM regress_people_of_two;
RESET ROLE;
DROP VIEW regress_people_of_village, regress_people_of_two;

-- Writes: inside the scope they work, outside they are refused or find
-- nothing, and no row can be moved out.
SET ROLE regress_grid_village;
INSERT INTO regress_people (id, division, name) VALUES (100, '420503004001', '新一');
INSERT INTO regress_people (id, division, name) VALUES (101, '420502002021', '新二');
INSERT INTO regress_people (id, division, name) VALUES (102, '420503004', '新三');
UPDATE regress_people SET name = name || '*' WHERE id IN (1, 7);
UPDATE regress_people SET division = '420503004002' WHERE id = 2;
DELETE FROM regress_people WHERE id IN (100, 8, 10);
SELECT id, name FROM regress_people WHERE id IN (1, 2, 100) ORDER BY id;
RESET ROLE;
SELECT id, division, name FROM regress_people WHERE id IN (1, 2, 7, 8, 10, 100, 101) ORDER BY id;

-- Scopes and policies are the administrators' business.
SET ROLE regress_grid_village;
SELECT grid.grant_scope('regress_grid_village', '4205');
SELECT grid.revoke_scope('regress_grid_village');
SELECT * FROM grid.list_scopes();
SELECT grid.enable_access('regress_no_index');
SELECT grid.disable_access('regress_people');
SELECT * FROM grid.access_scope;
INSERT INTO grid.access_scope (role, division, granted_by) VALUES ('regress_grid_village', '4205', 'me');
-- Turning row security off is refused, not a way round it.
SET row_security = off;
SELECT count(*) FROM regress_people;
RESET row_security;
RESET ROLE;

-- Identifiers on reports: the township was granted see_identifiers, the
-- village sees its own people, the county and the city see them masked.
-- grid.identifier_scopes() is where each sees them in full (the reports
-- read it once per statement; an administrator needs none).
SET ROLE regress_grid_county;
SELECT id, grid.show_id(rid, division) AS rid, grid.show_phone(phone, division) AS phone,
       grid.identifier_scopes()
  FROM regress_people WHERE id = 1;
SET ROLE regress_grid_township;
SELECT id, grid.show_id(rid, division) AS rid, grid.show_phone(phone, division) AS phone,
       grid.identifier_scopes()
  FROM regress_people WHERE id = 1;
SET ROLE regress_grid_village;
SELECT id, grid.show_id(rid, division) AS rid, grid.show_phone(phone, division) AS phone,
       grid.identifier_scopes()
  FROM regress_people WHERE id = 1;
SET ROLE regress_grid_boss;
SELECT id, grid.show_id(rid, division) AS rid, grid.show_phone(phone, division) AS phone,
       grid.identifier_scopes(), grid.is_admin()
  FROM regress_people WHERE id = 1;
RESET ROLE;

-- A report view is security_invoker: it shows each role its own rows.
CREATE VIEW regress_people_by_division WITH (security_invoker = true) AS
SELECT division, count(*) AS people FROM regress_people GROUP BY division;
GRANT SELECT ON regress_people_by_division TO PUBLIC;
SET ROLE regress_grid_township;
SELECT * FROM regress_people_by_division ORDER BY division;
RESET ROLE;

-- The audit trail: written only by the look-up functions (which run as
-- grid_lookup), recorded for the acting role, read and purged only by
-- administrators.
GRANT SELECT ON grid.resident TO regress_grid_village;
SET ROLE regress_grid_village;
SELECT count(*) FROM grid.find_resident('420503199003071230');
SELECT count(*) FROM grid.find_resident(NULL, '王一', birth_date => '1990-03-07');
SELECT grid.audit_lookup('id', '420503199003071230', 1);
SELECT count(*) FROM grid.lookup_audit;
UPDATE grid.lookup_audit SET results = 0;
DELETE FROM grid.lookup_audit;
TRUNCATE grid.lookup_audit;
INSERT INTO grid.lookup_audit (role, login, kind, query, results) VALUES ('x', 'x', 'id', 'x', 0);
SET ROLE regress_grid_boss;
SELECT role, login, kind, query, results, lookups, batch, at <= clock_timestamp() AS at_ok
  FROM grid.lookup_audit WHERE role = 'regress_grid_village' ORDER BY id;
UPDATE grid.lookup_audit SET results = 0;
RESET ROLE;
REVOKE SELECT ON grid.resident FROM regress_grid_village;
SELECT grid.audit_lookup(NULL, 'x', 0);

-- Revoking takes effect at the next statement.
SELECT grid.revoke_scope('regress_grid_two', '420504001203');
SET ROLE regress_grid_two;
SELECT grid.current_scopes();
SELECT count(*) FROM regress_people;
RESET ROLE;

-- disable_access takes off what enable_access put on.
SELECT grid.disable_access('regress_people');
SELECT relrowsecurity, relforcerowsecurity, (SELECT count(*) FROM pg_policy WHERE polrelid = c.oid) AS policies
  FROM pg_class c WHERE oid = 'regress_people'::regclass;

-- Clean up.  A role dropped without revoking its scopes leaves them behind
-- (keyed by OID); grid.list_scopes shows them and they can still be revoked.
DROP VIEW regress_people_by_division;
DROP TABLE regress_people, regress_no_division, regress_no_index;
DROP ROLE regress_grid_worker;
SELECT division, role_exists FROM grid.list_scopes() WHERE NOT role_exists;
SELECT grid.revoke_scope(role) FROM grid.list_scopes() WHERE NOT role_exists;
SELECT grid.revoke_scope(r::regrole)
  FROM unnest(ARRAY['regress_grid_city', 'regress_grid_county', 'regress_grid_township',
                    'regress_grid_village', 'regress_grid_two', 'regress_grid_other']) r;
SELECT count(*) AS scopes_left FROM grid.access_scope;
DELETE FROM grid.lookup_audit WHERE role LIKE 'regress_grid_%';
DROP ROLE regress_grid_city, regress_grid_county, regress_grid_township, regress_grid_village,
          regress_grid_two, regress_grid_boss, regress_grid_nobody, regress_grid_other, regress_grid_both;
