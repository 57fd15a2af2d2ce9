/*
 * access.h - who may see and change what. Written once, here; every
 * resource calls these before it reads or writes.
 *
 * The scope of a user is their unit's subtree as of today, walked over
 * every edge of the unit_edges table (migration 002): children, the communes a border post
 * is responsible for, and units merged or split into one in the subtree
 * (with what stood under those when they ended). The command-line
 * operator (actor.system) sees everything.
 *
 * Roles: viewer reads; editor also writes records; unit_admin also
 * manages the units below its own and the users of its subtree; admin
 * manages everything in its subtree, its own unit included.
 */
#ifndef BP_ACCESS_H
#define BP_ACCESS_H

#include <stdbool.h>

#include "domain/ctx.h"

enum access_need {
	ACCESS_READ,      /* see the unit and what is recorded under it */
	ACCESS_WRITE,     /* record things under it (editor and up) */
	ACCESS_MANAGE,    /* change the unit itself or its users (unit_admin and up) */
};

/* BP_EFORBIDDEN "role_insufficient" unless the actor's role is at least r. */
enum bp_err access_require_role(struct ctx *c, enum role r);

/*
 * BP_OK when the actor may act on unit_id as need says. An unknown unit is
 * "unit_not_found"; one outside the scope "out_of_scope" (403). A unit
 * admin manages the units strictly below its own; an admin its own too.
 */
enum bp_err access_unit(struct ctx *c, const char *unit_id, enum access_need need);

/* True when unit_id is in the actor's scope (no role check). */
enum bp_err access_in_scope(struct ctx *c, const char *unit_id, bool *in);

/*
 * A "WITH RECURSIVE scope(id) AS (...)" prefix for list queries: the ids of
 * the actor's scope. The query must bind $1 to c->actor.unit_id and $2 to
 * c->today, and may filter with "x.unit_id IN (SELECT id FROM scope)".
 */
const char *access_scope_cte(const struct ctx *c);

#endif
