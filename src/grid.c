/*
 * grid.c
 *		Module entry point: magic block, the grid.* settings namespace and
 *		the settings of the fever rule.
 *
 * The fever threshold and the observation period are the city's decision,
 * not a session's: they are PGC_SUSET, so only superusers and the roles
 * granted SET on them (grid_admin, by the install script) can set them,
 * with SET, set_config(), ALTER DATABASE or ALTER ROLE.  PostgreSQL checks
 * every value against the range below when it is set, and a value set
 * before the library was loaded (a placeholder) when the library loads:
 * a placeholder out of range, or set by a role without the privilege, is
 * refused with a WARNING and the default applies.  That is PostgreSQL's
 * own rule for every setting it cannot take (a bad line in
 * postgresql.conf behaves the same), and the defaults are the national
 * rule (37.3 °C, 14 days); each ingestion batch records the values it
 * applied (grid.ingest_batch), so what was used is never in doubt.
 *
 * SQL reads the settings only through grid.fever_threshold() and
 * grid.observation_days() below: calling them loads the library, so a
 * placeholder is never read as it was typed.
 *
 * A session knows the settings (SHOW, pg_settings) once the library is
 * loaded: the install step preloads it in every new session of the
 * database (ALTER DATABASE ... SET session_preload_libraries = 'grid'; the
 * install script warns when it is missing), and grid.settings loads it
 * itself before listing them, with the texts and ranges given here.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Per-concern start-up hooks. */
extern void cell_init(void);

/*
 * The fever rule: a report at or above the threshold is a fever and opens
 * a key-person entry, which lasts the observation period unless given an
 * end.  The threshold range covers every rule in use (37.3 in China's
 * protocols, 37.5 and 38.0 elsewhere): below 37.0 healthy people are
 * fevers, above 38.5 fevers are missed.  The observation period runs from
 * the shortest of the national protocols (7 days) to the longest (28,
 * 14 + 14); an entry given its own end may last up to a year.  The
 * CHECK health_report_fever_plausible (src/ops.sql) relies on the
 * threshold's range: change both together.
 */
#define FEVER_THRESHOLD_DEFAULT		37.3
#define FEVER_THRESHOLD_MIN			37.0
#define FEVER_THRESHOLD_MAX			38.5
#define OBSERVATION_DAYS_DEFAULT	14
#define OBSERVATION_DAYS_MIN		7
#define OBSERVATION_DAYS_MAX		28

static double fever_threshold_setting = FEVER_THRESHOLD_DEFAULT;
static int	observation_days_setting = OBSERVATION_DAYS_DEFAULT;

/* True when a threshold has at most two decimals, as temperatures do. */
static bool
fever_threshold_in_hundredths(double value)
{
	double		hundredths = value * 100.0;

	return fabs(hundredths - rint(hundredths)) < 1e-6;
}

/* GUC check hook: temperatures are kept to the hundredth, so is the threshold. */
static bool
check_fever_threshold(double *newval, void **extra, GucSource source)
{
	if (!fever_threshold_in_hundredths(*newval))
	{
		GUC_check_errdetail("The threshold has at most two decimals (37.25), as temperatures are kept.");
		return false;
	}
	return true;
}

/* Reserve grid.* so that a mistyped setting is reported, not silently kept. */
void
_PG_init(void)
{
	DefineCustomRealVariable("grid.fever_threshold",
							 "Temperature in degrees Celsius at or above which a health report is a fever.",
							 "A fever report opens a fever_unexcluded key-person entry when none is open. "
							 "Set by administrators only.",
							 &fever_threshold_setting, FEVER_THRESHOLD_DEFAULT,
							 FEVER_THRESHOLD_MIN, FEVER_THRESHOLD_MAX,
							 PGC_SUSET, 0, check_fever_threshold, NULL, NULL);
	DefineCustomIntVariable("grid.observation_days",
							"Days a key-person entry lasts when no end is given.",
							"Set by administrators only.",
							&observation_days_setting, OBSERVATION_DAYS_DEFAULT,
							OBSERVATION_DAYS_MIN, OBSERVATION_DAYS_MAX,
							PGC_SUSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("grid");
	cell_init();
}

/*
 * grid.fever_threshold() -> numeric: the setting, exactly (37.3, 37.25).
 * PostgreSQL has checked it; it is checked again here, where it is read.
 */
PG_FUNCTION_INFO_V1(grid_fever_threshold);
Datum
grid_fever_threshold(PG_FUNCTION_ARGS)
{
	double		value = fever_threshold_setting;

	if (!(value >= FEVER_THRESHOLD_MIN && value <= FEVER_THRESHOLD_MAX)
		|| !fever_threshold_in_hundredths(value))
		elog(ERROR, "grid.fever_threshold holds %g, outside its range", value);
	/* float8 to numeric prints 15 significant digits: 37.3 stays 37.3 */
	PG_RETURN_DATUM(DirectFunctionCall1(float8_numeric, Float8GetDatum(value)));
}

/* grid.observation_days() -> integer: the setting, checked where read. */
PG_FUNCTION_INFO_V1(grid_observation_days);
Datum
grid_observation_days(PG_FUNCTION_ARGS)
{
	int			value = observation_days_setting;

	if (value < OBSERVATION_DAYS_MIN || value > OBSERVATION_DAYS_MAX)
		elog(ERROR, "grid.observation_days holds %d, outside its range", value);
	PG_RETURN_INT32(value);
}
