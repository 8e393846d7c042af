-- pgTAP: the command map under roles.  A role draws only a division in its
-- scopes, with the figures its own rights give it, in SVG and GeoJSON
-- alike; the outlines change only inside the acting role's scopes.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(15);

CREATE ROLE map_city LOGIN;
CREATE ROLE map_town LOGIN;
CREATE ROLE map_village LOGIN;
CREATE ROLE map_xiling LOGIN;
CREATE ROLE map_writer LOGIN;
GRANT grid_reader TO map_city, map_town, map_village, map_xiling;
GRANT ALL ON grid.division_boundary, grid.village_boundary, grid.cell TO map_writer;
GRANT SELECT ON grid.division TO map_writer;
DO $$ BEGIN
    PERFORM grid.grant_scope('map_city', '4205');
    PERFORM grid.grant_scope('map_town', '420503004');
    PERFORM grid.grant_scope('map_village', '420503004001');
    PERFORM grid.grant_scope('map_xiling', '420502');
    PERFORM grid.grant_scope('map_writer', '420503004');
END $$;
SELECT lives_ok($$SELECT grid.synth_geography('420503', 4, 1)$$, 'the administrator draws 伍家岗区''s cells');

SET SESSION AUTHORIZATION map_town;
SELECT ok(xml_is_well_formed_document(grid.command_map('420503004', '2020-02-10')), 'township: its command map');
SELECT is((SELECT f -> 'properties' ->> 'residents' || '/' || (f -> 'properties' ->> 'reported') || '/' || (f -> 'properties' ->> 'fever')
             FROM jsonb_array_elements(grid.command_map_geojson('420503004', '2020-02-10') -> 'features') f
            WHERE f ->> 'id' = '420503004001'),
          '6/4/1', 'township: its GeoJSON carries 王家河社区''s figures');
SELECT throws_ok($$SELECT grid.command_map('420503', '2020-02-10')$$, '42501', NULL,
                 'township: no map of its county');
SELECT throws_ok($$SELECT grid.command_map_geojson('4205', '2020-02-10')$$, '42501', NULL,
                 'township: no GeoJSON of the city');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION map_village;
SELECT throws_ok($$SELECT grid.command_map('420503004', '2020-02-10')$$, '42501', NULL,
                 'village: no map of its township');
SELECT throws_ok($$SELECT count(*) FROM grid.map_layout('420503004', '2020-02-10')$$, '42501', NULL,
                 'village: no layout of it either');
SELECT is((SELECT count(*) FROM grid.map_features('420503004001', '2020-02-10') WHERE layer = 'grid'), 4::bigint,
          'village: its map shows its four cells');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION map_xiling;
SELECT throws_ok($$SELECT grid.command_map_geojson('420503004001', '2020-02-10')$$, '42501', NULL,
                 'another county: no GeoJSON of 王家河社区');
RESET SESSION AUTHORIZATION;

-- The city: the counties with the figures the city's role sees.
SET SESSION AUTHORIZATION map_city;
SELECT is((SELECT string_agg(f ->> 'id' || ':' || (f -> 'properties' ->> 'residents') || '/' || (f -> 'properties' ->> 'reported')
                             || ' ' || (f -> 'properties' ->> 'shade'), ', ' ORDER BY f ->> 'id')
             FROM jsonb_array_elements(grid.command_map_geojson('4205', '2020-02-10') -> 'features') f
            WHERE (f -> 'properties' ->> 'residents')::int > 0),
          '420502:2/1 rate_low, 420503:8/5 rate_60', 'city: its counties shaded by report rate');
RESET SESSION AUTHORIZATION;

-- Outlines change only inside the acting role's scopes, whatever its
-- table privileges.
SET SESSION AUTHORIZATION map_writer;
SELECT lives_ok($$UPDATE grid.division_boundary SET source = 'surveyed' WHERE code = '420503004'$$,
                'a township changes its own outline');
SELECT throws_ok($$UPDATE grid.division_boundary SET source = 'surveyed' WHERE code = '420503001'$$, '42501', NULL,
                 'a township cannot change another''s outline');
SELECT throws_ok($$SELECT grid.load_boundary('420502001', '西陵街道', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326))$$,
                 '42501', NULL, 'a township cannot load an outline elsewhere');
SELECT throws_ok($$TRUNCATE grid.division_boundary$$, '42501', NULL, 'a township cannot truncate the outlines');
SELECT throws_ok($$SELECT grid.synth_geography('420503')$$, '42501', NULL,
                 'a township cannot redraw its county''s cells');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
