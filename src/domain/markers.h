/*
 * markers.h - border markers (cột mốc): number as written on the ground,
 * the border they stand on, type and form, WGS84 position, who built
 * them, condition with its history, the post responsible with its
 * history, last inspection, notes.
 *
 * A marker is passed in and out as JSON (docs/registry.md):
 *   {"id", "border": "VN-CN", "number": "1116/1", "type": "main|secondary|mark",
 *    "form": "single|pair|triple", "lon", "lat", "elevation", "built_by":
 *    "VN|CN|LA|KH|joint", "condition": "good|damaged|moved|lost",
 *    "last_inspected", "notes", "post": {"id", "code", "name"}, "created_at", "updated_at"}
 * On input "post" is a unit reference (id or code) of a border post, and
 * "post_from" the date it took the marker over (default today).
 *
 * Scope: a marker belongs to its post. Reading needs the post in the
 * actor's scope, or a commune in the scope that the post answers for
 * (layer.h, LAYER_AREA_CTE); writing needs editor and up at the post, and
 * for a change of post, at both the old post and the new one.
 */
#ifndef BP_MARKERS_H
#define BP_MARKERS_H

#include <stdbool.h>
#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/registry.h"

/* True for 1116, 1116/1, 1028/2, 45/1/2: digits, then at most two "/digits". */
bool marker_number_valid(const char *s);

/* One marker with "conditions" and "posts", its two histories. */
enum bp_err marker_get(struct ctx *c, const char *id, json_t **out);

/*
 * {"items", "next_cursor"} in order of border and number (cursor: a
 * next_cursor, else "cursor_invalid"); q (may be NULL)
 * keeps a number and its sub-markers ("1116": 1116, 1116/1 ...).
 */
enum bp_err marker_list(struct ctx *c, const struct registry_filter *f, const char *q, int limit,
			const char *cursor, json_t **out);

/* Creates, replaces or changes a marker (see enum layer_write); *out is the marker. */
enum bp_err marker_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		       json_t **out, enum layer_done *done);

/*
 * Deletes a marker with its condition and post histories: editor and up
 * at its post, audited with the marker and its histories as they were.
 * A marker that a segment ends at, or an activity names, is refused
 * ("marker_in_use", 409) and stays.
 */
enum bp_err marker_delete(struct ctx *c, const char *id);

/* marker_put of an import's record, as a PUT (layer.h, struct layer_bulk). */
enum bp_err marker_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done);

/*
 * Records the marker's condition on a date: {"id"?, "condition", "date"?
 * (default today), "note"?}. The marker's condition becomes that of its
 * latest record, and last_inspected moves up to the date. A record id
 * sent again with the same content is stored once. *out is the marker.
 */
enum bp_err marker_condition_add(struct ctx *c, const char *id, json_t *in, json_t **out,
				 enum layer_done *done);

/* Streams the markers of the filter through fn (registry_export). */
enum bp_err marker_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg);

/*
 * The markers of f in the actor's area for the map, in no particular
 * order, as rows of the columns MARKER_MAP_* (the post's id only): the
 * map writes them out as they come, without the export's properties
 * object (map.c). The caller frees *out.
 */
enum {
	MARKER_MAP_ID, MARKER_MAP_BORDER, MARKER_MAP_NUMBER, MARKER_MAP_TYPE, MARKER_MAP_FORM,
	MARKER_MAP_LON, MARKER_MAP_LAT, MARKER_MAP_ELEVATION, MARKER_MAP_BUILT_BY, MARKER_MAP_CONDITION,
	MARKER_MAP_LAST_INSPECTED, MARKER_MAP_NOTES, MARKER_MAP_UNIT_ID,
};
enum bp_err marker_map_rows(struct ctx *c, const struct registry_filter *f, struct db_rows **out);

#endif
