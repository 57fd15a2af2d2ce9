/*
 * reports.h - the report engine: a unit and a period laid out by a
 * template into figures (flows, stocks, direction), each beside the
 * previous period's and broken down by child unit. The JSON it gives is
 * described in docs/reports.md; report_out.h writes it as CSV, XLSX,
 * HTML and text.
 *
 * Flows are read from the roll-up (report_rollup.h), so a report costs
 * the same for a commune's month and the nation's ten years.
 */
#ifndef BP_REPORTS_H
#define BP_REPORTS_H

#include <stdbool.h>

#include <jansson.h>

#include "domain/ctx.h"

struct report_params {
	const char *unit;     /* id or code; NULL: the actor's unit */
	const char *period;   /* as period.h reads it; required */
	const char *template; /* a template code; NULL: "phong_trao_nam" */
	/* The document's head and foot (docs/reports.md); NULL: from the unit. */
	const char *issuer, *superior, *number, *place, *date, *recipients, *signer_title, *signer;
};

#define REPORT_DEFAULT_TEMPLATE "phong_trao_nam"

/* The report as JSON (docs/reports.md), for a reader of the unit. */
enum bp_err report_run(struct ctx *c, const struct report_params *p, json_t **out);

/* Whether a stock or direction figure of that key exists (templates are
 * checked against these). */
bool report_stock_known(const char *key);
bool report_direction_known(const char *key);

#endif
