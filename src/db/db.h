/*
 * db.h - the storage interface. The rest of bienphong talks to a database
 * only through these functions; which engine is behind them is known here
 * and in the driver files alone.
 *
 * SQL is written once, in the dialect both SQLite and PostgreSQL accept:
 * $1..$n placeholders, ON CONFLICT, RETURNING, WITH RECURSIVE, CAST(x AS
 * ...), ISO-8601 text dates. Values cross the interface as text, integers,
 * doubles or NULL; results are read as text or numbers by column index.
 *
 * A struct db is one connection and is not shared between threads: the
 * server opens one per worker thread (db_thread_get).
 *
 * Errors: every call fills a struct bp_error. A unique-constraint failure
 * is BP_ECONFLICT with code "id_conflict" (callers rename it to what it
 * means for them), a lost or unreachable database is BP_EUNAVAILABLE,
 * anything else BP_EINTERNAL "db_error".
 */
#ifndef BP_DB_H
#define BP_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/err.h"

enum db_type { DB_NULL, DB_INT, DB_REAL, DB_TEXT };

typedef struct {
	enum db_type type;
	long long i;
	double d;
	const char *s;
} db_arg;

/* Argument constructors; a NULL string becomes SQL NULL. */
static inline db_arg db_arg_text(const char *s)
{
	return (db_arg){ .type = s ? DB_TEXT : DB_NULL, .s = s };
}
#define DB_S(x) db_arg_text(x)
#define DB_I(x) ((db_arg){ .type = DB_INT, .i = (x) })
#define DB_R(x) ((db_arg){ .type = DB_REAL, .d = (x) })
#define DB_NUL ((db_arg){ .type = DB_NULL })
/* An argument list for the calls below: DB_ARGS(DB_S(a), DB_I(b)). */
#define DB_ARGS(...) (const db_arg[]){ __VA_ARGS__ }, \
	(int)(sizeof((const db_arg[]){ __VA_ARGS__ }) / sizeof(db_arg))
#define DB_NOARGS NULL, 0

struct db;
struct db_rows;

/* The driver table; each engine fills one (db_sqlite.c, db_pg.c). */
struct db_ops {
	const char *name;
	enum bp_err (*open)(const char *url, void **conn, struct bp_error *e);
	void (*close)(void *conn);
	/* Runs sql; for queries returns a cursor in *rows (NULL for none wanted). */
	enum bp_err (*query)(void *conn, const char *sql, const db_arg *args, int nargs,
			     void **rows, long long *changes, struct bp_error *e);
	/* As query with rows, for a result read once from start to end: the
	 * rows as the server sends them, not all held in memory. NULL: query
	 * already does so (SQLite steps its statement row by row). */
	enum bp_err (*stream)(void *conn, const char *sql, const db_arg *args, int nargs,
			      void **rows, struct bp_error *e);
	/* 1: a row is ready, 0: no more rows, <0: error (filled in e). */
	int (*next)(void *rows, struct bp_error *e);
	int (*ncols)(void *rows);
	const char *(*text)(void *rows, int col); /* NULL for SQL NULL */
	/* A number column as a double, without going through its text; NULL:
	 * db_real parses the text. */
	double (*real)(void *rows, int col);
	const char *(*colname)(void *rows, int col);
	void (*rows_free)(void *rows);
	enum bp_err (*begin)(void *conn, struct bp_error *e);
	/* Engine-specific maintenance: the connection still works? */
	bool (*alive)(void *conn);
	/* Copies the whole database to path (or, restoring, from it); NULL
	 * when the engine has its own tools (pg_dump). */
	enum bp_err (*backup)(void *conn, const char *path, bool restore, struct bp_error *e);
	/* What this engine can tell of writes committed by other processes
	 * (db_version_get): false when it cannot tell at the moment. */
	bool (*others)(void *conn, uint64_t *out);
};

/*
 * SQLite, for a process that will fill a large page cache (an import):
 * the cache in one region of bytes that may be backed by huge pages
 * (db_sqlite.c). Before the first database is opened; the process's
 * every connection shares the region. It holds pages of the size
 * bienphong gives new databases (DB_SQLITE_PAGE_SIZE); an older
 * database's smaller pages come from malloc as without it. Nothing for
 * PostgreSQL.
 */
void db_page_memory(size_t bytes);
/* The page size of a SQLite database bienphong makes (db_sqlite.c). */
#define DB_SQLITE_PAGE_SIZE 32768

/* Opens "sqlite:PATH" (or a bare path) or "postgresql://..." */
enum bp_err db_open(const char *url, struct db **out, struct bp_error *e);
void db_close(struct db *db);
const char *db_engine(const struct db *db);
const char *db_url(const struct db *db);
/*
 * The one word of SQL the engines say differently: the table function
 * that gives each member of a JSON object column a row (key, value), as
 * in "FROM activities a, %s(a.vals) v": json_each on SQLite (JSON text),
 * jsonb_each on PostgreSQL (JSONB). CAST(v.value AS BIGINT) reads a
 * number on both.
 */
const char *db_json_each(const struct db *db);

/* A statement that returns no rows; *changes (may be NULL) gets the count. */
enum bp_err db_exec(struct db *db, const char *sql, const db_arg *args, int nargs,
		    long long *changes, struct bp_error *e);
/*
 * A statement that returns rows, read with db_next. The arguments are
 * copied by both drivers: they need not outlive the call.
 */
enum bp_err db_query(struct db *db, const char *sql, const db_arg *args, int nargs,
		     struct db_rows **out, struct bp_error *e);
/*
 * As db_query, for a result read once from start to end, such as an
 * export: memory does not grow with the rows. Until the rows are freed,
 * nothing else may run on the connection (on PostgreSQL the rows are
 * still coming in on it); an error of the query may come with the first
 * db_next rather than here.
 */
enum bp_err db_query_stream(struct db *db, const char *sql, const db_arg *args, int nargs,
			    struct db_rows **out, struct bp_error *e);
int db_next(struct db_rows *r, struct bp_error *e);
const char *db_text(struct db_rows *r, int col);
long long db_int(struct db_rows *r, int col);
double db_real(struct db_rows *r, int col);
bool db_isnull(struct db_rows *r, int col);
int db_ncols(struct db_rows *r);
const char *db_colname(struct db_rows *r, int col);
void db_rows_free(struct db_rows *r);

/*
 * One-row helpers: db_query_one runs sql and leaves the first row ready
 * (BP_ENOTFOUND with code "not_found" when there is none). The caller
 * frees the rows.
 */
enum bp_err db_query_one(struct db *db, const char *sql, const db_arg *args, int nargs,
			 struct db_rows **out, struct bp_error *e);
/* The integer in the first column of the first row (0 when no row). */
enum bp_err db_scalar_int(struct db *db, const char *sql, const db_arg *args, int nargs,
			  long long *out, struct bp_error *e);

/*
 * Results as JSON (rows_json.c). db_query_json: every row as an object
 * whose keys are names (NULL-terminated, one a column, text values).
 * db_page_json: a page of a list from rows queried with LIMIT limit + 1,
 * each turned into an object by row_fn: {"items": [...], "next_cursor":
 * the cursor_key field of the last item, or null when there is no more};
 * the caller still frees r.
 */
enum bp_err db_query_json(struct db *db, const char *sql, const db_arg *args, int nargs,
			  const char *const *names, json_t **out, struct bp_error *e);
enum bp_err db_page_json(struct db_rows *r, int limit, json_t *(*row_fn)(struct db_rows *r),
			 const char *cursor_key, json_t **out, struct bp_error *e);

/*
 * Transactions: db_begin starts a write transaction (SQLite: BEGIN
 * IMMEDIATE, so two writers queue instead of deadlocking). They do not
 * nest. db_end commits when rc is BP_OK, else rolls back, and returns rc
 * (or the commit's own error) so a caller ends with `return db_end(db, rc, e);`.
 */
enum bp_err db_begin(struct db *db, struct bp_error *e);
enum bp_err db_end(struct db *db, enum bp_err rc, struct bp_error *e);
bool db_in_tx(const struct db *db);

/*
 * Backups (SQLite's online backup API): db_backup copies the live database
 * into path; db_restore replaces the database's contents with path's.
 * Engines without one give "backup_unsupported".
 */
enum bp_err db_backup(struct db *db, const char *path, struct bp_error *e);
enum bp_err db_restore(struct db *db, const char *path, struct bp_error *e);

/*
 * Copies every record from one database into another (copy.c), keeping
 * ids, in one transaction of the target: rows whose primary key the target
 * already has are left as they are; a row that clashes with a different
 * record (another unit with the same code) stops the copy and nothing is
 * written. counts (may be NULL) gets {table: rows copied}.
 */
enum bp_err db_copy(struct db *from, struct db *to, json_t *counts, struct bp_error *e);
/* Tables that are not copied: sessions and throttling are per server. */
extern const char *const db_copy_skipped[];
/* Whether db_copy copies table or skips it on purpose. */
bool db_copy_covers(const char *table);

/* Migrations (migrate.c): brings the schema to the newest version. */
enum bp_err db_migrate(struct db *db, int *from, int *to, struct bp_error *e);
/* Runs a script of statements as a migration is run (migrate.c): split at
 * semicolons that end a line, comment lines dropped, a statement after
 * "-- only: sqlite" or "-- only: postgresql" run on that engine only. */
enum bp_err db_exec_script(struct db *db, const char *sql, struct bp_error *e);
/* The schema version stored in the database, 0 when none. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

/*
 * Change detection, for the server's caches (http/cache.c). A version
 * changes whenever a write has been committed to the database since it was
 * read, by any connection of any process:
 *  - own: the commits of write transactions of this process, counted by
 *    the drivers as they commit (db_note_commit);
 *  - others: on SQLite a hash of the WAL-index header in the -shm file,
 *    which every commit of any connection of any process rewrites (PRAGMA
 *    data_version where there is no WAL-index); on PostgreSQL the count
 *    of the notifications that every bienphong process sends on the
 *    channel "bienphong_changes" when it commits a write, read by a
 *    listening connection of this process (db_watch_start).
 * db_version_get is false when the engine cannot tell (PostgreSQL without
 * its listener, or while the listener reconnects): cache nothing then.
 * Read the version before reading the data an answer is made of: a write
 * that lands in between only makes the answer look older than it is.
 */
struct db_version {
	uint64_t own;
	uint64_t others;
};
bool db_version_get(struct db *db, struct db_version *out);
bool db_version_same(const struct db_version *a, const struct db_version *b);
/* For the drivers: a write transaction of this process has committed. */
void db_note_commit(void);
/*
 * Starts following other processes' writes for db_version_get: on
 * PostgreSQL a thread with its own connection that LISTENs (and
 * reconnects when it breaks); nothing on SQLite. db_watch_stop ends it.
 */
enum bp_err db_watch_start(const char *url, struct bp_error *e);
void db_watch_stop(void);

/*
 * Per-thread connections for the server: the first call on a thread opens
 * one on url; db_thread_close_all closes every one at shutdown.
 */
void db_thread_setup(const char *url);
enum bp_err db_thread_get(struct db **out, struct bp_error *e);
void db_thread_close_all(void);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif
