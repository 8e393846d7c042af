-- Data for test/bench/reports.sh (then test/bench/reports.sql times the
-- reports).
--
-- The city: :residents residents on the real Yichang villages (three grid
-- cells each), :reports health reports on the day (2020-02-10) and half as
-- many on each of the :history days before (default 1), key persons (1% of residents, some new or released
-- on the day), returnees (11.5%, as Yichang's 460,000 in 4 million; most
-- from Wuhan), voice-robot calls that found no one (a tenth of those not
-- reported) and service requests.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';

\echo == building the city ==
SELECT grid.synth_registry(:residents) AS residents_made \gset
-- Every resident's cell set with the registry's triggers off (nothing else
-- is stored yet), then the facts counted once, as an administrator would
-- after a bulk load: the triggers would move each resident's facts one
-- statement at a time (more than 16 minutes at 4,000,000 residents).
-- What follows (reports, key persons, ...) goes through the triggers.
ALTER TABLE grid.resident DISABLE TRIGGER USER;
UPDATE grid.resident SET cell = division::text || lpad((1 + abs(hashtext(id::text)::bigint) % 3)::text, 3, '0');
ALTER TABLE grid.resident ENABLE TRIGGER USER;
SELECT grid.rebuild_facts() AS fact_rows_counted \gset

-- Reports: a resident reports on the day when a hash of the ID falls under
-- the share :reports / :residents; on each day before, under half that share.
INSERT INTO grid.health_report (resident_id, channel, report_minute, reported_at, temperature, fever, division, link_method)
SELECT r.id, (ARRAY['app', 'sms', 'voice', 'proxy'])[1 + abs(hashtext(r.id::text || 'c' || d.k)::bigint) % 4],
       date_trunc('minute', t, 'UTC'), t, CASE WHEN f THEN 38.0 ELSE 36.5 END, f, r.division, 'id'
  FROM grid.resident r
 CROSS JOIN (SELECT 0 AS k, date '2020-02-10' AS day, 1.0 AS share
             UNION ALL
             SELECT h, date '2020-02-10' - h, 0.5 FROM generate_series(1, :history) h) d
 CROSS JOIN LATERAL (SELECT grid.report_day_start(d.day) + interval '8 hours'
                            + (abs(hashtext(r.id::text || 't' || d.k)::bigint) % 36000) * interval '1 second' AS t,
                            abs(hashtext(r.id::text || 'f' || d.k)::bigint) % 100 = 0 AS f) x
 WHERE abs(hashtext(r.id::text || 'r' || d.k)::bigint) % 1000000 < 1000000.0 * :reports / :residents * d.share;

INSERT INTO grid.key_person (resident_id, category, division, period_start, period_end, status, closed_at, reason)
SELECT r.id, (ARRAY['close_contact', 'epicentre_returnee', 'home_observation', 'fever_unexcluded', 'suspected'])
                 [1 + abs(hashtext(r.id::text || 'k')::bigint) % 5],
       r.division, s.start, s.start + 13,
       CASE WHEN s.released THEN 'released' ELSE 'open' END,
       CASE WHEN s.released THEN timestamptz '2020-02-10 15:00+08' END, 'bench'
  FROM grid.resident r
 CROSS JOIN LATERAL (SELECT date '2020-02-10' - (abs(hashtext(r.id::text || 's')::bigint) % 14)::integer AS start,
                            abs(hashtext(r.id::text || 'x')::bigint) % 20 = 0 AS released) s
 WHERE abs(hashtext(r.id::text || 'k')::bigint) % 100 = 0;

INSERT INTO grid.returnee (resident_id, name, division, arrival_date, origin, origin_text, transport, vehicle_plate)
SELECT r.id, r.name, r.division, date '2020-02-10' - (abs(hashtext(r.id::text || 'a')::bigint) % 20)::integer,
       CASE WHEN abs(hashtext(r.id::text || 'o')::bigint) % 10 < 7 THEN grid.division_code('420100') END, '外地',
       CASE WHEN v THEN 'car' ELSE 'train' END, CASE WHEN v THEN '鄂A' || lpad((abs(hashtext(r.id::text)::bigint) % 100000)::text, 5, '0') END
  FROM grid.resident r
 CROSS JOIN LATERAL (SELECT abs(hashtext(r.id::text || 'v')::bigint) % 5 = 0 AS v) x
 WHERE abs(hashtext(r.id::text || 'ret')::bigint) % 1000 < 115;

INSERT INTO grid.unreached (resident_id, report_minute, called_at, outcome, division)
SELECT r.id, date_trunc('minute', t, 'UTC'), t, CASE WHEN abs(hashtext(r.id::text || 'u')::bigint) % 4 = 0 THEN 'refused' ELSE 'no_answer' END, r.division
  FROM grid.resident r
 CROSS JOIN LATERAL (SELECT timestamptz '2020-02-10 19:00+08' + (abs(hashtext(r.id::text || 'w')::bigint) % 3600) * interval '1 second' AS t) x
 WHERE abs(hashtext(r.id::text || 'r0')::bigint) % 1000000 >= 1000000.0 * :reports / :residents
   AND abs(hashtext(r.id::text || 'u')::bigint) % 10 = 0;

INSERT INTO grid.service_request (resident_id, kind, division, status, worker, requested_at, taken_at, done_at)
SELECT r.id, (ARRAY['medicine', 'gas', 'groceries', 'paid_order_pickup', 'other'])[1 + abs(hashtext(r.id::text || 'q')::bigint) % 5],
       r.division, st, CASE WHEN st <> 'open' THEN '网格员' END, at,
       CASE WHEN st <> 'open' THEN at + interval '1 hour' END,
       CASE WHEN st = 'done' THEN at + interval '3 hours' END
  FROM grid.resident r
 CROSS JOIN LATERAL (SELECT (ARRAY['open', 'taken', 'done'])[1 + abs(hashtext(r.id::text || 'st')::bigint) % 3] AS st,
                            timestamptz '2020-02-09 09:00+08' + (abs(hashtext(r.id::text || 'at')::bigint) % 129600) * interval '1 second' AS at) x
 WHERE abs(hashtext(r.id::text || 'q')::bigint) % 1000 = 0;
VACUUM ANALYZE;

-- The city's role and one community's (王家河社区), with the privileges a
-- deployment grants them.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('bench_city', '4205'), ('bench_community', '420503004001')) v(role, code) LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.role) THEN
            EXECUTE format('CREATE ROLE %I', r.role);
        END IF;
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA grid TO %I', r.role);
        EXECUTE format('GRANT INSERT, DELETE ON grid.report_archive TO %I', r.role);
        PERFORM grid.grant_scope(r.role::regrole, r.code::grid.division_code);
    END LOOP;
END $$;

SELECT (SELECT count(*) FROM grid.resident) AS residents,
       (SELECT count(*) FROM grid.health_report WHERE reported_at >= '2020-02-10 00:00+08' AND reported_at < '2020-02-11 00:00+08') AS reports_on_the_day,
       (SELECT count(*) FROM grid.health_report) AS reports_in_all,
       (SELECT count(*) FROM grid.key_person) AS key_persons,
       (SELECT count(*) FROM grid.returnee) AS returnees,
       (SELECT count(*) FROM grid.unreached) AS unreached,
       (SELECT count(*) FROM grid.service_request) AS service_requests;

