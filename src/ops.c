/*
 * ops.c
 *		fmgr glue for daily operations: grid.read_time, grid.time_error and
 *		grid.check_time.  The reading itself lives in ops_core.c.
 */
#include "postgres.h"

#include "fmgr.h"
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
