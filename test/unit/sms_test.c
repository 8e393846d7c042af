/*
 * sms_test.c
 *		Unit tests of sms_core.c, run without a server.
 */
#include "sms_core.h"
#include "tap.h"

typedef struct Case
{
	const char *message;
	SmsStatus	status;
	int			temperature;
	uint32_t	symptoms;
	int			normal;
	const char *id;
	const char *name;
} Case;

static const Case cases[] = {
	{"36.5", SMS_OK, 365, 0, 0, "", ""},
	{"体温36.8 正常", SMS_OK, 368, 0, 1, "", ""},
	{"37.6 咳嗽", SMS_OK, 376, SMS_COUGH, 0, "", ""},
	{"３６．５", SMS_OK, 365, 0, 0, "", ""},
	{"36度5", SMS_OK, 365, 0, 0, "", ""},
	{"36点7度", SMS_OK, 367, 0, 0, "", ""},
	{"36。6", SMS_OK, 366, 0, 0, "", ""},
	{"365", SMS_OK, 365, 0, 0, "", ""},
	{"37", SMS_OK, 370, 0, 0, "", ""},
	{"36.55", SMS_OK, 366, 0, 0, "", ""},
	{"36.5℃", SMS_OK, 365, 0, 0, "", ""},
	{"张伟 36.5", SMS_OK, 365, 0, 0, "", "张伟"},
	{"李明体温36.5正常", SMS_OK, 365, 0, 1, "", "李明"},
	{"无咳嗽无发热 36.4", SMS_OK, 364, 0, 0, "", ""},
	{"不发烧，咳嗽 36.9", SMS_OK, 369, SMS_COUGH, 0, "", ""},
	{"没有咳嗽、发热、乏力 36.2", SMS_OK, 362, 0, 0, "", ""},
	{"38.2 发烧 头痛 乏力", SMS_OK, 382, SMS_FEVER | SMS_HEADACHE | SMS_FATIGUE, 0, "", ""},
	{"早上36.5 晚上37.8", SMS_OK, 378, 0, 0, "", ""},
	{"420503199003071230 36.6", SMS_OK, 366, 0, 0, "420503199003071230", ""},
	{"身份证11010519491231002x体温36.3", SMS_OK, 363, 0, 0, "11010519491231002X", ""},
	{"13812345678 36.5", SMS_OK, 365, 0, 0, "", ""},
	{"2月10日 36.5", SMS_OK, 365, 0, 0, "", ""},
	{"8点测体温36.1", SMS_OK, 361, 0, 0, "", ""},
	{"正常", SMS_NO_TEMPERATURE, 0, 0, 1, "", ""},
	{"   ", SMS_EMPTY, 0, 0, 0, "", ""},
	{"", SMS_EMPTY, 0, 0, 0, "", ""},
	{"45.2", SMS_IMPLAUSIBLE, 0, 0, 0, "", ""},
	{"33.1", SMS_IMPLAUSIBLE, 0, 0, 0, "", ""},
	{"体温不正常 37.9", SMS_OK, 379, 0, 0, "", ""},
	{"\xff\xfe 36.5", SMS_OK, 365, 0, 0, "", ""},
};

int
main(void)
{
	char		buf[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];
		SmsReport	r;
		char		name[256];

		sms_parse(c->message, strlen(c->message), &r);
		snprintf(name, sizeof(name), "status of \"%s\"", c->message);
		is_int(r.status, c->status, name);
		snprintf(name, sizeof(name), "reading of \"%s\"", c->message);
		is_int(r.status == SMS_OK ? r.temperature : 0, c->temperature, name);
		snprintf(name, sizeof(name), "symptoms of \"%s\"", c->message);
		is_int(r.symptoms, c->symptoms, name);
		snprintf(name, sizeof(name), "normal of \"%s\"", c->message);
		is_int(r.normal, c->normal, name);
		snprintf(name, sizeof(name), "id and name of \"%s\"", c->message);
		ok(strcmp(r.id, c->id) == 0 && strcmp(r.name, c->name) == 0, name);
	}

	{
		SmsReport	r;

		sms_parse("45.2", 4, &r);
		sms_error_reason(&r, buf, sizeof(buf));
		is_str(buf, "implausible temperature 45.2 (expected 34.0 to 43.0)", "implausible reason");
	}
	/* a message longer than the parser reads is cut, not overrun */
	{
		static char longmsg[20000];
		SmsReport	r;

		memset(longmsg, '9', sizeof(longmsg) - 8);
		memcpy(longmsg + sizeof(longmsg) - 8, " 36.5", 6);
		sms_parse(longmsg, strlen(longmsg), &r);
		is_int(r.status, SMS_NO_TEMPERATURE, "only the first 1024 characters are read");
	}
	return done_testing();
}
