/*
 * ops_fuzz.c
 *		libFuzzer target for ops_core.c: any bytes, read as a time, must not
 *		crash or read past the end, and a time read must be a real one.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ops_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	OpsTime		t;

	if (ops_parse_time((const char *) data, size, &t) == OPS_TIME_OK)
	{
		OpsTime		limit = {2027, 1, 1, 0, 0, 0, 0, 1, 0, 0};

		if (!t.has_year && ops_resolve_year(&t, &limit) != OPS_TIME_OK)
			return 0;
		if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > ops_days_in_month(t.year, t.month) ||
			t.hour > 23 || t.minute > 59 || t.second > 59 || t.usec > 999999 ||
			t.zone_seconds < -86400 || t.zone_seconds > 86400)
			abort();
	}
	return 0;
}
