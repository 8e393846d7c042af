-- The SQL side of src/typeio.c.  grid's fixed-size types stored as an int8
-- (grid.division_code, grid.resident_id) are declared alike: C I/O
-- functions named after the type, a validating cast from text, and an
-- order and a hash that are those of the int8, through the C functions of
-- typeio.c.  So that this is written once, a procedure declares it; the
-- type's own file calls it and then adds what is its own (other functions
-- and operators, comments that say more).
--
-- For a type t, grid.declare_int8_type() creates t with t_in, t_out,
-- t_recv and t_send, the function t(text) and its cast, is_valid_t(text)
-- and t_error(text); then t_eq, t_ne, t_lt, t_le, t_gt, t_ge, t_cmp,
-- t_sortsupport, t_hash, t_hash_extended, t_smaller and t_larger, the
-- operators = <> < <= > >=, the operator classes t_ops (btree) and
-- t_hash_ops (hash), and min(t) and max(t).

CREATE PROCEDURE grid.declare_int8_type(type_name text, what text, noun text, order_name text,
                                         input_volatility text)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t text := pg_catalog.format('grid.%I', type_name);
    f record;
    o record;
BEGIN
    IF input_volatility NOT IN ('IMMUTABLE', 'STABLE') THEN
        RAISE EXCEPTION 'input_volatility must be IMMUTABLE or STABLE, not %', input_volatility;
    END IF;
    EXECUTE pg_catalog.format('CREATE TYPE %s', t);
    -- Reading text (and binary input, checked as strictly) may need more
    -- than the value, as a birth date checked against today; output never.
    FOR f IN
        SELECT * FROM (VALUES
            ('%1$s_in', 'cstring', '%1$s', '%1$s_in', input_volatility, 'input function of %1$s'),
            ('%1$s_out', '%1$s', 'cstring', '%1$s_out', 'IMMUTABLE', 'output function of %1$s'),
            ('%1$s_recv', 'internal', '%1$s', '%1$s_recv', input_volatility,
             'binary input function of %1$s (validates like text input)'),
            ('%1$s_send', '%1$s', 'bytea', '%1$s_send', 'IMMUTABLE',
             'binary output function of %1$s: version byte and int8'),
            ('%1$s', 'text', '%1$s', '%1$s_from_text', input_volatility,
             'cast text to %1$s; raises 22P02 naming the reason'),
            ('grid.is_valid_%2$s', 'text', 'boolean', 'is_valid_%2$s', input_volatility,
             'true if the text casts to %1$s, without raising an error'),
            ('%1$s_error', 'text', 'text', '%2$s_error', input_volatility,
             'NULL if the text is a valid %3$s, else the reason the cast would give')
        ) AS v(name, args, returns, symbol, volatility, comment)
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE FUNCTION %s(%s) RETURNS %s AS %L, %L LANGUAGE C %s STRICT PARALLEL SAFE',
            pg_catalog.format(f.name, t, type_name), pg_catalog.format(f.args, t),
            pg_catalog.format(f.returns, t), 'MODULE_PATHNAME',
            pg_catalog.format(f.symbol, type_name, type_name), f.volatility);
        EXECUTE pg_catalog.format('COMMENT ON FUNCTION %s(%s) IS %L',
                                  pg_catalog.format(f.name, t, type_name), pg_catalog.format(f.args, t),
                                  pg_catalog.format(f.comment, t, type_name, what));
        -- with its four I/O functions declared, the shell becomes the type
        IF f.name = '%1$s_send' THEN
            EXECUTE pg_catalog.format(
                'CREATE TYPE %1$s (INPUT = %1$s_in, OUTPUT = %1$s_out, RECEIVE = %1$s_recv, '
                'SEND = %1$s_send, INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, '
                'STORAGE = plain)', t);
        END IF;
    END LOOP;
    EXECUTE pg_catalog.format('CREATE CAST (text AS %1$s) WITH FUNCTION %1$s(text) AS ASSIGNMENT', t);
    EXECUTE pg_catalog.format(
        'COMMENT ON CAST (text AS %s) IS %L', t,
        'validating cast; assignment, so INSERT ... SELECT from text columns works');

    -- The comparison, sort support and hash functions.  They cannot fail or
    -- reveal anything, hence LEAKPROOF (indexes stay usable under row-level
    -- security); sort support takes and returns internal, so it need not be.
    FOR f IN
        SELECT * FROM (VALUES
            ('eq', 'boolean', '%1$s, %1$s', true, 'implementation of = for %1$s'),
            ('ne', 'boolean', '%1$s, %1$s', true, 'implementation of <> for %1$s'),
            ('lt', 'boolean', '%1$s, %1$s', true, 'implementation of < for %1$s'),
            ('le', 'boolean', '%1$s, %1$s', true, 'implementation of <= for %1$s'),
            ('gt', 'boolean', '%1$s, %1$s', true, 'implementation of > for %1$s'),
            ('ge', 'boolean', '%1$s, %1$s', true, 'implementation of >= for %1$s'),
            ('cmp', 'integer', '%1$s, %1$s', true, 'btree comparison of %1$s'),
            ('sortsupport', 'void', 'internal', false, 'btree sort support of %1$s'),
            ('hash', 'integer', '%1$s', true, 'hash of %1$s'),
            ('hash_extended', 'bigint', '%1$s, bigint', true,
             'seeded 64-bit hash of %1$s (hash partitioning, sharding)'),
            -- for min() and max(); they return a value, so are not LEAKPROOF
            ('smaller', '%1$s', '%1$s, %1$s', false, 'the smaller of two %2$ss (for min)'),
            ('larger', '%1$s', '%1$s, %1$s', false, 'the larger of two %2$ss (for max)')
        ) AS v(suffix, returns, args, leakproof, comment)
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE FUNCTION %1$s_%2$s(%3$s) RETURNS %4$s AS %5$L, %6$L '
            'LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE%7$s',
            t, f.suffix, pg_catalog.format(f.args, t), pg_catalog.format(f.returns, t),
            'MODULE_PATHNAME', 'grid_int8_' || f.suffix,
            CASE WHEN f.leakproof THEN ' LEAKPROOF' ELSE '' END);
        EXECUTE pg_catalog.format('COMMENT ON FUNCTION %s_%s(%s) IS %L',
                                  t, f.suffix, pg_catalog.format(f.args, t),
                                  pg_catalog.format(f.comment, t, noun));
    END LOOP;

    -- The six operators, in the order of the values they compare.
    FOR o IN
        SELECT * FROM (VALUES
            ('=', 'eq', '=', '<>', 'eqsel', 'eqjoinsel', ', HASHES, MERGES', 'equal'),
            ('<>', 'ne', '<>', '=', 'neqsel', 'neqjoinsel', '', 'not equal'),
            ('<', 'lt', '>', '>=', 'scalarltsel', 'scalarltjoinsel', '', 'less than (%s)'),
            ('<=', 'le', '>=', '>', 'scalarlesel', 'scalarlejoinsel', '', 'less than or equal (%s)'),
            ('>', 'gt', '<', '<=', 'scalargtsel', 'scalargtjoinsel', '', 'greater than (%s)'),
            ('>=', 'ge', '<=', '<', 'scalargesel', 'scalargejoinsel', '', 'greater than or equal (%s)')
        ) AS v(op, suffix, commutator, negator, restrict, join_sel, extra, comment)
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE OPERATOR grid.%2$s (LEFTARG = %1$s, RIGHTARG = %1$s, FUNCTION = %1$s_%3$s, '
            'COMMUTATOR = OPERATOR(grid.%4$s), NEGATOR = OPERATOR(grid.%5$s), '
            'RESTRICT = pg_catalog.%6$s, JOIN = pg_catalog.%7$s%8$s)',
            t, o.op, o.suffix, o.commutator, o.negator, o.restrict, o.join_sel, o.extra);
        EXECUTE pg_catalog.format('COMMENT ON OPERATOR grid.%2$s (%1$s, %1$s) IS %3$L',
                                  t, o.op, pg_catalog.format(o.comment, order_name));
    END LOOP;

    -- Equal values are bitwise equal, so btree deduplication applies.
    EXECUTE pg_catalog.format(
        'CREATE OPERATOR CLASS %1$s_ops DEFAULT FOR TYPE %1$s USING btree AS '
        'OPERATOR 1 grid.<, OPERATOR 2 grid.<=, OPERATOR 3 grid.=, OPERATOR 4 grid.>=, OPERATOR 5 grid.>, '
        'FUNCTION 1 %1$s_cmp(%1$s, %1$s), FUNCTION 2 %1$s_sortsupport(internal), '
        'FUNCTION 4 pg_catalog.btequalimage(oid)', t);
    EXECUTE pg_catalog.format(
        'CREATE OPERATOR CLASS %1$s_hash_ops DEFAULT FOR TYPE %1$s USING hash AS '
        'OPERATOR 1 grid.=, FUNCTION 1 %1$s_hash(%1$s), FUNCTION 2 %1$s_hash_extended(%1$s, bigint)', t);
    EXECUTE pg_catalog.format('COMMENT ON OPERATOR CLASS %1$s_ops USING btree IS %2$L',
                              t, 'btree operator class of ' || t);
    EXECUTE pg_catalog.format('COMMENT ON OPERATOR CLASS %1$s_hash_ops USING hash IS %2$L',
                              t, 'hash operator class of ' || t);
    EXECUTE pg_catalog.format('COMMENT ON OPERATOR FAMILY %1$s_ops USING btree IS %2$L',
                              t, 'btree operator family of ' || t);
    EXECUTE pg_catalog.format('COMMENT ON OPERATOR FAMILY %1$s_hash_ops USING hash IS %2$L',
                              t, 'hash operator family of ' || t);

    -- min() and max(), as for any ordered type.
    EXECUTE pg_catalog.format(
        'CREATE AGGREGATE grid.min(%1$s) (SFUNC = %1$s_smaller, STYPE = %1$s, '
        'SORTOP = OPERATOR(grid.<), COMBINEFUNC = %1$s_smaller, PARALLEL = SAFE)', t);
    EXECUTE pg_catalog.format(
        'CREATE AGGREGATE grid.max(%1$s) (SFUNC = %1$s_larger, STYPE = %1$s, '
        'SORTOP = OPERATOR(grid.>), COMBINEFUNC = %1$s_larger, PARALLEL = SAFE)', t);
    EXECUTE pg_catalog.format('COMMENT ON AGGREGATE grid.min(%s) IS %L', t, 'smallest ' || noun);
    EXECUTE pg_catalog.format('COMMENT ON AGGREGATE grid.max(%s) IS %L', t, 'largest ' || noun);
END
$$;
COMMENT ON PROCEDURE grid.declare_int8_type(text, text, text, text, text) IS
    'install step: declares a grid type stored as an int8 with its C input and output functions, its validating cast from text, is_valid_<type>(text) and <type>_error(text), its comparison and hash functions, operators = <> < <= > >=, btree and hash operator classes, min() and max(): the type, what a value is called in errors, the noun for values, the name of the order, and the volatility of reading text';
REVOKE ALL ON PROCEDURE grid.declare_int8_type(text, text, text, text, text) FROM PUBLIC;
