/*
 * resident_id_fuzz.c
 *		libFuzzer target for rid_parse: any bytes either fail with a reason
 *		that formats, or give a value that validates, prints as 18
 *		characters and parses back to itself.
 *
 *		make fuzz FUZZ_SECONDS=60
 */
#include <stdlib.h>
#include <string.h>

#include "resident_id_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	int64_t		value = 0,
				again = 0;
	RidError	err;
	char		text[RID_TEXT_LEN + 1];
	char		reason[128];

	if (rid_parse((const char *) data, size, 20261129, &value, &err) != RID_OK)
	{
		if (rid_error_reason(&err, reason, sizeof(reason)) <= 0 ||
			strcmp(reason, "unknown error") == 0)
			abort();
		return 0;
	}
	if (rid_validate(value, 20261129, NULL) != RID_OK)
		abort();
	rid_format(value, text);
	if (strlen(text) != RID_TEXT_LEN)
		abort();
	if (rid_parse(text, RID_TEXT_LEN, 20261129, &again, NULL) != RID_OK || again != value)
		abort();
	rid_mask(value, text);
	return 0;
}
