/*
 * utf8_test.c
 *		Unit tests of utf8_core.c, the UTF-8 codec every plain-C core uses,
 *		run without a server.
 */
#include "utf8_core.h"
#include "tap.h"

/* grid_utf8_next() on the bytes of s (a literal, so sizeof - 1 bytes). */
#define NEXT(s, cp) grid_utf8_next((const unsigned char *) (s), sizeof(s) - 1, (cp))
#define DECODE(s, cp) grid_utf8_decode((const unsigned char *) (s), sizeof(s) - 1, (cp))
#define CLIP(s, len) grid_utf8_clip((const unsigned char *) (s), (len))

/* Encode cp and compare the bytes with want. */
static int
encodes_to(uint32_t cp, const char *want)
{
	unsigned char out[GRID_UTF8_MAX + 1];
	size_t		n = grid_utf8_encode(cp, out);

	out[n] = '\0';
	return n == strlen(want) && strcmp((const char *) out, want) == 0 &&
		grid_utf8_length(cp) == n;
}

/* Decode every byte sequence of 1 to 4 bytes the encoder gives back. */
static int
round_trips(uint32_t from, uint32_t to)
{
	for (uint32_t cp = from; cp <= to; cp++)
	{
		unsigned char buf[GRID_UTF8_MAX];
		uint32_t	back = 0;
		size_t		n;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = grid_utf8_encode(cp, buf);
		if (grid_utf8_next(buf, n, &back) != n || back != cp)
			return 0;
	}
	return 1;
}

int
main(void)
{
	uint32_t	cp;

	/* well-formed: one to four bytes, at the edges of each length */
	cp = 0;
	is_int(NEXT("A", &cp), 1, "ASCII is one byte");
	is_int(cp, 'A', "ASCII decodes to itself");
	is_int(NEXT("\x7F", &cp), 1, "U+007F is one byte");
	is_int(NEXT("\xC2\x80", &cp), 2, "U+0080 is two bytes");
	is_int(cp, 0x80, "U+0080 decodes");
	is_int(NEXT("\xDF\xBF", &cp), 2, "U+07FF is two bytes");
	is_int(cp, 0x7FF, "U+07FF decodes");
	is_int(NEXT("\xE0\xA0\x80", &cp), 3, "U+0800 is three bytes");
	is_int(cp, 0x800, "U+0800 decodes");
	is_int(NEXT("\xE4\xB8\xAD", &cp), 3, "中 is three bytes");
	is_int(cp, 0x4E2D, "中 decodes to U+4E2D");
	is_int(NEXT("\xED\x9F\xBF", &cp), 3, "U+D7FF, just below the surrogates, is three bytes");
	is_int(NEXT("\xEE\x80\x80", &cp), 3, "U+E000, just above the surrogates, is three bytes");
	is_int(NEXT("\xEF\xBF\xBD", &cp), 3, "U+FFFD itself is well-formed");
	is_int(cp, 0xFFFD, "U+FFFD decodes");
	is_int(NEXT("\xF0\x90\x80\x80", &cp), 4, "U+10000 is four bytes");
	is_int(cp, 0x10000, "U+10000 decodes");
	is_int(NEXT("\xF0\xA0\x80\x80", &cp), 4, "𠀀 (CJK extension B) is four bytes");
	is_int(cp, 0x20000, "𠀀 decodes to U+20000");
	is_int(NEXT("\xF0\x9F\x98\x80", &cp), 4, "an emoji is four bytes");
	is_int(cp, 0x1F600, "the emoji decodes to U+1F600");
	is_int(NEXT("\xF4\x8F\xBF\xBF", &cp), 4, "U+10FFFF is four bytes");
	is_int(cp, 0x10FFFF, "U+10FFFF decodes");
	is_int(NEXT("\xE4\xB8\xAD" "A", &cp), 3, "only the first character is read");

	/* invalid bytes */
	cp = 12345;
	is_int(NEXT("\x80", &cp), 0, "a lone continuation byte is rejected");
	is_int(NEXT("\xBF", &cp), 0, "a lone continuation byte BF is rejected");
	is_int(cp, 12345, "a rejected sequence leaves the code point alone");
	is_int(NEXT("\xF5\x80\x80\x80", &cp), 0, "lead byte F5 is rejected");
	is_int(NEXT("\xF8\x88\x80\x80\x80", &cp), 0, "a five-byte form is rejected");
	is_int(NEXT("\xFE", &cp), 0, "byte FE is rejected");
	is_int(NEXT("\xFF", &cp), 0, "byte FF is rejected");
	is_int(NEXT("\xE4\x41\xAD", &cp), 0, "a sequence broken by ASCII is rejected");
	is_int(NEXT("\xE4\xB8\xE4\xB8\xAD", &cp), 0, "a sequence broken by a lead byte is rejected");

	/* truncated: the length given, not a NUL, ends the input */
	is_int(NEXT("\xE4\xB8", &cp), 0, "a three-byte sequence cut after two bytes is rejected");
	is_int(NEXT("\xF0\x9F\x98", &cp), 0, "a four-byte sequence cut after three bytes is rejected");
	is_int(grid_utf8_next((const unsigned char *) "\xE4\xB8\xAD", 2, &cp), 0,
		   "a sequence longer than the bytes left is rejected");

	/* overlong forms */
	is_int(NEXT("\xC0\x80", &cp), 0, "overlong NUL (C0 80) is rejected");
	is_int(NEXT("\xC1\x81", &cp), 0, "overlong A (C1 81) is rejected");
	is_int(NEXT("\xC1\xBF", &cp), 0, "overlong U+007F (C1 BF) is rejected");
	is_int(NEXT("\xE0\x80\xAF", &cp), 0, "overlong / in three bytes is rejected");
	is_int(NEXT("\xE0\x9F\xBF", &cp), 0, "overlong U+07FF in three bytes is rejected");
	is_int(NEXT("\xF0\x80\x80\xAF", &cp), 0, "overlong / in four bytes is rejected");
	is_int(NEXT("\xF0\x8F\xBF\xBF", &cp), 0, "overlong U+FFFF in four bytes is rejected");

	/* surrogates and beyond U+10FFFF */
	is_int(NEXT("\xED\xA0\x80", &cp), 0, "U+D800 (high surrogate) is rejected");
	is_int(NEXT("\xED\xAD\xBF", &cp), 0, "U+DB7F is rejected");
	is_int(NEXT("\xED\xB0\x80", &cp), 0, "U+DC00 (low surrogate) is rejected");
	is_int(NEXT("\xED\xBF\xBF", &cp), 0, "U+DFFF is rejected");
	is_int(NEXT("\xED\xA0\xBD\xED\xB8\x80", &cp), 0, "a surrogate pair (CESU-8) is rejected");
	is_int(NEXT("\xF4\x90\x80\x80", &cp), 0, "U+110000 is rejected");
	is_int(NEXT("\xF7\xBF\xBF\xBF", &cp), 0, "U+1FFFFF is rejected");

	/* grid_utf8_decode: one byte and U+FFFD for whatever next rejects */
	is_int(DECODE("\xE4\xB8\xAD", &cp), 3, "decode reads a whole character");
	is_int(cp, 0x4E2D, "decode gives its code point");
	is_int(DECODE("\xC0\x80", &cp), 1, "decode consumes one byte of an overlong form");
	is_int(cp, GRID_UTF8_REPLACEMENT, "an overlong form decodes to U+FFFD");
	is_int(DECODE("\xED\xA0\x80", &cp), 1, "decode consumes one byte of a surrogate");
	is_int(cp, 0xFFFD, "a surrogate decodes to U+FFFD");
	is_int(DECODE("\xF0\x9F\x98", &cp), 1, "decode consumes one byte of a truncated sequence");
	is_int(cp, 0xFFFD, "a truncated sequence decodes to U+FFFD");
	is_int(DECODE("\x80", &cp), 1, "decode consumes a lone continuation byte");
	is_int(cp, 0xFFFD, "a lone continuation byte decodes to U+FFFD");

	/* encoding */
	ok(encodes_to('A', "A"), "A encodes to one byte");
	{
		unsigned char nul[GRID_UTF8_MAX] = {0xFF};

		is_int(grid_utf8_encode(0, nul), 1, "U+0000 encodes to one byte");
		is_int(nul[0], 0, "that byte is NUL");
	}
	ok(encodes_to(0x80, "\xC2\x80"), "U+0080 encodes to C2 80");
	ok(encodes_to(0x7FF, "\xDF\xBF"), "U+07FF encodes to DF BF");
	ok(encodes_to(0x800, "\xE0\xA0\x80"), "U+0800 encodes to E0 A0 80");
	ok(encodes_to(0x4E2D, "\xE4\xB8\xAD"), "中 encodes to E4 B8 AD");
	ok(encodes_to(0xFFFF, "\xEF\xBF\xBF"), "U+FFFF encodes to EF BF BF");
	ok(encodes_to(0x10000, "\xF0\x90\x80\x80"), "U+10000 encodes to four bytes");
	ok(encodes_to(0x20000, "\xF0\xA0\x80\x80"), "U+20000 encodes to four bytes");
	ok(encodes_to(0x10FFFF, "\xF4\x8F\xBF\xBF"), "U+10FFFF encodes to F4 8F BF BF");
	ok(encodes_to(0xD800, "\xEF\xBF\xBD"), "a surrogate encodes as U+FFFD");
	ok(encodes_to(0xDFFF, "\xEF\xBF\xBD"), "U+DFFF encodes as U+FFFD");
	ok(encodes_to(0x110000, "\xEF\xBF\xBD"), "U+110000 encodes as U+FFFD");
	ok(encodes_to(0xFFFFFFFF, "\xEF\xBF\xBD"), "0xFFFFFFFF encodes as U+FFFD");
	ok(round_trips(0, 0x10FFFF), "every scalar value encodes and decodes back");

	/* cutting between characters: "a中😀" is 1 + 3 + 4 bytes */
	is_int(CLIP("a\xE4\xB8\xAD\xF0\x9F\x98\x80", 8), 8, "a cut at the end is kept");
	is_int(CLIP("a\xE4\xB8\xAD\xF0\x9F\x98\x80", 4), 4, "a cut between characters is kept");
	is_int(CLIP("a\xE4\xB8\xAD\xF0\x9F\x98\x80", 3), 1, "a cut inside 中 leaves it out");
	is_int(CLIP("a\xE4\xB8\xAD\xF0\x9F\x98\x80", 2), 1, "a cut just after the lead byte of 中 leaves it out");
	is_int(CLIP("a\xE4\xB8\xAD\xF0\x9F\x98\x80", 7), 4, "a cut inside the emoji leaves it out");
	is_int(CLIP("a\xE4\xB8\xAD\xF0\x9F\x98\x80", 5), 4, "a cut after the emoji's lead byte leaves it out");
	is_int(CLIP("a", 1), 1, "ASCII is never cut");
	is_int(CLIP("", 0), 0, "nothing stays nothing");
	is_int(CLIP("\xE4\xB8", 2), 0, "a cut first character leaves nothing");
	is_int(CLIP("\x80\x80\x80\x80", 4), 4, "stray continuation bytes are not a character to leave out");

	return done_testing();
}
