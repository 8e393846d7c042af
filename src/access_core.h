/*
 * access_core.h
 *		Masking of identifiers on reports, without PostgreSQL.
 *
 * A phone number keeps its shape (spaces, dashes, brackets and a leading
 * country code stay as written) while the digits in its middle become '*':
 * with 11 or more digits the first 3 and the last 4 stay (138****5678,
 * 071*-***2345), with 7 to 10 only the last 2 (*****45), with fewer none.  A leading "+86" or "0086" is kept and not counted.  Full-width
 * digits count as digits.
 */
#ifndef ACCESS_CORE_H
#define ACCESS_CORE_H

#include <stddef.h>

/*
 * Longest output for an input of len bytes: every masked digit may shrink
 * from 3 bytes (full width) to 1, never grow, so len suffices.
 */
#define ACCESS_MASK_MAX(len)	((len) + 1)

/*
 * Mask the phone number in input[0..len) into out, which has room for
 * ACCESS_MASK_MAX(len) bytes; writes a NUL and returns the length written.
 */
extern size_t access_mask_phone(const char *input, size_t len, char *out);

#endif							/* ACCESS_CORE_H */
