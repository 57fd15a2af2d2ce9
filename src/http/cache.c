/*
 * cache.c - the HTTP layer's per-thread caches; see cache.h for what they
 * may answer and for how long.
 *
 * Each worker thread has its own small tables, so lookups take no lock;
 * the only shared state is the write generation (an atomic counter). A
 * slot is chosen by hash and simply overwritten on collision.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/cache.h"
#include "util/xmalloc.h"

#define SESSION_SLOTS 64
#define ANSWER_SLOTS 128
#define ANSWER_MAX_BYTES (64 * 1024)

struct session_slot {
	char token[129];
	struct actor actor;
	uint64_t gen;
	double at;
};

struct answer_slot {
	char user_id[37];
	char *key;
	char *body;
	size_t len;
	uint64_t gen;
	double at;
};

struct thread_cache {
	struct session_slot sessions[SESSION_SLOTS];
	struct answer_slot answers[ANSWER_SLOTS];
};

static atomic_uint_fast64_t generation = 1;
static double ttl_seconds = 1.0;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void thread_cache_free(void *p)
{
	struct thread_cache *t = p;
	for (int i = 0; i < ANSWER_SLOTS; i++) {
		free(t->answers[i].key);
		free(t->answers[i].body);
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

static struct thread_cache *mine(void)
{
	http_cache_setup();
	if (ttl_seconds <= 0)
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

static bool fresh(uint64_t gen, double at)
{
	return gen == atomic_load(&generation) && now_seconds() - at < ttl_seconds;
}

void http_cache_bump(void)
{
	atomic_fetch_add(&generation, 1);
}

uint64_t http_cache_generation(void)
{
	return atomic_load(&generation);
}

bool http_cache_session_get(const char *token, struct actor *out)
{
	struct thread_cache *t = mine();
	if (!t || !token || strlen(token) >= sizeof(t->sessions[0].token))
		return false;
	struct session_slot *s = &t->sessions[hash_str(token, NULL) % SESSION_SLOTS];
	if (strcmp(s->token, token) || !fresh(s->gen, s->at))
		return false;
	*out = s->actor;
	return true;
}

void http_cache_session_put(const char *token, const struct actor *a, uint64_t gen)
{
	struct thread_cache *t = mine();
	if (!t || !token || strlen(token) >= sizeof(t->sessions[0].token))
		return;
	struct session_slot *s = &t->sessions[hash_str(token, NULL) % SESSION_SLOTS];
	snprintf(s->token, sizeof(s->token), "%s", token);
	s->actor = *a;
	s->gen = gen;
	s->at = now_seconds();
}

bool http_cache_answer_get(const char *user_id, const char *key, const char **body, size_t *len)
{
	struct thread_cache *t = mine();
	if (!t)
		return false;
	struct answer_slot *s = &t->answers[hash_str(user_id, key) % ANSWER_SLOTS];
	if (!s->key || strcmp(s->user_id, user_id) || strcmp(s->key, key) || !fresh(s->gen, s->at))
		return false;
	*body = s->body;
	*len = s->len;
	return true;
}

void http_cache_answer_put(const char *user_id, const char *key, const char *body, size_t len,
			   uint64_t gen)
{
	struct thread_cache *t = mine();
	if (!t || len > ANSWER_MAX_BYTES)
		return;
	struct answer_slot *s = &t->answers[hash_str(user_id, key) % ANSWER_SLOTS];
	free(s->key);
	free(s->body);
	snprintf(s->user_id, sizeof(s->user_id), "%s", user_id);
	s->key = xstrdup(key);
	s->body = xmalloc(len + 1);
	memcpy(s->body, body, len);
	s->len = len;
	s->gen = gen;
	s->at = now_seconds();
}
