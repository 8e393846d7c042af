-- The SMS channel: a health report read out of a message as residents type
-- it, or out of the voice robot's speech-recognition text.

CREATE TYPE grid.sms_report AS (
    temperature numeric,        -- the reading exactly as written (at most two decimals, trailing
                                -- zeros trimmed: 36.5, 37, 37.25); NULL when none was read
    symptoms    text[],         -- cough, fever, fatigue, sore_throat, breathing, diarrhoea,
                                -- headache, runny_nose, muscle_pain, chills, smell_taste,
                                -- unspecified (unwell, no symptom named: 不舒服)
    normal      boolean,        -- said 正常, 无症状, 良好, ... without negation, and no reading
                                -- in the message was rejected
    id_text     text,           -- a 15- or 18-character ID-like token, unvalidated
    name        text,           -- 2-4 Han characters left over: the sender's name, a guess
    error       text            -- NULL when a temperature was read, else why not
);
COMMENT ON TYPE grid.sms_report IS
    'what grid.parse_sms read out of an SMS or a speech-recognition answer: temperature (numeric, exactly as written, NULL unless read), symptoms, normal, id_text, name, error (why no temperature was read)';

CREATE FUNCTION grid.parse_sms(message text) RETURNS grid.sms_report
    AS 'MODULE_PATHNAME', 'parse_sms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION grid.parse_sms(text) IS
    'read a temperature, symptoms (with negation), an ID number and a name out of an SMS or a voice answer as speech recognition writes it: "体温36.8 正常", "36,5", "36度5", "三十六度五", "37.6 咳嗽"; a reading is kept exactly as written (34.00 to 43.00, at most two decimals) or the message gets an error saying why (range, approximate, several different readings, Fahrenheit, exponent, words not understood, a reading the text contradicts such as "36.5 高于正常", ...), never a guess; English words are read too ("36.5 cough")';
