/*
 * bulk.c - one large write without the check at each row; see bulk.h.
 * The usual setting is db_sqlite.c's (foreign_keys ON).
 *
 * The page cache stays as it is (64 MiB): with 256 MiB, which holds all
 * that an import of 200,000 activities writes, the import took as long
 * and its peak memory grew by 75 MB. Its rows go in date order, so the
 * pages that spill to the WAL before the commit are full ones that are
 * not written again.
 *
 * db_bulk_defer_checkpoint: the import of 100,000 markers writes 62 MB of
 * new pages. In WAL mode with synchronous=NORMAL (db_sqlite.c) they went
 * to the log at the commit, and then the automatic checkpoint after the
 * commit (and the one at the close of the last connection) copied them
 * into the database: the log fsynced, 62 MB written again, the database
 * fsynced - a fifth of the command's wall time, after all its work was
 * done. Deferred:
 *  - durable when the command says so: synchronous=FULL for the
 *    connection, so the commit fsyncs the log; a crash or a power cut
 *    after the command reported keeps the import (SQLite replays the log
 *    when it next opens the file), and before the commit nothing of it
 *    counts (one transaction: all or nothing, as before);
 *  - no checkpoint by this connection: wal_autocheckpoint=0 and
 *    SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE. The log and its index (-wal, -shm)
 *    stay beside the database, which is WAL mode's normal state while a
 *    server runs; every reader, in this process or another, sees the
 *    import through them;
 *  - who copies it: the next commit of any other connection (their
 *    automatic checkpoint, at 1000 pages of log, runs after the commit
 *    that finds the log longer than that), or the close of the last
 *    connection of a later process, or the next import, which first
 *    copies what it finds (PASSIVE: readers are not waited for), so
 *    imports back to back leave at most one import in the log, not all.
 *    A server running on the database pays it in the first write request
 *    after the import (0.3 s for 100,000 markers here, once):
 *    the same as a large import through the server pays today in its own
 *    request. The work is moved, not removed, except the fsync of the log
 *    that the checkpoint did and the commit now does.
 * A plain `cp` of the .db file alone misses the import until then; the
 * backups (docs/operations.md) read through SQLite and see it.
 */
#include <string.h>

#include "db/bulk.h"

enum bp_err db_bulk_defer_checkpoint(struct db *db, struct bp_error *e)
{
	if (strcmp(db_engine(db), "sqlite"))
		return BP_OK;
	/* The checkpoint's answer (a row: busy, log, copied) is not needed:
	 * what readers still use stays for a later one. */
	struct db_rows *r = NULL;
	enum bp_err rc = db_query(db, "PRAGMA wal_checkpoint(PASSIVE)", DB_NOARGS, &r, e);
	if (!rc && db_next(r, e) < 0)
		rc = e->kind;
	db_rows_free(r);
	if (!rc)
		rc = db_exec(db, "PRAGMA wal_autocheckpoint = 0", DB_NOARGS, NULL, e);
	if (!rc)
		rc = db_exec(db, "PRAGMA synchronous = FULL", DB_NOARGS, NULL, e);
	if (!rc)
		db_checkpoint_on_close(db, false);
	return rc;
}

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
