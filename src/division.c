/*
 * division.c
 *		fmgr glue for grid.division_code: I/O, the hierarchy functions, and
 *		the planner support that lets a btree index answer containment.
 *		The rules themselves live in division_core.c.
 *
 * A division is its code zero-padded to 15 digits, read as an int8, so the
 * btree order is preorder and a subtree is one contiguous range.  Hence
 * "col <@ x" is exactly "col >= x AND col <= subtree_last(x)", which the
 * support function hands to the planner as an index condition, and
 * "x @> col" likewise.  With the column on the ancestor side ("col @> x")
 * the rows wanted are the at most six ancestors of x, "col = ANY(ancestors
 * (x))".  The same rewritten clauses give the selectivity estimates, so the
 * histogram of the column is used as for any range.
 */
#include "postgres.h"

#include "access/stratnum.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_type_d.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/pathnodes.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"
#include "utils/typcache.h"

#include "division_core.h"
#include "typeio.h"

#define DIV_SEND_VERSION	1

/* The detail sentence that goes with each reason (err is a DivError). */
static void
report_detail(const void *arg)
{
	const DivError *err = arg;

	switch (err->status)
	{
		case DIV_EMPTY:
		case DIV_BAD_LENGTH:
			errdetail("A division code has 2, 4, 6, 9, 12 or 15 digits: province 2, city 2, county 2, township 3, village 3 and grid 3.");
			break;
		case DIV_BAD_CHARACTER:
			errdetail("Only digits are allowed.");
			break;
		case DIV_ALL_ZERO:
			errdetail("At least the province part must not be zero.");
			break;
		case DIV_GAP:
			errdetail("A part can be non-zero only if every part above it is non-zero.");
			break;
		case DIV_BAD_PROVINCE:
			errdetail("The first two digits should be a province code: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 or 81-83.");
			break;
		case DIV_NO_SUBDIVISION:
			errdetail("Taiwan (71), Hong Kong (81) and Macao (82) have no divisions below the province, nor has 83, the address code of residence permits of Taiwan residents.");
			break;
		case DIV_OUT_OF_RANGE:
		case DIV_OK:
			break;
	}
}

/*
 * Parse, or raise 22P02 naming the reason (softly with a soft-error
 * context), quoting at most the first DIV_ECHO_MAX characters.
 */
static bool
parse_or_report(const char *input, size_t len, int64 *value, Node *escontext)
{
	DivError	err;
	char		reason[128];

	if (div_parse(input, len, value, &err) == DIV_OK)
		return true;
	div_error_reason(&err, reason, sizeof(reason));
	return grid_input_error(escontext, "division code", input, len, DIV_ECHO_MAX,
							reason, report_detail, &err);
}

PG_FUNCTION_INFO_V1(division_code_in);
Datum
division_code_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int64		value;

	if (!parse_or_report(str, strlen(str), &value, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_INT64(value);
}

PG_FUNCTION_INFO_V1(division_code_out);
Datum
division_code_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(DIV_TEXT_LEN + 1);

	div_format(PG_GETARG_INT64(0), out);
	PG_RETURN_CSTRING(out);
}

/* Binary form: a version byte, then the padded code as an int8. */
PG_FUNCTION_INFO_V1(division_code_send);
Datum
division_code_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(grid_send_int8(DIV_SEND_VERSION, PG_GETARG_INT64(0)));
}

/* Binary input is checked as strictly as text input. */
PG_FUNCTION_INFO_V1(division_code_recv);
Datum
division_code_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		value = grid_recv_int8(buf, DIV_SEND_VERSION, "division code");
	DivError	err;

	if (div_validate(value, &err) != DIV_OK)
	{
		char		reason[128];

		div_error_reason(&err, reason, sizeof(reason));
		grid_binary_error("division code", reason);
	}
	PG_RETURN_INT64(value);
}

/* Cast from text without the detour through cstring. */
PG_FUNCTION_INFO_V1(division_code_from_text);
Datum
division_code_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64		value;

	parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &value, NULL);
	PG_RETURN_INT64(value);
}

/* NULL if the text is a valid code, else the reason the cast would give. */
PG_FUNCTION_INFO_V1(division_code_error);
Datum
division_code_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64		value;
	DivError	err;
	char		reason[128];

	if (div_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &value, &err) == DIV_OK)
		PG_RETURN_NULL();
	div_error_reason(&err, reason, sizeof(reason));
	PG_RETURN_TEXT_P(cstring_to_text(reason));
}

PG_FUNCTION_INFO_V1(is_valid_division_code);
Datum
is_valid_division_code(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64		value;

	PG_RETURN_BOOL(div_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &value, NULL) == DIV_OK);
}

PG_FUNCTION_INFO_V1(division_level);
Datum
division_level(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(div_level_name(div_level(PG_GETARG_INT64(0)))));
}

PG_FUNCTION_INFO_V1(division_parent);
Datum
division_parent(PG_FUNCTION_ARGS)
{
	int64		parent = div_parent(PG_GETARG_INT64(0));

	if (parent == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(parent);
}

/* The level named by a text argument, or 22023 naming the levels. */
static int
level_by_name_or_error(text *name)
{
	const char *s = VARDATA_ANY(name);
	int			len = VARSIZE_ANY_EXHDR(name);
	int			level = div_level_by_name(s, (size_t) len);

	if (level == 0)
	{
		char		shown[GRID_QUOTE_SIZE(DIV_ECHO_MAX)];

		grid_quote_input(s, len, DIV_ECHO_MAX, shown);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown division level \"%s\"", shown),
				 errdetail("The levels are province, city, county, township, village and grid.")));
	}
	return level;
}

PG_FUNCTION_INFO_V1(division_cell_under);
Datum
division_cell_under(PG_FUNCTION_ARGS)
{
	text	   *cell = PG_GETARG_TEXT_PP(0);
	int64		value = div_cell_under(VARDATA_ANY(cell), VARSIZE_ANY_EXHDR(cell),
									   PG_GETARG_INT64(1));

	if (value == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(value);
}

PG_FUNCTION_INFO_V1(division_ancestor);
Datum
division_ancestor(PG_FUNCTION_ARGS)
{
	int			level = level_by_name_or_error(PG_GETARG_TEXT_PP(1));
	int64		ancestor = div_ancestor(PG_GETARG_INT64(0), level);

	if (ancestor == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(ancestor);
}

/* An array of division codes; the element type is the function's own. */
static ArrayType *
ancestors_array(int64 value, Oid elemtype)
{
	int64		chain[DIV_LEVELS];
	Datum		elems[DIV_LEVELS];
	int			n = div_ancestors(value, chain);

	for (int i = 0; i < n; i++)
		elems[i] = Int64GetDatum(chain[i]);
	return construct_array(elems, n, elemtype, sizeof(int64), true, TYPALIGN_DOUBLE);
}

PG_FUNCTION_INFO_V1(division_ancestors);
Datum
division_ancestors(PG_FUNCTION_ARGS)
{
	Oid			elemtype = get_fn_expr_argtype(fcinfo->flinfo, 0);

	if (!OidIsValid(elemtype))
		elog(ERROR, "could not determine the argument type of ancestors()");
	PG_RETURN_ARRAYTYPE_P(ancestors_array(PG_GETARG_INT64(0), elemtype));
}

PG_FUNCTION_INFO_V1(division_subtree_last);
Datum
division_subtree_last(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(div_subtree_last(PG_GETARG_INT64(0)));
}

PG_FUNCTION_INFO_V1(division_contains);
Datum
division_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(div_contains(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(division_contained_by);
Datum
division_contained_by(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(div_contains(PG_GETARG_INT64(1), PG_GETARG_INT64(0)));
}

/*
 * Planner support.
 *
 * contains(a, b) has its outer division first; contained_by(a, b) second.
 * Given the key (the side of the indexed column or of the restricted
 * variable) and the other, pseudo-constant side, build the btree clauses
 * that say the same: a range when the key is the inner side, "= ANY" of the
 * ancestors when it is the outer side.  A non-constant other side (a
 * parameter, an outer row's column, a stable expression) is wrapped in
 * calls of grid.subtree_last() or grid.ancestors(), found in the schema of
 * the containment function itself.
 */

/* A function of this extension, looked up in the schema of funcid. */
static Oid
sibling_function(Oid funcid, const char *name, Oid argtype)
{
	char	   *schema = get_namespace_name(get_func_namespace(funcid));

	if (schema == NULL)
		return InvalidOid;
	return LookupFuncName(list_make2(makeString(schema), makeString(pstrdup(name))),
						  1, &argtype, true);
}

/*
 * The btree clauses equivalent to containment, with the operators of
 * opfamily; NIL if the family lacks them.
 */
static List *
containment_clauses(Oid funcid, Node *key, Node *other, bool key_is_inner,
					Oid opfamily)
{
	Oid			typid = exprType(key);

	if (exprType(other) != typid)
		return NIL;
	if (IsA(other, Const) && ((Const *) other)->constisnull)
		return NIL;

	if (key_is_inner)
	{
		Oid			ge = get_opfamily_member(opfamily, typid, typid, BTGreaterEqualStrategyNumber);
		Oid			le = get_opfamily_member(opfamily, typid, typid, BTLessEqualStrategyNumber);
		Expr	   *last;

		if (!OidIsValid(ge) || !OidIsValid(le))
			return NIL;
		if (IsA(other, Const))
		{
			int64		v = DatumGetInt64(((Const *) other)->constvalue);

			last = (Expr *) makeConst(typid, -1, InvalidOid, sizeof(int64),
									  Int64GetDatum(div_subtree_last(v)), false, true);
		}
		else
		{
			Oid			fn = sibling_function(funcid, "subtree_last", typid);

			if (!OidIsValid(fn))
				return NIL;
			last = (Expr *) makeFuncExpr(fn, typid, list_make1(copyObject(other)),
										 InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		}
		return list_make2(make_opclause(ge, BOOLOID, false, (Expr *) key,
										(Expr *) copyObject(other), InvalidOid, InvalidOid),
						  make_opclause(le, BOOLOID, false, (Expr *) key,
										last, InvalidOid, InvalidOid));
	}
	else
	{
		Oid			eq = get_opfamily_member(opfamily, typid, typid, BTEqualStrategyNumber);
		Oid			arraytype = get_array_type(typid);
		ScalarArrayOpExpr *saop;
		Expr	   *array;

		if (!OidIsValid(eq) || !OidIsValid(arraytype))
			return NIL;
		if (IsA(other, Const))
		{
			int64		v = DatumGetInt64(((Const *) other)->constvalue);

			array = (Expr *) makeConst(arraytype, -1, InvalidOid, -1,
									   PointerGetDatum(ancestors_array(v, typid)), false, false);
		}
		else
		{
			Oid			fn = sibling_function(funcid, "ancestors", typid);

			if (!OidIsValid(fn))
				return NIL;
			array = (Expr *) makeFuncExpr(fn, arraytype, list_make1(copyObject(other)),
										  InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		}
		saop = makeNode(ScalarArrayOpExpr);
		saop->opno = eq;
		saop->opfuncid = get_opcode(eq);
		saop->hashfuncid = InvalidOid;
		saop->negfuncid = InvalidOid;
		saop->useOr = true;
		saop->inputcollid = InvalidOid;
		saop->args = list_make2(key, array);
		saop->location = -1;
		return list_make1(saop);
	}
}

/*
 * Selectivity of contains(args) (outer_first) or contained_by(args) on one
 * relation: that of the equivalent btree clauses, when the other side is a
 * constant; a default otherwise.
 */
static Selectivity
containment_selectivity(PlannerInfo *root, Oid funcid, List *args,
						bool outer_first, int varRelid)
{
	VariableStatData vardata;
	Node	   *other;
	bool		varonleft;
	bool		key_is_inner;
	Selectivity sel;
	List	   *clauses = NIL;

	if (!get_restriction_variable(root, args, varRelid, &vardata, &other, &varonleft))
		return DEFAULT_RANGE_INEQ_SEL;
	key_is_inner = varonleft != outer_first;

	if (IsA(other, Const) && ((Const *) other)->constisnull)
	{
		ReleaseVariableStats(vardata);
		return 0.0;
	}
	if (IsA(other, Const))
	{
		TypeCacheEntry *tc = lookup_type_cache(exprType(other), TYPECACHE_BTREE_OPFAMILY);
		Node	   *key = varonleft ? linitial(args) : lsecond(args);

		if (OidIsValid(tc->btree_opf))
			clauses = containment_clauses(funcid, key, other, key_is_inner, tc->btree_opf);
	}
	ReleaseVariableStats(vardata);

	if (clauses == NIL)
		return key_is_inner ? DEFAULT_RANGE_INEQ_SEL : DEFAULT_EQ_SEL * DIV_LEVELS;
	sel = clauselist_selectivity(root, clauses, varRelid, JOIN_INNER, NULL);
	CLAMP_PROBABILITY(sel);
	return sel;
}

/* Index conditions and selectivity for contains (outer_first) or contained_by. */
static Node *
containment_support(Node *rawreq, bool outer_first)
{
	if (IsA(rawreq, SupportRequestIndexCondition))
	{
		SupportRequestIndexCondition *req = (SupportRequestIndexCondition *) rawreq;
		List	   *args;
		Node	   *key;
		Node	   *other;
		List	   *clauses;

		if (is_opclause(req->node))
			args = ((OpExpr *) req->node)->args;
		else if (is_funcclause(req->node))
			args = ((FuncExpr *) req->node)->args;
		else
			return NULL;
		if (list_length(args) != 2 || req->index->relam != BTREE_AM_OID)
			return NULL;

		key = (Node *) list_nth(args, req->indexarg);
		other = (Node *) list_nth(args, 1 - req->indexarg);
		if (!is_pseudo_constant_for_index(req->root, other, req->index))
			return NULL;

		clauses = containment_clauses(req->funcid, key, other,
									  (req->indexarg == 0) != outer_first,
									  req->opfamily);
		if (clauses == NIL)
			return NULL;
		req->lossy = false;		/* the clauses say exactly the same */
		return (Node *) clauses;
	}
	if (IsA(rawreq, SupportRequestSelectivity))
	{
		SupportRequestSelectivity *req = (SupportRequestSelectivity *) rawreq;

		if (req->is_join || list_length(req->args) != 2)
			return NULL;
		req->selectivity = containment_selectivity(req->root, req->funcid, req->args,
												   outer_first, req->varRelid);
		return (Node *) req;
	}
	return NULL;
}

PG_FUNCTION_INFO_V1(division_contains_support);
Datum
division_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(containment_support((Node *) PG_GETARG_POINTER(0), true));
}

PG_FUNCTION_INFO_V1(division_contained_by_support);
Datum
division_contained_by_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(containment_support((Node *) PG_GETARG_POINTER(0), false));
}

/* Restriction estimators of @> and <@ (operators do not ask the support function). */
PG_FUNCTION_INFO_V1(division_contains_sel);
Datum
division_contains_sel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	Oid			opno = PG_GETARG_OID(1);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);

	PG_RETURN_FLOAT8(containment_selectivity(root, get_opcode(opno), args, true, varRelid));
}

PG_FUNCTION_INFO_V1(division_contained_by_sel);
Datum
division_contained_by_sel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	Oid			opno = PG_GETARG_OID(1);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);

	PG_RETURN_FLOAT8(containment_selectivity(root, get_opcode(opno), args, false, varRelid));
}
