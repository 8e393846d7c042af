/*
 * typeio.c
 *		Glue shared by grid's fixed-size types stored as an int8.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "typeio.h"

void
grid_quote_input(const char *input, size_t len, int max_chars, char *buf)
{
	int			cut = pg_mbcharcliplen(input, (int) len, max_chars);

	memcpy(buf, input, cut);
	strcpy(buf + cut, (size_t) cut < len ? "..." : "");
}

bool
grid_input_error(Node *escontext, const char *what, const char *input, size_t len,
				 int echo_max, const char *reason,
				 void (*detail) (const void *err), const void *err)
{
	char	   *shown = palloc(GRID_QUOTE_SIZE(echo_max));

	grid_quote_input(input, len, echo_max, shown);
#if PG_VERSION_NUM >= 160000
	ereturn(escontext, false,
#else
	(void) escontext;
	ereport(ERROR,
#endif
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid %s \"%s\": %s", what, shown, reason),
			 detail(err)));
	return false;
}

void
grid_binary_error(const char *what, const char *reason)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s in binary input: %s", what, reason)));
}

bytea *
grid_send_int8(int version, int64 value)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, version);
	pq_sendint64(&buf, value);
	return pq_endtypsend(&buf);
}

int64
grid_recv_int8(StringInfo buf, int version, const char *type_name)
{
	int			got = pq_getmsgbyte(buf);

	if (got != version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for %s", got, type_name),
				 errdetail("Version %d is expected.", version)));
	return pq_getmsgint64(buf);
}

/*
 * Comparison, hashing, min and max of the int8-backed types, as C functions
 * of this module.  int8's own functions would do the same, but declared
 * LANGUAGE internal they are found by a linear search of every built-in
 * function's name each time a query looks them up; C functions are found
 * through the loader's cache.
 */
#define GRID_INT8_COMPARE(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_INT64(0) op PG_GETARG_INT64(1)); \
}

GRID_INT8_COMPARE(grid_int8_eq, ==)
GRID_INT8_COMPARE(grid_int8_ne, !=)
GRID_INT8_COMPARE(grid_int8_lt, <)
GRID_INT8_COMPARE(grid_int8_le, <=)
GRID_INT8_COMPARE(grid_int8_gt, >)
GRID_INT8_COMPARE(grid_int8_ge, >=)

PG_FUNCTION_INFO_V1(grid_int8_cmp);
Datum
grid_int8_cmp(PG_FUNCTION_ARGS)
{
	int64		a = PG_GETARG_INT64(0);
	int64		b = PG_GETARG_INT64(1);

	PG_RETURN_INT32(a < b ? -1 : a > b ? 1 : 0);
}

PG_FUNCTION_INFO_V1(grid_int8_sortsupport);
Datum
grid_int8_sortsupport(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(btint8sortsupport, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(grid_int8_hash);
Datum
grid_int8_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(grid_int8_hash_extended);
Datum
grid_int8_hash_extended(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(hashint8extended, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1));
}

PG_FUNCTION_INFO_V1(grid_int8_smaller);
Datum
grid_int8_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(Min(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(grid_int8_larger);
Datum
grid_int8_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(Max(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}
