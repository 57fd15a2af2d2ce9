/*
 * cache.c - the HTTP layer's per-thread caches; see cache.h for what they
 * may answer and for how long.
 *
 * Each worker thread has its own small tables, so lookups take no lock
 * and nothing is shared. A slot is chosen by hash and simply overwritten
 * on collision.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/cache.h"
#include "http/http.h"
#include "util/xmalloc.h"

#define SESSION_SLOTS 64
#define ANSWER_SLOTS 128
#define ANSWER_MAX_BYTES (64 * 1024)

struct session_slot {
	char token[129];
	struct actor actor;
	struct db_version version;
	double at;
};

struct answer_slot {
	char user_id[37];
	char *key;
	struct MHD_Response *resp;
	size_t len;
	struct db_version version;
	double at;
};

struct thread_cache {
	struct session_slot sessions[SESSION_SLOTS];
	struct answer_slot answers[ANSWER_SLOTS];
};

static double ttl_seconds = 300.0;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void thread_cache_free(void *p)
{
	struct thread_cache *t = p;
	for (int i = 0; i < ANSWER_SLOTS; i++) {
		free(t->answers[i].key);
		if (t->answers[i].resp)
			MHD_destroy_response(t->answers[i].resp);
	}
	free(t);
}

static void cache_key_make(void)
{
	pthread_key_create(&cache_key, thread_cache_free);
	const char *s = getenv("BIENPHONG_CACHE_SECONDS");
	if (s && *s)
		ttl_seconds = strtod(s, NULL);
}

void http_cache_setup(void)
{
	pthread_once(&cache_once, cache_key_make);
}

bool http_cache_on(void)
{
	http_cache_setup();
	return ttl_seconds > 0;
}

static struct thread_cache *mine(void)
{
	if (!http_cache_on())
		return NULL;
	struct thread_cache *t = pthread_getspecific(cache_key);
	if (!t) {
		t = xcalloc(1, sizeof(*t));
		pthread_setspecific(cache_key, t);
	}
	return t;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t hash_str(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (; b && *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	return h;
}

static bool fresh(const struct db_version *kept, const struct db_version *now, double at)
{
	return db_version_same(kept, now) && now_seconds() - at < ttl_seconds;
}

bool http_cache_session_get(const char *token, const struct db_version *v, struct actor *out)
{
	struct thread_cache *t = mine();
	if (!t || !token || strlen(token) >= sizeof(t->sessions[0].token))
		return false;
	struct session_slot *s = &t->sessions[hash_str(token, NULL) % SESSION_SLOTS];
	if (strcmp(s->token, token) || !fresh(&s->version, v, s->at) ||
	    s->actor.session_expires <= (long long)time(NULL))
		return false;
	*out = s->actor;
	return true;
}

void http_cache_session_put(const char *token, const struct actor *a, const struct db_version *v)
{
	struct thread_cache *t = mine();
	if (!t || !token || strlen(token) >= sizeof(t->sessions[0].token))
		return;
	struct session_slot *s = &t->sessions[hash_str(token, NULL) % SESSION_SLOTS];
	snprintf(s->token, sizeof(s->token), "%s", token);
	s->actor = *a;
	s->version = *v;
	s->at = now_seconds();
}

struct MHD_Response *http_cache_answer_get(const char *user_id, const char *key,
					   const struct db_version *v, size_t *len)
{
	struct thread_cache *t = mine();
	if (!t)
		return NULL;
	struct answer_slot *s = &t->answers[hash_str(user_id, key) % ANSWER_SLOTS];
	if (!s->key || strcmp(s->user_id, user_id) || strcmp(s->key, key) || !fresh(&s->version, v, s->at))
		return NULL;
	*len = s->len;
	return s->resp;
}

void http_cache_answer_put(const char *user_id, const char *key, const char *content_type,
			   const char *body, size_t len, const struct db_version *v)
{
	struct thread_cache *t = mine();
	if (!t || len > ANSWER_MAX_BYTES)
		return;
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return;
	http_answer_headers(resp, content_type);
	struct answer_slot *s = &t->answers[hash_str(user_id, key) % ANSWER_SLOTS];
	free(s->key);
	if (s->resp)
		MHD_destroy_response(s->resp);
	snprintf(s->user_id, sizeof(s->user_id), "%s", user_id);
	s->key = xstrdup(key);
	s->resp = resp;
	s->len = len;
	s->version = *v;
	s->at = now_seconds();
}
