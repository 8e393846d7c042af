-- grid.parse_sms: the SMS channel's parser on real-looking messages, and on
-- the voice robot's speech-recognition answers.
-- Each row states what must be read; the queries after it count disagreements.
SET search_path = public;
SET extra_float_digits = 0;
CREATE TEMP TABLE sms_case (n int, message text, temperature numeric, symptoms text[],
                            normal boolean, id_text text, name text, error text);
INSERT INTO sms_case VALUES
 ( 1, '36.5',                               36.5, '{}', false, NULL, NULL, NULL),
 ( 2, '体温36.8 正常',                       36.8, '{}', true,  NULL, NULL, NULL),
 ( 3, '37.6 咳嗽',                           37.6, '{cough}', false, NULL, NULL, NULL),
 ( 4, '３６．５',                            36.5, '{}', false, NULL, NULL, NULL),
 ( 5, '体温３６．８度，无不适',               36.8, '{}', true,  NULL, NULL, NULL),
 ( 6, '36度5',                              36.5, '{}', false, NULL, NULL, NULL),
 ( 7, '今天体温36点7度',                      36.7, '{}', false, NULL, NULL, NULL),
 ( 8, '36。6',                              36.6, '{}', false, NULL, NULL, NULL),
 ( 9, '365',                                NULL, '{}', false, NULL, NULL, 'no decimal mark in 365 (a reading is written like 36.5)'),
 (10, '37',                                 37,   '{}', false, NULL, NULL, NULL),
 (11, '36.5℃ 一切正常',                      36.5, '{}', true,  NULL, NULL, NULL),
 (12, '36.4°C',                             36.4, '{}', false, NULL, NULL, NULL),
 (13, '张伟 36.5',                           36.5, '{}', false, NULL, '张伟', NULL),
 (14, '李明体温36.5正常',                     36.5, '{}', true,  NULL, '李明', NULL),
 (15, '我是刘春丽，今天体温36.6，身体健康',      36.6, '{}', true,  NULL, '刘春丽', NULL),
 (16, '无咳嗽无发热 36.4',                    36.4, '{}', false, NULL, NULL, NULL),
 (17, '不发烧，咳嗽 36.9',                    36.9, '{cough}', false, NULL, NULL, NULL),
 (18, '没有咳嗽、发热、乏力 36.2',              36.2, '{}', false, NULL, NULL, NULL),
 (19, '38.2 发烧 头痛 乏力',                  38.2, '{fever,fatigue,headache}', false, NULL, NULL, NULL),
 (20, '早上36.5 晚上37.8',                    NULL, '{}', false, NULL, NULL, 'several different temperatures: 36.5 and 37.8'),
 (21, '420503199003071230 36.6',            36.6, '{}', false, '420503199003071230', NULL, NULL),
 (22, '身份证11010519491231002x体温36.3',     36.3, '{}', false, '11010519491231002X', NULL, NULL),
 (23, '王芳 420503198512010028 体温36.7 正常', 36.7, '{}', true, '420503198512010028', '王芳', NULL),
 (24, '13812345678 36.5',                   36.5, '{}', false, NULL, NULL, NULL),
 (25, '2月10日 36.5',                        36.5, '{}', false, NULL, NULL, NULL),
 (26, '8点测体温36.1',                        36.1, '{}', false, NULL, NULL, NULL),
 (27, '正常',                                NULL, '{}', true,  NULL, NULL, 'no temperature in the message'),
 (28, '   ',                                 NULL, '{}', false, NULL, NULL, 'empty message'),
 (29, '',                                    NULL, '{}', false, NULL, NULL, 'empty message'),
 (30, '45.2',                                NULL, '{}', false, NULL, NULL, 'implausible temperature 45.2 (expected 34.0 to 43.0)'),
 (31, '体温33.1',                            NULL, '{}', false, NULL, NULL, 'implausible temperature 33.1 (expected 34.0 to 43.0)'),
 (32, '体温不正常 37.9',                       37.9, '{}', false, NULL, NULL, NULL),
 (33, '37.3 咽痛 流鼻涕',                      37.3, '{sore_throat,runny_nose}', false, NULL, NULL, NULL),
 (34, '36.8 拉肚子',                          36.8, '{diarrhoea}', false, NULL, NULL, NULL),
 (35, '体温37.1，胸闷气短',                    37.1, '{breathing}', false, NULL, NULL, NULL),
 (36, '36.9 全身酸痛 畏寒',                    36.9, '{muscle_pain,chills}', false, NULL, NULL, NULL),
 (37, '36.6 闻不到味道 嗅觉减退',               36.6, '{smell_taste}', false, NULL, NULL, NULL),
 (38, '全家都正常 36.5 36.7 36.4',             NULL, '{}', false, NULL, NULL, 'several different temperatures: 36.5 and 36.7'),
 (39, '收到',                                NULL, '{}', false, NULL, NULL, 'no temperature in the message'),
 (40, '３７．５，咳嗽，无发热',                 37.5, '{cough}', false, NULL, NULL, NULL),
 (41, '体温：36.5',                           36.5, '{}', false, NULL, NULL, NULL),
 (42, '36.5 3栋2单元501',                     36.5, '{}', false, NULL, NULL, NULL),
 (43, '老人今年80岁 体温36.3',                  36.3, '{}', false, NULL, NULL, NULL),
 (44, '36.5 干咳',                            36.5, '{cough}', false, NULL, NULL, NULL),
 (45, '您好，今日自测36.2度，无症状，谢谢',        36.2, '{}', true,  NULL, NULL, NULL),
 (46, '36,5',                                36.5, '{}', false, NULL, NULL, NULL),
 (47, '36度五',                              36.5, '{}', false, NULL, NULL, NULL),
 (48, '三十六度五',                           36.5, '{}', false, NULL, NULL, NULL),
 (49, '三十六点八',                           36.8, '{}', false, NULL, NULL, NULL),
 (50, '三十七度二',                           37.2, '{}', false, NULL, NULL, NULL),
 (51, '体温三十六度八正常',                    36.8, '{}', true,  NULL, NULL, NULL),
 (52, '体温1e400',                           NULL, '{}', false, NULL, NULL, 'number with an exponent, not a reading: 1e400'),
 (53, '37.25',                               37.25, '{}', false, NULL, NULL, NULL),
 (54, '33.96',                               NULL, '{}', false, NULL, NULL, 'implausible temperature 33.96 (expected 34.0 to 43.0)'),
 (55, '37.251',                              NULL, '{}', false, NULL, NULL, 'more than two decimals: 37.251'),
 (56, '嗯 我的体温是三十六度五左右吧',           36.5, '{}', false, NULL, NULL, NULL),
 (57, '三十六度多，正常',                      NULL, '{}', false, NULL, NULL, 'not an exact reading: 三十六度多'),
 (58, '98.6F',                               NULL, '{}', false, NULL, NULL, 'fahrenheit reading 98.6F (expected degrees celsius)'),
 (59, '36到37',                              NULL, '{}', false, NULL, NULL, 'a range, not one reading: 36到37'),
 (60, '36.5.5',                              NULL, '{}', false, NULL, NULL, 'malformed number: 36.5.5'),
 (61, '咳嗽：无，发热：无，体温36.5',            36.5, '{}', false, NULL, NULL, NULL),
 (62, '体温36.50',                           36.5, '{}', false, NULL, NULL, NULL);

SELECT c.n, c.message, p.temperature, p.symptoms, p.normal, p.id_text, p.name, p.error
  FROM sms_case c, grid.parse_sms(c.message) p ORDER BY c.n;

-- Disagreements with the stated expectations: none.
SELECT c.n, c.message
  FROM sms_case c, grid.parse_sms(c.message) p
 WHERE p.temperature IS DISTINCT FROM c.temperature OR p.symptoms IS DISTINCT FROM c.symptoms
    OR p.normal IS DISTINCT FROM c.normal OR p.id_text IS DISTINCT FROM c.id_text
    OR p.name IS DISTINCT FROM c.name OR p.error IS DISTINCT FROM c.error;

-- A reading is kept exactly as written, as plain numeric with its trailing
-- zeros trimmed: never rounded to one decimal.
SELECT m, (grid.parse_sms(m)).temperature, (grid.parse_sms(m)).temperature::text AS as_text
  FROM unnest(ARRAY['37.25', '36.50', '37.0', '36.05', '三十六度零五']) AS m;
SELECT format_type(a.atttypid, a.atttypmod) AS temperature_type
  FROM pg_attribute a WHERE a.attrelid = 'grid.sms_report'::regclass AND a.attname = 'temperature';

-- Every message of test/unit/sms_messages.tsv, typed and spoken: the reading
-- expected, or the kind of rejection (the reason's first words).
CREATE TEMP TABLE sms_file (line text);
\copy sms_file FROM 'test/unit/sms_messages.tsv' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02')
CREATE TEMP TABLE sms_expected AS
SELECT split_part(line, E'\t', 1) AS message, split_part(line, E'\t', 2) AS expected,
       split_part(line, E'\t', 3) AS source
  FROM sms_file WHERE line IS NOT NULL AND line NOT LIKE '#%';
CREATE TEMP TABLE sms_reason (kind text, starts text);
INSERT INTO sms_reason VALUES
  ('empty', 'empty message'), ('no_temperature', 'no temperature in the message'),
  ('implausible', 'implausible temperature '), ('too_long', 'message longer than '),
  ('exponent', 'number with an exponent'), ('malformed', 'malformed number: '),
  ('precision', 'more than two decimals: '), ('no_point', 'no decimal mark in '),
  ('fahrenheit', 'fahrenheit reading '), ('range', 'a range, not one reading: '),
  ('approximate', 'not an exact reading: '), ('bound', 'a bound, not a reading: '),
  ('negated', 'a negated reading: '), ('ambiguous', 'unclear whether one reading or two numbers: '),
  ('several', 'several different temperatures: ');
SELECT source, count(*) AS messages,
       count(*) FILTER (WHERE expected ~ '^[0-9]') AS readings,
       count(*) FILTER (WHERE expected !~ '^[0-9]') AS rejections
  FROM sms_expected GROUP BY source ORDER BY source;
-- Disagreements with the file: none.
SELECT e.source, e.message, e.expected, p.temperature, p.error
  FROM sms_expected e
 CROSS JOIN LATERAL grid.parse_sms(e.message) p
  LEFT JOIN sms_reason r ON r.kind = e.expected
 WHERE CASE WHEN e.expected ~ '^[0-9]'
            THEN p.temperature IS DISTINCT FROM e.expected::numeric OR p.error IS NOT NULL
                 OR p.temperature::text <> e.expected
            ELSE p.temperature IS NOT NULL OR r.kind IS NULL OR NOT starts_with(p.error, r.starts) END;

-- The ID found in a message is validated like any other.
SELECT grid.resident_id(id_text) FROM grid.parse_sms('王芳 420503198512010028 体温36.7') AS p;
SELECT grid.parse_sms(NULL) IS NULL AS strict;
-- A message longer than 1024 characters is rejected, never cut (a cut
-- could fall inside a number: "…36.5" read as 36).
SELECT (grid.parse_sms(repeat('咳嗽', 5000) || ' 36.5')).error AS long_message;
SELECT (grid.parse_sms('36.5 ' || repeat('咳嗽', 5000))).error AS long_message_reading_first;
SELECT (grid.parse_sms(repeat(' ', 1020) || '36.5')).temperature AS at_the_limit;
-- The quoted text in a reason is cut short, never the whole input.
SELECT (grid.parse_sms('体温1e' || repeat('9', 900))).error AS quoted_short;
