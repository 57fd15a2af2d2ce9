/*
 * feature.h - geographic features as they cross the file formats (GeoJSON,
 * KML, GPX, CSV) and the border registry: a point or a line of WGS84
 * positions with a flat set of properties.
 *
 * Readers (geojson.c, kml.c, gpx.c, csv.c) call a callback once per
 * feature, in file order, and report every bad feature or line they meet
 * (its number and the reason) instead of stopping at the first, so an
 * import can tell the user everything that is wrong at once. Writers
 * stream: they hand out bytes feature by feature through a sink, so an
 * export of 100,000 features needs the memory of one.
 */
#ifndef BP_GEO_FEATURE_H
#define BP_GEO_FEATURE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util/err.h"

enum geom_type { GEOM_POINT = 1, GEOM_LINESTRING };

struct geo_pos {
	double lon, lat; /* degrees, WGS84 */
	double ele;      /* metres, when has_ele */
	bool has_ele;
};

struct feature {
	enum geom_type type;
	struct geo_pos *pos;  /* 1 for a point, >= 2 for a line */
	size_t npos;
	json_t *props;        /* an object of strings, numbers, booleans or null */
	long where;           /* the feature's number (1-based), or the CSV line */
};

/* Frees the positions and properties; the struct itself is the caller's. */
void feature_release(struct feature *f);

/*
 * Called for each feature read; the callee may keep f->props (take a
 * reference) but not f->pos. When f->props has one reference, the
 * feature's, no one else sees them: the callee may change them (the
 * reader frees them after the call either way). A non-zero return stops the reading and is
 * returned by the reader.
 */
typedef enum bp_err (*feature_fn)(void *arg, const struct feature *f, struct bp_error *e);

/*
 * A report of problems: an array of {"where": N, "code": "...",
 * "message_vi": "...", "message_en": "..."} that readers and importers
 * append to. geo_report_add copies e's code and messages.
 */
void geo_report_add(json_t *report, long where, const struct bp_error *e);

/* A sink for writers: returns 0, or -1 to stop (the reader went away). */
typedef int (*geo_sink_fn)(void *arg, const char *data, size_t len);

#endif
