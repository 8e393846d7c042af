/*
 * resident_id_core.c
 *		Parsing, checking and formatting of citizen identity numbers
 *		(GB 11643-1999), in plain C so that it can be unit-tested and fuzzed
 *		without a server.
 *
 * Checks run in this order, so the reason given is the most specific one:
 * characters (and the shape of the foreigners' cards of 2004 and 2017),
 * length, what a 15-digit number can begin with, province (of the address
 * code, or of issue on a foreigner's card), address codes of Hong Kong, Macao
 * and Taiwan, birth date, future birth date, the century of a 15-digit
 * number, and last the check character (a mistyped date usually breaks the
 * checksum as well, and "impossible date" says more than "wrong check
 * character").
 *
 * Foreigners' permanent residence ID cards issued from 1 December 2023 follow
 * GB 11643 (National Immigration Administration, machine-readable rules of
 * the 2023 card): "9", then the two-digit code of the province where the
 * card was applied for (only mainland provinces accept applications), the
 * nationality as the three-digit ISO 3166-1 numeric code, the birth date,
 * a three-digit sequence whose parity gives the sex, and the MOD 11-2 check
 * character.  The nationality is not checked against a list, as address
 * codes are not: the check character guards against typing errors.
 *
 * First-generation numbers (GB 11643-1989, 15 digits) carry the year of
 * birth without its century; they were issued to citizens on the mainland
 * before 2000, so "19" is inserted, except that sequences 996-999 were
 * given to people aged 100 or more: their year may be 18yy, and such a
 * number is refused rather than read as either.
 */
#include "resident_id_core.h"
#include "utf8_core.h"

#include <stdio.h>
#include <string.h>

/* ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 and the character per residue. */
static const int rid_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char rid_check_chars[11] = "10X98765432";

char
rid_check_character(const char digits[17])
{
	int			sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (digits[i] - '0') * rid_weights[i];
	return rid_check_chars[sum % 11];
}

/* Provinces of the mainland in GB/T 2260: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65. */
int
rid_is_mainland_province(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) ||
		(p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
		(p >= 50 && p <= 54) || (p >= 61 && p <= 65);
}

/* Those, Taiwan 71, Hong Kong 81, Macao 82, and 83 of Taiwan residents' permits. */
int
rid_is_province(int p)
{
	return rid_is_mainland_province(p) || p == 71 || (p >= 81 && p <= 83);
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* A Gregorian date from 1800 on; nobody alive was born earlier. */
int
rid_valid_ymd(int ymd)
{
	int			year = ymd / 10000;
	int			month = ymd / 100 % 100;
	int			day = ymd % 100;

	if (year < 1800 || month < 1 || month > 12 || day < 1)
		return 0;
	return day <= days_in_month(year, month);
}

int
rid_birth_ymd(int64_t value)
{
	return (int) (value / 1000 % 100000000);
}

int
rid_address_code(int64_t value)
{
	return (int) (value / INT64_C(100000000000));
}

int
rid_issue_province(int64_t value)
{
	return (int) (value / INT64_C(100000000000000) % 100);
}

int
rid_is_male(int64_t value)
{
	return (value % 2) == 1;
}

RidKind
rid_kind(int64_t value)
{
	int			first_two = (int) (value / INT64_C(1000000000000000));

	if (first_two >= 90)
		return RID_KIND_FOREIGN;
	switch (first_two)
	{
		case 81:
			return RID_KIND_HONGKONG;
		case 82:
			return RID_KIND_MACAO;
		case 83:
			return RID_KIND_TAIWAN;
		default:
			return RID_KIND_CITIZEN;
	}
}

const char *
rid_kind_name(RidKind kind)
{
	switch (kind)
	{
		case RID_KIND_HONGKONG:
			return "hongkong_resident";
		case RID_KIND_MACAO:
			return "macao_resident";
		case RID_KIND_TAIWAN:
			return "taiwan_resident";
		case RID_KIND_FOREIGN:
			return "foreign_permanent";
		case RID_KIND_CITIZEN:
		default:
			return "citizen";
	}
}

int
rid_age(int64_t value, int on_ymd)
{
	int			birth = rid_birth_ymd(value);
	int			years = on_ymd / 10000 - birth / 10000;

	if (on_ymd % 10000 < birth % 10000)
		years--;
	return years;
}

static void
digits17(int64_t value, char out[17])
{
	for (int i = 16; i >= 0; i--)
	{
		out[i] = (char) ('0' + value % 10);
		value /= 10;
	}
}

void
rid_format(int64_t value, char out[RID_TEXT_LEN + 1])
{
	digits17(value, out);
	out[17] = rid_check_character(out);
	out[18] = '\0';
}

void
rid_mask(int64_t value, char out[RID_TEXT_LEN + 1])
{
	rid_format(value, out);
	memset(out + 6, '*', 8);
}

static RidStatus
fail(RidError *err, RidStatus status)
{
	if (err)
		err->status = status;
	return status;
}

/*
 * Everything but the check character: province (of issue, for a foreigner's
 * card), the single address code of 71, 81, 82 and 83, date, today.
 */
static RidStatus
check_fields(int64_t value, int today_ymd, RidError *err)
{
	int			first_two = (int) (value / INT64_C(1000000000000000));
	int			address = rid_address_code(value);
	int			birth = rid_birth_ymd(value);

	if (rid_kind(value) == RID_KIND_FOREIGN)
	{
		int			issue = rid_issue_province(value);

		if (!rid_is_mainland_province(issue))
		{
			if (err)
				err->province = issue;
			return fail(err, RID_BAD_ISSUE_PROVINCE);
		}
	}
	else if (!rid_is_province(first_two))
	{
		if (err)
			err->province = first_two;
		return fail(err, RID_BAD_PROVINCE);
	}
	else if (!rid_is_mainland_province(first_two) && address % 10000 != 0)
	{
		/* GB/T 2260 has no division below 71, 81 or 82; 83 is one code */
		if (err)
			err->address = address;
		return fail(err, RID_BAD_ADDRESS);
	}
	if (!rid_valid_ymd(birth))
	{
		if (err)
			err->birth_ymd = birth;
		return fail(err, RID_BAD_DATE);
	}
	if (birth > today_ymd)
	{
		if (err)
			err->birth_ymd = birth;
		return fail(err, RID_FUTURE_DATE);
	}
	return RID_OK;
}

RidStatus
rid_validate(int64_t value, int today_ymd, RidError *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
	if (value < 0 || value > RID_MAX_VALUE)
	{
		if (err)
			err->value = value;
		return fail(err, RID_OUT_OF_RANGE);
	}
	return check_fields(value, today_ymd, err);
}

static int
is_space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Length of the white space character that begins at p, or 0: ASCII, or in
 * UTF-8 U+00A0 NO-BREAK SPACE (C2 A0), U+200B ZERO WIDTH SPACE (E2 80 8B),
 * U+3000 IDEOGRAPHIC SPACE (E3 80 80), U+FEFF byte order mark (EF BB BF).
 */
static size_t
space_len(const unsigned char *p, size_t left)
{
	if (left >= 1 && is_space_byte(p[0]))
		return 1;
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (left >= 3 &&
		((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
		 (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) ||
		 (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)))
		return 3;
	return 0;
}

/* Length of the white space character that ends at e (after p), or 0. */
static size_t
space_len_before(const unsigned char *p, const unsigned char *e)
{
	size_t		left = (size_t) (e - p);

	if (left >= 1 && is_space_byte(e[-1]))
		return 1;
	if (left >= 2 && space_len(e - 2, 2) == 2)
		return 2;
	if (left >= 3 && space_len(e - 3, 3) == 3)
		return 3;
	return 0;
}

void
rid_trim_space(const unsigned char **start, const unsigned char **end)
{
	const unsigned char *p = *start;
	const unsigned char *e = *end;
	size_t		n;

	while (p < e && (n = space_len(p, (size_t) (e - p))) > 0)
		p += n;
	while (e > p && (n = space_len_before(p, e)) > 0)
		e -= n;
	*start = p;
	*end = e;
}

/*
 * Decode one character at p: returns its byte length and sets *ch to '0'-'9',
 * 'X', or 0 for anything else.  Full-width forms are U+FF10-FF19, U+FF38 and
 * U+FF58.  ASCII is read here, the rest through the UTF-8 codec.
 */
size_t
rid_decode_char(const unsigned char *p, size_t left, char *ch)
{
	uint32_t	cp = p[0];
	size_t		n = 1;

	if (cp >= 0x80)
	{
		n = grid_utf8_decode(p, left, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;		/* full-width ASCII forms */
		else
			cp = 0;
	}
	*ch = (cp >= '0' && cp <= '9') ? (char) cp : (cp == 'x' || cp == 'X') ? 'X' : 0;
	return n;
}

static int
is_ascii_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * Whether p..end is three letters and twelve digits: the number of a
 * foreigner's permanent residence card of 2004 or 2017 (nationality as
 * ISO 3166-1 alpha-3, then digits).
 */
static int
old_foreign_card(const unsigned char *p, const unsigned char *end)
{
	int			digits = 0;

	if (end - p < 15 || !is_ascii_letter(p[0]) || !is_ascii_letter(p[1]) ||
		!is_ascii_letter(p[2]))
		return 0;
	p += 3;
	while (p < end)
	{
		char		ch;

		p += rid_decode_char(p, (size_t) (end - p), &ch);
		if (ch < '0' || ch > '9')
			return 0;
		digits++;
	}
	return digits == 12;
}

RidStatus
rid_parse(const char *input, size_t len, int today_ymd,
		  int64_t *value, RidError *err)
{
	const unsigned char *p = (const unsigned char *) input;
	const unsigned char *end = p + len;
	char		buf[RID_TEXT_LEN];
	char		digits[17];
	int			count = 0;
	int			x_position = 0;
	int64_t		v = 0;
	char		check;
	RidStatus	status;

	if (err)
		memset(err, 0, sizeof(*err));

	rid_trim_space(&p, &end);
	if (old_foreign_card(p, end))
		return fail(err, RID_OLD_FOREIGN_CARD);

	while (p < end)
	{
		char		ch;

		p += rid_decode_char(p, (size_t) (end - p), &ch);
		count++;
		if (ch == 0 || x_position != 0)
		{
			/* a stray character, or anything after an X */
			if (err)
				err->position = x_position ? x_position : count;
			return fail(err, RID_BAD_CHARACTER);
		}
		if (ch == 'X')
			x_position = count;
		if (count <= RID_TEXT_LEN)
			buf[count - 1] = ch;
	}

	if (count != 18 && count != 15)
	{
		if (err)
			err->length = count;
		return fail(err, RID_BAD_LENGTH);
	}
	if (x_position != 0 && (count == 15 || x_position != 18))
	{
		if (err)
			err->position = x_position;
		return fail(err, RID_BAD_CHARACTER);
	}

	if (count == 15)
	{
		int			first_two = (buf[0] - '0') * 10 + (buf[1] - '0');

		if (err)
			err->first_generation = 1;
		/* first generation: mainland citizens only */
		if (buf[0] == '9' || (rid_is_province(first_two) && !rid_is_mainland_province(first_two)))
		{
			if (err)
				err->province = first_two;
			return fail(err, RID_NOT_FIRST_GENERATION);
		}
		/* yymmdd of the 1900s, no check character */
		memcpy(digits, buf, 6);
		digits[6] = '1';
		digits[7] = '9';
		memcpy(digits + 8, buf + 6, 9);
	}
	else
		memcpy(digits, buf, 17);

	for (int i = 0; i < 17; i++)
		v = v * 10 + (digits[i] - '0');

	status = check_fields(v, today_ymd, err);
	if (status != RID_OK)
		return status;

	if (count == 15 && v % 1000 >= 996)
	{
		/* reserved for people aged 100 or more: 18yy or 19yy */
		if (err)
		{
			err->birth_ymd = rid_birth_ymd(v);
			err->sequence = (int) (v % 1000);
		}
		return fail(err, RID_CENTURY_UNKNOWN);
	}

	check = rid_check_character(digits);
	if (count == 18 && buf[17] != check)
	{
		if (err)
		{
			err->given_check = buf[17];
			err->expected_check = check;
		}
		return fail(err, RID_BAD_CHECK);
	}
	*value = v;
	return RID_OK;
}

int
rid_error_reason(const RidError *err, char *buf, size_t size)
{
	int			y = err->birth_ymd / 10000,
				m = err->birth_ymd / 100 % 100,
				d = err->birth_ymd % 100;

	switch (err->status)
	{
		case RID_OK:
			return snprintf(buf, size, "valid");
		case RID_BAD_LENGTH:
			return snprintf(buf, size,
							"wrong length: %d characters, expected 18 (or 15 digits)",
							err->length);
		case RID_BAD_CHARACTER:
			return snprintf(buf, size,
							"invalid character at position %d", err->position);
		case RID_BAD_CHECK:
			return snprintf(buf, size,
							"check character is \"%c\" but should be \"%c\"",
							err->given_check, err->expected_check);
		case RID_BAD_DATE:
			return snprintf(buf, size,
							"impossible birth date %04d-%02d-%02d", y, m, d);
		case RID_FUTURE_DATE:
			return snprintf(buf, size,
							"birth date %04d-%02d-%02d is in the future", y, m, d);
		case RID_BAD_PROVINCE:
			return snprintf(buf, size,
							"address code begins with \"%02d\", which is no province",
							err->province);
		case RID_BAD_ISSUE_PROVINCE:
			return snprintf(buf, size,
							"province of issue \"%02d\" (characters 2 and 3) is not a province of the mainland",
							err->province);
		case RID_BAD_ADDRESS:
			return snprintf(buf, size,
							"address code %06d does not exist (%02d has only %02d0000)",
							err->address, err->address / 10000, err->address / 10000);
		case RID_NOT_FIRST_GENERATION:
			return snprintf(buf, size,
							"a 15-digit number cannot begin with \"%02d\" (first-generation IDs were issued on the mainland only)",
							err->province);
		case RID_CENTURY_UNKNOWN:
			return snprintf(buf, size,
							"15-digit number with sequence %03d: born in %04d or %04d",
							err->sequence, y - 100, y);
		case RID_OUT_OF_RANGE:
			return snprintf(buf, size, "value %lld is not 17 digits",
							(long long) err->value);
		case RID_OLD_FOREIGN_CARD:
			return snprintf(buf, size,
							"foreigner's permanent residence card number of the 2004 or 2017 form");
	}
	return snprintf(buf, size, "unknown error");
}
