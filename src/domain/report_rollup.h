/*
 * report_rollup.h - what keeps reports live (migration 008): the
 * ancestry of every unit (the units its records are reported under, with
 * dates) and the sums of activity values by reporting unit, month and
 * year (report_flows).
 *
 * The writers call these inside their own transaction, so a report never
 * sees an activity without its sums, nor a tree without its ancestry:
 *   - a write to an activity: report_flows_apply(-1) for what it was,
 *     (+1) for what it is;
 *   - a write to the unit tree (parents, merges, splits): report_tree_changed;
 *   - a database filled by other means (a copy, a restore of an older
 *     backup, a generator): report_rebuild.
 */
#ifndef BP_REPORT_ROLLUP_H
#define BP_REPORT_ROLLUP_H

#include "domain/ctx.h"

/*
 * Adds (sign 1) or takes out (sign -1) of report_flows the activities
 * "a" that the condition `where` selects, e.g. "a.id = $1" or
 * "a.import_id = $1", with its arguments.
 */
enum bp_err report_flows_apply(struct ctx *c, const char *where, const db_arg *args, int nargs, int sign);

/*
 * Recomputes every unit's ancestry from the tree, and for the units whose
 * ancestry changed moves their activities' sums from the old ancestors
 * to the new ones. *changed (may be NULL) gets their number.
 */
enum bp_err report_tree_changed(struct ctx *c, long *changed);

/* Ancestry and sums from scratch, in one transaction of its own when the
 * caller has none. */
enum bp_err report_rebuild(struct ctx *c);

#endif
