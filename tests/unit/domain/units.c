/*
 * Tests src/domain/units.c and access.c: the unit tree as of a date
 * through moves, merges, splits and dissolutions, and the scope that
 * follows them.
 */
#include "helpers.h"
#include "domain/access.h"
#include "domain/demo.h"
#include "domain/units.h"

/* Adds a unit as the system; returns its id in a static slot (valid until the next call). */
static const char *add(struct ctx *c, const char *code, const char *kind, const char *parent,
		       const char *from)
{
	static char id[37];
	json_t *in = json_pack("{s:s, s:s, s:s}", "code", code, "kind", kind, "name", code);
	if (parent)
		json_object_set_new(in, "parent", json_string(parent));
	if (from)
		json_object_set_new(in, "valid_from", json_string(from));
	json_t *out = NULL;
	bool created = false;
	enum bp_err rc = unit_put(c, NULL, in, false, &out, &created);
	if (rc)
		fail_msg("add %s: %s %s", code, c->err.code, c->err.message_en);
	assert_true(created);
	snprintf(id, sizeof(id), "%s", jstr(out, "id"));
	json_decref(in);
	json_decref(out);
	return id;
}

/* The code of unit's parent on date, "-" for none. */
static const char *parent_at(struct ctx *c, const char *code, const char *date)
{
	static char p[72];
	json_t *u = NULL;
	assert_int_equal(unit_get(c, code, date, &u), BP_OK);
	json_t *par = json_object_get(u, "parent");
	snprintf(p, sizeof(p), "%s", json_is_object(par) ? jstr(par, "code") : "-");
	json_decref(u);
	return p;
}

static enum bp_err act(struct ctx *c, enum bp_err (*fn)(struct ctx *, const char *, json_t *, json_t **),
		       const char *ref, json_t *in)
{
	json_t *out = NULL;
	enum bp_err rc = fn(c, ref, in, &out);
	json_decref(in);
	json_decref(out);
	return rc;
}

static int setup(void **state)
{
	struct ctx *c = test_ctx_new();
	add(c, "P", "province", NULL, NULL);
	add(c, "D1", "district", "P", NULL);
	add(c, "D2", "district", "P", NULL);
	add(c, "A", "commune", "D1", NULL);
	add(c, "B", "commune", "D1", NULL);
	add(c, "C", "commune", "D2", NULL);
	add(c, "A-V1", "village", "A", NULL);
	add(c, "B-V1", "village", "B", NULL);
	add(c, "FC", "force_command", "P", NULL);
	add(c, "POST", "border_post", "FC", NULL);
	*state = c;
	return 0;
}

/* The unit_edges table holds exactly the rows its definition derives. */
static void assert_edges_consistent(struct ctx *c)
{
	long long extra = -1, missing = -1;
	assert_int_equal(db_scalar_int(c->db,
		"SELECT COUNT(*) FROM (SELECT child, up, valid_from, valid_to FROM unit_edges"
		" EXCEPT SELECT child, up, valid_from, valid_to FROM unit_edges_derived) x",
		DB_NOARGS, &extra, &c->err), BP_OK);
	assert_int_equal(db_scalar_int(c->db,
		"SELECT COUNT(*) FROM (SELECT child, up, valid_from, valid_to FROM unit_edges_derived"
		" EXCEPT SELECT child, up, valid_from, valid_to FROM unit_edges) x",
		DB_NOARGS, &missing, &c->err), BP_OK);
	assert_int_equal(extra, 0);
	assert_int_equal(missing, 0);
}

static int teardown(void **state)
{
	assert_edges_consistent(*state);
	test_ctx_free(*state);
	return 0;
}

static void test_demo_edges(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	json_t *logins = NULL;
	assert_int_equal(demo_build(c, &logins), BP_OK);
	json_decref(logins);
	long long n = 0;
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM unit_edges", DB_NOARGS, &n, &c->err), BP_OK);
	assert_true(n > 40);
	assert_edges_consistent(c);
	/* a border post user sees the commune merged from the ones it had */
	char post[37], kc[37], ms[37];
	assert_int_equal(unit_resolve(c, "DBP-BINHNGHI", post), BP_OK);
	assert_int_equal(unit_resolve(c, "KHANGCHIEN", kc), BP_OK);
	assert_int_equal(unit_resolve(c, "MAUSON", ms), BP_OK);
	snprintf(c->today, sizeof(c->today), "2026-01-01");
	test_act_as(c, post, ROLE_EDITOR);
	bool in = false;
	assert_int_equal(access_in_scope(c, kc, &in), BP_OK);
	assert_true(in);
	assert_int_equal(access_in_scope(c, ms, &in), BP_OK);
	assert_false(in);
	test_ctx_free(c);
}

static void test_kind_rules_and_codes(void **state)
{
	struct ctx *c = *state;
	json_t *out = NULL;
	bool created;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "code", "X", "kind", "province", "name", "X", "parent", "A");
	assert_int_equal(unit_put(c, NULL, in, false, &out, &created), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_parent_kind");
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s, s:s}", "code", "X", "kind", "hamlet", "name", "X", "parent", "A");
	assert_int_equal(unit_put(c, NULL, in, false, &out, &created), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_kind_invalid");
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s, s:s}", "code", "a b", "kind", "village", "name", "X", "parent", "A");
	assert_int_equal(unit_put(c, NULL, in, false, &out, &created), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_code_invalid");
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s, s:s}", "code", "A", "kind", "village", "name", "X", "parent", "B");
	assert_int_equal(unit_put(c, NULL, in, false, &out, &created), BP_ECONFLICT);
	assert_string_equal(c->err.code, "unit_code_taken");
	json_decref(in);
	/* a village needs a parent */
	in = json_pack("{s:s, s:s, s:s}", "code", "V", "kind", "village", "name", "X");
	assert_int_equal(unit_put(c, NULL, in, false, &out, &created), BP_EINVAL);
	assert_string_equal(c->err.code, "field_required");
	json_decref(in);
	assert_null(out);
}

static void test_same_id_twice(void **state)
{
	struct ctx *c = *state;
	const char *id = "6a0f1c4e-2b7d-4c1e-9f3a-0d5e8b7c6a91";
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "code", "A-V9", "kind", "village", "name", "Thôn Chín", "parent", "A");
	json_t *out = NULL;
	bool created = false;
	assert_int_equal(unit_put(c, id, in, true, &out, &created), BP_OK);
	assert_true(created);
	json_decref(out);
	assert_int_equal(unit_put(c, id, in, true, &out, &created), BP_OK);
	assert_false(created);
	json_decref(out);
	long long n = 0;
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM units WHERE code = 'A-V9'", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM audit_log WHERE entity_id = $1 AND action = 'create'",
				       DB_ARGS(DB_S(id)), &n, &c->err), BP_OK);
	assert_int_equal(n, 1);
	/* a rename through PUT is an update; a new parent is not */
	json_object_set_new(in, "name", json_string("Thôn Chín Mới"));
	assert_int_equal(unit_put(c, id, in, true, &out, &created), BP_OK);
	assert_string_equal(jstr(out, "name"), "Thôn Chín Mới");
	json_decref(out);
	json_object_set_new(in, "parent", json_string("B"));
	assert_int_equal(unit_put(c, id, in, true, &out, &created), BP_ECONFLICT);
	assert_string_equal(c->err.code, "id_conflict");
	json_decref(in);
}

static void test_move_is_dated(void **state)
{
	struct ctx *c = *state;
	assert_int_equal(act(c, unit_move, "A-V1", json_pack("{s:s, s:s}", "parent", "B", "date", "2020-05-01")), BP_OK);
	assert_string_equal(parent_at(c, "A-V1", "2020-04-30"), "A");
	assert_string_equal(parent_at(c, "A-V1", "2020-05-01"), "B");
	/* a move before the current period began is refused */
	assert_int_equal(act(c, unit_move, "A-V1", json_pack("{s:s, s:s}", "parent", "B", "date", "2019-01-01")), BP_ECONFLICT);
	assert_string_equal(c->err.code, "unit_future_change");
	assert_string_equal(parent_at(c, "A-V1", "2019-06-01"), "A");
	/* cycles: a district under its own commune's village is refused by kind,
	 * a force command under its own child by the cycle check */
	add(c, "FC2", "force_command", "FC", NULL);
	assert_int_equal(act(c, unit_move, "FC", json_pack("{s:s, s:s}", "parent", "FC2", "date", "2021-01-01")), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_cycle");
	assert_int_equal(act(c, unit_move, "FC", json_pack("{s:s, s:s}", "parent", "FC", "date", "2021-01-01")), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_cycle");
	assert_int_equal(act(c, unit_move, "A-V1", json_pack("{s:s, s:s}", "parent", "B", "date", "2021-01-01")), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_move_same");
	assert_int_equal(act(c, unit_move, "A-V1", json_pack("{s:s, s:s}", "parent", "B", "date", "2021-02-30")), BP_EINVAL);
	assert_string_equal(c->err.code, "date_invalid");
}

static void test_merge_keeps_history_and_scope(void **state)
{
	struct ctx *c = *state;
	json_t *out = NULL;
	json_t *in = json_pack("{s:[s,s], s:{s:s, s:s, s:s, s:s}, s:s}", "sources", "A", "B",
			       "target", "code", "AB", "kind", "commune", "name", "Xã AB", "parent", "P",
			       "date", "2025-07-01");
	assert_int_equal(unit_merge(c, in, &out), BP_OK);
	json_decref(in);
	json_decref(out);
	/* the villages moved to the new commune on the day */
	assert_string_equal(parent_at(c, "B-V1", "2025-06-30"), "B");
	assert_string_equal(parent_at(c, "B-V1", "2025-07-01"), "AB");
	/* the old communes still stand in the tree of 2024, not of 2026 */
	json_t *tree = NULL;
	assert_int_equal(unit_subtree(c, "D1", "2024-01-01", &tree), BP_OK);
	assert_int_equal(json_array_size(json_object_get(tree, "items")), 1 + 2 + 2);
	json_decref(tree);
	json_t *preds = NULL;
	assert_int_equal(unit_predecessors(c, "AB", &preds), BP_OK);
	assert_int_equal(json_array_size(json_object_get(preds, "items")), 2);
	json_decref(preds);
	/* a user of the new commune sees its predecessors' records, not C */
	char ab[37], a[37], cc[37];
	assert_int_equal(unit_resolve(c, "AB", ab), BP_OK);
	assert_int_equal(unit_resolve(c, "A", a), BP_OK);
	assert_int_equal(unit_resolve(c, "C", cc), BP_OK);
	snprintf(c->today, sizeof(c->today), "2026-01-01");
	test_act_as(c, ab, ROLE_VIEWER);
	bool in_scope = false;
	assert_int_equal(access_in_scope(c, a, &in_scope), BP_OK);
	assert_true(in_scope);
	assert_int_equal(access_in_scope(c, cc, &in_scope), BP_OK);
	assert_false(in_scope);
	assert_int_equal(access_unit(c, cc, ACCESS_READ), BP_EFORBIDDEN);
	assert_string_equal(c->err.code, "out_of_scope");
	/* a viewer may read but not manage */
	assert_int_equal(access_unit(c, ab, ACCESS_WRITE), BP_EFORBIDDEN);
	test_act_system(c);
	/* merging a unit into itself, or a retired one again */
	in = json_pack("{s:[s], s:s, s:s}", "sources", "AB", "target", "AB", "date", "2026-01-01");
	assert_int_equal(unit_merge(c, in, &out), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_merge_self");
	json_decref(in);
	in = json_pack("{s:[s], s:s, s:s}", "sources", "A", "target", "C", "date", "2026-01-01");
	assert_int_equal(unit_merge(c, in, &out), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_not_valid_at");
	json_decref(in);
}

static void test_district_dissolved_stays_in_province(void **state)
{
	struct ctx *c = *state;
	assert_int_equal(act(c, unit_dissolve, "D2", json_pack("{s:s}", "date", "2025-07-01")), BP_ECONFLICT);
	assert_string_equal(c->err.code, "unit_has_children"); /* C still stands under it */
	assert_non_null(strstr(c->err.message_en, "(C)"));
	assert_int_equal(act(c, unit_move, "C", json_pack("{s:s, s:s}", "parent", "P", "date", "2025-07-01")), BP_OK);
	assert_int_equal(act(c, unit_dissolve, "D2", json_pack("{s:s}", "date", "2025-07-01")), BP_OK);
	/* a province user still sees the abolished district and its history */
	char p[37], d2[37];
	assert_int_equal(unit_resolve(c, "P", p), BP_OK);
	assert_int_equal(unit_resolve(c, "D2", d2), BP_OK);
	snprintf(c->today, sizeof(c->today), "2026-01-01");
	test_act_as(c, p, ROLE_VIEWER);
	bool in_scope = false;
	assert_int_equal(access_in_scope(c, d2, &in_scope), BP_OK);
	assert_true(in_scope);
	test_act_system(c);
	assert_string_equal(parent_at(c, "C", "2024-01-01"), "D2");
	assert_string_equal(parent_at(c, "C", "2026-01-01"), "P");
}

static void test_split_hands_children(void **state)
{
	struct ctx *c = *state;
	add(c, "S", "commune", "P", NULL);
	add(c, "S-V1", "village", "S", NULL);
	add(c, "S-V2", "village", "S", NULL);
	/* every child must be given a receiving unit */
	json_t *in = json_pack("{s:[{s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}], s:{s:s}, s:s}",
		"targets", "code", "S1", "kind", "commune", "name", "S1", "parent", "P",
		"code", "S2", "kind", "commune", "name", "S2", "parent", "P",
		"children", "S-V1", "S1", "date", "2024-01-01");
	json_t *out = NULL;
	assert_int_equal(unit_split(c, "S", in, &out), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_split_child");
	/* and nothing was written: S1 does not exist */
	char id[37];
	assert_int_equal(unit_resolve(c, "S1", id), BP_ENOTFOUND);
	json_object_set_new(json_object_get(in, "children"), "S-V2", json_string("S2"));
	assert_int_equal(unit_split(c, "S", in, &out), BP_OK);
	json_decref(in);
	json_decref(out);
	assert_string_equal(parent_at(c, "S-V1", "2024-01-01"), "S1");
	assert_string_equal(parent_at(c, "S-V2", "2024-01-01"), "S2");
	assert_string_equal(parent_at(c, "S-V2", "2023-12-31"), "S");
	json_t *preds = NULL;
	assert_int_equal(unit_predecessors(c, "S2", &preds), BP_OK);
	assert_string_equal(jstr(json_array_get(json_object_get(preds, "items"), 0), "code"), "S");
	json_decref(preds);
}

static void test_post_links(void **state)
{
	struct ctx *c = *state;
	json_t *out = NULL;
	json_t *in = json_pack("{s:s, s:s}", "commune", "C", "valid_from", "2015-01-01");
	assert_int_equal(unit_post_link(c, "POST", in, &out), BP_OK);
	json_decref(out);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "commune", "C", "valid_from", "2016-01-01");
	assert_int_equal(unit_post_link(c, "POST", in, &out), BP_ECONFLICT);
	assert_string_equal(c->err.code, "unit_link_overlap");
	json_decref(in);
	in = json_pack("{s:s, s:s}", "commune", "D1", "valid_from", "2016-01-01");
	assert_int_equal(unit_post_link(c, "POST", in, &out), BP_EINVAL);
	assert_string_equal(c->err.code, "unit_not_commune");
	json_decref(in);
	/* the post's user sees the commune, the commune's user not the post */
	char post[37], cc[37];
	assert_int_equal(unit_resolve(c, "POST", post), BP_OK);
	assert_int_equal(unit_resolve(c, "C", cc), BP_OK);
	bool in_scope = false;
	test_act_as(c, post, ROLE_EDITOR);
	assert_int_equal(access_in_scope(c, cc, &in_scope), BP_OK);
	assert_true(in_scope);
	test_act_as(c, cc, ROLE_EDITOR);
	assert_int_equal(access_in_scope(c, post, &in_scope), BP_OK);
	assert_false(in_scope);
	test_act_system(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kind_rules_and_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_id_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_is_dated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_keeps_history_and_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_district_dissolved_stays_in_province, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_hands_children, setup, teardown),
		cmocka_unit_test_setup_teardown(test_post_links, setup, teardown),
		cmocka_unit_test(test_demo_edges),
	};
	return cmocka_run_group_tests_name("domain/units", tests, NULL, NULL);
}
