-- pgTAP: the facts per village (grid.village_day, grid.resident_screened,
-- grid.household_screened, grid.key_person_day, grid.service_day) and per
-- checkpoint (grid.checkpoint_day) are protected as the rows they
-- count.  The attack: a village's role granted every privilege on every
-- table of schema grid reads the facts, writes them directly, and writes
-- the rows they count (its own and, if it could, other villages') so that
-- the SECURITY DEFINER triggers move facts: it sees only its own places'
-- facts, cannot write any, and no write of its changes another village's.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(26);
CREATE ROLE fva_village LOGIN;
CREATE ROLE fva_cell LOGIN;
GRANT grid_reader, grid_registry TO fva_village, fva_cell;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO fva_village, fva_cell;
SELECT grid.grant_scope('fva_village', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('fva_cell', '420503004001001') IS NULL AS granted \gset

-- Every fact outside village A (王家河社区), as the owner sees it.
CREATE FUNCTION pg_temp.others() RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
        SELECT format('v %s %s %s %s %s %s %s %s', day, place, sum(screened), sum(households), sum(returnees),
                      sum(returnees_from_epicentre), sum(vehicles_from_epicentre), sum(in_transit)) AS x
          FROM grid.village_day WHERE NOT place <@ '420503004001' GROUP BY day, place
        UNION ALL
        SELECT format('h %s %s %s', division, household_id, first_day) FROM grid.household_screened
         WHERE NOT division <@ '420503004001'
        UNION ALL
        SELECT format('r %s %s %s', division, resident_id, first_day) FROM grid.resident_screened
         WHERE NOT division <@ '420503004001'
        UNION ALL
        SELECT format('k %s %s %s %s %s %s', day, place, category, sum(begun), sum(ended), sum(released))
          FROM grid.key_person_day WHERE NOT place <@ '420503004001' GROUP BY day, place, category
        UNION ALL
        SELECT format('s %s %s %s %s %s %s', day, place, kind, sum(requested), sum(left_open), sum(closed))
          FROM grid.service_day WHERE NOT place <@ '420503004001' GROUP BY day, place, kind
        UNION ALL
        SELECT format('c %s %s %s %s %s %s', day, checkpoint_id, division, temperature, sum(passages), sum(turned_back))
          FROM grid.checkpoint_day WHERE NOT division <@ '420503004001' GROUP BY day, checkpoint_id, division, temperature) f
$$;
GRANT EXECUTE ON FUNCTION pg_temp.others() TO PUBLIC;
SELECT pg_temp.others() AS others_before \gset
SELECT count(*) AS all_facts FROM grid.village_day \gset

SET SESSION AUTHORIZATION fva_village;
-- It reads its own places' facts only.
SELECT is((SELECT count(*) FROM grid.village_day WHERE NOT place <@ '420503004001'), 0::bigint,
          'village: no other place''s village_day rows');
SELECT cmp_ok((SELECT count(*) FROM grid.village_day), '<', :all_facts::bigint, '... though there are some');
SELECT is((SELECT count(*) FROM grid.household_screened WHERE NOT division <@ '420503004001')
          + (SELECT count(*) FROM grid.resident_screened WHERE NOT division <@ '420503004001'), 0::bigint,
          'village: no other village''s households or residents screened');
SELECT is((SELECT count(*) FROM grid.key_person_day WHERE NOT place <@ '420503004001')
          + (SELECT count(*) FROM grid.service_day WHERE NOT place <@ '420503004001'), 0::bigint,
          'village: no other place''s key-person or service facts');
SELECT is((SELECT count(*) FROM grid.checkpoint_day WHERE NOT division <@ '420503004001'), 0::bigint,
          'village: no other division''s checkpoint facts');
SELECT cmp_ok((SELECT count(*) FROM grid.checkpoint_day), '>', 0::bigint, '... though it sees its own');
-- It writes none, the same refusal for a key that exists elsewhere and
-- one that exists nowhere.
SELECT throws_ok($$INSERT INTO grid.village_day VALUES ('2020-02-10', '420502002021001', '420502002021', 1, 0, 0, 0, 0, 0)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.village_day is written only by its triggers',
                 'village: cannot write another village''s facts');
SELECT throws_ok($$INSERT INTO grid.village_day VALUES ('2030-02-10', '420502002021001', '420502002021', 1, 0, 0, 0, 0, 0)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.village_day is written only by its triggers',
                 '... exactly as a key that does not exist');
SELECT throws_ok($$UPDATE grid.village_day SET screened = screened + 1$$, '42501',
                 'grid.village_day is written only by its triggers', 'village: cannot change its own facts');
SELECT throws_ok($$INSERT INTO grid.household_screened VALUES ('420502002021', 801, '2020-02-01')
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.household_screened is written only by its triggers',
                 'village: cannot write households');
SELECT throws_ok($$DELETE FROM grid.key_person_day$$, '42501', 'grid.key_person_day is written only by its triggers',
                 'village: cannot delete key-person facts');
SELECT throws_ok($$DELETE FROM grid.service_day$$, '42501', 'grid.service_day is written only by its triggers',
                 'village: cannot delete service facts');
SELECT throws_ok($$DELETE FROM grid.checkpoint_day$$, '42501', 'grid.checkpoint_day is written only by its triggers',
                 'village: cannot delete checkpoint facts');
SELECT throws_ok($$SELECT grid.village_facts_recount()$$, '42501', NULL, 'village: cannot run the recount');
SELECT throws_ok($$SELECT grid.village_day_add('[{"day": "2020-02-10", "place": "420502002021001", "division": "420502002021", "screened": 5}]')$$,
                 '42501', NULL, 'village: cannot call the facts'' upkeep');
-- Rows of another village are refused before any trigger runs.
SELECT throws_ok($$INSERT INTO grid.returnee (name, division, arrival_date, origin) VALUES ('外', '420502002021', '2020-02-10', '420102')$$,
                 '42501', NULL, 'village: cannot register another village''s returnee');
SELECT throws_ok($$INSERT INTO grid.key_person (resident_id, category, division, period_start, period_end)
                   VALUES ('$$ || pg_temp.rid('42050219800101010') || $$', 'suspected', '420502002021', '2020-02-10', '2020-02-20')$$,
                 '42501', NULL, 'village: cannot open another village''s key person');
SELECT throws_ok($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person_key, temperature, division)
                   VALUES (902, '2020-02-10 09:00+08', '2020-02-10 09:00+08', 'in', 'X', 38.0, '420502002021')$$,
                 '42501', NULL, 'village: cannot register a passage at another village''s checkpoint');
-- Its own writes of every kind, all at once where it can.
INSERT INTO grid.returnee (name, division, arrival_date, origin, vehicle_plate)
VALUES ('返八', '420503004001', '2020-02-03', '420102', '鄂A88888');
UPDATE grid.returnee SET arrival_date = arrival_date - 1;
DELETE FROM grid.returnee WHERE id = 702;
UPDATE grid.key_person SET status = 'released', closed_at = '2020-02-10 12:00+08' WHERE status = 'open';
UPDATE grid.service_request SET status = 'cancelled', done_at = requested_at + interval '1 hour' WHERE status = 'open';
DELETE FROM grid.service_request WHERE status = 'done';
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'app', '2020-02-09 09:00+08', '2020-02-09 09:00+08', 36.5, false, '420503004001', 'id');
UPDATE grid.resident SET household_id = 802, status = CASE WHEN status = 'moved_out' THEN 'resident' ELSE status END;
DELETE FROM grid.health_report WHERE channel = 'app';
INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person_key, temperature, division)
VALUES (901, '2020-02-10 09:00+08', '2020-02-10 09:00+08', 'in', 'X', 38.0, '420503004001');
UPDATE grid.checkpoint_passage SET turned_back = NOT turned_back, passed_at = passed_at - interval '1 day',
       pass_minute = pass_minute - interval '1 day';
DELETE FROM grid.checkpoint_passage WHERE direction = 'out';
SELECT is((SELECT count(*) FROM grid.village_day WHERE NOT place <@ '420503004001'), 0::bigint,
          'village: after its writes, still no other place''s facts seen');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.others(), :'others_before', 'no write of the village''s changed another village''s facts');
SELECT is((SELECT count(*) FROM (SELECT day, place, sum(screened) s, sum(households) h, sum(returnees) r
                                   FROM grid.village_day GROUP BY 1, 2 HAVING (sum(screened), sum(households), sum(returnees), sum(returnees_from_epicentre), sum(vehicles_from_epicentre), sum(in_transit)) <> (0, 0, 0, 0, 0, 0)
                                 EXCEPT SELECT day, place, screened, households, returnees FROM grid.village_day_recount()) x),
          0::bigint, 'and its own facts agree with a recount');
SELECT is((SELECT count(*) FROM ((SELECT day, checkpoint_id, division, temperature, sum(passages)::integer, sum(turned_back)::integer
                                    FROM grid.checkpoint_day GROUP BY 1, 2, 3, 4 HAVING sum(passages) <> 0
                                  EXCEPT ALL SELECT day, checkpoint_id, division, temperature, passages, turned_back
                                    FROM grid.checkpoint_day_recount())
                                 UNION ALL
                                 (SELECT day, checkpoint_id, division, temperature, passages, turned_back FROM grid.checkpoint_day_recount()
                                  EXCEPT ALL SELECT day, checkpoint_id, division, temperature, sum(passages)::integer, sum(turned_back)::integer
                                    FROM grid.checkpoint_day GROUP BY 1, 2, 3, 4 HAVING sum(passages) <> 0)) x),
          0::bigint, 'and the checkpoint facts agree with a recount');

-- A grid cell's role sees its cell's facts only; the village's households
-- are not its cell's, so its screening counts them from its residents.
SET SESSION AUTHORIZATION fva_cell;
SELECT is((SELECT count(*) FROM grid.village_day WHERE NOT place <@ '420503004001001'), 0::bigint,
          'cell: no facts but its cell''s');
SELECT is((SELECT count(*) FROM grid.household_screened) + (SELECT count(*) FROM grid.resident_screened), 0::bigint,
          'cell: no village''s households or residents screened');
SELECT is((SELECT households || '/' || persons FROM grid.report_screening('2020-02-10') WHERE level = 'village'), '1/2',
          'cell: screening counts its cell''s households from its residents');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT households || '/' || persons FROM grid.report_screening('2020-02-10', '420503004001001') WHERE level = 'village'),
          (SELECT households || '/' || persons FROM grid.report_screening('2020-02-10', '420503004001') WHERE level = 'village'),
          'a report asked for a cell gives its village (as before)');

SELECT * FROM finish();
ROLLBACK;
