/*
 * access_core.c
 *		Masking of phone numbers for reports (see access_core.h).
 *
 * Two passes: the first counts the digits after any country code, the
 * second copies the input and replaces each digit whose ordinal falls in
 * the hidden middle by one '*'.  Bytes that are not digits are copied as
 * they are, so the output never holds more than the input did.
 */
#include "access_core.h"

#include <string.h>

/* Length in bytes of the digit at s (ASCII or full width), or 0. */
static size_t
digit_at(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *) s;

	if (left >= 1 && u[0] >= '0' && u[0] <= '9')
		return 1;
	/* U+FF10..U+FF19 FULLWIDTH DIGIT ZERO..NINE: EF BC 90..99 */
	if (left >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
		return 3;
	return 0;
}

/* Bytes of a leading country code for China ("+86" or "0086"), or 0. */
static size_t
country_code(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && s[i] == ' ')
		i++;
	if (len - i >= 3 && strncmp(s + i, "+86", 3) == 0)
		return i + 3;
	if (len - i >= 4 && strncmp(s + i, "0086", 4) == 0 && len - i > 4 &&
		(s[i + 4] == ' ' || s[i + 4] == '-'))
		return i + 4;
	return 0;
}

size_t
access_mask_phone(const char *input, size_t len, char *out)
{
	size_t		start = country_code(input, len);
	size_t		i,
				n,
				seen,
				digits = 0,
				head,
				tail;

	for (i = start; i < len;)
	{
		size_t		d = digit_at(input + i, len - i);

		if (d)
		{
			digits++;
			i += d;
		}
		else
			i++;
	}
	if (digits >= 11)
	{
		head = 3;
		tail = 4;
	}
	else if (digits >= 7)
	{
		head = 0;
		tail = 2;
	}
	else
	{
		head = 0;
		tail = 0;
	}

	memcpy(out, input, start);
	n = start;
	for (i = start, seen = 0; i < len;)
	{
		size_t		d = digit_at(input + i, len - i);

		if (d == 0)
		{
			out[n++] = input[i++];
			continue;
		}
		seen++;
		if (seen <= head || seen > digits - tail)
		{
			memcpy(out + n, input + i, d);
			n += d;
		}
		else
			out[n++] = '*';
		i += d;
	}
	out[n] = '\0';
	return n;
}
