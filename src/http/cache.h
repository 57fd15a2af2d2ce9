/*
 * cache.h - per-thread caches of the HTTP layer: sessions, and the
 * answers to GET requests, for the requests that repeat (a map or a list
 * refreshed, a script polling).
 *
 * Rules stay in domain/: an answer is only ever given back to the same
 * user, for the same address, query and day, and only while nothing has
 * been written through this server since (a generation counter bumped by
 * every write) and for at most BIENPHONG_CACHE_SECONDS (default 1; 0
 * turns the caches off). That last bound is what another server writing
 * to the same database can leave stale: a second at most.
 */
#ifndef BP_HTTP_CACHE_H
#define BP_HTTP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

void http_cache_setup(void);
/* Every request that may write (any method but GET) calls it when done. */
void http_cache_bump(void);
/*
 * The generation to read before looking at the database: what is stored
 * under it is only served while no write has happened since.
 */
uint64_t http_cache_generation(void);

/* The actor of a session token seen lately, or false. */
bool http_cache_session_get(const char *token, struct actor *out);
void http_cache_session_put(const char *token, const struct actor *a, uint64_t gen);

/* A cached answer for user_id and key; *body points into the cache until the next call. */
bool http_cache_answer_get(const char *user_id, const char *key, const char **body, size_t *len);
void http_cache_answer_put(const char *user_id, const char *key, const char *body, size_t len,
			   uint64_t gen);

#endif
