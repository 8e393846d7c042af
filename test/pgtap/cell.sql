-- pgTAP: grid.locate against ST_Covers on a generated map (random, edge and
-- vertex points), the cache across sessions (through dblink), the nearest
-- checkpoints against brute force, and the declared shape.
BEGIN;
SELECT plan(31);
SET LOCAL search_path = public, grid;
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT setseed(0.42);

-- 400 Voronoi cells over a 0.2-degree square of village 420525101008 (安泰社区).
CREATE TEMP TABLE seeds AS
SELECT ST_SetSRID(ST_MakePoint(111.0 + random() * 0.2, 30.5 + random() * 0.2), 4326) AS g
  FROM generate_series(1, 400);
INSERT INTO grid.cell (code, name, geom)
SELECT '420525101008' || lpad(row_number() OVER (ORDER BY random())::text, 3, '0'),
       'cell', ST_Multi(ST_CollectionExtract(ST_Intersection(d.geom, e.env), 3))
  FROM (SELECT ST_MakeEnvelope(111.0, 30.5, 111.2, 30.7, 4326) AS env) e,
       LATERAL ST_Dump(ST_VoronoiPolygons((SELECT ST_Collect(g) FROM seeds), 0, e.env)) d;

SELECT is((SELECT count(*) FROM grid.cell), 400::bigint, '400 cells generated');

-- Points: random, every vertex, every edge midpoint.
CREATE TEMP TABLE pts AS
SELECT ST_SetSRID(ST_MakePoint(110.99 + random() * 0.22, 30.49 + random() * 0.22), 4326) AS pt
  FROM generate_series(1, 20000)
UNION ALL
SELECT (ST_DumpPoints(geom)).geom FROM grid.cell
UNION ALL
SELECT ST_LineInterpolatePoint(ST_MakeLine(d.geom, lead(d.geom) OVER (PARTITION BY d.code, d.path[1], d.path[2] ORDER BY d.path[3])), 0.5)
  FROM (SELECT c.code, (ST_DumpPoints(c.geom)).* FROM grid.cell c) d;
DELETE FROM pts WHERE pt IS NULL;
CREATE TEMP TABLE truth AS
SELECT p.pt, (SELECT min(c.code) FROM grid.cell c WHERE ST_Covers(c.geom, p.pt)) AS code,
       (SELECT count(*) FROM grid.cell c WHERE ST_Covers(c.geom, p.pt)) AS covering
  FROM pts p;

SELECT is((SELECT count(*) FROM truth WHERE grid.locate(pt) IS DISTINCT FROM code), 0::bigint,
          'grid.locate(geometry) equals the lowest code among cells that ST_Covers the point, on every point');
SELECT is((SELECT count(*) FROM truth WHERE grid.locate(ST_X(pt), ST_Y(pt)) IS DISTINCT FROM code), 0::bigint,
          'grid.locate(lon, lat) too');
SELECT ok((SELECT count(*) FROM truth WHERE covering >= 3) > 100,
          'many points were covered by three or more cells (vertices)');
SELECT ok((SELECT count(*) FROM truth WHERE covering = 2) > 100,
          'many points were covered by two cells (edges)');
SELECT ok((SELECT count(*) FROM truth WHERE code IS NULL) > 100,
          'some points were outside every cell');

-- Errors are 22023.
SELECT throws_ok($$SELECT grid.locate(ST_SetSRID(ST_MakePoint(111.1, 30.6), 3857))$$, '22023',
                 'grid.locate expects SRID 4326, not 3857', 'another SRID is 22023');
SELECT throws_ok($$SELECT grid.locate(ST_MakeEnvelope(111.1, 30.6, 111.2, 30.7, 4326))$$, '22023',
                 'grid.locate expects a point, not a polygon', 'a polygon is 22023');

-- Across sessions.  Session b changes cells and commits; session c and this
-- one must see each change at their next statement.  The cells live in
-- village 420581104001 (枝城镇), far from the generated map.
SELECT dblink_connect('b', format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                                  split_part(current_setting('unix_socket_directories'), ',', 1)));
SELECT dblink_connect('c', format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                                  split_part(current_setting('unix_socket_directories'), ',', 1)));
SELECT dblink_exec('b', 'SET search_path = public, grid');
CREATE TEMP VIEW c_sees AS
SELECT code FROM dblink('c', 'SELECT grid.locate(111.505, 30.295)::text') AS t(code text);
CREATE TEMP VIEW c_builds AS
SELECT builds FROM dblink('c', 'SELECT builds FROM grid.cell_cache()') AS t(builds bigint);

SELECT is(grid.locate(111.505, 30.295)::text, NULL, 'this session: no cell there yet');
SELECT is((SELECT code FROM c_sees), NULL, 'session c: no cell there yet (and its cache is built)');
SELECT is((SELECT builds FROM c_builds), 1::bigint, 'session c built its cache once');
SELECT is((SELECT code FROM c_sees), NULL, 'asking again does not rebuild it ...');
SELECT is((SELECT builds FROM c_builds), 1::bigint, '... as its builds count shows');

SELECT dblink_exec('b', $$INSERT INTO grid.cell (code, name, geom)
                          VALUES ('420581104001901', '枝城测试网格', ST_Multi(ST_MakeEnvelope(111.50, 30.29, 111.51, 30.30, 4326)))$$);
SELECT is(grid.locate(111.505, 30.295)::text, '420581104001901', 'this session sees a cell committed by another');
SELECT is((SELECT code FROM c_sees), '420581104001901', 'session c sees it');
SELECT is((SELECT builds FROM c_builds), 2::bigint, 'session c rebuilt its cache once for it');

-- A REPEATABLE READ transaction keeps answering from its snapshot.
SELECT dblink_exec('c', 'BEGIN ISOLATION LEVEL REPEATABLE READ');
SELECT is((SELECT code FROM c_sees), '420581104001901', 'session c in REPEATABLE READ sees the cell');
SELECT dblink_exec('b', $$UPDATE grid.cell SET geom = ST_Multi(ST_MakeEnvelope(111.51, 30.29, 111.52, 30.30, 4326))
                           WHERE code = '420581104001901'$$);
SELECT is((SELECT code FROM c_sees), '420581104001901',
          'after another session moves it, session c still sees it where its snapshot has it');
SELECT is((SELECT code FROM dblink('c', 'SELECT grid.locate(111.515, 30.295)::text AS elsewhere') AS t(code text)), NULL,
          'and not where it went');
SELECT dblink_exec('c', 'COMMIT');
SELECT is(grid.locate(111.505, 30.295)::text, NULL, 'this session sees the cell moved away');
SELECT is(grid.locate(111.515, 30.295)::text, '420581104001901', 'and where it went');
SELECT is((SELECT code FROM c_sees), NULL, 'session c sees it moved away');

SELECT dblink_exec('b', $$INSERT INTO grid.cell (code, name, geom)
                          VALUES ('420581104001900', '枝城测试网格〇', ST_Multi(ST_MakeEnvelope(111.51, 30.29, 111.52, 30.30, 4326)))$$);
SELECT is(grid.locate(111.515, 30.295)::text, '420581104001900', 'a lower code committed elsewhere wins the tie');

SELECT dblink_exec('b', $$DELETE FROM grid.cell WHERE code IN ('420581104001900', '420581104001901')$$);
SELECT is(grid.locate(111.515, 30.295)::text, NULL, 'this session sees the delete');
SELECT is((SELECT code FROM dblink('c', 'SELECT grid.locate(111.515, 30.295)::text') AS t(code text)), NULL,
          'session c sees the delete');
SELECT dblink_disconnect('b');
SELECT dblink_disconnect('c');

-- Nearest checkpoints against brute force with ST_DistanceSphere.
INSERT INTO grid.checkpoint (name, division, geom)
SELECT 'checkpoint ' || i, '4205', ST_SetSRID(ST_MakePoint(110.3 + random() * 1.7, 29.95 + random() * 1.5), 4326)
  FROM generate_series(1, 300) i;
CREATE TEMP TABLE q AS
SELECT i, ST_SetSRID(ST_MakePoint(110.3 + random() * 1.7, 29.95 + random() * 1.5), 4326) AS pt
  FROM generate_series(1, 40) i;
SELECT is((SELECT count(*) FROM q
            WHERE (SELECT array_agg(n.id ORDER BY n.distance, n.id) FROM grid.nearest_checkpoints(q.pt, 5) n)
                  IS DISTINCT FROM
                  (SELECT array_agg(id ORDER BY d, id) FROM (
                       SELECT c.id, ST_DistanceSphere(c.geom, q.pt) AS d FROM grid.checkpoint c
                        ORDER BY 2, 1 LIMIT 5) b)),
          0::bigint, 'the 5 nearest checkpoints are those of brute force, in order, for 40 points');
SELECT is((SELECT count(*) FROM q, grid.nearest_checkpoints(q.pt, 5) n JOIN grid.checkpoint c USING (id)
            WHERE abs(n.distance - ST_DistanceSphere(c.geom, q.pt)) > 0.001),
          0::bigint, 'distances are sphere metres');
SELECT ok((SELECT array_agg(distance) = array_agg(distance ORDER BY distance)
             FROM grid.nearest_checkpoints(ST_SetSRID(ST_MakePoint(111.3, 30.7), 4326), 50)),
          'nearest first');

-- A cell under a village that the registry does not know, where the registry
-- (grid.division, another concern) is installed; skipped where it is not.
CREATE FUNCTION pg_temp.unknown_village_is_reported() RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('grid.division') IS NULL THEN
        RETURN NEXT skip('the division registry (grid.division) is not installed', 2);
        RETURN;
    END IF;
    SET CONSTRAINTS ALL DEFERRED;
    EXECUTE $q$INSERT INTO grid.division (code, name, official_name)
               VALUES ('420525101008', '安泰社区', '安泰社区居民委员会') ON CONFLICT (code) DO NOTHING$q$;
    INSERT INTO grid.cell (code, name, geom)
    VALUES ('420525101999001', 'orphan', ST_Multi(ST_MakeEnvelope(112.5, 31.0, 112.51, 31.01, 4326)));
    RETURN NEXT is((SELECT count(*) FROM grid.coverage_problems()
                     WHERE problem = 'unknown village' AND code = '420525101999001'),
                   1::bigint, 'a cell under a village missing from grid.division is reported');
    RETURN NEXT is((SELECT count(*) FROM grid.coverage_problems()
                     WHERE problem = 'unknown village' AND other = '420525101008'),
                   0::bigint, 'cells under a registered village are not');
    DELETE FROM grid.cell WHERE code = '420525101999001';
END;
$$;
SELECT * FROM pg_temp.unknown_village_is_reported();

-- Declared shape.
SELECT volatility_is('grid', 'locate', ARRAY['geometry'], 'stable', 'grid.locate is STABLE (it reads grid.cell)');

SELECT * FROM finish();
ROLLBACK;
