-- Matching: grid.find_resident by every route, the candidates' plans, and
-- grid.link_batch's decisions on a small labelled fixture.
SET search_path = public, grid;
SET DateStyle = 'ISO, YMD';
\set ON_ERROR_ROLLBACK on
SET extra_float_digits = 0;
BEGIN;

-- The fixture: seven residents at three addresses.  Two men named 张伟 (and
-- a 张炜 born the same day as one of them), a family sharing a phone.
INSERT INTO grid.standard_address (id, division, road, number, estate, building, unit, room, full_text) VALUES
 (910001, '420503004001', NULL, NULL, '万达广场', '3', '2', '501', '湖北省宜昌市伍家岗区伍家岗街道王家河社区万达广场3栋2单元501室'),
 (910002, '420502002021', '解放路', '12', NULL, NULL, NULL, NULL, '湖北省宜昌市西陵区西陵街道中书街社区解放路12号'),
 (910003, '420504001203', NULL, '12', '张家湾', NULL, NULL, NULL, '湖北省宜昌市点军区点军街道范家湖村张家湾12号');
CREATE TEMP TABLE fixture (tag text PRIMARY KEY, id text, name text, phones text[], address_id bigint, division text);
INSERT INTO fixture VALUES
 ('R1', grid.synth_with_check('42050319800101001'), '张伟', '{13800000001}', 910001, '420503004001'),
 ('R2', grid.synth_with_check('42050219850615003'), '张伟', '{13800000011}', 910002, '420502002021'),
 ('R3', grid.synth_with_check('42050319900307002'), '陈君', '{}', 910001, '420503004001'),
 ('R4', grid.synth_with_check('42050219610927005'), '刘德华', '{13900000004}', 910002, '420502002021'),
 ('R5', grid.synth_with_check('42050419751201006'), '覃小红', '{15800000005}', 910003, '420504001203'),
 ('R6', grid.synth_with_check('42050219800101007'), '张炜', '{13800000066}', 910002, '420502002021'),
 ('R7', grid.synth_with_check('42050420010520008'), '王芳', '{}', 910003, '420504001203');
INSERT INTO grid.resident (id, name, phones, address_id, division)
SELECT id, name, phones, address_id, division::grid.division_code FROM fixture;
SELECT grid.refresh_name_frequency() AS residents;
-- Only names at least 10 residents share are counted (k-anonymity): here
-- none, so every name weighs as a rare one.
SELECT kind, key, n FROM grid.name_frequency ORDER BY kind, key;
SELECT f.tag, r.id, r.name, r.sex, r.birth_date, r.name_pinyin, r.name_fuzzy
  FROM fixture f JOIN grid.resident r ON r.id = f.id::grid.resident_id ORDER BY f.tag;

-- find_resident, route by route.  An exact ID answers alone, from the key.
SELECT resident_id, resident_name, score, explanation -> 'keys' AS keys, explanation -> 'id' AS id
  FROM grid.find_resident(grid.synth_with_check('42050219610927005'));
-- ... typed with full-width digits, or as the 15-digit first generation
SELECT resident_id, resident_name, explanation -> 'keys' AS keys
  FROM grid.find_resident(translate(grid.synth_with_check('42050419751201006'), '0123456789', '０１２３４５６７８９'));
SELECT resident_id, resident_name, explanation -> 'keys' AS keys FROM grid.find_resident('420503900307002');
-- A mistyped ID (wrong sequence digit): candidates share its address code
-- and birth date; the one a digit away scores highest.
SELECT resident_id, resident_name, score, explanation -> 'keys' AS keys, explanation -> 'id' AS id
  FROM grid.find_resident('420503198001010028', '张伟');
-- Name and birth date: both 张伟 born that day, and the homophone 张炜.
SELECT resident_id, resident_name, score, explanation -> 'keys' AS keys, explanation -> 'name' AS name
  FROM grid.find_resident(NULL, '张伟', birth_date => '1980-01-01');
-- Phone, written any way.
SELECT resident_id, resident_name, score, explanation -> 'keys' AS keys
  FROM grid.find_resident(NULL, NULL, '+86 139-0000-0004');
-- A homophone name inside the community the address names.
SELECT resident_id, resident_name, score, explanation -> 'keys' AS keys, explanation -> 'address' AS address
  FROM grid.find_resident(NULL, '陈军', NULL, '伍家岗区王家河社区万达广场3-2-501');
-- Fuzzy pinyin (n for l, as Hubei speakers say it) and a traditional name.
SELECT resident_id, resident_name, explanation -> 'name' AS name
  FROM grid.find_resident(NULL, '牛德华', '13900000004');
SELECT resident_id, resident_name, explanation -> 'name' AS name
  FROM grid.find_resident(NULL, '覃小紅', NULL, '点军区范家湖村');
-- Nobody: an unknown person gives no rows.
SELECT count(*) AS found FROM grid.find_resident(NULL, '欧阳修', '18900000000');
-- max_results limits the list.
SELECT count(*) AS found FROM grid.find_resident(NULL, '张伟', max_results => 1, birth_date => '1980-01-01');
-- Every argument is optional: named arguments alone, without the ID.
SELECT resident_id, resident_name, explanation -> 'keys' AS keys
  FROM grid.find_resident(name => '张伟', birth_date => '1980-01-01');
-- A name within a district (below the city): the name_division key.
SELECT resident_id, resident_name, explanation -> 'keys' AS keys
  FROM grid.find_resident(name => '张伟', address => '伍家岗区');
-- Every look-up was audited.
SELECT kind, query, results FROM grid.lookup_audit WHERE kind = 'find_resident' ORDER BY id;

-- Errors.
\set VERBOSITY terse
SELECT * FROM grid.find_resident(NULL);
SELECT * FROM grid.find_resident('', '  ');
SELECT * FROM grid.find_resident('420503198001010018', max_results => 0);
SELECT * FROM grid.find_resident('420503198001010018', max_results => 1000);
\set VERBOSITY default
\set SHOW_CONTEXT never
-- A name alone, even the exact registered name, gives no blocking key:
-- refused with what else is needed, never an empty answer.
SELECT * FROM grid.find_resident(name => '张伟');
SELECT * FROM grid.find_resident(NULL, '张伟');
-- ... nor does a name with an address that names only the city
SELECT * FROM grid.find_resident(name => '张伟', address => '宜昌市');
-- ... nor a few digits of an ID with a name
SELECT * FROM grid.find_resident('4205031980', '张伟');
\set SHOW_CONTEXT errors

-- A look-alike character (玉 for 王, the same four-corner code) is a near
-- match, not a disagreement.
SELECT resident_id, resident_name, explanation -> 'name' AS name
  FROM grid.find_resident(grid.synth_with_check('42050420010520008'), '玉芳');
-- An ID typed with two digits of the birth date swapped (1201 as 2101, an
-- impossible month): found through the IDs one typo away, and its birth
-- date is not counted against the person.
SELECT grid.id_neighbours(overlay(grid.synth_with_check('42050419751201006') PLACING '21' FROM 11 FOR 2))
       @> ARRAY[grid.synth_with_check('42050419751201006')] AS true_id_among_neighbours;
SELECT resident_id, resident_name, score, explanation -> 'keys' AS keys, explanation -> 'id' AS id,
       explanation -> 'birth_date' AS birth_date
  FROM grid.find_resident(overlay(grid.synth_with_check('42050419751201006') PLACING '21' FROM 11 FOR 2), '覃小红');

-- Phones are stored normalised, whatever a loader writes.
INSERT INTO grid.resident (id, name, phones, address_id, division) VALUES
 (grid.synth_with_check('42050219700101011'), '周杰', '{"137 0000 0009", "+86-13700000009", "13700000009"}', 910002, '420502002021'),
 (grid.synth_with_check('42050219720202022'), '吴芳', '{"137-0000-0009"}', NULL, '420504101205');
INSERT INTO fixture VALUES
 ('R8', grid.synth_with_check('42050219700101011'), '周杰', '{13700000009}', 910002, '420502002021'),
 ('R9', grid.synth_with_check('42050219720202022'), '吴芳', '{13700000009}', NULL, '420504101205');
SELECT f.tag, r.phones FROM fixture f JOIN grid.resident r ON r.id = f.id::grid.resident_id WHERE f.tag IN ('R8', 'R9') ORDER BY 1;
\set VERBOSITY terse
INSERT INTO grid.resident (id, name, phones, division) VALUES
 (grid.synth_with_check('42050219700101033'), '郑和', '{"call me"}', '420502002021');
UPDATE grid.resident SET phones = '{12345}' WHERE id = grid.synth_with_check('42050219700101011')::grid.resident_id;
\set VERBOSITY default
-- A phone a household shares: each holder, and the list of them.
SELECT resident_id, resident_name, score, explanation -> 'phone' AS phone, explanation -> 'phone_holders' AS holders
  FROM grid.find_resident(phone => '13700000009');
-- A village name alone is ambiguous (七里村 is in 点军区 and in 远安县): the
-- name settles it.  吴芳 has no standard address: her division is compared.
SELECT resident_id, resident_name, explanation -> 'keys' AS keys, explanation -> 'address' AS address
  FROM grid.find_resident(name => '吴芳', address => '七里村');
-- A phone one resident holds: near-certain.
SELECT resident_id, resident_name, score, explanation -> 'phone' AS phone
  FROM grid.find_resident(phone => '158-0000-0005');

-- Linking a batch: each record's expected decision and resident.
INSERT INTO grid.source_batch (id, source, division, label) VALUES (910001, 'survey', '4205', 'labelled fixture');
CREATE TEMP TABLE labelled (n int, expected text, truth text, raw jsonb);
INSERT INTO labelled VALUES
 ( 1, 'link', 'R4', jsonb_build_object('id', grid.synth_with_check('42050219610927005'), 'name', '刘德华')),
 ( 2, 'link', 'R5', jsonb_build_object('id', translate(grid.synth_with_check('42050419751201006'), '0123456789', '０１２３４５６７８９'), 'name', '覃小紅')),
 ( 3, 'link', 'R1', jsonb_build_object('id', '420503198001010028', 'name', '张伟', 'phone', '138 0000 0001')),
 ( 4, 'link', 'R3', jsonb_build_object('id', '420503900307002', 'name', '陈君')),
 ( 5, 'review', 'R3', jsonb_build_object('name', '陈军', 'address', '伍家岗区王家河社区万达广场3-2-501')),
 ( 6, 'link', 'R4', jsonb_build_object('name', '刘德华', 'phone', '139-0000-0004')),
 ( 7, 'no_link', NULL, jsonb_build_object('id', grid.synth_with_check('42050319950505001'), 'name', '赵四', 'phone', '18900000000')),
 ( 8, 'review', 'R1', jsonb_build_object('name', '张伟', 'birth_date', '1980-01-01')),
 ( 9, 'link', 'R7', jsonb_build_object('id', overlay(grid.synth_with_check('42050420010520008') PLACING '80' FROM 16 FOR 2), 'name', '王芳')),
 (10, 'link', 'R4', jsonb_build_object('name', '牛德华', 'phone', '13900000004', 'address', '西陵区中书街社区解放路12号')),
 -- one resident's phone with a name that disagrees: someone of the
 -- household may use it, a reviewer decides
 (11, 'review', NULL, jsonb_build_object('name', '李娜', 'phone', '13800000011')),
 -- a registered ID alone links; with a name that disagrees, review
 (12, 'link', 'R2', jsonb_build_object('id', grid.synth_with_check('42050219850615003'))),
 (13, 'review', 'R2', jsonb_build_object('id', grid.synth_with_check('42050219850615003'), 'name', '李娜')),
 -- an ID with two digits of the birth date swapped: impossible (month 21),
 -- or possible but wrong (05-20 as 05-02), counted once
 (14, 'link', 'R5', jsonb_build_object('id', overlay(grid.synth_with_check('42050419751201006') PLACING '21' FROM 11 FOR 2), 'name', '覃小红')),
 (15, 'link', 'R7', jsonb_build_object('id', overlay(grid.synth_with_check('42050420010520008') PLACING '02' FROM 13 FOR 2), 'name', '王芳')),
 -- a phone alone: one resident's links; a household's goes to review
 (16, 'link', 'R5', jsonb_build_object('phone', '158 0000 0005')),
 (17, 'review', 'R8', jsonb_build_object('phone', '13700000009')),
 -- a short address: the district's short form and the village run together
 (18, 'review', 'R5', jsonb_build_object('name', '覃小红', 'address', '点军范家湖村')),
 -- a look-alike character with a registered ID
 (19, 'link', 'R7', jsonb_build_object('id', grid.synth_with_check('42050420010520008'), 'name', '玉芳')),
 -- one character of the name mistyped is no contradiction of the ID
 (20, 'link', 'R4', jsonb_build_object('id', grid.synth_with_check('42050219610927005'), 'name', '刘德平')),
 -- an SMS as the gateway delivers it, from a household's phone: the name
 -- in the text tells its holders apart; without one, review lists them
 (21, 'link', 'R9', jsonb_build_object('phone', '13700000009', 'message', '吴芳 36.5')),
 (22, 'review', 'R8', jsonb_build_object('phone', '13700000009', 'message', '体温36.5 正常')),
 -- ... an ID in the text, from a number nobody registered
 (23, 'link', 'R2', jsonb_build_object('phone', '18900000001', 'message', grid.synth_with_check('42050219850615003') || ' 36.8')),
 -- a name that sounds as one holder's (吴方, 吴芳) and not the other's
 -- tells a household's phone apart, below the link threshold; not when
 -- another field contradicts it
 (24, 'link', 'R9', jsonb_build_object('phone', '13700000009', 'message', '吴方 36.5')),
 (25, 'review', 'R9', jsonb_build_object('phone', '13700000009', 'name', '吴方', 'birth_date', '1990-01-01')),
 -- a voice call made from the call list names the resident it asked for
 -- (callee) and the answer to "are you ...?": the callee, holding the
 -- number called, tells a household's phone apart; another member who
 -- answers, a callee who does not hold the number (though one resident
 -- does) and a callee that is no ID go to review
 (26, 'link', 'R9', jsonb_build_object('phone', '13700000009', 'callee', grid.synth_with_check('42050219720202022'), 'callee_answer', '1')),
 (27, 'review', NULL, jsonb_build_object('phone', '13700000009', 'callee', grid.synth_with_check('42050219720202022'), 'callee_answer', '2')),
 (28, 'review', NULL, jsonb_build_object('phone', '15800000005', 'callee', grid.synth_with_check('42050219610927005'))),
 (29, 'review', NULL, jsonb_build_object('phone', '13700000009', 'callee', '4205021972'));
INSERT INTO grid.source_record (record_id, batch_id, division, raw)
SELECT 910000 + n, 910001, '4205', raw FROM labelled;
SELECT * FROM grid.link_batch(910001);
SELECT lb.n, lb.expected, l.decision, f.tag AS linked_to, lb.truth, l.method, l.score,
       l.decision = lb.expected AND (l.decision = 'no_link' OR f.tag = lb.truth OR (lb.truth IS NULL AND l.decision = 'review')) AS as_expected
  FROM labelled lb
  JOIN grid.record_link l ON l.record_id = 910000 + lb.n
  LEFT JOIN fixture f ON f.id::grid.resident_id = l.resident_id
 ORDER BY lb.n;
-- The explanation of a decision: each field, the keys, the runner-up.
SELECT explanation FROM grid.record_link WHERE record_id = 910008;
-- A household's phone told apart by the name: the rule is said.
SELECT record_id, score, explanation ->> 'rule' AS rule, explanation #>> '{name,level}' AS name,
       explanation #>> '{phone,level}' AS phone, explanation #> '{runner_up,score}' AS runner_up
  FROM grid.record_link WHERE record_id IN (910021, 910024, 910026) ORDER BY record_id;
-- Why a record went to review.
SELECT record_id, explanation ->> 'reason' AS reason, explanation -> 'phone_holders' AS holders
  FROM grid.record_link WHERE decision = 'review' ORDER BY record_id;
-- What a voice record's callee came to.
SELECT record_id, decision, explanation -> 'callee' AS callee
  FROM grid.record_link WHERE record_id BETWEEN 910026 AND 910029 ORDER BY record_id;
-- Twenty-nine records are too few to estimate weights from: the fixed ones,
-- and the batch's row says why.
SELECT status, reason, records, pairs, iterations, weights FROM grid.batch_weights WHERE batch_id = 910001;
-- Linking looked the batch's 29 records up: one audit row.
SELECT kind, query, lookups, results, batch FROM grid.lookup_audit WHERE kind = 'link_batch' ORDER BY id;

-- A reviewer decides; linking again keeps the manual decision.
SELECT grid.decide_link(910005, (SELECT id::grid.resident_id FROM fixture WHERE tag = 'R3'), 'link');
SELECT grid.decide_link(910008, NULL, 'no_link');
SELECT * FROM grid.link_batch(910001);
SELECT record_id, decision, method, explanation -> 'previous' ->> 'decision' AS previous
  FROM grid.record_link WHERE record_id IN (910005, 910008) ORDER BY 1;
\set VERBOSITY terse
SELECT grid.decide_link(910005, NULL, 'maybe');
SELECT grid.decide_link(999999, NULL, 'no_link');
SELECT grid.decide_link(910005, grid.synth_with_check('42050319950505001')::grid.resident_id, 'link');
SELECT * FROM grid.link_batch(999999);
SELECT * FROM grid.link_batch(910001, 10, 20);
SELECT * FROM grid.link_batch(910001, weights => 'learned');
\set VERBOSITY default

-- Candidates come from indexes only, never a scan of the registry: the
-- plan for one record of each kind, on a registry of 20,000.
SELECT grid.synth_registry(20000, 1) AS generated;
CREATE TEMP TABLE q AS
SELECT grid.match_record('420503198001010028', '张伟', '13800000001', '伍家岗区王家河社区', NULL) AS r;
ANALYZE q;
EXPLAIN (COSTS OFF) SELECT c.* FROM q, LATERAL grid.resident_candidates(q.r) c;
-- No plan node reads the registry whole.
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP RETURN NEXT l; END LOOP;
END $$;
SELECT count(*) FILTER (WHERE p ~ 'Seq Scan on resident') AS registry_scans,
       count(*) FILTER (WHERE p ~ '(Index|Bitmap Heap) Scan .*on resident') AS registry_index_scans
  FROM pg_temp.plan_of('SELECT c.* FROM q, LATERAL grid.resident_candidates(q.r) c') AS p;
-- The same for the whole scored look-up, for a record without an ID.
TRUNCATE q;
INSERT INTO q SELECT grid.match_record(NULL, '陈军', '13800000001', '伍家岗区王家河社区', '1990-03-07');
SELECT count(*) FILTER (WHERE p ~ 'Seq Scan on (resident|standard_address)') AS registry_scans,
       count(*) FILTER (WHERE p ~ '(Index|Bitmap Heap) Scan .*on resident') AS registry_index_scans
  FROM pg_temp.plan_of('SELECT c.* FROM q, LATERAL grid.scored_candidates(q.r) c') AS p;
-- A valid ID: the primary key.
EXPLAIN (COSTS OFF) SELECT * FROM grid.resident WHERE id = '420503198001010018';
ROLLBACK;
