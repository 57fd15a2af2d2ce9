/*
 * db.c - the engine-independent half of the storage interface: picking a
 * driver from the URL, transactions, one-row helpers and the per-thread
 * connections of the server. See db.h.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/pg.h"
#include "util/xmalloc.h"

struct db {
	const struct db_ops *ops;
	void *conn;
	char *url;
	bool in_tx;
};

struct db_rows {
	const struct db_ops *ops;
	void *rows;
};


static const struct db_ops *db_pick(const char *url, const char **rest)
{
	if (!strncmp(url, "sqlite:", 7)) {
		*rest = url + 7;
		return &db_sqlite_ops;
	}
	if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11)) {
		*rest = url;
		return &db_pg_ops;
	}
	if (!strstr(url, "://")) {
		*rest = url;
		return &db_sqlite_ops;
	}
	return NULL;
}

enum bp_err db_open(const char *url, struct db **out, struct bp_error *e)
{
	const char *rest = NULL;
	*out = NULL;
	const struct db_ops *ops = db_pick(url, &rest);
	if (!ops || !*rest)
		return err_set(e, "db_url_invalid", url);
	void *conn = NULL;
	enum bp_err rc = ops->open(rest, &conn, e);
	if (rc)
		return rc;
	struct db *db = xcalloc(1, sizeof(*db));
	db->ops = ops;
	db->conn = conn;
	db->url = xstrdup(url);
	*out = db;
	return BP_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->in_tx) {
		struct bp_error e;
		db->ops->query(db->conn, "ROLLBACK", NULL, 0, NULL, NULL, &e);
	}
	db->ops->close(db->conn);
	free(db->url);
	free(db);
}

const char *db_engine(const struct db *db)
{
	return db->ops->name;
}

const char *db_json_each(const struct db *db)
{
	return strcmp(db->ops->name, "postgresql") ? "json_each" : "jsonb_each";
}

const char *db_url(const struct db *db)
{
	return db->url;
}

enum bp_err db_exec(struct db *db, const char *sql, const db_arg *args, int nargs,
		    long long *changes, struct bp_error *e)
{
	return db->ops->query(db->conn, sql, args, nargs, NULL, changes, e);
}

enum bp_err db_query(struct db *db, const char *sql, const db_arg *args, int nargs,
		     struct db_rows **out, struct bp_error *e)
{
	void *rows = NULL;
	*out = NULL;
	enum bp_err rc = db->ops->query(db->conn, sql, args, nargs, &rows, NULL, e);
	if (rc)
		return rc;
	struct db_rows *r = xmalloc(sizeof(*r));
	r->ops = db->ops;
	r->rows = rows;
	*out = r;
	return BP_OK;
}

enum bp_err db_query_stream(struct db *db, const char *sql, const db_arg *args, int nargs,
			    struct db_rows **out, struct bp_error *e)
{
	if (!db->ops->stream)
		return db_query(db, sql, args, nargs, out, e);
	void *rows = NULL;
	*out = NULL;
	enum bp_err rc = db->ops->stream(db->conn, sql, args, nargs, &rows, e);
	if (rc)
		return rc;
	struct db_rows *r = xmalloc(sizeof(*r));
	r->ops = db->ops;
	r->rows = rows;
	*out = r;
	return BP_OK;
}

int db_next(struct db_rows *r, struct bp_error *e)
{
	return r->ops->next(r->rows, e);
}

const char *db_text(struct db_rows *r, int col)
{
	return r->ops->text(r->rows, col);
}

long long db_int(struct db_rows *r, int col)
{
	const char *s = r->ops->text(r->rows, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

double db_real(struct db_rows *r, int col)
{
	if (r->ops->real)
		return r->ops->real(r->rows, col);
	const char *s = r->ops->text(r->rows, col);
	return s ? strtod(s, NULL) : 0.0;
}

bool db_isnull(struct db_rows *r, int col)
{
	return r->ops->text(r->rows, col) == NULL;
}

int db_ncols(struct db_rows *r)
{
	return r->ops->ncols(r->rows);
}

const char *db_colname(struct db_rows *r, int col)
{
	return r->ops->colname(r->rows, col);
}

void db_rows_free(struct db_rows *r)
{
	if (!r)
		return;
	r->ops->rows_free(r->rows);
	free(r);
}

enum bp_err db_query_one(struct db *db, const char *sql, const db_arg *args, int nargs,
			 struct db_rows **out, struct bp_error *e)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query(db, sql, args, nargs, &r, e);
	if (rc)
		return rc;
	int n = db_next(r, e);
	if (n <= 0) {
		db_rows_free(r);
		*out = NULL;
		return n < 0 ? e->kind : err_set(e, "not_found", NULL);
	}
	*out = r;
	return BP_OK;
}

enum bp_err db_scalar_int(struct db *db, const char *sql, const db_arg *args, int nargs,
			  long long *out, struct bp_error *e)
{
	struct db_rows *r = NULL;
	*out = 0;
	enum bp_err rc = db_query(db, sql, args, nargs, &r, e);
	if (rc)
		return rc;
	int n = db_next(r, e);
	if (n > 0)
		*out = db_int(r, 0);
	db_rows_free(r);
	return n < 0 ? e->kind : BP_OK;
}

enum bp_err db_begin(struct db *db, struct bp_error *e)
{
	enum bp_err rc = db->ops->begin(db->conn, e);
	if (!rc)
		db->in_tx = true;
	return rc;
}

enum bp_err db_end(struct db *db, enum bp_err rc, struct bp_error *e)
{
	if (!db->in_tx)
		return rc;
	db->in_tx = false;
	if (rc) {
		struct bp_error ignored;
		/* The caller's error is the one to report; a failed rollback
		 * leaves nothing half-written since the transaction is void. */
		db->ops->query(db->conn, "ROLLBACK", NULL, 0, NULL, NULL, &ignored);
		return rc;
	}
	rc = db->ops->query(db->conn, "COMMIT", NULL, 0, NULL, NULL, e);
	if (rc) {
		struct bp_error ignored;
		db->ops->query(db->conn, "ROLLBACK", NULL, 0, NULL, NULL, &ignored);
	}
	return rc;
}

bool db_in_tx(const struct db *db)
{
	return db->in_tx;
}

enum bp_err db_backup(struct db *db, const char *path, struct bp_error *e)
{
	if (!db->ops->backup)
		return err_set(e, "backup_unsupported", db->ops->name);
	return db->ops->backup(db->conn, path, false, e);
}

enum bp_err db_restore(struct db *db, const char *path, struct bp_error *e)
{
	if (!db->ops->backup)
		return err_set(e, "backup_unsupported", db->ops->name);
	return db->ops->backup(db->conn, path, true, e);
}

/* Change detection (db.h). */

static atomic_uint_fast64_t own_commits;

void db_note_commit(void)
{
	atomic_fetch_add(&own_commits, 1);
}

bool db_version_get(struct db *db, struct db_version *out)
{
	/* Own commits first: a commit between the two reads then shows in
	 * the other number too (SQLite) or in the next own count. */
	out->own = atomic_load(&own_commits);
	return db->ops->others && db->ops->others(db->conn, &out->others);
}

bool db_version_same(const struct db_version *a, const struct db_version *b)
{
	return a->own == b->own && a->others == b->others;
}

enum bp_err db_watch_start(const char *url, struct bp_error *e)
{
	const char *rest = NULL;
	if (db_pick(url, &rest) != &db_pg_ops)
		return BP_OK;
	return pg_watch_start(rest, e);
}

void db_watch_stop(void)
{
	pg_watch_stop();
}

/* Per-thread connections. */

static char *thread_url;
static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void thread_conn_free(void *p)
{
	db_close(p);
}

static void thread_key_make(void)
{
	pthread_key_create(&thread_key, thread_conn_free);
}

void db_thread_setup(const char *url)
{
	pthread_once(&thread_once, thread_key_make);
	free(thread_url);
	thread_url = xstrdup(url);
}

enum bp_err db_thread_get(struct db **out, struct bp_error *e)
{
	struct db *db = pthread_getspecific(thread_key);
	if (db && db->ops->alive && !db->ops->alive(db->conn)) {
		db_close(db);
		db = NULL;
		pthread_setspecific(thread_key, NULL);
	}
	if (!db) {
		enum bp_err rc = db_open(thread_url, &db, e);
		if (rc) {
			*out = NULL;
			return rc;
		}
		pthread_setspecific(thread_key, db);
	}
	*out = db;
	return BP_OK;
}

void db_thread_close_all(void)
{
	/* The main thread's connection, if it made one; workers' close
	 * through the key's destructor when their threads end. */
	struct db *db = pthread_getspecific(thread_key);
	if (db) {
		db_close(db);
		pthread_setspecific(thread_key, NULL);
	}
	free(thread_url);
	thread_url = NULL;
}
