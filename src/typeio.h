/*
 * typeio.h
 *		Glue shared by grid's fixed-size types stored as an int8: quoting a
 *		bounded prefix of bad input, and the versioned binary format.
 */
#ifndef GRID_TYPEIO_H
#define GRID_TYPEIO_H

#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

/* Room for max_chars characters of any encoding, "..." and a NUL. */
#define GRID_QUOTE_SIZE(max_chars)	((max_chars) * MAX_MULTIBYTE_CHAR_LEN + 4)

/* Copy at most max_chars characters of input into buf, "..." if cut. */
extern void grid_quote_input(const char *input, size_t len, int max_chars, char *buf);

/* Binary form: a format version byte, then the value as an int8. */
extern bytea *grid_send_int8(int version, int64 value);

/* Read that form back; an unknown version is an error naming type_name. */
extern int64 grid_recv_int8(StringInfo buf, int version, const char *type_name);

#endif							/* GRID_TYPEIO_H */
