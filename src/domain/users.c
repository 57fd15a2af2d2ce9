/*
 * users.c - accounts, passwords, sessions and login throttling; see users.h.
 *
 * Throttling is kept in the database (login_failures), not in the server
 * process, so it holds when several servers share one database. A login
 * for an unknown user still verifies a password against a fixed hash, so
 * the answer takes as long as for a known one.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/units.h"
#include "domain/users.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define PASSWORD_MIN 8
#define PASSWORD_MAX 256

enum bp_err password_hash(const char *password, char out[128], struct bp_error *e)
{
	size_t n = strlen(password);
	if (n < PASSWORD_MIN)
		return err_field(e, "password_weak", "password");
	if (n > PASSWORD_MAX)
		return err_field(e, "password_too_long", "password");
	if (!text_utf8_valid(password, n))
		return err_field(e, "utf8_invalid", "password");
	if (crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, "internal", " (password hashing ran out of memory)");
	return BP_OK;
}

bool password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	struct bp_error e;
	if (password_hash("not-a-password-of-anyone", dummy_hash, &e))
		dummy_hash[0] = '\0';
}

static bool username_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

#define USER_SELECT \
	"SELECT s.id, s.username, s.display_name, s.role, s.disabled, s.created_at, s.updated_at," \
	" u.id, u.code, u.name, u.kind FROM users s JOIN units u ON u.id = s.unit_id "

static json_t *user_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "username", db_text(r, 1));
	json_set_str(o, "display_name", db_text(r, 2));
	json_set_str(o, "role", db_text(r, 3));
	json_object_set_new(o, "disabled", json_boolean(db_int(r, 4)));
	json_set_str(o, "created_at", db_text(r, 5));
	json_set_str(o, "updated_at", db_text(r, 6));
	json_object_set_new(o, "unit", json_pack("{s:s, s:s, s:s, s:s}", "id", db_text(r, 7),
		"code", db_text(r, 8), "name", db_text(r, 9), "kind", db_text(r, 10)));
	return o;
}

/* A user by id or username, as JSON; *unit_id gets their unit. */
static enum bp_err user_load(struct ctx *c, const char *ref, json_t **out)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db,
		text_uuid_valid(ref) ? USER_SELECT "WHERE s.id = $1" : USER_SELECT "WHERE s.username = $1",
		DB_ARGS(DB_S(ref)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "user_not_found", ref);
	if (rc)
		return rc;
	*out = user_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static const char *user_unit(json_t *u)
{
	return json_string_value(json_object_get(json_object_get(u, "unit"), "id"));
}

static bool is_self(struct ctx *c, json_t *u)
{
	return !c->actor.system && !strcmp(json_string_value(json_object_get(u, "id")), c->actor.user_id);
}

/* Does the stored user u say what a create of username in unit_id with role says? */
static bool user_same(json_t *u, const char *username, const char *unit_id, enum role role)
{
	return !strcmp(json_string_value(json_object_get(u, "username")), username) &&
	       !strcmp(user_unit(u), unit_id) &&
	       !strcmp(json_string_value(json_object_get(u, "role")), role_name(role));
}

/*
 * May the actor administer users of unit_id with role r? Unit admins and
 * admins, within their scope (their own unit included), never granting a
 * role above their own. Out of scope is "not found" for users.
 */
static enum bp_err check_user_admin(struct ctx *c, const char *unit_id, enum role r)
{
	enum bp_err rc = access_require_role(c, ROLE_UNIT_ADMIN);
	if (rc)
		return rc;
	bool in = false;
	if ((rc = access_in_scope(c, unit_id, &in)))
		return rc;
	if (!in)
		return err_set(&c->err, "out_of_scope", NULL);
	if (!c->actor.system && r > c->actor.role)
		return err_set(&c->err, "role_insufficient", NULL);
	return BP_OK;
}

/*
 * Whether another user exists is not told to those who may not manage
 * them: outside the scope, or below unit admin, the answer is "not found",
 * the same as for a name that does not exist.
 */
static enum bp_err hide_user(struct ctx *c, enum bp_err rc, const char *ref)
{
	if (rc == BP_EFORBIDDEN && (!strcmp(c->err.code, "out_of_scope") ||
				    (!c->actor.system && c->actor.role < ROLE_UNIT_ADMIN)))
		return err_set(&c->err, "user_not_found", ref);
	return rc;
}

enum bp_err user_put(struct ctx *c, const char *path_id, json_t *in, json_t **out, bool *created)
{
	static const char *const keys[] = { "id", "username", "password", "display_name", "unit", "role", NULL };
	const char *id_in = NULL, *username = NULL, *password = NULL, *display = NULL,
		   *unit_ref = NULL, *role_s = NULL;
	enum bp_err rc;
	*out = NULL;
	*created = false;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, &id_in, &c->err)) ||
	    (rc = json_get_str(in, "username", true, 64, &username, &c->err)) ||
	    (rc = json_get_str(in, "password", false, PASSWORD_MAX, &password, &c->err)) ||
	    (rc = json_get_str(in, "display_name", false, 200, &display, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, &unit_ref, &c->err)) ||
	    (rc = json_get_str(in, "role", true, 16, &role_s, &c->err)))
		return rc;
	if (path_id && id_in && strcmp(path_id, id_in))
		return err_field(&c->err, "invalid_input", "id");
	if (!username_valid(username))
		return err_field(&c->err, "username_invalid", "username");
	enum role role = role_parse(role_s);
	if (!role)
		return err_set(&c->err, "role_invalid", role_s);
	char unit_id[37], id[37];
	if ((rc = unit_resolve(c, unit_ref, unit_id)) || (rc = check_user_admin(c, unit_id, role)))
		return rc;
	if (path_id || id_in)
		snprintf(id, sizeof(id), "%s", path_id ? path_id : id_in);
	else
		text_uuid_new(id);

	/* A repeat of a create that succeeded: same id, same name, unit, role. */
	json_t *old = NULL;
	if (user_load(c, id, &old) == BP_OK) {
		if (user_same(old, username, unit_id, role)) {
			*out = old;
			return BP_OK;
		}
		json_decref(old);
		return err_set(&c->err, "id_conflict", id);
	}
	err_clear(&c->err);
	if (!password)
		return err_field(&c->err, "field_required", "password");
	char hash[128];
	if ((rc = password_hash(password, hash, &c->err)))
		return rc;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	long long taken = 0;
	rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM users WHERE username = $1",
			   DB_ARGS(DB_S(username)), &taken, &c->err);
	if (!rc && taken)
		rc = err_set(&c->err, "username_taken", username);
	if (!rc)
		rc = db_exec(c->db,
			"INSERT INTO users (id, username, display_name, unit_id, role, pw_hash, disabled, created_at, updated_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)",
			DB_ARGS(DB_S(id), DB_S(username), DB_S(display), DB_S(unit_id), DB_S(role_name(role)),
				DB_S(hash), DB_S(now)), NULL, &c->err);
	if (!rc)
		rc = user_load(c, id, out);
	if (!rc)
		rc = audit_record(c, "user", id, unit_id, "create", NULL, *out);
	rc = db_end(c->db, rc, &c->err);
	if (rc == BP_ECONFLICT && (!strcmp(c->err.code, "id_conflict") ||
				   !strcmp(c->err.code, "username_taken"))) {
		/* The same request arrived twice at once and the other copy won:
		 * its row made our insert fail, or was committed between our
		 * first look above and the username check (hashing the password
		 * takes a while, outside the transaction). */
		json_decref(*out);
		*out = NULL;
		json_t *won = NULL;
		if (user_load(c, id, &won) == BP_OK) {
			if (user_same(won, username, unit_id, role)) {
				err_clear(&c->err);
				*out = won;
				return BP_OK;
			}
			json_decref(won);
			return err_set(&c->err, "id_conflict", id);
		}
		return err_set(&c->err, "username_taken", username);
	}
	*created = !rc;
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err user_get(struct ctx *c, const char *ref, json_t **out)
{
	json_t *u = NULL;
	*out = NULL;
	enum bp_err rc = user_load(c, ref, &u);
	if (rc)
		return rc;
	if (!is_self(c, u)) {
		rc = check_user_admin(c, user_unit(u), ROLE_VIEWER);
		rc = hide_user(c, rc, ref);
		if (rc) {
			json_decref(u);
			return rc;
		}
	}
	*out = u;
	return BP_OK;
}

enum bp_err user_list(struct ctx *c, int limit, const char *cursor, json_t **out)
{
	*out = NULL;
	if (!limit)
		limit = 100;
	enum bp_err rc;
	struct db_rows *r = NULL;
	if (!c->actor.system && c->actor.role < ROLE_UNIT_ADMIN) {
		rc = db_query(c->db, USER_SELECT "WHERE s.id = $1", DB_ARGS(DB_S(c->actor.user_id)),
			      &r, &c->err);
	} else {
		char *sql = xasprintf("%s " USER_SELECT "WHERE s.unit_id IN (SELECT id FROM scope)"
				      " AND s.username > $3 ORDER BY s.username LIMIT $4",
				      access_scope_cte(c));
		rc = db_query(c->db, sql, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today),
			      DB_S(cursor ? cursor : ""), DB_I(limit + 1)), &r, &c->err);
		free(sql);
	}
	if (rc)
		return rc;
	rc = db_page_json(r, limit, user_row_json, "username", out, &c->err);
	db_rows_free(r);
	return rc;
}

enum bp_err user_update(struct ctx *c, const char *ref, json_t *in, json_t **out)
{
	static const char *const keys[] = { "role", "unit", "display_name", "disabled", NULL };
	const char *role_s = NULL, *unit_ref = NULL, *display = NULL;
	int disabled = -1;
	json_t *before = NULL;
	enum bp_err rc;
	*out = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_str(in, "role", false, 16, &role_s, &c->err)) ||
	    (rc = json_get_str(in, "unit", false, 64, &unit_ref, &c->err)) ||
	    (rc = json_get_str(in, "display_name", false, 200, &display, &c->err)) ||
	    (rc = json_get_bool(in, "disabled", &disabled, &c->err)))
		return rc;
	enum role role = ROLE_NONE;
	if (role_s && !(role = role_parse(role_s)))
		return err_set(&c->err, "role_invalid", role_s);
	if ((rc = user_load(c, ref, &before)))
		return rc;
	const char *id = json_string_value(json_object_get(before, "id"));
	char unit_id[37];
	snprintf(unit_id, sizeof(unit_id), "%s", user_unit(before));
	enum role old_role = role_parse(json_string_value(json_object_get(before, "role")));
	/* Rights over the user as they are, and as they will be. */
	rc = check_user_admin(c, unit_id, old_role);
	if (!is_self(c, before))
		rc = hide_user(c, rc, ref);
	if (!rc && unit_ref && !(rc = unit_resolve(c, unit_ref, unit_id)))
		rc = check_user_admin(c, unit_id, role ? role : old_role);
	if (!rc && role)
		rc = check_user_admin(c, unit_id, role);
	if (!rc && is_self(c, before) && (role || disabled == 1 || unit_ref))
		rc = err_set(&c->err, "role_insufficient", NULL);
	if (rc) {
		json_decref(before);
		return rc;
	}
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	if ((rc = db_begin(c->db, &c->err))) {
		json_decref(before);
		return rc;
	}
	rc = db_exec(c->db,
		"UPDATE users SET role = $2, unit_id = $3, display_name = $4, disabled = $5, updated_at = $6"
		" WHERE id = $1",
		DB_ARGS(DB_S(id), DB_S(role ? role_name(role) : role_name(old_role)), DB_S(unit_id),
			DB_S(json_object_get(in, "display_name") ? display
				: json_string_value(json_object_get(before, "display_name"))),
			DB_I(disabled >= 0 ? disabled : json_is_true(json_object_get(before, "disabled"))),
			DB_S(now)), NULL, &c->err);
	/* A disabled user, or one moved or demoted, logs in again. */
	if (!rc && (disabled == 1 || role || unit_ref))
		rc = db_exec(c->db, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
	if (!rc)
		rc = user_load(c, id, out);
	if (!rc)
		rc = audit_record(c, "user", id, unit_id, "update", before, *out);
	json_decref(before);
	rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static enum bp_err throttle_wait(struct ctx *c, const char *key, int max, long now, long *wait);
static enum bp_err throttle_fail(struct ctx *c, const char *key, long now);

enum bp_err user_set_password(struct ctx *c, const char *ref, json_t *in)
{
	static const char *const keys[] = { "password", "old_password", NULL };
	const char *password = NULL, *old = NULL;
	json_t *u = NULL;
	enum bp_err rc;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_str(in, "password", true, PASSWORD_MAX, &password, &c->err)) ||
	    (rc = json_get_str(in, "old_password", false, PASSWORD_MAX, &old, &c->err)) ||
	    (rc = user_load(c, ref, &u)))
		return rc;
	const char *id = json_string_value(json_object_get(u, "id"));
	if (is_self(c, u)) {
		/* Guesses of the old password count as failed logins, so a
		 * stolen session cannot try passwords faster than a login. */
		long now = (long)time(NULL), wait = 0;
		char *key = xasprintf("user:%s", json_string_value(json_object_get(u, "username")));
		struct db_rows *r = NULL;
		rc = throttle_wait(c, key, LOGIN_MAX_PER_USER, now, &wait);
		if (!rc && wait) {
			char secs[24];
			snprintf(secs, sizeof(secs), "%ld", wait);
			rc = err_set(&c->err, "login_throttled", secs);
		}
		if (!rc)
			rc = db_query_one(c->db, "SELECT pw_hash FROM users WHERE id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
		if (!rc && (!old || !password_verify(db_text(r, 0), old))) {
			rc = throttle_fail(c, key, now);
			if (!rc)
				rc = err_field(&c->err, "password_wrong", "old_password");
		}
		db_rows_free(r);
		free(key);
	} else {
		rc = check_user_admin(c, user_unit(u), role_parse(json_string_value(json_object_get(u, "role"))));
		rc = hide_user(c, rc, ref);
	}
	char hash[128], now[TIMESTAMP_LEN];
	if (!rc)
		rc = password_hash(password, hash, &c->err);
	timestamp_now(now);
	if (!rc && !(rc = db_begin(c->db, &c->err))) {
		rc = db_exec(c->db, "UPDATE users SET pw_hash = $2, updated_at = $3 WHERE id = $1",
			     DB_ARGS(DB_S(id), DB_S(hash), DB_S(now)), NULL, &c->err);
		/* Other sessions of the user end with the old password; the one
		 * that changed it goes on. */
		if (!rc)
			rc = db_exec(c->db, "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
				     DB_ARGS(DB_S(id), DB_S(c->actor.session)), NULL, &c->err);
		if (!rc)
			rc = audit_record(c, "user", id, user_unit(u), "password", NULL, NULL);
		rc = db_end(c->db, rc, &c->err);
	}
	json_decref(u);
	return rc;
}

static void token_hash_hex(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static long session_seconds(void)
{
	const char *s = getenv("BIENPHONG_SESSION_SECONDS");
	long n = s ? strtol(s, NULL, 10) : 0;
	return n > 0 ? n : SESSION_SECONDS_DEFAULT;
}

/* Seconds to wait before key may try again, 0 when it may now. */
static enum bp_err throttle_wait(struct ctx *c, const char *key, int max, long now, long *wait)
{
	struct db_rows *r = NULL;
	*wait = 0;
	enum bp_err rc = db_query(c->db, "SELECT count, first_at FROM login_failures WHERE key = $1",
				  DB_ARGS(DB_S(key)), &r, &c->err);
	if (rc)
		return rc;
	int s = db_next(r, &c->err);
	if (s > 0) {
		long count = (long)db_int(r, 0), first = (long)db_int(r, 1);
		if (count >= max && now - first < LOGIN_WINDOW_SECONDS)
			*wait = LOGIN_WINDOW_SECONDS - (now - first);
	}
	db_rows_free(r);
	return s < 0 ? c->err.kind : BP_OK;
}

static enum bp_err throttle_fail(struct ctx *c, const char *key, long now)
{
	/* A window starts with the first failure and lasts LOGIN_WINDOW_SECONDS. */
	return db_exec(c->db,
		"INSERT INTO login_failures (key, count, first_at, last_at) VALUES ($1, 1, $2, $2)"
		" ON CONFLICT (key) DO UPDATE SET"
		" count = CASE WHEN login_failures.first_at <= $3 THEN 1 ELSE login_failures.count + 1 END,"
		" first_at = CASE WHEN login_failures.first_at <= $3 THEN $2 ELSE login_failures.first_at END,"
		" last_at = $2",
		DB_ARGS(DB_S(key), DB_I(now), DB_I(now - LOGIN_WINDOW_SECONDS)), NULL, &c->err);
}

enum bp_err auth_login(struct ctx *c, json_t *in, char **token, json_t **user, long *expires_at)
{
	static const char *const keys[] = { "username", "password", NULL };
	const char *username = NULL, *password = NULL;
	enum bp_err rc;
	*token = NULL;
	*user = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_str(in, "username", true, 64, &username, &c->err)) ||
	    (rc = json_get_str(in, "password", true, PASSWORD_MAX, &password, &c->err)))
		return rc;
	long now = (long)time(NULL), wait_u = 0, wait_a = 0;
	char *ukey = xasprintf("user:%s", username);
	char *akey = xasprintf("addr:%s", c->remote_addr ? c->remote_addr : "-");
	if (!(rc = throttle_wait(c, ukey, LOGIN_MAX_PER_USER, now, &wait_u)))
		rc = throttle_wait(c, akey, LOGIN_MAX_PER_ADDR, now, &wait_a);
	if (!rc && (wait_u || wait_a)) {
		char secs[24];
		snprintf(secs, sizeof(secs), "%ld", wait_u > wait_a ? wait_u : wait_a);
		rc = err_set(&c->err, "login_throttled", secs);
	}
	struct db_rows *r = NULL;
	char id[37] = "";
	bool ok = false, disabled = false;
	if (!rc) {
		rc = db_query(c->db, "SELECT id, pw_hash, disabled FROM users WHERE username = $1",
			      DB_ARGS(DB_S(username)), &r, &c->err);
	}
	if (!rc) {
		int s = db_next(r, &c->err);
		if (s > 0) {
			snprintf(id, sizeof(id), "%s", db_text(r, 0));
			ok = password_verify(db_text(r, 1), password);
			disabled = db_int(r, 2) != 0;
		} else if (s == 0) {
			pthread_once(&dummy_once, dummy_make);
			password_verify(dummy_hash, password);
		} else
			rc = c->err.kind;
		db_rows_free(r);
	}
	if (!rc && !ok) {
		if (!(rc = throttle_fail(c, ukey, now)))
			rc = throttle_fail(c, akey, now);
		if (!rc)
			rc = err_set(&c->err, "login_failed", NULL);
	}
	if (!rc && disabled)
		rc = err_set(&c->err, "user_disabled", NULL);
	if (!rc) {
		unsigned char raw[32];
		randombytes_buf(raw, sizeof(raw));
		*token = text_b64url(raw, sizeof(raw));
		char hash[65];
		token_hash_hex(*token, hash);
		*expires_at = now + session_seconds();
		rc = db_exec(c->db,
			"INSERT INTO sessions (token_hash, user_id, created_at, expires_at, remote_addr)"
			" VALUES ($1, $2, $3, $4, $5)",
			DB_ARGS(DB_S(hash), DB_S(id), DB_I(now), DB_I(*expires_at), DB_S(c->remote_addr)),
			NULL, &c->err);
		if (!rc)
			rc = db_exec(c->db, "DELETE FROM login_failures WHERE key = $1", DB_ARGS(DB_S(ukey)),
				     NULL, &c->err);
		/* Old sessions of anyone are swept now and then, at logins. */
		if (!rc)
			rc = db_exec(c->db, "DELETE FROM sessions WHERE expires_at < $1",
				     DB_ARGS(DB_I(now - 86400)), NULL, &c->err);
		if (!rc)
			rc = auth_session(c, *token);
		if (!rc)
			rc = auth_me(c, user);
	}
	free(ukey);
	free(akey);
	if (rc) {
		free(*token);
		*token = NULL;
	}
	return rc;
}

enum bp_err auth_session(struct ctx *c, const char *token)
{
	if (!token || !*token || strlen(token) > 128)
		return err_set(&c->err, "auth_required", NULL);
	char hash[65];
	token_hash_hex(token, hash);
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db,
		"SELECT s.expires_at, u.id, u.username, u.unit_id, u.role, u.disabled"
		" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
		DB_ARGS(DB_S(hash)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "auth_required", NULL);
	if (rc)
		return rc;
	if (db_int(r, 0) <= (long long)time(NULL)) {
		rc = err_set(&c->err, "session_expired", NULL);
	} else if (db_int(r, 5)) {
		rc = err_set(&c->err, "user_disabled", NULL);
	} else {
		c->actor.system = false;
		snprintf(c->actor.user_id, sizeof(c->actor.user_id), "%s", db_text(r, 1));
		snprintf(c->actor.username, sizeof(c->actor.username), "%s", db_text(r, 2));
		snprintf(c->actor.unit_id, sizeof(c->actor.unit_id), "%s", db_text(r, 3));
		c->actor.role = role_parse(db_text(r, 4));
		snprintf(c->actor.session, sizeof(c->actor.session), "%s", hash);
		c->actor.session_expires = db_int(r, 0);
	}
	db_rows_free(r);
	return rc;
}

enum bp_err auth_logout(struct ctx *c, const char *token)
{
	char hash[65];
	token_hash_hex(token ? token : "", hash);
	return db_exec(c->db, "DELETE FROM sessions WHERE token_hash = $1", DB_ARGS(DB_S(hash)), NULL, &c->err);
}

enum bp_err auth_me(struct ctx *c, json_t **out)
{
	return user_load(c, c->actor.user_id, out);
}
