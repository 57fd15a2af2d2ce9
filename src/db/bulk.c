/*
 * bulk.c - one large write without the check at each row; see bulk.h.
 * The usual setting is db_sqlite.c's (foreign_keys ON).
 *
 * The page cache stays as it is (64 MiB): with 256 MiB, which holds all
 * that an import of 200,000 activities writes, the import took as long
 * and its peak memory grew by 75 MB. Its rows go in date order, so the
 * pages that spill to the WAL before the commit are full ones that are
 * not written again.
 */
#include <string.h>

#include "db/bulk.h"

enum bp_err db_bulk_start(struct db *db, struct db_bulk *b, struct bp_error *e)
{
	b->set = false;
	if (strcmp(db_engine(db), "sqlite"))
		return BP_OK;
	enum bp_err rc = db_exec(db, "PRAGMA foreign_keys = OFF", DB_NOARGS, NULL, e);
	b->set = !rc;
	return rc;
}

enum bp_err db_bulk_stop(struct db *db, struct db_bulk *b, struct bp_error *e)
{
	if (!b->set)
		return BP_OK;
	b->set = false;
	return db_exec(db, "PRAGMA foreign_keys = ON", DB_NOARGS, NULL, e);
}
