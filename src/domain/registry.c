/*
 * registry.c - the border registry as imports and exports see it; see
 * registry.h. Each feature of an import becomes the same JSON input the
 * API takes and goes through the same write (marker_put, segment_put ...)
 * as a PUT with the feature's id, inside the one transaction the import
 * holds, so a file is checked by exactly the rules of a form, and the same
 * file imported twice stores once.
 *
 * What the file formats bring differs from the API's JSON: properties of
 * KML and CSV are all strings, an empty CSV cell means "nothing", a
 * marker's height may be the position's third number, and an export's own
 * length_km (computed, never taken) and the map's "layer" come back when a
 * file is imported again. Those are mended here, and nowhere else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/gates.h"
#include "domain/markers.h"
#include "domain/registry.h"
#include "domain/roads.h"
#include "domain/segments.h"
#include "geo/formats.h"
#include "util/xmalloc.h"

static const char *const layers[] = { "markers", "segments", "gates", "roads", NULL };

bool registry_layer_valid(const char *layer)
{
	for (const char *const *l = layers; layer && *l; l++)
		if (!strcmp(*l, layer))
			return true;
	return false;
}

struct registry_import {
	struct ctx *c;
	char layer[16];
	long created, updated, unchanged;
};

enum bp_err registry_import_begin(struct ctx *c, const char *layer, struct registry_import **out)
{
	*out = NULL;
	if (!registry_layer_valid(layer))
		return err_set(&c->err, "layer_unknown", layer);
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (!rc)
		rc = db_begin(c->db, &c->err);
	if (rc)
		return rc;
	struct registry_import *imp = xcalloc(1, sizeof(*imp));
	imp->c = c;
	snprintf(imp->layer, sizeof(imp->layer), "%s", layer);
	*out = imp;
	return BP_OK;
}

/* Properties whose values are numbers, when a format gives them as text. */
static bool numeric_key(const char *k)
{
	return !strcmp(k, "elevation") || !strcmp(k, "cost_vnd") || !strcmp(k, "workdays");
}

/* The API input of a feature; NULL with c->err filled when it cannot be one. */
static json_t *feature_input(struct ctx *c, const char *layer, const struct feature *f)
{
	bool point = !strcmp(layer, "markers") || !strcmp(layer, "gates");
	if ((point && f->type != GEOM_POINT) || (!point && f->type != GEOM_LINESTRING) || !f->npos) {
		err_set(&c->err, "geometry_layer", layer);
		return NULL;
	}
	json_t *in = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(f->props, key, v) {
		if (!strcmp(key, "length_km"))
			continue; /* computed from the geometry, never taken */
		if (!strcmp(key, "layer") && json_is_string(v) && !strcmp(json_string_value(v), layer))
			continue;
		if (json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
			continue;
		if (json_is_string(v) && numeric_key(key)) {
			double d;
			const char *s = json_string_value(v);
			if (!geo_parse_num(s, strlen(s), &d)) {
				err_field(&c->err, "number_invalid", key);
				json_decref(in);
				return NULL;
			}
			bool whole = d == (double)(long long)d && !strcmp(key, "cost_vnd");
			json_object_set_new(in, key, whole ? json_integer((json_int_t)d) : json_real(d));
			continue;
		}
		json_object_set(in, key, v);
	}
	/* A KML placemark or a GPX waypoint names a marker by its number. */
	if (!strcmp(layer, "markers") && !json_object_get(in, "number") &&
	    json_is_string(json_object_get(in, "name"))) {
		json_object_set(in, "number", json_object_get(in, "name"));
		json_object_del(in, "name");
	}
	if (point) {
		json_object_set_new(in, "lon", json_real(f->pos[0].lon));
		json_object_set_new(in, "lat", json_real(f->pos[0].lat));
		if (!strcmp(layer, "markers") && f->pos[0].has_ele && !json_object_get(in, "elevation"))
			json_object_set_new(in, "elevation", json_real(f->pos[0].ele));
	} else {
		json_t *coords = json_array();
		for (size_t i = 0; i < f->npos; i++)
			json_array_append_new(coords, json_pack("[f, f]", f->pos[i].lon, f->pos[i].lat));
		json_object_set_new(in, "geometry", coords);
	}
	return in;
}

enum bp_err registry_import_feature(struct registry_import *imp, const struct feature *f, json_t *report)
{
	struct ctx *c = imp->c;
	json_t *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	enum bp_err rc;
	json_t *in = feature_input(c, imp->layer, f);
	if (!in) {
		rc = c->err.kind;
	} else if (!strcmp(imp->layer, "markers")) {
		rc = marker_put(c, NULL, in, LAYER_PUT, &out, &done);
	} else if (!strcmp(imp->layer, "segments")) {
		rc = segment_put(c, NULL, in, LAYER_PUT, &out, &done);
	} else if (!strcmp(imp->layer, "gates")) {
		rc = gate_put(c, NULL, in, LAYER_PUT, &out, &done);
	} else {
		rc = road_put(c, NULL, in, LAYER_PUT, &out, &done);
	}
	json_decref(in);
	json_decref(out);
	if (rc == BP_EINTERNAL || rc == BP_EUNAVAILABLE)
		return rc; /* the database failed: the import cannot go on */
	if (rc) {
		geo_report_add(report, f->where, &c->err);
		err_clear(&c->err);
		return BP_OK;
	}
	if (done == LAYER_CREATED)
		imp->created++;
	else if (done == LAYER_UPDATED)
		imp->updated++;
	else
		imp->unchanged++;
	return BP_OK;
}

enum bp_err registry_import_end(struct registry_import *imp, json_t *report, json_t **summary)
{
	struct ctx *c = imp->c;
	size_t bad = json_array_size(report);
	enum bp_err rc = BP_OK;
	if (bad) {
		char n[24];
		snprintf(n, sizeof(n), "%zu", bad);
		rc = err_set(&c->err, "import_rejected", n);
	}
	rc = db_end(c->db, rc, &c->err);
	if (summary)
		*summary = json_pack("{s:s, s:I, s:I, s:I}", "layer", imp->layer,
				     "created", (json_int_t)(rc ? 0 : imp->created),
				     "updated", (json_int_t)(rc ? 0 : imp->updated),
				     "unchanged", (json_int_t)(rc ? 0 : imp->unchanged));
	free(imp);
	return rc;
}

enum bp_err registry_export(struct ctx *c, const char *layer, const struct registry_filter *f,
			    feature_fn fn, void *arg)
{
	static const struct registry_filter none = { 0 };
	if (!f)
		f = &none;
	if (!layer || !strcmp(layer, "markers"))
		return layer ? marker_export(c, f, fn, arg) : err_set(&c->err, "layer_unknown", "");
	if (!strcmp(layer, "segments"))
		return segment_export(c, f, fn, arg);
	if (!strcmp(layer, "gates"))
		return gate_export(c, f, fn, arg);
	if (!strcmp(layer, "roads"))
		return road_export(c, f, fn, arg);
	return err_set(&c->err, "layer_unknown", layer);
}
