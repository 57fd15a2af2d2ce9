/*
 * segments.h - border line segments (đoạn đường biên giới) between two
 * markers: a LineString on land or along a river, its geodesic length
 * computed from the geometry, the post responsible.
 *
 * JSON (docs/registry.md):
 *   {"id", "border", "from": {"id", "number"}, "to": {"id", "number"} | null,
 *    "kind": "land|river", "geometry": {"type": "LineString", "coordinates"},
 *    "length_km", "bbox": [w, s, e, n], "notes", "post": {"id", "code", "name"},
 *    "created_at", "updated_at"}
 * On input "from" and "to" are a marker's id or its number on the
 * segment's border; "geometry" a LineString or a bare array of positions,
 * and when it is left out the straight line from marker to marker;
 * "length_km" and "bbox" are never taken from input.
 *
 * Scope: a segment belongs to its post and is read in its area, as a
 * marker is (markers.h). The markers it
 * joins may belong to the neighbouring post (a segment ends where the
 * next post's stretch begins), so only their id and number are shown.
 */
#ifndef BP_SEGMENTS_H
#define BP_SEGMENTS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/registry.h"

enum bp_err segment_get(struct ctx *c, const char *id, json_t **out);
/* {"items", "next_cursor"}; "condition" is not a filter of segments. */
enum bp_err segment_list(struct ctx *c, const struct registry_filter *f, int limit,
			 const char *cursor, json_t **out);
enum bp_err segment_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			json_t **out, enum layer_done *done);
/* Deletes a segment (layer_delete); 204 over HTTP. */
enum bp_err segment_delete(struct ctx *c, const char *id);
/* segment_put of an import's record, as a PUT (layer.h, struct layer_bulk). */
enum bp_err segment_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done);
enum bp_err segment_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg);

#endif
