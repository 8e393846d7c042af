/*
 * utf8_fuzz.c
 *		libFuzzer target for the UTF-8 codec: whatever the bytes, a
 *		character that decodes encodes back to the same bytes, decoding
 *		always moves forward, and a cut never splits a character.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	size_t		at = 0;
	size_t		cut;

	while (at < size)
	{
		uint32_t	cp = 0;
		size_t		n = grid_utf8_next(data + at, size - at, &cp);
		size_t		used = grid_utf8_decode(data + at, size - at, &cp);
		unsigned char again[GRID_UTF8_MAX];

		if (n > GRID_UTF8_MAX || used == 0 || used > size - at)
			abort();
		if (n > 0)
		{
			/* well-formed: the shortest form, so it encodes back the same */
			if (used != n || grid_utf8_encode(cp, again) != n ||
				grid_utf8_length(cp) != n || memcmp(again, data + at, n) != 0 ||
				cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
				abort();
		}
		else if (used != 1 || cp != GRID_UTF8_REPLACEMENT)
			abort();
		at += used;
	}

	/* a cut ends a prefix whose last well-formed character is whole */
	cut = grid_utf8_clip(data, size);
	if (cut > size || (cut < size && size - cut > 3))
		abort();
	return 0;
}
