/*
 * resident_id_core.h
 *		The citizen identity number of GB 11643-1999, without PostgreSQL.
 *
 * An ID is 17 digits (address code 6, birth date 8, sequence 3) and one
 * check character (ISO 7064 MOD 11-2, 0-9 or X).  The check character is a
 * function of the 17 digits, so a valid ID is stored as those 17 digits read
 * as one integer: 8 bytes, ordered like the text.
 *
 * The same layout serves three other numbers:
 *   - residence permits of Hong Kong, Macao and Taiwan residents (2018):
 *     address code exactly 810000, 820000 or 830000;
 *   - foreigners' permanent residence ID cards issued from December 2023:
 *     "9", the mainland province of issue (characters 2-3), the nationality
 *     (ISO 3166-1 numeric, characters 4-6), birth date, sequence, check.
 * The foreigners' cards of 2004 and 2017 (three letters, 12 digits) do not
 * fit it and are refused with their own reason.
 */
#ifndef RESIDENT_ID_CORE_H
#define RESIDENT_ID_CORE_H

#include <stddef.h>
#include <stdint.h>

#define RID_TEXT_LEN		18		/* canonical text length, without NUL */
#define RID_MAX_VALUE		INT64_C(99999999999999999)	/* 17 nines */
#define RID_ECHO_MAX		20		/* bytes of bad input ever quoted */

typedef enum RidStatus
{
	RID_OK = 0,
	RID_BAD_LENGTH,				/* not 18 characters nor 15 digits */
	RID_BAD_CHARACTER,			/* a character that is not a digit (or final X) */
	RID_BAD_CHECK,				/* check character does not match */
	RID_BAD_DATE,				/* birth date that does not exist */
	RID_FUTURE_DATE,			/* birth date after today */
	RID_BAD_PROVINCE,			/* first two address digits name no province */
	RID_BAD_ISSUE_PROVINCE,		/* foreigner's card: characters 2-3 name no
								 * mainland province */
	RID_BAD_ADDRESS,			/* 71, 81, 82 or 83 not followed by 0000 */
	RID_NOT_FIRST_GENERATION,	/* 15 digits beginning with 71, 81-83 or 9 */
	RID_CENTURY_UNKNOWN,		/* 15 digits with sequence 996-999 */
	RID_OLD_FOREIGN_CARD,		/* three letters and 12 digits (2004, 2017) */
	RID_OUT_OF_RANGE			/* binary input: negative, or over 17 digits */
} RidStatus;

typedef enum RidKind
{
	RID_KIND_CITIZEN = 0,
	RID_KIND_HONGKONG,
	RID_KIND_MACAO,
	RID_KIND_TAIWAN,
	RID_KIND_FOREIGN
} RidKind;

/* What went wrong, in enough detail to say it precisely. */
typedef struct RidError
{
	RidStatus	status;
	int			length;			/* characters seen (RID_BAD_LENGTH) */
	int			position;		/* 1-based character position (RID_BAD_CHARACTER) */
	char		given_check;	/* RID_BAD_CHECK */
	char		expected_check;	/* RID_BAD_CHECK */
	int			birth_ymd;		/* RID_BAD_DATE, RID_FUTURE_DATE,
								 * RID_CENTURY_UNKNOWN: yyyymmdd (19yy) */
	int			province;		/* RID_BAD_PROVINCE, RID_BAD_ISSUE_PROVINCE,
								 * RID_NOT_FIRST_GENERATION: the two digits */
	int			address;		/* RID_BAD_ADDRESS: the six digits */
	int			sequence;		/* RID_CENTURY_UNKNOWN: the three digits */
	int			first_generation;	/* the input had 15 digits */
	int64_t		value;			/* RID_OUT_OF_RANGE */
} RidError;

/*
 * Parse an ID as typed: surrounding white space (ASCII, ideographic,
 * no-break, zero-width, byte order mark), full-width digits and X,
 * lower-case x, or the 15-digit first-generation form (upgraded to 18 by
 * inserting "19"; sequences 996-999, given to people aged 100 or more, are
 * refused because their century is not known).  today_ymd is the current date as yyyymmdd; birth
 * dates after it are rejected.  On success stores the value and returns
 * RID_OK; otherwise fills *err (which may be NULL) and returns its status.
 */
extern RidStatus rid_parse(const char *input, size_t len, int today_ymd,
						   int64_t *value, RidError *err);

/* Validate a stored value (binary input): range, date, province, future. */
extern RidStatus rid_validate(int64_t value, int today_ymd, RidError *err);

/* The check character ('0'-'9' or 'X') of 17 leading digits. */
extern char rid_check_character(const char digits[17]);

/* Write the canonical 18 characters and a NUL into out[19]. */
extern void rid_format(int64_t value, char out[RID_TEXT_LEN + 1]);

/* Write the report form, first 6 and last 4 shown: 420503********123X. */
extern void rid_mask(int64_t value, char out[RID_TEXT_LEN + 1]);

/* Fields the number encodes. */
extern int	rid_birth_ymd(int64_t value);	/* yyyymmdd */
extern int	rid_address_code(int64_t value);	/* six digits */
extern int	rid_issue_province(int64_t value);	/* foreigner's card: characters 2-3 */
extern int	rid_is_male(int64_t value);
extern RidKind rid_kind(int64_t value);
extern const char *rid_kind_name(RidKind kind);

/* Whole years from birth to on_ymd (negative if on_ymd precedes birth). */
extern int	rid_age(int64_t value, int on_ymd);

/* Calendar helpers shared with the glue. */
extern int	rid_valid_ymd(int ymd);

/*
 * Province codes of GB/T 2260 and the residence permits: 11-15, 21-23,
 * 31-37, 41-46, 50-54, 61-65, 71 (Taiwan), 81 (Hong Kong), 82 (Macao) and 83
 * (residence permits of Taiwan residents).  The mainland's are those up to 65.
 */
extern int	rid_is_province(int two_digits);
extern int	rid_is_mainland_province(int two_digits);

/*
 * Reading typed digits, shared with the parsers of other concerns (division
 * codes).  rid_trim_space() moves *start forward and *end back past ASCII
 * white space, U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE, U+200B ZERO
 * WIDTH SPACE and U+FEFF (byte order mark), which text pasted from web pages
 * and documents carries.  rid_decode_char() decodes the
 * character at p, returning its length in bytes (a whole UTF-8 sequence, or
 * 1 for a byte that does not begin a well-formed one, as utf8_core.h reads) and
 * setting *ch to '0'-'9' (ASCII or full-width), 'X' (either case, either
 * width) or 0 for anything else.
 */
extern void rid_trim_space(const unsigned char **start, const unsigned char **end);
extern size_t rid_decode_char(const unsigned char *p, size_t left, char *ch);

/*
 * The reason as one lower-case phrase, e.g. "check character is \"0\" but
 * should be \"X\"".  Returns the number of bytes written (snprintf rules).
 */
extern int	rid_error_reason(const RidError *err, char *buf, size_t size);

#endif							/* RESIDENT_ID_CORE_H */
