/*
 * normalize_core.c
 *		Names, pinyin, phone numbers and resident IDs as people type them,
 *		folded to matching keys and compared; plain C, no PostgreSQL.
 *
 * Every function reads its input once, a character at a time, through one
 * reader: decode UTF-8, fold the character (full-width forms to ASCII,
 * compatibility ideographs to unified ones, traditional to simplified) and
 * classify it as a word character (ASCII letter or digit, Chinese
 * character, other letter), a separator (space, punctuation) or a dot, or
 * something to drop (symbols, emoji, format characters).  The tables are
 * two-level arrays generated from OpenCC and Unihan (normalize_tables.h),
 * so a lookup is two loads; nothing allocates and nothing reads the locale.
 *
 * name_similarity scoring.  Both names are read into units (a Chinese
 * character with its reading, a run of ASCII letters and digits, or another
 * character; at most NZ_SIM_MAX_UNITS each, dots and spaces ignored), and
 * aligned so that the product of the credits is largest:
 *
 *		same character (after simplification)		1
 *		same toneless pinyin (homophone)			NZ_SCORE_HOMOPHONE	0.9
 *		same after the fuzzy fold					NZ_SCORE_FUZZY		0.8
 *		same initial or same final (fuzzy)			NZ_SCORE_PART		0.3
 *		anything else								NZ_SCORE_OTHER		0.1
 *		a unit only one name has (gap)				NZ_SCORE_GAP		0.3
 *
 * Two characters with the same four-corner code (Unihan kFourCornerCode:
 * 王 玉, 未 末, 己 已, 日 曰) look alike, and typing by shape and OCR confuse
 * them: they earn at least NZ_SCORE_SHAPE (0.7), whatever they sound like.
 *
 * A pinyin token typed for a character counts as its homophone ("zhang"
 * against 张).  The score is the product along the best alignment, so one
 * homophone typo in a name gives 0.9, one fuzzy typo 0.8, two homophones
 * 0.81, and a name with no character in common scores 0.01 or less.  Names
 * equal as units score 1; an empty name scores 0 against anything.
 */
#include "normalize_core.h"
#include "utf8_core.h"

#include <string.h>

#include "normalize_tables.h"
#include "resident_id_core.h"

/* Character classes. */
typedef enum NzClass
{
	NZ_DROP = 0,				/* vanishes: symbols, emoji, format characters */
	NZ_SPACE,					/* separates words: white space, punctuation */
	NZ_DOT,						/* the separator dot of transliterated names */
	NZ_ALNUM,					/* ASCII letter or digit */
	NZ_HAN,						/* Chinese character */
	NZ_OTHER					/* a letter or mark of another script */
} NzClass;

#define NZ_MIDDLE_DOT	0x00B7

/* ---------------------------------------------------------------- UTF-8 */


/* Encode cp into out if 4 bytes fit before cap; returns the new length. */
static size_t
utf8_put(char *out, size_t o, size_t cap, uint32_t cp)
{
	if (o + GRID_UTF8_MAX > cap)
		return o;
	return o + grid_utf8_encode(cp, (unsigned char *) out + o);
}

/* ------------------------------------------------------ character folding */

/* Chinese characters: the unified blocks, compatibility ideographs, 〇. */
static int
is_han(uint32_t cp)
{
	return cp == 0x3007 ||
		(cp >= 0x3400 && cp <= 0x4DBF) ||
		(cp >= 0x4E00 && cp <= 0x9FFF) ||
		(cp >= 0xF900 && cp <= 0xFAFF) ||
		(cp >= 0x20000 && cp <= 0x323AF);
}

/* Compatibility ideographs, radicals and traditional to simplified. */
uint32_t
nz_fold_char(uint32_t cp)
{
	uint16_t	i;

	if (cp >= NZ_TABLE_LIMIT)
		return cp;
	i = nz_fold_page[nz_fold_index[cp >> 8]][cp & 0xFF];
	return i ? nz_fold_value[i] : cp;
}

/* Syllable id of a code point as written, 0 if none. */
static uint16_t
reading_of(uint32_t cp)
{
	if (cp >= NZ_TABLE_LIMIT)
		return 0;
	return nz_pinyin_page[nz_pinyin_index[cp >> 8]][cp & 0xFF];
}

/* The reading of one character, for tests. */
const char *
nz_char_pinyin(uint32_t cp)
{
	uint16_t	s = reading_of(cp);

	if (s == 0)
		s = reading_of(nz_fold_char(cp));
	return nz_syllable[s];
}

/* Class of an ASCII character. */
static NzClass
ascii_class(uint32_t c)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return NZ_ALNUM;
	if (c == '.')
		return NZ_DOT;
	if (c == '\'' || c == 0x7F)
		return NZ_DROP;			/* O'Brien is OBRIEN */
	return NZ_SPACE;			/* white space, controls, other punctuation */
}

/*
 * Fold one decoded character and classify it.  *out is what the character
 * stands for: ASCII for full-width forms, U+00B7 for any dot, the
 * simplified unified ideograph for Chinese characters.
 */
static NzClass
fold_class(uint32_t cp, uint32_t *out)
{
	*out = cp;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		*out = cp = cp - 0xFEE0;	/* full-width ASCII */
	if (cp < 0x80)
	{
		NzClass		c = ascii_class(cp);

		if (c == NZ_DOT)
			*out = NZ_MIDDLE_DOT;
		return c;
	}
	switch (cp)
	{
			/* separator dots */
		case 0x00B7:			/* · MIDDLE DOT */
		case 0x0387:			/* · GREEK ANO TELEIA */
		case 0x2022:			/* • BULLET */
		case 0x2024:			/* ․ ONE DOT LEADER */
		case 0x2027:			/* ‧ HYPHENATION POINT */
		case 0x2219:			/* ∙ BULLET OPERATOR */
		case 0x22C5:			/* ⋅ DOT OPERATOR */
		case 0x2E31:			/* ⸱ WORD SEPARATOR MIDDLE DOT */
		case 0x2E33:			/* ⸳ RAISED DOT */
		case 0x3002:			/* 。 IDEOGRAPHIC FULL STOP */
		case 0x30FB:			/* ・ KATAKANA MIDDLE DOT */
		case 0x318D:			/* ㆍ HANGUL LETTER ARAEA */
		case 0xFE52:			/* ﹒ SMALL FULL STOP */
		case 0xFF61:			/* ｡ HALFWIDTH IDEOGRAPHIC FULL STOP */
		case 0xFF65:			/* ･ HALFWIDTH KATAKANA MIDDLE DOT */
			*out = NZ_MIDDLE_DOT;
			return NZ_DOT;
			/* white space */
		case 0x00A0:
		case 0x1680:
		case 0x2028:
		case 0x2029:
		case 0x202F:
		case 0x205F:
		case 0x3000:
			/* dashes */
		case 0x2212:
		case 0xFE58:
		case 0xFE63:
			return NZ_SPACE;
			/* kept with the Chinese characters */
		case 0x3005:			/* 々 */
		case 0x3006:			/* 〆 */
			return NZ_OTHER;
		case 0x3007:			/* 〇 */
			return NZ_HAN;
		default:
			break;
	}
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return cp < 0xA0 ? NZ_SPACE : NZ_DROP;	/* C1 controls; Latin-1 signs */
	if (cp >= 0x02C2 && cp <= 0x02DF)
		return NZ_DROP;			/* modifier tone letters ˊˇˋ˙ */
	if (cp >= 0x2000 && cp <= 0x206F)
	{
		if (cp <= 0x200A || (cp >= 0x2010 && cp <= 0x2015))
			return NZ_SPACE;	/* spaces, dashes */
		if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || cp >= 0x2060)
			return NZ_DROP;		/* zero-width, bidi and format characters */
		return NZ_SPACE;		/* quotes, brackets, other punctuation */
	}
	if ((cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2BFF))
		return NZ_DROP;			/* currency, arrows, maths, shapes, dingbats */
	if (cp >= 0x2E00 && cp <= 0x2E7F)
		return NZ_SPACE;		/* supplemental punctuation */
	if (cp >= 0x3001 && cp <= 0x303F)
	{
		if ((cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3031 && cp <= 0x3035) ||
			(cp >= 0x3038 && cp <= 0x303C))
			return NZ_OTHER;	/* Hangzhou numerals, repeat marks */
		if (cp >= 0x302A && cp <= 0x302F)
			return NZ_DROP;		/* tone marks */
		return NZ_SPACE;		/* 、 《》「」【】 and the like */
	}
	if ((cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
		(cp >= 0xFF5F && cp <= 0xFF64))
		return NZ_SPACE;		/* vertical, small and half-width punctuation */
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xFFE0 && cp <= 0xFFFF))
		return NZ_DROP;			/* variation selectors, BOM, signs, U+FFFD */
	if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE0000 && cp <= 0xE01EF))
		return NZ_DROP;			/* emoji and pictographs, tags, selectors */
	*out = nz_fold_char(cp);
	return is_han(*out) ? NZ_HAN : NZ_OTHER;
}

/* ---------------------------------------------------------- normalize_name */

/* The matching key of a name (see normalize_core.h). */
size_t
nz_normalize_name(const char *in, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *) in;
	const unsigned char *end = p + len;
	size_t		o = 0;
	int			pending_space = 0;
	int			pending_dot = 0;
	int			last_is_word = 0;	/* last written was not Chinese */

	while (p < end)
	{
		uint32_t	cp,
					f;
		NzClass		c;

		p += grid_utf8_decode(p, (size_t) (end - p), &cp);
		c = fold_class(cp, &f);
		switch (c)
		{
			case NZ_DROP:
				continue;
			case NZ_SPACE:
				pending_space = 1;
				continue;
			case NZ_DOT:
				pending_dot = 1;
				continue;
			default:
				break;
		}
		if (o > 0)
		{
			if (pending_dot)
				o = utf8_put(out, o, cap, NZ_MIDDLE_DOT);
			else if (pending_space && last_is_word && c != NZ_HAN)
				o = utf8_put(out, o, cap, ' ');
		}
		if (c == NZ_ALNUM && f >= 'a' && f <= 'z')
			f -= 'a' - 'A';
		o = utf8_put(out, o, cap, f);
		pending_space = pending_dot = 0;
		last_is_word = (c != NZ_HAN);
	}
	return o;
}

/* ------------------------------------------------------------- the reader */

/* A word character as the reader gives it. */
typedef struct NzUnit
{
	NzClass		cls;			/* NZ_ALNUM, NZ_HAN or NZ_OTHER */
	uint32_t	cp;				/* folded; ASCII lower-cased */
	uint16_t	syllable;		/* NZ_HAN: reading, 0 if none */
	int			starts_token;	/* NZ_ALNUM: first of a run */
} NzUnit;

typedef struct NzReader
{
	const unsigned char *p;
	const unsigned char *end;
	int			as_name;
	int			started;
	int			broken;			/* a separator since the last unit */
	NzClass		last;
	int			queued;			/* units in queue */
	NzUnit		queue[2];
} NzReader;

/* Start reading in (len bytes); as_name applies the surname readings. */
static void
reader_init(NzReader *r, const char *in, size_t len, int as_name)
{
	memset(r, 0, sizeof(*r));
	r->p = (const unsigned char *) in;
	r->end = r->p + len;
	r->as_name = as_name;
	r->broken = 1;
}

/* The next word character, straight from the text; 0 at the end. */
static int
reader_raw(NzReader *r, NzUnit *u)
{
	while (r->p < r->end)
	{
		uint32_t	cp,
					f;
		NzClass		c;

		r->p += grid_utf8_decode(r->p, (size_t) (r->end - r->p), &cp);
		c = fold_class(cp, &f);
		if (c == NZ_DROP)
			continue;
		if (c == NZ_SPACE || c == NZ_DOT)
		{
			r->broken = 1;
			continue;
		}
		u->cls = c;
		u->cp = f;
		u->syllable = 0;
		u->starts_token = 0;
		if (c == NZ_ALNUM)
		{
			if (f >= 'A' && f <= 'Z')
				u->cp = f + ('a' - 'A');
			u->starts_token = r->broken || r->last != NZ_ALNUM;
		}
		else if (c == NZ_HAN)
		{
			/* the reading of the character as written, else of its fold */
			u->syllable = reading_of(cp);
			if (u->syllable == 0)
				u->syllable = reading_of(f);
		}
		r->broken = 0;
		r->last = c;
		return 1;
	}
	return 0;
}

/* Binary search of the surname table; second is 0 for one character. */
static const NzSurname *
find_surname(uint32_t first, uint32_t second)
{
	int			lo = 0,
				hi = nz_surname_count - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		const NzSurname *s = &nz_surname[mid];

		if (s->first == first && s->second == second)
			return s;
		if (s->first < first || (s->first == first && s->second < second))
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/*
 * The next word character, with the surname readings applied to the first
 * one or two Chinese characters of a name.  Returns 0 at the end.
 */
static int
reader_next(NzReader *r, NzUnit *u)
{
	if (!r->started)
	{
		r->started = 1;
		if (r->as_name && reader_raw(r, &r->queue[0]))
		{
			const NzSurname *s = NULL;

			r->queued = 1;
			if (r->queue[0].cls == NZ_HAN)
			{
				if (reader_raw(r, &r->queue[1]))
				{
					r->queued = 2;
					if (r->queue[1].cls == NZ_HAN)
						s = find_surname(r->queue[0].cp, r->queue[1].cp);
				}
				if (s)
					r->queue[1].syllable = s->reading[1];
				else
					s = find_surname(r->queue[0].cp, 0);
				if (s)
					r->queue[0].syllable = s->reading[0];
			}
		}
	}
	if (r->queued > 0)
	{
		*u = r->queue[0];
		r->queue[0] = r->queue[1];
		r->queued--;
		return 1;
	}
	return reader_raw(r, u);
}

/* ------------------------------------------------------------------ pinyin */

/* Append the NUL-terminated s if it fits before cap. */
static size_t
put_str(char *out, size_t o, size_t cap, const char *s)
{
	size_t		n = strlen(s);

	if (o + n > cap)
		return o;
	memcpy(out + o, s, n);
	return o + n;
}

/* Pinyin of a text in one of three styles, surnames read as surnames. */
size_t
nz_pinyin(const char *in, size_t len, NzPinyinStyle style, int as_name,
		  char *out, size_t cap)
{
	NzReader	r;
	NzUnit		u;
	size_t		o = 0;

	reader_init(&r, in, len, as_name);
	while (reader_next(&r, &u))
	{
		if (u.cls == NZ_ALNUM)
		{
			if (u.starts_token)
			{
				if (style == NZ_PINYIN_INITIALS)
				{
					if (o < cap)
						out[o++] = (char) u.cp;
					continue;
				}
				if (o > 0 && o < cap)
					out[o++] = ' ';
			}
			else if (style == NZ_PINYIN_INITIALS)
				continue;
			if (o < cap)
				out[o++] = (char) u.cp;
		}
		else if (u.cls == NZ_HAN && u.syllable != 0)
		{
			uint16_t	s = u.syllable;

			if (style == NZ_PINYIN_INITIALS)
			{
				if (o < cap)
					out[o++] = nz_syllable[s][0];
				continue;
			}
			if (style == NZ_PINYIN_FUZZY)
				s = nz_syllable_fuzzy[s];
			if (o > 0 && o < cap)
				out[o++] = ' ';
			o = put_str(out, o, cap, nz_syllable[s]);
		}
		/* other scripts, and Chinese characters without a reading: dropped */
	}
	return o;
}

/* ------------------------------------------------------------ phone numbers */

/* Digits of a mainland mobile or landline number, or 0. */
int
nz_normalize_phone(const char *in, size_t len, char out[NZ_PHONE_MAX + 1])
{
	const unsigned char *p = (const unsigned char *) in;
	const unsigned char *end = p + len;
	char		d[24];
	int			n = 0;
	int			plus = 0;
	const char *digits;
	int			nd;

	out[0] = '\0';
	while (p < end)
	{
		uint32_t	cp;

		p += grid_utf8_decode(p, (size_t) (end - p), &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;		/* full-width digits, ＋ － （ ） */
		if (cp >= '0' && cp <= '9')
		{
			if (n >= 20)
				return 0;
			d[n++] = (char) cp;
		}
		else if (cp == '+')
		{
			if (n > 0 || plus)
				return 0;
			plus = 1;
		}
		else if (cp == ' ' || cp == '\t' || cp == '-' || cp == '.' || cp == '(' ||
				 cp == ')' || cp == 0x00A0 || cp == 0x3000 || cp == 0x2212 ||
				 (cp >= 0x2010 && cp <= 0x2015) || cp == 0x00B7)
			continue;
		else
			return 0;
	}
	d[n] = '\0';
	digits = d;
	nd = n;

	/* country code: +86, 0086, or 86 before a mobile number */
	if (plus || (nd > 4 && memcmp(digits, "0086", 4) == 0))
	{
		int			skip = plus ? 2 : 4;

		if (nd < skip || memcmp(digits + skip - 2, "86", 2) != 0)
			return 0;			/* another country */
		digits += skip;
		nd -= skip;
		if (nd > 0 && digits[0] != '0' &&
			!(nd == 11 && digits[0] == '1' && digits[1] >= '3'))
		{
			/* landline without its trunk 0: +86 717 6221234 */
			if (nd + 1 > (int) sizeof(d) - 1)
				return 0;
			memmove(d + 1, digits, (size_t) nd);
			d[0] = '0';
			digits = d;
			nd++;
		}
	}
	else if (nd == 13 && memcmp(digits, "861", 3) == 0)
	{
		digits += 2;
		nd -= 2;
	}
	/* a mobile written with a trunk 0 in front: 013800138000 */
	if (nd == 12 && digits[0] == '0' && digits[1] == '1' && digits[2] >= '3')
	{
		digits++;
		nd--;
	}

	if (nd == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9')
		;						/* mobile */
	else if (nd >= 10 && nd <= 12 && digits[0] == '0' && digits[1] != '0')
	{
		/* 010 and 02x have 8-digit numbers; 0xxx have 7 or 8 */
		int			area = (digits[1] == '1' || digits[1] == '2') ? 3 : 4;
		int			local = nd - area;

		if (area == 3 && local != 8)
			return 0;
		if (area == 4 && local != 7 && local != 8)
			return 0;
		if (digits[area] < '2')
			return 0;			/* local numbers begin with 2-9 */
		if (area == 3 && digits[1] == '1' && digits[2] != '0')
			return 0;			/* 010 is the only 01x */
	}
	else
		return 0;
	memcpy(out, digits, (size_t) nd);
	out[nd] = '\0';
	return nd;
}

/* ------------------------------------------------------------- similarity */

#define NZ_TOKEN_MAX	16

/* A unit of a name for comparison. */
typedef struct NzSimUnit
{
	NzClass		cls;			/* NZ_HAN, NZ_ALNUM (a whole token), NZ_OTHER */
	uint32_t	cp;
	uint16_t	syllable;
	uint8_t		toklen;
	char		token[NZ_TOKEN_MAX];
} NzSimUnit;

/* Read a name into at most NZ_SIM_MAX_UNITS units; returns their number. */
static int
sim_units(const char *in, size_t len, NzSimUnit *units)
{
	NzReader	r;
	NzUnit		u;
	int			n = 0;

	reader_init(&r, in, len, 1);
	while (reader_next(&r, &u))
	{
		if (u.cls == NZ_ALNUM && !u.starts_token && n > 0 && units[n - 1].cls == NZ_ALNUM)
		{
			NzSimUnit  *t = &units[n - 1];

			if (t->toklen < NZ_TOKEN_MAX)
				t->token[t->toklen++] = (char) u.cp;
			continue;
		}
		if (n == NZ_SIM_MAX_UNITS)
			break;
		units[n].cls = u.cls;
		units[n].cp = u.cp;
		units[n].syllable = u.syllable;
		units[n].toklen = 0;
		if (u.cls == NZ_ALNUM)
		{
			units[n].token[0] = (char) u.cp;
			units[n].toklen = 1;
		}
		n++;
	}
	return n;
}

/* Units equal as written (after folding). */
static int
same_unit(const NzSimUnit *a, const NzSimUnit *b)
{
	if (a->cls != b->cls)
		return 0;
	if (a->cls == NZ_ALNUM)
		return a->toklen == b->toklen && memcmp(a->token, b->token, a->toklen) == 0;
	return a->cp == b->cp;
}

/* Length of the initial of a toneless syllable (0, 1 or 2). */
static size_t
initial_len(const char *s)
{
	if ((s[0] == 'z' || s[0] == 'c' || s[0] == 's') && s[1] == 'h')
		return 2;
	if (s[0] != '\0' && strchr("bpmfdtnlgkhjqxrzcsyw", s[0]) != NULL &&
		s[1] != '\0' && strchr("aeiouv", s[1]) != NULL)
		return 1;
	return 0;
}

/* Credit for two syllables (ids, both nonzero). */
static double
syllable_credit(uint16_t a, uint16_t b)
{
	const char *fa,
			   *fb;
	size_t		ia,
				ib;

	if (a == b)
		return NZ_SCORE_HOMOPHONE;
	a = nz_syllable_fuzzy[a];
	b = nz_syllable_fuzzy[b];
	if (a == b)
		return NZ_SCORE_FUZZY;
	fa = nz_syllable[a];
	fb = nz_syllable[b];
	ia = initial_len(fa);
	ib = initial_len(fb);
	if (ia > 0 && ia == ib && memcmp(fa, fb, ia) == 0)
		return NZ_SCORE_PART;
	if (strcmp(fa + ia, fb + ib) == 0)
		return NZ_SCORE_PART;
	return NZ_SCORE_OTHER;
}

/* Credit for a pinyin token typed for a Chinese character. */
static double
token_credit(const NzSimUnit *t, uint16_t syllable)
{
	const char *s = nz_syllable[syllable];
	const char *f = nz_syllable[nz_syllable_fuzzy[syllable]];

	if (syllable == 0)
		return NZ_SCORE_OTHER;
	if (strlen(s) == t->toklen && memcmp(s, t->token, t->toklen) == 0)
		return NZ_SCORE_HOMOPHONE;
	if (strlen(f) == t->toklen && memcmp(f, t->token, t->toklen) == 0)
		return NZ_SCORE_FUZZY;
	return NZ_SCORE_OTHER;
}

/* The four-corner code of a character, or -1 if it has none. */
int
nz_four_corner(uint32_t cp)
{
	if (cp < NZ_SHAPE_FIRST || cp > NZ_SHAPE_LAST || nz_shape_code[cp - NZ_SHAPE_FIRST] == NZ_NO_SHAPE)
		return -1;
	return nz_shape_code[cp - NZ_SHAPE_FIRST];
}

/* Credit for aligning two units (table at the top of the file). */
static double
unit_credit(const NzSimUnit *a, const NzSimUnit *b)
{
	if (same_unit(a, b))
		return 1.0;
	if (a->cls == NZ_HAN && b->cls == NZ_HAN)
	{
		double		credit = NZ_SCORE_OTHER;
		int			shape = nz_four_corner(a->cp);

		if (a->syllable != 0 && b->syllable != 0)
			credit = syllable_credit(a->syllable, b->syllable);
		if (shape >= 0 && shape == nz_four_corner(b->cp) && credit < NZ_SCORE_SHAPE)
			credit = NZ_SCORE_SHAPE;
		return credit;
	}
	if (a->cls == NZ_ALNUM && b->cls == NZ_HAN)
		return token_credit(a, b->syllable);
	if (a->cls == NZ_HAN && b->cls == NZ_ALNUM)
		return token_credit(b, a->syllable);
	return NZ_SCORE_OTHER;
}

/* Best product of credits over all alignments (see the top of the file). */
double
nz_name_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	NzSimUnit	ua[NZ_SIM_MAX_UNITS],
				ub[NZ_SIM_MAX_UNITS];
	double		row[NZ_SIM_MAX_UNITS + 1],
				prev[NZ_SIM_MAX_UNITS + 1];
	int			na = sim_units(a, alen, ua);
	int			nb = sim_units(b, blen, ub);
	int			i,
				j;

	if (na == 0 || nb == 0)
		return 0.0;
	if (na == nb)
	{
		for (i = 0; i < na && same_unit(&ua[i], &ub[i]); i++)
			;
		if (i == na)
			return 1.0;
	}

	/* best product of credits over all alignments, a row at a time */
	prev[0] = 1.0;
	for (j = 1; j <= nb; j++)
		prev[j] = prev[j - 1] * NZ_SCORE_GAP;
	for (i = 1; i <= na; i++)
	{
		row[0] = prev[0] * NZ_SCORE_GAP;
		for (j = 1; j <= nb; j++)
		{
			double		best = prev[j - 1] * unit_credit(&ua[i - 1], &ub[j - 1]);

			if (prev[j] * NZ_SCORE_GAP > best)
				best = prev[j] * NZ_SCORE_GAP;
			if (row[j - 1] * NZ_SCORE_GAP > best)
				best = row[j - 1] * NZ_SCORE_GAP;
			row[j] = best;
		}
		memcpy(prev, row, sizeof(double) * (size_t) (nb + 1));
	}
	return prev[nb];
}

/* --------------------------------------------------------- resident IDs */

/*
 * The ID as typed, in ASCII: full-width forms folded, white space and
 * separators dropped, x upper-cased.  Returns the length, or -1 if there is
 * anything but digits and X, or more than 20 characters.
 */
static int
id_ascii(const char *in, size_t len, char out[21])
{
	const unsigned char *p = (const unsigned char *) in;
	const unsigned char *end = p + len;
	int			n = 0;

	while (p < end)
	{
		uint32_t	cp,
					f;
		NzClass		c;

		p += grid_utf8_decode(p, (size_t) (end - p), &cp);
		c = fold_class(cp, &f);
		if (c == NZ_SPACE || c == NZ_DROP || c == NZ_DOT)
			continue;
		if (f == 'x')
			f = 'X';
		if (!((f >= '0' && f <= '9') || f == 'X') || n == 20)
			return -1;
		out[n++] = (char) f;
	}
	out[n] = '\0';
	return n;
}

/* 1 if the 18 characters s fail their own check character. */
static int
check_fails(const char *s)
{
	for (int i = 0; i < 17; i++)
		if (s[i] < '0' || s[i] > '9')
			return 1;
	return rid_check_character(s) != s[17];
}

/* 1 if bad differs from good by one character or one adjacent swap. */
static int
one_typo_apart(const char *good, const char *bad)
{
	int			first = -1,
				count = 0;

	for (int i = 0; i < 18; i++)
		if (good[i] != bad[i])
		{
			if (first < 0)
				first = i;
			count++;
		}
	if (count == 1)
		return 1;
	return count == 2 && first < 17 &&
		good[first] == bad[first + 1] && good[first + 1] == bad[first];
}

/* 1 same valid ID, 0.9 one typo from a valid ID, else 0. */
double
nz_id_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	/* no birth date is in the future for this purpose: stay immutable */
	const int	far_future = 99991231;
	char		sa[21],
				sb[21],
				good[RID_TEXT_LEN + 1];
	int			la = id_ascii(a, alen, sa);
	int			lb = id_ascii(b, blen, sb);
	int64_t		va,
				vb;
	int			oka,
				okb;
	const char *bad;

	if (la < 0 || lb < 0)
		return 0.0;
	oka = rid_parse(sa, (size_t) la, far_future, &va, NULL) == RID_OK;
	okb = rid_parse(sb, (size_t) lb, far_future, &vb, NULL) == RID_OK;
	if (oka && okb)
		return va == vb ? 1.0 : 0.0;
	if (oka == okb)
		return 0.0;				/* neither is a valid ID */
	rid_format(oka ? va : vb, good);
	bad = oka ? sb : sa;
	if ((oka ? lb : la) != RID_TEXT_LEN || !check_fails(bad))
		return 0.0;
	return one_typo_apart(good, bad) ? NZ_ID_SCORE_TYPO : 0.0;
}

/* The valid IDs one typing error away from an invalid 18-character ID. */
int
nz_id_neighbours(const char *in, size_t len, char out[][19], int max)
{
	const int	far_future = 99991231;
	static const char alphabet[] = "0123456789X";
	char		s[21],
				t[19];
	int			n = id_ascii(in, len, s);
	int			count = 0;
	int64_t		v;

	if (n != RID_TEXT_LEN || rid_parse(s, (size_t) n, far_future, &v, NULL) == RID_OK)
		return 0;
	for (int i = 0; i < RID_TEXT_LEN && count < max; i++)
	{
		/* one character changed (X only as the check character) */
		for (int k = 0; k < (i == RID_TEXT_LEN - 1 ? 11 : 10) && count < max; k++)
		{
			if (alphabet[k] == s[i])
				continue;
			memcpy(t, s, RID_TEXT_LEN);
			t[i] = alphabet[k];
			t[RID_TEXT_LEN] = '\0';
			if (rid_parse(t, RID_TEXT_LEN, far_future, &v, NULL) == RID_OK)
				memcpy(out[count++], t, RID_TEXT_LEN + 1);
		}
		/* this character and the next swapped */
		if (i + 1 < RID_TEXT_LEN && s[i] != s[i + 1] && count < max)
		{
			memcpy(t, s, RID_TEXT_LEN);
			t[i] = s[i + 1];
			t[i + 1] = s[i];
			t[RID_TEXT_LEN] = '\0';
			if (rid_parse(t, RID_TEXT_LEN, far_future, &v, NULL) == RID_OK)
				memcpy(out[count++], t, RID_TEXT_LEN + 1);
		}
	}
	return count;
}
