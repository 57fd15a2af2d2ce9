/*
 * h_documents.c - documents, their files and cascade, and tasks over
 * HTTP; the rules are in domain/documents.c, docfile.c and tasks.c.
 *
 * A file is uploaded as multipart/form-data (a browser's <input
 * type=file>); its first file part is taken, with the part's file name.
 * ?id= gives the file a client id, so a retried upload is stored once.
 * The route's body limit is the file limit with room for the multipart
 * envelope (routes.c, HTTP_BODY_DOCFILE); past it the server answers 413
 * file_too_large before the handler runs.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/docfile.h"
#include "domain/documents.h"
#include "domain/tasks.h"
#include "http/handlers.h"

static void reply_write(struct req *r, enum bp_err rc, enum layer_done done, json_t *out)
{
	h_finish(r, rc, done == LAYER_CREATED ? 201 : 200, out);
}

/* ---- documents ---- */

void h_documents_list(struct req *r)
{
	int limit;
	if (!http_query_limit(r, &limit))
		return;
	struct document_filter f = {
		.kind = http_query(r, "kind"), .unit = http_query(r, "unit"), .year = http_query(r, "year"),
		.q = http_query(r, "q"), .implements = http_query(r, "implements"), .limit = limit,
		.cursor = http_query(r, "cursor"),
	};
	json_t *out = NULL;
	enum bp_err rc = document_list(&r->ctx, &f, &out);
	h_finish(r, rc, 200, out);
}

static void doc_write(struct req *r, const char *id, enum layer_write mode)
{
	json_t *in = NULL, *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = document_put(&r->ctx, id, in, mode, &out, &done);
	json_decref(in);
	reply_write(r, rc, done, out);
}

void h_documents_create(struct req *r) { doc_write(r, NULL, LAYER_CREATE); }
void h_document_put(struct req *r) { doc_write(r, http_param(r, 0), LAYER_PUT); }
void h_document_patch(struct req *r) { doc_write(r, http_param(r, 0), LAYER_PATCH); }

void h_document_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = document_get(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

void h_document_delete(struct req *r)
{
	enum bp_err rc = document_delete(&r->ctx, http_param(r, 0));
	h_finish(r, rc, 204, NULL);
}

void h_document_cascade(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = document_cascade(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

/* ---- files ---- */

void h_document_file_add(struct req *r)
{
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
	struct http_upload up;
	if (!ct || strncasecmp(ct, "multipart/form-data", 19)) {
		http_reply_code(r, "multipart_invalid", " (send the file as multipart/form-data)");
		return;
	}
	if (!http_multipart_file(ct, r->body.data, r->body.len, &up)) {
		http_reply_code(r, "multipart_invalid", NULL);
		return;
	}
	json_t *out = NULL;
	bool created = false;
	enum bp_err rc = docfile_add(&r->ctx, http_param(r, 0), http_query(r, "id"), up.filename,
				     (const unsigned char *)up.data, up.len, &out, &created);
	h_finish(r, rc, created ? 201 : 200, out);
}

void h_document_file_get(struct req *r)
{
	unsigned char *data = NULL;
	size_t len = 0;
	json_t *meta = NULL;
	if (docfile_get(&r->ctx, http_param(r, 0), http_param(r, 1), &data, &len, &meta)) {
		http_reply_ctx_error(r);
		return;
	}
	char *disposition = docfile_disposition(json_string_value(json_object_get(meta, "file_name")));
	/* The extra header also keeps the answer out of the JSON answer cache. */
	http_reply_raw(r, 200, json_string_value(json_object_get(meta, "content_type")), data, len,
		       "Content-Disposition", disposition);
	free(disposition);
	free(data);
	json_decref(meta);
}

void h_document_file_delete(struct req *r)
{
	enum bp_err rc = docfile_delete(&r->ctx, http_param(r, 0), http_param(r, 1));
	h_finish(r, rc, 204, NULL);
}

/* ---- tasks ---- */

static void tasks_list(struct req *r, bool overdue)
{
	int limit;
	if (!http_query_limit(r, &limit))
		return;
	const char *od = http_query(r, "overdue");
	if (od && strcmp(od, "1") && strcmp(od, "0") && strcmp(od, "true") && strcmp(od, "false")) {
		http_reply_code(r, "invalid_input", "overdue=1 or overdue=0");
		return;
	}
	struct task_filter f = {
		.unit = http_query(r, "unit"), .status = http_query(r, "status"),
		.overdue = overdue || (od && (!strcmp(od, "1") || !strcmp(od, "true"))),
		.document = http_query(r, "document"), .limit = limit, .cursor = http_query(r, "cursor"),
	};
	json_t *out = NULL;
	enum bp_err rc = task_list(&r->ctx, &f, &out);
	h_finish(r, rc, 200, out);
}

void h_tasks_list(struct req *r) { tasks_list(r, false); }
void h_tasks_overdue(struct req *r) { tasks_list(r, true); }

static void task_write(struct req *r, const char *id, enum layer_write mode)
{
	json_t *in = NULL, *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = task_put(&r->ctx, id, in, mode, &out, &done);
	json_decref(in);
	reply_write(r, rc, done, out);
}

void h_tasks_create(struct req *r) { task_write(r, NULL, LAYER_CREATE); }
void h_task_put(struct req *r) { task_write(r, http_param(r, 0), LAYER_PUT); }
void h_task_patch(struct req *r) { task_write(r, http_param(r, 0), LAYER_PATCH); }

void h_task_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = task_get(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

void h_task_delete(struct req *r)
{
	enum bp_err rc = task_delete(&r->ctx, http_param(r, 0));
	h_finish(r, rc, 204, NULL);
}

void h_task_update_add(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	bool created = false;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = task_update_add(&r->ctx, http_param(r, 0), in, &out, &created);
	json_decref(in);
	h_finish(r, rc, created ? 201 : 200, out);
}
