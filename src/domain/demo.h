/*
 * demo.h - the demo province; see demo.c.
 */
#ifndef BP_DEMO_H
#define BP_DEMO_H

#include <jansson.h>

#include "domain/ctx.h"

/* Builds the demo (once) and gives the logins: [{username, password, role, unit}]. */
enum bp_err demo_build(struct ctx *c, json_t **logins);

#endif
