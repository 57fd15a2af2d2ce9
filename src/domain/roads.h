/*
 * roads.h - patrol roads (đường tuần tra biên giới) and marker-inspection
 * roads (đường kiểm tra cột mốc): a LineString with its geodesic length
 * computed from it, when built, surface and condition, cost in VNĐ,
 * workdays (ngày công) and the unit that maintains it.
 *
 * JSON (docs/registry.md):
 *   {"id", "name", "kind": "patrol|marker_inspection", "geometry", "length_km",
 *    "bbox", "built", "surface", "condition": "good|damaged|impassable",
 *    "cost_vnd", "workdays", "notes", "unit": {"id", "code", "name"},
 *    "created_at", "updated_at"}
 * On input "unit" is a unit reference; any unit may maintain a road (a
 * post, a commune, a village); "length_km" is never taken from input.
 *
 * Scope: a road is written by its unit's editors and read in its area
 * (layer.h, LAYER_AREA_CTE): a commune also reads the roads of the border
 * posts that answer for it, as it reads their markers.
 */
#ifndef BP_ROADS_H
#define BP_ROADS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/registry.h"

enum bp_err road_get(struct ctx *c, const char *id, json_t **out);
enum bp_err road_list(struct ctx *c, const struct registry_filter *f, int limit,
		      const char *cursor, json_t **out);
enum bp_err road_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		     json_t **out, enum layer_done *done);
/* Deletes a road (layer_delete); 204 over HTTP. */
enum bp_err road_delete(struct ctx *c, const char *id);
/* road_put of an import's record, as a PUT (layer.h, struct layer_bulk). */
enum bp_err road_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done);
enum bp_err road_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg);

#endif
