/*
 * resident_id_test.c
 *		Unit tests of resident_id_core.c, run without a server.
 *		Check characters were computed independently of this code.
 */
#include "resident_id_core.h"
#include "tap.h"

#include <stdio.h>

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
	is_int(error_of("990503199001010013").status, RID_BAD_ISSUE_PROVINCE, "foreign card, province 90 of issue");
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
	is_int(rid_validate(-1, TODAY, NULL), RID_OUT_OF_RANGE, "negative rejected");
	is_int(rid_validate(RID_MAX_VALUE + 1, TODAY, NULL), RID_OUT_OF_RANGE, "18 digits rejected");
	is_int(rid_validate(v, 19900306, NULL), RID_FUTURE_DATE, "future against an earlier today");

	/*
	 * Foreigners' permanent residence ID cards of 2023: 9, the mainland
	 * province of issue (characters 2-3), the nationality (ISO 3166-1
	 * numeric, 4-6), birth date, sequence, MOD 11-2 check.  The first
	 * vector is another library's published example (Beijing, Kazakhstan);
	 * the others were computed independently of this code.
	 */
	is_str(round_trip("911398199012310021"), "911398199012310021", "foreigner, Beijing, Kazakhstan");
	is_str(round_trip("911840199001010018"), "911840199001010018", "foreigner, Beijing, USA");
	is_str(round_trip("937840199001010017"), "937840199001010017", "foreigner, Shandong");
	is_str(round_trip("954840199001010018"), "954840199001010018", "foreigner, Tibet");
	is_str(round_trip("965840199001010029"), "965840199001010029", "foreigner, Xinjiang");
	is_str(round_trip("921156200002290015"), "921156200002290015", "foreigner born 2000-02-29");
	{
		static const int mainland[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
			41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
		int			accepted = 0,
					right_province = 0,
					kind = 0;

		for (size_t i = 0; i < sizeof(mainland) / sizeof(mainland[0]); i++)
			for (int nationality = 4; nationality < 1000; nationality += 7)
			{
				char		id[40];

				snprintf(id, sizeof(id), "9%02d%03d19900101001", mainland[i], nationality);
				id[17] = rid_check_character(id);
				id[18] = '\0';
				if (rid_parse(id, 18, TODAY, &v, NULL) != RID_OK)
					continue;
				accepted++;
				right_province += rid_issue_province(v) == mainland[i];
				kind += rid_kind(v) == RID_KIND_FOREIGN;
			}
		is_int(accepted, 31 * 143, "every mainland province of issue, any nationality");
		is_int(right_province, 31 * 143, "province of issue read from characters 2-3");
		is_int(kind, 31 * 143, "all foreigners' cards");
	}
	is_int(error_of("910840199001010017").status, RID_BAD_ISSUE_PROVINCE, "foreigner, province 10 of issue");
	is_int(error_of("910840199001010017").province, 10, "province of issue reported");
	is_int(error_of("966840199001010011").status, RID_BAD_ISSUE_PROVINCE, "foreigner, province 66 of issue");
	is_int(error_of("971840199001010019").status, RID_BAD_ISSUE_PROVINCE, "foreigners' cards are not issued in Taiwan");
	is_int(error_of("981840199001010010").status, RID_BAD_ISSUE_PROVINCE, "nor in Hong Kong");
	is_int(error_of("982840199001010011").status, RID_BAD_ISSUE_PROVINCE, "nor in Macao");
	is_int(error_of("983840199001010012").status, RID_BAD_ISSUE_PROVINCE, "nor under 83");
	is_str(reason_of("981840199001010010"),
		   "province of issue \"81\" (characters 2 and 3) is not a province of the mainland",
		   "reason names the province of issue");
	is_int(error_of("911840209912310018").status, RID_FUTURE_DATE, "foreigner born in the future");

	/* Hong Kong, Macao and Taiwan have one address code each */
	is_int(error_of("811234199001010014").status, RID_BAD_ADDRESS, "811234 is no code of Hong Kong");
	is_int(error_of("811234199001010014").address, 811234, "address code reported");
	is_int(error_of("820001199001010017").status, RID_BAD_ADDRESS, "820001 is no code of Macao");
	is_int(error_of("830100199001010018").status, RID_BAD_ADDRESS, "830100 is no permit code");
	is_int(error_of("710101199001010017").status, RID_BAD_ADDRESS, "710101 is no code of Taiwan");
	is_str(round_trip("710000199001010015"), "710000199001010015", "710000 is Taiwan's province code");
	is_str(reason_of("811234199001010014"),
		   "address code 811234 does not exist (81 has only 810000)",
		   "reason names the only code");

	/* 15 digits are first-generation citizen IDs, never permits or foreigners' cards */
	is_int(error_of("810000900101001").status, RID_NOT_FIRST_GENERATION, "15 digits of Hong Kong");
	is_int(error_of("830000900101001").status, RID_NOT_FIRST_GENERATION, "15 digits of Taiwan");
	is_int(error_of("710000900101001").status, RID_NOT_FIRST_GENERATION, "15 digits of 71");
	is_int(error_of("911840900101001").status, RID_NOT_FIRST_GENERATION, "15 digits beginning with 9");
	is_str(reason_of("810000900101001"),
		   "a 15-digit number cannot begin with \"81\" (first-generation IDs were issued on the mainland only)",
		   "first-generation reason");
	/* sequences 996-999 of 15-digit numbers were given to people aged 100 or more */
	is_int(error_of("420503900307996").status, RID_CENTURY_UNKNOWN, "sequence 996");
	is_int(error_of("420503900307999").status, RID_CENTURY_UNKNOWN, "sequence 999");
	is_str(round_trip("420503900307995"), "420503199003079953", "sequence 995 is upgraded");
	is_str(reason_of("420503900307997"),
		   "15-digit number with sequence 997: born in 1890 or 1990",
		   "century reason names both years");
	is_int(error_of("420503000229996").status, RID_BAD_DATE, "impossible date comes first");

	/* the foreigners' cards of 2004 and 2017: three letters and 12 digits */
	is_int(error_of("KAZ110090123105").status, RID_OLD_FOREIGN_CARD, "2017 card");
	is_int(error_of("usa110090123105").status, RID_OLD_FOREIGN_CARD, "lower-case letters");
	is_int(error_of(" USA\xEF\xBC\x91\xEF\xBC\x91" "0090123105 ").status, RID_OLD_FOREIGN_CARD,
		   "full-width digits, spaces around");
	is_int(error_of("KAZ11009012310").status, RID_BAD_CHARACTER, "3 letters and 11 digits");
	is_int(error_of("KAZ1100901231055").status, RID_BAD_CHARACTER, "3 letters and 13 digits");
	is_str(reason_of("KAZ110090123105"),
		   "foreigner's permanent residence card number of the 2004 or 2017 form",
		   "old card reason");

	/* white space pasted from web pages and documents */
	is_str(round_trip("\xC2\xA0" "420503199003071230" "\xC2\xA0"), "420503199003071230", "no-break spaces");
	is_str(round_trip("\xEF\xBB\xBF" "420503199003071230"), "420503199003071230", "byte order mark");
	is_str(round_trip("420503199003071230" "\xE2\x80\x8B"), "420503199003071230", "zero-width space");
	is_int(error_of("420503\xC2\xA0" "199003071230").status, RID_BAD_CHARACTER, "no-break space inside");

	/* a NUL byte inside, and a megabyte of digits */
	{
		RidError	err;
		static char big[1 << 20];

		is_int(rid_parse("420503\0" "99003071230", 18, TODAY, &v, &err), RID_BAD_CHARACTER, "NUL inside");
		is_int(err.position, 7, "NUL position");
		memset(big, '4', sizeof(big));
		is_int(rid_parse(big, sizeof(big), TODAY, &v, &err), RID_BAD_LENGTH, "a megabyte of digits");
		is_int(err.length, 1 << 20, "its length reported");
	}

	/* binary input: the same rules */
	is_int(rid_validate(INT64_C(98184019900101001), TODAY, NULL), RID_BAD_ISSUE_PROVINCE,
		   "stored foreigner of 81 rejected");
	is_int(rid_validate(INT64_C(91184019900101001), TODAY, NULL), RID_OK, "stored foreigner of 11");
	is_int(rid_validate(INT64_C(81123419900101001), TODAY, NULL), RID_BAD_ADDRESS, "stored 811234 rejected");

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
