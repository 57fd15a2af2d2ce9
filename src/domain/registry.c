/*
 * registry.c - the border registry as imports and exports see it; see
 * registry.h. Each feature of an import becomes the same JSON input the
 * API takes and goes through the same write (marker_put_bulk,
 * segment_put_bulk ...) as a PUT with the feature's id, inside the one
 * transaction the import holds, so a file is checked by exactly the rules
 * of a form, and a record imported twice is stored once.
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


#include "db/bulk.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/gates.h"
#include "domain/imports.h"
#include "domain/markers.h"
#include "domain/registry.h"
#include "domain/roads.h"
#include "domain/segments.h"
#include "geo/formats.h"
#include "util/date.h"
#include "util/text.h"
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
	char id[37];          /* the import's, in the imports table and the audit log */
	char sha256[65];      /* of the file's bytes, "" when not from a file */
	char file_name[256];
	long created, updated, unchanged;
	struct layer_bulk *bulk;
	long long cache_was;  /* SQLite's cache_size before, when changed */
	bool cache_set;
	struct db_bulk fk;    /* SQLite's check at each row, off for markers */
};

/* A larger SQLite page cache for the import (REGISTRY_IMPORT_CACHE_KIB); nothing on PostgreSQL. */
static void import_cache(struct registry_import *imp, bool grow)
{
	struct ctx *c = imp->c;
	struct bp_error ignored;
	if (strcmp(db_engine(c->db), "sqlite"))
		return;
	if (grow) {
		long long was = 0;
		if (db_scalar_int(c->db, "PRAGMA cache_size", DB_NOARGS, &was, &ignored))
			return;
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", REGISTRY_IMPORT_CACHE_KIB);
		if (!db_exec(c->db, sql, DB_NOARGS, NULL, &ignored)) {
			imp->cache_was = was;
			imp->cache_set = true;
		}
	} else if (imp->cache_set) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", imp->cache_was);
		db_exec(c->db, sql, DB_NOARGS, NULL, &ignored);
		imp->cache_set = false;
	}
}

enum bp_err registry_import_begin(struct ctx *c, const char *layer, struct registry_import **out)
{
	*out = NULL;
	if (!registry_layer_valid(layer))
		return err_set(&c->err, "layer_unknown", layer);
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc)
		return rc;
	struct registry_import *imp = xcalloc(1, sizeof(*imp));
	imp->c = c;
	snprintf(imp->layer, sizeof(imp->layer), "%s", layer);
	text_uuid_new(imp->id);
	/* The cache is set outside the transaction: SQLite takes it either
	 * way, and it is set back after the commit. */
	import_cache(imp, true);
	/*
	 * Markers are stored without SQLite's foreign-key check at each row
	 * (db/bulk.h): every key a marker's rows hold is looked up in this
	 * transaction first - its post by layer_bulk_unit_for_write, the
	 * marker of its condition and post records is the one just written
	 * or read - so the check looked each up a second time (a twelfth of
	 * SQLite's work in an import of markers). The other layers keep it:
	 * what their records refer to was not gone through for this.
	 */
	if (!strcmp(layer, "markers") && (rc = db_bulk_start(c->db, &imp->fk, &c->err))) {
		import_cache(imp, false);
		free(imp);
		return rc;
	}
	if ((rc = db_begin(c->db, &c->err))) {
		struct bp_error ignored; /* the answer is begin's error */
		db_bulk_stop(c->db, &imp->fk, &ignored);
		import_cache(imp, false);
		free(imp);
		return rc;
	}
	imp->bulk = layer_bulk_new(c);
	*out = imp;
	return BP_OK;
}

enum bp_err registry_import_file(struct registry_import *imp, const char *name, const char *data,
				 size_t len)
{
	struct ctx *c = imp->c;
	imports_sha256(data, len, imp->sha256);
	snprintf(imp->file_name, sizeof(imp->file_name), "%s", name ? name : "");
	return imports_check(c, imp->layer, imp->sha256);
}

/* Properties whose values are numbers, when a format gives them as text. */
static bool numeric_key(const char *k)
{
	return !strcmp(k, "elevation") || !strcmp(k, "cost_vnd") || !strcmp(k, "workdays");
}

/*
 * The API input of a feature; NULL with c->err filled when it cannot be
 * one. When the reader holds no other reference to the feature's
 * properties (a CSV record's, a GeoJSON Point's), they become the input,
 * changed in place; otherwise (the parts of a multi-geometry share one
 * object) they are copied. Building a second object of a dozen keys a
 * feature was a twelfth of an import's instructions.
 */
static json_t *feature_input(struct ctx *c, const char *layer, const struct feature *f)
{
	bool point = !strcmp(layer, "markers") || !strcmp(layer, "gates");
	if ((point && f->type != GEOM_POINT) || (!point && f->type != GEOM_LINESTRING) || !f->npos) {
		err_set(&c->err, "geometry_layer", layer);
		return NULL;
	}
	bool own = f->props->refcount == 1;
	json_t *in = own ? json_incref(f->props) : json_object();
	const char *key;
	json_t *v;
	void *tmp;
	json_object_foreach_safe(f->props, tmp, key, v) {
		/* length_km is computed from the geometry, never taken. */
		if (!strcmp(key, "length_km") ||
		    (!strcmp(key, "layer") && json_is_string(v) && !strcmp(json_string_value(v), layer)) ||
		    json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
			if (own)
				json_object_del(in, key);
			continue;
		}
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
		if (!own)
			json_object_set(in, key, v);
	}
	/* A KML placemark or a GPX waypoint names a marker by its number; our
	 * own exports write both, the same. */
	json_t *name = json_object_get(in, "name");
	if (!strcmp(layer, "markers") && json_is_string(name)) {
		json_t *number = json_object_get(in, "number");
		if (!number) {
			json_object_set(in, "number", name);
		} else if (!json_equal(number, name)) {
			err_field(&c->err, "invalid_input", "name");
			json_decref(in);
			return NULL;
		}
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
	enum layer_done done = LAYER_UNCHANGED;
	enum bp_err rc;
	json_t *in = feature_input(c, imp->layer, f);
	if (!in) {
		rc = c->err.kind;
	} else if (!strcmp(imp->layer, "markers")) {
		rc = marker_put_bulk(imp->bulk, in, &done);
	} else if (!strcmp(imp->layer, "segments")) {
		rc = segment_put_bulk(imp->bulk, in, &done);
	} else if (!strcmp(imp->layer, "gates")) {
		rc = gate_put_bulk(imp->bulk, in, &done);
	} else {
		rc = road_put_bulk(imp->bulk, in, &done);
	}
	json_decref(in);
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

/*
 * The import's own records: the file in the imports table (when it came
 * from one; its sha256 is unique per layer, so a file sent twice at once
 * is refused here by the second), and one audit row for the whole import.
 */
static enum bp_err import_record(struct registry_import *imp)
{
	struct ctx *c = imp->c;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	long records = imp->created + imp->updated + imp->unchanged;
	const char *unit = c->actor.unit_id[0] ? c->actor.unit_id : NULL;
	enum bp_err rc = BP_OK;
	if (imp->sha256[0] && (rc = imports_record(c, imp->id, imp->layer, imp->sha256, imp->file_name, records, now)))
		return rc;
	json_t *after = json_pack("{s:s, s:s, s:s?, s:s?, s:I, s:I, s:I, s:I}", "import_id", imp->id,
				  "layer", imp->layer, "file_name", imp->file_name[0] ? imp->file_name : NULL,
				  "sha256", imp->sha256[0] ? imp->sha256 : NULL, "records", (json_int_t)records,
				  "created", (json_int_t)imp->created, "updated", (json_int_t)imp->updated,
				  "unchanged", (json_int_t)imp->unchanged);
	rc = audit_record(c, "import", imp->id, unit, "create", NULL, after);
	json_decref(after);
	return rc;
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
	} else {
		rc = import_record(imp);
	}
	rc = db_end(c->db, rc, &c->err);
	/* The import's answer is the commit's; turning the check back on
	 * outside a transaction does not fail short of a broken connection,
	 * which the next statement reports. */
	struct bp_error ignored;
	db_bulk_stop(c->db, &imp->fk, &ignored);
	import_cache(imp, false);
	if (summary) {
		*summary = json_pack("{s:s, s:I, s:I, s:I}", "layer", imp->layer,
				     "created", (json_int_t)(rc ? 0 : imp->created),
				     "updated", (json_int_t)(rc ? 0 : imp->updated),
				     "unchanged", (json_int_t)(rc ? 0 : imp->unchanged));
		if (!rc)
			json_object_set_new(*summary, "import_id", json_string(imp->id));
	}
	layer_bulk_free(imp->bulk);
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
