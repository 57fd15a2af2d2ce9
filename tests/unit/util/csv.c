/* Tests src/util/csv.c: records, encodings, separators, the header and the
 * formula guard. */
#include "helpers.h"
#include "util/buf.h"
#include "util/csv.h"

static void test_records_and_lines(void **state)
{
	(void)state;
	const char *f = "\xEF\xBB\xBFname,note\r\n"
			"\"Mốc 1116\",\"hai\r\ndòng\"\r\n"
			"\r\n"
			"b,\"có \"\"ngoặc\"\"\"\n"
			"c,d";
	struct csv_reader rd;
	struct bp_error e;
	assert_int_equal(csv_open(&rd, f, strlen(f), &e), BP_OK);
	assert_int_equal(rd.sep, ',');
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_string_equal(csv_field(&rd, 0), "name");
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_int_equal(rd.record_line, 2);
	assert_string_equal(csv_field(&rd, 0), "Mốc 1116");
	assert_string_equal(csv_field(&rd, 1), "hai\r\ndòng");
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_int_equal(rd.record_line, 5); /* the blank line 4 is skipped */
	assert_string_equal(csv_field(&rd, 1), "có \"ngoặc\"");
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_int_equal(rd.nfields, 2);
	assert_string_equal(csv_field(&rd, 1), "d");
	assert_int_equal(csv_next(&rd), CSV_END);
	csv_close(&rd);
}

static void test_bad_quote_skips_only_its_record(void **state)
{
	(void)state;
	const char *f = "a,b\n\"x\"y,1\n2,3\n";
	struct csv_reader rd;
	struct bp_error e;
	assert_int_equal(csv_open(&rd, f, strlen(f), &e), BP_OK);
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_int_equal(csv_next(&rd), CSV_QUOTE);
	assert_true(csv_status_error(CSV_QUOTE, &e));
	assert_string_equal(e.code, "csv_quote");
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_int_equal(rd.record_line, 3);
	assert_string_equal(csv_field(&rd, 0), "2");
	csv_close(&rd);
}

static void test_semicolon_and_decimal_comma(void **state)
{
	(void)state;
	const char *f = "ma;km\nX;70,5\n";
	struct csv_reader rd;
	struct bp_error e;
	assert_int_equal(csv_open(&rd, f, strlen(f), &e), BP_OK);
	assert_int_equal(rd.sep, ';');
	csv_next(&rd);
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	double v;
	assert_true(csv_decimal(&rd, csv_field(&rd, 1), &v));
	assert_true(v == 70.5);
	assert_false(csv_decimal(&rd, "1.234.567", &v) && v == 1234567);
	assert_false(csv_decimal(&rd, "mười", &v));
	assert_false(csv_decimal(&rd, "", &v));
	csv_close(&rd);
	/* with ',' as the separator a comma is not a decimal point */
	const char *g = "a,b\n1,2\n";
	assert_int_equal(csv_open(&rd, g, strlen(g), &e), BP_OK);
	assert_false(csv_decimal(&rd, "70,5", &v));
	assert_true(csv_decimal(&rd, " 70.5 ", &v) && v == 70.5);
	csv_close(&rd);
}

static void test_old_encodings_are_named(void **state)
{
	(void)state;
	struct csv_reader rd;
	struct bp_error e;
	/* "Tuyên truyền" in Windows-1258: ê = 0xEA, the grave tone 0xCC after a vowel */
	const char cp1258[] = "ten\nTuy\xEAn truy\xEA\xCCn\n";
	assert_int_not_equal(csv_open(&rd, cp1258, strlen(cp1258), &e), BP_OK);
	assert_string_equal(e.code, "csv_encoding");
	assert_non_null(strstr(e.message_en, "line 2"));
	assert_non_null(strstr(e.message_en, "Windows-1258?"));
	csv_close(&rd);
	/* "Đồn biên phòng" in TCVN3: Đ = 0xA7, ồ = 0xD2, ê = 0xAA, ò = 0xDF */
	const char tcvn3[] = "ten\n\xA7\xD2n bi\xAAn ph\xDFng\n";
	assert_int_not_equal(csv_open(&rd, tcvn3, strlen(tcvn3), &e), BP_OK);
	assert_string_equal(e.code, "csv_encoding");
	assert_non_null(strstr(e.message_en, "TCVN3?"));
	csv_close(&rd);
	assert_int_not_equal(csv_open(&rd, "\r\n\r\n", 4, &e), BP_OK);
	assert_string_equal(e.code, "file_empty");
	csv_close(&rd);
}

static void test_header_names(void **state)
{
	(void)state;
	const char *f = " Lat ,LON,,lat\n1,2,3,4\n";
	struct csv_reader rd;
	struct bp_error e;
	assert_int_equal(csv_open(&rd, f, strlen(f), &e), BP_OK);
	json_t *report = json_array();
	char **names;
	size_t n;
	assert_false(csv_header(&rd, &names, &n, report));
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "lat");
	assert_string_equal(names[1], "lon");
	assert_int_equal(json_array_size(report), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(report, 0), "code")), "field_empty");
	assert_string_equal(json_string_value(json_object_get(json_array_get(report, 1), "code")), "csv_column_twice");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(report, 1), "where")), 1);
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_false(csv_columns_wrong(&rd, 4, report));
	assert_true(csv_columns_wrong(&rd, 3, report));
	assert_int_equal(json_array_size(report), 3);
	csv_names_free(names, n);
	json_decref(report);
	csv_close(&rd);
}

static void test_formula_guard_round_trip(void **state)
{
	(void)state;
	const char *cells[] = { "=HYPERLINK(\"http://x\")", "+84 912", "-5", "@SUM(A1)", "a,b", "plain", "" };
	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < sizeof(cells) / sizeof(*cells); i++) {
		if (i)
			buf_addc(&b, ',');
		assert_int_equal(csv_write_cell(&b, cells[i]), 0);
	}
	buf_addc(&b, '\n');
	/* no cell starts with a formula character once written */
	assert_non_null(strstr(b.data, "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_non_null(strstr(b.data, "\"'@SUM(A1)\""));
	struct csv_reader rd;
	struct bp_error e;
	assert_int_equal(csv_open(&rd, b.data, b.len, &e), BP_OK);
	assert_int_equal(csv_next(&rd), CSV_RECORD);
	assert_int_equal(rd.nfields, sizeof(cells) / sizeof(*cells));
	for (size_t i = 0; i < rd.nfields; i++)
		assert_string_equal(csv_unguard(csv_field(&rd, i)), cells[i]);
	csv_close(&rd);
	buf_release(&b);
}

/*
 * csv_open_lazy checks UTF-8 as it reads, a block of megabytes ahead: the
 * records before a bad byte far into the file are read, then
 * CSV_ENCODING, once, with the same line and guess as csv_open names for
 * the whole file; a file that is bad from the start ends at its header.
 */
static void test_lazy_encoding_check(void **state)
{
	(void)state;
	struct buf f;
	buf_init(&f, 64 << 20);
	buf_adds(&f, "ten,ghi_chu\n");
	long rows = 60000, bad_row = 59000; /* about 6 MB: the bad line is in a later block */
	for (long i = 1; i <= rows; i++) {
		if (i == bad_row)
			buf_adds(&f, "Tuy\xEA\xCCn truy\xEA\xCCn,x\n"); /* Windows-1258 */
		else
			buf_addf(&f, "Tuyên truyền Luật Biên phòng lần %ld,Phối hợp Ban CHQS xã và Công an xã\n", i);
	}
	assert_true(f.len > 5u << 20);
	struct csv_reader rd;
	struct bp_error e, whole;
	assert_int_not_equal(csv_open(&rd, f.data, f.len, &whole), BP_OK);
	csv_close(&rd);
	assert_int_equal(csv_open_lazy(&rd, f.data, f.len, &e), BP_OK);
	char **names = NULL;
	size_t n = 0;
	assert_true(csv_header(&rd, &names, &n, NULL));
	csv_names_free(names, n);
	long read = 0;
	enum csv_status st;
	while ((st = csv_next(&rd)) == CSV_RECORD)
		read++;
	assert_int_equal(st, CSV_ENCODING);
	assert_true(read >= 1000 && read < bad_row - 1); /* read until a block ahead of the bad line */
	assert_int_equal(csv_next(&rd), CSV_END);
	assert_int_equal(csv_encoding_error(&rd, &e), BP_EINVAL);
	assert_string_equal(e.code, "csv_encoding");
	assert_string_equal(e.message_en, whole.message_en);
	assert_non_null(strstr(e.message_en, "line 59001: Windows-1258?"));
	csv_close(&rd);
	/* Bad from the first line: the header is not read, and says why. */
	const char tcvn3[] = "\xA7\xD2n bi\xAAn ph\xDFng\nx\n";
	assert_int_equal(csv_open_lazy(&rd, tcvn3, strlen(tcvn3), &e), BP_OK);
	json_t *report = json_array();
	assert_false(csv_header(&rd, &names, &n, report));
	assert_null(names);
	assert_int_equal(json_array_size(report), 0);
	json_decref(report);
	csv_encoding_error(&rd, &e);
	assert_non_null(strstr(e.message_en, "line 1: TCVN3?"));
	csv_close(&rd);
	buf_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_and_lines),
		cmocka_unit_test(test_bad_quote_skips_only_its_record),
		cmocka_unit_test(test_semicolon_and_decimal_comma),
		cmocka_unit_test(test_old_encodings_are_named),
		cmocka_unit_test(test_lazy_encoding_check),
		cmocka_unit_test(test_header_names),
		cmocka_unit_test(test_formula_guard_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
