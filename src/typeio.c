/*
 * typeio.c
 *		Glue shared by grid's fixed-size types stored as an int8.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "typeio.h"

void
grid_quote_input(const char *input, size_t len, int max_chars, char *buf)
{
	int			cut = pg_mbcharcliplen(input, (int) len, max_chars);

	memcpy(buf, input, cut);
	strcpy(buf + cut, (size_t) cut < len ? "..." : "");
}

bytea *
grid_send_int8(int version, int64 value)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, version);
	pq_sendint64(&buf, value);
	return pq_endtypsend(&buf);
}

int64
grid_recv_int8(StringInfo buf, int version, const char *type_name)
{
	int			got = pq_getmsgbyte(buf);

	if (got != version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for %s", got, type_name),
				 errdetail("Version %d is expected.", version)));
	return pq_getmsgint64(buf);
}
