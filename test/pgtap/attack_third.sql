-- pgTAP: a third round of attacks on grid, and inputs read wrong without a
-- word.
--
-- 1. SMS words passed over in silence.  "36.5 cough" was stored as a report
--    with no symptom: English words were neither read nor refused, nor
--    were words the parser did not know ("36.5 头胀", an emoji).  English
--    words are read (in any case, full-width too), more Chinese phrasings
--    are (头晕, 喘不上气, 浑身疼), and a message with a word that is neither
--    read nor a name is rejected, naming it.
-- 2. A reading the text contradicts.  "36.5 高于正常" ("above normal") was
--    stored as a normal report.  Above normal (偏高, 高于正常, high) or a
--    fever (有点烧) with a reading below 37.3, below normal with one of
--    36.0 or more, not normal (异常, 不正常) with a normal reading and no
--    symptom: rejected with the reason.
-- 3. A checkpoint's yes-or-no fields read the voice robot's keypad 2 as no:
--    "2" (a count, a mistyped field) in pass_checked was stored as "not
--    checked".  Those fields read yes or no (and 1/0); 2 is rejected.
-- 4. Numbers of one's choosing.  A village role given every table
--    privilege filed a household, an address, a house or a unit under a
--    number of its choosing: 23505 for another village's number, success
--    for an unused one, so it learnt which numbers other villages hold.
--    The registry's numbers come from their sequences only, as the key
--    persons' do (grid.numbered_by_sequence), and so do those of the
--    source batches and records, the rejects and the look-up audit.  And
--    a row naming an address or a household (a household's, a house's, a
--    unit's or a resident's) names one the writer sees: the foreign key
--    told a hidden one from a missing one, and tied rows across villages.
--
-- 5. A returnee's origin: "不是武汉" (not Wuhan) was read as Wuhan (an
--    epicentre returnee), "Wuhan" as somewhere else (none).
--
-- Village A 王家河社区 420503004001 holds households 801, 802 and addresses
-- 9001, 9002 (reports_fixture.inc); B 白沙脑社区 420503004002 attacks.
BEGIN;
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = error;
\ir reports_fixture.inc
SELECT plan(44);

CREATE ROLE at3_b LOGIN;         -- village B: every table privilege, EXECUTE on every function
GRANT grid_reader, grid_ingest TO at3_b;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO at3_b;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO at3_b;
SELECT grid.grant_scope('at3_b', '420503004002') IS NULL AS granted \gset

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

-- What grid.parse_sms makes of a message: the reading, the symptoms, or the error.
CREATE FUNCTION pg_temp.sms(m text) RETURNS text LANGUAGE sql AS $$
    SELECT m || ': ' || coalesce((r).temperature::text || ' ' || array_to_string((r).symptoms, ',')
                                 || CASE WHEN (r).normal THEN ' normal' ELSE '' END,
                                 (r).error)
      FROM (SELECT grid.parse_sms(m) AS r) p
$$;

-- ---------------------------------------------------------------- 1.
SELECT is(ARRAY(SELECT pg_temp.sms(m) FROM unnest(ARRAY['36.5 cough', '36.5 Cough', '36.5 COUGH', '36.5 ｃｏｕｇｈ',
                                                          '36.5 sore throat, runny nose', '38.2 fever and headache',
                                                          '36.5 no cough or fever', '36.5 tired', '36.5 normal',
                                                          '36.5 not well']) m),
          ARRAY['36.5 cough: 36.5 cough', '36.5 Cough: 36.5 cough', '36.5 COUGH: 36.5 cough', '36.5 ｃｏｕｇｈ: 36.5 cough',
                '36.5 sore throat, runny nose: 36.5 sore_throat,runny_nose', '38.2 fever and headache: 38.2 fever,headache',
                '36.5 no cough or fever: 36.5 ', '36.5 tired: 36.5 fatigue', '36.5 normal: 36.5  normal',
                '36.5 not well: 36.5 unspecified'],
          'English symptom words are read, in any case and full-width, with their negation');
SELECT is(ARRAY(SELECT pg_temp.sms(m) FROM unnest(ARRAY['36.5 嗓子疼', '36.5 头晕', '36.5 拉肚子', '36.5 喘不上气', '36.5 发冷',
                                                          '36.5 流鼻涕', '36.5 浑身疼', '36.5 没精神']) m),
          ARRAY['36.5 嗓子疼: 36.5 sore_throat', '36.5 头晕: 36.5 unspecified', '36.5 拉肚子: 36.5 diarrhoea',
                '36.5 喘不上气: 36.5 breathing', '36.5 发冷: 36.5 chills', '36.5 流鼻涕: 36.5 runny_nose',
                '36.5 浑身疼: 36.5 muscle_pain', '36.5 没精神: 36.5 fatigue'],
          'common Chinese phrasings of the symptoms are read as the symptom codes of grid.symptom_codes()');
SELECT is(ARRAY(SELECT pg_temp.sms(m) FROM unnest(ARRAY['36.5 sneezing', '36.5 头胀', '36.5 🤒', '正常，头胀',
                                                          '36.5 ' || repeat('x', 500)]) m),
          ARRAY['36.5 sneezing: words not understood: sneezing', '36.5 头胀: words not understood: 头胀',
                '36.5 🤒: words not understood: 🤒', '正常，头胀: words not understood: 头胀',
                '36.5 ' || repeat('x', 500) || ': words not understood: ' || repeat('x', 20) || '…'],
          'a word neither read nor a name rejects the message, named and cut short');
SELECT ok((SELECT bool_and((grid.parse_sms(m)).symptoms <@ grid.symptom_codes())
             FROM unnest(ARRAY['36.5 cough', '36.5 头晕', '36.5 not well', '36.5 short of breath']) m),
          'every symptom read is a code of grid.symptom_codes()');

-- Through village B's SMS gateway (r07 孙七, 13900000007).
SET LOCAL ROLE at3_b;
SELECT is((SELECT s.outcome FROM grid.submit('sms', '{"phone": "13900000007", "sent_at": "2020-02-11 09:00", "message": "36.5 cough"}') s),
          'stored', 'village B''s SMS "36.5 cough" is stored');
SELECT is((SELECT s.outcome || ': ' || s.reason FROM grid.submit('sms', '{"phone": "13900000007", "sent_at": "2020-02-11 09:10", "message": "36.5 头胀"}') s),
          'rejected: unreadable message: words not understood: 头胀', 'and "36.5 头胀" is rejected, naming the word');
RESET ROLE;
SELECT is((SELECT h.symptoms FROM grid.health_report h
            WHERE h.resident_id = pg_temp.rid('42050319800101007') AND h.channel = 'sms'
              AND h.reported_at = '2020-02-11 09:00+08'), '{cough}'::text[],
          'with the symptom cough');

-- ---------------------------------------------------------------- 2.
SELECT is(ARRAY(SELECT pg_temp.sms(m) FROM unnest(ARRAY['36.5 高于正常', '36.5 偏高', '36.5 正常偏高', '36.5 有点烧',
                                                          '36.5 不正常', '36.5 不太正常', '36.5 异常', '36.5 a bit high',
                                                          '36.5 体温偏低']) m),
          ARRAY['36.5 高于正常: the reading 36.5 contradicts the text: 高于正常',
                '36.5 偏高: the reading 36.5 contradicts the text: 偏高',
                '36.5 正常偏高: the reading 36.5 contradicts the text: 偏高',
                '36.5 有点烧: the reading 36.5 contradicts the text: 烧',
                '36.5 不正常: the reading 36.5 contradicts the text: 不正常',
                '36.5 不太正常: the reading 36.5 contradicts the text: 不太正常',
                '36.5 异常: the reading 36.5 contradicts the text: 异常',
                '36.5 a bit high: the reading 36.5 contradicts the text: high',
                '36.5 体温偏低: the reading 36.5 contradicts the text: 偏低'],
          'a normal reading the text says is not normal is rejected with the reason, never read as normal');
SELECT is(ARRAY(SELECT pg_temp.sms(m) FROM unnest(ARRAY['37.8 高于正常', '37.6 有点烧', '体温不正常 37.9', '35.6 偏低',
                                                          '36.5 咳嗽 不正常', '36.5 没异常']) m),
          ARRAY['37.8 高于正常: 37.8 ', '37.6 有点烧: 37.6 fever', '体温不正常 37.9: 37.9 ', '35.6 偏低: 35.6 ',
                '36.5 咳嗽 不正常: 36.5 cough', '36.5 没异常: 36.5  normal'],
          'and one the text agrees with is read');
SELECT is(ARRAY(SELECT (grid.parse_sms(m)).normal FROM unnest(ARRAY['正常偏高', '体温偏高', '正常，有点烧']) m),
          ARRAY[false, false, false], 'without a reading, "normal" said beside "above normal" is no report of normal');
SET LOCAL ROLE at3_b;
SELECT is((SELECT s.outcome || ': ' || s.reason FROM grid.submit('sms', '{"phone": "13900000007", "sent_at": "2020-02-11 09:20", "message": "36.5 高于正常"}') s),
          'rejected: unreadable message: the reading 36.5 contradicts the text: 高于正常',
          'village B''s SMS "36.5 高于正常" is rejected with the reason');
SELECT is((SELECT s.outcome || ': ' || s.reason FROM grid.submit('sms', '{"phone": "13900000007", "sent_at": "2020-02-11 09:30", "message": "正常偏高"}') s),
          'rejected: unreadable message: no temperature in the message',
          'and "正常偏高" without a reading is no report of normal');
RESET ROLE;

-- ---------------------------------------------------------------- 3.
SELECT is(ARRAY[grid.read_yes_no('2'), grid.read_yes_no('2', true), grid.read_yes_no('2', false),
                grid.read_yes_no('1', false), grid.read_yes_no('0', false), grid.read_yes_no('否', false)],
          ARRAY[false, false, NULL, true, false, false],
          'the keypad 2 is no only where the field is a keypad answer');
-- Checkpoint 901 is village A's: its team ingests it.
CREATE ROLE at3_a LOGIN;
GRANT grid_reader, grid_ingest TO at3_a;
SELECT grid.grant_scope('at3_a', '420503004001') IS NULL AS granted \gset
SET LOCAL ROLE at3_a;
INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, temperature, pass_checked, from_epicentre, turned_back)
VALUES ('901', '2020-02-11 10:00', 'in', '司机丙', '36.5', '2', NULL, NULL),
       ('901', '2020-02-11 10:01', 'in', '司机丁', '36.5', NULL, '2', NULL),
       ('901', '2020-02-11 10:02', 'in', '司机戊', '36.5', NULL, NULL, '2'),
       ('901', '2020-02-11 10:03', 'in', '司机己', '36.5', '1', '0', '否');
SELECT (grid.ingest_checkpoint('keypad')).rejected AS keypad_rejected \gset
RESET ROLE;
SELECT is(:keypad_rejected, 3, 'a checkpoint''s yes-or-no field given as 2 is rejected, not read as no');
SELECT is(ARRAY(SELECT reason FROM grid.ingest_reject WHERE raw ->> 'person' LIKE '司机%' ORDER BY raw ->> 'person'),
          ARRAY['unreadable from_epicentre: 2', 'unreadable pass_checked: 2', 'unreadable turned_back: 2'],
          'with the reason naming the field');
SELECT is((SELECT (pass_checked, from_epicentre, turned_back) FROM grid.checkpoint_passage WHERE person = '司机己'),
          (true, false, false), 'while yes and no as the fields document them are read');

-- ---------------------------------------------------------------- 4.
-- A house and a unit of village A, filed by an administrator.
INSERT INTO grid.house (id, division, address_id) VALUES (7001, '420503004001', 9001);
INSERT INTO grid.work_unit (id, division, name) VALUES (7101, '420503004001', '王家河超市');

SET LOCAL ROLE at3_b;
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.household (id, division) VALUES (801, '420503004002')$$),
                pg_temp.attempt($$INSERT INTO grid.household (id, division) VALUES (899, '420503004002')$$)],
          ARRAY['42501', '42501'],
          'a household under another village''s number and one under an unused number get the same answer');
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.standard_address (id, division, full_text) VALUES (9001, '420503004002', '试探')$$),
                pg_temp.attempt($$INSERT INTO grid.standard_address (id, division, full_text) VALUES (9099, '420503004002', '试探')$$)],
          ARRAY['42501', '42501'], 'so do two addresses');
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.house (id, division, address_id) VALUES (7001, '420503004002', 9001)$$),
                pg_temp.attempt($$INSERT INTO grid.house (id, division, address_id) VALUES (7099, '420503004002', 9001)$$)],
          ARRAY['42501', '42501'], 'two houses');
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.work_unit (id, division, name) VALUES (7101, '420503004002', '试探')$$),
                pg_temp.attempt($$INSERT INTO grid.work_unit (id, division, name) VALUES (7199, '420503004002', '试探')$$)],
          ARRAY['42501', '42501'], 'and two units');
SELECT is(pg_temp.attempt($$INSERT INTO grid.household (division) VALUES ('420503004002')$$), 'ok',
          'a household numbered by its sequence is stored');
SELECT is(pg_temp.attempt($$UPDATE grid.household SET id = 801 WHERE division = '420503004002'$$), '42501',
          'and keeps its number');
SELECT is(pg_temp.attempt($$INSERT INTO grid.standard_address (division, full_text) VALUES ('420503004002', '白沙脑路1号')$$), 'ok',
          'an address numbered by its sequence is stored');
SELECT is(pg_temp.attempt($$INSERT INTO grid.house (division, address_id) VALUES ('420503004002', currval('grid.standard_address_id_seq'))$$), '42501',
          'the village cannot read the sequence, even its own last number');
SELECT is(pg_temp.attempt($$INSERT INTO grid.work_unit (division, name) VALUES ('420503004002', '白沙脑超市')$$), 'ok',
          'a unit numbered by its sequence is stored');
SELECT is(pg_temp.attempt($$INSERT INTO grid.source_batch (id, source, division) VALUES (1, 'probe', '420503004002')$$), '42501',
          'a source batch under a number of its choosing is refused');
SELECT is(pg_temp.attempt($$INSERT INTO grid.source_record (record_id, batch_id, division, raw) VALUES (1, 1, '420503004002', '{}')$$), '42501',
          'so is a source record');
SELECT is(pg_temp.attempt($$INSERT INTO grid.lookup_audit (id, role, login, kind) OVERRIDING SYSTEM VALUE VALUES (1, 'at3_b', 'at3_b', 'probe')$$), '42501',
          'so is a look-up audit entry');
RESET ROLE;
SELECT is((SELECT count(*) FROM grid.household WHERE division = '420503004002')::integer, 1,
          'village B holds the one household it filed');
SELECT is((SELECT count(*) FROM grid.household WHERE id IN (801, 802) AND division = '420503004001')::integer, 2,
          'and village A''s are untouched');
-- The foreign keys: a household, house or unit at another village's
-- address, or a resident of another village's household, was stored (and
-- one at a missing address refused with 23503): the keys answered which
-- addresses and households exist elsewhere, and tied B's rows to A's.
SET LOCAL ROLE at3_b;
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.household (division, address_id) VALUES ('420503004002', 9001)$$),
                pg_temp.attempt($$INSERT INTO grid.household (division, address_id) VALUES ('420503004002', 9099)$$)],
          ARRAY['42501', '42501'],
          'a household at another village''s address and one at a missing address get the same refusal');
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.house (division, address_id) VALUES ('420503004002', 9001)$$),
                pg_temp.attempt($$INSERT INTO grid.house (division, address_id) VALUES ('420503004002', 9099)$$)],
          ARRAY['42501', '42501'], 'so do two houses');
SELECT is(ARRAY[pg_temp.attempt($$INSERT INTO grid.work_unit (division, name, address_id) VALUES ('420503004002', '试探', 9001)$$),
                pg_temp.attempt($$INSERT INTO grid.work_unit (division, name, address_id) VALUES ('420503004002', '试探', 9099)$$)],
          ARRAY['42501', '42501'], 'two units');
SELECT is(ARRAY[pg_temp.attempt(format($$INSERT INTO grid.resident (id, name, division, household_id) VALUES (%L, '试探', '420503004002', 801)$$, pg_temp.rid('42050319900101001'))),
                pg_temp.attempt(format($$INSERT INTO grid.resident (id, name, division, household_id) VALUES (%L, '试探', '420503004002', 899)$$, pg_temp.rid('42050319900101002')))],
          ARRAY['42501', '42501'], 'and two residents of households');
SELECT is(ARRAY[pg_temp.attempt(format($$INSERT INTO grid.resident (id, name, division, address_id) VALUES (%L, '试探', '420503004002', 9001)$$, pg_temp.rid('42050319900101001'))),
                pg_temp.attempt(format($$INSERT INTO grid.resident (id, name, division, address_id) VALUES (%L, '试探', '420503004002', 9099)$$, pg_temp.rid('42050319900101002')))],
          ARRAY['42501', '42501'], 'and at addresses');
SELECT is(pg_temp.attempt($$UPDATE grid.household SET address_id = 9001 WHERE division = '420503004002'$$), '42501',
          'nor does a household of its own move to another village''s address');
SELECT is(pg_temp.attempt($$INSERT INTO grid.house (division, address_id)
                              SELECT '420503004002', a.id FROM grid.standard_address a WHERE a.full_text = '白沙脑路1号'$$), 'ok',
          'a house at an address of its own is stored');
RESET ROLE;

-- A resident's household (户籍) may lie in another village: the village
-- still updates him, as long as the household stays the one he had.
INSERT INTO grid.resident (id, name, phones, household_id, division, cell)
VALUES (pg_temp.rid('42050319900101003'), '户在甲', '{}', 801, '420503004002', '420503004002001');
SET LOCAL ROLE at3_b;
SELECT is(pg_temp.attempt(format($$UPDATE grid.resident SET status = 'away' WHERE id = %L$$, pg_temp.rid('42050319900101003'))), 'ok',
          'a village updates its resident whose household lies in another village');
SELECT is(pg_temp.attempt(format($$UPDATE grid.resident SET household_id = 802 WHERE id = %L$$, pg_temp.rid('42050319900101003'))), '42501',
          'but does not move him into another of that village''s households');
RESET ROLE;

-- ---------------------------------------------------------------- 5.
-- A returnee's origin as text: "不是武汉" (not Wuhan) was read as Wuhan,
-- and "Wuhan" in Latin letters as somewhere else.
SELECT is(ARRAY(SELECT coalesce(pg_temp.attempt(format($$SELECT grid.register_returnee(%L, '420503004001', '2020-02-09', %L)$$, '返' || o, o)), '')
                  FROM unnest(ARRAY['不是武汉', '非武汉', '没去过武汉', '武汉周边', '途经武汉', '武汉附近']) o),
          ARRAY['22023', '22023', '22023', '22023', '22023', '22023'],
          'an origin that names Wuhan only to deny it, or to place itself near or through it, is refused, not read as Wuhan');
SELECT lives_ok($$SELECT grid.register_returnee('返拉丁', '420503004001', '2020-02-09', 'Wuhan')$$, 'an origin in Latin letters is taken');
SELECT lives_ok($$SELECT grid.register_returnee('返汉口', '420503004001', '2020-02-09', 'HANKOU, Hubei')$$, 'in any case');
SELECT is(ARRAY(SELECT r.name || ' ' || coalesce(r.origin::text, '') FROM grid.returnee r
                 WHERE r.name IN ('返拉丁', '返汉口') ORDER BY r.name),
          ARRAY['返拉丁 4201', '返汉口 4201'], 'and read as the epicentre');

-- The class: every table of grid numbered by a sequence that a role other
-- than an administrator may write has its numbers from the sequence only.
SELECT is(ARRAY(SELECT c.oid::regclass::text
                  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'r'
                   AND (a.attidentity <> '' OR pg_get_serial_sequence(c.oid::regclass::text, a.attname) IS NOT NULL)
                   AND EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polcmd IN ('a', '*'))
                   AND EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique
                                  AND i.indnatts = 1 AND i.indkey[0] = a.attnum)
                   AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'numbered_by_sequence')
                 ORDER BY 1), '{}',
          'every table keyed by its sequence number alone that non-administrators write is numbered by the sequence only');

SELECT * FROM finish();
ROLLBACK;
