-- grid: install script prologue.  The Makefile appends each concern's
-- declarations (src/<concern>.sql) after this file, in a fixed order.
-- Everything is schema-qualified, so the script is safe under any search_path.

\echo Use "CREATE EXTENSION grid CASCADE" to load this file. \quit

COMMENT ON SCHEMA grid IS
    'grid: epidemic prevention through grid management (types, functions, tables and reports)';

-- The operators of grid (= and <@ on grid.division_code, and the others)
-- are found through the search_path only.  Without grid on it, comparing
-- two division codes fails with "operator does not exist", and <@ picks
-- PostGIS's operator ("operator is not unique"), which points the wrong way.
-- Warn when new sessions of this database will not have grid on their
-- search_path: the database's own setting, else the server's.  A warning
-- only: changing a database's settings is its administrator's decision.
-- (While this script runs, search_path is grid's own; it says nothing of
-- the sessions to come.)
--
-- The settings grid.* exist in a session once grid's library is loaded:
-- before, SHOW grid.fever_threshold fails with "unrecognized configuration
-- parameter" (grid.settings works anyway: it loads the library).  Warn too
-- when new sessions of this database will not preload it: the database's
-- session_preload_libraries, else the server's, and shared_preload_libraries.
DO $$
DECLARE
    path text;
    libs text;
BEGIN
    SELECT pg_catalog.substr(c, pg_catalog.length('search_path=') + 1) INTO path
      FROM pg_catalog.pg_db_role_setting s, pg_catalog.unnest(s.setconfig) c
     WHERE s.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
       AND s.setrole = 0 AND c LIKE 'search\_path=%';
    IF path IS NULL THEN
        SELECT f.setting INTO path FROM pg_catalog.pg_file_settings f
         WHERE f.name = 'search_path' AND f.applied ORDER BY f.seqno DESC LIMIT 1;
    END IF;
    IF path IS NULL THEN
        SELECT s.boot_val INTO path FROM pg_catalog.pg_settings s WHERE s.name = 'search_path';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.unnest(pg_catalog.string_to_array(path, ',')) e
                    WHERE CASE WHEN pg_catalog.btrim(e) LIKE '"%"'
                               THEN pg_catalog.replace(pg_catalog.btrim(pg_catalog.btrim(e), '"'), '""', '"')
                               ELSE pg_catalog.lower(pg_catalog.btrim(e)) END = 'grid') THEN
        RAISE WARNING 'schema grid is not on the search_path of database "%"', pg_catalog.current_database()
            USING DETAIL = pg_catalog.format('New sessions of this database get search_path %s. The operators of grid are found only through the search_path: without grid on it, comparing division codes fails with "operator does not exist", and <@ is taken for PostGIS''s operator.',
                                             pg_catalog.left(coalesce(nullif(pg_catalog.btrim(path), ''), '(empty)'), 200)),
                  HINT = pg_catalog.format('A role''s own search_path setting overrides the database''s. Set it for new sessions with: ALTER DATABASE %I SET search_path = %s;',
                                           pg_catalog.current_database(),
                                           CASE WHEN pg_catalog.btrim(path) = '' THEN 'grid' ELSE pg_catalog.btrim(path) || ', grid' END);
    END IF;

    SELECT pg_catalog.substr(c, pg_catalog.length('session_preload_libraries=') + 1) INTO libs
      FROM pg_catalog.pg_db_role_setting s, pg_catalog.unnest(s.setconfig) c
     WHERE s.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
       AND s.setrole = 0 AND c LIKE 'session\_preload\_libraries=%';
    IF libs IS NULL THEN
        SELECT f.setting INTO libs FROM pg_catalog.pg_file_settings f
         WHERE f.name = 'session_preload_libraries' AND f.applied ORDER BY f.seqno DESC LIMIT 1;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.unnest(pg_catalog.string_to_array(
                                 coalesce(libs, '') || ',' || pg_catalog.current_setting('shared_preload_libraries'), ',')) e
                    WHERE pg_catalog.btrim(pg_catalog.btrim(e), '"') IN ('grid', '$libdir/grid')) THEN
        RAISE WARNING 'library grid is not preloaded in new sessions of database "%"', pg_catalog.current_database()
            USING DETAIL = 'The settings grid.* exist in a session once grid''s library is loaded: before, SHOW grid.fever_threshold fails with "unrecognized configuration parameter". SELECT * FROM grid.settings lists them in any session.',
                  HINT = pg_catalog.format('Load it at the start of every new session with: ALTER DATABASE %I SET session_preload_libraries = %L;',
                                           pg_catalog.current_database(),
                                           CASE WHEN pg_catalog.btrim(coalesce(libs, '')) = '' THEN 'grid'
                                                ELSE pg_catalog.btrim(libs) || ', grid' END);
    END IF;
END
$$;
