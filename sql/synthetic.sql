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

\set VERBOSITY terse
SELECT grid.synth_source('no_such_source', 10);
\set VERBOSITY default
ROLLBACK;
