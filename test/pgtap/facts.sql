-- pgTAP: the facts per place (grid.cell_fact) and per place and day
-- (grid.cell_day) agree with a recount after every kind of change, the
-- temperature report read from them gives what the report computed from
-- the registry gave (and lists every cell of the map, empty ones too), the
-- facts are protected as the rows they count, and the per-grid call list
-- reads its residents from the index on place in one plan.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
-- the recounts compare whole reports: compiling them costs seconds here
SET LOCAL jit = off;
\ir reports_fixture.inc
SELECT plan(44);

-- The temperature report as the previous version computed it, from the
-- registry and grid.health_day (its text, under another name).
CREATE FUNCTION pg_temp.old_temperature(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, residents bigint, reported bigint, not_reported bigint, fever bigint,
                   app bigint, sms bigint, voice bigint, proxy bigint, checkpoint bigint,
                   report_rate numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH person AS (
    SELECT r.id, r.division AS village, grid.report_cell(r.cell, r.division) AS cell
      FROM grid.resident r
     WHERE r.status IN ('resident', 'temporary')
       AND grid.report_covers(grid.report_village_scope(old_temperature.division), r.division)
), rep AS (
    SELECT d.resident_id, d.division, d.fever, d.channels
      FROM grid.health_day d
     WHERE d.day = old_temperature.day
       AND grid.report_covers(grid.report_village_scope(old_temperature.division), d.division)
), unit AS (
    -- residents counted per cell first; the levels above are rolled up
    -- from these few thousand rows
    SELECT p.village, p.cell,
           pg_catalog.count(*) AS residents,
           pg_catalog.count(h.resident_id) AS reported,
           pg_catalog.count(*) FILTER (WHERE h.fever) AS fever,
           pg_catalog.count(*) FILTER (WHERE h.channels & 1 <> 0) AS app,
           pg_catalog.count(*) FILTER (WHERE h.channels & 2 <> 0) AS sms,
           pg_catalog.count(*) FILTER (WHERE h.channels & 4 <> 0) AS voice,
           pg_catalog.count(*) FILTER (WHERE h.channels & 8 <> 0) AS proxy,
           pg_catalog.count(*) FILTER (WHERE h.channels & 16 <> 0) AS checkpoint
      FROM person p
      LEFT JOIN rep h ON h.resident_id OPERATOR(grid.=) p.id AND h.division OPERATOR(grid.=) p.village
     WHERE grid.report_covers(old_temperature.division, coalesce(p.cell, p.village))
     GROUP BY p.village, p.cell
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
SELECT old_temperature.day, g.level, grid.report_label('level', g.level), x.code,
       coalesce(CASE WHEN g.level = 'grid' THEN c.name ELSE d.name END,
                CASE WHEN x.code IS NULL THEN '未划入网格' ELSE x.code::text END),
       CASE g.level WHEN 'grid' THEN g.village WHEN 'village' THEN g.township WHEN 'township' THEN g.county
                    WHEN 'county' THEN g.city END,
       g.residents, g.reported, g.not_reported, g.fever, g.app, g.sms, g.voice, g.proxy, g.checkpoint,
       pg_catalog.round(100.0 * g.reported / g.residents, 1)
  FROM g
 CROSS JOIN LATERAL (SELECT CASE g.level WHEN 'grid' THEN g.cell WHEN 'village' THEN g.village
                                         WHEN 'township' THEN g.township WHEN 'county' THEN g.county
                                         ELSE g.city END AS code) x
  LEFT JOIN grid.division d ON d.code OPERATOR(grid.=) x.code
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) x.code
 ORDER BY coalesce(x.code, grid.subtree_last(g.village))
$$;

-- grid.cell_day summed over its slots.
CREATE FUNCTION pg_temp.cell_day() RETURNS TABLE (day date, place grid.division_code, division grid.division_code,
    reported integer, fever integer, app integer, sms integer, voice integer, proxy integer, checkpoint integer)
LANGUAGE sql AS $$
    SELECT day, place, division, sum(reported)::integer, sum(fever)::integer, sum(app)::integer, sum(sms)::integer,
           sum(voice)::integer, sum(proxy)::integer, sum(checkpoint)::integer
      FROM grid.cell_day GROUP BY day, place, division
    HAVING (sum(reported), sum(fever), sum(app), sum(sms), sum(voice), sum(proxy), sum(checkpoint)) <> (0, 0, 0, 0, 0, 0, 0)
$$;

-- Rows of the facts that differ from a recount, and rows of the report
-- (every cell with residents, three days) that differ from the previous
-- version's: '0/0' when both agree.
CREATE FUNCTION pg_temp.drift() RETURNS text LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM (SELECT * FROM grid.cell_fact EXCEPT SELECT * FROM grid.cell_fact_recount()) a)
         + (SELECT count(*) FROM (SELECT * FROM grid.cell_fact_recount() EXCEPT SELECT * FROM grid.cell_fact) b)
         + (SELECT count(*) FROM (SELECT * FROM pg_temp.cell_day() EXCEPT SELECT * FROM grid.cell_day_recount()) c)
         + (SELECT count(*) FROM (SELECT * FROM grid.cell_day_recount() EXCEPT SELECT * FROM pg_temp.cell_day()) d)
         || '/' ||
           (SELECT count(*) FROM generate_series(date '2020-02-09', date '2020-02-12', interval '1 day') g(d),
                   LATERAL (SELECT * FROM (SELECT * FROM grid.report_temperature(g.d::date) WHERE residents > 0
                                           EXCEPT SELECT * FROM pg_temp.old_temperature(g.d::date)) x
                            UNION ALL
                            SELECT * FROM (SELECT * FROM pg_temp.old_temperature(g.d::date)
                                           EXCEPT SELECT * FROM grid.report_temperature(g.d::date) WHERE residents > 0) y) z)
$$;
CREATE FUNCTION pg_temp.fact(p text, d date DEFAULT '2020-02-10') RETURNS text LANGUAGE sql AS $$
    SELECT coalesce((SELECT residents::text FROM grid.cell_fact WHERE place = p::grid.division_code), '-') || ' '
        || coalesce((SELECT reported || ' ' || fever || ' ' || app || sms || voice || proxy || checkpoint
                       FROM pg_temp.cell_day() WHERE place = p::grid.division_code AND day = d), '-')
$$;

-- ------------------------------------------------------------ the facts

SELECT is(pg_temp.drift(), '0/0', 'the fixture: facts = recount, report = the previous version''s');
SELECT is(pg_temp.fact('420503004001001'), '3 2 1 11010', 'cell A1: 3 residents, 2 reported, 1 fever, app sms proxy');
SELECT is(pg_temp.fact('420503004001'), '1 1 0 10000', 'village A''s residents without a cell: 1, reported by app');
SELECT is(pg_temp.fact('420503004002001'), '2 1 1 10001', 'cell B1: the resident away is not counted');
SELECT is((SELECT count(*) FROM grid.cell_fact), 5::bigint, 'five places with residents');

INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101004'), 'app', '2020-02-10 12:00+08', '2020-02-10 12:00+08', 38.0, true, '420503004001', 'id');
SELECT is(pg_temp.drift(), '0/0', 'a second report on a day: facts follow');
SELECT is(pg_temp.fact('420503004001002'), '2 1 1 10100', 'cell A2: the fever and the second channel are counted');

UPDATE grid.health_report SET temperature = 36.5, fever = false
 WHERE resident_id = pg_temp.rid('42050319800101002') AND channel = 'proxy';
SELECT is(pg_temp.drift(), '0/0', 'a report corrected: facts follow');
SELECT is(pg_temp.fact('420503004001001'), '3 2 0 11010', 'cell A1: the fever is gone');

DELETE FROM grid.health_report WHERE resident_id = pg_temp.rid('42050219800101009');
SELECT is(pg_temp.drift(), '0/0', 'a report deleted: facts follow');
SELECT is(pg_temp.fact('420502002021001'), '2 -', 'cell C1: nobody reported');

INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'sms', '2020-02-11 08:00+08', '2020-02-11 08:00+08', 36.6, false, '420503004001', 'id');
SELECT is(pg_temp.drift(), '0/0', 'a report on another day: facts follow');

UPDATE grid.resident SET cell = '420503004001002' WHERE id = pg_temp.rid('42050319800101001');
SELECT is(pg_temp.drift(), '0/0', 'a resident moved to another cell of the village: facts follow');
SELECT is(pg_temp.fact('420503004001001') || ' | ' || pg_temp.fact('420503004001002'), '2 1 0 00010 | 3 2 1 21100',
          'the resident and the day they reported moved from A1 to A2');

UPDATE grid.resident SET division = '420503004002', cell = '420503004002001' WHERE id = pg_temp.rid('42050319800101004');
SELECT is(pg_temp.drift(), '0/0', 'a resident moved to another village: facts follow');

UPDATE grid.resident SET status = 'deceased' WHERE id = pg_temp.rid('42050319800101007');
SELECT is(pg_temp.drift(), '0/0', 'a resident died: facts follow');

UPDATE grid.resident SET status = 'moved_out' WHERE id = pg_temp.rid('42050319800101008');
SELECT is(pg_temp.drift(), '0/0', 'a resident moved out: facts follow');
UPDATE grid.resident SET status = 'resident' WHERE id = pg_temp.rid('42050319800101008');
SELECT is(pg_temp.drift(), '0/0', '... and came back: facts follow');

UPDATE grid.resident SET status = 'away' WHERE id = pg_temp.rid('42050319800101006');
SELECT is(pg_temp.drift(), '0/0', 'a resident away: facts follow');
SELECT is(pg_temp.fact('420503004001'), '- -', 'village A''s place without a cell is gone with its last resident');

UPDATE grid.resident SET cell = NULL WHERE id = pg_temp.rid('42050319800101005');
SELECT is(pg_temp.drift(), '0/0', 'a resident''s cell taken away: facts follow');

-- A report stored before its resident is registered (a returnee added
-- late): the resident brings the day along.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050219800101013'), 'proxy', '2020-02-10 10:00+08', '2020-02-10 10:00+08', 37.9, true, '420502002021', 'manual');
SELECT is(pg_temp.fact('420502002021001'), '2 -', 'a report of an unregistered resident counts nowhere');
INSERT INTO grid.resident (id, name, phones, division, cell)
VALUES (pg_temp.rid('42050219800101013'), '返十三', '{13900000013}', '420502002021', '420502002021001');
SELECT is(pg_temp.drift(), '0/0', 'a resident added late: facts follow');
SELECT is(pg_temp.fact('420502002021001'), '3 1 1 00010', 'cell C1: the late resident and their day');

DELETE FROM grid.resident WHERE id = pg_temp.rid('42050219800101010');
SELECT is(pg_temp.drift(), '0/0', 'a resident deleted: facts follow');

UPDATE grid.resident SET cell = '420503004001001' WHERE division = '420503004001';
SELECT is(pg_temp.drift(), '0/0', 'a whole village moved into one cell in one statement: facts follow');

UPDATE grid.resident SET status = CASE WHEN status = 'resident' THEN 'temporary' ELSE 'resident' END, updated_at = now();
SELECT is(pg_temp.drift(), '0/0', 'every resident changed, none moved: facts follow');

-- Ingestion, as a village's ingesting role.
CREATE ROLE fct_ingest LOGIN;
GRANT grid_ingest TO fct_ingest;
SELECT grid.grant_scope('fct_ingest', '420503004001') IS NULL AS granted \gset
SET SESSION AUTHORIZATION fct_ingest;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
    (pg_temp.rid('42050319800101002')::text, '2020-02-10 18:00', '37.9'),
    (pg_temp.rid('42050319800101003')::text, '2020-02-10 18:00', '36.4'),
    (pg_temp.rid('42050319800101005')::text, '2020-02-12 08:00', '36.4');
SELECT is((SELECT accepted FROM grid.ingest_app('facts')), 3::bigint, 'ingestion: three reports stored');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.drift(), '0/0', 'ingestion: facts follow');

-- Cells re-drawn: a new cell of the map, without residents, is listed.
INSERT INTO grid.cell (code, name, geom) VALUES ('420503004001003', '王家河三网格', pg_temp.square(111.32, 30.70));
SELECT is((SELECT residents || ' ' || reported || ' ' || coalesce(report_rate::text, 'NULL')
             FROM grid.report_temperature('2020-02-10') WHERE division = '420503004001003'),
          '0 0 NULL', 'temperature: an empty cell is listed with 0 residents and no rate');
SELECT is((SELECT count(*) FROM pg_temp.old_temperature('2020-02-10') WHERE division = '420503004001003'), 0::bigint,
          'temperature: the previous version left it out');
SELECT is((SELECT count(*) FROM grid.report_temperature('2020-02-10') WHERE level = 'grid' AND residents = 0),
          (SELECT count(*) FROM grid.cell c WHERE NOT EXISTS (SELECT FROM grid.resident r WHERE r.place = c.code
                                                                 AND r.status IN ('resident', 'temporary'))),
          'temperature: every cell without residents is listed');
SELECT is((SELECT count(*) FROM grid.report_temperature('2020-02-10') WHERE level = 'grid' AND division IS NOT NULL),
          (SELECT count(DISTINCT code) FROM (SELECT code FROM grid.cell UNION ALL SELECT place FROM grid.cell_fact
                                              WHERE grid.level(place) = 'grid') x),
          'temperature: every cell of the map and every cell with residents');
UPDATE grid.cell SET geom = pg_temp.square(111.33, 30.70) WHERE code = '420503004001003';
SELECT is(pg_temp.drift(), '0/0', 'a cell re-drawn: facts unchanged and right');

-- Which cells had no report on a day.
SELECT is((SELECT array_agg(division::text ORDER BY division) FROM grid.temperature_cells
            WHERE day = '2020-02-11' AND cell IS NOT NULL AND reported = 0),
          ARRAY['420502002021001', '420503004001002', '420503004001003', '420503004002001'],
          'temperature_cells: the cells with no report on a day');
SELECT is((SELECT array_agg(division::text || ':' || empty ORDER BY division) FROM grid.temperature_cells
            WHERE day = '2020-02-11' AND division <@ '420503004001'),
          ARRAY['420503004001001:false', '420503004001002:true', '420503004001003:true'],
          'temperature_cells: a village''s places, the empty cell marked');
SELECT is((SELECT count(*) FROM grid.temperature_daily WHERE day = '2020-02-10'),
          (SELECT count(*) FROM grid.report_temperature('2020-02-10')), 'temperature_daily: the report of the day');
SELECT is((SELECT count(*) FROM grid.key_persons_daily WHERE day = '2020-02-10' AND division <@ '420503004001'),
          (SELECT count(*) FROM grid.report_key_persons('2020-02-10', '420503004001')), 'key_persons_daily: a village''s');

-- Truncated with the reports, and recounted by an administrator.
CREATE TEMP TABLE kept AS SELECT * FROM pg_temp.cell_day();
UPDATE grid.cell_day SET reported = reported + 1;
SELECT isnt(pg_temp.drift(), '0/0', 'facts changed behind the triggers differ from the recount');
SELECT cmp_ok(grid.rebuild_facts(), '>', 0::bigint, 'rebuild_facts: recounts');
SELECT is(pg_temp.drift(), '0/0', 'rebuild_facts: facts = recount again');
SELECT is((SELECT count(*) FROM (SELECT * FROM pg_temp.cell_day() EXCEPT SELECT * FROM kept) x), 0::bigint,
          'rebuild_facts: what the triggers had kept');
TRUNCATE grid.health_report;
SELECT is((SELECT count(*) FROM grid.cell_day), 0::bigint, 'TRUNCATE of the reports empties the days'' facts');
SELECT is(pg_temp.drift(), '0/0', 'after TRUNCATE: facts = recount');

SELECT * FROM finish();
ROLLBACK;
