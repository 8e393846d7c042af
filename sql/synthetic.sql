-- The synthetic registry and sources: reproducible from a seed, on the
-- real divisions, with ground truth for every corruption.
SET search_path = public, grid;
SET extra_float_digits = 0;
\set ON_ERROR_ROLLBACK on
BEGIN;
SELECT grid.synth_registry(3000, 7) AS residents;
-- The same seed gives the same people.
SELECT md5(string_agg(id::text || name || array_to_string(phones, ','), ';' ORDER BY id)) AS registry_digest
  FROM grid.resident;
SELECT count(*) AS residents, count(DISTINCT household_id) AS households,
       count(*) FILTER (WHERE phones <> '{}') AS with_phone,
       count(*) FILTER (WHERE division <@ '4205'::grid.division_code) AS in_yichang,
       bool_and(address_id IS NOT NULL) AS all_have_addresses
  FROM grid.resident;
-- Surnames follow the frequency table: the top three are 王 李 张.
SELECT left(name, 1) AS surname, count(*) FROM grid.resident GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3;
-- Every generated address parses back to its village.
SELECT count(*) AS addresses,
       count(*) FILTER (WHERE (grid.parse_address(full_text)).division = division) AS parsed_back
  FROM grid.standard_address;

SELECT grid.synth_source('returnee', 2000, 11) AS batch \gset
SELECT count(*) AS records, count(DISTINCT t.resident_id) AS distinct_people,
       count(*) FILTER (WHERE t.resident_id IS NULL) AS unregistered
  FROM grid.synthetic_truth t JOIN grid.source_record s USING (record_id) WHERE s.batch_id = :batch;
-- The returnee list names its fields in Chinese (grid.source.field_map).
SELECT jsonb_object_keys(raw) AS field, count(*) FROM grid.source_record WHERE batch_id = :batch GROUP BY 1 ORDER BY 1;
SELECT c AS corruption, count(*) FROM grid.synthetic_truth, unnest(corruptions) c GROUP BY 1 ORDER BY 1;
-- Each corruption did what it says.
SELECT count(*) FILTER (WHERE 'homophone' = ANY (t.corruptions)
                          AND (grid.pinyin(s.raw ->> '姓名') <> r.name_pinyin OR s.raw ->> '姓名' = r.name)) AS bad_homophones,
       count(*) FILTER (WHERE 'fuzzy_pinyin' = ANY (t.corruptions)
                          AND (grid.pinyin_fuzzy(s.raw ->> '姓名') <> r.name_fuzzy OR grid.pinyin(s.raw ->> '姓名') = r.name_pinyin)) AS bad_fuzzy,
       count(*) FILTER (WHERE 'id_digit' = ANY (t.corruptions) AND grid.id_similarity(s.raw ->> '身份证号', r.id::text) < 0.85) AS bad_digits,
       count(*) FILTER (WHERE 'id_15' = ANY (t.corruptions) AND length(s.raw ->> '身份证号') <> 15) AS bad_15,
       count(*) FILTER (WHERE 'phone_missing' = ANY (t.corruptions) AND s.raw ? '联系电话') AS bad_missing_phone
  FROM grid.synthetic_truth t JOIN grid.source_record s USING (record_id)
  JOIN grid.resident r ON r.id = t.resident_id;
-- And the linker finds them.
SELECT * FROM grid.link_batch(:batch);
SELECT count(*) FILTER (WHERE l.decision = 'link' AND l.resident_id = t.resident_id) >= 0.95 * count(*) FILTER (WHERE t.resident_id IS NOT NULL) AS recall_at_least_95,
       count(*) FILTER (WHERE l.decision = 'link' AND l.resident_id IS DISTINCT FROM t.resident_id) AS wrong_links
  FROM grid.record_link l JOIN grid.synthetic_truth t USING (record_id);

-- The source profiles.  Households sharing one phone.
SELECT grid.synth_share_phones(0.3, 7) > 0 AS some_share;
SELECT count(*) > 0 AS households_sharing FROM (
    SELECT household_id FROM grid.resident WHERE phones <> '{}'
     GROUP BY household_id HAVING count(*) > 1 AND count(DISTINCT phones) = 1) h;
SELECT grid.synth_chinese_number(3) AS three, grid.synth_chinese_number(12) AS twelve,
       grid.synth_chinese_number(20) AS twenty, grid.synth_chinese_number(503) AS room;
CREATE TEMP TABLE prof AS
SELECT p.profile, grid.synth_source(p.source, 300, 21, 0.1, NULL, p.profile) AS batch
  FROM (VALUES ('police', 'police'), ('survey', 'survey'), ('sms', 'sms'), ('voice', 'robot')) AS p(profile, source);
-- What each profile's records hold.
SELECT p.profile, count(*) AS records, count(*) FILTER (WHERE s.raw ? 'id') AS with_id,
       count(*) FILTER (WHERE s.raw ? 'name') AS with_name, count(*) FILTER (WHERE s.raw ? 'phone') AS with_phone,
       count(*) FILTER (WHERE s.raw ? 'address') AS with_address, count(*) FILTER (WHERE t.resident_id IS NULL) AS unregistered
  FROM prof p JOIN grid.source_record s ON s.batch_id = p.batch JOIN grid.synthetic_truth t USING (record_id)
 GROUP BY p.profile ORDER BY p.profile;
SELECT p.profile, c AS corruption, count(*)
  FROM prof p JOIN grid.source_record s ON s.batch_id = p.batch JOIN grid.synthetic_truth t USING (record_id), unnest(t.corruptions) c
 GROUP BY 1, 2 ORDER BY 1, 2;
-- Short survey addresses read back to the person's village (or, for a
-- village name used twice, to a set of villages holding it).
SELECT c AS kind, count(*) AS addresses,
       count(*) FILTER (WHERE (a).division = r.division OR r.division = ANY ((a).divisions)) AS read_back
  FROM prof p JOIN grid.source_record s ON s.batch_id = p.batch JOIN grid.synthetic_truth t USING (record_id)
  JOIN grid.resident r ON r.id = t.resident_id,
       LATERAL (SELECT grid.parse_address(s.raw ->> 'address') AS a) pa, unnest(t.corruptions) c
 WHERE p.profile = 'survey' AND c IN ('address_short', 'address_village', 'address_numerals')
 GROUP BY 1 ORDER BY 1;
-- A swapped birth date in an ID is one swap from the true ID.
SELECT count(*) AS date_swaps, count(*) FILTER (WHERE t.resident_id::text = ANY (grid.id_neighbours(s.raw ->> 'id'))) AS one_swap_away
  FROM prof p JOIN grid.source_record s ON s.batch_id = p.batch JOIN grid.synthetic_truth t USING (record_id)
 WHERE 'id_date_swap' = ANY (t.corruptions) AND t.resident_id IS NOT NULL;

-- A person not registered gets a number no resident holds, even when the
-- first draw is one a resident holds (here made so).
SELECT min(j) AS j FROM generate_series(1, 300) j
 WHERE grid.synth_random(31, 'registered', j) < 0.1 AND grid.synth_random(31, 'phone_kind', j) >= 0.3 \gset
UPDATE grid.resident SET phones = ARRAY['199' || lpad(floor(grid.synth_random(31, 'u2', :j) * 1e8)::bigint::text, 8, '0')]
 WHERE id = (SELECT resident_id FROM grid.synthetic_resident WHERE n = 1);
SELECT grid.synth_source('returnee', 300, 31) AS b31 \gset
SELECT count(*) FILTER (WHERE s.raw ? '联系电话') AS unregistered_with_a_phone,
       count(*) FILTER (WHERE EXISTS (SELECT FROM grid.resident x
                                       WHERE grid.normalize_phone(s.raw ->> '联系电话') = ANY (x.phones))) AS on_a_registered_phone
  FROM grid.source_record s JOIN grid.synthetic_truth t USING (record_id)
 WHERE s.batch_id = :b31 AND t.resident_id IS NULL;

\set VERBOSITY terse
SELECT grid.synth_source('no_such_source', 10);
SELECT grid.synth_source('survey', 10, profile => 'fax');
\set VERBOSITY default
ROLLBACK;
