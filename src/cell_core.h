/*
 * cell_core.h
 *		Grid cells in memory and the point lookup over them, without
 *		PostgreSQL.
 *
 * A cell is a code (an 8-byte division code at grid level) and a polygonal
 * geometry read from WKB.  A CellIndex holds every cell's rings as plain
 * coordinate arrays, each cell's bounding box, and a uniform grid of buckets
 * over their extent; a bucket lists, in ascending code order, the cells whose
 * box meets it.  cell_index_locate() answers "which cell covers this point"
 * with the same arithmetic as PostGIS ST_Covers(polygon, point), so that the
 * two agree on every point, including points on shared edges and vertices;
 * of several covering cells the lowest code wins.
 */
#ifndef CELL_CORE_H
#define CELL_CORE_H

#include <stddef.h>
#include <stdint.h>

#define CELL_SRID_WGS84		4326

/*
 * Memory for the index comes from the caller: grow_fn(arg, NULL, n) allocates,
 * grow_fn(arg, p, n) resizes, free_fn(arg, p) releases.  grow_fn returns NULL
 * on failure (or does not return at all, as palloc does).
 */
typedef struct CellAllocator
{
	void	   *(*grow_fn) (void *arg, void *ptr, size_t size);
	void		(*free_fn) (void *arg, void *ptr);
	void	   *arg;
} CellAllocator;

typedef enum CellStatus
{
	CELL_OK = 0,
	CELL_WKB_TRUNCATED,			/* input ends before the geometry does */
	CELL_WKB_BAD_BYTE_ORDER,	/* byte-order mark is neither 0 nor 1 */
	CELL_WKB_NOT_POLYGONAL,		/* not a Polygon nor a MultiPolygon */
	CELL_WKB_TRAILING,			/* bytes left over after the geometry */
	CELL_WKB_BAD_COORDINATE,	/* NaN or infinite coordinate */
	CELL_OUT_OF_MEMORY
} CellStatus;

typedef struct CellIndex CellIndex;
typedef struct CellBuilder CellBuilder;

/* Collect cells, then build the index; the builder is consumed by finish. */
extern CellBuilder *cell_builder_create(const CellAllocator *alloc);
extern CellStatus cell_builder_add(CellBuilder *b, int64_t code,
								   const unsigned char *wkb, size_t len);
extern CellIndex *cell_builder_finish(CellBuilder *b);
extern void cell_builder_free(CellBuilder *b);
extern void cell_index_free(CellIndex *ix);

/*
 * The code of the lowest-coded cell that covers (x, y) (interior or
 * boundary), in *code; returns 1 if there is one, 0 if none covers the point
 * (and for NaN or infinite coordinates).
 */
extern int	cell_index_locate(const CellIndex *ix, double x, double y, int64_t *code);

/* Counts, for tests and for reporting what the cache holds. */
extern int	cell_index_ncells(const CellIndex *ix);
extern size_t cell_index_npoints(const CellIndex *ix);
extern size_t cell_index_bytes(const CellIndex *ix);

/*
 * PostGIS's own point-in-polygon rule for one polygon given as rings of
 * interleaved x, y (ring 0 the shell): -1 outside, 0 on the boundary,
 * 1 inside.  Exposed for the unit tests.
 */
extern int	cell_point_in_polygon(const double *const *rings, const uint32_t *npoints,
								  int nrings, double x, double y);

/*
 * Read a point from the bytes of a PostGIS serialized geometry after its
 * 4-byte length word (formats 1 and 2).  Returns 1 and fills *srid, *x, *y
 * for a non-empty point, 0 (and *srid) for an empty point, -1 if it is not a point
 * (*type then says what it is: 1 point ... 7 collection) or the bytes are
 * not a serialized geometry (*type is then 0).
 */
extern int	cell_gserialized_point(const unsigned char *p, size_t len,
								   int32_t *srid, uint32_t *type, double *x, double *y);

/* The reason for a status, as one lower-case phrase. */
extern const char *cell_status_reason(CellStatus status);

#endif							/* CELL_CORE_H */
