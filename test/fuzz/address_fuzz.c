/*
 * address_fuzz.c
 *		libFuzzer target for the address core: any bytes normalise and parse
 *		into spans that lie inside the normalised text, in order, and
 *		division stems never exceed their buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "address_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* A span lies inside the text of length n. */
static void
check_span(AddrSpan s, int n)
{
	if (s.len < 0 || s.off < 0 || (s.len > 0 && s.off + s.len > n))
		abort();
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char		norm[ADDR_MAX_INPUT + 1];
	char		stem[16];
	AddrParts	p;
	AddrLevel	level;
	int			n = addr_normalize((const char *) data, size, norm);

	if (n < 0 || n > ADDR_MAX_INPUT || (int) strlen(norm) != n)
		abort();
	if (addr_parse(norm, n, &p) == 0)
	{
		if (p.ndivisions < 0 || p.ndivisions > ADDR_MAX_DIVISIONS)
			abort();
		for (int k = 0; k < p.ndivisions; k++)
		{
			check_span(p.divisions[k].stem, n);
			check_span(p.divisions[k].name, n);
			if (p.divisions[k].stem.len <= 0 || p.divisions[k].level < ADDR_COUNTY ||
				p.divisions[k].level > ADDR_COMMUNITY)
				abort();
		}
		check_span(p.road, n);
		check_span(p.number, n);
		check_span(p.estate, n);
		check_span(p.building, n);
		check_span(p.unit, n);
		check_span(p.room, n);
		check_span(p.rest, n);
	}
	if (addr_division_stem((const char *) data, size, stem, sizeof(stem), &level) >= (int) sizeof(stem))
		abort();
	return 0;
}
