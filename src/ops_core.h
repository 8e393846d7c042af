/*
 * ops_core.h
 *		Reading what the daily-operations channels send, without PostgreSQL:
 *		the time of a report, in the forms the city's exports and workers
 *		write it.
 */
#ifndef OPS_CORE_H
#define OPS_CORE_H

#include <stddef.h>
#include <stdint.h>

/* A date and time as written, with its zone if one was given. */
typedef struct OpsTime
{
	int			year;			/* 1000-9999; 0 until resolved when none */
	int			month;			/* 1-12 */
	int			day;			/* 1-31, valid for the month */
	int			hour;			/* 0-23 */
	int			minute;			/* 0-59 */
	int			second;			/* 0-59 */
	int			usec;			/* 0-999999 */
	int			has_year;		/* a year was written */
	int			has_zone;		/* a zone was written */
	int			zone_seconds;	/* its offset east of UTC (+08:00 is 28800) */
} OpsTime;

/* Why a text is no time; OPS_TIME_OK (0) when it is one. */
typedef enum OpsTimeStatus
{
	OPS_TIME_OK = 0,
	OPS_TIME_FORM,				/* not one of the accepted forms */
	OPS_TIME_DATE,				/* no such date (2020-02-30, 2月30日, month 13) */
	OPS_TIME_HOUR,				/* hour 24 or more */
	OPS_TIME_MINUTE,			/* minute 60 or more */
	OPS_TIME_SECOND,			/* second 60 or more */
	OPS_TIME_ZONE,				/* zone offset of 24 hours or 60 minutes */
	OPS_TIME_YEARLESS			/* no year written, and no such day in either
								 * year it may be (2月29日 in 2027) */
} OpsTimeStatus;

/*
 * Read a time in one of these forms, surrounded by optional spaces:
 *
 *	 2026-12-07 08:30[:00[.000000]]    ISO 8601; "T" for the space allowed
 *	 2026/12/7 8:30[:00]
 *	 2026年12月7日 8:30                 the space optional; 号 for 日
 *	 2026年12月7日8时30分[00秒]           点 for 时; 8点30, 8点 also read
 *	 12月7日 8:30                       no year: see ops_resolve_year
 *
 * Month, day and hour take one or two digits, minutes and seconds after a
 * colon two.  Any form with a year may end in a zone: "Z", "+08",
 * "+08:00" or "+0800", a space before it allowed.  Full-width digits and
 * punctuation (０-９, ：, ／, －, ．, ＋, the ideographic space) read as
 * their ASCII forms.  Nothing else is read: "12/7/2026", "8:5", "下午3点"
 * are no time, never a guess.  Returns OPS_TIME_OK and fills *out (year 0
 * when none was written), else the first reason the text is none.
 */
extern OpsTimeStatus ops_parse_time(const char *text, size_t len, OpsTime *out);

/*
 * Give a time written without a year the latest year, of limit's year and
 * the one before, in which its day exists and it is no later than *limit
 * (a local date and time: the record's arrival plus the tolerance, see
 * src/ops.sql); OPS_TIME_YEARLESS when there is none (2月29日 with the
 * limit in 2027).
 */
extern OpsTimeStatus ops_resolve_year(OpsTime *t, const OpsTime *limit);

/* Why a text is no time, as a phrase ("no such date"). */
extern const char *ops_time_status_phrase(OpsTimeStatus status);

/*
 * The accepted forms, for reject reasons: short, so that a reason with a
 * 40-character quote of the text and the longest phrase stays within the
 * 200 characters of every reject reason.
 */
#define OPS_TIME_FORMS \
	"2026-12-07[T ]08:30[:00][+08:00], 2026/12/7 8:30, 2026年12月7日8时30分, 12月7日 8:30"

/* Days in a month of a year of the Gregorian calendar. */
extern int	ops_days_in_month(int year, int month);

/*
 * A number as grid.read_number reads a temperature typed by a person:
 * white space of the kinds in ops_number_space() left out around it,
 * full-width digits (０-９) and point (．) read as ASCII, then exactly
 * -?[0-9]{1,4}(\.[0-9]{1,20})?.  Writes the number in ASCII, terminated,
 * into out (room for OPS_NUMBER_MAX + 1 bytes) and returns its length, or
 * -1 when the text is no such number.  Never rounds: the caller reads the
 * digits as written.
 */
#define OPS_NUMBER_MAX	26
extern int	ops_scan_number(const char *s, size_t len, char *out);

/* The white space grid.read_number leaves out around a number. */
extern int	ops_number_space(uint32_t cp);

/* Where a token lies in the text it was split from. */
typedef struct OpsSpan
{
	size_t		start;
	size_t		len;
} OpsSpan;

/*
 * Split a list (grid.read_symptoms' "cough, fatigue;cough") at runs of
 * commas, semicolons and the characters is_space(cp, arg) says are white
 * space; empty tokens are left out.  out has room for len / 2 + 1 spans
 * (tokens and separators take a byte each at least).  Returns how many
 * tokens it wrote.  An ill-formed UTF-8 byte is a character of its own, not
 * white space unless is_space says so of U+FFFD.
 */
typedef int (*OpsIsSpace) (uint32_t cp, void *arg);
extern size_t ops_split_list(const char *s, size_t len, OpsIsSpace is_space, void *arg, OpsSpan *out);

#endif							/* OPS_CORE_H */
