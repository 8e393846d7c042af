/*
 * cell_core.c
 *		Grid cells in memory and the point lookup over them, in plain C so
 *		that it can be unit-tested without a server.
 *
 * Agreement with PostGIS.  ST_Covers(polygon, point) in PostGIS 3 does not
 * go through GEOS: after a bounding-box test on the polygon's box (stored as
 * floats, rounded outwards) it runs a winding-number point-in-polygon test
 * whose side-of-segment value is one fixed expression in doubles; a point is
 * on the boundary when that value is exactly 0 and the point lies within the
 * segment's box.  Points on a shared edge or vertex are therefore answered
 * by rounding, not by exact geometry: an edge midpoint may be "on" one cell
 * and "inside" or "outside" its neighbour.  To give the same answer on every
 * point this file evaluates the same expression in the same order, skips the
 * same degenerate segments, and filters by the same float-rounded boxes.
 * (A robust orientation predicate would be "more correct" and would
 * disagree with PostGIS on exactly the points that matter here.)
 * Compile without floating-point contraction (no fused multiply-add), as
 * PostGIS is on x86-64; the Makefile says so.
 *
 * Index.  Cells are sorted by code.  Their boxes are bucketed into a
 * uniform grid of about four buckets per cell over the extent of all boxes;
 * each bucket lists the cells whose box meets it, in code order.  A lookup
 * computes the point's bucket (by a monotone formula, so that a point on a
 * bucket line is in a bucket that its covering cells' boxes reach), tests
 * each listed cell's box and then its rings, and stops at the first cell
 * that covers the point: the lowest code.
 */
#include "cell_core.h"

#include <stdlib.h>
#include <string.h>

#define CELL_BUCKETS_PER_CELL	4
#define CELL_MAX_BUCKETS		(1 << 22)

typedef struct CellEntry
{
	int64_t		code;
	uint32_t	poly_first;		/* into polys */
	uint32_t	poly_count;
	double		box[4];			/* xmin, ymin, xmax, ymax, rounded as floats */
} CellEntry;

typedef struct PolyEntry
{
	uint32_t	ring_first;		/* into rings; ring 0 is the shell */
	uint32_t	ring_count;
} PolyEntry;

typedef struct RingEntry
{
	size_t		pt_first;		/* into xy, in points */
	uint32_t	npoints;
} RingEntry;

struct CellIndex
{
	CellAllocator alloc;
	int			ncells;
	CellEntry  *cells;			/* sorted by code */
	PolyEntry  *polys;
	RingEntry  *rings;
	double	   *xy;				/* x0, y0, x1, y1, ... */
	size_t		npoints;
	double		extent[4];
	int			nx,
				ny;
	double		inv_dx,
				inv_dy;
	uint32_t   *bucket_first;	/* nx * ny + 1 offsets into bucket_cells */
	uint32_t   *bucket_cells;	/* cell positions, ascending code per bucket */
	size_t		bytes;
};

struct CellBuilder
{
	CellAllocator alloc;
	CellEntry  *cells;
	size_t		ncells,
				cap_cells;
	PolyEntry  *polys;
	size_t		npolys,
				cap_polys;
	RingEntry  *rings;
	size_t		nrings,
				cap_rings;
	double	   *xy;
	size_t		npoints,
				cap_points;
	int			failed;
};

/* ---------- memory ---------- */

/* Grow *arr (of elem-byte items) so that it holds at least need items. */
static int
grow(const CellAllocator *a, void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t		n = *cap ? *cap : 16;
	void	   *p;

	if (need <= *cap)
		return 1;
	while (n < need)
	{
		if (n > SIZE_MAX / 2 / elem)
			return 0;
		n *= 2;
	}
	p = a->grow_fn(a->arg, *arr, n * elem);
	if (p == NULL)
		return 0;
	*arr = p;
	*cap = n;
	return 1;
}

/* Free p (if any) through the caller's allocator. */
static void
release(const CellAllocator *a, void *p)
{
	if (p)
		a->free_fn(a->arg, p);
}

/* ---------- float rounding of boxes, as PostGIS stores them ---------- */

/* The next float below f (f finite). */
static float
float_step_down(float f)
{
	uint32_t	u;

	if (f == 0.0f)
	{
		u = 0x80000001u;		/* the negative number nearest zero */
		memcpy(&f, &u, 4);
		return f;
	}
	memcpy(&u, &f, 4);
	u = (f > 0.0f) ? u - 1 : u + 1;
	memcpy(&f, &u, 4);
	return f;
}

/* The next float above f (f finite). */
static float
float_step_up(float f)
{
	return -float_step_down(-f);
}

/* The largest float not above d: a box's low edge as PostGIS stores it. */
static double
float_floor(double d)
{
	float		f;

	if (d >= 3.0e38)
		return 3.0e38;
	if (d <= -3.0e38)
		return -3.4028234663852886e38;
	f = (float) d;
	return (double) f <= d ? (double) f : (double) float_step_down(f);
}

/* The smallest float not below d: a box's high edge. */
static double
float_ceil(double d)
{
	float		f;

	if (d >= 3.0e38)
		return 3.4028234663852886e38;
	if (d <= -3.0e38)
		return -3.0e38;
	f = (float) d;
	return (double) f >= d ? (double) f : (double) float_step_up(f);
}

/* ---------- WKB ---------- */

typedef struct WkbReader
{
	const unsigned char *p;
	const unsigned char *end;
	int			swap;			/* byte order differs from ours */
} WkbReader;

/* 1 on a little-endian machine (the WKB "NDR" order). */
static int
host_is_little_endian(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *) &one == 1;
}

/* Read a 4-byte unsigned integer in the WKB's byte order; 0 if truncated. */
static int
read_u32(WkbReader *r, uint32_t *v)
{
	unsigned char b[4];

	if (r->end - r->p < 4)
		return 0;
	if (r->swap)
		for (int i = 0; i < 4; i++)
			b[i] = r->p[3 - i];
	else
		memcpy(b, r->p, 4);
	memcpy(v, b, 4);
	r->p += 4;
	return 1;
}

/* Read an 8-byte double in the WKB's byte order; 0 if truncated. */
static int
read_f64(WkbReader *r, double *v)
{
	unsigned char b[8];

	if (r->end - r->p < 8)
		return 0;
	if (r->swap)
		for (int i = 0; i < 8; i++)
			b[i] = r->p[7 - i];
	else
		memcpy(b, r->p, 8);
	memcpy(v, b, 8);
	r->p += 8;
	return 1;
}

/*
 * Byte order and type word of one geometry header, ISO or extended (EWKB)
 * flags; skips an EWKB SRID.  Sets *base (1..7) and *ndims (2..4).
 */
static CellStatus
read_header(WkbReader *r, uint32_t *base, int *ndims)
{
	uint32_t	type,
				srid;
	int			z,
				m;

	if (r->end - r->p < 1)
		return CELL_WKB_TRUNCATED;
	if (r->p[0] > 1)
		return CELL_WKB_BAD_BYTE_ORDER;
	r->swap = (r->p[0] == 1) != host_is_little_endian();
	r->p++;
	if (!read_u32(r, &type))
		return CELL_WKB_TRUNCATED;
	z = (type & 0x80000000u) != 0;
	m = (type & 0x40000000u) != 0;
	if (type & 0x20000000u)
	{
		if (!read_u32(r, &srid))
			return CELL_WKB_TRUNCATED;
	}
	type &= 0x0fffffffu;
	if (type >= 1000 && type < 4000)
	{
		z |= (type / 1000 == 1 || type / 1000 == 3);
		m |= (type / 1000 == 2 || type / 1000 == 3);
		type %= 1000;
	}
	*base = type;
	*ndims = 2 + z + m;
	return CELL_OK;
}

/* One polygon body (after its header) into the builder. */
static CellStatus
read_polygon(CellBuilder *b, WkbReader *r, int ndims, double box[4])
{
	uint32_t	nrings;
	PolyEntry  *poly;

	if (!read_u32(r, &nrings))
		return CELL_WKB_TRUNCATED;
	if ((size_t) (r->end - r->p) / 4 < nrings)
		return CELL_WKB_TRUNCATED;
	if (!grow(&b->alloc, (void **) &b->polys, &b->cap_polys, b->npolys + 1, sizeof(PolyEntry)) ||
		!grow(&b->alloc, (void **) &b->rings, &b->cap_rings, b->nrings + nrings, sizeof(RingEntry)))
		return CELL_OUT_OF_MEMORY;
	poly = &b->polys[b->npolys++];
	poly->ring_first = (uint32_t) b->nrings;
	poly->ring_count = nrings;
	for (uint32_t i = 0; i < nrings; i++)
	{
		uint32_t	npoints;
		RingEntry  *ring;

		if (!read_u32(r, &npoints))
			return CELL_WKB_TRUNCATED;
		if ((size_t) (r->end - r->p) / (8 * (size_t) ndims) < npoints)
			return CELL_WKB_TRUNCATED;
		if (!grow(&b->alloc, (void **) &b->xy, &b->cap_points, 2 * (b->npoints + npoints), sizeof(double)))
			return CELL_OUT_OF_MEMORY;
		ring = &b->rings[b->nrings++];
		ring->pt_first = b->npoints;
		ring->npoints = npoints;
		for (uint32_t k = 0; k < npoints; k++)
		{
			double		x,
						y,
						skip;

			read_f64(r, &x);
			read_f64(r, &y);
			for (int d = 2; d < ndims; d++)
				read_f64(r, &skip);
			/* x - x is 0 for finite x and NaN for NaN and infinities */
			if (!(x - x == 0.0) || !(y - y == 0.0))
				return CELL_WKB_BAD_COORDINATE;
			b->xy[2 * b->npoints] = x;
			b->xy[2 * b->npoints + 1] = y;
			b->npoints++;
			/* only the shell bounds the polygon */
			if (i == 0)
			{
				if (x < box[0])
					box[0] = x;
				if (y < box[1])
					box[1] = y;
				if (x > box[2])
					box[2] = x;
				if (y > box[3])
					box[3] = y;
			}
		}
	}
	return CELL_OK;
}

/* ---------- builder ---------- */

/* An empty builder whose memory comes from alloc; NULL if out of memory. */
CellBuilder *
cell_builder_create(const CellAllocator *alloc)
{
	CellBuilder *b = alloc->grow_fn(alloc->arg, NULL, sizeof(CellBuilder));

	if (b == NULL)
		return NULL;
	memset(b, 0, sizeof(CellBuilder));
	b->alloc = *alloc;
	return b;
}

/* Release a builder that will not be finished. */
void
cell_builder_free(CellBuilder *b)
{
	CellAllocator a;

	if (b == NULL)
		return;
	a = b->alloc;
	release(&a, b->cells);
	release(&a, b->polys);
	release(&a, b->rings);
	release(&a, b->xy);
	release(&a, b);
}

/*
 * Add one cell from WKB (Polygon or MultiPolygon, any dimensions, either
 * byte order).  On an error the cell is not added and the builder stays
 * usable.
 */
CellStatus
cell_builder_add(CellBuilder *b, int64_t code, const unsigned char *wkb, size_t len)
{
	WkbReader	r = {wkb, wkb + len, 0};
	uint32_t	base,
				nparts = 1;
	int			ndims;
	CellStatus	st;
	size_t		save_polys = b->npolys,
				save_rings = b->nrings,
				save_points = b->npoints;
	double		box[4] = {1e308, 1e308, -1e308, -1e308};
	CellEntry  *cell;

	if (!grow(&b->alloc, (void **) &b->cells, &b->cap_cells, b->ncells + 1, sizeof(CellEntry)))
		return CELL_OUT_OF_MEMORY;
	st = read_header(&r, &base, &ndims);
	if (st == CELL_OK && base != 3 && base != 6)
		st = CELL_WKB_NOT_POLYGONAL;
	if (st == CELL_OK && base == 6 && !read_u32(&r, &nparts))
		st = CELL_WKB_TRUNCATED;
	for (uint32_t i = 0; st == CELL_OK && i < nparts; i++)
	{
		if (base == 6)
		{
			uint32_t	pbase;
			int			pdims;

			st = read_header(&r, &pbase, &pdims);
			if (st == CELL_OK && pbase != 3)
				st = CELL_WKB_NOT_POLYGONAL;
			if (st != CELL_OK)
				break;
			ndims = pdims;
		}
		st = read_polygon(b, &r, ndims, box);
	}
	if (st == CELL_OK && r.p != r.end)
		st = CELL_WKB_TRAILING;
	if (st != CELL_OK)
	{
		b->npolys = save_polys;
		b->nrings = save_rings;
		b->npoints = save_points;
		return st;
	}
	cell = &b->cells[b->ncells++];
	cell->code = code;
	cell->poly_first = (uint32_t) save_polys;
	cell->poly_count = (uint32_t) (b->npolys - save_polys);
	if (box[0] > box[2])
	{
		/* empty: a box that no point is in */
		cell->box[0] = cell->box[1] = 1.0;
		cell->box[2] = cell->box[3] = -1.0;
	}
	else
	{
		cell->box[0] = float_floor(box[0]);
		cell->box[1] = float_floor(box[1]);
		cell->box[2] = float_ceil(box[2]);
		cell->box[3] = float_ceil(box[3]);
	}
	return CELL_OK;
}

/* qsort order of cells: ascending code. */
static int
cmp_cell(const void *a, const void *b)
{
	int64_t		x = ((const CellEntry *) a)->code;
	int64_t		y = ((const CellEntry *) b)->code;

	return (x > y) - (x < y);
}

/* Bucket of a coordinate: monotone in v, clamped to 0 .. n - 1. */
static inline int
bucket_of(double v, double v0, double inv, int n)
{
	double		f = (v - v0) * inv;

	if (!(f > 0.0))
		return 0;
	if (f >= (double) n)
		return n - 1;
	return (int) f;
}

/* Sort the cells, bucket them and hand the arrays over to a CellIndex. */
CellIndex *
cell_builder_finish(CellBuilder *b)
{
	CellAllocator a = b->alloc;
	CellIndex  *ix;
	double		w,
				h;
	size_t		nb,
				total = 0,
				npolys = b->npolys,
				nrings = b->nrings;
	int			nonempty = 0;

	ix = a.grow_fn(a.arg, NULL, sizeof(CellIndex));
	if (ix == NULL)
	{
		cell_builder_free(b);
		return NULL;
	}
	memset(ix, 0, sizeof(CellIndex));
	ix->alloc = a;
	ix->ncells = (int) b->ncells;
	ix->cells = b->cells;
	ix->polys = b->polys;
	ix->rings = b->rings;
	ix->xy = b->xy;
	ix->npoints = b->npoints;
	release(&a, b);

	if (ix->ncells > 1)
		qsort(ix->cells, ix->ncells, sizeof(CellEntry), cmp_cell);

	ix->extent[0] = ix->extent[1] = 1e308;
	ix->extent[2] = ix->extent[3] = -1e308;
	for (int i = 0; i < ix->ncells; i++)
	{
		const double *box = ix->cells[i].box;

		if (box[0] > box[2])
			continue;
		nonempty++;
		for (int k = 0; k < 2; k++)
		{
			if (box[k] < ix->extent[k])
				ix->extent[k] = box[k];
			if (box[k + 2] > ix->extent[k + 2])
				ix->extent[k + 2] = box[k + 2];
		}
	}
	if (nonempty == 0)
	{
		ix->extent[0] = ix->extent[1] = 1.0;
		ix->extent[2] = ix->extent[3] = -1.0;
	}

	/* About CELL_BUCKETS_PER_CELL square-ish buckets per cell. */
	w = ix->extent[2] - ix->extent[0];
	h = ix->extent[3] - ix->extent[1];
	nb = (size_t) nonempty * CELL_BUCKETS_PER_CELL;
	if (nb > CELL_MAX_BUCKETS)
		nb = CELL_MAX_BUCKETS;
	if (nonempty == 0 || !(w > 0.0) || !(h > 0.0))
	{
		ix->nx = ix->ny = 1;
	}
	else
	{
		double		side = 0.0,
					lo = 0.0,
					hi = w > h ? w : h;

		/* side length s with ceil(w/s) * ceil(h/s) close to nb */
		for (int it = 0; it < 60; it++)
		{
			double		s = (lo + hi) / 2.0;
			double		cx = w / s + 1.0,
						cy = h / s + 1.0;

			if (cx * cy > (double) nb)
				lo = s;
			else
				hi = s;
		}
		side = hi;
		ix->nx = (int) (w / side) + 1;
		ix->ny = (int) (h / side) + 1;
		if (ix->nx > 4096)
			ix->nx = 4096;
		if (ix->ny > 4096)
			ix->ny = 4096;
	}
	ix->inv_dx = w > 0.0 ? ix->nx / w : 0.0;
	ix->inv_dy = h > 0.0 ? ix->ny / h : 0.0;

	nb = (size_t) ix->nx * ix->ny;
	ix->bucket_first = a.grow_fn(a.arg, NULL, (nb + 1) * sizeof(uint32_t));
	if (ix->bucket_first == NULL)
		goto fail;
	memset(ix->bucket_first, 0, (nb + 1) * sizeof(uint32_t));

	/* Two passes: count per bucket, then fill in code order. */
	for (int pass = 0; pass < 2; pass++)
	{
		for (int i = 0; i < ix->ncells; i++)
		{
			const double *box = ix->cells[i].box;
			int			x0,
						y0,
						x1,
						y1;

			if (box[0] > box[2])
				continue;
			x0 = bucket_of(box[0], ix->extent[0], ix->inv_dx, ix->nx);
			x1 = bucket_of(box[2], ix->extent[0], ix->inv_dx, ix->nx);
			y0 = bucket_of(box[1], ix->extent[1], ix->inv_dy, ix->ny);
			y1 = bucket_of(box[3], ix->extent[1], ix->inv_dy, ix->ny);
			for (int by = y0; by <= y1; by++)
				for (int bx = x0; bx <= x1; bx++)
				{
					size_t		k = (size_t) by * ix->nx + bx;

					if (pass == 0)
						ix->bucket_first[k + 1]++;
					else
						ix->bucket_cells[ix->bucket_first[k]++] = (uint32_t) i;
				}
		}
		if (pass == 0)
		{
			for (size_t k = 0; k < nb; k++)
				ix->bucket_first[k + 1] += ix->bucket_first[k];
			total = ix->bucket_first[nb];
			ix->bucket_cells = a.grow_fn(a.arg, NULL, (total ? total : 1) * sizeof(uint32_t));
			if (ix->bucket_cells == NULL)
				goto fail;
		}
	}
	/* The fill pass advanced each start to the next bucket's; shift back. */
	memmove(ix->bucket_first + 1, ix->bucket_first, nb * sizeof(uint32_t));
	ix->bucket_first[0] = 0;

	ix->bytes = sizeof(CellIndex) + ix->ncells * sizeof(CellEntry) +
		npolys * sizeof(PolyEntry) + nrings * sizeof(RingEntry) +
		ix->npoints * 2 * sizeof(double) + (nb + 1 + total) * sizeof(uint32_t);
	return ix;

fail:
	cell_index_free(ix);
	return NULL;
}

/* Release an index and everything it holds. */
void
cell_index_free(CellIndex *ix)
{
	CellAllocator a;

	if (ix == NULL)
		return;
	a = ix->alloc;
	release(&a, ix->cells);
	release(&a, ix->polys);
	release(&a, ix->rings);
	release(&a, ix->xy);
	release(&a, ix->bucket_first);
	release(&a, ix->bucket_cells);
	release(&a, ix);
}

/* Number of cells indexed. */
int
cell_index_ncells(const CellIndex *ix)
{
	return ix->ncells;
}

/* Number of vertices held, over all rings. */
size_t
cell_index_npoints(const CellIndex *ix)
{
	return ix->npoints;
}

/* Bytes held by the index's arrays. */
size_t
cell_index_bytes(const CellIndex *ix)
{
	return ix->bytes;
}

/* ---------- point in polygon, PostGIS's rule ---------- */

/*
 * -1 outside the ring, 0 on it, 1 inside: the winding number, with the
 * side-of-segment value computed exactly as PostGIS computes it.
 */
static int
point_in_ring(const double *pts, uint32_t n, double px, double py)
{
	int			wn = 0;

	if (n == 0)
		return -1;
	for (uint32_t i = 0; i + 1 < n; i++)
	{
		double		x1 = pts[2 * i],
					y1 = pts[2 * i + 1],
					x2 = pts[2 * i + 2],
					y2 = pts[2 * i + 3];
		double		side;

		/* a segment that the point's y cannot reach plays no part */
		if ((py < y1 && py < y2) || (py > y1 && py > y2))
			continue;
		if (x2 == x1 && y2 == y1)
			continue;			/* zero-length segments are ignored */
		side = (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1);
		if (side == 0.0)
		{
			double		minx = x1 < x2 ? x1 : x2,
						maxx = x1 < x2 ? x2 : x1;

			/* y is within the segment's range already */
			if (!(maxx < px || minx > px))
				return 0;
		}
		if (y1 <= py && py < y2 && side > 0)
			++wn;
		else if (y2 <= py && py < y1 && side < 0)
			--wn;
	}
	return wn == 0 ? -1 : 1;
}

/* PostGIS's point_in_polygon: shell first, then holes. */
int
cell_point_in_polygon(const double *const *rings, const uint32_t *npoints,
					  int nrings, double x, double y)
{
	int			in_ring,
				result;

	if (nrings == 0)
		return -1;
	in_ring = point_in_ring(rings[0], npoints[0], x, y);
	if (in_ring == -1)
		return -1;
	result = in_ring;
	for (int i = 1; i < nrings; i++)
	{
		in_ring = point_in_ring(rings[i], npoints[i], x, y);
		if (in_ring == 1)
			return -1;			/* in a hole */
		if (in_ring == 0)
			return 0;			/* on a hole's edge */
	}
	return result;
}

/* Does the cell cover the point (inside or on the boundary)? */
static int
cell_covers(const CellIndex *ix, const CellEntry *cell, double x, double y)
{
	for (uint32_t p = 0; p < cell->poly_count; p++)
	{
		const PolyEntry *poly = &ix->polys[cell->poly_first + p];
		const RingEntry *ring = &ix->rings[poly->ring_first];
		int			in_ring,
					inside = 1;

		if (poly->ring_count == 0)
			continue;
		in_ring = point_in_ring(ix->xy + 2 * ring->pt_first, ring->npoints, x, y);
		if (in_ring == -1)
			continue;
		if (in_ring == 0)
			return 1;
		for (uint32_t r = 1; r < poly->ring_count; r++)
		{
			ring = &ix->rings[poly->ring_first + r];
			in_ring = point_in_ring(ix->xy + 2 * ring->pt_first, ring->npoints, x, y);
			if (in_ring == 0)
				return 1;
			if (in_ring == 1)
			{
				inside = 0;
				break;
			}
		}
		if (inside)
			return 1;
	}
	return 0;
}

/* The lowest-coded cell covering (x, y): see the header comment. */
int
cell_index_locate(const CellIndex *ix, double x, double y, int64_t *code)
{
	int			bx,
				by;
	size_t		k;

	/* also false for NaN */
	if (!(x >= ix->extent[0] && x <= ix->extent[2] &&
		  y >= ix->extent[1] && y <= ix->extent[3]))
		return 0;
	bx = bucket_of(x, ix->extent[0], ix->inv_dx, ix->nx);
	by = bucket_of(y, ix->extent[1], ix->inv_dy, ix->ny);
	k = (size_t) by * ix->nx + bx;
	for (uint32_t j = ix->bucket_first[k]; j < ix->bucket_first[k + 1]; j++)
	{
		const CellEntry *cell = &ix->cells[ix->bucket_cells[j]];

		if (x < cell->box[0] || x > cell->box[2] ||
			y < cell->box[1] || y > cell->box[3])
			continue;
		if (cell_covers(ix, cell, x, y))
		{
			*code = cell->code;
			return 1;
		}
	}
	return 0;
}

/* ---------- serialized PostGIS points ---------- */

/* A point from serialized PostGIS bytes: see cell_core.h. */
int
cell_gserialized_point(const unsigned char *p, size_t len,
					   int32_t *srid, uint32_t *type, double *x, double *y)
{
	uint8_t		flags;
	uint32_t	s,
				npoints;
	size_t		off = 4;
	int			hasz,
				hasm;

	*type = 0;
	if (len < 4 + 8)
		return -1;
	flags = p[3];
	hasz = (flags & 0x01) != 0;
	hasm = (flags & 0x02) != 0;
	/* format 2 (PostGIS 3) sets bit 0x40, and may carry extended flags */
	if ((flags & 0x40) && (flags & 0x10))
		off += 8;
	if (flags & 0x04)			/* a stored box: floats, 3 pairs if geodetic */
		off += (flags & 0x08) ? 6 * 4 : 2 * (2 + hasz + hasm) * 4;
	if (len < off + 8)
		return -1;
	memcpy(type, p + off, 4);
	memcpy(&npoints, p + off + 4, 4);
	if (*type < 1 || *type > 15)
	{
		*type = 0;
		return -1;
	}
	if (*type != 1)
		return -1;
	s = ((uint32_t) p[0] << 16) | ((uint32_t) p[1] << 8) | p[2];
	s &= 0x1fffff;
	*srid = (s & 0x100000) ? (int32_t) s - 0x200000 : (int32_t) s;
	if (npoints == 0)
		return 0;
	if (npoints != 1 || len < off + 8 + 16)
	{
		*type = 0;
		return -1;
	}
	memcpy(x, p + off + 8, 8);
	memcpy(y, p + off + 16, 8);
	return 1;
}

/* One lower-case phrase per status, for error messages. */
const char *
cell_status_reason(CellStatus status)
{
	switch (status)
	{
		case CELL_OK:
			return "no error";
		case CELL_WKB_TRUNCATED:
			return "the well-known binary ends too early";
		case CELL_WKB_BAD_BYTE_ORDER:
			return "the well-known binary has an invalid byte-order mark";
		case CELL_WKB_NOT_POLYGONAL:
			return "the geometry is not a polygon or multipolygon";
		case CELL_WKB_TRAILING:
			return "the well-known binary has bytes after the geometry";
		case CELL_WKB_BAD_COORDINATE:
			return "the geometry has a NaN or infinite coordinate";
		case CELL_OUT_OF_MEMORY:
			return "out of memory";
	}
	return "unknown error";
}
