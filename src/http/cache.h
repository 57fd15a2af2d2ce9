/*
 * cache.h - per-thread caches of the HTTP layer: sessions, and the
 * answers to GET requests, for the requests that repeat (a map or a list
 * refreshed, a script polling, a page opened again).
 *
 * Rules stay in domain/: an answer is only ever given back to the same
 * user, for the same address, query and day, and only while the database
 * is as it was when the answer was made: each entry keeps the database's
 * version (db_version_get, db.h), which any write committed since, by any
 * process, changes. A session is given back until it expires. Entries
 * older than BIENPHONG_CACHE_SECONDS (default 300; 0 turns the caches
 * off) are dropped all the same: that bound is all that a write made
 * behind bienphong's back (with psql on PostgreSQL, which sends no
 * notification) can leave stale.
 */
#ifndef BP_HTTP_CACHE_H
#define BP_HTTP_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "db/db.h"
#include "domain/ctx.h"

void http_cache_setup(void);
/* false when BIENPHONG_CACHE_SECONDS turned the caches off. */
bool http_cache_on(void);

/* The actor of a session token looked up under version v and not expired, or false. */
bool http_cache_session_get(const char *token, const struct db_version *v, struct actor *out);
void http_cache_session_put(const char *token, const struct actor *a, const struct db_version *v);

/*
 * An answer for user_id and key made under version v: a response ready to
 * queue as it is (MHD_queue_response takes its own reference), which the
 * cache keeps until it drops the entry; *len gets its body's size.
 */
struct MHD_Response *http_cache_answer_get(const char *user_id, const char *key,
					   const struct db_version *v, size_t *len);
/* Keeps a 200 answer of content_type with the headers every answer has. */
void http_cache_answer_put(const char *user_id, const char *key, const char *content_type,
			   const char *body, size_t len, const struct db_version *v);

#endif
