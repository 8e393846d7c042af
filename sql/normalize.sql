-- grid normalize: name normalisation, pinyin with surname readings, fuzzy
-- pinyin, phone numbers, name and ID similarity.
SET extra_float_digits = 0;
SET search_path = public;
\pset null 'NULL'

-- normalize_name: traditional, full-width, spaces, punctuation, dots.
SELECT input, grid.normalize_name(input) AS normalized
  FROM (VALUES ('張偉'), ('劉德華'), (' 张　伟 '), ('（张三）'), ('《王芳》、'),
               ('Ｚｈａｎｇ　Ｓａｎ'), ('john  smith-jones'), ('O''Brien'),
               ('阿卜杜拉·艾力'), ('阿卜杜拉.艾力'), ('阿卜杜拉•艾力'), ('阿卜杜拉・艾力'),
               ('阿卜杜拉･艾力'), ('阿卜杜拉‧艾力'), ('阿卜杜拉∙艾力'), ('阿卜杜拉。艾力'),
               ('阿卜杜拉 · 艾力'), ('·阿卜杜拉··艾力.'), ('黒田'), ('王芳😀'),
               ('鍾'), ('蕭'), ('乾隆'), ('王 Fang'), (''), (' ., ')) AS t(input);

-- Every dot form gives the same key.
SELECT count(DISTINCT grid.normalize_name('买买提' || d || '吐尔逊')) AS distinct_keys
  FROM unnest(ARRAY['·', '•', '・', '･', '.', '‧', '∙', '．', '。', ' · ']) AS d;

-- pinyin: plain, u-umlaut as v, ASCII tokens, mixed scripts, empty.
SELECT input, grid.pinyin(input) AS pinyin
  FROM (VALUES ('陈君'), ('吕女士'), ('張偉'), ('王家河社区'), ('张3丰abc'),
               ('Li Lei·韩梅梅'), ('ＡＢＣ１２'), ('〇'), ('乾隆'), ('Ωмир'), ('')) AS t(input);

-- Every surname in the list reads as a surname at the start of a name,
-- single and compound, and also in its traditional form.
SELECT surname, want,
       grid.pinyin(surname || '明') AS as_name,
       grid.pinyin(surname, false) AS common_reading,
       grid.pinyin(surname || '明') = want || ' ming' AS ok
  FROM (VALUES
    ('单', 'shan'),
    ('曾', 'zeng'),
    ('区', 'ou'),
    ('仇', 'qiu'),
    ('解', 'xie'),
    ('查', 'zha'),
    ('朴', 'piao'),
    ('盖', 'ge'),
    ('乐', 'yue'),
    ('翟', 'zhai'),
    ('覃', 'qin'),
    ('缪', 'miao'),
    ('冼', 'xian'),
    ('秘', 'bi'),
    ('种', 'chong'),
    ('员', 'yun'),
    ('句', 'gou'),
    ('能', 'nai'),
    ('要', 'yao'),
    ('繁', 'po'),
    ('召', 'shao'),
    ('折', 'she'),
    ('都', 'du'),
    ('便', 'pian'),
    ('颉', 'xie'),
    ('重', 'chong'),
    ('祭', 'zhai'),
    ('乜', 'nie'),
    ('佴', 'nai'),
    ('么', 'yao'),
    ('卜', 'bu'),
    ('薄', 'bo'),
    ('阚', 'kan'),
    ('蕃', 'pi'),
    ('黑', 'he'),
    ('华', 'hua'),
    ('任', 'ren'),
    ('纪', 'ji'),
    ('燕', 'yan'),
    ('过', 'guo'),
    ('那', 'na'),
    ('尉', 'wei'),
    ('尉迟', 'yu chi'),
    ('万俟', 'mo qi'),
    ('单于', 'chan yu'),
    ('长孙', 'zhang sun'),
    ('欧阳', 'ou yang'),
    ('上官', 'shang guan'),
    ('司马', 'si ma'),
    ('诸葛', 'zhu ge'),
    ('令狐', 'ling hu'),
    ('皇甫', 'huang fu'),
    ('澹台', 'tan tai'),
    ('宇文', 'yu wen'),
    ('慕容', 'mu rong'),
    ('东方', 'dong fang'),
    ('公孙', 'gong sun'),
    ('夏侯', 'xia hou'),
    ('鲜于', 'xian yu'),
    ('闾丘', 'lv qiu'),
    ('呼延', 'hu yan'),
    ('端木', 'duan mu'),
    ('申屠', 'shen tu'),
    ('淳于', 'chun yu'),
    ('轩辕', 'xuan yuan'),
    ('钟离', 'zhong li'),
    ('宗政', 'zong zheng'),
    ('濮阳', 'pu yang'),
    ('太叔', 'tai shu'),
    ('公冶', 'gong ye'),
    ('赫连', 'he lian'),
    ('南宫', 'nan gong'),
    ('西门', 'xi men'),
    ('拓跋', 'tuo ba')
       ) AS s(surname, want);
SELECT grid.pinyin('單田芳') AS traditional_shan, grid.pinyin('區永平') AS traditional_ou,
       grid.pinyin('歐陽娜娜') AS traditional_ouyang, grid.pinyin('尉遲恭') AS traditional_yuchi;
-- Only at the start, and not when as_name is false.
SELECT grid.pinyin('田单') AS not_first, grid.pinyin('单田芳', false) AS not_a_name,
       grid.pinyin('单于') AS chanyu_before_shan;

-- pinyin_fuzzy: each documented fold.
SELECT input, grid.pinyin(input) AS pinyin, grid.pinyin_fuzzy(input) AS fuzzy
  FROM (VALUES ('张山'), ('陈程'), ('刘宁'), ('刘玲'), ('黄芳'), ('任蓉'),
               ('江熊'), ('王光'), ('高康')) AS t(input);

-- pinyin_initials.
SELECT grid.pinyin_initials('陈君') AS chen_jun, grid.pinyin_initials('欧阳娜娜') AS ouyang,
       grid.pinyin_initials('单田芳') AS shan, grid.pinyin_initials('Li Lei 韩梅梅') AS mixed;

-- normalize_phone: every common writing, then what is not a phone (NULL).
SELECT input, grid.normalize_phone(input) AS phone
  FROM (VALUES ('13800138000'), ('+86 138 0013 8000'), ('+86-138-0013-8000'),
               ('0086 13800138000'), ('8613800138000'), ('86 138 0013 8000'),
               ('(+86) 138.0013.8000'), ('（＋８６）１３８－００１３－８０００'),
               ('１３８００１３８０００'), ('013800138000'),
               ('0717-6221234'), ('(0717) 622 1234'), ('0717.6221234'),
               ('+86 717 6221234'), ('+86 (0)717 6221234'), ('010-62345678'),
               ('027-87654321'), ('0717-62212345'),
               ('12345678901'), ('1380013800'), ('138001380001'), ('027-1234567'),
               ('0717-1234567'), ('011-62345678'), ('+852 91234567'), ('13800138000 ext 1'),
               ('138+00138000'), ('电话13800138000'), (''), ('   ')) AS t(input);

-- name_similarity: the scores, then the orderings that must hold.
SELECT a, b, grid.name_similarity(a, b) AS similarity
  FROM (VALUES ('张伟', '张伟'), ('張偉', '张伟'), ('阿卜杜拉·艾力', '阿卜杜拉艾力'),
               ('陈君', '陈军'), ('刘春丽', '刘春利'), ('单伟', '善伟'),
               ('刘宁', '刘玲'), ('陈君', '程军'), ('张伟', 'zhang wei'), ('张伟', 'ZHANG WEI'),
               ('张明', '张梅'), ('陈君', '陈君华'), ('陈君', '陈芳'), ('陈君', '王芳'),
               ('王芳', '芳王'), ('', ''), ('王芳', '')) AS t(a, b);
SELECT grid.name_similarity('陈君', '陈军') > 0.8 AS homophone_high,
       grid.name_similarity('刘春丽', '刘春利') > 0.8 AS homophone_in_three,
       grid.name_similarity('陈君', '王芳') < 0.1 AS unrelated_low,
       grid.name_similarity('陈君', '陈军') > 5 * grid.name_similarity('陈君', '王芳') AS well_above,
       grid.name_similarity('張偉', '张伟') = 1 AS variants_equal,
       grid.name_similarity('刘宁', '刘玲') < grid.name_similarity('陈君', '陈军')
   AND grid.name_similarity('刘宁', '刘玲') > grid.name_similarity('陈君', '王芳') AS fuzzy_between,
       grid.name_similarity('陈君', '陈芳') > grid.name_similarity('陈君', '王芳') AS partial_credit,
       grid.name_similarity('陈君', '陈军') = grid.name_similarity('陈军', '陈君') AS symmetric;

-- id_similarity.
SELECT a, b, grid.id_similarity(a, b) AS similarity
  FROM (VALUES ('420503199003071230', '420503199003071230'),
               ('420503199003071230', '420503900307123'),
               ('４２０５０３１９９００３０７１２３０', '420503199003071230'),
               ('11010519491231002x', '11010519491231002X'),
               ('420503199003071230', '420503199003071231'),
               ('420503199003071230', '420503199003081230'),
               ('420503199003071230', '420503199003017230'),
               ('420503199003071230', '420503199003071203'),
               ('420503199003081230', '420503199003071230'),
               ('420503199003071230', '420503199002301230'),
               ('420503199003071230', '420503198512010028'),
               ('420503199003071231', '420503199003071231'),
               ('420503199003071230', '42050319900307123'),
               ('420503199003071230', '王家河社区'),
               ('', '')) AS t(a, b);

-- NULL in, NULL out (STRICT).
SELECT grid.normalize_name(NULL) IS NULL AS name_null, grid.pinyin(NULL) IS NULL AS pinyin_null,
       grid.normalize_phone(NULL) IS NULL AS phone_null,
       grid.name_similarity(NULL, '张伟') IS NULL AS similarity_null,
       grid.id_similarity('420503199003071230', NULL) IS NULL AS id_null;

-- Long input: linear, no overflow; similarity compares the first 64 characters.
SELECT length(grid.normalize_name(repeat('張偉·', 100000))) AS name_length,
       length(grid.pinyin(repeat('张伟', 100000))) AS pinyin_length,
       grid.name_similarity(repeat('张', 64) || repeat('王', 1000), repeat('张', 64)) AS capped;

-- An expression index on the matching key is allowed and used.
CREATE TABLE person (id int, name text);
INSERT INTO person SELECT g, (ARRAY['張偉', '陈君', '刘春丽', '单田芳'])[1 + g % 4] || g FROM generate_series(1, 2000) g;
CREATE INDEX ON person (grid.normalize_name(name));
CREATE INDEX ON person (grid.pinyin(name));
ANALYZE person;
EXPLAIN (COSTS OFF) SELECT id FROM person WHERE grid.normalize_name(name) = grid.normalize_name('張偉4');
SELECT id, name FROM person WHERE grid.normalize_name(name) = grid.normalize_name('张伟4');
SELECT id, name FROM person WHERE grid.pinyin(name) = 'shan tian fang 3' ORDER BY id;
DROP TABLE person;
