/*
 * normalize_test.c
 *		Unit tests of normalize_core.c and its generated tables, run without
 *		a server under AddressSanitizer.  Output buffers are allocated at
 *		exactly the size the header promises, so any overrun is caught.
 */
#include <stdlib.h>

#include "normalize_core.h"
#include "normalize_tables.h"
#include "tap.h"

/* Results are kept in a ring of buffers so a test line may use two. */
static char ring[8][4096];
static int	ring_next = 0;

static const char *
keep(const char *s, size_t n)
{
	char	   *r = ring[ring_next++ % 8];

	if (n > sizeof(ring[0]) - 1)
		n = sizeof(ring[0]) - 1;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static const char *
name(const char *in)
{
	size_t		len = strlen(in);
	char	   *out = malloc(NZ_NAME_OUT_MAX(len));
	size_t		n = nz_normalize_name(in, len, out, NZ_NAME_OUT_MAX(len));
	const char *r = keep(out, n);

	free(out);
	return r;
}

static const char *
pinyin_style(const char *in, NzPinyinStyle style, int as_name)
{
	size_t		len = strlen(in);
	char	   *out = malloc(NZ_PINYIN_OUT_MAX(len));
	size_t		n = nz_pinyin(in, len, style, as_name, out, NZ_PINYIN_OUT_MAX(len));
	const char *r = keep(out, n);

	free(out);
	return r;
}

static const char *
py(const char *in)
{
	return pinyin_style(in, NZ_PINYIN_PLAIN, 1);
}

static const char *
phone(const char *in)
{
	char		out[NZ_PHONE_MAX + 1];

	if (nz_normalize_phone(in, strlen(in), out) == 0)
		return "NULL";
	return keep(out, strlen(out));
}

static double
sim(const char *a, const char *b)
{
	return nz_name_similarity(a, strlen(a), b, strlen(b));
}

static double
idsim(const char *a, const char *b)
{
	return nz_id_similarity(a, strlen(a), b, strlen(b));
}

#define near(x, y) ((x) > (y) - 1e-9 && (x) < (y) + 1e-9)

int
main(void)
{
	/* generated tables */
	ok(nz_syllable_count > 400 && nz_syllable_count < 1000, "syllable table has some 400 syllables");
	is_str(nz_syllable[0], "", "syllable 0 is none");
	{
		int			sorted = 1;

		for (int i = 2; i < nz_syllable_count; i++)
			if (strcmp(nz_syllable[i - 1], nz_syllable[i]) >= 0)
				sorted = 0;
		ok(sorted, "syllables sorted and unique");
	}
	{
		int			sorted = 1;

		for (int i = 1; i < nz_surname_count; i++)
			if (nz_surname[i - 1].first > nz_surname[i].first ||
				(nz_surname[i - 1].first == nz_surname[i].first &&
				 nz_surname[i - 1].second >= nz_surname[i].second))
				sorted = 0;
		ok(sorted, "surnames sorted for binary search");
	}
	is_int(nz_fold_char(0x5F35), 0x5F20, "張 folds to 张 (OpenCC)");
	is_int(nz_fold_char(0x5F20), 0x5F20, "张 stays");
	is_int(nz_fold_char(0x4E7E), 0x4E7E, "乾 stays: OpenCC lists it as its own simplified form too");
	is_int(nz_fold_char(0x9ED2), 0x9ED1, "黒 folds to 黑 (Unihan kZVariant, into the 2013 list)");
	is_int(nz_fold_char(0x5E7A), 0x5E7A, "幺 stays (it is in the 2013 list)");
	is_int(nz_fold_char(0xF900), 0x5C82, "compatibility ideograph U+F900 to 豈, then 岂");
	is_int(nz_fold_char(0x2F08), 0x4EBA, "Kangxi radical ⼈ to 人");
	is_int(nz_fold_char(0x85B4), 0x82CE, "chain 薴 -> 苧 -> 苎 followed");
	is_int(nz_fold_char(0x10FFFF), 0x10FFFF, "beyond the tables stays");
	is_str(nz_char_pinyin(0x4E2D), "zhong", "中 zhong");
	is_str(nz_char_pinyin(0x5415), "lv", "吕 lv");
	is_str(nz_char_pinyin(0x3007), "ling", "〇 ling, from readings_extra");
	is_str(nz_char_pinyin(0x4E7E), "qian", "乾 read as written, not as 干");
	is_str(nz_char_pinyin(0x0041), "", "A has no reading");

	/* normalize_name */
	is_str(name("張偉"), "张伟", "traditional to simplified");
	is_str(name(" 张\t伟　"), "张伟", "spaces, tab, ideographic space removed");
	is_str(name("阿卜杜拉·艾力"), "阿卜杜拉·艾力", "middle dot kept");
	is_str(name("阿卜杜拉.艾力"), "阿卜杜拉·艾力", "full stop is the dot");
	is_str(name("阿卜杜拉•艾力"), "阿卜杜拉·艾力", "bullet is the dot");
	is_str(name("阿卜杜拉・艾力"), "阿卜杜拉·艾力", "katakana middle dot is the dot");
	is_str(name("阿卜杜拉･艾力"), "阿卜杜拉·艾力", "half-width katakana middle dot is the dot");
	is_str(name("阿卜杜拉‧艾力"), "阿卜杜拉·艾力", "hyphenation point is the dot");
	is_str(name("阿卜杜拉∙艾力"), "阿卜杜拉·艾力", "bullet operator is the dot");
	is_str(name("阿卜杜拉．艾力"), "阿卜杜拉·艾力", "full-width full stop is the dot");
	is_str(name("·阿卜杜拉 · ・艾力。"), "阿卜杜拉·艾力", "runs of dots one, none at the ends");
	is_str(name("Ｚｈａｎｇ　Ｓａｎ"), "ZHANG SAN", "full-width Latin, one space between words");
	is_str(name("john  smith-jones"), "JOHN SMITH JONES", "Latin upper-cased, hyphen a space");
	is_str(name("O'Brien"), "OBRIEN", "apostrophe dropped");
	is_str(name("（张三）"), "张三", "full-width brackets dropped");
	is_str(name("《张三》、"), "张三", "CJK punctuation dropped");
	is_str(name("王芳\xF0\x9F\x98\x80"), "王芳", "emoji dropped");
	is_str(name("张\xE2\x80\x8B三"), "张三", "zero-width space dropped");
	is_str(name("张\xE2\x80\xAE三"), "张三", "bidi override dropped");
	is_int(nz_surname_count, 74, "74 surnames, each in sql/normalize.sql");
	is_str(name("王 Fang"), "王FANG", "no space kept next to a Chinese character");
	is_str(name("黒田"), "黑田", "Japanese form folded");
	is_str(name("劉德華"), "刘德华", "traditional name");
	is_str(name(""), "", "empty stays empty");
	is_str(name(" .·, "), "", "only punctuation gives empty");
	is_str(name("a\xFF" "b"), "AB", "invalid byte skipped");
	is_str(name("\xE5\xBC"), "", "truncated sequence skipped");
	is_str(name("\xED\xA0\x80x"), "X", "surrogate skipped");
	is_str(name("\xC0\xAF"), "", "overlong form skipped");

	/* pinyin */
	is_str(py("陈君"), "chen jun", "plain name");
	is_str(py("吕女士"), "lv nv shi", "u-umlaut as v");
	is_str(py("单田芳"), "shan tian fang", "单 as a surname");
	is_str(py("單田芳"), "shan tian fang", "單 simplified before the surname lookup");
	is_str(py("单于"), "chan yu", "compound surname before single");
	is_str(py("曾国藩"), "zeng guo fan", "曾 zeng");
	is_str(py("尉迟恭"), "yu chi gong", "尉迟 yu chi");
	is_str(py("万俟卨"), "mo qi xie", "万俟 mo qi");
	is_str(py("朴槿惠"), "piao jin hui", "朴 piao");
	is_str(py("区永平"), "ou yong ping", "区 ou");
	is_str(py("长孙无忌"), "zhang sun wu ji", "长孙 zhang sun");
	is_str(py(" ·单 田芳"), "shan tian fang", "surname after leading punctuation");
	is_str(pinyin_style("单田芳", NZ_PINYIN_PLAIN, 0), "dan tian fang", "not as a name: common reading");
	is_str(py("田单"), "tian dan", "surname reading only at the start");
	is_str(py("张3丰abc"), "zhang 3 feng abc", "ASCII tokens in lower case");
	is_str(py("Li Lei·韩梅梅"), "li lei han mei mei", "mixed scripts");
	is_str(py("ＡＢＣ１２"), "abc12", "full-width token");
	is_str(py("Ωмир"), "", "other scripts dropped");
	is_str(py(""), "", "empty");
	is_str(py("乾隆"), "qian long", "乾 read as written");
	is_str(pinyin_style("刘宁", NZ_PINYIN_FUZZY, 1), "liu lin", "fuzzy n/l and ing/in");
	is_str(pinyin_style("刘玲", NZ_PINYIN_FUZZY, 1), "liu lin", "fuzzy ling");
	is_str(pinyin_style("张山", NZ_PINYIN_FUZZY, 1), "zan san", "fuzzy zh/z sh/s ang/an");
	is_str(pinyin_style("陈程", NZ_PINYIN_FUZZY, 1), "cen cen", "fuzzy ch/c eng/en");
	is_str(pinyin_style("黄芳", NZ_PINYIN_FUZZY, 1), "huan han", "fuzzy f/h uang/uan");
	is_str(pinyin_style("任蓉", NZ_PINYIN_FUZZY, 1), "len long", "fuzzy r/l; ong kept");
	is_str(pinyin_style("江熊", NZ_PINYIN_FUZZY, 1), "jian xiong", "iang/ian; iong kept");
	is_str(pinyin_style("高康", NZ_PINYIN_FUZZY, 1), "gao kan", "k/g not applied");
	is_str(pinyin_style("陈君", NZ_PINYIN_INITIALS, 1), "cj", "initials");
	is_str(pinyin_style("欧阳娜娜 AB", NZ_PINYIN_INITIALS, 1), "oynna",
		   "initials of a compound surname and a token");
	{
		int			bad = 0;

		for (int i = 0; i < nz_syllable_count; i++)
		{
			const char *f = nz_syllable[nz_syllable_fuzzy[i]];

			if (strpbrk(f, "aeiouv") == NULL)
				continue;		/* interjections n, m, hm: nothing to fold */
			if (strncmp(f, "zh", 2) == 0 || strncmp(f, "ch", 2) == 0 || strncmp(f, "sh", 2) == 0 ||
				f[0] == 'n' || f[0] == 'r' || f[0] == 'f' ||
				nz_syllable_fuzzy[nz_syllable_fuzzy[i]] != nz_syllable_fuzzy[i])
				bad++;
		}
		is_int(bad, 0, "fuzzy fold leaves no zh ch sh n r f initial and is idempotent");
	}

	/* phones */
	is_str(phone("13800138000"), "13800138000", "plain mobile");
	is_str(phone("+86 138 0013 8000"), "13800138000", "+86 with spaces");
	is_str(phone("+86-138-0013-8000"), "13800138000", "+86 with dashes");
	is_str(phone("0086 13800138000"), "13800138000", "0086");
	is_str(phone("8613800138000"), "13800138000", "86 prefix");
	is_str(phone("(+86) 138.0013.8000"), "13800138000", "brackets and dots");
	is_str(phone("（＋８６）１３８－００１３－８０００"), "13800138000", "all full-width");
	is_str(phone("013800138000"), "13800138000", "trunk 0 before a mobile");
	is_str(phone("0717-6221234"), "07176221234", "Yichang landline");
	is_str(phone("(0717) 622 1234"), "07176221234", "landline with brackets");
	is_str(phone("+86 717 6221234"), "07176221234", "landline after +86");
	is_str(phone("+86 (0)717 6221234"), "07176221234", "landline after +86 (0)");
	is_str(phone("010-62345678"), "01062345678", "Beijing landline");
	is_str(phone("027-87654321"), "02787654321", "Wuhan landline");
	is_str(phone("0717-62212345"), "071762212345", "8-digit local number");
	is_str(phone("12345678901"), "NULL", "12 is no mobile prefix");
	is_str(phone("1380013800"), "NULL", "10 digits");
	is_str(phone("138001380001"), "NULL", "12 digits");
	is_str(phone("027-1234567"), "NULL", "Wuhan needs 8 digits");
	is_str(phone("0717-1234567"), "NULL", "local number cannot begin with 1");
	is_str(phone("011-62345678"), "NULL", "011 is no area code");
	is_str(phone("+852 91234567"), "NULL", "Hong Kong is not mainland");
	is_str(phone("13800138000 ext 1"), "NULL", "letters");
	is_str(phone("138+00138000"), "NULL", "plus inside");
	is_str(phone(""), "NULL", "empty");
	is_str(phone("1111111111111111111111111"), "NULL", "too many digits");

	/* name similarity */
	ok(near(sim("张伟", "张伟"), 1.0), "equal");
	ok(near(sim("張偉", "张伟"), 1.0), "traditional against simplified is 1");
	ok(near(sim(" 张 伟 ", "张伟"), 1.0), "spaces do not count");
	ok(near(sim("阿卜杜拉·艾力", "阿卜杜拉艾力"), 1.0), "dots do not count");
	ok(near(sim("陈君", "陈军"), NZ_SCORE_HOMOPHONE), "homophone 0.9");
	ok(near(sim("刘春丽", "刘春利"), NZ_SCORE_HOMOPHONE), "homophone in a longer name 0.9");
	ok(near(sim("单伟", "善伟"), NZ_SCORE_HOMOPHONE), "surname reading used: 单 shan ~ 善 shan");
	ok(near(sim("刘宁", "刘玲"), NZ_SCORE_FUZZY), "fuzzy n/l 0.8");
	ok(near(sim("陈君", "程军"), NZ_SCORE_FUZZY * NZ_SCORE_HOMOPHONE), "fuzzy and homophone 0.72");
	ok(near(sim("张伟", "zhang wei"), NZ_SCORE_HOMOPHONE * NZ_SCORE_HOMOPHONE), "typed pinyin 0.81");
	ok(near(sim("陈君", "陈君华"), NZ_SCORE_GAP), "one missing character");
	ok(near(sim("陈君", "陈芳"), NZ_SCORE_OTHER), "given name unrelated");
	ok(near(sim("张明", "张梅"), NZ_SCORE_PART), "same initial m");
	ok(sim("陈君", "王芳") <= 0.01 + 1e-9, "unrelated names 0.01");
	ok(sim("陈君", "陈军") > sim("刘宁", "刘玲") && sim("刘宁", "刘玲") > sim("陈君", "王芳"),
	   "homophone > fuzzy > unrelated");
	ok(near(sim("", ""), 0.0), "empty against empty is 0");
	ok(near(sim("王芳", ""), 0.0), "empty against a name is 0");
	ok(near(sim("王芳", "芳王"), NZ_SCORE_GAP * NZ_SCORE_GAP), "order matters: best is 芳 aligned, two gaps");
	{
		/* long names: only the first NZ_SIM_MAX_UNITS count, and it is quick */
		static char a[3 * 1000 + 1],
					b[3 * 1000 + 1];

		for (int i = 0; i < 1000; i++)
		{
			memcpy(a + 3 * i, "张", 3);
			memcpy(b + 3 * i, i < 100 ? "张" : "王", 3);
		}
		ok(near(sim(a, b), 1.0), "characters past the cap do not count");
	}

	/* ID similarity */
	ok(near(idsim("420503199003071230", "420503199003071230"), 1.0), "same ID");
	ok(near(idsim("420503199003071230", "420503900307123"), 1.0), "18 and 15 digits");
	ok(near(idsim("４２０５０３１９９００３０７１２３０", " 420503199003071230 "), 1.0), "full-width digits");
	ok(near(idsim("11010519491231002x", "11010519491231002X"), 1.0), "lower-case x");
	ok(near(idsim("420503199003071230", "420503199003071231"), NZ_ID_SCORE_TYPO), "wrong check character");
	ok(near(idsim("420503199003071230", "420503199003081230"), NZ_ID_SCORE_TYPO), "one wrong digit");
	ok(near(idsim("420503199003071230", "420503199003017230"), NZ_ID_SCORE_TYPO), "adjacent swap");
	ok(near(idsim("420503199003071230", "420503199003071203"), NZ_ID_SCORE_TYPO), "swap with the check");
	ok(near(idsim("420503199003081230", "420503199003071230"), NZ_ID_SCORE_TYPO), "symmetric");
	ok(near(idsim("420503199003071230", "420503199002301230"), 0.0), "two wrong digits");
	ok(near(idsim("420503199003071230", "420503198512010028"), 0.0), "two valid IDs");
	ok(near(idsim("420503199003071231", "420503199003071231"), 0.0), "two equal invalid IDs");
	ok(near(idsim("420503199003071230", "42050319900307123"), 0.0), "17 characters");
	ok(near(idsim("420503199003071230", "王家河"), 0.0), "not an ID");
	ok(near(idsim("", ""), 0.0), "empty");

	/* look-alike characters: the same four-corner code */
	is_int(nz_four_corner(0x738B), 1010, "王 is 1010");
	is_int(nz_four_corner(0x7389), 1010, "玉 is 1010");
	is_int(nz_four_corner(0x672A), nz_four_corner(0x672B), "未 and 末 share a code");
	is_int(nz_four_corner(0x5DF1), nz_four_corner(0x5DF2), "己 and 已 share a code");
	is_int(nz_four_corner(0x41), -1, "a Latin letter has none");
	is_int(nz_four_corner(0x20000), -1, "outside the table: none");
	ok(near(sim("曾秀玉", "曾秀王"), NZ_SCORE_SHAPE), "王 for 玉: a look-alike, not a disagreement");
	ok(near(sim("李未", "李末"), NZ_SCORE_SHAPE), "末 for 未");
	ok(near(sim("张伟", "张玮"), NZ_SCORE_HOMOPHONE), "a homophone keeps its credit");
	ok(sim("曾秀玉", "曾秀梅") < 0.5, "different characters still disagree");

	/* IDs one typing error away */
	{
		char		out[NZ_ID_NEIGHBOURS_MAX][19];
		int			n,
					found = 0;
		const char *good = "420503199003071230";

		/* 0307 typed 0370: March 70th, an impossible date */
		n = nz_id_neighbours("420503199003701230", 18, out, NZ_ID_NEIGHBOURS_MAX);
		ok(n > 0 && n < 40, "a swapped birth date has a few neighbours");
		for (int i = 0; i < n; i++)
			if (strcmp(out[i], good) == 0)
				found = 1;
		ok(found, "... and the true ID is among them");
		n = nz_id_neighbours("420503199003081230", 18, out, NZ_ID_NEIGHBOURS_MAX);
		found = 0;
		for (int i = 0; i < n; i++)
			if (strcmp(out[i], good) == 0)
				found = 1;
		ok(found, "one wrong digit: the true ID is a neighbour");
		is_int(nz_id_neighbours(good, 18, out, NZ_ID_NEIGHBOURS_MAX), 0, "a valid ID has no neighbours");
		is_int(nz_id_neighbours("42050319900307123", 17, out, NZ_ID_NEIGHBOURS_MAX), 0, "17 characters: none");
		is_int(nz_id_neighbours("王家河", strlen("王家河"), out, NZ_ID_NEIGHBOURS_MAX), 0, "not an ID: none");
		is_int(nz_id_neighbours("420503199003701230", 18, out, 1), 1, "at most max");
	}

	return done_testing();
}
