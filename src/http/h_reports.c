/*
 * h_reports.c - reports over HTTP (docs/reports.md): a report as JSON
 * (and, through report_out.h, as CSV, XLSX, HTML and text), and the
 * report templates. The rules are in domain/reports.c and
 * domain/report_templates.c.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/report_templates.h"
#include "domain/reports.h"
#include "http/handlers.h"

/* JSON with decimals as stored (70.5, not 70.500000000000001). */
static void reply(struct req *r, enum bp_err rc, int status, json_t *out)
{
	if (rc) {
		http_reply_ctx_error(r);
	} else {
		char *s = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		http_reply_raw(r, status, "application/json; charset=utf-8", s, strlen(s), NULL, NULL);
		free(s);
	}
	json_decref(out);
}

void h_reports_run(struct req *r)
{
	struct report_params p = {
		.unit = http_query(r, "unit"), .period = http_query(r, "period"),
		.template = http_query(r, "template"), .issuer = http_query(r, "issuer"),
		.superior = http_query(r, "superior"), .number = http_query(r, "number"),
		.place = http_query(r, "place"), .date = http_query(r, "date"),
		.recipients = http_query(r, "recipients"), .signer_title = http_query(r, "signer_title"),
		.signer = http_query(r, "signer"),
	};
	const char *format = http_query(r, "format");
	if (format && *format && strcmp(format, "json")) {
		err_set(&r->ctx.err, "report_format_invalid", format);
		snprintf(r->ctx.err.field, sizeof(r->ctx.err.field), "format");
		http_reply_ctx_error(r);
		return;
	}
	json_t *out = NULL;
	enum bp_err rc = report_run(&r->ctx, &p, &out);
	reply(r, rc, 200, out);
}

void h_report_templates_list(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = report_templates_list(&r->ctx, &out);
	reply(r, rc, 200, out);
}

void h_report_template_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = report_template_get(&r->ctx, http_param(r, 0), &out);
	reply(r, rc, 200, out);
}

void h_report_template_put(struct req *r)
{
	json_t *in = NULL;
	bool created = false;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = report_template_put(&r->ctx, http_param(r, 0), in, &created);
	reply(r, rc, created ? 201 : 200, rc ? NULL : json_incref(in));
	json_decref(in);
}
