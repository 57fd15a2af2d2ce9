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

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "db/db.h"
#include "domain/ctx.h"

/* A fresh in-memory database at the newest schema, with a system context. */
static inline struct ctx *test_ctx_new(void)
{
	struct ctx *c = calloc(1, sizeof(*c));
	struct db *db = NULL;
	struct bp_error e;
	assert_int_equal(sodium_init() >= 0, 1);
	assert_int_equal(db_open("sqlite::memory:", &db, &e), BP_OK);
	assert_int_equal(db_migrate(db, NULL, NULL, &e), BP_OK);
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
