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
