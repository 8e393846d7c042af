-- pgTAP: a resident who moves to another village.  Each village keeps its
-- own days of him (grid.health_day is one row per resident, day and
-- filing division) and counts only the reports filed in it: the new
-- village's figures, call list and screening never carry the former
-- village's reports, the former village's view does not change when the
-- new one files, and the facts agree with a recount (and with
-- grid.rebuild_health_day and grid.rebuild_facts) after reports in both
-- villages on one day, corrected and deleted.
--
-- r07 (孙七) of village B 白沙脑社区 reported there on 2020-02-09 (sms)
-- and 2020-02-10 (app 38.1, a fever, and checkpoint 37.0; the fixture),
-- then moves to cell A1 of village A 王家河社区, into household 802 (张二,
-- 张三), and A's ingestion files him on 2020-02-10 (app 36.4) and
-- 2020-02-11 (app 38.2, a fever).
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL jit = off;
\ir reports_fixture.inc
SELECT plan(31);

INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101007'), 'sms', '2020-02-09 08:00+08', '2020-02-09 08:00+08', 36.6, false,
        '420503004002', 'id');

CREATE ROLE mv_ingest_a LOGIN;
CREATE ROLE mv_a LOGIN;
CREATE ROLE mv_b LOGIN;
CREATE ROLE mv_city LOGIN;
GRANT grid_ingest TO mv_ingest_a;
GRANT grid_reader TO mv_a, mv_b, mv_city;
DO $$ BEGIN
    PERFORM grid.grant_scope('mv_ingest_a', '420503004001');
    PERFORM grid.grant_scope('mv_a', '420503004001');
    PERFORM grid.grant_scope('mv_b', '420503004002');
    PERFORM grid.grant_scope('mv_city', '4205');
END $$;

-- The facts that differ from a recount (per place and day, per village),
-- summed over slots: 0 when they agree.
CREATE FUNCTION pg_temp.drift() RETURNS bigint LANGUAGE sql AS $$
    WITH cd AS (
        SELECT day, place, division, sum(reported)::integer, sum(fever)::integer, sum(app)::integer, sum(sms)::integer,
               sum(voice)::integer, sum(proxy)::integer, sum(checkpoint)::integer
          FROM grid.cell_day GROUP BY day, place, division
        HAVING (sum(reported), sum(fever), sum(app), sum(sms), sum(voice), sum(proxy), sum(checkpoint)) <> (0, 0, 0, 0, 0, 0, 0)
    ), cr AS (
        SELECT day, place, grid.reached_sum(reached) FROM grid.cell_day GROUP BY day, place
        HAVING grid.reached_sum(reached) <> '{}'
    ), vd AS (
        SELECT day, place, division, sum(screened)::integer, sum(households)::integer, sum(returnees)::integer,
               sum(returnees_from_epicentre)::integer, sum(vehicles_from_epicentre)::integer, sum(in_transit)::integer
          FROM grid.village_day GROUP BY day, place, division
        HAVING (sum(screened), sum(households), sum(returnees), sum(returnees_from_epicentre), sum(vehicles_from_epicentre),
                sum(in_transit)) <> (0, 0, 0, 0, 0, 0)
    )
    SELECT (SELECT count(*) FROM ((SELECT * FROM grid.cell_fact EXCEPT ALL SELECT * FROM grid.cell_fact_recount())
                                  UNION ALL (SELECT * FROM grid.cell_fact_recount() EXCEPT ALL SELECT * FROM grid.cell_fact)) x)
         + (SELECT count(*) FROM ((SELECT * FROM cd EXCEPT ALL SELECT * FROM grid.cell_day_recount())
                                  UNION ALL (SELECT * FROM grid.cell_day_recount() EXCEPT ALL SELECT * FROM cd)) x)
         + (SELECT count(*) FROM ((SELECT * FROM cr EXCEPT ALL SELECT * FROM grid.cell_day_reached_recount())
                                  UNION ALL (SELECT * FROM grid.cell_day_reached_recount() EXCEPT ALL SELECT * FROM cr)) x)
         + (SELECT count(*) FROM ((SELECT * FROM vd EXCEPT ALL SELECT * FROM grid.village_day_recount())
                                  UNION ALL (SELECT * FROM grid.village_day_recount() EXCEPT ALL SELECT * FROM vd)) x)
         + (SELECT count(*) FROM ((SELECT * FROM grid.resident_screened EXCEPT ALL SELECT * FROM grid.resident_screened_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.resident_screened_recount() EXCEPT ALL SELECT * FROM grid.resident_screened)) x)
         + (SELECT count(*) FROM ((SELECT * FROM grid.household_screened EXCEPT ALL SELECT * FROM grid.household_screened_recount())
                                  UNION ALL
                                  (SELECT * FROM grid.household_screened_recount() EXCEPT ALL SELECT * FROM grid.household_screened)) x)
$$;
-- r07's days, as the caller sees them: division day reports fever channels.
CREATE FUNCTION pg_temp.days() RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(format('%s %s %s %s %s', CASE division::text WHEN '420503004001' THEN 'A' WHEN '420503004002' THEN 'B' ELSE division::text END, to_char(day, 'MM-DD'), reports,
                                      fever, channels), ', ' ORDER BY division, day), '-')
      FROM grid.health_day WHERE resident_id = pg_temp.rid('42050319800101007')
$$;
-- A village's temperature report of a day: residents reported fever.
CREATE FUNCTION pg_temp.temp(v text, d date) RETURNS text LANGUAGE sql AS $$
    SELECT format('%s %s %s', residents, reported, fever) FROM grid.report_temperature(d, v::grid.division_code)
     WHERE division = v::grid.division_code
$$;
-- What a caller sees of a village over the days around the move: its
-- temperature, screening and call-list rows and the days, as one hash.
CREATE FUNCTION pg_temp.view_of(v text) RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
        SELECT 't ' || t::text AS x FROM generate_series(date '2020-02-09', date '2020-02-11', interval '1 day') g(d),
               LATERAL grid.report_temperature(g.d::date, v::grid.division_code) t
        UNION ALL
        SELECT 's ' || s::text FROM generate_series(date '2020-02-09', date '2020-02-11', interval '1 day') g(d),
               LATERAL grid.report_screening(g.d::date, v::grid.division_code) s
        UNION ALL
        SELECT 'n ' || n::text FROM generate_series(date '2020-02-09', date '2020-02-11', interval '1 day') g(d),
               LATERAL grid.report_not_reported(g.d::date, v::grid.division_code) n
        UNION ALL
        SELECT 'd ' || h::text FROM grid.health_day h WHERE h.division = v::grid.division_code) f
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pg_temp TO PUBLIC;

-- ------------------------------------------------------------ the move

SELECT is(pg_temp.drift(), 0::bigint, 'the fixture: facts = recount');
UPDATE grid.resident SET division = '420503004001', cell = '420503004001001', household_id = 802
 WHERE id = pg_temp.rid('42050319800101007');
SELECT is(pg_temp.drift(), 0::bigint, 'r07 moved to village A: facts = recount');
SELECT is(pg_temp.days(), 'B 02-09 1 f 2, B 02-10 2 t 17', 'his days stay with village B, where he reported');
SET SESSION AUTHORIZATION mv_a;
SELECT is(pg_temp.days(), '-', 'village A sees none of them');
SELECT is(pg_temp.temp('420503004001', '2020-02-10'), '7 4 1',
          'village A, 2020-02-10: r07 is its resident, not reported (none filed in A), no fever of B''s');
SELECT is((SELECT coalesce(last_report::text, '-') FROM grid.report_not_reported('2020-02-10', '420503004001')
            WHERE name = '孙七'), '-', 'village A''s call list: r07, with no last report of B''s');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT first_day FROM grid.resident_screened
            WHERE division = '420503004001' AND resident_id = pg_temp.rid('42050319800101007')), NULL,
          'village A''s facts: r07 not screened in A (B''s first report is not A''s)');
SELECT pg_temp.view_of('420503004002') AS b_moved \gset
SET SESSION AUTHORIZATION mv_city;
SELECT is((SELECT string_agg(coalesce(last_report::text, '-'), ',') FROM grid.report_not_reported('2020-02-10', '420503004001')
            WHERE name = '孙七'), '-',
          'the city''s call list of village A lists r07 too (he reported in B, not in A), without B''s last report');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION mv_b;
SELECT pg_temp.view_of('420503004002') AS b_moved_b \gset
RESET SESSION AUTHORIZATION;

-- ------------------------------------------------------ A files for him

SET SESSION AUTHORIZATION mv_ingest_a;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
    (pg_temp.rid('42050319800101007')::text, '2020-02-10 18:00', '36.4'),
    (pg_temp.rid('42050319800101007')::text, '2020-02-11 08:00', '38.2');
SELECT is((SELECT format('%s %s %s', accepted, unlinked, fevers) FROM grid.ingest_app('a files for r07')), '2 0 1',
          'A''s batch: r07''s two reports stored, one a fever');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.drift(), 0::bigint, 'reports in both villages on one day: facts = recount');
SELECT is(pg_temp.days(), 'A 02-10 1 f 1, A 02-11 1 t 1, B 02-09 1 f 2, B 02-10 2 t 17',
          'one day of r07 per village that filed: A''s and B''s of 2020-02-10 apart');
SET SESSION AUTHORIZATION mv_b;
SELECT is(pg_temp.view_of('420503004002'), :'b_moved_b', 'village B''s view did not change when A filed');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.view_of('420503004002'), :'b_moved', '... nor B''s figures as the owner reads them');
SET SESSION AUTHORIZATION mv_a;
SELECT is(pg_temp.days(), 'A 02-10 1 f 1, A 02-11 1 t 1', 'village A sees its own days of r07 only');
SELECT is(pg_temp.temp('420503004001', '2020-02-10'), '7 5 1', 'village A, 2020-02-10: r07 reported (in A), no fever');
SELECT is(pg_temp.temp('420503004001', '2020-02-11'), '7 2 1', 'village A, 2020-02-11: r05 and r07, his fever');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT first_day::text FROM grid.resident_screened
            WHERE division = '420503004001' AND resident_id = pg_temp.rid('42050319800101007')),
          '2020-02-10', 'village A''s facts: r07 first screened on his first report in A, not on B''s of 2020-02-09');
SELECT is((SELECT first_day::text FROM grid.household_screened WHERE division = '420503004001' AND household_id = 802),
          '2020-02-10', 'village A''s facts: household 802 first screened 2020-02-10, not on r07''s report in B');
SET SESSION AUTHORIZATION mv_city;
SELECT is((SELECT format('%s %s %s', residents, reported, fever) FROM grid.report_temperature('2020-02-10')
            WHERE level = 'city'), '10 6 1',
          'the city, 2020-02-10: r07 counted once, in village A where he lives, with A''s reports');
RESET SESSION AUTHORIZATION;

-- ------------------------------------------- corrected, deleted, rebuilt

UPDATE grid.health_report SET temperature = 36.9, fever = false
 WHERE resident_id = pg_temp.rid('42050319800101007') AND division = '420503004002' AND channel = 'app';
SELECT is(pg_temp.days(), 'A 02-10 1 f 1, A 02-11 1 t 1, B 02-09 1 f 2, B 02-10 2 f 17',
          'B''s report corrected: B''s day recounted, A''s untouched');
DELETE FROM grid.health_report
 WHERE resident_id = pg_temp.rid('42050319800101007') AND division = '420503004001' AND report_minute < '2020-02-11';
SELECT is(pg_temp.days(), 'A 02-11 1 t 1, B 02-09 1 f 2, B 02-10 2 f 17',
          'A''s report of 2020-02-10 deleted: A''s day gone, B''s stays');
SELECT is(pg_temp.drift(), 0::bigint, 'after the correction and the deletion: facts = recount');
SELECT is((SELECT first_day::text FROM grid.resident_screened
            WHERE division = '420503004001' AND resident_id = pg_temp.rid('42050319800101007')),
          '2020-02-11', 'village A''s facts: r07 now first screened on 2020-02-11');
CREATE TEMP TABLE days_kept AS SELECT * FROM grid.health_day;
SELECT cmp_ok(grid.rebuild_health_day(), '>', 0::bigint, 'rebuild_health_day: recomputes');
SELECT is((SELECT count(*) FROM ((TABLE days_kept EXCEPT ALL TABLE grid.health_day)
                                 UNION ALL (TABLE grid.health_day EXCEPT ALL TABLE days_kept)) x), 0::bigint,
          'rebuild_health_day: the days the triggers kept');
SELECT lives_ok($$SELECT grid.rebuild_facts()$$, 'rebuild_facts: recounts');
SELECT is(pg_temp.drift(), 0::bigint, 'rebuilt: facts = recount');

-- ------------------------------------------------- numbered rows of B's

-- The numbered tables' keys lead with the resident and end with a number
-- from a sequence (grid.service_request, grid.key_person): a number given
-- explicitly still finds a row the former village holds of him (B's
-- request 604 of r07), the limit "Existence through keys" of the README.
CREATE ROLE mv_every LOGIN;
GRANT grid_reader TO mv_every;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO mv_every;
SELECT grid.grant_scope('mv_every', '420503004001') IS NULL AS granted \gset
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.sqlstate_of(text) TO PUBLIC;
SET SESSION AUTHORIZATION mv_every;
SELECT isnt(pg_temp.sqlstate_of(format($$INSERT INTO grid.service_request (resident_id, id, kind, division, status, requested_at)
                                         VALUES (%L, 604, 'medicine', '420503004001', 'open', '2020-02-10 08:00+08')$$,
                                        pg_temp.rid('42050319800101007'))), '23505',
            'every privilege: request number 604 of r07, B''s, is not answered by a key conflict');
SELECT is(pg_temp.sqlstate_of(format($$INSERT INTO grid.service_request (resident_id, id, kind, division, status, requested_at)
                                       VALUES (%L, 604, 'medicine', '420503004001', 'open', '2020-02-10 08:00+08')$$,
                                      pg_temp.rid('42050319800101007'))),
          pg_temp.sqlstate_of(format($$INSERT INTO grid.service_request (resident_id, id, kind, division, status, requested_at)
                                       VALUES (%L, 990604, 'medicine', '420503004001', 'open', '2020-02-10 08:00+08')$$,
                                      pg_temp.rid('42050319800101007'))),
          '... refused as a number nobody holds is');
SELECT lives_ok(format($$INSERT INTO grid.service_request (resident_id, kind, division, status, requested_at)
                         VALUES (%L, 'medicine', '420503004001', 'open', '2020-02-10 08:00+08')$$,
                       pg_temp.rid('42050319800101007')),
                'every privilege: a request numbered by its sequence is stored');
SELECT is(pg_temp.sqlstate_of($$UPDATE grid.service_request SET id = 604 WHERE division = '420503004001'$$), '42501',
          'every privilege: no request renumbered');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
