/*
 * units.h - the unit tree and its history: provinces, districts (until
 * 2025), communes and wards, villages, border posts, force commands and
 * agencies; which unit stood under which and when; merges and splits; the
 * communes a border post is responsible for.
 *
 * The dating rules (invariants, kept by every function here):
 *  - a unit exists on [valid_from, valid_to); valid_to NULL is open;
 *  - a unit's parent periods never overlap and lie inside its existence;
 *  - the parent of a unit exists for the whole period it is the parent;
 *  - following parents at any one date never comes back to a unit (no cycle);
 *  - a unit that was merged or split has valid_to = the date of the
 *    succession, and links from it to its successors.
 *
 * Units are passed in and out as JSON objects (see docs/openapi.yaml,
 * schema Unit). A unit reference ("parent", "target" ...) is its id or its
 * code. Functions fill c->err on failure.
 */
#ifndef BP_UNITS_H
#define BP_UNITS_H

#include <stdbool.h>
#include <jansson.h>

#include "domain/ctx.h"

bool unit_kind_valid(const char *kind);

/* Resolves an id or a code into id[37]; "unit_not_found" if none. */
enum bp_err unit_resolve(struct ctx *c, const char *ref, char id[37]);

/* One unit with its parent as of date (NULL: today, or its last day). */
enum bp_err unit_get(struct ctx *c, const char *id, const char *date, json_t **out);

struct unit_filter {
	const char *kind;
	const char *q;           /* part of the code or name */
	const char *date;        /* existing on that date (default today) */
	bool include_retired;    /* every unit, whatever its dates */
	int limit;
	const char *cursor;      /* the code to continue after */
};
enum bp_err unit_list(struct ctx *c, const struct unit_filter *f, json_t **out);

/*
 * Creates a unit, or with an id that exists returns it unchanged when the
 * input says the same (a retried request) and, for put, updates code and
 * names. *created tells which happened.
 */
enum bp_err unit_put(struct ctx *c, const char *id, json_t *in, bool is_put,
		     json_t **out, bool *created);
/* The unit stands under parent from date. */
enum bp_err unit_move(struct ctx *c, const char *id, json_t *in, json_t **out);
/* Several units into one (existing, or created by the call) from a date. */
enum bp_err unit_merge(struct ctx *c, json_t *in, json_t **out);
/* One unit into several from a date, its children handed to them. */
enum bp_err unit_split(struct ctx *c, const char *id, json_t *in, json_t **out);
/* The unit ends on a date (it must have no children then). */
enum bp_err unit_dissolve(struct ctx *c, const char *id, json_t *in, json_t **out);

enum bp_err unit_tree(struct ctx *c, const char *root, const char *date, json_t **out);
enum bp_err unit_subtree(struct ctx *c, const char *id, const char *date, json_t **out);
enum bp_err unit_predecessors(struct ctx *c, const char *id, json_t **out);

/* A border post's responsibility for a commune, from a date (to a date). */
enum bp_err unit_post_link(struct ctx *c, const char *post_id, json_t *in, json_t **out);
enum bp_err unit_post_communes(struct ctx *c, const char *post_id, const char *date,
			       json_t **out);

#endif
