/*
 * map.c - the map's FeatureCollection; see map.h. It reads through
 * registry_export, the same scoped queries as the exports, and turns each
 * feature into GeoJSON. Positions are [lon, lat] as RFC 7946 wants (a
 * marker's height as the third number); the collection has no "crs",
 * which RFC 7946 removed: WGS84 is the only one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/map.h"
#include "util/buf.h"

enum bp_err map_bbox_parse(struct ctx *c, const char *s, struct registry_filter *f)
{
	double v[4];
	const char *p = s;
	for (int i = 0; i < 4; i++) {
		char *end = NULL;
		v[i] = strtod(p, &end);
		if (end == p || !isfinite(v[i]) || (i < 3 && *end != ',') || (i == 3 && *end))
			return err_field(&c->err, "bbox_invalid", "bbox");
		p = end + (i < 3);
	}
	if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
		return err_field(&c->err, "bbox_invalid", "bbox");
	f->has_bbox = true;
	f->west = v[0];
	f->south = v[1];
	f->east = v[2];
	f->north = v[3];
	return BP_OK;
}

struct map_acc {
	json_t *features;
	const char *layer;
	bool truncated;
};

static json_t *position(const struct geo_pos *p, bool with_ele)
{
	return with_ele && p->has_ele ? json_pack("[f, f, f]", p->lon, p->lat, p->ele)
				      : json_pack("[f, f]", p->lon, p->lat);
}

static enum bp_err map_add(void *arg, const struct feature *f, struct bp_error *e)
{
	(void)e;
	struct map_acc *a = arg;
	if (json_array_size(a->features) >= MAP_MAX_FEATURES) {
		a->truncated = true;
		return BP_OK;
	}
	json_t *geom;
	if (f->type == GEOM_POINT) {
		geom = json_pack("{s:s, s:o}", "type", "Point", "coordinates", position(&f->pos[0], true));
	} else {
		json_t *coords = json_array();
		for (size_t i = 0; i < f->npos; i++)
			json_array_append_new(coords, position(&f->pos[i], false));
		geom = json_pack("{s:s, s:o}", "type", "LineString", "coordinates", coords);
	}
	json_t *props = json_deep_copy(f->props);
	json_object_set_new(props, "layer", json_string(a->layer));
	json_t *ft = json_pack("{s:s, s:O, s:o, s:o}", "type", "Feature", "id",
			       json_object_get(f->props, "id"), "geometry", geom, "properties", props);
	json_array_append_new(a->features, ft);
	return BP_OK;
}

/*
 * The unit of each feature ("post" of markers and segments, "unit" of
 * gates and roads) as {id, code, name}, as the layers' own lists give it:
 * the exports the features come from name it by its code alone, as a
 * file does. Asked once a unit, after the features are read.
 */
static enum bp_err map_units(struct ctx *c, json_t *features)
{
	json_t *known = json_object();
	enum bp_err rc = BP_OK;
	size_t i;
	json_t *f;
	json_array_foreach(features, i, f) {
		json_t *props = json_object_get(f, "properties");
		const char *key = json_object_get(props, "post") ? "post" : "unit";
		const char *code = json_string_value(json_object_get(props, key));
		if (!code)
			continue;
		json_t *u = json_object_get(known, code);
		if (!u) {
			struct db_rows *r = NULL;
			rc = db_query_one(c->db, "SELECT id, name FROM units WHERE code = $1", DB_ARGS(DB_S(code)),
					  &r, &c->err);
			if (rc)
				break;
			u = json_pack("{s:s, s:s, s:s}", "id", db_text(r, 0), "code", code, "name", db_text(r, 1));
			db_rows_free(r);
			json_object_set_new(known, code, u);
		}
		json_object_set(props, key, u);
	}
	json_decref(known);
	return rc;
}

enum bp_err map_collection(struct ctx *c, const struct registry_filter *f, const char *layers_csv,
			   json_t **out)
{
	static const char *const all[] = { "markers", "segments", "gates", "roads" };
	bool want[4] = { true, true, true, true };
	*out = NULL;
	if (layers_csv) {
		memset(want, 0, sizeof(want));
		const char *p = layers_csv;
		while (true) {
			size_t n = strcspn(p, ",");
			bool found = false;
			for (int i = 0; i < 4; i++)
				if (strlen(all[i]) == n && !strncmp(all[i], p, n))
					want[i] = found = true;
			if (!found) {
				char d[40];
				snprintf(d, sizeof(d), "%.32s", layers_csv);
				return err_set(&c->err, "layers_invalid", d);
			}
			if (!p[n])
				break;
			p += n + 1;
		}
	}
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	struct map_acc acc = { .features = json_array() };
	for (int i = 0; !rc && i < 4; i++) {
		if (!want[i])
			continue;
		acc.layer = all[i];
		rc = registry_export(c, all[i], f, map_add, &acc);
	}
	if (!rc)
		rc = map_units(c, acc.features);
	if (rc) {
		json_decref(acc.features);
		return rc;
	}
	*out = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", acc.features);
	if (f->has_bbox)
		json_object_set_new(*out, "bbox", json_pack("[f, f, f, f]", f->west, f->south, f->east, f->north));
	if (acc.truncated)
		json_object_set_new(*out, "truncated", json_true());
	return BP_OK;
}
