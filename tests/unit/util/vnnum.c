/* Tests src/util/vnnum.c: numbers as reports write them. */
#include "helpers.h"
#include "util/vnnum.h"

static void test_format(void **state)
{
	(void)state;
	char s[64];
	vnnum_format(s, sizeof(s), 14120000, 0, "vi");
	assert_string_equal(s, "14.120");
	vnnum_format(s, sizeof(s), 14120000, 0, "en");
	assert_string_equal(s, "14,120");
	vnnum_format(s, sizeof(s), 70500, 1, "vi");
	assert_string_equal(s, "70,5");
	vnnum_format(s, sizeof(s), 70500, 1, "en");
	assert_string_equal(s, "70.5");
	vnnum_format(s, sizeof(s), 70000, 2, "vi");
	assert_string_equal(s, "70");
	vnnum_format(s, sizeof(s), 223205000, 3, "vi");
	assert_string_equal(s, "223.205");
	vnnum_format(s, sizeof(s), 70550, 1, "vi");
	assert_string_equal(s, "70,6"); /* half away from zero */
	vnnum_format(s, sizeof(s), 125, 3, "vi");
	assert_string_equal(s, "0,125");
	vnnum_format(s, sizeof(s), -3848000, 0, "vi");
	assert_string_equal(s, "-3.848");
	vnnum_format(s, sizeof(s), 0, 0, "vi");
	assert_string_equal(s, "0");
	vnnum_format(s, sizeof(s), -400, 0, "vi");
	assert_string_equal(s, "0");
	vnnum_format(s, sizeof(s), INT64_MAX, 3, "vi");
	assert_string_equal(s, "9.223.372.036.854.775,807");
}

static void test_money(void **state)
{
	(void)state;
	char s[64];
	vnnum_money(s, sizeof(s), 3125000000LL, "vi");
	assert_string_equal(s, "3,125 tỷ đồng");
	vnnum_money(s, sizeof(s), 3125000000LL, "en");
	assert_string_equal(s, "3.125 billion VND");
	vnnum_money(s, sizeof(s), 120000000LL, "vi");
	assert_string_equal(s, "120 triệu đồng");
	vnnum_money(s, sizeof(s), 1500000LL, "vi");
	assert_string_equal(s, "1,5 triệu đồng");
	vnnum_money(s, sizeof(s), 850000LL, "vi");
	assert_string_equal(s, "850.000 đồng");
	vnnum_money(s, sizeof(s), 1250000000000LL, "vi");
	assert_string_equal(s, "1.250 tỷ đồng");
}

static void test_about(void **state)
{
	(void)state;
	char s[64];
	vnnum_about(s, sizeof(s), 312, "vi");
	assert_string_equal(s, "hơn 310");
	vnnum_about(s, sizeof(s), 14120, "vi");
	assert_string_equal(s, "hơn 14.000");
	vnnum_about(s, sizeof(s), 9312, "vi");
	assert_string_equal(s, "hơn 9.300");
	vnnum_about(s, sizeof(s), 300, "vi");
	assert_string_equal(s, "300");
	vnnum_about(s, sizeof(s), 99, "vi");
	assert_string_equal(s, "99");
	vnnum_about(s, sizeof(s), 14120, "en");
	assert_string_equal(s, "over 14,000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_about),
	};
	return cmocka_run_group_tests_name("util/vnnum", tests, NULL, NULL);
}
