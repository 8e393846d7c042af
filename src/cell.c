/*
 * cell.c
 *		fmgr glue for grid cells: grid.locate() over a per-backend cache of
 *		every cell, the trigger that invalidates that cache, and a report on
 *		it.  The geometry and the index live in cell_core.c.
 *
 * The cache.  The first grid.locate() in a backend reads every row of
 * grid.cell (code and EWKB) and builds a CellIndex in a memory context of
 * its own.  A statement-level trigger on grid.cell sends a relcache
 * invalidation for the table after every INSERT, UPDATE, DELETE or TRUNCATE;
 * PostgreSQL applies it in this backend at the end of the command (and
 * undoes the change's effect on a rollback, which invalidates again), and in
 * every other backend after the commit (before COMMIT returns to its client,
 * so a statement started after that sees the change).  A relcache callback
 * marks the cache stale; the next statement that calls grid.locate()
 * rebuilds it.
 *
 * Which rows.  A rebuild first accepts pending invalidations and then reads
 * with the latest snapshot, as the catalog caches do: invalidations are sent
 * only after the change is visible, so every change whose invalidation was
 * taken is in the rows read, and every later change will invalidate again.
 * The cache therefore holds the latest committed cells plus this
 * transaction's own changes, which is what a READ COMMITTED statement sees.
 * Under REPEATABLE READ and SERIALIZABLE the transaction's snapshot is read
 * instead (so grid.locate agrees with the rest of the transaction, and
 * SERIALIZABLE records the read) and the cache is kept for that transaction
 * only.  In a parallel query the latest snapshot cannot be taken, so the
 * statement's snapshot is read and the result is kept for that statement.
 *
 * Statements.  Each call site (FmgrInfo) pins the cache it used, so one
 * statement answers every row from one version of the cells even if an
 * invalidation arrives mid-way; the pin is looked at again when the active
 * snapshot changes (new transaction, new command, or another transaction
 * completed) or the user does, and released when the call site's memory
 * goes away.
 *
 * Who may ask.  The cache is one per backend, whoever built it, so it
 * checks what a query would: the user must have SELECT on grid.cell (or on
 * its code and geom), checked whenever the pin is looked at again, so that
 * SET ROLE to a role without it is refused rather than answered from what
 * another role read.  A shared cache cannot apply row-level security, so
 * grid.locate refuses to answer while grid.cell has row-level security
 * for the user (the map is reference data: it holds no one's name or
 * phone, and every role that may read it reads all of it).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "cell_core.h"

void		cell_init(void);

/* One version of the cells in memory. */
typedef struct LocateCache
{
	MemoryContext mcxt;			/* holds this struct and the index */
	CellIndex  *index;
	int			pins;			/* call sites using it */
	bool		xact_only;		/* read with a transaction snapshot ... */
	LocalTransactionId lxid;	/* ... of this transaction */
} LocateCache;

/* What a call site remembers between calls. */
typedef struct LocateSite
{
	LocateCache *cache;			/* pinned */
	Oid			userid;			/* the user it was checked for */
	LocalTransactionId lxid;	/* the snapshot it was pinned under */
	CommandId	cid;
	uint64		completions;
	MemoryContextCallback release;
} LocateSite;

static LocateCache *current_cache = NULL;
static bool cache_stale = true;
static Oid	cell_relid = InvalidOid;
static int64 cache_builds = 0;

static const char *const geometry_type_names[] = {
	"geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
	"multipolygon", "geometrycollection", "circularstring", "compoundcurve",
	"curvepolygon", "multicurve", "multisurface", "polyhedralsurface",
	"triangle", "tin"
};

/* Any change to grid.cell (or a full cache reset) makes the cache stale. */
static void
cell_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == cell_relid)
		cache_stale = true;
}

/* Called once per backend from _PG_init. */
void
cell_init(void)
{
	CacheRegisterRelcacheCallback(cell_relcache_callback, (Datum) 0);
}

/* Free a cache that is neither current nor pinned by any call site. */
static void
cache_drop_if_unused(LocateCache *cache)
{
	if (cache != NULL && cache != current_cache && cache->pins == 0)
		MemoryContextDelete(cache->mcxt);
}

/* A call site stops using a cache. */
static void
cache_unpin(LocateCache *cache)
{
	if (cache == NULL)
		return;
	cache->pins--;
	cache_drop_if_unused(cache);
}

/* Reset callback of a call site's memory: release its pin. */
static void
site_release(void *arg)
{
	LocateSite *site = (LocateSite *) arg;

	cache_unpin(site->cache);
	site->cache = NULL;
}

/* Allocator for the core: the cache's own context, huge allocations allowed. */
static void *
cache_grow(void *arg, void *ptr, size_t size)
{
	if (ptr == NULL)
		return MemoryContextAllocHuge((MemoryContext) arg, size);
	return repalloc_huge(ptr, size);
}

/* Free function for the core (the context goes away as a whole anyway). */
static void
cache_free(void *arg, void *ptr)
{
	pfree(ptr);
}

/* The OID of grid.cell, looked up again (it may have been recreated). */
static Oid
cell_table(void)
{
	Oid			relid;

	relid = RangeVarGetRelid(makeRangeVar("grid", "cell", -1), AccessShareLock, true);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table grid.cell does not exist"),
				 errhint("Reinstall the extension: DROP EXTENSION grid; CREATE EXTENSION grid CASCADE.")));
	cell_relid = relid;
	return relid;
}

/*
 * Refuse a user who could not read the cells with a query: no SELECT on
 * grid.cell or on both its code and geom (42501, as the query would say),
 * or row-level security on grid.cell, which a cache shared by every role
 * cannot apply.
 */
static void
check_may_read_cells(Oid userid)
{
	Oid			relid = cell_table();

	if (pg_class_aclcheck(relid, userid, ACL_SELECT) != ACLCHECK_OK)
	{
		AttrNumber	code = get_attnum(relid, "code");
		AttrNumber	geom = get_attnum(relid, "geom");

		if (code == InvalidAttrNumber || geom == InvalidAttrNumber ||
			pg_attribute_aclcheck(relid, code, userid, ACL_SELECT) != ACLCHECK_OK ||
			pg_attribute_aclcheck(relid, geom, userid, ACL_SELECT) != ACLCHECK_OK)
			aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, get_rel_name(relid));
	}
	if (check_enable_rls(relid, userid, true) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("grid.locate cannot apply row-level security on grid.cell"),
				 errdetail("grid.locate answers every role from one cache of all cells."),
				 errhint("Keep grid.cell without row-level security: it is the map, and holds no one's name or phone.")));
}

/* Read every cell into a new index; raises on a cell that cannot be used. */
static CellIndex *
read_cells(MemoryContext mcxt, bool latest)
{
	CellAllocator alloc = {cache_grow, cache_free, mcxt};
	CellBuilder *builder;
	CellIndex  *index;
	SPIPlanPtr	plan;
	Portal		portal;

	(void) cell_table();
	builder = cell_builder_create(&alloc);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare("SELECT code, geom::pg_catalog.bytea FROM grid.cell", 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (latest)
		PushActiveSnapshot(GetLatestSnapshot());
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	if (latest)
		PopActiveSnapshot();

	for (;;)
	{
		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		code = SPI_getbinval(tup, desc, 1, &isnull);
			Datum		wkb;
			bytea	   *bytes;
			CellStatus	st;

			if (isnull)
				continue;
			wkb = SPI_getbinval(tup, desc, 2, &isnull);
			if (isnull)
				continue;
			bytes = DatumGetByteaPP(wkb);
			st = cell_builder_add(builder, DatumGetInt64(code),
								  (const unsigned char *) VARDATA_ANY(bytes),
								  VARSIZE_ANY_EXHDR(bytes));
			if (st != CELL_OK)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("grid cell %s cannot be used for lookups: %s",
								SPI_getvalue(tup, desc, 1), cell_status_reason(st)),
						 errhint("Fix or delete the cell; grid.coverage_problems() lists what is wrong with the map.")));
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();

	index = cell_builder_finish(builder);
	if (index == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory building the grid cell index")));
	return index;
}

/*
 * Replace the current cache by a fresh read of grid.cell: with the latest
 * snapshot normally; with the transaction's snapshot under REPEATABLE READ
 * or SERIALIZABLE (kept for this transaction); with the statement's
 * snapshot in parallel mode (kept for this statement).
 */
static void
cache_rebuild(void)
{
	MemoryContext mcxt;
	LocateCache *cache;
	LocateCache *old = current_cache;
	bool		parallel = IsInParallelMode();
	bool		latest = !parallel && !IsolationUsesXactSnapshot();

	mcxt = AllocSetContextCreate(TopMemoryContext, "grid cell cache",
								 ALLOCSET_DEFAULT_SIZES);
	cache = MemoryContextAllocZero(mcxt, sizeof(LocateCache));
	cache->mcxt = mcxt;

	/* An invalidation taken while reading sets this again. */
	cache_stale = false;
	PG_TRY();
	{
		cache->index = read_cells(mcxt, latest);
	}
	PG_CATCH();
	{
		MemoryContextDelete(mcxt);
		cache_stale = true;
		PG_RE_THROW();
	}
	PG_END_TRY();

	/* Read with the statement's snapshot: good for this statement only. */
	if (parallel)
		cache_stale = true;
	cache->xact_only = !latest;
	cache->lxid = MyProc->lxid;
	cache_builds++;
	current_cache = cache;
	cache_drop_if_unused(old);
}

/*
 * The cache this call site answers from: the one it pinned, while the
 * active snapshot and the user are those it was pinned under; otherwise the
 * current cache, after checking that the user may read the cells, taking
 * invalidations and rebuilding if stale.
 */
static CellIndex *
locate_index(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	LocateSite *site = (LocateSite *) flinfo->fn_extra;
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;
	CommandId	cid = snap ? snap->curcid : InvalidCommandId;
	uint64		completions = snap ? snap->snapXactCompletionCount : 0;
	Oid			userid = GetUserId();

	if (site != NULL && site->cache != NULL && snap != NULL &&
		site->userid == userid && site->lxid == MyProc->lxid && site->cid == cid &&
		site->completions == completions)
		return site->cache->index;

	AcceptInvalidationMessages();
	check_may_read_cells(userid);
	if (current_cache == NULL || cache_stale ||
		(current_cache->xact_only && current_cache->lxid != MyProc->lxid))
		cache_rebuild();

	if (site == NULL)
	{
		site = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(LocateSite));
		site->release.func = site_release;
		site->release.arg = site;
		MemoryContextRegisterResetCallback(flinfo->fn_mcxt, &site->release);
		flinfo->fn_extra = site;
	}
	if (site->cache != current_cache)
	{
		LocateCache *old = site->cache;

		current_cache->pins++;
		site->cache = current_cache;
		cache_unpin(old);
	}
	site->userid = userid;
	site->lxid = MyProc->lxid;
	site->cid = cid;
	site->completions = completions;
	return site->cache->index;
}

/*
 * The code of the cell covering (x, y), or SQL NULL.  A point that is no
 * place on Earth (NaN, infinite, out of range, or latitude first) is an
 * error, never "in no cell".
 */
static Datum
answer(FunctionCallInfo fcinfo, double x, double y)
{
	CellIndex  *index;
	int64_t		code;

	if (!(x >= -180.0 && x <= 180.0 && y >= -90.0 && y <= 90.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("coordinates out of range for longitude and latitude"),
				 errdetail("Longitude should be a number from -180 to 180 and latitude one from -90 to 90."),
				 errhint("Pass the longitude first: Yichang is near longitude 111.3, latitude 30.7.")));
	index = locate_index(fcinfo);

	if (!cell_index_locate(index, x, y, &code))
		PG_RETURN_NULL();
	PG_RETURN_INT64(code);
}

/* grid.locate(geometry): the cell covering a point (SRID 4326). */
PG_FUNCTION_INFO_V1(cell_locate);
Datum
cell_locate(PG_FUNCTION_ARGS)
{
	struct varlena *g = PG_GETARG_VARLENA_PP(0);
	int32_t		srid = 0;
	uint32_t	type;
	double		x,
				y;
	int			rc;

	rc = cell_gserialized_point((const unsigned char *) VARDATA_ANY(g),
								VARSIZE_ANY_EXHDR(g), &srid, &type, &x, &y);
	if (rc < 0)
	{
		if (type == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("grid.locate cannot read its argument as a geometry")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("grid.locate expects a point, not a %s", geometry_type_names[type]),
				 errhint("Pass ST_PointOnSurface(geom) or ST_Centroid(geom) to locate an area.")));
	}
	if (srid != CELL_SRID_WGS84)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("grid.locate expects SRID 4326, not %d", srid),
				 errdetail("Grid cells are stored in longitude and latitude (WGS 84, SRID 4326)."),
				 errhint("Use ST_Transform(geom, 4326), or ST_SetSRID(geom, 4326) if the coordinates already are longitude and latitude.")));
	if (rc == 0)
		PG_RETURN_NULL();		/* an empty point is in no cell */
	return answer(fcinfo, x, y);
}

/* grid.locate(lon, lat): the same for bare coordinates. */
PG_FUNCTION_INFO_V1(cell_locate_lonlat);
Datum
cell_locate_lonlat(PG_FUNCTION_ARGS)
{
	return answer(fcinfo, PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1));
}

/* Statement-level trigger on grid.cell: every backend's cache goes stale. */
PG_FUNCTION_INFO_V1(cell_changed);
Datum
cell_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("grid.cell_changed() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/* grid.cell_cache(): what this backend's cache holds. */
PG_FUNCTION_INFO_V1(cell_cache);
Datum
cell_cache(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	desc = BlessTupleDesc(desc);
	if (current_cache != NULL)
	{
		values[0] = Int32GetDatum(cell_index_ncells(current_cache->index));
		values[1] = Int64GetDatum((int64) cell_index_npoints(current_cache->index));
		values[2] = Int64GetDatum((int64) cell_index_bytes(current_cache->index));
	}
	else
		nulls[0] = nulls[1] = nulls[2] = true;
	values[3] = BoolGetDatum(current_cache == NULL || cache_stale);
	values[4] = Int64GetDatum(cache_builds);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
