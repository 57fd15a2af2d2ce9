/* Tests src/db/db.c, db_sqlite.c, bulk.c and migrate.c on an in-memory SQLite. */
#include "helpers.h"
#include <sqlite3.h>

#include "db/bulk.h"

static void test_placeholders_by_number(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_rows *r = NULL;
	/* $2 before $1: bound by the number in the name, not by position. */
	assert_int_equal(db_query_one(c->db, "SELECT $2 || '-' || $1, $1 + 0",
				      DB_ARGS(DB_I(7), DB_S("b")), &r, &c->err), BP_OK);
	assert_string_equal(db_text(r, 0), "b-7");
	assert_int_equal(db_int(r, 1), 7);
	db_rows_free(r);
	/* A NULL string is SQL NULL. */
	assert_int_equal(db_query_one(c->db, "SELECT $1 IS NULL", DB_ARGS(DB_S(NULL)), &r, &c->err), BP_OK);
	assert_int_equal(db_int(r, 0), 1);
	db_rows_free(r);
	test_ctx_free(c);
}

static void test_nested_same_statement(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	const char *sql = "SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2 UNION ALL SELECT 3) WHERE value >= $1 ORDER BY value";
	struct db_rows *outer = NULL, *inner = NULL;
	assert_int_equal(db_query(c->db, sql, DB_ARGS(DB_I(1)), &outer, &c->err), BP_OK);
	long long sum = 0;
	while (db_next(outer, &c->err) > 0) {
		/* The cached statement is busy: the inner query gets its own. */
		assert_int_equal(db_query(c->db, sql, DB_ARGS(DB_I(db_int(outer, 0))), &inner, &c->err), BP_OK);
		while (db_next(inner, &c->err) > 0)
			sum += db_int(inner, 0);
		db_rows_free(inner);
	}
	db_rows_free(outer);
	assert_int_equal(sum, (1 + 2 + 3) + (2 + 3) + 3);
	test_ctx_free(c);
}

static void test_errors_mapped(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	assert_int_equal(db_exec(c->db, "CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ($1, 1)", DB_ARGS(DB_S("a")), NULL, &c->err), BP_OK);
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ($1, 1)", DB_ARGS(DB_S("a")), NULL, &c->err), BP_ECONFLICT);
	assert_string_equal(c->err.code, "id_conflict");
	assert_int_equal(db_exec(c->db, "SELECT * FROM nowhere", DB_NOARGS, NULL, &c->err), BP_EINTERNAL);
	assert_string_equal(c->err.code, "db_error");
	assert_int_equal(db_exec(c->db, "SELECT $2", DB_ARGS(DB_I(1)), NULL, &c->err), BP_EINTERNAL);
	struct db *bad = NULL;
	assert_int_equal(db_open("mysql://x", &bad, &c->err), BP_EINVAL);
	assert_string_equal(c->err.code, "db_url_invalid");
	assert_null(bad);
	assert_int_equal(db_open("sqlite:/nonexistent-dir/x.db", &bad, &c->err), BP_EUNAVAILABLE);
	test_ctx_free(c);
}

static void test_transaction_rolls_back(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	long long changes = 0, n = 0;
	assert_int_equal(db_exec(c->db, "CREATE TABLE t (k TEXT PRIMARY KEY)", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_begin(c->db, &c->err), BP_OK);
	assert_true(db_in_tx(c->db));
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ('a'), ('b')", DB_NOARGS, &changes, &c->err), BP_OK);
	assert_int_equal(changes, 2);
	/* A failure later in the same transaction leaves nothing behind. */
	enum bp_err rc = db_exec(c->db, "INSERT INTO t VALUES ('a')", DB_NOARGS, NULL, &c->err);
	assert_int_equal(db_end(c->db, rc, &c->err), BP_ECONFLICT);
	assert_false(db_in_tx(c->db));
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_begin(c->db, &c->err), BP_OK);
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ('c')", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_end(c->db, BP_OK, &c->err), BP_OK);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 1);
	test_ctx_free(c);
}

static void test_migrate_twice(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	int from = -1, to = -1;
	assert_int_equal(db_schema_version(c->db), db_schema_latest());
	assert_int_equal(db_migrate(c->db, &from, &to, &c->err), BP_OK);
	assert_int_equal(from, to);
	/* A database from a newer program is refused, not half-used. */
	assert_int_equal(db_exec(c->db, "INSERT INTO schema_version VALUES (999, 'future', 'x')", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_migrate(c->db, NULL, NULL, &c->err), BP_EINTERNAL);
	assert_string_equal(c->err.code, "db_schema_newer");
	test_ctx_free(c);
}

/* The statements of migrations 010 and 014 marked "-- only: sqlite" ran here. */
static void test_migration_for_sqlite(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_rows *r = NULL;
	long long n = -1;
	assert_int_equal(db_query_one(c->db, "SELECT type, sql FROM sqlite_master WHERE name = 'activity_values'",
				      DB_NOARGS, &r, &c->err), BP_OK);
	assert_string_equal(db_text(r, 0), "view");
	assert_non_null(strstr(db_text(r, 1), "json_each(a.vals)"));
	db_rows_free(r);
	assert_int_equal(db_query_one(c->db, "SELECT type FROM pragma_table_info('activities') WHERE name = 'vals'",
				      DB_NOARGS, &r, &c->err), BP_OK);
	assert_string_equal(db_text(r, 0), "TEXT");
	db_rows_free(r);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
				       " ('activities_import', 'activity_values_new')",
				       DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 0);
	test_ctx_free(c);
}

/* A bulk write: no foreign-key check at each row in between, as before after. */
static void test_bulk_settings(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_bulk b;
	long long fk = -1;
	const char *orphan = "INSERT INTO activity_units (activity_id, unit_id, role) VALUES ('none', 'none', 'organiser')";
	assert_int_equal(db_bulk_start(c->db, &b, &c->err), BP_OK);
	assert_int_equal(db_scalar_int(c->db, "PRAGMA foreign_keys", DB_NOARGS, &fk, &c->err), BP_OK);
	assert_int_equal(fk, 0);
	assert_int_equal(db_bulk_stop(c->db, &b, &c->err), BP_OK);
	assert_int_equal(db_scalar_int(c->db, "PRAGMA foreign_keys", DB_NOARGS, &fk, &c->err), BP_OK);
	assert_int_equal(fk, 1);
	assert_int_equal(db_exec(c->db, orphan, DB_NOARGS, NULL, &c->err), BP_EINVAL);
	assert_string_equal(c->err.code, "invalid_input");
	/* Stopping twice changes nothing. */
	assert_int_equal(db_bulk_stop(c->db, &b, &c->err), BP_OK);
	test_ctx_free(c);
}

static long long page_size_of_db(const char *url)
{
	struct db *db = NULL;
	struct bp_error e;
	long long ps = -1, n = -1;
	assert_int_equal(db_open(url, &db, &e), BP_OK);
	assert_int_equal(db_migrate(db, NULL, NULL, &e), BP_OK);
	assert_int_equal(db_scalar_int(db, "PRAGMA page_size", DB_NOARGS, &ps, &e), BP_OK);
	assert_int_equal(db_exec(db, "INSERT INTO settings (key, value, updated_by, updated_at)"
				 " VALUES ('x', 'y', 'u', 't') ON CONFLICT (key) DO NOTHING",
				 DB_NOARGS, NULL, &e), BP_OK);
	assert_int_equal(db_scalar_int(db, "SELECT COUNT(*) FROM settings WHERE key = 'x'", DB_NOARGS, &n, &e), BP_OK);
	assert_int_equal(n, 1);
	db_close(db);
	return ps;
}

/* A database bienphong makes has 32 KiB pages; one made with SQLite's
 * 4 KiB keeps them, and takes the schema and writes all the same. */
static void test_page_size(void **state)
{
	(void)state;
	char dir[] = "/tmp/bienphong-pages-XXXXXX", path[128], url[160];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/new.db", dir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(page_size_of_db(url), DB_SQLITE_PAGE_SIZE);
	assert_int_equal(page_size_of_db(url), DB_SQLITE_PAGE_SIZE);
	unlink(path);
	sqlite3 *h = NULL;
	snprintf(path, sizeof(path), "%s/old.db", dir);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA page_size=4096; CREATE TABLE before_us (x)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(page_size_of_db(url), 4096);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Restores path's backup into url's database; its page size after. */
static long long restore_into(const char *url, const char *path)
{
	struct db *db = NULL;
	struct bp_error e;
	long long ps = -1, n = -1;
	assert_int_equal(db_open(url, &db, &e), BP_OK);
	assert_int_equal(db_restore(db, path, &e), BP_OK);
	assert_int_equal(db_scalar_int(db, "PRAGMA page_size", DB_NOARGS, &ps, &e), BP_OK);
	assert_int_equal(db_scalar_int(db, "SELECT COUNT(*) FROM settings WHERE key = 'x'", DB_NOARGS, &n, &e), BP_OK);
	assert_int_equal(n, 1);
	struct db_rows *r = NULL;
	assert_int_equal(db_query_one(db, "PRAGMA journal_mode", DB_NOARGS, &r, &e), BP_OK);
	assert_string_equal(db_text(r, 0), "wal");
	db_rows_free(r);
	db_close(db);
	return ps;
}

static void backup_of(const char *url, const char *path)
{
	struct db *db = NULL;
	struct bp_error e;
	assert_int_equal(db_open(url, &db, &e), BP_OK);
	assert_int_equal(db_backup(db, path, &e), BP_OK);
	db_close(db);
}

/* A backup of 4 KiB pages (a database made by an older version) restores
 * into a database of 32 KiB, and the other way round; the database stays
 * in WAL. */
static void test_restore_page_sizes(void **state)
{
	(void)state;
	char dir[] = "/tmp/bienphong-restore-XXXXXX", path[128], old_url[160], new_url[160], b4[128], bnew[128];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/old.db", dir);
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA page_size=4096; CREATE TABLE before_us (x)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	snprintf(old_url, sizeof(old_url), "sqlite:%s", path);
	snprintf(new_url, sizeof(new_url), "sqlite:%s/new.db", dir);
	assert_int_equal(page_size_of_db(old_url), 4096);
	assert_int_equal(page_size_of_db(new_url), DB_SQLITE_PAGE_SIZE);
	snprintf(b4, sizeof(b4), "%s/b4.db", dir);
	snprintf(bnew, sizeof(bnew), "%s/bnew.db", dir);
	backup_of(old_url, b4);
	backup_of(new_url, bnew);
	assert_int_equal(restore_into(new_url, b4), 4096);
	assert_int_equal(restore_into(old_url, bnew), DB_SQLITE_PAGE_SIZE);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placeholders_by_number),
		cmocka_unit_test(test_nested_same_statement),
		cmocka_unit_test(test_errors_mapped),
		cmocka_unit_test(test_transaction_rolls_back),
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test(test_migration_for_sqlite),
		cmocka_unit_test(test_bulk_settings),
		cmocka_unit_test(test_page_size),
		cmocka_unit_test(test_restore_page_sizes),
	};
	return cmocka_run_group_tests_name("db/sqlite", tests, NULL, NULL);
}
