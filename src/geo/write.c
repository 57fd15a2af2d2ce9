/*
 * write.c - the streaming writers: GeoJSON (RFC 7946), KML 2.2, GPX 1.1
 * and CSV (RFC 4180), all UTF-8.
 *
 * A writer formats one feature at a time into a small buffer and hands
 * it to the sink once it holds GEO_WRITER_CHUNK bytes, so an export of
 * any size needs the memory of one feature and one chunk. The document's
 * head is written with the first feature (CSV takes its header from it)
 * or at the end for an empty export.
 *
 * Choices made for the programs that read these files:
 *   - Coordinates have 7 decimals (about 1 cm), elevations 2.
 *   - GeoJSON: the record id is also the Feature's "id"; "name" names the
 *     layer (a foreign member that GDAL and QGIS show as the layer name).
 *   - KML: <name> is the feature's label (its name, or a marker's
 *     number), every property is in <ExtendedData> as <Data>, which
 *     Google Earth shows in the balloon and GDAL reads as fields.
 *   - GPX: points are waypoints, lines are tracks of one segment; the
 *     properties GPX has no element for go to <extensions> in our own
 *     namespace, where GDAL reads them back as fields. A layer is all
 *     points or all lines, so the schema's order (wpt before trk) holds.
 *   - CSV: a UTF-8 byte order mark first, so Excel reads Vietnamese
 *     right; CRLF line ends (RFC 4180); points as lat and lon columns,
 *     lines as a "wkt" column (GDAL reads a column of that name as the
 *     geometry). Text cells that a spreadsheet would take for a formula
 *     (starting with = + - @, tab or CR) get a leading apostrophe, which
 *     Excel and LibreOffice show as text (OWASP "CSV injection"); numbers
 *     are written as numbers and are never prefixed, so a negative
 *     longitude stays a number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/formats.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define WRITER_FEATURE_MAX ((size_t)256 * 1024 * 1024)
#define GPX_NS "https://bienphong.org/xmlns/gpx/1"

struct geo_writer {
	enum geo_format f;
	geo_sink_fn sink;
	void *arg;
	struct buf b;
	bool failed;
	bool started;
	char *title;
	char **cols; /* CSV */
	size_t ncols;
};

static int flush(struct geo_writer *w, bool all)
{
	if (w->failed) {
		buf_reset(&w->b);
		return -1;
	}
	if (w->b.len && (all || w->b.len >= GEO_WRITER_CHUNK)) {
		if (w->sink(w->arg, w->b.data, w->b.len) < 0)
			w->failed = true;
		buf_reset(&w->b);
	}
	return w->failed ? -1 : 0;
}

/* Writing into the buffer cannot fail short of WRITER_FEATURE_MAX, which
 * one feature never reaches (an import is at most geo_import_max()). */
static void add(struct geo_writer *w, const char *s)
{
	buf_adds(&w->b, s);
}

static void add_num(struct geo_writer *w, double x, int decimals)
{
	char n[64];
	geo_fmt_num(n, sizeof(n), x, decimals);
	add(w, n);
}

/* XML text or attribute value: the five entities, and the C0 controls
 * XML 1.0 does not allow dropped. */
static void add_xml(struct geo_writer *w, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': add(w, "&amp;"); break;
		case '<': add(w, "&lt;"); break;
		case '>': add(w, "&gt;"); break;
		case '"': add(w, "&quot;"); break;
		case '\'': add(w, "&apos;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
				buf_addc(&w->b, *s);
		}
	}
}

/* A property's value as text (NULL for null). */
static const char *scalar_text(json_t *v, char *tmp, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(tmp, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return tmp;
	}
	if (json_is_real(v)) {
		snprintf(tmp, n, "%.15g", json_real_value(v));
		return tmp;
	}
	if (json_is_true(v))
		return "true";
	if (json_is_false(v))
		return "false";
	return NULL;
}

/* An XML name from a property key: what is not a name character becomes '_'. */
static void add_xml_name(struct geo_writer *w, const char *k)
{
	if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
		buf_addc(&w->b, '_');
	for (; *k; k++) {
		char c = *k;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  c == '_' || c == '-' || c == '.';
		buf_addc(&w->b, ok ? c : '_');
	}
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return buf_add(data, buffer, size);
}

/* ---- GeoJSON ---- */

static void geojson_pos(struct geo_writer *w, const struct geo_pos *p)
{
	add(w, "[");
	add_num(w, p->lon, 7);
	add(w, ",");
	add_num(w, p->lat, 7);
	if (p->has_ele) {
		add(w, ",");
		add_num(w, p->ele, 2);
	}
	add(w, "]");
}

static void geojson_head(struct geo_writer *w)
{
	add(w, "{\"type\":\"FeatureCollection\",\"name\":");
	json_t *t = json_string(w->title);
	json_dump_callback(t ? t : json_null(), dump_cb, &w->b, JSON_ENCODE_ANY);
	json_decref(t);
	add(w, ",\"features\":[\n");
}

static void geojson_feature(struct geo_writer *w, const struct feature *f, bool first)
{
	if (!first)
		add(w, ",\n");
	add(w, "{\"type\":\"Feature\",");
	json_t *id = json_object_get(f->props, "id");
	if (json_is_string(id)) {
		add(w, "\"id\":");
		json_dump_callback(id, dump_cb, &w->b, JSON_ENCODE_ANY);
		add(w, ",");
	}
	if (f->type == GEOM_POINT) {
		add(w, "\"geometry\":{\"type\":\"Point\",\"coordinates\":");
		geojson_pos(w, &f->pos[0]);
	} else {
		add(w, "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
		for (size_t i = 0; i < f->npos; i++) {
			if (i)
				add(w, ",");
			geojson_pos(w, &f->pos[i]);
		}
		add(w, "]");
	}
	add(w, "},\"properties\":");
	if (f->props)
		json_dump_callback(f->props, dump_cb, &w->b,
				   JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	else
		add(w, "{}");
	add(w, "}");
}

/* ---- KML ---- */

static void kml_head(struct geo_writer *w)
{
	add(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>");
	add_xml(w, w->title);
	add(w, "</name>\n");
}

static void kml_coord(struct geo_writer *w, const struct geo_pos *p)
{
	add_num(w, p->lon, 7);
	add(w, ",");
	add_num(w, p->lat, 7);
	if (p->has_ele) {
		add(w, ",");
		add_num(w, p->ele, 2);
	}
}

static void kml_feature(struct geo_writer *w, const struct feature *f)
{
	add(w, "<Placemark>");
	const char *label = geo_feature_label(f);
	if (label) {
		add(w, "<name>");
		add_xml(w, label);
		add(w, "</name>");
	}
	const char *desc = json_string_value(json_object_get(f->props, "description"));
	if (desc) {
		add(w, "<description>");
		add_xml(w, desc);
		add(w, "</description>");
	}
	const char *k;
	json_t *v;
	bool any = false;
	json_object_foreach(f->props, k, v) {
		char tmp[64];
		const char *s = scalar_text(v, tmp, sizeof(tmp));
		if (!s)
			continue;
		add(w, any ? "<Data name=\"" : "<ExtendedData><Data name=\"");
		any = true;
		add_xml(w, k);
		add(w, "\"><value>");
		add_xml(w, s);
		add(w, "</value></Data>");
	}
	if (any)
		add(w, "</ExtendedData>");
	if (f->type == GEOM_POINT) {
		add(w, "<Point><coordinates>");
		kml_coord(w, &f->pos[0]);
		add(w, "</coordinates></Point>");
	} else {
		add(w, "<LineString><coordinates>");
		for (size_t i = 0; i < f->npos; i++) {
			if (i)
				add(w, " ");
			kml_coord(w, &f->pos[i]);
		}
		add(w, "</coordinates></LineString>");
	}
	add(w, "</Placemark>\n");
}

/* ---- GPX ---- */

static void gpx_head(struct geo_writer *w)
{
	add(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<gpx version=\"1.1\" creator=\"bienphong\" xmlns=\"http://www.topografix.com/GPX/1/1\""
	       " xmlns:bp=\"" GPX_NS "\">\n<metadata><name>");
	add_xml(w, w->title);
	add(w, "</name></metadata>\n");
}

static void gpx_pt(struct geo_writer *w, const char *tag, const struct geo_pos *p, bool close)
{
	add(w, "<");
	add(w, tag);
	add(w, " lat=\"");
	add_num(w, p->lat, 7);
	add(w, "\" lon=\"");
	add_num(w, p->lon, 7);
	add(w, "\">");
	if (p->has_ele) {
		add(w, "<ele>");
		add_num(w, p->ele, 2);
		add(w, "</ele>");
	}
	if (close) {
		add(w, "</");
		add(w, tag);
		add(w, ">");
	}
}

/* name, desc and extensions, in the order the GPX schema wants them. */
static void gpx_props(struct geo_writer *w, const struct feature *f)
{
	const char *label = geo_feature_label(f);
	if (label) {
		add(w, "<name>");
		add_xml(w, label);
		add(w, "</name>");
	}
	const char *desc = json_string_value(json_object_get(f->props, "description"));
	if (desc) {
		add(w, "<desc>");
		add_xml(w, desc);
		add(w, "</desc>");
	}
	const char *k;
	json_t *v;
	bool any = false;
	json_object_foreach(f->props, k, v) {
		char tmp[64];
		const char *s = scalar_text(v, tmp, sizeof(tmp));
		if (!s || !strcmp(k, "name") || !strcmp(k, "description"))
			continue;
		add(w, any ? "<bp:" : "<extensions><bp:");
		any = true;
		add_xml_name(w, k);
		add(w, ">");
		add_xml(w, s);
		add(w, "</bp:");
		add_xml_name(w, k);
		add(w, ">");
	}
	if (any)
		add(w, "</extensions>");
}

static void gpx_feature(struct geo_writer *w, const struct feature *f)
{
	if (f->type == GEOM_POINT) {
		gpx_pt(w, "wpt", &f->pos[0], false);
		gpx_props(w, f);
		add(w, "</wpt>\n");
		return;
	}
	add(w, "<trk>");
	gpx_props(w, f);
	add(w, "<trkseg>");
	for (size_t i = 0; i < f->npos; i++)
		gpx_pt(w, "trkpt", &f->pos[i], true);
	add(w, "</trkseg></trk>\n");
}

/* ---- CSV ---- */

static void csv_cell_text(struct geo_writer *w, const char *s)
{
	bool guard = *s && strchr("=+-@\t\r", *s);
	bool quote = guard || strpbrk(s, ",\"\r\n") != NULL || *s == ' ';
	if (quote)
		add(w, "\"");
	if (guard)
		add(w, "'");
	for (; *s; s++) {
		if (*s == '"')
			add(w, "\"");
		buf_addc(&w->b, *s);
	}
	if (quote)
		add(w, "\"");
}

static void csv_cell(struct geo_writer *w, json_t *v)
{
	char tmp[64];
	if (json_is_string(v))
		csv_cell_text(w, json_string_value(v));
	else if (v && !json_is_null(v))
		add(w, scalar_text(v, tmp, sizeof(tmp)));
}

static void csv_add_col(struct geo_writer *w, const char *name)
{
	for (size_t i = 0; i < w->ncols; i++)
		if (!strcmp(w->cols[i], name))
			return;
	w->cols = xrealloc(w->cols, (w->ncols + 1) * sizeof(*w->cols));
	w->cols[w->ncols++] = xstrdup(name);
}

/* The header from the first feature: id, number, the geometry, the rest. */
static void csv_columns_from(struct geo_writer *w, const struct feature *f)
{
	if (json_object_get(f->props, "id"))
		csv_add_col(w, "id");
	if (f->type == GEOM_POINT) {
		if (json_object_get(f->props, "number"))
			csv_add_col(w, "number");
		csv_add_col(w, "lat");
		csv_add_col(w, "lon");
		csv_add_col(w, "elevation");
	}
	const char *k;
	json_t *v;
	json_object_foreach(f->props, k, v)
		csv_add_col(w, k);
	if (f->type == GEOM_LINESTRING)
		csv_add_col(w, "wkt");
}

static void csv_head(struct geo_writer *w)
{
	add(w, "\xEF\xBB\xBF");
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			add(w, ",");
		csv_cell_text(w, w->cols[i]);
	}
	add(w, "\r\n");
}

static void csv_feature(struct geo_writer *w, const struct feature *f)
{
	for (size_t i = 0; i < w->ncols; i++) {
		const char *c = w->cols[i];
		if (i)
			add(w, ",");
		if (!strcmp(c, "lat") || !strcmp(c, "lon") || !strcmp(c, "elevation")) {
			if (f->type != GEOM_POINT || (c[0] == 'e' && !f->pos[0].has_ele))
				continue;
			add_num(w, c[1] == 'a' ? f->pos[0].lat : c[1] == 'o' ? f->pos[0].lon : f->pos[0].ele,
				c[0] == 'e' ? 2 : 7);
		} else if (!strcmp(c, "wkt")) {
			if (f->type != GEOM_LINESTRING)
				continue;
			bool z = f->pos[0].has_ele;
			add(w, z ? "\"LINESTRING Z (" : "\"LINESTRING (");
			for (size_t k = 0; k < f->npos; k++) {
				if (k)
					add(w, ", ");
				add_num(w, f->pos[k].lon, 7);
				add(w, " ");
				add_num(w, f->pos[k].lat, 7);
				if (z) {
					add(w, " ");
					add_num(w, f->pos[k].has_ele ? f->pos[k].ele : 0, 2);
				}
			}
			add(w, ")\"");
		} else {
			csv_cell(w, json_object_get(f->props, c));
		}
	}
	add(w, "\r\n");
}

/* ---- the writer ---- */

struct geo_writer *geo_writer_new(enum geo_format f, const char *title,
				  const char *const *columns, geo_sink_fn sink, void *arg)
{
	struct geo_writer *w = xcalloc(1, sizeof(*w));
	w->f = f;
	w->sink = sink;
	w->arg = arg;
	w->title = xstrdup(title ? title : "");
	buf_init(&w->b, WRITER_FEATURE_MAX);
	for (; columns && *columns; columns++)
		csv_add_col(w, *columns);
	return w;
}

static void head(struct geo_writer *w, const struct feature *first)
{
	switch (w->f) {
	case GEO_FORMAT_GEOJSON: geojson_head(w); break;
	case GEO_FORMAT_KML: kml_head(w); break;
	case GEO_FORMAT_GPX: gpx_head(w); break;
	case GEO_FORMAT_CSV:
		if (!w->ncols) {
			if (first)
				csv_columns_from(w, first);
			else
				csv_add_col(w, "id");
		}
		csv_head(w);
		break;
	case GEO_FORMAT_NONE: break;
	}
	w->started = true;
}

int geo_writer_feature(struct geo_writer *w, const struct feature *f)
{
	if (w->failed)
		return -1;
	bool first = !w->started;
	if (first)
		head(w, f);
	switch (w->f) {
	case GEO_FORMAT_GEOJSON: geojson_feature(w, f, first); break;
	case GEO_FORMAT_KML: kml_feature(w, f); break;
	case GEO_FORMAT_GPX: gpx_feature(w, f); break;
	case GEO_FORMAT_CSV: csv_feature(w, f); break;
	case GEO_FORMAT_NONE: break;
	}
	return flush(w, false);
}

int geo_writer_end(struct geo_writer *w)
{
	if (w->failed)
		return -1;
	if (!w->started)
		head(w, NULL);
	switch (w->f) {
	case GEO_FORMAT_GEOJSON: add(w, "\n]}\n"); break;
	case GEO_FORMAT_KML: add(w, "</Document>\n</kml>\n"); break;
	case GEO_FORMAT_GPX: add(w, "</gpx>\n"); break;
	case GEO_FORMAT_CSV: break;
	case GEO_FORMAT_NONE: break;
	}
	return flush(w, true);
}

void geo_writer_free(struct geo_writer *w)
{
	if (!w)
		return;
	buf_release(&w->b);
	for (size_t i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	free(w->title);
	free(w);
}
