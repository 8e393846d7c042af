-- Body of test/bench/reports.sh: build the data, time each report (best
-- of three), print the figures and the ratios.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SELECT grid.synth_registry(:residents) AS residents_made \gset
-- Three cells per village, named by their code.
UPDATE grid.resident SET cell = division::text || lpad((1 + abs(hashtext(id::text)) % 3)::text, 3, '0');
-- One day's reports: 90% of residents, 1% of them with a fever, channels mixed.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
SELECT r.id, (ARRAY['app', 'sms', 'voice', 'proxy'])[1 + abs(hashtext(r.id::text || 'c')) % 4],
       date_trunc('minute', t, 'UTC'), t, CASE WHEN f THEN 38.0 ELSE 36.5 END, f, r.division, 'id'
  FROM grid.resident r
 CROSS JOIN LATERAL (SELECT timestamptz '2020-02-10 08:00+08' + (abs(hashtext(r.id::text || 't')) % 36000) * interval '1 second' AS t,
                            abs(hashtext(r.id::text || 'f')) % 100 = 0 AS f) x
 WHERE abs(hashtext(r.id::text)) % 10 <> 0;
ANALYZE;

-- Best of three runs of a query, in milliseconds.  The queries read
-- every column (sum of the rows as text), so nothing is planned away.
CREATE FUNCTION pg_temp.best_ms(q text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    best numeric;
    ms numeric;
BEGIN
    FOR i IN 1..3 LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
        best := least(best, ms);
    END LOOP;
    RETURN round(best, 1);
END
$$;

CREATE TEMP TABLE fig AS
SELECT (SELECT count(*) FROM grid.resident) AS residents,
       (SELECT count(*) FROM grid.health_report) AS reports,
       pg_temp.best_ms($$SELECT sum(length(x::text)) FROM (
           SELECT r.division, count(*), count(h.resident_id), count(*) FILTER (WHERE h.fever)
             FROM grid.resident r
             LEFT JOIN (SELECT resident_id, bool_or(fever) AS fever FROM grid.health_report
                         WHERE reported_at >= '2020-02-10 00:00+08' AND reported_at < '2020-02-11 00:00+08'
                         GROUP BY resident_id) h ON h.resident_id OPERATOR(grid.=) r.id
            WHERE r.status IN ('resident', 'temporary')
            GROUP BY r.division) x$$) AS baseline_ms,
       pg_temp.best_ms($$SELECT sum(length(t::text)) FROM grid.report_temperature('2020-02-10') t$$) AS temperature_ms,
       pg_temp.best_ms($$SELECT sum(length(t::text)) FROM grid.report_not_reported('2020-02-10') t$$) AS not_reported_ms,
       pg_temp.best_ms($$SELECT sum(length(t::text)) FROM grid.report_not_reported('2020-02-10', '420503004001') t$$) AS village_list_ms,
       pg_temp.best_ms($$SELECT length(grid.report_csv('temperature', '2020-02-10'))$$) AS csv_ms,
       pg_temp.best_ms($$SELECT length(grid.report_csv('not_reported', '2020-02-10'))$$) AS csv_list_ms,
       pg_temp.best_ms($$SELECT * FROM grid.archive_reports('2020-02-10')$$) AS archive_ms;

\echo == reports on one day, best of 3 (ms) ==
SELECT residents, reports, (SELECT count(*) FROM grid.report_temperature('2020-02-10')) AS roll_up_rows,
       (SELECT count(*) FROM grid.report_not_reported('2020-02-10')) AS call_list_rows
  FROM fig;
SELECT baseline_ms AS "one-level GROUP BY (baseline)", temperature_ms AS "grid.report_temperature (5 levels)",
       round(temperature_ms / nullif(baseline_ms, 0), 2) AS "roll-up / baseline"
  FROM fig;
SELECT not_reported_ms AS "call list, city", village_list_ms AS "call list, one village",
       csv_ms AS "CSV temperature", round(csv_ms / nullif(temperature_ms, 0), 2) AS "CSV / report",
       csv_list_ms AS "CSV call list", round(csv_list_ms / nullif(not_reported_ms, 0), 2) AS "CSV / list",
       archive_ms AS "archive, all reports"
  FROM fig;
