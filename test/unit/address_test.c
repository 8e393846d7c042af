/*
 * address_test.c
 *		Unit tests of address_core: normalising, splitting and division stems.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address_core.h"
#include "tap.h"

/* The parse of an address as one line: divisions, then each part. */
static const char *
show(const char *in)
{
	static char buf[4096];
	char		norm[ADDR_MAX_INPUT + 1];
	AddrParts	p;
	int			n = addr_normalize(in, strlen(in), norm);
	size_t		o = 0;
	static const char *const lv[] = {"?", "county", "township", "village", "community"};

	if (addr_parse(norm, n, &p) != 0)
		return "(empty)";
	buf[0] = '\0';
	for (int k = 0; k < p.ndivisions; k++)
		o += snprintf(buf + o, sizeof(buf) - o, "%.*s/%s ", p.divisions[k].stem.len,
					  norm + p.divisions[k].stem.off, lv[p.divisions[k].level]);
#define PART(f) if (p.f.len) o += snprintf(buf + o, sizeof(buf) - o, #f "=%.*s ", p.f.len, norm + p.f.off)
	PART(road);
	PART(number);
	PART(estate);
	PART(building);
	PART(unit);
	PART(room);
	PART(rest);
	if (o > 0)
		buf[o - 1] = '\0';
	return buf;
}

static const char *
stem(const char *name, int *level)
{
	static char out[256];
	AddrLevel	l;

	addr_division_stem(name, strlen(name), out, sizeof(out), &l);
	*level = (int) l;
	return out;
}

int
main(void)
{
	int			level;
	char		norm[ADDR_MAX_INPUT + 1];
	char	   *big;

	/* normalising */
	addr_normalize("湖北省宜昌市 伍家岗区", strlen("湖北省宜昌市 伍家岗区"), norm);
	is_str(norm, "伍家岗区", "prefix and space dropped");
	addr_normalize("３－２－５０１", strlen("３－２－５０１"), norm);
	is_str(norm, "3-2-501", "full-width digits and dash");
	addr_normalize("宜昌市", strlen("宜昌市"), norm);
	is_str(norm, "宜昌市", "the prefix alone is kept");
	addr_normalize("a（b）c，ｄ", strlen("a（b）c，ｄ"), norm);
	is_str(norm, "ABCD", "punctuation dropped, letters upper-cased");
	is_int(addr_normalize("", 0, norm), 0, "empty");
	is_int(addr_normalize("\xff\xfe\xe4", 3, norm), 0, "invalid UTF-8 dropped");
	/* ill-formed UTF-8 is dropped a byte at a time, never decoded */
	addr_normalize("3\xC1\x81" "5", 4, norm);
	is_str(norm, "35", "an overlong A (C1 81) is dropped, not read as A");
	addr_normalize("3\xED\xA0\x80" "5", 5, norm);
	is_str(norm, "35", "a surrogate is dropped, not copied into the output");
	addr_normalize("3\xF5\x80\x80\x80" "5", 6, norm);
	is_str(norm, "35", "a code point beyond U+10FFFF is dropped");
	addr_normalize("35\xE4" "A", 4, norm);
	is_str(norm, "35A", "a lead byte cut short does not swallow what follows");
	addr_normalize("\xF0\xA0\x80\x80" "村", 7, norm);
	is_str(norm, "\xF0\xA0\x80\x80" "村", "a four-byte character (U+20000) is kept");

	/* Chinese numerals before a marker are read as digits */
	addr_normalize("万达广场三栋二单元五〇三室", strlen("万达广场三栋二单元五〇三室"), norm);
	is_str(norm, "万达广场3栋2单元503室", "三栋 二单元 五〇三室");
	addr_normalize("张家湾十二号", strlen("张家湾十二号"), norm);
	is_str(norm, "张家湾12号", "十二号");
	addr_normalize("二十三号一百零八室", strlen("二十三号一百零八室"), norm);
	is_str(norm, "23号108室", "二十三 and 一百零八");
	addr_normalize("第三栋", strlen("第三栋"), norm);
	is_str(norm, "3栋", "第 dropped");
	addr_normalize("三峡坝区五里村", strlen("三峡坝区五里村"), norm);
	is_str(norm, "三峡坝区五里村", "numerals in names stay");
	is_str(show("界岭村十二栋三单元五零三室"), "界岭/village building=12 unit=3 room=503", "a flat in numerals");

	/* full forms */
	is_str(show("湖北省宜昌市伍家岗区伍家岗街道王家河社区夷陵大道58号万达广场3栋2单元501室"),
		   "伍家岗/county 伍家岗/township 王家河/community road=夷陵大道 number=58 estate=万达广场 building=3 unit=2 room=501",
		   "full address");
	is_str(show("西陵区中书街社区解放路12号"),
		   "西陵/county 中书街/community road=解放路 number=12", "road and number");
	is_str(show("王家河社区居委会桃花新村3-2-501"),
		   "王家河/community estate=桃花新村 building=3 unit=2 room=501", "dashed triple after an estate");
	is_str(show("宜都市枝城镇安泰社区5幢1单元302"),
		   "宜都/county 枝城/township 安泰/community building=5 unit=1 room=302", "幢 and a bare room");
	is_str(show("点军区点军街道范家湖村村民委员会8号楼"),
		   "点军/county 点军/township 范家湖/village building=8", "号楼 and a committee name");
	is_str(show("长阳土家族自治县龙舟坪镇"), "长阳/county 龙舟坪/township", "autonomous county");
	is_str(show("范家湖村委会"), "范家湖/village", "村委会");
	is_str(show("枝江市董市镇曹店村"), "枝江/county 董市/township 曹店/village", "董市镇 is a township");
	is_str(show("邓村乡江坪村"), "邓村/township 江坪/village", "邓村乡 is a township");
	is_str(show("小溪塔街道南津关社区"), "小溪塔/township 南津关/community", "a community");
	is_str(show("分乡镇高场村"), "分乡/township 高场/village", "分乡镇 is a township");
	is_str(show("草埠湖镇镇南村"), "草埠湖/township 镇南/village", "镇 then 镇南村");
	is_str(show("樟村坪镇"), "樟/village 坪/township", "樟村坪镇 is cut in two, for SQL to mend");
	is_str(show("东山大道万达小区12栋"), "road=东山大道 estate=万达小区 building=12", "小区 is no division");
	is_str(show("幸福小区3-501"), "estate=幸福小区 building=3 room=501", "building-room");
	is_str(show("伍家岗区　王家河社区　３栋２单元５０１室"),
		   "伍家岗/county 王家河/community building=3 unit=2 room=501", "full-width digits and ideographic spaces");
	is_str(show("西陵区 something 12"), "西陵/county estate=SOMETHING rest=12", "mixed scripts");
	is_str(show("3栋3栋"), "building=3 rest=3栋", "a repeated building is rest");
	is_str(show("镇江路"), "road=镇江路", "a road starting with a suffix character");
	is_str(show("联华超市"), "estate=联华超市", "超市 is no division");
	is_str(show("！？"), "(empty)", "punctuation only");
	is_str(show(""), "(empty)", "empty");

	/* division stems */
	is_str(stem("伍家岗区", &level), "伍家岗", "stem of a district");
	is_int(level, ADDR_COUNTY, "district is county level");
	is_str(stem("王家河社区", &level), "王家河", "stem of a community");
	is_int(level, ADDR_COMMUNITY, "community is a community");
	is_str(stem("范家湖村村民委员会", &level), "范家湖", "stem of a village committee");
	is_str(stem("范家湖村", &level), "范家湖", "stem of a village");
	is_str(stem("伍家岗街道", &level), "伍家岗", "stem of a street");
	is_int(level, ADDR_TOWNSHIP, "street is township level");
	is_str(stem("宜都市", &level), "宜都", "stem of a county-level city");
	is_str(stem("长阳土家族自治县", &level), "长阳", "stem of an autonomous county");
	is_str(stem("村", &level), "村", "a suffix alone is its own stem");
	is_int(level, 0, "and has no level");
	is_str(stem("某地", &level), "某地", "no suffix");
	is_str(stem("当阳市两河镇", &level), "两河", "a township named with its county");
	is_str(stem("宜昌市伍家岗区岳家冲社区居民委员会", &level), "岳家冲", "a community named with its city and district");
	is_str(stem("旧县镇", &level), "旧县", "县 inside a short name stays");
	is_str(stem("长江市场社区居民委员会", &level), "长江市场", "市 inside a name stays");

	/* very long input: read up to the limit, never past it */
	big = malloc(100000);
	memset(big, 'A', 99999);
	big[99999] = '\0';
	ok(addr_normalize(big, 99999, norm) == ADDR_MAX_INPUT, "long input is cut at the limit");
	for (int i = 0; i + 3 <= 99999; i += 3)
		memcpy(big + i, "村", 3);
	ok(strlen(show(big)) > 0, "a long run of suffixes parses");
	free(big);

	return done_testing();
}
