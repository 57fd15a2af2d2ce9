/*
 * json_read.h - a lean JSON reader for the members of a GeoJSON
 * FeatureCollection (geojson.c), which an import reads by the hundred
 * thousand.
 *
 * It builds the same jansson values json_loadb would (objects, arrays,
 * strings, integers, reals, true, false, null), reading the bytes in
 * place: no stream callbacks, and a string without escapes is copied once,
 * straight from the file. It is strict RFC 8259 and gives up, returning
 * NULL, on anything it does not take - a syntax error, a string that is
 * not UTF-8, an integer too large for json_int_t, nesting deeper than
 * GEO_JSON_MAX_DEPTH - so that the caller can hand the same bytes to
 * jansson, whose message names the line and column of the fault.
 */
#ifndef BP_GEO_JSON_READ_H
#define BP_GEO_JSON_READ_H

#include <stddef.h>

#include <jansson.h>

#define GEO_JSON_MAX_DEPTH 64

/*
 * The JSON value that starts at data[0] (after any white space), or NULL.
 * *used gets the number of bytes it took (white space before it included).
 * The caller decrefs the value.
 */
json_t *geo_json_read(const char *data, size_t len, size_t *used);

#endif
