/*
 * db_pg.c - the PostgreSQL driver, on libpq: what a province or the
 * nation runs, with several bienphong servers on one database.
 *
 * Statements are prepared once per connection (named "bp<N>" by a small
 * cache keyed by the SQL text) and run with text parameters, so the same
 * $1..$n SQL serves both engines; PostgreSQL infers the parameter types
 * from where they stand. Results are read as text.
 *
 * A streamed query (db_query_stream: an export) runs in libpq's single-row
 * mode, so that the client holds one row at a time, not the whole result.
 *
 * A lost server is BP_EUNAVAILABLE ("db_unavailable", HTTP 503). Outside
 * a transaction, a statement that fails because the connection broke is
 * retried once on a fresh connection, so a server restart costs the
 * requests in flight at most. Connecting and every round trip are bounded
 * (connect_timeout, tcp_user_timeout, statement_timeout), so a database
 * that vanishes from the network does not hang a request for long.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/pg.h"
#include "util/xmalloc.h"

#define PG_CACHE_SIZE 128
#define PG_MAX_PARAMS 64       /* on the stack; more are allocated */
#define PG_LIMIT_PARAMS 65535   /* the protocol's limit */

struct pg_cached {
	char *sql;
	char name[16];
};

struct pg_conn {
	PGconn *h;
	char *url;
	bool in_tx;
	bool wrote; /* the transaction has run a statement that may write */
	int next_name;
	struct pg_cached cache[PG_CACHE_SIZE];
};

struct pg_rows {
	PGresult *res;
	int row;  /* the current row, -1 before the first */
	int nrows;
	struct pg_conn *c;  /* streamed: the connection the rows come on */
	bool done;          /* streamed: every result read */
};

static bool pg_conn_lost(struct pg_conn *c)
{
	return PQstatus(c->h) != CONNECTION_OK;
}

static enum bp_err pg_error(struct pg_conn *c, PGresult *res, struct bp_error *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c->h);
	if (state && !strcmp(state, "23505"))
		return err_set(e, "id_conflict", "");
	if (state && !strcmp(state, "23503"))
		return err_set(e, "invalid_input", "reference to a record that does not exist");
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
		return err_set(e, "db_busy", NULL);
	if (pg_conn_lost(c) || (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3))))
		return err_set(e, "db_unavailable", NULL);
	char detail[400];
	snprintf(detail, sizeof(detail), "%s", msg ? msg : "?");
	size_t n = strlen(detail);
	while (n && (detail[n - 1] == '\n' || detail[n - 1] == ' '))
		detail[--n] = '\0';
	return err_set(e, "db_error", detail);
}

PGconn *pg_connect_url(const char *url, bool log)
{
	/* bienphong's bounds first, then the URL, whose own settings win
	 * (libpq lets later entries override earlier ones). */
	const char *keys[] = { "connect_timeout", "keepalives_idle", "keepalives_interval",
			       "keepalives_count", "tcp_user_timeout", "application_name", "dbname", NULL };
	const char *vals[] = { "5", "10", "5", "3", "10000", "bienphong", url, NULL };
	PGconn *h = PQconnectdbParams(keys, vals, 1);
	if (!h || PQstatus(h) != CONNECTION_OK) {
		/* libpq's reason names hosts and sockets: it goes to the log,
		 * not into the answer a client reads. */
		if (log)
			fprintf(stderr, "bienphong: PostgreSQL: %s", h ? PQerrorMessage(h) : "out of memory\n");
		PQfinish(h);
		return NULL;
	}
	return h;
}

static enum bp_err pg_connect(struct pg_conn *c, struct bp_error *e)
{
	PQfinish(c->h);
	c->wrote = false;
	c->h = pg_connect_url(c->url, true);
	if (!c->h)
		return err_set(e, "db_unavailable", NULL);
	PGresult *res = PQexec(c->h, "SET statement_timeout = '60s'; SET client_min_messages = warning;"
				     " SET TIME ZONE 'UTC'");
	enum bp_err rc = PQresultStatus(res) == PGRES_COMMAND_OK ? BP_OK : pg_error(c, res, e);
	PQclear(res);
	/* Prepared statements belong to the connection they were made on. */
	for (int i = 0; i < PG_CACHE_SIZE; i++) {
		free(c->cache[i].sql);
		c->cache[i].sql = NULL;
	}
	return rc;
}

static enum bp_err pg_open(const char *url, void **out, struct bp_error *e)
{
	struct pg_conn *c = xcalloc(1, sizeof(*c));
	c->url = xstrdup(url);
	enum bp_err rc = pg_connect(c, e);
	if (rc) {
		free(c->url);
		free(c);
		return rc;
	}
	*out = c;
	return BP_OK;
}

static void pg_close(void *conn)
{
	struct pg_conn *c = conn;
	PQfinish(c->h);
	for (int i = 0; i < PG_CACHE_SIZE; i++)
		free(c->cache[i].sql);
	free(c->url);
	free(c);
}

static unsigned long hash_sql(const char *s)
{
	unsigned long h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* The name of sql's prepared statement on this connection, preparing it the first time. */
static enum bp_err pg_prepared(struct pg_conn *c, const char *sql, const char **name,
			       struct bp_error *e)
{
	struct pg_cached *slot = &c->cache[hash_sql(sql) % PG_CACHE_SIZE];
	if (slot->sql && !strcmp(slot->sql, sql)) {
		*name = slot->name;
		return BP_OK;
	}
	char fresh[16];
	snprintf(fresh, sizeof(fresh), "bp%d", c->next_name++);
	PGresult *res = PQprepare(c->h, fresh, sql, 0, NULL);
	enum bp_err rc = PQresultStatus(res) == PGRES_COMMAND_OK ? BP_OK : pg_error(c, res, e);
	PQclear(res);
	if (rc)
		return rc;
	/* The statement the slot held is let go on the server too, so that a
	 * long-lived connection meeting many texts (lists of units of every
	 * length) does not keep them all. */
	if (slot->sql) {
		char sql_free[48];
		snprintf(sql_free, sizeof(sql_free), "DEALLOCATE %s", slot->name);
		res = PQexec(c->h, sql_free);
		rc = PQresultStatus(res) == PGRES_COMMAND_OK ? BP_OK : pg_error(c, res, e);
		PQclear(res);
		if (rc)
			return rc;
	}
	free(slot->sql);
	slot->sql = xstrdup(sql);
	snprintf(slot->name, sizeof(slot->name), "%s", fresh);
	*name = slot->name;
	return BP_OK;
}

/*
 * Runs sql with its arguments as text (NULL for SQL NULL). With stream,
 * it is sent in single-row mode and *out stays NULL: its results are read
 * with PQgetResult (pg_stream_next).
 */
static enum bp_err pg_run_values(struct pg_conn *c, const char *sql, const char *const *values, int nargs,
				 bool stream, PGresult **out, struct bp_error *e)
{
	PGresult *res;
	if (stream) {
		const char *name = NULL;
		enum bp_err rc = pg_prepared(c, sql, &name, e);
		if (rc)
			return rc;
		if (!PQsendQueryPrepared(c->h, name, nargs, values, NULL, NULL, 0))
			return pg_error(c, NULL, e);
		if (!PQsetSingleRowMode(c->h)) {
			while ((res = PQgetResult(c->h)))
				PQclear(res);
			return err_set(e, "db_error", "single-row mode refused");
		}
		return BP_OK;
	}
	if (nargs == 0 && !strchr(sql, '$')) {
		/* Plain statements (BEGIN, COMMIT, migrations) may hold several commands. */
		res = PQexec(c->h, sql);
	} else {
		const char *name = NULL;
		enum bp_err rc = pg_prepared(c, sql, &name, e);
		if (rc)
			return rc;
		res = PQexecPrepared(c->h, name, nargs, values, NULL, NULL, 0);
	}
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		enum bp_err rc = pg_error(c, res, e);
		PQclear(res);
		return rc;
	}
	*out = res;
	return BP_OK;
}

static enum bp_err pg_run(struct pg_conn *c, const char *sql, const db_arg *args, int nargs,
			  bool stream, PGresult **out, struct bp_error *e)
{
	/* Most statements have a few arguments; a list of units may have thousands. */
	const char *values_small[PG_MAX_PARAMS];
	char nums_small[PG_MAX_PARAMS][32];
	const char **values = values_small;
	char (*nums)[32] = nums_small;
	*out = NULL;
	if (nargs > PG_LIMIT_PARAMS)
		return err_set(e, "db_error", "too many parameters");
	if (nargs > PG_MAX_PARAMS) {
		values = xcalloc((size_t)nargs, sizeof(*values));
		nums = xcalloc((size_t)nargs, sizeof(*nums));
	}
	for (int i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case DB_INT:
			snprintf(nums[i], sizeof(nums[i]), "%lld", args[i].i);
			values[i] = nums[i];
			break;
		case DB_REAL:
			snprintf(nums[i], sizeof(nums[i]), "%.17g", args[i].d);
			values[i] = nums[i];
			break;
		case DB_TEXT:
			values[i] = args[i].s;
			break;
		default:
			values[i] = NULL;
		}
	}
	enum bp_err rc = pg_run_values(c, sql, values, nargs, stream, out, e);
	if (values != values_small) {
		free(values);
		free(nums);
	}
	return rc;
}

/*
 * Whether a statement may have written, from its command status: anything
 * but a read or the control of a transaction or session counts. A plain
 * text without arguments runs through PQexec and may hold several
 * commands, which report the last one's status only: with a ';' it counts.
 * (With arguments it is a prepared statement: one command.)
 */
static bool pg_may_write(const char *sql, int nargs, PGresult *res)
{
	static const char *const reads[] = { "SELECT", "SHOW", "BEGIN", "START", "COMMIT", "ROLLBACK",
					     "SET", "RESET", "LISTEN", "UNLISTEN", "NOTIFY", "EXPLAIN",
					     "SAVEPOINT", "RELEASE", "FETCH", "DECLARE", "CLOSE",
					     "DEALLOCATE", "DISCARD", "LOCK" };
	if (nargs == 0 && !strchr(sql, '$') && strchr(sql, ';'))
		return true;
	const char *st = PQcmdStatus(res);
	size_t n = strcspn(st, " ");
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
		if (strlen(reads[i]) == n && !strncmp(st, reads[i], n))
			return false;
	return true;
}

/*
 * A write committed: counted for this process (db_version_get), and told
 * to every other bienphong process on the database by a notification
 * (pg_watch.c), which PostgreSQL delivers when the transaction commits.
 * Inside a transaction, the notification goes with the COMMIT (pg_query).
 */
static void pg_notify_autocommit(struct pg_conn *c)
{
	PQclear(PQexec(c->h, "NOTIFY " PG_CHANGES_CHANNEL));
	db_note_commit();
}

static enum bp_err pg_query(void *conn, const char *sql, const db_arg *args, int nargs,
			    void **rows, long long *changes, struct bp_error *e)
{
	struct pg_conn *c = conn;
	PGresult *res = NULL;
	bool commit = !strcmp(sql, "COMMIT");
	if (commit && c->wrote)
		sql = "NOTIFY " PG_CHANGES_CHANNEL "; COMMIT";
	if (pg_conn_lost(c) && !c->in_tx && pg_connect(c, e))
		return BP_EUNAVAILABLE;
	enum bp_err rc = pg_run(c, sql, args, nargs, false, &res, e);
	/* A connection that broke since the last statement: once more, afresh. */
	if (rc == BP_EUNAVAILABLE && !c->in_tx && pg_conn_lost(c)) {
		if (pg_connect(c, e))
			return BP_EUNAVAILABLE;
		rc = pg_run(c, sql, args, nargs, false, &res, e);
	}
	bool end = commit || !strcmp(sql, "ROLLBACK");
	if (rc) {
		if (end) {
			c->in_tx = false;
			c->wrote = false;
		}
		return rc;
	}
	if (end) {
		if (commit && c->wrote)
			db_note_commit();
		c->in_tx = false;
		c->wrote = false;
	} else if (pg_may_write(sql, nargs, res)) {
		if (c->in_tx)
			c->wrote = true;
		else
			pg_notify_autocommit(c);
	}
	if (changes) {
		const char *t = PQcmdTuples(res);
		*changes = t && *t ? strtoll(t, NULL, 10) : 0;
	}
	if (rows) {
		struct pg_rows *r = xcalloc(1, sizeof(*r));
		r->res = res;
		r->row = -1;
		r->nrows = PQntuples(res);
		*rows = r;
	} else
		PQclear(res);
	return BP_OK;
}

/* Reads what is left of a streamed result, so that the connection is free again. */
static void pg_drain(struct pg_rows *r)
{
	PQclear(r->res);
	r->res = NULL;
	PGresult *res;
	while ((res = PQgetResult(r->c->h)))
		PQclear(res);
	r->done = true;
}

static enum bp_err pg_stream(void *conn, const char *sql, const db_arg *args, int nargs,
			     void **rows, struct bp_error *e)
{
	struct pg_conn *c = conn;
	PGresult *none = NULL;
	if (pg_conn_lost(c) && !c->in_tx && pg_connect(c, e))
		return BP_EUNAVAILABLE;
	enum bp_err rc = pg_run(c, sql, args, nargs, true, &none, e);
	if (rc)
		return rc;
	struct pg_rows *r = xcalloc(1, sizeof(*r));
	r->c = c;
	r->row = -1;
	*rows = r;
	return BP_OK;
}

/* The next row of a streamed result: a result of its own. */
static int pg_stream_next(struct pg_rows *r, struct bp_error *e)
{
	if (r->done)
		return 0;
	PQclear(r->res);
	r->res = PQgetResult(r->c->h);
	r->row = 0;
	r->nrows = 0;
	if (!r->res) {
		r->done = true;
		return 0;
	}
	ExecStatusType st = PQresultStatus(r->res);
	if (st == PGRES_SINGLE_TUPLE) {
		r->nrows = 1;
		return 1;
	}
	if (st == PGRES_TUPLES_OK) {
		/* The end: a result of no rows, then none. */
		pg_drain(r);
		return 0;
	}
	pg_error(r->c, r->res, e);
	pg_drain(r);
	return -1;
}

static int pg_next(void *rows, struct bp_error *e)
{
	struct pg_rows *r = rows;
	if (r->c)
		return pg_stream_next(r, e);
	if (r->row + 1 >= r->nrows)
		return 0;
	r->row++;
	return 1;
}

static int pg_ncols(void *rows)
{
	struct pg_rows *r = rows;
	return r->res ? PQnfields(r->res) : 0;
}

static const char *pg_text(void *rows, int col)
{
	struct pg_rows *r = rows;
	if (r->row < 0 || r->row >= r->nrows || PQgetisnull(r->res, r->row, col))
		return NULL;
	return PQgetvalue(r->res, r->row, col);
}

static const char *pg_colname(void *rows, int col)
{
	struct pg_rows *r = rows;
	return r->res ? PQfname(r->res, col) : NULL;
}

static void pg_rows_free(void *rows)
{
	struct pg_rows *r = rows;
	/* A streamed result left before its end (an export that failed on
	 * its output) is read to the end: the connection serves the next
	 * statement only then. */
	if (r->c && !r->done)
		pg_drain(r);
	PQclear(r->res);
	free(r);
}

static enum bp_err pg_begin(void *conn, struct bp_error *e)
{
	struct pg_conn *c = conn;
	enum bp_err rc = pg_query(conn, "BEGIN", NULL, 0, NULL, NULL, e);
	if (!rc)
		c->in_tx = true;
	return rc;
}

static bool pg_alive(void *conn)
{
	return !pg_conn_lost(conn);
}

const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.query = pg_query,
	.stream = pg_stream,
	.next = pg_next,
	.ncols = pg_ncols,
	.text = pg_text,
	.colname = pg_colname,
	.rows_free = pg_rows_free,
	.begin = pg_begin,
	.alive = pg_alive,
	.backup = NULL, /* pg_dump and pg_restore: docs/operations.md */
	.others = pg_watch_version,
};
