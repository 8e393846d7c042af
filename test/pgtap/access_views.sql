-- pgTAP: what a role granted every table privilege on schema grid can get
-- past row-level security through the extension's own objects: views,
-- tables without row-level security, the report archive, the grid.locate
-- cache, the look-up functions and their audit.  Every role here holds
-- GRANT ALL ON ALL TABLES IN SCHEMA grid; scopes alone must keep it to its
-- own jurisdiction.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
\ir reports_fixture.inc
SELECT plan(67);

-- Ten residents named 王芳 across the fixture's three villages: a name
-- shared by enough people for grid.name_frequency to keep it.
INSERT INTO grid.resident (id, name, phones, division, cell, status)
SELECT pg_temp.rid(v.code || '19900101' || lpad((v.k * 10 + n)::text, 3, '0')), '王芳', '{}', v.division, v.cell, 'resident'
  FROM (VALUES (1, '420503', '420503004001', '420503004001001'), (2, '420503', '420503004002', '420503004002001'),
               (3, '420502', '420502002021', '420502002021001')) v(k, code, division, cell),
       generate_series(1, 4) n
 WHERE v.code = '420503' OR n <= 2;

CREATE ROLE av_township LOGIN;  -- 伍家岗街道, identifiers masked (no see_identifiers)
CREATE ROLE av_village LOGIN;   -- 王家河社区, identifiers in full
CREATE ROLE av_other LOGIN;     -- 中书街社区, in another district
CREATE ROLE av_nobody LOGIN;    -- no scope
CREATE ROLE av_nocell LOGIN;    -- no privilege on grid.cell
CREATE ROLE av_cellcols LOGIN;  -- only the columns grid.locate reads
GRANT ALL ON ALL TABLES IN SCHEMA grid TO av_township, av_village, av_other, av_nobody;
GRANT SELECT (code, geom) ON grid.cell TO av_cellcols;
DO $$ BEGIN
    PERFORM grid.grant_scope('av_township', '420503004');
    PERFORM grid.grant_scope('av_village', '420503004001');
    PERFORM grid.grant_scope('av_other', '420502002021');
END $$;

-- Every identifier of a person the fixture holds (IDs and phone numbers
-- of residents and of team members), to look for where they must not be.
CREATE TEMP TABLE identifiers AS
SELECT r.id::text AS v FROM grid.resident r
UNION SELECT p FROM grid.resident r, unnest(r.phones) p
UNION SELECT m.phone FROM grid.team_member m WHERE m.phone IS NOT NULL;
GRANT SELECT ON identifiers TO PUBLIC;

-- 1. Views run with the reader's rights.
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
            WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('v', 'm')
              AND coalesce(array_to_string(c.reloptions, ',') !~ 'security_invoker=(true|on|1)\M', true)),
          NULL, 'every view of the extension is security_invoker');
SET SESSION AUTHORIZATION av_other;
SELECT is((SELECT count(*) FROM grid.team), 0::bigint, 'another district: grid.team shows no 王家河 or 白沙脑 team');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_village;
SELECT is((SELECT array_agg(division::text) FROM grid.team), ARRAY['420503004001'], 'village: grid.team shows its own team');
RESET SESSION AUTHORIZATION;

-- 2. Tables without row-level security hold no one's name, phone or ID.
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
            WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
              AND c.relname NOT LIKE 'stage\_%'
              AND c.relname <> ALL (ARRAY['cell', 'checkpoint', 'division', 'division_boundary', 'division_load_error', 'ingest_batch',
                                          'source', 'surname_frequency', 'synthetic_char', 'synthetic_resident',
                                          'synthetic_truth', 'village_boundary'])),
          NULL, 'every table without row-level security is reference data (name_frequency, lookup_audit, access_scope have it)');
SELECT is((SELECT array_agg(c.relname || '.' || a.attname ORDER BY 1) FROM pg_class c
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
              AND c.relname NOT LIKE 'stage\_%' AND c.relname NOT LIKE 'synthetic\_%'
              AND (a.atttypid = 'grid.resident_id'::regtype OR a.attname ~ '(phone|worker)' OR a.attname = 'person')),
          NULL, 'no table without row-level security has an ID, phone or person column');
SET SESSION AUTHORIZATION av_other;
SELECT is((SELECT count(*) FROM grid.cell c, identifiers i WHERE strpos(c::text, i.v) > 0), 0::bigint,
          'another district: no phone number in grid.cell');
SELECT is((SELECT count(*) FROM grid.cell c WHERE strpos(c::text, '网格') > 0 AND strpos(c::text, '李网格') > 0), 0::bigint,
          'another district: no grid worker''s name in grid.cell');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_village;
SELECT is((SELECT worker FROM grid.report_not_reported('2020-02-10') WHERE name = '张三'), '李网格',
          'village: the call list names the cell''s grid worker, from its own team');
SELECT ok(strpos(grid.command_map('420503004001', '2020-02-10'), '网格员 李网格') > 0,
          'village: so does its command map');
RESET SESSION AUTHORIZATION;

-- The map is read by all and changed by each only inside its scopes.
SET SESSION AUTHORIZATION av_other;
SELECT throws_ok($$UPDATE grid.cell SET geom = ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)) WHERE code = '420503004001001'$$,
                 '42501', NULL, 'another district: cannot move 王家河''s cell');
SELECT throws_ok($$DELETE FROM grid.cell WHERE division = '420503004001'$$, '42501', NULL,
                 'another district: cannot delete 王家河''s cells');
SELECT throws_ok($$INSERT INTO grid.cell (code, name, geom) VALUES ('420503004001009', 'x', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)))$$,
                 '42501', NULL, 'another district: cannot add a cell to 王家河');
SELECT throws_ok($$TRUNCATE grid.cell CASCADE$$, '42501', NULL, 'another district: cannot truncate the map');
SELECT throws_ok($$UPDATE grid.checkpoint SET division = '420502002021' WHERE id = 901$$, '42501', NULL,
                 'another district: cannot take 王家河''s checkpoint');
SELECT lives_ok($$UPDATE grid.cell SET name = '中书街网格' WHERE code = '420502002021001'$$,
                'another district: renames its own cell');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM grid.cell WHERE division = '420503004001' AND ST_XMin(geom) > 111), 2::bigint,
          '王家河''s two cells are where they were');

-- 3. grid.name_frequency: counts of names no fewer than 10 residents share,
--    readable by everyone, written by administrators only.
SELECT lives_ok($$SELECT grid.refresh_name_frequency()$$, 'superuser: refresh the name counts');
SELECT is((SELECT count(*) FROM grid.name_frequency WHERE kind <> 'total' AND n < 10), 0::bigint,
          'no name, pinyin or fuzzy pinyin shared by fewer than 10 residents is kept');
SELECT is((SELECT n FROM grid.name_frequency WHERE kind = 'name' AND key = grid.normalize_name('王芳')), 10::bigint,
          '王芳, shared by 10, is kept with its count');
SELECT is((SELECT n FROM grid.name_frequency WHERE kind = 'total'), 22::bigint, 'the total counts everyone');
SELECT throws_ok($$INSERT INTO grid.name_frequency VALUES ('name', 'rare', 3)$$, '23514', NULL,
                 'even the superuser cannot store a count below 10');
SET SESSION AUTHORIZATION av_village;
SELECT is((SELECT count(*) FROM grid.name_frequency), 4::bigint, 'village: reads the counts (find_resident needs them)');
SELECT throws_ok($$INSERT INTO grid.name_frequency VALUES ('name', 'x', 100)$$, '42501', NULL,
                 'village: cannot add a count');
UPDATE grid.name_frequency SET n = 1000000;
DELETE FROM grid.name_frequency;
SELECT throws_ok($$TRUNCATE grid.name_frequency$$, '42501', NULL, 'village: cannot truncate the counts');
SELECT throws_ok($$SELECT grid.refresh_name_frequency()$$, '42501', NULL, 'village: cannot recount the names');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(n ORDER BY kind) FROM grid.name_frequency), ARRAY[10, 10, 10, 22]::bigint[],
          'village: its UPDATE and DELETE changed nothing');

-- 4. The archive stores identifiers masked, whoever takes it.
SELECT ok((SELECT sum(rows) FROM grid.archive_reports('2020-02-10', reports => ARRAY(SELECT report FROM grid.report_catalog()))) > 0,
          'superuser (as the nightly job): every report archived, the call list too');
SELECT is((SELECT count(*) FROM grid.report_archive a, identifiers i WHERE strpos(a.data::text, i.v) > 0), 0::bigint,
          'no ID or phone number in full anywhere in the archive');
SET SESSION AUTHORIZATION av_township;
SELECT is((SELECT data ->> 'phone' FROM grid.report_archive WHERE report = 'not_reported' AND data ->> 'name' = '张三'),
          '139****0003', 'township: reads the call list''s phone masked');
SELECT is((SELECT data ->> 'resident' FROM grid.report_archive WHERE report = 'key_persons' AND data ->> 'name' = '张二'),
          grid.mask(pg_temp.rid('42050319800101002')), 'township: reads the key person''s ID masked');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_village;
SELECT is((SELECT phone FROM grid.report_not_reported('2020-02-10') WHERE name = '张三'), '13900000003',
          'village: sees its own phone numbers in full on the live report');
SELECT ok((SELECT sum(rows) FROM grid.archive_reports('2020-02-10', reports => '{not_reported,key_persons}')) > 0,
          'village: archives its own call list and key persons');
INSERT INTO grid.report_archive (report, day, division, line, data)
VALUES ('not_reported', '2020-02-11', '420503004001', 1,
        jsonb_build_object('resident', pg_temp.rid('42050319800101003')::text, 'phone', '13900000003', 'name', '张三'));
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_township;
SELECT is((SELECT array_agg(data ->> 'phone' ORDER BY day) FROM grid.report_archive
            WHERE report = 'not_reported' AND data ->> 'name' = '张三'),
          ARRAY['139****0003', '139****0003'], 'township: the village''s snapshot and its own row hold the phone masked');
SELECT is((SELECT data ->> 'resident' FROM grid.report_archive WHERE report = 'not_reported' AND day = '2020-02-11'),
          grid.mask(pg_temp.rid('42050319800101003')), '... and the ID masked');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM grid.report_archive a, identifiers i WHERE strpos(a.data::text, i.v) > 0), 0::bigint,
          'still no ID or phone number in full anywhere in the archive');

-- 5. decide_link links only to residents the reviewer can see.
INSERT INTO grid.source_batch (id, source, division, label) VALUES (990001, 'survey', '420503004001', 'av');
INSERT INTO grid.source_record (record_id, batch_id, division, raw) VALUES
    (990001, 990001, '420503004001', '{"name": "张三"}'), (990002, 990001, '420503004001', '{"name": "孙七"}');
INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, score, decision, method)
VALUES (990001, 990001, '420503004001', NULL, NULL, 'no_link', 'fellegi_sunter');
SET SESSION AUTHORIZATION av_village;
SELECT throws_ok(format($$SELECT grid.decide_link(990001, %L, 'link')$$, pg_temp.rid('42050219800101009')),
                 'P0002', format('no resident %s in your jurisdiction', pg_temp.rid('42050219800101009')),
                 'village: cannot link its record to 中书街''s 吴九');
SELECT throws_ok(format($$SELECT grid.decide_link(990001, %L, 'link')$$, pg_temp.rid('42050219800101099')),
                 'P0002', format('no resident %s in your jurisdiction', pg_temp.rid('42050219800101099')),
                 'village: the same error for an ID nobody has');
SELECT lives_ok(format($$SELECT grid.decide_link(990001, %L, 'link')$$, pg_temp.rid('42050319800101003')),
                'village: links it to its own 张三');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT resident_id::text FROM grid.record_link WHERE record_id = 990001), pg_temp.rid('42050319800101003')::text,
          'the link is to 张三');

-- 6. The grid.locate cache answers only roles that may read grid.cell.
SELECT is(grid.locate(111.305, 30.705)::text, '420503004001001', 'superuser: locates a point (the cache is built)');
SET LOCAL ROLE av_nocell;
SELECT throws_ok($$SELECT grid.locate(111.305, 30.705)$$, '42501', NULL,
                 'after SET ROLE to a role without SELECT on grid.cell: refused, not answered from the cache');
SELECT throws_ok($$SELECT grid.locate(ST_SetSRID(ST_MakePoint(111.305, 30.705), 4326))$$, '42501', NULL,
                 '... by either form of grid.locate');
RESET ROLE;
SET LOCAL ROLE av_cellcols;
SELECT is(grid.locate(111.305, 30.705)::text, '420503004001001', 'a role with SELECT on code and geom locates');
RESET ROLE;

-- 7. The look-up audit: written only by the look-up functions, one row per
--    look-up, one per batch for bulk ingestion, read by administrators.
SET SESSION AUTHORIZATION av_village;
SELECT throws_ok($$SELECT grid.audit_lookup('id', 'forged', 1)$$, '42501', NULL,
                 'village: cannot call grid.audit_lookup');
SELECT throws_ok($$INSERT INTO grid.lookup_audit (role, login, kind, query, results) VALUES ('av_other', 'x', 'id', 'x', 0)$$,
                 '42501', NULL, 'village: cannot insert into the audit, though granted every privilege');
SELECT throws_ok($$TRUNCATE grid.lookup_audit$$, '42501', NULL, 'village: cannot truncate the audit');
-- A trigger of the village's own on the audit would run, as grid_lookup,
-- inside every other session's look-ups: the event trigger
-- grid_refuse_foreign_ddl refuses it.
CREATE FUNCTION pg_temp.av_spy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
SELECT throws_ok($$CREATE TRIGGER av_spy AFTER INSERT ON grid.lookup_audit FOR EACH ROW EXECUTE FUNCTION pg_temp.av_spy()$$,
                 '42501', NULL, 'village: cannot put a trigger of its own on the audit');
SELECT throws_ok($$SELECT * FROM grid.resident_candidates(grid.match_record(NULL, '张三'))$$, '42501', NULL,
                 'village: the unaudited candidate search is not callable');
SELECT is((SELECT count(*) FROM grid.match_candidates(grid.match_record(pg_temp.rid('42050319800101003')::text))), 1::bigint,
          'village: grid.match_candidates finds its 张三');
SELECT is((SELECT count(*) FROM grid.match_candidates(grid.match_record(pg_temp.rid('42050219800101009')::text))), 0::bigint,
          'village: ... and not 中书街''s 吴九');
SELECT is((SELECT count(*) FROM grid.find_resident(NULL, '王芳', birth_date => '1990-01-01')), 4::bigint, 'village: grid.find_resident finds its four 王芳');
SELECT is((SELECT count(*) FROM grid.lookup_audit), 0::bigint, 'village: reads nothing of the audit');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_cellcols;
SELECT throws_ok($$SELECT * FROM grid.find_resident(NULL, '王芳', birth_date => '1990-01-01')$$, '42501', NULL,
                 'a role without SELECT on grid.resident cannot look people up through the functions either');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_village;
UPDATE grid.lookup_audit SET results = 0;
DELETE FROM grid.lookup_audit;
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(kind || ':' || results ORDER BY id) FROM grid.lookup_audit WHERE role = 'av_village'),
          ARRAY['match_candidates:1', 'match_candidates:0', 'find_resident:4'],
          'one audit row per look-up, in the village''s name; its UPDATE and DELETE changed nothing');
SELECT is((SELECT count(*) FROM grid.lookup_audit WHERE query ~ 'forged'), 0::bigint, 'no forged row');

-- Bulk ingestion: three proxy records by name go through scored matching.
SET SESSION AUTHORIZATION av_village;
INSERT INTO grid.stage_proxy (worker, name, temperature, reported_at, division) VALUES
    ('李网格', '张一', '36.5', '2020-02-12 08:00', '420503004001'),
    ('李网格', '李四', '36.6', '2020-02-12 08:00', '420503004001'),
    ('李网格', '无名氏', '36.7', '2020-02-12 08:00', '420503004001');
SELECT is((SELECT received FROM grid.ingest_proxy('av')), 3::bigint, 'village: ingests three proxy records by name');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(kind || ':' || lookups ORDER BY id) FROM grid.lookup_audit
            WHERE role = 'av_village' AND kind NOT IN ('match_candidates', 'find_resident')),
          ARRAY['ingest:3'], 'bulk ingestion: one audit row for the batch, counting its three look-ups');
SELECT is((SELECT batch FROM grid.lookup_audit WHERE role = 'av_village' AND kind = 'ingest'),
          (SELECT max(id) FROM grid.ingest_batch), '... naming the batch');
-- Linking a source batch of two records: one row.
SET SESSION AUTHORIZATION av_village;
SELECT lives_ok($$SELECT * FROM grid.link_batch(990001)$$, 'village: links a batch of two records');
SELECT throws_ok(format($$SELECT * FROM grid.batch_candidates('ingest', %s, ARRAY[grid.match_record(NULL, '张三')])$$,
                        (SELECT max(id) FROM grid.ingest_batch)),
                 'P0002', NULL, 'village: the bulk path needs a batch being ingested');
SELECT throws_ok($$SELECT * FROM grid.batch_candidates('link_batch', 990099, ARRAY[grid.match_record(NULL, '张三')])$$,
                 'P0002', NULL, 'village: ... or a source batch it can see');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(kind || ':' || lookups || ':' || batch ORDER BY id) FROM grid.lookup_audit
            WHERE role = 'av_village' AND kind = 'link_batch'),
          ARRAY['link_batch:2:990001'], 'link_batch: one audit row for the batch, counting its two look-ups');

-- 8. Scopes are granted only by administrators, even to a role granted
--    every privilege on grid.access_scope.
SET SESSION AUTHORIZATION av_nobody;
SELECT throws_ok($$INSERT INTO grid.access_scope (role, division, granted_by) VALUES ('av_nobody', '4205', 'x')$$,
                 '42501', NULL, 'no scope: cannot grant itself the city');
UPDATE grid.access_scope SET division = '4205';
SELECT is((SELECT count(*) FROM grid.resident), 0::bigint, 'no scope: still sees no one');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION av_village;
SELECT is((SELECT count(*) FROM grid.access_scope), 0::bigint, 'village: reads no one''s scopes from the table');
SELECT is((SELECT count(*) FROM grid.my_scope()), 1::bigint, 'village: grid.my_scope still shows its own');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(division::text ORDER BY division) FROM grid.access_scope WHERE role::text LIKE 'av\_%'),
          ARRAY['420502002021', '420503004', '420503004001'], 'the scopes are as granted');

SELECT * FROM finish();
ROLLBACK;
