/*
 * tap.h
 *		A few Test Anything Protocol helpers for the plain-C unit tests, so
 *		that prove(1) runs them like the pgTAP files.
 */
#ifndef GRID_TAP_H
#define GRID_TAP_H

#include <stdio.h>
#include <string.h>

static int	tap_count = 0;
static int	tap_failed = 0;

static int
tap_ok(int pass, const char *name, const char *file, int line)
{
	tap_count++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tap_count, name);
	if (!pass)
	{
		tap_failed++;
		printf("#   Failed test at %s line %d.\n", file, line);
	}
	return pass;
}

#define ok(cond, name) tap_ok((cond) != 0, (name), __FILE__, __LINE__)

#define is_int(got, want, name) do { \
	long long g_ = (long long) (got), w_ = (long long) (want); \
	if (!tap_ok(g_ == w_, (name), __FILE__, __LINE__)) \
		printf("#          got: %lld\n#     expected: %lld\n", g_, w_); \
} while (0)

#define is_str(got, want, name) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!tap_ok(strcmp(g_, w_) == 0, (name), __FILE__, __LINE__)) \
		printf("#          got: '%s'\n#     expected: '%s'\n", g_, w_); \
} while (0)

static int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}

#endif							/* GRID_TAP_H */
