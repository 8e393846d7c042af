-- The SMS channel: a health report read out of a message as residents type it.

CREATE TYPE grid.sms_report AS (
    temperature numeric(4,1),   -- highest reading, NULL when none was usable
    symptoms    text[],         -- cough, fever, fatigue, sore_throat, breathing, diarrhoea,
                                -- headache, runny_nose, muscle_pain, chills, smell_taste
    normal      boolean,        -- said 正常, 无症状, 良好, ... without negation
    id_text     text,           -- a 15- or 18-character ID-like token, unvalidated
    name        text,           -- 2-4 Han characters left over: the sender's name, a guess
    error       text            -- NULL when a temperature was read, else why not
);
COMMENT ON TYPE grid.sms_report IS 'what grid.parse_sms read out of an SMS health report';

CREATE FUNCTION grid.parse_sms(message text) RETURNS grid.sms_report
    AS 'MODULE_PATHNAME', 'parse_sms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.parse_sms(text) IS
    'read temperature, symptoms (with negation), an ID number and a name out of an SMS such as "体温36.8 正常" or "37.6 咳嗽"';
