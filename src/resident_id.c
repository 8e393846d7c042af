/*
 * resident_id.c
 *		fmgr glue for grid.resident_id: I/O, casts and the field accessors.
 *		The rules themselves live in resident_id_core.c.
 */
#include "postgres.h"

#include "access/xact.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "division_core.h"
#include "resident_id_core.h"
#include "typeio.h"

#define RID_SEND_VERSION	1

/*
 * Today's date (yyyymmdd) in the session time zone, for rejecting birth
 * dates in the future.  Cached per transaction and time zone, because
 * GetSQLCurrentDate() costs more than parsing an ID.
 */
static int
today_ymd(void)
{
	static TimestampTz cached_start = 0;
	static pg_tz *cached_zone = NULL;
	static int	cached_ymd = 0;
	TimestampTz start = GetCurrentTransactionStartTimestamp();

	if (start != cached_start || session_timezone != cached_zone || cached_ymd == 0)
	{
		int			year,
					month,
					day;

		j2date(GetSQLCurrentDate() + POSTGRES_EPOCH_JDATE, &year, &month, &day);
		cached_ymd = year * 10000 + month * 100 + day;
		cached_start = start;
		cached_zone = session_timezone;
	}
	return cached_ymd;
}

static DateADT
ymd_to_date(int ymd)
{
	return date2j(ymd / 10000, ymd / 100 % 100, ymd % 100) - POSTGRES_EPOCH_JDATE;
}

static int
date_to_ymd(DateADT date)
{
	int			year,
				month,
				day;

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range for age"),
				 errdetail("The date must be finite.")));
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return year * 10000 + month * 100 + day;
}

/* The detail sentence that goes with each reason (err is a RidError). */
static void
report_detail(const void *arg)
{
	const RidError *err = arg;
	int			today = today_ymd();

	switch (err->status)
	{
		case RID_BAD_LENGTH:
			errdetail("A resident ID has 18 characters, or 15 digits in the first-generation form.");
			break;
		case RID_BAD_CHARACTER:
			errdetail("Only digits are allowed, and \"X\" as the last of 18 characters.");
			break;
		case RID_BAD_CHECK:
			errdetail("The check character should be \"%c\".", err->expected_check);
			errhint("A wrong check character usually means that another digit was mistyped.");
			break;
		case RID_BAD_DATE:
			if (err->first_generation)
				errdetail("Characters 7 to 12 of a 15-digit number are the birth date in the 1900s, which must be a real date.");
			else
				errdetail("Characters 7 to 14 are the birth date, which must be a real date from 1800 on.");
			break;
		case RID_FUTURE_DATE:
			errdetail("Characters 7 to 14 are the birth date, which must not be after today (%04d-%02d-%02d).",
					  today / 10000, today / 100 % 100, today % 100);
			break;
		case RID_BAD_PROVINCE:
			errdetail("The first two digits should be a province code: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 or 81-83, or 9 for a foreigner's permanent residence ID card.");
			break;
		case RID_BAD_ISSUE_PROVINCE:
			errdetail("A foreigner's permanent residence ID card number is 9, then the code of the mainland province that issued the card: 11-15, 21-23, 31-37, 41-46, 50-54 or 61-65.");
			break;
		case RID_BAD_ADDRESS:
			errdetail("Taiwan (71), Hong Kong (81) and Macao (82) have no divisions below the province, and residence permits of Taiwan residents use 830000.");
			break;
		case RID_NOT_FIRST_GENERATION:
			errdetail("A 15-digit number is a first-generation citizen ID; residence permits and foreigners' permanent residence ID cards have 18 characters.");
			break;
		case RID_CENTURY_UNKNOWN:
			errdetail("A 15-digit number gives the year of birth without its century, and the sequences 996 to 999 were given to people aged 100 or more.");
			errhint("Give the 18-character number of the person's current card.");
			break;
		case RID_OUT_OF_RANGE:
			break;
		case RID_OLD_FOREIGN_CARD:
			errdetail("Numbers of three letters and 12 digits, from foreigners' permanent residence cards issued before December 2023, are not resident IDs.");
			errhint("Cards issued from December 2023 on have an 18-character number beginning with 9, which is accepted.");
			break;
		case RID_OK:
			break;
	}
}

/*
 * Parse, or raise 22P02 naming the reason (softly with a soft-error
 * context), quoting at most the first RID_ECHO_MAX characters.
 */
static bool
parse_or_report(const char *input, size_t len, int64 *value, Node *escontext)
{
	RidError	err;
	char		reason[128];

	if (rid_parse(input, len, today_ymd(), value, &err) == RID_OK)
		return true;
	rid_error_reason(&err, reason, sizeof(reason));
	return grid_input_error(escontext, "resident ID", input, len, RID_ECHO_MAX,
							reason, report_detail, &err);
}

PG_FUNCTION_INFO_V1(resident_id_in);
Datum
resident_id_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int64		value;

	if (!parse_or_report(str, strlen(str), &value, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_INT64(value);
}

PG_FUNCTION_INFO_V1(resident_id_out);
Datum
resident_id_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(RID_TEXT_LEN + 1);

	rid_format(PG_GETARG_INT64(0), out);
	PG_RETURN_CSTRING(out);
}

/*
 * grid.id_prefix(id): the first 14 characters (address code and birth
 * date), the blocking key of IDs typed with a wrong sequence or check.  It
 * cannot fail or reveal anything, so it is LEAKPROOF: under row-level
 * security a condition on it can still use its index.
 */
PG_FUNCTION_INFO_V1(resident_id_prefix);
Datum
resident_id_prefix(PG_FUNCTION_ARGS)
{
	char		out[RID_TEXT_LEN + 1];

	rid_format(PG_GETARG_INT64(0), out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, 14));
}

/* Binary form: a version byte, then the 17 digits as an int8. */
PG_FUNCTION_INFO_V1(resident_id_send);
Datum
resident_id_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(grid_send_int8(RID_SEND_VERSION, PG_GETARG_INT64(0)));
}

/* Binary input is checked as strictly as text input. */
PG_FUNCTION_INFO_V1(resident_id_recv);
Datum
resident_id_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		value = grid_recv_int8(buf, RID_SEND_VERSION, "resident ID");
	RidError	err;

	if (rid_validate(value, today_ymd(), &err) != RID_OK)
	{
		char		reason[128];

		rid_error_reason(&err, reason, sizeof(reason));
		grid_binary_error("resident ID", reason);
	}
	PG_RETURN_INT64(value);
}

/* Cast from text without the detour through cstring. */
PG_FUNCTION_INFO_V1(resident_id_from_text);
Datum
resident_id_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64		value;

	parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &value, NULL);
	PG_RETURN_INT64(value);
}

/* NULL if the text is a valid ID, else the reason the cast would give. */
PG_FUNCTION_INFO_V1(resident_id_error);
Datum
resident_id_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64		value;
	RidError	err;
	char		reason[128];

	if (rid_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), today_ymd(), &value, &err) == RID_OK)
		PG_RETURN_NULL();
	rid_error_reason(&err, reason, sizeof(reason));
	PG_RETURN_TEXT_P(cstring_to_text(reason));
}

PG_FUNCTION_INFO_V1(is_valid_resident_id);
Datum
is_valid_resident_id(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64		value;

	PG_RETURN_BOOL(rid_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), today_ymd(),
							 &value, NULL) == RID_OK);
}

PG_FUNCTION_INFO_V1(resident_id_birth_date);
Datum
resident_id_birth_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(ymd_to_date(rid_birth_ymd(PG_GETARG_INT64(0))));
}

PG_FUNCTION_INFO_V1(resident_id_sex);
Datum
resident_id_sex(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(rid_is_male(PG_GETARG_INT64(0)) ? "M" : "F"));
}

PG_FUNCTION_INFO_V1(resident_id_age);
Datum
resident_id_age(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(rid_age(PG_GETARG_INT64(0), date_to_ymd(PG_GETARG_DATEADT(1))));
}

/*
 * The division of issue as a grid.division_code: the six-digit address code
 * cut at its first zero part, or for a foreigner's card the province of
 * issue in characters 2-3.  Input has checked the province already.
 */
PG_FUNCTION_INFO_V1(resident_id_address_code);
Datum
resident_id_address_code(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	int			address = rid_address_code(id);
	int64		division;

	if (rid_kind(id) == RID_KIND_FOREIGN)
		address = address / 1000 % 100 * 10000;
	division = div_from_address_code(address);
	if (division == 0)
		elog(ERROR, "resident ID with address code %06d names no division", address);
	PG_RETURN_INT64(division);
}

PG_FUNCTION_INFO_V1(resident_id_kind);
Datum
resident_id_kind(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(rid_kind_name(rid_kind(PG_GETARG_INT64(0)))));
}

PG_FUNCTION_INFO_V1(resident_id_mask);
Datum
resident_id_mask(PG_FUNCTION_ARGS)
{
	char		buf[RID_TEXT_LEN + 1];

	rid_mask(PG_GETARG_INT64(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}
