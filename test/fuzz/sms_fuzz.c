/*
 * sms_fuzz.c
 *		libFuzzer target for sms_parse: any bytes give a report whose fields
 *		are consistent and whose strings are terminated and short, and the
 *		same bytes always give the same report.
 */
#include <stdlib.h>
#include <string.h>

#include "sms_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	SmsReport	r;
	SmsReport	again;
	char		reason[256];
	int			len;

	sms_parse((const char *) data, size, &r);
	if ((int) r.status < 0 || (int) r.status >= SMS_STATUS_COUNT)
		abort();
	/* a reading is in range and was counted */
	if (r.status == SMS_OK &&
		(r.temperature < SMS_TEMP_MIN || r.temperature > SMS_TEMP_MAX || r.readings < 1 || r.other != 0))
		abort();
	/* several readings: two different ones, both in range */
	if (r.status == SMS_SEVERAL &&
		(r.readings < 2 || r.other == r.temperature ||
		 r.other < SMS_TEMP_MIN || r.other > SMS_TEMP_MAX))
		abort();
	if (r.status != SMS_OK && r.status != SMS_SEVERAL && r.temperature != 0)
		abort();
	/* normal only beside a reading, or with none at all */
	if (r.normal && r.status != SMS_OK && r.status != SMS_NO_TEMPERATURE)
		abort();
	if (strlen(r.name) >= SMS_NAME_MAX || strlen(r.id) >= SMS_ID_MAX ||
		strlen(r.what) >= SMS_WHAT_MAX)
		abort();
	if (r.id[0] != '\0' && strlen(r.id) != 15 && strlen(r.id) != 18)
		abort();
	if (r.symptoms >> SMS_SYMPTOM_COUNT)
		abort();
	len = sms_error_reason(&r, reason, sizeof(reason));
	if (len <= 0 || (size_t) len >= sizeof(reason))
		abort();
	if (strcmp(sms_status_name(r.status), "unknown") == 0)
		abort();
	sms_parse((const char *) data, size, &again);
	if (memcmp(&r, &again, sizeof(r)) != 0)
		abort();
	return 0;
}
