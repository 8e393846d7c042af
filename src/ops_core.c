/*
 * ops_core.c
 *		Reading what the daily-operations channels send, without PostgreSQL.
 *
 * Channels send times in one form, ISO 8601 with minutes at least; reading
 * it by hand, in one pass, costs a small fraction of a regular expression
 * followed by PostgreSQL's general date parser, and never raises, so that
 * a batch of two million records sorts good rows from bad in one pass.
 */
#include "ops_core.h"

/* Read exactly n ASCII digits at s[*i]; -1 if they are not there. */
static int
read_digits(const char *s, size_t len, size_t *i, int n)
{
	int			v = 0;

	if (*i + (size_t) n > len)
		return -1;
	for (int k = 0; k < n; k++)
	{
		char		c = s[*i + k];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += n;
	return v;
}

/* Days in a month of the Gregorian calendar. */
int
ops_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* Read a time as channels send it (see ops_core.h). */
int
ops_parse_time(const char *s, size_t len, OpsTime *out)
{
	size_t		i = 0;
	OpsTime		t = {0};

	while (i < len && s[i] == ' ')
		i++;
	while (len > i && s[len - 1] == ' ')
		len--;

	if ((t.year = read_digits(s, len, &i, 4)) < 1000 || i >= len || s[i++] != '-' ||
		(t.month = read_digits(s, len, &i, 2)) < 1 || t.month > 12 || i >= len || s[i++] != '-' ||
		(t.day = read_digits(s, len, &i, 2)) < 1 || t.day > ops_days_in_month(t.year, t.month))
		return 0;
	if (i >= len || (s[i] != ' ' && s[i] != 'T'))
		return 0;
	i++;
	if ((t.hour = read_digits(s, len, &i, 2)) < 0 || t.hour > 23 || i >= len || s[i++] != ':' ||
		(t.minute = read_digits(s, len, &i, 2)) < 0 || t.minute > 59)
		return 0;
	if (i < len && s[i] == ':')
	{
		i++;
		if ((t.second = read_digits(s, len, &i, 2)) < 0 || t.second > 59)
			return 0;
		if (i < len && s[i] == '.')
		{
			int			scale = 100000;

			i++;
			if (i >= len || s[i] < '0' || s[i] > '9')
				return 0;
			while (i < len && s[i] >= '0' && s[i] <= '9')
			{
				if (scale == 0)
					return 0;	/* more than microseconds */
				t.usec += (s[i] - '0') * scale;
				scale /= 10;
				i++;
			}
		}
	}
	if (i < len && s[i] == ' ')
		i++;
	if (i < len)
	{
		if (s[i] == 'Z' && i + 1 == len)
		{
			t.has_zone = 1;
			i++;
		}
		else if (s[i] == '+' || s[i] == '-')
		{
			int			sign = s[i++] == '-' ? -1 : 1;
			int			hh,
						mm = 0;

			if ((hh = read_digits(s, len, &i, 2)) < 0 || hh > 23)
				return 0;
			if (i < len && s[i] == ':')
				i++;
			if (i < len && (mm = read_digits(s, len, &i, 2)) < 0)
				return 0;
			if (mm > 59)
				return 0;
			t.has_zone = 1;
			t.zone_seconds = sign * (hh * 3600 + mm * 60);
		}
		if (i != len)
			return 0;
	}
	*out = t;
	return 1;
}
