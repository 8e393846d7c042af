-- pgTAP: access, attacked again by village roles that hold every privilege
-- on the tables, sequences and functions of schema grid: routes that
-- test/pgtap/access_writes.sql does not cover.  Each test states what must
-- hold; the comment above each group says what leaked ("Was") before the
-- fix it guards.
--
-- The attacker is 王家河社区 (420503004001), the victim 中书街社区
-- (420502002021).
BEGIN;
SELECT plan(12);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch, grid.returnee,
         grid.service_request, grid.record_link, grid.source_record, grid.source_batch, grid.household CASCADE;

INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');
-- Two checkpoints of the victim: one with a passage, one without.
INSERT INTO grid.checkpoint (id, name, division, geom) VALUES
  (9102, '中书街卡口', '420502002021', ST_SetSRID(ST_MakePoint(111.28, 30.69), 4326)),
  (9103, '中书街二号卡口', '420502002021', ST_SetSRID(ST_MakePoint(111.281, 30.691), 4326));
INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person_key, division) VALUES
  (9102, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-Z', '420502002021');

CREATE ROLE acc_wjh NOLOGIN;
CREATE ROLE acc_zsj NOLOGIN;
GRANT USAGE ON SCHEMA grid TO acc_wjh, acc_zsj;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO acc_wjh, acc_zsj;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA grid TO acc_wjh, acc_zsj;
SELECT grid.grant_scope('acc_wjh', '420503004001') IS NULL AS granted \gset
SELECT grid.grant_scope('acc_zsj', '420502002021') IS NULL AS granted \gset
CREATE SCHEMA acc_own AUTHORIZATION acc_wjh;

-- The answer to a statement: "ok <rows>", or the SQLSTATE and message.
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE q;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN 'ok ' || n;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;

-- 1. REFERENCES: a foreign key added to a table of the attacker's own that
-- already holds rows is validated (past row-level security, as the owner
-- of grid.resident) before the event trigger grid_refuse_foreign_ddl runs
-- at ddl_command_end.  Was: 23503 for an ID nobody has, 42501 for a
-- resident of another village: the existence of any ID in the city.
SET LOCAL ROLE acc_wjh;
CREATE TABLE acc_own.fk_victim (rid grid.resident_id);
INSERT INTO acc_own.fk_victim VALUES ('420502197003030038');
CREATE TABLE acc_own.fk_nobody (rid grid.resident_id);
INSERT INTO acc_own.fk_nobody VALUES (grid.synth_with_check('42050219700303004'));
SELECT is(left(pg_temp.try($$ALTER TABLE acc_own.fk_victim ADD FOREIGN KEY (rid) REFERENCES grid.resident (id)$$), 5),
          left(pg_temp.try($$ALTER TABLE acc_own.fk_nobody ADD FOREIGN KEY (rid) REFERENCES grid.resident (id)$$), 5),
          'ALTER TABLE ADD FOREIGN KEY on a filled table of its own answers alike for a hidden resident and for nobody');
SELECT is(left(pg_temp.try($$ALTER TABLE acc_own.fk_nobody ADD FOREIGN KEY (rid) REFERENCES grid.resident (id)$$), 5),
          '42501', 'and that answer is the refusal, before any row is checked');
-- The same through a partitioned table of its own.
CREATE TABLE acc_own.fk_part (rid grid.resident_id, k integer) PARTITION BY LIST (k);
CREATE TABLE acc_own.fk_part1 PARTITION OF acc_own.fk_part FOR VALUES IN (1);
INSERT INTO acc_own.fk_part VALUES (grid.synth_with_check('42050219700303004'), 1);
SELECT is(left(pg_temp.try($$ALTER TABLE acc_own.fk_part ADD FOREIGN KEY (rid) REFERENCES grid.resident (id)$$), 5),
          '42501', 'so is a foreign key added to a partitioned table of its own');
RESET ROLE;

-- 2. Checkpoints: grid.checkpoint has no row-level security, and the
-- policy grid_checkpoint on passages trusts its division.  Was: a village
-- moves another village's checkpoint to itself, then probes the passages'
-- unique key (23505, or ON CONFLICT's row count) for who passed when, and
-- files passages there; deleting one answers 23503 when hidden passages
-- exist.
SET LOCAL ROLE acc_wjh;
SELECT is(pg_temp.try($$DELETE FROM grid.checkpoint WHERE id = 9102$$),
          pg_temp.try($$DELETE FROM grid.checkpoint WHERE id = 9103$$),
          'deleting another village''s checkpoint answers alike whether or not hidden passages exist');
SELECT is(left(pg_temp.try($$UPDATE grid.checkpoint SET division = '420503004001' WHERE id = 9102$$), 5), '42501',
          'a village cannot move another village''s checkpoint to itself');
SELECT is(ARRAY[pg_temp.try($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person_key, division)
                              VALUES (9102, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-Z', '420503004001')$$),
                pg_temp.try($$INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person_key, division)
                              VALUES (9102, '2020-02-10 10:00+08', '2020-02-10 10:00+08', 'in', 'PK-NONE', '420503004001')$$)],
          ARRAY['42501 new row violates row-level security policy "grid_checkpoint" for table "checkpoint_passage"',
                '42501 new row violates row-level security policy "grid_checkpoint" for table "checkpoint_passage"'],
          'so passages at it cannot be filed by the attacker, nor its passages'' key probed');
RESET ROLE;
SELECT is((SELECT division::text FROM grid.checkpoint WHERE id = 9102), '420502002021',
          'the victim''s checkpoint still belongs to the victim');

-- 3. Divisions: a village plants a village under another township (only
-- shipped divisions are guarded, by grid.keep_shipped).  (Was open.)
SET LOCAL ROLE acc_wjh;
SELECT is(left(pg_temp.try($$INSERT INTO grid.division (code, name, official_name)
                             VALUES ('420502002099', '假村', '假村')$$), 5), '42501',
          'a village cannot add a division under another township');
RESET ROLE;

-- 4. A resident moves from 王家河社区 (A) to 中书街社区 (B) during a day.
-- A filed a report in the morning and holds an open fever case from an
-- earlier day; after the move B files a fever report.  grid.health_day is
-- keyed by resident and day and filed under the larger division of the
-- day's reports, and the open-entry index of grid.key_person spans
-- villages.  Was: A sees B's report count, channels and fever; B sees no
-- day, its temperature report counts the resident as not reported and
-- without fever; B cannot open a fever case (add_key_person answers NULL:
-- another village holds one open).
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES ('420503199003071230', 'app', '2020-02-10 08:00+08', '2020-02-10 08:00+08', 36.6, false, '420503004001', 'id');
INSERT INTO grid.key_person (resident_id, category, division, period_start, reason) VALUES
  ('420503199003071230', 'fever_unexcluded', '420503004001', '2020-02-05', 'app report of 38.0');
UPDATE grid.resident SET division = '420502002021' WHERE id OPERATOR(grid.=) '420503199003071230';
SET LOCAL ROLE acc_zsj;
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
VALUES ('420503199003071230', 'sms', '2020-02-10 15:00+08', '2020-02-10 15:00+08', 38.6, true, '420502002021', 'id');
SELECT is((SELECT fever FROM grid.health_day WHERE resident_id OPERATOR(grid.=) '420503199003071230' AND day = '2020-02-10'),
          true, 'B sees the fever day of its resident');
SELECT is((SELECT fever FROM grid.report_temperature('2020-02-10', '420502002021') WHERE level = 'village'),
          1::bigint, 'B''s temperature report counts the fever');
SELECT isnt(grid.add_key_person('420503199003071230', 'fever_unexcluded', period_start => '2020-02-10'), NULL,
            'B opens a fever case for its resident');
RESET ROLE;
SET LOCAL ROLE acc_wjh;
SELECT is((SELECT coalesce(bool_or(fever), false) OR coalesce(sum(reports), 0) > 1 FROM grid.health_day
            WHERE resident_id OPERATOR(grid.=) '420503199003071230' AND day = '2020-02-10'),
          false, 'A sees at most its own morning report, not B''s report or fever');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
