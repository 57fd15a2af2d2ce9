/* Tests src/geo/json_read.c: the lean JSON reader gives what jansson gives, or gives up. */
#include "helpers.h"
#include "geo/json_read.h"

/* Reads s with both readers: the values must be equal, and both must end at the same place. */
static void same_as_jansson(const char *s)
{
	size_t used = 0;
	json_t *got = geo_json_read(s, strlen(s), &used);
	json_error_t je;
	json_t *want = json_loadb(s, strlen(s), JSON_DECODE_ANY, &je);
	assert_non_null(want);
	assert_non_null(got);
	size_t end = strlen(s);
	while (end && s[end - 1] == ' ')
		end--;
	assert_int_equal(used, end); /* white space after the value is not its own */
	if (!json_equal(got, want)) {
		char *a = json_dumps(got, JSON_ENCODE_ANY), *b = json_dumps(want, JSON_ENCODE_ANY);
		fail_msg("%s: %s instead of %s", s, a, b);
		free(a);
		free(b);
	}
	/* An integer stays an integer, a real a real, as jansson makes them. */
	assert_int_equal(json_typeof(got), json_typeof(want));
	json_decref(got);
	json_decref(want);
}

static void gives_up(const char *s, size_t len)
{
	size_t used = 99;
	json_t *got = geo_json_read(s, len, &used);
	if (got) {
		char *a = json_dumps(got, JSON_ENCODE_ANY);
		fail_msg("%.*s was read as %s", (int)len, s, a);
		free(a);
	}
	assert_int_equal(used, 0);
}

static void test_values(void **state)
{
	(void)state;
	same_as_jansson("{\"type\":\"Feature\",\"id\":\"be000000-0000-4000-8000-000000000001\","
		"\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.7589123,21.9712345,312]},"
		"\"properties\":{\"number\":\"1116/1\",\"notes\":\"Mốc phụ\",\"ok\":true,\"no\":false,\"x\":null}}");
	same_as_jansson(" [ 1 , -0 , 0.5 , -12.25e-3 , 1E+2 , 9223372036854775807 , [] , {} , [[]] ] ");
	same_as_jansson("\"\"");
	same_as_jansson("-1.7976931348623157e308");
	/* Escapes, a pair of surrogates, the same key twice (the last wins). */
	same_as_jansson("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u1ec7\\ud83d\\ude00\",\"k\":1,\"k\":2}");
	same_as_jansson("{\"Kh\\u00f4ng d\\u1ea5u\":\"\\u0110\\u1ed3n\"}");
	/* A value's end: what follows is not taken. */
	size_t used = 0;
	json_t *v = geo_json_read("{\"a\":[1,2]} ,{\"b\":3}", 20, &used);
	assert_non_null(v);
	assert_int_equal(used, 11);
	json_decref(v);
}

static void test_gives_up(void **state)
{
	(void)state;
	gives_up("", 0);
	gives_up("{", 1);
	gives_up("{\"a\":1,}", 8);
	gives_up("[1,]", 4);
	gives_up("[01]", 4);
	gives_up("[1.]", 4);
	gives_up("[.5]", 4);
	gives_up("[1e]", 4);
	gives_up("[+1]", 4);
	gives_up("[NaN]", 5);
	gives_up("[tru]", 5);
	gives_up("{a:1}", 5);
	gives_up("{\"a\" 1}", 7);
	gives_up("[1e999]", 7);                   /* not finite */
	gives_up("[99999999999999999999]", 22);   /* too large for json_int_t */
	gives_up("\"a\nb\"", 5);                   /* a control character */
	gives_up("\"\\x\"", 4);
	gives_up("\"\\u12\"", 6);
	gives_up("\"\\u0000\"", 8);               /* NUL */
	gives_up("\"\\ud83d\"", 8);               /* a lone high surrogate */
	gives_up("\"\\ude00\"", 8);               /* a lone low surrogate */
	gives_up("\"\xC3\x28\"", 4);              /* not UTF-8 */
	gives_up("\"\xE1\xBB\"", 4);              /* cut in a character */
	gives_up("\"abc", 4);
	/* Nesting deeper than the limit is left to jansson. */
	char deep[2 * GEO_JSON_MAX_DEPTH + 8];
	size_t n = 0;
	for (int i = 0; i <= GEO_JSON_MAX_DEPTH; i++)
		deep[n++] = '[';
	for (int i = 0; i <= GEO_JSON_MAX_DEPTH; i++)
		deep[n++] = ']';
	gives_up(deep, n);
	json_t *j = json_loadb(deep, n, 0, NULL);
	assert_non_null(j);
	json_decref(j);
	/* Bytes past len are not read: the string is cut by len. */
	gives_up("\"abc\"", 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_gives_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
