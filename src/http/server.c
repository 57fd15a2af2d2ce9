/*
 * server.c - the libmicrohttpd daemon: reading requests, routing,
 * authentication, replies, the request log.
 *
 * The daemon runs a pool of threads, each with its own database connection
 * (db_thread_get), so no state is shared between requests but the
 * configuration. A request's body is collected up to its route's maximum
 * (route.body_max: cfg->body_max unless the route says otherwise, as the
 * file import does); past that it is drained and answered 413. Every
 * response carries the security headers (http_respond adds them; an API
 * answer, cached or not, has them from http_answer_headers) and gets its
 * log line.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "db/db.h"
#include "geo/formats.h"
#include "domain/docfile.h"
#include "domain/users.h"
#include "http/cache.h"
#include "http/http.h"
#include "util/json.h"
#include "util/xmalloc.h"

void http_secure_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Content-Security-Policy",
		"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
		" object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

void http_answer_headers(struct MHD_Response *resp, const char *content_type)
{
	if (content_type)
		MHD_add_response_header(resp, "Content-Type", content_type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	http_secure_headers(resp);
}

static void respond_log(struct req *r, int status)
{
	r->responded = true;
	r->status = status;
	if (!r->cfg->quiet)
		fprintf(stderr, "%s %s %s %d %zu %.1fms %s\n", r->remote, r->method, r->url, status,
			r->bytes, elapsed_ms(&r->start),
			r->ctx.actor.username[0] ? r->ctx.actor.username : "-");
}

void http_respond(struct req *r, int status, struct MHD_Response *resp)
{
	http_secure_headers(resp);
	MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	respond_log(r, status);
}

void http_respond_kept(struct req *r, int status, struct MHD_Response *resp, size_t bytes)
{
	MHD_queue_response(r->conn, (unsigned)status, resp);
	r->bytes = bytes;
	respond_log(r, status);
}

void http_reply_raw(struct req *r, int status, const char *content_type,
		    const void *data, size_t len, const char *extra_header,
		    const char *extra_value)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)data,
								     MHD_RESPMEM_MUST_COPY);
	http_answer_headers(resp, content_type);
	if (extra_header)
		MHD_add_response_header(resp, extra_header, extra_value);
	if (r->cache_key && status == 200 && !extra_header)
		http_cache_answer_put(r->ctx.actor.user_id, r->cache_key, content_type, data, len,
				      &r->cache_version);
	http_respond_kept(r, status, resp, len);
	MHD_destroy_response(resp);
}

void http_reply_json(struct req *r, int status, json_t *json)
{
	if (!json) {
		http_reply_raw(r, status, NULL, "", 0, NULL, NULL);
		return;
	}
	char *s = json_dumps(json, JSON_COMPACT | JSON_PRESERVE_ORDER);
	http_reply_raw(r, status, "application/json; charset=utf-8", s, strlen(s), NULL, NULL);
	free(s);
}

/* The error reply, with one extra header (Retry-After wins over it). */
static void reply_error_with(struct req *r, const struct bp_error *e, const char *header,
			     const char *value)
{
	json_t *err = json_pack("{s:s, s:s, s:s}", "code", e->code[0] ? e->code : "internal",
				"message_vi", e->message_vi, "message_en", e->message_en);
	if (e->field[0])
		json_object_set_new(err, "field", json_string(e->field));
	json_t *body = json_pack("{s:o}", "error", err);
	char *s = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	int status = err_http_status(e->kind);
	const char *retry = NULL;
	if (e->kind == BP_ETHROTTLED) {
		/* "... sau 840 giây": the number is the detail of the message. */
		const char *p = strpbrk(e->message_en, "0123456789");
		retry = p;
	}
	char retry_buf[16] = "";
	if (retry)
		snprintf(retry_buf, sizeof(retry_buf), "%ld", strtol(retry, NULL, 10));
	http_reply_raw(r, status, "application/json; charset=utf-8", s, strlen(s),
		       retry ? "Retry-After" : header, retry ? retry_buf : value);
	free(s);
	json_decref(body);
}

void http_reply_error(struct req *r, const struct bp_error *e)
{
	reply_error_with(r, e, NULL, NULL);
}

/* 405 with the Allow header that RFC 9110 requires: the methods the address takes. */
static void reply_method_not_allowed(struct req *r, const char *allow)
{
	struct bp_error e;
	err_set(&e, "method_not_allowed", NULL);
	reply_error_with(r, &e, "Allow", allow);
}

void http_reply_ctx_error(struct req *r)
{
	if (r->ctx.err.kind == BP_OK)
		err_set(&r->ctx.err, "internal", " (an error without a code)");
	http_reply_error(r, &r->ctx.err);
}

void http_reply_code(struct req *r, const char *code, const char *detail)
{
	struct bp_error e;
	err_set(&e, code, detail);
	http_reply_error(r, &e);
}

const char *http_query(struct req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

bool http_query_limit(struct req *r, int *limit)
{
	const char *s = http_query(r, "limit");
	*limit = 100;
	if (!s)
		return true;
	char *end = NULL;
	long n = strtol(s, &end, 10);
	if (*end || n < 1 || n > 1000) {
		http_reply_code(r, "limit_invalid", NULL);
		return false;
	}
	*limit = (int)n;
	return true;
}

bool http_body_json(struct req *r, json_t **out)
{
	struct bp_error e;
	if (json_parse_object(r->body.data, r->body.len, out, &e)) {
		http_reply_error(r, &e);
		return false;
	}
	return true;
}

const char *http_param(struct req *r, int i)
{
	return i < r->nparams ? r->params[i] : "";
}

/* Matches path against pattern, filling r->params; true on a match. */
static bool route_match(const char *pattern, const char *path, struct req *r)
{
	int n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == ':') {
			while (*p && *p != '/')
				p++;
			const char *end = strchr(s, '/');
			size_t len = end ? (size_t)(end - s) : strlen(s);
			if (len == 0 || len >= sizeof(r->param_buf[0]) || n >= HTTP_MAX_PARAMS)
				return false;
			memcpy(r->param_buf[n], s, len);
			r->param_buf[n][len] = '\0';
			r->params[n] = r->param_buf[n];
			n++;
			s += len;
		} else if (*p++ != *s++)
			return false;
	}
	if (*p || *s)
		return false;
	r->nparams = n;
	return true;
}

static const char *request_token(struct req *r)
{
	const char *auth = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
	if (auth && !strncasecmp(auth, "Bearer ", 7))
		return auth + 7;
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "bp_session");
}

static bool is_write(const char *method)
{
	return !strcmp(method, "POST") || !strcmp(method, "PUT") || !strcmp(method, "PATCH") ||
	       !strcmp(method, "DELETE");
}

/* A length and a text, "5:abcde": no two lists of them read the same. */
static void key_add(struct buf *key, const char *s)
{
	char num[24];
	size_t len = strlen(s), n = len, i = sizeof(num);
	num[--i] = ':';
	do
		num[--i] = (char)('0' + n % 10);
	while ((n /= 10) && i);
	buf_add(key, num + i, sizeof(num) - i);
	buf_add(key, s, len);
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	(void)kind;
	/* Lengths first, so "a=b&c" and "a=b" + "c" can never make one key. */
	buf_addc(cls, '&');
	key_add(cls, key);
	buf_addc(cls, '=');
	key_add(cls, value ? value : "");
	return MHD_YES;
}

/*
 * A GET of a logged-in user: answers it from the cache when it can;
 * otherwise marks the request so its answer is kept (cache.h).
 */
static bool answer_from_cache(struct req *r, const struct db_version *v)
{
	/* No bound of its own: libmicrohttpd's memory for the request (32
	 * KiB) bounds the address and its query, and a key cut short could
	 * stand for two different requests. */
	struct buf key;
	buf_init(&key, SIZE_MAX / 4);
	buf_adds(&key, r->ctx.today);
	buf_addc(&key, ' ');
	buf_adds(&key, r->url);
	buf_addc(&key, '?');
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_query, &key);
	size_t len = 0;
	struct MHD_Response *resp = http_cache_answer_get(r->ctx.actor.user_id, key.data, v, &len);
	if (resp) {
		http_respond_kept(r, 200, resp, len);
		buf_release(&key);
		return true;
	}
	free(r->cache_key);
	r->cache_key = buf_detach(&key, NULL);
	r->cache_version = *v;
	return false;
}

static void dispatch(struct req *r)
{
	const char *path = r->url;
	if (strncmp(path, "/api/", 5) && strcmp(path, "/api")) {
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
			reply_method_not_allowed(r, "GET, HEAD");
			return;
		}
		if (!http_static(r))
			http_reply_code(r, "not_found", NULL);
		return;
	}
	const struct route *hit = NULL;
	bool path_known = false;
	for (size_t i = 0; i < http_routes_count; i++) {
		if (!route_match(http_routes[i].pattern, path, r))
			continue;
		path_known = true;
		if (!strcmp(http_routes[i].method, r->method)) {
			hit = &http_routes[i];
			break;
		}
	}
	if (!hit && path_known) {
		char allow[64] = "";
		for (size_t i = 0; i < http_routes_count; i++)
			if (route_match(http_routes[i].pattern, path, r) && !strstr(allow, http_routes[i].method))
				snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow), "%s%s",
					 allow[0] ? ", " : "", http_routes[i].method);
		reply_method_not_allowed(r, allow);
		return;
	}
	if (!hit) {
		http_reply_code(r, "not_found", NULL);
		return;
	}
	if (r->too_large) {
		struct bp_error e;
		char max[32];
		snprintf(max, sizeof(max), "%zu bytes", r->body_max);
		if (hit->body_max == HTTP_BODY_IMPORT)
			geo_too_large(&e); /* names the limit users set */
		else if (hit->body_max == HTTP_BODY_DOCFILE)
			err_set(&e, "file_too_large", DOCFILE_MAX_TEXT);
		else
			err_set(&e, "body_too_large", max);
		http_reply_error(r, &e);
		return;
	}
	/* A write with a body must say it is JSON: a form on another site
	 * cannot send that without the browser asking first. A route that
	 * takes files (file_body) also takes the files' own types and
	 * multipart/form-data; the SameSite=Strict session cookie keeps
	 * other sites' forms from sending them with a session. */
	if (is_write(r->method) && r->body.len) {
		const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
		bool file_ok = hit->file_body && ct &&
			       (geo_format_of_media(ct) || !strncasecmp(ct, "multipart/form-data", 19));
		if (!file_ok && (!ct || strncasecmp(ct, "application/json", 16))) {
			http_reply_code(r, "media_type", NULL);
			return;
		}
	}
	r->token = request_token(r);
	bool is_get = !strcmp(r->method, "GET");
	struct db *db = NULL;
	if (db_thread_get(&db, &r->ctx.err)) {
		http_reply_ctx_error(r);
		return;
	}
	r->ctx.db = db;
	/* The database's version before anything is read from it (cache.h):
	 * a user's session and answers are kept under it. */
	struct db_version v;
	bool keep = hit->auth == ROUTE_USER && http_cache_on() && db_version_get(db, &v);
	if (keep && http_cache_session_get(r->token, &v, &r->ctx.actor)) {
		if (is_get && answer_from_cache(r, &v))
			return;
	}
	if (hit->auth == ROUTE_USER && !r->ctx.actor.user_id[0]) {
		if (auth_session(&r->ctx, r->token)) {
			http_reply_ctx_error(r);
			return;
		}
		if (keep) {
			http_cache_session_put(r->token, &r->ctx.actor, &v);
			if (is_get && answer_from_cache(r, &v))
				return;
		}
	}
	hit->handler(r);
	if (!r->responded)
		http_reply_code(r, "internal", " (no reply)");
}

/*
 * The body maximum of the request's route: its own, or the server's. The
 * import limit comes with room for a multipart envelope around the file.
 */
static size_t route_body_max(struct req *r)
{
	for (size_t i = 0; i < http_routes_count; i++) {
		const struct route *rt = &http_routes[i];
		if (strcmp(rt->method, r->method) || !route_match(rt->pattern, r->url, r))
			continue;
		if (rt->body_max == HTTP_BODY_IMPORT)
			return geo_import_max() + 64 * 1024;
		if (rt->body_max == HTTP_BODY_DOCFILE)
			return DOCFILE_MAX + 64 * 1024;
		if (rt->body_max)
			return rt->body_max;
		break;
	}
	return r->cfg->body_max;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)version;
	const struct http_config *cfg = cls;
	struct req *r = *con_cls;
	if (!r) {
		r = xcalloc(1, sizeof(*r));
		clock_gettime(CLOCK_MONOTONIC, &r->start);
		r->conn = conn;
		r->method = method;
		r->url = url;
		r->cfg = cfg;
		/* Only writes take a body: a read is held to the server's maximum
		 * without a walk through the routes. */
		r->body_max = is_write(method) ? route_body_max(r) : cfg->body_max;
		buf_init(&r->body, r->body_max);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->remote, sizeof(r->remote));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->remote, sizeof(r->remote));
		}
		if (!r->remote[0])
			snprintf(r->remote, sizeof(r->remote), "-");
		ctx_init(&r->ctx, NULL, r->remote);
		*con_cls = r;
		/* A declared body over the limit is refused before it is sent
		 * when the client waits for that (Expect: 100-continue). Else it
		 * is already on its way: it is read and dropped and the 413 sent
		 * after it, since closing a connection with unread data resets
		 * it, and the client would never read the answer. */
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > r->body_max) {
			const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");
			char max[32];
			snprintf(max, sizeof(max), "%zu bytes", r->body_max);
			if (expect && !strcasecmp(expect, "100-continue"))
				http_reply_code(r, "body_too_large", max);
			else
				r->too_large = true;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->responded && !r->too_large && buf_add(&r->body, upload_data, *upload_size) < 0)
			r->too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (!r->responded)
		dispatch(r);
	return MHD_YES;
}

/*
 * libmicrohttpd closes a connection that has read or written nothing for
 * the timeout (MHD_OPTION_CONNECTION_TIMEOUT), which is what frees the
 * server from clients that connect and go quiet. Its check runs on the
 * connection's own thread, and a handler runs on that thread too, so
 * nothing looks at the timer while the handler works; but the check at
 * the end of the same pass would close a connection whose handler took
 * longer than the timeout, and the answer would never start. libmicrohttpd
 * 0.9.75 restarts the timer when the answer is queued, so it does not
 * happen there (tests/api/export_timeout.test.mjs shows it); turning the
 * timer off for the work and on again after does not depend on that:
 * giving a connection that had no timeout one restarts its timer from
 * now. Sending then runs under the usual timeout, so a client that stops
 * reading is still let go.
 */
void http_timeout_pause(struct req *r)
{
	if (r->cfg->timeout)
		MHD_set_connection_option(r->conn, MHD_CONNECTION_OPTION_TIMEOUT, 0u);
}

void http_timeout_resume(struct req *r)
{
	if (r->cfg->timeout)
		MHD_set_connection_option(r->conn, MHD_CONNECTION_OPTION_TIMEOUT, r->cfg->timeout);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct req *r = *con_cls;
	if (!r)
		return;
	buf_release(&r->body);
	free(r->cache_key);
	free(r);
	*con_cls = NULL;
}

/* Parses "host:port", "[v6]:port" or ":port" into a socket address. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128] = "";
	const char *colon = strrchr(listen, ':');
	if (!colon)
		return -1;
	char *end = NULL;
	long port = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end || port < 0 || port > 65535)
		return -1; /* port 0: any free port, printed at start */
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof(host))
		return -1;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[') {
		size_t n = strlen(host);
		if (n < 2 || host[n - 1] != ']')
			return -1;
		host[n - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			return -1;
		*len = sizeof(*a);
		return 0;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	if (!host[0] || !strcmp(host, "*"))
		a->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (!strcmp(host, "localhost"))
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
		return -1;
	*len = sizeof(*a);
	return 0;
}

int http_serve(const struct http_config *cfg)
{
	struct sockaddr_storage ss;
	socklen_t sl = 0;
	if (parse_listen(cfg->listen, &ss, &sl) < 0) {
		fprintf(stderr, "bienphong: --listen %s: expected HOST:PORT, e.g. 127.0.0.1:8080\n", cfg->listen);
		return 2;
	}
	db_thread_setup(cfg->db_url);
	/* SIGINT and SIGTERM are blocked before the worker threads start, so
	 * they inherit the mask and the signal always reaches the sigwait
	 * below instead of a worker. */
	sigset_t stop_signals;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Other processes' writes, for the caches (cache.h); a listener that
	 * cannot connect yet keeps trying, and the caches wait for it. */
	struct bp_error we;
	if (http_cache_on() && db_watch_start(cfg->db_url, &we))
		fprintf(stderr, "bienphong: %s\n", we.message_en);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_EPOLL;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, (void *)cfg,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bienphong: cannot listen on %s: %s\n", cfg->listen, strerror(errno));
		db_watch_stop();
		db_thread_close_all();
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "bienphong: listening on %s (port %u, %u threads), database %s\n",
		cfg->listen, di ? di->port : 0, cfg->threads, cfg->db_url);
	int sig = 0;
	while (sigwait(&stop_signals, &sig) != 0)
		;
	fprintf(stderr, "bienphong: stopping (signal %d)\n", sig);
	MHD_stop_daemon(d);
	db_watch_stop();
	db_thread_close_all();
	return 0;
}
