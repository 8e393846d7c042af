-- Data for the access benchmark (run by test/bench/access.sh): :people
-- people at village level spread over village-like codes under Yichang's
-- 13 real county-level divisions (10 townships x 12 villages each, so
-- 王家河社区 420503004001 is one of them), and :reports health reports over
-- two days.  Both tables under grid.enable_access; one role per level, and
-- bench_two with two villages in different townships.
\set ON_ERROR_STOP on
SET search_path = public, grid;

DROP TABLE IF EXISTS bench_villages, bench_people, bench_reports;
CREATE TABLE bench_villages AS
SELECT row_number() OVER (ORDER BY code) - 1 AS n, grid.division_code(code) AS division
  FROM (SELECT c || lpad(t::text, 3, '0') || lpad(v::text, 3, '0') AS code
          FROM unnest(ARRAY['420502','420503','420504','420505','420506','420525','420526',
                            '420527','420528','420529','420581','420582','420583']) c,
               generate_series(1, 10) t, generate_series(1, 12) v) s;
CREATE TABLE bench_people (
    id       bigint PRIMARY KEY,
    division grid.division_code NOT NULL,
    name     text NOT NULL
);
INSERT INTO bench_people
SELECT g, v.division, 'person ' || g
  FROM generate_series(1, :people) g
  JOIN bench_villages v ON v.n = (g::bigint * 7919) % 1560;
CREATE INDEX ON bench_people (division);

CREATE TABLE bench_reports (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    division    grid.division_code NOT NULL,
    person      bigint NOT NULL,
    day         date NOT NULL,
    temperature numeric(3,1) NOT NULL
);
INSERT INTO bench_reports (division, person, day, temperature)
SELECT p.division, p.id, date '2020-02-10' + (g / 1000 % 2)::integer, 36.0 + (g % 15) / 10.0
  FROM generate_series(1, :reports) g
  JOIN bench_people p ON p.id = 1 + (g::bigint * 104729) % :people;
CREATE INDEX ON bench_reports (division, day);
VACUUM ANALYZE bench_people;
VACUUM ANALYZE bench_reports;

SELECT grid.enable_access('bench_people');
SELECT grid.enable_access('bench_reports');
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('bench_city', '4205'), ('bench_county', '420503'),
                                   ('bench_township', '420503004'), ('bench_village', '420503004001'),
                                   ('bench_two', '420503004001'), ('bench_two', '420503007002')) v(role, code) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.role) THEN
            EXECUTE format('CREATE ROLE %I', r.role);
        END IF;
        EXECUTE format('GRANT SELECT ON bench_people, bench_reports TO %I', r.role);
        PERFORM grid.revoke_scope(r.role::regrole, r.code::grid.division_code);
        PERFORM grid.grant_scope(r.role::regrole, r.code::grid.division_code);
    END LOOP;
END $$;
SELECT count(*) AS people, (SELECT count(*) FROM bench_reports) AS reports,
       (SELECT count(*) FROM bench_villages) AS villages FROM bench_people;
