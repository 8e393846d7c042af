/*
 * sms.c
 *		fmgr glue for grid.parse_sms: the SMS channel's parser in SQL.
 *		The reading itself lives in sms_core.c.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "sms_core.h"

#define SMS_REPORT_FIELDS 6

/*
 * A reading in hundredths as numeric, exactly as written with trailing
 * zeros trimmed: 3650 is 36.5, 3700 is 37, 3725 is 37.25.
 */
static Numeric
reading_numeric(int hundredths)
{
	if (hundredths % 100 == 0)
		return int64_div_fast_to_numeric(hundredths / 100, 0);
	if (hundredths % 10 == 0)
		return int64_div_fast_to_numeric(hundredths / 10, 1);
	return int64_div_fast_to_numeric(hundredths, 2);
}

/* grid.parse_sms(text) -> grid.sms_report */
PG_FUNCTION_INFO_V1(parse_sms);
Datum
parse_sms(PG_FUNCTION_ARGS)
{
	text	   *message = PG_GETARG_TEXT_PP(0);
	TupleDesc	tupdesc;
	SmsReport	report;
	Datum		values[SMS_REPORT_FIELDS];
	bool		nulls[SMS_REPORT_FIELDS] = {false};
	Datum		symptoms[SMS_SYMPTOM_COUNT];
	int			nsymptoms = 0;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	sms_parse(VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message), &report);

	for (int bit = 0; bit < SMS_SYMPTOM_COUNT; bit++)
		if (report.symptoms & (1u << bit))
			symptoms[nsymptoms++] = CStringGetTextDatum(sms_symptom_name(bit));

	if (report.status == SMS_OK)
		values[0] = NumericGetDatum(reading_numeric(report.temperature));
	else
		nulls[0] = true;
	values[1] = PointerGetDatum(construct_array(symptoms, nsymptoms, TEXTOID, -1, false, TYPALIGN_INT));
	values[2] = BoolGetDatum(report.normal != 0);
	if (report.id[0] != '\0')
		values[3] = CStringGetTextDatum(report.id);
	else
		nulls[3] = true;
	if (report.name[0] != '\0')
		values[4] = CStringGetTextDatum(report.name);
	else
		nulls[4] = true;
	if (report.status != SMS_OK)
	{
		char		reason[160];

		sms_error_reason(&report, reason, sizeof(reason));
		values[5] = CStringGetTextDatum(reason);
	}
	else
		nulls[5] = true;

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
