/*
 * people.h - what the records of people's participation share
 * (households.c, registrations.c, groups.c, twinnings.c): the units they
 * may be recorded under, dates and periods, list queries in the actor's
 * scope with the filters the lists take, and deletion with its audit row.
 *
 * Internal to src/domain. Writes go through layer_put (layer.h): one
 * transaction with the audit row, a client id stored once.
 *
 * Periods. A registration and a group member run from date_from to
 * date_to, both days included (date_to NULL: open), as people write "from
 * 1/1/2023 to 31/12/2023". A group's "dissolved" and a twinning's "ended"
 * are the day it ended: on that day it no longer exists.
 */
#ifndef BP_DOMAIN_PEOPLE_H
#define BP_DOMAIN_PEOPLE_H

#include <stdbool.h>

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "util/buf.h"

#define PEOPLE_NAME_MAX 200
#define PEOPLE_PHONE_MAX 32
#define PEOPLE_PEOPLE_MAX 100000

/*
 * The filters of the lists; a NULL field is no filter. unit: the unit's
 * subtree today; village: a village unit (id or code), or else the text
 * of village_name; active_on: a date the record is active on.
 */
struct people_filter {
	const char *unit, *village, *kind, *active_on, *q, *household, *country;
};

/*
 * Refuses identity numbers: a field named id_number, cccd, cmnd or
 * so_cccd is "personal_id_refused" (the movement counts people, it does
 * not identify them; see docs/participation.md).
 */
enum bp_err people_refuse_id_numbers(struct ctx *c, json_t *in);

/*
 * The unit a record stands under must be a village, commune or ward
 * ("people_unit_kind" otherwise). Call after the access check, so the
 * kind of a unit out of scope is never told. kind (may be NULL) gets the
 * unit's kind, at most 31 characters.
 */
enum bp_err people_unit_check(struct ctx *c, const char *unit_id, char kind[32]);

/*
 * A period from the input: from_key required (or not), to_key optional,
 * both real dates, to not before from ("date_range"); with to_exclusive
 * the end is the first day without the thing, so it must come after from.
 */
enum bp_err people_get_period(struct ctx *c, json_t *in, const char *from_key, bool from_required,
			      const char *to_key, bool to_exclusive, const char **from, const char **to);

/* {"id", "code", "name", "kind"} of a unit. */
json_t *people_unit_json(const char *id, const char *code, const char *name, const char *kind);

/* An integer field in [min, max]; *out = dflt when absent. */
enum bp_err people_get_int(struct ctx *c, json_t *in, const char *key, long long min, long long max,
			   long long dflt, long long *out);

/*
 * Starts a list query: the scope and subtree CTEs, select (the
 * "SELECT ... FROM table x ..." of the record, whose row has x.unit_id),
 * "WHERE" the record in scope and in the unit filter's subtree. args[0..2]
 * are set (args[2] points into unit_id, which must outlive the query);
 * *next is the next placeholder.
 */
enum bp_err people_list_start(struct ctx *c, const char *select, const char *unit, struct buf *sql,
			      db_arg *args, int *next, char unit_id[37]);
/* " AND (LOWER(a) LIKE ... OR LOWER(b) LIKE ...)" for q over columns (NULL-terminated). */
void people_q_sql(const char *q, const char *const *cols, struct buf *sql, db_arg *args, int *next,
		  char **pattern);
/* Ends a list: after cursor, by id, a page of limit; caller frees nothing but *out. */
enum bp_err people_list_page(struct ctx *c, struct buf *sql, db_arg *args, int next, const char *cursor,
			     int limit, json_t *(*row)(struct db_rows *r), json_t **out);

/*
 * Deletes a record the actor may write: loads it (ops->load), checks
 * write access on its unit, runs del in a transaction with the audit row
 * ("delete", the record before).
 */
enum bp_err people_delete(struct ctx *c, const struct layer_ops *ops, const char *id,
			  enum bp_err (*del)(struct ctx *c, const char *id));

/* "%q%" for LIKE ... ESCAPE '\', q's own % _ \ escaped; caller frees. */
char *people_like(const char *q);

#endif
