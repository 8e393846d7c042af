-- The extension installs with its dependency, into schema grid.  This
-- database's search_path lacks grid, so CREATE EXTENSION warns, with the
-- line that sets it.
CREATE EXTENSION grid CASCADE;
SELECT extname, n.nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname IN ('grid', 'postgis') ORDER BY extname;

-- Every object the extension creates has a comment.
SELECT classid::regclass AS catalog, pg_describe_object(classid, objid, 0) AS uncommented
  FROM pg_depend d
 WHERE refclassid = 'pg_extension'::regclass
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'grid')
   AND deptype = 'e'
   AND obj_description(objid, classid::regclass::text) IS NULL
   AND classid <> 'pg_amop'::regclass AND classid <> 'pg_amproc'::regclass
 ORDER BY 2;

-- Functions are IMMUTABLE, or STABLE for a stated reason; none VOLATILE
-- unless it writes.
SELECT p.oid::regprocedure AS volatile_function
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'grid')
   AND d.deptype = 'e' AND p.provolatile = 'v' AND p.prokind = 'f'
 ORDER BY 1;

-- Settings under grid.* are reserved: a mistyped one is refused.
SET grid.no_such_setting = 'x';

-- With grid on the database's search_path and its library preloaded (the
-- install step), CREATE EXTENSION says nothing (in a database of its own,
-- and last: the new connection back has not loaded grid's library, which
-- reserves the grid.* settings).
\set regress_db :DBNAME
CREATE DATABASE grid_install_path;
ALTER DATABASE grid_install_path SET search_path = "$user", public, grid;
ALTER DATABASE grid_install_path SET session_preload_libraries = 'grid';
\c grid_install_path
CREATE EXTENSION grid CASCADE;
\c :regress_db
DROP DATABASE grid_install_path;
