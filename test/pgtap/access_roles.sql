-- pgTAP: access, as each role it names: what every level sees and may
-- change, index use, what no one may change, and the pooled login.
BEGIN;
\ir access_fixture.inc
SELECT plan(70);

-- The city.
SET SESSION AUTHORIZATION tap_city;
SELECT is((SELECT count(*) FROM t_people), 3012::bigint, 'city: sees all 3012 people of Yichang');
SELECT is((SELECT count(*) FROM t_reports), 6024::bigint, 'city: sees all 6024 reports');
SELECT is((SELECT count(*) FROM t_reports WHERE day = '2020-02-10'), 3012::bigint, 'city: daily count');
SELECT is((SELECT array_agg(division::text) FROM grid.my_scope()), ARRAY['4205'], 'city: my_scope says 4205');
RESET SESSION AUTHORIZATION;

-- The county 伍家岗区.
SET SESSION AUTHORIZATION tap_county;
SELECT is((SELECT count(*) FROM t_people), 1006::bigint, 'county: sees its 1006 people');
SELECT is((SELECT count(*) FROM t_reports WHERE day = '2020-02-10'), 1006::bigint, 'county: daily count');
SELECT is((SELECT count(*) FROM t_people WHERE division <@ '420502'), 0::bigint, 'county: nothing of 西陵区');
SELECT ok((SELECT bool_and(division <@ '420503') FROM t_people), 'county: every row it sees lies in 420503');
SELECT ok((SELECT string_agg(l, E'\n') FROM t_explain('EXPLAIN (COSTS OFF) SELECT count(*) FROM t_reports WHERE day = ''2020-02-10''') l)
          ~ 'Index Cond: \(\(division >= \$0\) AND \(division <= \$1\)',
          'county: the daily count uses the division index with the scope as its range');
RESET SESSION AUTHORIZATION;

-- The township 伍家岗街道.
SET SESSION AUTHORIZATION tap_township;
SELECT is((SELECT count(*) FROM t_people), 6::bigint, 'township: sees its 6 people');
SELECT is((SELECT array_agg(id ORDER BY id) FROM t_people), ARRAY[1, 2, 3, 4, 5, 6], 'township: exactly ids 1-6');
SELECT is((SELECT count(*) FROM t_reports WHERE day = '2020-02-10'), 6::bigint, 'township: daily count');
SELECT ok((SELECT string_agg(l, E'\n') FROM t_explain('EXPLAIN (COSTS OFF) SELECT count(*) FROM t_reports WHERE day = ''2020-02-10''') l)
          ~ 'Index Cond: \(\(division >= \$0\) AND \(division <= \$1\)',
          'township: the daily count uses the division index');
RESET SESSION AUTHORIZATION;

-- The village 王家河社区.
SET SESSION AUTHORIZATION tap_village;
SELECT is((SELECT count(*) FROM t_people), 5::bigint, 'village: sees its 5 people (3 + 2 in its grid)');
SELECT is((SELECT array_agg(id ORDER BY id) FROM t_people), ARRAY[1, 2, 3, 4, 5], 'village: exactly ids 1-5');
SELECT is((SELECT count(*) FROM t_reports), 10::bigint, 'village: sees its 10 reports');
SELECT is((SELECT count(*) FROM t_people WHERE id IN (6, 7, 10, 12)), 0::bigint, 'village: others by id: nothing');
SELECT ok((SELECT string_agg(l, E'\n') FROM t_explain('EXPLAIN (COSTS OFF) SELECT count(*) FROM t_reports WHERE day = ''2020-02-10''') l)
          ~ 'Index Cond: \(\(division >= \$0\) AND \(division <= \$1\)',
          'village: the daily count uses the division index');
SELECT ok((SELECT string_agg(l, E'\n') FROM t_explain('EXPLAIN (COSTS OFF) SELECT count(*) FROM t_people') l)
          ~ 'InitPlan 1 \(returns \$0\)',
          'village: the scope is computed once, as an InitPlan');
-- Writes.
SELECT lives_ok($$INSERT INTO t_people (id, division, name) VALUES (100, '420503004001', '新一')$$,
                'village: may insert into its village');
SELECT lives_ok($$INSERT INTO t_people (id, division, name) VALUES (101, '420503004001009', '新二')$$,
                'village: may insert into a grid of its village');
SELECT throws_ok($$INSERT INTO t_people (id, division, name) VALUES (102, '420502002021', '新三')$$,
                 '42501', 'new row violates row-level security policy "grid_scope_insert" for table "t_people"',
                 'village: insert into 中书街社区 is refused, naming the policy');
SELECT throws_ok($$INSERT INTO t_people (id, division, name) VALUES (103, '420503004', '新四')$$,
                 '42501', NULL, 'village: insert at its township''s own level is refused');
SELECT throws_ok($$INSERT INTO t_people (id, division, name) VALUES (104, '420503004002', '新五')$$,
                 '42501', NULL, 'village: insert into the neighbouring village is refused');
SELECT throws_ok($$INSERT INTO t_reports (division, person, day, temperature) VALUES ('420504001203', 10, '2020-02-12', 37.9)$$,
                 '42501', NULL, 'village: a report for 范家湖村 is refused');
SELECT is((SELECT count(*) FROM (SELECT 1 FROM (VALUES (1)) v
             WHERE EXISTS (SELECT 1 FROM t_people WHERE id = 7)) s), 0::bigint, 'village: EXISTS on a hidden row is false');
UPDATE t_people SET name = 'changed' WHERE id IN (1, 7, 10);
SELECT is((SELECT count(*) FROM t_people WHERE name = 'changed'), 1::bigint, 'village: an update reaches only its own row');
SELECT throws_ok($$UPDATE t_people SET division = '420502002021' WHERE id = 2$$,
                 '42501', 'new row violates row-level security policy "grid_scope_update" for table "t_people"',
                 'village: cannot move a row out of its scope');
SELECT throws_ok($$UPDATE t_people SET division = '420503004' WHERE id = 3$$,
                 '42501', NULL, 'village: cannot move a row up to its township');
SELECT lives_ok($$UPDATE t_people SET division = '420503004001007' WHERE id = 3$$,
                'village: may move a row into its own grid');
DELETE FROM t_people WHERE id IN (101, 6, 8, 11);
DELETE FROM t_reports WHERE person IN (6, 8, 11);
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(id ORDER BY id) FROM t_people WHERE id IN (1, 6, 7, 8, 10, 11, 100, 101, 102)),
          ARRAY[1, 6, 7, 8, 10, 11, 100], 'owner: the village deleted only its own row 101 and added 100');
SELECT is((SELECT array_agg(name ORDER BY id) FROM t_people WHERE id IN (1, 7, 10)),
          ARRAY['changed', '中一', '范一'], 'owner: the village''s update left 中一 and 范一 alone');
SELECT is((SELECT count(*) FROM t_reports WHERE person IN (6, 8, 11)), 6::bigint, 'owner: other villages'' reports are all there');

-- A login without scope sees and changes nothing.
SET SESSION AUTHORIZATION tap_nobody;
SELECT is((SELECT count(*) FROM t_people), 0::bigint, 'no scope: sees no people');
SELECT is((SELECT count(*) FROM t_reports), 0::bigint, 'no scope: sees no reports');
SELECT is((SELECT count(*) FROM grid.my_scope()), 0::bigint, 'no scope: my_scope is empty');
SELECT throws_ok($$INSERT INTO t_people (id, division, name) VALUES (200, '420503004001', 'x')$$,
                 '42501', NULL, 'no scope: cannot insert anywhere');
RESET SESSION AUTHORIZATION;

-- The administrator sees and changes everything, and manages scopes.
SET SESSION AUTHORIZATION tap_admin;
SELECT is((SELECT count(*) FROM t_people), 3013::bigint, 'admin: sees everyone (3012, and the village''s 100)');
SELECT lives_ok($$INSERT INTO t_people (id, division, name) VALUES (300, '420525101008', '安二')$$,
                'admin: may insert anywhere');
SELECT lives_ok($$SELECT grid.grant_scope('tap_nobody', '420504001203')$$, 'admin: may grant a scope');
SELECT is((SELECT count(*) FROM grid.list_scopes('tap_nobody')), 1::bigint, 'admin: may list scopes');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_nobody;
SELECT is((SELECT count(*) FROM t_people), 2::bigint, 'the granted scope takes effect: 范家湖村''s 2 people');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_admin;
SELECT is(grid.revoke_scope('tap_nobody'), 1, 'admin: may revoke it');
RESET SESSION AUTHORIZATION;

-- No one but an administrator changes scopes, policies or the audit.
GRANT SELECT ON grid.resident TO tap_village;
SET SESSION AUTHORIZATION tap_village;
SELECT throws_ok($$SELECT grid.grant_scope('tap_village', '4205')$$, '42501', NULL,
                 'village: cannot widen its own scope');
SELECT throws_ok($$SELECT grid.revoke_scope('tap_township')$$, '42501', NULL,
                 'village: cannot revoke another''s scope');
SELECT throws_ok($$INSERT INTO grid.access_scope (role, division, granted_by) VALUES ('tap_village', '4205', 'me')$$,
                 '42501', NULL, 'village: cannot write the scope table');
SELECT throws_ok($$UPDATE grid.access_scope SET division = '4205'$$, '42501', NULL,
                 'village: cannot update the scope table');
SELECT throws_ok($$SELECT count(*) FROM grid.access_scope$$, '42501', NULL,
                 'village: cannot read the scope table');
SELECT throws_ok($$SELECT grid.disable_access('t_people')$$, '42501', NULL,
                 'village: cannot take the policies off');
SELECT throws_ok($$ALTER TABLE t_people DISABLE ROW LEVEL SECURITY$$, '42501', NULL,
                 'village: cannot disable row-level security');
SELECT throws_ok($$DROP POLICY grid_scope_select ON t_people$$, '42501', NULL,
                 'village: cannot drop a policy');
SELECT throws_ok($$SET ROLE tap_county$$, '42501', NULL,
                 'village: cannot SET ROLE to a role it does not have');
SELECT throws_ok($$SET ROLE grid_admin$$, '42501', NULL,
                 'village: cannot SET ROLE grid_admin');
SET LOCAL row_security = off;
SELECT throws_ok($$SELECT count(*) FROM t_people$$, '42501', NULL,
                 'village: row_security = off raises an error instead of showing more');
RESET row_security;
-- The audit trail is append-only, written only by the look-up functions.
SELECT lives_ok($$SELECT * FROM grid.find_resident('420503199003071230')$$, 'village: a look-up is recorded');
SELECT throws_ok($$SELECT grid.audit_lookup('id', '420503199003071230', 1)$$, '42501', NULL,
                 'village: cannot record a look-up of its own making');
SELECT throws_ok($$INSERT INTO grid.lookup_audit (role, login, kind, query, results) VALUES ('tap_county', 'x', 'id', 'x', 0)$$,
                 '42501', NULL, 'village: cannot write the audit directly (or in another''s name)');
SELECT throws_ok($$UPDATE grid.lookup_audit SET results = 0$$, '42501', NULL, 'village: cannot update the audit');
SELECT throws_ok($$DELETE FROM grid.lookup_audit$$, '42501', NULL, 'village: cannot delete from the audit');
SELECT throws_ok($$TRUNCATE grid.lookup_audit$$, '42501', NULL, 'village: cannot truncate the audit');
SELECT throws_ok($$SELECT count(*) FROM grid.lookup_audit$$, '42501', NULL, 'village: cannot read the audit');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION tap_admin;
SELECT throws_ok($$UPDATE grid.lookup_audit SET results = 0$$, '42501', NULL, 'admin: cannot rewrite the audit either');
SELECT is((SELECT role || ' ' || login || ' ' || kind || ' ' || results FROM grid.lookup_audit
            WHERE role = 'tap_village'), 'tap_village tap_village find_resident 0', 'admin: reads who looked up what');
RESET SESSION AUTHORIZATION;

-- An application's pooled login switches to the person's role.
SET SESSION AUTHORIZATION tap_pool;
SELECT throws_ok($$SELECT count(*) FROM t_people$$, '42501', NULL,
                 'pool: the login itself has no privileges of the roles granted to it (NOINHERIT)');
SET ROLE tap_village;
SELECT is((SELECT count(*) FROM t_people), 6::bigint, 'pool as village: sees the village (5, and 100 added)');
SELECT lives_ok($$SELECT * FROM grid.find_resident(NULL, '王一', birth_date => '1990-03-07')$$, 'pool as village: look-up recorded');
SET ROLE tap_township;
SELECT is((SELECT count(*) FROM t_people), 7::bigint, 'pool as township: sees the township (the village''s 6 and 伍一)');
RESET ROLE;
SELECT throws_ok($$SELECT count(*) FROM t_people$$, '42501', NULL,
                 'pool: after RESET ROLE at return to the pool, nothing again');
SELECT throws_ok($$SET ROLE tap_county$$, '42501', NULL, 'pool: cannot switch to a role not granted to it');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT role || ' ' || login FROM grid.lookup_audit WHERE kind = 'find_resident' AND query ~ 'name=王一'),
          'tap_village tap_pool', 'the audit names the person and the pooled login');

SELECT * FROM finish();
ROLLBACK;
