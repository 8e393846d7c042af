/*
 * sms_fuzz.c
 *		libFuzzer target for sms_parse: any bytes give a report whose fields
 *		are consistent and whose strings are terminated.
 */
#include <stdlib.h>
#include <string.h>

#include "sms_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	SmsReport	r;
	char		reason[96];

	sms_parse((const char *) data, size, &r);
	if (r.status == SMS_OK && (r.temperature < SMS_TEMP_MIN || r.temperature > SMS_TEMP_MAX))
		abort();
	if (r.status != SMS_OK && r.readings != 0)
		abort();
	if (strlen(r.name) >= SMS_NAME_MAX || strlen(r.id) >= SMS_ID_MAX)
		abort();
	if (r.symptoms >> SMS_SYMPTOM_COUNT)
		abort();
	if (sms_error_reason(&r, reason, sizeof(reason)) <= 0)
		abort();
	return 0;
}
