/* Tests src/domain/period.c: the periods reports cover. */
#include "helpers.h"
#include "domain/period.h"

static void check(const char *s, enum period_kind kind, const char *from, const char *to)
{
	struct period p;
	if (!period_parse(s, &p))
		fail_msg("not read: %s", s);
	assert_int_equal(p.kind, kind);
	assert_string_equal(p.from, from);
	assert_string_equal(p.to, to);
	char code[64];
	period_code(&p, code, sizeof(code));
	struct period q;
	assert_true(period_parse(code, &q));
	assert_string_equal(q.from, p.from);
	assert_string_equal(q.to, p.to);
}

static void test_forms(void **state)
{
	(void)state;
	check("2023", PERIOD_YEAR, "2023-01-01", "2023-12-31");
	check("2024-Q1", PERIOD_QUARTER, "2024-01-01", "2024-03-31");
	check("2023-q4", PERIOD_QUARTER, "2023-10-01", "2023-12-31");
	check("2024-02", PERIOD_MONTH, "2024-02-01", "2024-02-29");
	check("2023-02", PERIOD_MONTH, "2023-02-01", "2023-02-28");
	check("2019..2024", PERIOD_YEARS, "2019-01-01", "2024-12-31");
	check("M2023", PERIOD_MOVEMENT, "2023-03-03", "2024-03-02");
	check("M2019..M2023", PERIOD_MOVEMENT, "2019-03-03", "2024-03-02");
	check("2023-01-15..2023-06-30", PERIOD_RANGE, "2023-01-15", "2023-06-30");
}

static void test_bad(void **state)
{
	(void)state;
	struct period p;
	const char *bad[] = { "", "23", "20234", "2023-13", "2023-00", "2023-Q5", "2023-Q", "2023-3",
			      "2024..2019", "2019..M2024", "M2019..2024", "1800", "2023-02-30..2023-03-01",
			      "2023-06-30..2023-01-01", "1950..2020", "x2023", "2023 ", "2023..", "..2023",
			      "M2023-Q1", NULL };
	for (const char **b = bad; *b; b++)
		if (period_parse(*b, &p))
			fail_msg("read but should not be: \"%s\"", *b);
	assert_false(period_parse(NULL, &p));
}

static void test_previous(void **state)
{
	(void)state;
	struct period p, q;
	const struct {
		const char *s, *from, *to;
	} cases[] = {
		{ "2023", "2022-01-01", "2022-12-31" },
		{ "2023-Q1", "2022-10-01", "2022-12-31" },
		{ "2023-Q3", "2023-04-01", "2023-06-30" },
		{ "2023-01", "2022-12-01", "2022-12-31" },
		{ "2024-03", "2024-02-01", "2024-02-29" },
		{ "2019..2024", "2013-01-01", "2018-12-31" },
		{ "M2019..M2023", "2014-03-03", "2019-03-02" },
		{ "M2024", "2023-03-03", "2024-03-02" },
		{ "2023-01-11..2023-01-20", "2023-01-01", "2023-01-10" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_true(period_parse(cases[i].s, &p));
		period_previous(&p, &q);
		assert_string_equal(q.from, cases[i].from);
		assert_string_equal(q.to, cases[i].to);
	}
}

static void test_titles(void **state)
{
	(void)state;
	struct period p;
	char t[160];
	assert_true(period_parse("2023", &p));
	period_title(&p, "vi", t, sizeof(t));
	assert_string_equal(t, "Năm 2023");
	assert_true(period_parse("2023-Q4", &p));
	period_title(&p, "vi", t, sizeof(t));
	assert_string_equal(t, "Quý IV năm 2023");
	period_title(&p, "en", t, sizeof(t));
	assert_string_equal(t, "Q4 2023");
	assert_true(period_parse("M2019..M2023", &p));
	period_title(&p, "vi", t, sizeof(t));
	assert_string_equal(t, "Giai đoạn 2019 - 2024 (từ ngày 03/03/2019 đến ngày 02/03/2024)");
	assert_true(period_parse("2023-01-15..2023-06-30", &p));
	period_title(&p, "vi", t, sizeof(t));
	assert_string_equal(t, "Từ ngày 15/01/2023 đến ngày 30/06/2023");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_previous),
		cmocka_unit_test(test_titles),
	};
	return cmocka_run_group_tests_name("domain/period", tests, NULL, NULL);
}
