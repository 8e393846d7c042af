/*
 * reports.c
 *		fmgr glue for reports: grid.archive_needs_mask(jsonb), the test of
 *		the archive's masking trigger, whose rules live in reports_core.c.
 *
 * Every row written to grid.report_archive passes this test (some 55,000 a
 * night for a city): it reads the row's top-level fields once, without
 * turning the row into text, and says whether grid.archive_masked could
 * change one of them.
 */
#include "postgres.h"

#include "fmgr.h"
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
