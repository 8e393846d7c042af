/*
 * ops_core.h
 *		Reading what the daily-operations channels send, without PostgreSQL:
 *		the time of a report as an ISO 8601 date and time.
 */
#ifndef OPS_CORE_H
#define OPS_CORE_H

#include <stddef.h>

/* A date and time as written, with its zone if one was given. */
typedef struct OpsTime
{
	int			year;
	int			month;			/* 1-12 */
	int			day;			/* 1-31, valid for the month */
	int			hour;			/* 0-23 */
	int			minute;			/* 0-59 */
	int			second;			/* 0-59 */
	int			usec;			/* 0-999999 */
	int			has_zone;		/* a zone was written */
	int			zone_seconds;	/* its offset east of UTC (+08:00 is 28800) */
} OpsTime;

/*
 * Read "2020-02-10 08:30", "2020-02-10T08:30:15", "2020-02-10 08:30:15.5",
 * with an optional zone "Z", "+08", "+08:00" or "+0800" (a space before it
 * allowed), surrounded by optional spaces.  Years 1000-9999.  Returns 1 and
 * fills *out when the text is such a time and a real one (no 2020-02-30,
 * no 24:00), else 0.
 */
extern int	ops_parse_time(const char *text, size_t len, OpsTime *out);

/* Days in a month of a year of the Gregorian calendar. */
extern int	ops_days_in_month(int year, int month);

#endif							/* OPS_CORE_H */
