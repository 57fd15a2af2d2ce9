/*
 * pg_watch.c - follows the writes of other processes on a PostgreSQL
 * database, for the server's caches (db_version_get in db.h).
 *
 * Every bienphong process sends NOTIFY bienphong_changes with each commit
 * of a write (db_pg.c). A server keeps one more connection, in a thread of
 * its own, that LISTENs on that channel and counts what arrives. While
 * that connection is down, nothing can be known of other processes'
 * writes: pg_watch_version says so, and the caches keep nothing. When it
 * is back, the count moves on once more, so that whatever was kept before
 * is forgotten, as writes may have come and gone unseen.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/pg.h"
#include "util/xmalloc.h"

#define WATCH_POLL_MS 200     /* how often the thread looks for stop */
#define WATCH_RETRY_MS 1000   /* between two attempts to reconnect */

static struct {
	pthread_t thread;
	bool running;
	char *url;
	atomic_bool stop;
	atomic_bool listening;
	atomic_uint_fast64_t count;
} watch;

static void watch_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* A listening connection; failures are logged once until one succeeds,
 * not at every retry while the database is down. */
static PGconn *watch_connect(bool *logged)
{
	PGconn *h = pg_connect_url(watch.url, !*logged);
	if (!h) {
		*logged = true;
		return NULL;
	}
	PGresult *res = PQexec(h, "LISTEN " PG_CHANGES_CHANNEL);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok) {
		if (!*logged)
			fprintf(stderr, "bienphong: PostgreSQL: LISTEN: %s", PQerrorMessage(h));
		*logged = true;
		PQfinish(h);
		return NULL;
	}
	*logged = false;
	return h;
}

/* Reads what has arrived; false when the connection is gone. */
static bool watch_read(PGconn *h)
{
	if (!PQconsumeInput(h))
		return false;
	PGnotify *n;
	while ((n = PQnotifies(h))) {
		atomic_fetch_add(&watch.count, 1);
		PQfreemem(n);
	}
	return PQstatus(h) == CONNECTION_OK;
}

static void *watch_main(void *unused)
{
	(void)unused;
	bool logged = false;
	while (!atomic_load(&watch.stop)) {
		PGconn *h = watch_connect(&logged);
		if (!h) {
			watch_sleep_ms(WATCH_RETRY_MS);
			continue;
		}
		/* Listening from here on: what was written before is unknown. */
		atomic_fetch_add(&watch.count, 1);
		atomic_store(&watch.listening, true);
		while (!atomic_load(&watch.stop)) {
			struct pollfd p = { .fd = PQsocket(h), .events = POLLIN };
			int r = poll(&p, 1, WATCH_POLL_MS);
			if (r < 0 && errno != EINTR)
				break;
			if (r > 0 && !watch_read(h))
				break;
		}
		atomic_store(&watch.listening, false);
		atomic_fetch_add(&watch.count, 1);
		PQfinish(h);
		if (!atomic_load(&watch.stop)) {
			fprintf(stderr, "bienphong: PostgreSQL: the listening connection was lost; reconnecting\n");
			watch_sleep_ms(WATCH_RETRY_MS);
		}
	}
	return NULL;
}

enum bp_err pg_watch_start(const char *url, struct bp_error *e)
{
	if (watch.running)
		return BP_OK;
	free(watch.url);
	watch.url = xstrdup(url);
	atomic_store(&watch.stop, false);
	atomic_store(&watch.listening, false);
	if (pthread_create(&watch.thread, NULL, watch_main, NULL))
		return err_set(e, "internal", " (cannot start the PostgreSQL listener)");
	watch.running = true;
	return BP_OK;
}

void pg_watch_stop(void)
{
	if (!watch.running)
		return;
	atomic_store(&watch.stop, true);
	pthread_join(watch.thread, NULL);
	watch.running = false;
	free(watch.url);
	watch.url = NULL;
}

bool pg_watch_version(void *conn, uint64_t *out)
{
	(void)conn;
	if (!atomic_load(&watch.listening))
		return false;
	*out = atomic_load(&watch.count);
	/* The listener may have gone down between the two reads. */
	return atomic_load(&watch.listening);
}
