/*
 * bulk.h - one large write (a bulk import of thousands of rows in one
 * transaction) without SQLite's foreign-key check at each row: set on the
 * connection before the transaction and taken off after it.
 *
 * The caller has looked up every key it refers to in the same
 * transaction, and checks them again once each before it commits: a file
 * of 200,000 activities refers to a few dozen units, types and
 * indicators, and SQLite looked one of them up at each of its 600,000
 * rows (a fifth of SQLite's part of the import, bench/activities). On
 * PostgreSQL nothing changes: the server checks the foreign keys as
 * always.
 */
#ifndef BIENPHONG_DB_BULK_H
#define BIENPHONG_DB_BULK_H

#include <stdbool.h>

#include "db/db.h"

struct db_bulk {
	bool set; /* the check is off and is to be put back */
};

/*
 * Before db_begin. Outside a transaction only: inside one, SQLite keeps
 * its foreign-key checks (the pragma does nothing there), which is safe.
 */
enum bp_err db_bulk_start(struct db *db, struct db_bulk *b, struct bp_error *e);
/* After db_end (commit or rollback): the connection checks every row again. */
enum bp_err db_bulk_stop(struct db *db, struct db_bulk *b, struct bp_error *e);

#endif
