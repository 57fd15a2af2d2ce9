/*
 * segments.c - border line segments between markers; see segments.h.
 * The write follows layer_put (layer.c). The length is the geodesic
 * length of the geometry, computed at every write, to the metre.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/segments.h"
#include "geo/geometry.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

static const char *const segment_kinds[] = { "land", "river", NULL };

struct segment_in {
	const char *border, *kind, *notes;
	char from[37], to[37]; /* marker ids; to is "" for none */
	struct geo_pos *pos;
	size_t npos;
};

#define SEGMENT_SELECT \
	"SELECT x.id, x.border, x.from_marker, mf.number, x.to_marker, mt.number, x.kind, x.geometry," \
	" x.length_km, x.min_lon, x.min_lat, x.max_lon, x.max_lat, x.notes, x.unit_id, u.code, u.name," \
	" x.created_at, x.updated_at FROM segments x JOIN units u ON u.id = x.unit_id" \
	" JOIN markers mf ON mf.id = x.from_marker LEFT JOIN markers mt ON mt.id = x.to_marker"

static json_t *segment_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "border", db_text(r, 1));
	json_object_set_new(o, "from", json_pack("{s:s, s:s}", "id", db_text(r, 2), "number", db_text(r, 3)));
	json_object_set_new(o, "to", db_isnull(r, 4) ? json_null()
		: json_pack("{s:s, s:s}", "id", db_text(r, 4), "number", db_text(r, 5)));
	json_set_str(o, "kind", db_text(r, 6));
	json_object_set_new(o, "geometry", layer_line_json(db_text(r, 7)));
	json_object_set_new(o, "length_km", json_real(db_real(r, 8)));
	json_object_set_new(o, "bbox", json_pack("[f, f, f, f]", db_real(r, 9), db_real(r, 10),
						 db_real(r, 11), db_real(r, 12)));
	json_set_str(o, "notes", db_text(r, 13));
	json_object_set_new(o, "post", layer_unit_json(db_text(r, 14), db_text(r, 15), db_text(r, 16)));
	json_set_str(o, "created_at", db_text(r, 17));
	json_set_str(o, "updated_at", db_text(r, 18));
	return o;
}

static enum bp_err segment_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, SEGMENT_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "segment_not_found", NULL);
	if (rc)
		return rc;
	*out = segment_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static json_t *segment_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "border", "kind", "geometry", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set(in, "from", json_object_get(json_object_get(s, "from"), "id"));
	json_t *to = json_object_get(s, "to");
	if (json_is_object(to))
		json_object_set(in, "to", json_object_get(to, "id"));
	json_object_set_new(in, "post", json_string(layer_unit_id_of(s, "post")));
	return in;
}

/*
 * A marker named by id or by its number on border, with its position. The
 * marker may belong to the next post's stretch, so no scope is asked.
 */
static enum bp_err marker_ref(struct ctx *c, const char *border, const char *key, const char *ref,
			      char id[37], struct geo_pos *pos)
{
	struct db_rows *r = NULL;
	enum bp_err rc = text_uuid_valid(ref)
		? db_query_one(c->db, "SELECT id, border, lon, lat FROM markers WHERE id = $1",
			       DB_ARGS(DB_S(ref)), &r, &c->err)
		: db_query_one(c->db, "SELECT id, border, lon, lat FROM markers WHERE number = $1 AND border = $2",
			       DB_ARGS(DB_S(ref), DB_S(border)), &r, &c->err);
	if (rc == BP_ENOTFOUND) {
		rc = err_set(&c->err, "marker_not_found", ref);
		snprintf(c->err.field, sizeof(c->err.field), "%s", key);
		return rc;
	}
	if (rc)
		return rc;
	bool same_border = !strcmp(db_text(r, 1), border);
	snprintf(id, 37, "%s", db_text(r, 0));
	pos->lon = db_real(r, 2);
	pos->lat = db_real(r, 3);
	pos->has_ele = false;
	db_rows_free(r);
	if (!same_border) {
		rc = err_set(&c->err, "segment_marker_border", ref);
		snprintf(c->err.field, sizeof(c->err.field), "%s", key);
	}
	return rc;
}

static enum bp_err segment_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "border", "from", "to", "kind", "geometry", "notes",
		"post", NULL };
	struct segment_in *d = rec;
	const char *from = NULL, *to = NULL;
	struct geo_pos pf, pt;
	enum bp_err rc;
	memset(d, 0, sizeof(*d));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = layer_get_enum(in, "border", true, layer_borders, "border_invalid", &d->border, &c->err)) ||
	    (rc = json_get_str(in, "from", true, 64, &from, &c->err)) ||
	    (rc = json_get_str(in, "to", false, 64, &to, &c->err)) ||
	    (rc = layer_get_enum(in, "kind", false, segment_kinds, NULL, &d->kind, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &d->notes, &c->err)) ||
	    (rc = json_get_str(in, "post", true, 64, unit, &c->err)))
		return rc;
	if (!d->kind)
		d->kind = "land";
	json_t *g = json_object_get(in, "geometry");
	bool has_geometry = g && !json_is_null(g);
	/* Shape first, then the markers: the input's own faults come first. */
	if (has_geometry && (rc = layer_get_line(in, "geometry", &d->pos, &d->npos, &c->err)))
		return rc;
	if (!(rc = marker_ref(c, d->border, "from", from, d->from, &pf)) && to)
		rc = marker_ref(c, d->border, "to", to, d->to, &pt);
	if (!rc && d->to[0] && !strcmp(d->from, d->to))
		rc = err_field(&c->err, "segment_same_marker", "to");
	if (!rc && !has_geometry) {
		/* Without a geometry, the straight line from marker to marker. */
		if (!d->to[0]) {
			rc = err_field(&c->err, "field_required", "geometry");
		} else {
			d->pos = xcalloc(2, sizeof(*d->pos));
			d->pos[0] = pf;
			d->pos[1] = pt;
			d->npos = 2;
			struct geo_region region;
			geo_region_get(&region);
			rc = geo_check_line(&region, d->pos, 2, "geometry", &c->err);
		}
	}
	if (rc) {
		free(d->pos);
		d->pos = NULL;
	}
	return rc;
}

static void segment_release(void *rec)
{
	struct segment_in *d = rec;
	free(d->pos);
	d->pos = NULL;
}

static bool segment_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct segment_in *d = rec;
	json_t *to = json_object_get(s, "to");
	const char *to_id = json_is_object(to) ? json_string_value(json_object_get(to, "id")) : NULL;
	return layer_same_str(s, "border", d->border) && layer_same_str(s, "kind", d->kind) &&
	       layer_same_str(json_object_get(s, "from"), "id", d->from) &&
	       ((!to_id && !d->to[0]) || (to_id && !strcmp(to_id, d->to))) &&
	       layer_same_line(json_object_get(s, "geometry"), d->pos, d->npos) &&
	       layer_same_str(s, "notes", d->notes) && !strcmp(layer_unit_id_of(s, "post"), unit_id);
}

static enum bp_err segment_write(struct ctx *c, const char *sql, const char *id,
				 const struct segment_in *d, const char *unit_id, const char *now)
{
	double bb[4];
	geo_bbox(d->pos, d->npos, bb);
	char *text = layer_line_text(d->pos, d->npos);
	enum bp_err rc = db_exec(c->db, sql,
		DB_ARGS(DB_S(id), DB_S(d->border), DB_S(d->from), DB_S(d->to[0] ? d->to : NULL), DB_S(d->kind),
			DB_S(text), DB_R(layer_length_km(d->pos, d->npos)), DB_R(bb[0]), DB_R(bb[1]),
			DB_R(bb[2]), DB_R(bb[3]), DB_S(d->notes), DB_S(unit_id), DB_S(now)),
		NULL, &c->err);
	free(text);
	return rc;
}

static enum bp_err segment_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				  const char *now)
{
	return segment_write(c,
		"INSERT INTO segments (id, border, from_marker, to_marker, kind, geometry, length_km,"
		" min_lon, min_lat, max_lon, max_lat, notes, unit_id, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
		id, rec, unit_id, now);
}

static enum bp_err segment_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				  const char *now)
{
	return segment_write(c,
		"UPDATE segments SET border = $2, from_marker = $3, to_marker = $4, kind = $5, geometry = $6,"
		" length_km = $7, min_lon = $8, min_lat = $9, max_lon = $10, max_lat = $11, notes = $12,"
		" unit_id = $13, updated_at = $14 WHERE id = $1",
		id, rec, unit_id, now);
}

static const char *const segment_patch_keys[] = { "border", "from", "to", "kind", "geometry", "notes",
	"post", NULL };

static const struct layer_ops segment_ops = {
	.entity = "segment", .table = "segments", .not_found = "segment_not_found", .unit_key = "post", .post_only = true, .area_read = true,
	.patch_keys = segment_patch_keys, .load = segment_load, .as_input = segment_as_input,
	.read = segment_read, .same = segment_same, .insert = segment_insert, .update = segment_update,
	.release = segment_release,
};

enum bp_err segment_get(struct ctx *c, const char *id, json_t **out)
{
	return layer_get(c, &segment_ops, id, out);
}

enum bp_err segment_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			json_t **out, enum layer_done *done)
{
	struct segment_in d;
	return layer_put(c, &segment_ops, &d, id, in, mode, out, done);
}

enum bp_err segment_delete(struct ctx *c, const char *id)
{
	return layer_delete(c, &segment_ops, id, "record_in_use");
}

enum bp_err segment_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done)
{
	struct segment_in d;
	return layer_put_bulk(b, &segment_ops, &d, in, done);
}

static const struct layer_query segment_q = {
	.select = SEGMENT_SELECT, .area = true, .points = false, .has_condition = false,
	.row_json = segment_row_json,
};

enum bp_err segment_list(struct ctx *c, const struct registry_filter *f, int limit,
		      const char *cursor, json_t **out)
{
	return layer_list_page(c, &segment_q, f, limit, cursor, out);
}

enum bp_err segment_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg)
{
	struct db_rows *r = NULL;
	enum bp_err rc = layer_list_query(c, &segment_q, f, NULL, 0, &r);
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		struct feature ft = { .type = GEOM_LINESTRING, .props = json_object() };
		if (!layer_line_parse(db_text(r, 7), &ft.pos, &ft.npos)) {
			json_decref(ft.props);
			rc = err_set(&c->err, "internal", " (stored segment geometry)");
			break;
		}
		json_set_str(ft.props, "id", db_text(r, 0));
		json_set_str(ft.props, "border", db_text(r, 1));
		json_set_str(ft.props, "from", db_text(r, 3));
		json_set_str(ft.props, "to", db_text(r, 5));
		json_set_str(ft.props, "kind", db_text(r, 6));
		json_object_set_new(ft.props, "length_km", json_real(db_real(r, 8)));
		json_set_str(ft.props, "notes", db_text(r, 13));
		json_set_str(ft.props, "post", db_text(r, 15));
		rc = fn(arg, &ft, &c->err);
		feature_release(&ft);
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}
