/*
 * helpers.h - what the cmocka tests share: an in-memory database with the
 * whole schema, a system context on it, and JSON shorthands.
 */
#ifndef BP_TEST_HELPERS_H
#define BP_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "db/db.h"
#include "db/migrations.h"
#include "domain/ctx.h"

/*
 * A fresh database at the newest schema, with a system context: in-memory
 * SQLite, or, when BIENPHONG_TEST_PG holds a URL template with one %s for
 * the database name, a new database on that PostgreSQL cluster (made
 * through its "postgres" database).
 */
static inline struct ctx *test_ctx_new_at(int version);

static inline struct ctx *test_ctx_new(void)
{
	return test_ctx_new_at(0);
}

/* The same, at schema version (0: the newest), to test a migration. */
static inline struct ctx *test_ctx_new_at(int version)
{
	static int serial;
	struct ctx *c = calloc(1, sizeof(*c));
	struct db *db = NULL;
	struct bp_error e;
	assert_int_equal(sodium_init() >= 0, 1);
	const char *pg = getenv("BIENPHONG_TEST_PG");
	if (pg && *pg) {
		char name[64], url[512], sql[128];
		snprintf(name, sizeof(name), "unit_%d_%d", (int)getpid(), ++serial);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(url, sizeof(url), pg, "postgres");
		struct db *admin = NULL;
		if (db_open(url, &admin, &e))
			fail_msg("PostgreSQL: %s", e.message_en);
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
		assert_int_equal(db_exec(admin, sql, DB_NOARGS, NULL, &e), BP_OK);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
		assert_int_equal(db_exec(admin, sql, DB_NOARGS, NULL, &e), BP_OK);
		db_close(admin);
		snprintf(url, sizeof(url), pg, name);
#pragma GCC diagnostic pop
		if (db_open(url, &db, &e))
			fail_msg("PostgreSQL: %s", e.message_en);
	} else {
		assert_int_equal(db_open("sqlite::memory:", &db, &e), BP_OK);
	}
	if (!version) {
		assert_int_equal(db_migrate(db, NULL, NULL, &e), BP_OK);
	} else {
		assert_int_equal(db_exec(db, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
					 " name TEXT NOT NULL, applied_at TEXT NOT NULL)", DB_NOARGS, NULL, &e), BP_OK);
		for (int i = 0; i < migrations_count && migrations[i].version <= version; i++) {
			if (db_exec_script(db, migrations[i].sql, &e))
				fail_msg("migration %d: %s", migrations[i].version, e.message_en);
			assert_int_equal(db_exec(db, "INSERT INTO schema_version VALUES ($1, $2, 'test')",
						 DB_ARGS(DB_I(migrations[i].version), DB_S(migrations[i].name)),
						 NULL, &e), BP_OK);
		}
	}
	ctx_init_system(c, db);
	return c;
}

static inline void test_ctx_free(struct ctx *c)
{
	db_close(c->db);
	free(c);
}

/* Acts as a user of unit_id with a role (no session needed in domain tests). */
static inline void test_act_as(struct ctx *c, const char *unit_id, enum role r)
{
	c->actor.system = false;
	c->actor.role = r;
	snprintf(c->actor.unit_id, sizeof(c->actor.unit_id), "%s", unit_id);
	snprintf(c->actor.user_id, sizeof(c->actor.user_id), "00000000-0000-4000-8000-000000000000");
	snprintf(c->actor.username, sizeof(c->actor.username), "test");
}

static inline void test_act_system(struct ctx *c)
{
	ctx_init_system(c, c->db);
}

static inline const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

#endif
