-- pgTAP: grid.synth_city, a whole synthetic city in one call.  On a small
-- city (伍家乡, 27 communities and villages): administrators only; every
-- kind of thing is made and the counts agree with each other (households
-- and residents, the census's ages and sexes, every report has rows,
-- returnees in screening, several categories of key persons, rejects of
-- every channel with their reasons, every batch balanced); the same seed
-- gives the same city.
BEGIN;
SELECT plan(36);
SET LOCAL search_path = public, grid;
SET LOCAL TimeZone = 'Asia/Shanghai';
SET LOCAL client_min_messages = warning;

-- ----------------------------------------------------------- refusals
CREATE ROLE city_clerk;
SET LOCAL ROLE city_clerk;
SELECT throws_ok($$SELECT * FROM grid.synth_city(1000, '420503201', 1)$$, '42501',
                 'permission denied to generate a synthetic city', 'only an administrator makes a city');
RESET ROLE;
SELECT throws_ok($$SELECT * FROM grid.synth_city(10, '420503201', 1)$$, '22023',
                 'residents must be between 100 and 10000000', 'too few residents are refused');
SELECT throws_ok($$SELECT * FROM grid.synth_city(1000, NULL, 1)$$, '22023',
                 'division NULL is not in the division registry', 'a division is needed');
SELECT throws_ok($$SELECT * FROM grid.synth_city(1000, '420599', 1)$$, '22023',
                 'division 420599 is not in the division registry', 'an unknown division is refused');
SELECT throws_ok($$SELECT * FROM grid.synth_city(1000, '420503201', NULL)$$, '22004',
                 'seed must not be null', 'a seed is needed');

-- -------------------------------------- the same seed, the same city
-- A fingerprint of everything made, taken twice (the first city rolled
-- back) outside pgTAP's own bookkeeping.
CREATE FUNCTION pg_temp.city_fingerprint() RETURNS text LANGUAGE sql AS $$
SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
    SELECT 'r' || id::text || name || coalesce(cell, '') || status || array_to_string(phones, ',') FROM grid.resident
    UNION ALL SELECT 'a' || full_text || coalesce(cell, '') FROM grid.standard_address
    UNION ALL SELECT 'c' || code::text || name || ST_AsText(geom) FROM grid.cell
    UNION ALL SELECT 'm' || division::text || role || name || coalesce(cell::text, '') FROM grid.team_member
    UNION ALL SELECT 'h' || resident_id::text || channel || coalesce(temperature::text, '') || report_minute::text
                         || array_to_string(symptoms, ',') FROM grid.health_report
    UNION ALL SELECT 'u' || resident_id::text || outcome FROM grid.unreached
    UNION ALL SELECT 'v' || channel || sender_key FROM grid.report_review
    UNION ALL SELECT 'j' || channel || reason FROM grid.ingest_reject
    UNION ALL SELECT 'p' || person_key || direction || turned_back FROM grid.checkpoint_passage
    UNION ALL SELECT 'n' || name || coalesce(resident_id::text, '') || arrival_date || coalesce(origin::text, origin_text)
        FROM grid.returnee
    UNION ALL SELECT 'k' || resident_id::text || category || status || period_start FROM grid.key_person
    UNION ALL SELECT 's' || resident_id::text || kind || status FROM grid.service_request) t(x)
$$;
SAVEPOINT first_city;
CREATE TEMP TABLE city_first AS SELECT * FROM grid.synth_city(8000, '420503201', 11);
SELECT pg_temp.city_fingerprint() AS fp_first,
       (SELECT string_agg(part || '=' || made, ', ' ORDER BY part) FROM city_first) AS parts_first \gset
ROLLBACK TO SAVEPOINT first_city;
CREATE TEMP TABLE city AS SELECT * FROM grid.synth_city(8000, '420503201', 11);
SELECT is(pg_temp.city_fingerprint(), :'fp_first', 'the same seed makes the same city, row for row');
SELECT is((SELECT string_agg(part || '=' || made, ', ' ORDER BY part) FROM city), :'parts_first',
          'and reports the same counts');
SELECT throws_ok($$SELECT * FROM grid.synth_city(1000, '420503', 11)$$, '55000',
                 'division 420503 already has residents or grid cells', 'a city is made only where there is none');

-- -------------------------------------------------------- the registry
SELECT is((SELECT made FROM city WHERE part = 'residents'),
          (SELECT count(*) FROM grid.resident WHERE division <@ '420503201'), 'residents as reported');
SELECT cmp_ok((SELECT made FROM city WHERE part = 'residents'), '>=', 7980::bigint,
              'about as many residents as asked for (a few IDs may collide)');
SELECT is((SELECT count(*) FROM grid.resident r WHERE r.division <@ '420503201'
              AND (r.household_id IS NULL OR r.address_id IS NULL OR grid.report_cell(r.cell, r.division) IS NULL)),
          0::bigint, 'every resident has a household, a standard address and a cell of their village');
SELECT ok((SELECT count(*)::numeric / count(DISTINCT household_id) FROM grid.resident WHERE division <@ '420503201')
          BETWEEN 2.45 AND 2.85, 'households of about 2.65 persons, as in the census');
SELECT is((SELECT count(*) FROM grid.synth_census_bands() b
            WHERE abs(b.per_cent - (SELECT 100.0 * count(*) FILTER (WHERE grid.age(r.id) BETWEEN b.age_from AND b.age_to)
                                                 / count(*) FROM grid.resident r WHERE r.division <@ '420503201')) > 2.5),
          0::bigint, 'each census age band within 2.5 points of its share');
SELECT ok((SELECT 100.0 * count(*) FILTER (WHERE sex = 'M') / count(*) FROM grid.resident WHERE division <@ '420503201')
          BETWEEN 49.4 AND 53.4, 'men about 51.42 %, as in the census');
SELECT ok((SELECT avg(n) FILTER (WHERE grid.division_name(division) ~ '社区')
                  > 2 * avg(n) FILTER (WHERE grid.division_name(division) !~ '社区')
             FROM (SELECT division, count(*) AS n FROM grid.resident WHERE division <@ '420503201' GROUP BY division) v),
          'communities are denser than villages');
SELECT is((SELECT count(*) FROM grid.division d
            WHERE d.level = 'village' AND d.code <@ '420503201'
              AND NOT EXISTS (SELECT FROM grid.resident r WHERE r.division = d.code)),
          0::bigint, 'every community and village has residents');

-- ------------------------------------------------------ map and teams
SELECT is((SELECT count(*) FROM grid.coverage_problems()), 0::bigint, 'the map has no coverage problem');
SELECT is((SELECT min(n) FROM (SELECT count(*) AS n FROM grid.cell WHERE code <@ '420503201' GROUP BY division) c),
          2::bigint, 'every village has at least two cells');
SELECT ok((SELECT made FROM city WHERE part = 'checkpoints') > 0 AND (SELECT made FROM city WHERE part = 'team members') > 0,
          'checkpoints and team members');

-- --------------------------------------------------------------- the day
SELECT is((SELECT array_agg(DISTINCT channel ORDER BY channel) FROM grid.ingest_reject),
          '{app,checkpoint,proxy,sms,voice}'::text[], 'rejects from every channel');
SELECT is((SELECT count(*) FROM grid.ingest_reject WHERE btrim(reason) = ''), 0::bigint, 'every reject has its reason');
SELECT is((SELECT count(*) FROM grid.ingest_batch WHERE received <> accepted + rejected + duplicates), 0::bigint,
          'every batch received = accepted + rejected + duplicates');
SELECT is((SELECT sum(accepted)::bigint FROM grid.ingest_batch WHERE channel <> 'checkpoint'),
          (SELECT count(*) FROM grid.health_report WHERE channel <> 'checkpoint') + (SELECT count(*) FROM grid.unreached)
          + (SELECT count(*) FROM grid.report_review WHERE channel <> 'checkpoint'),
          'every accepted record is a report, an unreached call or waiting for review');
SELECT is((SELECT sum(accepted)::bigint FROM grid.ingest_batch WHERE channel = 'checkpoint'),
          (SELECT count(*) FROM grid.checkpoint_passage), 'every accepted passage stored');
SELECT is((SELECT array_agg(outcome ORDER BY outcome) FROM (SELECT DISTINCT outcome FROM grid.submitted_record) o),
          '{duplicate,rejected,stored}'::text[], 'the app''s records stored, rejected and sent twice');
SELECT is((SELECT made FROM city WHERE part = 'app records resent under their key (first outcome returned)'), 1000::bigint,
          'a retried request answered under its keys');
SELECT ok((SELECT count(*) FROM grid.report_review) > 0 AND (SELECT count(*) FROM grid.unreached) > 0,
          'records waiting for review, and calls unanswered');
SELECT ok((SELECT count(*) FILTER (WHERE turned_back) FROM grid.checkpoint_passage) > 0
          AND (SELECT count(*) FILTER (WHERE NOT turned_back) FROM grid.checkpoint_passage) > 0,
          'passages let through and turned back');

-- ------------------------------------ returnees, key persons, services
SELECT ok((SELECT count(*) FROM grid.returnee) > 0
          AND (SELECT count(*) FROM grid.returnee WHERE resident_id IS NOT NULL) > 0
          AND (SELECT count(*) FROM grid.returnee WHERE resident_id IS NULL) < (SELECT count(*) FROM grid.returnee) / 2,
          'returnees registered, most linked to a resident');
SELECT is((SELECT returnees_from_epicentre FROM grid.report_screening(grid.report_today(), '420503201') WHERE level = 'township'),
          (SELECT count(*) FROM grid.returnee WHERE origin <@ grid.epicentre() AND division <@ '420503201'),
          'returnees from the epicentre show in screening');
SELECT cmp_ok((SELECT returnees_from_epicentre FROM grid.report_screening(grid.report_today(), '420503201') WHERE level = 'township'),
              '>', 0::bigint, 'and there are some');
SELECT ok((SELECT array_agg(DISTINCT category) @> '{fever_unexcluded,close_contact,epicentre_returnee,home_observation,suspected}'
            FROM grid.key_person WHERE status = 'open'),
          'open key persons of several categories: fevers, close contacts, returnees from the epicentre and from elsewhere, suspected cases');
SELECT ok((SELECT count(*) FROM grid.key_person WHERE category = 'epicentre_returnee' AND status = 'released') > 0,
          'returnees whose 14 days are over released');
SELECT is((SELECT array_agg(DISTINCT status ORDER BY status) FROM grid.service_request),
          '{done,open,taken}'::text[], 'service requests open, taken and done');

-- ------------------------------------------------- every report has rows
CREATE FUNCTION pg_temp.report_rows(fn regproc, day date, division text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %s(%L, %L)', fn, day, division) INTO n;
    RETURN n;
END $$;
SELECT is((SELECT array_agg(c.report ORDER BY c.report) FROM grid.report_catalog() c
            WHERE pg_temp.report_rows(c.function, grid.report_today(), '420503201') = 0),
          NULL, 'every report has rows for the township');
SELECT is((SELECT array_agg(a.report ORDER BY a.report) FROM grid.archive_reports(grid.report_today(), '420503201') a
            WHERE a.rows = 0), NULL, 'and so has every report archived');

SELECT * FROM finish();
ROLLBACK;
