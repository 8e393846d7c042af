/*
 * division_fuzz.c
 *		libFuzzer target for div_parse: any bytes either fail with a reason
 *		that formats, or give a value that validates, prints at its level's
 *		own length, parses back to itself and lies in its ancestors' ranges.
 *
 *		make fuzz FUZZ_SECONDS=60
 */
#include <stdlib.h>
#include <string.h>

#include "division_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	int64_t		value = 0,
				again = 0;
	int64_t		chain[DIV_LEVELS];
	DivError	err;
	char		text[DIV_TEXT_LEN + 1];
	char		reason[128];
	int			len,
				n;

	if (div_parse((const char *) data, size, &value, &err) != DIV_OK)
	{
		if (div_error_reason(&err, reason, sizeof(reason)) <= 0)
			abort();
		return 0;
	}
	if (div_validate(value, NULL) != DIV_OK)
		abort();
	len = div_format(value, text);
	if (len != div_level_length(div_level(value)) || (size_t) len != strlen(text))
		abort();
	if (div_parse(text, (size_t) len, &again, NULL) != DIV_OK || again != value)
		abort();
	/* one ancestor per level, less a county of a city without counties */
	n = div_ancestors(value, chain);
	if (n < div_level(value) - 1 || n > div_level(value) || chain[n - 1] != value)
		abort();
	for (int i = 0; i < n; i++)
		if (!div_contains(chain[i], value) || div_validate(chain[i], NULL) != DIV_OK ||
			(i > 0 && div_parent(chain[i]) != chain[i - 1]))
			abort();
	return 0;
}
