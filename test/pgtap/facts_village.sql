-- pgTAP: the facts per village (grid.village_day, grid.resident_screened,
-- grid.household_screened, grid.key_person_day, grid.service_day) agree with a recount after every
-- kind of change, and the screening, returnee, key-person count and
-- service reports read from them give, row for row, what the previous
-- version computed from the rows themselves, for every level and several
-- days.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL jit = off;
\ir reports_fixture.inc
SELECT plan(71);

-- The previous version's reports (their text, under other names).
CREATE FUNCTION pg_temp.old_screening(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, households bigint, persons bigint,
                   returnees_from_epicentre bigint, vehicles_from_epicentre bigint, in_transit bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per village: households counted once in the village they are
    -- registered in (a distinct count per village, which PostgreSQL sorts
    -- village by village: a hash of every household took twice as long)
    SELECT r.division, pg_catalog.count(DISTINCT r.household_id) AS households, pg_catalog.count(*) AS persons,
           0::bigint AS returnees, 0::bigint AS vehicles, 0::bigint AS in_transit
      FROM grid.resident r
     WHERE r.status IN ('resident', 'temporary')
       AND grid.report_covers(grid.report_village_scope(old_screening.division), r.division)
       AND EXISTS (SELECT FROM grid.health_day d
                    WHERE d.resident_id OPERATOR(grid.=) r.id AND d.division OPERATOR(grid.=) r.division
                      AND d.day <= old_screening.day)
     GROUP BY r.division
    UNION ALL
    SELECT x.division, 0, 0, pg_catalog.count(*), pg_catalog.count(x.vehicle_plate), 0
      FROM grid.returnee x
     WHERE x.arrival_date <= old_screening.day
       AND x.origin OPERATOR(grid.<@) grid.epicentre()
       AND grid.report_covers(grid.report_village_scope(old_screening.division), x.division)
     GROUP BY x.division
    UNION ALL
    -- people in transit: residents registered away from home
    SELECT r.division, 0, 0, 0, 0, pg_catalog.count(*)
      FROM grid.resident r
     WHERE r.status = 'away'
       AND grid.report_covers(grid.report_village_scope(old_screening.division), r.division)
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
SELECT old_screening.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.households, g.persons, g.returnees, g.vehicles, g.in_transit
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;

CREATE FUNCTION pg_temp.old_returnees(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, new_today bigint, new_from_epicentre bigint,
                   under_observation bigint, ending_today bigint, total bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- counted per division first; the levels above are rolled up from
    -- these few thousand rows
    SELECT x.division,
           pg_catalog.count(*) FILTER (WHERE x.arrival_date = old_returnees.day) AS new_today,
           pg_catalog.count(*) FILTER (WHERE x.arrival_date = old_returnees.day
                                         AND coalesce(x.origin OPERATOR(grid.<@) grid.epicentre(), false)) AS new_from_epicentre,
           pg_catalog.count(*) FILTER (WHERE x.arrival_date + grid.observation_days() >= old_returnees.day) AS under_observation,
           pg_catalog.count(*) FILTER (WHERE x.arrival_date + grid.observation_days() = old_returnees.day) AS ending_today,
           pg_catalog.count(*) AS total
      FROM grid.returnee x
     WHERE x.arrival_date <= old_returnees.day
       AND grid.report_covers(grid.report_village_scope(old_returnees.division), x.division)
     GROUP BY x.division
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
SELECT old_returnees.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.new_today, g.new_from_epicentre, g.under_observation, g.ending_today, g.total
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;

CREATE FUNCTION pg_temp.old_key_person_counts(day date DEFAULT grid.report_today(),
                                              division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, category text,
                   under_observation bigint, new_today bigint, released_today bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT old_key_person_counts.day, c.division, grid.division_name(c.division), grid.report_label('category', c.category),
       c.under_observation, c.new_today, c.released_today
  FROM (SELECT k.division, k.category,
               pg_catalog.count(*) FILTER (WHERE NOT k.released_today) AS under_observation,
               pg_catalog.count(*) FILTER (WHERE k.period_start = old_key_person_counts.day) AS new_today,
               pg_catalog.count(*) FILTER (WHERE k.released_today) AS released_today
          FROM (SELECT r.division, r.category, r.period_start,
                       r.status = 'released' AND grid.report_day(r.closed_at) = old_key_person_counts.day
                           AS released_today
                  FROM grid.report_key_person_rows(old_key_person_counts.day, old_key_person_counts.division) r) k
         GROUP BY k.division, k.category) c
 ORDER BY c.division, grid.report_label('category', c.category)
$$;

CREATE FUNCTION pg_temp.old_services(day date DEFAULT grid.report_today(),
                                     division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, kind text,
                   new_today bigint, open bigint, taken bigint, done_today bigint, cancelled_today bigint,
                   open_over_a_day bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH s AS (
    -- each request's state at the end of the day, from its timestamps
    SELECT q.division, q.kind, q.requested_at,
           CASE WHEN q.done_at < grid.report_day_start(old_services.day + 1) THEN q.status
                WHEN q.taken_at < grid.report_day_start(old_services.day + 1) THEN 'taken'
                ELSE 'open' END AS state,
           q.done_at
      FROM grid.service_request q
     WHERE q.requested_at < grid.report_day_start(old_services.day + 1)
       AND grid.report_covers(grid.report_village_scope(old_services.division), q.division)
)
SELECT old_services.day, s.division, grid.division_name(s.division), grid.report_label('kind', s.kind),
       pg_catalog.count(*) FILTER (WHERE s.requested_at >= grid.report_day_start(old_services.day)),
       pg_catalog.count(*) FILTER (WHERE s.state = 'open'),
       pg_catalog.count(*) FILTER (WHERE s.state = 'taken'),
       pg_catalog.count(*) FILTER (WHERE s.state = 'done' AND s.done_at >= grid.report_day_start(old_services.day)),
       pg_catalog.count(*) FILTER (WHERE s.state = 'cancelled' AND s.done_at >= grid.report_day_start(old_services.day)),
       pg_catalog.count(*) FILTER (WHERE s.state IN ('open', 'taken')
                                     AND s.requested_at < grid.report_day_start(old_services.day + 1) - interval '1 day')
  FROM s
 GROUP BY s.division, s.kind
HAVING pg_catalog.count(*) FILTER (WHERE s.state IN ('open', 'taken')
                                      OR s.requested_at >= grid.report_day_start(old_services.day)
                                      OR s.done_at >= grid.report_day_start(old_services.day)) > 0
 ORDER BY s.division, s.kind
$$;

-- The key-person list as it read each resident's reports (every report
-- up to the day, the latest first).
CREATE FUNCTION pg_temp.old_key_persons(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   resident text, name text, category text, since date, period_end date, days_left integer,
                   latest_temperature numeric, latest_channel text, latest_at timestamptz,
                   new_today boolean, released_today boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH k AS (
    SELECT k.*, l.temperature, l.channel, l.reported_at
      FROM grid.report_key_person_rows(old_key_persons.day, old_key_persons.division) k
      LEFT JOIN LATERAL (
            SELECT h.temperature, h.channel, h.reported_at FROM grid.health_report h
             WHERE h.resident_id OPERATOR(grid.=) k.resident_id
               AND h.reported_at < grid.report_day_start(old_key_persons.day + 1)
             ORDER BY h.reported_at DESC, h.channel LIMIT 1) l ON true
)
SELECT old_key_persons.day, k.division, v.name, k.cell,
       -- grid.show_id of the resident's place, with the caller's scopes read once
       CASE WHEN (SELECT grid.is_admin())
                 OR coalesce(k.cell, k.division) OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[])
            THEN k.resident_id::text ELSE grid.mask(k.resident_id) END, k.name,
       grid.report_label('category', k.category), k.period_start, k.period_end,
       CASE WHEN k.period_end IS NOT NULL THEN GREATEST(k.period_end - old_key_persons.day, 0) END,
       k.temperature, grid.report_label('channel', k.channel), k.reported_at,
       k.period_start = old_key_persons.day,
       k.status = 'released' AND grid.report_day(k.closed_at) = old_key_persons.day
  FROM k LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) k.division
 ORDER BY k.division, k.category, k.period_start, k.resident_id
$$;

-- The checkpoint report as it read the day's passages.
CREATE FUNCTION pg_temp.old_checkpoints(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, checkpoint_id bigint, checkpoint text, division grid.division_code, division_name text,
                   passages bigint, entering bigint, leaving bigint, people bigint, vehicles bigint,
                   vehicles_from_epicentre bigint, fevers bigint, without_pass bigint, turned_back bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT old_checkpoints.day, k.id, k.name, k.division, grid.division_name(k.division),
       pg_catalog.count(p.id), pg_catalog.count(p.id) FILTER (WHERE p.direction = 'in'),
       pg_catalog.count(p.id) FILTER (WHERE p.direction = 'out'),
       pg_catalog.count(p.id) FILTER (WHERE p.person IS NOT NULL),
       pg_catalog.count(p.id) FILTER (WHERE p.vehicle_plate IS NOT NULL),
       pg_catalog.count(p.id) FILTER (WHERE p.vehicle_plate IS NOT NULL AND p.from_epicentre),
       pg_catalog.count(p.id) FILTER (WHERE p.temperature >= grid.fever_threshold()),
       pg_catalog.count(p.id) FILTER (WHERE p.person IS NOT NULL AND NOT p.pass_checked),
       pg_catalog.count(p.id) FILTER (WHERE p.turned_back)
  FROM grid.checkpoint k
  LEFT JOIN grid.checkpoint_passage p
         ON p.checkpoint_id = k.id
        AND p.passed_at >= grid.report_day_start(old_checkpoints.day)
        AND p.passed_at < grid.report_day_start(old_checkpoints.day + 1)
 WHERE grid.in_my_scope(k.division) AND grid.report_covers(old_checkpoints.division, k.division)
 GROUP BY k.id
 ORDER BY k.division, k.id
$$;

-- The facts summed over their slots, zero rows left out.
CREATE FUNCTION pg_temp.village_day() RETURNS SETOF record LANGUAGE sql AS $$
    SELECT day, place, division, sum(screened)::integer, sum(households)::integer, sum(returnees)::integer,
           sum(returnees_from_epicentre)::integer, sum(vehicles_from_epicentre)::integer, sum(in_transit)::integer
      FROM grid.village_day GROUP BY day, place, division
    HAVING (sum(screened), sum(households), sum(returnees), sum(returnees_from_epicentre), sum(vehicles_from_epicentre),
            sum(in_transit)) <> (0, 0, 0, 0, 0, 0)
$$;

-- grid.checkpoint_day summed over its slots, zero rows left out.
CREATE FUNCTION pg_temp.checkpoint_day()
    RETURNS TABLE (day date, checkpoint_id bigint, division grid.division_code, temperature numeric,
                   passages integer, entering integer, leaving integer, people integer, vehicles integer,
                   vehicles_from_epicentre integer, without_pass integer, turned_back integer)
    LANGUAGE sql AS $$
    SELECT day, checkpoint_id, division, temperature, sum(passages)::integer, sum(entering)::integer, sum(leaving)::integer,
           sum(people)::integer, sum(vehicles)::integer, sum(vehicles_from_epicentre)::integer, sum(without_pass)::integer,
           sum(turned_back)::integer
      FROM grid.checkpoint_day GROUP BY 1, 2, 3, 4
    HAVING (sum(passages), sum(entering), sum(leaving), sum(people), sum(vehicles), sum(vehicles_from_epicentre),
            sum(without_pass), sum(turned_back)) <> (0, 0, 0, 0, 0, 0, 0, 0)
$$;

-- Rows of the facts that differ from a recount, and rows of the six
-- reports that differ from the previous version's (days around the
-- fixture's, every level): '0/0' when both agree.
CREATE FUNCTION pg_temp.drift() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    facts bigint;
    reports bigint := 0;
    n bigint;
    d date;
    v text;
    f text;
BEGIN
    SELECT (SELECT count(*) FROM ((SELECT * FROM pg_temp.village_day() AS (a date, b grid.division_code, c grid.division_code, d int, e int, f int, g int, h int, i int)
                                   EXCEPT ALL SELECT * FROM grid.village_day_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.village_day_recount()
                                   EXCEPT ALL SELECT * FROM pg_temp.village_day() AS (a date, b grid.division_code, c grid.division_code, d int, e int, f int, g int, h int, i int))) x)
         + (SELECT count(*) FROM ((SELECT * FROM grid.resident_screened EXCEPT ALL SELECT * FROM grid.resident_screened_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.resident_screened_recount() EXCEPT ALL SELECT * FROM grid.resident_screened)) x)
         + (SELECT count(*) FROM ((SELECT * FROM grid.household_screened EXCEPT ALL SELECT * FROM grid.household_screened_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.household_screened_recount() EXCEPT ALL SELECT * FROM grid.household_screened)) x)
         + (SELECT count(*) FROM ((SELECT day, place, division, category, sum(begun)::integer, sum(ended)::integer, sum(released)::integer
                                     FROM grid.key_person_day GROUP BY 1, 2, 3, 4 HAVING (sum(begun), sum(ended), sum(released)) <> (0, 0, 0)
                                   EXCEPT ALL SELECT * FROM grid.key_person_day_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.key_person_day_recount()
                                   EXCEPT ALL SELECT day, place, division, category, sum(begun)::integer, sum(ended)::integer, sum(released)::integer
                                     FROM grid.key_person_day GROUP BY 1, 2, 3, 4 HAVING (sum(begun), sum(ended), sum(released)) <> (0, 0, 0))) x)
         + (SELECT count(*) FROM ((SELECT day, place, division, kind, sum(requested)::integer, sum(left_open)::integer, sum(closed)::integer,
                                          sum(done)::integer, sum(cancelled)::integer, sum(closed_same_day)::integer
                                     FROM grid.service_day GROUP BY 1, 2, 3, 4
                                   HAVING (sum(requested), sum(left_open), sum(closed), sum(done), sum(cancelled), sum(closed_same_day)) <> (0, 0, 0, 0, 0, 0)
                                   EXCEPT ALL SELECT * FROM grid.service_day_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.service_day_recount()
                                   EXCEPT ALL SELECT day, place, division, kind, sum(requested)::integer, sum(left_open)::integer, sum(closed)::integer,
                                          sum(done)::integer, sum(cancelled)::integer, sum(closed_same_day)::integer
                                     FROM grid.service_day GROUP BY 1, 2, 3, 4
                                   HAVING (sum(requested), sum(left_open), sum(closed), sum(done), sum(cancelled), sum(closed_same_day)) <> (0, 0, 0, 0, 0, 0))) x)
         + (SELECT count(*) FROM ((SELECT * FROM pg_temp.checkpoint_day() EXCEPT ALL SELECT * FROM grid.checkpoint_day_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.checkpoint_day_recount() EXCEPT ALL SELECT * FROM pg_temp.checkpoint_day())) x)
      INTO facts;
    FOREACH d IN ARRAY ARRAY['2020-01-20', '2020-01-27', '2020-02-05', '2020-02-08', '2020-02-09', '2020-02-10', '2020-02-11',
                             '2020-02-12', '2020-02-24']::date[] LOOP
        FOREACH v IN ARRAY ARRAY[NULL, '4205', '420503004', '420503004001', '420503004001001', '420502002021'] LOOP
            FOREACH f IN ARRAY ARRAY['screening', 'returnees', 'key_person_counts', 'services', 'key_persons', 'checkpoints'] LOOP
                EXECUTE format('SELECT count(*) FROM ((SELECT * FROM grid.report_%1$s($1, $2) EXCEPT ALL SELECT * FROM pg_temp.old_%1$s($1, $2))
                                                      UNION ALL
                                                      (SELECT * FROM pg_temp.old_%1$s($1, $2) EXCEPT ALL SELECT * FROM grid.report_%1$s($1, $2))) x', f)
                   INTO n USING d, v::grid.division_code;
                reports := reports + n;
            END LOOP;
        END LOOP;
    END LOOP;
    RETURN facts || '/' || reports;
END
$$;
-- Rows the archive holds for a day that differ from what the reports
-- return on the same data (each row masked as the archive masks it, under
-- its division, numbered in the report's order), over every report it
-- keeps: 0 when both agree.
CREATE FUNCTION pg_temp.archive_drift(d date) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n bigint;
    total bigint := 0;
BEGIN
    PERFORM grid.archive_reports(d);
    FOR r IN SELECT c.report, c.function FROM grid.report_catalog() c WHERE c.archived LOOP
        EXECUTE format('WITH live AS (SELECT x.* FROM (SELECT coalesce(t.j ->> ''division'', t.j ->> ''parent'')::grid.division_code AS division,
                                                              t.line::integer AS line, grid.archive_masked(t.j) AS data
                                                         FROM (SELECT row_number() OVER () AS line, to_jsonb(t) AS j FROM %s($1) t) t) x
                                       WHERE x.division IS NOT NULL),
                             kept AS (SELECT a.division, a.line, a.data FROM grid.report_archive a WHERE a.report = $2 AND a.day = $1)
                        SELECT count(*) FROM ((SELECT * FROM live EXCEPT ALL SELECT * FROM kept)
                                              UNION ALL (SELECT * FROM kept EXCEPT ALL SELECT * FROM live)) x', r.function)
           INTO n USING d, r.report;
        total := total + n;
    END LOOP;
    RETURN total;
END
$$;
-- One village's screening row as text (households persons returnees vehicles in transit).
CREATE FUNCTION pg_temp.screen(v text, d date DEFAULT '2020-02-10') RETURNS text LANGUAGE sql AS $$
    SELECT coalesce((SELECT households || ' ' || persons || ' ' || returnees_from_epicentre || ' ' || vehicles_from_epicentre
                            || ' ' || in_transit
                       FROM grid.report_screening(d) WHERE division = v::grid.division_code), '-')
$$;

-- ------------------------------------------------------------ the facts

SELECT is(pg_temp.drift(), '0/0', 'the fixture: facts = recount, reports = the previous version''s');
SELECT is(pg_temp.archive_drift('2020-02-10'), 0::bigint, 'the archive of the fixture''s day holds the reports'' rows');
SELECT ok((SELECT count(DISTINCT report) FROM grid.report_archive) >= 8, '... of every report it keeps');
-- Every row written to the archive is masked, whatever field holds an
-- identifier; a row with none is stored as it is.
INSERT INTO grid.report_archive (report, day, division, line, data) VALUES
    ('teams', '2020-01-01', '420503004001', 1, '{"resident": "420503198001010018", "n": 1}'),
    ('teams', '2020-01-01', '420503004001', 2, '{"phone": "13900000001"}'),
    ('teams', '2020-01-01', '420503004001', 3, '{"leader_phone": "13900000002"}'),
    ('teams', '2020-01-01', '420503004001', 4, '{"note": "420503198001010026"}'),
    ('teams', '2020-01-01', '420503004001', 5, '{"note": "4205031980010100", "count": 7}');
SELECT is((SELECT array_agg(data::text ORDER BY line) FROM grid.report_archive WHERE day = '2020-01-01'),
          ARRAY['{"n": 1, "resident": "420503********0018"}',
                jsonb_build_object('phone', grid.mask('13900000001'))::text,
                jsonb_build_object('leader_phone', grid.mask('13900000002'))::text,
                '{"note": "420503********0026"}', '{"note": "4205031980010100", "count": 7}'],
          'the archive masks an ID or phone number in any field, and keeps a row without one as it is');
UPDATE grid.report_archive SET data = '{"note": "420503198001010026"}' WHERE day = '2020-01-01' AND line = 5;
SELECT is((SELECT data ->> 'note' FROM grid.report_archive WHERE day = '2020-01-01' AND line = 5), '420503********0026',
          '... also when a row is changed');
DELETE FROM grid.report_archive WHERE day = '2020-01-01';
SELECT is(pg_temp.screen('420503004001'), '2 4 2 1 0', 'screening, village A: 2 households, 4 persons, 2 returnees from Wuhan, 1 by car');
SELECT is(pg_temp.screen('420503004002'), '0 1 0 0 1', 'screening, village B: 1 person, 1 in transit');
SELECT is((SELECT count(*) FROM grid.village_day WHERE day = 'infinity'), (SELECT count(DISTINCT place) FROM grid.village_day),
          'every place with facts has its row of totals');

-- Reports: a first one, an earlier one, corrected, deleted.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'app', '2020-02-11 09:00+08', '2020-02-11 09:00+08', 36.5, false, '420503004001', 'id');
SELECT is(pg_temp.drift(), '0/0', 'a resident''s first report (a member of a screened household): facts follow');
SELECT is(pg_temp.screen('420503004001', '2020-02-11'), '2 6 2 1 0', 'screening: r03 and r05 screened by 02-11');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'sms', '2020-02-08 09:00+08', '2020-02-08 09:00+08', 36.5, false, '420503004001', 'id');
SELECT is(pg_temp.drift(), '0/0', 'an earlier report of a resident already screened: facts follow');
SELECT is(pg_temp.screen('420503004001', '2020-02-09'), '1 1 1 0 0', 'screening on 02-09: r03 and its household');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101008'), 'voice', '2020-02-09 09:00+08', '2020-02-09 09:00+08', 36.5, false, '420503004002', 'id'),
       (pg_temp.rid('42050319800101008'), 'voice', '2020-02-12 09:00+08', '2020-02-12 09:00+08', 36.5, false, '420503004002', 'id');
SELECT is(pg_temp.drift(), '0/0', 'two days of one resident in one statement: facts follow');
UPDATE grid.health_report SET reported_at = '2020-02-07 09:00+08', report_minute = '2020-02-07 09:00+08'
 WHERE resident_id = pg_temp.rid('42050319800101003') AND channel = 'sms';
SELECT is(pg_temp.drift(), '0/0', 'a report moved to another day: facts follow');
UPDATE grid.health_report SET temperature = 37.9, fever = true WHERE resident_id = pg_temp.rid('42050319800101004');
SELECT is(pg_temp.drift(), '0/0', 'a report corrected: facts follow');
DELETE FROM grid.health_report WHERE resident_id = pg_temp.rid('42050319800101003') AND channel = 'sms';
SELECT is(pg_temp.drift(), '0/0', 'a resident''s first day deleted: facts follow');
DELETE FROM grid.health_report WHERE resident_id = pg_temp.rid('42050319800101001');
SELECT is(pg_temp.drift(), '0/0', 'every report of a resident (alone in their household) deleted: facts follow');
SELECT is(pg_temp.screen('420503004001'), '1 3 2 1 0', 'screening: r01 and household 801 are no longer screened');

-- Residents: moved, dead, moved out and back, away, another household,
-- added late with their reports, deleted.
UPDATE grid.resident SET cell = '420503004001002' WHERE id = pg_temp.rid('42050319800101002');
SELECT is(pg_temp.drift(), '0/0', 'a resident moved to another cell: facts follow');
UPDATE grid.resident SET division = '420503004002', cell = '420503004002001', household_id = NULL
 WHERE id = pg_temp.rid('42050319800101004');
SELECT is(pg_temp.drift(), '0/0', 'a resident moved to another village: facts follow');
UPDATE grid.resident SET status = 'deceased' WHERE id = pg_temp.rid('42050319800101002');
SELECT is(pg_temp.drift(), '0/0', 'a resident died: facts follow');
UPDATE grid.resident SET status = 'moved_out' WHERE id = pg_temp.rid('42050319800101003');
SELECT is(pg_temp.drift(), '0/0', 'a resident moved out (the last screened member of a household): facts follow');
SELECT is(pg_temp.screen('420503004001', '2020-02-11'), '0 2 2 1 0', 'screening: household 802 is gone');
UPDATE grid.resident SET status = 'resident' WHERE id = pg_temp.rid('42050319800101003');
SELECT is(pg_temp.drift(), '0/0', '... and came back: facts follow');
UPDATE grid.resident SET status = 'away' WHERE id = pg_temp.rid('42050319800101007');
SELECT is(pg_temp.drift(), '0/0', 'a screened resident away: facts follow');
SELECT is(pg_temp.screen('420503004002'), '0 1 0 0 2',
          'screening, village B: r08 screened, r04 moved in not (his report was filed in A), 2 in transit');
UPDATE grid.resident SET household_id = 801 WHERE id = pg_temp.rid('42050319800101006');
SELECT is(pg_temp.drift(), '0/0', 'a screened resident joined a household: facts follow');
UPDATE grid.resident SET household_id = 802 WHERE id = pg_temp.rid('42050319800101006');
SELECT is(pg_temp.drift(), '0/0', '... and moved to another: facts follow');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050219800101013'), 'proxy', '2020-02-09 10:00+08', '2020-02-09 10:00+08', 36.9, false, '420502002021', 'manual');
INSERT INTO grid.resident (id, name, phones, division, cell, status)
VALUES (pg_temp.rid('42050219800101013'), '返十三', '{13900000013}', '420502002021', '420502002021001', 'away');
SELECT is(pg_temp.drift(), '0/0', 'a resident added late, away: facts follow');
UPDATE grid.resident SET status = 'temporary' WHERE id = pg_temp.rid('42050219800101013');
SELECT is(pg_temp.drift(), '0/0', '... back, with the day they reported: facts follow');
DELETE FROM grid.resident WHERE id = pg_temp.rid('42050219800101010');
SELECT is(pg_temp.drift(), '0/0', 'a resident deleted: facts follow');
UPDATE grid.resident SET status = CASE WHEN status = 'resident' THEN 'temporary' ELSE status END, updated_at = now();
SELECT is(pg_temp.drift(), '0/0', 'every resident changed in one statement: facts follow');

-- Returnees: added late, corrected, deleted.
INSERT INTO grid.returnee (id, name, division, arrival_date, origin, origin_text, transport, vehicle_plate) VALUES
    (707, '返七', '420503004002', '2020-02-01', '420103', NULL, 'car', '鄂A77777');
SELECT is(pg_temp.drift(), '0/0', 'a returnee added late: facts follow');
UPDATE grid.returnee SET origin = NULL, origin_text = '广州' WHERE id = 701;
SELECT is(pg_temp.drift(), '0/0', 'a returnee''s origin corrected: facts follow');
UPDATE grid.returnee SET arrival_date = '2020-02-09', division = '420502002021' WHERE id = 702;
SELECT is(pg_temp.drift(), '0/0', 'a returnee''s day and village corrected: facts follow');
DELETE FROM grid.returnee WHERE id = 703;
SELECT is(pg_temp.drift(), '0/0', 'a returnee deleted: facts follow');

-- Key persons: added, closed, transferred, moving with their resident, deleted.
SELECT ok(grid.add_key_person(pg_temp.rid('42050319800101005'), 'close_contact', 'test', '2020-02-09') IS NOT NULL, 'a key person added');
SELECT is(pg_temp.drift(), '0/0', 'a key person added: facts follow');
UPDATE grid.key_person SET status = 'released', closed_at = '2020-02-11 09:00+08'
 WHERE resident_id = pg_temp.rid('42050319800101007');
SELECT is(pg_temp.drift(), '0/0', 'a key person released: facts follow');
UPDATE grid.key_person SET status = 'transferred', closed_at = '2020-02-10 20:00+08'
 WHERE resident_id = pg_temp.rid('42050319800101002');
SELECT is(pg_temp.drift(), '0/0', 'a key person transferred: facts follow');
INSERT INTO grid.key_person (resident_id, category, division, period_start, period_end, status, closed_at) VALUES
    (pg_temp.rid('42050319800101006'), 'suspected', '420503004001', '2020-02-12', '2020-02-20', 'released', '2020-02-10 08:00+08');
SELECT is(pg_temp.drift(), '0/0', 'an entry closed before it began: facts follow');
UPDATE grid.resident SET division = '420503004002', cell = '420503004002001' WHERE id = pg_temp.rid('42050319800101005');
SELECT is(pg_temp.drift(), '0/0', 'a resident with an open entry moved to another village: facts follow');
DELETE FROM grid.key_person WHERE resident_id = pg_temp.rid('42050219800101009');
SELECT is(pg_temp.drift(), '0/0', 'a key person deleted: facts follow');
-- A key person's latest reading (王五, moved to village B): three reports
-- in one minute of 02-11 after the one at 00:10, two of them at the same
-- instant (the first channel by name counts), none on 02-12 (02-11's still
-- counts), one on 02-13.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101005'), 'voice', '2020-02-11 08:00+08', '2020-02-11 08:00:10+08', 36.3, false, '420503004002', 'id'),
       (pg_temp.rid('42050319800101005'), 'sms', '2020-02-11 08:00+08', '2020-02-11 08:00:30+08', 36.9, false, '420503004002', 'id'),
       (pg_temp.rid('42050319800101005'), 'app', '2020-02-11 08:00+08', '2020-02-11 08:00:30+08', 37.1, false, '420503004002', 'id'),
       (pg_temp.rid('42050319800101005'), 'app', '2020-02-13 08:00+08', '2020-02-13 08:00+08', 36.2, false, '420503004002', 'id');
SELECT is((SELECT array_agg(coalesce(k.latest_temperature || ' ' || k.latest_channel, '-') ORDER BY d)
             FROM unnest('{2020-02-10,2020-02-11,2020-02-12,2020-02-13}'::date[]) d,
                  grid.report_key_persons(d, '420503004002') k WHERE k.name = '王五'),
          ARRAY['-', '37.1 ' || grid.report_label('channel', 'app'), '37.1 ' || grid.report_label('channel', 'app'),
                '36.2 ' || grid.report_label('channel', 'app')],
          'key persons: the latest reading up to each day');
SELECT is(pg_temp.drift(), '0/0', 'key persons'' readings: the list is the previous version''s');
SELECT is(pg_temp.archive_drift('2020-02-11'), 0::bigint, 'the archive of the next day, after every change, holds the reports'' rows');

-- Services: asked for, taken, done, cancelled, deleted.
INSERT INTO grid.service_request (resident_id, id, kind, division, status, requested_at)
VALUES (pg_temp.rid('42050319800101003'), 607, 'gas', '420503004001', 'open', '2020-02-09 20:00+08');
SELECT is(pg_temp.drift(), '0/0', 'a request asked for: facts follow');
UPDATE grid.service_request SET status = 'taken', worker = '李网格', taken_at = '2020-02-11 08:00+08' WHERE id = 607;
SELECT is(pg_temp.drift(), '0/0', 'a request taken: facts follow');
UPDATE grid.service_request SET status = 'done', done_at = '2020-02-11 09:00+08' WHERE id = 607;
SELECT is(pg_temp.drift(), '0/0', 'a request done: facts follow');
UPDATE grid.service_request SET status = 'cancelled', done_at = '2020-02-10 21:00+08' WHERE id = 606;
SELECT is(pg_temp.drift(), '0/0', 'a request cancelled the day it was asked for: facts follow');
DELETE FROM grid.service_request WHERE id = 604;
SELECT is(pg_temp.drift(), '0/0', 'a request deleted: facts follow');

-- Checkpoint passages: stored in one statement on two days, a fever
-- corrected, moved to another day, turned back, deleted; the threshold
-- changed.
INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person, person_key, vehicle_plate,
                                     temperature, pass_checked, from_epicentre, turned_back, division)
VALUES (901, '2020-02-10 18:00+08', '2020-02-10 18:00+08', 'in', '张某', 'ZHANGMOU', NULL, 38.2, false, false, false, '420503004001'),
       (901, '2020-02-11 07:00+08', '2020-02-11 07:00+08', 'out', NULL, '鄂E12345', '鄂E12345', NULL, false, false, false, '420503004001'),
       (902, '2020-02-10 23:59:59+08', '2020-02-10 23:59+08', 'in', '赵某', 'ZHAOMOU', NULL, 37.25, true, false, false, '420502002021'),
       (902, '2020-02-11 00:00+08', '2020-02-11 00:00+08', 'in', '赵某', 'ZHAOMOU', NULL, 36.2, true, false, false, '420502002021');
SELECT is(pg_temp.drift(), '0/0', 'passages stored on two days: facts follow');
SELECT is((SELECT passages || ' ' || fevers || ' ' || without_pass || ' ' || turned_back FROM grid.report_checkpoints('2020-02-10')
            WHERE checkpoint_id = 901), '4 2 3 1', 'checkpoints: 王家河卡口 on the day, 2 fevers at 37.3');
UPDATE grid.checkpoint_passage SET temperature = 37.6 WHERE person_key = 'ZHAOMOU' AND passed_at = '2020-02-11 00:00+08';
SELECT is(pg_temp.drift(), '0/0', 'a passage''s temperature corrected to a fever: facts follow');
UPDATE grid.checkpoint_passage SET passed_at = '2020-02-12 08:00+08', pass_minute = '2020-02-12 08:00+08'
 WHERE person_key = '鄂E12345';
SELECT is(pg_temp.drift(), '0/0', 'a passage moved to another day: facts follow');
UPDATE grid.checkpoint_passage SET turned_back = true, direction = 'out' WHERE person_key = 'ZHANGMOU';
SELECT is(pg_temp.drift(), '0/0', 'a passage turned back: facts follow');
DELETE FROM grid.checkpoint_passage WHERE person_key = 'LIMOU' AND passed_at = '2020-02-09 12:00+08';
SELECT is(pg_temp.drift(), '0/0', 'a passage deleted: facts follow');
SET LOCAL grid.fever_threshold = 37.2;
SELECT is((SELECT fevers FROM grid.report_checkpoints('2020-02-10') WHERE checkpoint_id = 902), 1::bigint,
          'checkpoints: at a threshold of 37.2, 37.25 is a fever');
SELECT is(pg_temp.drift(), '0/0', 'the threshold at 37.2: the report is the previous version''s');
SET LOCAL grid.fever_threshold = 38.5;
SELECT is(pg_temp.drift(), '0/0', 'the threshold at 38.5: the report is the previous version''s');
RESET grid.fever_threshold;

-- Ingestion, as a village's ingesting role.
CREATE ROLE fvl_ingest LOGIN;
GRANT grid_ingest TO fvl_ingest;
SELECT grid.grant_scope('fvl_ingest', '420503004001') IS NULL AS granted \gset
SET SESSION AUTHORIZATION fvl_ingest;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
    (pg_temp.rid('42050319800101001')::text, '2020-02-10 18:00', '37.9'),
    (pg_temp.rid('42050319800101003')::text, '2020-02-09 18:00', '36.4');
SELECT is((SELECT accepted FROM grid.ingest_app('facts')), 2::bigint, 'ingestion: two reports stored');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.drift(), '0/0', 'ingestion: facts follow');

-- Nothing in a report depends on the days of history: today's reads the
-- rows of the day and the totals only.
SELECT is((SELECT count(*) FROM grid.village_day WHERE day > '2020-02-12' AND day <> 'infinity'), 0::bigint,
          'no facts after the last day, so a report of it reads the totals only');

-- Changed behind the triggers, recounted by an administrator; truncated.
UPDATE grid.village_day SET screened = screened + 1 WHERE day = 'infinity';
SELECT isnt(pg_temp.drift(), '0/0', 'facts changed behind the triggers differ from the recount');
SELECT cmp_ok(grid.rebuild_facts(), '>', 0::bigint, 'rebuild_facts: recounts');
SELECT is(pg_temp.drift(), '0/0', 'rebuild_facts: facts = recount again');
TRUNCATE grid.returnee;
SELECT is(pg_temp.drift(), '0/0', 'TRUNCATE of the returnees: facts = recount');
TRUNCATE grid.checkpoint_passage;
SELECT is(pg_temp.drift(), '0/0', 'TRUNCATE of the passages: facts = recount');
SELECT is((SELECT count(*) FROM grid.checkpoint_day), 0::bigint, '... no passages counted');
TRUNCATE grid.health_report;
SELECT is(pg_temp.drift(), '0/0', 'TRUNCATE of the reports: facts = recount');
SELECT is((SELECT sum(screened) + sum(households) FROM grid.village_day), 0::bigint, '... nobody screened');

SELECT * FROM finish();
ROLLBACK;
