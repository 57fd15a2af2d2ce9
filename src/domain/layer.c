/*
 * layer.c - the pieces the border registry's layers share; see layer.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/layer.h"
#include "domain/units.h"
#include "geo/formats.h"
#include "geo/geometry.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

const char *const layer_borders[] = { "VN-CN", "VN-LA", "VN-KH", NULL };

static bool in_list(const char *s, const char *const *allowed)
{
	for (const char *const *a = allowed; *a; a++)
		if (!strcmp(*a, s))
			return true;
	return false;
}

enum bp_err layer_get_enum(json_t *in, const char *key, bool required, const char *const *allowed,
			   const char *code, const char **out, struct bp_error *e)
{
	json_t *v = json_object_get(in, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? err_field(e, "field_required", key) : BP_OK;
	if (!json_is_string(v))
		return err_field(e, "field_type", key);
	const char *s = json_string_value(v);
	if (!in_list(s, allowed)) {
		if (code) {
			/* The specific codes name the value, which is short and ours to show. */
			char d[40];
			snprintf(d, sizeof(d), "%.32s", s);
			enum bp_err k = err_set(e, code, d);
			snprintf(e->field, sizeof(e->field), "%s", key);
			return k;
		}
		return err_field(e, "enum_invalid", key);
	}
	*out = s;
	return BP_OK;
}

enum bp_err layer_get_number(json_t *in, const char *key, bool required, double min, double max,
			     double *out, bool *has, struct bp_error *e)
{
	json_t *v = json_object_get(in, key);
	*has = false;
	*out = 0;
	if (!v || json_is_null(v))
		return required ? err_field(e, "field_required", key) : BP_OK;
	if (!json_is_number(v))
		return err_field(e, "field_type", key);
	double d = json_number_value(v);
	if (!isfinite(d) || d < min || d > max)
		return err_field(e, "number_invalid", key);
	*out = d;
	*has = true;
	return BP_OK;
}

double layer_round_deg(double x)
{
	return round(x * 1e7) / 1e7;
}

enum bp_err layer_get_point(json_t *in, double *lon, double *lat, struct bp_error *e)
{
	bool has;
	enum bp_err rc;
	struct geo_region region;
	if ((rc = layer_get_number(in, "lon", true, -1e9, 1e9, lon, &has, e)) ||
	    (rc = layer_get_number(in, "lat", true, -1e9, 1e9, lat, &has, e)))
		return rc;
	*lon = layer_round_deg(*lon);
	*lat = layer_round_deg(*lat);
	geo_region_get(&region);
	return geo_check_point(&region, *lon, *lat, "lon, lat", e);
}

enum bp_err layer_get_line(json_t *in, const char *key, struct geo_pos **pos, size_t *n,
			   struct bp_error *e)
{
	json_t *g = json_object_get(in, key);
	*pos = NULL;
	*n = 0;
	if (!g || json_is_null(g))
		return err_field(e, "field_required", key);
	json_t *coords = g;
	if (json_is_object(g)) {
		/* A GeoJSON geometry: a LineString and nothing else. */
		const char *t = json_string_value(json_object_get(g, "type"));
		coords = json_object_get(g, "coordinates");
		if (!t || strcmp(t, "LineString") || json_object_size(g) != 2 || !coords)
			return err_field(e, "geometry_invalid", key);
	}
	if (!json_is_array(coords))
		return err_field(e, "geometry_invalid", key);
	size_t len = json_array_size(coords);
	if (len > GEO_LINE_MAX_POINTS) {
		struct geo_region r;
		geo_region_get(&r);
		return geo_check_line(&r, NULL, len, key, e);
	}
	struct geo_pos *p = xcalloc(len ? len : 1, sizeof(*p));
	for (size_t i = 0; i < len; i++) {
		json_t *pt = json_array_get(coords, i);
		size_t k = json_array_size(pt);
		if (!json_is_array(pt) || k < 2 || k > 3 ||
		    !json_is_number(json_array_get(pt, 0)) || !json_is_number(json_array_get(pt, 1)) ||
		    (k == 3 && !json_is_number(json_array_get(pt, 2)))) {
			free(p);
			return err_field(e, "geometry_invalid", key);
		}
		p[i].lon = layer_round_deg(json_number_value(json_array_get(pt, 0)));
		p[i].lat = layer_round_deg(json_number_value(json_array_get(pt, 1)));
		/* Heights of line vertices are not kept: the registry's lines are
		 * drawn on the map and measured on the ellipsoid. */
	}
	struct geo_region r;
	geo_region_get(&r);
	enum bp_err rc = geo_check_line(&r, p, len, key, e);
	if (rc) {
		free(p);
		return rc;
	}
	*pos = p;
	*n = len;
	return BP_OK;
}

char *layer_line_text(const struct geo_pos *pos, size_t n)
{
	struct buf b;
	char x[40], y[40];
	buf_init(&b, (size_t)-1);
	buf_addc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		geo_fmt_num(x, sizeof(x), pos[i].lon, 7);
		geo_fmt_num(y, sizeof(y), pos[i].lat, 7);
		buf_addf(&b, "%s[%s,%s]", i ? "," : "", x, y);
	}
	buf_addc(&b, ']');
	return buf_detach(&b, NULL);
}

bool layer_line_parse(const char *text, struct geo_pos **pos, size_t *n)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	*pos = NULL;
	*n = 0;
	if (!json_is_array(a)) {
		json_decref(a);
		return false;
	}
	size_t len = json_array_size(a);
	struct geo_pos *p = xcalloc(len ? len : 1, sizeof(*p));
	for (size_t i = 0; i < len; i++) {
		json_t *pt = json_array_get(a, i);
		p[i].lon = json_number_value(json_array_get(pt, 0));
		p[i].lat = json_number_value(json_array_get(pt, 1));
	}
	json_decref(a);
	*pos = p;
	*n = len;
	return true;
}

json_t *layer_line_json(const char *text)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	return json_pack("{s:s, s:o}", "type", "LineString", "coordinates", a ? a : json_array());
}

enum bp_err layer_unit_for_write(struct ctx *c, const char *ref, bool post_only, char id[37],
				 char code[65])
{
	enum bp_err rc;
	if ((rc = unit_resolve(c, ref, id)) || (rc = access_unit(c, id, ACCESS_WRITE)))
		return rc;
	struct db_rows *r = NULL;
	if ((rc = db_query_one(c->db, "SELECT code, kind FROM units WHERE id = $1", DB_ARGS(DB_S(id)),
			       &r, &c->err)))
		return rc;
	snprintf(code, 65, "%s", db_text(r, 0));
	bool is_post = !strcmp(db_text(r, 1), "border_post");
	db_rows_free(r);
	if (post_only && !is_post)
		return err_set(&c->err, "unit_not_post", code);
	return BP_OK;
}

json_t *layer_unit_json(const char *id, const char *code, const char *name)
{
	return json_pack("{s:s?, s:s?, s:s?}", "id", id, "code", code, "name", name);
}

/*
 * What an import has learnt of units: one entry per question asked
 * ("unit a reference names, for a write", "may the actor read or write
 * under this unit"), with the answer, the error included. Units do not
 * change while the import holds its transaction, so an answer holds for
 * all the import's records. A file names a handful of units; the list is
 * searched from the entry last found.
 */
struct bulk_entry {
	char *key;
	enum bp_err rc;
	struct bp_error err;
	char id[37];
	char code[65];
};

struct layer_bulk {
	struct ctx *c;
	struct bulk_entry *e;
	size_t n, cap, last;
	unsigned char random[4096]; /* for layer_bulk_uuid: one system call per 256 ids */
	size_t used;
	unsigned long long ms, seq; /* layer_bulk_uuid's time and counter */
	bool last_existed;          /* the record before was stored already */
};

struct layer_bulk *layer_bulk_new(struct ctx *c)
{
	struct layer_bulk *b = xcalloc(1, sizeof(*b));
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	b->c = c;
	b->ms = (unsigned long long)t.tv_sec * 1000 + (unsigned long long)t.tv_nsec / 1000000;
	return b;
}

void layer_bulk_free(struct layer_bulk *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->e[i].key);
	free(b->e);
	free(b);
}

struct ctx *layer_bulk_ctx(const struct layer_bulk *b)
{
	return b->c;
}

bool layer_bulk_expect_new(const struct layer_bulk *b)
{
	return !b->last_existed;
}

void layer_bulk_saw(struct layer_bulk *b, bool existed)
{
	b->last_existed = existed;
}

void layer_bulk_uuid(struct layer_bulk *b, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	if (!b->used || b->used + 16 > sizeof(b->random)) {
		randombytes_buf(b->random, sizeof(b->random));
		b->used = 0;
	}
	unsigned char *r = b->random + b->used;
	b->used += 16;
	/* Version 7 (RFC 9562): the milliseconds of the import's start, then
	 * a counter, then random bits, so that the ids of one import follow
	 * one another and their index grows at its end. */
	unsigned long long ms = b->ms, seq = b->seq++;
	for (int k = 5; k >= 0; k--, ms >>= 8)
		r[k] = (unsigned char)(ms & 0xff);
	r[6] = (unsigned char)(0x70 | ((seq >> 26) & 0x0F));
	r[7] = (unsigned char)((seq >> 18) & 0xff);
	r[8] = (unsigned char)(0x80 | ((seq >> 12) & 0x3F));
	r[9] = (unsigned char)((seq >> 4) & 0xff);
	r[10] = (unsigned char)((r[10] & 0x0F) | ((seq & 0x0F) << 4));
	size_t o = 0;
	for (int k = 0; k < 16; k++) {
		if (k == 4 || k == 6 || k == 8 || k == 10)
			out[o++] = '-';
		out[o++] = hex[r[k] >> 4];
		out[o++] = hex[r[k] & 15];
	}
	out[o] = '\0';
}

static struct bulk_entry *bulk_find(struct layer_bulk *b, char kind, const char *s)
{
	for (size_t k = 0; k < b->n; k++) {
		size_t i = (b->last + k) % b->n;
		if (b->e[i].key[0] == kind && !strcmp(b->e[i].key + 1, s)) {
			b->last = i;
			return &b->e[i];
		}
	}
	return NULL;
}

/* Keeps an answer; a failure of the database itself is not an answer. */
static void bulk_keep(struct layer_bulk *b, char kind, const char *s, enum bp_err rc,
		      const struct bp_error *e, const char *id, const char *code)
{
	if (rc == BP_EINTERNAL || rc == BP_EUNAVAILABLE)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->e = xrealloc(b->e, b->cap * sizeof(*b->e));
	}
	struct bulk_entry *x = &b->e[b->n++];
	memset(x, 0, sizeof(*x));
	x->key = xasprintf("%c%s", kind, s);
	x->rc = rc;
	if (rc)
		x->err = *e;
	snprintf(x->id, sizeof(x->id), "%s", id ? id : "");
	snprintf(x->code, sizeof(x->code), "%s", code ? code : "");
}

/* An answer kept: its error goes to c->err as if the question were asked again. */
static enum bp_err bulk_answer(struct ctx *c, const struct bulk_entry *x)
{
	if (x->rc)
		c->err = x->err;
	return x->rc;
}

enum bp_err layer_bulk_unit_for_write(struct layer_bulk *b, struct ctx *c, const char *ref,
				      bool post_only, char id[37], char code[65])
{
	if (!b)
		return layer_unit_for_write(c, ref, post_only, id, code);
	char kind = post_only ? 'p' : 'u';
	const char *key = ref ? ref : "";
	struct bulk_entry *x = bulk_find(b, kind, key);
	if (!x) {
		id[0] = code[0] = '\0';
		enum bp_err rc = layer_unit_for_write(c, ref, post_only, id, code);
		bulk_keep(b, kind, key, rc, &c->err, id, code);
		return rc;
	}
	snprintf(id, 37, "%s", x->id);
	snprintf(code, 65, "%s", x->code);
	return bulk_answer(c, x);
}

enum bp_err layer_bulk_access(struct layer_bulk *b, struct ctx *c, const char *unit_id, bool area,
			      enum access_need need)
{
	char kind = need == ACCESS_READ ? (area ? 'a' : 'r') : need == ACCESS_WRITE ? 'w' : 'm';
	struct bulk_entry *x = b ? bulk_find(b, kind, unit_id ? unit_id : "") : NULL;
	if (x)
		return bulk_answer(c, x);
	enum bp_err rc = need == ACCESS_READ && area ? layer_access_area(c, unit_id)
						     : access_unit(c, unit_id, need);
	if (b)
		bulk_keep(b, kind, unit_id ? unit_id : "", rc, &c->err, NULL, NULL);
	return rc;
}

enum bp_err layer_begin(struct ctx *c, bool *own)
{
	*own = !db_in_tx(c->db);
	return *own ? db_begin(c->db, &c->err) : BP_OK;
}

enum bp_err layer_end(struct ctx *c, bool own, enum bp_err rc)
{
	return own ? db_end(c->db, rc, &c->err) : rc;
}

enum bp_err layer_filter_sql(struct ctx *c, const struct registry_filter *f, bool points,
			     bool has_condition, struct buf *sql, db_arg *args, int *next,
			     char unit_id[37])
{
	enum bp_err rc;
	unit_id[0] = '\0';
	if (f->unit && *f->unit) {
		if ((rc = unit_resolve(c, f->unit, unit_id)) || (rc = access_unit(c, unit_id, ACCESS_READ)))
			return rc;
	}
	if (f->border) {
		if (!in_list(f->border, layer_borders))
			return err_set(&c->err, "border_invalid", NULL);
		buf_addf(sql, " AND x.border = $%d", *next);
		args[(*next)++ - 1] = DB_S(f->border);
	}
	if (f->condition) {
		if (!has_condition)
			return err_field(&c->err, "field_unknown", "condition");
		buf_addf(sql, " AND x.condition = $%d", *next);
		args[(*next)++ - 1] = DB_S(f->condition);
	}
	if (f->has_bbox) {
		if (!(f->west < f->east && f->south < f->north))
			return err_set(&c->err, "bbox_invalid", NULL);
		int k = *next;
		if (points)
			buf_addf(sql, " AND x.lon >= $%d AND x.lon <= $%d AND x.lat >= $%d AND x.lat <= $%d",
				 k, k + 2, k + 1, k + 3);
		else
			buf_addf(sql, " AND x.max_lon >= $%d AND x.min_lon <= $%d AND x.max_lat >= $%d"
				 " AND x.min_lat <= $%d", k, k + 2, k + 1, k + 3);
		args[k - 1] = DB_R(f->west);
		args[k] = DB_R(f->south);
		args[k + 1] = DB_R(f->east);
		args[k + 2] = DB_R(f->north);
		*next += 4;
	}
	return BP_OK;
}

enum bp_err layer_limit(struct ctx *c, int limit, int *out)
{
	if (limit < 0 || limit > LAYER_LIST_MAX)
		return err_set(&c->err, "limit_invalid", NULL);
	*out = limit ? limit : 100;
	return BP_OK;
}

void layer_set_num(json_t *o, const char *key, bool has, double v)
{
	json_object_set_new(o, key, has ? json_real(v) : json_null());
}

bool layer_same_str(json_t *o, const char *key, const char *s)
{
	const char *v = json_string_value(json_object_get(o, key));
	return (!v && !s) || (v && s && !strcmp(v, s));
}

bool layer_same_num(json_t *o, const char *key, bool has, double d)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return !has;
	return has && json_number_value(v) == d;
}

const char *layer_unit_id_of(json_t *stored, const char *unit_key)
{
	return json_string_value(json_object_get(json_object_get(stored, unit_key), "id"));
}

enum bp_err layer_access_area(struct ctx *c, const char *unit_id)
{
	enum bp_err rc = access_unit(c, unit_id, ACCESS_READ);
	if (rc != BP_EFORBIDDEN || strcmp(c->err.code, "out_of_scope"))
		return rc;
	long long at_post = 0;
	if (db_scalar_int(c->db, "SELECT COUNT(*) FROM units WHERE id = $1 AND kind = 'border_post'",
			  DB_ARGS(DB_S(c->actor.unit_id)), &at_post, &c->err))
		return c->err.kind;
	if (at_post)
		return err_set(&c->err, "out_of_scope", NULL);
	/* The communes the post answers for today: is one of them ours? */
	json_t *communes = NULL;
	static const char *const cols[] = { "id", NULL };
	if (db_query_json(c->db, "SELECT commune_id FROM post_communes WHERE post_id = $1 AND valid_from <= $2"
			  " AND (valid_to IS NULL OR valid_to > $2)", DB_ARGS(DB_S(unit_id), DB_S(c->today)),
			  cols, &communes, &c->err))
		return c->err.kind;
	bool in = false;
	size_t i;
	json_t *o;
	rc = BP_OK;
	json_array_foreach(communes, i, o) {
		if (in || (rc = access_in_scope(c, json_string_value(json_object_get(o, "id")), &in)))
			break;
	}
	json_decref(communes);
	if (rc)
		return rc;
	return in ? BP_OK : err_set(&c->err, "out_of_scope", NULL);
}

enum bp_err layer_get(struct ctx *c, const struct layer_ops *ops, const char *id, json_t **out)
{
	*out = NULL;
	if (!id || !text_uuid_valid(id))
		return err_set(&c->err, ops->not_found, NULL);
	enum bp_err rc = ops->load(c, id, out);
	const char *unit = rc ? NULL : layer_unit_id_of(*out, ops->unit_key);
	if (!rc && (rc = ops->area_read ? layer_access_area(c, unit) : access_unit(c, unit, ACCESS_READ))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* One write; with b, an import's (see struct layer_bulk): *out stays NULL. */
static enum bp_err layer_put_once(struct ctx *c, struct layer_bulk *b, const struct layer_ops *ops,
				  void *rec, const char *id, json_t *in, enum layer_write mode,
				  json_t **out, enum layer_done *done, bool *existed)
{
	json_t *merged = NULL, *stored = NULL, *after = NULL;
	const char *in_id = NULL, *unit_ref = NULL;
	char unit_id[37], unit_code[65], idbuf[37];
	bool own = false, began = false, have_rec = false;
	enum bp_err rc;
	*out = NULL;
	*done = LAYER_UNCHANGED;
	if (id && !text_uuid_valid(id))
		return err_field(&c->err, "id_invalid", "id");
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if (mode == LAYER_PATCH) {
		if ((rc = json_check_keys(in, ops->patch_keys, &c->err)) ||
		    (rc = layer_get(c, ops, id, &stored)))
			return rc;
		merged = ops->as_input(stored);
		json_object_update(merged, in);
		json_decref(stored);
		stored = NULL;
		in = merged;
	}
	if ((rc = ops->read(c, in, rec, &in_id, &unit_ref)))
		goto out;
	have_rec = true;
	if (id && in_id && strcmp(id, in_id)) {
		rc = err_field(&c->err, "invalid_input", "id");
		goto out;
	}
	if (!id)
		id = in_id;
	if (!id) {
		text_uuid_new(idbuf);
		id = idbuf;
	}
	if ((rc = layer_bulk_unit_for_write(b, c, unit_ref, ops->post_only, unit_id, unit_code)) ||
	    (rc = layer_begin(c, &own)))
		goto out;
	began = true;
	rc = ops->load(c, id, &stored);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		stored = NULL;
		rc = BP_OK;
	}
	if (rc)
		goto out;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	*existed = stored != NULL;
	if (stored) {
		/* A record of another scope is not to be confirmed nor changed. */
		const char *was = layer_unit_id_of(stored, ops->unit_key);
		if ((rc = layer_bulk_access(b, c, was, ops->area_read, ACCESS_READ)))
			goto out;
		if (ops->same(stored, rec, unit_id)) {
			if (!b) {
				*out = stored;
				stored = NULL;
			}
			goto out;
		}
		if (mode == LAYER_CREATE) {
			rc = err_set(&c->err, "id_conflict", id);
			goto out;
		}
		if ((rc = layer_bulk_access(b, c, was, false, ACCESS_WRITE)) ||
		    (rc = ops->update(c, id, rec, unit_id, now)))
			goto out;
		if (!b && ((rc = ops->load(c, id, &after)) ||
			   (rc = audit_record(c, ops->entity, id, unit_id, "update", stored, after))))
			goto out;
		*done = LAYER_UPDATED;
	} else {
		if (mode == LAYER_PATCH) {
			rc = err_set(&c->err, ops->not_found, NULL);
			goto out;
		}
		if ((rc = ops->insert(c, id, rec, unit_id, now)))
			goto out;
		if (!b && ((rc = ops->load(c, id, &after)) ||
			   (rc = audit_record(c, ops->entity, id, unit_id, "create", NULL, after))))
			goto out;
		*done = LAYER_CREATED;
	}
	*out = after;
	after = NULL;
out:
	if (began)
		rc = layer_end(c, own, rc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	if (have_rec && ops->release)
		ops->release(rec);
	json_decref(merged);
	json_decref(stored);
	json_decref(after);
	return rc;
}

/*
 * Two identical requests at once: where transactions do not wait for one
 * another (PostgreSQL), the loser's insert meets the winner's row, or its
 * check of the number meets the winner's marker. It is tried once more
 * and is then a repeat, or a real clash again. Inside an import's
 * transaction nothing is retried: the import is one writer.
 */
enum bp_err layer_put(struct ctx *c, const struct layer_ops *ops, void *rec, const char *id,
		      json_t *in, enum layer_write mode, json_t **out, enum layer_done *done)
{
	bool retry = !db_in_tx(c->db);
	for (int attempt = 0;; attempt++) {
		bool existed = false;
		enum bp_err rc = layer_put_once(c, NULL, ops, rec, id, in, mode, out, done, &existed);
		if (retry && attempt == 0 && !existed && rc == BP_ECONFLICT &&
		    (!strcmp(c->err.code, "id_conflict") || !strcmp(c->err.code, "marker_number_taken"))) {
			err_clear(&c->err);
			continue;
		}
		return rc;
	}
}

enum bp_err layer_delete(struct ctx *c, const struct layer_ops *ops, const char *id,
			 const char *in_use)
{
	json_t *stored = NULL;
	bool own = false;
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc)
		return rc;
	if ((rc = layer_get(c, ops, id, &stored)) ||
	    (rc = access_unit(c, layer_unit_id_of(stored, ops->unit_key), ACCESS_WRITE)) ||
	    (rc = layer_begin(c, &own)))
		goto out;
	char sql[96];
	long long n = 0;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = $1", ops->table);
	rc = db_exec(c->db, sql, DB_ARGS(DB_S(id)), &n, &c->err);
	/* A delete fails only on a foreign key: a record of another kind
	 * still points at this one. */
	if (rc == BP_EINVAL)
		rc = err_set(&c->err, in_use, NULL);
	else if (!rc && !n)
		rc = err_set(&c->err, ops->not_found, NULL);
	if (!rc)
		rc = audit_record(c, ops->entity, id, layer_unit_id_of(stored, ops->unit_key), "delete",
				  stored, NULL);
	rc = layer_end(c, own, rc);
out:
	json_decref(stored);
	return rc;
}

enum bp_err layer_put_bulk(struct layer_bulk *b, const struct layer_ops *ops, void *rec, json_t *in,
			   enum layer_done *done)
{
	json_t *out = NULL;
	bool existed = false;
	enum bp_err rc = layer_put_once(b->c, b, ops, rec, NULL, in, LAYER_PUT, &out, done, &existed);
	json_decref(out);
	return rc;
}

bool layer_same_line(json_t *geometry, const struct geo_pos *pos, size_t n)
{
	json_t *a = json_object_get(geometry, "coordinates");
	if (json_array_size(a) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		json_t *pt = json_array_get(a, i);
		if (json_number_value(json_array_get(pt, 0)) != pos[i].lon ||
		    json_number_value(json_array_get(pt, 1)) != pos[i].lat)
			return false;
	}
	return true;
}

double layer_length_km(const struct geo_pos *pos, size_t n)
{
	return round(geo_line_length_m(pos, n)) / 1000.0;
}

/*
 * The query of layer_query_sql; with in_order, that of an export, which
 * reads every record of the scope in the order of an index. Its scope
 * and unit filters then test "x.unit_id || ''", which no index serves:
 * SQLite otherwise reads the scope's records through the unit's index
 * and sorts them all in memory (temp_store=MEMORY) before the first row,
 * so that an export's memory would grow with the layer; this way it
 * walks the index of the order and hands each row on as it comes.
 * PostgreSQL plans it as before.
 */
static enum bp_err query_sql(struct ctx *c, const char *select, bool area, bool points,
			     bool has_condition, bool in_order, const struct registry_filter *f,
			     struct buf *sql, db_arg *args, int *next, char unit_id[37])
{
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	*next = 4;
	const char *unit = in_order ? "x.unit_id || ''" : "x.unit_id";
	buf_addf(sql, "%s%s" LAYER_SUB_CTE " %s WHERE %s IN (SELECT id FROM %s)"
		 " AND ($3 = '' OR %s IN (SELECT id FROM sub))",
		 access_scope_cte(c), area ? LAYER_AREA_CTE : "", select, unit, area ? "area" : "scope",
		 unit);
	if ((rc = layer_filter_sql(c, f, points, has_condition, sql, args, next, unit_id)))
		return rc;
	args[0] = DB_S(c->actor.unit_id);
	args[1] = DB_S(c->today);
	args[2] = DB_S(unit_id);
	return BP_OK;
}

enum bp_err layer_query_sql(struct ctx *c, const char *select, bool area, bool points,
			    bool has_condition, const struct registry_filter *f,
			    struct buf *sql, db_arg *args, int *next, char unit_id[37])
{
	return query_sql(c, select, area, points, has_condition, false, f, sql, args, next, unit_id);
}

enum bp_err layer_export_sql(struct ctx *c, const char *select, bool area, bool points,
			     bool has_condition, const struct registry_filter *f,
			     struct buf *sql, db_arg *args, int *next, char unit_id[37])
{
	return query_sql(c, select, area, points, has_condition, true, f, sql, args, next, unit_id);
}

enum bp_err layer_list_query(struct ctx *c, const struct layer_query *q,
			     const struct registry_filter *f, const char *cursor, int limit,
			     struct db_rows **r)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37] = "";
	buf_init(&sql, 8192);
	enum bp_err rc = query_sql(c, q->select, q->area, q->points, q->has_condition, !limit, f,
				   &sql, args, &next, unit_id);
	if (!rc) {
		if (cursor) {
			buf_addf(&sql, " AND x.id > $%d", next);
			args[next++ - 1] = DB_S(cursor);
		}
		buf_adds(&sql, " ORDER BY x.id");
		if (limit)
			buf_addf(&sql, " LIMIT %d", limit + 1);
		rc = limit ? db_query(c->db, sql.data, args, next - 1, r, &c->err)
			   : db_query_stream(c->db, sql.data, args, next - 1, r, &c->err);
	}
	buf_release(&sql);
	return rc;
}

enum bp_err layer_list_page(struct ctx *c, const struct layer_query *q,
			    const struct registry_filter *f, int limit, const char *cursor,
			    json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = layer_limit(c, limit, &limit);
	/* The cursor is the id of the page's last record: a UUID. One of a
	 * record deleted since is still good, the next page starts after it. */
	if (!rc && cursor && !text_uuid_valid(cursor))
		rc = err_field(&c->err, "cursor_invalid", "cursor");
	if (!rc)
		rc = layer_list_query(c, q, f, cursor, limit, &r);
	if (!rc)
		rc = db_page_json(r, limit, q->row_json, "id", out, &c->err);
	db_rows_free(r);
	return rc;
}
