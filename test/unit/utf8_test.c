/*
 * utf8_test.c
 *		Unit tests of utf8_core.c, the UTF-8 codec every plain-C core uses,
 *		run without a server.
 */
#include "utf8_core.h"
#include "tap.h"

/*
 * Bytes and what grid_utf8_next() makes of them: the length of the
 * character read and its code point, or 0 when the bytes are not one.
 */
typedef struct Case
{
	const char *bytes;
	size_t		len;
	size_t		want_len;
	uint32_t	want_cp;
	const char *name;
} Case;

#define CASE(s, n, cp, name) {s, sizeof(s) - 1, n, cp, name}

static const Case cases[] = {
	/* well-formed: one to four bytes, at the edges of each length */
	CASE("A", 1, 'A', "ASCII is one byte"),
	CASE("\x7F", 1, 0x7F, "U+007F is one byte"),
	CASE("\xC2\x80", 2, 0x80, "U+0080 is two bytes"),
	CASE("\xDF\xBF", 2, 0x7FF, "U+07FF is two bytes"),
	CASE("\xE0\xA0\x80", 3, 0x800, "U+0800 is three bytes"),
	CASE("\xE4\xB8\xAD", 3, 0x4E2D, "中 is three bytes"),
	CASE("\xED\x9F\xBF", 3, 0xD7FF, "U+D7FF, below the surrogates, is three bytes"),
	CASE("\xEE\x80\x80", 3, 0xE000, "U+E000, above the surrogates, is three bytes"),
	CASE("\xEF\xBF\xBD", 3, 0xFFFD, "U+FFFD itself is well-formed"),
	CASE("\xF0\x90\x80\x80", 4, 0x10000, "U+10000 is four bytes"),
	CASE("\xF0\xA0\x80\x80", 4, 0x20000, "CJK extension B (U+20000) is four bytes"),
	CASE("\xF0\x9F\x98\x80", 4, 0x1F600, "an emoji is four bytes"),
	CASE("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, "U+10FFFF is four bytes"),
	CASE("\xE4\xB8\xAD" "A", 3, 0x4E2D, "only the first character is read"),

	/* invalid bytes */
	CASE("\x80", 0, 0, "a lone continuation byte"),
	CASE("\xBF", 0, 0, "a lone continuation byte BF"),
	CASE("\xF5\x80\x80\x80", 0, 0, "lead byte F5"),
	CASE("\xF8\x88\x80\x80\x80", 0, 0, "a five-byte form"),
	CASE("\xFE", 0, 0, "byte FE"),
	CASE("\xFF", 0, 0, "byte FF"),
	CASE("\xE4\x41\xAD", 0, 0, "a sequence broken by ASCII"),
	CASE("\xE4\xB8\xE4\xB8\xAD", 0, 0, "a sequence broken by a lead byte"),

	/* truncated: the length given, not a NUL, ends the input */
	CASE("\xE4\xB8", 0, 0, "a three-byte sequence cut after two bytes"),
	CASE("\xF0\x9F\x98", 0, 0, "a four-byte sequence cut after three bytes"),
	CASE("\xC2", 0, 0, "a two-byte sequence cut after its lead byte"),

	/* overlong forms */
	CASE("\xC0\x80", 0, 0, "overlong NUL (C0 80)"),
	CASE("\xC1\x81", 0, 0, "overlong A (C1 81)"),
	CASE("\xC1\xBF", 0, 0, "overlong U+007F (C1 BF)"),
	CASE("\xE0\x80\xAF", 0, 0, "overlong / in three bytes"),
	CASE("\xE0\x9F\xBF", 0, 0, "overlong U+07FF in three bytes"),
	CASE("\xF0\x80\x80\xAF", 0, 0, "overlong / in four bytes"),
	CASE("\xF0\x8F\xBF\xBF", 0, 0, "overlong U+FFFF in four bytes"),

	/* surrogates and beyond U+10FFFF */
	CASE("\xED\xA0\x80", 0, 0, "U+D800 (high surrogate)"),
	CASE("\xED\xAD\xBF", 0, 0, "U+DB7F"),
	CASE("\xED\xB0\x80", 0, 0, "U+DC00 (low surrogate)"),
	CASE("\xED\xBF\xBF", 0, 0, "U+DFFF"),
	CASE("\xED\xA0\xBD\xED\xB8\x80", 0, 0, "a surrogate pair (CESU-8)"),
	CASE("\xF4\x90\x80\x80", 0, 0, "U+110000"),
	CASE("\xF7\xBF\xBF\xBF", 0, 0, "U+1FFFFF"),
};

/* Code points and their bytes in UTF-8 (what is not a character: U+FFFD). */
static const struct
{
	uint32_t	cp;
	const char *bytes;
} encodings[] = {
	{'A', "A"},
	{0x80, "\xC2\x80"},
	{0x7FF, "\xDF\xBF"},
	{0x800, "\xE0\xA0\x80"},
	{0x4E2D, "\xE4\xB8\xAD"},
	{0xFFFF, "\xEF\xBF\xBF"},
	{0x10000, "\xF0\x90\x80\x80"},
	{0x20000, "\xF0\xA0\x80\x80"},
	{0x10FFFF, "\xF4\x8F\xBF\xBF"},
	{0xD800, "\xEF\xBF\xBD"},
	{0xDFFF, "\xEF\xBF\xBD"},
	{0x110000, "\xEF\xBF\xBD"},
	{0xFFFFFFFF, "\xEF\xBF\xBD"},
};

/* "a中😀" is 1 + 3 + 4 bytes; where each cut of it ends up. */
static const char mixed[] = "a\xE4\xB8\xAD\xF0\x9F\x98\x80";
static const size_t mixed_cuts[][2] = {
	{8, 8}, {7, 4}, {6, 4}, {5, 4}, {4, 4}, {3, 1}, {2, 1}, {1, 1}, {0, 0},
};

/* Whether every scalar value encodes and decodes back to itself. */
static int
round_trips(void)
{
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++)
	{
		unsigned char buf[GRID_UTF8_MAX];
		uint32_t	back = 0;
		size_t		n;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = grid_utf8_encode(cp, buf);
		if (grid_utf8_length(cp) != n || grid_utf8_next(buf, n, &back) != n || back != cp)
			return 0;
	}
	return 1;
}

int
main(void)
{
	char		name[160];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];
		uint32_t	cp = 12345;
		uint32_t	dcp = 0;
		size_t		n = grid_utf8_next((const unsigned char *) c->bytes, c->len, &cp);
		size_t		dn = grid_utf8_decode((const unsigned char *) c->bytes, c->len, &dcp);

		snprintf(name, sizeof(name), "%s: %s", c->want_len ? "read" : "rejected", c->name);
		ok(n == c->want_len && cp == (c->want_len ? c->want_cp : 12345), name);
		/* decode reads the same, or one byte as U+FFFD */
		snprintf(name, sizeof(name), "decode: %s", c->name);
		ok(c->want_len ? (dn == n && dcp == cp) : (dn == 1 && dcp == GRID_UTF8_REPLACEMENT), name);
	}
	is_int(grid_utf8_next((const unsigned char *) "\xE4\xB8\xAD", 2, &(uint32_t) {0}), 0,
		   "a sequence longer than the bytes left is rejected");

	for (size_t i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
	{
		unsigned char out[GRID_UTF8_MAX + 1];
		size_t		n = grid_utf8_encode(encodings[i].cp, out);

		out[n] = '\0';
		snprintf(name, sizeof(name), "U+%04X encodes to %zu bytes", (unsigned) encodings[i].cp, n);
		ok(strcmp((const char *) out, encodings[i].bytes) == 0 &&
		   grid_utf8_length(encodings[i].cp) == n, name);
	}
	{
		unsigned char nul[GRID_UTF8_MAX] = {0xFF};

		ok(grid_utf8_encode(0, nul) == 1 && nul[0] == 0, "U+0000 encodes to one NUL byte");
	}
	ok(round_trips(), "every scalar value encodes and decodes back");

	for (size_t i = 0; i < sizeof(mixed_cuts) / sizeof(mixed_cuts[0]); i++)
	{
		snprintf(name, sizeof(name), "a cut of \"a中😀\" at %zu stays at %zu",
				 mixed_cuts[i][0], mixed_cuts[i][1]);
		is_int(grid_utf8_clip((const unsigned char *) mixed, mixed_cuts[i][0]), mixed_cuts[i][1], name);
	}
	is_int(grid_utf8_clip((const unsigned char *) "\xE4\xB8", 2), 0, "a cut first character leaves nothing");
	is_int(grid_utf8_clip((const unsigned char *) "\x80\x80\x80\x80", 4), 4,
		   "stray continuation bytes are not a character to leave out");

	return done_testing();
}
