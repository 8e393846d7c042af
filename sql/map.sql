-- Maps: the shipped county outlines (decoded from ECharts' compressed
-- GeoJSON), the geography generated inside them, and the command map of
-- every level on the reports' fixture, rendered with rsvg-convert.
SET client_min_messages = warning;
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;
SET TimeZone = 'Asia/Shanghai';
SET search_path = public, grid;

-- 1. The county outlines: one per county of Yichang, matched to the
-- registry by code and name, valid, shipped.
SELECT b.code, d.name, ST_IsValid(b.geom) AS valid, ST_NumGeometries(b.geom) AS parts, b.shipped, b.source
  FROM grid.division_boundary b JOIN grid.division d ON d.code = b.code
 ORDER BY b.code;
SELECT d.code, d.name FROM grid.division d
 WHERE d.parent = '4205' AND NOT EXISTS (SELECT FROM grid.division_boundary b WHERE b.code = d.code);
-- Bounding boxes to 1e-4 degree, as ECharts' own decoder (decodeRing of
-- its parseGeoJson, run in Node on the package's file) gives them: no row
-- differs.
WITH known(code, x0, x1, y0, y1) AS (VALUES
    ('420502', 111.2148, 111.3730, 30.6787, 30.7988), ('420503', 111.2881, 111.4717, 30.5967, 30.6963),
    ('420504', 110.9561, 111.3955, 30.5576, 30.7773), ('420505', 111.3848, 111.5215, 30.4590, 30.6348),
    ('420506', 110.8564, 111.6602, 30.5410, 31.4639), ('420525', 111.2490, 111.8857, 30.8828, 31.3730),
    ('420526', 110.4277, 111.1201, 31.0879, 31.5703), ('420527', 110.3184, 111.0078, 30.6367, 31.1895),
    ('420528', 110.3516, 111.3447, 30.1963, 30.7734), ('420529', 110.2559, 111.3623, 29.9434, 30.4150),
    ('420581', 111.1055, 111.6084, 30.0967, 30.5967), ('420582', 111.5449, 112.0869, 30.5039, 31.1943),
    ('420583', 111.4453, 112.0508, 30.2549, 30.6611))
SELECT k.code, round(ST_XMin(b.geom)::numeric, 4) AS x0, round(ST_XMax(b.geom)::numeric, 4) AS x1,
       round(ST_YMin(b.geom)::numeric, 4) AS y0, round(ST_YMax(b.geom)::numeric, 4) AS y1
  FROM known k LEFT JOIN grid.division_boundary b ON b.code = k.code::grid.division_code
 WHERE (round(ST_XMin(b.geom)::numeric, 4), round(ST_XMax(b.geom)::numeric, 4),
        round(ST_YMin(b.geom)::numeric, 4), round(ST_YMax(b.geom)::numeric, 4))
       IS DISTINCT FROM (k.x0, k.x1, k.y0, k.y1);
-- The city: lon 110.26-112.09, lat 29.94-31.57.
SELECT round(ST_XMin(e)::numeric, 2) AS lon_min, round(ST_XMax(e)::numeric, 2) AS lon_max,
       round(ST_YMin(e)::numeric, 2) AS lat_min, round(ST_YMax(e)::numeric, 2) AS lat_max
  FROM (SELECT ST_Extent(geom)::geometry AS e FROM grid.division_boundary) x;
-- Areas on the sphere against the counties' published land areas (km²,
-- rounded; the outlines are simplified to 1/1024 degree): within 8%.
WITH published(code, km2) AS (VALUES
    ('420502', 85), ('420503', 85), ('420504', 533), ('420505', 118), ('420506', 3424), ('420525', 1752),
    ('420526', 2327), ('420527', 2427), ('420528', 3430), ('420529', 2372), ('420581', 1357), ('420582', 2159),
    ('420583', 1310))
SELECT p.code, p.km2 AS published, round((ST_Area(b.geom::geography) / 1e6)::numeric) AS decoded,
       abs(ST_Area(b.geom::geography) / 1e6 / p.km2 - 1) < 0.08 AS within_8_per_cent
  FROM published p LEFT JOIN grid.division_boundary b ON b.code = p.code::grid.division_code ORDER BY p.code;
-- ECharts writes each name at the package's point "cp": inside its county.
SELECT code FROM grid.division_boundary WHERE NOT ST_Covers(geom, label_at);
-- Neighbours share their borders: no two overlap.
SELECT a.code, b.code FROM grid.division_boundary a JOIN grid.division_boundary b
    ON a.code < b.code AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********');

-- 2. Loading an outline: checked against the registry.
BEGIN;
SELECT grid.load_boundary('420503004', '伍家岗街道', ST_GeomFromText('POLYGON((111.3 30.6,111.4 30.6,111.4 30.7,111.3 30.6))', 4326),
                          NULL, 'test') AS loaded;
-- a ring touching itself is made valid
SELECT grid.load_boundary('420503001', '大公桥街道',
                          ST_GeomFromText('POLYGON((0 0,2 0,2 2,1 0,0 2,0 0))', 4326)) AS loaded;
SELECT ST_IsValid(geom) AS valid, ST_Area(geom) AS area, source FROM grid.division_boundary WHERE code = '420503001';
SAVEPOINT e;
SELECT grid.load_boundary('420503004001', '王家河社区', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326));
ROLLBACK TO SAVEPOINT e;
SELECT grid.load_boundary('420503999', '无名镇', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326));
ROLLBACK TO SAVEPOINT e;
SELECT grid.load_boundary('420503004', '伍家岗', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326));
ROLLBACK TO SAVEPOINT e;
SELECT grid.load_boundary('420503004', '伍家岗街道', ST_GeomFromText('POINT(111.3 30.6)', 4326));
ROLLBACK TO SAVEPOINT e;
SELECT grid.load_boundary('420503004', '伍家岗街道', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 0));
ROLLBACK TO SAVEPOINT e;
SELECT grid.load_boundary('420503004', '伍家岗街道', ST_GeomFromText('POLYGON((0 0,1 0,1 0,0 0))', 4326));
ROLLBACK TO SAVEPOINT e;
-- the shipped outlines stay as installed
UPDATE grid.division_boundary SET geom = ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)) WHERE code = '420502';
ROLLBACK TO SAVEPOINT e;
DELETE FROM grid.division_boundary WHERE code = '420502';
ROLLBACK TO SAVEPOINT e;
ROLLBACK;

-- 3. Generated geography, on the reports' fixture: 伍家岗区 and its
-- neighbour 西陵区 in two calls.  The fixture's residents keep their cell
-- codes (village code + 3 digits).  Cells lie inside their county (less
-- than a square metre outside: where two counties' cells meet, each side
-- is snapped to the other's vertices, moving them by up to 1e-9 degree).
BEGIN;
\set SHOW_CONTEXT never
\set ECHO none
\i test/pgtap/reports_fixture.inc
\set ECHO all
SELECT * FROM grid.synth_geography('420503', 4, 1);
SELECT * FROM grid.synth_geography('420502', 2, 1);
SELECT * FROM grid.coverage_problems();
SELECT grid.ancestor(c.division, 'county') AS county, count(*) AS cells, count(DISTINCT c.division) AS villages,
       count(*) FILTER (WHERE ST_Area(ST_Difference(c.geom, b.geom)::geography) > 1) AS outside_county,
       count(*) FILTER (WHERE NOT ST_IsValid(c.geom)) AS invalid
  FROM grid.cell c JOIN grid.division_boundary b ON b.code = grid.ancestor(c.division, 'county')
 GROUP BY 1 ORDER BY 1;
-- every village of the two counties has its cells, every township its outline
SELECT d.level, count(*) AS divisions,
       count(*) FILTER (WHERE EXISTS (SELECT FROM grid.village_boundary v WHERE v.code = d.code)
                           OR EXISTS (SELECT FROM grid.division_boundary b WHERE b.code = d.code)) AS with_outline
  FROM grid.division d WHERE (d.code <@ '420503' OR d.code <@ '420502') AND d.level IN ('township', 'village')
 GROUP BY 1 ORDER BY 1;
SELECT code, name FROM grid.cell WHERE division = '420503004001' ORDER BY code;
-- the townships tile the county: their areas add up to it
SELECT round((sum(ST_Area(t.geom)) / (SELECT ST_Area(geom) FROM grid.division_boundary WHERE code = '420503'))::numeric, 9) AS share
  FROM grid.division_boundary t WHERE t.code <@ '420503' AND grid.level(t.code) = 'township';
-- reproducible: the same seed draws the same cells, another seed others
CREATE TEMP TABLE drawn AS SELECT code, geom FROM grid.cell WHERE code <@ '420503';
SELECT * FROM grid.synth_geography('420503', 4, 1);
SELECT count(*) AS moved FROM drawn d JOIN grid.cell c USING (code) WHERE NOT ST_Equals(c.geom, d.geom);
SELECT * FROM grid.synth_geography('420503', 4, 2);
SELECT count(*) > 200 AS moved FROM drawn d JOIN grid.cell c USING (code) WHERE NOT ST_Equals(c.geom, d.geom);
SELECT count(*) AS problems FROM grid.coverage_problems();
SELECT * FROM grid.synth_geography('420503', 4, 1);
SAVEPOINT e;
SELECT * FROM grid.synth_geography('420503004');
ROLLBACK TO SAVEPOINT e;
SELECT * FROM grid.synth_geography('420503', 0);
ROLLBACK TO SAVEPOINT e;
SELECT * FROM grid.synth_geography('420503', 1000);
ROLLBACK TO SAVEPOINT e;
SELECT * FROM grid.synth_geography('43');
ROLLBACK TO SAVEPOINT e;

-- 4. The command map of every level on 2020-02-10.
CREATE TEMP TABLE maps AS
SELECT l.level, l.code::grid.division_code AS code, grid.command_map(l.code::grid.division_code, '2020-02-10') AS svg
  FROM (VALUES (1, 'city', '4205'), (2, 'county', '420503'), (3, 'township', '420503004'), (4, 'village', '420503004001'))
       l(n, level, code);
SELECT level, xml_is_well_formed_document(svg) AS well_formed, svg LIKE '<svg xmlns="http://www.w3.org/2000/svg"%' AS svg_root,
       (xpath('count(//s:path[@class="area"])', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS areas,
       (xpath('count(//s:path[@class="cell"])', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS cells,
       (xpath('count(//s:path[@class="checkpoint"])', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS checkpoints,
       (xpath('count(//s:rect[@class="legend"])', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS legend_swatches,
       (xpath('//s:text[@class="date"]/text()', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS date
  FROM maps ORDER BY code;
-- Every text of every map as drawn, with the box the layout reserved for
-- it: from its font size and grid.map_text_width (1 em a Chinese
-- character, 0.65 em an ASCII one), 1.25 font sizes high around the
-- baseline.
CREATE TEMP TABLE text_box AS
SELECT m.level, t.n, t.class, t.code, t.txt, t.x - CASE t.anchor WHEN 'middle' THEN w.w / 2 ELSE 0 END AS x0,
       t.y - t.fs AS y0, t.x + CASE t.anchor WHEN 'middle' THEN w.w / 2 ELSE w.w END AS x1, t.y + 0.25 * t.fs AS y1,
       (xpath('/s:svg/@width', m.svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text::float8 AS canvas_w,
       (xpath('/s:svg/@height', m.svg::xml, '{{s,http://www.w3.org/2000/svg}}'))[1]::text::float8 AS canvas_h
  FROM maps m,
       XMLTABLE(XMLNAMESPACES('http://www.w3.org/2000/svg' AS s), '//s:text' PASSING CAST(m.svg AS xml)
                COLUMNS n FOR ORDINALITY, class text PATH '@class', code text PATH '@data-code',
                        x float8 PATH '@x', y float8 PATH '@y', fs float8 PATH '@font-size',
                        anchor text PATH '@text-anchor', txt text PATH '.') t,
       LATERAL (SELECT grid.map_text_width(t.txt, t.fs) AS w) w;
-- No two text boxes overlap, on any level (no row).
SELECT a.level, a.txt, b.txt FROM text_box a JOIN text_box b ON a.level = b.level AND a.n < b.n
 WHERE a.x0 < b.x1 AND b.x0 < a.x1 AND a.y0 < b.y1 AND b.y0 < a.y1;
-- The same two checks as grid.map_label_problems makes them, on every
-- level's map (no row), and on a drawing that has both faults.
SELECT m.level, p.* FROM maps m, grid.map_label_problems(m.svg) p;
SELECT * FROM grid.map_label_problems('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
    '<text x="10" y="20" font-size="12">甲乙</text><text x="15" y="22" font-size="12">丙</text>'
    '<text x="95" y="40" font-size="12">丁</text></svg>');
-- Every text lies inside the canvas (no row) ...
SELECT level, txt FROM text_box WHERE x0 < 0 OR y0 < 0 OR x1 > canvas_w OR y1 > canvas_h;
-- ... and so does everything the layout placed: shapes, markers, swatches.
SELECT m.level, l.kind, l.class, l.code
  FROM maps m, grid.map_layout(m.code, '2020-02-10') l,
       LATERAL (SELECT c.w, c.h FROM grid.map_layout(m.code, '2020-02-10') c WHERE c.kind = 'canvas') c
 WHERE l.kind <> 'canvas' AND (l.x < 0 OR l.y < 0 OR l.x + l.w > c.w OR l.y + l.h > c.h);
-- The SVG draws exactly the layout's texts, with the layout's widths.
SELECT m.level, (SELECT count(*) FROM grid.map_layout(m.code, '2020-02-10') l WHERE l.kind = 'text') AS laid_out,
       (SELECT count(*) FROM text_box t WHERE t.level = m.level) AS drawn,
       (SELECT count(*) FROM grid.map_layout(m.code, '2020-02-10') l
         WHERE l.kind = 'text' AND l.w <> grid.map_text_width(l.txt, l.font_size)) AS other_widths
  FROM maps m ORDER BY m.code;
-- Nothing is lost: every division and cell on a map is labelled on it or
-- listed beside it (no row).
SELECT m.level, f.layer, f.code FROM maps m, grid.map_features(m.code, '2020-02-10') f
 WHERE f.layer <> 'checkpoint'
   AND NOT EXISTS (SELECT FROM text_box t WHERE t.level = m.level AND t.code = f.code::text
                      AND t.class IN ('area-label', 'cell-label', 'unplaced'));
-- What each level labels on the map and lists beside it.
SELECT level, count(*) FILTER (WHERE class = 'area-label') AS area_label_lines,
       count(*) FILTER (WHERE class = 'cell-label') AS cell_label_lines,
       count(*) FILTER (WHERE class = 'checkpoint-label') AS checkpoint_labels,
       count(*) FILTER (WHERE class = 'unplaced') AS listed_beside, count(*) FILTER (WHERE class = 'team') AS team_lines
  FROM text_box GROUP BY level ORDER BY level;
-- The township's cells shaded from the day's figures (those with
-- residents), and its teams: the villages with cells.
SELECT unnest(xpath('//s:path[@class="cell" and @data-shade!="empty"]/@data-code', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))::text AS cell,
       unnest(xpath('//s:path[@class="cell" and @data-shade!="empty"]/@data-shade', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))::text AS shade
  FROM maps WHERE level = 'township';
SELECT txt FROM text_box WHERE level = 'township' AND class = 'team' AND code IN ('420503004001', '420503004002') ORDER BY n;
-- The village: its cells with their grid workers and figures.
SELECT txt FROM text_box WHERE level = 'village' AND class IN ('area-label', 'unplaced') ORDER BY code, n;
-- The city: counties shaded by report rate (伍家岗区 5 of 8, 西陵区 1 of 2).
SELECT unnest(xpath('//s:path[@class="area"]/@data-code', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))::text AS county,
       unnest(xpath('//s:path[@class="area"]/@data-shade', svg::xml, '{{s,http://www.w3.org/2000/svg}}'))::text AS shade
  FROM maps WHERE level = 'city';
-- Rendered with rsvg-convert, each at the canvas size it declares.
\pset format unaligned
\pset tuples_only on
SELECT svg FROM maps WHERE level = 'city' \g results/map-city.svg
SELECT svg FROM maps WHERE level = 'county' \g results/map-county.svg
SELECT svg FROM maps WHERE level = 'township' \g results/map-township.svg
SELECT svg FROM maps WHERE level = 'village' \g results/map-village.svg
\! sh test/map_render.sh results/map-city.svg
\! sh test/map_render.sh results/map-county.svg
\! sh test/map_render.sh results/map-township.svg
\! sh test/map_render.sh results/map-village.svg
\pset format aligned
\pset tuples_only off

-- GeoJSON from the same features: the township's.
CREATE TEMP TABLE geo AS SELECT grid.command_map_geojson('420503004', '2020-02-10') AS j;
SELECT j ->> 'type' AS type, j ->> 'division' AS division, j ->> 'day' AS day, jsonb_array_length(j -> 'features') AS features,
       (SELECT count(*) FROM grid.map_features('420503004', '2020-02-10')) AS map_features
  FROM geo;
SELECT f -> 'properties' ->> 'layer' AS layer, f -> 'geometry' ->> 'type' AS geometry, count(*)
  FROM geo, jsonb_array_elements(j -> 'features') f GROUP BY 1, 2 ORDER BY 1, 2;
SELECT f ->> 'id' AS id, (f -> 'properties') - 'colour' AS properties
  FROM geo, jsonb_array_elements(j -> 'features') f
 WHERE f ->> 'id' IN ('420503004001', '420503004002', '420503004001001', 'checkpoint-901') ORDER BY 1;
-- The city's: 13 counties with their outlines.
SELECT count(*) AS counties, count(*) FILTER (WHERE f -> 'geometry' ->> 'type' = 'MultiPolygon') AS outlined
  FROM jsonb_array_elements(grid.command_map_geojson('4205', '2020-02-10') -> 'features') f;

-- Names are escaped, never spliced into the markup.
UPDATE grid.cell SET name = '<一&二>' WHERE code = '420503004001001';
SELECT xml_is_well_formed_document(grid.command_map('420503004001', '2020-02-10')) AS still_well_formed,
       grid.command_map('420503004001', '2020-02-10') LIKE '%&lt;一&amp;二&gt;%' AS escaped;
SAVEPOINT e;
SELECT grid.command_map('42', '2020-02-10');
ROLLBACK TO SAVEPOINT e;
SELECT grid.command_map('420503004001001', '2020-02-10');
ROLLBACK TO SAVEPOINT e;
SELECT grid.command_map('420506001001', '2020-02-10');
ROLLBACK TO SAVEPOINT e;
SELECT grid.command_map_geojson(NULL, '2020-02-10');
ROLLBACK TO SAVEPOINT e;
ROLLBACK;
