-- The grid.* settings where analysts look: grid.settings in any session,
-- and SHOW in every new session once the install step preloads grid's
-- library.  In a database of its own, so that this one's sessions stay as
-- the other tests expect them.
\set regress_db :DBNAME
\set regress_user :USER
CREATE DATABASE grid_settings;
ALTER DATABASE grid_settings SET search_path = "$user", public, grid;
\c grid_settings
-- Without the install step, CREATE EXTENSION warns, with the line to run.
SET client_min_messages = warning;
CREATE EXTENSION grid CASCADE;
RESET client_min_messages;

-- A new session does not know the settings before grid is loaded.
\c grid_settings
SHOW grid.fever_threshold;
-- grid.settings works there: it loads the library.
\c grid_settings
SELECT name, setting, unit, min_value, max_value, default_value, source, changed_by, you_may_set, description
  FROM grid.settings;
-- and SHOW works from then on in that session.
SHOW grid.fever_threshold;

-- The install step: every new session of the database preloads grid.
ALTER DATABASE grid_settings SET session_preload_libraries = 'grid';
\c grid_settings
SHOW grid.fever_threshold;
SHOW grid.observation_days;
-- Every setting: known to a new session before anything of grid is called,
-- and each listed by grid.settings.
\c grid_settings
SELECT s.name, current_setting(s.name) AS shown
  FROM pg_settings s WHERE s.name LIKE 'grid.%' ORDER BY 1;
SELECT (SELECT array_agg(name ORDER BY name) FROM pg_settings WHERE name LIKE 'grid.%')
       = (SELECT array_agg(name ORDER BY name) FROM grid.settings) AS all_listed,
       (SELECT bool_and(unit IS NOT NULL AND description <> '' AND changed_by IS NOT NULL) FROM grid.settings) AS all_described;
-- A value set for the database shows as such.
ALTER DATABASE grid_settings SET grid.observation_days = 21;
\c grid_settings
SHOW grid.observation_days;
SELECT name, setting, source FROM grid.settings WHERE name = 'grid.observation_days';

-- A role that is no superuser, logging in anew, sees them too, and may
-- not change them.
CREATE ROLE grid_settings_analyst LOGIN PASSWORD 'grid-settings-analyst';
\c -reuse-previous=on "dbname=grid_settings user=grid_settings_analyst password=grid-settings-analyst"
SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser;
SHOW grid.fever_threshold;
SHOW grid.observation_days;
SELECT name, setting, you_may_set FROM grid.settings;
SET grid.fever_threshold = 38;

\c :regress_db :regress_user
DROP DATABASE grid_settings;
DROP ROLE grid_settings_analyst;
