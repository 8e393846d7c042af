/*
 * reports_core.h
 *		The archive's identifier rules, without PostgreSQL: which field of a
 *		report row grid.archive_masked would change (see src/reports.sql).
 */
#ifndef REPORTS_CORE_H
#define REPORTS_CORE_H

#include <stdbool.h>
#include <stddef.h>

/* A resident ID in full: 17 digits and a digit or X (either case). */
extern bool reports_is_full_id(const char *s, size_t len);

/* A resident ID as grid.mask writes it: 6 digits, 8 '*', 3 digits, a digit or X. */
extern bool reports_is_masked_id(const char *s, size_t len);

/* A phone number already masked: a '*' and at most 7 digits. */
extern bool reports_is_masked_phone(const char *s, size_t len);

/*
 * Whether grid.archive_mask_value(key, value) may change a string field:
 * a full ID under any key, a field resident not already a masked ID, a
 * field phone or *_phone not already masked.
 */
extern bool reports_field_needs_mask(const char *key, size_t klen, const char *value, size_t vlen);

/*
 * Per-channel counts as grid.cell_day.reached keeps them (grid.reached_count):
 * element k counts the resident-days whose channel bits have bit 2^(k-1),
 * for k of 1 to REPORTS_CHANNEL_BITS.  reports_reached_add adds a signed
 * resident-day to counts; reports_reached_length says how many leading
 * elements to keep (up to the last non-zero one; 0 when all are 0).
 */
#define REPORTS_CHANNEL_BITS	15
extern void reports_reached_add(int channels, long long sign, long long counts[REPORTS_CHANNEL_BITS]);
extern int	reports_reached_length(const long long counts[REPORTS_CHANNEL_BITS]);

#endif							/* REPORTS_CORE_H */
