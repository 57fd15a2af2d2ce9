/*
 * report_templates.h - report templates as data (docs/reports.md,
 * "Templates"): which figures, in what order, under which headings, and
 * the sentences of the narrative. The program ships with some
 * (catalog/report_*.json, loaded by `bienphong init`); an admin writes
 * others, or changes these, through the API.
 */
#ifndef BP_REPORT_TEMPLATES_H
#define BP_REPORT_TEMPLATES_H

#include <jansson.h>

#include "domain/ctx.h"

/* Loads the shipped templates that are not stored yet; *added gets how many. */
enum bp_err report_templates_seed(struct ctx *c, int *added);

/* {"items": [{"code", "name_vi", "name_en", "builtin", "updated_at"}]}, by code. */
enum bp_err report_templates_list(struct ctx *c, json_t **out);

/* The template's body; "report_template_not_found" when there is none. */
enum bp_err report_template_get(struct ctx *c, const char *code, json_t **out);

/*
 * Stores a template under code (admin only; audited): checked whole
 * first — every figure names a source that exists (an activity type and
 * one of its indicators, a stock, a direction count), keys are unique,
 * and the narrative names only the template's figures. *created tells a
 * new one from a change.
 */
enum bp_err report_template_put(struct ctx *c, const char *code, json_t *body, bool *created);

/* The check alone; detail of the error names the part at fault. */
enum bp_err report_template_check(struct ctx *c, json_t *body);

#endif
