/*
 * h_activities.c - activities over HTTP (docs/participation.md): the
 * records, their totals, and their files (template, import, export). The
 * rules are in domain/activities.c and domain/activity_*.c.
 *
 * Files: the import takes the CSV as the body (text/csv) or as the first
 * file of a multipart/form-data upload, and answers like the registry's
 * import (h_files.c): the summary, or the error with every problem, 422
 * when lines were bad (403 when one was out of the user's scope). The
 * template and the export are written to an anonymous temporary file and
 * sent from it, for the reasons h_files.c gives.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "domain/activities.h"
#include "domain/activity_files.h"
#include "http/handlers.h"

/* JSON with numbers as stored: 15 significant digits give back 106.6604800. */
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

static void read_filter(struct req *r, struct activity_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->type = http_query(r, "type");
	f->category = http_query(r, "category");
	f->unit = http_query(r, "unit");
	f->from = http_query(r, "from");
	f->to = http_query(r, "to");
	f->q = http_query(r, "q");
}

void h_activities_list(struct req *r)
{
	struct activity_filter f;
	int limit;
	if (!http_query_limit(r, &limit))
		return;
	read_filter(r, &f);
	json_t *out = NULL;
	enum bp_err rc = activity_list(&r->ctx, &f, limit, http_query(r, "cursor"), &out);
	reply(r, rc, 200, out);
}

static void api_write(struct req *r, const char *id, enum layer_write mode)
{
	json_t *in = NULL, *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = activity_put(&r->ctx, id, in, mode, &out, &done);
	json_decref(in);
	reply(r, rc, done == LAYER_CREATED ? 201 : 200, out);
}

void h_activities_create(struct req *r) { api_write(r, NULL, LAYER_CREATE); }
void h_activity_put(struct req *r) { api_write(r, http_param(r, 0), LAYER_PUT); }
void h_activity_patch(struct req *r) { api_write(r, http_param(r, 0), LAYER_PATCH); }

void h_activity_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = activity_get(&r->ctx, http_param(r, 0), &out);
	reply(r, rc, 200, out);
}

void h_activity_delete(struct req *r)
{
	if (activity_delete(&r->ctx, http_param(r, 0)))
		http_reply_ctx_error(r);
	else
		http_reply_json(r, 204, NULL);
}

void h_activities_totals(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = activity_totals(&r->ctx, http_query(r, "unit"), http_query(r, "from"),
					 http_query(r, "to"), &out);
	reply(r, rc, 200, out);
}

/* ---- files ---- */

void h_activities_import(struct req *r)
{
	const char *data;
	size_t len;
	char filename[256];
	if (!h_csv_body(r, &data, &len, filename, sizeof(filename)))
		return;
	json_t *summary = NULL, *problems = NULL;
	if (activity_import(&r->ctx, data, len, filename[0] ? filename : NULL, http_query(r, "unit"), &summary,
			    &problems))
		h_reply_import_error(r, problems);
	else
		http_reply_json(r, 200, summary);
	json_decref(summary);
	json_decref(problems);
}

/* Sends the file fd (consumed) as an attachment named name. */
static void send_attachment(struct req *r, int fd, const char *type, const char *name)
{
	char disposition[200];
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", name);
	h_send_fd(r, fd, type, disposition);
}

void h_activities_export(struct req *r)
{
	struct activity_filter f;
	const char *format = http_query(r, "format");
	if (format && strcmp(format, "csv")) {
		http_reply_code(r, "format_activities", format);
		return;
	}
	read_filter(r, &f);
	int fd = h_temp_fd();
	if (fd < 0) {
		http_reply_code(r, "internal", " (no temporary file for the export)");
		return;
	}
	http_timeout_pause(r);
	enum bp_err rc = activity_export_csv(&r->ctx, &f, h_sink_fd, &fd, NULL);
	http_timeout_resume(r);
	if (rc) {
		close(fd);
		http_reply_ctx_error(r);
		return;
	}
	char name[80];
	snprintf(name, sizeof(name), "bienphong-activities-%s.csv", r->ctx.today);
	send_attachment(r, fd, "text/csv; charset=utf-8", name);
}

/*
 * The template is written by path (libxlsxwriter writes files by name):
 * a fresh name in the temporary folder, opened and unlinked at once after
 * writing, so it is gone when the answer is sent or the process dies.
 */
void h_activities_template(struct req *r)
{
	const char *type = http_query(r, "type");
	const char *format = http_query(r, "format");
	enum activity_template_format fmt = ACTIVITY_TEMPLATE_CSV;
	if (format && !activity_template_format_parse(format, &fmt)) {
		http_reply_code(r, "format_activities", format);
		return;
	}
	char path[4096];
	if (h_temp_path(path, sizeof(path), "bienphong-template")) {
		http_reply_code(r, "internal", " (no temporary file for the template)");
		return;
	}
	enum bp_err rc = activity_template(&r->ctx, type, fmt, path);
	int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (rc) {
		http_reply_ctx_error(r);
		return;
	}
	if (fd < 0) {
		http_reply_code(r, "internal", " (the template could not be read)");
		return;
	}
	char name[120];
	snprintf(name, sizeof(name), "bienphong-%s.%s", type, fmt == ACTIVITY_TEMPLATE_XLSX ? "xlsx" : "csv");
	send_attachment(r, fd, fmt == ACTIVITY_TEMPLATE_XLSX
		? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", name);
}
