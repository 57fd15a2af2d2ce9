/*
 * groups.h - security and self-management groups of the people, with
 * their members:
 *   tu_quan_antt  tổ tự quản an ninh trật tự thôn, bản;
 *   bao_ve_antt   tổ bảo vệ an ninh, trật tự ở cơ sở, founded from 1 July
 *                 2024 (Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở
 *                 cơ sở 2023), so none is founded before that day;
 *   tau_thuyen    tổ tàu thuyền an toàn (coast).
 *
 * JSON (docs/participation.md):
 *   {"id", "kind", "name", "unit": {"id", "code", "name", "kind"},
 *    "founded", "dissolved", "notes",
 *    "members": [{"id", "name", "role": "leader|deputy|member",
 *                 "household": {"id", "name"} | null, "date_from", "date_to"}],
 *    "created_at", "updated_at"}
 * On input "unit" is a village, commune or ward; a member's "household"
 * is a household's id (a member may be a household's head), "date_from"
 * defaults to the group's founding day and may not precede it, "date_to"
 * is the last day (inclusive). "dissolved" is the day the group ended.
 * A write replaces the members as a whole.
 */
#ifndef BP_GROUPS_H
#define BP_GROUPS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"
#include "domain/people.h"

enum bp_err group_get(struct ctx *c, const char *id, json_t **out);
/* Filters: unit, kind, active_on, q. */
enum bp_err group_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
		       json_t **out);
enum bp_err group_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
		      enum layer_done *done);
enum bp_err group_delete(struct ctx *c, const char *id);

extern const char *const group_kinds[];

#endif
