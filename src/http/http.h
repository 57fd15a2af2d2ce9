/*
 * http.h - the HTTP face of bienphong on libmicrohttpd.
 *
 * A request is read whole (up to a maximum body size) into a struct req,
 * routed by a static table (routes.c) to a handler, which parses its
 * input, calls one domain function, and sends its result with
 * http_reply_json or http_reply_error. Handlers hold no rules and no SQL.
 */
#ifndef BP_HTTP_H
#define BP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "domain/ctx.h"
#include "util/buf.h"

#define HTTP_BODY_MAX_DEFAULT (1024 * 1024)
#define HTTP_TIMEOUT_DEFAULT 30 /* seconds; serve --timeout */
#define HTTP_MAX_PARAMS 4

struct http_config {
	const char *listen;   /* "127.0.0.1:8080", "[::1]:8080", ":8080" */
	const char *db_url;
	const char *web_root; /* folder of the web UI, NULL for none */
	unsigned threads;
	size_t body_max;
	unsigned timeout;     /* seconds a connection may sit idle (0: never closed) */
	bool quiet;           /* no request log */
	bool cookie_secure;   /* session cookie only over HTTPS (behind a TLS proxy) */
};

struct req {
	struct MHD_Connection *conn;
	const char *method;
	const char *url;
	const char *params[HTTP_MAX_PARAMS];
	char param_buf[HTTP_MAX_PARAMS][128];
	int nparams;
	struct buf body;
	size_t body_max;   /* the route's, or cfg->body_max */
	bool too_large;
	bool responded;
	int status;
	size_t bytes;
	struct ctx ctx;
	char remote[64];
	struct timespec start;
	const struct http_config *cfg;
	const char *token; /* session token of the request, if any */
	char *cache_key;   /* a GET whose 200 answer may be cached, else NULL */
	struct db_version cache_version; /* the database's, read before the answer was made */
};

typedef void (*http_handler)(struct req *r);

enum route_auth {
	ROUTE_PUBLIC,   /* no login needed */
	ROUTE_USER,     /* a valid session; the domain checks the rest */
};

/* A route's body_max that means the import limit, geo_import_max(). */
#define HTTP_BODY_IMPORT ((size_t)-1)
/* A route's body_max that means a document's attached file, DOCFILE_MAX. */
#define HTTP_BODY_DOCFILE ((size_t)-2)

struct route {
	const char *method;
	const char *pattern; /* "/api/units/:id/move" */
	http_handler handler;
	enum route_auth auth;
	const char *summary;
	/* Most rows leave these out (zero): */
	size_t body_max;     /* 0: the server's (cfg->body_max); HTTP_BODY_IMPORT */
	bool file_body;      /* the body may be a file (GeoJSON, KML, GPX, CSV,
				multipart/form-data), not only JSON */
};

extern const struct route http_routes[];
extern const size_t http_routes_count;

/* Runs the server until SIGINT or SIGTERM; returns a process exit code. */
int http_serve(const struct http_config *cfg);

/* Replies. Each takes the JSON (json may be NULL for an empty body). */
void http_reply_json(struct req *r, int status, json_t *json);
void http_reply_error(struct req *r, const struct bp_error *e);
/* Replies with r->ctx.err, the error a domain function filled. */
void http_reply_ctx_error(struct req *r);
void http_reply_code(struct req *r, const char *code, const char *detail);
void http_reply_raw(struct req *r, int status, const char *content_type,
		    const void *data, size_t len, const char *extra_header,
		    const char *extra_value);

/* Request helpers. */
const char *http_query(struct req *r, const char *name);
/* The query's limit (default 100, 1..1000) into *limit; false after replying with an error. */
bool http_query_limit(struct req *r, int *limit);
/* The JSON object body; false after replying with an error. Caller decrefs. */
bool http_body_json(struct req *r, json_t **out);
/* Path parameter i (0-based). */
const char *http_param(struct req *r, int i);

/* A file uploaded as multipart/form-data (h_files.c): its bytes point into the body. */
struct http_upload {
	const char *data;
	size_t len;
	char filename[256];
	char type[128];
};
/* The first file part of a multipart/form-data body of type ct; false when none. */
bool http_multipart_file(const char *ct, const char *body, size_t len, struct http_upload *up);

/* Static files from cfg->web_root; false when not a static path. */
bool http_static(struct req *r);

/* Queues resp (and destroys it) with the security headers, and logs the request. */
void http_respond(struct req *r, int status, struct MHD_Response *resp);
/* Adds the security headers every response carries. */
void http_secure_headers(struct MHD_Response *resp);
/* The headers of every API answer: its type, no-store, the security ones. */
void http_answer_headers(struct MHD_Response *resp, const char *content_type);
/* Queues a response the caller keeps (a cached one) and logs the request. */
void http_respond_kept(struct req *r, int status, struct MHD_Response *resp, size_t bytes);
/*
 * Around work that may outlast the idle timeout before the first byte of
 * the answer (an export written whole first): pause stops the
 * connection's idle timer, resume starts it again from now. server.c.
 */
void http_timeout_pause(struct req *r);
void http_timeout_resume(struct req *r);

#endif
