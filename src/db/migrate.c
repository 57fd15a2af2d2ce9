/*
 * migrate.c - runs the numbered migrations that are newer than the
 * database's schema version, each in its own transaction together with
 * the row in schema_version that records it. A database newer than the
 * program is refused rather than used half-understood.
 *
 * A migration file is split into statements at semicolons that end a
 * line; the migrations are ours, so they keep to that form. Both engines
 * run the same statements, except one that follows a comment line
 * "-- only: sqlite" (or "-- only: postgresql"): that one runs on the
 * engine named only, for what one engine says in its own words (a SQLite
 * table WITHOUT ROWID, say).
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

/* The engine a comment line "-- only: ENGINE" names (len bytes at q): its
 * name, "" for a name no engine has, NULL for any other comment. */
static const char *only_engine(const char *q, size_t len)
{
	static const char prefix[] = "-- only: ";
	static const char *const engines[] = { "sqlite", "postgresql" };
	if (len < sizeof(prefix) - 1 || memcmp(q, prefix, sizeof(prefix) - 1))
		return NULL;
	q += sizeof(prefix) - 1;
	len -= sizeof(prefix) - 1;
	while (len && (q[len - 1] == ' ' || q[len - 1] == '\t' || q[len - 1] == '\r'))
		len--;
	for (size_t i = 0; i < sizeof(engines) / sizeof(*engines); i++)
		if (len == strlen(engines[i]) && !memcmp(q, engines[i], len))
			return engines[i];
	return "";
}

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return !*s;
}

enum bp_err db_exec_script(struct db *db, const char *sql, struct bp_error *e)
{
	struct buf stmt;
	enum bp_err rc = BP_OK;
	const char *only = NULL; /* the engine the next statement is for */
	buf_init(&stmt, 1 << 20);
	const char *p = sql;
	while (*p && !rc) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		/* comment lines: dropped, but for the engine they may name */
		const char *q = p;
		while (q < p + len && (*q == ' ' || *q == '\t'))
			q++;
		if (q + 1 < p + len && q[0] == '-' && q[1] == '-') {
			const char *eng = only_engine(q, (size_t)(p + len - q));
			if (eng && (!*eng || !blank(stmt.data))) {
				rc = err_set(e, "internal", " (a migration's \"-- only:\" names no engine or is inside a statement)");
				break;
			}
			if (eng)
				only = eng;
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
		rc = db_exec_script(db, m->sql, e);
		if (!rc)
			rc = db_exec(db, "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
				     DB_ARGS(DB_I(m->version), DB_S(m->name), DB_S(now)), NULL, e);
		rc = db_end(db, rc, e);
	}
	if (to)
		*to = db_schema_version(db);
	return rc;
}
