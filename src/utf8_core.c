/*
 * utf8_core.c
 *		Reading UTF-8 one character at a time, shared by the plain-C cores
 *		that read text (normalize, sms).
 */
#include "utf8_core.h"

/*
 * Decode one character at p (left > 0 bytes).  Returns the bytes consumed;
 * an invalid or truncated sequence consumes one byte and gives U+FFFD.
 */
size_t
grid_utf8_decode(const unsigned char *p, size_t left, uint32_t *cp)
{
	unsigned char c = p[0];
	size_t		n;
	uint32_t	v;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		v = c & 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		v = c & 0x07;
	}
	else
	{
		*cp = 0xFFFD;
		return 1;
	}
	if (n > left)
	{
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
		{
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
		(v >= 0xD800 && v <= 0xDFFF))
	{
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}
