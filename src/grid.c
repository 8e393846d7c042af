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

/*
 * Daily operations (src/ops.sql) read these through current_setting():
 * a report at or above the threshold is a fever and opens a key-person
 * entry, which lasts the observation period unless given an end.
 */
static double grid_fever_threshold = 37.3;
static int	grid_observation_days = 14;

/* Reserve grid.* so that a mistyped setting is reported, not silently kept. */
void
_PG_init(void)
{
	DefineCustomRealVariable("grid.fever_threshold",
							 "Temperature in degrees Celsius at or above which a health report is a fever.",
							 "A fever report opens a fever_unexcluded key-person entry when none is open.",
							 &grid_fever_threshold, 37.3, 35.0, 42.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("grid.observation_days",
							"Days a key-person entry lasts when no end is given.",
							NULL,
							&grid_observation_days, 14, 1, 366,
							PGC_USERSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("grid");
	cell_init();
}
