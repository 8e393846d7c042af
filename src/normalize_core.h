/*
 * normalize_core.h
 *		Normalisation and comparison of names, phone numbers and resident IDs
 *		as people type them, without PostgreSQL: the core of grid's
 *		normalize concern, called by the fmgr glue, the unit test and the
 *		fuzzer.
 *
 * Input is UTF-8 of a given length (no NUL needed).  Nothing depends on the
 * locale.  Invalid UTF-8 (which the server never passes) is skipped a byte
 * at a time.  Functions that write text write into a caller's buffer of a
 * stated size and never past it; the *_OUT_MAX macros give sizes that are
 * always enough.
 */
#ifndef NORMALIZE_CORE_H
#define NORMALIZE_CORE_H

#include <stddef.h>
#include <stdint.h>

/* Output bytes that always suffice for an input of len bytes. */
#define NZ_NAME_OUT_MAX(len)	(2 * (size_t) (len) + 8)
#define NZ_PINYIN_OUT_MAX(len)	(3 * (size_t) (len) + 8)

/* name_similarity compares at most this many characters of each name. */
#define NZ_SIM_MAX_UNITS	64

/* Longest result of nz_normalize_phone, without NUL. */
#define NZ_PHONE_MAX		12

/* Scores of name_similarity, per aligned character (see normalize_core.c). */
#define NZ_SCORE_HOMOPHONE	0.9		/* same toneless pinyin */
#define NZ_SCORE_FUZZY		0.8		/* same after the fuzzy fold */
#define NZ_SCORE_PART		0.3		/* same initial, or same final */
#define NZ_SCORE_OTHER		0.1		/* different */
#define NZ_SCORE_GAP		0.3		/* a character only one name has */
#define NZ_SCORE_SHAPE		0.7		/* same four-corner code: looks alike (王 玉) */

/* Scores of id_similarity. */
#define NZ_ID_SCORE_TYPO	0.9		/* one wrong digit or adjacent swap */

typedef enum NzPinyinStyle
{
	NZ_PINYIN_PLAIN = 0,		/* "chen jun" */
	NZ_PINYIN_FUZZY,			/* each syllable folded: "cen jun" */
	NZ_PINYIN_INITIALS			/* first letters, no spaces: "cj" */
} NzPinyinStyle;

/*
 * The name as a matching key: full-width forms to ASCII, ASCII letters
 * upper-cased, spaces and punctuation removed (one space kept between two
 * words of a non-Chinese script), every separator dot (. · • ・ ･ ‧ ∙ 。)
 * written U+00B7 once and never at either end, compatibility ideographs and
 * radicals unified, traditional characters simplified.  Returns the bytes
 * written to out (at most cap; NZ_NAME_OUT_MAX(len) always suffices).
 */
extern size_t nz_normalize_name(const char *in, size_t len, char *out, size_t cap);

/*
 * Toneless pinyin of the text: one syllable per Chinese character (from the
 * character as given, else its simplified form), runs of ASCII letters and
 * digits as lower-case tokens, everything else dropped; single spaces
 * between.  With as_name, the first one or two characters take their
 * reading as a surname when they are one (单 shan, 尉迟 yu chi).  Returns
 * the bytes written (at most cap; NZ_PINYIN_OUT_MAX(len) always suffices).
 */
extern size_t nz_pinyin(const char *in, size_t len, NzPinyinStyle style,
						int as_name, char *out, size_t cap);

/*
 * A mainland mobile number (11 digits, 1[3-9]...) or landline with area
 * code (0 + 2 or 3 digits + 7 or 8 digits) from any common writing: +86,
 * 0086 or 86 before a mobile, spaces, dashes, dots, brackets, full-width
 * digits.  Writes the digits and a NUL into out and returns their number,
 * or returns 0 (out set to "") when the text is not such a number.
 */
extern int	nz_normalize_phone(const char *in, size_t len, char out[NZ_PHONE_MAX + 1]);

/* Similarity of two names in [0, 1]; see normalize_core.c for the scoring. */
extern double nz_name_similarity(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Similarity of two resident IDs as typed: 1 if they are the same valid ID
 * (also 15 against 18 digits), NZ_ID_SCORE_TYPO if one is valid and the
 * other, whose check character fails, differs from it by one character or
 * by two adjacent characters swapped, else 0.
 */
extern double nz_id_similarity(const char *a, size_t alen, const char *b, size_t blen);

/*
 * The resident IDs one typing error away from an 18-character ID as typed
 * (full-width forms, spaces, x read as for id_similarity) that fails its
 * check: one character changed, or two neighbours swapped, such that the
 * result is a valid ID (check character, date, province).  Writes at most
 * max IDs of 18 characters and a NUL into out, in order of position;
 * returns their number, 0 if the ID is valid or not 18 characters.
 */
#define NZ_ID_NEIGHBOURS_MAX	64
extern int	nz_id_neighbours(const char *in, size_t len, char out[][19], int max);

/*
 * Four-corner codes (Unihan kFourCornerCode, four digits) of U+4E00 to
 * U+9FFF, generated into normalize_shapes.c by src/data/shape_tables.pl.
 */
#define NZ_SHAPE_FIRST	0x4E00
#define NZ_SHAPE_LAST	0x9FFF
#define NZ_NO_SHAPE		65535
extern const uint16_t nz_shape_code[NZ_SHAPE_LAST - NZ_SHAPE_FIRST + 1];

/* The four-corner code of a character, or -1 if it has none. */
extern int	nz_four_corner(uint32_t cp);

/* Single-character lookups, for tests: the folded code point, the reading. */
extern uint32_t nz_fold_char(uint32_t cp);
extern const char *nz_char_pinyin(uint32_t cp);

#endif							/* NORMALIZE_CORE_H */
