/*
 * roads.c - patrol and marker-inspection roads; see roads.h. The write
 * follows layer_put (layer.c). The length is the geodesic length of the
 * geometry (geo_line_length_m), computed at every write, to the metre.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/roads.h"
#include "geo/geometry.h"
#include "util/buf.h"
#include "util/json.h"

static const char *const road_kinds[] = { "patrol", "marker_inspection", NULL };
static const char *const road_conditions[] = { "good", "damaged", "impassable", NULL };

struct road_in {
	const char *name, *kind, *built, *surface, *condition, *notes;
	struct geo_pos *pos;
	size_t npos;
	double cost, workdays;
	bool has_cost, has_workdays;
};

#define ROAD_SELECT \
	"SELECT x.id, x.name, x.kind, x.geometry, x.length_km, x.min_lon, x.min_lat, x.max_lon, x.max_lat," \
	" x.built, x.surface, x.condition, x.cost_vnd, x.workdays, x.notes, x.unit_id, u.code, u.name," \
	" x.created_at, x.updated_at FROM roads x JOIN units u ON u.id = x.unit_id"

static json_t *road_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "name", db_text(r, 1));
	json_set_str(o, "kind", db_text(r, 2));
	json_object_set_new(o, "geometry", layer_line_json(db_text(r, 3)));
	json_object_set_new(o, "length_km", json_real(db_real(r, 4)));
	json_object_set_new(o, "bbox", json_pack("[f, f, f, f]", db_real(r, 5), db_real(r, 6),
						 db_real(r, 7), db_real(r, 8)));
	json_set_str(o, "built", db_text(r, 9));
	json_set_str(o, "surface", db_text(r, 10));
	json_set_str(o, "condition", db_text(r, 11));
	json_object_set_new(o, "cost_vnd", db_isnull(r, 12) ? json_null() : json_integer(db_int(r, 12)));
	layer_set_num(o, "workdays", !db_isnull(r, 13), db_real(r, 13));
	json_set_str(o, "notes", db_text(r, 14));
	json_object_set_new(o, "unit", layer_unit_json(db_text(r, 15), db_text(r, 16), db_text(r, 17)));
	json_set_str(o, "created_at", db_text(r, 18));
	json_set_str(o, "updated_at", db_text(r, 19));
	return o;
}

static enum bp_err road_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, ROAD_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "road_not_found", NULL);
	if (rc)
		return rc;
	*out = road_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static json_t *road_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "name", "kind", "geometry", "built", "surface", "condition",
		"cost_vnd", "workdays", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "unit", json_string(layer_unit_id_of(s, "unit")));
	return in;
}

static enum bp_err road_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "name", "kind", "geometry", "built", "surface",
		"condition", "cost_vnd", "workdays", "notes", "unit", NULL };
	struct road_in *d = rec;
	enum bp_err rc;
	memset(d, 0, sizeof(*d));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_str(in, "name", true, LAYER_NAME_MAX, &d->name, &c->err)) ||
	    (rc = layer_get_enum(in, "kind", true, road_kinds, NULL, &d->kind, &c->err)) ||
	    (rc = json_get_date(in, "built", false, &d->built, &c->err)) ||
	    (rc = json_get_str(in, "surface", false, 64, &d->surface, &c->err)) ||
	    (rc = layer_get_enum(in, "condition", false, road_conditions, NULL, &d->condition, &c->err)) ||
	    (rc = layer_get_number(in, "cost_vnd", false, 0, 1e15, &d->cost, &d->has_cost, &c->err)) ||
	    (rc = layer_get_number(in, "workdays", false, 0, 1e9, &d->workdays, &d->has_workdays, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &d->notes, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, unit, &c->err)))
		return rc;
	if (d->has_cost && !json_is_integer(json_object_get(in, "cost_vnd")))
		return err_field(&c->err, "number_invalid", "cost_vnd"); /* whole đồng */
	if (d->built && strcmp(d->built, c->today) > 0)
		return err_field(&c->err, "date_future", "built");
	d->workdays = (double)(long long)(d->workdays * 100 + 0.5) / 100;
	return layer_get_line(in, "geometry", &d->pos, &d->npos, &c->err);
}

static void road_release(void *rec)
{
	struct road_in *d = rec;
	free(d->pos);
	d->pos = NULL;
}

static bool road_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct road_in *d = rec;
	return layer_same_str(s, "name", d->name) && layer_same_str(s, "kind", d->kind) &&
	       layer_same_line(json_object_get(s, "geometry"), d->pos, d->npos) &&
	       layer_same_str(s, "built", d->built) && layer_same_str(s, "surface", d->surface) &&
	       layer_same_str(s, "condition", d->condition) &&
	       layer_same_num(s, "cost_vnd", d->has_cost, d->cost) &&
	       layer_same_num(s, "workdays", d->has_workdays, d->workdays) &&
	       layer_same_str(s, "notes", d->notes) && !strcmp(layer_unit_id_of(s, "unit"), unit_id);
}

/* Insert and update share their columns: $1 id ... $17 now. */
static enum bp_err road_write(struct ctx *c, const char *sql, const char *id, const struct road_in *d,
			      const char *unit_id, const char *now)
{
	double bb[4];
	geo_bbox(d->pos, d->npos, bb);
	char *text = layer_line_text(d->pos, d->npos);
	enum bp_err rc = db_exec(c->db, sql,
		DB_ARGS(DB_S(id), DB_S(d->name), DB_S(d->kind), DB_S(text),
			DB_R(layer_length_km(d->pos, d->npos)), DB_R(bb[0]), DB_R(bb[1]), DB_R(bb[2]),
			DB_R(bb[3]), DB_S(d->built), DB_S(d->surface), DB_S(d->condition),
			d->has_cost ? DB_I((long long)d->cost) : DB_NUL,
			d->has_workdays ? DB_R(d->workdays) : DB_NUL, DB_S(d->notes), DB_S(unit_id), DB_S(now)),
		NULL, &c->err);
	free(text);
	return rc;
}

static enum bp_err road_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			       const char *now)
{
	return road_write(c,
		"INSERT INTO roads (id, name, kind, geometry, length_km, min_lon, min_lat, max_lon, max_lat,"
		" built, surface, condition, cost_vnd, workdays, notes, unit_id, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)",
		id, rec, unit_id, now);
}

static enum bp_err road_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			       const char *now)
{
	return road_write(c,
		"UPDATE roads SET name = $2, kind = $3, geometry = $4, length_km = $5, min_lon = $6,"
		" min_lat = $7, max_lon = $8, max_lat = $9, built = $10, surface = $11, condition = $12,"
		" cost_vnd = $13, workdays = $14, notes = $15, unit_id = $16, updated_at = $17 WHERE id = $1",
		id, rec, unit_id, now);
}

static const char *const road_patch_keys[] = { "name", "kind", "geometry", "built", "surface",
	"condition", "cost_vnd", "workdays", "notes", "unit", NULL };

static const struct layer_ops road_ops = {
	.entity = "road", .table = "roads", .not_found = "road_not_found", .unit_key = "unit", .post_only = false, .area_read = true,
	.patch_keys = road_patch_keys, .load = road_load, .as_input = road_as_input, .read = road_read,
	.same = road_same, .insert = road_insert, .update = road_update, .release = road_release,
};

enum bp_err road_get(struct ctx *c, const char *id, json_t **out)
{
	return layer_get(c, &road_ops, id, out);
}

enum bp_err road_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		     json_t **out, enum layer_done *done)
{
	struct road_in d;
	return layer_put(c, &road_ops, &d, id, in, mode, out, done);
}

enum bp_err road_delete(struct ctx *c, const char *id)
{
	return layer_delete(c, &road_ops, id, "record_in_use");
}

enum bp_err road_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done)
{
	struct road_in d;
	return layer_put_bulk(b, &road_ops, &d, in, done);
}

static const struct layer_query road_q = {
	.select = ROAD_SELECT, .area = true, .points = false, .has_condition = true,
	.row_json = road_row_json,
};

/* A condition filter names one of the roads' conditions. */
static enum bp_err road_filter_check(struct ctx *c, const struct registry_filter *f)
{
	if (!f->condition)
		return BP_OK;
	for (const char *const *k = road_conditions; *k; k++)
		if (!strcmp(*k, f->condition))
			return BP_OK;
	return err_field(&c->err, "enum_invalid", "condition");
}

enum bp_err road_list(struct ctx *c, const struct registry_filter *f, int limit,
		      const char *cursor, json_t **out)
{
	*out = NULL;
	enum bp_err rc = road_filter_check(c, f);
	return rc ? rc : layer_list_page(c, &road_q, f, limit, cursor, out);
}

enum bp_err road_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg)
{
	struct db_rows *r = NULL;
	enum bp_err rc = road_filter_check(c, f);
	if (!rc)
		rc = layer_list_query(c, &road_q, f, NULL, 0, &r);
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		struct feature ft = { .type = GEOM_LINESTRING, .props = json_object() };
		if (!layer_line_parse(db_text(r, 3), &ft.pos, &ft.npos)) {
			json_decref(ft.props);
			rc = err_set(&c->err, "internal", " (stored road geometry)");
			break;
		}
		json_set_str(ft.props, "id", db_text(r, 0));
		json_set_str(ft.props, "name", db_text(r, 1));
		json_set_str(ft.props, "kind", db_text(r, 2));
		json_object_set_new(ft.props, "length_km", json_real(db_real(r, 4)));
		json_set_str(ft.props, "built", db_text(r, 9));
		json_set_str(ft.props, "surface", db_text(r, 10));
		json_set_str(ft.props, "condition", db_text(r, 11));
		json_object_set_new(ft.props, "cost_vnd", db_isnull(r, 12) ? json_null() : json_integer(db_int(r, 12)));
		layer_set_num(ft.props, "workdays", !db_isnull(r, 13), db_real(r, 13));
		json_set_str(ft.props, "notes", db_text(r, 14));
		json_set_str(ft.props, "unit", db_text(r, 16));
		rc = fn(arg, &ft, &c->err);
		feature_release(&ft);
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}
