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
--   - everything else stays on the coordinator as it is, the channels
--     (grid.channel) among them: the reports read a channel's label for
--     each row (grid.report_label), and each read of a Citus table is a
--     Citus query of its own (at 20,000 residents the city's temperature
--     report took 722 ms instead of 8 with the channels a reference table).
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
-- Tried: with the refusal lifted, an app batch through the coordinator
-- links by ID (the temporary table joined to the residents), but the
-- link by phone fails ("direct joins between distributed and local tables
-- are not supported"), the statement triggers on the shards of the
-- reports fail ("executor could not find named tuplestore"), and with
-- those off the fever rule's key-person entries are stored without their
-- facts (grid.key_person_day): the writes would need their days and facts
-- applied on the coordinator from what the inserts return, and the
-- shards' triggers off.
--
-- The reports that read the facts read the divisions and cells from the
-- coordinator's own copy of those reference tables (grid.citus_body), so
-- that they run on the coordinator as on one node, without a Citus task;
-- the screening report and the call list read the shards through
-- grid.citus_rows only for what only the shards hold.

-- Which tables become what, in the order they are distributed.
CREATE FUNCTION grid.scaleout_tables()
    RETURNS TABLE (tbl regclass, kind text, key name)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT t.tbl::regclass, t.kind, t.key
      FROM (VALUES (0, 'grid.access_scope', 'reference', NULL::name),
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

-- The rows of one query, planned with its arguments' values: a SQL
-- function's query is planned with its arguments as parameters without
-- values, which Citus cannot plan when the query reads a distributed table
-- beside others ("could not create distributed plan"); PL/pgSQL's EXECUTE
-- binds them first.  The query names its arguments $1[1], $1[2], ... as
-- text.  grid.distribute() rewrites the SQL functions that read the
-- distributed tables to call it (grid.citus_body), each with its own name.
-- What Citus cannot run even so is refused (0A000) in grid's words, with
-- Citus's reason as the detail.  SECURITY INVOKER, without a search_path
-- of its own: the query runs as the caller and is read under the caller's
-- search_path, as the function it replaces was.  VOLATILE: it runs any query it
-- is given.
CREATE FUNCTION grid.citus_rows(query text, args text[], name text) RETURNS SETOF record
    LANGUAGE plpgsql VOLATILE
    AS $$
DECLARE
    why text;
BEGIN
    -- Citus reads the shards as the current user, and a worker knows no
    -- other: inside a SECURITY DEFINER function owned by a role under
    -- row-level security (the look-ups, owned by grid_lookup) the workers
    -- would apply the owner's scopes, not the caller's, and answer with
    -- fewer rows than one node.  Refused.
    IF grid.acting_role() <> current_user::regrole
       AND NOT (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        RAISE EXCEPTION 'grid on Citus cannot run % for another role', name
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = format('It runs as %s for %s; Citus reads the shards as %s, under %s''s scopes.',
                                  current_user, grid.acting_role(), current_user, current_user),
                  HINT = 'Run it on a single-node copy of the database. To find a person by exact ID, query grid.resident as yourself (WHERE id = ...): it reads one shard.';
    END IF;
    BEGIN
        RETURN QUERY EXECUTE query USING args;
    EXCEPTION WHEN feature_not_supported OR internal_error THEN
        -- Citus's planner refuses some queries with XX000 ("could not
        -- create distributed plan", outer joins with pseudoconstant quals)
        GET STACKED DIAGNOSTICS why = MESSAGE_TEXT;
        RAISE EXCEPTION 'grid on Citus cannot run %', name
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'Citus: ' || rtrim(why, '.') || '.',
                  HINT = 'Run it on a single-node copy of the database.';
    END;
END
$$;
COMMENT ON FUNCTION grid.citus_rows(text, text[], text) IS
    'the rows of a query run with EXECUTE, its arguments bound as the text array $1, so that Citus plans it with their values; what Citus cannot run is refused (0A000) under the name given; the body of the SQL functions grid.distribute() rewrites for Citus';

-- The definition grid.distribute() gives a SQL function of grid on Citus,
-- or NULL when it keeps its own:
--   - a function written with a SQL-standard body (RETURN ... or BEGIN
--     ATOMIC) that reads a Citus table gets the same body as a string,
--     every name qualified, run with search_path pg_catalog: Citus 13.2
--     fails such a function with a syntax error (it parses the body's text,
--     which is empty);
--   - a set-returning function that reads a distributed table returns the
--     rows of grid.citus_rows: the same query, with each argument named
--     function.argument (or by its bare name, when no table of grid has a
--     column of that name) replaced by its value, each column cast to the
--     declared type;
--   - a function that reads reference tables and no other Citus table
--     reads the coordinator's own copy of each (its shard there, a plain
--     table), in the same form (a SQL-standard body stays one, and
--     PostgreSQL inlines it as before).  Through Citus, each such query
--     is planned by Citus, deparsed and run again as a task even on the
--     coordinator: the city's temperature report, which reads the facts on
--     the coordinator and the names of the divisions and cells, took 20
--     times as long.  The registry's reference tables are not written on
--     the cluster (grid.refuse_on_citus), so the coordinator's copy is
--     theirs; the scopes, which are written, are still read through Citus.
--     A SQL-standard body depends on the shard it reads: Citus cannot drop
--     the coordinator's copy while it does.
-- The signature, result, volatility, strictness, security and settings
-- stay as they were.  A body naming an argument by position ($1) or
-- that does not parse as one query once rewritten is left as it is (Citus
-- then refuses it with its error, never a wrong answer).  VOLATILE: it
-- prepares the rewritten query to see that it parses.
CREATE FUNCTION grid.citus_body(fn regprocedure, tabs regclass[], distributed regclass[]) RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p pg_proc;
    body text;
    names text;
    dnames text;
    head text;
    cols text;
    args text;
    q text;
    i integer;
    refs text[];
    local_refs text[];
    others text;
    settings text;
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = fn;
    IF p.prolang <> (SELECT l.oid FROM pg_language l WHERE l.lanname = 'sql') THEN
        RETURN NULL;
    END IF;
    SELECT string_agg(c.relname, '|') INTO names FROM pg_class c WHERE c.oid = ANY (tabs);
    SELECT string_agg(c.relname, '|') INTO dnames FROM pg_class c WHERE c.oid = ANY (distributed);
    -- the reference tables but the scopes, each with its shard on the
    -- coordinator (none when the coordinator holds no copy, or without
    -- Citus)
    IF EXISTS (SELECT FROM pg_extension e WHERE e.extname = 'citus') THEN
    EXECUTE $q$SELECT array_agg(c.relname::text ORDER BY c.relname), array_agg(shard_name(s.logicalrelid, s.shardid) ORDER BY c.relname)
                 FROM pg_dist_shard s
                 JOIN pg_dist_placement pl ON pl.shardid = s.shardid AND pl.groupid = 0
                 JOIN pg_class c ON c.oid = s.logicalrelid
                WHERE s.logicalrelid = ANY ($1) AND s.logicalrelid <> ALL ($2)
                  AND s.logicalrelid <> 'grid.access_scope'::regclass$q$
       INTO refs, local_refs USING tabs, coalesce(distributed, '{}');
    END IF;
    head := format('CREATE OR REPLACE FUNCTION %s(%s) RETURNS %s LANGUAGE sql %s%s%s%s',
                   fn::oid::regproc, pg_get_function_arguments(fn), pg_get_function_result(fn),
                   CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END,
                   CASE p.proparallel WHEN 's' THEN ' PARALLEL SAFE' WHEN 'r' THEN ' PARALLEL RESTRICTED' ELSE '' END,
                   CASE WHEN p.proisstrict THEN ' STRICT' ELSE '' END,
                   CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' ELSE '' END);
    settings := coalesce((SELECT string_agg(CASE WHEN c ~ '^search_path='
                                                 THEN ' SET search_path = ' || substr(c, 13)
                                                 ELSE format(' SET %s = %L', split_part(c, '=', 1), substr(c, strpos(c, '=') + 1)) END, '')
                            FROM unnest(p.proconfig) c), '');
    -- deparsed under this function's search_path: every name qualified
    body := CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(fn) ELSE p.prosrc END;
    -- Reference tables only: their copies on the coordinator.
    others := (SELECT string_agg(c.relname, '|') FROM pg_class c
                WHERE c.oid = ANY (tabs) AND c.relname::text <> ALL (coalesce(refs, '{}')));
    IF refs IS NOT NULL AND body ~ ('\mgrid\.(' || array_to_string(refs, '|') || ')\M(?![.(])')
       AND (others IS NULL OR body !~ ('\mgrid\.(' || others || ')\M')) THEN
        FOR i IN 1 .. array_length(refs, 1) LOOP
            body := regexp_replace(body, '(?<!::)\mgrid\.' || refs[i] || '\M(?![.(])', local_refs[i], 'g');
        END LOOP;
        RETURN head || settings || CASE WHEN p.prosqlbody IS NOT NULL THEN ' ' || body ELSE ' AS ' || quote_literal(body) END;
    END IF;
    IF p.prosqlbody IS NOT NULL THEN
        IF names IS NULL OR body !~ ('\mgrid\.(' || names || ')\M') THEN
            RETURN NULL;
        END IF;
        IF body ~ '^RETURN ' THEN
            body := 'SELECT ' || substr(body, 8);
        ELSIF body ~ '^BEGIN ATOMIC' THEN
            body := regexp_replace(regexp_replace(body, '^BEGIN ATOMIC', ''), 'END\s*$', '');
        ELSE
            RETURN NULL;
        END IF;
        RETURN head || ' SET search_path = pg_catalog, pg_temp'
               || coalesce((SELECT string_agg(format(' SET %s = %L', split_part(c, '=', 1), substr(c, strpos(c, '=') + 1)), '')
                              FROM unnest(p.proconfig) c WHERE c !~ '^search_path='), '')
               || ' AS ' || quote_literal(body);
    END IF;
    IF dnames IS NULL OR NOT p.proretset OR p.prosrc !~ ('\mgrid\.(' || dnames || ')\M') OR p.prosrc ~ '\$[0-9]'
       OR p.prosrc ~ '\mgrid\.citus_rows\M' THEN
        RETURN NULL;
    END IF;
    body := regexp_replace(p.prosrc, '[\s;]+$', '');
    args := '';
    FOR i IN 1 .. coalesce(array_length(p.proargnames, 1), 0) LOOP
        IF coalesce(p.proargmodes[i], 'i') IN ('i', 'b') THEN
            body := regexp_replace(body, '\m' || p.proname || '\.' || p.proargnames[i] || '\M',
                                   format('($1[%s])::%s', i, format_type(p.proargtypes[i - 1], NULL)), 'g');
            -- named bare: only a name no table of grid has as a column (a
            -- column of that name would take precedence in the function),
            -- nor the result, outside quotes and qualified names
            IF NOT EXISTS (SELECT FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                            WHERE c.relnamespace = 'grid'::regnamespace AND a.attnum > 0
                              AND a.attname = p.proargnames[i])
               AND NOT p.proargnames[i] = ANY (p.proargnames[p.pronargs + 1:]) THEN
                body := regexp_replace(body, '(?<![.''"$\w])\m' || p.proargnames[i] || '\M(?![.(''"])',
                                       format('($1[%s])::%s', i, format_type(p.proargtypes[i - 1], NULL)), 'g');
            END IF;
            args := args || CASE WHEN args = '' THEN '' ELSE ', ' END
                         || format('%s.%I::text', p.proname, p.proargnames[i]);
        END IF;
    END LOOP;
    -- the result's columns, by name and type, as the rows' definition
    SELECT string_agg(format('%I %s', n, format_type(t, NULL)), ', ' ORDER BY o),
           string_agg(format('q.%I::%s', n, format_type(t, NULL)), ', ' ORDER BY o)
      INTO cols, q
      FROM unnest(p.proallargtypes, p.proargmodes, p.proargnames) WITH ORDINALITY AS a(t, m, n, o)
     WHERE a.m IN ('o', 't', 'b');
    IF cols IS NULL THEN
        RETURN NULL;
    END IF;
    body := format(E'SELECT %s FROM (%s\n) AS q(%s)', q, body,
                   (SELECT string_agg(format('%I', n), ', ' ORDER BY o)
                      FROM unnest(p.proargmodes, p.proargnames) WITH ORDINALITY AS a(m, n, o)
                     WHERE a.m IN ('o', 't', 'b')));
    -- A body of more than one statement, or naming an argument another
    -- way, does not parse as one query: the function keeps its own.
    BEGIN
        EXECUTE format('PREPARE grid_citus_body(text[]) AS %s', body);
        DEALLOCATE grid_citus_body;
    EXCEPTION WHEN OTHERS THEN
        RETURN NULL;
    END;
    -- a list (search_path) is written as it is, each of its names quoted
    -- already where needed; any other setting as a literal
    RETURN head || settings
           || ' AS ' || quote_literal(format('SELECT * FROM grid.citus_rows(%L, ARRAY[%s]::text[], %L) AS q(%s)',
                                             body, args, fn::text, cols));
END
$$;
COMMENT ON FUNCTION grid.citus_body(regprocedure, regclass[], regclass[]) IS
    'the definition grid.distribute() gives a SQL function of grid on Citus (the coordinator''s copy of each reference table for one that reads no other Citus table; a string body for a SQL-standard one that reads a Citus table; grid.citus_rows for a set-returning one that reads a distributed table), or NULL when it keeps its own';
REVOKE EXECUTE ON FUNCTION grid.citus_body(regprocedure, regclass[], regclass[]) FROM PUBLIC;

-- The key-person report in a form Citus runs: the entries joined to their
-- residents, and each entry's latest report read by a join on the
-- resident (DISTINCT ON the distribution column, pushed down to the
-- shards), instead of the look-ups per entry of grid.report_key_person_rows
-- and of the report, which Citus refuses ("correlated subqueries are not
-- supported", "cannot perform a lateral outer join").  The same rows as grid.report_key_persons
-- as written in 0.2.0: grid.functions_for_citus gives the report this body
-- only while the report's own text is the one this was written for (its
-- md5), and otherwise leaves it refused.  STABLE: reads tables.
CREATE FUNCTION grid.citus_key_persons(day date, division grid.division_code)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   resident text, name text, category text, since date, period_end date, days_left integer,
                   latest_temperature numeric, latest_channel text, latest_at timestamptz,
                   new_today boolean, released_today boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH k0 AS MATERIALIZED (
    -- grid.report_key_person_rows, the resident joined (co-located) rather
    -- than read by a subquery per entry, which Citus refuses here
    SELECT k.division, c.cell, k.resident_id, r.name,
           k.category, k.period_start, k.period_end, k.status, k.closed_at
      FROM grid.key_person k
      LEFT JOIN grid.resident r ON r.id OPERATOR(grid.=) k.resident_id
     CROSS JOIN LATERAL (SELECT CASE WHEN r.id IS NOT NULL THEN grid.report_cell(r.cell, k.division) END AS cell) c
     WHERE k.period_start <= citus_key_persons.day
       AND (k.closed_at IS NULL OR k.closed_at >= grid.report_day_start(citus_key_persons.day))
       AND grid.report_covers(grid.report_village_scope(citus_key_persons.division), k.division)
       AND grid.report_covers(citus_key_persons.division, coalesce(c.cell, k.division))
), l AS (
    SELECT DISTINCT ON (h.resident_id) h.resident_id, h.temperature, h.channel, h.reported_at
      FROM grid.health_report h
     WHERE h.resident_id OPERATOR(grid.=) ANY (SELECT k0.resident_id FROM k0)
       AND h.reported_at < grid.report_day_start(citus_key_persons.day + 1)
     ORDER BY h.resident_id, h.reported_at DESC, h.channel
), k AS (
    SELECT k0.*, l.temperature, l.channel, l.reported_at
      FROM k0 LEFT JOIN l ON l.resident_id OPERATOR(grid.=) k0.resident_id
)
SELECT citus_key_persons.day, k.division, v.name, k.cell,
       CASE WHEN (SELECT grid.is_admin())
                 OR coalesce(k.cell, k.division) OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[])
            THEN k.resident_id::text ELSE grid.mask(k.resident_id) END, k.name,
       grid.report_label('category', k.category), k.period_start, k.period_end,
       CASE WHEN k.period_end IS NOT NULL THEN GREATEST(k.period_end - citus_key_persons.day, 0) END,
       k.temperature, grid.report_label('channel', k.channel), k.reported_at,
       k.period_start = citus_key_persons.day,
       k.status = 'released' AND grid.report_day(k.closed_at) = citus_key_persons.day
  FROM k LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) k.division
 ORDER BY k.division, k.category, k.period_start, k.resident_id
$$;
COMMENT ON FUNCTION grid.citus_key_persons(date, grid.division_code) IS
    'the key-person report (grid.report_key_persons) in a form Citus runs, each entry''s latest report joined by resident rather than looked up per entry; grid.report_key_persons on a distributed grid (grid.functions_for_citus). STABLE: reads tables';

-- The residents of grid.citus_not_reported (the call list): those the
-- caller sees without a report that day, with the day of their last report
-- in the week before, read in one query co-located on the resident through
-- Citus.  A function of its own, so that what the list joins to them (the
-- reference tables' copies on the coordinator, its own tables) is read by
-- PostgreSQL on the coordinator, not by Citus from intermediate results.
-- SECURITY INVOKER: the caller's row-level security.  STABLE: reads tables.
CREATE FUNCTION grid.citus_not_reported_rows(day date, division grid.division_code)
    RETURNS TABLE (r_id grid.resident_id, r_division grid.division_code, r_place grid.division_code, r_name text,
                   r_phones text[], r_household_id bigint, r_address_id bigint, r_cell_code grid.division_code,
                   r_last_day date)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RETURN QUERY
    SELECT * FROM grid.citus_rows(
        '    SELECT r.id, r.division, r.place, r.name, r.phones, r.household_id, r.address_id, r.cell_code, l.last_day
      FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code
              FROM grid.resident r
             WHERE r.status IN (''resident'', ''temporary'')
               AND r.place OPERATOR(grid.>=) coalesce(($1[2])::grid.division_code, grid.scope_lo()::grid.division_code)
               AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(($1[2])::grid.division_code),
                                                      grid.scope_hi()::grid.division_code)
               AND NOT EXISTS (SELECT FROM grid.health_day d
                                WHERE d.day = ($1[1])::date AND d.resident_id OPERATOR(grid.=) r.id
                                  AND d.division OPERATOR(grid.=) r.division)) r
      -- only the days filed in the resident''s own village count
      LEFT JOIN (SELECT l.resident_id, l.division, pg_catalog.max(l.day) AS last_day
                   FROM grid.health_day l
                  WHERE l.day >= ($1[1])::date - 7 AND l.day < ($1[1])::date
                  GROUP BY l.resident_id, l.division) l
             ON l.resident_id OPERATOR(grid.=) r.id AND l.division OPERATOR(grid.=) r.division',
        ARRAY[citus_not_reported_rows.day::text, citus_not_reported_rows.division::text], 'grid.report_not_reported')
        AS q(id grid.resident_id, division grid.division_code, place grid.division_code, name text, phones text[],
             household_id bigint, address_id bigint, cell_code grid.division_code, last_day date);
END
$$;
COMMENT ON FUNCTION grid.citus_not_reported_rows(date, grid.division_code) IS
    'for grid.citus_not_reported: the residents the caller sees (of the division, or all) without a report on the day, with their place, name, phones, household, address, cell and the day of their last report in the week before, read through Citus in one query co-located on the resident. STABLE: reads tables';

-- The call list in a form Citus runs: the residents without a report that
-- day and the day of their last report in the week before, in one query
-- co-located on the resident (pushed down to the shards), then what the
-- list shows of them from the reference and coordinator tables.
-- grid.report_not_reported reads them in two ways (within one village, or
-- wider) with conditions Citus refuses on PostgreSQL 15 ("outer joins and
-- pseudoconstant quals"); both list the same rows, these.  The same rows as
-- grid.report_not_reported as written in 0.2.0: grid.functions_for_citus
-- gives the report this body only while the report's own text is the one
-- this was written for (its md5).  STABLE: reads tables.
CREATE FUNCTION grid.citus_not_reported(day date, division grid.division_code)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH r AS MATERIALIZED (
    SELECT x.r_id AS id, x.r_division AS division, x.r_place AS place, x.r_name AS name, x.r_phones AS phones,
           x.r_household_id AS household_id, x.r_address_id AS address_id, x.r_cell_code AS cell_code,
           x.r_last_day AS last_day
      FROM grid.citus_not_reported_rows(citus_not_reported.day, citus_not_reported.division) x
),
-- the first grid worker of each cell and the robot's last calls of the
-- day, each read on its own (Citus 13.2 crashes planning these
-- coordinator tables under row-level security joined to the rest)
w AS MATERIALIZED (
    SELECT w.division, w.cell, w.name
      FROM grid.team_member w
     WHERE w.role = 'grid_worker'
       AND NOT EXISTS (SELECT FROM grid.team_member w2
                        WHERE w2.division OPERATOR(grid.=) w.division AND w2.cell OPERATOR(grid.=) w.cell
                          AND w2.role = 'grid_worker' AND w2.id < w.id)
), u AS MATERIALIZED (
    SELECT u.resident_id, u.division, u.outcome
      FROM grid.unreached u
     WHERE u.called_at >= grid.report_day_start(citus_not_reported.day)
       AND u.called_at < grid.report_day_start(citus_not_reported.day + 1)
       AND NOT EXISTS (SELECT FROM grid.unreached u2
                        WHERE u2.resident_id OPERATOR(grid.=) u.resident_id AND u2.division OPERATOR(grid.=) u.division
                          AND u2.called_at > u.called_at
                          AND u2.called_at < grid.report_day_start(citus_not_reported.day + 1))
)
SELECT citus_not_reported.day, r.division, v.name, r.cell_code, c.name, w.name,
       CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
       CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
       a.full_text, r.last_day, grid.report_label('outcome', u.outcome)
       -- grid.may_see_identifiers, with the caller's scopes read once, on
       -- the coordinator (a shard's query cannot read them through Citus)
  FROM (SELECT r.*, (SELECT grid.is_admin())
                    OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
          FROM r) r
  LEFT JOIN grid.standard_address a ON a.id = r.address_id
  LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) r.division AND v.level = 'village'
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) r.cell_code
  LEFT JOIN w ON w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code
  LEFT JOIN u ON u.resident_id OPERATOR(grid.=) r.id AND u.division OPERATOR(grid.=) r.division
 ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome
$$;
COMMENT ON FUNCTION grid.citus_not_reported(date, grid.division_code) IS
    'the call list (grid.report_not_reported) in a form Citus runs, the residents without a report read in one query co-located on the resident; grid.report_not_reported on a distributed grid (grid.functions_for_citus). STABLE: reads tables';

-- The residents and households screened in the cells a caller sees of
-- villages it does not see whole, counted from the residents, as
-- grid.report_screening counts them: those places are listed first, on
-- the coordinator (grid.cell_fact), and the residents are read through
-- Citus only when there are some.  A caller who sees whole villages (a
-- county's, the city's) has none, and its report reads no shard.
-- SECURITY INVOKER: the caller's scopes and row-level security.
-- STABLE: reads tables.
CREATE FUNCTION grid.citus_screened_cells(day date, division grid.division_code)
    RETURNS TABLE (village grid.division_code, households bigint, persons bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    places grid.division_code[];
BEGIN
    SELECT pg_catalog.array_agg(p.place) INTO places
      FROM grid.cell_fact p
     WHERE NOT p.division OPERATOR(grid.<@) ANY ((SELECT grid.current_scopes())::grid.division_code[])
       AND grid.report_covers(grid.report_village_scope(citus_screened_cells.division), p.division);
    IF places IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT * FROM grid.citus_rows(
        'SELECT r.division, pg_catalog.count(DISTINCT r.household_id), pg_catalog.count(*)
           FROM grid.resident r
          WHERE r.place OPERATOR(grid.=) ANY (($1[1])::grid.division_code[])
            AND r.status IN (''resident'', ''temporary'')
            AND EXISTS (SELECT FROM grid.health_day d
                         WHERE d.resident_id OPERATOR(grid.=) r.id AND d.division OPERATOR(grid.=) r.division
                           AND d.day <= ($1[2])::date)
          GROUP BY r.division',
        ARRAY[places::text, citus_screened_cells.day::text], 'grid.report_screening')
        AS q(village grid.division_code, households bigint, persons bigint);
END
$$;
COMMENT ON FUNCTION grid.citus_screened_cells(date, grid.division_code) IS
    'for grid.citus_screening: per village, the households and residents screened up to the day in the cells the caller sees of villages it does not see whole, counted from the residents through Citus; no row, and no shard read, when there are no such cells. STABLE: reads tables';

-- The screening report in a form the coordinator answers from its facts:
-- grid.report_screening as written in 0.2.0, its count of residents in
-- the cells of villages the caller does not see whole read by
-- grid.citus_screened_cells, so that the report reads no shard unless
-- there are such cells.  Through Citus as it is, the report ran as one
-- distributed query on every shard for every caller (30 times one
-- node's time for the city).  grid.functions_for_citus gives the report
-- this body only while the report's own text is the one this was written
-- for (its md5).  STABLE: reads tables.
CREATE FUNCTION grid.citus_screening(day date, division grid.division_code)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, households bigint, persons bigint,
                   returnees_from_epicentre bigint, vehicles_from_epicentre bigint, in_transit bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    SELECT u.division, u.households, u.persons, u.returnees, u.vehicles, u.in_transit
      FROM (SELECT f.division,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.households ELSE -f.households END) AS households,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.screened ELSE -f.screened END) AS persons,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.returnees_from_epicentre
                                       ELSE -f.returnees_from_epicentre END) AS returnees,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.vehicles_from_epicentre
                                       ELSE -f.vehicles_from_epicentre END) AS vehicles,
                   pg_catalog.sum(f.in_transit) AS in_transit
              FROM grid.village_day f
             WHERE f.day > citus_screening.day
               AND grid.report_covers(grid.report_village_scope(citus_screening.division), f.division)
             GROUP BY f.division) u
     WHERE u.persons <> 0 OR u.returnees <> 0 OR u.in_transit <> 0
    UNION ALL
    SELECT c.village, c.households, c.persons, 0, 0, 0
      FROM grid.citus_screened_cells(citus_screening.day, citus_screening.division) c
), g AS (
    SELECT CASE WHEN GROUPING(u.village) = 0 THEN 'village' WHEN GROUPING(u.township) = 0 THEN 'township'
                WHEN GROUPING(u.county) = 0 THEN 'county' ELSE 'city' END AS level,
           u.city, u.county, u.township, u.village,
           pg_catalog.sum(u.households)::bigint AS households, pg_catalog.sum(u.persons)::bigint AS persons,
           pg_catalog.sum(u.returnees)::bigint AS returnees, pg_catalog.sum(u.vehicles)::bigint AS vehicles,
           pg_catalog.sum(u.in_transit)::bigint AS in_transit
      FROM (SELECT grid.ancestor(unit.division, 'city') AS city, grid.ancestor(unit.division, 'county') AS county,
                   grid.ancestor(unit.division, 'township') AS township, grid.ancestor(unit.division, 'village') AS village,
                   unit.households, unit.persons, unit.returnees, unit.vehicles, unit.in_transit
              FROM unit) u
     GROUP BY GROUPING SETS ((u.city), (u.city, u.county), (u.city, u.county, u.township),
                             (u.city, u.county, u.township, u.village))
)
SELECT citus_screening.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.households, g.persons, g.returnees, g.vehicles, g.in_transit
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;
COMMENT ON FUNCTION grid.citus_screening(date, grid.division_code) IS
    'the screening report (grid.report_screening) in a form the coordinator answers from its facts, reading the residents through Citus only for the cells the caller sees of villages it does not see whole (grid.citus_screened_cells); grid.report_screening on a distributed grid (grid.functions_for_citus). STABLE: reads tables';

-- Rewrite, once grid is distributed, the SQL functions of grid that Citus
-- cannot run as they are (grid.citus_body); again after ALTER EXTENSION
-- grid UPDATE, which writes them as they were.  Returns how many it
-- rewrote.
CREATE FUNCTION grid.functions_for_citus() RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tabs regclass[];
    dist regclass[];
    fn regprocedure;
    def text;
    n integer := 0;
BEGIN
    PERFORM grid.require_admin('change the functions of grid');
    PERFORM grid.require_citus_coordinator();
    SELECT array_agg(s.tbl), array_agg(s.tbl) FILTER (WHERE s.kind = 'distributed')
      INTO tabs, dist FROM grid.scaleout_tables() s;
    -- the key-person report, while it is the one grid.citus_key_persons
    -- was written for
    IF (SELECT md5(p.prosrc) FROM pg_proc p
         WHERE p.oid = 'grid.report_key_persons(date, grid.division_code)'::regprocedure) = 'd04df3c57f6419b2a01c78f319f8b976' THEN
        CREATE OR REPLACE FUNCTION grid.report_key_persons(day date DEFAULT grid.report_today(),
                                                           division grid.division_code DEFAULT NULL)
            RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                           resident text, name text, category text, since date, period_end date, days_left integer,
                           latest_temperature numeric, latest_channel text, latest_at timestamptz,
                           new_today boolean, released_today boolean)
            LANGUAGE sql STABLE PARALLEL SAFE
            SET citus.propagate_set_commands = 'none'
            AS 'SELECT * FROM grid.citus_key_persons(report_key_persons.day, report_key_persons.division)';
        n := n + 1;
    END IF;
    -- the screening report, the same way (grid.citus_screening), without
    -- a setting: it reads the shards only through grid.citus_rows, so
    -- that PostgreSQL may inline it (a SQL function run on its own does
    -- not inline the functions it calls, grid.report_label and
    -- grid.division_name, which then run once per row)
    IF (SELECT md5(p.prosrc) FROM pg_proc p
         WHERE p.oid = 'grid.report_screening(date, grid.division_code)'::regprocedure) = '83ba6753ac5937a086e1421c5e84f722' THEN
        CREATE OR REPLACE FUNCTION grid.report_screening(day date DEFAULT grid.report_today(),
                                                         division grid.division_code DEFAULT NULL)
            RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                           parent grid.division_code, households bigint, persons bigint,
                           returnees_from_epicentre bigint, vehicles_from_epicentre bigint, in_transit bigint)
            LANGUAGE sql STABLE PARALLEL SAFE
            AS 'SELECT * FROM grid.citus_screening(report_screening.day, report_screening.division)';
        n := n + 1;
    END IF;
    -- the call list, the same way (grid.citus_not_reported), which reads
    -- the shards through grid.citus_not_reported_rows and the reference
    -- tables from the coordinator's copies once grid.citus_body has
    -- rewritten it: then, and only then, without a setting (as the
    -- screening report, so that the functions it calls for each of its
    -- rows are inlined); while it still names a Citus table, PostgreSQL
    -- must not inline it into a query Citus has already looked at
    def := grid.citus_body('grid.citus_not_reported(date, grid.division_code)', tabs, dist);
    IF def IS NOT NULL THEN
        EXECUTE def;
        n := n + 1;
    END IF;
    IF (SELECT md5(p.prosrc) FROM pg_proc p
         WHERE p.oid = 'grid.report_not_reported(date, grid.division_code)'::regprocedure) = '0f4f79a766800caac885e2bb64e39777' THEN
        EXECUTE format($f$CREATE OR REPLACE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                                            division grid.division_code DEFAULT NULL)
            RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                           cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                           address text, last_report date, robot_call text)
            LANGUAGE sql STABLE PARALLEL SAFE %s
            AS 'SELECT * FROM grid.citus_not_reported(report_not_reported.day, report_not_reported.division)'$f$,
            CASE WHEN (SELECT p.prosrc ~ ('\mgrid\.(' || (SELECT string_agg(c.relname, '|') FROM pg_class c WHERE c.oid = ANY (tabs)) || ')\M')
                         FROM pg_proc p WHERE p.oid = 'grid.citus_not_reported(date, grid.division_code)'::regprocedure)
                 THEN 'SET citus.propagate_set_commands = ''none''' ELSE '' END);
        n := n + 1;
    END IF;
    FOR fn IN SELECT p.oid::regprocedure FROM pg_proc p
               WHERE p.pronamespace = 'grid'::regnamespace
                 AND p.prolang = (SELECT l.oid FROM pg_language l WHERE l.lanname = 'sql')
                 AND p.oid <> 'grid.scaleout_tables()'::regprocedure
               ORDER BY 1 LOOP
        def := grid.citus_body(fn, tabs, dist);
        IF def IS NOT NULL THEN
            EXECUTE def;
            n := n + 1;
        END IF;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.functions_for_citus() IS
    'administrators, on a distributed grid (grid.distribute; again after ALTER EXTENSION grid UPDATE): rewrite the SQL functions of grid that Citus cannot run as they are (grid.citus_body); returns how many';
REVOKE EXECUTE ON FUNCTION grid.functions_for_citus() FROM PUBLIC;

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
    failed text;
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
    -- grid on every worker, at this database's version: Citus creates it
    -- there when the extension is created after citus, but not for a
    -- database that had grid before citus (an existing one, or a copy).
    -- The keys below are dropped from the workers' tables: grid must be
    -- there first, and this transaction cannot create it there (Citus
    -- would create its dependencies again beside it).
    SELECT string_agg(w.nodename || ':' || w.nodeport || ' ' || coalesce(nullif(w.result, ''), 'none'), '; ') INTO failed
      FROM run_command_on_workers('SELECT extversion FROM pg_catalog.pg_extension WHERE extname = ''grid''') w
     WHERE NOT w.success OR w.result IS DISTINCT FROM (SELECT e.extversion FROM pg_extension e WHERE e.extname = 'grid');
    IF failed IS NOT NULL THEN
        RAISE EXCEPTION 'grid is not installed on every worker at this version'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'Workers and their grid: ' || left(failed, 500) || '.',
                  HINT = 'Create grid at this version in the database on every worker (CREATE EXTENSION grid), then distribute.';
    END IF;
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
        IF fk.target <> ALL (tabs) THEN
            -- A distributed table's key to a table that stays on the
            -- coordinator (grid.health_report's to grid.channel): Citus
            -- cannot keep it.  The cluster takes no report, so the key is
            -- left out, not moved.
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

    -- SQL functions Citus cannot run as they are, rewritten.
    PERFORM grid.functions_for_citus();
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
    'superusers on a Citus coordinator with workers, grid on each: make the tables of grid.scaleout_tables() reference or distributed tables (by resident ID), with policies Citus accepts, and rewrite the SQL functions Citus cannot run as they are (grid.functions_for_citus); the scopes become a reference table, written on every node in one transaction; returns each table and what it became';
REVOKE EXECUTE ON FUNCTION grid.distribute() FROM PUBLIC;
