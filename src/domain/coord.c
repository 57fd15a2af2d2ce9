/*
 * coord.c - the pieces the coordination records share; see coord.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/coord.h"
#include "domain/layer.h"
#include "domain/units.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"

enum bp_err coord_get_unit(struct ctx *c, json_t *in, const char *key, bool required,
			   char id[37], bool *has)
{
	const char *ref = NULL;
	enum bp_err rc = json_get_str(in, key, required, 64, &ref, &c->err);
	*has = false;
	id[0] = '\0';
	if (rc || !ref)
		return rc;
	if ((rc = unit_resolve(c, ref, id))) {
		snprintf(c->err.field, sizeof(c->err.field), "%s", key);
		return rc;
	}
	*has = true;
	return BP_OK;
}

enum bp_err coord_get_array(struct ctx *c, json_t *in, const char *key, json_t **out)
{
	json_t *a = json_object_get(in, key);
	*out = NULL;
	if (!a || json_is_null(a))
		return BP_OK;
	if (!json_is_array(a))
		return err_field(&c->err, "field_type", key);
	if (json_array_size(a) > COORD_CHILDREN_MAX)
		return err_field(&c->err, "field_too_long", key);
	*out = a;
	return BP_OK;
}

enum bp_err coord_get_units(struct ctx *c, json_t *in, const char *key, size_t min, json_t **out)
{
	json_t *a = NULL, *ids = json_array(), *v;
	size_t i;
	enum bp_err rc = coord_get_array(c, in, key, &a);
	*out = NULL;
	if (!rc && json_array_size(a) < min)
		rc = a ? err_field(&c->err, "list_too_short", key) : err_field(&c->err, "field_required", key);
	json_array_foreach(a, i, v) {
		char id[37];
		if (rc)
			break;
		if (!json_is_string(v)) {
			rc = err_field(&c->err, "field_type", key);
			break;
		}
		if ((rc = unit_resolve(c, json_string_value(v), id))) {
			snprintf(c->err.field, sizeof(c->err.field), "%s", key);
			break;
		}
		size_t k;
		json_t *w;
		json_array_foreach(ids, k, w)
			if (!strcmp(json_string_value(w), id))
				rc = err_field(&c->err, "unit_listed_twice", key);
		json_array_append_new(ids, json_string(id));
	}
	if (rc) {
		json_decref(ids);
		return rc;
	}
	*out = ids;
	return BP_OK;
}

enum bp_err coord_get_count(struct ctx *c, json_t *in, const char *key, long long max,
			    long long *out, bool *has)
{
	json_t *v = json_object_get(in, key);
	*has = false;
	*out = 0;
	if (!v || json_is_null(v))
		return BP_OK;
	if (!json_is_integer(v))
		return err_field(&c->err, "field_type", key);
	long long n = json_integer_value(v);
	if (n < 0 || n > max)
		return err_field(&c->err, "count_invalid", key);
	*out = n;
	*has = true;
	return BP_OK;
}

/* FNV-1a over the parts, one 64-bit half per seed. */
static uint64_t fnv(const char *parent, const char *tag, unsigned n, uint64_t seed)
{
	uint64_t h = seed;
	char num[16];
	snprintf(num, sizeof(num), ":%u", n);
	for (const char *parts[] = { parent, ":", tag, num, NULL }, **p = parts; *p; p++)
		for (const unsigned char *s = (const unsigned char *)*p; *s; s++) {
			h ^= *s;
			h *= 1099511628211ULL;
		}
	return h;
}

void coord_child_id(const char *parent, const char *tag, unsigned n, char out[37])
{
	uint64_t a = fnv(parent, tag, n, 14695981039346656037ULL);
	uint64_t b = fnv(parent, tag, n, 0x84222325cbf29ce4ULL);
	/* Written as a version 8 (custom) UUID of RFC 9562, variant 10. */
	snprintf(out, 37, "%08x-%04x-8%03x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
		 (unsigned)a & 0xfff, (unsigned)(0x8000 | ((b >> 48) & 0x3fff)),
		 (unsigned long long)(b & 0xffffffffffffULL));
}

json_t *coord_unit_json(const char *id, const char *code, const char *name)
{
	return id ? layer_unit_json(id, code, name) : json_null();
}

enum bp_err coord_check_period(struct ctx *c, const char *from, const char *to)
{
	if (from && !date_valid(from))
		return err_field(&c->err, "date_invalid", "from");
	if (to && !date_valid(to))
		return err_field(&c->err, "date_invalid", "to");
	if (from && to && strcmp(to, from) < 0)
		return err_set(&c->err, "date_range", NULL);
	return BP_OK;
}

enum bp_err coord_cursor_parse(struct ctx *c, const char *cursor, char date[11], char id[37])
{
	size_t n = strlen(cursor);
	if (n != 10 + 1 + 36 || cursor[10] != '_')
		return err_set(&c->err, "cursor_invalid", NULL);
	memcpy(date, cursor, 10);
	date[10] = '\0';
	memcpy(id, cursor + 11, 36);
	id[36] = '\0';
	if (!date_valid(date) || !text_uuid_valid(id))
		return err_set(&c->err, "cursor_invalid", NULL);
	return BP_OK;
}

enum bp_err coord_page(struct ctx *c, struct db_rows *r, int limit, json_t *(*row_fn)(struct db_rows *r),
		       const char *date_key, json_t **out)
{
	json_t *items = json_array();
	int s, n = 0;
	bool more = false;
	*out = NULL;
	while ((s = db_next(r, &c->err)) > 0) {
		if (n++ == limit) {
			more = true;
			break;
		}
		json_array_append_new(items, row_fn(r));
	}
	if (s < 0) {
		json_decref(items);
		return c->err.kind;
	}
	json_t *next = json_null();
	if (more) {
		json_t *last = json_array_get(items, json_array_size(items) - 1);
		char cur[64];
		snprintf(cur, sizeof(cur), "%s_%s", json_string_value(json_object_get(last, date_key)),
			 json_string_value(json_object_get(last, "id")));
		json_decref(next);
		next = json_string(cur);
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", next);
	return BP_OK;
}

enum bp_err coord_cursor_sql(struct ctx *c, const char *cursor, const char *date_col, struct buf *sql,
			     db_arg *args, int *next, char date[11], char id[37])
{
	if (!cursor)
		return BP_OK;
	enum bp_err rc = coord_cursor_parse(c, cursor, date, id);
	if (rc)
		return rc;
	buf_addf(sql, " AND (x.%s < $%d OR (x.%s = $%d AND x.id < $%d))", date_col, *next, date_col,
		 *next, *next + 1);
	args[*next - 1] = DB_S(date);
	args[*next] = DB_S(id);
	*next += 2;
	return BP_OK;
}

enum bp_err coord_list_start(struct ctx *c, const char *unit_ref, struct buf *sql, db_arg *args,
			     char unit_id[37])
{
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	unit_id[0] = '\0';
	if (rc)
		return rc;
	if (unit_ref && ((rc = unit_resolve(c, unit_ref, unit_id)) ||
			 (rc = access_unit(c, unit_id, ACCESS_READ))))
		return rc;
	buf_adds(sql, access_scope_cte(c));
	buf_adds(sql, LAYER_SUB_CTE " ");
	args[0] = DB_S(c->actor.unit_id);
	args[1] = DB_S(c->today);
	args[2] = DB_S(unit_id);
	return BP_OK;
}

enum bp_err coord_readable(struct ctx *c, const char *exists_sql, const char *id)
{
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc || c->actor.system)
		return rc;
	struct buf sql;
	long long n = 0;
	buf_init(&sql, 8192);
	buf_adds(&sql, access_scope_cte(c));
	buf_addc(&sql, ' ');
	buf_adds(&sql, exists_sql);
	rc = db_scalar_int(c->db, sql.data, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(id)),
			   &n, &c->err);
	buf_release(&sql);
	if (!rc && !n)
		rc = err_set(&c->err, "out_of_scope", NULL);
	return rc;
}

enum bp_err coord_same_id(struct ctx *c, const char *id, json_t *in)
{
	const char *in_id = NULL;
	enum bp_err rc = json_get_uuid(in, "id", false, &in_id, &c->err);
	if (!rc && id && in_id && strcmp(id, in_id))
		rc = err_field(&c->err, "invalid_input", "id");
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *coord_sorted_ids(json_t *a, const char *key)
{
	size_t n = json_array_size(a), i;
	const char **v = calloc(n ? n : 1, sizeof(*v));
	json_t *x, *out = json_array();
	json_array_foreach(a, i, x) {
		json_t *s = json_is_string(x) ? x
			  : key ? json_object_get(json_object_get(x, key), "id") : json_object_get(x, "id");
		v[i] = json_string_value(s) ? json_string_value(s) : "";
	}
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++)
		json_array_append_new(out, json_string(v[i]));
	free(v);
	return out;
}

enum bp_err coord_get(struct ctx *c, const struct coord_ops *ops, const char *id, json_t **out)
{
	*out = NULL;
	if (!id || !text_uuid_valid(id))
		return err_set(&c->err, ops->not_found, NULL);
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (!rc)
		rc = ops->load(c, id, out);
	if (!rc && (rc = coord_readable(c, ops->readable_sql, id))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static const char *unit_of(json_t *stored)
{
	return json_string_value(json_object_get(json_object_get(stored, "unit"), "id"));
}

/* The audit row of a write: the record as ops->audit_view keeps it. */
static enum bp_err coord_audit(struct ctx *c, const struct coord_ops *ops, const char *id, const char *unit,
			       const char *action, json_t *before, json_t *after)
{
	json_t *b = before && ops->audit_view ? ops->audit_view(before) : json_incref(before);
	json_t *a = after && ops->audit_view ? ops->audit_view(after) : json_incref(after);
	enum bp_err rc = audit_record(c, ops->entity, id, unit, action, b, a);
	json_decref(b);
	json_decref(a);
	return rc;
}

static enum bp_err put_once(struct ctx *c, const struct coord_ops *ops, const char *id, json_t *in,
			    enum coord_write mode, json_t **out, enum coord_done *done, bool *existed)
{
	json_t *norm = NULL, *stored = NULL, *after = NULL, *canon = NULL;
	const char *in_id = NULL;
	char idbuf[37], now[TIMESTAMP_LEN];
	bool began = false;
	enum bp_err rc;
	*out = NULL;
	*done = COORD_UNCHANGED;
	*existed = false;
	if (id && !text_uuid_valid(id))
		return err_field(&c->err, "id_invalid", "id");
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if ((rc = access_require_role(c, ROLE_EDITOR)) || (rc = coord_same_id(c, id, in)) ||
	    (rc = json_get_uuid(in, "id", false, &in_id, &c->err)))
		goto out;
	if (!id)
		id = in_id;
	if (!id) {
		text_uuid_new(idbuf);
		id = idbuf;
	}
	if ((rc = ops->read(c, id, in, &norm)) ||
	    (rc = access_unit(c, json_string_value(json_object_get(norm, "unit")), ACCESS_WRITE)))
		goto out;
	if ((rc = db_begin(c->db, &c->err)))
		goto out;
	began = true;
	rc = ops->load(c, id, &stored);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		rc = BP_OK;
	}
	if (rc)
		goto out;
	timestamp_now(now);
	if (stored) {
		*existed = true;
		/* A record of another scope is neither confirmed nor changed. */
		if ((rc = coord_readable(c, ops->readable_sql, id)))
			goto out;
		canon = ops->canon(stored);
		if (json_equal(canon, norm)) {
			*out = stored;
			stored = NULL;
			goto out;
		}
		if (mode == COORD_CREATE) {
			rc = err_set(&c->err, "id_conflict", id);
			goto out;
		}
		if ((rc = access_unit(c, unit_of(stored), ACCESS_WRITE)) ||
		    (rc = ops->store(c, id, norm, now, true)) || (rc = ops->load(c, id, &after)) ||
		    (rc = coord_audit(c, ops, id, unit_of(after), "update", stored, after)))
			goto out;
		*done = COORD_UPDATED;
	} else {
		if ((rc = ops->store(c, id, norm, now, false)) || (rc = ops->load(c, id, &after)) ||
		    (rc = coord_audit(c, ops, id, unit_of(after), "create", NULL, after)))
			goto out;
		*done = COORD_CREATED;
	}
	*out = after;
	after = NULL;
out:
	if (began)
		rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		*done = COORD_UNCHANGED;
	}
	json_decref(norm);
	json_decref(stored);
	json_decref(after);
	json_decref(canon);
	return rc;
}

/*
 * Two identical creates at once: where transactions do not wait for one
 * another (PostgreSQL) the loser's insert meets the winner's row. It is
 * tried once more, and is then a repeat or a real clash.
 */
enum bp_err coord_put(struct ctx *c, const struct coord_ops *ops, const char *id, json_t *in,
		      enum coord_write mode, json_t **out, enum coord_done *done)
{
	for (int attempt = 0;; attempt++) {
		bool existed = false;
		enum bp_err rc = put_once(c, ops, id, in, mode, out, done, &existed);
		if (attempt == 0 && !existed && rc == BP_ECONFLICT && !strcmp(c->err.code, "id_conflict")) {
			err_clear(&c->err);
			continue;
		}
		return rc;
	}
}

enum bp_err coord_delete(struct ctx *c, const struct coord_ops *ops, const char *id)
{
	json_t *stored = NULL;
	enum bp_err rc = coord_get(c, ops, id, &stored);
	if (rc)
		return rc;
	if ((rc = access_unit(c, unit_of(stored), ACCESS_WRITE)) || (rc = db_begin(c->db, &c->err))) {
		json_decref(stored);
		return rc;
	}
	rc = ops->remove(c, id, stored);
	if (!rc)
		rc = coord_audit(c, ops, id, unit_of(stored), "delete", stored, NULL);
	rc = db_end(c->db, rc, &c->err);
	json_decref(stored);
	return rc;
}

enum bp_err coord_err_item(struct ctx *c, const char *code, const char *field, size_t i)
{
	char d[24];
	snprintf(d, sizeof(d), " (#%zu)", i + 1);
	enum bp_err rc = err_set(&c->err, code, d);
	snprintf(c->err.field, sizeof(c->err.field), "%s", field);
	return rc;
}
