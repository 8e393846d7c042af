/*
 * sms_core.h
 *		Reading a health report out of an SMS as residents type it, or out of
 *		the voice robot's speech-recognition text, without PostgreSQL:
 *		"36.5", "体温36.8 正常", "37.6 咳嗽", "３６度５", "36,5", "三十六度五",
 *		"张伟 36.5", an ID number in the text.  A reading is read exactly as
 *		written, or the message is rejected with a reason: never guessed.
 */
#ifndef SMS_CORE_H
#define SMS_CORE_H

#include <stddef.h>
#include <stdint.h>

/* Symptoms, as bits; names in sms_symptom_name(). */
typedef enum SmsSymptom
{
	SMS_COUGH = 1 << 0,
	SMS_FEVER = 1 << 1,
	SMS_FATIGUE = 1 << 2,
	SMS_SORE_THROAT = 1 << 3,
	SMS_BREATHING = 1 << 4,
	SMS_DIARRHOEA = 1 << 5,
	SMS_HEADACHE = 1 << 6,
	SMS_RUNNY_NOSE = 1 << 7,
	SMS_MUSCLE_PAIN = 1 << 8,
	SMS_CHILLS = 1 << 9,
	SMS_SMELL_TASTE = 1 << 10,
	SMS_UNSPECIFIED = 1 << 11	/* unwell, no symptom named: 不舒服, 难受 */
} SmsSymptom;

#define SMS_SYMPTOM_COUNT	12
#define SMS_TEMP_MIN		3400	/* hundredths of a degree: 34.00 */
#define SMS_TEMP_MAX		4300	/* 43.00 */
#define SMS_MAX_CHARS		1024	/* longer messages are rejected */
#define SMS_NAME_MAX		64		/* bytes of a guessed name, with NUL */
#define SMS_ID_MAX			32
#define SMS_WHAT_MAX		80		/* bytes of the quoted text, with NUL */

/* Why a message has no usable reading; SMS_OK when it has one. */
typedef enum SmsStatus
{
	SMS_OK = 0,
	SMS_EMPTY,					/* nothing but white space */
	SMS_NO_TEMPERATURE,			/* no number that could be a temperature */
	SMS_IMPLAUSIBLE,			/* a reading outside 34.00-43.00 */
	SMS_TOO_LONG,				/* more than SMS_MAX_CHARS characters */
	SMS_EXPONENT,				/* 1e400, 3.65e1 */
	SMS_MALFORMED,				/* 36.5.5, 36..5, 三十六五 */
	SMS_PRECISION,				/* more than two decimals: 36.555 */
	SMS_NO_POINT,				/* 365: a reading without its decimal mark */
	SMS_FAHRENHEIT,				/* 98.6F, 华氏: converting would round */
	SMS_RANGE,					/* 36-37, 36到37, 三十六七度 */
	SMS_APPROXIMATE,			/* 36度多, 三十几度 */
	SMS_BOUND,					/* 不到37度, 37度以下, <37.3 */
	SMS_NEGATED,				/* 不是37.5, 没有37度 */
	SMS_AMBIGUOUS,				/* 36 5, 36,37, 36度5点: a reading or two numbers */
	SMS_SEVERAL,				/* several different readings in one message */
	SMS_SEVERAL_IDS,			/* several different ID numbers: whose reading? */
	SMS_SEVERAL_NAMES,			/* several different names: whose reading? */
	SMS_UNREAD,					/* not_understood: words neither read nor a name: 36.5 头胀, 36.5 sneezing */
	SMS_CONTRADICTED			/* the text and the reading disagree: 36.5 高于正常 */
} SmsStatus;

#define SMS_STATUS_COUNT	20

/*
 * From here a reading is above normal (the fever line of the national
 * guidance, 37.3): "36.5 偏高" or "38.5 正常" contradict themselves.  The
 * reports' fever rule reads the setting grid.fever_threshold instead.
 */
#define SMS_ABOVE_NORMAL	3730
/* Below this a reading is below normal: "36.5 偏低" contradicts itself. */
#define SMS_BELOW_NORMAL	3600

typedef struct SmsReport
{
	SmsStatus	status;
	int			temperature;	/* hundredths of a degree, when SMS_OK */
	int			readings;		/* how many readings were found */
	int			other;			/* hundredths: a second, different reading (SMS_SEVERAL) */
	uint32_t	symptoms;		/* SmsSymptom bits, negated ones excluded */
	int			normal;			/* "正常", "无症状", "良好" said without negation,
								 * and no reading was rejected */
	char		id[SMS_ID_MAX];	/* a 15- or 18-character ID-like token, or "" */
	char		name[SMS_NAME_MAX];	/* 2-4 Han characters left over, or "" */
	char		other_name[SMS_NAME_MAX];	/* a second, different name (SMS_SEVERAL_NAMES) */
	int			other_id;		/* a second, different ID number was found */
	char		what[SMS_WHAT_MAX];	/* the text a rejection is about, cut short */
} SmsReport;

/* Parse a message of len bytes (UTF-8). Always fills *out; returns status. */
extern SmsStatus sms_parse(const char *text, size_t len, SmsReport *out);

extern const char *sms_symptom_name(int bit_index);

/* A short name of a status: "ok", "no_temperature", "range", ... */
extern const char *sms_status_name(SmsStatus status);

/* The reason for a status, as a lower-case phrase. */
extern int	sms_error_reason(const SmsReport *report, char *buf, size_t size);

/* Format hundredths of a degree as written, trailing zeros trimmed: 36.5, 37, 37.25. */
extern int	sms_format_hundredths(int hundredths, char *buf, size_t size);

#endif							/* SMS_CORE_H */
