/*
 * division_core.c
 *		Parsing, checking and formatting of administrative division codes, in
 *		plain C so that it can be unit-tested and fuzzed without a server.
 *
 * Characters are read as resident IDs are read (white space around,
 * full-width digits), by calling resident_id_core.c; so is the list of
 * province codes.  Checks run in this order, so the reason given is the most
 * specific one: characters, length, all zeros, a non-zero part under a zero
 * part, the province, and last a part below Taiwan (71), Hong Kong (81) or
 * Macao (82), which have none in GB/T 2260, or below 83, the address code of
 * residence permits of Taiwan residents.
 */
#include "division_core.h"

#include <stdio.h>
#include <string.h>

#include "resident_id_core.h"

/* Digits up to the end of each level, and the names of the levels. */
static const int div_lengths[DIV_LEVELS + 1] = {0, 2, 4, 6, 9, 12, 15};
static const char *const div_names[DIV_LEVELS + 1] = {
	"", "province", "city", "county", "township", "village", "grid"
};

/* 10^n for n in 0..15 */
static int64_t
pow10i(int n)
{
	int64_t		p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

int
div_level_length(int level)
{
	return (level >= 1 && level <= DIV_LEVELS) ? div_lengths[level] : 0;
}

const char *
div_level_name(int level)
{
	return (level >= 1 && level <= DIV_LEVELS) ? div_names[level] : "";
}

int
div_level_by_name(const char *name, size_t len)
{
	for (int level = 1; level <= DIV_LEVELS; level++)
		if (strlen(div_names[level]) == len && memcmp(div_names[level], name, len) == 0)
			return level;
	return 0;
}

/* The digits of one part (level 1-6) of a padded value. */
static int
part_of(int64_t value, int level)
{
	int			width = div_lengths[level] - div_lengths[level - 1];

	return (int) (value / pow10i(DIV_DIGITS - div_lengths[level]) % pow10i(width));
}

int
div_level(int64_t value)
{
	for (int level = DIV_LEVELS; level > 1; level--)
		if (part_of(value, level) != 0)
			return level;
	return DIV_PROVINCE;
}

/* The value with every part below level set to zero. */
static int64_t
truncate_to(int64_t value, int level)
{
	int64_t		unit = pow10i(DIV_DIGITS - div_lengths[level]);

	return value - value % unit;
}

/* 0 when the code has no division at that level (a county under 东莞). */
int64_t
div_ancestor(int64_t value, int level)
{
	int64_t		ancestor;

	if (level < 1 || level > div_level(value))
		return 0;
	ancestor = truncate_to(value, level);
	return div_level(ancestor) == level ? ancestor : 0;
}

int64_t
div_parent(int64_t value)
{
	int			level = div_level(value);

	return level > DIV_PROVINCE ? truncate_to(value, level - 1) : 0;
}

int
div_ancestors(int64_t value, int64_t out[DIV_LEVELS])
{
	int			level = div_level(value);
	int			n = 0;

	/* skip a level the code has none of (county 00 of a city without counties) */
	for (int l = 1; l <= level; l++)
		if (div_level(truncate_to(value, l)) == l)
			out[n++] = truncate_to(value, l);
	return n;
}

int64_t
div_cell_under(const char *text, size_t len, int64_t village)
{
	int64_t		cell = 0;

	if (len != DIV_DIGITS || div_level(village) != DIV_VILLAGE)
		return 0;
	for (size_t i = 0; i < len; i++)
	{
		if (text[i] < '0' || text[i] > '9')
			return 0;
		cell = cell * 10 + (text[i] - '0');
	}
	if (cell - cell % 1000 != village || cell % 1000 == 0 ||
		div_validate(cell, NULL) != DIV_OK)
		return 0;
	return cell;
}

int64_t
div_subtree_last(int64_t value)
{
	return value + pow10i(DIV_DIGITS - div_lengths[div_level(value)]) - 1;
}

int
div_contains(int64_t outer, int64_t inner)
{
	return inner >= outer && inner <= div_subtree_last(outer);
}

int
div_format(int64_t value, char out[DIV_TEXT_LEN + 1])
{
	int			len = div_lengths[div_level(value)];
	int64_t		digits = value / pow10i(DIV_DIGITS - len);

	for (int i = len - 1; i >= 0; i--)
	{
		out[i] = (char) ('0' + digits % 10);
		digits /= 10;
	}
	out[len] = '\0';
	return len;
}

int64_t
div_from_address_code(int six_digits)
{
	int64_t		value = (int64_t) six_digits * pow10i(DIV_DIGITS - 6);

	for (int level = DIV_PROVINCE; level <= DIV_COUNTY; level++)
		if (part_of(value, level) == 0)
			return level == DIV_PROVINCE ? 0 : truncate_to(value, level - 1);
	return value;
}

static DivStatus
fail(DivError *err, DivStatus status)
{
	if (err)
		err->status = status;
	return status;
}

/* Parts and province of a value of at most 15 digits. */
static DivStatus
check_parts(int64_t value, DivError *err)
{
	int			zero_level = 0;

	if (value == 0)
		return fail(err, DIV_ALL_ZERO);
	for (int level = DIV_PROVINCE; level <= DIV_LEVELS; level++)
	{
		int			part = part_of(value, level);

		/*
		 * Cities without counties (东莞 4419, 中山 4420, 儋州 4604) number
		 * their townships directly: county part 00 under a non-zero city.
		 */
		if (part == 0 && level == DIV_COUNTY && zero_level == 0)
			continue;
		if (part == 0 && zero_level == 0)
			zero_level = level;
		else if (part != 0 && zero_level != 0)
		{
			if (err)
			{
				err->zero_level = zero_level;
				err->set_level = level;
				err->set_part = part;
			}
			return fail(err, DIV_GAP);
		}
	}
	if (!rid_is_province(part_of(value, DIV_PROVINCE)))
	{
		if (err)
			err->province = part_of(value, DIV_PROVINCE);
		return fail(err, DIV_BAD_PROVINCE);
	}
	if (!rid_is_mainland_province(part_of(value, DIV_PROVINCE)) &&
		div_level(value) > DIV_PROVINCE)
	{
		if (err)
			err->province = part_of(value, DIV_PROVINCE);
		return fail(err, DIV_NO_SUBDIVISION);
	}
	return DIV_OK;
}

DivStatus
div_validate(int64_t value, DivError *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
	if (value < 0 || value > DIV_MAX_VALUE)
	{
		if (err)
			err->value = value;
		return fail(err, DIV_OUT_OF_RANGE);
	}
	return check_parts(value, err);
}

DivStatus
div_parse(const char *input, size_t len, int64_t *value, DivError *err)
{
	const unsigned char *p = (const unsigned char *) input;
	const unsigned char *end = p + len;
	int64_t		v = 0;
	int			count = 0;
	int			length_ok = 0;
	DivStatus	status;

	if (err)
		memset(err, 0, sizeof(*err));

	rid_trim_space(&p, &end);
	if (p == end)
		return fail(err, DIV_EMPTY);

	while (p < end)
	{
		char		ch;

		p += rid_decode_char(p, (size_t) (end - p), &ch);
		count++;
		if (ch < '0' || ch > '9')
		{
			if (err)
				err->position = count;
			return fail(err, DIV_BAD_CHARACTER);
		}
		if (count <= DIV_DIGITS)
			v = v * 10 + (ch - '0');
	}

	for (int level = DIV_PROVINCE; level <= DIV_LEVELS; level++)
		if (count == div_lengths[level])
			length_ok = 1;
	if (!length_ok)
	{
		if (err)
			err->length = count;
		return fail(err, DIV_BAD_LENGTH);
	}

	v *= pow10i(DIV_DIGITS - count);
	status = check_parts(v, err);
	if (status != DIV_OK)
		return status;
	*value = v;
	return DIV_OK;
}

int
div_error_reason(const DivError *err, char *buf, size_t size)
{
	switch (err->status)
	{
		case DIV_OK:
			return snprintf(buf, size, "valid");
		case DIV_EMPTY:
			return snprintf(buf, size, "no digits");
		case DIV_BAD_CHARACTER:
			return snprintf(buf, size,
							"invalid character at position %d", err->position);
		case DIV_BAD_LENGTH:
			return snprintf(buf, size,
							"wrong length: %d digit%s, expected 2, 4, 6, 9, 12 or 15",
							err->length, err->length == 1 ? "" : "s");
		case DIV_ALL_ZERO:
			return snprintf(buf, size, "every part is zero");
		case DIV_GAP:
			{
				int			width = div_lengths[err->set_level] - div_lengths[err->set_level - 1];

				return snprintf(buf, size,
								"%s part \"%0*d\" is not zero but the %s part above it is",
								div_names[err->set_level], width, err->set_part,
								div_names[err->zero_level]);
			}
		case DIV_BAD_PROVINCE:
			return snprintf(buf, size,
							"code begins with \"%02d\", which is no province",
							err->province);
		case DIV_NO_SUBDIVISION:
			return snprintf(buf, size,
							"\"%02d\" has no divisions below it",
							err->province);
		case DIV_OUT_OF_RANGE:
			return snprintf(buf, size, "value %lld is out of range",
							(long long) err->value);
	}
	return snprintf(buf, size, "unknown error");
}
