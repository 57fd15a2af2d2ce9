/*
 * Tests src/domain/users.c: passwords, accounts and who may manage them,
 * sessions and login throttling.
 */
#include "helpers.h"
#include "domain/units.h"
#include "domain/users.h"

static char unit_p[37], unit_a[37], unit_b[37];

static void add_unit(struct ctx *c, const char *code, const char *kind, const char *parent, char out[37])
{
	json_t *in = json_pack("{s:s, s:s, s:s}", "code", code, "kind", kind, "name", code), *o = NULL;
	if (parent)
		json_object_set_new(in, "parent", json_string(parent));
	bool created;
	assert_int_equal(unit_put(c, NULL, in, false, &o, &created), BP_OK);
	snprintf(out, 37, "%s", jstr(o, "id"));
	json_decref(in);
	json_decref(o);
}

static enum bp_err add_user(struct ctx *c, const char *name, const char *pw, const char *unit, const char *role)
{
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "username", name, "password", pw, "unit", unit, "role", role), *o = NULL;
	bool created;
	enum bp_err rc = user_put(c, NULL, in, &o, &created);
	json_decref(in);
	json_decref(o);
	return rc;
}

static int setup(void **state)
{
	struct ctx *c = test_ctx_new();
	add_unit(c, "P", "province", NULL, unit_p);
	add_unit(c, "A", "commune", "P", unit_a);
	add_unit(c, "B", "commune", "P", unit_b);
	assert_int_equal(add_user(c, "admin.a", "mat-khau-1", "A", "unit_admin"), BP_OK);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	test_ctx_free(*state);
	return 0;
}

static void test_password_rules(void **state)
{
	(void)state;
	char h[128];
	struct bp_error e;
	assert_int_equal(password_hash("short", h, &e), BP_EINVAL);
	assert_string_equal(e.code, "password_weak");
	assert_int_equal(password_hash("đủ dài rồi", h, &e), BP_OK);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_true(password_verify(h, "đủ dài rồi"));
	assert_false(password_verify(h, "đủ dài rồi!"));
}

static void test_account_rules(void **state)
{
	struct ctx *c = *state;
	assert_int_equal(add_user(c, "Bad Name", "mat-khau-1", "A", "viewer"), BP_EINVAL);
	assert_string_equal(c->err.code, "username_invalid");
	assert_int_equal(add_user(c, "x.a", "mat-khau-1", "A", "boss"), BP_EINVAL);
	assert_string_equal(c->err.code, "role_invalid");
	assert_int_equal(add_user(c, "admin.a", "mat-khau-1", "B", "viewer"), BP_ECONFLICT);
	assert_string_equal(c->err.code, "username_taken");
	/* a unit admin of A manages A's users, never B's, never an admin */
	test_act_as(c, unit_a, ROLE_UNIT_ADMIN);
	assert_int_equal(add_user(c, "nv.a", "mat-khau-1", "A", "editor"), BP_OK);
	assert_int_equal(add_user(c, "nv.b", "mat-khau-1", "B", "editor"), BP_EFORBIDDEN);
	assert_string_equal(c->err.code, "out_of_scope");
	assert_int_equal(add_user(c, "sep.a", "mat-khau-1", "A", "admin"), BP_EFORBIDDEN);
	assert_string_equal(c->err.code, "role_insufficient");
	test_act_system(c);
	long long n = 0;
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM users", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 2);
}

static void test_login_and_throttle(void **state)
{
	struct ctx *c = *state;
	c->remote_addr = "192.0.2.1";
	char *token = NULL;
	json_t *user = NULL;
	long exp = 0;
	json_t *bad = json_pack("{s:s, s:s}", "username", "admin.a", "password", "sai-mat-khau");
	json_t *good = json_pack("{s:s, s:s}", "username", "admin.a", "password", "mat-khau-1");
	for (int i = 0; i < LOGIN_MAX_PER_USER; i++) {
		assert_int_equal(auth_login(c, bad, &token, &user, &exp), BP_EAUTH);
		assert_string_equal(c->err.code, "login_failed");
	}
	/* now even the right password waits */
	assert_int_equal(auth_login(c, good, &token, &user, &exp), BP_ETHROTTLED);
	assert_null(token);
	/* the window passes: the failures are forgotten */
	assert_int_equal(db_exec(c->db, "UPDATE login_failures SET first_at = first_at - 3600", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(auth_login(c, good, &token, &user, &exp), BP_OK);
	assert_string_equal(jstr(user, "username"), "admin.a");
	struct ctx c2;
	ctx_init(&c2, c->db, "192.0.2.1");
	assert_int_equal(auth_session(&c2, token), BP_OK);
	assert_string_equal(c2.actor.unit_id, unit_a);
	assert_int_equal(c2.actor.role, ROLE_UNIT_ADMIN);
	assert_int_equal(auth_session(&c2, "not-a-token"), BP_EAUTH);
	/* an expired session is refused with its own code */
	assert_int_equal(db_exec(c->db, "UPDATE sessions SET expires_at = 1", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(auth_session(&c2, token), BP_EAUTH);
	assert_string_equal(c2.err.code, "session_expired");
	free(token);
	json_decref(user);
	json_decref(bad);
	json_decref(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test_setup_teardown(test_account_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_and_throttle, setup, teardown),
	};
	return cmocka_run_group_tests_name("domain/users", tests, NULL, NULL);
}
