/*
 * Tests src/domain/catalog.c and src/util/milli.c: values as typed and as
 * JSON into thousandths, codes, the shipped catalog loaded twice without
 * overwriting an admin's edits, the admin writes and retiring. Runs on
 * both engines (helpers.h).
 */
#include "helpers.h"
#include "domain/catalog.h"
#include "util/milli.h"

static int setup(void **state)
{
	struct ctx *c = test_ctx_new();
	int added = 0;
	if (catalog_seed(c, &added))
		fail_msg("seed: %s %s", c->err.code, c->err.message_en);
	assert_int_equal(added, 40);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	test_ctx_free(*state);
	return 0;
}

static void test_milli_parse(void **state)
{
	(void)state;
	struct milli m;
	static const struct { const char *s; enum milli_status st; long long v; bool mark; } cases[] = {
		{ "14000", MILLI_OK, 14000000, false },
		{ " 7 ", MILLI_OK, 7000, false },
		{ "70.5", MILLI_OK, 70500, true },
		{ "70,5", MILLI_OK, 70500, true },
		{ "-0.25", MILLI_OK, -250, true },
		{ "+3", MILLI_OK, 3000, false },
		{ "1.2340", MILLI_OK, 1234, true },     /* a trailing zero loses nothing */
		{ "14.000", MILLI_OK, 14000, true },    /* a decimal; catalog.c refuses it for integers */
		{ "1.2345", MILLI_DECIMALS, 0, true },
		{ "14.000.000", MILLI_GROUPING, 0, true },
		{ "1.234,5", MILLI_GROUPING, 0, true },
		{ "14 000", MILLI_SYNTAX, 0, false },
		{ "1e5", MILLI_SYNTAX, 0, false },
		{ ".5", MILLI_SYNTAX, 0, true },
		{ "5.", MILLI_SYNTAX, 0, true },
		{ "abc", MILLI_SYNTAX, 0, false },
		{ "", MILLI_EMPTY, 0, false },
		{ "9223372036854775", MILLI_OK, 9223372036854775000LL, false },
		{ "9223372036854776", MILLI_RANGE, 0, false },
		{ "99999999999999999999999", MILLI_RANGE, 0, false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum milli_status st = milli_parse(cases[i].s, &m);
		if (st != cases[i].st)
			fail_msg("%s: status %d, want %d", cases[i].s, st, cases[i].st);
		if (st == MILLI_OK && (m.v != cases[i].v || m.has_mark != cases[i].mark))
			fail_msg("%s: %lld (mark %d)", cases[i].s, (long long)m.v, m.has_mark);
	}
	char out[MILLI_FMT_LEN];
	milli_format(70500, out);
	assert_string_equal(out, "70.5");
	milli_format(-250, out);
	assert_string_equal(out, "-0.25");
	milli_format(14000000, out);
	assert_string_equal(out, "14000");
	milli_format(1, out);
	assert_string_equal(out, "0.001");
	int64_t v;
	assert_int_equal(milli_from_double(0.1, &v), MILLI_OK);
	assert_int_equal(v, 100);
	assert_int_equal(milli_from_double(70.5, &v), MILLI_OK);
	assert_int_equal(v, 70500);
	assert_int_equal(milli_from_double(0.0001, &v), MILLI_DECIMALS);
	assert_int_equal(milli_from_double(1e300, &v), MILLI_RANGE);
}

static void test_codes(void **state)
{
	(void)state;
	assert_true(catalog_code_valid("luot_nguoi"));
	assert_true(catalog_code_valid("km2"));
	assert_false(catalog_code_valid("Luot"));
	assert_false(catalog_code_valid("2km"));
	assert_false(catalog_code_valid("lượt"));
	assert_false(catalog_code_valid("a-b"));
	assert_false(catalog_code_valid(""));
	char long_code[70];
	memset(long_code, 'a', 65);
	long_code[65] = '\0';
	assert_false(catalog_code_valid(long_code));
}

/* The value rules of an indicator, by its code in the shipped catalog. */
static const char *value_code(struct ctx *c, const char *ind, const char *text, int64_t *out)
{
	static char code[48];
	struct catalog *cat = NULL;
	assert_int_equal(catalog_load(c, &cat), BP_OK);
	const struct cat_indicator *x = catalog_indicator(cat, ind);
	assert_non_null(x);
	struct bp_error e;
	err_clear(&e);
	enum bp_err rc = catalog_value_text(x, text, out, &e);
	snprintf(code, sizeof(code), "%s", rc ? e.code : "");
	if (rc)
		assert_string_equal(e.field, ind);
	catalog_free(cat);
	return code;
}

static void test_values(void **state)
{
	struct ctx *c = *state;
	int64_t v;
	assert_string_equal(value_code(c, "luot_nguoi", "14000", &v), "");
	assert_int_equal(v, 14000000);
	assert_string_equal(value_code(c, "luot_nguoi", "14.000", &v), "value_ambiguous");
	assert_string_equal(value_code(c, "luot_nguoi", "14,5", &v), "value_not_integer");
	assert_string_equal(value_code(c, "luot_nguoi", "-3", &v), "value_negative");
	assert_string_equal(value_code(c, "luot_nguoi", "14.000.000", &v), "value_grouping");
	assert_string_equal(value_code(c, "luot_nguoi", "mười", &v), "value_invalid");
	assert_string_equal(value_code(c, "km", "70,5", &v), "");
	assert_int_equal(v, 70500);
	assert_string_equal(value_code(c, "km", "0.0005", &v), "value_decimals");
	assert_string_equal(value_code(c, "km", "99999999999999999", &v), "value_too_large");

	/* JSON: numbers, and text as typed */
	struct catalog *cat = NULL;
	struct bp_error e;
	assert_int_equal(catalog_load(c, &cat), BP_OK);
	const struct cat_indicator *buoi = catalog_indicator(cat, "buoi"), *km = catalog_indicator(cat, "km");
	json_t *j = json_integer(300);
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_OK);
	assert_int_equal(v, 300000);
	json_decref(j);
	j = json_real(1.5);
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_EINVAL);
	assert_string_equal(e.code, "value_not_integer");
	assert_int_equal(catalog_value_json(km, j, &v, &e), BP_OK);
	assert_int_equal(v, 1500);
	json_decref(j);
	j = json_real(2.0); /* a whole number written 2.0 */
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_OK);
	json_decref(j);
	j = json_string("12");
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_OK);
	assert_int_equal(v, 12000);
	json_decref(j);
	j = json_true();
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_EINVAL);
	assert_string_equal(e.code, "value_invalid");
	json_decref(j);
	j = json_integer(-1);
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_EINVAL);
	assert_string_equal(e.code, "value_negative");
	json_decref(j);
	j = json_integer(9300000000000000LL);
	assert_int_equal(catalog_value_json(buoi, j, &v, &e), BP_EINVAL);
	assert_string_equal(e.code, "value_too_large");
	json_decref(j);
	json_t *out = catalog_value_to_json(70500);
	assert_true(json_is_real(out) && json_real_value(out) == 70.5);
	json_decref(out);
	out = catalog_value_to_json(14000000);
	assert_true(json_is_integer(out) && json_integer_value(out) == 14000);
	json_decref(out);
	catalog_free(cat);
}

static void test_snapshot(void **state)
{
	struct ctx *c = *state;
	struct catalog *cat = NULL;
	assert_int_equal(catalog_load(c, &cat), BP_OK);
	assert_int_equal(cat->ninds, 20);
	assert_int_equal(cat->ntypes, 20);
	const struct cat_type *t = catalog_type(cat, "phat_quang_tu_sua");
	assert_non_null(t);
	assert_string_equal(t->category, "infrastructure");
	assert_int_equal(t->ninds, 4);
	assert_string_equal(t->inds[0].ind->code, "lan");
	assert_true(t->inds[0].required);
	assert_string_equal(t->inds[2].ind->code, "km");
	assert_false(t->inds[2].required);
	assert_false(t->inds[2].ind->integer);
	assert_non_null(catalog_type_indicator(t, "ngay_cong"));
	assert_null(catalog_type_indicator(t, "buoi"));
	assert_null(catalog_type(cat, "nope"));
	catalog_free(cat);
}

/* Runs a write and gives its error code, "" for none; consumes in. */
static const char *w(struct ctx *c, int kind, const char *code, json_t *in)
{
	static char out_code[48];
	json_t *out = NULL;
	bool created;
	enum bp_err rc = kind == 0 ? catalog_indicator_create(c, in, &out, &created)
		       : kind == 1 ? catalog_indicator_patch(c, code, in, &out)
		       : kind == 2 ? catalog_type_create(c, in, &out, &created)
				   : catalog_type_patch(c, code, in, &out);
	snprintf(out_code, sizeof(out_code), "%s", rc ? c->err.code : "");
	json_decref(in);
	json_decref(out);
	return out_code;
}

static void test_admin(void **state)
{
	struct ctx *c = *state;
	json_t *ind = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", "cay_xanh", "name_vi", "Cây xanh",
				"name_en", "Trees", "unit_vi", "cây", "unit_en", "trees", "value_type", "integer");
	assert_string_equal(w(c, 0, NULL, json_deep_copy(ind)), "");
	assert_string_equal(w(c, 0, NULL, json_deep_copy(ind)), "");  /* a retry */
	json_object_set_new(ind, "name_en", json_string("Other"));
	assert_string_equal(w(c, 0, NULL, json_deep_copy(ind)), "indicator_code_taken");
	json_object_set_new(ind, "code", json_string("Cây"));
	assert_string_equal(w(c, 0, NULL, json_deep_copy(ind)), "catalog_code_invalid");
	json_object_set_new(ind, "code", json_string("title"));
	assert_string_equal(w(c, 0, NULL, json_deep_copy(ind)), "indicator_code_reserved");
	json_object_set_new(ind, "code", json_string("dien_tich"));
	json_object_set_new(ind, "value_type", json_string("float"));
	assert_string_equal(w(c, 0, NULL, json_deep_copy(ind)), "value_type_invalid");
	json_decref(ind);
	assert_string_equal(w(c, 1, "nope", json_pack("{s:s}", "name_vi", "x")), "indicator_not_found");
	assert_string_equal(w(c, 1, "cay_xanh", json_pack("{s:s}", "value_type", "decimal")), "field_unknown");
	assert_string_equal(w(c, 1, "cay_xanh", json_pack("{s:s}", "unit_vi", " ")), "field_empty");

	/* A type: known indicators once each, a category of the list. */
	assert_string_equal(w(c, 2, NULL, json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:b}, {s:s}]}", "code", "trong_cay",
		"name_vi", "Trồng cây", "name_en", "Tree planting", "category", "model", "indicators",
		"code", "cay_xanh", "required", 1, "code", "ho")), "");
	assert_string_equal(w(c, 2, NULL, json_pack("{s:s, s:s, s:s, s:s, s:[{s:s}]}", "code", "x1", "name_vi", "X",
		"name_en", "X", "category", "sport", "indicators", "code", "ho")), "category_invalid");
	assert_string_equal(w(c, 2, NULL, json_pack("{s:s, s:s, s:s, s:s, s:[{s:s}]}", "code", "x1", "name_vi", "X",
		"name_en", "X", "category", "model", "indicators", "code", "nope")), "indicator_unknown");
	assert_string_equal(w(c, 2, NULL, json_pack("{s:s, s:s, s:s, s:s, s:[{s:s}, {s:s}]}", "code", "x1", "name_vi",
		"X", "name_en", "X", "category", "model", "indicators", "code", "ho", "code", "ho")), "indicator_twice");

	/* Retiring: a retired indicator joins no new type, but stays on its own. */
	assert_string_equal(w(c, 1, "cay_xanh", json_pack("{s:b}", "retired", 1)), "");
	assert_string_equal(w(c, 2, NULL, json_pack("{s:s, s:s, s:s, s:s, s:[{s:s}]}", "code", "x2", "name_vi", "X",
		"name_en", "X", "category", "model", "indicators", "code", "cay_xanh")), "indicator_retired");
	assert_string_equal(w(c, 3, "trong_cay", json_pack("{s:s, s:[{s:s}, {s:s}]}", "name_en", "Planting",
		"indicators", "code", "cay_xanh", "code", "km")), "");
	json_t *t = NULL;
	assert_int_equal(catalog_type_get(c, "trong_cay", &t), BP_OK);
	assert_string_equal(jstr(t, "name_en"), "Planting");
	assert_int_equal(json_array_size(json_object_get(t, "indicators")), 2);
	assert_string_equal(jstr(json_array_get(json_object_get(t, "indicators"), 1), "code"), "km");
	assert_non_null(jstr(json_array_get(json_object_get(t, "indicators"), 0), "retired_at"));
	json_decref(t);
	json_t *list = NULL;
	assert_int_equal(catalog_indicator_list(c, false, &list), BP_OK);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 20);
	json_decref(list);
	assert_int_equal(catalog_indicator_list(c, true, &list), BP_OK);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 21);
	json_decref(list);
	assert_string_equal(w(c, 1, "cay_xanh", json_pack("{s:b}", "retired", 0)), "");

	/* Only an admin writes; anyone reads. */
	char unit[37];
	struct db_rows *r = NULL;
	assert_int_equal(db_exec(c->db, "INSERT INTO units (id, code, kind, name, valid_from, created_at, updated_at)"
				 " VALUES ('11111111-1111-4111-8111-111111111111', 'X', 'province', 'X', '1900-01-01', 'n', 'n')",
				 DB_NOARGS, NULL, &c->err), BP_OK);
	snprintf(unit, sizeof(unit), "11111111-1111-4111-8111-111111111111");
	(void)r;
	test_act_as(c, unit, ROLE_UNIT_ADMIN);
	assert_string_equal(w(c, 1, "cay_xanh", json_pack("{s:s}", "name_vi", "Cây")), "role_insufficient");
	assert_int_equal(catalog_type_list(c, false, &list), BP_OK);
	json_decref(list);
	test_act_system(c);
}

/* The shipped catalog again keeps what an admin changed. */
static void test_seed_twice(void **state)
{
	struct ctx *c = *state;
	assert_string_equal(w(c, 1, "buoi", json_pack("{s:s}", "name_vi", "Buổi (sửa)")), "");
	assert_string_equal(w(c, 3, "tuyen_truyen", json_pack("{s:[{s:s, s:b}]}", "indicators", "code", "buoi",
								"required", 1)), "");
	int added = -1;
	assert_int_equal(catalog_seed(c, &added), BP_OK);
	assert_int_equal(added, 0);
	json_t *t = NULL;
	assert_int_equal(catalog_type_get(c, "tuyen_truyen", &t), BP_OK);
	assert_int_equal(json_array_size(json_object_get(t, "indicators")), 1);
	assert_string_equal(jstr(json_array_get(json_object_get(t, "indicators"), 0), "name_vi"), "Buổi (sửa)");
	json_decref(t);
	/* A broken catalog is refused whole. */
	const char *bad_ind = "code,name_vi,name_en,unit_vi,unit_en,value_type\nmoi,Mới,New,cái,pieces,integer\nx y,A,B,c,d,integer\n";
	const char *types = "code,name_vi,name_en,category,indicators\n";
	assert_int_equal(catalog_seed_from(c, bad_ind, strlen(bad_ind), types, strlen(types), &added), BP_EINVAL);
	struct catalog *cat = NULL;
	assert_int_equal(catalog_load(c, &cat), BP_OK);
	assert_null(catalog_indicator(cat, "moi"));
	catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_milli_parse),
		cmocka_unit_test(test_codes),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seed_twice, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
