/* Tests src/util/text.c, src/util/buf.c and src/util/err.c. */
#include "helpers.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

static void test_utf8(void **state)
{
	(void)state;
	const char *vi = "Đồn Biên phòng Bình Nghi";
	assert_true(text_utf8_valid(vi, strlen(vi)));
	assert_int_equal(text_utf8_len(vi), 24);
	assert_false(text_utf8_valid("\xC0\xAF", 2));          /* overlong '/' */
	assert_false(text_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	assert_false(text_utf8_valid("abc\xE1\xBB", 5));       /* cut short */
	assert_false(text_utf8_valid("a\x01" "b", 3));         /* control */
	assert_false(text_utf8_valid("\xFF", 1));
	/* Runs of eight ASCII bytes are taken whole: what breaks a run is
	 * still seen, wherever it falls in it, and tab and line ends pass. */
	const char *run = "abcdefgh~\x7F !0123456789", *lines = "col1,col2\tx\r\nMốc 20000/1,21.6\n";
	assert_true(text_utf8_valid(run, strlen(run)));
	assert_true(text_utf8_valid(lines, strlen(lines)));
	for (size_t at = 0; at < 17; at++) {
		char t[18];
		memset(t, 'a', 17);
		t[17] = '\0';
		t[at] = '\x1F';
		assert_false(text_utf8_valid(t, 17));
		t[at] = '\x80';
		assert_false(text_utf8_valid(t, 17));
		t[at] = ' ';
		assert_true(text_utf8_valid(t, 17));
	}
	assert_false(text_utf8_valid("abcdefg\xE1\xBB", 9)); /* cut short after a run */
	/* TCVN3/Windows-1258 bytes of old Excel files are not UTF-8 */
	assert_false(text_utf8_valid("\xD0\xE5n", 3));
}

static void test_uuid(void **state)
{
	(void)state;
	char a[37], b[37];
	text_uuid_new(a);
	text_uuid_new(b);
	assert_true(text_uuid_valid(a));
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_false(text_uuid_valid("48F5393B-9E71-4073-BAFF-66BF40BBBBDC"));
	assert_false(text_uuid_valid("48f5393b9e71-4073-baff-66bf40bbbbdc00"));
	assert_false(text_uuid_valid("LS"));
}

static void test_buf_limit(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_string_equal(b.data, "");
	assert_int_equal(buf_adds(&b, "12345"), 0);
	assert_int_equal(buf_adds(&b, "6789"), -1); /* past the maximum */
	assert_string_equal(b.data, "12345");     /* and left as it was */
	assert_int_equal(buf_addf(&b, "%d", 678), 0);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(buf_addc(&b, 'x'), -1);
	size_t n;
	char *p = buf_detach(&b, &n);
	assert_int_equal(n, 8);
	assert_string_equal(p, "12345678");
	free(p);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void test_errors(void **state)
{
	(void)state;
	struct bp_error e;
	assert_int_equal(err_set(&e, "unit_cycle", NULL), BP_EINVAL);
	assert_string_equal(e.code, "unit_cycle");
	assert_true(strlen(e.message_vi) > 10);
	assert_true(strlen(e.message_en) > 10);
	assert_int_equal(err_http_status(e.kind), 400);
	assert_int_equal(err_field(&e, "field_required", "code"), BP_EINVAL);
	assert_string_equal(e.field, "code");
	assert_non_null(strstr(e.message_en, "code"));
	assert_int_equal(err_http_status(err_kind_of("unit_code_taken")), 409);
	assert_int_equal(err_http_status(err_kind_of("out_of_scope")), 403);
	assert_int_equal(err_http_status(err_kind_of("login_throttled")), 429);
	assert_int_equal(err_http_status(err_kind_of("db_unavailable")), 503);
	/* an unknown code is an internal error, never a success */
	assert_int_equal(err_set(&e, "no_such_code", NULL), BP_EINTERNAL);
	assert_string_equal(e.code, "internal");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("util/text", tests, NULL, NULL);
}
