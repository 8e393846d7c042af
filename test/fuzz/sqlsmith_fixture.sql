-- A small database for sqlsmith: grid's types in tables it can query.
SET client_min_messages = warning;
CREATE EXTENSION grid CASCADE;
SET search_path = public, grid;
CREATE TABLE people (id grid.resident_id, division grid.division_code, name text, phone text, sms text);
INSERT INTO people VALUES
    ('420503199003071230', '420503004001', '张伟', '13812345678', '体温36.8 正常'),
    ('11010519491231002X', '420502002021', '劉春麗', '+86 139-0000-0000', '37.6 咳嗽'),
    ('440524188001010014', '420504001203', '欧阳娜娜', NULL, '无发热'),
    ('942156199001010017', '420525101008', '单田芳', '0717-6221234', NULL);
CREATE INDEX ON people (id);
CREATE INDEX ON people (division);
CREATE TABLE places (code grid.division_code, pt geometry(Point, 4326));
INSERT INTO places VALUES ('420503004001', ST_SetSRID(ST_MakePoint(111.3, 30.7), 4326)),
                          ('4205', NULL), ('42', ST_SetSRID(ST_MakePoint(111.0, 30.0), 4326));
INSERT INTO grid.cell (code, name, geom)
VALUES ('420503004001001', '一网格', ST_Multi(ST_MakeEnvelope(111.2, 30.6, 111.4, 30.8, 4326))),
       ('420503004001002', '二网格', ST_Multi(ST_MakeEnvelope(111.4, 30.6, 111.6, 30.8, 4326)));
