/*
 * utf8_core.h
 *		The one UTF-8 codec of grid's plain-C cores, without PostgreSQL.
 *
 * Well-formed means as RFC 3629 and the Unicode standard (table 3-7) say:
 * the shortest form, no surrogates (U+D800-U+DFFF), nothing beyond
 * U+10FFFF.  This is what PostgreSQL accepts in a UTF8 database, so text
 * from the server always decodes; the cores that read bytes from elsewhere
 * (a fuzzer, a unit test) see each ill-formed byte as one bad character.
 */
#ifndef GRID_UTF8_CORE_H
#define GRID_UTF8_CORE_H

#include <stddef.h>
#include <stdint.h>

/* The most bytes one character takes. */
#define GRID_UTF8_MAX	4

/* What an ill-formed byte decodes to in grid_utf8_decode(). */
#define GRID_UTF8_REPLACEMENT	0xFFFD

/*
 * Decode the well-formed character at p (left > 0 bytes) into *cp and
 * return its length in bytes; return 0, leaving *cp alone, when the bytes
 * at p are not one (invalid, overlong, surrogate, beyond U+10FFFF or cut
 * short by left).
 */
extern size_t grid_utf8_next(const unsigned char *p, size_t left, uint32_t *cp);

/*
 * Decode one character at p (left > 0 bytes).  Returns the bytes consumed;
 * an ill-formed sequence consumes one byte and gives U+FFFD.
 */
extern size_t grid_utf8_decode(const unsigned char *p, size_t left, uint32_t *cp);

/* Length of cp in UTF-8: 1 to 4 (3 for what is not a character: U+FFFD). */
extern size_t grid_utf8_length(uint32_t cp);

/*
 * Encode cp into out (room for GRID_UTF8_MAX bytes, not terminated) and
 * return the length.  A surrogate or a value beyond U+10FFFF is written as
 * U+FFFD, so the output is always well-formed.
 */
extern size_t grid_utf8_encode(uint32_t cp, unsigned char *out);

/*
 * Where to cut the first len bytes at p so as not to split a character:
 * len, or less when a multi-byte sequence starts in p[0..len) and would end
 * after it (it is then left out whole).
 */
extern size_t grid_utf8_clip(const unsigned char *p, size_t len);

#endif							/* GRID_UTF8_CORE_H */
