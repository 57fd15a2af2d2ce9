/*
 * people.c - the pieces the records of people's participation share; see
 * people.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/people.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

enum bp_err people_refuse_id_numbers(struct ctx *c, json_t *in)
{
	static const char *const refused[] = { "id_number", "cccd", "cmnd", "so_cccd", "so_cmnd", NULL };
	for (const char *const *k = refused; *k; k++)
		if (json_object_get(in, *k))
			return err_field(&c->err, "personal_id_refused", *k);
	return BP_OK;
}

enum bp_err people_unit_check(struct ctx *c, const char *unit_id, char kind[32])
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db, "SELECT kind, code, valid_to FROM units WHERE id = $1",
				      DB_ARGS(DB_S(unit_id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "unit_not_found", NULL);
	if (rc)
		return rc;
	const char *k = db_text(r, 0);
	bool ok = !strcmp(k, "village") || !strcmp(k, "commune") || !strcmp(k, "ward");
	if (kind)
		snprintf(kind, 32, "%s", k);
	const char *valid_to = db_text(r, 2);
	if (!ok)
		rc = err_set(&c->err, "people_unit_kind", db_text(r, 1));
	else if (valid_to && strcmp(valid_to, c->today) <= 0)
		rc = err_set(&c->err, "unit_retired", db_text(r, 1));
	db_rows_free(r);
	return rc;
}

enum bp_err people_get_period(struct ctx *c, json_t *in, const char *from_key, bool from_required,
			      const char *to_key, bool to_exclusive, const char **from, const char **to)
{
	enum bp_err rc;
	if ((rc = json_get_date(in, from_key, from_required, from, &c->err)) ||
	    (rc = json_get_date(in, to_key, false, to, &c->err)))
		return rc;
	if (*from && *to && (to_exclusive ? strcmp(*to, *from) <= 0 : strcmp(*to, *from) < 0))
		return err_field(&c->err, "date_range", to_key);
	return BP_OK;
}

json_t *people_unit_json(const char *id, const char *code, const char *name, const char *kind)
{
	return json_pack("{s:s?, s:s?, s:s?, s:s?}", "id", id, "code", code, "name", name, "kind", kind);
}

enum bp_err people_get_int(struct ctx *c, json_t *in, const char *key, long long min, long long max,
			   long long dflt, long long *out)
{
	json_t *v = json_object_get(in, key);
	*out = dflt;
	if (!v || json_is_null(v))
		return BP_OK;
	if (!json_is_integer(v))
		return err_field(&c->err, json_is_number(v) ? "number_invalid" : "field_type", key);
	long long x = json_integer_value(v);
	if (x < min || x > max)
		return err_field(&c->err, "number_invalid", key);
	*out = x;
	return BP_OK;
}

char *people_like(const char *q)
{
	char *p = xmalloc(2 * strlen(q) + 3), *o = p;
	*o++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*o++ = '\\';
		*o++ = *q;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

enum bp_err people_list_start(struct ctx *c, const char *select, const char *unit, struct buf *sql,
			      db_arg *args, int *next, char unit_id[37])
{
	struct registry_filter f = { .unit = unit };
	return layer_query_sql(c, select, false, true, false, &f, sql, args, next, unit_id);
}

void people_q_sql(const char *q, const char *const *cols, struct buf *sql, db_arg *args, int *next,
		  char **pattern)
{
	*pattern = NULL;
	if (!q || !*q)
		return;
	*pattern = people_like(q);
	buf_adds(sql, " AND (");
	for (const char *const *col = cols; *col; col++)
		buf_addf(sql, "%sLOWER(%s) LIKE LOWER($%d) ESCAPE '\\'", col == cols ? "" : " OR ", *col, *next);
	buf_adds(sql, ")");
	args[(*next)++ - 1] = DB_S(*pattern);
}

enum bp_err people_list_page(struct ctx *c, struct buf *sql, db_arg *args, int next, const char *cursor,
			     int limit, json_t *(*row)(struct db_rows *r), json_t **out)
{
	struct db_rows *r = NULL;
	enum bp_err rc = layer_limit(c, limit, &limit);
	*out = NULL;
	if (rc)
		return rc;
	if (cursor) {
		if (!text_uuid_valid(cursor))
			return err_set(&c->err, "cursor_invalid", NULL);
		buf_addf(sql, " AND x.id > $%d", next);
		args[next++ - 1] = DB_S(cursor);
	}
	buf_addf(sql, " ORDER BY x.id LIMIT %d", limit + 1);
	rc = db_query(c->db, sql->data, args, next - 1, &r, &c->err);
	if (!rc)
		rc = db_page_json(r, limit, row, "id", out, &c->err);
	db_rows_free(r);
	return rc;
}

enum bp_err people_delete(struct ctx *c, const struct layer_ops *ops, const char *id,
			  enum bp_err (*del)(struct ctx *c, const char *id))
{
	json_t *before = NULL;
	bool own = false;
	enum bp_err rc = layer_get(c, ops, id, &before);
	if (rc)
		return rc;
	char unit_id[37];
	snprintf(unit_id, sizeof(unit_id), "%s", layer_unit_id_of(before, ops->unit_key));
	if ((rc = access_unit(c, unit_id, ACCESS_WRITE)) || (rc = layer_begin(c, &own))) {
		json_decref(before);
		return rc;
	}
	if (!(rc = del(c, id)))
		rc = audit_record(c, ops->entity, id, unit_id, "delete", before, NULL);
	rc = layer_end(c, own, rc);
	json_decref(before);
	return rc;
}
