-- grid.resident_id: the 18-character citizen identity number (GB 11643-1999),
-- stored as its 17 digits in 8 bytes; the check character is derived.

-- The type, its I/O functions (resident_id.c), the validating cast from
-- text, grid.is_valid_resident_id(), grid.resident_id_error(), comparison,
-- hashing, min() and max(): declared as for every int8-backed type, by
-- src/typeio.sql.  The value is the 17 digits as an int8, so integer order
-- is exactly the order of the text.  Reading text is STABLE, not
-- IMMUTABLE: input rejects birth dates after today, so it reads the clock
-- and the session time zone (as date_in reads DateStyle).
CALL grid.declare_int8_type('resident_id', what => 'resident ID', noun => 'ID',
                            order_name => 'text order', input_volatility => 'STABLE');
COMMENT ON TYPE grid.resident_id IS
    'citizen identity number (GB 11643-1999), also Hong Kong, Macao and Taiwan residence permits (810000, 820000, 830000) and foreigners'' permanent residence ID cards of 2023 (9, mainland province of issue, nationality); validated, 8 bytes';
COMMENT ON FUNCTION grid.resident_id_out(grid.resident_id) IS 'output function of grid.resident_id: 18 characters, upper-case X';

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
