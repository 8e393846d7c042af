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
#include "nodes/nodes.h"

/* Room for max_chars characters of any encoding, "..." and a NUL. */
#define GRID_QUOTE_SIZE(max_chars)	((max_chars) * MAX_MULTIBYTE_CHAR_LEN + 4)

/* Copy at most max_chars characters of input into buf, "..." if cut. */
extern void grid_quote_input(const char *input, size_t len, int max_chars, char *buf);

/*
 * Raise 22P02 for bad text input of a type: invalid <what> "<at most
 * echo_max characters of input>": <reason>, with the detail sentences that
 * detail(err) adds.  With a soft-error context (from PostgreSQL 16 on) the
 * error is returned instead of thrown, and the result is false.
 */
extern bool grid_input_error(Node *escontext, const char *what, const char *input, size_t len,
							 int echo_max, const char *reason,
							 void (*detail) (const void *err), const void *err);

/* Raise 22P03 for a binary value of a type that text input would refuse. */
extern void grid_binary_error(const char *what, const char *reason) pg_attribute_noreturn();

/* Binary form: a format version byte, then the value as an int8. */
extern bytea *grid_send_int8(int version, int64 value);

/* Read that form back; an unknown version is an error naming type_name. */
extern int64 grid_recv_int8(StringInfo buf, int version, const char *type_name);

#endif							/* GRID_TYPEIO_H */
