-- pgTAP: the report archive (grid.archive_reports, grid.report_archive).
--
-- 1. What each level reads back of an archived day is, row for row and in
--    order, what the report functions gave that level on that day (masked
--    as the archive masks), for the city, a township, a village and a
--    grid worker; archiving a day again replaces it.
-- 2. The masking trigger's test (grid.archive_needs_mask, in C) lets no
--    row by that grid.archive_masked would change, whatever field holds an
--    identifier, and passes the rows already masked.
-- 3. Village A 王家河社区 420503004001, holding every table privilege and
--    EXECUTE on every function, neither reads, writes nor learns another
--    village's archived rows, nor stores under its own division a row
--    claiming another's.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;
\ir reports_fixture.inc
SELECT plan(35);

CREATE ROLE arc_city;
CREATE ROLE arc_township;
CREATE ROLE arc_village;
CREATE ROLE arc_worker;
CREATE ROLE arc_all;
GRANT grid_reader TO arc_city, arc_township, arc_village, arc_worker;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO arc_all;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO arc_all;
SELECT grid.grant_scope('arc_city', '4205') IS NULL AS granted \gset
SELECT grid.grant_scope('arc_township', '420503004') IS NULL AS granted \gset
SELECT grid.grant_scope('arc_village', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('arc_worker', '420503004001001') IS NULL AS granted \gset
SELECT grid.grant_scope('arc_all', '420503004001') IS NULL AS granted \gset

-- ------------------------------------------------------ 1. read back

-- For each report the archive keeps, whether the archived rows the
-- caller reads, in line order, are the rows the report gives the caller
-- whose division lies in its scopes, in the report's order, masked as
-- the archive masks them.  Returns the reports that differ.
CREATE FUNCTION pg_temp.read_back_differs(d date) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    r record;
    same boolean;
    differ text[] := '{}';
BEGIN
    FOR r IN SELECT c.report, c.function FROM grid.report_catalog() c WHERE c.archived ORDER BY c.report LOOP
        EXECUTE format('SELECT (SELECT coalesce(array_agg(x.data ORDER BY x.line), ''{}'')
                                  FROM (SELECT row_number() OVER () AS line, grid.archive_masked(to_jsonb(t)) AS data
                                          FROM %s($1) t) x
                                 WHERE grid.in_my_scope(coalesce(x.data ->> ''division'', x.data ->> ''parent'')::grid.division_code))
                             = (SELECT coalesce(array_agg(a.data ORDER BY a.line), ''{}'')
                                  FROM grid.report_archive a WHERE a.report = $2 AND a.day = $1)', r.function)
           INTO same USING d, r.report;
        IF NOT same THEN
            differ := differ || r.report;
        END IF;
    END LOOP;
    RETURN differ;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.read_back_differs(date) TO PUBLIC;
-- The archive as text, but for who took it and when.
CREATE FUNCTION pg_temp.archive_text(within text DEFAULT NULL, outside text DEFAULT NULL) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(md5(string_agg(format('%s %s %s %s %s', report, day, division, line, data), ',' ORDER BY report, day, division, line)), '-')
      FROM grid.report_archive
     WHERE (within IS NULL OR division OPERATOR(grid.<@) within::grid.division_code)
       AND (outside IS NULL OR NOT division OPERATOR(grid.<@) outside::grid.division_code)
$$;
GRANT EXECUTE ON FUNCTION pg_temp.archive_text(text, text) TO PUBLIC;

-- The nightly job, as the superuser.
CREATE TEMP TABLE first AS SELECT * FROM grid.archive_reports('2020-02-10');
GRANT SELECT ON first TO PUBLIC;
SELECT is((SELECT count(*) FROM first WHERE rows > 0), 8::bigint, 'archived: every report kept, each with rows');
SELECT is(pg_temp.read_back_differs('2020-02-10'), '{}', 'superuser: reads back every report as it was');
SET LOCAL ROLE arc_city;
SELECT is(pg_temp.read_back_differs('2020-02-10'), '{}', 'city: reads back every report as the reports gave it');
RESET ROLE;
SET LOCAL ROLE arc_township;
SELECT is(pg_temp.read_back_differs('2020-02-10'), '{}', 'township: reads back its rows of every report as they were');
SELECT ok((SELECT count(*) FROM grid.report_archive WHERE report = 'temperature') >= 7,
          '... its cells, villages and itself');
RESET ROLE;
SET LOCAL ROLE arc_village;
SELECT is(pg_temp.read_back_differs('2020-02-10'), '{}', 'village: reads back its rows as they were');
SELECT is((SELECT data ->> 'resident' FROM grid.report_archive WHERE report = 'key_persons' AND data ->> 'name' = '张二'),
          grid.mask(pg_temp.rid('42050319800101002')), '... the key person''s ID masked, though it sees it in full live');
RESET ROLE;
SET LOCAL ROLE arc_worker;
SELECT is(pg_temp.read_back_differs('2020-02-10'), '{}', 'grid worker: reads back its cell''s rows as they were');
SELECT is((SELECT array_agg(division::text) FROM grid.report_archive), '{420503004001001}', '... its cell''s row only');
RESET ROLE;

-- Archived again: replaced, the same rows.
SELECT pg_temp.archive_text() AS before \gset
SELECT is((SELECT array_agg(row(report, rows)::text ORDER BY report) FROM grid.archive_reports('2020-02-10')),
          (SELECT array_agg(row(report, rows)::text ORDER BY report) FROM first), 'archived again: as many rows of each report');
SELECT is(pg_temp.archive_text(), :'before', '... the same rows, replaced');
-- A late report: the archive keeps the day as it was until archived again.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES (pg_temp.rid('42050319800101003'), 'proxy', '2020-02-10 20:00+08', '2020-02-10 20:00+08', 36.9, false,
        '420503004001', 'id');
SELECT is(pg_temp.archive_text(), :'before', 'a late report leaves the archived day as it was');
SELECT isnt(pg_temp.read_back_differs('2020-02-10'), '{}'::text[], '... which the live reports no longer give');
SELECT ok((SELECT sum(rows) FROM grid.archive_reports('2020-02-10', '420503004001')) > 0, 'the village archived again');
SELECT is(pg_temp.read_back_differs('2020-02-10') @> '{temperature}', true,
          '... its township''s row still as the nightly job took it');
SET LOCAL ROLE arc_village;
SELECT is(pg_temp.read_back_differs('2020-02-10'), '{}', '... and the village reads back the reports as they are now');
RESET ROLE;

-- ------------------------------------------------------ 2. masking

-- Every row of every report, as the superuser sees it (IDs and phone
-- numbers in full), and rows with identifiers in every kind of field:
-- none that grid.archive_needs_mask lets by is changed by
-- grid.archive_masked, and each it stops is.
CREATE TEMP TABLE sample AS
SELECT to_jsonb(t) AS data FROM grid.report_key_persons('2020-02-10') t
UNION ALL SELECT to_jsonb(t) FROM grid.report_not_reported('2020-02-10') t
UNION ALL SELECT to_jsonb(t) FROM grid.report_temperature('2020-02-10') t
UNION ALL SELECT to_jsonb(t) FROM grid.report_teams('2020-02-10') t
UNION ALL SELECT d::jsonb FROM unnest(ARRAY[
    '{"resident": "420503198001010018", "n": 1}', '{"resident": "420503********0018"}',
    '{"phone": "13900000001"}', '{"phone": "139****0001"}', '{"phone": "+86 139****0001"}', '{"leader_phone": "13900000002"}',
    '{"note": "420503198001010026"}', '{"note": "42050319800101002x"}', '{"note": "4205031980010100", "count": 7}',
    '{"note": "x420503198001010026"}', '{"nested": {"resident": "420503198001010018"}}', '{"phones": "13900000001"}',
    '{"count": 420503198001010026}', '{"name": "张三"}']) d;
SELECT is((SELECT count(*) FROM sample WHERE NOT grid.archive_needs_mask(data) AND grid.archive_masked(data) <> data), 0::bigint,
          'no row grid.archive_masked changes gets by the test');
SELECT is((SELECT count(*) FROM sample WHERE grid.archive_needs_mask(data) AND grid.archive_masked(data) = data), 0::bigint,
          'and every row it stops is changed');
SELECT ok((SELECT count(*) FROM sample WHERE grid.archive_needs_mask(data)) >= 8, '... of which the sample has some');
SELECT is((SELECT count(*) FROM sample WHERE grid.archive_needs_mask(grid.archive_masked(data))), 0::bigint,
          'a masked row passes');
SELECT is(grid.archive_needs_mask('{"resident": "abc"}'), true, 'a field resident not masked as an ID is stopped (grid.mask decides)');
SELECT is(grid.archive_needs_mask('[1, 2]'), false, 'anything but an object passes (the archive refuses it)');

-- ------------------------------------------------------ 3. attacks

-- The other villages' rows, and the answers village A gets.
SELECT pg_temp.archive_text(outside => '420503004001') AS others \gset
CREATE FUNCTION pg_temp.attempt(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.attempt(text) TO PUBLIC;
SET LOCAL ROLE arc_all;
SELECT is((SELECT count(*) FROM grid.report_archive WHERE NOT division OPERATOR(grid.<@) '420503004001'), 0::bigint,
          'every privilege: no other division''s archived row is read');
SELECT is((SELECT sum(rows)::bigint FROM grid.archive_reports('2020-02-10', '420503004002')), 0::bigint,
          '... archiving village B stores nothing');
SELECT is((SELECT array_agg(DISTINCT division::text) FROM grid.report_archive
            WHERE archived_by = 'arc_all'), NULL, '... nor anything of its own');
SELECT is(pg_temp.attempt($$INSERT INTO grid.report_archive (report, day, division, line, data)
                            VALUES ('temperature', '2020-02-10', '420503004002', 1, '{}')
                            ON CONFLICT DO NOTHING$$), '42501',
          '... a row at a key village B holds is refused');
SELECT is(pg_temp.attempt($$INSERT INTO grid.report_archive (report, day, division, line, data)
                            VALUES ('temperature', '2020-02-10', '420503004002', 99999, '{}')
                            ON CONFLICT DO NOTHING$$), '42501',
          '... as a row at a key nobody holds: no answer tells which keys exist');
SELECT is(pg_temp.attempt($$UPDATE grid.report_archive SET division = '420503004002'$$), '42501',
          '... its own rows are not moved to village B');
SELECT is(pg_temp.attempt($$INSERT INTO grid.report_archive (report, day, division, line, data)
                            VALUES ('temperature', '2020-02-10', '420503004001', 99,
                                    '{"level": "village", "division": "420503004002", "residents": 1000}')$$), '23514',
          '... nor stored under its own division a row claiming village B');
SELECT is(pg_temp.attempt($$UPDATE grid.report_archive SET data = data || '{"division": "420503004002"}'
                             WHERE report = 'temperature'$$), '23514',
          '... nor its own rows changed to claim it');
SELECT is(pg_temp.attempt($$TRUNCATE grid.report_archive$$), '42501', '... TRUNCATE is refused');
SELECT is(pg_temp.attempt($$DELETE FROM grid.report_archive$$), 'ok', '... DELETE runs on its own rows');
SELECT is(pg_temp.attempt($$INSERT INTO grid.report_archive (report, day, division, line, data)
                            VALUES ('teams', '2020-02-11', '420503004001', 1,
                                    '{"division": "420503004001", "leader_phone": "13900000002", "x": "42050319800101002x"}')$$), 'ok',
          '... a row of its own is stored');
RESET ROLE;
SELECT is(pg_temp.archive_text(outside => '420503004001'), :'others',
          'every privilege: the other divisions'' archived rows are as they were');
SELECT is((SELECT data FROM grid.report_archive WHERE day = '2020-02-11'),
          jsonb_build_object('division', '420503004001', 'leader_phone', grid.mask('13900000002'), 'x', '420503********002X'),
          '... and the identifiers of the row it stored, masked');

SELECT * FROM finish();
ROLLBACK;
