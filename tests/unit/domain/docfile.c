/* Tests src/domain/docfile.c's checks: names, types by extension and by
 * content, the download's Content-Disposition; and tasks.c's overdue. */
#include "helpers.h"
#include "domain/docfile.h"
#include "domain/tasks.h"

static void test_names(void **state)
{
	(void)state;
	const char *good[] = { "ke-hoach.pdf", "Kế hoạch 05-KH-UBND (bản ký).pdf", "a.b.c.docx", ".hidden.pdf",
			       "x..pdf", "ảnh chụp.JPG", NULL };
	const char *bad[] = { "", ".", "..", "../x.pdf", "a/b.pdf", "/etc/passwd", "C:\\x.pdf", "..\\x.pdf",
			      "C:x.pdf", "x\n.pdf", "x\t.pdf", "x\x7f.pdf", "x\xc2\x85.pdf", "x\xff.pdf", NULL };
	for (const char **g = good; *g; g++)
		if (!docfile_name_ok(*g))
			fail_msg("refused: \"%s\"", *g);
	for (const char **b = bad; *b; b++)
		if (docfile_name_ok(*b))
			fail_msg("taken: \"%s\"", *b);
	char longname[DOCFILE_NAME_MAX + 8];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memcpy(longname + sizeof(longname) - 5, ".pdf", 4);
	assert_false(docfile_name_ok(longname));
	assert_false(docfile_name_ok(NULL));
}

static void test_types(void **state)
{
	(void)state;
	const char *label;
	assert_string_equal(docfile_type_of_name("a.PDF", &label), "application/pdf");
	assert_string_equal(label, "PDF");
	assert_string_equal(docfile_type_of_name("a.jpeg", NULL), "image/jpeg");
	assert_string_equal(docfile_type_of_name("a.jpg", NULL), "image/jpeg");
	assert_string_equal(docfile_type_of_name("a.xls", NULL), "application/vnd.ms-excel");
	assert_string_equal(docfile_type_of_name("a.odt", NULL), "application/vnd.oasis.opendocument.text");
	assert_null(docfile_type_of_name("a.exe", &label));
	assert_null(label);
	assert_null(docfile_type_of_name("pdf", NULL));
	assert_null(docfile_type_of_name("a.pdf.exe", NULL));

	const unsigned char pdf[] = "%PDF-1.7", zip[] = "PK\x03\x04rest", png[] = "\x89PNG\r\n\x1a\n",
			    jpg[] = "\xff\xd8\xff\xe0", ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	assert_true(docfile_magic_ok("application/pdf", pdf, 8));
	assert_false(docfile_magic_ok("application/pdf", pdf, 4)); /* too short to tell */
	assert_false(docfile_magic_ok("application/pdf", zip, 8));
	assert_true(docfile_magic_ok(docfile_type_of_name("x.docx", NULL), zip, 8));
	assert_true(docfile_magic_ok(docfile_type_of_name("x.xlsx", NULL), zip, 8));
	assert_true(docfile_magic_ok(docfile_type_of_name("x.odt", NULL), zip, 8));
	assert_false(docfile_magic_ok(docfile_type_of_name("x.docx", NULL), ole, 8));
	assert_true(docfile_magic_ok("application/msword", ole, 8));
	assert_true(docfile_magic_ok("application/vnd.ms-excel", ole, 8));
	assert_true(docfile_magic_ok("image/png", png, 8));
	assert_false(docfile_magic_ok("image/png", jpg, 4));
	assert_true(docfile_magic_ok("image/jpeg", jpg, 4));
	assert_false(docfile_magic_ok("text/html", pdf, 8));
}

static void test_disposition(void **state)
{
	(void)state;
	char *d = docfile_disposition("Kế hoạch \"05\".pdf");
	assert_string_equal(d, "attachment; filename=\"K_ ho_ch _05_.pdf\"; "
			       "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%2205%22.pdf");
	free(d);
	d = docfile_disposition("plain-name_1.pdf");
	assert_string_equal(d, "attachment; filename=\"plain-name_1.pdf\"; filename*=UTF-8''plain-name_1.pdf");
	free(d);
}

static void test_overdue(void **state)
{
	(void)state;
	assert_true(task_overdue("2026-03-31", "in_progress", "2026-04-01"));
	assert_true(task_overdue("2026-03-31", "not_started", "2026-04-01"));
	assert_false(task_overdue("2026-03-31", "in_progress", "2026-03-31")); /* due today is not late yet */
	assert_false(task_overdue("2026-03-31", "done", "2027-01-01"));
	assert_false(task_overdue(NULL, "in_progress", "2027-01-01"));
	assert_false(task_overdue("", "in_progress", "2027-01-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_disposition),
		cmocka_unit_test(test_overdue),
	};
	return cmocka_run_group_tests_name("domain/docfile", tests, NULL, NULL);
}
