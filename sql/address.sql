-- grid.parse_address: the forms addresses are written in, resolved against
-- the shipped Yichang divisions; bad input; grid.address_similarity.
SET search_path = public, grid;
SET extra_float_digits = 0;

CREATE TEMP TABLE address_case (n int, address text);
INSERT INTO address_case VALUES
 ( 1, '湖北省宜昌市伍家岗区伍家岗街道王家河社区夷陵大道58号万达广场3栋2单元501室'),
 ( 2, '宜昌市伍家岗区王家河社区万达广场3-2-501'),
 ( 3, '伍家岗区王家河社区居委会万达广场３－２－５０１'),
 ( 4, '王家河社区 3栋2单元501'),
 ( 5, '西陵区中书街社区解放路12号'),
 ( 6, '点军区点军街道范家湖村村民委员会'),
 ( 7, '点军区范家湖村委会张家湾12号'),
 ( 8, '远安县鸣凤镇安泰社区5幢1单元302室'),
 ( 9, '宜都市枝城镇'),
 (10, '当阳市当阳市两河镇糜城村覃家垭43号'),
 (11, '夷陵区樟村坪镇樟村坪社区'),
 (12, '长阳土家族自治县龙舟坪镇'),
 (13, '长阳县龙舟坪镇'),
 (14, '七里村'),
 (15, '点军区七里村'),
 (16, '远安县七里村'),
 (17, '西陵区王家河社区'),
 (18, '夷陵区小溪塔街道南津关村'),
 (19, '夷陵区小溪塔街道南津关社区'),
 (20, '东山大道万达小区12号楼'),
 (21, '幸福小区3-501'),
 (22, '伍家岗区 某某路 12号 附近'),
 (23, '伍家岗区 Block B 12'),
 (24, '三峡坝区'),
 (25, '湖北省宜昌市'),
 (26, '中国湖北省宜昌市西陵区'),
 (27, '猇亭区云池街道'),
 (28, '枝江市董市镇曹店村'),
 (29, '伍家岗区王家河社区😀'),
 (30, 'ＸＸ小区１栋'),
 -- short forms run together, suffixes left out, numbers in Chinese
 (31, '长阳界岭村12-3-503'),
 (32, '五峰渔洋关'),
 (33, '伍家岗王家河社区万达广场三栋二单元五〇三室'),
 (34, '夷陵小溪塔南津关村'),
 (35, '长阳龙舟坪'),
 (36, '界岭村十二号'),
 (37, '界岭3-2-501'),
 (38, '夷陵邓村坪村105号');
SELECT n, address, (grid.parse_address(address)).* FROM address_case ORDER BY n;

-- What the division is, by name.
SELECT n, grid.division_path((grid.parse_address(address)).division) AS resolved
  FROM address_case WHERE n IN (1, 6, 8, 10, 11, 14, 15, 16, 17, 18, 19, 28, 31, 32, 33, 34, 35, 36, 37, 38) ORDER BY n;

-- The structure before resolution.
SELECT * FROM grid.address_tokens('湖北省宜昌市夷陵区樟村坪镇樟村坪社区');
SELECT grid.address_stem(name) AS stem, count(*) FROM grid.division
 WHERE name IN ('伍家岗区', '伍家岗街道', '王家河社区', '范家湖村', '长阳土家族自治县', '两河镇') GROUP BY 1 ORDER BY 1;

-- Every shipped division is found from its full path; villages from their
-- name alone unless the name is used more than once.
SELECT level, count(*) AS divisions,
       count(*) FILTER (WHERE (grid.parse_address(grid.division_path(code, ''))).division = code) AS found_from_path,
       count(*) FILTER (WHERE (grid.parse_address(name)).division = code) AS found_from_name
  FROM grid.division WHERE code <@ '4205'::grid.division_code AND level <> 'city'
 GROUP BY level ORDER BY min(length(code::text));
SELECT count(*) AS ambiguous_village_names,
       count(*) FILTER (WHERE (grid.parse_address(d.name)).division = grid.common_ancestor(
           ARRAY(SELECT o.code FROM grid.division o WHERE o.name = d.name))) AS resolved_to_common_ancestor
  FROM grid.division d
 WHERE d.level = 'village' AND (SELECT count(*) FROM grid.division o WHERE o.name = d.name) > 1;

-- Names are looked up through the stem index.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM grid.division WHERE grid.address_stem(name) = '王家河' AND level = 'village';
RESET enable_seqscan;

-- Bad input: NULL, empty, blank, punctuation, very long, mixed scripts.
SELECT grid.parse_address(NULL) IS NULL AS null_in_null_out;
SELECT (grid.parse_address('')).* ;
SELECT (grid.parse_address('   　 ')).*;
SELECT (grid.parse_address('，。！？')).*;
SELECT (p).division, length((p).estate) AS estate_length
  FROM (SELECT grid.parse_address('伍家岗区' || repeat('很长的地址', 10000)) AS p) s;
-- (only the first 1024 bytes are read: the room at the end is not)
SELECT (p).division, (p).room FROM (SELECT grid.parse_address(repeat('村', 5000) || '3-2-501') AS p) s;
SELECT (grid.parse_address('Wujiagang District, Yichang')).*;
SELECT (grid.parse_address('伍家岗区 Wanda Plaza 3-2-501')).*;

-- Similarity of two addresses, on their parts.
SELECT grid.address_similarity('伍家岗区王家河社区万达广场3栋2单元501室', '王家河社区万达广场3-2-501') AS same_flat,
       grid.address_similarity('伍家岗区王家河社区万达广场3栋2单元501室', '伍家岗区王家河社区万达广场3栋2单元502室') AS next_door,
       grid.address_similarity('伍家岗区王家河社区万达广场3栋2单元501室', '伍家岗区伍家岗街道') AS same_street_only,
       grid.address_similarity('伍家岗区王家河社区', '西陵区中书街社区') AS other_district,
       grid.address_similarity('', '伍家岗区') AS empty,
       grid.address_similarity(NULL::text, '伍家岗区') AS null_side;
