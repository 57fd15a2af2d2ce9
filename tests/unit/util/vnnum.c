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

/* The rounding words of the narrative (docs/reports.md), on seed 003's
 * figures and on the edges of each rule. */
static void test_round(void **state)
{
	(void)state;
	char s[64];
	static const struct {
		int64_t milli;
		const char *word;
		int64_t step;
		const char *lang, *want;
	} cases[] = {
		/* seed 003: "hơn 300 buổi, cho trên 14.000 lượt người dự nghe,
		 * tuyên truyền nhỏ lẻ cho trên 9.300 lượt người; phát gần
		 * 22.000 tờ rơi; 350 bộ tài liệu" */
		{ 312000, "hơn", 0, "vi", "hơn 300" },
		{ 14120000, "trên", 0, "vi", "trên 14.000" },
		{ 9312000, "trên", 0, "vi", "trên 9.300" }, /* 0,9% under 9.400, but nearer 9.300 */
		{ 21850000, "trên", 0, "vi", "gần 22.000" },
		{ 350000, NULL, 0, "vi", "350" },          /* no word: exact */
		{ 350000, "", 0, "vi", "350" },
		{ 13823000, "trên", 10, "vi", "trên 13.820" }, /* an explicit step */
		{ 13826000, "trên", 10, "vi", "gần 13.830" },
		/* on the step: exact */
		{ 300000, "hơn", 0, "vi", "300" },
		{ 14000000, "trên", 0, "vi", "14.000" },
		{ 13820000, "trên", 10, "vi", "13.820" },
		/* the default steps change at 10.000 and 100.000 */
		{ 9999000, "hơn", 0, "vi", "gần 10.000" },
		{ 9950000, "hơn", 0, "vi", "hơn 9.900" },  /* 0,5% under, but half way */
		{ 10150000, "hơn", 0, "vi", "hơn 10.000" },
		{ 99500000, "hơn", 0, "vi", "hơn 99.000" }, /* half way is not nearer */
		{ 99600000, "hơn", 0, "vi", "gần 100.000" },
		{ 123456000, "hơn", 0, "vi", "hơn 120.000" },
		/* 2% under the next step is the edge of "gần" */
		{ 9800000, "trên", 1000, "vi", "gần 10.000" },
		{ 9799000, "trên", 1000, "vi", "trên 9.000" },
		/* under the step: exact, unless near it */
		{ 57000, "hơn", 0, "vi", "57" },
		{ 99000, "hơn", 0, "vi", "gần 100" },
		{ 70500, "hơn", 0, "vi", "70,5" },
		{ 1234500, "hơn", 0, "vi", "hơn 1.200" },  /* a decimal figure */
		{ 1234500, "hơn", 1, "vi", "hơn 1.234" },
		{ 0, "hơn", 0, "vi", "0" },
		{ -312000, "hơn", 0, "vi", "-312" },
		/* English: the word as the template gives it, "nearly" for gần */
		{ 14120000, "over", 0, "en", "over 14,000" },
		{ 21850000, "over", 0, "en", "nearly 22,000" },
		{ INT64_MAX, "hơn", 0, "vi", "hơn 9.223.372.036.850.000" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vnnum_round(s, sizeof(s), cases[i].milli, cases[i].word, cases[i].step, cases[i].lang);
		if (strcmp(s, cases[i].want))
			fail_msg("case %zu (%lld): got \"%s\", want \"%s\"", i, (long long)cases[i].milli, s,
				 cases[i].want);
	}
}

/* The pick on đồng, as the narrative rounds an amount of money. */
static void test_round_pick_money(void **state)
{
	(void)state;
	int64_t shown;
	const char *w = vnnum_round_pick(3125000000LL, 1, 100000000LL, "hơn", "vi", &shown);
	assert_string_equal(w, "hơn");
	assert_int_equal(shown, 3100000000LL);
	w = vnnum_round_pick(3125000000LL, 1, 125000000LL, "hơn", "vi", &shown);
	assert_null(w);
	assert_int_equal(shown, 3125000000LL);
	w = vnnum_round_pick(2990000000LL, 1, 1000000000LL, "hơn", "vi", &shown);
	assert_string_equal(w, "gần");
	assert_int_equal(shown, 3000000000LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_about),
		cmocka_unit_test(test_round),
		cmocka_unit_test(test_round_pick_money),
	};
	return cmocka_run_group_tests_name("util/vnnum", tests, NULL, NULL);
}
