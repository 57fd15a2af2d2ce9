/*
 * formats.h - the file formats of the border registry: GeoJSON (RFC 7946),
 * KML 2.2, GPX 1.1 and CSV (RFC 4180), read and written.
 *
 * Readers take the whole file in memory (at most geo_import_max() bytes,
 * checked by the caller that reads it) and call a feature_fn once per
 * feature, in file order. A bad feature or CSV line is added to the report
 * (geo_report_add) and reading goes on, so the user learns everything that
 * is wrong at once; only a problem with the file as a whole (not JSON, not
 * XML, an XML entity declaration, a CSV that is not UTF-8) stops reading,
 * with an error return. Properties read from XML and CSV are strings; the
 * layer decides what they mean.
 *
 * Writers stream: each feature is formatted into a small buffer that is
 * handed to the sink when it passes GEO_WRITER_CHUNK bytes, so the memory
 * of an export does not grow with the number of features.
 */
#ifndef BP_GEO_FORMATS_H
#define BP_GEO_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "geo/feature.h"

enum geo_format {
	GEO_FORMAT_NONE = 0,
	GEO_FORMAT_GEOJSON,
	GEO_FORMAT_KML,
	GEO_FORMAT_GPX,
	GEO_FORMAT_CSV,
};

#define GEO_IMPORT_MAX_DEFAULT ((size_t)64 * 1024 * 1024)
#define GEO_WRITER_CHUNK (32 * 1024)

/* "geojson" (or "json"), "kml", "gpx", "csv"; GEO_FORMAT_NONE otherwise. */
enum geo_format geo_format_parse(const char *name);
/* From a file name's extension (.geojson, .json, .kml, .gpx, .csv, any case). */
enum geo_format geo_format_of_path(const char *path);
/* From a Content-Type (parameters ignored); NONE for anything else. */
enum geo_format geo_format_of_media(const char *content_type);
const char *geo_format_name(enum geo_format f);
/* The media type with its charset, for Content-Type. */
const char *geo_format_media(enum geo_format f);
/* The file extension without the dot. */
const char *geo_format_ext(enum geo_format f);

/* The largest file an import takes: BIENPHONG_IMPORT_MAX (bytes, may end
 * in K, M or G), else GEO_IMPORT_MAX_DEFAULT. */
size_t geo_import_max(void);
/* Fills e with import_too_large naming the limit; returns its kind. */
enum bp_err geo_too_large(struct bp_error *e);

/*
 * The readers. columns (CSV only) lists the header names a layer takes,
 * NULL for any; "lat" and "lon" are always required, "elevation" becomes
 * the position's height. A report entry's "where" is the feature's number
 * (GeoJSON, KML, GPX) or the line number (CSV).
 */
enum bp_err geojson_read(const char *data, size_t len, feature_fn fn, void *arg,
			 json_t *report, struct bp_error *e);
enum bp_err kml_read(const char *data, size_t len, feature_fn fn, void *arg,
		     json_t *report, struct bp_error *e);
enum bp_err gpx_read(const char *data, size_t len, feature_fn fn, void *arg,
		     json_t *report, struct bp_error *e);
enum bp_err csv_read(const char *data, size_t len, const char *const *columns,
		     feature_fn fn, void *arg, json_t *report, struct bp_error *e);
/* Dispatches to one of the above. */
enum bp_err geo_read(enum geo_format f, const char *data, size_t len,
		     const char *const *csv_columns, feature_fn fn, void *arg,
		     json_t *report, struct bp_error *e);

/*
 * A streaming writer. geo_writer_new never fails; columns (CSV only, may
 * be NULL) fixes the CSV header, else it is taken from the first feature's
 * properties. Each call returns 0, or -1 once the sink has refused data
 * (the reader went away); after that the writer only drops data.
 * geo_writer_end flushes and closes the document; geo_writer_free frees.
 */
struct geo_writer;
struct geo_writer *geo_writer_new(enum geo_format f, const char *title,
				  const char *const *columns, geo_sink_fn sink, void *arg);
int geo_writer_feature(struct geo_writer *w, const struct feature *f);
int geo_writer_end(struct geo_writer *w);
void geo_writer_free(struct geo_writer *w);

/* Helpers the readers and writers share (feature.c). */

/* Formats x with at most decimals digits after the point, trailing zeros
 * dropped ("106.75", "22", "-0.1234567"); returns the length. */
int geo_fmt_num(char *out, size_t n, double x, int decimals);
/* Parses a whole string as a finite number; false when it is not one. */
bool geo_parse_num(const char *s, size_t len, double *out);
/* True when lon and lat lie in WGS84's range. */
bool geo_pos_in_range(const struct geo_pos *p);
/*
 * What is wrong with a position's range: NULL when it is in WGS84's
 * range; "coord_swapped" when it is not but [lat, lon] would lie in the
 * configured region (a file written [lat, lon], as the API tells it);
 * else "coord_invalid".
 */
const char *geo_pos_range_code(const struct geo_pos *p);
/* A deterministic UUID for part i (0-based) of the multi-part feature id,
 * so that a MultiLineString split into lines imports once however often
 * it is imported. */
void geo_part_id(const char *id, size_t i, char out[37]);
/* The label of a feature for formats with one name: "name", else "number". */
const char *geo_feature_label(const struct feature *f);

#endif
