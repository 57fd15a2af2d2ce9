/*
 * demo.h - the demo province; see demo.c.
 */
#ifndef BP_DEMO_H
#define BP_DEMO_H

#include <jansson.h>

#include "domain/ctx.h"

/* Builds the demo (once) and gives the logins: [{username, password, role, unit}]. */
enum bp_err demo_build(struct ctx *c, json_t **logins);

/* The border registry part (demo_border.c): markers, segments, gates, roads. */
enum bp_err demo_border_build(struct ctx *c);

/* The people's part (demo_people.c): households, registrations, groups, twinnings. */
enum bp_err demo_people_build(struct ctx *c);
/*
 * The direction part (demo_direction.c): the seeds' cascade of documents
 * and the commune plan's tasks. The documents' ids are fixed, for other
 * parts of the demo to refer to them.
 */
#define DEMO_DOC_TW_99 "0d0c0000-0000-4000-8000-000000000099"
#define DEMO_DOC_TTG_89 "0d0c0000-0000-4000-8000-000000000089"
#define DEMO_DOC_LS_111 "0d0c0000-0000-4000-8000-000000000111"
#define DEMO_DOC_KHANGCHIEN_05 "0d0c0000-0000-4000-8000-000000000005"
enum bp_err demo_direction_build(struct ctx *c);
/*
 * The activities of 2021 to today (demo_activities.c), through the
 * activity import: the catalog must be loaded (`bienphong init`).
 */
enum bp_err demo_activities_build(struct ctx *c);
/* Conferences, the 2024 coordination agreement, commendations (demo_coordination.c). */
enum bp_err demo_coordination_build(struct ctx *c);

#endif
