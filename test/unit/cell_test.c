/*
 * cell_test.c
 *		Unit tests of cell_core.c, run without a server: WKB reading,
 *		PostGIS's point-in-polygon rule (holes, edges, vertices), the bucket
 *		index against brute force, and serialized points.
 */
#include "cell_core.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

/* ---------- allocator over malloc ---------- */

static void *
test_grow(void *arg, void *ptr, size_t size)
{
	(void) arg;
	return realloc(ptr, size);
}

static void
test_free(void *arg, void *ptr)
{
	(void) arg;
	free(ptr);
}

static const CellAllocator alloc = {test_grow, test_free, NULL};

/* ---------- WKB writer ---------- */

typedef struct Buf
{
	unsigned char b[65536];
	size_t		n;
	int			big;			/* write big-endian (XDR) */
} Buf;

static void
put_u32(Buf *w, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		w->b[w->n + (w->big ? 3 - i : i)] = (unsigned char) (v >> (8 * i));
	w->n += 4;
}

static void
put_f64(Buf *w, double d)
{
	uint64_t	u;

	memcpy(&u, &d, 8);
	for (int i = 0; i < 8; i++)
		w->b[w->n + (w->big ? 7 - i : i)] = (unsigned char) (u >> (8 * i));
	w->n += 8;
}

static void
put_header(Buf *w, uint32_t type)
{
	w->b[w->n++] = w->big ? 0 : 1;
	put_u32(w, type);
}

/* rings: nrings arrays of npts[i] (x, y) pairs */
static void
put_polygon_body(Buf *w, int nrings, const double *const *rings, const int *npts, int ndims)
{
	put_u32(w, (uint32_t) nrings);
	for (int r = 0; r < nrings; r++)
	{
		put_u32(w, (uint32_t) npts[r]);
		for (int i = 0; i < npts[r]; i++)
		{
			put_f64(w, rings[r][2 * i]);
			put_f64(w, rings[r][2 * i + 1]);
			for (int d = 2; d < ndims; d++)
				put_f64(w, 99.0);
		}
	}
}

/* An axis-aligned square as a one-part MultiPolygon. */
static void
put_square(Buf *w, double x0, double y0, double size)
{
	double		ring[10] = {x0, y0, x0, y0 + size, x0 + size, y0 + size, x0 + size, y0, x0, y0};
	const double *rings[1] = {ring};
	int			npts[1] = {5};

	w->n = 0;
	put_header(w, 6);
	put_u32(w, 1);
	put_header(w, 3);
	put_polygon_body(w, 1, rings, npts, 2);
}

static int64_t
locate(const CellIndex *ix, double x, double y)
{
	int64_t		code = -1;

	return cell_index_locate(ix, x, y, &code) ? code : -1;
}

/* ---------- tests ---------- */

static void
test_wkb(void)
{
	Buf			w = {{0}, 0, 0};
	CellBuilder *b = cell_builder_create(&alloc);
	CellIndex  *ix;
	double		shell[10] = {0, 0, 0, 10, 10, 10, 10, 0, 0, 0};
	double		hole[10] = {4, 4, 6, 4, 6, 6, 4, 6, 4, 4};
	const double *rings[2] = {shell, hole};
	int			npts[2] = {5, 5};
	unsigned char bad[64];

	/* little-endian Polygon with a hole */
	put_header(&w, 3);
	put_polygon_body(&w, 2, rings, npts, 2);
	is_int(cell_builder_add(b, 100, w.b, w.n), CELL_OK, "little-endian polygon with hole is read");

	/* big-endian MultiPolygon of two squares */
	w.n = 0;
	w.big = 1;
	put_header(&w, 6);
	put_u32(&w, 2);
	{
		double		a[10] = {20, 0, 20, 1, 21, 1, 21, 0, 20, 0};
		double		c[10] = {30, 0, 30, 1, 31, 1, 31, 0, 30, 0};
		const double *ra[1] = {a};
		const double *rc[1] = {c};
		int			n5[1] = {5};

		put_header(&w, 3);
		put_polygon_body(&w, 1, ra, n5, 2);
		put_header(&w, 3);
		put_polygon_body(&w, 1, rc, n5, 2);
	}
	is_int(cell_builder_add(b, 200, w.b, w.n), CELL_OK, "big-endian multipolygon is read");

	/* EWKB with an SRID and Z */
	w.n = 0;
	w.big = 0;
	put_header(&w, 0x20000000u | 0x80000000u | 6);
	put_u32(&w, 4326);
	put_u32(&w, 1);
	put_header(&w, 0x80000000u | 3);
	{
		double		a[10] = {40, 0, 40, 1, 41, 1, 41, 0, 40, 0};
		const double *ra[1] = {a};
		int			n5[1] = {5};

		put_polygon_body(&w, 1, ra, n5, 3);
	}
	is_int(cell_builder_add(b, 300, w.b, w.n), CELL_OK, "EWKB with SRID and Z is read");

	/* ISO Z M (type 3003) */
	w.n = 0;
	put_header(&w, 3003);
	{
		double		a[10] = {50, 0, 50, 1, 51, 1, 51, 0, 50, 0};
		const double *ra[1] = {a};
		int			n5[1] = {5};

		put_polygon_body(&w, 1, ra, n5, 4);
	}
	is_int(cell_builder_add(b, 400, w.b, w.n), CELL_OK, "ISO polygon ZM is read");

	/* rejections */
	is_int(cell_builder_add(b, 1, w.b, w.n - 1), CELL_WKB_TRUNCATED, "truncated WKB is rejected");
	is_int(cell_builder_add(b, 1, w.b, 3), CELL_WKB_TRUNCATED, "WKB cut inside the type word is rejected");
	is_int(cell_builder_add(b, 1, w.b, 0), CELL_WKB_TRUNCATED, "empty input is rejected");
	memcpy(bad, w.b, 16);
	bad[0] = 7;
	is_int(cell_builder_add(b, 1, bad, 16), CELL_WKB_BAD_BYTE_ORDER, "bad byte-order mark is rejected");
	w.n = 0;
	put_header(&w, 1);
	put_f64(&w, 1);
	put_f64(&w, 2);
	is_int(cell_builder_add(b, 1, w.b, w.n), CELL_WKB_NOT_POLYGONAL, "a point is not a cell");
	put_square(&w, 0, 0, 1);
	w.b[w.n++] = 0;
	is_int(cell_builder_add(b, 1, w.b, w.n), CELL_WKB_TRAILING, "trailing bytes are rejected");
	put_square(&w, NAN, 0, 1);
	is_int(cell_builder_add(b, 1, w.b, w.n), CELL_WKB_BAD_COORDINATE, "NaN coordinates are rejected");
	w.n = 0;
	put_header(&w, 3);
	put_u32(&w, 0xffffffffu);
	is_int(cell_builder_add(b, 1, w.b, w.n), CELL_WKB_TRUNCATED, "huge ring count is rejected without allocating");
	ok(strcmp(cell_status_reason(CELL_WKB_TRUNCATED), "the well-known binary ends too early") == 0,
	   "reasons are phrases");

	ix = cell_builder_finish(b);
	ok(ix != NULL, "index is built");
	is_int(cell_index_ncells(ix), 4, "rejected cells are not in the index");
	is_int(cell_index_npoints(ix), 30, "every point of every good cell is kept");
	is_int(locate(ix, 2, 2), 100, "interior point");
	is_int(locate(ix, 5, 5), -1, "point in a hole is outside");
	is_int(locate(ix, 4, 5), 100, "point on a hole's edge is covered");
	is_int(locate(ix, 6, 6), 100, "point on a hole's vertex is covered");
	is_int(locate(ix, 0, 5), 100, "point on the shell's edge is covered");
	is_int(locate(ix, 10, 10), 100, "point on the shell's vertex is covered");
	is_int(locate(ix, 10.000001, 5), -1, "point just outside");
	is_int(locate(ix, 30.5, 0.5), 200, "second part of a multipolygon");
	is_int(locate(ix, 25, 0.5), -1, "between the parts");
	is_int(locate(ix, 40.5, 0.5), 300, "EWKB cell");
	is_int(locate(ix, 51, 1), 400, "ZM cell, at a vertex");
	is_int(locate(ix, NAN, 1), -1, "NaN is in no cell");
	is_int(locate(ix, INFINITY, 1), -1, "infinity is in no cell");
	cell_index_free(ix);
}

/* PostGIS's values for its own rule, on awkward rings. */
static void
test_pip(void)
{
	double		tri[8] = {0, 0, 3, 1, 1, 3, 0, 0};
	double		dup[12] = {0, 0, 0, 2, 0, 2, 2, 2, 2, 0, 0, 0};
	const double *r1[1] = {tri};
	const double *r2[1] = {dup};
	uint32_t	n4[1] = {4};
	uint32_t	n6[1] = {6};

	is_int(cell_point_in_polygon(r1, n4, 1, 1, 1), 1, "triangle interior");
	is_int(cell_point_in_polygon(r1, n4, 1, 1.5, 0.5), 0, "on a sloped edge (exact)");
	is_int(cell_point_in_polygon(r1, n4, 1, 2, 2), 0, "on the hypotenuse (exact)");
	is_int(cell_point_in_polygon(r1, n4, 1, 3, 1), 0, "at a vertex");
	is_int(cell_point_in_polygon(r1, n4, 1, 4.5, 1.5), -1, "on the line of an edge but beyond it");
	is_int(cell_point_in_polygon(r1, n4, 1, -1, 1), -1, "left of the triangle");
	is_int(cell_point_in_polygon(r2, n6, 1, 0, 2), 0, "vertex of a repeated point");
	is_int(cell_point_in_polygon(r2, n6, 1, 1, 1), 1, "repeated points do not disturb the winding");
	is_int(cell_point_in_polygon(r2, n4, 0, 1, 1), -1, "a polygon without rings covers nothing");

	/*
	 * 0.1 + 0.2 is not 0.3 in doubles: the midpoint of (0.1, 0) - (0.2, 0.3)
	 * computed in doubles is off the segment for the side value, and the
	 * answer follows the winding number, not geometry.  Clockwise or not,
	 * the same expression gives the same verdict as PostGIS: here inside
	 * for the ring on one side and outside for its mirror image.
	 */
	{
		double		a[8] = {0.1, 0.0, 0.2, 0.3, 0.0, 0.3, 0.1, 0.0};
		double		c[8] = {0.1, 0.0, 1.0, 0.0, 0.2, 0.3, 0.1, 0.0};
		const double *ra[1] = {a};
		const double *rc[1] = {c};
		double		mx = (0.1 + 0.2) / 2,
					my = (0.0 + 0.3) / 2;
		int			in_a = cell_point_in_polygon(ra, n4, 1, mx, my);
		int			in_c = cell_point_in_polygon(rc, n4, 1, mx, my);
		double		side = (0.2 - 0.1) * (my - 0.0) - (mx - 0.1) * (0.3 - 0.0);

		ok(side == 0.0 ? (in_a == 0 && in_c == 0) : (in_a != in_c || in_a == 0),
		   "a rounded edge midpoint is in exactly one neighbour, or on both");
	}
}

/* Scrambled but distinct codes of the unit squares (1601 is prime). */
static int64_t
code_of(int i, int j)
{
	return 420503004001000 + (int64_t) (i * 40 + j) * 37 % 1601 + 1;
}

static int64_t
min4(int64_t a, int64_t b, int64_t c, int64_t d)
{
	int64_t		m = a;

	m = b < m ? b : m;
	m = c < m ? c : m;
	return d < m ? d : m;
}

/* The bucket index against brute force over many cells. */
static void
test_index(void)
{
	CellBuilder *b = cell_builder_create(&alloc);
	CellIndex  *ix;
	Buf			w = {{0}, 0, 0};
	int			n = 40,
				mismatches = 0,
				covered = 0;
	unsigned	seed = 12345;

	/* 40 x 40 unit squares, codes in scrambled order, plus one big square */
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
		{
			int64_t		code = code_of(i, j);

			put_square(&w, i, j, 1);
			if (cell_builder_add(b, code, w.b, w.n) != CELL_OK)
				mismatches++;
		}
	put_square(&w, 10, 10, 5);
	cell_builder_add(b, 420503004001000, w.b, w.n);	/* lowest code, overlaps */
	ix = cell_builder_finish(b);
	is_int(mismatches, 0, "1600 squares are read");
	is_int(cell_index_ncells(ix), n * n + 1, "1601 cells indexed");
	ok(cell_index_bytes(ix) > 0, "size is reported");

	for (int t = 0; t < 200000; t++)
	{
		double		x,
					y;
		int64_t		best = -1,
					got;

		seed = seed * 1103515245u + 12345u;
		/* a third on grid lines, a third on vertices, the rest anywhere */
		x = (seed >> 8) % 4400 / 100.0 - 2.0;
		seed = seed * 1103515245u + 12345u;
		y = (seed >> 8) % 4400 / 100.0 - 2.0;
		if (t % 3 == 1)
			x = floor(x);
		else if (t % 3 == 2)
		{
			x = floor(x);
			y = floor(y);
		}
		/* brute force: every cell, lowest code that covers */
		for (int i = 0; i <= n; i++)
			for (int j = 0; j < n; j++)
			{
				double		x0 = i < n ? i : 10,
							y0 = i < n ? j : 10,
							s = i < n ? 1 : 5;
				double		sq[10] = {x0, y0, x0, y0 + s, x0 + s, y0 + s, x0 + s, y0, x0, y0};
				const double *r[1] = {sq};
				uint32_t	n5[1] = {5};
				int64_t		code = i < n ? code_of(i, j) : 420503004001000;

				if (cell_point_in_polygon(r, n5, 1, x, y) >= 0 && (best < 0 || code < best))
					best = code;
				if (i == n)
					break;
			}
		got = locate(ix, x, y);
		if (got != best)
		{
			if (mismatches++ < 5)
				printf("# (%g, %g): index %lld, brute force %lld\n", x, y, (long long) got, (long long) best);
		}
		if (got >= 0)
			covered++;
	}
	is_int(mismatches, 0, "index agrees with brute force on 200000 points, a third on edges and vertices");
	ok(covered > 100000 && covered < 200000, "both covered and uncovered points were tried");
	is_int(locate(ix, 10, 10), 420503004001000, "a shared vertex goes to the lowest code");
	is_int(locate(ix, 20, 20), min4(code_of(19, 19), code_of(19, 20), code_of(20, 19), code_of(20, 20)),
		   "four cells at a vertex: the lowest code");
	is_int(locate(ix, 20, 20.5), code_of(19, 20) < code_of(20, 20) ? code_of(19, 20) : code_of(20, 20),
		   "two cells on an edge: the lower code");
	cell_index_free(ix);

	/* an index of nothing */
	b = cell_builder_create(&alloc);
	ix = cell_builder_finish(b);
	is_int(locate(ix, 0, 0), -1, "an empty index covers nothing");
	cell_index_free(ix);

	/* only an empty multipolygon */
	b = cell_builder_create(&alloc);
	w.n = 0;
	put_header(&w, 6);
	put_u32(&w, 0);
	is_int(cell_builder_add(b, 7, w.b, w.n), CELL_OK, "empty multipolygon is accepted");
	ix = cell_builder_finish(b);
	is_int(locate(ix, 0, 0), -1, "an empty cell covers nothing");
	cell_index_free(ix);

	/* one degenerate (zero-area) cell: extent of zero width */
	b = cell_builder_create(&alloc);
	{
		double		line[8] = {1, 1, 1, 2, 1, 1, 1, 1};
		const double *r[1] = {line};
		int			n4[1] = {4};

		w.n = 0;
		put_header(&w, 3);
		put_polygon_body(&w, 1, r, n4, 2);
	}
	cell_builder_add(b, 9, w.b, w.n);
	ix = cell_builder_finish(b);
	is_int(locate(ix, 1, 1.5), 9, "a zero-width cell covers its own edge");
	is_int(locate(ix, 1.5, 1.5), -1, "and nothing beside it");
	cell_index_free(ix);
}

/* Serialized points: format 2 (PostGIS 3) and format 1. */
static void
test_gserialized(void)
{
	unsigned char g[64];
	int32_t		srid = 0;
	uint32_t	type = 0,
				u;
	double		x = 0,
				y = 0,
				v;

	/* format 2, SRID 4326, 2-D point (111.3, 30.7) */
	memset(g, 0, sizeof(g));
	g[0] = 0x00;
	g[1] = 0x10;
	g[2] = 0xE6;
	g[3] = 0x40;
	u = 1;
	memcpy(g + 4, &u, 4);
	memcpy(g + 8, &u, 4);
	v = 111.3;
	memcpy(g + 12, &v, 8);
	v = 30.7;
	memcpy(g + 20, &v, 8);
	is_int(cell_gserialized_point(g, 28, &srid, &type, &x, &y), 1, "format 2 point is read");
	is_int(srid, 4326, "its SRID");
	ok(x == 111.3 && y == 30.7, "its coordinates");
	is_int(cell_gserialized_point(g, 27, &srid, &type, &x, &y), -1, "cut short");

	/* empty point */
	u = 0;
	memcpy(g + 8, &u, 4);
	is_int(cell_gserialized_point(g, 12, &srid, &type, &x, &y), 0, "empty point");

	/* a polygon */
	u = 3;
	memcpy(g + 4, &u, 4);
	is_int(cell_gserialized_point(g, 28, &srid, &type, &x, &y), -1, "a polygon is not a point");
	is_int(type, 3, "and says it is a polygon");

	/* format 2 with extended flags and a box, Z */
	memset(g, 0, sizeof(g));
	g[3] = 0x40 | 0x10 | 0x04 | 0x01;
	u = 1;
	memcpy(g + 4 + 8 + 24, &u, 4);
	memcpy(g + 4 + 8 + 24 + 4, &u, 4);
	v = -3.5;
	memcpy(g + 4 + 8 + 24 + 8, &v, 8);
	v = 2.25;
	memcpy(g + 4 + 8 + 24 + 16, &v, 8);
	is_int(cell_gserialized_point(g, 4 + 8 + 24 + 32, &srid, &type, &x, &y), 1, "extended flags and a box are skipped");
	ok(x == -3.5 && y == 2.25 && srid == 0, "coordinates after them, SRID unknown");

	/* format 1 (no version bit): 0x10 is not "extended" there */
	memset(g, 0, sizeof(g));
	g[0] = 0x00;
	g[1] = 0x0F;
	g[2] = 0x6C;				/* 3948 */
	g[3] = 0x10;
	u = 1;
	memcpy(g + 4, &u, 4);
	memcpy(g + 8, &u, 4);
	v = 1.0;
	memcpy(g + 12, &v, 8);
	memcpy(g + 20, &v, 8);
	is_int(cell_gserialized_point(g, 28, &srid, &type, &x, &y), 1, "format 1 point is read");
	is_int(srid, 3948, "with its SRID");

	/* negative SRID bits sign-extend */
	g[0] = 0x1F;
	g[1] = 0xFF;
	g[2] = 0xFF;
	cell_gserialized_point(g, 28, &srid, &type, &x, &y);
	is_int(srid, -1, "21-bit SRID is sign-extended");

	/* garbage type */
	u = 99;
	memcpy(g + 4, &u, 4);
	is_int(cell_gserialized_point(g, 28, &srid, &type, &x, &y), -1, "unknown type is refused");
	is_int(type, 0, "and reported as no geometry");
}

int
main(void)
{
	test_wkb();
	test_pip();
	test_index();
	test_gserialized();
	return done_testing();
}
