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

#endif							/* REPORTS_CORE_H */
