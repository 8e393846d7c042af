-- The roles that come with the extension: one NOLOGIN group role per job,
-- cluster-wide, created only if missing.
SELECT current_database() AS regress_db \gset
SELECT rolname, rolcanlogin, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,
       shobj_description(oid, 'pg_authid') IS NOT NULL AS commented
  FROM pg_roles
 WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker', 'grid_registry', 'grid_linker')
 ORDER BY rolname;

-- Each bundle's privileges in this database, object by object: a change
-- shows here.  Tables (and columns) of schema grid, functions, sequences.
SELECT a.grantee::regrole AS bundle, c.oid::regclass AS object,
       string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges
  FROM pg_class c, aclexplode(c.relacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname LIKE 'grid\_%'
                                                AND rolname NOT IN ('grid_admin', 'grid_single_scope', 'grid_lookup'))
 GROUP BY a.grantee, c.oid
 ORDER BY a.grantee::regrole::text, c.oid::regclass::text;
SELECT a.grantee::regrole AS bundle, c.oid::regclass AS object, t.attname AS column, a.privilege_type
  FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid, aclexplode(t.attacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname LIKE 'grid\_%'
                                                AND rolname NOT IN ('grid_admin', 'grid_single_scope', 'grid_lookup'))
 ORDER BY a.grantee::regrole::text, c.oid::regclass::text, t.attname, a.privilege_type;
SELECT a.grantee::regrole AS bundle, p.oid::regprocedure AS function, a.privilege_type
  FROM pg_proc p, aclexplode(p.proacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname LIKE 'grid\_%'
                                                AND rolname NOT IN ('grid_admin', 'grid_single_scope', 'grid_lookup'))
 ORDER BY a.grantee::regrole::text, p.oid::regprocedure::text;
-- Nothing on sequences, no TRUNCATE, TRIGGER or REFERENCES anywhere.
SELECT grantee::regrole AS bundle, c.oid::regclass AS object, a.privilege_type
  FROM pg_class c, aclexplode(c.relacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker',
                                                                 'grid_registry', 'grid_linker'))
   AND (c.relkind = 'S' OR a.privilege_type IN ('TRUNCATE', 'TRIGGER', 'REFERENCES'));
-- No bundle is a member of another role, or has a member, at install.
SELECT m.roleid::regrole, m.member::regrole
  FROM pg_auth_members m
 WHERE 'grid_reader'::regrole IN (m.roleid, m.member) OR 'grid_ingest'::regrole IN (m.roleid, m.member)
    OR 'grid_worker'::regrole IN (m.roleid, m.member) OR 'grid_registry'::regrole IN (m.roleid, m.member)
    OR 'grid_linker'::regrole IN (m.roleid, m.member);

-- A second database installs grid too: the roles exist already and are
-- kept, the grants are made there as well.  DROP EXTENSION keeps the roles
-- (other databases may use them) and takes the privileges with the objects.
SELECT count(*) AS first_grants
  FROM pg_class c, aclexplode(c.relacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker',
                                                                 'grid_registry', 'grid_linker')) \gset
CREATE DATABASE regress_grid_second;
ALTER DATABASE regress_grid_second SET search_path = "$user", public, grid;
ALTER DATABASE regress_grid_second SET session_preload_libraries = 'grid';
\c regress_grid_second
SET client_min_messages = warning;
CREATE EXTENSION grid CASCADE;
RESET client_min_messages;
SELECT count(*) = :first_grants AS same_grants_in_second_db
  FROM pg_class c, aclexplode(c.relacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker',
                                                                 'grid_registry', 'grid_linker'));
DROP EXTENSION grid;
SELECT count(*) AS roles_after_drop FROM pg_roles
 WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker', 'grid_registry', 'grid_linker');
SELECT count(*) AS grants_after_drop
  FROM pg_class c, aclexplode(c.relacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker',
                                                                 'grid_registry', 'grid_linker'));
SET client_min_messages = warning;
CREATE EXTENSION grid;
RESET client_min_messages;
SELECT count(*) = :first_grants AS same_grants_after_reinstall
  FROM pg_class c, aclexplode(c.relacl) a
 WHERE a.grantee IN (SELECT oid FROM pg_roles WHERE rolname IN ('grid_reader', 'grid_ingest', 'grid_worker',
                                                                 'grid_registry', 'grid_linker'));
\c :regress_db
DROP DATABASE regress_grid_second;
