/*
 * pg.h - what the PostgreSQL driver's files share: the driver itself
 * (db_pg.c) and the listener that follows other processes' writes
 * (pg_watch.c).
 */
#ifndef BP_DB_PG_H
#define BP_DB_PG_H

#include <stdbool.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "util/err.h"

/* The channel every bienphong process notifies when it commits a write. */
#define PG_CHANGES_CHANNEL "bienphong_changes"

/* A connection to url with bienphong's time bounds; NULL when it cannot
 * be made (with log, the reason goes to standard error). */
PGconn *pg_connect_url(const char *url, bool log);

/* db_watch_start and db_watch_stop for PostgreSQL (pg_watch.c). */
enum bp_err pg_watch_start(const char *url, struct bp_error *e);
void pg_watch_stop(void);
/* The driver's "others" (db.h): the notifications counted so far; false
 * while no listener is connected. */
bool pg_watch_version(void *conn, uint64_t *out);

#endif
