/* Tests src/util/date.c: calendar validity and day arithmetic. */
#include "helpers.h"
#include "util/date.h"

static void test_valid_dates(void **state)
{
	(void)state;
	assert_true(date_valid("2024-02-29"));
	assert_true(date_valid("2025-07-01"));
	assert_true(date_valid("1900-01-01"));
	assert_false(date_valid("2023-02-29"));  /* not a leap year */
	assert_false(date_valid("1900-02-29"));  /* centuries are not */
	assert_true(date_valid("2000-02-29"));   /* but 400s are */
	assert_false(date_valid("2024-13-01"));
	assert_false(date_valid("2024-04-31"));
	assert_false(date_valid("2024-00-10"));
	assert_false(date_valid("01/05/2024"));
	assert_false(date_valid("2024-1-05"));
	assert_false(date_valid("2024-01-05 "));
	assert_false(date_valid(""));
	assert_false(date_valid(NULL));
	assert_false(date_valid("20a4-01-05"));
}

static void test_days_round_trip(void **state)
{
	(void)state;
	assert_int_equal(date_to_days("1970-01-01"), 0);
	assert_int_equal(date_to_days("2025-07-01") - date_to_days("2025-06-30"), 1);
	assert_int_equal(date_to_days("2025-01-01") - date_to_days("2024-01-01"), 366);
	char out[DATE_LEN];
	for (long d = date_to_days("1999-12-25"); d < date_to_days("2001-03-05"); d++) {
		date_from_days(d, out);
		assert_true(date_valid(out));
		assert_int_equal(date_to_days(out), d);
	}
	date_from_days(date_to_days("2024-03-01") - 1, out);
	assert_string_equal(out, "2024-02-29");
}

static void test_today_override(void **state)
{
	(void)state;
	char out[DATE_LEN];
	setenv("BIENPHONG_TODAY", "2023-03-03", 1);
	date_today(out);
	assert_string_equal(out, "2023-03-03");
	setenv("BIENPHONG_TODAY", "not-a-date", 1);
	date_today(out);
	assert_true(date_valid(out));
	assert_string_not_equal(out, "2023-03-03");
	unsetenv("BIENPHONG_TODAY");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_dates),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_today_override),
	};
	return cmocka_run_group_tests_name("util/date", tests, NULL, NULL);
}
