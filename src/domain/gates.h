/*
 * gates.h - border gates and openings (cửa khẩu, lối mở): international
 * (quốc tế), main (chính, song phương), secondary (phụ) and openings (lối
 * mở), with their position and the unit responsible (usually the border
 * post of the gate).
 *
 * JSON (docs/registry.md):
 *   {"id", "name", "kind": "international|main|secondary|opening", "border",
 *    "lon", "lat", "notes", "unit": {"id", "code", "name"}, "created_at", "updated_at"}
 * On input "unit" is a unit reference (id or code).
 *
 * Scope: a gate is written by its unit's editors and read in its area
 * (layer.h, LAYER_AREA_CTE): a commune also reads the gates of the border
 * posts that answer for it, as it reads their markers.
 */
#ifndef BP_GATES_H
#define BP_GATES_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/registry.h"

enum bp_err gate_get(struct ctx *c, const char *id, json_t **out);
enum bp_err gate_list(struct ctx *c, const struct registry_filter *f, int limit,
		      const char *cursor, json_t **out);
enum bp_err gate_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		     json_t **out, enum layer_done *done);
/* Deletes a gate (layer_delete); 204 over HTTP. */
enum bp_err gate_delete(struct ctx *c, const char *id);
/* gate_put of an import's record, as a PUT (layer.h, struct layer_bulk). */
enum bp_err gate_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done);
enum bp_err gate_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg);

#endif
