/*
 * reports.c
 *		fmgr glue for reports: grid.archive_needs_mask(jsonb), the test of
 *		the archive's masking trigger, whose rules live in reports_core.c;
 *		grid.reached_count, the per-channel counts of the daily facts.
 *
 * Every row written to grid.report_archive passes this test (some 55,000 a
 * night for a city): it reads the row's top-level fields once, without
 * turning the row into text, and says whether grid.archive_masked could
 * change one of them.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/jsonb.h"

#include "reports_core.h"

PG_FUNCTION_INFO_V1(reports_archive_needs_mask);

/* grid.archive_needs_mask(data jsonb): true if a top-level string field may need masking. */
Datum
reports_archive_needs_mask(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	const char *key = "";
	size_t		klen = 0;

	if (!JB_ROOT_IS_OBJECT(jb))
		PG_RETURN_BOOL(false);
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			key = v.val.string.val;
			klen = v.val.string.len;
		}
		else if (tok == WJB_VALUE && v.type == jbvString
				 && reports_field_needs_mask(key, klen, v.val.string.val, v.val.string.len))
			PG_RETURN_BOOL(true);
	}
	PG_RETURN_BOOL(false);
}

/*
 * grid.reached_count(channels smallint[], signs integer[] DEFAULT NULL) ->
 * integer[]: per-channel counts of signed resident-days (signs NULL, or
 * shorter than channels: +1 for the rest; a NULL channel counts nowhere),
 * up to the last non-zero element; '{}' when all are 0.  Called once per
 * day and place by the fact triggers of every ingested batch.
 */
PG_FUNCTION_INFO_V1(reports_reached_count);
Datum
reports_reached_count(PG_FUNCTION_ARGS)
{
	long long	counts[REPORTS_CHANNEL_BITS] = {0};
	Datum	   *ch = NULL,
			   *sg = NULL;
	bool	   *ch_null = NULL,
			   *sg_null = NULL;
	int			n_ch = 0,
				n_sg = 0,
				i,
				n;
	Datum		out[REPORTS_CHANNEL_BITS];

	if (!PG_ARGISNULL(0))
		deconstruct_array(PG_GETARG_ARRAYTYPE_P(0), INT2OID, 2, true, TYPALIGN_SHORT, &ch, &ch_null, &n_ch);
	if (!PG_ARGISNULL(1))
		deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), INT4OID, 4, true, TYPALIGN_INT, &sg, &sg_null, &n_sg);
	for (i = 0; i < n_ch; i++)
	{
		long long	sign = (i < n_sg && !sg_null[i]) ? DatumGetInt32(sg[i]) : 1;

		if (!ch_null[i])
			reports_reached_add(DatumGetInt16(ch[i]), sign, counts);
	}
	n = reports_reached_length(counts);
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT4OID));
	for (i = 0; i < n; i++)
	{
		if (counts[i] < PG_INT32_MIN || counts[i] > PG_INT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("integer out of range")));
		out[i] = Int32GetDatum((int32) counts[i]);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n, INT4OID, 4, true, TYPALIGN_INT));
}
