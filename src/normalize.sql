-- grid normalize: names, pinyin, phone numbers and resident IDs as people
-- type them, folded to matching keys and compared.  All IMMUTABLE: the
-- tables are compiled in, and nothing reads the locale, a setting or the
-- clock, so every function may back an expression index.

CREATE FUNCTION grid.normalize_name(name text) RETURNS text
    AS 'MODULE_PATHNAME', 'normalize_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.normalize_name(text) IS
    'name as a matching key: full-width to ASCII, upper-case Latin, spaces and punctuation removed, one · between the parts of a transliterated name, traditional characters simplified';

CREATE FUNCTION grid.pinyin(name text, as_name boolean DEFAULT true) RETURNS text
    AS 'MODULE_PATHNAME', 'pinyin' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.pinyin(text, boolean) IS
    'toneless pinyin (ü as v), syllables separated by spaces; ASCII letters and digits kept in lower case; with as_name (the default) a leading surname takes its surname reading (单 shan, 尉迟 yu chi)';

CREATE FUNCTION grid.pinyin_fuzzy(name text, as_name boolean DEFAULT true) RETURNS text
    AS 'MODULE_PATHNAME', 'pinyin_fuzzy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.pinyin_fuzzy(text, boolean) IS
    'grid.pinyin with each syllable folded by the confusions of southern and Hubei speech: zh>z ch>c sh>s n>l r>l f>h, ang>an eng>en ing>in iang>ian uang>uan';

CREATE FUNCTION grid.pinyin_initials(name text, as_name boolean DEFAULT true) RETURNS text
    AS 'MODULE_PATHNAME', 'pinyin_initials' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.pinyin_initials(text, boolean) IS
    'first letter of each syllable of grid.pinyin and of each ASCII token, without spaces: cj for 陈君';

CREATE FUNCTION grid.normalize_phone(phone text) RETURNS text
    AS 'MODULE_PATHNAME', 'normalize_phone' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.normalize_phone(text) IS
    'mainland mobile number as 11 digits, or landline as area code and number (07176221234), from any common writing (+86, 0086, spaces, dashes, dots, brackets, full-width digits); NULL if the text is not such a number';

CREATE FUNCTION grid.name_similarity(a text, b text) RETURNS real
    AS 'MODULE_PATHNAME', 'name_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.name_similarity(text, text) IS
    'similarity of two names in [0,1]: 1 equal after normalisation, 0.9 per homophone character, 0.8 per fuzzy-pinyin character, 0.7 per look-alike character (the same four-corner code: 王 玉, 未 末), 0.3 same initial or final, 0.1 other, 0.3 per missing character, multiplied along the best alignment';

CREATE FUNCTION grid.id_similarity(a text, b text) RETURNS real
    AS 'MODULE_PATHNAME', 'id_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.id_similarity(text, text) IS
    'similarity of two resident IDs as typed: 1 the same valid ID (15 or 18 digits), 0.9 when one fails its check character and is one wrong digit or one adjacent swap from the other, else 0';

CREATE FUNCTION grid.id_neighbours(id text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'id_neighbours' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.id_neighbours(text) IS
    'the valid resident IDs one typing error (one character changed, or two neighbours swapped) away from an 18-character ID as typed that is not valid itself, such as one whose birth date is impossible: a blocking key for mistyped IDs; empty for a valid ID or anything else';
