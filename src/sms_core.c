/*
 * sms_core.c
 *		Reading a health report out of a resident's SMS.
 *
 * The message is decoded to code points (full-width ASCII folded to ASCII,
 * at most SMS_MAX_CHARS of it), then read left to right:
 *  - numbers: 15 or 18 digits (or 17 and X) are an ID; 11 digits starting
 *    with 1 a phone; a number followed by a unit such as 月, 日, 岁 or 点 is
 *    not a temperature; otherwise 36.5, 36, 365 (three digits, tenths),
 *    36度5, 36点5 and 36。5 are temperature readings.  Of several readings
 *    the highest is kept: a missed fever costs more than a false alarm.
 *  - runs of Han characters: symptom and "normal" keywords, matched longest
 *    first; a negation (无, 不, 没有, 未, 否) covers the keywords after it up
 *    to the next punctuation other than 、; filler words are dropped; a
 *    leftover fragment of 2-4 characters is taken as the sender's name.
 */
#include "sms_core.h"
#include "utf8_core.h"

#include <stdio.h>
#include <string.h>

#define SMS_MAX_CHARS	1024

typedef enum KeywordKind
{
	KW_SYMPTOM,
	KW_NORMAL,
	KW_NEGATION,
	KW_FILLER
} KeywordKind;

typedef struct Keyword
{
	const char *utf8;
	KeywordKind kind;
	uint32_t	symptom;
} Keyword;

/* Longest first, so that 没有症状 wins over 没有 and 咳嗽 over 咳. */
static const Keyword keywords[] = {
	{"呼吸困难", KW_SYMPTOM, SMS_BREATHING},
	{"肌肉酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN},
	{"全身酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN},
	{"没有症状", KW_NORMAL, 0},
	{"没有异常", KW_NORMAL, 0},
	{"一切正常", KW_NORMAL, 0},
	{"身体健康", KW_NORMAL, 0},
	{"流鼻涕", KW_SYMPTOM, SMS_RUNNY_NOSE},
	{"拉肚子", KW_SYMPTOM, SMS_DIARRHOEA},
	{"喉咙痛", KW_SYMPTOM, SMS_SORE_THROAT},
	{"喉咙疼", KW_SYMPTOM, SMS_SORE_THROAT},
	{"嗓子痛", KW_SYMPTOM, SMS_SORE_THROAT},
	{"嗓子疼", KW_SYMPTOM, SMS_SORE_THROAT},
	{"咽喉痛", KW_SYMPTOM, SMS_SORE_THROAT},
	{"肌肉痛", KW_SYMPTOM, SMS_MUSCLE_PAIN},
	{"无症状", KW_NORMAL, 0},
	{"无不适", KW_NORMAL, 0},
	{"无异常", KW_NORMAL, 0},
	{"身份证", KW_FILLER, 0},
	{"闻不到", KW_SYMPTOM, SMS_SMELL_TASTE},
	{"尝不出", KW_SYMPTOM, SMS_SMELL_TASTE},
	{"咳嗽", KW_SYMPTOM, SMS_COUGH},
	{"干咳", KW_SYMPTOM, SMS_COUGH},
	{"发热", KW_SYMPTOM, SMS_FEVER},
	{"发烧", KW_SYMPTOM, SMS_FEVER},
	{"高烧", KW_SYMPTOM, SMS_FEVER},
	{"低烧", KW_SYMPTOM, SMS_FEVER},
	{"乏力", KW_SYMPTOM, SMS_FATIGUE},
	{"无力", KW_SYMPTOM, SMS_FATIGUE},
	{"疲劳", KW_SYMPTOM, SMS_FATIGUE},
	{"疲倦", KW_SYMPTOM, SMS_FATIGUE},
	{"咽痛", KW_SYMPTOM, SMS_SORE_THROAT},
	{"气促", KW_SYMPTOM, SMS_BREATHING},
	{"气短", KW_SYMPTOM, SMS_BREATHING},
	{"气喘", KW_SYMPTOM, SMS_BREATHING},
	{"胸闷", KW_SYMPTOM, SMS_BREATHING},
	{"腹泻", KW_SYMPTOM, SMS_DIARRHOEA},
	{"头痛", KW_SYMPTOM, SMS_HEADACHE},
	{"头疼", KW_SYMPTOM, SMS_HEADACHE},
	{"流涕", KW_SYMPTOM, SMS_RUNNY_NOSE},
	{"鼻塞", KW_SYMPTOM, SMS_RUNNY_NOSE},
	{"酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN},
	{"畏寒", KW_SYMPTOM, SMS_CHILLS},
	{"发冷", KW_SYMPTOM, SMS_CHILLS},
	{"寒战", KW_SYMPTOM, SMS_CHILLS},
	{"嗅觉", KW_SYMPTOM, SMS_SMELL_TASTE},
	{"味觉", KW_SYMPTOM, SMS_SMELL_TASTE},
	{"正常", KW_NORMAL, 0},
	{"良好", KW_NORMAL, 0},
	{"健康", KW_NORMAL, 0},
	{"没有", KW_NEGATION, 0},
	{"体温", KW_FILLER, 0},
	{"温度", KW_FILLER, 0},
	{"今天", KW_FILLER, 0},
	{"今日", KW_FILLER, 0},
	{"早上", KW_FILLER, 0},
	{"早晨", KW_FILLER, 0},
	{"上午", KW_FILLER, 0},
	{"中午", KW_FILLER, 0},
	{"下午", KW_FILLER, 0},
	{"晚上", KW_FILLER, 0},
	{"测量", KW_FILLER, 0},
	{"自测", KW_FILLER, 0},
	{"报告", KW_FILLER, 0},
	{"上报", KW_FILLER, 0},
	{"身体", KW_FILLER, 0},
	{"摄氏", KW_FILLER, 0},
	{"姓名", KW_FILLER, 0},
	{"名字", KW_FILLER, 0},
	{"号码", KW_FILLER, 0},
	{"症状", KW_FILLER, 0},
	{"其他", KW_FILLER, 0},
	{"情况", KW_FILLER, 0},
	{"目前", KW_FILLER, 0},
	{"现在", KW_FILLER, 0},
	{"本人", KW_FILLER, 0},
	{"家人", KW_FILLER, 0},
	{"全家", KW_FILLER, 0},
	{"一切", KW_FILLER, 0},
	{"你好", KW_FILLER, 0},
	{"您好", KW_FILLER, 0},
	{"谢谢", KW_FILLER, 0},
	{"收到", KW_FILLER, 0},
	{"味道", KW_FILLER, 0},
	{"减退", KW_FILLER, 0},
	{"单元", KW_FILLER, 0},
	{"号楼", KW_FILLER, 0},
	{"无", KW_NEGATION, 0},
	{"不", KW_NEGATION, 0},
	{"没", KW_NEGATION, 0},
	{"未", KW_NEGATION, 0},
	{"否", KW_NEGATION, 0},
	{"咳", KW_SYMPTOM, SMS_COUGH},
	{"烧", KW_SYMPTOM, SMS_FEVER},
	{"我", KW_FILLER, 0},
	{"是", KW_FILLER, 0},
	{"的", KW_FILLER, 0},
	{"了", KW_FILLER, 0},
	{"度", KW_FILLER, 0},
	{"测", KW_FILLER, 0},
	{"号", KW_FILLER, 0},
	{"有", KW_FILLER, 0},
	{"都", KW_FILLER, 0},
	{"均", KW_FILLER, 0},
	{"已", KW_FILLER, 0},
	{"好", KW_FILLER, 0},
	{"叫", KW_FILLER, 0},
};

#define N_KEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

static const char *const symptom_names[SMS_SYMPTOM_COUNT] = {
	"cough", "fever", "fatigue", "sore_throat", "breathing", "diarrhoea",
	"headache", "runny_nose", "muscle_pain", "chills", "smell_taste"
};

const char *
sms_symptom_name(int bit_index)
{
	if (bit_index < 0 || bit_index >= SMS_SYMPTOM_COUNT)
		return "unknown";
	return symptom_names[bit_index];
}

/* Keywords decoded to code points once. */
static uint32_t kw_cps[N_KEYWORDS][4];
static int	kw_len[N_KEYWORDS];
static int	kw_ready = 0;


static void
prepare_keywords(void)
{
	if (kw_ready)
		return;
	for (size_t k = 0; k < N_KEYWORDS; k++)
	{
		const unsigned char *s = (const unsigned char *) keywords[k].utf8;
		size_t		left = strlen(keywords[k].utf8);
		int			n = 0;

		while (left > 0 && n < 4)
		{
			size_t		used = grid_utf8_decode(s, left, &kw_cps[k][n++]);

			s += used;
			left -= used;
		}
		kw_len[k] = n;
	}
	kw_ready = 1;
}

static int
is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static int
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* A character after a number that makes it a date, age, time, count, ... */
static int
is_unit_after_number(uint32_t cp)
{
	static const uint32_t units[] = {
		0x5E74 /* 年 */ , 0x6708 /* 月 */ , 0x65E5 /* 日 */ , 0x53F7 /* 号 */ ,
		0x5C81 /* 岁 */ , 0x65F6 /* 时 */ , 0x5206 /* 分 */ , 0x79D2 /* 秒 */ ,
		0x5929 /* 天 */ , 0x4EBA /* 人 */ , 0x6B21 /* 次 */ , 0x680B /* 栋 */ ,
		0x5355 /* 单 */ , 0x5BA4 /* 室 */ , 0x697C /* 楼 */ , 0x70B9 /* 点 */ ,
		0x4E2A /* 个 */ , 0x65A4 /* 斤 */ , 0x5757 /* 块 */ , 0x5143 /* 元 */ ,
		':', '/', '-', '%'
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (cp == units[i])
			return 1;
	return 0;
}

/* A decimal mark between two digits: . 。 点 度 (36度5 is 36.5). */
static int
is_decimal_mark(uint32_t cp)
{
	return cp == '.' || cp == 0x3002 || cp == 0x70B9 || cp == 0x5EA6;
}

/* Clause punctuation and spaces end a negation; 、 (a list) does not. */
static int
ends_clause(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == ',' || cp == '.' || cp == ';' || cp == '!' || cp == '?' ||
		cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF01 ||
		cp == 0xFF1F || cp == '\n';
}

static void
encode_utf8(uint32_t cp, char *out, size_t *pos, size_t size)
{
	char		b[4];
	size_t		n;

	if (cp < 0x80)
		b[0] = (char) cp, n = 1;
	else if (cp < 0x800)
		b[0] = (char) (0xC0 | (cp >> 6)), b[1] = (char) (0x80 | (cp & 0x3F)), n = 2;
	else if (cp < 0x10000)
		b[0] = (char) (0xE0 | (cp >> 12)), b[1] = (char) (0x80 | ((cp >> 6) & 0x3F)),
			b[2] = (char) (0x80 | (cp & 0x3F)), n = 3;
	else
		b[0] = (char) (0xF0 | (cp >> 18)), b[1] = (char) (0x80 | ((cp >> 12) & 0x3F)),
			b[2] = (char) (0x80 | ((cp >> 6) & 0x3F)), b[3] = (char) (0x80 | (cp & 0x3F)), n = 4;
	if (*pos + n < size)
	{
		memcpy(out + *pos, b, n);
		*pos += n;
		out[*pos] = '\0';
	}
}

/*
 * About a hundred common Chinese surnames, used only to tell a sender's name
 * from other leftover words ("收到", "老人今年"); a short heuristic list, not
 * a reference.  Name matching keeps its own sourced list.
 */
static const char common_surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡"
	"蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹"
	"薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文欧阳";

static int
is_common_surname(uint32_t cp)
{
	static uint32_t decoded[128];
	static int	ndecoded = -1;

	if (ndecoded < 0)
	{
		const unsigned char *p = (const unsigned char *) common_surnames;
		size_t		left = sizeof(common_surnames) - 1;

		ndecoded = 0;
		while (left > 0 && ndecoded < 128)
		{
			size_t		used = grid_utf8_decode(p, left, &decoded[ndecoded++]);

			p += used;
			left -= used;
		}
	}
	for (int i = 0; i < ndecoded; i++)
		if (decoded[i] == cp)
			return 1;
	return 0;
}

/* A leftover fragment of 2-4 Han characters led by a surname is the name. */
static void
take_name(SmsReport *out, const uint32_t *cps, int start, int end)
{
	size_t		pos = 0;
	int			n = end - start;

	if (out->name[0] != '\0' || n < 2 || n > 4 || !is_common_surname(cps[start]))
		return;
	for (int i = start; i < end; i++)
		encode_utf8(cps[i], out->name, &pos, sizeof(out->name));
}

/* Read the keywords of one run of Han characters cps[start, end). */
static void
read_han_run(SmsReport *out, const uint32_t *cps, int start, int end, int *negated)
{
	int			fragment = start;
	int			i = start;

	while (i < end)
	{
		int			matched = -1;

		for (size_t k = 0; k < N_KEYWORDS && matched < 0; k++)
		{
			int			len = kw_len[k];

			if (i + len <= end && memcmp(cps + i, kw_cps[k], len * sizeof(uint32_t)) == 0)
				matched = (int) k;
		}
		if (matched < 0)
		{
			i++;
			continue;
		}
		take_name(out, cps, fragment, i);
		switch (keywords[matched].kind)
		{
			case KW_SYMPTOM:
				if (!*negated)
					out->symptoms |= keywords[matched].symptom;
				break;
			case KW_NORMAL:
				out->normal = !*negated;
				*negated = 0;
				break;
			case KW_NEGATION:
				*negated = 1;
				break;
			case KW_FILLER:
				break;
		}
		i += kw_len[matched];
		fragment = i;
	}
	take_name(out, cps, fragment, end);
}

/* Read one number starting at cps[i]; returns the index after it. */
static int
read_number(SmsReport *out, const uint32_t *cps, int n, int i, int *best_implausible)
{
	char		digits[SMS_ID_MAX];
	int			ndigits = 0;
	int			whole = 0;
	int			frac_digits = 0;
	int			frac = 0;
	int			start = i;

	while (i < n && is_digit(cps[i]))
	{
		if (ndigits < SMS_ID_MAX - 2)
			digits[ndigits] = (char) cps[i];
		ndigits++;
		i++;
	}
	/* an ID: 15 or 18 digits, or 17 and X */
	if (ndigits == 17 && i < n && (cps[i] == 'X' || cps[i] == 'x'))
	{
		digits[17] = 'X';
		ndigits = 18;
		i++;
	}
	if (ndigits == 15 || ndigits == 18)
	{
		if (out->id[0] == '\0')
		{
			memcpy(out->id, digits, ndigits);
			out->id[ndigits] = '\0';
		}
		return i;
	}
	if (ndigits > 3)
		return i;				/* phone, year, anything long: not a temperature */
	for (int k = start; k < start + ndigits; k++)
		whole = whole * 10 + (int) (cps[k] - '0');

	if (i + 1 < n && is_decimal_mark(cps[i]) && is_digit(cps[i + 1]))
	{
		i++;
		while (i < n && is_digit(cps[i]))
		{
			if (frac_digits < 2)
				frac = frac * 10 + (int) (cps[i] - '0');
			frac_digits++;
			i++;
		}
	}
	if (i < n && is_unit_after_number(cps[i]))
		return i;

	{
		int			tenths;

		if (frac_digits > 0)
		{
			if (ndigits != 2)
				return i;
			/* one decimal, rounded half up from a second one */
			tenths = whole * 10 + (frac_digits == 1 ? frac : (frac + 5) / 10);
		}
		else if (ndigits == 2)
			tenths = whole * 10;
		else if (ndigits == 3 && whole >= SMS_TEMP_MIN && whole <= SMS_TEMP_MAX)
			tenths = whole;		/* 365 typed without the point */
		else
			return i;

		if (tenths >= SMS_TEMP_MIN && tenths <= SMS_TEMP_MAX)
		{
			out->readings++;
			if (tenths > out->temperature)
				out->temperature = tenths;
		}
		else if (tenths >= 250 && tenths <= 499 && *best_implausible == 0)
			*best_implausible = tenths;
	}
	return i;
}

SmsStatus
sms_parse(const char *text, size_t len, SmsReport *out)
{
	uint32_t	cps[SMS_MAX_CHARS];
	const unsigned char *p = (const unsigned char *) text;
	int			n = 0;
	int			i = 0;
	int			negated = 0;
	int			implausible = 0;
	int			any = 0;

	prepare_keywords();
	memset(out, 0, sizeof(*out));

	while (len > 0 && n < SMS_MAX_CHARS)
	{
		uint32_t	cp;
		size_t		used = grid_utf8_decode(p, len, &cp);

		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;		/* full-width ASCII */
		else if (cp == 0x3000)
			cp = ' ';
		else if (cp == 0x2103 || cp == 0x00B0)
			cp = 0x5EA6;		/* ℃ and ° read as 度 */
		cps[n++] = cp;
		p += used;
		len -= used;
	}

	while (i < n)
	{
		uint32_t	cp = cps[i];

		if (cp != ' ' && cp != '\t' && cp != '\r' && cp != '\n')
			any = 1;
		if (is_digit(cp))
		{
			i = read_number(out, cps, n, i, &implausible);
			negated = 0;
		}
		else if (is_han(cp))
		{
			int			start = i;

			while (i < n && is_han(cps[i]))
				i++;
			read_han_run(out, cps, start, i, &negated);
		}
		else
		{
			if (ends_clause(cp))
				negated = 0;
			i++;
		}
	}

	if (!any)
		out->status = SMS_EMPTY;
	else if (out->readings > 0)
		out->status = SMS_OK;
	else if (implausible)
	{
		out->implausible = implausible;
		out->status = SMS_IMPLAUSIBLE;
	}
	else
		out->status = SMS_NO_TEMPERATURE;
	return out->status;
}

int
sms_error_reason(const SmsReport *report, char *buf, size_t size)
{
	switch (report->status)
	{
		case SMS_OK:
			return snprintf(buf, size, "ok");
		case SMS_EMPTY:
			return snprintf(buf, size, "empty message");
		case SMS_NO_TEMPERATURE:
			return snprintf(buf, size, "no temperature in the message");
		case SMS_IMPLAUSIBLE:
			return snprintf(buf, size, "implausible temperature %d.%d (expected 34.0 to 43.0)",
							report->implausible / 10, report->implausible % 10);
	}
	return snprintf(buf, size, "unknown error");
}
