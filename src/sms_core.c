/*
 * sms_core.c
 *		Reading a health report out of a resident's SMS, or out of the voice
 *		robot's speech-recognition text.
 *
 * The rule: a reading is read exactly as written, or the message is
 * rejected with a reason.  Nothing is rounded, converted or guessed.
 *
 * The message is decoded to code points (full-width ASCII folded to ASCII,
 * ℃ and ° to 度, dashes to '-', the traditional forms of the keywords and of
 * 點 to simplified; more than SMS_MAX_CHARS of them is a rejection, since a
 * cut could fall inside a number), then read left to
 * right.  At each place the longest keyword wins (so 一切正常 is a word, not
 * the number 一), then a number (Arabic or Chinese numerals), else the
 * character is plain text.
 *
 * A number is read with what surrounds it:
 *  - its decimal mark: . 。 · , (one digit after it) 点 度 (36度5, 三十六度五,
 *    36度半); 点 after an hour (0-24) is a time, 8点30;
 *  - what follows: a degree (度, ℃, °C, 摄氏度, C), Fahrenheit (F, ℉, 华氏),
 *    another unit (岁, 月, 号, 人, 次, %, kg: not a reading), 多/几 (not
 *    exact), 以下/以上/不到 (a bound), a range mark and a second number
 *    (36-37, 36到37), an exponent (1e400), a second decimal mark (36.5.5);
 *  - what precedes: a temperature word (体温, 测), a word naming another
 *    quantity (体重, 血压, 今年, 房间, 第: not a reading), a bound (不到,
 *    低于, <), a negation right before it (不是37.5, 没有37度), 华氏.
 * A number is taken for a temperature when a degree or a temperature word
 * says so, when it has decimals and a whole part of 25-49 (or 90-110, which
 * looks Fahrenheit), or when it is a bare 34-43 (37, 三十七).  Digit strings
 * of Chinese numerals (三七, a herb) and long numbers (IDs, phones, years)
 * never are.  Every such number must be a plain reading in 34.00-43.00 with
 * at most two decimals, or the message is rejected with the first problem
 * found.  Several different readings are rejected too: whose each one is,
 * or which is current, is not said.
 *
 * A reading may also have lost part of itself: a space, a comma, a filler
 * or one odd character between its parts ("36 5", "三十六，嗯，五", "36'5",
 * "三十六电五" misheard), or a word between them ("34正常，1").  So a whole
 * (or one-decimal) reading followed closely by a short number, or a whole
 * reading with a short number after it that nothing explains (no unit, no
 * time, no word such as 第 or 体重), is unclear, not read.  A second reading,
 * a time (36度，8点), a count (37，3天), a date, a long number or a name
 * (36.8 李四) is no such thing.  test/unit/sms_test.c checks these
 * properties over every reading from 34.0 to 43.0 in 16 forms with noise
 * inserted anywhere: read right, or rejected.
 *
 * Around the numbers, runs of Han characters give symptom and "normal"
 * keywords; a negation (无, 不, 没有, 未, 否) covers the keywords after it
 * up to the next punctuation other than 、, and 无/否/没有 right after a
 * symptom cancel it (咳嗽：无).  A leftover fragment of 2-4 characters led by
 * a common surname is taken as the sender's name.
 *
 * Nothing is passed over in silence: a word that is no keyword, no unit,
 * no count and no name or place (头胀, sneezing), a letter of another
 * script or an emoji rejects the message, naming the first such text.
 * English words are read as the Chinese ones are (english[], in any case).
 * And what the text says of the temperature must agree with the reading:
 * above normal (偏高, 高于正常) or a fever (有点烧) needs 37.3 or more, below
 * normal (偏低) less than 36.0, not normal (异常, 不正常) with no symptom
 * named either of the two; else the message is rejected as contradicted.
 *
 * The keyword and character tables are decoded once, on first use; a
 * backend is single-threaded.
 */
#include "sms_core.h"
#include "utf8_core.h"

#include <stdio.h>
#include <string.h>

/* Code points the reader names. */
#define CP_DU		0x5EA6		/* 度 */
#define CP_DIAN		0x70B9		/* 点 */
#define CP_BAN		0x534A		/* 半 */
#define CP_DUO		0x591A		/* 多 */
#define CP_JI		0x51E0		/* 几 */
#define CP_YU		0x4F59		/* 余 */
#define CP_LAI		0x6765		/* 来 */
#define CP_CHU		0x51FA		/* 出 */
#define CP_TOU		0x5934		/* 头 */
#define CP_SHI		0x5341		/* 十 */
#define CP_BAI		0x767E		/* 百 */
#define CP_SA		0x5345		/* 卅 */
#define CP_NIAN		0x5EFF		/* 廿 */
#define CP_LING		0x96F6		/* 零 */
#define CP_LING2	0x3007		/* 〇 */
#define CP_LIANG	0x4E24		/* 两 */
#define CP_DAO		0x5230		/* 到 */
#define CP_ZHI		0x81F3		/* 至 */
#define CP_WU_NOT	0x65E0		/* 无 */
#define CP_ZHENG	0x6574		/* 整 */
#define CP_ZHONG	0x949F		/* 钟 */
#define CP_KE		0x523B		/* 刻 */
#define CP_FEN		0x5206		/* 分 */
#define CP_HUA		0x534E		/* 华 */
#define CP_SHI_FAMILY 0x6C0F	/* 氏 */
#define CP_SHE		0x6444		/* 摄 */
#define CP_JUHAO	0x3002		/* 。 */
#define CP_DUNHAO	0x3001		/* 、 */
#define CP_MIDDOT	0x00B7		/* · */
#define CP_CELSIUS	0x2103		/* ℃ */
#define CP_FAHRENHEIT 0x2109	/* ℉ */
#define CP_ELLIPSIS	0x2026		/* … */
#define CP_ELLIPSIS2 0x22EF		/* ⋯ */
#define CP_LE		0x2264		/* ≤ */
#define CP_GE		0x2265		/* ≥ */

typedef enum KeywordKind
{
	KW_SYMPTOM,
	KW_NORMAL,
	KW_NEGATION,
	KW_FILLER,					/* transparent: keeps what precedes a number */
	KW_CUE,						/* the next number is a temperature: 体温 */
	KW_OTHER_NUMBER,			/* the next number is something else: 体重 */
	KW_BOUND,					/* 不到, 以下: not a reading */
	KW_FAHRENHEIT,				/* 华氏 */
	KW_MINUS,					/* 零下, 负: below zero */
	KW_ABOVE,					/* 偏高, 高于正常: the temperature is above normal */
	KW_BELOW,					/* 偏低, 低于正常: below normal */
	KW_ABNORMAL					/* 异常, 不正常: not normal, no symptom named */
} KeywordKind;

#define KF_DIRECT	1			/* a negation of a number right after it */
#define KF_POSTFIX	2			/* may follow the symptom it negates: 咳嗽：无 */
#define KF_BEFORE	4			/* a bound before its number: 不到37度 */
#define KF_AFTER	8			/* a bound after its number: 37度以下 */

typedef struct Keyword
{
	const char *utf8;
	KeywordKind kind;
	uint32_t	symptom;
	int			flags;
} Keyword;

/* Matched longest first, whatever the order here. */
static const Keyword keywords[] = {
	{"呼吸困难", KW_SYMPTOM, SMS_BREATHING, 0},
	{"肌肉酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"全身酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"流鼻涕", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"拉肚子", KW_SYMPTOM, SMS_DIARRHOEA, 0},
	{"喉咙痛", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"喉咙疼", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"嗓子痛", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"嗓子疼", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"咽喉痛", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"肌肉痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"闻不到", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"尝不出", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"咳嗽", KW_SYMPTOM, SMS_COUGH, 0},
	{"干咳", KW_SYMPTOM, SMS_COUGH, 0},
	{"发热", KW_SYMPTOM, SMS_FEVER, 0},
	{"发烧", KW_SYMPTOM, SMS_FEVER, 0},
	{"高烧", KW_SYMPTOM, SMS_FEVER, 0},
	{"低烧", KW_SYMPTOM, SMS_FEVER, 0},
	{"乏力", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"无力", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"疲劳", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"疲倦", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"咽痛", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"气促", KW_SYMPTOM, SMS_BREATHING, 0},
	{"气短", KW_SYMPTOM, SMS_BREATHING, 0},
	{"气喘", KW_SYMPTOM, SMS_BREATHING, 0},
	{"胸闷", KW_SYMPTOM, SMS_BREATHING, 0},
	{"腹泻", KW_SYMPTOM, SMS_DIARRHOEA, 0},
	{"头痛", KW_SYMPTOM, SMS_HEADACHE, 0},
	{"头疼", KW_SYMPTOM, SMS_HEADACHE, 0},
	{"流涕", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"鼻塞", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"畏寒", KW_SYMPTOM, SMS_CHILLS, 0},
	{"发冷", KW_SYMPTOM, SMS_CHILLS, 0},
	{"寒战", KW_SYMPTOM, SMS_CHILLS, 0},
	{"嗅觉", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"味觉", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"咳", KW_SYMPTOM, SMS_COUGH, 0},
	{"烧", KW_SYMPTOM, SMS_FEVER, 0},
	{"没力气", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"没劲", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"怕冷", KW_SYMPTOM, SMS_CHILLS, 0},
	/* unwell, no symptom of the list named: still not nothing */
	{"不舒服", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	/* and softened: 不太舒服 is not 不 followed by nothing */
	{"不太舒服", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"不大舒服", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"不怎么舒服", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"不好受", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"感觉不好", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"身体不好", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"身体不太好", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"有症状", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"难受", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"不适", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"呕吐", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"恶心", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	/* other common ways of saying the symptoms of the list */
	{"喘不上气", KW_SYMPTOM, SMS_BREATHING, 0},
	{"喘不过气", KW_SYMPTOM, SMS_BREATHING, 0},
	{"上不来气", KW_SYMPTOM, SMS_BREATHING, 0},
	{"呼吸急促", KW_SYMPTOM, SMS_BREATHING, 0},
	{"胸口闷", KW_SYMPTOM, SMS_BREATHING, 0},
	{"气急", KW_SYMPTOM, SMS_BREATHING, 0},
	{"憋气", KW_SYMPTOM, SMS_BREATHING, 0},
	{"喘", KW_SYMPTOM, SMS_BREATHING, 0},
	{"嗓子不舒服", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"喉咙不舒服", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"咽喉疼", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"嗓子痒", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"喉咙痒", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"咽部不适", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"拉稀", KW_SYMPTOM, SMS_DIARRHOEA, 0},
	{"拉肚", KW_SYMPTOM, SMS_DIARRHOEA, 0},
	{"鼻涕", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"鼻子不通", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"鼻子堵", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"全身疼", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"全身痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"浑身疼", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"浑身痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"浑身酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"肌肉疼", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"身上疼", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"打寒战", KW_SYMPTOM, SMS_CHILLS, 0},
	{"打冷战", KW_SYMPTOM, SMS_CHILLS, 0},
	{"打寒颤", KW_SYMPTOM, SMS_CHILLS, 0},
	{"打冷颤", KW_SYMPTOM, SMS_CHILLS, 0},
	{"闻不出", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"尝不到", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"没味道", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"咳痰", KW_SYMPTOM, SMS_COUGH, 0},
	{"有痰", KW_SYMPTOM, SMS_COUGH, 0},
	{"头好痛", KW_SYMPTOM, SMS_HEADACHE, 0},
	{"头好疼", KW_SYMPTOM, SMS_HEADACHE, 0},
	{"没精神", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"没力", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"很累", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"累", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"发烫", KW_SYMPTOM, SMS_FEVER, 0},
	{"痰", KW_SYMPTOM, SMS_COUGH, 0},
	{"高热", KW_SYMPTOM, SMS_FEVER, 0},
	{"周身疼", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"周身痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"周身酸痛", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"黄疸", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	/* unwell, but with nothing of the list: unspecified, not nothing */
	{"头晕", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"头昏", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"头晕脑胀", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"眼花", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"肚子疼", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"肚子痛", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"腹痛", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"胃疼", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"胃痛", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"想吐", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"没胃口", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"打喷嚏", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"生病", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"病了", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"感冒", KW_SYMPTOM, SMS_UNSPECIFIED, 0},

	/* what the text says of the temperature, checked against the reading */
	{"高于正常", KW_ABOVE, 0, 0},
	{"超过正常", KW_ABOVE, 0, 0},
	{"比正常高", KW_ABOVE, 0, 0},
	{"比平时高", KW_ABOVE, 0, 0},
	{"偏高", KW_ABOVE, 0, 0},
	{"略高", KW_ABOVE, 0, 0},
	{"稍高", KW_ABOVE, 0, 0},
	{"较高", KW_ABOVE, 0, 0},
	{"有点高", KW_ABOVE, 0, 0},
	{"有些高", KW_ABOVE, 0, 0},
	{"高了", KW_ABOVE, 0, 0},
	{"超标", KW_ABOVE, 0, 0},
	{"低于正常", KW_BELOW, 0, 0},
	{"比正常低", KW_BELOW, 0, 0},
	{"比平时低", KW_BELOW, 0, 0},
	{"偏低", KW_BELOW, 0, 0},
	{"略低", KW_BELOW, 0, 0},
	{"稍低", KW_BELOW, 0, 0},
	{"较低", KW_BELOW, 0, 0},
	{"有点低", KW_BELOW, 0, 0},
	{"低了", KW_BELOW, 0, 0},
	{"异常", KW_ABNORMAL, 0, 0},
	{"不正常", KW_ABNORMAL, 0, 0},
	{"不太正常", KW_ABNORMAL, 0, 0},
	{"不大正常", KW_ABNORMAL, 0, 0},
	{"不算正常", KW_ABNORMAL, 0, 0},
	{"不怎么正常", KW_ABNORMAL, 0, 0},
	{"不是很正常", KW_ABNORMAL, 0, 0},
	{"有问题", KW_ABNORMAL, 0, 0},

	{"没有症状", KW_NORMAL, 0, 0},
	{"没有异常", KW_NORMAL, 0, 0},
	{"一切正常", KW_NORMAL, 0, 0},
	{"身体健康", KW_NORMAL, 0, 0},
	{"无症状", KW_NORMAL, 0, 0},
	{"无不适", KW_NORMAL, 0, 0},
	{"无异常", KW_NORMAL, 0, 0},
	{"正常", KW_NORMAL, 0, 0},
	{"良好", KW_NORMAL, 0, 0},
	{"没问题", KW_NORMAL, 0, 0},
	{"没事", KW_NORMAL, 0, 0},
	{"没有问题", KW_NORMAL, 0, 0},
	{"健康", KW_NORMAL, 0, 0},

	{"没有", KW_NEGATION, 0, KF_DIRECT | KF_POSTFIX},
	{"不是", KW_NEGATION, 0, KF_DIRECT},
	{"并非", KW_NEGATION, 0, KF_DIRECT},
	{"没", KW_NEGATION, 0, KF_DIRECT | KF_POSTFIX},
	{"不", KW_NEGATION, 0, KF_DIRECT},
	{"未", KW_NEGATION, 0, KF_DIRECT},
	{"无", KW_NEGATION, 0, KF_POSTFIX},
	{"否", KW_NEGATION, 0, KF_POSTFIX},

	{"没有超过", KW_BOUND, 0, KF_BEFORE},
	{"不超过", KW_BOUND, 0, KF_BEFORE},
	{"没超过", KW_BOUND, 0, KF_BEFORE},
	{"未超过", KW_BOUND, 0, KF_BEFORE},
	{"不高于", KW_BOUND, 0, KF_BEFORE},
	{"不低于", KW_BOUND, 0, KF_BEFORE},
	{"不到", KW_BOUND, 0, KF_BEFORE | KF_AFTER},
	{"低于", KW_BOUND, 0, KF_BEFORE},
	{"高于", KW_BOUND, 0, KF_BEFORE},
	{"超过", KW_BOUND, 0, KF_BEFORE},
	{"小于", KW_BOUND, 0, KF_BEFORE},
	{"大于", KW_BOUND, 0, KF_BEFORE},
	{"少于", KW_BOUND, 0, KF_BEFORE},
	{"不足", KW_BOUND, 0, KF_BEFORE},
	{"未满", KW_BOUND, 0, KF_BEFORE},
	{"不满", KW_BOUND, 0, KF_BEFORE},
	{"以下", KW_BOUND, 0, KF_AFTER},
	{"以上", KW_BOUND, 0, KF_AFTER},
	{"以内", KW_BOUND, 0, KF_AFTER},
	{"之内", KW_BOUND, 0, KF_AFTER},
	{"之下", KW_BOUND, 0, KF_AFTER},
	{"之上", KW_BOUND, 0, KF_AFTER},

	{"体温", KW_CUE, 0, 0},
	{"温度", KW_CUE, 0, 0},
	{"腋温", KW_CUE, 0, 0},
	{"额温", KW_CUE, 0, 0},
	{"耳温", KW_CUE, 0, 0},
	{"口温", KW_CUE, 0, 0},
	{"肛温", KW_CUE, 0, 0},
	{"测温", KW_CUE, 0, 0},
	{"测量", KW_CUE, 0, 0},
	{"自测", KW_CUE, 0, 0},
	{"摄氏", KW_CUE, 0, 0},
	{"测", KW_CUE, 0, 0},
	{"量", KW_CUE, 0, 0},

	{"华氏", KW_FAHRENHEIT, 0, 0},

	{"零下", KW_MINUS, 0, 0},
	{"负", KW_MINUS, 0, 0},

	{"验证码", KW_OTHER_NUMBER, 0, 0},
	{"室温", KW_OTHER_NUMBER, 0, 0},
	{"气温", KW_OTHER_NUMBER, 0, 0},
	{"水温", KW_OTHER_NUMBER, 0, 0},
	{"房间", KW_OTHER_NUMBER, 0, 0},
	{"房号", KW_OTHER_NUMBER, 0, 0},
	{"门牌", KW_OTHER_NUMBER, 0, 0},
	{"编号", KW_OTHER_NUMBER, 0, 0},
	{"号码", KW_OTHER_NUMBER, 0, 0},
	{"电话", KW_OTHER_NUMBER, 0, 0},
	{"手机", KW_OTHER_NUMBER, 0, 0},
	{"床号", KW_OTHER_NUMBER, 0, 0},
	{"工号", KW_OTHER_NUMBER, 0, 0},
	{"学号", KW_OTHER_NUMBER, 0, 0},
	{"今年", KW_OTHER_NUMBER, 0, 0},
	{"年龄", KW_OTHER_NUMBER, 0, 0},
	{"年纪", KW_OTHER_NUMBER, 0, 0},
	{"周岁", KW_OTHER_NUMBER, 0, 0},
	{"体重", KW_OTHER_NUMBER, 0, 0},
	{"身高", KW_OTHER_NUMBER, 0, 0},
	{"血压", KW_OTHER_NUMBER, 0, 0},
	{"高压", KW_OTHER_NUMBER, 0, 0},
	{"低压", KW_OTHER_NUMBER, 0, 0},
	{"心率", KW_OTHER_NUMBER, 0, 0},
	{"心跳", KW_OTHER_NUMBER, 0, 0},
	{"脉搏", KW_OTHER_NUMBER, 0, 0},
	{"血氧", KW_OTHER_NUMBER, 0, 0},
	{"血糖", KW_OTHER_NUMBER, 0, 0},
	{"呼吸", KW_OTHER_NUMBER, 0, 0},
	{"一共", KW_OTHER_NUMBER, 0, 0},
	{"总共", KW_OTHER_NUMBER, 0, 0},
	{"车牌", KW_OTHER_NUMBER, 0, 0},
	{"尾号", KW_OTHER_NUMBER, 0, 0},
	{"邮编", KW_OTHER_NUMBER, 0, 0},
	{"人数", KW_OTHER_NUMBER, 0, 0},
	{"第", KW_OTHER_NUMBER, 0, 0},
	{"共", KW_OTHER_NUMBER, 0, 0},
	{"住", KW_OTHER_NUMBER, 0, 0},
	{"楼", KW_OTHER_NUMBER, 0, 0},
	{"床", KW_OTHER_NUMBER, 0, 0},

	{"身份证", KW_FILLER, 0, 0},
	{"差不多", KW_FILLER, 0, 0},
	{"不知道", KW_FILLER, 0, 0},
	{"今天", KW_FILLER, 0, 0},
	{"今日", KW_FILLER, 0, 0},
	{"早上", KW_FILLER, 0, 0},
	{"早晨", KW_FILLER, 0, 0},
	{"上午", KW_FILLER, 0, 0},
	{"中午", KW_FILLER, 0, 0},
	{"下午", KW_FILLER, 0, 0},
	{"晚上", KW_FILLER, 0, 0},
	{"报告", KW_FILLER, 0, 0},
	{"上报", KW_FILLER, 0, 0},
	{"身体", KW_FILLER, 0, 0},
	{"姓名", KW_FILLER, 0, 0},
	{"名字", KW_FILLER, 0, 0},
	{"症状", KW_FILLER, 0, 0},
	{"其他", KW_FILLER, 0, 0},
	{"情况", KW_FILLER, 0, 0},
	{"目前", KW_FILLER, 0, 0},
	{"现在", KW_FILLER, 0, 0},
	{"本人", KW_FILLER, 0, 0},
	{"家人", KW_FILLER, 0, 0},
	{"全家", KW_FILLER, 0, 0},
	{"一切", KW_FILLER, 0, 0},
	{"你好", KW_FILLER, 0, 0},
	{"您好", KW_FILLER, 0, 0},
	{"谢谢", KW_FILLER, 0, 0},
	{"收到", KW_FILLER, 0, 0},
	{"家里", KW_FILLER, 0, 0},
	{"在家", KW_FILLER, 0, 0},
	{"退烧", KW_FILLER, 0, 0},
	{"隔离", KW_FILLER, 0, 0},
	{"出门", KW_FILLER, 0, 0},
	{"外出", KW_FILLER, 0, 0},
	{"时间", KW_FILLER, 0, 0},
	{"什么", KW_FILLER, 0, 0},
	{"饱和度", KW_FILLER, 0, 0},
	{"花了", KW_FILLER, 0, 0},
	{"爱人", KW_FILLER, 0, 0},
	{"老伴", KW_FILLER, 0, 0},
	{"老人", KW_FILLER, 0, 0},
	{"孩子", KW_FILLER, 0, 0},
	{"小孩", KW_FILLER, 0, 0},
	{"爸爸", KW_FILLER, 0, 0},
	{"妈妈", KW_FILLER, 0, 0},
	{"父亲", KW_FILLER, 0, 0},
	{"母亲", KW_FILLER, 0, 0},
	{"儿子", KW_FILLER, 0, 0},
	{"女儿", KW_FILLER, 0, 0},
	{"老婆", KW_FILLER, 0, 0},
	{"老公", KW_FILLER, 0, 0},
	{"等", KW_FILLER, 0, 0},
	{"整", KW_FILLER, 0, 0},
	{"刚", KW_FILLER, 0, 0},
	{"对", KW_FILLER, 0, 0},
	{"和", KW_FILLER, 0, 0},
	{"很", KW_FILLER, 0, 0},
	{"挺", KW_FILLER, 0, 0},
	{"蛮", KW_FILLER, 0, 0},
	{"还", KW_FILLER, 0, 0},
	{"也", KW_FILLER, 0, 0},
	{"就", KW_FILLER, 0, 0},
	{"在", KW_FILLER, 0, 0},
	{"年", KW_FILLER, 0, 0},
	{"房", KW_FILLER, 0, 0},
	{"儿", KW_FILLER, 0, 0},
	/* words led by a common surname, which would be taken for a name */
	{"任何", KW_FILLER, 0, 0},
	{"白天", KW_FILLER, 0, 0},
	{"周末", KW_FILLER, 0, 0},
	{"马上", KW_FILLER, 0, 0},
	{"何时", KW_FILLER, 0, 0},
	{"味道", KW_FILLER, 0, 0},
	{"减退", KW_FILLER, 0, 0},
	{"单元", KW_FILLER, 0, 0},
	{"号楼", KW_FILLER, 0, 0},
	{"那个", KW_FILLER, 0, 0},
	{"这个", KW_FILLER, 0, 0},
	{"就是", KW_FILLER, 0, 0},
	{"然后", KW_FILLER, 0, 0},
	{"是的", KW_FILLER, 0, 0},
	{"好的", KW_FILLER, 0, 0},
	{"大概", KW_FILLER, 0, 0},
	{"大约", KW_FILLER, 0, 0},
	{"左右", KW_FILLER, 0, 0},
	{"上下", KW_FILLER, 0, 0},
	{"应该", KW_FILLER, 0, 0},
	{"可能", KW_FILLER, 0, 0},
	{"估计", KW_FILLER, 0, 0},
	{"好像", KW_FILLER, 0, 0},
	{"一下", KW_FILLER, 0, 0},
	{"一直", KW_FILLER, 0, 0},
	{"一点", KW_FILLER, 0, 0},
	{"有点", KW_FILLER, 0, 0},
	{"一些", KW_FILLER, 0, 0},
	{"十分", KW_FILLER, 0, 0},
	{"非常", KW_FILLER, 0, 0},
	{"一度", KW_FILLER, 0, 0},
	{"两度", KW_FILLER, 0, 0},
	{"刚才", KW_FILLER, 0, 0},
	{"刚刚", KW_FILLER, 0, 0},
	{"还是", KW_FILLER, 0, 0},
	{"一样", KW_FILLER, 0, 0},
	{"我", KW_FILLER, 0, 0},
	{"是", KW_FILLER, 0, 0},
	{"的", KW_FILLER, 0, 0},
	{"了", KW_FILLER, 0, 0},
	{"度", KW_FILLER, 0, 0},
	{"号", KW_FILLER, 0, 0},
	{"有", KW_FILLER, 0, 0},
	{"都", KW_FILLER, 0, 0},
	{"均", KW_FILLER, 0, 0},
	{"已", KW_FILLER, 0, 0},
	{"好", KW_FILLER, 0, 0},
	{"叫", KW_FILLER, 0, 0},
	{"到", KW_FILLER, 0, 0},
	{"嗯", KW_FILLER, 0, 0},
	{"啊", KW_FILLER, 0, 0},
	{"呃", KW_FILLER, 0, 0},
	{"额", KW_FILLER, 0, 0},
	{"哦", KW_FILLER, 0, 0},
	{"噢", KW_FILLER, 0, 0},
	{"喔", KW_FILLER, 0, 0},
	{"唔", KW_FILLER, 0, 0},
	{"诶", KW_FILLER, 0, 0},
	{"欸", KW_FILLER, 0, 0},
	{"哎", KW_FILLER, 0, 0},
	{"喂", KW_FILLER, 0, 0},
	{"吧", KW_FILLER, 0, 0},
	{"呢", KW_FILLER, 0, 0},
	{"吗", KW_FILLER, 0, 0},
	{"呀", KW_FILLER, 0, 0},
	{"啦", KW_FILLER, 0, 0},
	{"嘛", KW_FILLER, 0, 0},
};

#define N_KEYWORDS	(sizeof(keywords) / sizeof(keywords[0]))

/*
 * English words, matched whole and in any case (full-width letters are
 * folded to ASCII first); the words of a phrase may be apart by any
 * spaces.  A word that is in neither table, nor a number's unit, is not
 * understood, and the message is rejected saying so.
 */
static const Keyword english[] = {
	{"cough", KW_SYMPTOM, SMS_COUGH, 0},
	{"coughs", KW_SYMPTOM, SMS_COUGH, 0},
	{"coughing", KW_SYMPTOM, SMS_COUGH, 0},
	{"fever", KW_SYMPTOM, SMS_FEVER, 0},
	{"feverish", KW_SYMPTOM, SMS_FEVER, 0},
	{"tired", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"fatigue", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"fatigued", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"weak", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"weakness", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"exhausted", KW_SYMPTOM, SMS_FATIGUE, 0},
	{"sore throat", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"throat pain", KW_SYMPTOM, SMS_SORE_THROAT, 0},
	{"shortness of breath", KW_SYMPTOM, SMS_BREATHING, 0},
	{"short of breath", KW_SYMPTOM, SMS_BREATHING, 0},
	{"breathless", KW_SYMPTOM, SMS_BREATHING, 0},
	{"difficulty breathing", KW_SYMPTOM, SMS_BREATHING, 0},
	{"trouble breathing", KW_SYMPTOM, SMS_BREATHING, 0},
	{"diarrhea", KW_SYMPTOM, SMS_DIARRHOEA, 0},
	{"diarrhoea", KW_SYMPTOM, SMS_DIARRHOEA, 0},
	{"headache", KW_SYMPTOM, SMS_HEADACHE, 0},
	{"runny nose", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"stuffy nose", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"blocked nose", KW_SYMPTOM, SMS_RUNNY_NOSE, 0},
	{"muscle pain", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"muscle ache", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"muscle aches", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"body ache", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"body aches", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"aches", KW_SYMPTOM, SMS_MUSCLE_PAIN, 0},
	{"chills", KW_SYMPTOM, SMS_CHILLS, 0},
	{"shivering", KW_SYMPTOM, SMS_CHILLS, 0},
	{"loss of smell", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"loss of taste", KW_SYMPTOM, SMS_SMELL_TASTE, 0},
	{"unwell", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"sick", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"ill", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"dizzy", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"nausea", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"vomiting", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"not well", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"not fine", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"not good", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"not ok", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"not okay", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"feel bad", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"feeling bad", KW_SYMPTOM, SMS_UNSPECIFIED, 0},
	{"symptoms", KW_SYMPTOM, SMS_UNSPECIFIED, 0},

	{"normal", KW_NORMAL, 0, 0},
	{"ok", KW_NORMAL, 0, 0},
	{"okay", KW_NORMAL, 0, 0},
	{"healthy", KW_NORMAL, 0, 0},
	{"all good", KW_NORMAL, 0, 0},
	{"no symptoms", KW_NORMAL, 0, 0},
	{"no symptom", KW_NORMAL, 0, 0},

	{"above normal", KW_ABOVE, 0, 0},
	{"high", KW_ABOVE, 0, 0},
	{"elevated", KW_ABOVE, 0, 0},
	{"below normal", KW_BELOW, 0, 0},
	{"low", KW_BELOW, 0, 0},
	{"abnormal", KW_ABNORMAL, 0, 0},
	{"not normal", KW_ABNORMAL, 0, 0},

	{"no", KW_NEGATION, 0, KF_DIRECT | KF_POSTFIX},
	{"not", KW_NEGATION, 0, KF_DIRECT},
	{"none", KW_NEGATION, 0, KF_POSTFIX},
	{"without", KW_NEGATION, 0, KF_DIRECT},

	{"temperature", KW_CUE, 0, 0},
	{"t", KW_CUE, 0, 0},
	{"temp", KW_CUE, 0, 0},

	{"fine", KW_FILLER, 0, 0},
	{"good", KW_FILLER, 0, 0},
	{"well", KW_FILLER, 0, 0},
	{"celsius", KW_FILLER, 0, 0},
	{"degrees", KW_FILLER, 0, 0},
	{"degree", KW_FILLER, 0, 0},
	{"body", KW_FILLER, 0, 0},
	{"today", KW_FILLER, 0, 0},
	{"morning", KW_FILLER, 0, 0},
	{"evening", KW_FILLER, 0, 0},
	{"afternoon", KW_FILLER, 0, 0},
	{"am", KW_FILLER, 0, 0},
	{"pm", KW_FILLER, 0, 0},
	{"i", KW_FILLER, 0, 0},
	{"im", KW_FILLER, 0, 0},
	{"my", KW_FILLER, 0, 0},
	{"is", KW_FILLER, 0, 0},
	{"it", KW_FILLER, 0, 0},
	{"and", KW_FILLER, 0, 0},
	{"or", KW_FILLER, 0, 0},
	{"have", KW_FILLER, 0, 0},
	{"a", KW_FILLER, 0, 0},
	{"bit", KW_FILLER, 0, 0},
	{"little", KW_FILLER, 0, 0},
	{"slight", KW_FILLER, 0, 0},
	{"slightly", KW_FILLER, 0, 0},
	{"hi", KW_FILLER, 0, 0},
	{"hello", KW_FILLER, 0, 0},
	{"thanks", KW_FILLER, 0, 0},
	{"thank you", KW_FILLER, 0, 0},
	{"report", KW_FILLER, 0, 0},
	{"name", KW_FILLER, 0, 0},
	{"id", KW_FILLER, 0, 0},
	/* no numbers: not a reading, as any other word */
	{"nan", KW_FILLER, 0, 0},
	{"inf", KW_FILLER, 0, 0},
	{"infinity", KW_FILLER, 0, 0},
};

#define N_ENGLISH	(sizeof(english) / sizeof(english[0]))
#define KW_MAXLEN	5
#define KW_BUCKETS	256
#define KW_PER_BUCKET 24

static const char *const symptom_names[SMS_SYMPTOM_COUNT] = {
	"cough", "fever", "fatigue", "sore_throat", "breathing", "diarrhoea",
	"headache", "runny_nose", "muscle_pain", "chills", "smell_taste", "unspecified"
};

static const char *const status_names[SMS_STATUS_COUNT] = {
	"ok", "empty", "no_temperature", "implausible", "too_long", "exponent",
	"malformed", "precision", "no_point", "fahrenheit", "range",
	"approximate", "bound", "negated", "ambiguous", "several", "several_ids",
	"several_names", "not_understood", "contradicted"
};

const char *
sms_symptom_name(int bit_index)
{
	if (bit_index < 0 || bit_index >= SMS_SYMPTOM_COUNT)
		return "unknown";
	return symptom_names[bit_index];
}

const char *
sms_status_name(SmsStatus status)
{
	if ((int) status < 0 || (int) status >= SMS_STATUS_COUNT)
		return "unknown";
	return status_names[status];
}

/*
 * Units after a number that make it something other than a reading: a
 * date, an age, a time, a count, an address, a weight, money.
 */
static const char unit_chars[] =
	"年月日号岁时分秒天周人位口次遍回下栋幢座单室楼层户床间斤克元块角毛个只"
	"件张瓶盒包片粒支袋米里期组队班届路排村站街巷弄条台辆名家倍成折份页步圈"
	"杯顿针剂例起所处区万亿级代";

/* Units of two characters whose first alone is no unit: 小时, 公斤. */
static const char unit_words[] = "小时公斤公里千克毫升厘米单元口人个人点钟";

/* Words that start with a unit character but are none: 36.5下午. */
static const char not_unit_words[] = "下午时间天气";

/*
 * About a hundred common Chinese surnames, used only to tell a sender's name
 * from other leftover words ("收到", "老人今年"); a short heuristic list, not
 * a reference.  Name matching keeps its own sourced list.
 */
static const char common_surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡"
	"蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹"
	"薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文欧阳";

/*
 * Characters that say how one feels (疼, 烧, 晕): a fragment holding one is
 * no sender's name, though a surname leads it (周身疼, 高热, 胡乱疼).
 */
static const char feeling_chars[] = "疼痛咳喘吐泻晕痒烧热冷酸乏累病症疸肿胀闷";

/*
 * Last characters of place names (王家河, 李家湾, 张家口, 王家河村): a
 * fragment ending in one is a place the sender lives in, not a name.
 */
static const char place_suffixes[] = "村镇乡街路区县市组湾河口港桥坪岗垸巷庄屯寨";

/*
 * Traditional characters read as their simplified forms, pairwise: the
 * decimal mark 點, 兩, and the characters of the keywords.
 */
static const char traditional_pairs[] =
	"點点兩两體体溫温發发燒烧沒没無无測测過过於于異异狀状頭头熱热攝摄嚨咙適适"
	"這这個个歲岁樓楼號号幾几餘余華华氣气瀉泻戰战勞劳覺觉聞闻嘗尝還还現现報报"
	"謝谢說说問问題题腦脑";

/* Chinese digits and their values. */
static const char cn_digit_chars[] = "零〇一幺二两三四五六七八九";
static const int cn_digit_values[] = {0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};

/* The tables decoded to code points, once. */
static uint32_t kw_cps[N_KEYWORDS][KW_MAXLEN];
static int	kw_len[N_KEYWORDS];
static short kw_bucket[KW_BUCKETS][KW_PER_BUCKET];
static int	kw_bucket_n[KW_BUCKETS];
static uint32_t units[128];
static int	n_units;
static uint32_t unit_pairs[32];
static int	n_unit_pairs;
static uint32_t not_unit_pairs[16];
static int	n_not_unit_pairs;
static uint32_t surnames[128];
static int	n_surnames;
static uint32_t places[32];
static int	n_places;
static uint32_t feelings[32];
static int	n_feelings;
static uint32_t cn_digits[16];
static int	n_cn_digits;
static uint32_t traditional[128];
static int	n_traditional;
static int	tables_ready = 0;

static int
decode_into(const char *utf8, uint32_t *out, int max)
{
	const unsigned char *p = (const unsigned char *) utf8;
	size_t		left = strlen(utf8);
	int			n = 0;

	while (left > 0 && n < max)
	{
		size_t		used = grid_utf8_decode(p, left, &out[n++]);

		p += used;
		left -= used;
	}
	return n;
}

static void
prepare_tables(void)
{
	if (tables_ready)
		return;
	for (size_t k = 0; k < N_KEYWORDS; k++)
	{
		int			b;
		int			pos;

		kw_len[k] = decode_into(keywords[k].utf8, kw_cps[k], KW_MAXLEN);
		b = (int) (kw_cps[k][0] % KW_BUCKETS);
		/* keep each bucket longest first */
		pos = kw_bucket_n[b];
		if (pos >= KW_PER_BUCKET)
			continue;			/* cannot happen with this table; the test
								 * of every keyword would show it */
		while (pos > 0 && kw_len[kw_bucket[b][pos - 1]] < kw_len[k])
		{
			kw_bucket[b][pos] = kw_bucket[b][pos - 1];
			pos--;
		}
		kw_bucket[b][pos] = (short) k;
		kw_bucket_n[b]++;
	}
	n_units = decode_into(unit_chars, units, 128);
	n_unit_pairs = decode_into(unit_words, unit_pairs, 32);
	n_not_unit_pairs = decode_into(not_unit_words, not_unit_pairs, 16);
	n_surnames = decode_into(common_surnames, surnames, 128);
	n_places = decode_into(place_suffixes, places, 32);
	n_feelings = decode_into(feeling_chars, feelings, 32);
	n_cn_digits = decode_into(cn_digit_chars, cn_digits, 16);
	n_traditional = decode_into(traditional_pairs, traditional, 128);
	tables_ready = 1;
}

static int
in_set(uint32_t cp, const uint32_t *set, int n)
{
	for (int i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
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

static int
is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n';
}

/* The value of a Chinese digit (零 to 九, 〇, 两, 幺), or -1. */
static int
cn_digit(uint32_t cp)
{
	for (int i = 0; i < n_cn_digits; i++)
		if (cn_digits[i] == cp)
			return cn_digit_values[i];
	return -1;
}

/* Any character of a Chinese numeral: digits, 十, 百, 卅, 廿. */
static int
is_cn_numeral(uint32_t cp)
{
	return cp == CP_SHI || cp == CP_BAI || cp == CP_SA || cp == CP_NIAN || cn_digit(cp) >= 0;
}

/* A digit after a decimal mark: Arabic, or Chinese (not 两, not 幺). */
static int
frac_digit(uint32_t cp)
{
	if (is_digit(cp))
		return (int) (cp - '0');
	if (cp == CP_LIANG || cp == 0x5E7A)
		return -1;
	return cn_digit(cp);
}

/* . 。 · between digits: a decimal mark. */
static int
is_mark(uint32_t cp)
{
	return cp == '.' || cp == CP_JUHAO || cp == CP_MIDDOT;
}

static int
is_unit(uint32_t cp)
{
	return cp == '%' || in_set(cp, units, n_units);
}

/* The length of a unit at cps[i]: 岁, 公斤, %; 0 when there is none. */
static int
unit_at(const uint32_t *cps, int n, int i)
{
	if (i >= n)
		return 0;
	for (int k = 0; k + 1 < n_not_unit_pairs; k += 2)
		if (i + 1 < n && cps[i] == not_unit_pairs[k] && cps[i + 1] == not_unit_pairs[k + 1])
			return 0;
	for (int k = 0; k + 1 < n_unit_pairs; k += 2)
		if (i + 1 < n && cps[i] == unit_pairs[k] && cps[i + 1] == unit_pairs[k + 1])
			return 2;
	if (is_unit(cps[i]))
		return 1;
	return 0;
}

/* Clause punctuation and spaces end a negation; 、 (a list) does not. */
static int
ends_clause(uint32_t cp)
{
	return is_space(cp) || cp == ',' || cp == '.' || cp == ';' || cp == '!' || cp == '?' ||
		cp == CP_JUHAO;
}

static int
is_range_mark(uint32_t cp)
{
	return cp == '-' || cp == '~' || cp == CP_DAO || cp == CP_ZHI;
}

static int
is_common_surname(uint32_t cp)
{
	return in_set(cp, surnames, n_surnames);
}

/*
 * Fold what people type into one form: full-width ASCII, ideographic and
 * other spaces, ℃/°/° C to 度, ° F to ℉, dashes and tildes, middle dots;
 * zero-width characters are dropped.  Returns the count of code points, or
 * -1 when there are more than max.
 */
static int
decode_message(const char *text, size_t len, uint32_t *cps, int max)
{
	const unsigned char *p = (const unsigned char *) text;
	int			n = 0;

	while (len > 0)
	{
		uint32_t	cp;
		size_t		used = grid_utf8_decode(p, len, &cp);

		p += used;
		len -= used;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;		/* full-width ASCII */
		else if (cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2002 && cp <= 0x200A) ||
				 cp == 0x202F || cp == 0x205F)
			cp = ' ';
		else if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
			continue;
		else if (cp == CP_CELSIUS)
			cp = CP_DU;
		else if (cp >= 0x4E00 && cp <= 0x9FFF)
		{
			for (int k = 0; k + 1 < n_traditional; k += 2)
				if (traditional[k] == cp)
				{
					cp = traditional[k + 1];
					break;
				}
		}
		else if (cp == 0x00B0 || cp == 0x00BA || cp == 0x02DA || cp == '\'' || cp == 0x2019)
		{
			/* ° alone or before C is a degree; before F, Fahrenheit */
			uint32_t	next = 0;
			size_t		nused = 0;

			if (len > 0)
				nused = grid_utf8_decode(p, len, &next);
			if (next == 0xFF23 || next == 0xFF43)
				next -= 0xFEE0;
			if (next == 0xFF26 || next == 0xFF46)
				next -= 0xFEE0;
			if (next == 'C' || next == 'c')
			{
				p += nused;
				len -= nused;
				cp = CP_DU;
			}
			else if (next == 'F' || next == 'f')
			{
				p += nused;
				len -= nused;
				cp = CP_FAHRENHEIT;
			}
			else if (cp == '\'' || cp == 0x2019)
				;				/* an apostrophe is a degree only before C or F */
			else
				cp = CP_DU;
		}
		else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63)
			cp = '-';
		else if (cp == 0x301C || cp == 0x223C)
			cp = '~';
		else if (cp == 0x30FB || cp == 0xFF65 || cp == 0x2027 || cp == 0x2219)
			cp = CP_MIDDOT;
		else if (cp == 0xFE52)
			cp = '.';
		else if (cp == 0xFE50)
			cp = ',';
		if (n >= max)
			return -1;
		cps[n++] = cp;
	}
	return n;
}

static void
encode_utf8(uint32_t cp, char *out, size_t *pos, size_t size)
{
	unsigned char b[GRID_UTF8_MAX];
	size_t		n = grid_utf8_encode(cp, b);

	if (*pos + n < size)
	{
		memcpy(out + *pos, b, n);
		*pos += n;
		out[*pos] = '\0';
	}
}

/* ------------------------------------------------------------------ */

/* What the words before a number said about it: where each was, or -1. */
typedef struct Context
{
	int			cue;			/* 体温 */
	int			other;			/* 体重, 第: another quantity */
	int			bound;			/* 不到, < */
	int			negation;		/* 不是, 没有 right before */
	int			fahrenheit;		/* 华氏 */
	int			minus;			/* 零下, 负 */
} Context;

#define SMS_MAX_CLAIMS 8

typedef struct Scan
{
	const uint32_t *cps;
	int			n;
	SmsReport  *out;
	Context		ctx;
	int			negated;		/* a negation covers the next keywords */
	uint32_t	pending;		/* symptoms just named, for 咳嗽：无 */
	int			normal_said;
	int			frag;			/* start of leftover Han characters, or -1 */
	int			keyword_end;	/* where the last keyword ended */
	int			plain_end;		/* where the last plain character ended */
	SmsStatus	problem;		/* the first rejected reading, or SMS_OK */
	int			weak_start;		/* a bare 365: no decimal mark, or -1 */
	int			weak_end;
	int			whole_start;	/* the first whole-number reading (37), or -1 */
	int			stray_end;		/* after an unexplained short number after it, or -1 */
	int			tens_reading;	/* it ended in 十 (四十): a units digit may follow */
	int			unread_start;	/* the first text not understood, or -1 */
	int			unread_end;
	int			nclaims;		/* words the reading must agree with: */
	struct
	{
		int			kind;		/* KW_ABOVE, KW_BELOW, KW_ABNORMAL, KW_SYMPTOM (fever) */
		int			start;
		int			end;
	}			claims[SMS_MAX_CLAIMS];
} Scan;

/* What a number is, as read with its surroundings. */
#define NF_DEGREE		0x0001
#define NF_FAHRENHEIT	0x0002
#define NF_UNIT			0x0004	/* a unit says it is not a reading */
#define NF_TIME			0x0008
#define NF_LONG			0x0010	/* four digits or more */
#define NF_EXPONENT		0x0020
#define NF_MALFORMED	0x0040
#define NF_AMBIGUOUS	0x0080
#define NF_APPROX		0x0100
#define NF_BOUND		0x0200
#define NF_RANGE		0x0400

typedef struct Num
{
	int			start;			/* first code point */
	int			core_end;		/* after digits, mark, decimals, exponent */
	int			end;			/* after what was read with it */
	int64_t		whole;			/* the whole part, capped */
	int			whole_digits;	/* digits as written (Chinese: of the value) */
	int			digit_string;	/* written digit by digit (no 十) */
	int			chinese;
	int			has_frac;
	int			frac_digits;
	int			frac;			/* hundredths, from the first two decimals */
	unsigned	flags;
} Num;

static void
context_clear(Context *c)
{
	c->cue = c->other = c->bound = c->negation = c->fahrenheit = c->minus = -1;
}

/* The longest keyword at cps[i], or -1. */
static int
keyword_at(const uint32_t *cps, int n, int i)
{
	int			b;

	if (i >= n)
		return -1;
	b = (int) (cps[i] % KW_BUCKETS);
	for (int j = 0; j < kw_bucket_n[b]; j++)
	{
		int			k = kw_bucket[b][j];
		int			len = kw_len[k];

		if (i + len <= n && memcmp(cps + i, kw_cps[k], (size_t) len * sizeof(uint32_t)) == 0)
			return k;
	}
	return -1;
}

static int
skip_spaces(const uint32_t *cps, int n, int i)
{
	while (i < n && is_space(cps[i]))
		i++;
	return i;
}

static int
match_text(const uint32_t *cps, int n, int i, uint32_t a, uint32_t b, uint32_t c)
{
	if (i >= n || cps[i] != a)
		return 0;
	if (b == 0)
		return 1;
	if (i + 1 >= n || cps[i + 1] != b)
		return 0;
	if (c == 0)
		return 2;
	if (i + 2 >= n || cps[i + 2] != c)
		return 0;
	return 3;
}

/*
 * Does a Chinese numeral start at cps[i]?  Ten and its kin always do; a
 * lone digit only before a degree or a decimal mark and digit, so that 王五,
 * 两个 and 三口人 stay words.
 */
static int
starts_cn_number(const uint32_t *cps, int n, int i)
{
	uint32_t	c1;

	if (cps[i] == CP_SHI || cps[i] == CP_SA || cps[i] == CP_NIAN)
		return 1;
	if (cn_digit(cps[i]) < 0 || i + 1 >= n)
		return 0;
	c1 = cps[i + 1];
	if (is_cn_numeral(c1) || c1 == CP_DU)
		return 1;
	if ((c1 == CP_DIAN || is_mark(c1)) && i + 2 < n &&
		(frac_digit(cps[i + 2]) >= 0 || cps[i + 2] == CP_BAN ||
		 cps[i + 2] == CP_DUO || cps[i + 2] == CP_JI))
		return 1;
	return 0;
}

static int
starts_number(const uint32_t *cps, int n, int i)
{
	return i < n && (is_digit(cps[i]) || starts_cn_number(cps, n, i));
}

static int
count_digits(int64_t v)
{
	int			d = 1;

	while (v >= 10 && d < 19)
	{
		v /= 10;
		d++;
	}
	return d;
}

/*
 * Read a Chinese whole number at cps[i]: 三十六, 卅六, 四十, 一百零二, or
 * digit by digit, 三六.  三十六七 ("36 or 37") is a range; anything else that
 * does not parse is malformed.  Returns the end.
 */
static int
read_cn_whole(const uint32_t *cps, int n, int i, Num *num)
{
	int			j = i;
	int			structured = 0;
	int			p = i;
	int64_t		v = 0;
	int			d;

	while (j < n && j - i < 24 && is_cn_numeral(cps[j]))
	{
		if (cn_digit(cps[j]) < 0)
			structured = 1;
		j++;
	}
	num->chinese = 1;
	if (!structured)
	{
		for (int k = i; k < j; k++)
			if (v < 1000000000000000LL)
				v = v * 10 + cn_digit(cps[k]);
		num->whole = v;
		num->whole_digits = j - i;
		num->digit_string = 1;
		return j;
	}
	if (p + 1 < j && (d = cn_digit(cps[p])) > 0 && cps[p + 1] == CP_BAI)
	{
		v += d * 100;
		p += 2;
		if (p + 1 < j && (cps[p] == CP_LING || cps[p] == CP_LING2) && cn_digit(cps[p + 1]) > 0)
		{
			v += cn_digit(cps[p + 1]);
			p += 2;
			goto done;
		}
	}
	if (p < j && cps[p] == CP_SA)
		v += 30, p++;
	else if (p < j && cps[p] == CP_NIAN)
		v += 20, p++;
	else if (p + 1 < j && (d = cn_digit(cps[p])) > 0 && cps[p + 1] == CP_SHI)
		v += d * 10, p += 2;
	else if (p < j && cps[p] == CP_SHI)
		v += 10, p++;
	if (p < j && (d = cn_digit(cps[p])) >= 0)
		v += d, p++;
done:
	num->whole = v;
	num->whole_digits = count_digits(v);
	if (p < j)
	{
		if (p + 1 == j && p > i && cn_digit(cps[p - 1]) >= 0 &&
			cn_digit(cps[p]) == cn_digit(cps[p - 1]) + 1)
			num->flags |= NF_RANGE;
		else
			num->flags |= NF_MALFORMED;
	}
	return j;
}

/*
 * After 点 following an hour: the minutes, 半, 一刻, 整, 钟.  Minutes are
 * taken only when they cannot be a reading's whole part (12点36.5).
 */
static int
read_minutes(const uint32_t *cps, int n, int p)
{
	int			r;

	if (p < n && (cps[p] == CP_BAN || cps[p] == CP_ZHENG || cps[p] == CP_ZHONG))
		return p + 1;
	if (p + 1 < n && cn_digit(cps[p]) > 0 && cps[p + 1] == CP_KE)
		return p + 2;
	r = p;
	if (r < n && is_digit(cps[r]))
		while (r < n && is_digit(cps[r]))
			r++;
	else
		while (r < n && is_cn_numeral(cps[r]))
			r++;
	if (r == p)
		return p;
	if (r < n && cps[r] == CP_FEN)
		return r + 1;
	if (r < n && (is_mark(cps[r]) || cps[r] == CP_DU || cps[r] == CP_DIAN || cps[r] == ','))
		return p;
	return r;
}

/* Is it a temperature, or another number?  See the file's comment. */
static int
temperature_like(const Num *num, const Context *ctx)
{
	int			in_window = num->whole >= 25 && num->whole <= 49;

	if (num->flags & NF_EXPONENT)
		return 1;
	if (num->flags & (NF_DEGREE | NF_FAHRENHEIT))
		return 1;
	if (ctx->cue >= 0 || ctx->fahrenheit >= 0)
		return 1;
	if (num->has_frac && (in_window || (num->whole >= 90 && num->whole <= 110)))
		return 1;
	if ((num->flags & (NF_APPROX | NF_RANGE | NF_AMBIGUOUS | NF_MALFORMED | NF_BOUND)) && in_window)
		return 1;
	if (!num->has_frac && num->whole >= 34 && num->whole <= 43 &&
		((num->chinese && !num->digit_string) || (!num->chinese && num->whole_digits == 2)))
		return 1;
	return 0;
}

static int read_number(const uint32_t *cps, int n, int i, Num *num, int nested);

/*
 * Does a word start at cps[i] that a decimal digit must not be taken from:
 * 一切, 一下, 一直 (36度一切正常)?  一度 and 一点 are digits: 三十四点一度.
 */
static int
word_at(const uint32_t *cps, int n, int i)
{
	int			k = keyword_at(cps, n, i);

	return k >= 0 && kw_len[k] > 1 && kw_cps[k][1] != CP_DU && kw_cps[k][1] != CP_DIAN;
}

/*
 * Does a whole new number start at cps[i], rather than decimals: 三十, 36
 * (two digits or more)?
 */
static int
starts_new_number(const uint32_t *cps, int n, int i)
{
	if (i + 1 >= n)
		return 0;
	if (is_digit(cps[i]))
		return is_digit(cps[i + 1]);
	return cn_digit(cps[i]) > 0 && (cps[i + 1] == CP_SHI || cps[i + 1] == CP_BAI);
}

/* 二点一度: decimals and a degree after 点, so no time of day. */
static int
decimals_then_degree(const uint32_t *cps, int n, int q)
{
	int			r = q;

	while (r < n && frac_digit(cps[r]) >= 0 && cps[r] != CP_LIANG)
		r++;
	return r > q && r < n && cps[r] == CP_DU;
}

/*
 * After 度 or 点 at cps[p]: decimals (36度5, 三十六度五, 36度半), a new
 * number (36度37度, 三十六度三十七度), or unclear (36度55)?  Returns 1, 0, -1.
 */
static int
word_decimals(const uint32_t *cps, int n, int p)
{
	int			q = p + 1;

	if (q >= n)
		return 0;
	if (cps[q] == CP_BAN)
		return 1;
	if (frac_digit(cps[q]) < 0 || word_at(cps, n, q))
		return 0;
	if (!is_digit(cps[q]))
		return starts_new_number(cps, n, q) ? 0 : 1;
	while (q < n && is_digit(cps[q]))
		q++;
	if (q - (p + 1) == 1)
		return 1;
	if (q - (p + 1) >= 3 ||
		(q < n && (cps[q] == CP_DU || cps[q] == CP_DIAN || is_mark(cps[q]))))
		return 0;
	return -1;
}

/*
 * Is the number ending at cps[e] something of its own: a list item (2、,
 * 二、, 2), 2.无咳嗽) or part of a date or address (02-10, 3-2-501, 2/10)?
 */
static int
is_enumerator_or_compound(const uint32_t *cps, int n, int e)
{
	if (e >= n)
		return 0;
	if (cps[e] == CP_DUNHAO || cps[e] == ')')
		return 1;
	if (cps[e] == '.' && e + 1 < n && (is_han(cps[e + 1]) || is_space(cps[e + 1])))
		return 1;
	return (cps[e] == '-' || cps[e] == '/') && e + 1 < n && is_digit(cps[e + 1]);
}

/* Punctuation that may sit between the parts of a garbled reading. */
static int
is_gap_punct(uint32_t cp)
{
	return cp == CP_ELLIPSIS || cp == CP_ELLIPSIS2 || cp == CP_JUHAO || cp == CP_DUNHAO ||
		cp == CP_MIDDOT || (cp < 0x80 && cp > ' ' && !is_digit(cp) && !is_letter(cp) && cp != '%');
}

/*
 * After a whole or one-decimal reading (e is where it ends, bare when no
 * unit was read with it; tens when it ends in 十; decimal when it has
 * decimals): does a short number follow within a few characters of
 * punctuation, fillers or one odd character?  "36 5", "34.了1", "三十六，
 * 嗯，五", "36店5", "34度点1", "34两点六": the writer may have meant 36.5.  A
 * second reading (36度，37度), a time (36度，8点), a count (36，3天) or a
 * long number is no such thing.  Returns the end of what is unclear, or 0.
 */
static int
garbled_end(const uint32_t *cps, int n, int e, int bare, int tens, int decimal)
{
	int			r = e;
	int			steps = 0;
	int			odd = 0;
	int			spaced = 0;
	Num			next;
	Context		none;

	while (r < n && steps < 6)
	{
		uint32_t	c = cps[r];
		int			k;

		if (is_digit(c) || c == CP_SHI || c == CP_BAN || (cn_digit(c) >= 0 && !word_at(cps, n, r)))
			break;
		if (is_space(c) || is_gap_punct(c))
		{
			spaced |= is_space(c);
			r++, steps++;
			continue;
		}
		if ((k = keyword_at(cps, n, r)) >= 0)
		{
			if (keywords[k].kind != KW_FILLER)
				return 0;
			r += kw_len[k], steps++;
			continue;
		}
		if (unit_at(cps, n, r) > 0)
			return 0;
		if (is_common_surname(c) && r + 1 < n && cn_digit(cps[r + 1]) >= 0)
			return 0;			/* 36.8 李四: a name */
		if (!odd && (is_han(c) || c >= 0x80 ||
					 (is_letter(c) && !spaced && !(r + 1 < n && is_letter(cps[r + 1])))))
		{
			odd = 1;
			r++, steps++;
			continue;
		}
		return 0;
	}
	if (r >= n || steps >= 6)
		return 0;
	if (cps[r] == CP_BAN)
		return steps > 0 ? r + 1 : 0;
	context_clear(&none);
	read_number(cps, n, r, &next, 1);
	if (tens && bare && cn_digit(cps[r]) > 0)
		return next.end;		/* 四十 二点六: 四十二点六 cut in two? */
	if (next.flags & (NF_LONG | NF_TIME | NF_UNIT))
		return (steps == 0 && bare) ? next.end : 0;	/* 34两点六 */
	if (decimal && next.has_frac)
		return 0;				/* 36.5 2.10: a date */
	if (is_enumerator_or_compound(cps, n, next.end))
		return 0;				/* 36.5 2、无咳嗽; 36.5 02-10 */
	if ((steps > 0 || !bare) && temperature_like(&next, &none) && next.whole >= 25 && next.whole <= 49)
		return 0;				/* a second reading */
	return next.end;
}

/*
 * Read the number at cps[i] with the decimal mark, units and markers that
 * belong to it.  Pure: it changes nothing but *num.  nested: reading the
 * second number of a range, which is not followed further.
 */
static int
read_number(const uint32_t *cps, int n, int i, Num *num, int nested)
{
	int			p;
	int			q;
	int			r;
	uint32_t	m;
	uint32_t	sep = 0;
	int			spaced;
	int			k;

	memset(num, 0, sizeof(*num));
	num->start = i;
	if (is_digit(cps[i]))
	{
		p = i;
		while (p < n && is_digit(cps[p]))
		{
			if (num->whole < 1000000000000000LL)
				num->whole = num->whole * 10 + (cps[p] - '0');
			num->whole_digits++;
			p++;
		}
		num->digit_string = 1;
	}
	else
		p = read_cn_whole(cps, n, i, num);

	/* an exponent, on any number: 1e400, 37E0 */
	if (!num->chinese && p < n && (cps[p] == 'e' || cps[p] == 'E'))
	{
		q = p + 1;
		if (q < n && (cps[q] == '+' || cps[q] == '-'))
			q++;
		if (q < n && is_digit(cps[q]))
		{
			while (q < n && is_digit(cps[q]))
				q++;
			num->flags |= NF_EXPONENT;
			num->core_end = num->end = q;
			return q;
		}
	}

	if (!num->chinese && num->whole_digits >= 4)
	{
		/* an ID, a phone, a year, anything long: never a reading */
		num->flags |= NF_LONG;
		if (num->whole_digits == 17 && p < n && (cps[p] == 'X' || cps[p] == 'x'))
			p++;
		else if (num->whole_digits == 4 && p + 1 < n &&
				 (cps[p] == '-' || cps[p] == '.' || cps[p] == '/') && is_digit(cps[p + 1]))
		{
			/* a date: 2020-02-10, 2020.2.10 */
			for (int part = 0; part < 2 && p + 1 < n &&
				 (cps[p] == '-' || cps[p] == '.' || cps[p] == '/') && is_digit(cps[p + 1]); part++)
			{
				p++;
				while (p < n && is_digit(cps[p]))
					p++;
			}
		}
		num->core_end = num->end = p;
		return p;
	}

	/* a time of day: 8:30 */
	if (!num->chinese && p + 1 < n && cps[p] == ':' && is_digit(cps[p + 1]))
	{
		q = p + 1;
		while (q < n && is_digit(cps[q]))
			q++;
		if (q + 1 < n && cps[q] == ':' && is_digit(cps[q + 1]))
			for (q++; q < n && is_digit(cps[q]); q++)
				;
		if (num->whole <= 24)
			num->flags |= NF_TIME;
		else if (num->whole <= 49)
			num->flags |= NF_AMBIGUOUS;
		else
			num->flags |= NF_UNIT;
		num->core_end = num->end = q;
		return q;
	}

	/* the decimal mark */
	m = p < n ? cps[p] : 0;
	if (is_mark(m))
	{
		q = p;
		while (q < n && (is_mark(cps[q]) || cps[q] == ','))
			q++;
		if (q - p >= 2 && q < n && frac_digit(cps[q]) >= 0)
		{
			/* 36..5 */
			while (q < n && frac_digit(cps[q]) >= 0)
				q++;
			num->flags |= NF_MALFORMED;
			p = q;
			goto after_core;
		}
		if (p + 1 < n && frac_digit(cps[p + 1]) >= 0 && !word_at(cps, n, p + 1) &&
			!(m == CP_JUHAO && unit_at(cps, n, p + 2) > 0))
			sep = m;			/* 36.5, 36。5; not 37。3天 */
	}
	else if (m == ',' && !num->chinese)
	{
		q = p + 1;
		while (q < n && is_digit(cps[q]))
			q++;
		if (q - (p + 1) == 1 && unit_at(cps, n, q) == 0 &&
			!(q + 1 < n && (is_mark(cps[q]) || cps[q] == ',') && is_digit(cps[q + 1])))
			sep = ',';			/* 36,5; not 37,3天 */
		else if (q - (p + 1) == 2 && num->whole >= 25 && num->whole <= 49)
		{
			num->flags |= NF_AMBIGUOUS; /* 36,37: 36.37, or two numbers? */
			p = q;
			goto after_core;
		}
	}
	else if (m == CP_DIAN)
	{
		if (num->whole <= 24 && !(num->flags & (NF_RANGE | NF_MALFORMED)) && !decimals_then_degree(cps, n, p + 1))
		{
			num->flags |= NF_TIME;
			num->core_end = num->end = read_minutes(cps, n, p + 1);
			return num->end;
		}
		if (word_decimals(cps, n, p) == 1)
			sep = m;
		else if (p + 1 < n && (cps[p + 1] == CP_DUO || cps[p + 1] == CP_JI))
		{
			num->flags |= NF_APPROX;
			p += 2;
			goto after_core;
		}
		else
		{
			num->flags |= NF_AMBIGUOUS; /* 36点: a reading or an hour? */
			p += 1;
			goto after_core;
		}
	}
	else if (m == CP_DU && word_decimals(cps, n, p) == 1)
	{
		sep = m;
		num->flags |= NF_DEGREE;
	}
	else if (m == CP_DU && word_decimals(cps, n, p) < 0)
	{
		/* 36度55: 36.55, or 36 degrees and 55? */
		num->flags |= NF_DEGREE | NF_AMBIGUOUS;
		for (p++; p < n && is_digit(cps[p]); p++)
			;
		goto after_core;
	}

	if (sep)
	{
		int			chinese_frac = 0;
		int			first = -1;
		int			second = -1;

		p++;
		num->has_frac = 1;
		if (cps[p] == CP_BAN)
		{
			num->frac_digits = 1;
			num->frac = 50;
			p++;
		}
		else
		{
			int			d;

			while (p < n && (d = frac_digit(cps[p])) >= 0)
			{
				/* 三十六度五三十六度五: the next number starts at 三十 */
				if (num->frac_digits > 0 && !is_digit(cps[p]) && p + 1 < n &&
					(cps[p + 1] == CP_SHI || cps[p + 1] == CP_BAI))
					break;
				if (!is_digit(cps[p]))
					chinese_frac = 1;
				if (num->frac_digits == 0)
					first = d;
				else if (num->frac_digits == 1)
					second = d;
				if (num->frac_digits < 2)
					num->frac = num->frac * 10 + d;
				num->frac_digits++;
				p++;
			}
			if (num->frac_digits == 1)
				num->frac *= 10;
			/* 34.1五, 三十四点5五: Arabic and Chinese digits mixed */
			for (int k = p - num->frac_digits; k + 1 < p; k++)
				if (is_digit(cps[k]) != is_digit(cps[k + 1]))
					num->flags |= NF_MALFORMED;
			if (p < n && (cps[p] == CP_SHI || cps[p] == CP_BAI))
			{
				while (p < n && is_cn_numeral(cps[p]))
					p++;
				num->flags |= NF_MALFORMED;
			}
			/* 三十六度五六: said as "36.5 or 36.6" */
			else if (chinese_frac && num->frac_digits == 2 && second == first + 1)
				num->flags |= NF_RANGE;
		}
		/* a second decimal mark: 36.5.5, 36.5度5; not 36.5度36.5 */
		if (p + 1 < n && (is_mark(cps[p]) || cps[p] == CP_DIAN || cps[p] == CP_DU) &&
			frac_digit(cps[p + 1]) >= 0 &&
			!(cps[p] == CP_DU && starts_new_number(cps, n, p + 1)))
		{
			p++;
			while (p < n && frac_digit(cps[p]) >= 0)
				p++;
			num->flags |= NF_MALFORMED;
		}
		/* 36度5点, 三十六度三次: a reading, or 36 degrees and a count? */
		else if ((sep == CP_DU || sep == CP_DIAN) && p < n &&
				 (cps[p] == CP_DIAN || unit_at(cps, n, p) > 0))
		{
			num->flags |= NF_AMBIGUOUS;
			p++;
		}
	}

	/* an exponent after decimals: 3.65e1 */
	if (!num->chinese && p < n && (cps[p] == 'e' || cps[p] == 'E'))
	{
		q = p + 1;
		if (q < n && (cps[q] == '+' || cps[q] == '-'))
			q++;
		if (q < n && is_digit(cps[q]))
		{
			while (q < n && is_digit(cps[q]))
				q++;
			num->flags |= NF_EXPONENT;
			p = q;
		}
	}

after_core:
	num->core_end = p;

	/* not exact: 36多, 三十几, 三十来, 三十出头 */
	if (p < n)
	{
		if (cps[p] == CP_DUO || cps[p] == CP_YU || cps[p] == CP_JI ||
			(cps[p] == CP_LAI && !num->has_frac))
		{
			num->flags |= NF_APPROX;
			p++;
		}
		else if (p + 1 < n && cps[p] == CP_CHU && cps[p + 1] == CP_TOU)
		{
			num->flags |= NF_APPROX;
			p += 2;
		}
	}

	/* the unit */
	q = skip_spaces(cps, n, p);
	spaced = q > p;
	if (q < n && (k = match_text(cps, n, q, CP_SHE, CP_SHI_FAMILY, CP_DU)) > 0)
	{
		num->flags |= NF_DEGREE;
		q += k;
	}
	else if (q < n && cps[q] == CP_DU)
	{
		num->flags |= NF_DEGREE;
		if (spaced && q + 1 < n && frac_digit(cps[q + 1]) >= 0 && !word_at(cps, n, q + 1))
		{
			/* 36 度5 */
			num->flags |= NF_AMBIGUOUS;
			q += 2;
		}
		else
		{
			q++;
			r = skip_spaces(cps, n, q);
			if (q < n && (cps[q] == 'C' || cps[q] == 'c') && !(q + 1 < n && is_letter(cps[q + 1])))
				q++;
			else if (r < n && (cps[r] == CP_FAHRENHEIT ||
							   ((cps[r] == 'F' || cps[r] == 'f') && !(r + 1 < n && is_letter(cps[r + 1])))))
			{
				/* 37度F, 37 ° F: degrees Fahrenheit, not a reading in Celsius */
				num->flags &= ~NF_DEGREE;
				num->flags |= NF_FAHRENHEIT;
				q = r + 1;
			}
			if (q < n && (cps[q] == CP_DUO || cps[q] == CP_JI))
			{
				num->flags |= NF_APPROX;
				q++;
			}
			else if (!num->has_frac && !spaced && q < n && cps[q] == CP_WU_NOT &&
					 (q + 1 == n || ends_clause(cps[q + 1])))
			{
				/* 三十六度无: 五 heard as 无? */
				num->flags |= NF_AMBIGUOUS;
				q++;
			}
			else if (!num->has_frac && q < n && cps[q] == CP_SHI &&
					 !(q + 1 < n && (cps[q + 1] == CP_DIAN || unit_at(cps, n, q + 1) > 0 ||
									 is_cn_numeral(cps[q + 1]))))
			{
				/* 三十六度十: not a decimal, not a new reading */
				num->flags |= NF_AMBIGUOUS;
				q++;
			}
		}
	}
	else if (q < n && (cps[q] == 'C' || cps[q] == 'c') && !(q + 1 < n && is_letter(cps[q + 1])))
	{
		num->flags |= NF_DEGREE;
		q++;
	}
	else if (q < n && (cps[q] == CP_FAHRENHEIT ||
					   ((cps[q] == 'F' || cps[q] == 'f') && !(q + 1 < n && is_letter(cps[q + 1])))))
	{
		num->flags |= NF_FAHRENHEIT;
		q++;
	}
	else if (q < n && (k = match_text(cps, n, q, CP_HUA, CP_SHI_FAMILY, 0)) > 0)
	{
		num->flags |= NF_FAHRENHEIT;
		q += k;
		if (q < n && cps[q] == CP_DU)
			q++;
	}
	else if (q < n && spaced && cps[q] == CP_DIAN && !num->has_frac)
	{
		/* 8 点: an hour; 36 点 5: unclear */
		num->flags |= num->whole <= 24 ? NF_TIME : NF_AMBIGUOUS;
		q++;
	}
	else if (!spaced && (k = unit_at(cps, n, q)) > 0)
	{
		/* a unit touches its number: 80岁, 3栋, 40公斤, 98% */
		num->flags |= NF_UNIT;
		q += k;
	}
	else if (q + 1 < n && !spaced && (cps[q] == 'o' || cps[q] == 'O') &&
			 (cps[q + 1] == 'C' || cps[q + 1] == 'c') && !(q + 2 < n && is_letter(cps[q + 2])))
	{
		num->flags |= NF_DEGREE;	/* 36.5oC */
		q += 2;
	}
	else if (q < n && !spaced && is_letter(cps[q]))
	{
		num->flags |= NF_UNIT;	/* 36.5kg */
		while (q < n && is_letter(cps[q]))
			q++;
	}
	else
		q = p;
	num->end = q;

	/* a bound after it: 37度以下, 37度不到 */
	q = skip_spaces(cps, n, num->end);
	k = keyword_at(cps, n, q);
	if (k >= 0 && keywords[k].kind == KW_BOUND && (keywords[k].flags & KF_AFTER))
	{
		num->flags |= NF_BOUND;
		num->end = q + kw_len[k];
	}

	if (nested || (num->flags & (NF_LONG | NF_TIME | NF_UNIT)))
		return num->end;

	/* a range: 36-37, 36.5～37.0, 36到37度 */
	q = skip_spaces(cps, n, num->end);
	if (q < n && is_range_mark(cps[q]))
	{
		int			t = q;

		while (t < n && (is_range_mark(cps[t]) || is_space(cps[t])))
			t++;
		if (starts_number(cps, n, t))
		{
			Num			next;
			Context		none;

			context_clear(&none);
			read_number(cps, n, t, &next, 1);
			if (!(next.flags & (NF_LONG | NF_TIME | NF_UNIT)) &&
				(temperature_like(num, &none) || temperature_like(&next, &none)))
			{
				num->flags |= NF_RANGE;
				num->end = next.end;
				return num->end;
			}
		}
	}

	/* "36 5", "三十六，五", "34.了1", "36.2 5": a reading, or two numbers? */
	if (num->whole >= 25 && num->whole <= 49 && num->frac_digits <= 1 &&
		!(num->flags & (NF_MALFORMED | NF_EXPONENT)))
	{
		int			e = garbled_end(cps, n, num->end, num->end == num->core_end,
									num->chinese && cps[num->core_end - 1] == CP_SHI,
									num->has_frac);

		if (e > 0)
		{
			num->flags |= NF_AMBIGUOUS;
			num->end = e;
		}
	}
	return num->end;
}

/* Keep the text [from, to) for the reason, cut short. */
static void
quote(SmsReport *out, const uint32_t *cps, int from, int to)
{
	size_t		pos = 0;
	int			limit = 20;

	out->what[0] = '\0';
	for (int i = from; i < to && i - from < limit; i++)
		encode_utf8(cps[i], out->what, &pos, sizeof(out->what) - 4);
	if (to - from > limit)
		encode_utf8(CP_ELLIPSIS, out->what, &pos, sizeof(out->what));
}

static void
reject(Scan *s, SmsStatus status, int from, int to)
{
	if (s->problem != SMS_OK)
		return;
	s->problem = status;
	quote(s->out, s->cps, from, to);
}

/* Record what a number is: a reading, a rejected one, or not a reading. */
static void
take_number(Scan *s, const Num *num)
{
	Context		ctx = s->ctx;
	int			from = num->start;
	int64_t		value;

	context_clear(&s->ctx);
	s->negated = 0;
	s->pending = 0;

	if ((num->flags & NF_LONG) && !(num->flags & NF_EXPONENT))
	{
		int			len = num->end - num->start;

		if ((num->whole_digits == 15 && len == 15) || (num->whole_digits == 17 && len == 18) ||
			(num->whole_digits == 18 && len == 18))
		{
			char		id[SMS_ID_MAX];

			for (int i = 0; i < len; i++)
				id[i] = (char) (s->cps[num->start + i] == 'x' ? 'X' : s->cps[num->start + i]);
			id[len] = '\0';
			if (s->out->id[0] == '\0')
				memcpy(s->out->id, id, len + 1);
			else if (strcmp(s->out->id, id) != 0)
				s->out->other_id = 1;	/* whose reading is it? */
		}
		return;
	}
	/* 四十正常二点零: the units digit of 四十二, cut off? */
	if (s->tens_reading && s->stray_end < 0 && num->chinese && cn_digit(s->cps[num->start]) > 0)
		s->stray_end = num->end;
	if (ctx.other >= 0 || (num->flags & (NF_UNIT | NF_TIME)))
		return;
	/* 34正常，1: a short number nothing explains, after a whole reading */
	if (s->whole_start >= 0 && s->stray_end < 0 && num->whole < 100 && num->whole_digits <= 2 &&
		!temperature_like(num, &ctx) && !is_enumerator_or_compound(s->cps, s->n, num->end))
		s->stray_end = num->end;
	/* .40, ·5: decimals without their whole part */
	if (num->start > 0 && (s->cps[num->start - 1] == '.' || s->cps[num->start - 1] == CP_MIDDOT))
	{
		if (temperature_like(num, &ctx))
			reject(s, SMS_MALFORMED, num->start - 1, num->end);
		return;
	}
	if (!temperature_like(num, &ctx))
	{
		/* 365: a reading without its mark, unless a reading is elsewhere */
		if (num->digit_string && !num->has_frac && num->whole_digits == 3 &&
			num->whole >= 340 && num->whole <= 430 && s->weak_start < 0)
		{
			s->weak_start = num->start;
			s->weak_end = num->core_end;
		}
		return;
	}

	if (num->flags & NF_EXPONENT)
		reject(s, SMS_EXPONENT, num->start, num->core_end);
	else if (num->flags & NF_MALFORMED)
		reject(s, SMS_MALFORMED, num->start, num->end);
	else if (num->flags & NF_AMBIGUOUS)
		reject(s, SMS_AMBIGUOUS, num->start, num->end);
	else if (num->flags & NF_RANGE)
		reject(s, SMS_RANGE, num->start, num->end);
	else if (ctx.negation >= 0)
		reject(s, SMS_NEGATED, ctx.negation, num->end);
	else if (ctx.bound >= 0)
		reject(s, SMS_BOUND, ctx.bound, num->end);
	else if (num->flags & NF_BOUND)
		reject(s, SMS_BOUND, num->start, num->end);
	else if (num->flags & NF_APPROX)
		reject(s, SMS_APPROXIMATE, num->start, num->end);
	else if (ctx.fahrenheit >= 0)
		reject(s, SMS_FAHRENHEIT, ctx.fahrenheit, num->end);
	else if (num->flags & NF_FAHRENHEIT)
		reject(s, SMS_FAHRENHEIT, from, num->end);
	else if (num->frac_digits > 2)
		reject(s, SMS_PRECISION, num->start, num->core_end);
	else if (ctx.minus >= 0)
		reject(s, SMS_IMPLAUSIBLE, ctx.minus, num->core_end);
	else if (!num->has_frac && num->digit_string && num->whole_digits == 3 &&
			 num->whole >= 340 && num->whole <= 430)
		reject(s, SMS_NO_POINT, num->start, num->core_end);
	else
	{
		value = num->whole > 1000 ? 100000 : num->whole * 100 + num->frac;
		if (value < SMS_TEMP_MIN || value > SMS_TEMP_MAX)
			reject(s, SMS_IMPLAUSIBLE, num->start, num->core_end);
		else
		{
			SmsReport  *out = s->out;

			if (!num->has_frac && s->whole_start < 0)
			{
				s->whole_start = num->start;
				s->tens_reading = num->chinese && s->cps[num->core_end - 1] == CP_SHI;
			}
			if (out->readings == 0)
				out->temperature = (int) value;
			else if (value != out->temperature && out->other == 0)
				out->other = (int) value;
			out->readings++;
		}
	}
}

/*
 * Keep a word of the text that the reading must agree with: 偏高, 异常,
 * 发烧.  More of them than are kept is a contradiction of its own.
 */
static void
claim(Scan *s, int kind, int i, int len)
{
	int			c = s->nclaims < SMS_MAX_CLAIMS ? s->nclaims : SMS_MAX_CLAIMS - 1;

	s->claims[c].kind = s->nclaims < SMS_MAX_CLAIMS ? kind : -1;
	s->claims[c].start = i;
	s->claims[c].end = i + len;
	if (s->nclaims < SMS_MAX_CLAIMS)
		s->nclaims++;
}

/*
 * The first word the reading contradicts, or -1.  Above normal (偏高,
 * 高于正常) and a fever (发烧, 有点烧) need SMS_ABOVE_NORMAL or more, below
 * normal (偏低) less than SMS_BELOW_NORMAL, and not normal (异常, 不正常)
 * with no symptom named a reading outside the two.  The other way round,
 * "38.5 正常", the reading stands: the fever rule sees it.
 */
static int
contradicted(const Scan *s, int t)
{
	for (int c = 0; c < s->nclaims; c++)
	{
		int			bad;

		switch (s->claims[c].kind)
		{
			case KW_ABOVE:
				bad = t < SMS_ABOVE_NORMAL;
				break;
			case KW_BELOW:
				bad = t >= SMS_BELOW_NORMAL;
				break;
			case KW_ABNORMAL:
				bad = t >= SMS_BELOW_NORMAL && t < SMS_ABOVE_NORMAL && s->out->symptoms == 0;
				break;
			case KW_SYMPTOM:
				bad = (s->out->symptoms & SMS_FEVER) && t < SMS_ABOVE_NORMAL;
				break;
			default:
				bad = 1;
				break;
		}
		if (bad)
			return c;
	}
	return -1;
}

/* Text that is neither read nor a name: keep where the first is. */
static void
not_understood(Scan *s, int from, int to)
{
	if (s->unread_start < 0)
	{
		s->unread_start = from;
		s->unread_end = to;
	}
}

/*
 * Punctuation, symbols and spaces, which say nothing to read: ASCII that
 * is no letter or digit, Latin-1 and general punctuation, CJK and
 * full-width punctuation, and U+FFFD (a byte that was not UTF-8).
 */
static int
is_punctuation(uint32_t cp)
{
	return (cp < 0x80 && !is_letter(cp) && !is_digit(cp)) || (cp >= 0xA0 && cp <= 0xBF) ||
		cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
		(cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE10 && cp <= 0xFE6F) ||
		(cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xFFFD || cp == CP_CELSIUS;
}

/*
 * The longest English word or phrase of english[] at cps[i], its letters
 * in any case and its words apart by any spaces, followed by no letter:
 * its index, with its length in *len; or -1.
 */
static int
english_at(const uint32_t *cps, int n, int i, int *len)
{
	int			best = -1;
	int			best_end = i;

	for (size_t e = 0; e < N_ENGLISH; e++)
	{
		const char *w = english[e].utf8;
		int			j = i;

		for (; *w != '\0'; w++)
		{
			if (*w == ' ')
			{
				if (j >= n || !is_space(cps[j]))
					break;
				j = skip_spaces(cps, n, j);
				continue;
			}
			if (j >= n || !is_letter(cps[j]) || (char) (cps[j] | 0x20) != *w)
				break;
			j++;
		}
		if (*w == '\0' && !(j < n && is_letter(cps[j])) && j > best_end)
		{
			best = (int) e;
			best_end = j;
		}
	}
	*len = best_end - i;
	return best;
}

/* A leftover fragment of 2-4 Han characters led by a surname is the name. */
static void
take_name(Scan *s, int end)
{
	SmsReport  *out = s->out;
	int			start = s->frag;
	size_t		pos = 0;
	int			n = end - start;

	char		name[SMS_NAME_MAX];

	s->frag = -1;
	if (start < 0)
		return;
	if (in_set(s->cps[end - 1], places, n_places))
		return;					/* a place: 王家河村, 白沙脑社区 */
	for (int i = start; i < end && n >= 2 && n <= 4; i++)
		if (in_set(s->cps[i], feelings, n_feelings))
			n = 0;				/* 胡乱疼: how one feels, not who */
	if (n < 2 || n > 4 || !is_common_surname(s->cps[start]))
	{
		not_understood(s, start, end);	/* 头胀, 在外地 */
		return;
	}
	name[0] = '\0';
	for (int i = start; i < end; i++)
		encode_utf8(s->cps[i], name, &pos, sizeof(name));
	if (out->name[0] == '\0')
		memcpy(out->name, name, pos + 1);
	else if (out->other_name[0] == '\0' && strcmp(out->name, name) != 0)
		memcpy(out->other_name, name, pos + 1);	/* whose reading is it? */
}

/* Does a clause end at cps[i]: 咳嗽：无 followed by this? */
static int
clause_ends_at(const Scan *s, int i)
{
	return i >= s->n || ends_clause(s->cps[i]) || s->cps[i] == CP_DUNHAO ||
		is_digit(s->cps[i]) || is_cn_numeral(s->cps[i]);
}

/* Take the keyword kw, len code points long, at cps[i]. */
static void
take_keyword(Scan *s, const Keyword *kw, int i, int len)
{
	switch (kw->kind)
	{
		case KW_SYMPTOM:
			context_clear(&s->ctx);
			s->pending = 0;
			if (!s->negated)
			{
				s->pending = kw->symptom & ~s->out->symptoms;
				s->out->symptoms |= kw->symptom;
				if (kw->symptom & SMS_FEVER)
					claim(s, KW_SYMPTOM, i, len);
			}
			break;
		case KW_NORMAL:
			context_clear(&s->ctx);
			s->pending = 0;
			s->normal_said = !s->negated;
			if (s->negated)
				claim(s, KW_ABNORMAL, i, len);	/* 不是正常 */
			s->negated = 0;
			break;
		case KW_ABNORMAL:
			context_clear(&s->ctx);
			s->pending = 0;
			if (s->negated)
				s->normal_said = 1;	/* 没异常 */
			else
				claim(s, KW_ABNORMAL, i, len);
			s->negated = 0;
			break;
		case KW_ABOVE:
		case KW_BELOW:
			context_clear(&s->ctx);
			s->pending = 0;
			if (!s->negated)
				claim(s, kw->kind, i, len);	/* 不偏高 says no more than it is not */
			s->negated = 0;
			break;
		case KW_NEGATION:
			context_clear(&s->ctx);
			if ((kw->flags & KF_POSTFIX) && s->pending && clause_ends_at(s, i + len))
			{
				/* 咳嗽：无, 发热否 */
				s->out->symptoms &= ~s->pending;
				s->pending = 0;
				break;
			}
			s->pending = 0;
			s->negated = 1;
			if (kw->flags & KF_DIRECT)
				s->ctx.negation = i;
			break;
		case KW_FILLER:
			break;
		case KW_CUE:
			context_clear(&s->ctx);
			s->pending = 0;
			s->ctx.cue = i;
			break;
		case KW_OTHER_NUMBER:
			context_clear(&s->ctx);
			s->pending = 0;
			s->ctx.other = i;
			break;
		case KW_BOUND:
			context_clear(&s->ctx);
			s->pending = 0;
			if (kw->flags & KF_BEFORE)
				s->ctx.bound = i;
			break;
		case KW_FAHRENHEIT:
			context_clear(&s->ctx);
			s->pending = 0;
			s->ctx.fahrenheit = i;
			break;
		case KW_MINUS:
			context_clear(&s->ctx);
			s->pending = 0;
			s->ctx.minus = i;
			break;
	}
}

SmsStatus
sms_parse(const char *text, size_t len, SmsReport *out)
{
	uint32_t	cps[SMS_MAX_CHARS];
	Scan		s;
	int			n;
	int			i = 0;
	int			any = 0;
	int			c;

	prepare_tables();
	memset(out, 0, sizeof(*out));
	n = decode_message(text, len, cps, SMS_MAX_CHARS);
	if (n < 0)
	{
		out->status = SMS_TOO_LONG;
		return out->status;
	}

	memset(&s, 0, sizeof(s));
	s.cps = cps;
	s.n = n;
	s.out = out;
	s.frag = -1;
	s.weak_start = -1;
	s.whole_start = -1;
	s.stray_end = -1;
	s.unread_start = -1;
	s.problem = SMS_OK;
	context_clear(&s.ctx);

	while (i < n)
	{
		uint32_t	cp = cps[i];
		int			k;
		Num			num;

		if (!is_space(cp))
			any = 1;
		if (is_digit(cp))
		{
			take_name(&s, i);
			i = read_number(cps, n, i, &num, 0);
			take_number(&s, &num);
			continue;
		}
		if (is_han(cp) || cp == CP_LING2)
		{
			/* 三十五正常点一度: 点 or 度 on its own, then a digit, after a whole reading */
			if (s.whole_start >= 0 && s.stray_end < 0 && (cn_digit(cp) >= 0 || cp == CP_BAN) &&
				i > 0 && (cps[i - 1] == CP_DIAN || cps[i - 1] == CP_DU) &&
				(s.plain_end == i || s.keyword_end == i))
				s.stray_end = i + 1;
			/* 四十正常一度: after 四十, a digit that is no word (一切) and no count (三口人) */
			if (s.tens_reading && s.stray_end < 0 && cn_digit(cp) > 0 && !word_at(cps, n, i) &&
				unit_at(cps, n, i + 1) == 0 && !(i + 1 < n && cps[i + 1] == CP_DIAN) &&
				(!is_han(cps[i - 1]) || s.keyword_end == i))
				s.stray_end = i + 1;
			if ((k = keyword_at(cps, n, i)) >= 0)
			{
				take_name(&s, i);
				take_keyword(&s, &keywords[k], i, kw_len[k]);
				i += kw_len[k];
				s.keyword_end = i;
				continue;
			}
			if (starts_cn_number(cps, n, i))
			{
				take_name(&s, i);
				i = read_number(cps, n, i, &num, 0);
				take_number(&s, &num);
				continue;
			}
			/* 三十四度，没有，四: a lone digit after a whole reading */
			if (s.whole_start >= 0 && s.stray_end < 0 && (cn_digit(cp) >= 0 || cp == CP_BAN) &&
				(i == 0 || !is_han(cps[i - 1]) || cps[i - 1] == CP_DIAN || cps[i - 1] == CP_DU ||
				 s.keyword_end == i) &&
				(i + 1 == n || !is_han(cps[i + 1]) || keyword_at(cps, n, i + 1) >= 0) &&
				!is_enumerator_or_compound(cps, n, i + 1))
				s.stray_end = i + 1;
			/*
			 * 三口人, 两个: a count; 八点, 两点: a time; 一、: a list item;
			 * 三十六块五: the rest of an amount.  Neither a reading nor a name.
			 */
			if (s.frag < 0 && (cn_digit(cp) >= 0 || cp == CP_JI) &&
				((k = unit_at(cps, n, i + 1)) > 0 ||
				 (k = (i + 1 < n && cps[i + 1] == CP_DIAN) ? 1 : 0) > 0 ||
				 (k = is_enumerator_or_compound(cps, n, i + 1) ? 0 : -1) == 0 ||
				 (k = (i > 0 && is_unit(cps[i - 1])) ? 0 : -1) == 0))
			{
				context_clear(&s.ctx);
				s.pending = 0;
				i += 1 + k;
				s.plain_end = i;
				continue;
			}
			/* a plain character: part of a name, perhaps */
			if (s.frag < 0)
				s.frag = i;
			context_clear(&s.ctx);
			s.pending = 0;
			i++;
			s.plain_end = i;
			continue;
		}
		take_name(&s, i);
		if (is_letter(cp))
		{
			int			len;
			int			e = english_at(cps, n, i, &len);
			int			j;

			if (e >= 0)
			{
				take_keyword(&s, &english[e], i, len);
				i += len;
				/* one English clause: "no cough or fever" */
				j = skip_spaces(cps, n, i);
				if (j > i && j < n && is_letter(cps[j]))
					i = j;
				continue;
			}
			j = i;
			while (i < n && is_letter(cps[i]))
				i++;
			/* B3, A2: a building or room, when one or two letters touch a number */
			if (!(i - j <= 2 && i < n && is_digit(cps[i])))
				not_understood(&s, j, i);	/* sneezing, xyz */
			context_clear(&s.ctx);
			s.pending = 0;
			continue;
		}
		i++;
		if (is_space(cp))
		{
			s.negated = 0;		/* keeps what a word said of the next number */
			continue;
		}
		if (cp == ':' || cp == '=' || cp == '-' || cp == '~')
			continue;			/* 体温：36.5, 体温=36.5, 体温-36.5, 咳嗽：无 */
		if (cp == '<' || cp == '>' || cp == CP_LE || cp == CP_GE)
		{
			context_clear(&s.ctx);
			s.ctx.bound = i - 1;
			continue;
		}
		if (ends_clause(cp))
			s.negated = 0;
		context_clear(&s.ctx);
		s.pending = 0;
		if (!is_punctuation(cp))
		{
			/* an emoji, a word of another script: Привет */
			int			j = i - 1;

			while (i < n && !is_punctuation(cps[i]) && !is_han(cps[i]) && !is_letter(cps[i]) &&
				   !is_digit(cps[i]) && !is_space(cps[i]))
				i++;
			not_understood(&s, j, i);
		}
	}
	take_name(&s, n);

	if (!any)
		out->status = SMS_EMPTY;
	else if (s.problem != SMS_OK)
		out->status = s.problem;
	else if (out->readings > 0 && out->other != 0)
		out->status = SMS_SEVERAL;
	else if (out->other_id)
		out->status = SMS_SEVERAL_IDS;
	else if (out->other_name[0] != '\0')
		out->status = SMS_SEVERAL_NAMES;
	else if (out->readings > 0 && s.stray_end >= 0)
	{
		out->status = SMS_AMBIGUOUS;
		quote(out, cps, s.whole_start, s.stray_end);
	}
	else if (s.unread_start >= 0)
	{
		out->status = SMS_UNREAD;
		quote(out, cps, s.unread_start, s.unread_end);
	}
	else if (out->readings > 0 && (c = contradicted(&s, out->temperature)) >= 0)
	{
		out->status = SMS_CONTRADICTED;
		quote(out, cps, s.claims[c].start, s.claims[c].end);
	}
	else if (out->readings > 0)
		out->status = SMS_OK;
	else if (s.weak_start >= 0)
	{
		out->status = SMS_NO_POINT;
		quote(out, cps, s.weak_start, s.weak_end);
	}
	else
		out->status = SMS_NO_TEMPERATURE;
	if (out->status != SMS_OK && out->status != SMS_SEVERAL && out->status != SMS_CONTRADICTED)
		out->temperature = 0;
	/*
	 * "normal" with a reading that was rejected is not a report of normal,
	 * nor is it when the text also says otherwise (正常偏高, 正常 发烧)
	 */
	out->normal = s.normal_said && s.nclaims == 0 &&
		(out->status == SMS_OK || out->status == SMS_NO_TEMPERATURE);
	return out->status;
}

int
sms_format_hundredths(int hundredths, char *buf, size_t size)
{
	int			v = hundredths < 0 ? -hundredths : hundredths;
	const char *sign = hundredths < 0 ? "-" : "";

	if (v % 100 == 0)
		return snprintf(buf, size, "%s%d", sign, v / 100);
	if (v % 10 == 0)
		return snprintf(buf, size, "%s%d.%d", sign, v / 100, (v % 100) / 10);
	return snprintf(buf, size, "%s%d.%02d", sign, v / 100, v % 100);
}

int
sms_error_reason(const SmsReport *report, char *buf, size_t size)
{
	const char *w = report->what;

	switch (report->status)
	{
		case SMS_OK:
			return snprintf(buf, size, "ok");
		case SMS_EMPTY:
			return snprintf(buf, size, "empty message");
		case SMS_NO_TEMPERATURE:
			return snprintf(buf, size, "no temperature in the message");
		case SMS_IMPLAUSIBLE:
			return snprintf(buf, size, "implausible temperature %s (expected 34.0 to 43.0)", w);
		case SMS_TOO_LONG:
			return snprintf(buf, size, "message longer than %d characters", SMS_MAX_CHARS);
		case SMS_EXPONENT:
			return snprintf(buf, size, "number with an exponent, not a reading: %s", w);
		case SMS_MALFORMED:
			return snprintf(buf, size, "malformed number: %s", w);
		case SMS_PRECISION:
			return snprintf(buf, size, "more than two decimals: %s", w);
		case SMS_NO_POINT:
			return snprintf(buf, size, "no decimal mark in %s (a reading is written like 36.5)", w);
		case SMS_FAHRENHEIT:
			return snprintf(buf, size, "fahrenheit reading %s (expected degrees celsius)", w);
		case SMS_RANGE:
			return snprintf(buf, size, "a range, not one reading: %s", w);
		case SMS_APPROXIMATE:
			return snprintf(buf, size, "not an exact reading: %s", w);
		case SMS_BOUND:
			return snprintf(buf, size, "a bound, not a reading: %s", w);
		case SMS_NEGATED:
			return snprintf(buf, size, "a negated reading: %s", w);
		case SMS_AMBIGUOUS:
			return snprintf(buf, size, "unclear whether one reading or two numbers: %s", w);
		case SMS_SEVERAL:
			{
				char		a[16];
				char		b[16];

				sms_format_hundredths(report->temperature, a, sizeof(a));
				sms_format_hundredths(report->other, b, sizeof(b));
				return snprintf(buf, size, "several different temperatures: %s and %s", a, b);
			}
		case SMS_SEVERAL_IDS:
			return snprintf(buf, size, "several different resident ID numbers in one message");
		case SMS_SEVERAL_NAMES:
			return snprintf(buf, size, "several names in one message: %s and %s",
							report->name, report->other_name);
		case SMS_UNREAD:
			return snprintf(buf, size, "words not understood: %s", w);
		case SMS_CONTRADICTED:
			{
				char		a[16];

				sms_format_hundredths(report->temperature, a, sizeof(a));
				return snprintf(buf, size, "the reading %s contradicts the text: %s", a, w);
			}
	}
	return snprintf(buf, size, "unknown error");
}
