/*
 * map.c - the map's FeatureCollection; see map.h. Positions are [lon, lat]
 * as RFC 7946 wants (a marker's height as the third number); the
 * collection has no "crs", which RFC 7946 removed: WGS84 is the only one.
 *
 * The answer is written as text straight from the rows, not built as a
 * jansson tree and dumped: a tree cost three objects a feature (the
 * export's properties, their copy and the feature), each built, dumped
 * and freed, and that was most of the map's time over a box of hundreds
 * of markers (bench/README.md, "The border registry"). Markers, the layer
 * with thousands in a box, are written from their rows (marker_map_rows);
 * segments, gates and roads come through registry_export as the exports
 * do and their properties are written by map_value. Numbers are written
 * as jansson writes reals at precision 15 ("%.15g", ".0" when whole), so
 * the answer is the one the tree gave.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/map.h"
#include "domain/markers.h"
#include "util/buf.h"
#include "util/xmalloc.h"

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

/* A JSON string: quote, backslash and the C0 controls escaped (RFC 8259). */
static void map_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	buf_addc(b, '"');
	const char *run = s;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		char esc[7] = { '\\', 0 };
		switch (ch) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
		}
		buf_adds(b, esc);
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

/* A string or null. */
static void map_str_or_null(struct buf *b, const char *s)
{
	if (s)
		map_str(b, s);
	else
		buf_add(b, "null", 4);
}

/* A number as jansson writes a real at precision 15; a non-finite one is null. */
static void map_num(struct buf *b, double d)
{
	char n[40];
	if (!isfinite(d)) {
		buf_add(b, "null", 4);
		return;
	}
	int len = snprintf(n, sizeof(n), "%.15g", d);
	buf_add(b, n, (size_t)len);
	if (!strpbrk(n, ".eE"))
		buf_add(b, ".0", 2);
}

/* Any JSON value of a feature's properties. */
static void map_value(struct buf *b, json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		bool first = true;
		buf_addc(b, '{');
		json_object_foreach(v, k, x) {
			if (!first)
				buf_addc(b, ',');
			first = false;
			map_str(b, k);
			buf_addc(b, ':');
			map_value(b, x);
		}
		buf_addc(b, '}');
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		buf_addc(b, '[');
		json_array_foreach(v, i, x) {
			if (i)
				buf_addc(b, ',');
			map_value(b, x);
		}
		buf_addc(b, ']');
		break;
	}
	case JSON_STRING: map_str(b, json_string_value(v)); break;
	case JSON_INTEGER: buf_addf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
	case JSON_REAL: map_num(b, json_real_value(v)); break;
	case JSON_TRUE: buf_add(b, "true", 4); break;
	case JSON_FALSE: buf_add(b, "false", 5); break;
	default: buf_add(b, "null", 4);
	}
}

static void map_pos(struct buf *b, const struct geo_pos *p, bool with_ele)
{
	buf_addc(b, '[');
	map_num(b, p->lon);
	buf_addc(b, ',');
	map_num(b, p->lat);
	if (with_ele && p->has_ele) {
		buf_addc(b, ',');
		map_num(b, p->ele);
	}
	buf_addc(b, ']');
}

/* A unit as {"id", "code", "name"}, as the layers' lists give it. */
static void map_unit(struct buf *b, const char *id, const char *code, const char *name)
{
	buf_add(b, "{\"id\":", 6);
	map_str_or_null(b, id);
	buf_add(b, ",\"code\":", 8);
	map_str_or_null(b, code);
	buf_add(b, ",\"name\":", 8);
	map_str_or_null(b, name);
	buf_addc(b, '}');
}

/* A feature of an export, kept until its export has ended. */
struct map_pending {
	enum geom_type type;
	struct geo_pos *pos;
	size_t npos;
	json_t *props;
};

struct map_acc {
	struct ctx *c;
	struct buf *out;
	const char *layer;
	long count;   /* features taken, at most MAP_MAX_FEATURES */
	long written;
	bool truncated;
	json_t *units;    /* code -> [id, name], asked once a unit */
	json_t *unit_ids; /* id -> [code, name], the same for markers' posts */
	struct map_pending *pending;
	size_t npending, cap_pending;
};

/* A unit's two other fields by one (its id or its code), asked once and kept in known. */
static enum bp_err map_unit_fields(struct map_acc *a, json_t *known, const char *sql, const char *key,
				   json_t **out)
{
	*out = json_object_get(known, key);
	if (*out)
		return BP_OK;
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(a->c->db, sql, DB_ARGS(DB_S(key)), &r, &a->c->err);
	if (rc)
		return rc;
	*out = json_pack("[s?, s?]", db_text(r, 0), db_text(r, 1));
	db_rows_free(r);
	json_object_set_new(known, key, *out);
	return BP_OK;
}

/* Whether one more feature fits in the answer (MAP_MAX_FEATURES); counts it. */
static bool map_admit(struct map_acc *a)
{
	if (a->count >= MAP_MAX_FEATURES) {
		a->truncated = true;
		return false;
	}
	a->count++;
	return true;
}

/* Starts a feature: the separator, its id and its geometry's type. */
static void map_feature_start(struct map_acc *a, const char *id, const char *geom_type)
{
	if (a->written++)
		buf_addc(a->out, ',');
	buf_add(a->out, "{\"type\":\"Feature\",\"id\":", 23);
	map_str_or_null(a->out, id);
	buf_adds(a->out, ",\"geometry\":{\"type\":\"");
	buf_adds(a->out, geom_type);
	buf_adds(a->out, "\",\"coordinates\":");
}

/* A property's key, with the comma before it unless first. */
static void map_key(struct buf *b, const char *key, bool first)
{
	if (!first)
		buf_addc(b, ',');
	buf_addc(b, '"');
	buf_adds(b, key);
	buf_add(b, "\":", 2);
}

/* The markers of f, from their rows; the properties an export writes. */
static enum bp_err map_markers(struct map_acc *a, const struct registry_filter *f)
{
	struct ctx *c = a->c;
	struct buf *b = a->out;
	struct db_rows *r = NULL;
	static const struct { const char *key; int col; } text[] = {
		{ "number", MARKER_MAP_NUMBER }, { "border", MARKER_MAP_BORDER }, { "type", MARKER_MAP_TYPE },
		{ "form", MARKER_MAP_FORM },
	}, more[] = {
		{ "built_by", MARKER_MAP_BUILT_BY }, { "condition", MARKER_MAP_CONDITION },
		{ "last_inspected", MARKER_MAP_LAST_INSPECTED }, { "notes", MARKER_MAP_NOTES },
	};
	enum bp_err rc = marker_map_rows(c, f, &r);
	if (rc)
		return rc;
	int s;
	while ((s = db_next(r, &c->err)) > 0) {
		struct geo_pos pos = { .lon = db_real(r, MARKER_MAP_LON), .lat = db_real(r, MARKER_MAP_LAT),
				       .ele = db_real(r, MARKER_MAP_ELEVATION),
				       .has_ele = !db_isnull(r, MARKER_MAP_ELEVATION) };
		const char *id = db_text(r, MARKER_MAP_ID);
		if (!map_admit(a))
			break;
		map_feature_start(a, id, "Point");
		map_pos(b, &pos, true);
		buf_adds(b, "},\"properties\":{");
		map_key(b, "id", true);
		map_str_or_null(b, id);
		for (size_t i = 0; i < sizeof(text) / sizeof(*text); i++) {
			map_key(b, text[i].key, false);
			map_str_or_null(b, db_text(r, text[i].col));
		}
		map_key(b, "elevation", false);
		if (pos.has_ele)
			map_num(b, pos.ele);
		else
			buf_add(b, "null", 4);
		for (size_t i = 0; i < sizeof(more) / sizeof(*more); i++) {
			map_key(b, more[i].key, false);
			map_str_or_null(b, db_text(r, more[i].col));
		}
		const char *unit_id = db_text(r, MARKER_MAP_UNIT_ID);
		json_t *u = NULL;
		if ((rc = map_unit_fields(a, a->unit_ids, "SELECT code, name FROM units WHERE id = $1", unit_id, &u)))
			break;
		map_key(b, "post", false);
		map_unit(b, unit_id, json_string_value(json_array_get(u, 0)), json_string_value(json_array_get(u, 1)));
		buf_adds(b, ",\"layer\":\"markers\"}}");
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

/*
 * A feature of segments, gates or roads as an export gives it, kept until
 * the export ends: its unit is asked then, since PostgreSQL takes no other
 * query while an export streams its rows.
 */
static enum bp_err map_add(void *arg, const struct feature *f, struct bp_error *e)
{
	(void)e;
	struct map_acc *a = arg;
	if (!map_admit(a))
		return BP_OK;
	if (a->npending == a->cap_pending) {
		a->cap_pending = a->cap_pending ? a->cap_pending * 2 : 64;
		a->pending = xrealloc(a->pending, a->cap_pending * sizeof(*a->pending));
	}
	struct map_pending *p = &a->pending[a->npending++];
	p->type = f->type;
	p->npos = f->npos;
	p->pos = xmalloc((f->npos ? f->npos : 1) * sizeof(*p->pos));
	memcpy(p->pos, f->pos, f->npos * sizeof(*p->pos));
	p->props = json_incref(f->props);
	return BP_OK;
}

/*
 * One kept feature written out: its unit ("post" of segments, "unit" of
 * gates and roads), which the export names by its code alone as a file
 * does, as {id, code, name}.
 */
static enum bp_err map_pending_write(struct map_acc *a, const struct map_pending *f)
{
	struct buf *b = a->out;
	map_feature_start(a, json_string_value(json_object_get(f->props, "id")),
			  f->type == GEOM_POINT ? "Point" : "LineString");
	if (f->type == GEOM_POINT) {
		map_pos(b, &f->pos[0], true);
	} else {
		buf_addc(b, '[');
		for (size_t i = 0; i < f->npos; i++) {
			if (i)
				buf_addc(b, ',');
			map_pos(b, &f->pos[i], false);
		}
		buf_addc(b, ']');
	}
	buf_adds(b, "},\"properties\":{");
	const char *unit_key = json_object_get(f->props, "post") ? "post" : "unit";
	const char *k;
	json_t *v;
	bool first = true;
	json_object_foreach(f->props, k, v) {
		map_key(b, k, first);
		first = false;
		const char *code = json_string_value(v);
		if (!strcmp(k, unit_key) && code) {
			json_t *u = NULL;
			enum bp_err rc = map_unit_fields(a, a->units, "SELECT id, name FROM units WHERE code = $1",
							 code, &u);
			if (rc)
				return rc;
			map_unit(b, json_string_value(json_array_get(u, 0)), code,
				 json_string_value(json_array_get(u, 1)));
		} else {
			map_value(b, v);
		}
	}
	map_key(b, "layer", first);
	map_str(b, a->layer);
	buf_adds(b, "}}");
	return BP_OK;
}

/* Writes out (when rc is BP_OK) and frees the kept features. */
static enum bp_err map_pending_flush(struct map_acc *a, enum bp_err rc)
{
	for (size_t i = 0; i < a->npending; i++) {
		if (!rc)
			rc = map_pending_write(a, &a->pending[i]);
		free(a->pending[i].pos);
		json_decref(a->pending[i].props);
	}
	a->npending = 0;
	return rc;
}

enum bp_err map_collection(struct ctx *c, const struct registry_filter *f, const char *layers_csv,
			   struct buf *out, long *features)
{
	static const char *const all[] = { "markers", "segments", "gates", "roads" };
	bool want[4] = { true, true, true, true };
	*features = 0;
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
	if (rc)
		return rc;
	struct map_acc acc = { .c = c, .out = out, .units = json_object(), .unit_ids = json_object() };
	buf_adds(out, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (int i = 0; !rc && i < 4 && !acc.truncated; i++) {
		if (!want[i])
			continue;
		acc.layer = all[i];
		rc = i == 0 ? map_markers(&acc, f)
			    : map_pending_flush(&acc, registry_export(c, all[i], f, map_add, &acc));
	}
	free(acc.pending);
	json_decref(acc.units);
	json_decref(acc.unit_ids);
	if (rc)
		return rc;
	buf_addc(out, ']');
	if (f->has_bbox) {
		buf_adds(out, ",\"bbox\":[");
		map_num(out, f->west);
		buf_addc(out, ',');
		map_num(out, f->south);
		buf_addc(out, ',');
		map_num(out, f->east);
		buf_addc(out, ',');
		map_num(out, f->north);
		buf_addc(out, ']');
	}
	if (acc.truncated)
		buf_adds(out, ",\"truncated\":true");
	buf_addc(out, '}');
	*features = acc.written;
	return BP_OK;
}
