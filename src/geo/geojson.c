/*
 * geojson.c - reading GeoJSON (RFC 7946): a FeatureCollection, a single
 * Feature, or a bare geometry.
 *
 * Point and LineString are what the registry holds; a MultiLineString (as
 * QGIS and GDAL write a road drawn in pieces) is split into its lines,
 * each a feature with the same properties and the same number in the
 * report, and ids derived from the feature's id (geo_part_id) so that a
 * second import of the file stores nothing twice. A MultiPoint is split
 * the same way. Polygons and the rest are reported, not guessed at.
 *
 * A FeatureCollection is read one feature at a time: a small scanner
 * walks the collection's members and each member of "features" is parsed
 * alone, so the memory of an import is that of one feature, not of a tree
 * of the whole file (about ten times the file's size in jansson's
 * objects: 300 MB for 100,000 markers). A feature is parsed by the lean
 * reader of json_read.c (about three times faster than jansson's, which
 * reads through a stream a character at a time), and by jansson when the
 * lean one gives up. Anything the scanner does not expect, it leaves to
 * jansson on the whole document, which also gives the line and column of
 * a syntax error. Other documents (a Feature, a bare geometry) are parsed
 * whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/formats.h"
#include "geo/json_read.h"
#include "util/text.h"
#include "util/xmalloc.h"

struct gj {
	feature_fn fn;
	void *arg;
	json_t *report;
	struct bp_error *e; /* a fatal error from fn */
};

static void problem(struct gj *g, long where, const char *code, const char *detail)
{
	struct bp_error e;
	err_set(&e, code, detail);
	geo_report_add(g->report, where, &e);
}

/*
 * One position: [lon, lat] or [lon, lat, elevation]. RFC 7946 allows
 * more numbers but says nothing of their meaning; we refuse them rather
 * than drop data silently. Returns false after reporting.
 */
static bool read_pos(struct gj *g, long where, json_t *a, struct geo_pos *p)
{
	char detail[160];
	if (!json_is_array(a) || json_array_size(a) < 2 || json_array_size(a) > 3) {
		snprintf(detail, sizeof(detail), "%s",
			 !json_is_array(a) ? "a position must be an array [lon, lat]" :
			 json_array_size(a) < 2 ? "a position needs two numbers [lon, lat]" :
			 "a position holds at most three numbers [lon, lat, elevation]");
		problem(g, where, "coord_invalid", detail);
		return false;
	}
	for (size_t i = 0; i < json_array_size(a); i++)
		if (!json_is_number(json_array_get(a, i))) {
			problem(g, where, "coord_invalid", "a coordinate is not a number");
			return false;
		}
	p->lon = json_number_value(json_array_get(a, 0));
	p->lat = json_number_value(json_array_get(a, 1));
	p->has_ele = json_array_size(a) == 3;
	p->ele = p->has_ele ? json_number_value(json_array_get(a, 2)) : 0;
	const char *bad = geo_pos_range_code(p);
	if (bad) {
		if (!strcmp(bad, "coord_swapped"))
			snprintf(detail, sizeof(detail), "[%.7g, %.7g]", p->lon, p->lat);
		else
			snprintf(detail, sizeof(detail), "[%.7g, %.7g] lies outside WGS84 (lon -180..180, lat -90..90)",
				 p->lon, p->lat);
		problem(g, where, bad, detail);
		return false;
	}
	return true;
}

/* An array of positions into a new array (caller frees); NULL after reporting. */
static struct geo_pos *read_line(struct gj *g, long where, json_t *a, size_t *n)
{
	if (!json_is_array(a)) {
		problem(g, where, "coord_invalid", "a line's coordinates must be an array of positions");
		return NULL;
	}
	if (json_array_size(a) == 0) {
		problem(g, where, "geom_empty", NULL);
		return NULL;
	}
	if (json_array_size(a) < 2) {
		problem(g, where, "geom_line_short", NULL);
		return NULL;
	}
	struct geo_pos *pos = xcalloc(json_array_size(a), sizeof(*pos));
	for (size_t i = 0; i < json_array_size(a); i++)
		if (!read_pos(g, where, json_array_get(a, i), &pos[i])) {
			free(pos);
			return NULL;
		}
	*n = json_array_size(a);
	return pos;
}

/*
 * Hands one feature on. A single geometry (part < 0) takes props, so that
 * the feature holds the only reference and its reader may change them in
 * place (registry.c); each piece of a multi-geometry (part >= 0) gets a
 * copy of its own, with the id of its part.
 */
static enum bp_err emit(struct gj *g, long where, enum geom_type type, struct geo_pos *pos,
			size_t npos, json_t *props, long part)
{
	struct feature f = { .type = type, .pos = pos, .npos = npos, .where = where };
	f.props = part < 0 ? props : json_deep_copy(props);
	if (part > 0) {
		const char *id = json_string_value(json_object_get(props, "id"));
		if (id) {
			char pid[37];
			geo_part_id(id, (size_t)part, pid);
			json_object_set_new(f.props, "id", json_string(pid));
		}
	}
	enum bp_err rc = g->fn(g->arg, &f, g->e);
	feature_release(&f);
	return rc;
}

/* The features of one geometry, with the properties props, which it takes. */
static enum bp_err read_geometry(struct gj *g, long where, json_t *geom, json_t *props)
{
	enum bp_err rc = BP_OK;
	if (!geom || json_is_null(geom)) {
		problem(g, where, "geom_empty", NULL);
		goto out;
	}
	const char *type = json_string_value(json_object_get(geom, "type"));
	json_t *coords = json_object_get(geom, "coordinates");
	if (!json_is_object(geom) || !type) {
		problem(g, where, "geojson_type", "a geometry needs a \"type\"");
		goto out;
	}
	if (strcmp(type, "Point") && strcmp(type, "LineString") && strcmp(type, "MultiLineString") &&
	    strcmp(type, "MultiPoint")) {
		problem(g, where, "geom_unsupported", type);
		goto out;
	}
	if (!coords || (json_is_array(coords) && json_array_size(coords) == 0)) {
		problem(g, where, "geom_empty", NULL);
		goto out;
	}
	if (!strcmp(type, "Point")) {
		struct geo_pos p;
		if (!read_pos(g, where, coords, &p))
			goto out;
		struct geo_pos *pos = xmalloc(sizeof(p));
		*pos = p;
		return emit(g, where, GEOM_POINT, pos, 1, props, -1);
	}
	if (!strcmp(type, "LineString")) {
		size_t n = 0;
		struct geo_pos *pos = read_line(g, where, coords, &n);
		if (!pos)
			goto out;
		return emit(g, where, GEOM_LINESTRING, pos, n, props, -1);
	}
	if (!json_is_array(coords)) {
		problem(g, where, "coord_invalid", "coordinates must be an array");
		goto out;
	}
	/* The parts are checked before any is handed on, so a bad part does
	 * not leave half a road imported. */
	size_t nparts = json_array_size(coords);
	struct geo_pos **parts = xcalloc(nparts, sizeof(*parts));
	size_t *lens = xcalloc(nparts, sizeof(*lens));
	bool ok = true;
	bool multipoint = !strcmp(type, "MultiPoint");
	for (size_t i = 0; i < nparts && ok; i++) {
		if (multipoint) {
			parts[i] = xmalloc(sizeof(struct geo_pos));
			lens[i] = 1;
			ok = read_pos(g, where, json_array_get(coords, i), parts[i]);
		} else {
			parts[i] = read_line(g, where, json_array_get(coords, i), &lens[i]);
			ok = parts[i] != NULL;
		}
	}
	for (size_t i = 0; i < nparts; i++) {
		if (ok && !rc) {
			rc = emit(g, where, multipoint ? GEOM_POINT : GEOM_LINESTRING, parts[i], lens[i],
				  props, (long)i);
			parts[i] = NULL; /* emit freed it */
		}
		free(parts[i]);
	}
	free(parts);
	free(lens);
out:
	json_decref(props);
	return rc;
}

/* Checks that every property is a scalar; reports and returns false if not. */
static bool props_ok(struct gj *g, long where, json_t *props)
{
	const char *k;
	json_t *v;
	bool ok = true;
	json_object_foreach(props, k, v) {
		if (json_is_object(v) || json_is_array(v)) {
			char q[96];
			snprintf(q, sizeof(q), "“%.80s”", k);
			problem(g, where, "property_type", q);
			ok = false;
		}
	}
	return ok;
}

static enum bp_err read_feature(struct gj *g, long where, json_t *feat)
{
	const char *type = json_string_value(json_object_get(feat, "type"));
	if (!json_is_object(feat) || !type || strcmp(type, "Feature")) {
		problem(g, where, "geojson_type", "each member of \"features\" must be a Feature");
		return BP_OK;
	}
	json_t *props = json_object_get(feat, "properties");
	if (props && !json_is_null(props) && !json_is_object(props)) {
		problem(g, where, "geojson_type", "\"properties\" must be an object or null");
		return BP_OK;
	}
	/* The feature was parsed for this call alone: its properties are
	 * ours to add the id to, and taken out of it, so that the one
	 * reference is the feature's handed on (emit). */
	json_t *own = json_is_object(props) ? json_incref(props) : json_object();
	json_object_del(feat, "properties");
	if (!props_ok(g, where, own)) {
		json_decref(own);
		return BP_OK;
	}
	/* RFC 7946's feature "id" is the record id when the properties do not
	 * carry one. */
	json_t *id = json_object_get(feat, "id");
	if (json_is_string(id) && !json_object_get(own, "id"))
		json_object_set(own, "id", id);
	return read_geometry(g, where, json_object_get(feat, "geometry"), own);
}

/* ---- the scanner of a FeatureCollection ---- */

static size_t skip_ws(const char *d, size_t len, size_t i)
{
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
		i++;
	return i;
}

/* The end (one past) of the JSON value at i, or 0 when it is cut short. */
static size_t value_end(const char *d, size_t len, size_t i)
{
	int depth = 0;
	bool in_str = false;
	for (; i < len; i++) {
		char c = d[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"') {
				in_str = false;
				if (depth == 0)
					return i + 1;
			}
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth == 0)
				return i + 1;
			if (depth < 0)
				return i; /* a scalar ended by its container */
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
			return i;
		}
	}
	return depth == 0 && !in_str ? i : 0;
}

/*
 * Reads a FeatureCollection member by member. Returns 1 when it has read
 * the document (rc set), 0 when it leaves the document to the whole
 * parse: nothing handed on yet, or a syntax error found, which the whole
 * parse reports as the file's error (the import then rolls back what was
 * handed on).
 */
static int stream_collection(struct gj *g, const char *d, size_t len, enum bp_err *rc)
{
	size_t i = skip_ws(d, len, 0);
	bool is_fc = false, seen_features = false;
	if (i >= len || d[i] != '{')
		return 0;
	i = skip_ws(d, len, i + 1);
	while (i < len && d[i] != '}') {
		size_t kend = value_end(d, len, i);
		if (!kend || d[i] != '"')
			return 0;
		bool features = kend - i == 10 && !memcmp(d + i, "\"features\"", 10);
		bool type = kend - i == 6 && !memcmp(d + i, "\"type\"", 6);
		i = skip_ws(d, len, kend);
		if (i >= len || d[i] != ':')
			return 0;
		i = skip_ws(d, len, i + 1);
		if (features && is_fc && i < len && d[i] == '[') {
			/* Only after "type": "FeatureCollection" (which GDAL, QGIS
			 * and we write first): a document of another type is parsed
			 * whole, and nothing of it is handed on twice. */
			long n = 0;
			i = skip_ws(d, len, i + 1);
			while (i < len && d[i] != ']') {
				/* The lean reader first; what it does not take, jansson. */
				size_t used = 0, vend;
				json_t *feat = geo_json_read(d + i, len - i, &used);
				if (feat) {
					vend = i + used;
				} else {
					json_error_t je;
					if (!(vend = value_end(d, len, i)) ||
					    !(feat = json_loadb(d + i, vend - i, 0, &je)))
						return 0;
				}
				*rc = read_feature(g, ++n, feat);
				json_decref(feat);
				if (*rc)
					return 1;
				i = skip_ws(d, len, vend);
				if (i < len && d[i] == ',')
					i = skip_ws(d, len, i + 1);
				else if (i >= len || d[i] != ']')
					return 0;
			}
			if (i >= len)
				return 0;
			seen_features = true;
			i++;
		} else {
			size_t vend = value_end(d, len, i);
			if (!vend)
				return 0;
			if (type)
				is_fc = vend - i == 19 && !memcmp(d + i, "\"FeatureCollection\"", 19);
			i = vend;
		}
		i = skip_ws(d, len, i);
		if (i < len && d[i] == ',')
			i = skip_ws(d, len, i + 1);
		else if (i >= len || d[i] != '}')
			return 0;
	}
	if (i >= len || skip_ws(d, len, i + 1) != len || !is_fc || !seen_features)
		return 0;
	return 1;
}

enum bp_err geojson_read(const char *data, size_t len, feature_fn fn, void *arg,
			 json_t *report, struct bp_error *e)
{
	struct gj g = { fn, arg, report, e };
	enum bp_err rc = BP_OK;
	json_error_t je;
	/* A UTF-8 byte order mark is not JSON (RFC 8259 section 8.1) but
	 * Windows editors write one; it is skipped. */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3, len -= 3;
	/* The streaming path, for a FeatureCollection that is well formed. A
	 * report of its features is kept only when it read the whole file. */
	size_t before = json_array_size(report);
	if (stream_collection(&g, data, len, &rc) == 1)
		return rc;
	while (json_array_size(report) > before)
		json_array_remove(report, json_array_size(report) - 1);
	json_t *doc = json_loadb(data, len, 0, &je);
	if (!doc) {
		char detail[256];
		snprintf(detail, sizeof(detail), "%s (line %d, column %d)", je.text, je.line, je.column);
		return err_set(e, "geojson_invalid", detail);
	}
	const char *type = json_string_value(json_object_get(doc, "type"));
	if (!json_is_object(doc) || !type) {
		rc = err_set(e, "geojson_type", "the document needs a \"type\" (FeatureCollection, Feature or a geometry)");
		goto out;
	}
	if (!strcmp(type, "FeatureCollection")) {
		json_t *features = json_object_get(doc, "features");
		if (!json_is_array(features)) {
			rc = err_set(e, "geojson_type", "a FeatureCollection needs a \"features\" array");
			goto out;
		}
		for (size_t i = 0; i < json_array_size(features) && !rc; i++) {
			rc = read_feature(&g, (long)i + 1, json_array_get(features, i));
			/* Done with it: give its memory back now. */
			json_array_set_new(features, i, json_null());
		}
	} else if (!strcmp(type, "Feature")) {
		rc = read_feature(&g, 1, doc);
	} else {
		rc = read_geometry(&g, 1, doc, json_object());
	}
out:
	json_decref(doc);
	return rc;
}
