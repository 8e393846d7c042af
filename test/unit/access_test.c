/*
 * access_test.c
 *		Unit tests of access_core.c (phone masking), run without a server.
 */
#include "access_core.h"
#include "tap.h"

static const char *
masked(const char *input)
{
	static char out[256];

	access_mask_phone(input, strlen(input), out);
	return out;
}

int
main(void)
{
	char		out[64];

	is_str(masked("13812345678"), "138****5678", "mobile: first 3 and last 4 stay");
	is_str(masked("138 1234 5678"), "138 **** 5678", "spaces stay where they were");
	is_str(masked("138-1234-5678"), "138-****-5678", "dashes stay where they were");
	is_str(masked("+86 13812345678"), "+86 138****5678", "+86 is kept and not counted");
	is_str(masked("+8613812345678"), "+86138****5678", "+86 without a space");
	is_str(masked("0086-13812345678"), "0086-138****5678", "0086 with a separator");
	is_str(masked("0717-6212345"), "071*-***2345", "landline with area code: 11 digits");
	is_str(masked("6212345"), "*****45", "seven digits: only the last 2 stay");
	is_str(masked("(0717)621234"), "(****)****34", "ten digits: only the last 2 stay");
	is_str(masked("12345"), "*****", "fewer than 7 digits: all hidden");
	is_str(masked(""), "", "empty stays empty");
	is_str(masked("unknown"), "unknown", "no digits: nothing to hide");
	is_str(masked("１３８１２３４５６７８"), "１３８****５６７８", "full-width digits count and stay full width");
	is_int(access_mask_phone("１３８１２３４５６７８", strlen("１３８１２３４５６７８"), out),
		   strlen("１３８****５６７８"), "full-width masked digits shrink to one byte each");
	ok(strlen(masked("１３８１２３４５６７８")) < ACCESS_MASK_MAX(strlen("１３８１２３４５６７８")),
	   "output fits the bound");
	is_str(masked("138123456789012"), "138********9012", "long numbers keep 3 and 4");
	is_str(masked("\xEF\xBC"), "\xEF\xBC", "a truncated full-width digit is copied, not read past the end");

	return done_testing();
}
