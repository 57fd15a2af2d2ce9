/*
 * activities.h - counted activities of the people's participation: one
 * record with a type from the catalog, the unit it is recorded under, a
 * date or a date range, an optional place (a point or a marker), the
 * organising and taking-part units, and the indicator values, checked
 * against the type (docs/participation.md).
 *
 * Writes are scoped (the recording unit must be in the actor's scope, for
 * an editor and up), audited, and take client ids: the same write sent
 * twice stores once.
 */
#ifndef BP_ACTIVITIES_H
#define BP_ACTIVITIES_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"

struct activity_filter {
	const char *type;     /* a type code */
	const char *category; /* outreach, infrastructure ... */
	const char *unit;     /* a unit ref: its subtree (ACTIVITY_SUB_CTE) */
	const char *from;     /* the period, YYYY-MM-DD: activities that overlap it */
	const char *to;
	const char *q;        /* part of the title */
};

enum bp_err activity_get(struct ctx *c, const char *id, json_t **out);
/* id: the path's (NULL for POST); modes as layer.h says. */
enum bp_err activity_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			 json_t **out, enum layer_done *done);
enum bp_err activity_delete(struct ctx *c, const char *id);
/* Newest first; the cursor is the last item's "date_from|id". */
enum bp_err activity_list(struct ctx *c, const struct activity_filter *f, int limit,
			  const char *cursor, json_t **out);

/*
 * The sums of every type's indicator values over a unit's subtree (with
 * the units merged into it) for the activities that start in the period
 * from..to, in the actor's scope:
 *   {"unit": {"id", "code", "name"}, "from", "to",
 *    "types": [{"code", "name_vi", "name_en", "category", "activities": N,
 *               "values": {"buoi": 300, "luot_nguoi": 14000}}]}
 * unit NULL is the actor's own unit.
 */
enum bp_err activity_totals(struct ctx *c, const char *unit, const char *from, const char *to,
			    json_t **out);

/*
 * The SQL of a filtered list or export into sql ("WITH ... SELECT cols
 * FROM activities x WHERE ..."), with its arguments in args (room for 16)
 * and *nargs their count; the caller adds its clauses, order and limit.
 * pattern (an initialised buffer the caller releases after the query)
 * holds the text of the q filter.
 */
struct buf;
enum bp_err activity_filter_sql(struct ctx *c, const struct activity_filter *f, const char *cols,
				struct buf *sql, struct buf *pattern, db_arg *args, int *nargs,
				char unit_id[37]);

#endif
