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

#endif
