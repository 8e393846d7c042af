/*
 * resident_id_test.c
 *		Unit tests of resident_id_core.c, run without a server.
 *		Check characters were computed independently of this code.
 */
#include "resident_id_core.h"
#include "tap.h"

#define TODAY 20261129

/* Parse and format back; "" when the parse fails. */
static const char *
round_trip(const char *input)
{
	static char out[RID_TEXT_LEN + 1];
	int64_t		v;

	if (rid_parse(input, strlen(input), TODAY, &v, NULL) != RID_OK)
		return "";
	rid_format(v, out);
	return out;
}

static RidError
error_of(const char *input)
{
	RidError	err;
	int64_t		v;

	rid_parse(input, strlen(input), TODAY, &v, &err);
	return err;
}

static const char *
reason_of(const char *input)
{
	static char buf[128];
	RidError	err = error_of(input);

	rid_error_reason(&err, buf, sizeof(buf));
	return buf;
}

static int64_t
value_of(const char *input)
{
	int64_t		v = -1;

	rid_parse(input, strlen(input), TODAY, &v, NULL);
	return v;
}

int
main(void)
{
	char		buf[RID_TEXT_LEN + 1];
	int64_t		v;

	/* check character */
	is_int(rid_check_character("44052418800101001"), '4', "standard's own example checks");
	is_int(rid_check_character("11010519491231002"), 'X', "check character X");

	/* accepted forms */
	is_str(round_trip("440524188001010014"), "440524188001010014", "born 1880 is valid");
	is_str(round_trip("11010519491231002x"), "11010519491231002X", "lower-case x");
	is_str(round_trip("  420503199003071230\t\n"), "420503199003071230", "surrounding white space");
	is_str(round_trip("\xE3\x80\x80" "420503199003071230" "\xE3\x80\x80"), "420503199003071230",
		   "ideographic space around");
	is_str(round_trip("\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x95\xEF\xBC\x90\xEF\xBC\x93"
					  "1990030712" "\xEF\xBC\x93\xEF\xBC\x90"), "420503199003071230",
		   "full-width digits");
	is_str(round_trip("1101051949123100\xEF\xBC\x92\xEF\xBC\xB8"), "11010519491231002X",
		   "full-width X");
	is_str(round_trip("1101051949123100\xEF\xBC\x92\xEF\xBD\x98"), "11010519491231002X",
		   "full-width lower-case x");
	is_str(round_trip("420503900307123"), "420503199003071230", "15 digits upgraded");
	is_str(round_trip("810000199001010019"), "810000199001010019", "Hong Kong residence permit");
	is_str(round_trip("942156199001010017"), "942156199001010017", "foreign permanent residence card");
	is_str(round_trip("42050320000229100X"), "42050320000229100X", "2000-02-29 exists");
	is_str(round_trip("420503202611291004"), "420503202611291004", "born today");

	/* rejections */
	is_int(error_of("42050319900307123").status, RID_BAD_LENGTH, "17 characters");
	is_int(error_of("42050319900307123").length, 17, "length reported");
	is_int(error_of("4205031990030712300").status, RID_BAD_LENGTH, "19 characters");
	is_int(error_of("").status, RID_BAD_LENGTH, "empty");
	is_int(error_of("   ").status, RID_BAD_LENGTH, "only spaces");
	is_int(error_of("420503-19900307123").status, RID_BAD_CHARACTER, "dash");
	is_int(error_of("420503-19900307123").position, 7, "dash position");
	is_int(error_of("4205031990030712X0").status, RID_BAD_CHARACTER, "X not last");
	is_int(error_of("4205031990030712X0").position, 17, "X position");
	is_int(error_of("42050390030712X").status, RID_BAD_CHARACTER, "X in 15 digits");
	is_int(error_of("王20503199003071230").position, 1, "Han character counts as one");
	is_int(error_of("42050319900307123\xff").status, RID_BAD_CHARACTER, "invalid byte");
	is_int(error_of("420503199003071231").status, RID_BAD_CHECK, "bad check");
	is_int(error_of("420503199003071231").expected_check, '0', "expected check reported");
	is_int(error_of("420503199002301006").status, RID_BAD_DATE, "Feb 30");
	is_int(error_of("420503190002291003").status, RID_BAD_DATE, "1900-02-29");
	is_int(error_of("420503190013291009").status, RID_BAD_DATE, "month 13");
	is_int(error_of("420503202611301006").status, RID_FUTURE_DATE, "born tomorrow");
	is_int(error_of("990503199001010013").status, RID_BAD_PROVINCE, "foreign card, province 90 of issue");
	is_int(error_of("100503199001010018").status, RID_BAD_PROVINCE, "province 10");
	is_int(error_of("100503199001010018").province, 10, "province reported");
	is_str(reason_of("420503199003071231"), "check character is \"1\" but should be \"0\"",
		   "check reason names the expected character");
	is_str(reason_of("420503199002301006"), "impossible birth date 1990-02-30", "date reason");
	is_str(reason_of("4205"), "wrong length: 4 characters, expected 18 (or 15 digits)", "length reason");

	/* fields */
	v = value_of("420503199003071230");
	is_int(rid_birth_ymd(v), 19900307, "birth date");
	is_int(rid_address_code(v), 420503, "address code");
	is_int(rid_is_male(v), 1, "odd sequence is male");
	is_int(rid_is_male(value_of("420503198512010028")), 0, "even sequence is female");
	is_int(rid_age(v, 20261129), 36, "age");
	is_int(rid_age(v, 20270306), 36, "day before birthday");
	is_int(rid_age(v, 20270307), 37, "on birthday");
	is_str(rid_kind_name(rid_kind(v)), "citizen", "citizen");
	is_str(rid_kind_name(rid_kind(value_of("810000199001010019"))), "hongkong_resident", "hong kong");
	is_str(rid_kind_name(rid_kind(value_of("820000199001010029"))), "macao_resident", "macao");
	is_str(rid_kind_name(rid_kind(value_of("830000199001010039"))), "taiwan_resident", "taiwan");
	is_str(rid_kind_name(rid_kind(value_of("942156199001010017"))), "foreign_permanent", "foreigner");
	rid_mask(value_of("11010519491231002X"), buf);
	is_str(buf, "110105********002X", "mask");

	/* binary validation */
	is_int(rid_validate(v, TODAY, NULL), RID_OK, "stored value validates");
	is_int(rid_validate(-1, TODAY, NULL), RID_BAD_LENGTH, "negative rejected");
	is_int(rid_validate(RID_MAX_VALUE + 1, TODAY, NULL), RID_BAD_LENGTH, "18 digits rejected");
	is_int(rid_validate(v, 19900306, NULL), RID_FUTURE_DATE, "future against an earlier today");

	/* every 17-digit prefix round-trips through its own check character */
	{
		int			bad = 0;

		for (int64_t seq = 0; seq < 1000; seq++)
		{
			int64_t		w;
			int64_t		in = INT64_C(42050319900307000) + seq;

			rid_format(in, buf);
			if (rid_parse(buf, 18, TODAY, &w, NULL) != RID_OK || w != in)
				bad++;
		}
		is_int(bad, 0, "1000 sequences round-trip");
	}
	return done_testing();
}
