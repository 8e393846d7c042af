-- grid synthetic: a reproducible synthetic registry on the real Yichang
-- divisions, and source batches corrupted the way each source corrupts
-- them, with ground truth, for demos, tests and the matching benchmark.
--
-- Reproducible: every random choice is a hash of (seed, stream, row number)
-- (grid.synth_random), so the same seed gives the same rows whatever the
-- plan, the parallelism or the session.

-- Surnames and their shares of the population, in per cent (rounded
-- approximations after the Ministry of Public Security's household
-- registration reports on names, 公安部户政管理研究中心《二〇二〇年全国姓名报告》
-- for the order of the top surnames; shares past the top 20 interpolated).
-- 向 and 覃 are included for the Tujia counties of Yichang (长阳, 五峰).
CREATE TABLE grid.surname_frequency (
    surname  text PRIMARY KEY,
    per_cent real NOT NULL CHECK (per_cent > 0)
);
COMMENT ON TABLE grid.surname_frequency IS
    'surnames with their approximate share of the population in per cent (shipped reference data for the synthetic registry; approximate, see src/synthetic.sql)';
COMMENT ON COLUMN grid.surname_frequency.surname IS 'the surname (simplified)';
COMMENT ON COLUMN grid.surname_frequency.per_cent IS 'approximate share of the population carrying it, per cent';
-- Shipped reference data: everyone reads it, only administrators change it.
SELECT grid.enable_admin_writes('grid.surname_frequency');
INSERT INTO grid.surname_frequency (surname, per_cent) VALUES
    ('王', 7.12), ('李', 7.00), ('张', 6.74), ('刘', 5.10), ('陈', 4.61), ('杨', 3.22), ('黄', 2.45),
    ('赵', 2.19), ('吴', 2.00), ('周', 1.95), ('徐', 1.45), ('孙', 1.38), ('马', 1.29), ('朱', 1.28),
    ('胡', 1.16), ('郭', 1.13), ('何', 1.06), ('林', 1.02), ('高', 1.00), ('罗', 0.94), ('郑', 0.90),
    ('梁', 0.85), ('谢', 0.76), ('宋', 0.68), ('唐', 0.67), ('许', 0.65), ('韩', 0.63), ('冯', 0.61),
    ('邓', 0.60), ('曹', 0.59), ('彭', 0.56), ('曾', 0.55), ('肖', 0.53), ('田', 0.52), ('董', 0.51),
    ('袁', 0.50), ('潘', 0.49), ('于', 0.48), ('蒋', 0.47), ('蔡', 0.46), ('余', 0.45), ('杜', 0.43),
    ('叶', 0.42), ('程', 0.41), ('苏', 0.40), ('魏', 0.39), ('吕', 0.38), ('丁', 0.37), ('任', 0.36),
    ('沈', 0.35), ('姚', 0.34), ('卢', 0.33), ('姜', 0.32), ('崔', 0.31), ('钟', 0.30), ('谭', 0.29),
    ('陆', 0.28), ('汪', 0.27), ('范', 0.26), ('金', 0.25), ('石', 0.24), ('廖', 0.23), ('贾', 0.22),
    ('夏', 0.21), ('韦', 0.20), ('付', 0.20), ('方', 0.19), ('白', 0.19), ('邹', 0.18), ('孟', 0.18),
    ('熊', 0.17), ('秦', 0.17), ('邱', 0.16), ('江', 0.16), ('尹', 0.15), ('薛', 0.15), ('闫', 0.14),
    ('段', 0.14), ('雷', 0.13), ('侯', 0.13), ('龙', 0.12), ('史', 0.12), ('陶', 0.11), ('黎', 0.11),
    ('贺', 0.11), ('顾', 0.10), ('毛', 0.10), ('郝', 0.10), ('龚', 0.10), ('邵', 0.09), ('万', 0.09),
    ('钱', 0.09), ('严', 0.08), ('覃', 0.08), ('武', 0.08), ('戴', 0.08), ('莫', 0.07), ('孔', 0.07),
    ('向', 0.07), ('汤', 0.07);

-- A uniform number in [0, 1) from a seed, a stream name and a row number.
CREATE FUNCTION grid.synth_random(seed bigint, stream text, n bigint) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (pg_catalog.hashtextextended(stream || ':' || n, seed) & 9007199254740991)::float8 / 9007199254740992.0;
COMMENT ON FUNCTION grid.synth_random(bigint, text, bigint) IS
    'a reproducible uniform number in [0,1) for (seed, stream, n): the generator''s only source of randomness';

-- One element of an array, picked by u in [0, 1).
CREATE FUNCTION grid.synth_pick(items text[], u float8) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN items[1 + pg_catalog.floor(u * pg_catalog.cardinality(items))::int];
COMMENT ON FUNCTION grid.synth_pick(text[], float8) IS 'the element of the array at position u (in [0,1)) of its length';

-- The 18-character ID from its first 17 digits (GB 11643-1999 check).
CREATE FUNCTION grid.synth_with_check(digits17 text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN digits17 || substr('10X98765432',
        ((substr(digits17, 1, 1)::int * 7 + substr(digits17, 2, 1)::int * 9 + substr(digits17, 3, 1)::int * 10
        + substr(digits17, 4, 1)::int * 5 + substr(digits17, 5, 1)::int * 8 + substr(digits17, 6, 1)::int * 4
        + substr(digits17, 7, 1)::int * 2 + substr(digits17, 8, 1)::int * 1 + substr(digits17, 9, 1)::int * 6
        + substr(digits17, 10, 1)::int * 3 + substr(digits17, 11, 1)::int * 7 + substr(digits17, 12, 1)::int * 9
        + substr(digits17, 13, 1)::int * 10 + substr(digits17, 14, 1)::int * 5 + substr(digits17, 15, 1)::int * 8
        + substr(digits17, 16, 1)::int * 4 + substr(digits17, 17, 1)::int * 2) % 11) + 1, 1);
COMMENT ON FUNCTION grid.synth_with_check(text) IS 'the 17 digits followed by their GB 11643-1999 check character';

-- Characters of given names, the pool that homophone and fuzzy-pinyin
-- typing errors draw from, with their readings.
CREATE TABLE grid.synthetic_char (
    ch     text PRIMARY KEY,
    pinyin text NOT NULL,
    fuzzy  text NOT NULL
);
COMMENT ON TABLE grid.synthetic_char IS
    'characters of given names and their toneless and fuzzy pinyin: where the generator finds homophones and fuzzy-pinyin look-alikes';
COMMENT ON COLUMN grid.synthetic_char.ch IS 'one character';
COMMENT ON COLUMN grid.synthetic_char.pinyin IS 'grid.pinyin(ch, false)';
COMMENT ON COLUMN grid.synthetic_char.fuzzy IS 'grid.pinyin_fuzzy(ch, false)';
SELECT grid.enable_admin_writes('grid.synthetic_char');
INSERT INTO grid.synthetic_char (ch, pinyin, fuzzy)
SELECT c, grid.pinyin(c, false), grid.pinyin_fuzzy(c, false)
  FROM (SELECT DISTINCT c FROM pg_catalog.regexp_split_to_table(
    '伟玮炜卫维薇微为巍威君钧均俊峻骏军明铭鸣名敏闽丽莉力立利黎静晶婧敬靖菁京红宏鸿洪虹芳方仿勇永咏涌'
    '杰洁捷婕涛韬滔桃斌彬滨宾平萍苹屏玲琳林凌灵霖龄燕艳彦雁岩妍霞侠夏娟鹃涓辉慧惠晖会建剑健坚俭华桦骅花'
    '磊蕾雷强蔷刚钢纲港鹏朋彭超潮朝宇雨玉语羽瑜浩昊豪好凯恺楷帆凡繁旭绪栩宁凝柠龙隆珑欣鑫馨新心阳洋扬'
    '峰锋丰风枫亮靓成诚承城程晨辰东冬栋文雯闻志智芝海兵冰博波柏毅义艺怡宜逸航杭瑞睿蕊轩萱宣佳嘉家振震'
    '珍真春淳纯德江荣容蓉融庆青清晴卿忠中钟祥翔湘香娜纳秀英莺鹰瑛婷庭亭雪倩茜颖莹盈影琴勤芹云芸韵兰岚'
    '蓝南楠梅玫媚美凤丹思斯丝诗师施悦月越跃瑶遥尧涵寒晗含珊姗杉桂贵翠萃芬分纷帅飞国天子然',
    '') AS c) AS chars;

-- What generated registries and batches were, for the benchmark.
CREATE TABLE grid.synthetic_resident (
    n           bigint PRIMARY KEY,
    resident_id grid.resident_id NOT NULL
);
COMMENT ON TABLE grid.synthetic_resident IS 'the residents grid.synth_registry made, numbered 1..N (the generator picks people by number)';
COMMENT ON COLUMN grid.synthetic_resident.n IS 'number of the generated person';
COMMENT ON COLUMN grid.synthetic_resident.resident_id IS 'their ID';
SELECT pg_catalog.pg_extension_config_dump('grid.synthetic_resident', '');

CREATE TABLE grid.synthetic_truth (
    record_id   bigint PRIMARY KEY REFERENCES grid.source_record (record_id) ON DELETE CASCADE,
    resident_id grid.resident_id,
    corruptions text[] NOT NULL
);
COMMENT ON TABLE grid.synthetic_truth IS
    'ground truth of generated source records: the resident each record is (NULL for a person not in the registry) and the corruptions applied';
COMMENT ON COLUMN grid.synthetic_truth.record_id IS 'the generated record';
COMMENT ON COLUMN grid.synthetic_truth.resident_id IS 'who it really is; NULL if the person is not registered';
COMMENT ON COLUMN grid.synthetic_truth.corruptions IS
    'what was done to it: homophone, fuzzy_pinyin, look_alike, traditional, id_digit, id_swap, id_date_swap, id_15, id_fullwidth, id_missing, phone_missing, phone_changed, phone_only (a phone and nothing that names the person), message_name (an SMS whose text names the person), address_shorthand, address_short, address_village, address_numerals, address_moved, unregistered';
SELECT pg_catalog.pg_extension_config_dump('grid.synthetic_truth', '');

-- A given name: one or two characters, common ones more often.
CREATE FUNCTION grid.synth_given_name(female boolean, u1 float8, u2 float8, u3 float8) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN female
        THEN grid.synth_pick('{芳,娜,敏,静,丽,艳,娟,霞,秀,英,玲,燕,红,萍,琳,婷,雪,慧,倩,颖,洁,琴,云,莉,兰,梅,凤,丹,晶,欣,怡,佳,雨,梦,思,诗,悦,瑶,涵,萱,月,蓉,蕾,珊,华,春,桂,玉,翠,芬}', pg_catalog.power(u1, 1.7))
             || CASE WHEN u3 < 0.6 THEN grid.synth_pick('{丽,芳,红,静,玲,华,婷,雪,霞,燕,琳,敏,娟,萍,颖,悦,怡,涵,瑶,月}', u2) ELSE '' END
        ELSE grid.synth_pick('{伟,强,军,磊,勇,杰,涛,斌,明,超,刚,平,辉,鹏,华,飞,鑫,波,宇,浩,凯,健,俊,帆,帅,旭,宁,龙,林,欣,阳,建,国,峰,亮,成,东,文,志,海,兵,晨,博,毅,航,瑞,昊,睿,轩,子,天,佳,家,振,新,春,德,江,荣,庆,忠,祥}', pg_catalog.power(u1, 1.7))
             || CASE WHEN u3 < 0.6 THEN grid.synth_pick('{伟,强,军,明,华,平,林,杰,涛,斌,辉,鹏,峰,宇,浩,龙,成,东,文,海}', u2) ELSE '' END
        END;
COMMENT ON FUNCTION grid.synth_given_name(boolean, float8, float8, float8) IS
    'a synthetic given name of one or two characters (skewed towards the common ones), from three uniform numbers';

-- Make a registry of about n residents in households on the real villages
-- of Yichang.  VOLATILE: writes the registry tables.
CREATE FUNCTION grid.synth_registry(residents bigint, seed bigint DEFAULT 1) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    surnames  text[];
    villages  text[];
    households bigint := greatest(residents / 3, 1);
    base bigint;
    n bigint;
BEGIN
    -- surnames repeated by share: picking a uniform slot follows the shares
    SELECT array_agg(f.surname ORDER BY f.per_cent DESC, f.surname) INTO surnames
      FROM grid.surname_frequency f, generate_series(1, greatest(1, round(f.per_cent * 20)::int));
    SELECT array_agg(d.code::text ORDER BY d.code) INTO villages
      FROM grid.division d WHERE d.level = 'village' AND d.code OPERATOR(grid.<@) '4205';

    -- One standard address and household per household number; their ids
    -- follow the highest existing one.
    SELECT coalesce(max(a.id), 0) INTO base FROM grid.standard_address a;
    CREATE TEMP TABLE synth_v ON COMMIT DROP AS
    SELECT k, v, grid.division_path(v::grid.division_code, '') AS path,
           grid.division_name(v::grid.division_code) ~ '村$' AS rural
      FROM unnest(villages) WITH ORDINALITY AS u(v, k);
    CREATE TEMP TABLE synth_hh ON COMMIT DROP AS
    SELECT h, base + h AS aid, sv.v, sv.path, sv.rural,
           grid.synth_random(seed, 'hh_a', h) AS ua, grid.synth_random(seed, 'hh_b', h) AS ub,
           grid.synth_random(seed, 'hh_c', h) AS uc
      FROM generate_series(1, households) h
      JOIN synth_v sv ON sv.k = 1 + floor(grid.synth_random(seed, 'village', h) * cardinality(villages))::int;
    INSERT INTO grid.standard_address (id, division, road, number, estate, building, unit, room, full_text)
    SELECT aid, v::grid.division_code, road, number, estate, building, unit, room,
           path || coalesce(road || number || '号', '') || coalesce(estate, '')
                || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                || coalesce(building || '栋' || unit || '单元' || room || '室', '')
      FROM (SELECT aid, v, path,
                   CASE WHEN NOT rural AND ua < 0.3 THEN grid.synth_pick('{解放路,胜利路,夷陵大道,东山大道,沿江大道,发展大道,城东大道,珍珠路,西陵一路,云集路,港窑路,桔城路,白沙路,体育场路,隆康路}', ub) END AS road,
                   CASE WHEN NOT rural AND ua < 0.3 THEN (1 + floor(uc * 300)::int)::text
                        WHEN rural THEN (1 + floor(uc * 120)::int)::text END AS number,
                   CASE WHEN rural THEN grid.synth_pick('{张家湾,李家坪,王家岭,刘家冲,陈家台,杨家河,黄家嘴,周家坡,向家坝,覃家垭}', ub)
                        WHEN ua >= 0.3 THEN grid.synth_pick('{万达广场,桃花岭小区,滨江花园,金色家园,夷陵春天,清江润城,阳光丽景,幸福小区,江山多娇,东方花园,龙盘湖小区,国宾花园}', ub) END AS estate,
                   CASE WHEN NOT rural AND ua >= 0.3 THEN (1 + floor(uc * 30)::int)::text END AS building,
                   CASE WHEN NOT rural AND ua >= 0.3 THEN (1 + floor(ua * 10)::int % 4)::text END AS unit,
                   CASE WHEN NOT rural AND ua >= 0.3 THEN ((1 + floor(ub * 1000)::int % 25) * 100 + 1 + floor(uc * 1000)::int % 4)::text END AS room
              FROM synth_hh) x
     ORDER BY aid;
    PERFORM setval(pg_get_serial_sequence('grid.standard_address', 'id'), base + households);
    INSERT INTO grid.household (id, division, address_id)
    SELECT aid, v::grid.division_code, aid FROM synth_hh ORDER BY aid;
    PERFORM setval(pg_get_serial_sequence('grid.household', 'id'),
                   greatest(base + households, (SELECT max(id) FROM grid.household)));

    -- People: household, sex, birth date, name; IDs unique by numbering
    -- within (address code, birth date).
    CREATE TEMP TABLE synth_p ON COMMIT DROP AS
    SELECT i, hh, sex_f, birth, name, county, phone, phone2
      FROM (SELECT i, hh,
                   grid.synth_random(seed, 'sex', i) < 0.49 AS sex_f,
                   DATE '1940-01-01' + floor(grid.synth_random(seed, 'birth', i) * 29200)::int AS birth,
                   surnames[1 + floor(grid.synth_random(seed, 'surname', i) * cardinality(surnames))::int] AS surname,
                   grid.synth_random(seed, 'g1', i) AS g1, grid.synth_random(seed, 'g2', i) AS g2,
                   grid.synth_random(seed, 'g3', i) AS g3,
                   CASE WHEN grid.synth_random(seed, 'born_elsewhere', i) < 0.1
                        THEN grid.synth_pick('{420102,420106,421002,421081,420602,500101,440305}', grid.synth_random(seed, 'born_where', i))
                        ELSE NULL END AS county,
                   CASE WHEN grid.synth_random(seed, 'phone', i) < 0.8
                        THEN grid.synth_pick('{13,15,17,18,19}', grid.synth_random(seed, 'ph1', i))
                             || lpad(floor(grid.synth_random(seed, 'ph2', i) * 1e9)::bigint::text, 9, '0') END AS phone,
                   CASE WHEN grid.synth_random(seed, 'phone2', i) < 0.05
                        THEN '1' || (3 + floor(grid.synth_random(seed, 'ph3', i) * 7)::int)::text
                             || lpad(floor(grid.synth_random(seed, 'ph4', i) * 1e9)::bigint::text, 9, '0') END AS phone2
              FROM (SELECT i, 1 + floor((i - 1) * households / residents::float8)::bigint AS hh
                      FROM generate_series(1, residents) i) s) p
      CROSS JOIN LATERAL (SELECT p.surname || grid.synth_given_name(p.sex_f, p.g1, p.g2, p.g3) AS name) nm;

    INSERT INTO grid.resident (id, name, phones, household_id, address_id, division)
    SELECT grid.synth_with_check(code6 || to_char(birth, 'YYYYMMDD')
                                 || lpad((((rn - 1) * 2 + CASE WHEN sex_f THEN 0 ELSE 1 END) % 1000)::text, 3, '0')),
           name, array_remove(ARRAY[phone, phone2], NULL), aid, aid, v::grid.division_code
      FROM (SELECT p.*, hh2.v, hh2.aid, coalesce(p.county, left(hh2.v, 6)) AS code6,
                   row_number() OVER (PARTITION BY coalesce(p.county, left(hh2.v, 6)), p.birth, p.sex_f ORDER BY p.i) AS rn
              FROM synth_p p JOIN synth_hh hh2 ON hh2.h = p.hh) q
     WHERE rn <= 450
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;

    DELETE FROM grid.synthetic_resident;
    INSERT INTO grid.synthetic_resident (n, resident_id)
    SELECT row_number() OVER (ORDER BY r.id), r.id FROM grid.resident r;
    UPDATE grid.household h SET head_id = m.id
      FROM (SELECT r.household_id, grid.min(r.id) AS id FROM grid.resident r GROUP BY r.household_id) m
     WHERE h.head_id IS NULL AND h.id = m.household_id;
    DROP TABLE synth_v, synth_hh, synth_p;
    PERFORM grid.refresh_name_frequency();
    ANALYZE grid.resident;
    ANALYZE grid.standard_address;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.synth_registry(bigint, bigint) IS
    'generate a reproducible synthetic registry of about n residents (surnames by real frequency, households of about 3 on the real Yichang villages, standard addresses, phones); returns how many residents it added';

-- Households that share one phone: in a share of the households (picked
-- by the seed), every member's phones become the head's main number, as a
-- family gives one number for its children and elders.  VOLATILE: writes
-- grid.resident.
CREATE FUNCTION grid.synth_share_phones(share real, seed bigint DEFAULT 1) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    UPDATE grid.resident r SET phones = ARRAY[h.phones[1]]
      FROM (SELECT hh.id, head.phones
              FROM grid.household hh JOIN grid.resident head ON head.id OPERATOR(grid.=) hh.head_id
             WHERE head.phones <> '{}' AND grid.synth_random(seed, 'share_phone', hh.id) < share) h
     WHERE r.household_id = h.id AND r.phones IS DISTINCT FROM ARRAY[h.phones[1]];
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.synth_share_phones(real, bigint) IS
    'in a share of the synthetic households (picked reproducibly by the seed), give every member the head''s main phone only, as families share one number; returns how many residents changed';

-- A number in Chinese, as surveys write it: 3 三, 12 十二, 20 二十, 503
-- 五〇三 (three digits and more digit by digit).  IMMUTABLE.
CREATE FUNCTION grid.synth_chinese_number(n integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN n < 10 THEN substr('〇一二三四五六七八九', n + 1, 1)
                WHEN n < 100 THEN CASE WHEN n / 10 > 1 THEN substr('〇一二三四五六七八九', n / 10 + 1, 1) ELSE '' END
                                  || '十' || CASE WHEN n % 10 > 0 THEN substr('〇一二三四五六七八九', n % 10 + 1, 1) ELSE '' END
                ELSE translate(n::text, '0123456789', '〇一二三四五六七八九') END;
COMMENT ON FUNCTION grid.synth_chinese_number(integer) IS
    'a non-negative number written in Chinese as surveys write it: 十二 for 12, 五〇三 for 503 (three digits and more digit by digit)';

-- A name with one character of the given name changed.  STABLE: reads
-- grid.synthetic_char.  NULL if no such change exists.
CREATE FUNCTION grid.synth_corrupt_name(name text, kind text, u1 float8, u2 float8) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pos int;
    c   text;
    alt text[];
    t2s CONSTANT text[] := ARRAY['伟偉', '华華', '国國', '丽麗', '军軍', '红紅', '张張', '刘劉', '陈陳', '杨楊', '黄黃',
                                 '赵趙', '吴吳', '孙孫', '马馬', '郑鄭', '东東', '龙龍', '凤鳳', '兰蘭', '云雲', '刚剛',
                                 '强強', '涛濤', '鹏鵬', '辉輝', '飞飛', '艳豔', '静靜', '凯凱', '宁寧', '庆慶', '荣榮',
                                 '颖穎', '洁潔', '邓鄧', '许許', '韩韓', '冯馮', '谢謝', '罗羅', '叶葉', '苏蘇', '卢盧',
                                 '钟鐘', '汤湯', '贺賀', '顾顧', '龚龔', '邹鄒', '蒋蔣', '贾賈', '陆陸', '韦韋', '严嚴',
                                 '钱錢', '万萬', '娟娟', '杰傑', '宇宇', '浩浩', '鑫鑫', '晨晨', '霞霞', '梅梅', '丹丹'];
    looks CONSTANT text[] := ARRAY['杨扬', '晴睛', '清请', '娟绢', '婷停', '琳淋', '辉挥', '玲铃', '涛祷', '军车',
                                   '明朋', '丽丽', '王玉', '未末', '己已', '梅悔', '燕蒸', '林材', '峰蜂', '斌赋'];
BEGIN
    IF kind = 'traditional' THEN
        alt := ARRAY[name];
        FOR i IN 1 .. cardinality(t2s) LOOP
            IF substr(t2s[i], 1, 1) <> substr(t2s[i], 2, 1) THEN
                alt[1] := replace(alt[1], substr(t2s[i], 1, 1), substr(t2s[i], 2, 1));
            END IF;
        END LOOP;
        RETURN nullif(alt[1], name);
    END IF;
    IF length(name) < 2 THEN
        RETURN NULL;
    END IF;
    pos := 2 + floor(u1 * (length(name) - 1))::int;
    c := substr(name, pos, 1);
    IF kind = 'homophone' THEN
        SELECT array_agg(s.ch ORDER BY s.ch) INTO alt
          FROM grid.synthetic_char s, grid.synthetic_char o
         WHERE o.ch = c AND s.pinyin = o.pinyin AND s.ch <> c;
    ELSIF kind = 'fuzzy_pinyin' THEN
        SELECT array_agg(s.ch ORDER BY s.ch) INTO alt
          FROM grid.synthetic_char s, grid.synthetic_char o
         WHERE o.ch = c AND s.fuzzy = o.fuzzy AND s.pinyin <> o.pinyin;
    ELSIF kind = 'look_alike' THEN
        SELECT array_agg(substr(l, 2, 1)) INTO alt FROM unnest(looks) l
         WHERE substr(l, 1, 1) = c AND substr(l, 2, 1) <> c;
    END IF;
    IF alt IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN overlay(name PLACING grid.synth_pick(alt, u2) FROM pos FOR 1);
END
$$;
COMMENT ON FUNCTION grid.synth_corrupt_name(text, text, float8, float8) IS
    'a name as a source might mistype it: homophone, fuzzy_pinyin or look_alike replace one character of the given name; traditional writes traditional forms; NULL if the kind cannot apply. STABLE: reads grid.synthetic_char';

-- An 18-character ID as a source might mistype it.  IMMUTABLE.
CREATE FUNCTION grid.synth_corrupt_id(id text, kind text, u1 float8, u2 float8) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE kind
        WHEN 'id_digit' THEN
            (SELECT overlay(id PLACING ((substr(id, p, 1)::int + 1 + floor(u2 * 9)::int) % 10)::text FROM p FOR 1)
               FROM (SELECT 1 + floor(u1 * 17)::int AS p) s)
        WHEN 'id_swap' THEN
            (SELECT CASE WHEN substr(id, p, 1) <> substr(id, p + 1, 1)
                         THEN overlay(id PLACING substr(id, p + 1, 1) || substr(id, p, 1) FROM p FOR 2) END
               FROM (SELECT 1 + floor(u1 * 16)::int AS p) s)
        WHEN 'id_date_swap' THEN
            (SELECT CASE WHEN substr(id, p, 1) <> substr(id, p + 1, 1)
                         THEN overlay(id PLACING substr(id, p + 1, 1) || substr(id, p, 1) FROM p FOR 2) END
               FROM (SELECT 7 + floor(u1 * 7)::int AS p) s)
        WHEN 'id_15' THEN
            CASE WHEN substr(id, 7, 2) = '19' THEN left(id, 6) || substr(id, 9, 9) END
        WHEN 'id_fullwidth' THEN
            translate(id, '0123456789X', '０１２３４５６７８９Ｘ')
        END;
COMMENT ON FUNCTION grid.synth_corrupt_id(text, text, float8, float8) IS
    'an ID as a source might mistype it: id_digit (one digit wrong), id_swap (two adjacent digits swapped), id_date_swap (two adjacent digits of the birth date swapped, often an impossible date), id_15 (first-generation 15 digits), id_fullwidth; NULL if the kind cannot apply';

-- A batch of records from a source, drawn from the synthetic registry and
-- corrupted, with ground truth.  VOLATILE: writes the source tables.
CREATE FUNCTION grid.synth_source(source text, records bigint, seed bigint DEFAULT 1,
                                  unregistered real DEFAULT 0.1, label text DEFAULT NULL,
                                  profile text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    batch  bigint;
    fmap   jsonb;
    people bigint;
    step   bigint;
    prof   text := coalesce(synth_source.profile,
                            CASE synth_source.source WHEN 'police' THEN 'police' WHEN 'survey' THEN 'survey'
                                                     WHEN 'sms' THEN 'sms' WHEN 'robot' THEN 'voice' ELSE 'returnee' END);
BEGIN
    SELECT s.field_map INTO fmap FROM grid.source s WHERE s.code = synth_source.source;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'source "%" does not exist', left(synth_source.source, 40) USING ERRCODE = 'no_data_found';
    END IF;
    IF prof NOT IN ('returnee', 'police', 'survey', 'sms', 'voice') THEN
        RAISE EXCEPTION 'profile must be returnee, police, survey, sms or voice' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO people FROM grid.synthetic_resident;
    IF people = 0 THEN
        RAISE EXCEPTION 'no synthetic registry' USING ERRCODE = 'no_data_found',
              HINT = 'Run grid.synth_registry first.';
    END IF;
    -- a step coprime with the population visits each person at most once
    step := 7919;
    WHILE gcd(step, people) <> 1 LOOP
        step := step + 2;
    END LOOP;
    INSERT INTO grid.source_batch (source, division, label)
    VALUES (synth_source.source, '4205', coalesce(label, format('synthetic %s seed %s', synth_source.source, seed)))
    RETURNING id INTO batch;

    -- (SMS and voice records come from a phone: only people with one)
    CREATE TEMP TABLE synth_rec ON COMMIT DROP AS
    SELECT j, reg, sr.resident_id AS truth, x.name AS true_name, x.id::text AS true_id, x.phones, x.birth_date,
           a.full_text, a.division AS adiv, a.estate, a.building, a.unit, a.room, a.road, a.number,
           grid.synth_random(seed, 'name_kind', j) AS un, grid.synth_random(seed, 'id_kind', j) AS ui,
           grid.synth_random(seed, 'phone_kind', j) AS up, grid.synth_random(seed, 'addr_kind', j) AS ua,
           grid.synth_random(seed, 'u1', j) AS u1, grid.synth_random(seed, 'u2', j) AS u2,
           s.other
      FROM (SELECT j, grid.synth_random(seed, 'registered', j) >= unregistered AS reg,
                   1 + ((j * step + seed) % people) AS pick,
                   1 + ((j * step + seed + 104729) % people) AS other
              FROM generate_series(1, CASE WHEN prof IN ('sms', 'voice') THEN 2 * records ELSE records END) j) s
      JOIN grid.synthetic_resident sr ON sr.n = s.pick
      JOIN grid.resident x ON x.id OPERATOR(grid.=) sr.resident_id
      LEFT JOIN grid.standard_address a ON a.id = x.address_id
     WHERE prof NOT IN ('sms', 'voice') OR x.phones <> '{}'
     ORDER BY j LIMIT records;

    -- People who are not in the registry: a new ID and name, the rest kept.
    UPDATE synth_rec
       SET truth = NULL,
           -- sequence numbers 900-999, which the registry does not use
           true_id = grid.synth_with_check(left(true_id, 6) || to_char(DATE '1950-01-01' + floor(u1 * 25000)::int, 'YYYYMMDD')
                                           || (900 + floor(u2 * 100)::int)::text),
           true_name = grid.synth_pick('{向,覃,田,邓,彭,郑}', u2) || grid.synth_given_name(u1 < 0.5, u2, u1, u2),
           -- a number no resident holds (a registered one would make the
           -- record someone else's): the first of ten draws that is free
           phones = ARRAY[(SELECT c.v FROM generate_series(0, 9) k
                            CROSS JOIN LATERAL (SELECT '199' || lpad(floor(CASE WHEN k = 0 THEN u2
                                                                                ELSE grid.synth_random(seed, 'unregistered_phone', j * 10 + k) END
                                                                           * 1e8)::bigint::text, 8, '0') AS v) c
                           WHERE NOT EXISTS (SELECT FROM grid.resident x WHERE x.phones[1] = c.v OR x.phones[2] = c.v)
                           ORDER BY k LIMIT 1)]
     WHERE NOT reg;

    CREATE TEMP TABLE synth_out ON COMMIT DROP AS
    SELECT j, truth, reg,
           n.v AS name, coalesce(n.k, CASE WHEN msg.named AND n0.v IS NOT NULL THEN n0.k END) AS name_k,
           msg.v AS message, CASE WHEN msg.named THEN 'message_name' END AS msg_k,
           CASE WHEN i.k = 'id_missing' THEN NULL ELSE coalesce(i.v, true_id) END AS id, i.k AS id_k,
           p.v AS phone, CASE WHEN msg.named THEN NULL ELSE p.k END AS phone_k,
           ad.v AS address, ad.k AS addr_k,
           ce.callee, ce.answer AS callee_answer, ce.k AS callee_k
      FROM synth_rec r
      CROSS JOIN LATERAL (
          SELECT k, CASE WHEN k IS NOT NULL THEN grid.synth_corrupt_name(true_name, k, u1, u2) END AS v
            FROM (SELECT CASE prof
                    WHEN 'returnee' THEN CASE WHEN un < 0.25 THEN 'homophone' WHEN un < 0.33 THEN 'fuzzy_pinyin'
                                              WHEN un < 0.36 THEN 'look_alike' WHEN un < 0.40 THEN 'traditional' END
                    WHEN 'police' THEN CASE WHEN un < 0.02 THEN 'traditional' WHEN un < 0.04 THEN 'look_alike'
                                            WHEN un < 0.06 THEN 'homophone' END
                    WHEN 'survey' THEN CASE WHEN un < 0.15 THEN 'homophone' WHEN un < 0.20 THEN 'fuzzy_pinyin'
                                            WHEN un < 0.25 THEN 'look_alike' END
                    -- a name typed on a phone: a homophone the input method offered
                    WHEN 'sms' THEN CASE WHEN un < 0.05 THEN 'homophone' END
                    END AS k) kk) n0
      CROSS JOIN LATERAL (SELECT CASE WHEN prof IN ('sms', 'voice') THEN NULL WHEN n0.v IS NOT NULL THEN n0.k END AS k,
                                 CASE WHEN prof IN ('sms', 'voice') THEN NULL ELSE coalesce(n0.v, true_name) END AS v) n
      -- An SMS carries its text as the gateway delivers it, written as
      -- grid.synth_city's senders write theirs (grid.stage_sms): 体温36.5 正常
      -- (30 %), the reading alone in full-width digits (25 %), or the name
      -- and the reading, 张伟 36.5 (45 %).  The voice robot asks for the
      -- temperature and symptoms, never the name.
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof <> 'sms' THEN NULL
                      WHEN um < 0.30 THEN '体温' || t || ' 正常'
                      WHEN um < 0.55 THEN translate(t, '0123456789.', '０１２３４５６７８９．')
                      ELSE coalesce(n0.v, true_name) || ' ' || t END AS v,
                 prof = 'sms' AND um >= 0.55 AS named
            FROM (SELECT grid.synth_random(seed, 'message', j) AS um,
                         (36.0 + floor(grid.synth_random(seed, 'temperature', j) * 11) / 10)::numeric(4, 1)::text AS t) mm) msg
      CROSS JOIN LATERAL (
          SELECT CASE WHEN k = 'id_missing' OR v IS NOT NULL THEN k END AS k, v
            FROM (SELECT k, CASE WHEN k <> 'id_missing' THEN grid.synth_corrupt_id(true_id, k, u2, u1) END AS v
                    FROM (SELECT CASE prof
                            WHEN 'returnee' THEN CASE WHEN ui < 0.05 THEN 'id_digit' WHEN ui < 0.08 THEN 'id_swap'
                                                      WHEN ui < 0.11 THEN 'id_15' WHEN ui < 0.21 THEN 'id_fullwidth'
                                                      WHEN ui < 0.24 THEN 'id_missing' END
                            WHEN 'police' THEN CASE WHEN ui < 0.01 THEN 'id_digit' WHEN ui < 0.02 THEN 'id_swap'
                                                    WHEN ui < 0.04 THEN 'id_date_swap' END
                            WHEN 'survey' THEN CASE WHEN ui < 0.03 THEN 'id_digit' WHEN ui < 0.06 THEN 'id_date_swap'
                                                    WHEN ui < 0.08 THEN 'id_fullwidth' WHEN ui < 0.55 THEN 'id_missing' END
                            ELSE 'id_missing' END AS k) kk) ii) i
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof IN ('sms', 'voice') THEN 'phone_only'
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.3 ELSE 0.25 END
                           OR cardinality(phones) = 0 THEN 'phone_missing'
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.33 ELSE 0.30 END THEN 'phone_changed' END AS k,
                 CASE WHEN prof IN ('sms', 'voice') THEN phones[1]
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.3 ELSE 0.25 END
                           OR cardinality(phones) = 0 THEN NULL
                      WHEN up < CASE prof WHEN 'police' THEN 0.5 WHEN 'survey' THEN 0.33 ELSE 0.30 END
                           THEN '18' || lpad(floor(u1 * 1e9)::bigint::text, 9, '0')
                      WHEN up < 0.5 THEN substr(phones[1], 1, 3) || ' ' || substr(phones[1], 4, 4) || ' ' || substr(phones[1], 8)
                      WHEN up < 0.6 THEN '+86-' || phones[1]
                      ELSE phones[1] END AS v) p
      CROSS JOIN LATERAL (
          SELECT CASE WHEN prof = 'sms' OR (prof = 'voice' AND ua >= 0.3) THEN NULL
                      WHEN prof = 'voice' THEN 'address_village'
                      WHEN ua < 0.05 THEN 'address_moved'
                      WHEN prof = 'survey' AND ua < 0.40 THEN 'address_short'
                      WHEN prof = 'survey' AND ua < 0.60 THEN 'address_village'
                      WHEN prof = 'survey' AND ua < 0.75 THEN 'address_numerals'
                      WHEN prof = 'returnee' AND ua < 0.45 THEN 'address_shorthand' END AS k,
                 CASE WHEN prof = 'sms' OR (prof = 'voice' AND ua >= 0.3) THEN NULL
                      WHEN prof = 'voice' THEN grid.address_stem(grid.division_name(adiv))
                                               || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                      WHEN ua < 0.05 THEN grid.division_path(grid.parent(adiv), '') || '新区路' || floor(u1 * 100)::int || '号'
                      -- short forms run together: 长阳界岭村12-3-503, 伍家岗王家河社区7号
                      WHEN prof = 'survey' AND ua < 0.40 THEN grid.address_stem(grid.division_name(grid.ancestor(adiv, 'county')))
                           || grid.address_stem(grid.division_name(adiv))
                           || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                           || coalesce(building || '-' || unit || '-' || room, number || '号', '')
                      -- the village alone (ambiguous when its name is used twice)
                      WHEN prof = 'survey' AND ua < 0.60 THEN grid.address_stem(grid.division_name(adiv))
                           || CASE WHEN grid.division_name(adiv) ~ '村$' THEN '村' ELSE '社区' END
                           || coalesce(building || '-' || unit || '-' || room, number || '号', '')
                      -- numbers in Chinese: 三栋二单元五〇三室, 十二号
                      WHEN prof = 'survey' AND ua < 0.75 THEN grid.address_stem(grid.division_name(grid.ancestor(adiv, 'county')))
                           || grid.division_name(adiv) || coalesce(estate, '')
                           || coalesce(grid.synth_chinese_number(building::int) || '栋' || grid.synth_chinese_number(unit::int) || '单元'
                                       || grid.synth_chinese_number(room::int) || '室',
                                       grid.synth_chinese_number(number::int) || '号', '')
                      WHEN prof <> 'returnee' THEN full_text
                      WHEN ua < 0.45 THEN grid.division_name(adiv)
                           || coalesce(road || number || '号', '') || coalesce(estate, '')
                           || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                           || coalesce(translate(building || '-' || unit || '-' || room, '0123456789', CASE WHEN u2 < 0.3 THEN '０１２３４５６７８９' ELSE '0123456789' END), '')
                      ELSE full_text END AS v) ad
      -- A voice call is made from the call list (grid.report_not_reported),
      -- which names the resident it calls for: the robot asks "are you
      -- ...?" (keypad 1 yes, 2 no, or said) and records the callee's ID
      -- and the answer.  5 % of calls come from a list of numbers alone (no
      -- callee), as do those to people not registered; 2 % name a resident
      -- who does not hold the number (a list out of date: the one who
      -- answers says yes or no); on a household's phone, 10 % are answered
      -- by another member than the callee, who says no.
      CROSS JOIN LATERAL (
          SELECT CASE WHEN k = 'callee_wrong' THEN (SELECT sw.resident_id::text FROM grid.synthetic_resident sw WHERE sw.n = r.other)
                      WHEN k = 'callee_other_member' THEN mate
                      WHEN k = 'callee' THEN true_id END AS callee,
                 CASE WHEN k IN ('callee_wrong') THEN CASE WHEN u2 < 0.5 THEN '1' ELSE '否' END
                      WHEN k = 'callee_other_member' THEN CASE WHEN u2 < 0.5 THEN '2' ELSE '不是' END
                      WHEN k = 'callee' THEN CASE WHEN u2 < 0.5 THEN '1' ELSE '是' END END AS answer,
                 CASE WHEN k <> 'callee' THEN k END AS k
            FROM (SELECT CASE WHEN prof <> 'voice' OR NOT reg THEN NULL
                              WHEN uc >= 0.95 THEN 'callee_missing'
                              WHEN uc < 0.02 THEN 'callee_wrong'
                              WHEN uc < 0.12 AND mate IS NOT NULL THEN 'callee_other_member'
                              ELSE 'callee' END AS k, mate
                    FROM (SELECT grid.synth_random(seed, 'callee', j) AS uc,
                                 CASE WHEN prof = 'voice' AND reg THEN
                                     (SELECT min(x.id::text) FROM grid.resident x
                                       WHERE x.phones[1] = r.phones[1] AND x.id::text <> r.true_id) END AS mate) cu) ck) ce;

    WITH ins AS (
        INSERT INTO grid.source_record (batch_id, division, raw)
        SELECT batch, '4205',
               jsonb_strip_nulls(jsonb_build_object(
                   coalesce(fmap ->> 'id', 'id'), o.id, coalesce(fmap ->> 'name', 'name'), o.name,
                   coalesce(fmap ->> 'phone', 'phone'), o.phone, coalesce(fmap ->> 'address', 'address'), o.address,
                   coalesce(fmap ->> 'message', 'message'), o.message,
                   coalesce(fmap ->> 'callee', 'callee'), o.callee, coalesce(fmap ->> 'callee_answer', 'callee_answer'), o.callee_answer,
                   'seq', o.j))
          FROM synth_out o ORDER BY o.j
        RETURNING record_id, (raw ->> 'seq')::bigint AS j
    )
    INSERT INTO grid.synthetic_truth (record_id, resident_id, corruptions)
    SELECT ins.record_id, o.truth,
           array_remove(ARRAY[o.name_k, o.id_k, o.phone_k, o.msg_k, o.addr_k, o.callee_k,
                              CASE WHEN NOT o.reg THEN 'unregistered' END], NULL)
      FROM ins JOIN synth_out o ON o.j = ins.j;
    DROP TABLE synth_rec;
    DROP TABLE synth_out;
    ANALYZE grid.source_record;
    RETURN batch;
END
$$;
COMMENT ON FUNCTION grid.synth_source(text, bigint, bigint, real, text, text) IS
    'generate a batch of n records of a source from the synthetic registry, corrupted as the source profile corrupts them, with ground truth in grid.synthetic_truth; returns the batch id. Profiles (by default from the source: police, survey, sms, robot as voice, else returnee): returnee (homophones, fuzzy pinyin, look-alike and traditional characters, full-width, mistyped, swapped and 15-digit IDs, missing and changed phones, shorthand addresses), police (an ID nearly always clean, a few typos in it and the name), survey (door-to-door: IDs often missing or with a swapped birth date, short addresses run together, village names alone, numbers in Chinese), sms (the sender''s phone and the text: the name and the reading in 45 %, the reading alone otherwise) and voice (the number called, sometimes a village name, and the callee the call list named with the answer to "are you ...?": none in 5 %, a resident who does not hold the number in 2 %, another member of a household answering in 10 % of calls to a shared phone); a share of people not registered. 22023 for another profile';

-- ------------------------------------------------------------ a whole city
--
-- grid.synth_city makes, in one call, a small city to try every part of
-- grid on, through the entry points a city uses: the registry (standard
-- addresses, households, residents), the map (cells and checkpoints, one
-- swappable step: grid.synth_city_map), the "1 + 1 + N + K" teams, today's
-- reports from every channel (the app through grid.submit; SMS, the voice
-- robot, grid workers and checkpoints through their staging tables and
-- ingest functions), a returnee list linked by grid.link_batch and
-- registered by grid.register_returnee, key persons (the fever rule,
-- grid.add_key_person, grid.close_key_person) and service requests
-- (grid.request_service, grid.take_service, grid.finish_service).  Every
-- choice is a hash of the seed and the person's number (grid.synth_random),
-- never of a number a sequence gave: the same seed, size and division give
-- the same city on the same day.

-- Age and sex.  Hubei's resident population in the 2020 census (湖北省第七次
-- 全国人口普查公报, 湖北省统计局, 2021-05-26; census day 2020-11-01):
--     men 51.42 %, women 48.58 % (sex ratio 105.83);
--     aged 0-14 16.31 %, 15-59 63.26 %, 60 and over 20.42 %,
--     of them 65 and over 14.59 % (so 60-64: 5.83 %);
--     family households of 2.65 persons on average.
-- The bulletin gives no finer bands: within a band ages are spread evenly,
-- and past 65 their density falls linearly to nothing at 100 (an
-- assumption).  Household sizes 1: 22 %, 2: 30 %, 3: 22 %, 4: 14 %, 5: 8 %,
-- 6: 4 % (mean 2.68) are an assumption with about the census's mean.
-- IMMUTABLE.
CREATE FUNCTION grid.synth_census_bands()
    RETURNS TABLE (age_from integer, age_to integer, per_cent numeric)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ VALUES (0, 14, 16.31), (15, 59, 63.26), (60, 64, 5.83), (65, 99, 14.59) $$;
COMMENT ON FUNCTION grid.synth_census_bands() IS
    'the age bands of Hubei''s population in the 2020 census (湖北省第七次全国人口普查公报: 0-14 16.31 %, 15-59 63.26 %, 60-64 5.83 %, 65 and over 14.59 %), which grid.synth_city follows';

-- An age in years from u in [0, 1), by the bands above.  IMMUTABLE.
CREATE FUNCTION grid.synth_age(u float8) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN u < 0.1631 THEN u / 0.1631 * 15
                WHEN u < 0.7957 THEN 15 + (u - 0.1631) / 0.6326 * 45
                WHEN u < 0.8540 THEN 60 + (u - 0.7957) / 0.0583 * 5
                ELSE 65 + 35 * (1 - pg_catalog.sqrt(GREATEST(0, 1 - (u - 0.8540) / 0.1460))) END;
COMMENT ON FUNCTION grid.synth_age(float8) IS
    'an age in years (with its fraction) from a uniform number in [0,1), distributed as grid.synth_census_bands: evenly within a band, falling linearly to 100 past 65';

-- A village's or community's name as people say it: without the city and
-- county before it and 居民委员会 after (村委会 becomes 村).  IMMUTABLE.
CREATE FUNCTION grid.synth_short_name(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(name,
               '^宜昌市.{1,6}?[区县市]', ''), '(村民委员会|村委会)$', '村'), '(居民委员会|居委会)$', '');
COMMENT ON FUNCTION grid.synth_short_name(text) IS
    'a village''s registered name as people say it: 宜昌市伍家岗区岳家冲社区居民委员会 is 岳家冲社区, 共前村委会 is 共前村';

-- The map of a synthetic city: for each village, its cells and its
-- checkpoints.  This is the one step that draws geometry: each township
-- of Yichang is a block on a lattice, each village a square of 0.02 degrees
-- in its township's block, its cells a k-by-k grid of squares inside (no
-- two overlap, so grid.coverage_problems finds nothing), its checkpoints
-- points on its west, east and south edges.  Replace this function to put
-- the cells on real outlines; grid.synth_city only needs each village's
-- cells numbered 001 up.  VOLATILE: writes grid.cell and grid.checkpoint.
CREATE FUNCTION grid.synth_city_map(villages text[], cells integer[], checkpoints integer[])
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    CREATE TEMP TABLE city_map ON COMMIT DROP AS
    SELECT u.code, u.ncells, u.nchk, pos.short, ceil(sqrt(u.ncells))::integer AS k,
           110.3 + (pos.t % 11) * 0.17 + (pos.i % 7) * 0.022 AS x0,
           29.9 + (pos.t / 11) * 0.16 + (pos.i / 7) * 0.022 AS y0
      FROM unnest(villages, cells, checkpoints) AS u(code, ncells, nchk)
      JOIN (SELECT d.code::text AS code, grid.synth_short_name(d.name) AS short,
                   dense_rank() OVER (ORDER BY grid.parent(d.code)::text) - 1 AS t,
                   row_number() OVER (PARTITION BY grid.parent(d.code)::text ORDER BY d.code::text) - 1 AS i
              FROM grid.division d
             WHERE d.level = 'village' AND d.code OPERATOR(grid.<@) '4205') pos ON pos.code = u.code;
    INSERT INTO grid.cell (code, name, geom)
    SELECT (m.code || lpad(q::text, 3, '0'))::grid.division_code, m.short || '第' || q || '网格',
           ST_Multi(ST_MakeEnvelope(m.x0 + ((q - 1) % m.k) * 0.02 / m.k, m.y0 + ((q - 1) / m.k) * 0.02 / m.k,
                                    m.x0 + ((q - 1) % m.k + 1) * 0.02 / m.k, m.y0 + ((q - 1) / m.k + 1) * 0.02 / m.k, 4326))
      FROM city_map m, generate_series(1, m.ncells) q
     ORDER BY 1;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO grid.checkpoint (name, division, geom)
    SELECT m.short || (ARRAY['西', '东', '南'])[j] || '卡口', m.code::grid.division_code,
           ST_SetSRID(ST_MakePoint(m.x0 + (ARRAY[-0.0005, 0.0205, 0.01])[j], m.y0 + (ARRAY[0.01, 0.01, -0.0005])[j]), 4326)
      FROM city_map m, generate_series(1, least(m.nchk, 3)) j
     ORDER BY m.code, j;
    DROP TABLE city_map;
    RETURN n;
END
$$;
COMMENT ON FUNCTION grid.synth_city_map(text[], integer[], integer[]) IS
    'the map of a synthetic city, its one step that draws geometry: for each village (code), that many cells (numbered 001 up, squares on a lattice of Yichang''s townships) and that many checkpoints (at most 3, on its edges); returns the cells made';

-- A whole synthetic city.  Administrators only (it writes every table).
-- VOLATILE: writes.
CREATE FUNCTION grid.synth_city(residents bigint DEFAULT 250000, division grid.division_code DEFAULT '420503',
                                seed bigint DEFAULT 2020)
    RETURNS TABLE (part text, made bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    area      text := synth_city.division::text;
    n_res     constant bigint := synth_city.residents;
    sd        constant bigint := synth_city.seed;
    today     constant date := grid.report_today();
    day_start constant timestamptz := grid.report_day_start(grid.report_today());
    span      constant interval := pg_catalog.now() - grid.report_day_start(grid.report_today());
    surnames  text[];
    shares    float8[];
    villages  text[];
    bounds    float8[];
    base_a    bigint;
    base_h    bigint;
    n_hh      bigint;
    chunks    integer;
    live      bigint;
    batch     bigint;
    fmap      jsonb;
    r         record;
    entry     bigint;
BEGIN
    PERFORM grid.require_admin('generate a synthetic city');
    IF n_res IS NULL OR n_res NOT BETWEEN 100 AND 10000000 THEN
        RAISE EXCEPTION 'residents must be between 100 and 10000000'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The number asked for is %s.', coalesce(n_res::text, 'NULL'));
    END IF;
    IF sd IS NULL THEN
        RAISE EXCEPTION 'seed must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF area IS NULL OR NOT EXISTS (SELECT FROM grid.division d WHERE d.code::text = area) THEN
        RAISE EXCEPTION 'division % is not in the division registry', coalesce(area, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the code of a city, county, township or village of grid.division, such as 420503.';
    END IF;
    SELECT array_agg(d.code::text ORDER BY d.code::text) INTO villages
      FROM grid.division d WHERE d.level = 'village' AND d.code OPERATOR(grid.<@) synth_city.division;
    IF villages IS NULL THEN
        RAISE EXCEPTION 'division % has no villages or communities', area
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Residents live in villages and communities: give a division that has some.';
    END IF;
    IF EXISTS (SELECT FROM grid.resident x WHERE x.division OPERATOR(grid.<@) synth_city.division)
       OR EXISTS (SELECT FROM grid.cell c WHERE c.code OPERATOR(grid.<@) synth_city.division) THEN
        RAISE EXCEPTION 'division % already has residents or grid cells', area
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'grid.synth_city builds a city where there is none.',
                  HINT = 'Run it in an empty database, or on another division.';
    END IF;
    CREATE TEMP TABLE city_out (ord serial, part text, made bigint) ON COMMIT DROP;

    -- 1. The registry.  Villages: communities (社区) dense, villages (村)
    -- a third as dense, each with a size of its own; households filled in
    -- village by village, in proportion.
    -- surnames by their shares: a uniform number falls in one surname's
    -- slice of the cumulative shares (width_bucket, a binary search)
    SELECT array_agg(f.surname ORDER BY f.n), array_agg(f.lo ORDER BY f.n) INTO surnames, shares
      FROM (SELECT x.surname, row_number() OVER w AS n,
                   (sum(x.per_cent) OVER w - x.per_cent) / sum(x.per_cent) OVER () AS lo
              FROM grid.surname_frequency x
            WINDOW w AS (ORDER BY x.per_cent DESC, x.surname)) f;
    CREATE TEMP TABLE city_village ON COMMIT DROP AS
    SELECT k, v, path, rural, w, sum(w) OVER (ORDER BY k) - w AS w_lo
      FROM (SELECT u.k, u.v, grid.division_path(u.v::grid.division_code, '') AS path, nm.rural,
                   CASE WHEN nm.rural THEN 0.35 ELSE 1.0 END * (0.4 + 1.2 * grid.synth_random(sd, 'village_size', u.k)) AS w
              FROM unnest(villages) WITH ORDINALITY AS u(v, k)
             CROSS JOIN LATERAL (SELECT grid.division_name(u.v::grid.division_code) AS name) d
             CROSS JOIN LATERAL (SELECT d.name ~ '村' AND d.name !~ '社区' AS rural) nm) x;
    SELECT array_agg(w_lo / (SELECT sum(w) FROM city_village) ORDER BY k) INTO bounds FROM city_village;

    CREATE TEMP TABLE city_hh ON COMMIT DROP AS
    SELECT s.h, s.size, s.first_i, s.k, s.h - min(s.h) OVER (PARTITION BY s.k) AS hr,
           count(*) OVER (PARTITION BY s.k) AS hn
      FROM (SELECT h, least(size, n_res - first_i + 1) AS size, first_i,
                   width_bucket(((h - 0.5) / (count(*) OVER ()))::float8, bounds) AS k
              FROM (SELECT h, size, sum(size) OVER (ORDER BY h) - size + 1 AS first_i
                      FROM (SELECT h, CASE WHEN u < 0.22 THEN 1 WHEN u < 0.52 THEN 2 WHEN u < 0.74 THEN 3
                                           WHEN u < 0.88 THEN 4 WHEN u < 0.96 THEN 5 ELSE 6 END AS size
                              FROM (SELECT h, grid.synth_random(sd, 'household_size', h) AS u
                                      FROM generate_series(1, n_res / 2 + 10) h) a) b) c
             WHERE first_i <= n_res) s;
    SELECT count(*) INTO n_hh FROM city_hh;

    -- Cells: one per about 300 households (a grid worker's load), 2 to 49
    -- per village; checkpoints: two on a village's roads, one at a
    -- community's gate, none in a few.
    CREATE TEMP TABLE city_plan ON COMMIT DROP AS
    SELECT sv.k, sv.v, sv.rural, sv.path, coalesce(x.hn, 0) AS hn,
           least(49, greatest(2, round(coalesce(x.hn, 0) / 300.0)))::integer AS ncells,
           CASE WHEN grid.synth_random(sd, 'no_checkpoint', sv.k) < 0.04 THEN 0 WHEN sv.rural THEN 2 ELSE 1 END AS nchk
      FROM city_village sv LEFT JOIN (SELECT k, max(hn) AS hn FROM city_hh GROUP BY k) x ON x.k = sv.k;

    -- 2. The map (the swappable step).  Whole counties are drawn inside
    -- their real outlines (grid.synth_geography: townships, villages and the
    -- same number of cells in each village), checkpoints on the villages'
    -- edges; anything smaller, or without outlines, as squares on a lattice
    -- (grid.synth_city_map).
    IF grid.level(synth_city.division) IN ('city', 'county')
       AND NOT EXISTS (SELECT FROM city_plan p
                        WHERE NOT EXISTS (SELECT FROM grid.division_boundary b
                                           WHERE b.code OPERATOR(grid.=) grid.ancestor(p.v::grid.division_code, 'county'))) THEN
        UPDATE city_plan SET ncells = (SELECT least(49, greatest(2, round(avg(x.hn) / 300.0)))::integer FROM city_plan x);
        PERFORM grid.synth_geography(synth_city.division, (SELECT max(x.ncells) FROM city_plan x), sd);
        INSERT INTO grid.checkpoint (name, division, geom)
        SELECT grid.synth_short_name(d.name) || (ARRAY['西', '东', '南'])[j] || '卡口', p.v::grid.division_code,
               ST_LineInterpolatePoint(ST_ExteriorRing(ST_GeometryN(b.geom, 1)), j / 3.0)
          FROM city_plan p
          JOIN grid.division d ON d.code OPERATOR(grid.=) p.v::grid.division_code
          JOIN grid.village_boundary b ON b.code OPERATOR(grid.=) p.v::grid.division_code,
               generate_series(1, least(p.nchk, 3)) j
         ORDER BY p.v, j;
    ELSE
        PERFORM grid.synth_city_map(array_agg(p.v ORDER BY p.k), array_agg(p.ncells ORDER BY p.k),
                                    array_agg(p.nchk ORDER BY p.k))
           FROM city_plan p;
    END IF;

    -- Standard addresses, one per household, in its cell: estates of
    -- about 600 households (building, unit, room), roads, and hamlets in
    -- the villages.
    SELECT coalesce(max(a.id), 0) INTO base_a FROM grid.standard_address a;
    SELECT coalesce(max(x.id), 0) INTO base_h FROM grid.household x;
    CREATE TEMP TABLE city_addr ON COMMIT DROP AS
    SELECT hh.h, hh.k, base_a + hh.h AS aid, base_h + hh.h AS hid, p.v,
           p.v || lpad((1 + hh.hr * p.ncells / greatest(hh.hn, 1))::text, 3, '0') AS cell,
           CASE WHEN NOT p.rural AND ur < 0.2
                THEN grid.synth_pick('{解放路,胜利路,夷陵大道,东山大道,沿江大道,发展大道,城东大道,珍珠路,西陵一路,云集路,港窑路,桔城路,白沙路,体育场路,隆康路}',
                                     grid.synth_random(sd, 'road', hh.k * 1000 + hh.hr / 50)) END AS road,
           CASE WHEN NOT p.rural AND ur < 0.2 THEN (1 + hh.hr % 300)::text
                WHEN p.rural THEN (1 + hh.hr % 120)::text END AS number,
           CASE WHEN p.rural THEN grid.synth_pick('{张家湾,李家坪,王家岭,刘家冲,陈家台,杨家河,黄家嘴,周家坡,向家坝,覃家垭}',
                                                  grid.synth_random(sd, 'hamlet', hh.k * 1000 + hh.hr / 80))
                WHEN ur >= 0.2 THEN grid.synth_pick('{万达广场,桃花岭小区,滨江花园,金色家园,夷陵春天,清江润城,阳光丽景,幸福小区,江山多娇,东方花园,龙盘湖小区,国宾花园}',
                                                   grid.synth_random(sd, 'estate', hh.k * 1000 + hh.hr / 600)) END AS estate,
           CASE WHEN NOT p.rural AND ur >= 0.2 THEN (1 + (hh.hr % 600) / 24)::text END AS building,
           CASE WHEN NOT p.rural AND ur >= 0.2 THEN (1 + (hh.hr % 24) / 12)::text END AS unit,
           CASE WHEN NOT p.rural AND ur >= 0.2 THEN ((1 + (hh.hr % 12) / 2) * 100 + 1 + hh.hr % 2)::text END AS room,
           p.path
      FROM city_hh hh JOIN city_plan p ON p.k = hh.k
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'address_kind', hh.h) AS ur) u;
    INSERT INTO grid.standard_address (id, division, road, number, estate, building, unit, room, full_text, cell)
    SELECT aid, v::grid.division_code, road, number, estate, building, unit, room,
           path || coalesce(road || number || '号', '') || coalesce(estate, '')
                || CASE WHEN road IS NULL AND number IS NOT NULL THEN number || '号' ELSE '' END
                || coalesce(building || '栋' || unit || '单元' || room || '室', ''),
           cell
      FROM city_addr ORDER BY aid;
    PERFORM setval(pg_get_serial_sequence('grid.standard_address', 'id'), base_a + n_hh);
    INSERT INTO grid.household (id, division, address_id)
    SELECT hid, v::grid.division_code, aid FROM city_addr ORDER BY hid;
    PERFORM setval(pg_get_serial_sequence('grid.household', 'id'), base_h + n_hh);

    -- People: sex and age as in the census, members of a household mostly
    -- sharing its surname, phones for most people of 12 and over, a few
    -- away from home; IDs unique by numbering within (address code, birth
    -- date, sex), most issued in the county they live in.
    CREATE TEMP TABLE city_person ON COMMIT DROP AS
    SELECT q.*, grid.synth_with_check(q.code6 || to_char(q.birth, 'YYYYMMDD')
                   || lpad((((q.rn - 1) * 2 + CASE WHEN q.female THEN 0 ELSE 1 END) % 1000)::text, 3, '0')) AS id
      FROM (SELECT p.*, row_number() OVER (PARTITION BY p.code6, p.birth, p.female ORDER BY p.i) AS rn
              FROM (SELECT i, a.h, j, a.v, a.k, a.cell, a.aid, a.hid, sex.female, ag.age,
                           today - 1 - floor(ag.age * 365.2425)::integer AS birth,
                           CASE WHEN grid.synth_random(sd, 'born_elsewhere', i) < 0.12
                                THEN grid.synth_pick('{420502,420504,420505,420506,420525,420581,420582,420583,420102,420106,421002,420602,422801,500101}',
                                                     grid.synth_random(sd, 'born_where', i))
                                ELSE left(a.v, 6) END AS code6,
                           CASE WHEN j > 1 AND grid.synth_random(sd, 'own_surname', i) < 0.7
                                THEN surnames[width_bucket(grid.synth_random(sd, 'household_surname', a.h), shares)]
                                WHEN j = 1 THEN surnames[width_bucket(grid.synth_random(sd, 'household_surname', a.h), shares)]
                                ELSE surnames[width_bucket(grid.synth_random(sd, 'surname', i), shares)] END
                           || grid.synth_given_name(sex.female, grid.synth_random(sd, 'g1', i), grid.synth_random(sd, 'g2', i),
                                                    grid.synth_random(sd, 'g3', i)) AS name,
                           CASE WHEN ag.age >= 12 AND grid.synth_random(sd, 'phone', i)
                                     < CASE WHEN ag.age >= 80 THEN 0.4 WHEN ag.age >= 65 THEN 0.75 ELSE 0.93 END
                                THEN grid.synth_pick('{13,15,17,18,19}', grid.synth_random(sd, 'ph1', i))
                                     || lpad(floor(grid.synth_random(sd, 'ph2', i) * 1e9)::bigint::text, 9, '0') END AS phone,
                           CASE WHEN grid.synth_random(sd, 'away', i) < 0.003 THEN 'away' ELSE 'resident' END AS status
                      FROM city_hh hh
                      JOIN city_addr a ON a.h = hh.h
                     CROSS JOIN LATERAL generate_series(1, hh.size) j
                     CROSS JOIN LATERAL (SELECT hh.first_i + j - 1 AS i) ii
                     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'sex', ii.i) >= 0.5142 AS female) sex
                     CROSS JOIN LATERAL (SELECT grid.synth_age(grid.synth_random(sd, 'age', ii.i)) AS age) ag) p) q
     WHERE q.rn <= 500;
    INSERT INTO grid.resident (id, name, phones, household_id, address_id, division, cell, status)
    SELECT p.id, p.name, CASE WHEN p.phone IS NULL THEN '{}'::text[] ELSE ARRAY[p.phone] END, p.hid, p.aid,
           p.v::grid.division_code, p.cell, p.status
      FROM city_person p ORDER BY p.id
    ON CONFLICT DO NOTHING;
    -- the head of a household is its oldest member
    UPDATE grid.household x SET head_id = m.id
      FROM (SELECT DISTINCT ON (p.hid) p.hid, p.id FROM city_person p ORDER BY p.hid, p.birth, p.i) m
     WHERE x.id = m.hid;
    DELETE FROM grid.synthetic_resident;
    INSERT INTO grid.synthetic_resident (n, resident_id)
    SELECT row_number() OVER (ORDER BY x.id), x.id FROM grid.resident x;
    PERFORM grid.refresh_name_frequency();
    ANALYZE grid.resident;
    ANALYZE grid.standard_address;
    ANALYZE grid.household;

    -- 3. The teams: a doctor and a police officer (a few villages lack
    -- one), a grid worker for each cell (in a few villages the last cell
    -- has none), cadres and volunteers; the checkpoints the village mans.
    CREATE TEMP TABLE city_team ON COMMIT DROP AS
    SELECT p.k, p.v, m.role, m.cell, m.no,
           surnames[width_bucket(grid.synth_random(sd, 'team_surname', p.k * 100 + m.no), shares)]
           || grid.synth_given_name(grid.synth_random(sd, 'team_sex', p.k * 100 + m.no) < 0.5,
                                    grid.synth_random(sd, 'team_g1', p.k * 100 + m.no),
                                    grid.synth_random(sd, 'team_g2', p.k * 100 + m.no),
                                    grid.synth_random(sd, 'team_g3', p.k * 100 + m.no)) AS name,
           '139' || lpad(floor(grid.synth_random(sd, 'team_phone', p.k * 100 + m.no) * 1e8)::bigint::text, 8, '0') AS phone
      FROM city_plan p
     CROSS JOIN LATERAL (
        SELECT 'doctor' AS role, NULL::text AS cell, 1 AS no WHERE grid.synth_random(sd, 'no_doctor', p.k) >= 0.05
        UNION ALL SELECT 'police', NULL, 2 WHERE grid.synth_random(sd, 'no_police', p.k) >= 0.03
        UNION ALL SELECT 'grid_worker', p.v || lpad(q::text, 3, '0'), 10 + q
          FROM generate_series(1, p.ncells) q
         WHERE NOT (q = p.ncells AND grid.synth_random(sd, 'cell_unstaffed', p.k) < 0.06)
        UNION ALL SELECT 'cadre', NULL, 70 + c FROM generate_series(1, 1 + floor(grid.synth_random(sd, 'cadres', p.k) * 3)::int) c
        UNION ALL SELECT 'volunteer', NULL, 80 + c FROM generate_series(1, 2 + floor(grid.synth_random(sd, 'volunteers', p.k) * 4)::int) c
     ) m;
    INSERT INTO grid.team_member (division, role, name, phone, cell)
    SELECT v::grid.division_code, role, name, phone, cell::grid.division_code FROM city_team ORDER BY v, no;
    INSERT INTO grid.team_checkpoint (division, checkpoint_id)
    SELECT c.division, c.id FROM grid.checkpoint c
     WHERE c.division OPERATOR(grid.<@) synth_city.division AND grid.level(c.division) = 'village'
     ORDER BY c.division, c.id;

    -- 4. Today, from the start of the day (China time) to now: who reports
    -- by which channel (the app, SMS and the robot for people with a phone,
    -- a grid worker for most others, nobody for some), temperatures (a few
    -- fevers), times.
    CREATE TEMP TABLE city_day ON COMMIT DROP AS
    SELECT p.i, p.id::text AS id, p.name, p.phone, p.v, p.k, p.cell, p.hid,
           CASE WHEN p.phone IS NOT NULL THEN CASE WHEN uc < 0.55 THEN 'app' WHEN uc < 0.74 THEN 'sms'
                                                   WHEN uc < 0.93 THEN 'voice' END
                WHEN uc < 0.85 THEN 'proxy' END AS ch,
           f.fever,
           CASE WHEN f.fever THEN 37.3 + floor(grid.synth_random(sd, 'temp', p.i) * 16) / 10
                ELSE 36.0 + floor(grid.synth_random(sd, 'temp', p.i) * 11) / 10 END::numeric(4, 1) AS temp,
           CASE WHEN f.fever AND grid.synth_random(sd, 'symptoms', p.i) < 0.6 THEN 'cough'
                WHEN f.fever AND grid.synth_random(sd, 'symptoms', p.i) < 0.8 THEN 'cough,fatigue'
                WHEN grid.synth_random(sd, 'symptoms', p.i) < 0.01 THEN 'cough' ELSE '' END AS symptoms,
           day_start + span * grid.synth_random(sd, 'at', p.i) AS at,
           grid.synth_random(sd, 'slip', p.i) AS ux, grid.synth_random(sd, 'form', p.i) AS u2,
           grid.synth_random(sd, 'lon', p.i) AS ulon, grid.synth_random(sd, 'lat', p.i) AS ulat
      FROM city_person p
      JOIN grid.resident x ON x.id::text = p.id::text AND x.name = p.name
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'channel', p.i) AS uc) c
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'fever', p.i) < 0.0015 AS fever) f
     WHERE p.status = 'resident';

    -- The app: a few typed wrongly (a check character, 365 for 36.5, a
    -- time in words), a few sent twice by the phone (duplicates).  Most
    -- reach grid through the city platform's bulk push (grid.stage_app and
    -- grid.ingest_app); the rest, at least 2,000, through the app's own
    -- backend, which sends JSON to grid.submit, 1,000 records a request,
    -- each under its own key, and sends its first request again (nothing
    -- is stored twice; the first outcomes come back).
    CREATE TEMP TABLE city_app ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY a.live_order, a.again) AS n, a.live_order, a.rec
      FROM (SELECT d.i, g.again, rank() OVER (ORDER BY grid.synth_random(sd, 'app_live', d.i), d.i) AS live_order,
                   jsonb_build_object(
                       'key', 'app-' || sd || '-' || d.i || CASE WHEN g.again THEN '-again' ELSE '' END,
                       'id_text', CASE WHEN d.ux < 0.004 THEN left(d.id, 17) || CASE right(d.id, 1) WHEN '7' THEN '8' ELSE '7' END
                                       ELSE d.id END,
                       'reported_at', CASE WHEN d.ux >= 0.004 AND d.ux < 0.005 THEN '昨天下午'
                                           ELSE to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') END,
                       'temperature', CASE WHEN d.ux >= 0.005 AND d.ux < 0.0065 THEN to_jsonb(d.temp * 10)
                                           ELSE to_jsonb(d.temp) END,
                       'symptoms', to_jsonb(string_to_array(nullif(d.symptoms, ''), ',')),
                       'lon', round((ST_XMin(c.geom) + (0.1 + 0.8 * d.ulon) * (ST_XMax(c.geom) - ST_XMin(c.geom)))::numeric, 6),
                       'lat', round((ST_YMin(c.geom) + (0.1 + 0.8 * d.ulat) * (ST_YMax(c.geom) - ST_YMin(c.geom)))::numeric, 6)) AS rec
              FROM city_day d
              JOIN grid.cell c ON c.code::text = d.cell
             CROSS JOIN LATERAL (SELECT false AS again UNION ALL SELECT true WHERE d.ux >= 0.99 AND d.ux < 0.993) g
             WHERE d.ch = 'app') a;
    SELECT greatest(2000, count(*) * 8 / 100) INTO live FROM city_app WHERE NOT (rec ->> 'key') LIKE '%-again';
    CREATE TEMP TABLE city_submitted (retry boolean, index integer, key text, outcome text, reason text,
                                       resident text, batch_id bigint) ON COMMIT DROP;
    CREATE INDEX ON city_app (n);
    SELECT (count(*) + 999) / 1000 INTO chunks FROM city_app WHERE live_order <= live;
    FOR c IN 0 .. chunks - 1 LOOP
        INSERT INTO city_submitted
        SELECT false, s.* FROM grid.submit('app', (SELECT jsonb_agg(a.rec ORDER BY a.n) FROM city_app a
                                                     WHERE a.n BETWEEN c * 1000 + 1 AND (c + 1) * 1000
                                                       AND a.live_order <= live)) s;
        IF c = 0 THEN
            -- the first request times out at the client, which sends it again
            INSERT INTO city_submitted
            SELECT true, s.* FROM grid.submit('app', (SELECT jsonb_agg(a.rec ORDER BY a.n) FROM city_app a
                                                        WHERE a.n <= 1000 AND a.live_order <= live)) s;
        END IF;
    END LOOP;
    INSERT INTO grid.stage_app (id_text, reported_at, temperature, symptoms, lon, lat)
    SELECT a.rec ->> 'id_text', a.rec ->> 'reported_at', a.rec ->> 'temperature',
           CASE jsonb_typeof(a.rec -> 'symptoms')
                WHEN 'array' THEN array_to_string(ARRAY(SELECT jsonb_array_elements_text(a.rec -> 'symptoms')), ',')
                ELSE '' END,
           a.rec ->> 'lon', a.rec ->> 'lat'
      FROM city_app a WHERE a.live_order > live ORDER BY a.n;
    CREATE TEMP TABLE city_ingested ON COMMIT DROP AS SELECT * FROM grid.ingest_app('synthetic city: app platform');

    -- SMS as residents type them, a few from a number not registered
    -- (waiting for review), a few unreadable.
    INSERT INTO grid.stage_sms (phone, sent_at, message)
    SELECT CASE WHEN d.ux < 0.005 THEN '199' || lpad(floor(grid.synth_random(sd, 'sms_other', d.i) * 1e8)::bigint::text, 8, '0')
                WHEN d.u2 < 0.2 THEN '+86 ' || d.phone ELSE d.phone END,
           to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00',
           CASE WHEN d.ux >= 0.005 AND d.ux < 0.015 THEN '收到'
                WHEN d.u2 < 0.3 THEN '体温' || d.temp || CASE WHEN d.symptoms <> '' THEN ' 咳嗽' ELSE ' 正常' END
                WHEN d.u2 < 0.55 AND d.symptoms = '' THEN translate(d.temp::text, '0123456789.', '０１２３４５６７８９．')
                ELSE d.name || ' ' || d.temp || CASE WHEN d.symptoms <> '' THEN ' 咳嗽' ELSE '' END END
      FROM city_day d WHERE d.ch = 'sms' ORDER BY d.i;
    -- The voice robot: no answer, refused, answers as spoken, a few not
    -- understood.
    INSERT INTO grid.stage_voice (phone, called_at, outcome, temperature_answer, symptoms_answer)
    SELECT d.phone, to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00',
           CASE WHEN d.ux < 0.06 THEN 'no_answer' WHEN d.ux < 0.08 THEN 'refused' ELSE 'answered' END,
           CASE WHEN d.ux >= 0.08 THEN CASE WHEN d.ux < 0.085 THEN '不清楚'
                                            WHEN NOT d.fever AND d.u2 < 0.5 THEN '正常'
                                            WHEN d.u2 < 0.75 THEN replace(d.temp::text, '.', '度')
                                            ELSE d.temp::text END END,
           CASE WHEN d.ux >= 0.08 THEN CASE WHEN d.symptoms <> '' THEN '是' ELSE '否' END END
      FROM city_day d WHERE d.ch = 'voice' ORDER BY d.i;
    -- Grid workers for residents without a phone: by ID when they have
    -- it at hand, else by name within the cell; a few without the reading.
    -- The workers' app uploads through the day, 20,000 records a batch.
    CREATE TEMP TABLE city_proxy ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY d.i) AS n, coalesce(w.name, '网格员') AS worker,
           CASE WHEN d.u2 < 0.95 THEN d.id END AS id_text, d.name,
           CASE WHEN d.ux < 0.004 THEN '' ELSE d.temp::text END AS temperature,
           to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00' AS reported_at,
           d.symptoms, d.cell
      FROM city_day d
      LEFT JOIN (SELECT DISTINCT ON (t.v, t.cell) t.v, t.cell, t.name FROM city_team t
                  WHERE t.role = 'grid_worker' ORDER BY t.v, t.cell, t.no) w ON w.cell = d.cell
     WHERE d.ch = 'proxy';
    CREATE INDEX ON city_proxy (n);
    SELECT (count(*) + 19999) / 20000 INTO chunks FROM city_proxy;
    FOR c IN 0 .. chunks - 1 LOOP
        INSERT INTO grid.stage_proxy (worker, id_text, name, temperature, reported_at, symptoms, division)
        SELECT x.worker, x.id_text, x.name, x.temperature, x.reported_at, x.symptoms, x.cell
          FROM city_proxy x WHERE x.n BETWEEN c * 20000 + 1 AND (c + 1) * 20000 ORDER BY x.n;
        INSERT INTO city_ingested SELECT * FROM grid.ingest_proxy('synthetic city: grid workers');
    END LOOP;
    -- Checkpoints: residents of the village going out and coming back (by
    -- ID, some by name), some by car, a few from Wuhan (鄂A); entering
    -- without a pass is turned back (劝返); a few directions miswritten.
    INSERT INTO grid.stage_checkpoint (checkpoint, passed_at, direction, person, vehicle_plate, temperature,
                                       pass_checked, from_epicentre, turned_back)
    SELECT k.id::text, to_char(d.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08:00',
           CASE WHEN d.ux < 0.015 THEN '进出' WHEN u.dir < 0.5 THEN '进' ELSE '出' END,
           CASE WHEN u.who < 0.85 THEN d.id WHEN u.who < 0.95 THEN d.name END,
           CASE WHEN u.car < 0.3 OR u.who >= 0.95
                THEN CASE WHEN u.wuhan < 0.08 THEN '鄂A' ELSE '鄂E' END
                     || lpad(floor(grid.synth_random(sd, 'plate', d.i) * 1e5)::bigint::text, 5, '0') END,
           d.temp::text, CASE WHEN u.pass < 0.88 THEN '是' ELSE '否' END, NULL,
           CASE WHEN u.dir < 0.5 AND u.pass >= 0.88 THEN '是' ELSE '否' END
      FROM city_day d
      JOIN (SELECT c.division::text AS v, c.id, row_number() OVER (PARTITION BY c.division ORDER BY c.id) AS j,
                   count(*) OVER (PARTITION BY c.division) AS nk
              FROM grid.checkpoint c WHERE c.division OPERATOR(grid.<@) synth_city.division) k
        ON k.v = d.v AND k.j = 1 + d.i % k.nk
     CROSS JOIN LATERAL (SELECT grid.synth_random(sd, 'direction', d.i) AS dir, grid.synth_random(sd, 'who', d.i) AS who,
                                grid.synth_random(sd, 'car', d.i) AS car, grid.synth_random(sd, 'wuhan', d.i) AS wuhan,
                                grid.synth_random(sd, 'pass', d.i) AS pass) u
     WHERE grid.synth_random(sd, 'passage', d.i) < 0.03
     ORDER BY d.i;
    INSERT INTO city_ingested SELECT * FROM grid.ingest_sms('synthetic city: SMS gateway');
    INSERT INTO city_ingested SELECT * FROM grid.ingest_voice('synthetic city: voice robot');
    INSERT INTO city_ingested SELECT * FROM grid.ingest_checkpoint('synthetic city: checkpoints');

    -- 5. Returnees: a list as it arrives (grid.synth_source), linked to the
    -- registry (grid.link_batch), each registered (grid.register_returnee)
    -- with the resident it was linked to: most from Wuhan, arrived within
    -- the last three weeks, so some have finished their 14 days.
    batch := grid.synth_source('returnee', greatest(30, n_res * 6 / 1000), sd, 0.1, '返乡人员名单 ' || today);
    PERFORM grid.link_batch(batch);
    SELECT s.field_map INTO fmap FROM grid.source s WHERE s.code = 'returnee';
    FOR r IN
        SELECT (sr.raw ->> 'seq')::bigint AS j, grid.record_field(sr.raw, fmap, 'name') AS name,
               grid.record_field(sr.raw, fmap, 'phone') AS phone, grid.record_field(sr.raw, fmap, 'id') AS id_text,
               CASE WHEN l.decision = 'link' THEN l.resident_id::text END AS rid, x.division::text AS rdiv
          FROM grid.source_record sr
          LEFT JOIN grid.record_link l ON l.record_id = sr.record_id
          LEFT JOIN grid.resident x ON l.decision = 'link' AND x.id OPERATOR(grid.=) l.resident_id
         WHERE sr.batch_id = batch
         ORDER BY 1
    LOOP
        PERFORM grid.register_returnee(
            name => r.name,
            division => coalesce(r.rdiv, villages[1 + floor(grid.synth_random(sd, 'returnee_village', r.j) * cardinality(villages))::int])::grid.division_code,
            arrival_date => today - floor(grid.synth_random(sd, 'arrival', r.j) * 21)::integer,
            origin => CASE WHEN grid.synth_random(sd, 'origin', r.j) < 0.7
                           THEN grid.synth_pick('{420102,420103,420104,420105,420106,420107,420111,420112,420113,420115}', grid.synth_random(sd, 'origin_where', r.j))
                           WHEN grid.synth_random(sd, 'origin', r.j) < 0.9
                           THEN grid.synth_pick('{440305,440106,310115,330106,421002,420602,500101}', grid.synth_random(sd, 'origin_where', r.j))
                           ELSE grid.synth_pick('{广东东莞,浙江义乌,福建晋江}', grid.synth_random(sd, 'origin_where', r.j)) END,
            id => coalesce(r.rid, CASE WHEN grid.is_valid_resident_id(r.id_text) THEN r.id_text END),
            phone => r.phone,
            transport => grid.synth_pick('{car,car,car,train,train,train,train,bus,bus,plane}', grid.synth_random(sd, 'transport', r.j)),
            vehicle_plate => CASE WHEN grid.synth_random(sd, 'transport', r.j) < 0.3
                                  THEN '鄂A' || lpad(floor(grid.synth_random(sd, 'returnee_plate', r.j) * 1e5)::bigint::text, 5, '0') END);
    END LOOP;

    -- 6. Key persons beyond the fever rule: returnees from outside the
    -- epicentre watched at home, the household members of a fever as close
    -- contacts (some isolated centrally), some fevers suspected cases;
    -- returnees whose 14 days are over released.
    FOR r IN
        SELECT x.resident_id::text AS rid, x.arrival_date, coalesce(x.origin::text, x.origin_text) AS origin
          FROM grid.returnee x
         WHERE x.resident_id IS NOT NULL AND x.division OPERATOR(grid.<@) synth_city.division
           AND NOT coalesce(x.origin OPERATOR(grid.<@) grid.epicentre(), false)
           AND x.arrival_date + grid.observation_days() >= today
           AND grid.synth_random(sd, 'home_observation:' || x.resident_id::text, 0) < 0.5
         ORDER BY 1
    LOOP
        PERFORM grid.add_key_person(r.rid::grid.resident_id, 'home_observation', '返乡人员, 来自 ' || r.origin,
                                    r.arrival_date);
    END LOOP;
    FOR r IN
        SELECT DISTINCT m.id::text AS rid, grid.synth_random(sd, 'contact:' || m.id::text, 0) AS u
          FROM grid.key_person k
          JOIN grid.resident x ON x.id OPERATOR(grid.=) k.resident_id
          JOIN grid.resident m ON m.household_id = x.household_id AND m.id::text <> x.id::text
         WHERE k.category = 'fever_unexcluded' AND k.status = 'open'
           AND k.division OPERATOR(grid.<@) synth_city.division
         ORDER BY 1
    LOOP
        IF r.u < 0.7 THEN
            PERFORM grid.add_key_person(r.rid::grid.resident_id, 'close_contact', '同户发热人员的密切接触者', today);
        END IF;
        IF r.u < 0.15 THEN
            PERFORM grid.add_key_person(r.rid::grid.resident_id, 'central_isolation', '密切接触者集中隔离', today);
        END IF;
    END LOOP;
    FOR r IN
        SELECT k.resident_id::text AS rid FROM grid.key_person k
         WHERE k.category = 'fever_unexcluded' AND k.status = 'open'
           AND k.division OPERATOR(grid.<@) synth_city.division
           AND grid.synth_random(sd, 'suspected:' || k.resident_id::text, 0) < 0.25
         ORDER BY 1
    LOOP
        PERFORM grid.add_key_person(r.rid::grid.resident_id, 'suspected', '发热伴咳嗽, 待核酸检测', today);
    END LOOP;
    FOR r IN
        SELECT k.resident_id::text AS rid, k.id FROM grid.key_person k
         WHERE k.category = 'epicentre_returnee' AND k.status = 'open' AND k.period_end < today
           AND k.division OPERATOR(grid.<@) synth_city.division
         ORDER BY 1, 2
    LOOP
        PERFORM grid.close_key_person(r.rid::grid.resident_id, r.id, 'released');
    END LOOP;

    -- 7. Services for people at home: medicine, gas, groceries, parcels;
    -- most taken by the cell's grid worker, many done, a few cancelled.
    FOR r IN
        SELECT d.id, d.i, grid.synth_random(sd, 'service_state', d.i) AS u, coalesce(w.name, '志愿者') AS worker,
               grid.synth_pick('{medicine,medicine,medicine,groceries,groceries,groceries,gas,gas,paid_order_pickup,other}',
                               grid.synth_random(sd, 'service_kind', d.i)) AS kind
          FROM city_day d
          LEFT JOIN (SELECT DISTINCT ON (t.cell) t.cell, t.name FROM city_team t
                      WHERE t.role = 'grid_worker' ORDER BY t.cell, t.no) w ON w.cell = d.cell
         WHERE grid.synth_random(sd, 'service', d.i) < greatest(0.004, 12.0 / n_res)
         ORDER BY d.i
    LOOP
        entry := grid.request_service(r.id::grid.resident_id, r.kind,
                     CASE r.kind WHEN 'medicine' THEN grid.synth_pick('{降压药,胰岛素,感冒灵,布洛芬,硝苯地平片}', r.u)
                                 WHEN 'gas' THEN '液化气一罐' WHEN 'groceries' THEN '蔬菜包一份'
                                 WHEN 'paid_order_pickup' THEN '快递柜取件' ELSE '代缴电费' END);
        IF r.u < 0.65 THEN
            PERFORM grid.take_service(r.id::grid.resident_id, entry, r.worker);
            IF r.u < 0.4 THEN
                PERFORM grid.finish_service(r.id::grid.resident_id, entry, 'done');
            END IF;
        ELSIF r.u >= 0.96 THEN
            PERFORM grid.finish_service(r.id::grid.resident_id, entry, 'cancelled');
        END IF;
    END LOOP;

    -- What was made.
    INSERT INTO city_out (part, made)
    SELECT x.part, x.made FROM (VALUES
        ('villages and communities', cardinality(villages)::bigint),
        ('standard addresses', (SELECT count(*) FROM city_addr)),
        ('households', n_hh),
        ('residents', (SELECT count(*) FROM grid.resident x WHERE x.division OPERATOR(grid.<@) synth_city.division)),
        ('residents away from home', (SELECT count(*) FROM grid.resident x
                                       WHERE x.division OPERATOR(grid.<@) synth_city.division AND x.status = 'away')),
        ('grid cells', (SELECT count(*) FROM grid.cell c WHERE c.code OPERATOR(grid.<@) synth_city.division)),
        ('checkpoints', (SELECT count(*) FROM grid.checkpoint c WHERE c.division OPERATOR(grid.<@) synth_city.division)),
        ('team members', (SELECT count(*) FROM city_team))) AS x(part, made);
    INSERT INTO city_out (part, made)
    SELECT 'app records sent to grid.submit: ' || s.outcome, count(*) FROM city_submitted s WHERE NOT s.retry
     GROUP BY s.outcome ORDER BY min(CASE s.outcome WHEN 'stored' THEN 1 WHEN 'corrected' THEN 2 WHEN 'duplicate' THEN 3
                                                    WHEN 'rejected' THEN 4 ELSE 5 END);
    INSERT INTO city_out (part, made)
    SELECT 'app records resent under their key (first outcome returned)', count(*) FROM city_submitted s WHERE s.retry;
    INSERT INTO city_out (part, made)
    SELECT i.channel || ' ' || x.what, x.n
      FROM (SELECT b.channel, min(b.batch_id) AS first, sum(b.received)::bigint AS received,
                   sum(b.accepted)::bigint AS accepted, sum(b.rejected)::bigint AS rejected,
                   sum(b.duplicates)::bigint AS duplicates, sum(b.unlinked)::bigint AS unlinked
              FROM city_ingested b GROUP BY b.channel) i
     CROSS JOIN LATERAL (VALUES (1, 'records received', i.received), (2, 'accepted', i.accepted),
                                (3, 'rejected', i.rejected), (4, 'duplicates', i.duplicates),
                                (5, 'waiting for review', i.unlinked)) x(o, what, n)
     ORDER BY i.first, x.o;
    INSERT INTO city_out (part, made)
    SELECT x.part, x.made FROM (VALUES
        ('voice calls unanswered or refused', (SELECT count(*) FROM grid.unreached u JOIN city_ingested i ON i.batch_id = u.batch_id)),
        ('checkpoint passages turned back', (SELECT count(*) FROM grid.checkpoint_passage p JOIN city_ingested i ON i.batch_id = p.batch_id
                                              WHERE p.turned_back)),
        ('returnee list records', (SELECT count(*) FROM grid.source_record sr WHERE sr.batch_id = batch)),
        ('returnees registered', (SELECT count(*) FROM grid.returnee x WHERE x.division OPERATOR(grid.<@) synth_city.division)),
        ('returnees linked to a resident', (SELECT count(*) FROM grid.returnee x
                                             WHERE x.division OPERATOR(grid.<@) synth_city.division AND x.resident_id IS NOT NULL)),
        ('returnees from the epicentre', (SELECT count(*) FROM grid.returnee x
                                           WHERE x.division OPERATOR(grid.<@) synth_city.division
                                             AND x.origin OPERATOR(grid.<@) grid.epicentre()))) AS x(part, made);
    INSERT INTO city_out (part, made)
    SELECT 'key persons ' || k.status || ': ' || k.category, count(*) FROM grid.key_person k
     WHERE k.division OPERATOR(grid.<@) synth_city.division GROUP BY k.status, k.category ORDER BY k.status, k.category;
    INSERT INTO city_out (part, made)
    SELECT 'service requests ' || q.status, count(*) FROM grid.service_request q
     WHERE q.division OPERATOR(grid.<@) synth_city.division GROUP BY q.status
     ORDER BY min(CASE q.status WHEN 'open' THEN 1 WHEN 'taken' THEN 2 WHEN 'done' THEN 3 ELSE 4 END);
    RETURN QUERY SELECT o.part, o.made FROM city_out o ORDER BY o.ord;
    DROP TABLE city_out, city_village, city_hh, city_plan, city_addr, city_person, city_team, city_day,
               city_app, city_submitted, city_proxy, city_ingested;
END
$$;
COMMENT ON FUNCTION grid.synth_city(bigint, grid.division_code, bigint) IS
    'make a whole synthetic city in a division that has none (default 250,000 residents in 伍家岗区, 420503; any city, county, township or village code), reproducible from the seed on a given day, through the entry points a city uses: households, standard addresses and residents by the 2020 census''s age and sex (grid.synth_census_bands), denser in communities than in villages; cells and checkpoints (inside the real county outlines by grid.synth_geography for a county or city, else grid.synth_city_map); "1 + 1 + N + K" teams with a few gaps; today''s reports from every channel (app through grid.submit, SMS, voice, proxy, checkpoints through staging and ingestion) with realistic rejects, duplicates and records waiting for review; a returnee list linked and registered; key persons of several categories; service requests open, taken, done and cancelled. Administrators only (42501); returns what it made, part by part';

-- PostGIS, for the map and the app's positions, in its own schema whatever
-- the caller's search_path.
DO $do$
DECLARE
    postgis_schema text := (SELECT n.nspname FROM pg_catalog.pg_extension e
                              JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                             WHERE e.extname = 'postgis');
BEGIN
    EXECUTE format('ALTER FUNCTION grid.synth_city_map(text[], integer[], integer[]) SET search_path = pg_catalog, %I, pg_temp',
                   postgis_schema);
    EXECUTE format('ALTER FUNCTION grid.synth_city(bigint, grid.division_code, bigint) SET search_path = pg_catalog, %I, pg_temp',
                   postgis_schema);
END;
$do$;
