/*
 * sms_test.c
 *		Unit tests of sms_core.c, run without a server: every field on a few
 *		messages, the reason texts, and every message of sms_messages.tsv
 *		(as typed by residents and as the voice robot's speech recognition
 *		writes them) against the reading or the kind of rejection expected.
 */
#include <stdlib.h>

#include "sms_core.h"
#include "tap.h"

typedef struct Case
{
	const char *message;
	SmsStatus	status;
	int			temperature;	/* hundredths */
	uint32_t	symptoms;
	int			normal;
	const char *id;
	const char *name;
} Case;

static const Case cases[] = {
	{"36.5", SMS_OK, 3650, 0, 0, "", ""},
	{"体温36.8 正常", SMS_OK, 3680, 0, 1, "", ""},
	{"37.6 咳嗽", SMS_OK, 3760, SMS_COUGH, 0, "", ""},
	{"３６．５", SMS_OK, 3650, 0, 0, "", ""},
	{"36度5", SMS_OK, 3650, 0, 0, "", ""},
	{"36点7度", SMS_OK, 3670, 0, 0, "", ""},
	{"36。6", SMS_OK, 3660, 0, 0, "", ""},
	{"37", SMS_OK, 3700, 0, 0, "", ""},
	{"36.55", SMS_OK, 3655, 0, 0, "", ""},
	{"37.25", SMS_OK, 3725, 0, 0, "", ""},
	{"36.5℃", SMS_OK, 3650, 0, 0, "", ""},
	{"张伟 36.5", SMS_OK, 3650, 0, 0, "", "张伟"},
	{"李明体温36.5正常", SMS_OK, 3650, 0, 1, "", "李明"},
	{"王五 36.5", SMS_OK, 3650, 0, 0, "", "王五"},
	{"姓名：张三，体温：36.5，症状：无", SMS_OK, 3650, 0, 0, "", "张三"},
	{"无咳嗽无发热 36.4", SMS_OK, 3640, 0, 0, "", ""},
	{"不发烧，咳嗽 36.9", SMS_OK, 3690, SMS_COUGH, 0, "", ""},
	{"没有咳嗽、发热、乏力 36.2", SMS_OK, 3620, 0, 0, "", ""},
	{"咳嗽：无，发热：无，体温36.5", SMS_OK, 3650, 0, 0, "", ""},
	{"咳嗽：有，发热：否，体温36.5", SMS_OK, 3650, SMS_COUGH, 0, "", ""},
	{"咳嗽没有发烧 36.5", SMS_OK, 3650, SMS_COUGH, 0, "", ""},
	{"38.2 发烧 头痛 乏力", SMS_OK, 3820, SMS_FEVER | SMS_HEADACHE | SMS_FATIGUE, 0, "", ""},
	{"三十七度八，嗓子疼", SMS_OK, 3780, SMS_SORE_THROAT, 0, "", ""},
	{"体温三十六度八正常", SMS_OK, 3680, 0, 1, "", ""},
	{"体温36度一切正常", SMS_OK, 3600, 0, 1, "", ""},
	{"420503199003071230 36.6", SMS_OK, 3660, 0, 0, "420503199003071230", ""},
	{"身份证11010519491231002x体温36.3", SMS_OK, 3630, 0, 0, "11010519491231002X", ""},
	{"13812345678 36.5", SMS_OK, 3650, 0, 0, "", ""},
	{"2月10日 36.5", SMS_OK, 3650, 0, 0, "", ""},
	{"8点测体温36.1", SMS_OK, 3610, 0, 0, "", ""},
	{"正常", SMS_NO_TEMPERATURE, 0, 0, 1, "", ""},
	{"   ", SMS_EMPTY, 0, 0, 0, "", ""},
	{"\xe3\x80\x80\t\n", SMS_EMPTY, 0, 0, 0, "", ""},
	{"", SMS_EMPTY, 0, 0, 0, "", ""},
	{"45.2", SMS_IMPLAUSIBLE, 0, 0, 0, "", ""},
	{"33.1", SMS_IMPLAUSIBLE, 0, 0, 0, "", ""},
	{"体温不正常 37.9", SMS_OK, 3790, 0, 0, "", ""},
	{"\xff\xfe 36.5", SMS_OK, 3650, 0, 0, "", ""},
	{"36\xe2\x80\x8b.5", SMS_OK, 3650, 0, 0, "", ""},	/* a zero-width space */
	/* "normal" beside a rejected reading is not a report of normal */
	{"正常 36度多", SMS_APPROXIMATE, 0, 0, 0, "", ""},
	{"体温正常 36.5 37.0", SMS_SEVERAL, 0, 0, 0, "", ""},
	{"早上36.5 晚上37.8", SMS_SEVERAL, 0, 0, 0, "", ""},
	{"365", SMS_NO_POINT, 0, 0, 0, "", ""},
	/* one report is one person's: two IDs or two names, whose is it? */
	{"420503199003071230 420503198512010028 36.5", SMS_SEVERAL_IDS, 0, 0, 0, "420503199003071230", ""},
	{"36.5 身份证420503199003071230，家人420503198512010028", SMS_SEVERAL_IDS, 0, 0, 0, "420503199003071230", ""},
	{"11010519491231002X 36.5 11010519491231002x", SMS_OK, 3650, 0, 0, "11010519491231002X", ""},
	{"36.5 陈君 刘玲", SMS_SEVERAL_NAMES, 0, 0, 0, "", "陈君"},
	{"陈君36.5，刘玲37.0", SMS_SEVERAL, 0, 0, 0, "", "陈君"},
	{"陈君 体温正常 刘玲", SMS_SEVERAL_NAMES, 0, 0, 0, "", "陈君"},
	{"陈君 36.5 陈君", SMS_OK, 3650, 0, 0, "", "陈君"},
	/* a place led by a surname is no name: 王家河, 李家湾, 张家口 */
	{"张伟 36.5 王家河村", SMS_OK, 3650, 0, 0, "", "张伟"},
	{"王家河 张伟 36.5", SMS_OK, 3650, 0, 0, "", "张伟"},
	{"陈君 36.5 张家口", SMS_OK, 3650, 0, 0, "", "陈君"},
	{"王家河村 36.5", SMS_OK, 3650, 0, 0, "", ""},
	/* unwell without a symptom named is a symptom, not nothing */
	{"36.5 不舒服", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 有点难受", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 身体不适", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 有症状", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 呕吐", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 恶心", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 没劲", SMS_OK, 3650, SMS_FATIGUE, 0, "", ""},
	{"36.5 怕冷", SMS_OK, 3650, SMS_CHILLS, 0, "", ""},
	{"36.5 没有不舒服", SMS_OK, 3650, 0, 0, "", ""},
	{"36.5 不难受", SMS_OK, 3650, 0, 0, "", ""},
	{"体温36.3，无不适", SMS_OK, 3630, 0, 1, "", ""},
	{"36.5 没有症状", SMS_OK, 3650, 0, 1, "", ""},
	/* a degree mark then F is Fahrenheit, never read as Celsius */
	{"37度F", SMS_FAHRENHEIT, 0, 0, 0, "", ""},
	{"37度 F", SMS_FAHRENHEIT, 0, 0, 0, "", ""},
	{"37 ° F", SMS_FAHRENHEIT, 0, 0, 0, "", ""},
	{"36.5度f", SMS_FAHRENHEIT, 0, 0, 0, "", ""},
	{"36.5度℉", SMS_FAHRENHEIT, 0, 0, 0, "", ""},
	{"36.5度 Fine", SMS_OK, 3650, 0, 0, "", ""},
	{"36.5度C", SMS_OK, 3650, 0, 0, "", ""},
	/* English words, in any case, full-width too: read, never dropped */
	{"36.5 cough", SMS_OK, 3650, SMS_COUGH, 0, "", ""},
	{"36.5 Cough", SMS_OK, 3650, SMS_COUGH, 0, "", ""},
	{"36.5 COUGH, Fever", SMS_CONTRADICTED, 0, SMS_COUGH | SMS_FEVER, 0, "", ""},
	{"38.1 COUGH, Fever", SMS_OK, 3810, SMS_COUGH | SMS_FEVER, 0, "", ""},
	{"36.5 \xef\xbd\x83\xef\xbd\x8f\xef\xbd\x95\xef\xbd\x87\xef\xbd\x88", SMS_OK, 3650, SMS_COUGH, 0, "", ""},	/* ｃｏｕｇｈ */
	{"36.5 sore  throat", SMS_OK, 3650, SMS_SORE_THROAT, 0, "", ""},
	{"36.5 runny nose, headache", SMS_OK, 3650, SMS_RUNNY_NOSE | SMS_HEADACHE, 0, "", ""},
	{"36.5 short of breath", SMS_OK, 3650, SMS_BREATHING, 0, "", ""},
	{"36.5 tired", SMS_OK, 3650, SMS_FATIGUE, 0, "", ""},
	{"36.5 no cough or fever", SMS_OK, 3650, 0, 0, "", ""},
	{"36.5 cough: no", SMS_OK, 3650, 0, 0, "", ""},
	{"36.5 not well", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 normal", SMS_OK, 3650, 0, 1, "", ""},
	{"temp 36.5 OK", SMS_OK, 3650, 0, 1, "", ""},
	{"ok", SMS_NO_TEMPERATURE, 0, 0, 1, "", ""},
	/* what is neither read nor a name rejects the message, saying what */
	{"36.5 sneezing", SMS_UNREAD, 0, 0, 0, "", ""},
	{"36.5 头胀", SMS_UNREAD, 0, 0, 0, "", ""},
	{"36.5 \xf0\x9f\xa4\x92", SMS_UNREAD, 0, 0, 0, "", ""},	/* face with thermometer */
	{"头胀", SMS_UNREAD, 0, 0, 0, "", ""},
	{"正常 头胀", SMS_UNREAD, 0, 0, 0, "", ""},
	/* other common Chinese ways of saying a symptom */
	{"36.5 嗓子疼", SMS_OK, 3650, SMS_SORE_THROAT, 0, "", ""},
	{"36.5 头晕", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 拉肚子", SMS_OK, 3650, SMS_DIARRHOEA, 0, "", ""},
	{"36.5 喘不上气", SMS_OK, 3650, SMS_BREATHING, 0, "", ""},
	{"36.5 发冷", SMS_OK, 3650, SMS_CHILLS, 0, "", ""},
	{"36.5 流鼻涕", SMS_OK, 3650, SMS_RUNNY_NOSE, 0, "", ""},
	{"36.5 浑身疼", SMS_OK, 3650, SMS_MUSCLE_PAIN, 0, "", ""},
	{"36.5 没有痰", SMS_OK, 3650, 0, 0, "", ""},
	/* what the text says of the temperature must agree with the reading */
	{"36.5 高于正常", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"37.8 高于正常", SMS_OK, 3780, 0, 0, "", ""},
	{"36.5 偏高", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 正常偏高", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 a bit high", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 不正常", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 不太正常", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 异常", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 不是正常", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"36.5 咳嗽 不正常", SMS_OK, 3650, SMS_COUGH, 0, "", ""},
	{"36.5 没异常", SMS_OK, 3650, 0, 1, "", ""},
	{"36.5 有点烧", SMS_CONTRADICTED, 0, SMS_FEVER, 0, "", ""},
	{"37.6 有点烧", SMS_OK, 3760, SMS_FEVER, 0, "", ""},
	{"36.5 体温偏低", SMS_CONTRADICTED, 0, 0, 0, "", ""},
	{"35.6 体温偏低", SMS_OK, 3560, 0, 0, "", ""},
	/* a word led by a surname is no name when it says how one feels */
	{"36.5 周身疼", SMS_OK, 3650, SMS_MUSCLE_PAIN, 0, "", ""},
	{"36.5 高热", SMS_CONTRADICTED, 0, SMS_FEVER, 0, "", ""},
	{"36.5 黄疸", SMS_OK, 3650, SMS_UNSPECIFIED, 0, "", ""},
	{"36.5 胡乱疼", SMS_UNREAD, 0, 0, 0, "", ""},
	{"36.5 高肿", SMS_UNREAD, 0, 0, 0, "", ""},
	{"体温偏高", SMS_NO_TEMPERATURE, 0, 0, 0, "", ""},
	{"正常偏高", SMS_NO_TEMPERATURE, 0, 0, 0, "", ""},
};

/* What sms_error_reason says, for each kind of rejection. */
static const struct
{
	const char *message;
	const char *reason;
}			reasons[] = {
	{"", "empty message"},
	{"收到", "no temperature in the message"},
	{"45.2", "implausible temperature 45.2 (expected 34.0 to 43.0)"},
	{"体温33.96", "implausible temperature 33.96 (expected 34.0 to 43.0)"},
	{"体温三十三度八", "implausible temperature 三十三度八 (expected 34.0 to 43.0)"},
	{"体温1e400", "number with an exponent, not a reading: 1e400"},
	{"36.5.5", "malformed number: 36.5.5"},
	{"36.555", "more than two decimals: 36.555"},
	{"365", "no decimal mark in 365 (a reading is written like 36.5)"},
	{"98.6°F", "fahrenheit reading 98.6℉ (expected degrees celsius)"},
	{"36-37", "a range, not one reading: 36-37"},
	{"三十六度多", "not an exact reading: 三十六度多"},
	{"不到37度", "a bound, not a reading: 不到37度"},
	{"体温不是37.5", "a negated reading: 不是37.5"},
	{"36 5", "unclear whether one reading or two numbers: 36 5"},
	{"早上36.5 晚上37.8", "several different temperatures: 36.5 and 37.8"},
	{"36.5 37", "several different temperatures: 36.5 and 37"},
	{"420503199003071230 420503198512010028 36.5", "several different resident ID numbers in one message"},
	{"36.5 陈君 刘玲", "several names in one message: 陈君 and 刘玲"},
	{"37度F", "fahrenheit reading 37度F (expected degrees celsius)"},
	{"36.5 sneezing", "words not understood: sneezing"},
	{"36.5 头胀得厉害", "words not understood: 头胀得厉害"},
	{"36.5 Привет", "words not understood: Привет"},
	{"36.5 高于正常", "the reading 36.5 contradicts the text: 高于正常"},
	{"36.5 有点烧", "the reading 36.5 contradicts the text: 烧"},
	{"36.5 abcdefghijklmnopqrstuvwxyzabcdefghij", "words not understood: abcdefghijklmnopqrst…"},
	/* the quoted text is cut short, never the whole input */
	{"1e40000000000000000000000000000000000000000000000000000000000000000000",
	"number with an exponent, not a reading: 1e400000000000000000…"},
};

/* The status of a name in the message file, or -1. */
static int
status_of(const char *name)
{
	for (int s = 0; s < SMS_STATUS_COUNT; s++)
		if (strcmp(sms_status_name((SmsStatus) s), name) == 0)
			return s;
	return -1;
}

/* "36.5" -> 3650; "37" -> 3700; -1 when not a temperature as written. */
static int
hundredths_of(const char *text)
{
	int			whole = 0;
	int			frac = 0;
	int			digits = 0;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && digits < 2; p++, digits++)
			frac = frac * 10 + (*p - '0');
	if (*p != '\0' || (digits == 0 && text[strlen(text) - 1] == '.'))
		return -1;
	if (digits == 1)
		frac *= 10;
	return whole * 100 + frac;
}

/*
 * Check every message of the file: its reading, or its kind of rejection.
 * Returns how many messages were checked.
 */
static int
check_message_file(const char *path, int *from_voice)
{
	FILE	   *f = fopen(path, "r");
	char		line[2048];
	int			count = 0;
	int			lineno = 0;

	*from_voice = 0;
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
	{
		char	   *message = line;
		char	   *expected;
		char	   *source;
		char		name[2300];
		char		reason[256];
		SmsReport	r;
		int			want;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		expected = strchr(message, '\t');
		source = expected ? strchr(expected + 1, '\t') : NULL;
		if (expected == NULL || source == NULL)
		{
			snprintf(name, sizeof(name), "line %d of the message file has three columns", lineno);
			ok(0, name);
			continue;
		}
		*expected++ = '\0';
		*source++ = '\0';
		if (strcmp(source, "asr") == 0)
			(*from_voice)++;
		count++;

		sms_parse(message, strlen(message), &r);
		sms_error_reason(&r, reason, sizeof(reason));
		if ((want = hundredths_of(expected)) >= 0)
		{
			snprintf(name, sizeof(name), "%s \"%s\" reads %s", source, message, expected);
			if (!ok(r.status == SMS_OK && r.temperature == want, name))
				printf("#   got %s (%d hundredths): %s\n", sms_status_name(r.status), r.temperature, reason);
		}
		else
		{
			int			status = status_of(expected);

			snprintf(name, sizeof(name), "%s \"%s\" is rejected: %s", source, message, expected);
			if (!ok(status > 0 && (int) r.status == status && reason[0] != '\0', name))
				printf("#   got %s (%d hundredths): %s\n", sms_status_name(r.status), r.temperature, reason);
		}
	}
	fclose(f);
	return count;
}

/*
 * Properties over generated messages.  Every reading from 34.0 to 43.0 in
 * every form people type or say it, with words before and after, must read
 * exactly; and punctuation, fillers or stray words inserted anywhere must
 * never make it read as a different value: read right, or rejected.
 */
static const char *const cn[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

static const char *const prefixes[] = {
	"", "体温", "体温：", "我的体温是", "嗯，", "张伟 ", "420503199003071230 ", "2月10日 ",
	"8点30 ", "下午3点半，", "正常，", "不发烧，", "测了一下", "大概"
};

static const char *const suffixes[] = {
	"", " 正常", "，正常", "吧", "左右", " 无咳嗽", "，没有发烧", "。", " 3栋2单元", "，家里3口人都正常"
};

/* Non-digit noise that is no decimal mark or degree. */
static const char *const noises[] = {
	" ", "，", "、", "…", "嗯", "啊", "了", "x", "-", "/", "多", ":", "吧", "的", "ok", "（", "!",
	"'", "店", "正常", "，没有，", "左右", "大概"
};

#define FORM_COUNT 16

/* The form-th way of writing tenths (340-430) into buf; 0 when it has none. */
static int
write_form(int form, int tenths, char *buf, size_t size)
{
	int			w = tenths / 10;
	int			d = tenths % 10;
	char		whole_cn[32];

	snprintf(whole_cn, sizeof(whole_cn), "%s十%s", cn[w / 10], w % 10 ? cn[w % 10] : "");
	switch (form)
	{
		case 0:
			return snprintf(buf, size, "%d.%d", w, d);
		case 1:
			return snprintf(buf, size, "%d,%d", w, d);
		case 2:
			return snprintf(buf, size, "%d，%d", w, d);
		case 3:
			return snprintf(buf, size, "%d。%d", w, d);
		case 4:
			return snprintf(buf, size, "%d度%d", w, d);
		case 5:
			return snprintf(buf, size, "%d点%d", w, d);
		case 6:
			return snprintf(buf, size, "%d度%s", w, cn[d]);
		case 7:
			return snprintf(buf, size, "%s度%s", whole_cn, cn[d]);
		case 8:
			return snprintf(buf, size, "%s点%s", whole_cn, cn[d]);
		case 9:
			return snprintf(buf, size, "%s点%s度", whole_cn, cn[d]);
		case 10:
			return snprintf(buf, size, "%d.%d℃", w, d);
		case 11:
			return snprintf(buf, size, "%d.%d°C", w, d);
		case 12:
			return snprintf(buf, size, "%d.%d摄氏度", w, d);
		case 13:
			return snprintf(buf, size, "%s%s．%s", w / 10 == 3 ? "３" : "４",
							(const char *[]) {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"}[w % 10],
							(const char *[]) {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"}[d]);
		case 14:
			return d == 0 ? snprintf(buf, size, "%s度", whole_cn) : 0;
		case 15:
			return d == 5 ? snprintf(buf, size, "%s度半", whole_cn) : 0;
	}
	return 0;
}

static void
check_generated(void)
{
	char		form_text[64];
	char		msg[256];
	char		name[300];
	char		first_bad[256];
	int			noise_bad[sizeof(noises) / sizeof(noises[0])] = {0};
	int			noise_tried[sizeof(noises) / sizeof(noises[0])] = {0};
	char		noise_example[sizeof(noises) / sizeof(noises[0])][320];

	for (int form = 0; form < FORM_COUNT; form++)
	{
		int			tried = 0;
		int			bad = 0;

		first_bad[0] = '\0';
		for (int tenths = 340; tenths <= 430; tenths++)
		{
			if (write_form(form, tenths, form_text, sizeof(form_text)) <= 0)
				continue;
			for (size_t p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++)
				for (size_t q = 0; q < sizeof(suffixes) / sizeof(suffixes[0]); q++)
				{
					SmsReport	r;

					snprintf(msg, sizeof(msg), "%s%s%s", prefixes[p], form_text, suffixes[q]);
					sms_parse(msg, strlen(msg), &r);
					tried++;
					if (r.status != SMS_OK || r.temperature != tenths * 10)
					{
						if (bad++ == 0)
							snprintf(first_bad, sizeof(first_bad), "%s", msg);
					}
				}
			/* noise at every byte boundary of one wrapped message */
			snprintf(msg, sizeof(msg), "%s%s%s", prefixes[tenths % 14], form_text, suffixes[tenths % 10]);
			for (size_t k = 0; k < sizeof(noises) / sizeof(noises[0]); k++)
				for (size_t at = 0; at <= strlen(msg); at++)
				{
					char		noisy[300];
					SmsReport	r;

					if (at < strlen(msg) && (msg[at] & 0xC0) == 0x80)
						continue;	/* inside a character */
					snprintf(noisy, sizeof(noisy), "%.*s%s%s", (int) at, msg, noises[k], msg + at);
					sms_parse(noisy, strlen(noisy), &r);
					noise_tried[k]++;
					if (r.status == SMS_OK && r.temperature != tenths * 10 && noise_bad[k]++ == 0)
						snprintf(noise_example[k], sizeof(noise_example[k]), "%s", noisy);
				}
		}
		snprintf(name, sizeof(name), "form %d: %d generated messages read exactly", form, tried);
		if (!ok(tried > 0 && bad == 0, name))
			printf("#   %d wrong or rejected, the first: %s\n", bad, first_bad);
	}
	for (size_t k = 0; k < sizeof(noises) / sizeof(noises[0]); k++)
	{
		snprintf(name, sizeof(name), "noise \"%s\" anywhere in %d messages: read right or rejected",
				 noises[k], noise_tried[k]);
		if (!ok(noise_tried[k] > 0 && noise_bad[k] == 0, name))
			printf("#   %d read as another value, the first: %s\n", noise_bad[k], noise_example[k]);
	}
}

int
main(int argc, char **argv)
{
	char		buf[1200];
	char		path[1024];
	int			checked;
	int			from_voice;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];
		SmsReport	r;
		char		name[256];

		sms_parse(c->message, strlen(c->message), &r);
		snprintf(name, sizeof(name), "status of \"%s\"", c->message);
		is_str(sms_status_name(r.status), sms_status_name(c->status), name);
		snprintf(name, sizeof(name), "reading of \"%s\"", c->message);
		is_int(r.status == SMS_OK ? r.temperature : 0, c->temperature, name);
		snprintf(name, sizeof(name), "symptoms of \"%s\"", c->message);
		is_int(r.symptoms, c->symptoms, name);
		snprintf(name, sizeof(name), "normal of \"%s\"", c->message);
		is_int(r.normal, c->normal, name);
		snprintf(name, sizeof(name), "id of \"%s\"", c->message);
		is_str(r.id, c->id, name);
		snprintf(name, sizeof(name), "name of \"%s\"", c->message);
		is_str(r.name, c->name, name);
	}

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
	{
		SmsReport	r;
		char		name[256];

		sms_parse(reasons[i].message, strlen(reasons[i].message), &r);
		sms_error_reason(&r, buf, sizeof(buf));
		snprintf(name, sizeof(name), "reason for \"%.40s\"", reasons[i].message);
		is_str(buf, reasons[i].reason, name);
	}

	/* readings print as written, trailing zeros trimmed */
	sms_format_hundredths(3650, buf, sizeof(buf));
	is_str(buf, "36.5", "36.50 prints as 36.5");
	sms_format_hundredths(3700, buf, sizeof(buf));
	is_str(buf, "37", "37.00 prints as 37");
	sms_format_hundredths(3725, buf, sizeof(buf));
	is_str(buf, "37.25", "37.25 prints as 37.25");
	sms_format_hundredths(3605, buf, sizeof(buf));
	is_str(buf, "36.05", "36.05 prints as 36.05");

	/* a message longer than the parser reads is rejected, never cut */
	{
		static char longmsg[20000];
		SmsReport	r;

		memset(longmsg, ' ', sizeof(longmsg) - 8);
		memcpy(longmsg + sizeof(longmsg) - 8, " 36.5", 6);
		sms_parse(longmsg, strlen(longmsg), &r);
		is_str(sms_status_name(r.status), "too_long", "a message of 20,000 characters is rejected");
		sms_error_reason(&r, buf, sizeof(buf));
		is_str(buf, "message longer than 1024 characters", "too long: the reason");
		memset(longmsg, ' ', sizeof(longmsg));
		memcpy(longmsg + SMS_MAX_CHARS - 4, "36.5", 5);
		sms_parse(longmsg, strlen(longmsg), &r);
		is_int(r.temperature, 3650, "a message of exactly 1024 characters is read");
		memcpy(longmsg + SMS_MAX_CHARS - 4, " 36.5", 6);
		sms_parse(longmsg, strlen(longmsg), &r);
		is_str(sms_status_name(r.status), "too_long", "1025 characters are too long");
	}

	/* every status has a name, and the names are told apart */
	for (int s = 0; s < SMS_STATUS_COUNT; s++)
		is_int(status_of(sms_status_name((SmsStatus) s)), s, sms_status_name((SmsStatus) s));

	check_generated();

	/* the message file: test/unit/sms_messages.tsv, beside this file */
	if (argc > 1)
		snprintf(path, sizeof(path), "%s", argv[1]);
	else
	{
		const char *slash = strrchr(__FILE__, '/');
		int			dir = slash ? (int) (slash - __FILE__) + 1 : 0;

		snprintf(path, sizeof(path), "%.*ssms_messages.tsv", dir, __FILE__);
	}
	checked = check_message_file(path, &from_voice);
	snprintf(buf, sizeof(buf), "at least 150 messages checked from %s (%d)", path, checked);
	ok(checked >= 150, buf);
	snprintf(buf, sizeof(buf), "at least 50 of them speech-recognition text (%d)", from_voice);
	ok(from_voice >= 50, buf);
	return done_testing();
}
