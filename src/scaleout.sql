-- Scale-out: a grid database on a Citus cluster.
--
-- grid.distribute(), run once by a superuser on the coordinator after
-- citus_add_node, turns the tables of a grid database into Citus tables:
--   - distributed by resident ID, co-located: grid.resident and the tables
--     keyed by a resident (grid.scaleout_tables() lists them with their
--     key), so that a person's row and events live on one shard and a
--     look-up by ID reads one shard;
--   - reference tables (a copy on every node): the scopes, the division
--     registry, the map, addresses and households, work units;
--   - everything else stays on the coordinator as it is.
-- Tables the extension created exist on every node (CREATE EXTENSION grid
-- runs there too): Citus uses the worker's table as its shell, but adding a
-- foreign key again fails there ("constraint ... already exists"), so the
-- keys among the distributed tables are dropped on every node first and
-- added again, once, on the coordinator.
--
-- The row-level security policies of grid.enable_access read the caller's
-- scope through (SELECT ...) InitPlans, which Citus refuses in policies,
-- and Citus 13.2 creates restrictive policies on shards as permissive ones;
-- on the tables it distributes they are folded into one permissive policy
-- per command with the same functions called bare (grid.scope_lo() instead
-- of (SELECT grid.scope_lo())), which PostgreSQL evaluates once per index
-- scan and the C functions answer from what they remember for the
-- statement (grid.policies_for_citus).  Single-node databases keep theirs.
--
-- Citus runs the policies on the worker that holds a shard, as the acting
-- role, and the scope functions there read that node's copy of
-- grid.access_scope (access.c).  The scopes are therefore a reference
-- table: grid.grant_scope and grid.revoke_scope write every copy, the
-- coordinator's and each worker's, in one distributed transaction (Citus's
-- two-phase commit), so that no node answers with a scope the coordinator
-- has revoked.  Roles are written by name (regrole): their OIDs differ
-- between nodes, and Citus creates roles and grants memberships on every
-- node.  Citus commits each worker's part after the coordinator's, and a
-- role's query may run on a worker beside a change it cannot see (another
-- connection of the same distributed transaction): a node refuses (40001)
-- to answer from a scope row whose deletion or change has begun and not
-- been rolled back, so a revoke holds on a worker from the moment it is
-- written there, not only from its commit.
--
-- The daily facts (grid.cell_fact, grid.cell_day, grid.village_day, ...)
-- stay on the coordinator, and the triggers that keep them would run on
-- the workers' shards, out of their reach: grid.distribute() refuses
-- writes of every table it distributes but the scopes (grid.refuse_on_citus,
-- 0A000).  A cluster is loaded on one node, then distributed, then read.

-- Which tables become what, in the order they are distributed.
CREATE FUNCTION grid.scaleout_tables()
    RETURNS TABLE (tbl regclass, kind text, key name)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT t.tbl::regclass, t.kind, t.key
      FROM (VALUES (0, 'grid.access_scope', 'reference', NULL::name),
                   (1, 'grid.channel', 'reference', NULL),
                   (2, 'grid.division', 'reference', NULL),
                   (3, 'grid.cell', 'reference', NULL),
                   (4, 'grid.standard_address', 'reference', NULL),
                   (5, 'grid.household', 'reference', NULL),
                   (6, 'grid.house', 'reference', NULL),
                   (7, 'grid.work_unit', 'reference', NULL),
                   (8, 'grid.resident', 'distributed', 'id'),
                   (9, 'grid.health_day', 'distributed', 'resident_id'),
                   (10, 'grid.health_report', 'distributed', 'resident_id'),
                   (11, 'grid.key_person', 'distributed', 'resident_id')) AS t(n, tbl, kind, key)
     ORDER BY t.n
$$;
-- STABLE, not IMMUTABLE: the names are resolved to OIDs of this database.
COMMENT ON FUNCTION grid.scaleout_tables() IS
    'the tables grid.distribute() makes Citus tables: reference (a copy on every node) or distributed by the key given, co-located with grid.resident; the others stay on the coordinator';

-- Re-create the row-level security of one table in a form Citus keeps
-- as it is on every shard:
--   - no subqueries: each (SELECT grid.f()) of grid.enable_access becomes
--     grid.f() (Citus refuses subqueries in policies);
--   - only permissive policies, one per command: Citus 13.2 creates a
--     table's policies on its shards without AS RESTRICTIVE, which would
--     turn grid's restrictive bounds into alternatives (every row visible).
--     Each command's policy is (its permissive policies ORed) AND (its
--     restrictive ones), PostgreSQL's own rule, with WITH CHECK defaulting
--     to USING as PostgreSQL does;
--   - the pair for roles in grid_single_scope (a skip of the per-row test)
--     is left out: grid.scope_exact() in grid_access already passes their
--     rows, at the cost of one remembered-per-statement call per row.
-- Refuses (0A000) a policy for particular roles, which the folding cannot
-- keep.  Returns how many policies the table has afterwards.
CREATE FUNCTION grid.policies_for_citus(tbl regclass) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    initplan constant text := '\( SELECT (grid\.(scope_lo|scope_hi|scope_exact|single_scope_hi|current_scopes)\(\)) AS \w+\)';
    cmd text;
    letter "char";
    perm_using text;
    perm_check text;
    restr_using text;
    restr_check text;
    pol record;
    defs text[] := '{}';
    n integer := 0;
BEGIN
    PERFORM grid.require_admin('change the policies of grid');
    IF NOT (SELECT c.relrowsecurity FROM pg_class c WHERE c.oid = tbl) THEN
        RETURN 0;
    END IF;
    IF EXISTS (SELECT FROM pg_policy p
                WHERE p.polrelid = tbl AND p.polname NOT IN ('grid_access_single_scope', 'grid_single_scope')
                  AND p.polroles <> '{0}') THEN
        RAISE EXCEPTION 'table % has a policy for particular roles', tbl
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'Citus creates restrictive policies on its shards as permissive ones; grid folds a table''s policies into one permissive policy per command, which works only for policies that apply to every role.';
    END IF;
    FOREACH cmd IN ARRAY ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'] LOOP
        letter := CASE cmd WHEN 'SELECT' THEN 'r' WHEN 'INSERT' THEN 'a' WHEN 'UPDATE' THEN 'w' ELSE 'd' END;
        perm_using := NULL; perm_check := NULL; restr_using := NULL; restr_check := NULL;
        FOR pol IN SELECT p.polpermissive AS permissive,
                          regexp_replace(pg_get_expr(p.polqual, p.polrelid), initplan, '\1', 'g') AS qual,
                          regexp_replace(coalesce(pg_get_expr(p.polwithcheck, p.polrelid), pg_get_expr(p.polqual, p.polrelid)),
                                         initplan, '\1', 'g') AS chk
                     FROM pg_policy p
                    WHERE p.polrelid = tbl AND p.polcmd IN (letter, '*')
                      AND p.polname NOT IN ('grid_access_single_scope', 'grid_single_scope')
                    ORDER BY p.polname LOOP
            IF pol.permissive THEN
                perm_using := CASE WHEN pol.qual IS NULL THEN perm_using
                                   ELSE coalesce(perm_using || ' OR ', '') || '(' || pol.qual || ')' END;
                perm_check := CASE WHEN pol.chk IS NULL THEN perm_check
                                   ELSE coalesce(perm_check || ' OR ', '') || '(' || pol.chk || ')' END;
            ELSE
                restr_using := CASE WHEN pol.qual IS NULL THEN restr_using
                                    ELSE coalesce(restr_using || ' AND ', '') || '(' || pol.qual || ')' END;
                restr_check := CASE WHEN pol.chk IS NULL THEN restr_check
                                    ELSE coalesce(restr_check || ' AND ', '') || '(' || pol.chk || ')' END;
            END IF;
        END LOOP;
        -- No permissive policy: nothing passes.
        perm_using := '(' || coalesce(perm_using, 'false') || ')' || coalesce(' AND ' || restr_using, '');
        perm_check := '(' || coalesce(perm_check, 'false') || ')' || coalesce(' AND ' || restr_check, '');
        IF perm_using ~ '\mSELECT\M' OR perm_check ~ '\mSELECT\M' THEN
            RAISE EXCEPTION 'table % has a policy with a subquery grid does not know', tbl
                USING ERRCODE = 'feature_not_supported',
                      DETAIL = 'Citus refuses subqueries in policies on its tables.';
        END IF;
        defs := defs || (format('CREATE POLICY %I ON %s AS PERMISSIVE FOR %s', 'grid_citus_' || lower(cmd), tbl, cmd)
                         || CASE WHEN cmd <> 'INSERT' THEN format(' USING (%s)', perm_using) ELSE '' END
                         || CASE WHEN cmd IN ('INSERT', 'UPDATE') THEN format(' WITH CHECK (%s)', perm_check) ELSE '' END);
    END LOOP;
    FOR pol IN SELECT p.polname FROM pg_policy p WHERE p.polrelid = tbl LOOP
        EXECUTE format('DROP POLICY %I ON %s', pol.polname, tbl);
    END LOOP;
    FOREACH cmd IN ARRAY defs LOOP
        EXECUTE cmd;
        n := n + 1;
    END LOOP;
    FOREACH cmd IN ARRAY ARRAY['select', 'insert', 'update', 'delete'] LOOP
        EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', 'grid_citus_' || cmd, tbl,
                       format('grid: every policy grid had for %s on this table, folded into one permissive policy for Citus (grid.policies_for_citus)', upper(cmd)));
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.policies_for_citus(regclass) IS
    'administrators: replace a table''s row-level security policies by one permissive policy per command without subqueries, passing the same rows, in the form Citus keeps on its shards (it drops AS RESTRICTIVE); returns how many policies the table has';
REVOKE EXECUTE ON FUNCTION grid.policies_for_citus(regclass) FROM PUBLIC;

-- 55000 unless this is a Citus coordinator with workers, itself in the
-- cluster's metadata (so that it holds a copy of each reference table, the
-- scopes among them).
CREATE FUNCTION grid.require_citus_coordinator() RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    workers integer;
    listed boolean;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension e WHERE e.extname = 'citus') THEN
        RAISE EXCEPTION 'extension citus is not installed in this database'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Install Citus on every node, CREATE EXTENSION citus, add the workers with citus_add_node, then distribute.';
    END IF;
    EXECUTE 'SELECT count(*) FROM pg_dist_node n WHERE n.noderole = ''primary'' AND n.groupid <> 0 AND n.isactive'
       INTO workers;
    IF NOT (SELECT g.groupid = 0 FROM pg_dist_local_group g) THEN
        RAISE EXCEPTION 'this node is not the Citus coordinator'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Run it on the coordinator.';
    END IF;
    EXECUTE 'SELECT EXISTS (SELECT FROM pg_dist_node n WHERE n.groupid = 0)' INTO listed;
    IF NOT listed THEN
        RAISE EXCEPTION 'the Citus coordinator is not in the cluster''s metadata'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'The coordinator answers the policies from its own copy of the scopes, a reference table.',
                  HINT = 'Run SELECT citus_set_coordinator_host(''<host>'', <port>) first.';
    END IF;
    IF workers = 0 THEN
        RAISE EXCEPTION 'the Citus cluster has no worker'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Add the workers with citus_add_node first.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.require_citus_coordinator() IS
    'raise 55000 unless the database has extension citus, this is its coordinator, in the metadata, and it has at least one active worker';

-- The trigger grid.distribute() puts on every table it makes a Citus
-- table but the scopes.  VOLATILE: a trigger.
CREATE FUNCTION grid.refuse_on_citus() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION 'grid on Citus does not write rows of %.%', TG_TABLE_SCHEMA, regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '')
        USING ERRCODE = 'feature_not_supported',
              DETAIL = 'The daily facts follow the registry through triggers, which would run on the workers, away from the facts on the coordinator.',
              HINT = 'Load and change the registry and the reports on a single-node database, then distribute it.';
END
$$;
COMMENT ON FUNCTION grid.refuse_on_citus() IS
    'trigger of grid.distribute() on every table it makes a Citus table but grid.access_scope: refuse every row written (0A000), since the daily facts that follow the registry stay on the coordinator';

CREATE FUNCTION grid.distribute() RETURNS TABLE (tbl regclass, kind text, key name)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET citus.enable_unsafe_triggers = on
    SET citus.multi_shard_modify_mode = 'sequential'
    AS $$
DECLARE
    t record;
    fk record;
    fks text[] := '{}';
    shipped name[];
    trig name;
    fn regprocedure;
    tabs regclass[];
    sc record;
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user) THEN
        RAISE EXCEPTION 'permission denied to distribute grid'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Making Citus tables of the extension''s tables needs a superuser.';
    END IF;
    PERFORM grid.require_citus_coordinator();
    IF EXISTS (SELECT FROM grid.scaleout_tables() s
                WHERE EXISTS (SELECT FROM pg_dist_partition d WHERE d.logicalrelid = s.tbl)) THEN
        RAISE EXCEPTION 'grid is already distributed'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'Some of the tables of grid.scaleout_tables() are Citus tables.';
    END IF;
    SELECT array_agg(s.tbl) INTO tabs FROM grid.scaleout_tables() s;
    -- The scopes name roles by OID, which differ between nodes: Citus's
    -- copy of existing rows may ship them in binary, so the table is made
    -- a reference table empty and its rows written again afterwards, by
    -- name, through Citus.
    CREATE TEMPORARY TABLE grid_scopes_moved ON COMMIT DROP AS
        SELECT s.role::text AS role, s.division::text AS division, s.see_identifiers, s.granted_at, s.granted_by
          FROM grid.access_scope s;
    DELETE FROM grid.access_scope;

    -- Foreign keys touching the tables: dropped on every node (the
    -- workers' tables are the extension's own), added again at the end.
    FOR fk IN SELECT c.conname, c.conrelid::regclass AS rel, c.confrelid::regclass AS target, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c
               WHERE c.contype = 'f' AND (c.conrelid = ANY (tabs) OR c.confrelid = ANY (tabs))
               ORDER BY c.conrelid, c.conname LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
        PERFORM run_command_on_workers(format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', fk.rel, fk.conname));
        IF fk.rel <> ALL (tabs) AND fk.target = 'grid.channel'::regclass THEN
            -- The ingestion's own tables (batches, rejects, reviews) name
            -- their channel; they stay on the coordinator, where a key to
            -- a reference table would make them Citus local tables (below).
            -- Ingestion stores reports, which the cluster refuses, so these
            -- tables take no new row there: the key is left out, not moved.
            CONTINUE;
        END IF;
        IF fk.rel <> ALL (tabs) THEN
            -- Citus would make the table a Citus local table, which the
            -- extension's identity sequences do not allow.
            RAISE EXCEPTION 'table % has a foreign key to a table grid distributes', fk.rel
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'Drop the key, or distribute the table as well.';
        END IF;
        fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.rel, fk.conname, fk.def);
    END LOOP;

    FOR t IN SELECT * FROM grid.scaleout_tables() s LOOP
        PERFORM grid.policies_for_citus(t.tbl);
        -- The table's triggers would check the copy into the shards as new
        -- rows (shipped rows, the map's writers): off while it runs.
        SELECT array_agg(g.tgname) INTO shipped FROM pg_trigger g
         WHERE g.tgrelid = t.tbl AND NOT g.tgisinternal AND g.tgenabled = 'O';
        FOREACH trig IN ARRAY coalesce(shipped, '{}') LOOP
            EXECUTE format('ALTER TABLE %s DISABLE TRIGGER %I', t.tbl, trig);
        END LOOP;
        IF t.kind = 'reference' THEN
            PERFORM create_reference_table(t.tbl);
        ELSE
            PERFORM create_distributed_table(t.tbl, t.key, colocate_with => CASE WHEN t.tbl = 'grid.resident'::regclass
                                                                              THEN 'default' ELSE 'grid.resident' END);
        END IF;
        -- The rows were copied into the shards; the coordinator's table is
        -- a shell.  Its triggers stay off for that too: a TRUNCATE trigger
        -- would empty the daily facts (grid.facts_truncate) or a table
        -- already distributed.
        PERFORM truncate_local_data_after_distributing_table(t.tbl);
        FOREACH trig IN ARRAY coalesce(shipped, '{}') LOOP
            EXECUTE format('ALTER TABLE %s ENABLE TRIGGER %I', t.tbl, trig);
        END LOOP;
        IF t.tbl <> 'grid.access_scope'::regclass THEN
            -- The daily facts (grid.cell_fact, grid.cell_day, grid.village_day,
            -- ...) stay on the coordinator; the triggers that keep them
            -- would run on the workers' shards and copies, where they
            -- cannot reach them.  Writes are refused there first (BEFORE,
            -- on every shard), never left out of the facts.  The scopes
            -- have no such trigger and stay writable.
            EXECUTE format('CREATE TRIGGER grid_citus_refuse BEFORE INSERT OR UPDATE OR DELETE ON %s '
                           'FOR EACH ROW EXECUTE FUNCTION grid.refuse_on_citus()', t.tbl);
            EXECUTE format('COMMENT ON TRIGGER grid_citus_refuse ON %s IS %L', t.tbl,
                           'grid on Citus: rows of this table are not written, because the daily facts that follow the registry stay on the coordinator (grid.distribute)');
        END IF;
        tbl := t.tbl; kind := t.kind; key := t.key;
        RETURN NEXT;
    END LOOP;

    FOR i IN 1 .. coalesce(array_length(fks, 1), 0) LOOP
        EXECUTE fks[i];
    END LOOP;

    -- A set-returning SQL function is inlined into the query that calls
    -- it after Citus has looked at that query, so that its tables would be
    -- read on the coordinator as plain tables: the empty shells, a wrong
    -- answer.  A SET clause keeps PostgreSQL from inlining; run as a
    -- function, its query reaches Citus, which runs it or refuses it with
    -- an error.  The setting is Citus's default.
    FOR fn IN SELECT p.oid::regprocedure FROM pg_proc p
               WHERE p.pronamespace = 'grid'::regnamespace AND p.proretset AND p.proconfig IS NULL
                 AND p.prolang = (SELECT l.oid FROM pg_language l WHERE l.lanname = 'sql')
                 AND p.prosrc ~ ('\mgrid\.(' || (SELECT string_agg(c.relname, '|') FROM pg_class c WHERE c.oid = ANY (tabs)) || ')\M')
               ORDER BY 1 LOOP
        EXECUTE format('ALTER FUNCTION %s SET citus.propagate_set_commands = %L', fn, 'none');
    END LOOP;
    -- The scopes, written again through Citus (see above).
    FOR sc IN SELECT * FROM pg_temp.grid_scopes_moved LOOP
        EXECUTE format('INSERT INTO grid.access_scope (role, division, see_identifiers, granted_at, granted_by) '
                       'VALUES (%L::regrole, %L, %L, %L, %L)',
                       sc.role, sc.division, sc.see_identifiers, sc.granted_at, sc.granted_by);
    END LOOP;
    DROP TABLE pg_temp.grid_scopes_moved;
END
$$;
COMMENT ON FUNCTION grid.distribute() IS
    'superusers on a Citus coordinator with workers: make the tables of grid.scaleout_tables() reference or distributed tables (by resident ID), with policies Citus accepts; the scopes become a reference table, written on every node in one transaction; returns each table and what it became';
REVOKE EXECUTE ON FUNCTION grid.distribute() FROM PUBLIC;
