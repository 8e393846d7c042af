/*
 * ops.c
 *		fmgr glue for daily operations: grid.read_time, grid.time_error,
 *		grid.check_time, grid.read_number, grid.read_symptoms and
 *		grid.staged_row.  The reading itself lives in ops_core.c.
 */
#include "postgres.h"

#include <wctype.h>

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "access/htup_details.h"
#include "nodes/makefuncs.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/pg_locale.h"
#include "utils/typcache.h"
#include "utils/varlena.h"
#include "mb/pg_wchar.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "ops_core.h"

/* A time written without a year is at most this long after its arrival. */
#define NO_YEAR_TOLERANCE	USECS_PER_DAY

/* China time, in which times without a zone are read. */
static pg_tz *
china_time(void)
{
	static pg_tz *tz = NULL;

	if (tz == NULL)
	{
		tz = pg_tzset("Asia/Shanghai");
		if (tz == NULL)
			elog(ERROR, "time zone Asia/Shanghai is not in this server's time zone data");
	}
	return tz;
}

/*
 * Read a time as written, with arrived the record's arrival (for a time
 * written without a year); OPS_TIME_OK and *result, else why not.
 */
static OpsTimeStatus
read_time(text *in, TimestampTz arrived, TimestampTz *result)
{
	OpsTime		t;
	OpsTimeStatus status;
	struct pg_tm tm = {0};
	int			tz;

	status = ops_parse_time(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &t);
	if (status != OPS_TIME_OK)
		return status;
	if (!t.has_year)
	{
		struct pg_tm lt;
		fsec_t		fsec;
		int			ltz;
		OpsTime		limit = {0};

		if (TIMESTAMP_NOT_FINITE(arrived) ||
			timestamp2tm(arrived + NO_YEAR_TOLERANCE, &ltz, &lt, &fsec, NULL, china_time()) != 0)
			return OPS_TIME_YEARLESS;
		limit.year = lt.tm_year;
		limit.month = lt.tm_mon;
		limit.day = lt.tm_mday;
		limit.hour = lt.tm_hour;
		limit.minute = lt.tm_min;
		limit.second = lt.tm_sec;
		limit.usec = fsec;
		limit.has_year = 1;
		status = ops_resolve_year(&t, &limit);
		if (status != OPS_TIME_OK)
			return status;
	}
	tm.tm_year = t.year;
	tm.tm_mon = t.month;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_sec = t.second;
	if (t.has_zone)
		tz = -t.zone_seconds;	/* PostgreSQL counts seconds west of UTC */
	else
		tz = DetermineTimeZoneOffset(&tm, china_time());
	if (tm2timestamp(&tm, t.usec, &tz, result) != 0)
		return OPS_TIME_DATE;
	return OPS_TIME_OK;
}

/*
 * grid.read_time(text, arrived timestamptz) -> timestamptz, NULL when the
 * text is no time.  Never raises on the text: ingestion sorts good rows
 * from bad with it.
 */
PG_FUNCTION_INFO_V1(ops_read_time);
Datum
ops_read_time(PG_FUNCTION_ARGS)
{
	TimestampTz result;

	if (read_time(PG_GETARG_TEXT_PP(0), PG_GETARG_TIMESTAMPTZ(1), &result) != OPS_TIME_OK)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(result);
}

/*
 * grid.time_error(text, arrived timestamptz) -> text: why the text is no
 * time, with the accepted forms; NULL when it is one.
 */
PG_FUNCTION_INFO_V1(ops_time_error);
Datum
ops_time_error(PG_FUNCTION_ARGS)
{
	TimestampTz result;
	OpsTimeStatus status = read_time(PG_GETARG_TEXT_PP(0), PG_GETARG_TIMESTAMPTZ(1), &result);

	if (status == OPS_TIME_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s; accepted forms: %s",
											  ops_time_status_phrase(status), OPS_TIME_FORMS)));
}

/*
 * grid.check_time(text, arrived timestamptz) -> timestamptz: the time, or
 * an error 22007 saying why not and which forms are read.
 */
PG_FUNCTION_INFO_V1(ops_check_time);
Datum
ops_check_time(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	TimestampTz result;
	OpsTimeStatus status = read_time(in, PG_GETARG_TIMESTAMPTZ(1), &result);

	if (status != OPS_TIME_OK)
	{
		char	   *s = text_to_cstring(in);
		int			cut = pg_mbcliplen(s, strlen(s), 60);

		s[cut] = '\0';
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("invalid time \"%s\": %s", s, ops_time_status_phrase(status)),
				 errdetail("The accepted forms are %s, also with full-width digits and with a space after 日. "
						   "A time without a zone is China time. "
						   "A time without a year is the latest such time at most a day after its arrival.",
						   OPS_TIME_FORMS)));
	}
	PG_RETURN_TIMESTAMPTZ(result);
}

/*
 * grid.read_number(text) -> numeric: a temperature as typed, exactly as
 * written (ops_scan_number says what is read), NULL when it is no such
 * number.  The cast sees only digits, a sign and a point in the admitted
 * pattern, so it never raises.
 */
PG_FUNCTION_INFO_V1(ops_read_number);
Datum
ops_read_number(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	char		buf[OPS_NUMBER_MAX + 1];

	if (ops_scan_number(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), buf) < 0)
		PG_RETURN_NULL();
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * White space as a regular expression's \s reads it: under a C ctype the
 * ASCII spaces only; under the database's libc locale, what iswspace()
 * says (as PostgreSQL's regular expressions ask it for a UTF8 database).
 */
static int
c_space(uint32_t cp, void *arg)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
}

static int
locale_space(uint32_t cp, void *arg)
{
	if (cp < 0x80)
		return c_space(cp, arg);
	return iswspace((wint_t) cp) != 0;
}

/* Two tokens in the collation's order (the arg is the collation). */
static int
token_cmp(const void *a, const void *b, void *arg)
{
	text	   *x = *(text *const *) a;
	text	   *y = *(text *const *) b;

	return varstr_cmp(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(y),
					  *(Oid *) arg);
}

/*
 * grid.read_symptoms(text) -> text[]: the list lower-cased, split at runs
 * of commas, semicolons and white space, sorted, each once; '{}' for NULL
 * or nothing.  The same answers as the SQL function it replaced,
 *   ARRAY(SELECT DISTINCT s FROM regexp_split_to_table(lower(btrim(t)), '[\s,;]+') s
 *          WHERE s <> '' ORDER BY 1)
 * whose body was bound to the database's collation whatever the caller's
 * (test/pgtap/ops_readers.sql compares them): lower() itself lower-cases;
 * the split is done here under a libc or C ctype, and by that regular
 * expression under an ICU default, whose white space this file does not
 * know.
 */
PG_FUNCTION_INFO_V1(ops_read_symptoms);
Datum
ops_read_symptoms(PG_FUNCTION_ARGS)
{
	Oid			coll = DEFAULT_COLLATION_OID;
	text	   *low;
	text	  **tokens;
	int			n = 0,
				kept,
				i;

	if (PG_ARGISNULL(0))
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	low = DatumGetTextPP(DirectFunctionCall1Coll(lower, coll, PG_GETARG_DATUM(0)));
	if (lc_ctype_is_c(coll) || default_locale.provider != COLLPROVIDER_ICU)
	{
		const char *s = VARDATA_ANY(low);
		size_t		len = VARSIZE_ANY_EXHDR(low);
		OpsSpan    *spans = palloc(sizeof(OpsSpan) * (len / 2 + 1));

		n = (int) ops_split_list(s, len, lc_ctype_is_c(coll) ? c_space : locale_space, NULL, spans);
		tokens = palloc(sizeof(text *) * (n + 1));
		for (i = 0; i < n; i++)
			tokens[i] = cstring_to_text_with_len(s + spans[i].start, (int) spans[i].len);
	}
	else
	{
		ArrayType  *parts = DatumGetArrayTypeP(DirectFunctionCall2Coll(regexp_split_to_array, coll,
																		PointerGetDatum(low),
																		CStringGetTextDatum("[\\s,;]+")));
		Datum	   *elems;
		bool	   *nulls;
		int			count;

		deconstruct_array(parts, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &count);
		tokens = palloc(sizeof(text *) * (count + 1));
		for (i = 0; i < count; i++)
			if (!nulls[i] && VARSIZE_ANY_EXHDR(DatumGetTextPP(elems[i])) > 0)
				tokens[n++] = DatumGetTextPP(elems[i]);
	}
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	qsort_arg(tokens, n, sizeof(text *), token_cmp, &coll);
	{
		Datum	   *kept_tokens = palloc(sizeof(Datum) * n);

		kept_tokens[0] = PointerGetDatum(tokens[0]);
		kept = 1;
		for (i = 1; i < n; i++)
			if (token_cmp(&tokens[i - 1], &tokens[i], &coll) != 0)
				kept_tokens[kept++] = PointerGetDatum(tokens[i]);
		PG_RETURN_ARRAYTYPE_P(construct_array(kept_tokens, kept, TEXTOID, -1, false, TYPALIGN_INT));
	}
}

/*
 * The row as to_jsonb(row) - 'staged_by' gives it, the slow way: for a
 * staging table with a column of a type grid.staged_row does not build
 * itself.
 */
static Datum
staged_row_general(Datum row, Oid type)
{
	FmgrInfo	flinfo;
	Datum		jb;

	fmgr_info(F_TO_JSONB, &flinfo);
	flinfo.fn_expr = (Node *) makeFuncExpr(F_TO_JSONB, JSONBOID,
										   list_make1(makeNullConst(type, -1, InvalidOid)),
										   InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
	jb = FunctionCall1(&flinfo, row);
	return DirectFunctionCall2(jsonb_delete, jb, CStringGetTextDatum("staged_by"));
}

/*
 * grid.staged_row(record) -> jsonb: a staging row as received, every
 * column but staged_by, exactly as to_jsonb(row) - 'staged_by' writes it
 * (texts as strings, times in ISO 8601), built in one pass: the readers
 * keep it for each record, to file the ones rejected as they came.
 * Columns of other types than text and timestamptz (a column an
 * administrator added) are written by to_jsonb itself.
 */
PG_FUNCTION_INFO_V1(ops_staged_row);
Datum
ops_staged_row(PG_FUNCTION_ARGS)
{
	HeapTupleHeader td = PG_GETARG_HEAPTUPLEHEADER(0);
	Oid			type = HeapTupleHeaderGetTypeId(td);
	TupleDesc	desc = lookup_rowtype_tupdesc(type, HeapTupleHeaderGetTypMod(td));
	HeapTupleData tuple;
	JsonbParseState *state = NULL;
	JsonbValue *result;
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && att->atttypid != TEXTOID && att->atttypid != TIMESTAMPTZOID
			&& strcmp(NameStr(att->attname), "staged_by") != 0)
		{
			ReleaseTupleDesc(desc);
			return staged_row_general(PG_GETARG_DATUM(0), type);
		}
	}
	tuple.t_len = HeapTupleHeaderGetDatumLength(td);
	ItemPointerSetInvalid(&(tuple.t_self));
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = td;
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		JsonbValue	key,
					val;
		bool		isnull;
		Datum		d;

		if (att->attisdropped || strcmp(NameStr(att->attname), "staged_by") == 0)
			continue;
		key.type = jbvString;
		key.val.string.val = NameStr(att->attname);
		key.val.string.len = strlen(key.val.string.val);
		pushJsonbValue(&state, WJB_KEY, &key);
		d = heap_getattr(&tuple, i + 1, desc, &isnull);
		if (isnull)
			val.type = jbvNull;
		else if (att->atttypid == TEXTOID)
		{
			text	   *t = DatumGetTextPP(d);

			val.type = jbvString;
			val.val.string.val = VARDATA_ANY(t);
			val.val.string.len = VARSIZE_ANY_EXHDR(t);
		}
		else
		{
			val.type = jbvString;
			val.val.string.val = JsonEncodeDateTime(NULL, d, TIMESTAMPTZOID, NULL);
			val.val.string.len = strlen(val.val.string.val);
		}
		pushJsonbValue(&state, WJB_VALUE, &val);
	}
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	{
		Jsonb	   *out = JsonbValueToJsonb(result);	/* before the keys' names go */

		ReleaseTupleDesc(desc);
		PG_RETURN_JSONB_P(out);
	}
}
