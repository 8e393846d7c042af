/*
 * address_core.c
 *		Splitting a Chinese address into its structure (see address_core.h).
 *
 * Design.  An address is written from the largest place to the smallest:
 *
 *     [湖北省][宜昌市] 伍家岗区 伍家岗街道 王家河社区 夷陵大道58号 万达广场 3栋2单元501室
 *
 * After normalising (full-width forms to ASCII, spaces and punctuation
 * dropped, the province and city prefix removed), the division names are
 * read from the front: each is the shortest run of one to ten characters
 * ending in a level suffix (区 县 市 / 镇 乡 街道 / 社区 村 居委会 ...,
 * longest suffix first), stopping at the first digit.  Whether a name is
 * real is for the caller to decide against the registry; this file only
 * says which level its suffix claims.  What follows is read left to right:
 * text ending in a road word followed by "<digits>号" is road and number,
 * other text is the estate, and numbers take their meaning from the marker
 * after them (栋 幢 号楼 座: building; 单元: unit; 室: room), or from their
 * place in a dashed triple (3-2-501 is building 3, unit 2, room 501).
 * Numbers written in Chinese before such a marker (三栋, 十二号, 五〇三室,
 * 第二单元) are read as digits first.  Anything not understood ends up in
 * rest, from its start to the end.
 */
#include "address_core.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8_core.h"

/* Does s (n bytes) start with the string lit at byte i? */
static int
starts(const char *s, int n, int i, const char *lit)
{
	int			l = (int) strlen(lit);

	return i + l <= n && memcmp(s + i, lit, l) == 0;
}

/* Does s[0..n) end with lit? */
static int
ends(const char *s, int n, const char *lit)
{
	int			l = (int) strlen(lit);

	return n >= l && memcmp(s + n - l, lit, l) == 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The value of a Chinese numeral character: 0-9, 10 for 十, 100 for 百, else -1. */
static int
numeral_value(int32_t cp)
{
	switch (cp)
	{
		case 0x96F6:			/* 零 */
		case 0x3007:			/* 〇 */
			return 0;
		case 0x4E00:			/* 一 */
			return 1;
		case 0x4E8C:			/* 二 */
		case 0x4E24:			/* 两 */
			return 2;
		case 0x4E09:			/* 三 */
			return 3;
		case 0x56DB:			/* 四 */
			return 4;
		case 0x4E94:			/* 五 */
			return 5;
		case 0x516D:			/* 六 */
			return 6;
		case 0x4E03:			/* 七 */
			return 7;
		case 0x516B:			/* 八 */
			return 8;
		case 0x4E5D:			/* 九 */
			return 9;
		case 0x5341:			/* 十 */
			return 10;
		case 0x767E:			/* 百 */
			return 100;
	}
	return -1;
}

/*
 * The character at s[*k] (n bytes in all), or -1 for an ill-formed byte;
 * *k moves past it.
 */
static int32_t
next_char(const char *s, int n, int *k)
{
	uint32_t	cp;
	size_t		used = grid_utf8_next((const unsigned char *) s + *k, (size_t) (n - *k), &cp);

	*k += used ? (int) used : 1;
	return used ? (int32_t) cp : -1;
}

/*
 * Rewrite s (n bytes, NUL-terminated) in place so that every run of
 * Chinese numerals followed by a building, unit, room or door marker is
 * written in digits: 三栋 3栋, 十二号 12号, 二十三号 23号, 一百零八室 108室,
 * 五〇三室 503室; a 第 before the run is dropped.  Digits are shorter than
 * the characters they replace.  Returns the new length.
 */
static int
numerals_to_digits(char *s, int n)
{
	static const char *const markers[] = {"栋", "幢", "座", "号", "单元", "室", "楼", "层"};
	int			i = 0;
	int			o = 0;

	while (i < n)
	{
		int			j = i;
		int			k = i;
		int			count = 0;
		int			positional = 0;
		int32_t		cp;
		int			marked = 0;

		while (j < n)
		{
			k = j;
			cp = next_char(s, n, &k);
			if (numeral_value(cp) < 0)
				break;
			if (numeral_value(cp) >= 10)
				positional = 1;
			count++;
			j = k;
		}
		for (size_t m = 0; count > 0 && count <= 6 && m < sizeof(markers) / sizeof(markers[0]); m++)
			if (starts(s, n, j, markers[m]))
				marked = 1;
		if (!marked)
		{
			/* copy one character */
			k = i;
			(void) next_char(s, n, &k);
			memmove(s + o, s + i, k - i);
			o += k - i;
			i = k;
			continue;
		}
		if (o >= 3 && memcmp(s + o - 3, "第", 3) == 0)
			o -= 3;
		if (positional)
		{
			int			value = 0,
						cur = 0;

			for (k = i; k < j;)
			{
				int			v = numeral_value(next_char(s, n, &k));

				if (v >= 10)
				{
					value += (cur == 0 && v == 10 ? 1 : cur) * v;
					cur = 0;
				}
				else
					cur = v;
			}
			value += cur;
			o += snprintf(s + o, 8, "%d", value);
		}
		else
			for (k = i; k < j;)
				s[o++] = (char) ('0' + numeral_value(next_char(s, n, &k)));
		i = j;
	}
	s[o] = '\0';
	return o;
}

int
addr_normalize(const char *in, size_t len, char *out)
{
	static const char *const prefixes[] = {"中国", "湖北省", "湖北", "宜昌市", "宜昌"};
	const unsigned char *s = (const unsigned char *) in;
	int			n = len > ADDR_MAX_INPUT ? ADDR_MAX_INPUT : (int) len;
	int			i = 0;
	int			o = 0;
	int			changed;

	while (i < n)
	{
		uint32_t	cp;
		size_t		used = grid_utf8_next(s + i, (size_t) (n - i), &cp);

		if (used == 0)
		{
			i++;				/* an ill-formed byte is dropped */
			continue;
		}
		i += (int) used;
		if (cp >= 0xFF01 && cp <= 0xFF5E)	/* full-width ASCII forms */
			cp -= 0xFEE0;
		if (cp >= 'a' && cp <= 'z')
			cp -= 'a' - 'A';
		if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x30FC || cp == '~' ||
			cp == '_' || cp == 0x2014)
			cp = '-';
		if (cp < 0x80)
		{
			/* keep letters, digits, '-' and '#'; drop spaces, controls, punctuation */
			if (!((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || cp == '-' || cp == '#'))
				continue;
		}
		else if (cp == 0x3000 || (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
				 cp == 0x00B7 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D ||
				 cp == 0x00A0 || cp == 0xFEFF)
			continue;
		if (o + (int) grid_utf8_length(cp) > ADDR_MAX_INPUT)
			break;
		o += (int) grid_utf8_encode(cp, (unsigned char *) out + o);
	}
	out[o] = '\0';

	/* Drop the prefixes every address here shares. */
	do
	{
		changed = 0;
		for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
		{
			int			l = (int) strlen(prefixes[k]);

			if (o > l && memcmp(out, prefixes[k], l) == 0 &&
				!(o > l && (starts(out, o, l, "省") || starts(out, o, l, "市"))))
			{
				memmove(out, out + l, o - l + 1);
				o -= l;
				changed = 1;
			}
		}
	} while (changed);
	return numerals_to_digits(out, o);
}

/* Division suffixes, longest first within each family. */
typedef struct Suffix
{
	const char *text;
	AddrLevel	level;
} Suffix;

static const Suffix suffixes[] = {
	{"村村民委员会", ADDR_VILLAGE},
	{"社区居民委员会", ADDR_COMMUNITY},
	{"社区居委会", ADDR_COMMUNITY},
	{"居民委员会", ADDR_COMMUNITY},
	{"村民委员会", ADDR_VILLAGE},
	{"街道办事处", ADDR_TOWNSHIP},
	{"管理委员会", ADDR_TOWNSHIP},
	{"村村委会", ADDR_VILLAGE},
	{"居委会", ADDR_COMMUNITY},
	{"村委会", ADDR_VILLAGE},
	{"办事处", ADDR_TOWNSHIP},
	{"自治县", ADDR_COUNTY},
	{"社区", ADDR_COMMUNITY},
	{"街道", ADDR_TOWNSHIP},
	{"村", ADDR_VILLAGE},
	{"镇", ADDR_TOWNSHIP},
	{"乡", ADDR_TOWNSHIP},
	{"区", ADDR_COUNTY},
	{"县", ADDR_COUNTY},
	{"市", ADDR_COUNTY},
};

#define NSUFFIXES ((int) (sizeof(suffixes) / sizeof(suffixes[0])))

/* The suffix starting at byte i of s, or NULL. */
static const Suffix *
suffix_at(const char *s, int n, int i)
{
	for (int k = 0; k < NSUFFIXES; k++)
		if (starts(s, n, i, suffixes[k].text))
			return &suffixes[k];
	return NULL;
}

/* Length in bytes of the character at s[i] (1 for a bad byte). */
static int
char_len(const char *s, int n, int i)
{
	uint32_t	cp;
	size_t		used = grid_utf8_next((const unsigned char *) s + i, (size_t) (n - i), &cp);

	return used > 0 ? (int) used : 1;
}

/*
 * A stem followed by a suffix would make a bad division name when the two
 * together are a common word: 小区 (an estate), 超市 and 菜市 (shops), 城区,
 * 园区, 景区, 新村 is left alone (often an estate, sometimes a village).
 */
static int
false_division(const char *s, int stem_off, int stem_end, const Suffix *suf)
{
	static const char *const before_qu[] = {"小", "园", "景", "城", "厂", "校", "营", "住宅", "开发", "工业"};
	static const char *const before_shi[] = {"超", "菜", "集", "夜", "门"};
	int			l = stem_end - stem_off;

	if (strcmp(suf->text, "区") == 0)
	{
		for (size_t k = 0; k < sizeof(before_qu) / sizeof(before_qu[0]); k++)
			if (ends(s + stem_off, l, before_qu[k]))
				return 1;
	}
	if (strcmp(suf->text, "村") == 0 && ends(s + stem_off, l, "新"))
		return 1;
	if (strcmp(suf->text, "市") == 0)
	{
		for (size_t k = 0; k < sizeof(before_shi) / sizeof(before_shi[0]); k++)
			if (ends(s + stem_off, l, before_shi[k]))
				return 1;
	}
	return 0;
}

/* Road words: text ending in one of these before "<digits>号" is a road. */
static int
ends_with_road(const char *s, int n)
{
	static const char *const roads[] = {"大道", "路", "街", "巷", "弄", "道", "大街", "胡同"};

	for (size_t k = 0; k < sizeof(roads) / sizeof(roads[0]); k++)
		if (ends(s, n, roads[k]))
			return 1;
	return 0;
}

/* Where the first road word ends in s[off..end), or -1. */
static int
road_end(const char *s, int off, int end)
{
	static const char *const roads[] = {"大道", "大街", "路", "街", "巷"};

	for (int i = off; i < end; i += char_len(s, end, i))
		for (size_t k = 0; k < sizeof(roads) / sizeof(roads[0]); k++)
			if (starts(s, end, i, roads[k]) && i > off)
			{
				int			e = i + (int) strlen(roads[k]);

				/* "路口", "街道" are not roads ending here */
				if (e < end && (starts(s, end, e, "口") || starts(s, end, e, "道")))
					continue;
				return e;
			}
	return -1;
}

static void
set_span(AddrSpan *span, int off, int len)
{
	span->off = off;
	span->len = len;
}

int
addr_parse(const char *s, int n, AddrParts *p)
{
	int			pos = 0;

	memset(p, 0, sizeof(*p));
	if (n <= 0)
		return -1;

	/* Division names from the front. */
	while (p->ndivisions < ADDR_MAX_DIVISIONS && pos < n)
	{
		int			i = pos;
		int			chars = 0;
		int			found = 0;

		i += char_len(s, n, i);	/* a stem has at least one character */
		chars = 1;
		while (i < n && chars <= 10)
		{
			const Suffix *suf;

			if (is_digit(s[i]) || s[i] == '-' || s[i] == '#' || is_digit(s[pos]))
				break;
			suf = suffix_at(s, n, i);
			/*
			 * 董市镇, 旧县村, 分乡镇, 龙镇社区: a one-character suffix followed by
			 * a different suffix is part of the name (镇镇南村 is not: 镇 then
			 * 镇南村).  Other splits that cut a name in two (樟村坪镇 read as
			 * 樟村 + 坪镇) are mended by the caller, which knows the names.
			 */
			if (suf != NULL && suf->text[3] == '\0')
			{
				const Suffix *next = suffix_at(s, n, i + 3);

				if (next != NULL && !starts(s, n, i + 3, suf->text))
					suf = NULL;
			}
			if (suf != NULL)
			{
				if (false_division(s, pos, i, suf))
					break;
				p->divisions[p->ndivisions].stem.off = pos;
				p->divisions[p->ndivisions].stem.len = i - pos;
				p->divisions[p->ndivisions].name.off = pos;
				p->divisions[p->ndivisions].name.len = i - pos + (int) strlen(suf->text);
				if (suf->level == ADDR_COUNTY && ends(s + pos, i - pos, "土家族") && i - pos > 9)
					p->divisions[p->ndivisions].stem.len -= 9;
				p->divisions[p->ndivisions].level = suf->level;
				p->ndivisions++;
				pos = i + (int) strlen(suf->text);
				found = 1;
				break;
			}
			i += char_len(s, n, i);
			chars++;
		}
		if (!found)
			break;
	}

	/* Road and number, estate. */
	while (pos < n && !is_digit(s[pos]) && s[pos] != '-' && s[pos] != '#')
	{
		int			t = pos;
		int			d;
		int			e;

		while (t < n && !is_digit(s[t]))
			t += char_len(s, n, t);
		d = t;
		while (d < n && is_digit(s[d]))
			d++;
		/* text, digits, 号 (not 号楼): a road and its number */
		if (t < n && starts(s, n, d, "号") && !starts(s, n, d + 3, "楼") &&
			p->road.len == 0 && ends_with_road(s + pos, t - pos))
		{
			set_span(&p->road, pos, t - pos);
			set_span(&p->number, t, d - t);
			pos = d + 3;
			continue;
		}
		/* text with a road word inside and more after it: road, then estate */
		e = p->road.len == 0 ? road_end(s, pos, t) : -1;
		if (e > 0 && e < t)
		{
			set_span(&p->road, pos, e - pos);
			pos = e;
			continue;
		}
		if (p->road.len == 0 && ends_with_road(s + pos, t - pos) && (t >= n || s[t] == '-'))
			set_span(&p->road, pos, t - pos);
		else if (p->estate.len == 0)
			set_span(&p->estate, pos, t - pos);
		else
		{
			set_span(&p->rest, pos, n - pos);
			return 0;
		}
		pos = t;
		break;
	}

	/* Numbers, each with its marker. */
	while (pos < n)
	{
		int			d = pos;
		int			parts[3][2];
		int			nparts = 0;

		if (s[pos] == '#' || s[pos] == '-')
		{
			pos++;
			continue;
		}
		if (!is_digit(s[pos]))
			break;
		/* a dashed run: 3-2-501 or 3-501 */
		while (nparts < 3)
		{
			int			start = d;

			while (d < n && is_digit(s[d]))
				d++;
			if (d == start)
				break;
			parts[nparts][0] = start;
			parts[nparts][1] = d - start;
			nparts++;
			if (d < n && s[d] == '-' && d + 1 < n && is_digit(s[d + 1]))
				d++;
			else
				break;
		}
		if (nparts >= 2)
		{
			if (p->building.len != 0)
				break;
			set_span(&p->building, parts[0][0], parts[0][1]);
			if (nparts == 3)
			{
				set_span(&p->unit, parts[1][0], parts[1][1]);
				set_span(&p->room, parts[2][0], parts[2][1]);
			}
			else
				set_span(&p->room, parts[1][0], parts[1][1]);
			pos = d;
			if (pos < n && starts(s, n, pos, "室"))
				pos += 3;
			continue;
		}
		/* one number and its marker */
		if (starts(s, n, d, "栋") || starts(s, n, d, "幢") || starts(s, n, d, "座") ||
			starts(s, n, d, "号楼") || starts(s, n, d, "#"))
		{
			if (p->building.len != 0)
				break;
			set_span(&p->building, pos, d - pos);
			pos = d + (starts(s, n, d, "号楼") ? 6 : starts(s, n, d, "#") ? 1 : 3);
			if (starts(s, n, pos, "楼"))	/* 3#楼 */
				pos += 3;
		}
		else if (starts(s, n, d, "单元"))
		{
			if (p->unit.len != 0)
				break;
			set_span(&p->unit, pos, d - pos);
			pos = d + 6;
		}
		else if (starts(s, n, d, "室") || starts(s, n, d, "房") || starts(s, n, d, "号房"))
		{
			if (p->room.len != 0)
				break;
			set_span(&p->room, pos, d - pos);
			pos = d + (starts(s, n, d, "号房") ? 6 : 3);
		}
		else if (d == n && p->room.len == 0 && (p->unit.len != 0 || p->building.len != 0))
		{
			set_span(&p->room, pos, d - pos);
			pos = d;
		}
		else if (starts(s, n, d, "号") && p->number.len == 0 && p->building.len == 0)
		{
			set_span(&p->number, pos, d - pos);
			pos = d + 3;
		}
		else
			break;
	}
	if (pos < n)
		set_span(&p->rest, pos, n - pos);
	return 0;
}

int
addr_division_stem(const char *name, size_t len, char *out, size_t cap, AddrLevel *level)
{
	int			n = len > ADDR_MAX_INPUT ? ADDR_MAX_INPUT : (int) len;
	int			stem = n;

	*level = 0;
	for (int k = 0; k < NSUFFIXES; k++)
		if (ends(name, n, suffixes[k].text) && n > (int) strlen(suffixes[k].text))
		{
			stem = n - (int) strlen(suffixes[k].text);
			*level = suffixes[k].level;
			break;
		}
	/* 范家湖村村民委员会: the 村 before the committee is the name's own */
	if (*level == ADDR_VILLAGE && ends(name, stem, "村") && stem > 3 &&
		(ends(name, n, "村民委员会") || ends(name, n, "村委会")))
		stem -= 3;
	/*
	 * A name that repeats the place above it (当阳市两河镇, 宜昌市伍家岗区
	 * 岳家冲社区) is known by what follows: strip 宜昌市, then a leading
	 * county of two to four characters when at least two are left.
	 */
	if (starts(name, stem, 0, "宜昌市") && stem > 9)
	{
		name += 9;
		stem -= 9;
	}
	for (int i = 6, chars = 2; i < stem && chars <= 4; i += char_len(name, stem, i), chars++)
		if ((starts(name, stem, i, "市") || starts(name, stem, i, "区") || starts(name, stem, i, "县")) &&
			stem - (i + 3) >= 6)
		{
			name += i + 3;
			stem -= i + 3;
			break;
		}
	/* 长阳土家族自治县 is called 长阳县 */
	if (*level == ADDR_COUNTY && ends(name, stem, "土家族") && stem > 9)
		stem -= 9;
	if (cap == 0)
		return 0;
	if ((size_t) stem >= cap)
	{
		/* never cut a character in two */
		stem = (int) grid_utf8_clip((const unsigned char *) name, cap - 1);
	}
	memcpy(out, name, stem);
	out[stem] = '\0';
	return stem;
}
