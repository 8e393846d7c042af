/*
 * sms_core.h
 *		Reading a health report out of an SMS as residents type it, without
 *		PostgreSQL: "36.5", "体温36.8 正常", "37.6 咳嗽", "３６度５", "张伟 36.5",
 *		an ID number in the text.
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
	SMS_SMELL_TASTE = 1 << 10
} SmsSymptom;

#define SMS_SYMPTOM_COUNT	11
#define SMS_TEMP_MIN		340		/* tenths of a degree: 34.0 */
#define SMS_TEMP_MAX		430		/* 43.0 */
#define SMS_NAME_MAX		64		/* bytes of a guessed name, with NUL */
#define SMS_ID_MAX			32

typedef enum SmsStatus
{
	SMS_OK = 0,
	SMS_EMPTY,					/* nothing but white space */
	SMS_NO_TEMPERATURE,			/* no number that could be a temperature */
	SMS_IMPLAUSIBLE				/* a temperature-like number outside 34.0-43.0 */
} SmsStatus;

typedef struct SmsReport
{
	SmsStatus	status;
	int			temperature;	/* tenths of a degree; the highest reading */
	int			readings;		/* how many temperature readings were found */
	int			implausible;	/* tenths, the number rejected (SMS_IMPLAUSIBLE) */
	uint32_t	symptoms;		/* SmsSymptom bits, negated ones excluded */
	int			normal;			/* "正常", "无症状", "良好" said without negation */
	char		id[SMS_ID_MAX];	/* a 15- or 18-character ID-like token, or "" */
	char		name[SMS_NAME_MAX];	/* 2-4 Han characters left over, or "" */
} SmsReport;

/* Parse a message of len bytes (UTF-8). Always fills *out; returns status. */
extern SmsStatus sms_parse(const char *text, size_t len, SmsReport *out);

extern const char *sms_symptom_name(int bit_index);

/* The reason for a status, as a lower-case phrase. */
extern int	sms_error_reason(const SmsReport *report, char *buf, size_t size);

#endif							/* SMS_CORE_H */
