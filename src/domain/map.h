/*
 * map.h - the map's one request: every layer of the border registry in a
 * bounding box, as one GeoJSON FeatureCollection (RFC 7946), within the
 * actor's scope.
 */
#ifndef BP_MAP_H
#define BP_MAP_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/registry.h"
#include "util/buf.h"

/* At most this many features in one answer; past it "truncated": true. */
#define MAP_MAX_FEATURES 20000

/*
 * Parses "west,south,east,north" into f (has_bbox); "bbox_invalid" when
 * malformed, out of WGS84's range or empty (west >= east or south >= north).
 */
enum bp_err map_bbox_parse(struct ctx *c, const char *s, struct registry_filter *f);

/*
 * The FeatureCollection of the layers (a comma-separated list of markers,
 * segments, gates, roads; NULL for all) in f, as JSON text appended to
 * out (which the caller made with room for it: MAP_OUT_MAX); *features
 * gets their number. Each feature carries its record id as "id" and its
 * layer as the property "layer", with the properties an export writes,
 * but for its unit ("post" or "unit"), which is {"id", "code", "name"} as
 * in the layers' lists. Nothing is appended on an error but a start the
 * caller throws away.
 */
enum bp_err map_collection(struct ctx *c, const struct registry_filter *f, const char *layers,
			   struct buf *out, long *features);

/* The room to give map_collection's out: enough for MAP_MAX_FEATURES of any size stored. */
#define MAP_OUT_MAX ((size_t)1 << 34)

#endif
