/*
 * registrations.h - self-management registrations (đăng ký tự quản đường
 * biên, mốc quốc giới): a household or collective undertakes to watch
 * over stretches of the border line and markers, with a border post, for
 * a period.
 *
 * JSON (docs/participation.md):
 *   {"id", "household": {"id", "name", "kind"}, "unit": {"id", "code", "name"},
 *    "post": {"id", "code", "name"}, "date_from", "date_to", "km",
 *    "segments": [{"id", "km", "length_km", "border", "from", "to"}],
 *    "markers": [{"id", "border", "number", "type"}], "notes",
 *    "created_at", "updated_at"}
 * On input "household" is the household's id, "post" a border post (id or
 * code), "segments" a list of segment ids or {"id", "km"} (km: the part of
 * the segment, at most its length; left out: all of it), "markers" a list
 * of marker ids. date_to is the last day (inclusive), or null.
 *
 * Scope: a registration is in its household's unit. Its post, segments
 * and markers must be in the actor's area (layer_access_area: the scope
 * and the posts responsible for its communes), since a commune hands out
 * the stretch of the posts that serve it.
 */
#ifndef BP_REGISTRATIONS_H
#define BP_REGISTRATIONS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/people.h"

enum bp_err registration_get(struct ctx *c, const char *id, json_t **out);
/* Filters: unit, household, active_on. */
enum bp_err registration_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			      json_t **out);
enum bp_err registration_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			     json_t **out, enum layer_done *done);
enum bp_err registration_delete(struct ctx *c, const char *id);

/* Every registration of a household (no access check: the caller's), newest first. */
enum bp_err registration_list_of(struct ctx *c, const char *household_id, json_t **out);
/* Deletes a household's registrations, each with its audit row, in the caller's transaction. */
enum bp_err registration_delete_of_household(struct ctx *c, const char *household_id);

#endif
