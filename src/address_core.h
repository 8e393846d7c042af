/*
 * address_core.h
 *		Splitting a Chinese address as people write it into its structure,
 *		without PostgreSQL: division names (with the suffix that says their
 *		level), road and number, housing estate, building, unit and room.
 *		Resolving the division names against the registry is left to SQL.
 */
#ifndef ADDRESS_CORE_H
#define ADDRESS_CORE_H

#include <stddef.h>

#define ADDR_MAX_DIVISIONS	6
#define ADDR_MAX_INPUT		1024	/* bytes read; the rest is ignored */

/* The level a division name's suffix says it is. */
typedef enum AddrLevel
{
	ADDR_COUNTY = 1,			/* 区 县 市 */
	ADDR_TOWNSHIP,				/* 镇 乡 街道 街道办事处 办事处 */
	ADDR_VILLAGE,				/* 村 村委会 村民委员会 */
	ADDR_COMMUNITY				/* 社区 居委会 社区居民委员会 (village level) */
} AddrLevel;

/* A piece of the normalised text: offset and length in bytes, len 0 = none. */
typedef struct AddrSpan
{
	int			off;
	int			len;
} AddrSpan;

typedef struct AddrDivision
{
	AddrSpan	stem;			/* the name without its suffix: 伍家岗 */
	AddrSpan	name;			/* with its suffix, as written: 伍家岗区 */
	AddrLevel	level;
} AddrDivision;

typedef struct AddrParts
{
	int			ndivisions;
	AddrDivision divisions[ADDR_MAX_DIVISIONS];
	AddrSpan	road;			/* 夷陵大道 */
	AddrSpan	number;			/* 58 (of 58号) */
	AddrSpan	estate;			/* 万达广场, 桃花新村 */
	AddrSpan	building;		/* 3 (of 3栋, 3幢, 3号楼, 3-2-501) */
	AddrSpan	unit;			/* 2 */
	AddrSpan	room;			/* 501 */
	AddrSpan	rest;			/* what is left, in order, if anything */
} AddrParts;

/*
 * Normalise in (len bytes of UTF-8) into out: full-width ASCII forms to
 * ASCII, dashes to '-', white space and most punctuation removed, the
 * leading 中国 / 湖北省 / 宜昌市 dropped.  out must hold ADDR_MAX_INPUT + 1
 * bytes; the result is NUL-terminated.  Returns its length.
 */
extern int	addr_normalize(const char *in, size_t len, char *out);

/*
 * Parse the normalised text (from addr_normalize) into *parts, whose spans
 * point into it.  Returns 0 on success, -1 if nothing could be read (empty).
 */
extern int	addr_parse(const char *norm, int len, AddrParts *parts);

/*
 * The stem of a division's name: the name without its level suffix
 * (伍家岗区 gives 伍家岗, 王家河社区居委会 gives 王家河).  Writes at most
 * cap - 1 bytes and a NUL; returns the stem's length.  *level gets the
 * level its suffix says, or 0 if it has none.
 */
extern int	addr_division_stem(const char *name, size_t len, char *out, size_t cap,
							   AddrLevel *level);

#endif							/* ADDRESS_CORE_H */
