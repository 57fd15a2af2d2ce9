/*
 * ctx.h - what every domain function works in: the database connection,
 * who is acting, the error to fill, and "today".
 *
 * The actor is a logged-in user (from the HTTP layer) or the operator at
 * the command line, who has the whole database in hand anyway and acts as
 * the system (actor.system), with the operator's login name in the audit log.
 */
#ifndef BP_CTX_H
#define BP_CTX_H

#include <stdbool.h>

#include "db/db.h"
#include "util/date.h"
#include "util/err.h"

enum role {
	ROLE_NONE = 0,
	ROLE_VIEWER,
	ROLE_EDITOR,
	ROLE_UNIT_ADMIN,
	ROLE_ADMIN,
};

struct actor {
	bool system;
	char user_id[37];
	char username[72];
	char unit_id[37];
	enum role role;
	char session[65]; /* hash of the session's token, "" for none */
	long long session_expires; /* when the session ends (Unix time), 0 for none */
};

struct ctx {
	struct db *db;
	struct actor actor;
	struct bp_error err;
	char today[DATE_LEN];
	const char *remote_addr;
};

/* A context acting as the command-line operator. */
void ctx_init_system(struct ctx *c, struct db *db);
/* A context with no actor yet (the HTTP layer fills it after login). */
void ctx_init(struct ctx *c, struct db *db, const char *remote_addr);

const char *role_name(enum role r);
enum role role_parse(const char *s);

#endif
