/*
 * normalize.c
 *		fmgr glue for the normalize concern: name and phone normalisation,
 *		pinyin, name and ID similarity, the IDs one typo away.  The rules live in normalize_core.c;
 *		this file only moves text in and out, with one palloc per call.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "normalize_core.h"

/*
 * A text result with room for out_max bytes of payload, or an error when
 * that is more than a text value may hold.
 */
static text *
result_buffer(size_t out_max)
{
	if (out_max > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("input is too long to normalize"),
				 errdetail("The result could need %zu bytes, more than a text value can hold.",
						   out_max)));
	return (text *) palloc(VARHDRSZ + out_max);
}

PG_FUNCTION_INFO_V1(normalize_name);
Datum
normalize_name(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(in);
	size_t		cap = NZ_NAME_OUT_MAX(len);
	text	   *out = result_buffer(cap);
	size_t		n = nz_normalize_name(VARDATA_ANY(in), len, VARDATA(out), cap);

	SET_VARSIZE(out, VARHDRSZ + n);
	PG_RETURN_TEXT_P(out);
}

/* pinyin, pinyin_fuzzy and pinyin_initials share this. */
static Datum
pinyin_common(FunctionCallInfo fcinfo, NzPinyinStyle style)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	bool		as_name = PG_NARGS() > 1 ? PG_GETARG_BOOL(1) : true;
	size_t		len = VARSIZE_ANY_EXHDR(in);
	size_t		cap = NZ_PINYIN_OUT_MAX(len);
	text	   *out = result_buffer(cap);
	size_t		n = nz_pinyin(VARDATA_ANY(in), len, style, as_name, VARDATA(out), cap);

	SET_VARSIZE(out, VARHDRSZ + n);
	PG_RETURN_TEXT_P(out);
}

PG_FUNCTION_INFO_V1(pinyin);
Datum
pinyin(PG_FUNCTION_ARGS)
{
	return pinyin_common(fcinfo, NZ_PINYIN_PLAIN);
}

PG_FUNCTION_INFO_V1(pinyin_fuzzy);
Datum
pinyin_fuzzy(PG_FUNCTION_ARGS)
{
	return pinyin_common(fcinfo, NZ_PINYIN_FUZZY);
}

PG_FUNCTION_INFO_V1(pinyin_initials);
Datum
pinyin_initials(PG_FUNCTION_ARGS)
{
	return pinyin_common(fcinfo, NZ_PINYIN_INITIALS);
}

PG_FUNCTION_INFO_V1(normalize_phone);
Datum
normalize_phone(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	char		buf[NZ_PHONE_MAX + 1];

	if (nz_normalize_phone(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), buf) == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(name_similarity);
Datum
name_similarity(PG_FUNCTION_ARGS)
{
	text	   *a = PG_GETARG_TEXT_PP(0);
	text	   *b = PG_GETARG_TEXT_PP(1);

	PG_RETURN_FLOAT4((float4) nz_name_similarity(VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a),
												 VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b)));
}

PG_FUNCTION_INFO_V1(id_similarity);
Datum
id_similarity(PG_FUNCTION_ARGS)
{
	text	   *a = PG_GETARG_TEXT_PP(0);
	text	   *b = PG_GETARG_TEXT_PP(1);

	PG_RETURN_FLOAT4((float4) nz_id_similarity(VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a),
											   VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b)));
}

/* The valid IDs one typing error away from an ID as typed, as text[]. */
PG_FUNCTION_INFO_V1(id_neighbours);
Datum
id_neighbours(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	char		ids[NZ_ID_NEIGHBOURS_MAX][19];
	Datum		elems[NZ_ID_NEIGHBOURS_MAX];
	int			n = nz_id_neighbours(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), ids, NZ_ID_NEIGHBOURS_MAX);

	for (int i = 0; i < n; i++)
		elems[i] = PointerGetDatum(cstring_to_text(ids[i]));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}
