/*
 * twinnings.h - twinning of residential clusters across the border (kết
 * nghĩa cụm dân cư hai bên biên giới): one of our villages or communes
 * and a cluster on the other side, from the day it was signed until the
 * day it ended.
 *
 * JSON (docs/participation.md):
 *   {"id", "unit": {"id", "code", "name", "kind"}, "other_name",
 *    "other_country": "CN|LA|KH", "signed", "ended", "notes",
 *    "created_at", "updated_at"}
 * On input "unit" is a village, commune or ward (id or code).
 */
#ifndef BP_TWINNINGS_H
#define BP_TWINNINGS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/people.h"

enum bp_err twinning_get(struct ctx *c, const char *id, json_t **out);
/* Filters: unit, country, active_on, q. */
enum bp_err twinning_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			  json_t **out);
enum bp_err twinning_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
			 enum layer_done *done);
enum bp_err twinning_delete(struct ctx *c, const char *id);

#endif
