/*
 * migrate.c - runs the numbered migrations that are newer than the
 * database's schema version, each in its own transaction together with
 * the row in schema_version that records it. A database newer than the
 * program is refused rather than used half-understood.
 *
 * A migration file is split into statements at semicolons that end a
 * line; the migrations are ours, so they keep to that form.
 *
 * The same SQL runs on both engines, with one exception for what only
 * one of them has (SQLite's WITHOUT ROWID tables): a comment line
 * "-- only: sqlite" (or "-- only: postgresql") makes the statement that
 * follows it run on that engine alone, and be skipped on the other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/migrations.h"
#include "util/buf.h"
#include "util/date.h"

int db_schema_latest(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

int db_schema_version(struct db *db)
{
	struct bp_error e;
	long long v = 0;
	if (db_scalar_int(db, "SELECT MAX(version) FROM schema_version", DB_NOARGS, &v, &e))
		return 0;
	return (int)v;
}

/* The engine named by an "-- only: ENGINE" line, or NULL for another comment. */
static const char *only_engine(const char *line, size_t len, char out[16])
{
	static const char mark[] = "-- only:";
	size_t m = sizeof(mark) - 1;
	if (len <= m || strncmp(line, mark, m))
		return NULL;
	line += m;
	len -= m;
	while (len && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	if (!len || len >= 16)
		return NULL;
	memcpy(out, line, len);
	out[len] = '\0';
	return out;
}

static enum bp_err run_script(struct db *db, const char *sql, struct bp_error *e)
{
	struct buf stmt;
	enum bp_err rc = BP_OK;
	char only_buf[16];
	const char *only = NULL; /* the engine the statement being read is for */
	buf_init(&stmt, 1 << 20);
	const char *p = sql;
	while (*p && !rc) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		/* drop comment lines */
		const char *q = p;
		while (q < p + len && (*q == ' ' || *q == '\t'))
			q++;
		if (q + 1 < p + len && q[0] == '-' && q[1] == '-') {
			const char *o = only_engine(q, (size_t)(p + len - q), only_buf);
			if (o)
				only = o;
			p = nl ? nl + 1 : p + len;
			continue;
		}
		buf_add(&stmt, p, len);
		buf_addc(&stmt, '\n');
		const char *end = p + len;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
			end--;
		if (end > p && end[-1] == ';') {
			if (!only || !strcmp(only, db_engine(db)))
				rc = db_exec(db, stmt.data, DB_NOARGS, NULL, e);
			buf_reset(&stmt);
			only = NULL;
		}
		p = nl ? nl + 1 : p + len;
	}
	buf_release(&stmt);
	return rc;
}

enum bp_err db_migrate(struct db *db, int *from, int *to, struct bp_error *e)
{
	enum bp_err rc = db_exec(db,
		"CREATE TABLE IF NOT EXISTS schema_version ("
		" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
		DB_NOARGS, NULL, e);
	if (rc)
		return rc;
	int have = db_schema_version(db);
	if (from)
		*from = have;
	if (have > db_schema_latest()) {
		char d[64];
		snprintf(d, sizeof(d), "%d > %d", have, db_schema_latest());
		return err_set(e, "db_schema_newer", d);
	}
	for (int i = 0; i < migrations_count && !rc; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= have)
			continue;
		char now[TIMESTAMP_LEN];
		timestamp_now(now);
		rc = db_begin(db, e);
		if (rc)
			break;
		rc = run_script(db, m->sql, e);
		if (!rc)
			rc = db_exec(db, "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
				     DB_ARGS(DB_I(m->version), DB_S(m->name), DB_S(now)), NULL, e);
		rc = db_end(db, rc, e);
	}
	if (to)
		*to = db_schema_version(db);
	return rc;
}
