/*
 * access.c - scope and role checks; see access.h for the rules.
 *
 * "Is X in my scope?" walks up from X (a handful of rows) rather than
 * down from the actor's unit (possibly thousands), so a check costs the
 * same at a commune and at the nation.
 */
#include <stdio.h>
#include <string.h>

#include "domain/access.h"

#define EDGE_VALID_AT_2 "e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to > $2)"

static const char scope_cte_user[] =
	"WITH RECURSIVE scope(id) AS ("
	" SELECT CAST($1 AS TEXT)"
	" UNION"
	" SELECT e.child FROM unit_edges e JOIN scope ON e.up = scope.id"
	" WHERE " EDGE_VALID_AT_2 ")";

static const char scope_cte_system[] =
	"WITH RECURSIVE scope(id) AS ("
	" SELECT id FROM units WHERE CAST($1 AS TEXT) IS NULL OR CAST($2 AS TEXT) IS NOT NULL)";

const char *access_scope_cte(const struct ctx *c)
{
	return c->actor.system ? scope_cte_system : scope_cte_user;
}

enum bp_err access_require_role(struct ctx *c, enum role r)
{
	if (c->actor.system || c->actor.role >= r)
		return BP_OK;
	return err_set(&c->err, "role_insufficient", NULL);
}

enum bp_err access_in_scope(struct ctx *c, const char *unit_id, bool *in)
{
	*in = false;
	if (c->actor.system) {
		*in = true;
		return BP_OK;
	}
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"WITH RECURSIVE up(id) AS ("
		" SELECT CAST($1 AS TEXT)"
		" UNION"
		" SELECT e.up FROM unit_edges e JOIN up ON e.child = up.id"
		" WHERE " EDGE_VALID_AT_2 ")"
		" SELECT COUNT(*) FROM up WHERE id = $3",
		DB_ARGS(DB_S(unit_id), DB_S(c->today), DB_S(c->actor.unit_id)), &n, &c->err);
	if (rc)
		return rc;
	*in = n > 0;
	return BP_OK;
}

enum bp_err access_unit(struct ctx *c, const char *unit_id, enum access_need need)
{
	struct db_rows *r = NULL;
	char code[72];
	enum bp_err rc = db_query_one(c->db, "SELECT code FROM units WHERE id = $1",
				      DB_ARGS(DB_S(unit_id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "unit_not_found", unit_id);
	if (rc)
		return rc;
	/* Messages name the unit by its code, as people know it. */
	snprintf(code, sizeof(code), "%s", db_text(r, 0));
	db_rows_free(r);
	if (c->actor.system)
		return BP_OK;
	enum role need_role = need == ACCESS_READ ? ROLE_VIEWER
			    : need == ACCESS_WRITE ? ROLE_EDITOR : ROLE_UNIT_ADMIN;
	bool in = false;
	rc = access_in_scope(c, unit_id, &in);
	if (rc)
		return rc;
	/* Not naming the unit: the caller may have given a code, and the id
	 * of a unit outside their scope is not theirs to learn. */
	if (!in)
		return err_set(&c->err, "out_of_scope", NULL);
	rc = access_require_role(c, need_role);
	if (rc)
		return rc;
	if (need == ACCESS_MANAGE && c->actor.role < ROLE_ADMIN &&
	    !strcmp(unit_id, c->actor.unit_id))
		return err_set(&c->err, "role_insufficient", NULL);
	return BP_OK;
}
