-- grid matching: finding a person in the registry from what a caller or a
-- source gives (ID as typed, name, phone, address), and linking whole
-- batches of source records to residents.
--
-- Candidates come only from indexed blocking keys (grid.resident_candidates):
-- the ID; the first 14 characters of a mistyped ID (address code and birth
-- date); the valid IDs one typing error away from a mistyped one
-- (grid.id_neighbours: a swap inside the birth date makes it impossible,
-- and defeats the prefix); the name's fuzzy pinyin (shared by equal names, homophones and the
-- confusions of Hubei speech) with the birth date, inside the division the
-- address names, or with sex and birth year; a phone number.  Each candidate is scored Fellegi-Sunter style
-- (grid.match_weights): every field has agreement levels, each level a
-- weight log2(m/u), where m is how often the level occurs for a true match
-- and u how often for a random resident.  For names u comes from how common
-- the name is in the registry (grid.name_frequency), so 张伟 agreeing counts
-- for less than a rare name agreeing.  A phone counts by how many of the
-- candidates hold it: one resident's number is near-certain, a number a
-- household shares is not, and the explanation then lists its holders.
-- The score is the sum of the weights.
--
-- Decisions (grid.link_batch): link at or above the link threshold unless
-- the runner-up is close; a registered ID that matches exactly links
-- whatever the score unless the name disagrees (then review); a name that
-- agrees with one holder of a household's phone and disagrees with the
-- others links, unless another field contradicts it (rule).  The
-- explanation says why a record went to review (reason).

-- How common each name, pinyin and fuzzy pinyin is among residents.
--
-- The table is read by everyone who matches (grid.match_record), so it
-- must say nothing about any one person: it keeps only keys that at least
-- grid.name_frequency_k() residents share (k-anonymity, k = 10), so that a
-- row shows that ten or more people in the whole registry have a name,
-- never that someone does.  A rarer key is left out and counts as one
-- resident (grid.match_record): an agreeing name is at least the
-- candidate's own, so a name shared by 2 to 9 weighs as a unique one does
-- (at most log2(5), 2.3 bits, more than its count would give).  Row-level
-- security lets everyone read it and only administrators write it;
-- grid.refresh_name_frequency counts the whole registry, whoever calls it.

-- IMMUTABLE: a constant.
CREATE FUNCTION grid.name_frequency_k() RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN 10;
COMMENT ON FUNCTION grid.name_frequency_k() IS
    'k of the k-anonymity of grid.name_frequency: a name, pinyin or fuzzy pinyin is kept only when at least this many residents (10) share it';

CREATE TABLE grid.name_frequency (
    kind text NOT NULL CHECK (kind IN ('total', 'name', 'pinyin', 'fuzzy')),
    key  text NOT NULL,
    n    bigint NOT NULL CHECK (n > 0),
    PRIMARY KEY (kind, key),
    CONSTRAINT name_frequency_k_anonymous CHECK (kind = 'total' OR n >= grid.name_frequency_k())
);
COMMENT ON TABLE grid.name_frequency IS
    'how many residents share each name key, pinyin and fuzzy pinyin, only for keys at least grid.name_frequency_k() (10) residents share (kind total: all residents); the u probabilities of name agreement. Readable by everyone, written by administrators through grid.refresh_name_frequency (a reference table when sharded)';
COMMENT ON COLUMN grid.name_frequency.kind IS 'total, name (grid.normalize_name), pinyin (grid.pinyin) or fuzzy (grid.pinyin_fuzzy)';
COMMENT ON COLUMN grid.name_frequency.key IS 'the key; empty for total';
COMMENT ON COLUMN grid.name_frequency.n IS 'how many residents have it: at least grid.name_frequency_k() (10), except for total';
COMMENT ON CONSTRAINT name_frequency_k_anonymous ON grid.name_frequency IS
    'k-anonymity: no name, pinyin or fuzzy pinyin fewer than grid.name_frequency_k() residents share';
SELECT pg_catalog.pg_extension_config_dump('grid.name_frequency', '');
GRANT SELECT ON grid.name_frequency TO PUBLIC;
-- Everyone reads the (k-anonymous) counts; only administrators change
-- them, whatever privileges others hold, through
-- grid.refresh_name_frequency.
SELECT grid.enable_admin_writes('grid.name_frequency');

-- VOLATILE: writes.  SECURITY DEFINER: counts every resident, not only
-- those the caller sees (the counts are of the whole registry, and
-- k-anonymous); administrators only.
CREATE FUNCTION grid.refresh_name_frequency() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    total bigint;
    k constant integer := grid.name_frequency_k();
BEGIN
    PERFORM grid.require_admin('recount the names of the registry');
    DELETE FROM grid.name_frequency;
    INSERT INTO grid.name_frequency (kind, key, n)
    SELECT 'name', r.name_key, count(*) FROM grid.resident r GROUP BY r.name_key HAVING count(*) >= k;
    INSERT INTO grid.name_frequency (kind, key, n)
    SELECT 'pinyin', r.name_pinyin, count(*) FROM grid.resident r GROUP BY r.name_pinyin HAVING count(*) >= k;
    INSERT INTO grid.name_frequency (kind, key, n)
    SELECT 'fuzzy', r.name_fuzzy, count(*) FROM grid.resident r GROUP BY r.name_fuzzy HAVING count(*) >= k;
    SELECT count(*) INTO total FROM grid.resident;
    IF total > 0 THEN
        INSERT INTO grid.name_frequency (kind, key, n) VALUES ('total', '', total);
    END IF;
    ANALYZE grid.name_frequency;
    RETURN total;
END
$$;
COMMENT ON FUNCTION grid.refresh_name_frequency() IS
    'administrators: recount grid.name_frequency from every resident of grid.resident, keeping only keys at least grid.name_frequency_k() (10) residents share; returns the number of residents';
REVOKE EXECUTE ON FUNCTION grid.refresh_name_frequency() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.refresh_name_frequency() TO grid_admin;

-- A person as a source or a caller describes them, with the matching keys
-- computed once.
CREATE TYPE grid.match_record AS (
    id          grid.resident_id,   -- the ID if it is valid (15-digit IDs converted)
    id_text     text,               -- the ID as typed, cleaned (ASCII digits and X)
    id14        text,               -- address code and birth date of an 18-digit ID, even a mistyped one
    name        text,
    name_key    text,
    name_pinyin text,
    name_fuzzy  text,
    sex         text,               -- M or F, from the ID or given
    birth_date  date,               -- from the ID or given
    phone       text,               -- grid.normalize_phone
    address     grid.address_parts,
    u_name      float8,             -- share of residents with this name key
    u_pinyin    float8,
    u_fuzzy     float8,
    population  bigint,             -- residents counted by grid.refresh_name_frequency
    id_near     grid.resident_id[], -- valid IDs one typing error from a mistyped 18-character ID
    birth_from_id boolean           -- the birth date was read from a mistyped ID, not given
);
COMMENT ON TYPE grid.match_record IS
    'a person as given by a source or a caller, with matching keys and name frequencies (grid.match_record)';

-- The date in yyyymmdd, or NULL if it is no date.  IMMUTABLE.
CREATE FUNCTION grid.date_or_null(yyyymmdd text) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN yyyymmdd ~ '^(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$'
                 AND substr(yyyymmdd, 7, 2)::int
                     <= extract(day FROM pg_catalog.make_date(substr(yyyymmdd, 1, 4)::int, substr(yyyymmdd, 5, 2)::int, 1)
                                      + interval '1 month - 1 day')
                THEN pg_catalog.make_date(substr(yyyymmdd, 1, 4)::int, substr(yyyymmdd, 5, 2)::int,
                                          substr(yyyymmdd, 7, 2)::int) END;
COMMENT ON FUNCTION grid.date_or_null(text) IS 'the date written yyyymmdd, or NULL if it is not a valid date';

-- STABLE: reads grid.name_frequency and, through grid.parse_address,
-- grid.division; the ID cast reads the clock.
CREATE FUNCTION grid.match_record(id text, name text DEFAULT NULL, phone text DEFAULT NULL,
                                  address text DEFAULT NULL, birth_date date DEFAULT NULL,
                                  sex text DEFAULT NULL)
    RETURNS grid.match_record
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r     grid.match_record;
    clean text;
    n     bigint;
BEGIN
    clean := nullif(regexp_replace(upper(translate(coalesce(id, ''), '０１２３４５６７８９Ｘｘ', '0123456789XX')),
                                   '[^0-9X]', '', 'g'), '');
    r.id_text := clean;
    IF clean IS NOT NULL AND length(clean) <= 18 AND grid.is_valid_resident_id(clean) THEN
        r.id := clean::grid.resident_id;
        r.id_text := r.id::text;
    END IF;
    r.id14 := CASE WHEN length(r.id_text) = 18 THEN left(r.id_text, 14)
                   WHEN length(r.id_text) = 15 THEN left(r.id_text, 6) || '19' || substr(r.id_text, 7, 6) END;
    r.birth_date := coalesce(grid.birth_date(r.id), match_record.birth_date, grid.date_or_null(substr(r.id14, 7, 8)));
    r.birth_from_id := r.id IS NULL AND match_record.birth_date IS NULL AND r.birth_date IS NOT NULL;
    IF r.id IS NULL AND length(r.id_text) = 18 THEN
        -- (a birth date in the future is no ID yet)
        r.id_near := nullif(ARRAY(SELECT e.v::grid.resident_id FROM unnest(grid.id_neighbours(r.id_text)) AS e(v)
                                   WHERE grid.is_valid_resident_id(e.v)), '{}');
    END IF;
    r.sex := coalesce(grid.sex(r.id),
                      CASE WHEN upper(match_record.sex) IN ('M', '男') THEN 'M' WHEN upper(match_record.sex) IN ('F', '女') THEN 'F' END,
                      CASE WHEN length(r.id_text) = 18 AND substr(r.id_text, 17, 1) ~ '[0-9]'
                           THEN CASE WHEN substr(r.id_text, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END END);
    r.name := nullif(btrim(match_record.name), '');
    IF r.name IS NOT NULL THEN
        r.name_key := grid.normalize_name(r.name);
        r.name_pinyin := grid.pinyin(r.name);
        r.name_fuzzy := grid.pinyin_fuzzy(r.name);
    END IF;
    r.phone := grid.normalize_phone(match_record.phone);
    r.address := grid.parse_address(nullif(btrim(match_record.address), ''));

    SELECT f.n INTO n FROM grid.name_frequency f WHERE f.kind = 'total' AND f.key = '';
    r.population := coalesce(n, 0);
    -- shares smoothed towards 1 in 10,000, so that a small registry does
    -- not make every name look common; a key the table leaves out (fewer
    -- than grid.name_frequency_k() share it) counts as one resident
    SELECT (coalesce(max(f.n) FILTER (WHERE f.kind = 'name'), 1) + 1)::float8 / (r.population + 10000),
           (coalesce(max(f.n) FILTER (WHERE f.kind = 'pinyin'), 1) + 1)::float8 / (r.population + 10000),
           (coalesce(max(f.n) FILTER (WHERE f.kind = 'fuzzy'), 1) + 1)::float8 / (r.population + 10000)
      INTO r.u_name, r.u_pinyin, r.u_fuzzy
      FROM grid.name_frequency f
     WHERE (f.kind, f.key) IN (('name', r.name_key), ('pinyin', r.name_pinyin), ('fuzzy', r.name_fuzzy));
    RETURN r;
END
$$;
COMMENT ON FUNCTION grid.match_record(text, text, text, text, date, text) IS
    'the matching keys of a person as given: ID cleaned (full-width digits, 15 digits converted) and, when mistyped, its address code and birth date and the valid IDs one typing error away (grid.id_neighbours); name keys; phone; parsed address; name frequencies. STABLE: reads grid.name_frequency and grid.division';

-- Candidates from the blocking keys, each at most per_key residents, with
-- the keys that found them.  A valid ID found in the registry answers
-- alone.  Written as one SQL statement so that the planner inlines it and
-- EXPLAIN shows every key served by an index.  STABLE: reads grid.resident.
CREATE FUNCTION grid.resident_candidates(r grid.match_record, per_key integer DEFAULT 50)
    RETURNS TABLE (resident_id grid.resident_id, keys text[])
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    WITH exact AS (
        SELECT x.id FROM grid.resident x WHERE x.id OPERATOR(grid.=) (r).id
    ), c AS (
        SELECT e.id, 'id' AS k FROM exact e
        UNION ALL
        (SELECT x.id, 'id_prefix' FROM grid.resident x
          WHERE grid.id_prefix(x.id) = (r).id14 AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'id_edit' FROM grid.resident x
          WHERE x.id OPERATOR(grid.=) ANY ((r).id_near) AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'name_birth' FROM grid.resident x
          WHERE x.name_fuzzy = (r).name_fuzzy AND x.birth_date = (r).birth_date
            AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'name_division' FROM grid.resident x
          WHERE x.name_fuzzy = (r).name_fuzzy
            AND x.division OPERATOR(grid.<@) ((r).address).division
            AND grid.level(((r).address).division) <> 'city'
            AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'name_division' FROM grid.resident x
          WHERE x.name_fuzzy = (r).name_fuzzy
            AND x.division OPERATOR(grid.=) ANY (((r).address).divisions)
            AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'phone' FROM grid.resident x
          WHERE x.phones[1] = (r).phone AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'phone' FROM grid.resident x
          WHERE x.phones[2] = (r).phone AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
        UNION ALL
        (SELECT x.id, 'name_year' FROM grid.resident x
          WHERE x.name_fuzzy = (r).name_fuzzy AND (x.sex = (r).sex OR (r).sex IS NULL)
            AND x.birth_date >= pg_catalog.date_trunc('year', (r).birth_date)::date
            AND x.birth_date < (pg_catalog.date_trunc('year', (r).birth_date) + interval '1 year')::date
            AND NOT EXISTS (SELECT FROM exact)
          LIMIT per_key)
    )
    SELECT c.id, pg_catalog.array_agg(DISTINCT c.k ORDER BY c.k) FROM c GROUP BY c.id
$$;
COMMENT ON FUNCTION grid.resident_candidates(grid.match_record, integer) IS
    'candidate residents for a person from indexed blocking keys only (id, id_prefix, id_edit: the valid IDs one typo away, name_birth, name_division: also each village an ambiguous address may be, phone, name_year; names by fuzzy pinyin), at most per_key from each; the exact ID alone when it is registered. Not audited: only the look-up functions (owned by grid_lookup) may call it. STABLE: reads grid.resident';
-- A look-up without an audit row: only for the look-up functions.
REVOKE EXECUTE ON FUNCTION grid.resident_candidates(grid.match_record, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.resident_candidates(grid.match_record, integer) TO grid_lookup;

-- The structured address of a standard address row.  IMMUTABLE.
CREATE FUNCTION grid.address_parts(a grid.standard_address) RETURNS grid.address_parts
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN a.id IS NOT NULL THEN
        ROW(a.division, a.road, a.number, a.estate, a.building, a.unit, a.room, NULL, NULL)::grid.address_parts END;
COMMENT ON FUNCTION grid.address_parts(grid.standard_address) IS 'a standard address as grid.address_parts';

-- Base-2 logarithm of a probability ratio.  IMMUTABLE.
CREATE FUNCTION grid.log2(x float8) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.ln(x) / 0.6931471805599453;
COMMENT ON FUNCTION grid.log2(float8) IS 'base-2 logarithm (the unit of match weights: bits)';

-- Field weights of one record against one resident.  IMMUTABLE: compares
-- values; the frequencies come in with the record, and phone_holders (how
-- many candidates hold the record's phone, 0 if not counted) from the
-- caller.  The m and u probabilities are written beside each level.
CREATE FUNCTION grid.match_weights(r grid.match_record, c grid.resident, c_address grid.address_parts,
                                   phone_holders integer DEFAULT 0)
    RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id_l text; birth_l text; sex_l text; name_l text; phone_l text; addr_l text;
    id_w float8 := 0; birth_w float8 := 0; sex_w float8 := 0; name_w float8 := 0; phone_w float8 := 0; addr_w float8 := 0;
    ra grid.address_parts := r.address;
    ambiguous integer := 1;
    one_char boolean := false;
BEGIN
    -- ID: exact m 0.95 u 1e-7; one digit wrong or two swapped m 0.04 u 1e-6;
    -- disagree m 0.01 u 1
    IF r.id_text IS NULL THEN
        id_l := 'missing';
    ELSIF r.id OPERATOR(grid.=) c.id THEN
        id_l := 'exact';
        id_w := grid.log2(0.95 / 1e-7);
    ELSIF grid.id_similarity(r.id_text, c.id::text) >= 0.85 THEN
        id_l := 'one_digit';
        id_w := grid.log2(0.04 / 1e-6);
    ELSE
        id_l := 'disagree';
        id_w := grid.log2(0.01);
    END IF;
    -- birth date and sex: implied by an exact ID; else birth date agree m 0.97
    -- u 1/29200 (80 years of days), sex agree m 0.99 u 0.5.  An ID one digit
    -- away says nothing of sex: the wrong digit may be the one that tells it.
    IF id_l = 'exact' THEN
        birth_l := 'implied';
        sex_l := 'implied';
    ELSIF id_l = 'one_digit' AND r.birth_from_id AND r.birth_date IS DISTINCT FROM c.birth_date THEN
        -- the birth date was read from the mistyped ID, and the typo is in
        -- it: the ID level has counted it, so it is not counted again
        birth_l := 'implied';
        sex_l := 'implied';
    ELSE
        birth_l := CASE WHEN r.birth_date IS NULL THEN 'missing' WHEN r.birth_date = c.birth_date THEN 'agree' ELSE 'disagree' END;
        birth_w := CASE birth_l WHEN 'agree' THEN grid.log2(0.97 * 29200) WHEN 'disagree' THEN grid.log2(0.03) ELSE 0 END;
        sex_l := CASE WHEN id_l = 'one_digit' THEN 'implied'
                      WHEN r.sex IS NULL THEN 'missing' WHEN r.sex = c.sex THEN 'agree' ELSE 'disagree' END;
        sex_w := CASE sex_l WHEN 'agree' THEN grid.log2(0.99 / 0.5) WHEN 'disagree' THEN grid.log2(0.01 / 0.5) ELSE 0 END;
    END IF;
    -- name: exact m 0.85, homophone m 0.09, fuzzy pinyin m 0.03 (u each from
    -- grid.name_frequency); similar characters (look-alike ones among them,
    -- 王 for 玉) m 0.02 u 0.001; disagree m 0.01
    IF r.name_key IS NULL THEN
        name_l := 'missing';
    ELSIF r.name_key = c.name_key THEN
        name_l := 'exact';
        name_w := grid.log2(0.85 / r.u_name);
    ELSIF r.name_pinyin = c.name_pinyin THEN
        name_l := 'homophone';
        name_w := grid.log2(0.09 / r.u_pinyin);
    ELSIF r.name_fuzzy = c.name_fuzzy THEN
        name_l := 'fuzzy_pinyin';
        name_w := grid.log2(0.03 / r.u_fuzzy);
    ELSIF grid.name_similarity(r.name, c.name) >= 0.5 THEN
        name_l := 'similar';
        name_w := grid.log2(0.02 / 0.001);
    ELSE
        name_l := 'disagree';
        name_w := grid.log2(0.01);
        -- one character of the same length differs (杨晴, 杨睛): said, so
        -- that a registered ID is not contradicted by a typo
        one_char := length(r.name_key) = length(c.name_key) AND grid.name_similarity(r.name, c.name) >= 0.09;
    END IF;
    -- phone: held by this candidate alone m 0.6 u 1e-8 (another person
    -- gives a number one resident holds only when it changed hands); shared
    -- by k candidates (a household) m 0.6 / k u 1e-5; agree, holders not
    -- counted, m 0.6 u 1e-5; disagree m 0.3
    IF r.phone IS NULL OR c.phones = '{}' THEN
        phone_l := 'missing';
    ELSIF r.phone = ANY (c.phones) AND phone_holders = 1 THEN
        phone_l := 'unique';
        phone_w := grid.log2(0.6 / 1e-8);
    ELSIF r.phone = ANY (c.phones) AND phone_holders > 1 THEN
        phone_l := 'shared';
        phone_w := grid.log2(0.6 / phone_holders / 1e-5);
    ELSIF r.phone = ANY (c.phones) THEN
        phone_l := 'agree';
        phone_w := grid.log2(0.6 / 1e-5);
    ELSE
        phone_l := 'disagree';
        phone_w := grid.log2(0.3);
    END IF;
    -- address: same (similarity >= 0.85: the dwelling) m 0.5 u 1e-4; same
    -- village m 0.3 u 0.002; same township m 0.1 u 0.01; same county (or
    -- only the county given) m 0.1 u 0.1; elsewhere m 0.1 u 0.9; only the
    -- city given: missing.  A resident without a standard address is
    -- compared by the division alone.  An ambiguous name (a village name
    -- used in k places) agrees with a resident in any of them, with u k
    -- times as large.
    IF c_address IS NULL THEN
        c_address := ROW(c.division, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::grid.address_parts;
    END IF;
    IF ra.divisions IS NOT NULL AND c_address.division OPERATOR(grid.=) ANY (ra.divisions) THEN
        ra.division := c_address.division;
        ambiguous := cardinality(ra.divisions);
    END IF;
    IF ra.division IS NULL OR grid.level(ra.division) IN ('province', 'city') THEN
        addr_l := 'missing';
    ELSIF grid.address_similarity(ra, c_address) >= 0.85 THEN
        addr_l := 'same';
        addr_w := grid.log2(0.5 / (1e-4 * ambiguous));
    ELSIF ra.division OPERATOR(grid.=) c_address.division THEN
        addr_l := 'village';
        addr_w := grid.log2(0.3 / (0.002 * ambiguous));
    ELSIF grid.ancestor(ra.division, 'township') OPERATOR(grid.=) grid.ancestor(c_address.division, 'township') THEN
        addr_l := 'township';
        addr_w := grid.log2(0.1 / 0.01);
    ELSIF grid.ancestor(ra.division, 'county') OPERATOR(grid.=) grid.ancestor(c_address.division, 'county') THEN
        addr_l := 'county';
    ELSE
        addr_l := 'disagree';
        addr_w := grid.log2(0.1 / 0.9);
    END IF;
    RETURN jsonb_build_object(
        'score', round((id_w + birth_w + sex_w + name_w + phone_w + addr_w)::numeric, 2),
        'id', jsonb_build_object('level', id_l, 'weight', round(id_w::numeric, 2)),
        'birth_date', jsonb_build_object('level', birth_l, 'weight', round(birth_w::numeric, 2)),
        'sex', jsonb_build_object('level', sex_l, 'weight', round(sex_w::numeric, 2)),
        'name', CASE WHEN one_char
                     THEN jsonb_build_object('level', name_l, 'weight', round(name_w::numeric, 2), 'one_character', true)
                     ELSE jsonb_build_object('level', name_l, 'weight', round(name_w::numeric, 2)) END,
        'phone', CASE WHEN phone_l = 'shared'
                      THEN jsonb_build_object('level', phone_l, 'weight', round(phone_w::numeric, 2), 'holders', phone_holders)
                      ELSE jsonb_build_object('level', phone_l, 'weight', round(phone_w::numeric, 2)) END,
        'address', CASE WHEN ambiguous > 1
                        THEN jsonb_build_object('level', addr_l, 'weight', round(addr_w::numeric, 2), 'ambiguous', ambiguous)
                        ELSE jsonb_build_object('level', addr_l, 'weight', round(addr_w::numeric, 2)) END);
END
$$;
COMMENT ON FUNCTION grid.match_weights(grid.match_record, grid.resident, grid.address_parts, integer) IS
    'Fellegi-Sunter weights log2(m/u) of each field of a record against a resident, and their sum (score): id exact/one_digit/disagree, birth_date and sex (implied by an exact ID, and by an ID one typo away when the record''s birth date came from that ID), name exact/homophone/fuzzy_pinyin/similar (look-alike characters too)/disagree (one_character when only one character of the same length differs; u from grid.name_frequency), phone unique (phone_holders 1)/shared (a household: holders)/agree/disagree, address same/village/township/county/disagree (the resident''s division when it has no standard address; an ambiguous village name agrees with any village it may be, weighed down by their number); missing fields weigh 0';

-- Look-ups.  Every function that finds people from what a caller gives
-- records it in grid.lookup_audit (see src/access.sql): grid.find_resident
-- and grid.match_candidates one row per call, grid.batch_candidates one row
-- per batch.  They are SECURITY DEFINER, owned by grid_lookup, the only role
-- allowed to call grid.audit_lookup and the unaudited grid.resident_candidates
-- and grid.scored_candidates.  grid_lookup is neither a superuser nor the
-- tables' owner, so row-level security still applies, and its policies
-- follow the acting role: each caller finds exactly whom a query of its own
-- would show.  The caller must have SELECT on grid.resident itself.

-- Scored candidates for one record, best first, not audited: the body of
-- the look-up functions.  STABLE: reads the registry.
CREATE FUNCTION grid.scored_candidates(r grid.match_record, max_results integer DEFAULT 5, per_key integer DEFAULT 50)
    RETURNS TABLE (resident_id grid.resident_id, name text, division grid.division_code,
                   score real, explanation jsonb)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT h.id, h.name, h.division, (w.e ->> 'score')::real,
           w.e || pg_catalog.jsonb_build_object('keys', h.keys)
               || CASE WHEN h.holders > 1 AND 'phone' = ANY (h.keys)
                       THEN pg_catalog.jsonb_build_object('phone_holders', h.holder_list) ELSE '{}' END
      FROM (SELECT x, x.id, x.name, x.division, cand.keys, a,
                   pg_catalog.count(*) FILTER (WHERE 'phone' = ANY (cand.keys)) OVER () AS holders,
                   pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('resident_id', x.id::text, 'name', x.name))
                       FILTER (WHERE 'phone' = ANY (cand.keys))
                       OVER (ORDER BY x.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS holder_list
              FROM grid.resident_candidates(r, per_key) cand
              JOIN grid.resident x ON x.id OPERATOR(grid.=) cand.resident_id
              LEFT JOIN grid.standard_address a ON a.id = x.address_id) h
     CROSS JOIN LATERAL (SELECT grid.match_weights(r, h.x, grid.address_parts(h.a), h.holders::integer) AS e) w
     ORDER BY 4 DESC, 1
     LIMIT max_results
$$;
COMMENT ON FUNCTION grid.scored_candidates(grid.match_record, integer, integer) IS
    'the candidates of grid.resident_candidates scored by grid.match_weights, best first, with the keys that found each and, when several candidates hold the record''s phone (a household), phone_holders listing them (resident_id, name); not audited: only the look-up functions (owned by grid_lookup) may call it. STABLE: reads the registry';
REVOKE EXECUTE ON FUNCTION grid.scored_candidates(grid.match_record, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.scored_candidates(grid.match_record, integer, integer) TO grid_lookup;

-- What a look-up asked, for the audit.  STABLE: the birth date is written
-- in the session's DateStyle.
CREATE FUNCTION grid.match_record_summary(r grid.match_record) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN pg_catalog.concat_ws(' ', 'id=' || pg_catalog.left((r).id_text, 24), 'name=' || pg_catalog.left((r).name, 20),
                                'phone=' || pg_catalog.left((r).phone, 20),
                                'address=' || pg_catalog.left(pg_catalog.concat_ws(' ', ((r).address).division::text,
                                    ((r).address).road, ((r).address).number, ((r).address).estate,
                                    ((r).address).building, ((r).address).unit, ((r).address).room), 60),
                                'birth_date=' || (r).birth_date);
COMMENT ON FUNCTION grid.match_record_summary(grid.match_record) IS
    'what a look-up by a match record asked (ID as typed, name, phone, address, birth date), as grid.lookup_audit records it';

-- The look-up functions run as grid_lookup: refuse a caller that could not
-- read the registry itself.  STABLE: reads privileges.
CREATE FUNCTION grid.require_registry_reader() RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT has_table_privilege(grid.acting_role(), 'grid.resident', 'SELECT') THEN
        RAISE EXCEPTION 'permission denied for table resident'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Role %s has no SELECT on grid.resident.', grid.acting_role()),
                  HINT = 'Looking people up needs the privilege a query of the registry needs.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.require_registry_reader() IS
    'raise 42501 unless the acting role has SELECT on grid.resident (the look-up functions, which run as grid_lookup, call it first)';

-- Scored candidates for one record, best first: one audit row per call.
-- VOLATILE: writes the audit.
CREATE FUNCTION grid.match_candidates(r grid.match_record, max_results integer DEFAULT 5, per_key integer DEFAULT 50)
    RETURNS TABLE (resident_id grid.resident_id, name text, division grid.division_code,
                   score real, explanation jsonb)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- a look-up reads a few rows by index: starting parallel workers or
    -- compiling the plan costs more than running it (two orders of
    -- magnitude per record under row-level security)
    SET max_parallel_workers_per_gather = 0
    SET jit = off
    -- (as grid.find_resident: the generic plan from a session's first call)
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    n integer;
BEGIN
    PERFORM grid.require_registry_reader();
    RETURN QUERY SELECT * FROM grid.scored_candidates(r, max_results, per_key);
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM grid.audit_lookup('match_candidates', grid.match_record_summary(r), n);
END
$$;
COMMENT ON FUNCTION grid.match_candidates(grid.match_record, integer, integer) IS
    'the candidates of grid.resident_candidates scored by grid.match_weights, best first, with the keys that found each; only residents the caller sees; audited (one row per call, kind match_candidates). VOLATILE: writes the audit';

-- The bulk path: candidates for one record of a batch, audited once per
-- batch (ingestion, grid.link_batch).  The batch must be real, at every
-- call: an ingestion batch still being ingested (grid.ingest_batch,
-- finished_at NULL, which exists only inside the transaction ingesting
-- it), or a source batch the caller sees.  VOLATILE: writes the audit.

-- Whether an ingestion batch is being ingested.  SECURITY DEFINER: reads
-- grid.ingest_batch (defined with the ingestion, src/ops.sql) for
-- grid.batch_candidates.  STABLE.
CREATE FUNCTION grid.ingest_batch_open(batch bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- the acting role's own batch, in this transaction: nobody's look-ups
    -- are audited under another role's ingestion
    RETURN EXISTS (SELECT FROM grid.ingest_batch b
                    WHERE b.id = ingest_batch_open.batch AND b.finished_at IS NULL
                      AND b.ingested_by OPERATOR(pg_catalog.=) grid.acting_role()
                      AND b.opened_in OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id());
END
$$;
COMMENT ON FUNCTION grid.ingest_batch_open(bigint) IS
    'true if the ingestion batch exists, is not finished and was opened by the acting role in this transaction (the one ingesting it); for grid.batch_candidates';
REVOKE EXECUTE ON FUNCTION grid.ingest_batch_open(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.ingest_batch_open(bigint) TO grid_lookup;

-- Refuse a bulk look-up without its batch (run as grid_lookup, inside the
-- look-up functions).  STABLE: reads tables.
CREATE FUNCTION grid.require_lookup_batch(kind text, batch bigint) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    known boolean;
BEGIN
    IF kind IS NULL OR kind NOT IN ('ingest', 'link_batch') THEN
        RAISE EXCEPTION 'kind must be ingest or link_batch' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF kind = 'ingest' THEN
        known := grid.ingest_batch_open(require_lookup_batch.batch);
    ELSE
        known := EXISTS (SELECT FROM grid.source_batch b WHERE b.id = require_lookup_batch.batch);
    END IF;
    IF NOT coalesce(known, false) THEN
        RAISE EXCEPTION 'no % batch % to look up for', kind, coalesce(require_lookup_batch.batch::text, 'NULL')
            USING ERRCODE = 'no_data_found',
                  HINT = 'Bulk look-ups belong to a batch being ingested or to a source batch in your jurisdiction; look single people up with grid.find_resident or grid.match_candidates.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.require_lookup_batch(text, bigint) IS
    'raise P0002 unless the batch of a bulk look-up is real: kind ingest, an ingestion batch being ingested; kind link_batch, a source batch the caller sees (for grid.batch_candidates)';
REVOKE EXECUTE ON FUNCTION grid.require_lookup_batch(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.require_lookup_batch(text, bigint) TO grid_lookup;

-- grid.match_candidates for the records of a batch at once (ingestion,
-- and grid.link_batch a chunk at a time): each candidate with the position
-- of its record in the array; one addition to the batch's audit row per
-- call.  VOLATILE: writes
-- the audit.
CREATE FUNCTION grid.batch_candidates(kind text, batch bigint, records grid.match_record[],
                                      max_results integer DEFAULT 5, per_key integer DEFAULT 50)
    RETURNS TABLE (record integer, resident_id grid.resident_id, name text, division grid.division_code,
                   score real, explanation jsonb)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- a look-up reads a few rows by index: starting parallel workers or
    -- compiling the plan costs more than running it (two orders of
    -- magnitude per record under row-level security)
    SET max_parallel_workers_per_gather = 0
    SET jit = off
AS $$
DECLARE
    n integer;
BEGIN
    PERFORM grid.require_registry_reader();
    PERFORM grid.require_lookup_batch(kind, batch_candidates.batch);
    IF coalesce(cardinality(records), 0) = 0 THEN
        RETURN;
    END IF;
    -- The array is unnested once: records[i] would copy the whole array
    -- for every record (10,000 records took 25 s instead of 2).
    RETURN QUERY
    SELECT u.i, c.resident_id, c.name, c.division, c.score, c.explanation
      FROM (SELECT pg_catalog.unnest(records) AS r, pg_catalog.generate_subscripts(records, 1) AS i) u
     CROSS JOIN LATERAL grid.scored_candidates(u.r, max_results, per_key) c;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM grid.audit_lookup(kind, 'batch ' || batch_candidates.batch, n, batch_candidates.batch, cardinality(records));
END
$$;
COMMENT ON FUNCTION grid.batch_candidates(text, bigint, grid.match_record[], integer, integer) IS
    'grid.match_candidates for every record of an array (record: its position) of a batch: kind ingest (an ingestion batch being ingested) or link_batch (a source batch the caller sees, P0002 otherwise); audited once per batch, role and transaction, the row counting the look-ups and results. VOLATILE: writes the audit';

-- VOLATILE: writes the look-up audit (grid.audit_lookup).
CREATE FUNCTION grid.find_resident(id text DEFAULT NULL, name text DEFAULT NULL, phone text DEFAULT NULL,
                                   address text DEFAULT NULL, max_results integer DEFAULT 5,
                                   birth_date date DEFAULT NULL)
    RETURNS TABLE (resident_id grid.resident_id, resident_name text, score real, explanation jsonb)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- a look-up reads a few rows by index: starting parallel workers or
    -- compiling the plan costs more than running it (two orders of
    -- magnitude per record under row-level security)
    SET max_parallel_workers_per_gather = 0
    SET jit = off
    -- and planning it again for each of a session's first calls (custom
    -- plans: 2 to 6 ms each at 4,000,000 residents) costs more than the
    -- generic plan the session settles on after them
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    r grid.match_record;
    n integer;
BEGIN
    IF max_results IS NULL OR max_results < 1 OR max_results > 100 THEN
        RAISE EXCEPTION 'max_results must be between 1 and 100'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF nullif(btrim(find_resident.id), '') IS NULL AND nullif(btrim(find_resident.name), '') IS NULL
       AND nullif(btrim(find_resident.phone), '') IS NULL THEN
        RAISE EXCEPTION 'nothing to look for'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give an ID number, a name or a phone number.';
    END IF;
    PERFORM grid.require_registry_reader();
    r := grid.match_record(find_resident.id, find_resident.name, find_resident.phone,
                           find_resident.address, find_resident.birth_date);
    -- Candidates come only from the blocking keys of
    -- grid.resident_candidates.  Without one the answer would be empty
    -- whoever is registered: say what is missing instead.  (A name alone
    -- is not searched: under row-level security the index on names reads
    -- every namesake in the city before the policy keeps the caller's, and
    -- a city-wide caller would get an arbitrary few of them.)
    IF r.id IS NULL AND r.id14 IS NULL AND r.phone IS NULL
       AND NOT (r.name_fuzzy IS NOT NULL
                AND (r.birth_date IS NOT NULL
                     OR coalesce(grid.level((r.address).division) IN ('county', 'township', 'village', 'grid'), false)
                     OR (r.address).divisions IS NOT NULL)) THEN
        RAISE EXCEPTION 'not enough to look for'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = CASE WHEN r.name_fuzzy IS NOT NULL AND r.id_text IS NULL
                                     AND nullif(btrim(find_resident.address), '') IS NULL
                                THEN 'A name alone is not enough: give a birth date, an address or division, or a phone.'
                                ELSE 'A look-up needs an ID number of 15 or 18 digits, a phone, or a name with a birth date or with an address in a district, township or village.' END,
                  HINT = 'For example: grid.find_resident(name => ''张伟'', birth_date => ''1980-01-01'') or grid.find_resident(name => ''张伟'', address => ''伍家岗区王家河社区'').';
    END IF;
    RETURN QUERY
    SELECT m.resident_id, m.name, m.score, m.explanation
      FROM grid.scored_candidates(r, find_resident.max_results) m;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM grid.audit_lookup('find_resident',
                              concat_ws(' ', 'id=' || left(find_resident.id, 24), 'name=' || left(find_resident.name, 20),
                                        'phone=' || left(find_resident.phone, 20), 'address=' || left(find_resident.address, 60),
                                        'birth_date=' || find_resident.birth_date),
                              n);
END
$$;
COMMENT ON FUNCTION grid.find_resident(text, text, text, text, integer, date) IS
    'look a person up by ID as typed (mistyped, 15-digit, full-width), name, phone, address and birth date, every argument optional: candidates from indexed blocking keys, scored per field (explanation); 22023 when the arguments give no key (a name needs a birth date, an address in a district, township or village, or a phone); audited (one row per call, kind find_resident). Sees only the caller''s jurisdiction';

-- The look-up functions run as grid_lookup, with what they read.
ALTER FUNCTION grid.match_candidates(grid.match_record, integer, integer) OWNER TO grid_lookup;
ALTER FUNCTION grid.batch_candidates(text, bigint, grid.match_record[], integer, integer) OWNER TO grid_lookup;
ALTER FUNCTION grid.find_resident(text, text, text, text, integer, date) OWNER TO grid_lookup;
GRANT SELECT ON grid.resident, grid.standard_address, grid.division, grid.source_batch TO grid_lookup;

-- Batch linking.
CREATE TYPE grid.link_summary AS (
    decision text,
    records  bigint
);
COMMENT ON TYPE grid.link_summary IS 'how many records of a batch grid.link_batch decided each way';

-- The value of a record's field under a source's field map.
CREATE FUNCTION grid.record_field(raw jsonb, field_map jsonb, field text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(btrim(raw ->> coalesce(field_map ->> field, field)), '');
COMMENT ON FUNCTION grid.record_field(jsonb, jsonb, text) IS
    'the text of a raw record''s field, named through the source''s field map (the field''s own name by default); NULL if empty';

-- A source record as a match record.  A record that carries a message (an
-- SMS as the gateway delivers it: 张伟 36.5, or an ID number and a
-- reading) and no name or ID field gives the name and the ID the message
-- holds, as grid.parse_sms reads them for the SMS channel: a family phone
-- is shared, and the name in the text is what tells its holders apart.  A
-- message longer than 1,000 characters is not read.  STABLE: as
-- grid.match_record.
CREATE FUNCTION grid.source_match_record(raw jsonb, field_map jsonb) RETURNS grid.match_record
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT grid.match_record(coalesce(grid.record_field(raw, field_map, 'id'), nullif((m.r).id_text, '')),
                                     coalesce(grid.record_field(raw, field_map, 'name'), nullif((m.r).name, '')),
                                     grid.record_field(raw, field_map, 'phone'), grid.record_field(raw, field_map, 'address'),
                                     grid.date_or_null(translate(grid.record_field(raw, field_map, 'birth_date'), '-/.', '')),
                                     grid.record_field(raw, field_map, 'sex'))
              FROM (SELECT CASE WHEN pg_catalog.length(grid.record_field(raw, field_map, 'message')) <= 1000
                                THEN grid.parse_sms(grid.record_field(raw, field_map, 'message')) END AS r) m);
COMMENT ON FUNCTION grid.source_match_record(jsonb, jsonb) IS
    'the match record (grid.match_record) of a raw source record under its source''s field map: id, name, phone, address, birth_date, sex; when the record has no id or no name field but a message (an SMS text of at most 1,000 characters), the ID and the name grid.parse_sms reads in it. STABLE: as grid.match_record';

-- Per-batch estimated weights.
--
-- Each source has its own error rates: SMS gives no name, police extracts
-- give clean IDs, surveys short addresses and homophones.  grid.link_batch
-- estimates, for each batch, the m probability of every agreement level
-- (how often a true match shows it) by expectation-maximisation over the
-- batch's candidate pairs, and the u probability of the levels common
-- enough to count (how often a random resident shows it) from random pairs
-- of the batch's records and residents, each starting from the fixed values
-- of grid.link_weight_priors and held within a factor of 4 of them.  A
-- batch too small, or whose estimate does not converge, keeps the fixed
-- weights, and its row in grid.batch_weights says why.  See
-- src/matching.md.

-- The fixed m and u of each agreement level (grid.match_weights), the
-- priors of the estimate.  u NULL: the level's u comes from the registry
-- for each record (how common the name is, how many hold the phone) and is
-- not estimated.  IMMUTABLE: constants.
CREATE FUNCTION grid.link_weight_priors()
    RETURNS TABLE (field text, level text, m float8, u float8)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES ('id', 'exact', 0.95::float8, 1e-7::float8), ('id', 'one_digit', 0.04, 1e-6), ('id', 'disagree', 0.01, 1),
           ('birth_date', 'agree', 0.97, 1 / 29200.0), ('birth_date', 'disagree', 0.03, 1),
           ('sex', 'agree', 0.99, 0.5), ('sex', 'disagree', 0.01, 0.5),
           ('name', 'exact', 0.85, NULL), ('name', 'homophone', 0.09, NULL), ('name', 'fuzzy_pinyin', 0.03, NULL),
           ('name', 'similar', 0.02, 0.001), ('name', 'disagree', 0.01, 1),
           ('phone', 'agree', 0.6, NULL), ('phone', 'disagree', 0.3, 1),
           ('address', 'same', 0.5, 1e-4), ('address', 'village', 0.3, 0.002), ('address', 'township', 0.1, 0.01),
           ('address', 'county', 0.1, 0.1), ('address', 'disagree', 0.1, 0.9)
$$;
COMMENT ON FUNCTION grid.link_weight_priors() IS
    'the fixed m and u probabilities of each field''s agreement levels, as grid.match_weights weighs them (u NULL: taken per record from the registry, how common the name is or how many hold the phone); the starting point and bounds of the per-batch estimate of grid.link_batch';

-- The level a field's explanation names, as the estimate counts it:
-- a phone held by one, by a household or not counted all agree; missing
-- and implied levels weigh nothing and are not estimated (NULL).
-- IMMUTABLE.
CREATE FUNCTION grid.link_level(field text, level text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN level IS NULL OR level IN ('missing', 'implied') THEN NULL
                WHEN field = 'phone' AND level IN ('unique', 'shared', 'agree') THEN 'agree'
                ELSE level END;
COMMENT ON FUNCTION grid.link_level(text, text) IS
    'the agreement level of a field as the per-batch estimate counts it (phone unique, shared and agree are one level, agree); NULL for missing and implied, which weigh nothing';

-- The estimated weights of a batch, one row per batch (the last linking).
CREATE TABLE grid.batch_weights (
    batch_id     bigint PRIMARY KEY REFERENCES grid.source_batch (id) ON DELETE CASCADE,
    division     grid.division_code NOT NULL,
    source       text NOT NULL,
    status       text NOT NULL CHECK (status IN ('estimated', 'fixed')),
    reason       text,
    records      bigint NOT NULL,
    pairs        bigint NOT NULL,
    random_pairs bigint NOT NULL,
    iterations   integer NOT NULL,
    match_share  real,
    weights      jsonb NOT NULL DEFAULT '{}',
    estimated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    estimated_by name NOT NULL DEFAULT CURRENT_USER,
    CHECK ((status = 'fixed') = (reason IS NOT NULL))
);
COMMENT ON TABLE grid.batch_weights IS
    'the weights grid.link_batch used for a batch: m and u of each agreement level estimated from the batch (status estimated) or the fixed ones, with the reason (status fixed); one row per batch, visible to whoever sees the batch';
COMMENT ON COLUMN grid.batch_weights.batch_id IS 'the source batch';
COMMENT ON COLUMN grid.batch_weights.division IS 'the batch''s jurisdiction (as in grid.source_batch): row-level security';
COMMENT ON COLUMN grid.batch_weights.source IS 'the batch''s source';
COMMENT ON COLUMN grid.batch_weights.status IS 'estimated (the decisions used the weights estimated from the batch) or fixed (grid.match_weights as it is)';
COMMENT ON COLUMN grid.batch_weights.reason IS 'why the fixed weights were used: asked for, too few records with candidates, or the estimate did not converge; NULL when estimated';
COMMENT ON COLUMN grid.batch_weights.records IS 'records of the batch the estimate read (at most 20,000, chosen by a hash of the record number)';
COMMENT ON COLUMN grid.batch_weights.pairs IS 'candidate pairs (record, resident inside the batch''s jurisdiction) the estimate read';
COMMENT ON COLUMN grid.batch_weights.random_pairs IS 'pairs of a record and a random resident from which the u probabilities were counted';
COMMENT ON COLUMN grid.batch_weights.iterations IS 'iterations of expectation-maximisation (0 when none ran)';
COMMENT ON COLUMN grid.batch_weights.match_share IS 'estimated share of the records whose person is among their candidates';
COMMENT ON COLUMN grid.batch_weights.weights IS
    'per field and level: m and u estimated, m_fixed and u_fixed, change (bits added to the fixed weight log2(m/u)) and matches (expected true matches showing the level); empty when fixed';
COMMENT ON COLUMN grid.batch_weights.estimated_at IS 'when';
COMMENT ON COLUMN grid.batch_weights.estimated_by IS 'who ran grid.link_batch';
CREATE INDEX batch_weights_division_idx ON grid.batch_weights (division);
COMMENT ON INDEX grid.batch_weights_division_idx IS 'weights of a jurisdiction''s batches (access rules)';
SELECT pg_catalog.pg_extension_config_dump('grid.batch_weights', '');
-- Seen and written only inside the batch's jurisdiction, as the batch is.
SELECT grid.enable_access('grid.batch_weights');
-- and only under a batch the writer sees, in the batch's division: the
-- policy answers 42501 before the foreign key could tell a hidden batch
-- from none, and nobody takes the key of another jurisdiction's batch.
CREATE POLICY grid_weights_of_batch ON grid.batch_weights AS RESTRICTIVE FOR INSERT
    WITH CHECK (EXISTS (SELECT FROM grid.source_batch b
                         WHERE b.id = batch_weights.batch_id AND b.division OPERATOR(grid.=) batch_weights.division));
CREATE POLICY grid_weights_of_batch_update ON grid.batch_weights AS RESTRICTIVE FOR UPDATE
    USING (true)
    WITH CHECK (EXISTS (SELECT FROM grid.source_batch b
                         WHERE b.id = batch_weights.batch_id AND b.division OPERATOR(grid.=) batch_weights.division));
COMMENT ON POLICY grid_weights_of_batch ON grid.batch_weights IS
    'a batch''s weights are written only under a batch the writer sees, in its division';
COMMENT ON POLICY grid_weights_of_batch_update ON grid.batch_weights IS
    'a batch''s weights stay under a batch the writer sees, in its division';

-- The fields a blocking key of grid.resident_candidates requires to
-- agree (in part): a pair found only by keys that need a field agreeing
-- tells nothing of how often that field disagrees for a true match, so
-- the estimate of its m leaves the pair out (as Splink leaves out the
-- comparisons of a blocking rule).  The exact ID is no such selection: a
-- registered ID always answers alone.  IMMUTABLE.
CREATE FUNCTION grid.blocking_key_fields(key text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE key WHEN 'id' THEN '{}'::text[]
                    WHEN 'id_prefix' THEN '{id,birth_date,sex}'
                    WHEN 'id_edit' THEN '{id,birth_date,sex}'
                    WHEN 'name_birth' THEN '{name,birth_date}'
                    WHEN 'name_division' THEN '{name,address}'
                    WHEN 'name_year' THEN '{name,birth_date,sex}'
                    WHEN 'phone' THEN '{phone}'
                    ELSE '{id,birth_date,sex,name,phone,address}' END;
COMMENT ON FUNCTION grid.blocking_key_fields(text) IS
    'the fields a blocking key of grid.resident_candidates needs to agree (id_prefix, id_edit: id, birth date, sex; name_birth: name, birth date; name_division: name, address; name_year: name, birth date, sex; phone: phone; id: none, a registered ID answers alone); the estimate of a field''s m counts only pairs some other key found';

-- Drop the session's temporary tables of these names that exist: the
-- work tables of grid.link_batch and grid.estimate_link_weights, dropped
-- when they finish, so that another role linking later in the same
-- transaction makes its own.  VOLATILE: drops tables.
CREATE FUNCTION grid.drop_temp_tables(names text[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY names LOOP
        IF to_regclass('pg_temp.' || quote_ident(t)) IS NOT NULL THEN
            EXECUTE format('DROP TABLE pg_temp.%I', t);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.drop_temp_tables(text[]) IS
    'drop the session''s temporary tables of these names that exist (the work tables of grid.link_batch and grid.estimate_link_weights)';

-- Estimate the weights of a batch from the candidate pairs grid.link_batch
-- collected (pg_temp.grid_link_pair) and the records it kept for random
-- pairs (pg_temp.grid_link_rec); store them in grid.batch_weights and
-- return the change of each level's weight in bits ({"name:homophone":
-- 1.2, ...}; empty when the fixed weights stay).  Runs as the caller:
-- only residents the caller sees, and of those only residents inside the
-- batch's jurisdiction, enter the estimate, so that its row tells whoever
-- sees the batch nothing of people outside it.  VOLATILE: writes.
CREATE FUNCTION grid.estimate_link_weights(batch bigint, fixed boolean DEFAULT false)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    max_records constant integer := 20000;  -- records read, at most
    min_records constant integer := 100;    -- records with a candidate, at least
    max_iterations constant integer := 50;
    tolerance constant float8 := 1e-4;
    alpha constant float8 := 20;            -- weight of the fixed m, in true matches
    beta constant float8 := 1000;           -- weight of the fixed u, in random pairs
    bdiv   grid.division_code;
    bsrc   text;
    pop    float8;
    n_rec  bigint := 0;
    n_cand bigint := 0;
    n_pair bigint := 0;
    n_rand bigint := 0;
    rho    float8 := 0.5;
    rho_next float8;
    lk     float8;
    it     integer := 0;
    change float8;
    total  float8;
    why    text;
    pct    float8;
    result jsonb := '{}';
    fields constant text[] := ARRAY['id', 'birth_date', 'sex', 'name', 'phone', 'address'];
BEGIN
    SELECT b.division, b.source INTO bdiv, bsrc FROM grid.source_batch b WHERE b.id = estimate_link_weights.batch;
    SELECT f.n INTO pop FROM grid.name_frequency f WHERE f.kind = 'total' AND f.key = '';
    -- (the tables of an earlier call in this transaction)
    PERFORM grid.drop_temp_tables('{grid_em_pair,grid_em_param,grid_em_random}');
    CREATE TEMP TABLE grid_em_param ON COMMIT DROP AS
    SELECT p.field || ':' || p.level AS key, p.field, p.level,
           p.m / sum(p.m) OVER (PARTITION BY p.field) AS m0, p.u AS u0,
           p.m / sum(p.m) OVER (PARTITION BY p.field) AS m, p.u, 0::float8 AS du, 0::float8 AS matches
      FROM grid.link_weight_priors() p;

    IF fixed THEN
        why := 'fixed weights asked for';
    ELSE
        -- the records read: all, or a sample chosen by a hash of their number
        CREATE TEMP TABLE grid_em_pair ON COMMIT DROP AS
        SELECT row_number() OVER () AS pid, p.record_id, p.score::float8 AS score,
               ARRAY(SELECT f || ':' || grid.link_level(f, p.explanation #>> ARRAY[f, 'level'])
                       FROM unnest(fields) f
                      WHERE grid.link_level(f, p.explanation #>> ARRAY[f, 'level']) IS NOT NULL) AS keys,
               -- the levels that count towards m: a field's only from pairs
               -- a blocking key found without it (grid.blocking_key_fields)
               ARRAY(SELECT f || ':' || grid.link_level(f, p.explanation #>> ARRAY[f, 'level'])
                       FROM unnest(fields) f
                      WHERE grid.link_level(f, p.explanation #>> ARRAY[f, 'level']) IS NOT NULL
                        AND EXISTS (SELECT FROM jsonb_array_elements_text(p.explanation -> 'keys') k
                                     WHERE NOT f = ANY (grid.blocking_key_fields(k)))) AS mkeys,
               0::float8 AS p
          FROM pg_temp.grid_link_pair p
         WHERE p.resident_id IS NOT NULL AND p.resident_division OPERATOR(grid.<@) bdiv
           AND p.record_id IN (SELECT s.record_id FROM (SELECT DISTINCT q.record_id FROM pg_temp.grid_link_pair q) s
                                ORDER BY hashint8(s.record_id), s.record_id LIMIT max_records);
        SELECT least(count(DISTINCT q.record_id), max_records) INTO n_rec FROM pg_temp.grid_link_pair q;
        SELECT count(DISTINCT e.record_id), count(*) INTO n_cand, n_pair FROM pg_temp.grid_em_pair e;
        IF coalesce(pop, 0) = 0 THEN
            why := 'the names of the registry are not counted (grid.refresh_name_frequency)';
        ELSIF n_cand < min_records THEN
            why := format('too few records with candidates: %s (at least %s)', n_cand, min_records);
        END IF;
    END IF;

    IF why IS NULL THEN
        -- u: pairs of a record and a random resident of the batch's
        -- jurisdiction, for the levels common enough to count
        SELECT least(100, greatest(0.001, 100.0 * 20000 / greatest(c.reltuples, 1))) INTO pct
          FROM pg_class c WHERE c.oid = 'grid.resident'::regclass;
        CREATE TEMP TABLE grid_em_random ON COMMIT DROP AS
        WITH rec AS (
            SELECT l.r, row_number() OVER (ORDER BY l.i) - 1 AS n, count(*) OVER () AS k FROM pg_temp.grid_link_rec l
        ), res AS (
            SELECT s.x, a, row_number() OVER () - 1 AS n
              FROM (SELECT x, x.address_id FROM grid.resident x TABLESAMPLE SYSTEM (pct) REPEATABLE (0)
                     WHERE x.division OPERATOR(grid.<@) bdiv LIMIT 5000) s(x, address_id)
              LEFT JOIN grid.standard_address a ON a.id = s.address_id
        )
        SELECT res.n AS pair, grid.match_weights(rec.r, res.x, grid.address_parts(res.a), 0) AS e
          FROM rec JOIN res ON res.n % rec.k = rec.n;
        SELECT count(*) INTO n_rand FROM pg_temp.grid_em_random;
        WITH lv AS (
            SELECT f || ':' || grid.link_level(f, w.e #>> ARRAY[f, 'level']) AS key
              FROM pg_temp.grid_em_random w CROSS JOIN unnest(fields) f
             WHERE grid.link_level(f, w.e #>> ARRAY[f, 'level']) IS NOT NULL
        ), cnt AS (
            SELECT q.key, count(lv.key) AS c, sum(count(lv.key)) OVER (PARTITION BY q.field) AS n
              FROM pg_temp.grid_em_param q LEFT JOIN lv ON lv.key = q.key
             GROUP BY q.key, q.field
        )
        UPDATE pg_temp.grid_em_param q
           SET u = least(greatest((cnt.c + beta * q.u0) / (cnt.n + beta), q.u0 / 4), least(1, 4 * q.u0)),
               du = grid.log2(q.u0 / least(greatest((cnt.c + beta * q.u0) / (cnt.n + beta), q.u0 / 4), least(1, 4 * q.u0)))
          FROM cnt
         WHERE cnt.key = q.key AND q.u0 >= 0.001;

        -- m: expectation-maximisation.  A record's person is among its
        -- candidates with probability rho, any resident alike, so candidate
        -- j is the person with probability BF_j / (sum of BF + N (1 - rho) /
        -- rho), BF = 2^score with the current weights; m of a level is the
        -- expected share of true matches showing it, drawn towards the fixed
        -- m by alpha pseudo-matches and held within a factor of 4.
        LOOP
            it := it + 1;
            lk := grid.log2(pop * (1 - rho) / rho);
            UPDATE pg_temp.grid_em_pair e SET p = x.p
              FROM (SELECT s.pid,
                           power(2::float8, greatest(s.sc - s.mx, -1000))
                           / (sum(power(2::float8, greatest(s.sc - s.mx, -1000))) OVER (PARTITION BY s.record_id)
                              + power(2::float8, greatest(lk - s.mx, -1000))) AS p
                      FROM (SELECT t.pid, t.record_id, t.sc, greatest(max(t.sc) OVER (PARTITION BY t.record_id), lk) AS mx
                              FROM (SELECT e2.pid, e2.record_id,
                                           e2.score + coalesce((SELECT sum(grid.log2(q.m / q.m0) + q.du)
                                                                  FROM unnest(e2.keys) k JOIN pg_temp.grid_em_param q ON q.key = k), 0) AS sc
                                      FROM pg_temp.grid_em_pair e2) t) s) x
             WHERE e.pid = x.pid;
            SELECT sum(e.p) INTO total FROM pg_temp.grid_em_pair e;
            rho_next := least(greatest((total + 1) / (n_rec + 2), 0.01), 0.99);
            WITH s AS (
                SELECT k AS key, sum(e.p) AS sp FROM pg_temp.grid_em_pair e, unnest(e.mkeys) k GROUP BY k
            ), x AS (
                SELECT q.key, coalesce(s.sp, 0) AS sp, sum(coalesce(s.sp, 0)) OVER (PARTITION BY q.field) AS tf
                  FROM pg_temp.grid_em_param q LEFT JOIN s ON s.key = q.key
            ), upd AS (
                UPDATE pg_temp.grid_em_param q
                   SET m = least(greatest((x.sp + alpha * q.m0) / (x.tf + alpha), q.m0 / 4), least(0.999, 4 * q.m0)),
                       matches = x.sp
                  FROM x WHERE x.key = q.key
                RETURNING abs(q.m - least(greatest((x.sp + alpha * q.m0) / (x.tf + alpha), q.m0 / 4), least(0.999, 4 * q.m0))) AS d
            )
            SELECT max(upd.d) INTO change FROM upd;
            change := greatest(change, abs(rho_next - rho));
            rho := rho_next;
            EXIT WHEN change < tolerance OR it >= max_iterations;
        END LOOP;
        IF change >= tolerance THEN
            why := format('the estimate did not converge in %s iterations', max_iterations);
        END IF;
    END IF;

    IF why IS NULL THEN
        SELECT coalesce(jsonb_object_agg(q.key, round((grid.log2(q.m / q.m0) + q.du)::numeric, 3)), '{}') INTO result
          FROM pg_temp.grid_em_param q;
    END IF;
    INSERT INTO grid.batch_weights AS w (batch_id, division, source, status, reason, records, pairs, random_pairs,
                                         iterations, match_share, weights)
    SELECT estimate_link_weights.batch, bdiv, bsrc, CASE WHEN why IS NULL THEN 'estimated' ELSE 'fixed' END, why,
           n_rec, n_pair, n_rand, it, CASE WHEN why IS NULL THEN rho END,
           CASE WHEN why IS NULL THEN
               (SELECT jsonb_object_agg(f.field, f.levels)
                  FROM (SELECT q.field, jsonb_object_agg(q.level, jsonb_strip_nulls(jsonb_build_object(
                                   'm', round(q.m::numeric, 5), 'm_fixed', round(q.m0::numeric, 5),
                                   'u', q.u, 'u_fixed', q.u0,
                                   'change', round((grid.log2(q.m / q.m0) + q.du)::numeric, 2),
                                   'matches', round(q.matches::numeric, 1)))) AS levels
                          FROM pg_temp.grid_em_param q
                         GROUP BY q.field) f)
           ELSE '{}' END
    ON CONFLICT (batch_id) DO UPDATE
       SET division = excluded.division, source = excluded.source, status = excluded.status, reason = excluded.reason,
           records = excluded.records, pairs = excluded.pairs, random_pairs = excluded.random_pairs,
           iterations = excluded.iterations, match_share = excluded.match_share, weights = excluded.weights,
           estimated_at = excluded.estimated_at, estimated_by = excluded.estimated_by;
    PERFORM grid.drop_temp_tables('{grid_em_pair,grid_em_param,grid_em_random}');
    RETURN result;
END
$$;
COMMENT ON FUNCTION grid.estimate_link_weights(bigint, boolean) IS
    'for grid.link_batch: estimate a batch''s weights from the candidate pairs it collected (m by expectation-maximisation, u from random pairs of records and residents of the batch''s jurisdiction, both from the fixed values and within a factor of 4 of them; the fixed weights when fixed is true, when fewer than 100 records have candidates, or when the estimate does not converge in 50 iterations), record them in grid.batch_weights and return the change of each level''s weight in bits, empty for the fixed weights';

-- A candidate's explanation with the batch's weights: each field's weight
-- changed by its level's change (fixed_weight keeps the fixed one), the
-- score their sum (fixed_score keeps the fixed one).  IMMUTABLE.
CREATE FUNCTION grid.apply_link_weights(explanation jsonb, change jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f   text;
    d   numeric;
    s   numeric := 0;
    out jsonb := explanation;
BEGIN
    IF explanation IS NULL OR change IS NULL OR change = '{}' THEN
        RETURN explanation;
    END IF;
    FOREACH f IN ARRAY ARRAY['id', 'birth_date', 'sex', 'name', 'phone', 'address'] LOOP
        d := (change ->> (f || ':' || grid.link_level(f, explanation #>> ARRAY[f, 'level'])))::numeric;
        IF d IS NOT NULL AND d <> 0 THEN
            out := jsonb_set(out, ARRAY[f], (explanation -> f)
                             || jsonb_build_object('weight', round((explanation #>> ARRAY[f, 'weight'])::numeric + d, 2),
                                                   'fixed_weight', explanation #> ARRAY[f, 'weight']));
            s := s + d;
        END IF;
    END LOOP;
    RETURN out || jsonb_build_object('score', round((explanation ->> 'score')::numeric + s, 2),
                                     'fixed_score', explanation -> 'score');
END
$$;
COMMENT ON FUNCTION grid.apply_link_weights(jsonb, jsonb) IS
    'a candidate''s explanation (grid.match_weights) under a batch''s estimated weights: each field''s weight plus its level''s change in bits (fixed_weight: the fixed one), score their sum (fixed_score: the fixed one); unchanged when change is empty';

-- VOLATILE: writes grid.record_link and grid.batch_weights.
CREATE FUNCTION grid.link_batch(batch bigint, link_threshold real DEFAULT 25, review_threshold real DEFAULT 12,
                                ambiguity_margin real DEFAULT 5, chunk integer DEFAULT 10000,
                                weights text DEFAULT 'estimated')
    RETURNS SETOF grid.link_summary
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fmap   jsonb;
    total  bigint;
    done   bigint := 0;
    last   bigint := 0;
    n      bigint;
    change jsonb;
    status text;
BEGIN
    IF link_threshold IS NULL OR review_threshold IS NULL OR review_threshold > link_threshold THEN
        RAISE EXCEPTION 'review threshold must not exceed link threshold'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF weights IS NULL OR weights NOT IN ('estimated', 'fixed') THEN
        RAISE EXCEPTION 'weights must be estimated or fixed'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'estimated: weights estimated from the batch (the default); fixed: those of grid.match_weights.';
    END IF;
    SELECT s.field_map INTO fmap
      FROM grid.source_batch b JOIN grid.source s ON s.code = b.source
     WHERE b.id = batch;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'batch % does not exist', batch USING ERRCODE = 'no_data_found';
    END IF;
    -- Count the names once if nobody has (administrators only; without
    -- counts every name weighs as a rare one).
    IF NOT EXISTS (SELECT FROM grid.name_frequency) AND grid.is_admin() THEN
        PERFORM grid.refresh_name_frequency();
    END IF;
    SELECT count(*) INTO total FROM grid.source_record sr WHERE sr.batch_id = batch;

    -- 1. Every record's candidates, scored with the fixed weights, kept
    -- for this transaction; the first records' keys for random pairs.
    PERFORM grid.drop_temp_tables('{grid_link_pair,grid_link_rec,grid_link_callee}');
    CREATE TEMP TABLE grid_link_callee (record_id bigint PRIMARY KEY, callee text, answer text) ON COMMIT DROP;
    CREATE TEMP TABLE grid_link_pair (
        record_id bigint, division grid.division_code, resident_id grid.resident_id,
        resident_division grid.division_code, score real, explanation jsonb) ON COMMIT DROP;
    CREATE TEMP TABLE grid_link_rec (i integer, r grid.match_record) ON COMMIT DROP;
    LOOP
        WITH rec AS MATERIALIZED (
            SELECT sr.record_id, sr.division,
                   grid.source_match_record(sr.raw, fmap) AS r,
                   grid.record_field(sr.raw, fmap, 'callee') AS callee,
                   grid.record_field(sr.raw, fmap, 'callee_answer') AS callee_answer,
                   row_number() OVER (ORDER BY sr.record_id)::integer AS i
              FROM grid.source_record sr
             WHERE sr.batch_id = batch AND sr.record_id > last
             ORDER BY sr.record_id
             LIMIT chunk
        ), cand AS MATERIALIZED (
            -- the chunk's look-ups in one call: one addition to the audit
            SELECT m.* FROM grid.batch_candidates('link_batch', batch, ARRAY(SELECT rec.r FROM rec ORDER BY rec.i), 3) m
        ), callees AS (
            -- a voice call's callee (the resident the call list named)
            -- and the answer to "are you ...?", for the decision
            INSERT INTO pg_temp.grid_link_callee (record_id, callee, answer)
            SELECT rec.record_id, rec.callee, rec.callee_answer FROM rec WHERE rec.callee IS NOT NULL
        ), keep AS (
            INSERT INTO pg_temp.grid_link_rec (i, r)
            SELECT rec.i, rec.r FROM rec WHERE done = 0 AND rec.i <= 1000
        ), ins AS (
            INSERT INTO pg_temp.grid_link_pair (record_id, division, resident_id, resident_division, score, explanation)
            SELECT rec.record_id, rec.division, m.resident_id, m.division, m.score, m.explanation
              FROM rec LEFT JOIN cand m ON m.record = rec.i
        )
        SELECT count(*), max(rec.record_id) INTO n, last FROM rec;
        EXIT WHEN n = 0;
        done := done + n;
        RAISE NOTICE 'linked % of % records of batch %', done, total, batch;
        EXIT WHEN n < chunk;
    END LOOP;

    -- 2. The batch's weights (grid.estimate_link_weights), or the fixed
    -- ones.
    change := grid.estimate_link_weights(batch, weights = 'fixed');
    SELECT w.status INTO status FROM grid.batch_weights w WHERE w.batch_id = batch;

    -- 3. Decide with them.  A record with a callee puts the callee first
    -- among its candidates, when it is one.
    WITH callee AS (
        SELECT c.record_id, c.callee, c.answer,
               CASE WHEN pg_catalog.length(c.callee) <= 18 AND grid.is_valid_resident_id(c.callee)
                    THEN c.callee::grid.resident_id END AS callee_id,
               grid.read_yes_no(pg_catalog.left(c.answer, 20)) AS yes
          FROM pg_temp.grid_link_callee c
    ), scored AS (
        SELECT a.record_id, a.division, a.resident_id, (a.e ->> 'score')::real AS score, a.e AS explanation,
               row_number() OVER (PARTITION BY a.record_id
                                  ORDER BY coalesce(a.resident_id OPERATOR(grid.=) k.callee_id, false) DESC,
                                           (a.e ->> 'score')::real DESC NULLS LAST, a.resident_id) AS rank
          FROM (SELECT p.record_id, p.division, p.resident_id, grid.apply_link_weights(p.explanation, change) AS e
                  FROM pg_temp.grid_link_pair p) a
          LEFT JOIN callee k ON k.record_id = a.record_id
    ), best AS (
        SELECT b.record_id, b.division, b.resident_id, b.score, b.explanation,
               s2.score AS second_score, s2.resident_id AS second_id,
               -- what the callee says: NULL (none), unreadable (no ID),
               -- answer_unreadable, denied (the one who answered is not
               -- the callee), not_holder (the callee is no candidate
               -- holding the number called), contradicted (a field
               -- disagrees with the callee) or holds
               CASE WHEN k.record_id IS NULL THEN NULL
                    WHEN k.callee_id IS NULL THEN 'unreadable'
                    WHEN k.answer IS NOT NULL AND k.yes IS NULL THEN 'answer_unreadable'
                    WHEN NOT k.yes THEN 'denied'
                    WHEN NOT coalesce(b.resident_id OPERATOR(grid.=) k.callee_id, false)
                         OR coalesce(b.explanation #>> '{phone,level}', 'missing') NOT IN ('unique', 'shared', 'agree')
                        THEN 'not_holder'
                    WHEN 'disagree' = ANY (ARRAY[b.explanation #>> '{id,level}', b.explanation #>> '{birth_date,level}',
                                                 b.explanation #>> '{sex,level}', b.explanation #>> '{name,level}',
                                                 b.explanation #>> '{address,level}'])
                        THEN 'contradicted'
                    ELSE 'holds' END AS callee_state,
               CASE WHEN k.record_id IS NOT NULL THEN
                   pg_catalog.jsonb_build_object('callee', pg_catalog.left(k.callee, 24),
                                                 'answer', CASE WHEN k.yes THEN 'yes' WHEN NOT k.yes THEN 'no'
                                                                ELSE pg_catalog.left(k.answer, 20) END) END AS callee
          FROM scored b
          LEFT JOIN scored s2 ON s2.record_id = b.record_id AND s2.rank = 2
          LEFT JOIN callee k ON k.record_id = b.record_id
         WHERE b.rank = 1
    ), household AS (
        -- the name tells the holders of a household's phone apart: it
        -- agrees (exactly or by its sound) with the best, no other field
        -- contradicts it, and every other holder's name disagrees (the
        -- runner-up scores below the review threshold), as the SMS
        -- channel links a name and the sender's phone (grid.ingest_link)
        SELECT b.*,
               b.resident_id IS NOT NULL AND b.score >= review_threshold
               AND b.explanation #>> '{phone,level}' = 'shared'
               AND b.explanation #>> '{name,level}' IN ('exact', 'homophone')
               AND 'disagree' <> ALL (ARRAY[b.explanation #>> '{id,level}', b.explanation #>> '{birth_date,level}',
                                            b.explanation #>> '{sex,level}', b.explanation #>> '{address,level}'])
               AND (b.second_score IS NULL OR b.second_score < review_threshold) AS by_household
          FROM best b
    ), decided AS (
        -- a registered ID matching exactly links unless the name
        -- disagrees (more than one character: one is a typo); a name
        -- that tells a household's phone holders apart links; otherwise
        -- by the thresholds and the margin
        SELECT b.*,
               -- a call's callee decides alone: link when the callee holds
               -- the number called, the one who answered did not deny
               -- being the callee, and no field disagrees; otherwise review
               CASE WHEN b.callee_state IS NOT NULL THEN CASE WHEN b.callee_state = 'holds' THEN 'link' ELSE 'review' END
                    WHEN b.resident_id IS NULL THEN 'no_link'
                    WHEN b.explanation #>> '{id,level}' = 'exact'
                         THEN CASE WHEN b.explanation #>> '{name,level}' = 'disagree'
                                        AND b.explanation #>> '{name,one_character}' IS NULL THEN 'review'
                                   ELSE 'link' END
                    WHEN b.by_household THEN 'link'
                    WHEN b.score < review_threshold THEN 'no_link'
                    WHEN b.score >= link_threshold
                         AND (b.second_score IS NULL OR b.second_score < b.score - ambiguity_margin
                              OR b.second_score < review_threshold) THEN 'link'
                    ELSE 'review' END AS decision,
               CASE WHEN b.callee_state = 'unreadable' THEN 'the callee is not a valid resident ID'
                    WHEN b.callee_state = 'answer_unreadable' THEN 'the answer to whether the callee answered is neither yes nor no'
                    WHEN b.callee_state = 'denied' AND b.explanation #>> '{phone,level}' = 'shared'
                         THEN 'the one who answered is not the callee: phone_holders lists the household sharing the phone'
                    WHEN b.callee_state = 'denied' THEN 'the one who answered is not the callee'
                    WHEN b.callee_state = 'not_holder' THEN 'the callee does not hold the number called'
                    WHEN b.callee_state = 'contradicted' THEN 'a field disagrees with the callee'
                    WHEN b.explanation #>> '{id,level}' = 'exact' THEN 'the ID is registered, but the name disagrees'
                    WHEN b.score >= link_threshold THEN 'the runner-up scores within the ambiguity margin'
                    WHEN b.explanation #>> '{phone,level}' = 'shared'
                         THEN 'the phone is shared by a household: phone_holders lists its members'
                    ELSE 'the score is between the review and link thresholds' END AS reason
          FROM household b
    )
    INSERT INTO grid.record_link AS l (record_id, batch_id, division, resident_id, score, decision,
                                       method, explanation)
    SELECT b.record_id, batch, b.division, b.resident_id, b.score,
           b.decision,
           CASE WHEN b.explanation #>> '{id,level}' = 'exact' THEN 'exact_id' ELSE 'fellegi_sunter' END,
           coalesce(b.explanation, '{}') ||
           jsonb_build_object('thresholds', jsonb_build_array(review_threshold, link_threshold),
                              'weights', status,
                              'runner_up', CASE WHEN b.second_id IS NOT NULL THEN
                                  jsonb_build_object('resident_id', b.second_id::text, 'score', b.second_score) END) ||
           CASE WHEN b.callee_state IS NOT NULL
                THEN pg_catalog.jsonb_build_object('callee', b.callee || pg_catalog.jsonb_build_object('state', b.callee_state))
                     || CASE WHEN b.callee_state = 'holds'
                             THEN jsonb_build_object('rule', 'the call asked for this resident, who holds the number called')
                             ELSE '{}' END
                WHEN b.by_household AND b.score < link_threshold AND b.explanation #>> '{id,level}' IS DISTINCT FROM 'exact'
                THEN jsonb_build_object('rule', 'the name agrees with one holder of the household''s phone and disagrees with the others')
                ELSE '{}' END ||
           CASE WHEN b.decision = 'review' THEN jsonb_build_object('reason', b.reason) ELSE '{}' END
      FROM decided b
    ON CONFLICT (record_id) DO UPDATE
       SET resident_id = excluded.resident_id, score = excluded.score, decision = excluded.decision,
           method = excluded.method, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
           explanation = excluded.explanation
     WHERE l.method <> 'manual';
    PERFORM grid.drop_temp_tables('{grid_link_pair,grid_link_rec,grid_link_callee}');
    UPDATE grid.source_batch b SET linked_at = now() WHERE b.id = batch;
    RETURN QUERY
    SELECT d.decision, count(l.record_id)
      FROM (VALUES ('link'), ('review'), ('no_link')) AS d(decision)
      LEFT JOIN grid.record_link l ON l.batch_id = batch AND l.decision = d.decision
     GROUP BY d.decision
     ORDER BY min(array_position(ARRAY['link', 'review', 'no_link'], d.decision));
END
$$;
COMMENT ON FUNCTION grid.link_batch(bigint, real, real, real, integer, text) IS
    'link every record of a batch to its best candidate resident, with weights estimated from the batch (weights estimated, the default: see grid.batch_weights, which keeps them, and grid.estimate_link_weights) or the fixed ones (fixed): a registered ID matching exactly links unless the name disagrees in more than one character (then review); a name that agrees (exactly or by its sound) with one holder of a household''s phone links when every other holder''s name disagrees and no field contradicts it (explanation rule); a voice call''s callee (fields callee and callee_answer: the resident the call list named, and the answer to "are you ...?") decides alone: the callee links when a candidate holding the number called, the answer not no and no field disagreeing, else review with the reason (explanation callee: its state); otherwise link at or above link_threshold (unless the runner-up is within ambiguity_margin), review at or above review_threshold, else no_link; explanation (each field''s weight and, when estimated, fixed_weight and fixed_score), weights (estimated or fixed), runner-up and, for review, the reason kept in grid.record_link; a NOTICE per chunk; manual decisions are kept. Returns the count per decision';

-- A reviewer's decision.  VOLATILE: writes grid.record_link.
CREATE FUNCTION grid.decide_link(record bigint, resident grid.resident_id, decision text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF decision NOT IN ('link', 'no_link') THEN
        RAISE EXCEPTION 'decision must be link or no_link' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF decision = 'link' AND resident IS NULL THEN
        RAISE EXCEPTION 'a link needs a resident' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- Only to a resident the reviewer sees: one who is not registered and
    -- one outside the jurisdiction get the same answer.
    IF resident IS NOT NULL
       AND NOT EXISTS (SELECT FROM grid.resident x WHERE x.id OPERATOR(grid.=) decide_link.resident) THEN
        RAISE EXCEPTION 'no resident % in your jurisdiction', resident USING ERRCODE = 'no_data_found',
              HINT = 'Link a record only to a resident you can see.';
    END IF;
    UPDATE grid.record_link l
       SET resident_id = coalesce(decide_link.resident, l.resident_id), decision = decide_link.decision,
           method = 'manual', decided_by = current_user, decided_at = now(),
           explanation = l.explanation || jsonb_build_object('previous',
                             jsonb_build_object('resident_id', l.resident_id::text, 'decision', l.decision,
                                                'method', l.method, 'decided_by', l.decided_by))
     WHERE l.record_id = decide_link.record;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'record % has no link to decide', record USING ERRCODE = 'no_data_found',
              HINT = 'Run grid.link_batch on its batch first.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.decide_link(bigint, grid.resident_id, text) IS
    'a reviewer decides a record: link (to the given resident, who must be in the reviewer''s jurisdiction: P0002 otherwise, as for an unknown ID) or no_link; recorded as method manual with who decided, the previous decision kept in the explanation';

-- Phones are blocking keys only if they are stored as grid.normalize_phone
-- writes them: a loader that stores '138 0000 0001' or '+86-13800000001'
-- would otherwise leave the resident unfindable by phone.  They are
-- normalised on every write (duplicates dropped, order kept), and a value
-- that is no phone number is refused.  VOLATILE: a trigger.
CREATE FUNCTION grid.normalize_resident_phones() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p     text;
    n     text;
    kept  text[] := '{}';
BEGIN
    FOREACH p IN ARRAY NEW.phones LOOP
        n := grid.normalize_phone(p);
        IF n IS NULL THEN
            RAISE EXCEPTION 'invalid phone number "%" for a resident', left(coalesce(p, 'NULL'), 20)
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'A phone is a mainland mobile number of 11 digits or a landline with its area code, written any common way.',
                      HINT = 'Leave a number out rather than store what is not one.';
        END IF;
        IF NOT n = ANY (kept) THEN
            kept := kept || n;
        END IF;
    END LOOP;
    NEW.phones := kept;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.normalize_resident_phones() IS
    'trigger on grid.resident: phones written as grid.normalize_phone writes them (the form the phone blocking keys look up), duplicates dropped; 22P02 for a value that is no phone number';
CREATE TRIGGER resident_normalize_phones BEFORE INSERT OR UPDATE OF phones ON grid.resident
    FOR EACH ROW WHEN (NEW.phones <> '{}') EXECUTE FUNCTION grid.normalize_resident_phones();
COMMENT ON TRIGGER resident_normalize_phones ON grid.resident IS
    'phones are stored normalised (grid.normalize_resident_phones), so that a loader storing raw numbers does not break phone look-ups';
