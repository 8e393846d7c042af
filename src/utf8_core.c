/*
 * utf8_core.c
 *		The one UTF-8 codec of grid's plain-C cores (see utf8_core.h):
 *		decoding, encoding and cutting between characters.
 */
#include "utf8_core.h"

size_t
grid_utf8_next(const unsigned char *p, size_t left, uint32_t *cp)
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
		return 0;				/* a continuation byte, C0, C1 or F5-FF */
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
		(v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t
grid_utf8_decode(const unsigned char *p, size_t left, uint32_t *cp)
{
	size_t		n = grid_utf8_next(p, left, cp);

	if (n > 0)
		return n;
	*cp = GRID_UTF8_REPLACEMENT;
	return 1;
}

/* Whether cp is a Unicode scalar value: not a surrogate, not beyond U+10FFFF. */
static int
is_scalar(uint32_t cp)
{
	return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

size_t
grid_utf8_length(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	if (cp < 0x800)
		return 2;
	if (cp < 0x10000 || !is_scalar(cp))
		return 3;
	return 4;
}

size_t
grid_utf8_encode(uint32_t cp, unsigned char *out)
{
	if (!is_scalar(cp))
		cp = GRID_UTF8_REPLACEMENT;
	if (cp < 0x80)
	{
		out[0] = (unsigned char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (unsigned char) (0xC0 | (cp >> 6));
		out[1] = (unsigned char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (unsigned char) (0xE0 | (cp >> 12));
		out[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char) (0xF0 | (cp >> 18));
	out[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char) (0x80 | (cp & 0x3F));
	return 4;
}

size_t
grid_utf8_clip(const unsigned char *p, size_t len)
{
	size_t		start = len;
	size_t		need;

	/* back over at most three continuation bytes to the last lead byte */
	while (start > 0 && len - start < 3 && (p[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return len;				/* no lead byte to cut at */
	start--;					/* the last lead byte, or a stray byte */
	need = p[start] >= 0xF0 ? 4 : p[start] >= 0xE0 ? 3 : p[start] >= 0xC0 ? 2 : 1;
	return start + need > len ? start : len;
}
