/*
 * reports_core.c
 *		The archive's identifier rules (see reports_core.h), the same as the
 *		regular expressions of grid.archive_mask_value in src/reports.sql:
 *		a field this says no to is stored as it is, so both must agree
 *		(test/unit/reports_test.c, and test/pgtap/archive.sql on the server).
 */
#include "reports_core.h"

#include <string.h>

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
reports_is_full_id(const char *s, size_t len)
{
	if (len != 18)
		return false;
	for (size_t i = 0; i < 17; i++)
		if (!is_digit(s[i]))
			return false;
	return is_digit(s[17]) || s[17] == 'X' || s[17] == 'x';
}

bool
reports_is_masked_id(const char *s, size_t len)
{
	if (len != 18)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (!is_digit(s[i]))
			return false;
	for (size_t i = 6; i < 14; i++)
		if (s[i] != '*')
			return false;
	for (size_t i = 14; i < 17; i++)
		if (!is_digit(s[i]))
			return false;
	return is_digit(s[17]) || s[17] == 'X';
}

bool
reports_is_masked_phone(const char *s, size_t len)
{
	bool		star = false;
	size_t		digits = 0;

	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == '*')
			star = true;
		else if (is_digit(s[i]))
			digits++;
	}
	return star && digits <= 7;
}

bool
reports_field_needs_mask(const char *key, size_t klen, const char *value, size_t vlen)
{
	static const char suffix[] = "_phone";
	const size_t slen = sizeof(suffix) - 1;

	if (reports_is_full_id(value, vlen))
		return true;
	if (klen == 8 && memcmp(key, "resident", 8) == 0)
		return !reports_is_masked_id(value, vlen);
	if ((klen == 5 && memcmp(key, "phone", 5) == 0)
		|| (klen >= slen && memcmp(key + klen - slen, suffix, slen) == 0))
		return !reports_is_masked_phone(value, vlen);
	return false;
}

/* Add a signed resident-day to the per-channel counts (see reports_core.h). */
void
reports_reached_add(int channels, long long sign, long long counts[REPORTS_CHANNEL_BITS])
{
	int			k;

	for (k = 0; k < REPORTS_CHANNEL_BITS; k++)
		if (channels & (1 << k))
			counts[k] += sign;
}

/* The per-channel counts to keep: up to the last non-zero one. */
int
reports_reached_length(const long long counts[REPORTS_CHANNEL_BITS])
{
	int			n = REPORTS_CHANNEL_BITS;

	while (n > 0 && counts[n - 1] == 0)
		n--;
	return n;
}
