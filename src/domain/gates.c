/*
 * gates.c - border gates and openings; see gates.h. The write follows
 * layer_put (layer.c): one transaction with its audit row, a retried
 * create answered with the stored gate.
 */
#include <stdio.h>
#include <string.h>

#include "domain/access.h"
#include "domain/gates.h"
#include "util/buf.h"
#include "util/json.h"

static const char *const gate_kinds[] = { "international", "main", "secondary", "opening", NULL };

struct gate_in {
	const char *name, *kind, *border, *notes;
	double lon, lat;
};

#define GATE_SELECT \
	"SELECT x.id, x.name, x.kind, x.border, x.lon, x.lat, x.notes, x.unit_id, u.code, u.name," \
	" x.created_at, x.updated_at FROM gates x JOIN units u ON u.id = x.unit_id"

static json_t *gate_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "name", db_text(r, 1));
	json_set_str(o, "kind", db_text(r, 2));
	json_set_str(o, "border", db_text(r, 3));
	json_object_set_new(o, "lon", json_real(db_real(r, 4)));
	json_object_set_new(o, "lat", json_real(db_real(r, 5)));
	json_set_str(o, "notes", db_text(r, 6));
	json_object_set_new(o, "unit", layer_unit_json(db_text(r, 7), db_text(r, 8), db_text(r, 9)));
	json_set_str(o, "created_at", db_text(r, 10));
	json_set_str(o, "updated_at", db_text(r, 11));
	return o;
}

static enum bp_err gate_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, GATE_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "gate_not_found", NULL);
	if (rc)
		return rc;
	*out = gate_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static json_t *gate_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "name", "kind", "border", "lon", "lat", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "unit", json_string(layer_unit_id_of(s, "unit")));
	return in;
}

static enum bp_err gate_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "name", "kind", "border", "lon", "lat", "notes", "unit", NULL };
	struct gate_in *g = rec;
	enum bp_err rc;
	memset(g, 0, sizeof(*g));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_str(in, "name", true, LAYER_NAME_MAX, &g->name, &c->err)) ||
	    (rc = layer_get_enum(in, "kind", true, gate_kinds, NULL, &g->kind, &c->err)) ||
	    (rc = layer_get_enum(in, "border", true, layer_borders, "border_invalid", &g->border, &c->err)) ||
	    (rc = layer_get_point(in, &g->lon, &g->lat, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &g->notes, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, unit, &c->err)))
		return rc;
	return BP_OK;
}

static bool gate_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct gate_in *g = rec;
	return layer_same_str(s, "name", g->name) && layer_same_str(s, "kind", g->kind) &&
	       layer_same_str(s, "border", g->border) && layer_same_num(s, "lon", true, g->lon) &&
	       layer_same_num(s, "lat", true, g->lat) && layer_same_str(s, "notes", g->notes) &&
	       !strcmp(layer_unit_id_of(s, "unit"), unit_id);
}

static enum bp_err gate_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			       const char *now)
{
	const struct gate_in *g = rec;
	return db_exec(c->db,
		"INSERT INTO gates (id, name, kind, border, lon, lat, notes, unit_id, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
		DB_ARGS(DB_S(id), DB_S(g->name), DB_S(g->kind), DB_S(g->border), DB_R(g->lon), DB_R(g->lat),
			DB_S(g->notes), DB_S(unit_id), DB_S(now)), NULL, &c->err);
}

static enum bp_err gate_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			       const char *now)
{
	const struct gate_in *g = rec;
	return db_exec(c->db,
		"UPDATE gates SET name = $2, kind = $3, border = $4, lon = $5, lat = $6, notes = $7,"
		" unit_id = $8, updated_at = $9 WHERE id = $1",
		DB_ARGS(DB_S(id), DB_S(g->name), DB_S(g->kind), DB_S(g->border), DB_R(g->lon), DB_R(g->lat),
			DB_S(g->notes), DB_S(unit_id), DB_S(now)), NULL, &c->err);
}

static const char *const gate_patch_keys[] = { "name", "kind", "border", "lon", "lat", "notes", "unit", NULL };

static const struct layer_ops gate_ops = {
	.entity = "gate", .table = "gates", .not_found = "gate_not_found", .unit_key = "unit", .post_only = false, .area_read = true,
	.patch_keys = gate_patch_keys, .load = gate_load, .as_input = gate_as_input, .read = gate_read,
	.same = gate_same, .insert = gate_insert, .update = gate_update,
};

enum bp_err gate_get(struct ctx *c, const char *id, json_t **out)
{
	return layer_get(c, &gate_ops, id, out);
}

enum bp_err gate_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		     json_t **out, enum layer_done *done)
{
	struct gate_in g;
	return layer_put(c, &gate_ops, &g, id, in, mode, out, done);
}

enum bp_err gate_delete(struct ctx *c, const char *id)
{
	return layer_delete(c, &gate_ops, id, "record_in_use");
}

enum bp_err gate_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done)
{
	struct gate_in g;
	return layer_put_bulk(b, &gate_ops, &g, in, done);
}

/* The query of a list or an export: scope, filters; *nargs gets the count. */
static const struct layer_query gate_q = {
	.select = GATE_SELECT, .area = true, .points = true, .has_condition = false,
	.row_json = gate_row_json,
};

enum bp_err gate_list(struct ctx *c, const struct registry_filter *f, int limit,
		      const char *cursor, json_t **out)
{
	return layer_list_page(c, &gate_q, f, limit, cursor, out);
}

enum bp_err gate_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg)
{
	struct db_rows *r = NULL;
	enum bp_err rc = layer_list_query(c, &gate_q, f, NULL, 0, &r);
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		struct geo_pos pos = { .lon = db_real(r, 4), .lat = db_real(r, 5) };
		struct feature ft = { .type = GEOM_POINT, .pos = &pos, .npos = 1, .props = json_object() };
		json_set_str(ft.props, "id", db_text(r, 0));
		json_set_str(ft.props, "name", db_text(r, 1));
		json_set_str(ft.props, "kind", db_text(r, 2));
		json_set_str(ft.props, "border", db_text(r, 3));
		json_set_str(ft.props, "notes", db_text(r, 6));
		json_set_str(ft.props, "unit", db_text(r, 8));
		rc = fn(arg, &ft, &c->err);
		json_decref(ft.props);
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}
