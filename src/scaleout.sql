-- Scale-out: a grid database on a Citus cluster.
--
-- grid.distribute(), run once by a superuser on the coordinator after
-- citus_add_node, turns the tables of a grid database into Citus tables:
--   - distributed by resident ID, co-located: grid.resident and the tables
--     keyed by a resident (grid.scaleout_tables() lists them with their
--     key), so that a person's row and events live on one shard and a
--     look-up by ID reads one shard;
--   - reference tables (a copy on every node): the scopes, the division
--     registry, the map, addresses and households, work units, and the
--     key-person entries (grid.key_person, about 1 % of the residents): the
--     key-person list reads them by place, which on a distributed table
--     is a Citus task per shard (473 ms instead of 16 at 200,000
--     residents with 32 shards), and reads the coordinator's copy as one
--     node reads its table;
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
                   (11, 'grid.key_person', 'reference', NULL)) AS t(n, tbl, kind, key)
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
-- table but the scopes: it runs on the shards, as the role Citus connects
-- as, and refuses every row but those grid.citus_store_reports writes (a
-- superuser, in a transaction that set grid_citus.store; see below).
-- VOLATILE: a trigger.
CREATE FUNCTION grid.refuse_on_citus() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') AND current_setting('grid_citus.store', true) = 'on'
       AND (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'grid on Citus does not write rows of %.%', TG_TABLE_SCHEMA, regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '')
        USING ERRCODE = 'feature_not_supported',
              DETAIL = 'The daily facts follow the registry through triggers, which would run on the workers, away from the facts on the coordinator; only ingestion (grid.ingest_app and the other channels'' readers) keeps them on the cluster, applying them on the coordinator.',
              HINT = 'Ingest reports through grid.ingest_app (or another channel''s reader); load and change the registry on a single-node database, then distribute it.';
END
$$;
COMMENT ON FUNCTION grid.refuse_on_citus() IS
    'trigger of grid.distribute() on every table it makes a Citus table but grid.access_scope: refuse every row written (0A000), since the daily facts that follow the registry stay on the coordinator, but the rows grid.citus_store_reports writes (a superuser in a transaction that set grid_citus.store)';

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
--     theirs; the key-person entries are written through Citus on every
--     copy in one transaction, the coordinator's by local execution, which
--     a read of that copy in the same transaction sees; the scopes, which
--     are written, are still read through Citus.
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

-- ------------------------------------------------ look-ups by ID on the cluster
--
-- The look-up functions (grid.find_resident) run as grid_lookup for their
-- caller (SECURITY DEFINER): on one node the residents' policies follow
-- the acting role, but Citus reads the shards as grid_lookup, and a
-- worker knows no other role, so grid.scored_candidates is refused there
-- (grid.citus_rows).  On a distributed grid grid.find_resident reads its
-- candidates through grid.citus_scored_candidates instead
-- (grid.functions_for_citus): the residents of the ID given are read by
-- grid.citus_resident_rows, by ID (one shard each), and kept only where
-- the residents' SELECT policy passes for the acting role, evaluated on
-- the coordinator against its copy of the scopes, as the shard of one
-- node would evaluate it for grid_lookup.  Look-ups by ID only: a name
-- or a phone read from the shards is refused (0A000).

-- The residents with one of the IDs given, or (id14) whose ID begins with
-- those 14 digits, that the acting role's policies let it read; 42501
-- unless it holds SELECT on grid.resident.  SECURITY DEFINER: run by the
-- owner, a superuser, whom the shards show every row; the acting role's
-- policy is applied here (the residents' SELECT policies, permissive ones
-- ORed, restrictive ones ANDed, as PostgreSQL combines them).  Only the
-- look-up functions call it (EXECUTE to grid_lookup).  STABLE: reads
-- tables.
CREATE FUNCTION grid.citus_resident_rows(ids grid.resident_id[], id14 text DEFAULT NULL)
    RETURNS SETOF grid.resident
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found jsonb;
    more jsonb;
    perm text;
    restr text;
BEGIN
    PERFORM grid.require_registry_reader();
    SELECT pg_catalog.string_agg('(' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')', ' OR ') FILTER (WHERE p.polpermissive),
           pg_catalog.string_agg('(' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')', ' AND ') FILTER (WHERE NOT p.polpermissive)
      INTO perm, restr
      FROM pg_catalog.pg_policy p
     WHERE p.polrelid = 'grid.resident'::regclass AND p.polcmd IN ('r', '*') AND p.polqual IS NOT NULL
       AND (p.polroles = '{0}' OR grid.acting_role() = ANY (p.polroles)
            OR EXISTS (SELECT FROM pg_catalog.unnest(p.polroles) o(r) WHERE pg_catalog.pg_has_role(grid.acting_role(), o.r, 'MEMBER')));
    IF NOT (SELECT c.relrowsecurity FROM pg_catalog.pg_class c WHERE c.oid = 'grid.resident'::regclass) THEN
        perm := 'true';
    END IF;
    IF coalesce(pg_catalog.cardinality(ids), 0) > 0 THEN
        EXECUTE 'SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x)) FROM grid.resident x WHERE x.id OPERATOR(grid.=) ANY ($1)'
           INTO found USING ids;
    END IF;
    IF id14 IS NOT NULL THEN
        EXECUTE 'SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x)) FROM grid.resident x WHERE grid.id_prefix(x.id) = $1'
           INTO more USING id14;
        found := coalesce(found, '[]') || coalesce(more, '[]');
    END IF;
    IF found IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format('SELECT DISTINCT ON (x.id) x.* FROM pg_catalog.jsonb_populate_recordset(NULL::grid.resident, $1) x
                                  WHERE (%s)%s ORDER BY x.id',
                                coalesce(perm, 'false'), coalesce(' AND ' || restr, ''))
        USING found;
END
$$;
COMMENT ON FUNCTION grid.citus_resident_rows(grid.resident_id[], text) IS
    'on a distributed grid, for the look-up functions: the residents with one of the IDs given (one shard each) or whose ID begins with id14, that the acting role''s row-level security lets it read (the residents'' SELECT policies evaluated on the coordinator); 42501 without SELECT on grid.resident. STABLE: reads tables';
REVOKE EXECUTE ON FUNCTION grid.citus_resident_rows(grid.resident_id[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.citus_resident_rows(grid.resident_id[], text) TO grid_lookup;

-- The structured address of a standard address, as the acting role reads
-- it (NULL when it does not see it): on a distributed grid it reads the
-- coordinator's copy of grid.standard_address (grid.citus_body).  STABLE:
-- reads a table.
CREATE FUNCTION grid.citus_address_parts(address bigint) RETURNS grid.address_parts
    LANGUAGE sql STABLE PARALLEL SAFE
    -- the row through JSON: on the cluster the table read is the
    -- coordinator's copy, of a row type of its own
    RETURN (SELECT grid.address_parts(pg_catalog.jsonb_populate_record(NULL::grid.standard_address, pg_catalog.to_jsonb(a)))
              FROM grid.standard_address a WHERE a.id = citus_address_parts.address);
COMMENT ON FUNCTION grid.citus_address_parts(bigint) IS
    'the structured address (grid.address_parts) of a standard address the acting role sees, else NULL; for grid.citus_scored_candidates. STABLE: reads grid.standard_address';

-- grid.scored_candidates for a look-up by ID on a distributed grid: the
-- same candidates (the registered ID alone when the caller sees it; else
-- the IDs one typo away and those of the same address code and birth date,
-- at most per_key of each), scored by grid.match_weights in the same
-- order, read through grid.citus_resident_rows.  A record with a name or
-- a phone whose ID the caller does not see would need the shards read by
-- name or phone: refused (0A000).  The same candidates as
-- grid.resident_candidates and grid.scored_candidates as written in
-- 0.2.0: grid.functions_for_citus makes grid.find_resident call it only
-- while their text is the one this was written for (their md5).
-- SECURITY INVOKER: called by grid.find_resident as grid_lookup.
-- STABLE: reads tables.
CREATE FUNCTION grid.citus_scored_candidates(r grid.match_record, max_results integer DEFAULT 5, per_key integer DEFAULT 50)
    RETURNS TABLE (resident_id grid.resident_id, name text, division grid.division_code,
                   score real, explanation jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rows grid.resident[];
    cand jsonb;
BEGIN
    IF (r).id IS NULL AND (r).id14 IS NULL AND (r).id_near IS NULL THEN
        RAISE EXCEPTION 'grid on Citus looks people up by ID only'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'A look-up by name, phone or address reads every shard as grid_lookup, under its scopes, not the caller''s.',
                  HINT = 'Give the ID number, or look up on a single-node copy of the database.';
    END IF;
    rows := ARRAY(SELECT x FROM grid.citus_resident_rows(ARRAY[(r).id] || coalesce((r).id_near, '{}'), NULL) x);
    IF (r).id IS NOT NULL AND EXISTS (SELECT FROM pg_catalog.unnest(rows) x WHERE x.id OPERATOR(grid.=) (r).id) THEN
        -- a registered ID the caller sees answers alone
        cand := pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('id', (r).id, 'keys', '{id}'::text[]));
    ELSIF (r).name_fuzzy IS NOT NULL OR (r).phone IS NOT NULL THEN
        RAISE EXCEPTION 'grid on Citus looks people up by ID only'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'No resident you see has this ID; a look-up by name or phone reads every shard as grid_lookup, under its scopes, not the caller''s.',
                  HINT = 'Give the ID number alone, or look up on a single-node copy of the database.';
    ELSE
        IF (r).id14 IS NOT NULL THEN
            rows := rows || ARRAY(SELECT x FROM grid.citus_resident_rows('{}', (r).id14) x);
        END IF;
        SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', c.id, 'keys', c.keys)) INTO cand
          FROM (SELECT c.id, pg_catalog.array_agg(DISTINCT c.k ORDER BY c.k) AS keys
                  FROM ((SELECT x.id, 'id_prefix' AS k FROM pg_catalog.unnest(rows) x
                          WHERE grid.id_prefix(x.id) = (r).id14 LIMIT per_key)
                        UNION ALL
                        (SELECT x.id, 'id_edit' FROM pg_catalog.unnest(rows) x
                          WHERE x.id OPERATOR(grid.=) ANY ((r).id_near) LIMIT per_key)) c
                 GROUP BY c.id) c;
    END IF;
    IF cand IS NULL THEN
        RETURN;
    END IF;
    -- grid.scored_candidates: no key here is a phone, so no phone holders
    RETURN QUERY
    SELECT h.id, h.name, h.division, (w.e ->> 'score')::real, w.e || pg_catalog.jsonb_build_object('keys', h.keys)
      FROM (SELECT DISTINCT ON (x.id) x, x.id, x.name, x.division, c.keys
              FROM pg_catalog.unnest(rows) x
              JOIN pg_catalog.jsonb_to_recordset(cand) AS c(id grid.resident_id, keys text[]) ON c.id OPERATOR(grid.=) x.id
             ORDER BY x.id) h
     CROSS JOIN LATERAL (SELECT grid.match_weights(r, h.x, grid.citus_address_parts((h.x).address_id), 0) AS e) w
     ORDER BY 4 DESC, 1
     LIMIT max_results;
END
$$;
COMMENT ON FUNCTION grid.citus_scored_candidates(grid.match_record, integer, integer) IS
    'on a distributed grid, grid.scored_candidates for a look-up by ID (grid.find_resident calls it there, grid.functions_for_citus): the same candidates, scored the same way, read by ID through grid.citus_resident_rows under the acting role''s row-level security; 0A000 for a look-up that would read the shards by name or phone. STABLE: reads tables';
REVOKE EXECUTE ON FUNCTION grid.citus_scored_candidates(grid.match_record, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.citus_scored_candidates(grid.match_record, integer, integer) TO grid_lookup;

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
    -- the screening report, while it is the one grid.citus_screening was
    -- written for (its md5), without a setting: it reads the shards only
    -- through grid.citus_rows, so that PostgreSQL may inline it (a SQL function run on its own does
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
    -- the look-up by ID (grid.citus_scored_candidates), while the
    -- candidates are the ones it was written for: grid.find_resident as it
    -- is, its candidates read through it
    IF (SELECT md5(string_agg(p.prosrc, '' ORDER BY p.oid::regprocedure::text)) FROM pg_proc p
         WHERE p.oid IN ('grid.resident_candidates(grid.match_record, integer)'::regprocedure,
                         'grid.scored_candidates(grid.match_record, integer, integer)'::regprocedure))
       = 'c3a24b9bf76a4675ec496330ae9cc941'
       AND (SELECT count(*) FROM pg_proc p CROSS JOIN LATERAL regexp_matches(p.prosrc, '\mgrid\.scored_candidates\(', 'g')
             WHERE p.oid = 'grid.find_resident(text, text, text, text, integer, date)'::regprocedure) = 1 THEN
        EXECUTE (SELECT replace(pg_get_functiondef(p.oid), 'grid.scored_candidates(', 'grid.citus_scored_candidates(')
                   FROM pg_proc p WHERE p.oid = 'grid.find_resident(text, text, text, text, integer, date)'::regprocedure);
        n := n + 1;
    END IF;
    -- the step store of ingestion: the reports through
    -- grid.citus_store_reports, which keeps their days and facts on the
    -- coordinator (grid.citus_ingest_store)
    IF (SELECT md5(p.prosrc) FROM pg_proc p
         WHERE p.oid = 'grid.ingest_store(bigint, text, text, numeric, integer, grid.division_code, bigint, bigint)'::regprocedure)
       = 'e33802bbb5e742622e8d22b030983861' THEN
        CREATE OR REPLACE FUNCTION grid.ingest_store(batch bigint, chan text, stores text, fever_at numeric, obs_days integer,
                                                     own grid.division_code, n_valid bigint, n_linked bigint,
                                                     OUT reports bigint, OUT fevers bigint, OUT new_key_persons bigint,
                                                     OUT others bigint, OUT review bigint)
            LANGUAGE plpgsql VOLATILE
            SET search_path = pg_catalog, pg_temp
            AS $f$
BEGIN
    SELECT s.reports, s.fevers, s.new_key_persons, s.others, s.review INTO reports, fevers, new_key_persons, others, review
      FROM grid.citus_ingest_store(batch, chan, stores, fever_at, obs_days, own, n_valid, n_linked) s;
END
$f$;
        n := n + 1;
    END IF;
    -- the step link, the same way (grid.citus_ingest_link)
    IF (SELECT md5(p.prosrc) FROM pg_proc p WHERE p.oid = 'grid.ingest_link(bigint, bigint)'::regprocedure)
       = '0e723e72c6cd01ad4c87ffb8f151e1ce' THEN
        CREATE OR REPLACE FUNCTION grid.ingest_link(batch bigint, n_valid bigint) RETURNS bigint
            LANGUAGE plpgsql VOLATILE
            SET search_path = pg_catalog, pg_temp
            AS 'BEGIN RETURN grid.citus_ingest_link(batch, n_valid); END';
        n := n + 1;
    END IF;
    -- the step validate: it updates the work table from grid.resident (a
    -- name that is not the ID's resident's), which Citus 13.2 plans by
    -- wrapping the residents in a subquery and, under row-level security,
    -- crashes the coordinator doing so; the residents of the batch's IDs
    -- are read first instead (grid.citus_residents_by_id), while the step
    -- is written as it was for this (the statement found as it is)
    def := (SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.oid = 'grid.ingest_validate(text)'::regprocedure);
    IF strpos(def, E'      FROM grid.resident x\n     WHERE x.id OPERATOR(grid.=) r.rid AND') > 0 THEN
        EXECUTE replace(def, E'      FROM grid.resident x\n     WHERE x.id OPERATOR(grid.=) r.rid AND',
                        E'      FROM grid.citus_residents_by_id(ARRAY(SELECT q.rid FROM pg_temp.ops_rec q WHERE q.rid IS NOT NULL)) x\n'
                        '     WHERE x.id OPERATOR(grid.=) r.rid AND');
        n := n + 1;
    END IF;
    -- the step callee (voice), the same way: the callees read first
    -- (grid.citus_residents_by_id) rather than joined from the shards to
    -- the work table, which Citus refuses, while the step is written as it
    -- was for this (both statements found as they are)
    def := (SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.oid = 'grid.ingest_callee(bigint)'::regprocedure);
    IF (SELECT count(*) FROM regexp_matches(def, '\mgrid\.resident x\M', 'g')) = 2
       AND strpos(def, 'LEFT JOIN grid.resident x ON x.id OPERATOR(grid.=) c.callee_id') > 0 THEN
        EXECUTE regexp_replace(def, '\mgrid\.resident x\M',
                               'grid.citus_residents_by_id(ARRAY(SELECT q.callee_id FROM pg_temp.ops_callee q WHERE q.callee_id IS NOT NULL)) x', 'g');
        n := n + 1;
    END IF;
    -- the place of a row filed without one (grid.place_from_resident, a
    -- trigger of the tables that stay on the coordinator, grid.unreached
    -- and grid.service_request): its look-up of the resident, a query
    -- with the trigger's row as parameters, Citus cannot send to a worker
    -- ("could not determine data type of parameter"); bound with EXECUTE,
    -- and the caller's scope checked on the coordinator (the trigger runs
    -- as its owner, whom a worker would answer as an administrator), while
    -- the trigger is the one this was written for (its md5)
    IF (SELECT md5(p.prosrc) FROM pg_proc p WHERE p.oid = 'grid.place_from_resident()'::regprocedure)
       = '85aac95c56e06b885ac86874494ebae0' THEN
        CREATE OR REPLACE FUNCTION grid.place_from_resident() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp
        AS $f$
DECLARE
    p grid.division_code;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    EXECUTE 'SELECT r.place FROM grid.resident r WHERE r.id OPERATOR(grid.=) $1 AND r.division OPERATOR(grid.=) $2'
       INTO p USING NEW.resident_id, NEW.division;
    NEW.place := CASE WHEN p IS NOT NULL AND grid.in_my_scope(p) THEN p ELSE NEW.division END;
    RETURN NEW;
END
$f$;
        n := n + 1;
    END IF;
    -- key-person entries added or closed by hand: only ingestion writes
    -- grid.key_person on the cluster, keeping its facts on the coordinator
    -- (grid.citus_store_reports); the functions refuse (0A000) before
    -- writing, rather than fail on a worker with another error
    FOR fn IN SELECT p.oid::regprocedure FROM pg_proc p
               WHERE p.oid IN ('grid.add_key_person(grid.resident_id, text, text, date, date)'::regprocedure,
                               'grid.close_key_person(grid.resident_id, bigint, text)'::regprocedure)
                 AND p.prosrc !~ 'grid on Citus' LOOP
        def := pg_get_functiondef(fn);
        EXECUTE left(def, strpos(def, 'AS $function$') - 1) || ' AS '
                || quote_literal('BEGIN
    RAISE EXCEPTION ''grid on Citus does not write key-person entries by hand''
        USING ERRCODE = ''feature_not_supported'',
              DETAIL = ''On a distributed grid only ingestion (the fever rule) writes grid.key_person, keeping its facts on the coordinator.'',
              HINT = ''Add and close key persons on a single-node database.'';
END');
        n := n + 1;
    END LOOP;
    -- grid.submit: it reads its records against the shards joined with
    -- its own work tables, which Citus refuses with its own words; it
    -- refuses (0A000) at its start instead, naming what runs on the
    -- cluster (the channel's staging table and reader)
    IF (SELECT p.prosrc !~ 'grid.submit does not run on a distributed grid' FROM pg_proc p
         WHERE p.oid = 'grid.submit(text, jsonb)'::regprocedure) THEN
        def := pg_get_functiondef('grid.submit(text, jsonb)'::regprocedure);
        EXECUTE left(def, strpos(def, 'AS $function$') - 1) || ' AS '
                || quote_literal('BEGIN
    RAISE EXCEPTION ''grid.submit does not run on a distributed grid''
        USING ERRCODE = ''feature_not_supported'',
              DETAIL = ''Its records are read against the residents in one query with its work tables, which Citus does not run.'',
              HINT = ''Stage the records in the channel''''s table (grid.stage_app, grid.stage_sms, grid.stage_voice or grid.stage_proxy) and run its reader (grid.ingest_app(), grid.ingest_sms(), grid.ingest_voice() or grid.ingest_proxy()) through the coordinator.'';
END');
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
        IF (SELECT s.kind FROM grid.scaleout_tables() s WHERE s.tbl = fk.rel) = 'reference'
           AND (SELECT s.kind FROM grid.scaleout_tables() s WHERE s.tbl = fk.target) = 'distributed' THEN
            -- A reference table's key to a distributed one (grid.key_person's
            -- to grid.resident): Citus cannot keep it.  Left out: the cluster
            -- writes key-person entries only through functions that read the
            -- resident first (grid.citus_store_reports).
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
        IF t.tbl = 'grid.key_person'::regclass THEN
            -- Its numbers come from its sequence on the coordinator, and
            -- only grid.citus_store_reports writes it (grid.refuse_on_citus
            -- refuses everyone else): the check that a caller wrote no
            -- number of its own (grid.numbered_by_sequence) would run on
            -- the coordinator's copy for the acting role, and refuse the
            -- numbers Citus drew.  Off.
            ALTER TABLE grid.key_person DISABLE TRIGGER numbered_by_sequence;
        END IF;
        IF t.kind = 'distributed' OR t.tbl = 'grid.key_person'::regclass THEN
            -- The AFTER triggers that keep the days and the facts would run
            -- on the shards (and on every copy of grid.key_person), away
            -- from the facts, and fail there ("could not find named
            -- tuplestore"): off.  The rows the cluster
            -- writes (grid.citus_store_reports) have their days and facts
            -- applied on the coordinator.
            FOR trig IN SELECT g.tgname FROM pg_trigger g
                         WHERE g.tgrelid = t.tbl AND NOT g.tgisinternal AND g.tgtype & 66 = 0 AND g.tgenabled <> 'D'
                         ORDER BY g.tgname LOOP
                EXECUTE format('ALTER TABLE %s DISABLE TRIGGER %I', t.tbl, trig);
            END LOOP;
        END IF;
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

-- ------------------------------------------------ ingestion on the cluster
--
-- On a distributed grid the reports, the residents' days and the
-- key-person entries live on the workers' shards, and the facts that follow
-- them on the coordinator; the triggers that keep the days and the facts
-- would run on the shards (grid.distribute() turns them off there).  The
-- app channel's batches (grid.ingest_app, grid.submit('app', ...)) store
-- their reports through grid.citus_store_reports instead, which writes the
-- reports, applies their days and the facts on the coordinator from the
-- rows the inserts return, in the same transaction, with the grouping
-- functions the triggers use (grid.cell_day_add, grid.key_person_day_add,
-- grid.resident_screened and grid.household_screened, whose own triggers
-- run on the coordinator).  Only it writes on the cluster: the shards'
-- trigger grid.refuse_on_citus lets a row through only for a superuser in
-- a transaction that set grid_citus.store (SET LOCAL, which Citus sends to
-- the workers with citus.propagate_set_commands = local); a role that is
-- not a superuser is refused whatever it sets.

-- The reports of a batch, as a JSON array of objects with the columns of
-- grid.health_report that ingestion writes (resident_id, channel,
-- report_minute, reported_at, temperature, symptoms, fever, division,
-- cell, link_method, reported_by, batch_id, place), each stored once
-- (identical records are duplicates), the fever rule applied to those
-- stored (a fever_unexcluded entry of obs_days, unless one is open), and
-- their days (grid.health_day) and facts kept.  Every report must be of a
-- resident filed under that division at that place, in the acting role's
-- scope (42501 otherwise, the same error whether or not the resident
-- exists), and the acting role must hold INSERT on grid.health_report.
-- One batch at a time on the coordinator: the days are read, then
-- written.  Returns reports stored, of them fevers, entries opened.
-- SECURITY DEFINER: a superuser's connections write the shards (see
-- above); it checks the scope itself.  VOLATILE: writes.
CREATE FUNCTION grid.citus_store_reports(chan text, obs_days integer, batch_reports jsonb,
                                         OUT reports bigint, OUT fevers bigint, OUT new_key_persons bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET citus.propagate_set_commands = 'local'
AS $$
DECLARE
    ids grid.resident_id[];
    res jsonb;
    bad bigint;
    stored jsonb;
    old_days jsonb;
    new_days jsonb;
    days jsonb;
    changes jsonb;
    kp jsonb;
    kp_ids grid.resident_id[];
    readings jsonb;
    opener constant text := (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid = grid.acting_role());
    unknown text;
BEGIN
    reports := 0; fevers := 0; new_key_persons := 0;
    -- Only where the reports' own triggers are off (grid.distribute): on
    -- one node they keep the days and facts, which would count twice.
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger g
                    WHERE g.tgrelid = 'grid.health_report'::regclass AND g.tgname = 'health_day_add' AND g.tgenabled = 'D') THEN
        RAISE EXCEPTION 'grid is not distributed'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'grid.citus_store_reports stores reports on a Citus cluster, where the triggers that keep the days and the facts are off.',
                  HINT = 'On one node, ingest through the channels'' readers (grid.ingest_app).';
    END IF;
    -- Only what it keeps: a trigger it does not know on these tables
    -- (facts added since it was written) would be left out, so refused.
    SELECT pg_catalog.string_agg(g.tgrelid::regclass::text || '.' || g.tgname, ', ' ORDER BY g.tgrelid, g.tgname) INTO unknown
      FROM pg_catalog.pg_trigger g
     WHERE g.tgrelid IN ('grid.health_report'::regclass, 'grid.health_day'::regclass, 'grid.key_person'::regclass)
       AND NOT g.tgisinternal AND g.tgtype & 66 = 0
       AND g.tgname NOT IN ('health_day_add', 'health_day_update', 'health_day_delete', 'health_day_truncate',
                            'cell_day_insert', 'cell_day_update', 'cell_day_delete', 'screened_insert', 'screened_delete',
                            'facts_truncate', 'village_facts_truncate',
                            'key_person_fact_insert', 'key_person_fact_update', 'key_person_fact_delete',
                            'key_person_reading_insert', 'key_person_reading_update', 'key_person_reading_delete',
                            'key_person_entries_insert', 'key_person_entries_update', 'key_person_entries_delete',
                            'key_person_facts_truncate');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'grid on Citus does not keep what some triggers of the reports keep'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'Triggers grid.citus_store_reports does not apply on the coordinator: ' || pg_catalog.left(unknown, 300) || '.',
                  HINT = 'Ingest on a single-node database until grid.citus_store_reports keeps them.';
    END IF;
    IF NOT pg_catalog.has_table_privilege(grid.acting_role(), 'grid.health_report', 'INSERT') THEN
        RAISE EXCEPTION 'permission denied to store health reports'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The acting role holds no INSERT privilege on grid.health_report.';
    END IF;
    IF NOT EXISTS (SELECT FROM grid.channel c WHERE c.code = chan) THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF batch_reports IS NULL OR pg_catalog.jsonb_array_length(batch_reports) = 0 THEN
        RETURN;
    END IF;
    -- one batch at a time; residents whose place changes commit first
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], 2);
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    SELECT pg_catalog.array_agg(DISTINCT r.resident_id) INTO ids
      FROM pg_catalog.jsonb_to_recordset(batch_reports) AS r(resident_id grid.resident_id);
    -- the residents as the registry holds them (one query of the shards)
    EXECUTE 'SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(''id'', r.id, ''division'', r.division, ''place'', r.place,
                                         ''status'', r.status, ''household_id'', r.household_id,
                                         ''name'', r.name, ''cell'', r.cell))
               FROM grid.resident r WHERE r.id OPERATOR(grid.=) ANY ($1)'
       INTO res USING ids;
    -- each report of a resident filed under the resident's village and
    -- place, which the acting role covers
    SELECT count(*) INTO bad
      FROM pg_catalog.jsonb_to_recordset(batch_reports) AS b(resident_id grid.resident_id, division grid.division_code, place grid.division_code)
     WHERE b.place IS NULL OR NOT grid.in_my_scope(b.place)
        OR NOT EXISTS (SELECT FROM pg_catalog.jsonb_to_recordset(res) AS x(id grid.resident_id, division grid.division_code, place grid.division_code)
                        WHERE x.id OPERATOR(grid.=) b.resident_id AND x.division OPERATOR(grid.=) b.division
                          AND x.place OPERATOR(grid.=) b.place);
    IF bad > 0 THEN
        RAISE EXCEPTION 'health report outside your jurisdiction'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Every report must be of a resident you see, filed under the resident''s village and place.';
    END IF;

    -- in a DO block: Citus sends a SET LOCAL to the workers only inside a
    -- transaction block, a DO block or a nested function call, and this
    -- function may be the statement itself
    EXECUTE 'DO $d$ BEGIN SET LOCAL grid_citus.store = on; END $d$';
    WITH ins AS (
        INSERT INTO grid.health_report AS h (resident_id, channel, report_minute, reported_at, temperature, symptoms,
                                             fever, division, cell, link_method, reported_by, batch_id, place)
        SELECT b.resident_id, chan, b.report_minute, b.reported_at, b.temperature, coalesce(b.symptoms, '{}'),
               coalesce(b.fever, false), b.division, b.cell, b.link_method, b.reported_by, b.batch_id, b.place
          FROM pg_catalog.jsonb_to_recordset(batch_reports)
               AS b(resident_id grid.resident_id, report_minute timestamptz, reported_at timestamptz, temperature numeric,
                    symptoms text[], fever boolean, division grid.division_code, cell grid.division_code, link_method text,
                    reported_by text, batch_id bigint, place grid.division_code, seq bigint)
         ORDER BY 1, 3, 5, 6, b.reported_at, b.seq     -- of identical records, the earliest stays
        ON CONFLICT DO NOTHING
        RETURNING h.resident_id, h.division, h.fever, h.reported_at, h.temperature, h.place
    )
    SELECT pg_catalog.jsonb_agg(i) INTO stored FROM ins i;
    IF stored IS NULL THEN
        EXECUTE 'DO $d$ BEGIN SET LOCAL grid_citus.store = off; END $d$';
        RETURN;
    END IF;
    SELECT count(*), count(*) FILTER (WHERE s.fever) INTO reports, fevers
      FROM pg_catalog.jsonb_to_recordset(stored) AS s(fever boolean);

    -- Their days (grid.health_day_add's grouping), the days before and
    -- after, of these residents.
    SELECT pg_catalog.jsonb_agg(g) INTO days FROM (
        SELECT grid.report_day(a.reported_at) AS day, a.resident_id, a.division, count(*)::integer AS reports,
               bool_or(a.fever) AS fever, bit_or(ch.bit) AS channels, max(a.reported_at) AS last_at,
               (pg_catalog.array_agg(a.place ORDER BY a.reported_at DESC, a.place DESC))[1] AS place
          FROM pg_catalog.jsonb_to_recordset(stored)
               AS a(resident_id grid.resident_id, division grid.division_code, fever boolean, reported_at timestamptz,
                    place grid.division_code)
          JOIN grid.channel ch ON ch.code = chan
         GROUP BY 2, 1, 3 ORDER BY 2, 1, 3) g;
    EXECUTE 'SELECT pg_catalog.jsonb_agg(d) FROM grid.health_day d WHERE d.resident_id OPERATOR(grid.=) ANY ($1)'
       INTO old_days USING ids;
    WITH up AS (
        INSERT INTO grid.health_day AS d (day, resident_id, division, reports, fever, channels, last_at, place)
        SELECT g.day, g.resident_id, g.division, g.reports, g.fever, g.channels, g.last_at, g.place
          FROM pg_catalog.jsonb_to_recordset(days)
               AS g(day date, resident_id grid.resident_id, division grid.division_code, reports integer, fever boolean,
                    channels smallint, last_at timestamptz, place grid.division_code)
         ORDER BY 2, 1, 3
        ON CONFLICT (resident_id, day, division) DO UPDATE
           SET reports = d.reports + excluded.reports,
               fever = d.fever OR excluded.fever,
               channels = d.channels | excluded.channels,
               last_at = greatest(d.last_at, excluded.last_at),
               place = CASE WHEN (excluded.last_at, excluded.place::bigint) > (d.last_at, d.place::bigint)
                            THEN excluded.place ELSE d.place END
        RETURNING d.day, d.resident_id, d.division, d.fever, d.channels
    )
    SELECT pg_catalog.jsonb_agg(u) INTO new_days FROM up u;

    -- grid.cell_day (grid.cell_day_follow): a day added counts +1 at its
    -- resident's place, a day whose fever or channels changed -1 as it
    -- was and +1 as it is, when the resident is counted and the day filed
    -- in the resident's village.
    SELECT pg_catalog.jsonb_agg(g) INTO changes FROM (
        SELECT c.day, r.place, r.division, sum(c.sign)::integer AS reported,
               coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
               grid.reached_count(pg_catalog.array_agg(c.channels), pg_catalog.array_agg(c.sign)) AS reached
          FROM (SELECT n.resident_id, x.day, x.division, x.sign, x.fever, x.channels
                  FROM pg_catalog.jsonb_to_recordset(new_days)
                       AS n(day date, resident_id grid.resident_id, division grid.division_code, fever boolean, channels smallint)
                  LEFT JOIN pg_catalog.jsonb_to_recordset(old_days)
                       AS o(day date, resident_id grid.resident_id, division grid.division_code, fever boolean, channels smallint)
                    ON o.resident_id OPERATOR(grid.=) n.resident_id AND o.day = n.day AND o.division OPERATOR(grid.=) n.division
                 CROSS JOIN LATERAL (VALUES (o.day, o.division, -1, o.fever, o.channels),
                                            (n.day, n.division, 1, n.fever, n.channels)) x(day, division, sign, fever, channels)
                 WHERE x.day IS NOT NULL
                   AND (o.day IS NULL OR o.fever <> n.fever OR o.channels <> n.channels)) c
          JOIN pg_catalog.jsonb_to_recordset(res) AS r(id grid.resident_id, division grid.division_code, place grid.division_code, status text)
            ON r.id OPERATOR(grid.=) c.resident_id AND r.division OPERATOR(grid.=) c.division
         WHERE r.status IN ('resident', 'temporary')
         GROUP BY c.day, r.place, r.division) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;

    -- Residents first screened (grid.screened_follow): a day added with no
    -- earlier day of the resident filed in that village, before or now;
    -- the triggers of grid.resident_screened and grid.household_screened
    -- (on the coordinator) move grid.village_day.
    WITH added AS (
        SELECT n.day, n.resident_id, n.division
          FROM pg_catalog.jsonb_to_recordset(new_days) AS n(day date, resident_id grid.resident_id, division grid.division_code)
         WHERE NOT EXISTS (SELECT FROM pg_catalog.jsonb_to_recordset(old_days) AS o(day date, resident_id grid.resident_id, division grid.division_code)
                            WHERE o.resident_id OPERATOR(grid.=) n.resident_id AND o.day = n.day AND o.division OPERATOR(grid.=) n.division)
    ), first AS (
        SELECT a.* FROM added a
         WHERE NOT EXISTS (SELECT FROM pg_catalog.jsonb_to_recordset(old_days) AS o(day date, resident_id grid.resident_id, division grid.division_code)
                            WHERE o.resident_id OPERATOR(grid.=) a.resident_id AND o.day < a.day AND o.division OPERATOR(grid.=) a.division)
           AND NOT EXISTS (SELECT FROM added e
                            WHERE e.resident_id OPERATOR(grid.=) a.resident_id AND e.day < a.day AND e.division OPERATOR(grid.=) a.division)
    )
    SELECT pg_catalog.jsonb_agg(f) INTO changes
      FROM (SELECT f.day, r.id, r.division, r.household_id
              FROM first f
              JOIN pg_catalog.jsonb_to_recordset(res) AS r(id grid.resident_id, division grid.division_code, status text, household_id bigint)
                ON r.id OPERATOR(grid.=) f.resident_id AND r.division OPERATOR(grid.=) f.division
             WHERE r.status IN ('resident', 'temporary')) f;
    IF changes IS NOT NULL THEN
        INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
        SELECT c.division, c.id, c.day
          FROM pg_catalog.jsonb_to_recordset(changes) AS c(day date, id grid.resident_id, division grid.division_code)
         ORDER BY c.division, c.id
        ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
        INSERT INTO grid.household_screened AS s (division, household_id, first_day)
        SELECT c.division, c.household_id, min(c.day)
          FROM pg_catalog.jsonb_to_recordset(changes) AS c(day date, id grid.resident_id, division grid.division_code, household_id bigint)
         WHERE c.household_id IS NOT NULL
         GROUP BY c.division, c.household_id
         ORDER BY c.division, c.household_id
        ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
    END IF;

    -- The fever rule (grid.ingest_fever_rule) on the reports stored, and
    -- the entries opened counted in grid.key_person_day
    -- (grid.key_person_fact_follow).
    WITH ins AS (
        INSERT INTO grid.key_person AS k (resident_id, category, division, place, period_start, period_end, reason, opened_by)
        SELECT DISTINCT ON (i.resident_id) i.resident_id, 'fever_unexcluded', i.division, i.place,
               grid.report_day(i.reported_at), grid.report_day(i.reported_at) + obs_days,
               pg_catalog.format('%s report of %s °C at %s', chan, i.temperature, i.reported_at), opener
          FROM pg_catalog.jsonb_to_recordset(stored)
               AS i(resident_id grid.resident_id, division grid.division_code, place grid.division_code,
                    reported_at timestamptz, temperature numeric, fever boolean)
         WHERE i.fever
         ORDER BY i.resident_id, i.reported_at
        ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING
        RETURNING k.period_start, k.status, k.closed_at, k.place, k.division, k.category
    )
    SELECT pg_catalog.jsonb_agg(i) INTO kp FROM ins i;
    EXECUTE 'DO $d$ BEGIN SET LOCAL grid_citus.store = off; END $d$';
    IF kp IS NOT NULL THEN
        new_key_persons := pg_catalog.jsonb_array_length(kp);
        SELECT pg_catalog.jsonb_agg(g) INTO changes FROM (
            SELECT e.day, c.place, c.division, c.category, sum(e.begun)::integer AS begun,
                   sum(e.ended)::integer AS ended, sum(e.released)::integer AS released
              FROM pg_catalog.jsonb_to_recordset(kp)
                   AS c(period_start date, status text, closed_at timestamptz, place grid.division_code,
                        division grid.division_code, category text)
             CROSS JOIN LATERAL grid.key_person_events(c.period_start, c.status, c.closed_at) e
             GROUP BY e.day, c.place, c.division, c.category
            HAVING (sum(e.begun), sum(e.ended), sum(e.released)) <> (0, 0, 0)) g;
        IF changes IS NOT NULL THEN
            PERFORM grid.key_person_day_add(changes);
        END IF;
    END IF;

    -- The key-person list's facts (grid.key_person_reading_follow,
    -- grid.key_person_entries_follow): for every resident of the batch
    -- with a key-person entry, the registry's row and each day's latest
    -- reading per place, recounted from the shards (a few residents a
    -- batch: key persons are about 1 % of them).
    EXECUTE 'SELECT pg_catalog.array_agg(DISTINCT k.resident_id) FROM grid.key_person k
              WHERE k.resident_id OPERATOR(grid.=) ANY ($1)'
       INTO kp_ids USING ids;
    IF kp_ids IS NOT NULL THEN
        INSERT INTO grid.key_person_resident AS p (resident_id, place, division, name, cell)
        SELECT r.id, r.place, r.division, r.name, r.cell
          FROM pg_catalog.jsonb_to_recordset(res)
               AS r(id grid.resident_id, place grid.division_code, division grid.division_code, name text, cell text)
         WHERE r.id OPERATOR(grid.=) ANY (kp_ids)
         ORDER BY r.id
        ON CONFLICT (resident_id) DO UPDATE
           SET place = excluded.place, division = excluded.division, name = excluded.name, cell = excluded.cell;
        EXECUTE 'SELECT pg_catalog.jsonb_agg(x) FROM (
                   SELECT DISTINCT ON (h.resident_id, h.place, grid.report_day(h.reported_at))
                          h.resident_id, h.place, grid.report_day(h.reported_at) AS day, h.reported_at, h.channel, h.temperature
                     FROM grid.health_report h
                    WHERE h.resident_id OPERATOR(grid.=) ANY ($1)
                    ORDER BY h.resident_id, h.place, grid.report_day(h.reported_at), h.reported_at DESC, h.channel,
                             h.temperature DESC NULLS LAST) x'
           INTO readings USING kp_ids;
        DELETE FROM grid.key_person_reading f WHERE f.resident_id OPERATOR(grid.=) ANY (kp_ids);
        INSERT INTO grid.key_person_reading (resident_id, place, day, reported_at, channel, temperature)
        SELECT x.resident_id, x.place, x.day, x.reported_at, x.channel, x.temperature
          FROM pg_catalog.jsonb_to_recordset(readings)
               AS x(resident_id grid.resident_id, place grid.division_code, day date, reported_at timestamptz,
                    channel text, temperature numeric)
         ORDER BY 1, 2, 3;
    END IF;
END
$$;
COMMENT ON FUNCTION grid.citus_store_reports(text, integer, jsonb) IS
    'on a distributed grid: store a batch''s health reports (a JSON array of objects of grid.health_report''s columns; identical records once), each of a resident the acting role sees, filed under the resident''s village and place (42501 otherwise), apply the fever rule, and keep the residents'' days and the facts (the key-person list''s too) on the coordinator as the triggers do on one node; returns reports stored, fevers, key-person entries opened; called by every channel''s store step on Citus (grid.citus_ingest_store)';
-- EXECUTE stays with PUBLIC: it checks the privilege and the scope itself.

-- The step store of ingestion (grid.ingest_store) on a distributed grid,
-- which grid.functions_for_citus makes grid.ingest_store call: the
-- linked reports through grid.citus_store_reports; unreached calls,
-- passages and review entries, which stay on the coordinator, as on one
-- node.  VOLATILE: writes.
CREATE FUNCTION grid.citus_ingest_store(batch bigint, chan text, stores text, fever_at numeric, obs_days integer,
                                        own grid.division_code, n_valid bigint, n_linked bigint,
                                        OUT reports bigint, OUT fevers bigint, OUT new_key_persons bigint,
                                        OUT others bigint, OUT review bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- What stays on the coordinator first, while the caller's queries
    -- (its policies on these tables read grid.resident through Citus) may
    -- still read the shards: once grid.citus_store_reports has written
    -- them as its owner, Citus refuses the caller's reads of them in the
    -- same transaction ("modified in this transaction by a different
    -- user").
    -- Calls that reached nobody.
    INSERT INTO grid.unreached (resident_id, channel, report_minute, called_at, outcome, division, phone, batch_id, place)
    SELECT l.resident_id, chan, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at, r.outcome, l.division, r.phone, batch, l.place
      FROM pg_temp.ops_rec r JOIN pg_temp.ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
     WHERE r.reason IS NULL AND r.outcome IN ('no_answer', 'refused')
     ORDER BY 1, 3, 5, 7, r.at, r.seq
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS others = ROW_COUNT;

    -- Passages: every valid one is stored, linked or not.
    IF stores = 'passages' THEN
        INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person, person_key,
                                             resident_id, vehicle_plate, temperature, pass_checked, from_epicentre,
                                             turned_back, division, batch_id)
        SELECT p.checkpoint_id, r.at, pg_catalog.date_trunc('minute', r.at, 'UTC'), p.direction,
               coalesce(r.id_text, r.name), coalesce(l.resident_id::text, r.rid::text, grid.normalize_name(r.name), p.plate),
               l.resident_id, p.plate, pg_catalog.trim_scale(r.temperature), p.pass_checked, p.from_epicentre,
               p.turned_back, p.cp_division, batch
          FROM pg_temp.ops_rec r
          JOIN pg_temp.ops_pass p ON p.seq = r.seq
          LEFT JOIN pg_temp.ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
         WHERE r.reason IS NULL
         ORDER BY 1, 6, 4, 3, 9, 8, 10, 11, 12, r.seq
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS others = ROW_COUNT;
    END IF;

    -- Records no resident could be linked to wait for review.
    review := 0;
    IF n_linked < n_valid AND stores = 'reports' THEN
    INSERT INTO grid.report_review (sender_key, channel, report_minute, reported_at, id_text, phone, name,
                                    temperature, symptoms, outcome, division, cell, reported_by,
                                    best_candidate, best_score, batch_id)
    SELECT coalesce(r.rid::text, r.phone, grid.normalize_name(r.name)), chan,
           pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at, r.rid::text, r.phone, r.name,
           pg_catalog.trim_scale(r.temperature), r.symptoms, r.outcome,
           coalesce(CASE WHEN grid.in_my_scope(grid.parent(r.cell)) THEN grid.parent(r.cell)
                         WHEN grid.in_my_scope(r.cell) THEN r.cell END,
                    r.division, own),
           r.cell, r.reported_by,
           l.resident_id, l.score, batch
      FROM pg_temp.ops_rec r LEFT JOIN pg_temp.ops_link l ON l.seq = r.seq
     WHERE r.reason IS NULL AND (l.seq IS NULL OR l.method IS NULL)
     ORDER BY 1, 3, 5, 6, 7, 11, 8, 9, 10, r.at, r.seq
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS review = ROW_COUNT;
    END IF;

    -- The linked reports, their days and facts.
    SELECT s.reports, s.fevers, s.new_key_persons INTO reports, fevers, new_key_persons
      FROM grid.citus_store_reports(chan, obs_days, (
               SELECT pg_catalog.jsonb_agg(x ORDER BY x.resident_id, x.report_minute, x.temperature, x.symptoms, x.reported_at, x.seq)
                 FROM (SELECT l.resident_id, pg_catalog.date_trunc('minute', r.at, 'UTC') AS report_minute, r.at AS reported_at,
                              pg_catalog.trim_scale(r.temperature) AS temperature, r.symptoms,
                              coalesce(r.temperature >= fever_at, false) AS fever, l.division, r.cell, l.method AS link_method,
                              r.reported_by, batch AS batch_id, l.place, r.seq
                         FROM pg_temp.ops_rec r JOIN pg_temp.ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
                        WHERE r.reason IS NULL AND (r.outcome IS NULL OR r.outcome = 'answered')
                          AND (stores = 'reports' OR r.temperature IS NOT NULL)) x)) s;

END
$$;
COMMENT ON FUNCTION grid.citus_ingest_store(bigint, text, text, numeric, integer, grid.division_code, bigint, bigint) IS
    'ingest step store on a distributed grid (grid.ingest_store calls it there, grid.functions_for_citus): the linked reports through grid.citus_store_reports, which keeps their days and facts on the coordinator; unreached calls, passages and review entries as on one node; returns the counts';

-- The residents with one of the IDs given, as the caller sees them, read
-- by ID through Citus (one shard each): for the steps of ingestion that
-- compare a work table with the registry, which Citus 13.2 cannot plan as
-- a join (grid.functions_for_citus).  SECURITY INVOKER: the caller's
-- row-level security, on the workers.  STABLE: reads a table.
CREATE FUNCTION grid.citus_residents_by_id(ids grid.resident_id[]) RETURNS SETOF grid.resident
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF coalesce(pg_catalog.cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE 'SELECT x.* FROM grid.resident x WHERE x.id OPERATOR(grid.=) ANY ($1)' USING ids;
END
$$;
COMMENT ON FUNCTION grid.citus_residents_by_id(grid.resident_id[]) IS
    'the residents with one of the IDs given that the caller sees, read by ID through Citus; on a distributed grid, for the step validate of ingestion (grid.functions_for_citus). STABLE: reads grid.resident';

-- The step link of ingestion (grid.ingest_link) on a distributed grid,
-- which grid.functions_for_citus makes grid.ingest_link call: the same
-- links, with the residents on the batch's phone numbers read from the
-- shards first (as the caller, under its scopes) rather than joined to
-- the work tables, which Citus refuses ("direct joins between distributed
-- and local tables are not supported").  VOLATILE: creates work tables.
CREATE FUNCTION grid.citus_ingest_link(batch bigint, n_valid bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_linked bigint;
    link_score constant real := 25;     -- grid.link_batch's automatic threshold
    link_margin constant real := 5;     -- and its ambiguity margin
    phones text[];
    found jsonb;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    PERFORM grid.ingest_drop_work('ops_link');
    CREATE TEMP TABLE ops_link (seq bigint, resident_id grid.resident_id, division grid.division_code,
                                method text, score real, place grid.division_code);
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT r.seq, x.id, x.division, x.place, 'id'
      FROM ops_rec r JOIN grid.resident x ON x.id OPERATOR(grid.=) r.rid
     WHERE r.reason IS NULL;

    -- One resident on the number; or, when a name is given, the one
    -- resident on it whose name sounds the same.  The residents on the
    -- batch's numbers are read first, by one query of the shards (Citus
    -- does not join the work tables to them), into pg_temp.ops_phone.
    PERFORM grid.ingest_drop_work('ops_phone');
    CREATE TEMP TABLE ops_phone (id grid.resident_id, division grid.division_code, place grid.division_code,
                                 name_fuzzy text, phone1 text, phone2 text);
    SELECT pg_catalog.array_agg(DISTINCT r.phone) INTO phones
      FROM ops_rec r
     WHERE r.reason IS NULL AND r.phone IS NOT NULL AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq);
    IF phones IS NOT NULL THEN
        EXECUTE 'SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(''id'', x.id, ''division'', x.division, ''place'', x.place,
                                             ''name_fuzzy'', x.name_fuzzy, ''phone1'', x.phones[1], ''phone2'', x.phones[2]))
                   FROM grid.resident x WHERE x.phones[1] = ANY ($1) OR x.phones[2] = ANY ($1)'
           INTO found USING phones;
        INSERT INTO ops_phone
        SELECT * FROM pg_catalog.jsonb_to_recordset(coalesce(found, '[]'))
                   AS f(id grid.resident_id, division grid.division_code, place grid.division_code, name_fuzzy text,
                        phone1 text, phone2 text);
    END IF;
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT c.seq, c.id, c.division, c.place, 'phone'
      FROM (SELECT c.*, count(*) OVER w AS n, count(*) FILTER (WHERE c.same_name) OVER w AS n_same
              FROM (SELECT DISTINCT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy AS same_name,
                           r.name_fuzzy IS NULL AS no_name
                      FROM ops_rec r
                      JOIN ops_phone x ON x.phone1 = r.phone
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)
                    UNION
                    SELECT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy,
                           r.name_fuzzy IS NULL
                      FROM ops_rec r
                      JOIN ops_phone x ON x.phone2 = r.phone
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)) c
            WINDOW w AS (PARTITION BY c.seq)) c
     WHERE (c.no_name AND c.n = 1) OR (c.same_name AND c.n_same = 1);

    -- What is left with a name or an ID: scored candidates, as
    -- grid.find_resident ranks them (one audit row for the batch).
    -- Skipped when every valid record is linked already.
    SELECT count(*) INTO n_linked FROM ops_link;
    IF n_linked < n_valid THEN
    -- All the batch's records in one call, so that the look-up is planned
    -- once, not once per record.
    INSERT INTO ops_link (seq, resident_id, division, method, score, place)
    WITH todo AS MATERIALIZED (
        SELECT row_number() OVER (ORDER BY r.seq)::integer AS i, r.seq,
               grid.match_record(r.id_text, r.name, r.phone,
                                 grid.division_path(CASE WHEN grid.level(r.division) = 'grid' THEN grid.parent(r.division)
                                                         ELSE r.division END, '')) AS m
          FROM ops_rec r
         WHERE r.reason IS NULL AND (r.name IS NOT NULL OR r.rid IS NOT NULL)
           AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)
    ), ranked AS (
        SELECT c.record, c.resident_id, c.division, c.score,
               row_number() OVER w AS rank, lead(c.score) OVER w AS second
          FROM grid.batch_candidates('ingest', batch, (SELECT pg_catalog.array_agg(t.m ORDER BY t.i) FROM todo t), 2) c
        WINDOW w AS (PARTITION BY c.record ORDER BY c.score DESC)
    )
    SELECT t.seq, best.resident_id, best.division,
           CASE WHEN best.score >= link_score AND (best.second IS NULL OR best.second < best.score - link_margin)
                THEN 'fuzzy' END, best.score,
           (SELECT x.place FROM grid.resident x WHERE x.id OPERATOR(grid.=) best.resident_id)
      FROM ranked best JOIN todo t ON t.i = best.record
     WHERE best.rank = 1;
    END IF;
    SELECT count(*) INTO n_linked FROM ops_link l WHERE l.method IS NOT NULL;
    ANALYZE ops_link;
    DROP TABLE pg_temp.ops_phone;
    RETURN n_linked;
END
$$;
COMMENT ON FUNCTION grid.citus_ingest_link(bigint, bigint) IS
    'ingest step link on a distributed grid (grid.ingest_link calls it there, grid.functions_for_citus): as grid.ingest_link, the residents on the batch''s phone numbers read from the shards by one query first; returns the records linked';
