-- grid reports: the daily reports a village, township, county and the city
-- send up, computed from the registry and the day's operations.
--
-- Every report is a set-returning function of a day (a calendar day in
-- China time, whatever the session's TimeZone) and an optional division
-- (NULL: everything the caller may see).  The functions are SECURITY
-- INVOKER, so row-level security on the tables they read (grid.resident,
-- grid.health_report, grid.key_person, ...) gives each caller their own
-- slice: a community's worker gets the community, a county its county.
-- Reference tables (grid.division, grid.cell, grid.checkpoint) carry no
-- people; where a report lists them, it keeps the caller's scope with
-- grid.in_my_scope.
--
-- Roll-ups (temperature, returnees, screening) have one row per grid cell,
-- village, township, county and city, made by one GROUPING SETS pass, so a
-- level's totals are the sum of its children's by construction (residents
-- whose cell is unknown or not under their village form one "未划入网格"
-- row under the village, so that this holds).  The archive keeps a day's
-- reports as rows of grid.report_archive, identifiers masked whoever
-- writes them (grid.archive_masked); grid.report_csv writes any report
-- as CSV for Excel; grid.command_map draws a village or township as SVG.
-- The call list and screening read grid.health_day, each resident's day of
-- reports, which triggers on grid.health_report keep, so that a city's
-- report joins two million narrow rows instead of grouping the reports
-- themselves; the temperature report reads the facts per place kept from
-- it and the registry (grid.cell_fact, grid.cell_day), one row per cell.
-- Each report is also a security_invoker view (grid.<report>_daily).

-- ------------------------------------------------------------------- days

-- The start of a calendar day in China (UTC+8, no summer time since 1991).
-- IMMUTABLE: a fixed zone name, as timezone(text, timestamp) is.
CREATE FUNCTION grid.report_day_start(day date) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.timezone('Asia/Shanghai', day::timestamp);
COMMENT ON FUNCTION grid.report_day_start(date) IS
    'the first instant of a calendar day in China time (Asia/Shanghai): reports count what happened from it to the start of the next day';

-- The calendar day in China of an instant.  IMMUTABLE: a fixed zone.
CREATE FUNCTION grid.report_day(at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.timezone('Asia/Shanghai', at)::date;
COMMENT ON FUNCTION grid.report_day(timestamptz) IS 'the calendar day in China time (Asia/Shanghai) of an instant';

-- STABLE: reads the clock (the transaction's start).
CREATE FUNCTION grid.report_today() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN grid.report_day(pg_catalog.now());
COMMENT ON FUNCTION grid.report_today() IS 'today in China time, the default day of every report. STABLE: reads the clock';

-- ------------------------------------------------- each resident's day

-- A channel as a bit of grid.health_day.channels, as grid.channel names
-- it.  STABLE: reads grid.channel.
CREATE FUNCTION grid.channel_bit(channel text) RETURNS smallint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN coalesce((SELECT c.bit FROM grid.channel c WHERE c.code = channel_bit.channel), 0);
COMMENT ON FUNCTION grid.channel_bit(text) IS
    'the bit of a channel in grid.health_day.channels, from grid.channel (app 1, sms 2, voice 4, proxy 8, checkpoint 16; 0 for an unknown code). STABLE: reads grid.channel';

-- Where a channel is counted in grid.cell_day.reached: its bit's position,
-- from 1 (NULL for an unknown code).  STABLE: reads grid.channel.
CREATE FUNCTION grid.channel_index(channel text) RETURNS integer
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN (SELECT k FROM pg_catalog.generate_series(1, 15) k
             WHERE 1 << (k - 1) = (SELECT c.bit FROM grid.channel c WHERE c.code = channel_index.channel));
COMMENT ON FUNCTION grid.channel_index(text) IS
    'the position of a channel in grid.cell_day.reached (log2 of its bit, plus 1: app 1, sms 2, voice 3, proxy 4, checkpoint 5); NULL for an unknown code. STABLE: reads grid.channel';

-- One row per resident, calendar day and filing division with a health
-- report: what that day's reports of the resident filed in that division
-- add up to.  The city-wide reports read these two million narrow rows of
-- a day instead of grouping the reports themselves.  Triggers on
-- grid.health_report keep it, in the statement that inserts, updates,
-- deletes or truncates reports, so it always agrees with them (tested);
-- grid.rebuild_health_day() recomputes it.
--
-- Each filing division keeps its own day: a resident who moved from
-- village B to village A and was reported in both on one day has two rows,
-- B's and A's, each seen (row-level security by place) and counted only by
-- its own village.  A report filed in A never changes B's row, nor B's in
-- A's, so that neither learns anything of the other's reports.
CREATE TABLE grid.health_day (
    day          date NOT NULL,
    resident_id  grid.resident_id NOT NULL,
    division     grid.division_code NOT NULL,
    reports      integer NOT NULL CHECK (reports > 0),
    fever        boolean NOT NULL,
    channels     smallint NOT NULL,
    last_at      timestamptz NOT NULL,
    place        grid.division_code NOT NULL,
    PRIMARY KEY (resident_id, day, division)
);
COMMENT ON TABLE grid.health_day IS
    'each resident''s day of health reports per filing division (one row per resident, China calendar day and division with a report: a resident reported in two villages on one day, before and after a move, has a day in each, each village''s own), kept by triggers on grid.health_report; the daily reports read it';
COMMENT ON COLUMN grid.health_day.day IS 'the calendar day in China time (grid.report_day of reported_at)';
COMMENT ON COLUMN grid.health_day.resident_id IS 'whose reports';
COMMENT ON COLUMN grid.health_day.division IS 'the division the reports were filed under (grid.health_report.division): each village keeps, sees and counts its own day of a resident, whatever another village filed that day';
COMMENT ON COLUMN grid.health_day.reports IS 'how many reports';
COMMENT ON COLUMN grid.health_day.fever IS 'whether any of them was a fever';
COMMENT ON COLUMN grid.health_day.channels IS 'the channels they came by, as bits (grid.channel_bit)';
COMMENT ON COLUMN grid.health_day.last_at IS 'when the last of them was taken';
COMMENT ON COLUMN grid.health_day.place IS 'the place of the latest of these reports (of reports at the same instant, the largest place), under division; row-level security tests it';
CREATE INDEX health_day_day_idx ON grid.health_day (day, place);
COMMENT ON INDEX grid.health_day_day_idx IS 'a day''s rows of a place and its subtree (access rules, daily reports); the primary key finds one resident''s days (and a day''s rows in each division)';
SELECT grid.enable_access('grid.health_day', scope_column => 'place');

-- Inserted reports are added to their days; updated and deleted ones have
-- their days recounted.  SECURITY DEFINER: grid.health_day is written and
-- the reports recounted whatever the writer may see.
CREATE FUNCTION grid.health_day_add() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- each filing division's reports to its own day: another division's
    -- row of the resident and day is never read or written
    -- the place of the day's latest report (of reports at the same
    -- instant, the largest): one sort of the statement's rows, not one per
    -- day
    INSERT INTO grid.health_day AS d (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT a.day, a.resident_id, a.division, count(*)::integer,
           bool_or(a.fever), bit_or(a.bit), max(a.reported_at),
           grid.max(a.place) FILTER (WHERE a.reported_at = a.last_at)
      FROM (SELECT grid.report_day(a.reported_at) AS day, a.resident_id, a.division, a.fever, ch.bit, a.reported_at,
                   a.place, max(a.reported_at) OVER (PARTITION BY a.resident_id, grid.report_day(a.reported_at), a.division)
                            AS last_at
              FROM added a
              JOIN grid.channel ch ON ch.code = a.channel) a   -- the bits joined once, not looked up per report
     GROUP BY 2, 1, 3
     ORDER BY 2, 1, 3   -- the key's order for every writer: concurrent batches wait, never deadlock
    ON CONFLICT (resident_id, day, division) DO UPDATE
       SET reports = d.reports + excluded.reports,
           fever = d.fever OR excluded.fever,
           channels = d.channels | excluded.channels,
           last_at = greatest(d.last_at, excluded.last_at),
           place = CASE WHEN (excluded.last_at, excluded.place::bigint) > (d.last_at, d.place::bigint)
                        THEN excluded.place ELSE d.place END;
    RETURN NULL;
END
$$;
CREATE FUNCTION grid.health_day_recount() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    days date[];
    residents grid.resident_id[];
    divisions grid.division_code[];
BEGIN
    -- the (day, resident, filing division) keys the statement touched: a
    -- division's day is recounted from that division's reports only
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(k.day ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.resident_id ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.division ORDER BY k.day, k.resident_id, k.division)
          INTO days, residents, divisions
          FROM (SELECT grid.report_day(o.reported_at) AS day, o.resident_id, o.division FROM removed o
                UNION SELECT grid.report_day(n.reported_at), n.resident_id, n.division FROM added n) k;
    ELSE
        SELECT array_agg(k.day ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.resident_id ORDER BY k.day, k.resident_id, k.division),
               array_agg(k.division ORDER BY k.day, k.resident_id, k.division)
          INTO days, residents, divisions
          FROM (SELECT DISTINCT grid.report_day(o.reported_at) AS day, o.resident_id, o.division FROM removed o) k;
    END IF;
    DELETE FROM grid.health_day d
     USING ROWS FROM (unnest(days), unnest(residents), unnest(divisions)) k(day, resident_id, division)
     WHERE d.day = k.day AND d.resident_id OPERATOR(grid.=) k.resident_id AND d.division OPERATOR(grid.=) k.division;
    -- recounted from the reports left (none: the day is gone)
    INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT k.day, k.resident_id, k.division, count(*)::integer, bool_or(h.fever),
           bit_or(ch.bit), max(h.reported_at), (pg_catalog.array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
      FROM ROWS FROM (unnest(days), unnest(residents), unnest(divisions)) k(day, resident_id, division)
      JOIN grid.health_report h ON h.resident_id OPERATOR(grid.=) k.resident_id
                               AND h.division OPERATOR(grid.=) k.division
                               AND h.reported_at >= grid.report_day_start(k.day)
                               AND h.reported_at < grid.report_day_start(k.day + 1)
      JOIN grid.channel ch ON ch.code = h.channel
     GROUP BY k.day, k.resident_id, k.division;
    RETURN NULL;
END
$$;
CREATE FUNCTION grid.health_day_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    TRUNCATE grid.health_day;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.health_day_add() IS 'trigger: adds inserted health reports to their resident''s day in their filing division (grid.health_day), never to another division''s';
COMMENT ON FUNCTION grid.health_day_recount() IS 'trigger: recounts the days of updated or deleted health reports in grid.health_day, each (resident, day, filing division) from that division''s reports';
COMMENT ON FUNCTION grid.health_day_truncate() IS 'trigger: empties grid.health_day with grid.health_report';
CREATE TRIGGER health_day_add AFTER INSERT ON grid.health_report
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_add();
CREATE TRIGGER health_day_update AFTER UPDATE ON grid.health_report
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_recount();
CREATE TRIGGER health_day_delete AFTER DELETE ON grid.health_report
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_recount();
CREATE TRIGGER health_day_truncate AFTER TRUNCATE ON grid.health_report
    FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_truncate();

-- Only the triggers above and grid.rebuild_health_day, which run as the
-- table's owner, write grid.health_day: anyone else, whatever privileges
-- they hold, could fake a village's days or probe the primary key for
-- another village's residents.  A statement trigger, so that it costs
-- nothing per row and refuses before any key is looked up.  (The reports
-- themselves are checked by the policy grid_resident on
-- grid.health_report: the triggers only ever add the days of residents
-- the writer sees, under their own division.)  VOLATILE: a trigger
-- function.
CREATE FUNCTION grid.health_day_writers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'grid.health_day is written only by the triggers on grid.health_report'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write the health reports; an administrator recomputes the days with grid.rebuild_health_day().';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.health_day_writers() IS
    'trigger function: refuses (42501) a write to grid.health_day by anyone but its owner, as whom its maintenance triggers run';
CREATE TRIGGER health_day_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.health_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.health_day_writers();
COMMENT ON TRIGGER health_day_writers ON grid.health_day IS 'only the maintenance triggers write grid.health_day';

-- Recompute grid.health_day from grid.health_report (after a restore that
-- skipped triggers, say).  VOLATILE: writes.
CREATE FUNCTION grid.rebuild_health_day() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM grid.require_admin('rebuild grid.health_day');
    TRUNCATE grid.health_day;
    INSERT INTO grid.health_day (day, resident_id, division, reports, fever, channels, last_at, place)
    SELECT grid.report_day(h.reported_at), h.resident_id, h.division, count(*)::integer,
           bool_or(h.fever), bit_or(ch.bit), max(h.reported_at),
           (pg_catalog.array_agg(h.place ORDER BY h.reported_at DESC, h.place DESC))[1]
      FROM grid.health_report h
      JOIN grid.channel ch ON ch.code = h.channel
     GROUP BY 1, 2, 3;
    GET DIAGNOSTICS n = ROW_COUNT;
    ANALYZE grid.health_day;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.rebuild_health_day() IS
    'recompute grid.health_day from grid.health_report (administrators); returns the rows; the triggers keep it otherwise';

-- ------------------------------------------------------------------ facts

-- The facts every level's temperature report and call-list count read:
-- kept per place (a grid cell, or the village for its residents without a
-- valid cell: grid.resident.place), so that a city's report reads one row
-- per cell, about 6,600 for Yichang, instead of one per resident.
--
--   grid.cell_fact  per place: residents now (status resident or
--                   temporary), as the registry holds them;
--   grid.cell_day   per place and day: how many of those residents
--                   reported that day, with a fever, and by each channel.
--
-- A resident counts where the registry puts them now, with the days filed
-- in their village: a resident who moved to another cell counts there for
-- every day; one who moved to another village counts there with the days
-- that village filed, and the days the former village filed before the
-- move count nowhere (that village still holds and sees them, in
-- grid.health_day and its reports).  So a village's "reported" on a day is
-- its residents (now) with a report filed in it that day, never more than
-- its residents, and a city's total counts a resident reported in two
-- villages on one day once, in the village he lives in.  No figure of one
-- village changes when another files.  Triggers keep both in the statement that changes what they
-- count: on grid.health_day (itself kept by the reports' triggers: reports
-- inserted, corrected or deleted) and on grid.resident (residents added,
-- moved to another cell or village, dead, moved out or away, deleted).
-- Each statement's transition rows are grouped by place once, and the
-- groups applied in key order, so that concurrent writers wait for each
-- other instead of deadlocking.  A change of residents' places or status
-- takes the place lock (grid.place_lock_key) exclusively and the upkeep of
-- days takes it shared, so that a day is counted where its resident is
-- when both have committed.  grid.rebuild_facts() recounts both; the tests
-- compare them with a recount after every kind of change.
--
-- Protected as the rows they count: row-level security by place (a grid
-- worker sees its cell's facts, a village its cells' and its own), and only
-- the triggers write (grid.fact_writers), so that no role learns a count
-- outside its scope through a key conflict or an error.
CREATE TABLE grid.cell_fact (
    place     grid.division_code PRIMARY KEY,
    division  grid.division_code NOT NULL,
    residents integer NOT NULL,
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.cell_fact IS
    'facts per place (grid cell, or a village for its residents without a valid cell): residents now; kept by triggers on grid.resident, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.cell_fact.place IS 'the grid cell, or the village for its residents without a valid cell (grid.resident.place); row-level security tests it';
COMMENT ON COLUMN grid.cell_fact.division IS 'the village';
COMMENT ON COLUMN grid.cell_fact.residents IS 'residents of the place with status resident or temporary (rows with none are removed)';
SELECT grid.enable_access('grid.cell_fact', scope_column => 'place');

CREATE TABLE grid.cell_day (
    day        date NOT NULL,
    place      grid.division_code NOT NULL,
    division   grid.division_code NOT NULL,
    reported   integer NOT NULL,
    fever      integer NOT NULL,
    app        integer NOT NULL,
    sms        integer NOT NULL,
    voice      integer NOT NULL,
    proxy      integer NOT NULL,
    checkpoint integer NOT NULL,
    slot       smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    reached    integer[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (day, place, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.cell_day IS
    'facts per place and China calendar day: how many of the place''s residents (grid.cell_fact) reported, had a fever report, and reported by each channel; kept by triggers on grid.health_day and grid.resident, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.cell_day.day IS 'the calendar day in China time';
COMMENT ON COLUMN grid.cell_day.place IS 'the grid cell, or the village for its residents without a valid cell; row-level security tests it';
COMMENT ON COLUMN grid.cell_day.division IS 'the village';
COMMENT ON COLUMN grid.cell_day.reported IS 'residents (status resident or temporary) of the place with a report that day (rows with none are removed)';
COMMENT ON COLUMN grid.cell_day.fever IS 'of them, with a fever report';
COMMENT ON COLUMN grid.cell_day.app IS 'of them, reached by the app (reached at grid.channel_index(''app''), kept as a column for its readers)';
COMMENT ON COLUMN grid.cell_day.sms IS 'of them, reached by SMS (as app)';
COMMENT ON COLUMN grid.cell_day.voice IS 'of them, reached by the voice robot (as app)';
COMMENT ON COLUMN grid.cell_day.proxy IS 'of them, reported by their grid worker (as app)';
COMMENT ON COLUMN grid.cell_day.checkpoint IS 'of them, reported at a checkpoint (as app)';
COMMENT ON COLUMN grid.cell_day.reached IS 'of them, reached by each channel of grid.channel, by bit: element k counts the channel whose bit is 2^(k-1) (grid.channel_index); missing trailing elements are 0. A channel an administrator adds is counted here with no other change';
COMMENT ON COLUMN grid.cell_day.slot IS
    'which of up to eight rows of the place and day: each writing transaction adds to a slot no other running one holds (grid.fact_slot), so that batches ingested at once do not wait for each other on the row of a cell; a place''s figures are the sum of its slots';
SELECT grid.enable_access('grid.cell_day', scope_column => 'place');

-- The slot of grid.cell_day the current transaction writes: the first of
-- the eight that no other running transaction holds (a transaction
-- advisory lock on "grid" and 16 + slot), else, when all are taken, one
-- chosen by the backend, waited for.  VOLATILE: takes a lock.
CREATE FUNCTION grid.fact_slot() RETURNS smallint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    FOR s IN 0..7 LOOP
        IF pg_catalog.pg_try_advisory_xact_lock((grid.place_lock_key())[1], 16 + s) THEN
            RETURN s;
        END IF;
    END LOOP;
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], 16 + pg_catalog.pg_backend_pid() % 8);
    RETURN pg_catalog.pg_backend_pid() % 8;
END
$$;
COMMENT ON FUNCTION grid.fact_slot() IS
    'the slot of grid.cell_day the current transaction adds to: one no other running transaction holds (transaction advisory locks), so that concurrent writers never wait for each other on a fact row';
REVOKE EXECUTE ON FUNCTION grid.fact_slot() FROM PUBLIC;

-- Only the triggers below and grid.rebuild_facts, which run as the tables'
-- owner, write the facts (as grid.health_day_writers for grid.health_day):
-- a statement trigger, which refuses before any key is looked up.
-- VOLATILE: a trigger function.
CREATE FUNCTION grid.fact_writers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'grid.% is written only by its triggers', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write the health reports and the registry; an administrator recounts the facts with grid.rebuild_facts().';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.fact_writers() IS
    'trigger function: refuses (42501) a write to grid.cell_fact or grid.cell_day by anyone but its owner, as whom its maintenance triggers run';
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.cell_fact
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.cell_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.cell_fact IS 'only the maintenance triggers write grid.cell_fact';
COMMENT ON TRIGGER fact_writers ON grid.cell_day IS 'only the maintenance triggers write grid.cell_day';

-- Per-channel counts as grid.cell_day.reached keeps them: of signed
-- resident-days (+1 added, -1 removed) with their channel bits, element k
-- sums the signs of those with bit 2^(k-1), up to the last non-zero one
-- ('{}' when all are 0).  Generic in the channels: it reads no code.
-- signs NULL: +1 each.  In C (reports_reached_count): the fact triggers
-- call it once per day and place of every batch.  IMMUTABLE.
CREATE FUNCTION grid.reached_count(channels smallint[], signs integer[] DEFAULT NULL) RETURNS integer[]
    AS 'MODULE_PATHNAME', 'reports_reached_count' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION grid.reached_count(smallint[], integer[]) IS
    'per-channel counts as grid.cell_day.reached keeps them, from resident-days'' channel bits (grid.health_day.channels) and signs (NULL: +1 each): element k sums the signs of those with bit 2^(k-1); {} when all are 0';

-- Two per-channel counts added element by element.  IMMUTABLE.
CREATE FUNCTION grid.reached_add(a integer[], b integer[]) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce(pg_catalog.array_agg(coalesce(x.a, 0) + coalesce(x.b, 0) ORDER BY x.k), '{}')
  FROM ROWS FROM (pg_catalog.unnest(a), pg_catalog.unnest(b)) WITH ORDINALITY x(a, b, k)
$$;
COMMENT ON FUNCTION grid.reached_add(integer[], integer[]) IS
    'two per-channel counts (grid.cell_day.reached) added element by element, the shorter one read as 0 beyond its end';
CREATE AGGREGATE grid.reached_sum(integer[]) (SFUNC = grid.reached_add, STYPE = integer[], INITCOND = '{}', PARALLEL = SAFE);
COMMENT ON AGGREGATE grid.reached_sum(integer[]) IS
    'the sum of per-channel counts (grid.cell_day.reached) element by element: a place''s slots, or a level''s places';

-- Add to grid.cell_day what a statement changed, already grouped by day
-- and place (the callers group their transition rows once): the change of
-- each count, in the transaction's slot.  Rows left at zero are removed.
-- VOLATILE: writes.
CREATE FUNCTION grid.cell_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
    -- where the built-in channels, which keep columns of their own, are
    -- counted in reached
    k_app constant integer := grid.channel_index('app');
    k_sms constant integer := grid.channel_index('sms');
    k_voice constant integer := grid.channel_index('voice');
    k_proxy constant integer := grid.channel_index('proxy');
    k_checkpoint constant integer := grid.channel_index('checkpoint');
BEGIN
    INSERT INTO grid.cell_day AS f (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, slot, reached)
    SELECT c.day, c.place, c.division, c.reported, c.fever, coalesce(c.reached[k_app], 0), coalesce(c.reached[k_sms], 0),
           coalesce(c.reached[k_voice], 0), coalesce(c.reached[k_proxy], 0), coalesce(c.reached[k_checkpoint], 0), s,
           c.reached
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                reached integer[])
     ORDER BY c.day, c.place          -- one order for every writer
    ON CONFLICT (day, place, slot) DO UPDATE
       SET reported = f.reported + excluded.reported, fever = f.fever + excluded.fever,
           app = f.app + excluded.app, sms = f.sms + excluded.sms, voice = f.voice + excluded.voice,
           proxy = f.proxy + excluded.proxy, checkpoint = f.checkpoint + excluded.checkpoint,
           reached = grid.reached_add(f.reached, excluded.reached);
    DELETE FROM grid.cell_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code)
     WHERE f.day = k.day AND f.place OPERATOR(grid.=) k.place AND f.slot = s
       AND (f.reported, f.fever, f.app, f.sms, f.voice, f.proxy, f.checkpoint) = (0, 0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.cell_day_add(jsonb) IS
    'adds a statement''s changes to grid.cell_day, grouped by day and place (a JSON array of objects day, place, division and the change of reported, fever and reached, the per-channel counts, from which the built-in channels'' columns are filled); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.cell_day_add(jsonb) FROM PUBLIC;

-- Signed resident-days (day, place, village, +1 or -1, fever, channel
-- bits) grouped by day and place, as grid.cell_day_add takes them; NULL
-- when nothing changes.  IMMUTABLE.
CREATE FUNCTION grid.cell_day_changes(days date[], places grid.division_code[], villages grid.division_code[],
                                      signs integer[], fevers boolean[], channels smallint[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT pg_catalog.jsonb_agg(g) FROM (
    SELECT c.day, c.place, c.village AS division, sum(c.sign)::integer AS reported,
           coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
           grid.reached_count(pg_catalog.array_agg(c.ch), pg_catalog.array_agg(c.sign)) AS reached
      FROM ROWS FROM (pg_catalog.unnest(days), pg_catalog.unnest(places), pg_catalog.unnest(villages),
                      pg_catalog.unnest(signs), pg_catalog.unnest(fevers), pg_catalog.unnest(channels))
           c(day, place, village, sign, fever, ch)
     GROUP BY c.day, c.place, c.village) g
 WHERE (g.reported, g.fever) <> (0, 0) OR g.reached <> '{}'
$$;
COMMENT ON FUNCTION grid.cell_day_changes(date[], grid.division_code[], grid.division_code[], integer[], boolean[], smallint[]) IS
    'signed resident-days grouped by day and place as grid.cell_day_add takes them (NULL when they cancel out); used by grid.cell_fact_follow';

-- Days added, changed or removed (grid.health_day): each counts at its
-- resident's place, if the resident is counted (status resident or
-- temporary) and the day was filed in the resident's village; the
-- statement's rows are grouped by day and place once.  Days added also
-- set their residents' first screened days (as grid.screened_follow keeps
-- them when days are removed): each resident is read once for both, in
-- one pass over the statement's rows, not once per fact.
-- SECURITY DEFINER: the facts are written whatever the writer may see;
-- the days themselves are the writer's (grid.health_day's triggers), so
-- nothing outside the writer's scope changes.
CREATE FUNCTION grid.cell_day_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
    n_day date[]; n_id grid.resident_id[]; n_div grid.division_code[]; n_place grid.division_code[];
    n_hh bigint[]; n_fever boolean[]; n_ch smallint[];
BEGIN
    -- residents whose place or status changes commit first
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    IF TG_OP = 'INSERT' THEN
        -- the days of counted residents filed in their village, with what
        -- the facts need of each resident: one look-up by key per day (OFFSET
        -- 0), not a scan of the registry, however large the batch
        SELECT array_agg(h.day), array_agg(h.resident_id), array_agg(r.division), array_agg(r.place),
               array_agg(r.household_id), array_agg(h.fever), array_agg(h.channels)
          INTO n_day, n_id, n_div, n_place, n_hh, n_fever, n_ch
          FROM days_new h
         CROSS JOIN LATERAL (SELECT r.division, r.place, r.household_id FROM grid.resident r
                              WHERE r.id OPERATOR(grid.=) h.resident_id AND r.division OPERATOR(grid.=) h.division
                                AND r.status IN ('resident', 'temporary')
                             OFFSET 0) r;
        IF n_id IS NULL THEN
            RETURN NULL;
        END IF;
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, c.place, c.division, count(*)::integer AS reported,
                   count(*) FILTER (WHERE c.fever)::integer AS fever,
                   grid.reached_count(array_agg(c.channels)) AS reached
              FROM ROWS FROM (unnest(n_day), unnest(n_place), unnest(n_div), unnest(n_fever), unnest(n_ch))
                   c(day, place, division, fever, channels)
             GROUP BY c.day, c.place, c.division) g;
        PERFORM grid.cell_day_add(changes);
        -- first screened: a resident's first day in a village is the first
        -- the village filed (a day another village filed, before a move,
        -- screens nobody here); the earlier first day wins; concurrent
        -- writers wait for each other on the row (grid.resident_screened,
        -- grid.household_screened), whose triggers move the facts
        SELECT array_agg(c.day), array_agg(c.id), array_agg(c.division), array_agg(c.household_id)
          INTO n_day, n_id, n_div, n_hh
          FROM ROWS FROM (unnest(n_day), unnest(n_id), unnest(n_div), unnest(n_hh)) c(day, id, division, household_id)
         WHERE NOT EXISTS (SELECT FROM grid.health_day h
                            WHERE h.resident_id OPERATOR(grid.=) c.id AND h.day < c.day
                              AND h.division OPERATOR(grid.=) c.division);
        IF n_id IS NULL THEN
            RETURN NULL;
        END IF;
        INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
        SELECT c.division, c.id, c.day
          FROM ROWS FROM (unnest(n_day), unnest(n_id), unnest(n_div)) c(day, id, division)
         ORDER BY c.division, c.id
        ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
        INSERT INTO grid.household_screened AS s (division, household_id, first_day)
        SELECT c.division, c.household_id, min(c.day)
          FROM ROWS FROM (unnest(n_day), unnest(n_div), unnest(n_hh)) c(day, division, household_id)
         WHERE c.household_id IS NOT NULL
         GROUP BY c.division, c.household_id
         ORDER BY c.division, c.household_id
        ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
         WHERE excluded.first_day < s.first_day;
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT h.day, r.place, r.division, -count(*)::integer AS reported,
                   -count(*) FILTER (WHERE h.fever)::integer AS fever,
                   grid.reached_count(array_agg(h.channels), array_agg(-1)) AS reached
              FROM days_old h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id
                                                   AND r.division OPERATOR(grid.=) h.division
             WHERE r.status IN ('resident', 'temporary')
             GROUP BY h.day, r.place, r.division) g;
    ELSE
        -- an update counts as the old day removed and the new one added;
        -- a day whose counted values did not change (its place moving with
        -- its resident, another report of a channel already counted) is
        -- left out
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, r.place, r.division, sum(c.sign)::integer AS reported,
                   coalesce(sum(c.sign) FILTER (WHERE c.fever), 0)::integer AS fever,
                   grid.reached_count(array_agg(c.channels), array_agg(c.sign)) AS reached
              FROM (SELECT coalesce(o.resident_id, n.resident_id) AS resident_id, x.day, x.division, x.sign, x.fever,
                           x.channels
                      FROM days_old o
                      FULL JOIN days_new n ON n.resident_id OPERATOR(grid.=) o.resident_id AND n.day = o.day
                                          AND n.division OPERATOR(grid.=) o.division
                     CROSS JOIN LATERAL (VALUES (o.day, o.division, -1, o.fever, o.channels),
                                                (n.day, n.division, 1, n.fever, n.channels)) x(day, division, sign, fever, channels)
                     WHERE x.day IS NOT NULL
                       AND (o.day IS NULL OR n.day IS NULL OR o.fever <> n.fever OR o.channels <> n.channels)) c
             -- one look-up by key per day changed (OFFSET 0), as for days added
             CROSS JOIN LATERAL (SELECT r.place, r.division FROM grid.resident r
                                  WHERE r.id OPERATOR(grid.=) c.resident_id AND r.division OPERATOR(grid.=) c.division
                                    AND r.status IN ('resident', 'temporary')
                                 OFFSET 0) r
             GROUP BY c.day, r.place, r.division) g;
    END IF;
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_day_follow() IS
    'trigger: adds the residents'' days inserted into, changed in or deleted from grid.health_day to grid.cell_day, at each resident''s place when filed in the resident''s village, grouped by day and place once per statement; days inserted also set their residents'' and households'' first screened days (grid.resident_screened, grid.household_screened), each resident read once for both';
CREATE TRIGGER cell_day_insert AFTER INSERT ON grid.health_day
    REFERENCING NEW TABLE AS days_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_day_follow();
CREATE TRIGGER cell_day_update AFTER UPDATE ON grid.health_day
    REFERENCING OLD TABLE AS days_old NEW TABLE AS days_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_day_follow();
CREATE TRIGGER cell_day_delete AFTER DELETE ON grid.health_day
    REFERENCING OLD TABLE AS days_old FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_day_follow();
COMMENT ON TRIGGER cell_day_insert ON grid.health_day IS 'new residents'' days are counted in grid.cell_day, and residents first screened in grid.resident_screened and grid.household_screened (grid.cell_day_follow)';
COMMENT ON TRIGGER cell_day_update ON grid.health_day IS 'changed residents'' days are recounted in grid.cell_day (grid.cell_day_follow)';
COMMENT ON TRIGGER cell_day_delete ON grid.health_day IS 'removed residents'' days leave grid.cell_day (grid.cell_day_follow)';

-- Residents added, changed or deleted: a resident counted before (status
-- resident or temporary) leaves their old place, with every day they
-- reported, and one counted after joins the new place with them.  Only
-- residents whose place or counting changes.  SECURITY DEFINER: the
-- writer's rows are the residents it may change (row-level security on
-- grid.resident); the facts and the days are read and written whatever it
-- may see.
CREATE FUNCTION grid.cell_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[]; places grid.division_code[]; villages grid.division_code[]; signs integer[];
    a_day date[]; a_place grid.division_code[]; a_village grid.division_code[];
    a_sign integer[]; a_fever boolean[]; a_ch smallint[];
    changes jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.id), array_agg(n.place), array_agg(n.division), array_agg(1)
          INTO ids, places, villages, signs
          FROM residents_new n WHERE n.status IN ('resident', 'temporary');
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.id), array_agg(o.place), array_agg(o.division), array_agg(-1)
          INTO ids, places, villages, signs
          FROM residents_old o WHERE o.status IN ('resident', 'temporary');
    ELSE
        SELECT array_agg(c.id), array_agg(c.place), array_agg(c.division), array_agg(c.sign)
          INTO ids, places, villages, signs
          FROM (SELECT c.id, c.place, c.division, sum(c.sign)::integer AS sign
                  FROM (SELECT o.id, o.place, o.division, -1 AS sign FROM residents_old o
                         WHERE o.status IN ('resident', 'temporary')
                        UNION ALL
                        SELECT n.id, n.place, n.division, 1 FROM residents_new n
                         WHERE n.status IN ('resident', 'temporary')) c
                 GROUP BY c.id, c.place, c.division
                HAVING sum(c.sign) <> 0) c;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- writers filing days of these residents commit first
        PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    END IF;
    INSERT INTO grid.cell_fact AS f (place, division, residents)
    SELECT c.place, c.village, sum(c.sign)::integer
      FROM ROWS FROM (pg_catalog.unnest(places), pg_catalog.unnest(villages), pg_catalog.unnest(signs)) c(place, village, sign)
     GROUP BY c.place, c.village
     ORDER BY c.place
    ON CONFLICT (place) DO UPDATE SET residents = f.residents + excluded.residents;
    DELETE FROM grid.cell_fact f WHERE f.place OPERATOR(grid.=) ANY (places) AND f.residents = 0;
    -- the days these residents reported in the village they leave or join,
    -- at the place they leave or join (days another village filed count
    -- there only)
    SELECT array_agg(h.day), array_agg(c.place), array_agg(c.village), array_agg(c.sign), array_agg(h.fever), array_agg(h.channels)
      INTO a_day, a_place, a_village, a_sign, a_fever, a_ch
      FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(places), pg_catalog.unnest(villages), pg_catalog.unnest(signs))
           c(id, place, village, sign)
      JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) c.id AND h.division OPERATOR(grid.=) c.village;
    changes := grid.cell_day_changes(a_day, a_place, a_village, a_sign, a_fever, a_ch);
    IF changes IS NOT NULL THEN
        PERFORM grid.cell_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.cell_fact_follow() IS
    'trigger: residents added, moved, no longer counted (dead, moved out, away) or deleted change grid.cell_fact, and take the days their village filed along in grid.cell_day';
CREATE TRIGGER cell_fact_insert AFTER INSERT ON grid.resident
    REFERENCING NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow();
CREATE TRIGGER cell_fact_update AFTER UPDATE ON grid.resident
    REFERENCING OLD TABLE AS residents_old NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow();
CREATE TRIGGER cell_fact_delete AFTER DELETE ON grid.resident
    REFERENCING OLD TABLE AS residents_old FOR EACH STATEMENT EXECUTE FUNCTION grid.cell_fact_follow();
COMMENT ON TRIGGER cell_fact_insert ON grid.resident IS 'new residents are counted in grid.cell_fact (grid.cell_fact_follow)';
COMMENT ON TRIGGER cell_fact_update ON grid.resident IS 'residents who move or stop being counted move their facts (grid.cell_fact_follow)';
COMMENT ON TRIGGER cell_fact_delete ON grid.resident IS 'deleted residents leave the facts (grid.cell_fact_follow)';

-- TRUNCATE (administrators only, grid.guard_truncate) skips the triggers
-- above: the facts are emptied with what they count.  VOLATILE.
CREATE FUNCTION grid.facts_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_TABLE_NAME = 'resident' THEN
        TRUNCATE grid.cell_fact, grid.cell_day;
    ELSE
        TRUNCATE grid.cell_day;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.facts_truncate() IS 'trigger: empties the facts with grid.resident (both) or grid.health_day (grid.cell_day)';
CREATE TRIGGER facts_truncate AFTER TRUNCATE ON grid.resident
    FOR EACH STATEMENT EXECUTE FUNCTION grid.facts_truncate();
CREATE TRIGGER facts_truncate AFTER TRUNCATE ON grid.health_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.facts_truncate();
COMMENT ON TRIGGER facts_truncate ON grid.resident IS 'empties grid.cell_fact and grid.cell_day with the registry';
COMMENT ON TRIGGER facts_truncate ON grid.health_day IS 'empties grid.cell_day with the days';

-- The facts recounted from the registry and grid.health_day, as the
-- triggers keep them (the tests compare the two).  STABLE: reads tables.
CREATE FUNCTION grid.cell_fact_recount() RETURNS SETOF grid.cell_fact
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.place, r.division, count(*)::integer
  FROM grid.resident r WHERE r.status IN ('resident', 'temporary')
 GROUP BY r.place, r.division
$$;
COMMENT ON FUNCTION grid.cell_fact_recount() IS
    'grid.cell_fact recounted from grid.resident, as the caller sees it (what grid.rebuild_facts stores, as the owner). STABLE: reads tables';
CREATE FUNCTION grid.cell_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, reported integer, fever integer,
                   app integer, sms integer, voice integer, proxy integer, checkpoint integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, r.division, count(*)::integer, count(*) FILTER (WHERE h.fever)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('app') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('sms') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('voice') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('proxy') <> 0)::integer,
       count(*) FILTER (WHERE h.channels & grid.channel_bit('checkpoint') <> 0)::integer
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id AND r.division OPERATOR(grid.=) h.division
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place, r.division
$$;
COMMENT ON FUNCTION grid.cell_day_recount() IS
    'grid.cell_day recounted from grid.health_day and grid.resident (each resident''s days filed in their village), as the caller sees them, one row per day and place (what grid.rebuild_facts stores in slot 0, as the owner; compare with grid.cell_day summed over slots; the per-channel counts: grid.cell_day_reached_recount). STABLE: reads tables';
-- STABLE: reads tables.
CREATE FUNCTION grid.cell_day_reached_recount()
    RETURNS TABLE (day date, place grid.division_code, reached integer[])
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT h.day, r.place, grid.reached_count(pg_catalog.array_agg(h.channels))
  FROM grid.health_day h JOIN grid.resident r ON r.id OPERATOR(grid.=) h.resident_id AND r.division OPERATOR(grid.=) h.division
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY h.day, r.place
$$;
COMMENT ON FUNCTION grid.cell_day_reached_recount() IS
    'grid.cell_day.reached, the per-channel counts, recounted from grid.health_day and grid.resident (each resident''s days filed in their village), as the caller sees them, one row per day and place (compare with grid.reached_sum over slots). STABLE: reads tables';

-- Recount the facts (after a restore that skipped triggers, say).
-- VOLATILE: writes.
CREATE FUNCTION grid.rebuild_facts() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    PERFORM grid.require_admin('rebuild the facts');
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- and every writer of reports and key-person entries (grid.key_person_lock)
    PERFORM grid.key_person_lock(ARRAY(SELECT pg_catalog.generate_series(0, 127)), true);
    -- DELETE rather than TRUNCATE: reports running meanwhile read the old
    -- facts until this commits
    DELETE FROM grid.cell_fact;
    DELETE FROM grid.cell_day;
    INSERT INTO grid.cell_fact SELECT * FROM grid.cell_fact_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.cell_day (day, place, division, reported, fever, app, sms, voice, proxy, checkpoint, reached)
    SELECT c.*, x.reached
      FROM grid.cell_day_recount() c JOIN grid.cell_day_reached_recount() x ON x.day = c.day AND x.place OPERATOR(grid.=) c.place;
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m + grid.village_facts_recount();
    DELETE FROM grid.key_person_resident;
    DELETE FROM grid.key_person_reading;
    INSERT INTO grid.key_person_resident SELECT * FROM grid.key_person_resident_recount();
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m;
    INSERT INTO grid.key_person_reading SELECT * FROM grid.key_person_reading_recount();
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m;
    ANALYZE grid.cell_fact;
    ANALYZE grid.cell_day;
    ANALYZE grid.village_day;
    ANALYZE grid.resident_screened;
    ANALYZE grid.household_screened;
    ANALYZE grid.key_person_day;
    ANALYZE grid.service_day;
    ANALYZE grid.checkpoint_day;
    ANALYZE grid.key_person_resident;
    ANALYZE grid.key_person_reading;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.rebuild_facts() IS
    'recount the facts (administrators): grid.cell_fact and grid.cell_day from grid.resident and grid.health_day, and the facts per village (grid.village_day, grid.resident_screened, grid.household_screened, grid.key_person_day, grid.service_day), per checkpoint (grid.checkpoint_day) and for the key-person list (grid.key_person_resident, grid.key_person_reading), one row per key (slot 0); returns the rows stored; the triggers keep them otherwise';

-- ------------------------------------------------------ facts per village

-- The facts the village-level reports read (screening, returnees, the
-- key persons' counts, services), kept as the temperature's are: each
-- statement's transition rows grouped by day and place once, added in key
-- order to the transaction's slot (grid.fact_slot).
--
--   grid.village_day       per place and day: residents first screened
--                          (the day of their first report), households
--                          first screened, returnees arrived, of them
--                          from the epicentre, and of those by a
--                          registered vehicle; residents away (in
--                          transit) on the row of day 'infinity';
--   grid.key_person_day    per place, category and day: key-person
--                          entries begun, ended (the day after the one
--                          they were closed on) and released;
--   grid.service_day       per place, kind and day: requests asked for,
--                          leaving the open state (taken or closed),
--                          closed, done, cancelled, and closed on the day
--                          they were asked for.
--
-- Every change is added to its day's row and to the row of day
-- 'infinity', which holds the totals over all days: a figure up to a day
-- is that total less the days after it, so that a report of today reads
-- one row per place whatever the length of the history (a report of a
-- past day reads the days since).
--
-- Where a fact is: a resident screened and a household at their village
-- as the registry holds it now (grid.resident_screened: the day of the
-- resident's first report; grid.household_screened: the first day one of
-- its counted members there reported), whose rows concurrent writers wait
-- for each other on, so that each counts once; a resident in transit at
-- their place; a returnee's at its division; a key-person entry's and a
-- request's at their place.  Row-level security
-- by place, as the rows they count, and only the triggers write
-- (grid.fact_writers).
CREATE TABLE grid.village_day (
    day                      date NOT NULL,
    place                    grid.division_code NOT NULL,
    division                 grid.division_code NOT NULL,
    screened                 integer NOT NULL,
    households               integer NOT NULL,
    returnees                integer NOT NULL,
    returnees_from_epicentre integer NOT NULL,
    vehicles_from_epicentre  integer NOT NULL,
    in_transit               integer NOT NULL,
    slot                     smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.village_day IS
    'facts per place and China calendar day that the screening and returnee reports read: residents and households first screened, returnees arrived (from the epicentre, by vehicle), and on day infinity the totals over all days and the residents in transit now; kept by triggers on grid.health_day, grid.resident, grid.resident_screened, grid.household_screened and grid.returnee, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.village_day.day IS 'the calendar day in China time; infinity: the totals over all days (a figure up to a day is the total less the days after it), and residents in transit now';
COMMENT ON COLUMN grid.village_day.place IS 'the village of residents and households screened, a resident''s place (grid cell, or the village) for those in transit, a returnee''s division; row-level security tests it';
COMMENT ON COLUMN grid.village_day.division IS 'the division the report groups by: the resident''s or household''s village, the returnee''s division';
COMMENT ON COLUMN grid.village_day.screened IS 'residents (status resident or temporary) whose first health report was that day';
COMMENT ON COLUMN grid.village_day.households IS 'households whose first screened member (of that village, status resident or temporary) first reported that day';
COMMENT ON COLUMN grid.village_day.returnees IS 'returnees arrived that day';
COMMENT ON COLUMN grid.village_day.returnees_from_epicentre IS 'of them, from the epicentre (grid.epicentre())';
COMMENT ON COLUMN grid.village_day.vehicles_from_epicentre IS 'of those, by a registered vehicle';
COMMENT ON COLUMN grid.village_day.in_transit IS 'residents away from home (status away) now; on day infinity only';
COMMENT ON COLUMN grid.village_day.slot IS 'which of up to eight rows of the place and day (grid.fact_slot); a place''s figures are the sum of its slots';
SELECT grid.enable_access('grid.village_day', scope_column => 'place');

CREATE TABLE grid.household_screened (
    division     grid.division_code NOT NULL,
    household_id bigint NOT NULL,
    first_day    date NOT NULL,
    PRIMARY KEY (division, household_id)
);
COMMENT ON TABLE grid.household_screened IS
    'each household with a screened member in a village: the first day one of its members there (status resident or temporary) reported; kept by triggers on grid.health_day and grid.resident so that concurrent batches count a household once (they wait for each other on its row), recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.household_screened.division IS 'the members'' village; row-level security tests it';
COMMENT ON COLUMN grid.household_screened.household_id IS 'the household';
COMMENT ON COLUMN grid.household_screened.first_day IS 'the first day one of its members in the village had a report filed in the village';
SELECT grid.enable_access('grid.household_screened');

CREATE TABLE grid.resident_screened (
    division    grid.division_code NOT NULL,
    resident_id grid.resident_id NOT NULL,
    first_day   date NOT NULL,
    PRIMARY KEY (division, resident_id)
);
COMMENT ON TABLE grid.resident_screened IS
    'each screened resident (status resident or temporary) of a village: the day of their first health report; kept by triggers on grid.health_day and grid.resident so that concurrent batches count a resident once, whatever days they file (they wait for each other on its row), recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.resident_screened.division IS 'the resident''s village; row-level security tests it';
COMMENT ON COLUMN grid.resident_screened.resident_id IS 'the resident';
COMMENT ON COLUMN grid.resident_screened.first_day IS 'the day of their first health report filed in the village (reports another village filed before a move do not count)';
SELECT grid.enable_access('grid.resident_screened');

CREATE TABLE grid.key_person_day (
    day      date NOT NULL,
    place    grid.division_code NOT NULL,
    division grid.division_code NOT NULL,
    category text NOT NULL,
    begun    integer NOT NULL,
    ended    integer NOT NULL,
    released integer NOT NULL,
    slot     smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, category, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.key_person_day IS
    'facts per place, category and China calendar day that the key persons'' counts read: entries begun, ended and released (entries closed before they began count nowhere); day infinity holds the totals over all days; kept by triggers on grid.key_person, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.key_person_day.day IS 'the calendar day in China time; infinity: the totals over all days';
COMMENT ON COLUMN grid.key_person_day.place IS 'the entries'' place; row-level security tests it';
COMMENT ON COLUMN grid.key_person_day.division IS 'the entries'' division';
COMMENT ON COLUMN grid.key_person_day.category IS 'the entries'' category';
COMMENT ON COLUMN grid.key_person_day.begun IS 'entries whose period starts that day';
COMMENT ON COLUMN grid.key_person_day.ended IS 'entries closed the day before (no longer listed from that day)';
COMMENT ON COLUMN grid.key_person_day.released IS 'entries released that day';
COMMENT ON COLUMN grid.key_person_day.slot IS 'which of up to eight rows (grid.fact_slot); the figures are the sum of the slots';
SELECT grid.enable_access('grid.key_person_day', scope_column => 'place');

CREATE TABLE grid.service_day (
    day             date NOT NULL,
    place           grid.division_code NOT NULL,
    division        grid.division_code NOT NULL,
    kind            text NOT NULL,
    requested       integer NOT NULL,
    left_open       integer NOT NULL,
    closed          integer NOT NULL,
    done            integer NOT NULL,
    cancelled       integer NOT NULL,
    closed_same_day integer NOT NULL,
    slot            smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, place, kind, slot),
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.service_day IS
    'facts per place, kind and China calendar day that the services report reads: requests asked for, leaving the open state, closed, done, cancelled, closed on the day asked; day infinity holds the totals over all days; kept by triggers on grid.service_request, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.service_day.day IS 'the calendar day in China time; infinity: the totals over all days';
COMMENT ON COLUMN grid.service_day.place IS 'the requests'' place; row-level security tests it';
COMMENT ON COLUMN grid.service_day.division IS 'the requests'' division';
COMMENT ON COLUMN grid.service_day.kind IS 'the kind of service';
COMMENT ON COLUMN grid.service_day.requested IS 'requests asked for that day';
COMMENT ON COLUMN grid.service_day.left_open IS 'requests taken or closed that day, whichever came first';
COMMENT ON COLUMN grid.service_day.closed IS 'requests done or cancelled that day';
COMMENT ON COLUMN grid.service_day.done IS 'of them, done';
COMMENT ON COLUMN grid.service_day.cancelled IS 'of them, cancelled';
COMMENT ON COLUMN grid.service_day.closed_same_day IS 'requests asked for that day and closed the same day (counted on the day asked)';
COMMENT ON COLUMN grid.service_day.slot IS 'which of up to eight rows (grid.fact_slot); the figures are the sum of the slots';
SELECT grid.enable_access('grid.service_day', scope_column => 'place');

CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.village_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.household_screened
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.resident_screened
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.key_person_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.service_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.village_day IS 'only the maintenance triggers write grid.village_day';
COMMENT ON TRIGGER fact_writers ON grid.household_screened IS 'only the maintenance triggers write grid.household_screened';
COMMENT ON TRIGGER fact_writers ON grid.resident_screened IS 'only the maintenance triggers write grid.resident_screened';
COMMENT ON TRIGGER fact_writers ON grid.key_person_day IS 'only the maintenance triggers write grid.key_person_day';
COMMENT ON TRIGGER fact_writers ON grid.service_day IS 'only the maintenance triggers write grid.service_day';

-- The days a key-person entry counts on: begun on its start, ended the
-- day after it was closed, released on the day it was released; nothing
-- for an entry closed before it began (no report lists it).  IMMUTABLE.
CREATE FUNCTION grid.key_person_events(period_start date, status text, closed_at timestamptz)
    RETURNS TABLE (day date, begun integer, ended integer, released integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT e.day, e.begun, e.ended, e.released
  FROM (VALUES (period_start, 1, 0, 0),
               (grid.report_day(closed_at) + 1, 0, 1, 0),
               (CASE WHEN status = 'released' THEN grid.report_day(closed_at) END, 0, 0, 1)) e(day, begun, ended, released)
 WHERE e.day IS NOT NULL AND (closed_at IS NULL OR grid.report_day(closed_at) >= period_start)
$$;
COMMENT ON FUNCTION grid.key_person_events(date, text, timestamptz) IS
    'the days a key-person entry counts on in grid.key_person_day: begun (its start), ended (the day after it was closed), released; none for an entry closed before it began';

-- The days a service request counts on, from its timestamps as the
-- services report reads them.  IMMUTABLE.
CREATE FUNCTION grid.service_events(requested_at timestamptz, taken_at timestamptz, done_at timestamptz, status text)
    RETURNS TABLE (day date, requested integer, left_open integer, closed integer, done integer, cancelled integer,
                   closed_same_day integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT e.day, e.requested, e.left_open, e.closed, e.done, e.cancelled, e.same
  FROM (VALUES (grid.report_day(requested_at), 1, 0, 0, 0, 0,
                (grid.report_day(done_at) IS NOT DISTINCT FROM grid.report_day(requested_at))::integer),
               (grid.report_day(least(taken_at, done_at)), 0, 1, 0, 0, 0, 0),
               (grid.report_day(done_at), 0, 0, 1, (status = 'done')::integer, (status = 'cancelled')::integer, 0))
       e(day, requested, left_open, closed, done, cancelled, same)
 WHERE e.day IS NOT NULL
$$;
COMMENT ON FUNCTION grid.service_events(timestamptz, timestamptz, timestamptz, text) IS
    'the days a service request counts on in grid.service_day: asked for, leaving the open state (taken or closed, whichever first), closed (done or cancelled), and closed on the day asked';

-- Add a statement's changes (a JSON array of objects: day, place,
-- division, the key columns and the change of each count; missing counts
-- are 0) to the day's rows and the rows of day infinity, in the
-- transaction's slot; rows left at zero are removed.  VOLATILE: writes.
CREATE FUNCTION grid.village_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.village_day AS f (day, place, division, screened, households, returnees,
                                      returnees_from_epicentre, vehicles_from_epicentre, in_transit, slot)
    SELECT d.day, c.place, c.division, coalesce(sum(c.screened), 0), coalesce(sum(c.households), 0),
           coalesce(sum(c.returnees), 0), coalesce(sum(c.returnees_from_epicentre), 0),
           coalesce(sum(c.vehicles_from_epicentre), 0), coalesce(sum(c.in_transit), 0), s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, screened integer, households integer,
                returnees integer, returnees_from_epicentre integer, vehicles_from_epicentre integer, in_transit integer)
     CROSS JOIN LATERAL (VALUES (c.day), (CASE WHEN c.day <> 'infinity' THEN date 'infinity' END)) d(day)
     WHERE d.day IS NOT NULL
     GROUP BY d.day, c.place, c.division
     ORDER BY d.day, c.place          -- one order for every writer
    ON CONFLICT (day, place, slot) DO UPDATE
       SET screened = f.screened + excluded.screened, households = f.households + excluded.households,
           returnees = f.returnees + excluded.returnees,
           returnees_from_epicentre = f.returnees_from_epicentre + excluded.returnees_from_epicentre,
           vehicles_from_epicentre = f.vehicles_from_epicentre + excluded.vehicles_from_epicentre,
           in_transit = f.in_transit + excluded.in_transit;
    DELETE FROM grid.village_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code)
     WHERE f.day IN (k.day, 'infinity') AND f.place OPERATOR(grid.=) k.place AND f.slot = s
       AND (f.screened, f.households, f.returnees, f.returnees_from_epicentre, f.vehicles_from_epicentre, f.in_transit)
           = (0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.village_day_add(jsonb) IS
    'adds a statement''s changes to grid.village_day, on their day and on day infinity (a JSON array of objects day, place, division and the change of screened, households, returnees, returnees_from_epicentre, vehicles_from_epicentre, in_transit; missing counts are 0); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.village_day_add(jsonb) FROM PUBLIC;

CREATE FUNCTION grid.key_person_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.key_person_day AS f (day, place, division, category, begun, ended, released, slot)
    SELECT d.day, c.place, c.division, c.category, coalesce(sum(c.begun), 0), coalesce(sum(c.ended), 0),
           coalesce(sum(c.released), 0), s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, category text,
                begun integer, ended integer, released integer)
     CROSS JOIN LATERAL (VALUES (c.day), (date 'infinity')) d(day)
     GROUP BY d.day, c.place, c.division, c.category
     ORDER BY d.day, c.place, c.category
    ON CONFLICT (day, place, category, slot) DO UPDATE
       SET begun = f.begun + excluded.begun, ended = f.ended + excluded.ended, released = f.released + excluded.released;
    DELETE FROM grid.key_person_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code, category text)
     WHERE f.day IN (k.day, 'infinity') AND f.place OPERATOR(grid.=) k.place AND f.category = k.category AND f.slot = s
       AND (f.begun, f.ended, f.released) = (0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.key_person_day_add(jsonb) IS
    'adds a statement''s changes to grid.key_person_day, on their day and on day infinity (a JSON array of objects day, place, division, category and the change of begun, ended, released); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.key_person_day_add(jsonb) FROM PUBLIC;

CREATE FUNCTION grid.service_day_add(changes jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
BEGIN
    INSERT INTO grid.service_day AS f (day, place, division, kind, requested, left_open, closed, done, cancelled,
                                      closed_same_day, slot)
    SELECT d.day, c.place, c.division, c.kind, coalesce(sum(c.requested), 0), coalesce(sum(c.left_open), 0),
           coalesce(sum(c.closed), 0), coalesce(sum(c.done), 0), coalesce(sum(c.cancelled), 0),
           coalesce(sum(c.closed_same_day), 0), s
      FROM pg_catalog.jsonb_to_recordset(changes)
           AS c(day date, place grid.division_code, division grid.division_code, kind text, requested integer,
                left_open integer, closed integer, done integer, cancelled integer, closed_same_day integer)
     CROSS JOIN LATERAL (VALUES (c.day), (date 'infinity')) d(day)
     GROUP BY d.day, c.place, c.division, c.kind
     ORDER BY d.day, c.place, c.kind
    ON CONFLICT (day, place, kind, slot) DO UPDATE
       SET requested = f.requested + excluded.requested, left_open = f.left_open + excluded.left_open,
           closed = f.closed + excluded.closed, done = f.done + excluded.done,
           cancelled = f.cancelled + excluded.cancelled, closed_same_day = f.closed_same_day + excluded.closed_same_day;
    DELETE FROM grid.service_day f
     USING pg_catalog.jsonb_to_recordset(changes) AS k(day date, place grid.division_code, kind text)
     WHERE f.day IN (k.day, 'infinity') AND f.place OPERATOR(grid.=) k.place AND f.kind = k.kind AND f.slot = s
       AND (f.requested, f.left_open, f.closed, f.done, f.cancelled, f.closed_same_day) = (0, 0, 0, 0, 0, 0);
END
$$;
COMMENT ON FUNCTION grid.service_day_add(jsonb) IS
    'adds a statement''s changes to grid.service_day, on their day and on day infinity (a JSON array of objects day, place, division, kind and the change of requested, left_open, closed, done, cancelled, closed_same_day); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.service_day_add(jsonb) FROM PUBLIC;

-- Recount the households of the given villages and household numbers in
-- grid.household_screened from the registry and grid.health_day (its
-- triggers move the households' facts).  Their rows are locked first, in
-- key order, so that a writer that moved one (a member's earlier day
-- stored) commits before the recount reads the days: a recount from
-- before it would put back the later day.  VOLATILE: writes.
CREATE FUNCTION grid.household_screened_refresh(divisions grid.division_code[], households bigint[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k_div grid.division_code[]; k_hh bigint[]; k_day date[];
BEGIN
    PERFORM FROM grid.household_screened s
      JOIN (SELECT DISTINCT k.d, k.h FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(households)) k(d, h)) k
        ON s.division OPERATOR(grid.=) k.d AND s.household_id = k.h
     ORDER BY s.division, s.household_id
       FOR UPDATE OF s;
    SELECT array_agg(k.d ORDER BY k.d, k.h), array_agg(k.h ORDER BY k.d, k.h), array_agg(k.first_day ORDER BY k.d, k.h)
      INTO k_div, k_hh, k_day
      FROM (SELECT k.d, k.h,
                   (SELECT min(x.day) FROM grid.resident r
                     CROSS JOIN LATERAL (SELECT min(h.day) AS day FROM grid.health_day h
                                          WHERE h.resident_id OPERATOR(grid.=) r.id
                                            AND h.division OPERATOR(grid.=) r.division) x
                     WHERE r.household_id = k.h AND r.division OPERATOR(grid.=) k.d
                       AND r.status IN ('resident', 'temporary')) AS first_day
              FROM (SELECT DISTINCT k.d, k.h FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(households)) k(d, h)
                     WHERE k.h IS NOT NULL AND k.d IS NOT NULL) k) k;
    IF k_div IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM grid.household_screened s
     USING ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_hh), pg_catalog.unnest(k_day)) k(d, h, first_day)
     WHERE s.division OPERATOR(grid.=) k.d AND s.household_id = k.h AND k.first_day IS NULL;
    INSERT INTO grid.household_screened AS s (division, household_id, first_day)
    SELECT k.d, k.h, k.first_day
      FROM ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_hh), pg_catalog.unnest(k_day)) k(d, h, first_day)
     WHERE k.first_day IS NOT NULL
     ORDER BY k.d, k.h
    ON CONFLICT (division, household_id) DO UPDATE SET first_day = excluded.first_day
     WHERE s.first_day <> excluded.first_day;
END
$$;
COMMENT ON FUNCTION grid.household_screened_refresh(grid.division_code[], bigint[]) IS
    'recounts the given (village, household) pairs of grid.household_screened from grid.resident and grid.health_day (the days filed in the village); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.household_screened_refresh(grid.division_code[], bigint[]) FROM PUBLIC;

-- The same for (village, resident) pairs of grid.resident_screened, their
-- rows locked first as there.  VOLATILE: writes.
CREATE FUNCTION grid.resident_screened_refresh(divisions grid.division_code[], residents grid.resident_id[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k_div grid.division_code[]; k_id grid.resident_id[]; k_day date[];
BEGIN
    PERFORM FROM grid.resident_screened s
      JOIN (SELECT DISTINCT k.d, k.id FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(residents)) k(d, id)) k
        ON s.division OPERATOR(grid.=) k.d AND s.resident_id OPERATOR(grid.=) k.id
     ORDER BY s.division, s.resident_id
       FOR UPDATE OF s;
    SELECT array_agg(k.d ORDER BY k.d, k.id), array_agg(k.id ORDER BY k.d, k.id), array_agg(k.first_day ORDER BY k.d, k.id)
      INTO k_div, k_id, k_day
      FROM (SELECT k.d, k.id,
                   (SELECT min(h.day) FROM grid.resident r
                      JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id AND h.division OPERATOR(grid.=) r.division
                     WHERE r.id OPERATOR(grid.=) k.id AND r.division OPERATOR(grid.=) k.d
                       AND r.status IN ('resident', 'temporary')) AS first_day
              FROM (SELECT DISTINCT k.d, k.id FROM ROWS FROM (pg_catalog.unnest(divisions), pg_catalog.unnest(residents)) k(d, id)
                     WHERE k.id IS NOT NULL AND k.d IS NOT NULL) k) k;
    IF k_div IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM grid.resident_screened s
     USING ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_id), pg_catalog.unnest(k_day)) k(d, id, first_day)
     WHERE s.division OPERATOR(grid.=) k.d AND s.resident_id OPERATOR(grid.=) k.id AND k.first_day IS NULL;
    INSERT INTO grid.resident_screened AS s (division, resident_id, first_day)
    SELECT k.d, k.id, k.first_day
      FROM ROWS FROM (pg_catalog.unnest(k_div), pg_catalog.unnest(k_id), pg_catalog.unnest(k_day)) k(d, id, first_day)
     WHERE k.first_day IS NOT NULL
     ORDER BY k.d, k.id
    ON CONFLICT (division, resident_id) DO UPDATE SET first_day = excluded.first_day
     WHERE s.first_day <> excluded.first_day;
END
$$;
COMMENT ON FUNCTION grid.resident_screened_refresh(grid.division_code[], grid.resident_id[]) IS
    'recounts the given (village, resident) pairs of grid.resident_screened from grid.resident and grid.health_day (the days filed in the village); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.resident_screened_refresh(grid.division_code[], grid.resident_id[]) FROM PUBLIC;

-- Days removed from grid.health_day: their residents' first screened days
-- (and their households') are recounted.  (Days added set them in
-- grid.cell_day_follow, which reads each resident once for every fact.)
-- SECURITY DEFINER: the facts are written whatever the writer may see;
-- the days are the writer's.
CREATE FUNCTION grid.screened_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h_div grid.division_code[];
    h_hh bigint[];
    r_id grid.resident_id[];
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    SELECT array_agg(r.division), array_agg(r.id) INTO h_div, r_id
      FROM (SELECT DISTINCT o.resident_id FROM days_old o) o
      JOIN grid.resident r ON r.id OPERATOR(grid.=) o.resident_id;
    PERFORM grid.resident_screened_refresh(h_div, r_id);
    SELECT array_agg(r.division), array_agg(r.household_id) INTO h_div, h_hh
      FROM (SELECT DISTINCT o.resident_id FROM days_old o) o
      JOIN grid.resident r ON r.id OPERATOR(grid.=) o.resident_id
     WHERE r.household_id IS NOT NULL;
    PERFORM grid.household_screened_refresh(h_div, h_hh);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.screened_follow() IS
    'trigger: residents'' days removed from grid.health_day recount their first screened day in grid.resident_screened and their households'' in grid.household_screened (whose triggers move the facts), counting the days filed in the resident''s village only; days added set them in grid.cell_day_follow';
CREATE TRIGGER screened_delete AFTER DELETE ON grid.health_day
    REFERENCING OLD TABLE AS days_old FOR EACH STATEMENT EXECUTE FUNCTION grid.screened_follow();
COMMENT ON TRIGGER screened_delete ON grid.health_day IS 'residents whose first screened day is removed are recounted in grid.village_day (grid.screened_follow)';

-- Residents added, changed or deleted: one counted before leaves their
-- place's facts (first screened day, in transit) and one counted after
-- joins the new place's; their households (old and new) are recounted.
-- Only residents whose place, village, status or household changes.
-- SECURITY DEFINER: as grid.cell_fact_follow.
CREATE FUNCTION grid.village_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_id grid.resident_id[]; o_place grid.division_code[]; o_div grid.division_code[]; o_status text[]; o_hh bigint[];
    n_id grid.resident_id[]; n_place grid.division_code[]; n_div grid.division_code[]; n_status text[]; n_hh bigint[];
    m_id grid.resident_id[]; m_sign integer[]; m_place grid.division_code[]; m_div grid.division_code[];
    m_status text[]; m_hh bigint[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.id), array_agg(o.place), array_agg(o.division), array_agg(o.status), array_agg(o.household_id)
          INTO o_id, o_place, o_div, o_status, o_hh FROM residents_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.id), array_agg(n.place), array_agg(n.division), array_agg(n.status), array_agg(n.household_id)
          INTO n_id, n_place, n_div, n_status, n_hh FROM residents_new n;
    END IF;
    -- each resident's old and new row, where what the facts read changed
    SELECT array_agg(c.id), array_agg(c.sign), array_agg(c.place), array_agg(c.division), array_agg(c.status),
           array_agg(c.household_id)
      INTO m_id, m_sign, m_place, m_div, m_status, m_hh
      FROM (SELECT c.*, sum(c.sign) OVER (PARTITION BY c.id, c.place, c.division, c.status, c.household_id) AS net
              FROM (SELECT o.id, -1 AS sign, o.place, o.division, o.status, o.household_id
                      FROM ROWS FROM (pg_catalog.unnest(o_id), pg_catalog.unnest(o_place), pg_catalog.unnest(o_div),
                                      pg_catalog.unnest(o_status), pg_catalog.unnest(o_hh)) o(id, place, division, status, household_id)
                    UNION ALL
                    SELECT n.id, 1, n.place, n.division, n.status, n.household_id
                      FROM ROWS FROM (pg_catalog.unnest(n_id), pg_catalog.unnest(n_place), pg_catalog.unnest(n_div),
                                      pg_catalog.unnest(n_status), pg_catalog.unnest(n_hh)) n(id, place, division, status, household_id)) c) c
     WHERE c.net <> 0;
    IF m_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- writers filing days of these residents commit first
        PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT x.day, m.place, m.division,
               sum(m.sign)::integer AS in_transit
          FROM ROWS FROM (pg_catalog.unnest(m_id), pg_catalog.unnest(m_sign), pg_catalog.unnest(m_place),
                          pg_catalog.unnest(m_div), pg_catalog.unnest(m_status)) m(id, sign, place, division, status)
         CROSS JOIN LATERAL (VALUES (date 'infinity')) x(day)
         WHERE m.status = 'away'
         GROUP BY x.day, m.place, m.division
        HAVING sum(m.sign) <> 0) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.village_day_add(changes);
    END IF;
    -- residents and households screened are per village: only a change of
    -- village, of being counted or of household recounts them
    SELECT array_agg(c.division), array_agg(c.id), array_agg(c.household_id) INTO m_div, m_id, m_hh
      FROM (SELECT c.*, sum(c.sign) OVER (PARTITION BY c.id, c.division, c.counted, c.household_id) AS net
              FROM ROWS FROM (pg_catalog.unnest(m_id), pg_catalog.unnest(m_sign), pg_catalog.unnest(m_div),
                              pg_catalog.unnest(m_status), pg_catalog.unnest(m_hh)) m(id, sign, division, status, household_id)
             CROSS JOIN LATERAL (SELECT m.id, m.sign, m.division, m.status IN ('resident', 'temporary') AS counted,
                                        m.household_id) c) c
     WHERE c.net <> 0;
    PERFORM grid.resident_screened_refresh(m_div, m_id);
    PERFORM grid.household_screened_refresh(m_div, m_hh);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.village_fact_follow() IS
    'trigger: residents added, moved, no longer counted (dead, moved out, away), back, moved to another household or deleted move their first screened day and their being in transit in grid.village_day, and have their households recounted in grid.household_screened';
CREATE TRIGGER village_fact_insert AFTER INSERT ON grid.resident
    REFERENCING NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.village_fact_follow();
CREATE TRIGGER village_fact_update AFTER UPDATE ON grid.resident
    REFERENCING OLD TABLE AS residents_old NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.village_fact_follow();
CREATE TRIGGER village_fact_delete AFTER DELETE ON grid.resident
    REFERENCING OLD TABLE AS residents_old FOR EACH STATEMENT EXECUTE FUNCTION grid.village_fact_follow();
COMMENT ON TRIGGER village_fact_insert ON grid.resident IS 'new residents are counted in grid.village_day (grid.village_fact_follow)';
COMMENT ON TRIGGER village_fact_update ON grid.resident IS 'residents who move or change status or household move their facts (grid.village_fact_follow)';
COMMENT ON TRIGGER village_fact_delete ON grid.resident IS 'deleted residents leave the facts (grid.village_fact_follow)';

-- Households whose first screened day is set, moved or removed: their
-- village's facts follow.  SECURITY DEFINER: written by the triggers
-- above only.
CREATE FUNCTION grid.household_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT n.first_day AS day, n.division AS place, n.division, count(*)::integer AS households
              FROM households_new n GROUP BY n.first_day, n.division) g;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT o.first_day AS day, o.division AS place, o.division, -count(*)::integer AS households
              FROM households_old o GROUP BY o.first_day, o.division) g;
    ELSE
        SELECT jsonb_agg(g) INTO changes FROM (
            SELECT c.day, c.division AS place, c.division, sum(c.sign)::integer AS households
              FROM (SELECT o.first_day AS day, o.division, -1 AS sign FROM households_old o
                    UNION ALL
                    SELECT n.first_day, n.division, 1 FROM households_new n) c
             GROUP BY c.day, c.division
            HAVING sum(c.sign) <> 0) g;
    END IF;
    IF changes IS NOT NULL THEN
        IF TG_TABLE_NAME = 'resident_screened' THEN
            -- the same figures, of residents
            changes := replace(changes::text, '"households"', '"screened"')::jsonb;
        END IF;
        PERFORM grid.village_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.household_fact_follow() IS
    'trigger: households (grid.household_screened) or residents (grid.resident_screened) first screened, moved to another first day or no longer screened change grid.village_day';
CREATE TRIGGER resident_fact_insert AFTER INSERT ON grid.resident_screened
    REFERENCING NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER resident_fact_update AFTER UPDATE ON grid.resident_screened
    REFERENCING OLD TABLE AS households_old NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER resident_fact_delete AFTER DELETE ON grid.resident_screened
    REFERENCING OLD TABLE AS households_old FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
COMMENT ON TRIGGER resident_fact_insert ON grid.resident_screened IS 'residents first screened are counted in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER resident_fact_update ON grid.resident_screened IS 'residents screened earlier or later move in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER resident_fact_delete ON grid.resident_screened IS 'residents no longer screened leave grid.village_day (grid.household_fact_follow)';
CREATE TRIGGER household_fact_insert AFTER INSERT ON grid.household_screened
    REFERENCING NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER household_fact_update AFTER UPDATE ON grid.household_screened
    REFERENCING OLD TABLE AS households_old NEW TABLE AS households_new FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
CREATE TRIGGER household_fact_delete AFTER DELETE ON grid.household_screened
    REFERENCING OLD TABLE AS households_old FOR EACH STATEMENT EXECUTE FUNCTION grid.household_fact_follow();
COMMENT ON TRIGGER household_fact_insert ON grid.household_screened IS 'households first screened are counted in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER household_fact_update ON grid.household_screened IS 'households screened earlier or later move in grid.village_day (grid.household_fact_follow)';
COMMENT ON TRIGGER household_fact_delete ON grid.household_screened IS 'households no longer screened leave grid.village_day (grid.household_fact_follow)';

-- Returnees registered, corrected or deleted (added late too: a returnee
-- counts on the day of arrival).  SECURITY DEFINER: the writer's rows are
-- its own (row-level security on grid.returnee); the facts are written
-- whatever it may see.
CREATE FUNCTION grid.returnee_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_day date[]; o_div grid.division_code[]; o_epi boolean[]; o_veh boolean[];
    n_day date[]; n_div grid.division_code[]; n_epi boolean[]; n_veh boolean[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.arrival_date), array_agg(o.division),
               array_agg(coalesce(o.origin OPERATOR(grid.<@) grid.epicentre(), false)), array_agg(o.vehicle_plate IS NOT NULL)
          INTO o_day, o_div, o_epi, o_veh FROM returnees_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.arrival_date), array_agg(n.division),
               array_agg(coalesce(n.origin OPERATOR(grid.<@) grid.epicentre(), false)), array_agg(n.vehicle_plate IS NOT NULL)
          INTO n_day, n_div, n_epi, n_veh FROM returnees_new n;
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT c.day, c.division AS place, c.division, sum(c.sign)::integer AS returnees,
               coalesce(sum(c.sign) FILTER (WHERE c.epi), 0)::integer AS returnees_from_epicentre,
               coalesce(sum(c.sign) FILTER (WHERE c.epi AND c.vehicle), 0)::integer AS vehicles_from_epicentre
          FROM (SELECT o.day, o.division, -1 AS sign, o.epi, o.vehicle
                  FROM ROWS FROM (pg_catalog.unnest(o_day), pg_catalog.unnest(o_div), pg_catalog.unnest(o_epi),
                                  pg_catalog.unnest(o_veh)) o(day, division, epi, vehicle)
                UNION ALL
                SELECT n.day, n.division, 1, n.epi, n.vehicle
                  FROM ROWS FROM (pg_catalog.unnest(n_day), pg_catalog.unnest(n_div), pg_catalog.unnest(n_epi),
                                  pg_catalog.unnest(n_veh)) n(day, division, epi, vehicle)) c
         GROUP BY c.day, c.division
        HAVING (sum(c.sign), coalesce(sum(c.sign) FILTER (WHERE c.epi), 0),
                coalesce(sum(c.sign) FILTER (WHERE c.epi AND c.vehicle), 0)) <> (0, 0, 0)) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.village_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.returnee_fact_follow() IS
    'trigger: returnees registered, corrected or deleted change grid.village_day on their day of arrival';
CREATE TRIGGER returnee_fact_insert AFTER INSERT ON grid.returnee
    REFERENCING NEW TABLE AS returnees_new FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow();
CREATE TRIGGER returnee_fact_update AFTER UPDATE ON grid.returnee
    REFERENCING OLD TABLE AS returnees_old NEW TABLE AS returnees_new FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow();
CREATE TRIGGER returnee_fact_delete AFTER DELETE ON grid.returnee
    REFERENCING OLD TABLE AS returnees_old FOR EACH STATEMENT EXECUTE FUNCTION grid.returnee_fact_follow();
COMMENT ON TRIGGER returnee_fact_insert ON grid.returnee IS 'returnees registered are counted in grid.village_day (grid.returnee_fact_follow)';
COMMENT ON TRIGGER returnee_fact_update ON grid.returnee IS 'returnees corrected are recounted in grid.village_day (grid.returnee_fact_follow)';
COMMENT ON TRIGGER returnee_fact_delete ON grid.returnee IS 'returnees deleted leave grid.village_day (grid.returnee_fact_follow)';

-- Key-person entries opened, closed, moved (with their resident) or
-- deleted.  SECURITY DEFINER: as grid.returnee_fact_follow.
CREATE FUNCTION grid.key_person_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_start date[]; o_status text[]; o_closed timestamptz[]; o_place grid.division_code[]; o_div grid.division_code[]; o_cat text[];
    n_start date[]; n_status text[]; n_closed timestamptz[]; n_place grid.division_code[]; n_div grid.division_code[]; n_cat text[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.period_start), array_agg(o.status), array_agg(o.closed_at), array_agg(o.place),
               array_agg(o.division), array_agg(o.category)
          INTO o_start, o_status, o_closed, o_place, o_div, o_cat FROM key_persons_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.period_start), array_agg(n.status), array_agg(n.closed_at), array_agg(n.place),
               array_agg(n.division), array_agg(n.category)
          INTO n_start, n_status, n_closed, n_place, n_div, n_cat FROM key_persons_new n;
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT e.day, c.place, c.division, c.category, sum(c.sign * e.begun)::integer AS begun,
               sum(c.sign * e.ended)::integer AS ended, sum(c.sign * e.released)::integer AS released
          FROM (SELECT -1 AS sign, o.*
                  FROM ROWS FROM (pg_catalog.unnest(o_start), pg_catalog.unnest(o_status), pg_catalog.unnest(o_closed),
                                  pg_catalog.unnest(o_place), pg_catalog.unnest(o_div), pg_catalog.unnest(o_cat))
                       o(period_start, status, closed_at, place, division, category)
                UNION ALL
                SELECT 1, n.*
                  FROM ROWS FROM (pg_catalog.unnest(n_start), pg_catalog.unnest(n_status), pg_catalog.unnest(n_closed),
                                  pg_catalog.unnest(n_place), pg_catalog.unnest(n_div), pg_catalog.unnest(n_cat))
                       n(period_start, status, closed_at, place, division, category)) c
         CROSS JOIN LATERAL grid.key_person_events(c.period_start, c.status, c.closed_at) e
         GROUP BY e.day, c.place, c.division, c.category
        HAVING (sum(c.sign * e.begun), sum(c.sign * e.ended), sum(c.sign * e.released)) <> (0, 0, 0)) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.key_person_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.key_person_fact_follow() IS
    'trigger: key-person entries opened, closed, moved or deleted change grid.key_person_day';
CREATE TRIGGER key_person_fact_insert AFTER INSERT ON grid.key_person
    REFERENCING NEW TABLE AS key_persons_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow();
CREATE TRIGGER key_person_fact_update AFTER UPDATE ON grid.key_person
    REFERENCING OLD TABLE AS key_persons_old NEW TABLE AS key_persons_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow();
CREATE TRIGGER key_person_fact_delete AFTER DELETE ON grid.key_person
    REFERENCING OLD TABLE AS key_persons_old FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_fact_follow();
COMMENT ON TRIGGER key_person_fact_insert ON grid.key_person IS 'entries opened are counted in grid.key_person_day (grid.key_person_fact_follow)';
COMMENT ON TRIGGER key_person_fact_update ON grid.key_person IS 'entries closed or moved are recounted in grid.key_person_day (grid.key_person_fact_follow)';
COMMENT ON TRIGGER key_person_fact_delete ON grid.key_person IS 'entries deleted leave grid.key_person_day (grid.key_person_fact_follow)';

-- Service requests asked for, taken, closed, moved or deleted.  SECURITY
-- DEFINER: as grid.returnee_fact_follow.
CREATE FUNCTION grid.service_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o_req timestamptz[]; o_taken timestamptz[]; o_done timestamptz[]; o_status text[]; o_place grid.division_code[];
    o_div grid.division_code[]; o_kind text[];
    n_req timestamptz[]; n_taken timestamptz[]; n_done timestamptz[]; n_status text[]; n_place grid.division_code[];
    n_div grid.division_code[]; n_kind text[];
    changes jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT array_agg(o.requested_at), array_agg(o.taken_at), array_agg(o.done_at), array_agg(o.status),
               array_agg(o.place), array_agg(o.division), array_agg(o.kind)
          INTO o_req, o_taken, o_done, o_status, o_place, o_div, o_kind FROM requests_old o;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT array_agg(n.requested_at), array_agg(n.taken_at), array_agg(n.done_at), array_agg(n.status),
               array_agg(n.place), array_agg(n.division), array_agg(n.kind)
          INTO n_req, n_taken, n_done, n_status, n_place, n_div, n_kind FROM requests_new n;
    END IF;
    SELECT jsonb_agg(g) INTO changes FROM (
        SELECT e.day, c.place, c.division, c.kind, sum(c.sign * e.requested)::integer AS requested,
               sum(c.sign * e.left_open)::integer AS left_open, sum(c.sign * e.closed)::integer AS closed,
               sum(c.sign * e.done)::integer AS done, sum(c.sign * e.cancelled)::integer AS cancelled,
               sum(c.sign * e.closed_same_day)::integer AS closed_same_day
          FROM (SELECT -1 AS sign, o.*
                  FROM ROWS FROM (pg_catalog.unnest(o_req), pg_catalog.unnest(o_taken), pg_catalog.unnest(o_done),
                                  pg_catalog.unnest(o_status), pg_catalog.unnest(o_place), pg_catalog.unnest(o_div),
                                  pg_catalog.unnest(o_kind)) o(requested_at, taken_at, done_at, status, place, division, kind)
                UNION ALL
                SELECT 1, n.*
                  FROM ROWS FROM (pg_catalog.unnest(n_req), pg_catalog.unnest(n_taken), pg_catalog.unnest(n_done),
                                  pg_catalog.unnest(n_status), pg_catalog.unnest(n_place), pg_catalog.unnest(n_div),
                                  pg_catalog.unnest(n_kind)) n(requested_at, taken_at, done_at, status, place, division, kind)) c
         CROSS JOIN LATERAL grid.service_events(c.requested_at, c.taken_at, c.done_at, c.status) e
         GROUP BY e.day, c.place, c.division, c.kind
        HAVING (sum(c.sign * e.requested), sum(c.sign * e.left_open), sum(c.sign * e.closed), sum(c.sign * e.done),
                sum(c.sign * e.cancelled), sum(c.sign * e.closed_same_day)) <> (0, 0, 0, 0, 0, 0)) g;
    IF changes IS NOT NULL THEN
        PERFORM grid.service_day_add(changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.service_fact_follow() IS
    'trigger: service requests asked for, taken, closed, moved or deleted change grid.service_day';
CREATE TRIGGER service_fact_insert AFTER INSERT ON grid.service_request
    REFERENCING NEW TABLE AS requests_new FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow();
CREATE TRIGGER service_fact_update AFTER UPDATE ON grid.service_request
    REFERENCING OLD TABLE AS requests_old NEW TABLE AS requests_new FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow();
CREATE TRIGGER service_fact_delete AFTER DELETE ON grid.service_request
    REFERENCING OLD TABLE AS requests_old FOR EACH STATEMENT EXECUTE FUNCTION grid.service_fact_follow();
COMMENT ON TRIGGER service_fact_insert ON grid.service_request IS 'requests asked for are counted in grid.service_day (grid.service_fact_follow)';
COMMENT ON TRIGGER service_fact_update ON grid.service_request IS 'requests taken, closed or moved are recounted in grid.service_day (grid.service_fact_follow)';
COMMENT ON TRIGGER service_fact_delete ON grid.service_request IS 'requests deleted leave grid.service_day (grid.service_fact_follow)';

-- The facts per village recounted from what they count, as the triggers
-- keep them (the tests compare the two; grid.rebuild_facts stores them).
-- One row per key, zero rows left out, slots summed.  STABLE: reads
-- tables, as the caller sees them.
CREATE FUNCTION grid.household_screened_recount() RETURNS SETOF grid.household_screened
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.division, r.household_id, min(h.day)
  FROM grid.resident r JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id AND h.division OPERATOR(grid.=) r.division
 WHERE r.status IN ('resident', 'temporary') AND r.household_id IS NOT NULL
 GROUP BY r.division, r.household_id
$$;
COMMENT ON FUNCTION grid.household_screened_recount() IS
    'grid.household_screened recounted from grid.resident and grid.health_day (the days filed in the members'' village), as the caller sees them. STABLE: reads tables';

CREATE FUNCTION grid.resident_screened_recount() RETURNS SETOF grid.resident_screened
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.division, r.id, min(h.day)
  FROM grid.resident r JOIN grid.health_day h ON h.resident_id OPERATOR(grid.=) r.id AND h.division OPERATOR(grid.=) r.division
 WHERE r.status IN ('resident', 'temporary')
 GROUP BY r.division, r.id
$$;
COMMENT ON FUNCTION grid.resident_screened_recount() IS
    'grid.resident_screened recounted from grid.resident and grid.health_day (the days filed in the resident''s village), as the caller sees them. STABLE: reads tables';

CREATE FUNCTION grid.village_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, screened integer, households integer,
                   returnees integer, returnees_from_epicentre integer, vehicles_from_epicentre integer, in_transit integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
WITH e AS (
    SELECT s.first_day AS day, s.division AS place, s.division, 1 AS screened, 0 AS households, 0 AS returnees, 0 AS epi,
           0 AS veh, 0 AS transit
      FROM grid.resident_screened_recount() s
    UNION ALL
    SELECT s.first_day, s.division, s.division, 0, 1, 0, 0, 0, 0 FROM grid.household_screened_recount() s
    UNION ALL
    SELECT q.arrival_date, q.division, q.division, 0, 0, 1, x.epi::integer, (x.epi AND q.vehicle_plate IS NOT NULL)::integer, 0
      FROM grid.returnee q CROSS JOIN LATERAL (SELECT coalesce(q.origin OPERATOR(grid.<@) grid.epicentre(), false) AS epi) x
    UNION ALL
    SELECT 'infinity', r.place, r.division, 0, 0, 0, 0, 0, 1 FROM grid.resident r WHERE r.status = 'away'
)
SELECT d.day, e.place, e.division, sum(e.screened)::integer, sum(e.households)::integer, sum(e.returnees)::integer,
       sum(e.epi)::integer, sum(e.veh)::integer, sum(e.transit)::integer
  FROM e CROSS JOIN LATERAL (VALUES (e.day), (CASE WHEN e.day <> 'infinity' THEN date 'infinity' END)) d(day)
 WHERE d.day IS NOT NULL
 GROUP BY d.day, e.place, e.division
$$;
COMMENT ON FUNCTION grid.village_day_recount() IS
    'grid.village_day recounted from grid.health_day, grid.resident and grid.returnee, as the caller sees them, one row per day and place (what grid.rebuild_facts stores in slot 0; compare with grid.village_day summed over slots). STABLE: reads tables';

CREATE FUNCTION grid.key_person_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, category text,
                   begun integer, ended integer, released integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT d.day, k.place, k.division, k.category, sum(e.begun)::integer, sum(e.ended)::integer, sum(e.released)::integer
  FROM grid.key_person k
 CROSS JOIN LATERAL grid.key_person_events(k.period_start, k.status, k.closed_at) e
 CROSS JOIN LATERAL (VALUES (e.day), (date 'infinity')) d(day)
 GROUP BY d.day, k.place, k.division, k.category
$$;
COMMENT ON FUNCTION grid.key_person_day_recount() IS
    'grid.key_person_day recounted from grid.key_person, as the caller sees it, one row per day, place and category (what grid.rebuild_facts stores in slot 0). STABLE: reads tables';

CREATE FUNCTION grid.service_day_recount()
    RETURNS TABLE (day date, place grid.division_code, division grid.division_code, kind text, requested integer,
                   left_open integer, closed integer, done integer, cancelled integer, closed_same_day integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT d.day, q.place, q.division, q.kind, sum(e.requested)::integer, sum(e.left_open)::integer, sum(e.closed)::integer,
       sum(e.done)::integer, sum(e.cancelled)::integer, sum(e.closed_same_day)::integer
  FROM grid.service_request q
 CROSS JOIN LATERAL grid.service_events(q.requested_at, q.taken_at, q.done_at, q.status) e
 CROSS JOIN LATERAL (VALUES (e.day), (date 'infinity')) d(day)
 GROUP BY d.day, q.place, q.division, q.kind
$$;
COMMENT ON FUNCTION grid.service_day_recount() IS
    'grid.service_day recounted from grid.service_request, as the caller sees it, one row per day, place and kind (what grid.rebuild_facts stores in slot 0). STABLE: reads tables';

-- Store the facts per village recounted (grid.rebuild_facts, and TRUNCATE
-- of what they count, which skips the row triggers).  Returns the rows
-- stored.  VOLATILE: writes.
CREATE FUNCTION grid.village_facts_recount() RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    total bigint := 0;
BEGIN
    -- residents and households first: their triggers take them out of grid.village_day
    DELETE FROM grid.resident_screened;
    DELETE FROM grid.household_screened;
    DELETE FROM grid.village_day;
    DELETE FROM grid.key_person_day;
    DELETE FROM grid.service_day;
    DELETE FROM grid.checkpoint_day;
    INSERT INTO grid.village_day (day, place, division, screened, households, returnees, returnees_from_epicentre,
                                  vehicles_from_epicentre, in_transit)
    SELECT r.day, r.place, r.division, 0, 0, r.returnees, r.returnees_from_epicentre, r.vehicles_from_epicentre,
           r.in_transit
      FROM grid.village_day_recount() r
     WHERE (r.returnees, r.returnees_from_epicentre, r.vehicles_from_epicentre, r.in_transit) <> (0, 0, 0, 0);
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    -- and back: their triggers add them to grid.village_day
    INSERT INTO grid.resident_screened SELECT * FROM grid.resident_screened_recount() ORDER BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.household_screened SELECT * FROM grid.household_screened_recount() ORDER BY 1, 2;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.key_person_day (day, place, division, category, begun, ended, released)
    SELECT * FROM grid.key_person_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.service_day (day, place, division, kind, requested, left_open, closed, done, cancelled, closed_same_day)
    SELECT * FROM grid.service_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    INSERT INTO grid.checkpoint_day (day, checkpoint_id, division, temperature, passages, entering, leaving, people,
                                     vehicles, vehicles_from_epicentre, without_pass, turned_back)
    SELECT * FROM grid.checkpoint_day_recount();
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN total + n;
END
$$;
COMMENT ON FUNCTION grid.village_facts_recount() IS
    'stores grid.resident_screened, grid.household_screened, grid.village_day, grid.key_person_day, grid.service_day and grid.checkpoint_day recounted (slot 0); called by grid.rebuild_facts and the TRUNCATE triggers, not directly; returns the rows stored';
REVOKE EXECUTE ON FUNCTION grid.village_facts_recount() FROM PUBLIC;

-- TRUNCATE (administrators only, grid.guard_truncate) skips the triggers
-- above: the facts per village are recounted.  VOLATILE.
CREATE FUNCTION grid.village_facts_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM grid.village_facts_recount();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.village_facts_truncate() IS
    'trigger: recounts the facts per village and checkpoint when grid.resident, grid.health_day, grid.returnee, grid.key_person, grid.service_request or grid.checkpoint_passage is truncated';
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.resident
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.health_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.returnee
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.key_person
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
CREATE TRIGGER village_facts_truncate AFTER TRUNCATE ON grid.service_request
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
COMMENT ON TRIGGER village_facts_truncate ON grid.resident IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.health_day IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.returnee IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.key_person IS 'recounts the facts per village (grid.village_facts_truncate)';
COMMENT ON TRIGGER village_facts_truncate ON grid.service_request IS 'recounts the facts per village (grid.village_facts_truncate)';

-- True when a row of division d (a village or a cell) lies in the report's
-- division, or when the report covers everything (NULL).  IMMUTABLE.
CREATE FUNCTION grid.report_covers(within grid.division_code, d grid.division_code) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN within IS NULL OR d OPERATOR(grid.<@) within;
COMMENT ON FUNCTION grid.report_covers(grid.division_code, grid.division_code) IS
    'true if d lies in the report''s division, or the report covers everything the caller sees (NULL)';

-- The village whose rows a report of division d reads: a cell's village, or
-- d itself (a village or above).  IMMUTABLE.
CREATE FUNCTION grid.report_village_scope(d grid.division_code) RETURNS grid.division_code
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN grid.level(d) = 'grid' THEN grid.parent(d) ELSE d END;
COMMENT ON FUNCTION grid.report_village_scope(grid.division_code) IS
    'the division whose village-level rows a report of d reads: the village of a grid cell, else d';

-- A channel's label (grid.channel.label).  STABLE: reads grid.channel.
CREATE FUNCTION grid.channel_label(code text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT c.label FROM grid.channel c WHERE c.code = channel_label.code);
COMMENT ON FUNCTION grid.channel_label(text) IS
    'the Chinese label of a channel (grid.channel.label); NULL if unknown. STABLE: reads grid.channel';

-- Chinese labels.  An expression without a subquery, so that PostgreSQL
-- inlines it into the report that calls it and folds the kind away: a
-- call of a SQL function that is not inlined costs about 15 µs, 1.2 s
-- for the labels of a city's key-person list.  STABLE: a channel's is
-- read from grid.channel.
CREATE FUNCTION grid.report_label(kind text, code text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE kind
        WHEN 'level' THEN CASE code WHEN 'province' THEN '省' WHEN 'city' THEN '市' WHEN 'county' THEN '县(市、区)'
                                    WHEN 'township' THEN '乡镇(街道)' WHEN 'village' THEN '村(社区)'
                                    WHEN 'grid' THEN '网格' END
        WHEN 'channel' THEN grid.channel_label(code)
        WHEN 'category' THEN CASE code WHEN 'confirmed' THEN '确诊病例' WHEN 'suspected' THEN '疑似病例'
                                       WHEN 'fever_unexcluded' THEN '不能排除的发热病人'
                                       WHEN 'close_contact' THEN '密切接触者'
                                       WHEN 'epicentre_returnee' THEN '疫区返乡人员'
                                       WHEN 'home_observation' THEN '居家观察' WHEN 'central_isolation' THEN '集中隔离' END
        WHEN 'kind' THEN CASE code WHEN 'medicine' THEN '买药' WHEN 'gas' THEN '换煤气' WHEN 'groceries' THEN '送菜'
                                   WHEN 'paid_order_pickup' THEN '代取网购' WHEN 'other' THEN '其他' END
        WHEN 'status' THEN CASE code WHEN 'open' THEN '待办' WHEN 'taken' THEN '办理中' WHEN 'done' THEN '已办结'
                                     WHEN 'cancelled' THEN '已取消' WHEN 'released' THEN '已解除'
                                     WHEN 'transferred' THEN '已转送' END
        WHEN 'outcome' THEN CASE code WHEN 'no_answer' THEN '未接听' WHEN 'refused' THEN '拒绝' END
    END;
COMMENT ON FUNCTION grid.report_label(text, text) IS
    'the Chinese label reports print for a code: kind level, channel (grid.channel.label), category, kind (of service), status or outcome; NULL if unknown. STABLE: reads grid.channel';

-- ------------------------------------------------------------------ places

-- Residents and the rows of their events carry a place (see
-- src/resident.sql): row-level security tests it, so that a grid worker
-- sees the cell's residents, their reports and days, key persons,
-- unreached calls and service requests.  Ingestion writes the place it
-- reads from the registry; any other writer may leave it out, and this
-- trigger fills it in: the resident's place when the row is filed under
-- the resident's village and the caller covers that place, else the row's
-- division.  So a grid role can write for its own residents only (any
-- other row lands on the village, outside its scope, whether or not the
-- resident exists), and a row never reveals a place its writer does not
-- cover.  SECURITY DEFINER: the writer need not read the registry.
CREATE FUNCTION grid.place_from_resident() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    NEW.place := coalesce((SELECT r.place FROM grid.resident r
                            WHERE r.id OPERATOR(grid.=) NEW.resident_id
                              AND r.division OPERATOR(grid.=) NEW.division
                              AND grid.in_my_scope(r.place)),
                          NEW.division);
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.place_from_resident() IS
    'trigger: a row of a resident''s events written without a place gets the resident''s place (when filed under the resident''s village and in the caller''s scopes), else its division';
CREATE TRIGGER place_from_resident BEFORE INSERT ON grid.health_report
    FOR EACH ROW WHEN (NEW.place IS NULL) EXECUTE FUNCTION grid.place_from_resident();
CREATE TRIGGER place_from_resident BEFORE INSERT ON grid.key_person
    FOR EACH ROW WHEN (NEW.place IS NULL) EXECUTE FUNCTION grid.place_from_resident();
CREATE TRIGGER place_from_resident BEFORE INSERT ON grid.unreached
    FOR EACH ROW WHEN (NEW.place IS NULL) EXECUTE FUNCTION grid.place_from_resident();
CREATE TRIGGER place_from_resident BEFORE INSERT ON grid.service_request
    FOR EACH ROW WHEN (NEW.place IS NULL) EXECUTE FUNCTION grid.place_from_resident();
COMMENT ON TRIGGER place_from_resident ON grid.health_report IS 'a report written without a place gets its resident''s (grid.place_from_resident)';
COMMENT ON TRIGGER place_from_resident ON grid.key_person IS 'an entry written without a place gets its resident''s (grid.place_from_resident)';
COMMENT ON TRIGGER place_from_resident ON grid.unreached IS 'a call written without a place gets its resident''s (grid.place_from_resident)';
COMMENT ON TRIGGER place_from_resident ON grid.service_request IS 'a request written without a place gets its resident''s (grid.place_from_resident)';

-- A place written explicitly is taken as written, as ingestion writes it,
-- and row-level security holds it to the writer's scopes.  A role scoped to
-- a grid cell cannot file a row about another resident in its cell (where
-- grid.health_day's upkeep would merge it with the real resident's day):
-- the policy grid_resident (grid.enable_resident_check) lets a row name only
-- a resident the writer sees, and a grid role sees its cell's residents.

-- A resident whose place changes (moved to another cell of the village,
-- given a cell, or a cell taken away) takes along the rows filed under
-- their village: the grid worker of the new cell sees their reports, days,
-- open key-person entries, calls and requests, and the call list does not
-- show a resident who reported as not reported.  Rows filed under another
-- village (before a move between villages) stay where they were, seen by
-- that village as before.  Only rows the caller covers move: a caller
-- allowed to change the resident covers both places.  Writers that read
-- the old places commit first (grid.place_lock_key).  SECURITY DEFINER:
-- the caller need not be allowed to write those tables; grid.health_day is
-- recounted by its triggers on grid.health_report and set here as well.
CREATE FUNCTION grid.resident_moved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[];
    villages grid.division_code[];
    places grid.division_code[];
    t text;
BEGIN
    SELECT array_agg(n.id ORDER BY n.id), array_agg(n.division ORDER BY n.id), array_agg(n.place ORDER BY n.id)
      INTO ids, villages, places
      FROM moved_new n JOIN moved_old o ON o.id OPERATOR(grid.=) n.id
     WHERE o.place OPERATOR(grid.<>) n.place;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    -- writers filing rows under the old places commit first
    PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], (grid.place_lock_key())[2]);
    -- The same update on each table, in this order.  An open key-person
    -- entry is the resident's present state, not history: it follows them
    -- to another village too (division and place), so that the new village
    -- sees it and its fever rule is not met by an entry it cannot see.
    FOREACH t IN ARRAY ARRAY['health_report', 'health_day', 'key_person', 'unreached', 'service_request'] LOOP
        EXECUTE pg_catalog.format(
            'UPDATE grid.%I h SET place = m.place%s
               FROM ROWS FROM (unnest($1), unnest($2), unnest($3)) m(id, division, place)
              WHERE h.resident_id OPERATOR(grid.=) m.id AND %s
                AND h.place OPERATOR(grid.<>) m.place AND grid.in_my_scope(h.place)',
            t,
            CASE WHEN t = 'key_person' THEN ', division = m.division' ELSE '' END,
            CASE WHEN t = 'key_person' THEN '(h.division OPERATOR(grid.=) m.division OR h.status = ''open'')'
                 ELSE 'h.division OPERATOR(grid.=) m.division' END)
        USING ids, villages, places;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.resident_moved() IS
    'trigger: when residents'' places change, their rows filed under their village (reports, days, key persons, unreached calls, service requests) take the new place, and their open key-person entries follow them to another village; only rows the caller covers';
CREATE TRIGGER resident_moved AFTER UPDATE ON grid.resident
    REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
    FOR EACH STATEMENT EXECUTE FUNCTION grid.resident_moved();
COMMENT ON TRIGGER resident_moved ON grid.resident IS
    'rows filed under a resident''s village follow the resident to a new place (grid.resident_moved)';

-- --------------------------------------------------- temperature monitoring

-- 体温监测日报: residents, reported, not reported, fevers and channels, for
-- every grid cell, village, township, county and the city.  STABLE: reads
-- tables.
CREATE FUNCTION grid.report_temperature(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, residents bigint, reported bigint, not_reported bigint, fever bigint,
                   app bigint, sms bigint, voice bigint, proxy bigint, checkpoint bigint,
                   report_rate numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH place AS (
    -- every place the caller sees: those with residents (grid.cell_fact),
    -- and the cells of the map in the caller's scopes that have none
    SELECT f.place, f.division AS village, f.residents
      FROM grid.cell_fact f
     WHERE grid.report_covers(report_temperature.division, f.place)
    UNION ALL
    SELECT c.code, c.division, 0
      FROM grid.cell c
     WHERE grid.report_covers(report_temperature.division, c.code) AND grid.in_my_scope(c.code)
       AND NOT EXISTS (SELECT FROM grid.cell_fact f WHERE f.place OPERATOR(grid.=) c.code)
), unit AS (
    -- one row per place, from the facts; the levels above are rolled up
    -- from these few thousand rows
    SELECT p.village, CASE WHEN p.place OPERATOR(grid.<>) p.village THEN p.place END AS cell,
           p.residents::bigint AS residents,
           coalesce(d.reported, 0)::bigint AS reported,
           coalesce(d.fever, 0)::bigint AS fever,
           coalesce(d.app, 0)::bigint AS app,
           coalesce(d.sms, 0)::bigint AS sms,
           coalesce(d.voice, 0)::bigint AS voice,
           coalesce(d.proxy, 0)::bigint AS proxy,
           coalesce(d.checkpoint, 0)::bigint AS checkpoint
      FROM place p
      LEFT JOIN (SELECT s.place, pg_catalog.sum(s.reported) AS reported, pg_catalog.sum(s.fever) AS fever,
                        pg_catalog.sum(s.app) AS app, pg_catalog.sum(s.sms) AS sms, pg_catalog.sum(s.voice) AS voice,
                        pg_catalog.sum(s.proxy) AS proxy, pg_catalog.sum(s.checkpoint) AS checkpoint
                   FROM grid.cell_day s
                  WHERE s.day = report_temperature.day AND grid.report_covers(report_temperature.division, s.place)
                  GROUP BY s.place) d ON d.place OPERATOR(grid.=) p.place
), f AS (
    SELECT u.*, grid.ancestor(u.village, 'township') AS township, grid.ancestor(u.village, 'county') AS county,
           grid.ancestor(u.village, 'city') AS city
      FROM unit u
), g AS (
    SELECT CASE WHEN GROUPING(f.cell) = 0 THEN 'grid'
                WHEN GROUPING(f.village) = 0 THEN 'village'
                WHEN GROUPING(f.township) = 0 THEN 'township'
                WHEN GROUPING(f.county) = 0 THEN 'county'
                ELSE 'city' END AS level,
           f.city, f.county, f.township, f.village, f.cell,
           pg_catalog.sum(f.residents)::bigint AS residents,
           pg_catalog.sum(f.reported)::bigint AS reported,
           pg_catalog.sum(f.residents - f.reported)::bigint AS not_reported,
           pg_catalog.sum(f.fever)::bigint AS fever,
           pg_catalog.sum(f.app)::bigint AS app,
           pg_catalog.sum(f.sms)::bigint AS sms,
           pg_catalog.sum(f.voice)::bigint AS voice,
           pg_catalog.sum(f.proxy)::bigint AS proxy,
           pg_catalog.sum(f.checkpoint)::bigint AS checkpoint
      FROM f
     GROUP BY GROUPING SETS ((f.city), (f.city, f.county), (f.city, f.county, f.township),
                             (f.city, f.county, f.township, f.village),
                             (f.city, f.county, f.township, f.village, f.cell))
)
SELECT report_temperature.day, g.level, grid.report_label('level', g.level), x.code,
       coalesce(CASE WHEN g.level = 'grid' THEN c.name ELSE d.name END,
                CASE WHEN x.code IS NULL THEN '未划入网格' ELSE x.code::text END),
       CASE g.level WHEN 'grid' THEN g.village WHEN 'village' THEN g.township WHEN 'township' THEN g.county
                    WHEN 'county' THEN g.city END,
       g.residents, g.reported, g.not_reported, g.fever, g.app, g.sms, g.voice, g.proxy, g.checkpoint,
       pg_catalog.round(100.0 * g.reported / NULLIF(g.residents, 0), 1)
  FROM g
 CROSS JOIN LATERAL (SELECT CASE g.level WHEN 'grid' THEN g.cell WHEN 'village' THEN g.village
                                         WHEN 'township' THEN g.township WHEN 'county' THEN g.county
                                         ELSE g.city END AS code) x
  LEFT JOIN grid.division d ON d.code OPERATOR(grid.=) x.code
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) x.code
 ORDER BY coalesce(x.code, grid.subtree_last(g.village))
$$;
COMMENT ON FUNCTION grid.report_temperature(date, grid.division_code) IS
    '体温监测日报: for each grid cell, village, township, county and the city (level, its Chinese name, division, name, parent): residents (status resident or temporary), reported that day by any channel, not reported, with a fever report, and residents reached by each channel (app, sms, voice, proxy, checkpoint; one resident may use several), report rate in per cent. Every cell of the map in the caller''s scopes is listed: one without residents is empty (residents 0, report rate NULL). Each level''s figures are the sum of its children''s; residents without a valid cell form a grid row with division NULL named 未划入网格. Read from the facts (grid.cell_fact, grid.cell_day): one row per cell, whatever the number of residents or days. division: only that subtree (NULL: all the caller sees). STABLE: reads tables';

-- 各渠道报告人数: residents reached by each channel of grid.channel (a
-- channel an administrator added too), for every grid cell, village,
-- township, county and the city, from the per-channel facts
-- (grid.cell_day.reached).  STABLE: reads tables.
CREATE FUNCTION grid.report_channels(day date DEFAULT grid.report_today(),
                                     division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   channel text, label text, reached bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per place and channel, the place's slots summed
    SELECT f.division AS village, CASE WHEN f.place OPERATOR(grid.<>) f.division THEN f.place END AS cell,
           c.code, pg_catalog.sum(x.n) AS reached
      FROM grid.cell_day f
     CROSS JOIN LATERAL pg_catalog.unnest(f.reached) WITH ORDINALITY x(n, k)
      JOIN grid.channel c ON c.bit = 1 << (x.k - 1)::integer
     WHERE f.day = report_channels.day AND grid.report_covers(report_channels.division, f.place)
     GROUP BY 1, 2, 3
), g AS (
    SELECT CASE WHEN GROUPING(u.cell) = 0 THEN 'grid'
                WHEN GROUPING(u.village) = 0 THEN 'village'
                WHEN GROUPING(u.township) = 0 THEN 'township'
                WHEN GROUPING(u.county) = 0 THEN 'county'
                ELSE 'city' END AS level,
           u.city, u.county, u.township, u.village, u.cell, u.code, pg_catalog.sum(u.reached)::bigint AS reached
      FROM (SELECT u.*, grid.ancestor(u.village, 'township') AS township, grid.ancestor(u.village, 'county') AS county,
                   grid.ancestor(u.village, 'city') AS city
              FROM unit u) u
     GROUP BY u.code, GROUPING SETS ((u.city), (u.city, u.county), (u.city, u.county, u.township),
                                     (u.city, u.county, u.township, u.village),
                                     (u.city, u.county, u.township, u.village, u.cell))
    HAVING pg_catalog.sum(u.reached) <> 0
)
SELECT report_channels.day, g.level, grid.report_label('level', g.level), x.code,
       coalesce(CASE WHEN g.level = 'grid' THEN c.name ELSE d.name END,
                CASE WHEN x.code IS NULL THEN '未划入网格' ELSE x.code::text END),
       g.code, ch.label, g.reached
  FROM g
 CROSS JOIN LATERAL (SELECT CASE g.level WHEN 'grid' THEN g.cell WHEN 'village' THEN g.village
                                         WHEN 'township' THEN g.township WHEN 'county' THEN g.county
                                         ELSE g.city END AS code) x
  JOIN grid.channel ch ON ch.code = g.code
  LEFT JOIN grid.division d ON d.code OPERATOR(grid.=) x.code
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) x.code
 ORDER BY coalesce(x.code, grid.subtree_last(g.village)), ch.bit
$$;
COMMENT ON FUNCTION grid.report_channels(date, grid.division_code) IS
    '各渠道报告人数: for each grid cell, village, township, county and the city the caller sees (level, its Chinese name, division, name) and each channel of grid.channel, a channel an administrator added included (code, Chinese label): residents (status resident or temporary) reached by it that day; rows with none are left out; residents without a valid cell form a grid row with division NULL named 未划入网格. Each level is the sum of its children; the built-in channels agree with grid.report_temperature. Read from the facts (grid.cell_day.reached). division: only that subtree (NULL: all the caller sees). STABLE: reads tables';

-- ---------------------------------------------------- not reported today

-- 未报告名单: the grid worker's call list.  STABLE: reads tables.
--
-- Two plans in one statement, of which one runs: a list within one village
-- (a grid worker's cell, a village, several cells of one village) reads
-- that place's rows from the indexes on place, with look-ups only for the
-- residents that need them; a wider one (a township, the city) joins as
-- before.  Which one runs is decided once per call (an InitPlan), so that
-- both are always planned: a prepared statement keeps one generic plan
-- for every grid rather than planning each call anew (see src/reports.md).
CREATE FUNCTION grid.report_not_reported(day date DEFAULT grid.report_today(),
                                         division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   cell_name text, worker text, resident text, name text, phone text, household_id bigint,
                   address text, last_report date, robot_call text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- Within one village.  b: the range of places asked for (division, or
-- NULL: the caller's range), its village, and whether the caller may see
-- rows outside it (a wider scope, or row-level security not applied).
-- When it may not, every row the caller sees of the range's residents lies
-- in the range, so the day's reports, the week's and the day's robot calls
-- are read as sets of the range (hashed once) and a resident's own rows
-- are looked up only when the set names them; when it may, they are
-- looked up for every resident, as the wider plan does.
(SELECT report_not_reported.day, r.division,
        CASE WHEN r.division OPERATOR(grid.=) b.village
             THEN (SELECT v.name FROM grid.division v WHERE v.code OPERATOR(grid.=) b.village AND v.level = 'village')
             ELSE (SELECT v.name FROM grid.division v WHERE v.code OPERATOR(grid.=) r.division AND v.level = 'village') END,
        r.cell_code,
        CASE WHEN r.cell_code OPERATOR(grid.=) b.lo
             THEN (SELECT c.name FROM grid.cell c WHERE c.code OPERATOR(grid.=) b.lo)
             ELSE (SELECT c.name FROM grid.cell c WHERE c.code OPERATOR(grid.=) r.cell_code) END,
        -- the cell's grid worker, the first if several
        CASE WHEN r.division OPERATOR(grid.=) b.village AND r.cell_code OPERATOR(grid.=) b.lo
             THEN (SELECT w.name FROM grid.team_member w
                    WHERE w.division OPERATOR(grid.=) b.village AND w.cell OPERATOR(grid.=) b.lo
                      AND w.role = 'grid_worker' ORDER BY w.id LIMIT 1)
             ELSE (SELECT w.name FROM grid.team_member w
                    WHERE w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code
                      AND w.role = 'grid_worker' ORDER BY w.id LIMIT 1) END,
        CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
        CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
        CASE WHEN b.wider OR r.address_id IN (SELECT a.id FROM grid.standard_address a
                                               WHERE a.division OPERATOR(grid.>=) b.lo AND a.division OPERATOR(grid.<=) b.hi)
             THEN (SELECT a.full_text FROM grid.standard_address a WHERE a.id = r.address_id) END,
        -- the last day with a report in the week before (its days one by
        -- one, so that the index on day and place reads only the range)
        CASE WHEN b.wider
               OR r.id OPERATOR(grid.=) ANY (
                      SELECT l.resident_id FROM grid.health_day l
                       WHERE l.day = ANY (ARRAY[report_not_reported.day - 7, report_not_reported.day - 6,
                                                report_not_reported.day - 5, report_not_reported.day - 4,
                                                report_not_reported.day - 3, report_not_reported.day - 2,
                                                report_not_reported.day - 1])
                         AND l.place OPERATOR(grid.>=) b.lo AND l.place OPERATOR(grid.<=) b.hi)
             THEN (SELECT pg_catalog.max(l.day) FROM grid.health_day l
                    WHERE l.resident_id OPERATOR(grid.=) r.id AND l.division OPERATOR(grid.=) r.division
                      AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day) END,
        grid.report_label('outcome', u.outcome)
   FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN (SELECT grid.scope_lo())::grid.division_code
                     ELSE report_not_reported.division END AS lo,
                CASE WHEN report_not_reported.division IS NULL THEN (SELECT grid.scope_hi())::grid.division_code
                     ELSE grid.subtree_last(report_not_reported.division) END AS hi) b0
  CROSS JOIN LATERAL (
         SELECT b0.lo, b0.hi, grid.ancestor(b0.lo, 'village') AS village,
                NOT (pg_catalog.row_security_active('grid.health_day'::regclass)
                     AND pg_catalog.row_security_active('grid.unreached'::regclass)
                     AND pg_catalog.row_security_active('grid.standard_address'::regclass))
                OR (SELECT grid.scope_lo())::grid.division_code OPERATOR(grid.<) b0.lo
                OR (SELECT grid.scope_hi())::grid.division_code OPERATOR(grid.>) b0.hi AS wider) b
  CROSS JOIN LATERAL (
         SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
                -- grid.may_see_identifiers: an administrator; a caller whose
                -- first scope is a village or grid, for the residents in it
                -- (the usual grid worker: no look-up of its scopes); else
                -- the caller's scopes read once per statement
                (SELECT grid.is_admin())
                OR r.place OPERATOR(grid.<@) (SELECT CASE WHEN grid.level(grid.scope_lo()::grid.division_code) IN ('village', 'grid')
                                                          THEN grid.scope_lo()::grid.division_code END)
                OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
           FROM grid.resident r
          WHERE r.status IN ('resident', 'temporary')
            AND r.place OPERATOR(grid.>=) b.lo AND r.place OPERATOR(grid.<=) b.hi
            -- no report filed in the resident's village that day: not
            -- among the range's, nor (when the caller sees more) among the
            -- village's others (a report another village filed before a
            -- move is not the village's)
            AND NOT r.id OPERATOR(grid.=) ANY (SELECT d.resident_id FROM grid.health_day d
                                                WHERE d.day = report_not_reported.day
                                                  AND d.place OPERATOR(grid.>=) b.lo AND d.place OPERATOR(grid.<=) b.hi)
            AND (NOT b.wider OR NOT EXISTS (SELECT FROM grid.health_day d
                                             WHERE d.day = report_not_reported.day
                                               AND d.resident_id OPERATOR(grid.=) r.id
                                               AND d.division OPERATOR(grid.=) r.division))) r
  -- the voice robot's last call of the day (calls at the same instant: each)
  LEFT JOIN LATERAL (
         SELECT u.outcome FROM grid.unreached u
          WHERE (b.wider OR r.id OPERATOR(grid.=) ANY (SELECT u.resident_id FROM grid.unreached u
                                                        WHERE u.place OPERATOR(grid.>=) b.lo AND u.place OPERATOR(grid.<=) b.hi
                                                          AND u.called_at >= grid.report_day_start(report_not_reported.day)
                                                          AND u.called_at < grid.report_day_start(report_not_reported.day + 1)))
            AND u.resident_id OPERATOR(grid.=) r.id AND u.division OPERATOR(grid.=) r.division
            AND u.called_at >= grid.report_day_start(report_not_reported.day)
            AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
            AND NOT EXISTS (SELECT FROM grid.unreached u2
                             WHERE u2.resident_id OPERATOR(grid.=) u.resident_id AND u2.division OPERATOR(grid.=) u.division
                               AND u2.called_at > u.called_at
                               AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
         OFFSET 0) u ON true
  WHERE (SELECT grid.ancestor(x.lo, 'village') IS NOT NULL
                AND x.hi OPERATOR(grid.<=) grid.subtree_last(grid.ancestor(x.lo, 'village'))
           FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN grid.scope_lo()::grid.division_code
                             ELSE report_not_reported.division END AS lo,
                        CASE WHEN report_not_reported.division IS NULL THEN grid.scope_hi()::grid.division_code
                             ELSE grid.subtree_last(report_not_reported.division) END AS hi) x)
  ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome)
UNION ALL
-- Wider: one statement of plain joins, without aggregates or materialised
-- steps: a subquery reading a table under row-level security could not run
-- in parallel workers (its policies' InitPlans keep it in the leader), and
-- a city's two million names need both processors.  The planner picks hash
-- joins for a city and index look-ups for a township.
(SELECT report_not_reported.day, r.division, v.name, r.cell_code, c.name, w.name,
        CASE WHEN r.in_full THEN r.id::text ELSE grid.mask(r.id) END, r.name,
        CASE WHEN r.in_full THEN r.phones[1] ELSE grid.mask(r.phones[1]) END, r.household_id,
        a.full_text, l.day, grid.report_label('outcome', u.outcome)
   -- first the residents without a report that day, then what the list shows
   -- of them (written in this order: the list joins more tables than
   -- PostgreSQL reorders, join_collapse_limit)
   FROM (SELECT r.*, grid.report_cell(r.cell, r.division) AS cell_code,
                -- grid.may_see_identifiers, with the caller's scopes read once
                (SELECT grid.is_admin())
                OR r.place OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[]) AS in_full
           FROM grid.resident r
          WHERE r.status IN ('resident', 'temporary')
            -- the resident's place in the division (NULL: in the caller's
            -- range)
            AND r.place OPERATOR(grid.>=) coalesce(report_not_reported.division,
                                                   (SELECT grid.scope_lo())::grid.division_code)
            AND r.place OPERATOR(grid.<=) coalesce(grid.subtree_last(report_not_reported.division),
                                                   (SELECT grid.scope_hi())::grid.division_code)
            -- ... and the same as one range of the index on place, for a
            -- generic plan (row-level security lets only leakproof
            -- expressions reach an index: CASE is taken for one, coalesce
            -- is not).  Without a division it is every code, so that a
            -- city's estimate and plan stay those of the range above.
            AND r.place OPERATOR(grid.>=) CASE WHEN report_not_reported.division IS NULL THEN '11'::grid.division_code
                                               ELSE report_not_reported.division END
            AND r.place OPERATOR(grid.<=) CASE WHEN report_not_reported.division IS NULL THEN grid.subtree_last('83')
                                               ELSE grid.subtree_last(report_not_reported.division) END
            AND NOT EXISTS (SELECT FROM grid.health_day d
                             WHERE d.day = report_not_reported.day AND d.resident_id OPERATOR(grid.=) r.id
                               AND d.division OPERATOR(grid.=) r.division)) r
   LEFT JOIN grid.standard_address a ON a.id = r.address_id
   LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) r.division AND v.level = 'village'
   LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) r.cell_code
   -- the cell's grid worker, a member of the village's team (the first, if
   -- several), under the caller's row-level security
   LEFT JOIN grid.team_member w
          ON w.division OPERATOR(grid.=) r.division AND w.cell OPERATOR(grid.=) r.cell_code AND w.role = 'grid_worker'
         AND NOT EXISTS (SELECT FROM grid.team_member w2
                          WHERE w2.division OPERATOR(grid.=) w.division AND w2.cell OPERATOR(grid.=) w.cell
                            AND w2.role = 'grid_worker' AND w2.id < w.id)
   -- the last day with a report in the week before: the day that has no
   -- later one (a join where a grouped subquery would stay out of the
   -- workers)
   LEFT JOIN grid.health_day l
          ON l.resident_id OPERATOR(grid.=) r.id AND l.division OPERATOR(grid.=) r.division
         AND l.day >= report_not_reported.day - 7 AND l.day < report_not_reported.day
         AND NOT EXISTS (SELECT FROM grid.health_day l2
                          WHERE l2.resident_id OPERATOR(grid.=) l.resident_id AND l2.division OPERATOR(grid.=) l.division
                            AND l2.day > l.day AND l2.day < report_not_reported.day)
   -- the voice robot's last call of the day, the same way (calls at the
   -- same instant: each)
   LEFT JOIN grid.unreached u
          ON u.resident_id OPERATOR(grid.=) r.id AND u.division OPERATOR(grid.=) r.division
         AND u.called_at >= grid.report_day_start(report_not_reported.day)
         AND u.called_at < grid.report_day_start(report_not_reported.day + 1)
         AND NOT EXISTS (SELECT FROM grid.unreached u2
                          WHERE u2.resident_id OPERATOR(grid.=) u.resident_id AND u2.division OPERATOR(grid.=) u.division
                            AND u2.called_at > u.called_at
                            AND u2.called_at < grid.report_day_start(report_not_reported.day + 1))
  WHERE NOT (SELECT grid.ancestor(x.lo, 'village') IS NOT NULL
                    AND x.hi OPERATOR(grid.<=) grid.subtree_last(grid.ancestor(x.lo, 'village'))
               FROM (SELECT CASE WHEN report_not_reported.division IS NULL THEN grid.scope_lo()::grid.division_code
                                 ELSE report_not_reported.division END AS lo,
                            CASE WHEN report_not_reported.division IS NULL THEN grid.scope_hi()::grid.division_code
                                 ELSE grid.subtree_last(report_not_reported.division) END AS hi) x)
  ORDER BY r.division, r.cell_code NULLS LAST, r.household_id NULLS LAST, r.id, u.outcome)
$$;
COMMENT ON FUNCTION grid.report_not_reported(date, grid.division_code) IS
    '未报告名单, the grid worker''s call list: every resident (status resident or temporary) with no health report filed in their village that day (a report another village filed before the resident moved is that village''s), by village, cell and household; ID and phone as the caller may see them (grid.show_id, grid.show_phone: masked above the village unless granted), address, day of the last report filed in the village in the 7 days before (NULL: none), and the voice robot''s outcome that day in the village (未接听, 拒绝); the same rows whoever asks. A list within one village (a grid, a village) reads its place''s rows from the indexes on place, in one plan a prepared statement keeps. STABLE: reads tables';

-- --------------------------------------------------------- key persons

-- The facts the key-person list reads, kept for the residents with a
-- key-person entry (some 40,000 of 4 million), so that the list reads
-- a few megabytes that stay in memory instead of the registry and the
-- report history, whose pages it found on disk one entry at a time:
--
--   grid.key_person_resident  per resident with an entry: the registry's
--                             name, cell, village and place;
--   grid.key_person_reading   per such resident, calendar day and place
--                             of the reports: that day's latest report
--                             there (time, channel, temperature).
--
-- The latest report up to a day is the latest of these rows up to it: one
-- probe of an index per entry, whatever the length of the history.  A
-- resident's readings are kept per place because row-level security tests
-- a report's place: a role sees the readings of the reports it sees, and
-- the list gives every role what it gave from the reports.  Of reports at
-- the same instant the first channel by name counts, then the highest
-- temperature.
--
-- Triggers keep both in the statement that changes what they hold:
-- reports inserted (grouped by resident, day and place once; only the
-- residents with an entry), corrected, moved or deleted (their days
-- recounted); entries opened for a resident without one (the resident's
-- readings counted from the reports, the registry's row copied) or the
-- last one deleted; residents renamed, moved, given another cell, deleted
-- or registered after their entry.  The registry's row is read with a
-- share lock, so that a rename in flight commits first.  Protected as
-- the rows they copy: row-level security by place, and only the triggers
-- write (grid.fact_writers).  grid.rebuild_facts() recounts both.
CREATE TABLE grid.key_person_resident (
    resident_id grid.resident_id PRIMARY KEY,
    place       grid.division_code NOT NULL,
    division    grid.division_code NOT NULL,
    name        text NOT NULL,
    cell        text,
    CHECK (place OPERATOR(grid.<@) division)
);
COMMENT ON TABLE grid.key_person_resident IS
    'the registry''s row (name, cell, village, place) of each resident with a key-person entry, for the key-person list; kept by triggers on grid.resident and grid.key_person, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.key_person_resident.resident_id IS 'the resident';
COMMENT ON COLUMN grid.key_person_resident.place IS 'the resident''s place (grid.resident.place); row-level security tests it, as on grid.resident';
COMMENT ON COLUMN grid.key_person_resident.division IS 'the resident''s village';
COMMENT ON COLUMN grid.key_person_resident.name IS 'the name as registered';
COMMENT ON COLUMN grid.key_person_resident.cell IS 'the grid cell as registered (grid.resident.cell)';
CREATE INDEX key_person_resident_place_idx ON grid.key_person_resident (place);
COMMENT ON INDEX grid.key_person_resident_place_idx IS 'the key persons of a place and its subtree (access rules)';
SELECT grid.enable_access('grid.key_person_resident', scope_column => 'place');

CREATE TABLE grid.key_person_reading (
    resident_id grid.resident_id NOT NULL,
    place       grid.division_code NOT NULL,
    day         date NOT NULL,
    reported_at timestamptz NOT NULL,
    channel     text NOT NULL,
    temperature numeric,
    PRIMARY KEY (resident_id, place, day)
);
COMMENT ON TABLE grid.key_person_reading IS
    'the latest health report of each resident with a key-person entry per China calendar day and place of the reports (of reports at one instant, the first channel by name, then the highest temperature), for the key-person list; kept by triggers on grid.health_report and grid.key_person, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.key_person_reading.resident_id IS 'the resident';
COMMENT ON COLUMN grid.key_person_reading.place IS 'the place of the reports (grid.health_report.place); row-level security tests it, as on grid.health_report';
COMMENT ON COLUMN grid.key_person_reading.day IS 'the calendar day in China time';
COMMENT ON COLUMN grid.key_person_reading.reported_at IS 'when the latest report of the day and place was taken';
COMMENT ON COLUMN grid.key_person_reading.channel IS 'its channel';
COMMENT ON COLUMN grid.key_person_reading.temperature IS 'its temperature (NULL: "normal" without a reading)';
CREATE INDEX key_person_reading_latest_idx ON grid.key_person_reading (resident_id, reported_at);
COMMENT ON INDEX grid.key_person_reading_latest_idx IS 'a resident''s latest reading up to a day: one probe';
SELECT grid.enable_access('grid.key_person_reading', scope_column => 'place');
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.key_person_resident
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.key_person_reading
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.key_person_resident IS 'only the maintenance triggers write grid.key_person_resident';
COMMENT ON TRIGGER fact_writers ON grid.key_person_reading IS 'only the maintenance triggers write grid.key_person_reading';

-- The facts recounted, as the triggers keep them (the tests compare the
-- two).  STABLE: read tables.
CREATE FUNCTION grid.key_person_resident_recount() RETURNS SETOF grid.key_person_resident
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.id, r.place, r.division, r.name, r.cell
  FROM grid.resident r
 WHERE EXISTS (SELECT FROM grid.key_person k WHERE k.resident_id OPERATOR(grid.=) r.id)
$$;
COMMENT ON FUNCTION grid.key_person_resident_recount() IS
    'grid.key_person_resident recounted from grid.resident and grid.key_person, as the caller sees them (what grid.rebuild_facts stores, as the owner). STABLE: reads tables';
-- PL/pgSQL running its query with EXECUTE, the residents bound as a value:
-- Citus cannot plan a SQL function's parameter in a query of its
-- distributed tables ("could not create distributed plan"), and
-- grid.rebuild_facts() runs this on a cluster too.
CREATE FUNCTION grid.key_person_reading_recount(residents grid.resident_id[] DEFAULT NULL)
    RETURNS SETOF grid.key_person_reading
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE
        'SELECT DISTINCT ON (h.resident_id, h.place, grid.report_day(h.reported_at))
                h.resident_id, h.place, grid.report_day(h.reported_at), h.reported_at, h.channel, h.temperature
           FROM grid.health_report h
          WHERE EXISTS (SELECT FROM grid.key_person k WHERE k.resident_id OPERATOR(grid.=) h.resident_id)
            AND ($1 IS NULL OR h.resident_id OPERATOR(grid.=) ANY ($1))
          ORDER BY h.resident_id, h.place, grid.report_day(h.reported_at), h.reported_at DESC, h.channel,
                   h.temperature DESC NULLS LAST'
        USING residents;
END
$$;
COMMENT ON FUNCTION grid.key_person_reading_recount(grid.resident_id[]) IS
    'grid.key_person_reading recounted from grid.health_report and grid.key_person (residents: only theirs; NULL: all), as the caller sees them (what grid.rebuild_facts stores, as the owner). STABLE: reads tables';

-- The locks that keep the readings equal to a recount when reports and
-- entries of one resident are written at once.  Which residents have an
-- entry is read by the reports' triggers, and the reports by the
-- entries' (first entry opened, last deleted), each in its own
-- transaction: without a lock between them, a report stored while the
-- resident's first entry is opened is seen by neither.  So a writer of
-- reports holds a transaction advisory lock shared on "grid" and 64 + the
-- bucket (grid.key_person_bucket) of each resident whose reports it
-- stores, corrects or deletes, taken before it reads the entries; a
-- writer that recounts a resident's readings takes it exclusively before
-- it reads the reports.  Whichever comes second waits for the first to
-- commit, then reads what it wrote.  Writers of entries also take
-- "grid" and 128 + the bucket before they read whether an entry is the
-- resident's first or last (exclusive to delete, shared to open), so that
-- two of them (two last entries deleted at once, the last deleted while
-- another is opened) see each other's.  64 buckets: a statement of one
-- report waits only for entries of residents in its bucket; a batch of
-- many holds them all, as it holds the place lock (grid.place_lock_key).
-- Locks are taken in bucket order.  Not covered: entries opened or
-- deleted by a transaction that also writes reports (the ingestion's
-- fever rule): it takes no exclusive lock, since two batches each
-- waiting for the other's shared ones would deadlock.
CREATE FUNCTION grid.key_person_bucket(id grid.resident_id) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN grid.resident_id_hash(id) & 63;
COMMENT ON FUNCTION grid.key_person_bucket(grid.resident_id) IS
    'the bucket (0 to 63) of a resident''s key-person locks (grid.key_person_lock)';

-- Take the locks of the given numbers, in order: a resident's bucket for
-- his readings (shared for writers of reports, exclusive for a recount of
-- readings), 64 + the bucket for his entries (exclusive); the lock is
-- "grid" and 64 + the number.  VOLATILE: takes locks.
CREATE FUNCTION grid.key_person_lock(buckets integer[], exclusive boolean) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b integer;
BEGIN
    FOR b IN SELECT DISTINCT x FROM pg_catalog.unnest(buckets) x WHERE x IS NOT NULL ORDER BY x LOOP
        IF exclusive THEN
            PERFORM pg_catalog.pg_advisory_xact_lock((grid.place_lock_key())[1], 64 + b);
        ELSE
            PERFORM pg_catalog.pg_advisory_xact_lock_shared((grid.place_lock_key())[1], 64 + b);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.key_person_lock(integer[], boolean) IS
    'takes, in order, the transaction advisory locks of the given buckets (grid.key_person_bucket: the bucket for a resident''s readings, 64 + the bucket for his entries; the lock is "grid" and 64 + that number), shared or exclusive, so that reports and key-person entries of one resident written at once keep grid.key_person_reading equal to a recount; called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.key_person_lock(integer[], boolean) FROM PUBLIC;

-- Recount the facts of the residents given: their readings and registry
-- row, dropped when they have no entry left.  Writers of the residents'
-- reports commit first (grid.key_person_lock), and so do changes of their
-- registry rows (locked share), so that what is read is what they wrote.
-- VOLATILE: writes.
CREATE FUNCTION grid.key_person_facts_refresh(residents grid.resident_id[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- not in a transaction that writes reports (the ingestion's fever rule
    -- opens entries in the statement that stores them): it holds or will
    -- hold these locks shared, and two such transactions waiting for each
    -- other's would deadlock
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_locks l
                    WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation'
                      AND l.relation = 'grid.health_report'::pg_catalog.regclass AND l.mode = 'RowExclusiveLock') THEN
        PERFORM grid.key_person_lock(ARRAY(SELECT grid.key_person_bucket(r) FROM pg_catalog.unnest(residents) r), true);
    END IF;
    PERFORM FROM grid.resident r WHERE r.id OPERATOR(grid.=) ANY (residents) ORDER BY r.id FOR SHARE;
    DELETE FROM grid.key_person_resident p WHERE p.resident_id OPERATOR(grid.=) ANY (residents);
    -- a transaction opening another first entry of the resident at once
    -- writes the same rows: it waits for this one, then writes them again
    INSERT INTO grid.key_person_resident AS p
    SELECT r.id, r.place, r.division, r.name, r.cell
      FROM grid.resident r
     WHERE r.id OPERATOR(grid.=) ANY (residents)
       AND EXISTS (SELECT FROM grid.key_person k WHERE k.resident_id OPERATOR(grid.=) r.id)
     ORDER BY r.id
    ON CONFLICT (resident_id) DO UPDATE
       SET place = excluded.place, division = excluded.division, name = excluded.name, cell = excluded.cell;
    DELETE FROM grid.key_person_reading h WHERE h.resident_id OPERATOR(grid.=) ANY (residents);
    INSERT INTO grid.key_person_reading AS h
    SELECT * FROM grid.key_person_reading_recount(residents) ORDER BY 1, 2, 3
    ON CONFLICT (resident_id, place, day) DO UPDATE
       SET reported_at = excluded.reported_at, channel = excluded.channel, temperature = excluded.temperature;
END
$$;
COMMENT ON FUNCTION grid.key_person_facts_refresh(grid.resident_id[]) IS
    'recounts grid.key_person_resident and grid.key_person_reading for the residents given (none kept for one without a key-person entry); called by the fact triggers, not directly';
REVOKE EXECUTE ON FUNCTION grid.key_person_facts_refresh(grid.resident_id[]) FROM PUBLIC;

-- Reports inserted: each key person's latest report of the statement per
-- day and place becomes the day's reading there if it is later.  Reports
-- updated or deleted: the key persons' days they touched are recounted.
-- Which residents have an entry is read after the lock of their bucket
-- (grid.key_person_lock, shared): an entry being opened or deleted for
-- one of them commits first.
-- SECURITY DEFINER: the facts are written whatever the writer may see; the
-- reports are the writer's (row-level security on grid.health_report), so
-- nothing outside its scope changes.
CREATE FUNCTION grid.key_person_reading_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[]; places grid.division_code[]; days date[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM grid.key_person_lock(ARRAY(SELECT DISTINCT grid.key_person_bucket(a.resident_id) FROM reports_new a), false);
        INSERT INTO grid.key_person_reading AS f (resident_id, place, day, reported_at, channel, temperature)
        SELECT DISTINCT ON (a.resident_id, a.place, grid.report_day(a.reported_at))
               a.resident_id, a.place, grid.report_day(a.reported_at), a.reported_at, a.channel, a.temperature
          FROM reports_new a
         WHERE a.resident_id OPERATOR(grid.=) ANY (SELECT k.resident_id FROM grid.key_person k)
         ORDER BY a.resident_id, a.place, grid.report_day(a.reported_at), a.reported_at DESC, a.channel,
                  a.temperature DESC NULLS LAST
        ON CONFLICT (resident_id, place, day) DO UPDATE
           SET reported_at = excluded.reported_at, channel = excluded.channel, temperature = excluded.temperature
         WHERE excluded.reported_at > f.reported_at
            OR (excluded.reported_at = f.reported_at
                AND (excluded.channel < f.channel
                     OR (excluded.channel = f.channel AND excluded.temperature > coalesce(f.temperature, 0))));
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM grid.key_person_lock(ARRAY(SELECT DISTINCT grid.key_person_bucket(o.resident_id) FROM reports_old o), false);
        SELECT array_agg(k.resident_id ORDER BY k.resident_id, k.place, k.day), array_agg(k.place ORDER BY k.resident_id, k.place, k.day),
               array_agg(k.day ORDER BY k.resident_id, k.place, k.day)
          INTO ids, places, days
          FROM (SELECT DISTINCT o.resident_id, o.place, grid.report_day(o.reported_at) AS day FROM reports_old o) k
         WHERE k.resident_id OPERATOR(grid.=) ANY (SELECT e.resident_id FROM grid.key_person e);
    ELSE
        PERFORM grid.key_person_lock(ARRAY(SELECT grid.key_person_bucket(o.resident_id) FROM reports_old o
                                           UNION SELECT grid.key_person_bucket(n.resident_id) FROM reports_new n), false);
        SELECT array_agg(k.resident_id ORDER BY k.resident_id, k.place, k.day), array_agg(k.place ORDER BY k.resident_id, k.place, k.day),
               array_agg(k.day ORDER BY k.resident_id, k.place, k.day)
          INTO ids, places, days
          FROM (SELECT o.resident_id, o.place, grid.report_day(o.reported_at) AS day FROM reports_old o
                UNION
                SELECT n.resident_id, n.place, grid.report_day(n.reported_at) FROM reports_new n) k
         WHERE k.resident_id OPERATOR(grid.=) ANY (SELECT e.resident_id FROM grid.key_person e);
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    DELETE FROM grid.key_person_reading f
     USING ROWS FROM (unnest(ids), unnest(places), unnest(days)) k(resident_id, place, day)
     WHERE f.resident_id OPERATOR(grid.=) k.resident_id AND f.place OPERATOR(grid.=) k.place AND f.day = k.day;
    INSERT INTO grid.key_person_reading (resident_id, place, day, reported_at, channel, temperature)
    SELECT DISTINCT ON (k.resident_id, k.place, k.day) k.resident_id, k.place, k.day, h.reported_at, h.channel, h.temperature
      FROM ROWS FROM (unnest(ids), unnest(places), unnest(days)) k(resident_id, place, day)
      JOIN grid.health_report h ON h.resident_id OPERATOR(grid.=) k.resident_id AND h.place OPERATOR(grid.=) k.place
                               AND h.reported_at >= grid.report_day_start(k.day)
                               AND h.reported_at < grid.report_day_start(k.day + 1)
     ORDER BY k.resident_id, k.place, k.day, h.reported_at DESC, h.channel, h.temperature DESC NULLS LAST;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.key_person_reading_follow() IS
    'trigger: reports of residents with a key-person entry inserted, corrected, moved or deleted change their day''s reading in grid.key_person_reading';
CREATE TRIGGER key_person_reading_insert AFTER INSERT ON grid.health_report
    REFERENCING NEW TABLE AS reports_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_reading_follow();
CREATE TRIGGER key_person_reading_update AFTER UPDATE ON grid.health_report
    REFERENCING OLD TABLE AS reports_old NEW TABLE AS reports_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_reading_follow();
CREATE TRIGGER key_person_reading_delete AFTER DELETE ON grid.health_report
    REFERENCING OLD TABLE AS reports_old FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_reading_follow();
COMMENT ON TRIGGER key_person_reading_insert ON grid.health_report IS 'key persons'' reports are kept as their day''s reading (grid.key_person_reading_follow)';
COMMENT ON TRIGGER key_person_reading_update ON grid.health_report IS 'key persons'' reports corrected or moved are recounted (grid.key_person_reading_follow)';
COMMENT ON TRIGGER key_person_reading_delete ON grid.health_report IS 'key persons'' reports deleted are recounted (grid.key_person_reading_follow)';

-- Entries opened for residents who had none, or the last of a resident's
-- deleted (or moved to another resident): the residents' facts are
-- recounted.  Entries closed or moved with their resident change nothing
-- here.  Whether an entry is a resident's first or last is read after the
-- entries' lock of his bucket (grid.key_person_lock), so that other
-- writers of his entries have committed.  SECURITY DEFINER: as
-- grid.key_person_reading_follow.
CREATE FUNCTION grid.key_person_entries_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids grid.resident_id[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- shared: entries opened at once need not wait for each other
        -- (both first: both recount), only for a deletion
        PERFORM grid.key_person_lock(ARRAY(SELECT 64 + grid.key_person_bucket(n.resident_id) FROM key_persons_new n), false);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM grid.key_person_lock(ARRAY(SELECT 64 + grid.key_person_bucket(o.resident_id) FROM key_persons_old o), true);
    ELSE
        -- only entries given to another resident (a close changes nothing here)
        PERFORM grid.key_person_lock(ARRAY(
            SELECT 64 + grid.key_person_bucket(o.resident_id) FROM key_persons_old o
             WHERE NOT EXISTS (SELECT FROM key_persons_new n WHERE n.id = o.id AND n.resident_id OPERATOR(grid.=) o.resident_id)
            UNION
            SELECT 64 + grid.key_person_bucket(n.resident_id) FROM key_persons_new n
             WHERE NOT EXISTS (SELECT FROM key_persons_old o WHERE o.id = n.id AND o.resident_id OPERATOR(grid.=) n.resident_id)), true);
    END IF;
    IF TG_OP = 'INSERT' THEN
        -- residents all of whose entries are new
        SELECT array_agg(n.resident_id ORDER BY n.resident_id) INTO ids
          FROM (SELECT n.resident_id, count(*) AS c FROM key_persons_new n GROUP BY n.resident_id) n
         WHERE (SELECT count(*) FROM grid.key_person k WHERE k.resident_id OPERATOR(grid.=) n.resident_id) = n.c;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT o.resident_id) INTO ids
          FROM key_persons_old o
         WHERE NOT EXISTS (SELECT FROM grid.key_person k WHERE k.resident_id OPERATOR(grid.=) o.resident_id);
    ELSE
        -- an entry given to another resident: both recounted
        SELECT array_agg(DISTINCT x.resident_id) INTO ids
          FROM (SELECT o.resident_id FROM key_persons_old o
                 WHERE NOT EXISTS (SELECT FROM key_persons_new n WHERE n.id = o.id AND n.resident_id OPERATOR(grid.=) o.resident_id)
                UNION ALL
                SELECT n.resident_id FROM key_persons_new n
                 WHERE NOT EXISTS (SELECT FROM key_persons_old o WHERE o.id = n.id AND o.resident_id OPERATOR(grid.=) n.resident_id)) x;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM grid.key_person_facts_refresh(ids);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.key_person_entries_follow() IS
    'trigger: residents given their first key-person entry, or losing their last, have their facts (grid.key_person_resident, grid.key_person_reading) recounted';
CREATE TRIGGER key_person_entries_insert AFTER INSERT ON grid.key_person
    REFERENCING NEW TABLE AS key_persons_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_entries_follow();
CREATE TRIGGER key_person_entries_update AFTER UPDATE ON grid.key_person
    REFERENCING OLD TABLE AS key_persons_old NEW TABLE AS key_persons_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_entries_follow();
CREATE TRIGGER key_person_entries_delete AFTER DELETE ON grid.key_person
    REFERENCING OLD TABLE AS key_persons_old FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_entries_follow();
COMMENT ON TRIGGER key_person_entries_insert ON grid.key_person IS 'a resident''s first entry brings their facts (grid.key_person_entries_follow)';
COMMENT ON TRIGGER key_person_entries_update ON grid.key_person IS 'an entry given to another resident moves the facts (grid.key_person_entries_follow)';
COMMENT ON TRIGGER key_person_entries_delete ON grid.key_person IS 'a resident''s last entry deleted takes their facts (grid.key_person_entries_follow)';

-- Residents with an entry registered, renamed, moved, given another cell
-- or deleted: their copied row follows.  SECURITY DEFINER: the writer's
-- rows are the residents it may change (row-level security on
-- grid.resident).
CREATE FUNCTION grid.key_person_resident_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM grid.key_person_resident p USING residents_old o WHERE p.resident_id OPERATOR(grid.=) o.id;
        RETURN NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        -- rows that changed what is copied (or their ID) go, and come back below
        DELETE FROM grid.key_person_resident p
         USING residents_old o
         WHERE p.resident_id OPERATOR(grid.=) o.id
           AND NOT EXISTS (SELECT FROM residents_new n
                            WHERE n.id OPERATOR(grid.=) p.resident_id AND n.name = p.name
                              AND n.cell IS NOT DISTINCT FROM p.cell AND n.division OPERATOR(grid.=) p.division
                              AND n.place OPERATOR(grid.=) p.place);
    END IF;
    INSERT INTO grid.key_person_resident AS p (resident_id, place, division, name, cell)
    SELECT n.id, n.place, n.division, n.name, n.cell
      FROM residents_new n
     WHERE n.id OPERATOR(grid.=) ANY (SELECT k.resident_id FROM grid.key_person k)
     ORDER BY n.id
    ON CONFLICT (resident_id) DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.key_person_resident_follow() IS
    'trigger: residents with a key-person entry registered, renamed, moved or deleted change grid.key_person_resident';
CREATE TRIGGER key_person_resident_insert AFTER INSERT ON grid.resident
    REFERENCING NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_resident_follow();
CREATE TRIGGER key_person_resident_update AFTER UPDATE ON grid.resident
    REFERENCING OLD TABLE AS residents_old NEW TABLE AS residents_new FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_resident_follow();
CREATE TRIGGER key_person_resident_delete AFTER DELETE ON grid.resident
    REFERENCING OLD TABLE AS residents_old FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_resident_follow();
COMMENT ON TRIGGER key_person_resident_insert ON grid.resident IS 'a key person registered after their entry is copied (grid.key_person_resident_follow)';
COMMENT ON TRIGGER key_person_resident_update ON grid.resident IS 'a key person renamed or moved is copied again (grid.key_person_resident_follow)';
COMMENT ON TRIGGER key_person_resident_delete ON grid.resident IS 'a key person deleted from the registry leaves the copy (grid.key_person_resident_follow)';

-- TRUNCATE (administrators only) skips the triggers above: the facts are
-- recounted.  VOLATILE.
CREATE FUNCTION grid.key_person_facts_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM grid.key_person_resident;
    DELETE FROM grid.key_person_reading;
    INSERT INTO grid.key_person_resident SELECT * FROM grid.key_person_resident_recount();
    INSERT INTO grid.key_person_reading SELECT * FROM grid.key_person_reading_recount();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.key_person_facts_truncate() IS
    'trigger: recounts grid.key_person_resident and grid.key_person_reading when grid.resident, grid.health_report or grid.key_person is truncated';
CREATE TRIGGER key_person_facts_truncate AFTER TRUNCATE ON grid.resident
    FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_facts_truncate();
CREATE TRIGGER key_person_facts_truncate AFTER TRUNCATE ON grid.health_report
    FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_facts_truncate();
CREATE TRIGGER key_person_facts_truncate AFTER TRUNCATE ON grid.key_person
    FOR EACH STATEMENT EXECUTE FUNCTION grid.key_person_facts_truncate();
COMMENT ON TRIGGER key_person_facts_truncate ON grid.resident IS 'recounts the key-person list''s facts (grid.key_person_facts_truncate)';
COMMENT ON TRIGGER key_person_facts_truncate ON grid.health_report IS 'recounts the key-person list''s facts (grid.key_person_facts_truncate)';
COMMENT ON TRIGGER key_person_facts_truncate ON grid.key_person IS 'recounts the key-person list''s facts (grid.key_person_facts_truncate)';

-- The key persons of a report: those under observation on the day or
-- closed on it, with their cell and name from the registry, each looked up
-- by ID (a city has some 40,000 key persons among 4 million residents; a
-- join would read every resident).  STABLE.
CREATE FUNCTION grid.report_key_person_rows(day date, division grid.division_code)
    RETURNS TABLE (division grid.division_code, cell grid.division_code, resident_id grid.resident_id, name text,
                   category text, period_start date, period_end date, status text, closed_at timestamptz)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT k.division, c.cell, k.resident_id,
       (SELECT r.name FROM grid.resident r WHERE r.id OPERATOR(grid.=) k.resident_id),
       k.category, k.period_start, k.period_end, k.status, k.closed_at
  FROM grid.key_person k
 CROSS JOIN LATERAL (SELECT (SELECT grid.report_cell(r.cell, k.division) FROM grid.resident r
                              WHERE r.id OPERATOR(grid.=) k.resident_id) AS cell) c
 WHERE k.period_start <= report_key_person_rows.day
   AND (k.closed_at IS NULL OR k.closed_at >= grid.report_day_start(report_key_person_rows.day))
   AND grid.report_covers(grid.report_village_scope(report_key_person_rows.division), k.division)
   AND grid.report_covers(report_key_person_rows.division, coalesce(c.cell, k.division))
$$;
COMMENT ON FUNCTION grid.report_key_person_rows(date, grid.division_code) IS
    'the key persons grid.report_key_persons and grid.report_key_person_counts report on: under observation on the day or closed on it, in the division (NULL: all the caller sees), with cell and name from the registry. STABLE: reads tables';

-- 重点人员报表.  The entries listed as grid.report_key_person_rows lists
-- them, each with its resident's name and cell from grid.key_person_resident
-- and the latest reading up to the end of the day from
-- grid.key_person_reading (one probe of its index): a few megabytes kept
-- for the key persons, never the registry or the report history.  STABLE:
-- reads tables.
CREATE FUNCTION grid.report_key_persons(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, cell grid.division_code,
                   resident text, name text, category text, since date, period_end date, days_left integer,
                   latest_temperature numeric, latest_channel text, latest_at timestamptz,
                   new_today boolean, released_today boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH k AS (
    SELECT k.division, c.cell, k.resident_id, p.name, k.category, k.period_start, k.period_end, k.status, k.closed_at,
           l.temperature, l.channel, l.reported_at
      FROM grid.key_person k
      LEFT JOIN grid.key_person_resident p ON p.resident_id OPERATOR(grid.=) k.resident_id
     CROSS JOIN LATERAL (SELECT grid.report_cell(p.cell, k.division) AS cell) c
      LEFT JOIN LATERAL (
            SELECT h.temperature, h.channel, h.reported_at FROM grid.key_person_reading h
             WHERE h.resident_id OPERATOR(grid.=) k.resident_id
               AND h.reported_at < grid.report_day_start(report_key_persons.day + 1)
             ORDER BY h.reported_at DESC, h.channel, h.temperature DESC NULLS LAST LIMIT 1) l ON true
     WHERE k.period_start <= report_key_persons.day
       AND (k.closed_at IS NULL OR k.closed_at >= grid.report_day_start(report_key_persons.day))
       AND grid.report_covers(grid.report_village_scope(report_key_persons.division), k.division)
       AND grid.report_covers(report_key_persons.division, coalesce(c.cell, k.division))
)
SELECT report_key_persons.day, k.division, v.name, k.cell,
       -- grid.show_id of the resident's place, with the caller's scopes read once
       CASE WHEN (SELECT grid.is_admin())
                 OR coalesce(k.cell, k.division) OPERATOR(grid.<@) ANY ((SELECT grid.identifier_scopes())::grid.division_code[])
            THEN k.resident_id::text ELSE grid.mask(k.resident_id) END, k.name,
       grid.report_label('category', k.category), k.period_start, k.period_end,
       CASE WHEN k.period_end IS NOT NULL THEN GREATEST(k.period_end - report_key_persons.day, 0) END,
       k.temperature, ch.label, k.reported_at,
       k.period_start = report_key_persons.day,
       k.status = 'released' AND grid.report_day(k.closed_at) = report_key_persons.day
  FROM k LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) k.division
  LEFT JOIN grid.channel ch ON ch.code = k.channel   -- grid.report_label('channel', ...), joined once
 ORDER BY k.division, k.category, k.period_start, k.resident_id
$$;
COMMENT ON FUNCTION grid.report_key_persons(date, grid.division_code) IS
    '重点人员报表: every key-person entry under observation that day (begun on or before it, not closed before it), by village: resident (ID as the caller may see it), name, category in Chinese, since, end, days left, latest temperature and channel up to the end of the day (of reports at one instant, the first channel by name, then the highest temperature), new today (begun that day), released today. Reads the entries and the facts kept for them (grid.key_person_resident, grid.key_person_reading), never the registry or the report history. STABLE: reads tables';

-- Counts of the key-person report per village and category.  STABLE.
CREATE FUNCTION grid.report_key_person_counts(day date DEFAULT grid.report_today(),
                                              division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, category text,
                   under_observation bigint, new_today bigint, released_today bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT report_key_person_counts.day, c.division, v.name, grid.report_label('category', c.category),
       c.under_observation, c.new_today, c.released_today
  FROM (-- a village or above (or all): from the facts (grid.key_person_day),
        -- entries listed on the day being those begun up to it less those
        -- ended up to it (totals on day infinity less the days after)
        SELECT f.division, f.category, f.listed - f.released_today AS under_observation, f.new_today, f.released_today
          FROM (SELECT f.division, f.category,
                       pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.begun - f.ended
                                           WHEN f.day > report_key_person_counts.day THEN f.ended - f.begun
                                           ELSE 0 END) AS listed,
                       coalesce(pg_catalog.sum(f.begun) FILTER (WHERE f.day = report_key_person_counts.day), 0)
                           AS new_today,
                       coalesce(pg_catalog.sum(f.released) FILTER (WHERE f.day = report_key_person_counts.day), 0)
                           AS released_today
                  FROM grid.key_person_day f
                 WHERE f.day >= report_key_person_counts.day
                   AND grid.level(report_key_person_counts.division) IS DISTINCT FROM 'grid'
                   AND grid.report_covers(report_key_person_counts.division, f.division)
                 GROUP BY f.division, f.category) f
         WHERE f.listed > 0
        UNION ALL
        -- a grid cell: from its entries, the cell read from the registry
        SELECT k.division, k.category,
               pg_catalog.count(*) FILTER (WHERE NOT k.released_today) AS under_observation,
               pg_catalog.count(*) FILTER (WHERE k.period_start = report_key_person_counts.day) AS new_today,
               pg_catalog.count(*) FILTER (WHERE k.released_today) AS released_today
          FROM (SELECT r.division, r.category, r.period_start,
                       r.status = 'released' AND grid.report_day(r.closed_at) = report_key_person_counts.day
                           AS released_today
                  FROM grid.report_key_person_rows(report_key_person_counts.day, report_key_person_counts.division) r
                 WHERE grid.level(report_key_person_counts.division) = 'grid') k
         GROUP BY k.division, k.category) c
  LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) c.division   -- grid.division_name, joined once
 ORDER BY c.division, grid.report_label('category', c.category)
$$;
COMMENT ON FUNCTION grid.report_key_person_counts(date, grid.division_code) IS
    '重点人员汇总: per village and category, how many are under observation at the end of the day, new today and released today. Read from the facts (grid.key_person_day): a few rows per village and category whatever the number of entries or days; for a grid cell, from its entries. STABLE: reads tables';

-- ------------------------------------------------------------ returnees

-- The roll-up rows of a village-level report: the code, name and parent of
-- a row at a level, from its ancestors.  A row whose code is NULL holds
-- rows registered above that level (未落实到村).  STABLE: reads
-- grid.division.
CREATE FUNCTION grid.report_rollup_row(level text, city grid.division_code, county grid.division_code,
                                       township grid.division_code, village grid.division_code)
    RETURNS TABLE (division grid.division_code, name text, parent grid.division_code)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT x.d, coalesce(v.name, CASE WHEN x.d IS NULL THEN '未落实到' || grid.report_label('level', report_rollup_row.level) END), x.p
  FROM (SELECT CASE level WHEN 'village' THEN village WHEN 'township' THEN township
                          WHEN 'county' THEN county ELSE city END AS d,
               CASE level WHEN 'village' THEN township WHEN 'township' THEN county
                          WHEN 'county' THEN city END AS p) x
  LEFT JOIN grid.division v ON v.code OPERATOR(grid.=) x.d   -- grid.division_name
$$;
COMMENT ON FUNCTION grid.report_rollup_row(text, grid.division_code, grid.division_code, grid.division_code, grid.division_code) IS
    'for a roll-up row at a level (village, township, county, city) with its ancestors: its division, name and parent; NULL division named 未落实到… for rows registered above that level. STABLE: reads grid.division';

-- 返乡人员日报.  STABLE: reads tables and a setting.
CREATE FUNCTION grid.report_returnees(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, new_today bigint, new_from_epicentre bigint,
                   under_observation bigint, ending_today bigint, total bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per division from the facts (grid.village_day): the days of
    -- the observation period, and the total (day infinity) less the days
    -- after the day
    SELECT u.* FROM (
        SELECT f.division,
               coalesce(pg_catalog.sum(f.returnees) FILTER (WHERE f.day = report_returnees.day), 0) AS new_today,
               coalesce(pg_catalog.sum(f.returnees_from_epicentre) FILTER (WHERE f.day = report_returnees.day), 0)
                   AS new_from_epicentre,
               coalesce(pg_catalog.sum(f.returnees) FILTER (WHERE f.day <= report_returnees.day), 0) AS under_observation,
               coalesce(pg_catalog.sum(f.returnees)
                                       FILTER (WHERE f.day = report_returnees.day - grid.observation_days()), 0) AS ending_today,
               pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.returnees WHEN f.day > report_returnees.day THEN -f.returnees
                                   ELSE 0 END) AS total
          FROM grid.village_day f
         WHERE f.day >= report_returnees.day - grid.observation_days()
           AND grid.report_covers(grid.report_village_scope(report_returnees.division), f.division)
         GROUP BY f.division) u
     WHERE u.total <> 0
), r AS (
    SELECT grid.ancestor(u.division, 'city') AS city, grid.ancestor(u.division, 'county') AS county,
           grid.ancestor(u.division, 'township') AS township, grid.ancestor(u.division, 'village') AS village, u.*
      FROM unit u
), g AS (
    SELECT CASE WHEN GROUPING(r.village) = 0 THEN 'village' WHEN GROUPING(r.township) = 0 THEN 'township'
                WHEN GROUPING(r.county) = 0 THEN 'county' ELSE 'city' END AS level,
           r.city, r.county, r.township, r.village,
           pg_catalog.sum(r.new_today)::bigint AS new_today,
           pg_catalog.sum(r.new_from_epicentre)::bigint AS new_from_epicentre,
           pg_catalog.sum(r.under_observation)::bigint AS under_observation,
           pg_catalog.sum(r.ending_today)::bigint AS ending_today,
           pg_catalog.sum(r.total)::bigint AS total
      FROM r
     GROUP BY GROUPING SETS ((r.city), (r.city, r.county), (r.city, r.county, r.township),
                             (r.city, r.county, r.township, r.village))
)
SELECT report_returnees.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.new_today, g.new_from_epicentre, g.under_observation, g.ending_today, g.total
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;
COMMENT ON FUNCTION grid.report_returnees(date, grid.division_code) IS
    '返乡人员日报, for each village, township, county and the city: returnees arrived that day, of them from the epicentre (grid.epicentre()), under observation (arrived within grid.observation_days before the day, the day of arrival plus that many days), whose observation ends that day (arrival + grid.observation_days), and all arrived up to the day. Each level is the sum of its children. Read from the facts (grid.village_day): a few rows per division, whatever the number of returnees or days. STABLE: reads tables and a setting';

-- --------------------------------------------------------------- screening

-- 排查汇总.  STABLE: reads tables.
CREATE FUNCTION grid.report_screening(day date DEFAULT grid.report_today(),
                                      division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, level text, level_name text, division grid.division_code, name text,
                   parent grid.division_code, households bigint, persons bigint,
                   returnees_from_epicentre bigint, vehicles_from_epicentre bigint, in_transit bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH unit AS (
    -- one row per division from the facts (grid.village_day): a figure up
    -- to the day is the total (day infinity) less the days after it
    SELECT u.division, u.households, u.persons, u.returnees, u.vehicles, u.in_transit
      FROM (SELECT f.division,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.households ELSE -f.households END) AS households,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.screened ELSE -f.screened END) AS persons,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.returnees_from_epicentre
                                       ELSE -f.returnees_from_epicentre END) AS returnees,
                   pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.vehicles_from_epicentre
                                       ELSE -f.vehicles_from_epicentre END) AS vehicles,
                   pg_catalog.sum(f.in_transit) AS in_transit
              FROM grid.village_day f
             WHERE f.day > report_screening.day
               AND grid.report_covers(grid.report_village_scope(report_screening.division), f.division)
             GROUP BY f.division) u
     -- a division counts when it has screened residents, returnees from
     -- the epicentre or residents in transit
     WHERE u.persons <> 0 OR u.returnees <> 0 OR u.in_transit <> 0
    UNION ALL
    -- residents and households screened are facts of a village: a caller
    -- who sees some of a village's cells but not the village counts them
    -- from its residents (the places it sees, by the index on place)
    -- (the places listed first, once: for a caller who sees whole
    -- villages none, and no resident is read)
    SELECT r.division, pg_catalog.count(DISTINCT r.household_id), pg_catalog.count(*), 0, 0, 0
      FROM grid.resident r
     WHERE r.place OPERATOR(grid.=) ANY ((SELECT pg_catalog.array_agg(p.place) FROM grid.cell_fact p
                                           WHERE NOT p.division OPERATOR(grid.<@) ANY ((SELECT grid.current_scopes())::grid.division_code[])
                                             AND grid.report_covers(grid.report_village_scope(report_screening.division), p.division)
                                         )::grid.division_code[])
       AND r.status IN ('resident', 'temporary')
       AND EXISTS (SELECT FROM grid.health_day d
                    WHERE d.resident_id OPERATOR(grid.=) r.id AND d.division OPERATOR(grid.=) r.division
                      AND d.day <= report_screening.day)
     GROUP BY r.division
), g AS (
    SELECT CASE WHEN GROUPING(u.village) = 0 THEN 'village' WHEN GROUPING(u.township) = 0 THEN 'township'
                WHEN GROUPING(u.county) = 0 THEN 'county' ELSE 'city' END AS level,
           u.city, u.county, u.township, u.village,
           pg_catalog.sum(u.households)::bigint AS households, pg_catalog.sum(u.persons)::bigint AS persons,
           pg_catalog.sum(u.returnees)::bigint AS returnees, pg_catalog.sum(u.vehicles)::bigint AS vehicles,
           pg_catalog.sum(u.in_transit)::bigint AS in_transit
      FROM (SELECT grid.ancestor(unit.division, 'city') AS city, grid.ancestor(unit.division, 'county') AS county,
                   grid.ancestor(unit.division, 'township') AS township, grid.ancestor(unit.division, 'village') AS village,
                   unit.households, unit.persons, unit.returnees, unit.vehicles, unit.in_transit
              FROM unit) u
     GROUP BY GROUPING SETS ((u.city), (u.city, u.county), (u.city, u.county, u.township),
                             (u.city, u.county, u.township, u.village))
)
SELECT report_screening.day, g.level, grid.report_label('level', g.level), x.division, x.name, x.parent,
       g.households, g.persons, g.returnees, g.vehicles, g.in_transit
  FROM g CROSS JOIN LATERAL grid.report_rollup_row(g.level, g.city, g.county, g.township, g.village) x
 ORDER BY coalesce(x.division, grid.subtree_last(x.parent)), g.level DESC
$$;
COMMENT ON FUNCTION grid.report_screening(date, grid.division_code) IS
    '排查汇总 (as Yidu''s: households, people, returnees and vehicles from Wuhan), for each village, township, county and the city, up to the end of the day: households with a screened member, residents screened (at least one health report from any channel, a grid worker''s door-to-door report included), returnees from the epicentre, and of them those who came by a registered vehicle, and people in transit (residents registered away from home, status away, as the registry is now). Households count in their members'' village. Each level is the sum of its children. Read from the facts (grid.village_day): a few rows per village, whatever the number of residents or days. STABLE: reads tables';

-- ------------------------------------------------------------- checkpoints

-- Facts per checkpoint and day: the checkpoint report reads these rows
-- (a few per checkpoint) instead of the day's passages, which an index on
-- the checkpoint alone would read with every day before.  Fevers depend on
-- grid.fever_threshold, read when the report runs (37.0 to 38.5), so the
-- passages at 37.0 or more are counted per temperature and those below (or
-- without a reading) together under temperature 0.
CREATE TABLE grid.checkpoint_day (
    day                     date NOT NULL,
    checkpoint_id           bigint NOT NULL,
    division                grid.division_code NOT NULL,
    temperature             numeric NOT NULL,
    passages                integer NOT NULL,
    entering                integer NOT NULL,
    leaving                 integer NOT NULL,
    people                  integer NOT NULL,
    vehicles                integer NOT NULL,
    vehicles_from_epicentre integer NOT NULL,
    without_pass            integer NOT NULL,
    turned_back             integer NOT NULL,
    slot                    smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7),
    PRIMARY KEY (day, checkpoint_id, division, temperature, slot)
);
COMMENT ON TABLE grid.checkpoint_day IS
    'facts per checkpoint, division and China calendar day that the checkpoint report reads, by temperature from 37.0 up (so that fevers are counted at grid.fever_threshold when the report runs); kept by triggers on grid.checkpoint_passage, recounted by grid.rebuild_facts()';
COMMENT ON COLUMN grid.checkpoint_day.day IS 'the calendar day in China time of the passages';
COMMENT ON COLUMN grid.checkpoint_day.checkpoint_id IS 'the checkpoint';
COMMENT ON COLUMN grid.checkpoint_day.division IS 'the passages'' division (the division that runs the checkpoint); row-level security tests it';
COMMENT ON COLUMN grid.checkpoint_day.temperature IS 'the passages'' temperature when 37.0 or more; 0 for those below 37.0 or without a reading (never a fever)';
COMMENT ON COLUMN grid.checkpoint_day.passages IS 'passages';
COMMENT ON COLUMN grid.checkpoint_day.entering IS 'of them, entering';
COMMENT ON COLUMN grid.checkpoint_day.leaving IS 'of them, leaving';
COMMENT ON COLUMN grid.checkpoint_day.people IS 'of them, of a person';
COMMENT ON COLUMN grid.checkpoint_day.vehicles IS 'of them, of a vehicle';
COMMENT ON COLUMN grid.checkpoint_day.vehicles_from_epicentre IS 'of those, from the epicentre';
COMMENT ON COLUMN grid.checkpoint_day.without_pass IS 'of a person without a checked pass';
COMMENT ON COLUMN grid.checkpoint_day.turned_back IS 'turned back';
COMMENT ON COLUMN grid.checkpoint_day.slot IS 'which of up to eight rows (grid.fact_slot); the figures are the sum of the slots';
SELECT grid.enable_access('grid.checkpoint_day');
CREATE TRIGGER fact_writers BEFORE INSERT OR UPDATE OR DELETE ON grid.checkpoint_day
    FOR EACH STATEMENT EXECUTE FUNCTION grid.fact_writers();
COMMENT ON TRIGGER fact_writers ON grid.checkpoint_day IS 'only the maintenance triggers write grid.checkpoint_day';

-- The counts of passages, one row per day, checkpoint, division and
-- temperature (as grid.checkpoint_day keeps them), each passage counted
-- with the sign given.  STABLE: reads the clock's zone (grid.report_day).
CREATE FUNCTION grid.checkpoint_day_count(passed_at timestamptz[], checkpoint_id bigint[], division grid.division_code[],
                                          temperature numeric[], direction text[], person text[], vehicle_plate text[],
                                          from_epicentre boolean[], pass_checked boolean[], turned_back boolean[],
                                          sign integer)
    RETURNS TABLE (day date, checkpoint_id bigint, division grid.division_code, temperature numeric,
                   passages integer, entering integer, leaving integer, people integer, vehicles integer,
                   vehicles_from_epicentre integer, without_pass integer, turned_back integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT grid.report_day(p.passed_at), p.checkpoint_id, p.division,
       CASE WHEN p.temperature >= 37.0 THEN p.temperature ELSE 0 END,
       sign * count(*)::integer, sign * count(*) FILTER (WHERE p.direction = 'in')::integer,
       sign * count(*) FILTER (WHERE p.direction = 'out')::integer,
       sign * count(*) FILTER (WHERE p.person IS NOT NULL)::integer,
       sign * count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL)::integer,
       sign * count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL AND p.from_epicentre)::integer,
       sign * count(*) FILTER (WHERE p.person IS NOT NULL AND NOT p.pass_checked)::integer,
       sign * count(*) FILTER (WHERE p.turned_back)::integer
  FROM ROWS FROM (unnest(passed_at), unnest(checkpoint_id), unnest(division), unnest(temperature), unnest(direction),
                  unnest(person), unnest(vehicle_plate), unnest(from_epicentre), unnest(pass_checked), unnest(turned_back))
       p(passed_at, checkpoint_id, division, temperature, direction, person, vehicle_plate, from_epicentre, pass_checked,
         turned_back)
 GROUP BY 1, 2, 3, 4
$$;
COMMENT ON FUNCTION grid.checkpoint_day_count(timestamptz[], bigint[], grid.division_code[], numeric[], text[], text[], text[], boolean[], boolean[], boolean[], integer) IS
    'passages (given column by column) counted as grid.checkpoint_day keeps them, one row per day, checkpoint, division and temperature, times sign; for the fact triggers. STABLE: reads the time zone rule of grid.report_day';

-- Passages stored, corrected or deleted.  SECURITY DEFINER: as
-- grid.returnee_fact_follow (the writer's rows are its own, under
-- row-level security on grid.checkpoint_passage; the facts are written
-- whatever it may see).
CREATE FUNCTION grid.checkpoint_fact_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s constant smallint := grid.fact_slot();
    changes jsonb := '[]';
    part jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT jsonb_agg(c) INTO part
          FROM (SELECT (grid.checkpoint_day_count(array_agg(o.passed_at), array_agg(o.checkpoint_id), array_agg(o.division),
                                                  array_agg(o.temperature), array_agg(o.direction), array_agg(o.person),
                                                  array_agg(o.vehicle_plate), array_agg(o.from_epicentre),
                                                  array_agg(o.pass_checked), array_agg(o.turned_back), -1)).*
                  FROM passages_old o) c;
        changes := changes || coalesce(part, '[]');
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT jsonb_agg(c) INTO part
          FROM (SELECT (grid.checkpoint_day_count(array_agg(n.passed_at), array_agg(n.checkpoint_id), array_agg(n.division),
                                                  array_agg(n.temperature), array_agg(n.direction), array_agg(n.person),
                                                  array_agg(n.vehicle_plate), array_agg(n.from_epicentre),
                                                  array_agg(n.pass_checked), array_agg(n.turned_back), 1)).*
                  FROM passages_new n) c;
        changes := changes || coalesce(part, '[]');
    END IF;
    INSERT INTO grid.checkpoint_day AS f (day, checkpoint_id, division, temperature, passages, entering, leaving, people,
                                          vehicles, vehicles_from_epicentre, without_pass, turned_back, slot)
    SELECT c.day, c.checkpoint_id, c.division, c.temperature, sum(c.passages), sum(c.entering), sum(c.leaving),
           sum(c.people), sum(c.vehicles), sum(c.vehicles_from_epicentre), sum(c.without_pass), sum(c.turned_back), s
      FROM jsonb_to_recordset(changes)
           AS c(day date, checkpoint_id bigint, division grid.division_code, temperature numeric, passages integer,
                entering integer, leaving integer, people integer, vehicles integer, vehicles_from_epicentre integer,
                without_pass integer, turned_back integer)
     GROUP BY c.day, c.checkpoint_id, c.division, c.temperature
    HAVING (sum(c.passages), sum(c.entering), sum(c.leaving), sum(c.people), sum(c.vehicles),
            sum(c.vehicles_from_epicentre), sum(c.without_pass), sum(c.turned_back)) <> (0, 0, 0, 0, 0, 0, 0, 0)
     ORDER BY c.day, c.checkpoint_id, c.division, c.temperature      -- one order for every writer
    ON CONFLICT (day, checkpoint_id, division, temperature, slot) DO UPDATE
       SET passages = f.passages + excluded.passages, entering = f.entering + excluded.entering,
           leaving = f.leaving + excluded.leaving, people = f.people + excluded.people,
           vehicles = f.vehicles + excluded.vehicles,
           vehicles_from_epicentre = f.vehicles_from_epicentre + excluded.vehicles_from_epicentre,
           without_pass = f.without_pass + excluded.without_pass, turned_back = f.turned_back + excluded.turned_back;
    DELETE FROM grid.checkpoint_day f
     USING jsonb_to_recordset(changes) AS k(day date, checkpoint_id bigint, division grid.division_code, temperature numeric)
     WHERE f.day = k.day AND f.checkpoint_id = k.checkpoint_id AND f.division OPERATOR(grid.=) k.division
       AND f.temperature = k.temperature AND f.slot = s AND f.passages = 0
       AND (f.entering, f.leaving, f.people, f.vehicles, f.vehicles_from_epicentre, f.without_pass, f.turned_back)
           = (0, 0, 0, 0, 0, 0, 0);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid.checkpoint_fact_follow() IS
    'trigger: checkpoint passages stored, corrected or deleted change grid.checkpoint_day';
CREATE TRIGGER checkpoint_fact_insert AFTER INSERT ON grid.checkpoint_passage
    REFERENCING NEW TABLE AS passages_new FOR EACH STATEMENT EXECUTE FUNCTION grid.checkpoint_fact_follow();
CREATE TRIGGER checkpoint_fact_update AFTER UPDATE ON grid.checkpoint_passage
    REFERENCING OLD TABLE AS passages_old NEW TABLE AS passages_new FOR EACH STATEMENT EXECUTE FUNCTION grid.checkpoint_fact_follow();
CREATE TRIGGER checkpoint_fact_delete AFTER DELETE ON grid.checkpoint_passage
    REFERENCING OLD TABLE AS passages_old FOR EACH STATEMENT EXECUTE FUNCTION grid.checkpoint_fact_follow();
CREATE TRIGGER checkpoint_facts_truncate AFTER TRUNCATE ON grid.checkpoint_passage
    FOR EACH STATEMENT EXECUTE FUNCTION grid.village_facts_truncate();
COMMENT ON TRIGGER checkpoint_fact_insert ON grid.checkpoint_passage IS 'passages stored are counted in grid.checkpoint_day (grid.checkpoint_fact_follow)';
COMMENT ON TRIGGER checkpoint_fact_update ON grid.checkpoint_passage IS 'passages corrected are recounted in grid.checkpoint_day (grid.checkpoint_fact_follow)';
COMMENT ON TRIGGER checkpoint_fact_delete ON grid.checkpoint_passage IS 'passages deleted leave grid.checkpoint_day (grid.checkpoint_fact_follow)';
COMMENT ON TRIGGER checkpoint_facts_truncate ON grid.checkpoint_passage IS 'recounts the facts (grid.village_facts_truncate)';

CREATE FUNCTION grid.checkpoint_day_recount()
    RETURNS TABLE (day date, checkpoint_id bigint, division grid.division_code, temperature numeric,
                   passages integer, entering integer, leaving integer, people integer, vehicles integer,
                   vehicles_from_epicentre integer, without_pass integer, turned_back integer)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
SELECT grid.report_day(p.passed_at), p.checkpoint_id, p.division,
       CASE WHEN p.temperature >= 37.0 THEN p.temperature ELSE 0 END,
       count(*)::integer, count(*) FILTER (WHERE p.direction = 'in')::integer,
       count(*) FILTER (WHERE p.direction = 'out')::integer, count(*) FILTER (WHERE p.person IS NOT NULL)::integer,
       count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL)::integer,
       count(*) FILTER (WHERE p.vehicle_plate IS NOT NULL AND p.from_epicentre)::integer,
       count(*) FILTER (WHERE p.person IS NOT NULL AND NOT p.pass_checked)::integer,
       count(*) FILTER (WHERE p.turned_back)::integer
  FROM grid.checkpoint_passage p
 GROUP BY 1, 2, 3, 4
$$;
COMMENT ON FUNCTION grid.checkpoint_day_recount() IS
    'grid.checkpoint_day recounted from grid.checkpoint_passage, as the caller sees it, one row per day, checkpoint, division and temperature (what grid.rebuild_facts stores in slot 0). STABLE: reads tables';

-- 卡口日报.  STABLE: reads tables and a setting.
CREATE FUNCTION grid.report_checkpoints(day date DEFAULT grid.report_today(),
                                        division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, checkpoint_id bigint, checkpoint text, division grid.division_code, division_name text,
                   passages bigint, entering bigint, leaving bigint, people bigint, vehicles bigint,
                   vehicles_from_epicentre bigint, fevers bigint, without_pass bigint, turned_back bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- the facts of the day (grid.checkpoint_day): a few rows per checkpoint,
-- whatever the days of history
SELECT report_checkpoints.day, k.id, k.name, k.division, grid.division_name(k.division),
       coalesce(pg_catalog.sum(f.passages), 0)::bigint, coalesce(pg_catalog.sum(f.entering), 0)::bigint,
       coalesce(pg_catalog.sum(f.leaving), 0)::bigint, coalesce(pg_catalog.sum(f.people), 0)::bigint,
       coalesce(pg_catalog.sum(f.vehicles), 0)::bigint, coalesce(pg_catalog.sum(f.vehicles_from_epicentre), 0)::bigint,
       coalesce(pg_catalog.sum(f.passages) FILTER (WHERE f.temperature >= grid.fever_threshold()), 0)::bigint,
       coalesce(pg_catalog.sum(f.without_pass), 0)::bigint, coalesce(pg_catalog.sum(f.turned_back), 0)::bigint
  FROM grid.checkpoint k
  LEFT JOIN grid.checkpoint_day f
         ON f.checkpoint_id = k.id AND f.day = report_checkpoints.day
 WHERE grid.in_my_scope(k.division) AND grid.report_covers(report_checkpoints.division, k.division)
 GROUP BY k.id
 ORDER BY k.division, k.id
$$;
COMMENT ON FUNCTION grid.report_checkpoints(date, grid.division_code) IS
    '卡口日报: for each checkpoint in the caller''s scopes, that day: passages, entering, leaving, people, vehicles, vehicles from the epicentre, fevers (at or above grid.fever_threshold), people registered without a checked pass, and passages turned back (劝返: registered and not let through). Read from the facts (grid.checkpoint_day): a few rows per checkpoint, whatever the days of history. STABLE: reads tables and a setting';

-- ---------------------------------------------------------------- services

-- 生活服务日报.  STABLE: reads tables.
CREATE FUNCTION grid.report_services(day date DEFAULT grid.report_today(),
                                     division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, kind text,
                   new_today bigint, open bigint, taken bigint, done_today bigint, cancelled_today bigint,
                   open_over_a_day bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH s AS (
    -- per village and kind from the facts (grid.service_day): a request's
    -- state at the end of the day read from the days of its timestamps;
    -- figures up to the day are the totals (day infinity) less the days
    -- after it
    SELECT f.division, f.kind,
           coalesce(pg_catalog.sum(f.requested) FILTER (WHERE f.day = report_services.day), 0) AS new_today,
           pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.requested - f.left_open
                               WHEN f.day > report_services.day THEN f.left_open - f.requested ELSE 0 END) AS open,
           pg_catalog.sum(CASE WHEN f.day = 'infinity' THEN f.requested - f.closed
                               WHEN f.day > report_services.day THEN f.closed - f.requested ELSE 0 END) AS pending,
           coalesce(pg_catalog.sum(f.done) FILTER (WHERE f.day = report_services.day), 0) AS done_today,
           coalesce(pg_catalog.sum(f.cancelled) FILTER (WHERE f.day = report_services.day), 0) AS cancelled_today,
           coalesce(pg_catalog.sum(f.closed) FILTER (WHERE f.day = report_services.day), 0) AS closed_today,
           coalesce(pg_catalog.sum(f.closed_same_day) FILTER (WHERE f.day = report_services.day), 0) AS closed_same_day
      FROM grid.service_day f
     WHERE f.day >= report_services.day
       AND grid.report_covers(grid.report_village_scope(report_services.division), f.division)
     GROUP BY f.division, f.kind
)
SELECT report_services.day, s.division, grid.division_name(s.division), grid.report_label('kind', s.kind),
       s.new_today::bigint, s.open::bigint, (s.pending - s.open)::bigint, s.done_today::bigint, s.cancelled_today::bigint,
       -- pending, less those asked for on the day
       (s.pending - (s.new_today - s.closed_same_day))::bigint
  FROM s
 WHERE s.pending > 0 OR s.new_today > 0 OR s.closed_today > 0
 ORDER BY s.division, s.kind
$$;
COMMENT ON FUNCTION grid.report_services(date, grid.division_code) IS
    '生活服务日报, per village and kind of service (买药, 换煤气, 送菜, 代取网购, 其他), each request''s state at the end of the day read from its timestamps: new that day, open, taken (a worker has it), done that day, cancelled that day, and open or taken for more than a day; kinds with nothing pending or happening that day are left out. Read from the facts (grid.service_day): a few rows per village and kind, whatever the number of requests or days. STABLE: reads tables';

-- ------------------------------------------------------------------- teams

-- 1+1+N+K 队伍缺项.  STABLE: reads tables.
CREATE FUNCTION grid.report_teams(day date DEFAULT grid.report_today(),
                                  division grid.division_code DEFAULT NULL)
    RETURNS TABLE (day date, division grid.division_code, village_name text, doctor text, police text,
                   grid_workers bigint, cadres bigint, volunteers bigint, checkpoints bigint, cells bigint,
                   missing text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT report_teams.day, v.code, v.name, t.doctor, t.police, t.grid_workers, t.cadres, t.volunteers, k.n, c.n,
       pg_catalog.concat_ws('、',
           CASE WHEN t.doctor IS NULL THEN '医生' END,
           CASE WHEN t.police IS NULL THEN '民警' END,
           CASE WHEN t.grid_workers = 0 THEN '网格员' END,
           CASE WHEN t.grid_workers < c.n THEN '网格员少于网格数' END,
           CASE WHEN k.n = 0 THEN '卡口' END)
  FROM grid.division v
 CROSS JOIN LATERAL (
        SELECT pg_catalog.max(m.name) FILTER (WHERE m.role = 'doctor') AS doctor,
               pg_catalog.max(m.name) FILTER (WHERE m.role = 'police') AS police,
               pg_catalog.count(*) FILTER (WHERE m.role = 'grid_worker') AS grid_workers,
               pg_catalog.count(*) FILTER (WHERE m.role = 'cadre') AS cadres,
               pg_catalog.count(*) FILTER (WHERE m.role = 'volunteer') AS volunteers
          FROM grid.team_member m WHERE m.division OPERATOR(grid.=) v.code) t
 CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM grid.team_checkpoint tc
                      WHERE tc.division OPERATOR(grid.=) v.code) k
 CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM grid.cell gc WHERE gc.division OPERATOR(grid.=) v.code) c
 WHERE v.level = 'village'
   AND grid.in_my_scope(v.code)
   AND grid.report_covers(grid.report_village_scope(report_teams.division), v.code)
   AND (t.doctor IS NULL OR t.police IS NULL OR t.grid_workers = 0 OR t.grid_workers < c.n OR k.n = 0)
 ORDER BY v.code
$$;
COMMENT ON FUNCTION grid.report_teams(date, grid.division_code) IS
    '1+1+N+K 队伍缺项: every village in the caller''s scopes whose team lacks a part: its doctor, police officer, grid workers (none, or fewer than its grid cells), cadres and volunteers, checkpoints (K) and cells, and what is missing (医生、民警、网格员、卡口). The day is for the catalogue''s uniform signature; teams have no history. STABLE: reads tables';

-- ------------------------------------------------------------ the catalog

-- Every report: its name (for grid.report_csv and the archive), the function
-- that computes it, its Chinese title and column headers, and whether the
-- archive keeps it by default.  IMMUTABLE.
CREATE FUNCTION grid.report_catalog()
    RETURNS TABLE (report text, function regproc, title text, columns text[], headers text[], archived boolean)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
VALUES
    ('temperature', 'grid.report_temperature'::regproc, '体温监测日报',
     '{day,level_name,division,name,parent,residents,reported,not_reported,fever,app,sms,voice,proxy,checkpoint,report_rate}'::text[],
     '{日期,层级,区划代码,名称,上级代码,居民数,已报告,未报告,发热,平台,短信,语音外呼,网格员代报,卡口,报告率(%)}'::text[], true),
    ('not_reported', 'grid.report_not_reported'::regproc, '未报告名单',
     '{day,division,village_name,cell,cell_name,worker,resident,name,phone,household_id,address,last_report,robot_call}',
     '{日期,村(社区)代码,村(社区),网格代码,网格,网格员,身份证号,姓名,联系电话,户号,住址,最近报告日期,语音外呼结果}', false),
    ('key_persons', 'grid.report_key_persons'::regproc, '重点人员报表',
     '{day,division,village_name,cell,resident,name,category,since,period_end,days_left,latest_temperature,latest_channel,latest_at,new_today,released_today}',
     '{日期,村(社区)代码,村(社区),网格代码,身份证号,姓名,类别,起始日期,截止日期,剩余天数,最近体温,最近报告渠道,最近报告时间,今日新增,今日解除}', true),
    ('key_person_counts', 'grid.report_key_person_counts'::regproc, '重点人员汇总',
     '{day,division,village_name,category,under_observation,new_today,released_today}',
     '{日期,村(社区)代码,村(社区),类别,在观察,今日新增,今日解除}', true),
    ('returnees', 'grid.report_returnees'::regproc, '返乡人员日报',
     '{day,level_name,division,name,parent,new_today,new_from_epicentre,under_observation,ending_today,total}',
     '{日期,层级,区划代码,名称,上级代码,今日新增,其中来自疫区,在观察期,今日期满,累计}', true),
    ('screening', 'grid.report_screening'::regproc, '排查汇总',
     '{day,level_name,division,name,parent,households,persons,returnees_from_epicentre,vehicles_from_epicentre,in_transit}',
     '{日期,层级,区划代码,名称,上级代码,排查户数,排查人数,疫区返乡人员,疫区来车,在途人员}', true),
    ('checkpoints', 'grid.report_checkpoints'::regproc, '卡口日报',
     '{day,checkpoint,division,division_name,passages,entering,leaving,people,vehicles,vehicles_from_epicentre,fevers,without_pass,turned_back}',
     '{日期,卡口,区划代码,所属区划,登记总数,进,出,人员,车辆,疫区车辆,发热,无通行证,劝返}', true),
    ('services', 'grid.report_services'::regproc, '生活服务日报',
     '{day,division,village_name,kind,new_today,open,taken,done_today,cancelled_today,open_over_a_day}',
     '{日期,村(社区)代码,村(社区),服务类别,今日新增,待办,办理中,今日办结,今日取消,超过一天未办结}', true),
    ('teams', 'grid.report_teams'::regproc, '1+1+N+K队伍缺项',
     '{day,division,village_name,doctor,police,grid_workers,cadres,volunteers,checkpoints,cells,missing}',
     '{日期,村(社区)代码,村(社区),医生,民警,网格员,干部,志愿者,卡口,网格数,缺项}', true)
$$;
COMMENT ON FUNCTION grid.report_catalog() IS
    'every report: name (as grid.report_csv and grid.archive_reports take it), the function computing it (day, division), Chinese title, the columns exported and their Chinese headers, and whether grid.archive_reports keeps it by default (not the call list: see grid.archive_reports)';

-- ------------------------------------------------------------------ views

-- Each daily report as a view, for analysts and scheduled jobs: one row
-- per day from grid.earliest_date() to today and row of the report as its
-- function gives it to the caller (security_invoker: under the caller's
-- row-level security).  Filter them with WHERE day = ... (and division <@
-- ...): the day reaches the function, which reads that day's facts.
-- STABLE: reads the clock.
CREATE FUNCTION grid.report_days() RETURNS TABLE (day date)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT grid.earliest_date() + i FROM pg_catalog.generate_series(0, grid.report_today() - grid.earliest_date()) i
$$;
COMMENT ON FUNCTION grid.report_days() IS
    'the days the report views cover: from grid.earliest_date() (2019-12-01) to today in China time. STABLE: reads the clock';

-- 各网格当日: one row per day and place (each cell of the map in the
-- caller's scopes, with residents or not, and each village's residents
-- without a valid cell), from the facts.
CREATE VIEW grid.temperature_cells WITH (security_invoker = true) AS
SELECT d.day, p.place AS division, p.village, CASE WHEN p.place OPERATOR(grid.<>) p.village THEN p.place END AS cell,
       coalesce(c.name, CASE WHEN p.place OPERATOR(grid.=) p.village THEN '未划入网格' ELSE p.place::text END) AS name,
       p.residents::bigint AS residents, coalesce(f.reported, 0)::bigint AS reported,
       (p.residents - coalesce(f.reported, 0))::bigint AS not_reported, coalesce(f.fever, 0)::bigint AS fever,
       coalesce(f.app, 0)::bigint AS app, coalesce(f.sms, 0)::bigint AS sms, coalesce(f.voice, 0)::bigint AS voice,
       coalesce(f.proxy, 0)::bigint AS proxy, coalesce(f.checkpoint, 0)::bigint AS checkpoint,
       pg_catalog.round(100.0 * coalesce(f.reported, 0) / NULLIF(p.residents, 0), 1) AS report_rate,
       p.residents = 0 AS empty
  FROM grid.report_days() d
 CROSS JOIN (SELECT x.place, x.division AS village, x.residents FROM grid.cell_fact x
             UNION ALL
             SELECT y.code, y.division, 0 FROM grid.cell y
              WHERE grid.in_my_scope(y.code)
                AND NOT EXISTS (SELECT FROM grid.cell_fact x WHERE x.place OPERATOR(grid.=) y.code)) p
  LEFT JOIN grid.cell c ON c.code OPERATOR(grid.=) p.place
  LEFT JOIN (SELECT s.day, s.place, sum(s.reported) AS reported, sum(s.fever) AS fever, sum(s.app) AS app,
                    sum(s.sms) AS sms, sum(s.voice) AS voice, sum(s.proxy) AS proxy, sum(s.checkpoint) AS checkpoint
               FROM grid.cell_day s GROUP BY s.day, s.place) f
         ON f.day = d.day AND f.place OPERATOR(grid.=) p.place;
COMMENT ON VIEW grid.temperature_cells IS
    '各网格当日: for each day (grid.report_days) and place the caller sees: every grid cell of the map in the caller''s scopes (with residents or not) and each village''s residents without a valid cell (cell NULL, named 未划入网格); division: the cell, or the village for those; residents, reported, not reported, fever, residents reached by each channel, report rate, empty (no residents). Read from the facts (grid.cell_fact, grid.cell_day). Which cells had no report today: WHERE day = grid.report_today() AND cell IS NOT NULL AND reported = 0';
COMMENT ON COLUMN grid.temperature_cells.day IS 'the calendar day in China time';
COMMENT ON COLUMN grid.temperature_cells.division IS 'the cell, or the village for its residents without a valid cell: filter with division <@ ...';
COMMENT ON COLUMN grid.temperature_cells.village IS 'the village';
COMMENT ON COLUMN grid.temperature_cells.cell IS 'the cell (a grid.division_code, as grid.cell.code); NULL for the village''s residents without a valid cell';
COMMENT ON COLUMN grid.temperature_cells.name IS 'the cell''s name on the map (its code if it has none), or 未划入网格';
COMMENT ON COLUMN grid.temperature_cells.residents IS 'residents now (status resident or temporary)';
COMMENT ON COLUMN grid.temperature_cells.reported IS 'of them, with a report that day by any channel';
COMMENT ON COLUMN grid.temperature_cells.not_reported IS 'of them, without one';
COMMENT ON COLUMN grid.temperature_cells.fever IS 'of them, with a fever report';
COMMENT ON COLUMN grid.temperature_cells.app IS 'of them, reached by the app';
COMMENT ON COLUMN grid.temperature_cells.sms IS 'of them, reached by SMS';
COMMENT ON COLUMN grid.temperature_cells.voice IS 'of them, reached by the voice robot';
COMMENT ON COLUMN grid.temperature_cells.proxy IS 'of them, reported by their grid worker';
COMMENT ON COLUMN grid.temperature_cells.checkpoint IS 'of them, reported at a checkpoint';
COMMENT ON COLUMN grid.temperature_cells.report_rate IS 'reported in per cent of residents (NULL when empty)';
COMMENT ON COLUMN grid.temperature_cells.empty IS 'true for a cell without residents';

-- One view per report of the catalog, named <report>_daily
-- (grid.temperature_daily, grid.not_reported_daily, ...): the day from
-- grid.report_days, the other columns from the function.
DO $do$
DECLARE
    r record;
    cols text;
BEGIN
    FOR r IN SELECT c.report, c.function, c.title FROM grid.report_catalog() c LOOP
        SELECT pg_catalog.string_agg(pg_catalog.format('t.%I', a.name), ', ' ORDER BY a.n) INTO cols
          FROM pg_catalog.pg_proc p
         CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(p.proargnames), pg_catalog.unnest(p.proargmodes)) WITH ORDINALITY a(name, mode, n)
         WHERE p.oid = r.function AND a.mode = 't' AND a.name <> 'day';
        EXECUTE pg_catalog.format('CREATE VIEW grid.%I WITH (security_invoker = true) AS '
                                  'SELECT d.day, %s FROM grid.report_days() d CROSS JOIN LATERAL %s(d.day) t',
                                  r.report || '_daily', cols, r.function);
        EXECUTE pg_catalog.format('COMMENT ON VIEW grid.%I IS %L', r.report || '_daily',
                                  pg_catalog.format('%s for every day of grid.report_days(), as %s(day) gives it to the caller (everything the caller sees): filter with WHERE day = ... (and division <@ ...)',
                                                    r.title, r.function));
    END LOOP;
END
$do$;

-- ------------------------------------------------------------------ export

-- One CSV field, as report_csv writes it: NULL empty, booleans as 是/否,
-- times as China time to the minute, quotes around a field with a comma,
-- quote, CR or LF (quotes doubled), per RFC 4180; everything else as it is.
-- For Excel (excel true), also every code, ID or phone number (a string of
-- digits, an ID's last maybe X) as ="...", whatever its length, so that
-- Excel keeps it as text and every code of a column is written alike; and
-- text beginning like a formula prefixed with an apostrophe.  IMMUTABLE: a
-- fixed zone.
CREATE FUNCTION grid.csv_field(v jsonb, excel boolean DEFAULT false) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    s text;
    c text;
BEGIN
    -- PL/pgSQL: the text is read out of the JSON once, and the regular
    -- expressions run only on text that begins with a digit.  No SET
    -- search_path (it would cost more than the work, once per field):
    -- every function is qualified instead.
    CASE pg_catalog.jsonb_typeof(v)
        WHEN 'string' THEN
            s := v #>> '{}';
            c := pg_catalog.left(s, 1);
            IF c BETWEEN '0' AND '9' THEN
                IF pg_catalog.length(s) >= 19 AND pg_catalog.substr(s, 11, 1) = 'T'
                   AND s ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d(:\d\d)?|Z)$' THEN
                    RETURN pg_catalog.to_char(pg_catalog.timezone('Asia/Shanghai', s::timestamptz), 'YYYY-MM-DD HH24:MI');
                ELSIF excel AND s ~ '^\d+[Xx]?$' THEN
                    RETURN '"=""' || s || '"""';
                END IF;
            ELSIF excel AND c IN ('=', '+', '-', '@', E'\t', E'\r') THEN
                s := '''' || s;
            END IF;
            IF pg_catalog.strpos(s, ',') > 0 OR pg_catalog.strpos(s, '"') > 0 OR pg_catalog.strpos(s, E'\n') > 0 OR pg_catalog.strpos(s, E'\r') > 0 THEN
                RETURN '"' || pg_catalog.replace(s, '"', '""') || '"';
            END IF;
            RETURN s;
        WHEN 'null' THEN
            RETURN '';
        WHEN 'boolean' THEN
            RETURN CASE WHEN v::text = 'true' THEN '是' ELSE '否' END;
        ELSE
            RETURN v::text;
    END CASE;
END
$$;
COMMENT ON FUNCTION grid.csv_field(jsonb, boolean) IS
    'a report value as one RFC 4180 CSV field: NULL empty, booleans 是/否, times in China time (YYYY-MM-DD HH:MI), quoted when it holds a comma, quote, CR or LF; with excel true also every digit string (codes, IDs, phone numbers, whatever their length) as ="..." so Excel keeps it as text, and formula-like text prefixed with an apostrophe';

-- A report as CSV, in one of two forms.  plain (the default): RFC 4180,
-- UTF-8 without a byte-order mark, CRLF line ends, every value as it is,
-- for programs (Python's csv, pandas, importers).  excel: for Excel on a
-- Chinese Windows desktop, UTF-8 with a byte-order mark (so that Excel
-- reads it as UTF-8), codes as ="..." (grid.csv_field).  Chinese headers
-- in both.  STABLE: reads tables.
CREATE FUNCTION grid.report_csv(report text, day date DEFAULT grid.report_today(),
                                division grid.division_code DEFAULT NULL, format text DEFAULT 'plain') RETURNS bytea
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fn regproc;
    cols text[];
    hdr text[];
    body text;
    excel boolean;
BEGIN
    SELECT c.function, c.columns, c.headers INTO fn, cols, hdr FROM grid.report_catalog() c WHERE c.report = report_csv.report;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown report "%"', left(report_csv.report, 40)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The reports are: ' || (SELECT string_agg(c.report, ', ' ORDER BY c.report) FROM grid.report_catalog() c) || '.';
    END IF;
    excel := CASE report_csv.format WHEN 'plain' THEN false WHEN 'excel' THEN true END;
    IF excel IS NULL THEN
        RAISE EXCEPTION 'unknown CSV format "%"', left(report_csv.format, 20)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The formats are plain (RFC 4180, for programs) and excel (for Excel: a byte-order mark, codes as ="...").';
    END IF;
    EXECUTE format('SELECT string_agg(x.line, E''\r\n'' ORDER BY x.n)
                      FROM (SELECT (SELECT string_agg(grid.csv_field(j.j -> c.col, $4), '','' ORDER BY c.n)
                                      FROM unnest($3) WITH ORDINALITY c(col, n)) AS line, j.n
                              FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS n
                                      FROM %s($1, $2) r) j) x', fn)
       INTO body USING report_csv.day, report_csv.division, cols, excel;
    RETURN CASE WHEN excel THEN '\xefbbbf'::bytea ELSE '\x'::bytea END
        || convert_to((SELECT string_agg(grid.csv_field(to_jsonb(h), excel), ',' ORDER BY n) FROM unnest(hdr) WITH ORDINALITY u(h, n))
                      || E'\r\n' || coalesce(body || E'\r\n', ''), 'UTF8');
END
$$;
COMMENT ON FUNCTION grid.report_csv(text, date, grid.division_code, text) IS
    'a report (see grid.report_catalog) for a day and division as a CSV file with Chinese headers and CRLF line ends, values as grid.csv_field writes them. format plain (default): RFC 4180, UTF-8 without byte-order mark, values as they are, for Python''s csv, pandas and importers. format excel: for Excel on a Chinese Windows desktop, UTF-8 with BOM (EF BB BF), every code, ID and phone number as ="...", formula-like text prefixed with an apostrophe. STABLE: reads tables';

-- ----------------------------------------------------------------- archive

CREATE TABLE grid.report_archive (
    report      text NOT NULL,
    day         date NOT NULL,
    division    grid.division_code NOT NULL,
    line        integer NOT NULL,
    data        jsonb NOT NULL,
    archived_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    archived_by name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (division, report, day, line),
    CONSTRAINT report_archive_data_is_object CHECK (pg_catalog.jsonb_typeof(data) = 'object'),
    CONSTRAINT report_archive_row_division CHECK (
        coalesce(data OPERATOR(pg_catalog.->>) 'division', data OPERATOR(pg_catalog.->>) 'parent') IS NULL
        OR division::text OPERATOR(pg_catalog.=) coalesce(data OPERATOR(pg_catalog.->>) 'division', data OPERATOR(pg_catalog.->>) 'parent'))
);
COMMENT ON TABLE grid.report_archive IS
    'snapshots of the daily reports (grid.archive_reports): one row per report row, under the division it belongs to, so that row-level security shows each role its own; IDs and phone numbers always masked (grid.archive_masked), whoever wrote the row';
COMMENT ON COLUMN grid.report_archive.report IS 'the report (grid.report_catalog)';
COMMENT ON COLUMN grid.report_archive.day IS 'the day reported on';
COMMENT ON COLUMN grid.report_archive.division IS 'the row''s division (its parent village for residents without a cell)';
COMMENT ON COLUMN grid.report_archive.line IS 'the row''s place in the report';
COMMENT ON COLUMN grid.report_archive.data IS 'the row as the report function returned it (column names as keys), identifiers masked';
COMMENT ON COLUMN grid.report_archive.archived_at IS 'when the snapshot was taken';
COMMENT ON COLUMN grid.report_archive.archived_by IS 'who took it';
CREATE INDEX report_archive_day_idx ON grid.report_archive (report, day);
COMMENT ON INDEX grid.report_archive_day_idx IS 'a report''s rows of a day';
COMMENT ON CONSTRAINT report_archive_data_is_object ON grid.report_archive IS
    'a report row is a JSON object of its columns (so that grid.archive_masked sees every field)';
COMMENT ON CONSTRAINT report_archive_row_division ON grid.report_archive IS
    'a row that names its division (the field division, else parent) is kept under that division, so that no role stores, under its own division, a row claiming another''s';
SELECT pg_catalog.pg_extension_config_dump('grid.report_archive', '');
SELECT grid.enable_access('grid.report_archive');

-- Identifiers in the archive.  A live report shows IDs and phone numbers
-- as its reader may see them (grid.show_id, grid.show_phone); an archived
-- row is read later by every role whose scope covers its division, down to
-- a township or county without see_identifiers.  So the archive keeps
-- identifiers as that least-privileged reader sees them, masked, whoever
-- wrote the row: the nightly job as a superuser, a village archiving
-- itself, or an INSERT of its own.  Values of a field resident, phone or
-- *_phone not already masked go through grid.mask, and any value of 18
-- characters shaped like a resident ID is masked as one (420503********123X).
-- Top-level fields only: a report row is flat.  IMMUTABLE.
CREATE FUNCTION grid.archive_mask_value(field text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE    -- not STRICT, so that it is inlined
    RETURN CASE
        WHEN value ~ '^[0-9]{17}[0-9Xx]$'
            THEN pg_catalog.left(value, 6) || '********' || pg_catalog.upper(pg_catalog.right(value, 4))
        WHEN field = 'resident' AND value !~ '^[0-9]{6}\*{8}[0-9]{3}[0-9X]$'
            THEN grid.mask(value)
        WHEN (field = 'phone' OR field LIKE '%\_phone')
             AND NOT (pg_catalog.strpos(value, '*') > 0
                      AND pg_catalog.length(pg_catalog.regexp_replace(value, '[^0-9]', '', 'g')) <= 7)
            THEN grid.mask(value)
        ELSE value END;
COMMENT ON FUNCTION grid.archive_mask_value(text, text) IS
    'a report value as the archive keeps it: an 18-character resident ID masked (420503********123X), a field resident or phone (or *_phone) through grid.mask unless already masked, anything else as it is';

-- The fields resident and phone first; then, only if the row's text still
-- shows a field *_phone or 18 digits in a row, every field.  IMMUTABLE.
CREATE FUNCTION grid.archive_masked(data jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    masked jsonb := data;
    k text;
    v text;
BEGIN
    -- No SET search_path (it would cost more than the work, once per
    -- archived row): every function and operator is qualified.
    IF pg_catalog.jsonb_typeof(data) OPERATOR(pg_catalog.<>) 'object' THEN
        RETURN data;
    END IF;
    FOREACH k IN ARRAY ARRAY['resident', 'phone'] LOOP
        IF pg_catalog.jsonb_typeof(data OPERATOR(pg_catalog.->) k) OPERATOR(pg_catalog.=) 'string' THEN
            masked := pg_catalog.jsonb_set(masked, ARRAY[k],
                          pg_catalog.to_jsonb(grid.archive_mask_value(k, data OPERATOR(pg_catalog.->>) k)));
        END IF;
    END LOOP;
    IF masked::text OPERATOR(pg_catalog.~) '_phone"|[0-9]{17}[0-9Xx]' THEN
        FOR k, v IN SELECT e.key, e.value FROM pg_catalog.jsonb_each_text(masked) e
                     WHERE pg_catalog.jsonb_typeof(masked OPERATOR(pg_catalog.->) e.key) OPERATOR(pg_catalog.=) 'string' LOOP
            masked := pg_catalog.jsonb_set(masked, ARRAY[k], pg_catalog.to_jsonb(grid.archive_mask_value(k, v)));
        END LOOP;
    END IF;
    RETURN masked;
END
$$;
COMMENT ON FUNCTION grid.archive_masked(jsonb) IS
    'a report row (a JSON object) with every identifier masked by grid.archive_mask_value, as grid.report_archive stores it; anything but an object unchanged (the archive refuses it)';

-- Trigger function: masks every row written to the archive.
CREATE FUNCTION grid.report_archive_mask() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
    -- No SET search_path: it would cost more than the work, once per row.
    NEW.data := grid.archive_masked(NEW.data);
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid.report_archive_mask() IS
    'trigger function: stores a report row in grid.report_archive with its identifiers masked (grid.archive_masked)';
-- Whether grid.archive_masked could change a row: a top-level string field
-- that grid.archive_mask_value would mask (an ID in full under any key, a
-- field resident not masked as an ID, a field phone or *_phone not masked).
-- In C (reports.c), as the masking trigger's condition: it reads the row
-- once without turning it into text, so that the rows without identifiers
-- (counts per place, most of a city's nightly archive of some 55,000 rows)
-- and the rows already masked cost well under a microsecond each.
-- IMMUTABLE.
CREATE FUNCTION grid.archive_needs_mask(data jsonb) RETURNS boolean
    AS 'MODULE_PATHNAME', 'reports_archive_needs_mask' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.archive_needs_mask(jsonb) IS
    'true if grid.archive_masked could change the row: a top-level string field holding a resident ID in full (any key), a field resident not masked as an ID, or a field phone or *_phone not masked; false for anything but an object';

CREATE TRIGGER report_archive_mask
    BEFORE INSERT OR UPDATE OF data ON grid.report_archive
    FOR EACH ROW
    WHEN (grid.archive_needs_mask(NEW.data))
    EXECUTE FUNCTION grid.report_archive_mask();
COMMENT ON TRIGGER report_archive_mask ON grid.report_archive IS
    'masks the identifiers of every archived row that holds one (grid.archive_needs_mask), whoever writes it (grid.archive_masked)';

-- Snapshot a day's reports: each report run once as the caller (its
-- rows under row-level security, read from the facts) and its rows kept
-- as they are, masked, with their place in the report.  The earlier
-- snapshot of the day goes in one statement; each report's rows are
-- stored by one INSERT, whose rows grid.archive_needs_mask lets past the
-- masking trigger once they are masked.  VOLATILE: writes.
CREATE FUNCTION grid.archive_reports(day date DEFAULT grid.report_today() - 1,
                                     division grid.division_code DEFAULT NULL,
                                     reports text[] DEFAULT NULL)
    RETURNS TABLE (report text, rows bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    -- compiling the city-wide reports costs more than it saves
    SET jit = off
AS $$
DECLARE
    r record;
    n bigint;
    chosen text[];
BEGIN
    IF archive_reports.day IS NULL THEN
        RAISE EXCEPTION 'day must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.unnest(archive_reports.reports) x(name)
                WHERE x.name IS NULL OR x.name NOT IN (SELECT c.report FROM grid.report_catalog() c)) THEN
        RAISE EXCEPTION 'unknown report in %', archive_reports.reports
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The reports are those of grid.report_catalog().';
    END IF;
    SELECT array_agg(c.report ORDER BY c.report) INTO chosen
      FROM grid.report_catalog() c
     WHERE CASE WHEN archive_reports.reports IS NULL THEN c.archived
                ELSE c.report = ANY (archive_reports.reports) END;
    DELETE FROM grid.report_archive a
     WHERE a.report = ANY (chosen) AND a.day = archive_reports.day
       AND grid.report_covers(archive_reports.division, a.division);
    FOR r IN SELECT c.report, c.function FROM grid.report_catalog() c
              WHERE c.report = ANY (chosen) ORDER BY c.report LOOP
        -- The report is read into a temporary table by a query of its own,
        -- which PostgreSQL may run in parallel workers (an INSERT ...
        -- SELECT may not), and which streams a city's call list to disk
        -- rather than memory.
        EXECUTE format('CREATE TEMP TABLE grid_archive_rows ON COMMIT DROP AS
                        SELECT row_number() OVER () AS line, to_jsonb(t) AS data FROM %s(%L, %L) t',
                       r.function, archive_reports.day, archive_reports.division);
        -- Masked here, so that the trigger passes the rows by: the fields
        -- resident and phone (as grid.archive_masked begins) by an
        -- expression, and only a row that still holds an identifier
        -- elsewhere by grid.archive_masked itself.
        INSERT INTO grid.report_archive (report, day, division, line, data)
        -- (OFFSET 0: each step computed once per row, not once per use)
        SELECT r.report, archive_reports.day, x.d, x.line,
               CASE WHEN NOT x.stop THEN x.data
                    WHEN grid.archive_needs_mask(x.quick) THEN grid.archive_masked(x.data)
                    ELSE x.quick END
          FROM (SELECT u.line, u.data, m.stop, m.quick,
                       coalesce(u.data ->> 'division', u.data ->> 'parent')::grid.division_code AS d
                  FROM pg_temp.grid_archive_rows u
                 CROSS JOIN LATERAL (
                       SELECT q.stop,
                              CASE WHEN q.stop AND jsonb_typeof(q.data -> 'phone') = 'string'
                                   THEN jsonb_set(q.data, '{phone}', to_jsonb(grid.archive_mask_value('phone', q.data ->> 'phone')))
                                   ELSE q.data END AS quick
                         FROM (SELECT s.stop,
                                      CASE WHEN s.stop AND jsonb_typeof(u.data -> 'resident') = 'string'
                                           THEN jsonb_set(u.data, '{resident}',
                                                          to_jsonb(grid.archive_mask_value('resident', u.data ->> 'resident')))
                                           ELSE u.data END AS data
                                 FROM (SELECT grid.archive_needs_mask(u.data) AS stop OFFSET 0) s OFFSET 0) q
                       OFFSET 0) m) x
         WHERE x.d IS NOT NULL AND grid.in_my_scope(x.d) AND grid.report_covers(archive_reports.division, x.d);
        GET DIAGNOSTICS n = ROW_COUNT;
        DROP TABLE pg_temp.grid_archive_rows;
        report := r.report;
        rows := n;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION grid.archive_reports(date, grid.division_code, text[]) IS
    'snapshot the reports of a day (default yesterday in China time) into grid.report_archive, IDs and phone numbers masked whoever runs it, replacing that day''s earlier snapshot of the same division (idempotent); only rows in the caller''s scopes and the given division (NULL: all); reports: which (NULL: those marked archived in grid.report_catalog, every one but the call list, which names up to half the city each day and which grid.report_not_reported(day) recomputes for a past day from grid.health_report, with the registry as it is now); returns the rows stored per report';

-- Schedule the nightly snapshot with pg_cron, when it is installed.
-- VOLATILE: writes pg_cron's job table.
CREATE FUNCTION grid.schedule_reports(schedule text DEFAULT '5 16 * * *') RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    job bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN
        RAISE EXCEPTION 'pg_cron is not installed in this database'
            USING ERRCODE = 'undefined_object',
                  HINT = 'Install pg_cron (shared_preload_libraries, CREATE EXTENSION pg_cron in cron.database_name), or call grid.archive_reports() from any scheduler.';
    END IF;
    EXECUTE 'SELECT cron.schedule($1, $2, $3)' INTO job
      USING 'grid-daily', schedule, 'SELECT grid.archive_reports(grid.report_today() - 1)';
    RETURN job;
END
$$;
COMMENT ON FUNCTION grid.schedule_reports(text) IS
    'schedule grid.archive_reports for yesterday (China time) with pg_cron as job grid-daily; the default 5 16 * * * is 00:05 China time, as pg_cron 1.4 reads schedules in GMT; raises 42704 without pg_cron';
