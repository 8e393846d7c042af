-- grid ops: daily operations.  Health reports from every channel (app,
-- SMS, voice robot, a grid worker on a resident's behalf, checkpoints), key
-- persons (重点人员), returnees, checkpoint passages, service requests and
-- the "1 + 1 + N + K" teams.
--
-- Ingestion.  Each channel is a row of grid.channel, which names its
-- staging table (grid.stage_<channel> for the built-in ones) that takes
-- the channel's records as text, exactly as they arrive (INSERT, or COPY
-- for roles that bypass row-level security), each row marked with the
-- role that staged it, and its reader (grid.ingest_<channel>()) that takes
-- every row the calling role staged, reads its fields, and hands them to
-- the common steps of grid.ingest_process, which, set-based (one INSERT
-- ... SELECT per step, no per-row loop):
--   1. reads and validates each record (every field of bounded length,
--      resident ID, division code inside the caller's scope, temperature
--      34.00-43.00 as written, at most two decimals, time from 2019-12-01
--      and not in the future, ...); a record that fails goes to
--      grid.ingest_reject with the channel, the record as received (jsonb),
--      the reason and the time, in a division the caller covers;
--   2. links it to a resident: by ID; else by normalised phone (one
--      resident on the number, or one whose name sounds the same); else by
--      the scored matching of grid.find_resident (grid.match_candidates),
--      accepted at grid.link_batch's automatic threshold (score >= 25,
--      runner-up at least 5 below); else it waits in grid.report_review;
--   3. locates it to its grid cell when it carries coordinates
--      (grid.locate);
--   4. stores it once: only an identical record (same resident, channel
--      and minute, same temperature and symptoms, filed in the same
--      division) is a duplicate (the unique key of grid.health_report); a
--      correction is a report;
--   5. applies the fever rule: a report at or above grid.fever_threshold
--      opens a fever_unexcluded key-person entry unless one is open;
--   6. logs the batch in grid.ingest_batch, where received = accepted +
--      rejected + duplicates (checked before returning), with the fever
--      threshold and observation period it applied; only the owner's
--      grid.ingest_batch_open and grid.ingest_batch_close write it.
-- The work happens in temporary tables of the calling session; the staging
-- rows are deleted in the same transaction, so a failed batch leaves them
-- in place and two sessions never take the same row.  Inserts into shared
-- tables run in key order, so concurrent batches wait for each other rather
-- than deadlock.
--
-- Sharding (Citus, as in src/resident.sql).  Per-person tables are keyed by
-- the resident ID and every unique key includes it: grid.health_report,
-- grid.key_person, grid.unreached, grid.service_request.  Where several
-- divisions file rows of one resident (the village he left and the one he
-- moved to), the duplicate keys include the division too
-- (health_report_record_key, unreached_record_key): a key spanning
-- divisions would answer one village, by a refusal (23505) or a row not
-- stored, that another holds a row.  Records not yet
-- linked are keyed by what the sender gave (grid.report_review), passages
-- by their checkpoint, returnees and rejects by their own number, batches
-- and teams are small (reference tables).  No policy needs a subquery.

-- ------------------------------------------------------------- settings

-- The fever rule's settings, grid.fever_threshold and grid.observation_days,
-- are the city's decision: defined in C (grid.c) as settings only
-- superusers and grid_admin may set (SET, ALTER DATABASE ... SET), range
-- checked by PostgreSQL when set and again when read.  SQL reads them
-- through these two functions only: being C, they load the library, so a
-- value typed before it was loaded is checked before it is used.
-- STABLE: reads a setting.
CREATE FUNCTION grid.fever_threshold() RETURNS numeric
    AS 'MODULE_PATHNAME', 'grid_fever_threshold' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.fever_threshold() IS
    'the setting grid.fever_threshold (37.0 to 38.5, at most two decimals, default 37.3 °C; set by administrators): a report at or above it is a fever. STABLE: reads a setting';

-- STABLE: reads a setting.
CREATE FUNCTION grid.observation_days() RETURNS integer
    AS 'MODULE_PATHNAME', 'grid_observation_days' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.observation_days() IS
    'the setting grid.observation_days (7 to 28, default 14; set by administrators): how long a key-person entry lasts when no end is given. STABLE: reads a setting';

-- Administrators set them (superusers can anyway).  Parameter privileges
-- belong to the cluster, as roles do: they survive DROP EXTENSION.
GRANT SET ON PARAMETER grid.fever_threshold, grid.observation_days TO grid_admin;

-- Every grid.* setting where analysts look: its value in this session,
-- unit, range, default, who may change it and what it does.  The settings
-- exist in a session once grid's library is loaded (SHOW fails before:
-- see the install step, session_preload_libraries); this function loads it
-- first (grid.observation_days is C), so the list is complete in any
-- session.  Read from pg_settings, so a setting added in grid.c is listed
-- with the texts given there.  STABLE: reads settings.
CREATE FUNCTION grid.setting_list()
    RETURNS TABLE (name text, setting text, unit text, min_value text, max_value text, default_value text,
                   source text, changed_by text, you_may_set boolean, description text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM grid.observation_days();    -- loads the library, which defines the settings
    RETURN QUERY
    SELECT s.name, s.setting,
           coalesce(s.unit, CASE s.name WHEN 'grid.fever_threshold' THEN '°C' WHEN 'grid.observation_days' THEN 'days' END),
           s.min_val, s.max_val, s.boot_val, s.source,
           CASE s.context
               WHEN 'user' THEN 'anyone, for a session (SET)'
               WHEN 'superuser' THEN 'superusers'
                    || coalesce(' and ' || (SELECT string_agg(a.grantee::regrole::text, ', ' ORDER BY a.grantee::regrole::text)
                                              FROM pg_catalog.pg_parameter_acl p, pg_catalog.aclexplode(p.paracl) a
                                             WHERE p.parname = s.name AND a.privilege_type = 'SET'
                                               AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = a.grantee)), '')
                    || ' (SET, ALTER DATABASE or ALTER ROLE ... SET)'
               ELSE s.context END,
           s.context = 'user' OR pg_catalog.has_parameter_privilege(s.name, 'SET'),
           s.short_desc || coalesce(' ' || s.extra_desc, '')
      FROM pg_catalog.pg_settings s
     WHERE s.name LIKE 'grid.%'
     ORDER BY s.name;
END
$$;
COMMENT ON FUNCTION grid.setting_list() IS
    'every grid.* setting: name, value in this session, unit, range, default, where the value comes from, who may change it, whether the caller may, and what it does; loads grid''s library first, so it works in a session that has not (where SHOW grid.fever_threshold fails). STABLE: reads settings';

CREATE VIEW grid.settings WITH (security_invoker = true) AS
    SELECT s.name, s.setting, s.unit, s.min_value, s.max_value, s.default_value, s.source, s.changed_by,
           s.you_may_set, s.description
      FROM grid.setting_list() s;
COMMENT ON VIEW grid.settings IS
    'every grid.* setting with its value, unit, range, default, source, who may change it, whether you may, and its description (grid.setting_list); works in any session, also before grid''s library is loaded';
GRANT SELECT ON grid.settings TO PUBLIC;

-- The first day anything the registry records can have happened: 1
-- December 2019, the onset of the first known case of the epidemic (Huang
-- et al., The Lancet, 24 January 2020).  A report, passage, arrival,
-- key-person period or service request before it is a typing error (1800,
-- 2002 for 2020).  IMMUTABLE: a constant.
CREATE FUNCTION grid.earliest_date() RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN DATE '2019-12-01';
COMMENT ON FUNCTION grid.earliest_date() IS
    'the first day anything in the registry can have happened: 2019-12-01, the onset of the first known case of the epidemic; earlier report times, passages, arrivals and key-person periods are refused';

-- Its first instant, in China time.  IMMUTABLE: a fixed zone.
CREATE FUNCTION grid.earliest_time() RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN pg_catalog.timezone('Asia/Shanghai', grid.earliest_date()::timestamp);
COMMENT ON FUNCTION grid.earliest_time() IS
    'the first instant of grid.earliest_date() in China time (2019-12-01 00:00 +08): report and passage times before it are refused';

-- A date given to a function, checked: finite, not before
-- grid.earliest_date(), not after today (in China, or in the session's
-- time zone when that is later).  Raises 22008 naming what it is.
-- STABLE: reads the clock.
CREATE FUNCTION grid.check_date(what text, d date) RETURNS date
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    today constant date := GREATEST(CURRENT_DATE, grid.report_day(pg_catalog.now()));
BEGIN
    IF NOT pg_catalog.isfinite(d) THEN
        RAISE EXCEPTION '% must be a finite date', what
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = pg_catalog.format('Dates run from %s to today.', pg_catalog.to_char(grid.earliest_date(), 'YYYY-MM-DD'));
    ELSIF d < grid.earliest_date() THEN
        RAISE EXCEPTION '% % is before %', what, pg_catalog.to_char(d, 'YYYY-MM-DD'),
                        pg_catalog.to_char(grid.earliest_date(), 'YYYY-MM-DD')
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = 'Nothing the registry records happened before the onset of the first known case of the epidemic.';
    ELSIF d > today THEN
        RAISE EXCEPTION '% % is in the future', what, pg_catalog.to_char(d, 'YYYY-MM-DD')
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = pg_catalog.format('Today is %s.', pg_catalog.to_char(today, 'YYYY-MM-DD'));
    END IF;
    RETURN d;
END
$$;
COMMENT ON FUNCTION grid.check_date(text, date) IS
    'the date, when it is finite, not before grid.earliest_date() and not after today; else raises 22008 saying which ("arrival date 1800-01-01 is before 2019-12-01"). STABLE: reads the clock';

-- ------------------------------------------------------ reading records

-- A time as sent, in the forms the city's exports and workers write
-- (ops_core.h): 2026-12-07 08:30[:00[.000000]], ISO 8601 with T and a
-- zone, 2026/12/7 8:30, 2026年12月7日 8:30, 2026年12月7日8时30分, and
-- without a year 12月7日 8:30; full-width digits too.  Without a zone,
-- China time (Asia/Shanghai), whatever the session's TimeZone.  A time
-- without a year takes the latest year, of the two it may be, that puts it
-- no more than a day after arrived (the record's arrival): on 2027-01-01,
-- 12月31日 is 2026's and 1月1日 2027's.  Read in C, a fraction of the cost
-- of a pattern test and the general cast.  STABLE: reads the time zone
-- data, and the clock for the default.
CREATE FUNCTION grid.read_time(t text, arrived timestamptz DEFAULT pg_catalog.now()) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'ops_read_time' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.read_time(text, timestamptz) IS
    'a time as channels send it (2026-12-07 08:30[:00], 2026-12-07T08:30:00+08:00, 2026/12/7 8:30, 2026年12月7日 8:30, 2026年12月7日8时30分, 12月7日 8:30; full-width digits read; without a zone, China time; without a year, the latest year that puts it at most a day after arrived, default now), or NULL if it is none (grid.time_error says why); never raises. STABLE: reads the time zone data';

-- Why a text is no time, as an ingestion reject gives it: the reason and
-- the accepted forms; NULL when grid.read_time reads it.  STABLE: as
-- grid.read_time.
CREATE FUNCTION grid.time_error(t text, arrived timestamptz DEFAULT pg_catalog.now()) RETURNS text
    AS 'MODULE_PATHNAME', 'ops_time_error' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.time_error(text, timestamptz) IS
    'why grid.read_time reads no time in the text ("no such date; accepted forms: ..."), naming the accepted forms; NULL when it reads one. STABLE: reads the time zone data';

-- The time, or error 22007 (invalid_datetime_format) saying why not and
-- which forms are read.  STABLE: as grid.read_time.
CREATE FUNCTION grid.check_time(t text, arrived timestamptz DEFAULT pg_catalog.now()) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'ops_check_time' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.check_time(text, timestamptz) IS
    'the time grid.read_time reads in the text, or error 22007 naming the reason and the accepted forms. STABLE: reads the time zone data';

-- Yes or no as people answer (yes/no, y/n, true/false, 1/0 and the voice
-- robot's keypad 1/2, 是/否, 有/没有/无, 对/不是); NULL if neither.
CREATE FUNCTION grid.read_yes_no(t text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN pg_catalog.lower(pg_catalog.btrim(t)) IN ('yes', 'y', 'true', 't', '1', '是', '有', '对', '是的')
                THEN true
                WHEN pg_catalog.lower(pg_catalog.btrim(t)) IN ('no', 'n', 'false', 'f', '0', '2', '否', '没有', '无', '不是', '没')
                THEN false END;
COMMENT ON FUNCTION grid.read_yes_no(text) IS
    'yes or no as answered (yes, y, true, 1, 是, 有, 对 / no, n, false, 0, 2, 否, 没有, 无, 不是), NULL if neither; 2 is the voice robot''s keypad "no": for a field that is not a keypad answer use grid.read_yes_no(t, false)';

-- The same for one field: keypad false for a field that documents plain
-- yes or no (a checkpoint's pass_checked), where 2 is no answer but a
-- mistake, and is read as neither; keypad true is grid.read_yes_no(t).
CREATE FUNCTION grid.read_yes_no(t text, keypad boolean) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN NOT keypad AND pg_catalog.btrim(t) = '2' THEN NULL ELSE grid.read_yes_no(t) END;
COMMENT ON FUNCTION grid.read_yes_no(text, boolean) IS
    'yes or no as answered, as grid.read_yes_no(text); with keypad false (a field that is no voice-robot keypad answer) 2 is neither, NULL';

-- A vehicle plate as the traffic police issue them (GA 36), upper-case
-- without spaces, dots or hyphens, full-width forms read as ASCII and a
-- province written in full read as its one-character abbreviation
-- (湖北A12345 is 鄂A12345); NULL for anything else (12345, ABC), which the
-- callers reject rather than store as a plate.  The forms: a province,
-- a letter and five letters or digits (鄂A12345), six for new-energy
-- vehicles (鄂AD12345, 鄂A12345D), or four and a use (鄂A1234挂 trailer, 学,
-- 警, 港, 澳, 领, 试, 超); embassies (使014578); the armed police (WJ鄂1234X)
-- and the army (VA12345).  I and O are not plate letters.  IMMUTABLE.
CREATE FUNCTION grid.read_plate(plate text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (
        WITH p AS (
            SELECT pg_catalog.upper(pg_catalog.translate(
                       pg_catalog.regexp_replace(plate, '[\s·・.．\-－]', '', 'g'),
                       '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
                       '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ')) AS v
        ), named AS (
            -- a province written in full, with or without 省/市/自治区: one
            -- expression for every province, not one per province and row
            SELECT CASE WHEN m.m IS NULL THEN p.v
                        ELSE (SELECT x.short
                                FROM (VALUES ('京', '北京'), ('津', '天津'), ('沪', '上海'), ('渝', '重庆'),
                                             ('冀', '河北'), ('豫', '河南'), ('云', '云南'), ('辽', '辽宁'),
                                             ('黑', '黑龙江'), ('湘', '湖南'), ('皖', '安徽'), ('鲁', '山东'),
                                             ('新', '新疆'), ('苏', '江苏'), ('浙', '浙江'), ('赣', '江西'),
                                             ('鄂', '湖北'), ('桂', '广西'), ('甘', '甘肃'), ('晋', '山西'),
                                             ('蒙', '内蒙古'), ('陕', '陕西'), ('吉', '吉林'), ('闽', '福建'),
                                             ('贵', '贵州'), ('粤', '广东'), ('青', '青海'), ('藏', '西藏'),
                                             ('川', '四川'), ('宁', '宁夏'), ('琼', '海南')) x(short, province)
                               WHERE x.province = m.m[1])
                             || pg_catalog.substr(p.v, pg_catalog.length(m.m[1]) + coalesce(pg_catalog.length(m.m[2]), 0) + 1)
                   END AS v
              FROM p
              LEFT JOIN LATERAL pg_catalog.regexp_match(p.v,
                        '^(北京|天津|上海|重庆|河北|河南|云南|辽宁|黑龙江|湖南|安徽|山东|新疆|江苏|浙江|江西|湖北|广西|甘肃'
                        || '|山西|内蒙古|陕西|吉林|福建|贵州|广东|青海|西藏|四川|宁夏|海南)'
                        || '(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)?') m(m) ON true
        )
        SELECT n.v FROM named n
         WHERE n.v ~ ('^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]'
                      || '[A-HJ-NP-Z]([A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]'
                      || '|[A-HJ-NP-Z0-9]{4}[挂学警港澳领试超])$')
            OR n.v ~ '^(使[0-9]{6}|[0-9]{6}使)$'
            OR n.v ~ '^WJ[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?[0-9]{4}[0-9A-Z消边通森金警电]$'
            OR n.v ~ '^[A-HJ-NP-Z]{2}[0-9]{5}$');
COMMENT ON FUNCTION grid.read_plate(text) IS
    'a vehicle plate in the forms of GA 36 (鄂A12345, new-energy 鄂AD12345, 鄂A1234挂/学/警/港/澳/领, embassy 使014578, armed police WJ鄂1234X, army VA12345), upper-case without separators, full-width read as ASCII, a province written in full as its abbreviation (湖北A12345 is 鄂A12345); NULL for anything else';

-- The symptom codes reports use (those of grid.parse_sms).
CREATE FUNCTION grid.symptom_codes() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['cough', 'fever', 'fatigue', 'sore_throat', 'breathing', 'diarrhoea', 'headache',
                 'runny_nose', 'muscle_pain', 'chills', 'smell_taste', 'unspecified'];
COMMENT ON FUNCTION grid.symptom_codes() IS
    'the symptom codes of health reports, as grid.parse_sms reads them: cough, fever, fatigue, sore_throat, breathing, diarrhoea, headache, runny_nose, muscle_pain, chills, smell_taste; and unspecified (the voice robot''s "yes" to its symptom question)';

-- A list of symptom codes as sent ("cough, fatigue" or "cough;fatigue"),
-- lower-case, sorted and without repeats; '{}' for NULL or empty.  The
-- same answers as ARRAY(SELECT DISTINCT s FROM regexp_split_to_table(
-- lower(btrim(t)), '[\s,;]+') s WHERE s <> '' ORDER BY 1), read in C (one
-- pass, no sort node per row; test/pgtap/ops_readers.sql compares the two).
-- IMMUTABLE, as lower() and the collation's order it follows.
CREATE FUNCTION grid.read_symptoms(t text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'ops_read_symptoms' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.read_symptoms(text) IS
    'symptom codes from a list separated by commas, semicolons or spaces, lower-case, sorted, each once; {} when empty';

-- -------------------------------------------------------------- channels

-- A channel is a row: its code, its bit in grid.health_day.channels, the
-- label reports print, its staging table and its reader (the ingest
-- function that takes the staging rows).  Every table that names a
-- channel refers to this one; the reports read the bits and labels from
-- it, and the per-channel counts (grid.cell_day.reached) are kept by bit,
-- so a channel added here is ingested, stored, counted and reported with
-- no other change.  The five channels below are the extension's (inserted
-- after their readers, at the end of the ingestion section); an
-- administrator adds others (see "how to add a channel" in the README).
-- What a record of a channel becomes is one of two things (stores):
--   reports   a health report of the linked resident (a call that reached
--             nobody: grid.unreached), or an entry of grid.report_review
--             when no resident is linked; every record names a person;
--   passages  a passage of grid.checkpoint_passage, linked or not, plus a
--             health report for a linked person with a temperature; the
--             reader also fills pg_temp.ops_pass (grid.ingest_checkpoint).
CREATE TABLE grid.channel (
    code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,30}$'),
    bit     smallint NOT NULL UNIQUE CHECK (bit > 0 AND bit & (bit - 1) = 0),
    label   text NOT NULL CHECK (pg_catalog.length(label) BETWEEN 1 AND 40),
    staging regclass NOT NULL UNIQUE,
    reader  text NOT NULL CHECK (reader ~ '^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$'),
    stores  text NOT NULL DEFAULT 'reports' CHECK (stores IN ('reports', 'passages'))
);
COMMENT ON TABLE grid.channel IS
    'the channels health reports come by, one row each: code, bit, Chinese label, staging table and reader (ingest function); the five built-in ones (app, sms, voice, proxy, checkpoint) come with the extension, administrators add others; everyone reads it';
COMMENT ON COLUMN grid.channel.code IS 'the channel''s name as tables store it: lower-case letters, digits and _, at most 31 characters';
COMMENT ON COLUMN grid.channel.bit IS 'its bit in grid.health_day.channels (a power of two up to 16384, one per channel); grid.cell_day.reached counts it at position log2(bit) + 1';
COMMENT ON COLUMN grid.channel.label IS 'the Chinese label reports print for it (grid.report_label(''channel'', code))';
COMMENT ON COLUMN grid.channel.staging IS 'its staging table, where rows wait as text until the reader takes them (rows of grid.ingest_reject.raw have its columns)';
COMMENT ON COLUMN grid.channel.reader IS 'its ingest function, schema-qualified (grid.ingest_app): called with a batch label, it takes the rows the calling role staged, fills pg_temp.ops_in after grid.ingest_begin and returns grid.ingest_process''s result';
COMMENT ON COLUMN grid.channel.stores IS 'what a valid record becomes: reports (a health report, an unreached call, or a review entry when unlinked) or passages (a checkpoint passage, with a report for a linked person with a temperature)';
-- The built-in rows are the install script's: the dump keeps the others.
SELECT pg_catalog.pg_extension_config_dump('grid.channel',
    $$WHERE code NOT IN ('app', 'sms', 'voice', 'proxy', 'checkpoint')$$);

-- Everyone reads the channels; only administrators add, change or remove
-- one, whatever table privileges a role holds (a channel's bit and label
-- are in every village's reports).
SELECT grid.enable_admin_writes('grid.channel');
GRANT SELECT ON grid.channel TO PUBLIC;

-- A channel in use keeps its code and bit: reports and days are stored
-- under them.  The built-in channels stay.  VOLATILE: a trigger function.
CREATE FUNCTION grid.channel_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT grid.is_admin() THEN
        RAISE EXCEPTION 'permission denied to change the channels'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('Role %s is not a member of grid_admin.', grid.acting_role()),
                  HINT = 'Ask an administrator of grid.';
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.code IN ('app', 'sms', 'voice', 'proxy', 'checkpoint')
       AND (TG_OP = 'DELETE' OR (NEW.code, NEW.bit, NEW.stores) IS DISTINCT FROM (OLD.code, OLD.bit, OLD.stores)) THEN
        RAISE EXCEPTION 'channel % is built in', OLD.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The five built-in channels keep their code, bit and kind; their label may change.';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.bit <> OLD.bit
       AND EXISTS (SELECT FROM grid.health_report h WHERE h.channel = OLD.code) THEN
        RAISE EXCEPTION 'channel % has reports: its bit stays %', OLD.code, OLD.bit
            USING ERRCODE = 'object_in_use',
                  DETAIL = 'Each resident''s days (grid.health_day) and the facts count the channel by its bit.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    -- the reader runs with its caller's rights, so that row-level
    -- security holds for what it stores
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_proc p
                    WHERE p.oid = pg_catalog.to_regproc(NEW.reader) AND NOT p.prosecdef
                      AND p.prorettype = 'grid.ingest_result'::pg_catalog.regtype) THEN
        RAISE EXCEPTION 'reader % of channel % is not an ingest function', pg_catalog.left(NEW.reader, 80), NEW.code
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A reader is one function returning grid.ingest_result, SECURITY INVOKER.',
                  HINT = 'Create the reader before adding the channel; see grid.ingest_app for an example.';
    END IF;
    -- Every ingesting role runs the reader with its own rights and writes
    -- the staging table, and their owner may change them at any time: both
    -- belong to an administrator.
    IF EXISTS (SELECT FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
                WHERE p.oid = pg_catalog.to_regproc(NEW.reader)
                  AND NOT (r.rolsuper OR pg_catalog.pg_has_role(r.oid, 'grid_admin', 'USAGE')))
       OR EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_roles r ON r.oid = c.relowner
                   WHERE c.oid = NEW.staging
                     AND NOT (r.rolsuper OR pg_catalog.pg_has_role(r.oid, 'grid_admin', 'USAGE'))) THEN
        RAISE EXCEPTION 'reader % or staging table of channel % is not an administrator''s',
                        pg_catalog.left(NEW.reader, 80), NEW.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Every ingesting role runs the reader with its own rights and writes the staging table; whoever owns them can change them.',
                  HINT = 'Make a member of grid_admin their owner (ALTER FUNCTION ... OWNER TO, ALTER TABLE ... OWNER TO), then add the channel.';
    END IF;
    -- Not in a restore (pg_dump's scripts run with row_security off): it
    -- brings the staging table's policies back itself.
    IF (TG_OP = 'INSERT' OR NEW.staging <> OLD.staging)
       AND pg_catalog.current_setting('row_security') <> 'off' THEN
        PERFORM grid.stage_protect(NEW.staging);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.channel_guard() IS
    'trigger function: refuses (42501) a change of grid.channel by anyone but an administrator, the removal or recoding of a built-in channel, (55006) a new bit for a channel with reports, (22023) a reader that is not one SECURITY INVOKER function returning grid.ingest_result, and (42501) a reader or staging table whose owner is no administrator; puts the staging rules on a new channel''s staging table (grid.stage_protect)';
CREATE TRIGGER channel_guard BEFORE INSERT OR UPDATE OR DELETE ON grid.channel
    FOR EACH ROW EXECUTE FUNCTION grid.channel_guard();
COMMENT ON TRIGGER channel_guard ON grid.channel IS 'only administrators change the channels; the built-in ones stay';

-- --------------------------------------------------------------- reports

CREATE TABLE grid.health_report (
    resident_id   grid.resident_id NOT NULL,
    channel       text NOT NULL REFERENCES grid.channel (code),
    report_minute timestamptz NOT NULL,
    reported_at   timestamptz NOT NULL,
    temperature   numeric CHECK (pg_catalog.scale(temperature) <= 2 AND temperature BETWEEN 34 AND 43),
    symptoms      text[] NOT NULL DEFAULT '{}',
    fever         boolean NOT NULL,
    division      grid.division_code NOT NULL,
    cell          grid.division_code,
    link_method   text NOT NULL CHECK (link_method IN ('id', 'phone', 'fuzzy', 'manual')),
    reported_by   text,
    batch_id      bigint,
    place         grid.division_code NOT NULL CHECK (place OPERATOR(grid.<@) division),
    -- Only an identical record filed in the same division is a duplicate:
    -- a correction or any other reading in the same minute is a report of
    -- its own, and so is the same reading filed by another village (the
    -- key must not tell one village what another holds).
    CONSTRAINT health_report_record_key
        UNIQUE NULLS NOT DISTINCT (resident_id, channel, report_minute, temperature, symptoms, division),
    CHECK (report_minute = pg_catalog.date_trunc('minute', reported_at, 'UTC')),
    CONSTRAINT health_report_time_plausible CHECK (pg_catalog.isfinite(reported_at) AND reported_at >= grid.earliest_time()),
    -- Whatever the threshold (37.0 to 38.5, grid.c), 38.5 and above is a
    -- fever and below 37.0 is none, by whatever route the row is written.
    CONSTRAINT health_report_fever_plausible
        CHECK (NOT (fever AND temperature < 37.0) AND NOT (NOT fever AND temperature >= 38.5))
);
COMMENT ON TABLE grid.health_report IS
    'daily health reports (temperature and symptoms) from every channel; a record that says the same as a stored one of the same division (same resident, channel, minute, temperature and symptoms) is a duplicate (distribution key resident_id)';
COMMENT ON COLUMN grid.health_report.resident_id IS 'who the report is about (distribution key)';
COMMENT ON COLUMN grid.health_report.channel IS 'the channel (grid.channel): app, sms, voice (robot call), proxy (a grid worker on the resident''s behalf), checkpoint, or one an administrator added';
COMMENT ON COLUMN grid.health_report.report_minute IS 'reported_at to the minute: a record of the same resident, channel and minute with the same temperature and symptoms, filed in the same division, is a duplicate';
COMMENT ON COLUMN grid.health_report.reported_at IS 'when the temperature was taken or the report sent (from grid.earliest_time(), 2019-12-01, on)';
COMMENT ON COLUMN grid.health_report.temperature IS 'degrees Celsius as written, 34.00 to 43.00, at most two decimals (never rounded); NULL when the resident answered "normal" without a reading';
COMMENT ON COLUMN grid.health_report.symptoms IS 'symptom codes (grid.symptom_codes()), sorted';
COMMENT ON COLUMN grid.health_report.fever IS 'temperature at or above grid.fever_threshold when the report was stored';
COMMENT ON COLUMN grid.health_report.division IS 'the resident''s village or community (from the registry)';
COMMENT ON COLUMN grid.health_report.cell IS 'the grid cell the report was sent from, when it carried coordinates (grid.locate)';
COMMENT ON COLUMN grid.health_report.link_method IS 'how the record was linked to the resident: id, phone, fuzzy (scored matching) or manual (review)';
COMMENT ON COLUMN grid.health_report.reported_by IS 'the grid worker (proxy), the sender''s phone (sms, voice) or the checkpoint';
COMMENT ON COLUMN grid.health_report.batch_id IS 'the ingestion batch (grid.ingest_batch)';
COMMENT ON COLUMN grid.health_report.place IS 'the resident''s place (grid.resident.place) when filed under the resident''s village, else the division; row-level security tests it';
COMMENT ON CONSTRAINT health_report_record_key ON grid.health_report IS
    'only an identical record is a duplicate: same resident, channel, minute, temperature (NULL equal to NULL), symptoms and division (the same reading filed by two villages, before and after a move, is each village''s own report: the key tells no village what another holds); it leads with the distribution key';
COMMENT ON CONSTRAINT health_report_time_plausible ON grid.health_report IS
    'a report is taken from 2019-12-01 (grid.earliest_time()) on';
COMMENT ON CONSTRAINT health_report_fever_plausible ON grid.health_report IS
    'no threshold grid.fever_threshold may take (37.0 to 38.5) makes 38.5 °C or more no fever, or less than 37.0 a fever';
CREATE INDEX health_report_place_idx ON grid.health_report (place, reported_at);
COMMENT ON INDEX grid.health_report_place_idx IS 'reports of a place and its subtree by time (access rules, daily reports)';
CREATE INDEX health_report_fever_idx ON grid.health_report (place, reported_at) WHERE fever;
COMMENT ON INDEX grid.health_report_fever_idx IS 'fever reports of a place by time';
SELECT pg_catalog.pg_extension_config_dump('grid.health_report', '');

-- Records that could not be linked to a resident, for a person to decide.
CREATE TABLE grid.report_review (
    sender_key    text NOT NULL,
    id            bigint GENERATED BY DEFAULT AS IDENTITY,
    channel       text NOT NULL REFERENCES grid.channel (code),
    report_minute timestamptz NOT NULL,
    reported_at   timestamptz NOT NULL,
    id_text       text,
    phone         text,
    name          text,
    temperature   numeric CHECK (pg_catalog.scale(temperature) <= 2 AND temperature BETWEEN 34 AND 43),
    symptoms      text[] NOT NULL DEFAULT '{}',
    outcome       text,
    division      grid.division_code NOT NULL,
    cell          grid.division_code,
    reported_by   text,
    best_candidate grid.resident_id,
    best_score    real,
    batch_id      bigint,
    resolved_at   timestamptz,
    -- (added in 0.2.0: at the end, where an update adds it)
    reason        text,
    PRIMARY KEY (sender_key, id),
    -- Only an identical record is a duplicate (same sender, channel,
    -- minute, and the same in everything it says).
    CONSTRAINT report_review_record_key
        UNIQUE NULLS NOT DISTINCT (sender_key, channel, report_minute, id_text, phone, name, division, temperature,
                                   symptoms, outcome),
    CHECK (report_minute = pg_catalog.date_trunc('minute', reported_at, 'UTC')),
    CONSTRAINT report_review_time_plausible CHECK (pg_catalog.isfinite(reported_at) AND reported_at >= grid.earliest_time())
);
COMMENT ON TABLE grid.report_review IS
    'accepted records no resident could be linked to automatically: the review queue, one entry per record (numbered), an identical record being a duplicate (distribution key sender_key)';
COMMENT ON COLUMN grid.report_review.sender_key IS 'what identifies the sender: the ID as given, else the phone, else the normalised name';
COMMENT ON COLUMN grid.report_review.id IS 'entry number, by which grid.resolve_review(entry, resident) names it';
COMMENT ON COLUMN grid.report_review.channel IS 'the channel it came through';
COMMENT ON COLUMN grid.report_review.report_minute IS 'reported_at to the minute (the duplicate test, with what the record says)';
COMMENT ON COLUMN grid.report_review.reported_at IS 'when (from grid.earliest_time(), 2019-12-01, on)';
COMMENT ON COLUMN grid.report_review.id_text IS 'the resident ID given (valid, but not registered)';
COMMENT ON COLUMN grid.report_review.phone IS 'the phone number, normalised';
COMMENT ON COLUMN grid.report_review.name IS 'the name given';
COMMENT ON COLUMN grid.report_review.temperature IS 'degrees Celsius as written, 34.00 to 43.00, at most two decimals';
COMMENT ON COLUMN grid.report_review.symptoms IS 'symptom codes';
COMMENT ON COLUMN grid.report_review.outcome IS 'voice: answered, no_answer or refused';
COMMENT ON COLUMN grid.report_review.division IS 'where it came from: the located cell''s village, or the division the record named, when the ingesting role covers them; else the division of grid.ingest_home() of the ingesting role';
COMMENT ON COLUMN grid.report_review.cell IS 'the grid cell of its coordinates';
COMMENT ON COLUMN grid.report_review.reported_by IS 'the grid worker or sender';
COMMENT ON COLUMN grid.report_review.best_candidate IS 'the best-scoring resident, below the automatic threshold';
COMMENT ON COLUMN grid.report_review.best_score IS 'its score (grid.match_candidates)';
COMMENT ON COLUMN grid.report_review.batch_id IS 'the ingestion batch';
COMMENT ON COLUMN grid.report_review.resolved_at IS 'when a reviewer linked it (grid.resolve_review)';
COMMENT ON COLUMN grid.report_review.reason IS 'why it waits, when more than no candidate good enough: a voice call''s callee (the callee is not a valid resident ID; the answer to whether the callee answered is neither yes nor no; the one who answered is not the callee; the callee does not hold the number called); NULL otherwise';
COMMENT ON CONSTRAINT report_review_record_key ON grid.report_review IS
    'only an identical record is a duplicate: same sender, channel, minute, ID, phone, name, division, temperature, symptoms and outcome (NULL equal to NULL)';
COMMENT ON CONSTRAINT report_review_time_plausible ON grid.report_review IS
    'a record is sent from 2019-12-01 (grid.earliest_time()) on';
CREATE INDEX report_review_division_idx ON grid.report_review (division);
COMMENT ON INDEX grid.report_review_division_idx IS 'the review queue of a division (access rules)';
SELECT pg_catalog.pg_extension_config_dump('grid.report_review', '');
SELECT pg_catalog.pg_extension_config_dump('grid.report_review_id_seq', '');
COMMENT ON SEQUENCE grid.report_review_id_seq IS 'numbers review-queue entries';

-- A reviewer links a queued entry, named by its number, to a resident: it
-- becomes a report (link_method manual) or an unreached call, the fever
-- rule applies, and the entry is marked resolved.  Returns false when the
-- resident already had an identical report (a duplicate, nothing stored).
-- VOLATILE: writes.
CREATE FUNCTION grid.resolve_review(entry bigint, resident grid.resident_id)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    q grid.report_review;
    d grid.division_code;
    stored boolean;
    fever_at constant numeric := grid.fever_threshold();
BEGIN
    SELECT * INTO q FROM grid.report_review v
     WHERE v.id = resolve_review.entry AND v.resolved_at IS NULL
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no unresolved review entry %', resolve_review.entry
            USING ERRCODE = 'no_data_found';
    END IF;
    SELECT r.division INTO d FROM grid.resident r WHERE r.id OPERATOR(grid.=) resolve_review.resident;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'resident % is not registered', grid.mask(resolve_review.resident)
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF q.outcome IN ('no_answer', 'refused') THEN
        INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division, phone, batch_id)
        VALUES (resolve_review.resident, q.report_minute, q.reported_at, q.outcome, d, q.phone, q.batch_id)
        ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, symptoms,
                                        fever, division, cell, link_method, reported_by, batch_id)
        VALUES (resolve_review.resident, q.channel, q.report_minute, q.reported_at, q.temperature, q.symptoms,
                coalesce(q.temperature >= fever_at, false), d, q.cell, 'manual', q.reported_by,
                q.batch_id)
        ON CONFLICT DO NOTHING;
    END IF;
    stored := FOUND;
    IF stored AND q.temperature >= fever_at THEN
        INSERT INTO grid.key_person (resident_id, category, division, period_start, reason)
        VALUES (resolve_review.resident, 'fever_unexcluded', d, grid.report_day(q.reported_at),
                pg_catalog.format('%s report of %s °C at %s (linked by review)', q.channel, q.temperature, q.reported_at))
        ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING;
    END IF;
    UPDATE grid.report_review v SET resolved_at = pg_catalog.now(), best_candidate = resolve_review.resident
     WHERE v.sender_key = q.sender_key AND v.id = q.id;
    RETURN stored;
END
$$;
COMMENT ON FUNCTION grid.resolve_review(bigint, grid.resident_id) IS
    'a reviewer links entry number entry of grid.report_review to a resident: stored as a report (link_method manual) or an unreached call, fever rule applied, entry marked resolved; false when it duplicates a stored report';

-- The same, the entry named by sender, channel and minute, as before entries
-- had numbers: refused when several unresolved entries share them (a
-- correction in the same minute), since picking one would be a guess.
-- VOLATILE: writes.
CREATE FUNCTION grid.resolve_review(sender_key text, channel text, report_minute timestamptz,
                                    resident grid.resident_id)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    entries bigint[];
BEGIN
    SELECT pg_catalog.array_agg(v.id ORDER BY v.id) INTO entries FROM grid.report_review v
     WHERE v.sender_key = resolve_review.sender_key AND v.channel = resolve_review.channel
       AND v.report_minute = resolve_review.report_minute AND v.resolved_at IS NULL;
    IF entries IS NULL THEN
        RAISE EXCEPTION 'no unresolved review entry for this sender, channel and minute'
            USING ERRCODE = 'no_data_found';
    ELSIF pg_catalog.cardinality(entries) > 1 THEN
        RAISE EXCEPTION '% unresolved review entries for this sender, channel and minute', pg_catalog.cardinality(entries)
            USING ERRCODE = 'too_many_rows',
                  DETAIL = pg_catalog.format('The entries are numbers %s.', pg_catalog.array_to_string(entries[1:10], ', ')),
                  HINT = 'Name the entry by its number: grid.resolve_review(entry, resident).';
    END IF;
    RETURN grid.resolve_review(entries[1], resolve_review.resident);
END
$$;
COMMENT ON FUNCTION grid.resolve_review(text, text, timestamptz, grid.resident_id) IS
    'grid.resolve_review(entry, resident) for the one unresolved entry of this sender, channel and minute; refused (P0003) when there are several';

-- Robot calls that reached nobody: the grid worker follows them up.
CREATE TABLE grid.unreached (
    resident_id   grid.resident_id NOT NULL,
    channel       text NOT NULL DEFAULT 'voice' REFERENCES grid.channel (code),
    report_minute timestamptz NOT NULL,
    called_at     timestamptz NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('no_answer', 'refused')),
    division      grid.division_code NOT NULL,
    phone         text,
    batch_id      bigint,
    place         grid.division_code NOT NULL CHECK (place OPERATOR(grid.<@) division),
    -- Only an identical record filed in the same division is a duplicate:
    -- no answer, then refused, in one minute are two calls, and the same
    -- call filed by two villages is each village's own.
    CONSTRAINT unreached_record_key
        UNIQUE NULLS NOT DISTINCT (resident_id, channel, report_minute, outcome, phone, division),
    CHECK (report_minute = pg_catalog.date_trunc('minute', called_at, 'UTC')),
    CONSTRAINT unreached_time_plausible CHECK (pg_catalog.isfinite(called_at) AND called_at >= grid.earliest_time())
);
COMMENT ON TABLE grid.unreached IS
    'voice-robot calls to a resident that were not answered or were refused; the grid worker follows up; an identical record is a duplicate (distribution key resident_id)';
COMMENT ON COLUMN grid.unreached.resident_id IS 'who was called';
COMMENT ON COLUMN grid.unreached.channel IS 'the channel that called (grid.channel): voice, or one an administrator added';
COMMENT ON COLUMN grid.unreached.report_minute IS 'called_at to the minute (the duplicate test, with the outcome and the number)';
COMMENT ON COLUMN grid.unreached.called_at IS 'when the call was made (from grid.earliest_time(), 2019-12-01, on)';
COMMENT ON COLUMN grid.unreached.outcome IS 'no_answer or refused';
COMMENT ON COLUMN grid.unreached.division IS 'the resident''s village or community';
COMMENT ON COLUMN grid.unreached.phone IS 'the number called, normalised';
COMMENT ON COLUMN grid.unreached.batch_id IS 'the ingestion batch';
COMMENT ON COLUMN grid.unreached.place IS 'the resident''s place, as in grid.health_report; row-level security tests it';
CREATE INDEX unreached_place_idx ON grid.unreached (place, called_at);
COMMENT ON INDEX grid.unreached_place_idx IS 'unreached residents of a place by time';
COMMENT ON CONSTRAINT unreached_record_key ON grid.unreached IS
    'only an identical record is a duplicate: same resident, channel, minute, outcome, number (NULL equal to NULL) and division (a key spanning villages would tell one what another holds)';
COMMENT ON CONSTRAINT unreached_time_plausible ON grid.unreached IS
    'a call is made from 2019-12-01 (grid.earliest_time()) on';
SELECT pg_catalog.pg_extension_config_dump('grid.unreached', '');

-- ------------------------------------------------------------ key persons

CREATE TABLE grid.key_person (
    resident_id  grid.resident_id NOT NULL,
    id           bigint GENERATED BY DEFAULT AS IDENTITY,
    category     text NOT NULL CHECK (category IN ('confirmed', 'suspected', 'fever_unexcluded', 'close_contact',
                                                   'epicentre_returnee', 'home_observation', 'central_isolation')),
    division     grid.division_code NOT NULL,
    period_start date NOT NULL DEFAULT CURRENT_DATE,
    period_end   date NOT NULL,      -- filled by grid.key_person_defaults when not given
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'released', 'transferred')),
    reason       text,
    opened_by    text NOT NULL DEFAULT CURRENT_USER,
    opened_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    closed_at    timestamptz,
    place        grid.division_code NOT NULL CHECK (place OPERATOR(grid.<@) division),
    PRIMARY KEY (resident_id, id),
    CHECK (period_end >= period_start),
    CHECK ((status = 'open') = (closed_at IS NULL)),
    CONSTRAINT key_person_period_plausible
        CHECK (pg_catalog.isfinite(period_start) AND period_start >= grid.earliest_date()
               AND period_end <= period_start + 366)
);
COMMENT ON TABLE grid.key_person IS
    'key persons (重点人员): a resident under a category for a period; at most one open entry per resident and category (distribution key resident_id)';
COMMENT ON COLUMN grid.key_person.resident_id IS 'the resident (distribution key)';
COMMENT ON COLUMN grid.key_person.id IS 'entry number';
COMMENT ON COLUMN grid.key_person.category IS 'confirmed, suspected, fever_unexcluded, close_contact, epicentre_returnee, home_observation or central_isolation';
COMMENT ON COLUMN grid.key_person.division IS 'the resident''s village or community';
COMMENT ON COLUMN grid.key_person.period_start IS 'first day of the observation or isolation (from grid.earliest_date(), 2019-12-01, on)';
COMMENT ON COLUMN grid.key_person.period_end IS 'last day, at most 366 days after the start; grid.observation_days after the start when not given';
COMMENT ON COLUMN grid.key_person.status IS 'open, released or transferred (to hospital or central isolation)';
COMMENT ON COLUMN grid.key_person.reason IS 'why: a fever report (with its temperature and channel), a list, a worker''s note';
COMMENT ON COLUMN grid.key_person.opened_by IS 'the role that opened it (the ingesting role for fever entries)';
COMMENT ON COLUMN grid.key_person.opened_at IS 'when it was opened';
COMMENT ON COLUMN grid.key_person.closed_at IS 'when it was released or transferred';
COMMENT ON COLUMN grid.key_person.place IS 'the resident''s place, as in grid.health_report; row-level security tests it';
COMMENT ON CONSTRAINT key_person_period_plausible ON grid.key_person IS
    'a period is finite, starts on or after 2019-12-01 (grid.earliest_date()) and lasts at most 366 days';
CREATE UNIQUE INDEX key_person_open_idx ON grid.key_person (resident_id, category) WHERE status = 'open';
COMMENT ON INDEX grid.key_person_open_idx IS 'at most one open entry per resident and category (the fever rule relies on it)';
CREATE INDEX key_person_place_idx ON grid.key_person (place, category) WHERE status = 'open';
COMMENT ON INDEX grid.key_person_place_idx IS 'open key persons of a place by category';
CREATE INDEX key_person_place_all_idx ON grid.key_person (place);
COMMENT ON INDEX grid.key_person_place_all_idx IS 'all entries of a place (access rules)';
SELECT pg_catalog.pg_extension_config_dump('grid.key_person', '');
SELECT pg_catalog.pg_extension_config_dump('grid.key_person_id_seq', '');
COMMENT ON SEQUENCE grid.key_person_id_seq IS 'numbers key-person entries';

-- The default end of a key-person entry.  VOLATILE: a trigger function.
CREATE FUNCTION grid.key_person_defaults() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.period_end := coalesce(NEW.period_end, NEW.period_start + grid.observation_days());
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.key_person_defaults() IS
    'trigger function: a key-person entry without an end lasts grid.observation_days from its start';
CREATE TRIGGER key_person_defaults BEFORE INSERT ON grid.key_person
    FOR EACH ROW WHEN (NEW.period_end IS NULL) EXECUTE FUNCTION grid.key_person_defaults();
COMMENT ON TRIGGER key_person_defaults ON grid.key_person IS 'sets period_end from grid.observation_days when it is not given';

-- Put a resident on the key-person list (or return the open entry of that
-- category).  The period starts on or after grid.earliest_date() and not
-- after today, and lasts at most 366 days.  VOLATILE: writes.
CREATE FUNCTION grid.add_key_person(resident grid.resident_id, category text, reason text DEFAULT NULL,
                                    period_start date DEFAULT CURRENT_DATE, period_end date DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    d grid.division_code;
    entry bigint;
BEGIN
    PERFORM grid.check_date('key-person period start', add_key_person.period_start);
    IF add_key_person.period_end IS NOT NULL THEN
        IF NOT pg_catalog.isfinite(add_key_person.period_end) THEN
            RAISE EXCEPTION 'key-person period end must be a finite date'
                USING ERRCODE = 'datetime_field_overflow',
                      HINT = 'Leave the end out for grid.observation_days from the start.';
        ELSIF add_key_person.period_end < add_key_person.period_start THEN
            RAISE EXCEPTION 'key-person period ends on %, before it starts on %',
                            pg_catalog.to_char(add_key_person.period_end, 'YYYY-MM-DD'),
                            pg_catalog.to_char(add_key_person.period_start, 'YYYY-MM-DD')
                USING ERRCODE = 'invalid_parameter_value';
        ELSIF add_key_person.period_end > add_key_person.period_start + 366 THEN
            RAISE EXCEPTION 'key-person period of % days is too long', add_key_person.period_end - add_key_person.period_start + 1
                USING ERRCODE = 'datetime_field_overflow',
                      DETAIL = 'A period ends at most 366 days after it starts.';
        END IF;
    END IF;
    SELECT r.division INTO d FROM grid.resident r WHERE r.id OPERATOR(grid.=) add_key_person.resident;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'resident % is not registered', grid.mask(add_key_person.resident)
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Key persons are registered residents; add the resident first.';
    END IF;
    INSERT INTO grid.key_person AS k (resident_id, category, division, period_start, period_end, reason)
    VALUES (add_key_person.resident, add_key_person.category, d, add_key_person.period_start,
            add_key_person.period_end, add_key_person.reason)
    ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING
    RETURNING k.id INTO entry;
    IF entry IS NULL THEN
        SELECT k.id INTO entry FROM grid.key_person k
         WHERE k.resident_id OPERATOR(grid.=) add_key_person.resident
           AND k.category = add_key_person.category AND k.status = 'open';
    END IF;
    RETURN entry;
END
$$;
COMMENT ON FUNCTION grid.add_key_person(grid.resident_id, text, text, date, date) IS
    'put a registered resident on the key-person list under a category (the end defaults to grid.observation_days after the start); the period starts from 2019-12-01 to today and ends at most 366 days later (else 22008; an end before the start 22023); returns the entry, or the one already open for that category';

-- Release or transfer an entry.  VOLATILE: writes.
CREATE FUNCTION grid.close_key_person(resident grid.resident_id, entry bigint, status text DEFAULT 'released')
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    IF close_key_person.status NOT IN ('released', 'transferred') THEN
        RAISE EXCEPTION 'status must be released or transferred' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE grid.key_person k SET status = close_key_person.status, closed_at = now()
     WHERE k.resident_id OPERATOR(grid.=) close_key_person.resident AND k.id = close_key_person.entry
       AND k.status = 'open';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no open key-person entry % for this resident', entry USING ERRCODE = 'no_data_found';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.close_key_person(grid.resident_id, bigint, text) IS
    'release (default) or transfer an open key-person entry';

-- --------------------------------------------------------------- returnees

CREATE TABLE grid.returnee (
    id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    resident_id    grid.resident_id,
    id_text        text,
    name           text NOT NULL CHECK (btrim(name) <> ''),
    phone          text,
    division       grid.division_code NOT NULL,
    arrival_date   date NOT NULL,
    origin         grid.division_code,
    origin_text    text,
    transport      text CHECK (transport IN ('car', 'train', 'bus', 'plane', 'ship', 'other')),
    vehicle_plate  text,
    registered_by  text NOT NULL DEFAULT CURRENT_USER,
    registered_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CHECK (origin IS NOT NULL OR origin_text IS NOT NULL),
    CONSTRAINT returnee_arrival_plausible
        CHECK (pg_catalog.isfinite(arrival_date) AND arrival_date >= grid.earliest_date())
);
COMMENT ON TABLE grid.returnee IS
    'people returning from elsewhere (返乡人员): when, from where, how, linked to a resident when one is known (distribution key id)';
COMMENT ON COLUMN grid.returnee.id IS 'returnee number';
COMMENT ON COLUMN grid.returnee.resident_id IS 'the linked resident, when known';
COMMENT ON COLUMN grid.returnee.id_text IS 'the ID number as given';
COMMENT ON COLUMN grid.returnee.name IS 'name as given';
COMMENT ON COLUMN grid.returnee.phone IS 'phone, normalised';
COMMENT ON COLUMN grid.returnee.division IS 'the village or community they returned to';
COMMENT ON COLUMN grid.returnee.arrival_date IS 'day of arrival (from grid.earliest_date(), 2019-12-01, on)';
COMMENT ON COLUMN grid.returnee.origin IS 'the division they came from (420100 Wuhan), when known';
COMMENT ON COLUMN grid.returnee.origin_text IS 'where they came from as given, when no code was given (with origin 4201 when the text names Wuhan)';
COMMENT ON COLUMN grid.returnee.transport IS 'car, train, bus, plane, ship or other';
COMMENT ON COLUMN grid.returnee.vehicle_plate IS 'vehicle plate (鄂A12345) as grid.read_plate reads it';
COMMENT ON COLUMN grid.returnee.registered_by IS 'who registered them';
COMMENT ON COLUMN grid.returnee.registered_at IS 'when';
COMMENT ON CONSTRAINT returnee_arrival_plausible ON grid.returnee IS
    'an arrival is on a finite day from 2019-12-01 (grid.earliest_date()) on';
CREATE INDEX returnee_division_idx ON grid.returnee (division, arrival_date);
COMMENT ON INDEX grid.returnee_division_idx IS 'returnees of a division by day of arrival (daily report of new returnees)';
CREATE INDEX returnee_resident_idx ON grid.returnee (resident_id);
COMMENT ON INDEX grid.returnee_resident_idx IS 'returns of a resident';
SELECT pg_catalog.pg_extension_config_dump('grid.returnee', '');
SELECT pg_catalog.pg_extension_config_dump('grid.returnee_id_seq', '');
COMMENT ON SEQUENCE grid.returnee_id_seq IS 'numbers returnees';

-- The epicentre, as the returnee rule reads it.  IMMUTABLE.
CREATE FUNCTION grid.epicentre() RETURNS grid.division_code
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '4201'::grid.division_code;
COMMENT ON FUNCTION grid.epicentre() IS 'the epicentre: Wuhan (4201); returnees from inside it become epicentre_returnee key persons';

-- Register a returnee: linked by ID (else phone, name), and a returnee from
-- the epicentre who is a registered resident becomes a key person.
-- VOLATILE: writes.
CREATE FUNCTION grid.register_returnee(name text, division grid.division_code, arrival_date date,
                                       origin text, id text DEFAULT NULL, phone text DEFAULT NULL,
                                       transport text DEFAULT NULL, vehicle_plate text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    rid grid.resident_id;
    org grid.division_code;
    named boolean := false;
    entry bigint;
    plate text;
BEGIN
    PERFORM grid.check_date('arrival date', register_returnee.arrival_date);
    plate := grid.read_plate(grid.nonblank(register_returnee.vehicle_plate));
    IF grid.nonblank(register_returnee.vehicle_plate) IS NOT NULL AND plate IS NULL THEN
        RAISE EXCEPTION 'invalid vehicle plate: "%"', left(register_returnee.vehicle_plate, 20)
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'A plate as issued: 鄂A12345, 鄂AD12345 (new energy), 鄂A1234挂, 使014578, WJ鄂1234X, VA12345.';
    END IF;
    IF register_returnee.id IS NOT NULL THEN
        rid := grid.resident_id(register_returnee.id);   -- raises on an invalid ID
        IF NOT EXISTS (SELECT FROM grid.resident r WHERE r.id OPERATOR(grid.=) rid) THEN
            rid := NULL;
        END IF;
    END IF;
    IF rid IS NULL AND grid.normalize_phone(register_returnee.phone) IS NOT NULL THEN
        SELECT min(r.id::text) INTO rid FROM grid.resident r
         WHERE r.phones[1] = grid.normalize_phone(register_returnee.phone)
           AND r.name_fuzzy = grid.pinyin_fuzzy(register_returnee.name)
        HAVING count(*) = 1;
    END IF;
    -- The origin: a division code, or a number that is none, refused with
    -- the reason (never kept as text); a text naming the epicentre (武汉, or
    -- 汉口, 武昌, 汉阳, the towns it is made of, in Chinese or in Latin
    -- letters) is the epicentre, its text kept, since the registry rarely
    -- holds Wuhan's divisions; unless it names it to deny it (不是武汉) or
    -- to place itself near or through it (武汉周边, 途经武汉), which is
    -- refused: whether that is the epicentre is not for grid to guess.  Any
    -- other text is kept as written.
    IF grid.is_valid_division_code(origin) THEN
        org := origin::grid.division_code;
    ELSIF pg_catalog.translate(pg_catalog.btrim(origin), '０１２３４５６７８９', '0123456789') ~ '^[0-9]+$' THEN
        org := origin::grid.division_code;      -- raises 22P02, saying why
    ELSIF origin ~* '武汉|汉口|武昌|汉阳|wu ?han|han ?kou|wu ?chang|han ?yang' THEN
        IF origin ~ '不|非|没|未|无|否|周边|附近|周围|旁边|途经|经过|路过|中转|转车|转机|过境|以外|之外' THEN
            RAISE EXCEPTION 'unclear origin: "%"', left(origin, 40)
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'The origin names Wuhan, the epicentre, but also denies it or places itself near or through it.',
                      HINT = 'Give the place the returnee came from (武汉, or another place), or its division code.';
        END IF;
        org := grid.epicentre();
        named := true;
    END IF;
    INSERT INTO grid.returnee (resident_id, id_text, name, phone, division, arrival_date, origin, origin_text,
                               transport, vehicle_plate)
    VALUES (rid, register_returnee.id, register_returnee.name, grid.normalize_phone(register_returnee.phone),
            register_returnee.division, register_returnee.arrival_date, org,
            CASE WHEN org IS NULL OR named THEN register_returnee.origin END, register_returnee.transport,
            plate)
    RETURNING returnee.id INTO entry;
    IF rid IS NOT NULL AND org OPERATOR(grid.<@) grid.epicentre() THEN
        PERFORM grid.add_key_person(rid, 'epicentre_returnee', 'returned from ' || org::text,
                                    register_returnee.arrival_date);
    END IF;
    RETURN entry;
END
$$;
COMMENT ON FUNCTION grid.register_returnee(text, grid.division_code, date, text, text, text, text, text) IS
    'register a returnee (origin a division code such as 420102, else 22P02 for a number that is none; or text, a text naming Wuhan (武汉, 汉口, 武昌, 汉阳, also in Latin letters) read as the epicentre, 22023 when it also denies it or places itself near or through it (不是武汉, 武汉周边, 途经武汉); arrival from 2019-12-01 to today, else 22008; a vehicle plate as grid.read_plate reads it, else 22P02); linked to the resident by ID or by phone and name; a registered resident returning from the epicentre gets an epicentre_returnee key-person entry from the day of arrival. Returns the returnee number';

-- ------------------------------------------------------ checkpoint passages

CREATE TABLE grid.checkpoint_passage (
    checkpoint_id  bigint NOT NULL REFERENCES grid.checkpoint (id),
    id             bigint GENERATED BY DEFAULT AS IDENTITY,
    passed_at      timestamptz NOT NULL,
    pass_minute    timestamptz NOT NULL,
    direction      text NOT NULL CHECK (direction IN ('in', 'out')),
    person         text,
    person_key     text NOT NULL,
    resident_id    grid.resident_id,
    vehicle_plate  text,
    temperature    numeric CHECK (pg_catalog.scale(temperature) <= 2 AND temperature BETWEEN 34 AND 43),
    pass_checked   boolean NOT NULL DEFAULT false,
    from_epicentre boolean NOT NULL DEFAULT false,
    turned_back    boolean NOT NULL DEFAULT false,
    division       grid.division_code NOT NULL,
    batch_id       bigint,
    PRIMARY KEY (checkpoint_id, id),
    -- Only an identical record is a duplicate: a temperature taken again
    -- in the same minute is a passage of its own.
    CONSTRAINT checkpoint_passage_record_key
        UNIQUE NULLS NOT DISTINCT (checkpoint_id, person_key, direction, pass_minute, temperature, vehicle_plate,
                                   pass_checked, from_epicentre, turned_back),
    CHECK (pass_minute = pg_catalog.date_trunc('minute', passed_at, 'UTC')),
    CONSTRAINT checkpoint_passage_time_plausible CHECK (pg_catalog.isfinite(passed_at) AND passed_at >= grid.earliest_time())
);
COMMENT ON TABLE grid.checkpoint_passage IS
    'people and vehicles registered at a checkpoint (卡口): temperature, pass checked, vehicle from the epicentre (distribution key checkpoint_id)';
COMMENT ON COLUMN grid.checkpoint_passage.checkpoint_id IS 'the checkpoint (distribution key)';
COMMENT ON COLUMN grid.checkpoint_passage.id IS 'passage number';
COMMENT ON COLUMN grid.checkpoint_passage.passed_at IS 'when (from grid.earliest_time(), 2019-12-01, on)';
COMMENT ON COLUMN grid.checkpoint_passage.pass_minute IS 'passed_at to the minute (the duplicate test, with what the record says)';
COMMENT ON COLUMN grid.checkpoint_passage.direction IS 'in or out';
COMMENT ON COLUMN grid.checkpoint_passage.person IS 'the person as given: an ID number or a name';
COMMENT ON COLUMN grid.checkpoint_passage.person_key IS 'the ID, else the normalised name, else the plate: who passed, for the duplicate test';
COMMENT ON COLUMN grid.checkpoint_passage.resident_id IS 'the linked resident, when the person could be linked';
COMMENT ON COLUMN grid.checkpoint_passage.vehicle_plate IS 'vehicle plate (鄂A12345) as grid.read_plate reads it';
COMMENT ON COLUMN grid.checkpoint_passage.temperature IS 'temperature taken, degrees Celsius as written (at most two decimals)';
COMMENT ON COLUMN grid.checkpoint_passage.pass_checked IS 'a pass issued by a village was shown and checked';
COMMENT ON COLUMN grid.checkpoint_passage.from_epicentre IS 'the vehicle came from the epicentre (said so, or a Wuhan plate 鄂A)';
COMMENT ON COLUMN grid.checkpoint_passage.turned_back IS 'turned back (劝返): registered at the checkpoint and not let through';
COMMENT ON COLUMN grid.checkpoint_passage.division IS 'the division that runs the checkpoint';
COMMENT ON COLUMN grid.checkpoint_passage.batch_id IS 'the ingestion batch';
COMMENT ON CONSTRAINT checkpoint_passage_record_key ON grid.checkpoint_passage IS
    'only an identical record is a duplicate: same checkpoint, person, direction, minute, temperature, plate and answers (NULL equal to NULL)';
COMMENT ON CONSTRAINT checkpoint_passage_time_plausible ON grid.checkpoint_passage IS
    'a passage is from 2019-12-01 (grid.earliest_time()) on';
CREATE INDEX checkpoint_passage_division_idx ON grid.checkpoint_passage (division, passed_at);
COMMENT ON INDEX grid.checkpoint_passage_division_idx IS 'passages of a division''s checkpoints by time';
SELECT pg_catalog.pg_extension_config_dump('grid.checkpoint_passage', '');
SELECT pg_catalog.pg_extension_config_dump('grid.checkpoint_passage_id_seq', '');
COMMENT ON SEQUENCE grid.checkpoint_passage_id_seq IS 'numbers checkpoint passages';

-- ---------------------------------------------------------------- services

CREATE TABLE grid.service_request (
    resident_id  grid.resident_id NOT NULL,
    id           bigint GENERATED BY DEFAULT AS IDENTITY,
    kind         text NOT NULL CHECK (kind IN ('medicine', 'gas', 'groceries', 'paid_order_pickup', 'other')),
    detail       text,
    division     grid.division_code NOT NULL,
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'done', 'cancelled')),
    worker       text,
    requested_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    taken_at     timestamptz,
    done_at      timestamptz,
    place        grid.division_code NOT NULL CHECK (place OPERATOR(grid.<@) division),
    PRIMARY KEY (resident_id, id),
    CHECK (status = 'open' OR status = 'cancelled' OR (worker IS NOT NULL AND taken_at IS NOT NULL)),
    CHECK ((status IN ('done', 'cancelled')) = (done_at IS NOT NULL)),
    CONSTRAINT service_request_times_plausible
        CHECK (pg_catalog.isfinite(requested_at) AND requested_at >= grid.earliest_time()
               AND taken_at >= requested_at AND pg_catalog.isfinite(taken_at)
               AND done_at >= requested_at AND pg_catalog.isfinite(done_at))
);
COMMENT ON TABLE grid.service_request IS
    'services to residents in lockdown: medicine, gas cylinders, groceries, collecting paid orders (distribution key resident_id)';
COMMENT ON COLUMN grid.service_request.resident_id IS 'who asked (distribution key)';
COMMENT ON COLUMN grid.service_request.id IS 'request number';
COMMENT ON COLUMN grid.service_request.kind IS 'medicine, gas, groceries, paid_order_pickup or other';
COMMENT ON COLUMN grid.service_request.detail IS 'what exactly (the medicine, the shop, the order number)';
COMMENT ON COLUMN grid.service_request.division IS 'the resident''s village or community';
COMMENT ON COLUMN grid.service_request.status IS 'open, taken (a worker has it), done or cancelled';
COMMENT ON COLUMN grid.service_request.worker IS 'the grid worker or volunteer who took it';
COMMENT ON COLUMN grid.service_request.requested_at IS 'when it was asked for';
COMMENT ON COLUMN grid.service_request.taken_at IS 'when a worker took it';
COMMENT ON COLUMN grid.service_request.done_at IS 'when it was done or cancelled';
COMMENT ON COLUMN grid.service_request.place IS 'the resident''s place, as in grid.health_report; row-level security tests it';
CREATE INDEX service_request_place_idx ON grid.service_request (place, status);
COMMENT ON INDEX grid.service_request_place_idx IS 'requests of a place by status (the worker''s list)';
COMMENT ON CONSTRAINT service_request_times_plausible ON grid.service_request IS
    'a request is asked for from 2019-12-01 (grid.earliest_time()) on, and taken and done after it was asked for, at finite times';
SELECT pg_catalog.pg_extension_config_dump('grid.service_request', '');
SELECT pg_catalog.pg_extension_config_dump('grid.service_request_id_seq', '');
COMMENT ON SEQUENCE grid.service_request_id_seq IS 'numbers service requests';

-- Entry numbers come from their sequence.  grid.key_person,
-- grid.service_request and grid.report_review are keyed by a resident or
-- a sender and then a number, and a resident who moved brings his former
-- village's rows along: a number of the writer's choosing would answer,
-- by a key conflict, whether that village holds that row.  So whoever is
-- not an administrator (a restore, a migration) writes no number of its
-- own: a new row's number must be the one its sequence just gave in this
-- session (its column default), and a row's number never changes.
-- SECURITY DEFINER: reads the sequence, which writers need no privilege on.
CREATE FUNCTION grid.numbered_by_sequence() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    given bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the entry numbers of %.% do not change', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write a new entry; only an administrator renumbers one.';
    END IF;
    BEGIN
        -- the sequence named by the trigger, not looked up for each row
        given := pg_catalog.currval(TG_ARGV[0]::regclass);
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        given := NULL;      -- no number drawn in this session yet
    END;
    IF given IS DISTINCT FROM NEW.id THEN
        RAISE EXCEPTION 'the entry numbers of %.% are given by its sequence', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Leave the column id out of the INSERT; only an administrator writes a number of its own.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.numbered_by_sequence() IS
    'trigger function: refuses (42501) a new entry whose number is not the one its sequence (the trigger''s argument) just gave (the column default), and a change of number; for every role but administrators (the trigger''s WHEN)';
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.key_person
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.key_person_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.service_request
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.service_request_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.report_review
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.report_review_id_seq');
COMMENT ON TRIGGER numbered_by_sequence ON grid.key_person IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.service_request IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.report_review IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
-- grid.returnee is keyed by its number alone: a number of the writer's
-- choosing would answer, by a key conflict, whether any village holds
-- that entry, and so count every village's returnees.
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.returnee
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.returnee_id_seq');
COMMENT ON TRIGGER numbered_by_sequence ON grid.returnee IS 'entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
-- So are the registry's addresses, houses, units and households, the
-- source batches, the ingestion rejects and the look-up audit: a number of
-- the writer's choosing would answer, by a key conflict, whether another
-- village holds that address or household, or how many batches, rejects
-- and look-ups the city has.
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.standard_address
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.standard_address_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.house
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.house_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.work_unit
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.work_unit_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.household
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.household_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.source_batch
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.source_batch_id_seq');
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.lookup_audit
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.lookup_audit_id_seq');
COMMENT ON TRIGGER numbered_by_sequence ON grid.standard_address IS 'address numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.house IS 'house numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.work_unit IS 'unit numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.household IS 'household numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.source_batch IS 'batch numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
COMMENT ON TRIGGER numbered_by_sequence ON grid.lookup_audit IS 'audit entry numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';
-- A source record's number is its record_id: the same rule for it.
-- SECURITY DEFINER: as grid.numbered_by_sequence.
CREATE FUNCTION grid.record_numbered_by_sequence() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    given bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the record numbers of grid.source_record do not change'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write a new record; only an administrator renumbers one.';
    END IF;
    BEGIN
        given := pg_catalog.currval('grid.source_record_record_id_seq'::regclass);
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        given := NULL;
    END;
    IF given IS DISTINCT FROM NEW.record_id THEN
        RAISE EXCEPTION 'the record numbers of grid.source_record are given by its sequence'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Leave the column record_id out of the INSERT; only an administrator writes a number of its own.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.record_numbered_by_sequence() IS
    'trigger function: refuses (42501) a new source record whose record_id is not the one its sequence just gave (the column default), and a change of record_id; for every role but administrators (the trigger''s WHEN)';
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF record_id ON grid.source_record
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.record_numbered_by_sequence();
COMMENT ON TRIGGER numbered_by_sequence ON grid.source_record IS 'record numbers from the sequence only, but for administrators (grid.record_numbered_by_sequence)';

-- VOLATILE: writes.
CREATE FUNCTION grid.request_service(resident grid.resident_id, kind text, detail text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    entry bigint;
BEGIN
    INSERT INTO grid.service_request (resident_id, kind, detail, division)
    SELECT r.id, request_service.kind, request_service.detail, r.division
      FROM grid.resident r WHERE r.id OPERATOR(grid.=) request_service.resident
    RETURNING id INTO entry;
    IF entry IS NULL THEN
        RAISE EXCEPTION 'resident % is not registered', grid.mask(request_service.resident)
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN entry;
END
$$;
COMMENT ON FUNCTION grid.request_service(grid.resident_id, text, text) IS
    'a resident asks for a service (medicine, gas, groceries, paid_order_pickup, other); returns the request number';

-- VOLATILE: writes.
CREATE FUNCTION grid.take_service(resident grid.resident_id, request bigint, worker text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    UPDATE grid.service_request s SET status = 'taken', worker = take_service.worker, taken_at = now()
     WHERE s.resident_id OPERATOR(grid.=) take_service.resident AND s.id = take_service.request AND s.status = 'open';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no open service request %', request USING ERRCODE = 'no_data_found',
              HINT = 'Only an open request can be taken.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.take_service(grid.resident_id, bigint, text) IS 'a grid worker takes an open service request';

-- VOLATILE: writes.
CREATE FUNCTION grid.finish_service(resident grid.resident_id, request bigint, status text DEFAULT 'done')
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    IF finish_service.status NOT IN ('done', 'cancelled') THEN
        RAISE EXCEPTION 'status must be done or cancelled' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE grid.service_request s SET status = finish_service.status, done_at = now()
     WHERE s.resident_id OPERATOR(grid.=) finish_service.resident AND s.id = finish_service.request
       AND (s.status = 'taken' OR (s.status = 'open' AND finish_service.status = 'cancelled'));
    IF NOT FOUND THEN
        RAISE EXCEPTION 'service request % cannot be %', request, finish_service.status
            USING ERRCODE = 'no_data_found', HINT = 'A request is done once taken; an open one can only be cancelled.';
    END IF;
END
$$;
COMMENT ON FUNCTION grid.finish_service(grid.resident_id, bigint, text) IS
    'a taken request is done, or an open or taken one cancelled';

-- ------------------------------------------------------------------- teams

CREATE TABLE grid.team_member (
    division grid.division_code NOT NULL,
    id       bigint GENERATED BY DEFAULT AS IDENTITY,
    role     text NOT NULL CHECK (role IN ('doctor', 'police', 'grid_worker', 'cadre', 'volunteer')),
    name     text NOT NULL CHECK (btrim(name) <> ''),
    phone    text,
    cell     grid.division_code,
    PRIMARY KEY (division, id),
    CHECK (grid.level(division) = 'village'),
    CHECK (cell IS NULL OR grid.parent(cell) OPERATOR(grid.=) division)
);
COMMENT ON TABLE grid.team_member IS
    'the "1 + 1 + N + K" team of a village or community: one village doctor, one police officer, N grid workers with cadres and volunteers';
COMMENT ON COLUMN grid.team_member.division IS 'the village or community';
COMMENT ON COLUMN grid.team_member.id IS 'member number';
COMMENT ON COLUMN grid.team_member.role IS 'doctor (one), police (one), grid_worker, cadre or volunteer';
COMMENT ON COLUMN grid.team_member.name IS 'name';
COMMENT ON COLUMN grid.team_member.phone IS 'phone';
COMMENT ON COLUMN grid.team_member.cell IS 'a grid worker''s grid cell, under the village';
CREATE UNIQUE INDEX team_member_one_idx ON grid.team_member (division, role) WHERE role IN ('doctor', 'police');
COMMENT ON INDEX grid.team_member_one_idx IS 'one doctor and one police officer per village';
SELECT pg_catalog.pg_extension_config_dump('grid.team_member', '');
SELECT pg_catalog.pg_extension_config_dump('grid.team_member_id_seq', '');
COMMENT ON SEQUENCE grid.team_member_id_seq IS 'numbers team members';

CREATE TABLE grid.team_checkpoint (
    division      grid.division_code NOT NULL,
    checkpoint_id bigint NOT NULL REFERENCES grid.checkpoint (id),
    PRIMARY KEY (division, checkpoint_id),
    CHECK (grid.level(division) = 'village')
);
COMMENT ON TABLE grid.team_checkpoint IS 'the K checkpoints a village''s team mans';
COMMENT ON COLUMN grid.team_checkpoint.division IS 'the village or community';
COMMENT ON COLUMN grid.team_checkpoint.checkpoint_id IS 'a checkpoint (grid.checkpoint)';
SELECT pg_catalog.pg_extension_config_dump('grid.team_checkpoint', '');

-- security_invoker: the reader's own privileges and row-level security
-- apply, so that each role sees its own villages' teams.
CREATE VIEW grid.team WITH (security_invoker = true) AS
SELECT v.division,
       max(m.name) FILTER (WHERE m.role = 'doctor') AS doctor,
       max(m.name) FILTER (WHERE m.role = 'police') AS police,
       count(*) FILTER (WHERE m.role = 'grid_worker') AS grid_workers,
       count(*) FILTER (WHERE m.role = 'cadre') AS cadres,
       count(*) FILTER (WHERE m.role = 'volunteer') AS volunteers,
       (SELECT count(*) FROM grid.team_checkpoint c WHERE c.division OPERATOR(grid.=) v.division) AS checkpoints,
       count(*) FILTER (WHERE m.role = 'doctor') = 1 AND count(*) FILTER (WHERE m.role = 'police') = 1
           AND count(*) FILTER (WHERE m.role = 'grid_worker') >= 1 AS complete
  FROM (SELECT division FROM grid.team_member UNION SELECT division FROM grid.team_checkpoint) v
  LEFT JOIN grid.team_member m ON m.division OPERATOR(grid.=) v.division
 GROUP BY v.division;
COMMENT ON VIEW grid.team IS
    'each village''s "1 + 1 + N + K" team: its doctor, police officer, N grid workers, cadres, volunteers and K checkpoints; complete when 1 + 1 + N >= 1. security_invoker: each reader sees the teams of its own scopes';

-- -------------------------------------------------------------- batch log

CREATE TABLE grid.ingest_batch (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    channel     text NOT NULL REFERENCES grid.channel (code),
    label       text,
    started_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    finished_at timestamptz,
    received    bigint,
    accepted    bigint,
    rejected    bigint,
    duplicates  bigint,
    unlinked    bigint,
    fevers      bigint,
    new_key_persons bigint,
    fever_threshold numeric,
    observation_days integer,
    ingested_by regrole NOT NULL DEFAULT grid.acting_role(),
    opened_in   xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    CHECK (finished_at IS NULL OR received = accepted + rejected + duplicates)
);
COMMENT ON TABLE grid.ingest_batch IS
    'one run of a channel''s ingest function: received = accepted + rejected + duplicates; written only by grid.ingest_batch_open and grid.ingest_batch_close, read by the role that ran it and administrators (a reference table when sharded)';
COMMENT ON COLUMN grid.ingest_batch.id IS 'batch number';
COMMENT ON COLUMN grid.ingest_batch.channel IS 'the channel (grid.channel)';
COMMENT ON COLUMN grid.ingest_batch.label IS 'what the caller called it (a file, a time window)';
COMMENT ON COLUMN grid.ingest_batch.started_at IS 'when processing began';
COMMENT ON COLUMN grid.ingest_batch.finished_at IS 'when it ended (NULL while running; a failed batch leaves no row)';
COMMENT ON COLUMN grid.ingest_batch.received IS 'records taken from the staging table';
COMMENT ON COLUMN grid.ingest_batch.accepted IS 'records stored: reports, review-queue entries, unreached calls, passages';
COMMENT ON COLUMN grid.ingest_batch.rejected IS 'records sent to grid.ingest_reject';
COMMENT ON COLUMN grid.ingest_batch.duplicates IS 'valid records identical to one already stored (the record keys of grid.health_report, grid.report_review, grid.unreached and grid.checkpoint_passage)';
COMMENT ON COLUMN grid.ingest_batch.unlinked IS 'of the accepted, those left in grid.report_review';
COMMENT ON COLUMN grid.ingest_batch.fevers IS 'of the accepted, fever reports';
COMMENT ON COLUMN grid.ingest_batch.new_key_persons IS 'fever_unexcluded key-person entries the batch opened';
COMMENT ON COLUMN grid.ingest_batch.fever_threshold IS 'the fever threshold the batch applied (grid.fever_threshold, °C)';
COMMENT ON COLUMN grid.ingest_batch.observation_days IS 'the observation period the batch applied to the entries it opened (grid.observation_days)';
COMMENT ON COLUMN grid.ingest_batch.ingested_by IS 'the role that ran it (the acting role: after SET ROLE, the role chosen)';
COMMENT ON COLUMN grid.ingest_batch.opened_in IS 'the transaction that opened it: only that transaction closes it';
CREATE INDEX ingest_batch_channel_idx ON grid.ingest_batch (channel, started_at);
COMMENT ON INDEX grid.ingest_batch_channel_idx IS 'batches of a channel by time';
SELECT pg_catalog.pg_extension_config_dump('grid.ingest_batch', '');
SELECT pg_catalog.pg_extension_config_dump('grid.ingest_batch_id_seq', '');
COMMENT ON SEQUENCE grid.ingest_batch_id_seq IS 'numbers ingestion batches';

CREATE TABLE grid.ingest_reject (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    batch_id    bigint NOT NULL REFERENCES grid.ingest_batch (id),
    channel     text NOT NULL REFERENCES grid.channel (code),
    raw         jsonb NOT NULL,
    reason      text NOT NULL,
    division    grid.division_code NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE grid.ingest_reject IS
    'records of every channel that failed validation: the record as received, why, and when (distribution key id)';
COMMENT ON COLUMN grid.ingest_reject.id IS 'reject number';
COMMENT ON COLUMN grid.ingest_reject.batch_id IS 'the batch it came in';
COMMENT ON COLUMN grid.ingest_reject.channel IS 'the channel (grid.channel)';
COMMENT ON COLUMN grid.ingest_reject.raw IS 'the staging row as received, as a JSON object (column names of grid.stage_<channel>)';
COMMENT ON COLUMN grid.ingest_reject.reason IS 'the first check it failed, as a lower-case phrase';
COMMENT ON COLUMN grid.ingest_reject.division IS 'the division the record named (a proxy''s village, a checkpoint''s division) when the ingesting role covers it; else the division of grid.ingest_home() of the ingesting role';
COMMENT ON COLUMN grid.ingest_reject.rejected_at IS 'when';
CREATE INDEX ingest_reject_division_idx ON grid.ingest_reject (division);
COMMENT ON INDEX grid.ingest_reject_division_idx IS 'rejects of a division (access rules)';
CREATE INDEX ingest_reject_batch_idx ON grid.ingest_reject (batch_id);
COMMENT ON INDEX grid.ingest_reject_batch_idx IS 'rejects of a batch';
SELECT pg_catalog.pg_extension_config_dump('grid.ingest_reject', '');
SELECT pg_catalog.pg_extension_config_dump('grid.ingest_reject_id_seq', '');
COMMENT ON SEQUENCE grid.ingest_reject_id_seq IS 'numbers rejects';
-- Numbered by its sequence only, as the key persons are.
CREATE TRIGGER numbered_by_sequence BEFORE INSERT OR UPDATE OF id ON grid.ingest_reject
    FOR EACH ROW WHEN (NOT grid.is_admin()) EXECUTE FUNCTION grid.numbered_by_sequence('grid.ingest_reject_id_seq');
COMMENT ON TRIGGER numbered_by_sequence ON grid.ingest_reject IS 'reject numbers from the sequence only, but for administrators (grid.numbered_by_sequence)';

CREATE TYPE grid.ingest_result AS (
    batch_id   bigint,
    channel    text,
    received   bigint,
    accepted   bigint,
    rejected   bigint,
    duplicates bigint,
    unlinked   bigint,
    fevers     bigint,
    new_key_persons bigint
);
COMMENT ON TYPE grid.ingest_result IS
    'what an ingest function did: received = accepted + rejected + duplicates; of the accepted, unlinked (review queue) and fevers; key-person entries opened';

-- The batch log is written only here: the ingest functions run with the
-- caller's rights (row-level security applies to what they store), and a
-- role that could write grid.ingest_batch itself could rewrite any batch.
-- These two run as the owner and touch only the caller's own batch: one
-- opened by the acting role, in this transaction, closed once.  A role
-- reads its own batches, an administrator all of them.
ALTER TABLE grid.ingest_batch ENABLE ROW LEVEL SECURITY;
CREATE POLICY grid_batch_read ON grid.ingest_batch FOR SELECT
    USING (ingested_by OPERATOR(pg_catalog.=) grid.acting_role() OR grid.is_admin());
COMMENT ON POLICY grid_batch_read ON grid.ingest_batch IS
    'grid: a role reads the batches it ran, an administrator every batch; nobody writes them but grid.ingest_batch_open and grid.ingest_batch_close';

-- VOLATILE: writes.
CREATE FUNCTION grid.ingest_batch_open(chan text, label text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    batch bigint;
    ch grid.channel;
BEGIN
    -- Runs as its owner, for everyone: only a role that may ingest the
    -- channel (a scope, INSERT on its staging table, EXECUTE on its
    -- reader) logs a batch of it.
    SELECT * INTO ch FROM grid.channel c WHERE c.code = chan;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An administrator adds a channel to grid.channel.';
    END IF;
    IF grid.ingest_home() IS NULL
       OR NOT pg_catalog.has_table_privilege(grid.acting_role()::oid, ch.staging::oid, 'INSERT')
       OR NOT coalesce(pg_catalog.has_function_privilege(grid.acting_role()::oid,
                                                         pg_catalog.to_regproc(ch.reader)::oid, 'EXECUTE'), false) THEN
        RAISE EXCEPTION 'role % may not ingest channel %', grid.acting_role(), ch.code
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('A batch of channel %s is logged for a role with a scope, INSERT on %s and EXECUTE on %s.',
                                             ch.code, ch.staging, ch.reader),
                  HINT = 'An administrator grants the role grid_ingest and a scope (grid.grant_scope).';
    END IF;
    INSERT INTO grid.ingest_batch (channel, label, ingested_by, opened_in, fever_threshold, observation_days)
    VALUES (chan, label, grid.acting_role(), pg_catalog.pg_current_xact_id(),
            grid.fever_threshold(), grid.observation_days())
    RETURNING id INTO batch;
    RETURN batch;
END
$$;
COMMENT ON FUNCTION grid.ingest_batch_open(text, text) IS
    'log the start of a batch of a channel for the acting role, in this transaction; returns its number; called by the ingest functions. Refuses (42501) a role that may not ingest the channel: without scope, INSERT on its staging table or EXECUTE on its reader; (22023) an unknown channel';

-- STABLE: reads grid.ingest_batch.  For the policy on grid.ingest_reject.
CREATE FUNCTION grid.ingest_batch_is_open(batch bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT FROM grid.ingest_batch b
                    WHERE b.id = batch AND b.finished_at IS NULL
                      AND b.ingested_by OPERATOR(pg_catalog.=) grid.acting_role()
                      AND b.opened_in OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id());
COMMENT ON FUNCTION grid.ingest_batch_is_open(bigint) IS
    'true if the batch is open, opened by the acting role in this transaction (only such a batch takes rejects). STABLE: reads grid.ingest_batch';

-- VOLATILE: writes.
CREATE FUNCTION grid.ingest_batch_close(res grid.ingest_result) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    stored bigint;
BEGIN
    PERFORM FROM grid.ingest_batch b
     WHERE b.id = res.batch_id AND b.channel = res.channel AND b.finished_at IS NULL
       AND b.ingested_by OPERATOR(pg_catalog.=) grid.acting_role()
       AND b.opened_in OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no open % batch % of this role in this transaction', res.channel, res.batch_id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'A batch is closed once, by the role that opened it, in the transaction that opened it.',
                  HINT = 'The ingest functions open and close their batches.';
    END IF;
    IF res.received IS NULL OR res.received IS DISTINCT FROM res.accepted + res.rejected + res.duplicates
       OR least(res.accepted, res.rejected, res.duplicates, res.unlinked, res.fevers, res.new_key_persons) < 0 THEN
        RAISE EXCEPTION 'batch % does not add up: % received, % accepted, % rejected, % duplicates',
                        res.batch_id, res.received, res.accepted, res.rejected, res.duplicates
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT count(*) INTO stored FROM grid.ingest_reject j WHERE j.batch_id = res.batch_id;
    IF stored <> res.rejected THEN
        RAISE EXCEPTION 'batch % counts % rejects but stored %', res.batch_id, res.rejected, stored
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE grid.ingest_batch b
       SET finished_at = pg_catalog.clock_timestamp(), received = res.received, accepted = res.accepted,
           rejected = res.rejected, duplicates = res.duplicates, unlinked = res.unlinked,
           fevers = res.fevers, new_key_persons = res.new_key_persons
     WHERE b.id = res.batch_id;
END
$$;
COMMENT ON FUNCTION grid.ingest_batch_close(grid.ingest_result) IS
    'log the end of a batch with its counts: only a batch the acting role opened in this transaction, once, when the counts add up and match the rejects stored; called by the ingest functions';

-- Rejects are written by the ingest functions with the caller's rights,
-- into the caller's open batch only, and kept: only administrators change
-- or delete them (after retention).
CREATE POLICY grid_reject_open_batch ON grid.ingest_reject AS RESTRICTIVE FOR INSERT
    WITH CHECK (grid.ingest_batch_is_open(batch_id));
COMMENT ON POLICY grid_reject_open_batch ON grid.ingest_reject IS
    'grid: a reject goes only into a batch the acting role opened in this transaction and has not closed';
CREATE POLICY grid_reject_kept ON grid.ingest_reject AS RESTRICTIVE FOR UPDATE
    USING (grid.is_admin());
COMMENT ON POLICY grid_reject_kept ON grid.ingest_reject IS 'grid: only administrators change rejects';
CREATE POLICY grid_reject_kept_delete ON grid.ingest_reject AS RESTRICTIVE FOR DELETE
    USING (grid.is_admin());
COMMENT ON POLICY grid_reject_kept_delete ON grid.ingest_reject IS 'grid: only administrators delete rejects';

-- Where a batch files what lies in no division the caller covers: a
-- reject, or a record for review with no division of its own.  A role's
-- first scope (its only one, usually); an administrator's first scope, or
-- without one the province of the registry the extension ships, which
-- only administrators see (scopes run from a city down).  NULL for a role
-- without scope, which cannot ingest.  STABLE: reads scopes and the
-- registry.
CREATE FUNCTION grid.ingest_home() RETURNS grid.division_code
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN NOT grid.is_admin() THEN (grid.current_scopes())[1]
                ELSE coalesce((SELECT s.division FROM grid.access_scope s
                                WHERE s.role OPERATOR(pg_catalog.=) ANY (grid.acting_roles())
                                ORDER BY s.division LIMIT 1),
                              (SELECT d.code FROM grid.division d
                                WHERE d.level = 'province' AND d.shipped ORDER BY d.code LIMIT 1),
                              (grid.current_scopes())[1]) END;
COMMENT ON FUNCTION grid.ingest_home() IS
    'the division under which the acting role''s batches file rejects and review entries that lie in no division it covers: its first scope; for an administrator its first scope, else the province of the shipped registry (42), which only administrators see; NULL without scope. STABLE: reads scopes and the registry';

-- --------------------------------------------------------- staging tables

CREATE TABLE grid.stage_app (
    id_text     text,
    reported_at text,
    temperature text,
    symptoms    text,
    lon         text,
    lat         text,
    received_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    staged_by   regrole NOT NULL DEFAULT grid.acting_role()
);
COMMENT ON TABLE grid.stage_app IS
    'app channel staging: one row per report as the citywide app platform sends it; grid.ingest_app() takes the rows the calling role staged';
COMMENT ON COLUMN grid.stage_app.id_text IS 'the resident ID number (18 or 15 characters, full-width allowed)';
COMMENT ON COLUMN grid.stage_app.reported_at IS 'when, as grid.read_time reads it: 2020-02-10 08:30[:00][+08:00], 2020/2/10 8:30, 2020年2月10日8时30分, 2月10日 8:30';
COMMENT ON COLUMN grid.stage_app.temperature IS 'degrees Celsius: 36.5';
COMMENT ON COLUMN grid.stage_app.symptoms IS 'symptom codes separated by commas (cough,fatigue); empty for none';
COMMENT ON COLUMN grid.stage_app.lon IS 'longitude (WGS 84), optional';
COMMENT ON COLUMN grid.stage_app.lat IS 'latitude (WGS 84), optional';
COMMENT ON COLUMN grid.stage_app.received_at IS 'when the row arrived';
COMMENT ON COLUMN grid.stage_app.staged_by IS 'the role that staged it (the acting role): only that role sees, changes and ingests it';
SELECT pg_catalog.pg_extension_config_dump('grid.stage_app', '');

CREATE TABLE grid.stage_sms (
    phone       text,
    sent_at     text,
    message     text,
    received_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    staged_by   regrole NOT NULL DEFAULT grid.acting_role()
);
COMMENT ON TABLE grid.stage_sms IS
    'SMS channel staging: the sender''s number, the time and the text as the gateway delivers them; grid.ingest_sms() takes the rows the calling role staged and reads them with grid.parse_sms';
COMMENT ON COLUMN grid.stage_sms.phone IS 'sender''s number as delivered (+86 allowed)';
COMMENT ON COLUMN grid.stage_sms.sent_at IS 'when it was sent, as grid.read_time reads it';
COMMENT ON COLUMN grid.stage_sms.message IS 'the text: 体温36.8 正常, 37.6 咳嗽, 张伟 36.5, an ID number';
COMMENT ON COLUMN grid.stage_sms.received_at IS 'when the row arrived';
COMMENT ON COLUMN grid.stage_sms.staged_by IS 'the role that staged it (the acting role): only that role sees, changes and ingests it';
SELECT pg_catalog.pg_extension_config_dump('grid.stage_sms', '');

CREATE TABLE grid.stage_voice (
    phone       text,
    called_at   text,
    outcome     text,
    temperature_answer text,
    symptoms_answer    text,
    received_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    staged_by   regrole NOT NULL DEFAULT grid.acting_role(),
    -- (added in 0.2.0: at the end, where an update adds them)
    callee      text,
    callee_answer text
);
COMMENT ON TABLE grid.stage_voice IS
    'voice channel staging: one row per robot call; grid.ingest_voice() takes the rows the calling role staged';
COMMENT ON COLUMN grid.stage_voice.phone IS 'the number called';
COMMENT ON COLUMN grid.stage_voice.called_at IS 'when, as grid.read_time reads it';
COMMENT ON COLUMN grid.stage_voice.outcome IS 'answered, no_answer or refused';
COMMENT ON COLUMN grid.stage_voice.temperature_answer IS 'the answer to "your temperature?": a reading (36.5, 36度5) or normal (正常)';
COMMENT ON COLUMN grid.stage_voice.symptoms_answer IS 'the answer to "cough, fever or fatigue?": yes or no (是/否, 有/没有, keypad 1/2)';
COMMENT ON COLUMN grid.stage_voice.received_at IS 'when the row arrived';
COMMENT ON COLUMN grid.stage_voice.staged_by IS 'the role that staged it (the acting role): only that role sees, changes and ingests it';
COMMENT ON COLUMN grid.stage_voice.callee IS 'the resident ID the call list named (the robot asks "are you ...?"); the callee is linked when they hold the number called and the answer is not no, else the call waits for review with the reason; blank: linked by the number alone';
COMMENT ON COLUMN grid.stage_voice.callee_answer IS 'the answer to "are you ...?": yes or no (是/不是, keypad 1/2), blank when not asked; neither: review';
SELECT pg_catalog.pg_extension_config_dump('grid.stage_voice', '');

CREATE TABLE grid.stage_proxy (
    worker      text,
    id_text     text,
    name        text,
    temperature text,
    reported_at text,
    symptoms    text,
    division    text,
    received_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    staged_by   regrole NOT NULL DEFAULT grid.acting_role()
);
COMMENT ON TABLE grid.stage_proxy IS
    'proxy channel staging: a grid worker reports for a resident (by ID, or by name within the worker''s village); grid.ingest_proxy() takes the rows the calling role staged';
COMMENT ON COLUMN grid.stage_proxy.worker IS 'the grid worker';
COMMENT ON COLUMN grid.stage_proxy.id_text IS 'the resident''s ID, when known';
COMMENT ON COLUMN grid.stage_proxy.name IS 'the resident''s name';
COMMENT ON COLUMN grid.stage_proxy.temperature IS 'the reading as typed (36.5, 36度5)';
COMMENT ON COLUMN grid.stage_proxy.reported_at IS 'when the temperature was taken, as grid.read_time reads it; empty for the time the row arrived';
COMMENT ON COLUMN grid.stage_proxy.symptoms IS 'symptom codes separated by commas';
COMMENT ON COLUMN grid.stage_proxy.division IS 'the worker''s village or grid cell code, which narrows name matching';
COMMENT ON COLUMN grid.stage_proxy.received_at IS 'when the row arrived';
COMMENT ON COLUMN grid.stage_proxy.staged_by IS 'the role that staged it (the acting role): only that role sees, changes and ingests it';
SELECT pg_catalog.pg_extension_config_dump('grid.stage_proxy', '');

CREATE TABLE grid.stage_checkpoint (
    checkpoint     text,
    passed_at      text,
    direction      text,
    person         text,
    vehicle_plate  text,
    temperature    text,
    pass_checked   text,
    from_epicentre text,
    turned_back    text,
    received_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    staged_by      regrole NOT NULL DEFAULT grid.acting_role()
);
COMMENT ON TABLE grid.stage_checkpoint IS
    'checkpoint channel staging: one row per person or vehicle registered at a checkpoint; grid.ingest_checkpoint() takes the rows the calling role staged';
COMMENT ON COLUMN grid.stage_checkpoint.checkpoint IS 'the checkpoint''s number (grid.checkpoint.id)';
COMMENT ON COLUMN grid.stage_checkpoint.passed_at IS 'when, as grid.read_time reads it';
COMMENT ON COLUMN grid.stage_checkpoint.direction IS 'in or out (进, 出)';
COMMENT ON COLUMN grid.stage_checkpoint.person IS 'the person as given: ID number or name';
COMMENT ON COLUMN grid.stage_checkpoint.vehicle_plate IS 'vehicle plate (鄂A12345, 湖北A12345; anything grid.read_plate does not read is rejected)';
COMMENT ON COLUMN grid.stage_checkpoint.temperature IS 'temperature taken, optional';
COMMENT ON COLUMN grid.stage_checkpoint.pass_checked IS 'a village pass was checked: yes or no';
COMMENT ON COLUMN grid.stage_checkpoint.from_epicentre IS 'the vehicle came from the epicentre: yes or no (a 鄂A plate counts as yes)';
COMMENT ON COLUMN grid.stage_checkpoint.turned_back IS 'turned back (劝返), not let through: yes or no, optional (no)';
COMMENT ON COLUMN grid.stage_checkpoint.received_at IS 'when the row arrived';
COMMENT ON COLUMN grid.stage_checkpoint.staged_by IS 'the role that staged it (the acting role): only that role sees, changes and ingests it';
SELECT pg_catalog.pg_extension_config_dump('grid.stage_checkpoint', '');

-- Staged rows belong to the role that staged them (the acting role, so
-- that an application's pooled login stages for the person it acts for):
-- it alone sees, changes, deletes and ingests them; an administrator also
-- sees and deletes them.  PostgreSQL refuses COPY FROM into a table under
-- row-level security (but to superusers and roles with BYPASSRLS): other
-- roles INSERT, or COPY into a temporary table and INSERT ... SELECT.
-- A channel's staging table gets these rules when its row is added to
-- grid.channel (grid.channel_guard), the built-in ones here.  It needs a
-- column staged_by regrole NOT NULL DEFAULT grid.acting_role().
-- VOLATILE: changes a table (its owner, or a superuser, runs it).
CREATE FUNCTION grid.stage_protect(t regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = t AND a.attname = 'staged_by' AND NOT a.attisdropped
                      AND a.atttypid = 'pg_catalog.regrole'::pg_catalog.regtype AND a.attnotnull) THEN
        RAISE EXCEPTION 'staging table % has no column staged_by regrole NOT NULL', t
            USING ERRCODE = 'invalid_table_definition',
                  HINT = 'Add staged_by regrole NOT NULL DEFAULT grid.acting_role(): each role sees and takes only the rows it staged.';
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS grid_stage_own ON %s', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS grid_stage_admin_read ON %s', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS grid_stage_admin_delete ON %s', t);
    EXECUTE pg_catalog.format('CREATE POLICY grid_stage_own ON %s FOR ALL '
                              'USING (staged_by OPERATOR(pg_catalog.=) grid.acting_role()) '
                              'WITH CHECK (staged_by OPERATOR(pg_catalog.=) grid.acting_role())', t);
    EXECUTE pg_catalog.format('CREATE POLICY grid_stage_admin_read ON %s FOR SELECT USING (grid.is_admin())', t);
    EXECUTE pg_catalog.format('CREATE POLICY grid_stage_admin_delete ON %s FOR DELETE USING (grid.is_admin())', t);
    EXECUTE pg_catalog.format('COMMENT ON POLICY grid_stage_own ON %s IS %L', t,
                              'grid: a role stages, sees, changes and takes only the rows it staged');
    EXECUTE pg_catalog.format('COMMENT ON POLICY grid_stage_admin_read ON %s IS %L', t,
                              'grid: an administrator sees every role''s staged rows (it ingests only its own)');
    EXECUTE pg_catalog.format('COMMENT ON POLICY grid_stage_admin_delete ON %s IS %L', t,
                              'grid: an administrator may delete any staged row');
    EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER grid_truncate_guard BEFORE TRUNCATE ON %s '
                              'FOR EACH STATEMENT EXECUTE FUNCTION grid.refuse_truncate()', t);
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER grid_truncate_guard ON %s IS %L', t,
                              'grid: only administrators truncate a table whose rows are checked one by one (grid.refuse_truncate)');
END
$$;
COMMENT ON FUNCTION grid.stage_protect(regclass) IS
    'the rules of a channel''s staging table: row-level security (forced) by which a role stages, sees, changes and takes only its own rows (staged_by), an administrator sees and deletes all; TRUNCATE for administrators only. Needs staged_by regrole NOT NULL; run by grid.channel_guard when a channel is added';
REVOKE EXECUTE ON FUNCTION grid.stage_protect(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grid.stage_protect(regclass) TO grid_admin;
SELECT grid.stage_protect(t)
  FROM (VALUES ('grid.stage_app'::regclass), ('grid.stage_sms'), ('grid.stage_voice'), ('grid.stage_proxy'),
               ('grid.stage_checkpoint')) AS v(t);

-- --------------------------------------------------------------- ingestion

-- Drop a work table of this session if it is there, without a notice.
-- VOLATILE: drops a table.
CREATE FUNCTION grid.ingest_drop_work(work_table text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_catalog.to_regclass('pg_temp.' || pg_catalog.quote_ident(work_table)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', work_table);
    END IF;
END
$$;
COMMENT ON FUNCTION grid.ingest_drop_work(text) IS
    'drop one of the ingest functions'' temporary work tables of this session, if present; not called directly';

-- The common work of every channel, in named steps.  A channel's reader
-- (grid.channel.reader) starts the batch with grid.ingest_begin, puts one
-- row per staging record in pg_temp.ops_in (fields read, not yet checked)
-- and returns grid.ingest_process(batch, channel), which runs the steps
-- below in order.  Each step is a function of its own with its inputs and
-- outputs named: the work tables of this session (pg_temp.ops_*), created
-- by the step that fills them and dropped by grid.ingest_process when the
-- batch is logged, so a pooled connection (PgBouncer, transaction mode)
-- keeps nothing between batches.  All run with the caller's rights:
-- row-level security decides what the caller links to and may store.
--
--   step          reads                       writes
--   validate      ops_in                      ops_rec (reason NULL: valid)
--   link          ops_rec, grid.resident       ops_link (method NULL: none good enough)
--   callee        ops_callee (voice only)      ops_link: the callee decides the link
--   locate        ops_rec                      ops_rec.cell
--   store         ops_rec, ops_link, ops_pass  grid.health_report (and so the days
--                                              and facts), grid.unreached,
--                                              grid.checkpoint_passage,
--                                              grid.report_review
--   fever rule    the fever reports stored     grid.key_person
--   log           ops_in, ops_rec, counts      grid.ingest_reject, grid.ingest_batch
-- The fever rule runs inside the statement that stores the reports, as it
-- always did: the days and facts are kept by that statement's triggers at
-- its end, after the key-person entries, so that a batch waiting for
-- another's open entry holds no resident's day that a third batch needs.

-- Step validate: every record of pg_temp.ops_in read and checked into
-- pg_temp.ops_rec; the first failed check is the reason (NULL: valid).  A
-- channel whose records are passages may name no person.  Returns the
-- valid records.  VOLATILE: creates a work table.
CREATE FUNCTION grid.ingest_validate(stores text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_valid bigint;
BEGIN
    PERFORM grid.ingest_drop_work('ops_rec');
    CREATE TEMP TABLE ops_rec (
        seq bigint, rid grid.resident_id, id_text text, phone text, name text, name_fuzzy text,
        at timestamptz, temperature numeric, symptoms text[], outcome text,
        division grid.division_code, cell grid.division_code, reported_by text, reason text,
        lon text, lat text);
    INSERT INTO ops_rec
    SELECT v.seq, CASE WHEN v.reason IS NULL AND v.id_text IS NOT NULL THEN grid.resident_id(v.id_text) END,
           v.id_text, v.phone, v.name, CASE WHEN v.reason IS NULL AND v.name IS NOT NULL THEN grid.pinyin_fuzzy(v.name) END,
           v.at, v.temperature, v.symptoms, v.outcome, v.division, NULL, v.reported_by, v.reason, v.lon, v.lat
      FROM (
        -- OFFSET 0 keeps each expression from being computed once per use
        SELECT p.*, CASE
            WHEN p.error IS NOT NULL THEN p.error
            WHEN p.id_text IS NOT NULL AND NOT grid.is_valid_resident_id(p.id_text)
                THEN 'invalid resident ID: ' || grid.resident_id_error(p.id_text)
            WHEN p.name IS NOT NULL AND grid.normalize_name(p.name) = ''
                THEN 'unreadable name: ' || pg_catalog.left(p.name, 20)
            WHEN p.id_text IS NULL AND p.phone IS NULL AND p.name IS NULL AND stores = 'reports'
                THEN 'no resident ID, phone or name'
            WHEN p.at_text IS NULL THEN 'missing time'
            WHEN p.at IS NULL THEN 'invalid time: ' || pg_catalog.left(p.at_text, 40) || ': ' || grid.time_error(p.at_text, p.arrived)
            WHEN p.at > pg_catalog.now() THEN 'time in the future'
            WHEN p.at < grid.earliest_time() THEN 'time before 2019-12-01: ' || pg_catalog.left(p.at_text, 40)
            -- a month or year typed wrong; up to a day is a clock that is off
            -- (at is known to be within range here: no overflow subtracting)
            WHEN p.at - interval '1 day' > p.arrived
                THEN 'time more than a day after its arrival: ' || pg_catalog.left(p.at_text, 40)
            WHEN p.temperature IS NOT NULL AND pg_catalog.min_scale(p.temperature) > 2
                THEN 'temperature with more than two decimals: ' || pg_catalog.left(p.temperature::text, 24)
            WHEN p.temperature IS NOT NULL AND p.temperature NOT BETWEEN 34 AND 43
                THEN 'temperature out of range: ' || pg_catalog.left(p.temperature::text, 24) || ' (expected 34.00 to 43.00)'
            WHEN NOT p.symptoms OPERATOR(pg_catalog.<@) grid.symptom_codes()
                THEN 'unknown symptom: ' || pg_catalog.left(pg_catalog.array_to_string(
                         ARRAY(SELECT s FROM pg_catalog.unnest(p.symptoms) s WHERE s <> ALL (grid.symptom_codes())), ','), 40)
            WHEN p.division_text IS NOT NULL AND p.division IS NULL
                THEN 'invalid division code: ' || grid.division_code_error(p.division_text)
            WHEN p.division IS NOT NULL AND NOT grid.in_my_scope(p.division)
                THEN 'division outside your jurisdiction'
            WHEN (p.lon IS NULL) <> (p.lat IS NULL)
                 -- no \s: it admits spaces (U+2002) that the cast to float8 does not
                 OR (p.lon IS NOT NULL AND NOT (p.lon ~ '^[ \t\r\n]*-?[0-9]{1,3}(\.[0-9]{1,17})?[ \t\r\n]*$'
                                                AND p.lat ~ '^[ \t\r\n]*-?[0-9]{1,2}(\.[0-9]{1,17})?[ \t\r\n]*$'
                                                AND p.lon::float8 BETWEEN -180 AND 180 AND p.lat::float8 BETWEEN -90 AND 90))
                THEN 'invalid coordinates'
        END AS reason
          FROM (SELECT i.seq, i.id_text, i.phone, i.name, i.at_text, i.temperature, coalesce(i.symptoms, '{}') AS symptoms,
                       i.outcome, i.lon, i.lat, i.division_text, i.reported_by, i.error,
                       a.arrived, grid.read_time(i.at_text, a.arrived) AS at,
                       CASE WHEN grid.is_valid_division_code(i.division_text)
                            THEN i.division_text::grid.division_code END AS division
                  FROM pg_temp.ops_in i
                 -- a time without a year is read against the row's arrival
                 CROSS JOIN LATERAL (SELECT coalesce((i.raw ->> 'received_at')::timestamptz, pg_catalog.now()) AS arrived) a
                OFFSET 0) p
        OFFSET 0) v;
    -- An ID and another person's name (by sound, as the phone link
    -- compares them): whose record is it?  Only a resident the caller sees
    -- is compared, so nothing leaks; a join, as the ID link's.
    UPDATE ops_rec r
       SET reason = 'name does not match the resident of the ID: ' || pg_catalog.left(r.name, 20), rid = NULL
      FROM grid.resident x
     WHERE x.id OPERATOR(grid.=) r.rid AND r.reason IS NULL AND r.name_fuzzy IS NOT NULL
       AND x.name_fuzzy <> r.name_fuzzy;
    ANALYZE ops_rec;
    SELECT count(*) INTO n_valid FROM ops_rec r WHERE r.reason IS NULL;
    RETURN n_valid;
END
$$;
COMMENT ON FUNCTION grid.ingest_validate(text) IS
    'ingest step validate: reads and checks every record of pg_temp.ops_in into pg_temp.ops_rec, the first failed check as its reason (a channel storing passages may name no person); returns the valid records; called by grid.ingest_process, not directly';

-- Step link: each valid record of pg_temp.ops_rec to a resident, by ID,
-- then phone, then scored matching, into pg_temp.ops_link (method NULL:
-- the best candidate was not good enough; it waits for review).  A
-- resident's place read here stays theirs until the batch commits
-- (grid.place_lock_key).  Returns the records linked.  VOLATILE: creates a
-- work table and logs the look-up (grid.batch_candidates).
CREATE FUNCTION grid.ingest_link(batch bigint, n_valid bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_linked bigint;
    link_score constant real := 25;     -- grid.link_batch's automatic threshold
    link_margin constant real := 5;     -- and its ambiguity margin
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    PERFORM grid.ingest_drop_work('ops_link');
    CREATE TEMP TABLE ops_link (seq bigint, resident_id grid.resident_id, division grid.division_code,
                                method text, score real, place grid.division_code);
    -- (the records without an ID say so: a batch of phones reads no
    -- resident here)
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT r.seq, x.id, x.division, x.place, 'id'
      FROM ops_rec r JOIN grid.resident x ON x.id OPERATOR(grid.=) r.rid
     WHERE r.reason IS NULL AND r.rid IS NOT NULL;

    -- One resident on the number; or, when a name is given, the one
    -- resident on it whose name sounds the same.  Each number is looked up
    -- in the index (OFFSET 0), never by a scan of the whole registry.
    INSERT INTO ops_link (seq, resident_id, division, place, method)
    SELECT c.seq, c.id, c.division, c.place, 'phone'
      FROM (SELECT c.*, count(*) OVER w AS n, count(*) FILTER (WHERE c.same_name) OVER w AS n_same
              FROM (SELECT DISTINCT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy AS same_name,
                           r.name_fuzzy IS NULL AS no_name
                      FROM ops_rec r
                     CROSS JOIN LATERAL (SELECT x.id, x.division, x.place, x.name_fuzzy FROM grid.resident x
                                          WHERE x.phones[1] = r.phone OFFSET 0) x
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)
                    UNION
                    SELECT r.seq, x.id, x.division, x.place, r.name_fuzzy IS NOT NULL AND x.name_fuzzy = r.name_fuzzy,
                           r.name_fuzzy IS NULL
                      FROM ops_rec r
                     CROSS JOIN LATERAL (SELECT x.id, x.division, x.place, x.name_fuzzy FROM grid.resident x
                                          WHERE x.phones[2] = r.phone OFFSET 0) x
                     WHERE r.reason IS NULL AND r.phone IS NOT NULL
                       AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)) c
            WINDOW w AS (PARTITION BY c.seq)) c
     WHERE (c.no_name AND c.n = 1) OR (c.same_name AND c.n_same = 1);

    -- What is left with a name or an ID: scored candidates, as
    -- grid.find_resident ranks them (one audit row for the batch).
    -- Skipped when every valid record is linked already.
    SELECT count(*) INTO n_linked FROM ops_link;
    IF n_linked < n_valid THEN
    -- All the batch's records in one call, so that the look-up is planned
    -- once, not once per record.
    INSERT INTO ops_link (seq, resident_id, division, method, score, place)
    WITH todo AS MATERIALIZED (
        SELECT row_number() OVER (ORDER BY r.seq)::integer AS i, r.seq,
               grid.match_record(r.id_text, r.name, r.phone,
                                 grid.division_path(CASE WHEN grid.level(r.division) = 'grid' THEN grid.parent(r.division)
                                                         ELSE r.division END, '')) AS m
          FROM ops_rec r
         WHERE r.reason IS NULL AND (r.name IS NOT NULL OR r.rid IS NOT NULL)
           AND NOT EXISTS (SELECT FROM ops_link l WHERE l.seq = r.seq)
    ), ranked AS (
        SELECT c.record, c.resident_id, c.division, c.score,
               row_number() OVER w AS rank, lead(c.score) OVER w AS second
          FROM grid.batch_candidates('ingest', batch, (SELECT pg_catalog.array_agg(t.m ORDER BY t.i) FROM todo t), 2) c
        WINDOW w AS (PARTITION BY c.record ORDER BY c.score DESC)
    )
    SELECT t.seq, best.resident_id, best.division,
           CASE WHEN best.score >= link_score AND (best.second IS NULL OR best.second < best.score - link_margin)
                THEN 'fuzzy' END, best.score,
           (SELECT x.place FROM grid.resident x WHERE x.id OPERATOR(grid.=) best.resident_id)
      FROM ranked best JOIN todo t ON t.i = best.record
     WHERE best.rank = 1;
    END IF;
    SELECT count(*) INTO n_linked FROM ops_link l WHERE l.method IS NOT NULL;
    ANALYZE ops_link;
    RETURN n_linked;
END
$$;
COMMENT ON FUNCTION grid.ingest_link(bigint, bigint) IS
    'ingest step link: links the valid records of pg_temp.ops_rec to residents the caller sees (ID, phone, scored matching at grid.link_batch''s automatic threshold) into pg_temp.ops_link; returns the records linked; called by grid.ingest_process, not directly';

-- Step locate: the grid cell of each valid record with coordinates
-- (grid.locate), in pg_temp.ops_rec.cell.  VOLATILE: writes a work table.
CREATE FUNCTION grid.ingest_locate() RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE pg_temp.ops_rec r SET cell = grid.locate(r.lon::float8, r.lat::float8)
     WHERE r.reason IS NULL AND r.lon IS NOT NULL;
END
$$;
COMMENT ON FUNCTION grid.ingest_locate() IS
    'ingest step locate: the grid cell (grid.locate) of each valid record of pg_temp.ops_rec that carries coordinates; called by grid.ingest_process, not directly';

-- Step store: each valid record once, in key order, as its channel stores
-- it (grid.channel.stores).  Only an identical record is a duplicate: a
-- correction in the same minute is stored, so a fever is never dropped;
-- fever is decided on the temperature as written (two decimals at most).
-- The fever rule (grid.ingest_fever_rule) is applied to the reports
-- stored, in the same statement (see above).  Storing a report also keeps
-- the daily facts, at the end of that statement: the triggers of
-- src/reports.sql add it to its resident's day (grid.health_day_add), and
-- the day to its place's counts, per channel too (grid.cell_day_follow).
-- Returns reports stored, of them fevers, the key-person entries the fever
-- rule opened, other records stored (unreached calls, or passages) and
-- review entries.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_store(batch bigint, chan text, stores text, fever_at numeric, obs_days integer,
                                  own grid.division_code, n_valid bigint, n_linked bigint,
                                  OUT reports bigint, OUT fevers bigint, OUT new_key_persons bigint,
                                  OUT others bigint, OUT review bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Reports, and the fever rule on them (keeping grid.health_day and
    -- grid.cell_day when the statement ends: see above).
    WITH ins AS (
        INSERT INTO grid.health_report AS h (resident_id, channel, report_minute, reported_at, temperature, symptoms,
                                             fever, division, cell, link_method, reported_by, batch_id, place)
        SELECT l.resident_id, chan, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at,
               pg_catalog.trim_scale(r.temperature), r.symptoms,
               coalesce(r.temperature >= fever_at, false), l.division, r.cell, l.method, r.reported_by, batch, l.place
          FROM ops_rec r JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
         WHERE r.reason IS NULL AND (r.outcome IS NULL OR r.outcome = 'answered')
           AND (stores = 'reports' OR r.temperature IS NOT NULL)
         ORDER BY 1, 3, 5, 6, r.at, r.seq     -- the key's order; of identical records, the earliest stays
        ON CONFLICT DO NOTHING
        RETURNING h.resident_id, h.division, h.fever, h.reported_at, h.temperature, h.place
    )
    SELECT count(*), count(*) FILTER (WHERE i.fever),
           grid.ingest_fever_rule(chan, obs_days, pg_catalog.jsonb_agg(i) FILTER (WHERE i.fever))
      INTO reports, fevers, new_key_persons
      FROM ins i;

    -- Calls that reached nobody.
    INSERT INTO grid.unreached (resident_id, channel, report_minute, called_at, outcome, division, phone, batch_id, place)
    SELECT l.resident_id, chan, pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at, r.outcome, l.division, r.phone, batch, l.place
      FROM ops_rec r JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
     WHERE r.reason IS NULL AND r.outcome IN ('no_answer', 'refused')
     ORDER BY 1, 3, 5, 7, r.at, r.seq
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS others = ROW_COUNT;

    -- Passages: every valid one is stored, linked or not (the reader
    -- filled pg_temp.ops_pass).
    IF stores = 'passages' THEN
        INSERT INTO grid.checkpoint_passage (checkpoint_id, passed_at, pass_minute, direction, person, person_key,
                                             resident_id, vehicle_plate, temperature, pass_checked, from_epicentre,
                                             turned_back, division, batch_id)
        SELECT p.checkpoint_id, r.at, pg_catalog.date_trunc('minute', r.at, 'UTC'), p.direction,
               coalesce(r.id_text, r.name), coalesce(l.resident_id::text, r.rid::text, grid.normalize_name(r.name), p.plate),
               l.resident_id, p.plate, pg_catalog.trim_scale(r.temperature), p.pass_checked, p.from_epicentre,
               p.turned_back, p.cp_division, batch
          FROM ops_rec r
          JOIN pg_temp.ops_pass p ON p.seq = r.seq
          LEFT JOIN ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
         WHERE r.reason IS NULL
         ORDER BY 1, 6, 4, 3, 9, 8, 10, 11, 12, r.seq
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS others = ROW_COUNT;
    END IF;

    -- Records no resident could be linked to wait for review.
    review := 0;
    IF n_linked < n_valid AND stores = 'reports' THEN
    INSERT INTO grid.report_review (sender_key, channel, report_minute, reported_at, id_text, phone, name,
                                    temperature, symptoms, outcome, division, cell, reported_by,
                                    best_candidate, best_score, batch_id)
    SELECT coalesce(r.rid::text, r.phone, grid.normalize_name(r.name)), chan,
           pg_catalog.date_trunc('minute', r.at, 'UTC'), r.at, r.rid::text, r.phone, r.name,
           pg_catalog.trim_scale(r.temperature), r.symptoms, r.outcome,
           coalesce(CASE WHEN grid.in_my_scope(grid.parent(r.cell)) THEN grid.parent(r.cell)
                         WHEN grid.in_my_scope(r.cell) THEN r.cell END,
                    r.division, own),
           r.cell, r.reported_by,
           l.resident_id, l.score, batch
      FROM ops_rec r LEFT JOIN ops_link l ON l.seq = r.seq
     WHERE r.reason IS NULL AND (l.seq IS NULL OR l.method IS NULL)
     ORDER BY 1, 3, 5, 6, 7, 11, 8, 9, 10, r.at, r.seq     -- the key's order
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS review = ROW_COUNT;
    END IF;
END
$$;
COMMENT ON FUNCTION grid.ingest_store(bigint, text, text, numeric, integer, grid.division_code, bigint, bigint) IS
    'ingest step store: each valid record of pg_temp.ops_rec once (identical records are duplicates), as its channel stores it: linked reports into grid.health_report with the fever rule on them in the same statement (grid.ingest_fever_rule; the statement''s triggers then keep grid.health_day and the facts), unreached calls, passages (from pg_temp.ops_pass), unlinked records into grid.report_review; returns the counts; called by grid.ingest_process, not directly';

-- Step fever rule: each fever report stored (a JSON array of objects
-- resident_id, division, place, reported_at, temperature) opens a
-- fever_unexcluded key-person entry of obs_days, unless one is open.
-- Returns the entries opened.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_fever_rule(chan text, obs_days integer, fevers jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_kp bigint;
BEGIN
    INSERT INTO grid.key_person (resident_id, category, division, place, period_start, period_end, reason)
    SELECT DISTINCT ON (i.resident_id) i.resident_id, 'fever_unexcluded', i.division, i.place,
           grid.report_day(i.reported_at),
           grid.report_day(i.reported_at) + obs_days,
           pg_catalog.format('%s report of %s °C at %s', chan, i.temperature, i.reported_at)
      FROM pg_catalog.jsonb_to_recordset(coalesce(fevers, '[]'))
           AS i(resident_id grid.resident_id, division grid.division_code, place grid.division_code,
                reported_at timestamptz, temperature numeric)
     ORDER BY i.resident_id, i.reported_at
    ON CONFLICT (resident_id, category) WHERE status = 'open' DO NOTHING;
    GET DIAGNOSTICS n_kp = ROW_COUNT;
    RETURN n_kp;
END
$$;
COMMENT ON FUNCTION grid.ingest_fever_rule(text, integer, jsonb) IS
    'ingest step fever rule: each resident with a fever report stored (a JSON array of objects resident_id, division, place, reported_at, temperature) gets a fever_unexcluded key-person entry of obs_days from the day of the first, unless one is open; returns the entries opened; called by grid.ingest_store in the statement that stores the reports, not directly';

-- Step log: rejects, with the record as received, in the division the
-- record named when the caller covers it, else in the caller's home; then
-- the batch's counts (res: accepted, duplicates, unlinked, fevers and key
-- persons filled in), checked to add up, into grid.ingest_batch.
-- VOLATILE: writes.
CREATE FUNCTION grid.ingest_log(res grid.ingest_result, own grid.division_code) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO grid.ingest_reject (batch_id, channel, raw, reason, division)
    SELECT res.batch_id, res.channel, i.raw, r.reason,
           coalesce(CASE WHEN grid.in_my_scope(r.division) THEN r.division END,
                    CASE WHEN grid.in_my_scope(i.home) THEN i.home END, own)
      FROM pg_temp.ops_rec r JOIN pg_temp.ops_in i ON i.seq = r.seq
     WHERE r.reason IS NOT NULL
     ORDER BY r.seq;
    GET DIAGNOSTICS res.rejected = ROW_COUNT;
    SELECT count(*) INTO res.received FROM pg_temp.ops_in;
    IF res.received <> res.accepted + res.rejected + res.duplicates OR res.duplicates < 0 THEN
        RAISE EXCEPTION 'batch % does not add up: % received, % accepted, % rejected, % duplicates',
                        res.batch_id, res.received, res.accepted, res.rejected, res.duplicates
            USING ERRCODE = 'internal_error';
    END IF;
    PERFORM grid.ingest_batch_close(res);
    RAISE LOG 'grid: % batch %: % received, % accepted (% unlinked, % fevers), % rejected, % duplicates',
              res.channel, res.batch_id, res.received, res.accepted, res.unlinked, res.fevers, res.rejected, res.duplicates;
    RETURN res;
END
$$;
COMMENT ON FUNCTION grid.ingest_log(grid.ingest_result, grid.division_code) IS
    'ingest step log: the rejects of pg_temp.ops_rec into grid.ingest_reject (with the record of pg_temp.ops_in as received), then the batch''s counts, which must add up, into grid.ingest_batch (grid.ingest_batch_close); called by grid.ingest_process, not directly';

-- The steps, in order, for a batch whose reader has filled pg_temp.ops_in.
-- VOLATILE: writes.
CREATE FUNCTION grid.ingest_process(batch bigint, chan text) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    res grid.ingest_result;
    stores constant text := (SELECT c.stores FROM grid.channel c WHERE c.code = chan);
    fever_at constant numeric := grid.fever_threshold();      -- read once: the batch records them
    obs_days constant integer := grid.observation_days();
    -- Rejects, and queued records with no division of their own inside
    -- the caller's scope, go to the caller's home division (its first
    -- scope; see grid.ingest_home): a division it may write under
    -- row-level security, and every administrator sees.
    own constant grid.division_code := grid.ingest_home();
    n_valid bigint;
    n_linked bigint;
    stored record;
BEGIN
    IF stores IS NULL THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An administrator adds a channel to grid.channel.';
    END IF;
    n_valid := grid.ingest_validate(stores);
    n_linked := grid.ingest_link(batch, n_valid);
    IF pg_catalog.to_regclass('pg_temp.ops_callee') IS NOT NULL THEN
        n_linked := grid.ingest_callee(n_linked);     -- a voice call's callee decides alone
    END IF;
    PERFORM grid.ingest_locate();
    SELECT * INTO stored FROM grid.ingest_store(batch, chan, stores, fever_at, obs_days, own, n_valid, n_linked);
    res.batch_id := batch;
    res.channel := chan;
    res.accepted := CASE WHEN stores = 'passages' THEN stored.others
                         ELSE stored.reports + stored.others + stored.review END;
    res.duplicates := n_valid - res.accepted;
    res.unlinked := stored.review;
    res.fevers := stored.fevers;
    res.new_key_persons := stored.new_key_persons;
    res := grid.ingest_log(res, own);
    -- grid.submit reads each record's outcome before the work tables go.
    IF grid.use_work_table('submit_outcome') THEN
        PERFORM grid.submit_collect(batch, chan);
    END IF;
    DROP TABLE pg_temp.ops_rec, pg_temp.ops_link, pg_temp.ops_in;
    PERFORM grid.ingest_drop_work('ops_pass');
    RETURN res;
END
$$;
COMMENT ON FUNCTION grid.ingest_process(bigint, text) IS
    'the common steps of every channel''s reader, on the records it put in pg_temp.ops_in: grid.ingest_validate, grid.ingest_link, grid.ingest_locate, grid.ingest_store (with grid.ingest_fever_rule in the statement that stores the reports, whose triggers keep the daily facts), grid.ingest_log; drops the work tables; called by the readers, not directly';


-- The work table every channel fills: fields read out of its records
-- (home: the division the record belongs to by other means than a field
-- it names, such as its checkpoint's).  A role without scope cannot
-- ingest: nothing it stores would be its own.  VOLATILE: creates a
-- temporary table and a batch.
CREATE FUNCTION grid.ingest_begin(chan text, label text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    batch bigint;
BEGIN
    IF grid.ingest_home() IS NULL THEN
        RAISE EXCEPTION 'role % has no jurisdiction to ingest into', grid.acting_role()
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Reports, rejects and review entries are stored in divisions the ingesting role covers.',
                  HINT = 'An administrator grants the role a scope with grid.grant_scope.';
    END IF;
    PERFORM grid.ingest_drop_work('ops_in');
    CREATE TEMP TABLE ops_in (
        seq bigint, raw jsonb, id_text text, phone text, name text, at_text text,
        temperature numeric, symptoms text[], outcome text, lon text, lat text,
        division_text text, reported_by text, error text, home grid.division_code);
    RETURN grid.ingest_batch_open(chan, label);
END
$$;
COMMENT ON FUNCTION grid.ingest_begin(text, text) IS
    'start a batch of a channel: refuse a role without scope, log the batch (grid.ingest_batch_open) and create the session''s work table pg_temp.ops_in; not called directly';

-- Why a field is too long to read, or NULL.  Every field of every channel
-- has a bound, so that nothing unbounded reaches a key, an index or a
-- message.  IMMUTABLE.
CREATE FUNCTION grid.ingest_too_long(field text, value text, max_chars integer DEFAULT 200) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    -- the byte length (no scan) settles almost every field; immutable
    -- functions only (no format()), so that the planner inlines it into
    -- the readers' one pass instead of calling it per field and row
    RETURN CASE WHEN pg_catalog.octet_length(value) > max_chars AND pg_catalog.length(value) > max_chars
                THEN coalesce(field, '') || ' too long: ' || pg_catalog.length(value)::text
                     || ' characters (at most ' || max_chars::text || ')'
           END;
COMMENT ON FUNCTION grid.ingest_too_long(text, text, integer) IS
    'the reject reason for a staged field longer than max_chars characters (default 200), "<field> too long: <n> characters (at most <max>)"; NULL when it fits';

-- Text or NULL when blank.  IMMUTABLE.
CREATE FUNCTION grid.nonblank(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(pg_catalog.btrim(t, E' \t\r\n\u3000'), '');
COMMENT ON FUNCTION grid.nonblank(text) IS 'the text without surrounding white space (also the ideographic space), NULL when nothing is left';

-- A temperature as typed, when it is a plain number (36.5, 36.55): the
-- number exactly as written, never rounded, so that the checks decide on
-- what was written (36.50 keeps its two decimals here; reports store it
-- as 36.5); else NULL.  Full-width digits and point are read as the
-- digits they are, and white space around the number of any kind
-- (ideographic, no-break, en space...) is left out; the cast sees only
-- what the pattern -?[0-9]{1,4}(\.[0-9]{1,20})? admitted, so no input
-- makes it fail.  Read in C (ops_scan_number), with the answers of the
-- regular expressions it replaced (test/pgtap/ops_readers.sql).  IMMUTABLE.
CREATE FUNCTION grid.read_number(t text) RETURNS numeric
    AS 'MODULE_PATHNAME', 'ops_read_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.read_number(text) IS 'a decimal number of at most 4 integer digits and 20 decimals, exactly as written (never rounded; full-width digits and point read as digits, white space of any kind around it left out); NULL if it is not one';

-- A staging row as received, every column but staged_by, as a JSON
-- object: exactly to_jsonb(row) - 'staged_by', built in one pass in C
-- (ops_staged_row; test/pgtap/ops_readers.sql compares the two), since
-- the readers keep it for every record to file the rejected ones as they
-- came.  STABLE: a time is written in the session's zone, as to_jsonb
-- writes it.
CREATE FUNCTION grid.staged_row(r record) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'ops_staged_row' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.staged_row(record) IS
    'a staging row as received, every column but staged_by, as a JSON object (what to_jsonb(row) - ''staged_by'' gives); the channel readers keep it for every record. STABLE: times are written in the session''s zone';

-- Reject reasons that several channels share.  IMMUTABLE.
-- A sender's or callee's phone: missing, or not a number.
CREATE FUNCTION grid.ingest_phone_error(phone text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN grid.nonblank(phone) IS NULL THEN 'missing phone'
                WHEN grid.normalize_phone(phone) IS NULL THEN 'invalid phone: ' || pg_catalog.left(phone, 20) END;
COMMENT ON FUNCTION grid.ingest_phone_error(text) IS
    'the reject reason for a staged phone number, "missing phone" or "invalid phone: <its first 20 characters>"; NULL when grid.normalize_phone reads it';
-- An optional yes or no: given, but neither.
CREATE FUNCTION grid.ingest_yes_no_error(field text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN grid.nonblank(value) IS NOT NULL AND grid.read_yes_no(value) IS NULL
                THEN 'unreadable ' || field || ': ' || pg_catalog.left(value, 20) END;
COMMENT ON FUNCTION grid.ingest_yes_no_error(text, text) IS
    'the reject reason for an optional yes-or-no field given as neither (grid.read_yes_no), "unreadable <field>: <its first 20 characters>"; NULL when blank or read';
-- The same for a field that is no keypad answer (grid.read_yes_no(t, false)).
CREATE FUNCTION grid.ingest_yes_no_error(field text, value text, keypad boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN grid.nonblank(value) IS NOT NULL AND grid.read_yes_no(value, keypad) IS NULL
                THEN 'unreadable ' || field || ': ' || pg_catalog.left(value, 20) END;
COMMENT ON FUNCTION grid.ingest_yes_no_error(text, text, boolean) IS
    'the reject reason for an optional yes-or-no field given as neither (grid.read_yes_no(value, keypad)), "unreadable <field>: <its first 20 characters>"; NULL when blank or read';

-- app: ID number, time, temperature, symptoms, optional coordinates.
-- VOLATILE: writes.
CREATE FUNCTION grid.ingest_app(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    batch bigint := grid.ingest_begin('app', label);
BEGIN
    WITH taken AS (DELETE FROM grid.stage_app s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role()
                   RETURNING s.*)
    INSERT INTO pg_temp.ops_in (seq, raw, id_text, at_text, temperature, symptoms, lon, lat, reported_by, error)
    SELECT row_number() OVER (), grid.staged_row(t), grid.nonblank(t.id_text), grid.nonblank(t.reported_at),
           grid.read_number(t.temperature), CASE WHEN grid.nonblank(t.symptoms) IS NOT NULL THEN grid.read_symptoms(t.symptoms) ELSE '{}' END, grid.nonblank(t.lon), grid.nonblank(t.lat),
           'app',
           coalesce(grid.ingest_too_long('id_text', t.id_text), grid.ingest_too_long('reported_at', t.reported_at),
                    grid.ingest_too_long('temperature', t.temperature), grid.ingest_too_long('symptoms', t.symptoms),
                    grid.ingest_too_long('lon', t.lon), grid.ingest_too_long('lat', t.lat),
           CASE WHEN grid.nonblank(t.id_text) IS NULL THEN 'missing resident ID'
                WHEN grid.nonblank(t.temperature) IS NULL THEN 'missing temperature'
                WHEN grid.read_number(t.temperature) IS NULL THEN 'unreadable temperature: ' || left(t.temperature, 20) END)
      FROM taken t;
    RETURN grid.ingest_process(batch, 'app');
END
$$;
COMMENT ON FUNCTION grid.ingest_app(text) IS
    'take every row the calling role staged in grid.stage_app (ID, time, temperature, symptoms, optional lon/lat) into grid.health_report: validated, linked by ID, located, deduplicated, fever rule; rejects to grid.ingest_reject; returns and logs the counts';

-- sms: sender, time, text read by grid.parse_sms.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_sms(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    batch bigint := grid.ingest_begin('sms', label);
BEGIN
    WITH taken AS (DELETE FROM grid.stage_sms s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role()
                   RETURNING s.*)
    INSERT INTO pg_temp.ops_in (seq, raw, id_text, phone, name, at_text, temperature, symptoms, reported_by, error)
    SELECT row_number() OVER (), grid.staged_row(t), nullif((m.r).id_text, ''), grid.normalize_phone(t.phone),
           nullif((m.r).name, ''), grid.nonblank(t.sent_at), (m.r).temperature, coalesce((m.r).symptoms, '{}'),
           grid.normalize_phone(t.phone),
           coalesce(grid.ingest_too_long('phone', t.phone), grid.ingest_too_long('sent_at', t.sent_at),
                    grid.ingest_too_long('message', t.message, 1000), grid.ingest_phone_error(t.phone),
           CASE WHEN (m.r).error IS NOT NULL AND NOT ((m.r).normal AND (m.r).error = 'no temperature in the message')
                    THEN 'unreadable message: ' || (m.r).error END)
      FROM taken t
     CROSS JOIN LATERAL (SELECT CASE WHEN pg_catalog.length(t.message) <= 1000 OR t.message IS NULL
                                     THEN grid.parse_sms(coalesce(t.message, '')) END AS r OFFSET 0) m;
    RETURN grid.ingest_process(batch, 'sms');
END
$$;
COMMENT ON FUNCTION grid.ingest_sms(text) IS
    'take every row the calling role staged in grid.stage_sms (sender, time, text) into grid.health_report: the text read by grid.parse_sms ("正常" alone is a report without a reading), linked by an ID in the text, else the sender''s phone (and the name in the text), else scored matching; rejects, counts and log as grid.ingest_app';

-- voice: number, call time, outcome, answers, and the callee the call
-- list named with the answer to "are you ...?" (pg_temp.ops_callee, for
-- grid.ingest_callee).  VOLATILE: writes.
CREATE FUNCTION grid.ingest_voice(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    batch bigint := grid.ingest_begin('voice', label);
    res grid.ingest_result;
BEGIN
    PERFORM grid.ingest_drop_work('ops_callee');
    CREATE TEMP TABLE ops_callee (seq bigint, callee text, answer text, callee_id grid.resident_id, state text,
                                  phone text, at timestamptz, temperature numeric, symptoms text[], outcome text);
    WITH taken AS (DELETE FROM grid.stage_voice s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role()
                   RETURNING s.*),
    numbered AS (SELECT row_number() OVER () AS seq, t.* FROM taken t),
    callees AS (
        INSERT INTO pg_temp.ops_callee (seq, callee, answer)
        SELECT t.seq, grid.nonblank(t.callee), grid.nonblank(t.callee_answer) FROM numbered t
         WHERE grid.nonblank(t.callee) IS NOT NULL
    )
    INSERT INTO pg_temp.ops_in (seq, raw, phone, at_text, temperature, symptoms, outcome, reported_by, error)
    SELECT t.seq,
           grid.staged_row(t) - 'seq',
           grid.normalize_phone(t.phone), grid.nonblank(t.called_at),
           CASE WHEN o.outcome = 'answered' THEN (a.r).temperature END,
           CASE WHEN o.outcome = 'answered' AND grid.read_yes_no(t.symptoms_answer) THEN '{unspecified}'::text[]
                ELSE '{}'::text[] END,
           o.outcome, 'robot',
           coalesce(grid.ingest_too_long('phone', t.phone), grid.ingest_too_long('called_at', t.called_at),
                    grid.ingest_too_long('outcome', t.outcome),
                    grid.ingest_too_long('temperature_answer', t.temperature_answer),
                    grid.ingest_too_long('symptoms_answer', t.symptoms_answer),
                    grid.ingest_too_long('callee', t.callee), grid.ingest_too_long('callee_answer', t.callee_answer),
                    grid.ingest_phone_error(t.phone),
           CASE WHEN o.outcome IS NULL THEN 'unknown outcome: ' || coalesce(left(t.outcome, 20), '(none)')
                WHEN o.outcome <> 'answered' AND (grid.nonblank(t.temperature_answer) IS NOT NULL
                                                  OR grid.nonblank(t.symptoms_answer) IS NOT NULL
                                                  OR grid.nonblank(t.callee_answer) IS NOT NULL)
                    THEN 'answers on a call that was not answered'
                WHEN grid.nonblank(t.callee_answer) IS NOT NULL AND grid.nonblank(t.callee) IS NULL
                    THEN 'a callee answer without a callee'
                WHEN o.outcome <> 'answered' THEN NULL
                WHEN grid.nonblank(t.temperature_answer) IS NULL THEN 'no temperature answer'
                WHEN (a.r).temperature IS NULL AND NOT (a.r).normal
                    THEN 'unreadable temperature answer: ' || coalesce((a.r).error, left(t.temperature_answer, 20))
                ELSE grid.ingest_yes_no_error('symptoms answer', t.symptoms_answer) END)
      FROM numbered t
     CROSS JOIN LATERAL (
        SELECT CASE pg_catalog.lower(grid.nonblank(t.outcome))
                    WHEN 'answered' THEN 'answered' WHEN 'no_answer' THEN 'no_answer' WHEN 'refused' THEN 'refused'
               END AS outcome) o
     CROSS JOIN LATERAL (
        SELECT CASE WHEN pg_catalog.lower(grid.nonblank(t.temperature_answer)) IN ('normal', 'ok')
                    THEN ROW(NULL, '{}', true, NULL, NULL, NULL)::grid.sms_report
                    WHEN pg_catalog.length(t.temperature_answer) > 200 THEN NULL
                    ELSE grid.parse_sms(coalesce(t.temperature_answer, '')) END AS r
        OFFSET 0) a;
    IF NOT EXISTS (SELECT FROM pg_temp.ops_callee) THEN
        DROP TABLE pg_temp.ops_callee;      -- no callee: linked by the number alone
    END IF;
    res := grid.ingest_process(batch, 'voice');
    PERFORM grid.ingest_drop_work('ops_callee');
    RETURN res;
END
$$;
COMMENT ON FUNCTION grid.ingest_voice(text) IS
    'take every row the calling role staged in grid.stage_voice (number, call time, outcome, answers, callee and the callee''s answer) : answered calls become reports (a reading, or "normal" without one; symptoms yes is recorded as {unspecified}), unanswered or refused calls of a known resident go to grid.unreached; linked to the callee when one is named (grid.ingest_callee: the callee holds the number called and the answer is not no; otherwise review with the reason in grid.report_review.reason), else by phone; a callee answer without a callee, or on a call not answered, is rejected; rejects, counts and log as grid.ingest_app';

-- Step callee (voice): a call names the resident the call list asked for
-- (pg_temp.ops_callee, filled by grid.ingest_voice), and that decides the
-- link alone, as grid.link_batch decides a source record's callee: the
-- callee is linked (method phone) when they hold the number called and
-- the one who answered did not say no; otherwise the call waits for review
-- whatever the number alone would say, and grid.report_review.reason says
-- why (grid.review_callee_reason).  A callee outside the caller's
-- jurisdiction holds no number the caller can see: the answer is the same
-- as for a callee not registered.  Returns the records linked.  VOLATILE:
-- writes work tables.
CREATE FUNCTION grid.ingest_callee(n_linked bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    UPDATE pg_temp.ops_callee c
       SET callee_id = CASE WHEN pg_catalog.length(c.callee) <= 18 AND grid.is_valid_resident_id(c.callee)
                            THEN c.callee::grid.resident_id END,
           phone = r.phone, at = r.at, temperature = pg_catalog.trim_scale(r.temperature), symptoms = r.symptoms,
           outcome = r.outcome
      FROM pg_temp.ops_rec r
     WHERE r.seq = c.seq AND r.reason IS NULL;
    UPDATE pg_temp.ops_callee c
       SET state = CASE WHEN c.callee_id IS NULL THEN 'unreadable'
                        WHEN c.answer IS NOT NULL AND grid.read_yes_no(c.answer) IS NULL THEN 'answer_unreadable'
                        WHEN NOT coalesce(grid.read_yes_no(c.answer), true) THEN 'denied'
                        WHEN NOT EXISTS (SELECT FROM grid.resident x
                                          WHERE x.id OPERATOR(grid.=) c.callee_id AND c.phone = ANY (x.phones))
                            THEN 'not_holder'
                        ELSE 'holds' END
     WHERE c.phone IS NOT NULL;
    -- the callee decides alone: what the number said is replaced
    WITH prior AS (
        DELETE FROM pg_temp.ops_link l USING pg_temp.ops_callee c
         WHERE l.seq = c.seq AND c.state IS NOT NULL
        RETURNING l.*
    )
    INSERT INTO pg_temp.ops_link (seq, resident_id, division, method, score, place)
    SELECT c.seq, b.resident_id,
           CASE WHEN b.resident_id OPERATOR(grid.=) x.id THEN x.division ELSE p.division END,
           CASE WHEN c.state = 'holds' THEN 'phone' END,
           CASE WHEN b.resident_id OPERATOR(grid.=) p.resident_id THEN p.score END,
           CASE WHEN b.resident_id OPERATOR(grid.=) x.id THEN x.place ELSE p.place END
      FROM pg_temp.ops_callee c
      LEFT JOIN prior p ON p.seq = c.seq
      -- the callee, when they hold the number called
      LEFT JOIN grid.resident x ON x.id OPERATOR(grid.=) c.callee_id AND c.phone = ANY (x.phones)
     CROSS JOIN LATERAL (SELECT CASE c.state WHEN 'holds' THEN x.id WHEN 'answer_unreadable' THEN coalesce(x.id, p.resident_id)
                                             WHEN 'denied' THEN NULL ELSE p.resident_id END AS resident_id) b
     WHERE c.state IS NOT NULL;
    -- what grid.review_callee_reason looks up for the review entries
    DELETE FROM pg_temp.ops_callee c WHERE c.state IS NULL OR c.state = 'holds';
    CREATE INDEX ON pg_temp.ops_callee (phone, at);
    ANALYZE pg_temp.ops_callee;
    SELECT count(*) INTO n FROM pg_temp.ops_link l WHERE l.method IS NOT NULL;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.ingest_callee(bigint) IS
    'ingest step callee (voice, after grid.ingest_link): each valid call naming a callee (pg_temp.ops_callee) is linked to the callee when they hold the number called and the answer to "are you ...?" is not no (method phone), else waits for review whatever the number alone gave (best candidate: none when denied; the callee holding the number when the answer is unreadable; else what the number gave); returns the records linked; called by grid.ingest_process, not directly';

-- The reason of a voice call's review entry, while grid.ingest_voice
-- stores it: the state grid.ingest_callee gave the call's callee, in the
-- session's pg_temp.ops_callee, as one of four fixed texts (nothing a
-- caller writes reaches the column).  Identical records are one entry:
-- the first of them gives it.  VOLATILE: a trigger.
CREATE FUNCTION grid.review_callee_reason() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    st text;
BEGIN
    IF pg_catalog.to_regclass('pg_temp.ops_callee') IS NOT NULL THEN
        SELECT c.state INTO st FROM pg_temp.ops_callee c
         WHERE c.phone = NEW.phone AND c.at = NEW.reported_at AND c.outcome IS NOT DISTINCT FROM NEW.outcome
           AND c.temperature IS NOT DISTINCT FROM NEW.temperature AND c.symptoms = NEW.symptoms
         ORDER BY c.seq LIMIT 1;
        NEW.reason := CASE st WHEN 'unreadable' THEN 'the callee is not a valid resident ID'
                              WHEN 'answer_unreadable' THEN 'the answer to whether the callee answered is neither yes nor no'
                              WHEN 'denied' THEN 'the one who answered is not the callee'
                              WHEN 'not_holder' THEN 'the callee does not hold the number called' END;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.review_callee_reason() IS
    'trigger on grid.report_review: the reason of a voice call''s entry, from the state grid.ingest_callee gave its callee while grid.ingest_voice stores it (one of four fixed texts); not called directly';
CREATE TRIGGER report_review_callee_reason BEFORE INSERT ON grid.report_review
    FOR EACH ROW WHEN (NEW.channel = 'voice') EXECUTE FUNCTION grid.review_callee_reason();
COMMENT ON TRIGGER report_review_callee_reason ON grid.report_review IS
    'a voice call''s review entry says why its callee did not link it (grid.review_callee_reason)';

-- proxy: worker, resident ID or name, temperature.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_proxy(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    batch bigint := grid.ingest_begin('proxy', label);
BEGIN
    WITH taken AS (DELETE FROM grid.stage_proxy s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role()
                   RETURNING s.*)
    INSERT INTO pg_temp.ops_in (seq, raw, id_text, name, at_text, temperature, symptoms, division_text,
                                reported_by, error)
    SELECT row_number() OVER (), grid.staged_row(t), grid.nonblank(t.id_text), grid.nonblank(t.name),
           coalesce(grid.nonblank(t.reported_at), to_char(t.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"')),
           (m.r).temperature, CASE WHEN grid.nonblank(t.symptoms) IS NOT NULL THEN grid.read_symptoms(t.symptoms) ELSE '{}' END, grid.nonblank(t.division), grid.nonblank(t.worker),
           coalesce(grid.ingest_too_long('worker', t.worker), grid.ingest_too_long('id_text', t.id_text),
                    grid.ingest_too_long('name', t.name), grid.ingest_too_long('temperature', t.temperature),
                    grid.ingest_too_long('reported_at', t.reported_at), grid.ingest_too_long('symptoms', t.symptoms),
                    grid.ingest_too_long('division', t.division),
           CASE WHEN grid.nonblank(t.worker) IS NULL THEN 'missing worker'
                WHEN grid.normalize_name(t.worker) = '' THEN 'unreadable worker: ' || left(t.worker, 20)
                WHEN grid.nonblank(t.temperature) IS NULL THEN 'missing temperature'
                WHEN (m.r).temperature IS NULL THEN 'unreadable temperature: ' || (m.r).error END)
      FROM taken t
     CROSS JOIN LATERAL (SELECT CASE WHEN pg_catalog.length(t.temperature) <= 200 OR t.temperature IS NULL
                                     THEN grid.parse_sms(coalesce(t.temperature, '')) END AS r OFFSET 0) m;
    RETURN grid.ingest_process(batch, 'proxy');
END
$$;
COMMENT ON FUNCTION grid.ingest_proxy(text) IS
    'take every row the calling role staged in grid.stage_proxy (worker, resident ID or name, temperature as typed) into grid.health_report: linked by ID, else by name matched within the worker''s division; rejects, counts and log as grid.ingest_app';

-- checkpoint: passages, and a report for each linked person with a
-- temperature.  VOLATILE: writes.
CREATE FUNCTION grid.ingest_checkpoint(label text DEFAULT NULL) RETURNS grid.ingest_result
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off     -- compiling the scored-matching plan costs more than running it
    SET work_mem = '128MB'  -- the batch's sorts and hashes in memory
AS $$
DECLARE
    batch bigint := grid.ingest_begin('checkpoint', label);
BEGIN
    PERFORM grid.ingest_drop_work('ops_pass');
    CREATE TEMP TABLE ops_pass (seq bigint, checkpoint_id bigint, direction text, plate text,
                                pass_checked boolean, from_epicentre boolean, turned_back boolean,
                                cp_division grid.division_code);
    WITH taken AS (DELETE FROM grid.stage_checkpoint s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role()
                   RETURNING s.*),
    read AS MATERIALIZED (
        SELECT k.seq, t, c.id AS checkpoint_id, c.division AS cp_division,
               CASE pg_catalog.lower(grid.nonblank(t.direction)) WHEN 'in' THEN 'in' WHEN '进' THEN 'in'
                    WHEN 'out' THEN 'out' WHEN '出' THEN 'out' END AS direction,
               grid.nonblank(t.person) AS person,
               grid.read_plate(grid.nonblank(t.vehicle_plate)) AS plate,
               CASE WHEN grid.nonblank(t.temperature) IS NOT NULL AND pg_catalog.length(t.temperature) <= 200
                    THEN grid.parse_sms(t.temperature) END AS temp
          -- numbered in the order they were staged, before the join (a hash
          -- join may return the rows of unknown checkpoints in any order)
          FROM (SELECT pg_catalog.row_number() OVER () AS seq, x AS row FROM taken x) k
         CROSS JOIN LATERAL (SELECT (k.row).*) t
          -- the CASE reads the number only when it is one, whatever the plan
          LEFT JOIN grid.checkpoint c ON c.id = CASE WHEN grid.nonblank(t.checkpoint) ~ '^[0-9]{1,18}$'
                                                     THEN grid.nonblank(t.checkpoint)::bigint END
    ), pass AS (
        INSERT INTO ops_pass
        SELECT r.seq, r.checkpoint_id, r.direction, r.plate,
               coalesce(grid.read_yes_no((r.t).pass_checked, false), false),
               coalesce(grid.read_yes_no((r.t).from_epicentre, false), false) OR coalesce(r.plate LIKE '鄂A%', false),
               coalesce(grid.read_yes_no((r.t).turned_back, false), false),
               r.cp_division
          FROM read r
    )
    INSERT INTO pg_temp.ops_in (seq, raw, id_text, name, at_text, temperature, reported_by, error, home)
    SELECT r.seq, grid.staged_row(r.t),
           CASE WHEN r.person ~ '^[0-9０-９]{6}' THEN r.person END,
           CASE WHEN r.person !~ '^[0-9０-９]{6}' THEN r.person END,
           grid.nonblank((r.t).passed_at), (r.temp).temperature, 'checkpoint ' || r.checkpoint_id,
           coalesce(grid.ingest_too_long('checkpoint', (r.t).checkpoint), grid.ingest_too_long('passed_at', (r.t).passed_at),
                    grid.ingest_too_long('direction', (r.t).direction), grid.ingest_too_long('person', (r.t).person),
                    grid.ingest_too_long('vehicle_plate', (r.t).vehicle_plate),
                    grid.ingest_too_long('temperature', (r.t).temperature),
                    grid.ingest_too_long('pass_checked', (r.t).pass_checked),
                    grid.ingest_too_long('from_epicentre', (r.t).from_epicentre),
                    grid.ingest_too_long('turned_back', (r.t).turned_back),
           CASE WHEN r.checkpoint_id IS NULL THEN 'unknown checkpoint: ' || coalesce(left((r.t).checkpoint, 20), '(none)')
                WHEN NOT grid.in_my_scope(r.cp_division) THEN 'checkpoint outside your jurisdiction: ' || r.checkpoint_id
                WHEN r.direction IS NULL THEN 'unknown direction: ' || coalesce(left((r.t).direction, 20), '(none)')
                -- a plate given must be one (grid.read_plate), never stored as written
                WHEN grid.nonblank((r.t).vehicle_plate) IS NOT NULL AND r.plate IS NULL
                    THEN 'unreadable vehicle_plate: ' || left((r.t).vehicle_plate, 20)
                WHEN r.person IS NULL AND r.plate IS NULL THEN 'no person or vehicle'
                WHEN grid.nonblank((r.t).temperature) IS NOT NULL AND (r.temp).temperature IS NULL
                    THEN 'unreadable temperature: ' || (r.temp).error
                ELSE coalesce(grid.ingest_yes_no_error('pass_checked', (r.t).pass_checked, false),
                              grid.ingest_yes_no_error('from_epicentre', (r.t).from_epicentre, false),
                              grid.ingest_yes_no_error('turned_back', (r.t).turned_back, false))
           END),
           r.cp_division
      FROM read r;
    RETURN grid.ingest_process(batch, 'checkpoint');
END
$$;
COMMENT ON FUNCTION grid.ingest_checkpoint(text) IS
    'take every row the calling role staged in grid.stage_checkpoint (checkpoint, time, direction, person as ID or name, plate, temperature, pass checked, from the epicentre, turned back) into grid.checkpoint_passage, linked to a resident where the person can be (unlinked passages are kept, not queued for review); a linked person with a temperature also gets a checkpoint health report (fever rule included); rejects, counts and log as grid.ingest_app';

-- The built-in channels (see grid.channel), now that their staging tables
-- and readers exist.
INSERT INTO grid.channel (code, bit, label, staging, reader, stores) VALUES
    ('app', 1, '平台', 'grid.stage_app', 'grid.ingest_app', 'reports'),
    ('sms', 2, '短信', 'grid.stage_sms', 'grid.ingest_sms', 'reports'),
    ('voice', 4, '语音外呼', 'grid.stage_voice', 'grid.ingest_voice', 'reports'),
    ('proxy', 8, '网格员代报', 'grid.stage_proxy', 'grid.ingest_proxy', 'reports'),
    ('checkpoint', 16, '卡口', 'grid.stage_checkpoint', 'grid.ingest_checkpoint', 'passages');

-- ------------------------------------------------------ JSON entry point

-- grid.submit(channel, records) takes an application's records as JSON and
-- answers for each one.  It stages them as the caller in the channel's
-- staging table and runs the channel's ingest function, so that the
-- validation, linking and fever rule are those of the bulk path; then it
-- tells each record what became of it.
--
-- Which outcome is whose.  The ingest function numbers the rows it takes in
-- no particular order, but keeps each one's staging row as JSON
-- (pg_temp.ops_in.raw).  Before its work tables go, grid.ingest_process
-- calls grid.submit_collect when grid.submit has asked for outcomes, and
-- that writes each row's outcome beside its raw row.  grid.submit pairs
-- its records with them on the raw row.  Records with the same staging row
-- are alike in everything, so they have the same outcome, except that one
-- of them may be stored and the rest be duplicates.  The stored one is
-- given to the first of them in the request.
--
-- Whether a row was stored.  A batch inserts the rows that land on one
-- unique key (a report, an unreached call, a review entry) earliest first
-- (grid.ingest_process).  The first of them was stored when the row under
-- that key carries the batch's number; else an earlier batch had stored
-- it.  The others are duplicates.
--
-- Idempotency.  A record may carry the client's own key ("key").  The key
-- is kept in grid.submitted_record under the acting role and channel, with
-- a hash of the record and its outcome.  A retried request finds its keys
-- there: it stores nothing again and returns the outcomes of the first
-- time.  A concurrent retry waits on the key's unique entry until the first
-- commits.  Row-level security keeps each role to its own keys, and every
-- unique key starts with the role, so a conflict reveals nothing about
-- another role's keys.

CREATE TABLE grid.submitted_record (
    submitted_by regrole NOT NULL DEFAULT grid.acting_role(),
    channel      text NOT NULL REFERENCES grid.channel (code),
    client_key   text NOT NULL CHECK (pg_catalog.length(client_key) BETWEEN 1 AND 100),
    fingerprint  text NOT NULL,
    outcome      text CHECK (outcome IN ('stored', 'corrected', 'duplicate', 'rejected', 'review')),
    reason       text,
    resident_id  grid.resident_id,
    place        grid.division_code,
    batch_id     bigint,
    submitted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (submitted_by, channel, client_key)
);
COMMENT ON TABLE grid.submitted_record IS
    'the client keys of records sent to grid.submit, per acting role and channel, with the outcome they had: a retry returns it and stores nothing again (distribution key submitted_by)';
COMMENT ON COLUMN grid.submitted_record.submitted_by IS 'the acting role that sent it (distribution key): only that role sees its keys';
COMMENT ON COLUMN grid.submitted_record.channel IS 'the channel (grid.channel) grid.submit took it for: app, sms, voice or proxy';
COMMENT ON COLUMN grid.submitted_record.client_key IS 'the client''s own key for the record ("key"), 1 to 100 characters';
COMMENT ON COLUMN grid.submitted_record.fingerprint IS 'SHA-256 of the record as sent, without its key and null fields: a key sent again with another record is refused';
COMMENT ON COLUMN grid.submitted_record.outcome IS 'stored, corrected, duplicate, rejected or review';
COMMENT ON COLUMN grid.submitted_record.reason IS 'why it was rejected';
COMMENT ON COLUMN grid.submitted_record.resident_id IS 'the resident it was linked to';
COMMENT ON COLUMN grid.submitted_record.place IS 'that resident''s place, for grid.show_id';
COMMENT ON COLUMN grid.submitted_record.batch_id IS 'the batch that took it (grid.ingest_batch)';
COMMENT ON COLUMN grid.submitted_record.submitted_at IS 'when it was first sent; an administrator deletes old keys';
SELECT pg_catalog.pg_extension_config_dump('grid.submitted_record', '');
ALTER TABLE grid.submitted_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE grid.submitted_record FORCE ROW LEVEL SECURITY;
CREATE POLICY grid_submitted_own ON grid.submitted_record FOR ALL
    USING (submitted_by OPERATOR(pg_catalog.=) grid.acting_role())
    WITH CHECK (submitted_by OPERATOR(pg_catalog.=) grid.acting_role());
COMMENT ON POLICY grid_submitted_own ON grid.submitted_record IS
    'grid: a role records, sees and changes only its own keys';
CREATE POLICY grid_submitted_admin_read ON grid.submitted_record FOR SELECT USING (grid.is_admin());
COMMENT ON POLICY grid_submitted_admin_read ON grid.submitted_record IS 'grid: an administrator sees every role''s keys';
CREATE POLICY grid_submitted_admin_delete ON grid.submitted_record FOR DELETE USING (grid.is_admin());
COMMENT ON POLICY grid_submitted_admin_delete ON grid.submitted_record IS
    'grid: an administrator deletes keys (after the time within which clients retry)';
-- The resident of an outcome is one the writer sees (grid.submit stores
-- only those), as on every table that names residents.
CREATE POLICY grid_resident ON grid.submitted_record AS RESTRICTIVE FOR ALL
    WITH CHECK (resident_id IS NULL OR grid.resident_visible(resident_id));
COMMENT ON POLICY grid_resident ON grid.submitted_record IS
    'grid: a new row names in resident_id a resident the writer sees, or none';
SELECT grid.guard_truncate('grid.submitted_record');

-- Each row's outcome, written into grid.submit's pg_temp.submit_outcome
-- from the work tables of grid.ingest_process, which calls it when that
-- table exists.  The unique keys are those grid.ingest_process inserts
-- under.  VOLATILE: writes.
CREATE FUNCTION grid.submit_collect(batch bigint, chan text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    own constant grid.division_code := grid.ingest_home();
BEGIN
    INSERT INTO pg_temp.submit_outcome (seq, raw, target, outcome, reason, resident_id, place, report_minute, corrects)
    SELECT x.seq, x.raw, x.target,
           CASE WHEN x.target = 'reject' THEN 'rejected'
                WHEN NOT x.stored THEN 'duplicate'
                WHEN x.target = 'review' THEN 'review'
                ELSE 'stored' END,
           x.reason, x.resident_id, x.place, x.minute, x.target = 'report' AND x.stored AND x.corrects
      FROM (
        SELECT k.*,
               row_number() OVER (PARTITION BY k.target, k.key ORDER BY k.at, k.seq) = 1
               AND CASE k.target
                   WHEN 'report' THEN EXISTS (
                       SELECT FROM grid.health_report h
                        WHERE h.resident_id OPERATOR(grid.=) k.resident_id AND h.channel = chan
                          AND h.report_minute = k.minute AND h.symptoms = k.symptoms
                          AND (h.temperature = k.temperature OR (h.temperature IS NULL AND k.temperature IS NULL))
                          AND h.batch_id = batch)
                   WHEN 'unreached' THEN EXISTS (
                       SELECT FROM grid.unreached u
                        WHERE u.resident_id OPERATOR(grid.=) k.resident_id AND u.channel = chan
                          AND u.report_minute = k.minute AND u.outcome = k.call_outcome
                          AND (u.phone = k.phone OR (u.phone IS NULL AND k.phone IS NULL))
                          AND u.batch_id = batch)
                   WHEN 'review' THEN EXISTS (
                       SELECT FROM grid.report_review v
                        WHERE v.sender_key = k.sender_key AND v.channel = chan AND v.report_minute = k.minute
                          AND v.division OPERATOR(grid.=) k.review_division
                          AND pg_catalog.jsonb_build_array(v.id_text, v.phone, v.name, v.temperature, v.symptoms,
                                                           v.outcome) = k.said
                          AND v.batch_id = batch)
                   ELSE false END AS stored,
               -- a report of the resident, channel and minute saying something else, from before
               k.target = 'report' AND EXISTS (
                   SELECT FROM grid.health_report h
                    WHERE h.resident_id OPERATOR(grid.=) k.resident_id AND h.channel = chan
                      AND h.report_minute = k.minute AND h.batch_id IS DISTINCT FROM batch) AS corrects
          FROM (
            SELECT r.seq, i.raw, r.at, r.reason, l.resident_id, l.place, r.phone, r.outcome AS call_outcome,
                   pg_catalog.date_trunc('minute', r.at, 'UTC') AS minute,
                   pg_catalog.trim_scale(r.temperature) AS temperature, r.symptoms,
                   CASE WHEN r.reason IS NOT NULL THEN 'reject'
                        WHEN l.seq IS NOT NULL AND r.outcome IN ('no_answer', 'refused') THEN 'unreached'
                        WHEN l.seq IS NOT NULL THEN 'report'
                        ELSE 'review' END AS target,
                   q.sender_key, q.review_division, q.said,
                   -- the row's unique key in its target table, less what every row of the batch shares
                   CASE WHEN r.reason IS NOT NULL THEN pg_catalog.to_jsonb(r.seq)
                        WHEN l.seq IS NOT NULL AND r.outcome IN ('no_answer', 'refused')
                            THEN pg_catalog.jsonb_build_array(l.resident_id::text, pg_catalog.date_trunc('minute', r.at, 'UTC'),
                                                              r.outcome, r.phone)
                        WHEN l.seq IS NOT NULL
                            THEN pg_catalog.jsonb_build_array(l.resident_id::text, pg_catalog.date_trunc('minute', r.at, 'UTC'),
                                                              pg_catalog.trim_scale(r.temperature), r.symptoms)
                        ELSE pg_catalog.jsonb_build_array(q.sender_key, pg_catalog.date_trunc('minute', r.at, 'UTC'),
                                                          q.review_division::text, q.said) END AS key
              FROM pg_temp.ops_rec r
              JOIN pg_temp.ops_in i ON i.seq = r.seq
              LEFT JOIN pg_temp.ops_link l ON l.seq = r.seq AND l.method IS NOT NULL
             CROSS JOIN LATERAL (
                -- as grid.ingest_process files a record for review
                SELECT coalesce(r.rid::text, r.phone, grid.normalize_name(r.name)) AS sender_key,
                       coalesce(CASE WHEN grid.in_my_scope(grid.parent(r.cell)) THEN grid.parent(r.cell)
                                     WHEN grid.in_my_scope(r.cell) THEN r.cell END,
                                r.division, own) AS review_division,
                       pg_catalog.jsonb_build_array(r.rid::text, r.phone, r.name, pg_catalog.trim_scale(r.temperature),
                                                    r.symptoms, r.outcome) AS said) q
             WHERE chan <> 'checkpoint') k) x;
END
$$;
COMMENT ON FUNCTION grid.submit_collect(bigint, text) IS
    'write the outcome of each row of the running batch (stored, duplicate, rejected with its reason, review; the resident linked) into grid.submit''s pg_temp.submit_outcome; called by grid.ingest_process, not directly';

-- The fields grid.submit takes for a channel: its staging table's columns
-- but received_at and staged_by.  STABLE: reads the catalog.
CREATE FUNCTION grid.submit_fields(chan text) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT pg_catalog.array_agg(a.attname::text ORDER BY a.attnum)
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = pg_catalog.to_regclass('grid.stage_' || chan)
               AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('received_at', 'staged_by')
               AND chan IN ('app', 'sms', 'voice', 'proxy'));
COMMENT ON FUNCTION grid.submit_fields(text) IS
    'the fields of a record grid.submit takes for a channel (app, sms, voice, proxy): the columns of grid.stage_<channel> but received_at and staged_by, plus the optional "key"; NULL for another channel. STABLE: reads the catalog';

-- What is wrong with the shape of one record, or NULL: not an object, an
-- unknown field, a field of the wrong JSON type, a bad key.  The message
-- names the field, bounded.  IMMUTABLE.
CREATE FUNCTION grid.submit_shape_error(rec jsonb, fields text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN pg_catalog.jsonb_typeof(rec) <> 'object'
                THEN pg_catalog.format('is a JSON %s, not an object', pg_catalog.jsonb_typeof(rec))
           ELSE (SELECT x.e FROM (SELECT CASE
                    WHEN f.k <> 'key' AND f.k <> ALL (fields)
                        THEN pg_catalog.format('has an unknown field %s', pg_catalog.quote_ident(pg_catalog.left(f.k, 40)))
                    WHEN pg_catalog.jsonb_typeof(f.v) = 'null' THEN NULL
                    WHEN f.k = 'key' AND pg_catalog.jsonb_typeof(f.v) <> 'string'
                        THEN pg_catalog.format('has a key that is a JSON %s, not a string', pg_catalog.jsonb_typeof(f.v))
                    WHEN f.k = 'key' AND pg_catalog.length(f.v #>> '{}') NOT BETWEEN 1 AND 100
                        THEN 'has a key that is empty or longer than 100 characters'
                    WHEN f.k = 'symptoms' AND pg_catalog.jsonb_typeof(f.v) = 'array'
                         AND EXISTS (SELECT FROM pg_catalog.jsonb_array_elements(f.v) e
                                      WHERE pg_catalog.jsonb_typeof(e) <> 'string')
                        THEN 'has symptoms that are not all strings'
                    WHEN f.k = 'symptoms' AND pg_catalog.jsonb_typeof(f.v) IN ('array', 'string') THEN NULL
                    WHEN f.k = 'symptoms_answer' AND pg_catalog.jsonb_typeof(f.v) IN ('boolean', 'string') THEN NULL
                    WHEN f.k <> 'key' AND pg_catalog.jsonb_typeof(f.v) NOT IN ('string', 'number')
                        THEN pg_catalog.format('has a field %s that is a JSON %s', f.k, pg_catalog.jsonb_typeof(f.v))
                 END AS e, f.k
                   FROM pg_catalog.jsonb_each(rec) f(k, v)) x
                  ORDER BY x.e IS NULL, x.k LIMIT 1) END;
COMMENT ON FUNCTION grid.submit_shape_error(jsonb, text[]) IS
    'what is wrong with the shape of a record sent to grid.submit, as a phrase ("has an unknown field temp"), or NULL: it must be an object of the given fields and "key"; values strings or numbers (symptoms an array of strings or a string, symptoms_answer also true or false), null for none; key a string of 1 to 100 characters';

-- A record as its staging row takes it, every value text: numbers as
-- written, symptoms joined by commas, true and false as yes and no.
-- IMMUTABLE.
CREATE FUNCTION grid.submit_as_text(rec jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT pg_catalog.jsonb_object_agg(f.k,
                                CASE pg_catalog.jsonb_typeof(f.v)
                                     WHEN 'array' THEN coalesce((SELECT pg_catalog.string_agg(e #>> '{}', ',')
                                                                   FROM pg_catalog.jsonb_array_elements(f.v) e), '')
                                     WHEN 'boolean' THEN CASE WHEN f.v = 'true'::jsonb THEN 'yes' ELSE 'no' END
                                     ELSE f.v #>> '{}' END)
                       FROM pg_catalog.jsonb_each(rec) f(k, v)
                      WHERE f.k <> 'key' AND pg_catalog.jsonb_typeof(f.v) <> 'null'), '{}'::jsonb);
COMMENT ON FUNCTION grid.submit_as_text(jsonb) IS
    'a record sent to grid.submit with every value as its staging column takes it: text, numbers as written (36.50), symptoms arrays joined by commas, true/false as yes/no; nulls and the key left out';

-- The answer to each record grid.submit staged: its record (pg_temp.submit_in)
-- paired with its outcome (pg_temp.submit_outcome, from grid.submit_collect)
-- on the staging row; of alike rows, the one stored goes to the first
-- record.  A report stored is "corrected" when it replaced one stored
-- before, or when an earlier record of the request stored another report
-- of the same resident and minute: counted with windows over the records
-- grouped by that resident and minute, in one pass (an EXISTS per record
-- read every other record again, 17 s for 10,000).  STABLE: reads
-- grid.submit's temporary tables.
CREATE FUNCTION grid.submit_pairs(batch bigint)
    RETURNS TABLE (idx integer, outcome text, reason text, resident_id grid.resident_id,
                   place grid.division_code, batch_id bigint)
    LANGUAGE sql STABLE
AS $$
SELECT s.idx,
       CASE WHEN o.outcome = 'stored' AND o.target = 'report'
                 AND (o.corrects OR s.earlier_alike > s.earlier_same)
            THEN 'corrected' ELSE o.outcome END,
       o.reason, CASE WHEN o.target IN ('report', 'unreached') THEN o.resident_id END,
       CASE WHEN o.target IN ('report', 'unreached') THEN o.place END, submit_pairs.batch
  FROM (SELECT s.*, pg_catalog.row_number() OVER (PARTITION BY s.raw ORDER BY s.idx) AS n,
               -- the earlier records whose row was stored as a report of
               -- this resident and minute: all, and those of this very row
               pg_catalog.count(k.raw) OVER (PARTITION BY k.resident_id, k.report_minute ORDER BY s.idx
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_alike,
               pg_catalog.count(k.raw) OVER (PARTITION BY k.resident_id, k.report_minute, s.raw ORDER BY s.idx
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_same
          FROM pg_temp.submit_in s
          LEFT JOIN (SELECT DISTINCT o.raw, o.resident_id, o.report_minute
                       FROM pg_temp.submit_outcome o
                      WHERE o.outcome = 'stored' AND o.target = 'report') k ON k.raw = s.raw
         WHERE s.fresh) s
  JOIN (SELECT o.*, pg_catalog.row_number() OVER (PARTITION BY o.raw
                                                  ORDER BY o.outcome = 'duplicate', o.seq) AS n
          FROM pg_temp.submit_outcome o) o
    ON o.raw = s.raw AND o.n = s.n
$$;
COMMENT ON FUNCTION grid.submit_pairs(bigint) IS
    'the answer to each record of a grid.submit request: its index, outcome (a stored report that replaced one, or another of the same resident and minute earlier in the request, is corrected), reason, resident and place, and the batch; read from grid.submit''s temporary tables, in one pass; called by grid.submit, not directly. STABLE: reads them';

-- The entry point.  VOLATILE: writes.
CREATE FUNCTION grid.submit(channel text, records jsonb)
    RETURNS TABLE (index integer, key text, outcome text, reason text, resident text, batch_id bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    chan constant text := submit.channel;
    fields constant text[] := grid.submit_fields(submit.channel);
    recs jsonb;
    n integer;
    bad record;
    fresh integer;
    batch bigint;
    matched integer;
    waiting boolean;
BEGIN
    IF chan = 'checkpoint' THEN
        RAISE EXCEPTION 'grid.submit does not take checkpoint records'
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Stage checkpoint records in grid.stage_checkpoint and run grid.ingest_checkpoint().';
    ELSIF fields IS NULL THEN
        RAISE EXCEPTION 'unknown channel %', coalesce(pg_catalog.quote_literal(pg_catalog.left(chan, 20)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'grid.submit takes records of the channels app, sms, voice and proxy.';
    END IF;
    recs := CASE pg_catalog.jsonb_typeof(records) WHEN 'array' THEN records
                                                  WHEN 'object' THEN pg_catalog.jsonb_build_array(records) END;
    IF recs IS NULL THEN
        RAISE EXCEPTION 'records must be a JSON object or an array of objects'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = pg_catalog.format('The records are %s.', coalesce('a JSON ' || pg_catalog.jsonb_typeof(records), 'NULL'));
    END IF;
    n := pg_catalog.jsonb_array_length(recs);
    IF n > 10000 THEN
        RAISE EXCEPTION 'too many records: %', n
            USING ERRCODE = 'program_limit_exceeded',
                  DETAIL = 'grid.submit takes at most 10000 records at a time.',
                  HINT = 'Send them in several requests, or stage them for the ingest function.';
    END IF;
    IF n = 0 THEN
        RETURN;
    END IF;

    -- The shape of every record, before anything is stored: a fault is the
    -- request's (the application's code is wrong, not the data).
    SELECT e.ord - 1 AS i, grid.submit_shape_error(e.rec, fields) AS error INTO bad
      FROM pg_catalog.jsonb_array_elements(recs) WITH ORDINALITY e(rec, ord)
     WHERE grid.submit_shape_error(e.rec, fields) IS NOT NULL
     ORDER BY e.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'record % %', bad.i, bad.error
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = pg_catalog.format('A record of channel %s is an object of the fields %s and an optional "key".',
                                             chan, pg_catalog.array_to_string(fields, ', ')),
                  HINT = 'Values are strings or numbers, null for none; symptoms an array of strings; times ISO 8601 (2020-02-10T08:30:00+08:00).';
    END IF;
    SELECT pg_catalog.min(e.ord) - 1 AS i, pg_catalog.max(e.ord) - 1 AS j INTO bad
      FROM pg_catalog.jsonb_array_elements(recs) WITH ORDINALITY e(rec, ord)
     WHERE e.rec ? 'key' AND pg_catalog.jsonb_typeof(e.rec -> 'key') = 'string'
     GROUP BY e.rec ->> 'key' HAVING pg_catalog.count(*) > 1
     ORDER BY 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'records % and % have the same key', bad.i, bad.j
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A key names one record.';
    END IF;

    PERFORM grid.ingest_drop_work('submit_in');
    EXECUTE pg_catalog.format($q$
        CREATE TEMP TABLE submit_in AS
        SELECT (e.ord - 1)::integer AS idx, e.rec ->> 'key' AS client_key,
               pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.jsonb_strip_nulls(e.rec - 'key')::text, 'UTF8')), 'hex') AS fp,
               s.staging, pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(NULL::%1$s, s.staging)) - 'staged_by' AS raw,
               e.rec ->> 'key' IS NULL AS fresh
          FROM pg_catalog.jsonb_array_elements($1) WITH ORDINALITY e(rec, ord)
         CROSS JOIN LATERAL (
            SELECT grid.submit_as_text(e.rec)
                   || pg_catalog.jsonb_build_object('received_at', pg_catalog.now(),
                                                    'staged_by', grid.acting_role()::text) AS staging) s
    $q$, pg_catalog.format('grid.stage_%s', chan)) USING recs;

    -- Keys seen for the first time are taken here; a key another
    -- transaction is taking waits for it.  In key order: no deadlock.
    WITH taken AS (
        INSERT INTO grid.submitted_record AS k (submitted_by, channel, client_key, fingerprint)
        SELECT grid.acting_role(), chan, s.client_key, s.fp
          FROM pg_temp.submit_in s WHERE s.client_key IS NOT NULL
         ORDER BY s.client_key
        ON CONFLICT DO NOTHING
        RETURNING k.client_key)
    UPDATE pg_temp.submit_in s SET fresh = true FROM taken t WHERE t.client_key = s.client_key;
    SELECT s.idx AS i INTO bad
      FROM pg_temp.submit_in s
      JOIN grid.submitted_record k
        ON k.submitted_by OPERATOR(pg_catalog.=) grid.acting_role() AND k.channel = chan
       AND k.client_key = s.client_key
     WHERE NOT s.fresh AND k.fingerprint <> s.fp
     ORDER BY s.idx LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'record % has a key already used for a different record', bad.i
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A key names one record: a retry sends the record unchanged.',
                  HINT = 'Give a new record a new key.';
    END IF;

    PERFORM grid.ingest_drop_work('submit_answer');
    CREATE TEMP TABLE submit_answer (idx integer, outcome text, reason text, resident_id grid.resident_id,
                                     place grid.division_code, batch_id bigint);
    SELECT pg_catalog.count(*) INTO fresh FROM pg_temp.submit_in s WHERE s.fresh;
    IF fresh > 0 THEN
        -- The ingest function takes every row the role staged: refuse
        -- rather than answer for rows this request did not send.
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM grid.stage_%s s WHERE s.staged_by OPERATOR(pg_catalog.=) grid.acting_role())', chan)
           INTO waiting;
        IF waiting THEN
            RAISE EXCEPTION 'rows this role staged in grid.stage_% wait to be ingested', chan
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'grid.submit runs the channel''s ingest function, which takes every row the role staged.',
                      HINT = pg_catalog.format('Run grid.ingest_%s() first, or delete them.', chan);
        END IF;
        PERFORM grid.ingest_drop_work('submit_outcome');
        CREATE TEMP TABLE submit_outcome (seq bigint, raw jsonb, target text, outcome text, reason text,
                                          resident_id grid.resident_id, place grid.division_code,
                                          report_minute timestamptz, corrects boolean);
        EXECUTE pg_catalog.format($q$
            INSERT INTO grid.stage_%1$s
            SELECT p.* FROM pg_temp.submit_in s
             CROSS JOIN LATERAL pg_catalog.jsonb_populate_record(NULL::grid.stage_%1$s, s.staging) p
             WHERE s.fresh ORDER BY s.idx
        $q$, chan);
        EXECUTE pg_catalog.format('SELECT (r).batch_id FROM (SELECT grid.ingest_%s(%L) AS r OFFSET 0) b', chan, 'grid.submit')
           INTO batch;

        -- Pair records and outcomes (grid.submit_pairs).
        INSERT INTO pg_temp.submit_answer (idx, outcome, reason, resident_id, place, batch_id)
        SELECT * FROM grid.submit_pairs(batch);
        GET DIAGNOSTICS matched = ROW_COUNT;
        IF matched <> fresh THEN
            RAISE EXCEPTION 'batch % answered for % of % records', batch, matched, fresh
                USING ERRCODE = 'internal_error';
        END IF;
        UPDATE grid.submitted_record k
           SET outcome = a.outcome, reason = a.reason, resident_id = a.resident_id, place = a.place,
               batch_id = a.batch_id
          FROM pg_temp.submit_in s JOIN pg_temp.submit_answer a ON a.idx = s.idx
         WHERE s.fresh AND k.submitted_by OPERATOR(pg_catalog.=) grid.acting_role() AND k.channel = chan
           AND k.client_key = s.client_key;
        DROP TABLE pg_temp.submit_outcome;
    END IF;

    -- Retries: the outcome of the first time.
    INSERT INTO pg_temp.submit_answer (idx, outcome, reason, resident_id, place, batch_id)
    SELECT s.idx, k.outcome, k.reason, k.resident_id, k.place, k.batch_id
      FROM pg_temp.submit_in s
      JOIN grid.submitted_record k
        ON k.submitted_by OPERATOR(pg_catalog.=) grid.acting_role() AND k.channel = chan
       AND k.client_key = s.client_key
     WHERE NOT s.fresh;

    RETURN QUERY
    SELECT s.idx, s.client_key, a.outcome, a.reason,
           CASE WHEN a.resident_id IS NOT NULL THEN grid.show_id(a.resident_id, a.place) END, a.batch_id
      FROM pg_temp.submit_in s JOIN pg_temp.submit_answer a ON a.idx = s.idx
     ORDER BY s.idx;
    DROP TABLE pg_temp.submit_in, pg_temp.submit_answer;
END
$$;
COMMENT ON FUNCTION grid.submit(text, jsonb) IS
    'an application''s records of a channel (app, sms, voice, proxy) as JSON, one object or an array, fields named as the columns of grid.stage_<channel> plus an optional client "key": staged as the caller and taken by the channel''s ingest function (the same validation, linking and fever rule), one row per record in order: index (from 0), key, outcome (stored, corrected, duplicate, rejected, review), reason (of a reject), resident (as grid.show_id shows it), batch_id. A record sent again under its key stores nothing and returns its first outcome. A request of the wrong shape stores nothing (22023)';

-- ------------------------------------------------------------------ access

-- Row-level security by division (grid.enable_access, from the access
-- concern) on every table of people and events; by place on those of a
-- resident's events.
SELECT grid.enable_access(t)
  FROM (VALUES ('grid.report_review'::regclass),
               ('grid.returnee'), ('grid.checkpoint_passage'), ('grid.team_member'),
               ('grid.team_checkpoint'), ('grid.ingest_reject')) AS v(t);
SELECT grid.enable_access(t, scope_column => 'place')
  FROM (VALUES ('grid.health_report'::regclass), ('grid.unreached'), ('grid.key_person'),
               ('grid.service_request')) AS v(t);

-- Writes that name a resident (grid.enable_resident_check): reports, calls,
-- key persons and requests are filed under the resident's own division;
-- returnees, passages and review entries may name a resident of another
-- division the writer sees.  A passage belongs to its checkpoint's
-- division, so that the checkpoints' unique key answers nobody about
-- another village's checkpoint.
SELECT grid.enable_resident_check(t, c, d)
  FROM (VALUES ('grid.health_report'::regclass, 'resident_id'::name, true), ('grid.unreached', 'resident_id', true),
               ('grid.key_person', 'resident_id', true), ('grid.service_request', 'resident_id', true),
               ('grid.returnee', 'resident_id', false), ('grid.checkpoint_passage', 'resident_id', false),
               ('grid.report_review', 'best_candidate', false)) AS v(t, c, d);
-- STABLE: reads grid.checkpoint.
CREATE FUNCTION grid.checkpoint_registered(checkpoint bigint, division grid.division_code) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT EXISTS (SELECT FROM grid.checkpoint c
                    WHERE c.id = checkpoint_registered.checkpoint
                      AND c.division OPERATOR(grid.=) checkpoint_registered.division)
$$;
COMMENT ON FUNCTION grid.checkpoint_registered(bigint, grid.division_code) IS
    'true if the checkpoint is run by this division (the test of the policy grid_checkpoint on grid.checkpoint_passage). STABLE: reads grid.checkpoint';
CREATE POLICY grid_checkpoint ON grid.checkpoint_passage AS RESTRICTIVE FOR ALL
    WITH CHECK (grid.checkpoint_registered(checkpoint_id, division));
COMMENT ON POLICY grid_checkpoint ON grid.checkpoint_passage IS
    'grid: a passage is filed under the division that runs its checkpoint';
-- The generator's registry names residents and no division: administrators only.
SELECT grid.enable_admin_only(t)
  FROM (VALUES ('grid.synthetic_resident'::regclass), ('grid.synthetic_truth')) AS v(t);
-- Staged rows and the batch log are protected by policies of their own
-- (above); TRUNCATE, which skips policies, is for administrators only.
SELECT grid.guard_truncate(t)
  FROM (VALUES ('grid.stage_app'::regclass), ('grid.stage_sms'), ('grid.stage_voice'), ('grid.stage_proxy'),
               ('grid.stage_checkpoint'), ('grid.ingest_batch')) AS v(t);
