/*
 * coord.h - what the records of coordination share (conferences.c,
 * agreements.c, commendations.c): a record with child rows written whole
 * in one transaction, units named by id or code, derived ids for child
 * rows, lists ordered by date with a (date, id) cursor, and the read rule
 * "the record's unit is in scope, or one of its other units is".
 *
 * Internal to src/domain.
 */
#ifndef BP_DOMAIN_COORD_H
#define BP_DOMAIN_COORD_H

#include <stdbool.h>

#include <jansson.h>

#include "domain/ctx.h"

struct buf;

/* Text limits of the coordination records, in characters. */
#define COORD_TITLE_MAX 500
#define COORD_NAME_MAX 200
#define COORD_TEXT_MAX 4000
#define COORD_LONG_MAX 20000
/* Child rows of one record (participants, commitments, recipients ...). */
#define COORD_CHILDREN_MAX 500

/* A write: POST creates (a retry with the same input is answered with the
 * stored record), PUT creates or replaces. */
enum coord_write { COORD_CREATE, COORD_PUT };
enum coord_done { COORD_CREATED, COORD_UPDATED, COORD_UNCHANGED };

/*
 * A unit reference (id or code) in in[key] resolved into id[37];
 * "unit_not_found" naming the field when none. *has is false when the
 * field is absent or null (an error when required).
 */
enum bp_err coord_get_unit(struct ctx *c, json_t *in, const char *key, bool required,
			   char id[37], bool *has);
/*
 * An array of unit references in[key] as a new array of unit ids, each
 * once ("unit_listed_twice"), at least min of them ("field_required" when
 * absent and min > 0). Caller decrefs *out.
 */
enum bp_err coord_get_units(struct ctx *c, json_t *in, const char *key, size_t min, json_t **out);
/* The array in[key] (absent or null: empty), at most COORD_CHILDREN_MAX items. */
enum bp_err coord_get_array(struct ctx *c, json_t *in, const char *key, json_t **out);
/* A non-negative whole number field; *has false when absent or null. */
enum bp_err coord_get_count(struct ctx *c, json_t *in, const char *key, long long max,
			    long long *out, bool *has);

/* A child row's id derived from its record's id, a tag and its position:
 * the same input written twice gives the same rows. */
void coord_child_id(const char *parent, const char *tag, unsigned n, char out[37]);

/* {"id", "code", "name"}, or null when id is NULL. */
json_t *coord_unit_json(const char *id, const char *code, const char *name);

/*
 * The date filters of a list, checked ("date_invalid" naming from or to,
 * "date_range" when to < from).
 */
enum bp_err coord_check_period(struct ctx *c, const char *from, const char *to);

/*
 * A list's cursor "DATE_ID" (the last item's date and id, the list being
 * ordered by date then id, newest first): splits it into date[11] and
 * id[37], or "cursor_invalid".
 */
enum bp_err coord_cursor_parse(struct ctx *c, const char *cursor, char date[11], char id[37]);
/*
 * A page of a list queried with LIMIT limit + 1 and ordered by date_key
 * then id, newest first: {"items": [row_fn of each row], "next_cursor":
 * "DATE_ID" of the last item, or null}. The caller frees r.
 */
enum bp_err coord_page(struct ctx *c, struct db_rows *r, int limit, json_t *(*row_fn)(struct db_rows *r),
		       const char *date_key, json_t **out);
/*
 * Appends the cursor clause " AND (x.DATE < $n OR (x.DATE = $n AND x.id <
 * $n+1))" for cursor (when not NULL) with its two arguments at args[*next
 * - 1]; date and id are the caller's buffers that the arguments point to.
 */
enum bp_err coord_cursor_sql(struct ctx *c, const char *cursor, const char *date_col, struct buf *sql,
			     db_arg *args, int *next, char date[11], char id[37]);

/*
 * Starts a list query into sql: the actor's scope CTE ($1 the actor's
 * unit, $2 today) and "sub(id)", the subtree of unit $3 today ('' for
 * none). args[0..2] are set; the caller goes on from $4.
 */
enum bp_err coord_list_start(struct ctx *c, const char *unit_ref, struct buf *sql, db_arg *args,
			     char unit_id[37]);

/*
 * Whether the actor may read a record: exists_sql is a query of one
 * integer after the scope CTE (which coord_readable puts in front), with
 * $3 the record's id, that counts the record when its unit or one of its
 * other units is in "scope". "out_of_scope" when not.
 */
enum bp_err coord_readable(struct ctx *c, const char *exists_sql, const char *id);

/* code (a message ending in its detail slot) for item i (0-based) of a
 * list, shown as " (#i+1)", naming field. */
enum bp_err coord_err_item(struct ctx *c, const char *code, const char *field, size_t i);

/* BP_EINVAL "invalid_input" naming key when id and in's "id" differ. */
enum bp_err coord_same_id(struct ctx *c, const char *id, json_t *in);

/*
 * A kind of record, described for coord_put, coord_get and coord_delete.
 * A record's input is first checked into its "norm": the input with
 * units and references resolved to ids, optional fields null, lists in a
 * fixed order; norm's "unit" is the id of the record's unit (host,
 * keeper, recorder). canon turns a stored record (as load gives it) into
 * the same shape, so that a write sent twice is seen to be the same.
 */
struct coord_ops {
	const char *entity;        /* in the audit log: "conference" */
	const char *not_found;     /* "conference_not_found" */
	const char *readable_sql;  /* for coord_readable */
	/* id: the record's, for ids of child rows derived from it. */
	enum bp_err (*read)(struct ctx *c, const char *id, json_t *in, json_t **norm);
	enum bp_err (*load)(struct ctx *c, const char *id, json_t **out);
	json_t *(*canon)(json_t *stored);
	/* Writes the record and its child rows: insert a new one, or replace
	 * what is stored (update true). */
	enum bp_err (*store)(struct ctx *c, const char *id, json_t *norm, const char *now, bool update);
	/* Deletes the record and its child rows; may refuse (a signed agreement). */
	enum bp_err (*remove)(struct ctx *c, const char *id, json_t *stored);
	/* Optional: the record as its audit row keeps it (a new reference),
	 * when the loaded one shows what not every reader of the audit log
	 * may read; NULL keeps the loaded record whole. */
	json_t *(*audit_view)(json_t *loaded);
};

/* The stored record, when the actor may read it. */
enum bp_err coord_get(struct ctx *c, const struct coord_ops *ops, const char *id, json_t **out);
/*
 * Creates or replaces a record in one transaction with its audit row.
 * The actor needs to write under the record's unit, and under the stored
 * one's when it is replaced. id may be NULL (then in's "id" or a new one).
 */
enum bp_err coord_put(struct ctx *c, const struct coord_ops *ops, const char *id, json_t *in,
		      enum coord_write mode, json_t **out, enum coord_done *done);
enum bp_err coord_delete(struct ctx *c, const struct coord_ops *ops, const char *id);

/* The id strings of an array of objects' key.id (or of strings), sorted. */
json_t *coord_sorted_ids(json_t *a, const char *key);

#endif
