/*
 * h_reports.c - reports over HTTP (docs/reports.md): a report as JSON
 * (and, through report_out.h, as CSV, XLSX, HTML and text), and the
 * report templates. The rules are in domain/reports.c and
 * domain/report_templates.c.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/report_out.h"
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

/* Letters, digits, '-' and '.' of s for a file name in a header. */
static void name_part(char *out, size_t n, const char *s)
{
	size_t k = 0;
	for (; s && *s && k + 1 < n; s++)
		out[k++] = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			    *s == '-' || *s == '.') ? *s : '_';
	out[k] = '\0';
}

/*
 * A report in a format other than JSON. The workbook is written by path
 * (libxlsxwriter writes files by name) to a fresh name in the temporary
 * folder, opened again and unlinked at once, and sent from the open file.
 * The HTML page shows in the browser, the files come as attachments.
 */
static void reply_format(struct req *r, const json_t *report, enum report_out_format fmt, const char *lang,
			 bool round, const char *unit, const char *period)
{
	char u[40], per[40], disposition[160];
	struct buf b;
	enum bp_err rc = BP_OK;
	name_part(u, sizeof(u), unit);
	name_part(per, sizeof(per), period);
	snprintf(disposition, sizeof(disposition), "%s; filename=\"bienphong-report-%s-%s.%s\"",
		 fmt == REPORT_OUT_HTML ? "inline" : "attachment", u, per, report_out_extension(fmt));
	if (fmt == REPORT_OUT_XLSX) {
		char path[4096];
		if (h_temp_path(path, sizeof(path), "bienphong-report")) {
			http_reply_code(r, "internal", " (no temporary file for the workbook)");
			return;
		}
		rc = report_xlsx(report, lang, path, &r->ctx.err);
		int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
		unlink(path);
		if (rc)
			http_reply_ctx_error(r);
		else if (fd < 0)
			http_reply_code(r, "internal", " (the workbook could not be read)");
		else
			h_send_fd(r, fd, report_out_media_type(fmt), disposition);
		return;
	}
	buf_init(&b, 256u << 20);
	rc = report_out_render(report, fmt, lang, round, &b, &r->ctx.err);
	if (rc)
		http_reply_ctx_error(r);
	else
		http_reply_raw(r, 200, report_out_media_type(fmt), b.data, b.len, "Content-Disposition", disposition);
	buf_release(&b);
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
	enum report_out_format fmt = REPORT_OUT_JSON;
	if (format && *format && !report_out_format_parse(format, &fmt)) {
		err_set(&r->ctx.err, "report_format_invalid", format);
		snprintf(r->ctx.err.field, sizeof(r->ctx.err.field), "format");
		http_reply_ctx_error(r);
		return;
	}
	const char *lang = http_query(r, "lang");
	if (lang && !*lang)
		lang = NULL;
	if (lang && strcmp(lang, "vi") && strcmp(lang, "en")) {
		err_set(&r->ctx.err, "report_lang_invalid", lang);
		snprintf(r->ctx.err.field, sizeof(r->ctx.err.field), "lang");
		http_reply_ctx_error(r);
		return;
	}
	const char *round_s = http_query(r, "round");
	bool round = round_s && (!strcmp(round_s, "1") || !strcmp(round_s, "true"));
	json_t *out = NULL;
	enum bp_err rc = report_run(&r->ctx, &p, &out);
	if (rc || fmt == REPORT_OUT_JSON) {
		reply(r, rc, 200, out);
		return;
	}
	reply_format(r, out, fmt, lang, round, p.unit, p.period);
	json_decref(out);
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
