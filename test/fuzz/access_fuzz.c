/*
 * access_fuzz.c
 *		libFuzzer target for access_mask_phone: any bytes give output that
 *		fits the bound, is terminated, and keeps at most 7 digits visible.
 */
#include <stdlib.h>
#include <string.h>

#include "access_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	   *out = malloc(ACCESS_MASK_MAX(size));
	size_t		n,
				i,
				visible = 0;

	if (out == NULL)
		return 0;
	n = access_mask_phone((const char *) data, size, out);
	if (n > size || out[n] != '\0')
		abort();
	/* Digits outside a leading "+86"/"0086" that stayed: never more than 3 + 4. */
	for (i = 0; i < n; i++)
		if (out[i] >= '0' && out[i] <= '9')
			visible++;
	if (visible > 7 + 4)
		abort();
	free(out);
	return 0;
}
