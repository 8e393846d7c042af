-- Access: each jurisdiction sees and changes only its own.
--
-- A scope is a division (city, county, township, village or grid) granted
-- to a database role.  grid.enable_access(table) puts row-level security on
-- a table with a "division grid.division_code" column (or another column of
-- that type, such as the place of a resident's rows): a row is visible and
-- writable only when that division lies inside one of the caller's scopes.
-- The caller is the acting role (the login, or the role chosen by SET
-- ROLE), also inside SECURITY DEFINER functions.  Members of grid_admin
-- manage scopes and see everything.
--
-- The policies must hold for a role granted every privilege on a table.
-- Also here: the check that a row names only residents its writer sees
-- (grid.enable_resident_check), tables only administrators see or change
-- (grid.enable_admin_only, grid.enable_admin_writes), the TRUNCATE guard
-- (grid.guard_truncate), event triggers that keep triggers and foreign
-- keys off protected tables, identifier masking and the look-up audit.
--
-- Policies stay index-friendly: the caller's scopes are read once per
-- statement (each scope function appears as an uncorrelated scalar subquery,
-- an InitPlan) and the caller's range is a btree range on division, built
-- only from LEAKPROOF comparisons.  Roles whose scopes form one range
-- (members of grid_single_scope) need nothing more; others get a test on
-- each row in their range (see grid.enable_access).

-- The administrator role, and the group of roles whose scopes form one
-- range (grid.grant_scope keeps its membership): row-level security skips
-- the per-row test for them.  Roles belong to the cluster, not the
-- database: they are created only if missing and survive DROP EXTENSION.
DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'grid_admin') THEN
        CREATE ROLE grid_admin NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'grid_single_scope') THEN
        CREATE ROLE grid_single_scope NOLOGIN;
    END IF;
    -- An administrator covers every province: one range.
    IF NOT pg_catalog.pg_has_role('grid_admin', 'grid_single_scope', 'MEMBER') THEN
        GRANT grid_single_scope TO grid_admin;
    END IF;
END
$do$;
COMMENT ON ROLE grid_admin IS
    'grid: manages jurisdiction scopes and the look-up audit; sees and changes every division (cluster-wide, survives DROP EXTENSION)';
COMMENT ON ROLE grid_single_scope IS
    'grid: roles whose scopes form one range, kept by grid.grant_scope and grid.revoke_scope; row-level security needs no per-row test for them (cluster-wide, survives DROP EXTENSION)';
-- Everyone may name what the schema holds (types, functions); each object
-- keeps its own privileges, and the two tables below grant nothing.
GRANT USAGE ON SCHEMA grid TO PUBLIC;

-- Who is asking.
CREATE FUNCTION grid.acting_role() RETURNS regrole
    AS 'MODULE_PATHNAME', 'access_acting_role' LANGUAGE C STABLE STRICT PARALLEL SAFE;
-- STABLE: SET ROLE changes it between statements.
COMMENT ON FUNCTION grid.acting_role() IS
    'the role the person acts as: the login or the role chosen by SET ROLE; unlike current_user, unchanged inside SECURITY DEFINER functions';

-- STABLE: reads the role catalogs.
CREATE FUNCTION grid.acting_roles() RETURNS regrole[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH RECURSIVE r(oid) AS (
        SELECT grid.acting_role()::oid
      UNION
        SELECT m.roleid
          FROM r
          JOIN pg_catalog.pg_roles a ON a.oid = r.oid AND a.rolinherit
          JOIN pg_catalog.pg_auth_members m ON m.member = r.oid
    )
    SELECT pg_catalog.array_agg(r.oid::regrole ORDER BY r.oid) FROM r
$$;
COMMENT ON FUNCTION grid.acting_roles() IS
    'the acting role and every role whose privileges it inherits (as for table privileges): whose scopes it holds';

-- STABLE: reads role membership.
CREATE FUNCTION grid.is_admin() RETURNS boolean
    AS 'MODULE_PATHNAME', 'access_is_admin' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.is_admin() IS
    'true if the acting role has the privileges of grid_admin (a member that inherits, or SET ROLE grid_admin, or a superuser)';

-- Scopes.
CREATE TABLE grid.access_scope (
    role            regrole NOT NULL,
    division        grid.division_code NOT NULL,
    see_identifiers boolean NOT NULL DEFAULT false,
    granted_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    granted_by      name NOT NULL,
    PRIMARY KEY (role, division)
);
COMMENT ON TABLE grid.access_scope IS
    'jurisdiction scopes: the divisions a role may see and change; managed through grid.grant_scope and grid.revoke_scope';
COMMENT ON COLUMN grid.access_scope.role IS 'the role (by OID: survives a rename; revoke before DROP ROLE)';
COMMENT ON COLUMN grid.access_scope.division IS 'a division at any level, city down to grid: the role covers everything inside it';
COMMENT ON COLUMN grid.access_scope.see_identifiers IS 'true: identity and phone numbers in this scope are shown in full by grid.show_id and grid.show_phone';
COMMENT ON COLUMN grid.access_scope.granted_at IS 'when the scope was granted or last changed';
COMMENT ON COLUMN grid.access_scope.granted_by IS 'the acting role that granted it';
SELECT pg_catalog.pg_extension_config_dump('grid.access_scope', '');
REVOKE ALL ON grid.access_scope FROM PUBLIC;
GRANT SELECT ON grid.access_scope TO grid_admin;

-- The caller's scopes, collapsed (a scope inside another one of the
-- caller's is left out); an administrator covers every province.  Written
-- in C (access.c): it reads grid.access_scope at most once per statement,
-- whatever the caller's privileges.  STABLE: reads grid.access_scope and
-- role membership.
CREATE FUNCTION grid.current_scopes() RETURNS grid.division_code[]
    AS 'MODULE_PATHNAME', 'access_current_scopes' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.current_scopes() IS
    'the divisions the caller covers, none inside another, in order; every province for an administrator; empty for a role without scope';
-- grid.scope_bound: an end of the range the caller covers, as the policies
-- compare it with a row's division.  The same 8 bytes as grid.division_code;
-- the type exists so that the policies' two comparisons have operators of
-- their own, in the btree family of grid.division_code (an index still
-- answers them), whose estimators know what the bound is: the planner
-- cannot see a value computed once per statement (an InitPlan), and would
-- take the pair for 0.5 % of any table, so that a city role's reports read
-- four million rows through an index.  Users' own comparisons keep
-- PostgreSQL's estimators.
CREATE TYPE grid.scope_bound;
CREATE FUNCTION grid.scope_bound_in(cstring) RETURNS grid.scope_bound
    AS 'MODULE_PATHNAME', 'division_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.scope_bound_out(grid.scope_bound) RETURNS cstring
    AS 'MODULE_PATHNAME', 'division_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE grid.scope_bound (
    INPUT = grid.scope_bound_in,
    OUTPUT = grid.scope_bound_out,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE grid.scope_bound IS
    'an end of the range of divisions the caller covers, as the row-level security policies compare it (grid.scope_lo, grid.scope_hi); written like grid.division_code';
COMMENT ON FUNCTION grid.scope_bound_in(cstring) IS 'input function of grid.scope_bound (that of grid.division_code)';
COMMENT ON FUNCTION grid.scope_bound_out(grid.scope_bound) IS 'output function of grid.scope_bound (that of grid.division_code)';
CREATE CAST (grid.scope_bound AS grid.division_code) WITHOUT FUNCTION AS IMPLICIT;
COMMENT ON CAST (grid.scope_bound AS grid.division_code) IS 'the bound as a division code (the same 8 bytes)';
CREATE CAST (grid.division_code AS grid.scope_bound) WITHOUT FUNCTION;
COMMENT ON CAST (grid.division_code AS grid.scope_bound) IS 'a division code as a bound (the same 8 bytes)';

-- STABLE, as every restriction estimator: they read statistics and, here,
-- the acting role's scopes.
CREATE FUNCTION grid.scope_range_sel(internal, oid, internal, integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'access_scope_range_sel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.scope_range_sel(internal, oid, internal, integer) IS
    'restriction selectivity of division >= grid.scope_bound: the fraction of the column in the whole range the acting role covers';
CREATE FUNCTION grid.scope_bound_sel(internal, oid, internal, integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'access_scope_bound_sel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.scope_bound_sel(internal, oid, internal, integer) IS
    'restriction selectivity of division <= grid.scope_bound: 1, the range being counted by its lower end';

-- The comparisons: int8 against int8, LEAKPROOF like those of grid.division_code.
CREATE FUNCTION grid.division_code_lt_bound(grid.division_code, grid.scope_bound) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.division_code_le_bound(grid.division_code, grid.scope_bound) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.division_code_eq_bound(grid.division_code, grid.scope_bound) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.division_code_ge_bound(grid.division_code, grid.scope_bound) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.division_code_gt_bound(grid.division_code, grid.scope_bound) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.division_code_cmp_bound(grid.division_code, grid.scope_bound) RETURNS integer
    AS 'MODULE_PATHNAME', 'grid_int8_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION grid.division_code_lt_bound(grid.division_code, grid.scope_bound) IS 'implementation of < between a division and a scope bound';
COMMENT ON FUNCTION grid.division_code_le_bound(grid.division_code, grid.scope_bound) IS 'implementation of <= between a division and a scope bound';
COMMENT ON FUNCTION grid.division_code_eq_bound(grid.division_code, grid.scope_bound) IS 'implementation of = between a division and a scope bound';
COMMENT ON FUNCTION grid.division_code_ge_bound(grid.division_code, grid.scope_bound) IS 'implementation of >= between a division and a scope bound';
COMMENT ON FUNCTION grid.division_code_gt_bound(grid.division_code, grid.scope_bound) IS 'implementation of > between a division and a scope bound';
COMMENT ON FUNCTION grid.division_code_cmp_bound(grid.division_code, grid.scope_bound) IS 'btree comparison of a division and a scope bound';
CREATE OPERATOR grid.< (LEFTARG = grid.division_code, RIGHTARG = grid.scope_bound,
                        FUNCTION = grid.division_code_lt_bound, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR grid.<= (LEFTARG = grid.division_code, RIGHTARG = grid.scope_bound,
                         FUNCTION = grid.division_code_le_bound, RESTRICT = grid.scope_bound_sel, JOIN = scalarlejoinsel);
CREATE OPERATOR grid.= (LEFTARG = grid.division_code, RIGHTARG = grid.scope_bound,
                        FUNCTION = grid.division_code_eq_bound, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR grid.>= (LEFTARG = grid.division_code, RIGHTARG = grid.scope_bound,
                         FUNCTION = grid.division_code_ge_bound, RESTRICT = grid.scope_range_sel, JOIN = scalargejoinsel);
CREATE OPERATOR grid.> (LEFTARG = grid.division_code, RIGHTARG = grid.scope_bound,
                        FUNCTION = grid.division_code_gt_bound, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR grid.< (grid.division_code, grid.scope_bound) IS 'division before a scope bound';
COMMENT ON OPERATOR grid.<= (grid.division_code, grid.scope_bound) IS 'division up to a scope''s end (the policies'' upper bound; estimated as 1)';
COMMENT ON OPERATOR grid.= (grid.division_code, grid.scope_bound) IS 'division at a scope bound';
COMMENT ON OPERATOR grid.>= (grid.division_code, grid.scope_bound) IS 'division from a scope''s start (the policies'' lower bound; estimated as the acting role''s whole range)';
COMMENT ON OPERATOR grid.> (grid.division_code, grid.scope_bound) IS 'division after a scope bound';
ALTER OPERATOR FAMILY grid.division_code_ops USING btree ADD
    OPERATOR 1 grid.< (grid.division_code, grid.scope_bound),
    OPERATOR 2 grid.<= (grid.division_code, grid.scope_bound),
    OPERATOR 3 grid.= (grid.division_code, grid.scope_bound),
    OPERATOR 4 grid.>= (grid.division_code, grid.scope_bound),
    OPERATOR 5 grid.> (grid.division_code, grid.scope_bound),
    FUNCTION 1 (grid.division_code, grid.scope_bound) grid.division_code_cmp_bound(grid.division_code, grid.scope_bound);

CREATE FUNCTION grid.scope_lo() RETURNS grid.scope_bound
    AS 'MODULE_PATHNAME', 'access_scope_lo' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.scope_lo() IS
    'first code the caller covers (the smallest scope); NULL without scope; policies use (SELECT grid.scope_lo()), computed once per statement';
CREATE FUNCTION grid.scope_hi() RETURNS grid.scope_bound
    AS 'MODULE_PATHNAME', 'access_scope_hi' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.scope_hi() IS
    'last code the caller covers (the end of the last scope''s subtree); NULL without scope';
CREATE FUNCTION grid.scope_exact() RETURNS boolean
    AS 'MODULE_PATHNAME', 'access_scope_exact' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.scope_exact() IS
    'true if every code between grid.scope_lo() and grid.scope_hi() lies in the caller''s scopes (one scope, or an administrator)';

-- The end of the caller's scope for the policy of roles in
-- grid_single_scope, which has no per-row test: a caller whose scopes are
-- not one range gets an error (42501) rather than the range around them.
CREATE FUNCTION grid.single_scope_hi() RETURNS grid.scope_bound
    AS 'MODULE_PATHNAME', 'access_single_scope_hi' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.single_scope_hi() IS
    'grid.scope_hi() for the policy of roles in grid_single_scope: raises 42501 if the caller''s scopes are not one range; NULL without scope';

-- For SECURITY DEFINER look-up functions, which see past row-level security
-- and must apply the caller's scope themselves.
CREATE FUNCTION grid.in_my_scope(division grid.division_code) RETURNS boolean
    AS 'MODULE_PATHNAME', 'access_in_my_scope' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.in_my_scope(grid.division_code) IS
    'true if the division lies in one of the caller''s scopes; for SECURITY DEFINER look-ups, which see past row-level security';

CREATE FUNCTION grid.my_scope()
    RETURNS TABLE (division grid.division_code, level text, see_identifiers boolean, granted_to regrole)
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT NULL::grid.division_code, 'all', true, 'grid_admin'::regrole WHERE grid.is_admin()
    UNION ALL
    SELECT s.division, grid.level(s.division), s.see_identifiers, s.role
      FROM grid.access_scope s
     WHERE s.role = ANY (grid.acting_roles())
     ORDER BY 1 NULLS FIRST, 4
$$;
COMMENT ON FUNCTION grid.my_scope() IS
    'what the caller covers: each scope granted to the acting role or a role it inherits from; an administrator also gets a row "all"';

-- Managing scopes (administrators only).
CREATE FUNCTION grid.require_admin(action text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT grid.is_admin() THEN
        RAISE EXCEPTION 'permission denied to %', action
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Role %s is not a member of grid_admin.', grid.acting_role()),
                  HINT = 'Ask an administrator of grid.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.require_admin(text) IS
    'raise 42501 "permission denied to <action>" unless the acting role is an administrator';

-- Keep a role in grid_single_scope exactly when its own scopes form one
-- range (one scope, or several inside one).  A role that inherits scopes
-- from several roles of the group is refused by the policies (fail
-- closed); it acts through SET ROLE or gets scopes of its own.
CREATE FUNCTION grid.sync_single_scope(role regrole) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ranges integer;
    member boolean;
BEGIN
    PERFORM grid.require_admin('change the members of grid_single_scope');
    IF NOT EXISTS (SELECT FROM pg_roles r WHERE r.oid = sync_single_scope.role) THEN
        RETURN;
    END IF;
    SELECT count(*) INTO ranges
      FROM grid.access_scope s
     WHERE s.role = sync_single_scope.role
       AND NOT EXISTS (SELECT FROM grid.access_scope o
                        WHERE o.role = s.role AND o.division OPERATOR(grid.<>) s.division
                          AND s.division OPERATOR(grid.<@) o.division);
    member := EXISTS (SELECT FROM pg_auth_members m
                       WHERE m.roleid = 'grid_single_scope'::regrole AND m.member = sync_single_scope.role);
    IF ranges = 1 AND NOT member THEN
        EXECUTE format('GRANT grid_single_scope TO %s', sync_single_scope.role);
    ELSIF ranges <> 1 AND member THEN
        EXECUTE format('REVOKE grid_single_scope FROM %s', sync_single_scope.role);
    END IF;
END
$$;
COMMENT ON FUNCTION grid.sync_single_scope(regrole) IS
    'administrators: make a role a member of grid_single_scope when its own scopes form one range, and not otherwise (grid.grant_scope and grid.revoke_scope call it)';

CREATE FUNCTION grid.grant_scope(role regrole, division grid.division_code,
                                 see_identifiers boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM grid.require_admin('grant scopes');
    IF role IS NULL OR division IS NULL THEN
        RAISE EXCEPTION 'role and division must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF grid.level(division) = 'province' THEN
        RAISE EXCEPTION 'scope % is a province', division
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Scopes run from a city down to a grid.',
                  HINT = 'Make the role a member of grid_admin to cover everything.';
    END IF;
    INSERT INTO grid.access_scope AS s (role, division, see_identifiers, granted_by)
    VALUES (grant_scope.role, grant_scope.division, coalesce(grant_scope.see_identifiers, false),
            grid.acting_role()::name)
    ON CONFLICT ON CONSTRAINT access_scope_pkey DO UPDATE
       SET see_identifiers = excluded.see_identifiers,
           granted_at = excluded.granted_at,
           granted_by = excluded.granted_by;
    PERFORM grid.sync_single_scope(grant_scope.role);
END
$$;
COMMENT ON FUNCTION grid.grant_scope(regrole, grid.division_code, boolean) IS
    'administrators: let a role see and change a division and everything inside it; see_identifiers shows identity and phone numbers there in full';

CREATE FUNCTION grid.revoke_scope(role regrole, division grid.division_code DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n integer;
BEGIN
    PERFORM grid.require_admin('revoke scopes');
    DELETE FROM grid.access_scope s
     WHERE s.role = revoke_scope.role
       AND (revoke_scope.division IS NULL OR s.division OPERATOR(grid.=) revoke_scope.division);
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM grid.sync_single_scope(revoke_scope.role);
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.revoke_scope(regrole, grid.division_code) IS
    'administrators: take a scope from a role (every scope of the role when division is NULL); returns how many were removed';

CREATE FUNCTION grid.list_scopes(of_role regrole DEFAULT NULL)
    RETURNS TABLE (role regrole, division grid.division_code, level text, see_identifiers boolean,
                   granted_at timestamptz, granted_by name, role_exists boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM grid.require_admin('list scopes');
    RETURN QUERY
    SELECT s.role, s.division, grid.level(s.division), s.see_identifiers, s.granted_at, s.granted_by,
           EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.oid = s.role)
      FROM grid.access_scope s
     WHERE of_role IS NULL OR s.role = of_role
     ORDER BY s.role::text, s.division;
END
$$;
COMMENT ON FUNCTION grid.list_scopes(regrole) IS
    'administrators: every scope (or one role''s); role_exists is false for a role dropped without revoking its scopes';

REVOKE EXECUTE ON FUNCTION grid.grant_scope(regrole, grid.division_code, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.revoke_scope(regrole, grid.division_code) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.list_scopes(regrole) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.sync_single_scope(regrole) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.grant_scope(regrole, grid.division_code, boolean) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.revoke_scope(regrole, grid.division_code) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.list_scopes(regrole) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.sync_single_scope(regrole) TO grid_admin;

-- Row-level security on a table with a division column.  The column the
-- policies test is "division", or another one of the same type: the
-- registry and the tables of its residents' events are protected by
-- "place", the resident's grid cell where the registry knows it (else the
-- village), so that a grid scope covers them (see src/resident.sql).
--
-- The policies, and which of them apply to whom (permissive ones are
-- ORed, restrictive ones ANDed):
--   grid_scope_select/insert/update/delete  restrictive, everyone: the row's
--       division lies between the first and the last code the caller covers
--       (a btree range, the index condition);
--   grid_access  permissive, everyone: the caller's scopes are one range, or
--       the row lies in one of them (the per-row test, for several scopes);
--   grid_access_single_scope  permissive, grid_single_scope: true, so that
--       the test above drops out of the plan for these roles;
--   grid_single_scope  restrictive, grid_single_scope: a second lower bound
--       that raises 42501 for a caller whose scopes are not one range, so
--       that skipping the test can never show what lies between scopes
--       (named to sort after grid_scope_*: PostgreSQL checks restrictive
--       policies in name order, so a write outside names those).
-- The policy names, for enable and disable.  IMMUTABLE.
CREATE FUNCTION grid.access_policy_names() RETURNS name[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '{grid_access,grid_access_single_scope,grid_single_scope,grid_scope_select,grid_scope_insert,grid_scope_update,grid_scope_delete}'::name[];
COMMENT ON FUNCTION grid.access_policy_names() IS 'the names of the policies grid.enable_access creates';

CREATE FUNCTION grid.enable_access(tbl regclass, force boolean DEFAULT true,
                                   scope_column name DEFAULT 'division') RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    kind "char";
    part regclass;
    pol name;
    -- Leakproof btree comparisons against values computed once per
    -- statement (InitPlans), estimated as the acting role's range.
    range constant text := format(
        '%1$I OPERATOR(grid.>=) (SELECT grid.scope_lo()) AND '
        '%1$I OPERATOR(grid.<=) (SELECT grid.scope_hi())', scope_column);
    in_scopes constant text := format(
        '(SELECT grid.scope_exact()) OR '
        '%I OPERATOR(grid.<@) ANY ((SELECT grid.current_scopes())::grid.division_code[])', scope_column);
    single constant text := format('%I OPERATOR(grid.<=) (SELECT grid.single_scope_hi())', scope_column);
BEGIN
    PERFORM grid.require_admin('enable access control');
    SELECT c.relkind INTO kind FROM pg_class c WHERE c.oid = tbl;
    IF kind IS NULL OR kind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION '"%" is not a table', tbl
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = tbl AND a.attname = scope_column AND NOT a.attisdropped
                      AND a.atttypid = 'grid.division_code'::regtype) THEN
        RAISE EXCEPTION 'table % has no column "%" of type grid.division_code', tbl, scope_column
            USING ERRCODE = 'undefined_column',
                  HINT = 'Every table of people or events carries the division it belongs to.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum IN (i.indkey[0], i.indkey[1])
                   WHERE i.indrelid = tbl AND a.attname = scope_column) THEN
        RAISE NOTICE 'table % has no index on % (as its first column, or second after one that queries fix, such as a day)', tbl, scope_column
            USING HINT = 'Without one, every query under row-level security reads the whole table.';
    END IF;

    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    IF force THEN
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    ELSE
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', tbl);
    END IF;
    FOR pol IN SELECT p.polname FROM pg_policy p
                WHERE p.polrelid = tbl AND p.polname = ANY (grid.access_policy_names()) LOOP
        EXECUTE format('DROP POLICY %I ON %s', pol, tbl);
    END LOOP;
    EXECUTE format('CREATE POLICY grid_access ON %s AS PERMISSIVE FOR ALL USING (%s) WITH CHECK (%s)',
                   tbl, in_scopes, in_scopes);
    EXECUTE format('CREATE POLICY grid_access_single_scope ON %s AS PERMISSIVE FOR ALL TO grid_single_scope '
                   'USING (true) WITH CHECK (true)', tbl);
    EXECUTE format('CREATE POLICY grid_single_scope ON %s AS RESTRICTIVE FOR ALL TO grid_single_scope '
                   'USING (%s) WITH CHECK (%s)', tbl, single, single);
    EXECUTE format('CREATE POLICY grid_scope_select ON %s AS RESTRICTIVE FOR SELECT USING (%s)', tbl, range);
    EXECUTE format('CREATE POLICY grid_scope_insert ON %s AS RESTRICTIVE FOR INSERT WITH CHECK (%s)', tbl, range);
    EXECUTE format('CREATE POLICY grid_scope_update ON %s AS RESTRICTIVE FOR UPDATE USING (%s) WITH CHECK (%s)', tbl, range, range);
    EXECUTE format('CREATE POLICY grid_scope_delete ON %s AS RESTRICTIVE FOR DELETE USING (%s)', tbl, range);
    EXECUTE format('COMMENT ON POLICY grid_access ON %s IS %L', tbl,
                   'grid: the row lies in one of the caller''s scopes (the per-row test, needed only when they are several)');
    EXECUTE format('COMMENT ON POLICY grid_access_single_scope ON %s IS %L', tbl,
                   'grid: roles in grid_single_scope skip the per-row test of grid_access');
    EXECUTE format('COMMENT ON POLICY grid_single_scope ON %s IS %L', tbl,
                   'grid: refuses (42501) a caller in grid_single_scope whose scopes are not one range');
    EXECUTE format('COMMENT ON POLICY grid_scope_select ON %s IS %L', tbl,
                   'grid: a row is visible only between the first and the last code the caller covers');
    EXECUTE format('COMMENT ON POLICY grid_scope_insert ON %s IS %L', tbl,
                   'grid: a new row''s division must lie in the caller''s scopes');
    EXECUTE format('COMMENT ON POLICY grid_scope_update ON %s IS %L', tbl,
                   'grid: only rows in the caller''s scopes change, and they cannot be moved out');
    EXECUTE format('COMMENT ON POLICY grid_scope_delete ON %s IS %L', tbl,
                   'grid: only rows in the caller''s scopes can be deleted');
    -- TRUNCATE skips the policies.
    PERFORM grid.guard_truncate(tbl);

    -- A partition queried by its own name does not apply its parent's
    -- policies: give every partition the same.
    FOR part IN SELECT t.relid FROM pg_partition_tree(tbl) t WHERE t.relid <> tbl LOOP
        PERFORM grid.enable_access(part, force, scope_column);
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.enable_access(regclass, boolean, name) IS
    'administrators: row-level security on a table with a "division grid.division_code" column (and its partitions): each role sees, inserts, updates and deletes only rows in its scopes; force (default) applies it to the table owner too; scope_column: the column tested instead of division (grid''s own tables of residents and their events use place)';

CREATE FUNCTION grid.disable_access(tbl regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    part regclass;
    pol name;
BEGIN
    PERFORM grid.require_admin('disable access control');
    FOR pol IN SELECT p.polname FROM pg_policy p
                WHERE p.polrelid = tbl AND p.polname = ANY (grid.access_policy_names() || 'grid_resident'::name) LOOP
        EXECUTE format('DROP POLICY %I ON %s', pol, tbl);
    END LOOP;
    EXECUTE format('DROP TRIGGER IF EXISTS grid_truncate_guard ON %s', tbl);
    IF NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = tbl) THEN
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', tbl);
        EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', tbl);
    END IF;
    FOR part IN SELECT t.relid FROM pg_partition_tree(tbl) t WHERE t.relid <> tbl LOOP
        PERFORM grid.disable_access(part);
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.disable_access(regclass) IS
    'administrators: remove what grid.enable_access and grid.enable_resident_check put on a table; row-level security stays on if other policies remain';

REVOKE EXECUTE ON FUNCTION grid.enable_access(regclass, boolean, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.disable_access(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.enable_access(regclass, boolean, name) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.disable_access(regclass) TO grid_admin;

-- What the policies do not cover by themselves.  A role may hold every
-- privilege on a protected table (GRANT ALL): the policies must hold even
-- then, and these close the ways round them.
--
-- TRUNCATE skips row-level security and row triggers: every table
-- protected by either (grid.enable_access, grid.enable_admin_only,
-- grid.enable_admin_writes, the map's write check) has a BEFORE TRUNCATE
-- trigger that refuses it to all but administrators.  VOLATILE: a trigger
-- function.
CREATE FUNCTION grid.refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT grid.is_admin() THEN
        RAISE EXCEPTION 'permission denied to truncate %.%', quote_ident(TG_TABLE_SCHEMA), quote_ident(TG_TABLE_NAME)
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'TRUNCATE skips row-level security and row triggers, and would empty every division''s rows.',
                  HINT = 'Delete the rows of your own divisions with DELETE; only members of grid_admin truncate.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.refuse_truncate() IS
    'trigger function: refuses TRUNCATE (42501) to all but administrators, since TRUNCATE skips row-level security and row triggers';

-- VOLATILE: creates a trigger.
CREATE FUNCTION grid.guard_truncate(tbl regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM grid.require_admin('guard a table against TRUNCATE');
    EXECUTE format('CREATE OR REPLACE TRIGGER grid_truncate_guard BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION grid.refuse_truncate()', tbl);
    EXECUTE format('COMMENT ON TRIGGER grid_truncate_guard ON %s IS %L', tbl,
                   'grid: only administrators truncate a table whose rows are checked one by one (grid.refuse_truncate)');
END
$$;
COMMENT ON FUNCTION grid.guard_truncate(regclass) IS
    'administrators: give a table the BEFORE TRUNCATE trigger grid_truncate_guard (grid.refuse_truncate); grid.enable_access, grid.enable_admin_only and grid.enable_admin_writes call it';

-- Tables that no jurisdiction owns a part of (the scopes themselves, the
-- generator's registry): only administrators see or change a row.
-- VOLATILE: changes a table.
CREATE FUNCTION grid.enable_admin_only(tbl regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM grid.require_admin('restrict a table to administrators');
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('DROP POLICY IF EXISTS grid_admin_only ON %s', tbl);
    EXECUTE format('CREATE POLICY grid_admin_only ON %s FOR ALL USING (grid.is_admin()) WITH CHECK (grid.is_admin())', tbl);
    EXECUTE format('COMMENT ON POLICY grid_admin_only ON %s IS %L', tbl,
                   'grid: only administrators see or change a row, whatever privileges others hold');
    PERFORM grid.guard_truncate(tbl);
END
$$;
COMMENT ON FUNCTION grid.enable_admin_only(regclass) IS
    'administrators: row-level security that shows and lets change every row to administrators and none to anyone else, whatever their privileges; TRUNCATE refused to others too';

-- Reference data that everyone reads and no jurisdiction owns a part of
-- (the division registry, the sources): only administrators change a row,
-- whatever privileges others hold.  VOLATILE: changes a table.
CREATE FUNCTION grid.enable_admin_writes(tbl regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- administrators only (and TRUNCATE refused to others), then reads
    -- opened to everyone with SELECT: permissive policies are ORed
    PERFORM grid.enable_admin_only(tbl);
    EXECUTE format('DROP POLICY IF EXISTS grid_read ON %s', tbl);
    EXECUTE format('CREATE POLICY grid_read ON %s FOR SELECT USING (true)', tbl);
    EXECUTE format('COMMENT ON POLICY grid_read ON %s IS %L', tbl, 'grid: everyone with SELECT reads every row');
END
$$;
COMMENT ON FUNCTION grid.enable_admin_writes(regclass) IS
    'administrators: row-level security that lets everyone with SELECT read every row and only administrators change any, whatever privileges others hold; TRUNCATE refused to others too';
SELECT grid.enable_admin_writes(t)
  FROM (VALUES ('grid.division'::regclass), ('grid.division_load_error')) AS v(t);
-- The map (src/cell.sql) has no row-level security: a trigger holds each
-- row written to the writer's scopes, and this guard holds TRUNCATE, which
-- skips row triggers, to administrators.
SELECT grid.guard_truncate(t)
  FROM (VALUES ('grid.cell'::regclass), ('grid.checkpoint'), ('grid.village_boundary')) AS v(t);

-- Holding every privilege on grid.access_scope must not be a scope: the
-- scope functions read it directly (access.c), the functions that manage
-- it run as its owner, and nobody else reads or writes a row.
SELECT grid.enable_admin_only('grid.access_scope');

-- Writes that name a resident.  A row naming a resident (a health report,
-- a key person, a link, ...) is written only by a writer that sees the
-- resident (grid.resident is under row-level security), and, where the
-- row belongs to the resident's division, only under that division.  The
-- check is a restrictive policy, grid_resident, so PostgreSQL applies it
-- to the new row before anything else can answer: before unique-key
-- conflicts are looked for (INSERT, ON CONFLICT DO NOTHING and DO UPDATE
-- alike, nodeModifyTable.c), before foreign keys and before the triggers
-- that maintain derived rows (grid.health_day).  A write naming another
-- village's resident therefore gets exactly the refusal a write naming no
-- one gets: no 23505, no row count, no other error, no derived row.  The
-- policy calls a function and holds no subquery (Citus refuses those).
-- Restrictive policies are checked in name order and a refusal names the
-- first that fails; which fails depends only on what the writer wrote and
-- its own scope, never on rows it cannot see.  grid.resident_registered
-- and grid.resident_visible read grid.resident and are declared after it
-- (src/resident.sql; in C, access.c: a query per row would cost as much
-- as the rest of a report's ingestion).
--
-- For an UPDATE the new row is checked: a row of a resident who has since
-- moved to another division can be deleted but not changed (the
-- registry's division is the truth), except by a role past the policies.
-- VOLATILE: creates policies.
CREATE FUNCTION grid.enable_resident_check(tbl regclass, resident_column name DEFAULT 'resident_id',
                                           same_division boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    part regclass;
    test text;
BEGIN
    PERFORM grid.require_admin('check the residents a table names');
    IF NOT EXISTS (SELECT FROM pg_attribute a
                    WHERE a.attrelid = tbl AND a.attname = resident_column AND NOT a.attisdropped
                      AND a.atttypid = 'grid.resident_id'::regtype) THEN
        RAISE EXCEPTION 'table % has no column % of type grid.resident_id', tbl, quote_ident(resident_column)
            USING ERRCODE = 'undefined_column';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = tbl AND p.polname = 'grid_access') THEN
        RAISE EXCEPTION 'table % is not under grid.enable_access', tbl
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Call grid.enable_access first: the check narrows its policies.';
    END IF;
    test := CASE WHEN same_division THEN format('grid.resident_registered(%I, division)', resident_column)
                 ELSE format('%I IS NULL OR grid.resident_visible(%I)', resident_column, resident_column) END;
    EXECUTE format('DROP POLICY IF EXISTS grid_resident ON %s', tbl);
    EXECUTE format('CREATE POLICY grid_resident ON %s AS RESTRICTIVE FOR ALL WITH CHECK (%s)', tbl, test);
    EXECUTE format('COMMENT ON POLICY grid_resident ON %s IS %L', tbl,
                   CASE WHEN same_division
                        THEN format('grid: a new row names in %I a resident the writer sees, registered in the row''s division', resident_column)
                        ELSE format('grid: a new row names in %I a resident the writer sees, or none', resident_column) END);
    FOR part IN SELECT t.relid FROM pg_partition_tree(tbl) t WHERE t.relid <> tbl LOOP
        PERFORM grid.enable_resident_check(part, resident_column, same_division);
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.enable_resident_check(regclass, name, boolean) IS
    'administrators: on a table under grid.enable_access (and its partitions), the restrictive policy grid_resident: a new or changed row names in resident_column a resident the writer sees, registered in the row''s division (same_division) or anywhere the writer sees (NULL allowed); refused (42501) alike whether the resident exists elsewhere or not at all';

-- A trigger on a protected table sees every row written to it, whoever
-- writes it; a foreign key to a protected table is checked by the table's
-- owner past row-level security, so rows inserted into the referencing
-- table tell which hidden keys exist.  The TRIGGER and REFERENCES
-- privileges (part of GRANT ALL) would give a role both: an event trigger
-- refuses them to all but administrators.  Protected: a relation of schema
-- grid, or a table under grid.enable_access or grid.enable_admin_only.
-- STABLE: reads the catalogs.
CREATE FUNCTION grid.is_protected(rel oid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = rel AND c.relnamespace = 'grid'::regnamespace)
        OR EXISTS (SELECT FROM pg_catalog.pg_policy p
                    WHERE p.polrelid = rel AND p.polname IN ('grid_access', 'grid_admin_only'));
COMMENT ON FUNCTION grid.is_protected(oid) IS
    'true for a relation of schema grid or a table under grid.enable_access or grid.enable_admin_only: only administrators add triggers to it or foreign keys to it';

-- VOLATILE: an event trigger function.
CREATE FUNCTION grid.refuse_foreign_ddl() RETURNS event_trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cmd record;
    rel regclass;
    fn  regprocedure;
BEGIN
    IF grid.is_admin() THEN
        RETURN;
    END IF;
    FOR cmd IN SELECT c.classid, c.objid FROM pg_event_trigger_ddl_commands() c LOOP
        rel := NULL;
        IF cmd.classid = 'pg_trigger'::regclass THEN
            SELECT t.tgrelid INTO rel FROM pg_trigger t WHERE t.oid = cmd.objid AND grid.is_protected(t.tgrelid);
            IF rel IS NOT NULL THEN
                RAISE EXCEPTION 'permission denied to create a trigger on %', rel
                    USING ERRCODE = 'insufficient_privilege',
                          DETAIL = 'A trigger sees every row written to the table, past row-level security.',
                          HINT = 'Only members of grid_admin add triggers to protected tables.';
            END IF;
            -- grid's SECURITY DEFINER trigger functions (the facts, the
            -- days) trust the rows their table gives them: on a table of
            -- the caller's own, even a temporary one, they would read and
            -- write other villages' rows with the owner's rights.
            SELECT t.tgfoid::regprocedure INTO fn FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
             WHERE t.oid = cmd.objid AND p.prosecdef AND p.pronamespace = 'grid'::regnamespace;
            IF fn IS NOT NULL THEN
                RAISE EXCEPTION 'permission denied to create a trigger that runs %', fn
                    USING ERRCODE = 'insufficient_privilege',
                          DETAIL = 'grid''s trigger functions run with the extension owner''s rights, past row-level security, on the rows their table gives them.',
                          HINT = 'Only members of grid_admin attach grid''s trigger functions to a table.';
            END IF;
        ELSIF cmd.classid = 'pg_class'::regclass THEN
            SELECT k.confrelid INTO rel FROM pg_constraint k
             WHERE k.conrelid = cmd.objid AND k.contype = 'f' AND grid.is_protected(k.confrelid)
             LIMIT 1;
            IF rel IS NOT NULL THEN
                RAISE EXCEPTION 'permission denied to reference % in a foreign key', rel
                    USING ERRCODE = 'insufficient_privilege',
                          DETAIL = 'A foreign key is checked past row-level security, so it would tell which hidden rows exist.',
                          HINT = 'Only members of grid_admin create or change a table with a foreign key to a protected table.';
            END IF;
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.refuse_foreign_ddl() IS
    'event trigger function: refuses (42501) to all but administrators a trigger on a protected table (grid.is_protected), a trigger on any table that runs one of grid''s SECURITY DEFINER functions, and a table with a foreign key to a protected table';
CREATE EVENT TRIGGER grid_refuse_foreign_ddl ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE', 'CREATE TRIGGER')
    EXECUTE FUNCTION grid.refuse_foreign_ddl();
COMMENT ON EVENT TRIGGER grid_refuse_foreign_ddl IS
    'grid: only administrators add triggers to protected tables or foreign keys to them (the TRIGGER and REFERENCES privileges would see past row-level security)';

-- A temporary work table of this session the caller may fill and read:
-- owned by the current role, with no trigger, rule or policy.  A pooled
-- connection keeps its pg_temp across the roles it serves (SET LOCAL
-- ROLE), so a table another role left under the same name would receive
-- the caller's rows, and its triggers would run as the caller: refused
-- (42501).  false: the session has no such table.  STABLE: reads the
-- catalogue.
CREATE FUNCTION grid.use_work_table(work_table text) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c pg_class;
BEGIN
    SELECT * INTO c FROM pg_class WHERE oid = to_regclass('pg_temp.' || quote_ident(work_table));
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF c.relowner <> (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)
       OR c.relhastriggers OR c.relhasrules OR c.relrowsecurity THEN
        RAISE EXCEPTION 'permission denied to use the temporary table pg_temp.% of this session', work_table
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Another role, or a trigger or rule, has a table of that name in this connection''s temporary schema; grid does not write into it.',
                  HINT = 'Use a connection of your own, or have that table dropped.';
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION grid.use_work_table(text) IS
    'true when this session has the temporary work table pg_temp.<work_table> and it is the caller''s own (owned by the current role, no trigger, rule or policy); false when there is none; 42501 for a table of that name left by another role of a pooled connection. STABLE: reads the catalogue';

-- A foreign key added to a table with rows is checked inside the ALTER
-- TABLE, before ddl_command_end: refused at ddl_command_start, from the
-- statement's parse tree (access.c).
CREATE FUNCTION grid.refuse_foreign_keys() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'access_refuse_foreign_keys' LANGUAGE C;
COMMENT ON FUNCTION grid.refuse_foreign_keys() IS
    'event trigger function: refuses (42501) to all but administrators a FOREIGN KEY to a protected table (grid.is_protected) before it is checked, at ddl_command_start';
CREATE EVENT TRIGGER grid_refuse_foreign_keys ON ddl_command_start
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION grid.refuse_foreign_keys();
COMMENT ON EVENT TRIGGER grid_refuse_foreign_keys IS
    'grid: only administrators add foreign keys to protected tables; refused before the key is checked against existing rows';

REVOKE EXECUTE ON FUNCTION grid.guard_truncate(regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.enable_admin_only(regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.enable_admin_writes(regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grid.enable_resident_check(regclass, name, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.guard_truncate(regclass) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.enable_admin_only(regclass) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.enable_admin_writes(regclass) TO grid_admin;
GRANT EXECUTE ON FUNCTION grid.enable_resident_check(regclass, name, boolean) TO grid_admin;

-- Privileges on grid's sequences: administrators only.  A sequence has no
-- row-level security: SELECT reads how many entries every village has
-- made (key persons, review entries, batches), USAGE tells the same
-- through nextval, and UPDATE sets a sequence back onto numbers in use or
-- to its end (setval), so that other villages' entries fail to be stored.
-- grid's numbers are identity columns, which need no privilege on their
-- sequence, so no other role needs one: whatever is granted to anyone but
-- the owner, a superuser or a member of grid_admin is revoked.  Returns
-- the number of grants revoked.  VOLATILE: revokes.
CREATE FUNCTION grid.revoke_sequence_privileges() RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    g record;
    n integer := 0;
BEGIN
    FOR g IN
        SELECT DISTINCT c.oid::regclass AS seq, a.grantee
          FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
         WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'S' AND a.grantee <> c.relowner
           AND NOT EXISTS (SELECT FROM pg_roles r
                            WHERE r.oid = a.grantee AND (r.rolsuper OR pg_has_role(r.oid, 'grid_admin', 'USAGE')))
         ORDER BY 1, 2
    LOOP
        EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %s CASCADE', g.seq,
                       CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.revoke_sequence_privileges() IS
    'revokes every privilege on grid''s sequences held by anyone but their owner, superusers and members of grid_admin (a sequence has no row-level security: reading or advancing it counts every village''s entries, setting it stops their writes); returns the grants revoked; run after every GRANT (event trigger grid_guard_sequence_grants)';
REVOKE EXECUTE ON FUNCTION grid.revoke_sequence_privileges() FROM PUBLIC;

-- SECURITY DEFINER: a GRANT by a role that is no administrator (the owner
-- of its own table; Citus, which runs the public schema's grants on a
-- worker as pg_database_owner) runs it too, and it revokes as the owner.
-- VOLATILE: an event trigger function.
CREATE FUNCTION grid.guard_sequence_grants() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n integer := grid.revoke_sequence_privileges();
BEGIN
    IF n > 0 THEN
        RAISE WARNING 'privileges on grid''s sequences are for administrators: % grants revoked', n
            USING DETAIL = 'A sequence has no row-level security: reading or advancing it tells how many entries every village has made, and setting it stops other villages'' entries from being stored.',
                  HINT = 'No other role needs one: grid''s numbers are identity columns. Grant grid_admin to a role that administers them.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.guard_sequence_grants() IS
    'event trigger function: after a GRANT, revokes (with a WARNING) every privilege on grid''s sequences held by anyone but administrators (grid.revoke_sequence_privileges)';
CREATE EVENT TRIGGER grid_guard_sequence_grants ON ddl_command_end
    WHEN TAG IN ('GRANT')
    EXECUTE FUNCTION grid.guard_sequence_grants();
COMMENT ON EVENT TRIGGER grid_guard_sequence_grants IS
    'grid: privileges on grid''s sequences are kept for administrators; a GRANT to anyone else is revoked with a WARNING (grid.guard_sequence_grants)';

-- Identifiers on reports.
CREATE FUNCTION grid.mask(phone text) RETURNS text
    AS 'MODULE_PATHNAME', 'access_mask_phone_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.mask(text) IS
    'phone number with its middle digits hidden: 138****5678; separators and +86 kept';

-- The divisions whose identifiers the caller sees in full: its village and
-- grid scopes, and scopes granted with see_identifiers (from grid.my_scope;
-- an administrator's row "all" is left to grid.is_admin).  Reports read it
-- once per statement.  STABLE: reads grid.access_scope and role membership.
CREATE FUNCTION grid.identifier_scopes() RETURNS grid.division_code[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(pg_catalog.array_agg(DISTINCT m.division), '{}')
      FROM grid.my_scope() m
     WHERE m.division IS NOT NULL AND (m.see_identifiers OR m.level IN ('village', 'grid'))
$$;
COMMENT ON FUNCTION grid.identifier_scopes() IS
    'the scopes in which the caller sees identity and phone numbers in full (village and grid scopes, and scopes granted see_identifiers); an administrator sees them everywhere (grid.may_see_identifiers)';

-- STABLE: reads grid.access_scope and role membership.
CREATE FUNCTION grid.may_see_identifiers(division grid.division_code) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT grid.is_admin() OR may_see_identifiers.division OPERATOR(grid.<@) ANY (grid.identifier_scopes())
$$;
COMMENT ON FUNCTION grid.may_see_identifiers(grid.division_code) IS
    'true if the caller sees identity and phone numbers of this division in full: its village or grid, a scope granted with see_identifiers, or an administrator';

CREATE FUNCTION grid.show_id(id grid.resident_id, division grid.division_code) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN grid.may_see_identifiers(division) THEN id::text ELSE grid.mask(id) END
$$;
COMMENT ON FUNCTION grid.show_id(grid.resident_id, grid.division_code) IS
    'a resident ID as the caller may see it on a report: in full (see grid.may_see_identifiers) or masked';

CREATE FUNCTION grid.show_phone(phone text, division grid.division_code) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN grid.may_see_identifiers(division) THEN phone ELSE grid.mask(phone) END
$$;
COMMENT ON FUNCTION grid.show_phone(text, grid.division_code) IS
    'a phone number as the caller may see it on a report: in full (see grid.may_see_identifiers) or masked';

-- The audit trail of look-ups of people.
--
-- What is audited: every call of a function that finds people from what a
-- caller gives (an ID as typed, a name, a phone, an address): grid.find_resident
-- and grid.match_candidates write one row each (kind, what was asked, how
-- many people were returned); bulk look-ups (grid.batch_candidates, which
-- ingestion and grid.link_batch call for each record) write one row per
-- batch, role and transaction, counting the batch's look-ups and results.
-- What is not: SELECT on grid.resident and the other tables (row-level
-- security bounds what it shows; pgaudit logs such statements), the reports,
-- and the linking of ingestion by ID and phone (the batch keeps its records).
--
-- Who writes it: only the look-up functions.  They are SECURITY DEFINER,
-- owned by grid_lookup, a role nobody logs in as or is a member of; row-level
-- security lets only grid_lookup insert (and add to its own transaction's
-- batch rows), in the acting role's name, so a role granted every table
-- privilege still cannot forge, change or read a row.  Administrators read
-- it and delete after retention.  A row is part of the caller's transaction
-- (a rollback removes it); the LOG line in the server log stays.
DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'grid_lookup') THEN
        CREATE ROLE grid_lookup NOLOGIN NOINHERIT;
    END IF;
END
$do$;
COMMENT ON ROLE grid_lookup IS
    'grid: owns the audited look-up functions (SECURITY DEFINER), the only role that writes grid.lookup_audit; nobody logs in as it or is a member (cluster-wide, survives DROP EXTENSION)';

CREATE TABLE grid.lookup_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    role        name NOT NULL,
    login       name NOT NULL,
    kind        text NOT NULL,
    query       text NOT NULL,
    results     integer NOT NULL,
    client      inet DEFAULT pg_catalog.inet_client_addr(),
    application text DEFAULT pg_catalog.current_setting('application_name', true),
    lookups     integer NOT NULL DEFAULT 1,
    batch       bigint,
    xact        xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON TABLE grid.lookup_audit IS
    'every look-up of people by the look-up functions (grid.find_resident, grid.match_candidates: one row per call; bulk ingestion and grid.link_batch: one row per batch): who, when, what was asked, how many results; written only by grid.audit_lookup as grid_lookup, read and deleted by administrators';
COMMENT ON COLUMN grid.lookup_audit.id IS 'order of recording';
COMMENT ON COLUMN grid.lookup_audit.at IS 'when the look-up ran (clock time; for a batch, its first look-up)';
COMMENT ON COLUMN grid.lookup_audit.role IS 'the acting role (the person, after SET ROLE)';
COMMENT ON COLUMN grid.lookup_audit.login IS 'the login (session user), e.g. an application''s pooled login';
COMMENT ON COLUMN grid.lookup_audit.kind IS 'which look-up: find_resident, match_candidates, ingest (a batch of ingestion), link_batch (a batch of source records), or a deployment''s own';
COMMENT ON COLUMN grid.lookup_audit.query IS 'what was asked (first 200 characters); for a batch, "batch" and its number';
COMMENT ON COLUMN grid.lookup_audit.results IS 'how many people were returned (for a batch, over all its look-ups)';
COMMENT ON COLUMN grid.lookup_audit.client IS 'client address, NULL over a Unix socket';
COMMENT ON COLUMN grid.lookup_audit.application IS 'application_name of the session';
COMMENT ON COLUMN grid.lookup_audit.lookups IS 'how many look-ups the row records: 1, or a batch''s records looked up';
COMMENT ON COLUMN grid.lookup_audit.batch IS 'the batch of a bulk look-up (grid.ingest_batch for kind ingest, grid.source_batch for link_batch); NULL for a single look-up';
COMMENT ON COLUMN grid.lookup_audit.xact IS 'the transaction that looked up (pg_current_xact_id), to match the row with what the transaction wrote';
COMMENT ON SEQUENCE grid.lookup_audit_id_seq IS 'numbers the look-up audit';
CREATE INDEX lookup_audit_role_at ON grid.lookup_audit (role, at);
COMMENT ON INDEX grid.lookup_audit_role_at IS 'who looked up what, by time';
CREATE UNIQUE INDEX lookup_audit_batch ON grid.lookup_audit (kind, batch, role, xact) WHERE batch IS NOT NULL;
COMMENT ON INDEX grid.lookup_audit_batch IS 'one row per batch, role and transaction (grid.audit_lookup adds to it)';
SELECT pg_catalog.pg_extension_config_dump('grid.lookup_audit', '');
SELECT pg_catalog.pg_extension_config_dump('grid.lookup_audit_id_seq', '');
REVOKE ALL ON grid.lookup_audit FROM PUBLIC;
GRANT SELECT, DELETE ON grid.lookup_audit TO grid_admin;
GRANT SELECT, INSERT, UPDATE ON grid.lookup_audit TO grid_lookup;
-- Row-level security holds the rules above even for a role granted every
-- privilege on the table.  Not FORCE: the owner (a superuser) is trusted.
ALTER TABLE grid.lookup_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY lookup_audit_admin_read ON grid.lookup_audit FOR SELECT USING (grid.is_admin());
CREATE POLICY lookup_audit_admin_delete ON grid.lookup_audit FOR DELETE USING (grid.is_admin());
CREATE POLICY lookup_audit_record ON grid.lookup_audit FOR INSERT TO grid_lookup
    WITH CHECK (role = grid.acting_role()::name AND login = session_user AND xact = pg_catalog.pg_current_xact_id());
CREATE POLICY lookup_audit_batch_read ON grid.lookup_audit FOR SELECT TO grid_lookup
    USING (batch IS NOT NULL AND role = grid.acting_role()::name AND xact = pg_catalog.pg_current_xact_id());
CREATE POLICY lookup_audit_batch_add ON grid.lookup_audit FOR UPDATE TO grid_lookup
    USING (batch IS NOT NULL AND role = grid.acting_role()::name AND xact = pg_catalog.pg_current_xact_id())
    WITH CHECK (batch IS NOT NULL AND role = grid.acting_role()::name AND xact = pg_catalog.pg_current_xact_id());
COMMENT ON POLICY lookup_audit_admin_read ON grid.lookup_audit IS 'grid: administrators read the audit';
COMMENT ON POLICY lookup_audit_admin_delete ON grid.lookup_audit IS 'grid: administrators delete after retention';
COMMENT ON POLICY lookup_audit_record ON grid.lookup_audit IS
    'grid: only the look-up functions (as grid_lookup) record, in the acting role''s and the login''s name, in their own transaction';
COMMENT ON POLICY lookup_audit_batch_read ON grid.lookup_audit IS
    'grid: the look-up functions see their own transaction''s batch rows, to add to them';
COMMENT ON POLICY lookup_audit_batch_add ON grid.lookup_audit IS
    'grid: the look-up functions add a batch''s look-ups to its row of their own transaction';

-- TRUNCATE is not subject to row-level security: only administrators
-- truncate the audit.
SELECT grid.guard_truncate('grid.lookup_audit');

-- Record a look-up.  SECURITY INVOKER: it works only for grid_lookup (the
-- owner of the look-up functions) and superusers, whom row-level security
-- lets write; for anyone else it refuses before trying.  A single look-up
-- (batch NULL) is a row of its own; bulk look-ups (lookups of them) add to
-- the row of their batch in this transaction.  Returns the row's look-ups.
CREATE FUNCTION grid.audit_lookup(kind text, query text, results integer, batch bigint DEFAULT NULL,
                                  lookups integer DEFAULT 1)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_column
DECLARE
    n integer;
BEGIN
    IF NOT pg_has_role(current_user, 'grid_lookup', 'USAGE') THEN
        RAISE EXCEPTION 'permission denied to write the look-up audit'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Only the look-up functions, owned by grid_lookup, record look-ups.',
                  HINT = 'Call grid.find_resident or grid.match_candidates: they record what they look up.';
    END IF;
    IF audit_lookup.kind IS NULL OR audit_lookup.query IS NULL OR audit_lookup.results IS NULL
       OR audit_lookup.lookups IS NULL THEN
        RAISE EXCEPTION 'kind, query, results and lookups must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF audit_lookup.batch IS NULL THEN
        INSERT INTO grid.lookup_audit (role, login, kind, query, results, lookups)
        VALUES (grid.acting_role()::name, session_user, left(audit_lookup.kind, 20), left(audit_lookup.query, 200),
                audit_lookup.results, audit_lookup.lookups);
        n := audit_lookup.lookups;
    ELSE
        INSERT INTO grid.lookup_audit AS a (role, login, kind, query, results, lookups, batch)
        VALUES (grid.acting_role()::name, session_user, left(audit_lookup.kind, 20), left(audit_lookup.query, 200),
                audit_lookup.results, audit_lookup.lookups, audit_lookup.batch)
        ON CONFLICT (kind, batch, role, xact) WHERE batch IS NOT NULL
        DO UPDATE SET lookups = a.lookups + excluded.lookups, results = a.results + excluded.results
        RETURNING a.lookups INTO n;
    END IF;
    -- Also to the server log, which a ROLLBACK does not undo (a batch once,
    -- at its first look-ups in the transaction).
    IF n = audit_lookup.lookups THEN
        RAISE LOG 'grid lookup: role=% login=% kind=% results=% query=%',
            grid.acting_role(), session_user, left(audit_lookup.kind, 20), audit_lookup.results,
            left(audit_lookup.query, 200);
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.audit_lookup(text, text, integer, bigint, integer) IS
    'record look-ups of people (kind, what was asked, how many results; with a batch, added to the batch''s row of this transaction, lookups of them) for the acting role, and LOG them; returns the row''s look-ups. Only the look-up functions (owned by grid_lookup) may call it';
REVOKE EXECUTE ON FUNCTION grid.audit_lookup(text, text, integer, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.audit_lookup(text, text, integer, bigint, integer) TO grid_lookup;
