/*
 * ops.c
 *		fmgr glue for daily operations: grid.read_time.  The reading itself
 *		lives in ops_core.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "ops_core.h"

/*
 * grid.read_time(text) -> timestamptz, NULL when the text is no time.
 * Without a zone, the time is in the session's TimeZone.
 */
PG_FUNCTION_INFO_V1(ops_read_time);
Datum
ops_read_time(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	OpsTime		t;
	struct pg_tm tm = {0};
	int			tz;
	TimestampTz result;

	if (!ops_parse_time(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &t))
		PG_RETURN_NULL();
	tm.tm_year = t.year;
	tm.tm_mon = t.month;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_sec = t.second;
	if (t.has_zone)
		tz = -t.zone_seconds;	/* PostgreSQL counts seconds west of UTC */
	else
		tz = DetermineTimeZoneOffset(&tm, session_timezone);
	if (tm2timestamp(&tm, t.usec, &tz, &result) != 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(result);
}
