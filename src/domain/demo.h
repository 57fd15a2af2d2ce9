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

/* Conferences, the 2024 coordination agreement, commendations (demo_coordination.c). */
enum bp_err demo_coordination_build(struct ctx *c);

#endif
