/*
 * ctx.c - domain contexts and role names.
 */
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "domain/ctx.h"

void ctx_init(struct ctx *c, struct db *db, const char *remote_addr)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	c->remote_addr = remote_addr;
	date_today(c->today);
}

void ctx_init_system(struct ctx *c, struct db *db)
{
	ctx_init(c, db, NULL);
	c->actor.system = true;
	c->actor.role = ROLE_ADMIN;
	struct passwd *pw = getpwuid(getuid());
	snprintf(c->actor.username, sizeof(c->actor.username), "cli:%s",
		 pw && pw->pw_name ? pw->pw_name : "?");
}

static const char *const role_names[] = {
	[ROLE_NONE] = "none",
	[ROLE_VIEWER] = "viewer",
	[ROLE_EDITOR] = "editor",
	[ROLE_UNIT_ADMIN] = "unit_admin",
	[ROLE_ADMIN] = "admin",
};

const char *role_name(enum role r)
{
	return r <= ROLE_ADMIN ? role_names[r] : "none";
}

enum role role_parse(const char *s)
{
	for (int r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
		if (s && !strcmp(s, role_names[r]))
			return (enum role)r;
	return ROLE_NONE;
}
