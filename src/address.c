/*
 * address.c
 *		fmgr glue for the address concern: the structure of an address
 *		(grid.address_tokens) and the stem of a division name
 *		(grid.address_stem).  The reading lives in address_core.c; resolving
 *		names against grid.division is SQL (address.sql).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "address_core.h"

#define ADDRESS_TOKENS_FIELDS 10

/* A span of the normalised text as a text datum, or NULL. */
static Datum
span_datum(const char *norm, AddrSpan span, bool *isnull)
{
	if (span.len <= 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	*isnull = false;
	return PointerGetDatum(cstring_to_text_with_len(norm + span.off, span.len));
}

/* grid.address_tokens(text) -> grid.address_tokens */
PG_FUNCTION_INFO_V1(address_tokens);
Datum
address_tokens(PG_FUNCTION_ARGS)
{
	text	   *address = PG_GETARG_TEXT_PP(0);
	TupleDesc	tupdesc;
	char		norm[ADDR_MAX_INPUT + 1];
	int			len;
	AddrParts	parts;
	Datum		values[ADDRESS_TOKENS_FIELDS];
	bool		nulls[ADDRESS_TOKENS_FIELDS] = {false};
	Datum		stems[ADDR_MAX_DIVISIONS];
	Datum		levels[ADDR_MAX_DIVISIONS];
	Datum		names[ADDR_MAX_DIVISIONS];
	static const char *const level_names[] = {"", "county", "township", "village", "community"};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	len = addr_normalize(VARDATA_ANY(address), VARSIZE_ANY_EXHDR(address), norm);
	if (addr_parse(norm, len, &parts) != 0)
		PG_RETURN_NULL();

	for (int k = 0; k < parts.ndivisions; k++)
	{
		stems[k] = PointerGetDatum(cstring_to_text_with_len(norm + parts.divisions[k].stem.off,
															parts.divisions[k].stem.len));
		levels[k] = CStringGetTextDatum(level_names[parts.divisions[k].level]);
		names[k] = PointerGetDatum(cstring_to_text_with_len(norm + parts.divisions[k].name.off,
															parts.divisions[k].name.len));
	}
	values[0] = PointerGetDatum(construct_array(stems, parts.ndivisions, TEXTOID, -1, false, TYPALIGN_INT));
	values[1] = PointerGetDatum(construct_array(levels, parts.ndivisions, TEXTOID, -1, false, TYPALIGN_INT));
	values[2] = PointerGetDatum(construct_array(names, parts.ndivisions, TEXTOID, -1, false, TYPALIGN_INT));
	values[3] = span_datum(norm, parts.road, &nulls[3]);
	values[4] = span_datum(norm, parts.number, &nulls[4]);
	values[5] = span_datum(norm, parts.estate, &nulls[5]);
	values[6] = span_datum(norm, parts.building, &nulls[6]);
	values[7] = span_datum(norm, parts.unit, &nulls[7]);
	values[8] = span_datum(norm, parts.room, &nulls[8]);
	values[9] = span_datum(norm, parts.rest, &nulls[9]);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* grid.address_stem(name text) -> text: a division's name without its suffix */
PG_FUNCTION_INFO_V1(address_stem);
Datum
address_stem(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	char		out[ADDR_MAX_INPUT + 1];
	AddrLevel	level;
	int			len;

	len = addr_division_stem(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), out, sizeof(out), &level);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, len));
}
