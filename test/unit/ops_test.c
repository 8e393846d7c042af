/*
 * ops_test.c
 *		Unit tests of ops_core.c, run without a server.
 */
#include <string.h>

#include "ops_core.h"
#include "tap.h"

typedef struct Case
{
	const char *text;
	OpsTimeStatus status;
	int			year,
				month,
				day,
				hour,
				minute,
				second,
				usec,
				has_zone,
				zone_seconds;
} Case;

#define NO(text, status) {text, status, 0, 0, 0, 0, 0, 0, 0, 0, 0}

static const Case cases[] = {
	/* ISO 8601 */
	{"2020-02-10 08:30", OPS_TIME_OK, 2020, 2, 10, 8, 30, 0, 0, 0, 0},
	{"2020-02-10T08:30:15", OPS_TIME_OK, 2020, 2, 10, 8, 30, 15, 0, 0, 0},
	{"2020-02-10t08:30:15z", OPS_TIME_OK, 2020, 2, 10, 8, 30, 15, 0, 1, 0},
	{"  2020-02-10 08:30:15.5  ", OPS_TIME_OK, 2020, 2, 10, 8, 30, 15, 500000, 0, 0},
	{"2020-02-10 08:30:15.123456", OPS_TIME_OK, 2020, 2, 10, 8, 30, 15, 123456, 0, 0},
	{"2020-02-10 00:30Z", OPS_TIME_OK, 2020, 2, 10, 0, 30, 0, 0, 1, 0},
	{"2020-02-10 08:30+08", OPS_TIME_OK, 2020, 2, 10, 8, 30, 0, 0, 1, 28800},
	{"2020-02-10 08:30 +08:00", OPS_TIME_OK, 2020, 2, 10, 8, 30, 0, 0, 1, 28800},
	{"2026-12-07T08:30:00+08:00", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 1, 28800},
	{"2020-02-10 08:30:00-0530", OPS_TIME_OK, 2020, 2, 10, 8, 30, 0, 0, 1, -19800},
	{"2020-02-29 23:59:59", OPS_TIME_OK, 2020, 2, 29, 23, 59, 59, 0, 0, 0},
	{"2000-02-29 12:00", OPS_TIME_OK, 2000, 2, 29, 12, 0, 0, 0, 0, 0},
	{"2020-2-10 8:30", OPS_TIME_OK, 2020, 2, 10, 8, 30, 0, 0, 0, 0},
	/* exports: slashes, one-digit month, day and hour */
	{"2026/12/07 08:30", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2026/12/7 8:30", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2026/12/7 8:30:05", OPS_TIME_OK, 2026, 12, 7, 8, 30, 5, 0, 0, 0},
	{"2026/1/1\t0:00", OPS_TIME_OK, 2026, 1, 1, 0, 0, 0, 0, 0, 0},
	/* as workers write */
	{"2026年12月7日 8:30", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2026年12月7日8:30", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2026年12月7日8时30分", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2026年12月7日 8时30分15秒", OPS_TIME_OK, 2026, 12, 7, 8, 30, 15, 0, 0, 0},
	{"2026年12月7号8点30", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2026年12月7日8点", OPS_TIME_OK, 2026, 12, 7, 8, 0, 0, 0, 0, 0},
	{"2026年12月7日8時5分", OPS_TIME_OK, 2026, 12, 7, 8, 5, 0, 0, 0, 0},
	{"12月7日 8:30", OPS_TIME_OK, 0, 12, 7, 8, 30, 0, 0, 0, 0},
	{"2月10日 8:30", OPS_TIME_OK, 0, 2, 10, 8, 30, 0, 0, 0, 0},
	{"2月29日 8:30", OPS_TIME_OK, 0, 2, 29, 8, 30, 0, 0, 0, 0},
	{"2月10日8时30分", OPS_TIME_OK, 0, 2, 10, 8, 30, 0, 0, 0, 0},
	/* full width */
	{"２０２６／１２／７　８：３０", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	{"２０２０－０２－１０ ０８：３０", OPS_TIME_OK, 2020, 2, 10, 8, 30, 0, 0, 0, 0},
	{"２月１０日 ８：３０", OPS_TIME_OK, 0, 2, 10, 8, 30, 0, 0, 0, 0},
	{"　2026年12月7日8时30分　", OPS_TIME_OK, 2026, 12, 7, 8, 30, 0, 0, 0, 0},
	/* values out of range */
	NO("2019-02-29 12:00", OPS_TIME_DATE),
	NO("1900-02-29 12:00", OPS_TIME_DATE),
	NO("2020-02-30 08:30", OPS_TIME_DATE),
	NO("2020-04-31 08:30", OPS_TIME_DATE),
	NO("2020-13-01 08:30", OPS_TIME_DATE),
	NO("2020-00-01 08:30", OPS_TIME_DATE),
	NO("0999-02-10 08:30", OPS_TIME_DATE),
	NO("2月30日 8:30", OPS_TIME_DATE),
	NO("13月1日 8:30", OPS_TIME_DATE),
	NO("4月31日 8:30", OPS_TIME_DATE),
	NO("2026年2月30日8时30分", OPS_TIME_DATE),
	NO("2020-02-10 24:00", OPS_TIME_HOUR),
	NO("2026/12/7 25:00", OPS_TIME_HOUR),
	NO("12月7日 24时", OPS_TIME_HOUR),
	NO("2020-02-10 08:60", OPS_TIME_MINUTE),
	NO("2026年12月7日8时60分", OPS_TIME_MINUTE),
	NO("2020-02-10 08:30:60", OPS_TIME_SECOND),
	NO("2020-02-10 08:30+24", OPS_TIME_ZONE),
	NO("2020-02-10 08:30+08:60", OPS_TIME_ZONE),
	/* not a form read */
	NO("2020-02-10", OPS_TIME_FORM),
	NO("2026年12月7日", OPS_TIME_FORM),
	NO("2020-02-10 08", OPS_TIME_FORM),
	NO("2020-02-1008:30", OPS_TIME_FORM),
	NO("2026/12/7T8:30", OPS_TIME_FORM),
	NO("2026-12/7 8:30", OPS_TIME_FORM),
	NO("10/02/2020 08:30", OPS_TIME_FORM),
	NO("12/7 8:30", OPS_TIME_FORM),
	NO("26/12/7 8:30", OPS_TIME_FORM),
	NO("2026.12.7 8:30", OPS_TIME_FORM),
	NO("2026/12/7 8:5", OPS_TIME_FORM),
	NO("2026/12/7 8:300", OPS_TIME_FORM),
	NO("2026/12/7 108:30", OPS_TIME_FORM),
	NO("2026/123/7 8:30", OPS_TIME_FORM),
	NO("2026年12月7日 下午3:30", OPS_TIME_FORM),
	NO("12月7日 8点半", OPS_TIME_FORM),
	NO("12月7日 8:30+08:00", OPS_TIME_FORM),
	NO("12月7日 8时30分15", OPS_TIME_FORM),
	NO("123月7日 8:30", OPS_TIME_FORM),
	NO("20261207 0830", OPS_TIME_FORM),
	NO("2020-02-10 08:30:15.", OPS_TIME_FORM),
	NO("2020-02-10 08:30:15.1234567", OPS_TIME_FORM),
	NO("2020-02-10 08:30 CST", OPS_TIME_FORM),
	NO("2020-02-10 08:30Zx", OPS_TIME_FORM),
	NO("2020-02-10 08:30+8", OPS_TIME_FORM),
	NO("2020-02-10 08:30\n", OPS_TIME_FORM),
	NO("2020-02-10 08:30  +08:00", OPS_TIME_FORM),
	NO("", OPS_TIME_FORM),
	NO("   ", OPS_TIME_FORM),
	NO("\xef\xbc", OPS_TIME_FORM),
	NO("2020-02-10 08:30\xe5\xb9", OPS_TIME_FORM),
	NO("2020-02-10 08:30:00.000000000000000000000000000000000000000000000000000000", OPS_TIME_FORM),
};

/* A local time of a limit. */
static OpsTime
at(int year, int month, int day, int hour, int minute)
{
	OpsTime		t = {0};

	t.year = year;
	t.month = month;
	t.day = day;
	t.hour = hour;
	t.minute = minute;
	t.has_year = 1;
	return t;
}

/* The year ops_resolve_year gives text read at limit, or -status. */
static int
year_at(const char *text, OpsTime limit)
{
	OpsTime		t;
	OpsTimeStatus status = ops_parse_time(text, strlen(text), &t);

	if (status == OPS_TIME_OK)
		status = ops_resolve_year(&t, &limit);
	return status == OPS_TIME_OK ? t.year : -(int) status;
}

/* grid.read_number's reading of s, or "NULL". */
static const char *
number(const char *s)
{
	static char out[OPS_NUMBER_MAX + 1];

	if (ops_scan_number(s, strlen(s), out) < 0)
		return "NULL";
	return out;
}

/* ASCII white space only, as a regular expression's \\s under the C locale. */
static int
ascii_space(uint32_t cp, void *arg)
{
	(void) arg;
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
}

/* The tokens of s joined by '|', as ops_split_list splits it. */
static const char *
split(const char *s)
{
	static char out[256];
	OpsSpan		spans[64];
	size_t		n = ops_split_list(s, strlen(s), ascii_space, NULL, spans),
				i,
				k = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			out[k++] = '|';
		memcpy(out + k, s + spans[i].start, spans[i].len);
		k += spans[i].len;
	}
	out[k] = '\0';
	return out;
}

int
main(void)
{
	char		name[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];
		OpsTime		t = {0};
		OpsTimeStatus got = ops_parse_time(c->text, strlen(c->text), &t);

		snprintf(name, sizeof(name), "\"%s\" is %s", c->text, ops_time_status_phrase(c->status));
		is_int(got, c->status, name);
		if (c->status == OPS_TIME_OK && got == OPS_TIME_OK)
		{
			snprintf(name, sizeof(name), "fields of \"%s\"", c->text);
			ok(t.year == c->year && t.month == c->month && t.day == c->day && t.hour == c->hour &&
			   t.minute == c->minute && t.second == c->second && t.usec == c->usec &&
			   t.has_year == (c->year != 0) &&
			   t.has_zone == c->has_zone && t.zone_seconds == c->zone_seconds, name);
		}
	}
	/* the length is honoured: no read past it, no NUL needed */
	{
		OpsTime		t;

		is_int(ops_parse_time("2020-02-10 08:30:15", 16, &t), OPS_TIME_OK, "only the given length is read");
		is_int(t.second, 0, "and the seconds after it are not seen");
		is_int(ops_parse_time("2020-02-10 08:3", 15, &t), OPS_TIME_FORM, "a time cut short is no time");
		is_int(ops_parse_time("2026年", 5, &t), OPS_TIME_FORM, "a character cut short is no time");
	}

	/*
	 * No year: the latest of the limit's year and the one before that puts
	 * the time no later than the limit (arrival plus a day).
	 */
	is_int(year_at("12月7日 8:30", at(2026, 12, 8, 9, 0)), 2026, "a day before the limit: this year");
	is_int(year_at("12月8日 9:00", at(2026, 12, 8, 9, 0)), 2026, "at the limit itself: this year");
	is_int(year_at("12月8日 9:01", at(2026, 12, 8, 9, 0)), 2025, "a minute after the limit: last year");
	is_int(year_at("12月31日 23:50", at(2027, 1, 2, 0, 10)), 2026, "new year's day: 12月31日 is the old year's");
	is_int(year_at("1月1日 0:05", at(2027, 1, 2, 0, 10)), 2027, "new year's day: 1月1日 is the new year's");
	is_int(year_at("1月1日 8:00", at(2027, 1, 1, 23, 30)), 2027,
		   "new year's eve: 1月1日 within the tolerance is the new year's");
	is_int(year_at("1月2日 8:00", at(2027, 1, 1, 23, 30)), 2026,
		   "new year's eve: 1月2日 beyond it is the old year's");
	is_int(year_at("12月31日 23:59", at(2026, 12, 31, 23, 59)), 2026, "the last minute of the year, at the limit");
	is_int(year_at("2月29日 8:00", at(2028, 3, 1, 8, 0)), 2028, "2月29日 in a leap year, after it");
	is_int(year_at("2月29日 8:00", at(2029, 3, 1, 8, 0)), 2028, "2月29日 the year after a leap year");
	is_int(year_at("2月29日 8:00", at(2027, 3, 1, 8, 0)), -OPS_TIME_YEARLESS,
		   "2月29日 with no leap year in reach is no time");
	is_int(year_at("2月29日 8:00", at(2028, 2, 28, 8, 0)), -OPS_TIME_YEARLESS,
		   "2月29日 the day before a leap day is no time (2027 has none)");
	{
		OpsTime		t;
		OpsTime		limit = at(2026, 12, 8, 9, 0);

		ops_parse_time("12月8日 9:00:00.5", 20, &t);
		is_int(t.usec, 0, "no fraction after a 时 form");
		ops_parse_time("12月8日 9:00", strlen("12月8日 9:00"), &t);
		t.usec = 1;
		ops_resolve_year(&t, &limit);
		is_int(t.year, 2025, "a microsecond after the limit: last year");
	}

	is_int(ops_days_in_month(2024, 2), 29, "2024 is a leap year");
	is_int(ops_days_in_month(2100, 2), 28, "2100 is not");
	is_int(ops_days_in_month(2020, 13), 0, "no month 13");
	is_str(ops_time_status_phrase(OPS_TIME_DATE), "no such date", "a reason is a phrase");

	/* grid.read_number: a temperature as typed */
	is_str(number("36.5"), "36.5", "a plain number");
	is_str(number("36.50"), "36.50", "decimals kept as written");
	is_str(number("-0"), "-0", "a sign");
	is_str(number("1234.12345678901234567890"), "1234.12345678901234567890", "four digits and twenty decimals");
	is_str(number("12345"), "NULL", "five integer digits");
	is_str(number("1.123456789012345678901"), "NULL", "twenty-one decimals");
	is_str(number(" \t36.5\r\n"), "36.5", "ASCII white space around");
	is_str(number("\xe3\x80\x80\xef\xbc\x93\xef\xbc\x96\xef\xbc\x8e\xef\xbc\x95\xe2\x80\x83"), "36.5",
		   "full width, ideographic and em space around");
	is_str(number("\xc2\xa0" "36.5\xef\xbb\xbf"), "36.5", "no-break space and byte-order mark around");
	is_str(number("\xe2\x80\x8b" "36.5\xe2\x80\xaf"), "36.5", "zero-width and narrow no-break space around");
	is_str(number("36 .5"), "NULL", "a space inside");
	is_str(number("36\xe3\x80\x80.5"), "NULL", "an ideographic space inside");
	is_str(number("\xe1\xa0\x8e" "36.5"), "NULL", "the Mongolian vowel separator is not white space here");
	is_str(number("\xc2\x85" "36.5"), "NULL", "nor is the next-line control");
	is_str(number(".5"), "NULL", "no integer digit");
	is_str(number("36."), "NULL", "no decimal after the point");
	is_str(number("+36.5"), "NULL", "a plus sign");
	is_str(number("--36"), "NULL", "two minus signs");
	is_str(number("36.5.1"), "NULL", "two points");
	is_str(number("3e1"), "NULL", "an exponent");
	is_str(number("\xd9\xa3\xd9\xa6"), "NULL", "Arabic-Indic digits are not read");
	is_str(number(""), "NULL", "empty");
	is_str(number(" \xe3\x80\x80 "), "NULL", "white space only");
	is_str(number("36.5\xff"), "NULL", "an ill-formed byte");
	is_str(number("\xef\xbc\x8d" "36"), "NULL", "a full-width minus is not read");

	/* grid.read_symptoms' split */
	is_str(split(" cough, fatigue;cough "), "cough|fatigue|cough", "commas, semicolons, spaces");
	is_str(split(",,;; \t"), "", "separators only");
	is_str(split(""), "", "empty");
	is_str(split("sore_throat"), "sore_throat", "one token");
	is_str(split("a\xe3\x80\x80" "b"), "a\xe3\x80\x80" "b", "the ideographic space is not ASCII white space");
	is_str(split("\xe5\x92\xb3\xe5\x97\xbd,x"), "\xe5\x92\xb3\xe5\x97\xbd|x", "multi-byte tokens kept whole");
	is_str(split("a\xff,b"), "a\xff|b", "an ill-formed byte is part of its token");
	return done_testing();
}
