/*
 * h_files.c - the border registry's files over HTTP: POST
 * /api/import/:layer and GET /api/export/:layer (domain/transfer.h).
 *
 * Import. The body is the file itself, its format named by ?format=, or
 * by its Content-Type (application/geo+json, application/vnd.google-
 * earth.kml+xml, application/gpx+xml, text/csv), or a multipart/form-data
 * upload (a browser's <input type=file>) whose first file part is taken,
 * its format from ?format=, the file name's extension or the part's type.
 * The route's body limit is the import limit (routes.c, HTTP_BODY_IMPORT).
 * The answer is the summary (200), or the error with every problem:
 * {"error": {...}, "problems": [{"where", "code", "message_vi",
 * "message_en"}, ...]}, 422 when features were bad (403 when one of them
 * is out of the user's scope), else the error's own status (400 for a
 * file that is not XML, 413 too large, 403 for a viewer ...).
 * These content types are let through the server's "writes are JSON"
 * rule for this route only: that rule keeps other sites' forms from
 * writing with the user's cookie, and the session cookie is
 * SameSite=Strict anyway, so a cross-site upload carries no session.
 *
 * Export, and why through a temporary file. registry_export pushes
 * features through a callback while it steps through the query, and
 * libmicrohttpd pulls the response body when the socket can take it, on
 * its own schedule. Joining the two directly would need a second thread
 * holding its own database connection, or the query kept open across
 * MHD callbacks (a SQLite read transaction or a PostgreSQL cursor held
 * as long as a slow client reads). Instead the export is written, chunk
 * by chunk, to an anonymous temporary file (O_TMPFILE, else mkstemp and
 * unlink at once: nothing is left behind if the process dies), and that
 * file is sent with MHD_create_response_from_fd, which reads it as the
 * client takes it (sendfile where it can). Memory stays flat (one
 * writer chunk), the query ends before the first byte goes out, and an
 * error found midway is still an honest 4xx/5xx instead of a truncated
 * 200. The cost is disk space the size of the export, for as long as the
 * download lasts, and an answer that starts only when the file is whole:
 * the connection's idle timeout is paused meanwhile (http_timeout_pause,
 * server.c), so the export is not cut however long it takes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "domain/map.h"
#include "domain/transfer.h"
#include "http/handlers.h"

/* ---- import ---- */

/* The value of parameter name in a header like `form-data; name="file"; filename="a.kml"`. */
static bool header_param(const char *h, size_t hlen, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl + 1 < hlen; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') && !strncasecmp(h + i, name, nl) &&
		    h[i + nl] == '=') {
			const char *v = h + i + nl + 1;
			const char *end = h + hlen;
			size_t k = 0;
			if (v < end && *v == '"') {
				v++;
				while (v < end && *v != '"' && k + 1 < n)
					out[k++] = *v++;
			} else {
				while (v < end && *v != ';' && *v != '\r' && k + 1 < n)
					out[k++] = *v++;
			}
			out[k] = '\0';
			return true;
		}
	}
	return false;
}

/*
 * The first file part of a multipart/form-data body (RFC 7578): parts
 * are separated by "--boundary" lines, each with headers, a blank line
 * and its content, up to "\r\n--boundary". false when there is none.
 */
bool http_multipart_file(const char *ct, const char *body, size_t len, struct http_upload *up)
{
	char boundary[128], delim[140];
	if (!header_param(ct, strlen(ct), "boundary", boundary, sizeof(boundary)) || !boundary[0])
		return false;
	int dl = snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	/* The first delimiter has no CRLF before it. */
	const char *p = memmem(body, len, delim + 2, (size_t)dl - 2);
	const char *end = body + len;
	while (p) {
		p += dl - 2;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return false; /* the closing delimiter */
		const char *hdr_end = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hdr_end)
			return false;
		const char *content = hdr_end + 4;
		const char *next = memmem(content, (size_t)(end - content), delim, (size_t)dl);
		if (!next)
			return false;
		bool is_file = false;
		up->type[0] = up->filename[0] = '\0';
		for (const char *h = p; h < hdr_end;) {
			const char *eol = memmem(h, (size_t)(hdr_end + 2 - h), "\r\n", 2);
			size_t hl = (size_t)(eol - h);
			if (hl > 20 && !strncasecmp(h, "Content-Disposition:", 20))
				is_file = header_param(h + 20, hl - 20, "filename", up->filename, sizeof(up->filename));
			else if (hl > 13 && !strncasecmp(h, "Content-Type:", 13)) {
				const char *v = h + 13;
				while (*v == ' ')
					v++;
				snprintf(up->type, sizeof(up->type), "%.*s", (int)(eol - v), v);
			}
			h = eol + 2;
		}
		if (is_file) {
			up->data = content;
			up->len = (size_t)(next - content);
			return true;
		}
		p = next + 2;
	}
	return false;
}

static void reply_import_error(struct req *r, json_t *problems)
{
	const struct bp_error *e = &r->ctx.err;
	json_t *body = json_pack("{s:{s:s, s:s, s:s}, s:O}", "error", "code", e->code[0] ? e->code : "internal",
				 "message_vi", e->message_vi, "message_en", e->message_en,
				 "problems", problems);
	/* Bad features make a 422, unless one of them is out of the user's
	 * reach: then it is 403, as the same write through the API would be. */
	int status = err_http_status(e->kind);
	if (json_array_size(problems) && !strcmp(e->code, "import_rejected")) {
		status = 422;
		size_t i;
		json_t *p;
		json_array_foreach(problems, i, p)
			if (err_kind_of(json_string_value(json_object_get(p, "code"))) == BP_EFORBIDDEN)
				status = 403;
	}
	char *s = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	http_reply_raw(r, status, "application/json; charset=utf-8", s, strlen(s), NULL, NULL);
	free(s);
	json_decref(body);
}

void h_import(struct req *r)
{
	const char *layer = http_param(r, 0);
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
	const char *format = http_query(r, "format");
	struct http_upload up = { .data = r->body.data, .len = r->body.len };
	enum geo_format fmt = GEO_FORMAT_NONE;
	if (!registry_layer_valid(layer)) {
		http_reply_code(r, "layer_unknown", layer);
		return;
	}
	if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
		if (!http_multipart_file(ct, r->body.data, r->body.len, &up)) {
			http_reply_code(r, "multipart_invalid", NULL);
			return;
		}
		fmt = format ? geo_format_parse(format) : geo_format_of_path(up.filename);
		if (!fmt && !format)
			fmt = geo_format_of_media(up.type);
	} else {
		fmt = format ? geo_format_parse(format) : geo_format_of_media(ct);
	}
	if (!fmt) {
		http_reply_code(r, "format_unknown", format ? format : up.filename[0] ? up.filename : ct);
		return;
	}
	if (!up.len) {
		http_reply_code(r, "file_empty", NULL);
		return;
	}
	json_t *summary = NULL, *problems = NULL;
	if (transfer_import(&r->ctx, layer, fmt, up.filename[0] ? up.filename : NULL, up.data, up.len, &summary,
			    &problems))
		reply_import_error(r, problems);
	else
		http_reply_json(r, 200, summary);
	json_decref(summary);
	json_decref(problems);
}

/* ---- export ---- */

int h_sink_fd(void *arg, const char *data, size_t len)
{
	int fd = *(int *)arg;
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* An anonymous temporary file, gone when closed; -1 on failure. */
static int temp_fd(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	int fd;
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	char path[4096];
	snprintf(path, sizeof(path), "%s/bienphong-export-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	return fd;
}

int h_temp_path(char *path, size_t n, const char *prefix)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, "%s/%s-XXXXXX", dir && *dir ? dir : "/tmp", prefix);
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

void h_send_fd(struct req *r, int fd, const char *type, const char *disposition)
{
	off_t size = lseek(fd, 0, SEEK_END);
	struct MHD_Response *resp = size >= 0 ? MHD_create_response_from_fd((uint64_t)size, fd) : NULL;
	if (!resp) {
		close(fd);
		http_reply_code(r, "internal", " (the file could not be sent)");
		return;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Content-Disposition", disposition);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	r->bytes = (size_t)size;
	http_respond(r, 200, resp);
}

void h_export(struct req *r)
{
	const char *layer = http_param(r, 0);
	const char *format = http_query(r, "format");
	struct registry_filter filter = {
		.unit = http_query(r, "unit"),
		.border = http_query(r, "border"),
		.condition = http_query(r, "condition"),
	};
	if (!registry_layer_valid(layer)) {
		http_reply_code(r, "layer_unknown", layer);
		return;
	}
	enum geo_format fmt = format ? geo_format_parse(format) : GEO_FORMAT_GEOJSON;
	if (!fmt) {
		http_reply_code(r, "format_unknown", format);
		return;
	}
	const char *bbox = http_query(r, "bbox");
	if (bbox && map_bbox_parse(&r->ctx, bbox, &filter)) {
		http_reply_ctx_error(r);
		return;
	}
	int fd = temp_fd();
	if (fd < 0) {
		http_reply_code(r, "internal", " (no temporary file for the export)");
		return;
	}
	http_timeout_pause(r);
	enum bp_err rc = transfer_export(&r->ctx, layer, fmt, &filter, h_sink_fd, &fd, NULL);
	http_timeout_resume(r);
	if (rc) {
		close(fd);
		http_reply_ctx_error(r);
		return;
	}
	char disposition[160];
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"bienphong-%s-%s.%s\"", layer,
		 r->ctx.today, geo_format_ext(fmt));
	h_send_fd(r, fd, geo_format_media(fmt), disposition);
}

/* ---- for the other handlers that take or send files (handlers.h) ---- */

void h_reply_import_error(struct req *r, json_t *problems)
{
	reply_import_error(r, problems);
}

bool h_csv_body(struct req *r, const char **data, size_t *len, char *filename, size_t fnlen)
{
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
	*data = r->body.data;
	*len = r->body.len;
	filename[0] = '\0';
	if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
		struct http_upload up = { 0 };
		if (!http_multipart_file(ct, r->body.data, r->body.len, &up)) {
			http_reply_code(r, "multipart_invalid", NULL);
			return false;
		}
		*data = up.data;
		*len = up.len;
		snprintf(filename, fnlen, "%s", up.filename);
	} else if (ct && strncasecmp(ct, "text/csv", 8) && strncasecmp(ct, "text/plain", 10) &&
		   strncasecmp(ct, "application/octet-stream", 24)) {
		http_reply_code(r, "format_unknown", ct);
		return false;
	}
	if (!*len) {
		http_reply_code(r, "file_empty", NULL);
		return false;
	}
	return true;
}

int h_temp_fd(void)
{
	return temp_fd();
}
