-- grid.division_code: an administrative division code (GB/T 2260 six
-- digits, the statistics bureau's twelve, and a grid's three under its
-- village), stored as the code zero-padded to 15 digits in 8 bytes.
--
-- Canonical text is each level's own length without padding: 42, 4205,
-- 420503, 420503004, 420503004001, 420503004001007.  The length shows the
-- level, and a code lies inside another exactly when the other's text is a
-- prefix of its own.  The padded forms people write (420500, 420500000000)
-- are accepted as input and mean the same division.

-- The type, its I/O functions (division.c), the validating cast from text,
-- grid.is_valid_division_code(), grid.division_code_error(), comparison,
-- hashing, min() and max(): declared as for every int8-backed type, by
-- src/typeio.sql.  The value is the padded code as an int8, so integer
-- order is preorder (a division just before its subtree).  A division
-- column repeats one value for every resident in it, which btree
-- deduplication keeps small.
CALL grid.declare_int8_type('division_code', what => 'division code', noun => 'code',
                            order_name => 'preorder', input_volatility => 'IMMUTABLE');
COMMENT ON TYPE grid.division_code IS
    'administrative division code: province, city, county (GB/T 2260), township, village, grid; printed at its level''s own length (42, 4205, 420503, 420503004, 420503004001, 420503004001007) so that text prefix means containment; 8 bytes';
COMMENT ON FUNCTION grid.division_code_in(cstring) IS 'input function of grid.division_code: each level''s own length or zero-padded to 6, 9, 12 or 15 digits';
COMMENT ON FUNCTION grid.division_code_out(grid.division_code) IS 'output function of grid.division_code: the level''s own length, without padding';
COMMENT ON FUNCTION grid.division_code_send(grid.division_code) IS 'binary output function of grid.division_code: version byte and int8 (the code zero-padded to 15 digits)';
-- The stored value is an int8 already: the code zero-padded to 15 digits.
CREATE CAST (grid.division_code AS bigint) WITHOUT FUNCTION;
COMMENT ON CAST (grid.division_code AS bigint) IS 'the code zero-padded to 15 digits, as a number: 4205 is 420500000000000';
COMMENT ON OPERATOR grid.= (grid.division_code, grid.division_code) IS 'equal (any written form of one division)';
COMMENT ON OPERATOR grid.< (grid.division_code, grid.division_code) IS 'less than (preorder: a division sorts just before its subtree)';
COMMENT ON OPERATOR CLASS grid.division_code_ops USING btree IS 'btree operator class of grid.division_code; with the support functions it also serves @> and <@';
COMMENT ON AGGREGATE grid.min(grid.division_code) IS 'first code in sort order';
COMMENT ON AGGREGATE grid.max(grid.division_code) IS 'last code in sort order';

-- The hierarchy.
CREATE FUNCTION grid.level(grid.division_code) RETURNS text
    AS 'MODULE_PATHNAME', 'division_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.level(grid.division_code) IS
    'province, city, county, township, village or grid: the deepest non-zero part';
CREATE FUNCTION grid.parent(grid.division_code) RETURNS grid.division_code
    AS 'MODULE_PATHNAME', 'division_parent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.parent(grid.division_code) IS 'the division one level up; NULL for a province';
CREATE FUNCTION grid.ancestor(grid.division_code, level text) RETURNS grid.division_code
    AS 'MODULE_PATHNAME', 'division_ancestor' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.ancestor(grid.division_code, text) IS
    'the division at the named level containing the code (itself at its own level); NULL if the level is below the code''s; 22023 for an unknown level name';
CREATE FUNCTION grid.ancestors(grid.division_code) RETURNS grid.division_code[]
    AS 'MODULE_PATHNAME', 'division_ancestors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.ancestors(grid.division_code) IS 'every division containing the code, province first, the code itself last';
CREATE FUNCTION grid.subtree_last(grid.division_code) RETURNS grid.division_code
    AS 'MODULE_PATHNAME', 'division_subtree_last' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.subtree_last(grid.division_code) IS
    'the last code under the division in sort order (420503 gives 420503999999999): its subtree is the range from the code to this';

-- Containment.  LEAKPROOF like the comparisons: two int8 compared with the
-- subtree's range, which cannot fail or reveal anything; without it a
-- user's "division <@ x" could not use an index under row-level security.
-- The support functions turn "col <@ x" and "x @> col" into the btree range
-- "col >= x AND col <= grid.subtree_last(x)", and "col @> x" into
-- "col = ANY(grid.ancestors(x))", so a btree index answers them.
CREATE FUNCTION grid.division_contains_support(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'division_contains_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.division_contained_by_support(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'division_contained_by_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.division_contains_support(internal) IS 'planner support for @>: btree index conditions and selectivity';
COMMENT ON FUNCTION grid.division_contained_by_support(internal) IS 'planner support for <@: btree index conditions and selectivity';
CREATE FUNCTION grid.division_contains(grid.division_code, grid.division_code) RETURNS boolean
    AS 'MODULE_PATHNAME', 'division_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT grid.division_contains_support;
CREATE FUNCTION grid.division_contained_by(grid.division_code, grid.division_code) RETURNS boolean
    AS 'MODULE_PATHNAME', 'division_contained_by' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT grid.division_contained_by_support;
COMMENT ON FUNCTION grid.division_contains(grid.division_code, grid.division_code) IS
    'implementation of @>: the first division contains the second, or is it';
COMMENT ON FUNCTION grid.division_contained_by(grid.division_code, grid.division_code) IS
    'implementation of <@: the first division lies in the second, or is it';
-- STABLE, as every restriction estimator: they read the column's statistics.
CREATE FUNCTION grid.division_contains_sel(internal, oid, internal, integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'division_contains_sel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.division_contained_by_sel(internal, oid, internal, integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'division_contained_by_sel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.division_contains_sel(internal, oid, internal, integer) IS
    'restriction selectivity of @>, from the statistics of the equivalent btree clauses';
COMMENT ON FUNCTION grid.division_contained_by_sel(internal, oid, internal, integer) IS
    'restriction selectivity of <@, from the statistics of the equivalent btree range';

CREATE OPERATOR grid.@> (
    LEFTARG = grid.division_code, RIGHTARG = grid.division_code,
    FUNCTION = grid.division_contains, COMMUTATOR = OPERATOR(grid.<@),
    RESTRICT = grid.division_contains_sel, JOIN = contjoinsel
);
CREATE OPERATOR grid.<@ (
    LEFTARG = grid.division_code, RIGHTARG = grid.division_code,
    FUNCTION = grid.division_contained_by, COMMUTATOR = OPERATOR(grid.@>),
    RESTRICT = grid.division_contained_by_sel, JOIN = contjoinsel
);
COMMENT ON OPERATOR grid.@> (grid.division_code, grid.division_code) IS 'contains or is: 4205 @> 420503004';
COMMENT ON OPERATOR grid.<@ (grid.division_code, grid.division_code) IS 'lies in or is: 420503004 <@ 4205';
