/*
 * bulk.c - the settings of one large write; see bulk.h. The usual
 * settings are db_sqlite.c's (cache_size -65536, foreign_keys ON).
 */
#include <stdio.h>
#include <string.h>

#include "db/bulk.h"

/* In KiB: about what an import of 200,000 activities adds to the file. */
#define BULK_CACHE_KIB 262144

static enum bp_err cache_size(struct db *db, long long v, struct bp_error *e)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", v);
	return db_exec(db, sql, DB_NOARGS, NULL, e);
}

enum bp_err db_bulk_start(struct db *db, struct db_bulk *b, struct bp_error *e)
{
	memset(b, 0, sizeof(*b));
	if (strcmp(db_engine(db), "sqlite"))
		return BP_OK;
	enum bp_err rc = db_scalar_int(db, "PRAGMA cache_size", DB_NOARGS, &b->cache_was, e);
	if (!rc)
		rc = cache_size(db, -BULK_CACHE_KIB, e);
	if (!rc && (rc = db_exec(db, "PRAGMA foreign_keys = OFF", DB_NOARGS, NULL, e))) {
		struct bp_error ignored; /* the error to report is the first */
		cache_size(db, b->cache_was, &ignored);
	}
	b->set = !rc;
	return rc;
}

enum bp_err db_bulk_stop(struct db *db, struct db_bulk *b, struct bp_error *e)
{
	if (!b->set)
		return BP_OK;
	b->set = false;
	enum bp_err rc = db_exec(db, "PRAGMA foreign_keys = ON", DB_NOARGS, NULL, e);
	return rc ? rc : cache_size(db, b->cache_was, e);
}
