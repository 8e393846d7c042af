/*
 * division_core.h
 *		Administrative division codes, without PostgreSQL.
 *
 * A code has up to six parts: province 2 digits, city 2, county 2 (GB/T
 * 2260), township 3, village 3 (the statistics bureau's twelve digits) and
 * the grid's own number in its village, 3.  A division is stored as its code
 * zero-padded to 15 digits and read as one integer (4205 is 420500000000000),
 * so that numeric order is preorder: a division comes just before everything
 * under it, and its subtree is the one range [v, div_subtree_last(v)].
 *
 * The level is the deepest non-zero part; below it every part is zero, and
 * a non-zero part never lies under a zero one.  The canonical text is the
 * level's own length without padding (42, 4205, 420503, 420503004,
 * 420503004001, 420503004001007): it shows the level, and one code is
 * inside another exactly when the other's text is a prefix of its own.
 */
#ifndef DIVISION_CORE_H
#define DIVISION_CORE_H

#include <stddef.h>
#include <stdint.h>

#define DIV_DIGITS			15		/* digits of the padded value */
#define DIV_TEXT_LEN		15		/* longest canonical text, without NUL */
#define DIV_LEVELS			6
#define DIV_ECHO_MAX		20		/* characters of bad input ever quoted */
#define DIV_MAX_VALUE		INT64_C(999999999999999)	/* 15 nines */

typedef enum DivLevel
{
	DIV_PROVINCE = 1,
	DIV_CITY,
	DIV_COUNTY,
	DIV_TOWNSHIP,
	DIV_VILLAGE,
	DIV_GRID
} DivLevel;

typedef enum DivStatus
{
	DIV_OK = 0,
	DIV_EMPTY,					/* nothing but white space */
	DIV_BAD_CHARACTER,			/* a character that is not a digit */
	DIV_BAD_LENGTH,				/* not 2, 4, 6, 9, 12 or 15 digits */
	DIV_ALL_ZERO,				/* every part is zero */
	DIV_GAP,					/* a non-zero part under a zero part */
	DIV_BAD_PROVINCE,			/* first two digits name no province */
	DIV_NO_SUBDIVISION,			/* a part below 71, 81, 82 or 83 */
	DIV_OUT_OF_RANGE			/* binary input: not 15 digits at most */
} DivStatus;

/* What went wrong, in enough detail to say it precisely. */
typedef struct DivError
{
	DivStatus	status;
	int			position;		/* 1-based character position (BAD_CHARACTER) */
	int			length;			/* digits seen (BAD_LENGTH) */
	int			zero_level;		/* GAP: the zero part */
	int			set_level;		/* GAP: the non-zero part under it */
	int			set_part;		/* GAP: that part's value */
	int			province;		/* BAD_PROVINCE, NO_SUBDIVISION: the two digits */
	int64_t		value;			/* OUT_OF_RANGE */
} DivError;

/*
 * Parse a code as typed: surrounding ASCII or ideographic white space,
 * full-width digits, each level's own length or any of the longer lengths
 * zero-padded (420500 and 420500000000 are the city 4205).  On success stores
 * the value and returns DIV_OK; otherwise fills *err (which may be NULL) and
 * returns its status.
 */
extern DivStatus div_parse(const char *input, size_t len, int64_t *value,
						   DivError *err);

/*
 * The grid cell a registry's text names under a village: exactly 15 ASCII
 * digits whose first 12 are the village's, not ending in 000, a valid code.
 * Returns the cell's value, or 0 when the text names no cell of that village
 * (village not a village, other lengths, full-width digits, spaces).
 */
extern int64_t div_cell_under(const char *text, size_t len, int64_t village);

/* Validate a stored value (binary input) as strictly as div_parse. */
extern DivStatus div_validate(int64_t value, DivError *err);

/* Write the canonical text and a NUL into out; returns its length. */
extern int	div_format(int64_t value, char out[DIV_TEXT_LEN + 1]);

/* Levels: 1 (province) to 6 (grid), their text lengths and names. */
extern int	div_level(int64_t value);
extern int	div_level_length(int level);
extern const char *div_level_name(int level);
extern int	div_level_by_name(const char *name, size_t len);	/* 0 if none */

/* The division at the given level containing value, or 0 if level is deeper. */
extern int64_t div_ancestor(int64_t value, int level);

/* The division one level up, or 0 for a province. */
extern int64_t div_parent(int64_t value);

/* Every division containing value, province first, value itself last. */
extern int	div_ancestors(int64_t value, int64_t out[DIV_LEVELS]);

/* The last code of value's subtree: 420503 gives 420503999999999. */
extern int64_t div_subtree_last(int64_t value);

/* Whether outer contains inner (reflexive). */
extern int	div_contains(int64_t outer, int64_t inner);

/*
 * The division a six-digit GB/T 2260 address code names: a county, a city
 * (420500 is 4205) or a province (810000 is 81), cut at the first zero part.
 * Returns 0 if the first two digits are zero.
 */
extern int64_t div_from_address_code(int six_digits);

/*
 * The reason as one lower-case phrase, e.g. "wrong length: 5 digits,
 * expected 2, 4, 6, 9, 12 or 15".  Returns the number of bytes written
 * (snprintf rules).
 */
extern int	div_error_reason(const DivError *err, char *buf, size_t size);

#endif							/* DIVISION_CORE_H */
