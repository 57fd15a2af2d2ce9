/*
 * transfer.c - files in and out of the border registry; see transfer.h.
 *
 * An import is one transaction (registry_import_begin/end): the reader
 * hands each feature to registry_import_feature, which stores it or adds
 * its problems to the report; a problem with the file as a whole (not
 * XML, an XML entity, not UTF-8) is added to the report too, so that the
 * end rolls everything back, and is then taken off again: it is the
 * answer's error, not a feature's problem.
 *
 * The CSV columns of each layer are the properties its export writes
 * (markers.c, gates.c, segments.c, roads.c), with the geometry as lat,
 * lon and elevation for points and wkt for lines; an import takes the
 * same columns (length_km is computed and ignored on the way in), so a
 * file exported, edited in a spreadsheet and imported comes back whole.
 */
#include <stdio.h>
#include <string.h>

#include "domain/transfer.h"

static const char *const csv_markers[] = { "id", "number", "lat", "lon", "elevation", "border", "type",
	"form", "built_by", "condition", "last_inspected", "notes", "post", "post_from", NULL };
static const char *const csv_gates[] = { "id", "name", "lat", "lon", "kind", "border", "notes", "unit", NULL };
static const char *const csv_segments[] = { "id", "border", "from", "to", "kind", "length_km", "notes",
	"post", "wkt", NULL };
static const char *const csv_roads[] = { "id", "name", "kind", "length_km", "built", "surface", "condition",
	"cost_vnd", "workdays", "notes", "unit", "wkt", NULL };

const char *const *transfer_csv_columns(const char *layer)
{
	if (!layer)
		return NULL;
	if (!strcmp(layer, "markers"))
		return csv_markers;
	if (!strcmp(layer, "gates"))
		return csv_gates;
	if (!strcmp(layer, "segments"))
		return csv_segments;
	if (!strcmp(layer, "roads"))
		return csv_roads;
	return NULL;
}

/* The export's columns without post_from, which is input only. */
static const char *const *csv_export_columns(const char *layer, const char *buf[16])
{
	const char *const *all = transfer_csv_columns(layer);
	size_t n = 0;
	for (; all && *all && n < 15; all++)
		if (strcmp(*all, "post_from"))
			buf[n++] = *all;
	buf[n] = NULL;
	return buf;
}

struct import_run {
	struct registry_import *imp;
	json_t *report;
	struct ctx *c;
};

static enum bp_err import_one(void *arg, const struct feature *f, struct bp_error *e)
{
	struct import_run *run = arg;
	enum bp_err rc = registry_import_feature(run->imp, f, run->report);
	if (rc && e)
		*e = run->c->err;
	return rc;
}

enum bp_err transfer_import(struct ctx *c, const char *layer, enum geo_format fmt,
			    const char *name, const char *data, size_t len, json_t **summary,
			    json_t **problems)
{
	*summary = NULL;
	*problems = json_array();
	if (!registry_layer_valid(layer))
		return err_set(&c->err, "layer_unknown", layer);
	if (fmt == GEO_FORMAT_NONE)
		return err_set(&c->err, "format_unknown", NULL);
	if (len > geo_import_max())
		return geo_too_large(&c->err);
	struct registry_import *imp = NULL;
	enum bp_err rc = registry_import_begin(c, layer, &imp);
	if (rc)
		return rc;
	if ((rc = registry_import_file(imp, name, data, len))) {
		/* Refused before a feature is read: the import ends empty. */
		struct bp_error dup = c->err;
		json_t *ignored = json_array();
		geo_report_add(ignored, 0, &dup);
		registry_import_end(imp, ignored, NULL);
		json_decref(ignored);
		c->err = dup;
		return rc;
	}
	struct import_run run = { imp, *problems, c };
	struct bp_error file_err;
	err_clear(&file_err);
	enum bp_err read_rc = geo_read(fmt, data, len, transfer_csv_columns(layer), import_one, &run,
				       *problems, &file_err);
	if (read_rc)
		geo_report_add(*problems, 0, &file_err);
	rc = registry_import_end(imp, *problems, summary);
	if (read_rc) {
		json_array_remove(*problems, json_array_size(*problems) - 1);
		c->err = file_err;
		rc = read_rc;
	}
	if (rc) {
		json_decref(*summary);
		*summary = NULL;
	}
	return rc;
}

struct export_run {
	struct geo_writer *w;
	long count;
};

static enum bp_err export_one(void *arg, const struct feature *f, struct bp_error *e)
{
	struct export_run *run = arg;
	if (geo_writer_feature(run->w, f) < 0)
		return err_set(e, "internal", " (the output was closed)");
	run->count++;
	return BP_OK;
}

enum bp_err transfer_export(struct ctx *c, const char *layer, enum geo_format fmt,
			    const struct registry_filter *f, geo_sink_fn sink, void *arg,
			    long *count)
{
	if (count)
		*count = 0;
	if (!registry_layer_valid(layer))
		return err_set(&c->err, "layer_unknown", layer);
	if (fmt == GEO_FORMAT_NONE)
		return err_set(&c->err, "format_unknown", NULL);
	const char *cols[16];
	struct export_run run = { geo_writer_new(fmt, layer, csv_export_columns(layer, cols), sink, arg), 0 };
	enum bp_err rc = registry_export(c, layer, f, export_one, &run);
	if (!rc && geo_writer_end(run.w) < 0)
		rc = err_set(&c->err, "internal", " (the output was closed)");
	geo_writer_free(run.w);
	if (count)
		*count = run.count;
	return rc;
}
