/*
 * ops_core.c
 *		Reading what the daily-operations channels send, without PostgreSQL.
 *
 * A time arrives in the forms the city's exports and workers write (see
 * ops_core.h).  It is read in two passes over at most a few dozen bytes:
 * the first folds full-width characters into ASCII and the Chinese date
 * and time characters (年 月 日 号 时 点 分 秒) into one marker byte each;
 * the second reads the folded text by a fixed grammar.  Both never raise
 * and cost a fraction of a regular expression followed by PostgreSQL's
 * general date parser, so that a batch of two million records sorts good
 * rows from bad in one pass.  A form is read exactly or not at all: the
 * grammar has no alternative reading of any text it accepts.
 */
#include "ops_core.h"
#include "utf8_core.h"

/* Marker bytes of the folded text (no input byte folds to them). */
#define M_YEAR		'\001'		/* 年 */
#define M_MONTH		'\002'		/* 月 */
#define M_DAY		'\003'		/* 日, 号 */
#define M_HOUR		'\004'		/* 时, 時, 点 */
#define M_MINUTE	'\005'		/* 分 */
#define M_SECOND	'\006'		/* 秒 */

/* The longest folded text read: longer is no time. */
#define FOLDED_MAX	64

/*
 * Fold s[0..len) into buf: ASCII as it is (but control characters), tab
 * and the ideographic space as a space, full-width ASCII as ASCII, the
 * date and time characters as their markers.  Returns the folded length,
 * or -1 when a character is none of these or the text is too long.
 */
static int
fold_time(const char *s, size_t len, char *buf)
{
	static const struct
	{
		unsigned char b[3];
		char		marker;
	}			marks[] = {
		{{0xe5, 0xb9, 0xb4}, M_YEAR},	/* 年 */
		{{0xe6, 0x9c, 0x88}, M_MONTH},	/* 月 */
		{{0xe6, 0x97, 0xa5}, M_DAY},	/* 日 */
		{{0xe5, 0x8f, 0xb7}, M_DAY},	/* 号 */
		{{0xe6, 0x97, 0xb6}, M_HOUR},	/* 时 */
		{{0xe6, 0x99, 0x82}, M_HOUR},	/* 時 */
		{{0xe7, 0x82, 0xb9}, M_HOUR},	/* 点 */
		{{0xe5, 0x88, 0x86}, M_MINUTE},	/* 分 */
		{{0xe7, 0xa7, 0x92}, M_SECOND},	/* 秒 */
	};
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	int			n = 0;

	while (i < len)
	{
		char		c;

		if (n >= FOLDED_MAX)
			return -1;
		if (u[i] == '\t')
		{
			c = ' ';
			i++;
		}
		else if (u[i] >= 0x20 && u[i] < 0x7f)
			c = (char) u[i++];
		else if (i + 3 <= len && u[i] == 0xe3 && u[i + 1] == 0x80 && u[i + 2] == 0x80)
		{
			c = ' ';			/* U+3000 ideographic space */
			i += 3;
		}
		else if (i + 3 <= len && u[i] == 0xef && (u[i + 1] == 0xbc || u[i + 1] == 0xbd) &&
				 u[i + 2] >= 0x80 && u[i + 2] <= 0xbf)
		{
			/* U+FF01-FF5E full-width ASCII: U+FF00 + (c - 0x20) */
			int			cp = (((u[i + 1] & 0x3f) << 6) | (u[i + 2] & 0x3f)) - 0xf00;

			if (cp < 0x01 || cp > 0x5e)
				return -1;
			c = (char) (cp + 0x20);
			i += 3;
		}
		else
		{
			size_t		k;

			for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
				if (i + 3 <= len && u[i] == marks[k].b[0] && u[i + 1] == marks[k].b[1] &&
					u[i + 2] == marks[k].b[2])
					break;
			if (k == sizeof(marks) / sizeof(marks[0]))
				return -1;
			c = marks[k].marker;
			i += 3;
		}
		buf[n++] = c;
	}
	return n;
}

/* Read 1 to max ASCII digits at b[*i]; -1 if none, or more than max. */
static int
read_number(const char *b, int n, int *i, int max, int *ndigits)
{
	int			v = 0,
				k = 0;

	while (*i + k < n && b[*i + k] >= '0' && b[*i + k] <= '9')
	{
		if (k == max)
			return -1;
		v = v * 10 + (b[*i + k] - '0');
		k++;
	}
	if (k == 0)
		return -1;
	*i += k;
	if (ndigits)
		*ndigits = k;
	return v;
}

/* Read exactly count ASCII digits at b[*i]; -1 if they are not there. */
static int
read_digits(const char *b, int n, int *i, int count)
{
	int			v = 0;

	if (*i + count > n)
		return -1;
	for (int k = 0; k < count; k++)
	{
		char		c = b[*i + k];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += count;
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

/* Read a time in one of the accepted forms (see ops_core.h). */
OpsTimeStatus
ops_parse_time(const char *s, size_t len, OpsTime *out)
{
	char		b[FOLDED_MAX];
	int			n = fold_time(s, len, b);
	int			i = 0;
	int			v,
				k;
	char		sep;
	OpsTime		t = {0};

	if (n < 0)
		return OPS_TIME_FORM;
	while (i < n && b[i] == ' ')
		i++;
	while (n > i && b[n - 1] == ' ')
		n--;

	/* the date: 2026-12-07, 2026/12/7, 2026年12月7日, 12月7日 */
	if ((v = read_number(b, n, &i, 4, &k)) < 0 || i >= n)
		return OPS_TIME_FORM;
	sep = b[i];
	if (sep == '-' || sep == '/' || sep == M_YEAR)
	{
		if (k != 4)
			return OPS_TIME_FORM;
		t.year = v;
		t.has_year = 1;
		i++;
		if ((t.month = read_number(b, n, &i, 2, NULL)) < 0 || i >= n ||
			b[i++] != (sep == M_YEAR ? M_MONTH : sep) ||
			(t.day = read_number(b, n, &i, 2, NULL)) < 0)
			return OPS_TIME_FORM;
		if (sep == M_YEAR && (i >= n || b[i++] != M_DAY))
			return OPS_TIME_FORM;
	}
	else if (sep == M_MONTH)
	{
		if (k > 2)
			return OPS_TIME_FORM;
		t.month = v;
		i++;
		if ((t.day = read_number(b, n, &i, 2, NULL)) < 0 || i >= n || b[i++] != M_DAY)
			return OPS_TIME_FORM;
	}
	else
		return OPS_TIME_FORM;

	/* between date and time: T or spaces; after 日 nothing too */
	if (sep == '-' && i < n && (b[i] == 'T' || b[i] == 't'))
		i++;
	else
	{
		int			spaces = 0;

		while (i < n && b[i] == ' ')
		{
			i++;
			spaces++;
		}
		if (spaces == 0 && sep != M_YEAR && sep != M_MONTH)
			return OPS_TIME_FORM;
	}

	/* the time: 8:30[:00[.000000]], 8时30分[00秒], 8点30, 8点 */
	if ((t.hour = read_number(b, n, &i, 2, NULL)) < 0 || i >= n)
		return OPS_TIME_FORM;
	if (b[i] == ':')
	{
		i++;
		if ((t.minute = read_digits(b, n, &i, 2)) < 0)
			return OPS_TIME_FORM;
		if (i < n && b[i] == ':')
		{
			i++;
			if ((t.second = read_digits(b, n, &i, 2)) < 0)
				return OPS_TIME_FORM;
			if (i < n && b[i] == '.')
			{
				int			scale = 100000;

				i++;
				if (i >= n || b[i] < '0' || b[i] > '9')
					return OPS_TIME_FORM;
				while (i < n && b[i] >= '0' && b[i] <= '9')
				{
					if (scale == 0)
						return OPS_TIME_FORM;	/* more than microseconds */
					t.usec += (b[i] - '0') * scale;
					scale /= 10;
					i++;
				}
			}
		}
	}
	else if (b[i] == M_HOUR)
	{
		i++;
		if (i < n && b[i] >= '0' && b[i] <= '9')
		{
			t.minute = read_number(b, n, &i, 2, NULL);
			if (t.minute < 0)
				return OPS_TIME_FORM;
			if (i < n && b[i] == M_MINUTE)
			{
				i++;
				if (i < n && b[i] >= '0' && b[i] <= '9')
				{
					if ((t.second = read_number(b, n, &i, 2, NULL)) < 0 || i >= n || b[i++] != M_SECOND)
						return OPS_TIME_FORM;
				}
			}
		}
	}
	else
		return OPS_TIME_FORM;

	/* the zone, after a date with a year only */
	if (i < n && b[i] == ' ')
		i++;
	if (i < n)
	{
		if (!t.has_year)
			return OPS_TIME_FORM;
		if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == n)
		{
			t.has_zone = 1;
			i++;
		}
		else if (b[i] == '+' || b[i] == '-')
		{
			int			sign = b[i++] == '-' ? -1 : 1;
			int			hh,
						mm = 0;

			if ((hh = read_digits(b, n, &i, 2)) < 0)
				return OPS_TIME_FORM;
			if (i < n && b[i] == ':')
				i++;
			if (i < n && (mm = read_digits(b, n, &i, 2)) < 0)
				return OPS_TIME_FORM;
			if (i != n)
				return OPS_TIME_FORM;
			if (hh > 23 || mm > 59)
				return OPS_TIME_ZONE;
			t.has_zone = 1;
			t.zone_seconds = sign * (hh * 3600 + mm * 60);
		}
		if (i != n)
			return OPS_TIME_FORM;
	}

	/* the form is read: now the values */
	if (t.month < 1 || t.month > 12 || t.day < 1 ||
		t.day > ops_days_in_month(t.has_year ? t.year : 2000, t.month) ||
		(t.has_year && t.year < 1000))
		return OPS_TIME_DATE;
	if (t.hour > 23)
		return OPS_TIME_HOUR;
	if (t.minute > 59)
		return OPS_TIME_MINUTE;
	if (t.second > 59)
		return OPS_TIME_SECOND;
	*out = t;
	return OPS_TIME_OK;
}

/* -1, 0 or 1 as a is before, at or after b, the year aside. */
static int
compare_in_year(const OpsTime *a, const OpsTime *b)
{
	const int	x[] = {a->month, a->day, a->hour, a->minute, a->second, a->usec};
	const int	y[] = {b->month, b->day, b->hour, b->minute, b->second, b->usec};

	for (int k = 0; k < 6; k++)
		if (x[k] != y[k])
			return x[k] < y[k] ? -1 : 1;
	return 0;
}

/* The year of a time written without one (see ops_core.h). */
OpsTimeStatus
ops_resolve_year(OpsTime *t, const OpsTime *limit)
{
	if (compare_in_year(t, limit) <= 0 && t->day <= ops_days_in_month(limit->year, t->month))
		t->year = limit->year;
	else if (t->day <= ops_days_in_month(limit->year - 1, t->month))
		t->year = limit->year - 1;
	else
		return OPS_TIME_YEARLESS;
	return OPS_TIME_OK;
}

/* Why a text is no time, as a phrase. */
const char *
ops_time_status_phrase(OpsTimeStatus status)
{
	switch (status)
	{
		case OPS_TIME_OK:
			return "a time";
		case OPS_TIME_FORM:
			return "not an accepted form";
		case OPS_TIME_DATE:
			return "no such date";
		case OPS_TIME_HOUR:
			return "hour over 23";
		case OPS_TIME_MINUTE:
			return "minute over 59";
		case OPS_TIME_SECOND:
			return "second over 59";
		case OPS_TIME_ZONE:
			return "zone offset out of range";
		case OPS_TIME_YEARLESS:
			return "no such date within a year before arrival";
	}
	return "not an accepted form";
}

/*
 * The white space grid.read_number leaves out around a number: the ASCII
 * controls \t \n \v \f \r and the space, the no-break spaces, the Ogham
 * space mark, the spaces of General Punctuation (U+2000-U+200B, U+2028,
 * U+2029, U+202F, U+205F), the ideographic space and the byte-order mark.
 */
int
ops_number_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
		(cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
		cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* A number as grid.read_number reads it (see ops_core.h). */
int
ops_scan_number(const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		start = 0,
				end = 0,
				i = 0,
				n = 0,
				k;
	int			seen = 0;
	size_t		digits;

	/* the text between the leading and the trailing white space */
	while (i < len)
	{
		uint32_t	cp;
		size_t		l = grid_utf8_decode(p + i, len - i, &cp);

		if (!ops_number_space(cp))
		{
			if (!seen)
				start = i;
			seen = 1;
			end = i + l;
		}
		i += l;
	}
	if (!seen)
		return -1;
	/* full-width digits and point as ASCII; anything else is no number */
	for (i = start; i < end;)
	{
		uint32_t	cp;
		size_t		l = grid_utf8_decode(p + i, end - i, &cp);

		if (cp >= 0xFF10 && cp <= 0xFF19)
			cp = '0' + (cp - 0xFF10);
		else if (cp == 0xFF0E)
			cp = '.';
		if (!(cp == '-' || cp == '.' || (cp >= '0' && cp <= '9')) || n >= OPS_NUMBER_MAX)
			return -1;
		out[n++] = (char) cp;
		i += l;
	}
	out[n] = '\0';
	/* -?[0-9]{1,4}(\.[0-9]{1,20})? */
	k = 0;
	if (out[k] == '-')
		k++;
	for (digits = 0; k < n && out[k] >= '0' && out[k] <= '9'; k++)
		digits++;
	if (digits < 1 || digits > 4)
		return -1;
	if (k == n)
		return (int) n;
	if (out[k++] != '.')
		return -1;
	for (digits = 0; k < n && out[k] >= '0' && out[k] <= '9'; k++)
		digits++;
	if (digits < 1 || digits > 20 || k != n)
		return -1;
	return (int) n;
}

/* A list split at commas, semicolons and white space (see ops_core.h). */
size_t
ops_split_list(const char *s, size_t len, OpsIsSpace is_space, void *arg, OpsSpan *out)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0,
				n = 0;
	int			in_token = 0;

	while (i < len)
	{
		uint32_t	cp;
		size_t		l = grid_utf8_decode(p + i, len - i, &cp);
		int			sep = cp == ',' || cp == ';' || is_space(cp, arg);

		if (sep)
			in_token = 0;
		else if (in_token)
			out[n - 1].len += l;
		else
		{
			out[n].start = i;
			out[n].len = l;
			n++;
			in_token = 1;
		}
		i += l;
	}
	return n;
}
