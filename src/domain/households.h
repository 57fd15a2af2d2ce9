/*
 * households.h - households and collectives (hộ gia đình, tập thể) that
 * take part in the movement, chiefly by self-managing the border line and
 * markers (registrations.h).
 *
 * Minimal personal data: the head of household's or the collective's
 * name, the village, a phone, how many people. Identity numbers are
 * refused (personal_id_refused), not stored.
 *
 * JSON (docs/participation.md):
 *   {"id", "kind": "household|collective", "name",
 *    "unit": {"id", "code", "name", "kind"}, "village_name", "phone",
 *    "people", "notes", "created_at", "updated_at"}
 * and, for one household, "registrations": [registration, ...].
 * On input "unit" is the village (a unit of kind village) or, when the
 * village is not in the unit tree, the commune or ward, with the
 * village's name in "village_name".
 */
#ifndef BP_HOUSEHOLDS_H
#define BP_HOUSEHOLDS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/people.h"

enum bp_err household_get(struct ctx *c, const char *id, json_t **out);
/* Filters: unit, village, kind, active_on, q. */
enum bp_err household_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			   json_t **out);
enum bp_err household_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
			  enum layer_done *done);
/* Deletes the household with its registrations; its group memberships lose the link. */
enum bp_err household_delete(struct ctx *c, const char *id);

#endif
