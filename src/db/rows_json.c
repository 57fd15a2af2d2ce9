/*
 * rows_json.c - query results as JSON, the two shapes every resource
 * answers with: a small array of objects (a unit's parents, a marker's
 * history) and a page of a list with its cursor.
 */
#include "db/db.h"
#include "util/json.h"

enum bp_err db_query_json(struct db *db, const char *sql, const db_arg *args, int nargs,
			  const char *const *names, json_t **out, struct bp_error *e)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query(db, sql, args, nargs, &r, e);
	if (rc)
		return rc;
	json_t *a = json_array();
	int s;
	while ((s = db_next(r, e)) > 0) {
		json_t *o = json_object();
		for (int i = 0; names[i]; i++)
			json_set_str(o, names[i], db_text(r, i));
		json_array_append_new(a, o);
	}
	db_rows_free(r);
	if (s < 0) {
		json_decref(a);
		return e->kind;
	}
	*out = a;
	return BP_OK;
}

enum bp_err db_page_json(struct db_rows *r, int limit, json_t *(*row_fn)(struct db_rows *r),
			 const char *cursor_key, json_t **out, struct bp_error *e)
{
	json_t *items = json_array();
	int n = 0, s;
	bool more = false;
	*out = NULL;
	while ((s = db_next(r, e)) > 0) {
		if (n == limit) {
			more = true;
			break;
		}
		json_array_append_new(items, row_fn(r));
		n++;
	}
	if (s < 0) {
		json_decref(items);
		return e->kind;
	}
	json_t *last = n ? json_array_get(items, (size_t)n - 1) : NULL;
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor",
			 more && last ? json_copy(json_object_get(last, cursor_key)) : json_null());
	return BP_OK;
}
