-- pgTAP: access, adversarially: every route a village or township user
-- might take to rows of another jurisdiction, and the look-up pattern for
-- searches that row-level security cannot index.
BEGIN;
\ir access_fixture.inc
SELECT plan(49);

-- Functions and views owned by others, made by the owner (postgres).
-- A SECURITY DEFINER function owned by the county role: scope follows the
-- person calling, not the owner, so it cannot widen a village's view.
CREATE FUNCTION public.t_county_count() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$ SELECT count(*) FROM public.t_people $$;
ALTER FUNCTION public.t_county_count() OWNER TO tap_county;
-- A plain view (not security_invoker) owned by the county role.
CREATE VIEW public.t_county_view AS SELECT id, division, name FROM public.t_people;
ALTER VIEW public.t_county_view OWNER TO tap_county;
GRANT SELECT ON public.t_county_view TO PUBLIC;
-- A report view as the report concern will write them.
CREATE VIEW public.t_daily WITH (security_invoker = true) AS
SELECT division, day, count(*) AS reports, max(temperature) AS max_temperature
  FROM public.t_reports GROUP BY division, day;
GRANT SELECT ON public.t_daily TO PUBLIC;
-- The look-up pattern: a name search with LIKE (not leakproof, so it could
-- not use an index under row-level security) runs as the owner, applies the
-- caller's scope itself and records the look-up.
CREATE FUNCTION public.t_find_by_name(pattern text)
    RETURNS TABLE (id integer, division grid.division_code, name text, phone text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    RETURN QUERY
    SELECT p.id, p.division, p.name, grid.show_phone(p.phone, p.division)
      FROM public.t_people p
     WHERE p.name LIKE pattern
       AND grid.in_my_scope(p.division)
     ORDER BY p.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM grid.audit_lookup('name', pattern, n);
END
$$;
-- Owned by the superuser, so it sees past row-level security: the scope
-- check inside is what protects the rows.
GRANT EXECUTE ON FUNCTION public.t_find_by_name(text) TO PUBLIC;

-- 1. Joins.
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT count(*) FROM t_reports r JOIN t_people p ON p.id = r.person), 10::bigint,
          'join of reports and people: only the village''s');
SELECT is((SELECT count(*) FROM t_reports r LEFT JOIN t_people p ON p.id = r.person WHERE p.id IS NULL), 0::bigint,
          'no report of its own points at a hidden person');
SELECT is((SELECT count(*) FROM t_people a, t_people b), 25::bigint, 'a self cross join: 5 x 5');
-- A report of its own pointing at a hidden person does not bring them in.
INSERT INTO t_reports (division, person, day, temperature) VALUES ('420503004001', 7, '2020-02-12', 38.5);
SELECT is((SELECT count(*) FROM t_reports r JOIN t_people p ON p.id = r.person WHERE r.person = 7), 0::bigint,
          'a report naming 中一 (id 7) does not join to 中一');
RESET SESSION AUTHORIZATION;

-- 2. Views and functions owned by others.
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT count(*) FROM t_daily WHERE day = '2020-02-10'), 2::bigint,
          'security_invoker report view: the village''s two divisions (village and grid)');
SELECT is((SELECT sum(reports) FROM t_daily), 11::numeric, 'security_invoker report view: its 11 reports');
SELECT is((SELECT count(*) FROM t_county_view), 5::bigint,
          'a plain view owned by the county role still shows the village only its own');
SELECT is(t_county_count(), 5::bigint,
          'a SECURITY DEFINER function owned by the county role counts only the village''s rows');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_county;
SELECT is((SELECT count(*) FROM t_county_view), 1006::bigint, 'the same view shows the county its 1006');
RESET SESSION AUTHORIZATION;

-- 3. Errors that would reveal a hidden value: the user's own conditions
--    are not leakproof and run only on rows the policy let through.
SET SESSION AUTHORIZATION tap_village;
SELECT lives_ok($$SELECT count(*) FROM t_people WHERE 1 / (id - 7) IS NOT NULL$$,
                'village: division by zero on hidden id 7 never fires');
SELECT lives_ok($$SELECT count(*) FROM t_people WHERE CASE WHEN name = '中一' THEN name::integer ELSE 0 END = 0$$,
                'village: a failing cast on a hidden name never fires');
SELECT lives_ok($$SELECT count(*) FROM t_people WHERE id::text = (SELECT 'x' || 1 / (max(id) - 7) FROM t_people)$$,
                'village: max(id) over its own rows is not 7');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_admin;
SELECT throws_ok($$SELECT count(*) FROM t_people WHERE 1 / (id - 7) IS NOT NULL$$,
                 '22012', NULL, 'control: the administrator, who sees id 7, does hit the division by zero');
RESET SESSION AUTHORIZATION;

-- 4. EXPLAIN ANALYZE: the numbers it prints for a hidden village are those
--    for a division with no rows at all.
CREATE FUNCTION public.t_plan_numbers(q text) RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(m[1], ',' ORDER BY ord)
      FROM public.t_explain('EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q) WITH ORDINALITY AS l(line, ord),
           regexp_matches(line, '(rows=\d+|Removed by \w+: \d+|Heap Blocks: .*)', 'g') m
$$;
SET SESSION AUTHORIZATION tap_village;
SELECT is(t_plan_numbers($$SELECT * FROM t_people WHERE division = '420502002021'$$),
          t_plan_numbers($$SELECT * FROM t_people WHERE division = '420502002099'$$),
          'EXPLAIN ANALYZE of 中书街社区 (3 hidden people) prints what it prints for an empty division');
SELECT is(t_plan_numbers($$SELECT * FROM t_reports WHERE division = '420503010001' AND day = '2020-02-10'$$),
          t_plan_numbers($$SELECT * FROM t_reports WHERE division = '420503010099' AND day = '2020-02-10'$$),
          'EXPLAIN ANALYZE of a hidden village with 10 reports a day prints what an empty one does');
-- Known limit (see README): a unique key that does not begin with division
-- is searched before the policy filters, so EXPLAIN ANALYZE shows that a
-- hidden row with that key exists (never what it holds).
SELECT is(t_plan_numbers($$SELECT * FROM t_people WHERE id = 7$$), 'rows=0,Removed by Filter: 1,rows=1',
          'known limit: EXPLAIN ANALYZE by a hidden primary key shows one row removed, not its content');
RESET SESSION AUTHORIZATION;

-- 5. search_path, its own functions and operators, leaky functions.
SET SESSION AUTHORIZATION tap_village;
SELECT throws_ok($$CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'$$, '42501', NULL,
                 'village: cannot create functions in public');
SELECT throws_ok($$CREATE FUNCTION grid.scope_lo(integer) RETURNS int LANGUAGE sql AS 'SELECT 1'$$, '42501', NULL,
                 'village: cannot create functions in grid');
SELECT throws_ok($$CREATE SCHEMA evil$$, '42501', NULL, 'village: cannot create a schema');
SELECT throws_ok($$CREATE FUNCTION pg_temp.leak_proof(integer) RETURNS boolean LANGUAGE sql LEAKPROOF AS 'SELECT true'$$,
                 '42501', NULL, 'village: cannot declare a function LEAKPROOF');
-- Temporary look-alikes of the scope functions and a path that puts them first.
CREATE FUNCTION pg_temp.scope_lo() RETURNS grid.division_code LANGUAGE sql AS $$ SELECT '4205'::grid.division_code $$;
CREATE FUNCTION pg_temp.scope_hi() RETURNS grid.division_code LANGUAGE sql AS $$ SELECT '420599999999999'::grid.division_code $$;
SET LOCAL search_path = pg_temp, public, grid;
SELECT is((SELECT count(*) FROM t_people), 5::bigint, 'village: look-alike scope functions first on the path change nothing');
SET LOCAL search_path = public, grid;
-- A leaky function and a leaky operator in WHERE see only visible rows.
CREATE TEMP TABLE leaked (id integer, name text);
CREATE FUNCTION pg_temp.leak(integer, text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$
BEGIN
    INSERT INTO pg_temp.leaked VALUES ($1, $2);
    RETURN true;
END
$$;
CREATE OPERATOR pg_temp.<<< (FUNCTION = pg_temp.leak, LEFTARG = integer, RIGHTARG = text);
SELECT is((SELECT count(*) FROM t_people WHERE pg_temp.leak(id, name)), 5::bigint, 'village: a cheap leaky function in WHERE');
SELECT is((SELECT count(*) FROM t_people WHERE id OPERATOR(pg_temp.<<<) name), 5::bigint, 'village: a leaky operator in WHERE');
SELECT is((SELECT count(*) FROM t_people p JOIN t_reports r ON r.person = p.id AND pg_temp.leak(r.person, p.name)), 10::bigint,
          'village: a leaky function in a join condition');
SELECT is((SELECT array_agg(DISTINCT id ORDER BY id) FROM leaked), ARRAY[1, 2, 3, 4, 5],
          'the leaky function saw only ids 1-5');
RESET SESSION AUTHORIZATION;

-- 6. Statistics that would describe hidden rows are withheld.
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT count(*) FROM pg_stats WHERE tablename = 't_people'), 0::bigint,
          'village: pg_stats shows nothing of a table under row-level security');
RESET SESSION AUTHORIZATION;

-- 7. The look-up pattern: scope applied inside, audit written.
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT array_agg(id) FROM t_find_by_name('王%')), ARRAY[1, 2, 3, 4, 5],
          'look-up by name as the village: its 5 王');
SELECT is((SELECT count(*) FROM t_find_by_name('中%')), 0::bigint, 'look-up of 中书街''s names finds nothing');
SELECT is((SELECT phone FROM t_find_by_name('王一')), '13812345671', 'the village sees its own phone numbers in full');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_city;
SELECT is((SELECT count(*) FROM t_find_by_name('%一')), 5::bigint, 'look-up by name as the city: 王一 伍一 中一 范一 安一');
SELECT is((SELECT phone FROM t_find_by_name('王一')), '138****5671', 'the city sees phone numbers masked');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_nobody;
SELECT is((SELECT count(*) FROM t_find_by_name('%')), 0::bigint, 'look-up with no scope finds no one');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(role || ':' || query || ':' || results ORDER BY id) FROM grid.lookup_audit
            WHERE role LIKE 'tap_%'),
          ARRAY['tap_village:王%:5', 'tap_village:中%:0', 'tap_village:王一:1',
                'tap_city:%一:5', 'tap_city:王一:1', 'tap_nobody:%:0'],
          'every look-up was recorded with who asked, what and how many results');

-- 8. Partitions queried by name keep the policies.
CREATE TABLE public.t_parted (division grid.division_code NOT NULL, n integer) PARTITION BY RANGE (division);
CREATE TABLE public.t_parted_a PARTITION OF public.t_parted FOR VALUES FROM ('420502') TO ('420503');
CREATE TABLE public.t_parted_b PARTITION OF public.t_parted FOR VALUES FROM ('420503') TO ('420504');
CREATE INDEX ON public.t_parted (division);
INSERT INTO public.t_parted VALUES ('420502002021', 1), ('420503004001', 2), ('420503004002', 3);
SELECT grid.enable_access('public.t_parted') IS NULL AS enabled \gset
GRANT SELECT ON public.t_parted, public.t_parted_a, public.t_parted_b TO tap_village;
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT count(*) FROM t_parted), 1::bigint, 'partitioned table: the village''s one row');
SELECT is((SELECT count(*) FROM t_parted_b), 1::bigint, 'its partition by name: still one row');
SELECT is((SELECT count(*) FROM t_parted_a), 0::bigint, 'the other partition by name: nothing');
RESET SESSION AUTHORIZATION;

-- 9. Masking that holds: the raw identifier columns are not granted; a
--    plain view owned by a reader role (neither owner nor BYPASSRLS) shows
--    them through grid.show_id / grid.show_phone.  Its rows are still the
--    caller's, because scopes follow the acting role.
CREATE ROLE tap_reader NOLOGIN;
GRANT SELECT ON public.t_people TO tap_reader;
CREATE VIEW public.t_people_report AS
SELECT id, division, name, grid.show_id(rid, division) AS rid, grid.show_phone(phone, division) AS phone
  FROM public.t_people;
ALTER VIEW public.t_people_report OWNER TO tap_reader;
CREATE ROLE tap_county_clerk LOGIN;
GRANT SELECT (id, division, name) ON public.t_people TO tap_county_clerk;
GRANT SELECT ON public.t_people_report TO tap_county_clerk, tap_village;
SELECT grid.grant_scope('tap_county_clerk', '420503') IS NULL AS granted \gset
SET SESSION AUTHORIZATION tap_county_clerk;
SELECT throws_ok($$SELECT rid FROM t_people$$, '42501', NULL, 'county clerk: cannot read the raw ID column');
SELECT is((SELECT count(*) FROM t_people_report), 1006::bigint, 'county clerk: the report view shows the county''s 1006 rows');
SELECT is((SELECT rid || ' ' || phone FROM t_people_report WHERE id = 1), '420503********1230 138****5671',
          'county clerk: identifiers masked');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT count(*) FROM t_people_report), 5::bigint, 'village: the same view shows its 5');
SELECT is((SELECT rid || ' ' || phone FROM t_people_report WHERE id = 1), '420503199003071230 13812345671',
          'village: its own residents in full');
RESET SESSION AUTHORIZATION;


-- N. Roles with one range of scopes skip the per-row test; that can never
--    show what lies between the scopes of a role that has several.
SELECT ok(pg_has_role('tap_village', 'grid_single_scope', 'MEMBER'), 'a one-scope role is in grid_single_scope');
CREATE ROLE tap_two LOGIN;
GRANT SELECT ON public.t_people TO tap_two;
SELECT grid.grant_scope('tap_two', '420503004001') IS NULL AS granted \gset
SELECT ok(pg_has_role('tap_two', 'grid_single_scope', 'MEMBER'), 'one scope: a member');
SELECT grid.grant_scope('tap_two', '420504001203') IS NULL AS granted \gset
SELECT ok(NOT pg_has_role('tap_two', 'grid_single_scope', 'MEMBER'), 'a second, separate scope: no longer a member');
SET SESSION AUTHORIZATION tap_two;
SELECT is((SELECT count(*) FROM t_people), 7::bigint, 'two scopes: 王家河社区''s 5 and 范家湖村''s 2, nothing between');
SELECT ok(EXISTS (SELECT FROM t_explain('EXPLAIN SELECT count(*) FROM t_people') l WHERE l LIKE '%Filter:%<@ ANY%'),
          'two scopes: the plan keeps the per-row test');
RESET SESSION AUTHORIZATION;
-- Inheriting two separate ranges from two members of the group: refused.
CREATE ROLE tap_heir LOGIN IN ROLE tap_village;
CREATE ROLE tap_other;
GRANT SELECT ON public.t_people TO tap_other;
SELECT grid.grant_scope('tap_other', '420525101008') IS NULL AS granted \gset
GRANT tap_other TO tap_heir;
SET SESSION AUTHORIZATION tap_heir;
SELECT throws_ok($$SELECT count(*) FROM t_people$$, '42501', NULL,
                 'a role inheriting two separate ranges from members of the group is refused, not shown the span');
RESET SESSION AUTHORIZATION;
-- A plain view owned by a one-scope role, read by a two-scope role: refused.
CREATE VIEW public.t_village_view AS SELECT id, division FROM public.t_people;
ALTER VIEW public.t_village_view OWNER TO tap_village;
GRANT SELECT ON public.t_village_view TO tap_two;
SET SESSION AUTHORIZATION tap_two;
SELECT throws_ok($$SELECT count(*) FROM t_village_view$$, '42501', NULL,
                 'a view owned by a one-scope role refuses a reader with two scopes');
RESET SESSION AUTHORIZATION;
-- Only administrators change the group.
SET SESSION AUTHORIZATION tap_village;
SELECT throws_ok($$SELECT grid.sync_single_scope('tap_two')$$, '42501', NULL,
                 'village: cannot call grid.sync_single_scope');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
