-- grid.cell and grid.locate: interior, edge, vertex and outside points, the
-- lowest-code rule, NULL and bad input, the cache following changes in the
-- same transaction; checkpoints; the coverage checks.
SET extra_float_digits = 0;
SET search_path = public, grid;

-- Village 420503004001 (王家河社区) in four 0.01-degree cells, 2 x 2:
--   003 004
--   001 002
-- and village 420502002021 (中书街社区): cell 001 with a hole that cell 002 fills.
INSERT INTO grid.cell (code, name, geom) VALUES
  ('420503004001001', '王家河一网格', ST_Multi(ST_MakeEnvelope(111.30, 30.70, 111.31, 30.71, 4326))),
  ('420503004001002', '王家河二网格', ST_Multi(ST_MakeEnvelope(111.31, 30.70, 111.32, 30.71, 4326))),
  ('420503004001003', '王家河三网格', ST_Multi(ST_MakeEnvelope(111.30, 30.71, 111.31, 30.72, 4326))),
  ('420503004001004', '王家河四网格', ST_Multi(ST_MakeEnvelope(111.31, 30.71, 111.32, 30.72, 4326))),
  ('420502002021001', '中书街一网格',
   ST_Multi(ST_Difference(ST_MakeEnvelope(111.28, 30.69, 111.29, 30.70, 4326),
                          ST_MakeEnvelope(111.284, 30.694, 111.286, 30.696, 4326)))),
  ('420502002021002', '中书街二网格', ST_Multi(ST_MakeEnvelope(111.284, 30.694, 111.286, 30.696, 4326)));
SELECT code, division, name FROM grid.cell ORDER BY code;
-- The map holds no one: a cell's grid worker is a member of the village's
-- team (grid.team_member), under row-level security.
SELECT attname FROM pg_attribute WHERE attrelid = 'grid.cell'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;

-- Interior, edge, vertex and outside.
SELECT p.what, grid.locate(ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)) AS cell,
       grid.locate(p.x, p.y) AS by_lon_lat
  FROM (VALUES ('interior of 001', 111.305, 30.705),
               ('interior of 004', 111.315, 30.715),
               ('edge 001|002 (lowest code)', 111.31, 30.705),
               ('edge 002|004 (lowest code)', 111.315, 30.71),
               ('vertex of all four (lowest code)', 111.31, 30.71),
               ('outer vertex of 004', 111.32, 30.72),
               ('outer edge of 003', 111.30, 30.715),
               ('just outside', 111.3200001, 30.715),
               ('far away', 114.30, 30.59),
               ('in the hole: the island cell', 111.285, 30.695),
               ('on the hole''s edge (lowest code)', 111.284, 30.695),
               ('ring of 021001', 111.281, 30.691)) AS p(what, x, y);

-- grid.locate agrees with ST_Covers and the lowest code on a lattice of
-- points, on every vertex and on every edge midpoint of every cell.
WITH pts AS (
    SELECT ST_SetSRID(ST_MakePoint(111.279 + i * 0.0005, 30.689 + j * 0.0005), 4326) AS pt
      FROM generate_series(0, 90) i, generate_series(0, 70) j
    UNION ALL
    SELECT (ST_DumpPoints(geom)).geom FROM grid.cell
    UNION ALL
    SELECT ST_LineInterpolatePoint(ST_MakeLine(d.geom, lead(d.geom) OVER (PARTITION BY d.code, d.path[1], d.path[2] ORDER BY d.path[3])), 0.5)
      FROM (SELECT c.code, (ST_DumpPoints(c.geom)).* FROM grid.cell c) d
)
SELECT count(*) AS points,
       count(*) FILTER (WHERE grid.locate(pt) IS NOT NULL) AS located,
       count(*) FILTER (WHERE grid.locate(pt) IS DISTINCT FROM
                              (SELECT min(c.code) FROM grid.cell c WHERE ST_Covers(c.geom, pt))) AS disagreements
  FROM pts WHERE pt IS NOT NULL;

-- NULL in, NULL out; an empty point is in no cell.
SELECT grid.locate(NULL::geometry) AS null_geometry,
       grid.locate(NULL, 30.7) AS null_lon,
       grid.locate('SRID=4326;POINT EMPTY'::geometry) AS empty_point;
-- NaN, infinity and out of range are no place: errors, not "in no cell".
SELECT grid.locate('NaN'::float8, 30.7) AS nan;
SELECT grid.locate('Infinity'::float8, 30.7) AS infinity;
SELECT grid.locate(30.705, 111.305) AS latitude_first;
-- Errors: only points, only SRID 4326.
SELECT grid.locate(ST_MakePoint(111.305, 30.705));
SELECT grid.locate(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4490));
SELECT grid.locate('SRID=4326;LINESTRING(111.3 30.7, 111.31 30.71)'::geometry);
SELECT grid.locate('SRID=4326;MULTIPOINT((111.305 30.705))'::geometry);
-- Z is ignored, as ST_Covers ignores it.
SELECT grid.locate('SRID=4326;POINT Z (111.305 30.705 80)'::geometry) AS with_z;

-- The cache follows changes made in this transaction, and forgets them when
-- they are rolled back.
BEGIN;
SELECT grid.locate(111.335, 30.705) AS before_insert;
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001005', '王家河五网格', ST_Multi(ST_MakeEnvelope(111.32, 30.70, 111.34, 30.71, 4326)));
SELECT grid.locate(111.335, 30.705) AS after_insert,
       grid.locate(111.32, 30.705) AS shared_edge_002_005;
UPDATE grid.cell SET geom = ST_Multi(ST_MakeEnvelope(111.32, 30.70, 111.33, 30.71, 4326))
 WHERE code = '420503004001005';
SELECT grid.locate(111.335, 30.705) AS after_shrinking, grid.locate(111.325, 30.705) AS still_inside;
SAVEPOINT s;
DELETE FROM grid.cell WHERE code = '420503004001001';
SELECT grid.locate(111.305, 30.705) AS after_delete, grid.locate(111.31, 30.71) AS vertex_without_001;
ROLLBACK TO SAVEPOINT s;
SELECT grid.locate(111.305, 30.705) AS after_rollback_to_savepoint;
ROLLBACK;
SELECT grid.locate(111.325, 30.705) AS after_rollback;
-- TRUNCATE too (in a transaction, rolled back).
BEGIN;
TRUNCATE grid.cell;
SELECT grid.locate(111.305, 30.705) AS after_truncate;
ROLLBACK;
SELECT grid.locate(111.305, 30.705) AS after_truncate_rolled_back;
-- Within one PL/pgSQL function, across its statements.
DO $$
DECLARE before grid.division_code; after grid.division_code;
BEGIN
    before := grid.locate(111.335, 30.705);
    INSERT INTO grid.cell (code, name, geom)
    VALUES ('420503004001005', '王家河五网格', ST_Multi(ST_MakeEnvelope(111.32, 30.70, 111.34, 30.71, 4326)));
    after := grid.locate(111.335, 30.705);
    RAISE NOTICE 'before: %, after: %', before, after;
    DELETE FROM grid.cell WHERE code = '420503004001005';
    RAISE NOTICE 'after delete: %', grid.locate(111.335, 30.705);
END;
$$;
SELECT cells, stale FROM grid.cell_cache();
-- In a parallel worker (which builds its own cache from the statement's
-- snapshot) the answers are the same.
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT grid.locate(111.305, 30.705) AS in_worker, grid.locate(111.31, 30.71) AS vertex_in_worker;
EXPLAIN (COSTS OFF) SELECT grid.locate(111.305, 30.705);
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
-- The cache answers only a role that may read grid.cell itself, whoever
-- built it: SET ROLE to one without SELECT is refused as a query would be.
CREATE ROLE regress_cell_nobody;
CREATE ROLE regress_cell_columns;
GRANT SELECT (code, geom) ON grid.cell TO regress_cell_columns;
SELECT grid.locate(111.305, 30.705) AS as_superuser;
SET ROLE regress_cell_nobody;
SELECT grid.locate(111.305, 30.705);
SELECT grid.locate(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326));
RESET ROLE;
SET ROLE regress_cell_columns;
SELECT grid.locate(111.305, 30.705) AS with_code_and_geom;
RESET ROLE;
-- A cache shared by every role cannot apply row-level security on the map.
ALTER TABLE grid.cell ENABLE ROW LEVEL SECURITY;
SET ROLE regress_cell_columns;
SELECT grid.locate(111.305, 30.705);
RESET ROLE;
ALTER TABLE grid.cell DISABLE ROW LEVEL SECURITY;
REVOKE SELECT (code, geom) ON grid.cell FROM regress_cell_columns;
DROP ROLE regress_cell_nobody, regress_cell_columns;

-- The table's rules.
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001', 'a village is not a cell', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)));
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001009', 'a point is not a cell', 'SRID=4326;POINT(0 0)');
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001009', 'other SRID', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4490)));
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001009', ' ', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)));

-- Checkpoints (卡口) and the nearest ones to a point.
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (1, '夷陵长江大桥卡口', '420506', ST_SetSRID(ST_MakePoint(111.3266, 30.7657), 4326)),
  (2, '伍家岗长江大桥卡口', '420503', ST_SetSRID(ST_MakePoint(111.3640, 30.6510), 4326)),
  (3, '宜昌东站卡口', '420503', ST_SetSRID(ST_MakePoint(111.3560, 30.6550), 4326)),
  (4, '三峡机场卡口', '420505', ST_SetSRID(ST_MakePoint(111.4797, 30.5563), 4326)),
  (5, '枝城镇卡口', '420581104', ST_SetSRID(ST_MakePoint(111.5010, 30.2955), 4326));
SELECT id, name, division, round(distance::numeric) AS metres,
       round(ST_DistanceSphere(c.geom, ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326))::numeric) AS by_st_distancesphere
  FROM grid.nearest_checkpoints(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326), 3) n
  JOIN grid.checkpoint c USING (id, name, division);
SELECT count(*) AS none_asked FROM grid.nearest_checkpoints(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326), 0);
SELECT count(*) AS more_than_there_are FROM grid.nearest_checkpoints(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326), 50);
-- The index serves the nearest-neighbour order.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT * FROM grid.nearest_checkpoints(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326), 3);
RESET enable_seqscan;

-- Coverage checks: a clean map has no problems.
SELECT * FROM grid.coverage_problems();
-- Village boundary for 420503004001: the four cells and a strip east of them
-- that no cell covers.
INSERT INTO grid.village_boundary VALUES
  ('420503004001', ST_Multi(ST_MakeEnvelope(111.30, 30.70, 111.325, 30.72, 4326)));
-- A bow-tie (invalid), a cell overlapping 004, a cell poking out of its
-- village, a cell without area, a cell under a village the registry lacks.
INSERT INTO grid.cell (code, name, geom) VALUES
  ('420503004001009', '空网格', 'SRID=4326;MULTIPOLYGON EMPTY'),
  ('420503004999001', '无主网格', ST_Multi(ST_MakeEnvelope(111.50, 30.50, 111.51, 30.51, 4326))),
  ('420503004001006', '蝴蝶网格', 'SRID=4326;MULTIPOLYGON(((111.40 30.80, 111.41 30.81, 111.41 30.80, 111.40 30.81, 111.40 30.80)))'),
  ('420503004001007', '重叠网格', ST_Multi(ST_MakeEnvelope(111.318, 30.718, 111.319, 30.719, 4326))),
  ('420503004001008', '出界网格', ST_Multi(ST_MakeEnvelope(111.32, 30.71, 111.33, 30.715, 4326)));
SELECT problem, code, other, reason, ST_AsText(location, 6) AS location
  FROM grid.coverage_problems() ORDER BY problem, code, other;
-- Every problem kind is named for what it is.
SELECT DISTINCT problem FROM grid.coverage_problems() ORDER BY 1;

-- Shape of what was declared.
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proparallel AS parallel
  FROM pg_proc p
 WHERE p.pronamespace = 'grid'::regnamespace
   AND p.proname IN ('locate', 'nearest_checkpoints', 'coverage_problems', 'cell_cache', 'cell_changed')
 ORDER BY 1;
SELECT tgname, tgenabled, tgtype FROM pg_trigger WHERE tgrelid = 'grid.cell'::regclass AND NOT tgisinternal ORDER BY tgname;
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) AS t(oid) JOIN pg_class c ON c.oid = t.oid
 WHERE e.extname = 'grid' AND c.relname IN ('cell', 'checkpoint', 'checkpoint_id_seq', 'village_boundary')
 ORDER BY 1;

DELETE FROM grid.cell;
DELETE FROM grid.checkpoint;
DELETE FROM grid.village_boundary;
