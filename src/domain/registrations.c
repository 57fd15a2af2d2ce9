/*
 * registrations.c - self-management registrations; see registrations.h.
 *
 * A registration's segments and markers are rows of their own
 * (registration_segments, registration_markers), replaced as a whole by
 * a write, so the record is what its last write said. The lengths are
 * metres (km_m), exact: a part of a segment given in km is rounded to the
 * metre, and a registration's km is the sum of its parts.
 *
 * The segments and markers are looked up while the input is read, before
 * the access check, only to fill in a left-out km and to tell a retry from
 * a change; whether they exist and may be used is checked, and said,
 * after the access check on the household (registration_check).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/registrations.h"
#include "domain/units.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define REG_LIST_MAX 1000   /* segments or markers in one registration */
#define REG_KM_MAX 100000.0

struct reg_segment {
	char id[37];
	long long m;        /* the part covered, metres */
	long long len_m;    /* the segment's length, metres */
	bool found;
	char unit_id[37];   /* the segment's post */
};

struct reg_marker {
	char id[37];
	bool found;
	char unit_id[37];
};

struct reg_in {
	const char *household, *date_from, *date_to, *notes;
	char post_id[37];
	char unit_id[37];   /* the household's */
	struct reg_segment *seg;
	size_t nseg;
	struct reg_marker *mark;
	size_t nmark;
};

#define REG_SELECT \
	"SELECT x.id, x.household_id, h.name, h.kind, x.unit_id, u.code, u.name, x.post_id, p.code, p.name," \
	" x.date_from, x.date_to, x.km_m, x.notes, x.created_at, x.updated_at FROM registrations x" \
	" JOIN households h ON h.id = x.household_id JOIN units u ON u.id = x.unit_id" \
	" JOIN units p ON p.id = x.post_id"

static json_t *reg_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_object_set_new(o, "household", json_pack("{s:s, s:s, s:s}", "id", db_text(r, 1), "name", db_text(r, 2),
						      "kind", db_text(r, 3)));
	json_object_set_new(o, "unit", layer_unit_json(db_text(r, 4), db_text(r, 5), db_text(r, 6)));
	json_object_set_new(o, "post", layer_unit_json(db_text(r, 7), db_text(r, 8), db_text(r, 9)));
	json_set_str(o, "date_from", db_text(r, 10));
	json_set_str(o, "date_to", db_text(r, 11));
	json_object_set_new(o, "km", json_real((double)db_int(r, 12) / 1000.0));
	json_set_str(o, "notes", db_text(r, 13));
	json_set_str(o, "created_at", db_text(r, 14));
	json_set_str(o, "updated_at", db_text(r, 15));
	return o;
}

/* Adds "segments" and "markers" to a registration's JSON. */
static enum bp_err reg_children(struct ctx *c, json_t *o)
{
	const char *id = json_string_value(json_object_get(o, "id"));
	struct db_rows *r = NULL;
	json_t *segs = json_array(), *marks = json_array();
	json_object_set_new(o, "segments", segs);
	json_object_set_new(o, "markers", marks);
	enum bp_err rc = db_query(c->db,
		"SELECT rs.segment_id, rs.km_m, s.length_km, s.border, f.number, t.number"
		" FROM registration_segments rs JOIN segments s ON s.id = rs.segment_id"
		" JOIN markers f ON f.id = s.from_marker LEFT JOIN markers t ON t.id = s.to_marker"
		" WHERE rs.registration_id = $1 ORDER BY rs.segment_id", DB_ARGS(DB_S(id)), &r, &c->err);
	int st = 0;
	while (!rc && (st = db_next(r, &c->err)) > 0)
		json_array_append_new(segs, json_pack("{s:s, s:f, s:f, s:s, s:s, s:s?}", "id", db_text(r, 0),
			"km", (double)db_int(r, 1) / 1000.0, "length_km", db_real(r, 2), "border", db_text(r, 3),
			"from", db_text(r, 4), "to", db_text(r, 5)));
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	r = NULL;
	if (!rc)
		rc = db_query(c->db,
			"SELECT m.id, m.border, m.number, m.type FROM registration_markers rm"
			" JOIN markers m ON m.id = rm.marker_id WHERE rm.registration_id = $1 ORDER BY m.id",
			DB_ARGS(DB_S(id)), &r, &c->err);
	while (!rc && (st = db_next(r, &c->err)) > 0)
		json_array_append_new(marks, json_pack("{s:s, s:s, s:s, s:s}", "id", db_text(r, 0),
			"border", db_text(r, 1), "number", db_text(r, 2), "type", db_text(r, 3)));
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static enum bp_err reg_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, REG_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "registration_not_found", NULL);
	if (rc)
		return rc;
	*out = reg_row_json(r);
	db_rows_free(r);
	if ((rc = reg_children(c, *out))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static json_t *reg_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "date_from", "date_to", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "household", json_copy(json_object_get(json_object_get(s, "household"), "id")));
	json_object_set_new(in, "post", json_copy(json_object_get(json_object_get(s, "post"), "id")));
	json_t *segs = json_array(), *marks = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(s, "segments"), i, x)
		json_array_append_new(segs, json_pack("{s:O, s:O}", "id", json_object_get(x, "id"),
						      "km", json_object_get(x, "km")));
	json_array_foreach(json_object_get(s, "markers"), i, x)
		json_array_append(marks, json_object_get(x, "id"));
	json_object_set_new(in, "segments", segs);
	json_object_set_new(in, "markers", marks);
	return in;
}

static int cmp_seg(const void *a, const void *b)
{
	return strcmp(((const struct reg_segment *)a)->id, ((const struct reg_segment *)b)->id);
}

static int cmp_mark(const void *a, const void *b)
{
	return strcmp(((const struct reg_marker *)a)->id, ((const struct reg_marker *)b)->id);
}

static void reg_release(void *rec)
{
	struct reg_in *g = rec;
	free(g->seg);
	free(g->mark);
	g->seg = NULL;
	g->mark = NULL;
}

static enum bp_err read_segments(struct ctx *c, json_t *in, struct reg_in *g)
{
	json_t *a = json_object_get(in, "segments");
	if (!a || json_is_null(a))
		return BP_OK;
	if (!json_is_array(a))
		return err_field(&c->err, "field_type", "segments");
	if (json_array_size(a) > REG_LIST_MAX)
		return err_field(&c->err, "field_too_long", "segments");
	g->seg = xcalloc(json_array_size(a) + 1, sizeof(*g->seg));
	size_t i;
	json_t *x;
	enum bp_err rc = BP_OK;
	json_array_foreach(a, i, x) {
		struct reg_segment *s = &g->seg[g->nseg++];
		const char *sid = NULL;
		double km = 0;
		bool has_km = false;
		if (json_is_string(x)) {
			sid = json_string_value(x);
		} else if (json_is_object(x)) {
			static const char *const keys[] = { "id", "km", NULL };
			if ((rc = json_check_keys(x, keys, &c->err)) ||
			    (rc = json_get_uuid(x, "id", true, &sid, &c->err)) ||
			    (rc = layer_get_number(x, "km", false, 0.001, REG_KM_MAX, &km, &has_km, &c->err)))
				return rc;
		} else {
			return err_field(&c->err, "field_type", "segments");
		}
		if (!text_uuid_valid(sid))
			return err_field(&c->err, "id_invalid", "segments");
		snprintf(s->id, sizeof(s->id), "%s", sid);
		s->m = has_km ? llround(km * 1000.0) : -1;
	}
	qsort(g->seg, g->nseg, sizeof(*g->seg), cmp_seg);
	for (size_t k = 0; k < g->nseg; k++) {
		struct reg_segment *s = &g->seg[k];
		if (k && !strcmp(s->id, g->seg[k - 1].id))
			return err_field(&c->err, "list_duplicate", "segments");
		struct db_rows *r = NULL;
		rc = db_query_one(c->db, "SELECT length_km, unit_id FROM segments WHERE id = $1",
				  DB_ARGS(DB_S(s->id)), &r, &c->err);
		if (rc == BP_ENOTFOUND) {
			err_clear(&c->err);
			rc = BP_OK;
			continue;
		}
		if (rc)
			return rc;
		s->found = true;
		s->len_m = llround(db_real(r, 0) * 1000.0);
		snprintf(s->unit_id, sizeof(s->unit_id), "%s", db_text(r, 1));
		db_rows_free(r);
		if (s->m < 0)
			s->m = s->len_m;
	}
	return BP_OK;
}

static enum bp_err read_markers(struct ctx *c, json_t *in, struct reg_in *g)
{
	json_t *a = json_object_get(in, "markers");
	if (!a || json_is_null(a))
		return BP_OK;
	if (!json_is_array(a))
		return err_field(&c->err, "field_type", "markers");
	if (json_array_size(a) > REG_LIST_MAX)
		return err_field(&c->err, "field_too_long", "markers");
	g->mark = xcalloc(json_array_size(a) + 1, sizeof(*g->mark));
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) {
		if (!json_is_string(x))
			return err_field(&c->err, "field_type", "markers");
		if (!text_uuid_valid(json_string_value(x)))
			return err_field(&c->err, "id_invalid", "markers");
		snprintf(g->mark[g->nmark++].id, 37, "%s", json_string_value(x));
	}
	qsort(g->mark, g->nmark, sizeof(*g->mark), cmp_mark);
	for (size_t k = 0; k < g->nmark; k++) {
		struct reg_marker *m = &g->mark[k];
		if (k && !strcmp(m->id, g->mark[k - 1].id))
			return err_field(&c->err, "list_duplicate", "markers");
		struct db_rows *r = NULL;
		enum bp_err rc = db_query_one(c->db, "SELECT unit_id FROM markers WHERE id = $1",
					      DB_ARGS(DB_S(m->id)), &r, &c->err);
		if (rc == BP_ENOTFOUND) {
			err_clear(&c->err);
			continue;
		}
		if (rc)
			return rc;
		m->found = true;
		snprintf(m->unit_id, sizeof(m->unit_id), "%s", db_text(r, 0));
		db_rows_free(r);
	}
	return BP_OK;
}

static enum bp_err reg_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "household", "post", "date_from", "date_to", "segments",
					    "markers", "notes", NULL };
	struct reg_in *g = rec;
	const char *post = NULL;
	enum bp_err rc;
	memset(g, 0, sizeof(*g));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_uuid(in, "household", true, &g->household, &c->err)) ||
	    (rc = json_get_str(in, "post", true, 64, &post, &c->err)) ||
	    (rc = people_get_period(c, in, "date_from", true, "date_to", false, &g->date_from, &g->date_to)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &g->notes, &c->err)))
		return rc;
	struct db_rows *r = NULL;
	rc = db_query_one(c->db, "SELECT unit_id FROM households WHERE id = $1", DB_ARGS(DB_S(g->household)),
			  &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "household_not_found", NULL);
	if (rc)
		return rc;
	snprintf(g->unit_id, sizeof(g->unit_id), "%s", db_text(r, 0));
	db_rows_free(r);
	*unit = g->unit_id;
	/* layer_put releases a record only once it was read: a failed read frees its own. */
	if ((rc = unit_resolve(c, post, g->post_id)) || (rc = read_segments(c, in, g)) ||
	    (rc = read_markers(c, in, g)))
		reg_release(g);
	return rc;
}

static bool reg_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct reg_in *g = rec;
	json_t *segs = json_object_get(s, "segments"), *marks = json_object_get(s, "markers");
	if (!layer_same_str(json_object_get(s, "household"), "id", g->household) ||
	    !layer_same_str(json_object_get(s, "post"), "id", g->post_id) ||
	    !layer_same_str(s, "date_from", g->date_from) || !layer_same_str(s, "date_to", g->date_to) ||
	    !layer_same_str(s, "notes", g->notes) || strcmp(layer_unit_id_of(s, "unit"), unit_id) ||
	    json_array_size(segs) != g->nseg || json_array_size(marks) != g->nmark)
		return false;
	for (size_t i = 0; i < g->nseg; i++) {
		json_t *x = json_array_get(segs, i);
		if (!layer_same_str(x, "id", g->seg[i].id) ||
		    llround(json_number_value(json_object_get(x, "km")) * 1000.0) != g->seg[i].m)
			return false;
	}
	for (size_t i = 0; i < g->nmark; i++)
		if (!layer_same_str(json_array_get(marks, i), "id", g->mark[i].id))
			return false;
	return true;
}

/* What can only be checked and told after the access check on the household. */
static enum bp_err reg_check(struct ctx *c, const struct reg_in *g)
{
	enum bp_err rc = layer_access_area(c, g->post_id);
	if (rc)
		return rc;
	struct db_rows *r = NULL;
	if ((rc = db_query_one(c->db, "SELECT kind, code FROM units WHERE id = $1", DB_ARGS(DB_S(g->post_id)),
			       &r, &c->err)))
		return rc;
	if (strcmp(db_text(r, 0), "border_post"))
		rc = err_field(&c->err, "unit_not_post", "post");
	db_rows_free(r);
	for (size_t i = 0; !rc && i < g->nseg; i++) {
		const struct reg_segment *s = &g->seg[i];
		char d[80];
		if (!s->found)
			rc = err_set(&c->err, "segment_not_found", s->id);
		else if (!(rc = layer_access_area(c, s->unit_id)) && s->m > s->len_m) {
			snprintf(d, sizeof(d), "%.3f > %.3f", (double)s->m / 1000.0, (double)s->len_m / 1000.0);
			rc = err_set(&c->err, "registration_km_exceeds", d);
			snprintf(c->err.field, sizeof(c->err.field), "segments");
		}
	}
	for (size_t i = 0; !rc && i < g->nmark; i++) {
		if (!g->mark[i].found)
			rc = err_set(&c->err, "marker_not_found", g->mark[i].id);
		else
			rc = layer_access_area(c, g->mark[i].unit_id);
	}
	return rc;
}

static long long reg_km_m(const struct reg_in *g)
{
	long long m = 0;
	for (size_t i = 0; i < g->nseg; i++)
		m += g->seg[i].m;
	return m;
}

static enum bp_err reg_write_children(struct ctx *c, const char *id, const struct reg_in *g)
{
	enum bp_err rc = db_exec(c->db, "DELETE FROM registration_segments WHERE registration_id = $1",
				 DB_ARGS(DB_S(id)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "DELETE FROM registration_markers WHERE registration_id = $1",
			     DB_ARGS(DB_S(id)), NULL, &c->err);
	for (size_t i = 0; !rc && i < g->nseg; i++)
		rc = db_exec(c->db, "INSERT INTO registration_segments (registration_id, segment_id, km_m)"
			     " VALUES ($1, $2, $3)", DB_ARGS(DB_S(id), DB_S(g->seg[i].id), DB_I(g->seg[i].m)),
			     NULL, &c->err);
	for (size_t i = 0; !rc && i < g->nmark; i++)
		rc = db_exec(c->db, "INSERT INTO registration_markers (registration_id, marker_id) VALUES ($1, $2)",
			     DB_ARGS(DB_S(id), DB_S(g->mark[i].id)), NULL, &c->err);
	return rc;
}

static enum bp_err reg_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			      const char *now)
{
	const struct reg_in *g = rec;
	enum bp_err rc = reg_check(c, g);
	if (!rc)
		rc = db_exec(c->db,
			"INSERT INTO registrations (id, household_id, unit_id, post_id, date_from, date_to, km_m,"
			" notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
			DB_ARGS(DB_S(id), DB_S(g->household), DB_S(unit_id), DB_S(g->post_id), DB_S(g->date_from),
				DB_S(g->date_to), DB_I(reg_km_m(g)), DB_S(g->notes), DB_S(now)), NULL, &c->err);
	if (!rc)
		rc = reg_write_children(c, id, g);
	return rc;
}

static enum bp_err reg_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			      const char *now)
{
	const struct reg_in *g = rec;
	enum bp_err rc = reg_check(c, g);
	if (!rc)
		rc = db_exec(c->db,
			"UPDATE registrations SET household_id = $2, unit_id = $3, post_id = $4, date_from = $5,"
			" date_to = $6, km_m = $7, notes = $8, updated_at = $9 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(g->household), DB_S(unit_id), DB_S(g->post_id), DB_S(g->date_from),
				DB_S(g->date_to), DB_I(reg_km_m(g)), DB_S(g->notes), DB_S(now)), NULL, &c->err);
	if (!rc)
		rc = reg_write_children(c, id, g);
	return rc;
}

static const char *const reg_patch_keys[] = { "household", "post", "date_from", "date_to", "segments", "markers",
					      "notes", NULL };

static const struct layer_ops reg_ops = {
	.entity = "registration", .not_found = "registration_not_found", .unit_key = "unit",
	.post_only = false, .patch_keys = reg_patch_keys, .load = reg_load, .as_input = reg_as_input,
	.read = reg_read, .same = reg_same, .insert = reg_insert, .update = reg_update, .release = reg_release,
};

enum bp_err registration_get(struct ctx *c, const char *id, json_t **out)
{
	return layer_get(c, &reg_ops, id, out);
}

enum bp_err registration_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			     json_t **out, enum layer_done *done)
{
	struct reg_in g;
	return layer_put(c, &reg_ops, &g, id, in, mode, out, done);
}

/* Adds every item's segments and markers. */
static enum bp_err reg_items_children(struct ctx *c, json_t *items)
{
	size_t i;
	json_t *o;
	enum bp_err rc = BP_OK;
	json_array_foreach(items, i, o)
		if ((rc = reg_children(c, o)))
			break;
	return rc;
}

enum bp_err registration_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			      json_t **out)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37] = "";
	char *pattern = NULL;
	*out = NULL;
	buf_init(&sql, 8192);
	enum bp_err rc = people_list_start(c, REG_SELECT, f->unit, &sql, args, &next, unit_id);
	if (!rc && f->household) {
		if (!text_uuid_valid(f->household))
			rc = err_field(&c->err, "id_invalid", "household");
		buf_addf(&sql, " AND x.household_id = $%d", next);
		args[next++ - 1] = DB_S(f->household);
	}
	if (!rc && f->kind) {
		if (strcmp(f->kind, "household") && strcmp(f->kind, "collective"))
			rc = err_field(&c->err, "enum_invalid", "kind");
		buf_addf(&sql, " AND h.kind = $%d", next);
		args[next++ - 1] = DB_S(f->kind);
	}
	if (!rc && f->active_on) {
		if (!date_valid(f->active_on))
			rc = err_field(&c->err, "date_invalid", "active_on");
		buf_addf(&sql, " AND x.date_from <= $%d AND (x.date_to IS NULL OR x.date_to >= $%d)", next, next);
		args[next++ - 1] = DB_S(f->active_on);
	}
	if (!rc) {
		static const char *const cols[] = { "h.name", "x.notes", NULL };
		people_q_sql(f->q, cols, &sql, args, &next, &pattern);
		rc = people_list_page(c, &sql, args, next, cursor, limit, reg_row_json, out);
	}
	if (!rc && (rc = reg_items_children(c, json_object_get(*out, "items")))) {
		json_decref(*out);
		*out = NULL;
	}
	free(pattern);
	buf_release(&sql);
	return rc;
}

enum bp_err registration_list_of(struct ctx *c, const char *household_id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = json_array();
	enum bp_err rc = db_query(c->db, REG_SELECT " WHERE x.household_id = $1 ORDER BY x.date_from DESC, x.id",
				  DB_ARGS(DB_S(household_id)), &r, &c->err);
	int st = 0;
	while (!rc && (st = db_next(r, &c->err)) > 0)
		json_array_append_new(*out, reg_row_json(r));
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	if (!rc)
		rc = reg_items_children(c, *out);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static enum bp_err reg_remove(struct ctx *c, const char *id)
{
	enum bp_err rc = db_exec(c->db, "DELETE FROM registration_segments WHERE registration_id = $1",
				 DB_ARGS(DB_S(id)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "DELETE FROM registration_markers WHERE registration_id = $1",
			     DB_ARGS(DB_S(id)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "DELETE FROM registrations WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
	return rc;
}

enum bp_err registration_delete(struct ctx *c, const char *id)
{
	return people_delete(c, &reg_ops, id, reg_remove);
}

enum bp_err registration_delete_of_household(struct ctx *c, const char *household_id)
{
	json_t *regs = NULL;
	enum bp_err rc = registration_list_of(c, household_id, &regs);
	size_t i;
	json_t *o;
	json_array_foreach(regs, i, o) {
		const char *id = json_string_value(json_object_get(o, "id"));
		if (rc || (rc = reg_remove(c, id)) ||
		    (rc = audit_record(c, "registration", id, layer_unit_id_of(o, "unit"), "delete", o, NULL)))
			break;
	}
	json_decref(regs);
	return rc;
}
