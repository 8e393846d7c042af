-- pgTAP: attacks on grid after the earlier rounds, as a village role given
-- every privilege a database administrator hands out on schema grid.
--
-- 1. Sequences.  A sequence has no row-level security.  A village role
--    granted every privilege on grid's tables and sequences (GRANT ALL ON
--    ALL SEQUENCES IN SCHEMA grid, as administrators grant it beside ALL
--    TABLES) reads how many key-person entries, review entries and batches
--    the whole city made (last_value, or nextval), and sets a sequence to
--    its end (setval): every other village's next fever report then fails
--    to be stored, with its batch.  grid's numbers are identity columns,
--    which need no privilege on their sequence, so no role but an
--    administrator keeps one: a GRANT to anyone else is revoked at once,
--    with a WARNING.
-- 2. Numbers of one's choosing.  grid.returnee is keyed by its number
--    alone: a returnee filed with the number of another village's entry
--    fails with 23505, one with an unused number is stored, so a village
--    counts every village's returnees (and sees each new one arrive) as
--    it could through the sequence.  Its numbers come from the sequence
--    only, as the key persons' do (grid.numbered_by_sequence).
-- 3. Inputs read wrong without saying so.  "36.5 不太舒服" ("not feeling
--    too well") was read as the negation 不 and nothing: a report with no
--    symptom, the same as "36.5 正常".  Unwell however it is softened
--    (不太, 不大, 不怎么舒服; 不好受; 感觉不好, 身体不好) is unspecified,
--    as 不舒服 is; 没有不舒服 stays none.  And "36.5 没有任何症状" ("no
--    symptom of any kind") was read as sent by someone named 任何 (任 is a
--    surname), so the report of the phone's only holder went to review;
--    so were 白天 (daytime), 周末 (weekend), 马上 and 何时.
-- 4. A returnee's origin written as people write it.  grid.register_returnee
--    took an origin that is no division code as free text: a returnee
--    "from 武汉" (or 汉口, 湖北省武汉市江汉区) was not from the epicentre,
--    so he got no epicentre_returnee key-person entry and the returnee and
--    screening reports did not count him among those from the epicentre.
--    A text that names the epicentre is the epicentre; a number that is no
--    division code is refused (22P02) instead of being kept as text.
-- 5. An address outside the registry read as one inside it:
--    grid.parse_address('北京市朝阳区') gave 4205 (宜昌市), the common
--    ancestor of Yichang's two villages named 朝阳, though 朝阳区 is a
--    district (区), not a village, and 北京市 names another city; the same
--    for 吉林省长春市朝阳区.  An address that first names a province or a
--    city with districts the registry does not hold is in no division.
-- 6. A vehicle plate was any 3 to 12 letters, digits or Han characters:
--    湖北A12345 (Wuhan's 鄂A written with the province's name) was stored
--    as a plate not from the epicentre, and 12345 as a plate of no
--    province.  grid.read_plate reads the forms of GA 36 (a province
--    character, a letter and 5 or 6 letters or digits, or a special form:
--    military, armed police, embassies), a province written in full as its
--    abbreviation; anything else is rejected with the reason.
--
-- Village A 王家河社区 420503004001 attacks; B 白沙脑社区 420503004002 and
-- C 中书街社区 420502002021 are the others (reports_fixture.inc).
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = error;
\ir reports_fixture.inc
SELECT plan(41);

CREATE ROLE aa_all LOGIN;        -- village A: every table and sequence privilege, EXECUTE on every function
CREATE ROLE aa_b LOGIN;          -- village B's application
CREATE ROLE aa_admin LOGIN;      -- an administrator who is not a superuser
GRANT grid_reader, grid_ingest TO aa_all, aa_b;
GRANT grid_admin TO aa_admin;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO aa_all;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO aa_all;
SELECT grid.grant_scope('aa_all', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('aa_b', '420503004002') IS NULL AS granted \gset

-- A statement run as the acting role: 'ok', or the SQLSTATE it raised.
CREATE FUNCTION pg_temp.attempt(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.attempt(text) TO PUBLIC;

-- ---------------------------------------------------------------- 1.
-- The grants an administrator makes: to the village, to PUBLIC, to an
-- administrator.
GRANT ALL ON ALL SEQUENCES IN SCHEMA grid TO aa_all;
GRANT USAGE ON SEQUENCE grid.report_review_id_seq TO PUBLIC;
GRANT SELECT ON SEQUENCE grid.key_person_id_seq TO aa_admin;

SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c, aclexplode(c.relacl) a
                 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'S' AND a.grantee = 'aa_all'::regrole
                 ORDER BY 1), '{}',
          'a village role granted every sequence privilege keeps none on any of grid''s sequences');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c, aclexplode(c.relacl) a
                 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'S' AND a.grantee = 0
                 ORDER BY 1), '{}',
          'nor does PUBLIC');
SELECT ok(has_sequence_privilege('aa_admin', 'grid.key_person_id_seq', 'SELECT'),
          'an administrator keeps the privilege granted to it');

SET LOCAL ROLE aa_all;
SELECT is(pg_temp.attempt($$SELECT last_value FROM grid.key_person_id_seq$$), '42501',
          'the village cannot read how many key-person entries the city has made');
SELECT is(pg_temp.attempt($$SELECT nextval('grid.report_review_id_seq')$$), '42501',
          'nor count the review entries through nextval');
SELECT is(pg_temp.attempt($$SELECT setval('grid.key_person_id_seq', 9223372036854775807)$$), '42501',
          'nor set the key-person numbers to their end');
SELECT is(pg_temp.attempt($$SELECT setval('grid.ingest_batch_id_seq', 1, false)$$), '42501',
          'nor set the batch numbers back to ones in use');
RESET ROLE;

-- Village B's fever report after the attempts: stored, with its key person.
SET LOCAL ROLE aa_b;
SELECT is((SELECT s.outcome FROM grid.submit('app', jsonb_build_object(
               'id_text', pg_temp.rid('42050319800101007')::text,
               'reported_at', '2020-02-11T08:00:00+08:00', 'temperature', '38.6')) s),
          'stored', 'village B''s fever report is stored after village A''s attempts');
RESET ROLE;
SELECT is((SELECT count(*) FROM grid.key_person k
            WHERE k.resident_id = pg_temp.rid('42050319800101007') AND k.category = 'fever_unexcluded'
              AND k.status = 'open')::integer, 1,
          'and opens its fever key-person entry');

-- An upgraded database may hold such grants already: the upgrade revokes
-- them with the same function.
GRANT UPDATE ON SEQUENCE grid.returnee_id_seq TO aa_b;
SELECT is(grid.revoke_sequence_privileges(), 0,
          'nothing is left for grid.revoke_sequence_privileges() after a GRANT');

-- ---------------------------------------------------------------- 2.
-- Returnee 704 is village C's (reports_fixture.inc).
SET LOCAL ROLE aa_all;
SELECT is(pg_temp.attempt($$INSERT INTO grid.returnee (id, name, division, arrival_date, origin_text)
                              VALUES (704, '试探', '420503004001', '2020-02-10', '武汉')$$), '42501',
          'a returnee filed under the number of another village''s is refused, not told apart by its key');
SELECT is(pg_temp.attempt($$INSERT INTO grid.returnee (id, name, division, arrival_date, origin_text)
                              VALUES (799, '试探', '420503004001', '2020-02-10', '武汉')$$), '42501',
          'and so is one under an unused number of the village''s choosing');
SELECT is(pg_temp.attempt($$INSERT INTO grid.returnee (name, division, arrival_date, origin_text)
                              VALUES ('返乡丙', '420503004001', '2020-02-10', '武汉')$$), 'ok',
          'a returnee numbered by the sequence is stored');
SELECT is(pg_temp.attempt($$UPDATE grid.returnee SET id = 704 WHERE name = '返乡丙'$$), '42501',
          'and keeps its number');
RESET ROLE;

-- ---------------------------------------------------------------- 3.
SELECT is(ARRAY(SELECT m || ': ' || coalesce(array_to_string((grid.parse_sms(m)).symptoms, ','), '')
                  FROM unnest(ARRAY['36.5 不太舒服', '36.5 不大舒服', '36.5 不怎么舒服', '36.5 有点不好受',
                                    '36.5 感觉不好', '36.5 身体不太好', '体温36.6，身体不好']) m),
          ARRAY['36.5 不太舒服: unspecified', '36.5 不大舒服: unspecified', '36.5 不怎么舒服: unspecified',
                '36.5 有点不好受: unspecified', '36.5 感觉不好: unspecified', '36.5 身体不太好: unspecified',
                '体温36.6，身体不好: unspecified'],
          'an SMS that says its sender is not too well carries the symptom unspecified, never none');
SELECT is(ARRAY(SELECT m || ': ' || coalesce(array_to_string((grid.parse_sms(m)).symptoms, ','), '')
                  FROM unnest(ARRAY['36.5 没有不舒服', '36.5 没什么不舒服', '36.5 舒服', '36.5 感觉很好']) m),
          ARRAY['36.5 没有不舒服: ', '36.5 没什么不舒服: ', '36.5 舒服: ', '36.5 感觉很好: '],
          'and one that says it is well carries none');
SELECT is(ARRAY(SELECT m || ': ' || coalesce((grid.parse_sms(m)).name, '')
                  FROM unnest(ARRAY['36.5 没有任何症状', '体温36.5，无任何不适', '36.5 白天正常', '36.5 周末在家',
                                    '36.5 马上复工', '36.5 何时解除', '张一 36.5']) m),
          ARRAY['36.5 没有任何症状: ', '体温36.5，无任何不适: ', '36.5 白天正常: ', '36.5 周末在家: ',
                '36.5 马上复工: ', '36.5 何时解除: ', '张一 36.5: 张一'],
          'words led by a surname (任何, 白天, 周末, 马上, 何时) are no sender''s name');
-- Stored so, through village B's SMS gateway (r07 孙七).
SET LOCAL ROLE aa_b;
SELECT is((SELECT s.outcome FROM grid.submit('sms', '{"phone": "13900000007", "sent_at": "2020-02-11 09:00", "message": "36.6 不太舒服"}') s),
          'stored', 'village B''s SMS "36.6 不太舒服" is stored');
SELECT is((SELECT s.outcome FROM grid.submit('sms', '{"phone": "13900000007", "sent_at": "2020-02-11 09:30", "message": "36.5 没有任何症状"}') s),
          'stored', 'and "36.5 没有任何症状" from the phone of its only holder is stored, not sent to review');
RESET ROLE;
SELECT is((SELECT h.symptoms FROM grid.health_report h
            WHERE h.resident_id = pg_temp.rid('42050319800101007') AND h.channel = 'sms'
              AND h.reported_at = '2020-02-11 09:00+08'), '{unspecified}'::text[],
          'with the symptom unspecified');

-- ---------------------------------------------------------------- 4.
-- r04 李四 (village A), registered by the village's role.
SET LOCAL ROLE aa_all;
SELECT ok(grid.register_returnee('李四', '420503004001', '2020-02-09', '武汉', id => pg_temp.rid('42050319800101004')::text,
                                 transport => 'train') > 0, 'a returnee "from 武汉" is registered');
RESET ROLE;
SELECT is((SELECT origin::text FROM grid.returnee WHERE name = '李四'), '4201',
          'from the epicentre, Wuhan (4201)');
SELECT is((SELECT period_start FROM grid.key_person WHERE resident_id = pg_temp.rid('42050319800101004')
              AND category = 'epicentre_returnee' AND status = 'open'), DATE '2020-02-09',
          'and under observation from the day of arrival, as one registered with a code');
SELECT count(grid.register_returnee('返' || i, '420503004001', '2020-02-09', o)) AS registered
  FROM unnest(ARRAY['湖北省武汉市江汉区', '汉口', '武昌', '从武汉回来', '420103', '广东深圳', '宜昌市伍家岗区']) WITH ORDINALITY o(o, i) \gset
SELECT is(ARRAY(SELECT r.name || ' ' || coalesce(r.origin::text, '') || ' ' || coalesce(r.origin_text, '')
                  FROM grid.returnee r WHERE r.name ~ '^返[0-9]$' ORDER BY r.name),
          ARRAY['返1 4201 湖北省武汉市江汉区', '返2 4201 汉口', '返3 4201 武昌', '返4 4201 从武汉回来', '返5 420103 ',
                '返6  广东深圳', '返7  宜昌市伍家岗区'],
          'a text naming Wuhan is the epicentre, the text kept; other places stay text');
SELECT is((SELECT new_from_epicentre FROM grid.report_returnees('2020-02-09', '420503004001') WHERE division = '420503004001'),
          6::bigint, 'the returnee report counts the six from the epicentre');
SELECT throws_ok($$SELECT grid.register_returnee('返八', '420503004001', '2020-02-09', '42010')$$, '22P02', NULL,
                 'a number that is no division code is refused, not kept as text');
SELECT throws_ok($$SELECT grid.register_returnee('返九', '420503004001', '2020-02-09', '４２０１０２３')$$, '22P02', NULL,
                 'in full-width digits too');

-- ---------------------------------------------------------------- 5.
SELECT is((grid.parse_address('北京市朝阳区')).division, NULL,
          'an address in Beijing is in no division of the registry');
SELECT is((grid.parse_address('吉林省长春市朝阳区')).division, NULL,
          'nor one in Changchun');
SELECT is((grid.parse_address('北京市朝阳区朝阳村3号')).division, NULL,
          'nor a village of Beijing named as one of Yichang''s');
SELECT is((grid.parse_address('北京市朝阳区')).rest, '北京市朝阳区',
          'the names it could not place are kept as the rest');
SELECT isnt((grid.parse_address('宜昌市伍家岗区宝塔河街道')).division, NULL,
          'Yichang''s own city prefix still reads');
SELECT isnt((grid.parse_address('湖北省宜昌市伍家岗区')).division, NULL,
          'and so does its province''s');
SELECT isnt((grid.parse_address('长阳界岭村12-3-503')).division, NULL,
          'a short form run together still reads');

-- ---------------------------------------------------------------- 6.
SET LOCAL ROLE aa_all;
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate, temperature)
VALUES ('901', '2020-02-11 10:00', 'in', '司机甲', '湖北A12345', '36.5'),
       ('901', '2020-02-11 10:01', 'in', '司机乙', '12345', '36.5');
SELECT (grid.ingest_checkpoint('plates')).rejected AS plates_rejected \gset
RESET ROLE;
SELECT is(:plates_rejected, 1, 'a plate of no province (12345) is rejected');
SELECT is((SELECT reason FROM grid.ingest_reject WHERE raw ->> 'vehicle_plate' = '12345'),
          'unreadable vehicle_plate: 12345', 'with the reason');
SELECT is((SELECT array_agg(vehicle_plate || ' ' || from_epicentre) FROM grid.checkpoint_passage
            WHERE person IN ('司机甲', '司机乙')),
          ARRAY['鄂A12345 true'], 'a plate with its province written in full is read as Wuhan''s 鄂A, from the epicentre');
SELECT is(ARRAY(SELECT grid.read_plate(p) FROM unnest(ARRAY['鄂A12345', 'ｅ鄂a·12345', '鄂 AD12345', '鄂A12345D', '鄂E1234挂',
                                                          '使014578', 'WJ鄂1234X', 'VA12345', '湖北省E12345',
                                                          '广西壮族自治区B12345']) p),
          ARRAY['鄂A12345', NULL, '鄂AD12345', '鄂A12345D', '鄂E1234挂', '使014578', 'WJ鄂1234X', 'VA12345', '鄂E12345',
                '桂B12345'],
          'grid.read_plate reads the forms of GA 36');
SELECT is(ARRAY(SELECT grid.read_plate(p) FROM unnest(ARRAY['12345', 'ABC', '鄂I12345', '鄂A1234', '鄂A1234567',
                                                          '港A12345', '北京']) p),
          ARRAY[NULL, NULL, NULL, NULL, NULL, NULL, NULL]::text[],
          'and nothing else: no province, I or O, too short, too long, no such province');
SELECT throws_ok($$SELECT grid.register_returnee('返十', '420503004001', '2020-02-09', '420102', vehicle_plate => '12345')$$,
                 '22P02', 'invalid vehicle plate: "12345"', 'a returnee''s plate that is none is refused');
SELECT grid.register_returnee('返十一', '420503004001', '2020-02-09', '420102', vehicle_plate => '湖北 a12345') AS plated \gset
SELECT is((SELECT vehicle_plate FROM grid.returnee WHERE id = :plated),
          '鄂A12345', 'and one read right is stored as read');

SELECT * FROM finish();
ROLLBACK;
