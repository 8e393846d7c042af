-- pgTAP: matching under row-level security (each jurisdiction finds and
-- links only its own residents), volatility as documented, the audit of
-- every look-up, and linking decisions over a generated registry.
BEGIN;
SELECT plan(82);
SET LOCAL search_path = public, grid;

-- Volatility, as each function's comment says.
SELECT volatility_is('grid', 'address_tokens', ARRAY['text'], 'immutable', 'address_tokens is IMMUTABLE (no table)');
SELECT volatility_is('grid', 'address_stem', ARRAY['text'], 'immutable', 'address_stem is IMMUTABLE (backs an index)');
SELECT volatility_is('grid', 'parse_address', ARRAY['text'], 'stable', 'parse_address is STABLE: it reads grid.division');
SELECT volatility_is('grid', 'match_record', ARRAY['text', 'text', 'text', 'text', 'date', 'text'], 'stable',
                     'match_record is STABLE: it reads grid.name_frequency');
SELECT volatility_is('grid', 'match_weights', ARRAY['match_record', 'resident', 'address_parts', 'integer'], 'immutable',
                     'match_weights is IMMUTABLE: values only');
SELECT volatility_is('grid', 'find_resident', ARRAY['text', 'text', 'text', 'text', 'integer', 'date'], 'volatile',
                     'find_resident is VOLATILE: it writes the audit');
SELECT volatility_is('grid', 'synth_random', ARRAY['bigint', 'text', 'bigint'], 'immutable', 'synth_random is IMMUTABLE');

-- A registry in two districts, and a role for each jurisdiction.
SELECT lives_ok($$SELECT grid.synth_registry(5000, 3)$$, 'a synthetic registry of 5000');
SELECT ok((SELECT count(*) FROM grid.resident WHERE division <@ '420503'::grid.division_code) > 0
          AND (SELECT count(*) FROM grid.resident WHERE division <@ '420502'::grid.division_code) > 0,
          'people in 伍家岗区 and in 西陵区');
CREATE ROLE tap_m_county LOGIN;
CREATE ROLE tap_m_village LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA grid TO tap_m_county, tap_m_village;
GRANT INSERT, UPDATE ON grid.record_link, grid.batch_weights TO tap_m_county;
GRANT UPDATE ON grid.source_batch TO tap_m_county;
DO $$ BEGIN
    PERFORM grid.grant_scope('tap_m_county', '420503');
    PERFORM grid.grant_scope('tap_m_village', '420503004001');
END $$;
CREATE TEMP TABLE pick ON COMMIT DROP AS
SELECT (SELECT r FROM grid.resident r WHERE division <@ '420503'::grid.division_code ORDER BY id LIMIT 1) AS mine,
       (SELECT r FROM grid.resident r WHERE division <@ '420502'::grid.division_code ORDER BY id LIMIT 1) AS theirs;
GRANT SELECT ON pick TO tap_m_county, tap_m_village;

-- The county finds its own resident by ID and by name, not the other
-- district's.
SET LOCAL SESSION AUTHORIZATION tap_m_county;
SELECT is((SELECT count(*) FROM pick, grid.find_resident(((pick.mine).id)::text) f WHERE f.resident_id = (pick.mine).id),
          1::bigint, 'county: finds its resident by ID');
SELECT is((SELECT count(*) FROM pick, grid.find_resident(((pick.theirs).id)::text)), 0::bigint,
          'county: the other district''s resident by ID: nothing');
SELECT is((SELECT count(*) FROM pick, grid.find_resident(NULL, (pick.theirs).name, birth_date => (pick.theirs).birth_date) f
            WHERE f.resident_id = (pick.theirs).id), 0::bigint,
          'county: the other district''s resident by name and birth date: nothing');
SELECT is((SELECT count(*) FROM pick, grid.find_resident(NULL, (pick.theirs).name, address => '西陵区')), 0::bigint,
          'county: a name in 西陵区: nothing');
RESET SESSION AUTHORIZATION;

-- The look-ups were audited under the county's name, whatever they found.
SELECT is((SELECT count(*) FROM grid.lookup_audit WHERE role = 'tap_m_county' AND kind = 'find_resident'),
          4::bigint, 'four look-ups audited for the county');
SELECT is((SELECT array_agg(results ORDER BY id) FROM grid.lookup_audit WHERE role = 'tap_m_county'),
          ARRAY[1, 0, 0, 0],
          'audit rows carry how many were found');

-- A look-up calls no SQL function that PostgreSQL cannot inline: such a
-- function is parsed and planned again at every call (grid.parse_address's
-- name resolution cost a third of grid.find_resident's time so).
SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY p.proname)
             FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
            WHERE p.oid IN ('grid.address_resolve(text, text, grid.division_code[])'::regprocedure,
                            'grid.address_resolve_run(text, text, grid.division_code[], integer)'::regprocedure,
                            'grid.common_ancestor(grid.division_code[])'::regprocedure,
                            'grid.parse_address(text)'::regprocedure)
              AND l.lanname = 'sql'), NULL,
          'the address readers a look-up calls keep their plans (no SQL function that cannot be inlined)');
-- and still read a short address: the county and the village run together
SELECT is((SELECT count(*) FROM pick, grid.find_resident(NULL, (pick.mine).name, (pick.mine).phones[1],
                                                        grid.address_stem(grid.division_name(grid.ancestor((pick.mine).division, 'county')))
                                                        || grid.division_name(grid.ancestor((pick.mine).division, 'village'))) f
            WHERE f.resident_id = (pick.mine).id AND f.explanation #>> '{address,level}' IN ('village', 'same')),
          1::bigint, 'a look-up by name, phone and a short address finds the resident in the village it names');
SELECT is((SELECT array_agg(p.proname::text ORDER BY p.proname) FROM pg_proc p
            WHERE p.oid IN ('grid.find_resident(text, text, text, text, integer, date)'::regprocedure,
                            'grid.match_candidates(grid.match_record, integer, integer)'::regprocedure)
              AND 'plan_cache_mode=force_generic_plan' = ANY (p.proconfig)),
          ARRAY['find_resident', 'match_candidates'],
          'the single look-ups plan generically from a session''s first call');

-- The village sees fewer still.
SET LOCAL SESSION AUTHORIZATION tap_m_village;
SELECT ok((SELECT bool_and(division <@ '420503004001'::grid.division_code) FROM grid.resident) IS NOT FALSE,
          'village: sees only 王家河社区');
RESET SESSION AUTHORIZATION;

-- Linking a generated returnee list as the administrator: the quality
-- the benchmark measures, on a small scale.
SELECT grid.synth_source('returnee', 1000, 5) AS batch \gset
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :batch), 'link_batch runs');
CREATE TEMP TABLE eval ON COMMIT DROP AS
SELECT t.resident_id AS truth, l.resident_id, l.decision, t.corruptions
  FROM grid.synthetic_truth t JOIN grid.record_link l USING (record_id) WHERE l.batch_id = :batch;
SELECT is((SELECT count(*) FROM eval), 1000::bigint, 'every record has a decision');
SELECT is((SELECT count(*) FROM eval WHERE decision = 'link' AND resident_id IS DISTINCT FROM truth), 0::bigint,
          'no wrong automatic link');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)::numeric
                      / count(*) FILTER (WHERE truth IS NOT NULL) FROM eval), '>=', 0.95, 'recall of automatic links at least 95%');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE decision = 'review')::numeric / count(*) FROM eval), '<=', 0.03,
              'review queue at most 3%');
SELECT is((SELECT count(*) FROM eval WHERE truth IS NULL AND decision = 'link'), 0::bigint,
          'people not in the registry are never linked');
SELECT ok((SELECT bool_and(decision = 'link' AND resident_id = truth) FROM eval WHERE corruptions = '{}'),
          'clean records all link');
SELECT ok((SELECT bool_and(l.explanation ? 'score' AND l.explanation ? 'name' AND l.explanation ? 'keys')
             FROM grid.record_link l WHERE l.batch_id = :batch AND l.resident_id IS NOT NULL),
          'every link explains its score, fields and keys');
SELECT is((SELECT count(DISTINCT method) FROM grid.record_link WHERE batch_id = :batch), 2::bigint,
          'methods exact_id and fellegi_sunter');

-- The batch's weights, estimated from it: returnee lists write a name by
-- its sound a quarter of the time, so a homophone weighs more than the
-- fixed weight says, and every explanation shows the weights used.
SELECT is((SELECT status FROM grid.batch_weights WHERE batch_id = :batch), 'estimated', 'returnee list: weights estimated');
SELECT cmp_ok((SELECT (weights #>> '{name,homophone,change}')::float8 FROM grid.batch_weights WHERE batch_id = :batch),
              '>', 0.5::float8, 'returnee list: a homophone weighs at least half a bit more than the fixed weight');
SELECT cmp_ok((SELECT (weights #>> '{phone,disagree,change}')::float8 FROM grid.batch_weights WHERE batch_id = :batch),
              '<', -0.5::float8, 'returnee list: a phone that differs counts at least half a bit more against');
SELECT cmp_ok((SELECT (weights #>> '{name,homophone,m}')::float8 FROM grid.batch_weights WHERE batch_id = :batch),
              '>', (SELECT (weights #>> '{name,homophone,m_fixed}')::float8 FROM grid.batch_weights WHERE batch_id = :batch),
              'returnee list: m of a homophone above the fixed m');
SELECT ok((SELECT bool_and(l.explanation ->> 'weights' = 'estimated' AND l.explanation ? 'fixed_score'
                           AND (l.explanation #>> '{name,level}' <> 'homophone'
                                OR (l.explanation #>> '{name,weight}')::float8 > (l.explanation #>> '{name,fixed_weight}')::float8))
             FROM grid.record_link l WHERE l.batch_id = :batch AND l.resident_id IS NOT NULL),
          'every explanation says the weights were estimated, keeps the fixed score, and a homophone''s weight beside its fixed weight');
-- The estimate reads only residents inside the batch's jurisdiction: moved
-- to 伍家岗区, the same batch is estimated from fewer pairs.
SELECT pairs AS pairs_city FROM grid.batch_weights WHERE batch_id = :batch \gset
UPDATE grid.source_batch SET division = '420503' WHERE id = :batch;
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :batch), 'relinked as a batch of 伍家岗区');
SELECT ok((SELECT pairs > 0 AND pairs < :pairs_city AND division = '420503' FROM grid.batch_weights WHERE batch_id = :batch),
          'estimated from the pairs whose resident lives in 伍家岗区 only');
UPDATE grid.source_batch SET division = '4205' WHERE id = :batch;
UPDATE grid.batch_weights SET division = '4205' WHERE batch_id = :batch;

-- Police extracts: clean names, so a homophone weighs less than fixed.
SELECT grid.synth_source('police', 500, 9) AS police \gset
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :police), 'link_batch runs on a police extract');
SELECT cmp_ok((SELECT (weights #>> '{name,homophone,change}')::float8 FROM grid.batch_weights WHERE batch_id = :police),
              '<', -0.5::float8, 'police extract: a homophone weighs at least half a bit less than the fixed weight');
-- A tiny batch keeps the fixed weights, and its row says why.
SELECT grid.synth_source('returnee', 20, 10) AS tiny \gset
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :tiny), 'link_batch runs on a batch of 20');
SELECT is((SELECT status || ': ' || reason FROM grid.batch_weights WHERE batch_id = :tiny),
          'fixed: too few records with candidates: 18 (at least 100)', 'tiny batch: the fixed weights, and why');
SELECT ok((SELECT bool_and(l.explanation ->> 'weights' = 'fixed' AND NOT l.explanation ? 'fixed_score')
             FROM grid.record_link l WHERE l.batch_id = :tiny AND l.resident_id IS NOT NULL),
          'tiny batch: its explanations say the weights are the fixed ones');
SELECT throws_ok(format('SELECT * FROM grid.link_batch(%s, weights => %L)', :tiny, 'guessed'), '22023',
                 'weights must be estimated or fixed', 'weights neither estimated nor fixed: 22023');

-- The county links only what it can see: relinking as the county leaves
-- the other district's records untouched.
UPDATE grid.source_batch SET division = '420503' WHERE id = :batch;
UPDATE grid.batch_weights SET division = '420503' WHERE batch_id = :batch;
UPDATE grid.source_record SET division = '420502' WHERE batch_id = :batch AND record_id % 2 = 0;
UPDATE grid.record_link SET division = '420502' WHERE batch_id = :batch AND record_id % 2 = 0;
UPDATE grid.source_record SET division = '420503' WHERE batch_id = :batch AND record_id % 2 = 1;
UPDATE grid.record_link SET division = '420503', decided_by = 'nobody' WHERE batch_id = :batch AND record_id % 2 = 1;
UPDATE grid.record_link SET decided_by = 'nobody' WHERE batch_id = :batch;
SET LOCAL SESSION AUTHORIZATION tap_m_county;
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :batch), 'county: link_batch runs on its records');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM grid.record_link WHERE batch_id = :batch AND division = '420502' AND decided_by <> 'nobody'),
          0::bigint, 'the other district''s links were not touched');
SELECT ok((SELECT count(*) FROM grid.record_link WHERE batch_id = :batch AND division = '420503' AND decided_by = 'tap_m_county') > 0,
          'the county''s own were relinked under its name');

-- Other source profiles, on households that share phones: a door-to-door
-- survey (short addresses, IDs often missing) and SMS (a phone alone).
SELECT lives_ok($$SELECT grid.synth_share_phones(0.3, 3)$$, 'a third of households share one phone');
SELECT grid.synth_source('survey', 500, 6) AS survey \gset
SELECT grid.synth_source('sms', 500, 8) AS sms \gset
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :survey), 'link_batch runs on the survey');
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :sms), 'link_batch runs on the SMS records');
CREATE TEMP TABLE eval2 ON COMMIT DROP AS
SELECT l.batch_id, t.resident_id AS truth, l.resident_id, l.decision, l.explanation
  FROM grid.synthetic_truth t JOIN grid.record_link l USING (record_id) WHERE l.batch_id IN (:survey, :sms);
SELECT is((SELECT count(*) FROM eval2 WHERE decision = 'link' AND resident_id IS DISTINCT FROM truth), 0::bigint,
          'survey and SMS: no wrong automatic link');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)::numeric
                      / count(*) FILTER (WHERE truth IS NOT NULL) FROM eval2 WHERE batch_id = :survey),
              '>=', 0.8, 'survey: recall of automatic links at least 80%');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)::numeric
                      / count(*) FILTER (WHERE truth IS NOT NULL) FROM eval2 WHERE batch_id = :sms),
              '>=', 0.5, 'SMS, a phone alone: recall of automatic links at least 50%');
-- SMS gives a name only in the text, in about half the messages: the
-- estimate learns the names' weights from those (the phone found them,
-- whatever the name).  Its pairs were all found by the phone, so they
-- tell nothing of how often a true match's phone differs: the phone keeps
-- its fixed weights (a returnee list, whose pairs are also found by
-- names, learns that its phones seldom differ).
SELECT cmp_ok((SELECT (w.weights #>> '{name,exact,matches}')::float8 FROM grid.batch_weights w WHERE w.batch_id = :sms),
              '>', 100::float8, 'SMS: the names in the messages are compared, their weights estimated from them');
-- The name in the text tells the holders of a household's phone apart.
SELECT cmp_ok((SELECT count(*) FROM eval2
                WHERE batch_id = :sms AND decision = 'link' AND resident_id = truth
                  AND explanation #>> '{phone,level}' = 'shared' AND explanation #>> '{name,level}' = 'exact'),
              '>', 10::bigint, 'SMS: a name in the message links the right holder of a household''s phone');
SELECT is((SELECT sum((l.value ->> 'matches')::float8) + sum(abs((l.value ->> 'change')::float8))
             FROM grid.batch_weights w, jsonb_each(w.weights -> 'phone') l WHERE w.batch_id = :sms),
          0::float8, 'SMS: the phone, the key that found every pair, keeps its fixed weights');
-- A survey record with a name and a short address and nothing else
-- scores below the link threshold with the fixed weights (review); the
-- survey's weights (addresses that name the dwelling, homophones) link it,
-- rightly.
SELECT cmp_ok((SELECT count(*) FROM eval2
                WHERE batch_id = :survey AND decision = 'link' AND (explanation ->> 'fixed_score')::float8 < 25
                  AND explanation #>> '{id,level}' IS DISTINCT FROM 'exact'),
              '>', 0::bigint, 'survey: records linked by the estimated weights that the fixed ones sent to review');
SELECT is((SELECT count(*) FROM eval2
            WHERE batch_id = :survey AND decision = 'link' AND (explanation ->> 'fixed_score')::float8 < 25
              AND resident_id IS DISTINCT FROM truth), 0::bigint, 'survey: each of them the right person');
CREATE TEMP TABLE promoted ON COMMIT DROP AS
SELECT l.record_id FROM grid.record_link l
 WHERE l.batch_id = :survey AND l.decision = 'link' AND (l.explanation ->> 'fixed_score')::float8 < 25
   AND l.explanation #>> '{id,level}' IS DISTINCT FROM 'exact';
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s, weights => %L)', :survey, 'fixed'), 'the survey relinked with the fixed weights');
SELECT is((SELECT count(*) FILTER (WHERE l.decision <> 'review') FROM promoted p JOIN grid.record_link l USING (record_id)),
          0::bigint, 'with the fixed weights, each of them goes to review');
SELECT is((SELECT status || ': ' || reason FROM grid.batch_weights WHERE batch_id = :survey),
          'fixed: fixed weights asked for', 'the batch''s row says the fixed weights were asked for');

-- Row-level security: a batch's weights are seen and written only inside
-- its jurisdiction.
SET LOCAL SESSION AUTHORIZATION tap_m_village;
SELECT is((SELECT count(*) FROM grid.batch_weights), 0::bigint, 'village: no weights of the city''s batches');
SET LOCAL SESSION AUTHORIZATION tap_m_county;
SELECT is((SELECT array_agg(batch_id) FROM grid.batch_weights), ARRAY[:batch::bigint],
          'county: the weights of its own batch only, none of the city''s');
SELECT throws_ok(format($$INSERT INTO grid.batch_weights (batch_id, division, source, status, reason, records, pairs, random_pairs, iterations)
                          VALUES (%s, '4205', 'sms', 'fixed', 'forged', 0, 0, 0, 0)$$, :police), '42501', NULL,
                 'county: cannot write weights for a batch of the city');
RESET SESSION AUTHORIZATION;

SELECT ok((SELECT bool_and(jsonb_array_length(explanation -> 'phone_holders') >= 2
                           AND explanation -> 'phone_holders' @> jsonb_build_array(jsonb_build_object('resident_id', truth::text)))
             FROM eval2 WHERE batch_id = :sms AND decision = 'review' AND truth IS NOT NULL),
          'SMS sent to review: the household''s phone, its members listed, the person among them');

-- Voice calls from the call list name the resident asked for (callee):
-- it tells a household's phone apart; another member answering, or a
-- callee who does not hold the number, goes to review with the reason.
SELECT grid.synth_source('robot', 500, 9) AS voice \gset
SELECT lives_ok(format('SELECT * FROM grid.link_batch(%s)', :voice), 'link_batch runs on the voice records');
CREATE TEMP TABLE eval3 ON COMMIT DROP AS
SELECT t.resident_id AS truth, t.corruptions, l.resident_id, l.decision, l.explanation
  FROM grid.synthetic_truth t JOIN grid.record_link l USING (record_id) WHERE l.batch_id = :voice;
SELECT is((SELECT count(*) FROM eval3 WHERE decision = 'link' AND resident_id IS DISTINCT FROM truth), 0::bigint,
          'voice: no wrong automatic link');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE decision = 'link' AND resident_id = truth)::numeric
                      / count(*) FILTER (WHERE truth IS NOT NULL) FROM eval3),
              '>=', 0.85, 'voice: recall of automatic links at least 85%');
SELECT cmp_ok((SELECT count(*) FROM eval3
                WHERE decision = 'link' AND resident_id = truth AND explanation #>> '{phone,level}' = 'shared'
                  AND explanation #>> '{callee,state}' = 'holds'),
              '>', 10::bigint, 'voice: the callee links the right holder of a household''s phone');
SELECT is((SELECT array_agg(DISTINCT decision || ': ' || (explanation ->> 'reason')) FROM eval3 WHERE 'callee_other_member' = ANY (corruptions)),
          ARRAY['review: the one who answered is not the callee: phone_holders lists the household sharing the phone'],
          'voice: another member of the household answered: review, the household listed');
SELECT is((SELECT array_agg(DISTINCT decision) FROM eval3 WHERE 'callee_wrong' = ANY (corruptions)), ARRAY['review'],
          'voice: a callee who does not hold the number (or is denied): review');

-- The voice channel carries the callee too (grid.stage_voice callee,
-- callee_answer), ingested by the voice robot's role: a village's three
-- residents, one alone on a number, two sharing one; a resident of the
-- other district alone on a third.
CREATE ROLE tap_m_robot LOGIN IN ROLE grid_ingest;
SELECT grid.grant_scope('tap_m_robot', '420503');
CREATE TEMP TABLE callee ON COMMIT DROP AS
SELECT (SELECT array_agg(id::text ORDER BY id) FROM (SELECT id FROM grid.resident WHERE division <@ '420503'::grid.division_code
                                                      ORDER BY id LIMIT 3) x) AS mine,
       (SELECT id::text FROM grid.resident WHERE division <@ '420502'::grid.division_code ORDER BY id LIMIT 1) AS theirs;
GRANT SELECT ON callee TO tap_m_robot;
UPDATE grid.resident SET phones = ARRAY['13912340001'] WHERE id::text = (SELECT mine[1] FROM callee);
UPDATE grid.resident SET phones = ARRAY['13912340002'] WHERE id::text IN (SELECT unnest(mine[2:3]) FROM callee);
UPDATE grid.resident SET phones = ARRAY['13912340003'] WHERE id::text = (SELECT theirs FROM callee);
SELECT is((SELECT array_agg(p || ':' || n ORDER BY p) FROM (SELECT phones[1] AS p, count(*) AS n FROM grid.resident
                                                            WHERE '13912340001' = ANY (phones) OR '13912340002' = ANY (phones)
                                                               OR '13912340003' = ANY (phones) GROUP BY 1) x),
          '{13912340001:1,13912340002:2,13912340003:1}', 'voice: one number of one resident, one of two, one elsewhere');
SET LOCAL SESSION AUTHORIZATION tap_m_robot;
INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer, callee, callee_answer)
SELECT v.phone, v.at, v.outcome, v.t, v.s, v.callee, v.answer
  FROM callee c, LATERAL (VALUES
    ('13912340002', '2020-02-12 09:00', 'answered', '36.5', '否', c.mine[2], '1'),
    ('13912340002', '2020-02-12 09:01', 'answered', '36.6', '否', c.mine[3], '是'),
    ('13912340002', '2020-02-12 09:02', 'answered', '36.7', '否', NULL, NULL),
    ('13912340001', '2020-02-12 09:03', 'answered', '36.8', '否', c.mine[1], '不是'),
    ('13912340001', '2020-02-12 09:04', 'answered', '36.9', '否', NULL, NULL),
    ('13912340002', '2020-02-12 09:05', 'answered', '37.0', '否', c.mine[2], 'maybe'),
    ('13912340001', '2020-02-12 09:06', 'answered', '37.1', '否', '4205031990', '1'),
    ('13912340001', '2020-02-12 09:07', 'answered', '37.2', '否', c.mine[3], '1'),
    ('13912340003', '2020-02-12 09:08', 'answered', '37.3', '否', c.theirs, '1'),
    ('13912340001', '2020-02-12 09:09', 'answered', '37.4', '否', NULL, '1'),
    ('13912340001', '2020-02-12 09:10', 'no_answer', NULL, NULL, c.mine[1], NULL),
    ('13912340001', '2020-02-12 09:11', 'no_answer', NULL, NULL, c.mine[1], '1')) AS v(phone, at, outcome, t, s, callee, answer);
SELECT is((SELECT (received, accepted, rejected, unlinked)::text FROM grid.ingest_voice('callee')), '(12,10,2,6)',
          'voice robot: 12 calls, 2 rejects, 6 waiting for review');
SELECT is((SELECT array_agg(h.resident_id::text || ' ' || h.temperature || ' ' || h.link_method ORDER BY h.reported_at)
             FROM grid.health_report h WHERE h.channel = 'voice'),
          (SELECT ARRAY[mine[2] || ' 36.5 phone', mine[3] || ' 36.6 phone', mine[1] || ' 36.9 phone'] FROM callee),
          'voice robot: the callee who said yes tells the household''s number apart (36.5, 36.6); a number of one resident links alone (36.9)');
SELECT is((SELECT array_agg(v.temperature || ': ' || coalesce(v.reason, '-') || ' / ' || coalesce(v.best_candidate::text = c.mine[2], false)
                            ORDER BY v.reported_at)
             FROM grid.report_review v, callee c WHERE v.channel = 'voice'),
          ARRAY['36.7: - / false',
                '36.8: the one who answered is not the callee / false',
                '37: the answer to whether the callee answered is neither yes nor no / true',
                '37.1: the callee is not a valid resident ID / false',
                '37.2: the callee does not hold the number called / false',
                '37.3: the callee does not hold the number called / false'],
          'voice robot: without a callee the shared number waits; the callee denied, an unreadable answer, an unreadable callee, a callee who does not hold the number: review with the reason');
SELECT is((SELECT best_candidate::text FROM grid.report_review v WHERE v.channel = 'voice' AND v.phone = '13912340003'), NULL,
          'voice robot: a callee of the other district, on that callee''s own number, is answered as one not registered, and not named');
SELECT is((SELECT array_agg(r.reason ORDER BY r.reason) FROM grid.ingest_reject r WHERE r.channel = 'voice'),
          ARRAY['a callee answer without a callee', 'answers on a call that was not answered'],
          'voice robot: a callee answer without a callee, or on a call not answered, is rejected');
SELECT is((SELECT array_agg(u.resident_id::text) FROM grid.unreached u WHERE u.channel = 'voice'),
          (SELECT ARRAY[mine[1]] FROM callee), 'voice robot: an unanswered call to its callee is the callee''s');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM grid.health_report h, callee c WHERE h.resident_id::text = c.theirs), 0::bigint,
          'nor linked to the callee of the other district');

-- Errors carry their codes.
SELECT throws_ok($$SELECT * FROM grid.find_resident(NULL)$$, '22023', 'nothing to look for', 'nothing to look for: 22023');
SELECT throws_ok($$SELECT * FROM grid.find_resident(name => '张伟')$$, '22023', 'not enough to look for',
                 'a name alone: 22023, not an empty answer');
SELECT lives_ok($$SELECT * FROM grid.find_resident(name => '张伟', birth_date => '1980-01-01')$$,
                'every argument is optional: a name and a birth date, by name');
SELECT throws_ok($$SELECT * FROM grid.link_batch(-1)$$, 'P0002', NULL, 'unknown batch: P0002');
SELECT throws_ok($$SELECT grid.decide_link(-1, NULL, 'no_link')$$, 'P0002', NULL, 'unknown record: P0002');
SELECT throws_ok($$SELECT grid.decide_link(-1, NULL, 'link')$$, '22004', NULL, 'a link without a resident: 22004');

SELECT * FROM finish();
ROLLBACK;
