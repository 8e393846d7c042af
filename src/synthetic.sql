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
    'what was done to it: homophone, fuzzy_pinyin, look_alike, traditional, id_digit, id_swap, id_date_swap, id_15, id_fullwidth, id_missing, phone_missing, phone_changed, phone_only, address_shorthand, address_short, address_village, address_numerals, address_moved, unregistered';
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
           grid.synth_random(seed, 'u1', j) AS u1, grid.synth_random(seed, 'u2', j) AS u2
      FROM (SELECT j, grid.synth_random(seed, 'registered', j) >= unregistered AS reg,
                   1 + ((j * step + seed) % people) AS pick
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
           phones = ARRAY['199' || lpad(floor(u2 * 1e8)::bigint::text, 8, '0')]
     WHERE NOT reg;

    CREATE TEMP TABLE synth_out ON COMMIT DROP AS
    SELECT j, truth, reg,
           n.v AS name, n.k AS name_k,
           CASE WHEN i.k = 'id_missing' THEN NULL ELSE coalesce(i.v, true_id) END AS id, i.k AS id_k,
           p.v AS phone, p.k AS phone_k,
           ad.v AS address, ad.k AS addr_k
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
                    END AS k) kk) n0
      CROSS JOIN LATERAL (SELECT CASE WHEN prof IN ('sms', 'voice') THEN NULL WHEN n0.v IS NOT NULL THEN n0.k END AS k,
                                 CASE WHEN prof IN ('sms', 'voice') THEN NULL ELSE coalesce(n0.v, true_name) END AS v) n
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
                      ELSE full_text END AS v) ad;

    WITH ins AS (
        INSERT INTO grid.source_record (batch_id, division, raw)
        SELECT batch, '4205',
               jsonb_strip_nulls(jsonb_build_object(
                   coalesce(fmap ->> 'id', 'id'), o.id, coalesce(fmap ->> 'name', 'name'), o.name,
                   coalesce(fmap ->> 'phone', 'phone'), o.phone, coalesce(fmap ->> 'address', 'address'), o.address,
                   'seq', o.j))
          FROM synth_out o ORDER BY o.j
        RETURNING record_id, (raw ->> 'seq')::bigint AS j
    )
    INSERT INTO grid.synthetic_truth (record_id, resident_id, corruptions)
    SELECT ins.record_id, o.truth,
           array_remove(ARRAY[o.name_k, o.id_k, o.phone_k, o.addr_k,
                              CASE WHEN NOT o.reg THEN 'unregistered' END], NULL)
      FROM ins JOIN synth_out o ON o.j = ins.j;
    DROP TABLE synth_rec;
    DROP TABLE synth_out;
    ANALYZE grid.source_record;
    RETURN batch;
END
$$;
COMMENT ON FUNCTION grid.synth_source(text, bigint, bigint, real, text, text) IS
    'generate a batch of n records of a source from the synthetic registry, corrupted as the source profile corrupts them, with ground truth in grid.synthetic_truth; returns the batch id. Profiles (by default from the source: police, survey, sms, robot as voice, else returnee): returnee (homophones, fuzzy pinyin, look-alike and traditional characters, full-width, mistyped, swapped and 15-digit IDs, missing and changed phones, shorthand addresses), police (an ID nearly always clean, a few typos in it and the name), survey (door-to-door: IDs often missing or with a swapped birth date, short addresses run together, village names alone, numbers in Chinese), sms and voice (a phone alone; voice sometimes a village name); a share of people not registered. 22023 for another profile';
