/*
 * reports_test.c
 *		Unit tests of reports_core.c, the archive's identifier rules, run
 *		without a server.
 */
#include "reports_core.h"
#include "tap.h"

#define FIELD(k, v) reports_field_needs_mask(k, sizeof(k) - 1, v, sizeof(v) - 1)

int
main(void)
{
	ok(reports_is_full_id("42050319800101002X", 18), "an ID with X is a full ID");
	ok(reports_is_full_id("42050319800101002x", 18), "... with x too");
	ok(reports_is_full_id("420503198001010026", 18), "... and with a digit");
	ok(!reports_is_full_id("42050319800101002", 17), "17 digits are none");
	ok(!reports_is_full_id("4205031980010100266", 19), "nor are 19");
	ok(!reports_is_full_id("4205031980X1010026", 18), "nor an X inside");
	ok(!reports_is_full_id("420503********0026", 18), "nor a masked ID");

	ok(reports_is_masked_id("420503********002X", 18), "a masked ID");
	ok(!reports_is_masked_id("420503********002x", 18), "a masked ID ends in a capital X");
	ok(!reports_is_masked_id("420503*******00026", 18), "seven stars are not a masked ID");
	ok(!reports_is_masked_id("420503198001010026", 18), "nor is a full ID");

	ok(reports_is_masked_phone("138****5678", 11), "a masked mobile number");
	ok(!reports_is_masked_phone("+86 138****5678", 15), "with +86, nine digits show: not taken as masked (as the SQL rule)");
	ok(!reports_is_masked_phone("13812345678", 11), "a mobile number in full is not masked");
	ok(!reports_is_masked_phone("1381234*5678", 12), "nor is one with a star and 11 digits");

	ok(FIELD("name", "420503198001010026"), "a full ID under any field needs masking");
	ok(!FIELD("name", "张三"), "a name does not");
	ok(!FIELD("name", "13812345678"), "nor a phone number under another field");
	ok(FIELD("resident", "420503198001010026"), "resident in full does");
	ok(FIELD("resident", "abc"), "resident not shaped as a masked ID does");
	ok(!FIELD("resident", "420503********0026"), "resident masked does not");
	ok(FIELD("phone", "13812345678"), "phone in full does");
	ok(!FIELD("phone", "138****5678"), "phone masked does not");
	ok(FIELD("worker_phone", "13812345678"), "a field *_phone in full does");
	ok(!FIELD("worker_phone", "138****5678"), "... masked does not");
	ok(!FIELD("phones", "13812345678"), "phones is not a phone field");
	ok(!FIELD("phone_x", "13812345678"), "nor is phone_x");
	ok(!FIELD("", ""), "an empty key and value do not");

	/* per-channel counts of grid.cell_day.reached */
	{
		long long	c[REPORTS_CHANNEL_BITS] = {0};

		is_int(reports_reached_length(c), 0, "reached: nothing counted is empty");
		reports_reached_add(1, 1, c);
		reports_reached_add(1 | 4, 1, c);
		is_int(reports_reached_length(c), 3, "reached: up to the last channel counted");
		is_int((int) c[0], 2, "reached: bit 1 counted twice");
		is_int((int) c[1], 0, "reached: bit 2 not counted");
		is_int((int) c[2], 1, "reached: bit 4 once");
		reports_reached_add(4, -1, c);
		is_int(reports_reached_length(c), 1, "reached: a removed day cancels its channel");
		reports_reached_add(-1, 1, c);
		is_int(reports_reached_length(c), REPORTS_CHANNEL_BITS, "reached: all fifteen bits of a negative smallint");
		reports_reached_add(1 << 15, 1, c);
		is_int((int) c[14], 1, "reached: bit 16 is not a channel");
	}
	return done_testing();
}
