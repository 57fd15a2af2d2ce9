/*
 * Tests src/db on whichever engine the run uses (SQLite, or PostgreSQL
 * with BIENPHONG_TEST_PG): the behaviour the rest of the program relies on
 * must be the same on both.
 */
#include "helpers.h"

static void test_types_and_nulls(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_rows *r = NULL;
	assert_int_equal(db_exec(c->db, "CREATE TABLE t (k TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION, s TEXT)",
				 DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_exec(c->db, "INSERT INTO t (k, n, x, s) VALUES ($3, $1, $2, $4)",
				 DB_ARGS(DB_I(9007199254740993LL), DB_R(70.5), DB_S("mốc 1116/1"), DB_S(NULL)),
				 NULL, &c->err), BP_OK);
	assert_int_equal(db_query_one(c->db, "SELECT k, n, x, s FROM t WHERE k = $1",
				      DB_ARGS(DB_S("mốc 1116/1")), &r, &c->err), BP_OK);
	assert_string_equal(db_text(r, 0), "mốc 1116/1");
	assert_int_equal(db_int(r, 1), 9007199254740993LL);
	assert_true(db_real(r, 2) == 70.5);
	assert_true(db_isnull(r, 3));
	assert_int_equal(db_ncols(r), 4);
	assert_string_equal(db_colname(r, 1), "n");
	db_rows_free(r);
	assert_int_equal(db_query_one(c->db, "SELECT k FROM t WHERE k = $1", DB_ARGS(DB_S("none")), &r, &c->err), BP_ENOTFOUND);
	assert_null(r);
	test_ctx_free(c);
}

static void test_conflict_and_rollback(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	long long n = -1, changes = 0;
	assert_int_equal(db_exec(c->db, "CREATE TABLE t (k TEXT PRIMARY KEY)", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_begin(c->db, &c->err), BP_OK);
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ($1)", DB_ARGS(DB_S("a")), &changes, &c->err), BP_OK);
	assert_int_equal(changes, 1);
	enum bp_err rc = db_exec(c->db, "INSERT INTO t VALUES ($1)", DB_ARGS(DB_S("a")), NULL, &c->err);
	assert_int_equal(rc, BP_ECONFLICT);
	assert_string_equal(c->err.code, "id_conflict");
	assert_int_equal(db_end(c->db, rc, &c->err), BP_ECONFLICT);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 0);
	/* ON CONFLICT and RETURNING, in the dialect both engines share */
	struct db_rows *r = NULL;
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ($1) ON CONFLICT (k) DO NOTHING", DB_ARGS(DB_S("b")), &changes, &c->err), BP_OK);
	assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ($1) ON CONFLICT (k) DO NOTHING", DB_ARGS(DB_S("b")), &changes, &c->err), BP_OK);
	assert_int_equal(changes, 0);
	assert_int_equal(db_query_one(c->db, "INSERT INTO t VALUES ($1) RETURNING k", DB_ARGS(DB_S("c")), &r, &c->err), BP_OK);
	assert_string_equal(db_text(r, 0), "c");
	db_rows_free(r);
	/* a syntax error is an internal error with the engine's message */
	assert_int_equal(db_exec(c->db, "SELEC 1", DB_NOARGS, NULL, &c->err), BP_EINTERNAL);
	assert_string_equal(c->err.code, "db_error");
	test_ctx_free(c);
}

static void test_recursive_and_dates(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	long long n = 0;
	/* text dates compare as dates */
	assert_int_equal(db_scalar_int(c->db,
		"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $1)"
		" SELECT COUNT(*) FROM k WHERE CAST($2 AS TEXT) < CAST($3 AS TEXT)",
		DB_ARGS(DB_I(10), DB_S("2024-12-31"), DB_S("2025-01-01")), &n, &c->err), BP_OK);
	assert_int_equal(n, 10);
	test_ctx_free(c);
}

/* Every table of the schema is copied by `bienphong copy` or skipped on
 * purpose: a new table left out of src/db/copy.c would be lost silently. */
/* Streamed rows: all of them in order, the connection free again after a
 * result left half read, and a failing query's error by the first row. */
static void test_query_stream(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_rows *r = NULL;
	long long n = 0;
	assert_int_equal(db_exec(c->db, "CREATE TABLE t (k BIGINT PRIMARY KEY, s TEXT)", DB_NOARGS, NULL, &c->err), BP_OK);
	assert_int_equal(db_begin(c->db, &c->err), BP_OK);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(db_exec(c->db, "INSERT INTO t VALUES ($1, $2)",
					 DB_ARGS(DB_I(i), DB_S(i % 2 ? "lẻ" : NULL)), NULL, &c->err), BP_OK);
	assert_int_equal(db_end(c->db, BP_OK, &c->err), BP_OK);
	assert_int_equal(db_query_stream(c->db, "SELECT k, s FROM t WHERE k >= $1 ORDER BY k",
					 DB_ARGS(DB_I(10)), &r, &c->err), BP_OK);
	long long want = 10;
	int s;
	while ((s = db_next(r, &c->err)) > 0) {
		assert_int_equal(db_int(r, 0), want);
		if (want % 2)
			assert_string_equal(db_text(r, 1), "lẻ");
		else
			assert_true(db_isnull(r, 1));
		want++;
	}
	assert_int_equal(s, 0);
	assert_int_equal(want, 3000);
	db_rows_free(r);
	/* Left after three rows: the next statement still runs. */
	assert_int_equal(db_query_stream(c->db, "SELECT k FROM t ORDER BY k", DB_NOARGS, &r, &c->err), BP_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_next(r, &c->err), 1);
	db_rows_free(r);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 3000);
	/* No rows at all. */
	assert_int_equal(db_query_stream(c->db, "SELECT k FROM t WHERE k < $1", DB_ARGS(DB_I(0)), &r, &c->err), BP_OK);
	assert_int_equal(db_next(r, &c->err), 0);
	db_rows_free(r);
	/* A query that fails fails here or at its first row, and the connection goes on. */
	enum bp_err rc = db_query_stream(c->db, "SELECT k FROM no_such_table", DB_NOARGS, &r, &c->err);
	if (!rc) {
		assert_int_equal(db_next(r, &c->err), -1);
		db_rows_free(r);
	}
	assert_string_equal(c->err.code, "db_error");
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 3000);
	test_ctx_free(c);
}

static void test_copy_covers_every_table(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_rows *r = NULL;
	const char *sql = strcmp(db_engine(c->db), "postgresql")
		? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
	assert_int_equal(db_query(c->db, sql, DB_NOARGS, &r, &c->err), BP_OK);
	int n = 0;
	while (db_next(r, &c->err) > 0) {
		n++;
		if (!db_copy_covers(db_text(r, 0)))
			fail_msg("table %s is neither copied nor skipped in src/db/copy.c", db_text(r, 0));
	}
	db_rows_free(r);
	assert_true(n > 20);
	test_ctx_free(c);
}

/* A migration's statement for one engine runs on that engine only; an
 * engine no one has is refused, and the script stops there. */
static void test_script_only_engine(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	bool pg = !strcmp(db_engine(c->db), "postgresql");
	long long n = 0;
	assert_int_equal(db_exec_script(c->db,
		"-- a comment\n"
		"CREATE TABLE t_both (x INTEGER);\n"
		"\n"
		"-- only: sqlite\n"
		"CREATE TABLE t_sqlite (x INTEGER PRIMARY KEY) WITHOUT ROWID;\n"
		"-- only: postgresql\n"
		"CREATE TABLE t_pg (x INTEGER PRIMARY KEY) WITH (fillfactor = 90);\n"
		"INSERT INTO t_both (x) VALUES (1);\n", &c->err), BP_OK);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t_both", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_scalar_int(c->db, pg ? "SELECT COUNT(*) FROM t_pg" : "SELECT COUNT(*) FROM t_sqlite",
				       DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_not_equal(db_scalar_int(c->db, pg ? "SELECT COUNT(*) FROM t_sqlite" : "SELECT COUNT(*) FROM t_pg",
					   DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(db_exec_script(c->db,
		"-- only: oracle\nCREATE TABLE t_never (x INTEGER);\n", &c->err), BP_EINTERNAL);
	assert_int_equal(db_exec_script(c->db,
		"CREATE TABLE t_never (x\n-- only: sqlite\nINTEGER);\n", &c->err), BP_EINTERNAL);
	assert_int_not_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM t_never", DB_NOARGS, &n, &c->err), BP_OK);
	test_ctx_free(c);
}

/* What migration 012 lays out for the reports' reads. */
static void test_report_tables(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new();
	struct db_rows *r = NULL;
	if (strcmp(db_engine(c->db), "postgresql")) {
		assert_int_equal(db_query_one(c->db, "SELECT sql FROM sqlite_master WHERE name = 'report_flows'",
					      DB_NOARGS, &r, &c->err), BP_OK);
		assert_non_null(strstr(db_text(r, 0), "WITHOUT ROWID"));
		db_rows_free(r);
		assert_int_equal(db_query_one(c->db, "SELECT sql FROM sqlite_master WHERE name = 'report_ancestry_ancestor'",
					      DB_NOARGS, &r, &c->err), BP_OK);
		assert_non_null(strstr(db_text(r, 0), "(ancestor_id, unit_id, valid_from, valid_to)"));
	} else {
		assert_int_equal(db_query_one(c->db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_ancestry_ancestor'",
					      DB_NOARGS, &r, &c->err), BP_OK);
		assert_non_null(strstr(db_text(r, 0), "(ancestor_id, unit_id, valid_from, valid_to)"));
		db_rows_free(r);
		/* Room in each page for a row's next total (migration 013). */
		assert_int_equal(db_query_one(c->db, "SELECT array_to_string(reloptions, ',') FROM pg_class"
						     " WHERE relname = 'report_flows'", DB_NOARGS, &r, &c->err), BP_OK);
		assert_string_equal(db_text(r, 0), "fillfactor=90");
	}
	db_rows_free(r);
	test_ctx_free(c);
}

/*
 * Migration 014 moves each activity's values from the table
 * activity_values into activities.vals, exactly (a value beyond a
 * double's 53 bits too), and activity_values reads them back as a view.
 */
static void test_migration_values_packed(void **state)
{
	(void)state;
	struct ctx *c = test_ctx_new_at(13);
	static const char *const rows[] = {
		"INSERT INTO units (id, code, kind, name, valid_from, created_at, updated_at)"
		" VALUES ('u1', 'U1', 'commune', 'Xã', '2000-01-01', 't', 't')",
		"INSERT INTO indicators (code, name_vi, name_en, unit_vi, unit_en, value_type, created_at, updated_at)"
		" VALUES ('buoi', 'b', 'b', 'b', 'b', 'integer', 't', 't'), ('dong', 'd', 'd', 'd', 'd', 'integer', 't', 't')",
		"INSERT INTO activity_types (code, name_vi, name_en, category, created_at, updated_at)"
		" VALUES ('tt', 't', 't', 'outreach', 't', 't')",
		"INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title, created_by, created_at, updated_at)"
		" VALUES ('a1', 'tt', 'u1', '2023-01-01', '2023-01-01', 'A', 'x', 't', 't'),"
		" ('a2', 'tt', 'u1', '2023-01-02', '2023-01-02', 'B', 'x', 't', 't')",
		"INSERT INTO activity_values (activity_id, indicator_code, value_milli)"
		" VALUES ('a1', 'buoi', 2000), ('a1', 'dong', 9007199254740993)",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++)
		assert_int_equal(db_exec(c->db, rows[i], DB_NOARGS, NULL, &c->err), BP_OK);
	int from = 0, to = 0;
	assert_int_equal(db_migrate(c->db, &from, &to, &c->err), BP_OK);
	assert_int_equal(from, 13);
	assert_true(to >= 14);
	struct db_rows *r = NULL;
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT a.id, v.key, CAST(v.value AS BIGINT) FROM activities a"
		 " CROSS JOIN %s(a.vals) v ORDER BY a.id, v.key", db_json_each(c->db));
	assert_int_equal(db_query(c->db, sql, DB_NOARGS, &r, &c->err), BP_OK);
	assert_int_equal(db_next(r, &c->err), 1);
	assert_string_equal(db_text(r, 1), "buoi");
	assert_int_equal(db_int(r, 2), 2000);
	assert_int_equal(db_next(r, &c->err), 1);
	assert_string_equal(db_text(r, 0), "a1");
	assert_string_equal(db_text(r, 1), "dong");
	assert_int_equal(db_int(r, 2), 9007199254740993LL);
	assert_int_equal(db_next(r, &c->err), 0); /* a2 has none */
	db_rows_free(r);
	assert_int_equal(db_query_one(c->db, "SELECT COUNT(*), SUM(value_milli) FROM activity_values"
				      " WHERE activity_id = 'a1' AND indicator_code = 'buoi'", DB_NOARGS, &r, &c->err), BP_OK);
	assert_int_equal(db_int(r, 0), 1);
	assert_int_equal(db_int(r, 1), 2000);
	db_rows_free(r);
	long long n = -1;
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activity_values WHERE activity_id = 'a2'",
				       DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 0);
	test_ctx_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_covers_every_table),
		cmocka_unit_test(test_types_and_nulls),
		cmocka_unit_test(test_conflict_and_rollback),
		cmocka_unit_test(test_recursive_and_dates),
		cmocka_unit_test(test_query_stream),
		cmocka_unit_test(test_script_only_engine),
		cmocka_unit_test(test_report_tables),
		cmocka_unit_test(test_migration_values_packed),
	};
	return cmocka_run_group_tests_name(getenv("BIENPHONG_TEST_PG") ? "db/engine (postgresql)" : "db/engine (sqlite)",
					   tests, NULL, NULL);
}
