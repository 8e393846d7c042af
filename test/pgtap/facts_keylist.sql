-- pgTAP: the key-person list reads the facts kept for the key persons
-- (grid.key_person_resident, grid.key_person_reading), never the registry
-- or the report history; the facts agree with a recount after every kind
-- of change, and the list gives, row for row, what the previous version
-- computed from the registry and the reports, for every level, several
-- days and each role's view.  Then a village granted every privilege
-- attacks the facts.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL jit = off;
\ir reports_fixture.inc
SELECT plan(62);

-- The previous version of the list: the registry and every report of
-- each resident up to the day, looked up per entry.
CREATE FUNCTION pg_temp.prev_key_persons(day date DEFAULT grid.report_today(),
                                         division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   resident text, name text, category text, since date, period_end date, days_left integer,
                   latest_temperature numeric, latest_channel text, latest_at timestamptz,
                   new_today boolean, released_today boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH k AS (
    SELECT k.*, l.temperature, l.channel, l.reported_at
      FROM grid.report_key_person_rows(prev_key_persons.day, prev_key_persons.division) k
      LEFT JOIN LATERAL (
            SELECT h.temperature, h.channel, h.reported_at FROM grid.health_report h
             WHERE h.resident_id OPERATOR(grid.=) k.resident_id
               AND h.reported_at < grid.report_day_start(prev_key_persons.day + 1)
             ORDER BY h.reported_at DESC, h.channel, h.temperature DESC NULLS LAST LIMIT 1) l ON true
)
SELECT prev_key_persons.day, k.division, v.name, k.cell,
       CASE WHEN (SELECT grid.is_admin())
                 OR coalesce(k.cell, k.division) OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[])
            THEN k.resident_id::text ELSE grid.mask(k.resident_id) END, k.name,
       grid.report_label('category', k.category), k.period_start, k.period_end,
       CASE WHEN k.period_end IS NOT NULL THEN GREATEST(k.period_end - prev_key_persons.day, 0) END,
       k.temperature, grid.report_label('channel', k.channel), k.reported_at,
       k.period_start = prev_key_persons.day,
       k.status = 'released' AND grid.report_day(k.closed_at) = prev_key_persons.day
  FROM k LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) k.division
 ORDER BY k.division, k.category, k.period_start, k.resident_id
$$;
GRANT EXECUTE ON FUNCTION pg_temp.prev_key_persons(date, grid.division_code) TO PUBLIC;

-- Rows of the list that differ from the previous version's, days around
-- the fixture's and every level, as the caller sees them.
CREATE FUNCTION pg_temp.list_drift() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
    total bigint := 0;
    d date;
    v text;
BEGIN
    FOREACH d IN ARRAY ARRAY['2020-01-20', '2020-01-27', '2020-02-05', '2020-02-09', '2020-02-10', '2020-02-11',
                             '2020-02-12', '2020-02-13', '2020-02-24']::date[] LOOP
        FOREACH v IN ARRAY ARRAY[NULL, '4205', '420503004', '420503004001', '420503004001001', '420503004002',
                                 '420502002021'] LOOP
            SELECT count(*) INTO n
              FROM ((SELECT * FROM grid.report_key_persons(d, v::grid.division_code)
                     EXCEPT ALL SELECT * FROM pg_temp.prev_key_persons(d, v::grid.division_code))
                    UNION ALL
                    (SELECT * FROM pg_temp.prev_key_persons(d, v::grid.division_code)
                     EXCEPT ALL SELECT * FROM grid.report_key_persons(d, v::grid.division_code))) x;
            total := total + n;
        END LOOP;
    END LOOP;
    RETURN total;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.list_drift() TO PUBLIC;

-- Rows of the facts that differ from a recount, then rows of the list
-- that differ from the previous version's: '0/0' when both agree.
CREATE FUNCTION pg_temp.drift() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN ((SELECT count(*) FROM ((SELECT * FROM grid.key_person_resident EXCEPT ALL SELECT * FROM grid.key_person_resident_recount())
                                   UNION ALL
                                   (SELECT * FROM grid.key_person_resident_recount() EXCEPT ALL SELECT * FROM grid.key_person_resident)) x)
            + (SELECT count(*) FROM ((SELECT * FROM grid.key_person_reading EXCEPT ALL SELECT * FROM grid.key_person_reading_recount())
                                     UNION ALL
                                     (SELECT * FROM grid.key_person_reading_recount() EXCEPT ALL SELECT * FROM grid.key_person_reading)) x))
           || '/' || pg_temp.list_drift();
END
$$;

-- One key person's latest reading on each day, as the list gives it.
CREATE FUNCTION pg_temp.readings(who text, v text DEFAULT NULL) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(coalesce(k.latest_temperature || ' ' || k.latest_channel, '-') ORDER BY d)
      FROM unnest('{2020-02-09,2020-02-10,2020-02-11,2020-02-12,2020-02-13}'::date[]) d
      LEFT JOIN grid.report_key_persons(d, v::grid.division_code) k ON k.name = who
$$;

-- ------------------------------------------------------------ the plan

SELECT is((SELECT count(*) FROM (SELECT * FROM grid.report_key_persons('2020-02-10')) x), 3::bigint,
          'the fixture: three entries listed on the day');
CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    p text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        p := p || line || E'\n';
    END LOOP;
    RETURN p;
END
$$;
SELECT unalike(pg_temp.plan($$SELECT * FROM grid.report_key_persons('2020-02-10')$$), '% on resident %',
               'the list reads no row of the registry');
SELECT unalike(pg_temp.plan($$SELECT * FROM grid.report_key_persons('2020-02-10')$$), '% on health_report %',
               'the list reads no report');
SET LOCAL enable_seqscan = off;   -- the fixture's tables are a page each
SELECT alike(pg_temp.plan($$SELECT * FROM grid.report_key_persons('2020-02-10')$$), '%key_person_reading_latest_idx%',
             'each entry''s latest reading can be one probe of its index');
RESET enable_seqscan;
-- No SQL function is called per row of a city report: the labels and
-- names are inlined or joined once (a call that is not inlined costs
-- about 15 µs a row).
CREATE FUNCTION pg_temp.plan_verbose(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    p text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
        p := p || line || E'\n';
    END LOOP;
    RETURN p;
END
$$;
SELECT unalike(pg_temp.plan_verbose($$SELECT * FROM grid.report_key_persons('2020-02-10')$$), '%report_label(%',
               'key persons: the labels are inlined');
SELECT unalike(pg_temp.plan_verbose($$SELECT * FROM grid.report_temperature('2020-02-10')$$), '%report_label(%',
               'temperature: the labels are inlined');
SELECT unalike(pg_temp.plan_verbose($$SELECT * FROM grid.report_screening('2020-02-10')$$), '%division_name(%',
               'screening: the names are joined');
SELECT unalike(pg_temp.plan_verbose($$SELECT * FROM grid.report_returnees('2020-02-10')$$), '%division_name(%',
               'returnees: the names are joined');
SELECT unalike(pg_temp.plan_verbose($$SELECT * FROM grid.report_key_person_counts('2020-02-10')$$), '%division_name(%',
               'key_person_counts: the names are joined');
SELECT is(grid.report_label('channel', 'sms'), (SELECT label FROM grid.channel WHERE code = 'sms'), 'a channel''s label is read from grid.channel');

-- ------------------------------------------------------------ the facts

SELECT is(pg_temp.drift(), '0/0', 'the fixture: facts = recount, the list = the previous version''s');
SELECT is((SELECT count(*) FROM grid.key_person_resident), 5::bigint, 'one registry row per resident with an entry');
SELECT is((SELECT count(*) FROM grid.key_person_reading), 5::bigint, '... and one reading per day and place of their reports');

-- Reports: a key person's later one the same day, an earlier one, two at
-- one instant, a resident without an entry, one in two days, corrected,
-- moved to another day, deleted.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101007'), 'sms', '2020-02-10 20:00+08', '2020-02-10 20:00+08', 36.9, false, '420503004002', 'id'),
       (pg_temp.rid('42050319800101007'), 'voice', '2020-02-10 06:00+08', '2020-02-10 06:00+08', 36.1, false, '420503004002', 'id');
SELECT is(pg_temp.drift(), '0/0', 'a key person''s later and earlier reports of a day: facts follow');
SELECT is(pg_temp.readings('孙七'), ARRAY['-', '36.9 ' || grid.report_label('channel', 'sms'), '36.9 ' || grid.report_label('channel', 'sms'),
                                       '36.9 ' || grid.report_label('channel', 'sms'), '36.9 ' || grid.report_label('channel', 'sms')],
          '孙七: the latest reading up to each day (none before the first, carried over the days without one)');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101007'), 'voice', '2020-02-11 08:00+08', '2020-02-11 08:00:30+08', 36.3, false, '420503004002', 'id');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101007'), 'app', '2020-02-11 08:00+08', '2020-02-11 08:00:30+08', 37.1, false, '420503004002', 'id'),
       (pg_temp.rid('42050319800101008'), 'app', '2020-02-11 08:00+08', '2020-02-11 08:00:30+08', 36.0, false, '420503004002', 'id');
SELECT is(pg_temp.drift(), '0/0', 'two reports at one instant in two statements, and one of a resident without an entry: facts follow');
SELECT is((pg_temp.readings('孙七'))[3], '37.1 ' || grid.report_label('channel', 'app'), '... the first channel by name counts');
SELECT is((SELECT count(*) FROM grid.key_person_reading WHERE resident_id = pg_temp.rid('42050319800101008')), 0::bigint,
          '... and a resident without an entry has no readings');
UPDATE grid.health_report SET temperature = 38.2, fever = true
 WHERE resident_id = pg_temp.rid('42050319800101007') AND channel = 'app' AND reported_at = '2020-02-11 08:00:30+08';
SELECT is(pg_temp.drift(), '0/0', 'a reading corrected: facts follow');
UPDATE grid.health_report SET reported_at = '2020-02-12 07:00+08', report_minute = '2020-02-12 07:00+08'
 WHERE resident_id = pg_temp.rid('42050319800101007') AND channel = 'app' AND reported_at = '2020-02-11 08:00:30+08';
SELECT is(pg_temp.drift(), '0/0', 'a reading moved to the next day: facts follow');
DELETE FROM grid.health_report WHERE resident_id = pg_temp.rid('42050319800101007') AND channel = 'sms';
SELECT is(pg_temp.drift(), '0/0', 'a day''s latest reading deleted: facts follow');
DELETE FROM grid.health_report WHERE resident_id = pg_temp.rid('42050319800101007') AND reported_at >= '2020-02-11';
SELECT is(pg_temp.drift(), '0/0', 'every later reading deleted: facts follow');

-- Entries: opened for a resident with reports (their history counted),
-- a second one, closed, moved to another resident, the last one deleted;
-- opened by ingestion's fever rule in the statement that stores the report.
SELECT ok(grid.add_key_person(pg_temp.rid('42050319800101001'), 'close_contact', 'test', '2020-02-09') IS NOT NULL,
          'an entry opened for 张一, who reported on 02-10');
SELECT is(pg_temp.drift(), '0/0', 'an entry for a resident with reports: their readings counted');
SELECT is(pg_temp.readings('张一'), ARRAY['-', '36.6 ' || grid.report_label('channel', 'sms'), '36.6 ' || grid.report_label('channel', 'sms'),
                                       '36.6 ' || grid.report_label('channel', 'sms'), '36.6 ' || grid.report_label('channel', 'sms')],
          '张一: the reading of 02-10 from the day the entry lists it');
SELECT ok(grid.add_key_person(pg_temp.rid('42050319800101001'), 'home_observation', 'test', '2020-02-10') IS NOT NULL,
          'a second entry for 张一');
SELECT is(pg_temp.drift(), '0/0', 'a second entry: facts follow');
UPDATE grid.key_person SET status = 'released', closed_at = '2020-02-11 10:00+08'
 WHERE resident_id = pg_temp.rid('42050319800101001') AND category = 'close_contact';
SELECT is(pg_temp.drift(), '0/0', 'an entry released: facts follow');
DELETE FROM grid.key_person WHERE resident_id = pg_temp.rid('42050319800101001') AND category = 'close_contact';
SELECT is(pg_temp.drift(), '0/0', 'one of two entries deleted: facts follow');
SELECT is((SELECT count(*) FROM grid.key_person_reading WHERE resident_id = pg_temp.rid('42050319800101001')), 1::bigint,
          '... the reading stays while an entry does');
UPDATE grid.key_person SET resident_id = pg_temp.rid('42050319800101006')
 WHERE resident_id = pg_temp.rid('42050319800101001');
SELECT is(pg_temp.drift(), '0/0', 'an entry given to another resident: facts follow');
SELECT is((SELECT count(*) FROM grid.key_person_resident WHERE resident_id = pg_temp.rid('42050319800101001'))
          + (SELECT count(*) FROM grid.key_person_reading WHERE resident_id = pg_temp.rid('42050319800101001')), 0::bigint,
          '... and the one left without an entry has no facts');
DELETE FROM grid.key_person WHERE resident_id = pg_temp.rid('42050319800101006');
SELECT is(pg_temp.drift(), '0/0', 'a resident''s last entry deleted: facts follow');

-- Residents: renamed, moved to another cell, to another village with an
-- open entry, dead, deleted; every resident changed in one statement.
UPDATE grid.resident SET name = '孙七七' WHERE id = pg_temp.rid('42050319800101007');
SELECT is(pg_temp.drift(), '0/0', 'a key person renamed: facts follow');
SELECT is((SELECT count(*) FROM grid.report_key_persons('2020-02-10') WHERE name = '孙七七'), 1::bigint, '... the list names them anew');
UPDATE grid.resident SET cell = '420503004001001' WHERE id = pg_temp.rid('42050319800101002');
SELECT is(pg_temp.drift(), '0/0', 'a key person moved to another cell: facts follow');
UPDATE grid.resident SET division = '420503004002', cell = '420503004002001' WHERE id = pg_temp.rid('42050319800101002');
SELECT is(pg_temp.drift(), '0/0', 'a key person with an open entry moved to another village: facts follow');
UPDATE grid.resident SET status = 'deceased' WHERE id = pg_temp.rid('42050319800101007');
SELECT is(pg_temp.drift(), '0/0', 'a key person died: facts follow');
UPDATE grid.resident SET updated_at = now(), cell = CASE WHEN cell IS NULL THEN NULL ELSE cell END;
SELECT is(pg_temp.drift(), '0/0', 'every resident changed in one statement: facts follow');
DELETE FROM grid.resident WHERE id = pg_temp.rid('42050219800101010');
SELECT is(pg_temp.drift(), '0/0', 'a key person deleted from the registry: facts follow');
INSERT INTO grid.resident (id, name, phones, division, cell, status)
VALUES (pg_temp.rid('42050219800101010'), '郑十', '{13900000010}', '420502002021', '420502002021001', 'resident');
SELECT is(pg_temp.drift(), '0/0', '... and registered again: facts follow');

-- Ingestion, as a village's ingesting role: a fever opens an entry in the
-- statement that stores it.
CREATE ROLE fkl_ingest LOGIN;
GRANT grid_ingest TO fkl_ingest;
SELECT grid.grant_scope('fkl_ingest', '420503004001') IS NULL AS granted \gset
SET SESSION AUTHORIZATION fkl_ingest;
INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES
    (pg_temp.rid('42050319800101003')::text, '2020-02-10 18:00', '38.6'),
    (pg_temp.rid('42050319800101004')::text, '2020-02-10 19:00', '36.4');
SELECT is((SELECT accepted FROM grid.ingest_app('facts')), 2::bigint, 'ingestion: two reports stored');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.drift(), '0/0', 'ingestion, a fever entry opened in the same statement: facts follow');
SELECT is((pg_temp.readings('张三'))[2], '38.6 ' || grid.report_label('channel', 'app'), '... and the list shows its reading');

-- The list as each role sees it: a village and one of its cells.
CREATE ROLE fkl_village LOGIN;
CREATE ROLE fkl_cell LOGIN;
GRANT grid_reader TO fkl_village, fkl_cell;
SELECT grid.grant_scope('fkl_village', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('fkl_cell', '420503004001002') IS NULL AS granted \gset
SET SESSION AUTHORIZATION fkl_village;
SELECT is(pg_temp.list_drift(), 0::bigint, 'a village''s list is the previous version''s');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION fkl_cell;
SELECT is(pg_temp.list_drift(), 0::bigint, 'a cell''s list is the previous version''s');
RESET SESSION AUTHORIZATION;

-- ------------------------------------------------------------ the attack

-- A village's role granted every privilege on every table of schema grid
-- reads the facts, writes them directly, and writes the rows they follow
-- so that the triggers move facts: it sees its own places' facts only,
-- writes none, and no write of its changes another village's.
CREATE ROLE fkl_attack LOGIN;
GRANT grid_reader, grid_registry TO fkl_attack;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO fkl_attack;
SELECT grid.grant_scope('fkl_attack', '420503004001') IS NULL AS granted \gset
CREATE FUNCTION pg_temp.others() RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
        SELECT format('p %s', p.*) AS x FROM grid.key_person_resident p WHERE NOT p.place <@ '420503004001'
        UNION ALL
        SELECT format('r %s', h.*) FROM grid.key_person_reading h WHERE NOT h.place <@ '420503004001') f
$$;
GRANT EXECUTE ON FUNCTION pg_temp.others() TO PUBLIC;
SELECT pg_temp.others() AS others_before \gset
SET SESSION AUTHORIZATION fkl_attack;
SELECT is((SELECT count(*) FROM grid.key_person_resident WHERE NOT place <@ '420503004001')
          + (SELECT count(*) FROM grid.key_person_reading WHERE NOT place <@ '420503004001'), 0::bigint,
          'village: no other place''s key-person facts seen');
SELECT cmp_ok((SELECT count(*) FROM grid.key_person_resident) + (SELECT count(*) FROM grid.key_person_reading), '>', 0::bigint,
              '... though it sees its own');
SELECT throws_ok($$INSERT INTO grid.key_person_resident VALUES ('$$ || pg_temp.rid('42050219800101009') || $$', '420502002021001', '420502002021', 'x', NULL)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.key_person_resident is written only by its triggers',
                 'village: cannot write another village''s key person''s row');
SELECT throws_ok($$INSERT INTO grid.key_person_resident VALUES ('$$ || pg_temp.rid('42050219800101099') || $$', '420502002021001', '420502002021', 'x', NULL)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.key_person_resident is written only by its triggers',
                 '... exactly as one that does not exist');
SELECT throws_ok($$INSERT INTO grid.key_person_reading VALUES ('$$ || pg_temp.rid('42050219800101009') || $$', '420502002021001', '2020-02-10', '2020-02-10 08:00+08', 'app', 36.5)
                   ON CONFLICT DO NOTHING$$, '42501', 'grid.key_person_reading is written only by its triggers',
                 'village: cannot write readings');
SELECT throws_ok($$UPDATE grid.key_person_reading SET temperature = 36$$, '42501', 'grid.key_person_reading is written only by its triggers',
                 'village: cannot change its own readings');
SELECT throws_ok($$SELECT grid.key_person_facts_refresh(ARRAY['$$ || pg_temp.rid('42050219800101009') || $$']::grid.resident_id[])$$,
                 '42501', NULL, 'village: cannot call the facts'' upkeep');
SELECT throws_ok($$INSERT INTO grid.key_person (resident_id, category, division, period_start, period_end)
                   VALUES ('$$ || pg_temp.rid('42050219800101009') || $$', 'suspected', '420502002021', '2020-02-10', '2020-02-20')$$,
                 '42501', NULL, 'village: cannot open another village''s key person');
-- Its own writes of every kind.
SELECT ok(grid.add_key_person(pg_temp.rid('42050319800101005'), 'suspected', 'test', '2020-02-10') IS NOT NULL, 'village: opens an entry');
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'proxy', '2020-02-10 21:00+08', '2020-02-10 21:00+08', 36.6, false, '420503004001', 'manual');
UPDATE grid.resident SET name = name || '甲';
UPDATE grid.health_report SET temperature = 36.7 WHERE channel = 'proxy' AND resident_id = pg_temp.rid('42050319800101003');
DELETE FROM grid.key_person WHERE category = 'suspected';
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.others(), :'others_before', 'no write of the village''s changed another village''s facts');
SELECT is(pg_temp.drift(), '0/0', 'and the facts agree with a recount');

-- Changed behind the triggers, recounted by an administrator; truncated.
ALTER TABLE grid.key_person_reading DISABLE TRIGGER fact_writers;
UPDATE grid.key_person_reading SET temperature = 35;
ALTER TABLE grid.key_person_reading ENABLE TRIGGER fact_writers;
SELECT isnt(pg_temp.drift(), '0/0', 'facts changed behind the triggers differ from the recount');
SELECT cmp_ok(grid.rebuild_facts(), '>', 0::bigint, 'rebuild_facts: recounts');
SELECT is(pg_temp.drift(), '0/0', 'rebuild_facts: facts = recount again');
TRUNCATE grid.health_report;
SELECT is(pg_temp.drift(), '0/0', 'TRUNCATE of the reports: facts = recount');
TRUNCATE grid.key_person;
SELECT is((SELECT count(*) FROM grid.key_person_resident), 0::bigint, 'TRUNCATE of the entries: no facts left');


SELECT * FROM finish();
ROLLBACK;
