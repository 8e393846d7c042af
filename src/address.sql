-- grid address: reading addresses as people write them.  The C core
-- (address_core.c) splits the text into division names and the parts
-- below them; the division names are resolved here against grid.division.

CREATE TYPE grid.address_parts AS (
    division grid.division_code,   -- the finest division the text names, or their common ancestor
    road     text,                 -- road or street, without the number
    number   text,                 -- door number on the road
    estate   text,                 -- housing estate or compound
    building text,                 -- 栋, 幢, 号楼
    unit     text,                 -- 单元
    room     text,                 -- 室
    rest     text,                 -- what was not understood
    divisions grid.division_code[] -- when the name is ambiguous (a village name used in two places): each it may be
);
COMMENT ON TYPE grid.address_parts IS
    'a structured address: division (resolved against grid.division), road, number, estate, building, unit, room, what was not understood, and the divisions an ambiguous name may be (matching weighs them against the other evidence)';

CREATE TYPE grid.address_tokens AS (
    stems    text[],   -- division names without their suffixes, largest first
    levels   text[],   -- the level each suffix claims: county, township, village or community
    names    text[],   -- the names as written, with their suffixes
    road     text,
    number   text,
    estate   text,
    building text,
    unit     text,
    room     text,
    rest     text
);
COMMENT ON TYPE grid.address_tokens IS
    'the structure of an address before its division names are resolved (grid.address_tokens)';

CREATE FUNCTION grid.address_tokens(address text) RETURNS grid.address_tokens
    AS 'MODULE_PATHNAME', 'address_tokens' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.address_tokens(text) IS
    'split an address into division names (with the level their suffix claims) and road, number, estate, building, unit, room, rest; full-width forms read as ASCII, 湖北省/宜昌市 prefixes dropped; NULL if nothing is left';

CREATE FUNCTION grid.address_stem(name text) RETURNS text
    AS 'MODULE_PATHNAME', 'address_stem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.address_stem(text) IS
    'a division name without its level suffix: 伍家岗区 and 伍家岗街道 give 伍家岗, 范家湖村村民委员会 gives 范家湖, 长阳土家族自治县 gives 长阳';

CREATE INDEX division_stem_idx ON grid.division (grid.address_stem(name), level);
COMMENT ON INDEX grid.division_stem_idx IS 'divisions by the stem of their name (grid.parse_address)';

-- The divisions named stem (of the level the suffix claims, if given)
-- strictly inside any of within; NULL if none.  Where a village and a
-- community share a stem (南津关村, 南津关社区), the suffix decides.
-- PL/pgSQL, not SQL: grid.parse_address calls it a few times per address,
-- and a SQL function that cannot be inlined is parsed and planned again at
-- every call (0.15 ms each, a third of grid.find_resident's time), where
-- PL/pgSQL keeps its plan for the session.  STABLE: reads grid.division.
CREATE FUNCTION grid.address_resolve(stem text, kind text, within grid.division_code[])
    RETURNS grid.division_code[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (
        WITH m AS (
            SELECT d.code,
                   CASE WHEN kind IN ('village', 'community') THEN (kind = 'village') = (d.name ~ '村$') ELSE true END AS pref
              FROM grid.division d
             WHERE grid.address_stem(d.name) = stem
               AND (kind IS NULL OR d.level = CASE kind WHEN 'community' THEN 'village' ELSE kind END)
               AND d.code OPERATOR(grid.<@) ANY (within)
               AND d.code OPERATOR(grid.<>) ALL (within)
        )
        SELECT pg_catalog.array_agg(m.code ORDER BY m.code) FROM m
         WHERE m.pref OR NOT EXISTS (SELECT FROM m WHERE m.pref));
END
$$;
COMMENT ON FUNCTION grid.address_resolve(text, text, grid.division_code[]) IS
    'divisions whose name has the given stem, of the level a suffix kind claims (county, township, village, community; any if NULL), strictly inside one of the given divisions; a village or community suffix prefers names of its own kind; NULL if none. STABLE: reads grid.division';

-- A name written with the places above it run together and their suffixes
-- left out, as people write them (长阳界岭, 伍家岗王家河, 夷陵小溪塔南津关):
-- the divisions named stem as grid.address_resolve finds them or, failing
-- that, a county or township named by a prefix of the stem (its short
-- form: 长阳 for 长阳土家族自治县, 小溪塔 for 小溪塔街道) and the rest
-- resolved inside it, longest prefix first, at most two such prefixes.
-- NULL if none.  STABLE: reads grid.division.
CREATE FUNCTION grid.address_resolve_run(stem text, kind text, within grid.division_code[], depth integer DEFAULT 0)
    RETURNS grid.division_code[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found grid.division_code[];
    above grid.division_code[];
BEGIN
    found := coalesce(grid.address_resolve(stem, kind, within), grid.address_resolve(stem, NULL, within));
    IF found IS NOT NULL OR depth >= 2 THEN
        RETURN found;
    END IF;
    -- the prefix has at least two characters, and so has the rest
    FOR i IN REVERSE length(stem) - 2 .. 2 LOOP
        above := coalesce(grid.address_resolve(left(stem, i), 'county', within),
                          grid.address_resolve(left(stem, i), 'township', within));
        IF above IS NOT NULL THEN
            found := grid.address_resolve_run(substr(stem, i + 1), kind, above, depth + 1);
            IF found IS NOT NULL THEN
                RETURN found;
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.address_resolve_run(text, text, grid.division_code[], integer) IS
    'divisions named by a stem as grid.address_resolve finds them, or by a run of short forms (长阳界岭: the county 长阳土家族自治县, then 界岭村 inside it; 镇 and 街道 left out), longest prefix first, at most two levels of prefixes (depth counts them); NULL if none. STABLE: reads grid.division';

-- The deepest division containing every code.  PL/pgSQL without a query,
-- not SQL with a subquery, which is parsed and planned again at every call
-- (grid.parse_address calls it once per address).  IMMUTABLE: codes only.
CREATE FUNCTION grid.common_ancestor(codes grid.division_code[]) RETURNS grid.division_code
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    up grid.division_code[] := grid.ancestors(codes[1]);
BEGIN
    FOR k IN REVERSE coalesce(cardinality(up), 0) .. 1 LOOP
        IF up[k] OPERATOR(grid.@>) ALL (codes) THEN
            RETURN up[k];
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.common_ancestor(grid.division_code[]) IS
    'the deepest division that contains every code of the array (a code contains itself)';

-- STABLE: resolves names against grid.division.
CREATE FUNCTION grid.parse_address(address text) RETURNS grid.address_parts
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t          grid.address_tokens := grid.address_tokens(address);
    cands      grid.division_code[] := ARRAY['4205']::grid.division_code[];
    found      grid.division_code[];
    resolved   boolean := false;
    unresolved text := '';
    r          grid.address_parts;
    n          int := coalesce(cardinality(t.stems), 0);
    k          int := 1;
    used       int;
    merged     text;
    elsewhere  boolean := false;
BEGIN
    IF t IS NULL THEN
        RETURN NULL;
    END IF;
    WHILE k <= n LOOP
        -- the named level first; then any level (三峡坝区 is a township)
        found := coalesce(grid.address_resolve(t.stems[k], t.levels[k], cands),
                          grid.address_resolve(t.stems[k], NULL, cands));
        used := k;
        -- a name the reading cut in two (樟村坪镇 read as 樟村 + 坪镇): join
        -- it with the next one or two
        IF found IS NULL THEN
            merged := t.names[k];
            FOR j IN k + 1 .. least(k + 2, n) LOOP
                found := grid.address_resolve_run(merged || t.stems[j], t.levels[j], cands);
                IF found IS NOT NULL THEN
                    used := j;
                    EXIT;
                END IF;
                merged := merged || t.names[j];
            END LOOP;
        END IF;
        -- a name repeating the division already found (当阳市当阳市两河镇)
        IF found IS NULL AND EXISTS (SELECT FROM grid.division d
                                      WHERE d.code OPERATOR(grid.=) ANY (cands)
                                        AND grid.address_stem(d.name) = t.stems[k]) THEN
            k := k + 1;
            CONTINUE;
        END IF;
        -- places run together without their suffixes (长阳界岭村)
        IF found IS NULL THEN
            found := grid.address_resolve_run(t.stems[k], t.levels[k], cands);
        END IF;
        IF found IS NULL THEN
            unresolved := unresolved || t.names[k];
            -- a place the registry does not hold, named before any it
            -- does: a province (吉林省), or a city with districts or
            -- counties of its own (北京市朝阳区; 宜昌市 is dropped as a
            -- prefix).  Its villages' names are no evidence here: Beijing's
            -- 朝阳区 is not Yichang's two villages named 朝阳.
            IF NOT resolved AND (t.names[k] ~ '省|自治区|特别行政区'
                                 OR (t.names[k] ~ '市$' AND t.levels[used + 1] = 'county')) THEN
                elsewhere := true;
            END IF;
        ELSE
            cands := found;
            resolved := true;
        END IF;
        k := used + 1;
    END LOOP;
    -- 桃花新村 reads as an estate, but may be a village
    IF t.estate ~ '村$' THEN
        found := grid.address_resolve(grid.address_stem(t.estate), 'village', cands);
        IF found IS NOT NULL THEN
            cands := found;
            resolved := true;
            t.estate := NULL;
        END IF;
    END IF;
    -- no suffix at all (长阳, 界岭 3-2-501): a division's name, short form
    -- or run of them, read as an estate
    IF NOT resolved AND t.estate IS NOT NULL AND length(t.estate) BETWEEN 2 AND 12 THEN
        found := grid.address_resolve_run(t.estate, NULL, cands);
        IF found IS NOT NULL THEN
            cands := found;
            resolved := true;
            t.estate := NULL;
        END IF;
    END IF;
    IF elsewhere THEN
        resolved := false;
        unresolved := array_to_string(t.names, '');
    END IF;
    r.division := CASE WHEN resolved THEN grid.common_ancestor(cands) END;
    -- an ambiguous name: keep what it may be, for the other evidence to decide
    r.divisions := CASE WHEN resolved AND cardinality(cands) > 1 THEN cands END;
    r.road := t.road;
    r.number := t.number;
    r.estate := t.estate;
    r.building := t.building;
    r.unit := t.unit;
    r.room := t.room;
    r.rest := nullif(unresolved || coalesce(t.rest, ''), '');
    RETURN r;
END
$$;
COMMENT ON FUNCTION grid.parse_address(text) IS
    'structured address from text: division resolved against grid.division by name with or without its suffix, short forms run together (长阳界岭村: 界岭村 in 长阳土家族自治县; 镇 and 街道 left out), a community inside the district the text names; no division for an address that first names a province or city the registry does not hold (北京市朝阳区); when a name is ambiguous the common ancestor, and in divisions each division it may be; road, number, estate, building, unit, room (3-2-501 is building 3, unit 2, room 501; 三栋, 十二号 read as 3栋, 12号). STABLE: reads grid.division';

-- Agreement of two parts: 1 equal, 0 different, NULL if either is missing.
CREATE FUNCTION grid.part_agreement(a text, b text) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a = b THEN 1.0 ELSE 0.0 END;
COMMENT ON FUNCTION grid.part_agreement(text, text) IS '1 if both parts are given and equal, 0 if they differ, NULL if either is missing';

-- How alike two divisions are: 1 the same, 0.5 siblings, 0.25 the same
-- county, else 0; NULL if either is missing.  IMMUTABLE: codes only.
CREATE FUNCTION grid.division_agreement(a grid.division_code, b grid.division_code) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN a IS NULL OR b IS NULL THEN NULL
                WHEN a OPERATOR(grid.=) b THEN 1.0
                WHEN grid.parent(a) OPERATOR(grid.=) grid.parent(b) THEN 0.5
                WHEN grid.ancestor(a, 'county') OPERATOR(grid.=) grid.ancestor(b, 'county') THEN 0.25
                ELSE 0.0 END;
COMMENT ON FUNCTION grid.division_agreement(grid.division_code, grid.division_code) IS
    'how alike two divisions are: 1 the same, 0.5 the same parent, 0.25 the same county, 0 otherwise; NULL if either is missing';

-- How alike two structured addresses are.  IMMUTABLE: compares values.
CREATE FUNCTION grid.address_similarity(a grid.address_parts, b grid.address_parts) RETURNS real
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w   float8[] := ARRAY[0.4, 0.15, 0.1, 0.15, 0.1, 0.05, 0.05];
    g   float8[];
    num float8 := 0;
    den float8 := 0;
BEGIN
    IF a IS NULL OR b IS NULL THEN
        RETURN 0;
    END IF;
    g := ARRAY[grid.division_agreement(a.division, b.division),
               grid.part_agreement(a.road, b.road), grid.part_agreement(a.number, b.number),
               grid.part_agreement(a.estate, b.estate), grid.part_agreement(a.building, b.building),
               grid.part_agreement(a.unit, b.unit), grid.part_agreement(a.room, b.room)];
    FOR k IN 1 .. 7 LOOP
        IF g[k] IS NOT NULL THEN
            num := num + w[k] * g[k];
            den := den + w[k];
        END IF;
    END LOOP;
    RETURN CASE WHEN den > 0 THEN num / den ELSE 0 END;
END
$$;
COMMENT ON FUNCTION grid.address_similarity(grid.address_parts, grid.address_parts) IS
    'similarity in [0,1] of two structured addresses: weighted agreement (division 0.4, road 0.15, number 0.1, estate 0.15, building 0.1, unit 0.05, room 0.05) over the parts both have; a division with the same parent counts half, in the same county a quarter';

-- STABLE: parses through grid.parse_address, which reads grid.division.
CREATE FUNCTION grid.address_similarity(a text, b text) RETURNS real
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN grid.address_similarity(grid.parse_address(a), grid.parse_address(b));
COMMENT ON FUNCTION grid.address_similarity(text, text) IS
    'similarity in [0,1] of two addresses as text, compared on their parsed parts (grid.parse_address). STABLE: reads grid.division';
