/*
 * ops_test.c
 *		Unit tests of ops_core.c, run without a server.
 */
#include "ops_core.h"
#include "tap.h"

typedef struct Case
{
	const char *text;
	int			ok;
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

static const Case cases[] = {
	{"2020-02-10 08:30", 1, 2020, 2, 10, 8, 30, 0, 0, 0, 0},
	{"2020-02-10T08:30:15", 1, 2020, 2, 10, 8, 30, 15, 0, 0, 0},
	{"  2020-02-10 08:30:15.5  ", 1, 2020, 2, 10, 8, 30, 15, 500000, 0, 0},
	{"2020-02-10 08:30:15.123456", 1, 2020, 2, 10, 8, 30, 15, 123456, 0, 0},
	{"2020-02-10 00:30Z", 1, 2020, 2, 10, 0, 30, 0, 0, 1, 0},
	{"2020-02-10 08:30+08", 1, 2020, 2, 10, 8, 30, 0, 0, 1, 28800},
	{"2020-02-10 08:30 +08:00", 1, 2020, 2, 10, 8, 30, 0, 0, 1, 28800},
	{"2020-02-10 08:30:00-0530", 1, 2020, 2, 10, 8, 30, 0, 0, 1, -19800},
	{"2020-02-29 23:59:59", 1, 2020, 2, 29, 23, 59, 59, 0, 0, 0},
	{"2000-02-29 12:00", 1, 2000, 2, 29, 12, 0, 0, 0, 0, 0},
	{"2019-02-29 12:00", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"1900-02-29 12:00", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-30 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-04-31 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-13-01 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-00-01 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 24:00", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:60", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30:60", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-2-10 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"10/02/2020 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30:15.", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30:15.1234567", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30 CST", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30+24", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30+08:60", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"2020-02-10 08:30Zx", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"0999-02-10 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"   ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"２０２０-02-10 08:30", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
};

int
main(void)
{
	char		name[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];
		OpsTime		t = {0};
		int			got = ops_parse_time(c->text, strlen(c->text), &t);

		snprintf(name, sizeof(name), "\"%s\" is %s", c->text, c->ok ? "a time" : "no time");
		is_int(got, c->ok, name);
		if (c->ok && got)
		{
			snprintf(name, sizeof(name), "fields of \"%s\"", c->text);
			ok(t.year == c->year && t.month == c->month && t.day == c->day && t.hour == c->hour &&
			   t.minute == c->minute && t.second == c->second && t.usec == c->usec &&
			   t.has_zone == c->has_zone && t.zone_seconds == c->zone_seconds, name);
		}
	}
	/* the length is honoured: no read past it, no NUL needed */
	{
		OpsTime		t;

		is_int(ops_parse_time("2020-02-10 08:30:15", 16, &t), 1, "only the given length is read");
		is_int(t.second, 0, "and the seconds after it are not seen");
		is_int(ops_parse_time("2020-02-10 08:3", 15, &t), 0, "a time cut short is no time");
	}
	is_int(ops_days_in_month(2024, 2), 29, "2024 is a leap year");
	is_int(ops_days_in_month(2100, 2), 28, "2100 is not");
	is_int(ops_days_in_month(2020, 13), 0, "no month 13");
	return done_testing();
}
