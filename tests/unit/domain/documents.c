/* Tests src/domain/documents.c and tasks.c against the storage: the
 * cascade's rules (no cycle, nothing implementing a later document), the
 * flag on an unparsed number, national documents, and the task rules
 * (due on or after the document, nothing after done). */
#include "helpers.h"
#include "domain/documents.h"
#include "domain/tasks.h"
#include "domain/units.h"

static void add_unit(struct ctx *c, const char *code, const char *kind, const char *parent, char id[37])
{
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "kind", kind, "name", code, "valid_from", "2020-01-01");
	if (parent)
		json_object_set_new(in, "parent", json_string(parent));
	json_t *out = NULL;
	bool created;
	if (unit_put(c, NULL, in, false, &out, &created))
		fail_msg("unit %s: %s", code, c->err.code);
	snprintf(id, 37, "%s", jstr(out, "id"));
	json_decref(in);
	json_decref(out);
}

/* Writes a document; returns the error kind, *out its JSON (caller decrefs) or NULL. */
static enum bp_err put_doc(struct ctx *c, const char *id, enum layer_write mode, const char *number,
			   const char *date, const char *implements, const char *unit, json_t **out)
{
	json_t *in = json_pack("{s:s, s:s, s:s}", "issued_on", date, "issuing_body", "UBND", "title", "Kế hoạch");
	if (number)
		json_object_set_new(in, "number_symbol", json_string(number));
	if (implements)
		json_object_set_new(in, "implements", json_string(implements));
	if (unit)
		json_object_set_new(in, "unit", json_string(unit));
	enum layer_done done;
	err_clear(&c->err);
	enum bp_err rc = document_put(c, id, in, mode, out, &done);
	json_decref(in);
	return rc;
}

static void test_cascade_rules(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	char ls[37], xa[37];
	add_unit(c, "LS", "province", NULL, ls);
	add_unit(c, "XA", "commune", "LS", xa);
	const char *a = "0d0c0000-0000-4000-8000-00000000000a", *b = "0d0c0000-0000-4000-8000-00000000000b",
		   *x = "0d0c0000-0000-4000-8000-00000000000c";
	json_t *out = NULL;
	assert_int_equal(put_doc(c, a, LAYER_PUT, "99-KL/TW", "2024-10-17", NULL, NULL, &out), BP_OK);
	assert_string_equal(jstr(out, "kind"), "ket_luan");
	assert_true(json_is_null(json_object_get(out, "unit")));
	json_decref(out);
	assert_int_equal(put_doc(c, b, LAYER_PUT, "111/KH-UBND", "2025-07-04", a, "LS", &out), BP_OK);
	json_decref(out);
	assert_int_equal(put_doc(c, x, LAYER_PUT, "05/KH-UBND", "2025-10-28", b, "XA", &out), BP_OK);
	json_decref(out);
	/* a → x would close the loop x → b → a → x; so would a → a. */
	assert_int_equal(put_doc(c, a, LAYER_PUT, "99-KL/TW", "2024-10-17", x, NULL, &out), BP_ERULE);
	assert_string_equal(c->err.code, "document_implements_later");
	assert_int_equal(put_doc(c, a, LAYER_PUT, "99-KL/TW", "2025-12-01", x, NULL, &out), BP_ERULE);
	assert_string_equal(c->err.code, "document_cycle");
	assert_int_equal(put_doc(c, a, LAYER_PUT, "99-KL/TW", "2024-10-17", a, NULL, &out), BP_ERULE);
	assert_string_equal(c->err.code, "document_cycle");
	assert_null(out);
	/* b moved after x, which implements it. */
	assert_int_equal(put_doc(c, b, LAYER_PUT, "111/KH-UBND", "2025-11-01", a, "LS", &out), BP_ERULE);
	assert_string_equal(c->err.code, "document_implements_later");
	/* An unparsed number is kept and flagged, with a warning. */
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "thong_bao", "number_symbol", "Số 7 ngày 2/11",
			       "issued_on", "2025-11-02", "issuing_body", "UBND", "title", "Thông báo");
	enum layer_done done;
	assert_int_equal(document_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_OK);
	assert_false(json_is_true(json_object_get(out, "symbol_parsed")));
	assert_string_equal(jstr(json_array_get(json_object_get(out, "warnings"), 0), "code"), "symbol_unparsed");
	json_decref(out);
	json_decref(in);
	/* The cascade from x, as the commune's editor. */
	test_act_as(c, xa, ROLE_EDITOR);
	assert_int_equal(document_cascade(c, x, &out), BP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "ancestors")), 2);
	json_decref(out);
	/* The commune writes neither the province's plan nor a national document. */
	assert_int_equal(put_doc(c, b, LAYER_PATCH, "112/KH-UBND", "2025-07-04", a, "LS", &out), BP_EFORBIDDEN);
	assert_int_equal(put_doc(c, NULL, LAYER_CREATE, "01/CT-TTg", "2015-01-06", NULL, NULL, &out), BP_EFORBIDDEN);
	assert_string_equal(c->err.code, "document_national_write");
	/* An admin of the province (a top-level unit) does. */
	test_act_as(c, ls, ROLE_ADMIN);
	assert_int_equal(put_doc(c, NULL, LAYER_CREATE, "01/CT-TTg", "2015-01-06", NULL, NULL, &out), BP_OK);
	json_decref(out);
	test_ctx_free(c);
}

static void test_task_rules(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	char ls[37], xa[37];
	add_unit(c, "LS", "province", NULL, ls);
	add_unit(c, "XA", "commune", "LS", xa);
	const char *d = "0d0c0000-0000-4000-8000-00000000000d";
	json_t *out = NULL;
	assert_int_equal(put_doc(c, d, LAYER_PUT, "05/KH-UBND", "2025-10-28", NULL, "XA", &out), BP_OK);
	json_decref(out);
	snprintf(c->today, sizeof(c->today), "2026-05-01");
	enum layer_done done;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "document", d, "title", "Việc", "unit", "XA", "due_on", "2025-10-27");
	assert_int_equal(task_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_ERULE);
	assert_string_equal(c->err.code, "task_due_before_document");
	json_object_set_new(in, "due_on", json_string("2026-03-31"));
	assert_int_equal(task_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_OK);
	json_decref(in);
	char id[37];
	snprintf(id, sizeof(id), "%s", jstr(out, "id"));
	assert_true(json_is_true(json_object_get(out, "overdue")));
	json_decref(out);
	bool created;
	in = json_pack("{s:s, s:s, s:i}", "date", "2026-04-01", "status", "in_progress", "progress", 30);
	assert_int_equal(task_update_add(c, id, in, &out, &created), BP_OK);
	assert_int_equal(json_integer_value(json_object_get(out, "progress")), 30);
	json_decref(out);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "date", "2026-04-20", "status", "done");
	assert_int_equal(task_update_add(c, id, in, &out, &created), BP_OK);
	assert_string_equal(jstr(out, "done_on"), "2026-04-20");
	assert_true(json_is_true(json_object_get(out, "late")));
	assert_false(json_is_true(json_object_get(out, "overdue")));
	json_decref(out);
	json_decref(in);
	in = json_pack("{s:s, s:s, s:i}", "date", "2026-04-30", "status", "in_progress", "progress", 90);
	assert_int_equal(task_update_add(c, id, in, &out, &created), BP_ERULE);
	assert_string_equal(c->err.code, "task_done");
	json_decref(in);
	test_ctx_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cascade_rules),
		cmocka_unit_test(test_task_rules),
	};
	return cmocka_run_group_tests_name("domain/documents", tests, NULL, NULL);
}
