/*
 * users.h - user accounts, passwords, sessions and login throttling.
 *
 * A user belongs to one unit and has one role. Passwords are hashed with
 * argon2id (libsodium's crypto_pwhash_str); sessions are random 256-bit
 * tokens of which only a BLAKE2b hash is stored, so a copy of the database
 * does not hold usable sessions.
 */
#ifndef BP_USERS_H
#define BP_USERS_H

#include <stdbool.h>
#include <jansson.h>

#include "domain/ctx.h"

#define SESSION_SECONDS_DEFAULT (12 * 3600)
#define LOGIN_WINDOW_SECONDS (15 * 60)
#define LOGIN_MAX_PER_USER 5
#define LOGIN_MAX_PER_ADDR 30

/* Creates a user (input: id?, username, password, display_name?, unit, role). */
enum bp_err user_put(struct ctx *c, const char *path_id, json_t *in, json_t **out, bool *created);
enum bp_err user_get(struct ctx *c, const char *ref, json_t **out);
enum bp_err user_list(struct ctx *c, int limit, const char *cursor, json_t **out);
/* Changes role, unit, display_name or disabled. */
enum bp_err user_update(struct ctx *c, const char *ref, json_t *in, json_t **out);
/* Sets a password: one's own with old_password, or another's as their admin. */
enum bp_err user_set_password(struct ctx *c, const char *ref, json_t *in);

/*
 * Checks a login and opens a session: *token (caller frees) and the user
 * as JSON. Wrong names and passwords are the same error, and count
 * against both the name and the address.
 */
enum bp_err auth_login(struct ctx *c, json_t *in, char **token, json_t **user, long *expires_at);
/* Fills c->actor from a session token; "auth_required"/"session_expired" else. */
enum bp_err auth_session(struct ctx *c, const char *token);
enum bp_err auth_logout(struct ctx *c, const char *token);
/* The acting user as JSON, with their unit. */
enum bp_err auth_me(struct ctx *c, json_t **out);

/* Password hashing, exposed for tests and the CLI. */
enum bp_err password_hash(const char *password, char out[128], struct bp_error *e);
bool password_verify(const char *hash, const char *password);

#endif
