-- Benchmark of the normalize concern (run by test/bench/normalize.sh).
-- Same run, same table: each function against lower(name), a built-in
-- that also reads and writes every character, and against length(name).
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = public, grid;

-- :rows names of 2 to 4 characters (a common or special surname, one or
-- two given-name characters; one in five traditional), a phone in one of
-- four writings, a resident ID with one in ten mistyped.
DROP TABLE IF EXISTS bench_people;
CREATE UNLOGGED TABLE bench_people AS
SELECT g,
       (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','胡','朱','高','林','何','郭','马','罗',
              '单','曾','区','欧阳','尉迟','張','劉','陳','黃','趙'])[1 + g % 30]
       || substr('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英華國強麗偉', 1 + (g * 7) % 33, 1)
       || CASE WHEN g % 3 = 0 THEN '' ELSE substr('春夏秋冬梅兰竹菊文武德才红玉金银', 1 + (g * 13) % 16, 1) END
           AS name,
       (ARRAY['+86 138 ', '0086-139-', '(+86)', '１３７'])[1 + g % 4]
       || lpad(((g::bigint * 48271) % 100000000)::text, 8, '0') AS phone,
       '42050319900307123' || CASE WHEN g % 10 = 0 THEN '1' ELSE '0' END AS id
  FROM generate_series(1, :rows) g;
VACUUM ANALYZE bench_people;

-- Best of three runs of each, in milliseconds.
\ir best_time.sql

CREATE TEMP TABLE bench_result AS
SELECT f, bench_time(q) AS ms
  FROM (VALUES (1, 'length(name) (floor)', 'SELECT count(length(name)) FROM bench_people'),
               (2, 'lower(name) (baseline)', 'SELECT count(lower(name)) FROM bench_people'),
               (3, 'grid.normalize_name', 'SELECT count(grid.normalize_name(name)) FROM bench_people'),
               (4, 'grid.pinyin', 'SELECT count(grid.pinyin(name)) FROM bench_people'),
               (5, 'grid.pinyin_fuzzy', 'SELECT count(grid.pinyin_fuzzy(name)) FROM bench_people'),
               (6, 'grid.pinyin_initials', 'SELECT count(grid.pinyin_initials(name)) FROM bench_people'),
               (7, 'grid.normalize_phone', 'SELECT count(grid.normalize_phone(phone)) FROM bench_people'),
               (8, 'grid.name_similarity (row against a fixed name)',
                   'SELECT count(grid.name_similarity(name, ''刘春丽'')) FROM bench_people'),
               (9, 'grid.id_similarity (row against a fixed ID)',
                   'SELECT count(grid.id_similarity(id, ''420503199003071230'')) FROM bench_people')
       ) AS t(n, f, q)
 ORDER BY n;

\echo
\echo == :rows rows, best of 3 ==
SELECT r.f AS "function", r.ms AS "ms",
       round(r.ms / b.ms, 2) AS "/ lower()",
       round(:rows / r.ms / 1000, 2) AS "M rows/s"
  FROM bench_result r, (SELECT ms FROM bench_result WHERE f LIKE 'lower%') b;

DROP TABLE bench_people;
DROP FUNCTION bench_time(text, int);
