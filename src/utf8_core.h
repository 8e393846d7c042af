/*
 * utf8_core.h
 *		Reading UTF-8 one character at a time, without PostgreSQL.
 */
#ifndef GRID_UTF8_CORE_H
#define GRID_UTF8_CORE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one character at p (left > 0 bytes).  Returns the bytes consumed;
 * an invalid, overlong or truncated sequence consumes one byte and gives
 * U+FFFD.
 */
extern size_t grid_utf8_decode(const unsigned char *p, size_t left, uint32_t *cp);

#endif							/* GRID_UTF8_CORE_H */
