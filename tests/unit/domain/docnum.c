/* Tests src/domain/docnum.c: numbers and symbols as written on documents. */
#include "helpers.h"
#include "domain/docnum.h"

static void check(const char *text, enum docnum_form form, long number, int year, const char *kind,
		  const char *issuer)
{
	struct docnum d;
	if (!docnum_parse(text, &d))
		fail_msg("not parsed: %s", text);
	assert_int_equal(d.form, form);
	assert_int_equal(d.number, number);
	assert_int_equal(d.year, year);
	assert_string_equal(d.kind, kind);
	assert_string_equal(d.issuer, issuer);
}

static void test_the_seeds_cascade(void **state)
{
	(void)state;
	check("99-KL/TW", DOCNUM_PARTY, 99, 0, "KL", "TW");
	check("89/QĐ-TTg", DOCNUM_STATE, 89, 0, "QĐ", "TTg");
	check("111/KH-UBND", DOCNUM_STATE, 111, 0, "KH", "UBND");
	check("05/KH-UBND", DOCNUM_STATE, 5, 0, "KH", "UBND");
	check("44-NQ/TW", DOCNUM_PARTY, 44, 0, "NQ", "TW");
	check("01/CT-TTg", DOCNUM_STATE, 1, 0, "CT", "TTg");
}

static void test_other_forms(void **state)
{
	(void)state;
	check("30/2020/NĐ-CP", DOCNUM_STATE, 30, 2020, "NĐ", "CP");
	check("66/2020/QH14", DOCNUM_STATE, 66, 2020, "", "QH14");   /* a law */
	check("123/UBND-VP", DOCNUM_STATE, 123, 0, "", "UBND-VP");   /* a letter */
	check("05-NQ/ĐU", DOCNUM_PARTY, 5, 0, "NQ", "ĐU");
	check("12/QĐ-BĐBP-CT", DOCNUM_STATE, 12, 0, "QĐ", "BĐBP-CT");
	/* typed without Đ, and with spaces around the separators */
	check("89/QD-TTg", DOCNUM_STATE, 89, 0, "QĐ", "TTg");
	check(" 05 / KH - UBND ", DOCNUM_STATE, 5, 0, "KH", "UBND");
	/* as the document's header writes it */
	check("Số: 05/KH-UBND", DOCNUM_STATE, 5, 0, "KH", "UBND");
	check("số 111/KH-UBND", DOCNUM_STATE, 111, 0, "KH", "UBND");
	check("Số 99-KL/TW", DOCNUM_PARTY, 99, 0, "KL", "TW");
	assert_string_equal(docnum_kind_code("KH"), "ke_hoach");
	assert_null(docnum_kind_code("XYZ"));
}

static void test_not_a_number_and_symbol(void **state)
{
	(void)state;
	struct docnum d;
	const char *bad[] = { "", "   ", "KH-UBND", "05", "05/", "05/2020/", "05//KH", "05/KH-", "05/-UBND",
			      "99-KL", "99-/TW", "99-KL/TW/X", "05/KH UBND", "05/1800/NĐ-CP", "abc/KH-UBND",
			      "05/KH--UBND", "05/123", "05/KH-UBND;", NULL };
	for (const char **b = bad; *b; b++)
		if (docnum_parse(*b, &d))
			fail_msg("parsed but should not be: \"%s\"", *b);
	assert_false(docnum_parse(NULL, &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_seeds_cascade),
		cmocka_unit_test(test_other_forms),
		cmocka_unit_test(test_not_a_number_and_symbol),
	};
	return cmocka_run_group_tests_name("domain/docnum", tests, NULL, NULL);
}
