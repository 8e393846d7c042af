-- pgTAP: a channel is a row of grid.channel.  The five built-in channels
-- are rows; only an administrator adds, changes or removes one, whatever
-- table privileges others hold; a toy channel added the documented way
-- (its staging table, its reader, one INSERT) is ingested, stored,
-- counted per channel in the facts and shown in the per-channel report,
-- each village seeing only its own; the built-in columns stay as they were.
BEGIN;
SELECT plan(45);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

TRUNCATE grid.resident, grid.name_frequency, grid.health_report, grid.report_review, grid.unreached,
         grid.key_person, grid.checkpoint_passage, grid.ingest_reject, grid.ingest_batch CASCADE;
INSERT INTO grid.name_frequency (kind, key, n) VALUES ('total', '', 4000000);
-- Village A (王家河社区): two residents; village B (中书街社区): one.
INSERT INTO grid.resident (id, name, phones, division) VALUES
  ('420503199003071230', '陈君', ARRAY['13800138000'], '420503004001'),
  ('420503198512010028', '刘玲', ARRAY['13900139000'], '420503004001'),
  ('420502197003030038', '欧阳娜娜', ARRAY['13500135000'], '420502002021');

-- A role for each village and an administrator that is not a superuser,
-- all holding every table privilege on schema grid.
CREATE ROLE ch_a;
CREATE ROLE ch_b;
CREATE ROLE ch_admin;
GRANT grid_admin TO ch_admin;
GRANT ALL ON ALL TABLES IN SCHEMA grid TO ch_a, ch_b, ch_admin;
SELECT grid.grant_scope('ch_a', '420503004001');
SELECT grid.grant_scope('ch_b', '420502002021');

-- ------------------------------------------------------ built-in channels

SELECT is((SELECT string_agg(code || ':' || bit || ':' || stores, ',' ORDER BY bit) FROM grid.channel),
          'app:1:reports,sms:2:reports,voice:4:reports,proxy:8:reports,checkpoint:16:passages',
          'the five built-in channels are rows');
SELECT is(grid.channel_bit('sms'), 2::smallint, 'grid.channel_bit reads the bit from grid.channel');
SELECT is(grid.channel_bit('fax'), 0::smallint, 'an unknown channel has no bit');
SELECT is(grid.report_label('channel', 'proxy'), '网格员代报', 'grid.report_label reads the label from grid.channel');
SELECT is(grid.channel_index('checkpoint'), 5, 'checkpoint is counted at position 5 of grid.cell_day.reached');
SELECT throws_ok($$INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever,
                                                   division, link_method)
                   VALUES ('420503199003071230', 'fax', '2020-02-10 08:30+08', '2020-02-10 08:30+08', 36.5, false,
                           '420503004001', 'id')$$,
                 '23503', NULL, 'a report of a channel that is not a row is refused (foreign key)');

-- ------------------------------------------------------ the toy channel

-- Its staging table and reader, as the README shows them.
\ir ../fixtures/channel_kiosk.sql
ALTER TABLE public.stage_kiosk OWNER TO ch_admin;
GRANT SELECT, INSERT, DELETE ON public.stage_kiosk TO ch_a, ch_b;
CREATE FUNCTION public.not_a_reader(label text) RETURNS integer LANGUAGE sql RETURN 1;

-- Attacks: a village role holding every table privilege cannot add,
-- change, remove or empty a channel.
SET LOCAL ROLE ch_a;
SELECT throws_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                   VALUES ('kiosk', 32, '自助机', 'public.stage_kiosk', 'public.ingest_kiosk')$$,
                 '42501', 'permission denied to change the channels', 'a village role cannot add a channel');
SELECT lives_ok($$UPDATE grid.channel SET label = '假的', bit = 64 WHERE code = 'sms'$$, 'a village role''s update');
SELECT lives_ok($$DELETE FROM grid.channel WHERE code = 'voice'$$, 'a village role''s delete');
SELECT throws_ok($$TRUNCATE grid.channel CASCADE$$, '42501', NULL, 'a village role cannot truncate the channels');
SELECT is((SELECT string_agg(code || ':' || bit || ':' || label, ',' ORDER BY bit) FROM grid.channel),
          'app:1:平台,sms:2:短信,voice:4:语音外呼,proxy:8:网格员代报,checkpoint:16:卡口',
          'and changed nothing: it sees every channel, it changes none');
RESET ROLE;

-- The administrator: a reader that is not one is refused; the built-in
-- channels keep their code and bit; then one INSERT adds the channel.
SET LOCAL ROLE ch_admin;
SELECT throws_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                   VALUES ('kiosk', 32, '自助机', 'public.stage_kiosk', 'public.not_a_reader')$$,
                 '22023', NULL, 'a reader that does not return grid.ingest_result is refused');
SELECT throws_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                   VALUES ('kiosk', 3, '自助机', 'public.stage_kiosk', 'public.ingest_kiosk')$$,
                 '23514', NULL, 'a bit that is not a power of two is refused');
SELECT throws_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                   VALUES ('kiosk', 16, '自助机', 'public.stage_kiosk', 'public.ingest_kiosk')$$,
                 '23505', NULL, 'a bit another channel has is refused');
SELECT throws_ok($$DELETE FROM grid.channel WHERE code = 'app'$$, '42501', 'channel app is built in',
                 'an administrator cannot remove a built-in channel');
SELECT throws_ok($$UPDATE grid.channel SET bit = 64 WHERE code = 'sms'$$, '42501', 'channel sms is built in',
                 'nor give it another bit');
SELECT lives_ok($$INSERT INTO grid.channel (code, bit, label, staging, reader)
                  VALUES ('kiosk', 32, '自助机', 'public.stage_kiosk', 'public.ingest_kiosk')$$,
                'an administrator adds a channel with one INSERT');
RESET ROLE;
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'public.stage_kiosk'::regclass),
          'its staging table gets row-level security, forced');
SELECT is((SELECT count(*)::int FROM pg_policies WHERE schemaname = 'public' AND tablename = 'stage_kiosk'), 3,
          'and the staging policies of the built-in channels');
SELECT is(grid.report_label('channel', 'kiosk'), '自助机', 'its label is the report label');
SELECT is(grid.channel_index('kiosk'), 6, 'it is counted at position 6 of grid.cell_day.reached');

-- ------------------------------------------------------ ingesting through it

SET LOCAL ROLE ch_a;
INSERT INTO public.stage_kiosk (id_text, reported_at, temperature) VALUES
  ('420503199003071230', '2020-02-10 08:30', '36.5'),   -- A1: stored
  ('420503198512010028', '2020-02-10 09:00', '38.2'),   -- A2: stored, a fever
  ('420503199003071230', '2020-02-10 08:30', '36.5'),   -- A1 again: a duplicate
  ('420502197003030038', '2020-02-10 09:00', '36.6'),   -- B1: not A's, waits for review in A
  ('not an id', '2020-02-10 09:00', '36.6');            -- rejected
SELECT results_eq($$SELECT received, accepted, rejected, duplicates, unlinked, fevers, new_key_persons
                      FROM public.ingest_kiosk('toy batch')$$,
                  $$VALUES (5::bigint, 3::bigint, 1::bigint, 1::bigint, 1::bigint, 1::bigint, 1::bigint)$$,
                  'village A ingests through the toy channel: stored, fever, duplicate, review, reject');
SELECT is((SELECT count(*)::int FROM public.stage_kiosk), 0, 'the staged rows are taken');
RESET ROLE;
SELECT is((SELECT string_agg(h.resident_id::text || ':' || h.channel || ':' || h.fever, ',' ORDER BY h.resident_id::text)
             FROM grid.health_report h),
          '420503198512010028:kiosk:true,420503199003071230:kiosk:false', 'the reports are stored under the channel');
SELECT is((SELECT channel || ':' || label FROM grid.ingest_batch), 'kiosk:toy batch', 'the batch is logged under it');
SELECT ok((SELECT reason LIKE 'invalid resident ID:%' AND channel = 'kiosk' AND raw ->> 'id_text' = 'not an id'
             FROM grid.ingest_reject),
          'the reject keeps its reason and the record as received');
SELECT is((SELECT division::text || ':' || channel FROM grid.report_review), '420503004001:kiosk',
          'B''s resident, whom A does not see, waits for review in A');
SELECT is((SELECT reason FROM grid.key_person WHERE category = 'fever_unexcluded'),
          'kiosk report of 38.2 °C at 2020-02-10 09:00:00+08', 'the fever rule applies to it');
SELECT is((SELECT channels FROM grid.health_day WHERE resident_id = '420503199003071230'), 32::smallint,
          'the resident''s day has the channel''s bit');

-- Village B ingests B1, and A1 (not B's: review in B, nothing of A changes).
SET LOCAL ROLE ch_b;
SELECT is((SELECT count(*)::int FROM grid.cell_day), 0, 'village B sees none of A''s facts');
SELECT is((SELECT count(*)::int FROM grid.report_channels('2020-02-10')), 0, 'nor A''s per-channel report rows');
INSERT INTO public.stage_kiosk (id_text, reported_at, temperature) VALUES
  ('420502197003030038', '2020-02-10 10:00', '36.4'),
  ('420503199003071230', '2020-02-10 10:00', '39.0');
SELECT results_eq($$SELECT accepted, unlinked, fevers FROM public.ingest_kiosk()$$,
                  $$VALUES (2::bigint, 1::bigint, 0::bigint)$$, 'village B ingests through it too');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM grid.health_report WHERE resident_id = '420503199003071230'), 1,
          'B''s record of A''s resident stored nothing under A');
SELECT is((SELECT count(*)::int FROM grid.key_person), 1, 'and opened no key-person entry in A');

-- ------------------------------------------------------ counted and reported

-- grid.cell_day.reached summed over slots, per village, at the kiosk's
-- position; and as a recount.
SELECT is((SELECT string_agg(x.division::text || '=' || x.n, ',' ORDER BY x.division::text)
             FROM (SELECT f.division, sum(f.reached[grid.channel_index('kiosk')]) AS n
                     FROM grid.cell_day f WHERE f.day = '2020-02-10' GROUP BY f.division) x),
          '420502002021=1,420503004001=2', 'the facts count the toy channel per place, by its bit');
SELECT is((SELECT count(*)::int FROM (
             SELECT day, place, grid.reached_sum(reached) FROM grid.cell_day GROUP BY day, place
             EXCEPT SELECT * FROM grid.cell_day_reached_recount()) d), 0,
          'the per-channel facts agree with a recount');
SELECT is((SELECT sum(app + sms + voice + proxy + checkpoint)::int FROM grid.cell_day), 0,
          'the built-in channels'' columns count none of it');
SELECT is((SELECT reported || '/' || app FROM grid.report_temperature('2020-02-10') WHERE level = 'village'
              AND division = '420503004001'), '2/0', 'the temperature report counts its residents as reported');

SET LOCAL ROLE ch_a;
SELECT results_eq($$SELECT level, division::text, channel, label, reached FROM grid.report_channels('2020-02-10')
                     WHERE level IN ('village', 'city')$$,
                  $$VALUES ('city', '4205', 'kiosk', '自助机', 2::bigint),
                           ('village', '420503004001', 'kiosk', '自助机', 2::bigint)$$,
                  'village A''s per-channel report: the toy channel, its label, its residents; nothing of B');
RESET ROLE;
SELECT results_eq($$SELECT division::text, reached FROM grid.report_channels('2020-02-10') WHERE level = 'village'$$,
                  $$VALUES ('420502002021', 1::bigint), ('420503004001', 2::bigint)$$,
                  'the administrator''s: both villages');

-- A recount keeps the per-channel counts.
SELECT ok(grid.rebuild_facts() > 0, 'the facts are rebuilt');
SELECT is((SELECT sum(f.reached[6])::int FROM grid.cell_day f), 3, 'with the toy channel''s counts');

-- A channel with reports keeps its bit.
SET LOCAL ROLE ch_admin;
SELECT throws_ok($$UPDATE grid.channel SET bit = 64 WHERE code = 'kiosk'$$, '55006', NULL,
                 'a channel with reports keeps its bit');
SELECT lives_ok($$UPDATE grid.channel SET label = '社区自助机' WHERE code = 'kiosk'$$, 'its label may change');
RESET ROLE;
SELECT is(grid.report_label('channel', 'kiosk'), '社区自助机', 'and the reports print the new one');

SELECT * FROM finish();
ROLLBACK;
