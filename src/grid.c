/*
 * grid.c
 *		Module entry point: magic block and the grid.* settings namespace.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Per-concern start-up hooks. */
extern void cell_init(void);

/* Reserve grid.* so that a mistyped setting is reported, not silently kept. */
void
_PG_init(void)
{
	MarkGUCPrefixReserved("grid");
	cell_init();
}
