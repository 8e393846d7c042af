/*
 * access.c
 *		fmgr glue for access: the acting role, the caller's scopes as policies
 *		read them, the resident check of writes (grid.resident_registered and
 *		grid.resident_visible), the refusal of foreign keys to protected
 *		tables (grid.refuse_foreign_keys), and phone masking (whose rules live
 *		in access_core.c).
 *
 * Row-level security policies call grid.scope_lo(), grid.scope_hi() and
 * grid.scope_exact() once per statement each (as InitPlans), and look-up
 * functions may call grid.in_my_scope() once per row.  All of them read one
 * memo of the caller's scopes, filled at most once per statement: the memo
 * is keyed on the acting role, the transaction, the statement's start and
 * the command counter, so a scope granted or revoked is seen by the next
 * statement.  Filling it reads role membership from the syscache (as
 * PostgreSQL's own privilege checks do) and grid.access_scope through its
 * primary key, directly, so that callers need no privilege on that table
 * and a policy costs microseconds, not a query.  The same memo gives the
 * planner the acting role's range: the estimators of the policies' bounds
 * (grid.scope_bound) turn it into the fraction of the column it covers.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_auth_members.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "commands/event_trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/pathnodes.h"
#include "optimizer/optimizer.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/selfuncs.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "access_core.h"
#include "division_core.h"
#include "resident_id_core.h"

PG_FUNCTION_INFO_V1(access_acting_role);
PG_FUNCTION_INFO_V1(access_is_admin);
PG_FUNCTION_INFO_V1(access_current_scopes);
PG_FUNCTION_INFO_V1(access_scope_lo);
PG_FUNCTION_INFO_V1(access_scope_hi);
PG_FUNCTION_INFO_V1(access_scope_exact);
PG_FUNCTION_INFO_V1(access_single_scope_hi);
PG_FUNCTION_INFO_V1(access_scope_range_sel);
PG_FUNCTION_INFO_V1(access_scope_bound_sel);
PG_FUNCTION_INFO_V1(access_in_my_scope);
PG_FUNCTION_INFO_V1(access_mask_phone_text);

/* The caller's scopes, valid for one statement of one acting role. */
typedef struct ScopeMemo
{
	bool		valid;
	Oid			role;
	LocalTransactionId lxid;
	TimestampTz statement_start;
	CommandId	cid;
	bool		admin;
	int			nscopes;
	int64	   *scopes;			/* sorted, none inside another; TopMemoryContext */
} ScopeMemo;

static ScopeMemo memo;

/* Whether a role has the privileges of grid_admin (false if it is missing). */
static bool
role_is_admin(Oid role)
{
	Oid			admin_role = get_role_oid("grid_admin", true);

	return OidIsValid(admin_role) && has_privs_of_role(role, admin_role);
}

/*
 * The role and every role whose privileges it inherits, as PostgreSQL 15
 * decides for table privileges: a member that has INHERIT gets the roles it
 * is a member of, recursively.
 */
static List *
inherited_roles(Oid role)
{
	List	   *roles = list_make1_oid(role);
	int			i;

	for (i = 0; i < list_length(roles); i++)
	{
		Oid			member = list_nth_oid(roles, i);
		HeapTuple	tup;
		bool		inherit;
		CatCList   *memlist;
		int			j;

		tup = SearchSysCache1(AUTHOID, ObjectIdGetDatum(member));
		if (!HeapTupleIsValid(tup))
			continue;
		inherit = ((Form_pg_authid) GETSTRUCT(tup))->rolinherit;
		ReleaseSysCache(tup);
		if (!inherit)
			continue;
		memlist = SearchSysCacheList1(AUTHMEMMEMROLE, ObjectIdGetDatum(member));
		for (j = 0; j < memlist->n_members; j++)
		{
			Form_pg_auth_members form =
				(Form_pg_auth_members) GETSTRUCT(&memlist->members[j]->tuple);

			roles = list_append_unique_oid(roles, form->roleid);
		}
		ReleaseSysCacheList(memlist);
	}
	return roles;
}

static int
int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/*
 * The table that holds the scopes on this node: grid.access_scope, or, once
 * grid.distribute() has made it a Citus reference table, this node's copy
 * of it, access_scope_<shard ID> (the table itself is then an empty shell).
 * Citus writes every copy in the same distributed transaction, so a scope
 * granted or revoked on the coordinator holds on every node with it.  The
 * shard is found in Citus's catalogue pg_dist_shard, which only a superuser
 * can write; a node without a copy refuses rather than read the shell.
 */
static Oid
scope_table(Oid nsp, bool *citus_copy)
{
	Oid			relid = get_relname_relid("access_scope", nsp);
	Oid			shards;
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	int64		shard = 0;
	int			n = 0;
	char		name[NAMEDATALEN];
	Oid			copy;

	if (!OidIsValid(relid))
		elog(ERROR, "table grid.access_scope is missing");
	shards = get_relname_relid("pg_dist_shard", PG_CATALOG_NAMESPACE);
	*citus_copy = false;
	if (!OidIsValid(shards))
		return relid;			/* no Citus in this database */
	rel = table_open(shards, AccessShareLock);
	ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, 2, RelationGetDescr(rel), &isnull);

		if (!isnull)
			shard = DatumGetInt64(d);
		n++;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (n == 0)
		return relid;			/* not a Citus table */
	if (n > 1 || shard <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table grid.access_scope is split into shards"),
				 errdetail("The scopes must be a Citus reference table, with one whole copy on every node."),
				 errhint("Make it a reference table, as grid.distribute() does.")));
	snprintf(name, sizeof(name), "access_scope_" INT64_FORMAT, shard);
	copy = get_relname_relid(name, nsp);
	if (!OidIsValid(copy))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("this node holds no copy of grid.access_scope"),
				 errdetail("The scopes are a Citus reference table, and a node answers the policies from its own copy."),
				 errhint("Add the node to the cluster's metadata (citus_set_coordinator_host on the coordinator) so that Citus copies its reference tables to it.")));
	*citus_copy = true;
	return copy;
}

/*
 * On a Citus node, a scope row that a transaction has begun to delete or
 * change is not answered with: that transaction may have committed on the
 * coordinator already (Citus commits each node's part after the
 * coordinator's, the two-phase commit), or be the caller's own distributed
 * transaction writing through another connection, which this backend
 * cannot see.  Either way the old row may be a revoked scope, so the
 * statement is refused until the change is settled.  Row locks alone do
 * not count; an aborted change does not either.
 */
static void
refuse_unsettled(HeapTuple tup)
{
	HeapTupleHeader h = tup->t_data;
	TransactionId x;

	if ((h->t_infomask & HEAP_XMAX_INVALID) || HEAP_XMAX_IS_LOCKED_ONLY(h->t_infomask))
		return;
	x = HeapTupleHeaderGetUpdateXid(h);
	if (!TransactionIdIsValid(x) || TransactionIdIsCurrentTransactionId(x))
		return;
	if (TransactionIdIsInProgress(x) || TransactionIdDidCommit(x))
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("the scopes of the acting role are being changed"),
				 errdetail("A scope this node holds is being revoked or changed by a transaction that has not settled on every node."),
				 errhint("Run the statement again once the change has committed, or outside the transaction that made it.")));
}

/*
 * The divisions granted to any of the roles, read through the primary key
 * (role, division) of grid.access_scope (this node's copy: scope_table).
 * Returns how many were stored.
 */
static int
read_scopes(List *roles, int64 **out)
{
	Oid			nsp = get_namespace_oid("grid", false);
	bool		citus_copy;
	Oid			relid = scope_table(nsp, &citus_copy);
	Relation	rel;
	Oid			pk;
	ListCell   *lc;
	int			n = 0,
				size = 8;
	int64	   *v = palloc(sizeof(int64) * size);

	rel = table_open(relid, AccessShareLock);
	pk = RelationGetPrimaryKeyIndex(rel);
	if (!OidIsValid(pk))
		elog(ERROR, "table grid.access_scope has no primary key");
	foreach(lc, roles)
	{
		ScanKeyData key;
		SysScanDesc scan;
		HeapTuple	tup;

		ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_OIDEQ,
					ObjectIdGetDatum(lfirst_oid(lc)));
		scan = systable_beginscan(rel, pk, true,
								  ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot(),
								  1, &key);
		while (HeapTupleIsValid(tup = systable_getnext(scan)))
		{
			bool		isnull;
			Datum		d = heap_getattr(tup, 2, RelationGetDescr(rel), &isnull);

			if (citus_copy)
				refuse_unsettled(tup);
			if (isnull)
				continue;
			if (n == size)
			{
				size *= 2;
				v = repalloc(v, sizeof(int64) * size);
			}
			v[n++] = DatumGetInt64(d);
		}
		systable_endscan(scan);
	}
	table_close(rel, AccessShareLock);
	*out = v;
	return n;
}

/* Make the memo describe the acting role in the current statement. */
static ScopeMemo *
scope_memo(void)
{
	Oid			role = GetOuterUserId();
	LocalTransactionId lxid = MyProc->lxid;
	TimestampTz start = GetCurrentStatementStartTimestamp();
	CommandId	cid = GetCurrentCommandId(false);
	int64	   *found;
	int			n,
				i;

	if (memo.valid && memo.role == role && memo.lxid == lxid &&
		memo.statement_start == start && memo.cid == cid)
		return &memo;

	memo.valid = false;
	if (memo.scopes == NULL)
		memo.scopes = MemoryContextAlloc(TopMemoryContext, sizeof(int64) * 100);
	memo.admin = role_is_admin(role);

	if (memo.admin)
	{
		/* Every province: all codes, as a list of scopes. */
		found = palloc(sizeof(int64) * 100);
		for (n = 0, i = 10; i < 100; i++)
			if (rid_is_province(i))
				found[n++] = (int64) i * INT64CONST(10000000000000);
	}
	else
	{
		n = read_scopes(inherited_roles(role), &found);
		qsort(found, n, sizeof(int64), int64_cmp);
	}

	/* Collapse: in preorder a scope inside the last one kept follows it. */
	memo.scopes = repalloc(memo.scopes, sizeof(int64) * Max(n, 100));
	memo.nscopes = 0;
	for (i = 0; i < n; i++)
	{
		if (memo.nscopes > 0 &&
			found[i] <= div_subtree_last(memo.scopes[memo.nscopes - 1]))
			continue;
		memo.scopes[memo.nscopes++] = found[i];
	}
	pfree(found);

	memo.role = role;
	memo.lxid = lxid;
	memo.statement_start = start;
	memo.cid = cid;
	memo.valid = true;
	return &memo;
}

/*
 * The role the person is acting as: the session user or the role chosen by
 * SET ROLE, unchanged inside SECURITY DEFINER functions (which change only
 * the current user).  Scopes and the audit trail are keyed on it, so that a
 * function owned by someone else can neither widen nor disguise the caller.
 */
Datum
access_acting_role(PG_FUNCTION_ARGS)
{
	PG_RETURN_OID(GetOuterUserId());
}

/* grid.is_admin(): the acting role has the privileges of grid_admin. */
Datum
access_is_admin(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(role_is_admin(GetOuterUserId()));
}

/* grid.current_scopes(): the caller's scopes, collapsed and sorted. */
Datum
access_current_scopes(PG_FUNCTION_ARGS)
{
	ScopeMemo  *m = scope_memo();
	Oid			elemtype = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	Datum	   *d = palloc(sizeof(Datum) * Max(m->nscopes, 1));
	int			i;

	if (!OidIsValid(elemtype))
		elog(ERROR, "grid.current_scopes() must return an array");
	for (i = 0; i < m->nscopes; i++)
		d[i] = Int64GetDatum(m->scopes[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, m->nscopes, elemtype, sizeof(int64),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* grid.scope_lo(): the first code the caller covers. */
Datum
access_scope_lo(PG_FUNCTION_ARGS)
{
	ScopeMemo  *m = scope_memo();

	if (m->nscopes == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(m->scopes[0]);
}

/* grid.scope_hi(): the last code the caller covers. */
Datum
access_scope_hi(PG_FUNCTION_ARGS)
{
	ScopeMemo  *m = scope_memo();

	if (m->nscopes == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(div_subtree_last(m->scopes[m->nscopes - 1]));
}

/* grid.scope_exact(): [scope_lo, scope_hi] is exactly what the caller covers. */
Datum
access_scope_exact(PG_FUNCTION_ARGS)
{
	ScopeMemo  *m = scope_memo();

	PG_RETURN_BOOL(m->nscopes <= 1 || m->admin);
}

/*
 * grid.single_scope_hi(): the end of the caller's one scope, for the policy
 * of roles in grid_single_scope, which skips the per-row test.  A caller
 * whose scopes are not one range (it inherits scopes from several roles of
 * the group, or reads through a view owned by one) gets an error, never the
 * range around them.  NULL without scope.
 */
Datum
access_single_scope_hi(PG_FUNCTION_ARGS)
{
	ScopeMemo  *m = scope_memo();
	char	   *name;

	if (m->nscopes == 0)
		PG_RETURN_NULL();
	if (m->nscopes == 1 || m->admin)
		PG_RETURN_INT64(div_subtree_last(m->scopes[m->nscopes - 1]));
	name = GetUserNameFromId(m->role, true);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("role \"%s\" covers %d separate divisions, but the query applies the policies of grid_single_scope, which admit one range",
					name ? name : "?", m->nscopes),
			 errdetail("The role inherits grid_single_scope from a role with one scope, or reads through a view owned by one; those policies test no row against each scope."),
			 errhint("Act as one role with SET ROLE, or give this role scopes of its own with grid.grant_scope.")));
	PG_RETURN_NULL();			/* not reached */
}

/*
 * Estimators of the policies' bounds, "division >= (SELECT scope_lo())" and
 * "division <= (SELECT scope_hi())" on grid.scope_bound.  The bounds are
 * InitPlans, unknown to the planner, which would take each for a third of
 * the table and the pair for 0.5 %: a city role's reports would then read
 * four million rows through an index.  The lower bound's estimator gives the
 * fraction of the column inside the whole range the acting role covers (from
 * the column's statistics, as for a literal range); the upper bound's gives
 * 1, so that the product is that range.  Users' own comparisons use
 * PostgreSQL's estimators, which pair a literal range's two ends.
 */
/*
 * The estimate is remembered per column and range until the statistics of
 * any column change, so that planning a village's query costs a look-up
 * rather than a histogram search each time (about 10 microseconds).
 */
typedef struct ScopeSelEntry
{
	Oid			relid;
	AttrNumber	attnum;
	bool		inh;
	int64		lo;
	int64		hi;
	Selectivity sel;
} ScopeSelEntry;

#define SCOPE_SEL_ENTRIES 64

static ScopeSelEntry scope_sel[SCOPE_SEL_ENTRIES];
static int	scope_sel_used;
static int	scope_sel_next;		/* the entry to replace when full */
static bool scope_sel_callback;

static void
scope_sel_forget(Datum arg, int cacheid, uint32 hashvalue)
{
	scope_sel_used = 0;
	scope_sel_next = 0;
}

Datum
access_scope_range_sel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);
	ScopeMemo  *m = scope_memo();
	Node	   *column;
	Oid			type;
	Oid			opfamily;
	Oid			ge;
	Oid			le;
	int64		lo;
	int64		hi;
	Const	   *lo_const;
	Const	   *hi_const;
	List	   *range;
	Selectivity sel;
	ScopeSelEntry key = {InvalidOid, 0, false, 0, 0, 0};

	if (m->nscopes == 0 || list_length(args) != 2)
		PG_RETURN_FLOAT8(0.0);
	column = linitial(args);
	lo = m->scopes[0];
	hi = div_subtree_last(m->scopes[m->nscopes - 1]);

	/* a column of a table: look the estimate up */
	if (IsA(column, Var) && ((Var *) column)->varlevelsup == 0 &&
		((Var *) column)->varno > 0 && ((Var *) column)->varno < root->simple_rel_array_size &&
		root->simple_rte_array[((Var *) column)->varno]->rtekind == RTE_RELATION)
	{
		RangeTblEntry *rte = root->simple_rte_array[((Var *) column)->varno];

		key.relid = rte->relid;
		key.attnum = ((Var *) column)->varattno;
		key.inh = rte->inh;
		key.lo = lo;
		key.hi = hi;
		for (int i = 0; i < scope_sel_used; i++)
		{
			ScopeSelEntry *e = &scope_sel[i];

			if (e->relid == key.relid && e->attnum == key.attnum && e->inh == key.inh &&
				e->lo == lo && e->hi == hi)
				PG_RETURN_FLOAT8(e->sel);
		}
	}

	type = exprType(column);
	opfamily = get_opclass_family(GetDefaultOpClass(type, BTREE_AM_OID));
	ge = get_opfamily_member(opfamily, type, type, BTGreaterEqualStrategyNumber);
	le = get_opfamily_member(opfamily, type, type, BTLessEqualStrategyNumber);
	if (!OidIsValid(ge) || !OidIsValid(le))
		PG_RETURN_FLOAT8(DEFAULT_INEQ_SEL);
	lo_const = makeConst(type, -1, InvalidOid, sizeof(int64),
						 Int64GetDatum(lo), false, FLOAT8PASSBYVAL);
	hi_const = makeConst(type, -1, InvalidOid, sizeof(int64),
						 Int64GetDatum(hi), false, FLOAT8PASSBYVAL);
	range = list_make2(make_opclause(ge, BOOLOID, false, (Expr *) copyObject(column),
									 (Expr *) lo_const, InvalidOid, InvalidOid),
					   make_opclause(le, BOOLOID, false, (Expr *) copyObject(column),
									 (Expr *) hi_const, InvalidOid, InvalidOid));
	sel = clauselist_selectivity(root, range, varRelid, JOIN_INNER, NULL);

	if (OidIsValid(key.relid))
	{
		if (!scope_sel_callback)
		{
			CacheRegisterSyscacheCallback(STATRELATTINH, scope_sel_forget, (Datum) 0);
			scope_sel_callback = true;
		}
		key.sel = sel;
		if (scope_sel_used < SCOPE_SEL_ENTRIES)
			scope_sel[scope_sel_used++] = key;
		else
		{
			scope_sel[scope_sel_next] = key;
			scope_sel_next = (scope_sel_next + 1) % SCOPE_SEL_ENTRIES;
		}
	}
	PG_RETURN_FLOAT8(sel);
}

Datum
access_scope_bound_sel(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(1.0);
}

/* grid.in_my_scope(division): the division lies in one of the caller's scopes. */
Datum
access_in_my_scope(PG_FUNCTION_ARGS)
{
	int64		v = PG_GETARG_INT64(0);
	ScopeMemo  *m = scope_memo();
	int			i;

	for (i = 0; i < m->nscopes; i++)
		if (v >= m->scopes[i] && v <= div_subtree_last(m->scopes[i]))
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/* grid.mask(text): a phone number with its middle digits hidden. */
Datum
access_mask_phone_text(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(in);
	char	   *out = palloc(ACCESS_MASK_MAX(len));
	size_t		n = access_mask_phone(VARDATA_ANY(in), len, out);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, n));
}

/*
 * grid.resident_registered(resident, division) and grid.resident_visible(
 * resident): the tests of the policy grid_resident, evaluated once for each
 * row written that names a resident.  The answer must be the one a query of
 * grid.resident by the writer gives (row-level security hides the residents
 * of other jurisdictions, so one of those and one who does not exist give
 * the same answer), and it must be cheap: a query per row costs about 6
 * microseconds (its executor start and the policies' InitPlans), as much as
 * the rest of a report's ingestion.  So the resident is looked up by primary
 * key directly, and when the row found lies in the caller's scopes (the
 * usual case: a village writing about its own residents) the answer follows
 * from it, since such a row is always visible.  Otherwise, found elsewhere
 * or not found at all, the answer is that of grid.resident_division_seen, the
 * same look-up run as the writer under row-level security: whatever else the
 * policies of grid.resident let a role see is honoured, and a resident
 * elsewhere and one who does not exist take the same path and give the same
 * answer.
 */
typedef struct ResidentLookup
{
	bool		valid;
	LocalTransactionId lxid;
	TimestampTz statement_start;
	CommandId	cid;
	Oid			relid;			/* grid.resident */
	Oid			pk;				/* its primary key */
	RegProcedure eq;			/* = of grid.resident_id */
	AttrNumber	division;		/* its column division */
	FmgrInfo	seen;			/* grid.resident_division_seen(grid.resident_id) */
	Oid			user;			/* the current user last asked about, */
	bool		may_select;		/* and whether it may read grid.resident */
} ResidentLookup;

static ResidentLookup lookup;
static MemoryContext lookup_cxt;	/* what lookup.seen keeps, for a statement */

static ResidentLookup *
resident_lookup(Oid id_type)
{
	LocalTransactionId lxid = MyProc->lxid;
	TimestampTz start = GetCurrentStatementStartTimestamp();
	CommandId	cid = GetCurrentCommandId(false);
	Oid			nsp;
	Relation	rel;
	Relation	idx;
	Oid			op;
	List	   *name;

	if (lookup.valid && lookup.lxid == lxid && lookup.statement_start == start && lookup.cid == cid)
		return &lookup;
	lookup.valid = false;
	nsp = get_namespace_oid("grid", false);
	lookup.relid = get_relname_relid("resident", nsp);
	if (!OidIsValid(lookup.relid))
		elog(ERROR, "table grid.resident is missing");
	rel = table_open(lookup.relid, AccessShareLock);
	lookup.pk = RelationGetPrimaryKeyIndex(rel);
	if (!OidIsValid(lookup.pk))
		elog(ERROR, "table grid.resident has no primary key");
	idx = index_open(lookup.pk, AccessShareLock);
	if (IndexRelationGetNumberOfKeyAttributes(idx) != 1 || idx->rd_index->indkey.values[0] != 1 ||
		idx->rd_opcintype[0] != id_type)
		elog(ERROR, "the primary key of grid.resident is not its resident ID");
	op = get_opfamily_member(idx->rd_opfamily[0], id_type, id_type, BTEqualStrategyNumber);
	lookup.eq = OidIsValid(op) ? get_opcode(op) : InvalidOid;
	index_close(idx, NoLock);
	table_close(rel, NoLock);
	if (!RegProcedureIsValid(lookup.eq))
		elog(ERROR, "grid.resident_id has no btree equality");
	lookup.division = get_attnum(lookup.relid, "division");
	if (lookup.division == InvalidAttrNumber)
		elog(ERROR, "table grid.resident has no column division");
	name = list_make2(makeString("grid"), makeString("resident_division_seen"));
	if (lookup_cxt == NULL)
		lookup_cxt = AllocSetContextCreate(TopMemoryContext, "grid resident look-up", ALLOCSET_SMALL_SIZES);
	MemoryContextReset(lookup_cxt);
	fmgr_info_cxt(LookupFuncName(name, 1, &id_type, false), &lookup.seen, lookup_cxt);
	lookup.user = InvalidOid;
	lookup.lxid = lxid;
	lookup.statement_start = start;
	lookup.cid = cid;
	lookup.valid = true;
	return &lookup;
}

/*
 * The division of a resident as the caller would see it; false when the
 * caller does not see the resident (elsewhere, or nowhere).
 */
static bool
resident_division(FunctionCallInfo fcinfo, Datum id, int64 *division)
{
	ResidentLookup *l = resident_lookup(get_fn_expr_argtype(fcinfo->flinfo, 0));
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	bool		found = false;
	bool		isnull = true;
	Datum		d = (Datum) 0;

	rel = table_open(l->relid, AccessShareLock);
	ScanKeyInit(&key, 1, BTEqualStrategyNumber, l->eq, id);
	scan = systable_beginscan(rel, l->pk, true,
							  ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot(),
							  1, &key);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		found = true;
		d = heap_getattr(tup, l->division, RelationGetDescr(rel), &isnull);
	}
	systable_endscan(scan);
	table_close(rel, NoLock);	/* held to the end of the transaction, as by a query */

	/* The answer a query would give, if the current user may run it. */
	if (l->user != GetUserId())
	{
		l->user = GetUserId();
		l->may_select = pg_class_aclcheck(l->relid, l->user, ACL_SELECT) == ACLCHECK_OK;
	}
	if (found && !isnull && l->may_select && DatumGetBool(DirectFunctionCall1(access_in_my_scope, d)))
	{
		*division = DatumGetInt64(d);
		return true;
	}

	/* Not in the caller's scopes, or not there: ask as the caller. */
	{
		LOCAL_FCINFO(seen, 1);
		Datum		r;

		InitFunctionCallInfoData(*seen, &l->seen, 1, InvalidOid, NULL, NULL);
		seen->args[0].value = id;
		seen->args[0].isnull = false;
		r = FunctionCallInvoke(seen);
		if (seen->isnull)
			return false;
		*division = DatumGetInt64(r);
		return true;
	}
}

PG_FUNCTION_INFO_V1(access_resident_registered);
PG_FUNCTION_INFO_V1(access_resident_visible);

/* grid.resident_registered(resident, division) */
Datum
access_resident_registered(PG_FUNCTION_ARGS)
{
	int64		division;

	PG_RETURN_BOOL(resident_division(fcinfo, PG_GETARG_DATUM(0), &division) &&
				   division == PG_GETARG_INT64(1));
}

/* grid.resident_visible(resident) */
Datum
access_resident_visible(PG_FUNCTION_ARGS)
{
	int64		division;

	PG_RETURN_BOOL(resident_division(fcinfo, PG_GETARG_DATUM(0), &division));
}

/*
 * Foreign keys to protected tables, refused before they are checked.
 *
 * A foreign key added to a table that already has rows is validated inside
 * the ALTER TABLE, by the referenced table's owner and past row-level
 * security, so its outcome (23503 or not) tells whether hidden rows exist
 * before any ddl_command_end trigger could refuse it.  This event trigger
 * runs at ddl_command_start, reads the statement's parse tree and refuses
 * a non-administrator any FOREIGN KEY whose referenced table is protected
 * (grid.is_protected), before anything is looked up.
 */
PG_FUNCTION_INFO_V1(access_refuse_foreign_keys);

/* Refuse a foreign key to a protected relation; rv names the relation. */
static void
refuse_reference(RangeVar *rv, Oid is_protected)
{
	Oid			relid;

	if (rv == NULL)
		return;
	relid = RangeVarGetRelid(rv, NoLock, true);
	if (!OidIsValid(relid) ||
		!DatumGetBool(OidFunctionCall1(is_protected, ObjectIdGetDatum(relid))))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to reference %s in a foreign key",
					quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
											   get_rel_name(relid))),
			 errdetail("A foreign key is checked past row-level security, so it would tell which hidden rows exist."),
			 errhint("Only members of grid_admin create or change a table with a foreign key to a protected table.")));
}

/* The foreign keys among a list of constraints, column definitions or both. */
static void
refuse_references_in(List *elements, Oid is_protected)
{
	ListCell   *lc;

	foreach(lc, elements)
	{
		Node	   *n = lfirst(lc);

		if (n == NULL)
			continue;
		if (IsA(n, Constraint) && ((Constraint *) n)->contype == CONSTR_FOREIGN)
			refuse_reference(((Constraint *) n)->pktable, is_protected);
		else if (IsA(n, ColumnDef))
			refuse_references_in(((ColumnDef *) n)->constraints, is_protected);
	}
}

/* grid.refuse_foreign_keys(): event trigger at ddl_command_start. */
Datum
access_refuse_foreign_keys(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	Node	   *tree;
	Oid			argtypes[1] = {OIDOID};
	Oid			is_protected;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		elog(ERROR, "grid.refuse_foreign_keys() must be called as an event trigger");
	trigdata = (EventTriggerData *) fcinfo->context;
	tree = trigdata->parsetree;

	if (role_is_admin(GetOuterUserId()))
		PG_RETURN_VOID();

	is_protected = LookupFuncName(list_make2(makeString("grid"), makeString("is_protected")),
								  1, argtypes, false);
	if (IsA(tree, CreateStmt))
	{
		CreateStmt *stmt = (CreateStmt *) tree;

		refuse_references_in(stmt->tableElts, is_protected);
		refuse_references_in(stmt->constraints, is_protected);
	}
	else if (IsA(tree, AlterTableStmt))
	{
		ListCell   *lc;

		foreach(lc, ((AlterTableStmt *) tree)->cmds)
		{
			AlterTableCmd *cmd = lfirst(lc);

			if (cmd->def != NULL)
				refuse_references_in(list_make1(cmd->def), is_protected);
		}
	}
	PG_RETURN_VOID();
}
