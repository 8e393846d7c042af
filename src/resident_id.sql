-- grid.resident_id: the 18-character citizen identity number (GB 11643-1999),
-- stored as its 17 digits in 8 bytes; the check character is derived.

CREATE TYPE grid.resident_id;

-- STABLE, not IMMUTABLE: input rejects birth dates after today, so it reads
-- the clock and the session time zone (as date_in reads DateStyle).
CREATE FUNCTION grid.resident_id_in(cstring) RETURNS grid.resident_id
    AS 'MODULE_PATHNAME', 'resident_id_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.resident_id_out(grid.resident_id) RETURNS cstring
    AS 'MODULE_PATHNAME', 'resident_id_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE for the same reason as resident_id_in.
CREATE FUNCTION grid.resident_id_recv(internal) RETURNS grid.resident_id
    AS 'MODULE_PATHNAME', 'resident_id_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.resident_id_send(grid.resident_id) RETURNS bytea
    AS 'MODULE_PATHNAME', 'resident_id_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE grid.resident_id (
    INPUT = grid.resident_id_in,
    OUTPUT = grid.resident_id_out,
    RECEIVE = grid.resident_id_recv,
    SEND = grid.resident_id_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE grid.resident_id IS
    'citizen identity number (GB 11643-1999), also Hong Kong, Macao and Taiwan residence permits (810000, 820000, 830000) and foreigners'' permanent residence ID cards of 2023 (9, mainland province of issue, nationality); validated, 8 bytes';
COMMENT ON FUNCTION grid.resident_id_in(cstring) IS 'input function of grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_out(grid.resident_id) IS 'output function of grid.resident_id: 18 characters, upper-case X';
COMMENT ON FUNCTION grid.resident_id_recv(internal) IS 'binary input function of grid.resident_id (validates like text input)';
COMMENT ON FUNCTION grid.resident_id_send(grid.resident_id) IS 'binary output function of grid.resident_id: version byte and int8';

-- Casts and validation of text.  STABLE: they read the clock (see above).
CREATE FUNCTION grid.resident_id(text) RETURNS grid.resident_id
    AS 'MODULE_PATHNAME', 'resident_id_from_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.resident_id(text) IS 'cast text to grid.resident_id; raises 22P02 naming the reason';
CREATE CAST (text AS grid.resident_id) WITH FUNCTION grid.resident_id(text) AS ASSIGNMENT;
COMMENT ON CAST (text AS grid.resident_id) IS 'validating cast; assignment, so INSERT ... SELECT from text columns works';

CREATE FUNCTION grid.is_valid_resident_id(text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'is_valid_resident_id' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.is_valid_resident_id(text) IS 'true if the text casts to grid.resident_id, without raising an error';
CREATE FUNCTION grid.resident_id_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'resident_id_error' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.resident_id_error(text) IS 'NULL if the text is a valid resident ID, else the reason the cast would give';

-- What the number encodes.
CREATE FUNCTION grid.birth_date(grid.resident_id) RETURNS date
    AS 'MODULE_PATHNAME', 'resident_id_birth_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.birth_date(grid.resident_id) IS 'birth date encoded in characters 7-14';
CREATE FUNCTION grid.sex(grid.resident_id) RETURNS text
    AS 'MODULE_PATHNAME', 'resident_id_sex' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.sex(grid.resident_id) IS 'M or F, from the parity of the sequence number (character 17)';
CREATE FUNCTION grid.age(grid.resident_id, on_date date DEFAULT current_date) RETURNS integer
    AS 'MODULE_PATHNAME', 'resident_id_age' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.age(grid.resident_id, date) IS 'age in whole years on the given date (default today)';
CREATE FUNCTION grid.address_code(grid.resident_id) RETURNS grid.division_code
    AS 'MODULE_PATHNAME', 'resident_id_address_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.address_code(grid.resident_id) IS
    'the division of issue from characters 1-6: a county (420503), city (420500 is 4205) or province (810000 is 81); for foreigners'' permanent residence cards the province of issue, characters 2-3';
CREATE FUNCTION grid.id_kind(grid.resident_id) RETURNS text
    AS 'MODULE_PATHNAME', 'resident_id_kind' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.id_kind(grid.resident_id) IS
    'citizen, hongkong_resident, macao_resident, taiwan_resident or foreign_permanent';
CREATE FUNCTION grid.mask(grid.resident_id) RETURNS text
    AS 'MODULE_PATHNAME', 'resident_id_mask' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.mask(grid.resident_id) IS 'report form with the middle hidden: 420503********123X';

-- The blocking key of mistyped IDs; LEAKPROOF (resident_id.c), so that a
-- look-up under row-level security can use its index.
CREATE FUNCTION grid.id_prefix(grid.resident_id) RETURNS text
    AS 'MODULE_PATHNAME', 'resident_id_prefix' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION grid.id_prefix(grid.resident_id) IS
    'the first 14 characters of an ID (address code and birth date): the blocking key of IDs typed with a wrong sequence or check character; LEAKPROOF, so its index serves under row-level security';

-- Comparison.  The value is the 17 digits as an int8, so integer order is
-- exactly the order of the text (src/typeio.c); the functions cannot fail or
-- reveal anything, hence LEAKPROOF (indexes stay usable under row-level security).
CREATE FUNCTION grid.resident_id_eq(grid.resident_id, grid.resident_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_ne(grid.resident_id, grid.resident_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_lt(grid.resident_id, grid.resident_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_le(grid.resident_id, grid.resident_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_gt(grid.resident_id, grid.resident_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_ge(grid.resident_id, grid.resident_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'grid_int8_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_cmp(grid.resident_id, grid.resident_id) RETURNS integer
    AS 'MODULE_PATHNAME', 'grid_int8_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'grid_int8_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.resident_id_hash(grid.resident_id) RETURNS integer
    AS 'MODULE_PATHNAME', 'grid_int8_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION grid.resident_id_hash_extended(grid.resident_id, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'grid_int8_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION grid.resident_id_eq(grid.resident_id, grid.resident_id) IS 'implementation of = for grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_ne(grid.resident_id, grid.resident_id) IS 'implementation of <> for grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_lt(grid.resident_id, grid.resident_id) IS 'implementation of < for grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_le(grid.resident_id, grid.resident_id) IS 'implementation of <= for grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_gt(grid.resident_id, grid.resident_id) IS 'implementation of > for grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_ge(grid.resident_id, grid.resident_id) IS 'implementation of >= for grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_cmp(grid.resident_id, grid.resident_id) IS 'btree comparison of grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_sortsupport(internal) IS 'btree sort support of grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_hash(grid.resident_id) IS 'hash of grid.resident_id';
COMMENT ON FUNCTION grid.resident_id_hash_extended(grid.resident_id, bigint) IS 'seeded 64-bit hash of grid.resident_id (hash partitioning, sharding)';

CREATE OPERATOR grid.= (
    LEFTARG = grid.resident_id, RIGHTARG = grid.resident_id, FUNCTION = grid.resident_id_eq,
    COMMUTATOR = OPERATOR(grid.=), NEGATOR = OPERATOR(grid.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR grid.<> (
    LEFTARG = grid.resident_id, RIGHTARG = grid.resident_id, FUNCTION = grid.resident_id_ne,
    COMMUTATOR = OPERATOR(grid.<>), NEGATOR = OPERATOR(grid.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR grid.< (
    LEFTARG = grid.resident_id, RIGHTARG = grid.resident_id, FUNCTION = grid.resident_id_lt,
    COMMUTATOR = OPERATOR(grid.>), NEGATOR = OPERATOR(grid.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR grid.<= (
    LEFTARG = grid.resident_id, RIGHTARG = grid.resident_id, FUNCTION = grid.resident_id_le,
    COMMUTATOR = OPERATOR(grid.>=), NEGATOR = OPERATOR(grid.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR grid.> (
    LEFTARG = grid.resident_id, RIGHTARG = grid.resident_id, FUNCTION = grid.resident_id_gt,
    COMMUTATOR = OPERATOR(grid.<), NEGATOR = OPERATOR(grid.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR grid.>= (
    LEFTARG = grid.resident_id, RIGHTARG = grid.resident_id, FUNCTION = grid.resident_id_ge,
    COMMUTATOR = OPERATOR(grid.<=), NEGATOR = OPERATOR(grid.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR grid.= (grid.resident_id, grid.resident_id) IS 'equal';
COMMENT ON OPERATOR grid.<> (grid.resident_id, grid.resident_id) IS 'not equal';
COMMENT ON OPERATOR grid.< (grid.resident_id, grid.resident_id) IS 'less than (text order)';
COMMENT ON OPERATOR grid.<= (grid.resident_id, grid.resident_id) IS 'less than or equal (text order)';
COMMENT ON OPERATOR grid.> (grid.resident_id, grid.resident_id) IS 'greater than (text order)';
COMMENT ON OPERATOR grid.>= (grid.resident_id, grid.resident_id) IS 'greater than or equal (text order)';

CREATE OPERATOR CLASS grid.resident_id_ops
    DEFAULT FOR TYPE grid.resident_id USING btree AS
        OPERATOR 1 grid.<,
        OPERATOR 2 grid.<=,
        OPERATOR 3 grid.=,
        OPERATOR 4 grid.>=,
        OPERATOR 5 grid.>,
        FUNCTION 1 grid.resident_id_cmp(grid.resident_id, grid.resident_id),
        FUNCTION 2 grid.resident_id_sortsupport(internal),
        -- equal values are bitwise equal, so btree deduplication applies
        FUNCTION 4 pg_catalog.btequalimage(oid);
COMMENT ON OPERATOR CLASS grid.resident_id_ops USING btree IS 'btree operator class of grid.resident_id';

CREATE OPERATOR CLASS grid.resident_id_hash_ops
    DEFAULT FOR TYPE grid.resident_id USING hash AS
        OPERATOR 1 grid.=,
        FUNCTION 1 grid.resident_id_hash(grid.resident_id),
        FUNCTION 2 grid.resident_id_hash_extended(grid.resident_id, bigint);
COMMENT ON OPERATOR CLASS grid.resident_id_hash_ops USING hash IS 'hash operator class of grid.resident_id';
COMMENT ON OPERATOR FAMILY grid.resident_id_ops USING btree IS 'btree operator family of grid.resident_id';
COMMENT ON OPERATOR FAMILY grid.resident_id_hash_ops USING hash IS 'hash operator family of grid.resident_id';

-- min() and max(), as for any ordered type.
CREATE FUNCTION grid.resident_id_smaller(grid.resident_id, grid.resident_id) RETURNS grid.resident_id
    AS 'MODULE_PATHNAME', 'grid_int8_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grid.resident_id_larger(grid.resident_id, grid.resident_id) RETURNS grid.resident_id
    AS 'MODULE_PATHNAME', 'grid_int8_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.resident_id_smaller(grid.resident_id, grid.resident_id) IS 'the smaller of two IDs (for min)';
COMMENT ON FUNCTION grid.resident_id_larger(grid.resident_id, grid.resident_id) IS 'the larger of two IDs (for max)';
CREATE AGGREGATE grid.min(grid.resident_id) (
    SFUNC = grid.resident_id_smaller, STYPE = grid.resident_id,
    SORTOP = OPERATOR(grid.<), COMBINEFUNC = grid.resident_id_smaller, PARALLEL = SAFE
);
CREATE AGGREGATE grid.max(grid.resident_id) (
    SFUNC = grid.resident_id_larger, STYPE = grid.resident_id,
    SORTOP = OPERATOR(grid.>), COMBINEFUNC = grid.resident_id_larger, PARALLEL = SAFE
);
COMMENT ON AGGREGATE grid.min(grid.resident_id) IS 'smallest ID';
COMMENT ON AGGREGATE grid.max(grid.resident_id) IS 'largest ID';
