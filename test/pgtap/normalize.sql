-- pgTAP: the normalize concern over whole character ranges and many
-- generated cases, and its declared shape.
BEGIN;
SELECT plan(31);
SET LOCAL search_path = public, grid;

-- Every character of the CJK Unified Ideographs block (U+4E00-U+9FFF).
CREATE TEMP TABLE han AS
SELECT cp, chr(cp) AS c, grid.pinyin(chr(cp), false) AS py, grid.normalize_name(chr(cp)) AS key
  FROM generate_series(x'4E00'::int, x'9FFF'::int) cp;

-- Unihan gives no Mandarin reading to a few late additions (U+9FA6 on, most
-- of them Cantonese) and to multi-syllable unit characters such as 兙.
SELECT cmp_ok((SELECT count(*) FROM han WHERE py = ''), '<', 100::bigint,
              'all but fewer than 100 characters of the basic CJK block have a reading');
SELECT is((SELECT count(*) FROM han WHERE py <> '' AND py !~ '^[a-z]{1,6}$'), 0::bigint,
          'each reading is one toneless syllable of ASCII letters');
SELECT is((SELECT count(*) FROM han WHERE grid.normalize_name(key) <> key), 0::bigint,
          'normalize_name is idempotent on every character');
SELECT is((SELECT count(*) FROM han WHERE length(key) <> 1), 0::bigint,
          'every character normalizes to one character');
SELECT cmp_ok((SELECT count(*) FROM han WHERE key <> c), '>', 2500::bigint,
              'thousands of traditional characters are simplified');
SELECT is((SELECT count(*) FROM han WHERE grid.pinyin_initials(c, false) <> left(py, 1)), 0::bigint,
          'initials are the first letters of the readings');

-- Traditional and simplified forms of names are one name.
CREATE TEMP TABLE pairs (trad text, simp text);
INSERT INTO pairs VALUES
    ('張偉', '张伟'), ('劉德華', '刘德华'), ('陳國強', '陈国强'), ('黃麗華', '黄丽华'),
    ('趙雲', '赵云'), ('鄧小平', '邓小平'), ('蕭紅', '萧红'), ('鍾曉東', '钟晓东'),
    ('歐陽娜娜', '欧阳娜娜'), ('單田芳', '单田芳'), ('區永平', '区永平'), ('尉遲恭', '尉迟恭'),
    ('諸葛亮', '诸葛亮'), ('閻錫山', '阎锡山'), ('龐統', '庞统'), ('譚嗣同', '谭嗣同'),
    ('韓愈', '韩愈'), ('蘇軾', '苏轼'), ('鄭成功', '郑成功'), ('嚴復', '严复');
SELECT is((SELECT count(*) FROM pairs WHERE grid.normalize_name(trad) <> simp), 0::bigint,
          'traditional names normalize to the simplified');
SELECT is((SELECT count(*) FROM pairs WHERE grid.pinyin(trad) <> grid.pinyin(simp)), 0::bigint,
          'traditional and simplified names read alike, surnames included');
SELECT is((SELECT count(*) FROM pairs WHERE grid.name_similarity(trad, simp) <> 1), 0::bigint,
          'traditional and simplified names have similarity 1');

-- Homophones: every pair of different common characters with the same
-- reading, as the given name after 王, scores 0.9; fuzzy pairs 0.8.
CREATE TEMP TABLE common AS
SELECT c, py FROM han WHERE c = key AND py <> '' AND cp BETWEEN x'4E00'::int AND x'4FFF'::int;
SELECT is((SELECT count(*) FROM common a JOIN common b ON a.py = b.py AND a.c < b.c
            WHERE grid.name_similarity('王' || a.c, '王' || b.c) <> 0.9::real), 0::bigint,
          'every homophone pair scores 0.9');
SELECT cmp_ok((SELECT count(*) FROM common a JOIN common b ON a.py = b.py AND a.c < b.c), '>', 500::bigint,
              'over 500 homophone pairs were compared');
SELECT is((SELECT count(*) FROM common a JOIN common b
                ON a.py <> b.py AND grid.pinyin_fuzzy(a.c, false) = grid.pinyin_fuzzy(b.c, false) AND a.c < b.c
            WHERE grid.name_similarity('王' || a.c, '王' || b.c) <> 0.8::real), 0::bigint,
          'every fuzzy pair scores 0.8');

-- Similarity is symmetric, within [0, 1], and 1 exactly for equal keys.
CREATE TEMP TABLE names AS
SELECT g, s || c1 || c2 AS name
  FROM generate_series(1, 3000) g,
       LATERAL (SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','单','曾','欧阳','尉迟'])[1 + g % 14] AS s,
                       (SELECT c FROM common OFFSET (g * 7919) % 500 LIMIT 1) AS c1,
                       (SELECT c FROM common OFFSET (g * 104729) % 500 LIMIT 1) AS c2) x;
CREATE TEMP TABLE sims AS
SELECT a.name AS a, b.name AS b, grid.name_similarity(a.name, b.name) AS ab,
       grid.name_similarity(b.name, a.name) AS ba
  FROM names a JOIN names b ON b.g = 1 + (a.g * 31) % 3000;
SELECT is((SELECT count(*) FROM sims WHERE ab <> ba), 0::bigint, 'name_similarity is symmetric');
SELECT is((SELECT count(*) FROM sims WHERE ab < 0 OR ab > 1), 0::bigint, 'name_similarity lies in [0, 1]');
SELECT is((SELECT count(*) FROM sims WHERE (ab = 1) <> (grid.normalize_name(a) = grid.normalize_name(b))),
          0::bigint, 'similarity 1 exactly when the keys are equal');
SELECT is((SELECT count(*) FROM names WHERE grid.name_similarity(name, name) <> 1), 0::bigint,
          'every name is 1 to itself');

-- Phone numbers: 2,000 mobiles written eight ways all come back.
CREATE TEMP TABLE mobiles AS
SELECT '1' || (3 + g % 7)::text || lpad(((g::bigint * 48271) % 1000000000)::text, 9, '0') AS m
  FROM generate_series(1, 2000) g;
SELECT is((SELECT count(*) FROM mobiles,
                  LATERAL (VALUES (m), ('+86 ' || m), ('0086-' || m), ('86' || m),
                                  (substr(m, 1, 3) || ' ' || substr(m, 4, 4) || ' ' || substr(m, 8)),
                                  ('(+86)' || substr(m, 1, 3) || '-' || substr(m, 4, 4) || '-' || substr(m, 8)),
                                  (translate(m, '0123456789', '０１２３４５６７８９')),
                                  (substr(m, 1, 3) || '.' || substr(m, 4, 4) || '.' || substr(m, 8))) w(written)
            WHERE grid.normalize_phone(written) IS DISTINCT FROM m), 0::bigint,
          '2,000 mobiles in eight writings normalize back');
SELECT is((SELECT count(*) FROM mobiles WHERE grid.normalize_phone('2' || substr(m, 2)) IS NOT NULL), 0::bigint,
          'no 11-digit number beginning with 2 is a phone');
SELECT is((SELECT count(*) FROM mobiles WHERE grid.normalize_phone(m || '1') IS NOT NULL), 0::bigint,
          'no 12-digit number beginning with 1 is a phone');

-- ID similarity over 2,000 IDs built with an independent MOD 11-2.
CREATE TEMP TABLE ids AS
SELECT d, d || substr('10X98765432', (
           (substr(d,1,1)::int*7 + substr(d,2,1)::int*9 + substr(d,3,1)::int*10 + substr(d,4,1)::int*5
          + substr(d,5,1)::int*8 + substr(d,6,1)::int*4 + substr(d,7,1)::int*2 + substr(d,8,1)::int*1
          + substr(d,9,1)::int*6 + substr(d,10,1)::int*3 + substr(d,11,1)::int*7 + substr(d,12,1)::int*9
          + substr(d,13,1)::int*10 + substr(d,14,1)::int*5 + substr(d,15,1)::int*8 + substr(d,16,1)::int*4
          + substr(d,17,1)::int*2) % 11) + 1, 1) AS id18
  FROM (SELECT (ARRAY['420503','420502','420504','420525','420581'])[1 + g % 5]
               || to_char(date '1930-01-01' + (g * 7919) % 25000, 'YYYYMMDD')
               || lpad((g % 1000)::text, 3, '0') AS d
          FROM generate_series(1, 2000) g) s;
SELECT is((SELECT count(*) FROM ids WHERE grid.id_similarity(id18, id18) <> 1), 0::bigint,
          'every ID is 1 to itself');
-- (15-digit sequences 996-999 were given to people aged 100 or more: their
-- century is not known, and grid.resident_id refuses them)
SELECT is((SELECT count(*) FROM ids
            WHERE substr(id18, 7, 2) = '19' AND substr(id18, 15, 3) < '996'
              AND grid.id_similarity(id18, substr(id18, 1, 6) || substr(id18, 9, 9)) <> 1), 0::bigint,
          'every ID of the 1900s is 1 to its 15-digit form');
SELECT is((SELECT count(*) FROM ids, generate_series(1, 18) p
            WHERE grid.id_similarity(id18, overlay(id18 PLACING
                      CASE WHEN substr(id18, p, 1) = '7' THEN '2' ELSE '7' END FROM p FOR 1)) <> 0.9::real),
          0::bigint, 'every single wrong character scores 0.9');
SELECT is((SELECT count(*) FROM ids, generate_series(1, 17) p
            WHERE substr(id18, p, 1) <> substr(id18, p + 1, 1)
              AND grid.id_similarity(id18, overlay(id18 PLACING substr(id18, p + 1, 1) || substr(id18, p, 1)
                                                   FROM p FOR 2)) <> 0.9::real),
          0::bigint, 'every adjacent swap scores 0.9');
SELECT is((SELECT count(*) FROM ids a JOIN ids b ON b.d = (SELECT d FROM ids ORDER BY d LIMIT 1)
            WHERE a.d <> b.d AND grid.id_similarity(a.id18, b.id18) <> 0), 0::bigint,
          'two different valid IDs score 0');

-- Declared shape: IMMUTABLE, STRICT, PARALLEL SAFE, commented.
SELECT is((SELECT count(*) FROM pg_proc
            WHERE pronamespace = 'grid'::regnamespace
              AND proname IN ('normalize_name', 'pinyin', 'pinyin_fuzzy', 'pinyin_initials',
                              'normalize_phone', 'name_similarity', 'id_similarity')),
          7::bigint, 'seven functions');
SELECT is((SELECT count(*) FROM pg_proc
            WHERE pronamespace = 'grid'::regnamespace
              AND proname IN ('normalize_name', 'pinyin', 'pinyin_fuzzy', 'pinyin_initials',
                              'normalize_phone', 'name_similarity', 'id_similarity')
              AND provolatile = 'i' AND proisstrict AND proparallel = 's'), 7::bigint,
          'all IMMUTABLE STRICT PARALLEL SAFE');
SELECT volatility_is('grid', 'normalize_name', ARRAY['text'], 'immutable', 'normalize_name is IMMUTABLE');
SELECT is_strict('grid', 'name_similarity', ARRAY['text', 'text'], 'name_similarity is STRICT');
SELECT function_returns('grid', 'name_similarity', ARRAY['text', 'text'], 'real', 'name_similarity returns real');
SELECT function_returns('grid', 'id_similarity', ARRAY['text', 'text'], 'real', 'id_similarity returns real');
SELECT is(grid.pinyin('单田芳'), grid.pinyin('单田芳', true), 'as_name defaults to true');

SELECT * FROM finish();
ROLLBACK;
