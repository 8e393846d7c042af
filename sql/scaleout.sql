-- Scale-out on a single node: what grid.distribute() would do, and the
-- errors it gives where there is no Citus coordinator.  The cluster itself
-- is tested by test/scale-out.
SELECT * FROM grid.scaleout_tables();

-- Without Citus: a clear error each, nothing changed.
\set VERBOSITY sqlstate
SELECT grid.distribute();
SELECT grid.require_citus_coordinator();
\set VERBOSITY default
SELECT grid.distribute();

-- Policies without subqueries: the same rows pass.
CREATE TABLE scaleout_t (division grid.division_code NOT NULL);
CREATE INDEX ON scaleout_t (division);
INSERT INTO scaleout_t VALUES ('420503004001'), ('420503004002'), ('420503004001001'), ('420504');
SELECT grid.enable_access('scaleout_t');
SELECT polname, pg_get_expr(polqual, polrelid) AS qual, pg_get_expr(polwithcheck, polrelid) AS checked
  FROM pg_policy WHERE polrelid = 'scaleout_t'::regclass ORDER BY polname;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scaleout_village') THEN
        CREATE ROLE scaleout_village;
    END IF;
END
$$;
GRANT SELECT, INSERT ON scaleout_t TO scaleout_village;
SELECT grid.grant_scope('scaleout_village', '420503004001');
SET ROLE scaleout_village;
SELECT division FROM scaleout_t ORDER BY 1;
RESET ROLE;
SELECT grid.policies_for_citus('scaleout_t');
SELECT polname, pg_get_expr(polqual, polrelid) AS qual, pg_get_expr(polwithcheck, polrelid) AS checked
  FROM pg_policy WHERE polrelid = 'scaleout_t'::regclass ORDER BY polname;
SET ROLE scaleout_village;
SELECT division FROM scaleout_t ORDER BY 1;
\set VERBOSITY sqlstate
INSERT INTO scaleout_t VALUES ('420503004002');
\set VERBOSITY default
RESET ROLE;
-- The trigger grid.distribute() puts on the tables the facts follow.
CREATE TABLE scaleout_w (x integer);
CREATE TRIGGER refuse BEFORE INSERT ON scaleout_w FOR EACH ROW EXECUTE FUNCTION grid.refuse_on_citus();
INSERT INTO scaleout_w VALUES (1);
DROP TABLE scaleout_w;
-- Again: nothing left to change.
SELECT grid.policies_for_citus('scaleout_t');
SELECT grid.revoke_scope('scaleout_village');
DROP TABLE scaleout_t;
DROP ROLE scaleout_village;

-- SQL functions on Citus (grid.functions_for_citus): a SQL-standard body
-- reading a Citus table becomes the same body as a string, every name
-- qualified, under search_path pg_catalog ...
SELECT grid.citus_body('grid.division_name(grid.division_code)', ARRAY['grid.division'::regclass], '{}');
-- ... a set-returning function reading a distributed table returns the rows
-- of grid.citus_rows, its arguments passed as values ...
SELECT d ~ 'grid\.citus_rows\(' AS through_citus_rows,
       d ~ '\(\$1\[1\]\)::date' AS day_as_value, d ~ 'report_key_person_rows\.day' AS day_named
  FROM grid.citus_body('grid.report_key_person_rows(date, grid.division_code)',
                       ARRAY['grid.resident'::regclass, 'grid.key_person'], ARRAY['grid.resident'::regclass, 'grid.key_person']) d;
-- ... and the others keep their own (NULL).
SELECT grid.citus_body('grid.report_key_person_rows(date, grid.division_code)', ARRAY['grid.division'::regclass], '{}') IS NULL AS kept,
       grid.citus_body('grid.report_temperature(date, grid.division_code)', ARRAY['grid.resident'::regclass], ARRAY['grid.resident'::regclass]) IS NULL AS no_resident_read,
       grid.citus_body('grid.distribute()', ARRAY['grid.resident'::regclass], ARRAY['grid.resident'::regclass]) IS NULL AS not_sql;
-- The rows of a query with its arguments as values.
SELECT * FROM grid.citus_rows('SELECT ($1[1])::integer + 1, $1[2]', ARRAY['41', 'x'], 'a test') AS t(n integer, s text);
-- Without Citus, no function is rewritten.
\set VERBOSITY sqlstate
SELECT grid.functions_for_citus();
\set VERBOSITY default
-- Run for another role (inside a SECURITY DEFINER function of a role under
-- row-level security), refused: Citus would read the shards as the owner.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scaleout_owner') THEN
        CREATE ROLE scaleout_owner;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scaleout_caller') THEN
        CREATE ROLE scaleout_caller;
    END IF;
END
$$;
CREATE FUNCTION public.scaleout_definer() RETURNS TABLE (n integer)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT * FROM grid.citus_rows('SELECT 1', '{}', 'public.scaleout_definer()') AS t(n integer) $$;
ALTER FUNCTION public.scaleout_definer() OWNER TO scaleout_owner;
SET ROLE scaleout_caller;
\set VERBOSITY sqlstate
SELECT * FROM public.scaleout_definer();
\set VERBOSITY default
SELECT * FROM public.scaleout_definer();
-- called directly, it runs
SELECT * FROM grid.citus_rows('SELECT 1', '{}', 'a test') AS t(n integer);
RESET ROLE;
DROP FUNCTION public.scaleout_definer();
DROP ROLE scaleout_owner;
DROP ROLE scaleout_caller;
-- The cluster's store of reports, on one node (the reports' triggers keep
-- the days and the facts here): refused, nothing stored.
SELECT count(*) AS reports_before FROM grid.health_report \gset
\set VERBOSITY sqlstate
SELECT * FROM grid.citus_store_reports('app', 14, '[{"resident_id": "110101199003070011", "division": "110101001001", "place": "110101001001"}]');
\set VERBOSITY default
SELECT * FROM grid.citus_store_reports('app', 14, '[{"resident_id": "110101199003070011", "division": "110101001001", "place": "110101001001"}]');
SELECT count(*) = :reports_before AS nothing_stored FROM grid.health_report;
-- A GRANT by a role that is no administrator (Citus runs the public
-- schema's grants on a worker as pg_database_owner when it adds a worker
-- to a database that had grid first): grid's sequence guard lets it run.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scaleout_grantor') THEN
        CREATE ROLE scaleout_grantor;
    END IF;
END
$$;
CREATE TABLE public.scaleout_g (x integer);
ALTER TABLE public.scaleout_g OWNER TO scaleout_grantor;
SET ROLE scaleout_grantor;
GRANT SELECT ON public.scaleout_g TO PUBLIC;
RESET ROLE;
SELECT has_table_privilege('public', 'public.scaleout_g', 'SELECT') AS granted;
DROP TABLE public.scaleout_g;
DROP ROLE scaleout_grantor;
