-- The registry tables: shape, computed columns, constraints, row-level
-- security, pg_dump registration, and keys that stay shardable.
SET search_path = public, grid;
SET DateStyle = 'ISO, YMD';
\set ON_ERROR_ROLLBACK on

-- Every table of people, places and records carries a division.
SELECT c.relname, a.atttypid::regtype AS division_type, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'division'
 WHERE c.relnamespace = 'grid'::regnamespace AND c.relkind = 'r'
   AND c.relname IN ('standard_address', 'house', 'work_unit', 'household', 'resident',
                     'source_batch', 'source_record', 'record_link')
 ORDER BY 1;

-- ... and its policies come from grid.enable_access.
SELECT c.relname, count(p.polname) AS policies
  FROM pg_class c LEFT JOIN pg_policy p ON p.polrelid = c.oid
 WHERE c.relnamespace = 'grid'::regnamespace
   AND c.relname IN ('standard_address', 'house', 'work_unit', 'household', 'resident',
                     'source_batch', 'source_record', 'record_link')
 GROUP BY 1 ORDER BY 1;

-- pg_dump keeps the rows of every table that holds user data.
SELECT x.oid::regclass AS dumped, x.cond
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
 WHERE e.extname = 'grid'
   AND x.oid IN ('grid.standard_address'::regclass, 'grid.house'::regclass, 'grid.work_unit'::regclass,
                 'grid.household'::regclass, 'grid.resident'::regclass, 'grid.source'::regclass,
                 'grid.source_batch'::regclass, 'grid.source_record'::regclass, 'grid.record_link'::regclass,
                 'grid.name_frequency'::regclass, 'grid.standard_address_id_seq'::regclass)
 ORDER BY 1;

-- Shardable: every unique index of the person and record tables contains
-- the distribution key (resident id, or record_id for records and links).
SELECT i.indexrelid::regclass AS unique_index, k.key AS distribution_key,
       k.key = ANY (ARRAY(SELECT a.attname::text FROM pg_attribute a
                           WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey))) AS contains_key
  FROM pg_index i
  JOIN (VALUES ('grid.resident'::regclass, 'id'), ('grid.source_record', 'record_id'),
               ('grid.record_link', 'record_id')) AS k(tbl, key) ON k.tbl = i.indrelid
 WHERE i.indisunique
 ORDER BY 1;

-- A resident: sex and birth date come from the ID; the matching keys are
-- computed on write.
BEGIN;
INSERT INTO grid.standard_address (id, division, road, number, full_text)
VALUES (900001, '420503004001', '夷陵大道', '58', '湖北省宜昌市伍家岗区伍家岗街道王家河社区夷陵大道58号');
INSERT INTO grid.household (id, division, address_id, head_id) VALUES (900001, '420503004001', 900001, '420503198001010018');
INSERT INTO grid.resident (id, name, phones, household_id, address_id, division)
VALUES ('420503198001010018', '張偉', '{13800000001}', 900001, 900001, '420503004001'),
       ('420503198503150029', '陈君', '{}', 900001, 900001, '420503004001'),
       ('420503199001010039', '单雄信', '{13800000002,13900000003}', 900001, 900001, '420503004001');
SELECT id, name, sex, birth_date, name_key, name_pinyin, name_fuzzy, phones, status
  FROM grid.resident WHERE household_id = 900001 ORDER BY id;

-- Computed columns cannot be written; bad values are refused.
\set VERBOSITY terse
INSERT INTO grid.resident (id, name, sex, division) VALUES ('110101199003070011', '李四', 'F', '420503004001');
INSERT INTO grid.resident (id, name, division) VALUES ('110101199003070011', '', '420503004001');
INSERT INTO grid.resident (id, name, division, status) VALUES ('110101199003070011', '李四', '420503004001', 'gone');
INSERT INTO grid.resident (id, name) VALUES ('110101199003070011', '李四');
INSERT INTO grid.resident (id, name, division) VALUES ('420503198001010018', '张伟', '420503004001');
INSERT INTO grid.house (division, address_id, use) VALUES ('420503004001', 900001, 'castle');
INSERT INTO grid.work_unit (division, name, credit_code) VALUES ('420503004001', '某公司', 'not a code');
INSERT INTO grid.source (code, name) VALUES ('Bad Code', 'x');
\set VERBOSITY default

-- Records as received, and links: a link names a resident unless it is a
-- no_link; the decision and method are from fixed lists.
INSERT INTO grid.source_batch (id, source, division, label) VALUES (900001, 'survey', '420503004001', 'fixture');
INSERT INTO grid.source_record (record_id, batch_id, division, raw)
VALUES (900001, 900001, '420503004001', '{"name": "张伟", "id": "420503198001010018"}');
\set VERBOSITY terse
INSERT INTO grid.record_link (record_id, batch_id, division, decision, method) VALUES (900001, 900001, '420503004001', 'link', 'manual');
INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, decision, method) VALUES (900001, 900001, '420503004001', '420503198001010018', 'maybe', 'manual');
\set VERBOSITY default
INSERT INTO grid.record_link (record_id, batch_id, division, resident_id, score, decision, method)
VALUES (900001, 900001, '420503004001', '420503198001010018', 40, 'link', 'manual');
SELECT record_id, resident_id, decision, method, decided_by = current_user AS by_me FROM grid.record_link;
-- Deleting a record deletes its link.
DELETE FROM grid.source_record WHERE record_id = 900001;
SELECT count(*) AS links_left FROM grid.record_link;
ROLLBACK;

-- The sources shipped, and where their fields are.
SELECT code, name, field_map FROM grid.source ORDER BY code;
