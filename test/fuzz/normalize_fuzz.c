/*
 * normalize_fuzz.c
 *		libFuzzer target for normalize_core.c: any bytes, valid UTF-8 or
 *		not, go through every function with output buffers of exactly the
 *		promised size (AddressSanitizer catches a write past them), and the
 *		results keep their invariants: normalisation is idempotent, pinyin
 *		is lower-case ASCII with single spaces, a phone number is digits,
 *		similarities lie in [0, 1] and are symmetric, a text is 1 to itself.
 *
 *		make fuzz FUZZ_SECONDS=60
 */
#include <stdlib.h>
#include <string.h>

#include "normalize_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void
check_pinyin(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '))
			abort();
		if (c == ' ' && (i == 0 || i + 1 == n || s[i - 1] == ' '))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *in = (const char *) data;
	size_t		cap = NZ_PINYIN_OUT_MAX(size);
	char	   *out = malloc(cap);
	char	   *again = malloc(NZ_NAME_OUT_MAX(cap));
	char		phone[NZ_PHONE_MAX + 1];
	size_t		n,
				m,
				half = size / 2;
	double		s,
				t;
	int			k;

	/* normalize_name, then again: nothing changes the second time */
	n = nz_normalize_name(in, size, out, NZ_NAME_OUT_MAX(size));
	if (n > NZ_NAME_OUT_MAX(size))
		abort();
	m = nz_normalize_name(out, n, again, NZ_NAME_OUT_MAX(n));
	if (m != n || memcmp(out, again, n) != 0)
		abort();

	for (int style = NZ_PINYIN_PLAIN; style <= NZ_PINYIN_INITIALS; style++)
	{
		n = nz_pinyin(in, size, (NzPinyinStyle) style, size & 1, out, cap);
		if (n > cap)
			abort();
		check_pinyin(out, n);
	}

	k = nz_normalize_phone(in, size, phone);
	if (k < 0 || k > NZ_PHONE_MAX || (int) strlen(phone) != k)
		abort();
	for (int i = 0; i < k; i++)
		if (phone[i] < '0' || phone[i] > '9')
			abort();

	s = nz_name_similarity(in, half, in + half, size - half);
	t = nz_name_similarity(in + half, size - half, in, half);
	if (!(s >= 0.0 && s <= 1.0) || s != t)
		abort();
	s = nz_name_similarity(in, size, in, size);
	if (s != 0.0 && s != 1.0)
		abort();

	s = nz_id_similarity(in, half, in + half, size - half);
	t = nz_id_similarity(in + half, size - half, in, half);
	if (!(s >= 0.0 && s <= 1.0) || s != t)
		abort();

	free(out);
	free(again);
	return 0;
}
