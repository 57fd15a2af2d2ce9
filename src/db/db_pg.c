/*
 * db_pg.c - the PostgreSQL driver, on libpq: what a province or the
 * nation runs, with several bienphong servers on one database.
 *
 * Statements are prepared once per connection (named "bp<N>" by a small
 * cache keyed by the SQL text) and run with text parameters, so the same
 * $1..$n SQL serves both engines; PostgreSQL infers the parameter types
 * from where they stand. Results are read as text.
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
	int next_name;
	struct pg_cached cache[PG_CACHE_SIZE];
};

struct pg_rows {
	PGresult *res;
	int row;  /* the current row, -1 before the first */
	int nrows;
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

static enum bp_err pg_connect(struct pg_conn *c, struct bp_error *e)
{
	/* bienphong's bounds first, then the URL, whose own settings win
	 * (libpq lets later entries override earlier ones). */
	const char *keys[] = { "connect_timeout", "keepalives_idle", "keepalives_interval",
			       "keepalives_count", "tcp_user_timeout", "application_name", "dbname", NULL };
	const char *vals[] = { "5", "10", "5", "3", "10000", "bienphong", c->url, NULL };
	PQfinish(c->h);
	c->h = PQconnectdbParams(keys, vals, 1);
	if (!c->h || PQstatus(c->h) != CONNECTION_OK) {
		/* libpq's reason names hosts and sockets: it goes to the log,
		 * not into the answer a client reads. */
		fprintf(stderr, "bienphong: PostgreSQL: %s", c->h ? PQerrorMessage(c->h) : "out of memory\n");
		PQfinish(c->h);
		c->h = NULL;
		return err_set(e, "db_unavailable", NULL);
	}
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
	/* The statement the slot held stays prepared on the server until the
	 * connection ends; names are never reused, so it does no harm. */
	free(slot->sql);
	slot->sql = xstrdup(sql);
	snprintf(slot->name, sizeof(slot->name), "%s", fresh);
	*name = slot->name;
	return BP_OK;
}

/* Runs sql with its arguments as text (NULL for SQL NULL). */
static enum bp_err pg_run_values(struct pg_conn *c, const char *sql, const char *const *values, int nargs,
				 PGresult **out, struct bp_error *e)
{
	PGresult *res;
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
			  PGresult **out, struct bp_error *e)
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
	enum bp_err rc = pg_run_values(c, sql, values, nargs, out, e);
	if (values != values_small) {
		free(values);
		free(nums);
	}
	return rc;
}


static enum bp_err pg_query(void *conn, const char *sql, const db_arg *args, int nargs,
			    void **rows, long long *changes, struct bp_error *e)
{
	struct pg_conn *c = conn;
	PGresult *res = NULL;
	if (pg_conn_lost(c) && !c->in_tx && pg_connect(c, e))
		return BP_EUNAVAILABLE;
	enum bp_err rc = pg_run(c, sql, args, nargs, &res, e);
	/* A connection that broke since the last statement: once more, afresh. */
	if (rc == BP_EUNAVAILABLE && !c->in_tx && pg_conn_lost(c)) {
		if (pg_connect(c, e))
			return BP_EUNAVAILABLE;
		rc = pg_run(c, sql, args, nargs, &res, e);
	}
	if (rc) {
		if (!strcmp(sql, "COMMIT") || !strcmp(sql, "ROLLBACK"))
			c->in_tx = false;
		return rc;
	}
	if (!strcmp(sql, "COMMIT") || !strcmp(sql, "ROLLBACK"))
		c->in_tx = false;
	if (changes) {
		const char *t = PQcmdTuples(res);
		*changes = t && *t ? strtoll(t, NULL, 10) : 0;
	}
	if (rows) {
		struct pg_rows *r = xmalloc(sizeof(*r));
		r->res = res;
		r->row = -1;
		r->nrows = PQntuples(res);
		*rows = r;
	} else
		PQclear(res);
	return BP_OK;
}

static int pg_next(void *rows, struct bp_error *e)
{
	(void)e;
	struct pg_rows *r = rows;
	if (r->row + 1 >= r->nrows)
		return 0;
	r->row++;
	return 1;
}

static int pg_ncols(void *rows)
{
	return PQnfields(((struct pg_rows *)rows)->res);
}

static const char *pg_text(void *rows, int col)
{
	struct pg_rows *r = rows;
	if (r->row < 0 || PQgetisnull(r->res, r->row, col))
		return NULL;
	return PQgetvalue(r->res, r->row, col);
}

static const char *pg_colname(void *rows, int col)
{
	return PQfname(((struct pg_rows *)rows)->res, col);
}

static void pg_rows_free(void *rows)
{
	struct pg_rows *r = rows;
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
	.next = pg_next,
	.ncols = pg_ncols,
	.text = pg_text,
	.colname = pg_colname,
	.rows_free = pg_rows_free,
	.begin = pg_begin,
	.alive = pg_alive,
	.backup = NULL, /* pg_dump and pg_restore: docs/operations.md */
};
