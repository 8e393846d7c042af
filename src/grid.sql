-- grid: install script prologue.  The Makefile appends each concern's
-- declarations (src/<concern>.sql) after this file, in a fixed order.
-- Everything is schema-qualified, so the script is safe under any search_path.

\echo Use "CREATE EXTENSION grid CASCADE" to load this file. \quit

COMMENT ON SCHEMA grid IS
    'grid: epidemic prevention through grid management (types, functions, tables and reports)';
