/*
 * division_test.c
 *		Unit tests of division_core.c, run without a server.
 */
#include "division_core.h"
#include "tap.h"

/* Parse and format back; "" when the parse fails. */
static const char *
round_trip(const char *input)
{
	static char out[DIV_TEXT_LEN + 1];
	int64_t		v;

	if (div_parse(input, strlen(input), &v, NULL) != DIV_OK)
		return "";
	div_format(v, out);
	return out;
}

static int64_t
value_of(const char *input)
{
	int64_t		v = -1;

	div_parse(input, strlen(input), &v, NULL);
	return v;
}

static DivStatus
status_of(const char *input)
{
	int64_t		v;

	return div_parse(input, strlen(input), &v, NULL);
}

static const char *
reason_of(const char *input)
{
	static char buf[128];
	DivError	err;
	int64_t		v;

	div_parse(input, strlen(input), &v, &err);
	div_error_reason(&err, buf, sizeof(buf));
	return buf;
}

static const char *
text_of(int64_t v)
{
	static char out[DIV_TEXT_LEN + 1];

	div_format(v, out);
	return out;
}

int
main(void)
{
	int64_t		chain[DIV_LEVELS];
	DivError	err;
	char		buf[128];
	int			n;

	/* each level's own length */
	is_str(round_trip("42"), "42", "province");
	is_str(round_trip("4205"), "4205", "city");
	is_str(round_trip("420503"), "420503", "county");
	is_str(round_trip("420503004"), "420503004", "township");
	is_str(round_trip("420503004001"), "420503004001", "village");
	is_str(round_trip("420503004001007"), "420503004001007", "grid");

	/* zero-padded forms */
	is_str(round_trip("420500"), "4205", "six-digit city");
	is_str(round_trip("420000"), "42", "six-digit province");
	is_str(round_trip("4200"), "42", "four-digit province");
	is_str(round_trip("420500000000"), "4205", "twelve-digit city");
	is_str(round_trip("420503000000"), "420503", "twelve-digit county");
	is_str(round_trip("420503004000"), "420503004", "twelve-digit township");
	is_str(round_trip("420503004001000"), "420503004001", "fifteen-digit village");
	is_str(round_trip("420581104"), "420581104", "a real township");
	is_int(value_of("4205"), INT64_C(420500000000000), "stored zero-padded to 15 digits");
	is_int(value_of("420500"), value_of("420500000000000"), "all forms are one value");
	is_int(value_of("420503004001007"), INT64_C(420503004001007), "grid value");

	/* typed forms */
	is_str(round_trip("  420503\t\n"), "420503", "surrounding white space");
	is_str(round_trip("\xE3\x80\x80" "420503" "\xE3\x80\x80"), "420503", "ideographic space");
	is_str(round_trip("\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x95"), "4205",
		   "full-width digits");
	is_str(round_trip("4205\xEF\xBC\x90\xEF\xBC\x93"), "420503", "mixed widths");

	/* rejections */
	is_int(status_of(""), DIV_EMPTY, "empty");
	is_int(status_of("   "), DIV_EMPTY, "only spaces");
	is_int(status_of("42050"), DIV_BAD_LENGTH, "five digits");
	is_int(status_of("4205030"), DIV_BAD_LENGTH, "seven digits");
	is_int(status_of("4205030040010070"), DIV_BAD_LENGTH, "sixteen digits");
	is_int(status_of("4205030040010070123456789"), DIV_BAD_LENGTH, "25 digits");
	is_int(status_of("4"), DIV_BAD_LENGTH, "one digit");
	is_int(status_of("42O5"), DIV_BAD_CHARACTER, "letter O");
	is_int(status_of("4205x"), DIV_BAD_CHARACTER, "x is no digit here");
	is_int(status_of("4205 03"), DIV_BAD_CHARACTER, "inner space");
	is_int(status_of("-4205"), DIV_BAD_CHARACTER, "sign");
	is_int(status_of("\xE6\xB9\x96\xE5\x8C\x97"), DIV_BAD_CHARACTER, "Chinese text");
	is_int(status_of("00"), DIV_ALL_ZERO, "all-zero province");
	is_int(status_of("000000000000000"), DIV_ALL_ZERO, "fifteen zeros");
	is_int(status_of("420003004"), DIV_GAP, "county under a zero city");
	is_int(status_of("420500000001"), DIV_GAP, "village under a zero township of a city");
	/* cities without counties number their townships directly (东莞 4419) */
	is_int(status_of("441900003"), DIV_OK, "township of a city without counties");
	{
		int64_t		v = INT64_C(441900003000000);
		int64_t		chain[DIV_LEVELS];

		is_int(div_level(v), DIV_TOWNSHIP, "its level is township");
		is_int(div_parent(v), INT64_C(441900000000000), "its parent is the city");
		is_int(div_ancestor(v, DIV_COUNTY), 0, "it has no county");
		is_int(div_ancestors(v, chain), 3, "three ancestors: province, city, itself");
		is_int(chain[1], INT64_C(441900000000000), "the city is the second");
		is_int(div_contains(INT64_C(441900000000000), v), 1, "the city contains it");
	}
	is_int(status_of("000503"), DIV_GAP, "county under a zero province");
	is_int(status_of("420503000001"), DIV_GAP, "village under a zero township");
	is_int(status_of("420503004000007"), DIV_GAP, "grid under a zero village");
	is_int(status_of("10"), DIV_BAD_PROVINCE, "10 is no province");
	is_int(status_of("990503"), DIV_BAD_PROVINCE, "99 is no province");
	/* Taiwan, Hong Kong, Macao and the Taiwan residents' permit code stand alone */
	is_str(round_trip("81"), "81", "Hong Kong");
	is_str(round_trip("830000"), "83", "Taiwan residents' permits, padded");
	is_str(round_trip("710000000000000"), "71", "Taiwan, padded to 15");
	is_int(status_of("8101"), DIV_NO_SUBDIVISION, "no city under Hong Kong");
	is_int(status_of("820101"), DIV_NO_SUBDIVISION, "no county under Macao");
	is_int(status_of("830101001"), DIV_NO_SUBDIVISION, "no township under 83");
	is_int(status_of("710101001001007"), DIV_NO_SUBDIVISION, "no grid under Taiwan");
	is_str(reason_of("8101"), "\"81\" has no divisions below it", "reason: no divisions");
	is_int(div_validate(INT64_C(810100000000000), NULL), DIV_NO_SUBDIVISION, "binary: city under 81");
	/* white space pasted from web pages and documents */
	is_str(round_trip("\xC2\xA0" "420503" "\xC2\xA0"), "420503", "no-break spaces");
	is_str(round_trip("\xEF\xBB\xBF" "420503004"), "420503004", "byte order mark");
	is_str(round_trip("420503004001" "\xE2\x80\x8B"), "420503004001", "zero-width space");
	is_int(status_of("4205\xC2\xA0" "03"), DIV_BAD_CHARACTER, "no-break space inside");

	/* reasons */
	is_str(reason_of(""), "no digits", "reason: empty");
	is_str(reason_of("42050"), "wrong length: 5 digits, expected 2, 4, 6, 9, 12 or 15",
		   "reason: length");
	is_str(reason_of("4"), "wrong length: 1 digit, expected 2, 4, 6, 9, 12 or 15",
		   "reason: one digit");
	is_str(reason_of("42a5"), "invalid character at position 3", "reason: character");
	is_str(reason_of("\xEF\xBC\x94\xE5\x8C\x97"), "invalid character at position 2",
		   "positions count characters, not bytes");
	is_str(reason_of("00"), "every part is zero", "reason: all zero");
	is_str(reason_of("420003004"),
		   "county part \"03\" is not zero but the city part above it is",
		   "reason: gap");
	is_str(reason_of("10"), "code begins with \"10\", which is no province", "reason: province");

	/* binary input */
	is_int(div_validate(INT64_C(420503004001007), NULL), DIV_OK, "validate a grid");
	is_int(div_validate(-1, NULL), DIV_OUT_OF_RANGE, "negative");
	is_int(div_validate(INT64_C(1000000000000000), NULL), DIV_OUT_OF_RANGE, "sixteen digits");
	is_int(div_validate(0, NULL), DIV_ALL_ZERO, "zero");
	is_int(div_validate(INT64_C(420003004000000), NULL), DIV_GAP, "gap");
	is_int(div_validate(INT64_C(100000000000000), NULL), DIV_BAD_PROVINCE, "province 10");
	div_validate(-5, &err);
	div_error_reason(&err, buf, sizeof(buf));
	is_str(buf, "value -5 is out of range", "reason: out of range");

	/* levels */
	is_int(div_level(value_of("42")), DIV_PROVINCE, "level province");
	is_int(div_level(value_of("4205")), DIV_CITY, "level city");
	is_int(div_level(value_of("420503")), DIV_COUNTY, "level county");
	is_int(div_level(value_of("420503004")), DIV_TOWNSHIP, "level township");
	is_int(div_level(value_of("420503004001")), DIV_VILLAGE, "level village");
	is_int(div_level(value_of("420503004001007")), DIV_GRID, "level grid");
	is_str(div_level_name(DIV_TOWNSHIP), "township", "level name");
	is_int(div_level_by_name("village", 7), DIV_VILLAGE, "level by name");
	is_int(div_level_by_name("villages", 8), 0, "unknown level name");
	is_int(div_level_by_name("vill", 4), 0, "prefix of a level name");
	is_int(div_level_length(DIV_GRID), 15, "grid length");
	is_int(div_level_length(7), 0, "no level 7");

	/* parent, ancestor, ancestors */
	is_str(text_of(div_parent(value_of("420503004001007"))), "420503004001", "parent of a grid");
	is_str(text_of(div_parent(value_of("420503004"))), "420503", "parent of a township");
	is_str(text_of(div_parent(value_of("4205"))), "42", "parent of a city");
	is_int(div_parent(value_of("42")), 0, "a province has no parent");
	is_str(text_of(div_ancestor(value_of("420503004001007"), DIV_CITY)), "4205", "city of a grid");
	is_str(text_of(div_ancestor(value_of("420503"), DIV_COUNTY)), "420503", "own level is itself");
	is_int(div_ancestor(value_of("420503"), DIV_TOWNSHIP), 0, "a deeper level gives nothing");
	is_int(div_ancestor(value_of("420503"), 0), 0, "level 0 gives nothing");
	n = div_ancestors(value_of("420503004001"), chain);
	is_int(n, 5, "a village has five ancestors and selves");
	is_str(text_of(chain[0]), "42", "first is the province");
	is_str(text_of(chain[3]), "420503004", "fourth is the township");
	is_str(text_of(chain[4]), "420503004001", "last is itself");

	/* subtree ranges and containment */
	is_int(div_subtree_last(value_of("420503")), INT64_C(420503999999999), "county subtree");
	is_int(div_subtree_last(value_of("83")), INT64_C(839999999999999), "last province subtree");
	is_int(div_subtree_last(value_of("420503004001007")), INT64_C(420503004001007),
		   "a grid's subtree is itself");
	ok(div_contains(value_of("42"), value_of("420503004001007")), "province contains a grid");
	ok(div_contains(value_of("420503"), value_of("420503")), "containment is reflexive");
	ok(div_contains(value_of("420503"), value_of("420503004")), "county contains its township");
	ok(!div_contains(value_of("420503004"), value_of("420503")), "not upwards");
	ok(!div_contains(value_of("420503"), value_of("420504")), "not a sibling");
	ok(!div_contains(value_of("420503"), value_of("4205")), "not the parent");
	ok(!div_contains(value_of("4205"), value_of("420601")), "not a cousin");
	ok(div_contains(value_of("420599"), value_of("420599999999999")), "subtree edge");

	/* address codes of resident IDs */
	is_str(text_of(div_from_address_code(420503)), "420503", "county address code");
	is_str(text_of(div_from_address_code(420500)), "4205", "city address code");
	is_str(text_of(div_from_address_code(810000)), "81", "Hong Kong permit");
	is_str(text_of(div_from_address_code(420003)), "42", "cut at the first zero part");
	is_int(div_from_address_code(503), 0, "zero province");

	/* a registry's cell text under a village */
	{
		int64_t		village = value_of("420503004001");

		is_int(div_cell_under("420503004001007", 15, village), value_of("420503004001007"), "cell under its village");
		is_int(div_cell_under("420503004001000", 15, village), 0, "the village itself is no cell");
		is_int(div_cell_under("420503004002007", 15, village), 0, "a cell of another village");
		is_int(div_cell_under("42050300400100", 14, village), 0, "14 digits");
		is_int(div_cell_under("420503004001 07", 15, village), 0, "a space");
		is_int(div_cell_under("4205030040010070", 16, village), 0, "16 digits");
		is_int(div_cell_under("420503004001007", 15, value_of("420503004")), 0, "a township is no village");
		is_int(div_cell_under("420503004001007", 15, value_of("420503004001007")), 0, "a cell is no village");
		is_int(div_cell_under("\xef\xbc\x94\xef\xbc\x92", 6, village), 0, "full-width digits");
		is_int(div_cell_under("", 0, village), 0, "empty");
	}

	/* every value of a few ranges formats and parses back */
	{
		int			bad = 0;

		for (int64_t t = 1; t <= 999; t++)
		{
			int64_t		v = INT64_C(420503000000000) + t * 1000000;
			int64_t		back = -1;
			char		out[DIV_TEXT_LEN + 1];
			int			len = div_format(v, out);

			if (div_parse(out, (size_t) len, &back, NULL) != DIV_OK || back != v)
				bad++;
		}
		is_int(bad, 0, "every township of a county round-trips");
	}

	return done_testing();
}
