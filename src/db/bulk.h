/*
 * bulk.h - the settings of one large write (a bulk import of thousands of
 * rows in one transaction), put on the connection before the transaction
 * and taken off after it.
 *
 * On SQLite: a page cache large enough to hold what the transaction
 * writes (so that it does not spill pages into the WAL before the commit
 * and write them again), and no foreign-key check at each row: the
 * caller has checked every key it refers to, in the same transaction,
 * and checks them again once each before it commits (a file of 200,000
 * activities refers to a few dozen units, types and indicators; SQLite
 * looked each one up at each of its 600,000 rows). On PostgreSQL
 * nothing changes: the server checks the foreign keys as always.
 */
#ifndef BIENPHONG_DB_BULK_H
#define BIENPHONG_DB_BULK_H

#include <stdbool.h>

#include "db/db.h"

struct db_bulk {
	bool set;            /* the settings were changed and are to be put back */
	long long cache_was; /* SQLite's cache_size before */
};

/*
 * Before db_begin. Outside a transaction only: inside one, SQLite keeps
 * its foreign-key checks (the pragma does nothing there), which is safe.
 * On an error nothing is left changed.
 */
enum bp_err db_bulk_start(struct db *db, struct db_bulk *b, struct bp_error *e);
/* After db_end (commit or rollback): the connection's usual settings. */
enum bp_err db_bulk_stop(struct db *db, struct db_bulk *b, struct bp_error *e);

#endif
