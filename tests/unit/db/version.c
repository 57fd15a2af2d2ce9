/*
 * Tests the database's version (db_version_get, db.h), on which the
 * server's caches rely: it must change with every commit of a write, by
 * this connection, another one, or another process, and stay the same
 * over reads. On SQLite a database file (the WAL-index is what tells);
 * on PostgreSQL (BIENPHONG_TEST_PG) a database of the test cluster with
 * the listener of db_watch_start.
 */
#include <sys/wait.h>
#include <time.h>

#include "helpers.h"

struct fixture {
	struct ctx *c;     /* the schema; its connection writes */
	struct db *other;  /* a second connection, as another server thread */
	char url[512];
	char dir[64];
};

static bool is_pg(void)
{
	const char *pg = getenv("BIENPHONG_TEST_PG");
	return pg && *pg;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct bp_error e;
	if (is_pg()) {
		f->c = test_ctx_new();
		snprintf(f->url, sizeof(f->url), "%s", db_url(f->c->db));
		assert_int_equal(db_watch_start(f->url, &e), BP_OK);
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/bienphong-version.XXXXXX");
		assert_non_null(mkdtemp(f->dir));
		snprintf(f->url, sizeof(f->url), "sqlite:%s/v.db", f->dir);
		f->c = calloc(1, sizeof(*f->c));
		struct db *db = NULL;
		assert_int_equal(db_open(f->url, &db, &e), BP_OK);
		ctx_init_system(f->c, db);
	}
	assert_int_equal(db_exec(f->c->db, "CREATE TABLE t (k TEXT PRIMARY KEY)", DB_NOARGS, NULL, &e), BP_OK);
	assert_int_equal(db_open(f->url, &f->other, &e), BP_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_watch_stop();
	db_close(f->other);
	db_close(f->c->db);
	free(f->c);
	if (f->dir[0]) {
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
		assert_int_equal(system(cmd), 0);
	}
	free(f);
	return 0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* The version of db once it is known (PostgreSQL: once the listener is in). */
static struct db_version version_of(struct db *db)
{
	struct db_version v;
	for (int i = 0; i < 500; i++) {
		if (db_version_get(db, &v))
			return v;
		sleep_ms(10);
	}
	fail_msg("the database's version stays unknown");
	return v;
}

/*
 * Whether what db tells of all connections' commits (the "others" half of
 * its version, which is what another process would see) moves away from
 * v within two seconds: PostgreSQL's notifications take a moment to
 * arrive, SQLite's WAL-index changes with the commit.
 */
static bool moves(struct db *db, const struct db_version *v)
{
	for (int i = 0; i < 200; i++) {
		struct db_version now = version_of(db);
		if (now.others != v->others)
			return true;
		if (!is_pg())
			return false;
		sleep_ms(10);
	}
	return false;
}

static void insert(struct db *db, const char *k)
{
	struct bp_error e;
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ($1)", DB_ARGS(DB_S(k)), NULL, &e), BP_OK);
}

static void test_reads_keep_the_version(void **state)
{
	struct fixture *f = *state;
	struct bp_error e;
	struct db_version a = version_of(f->other), b = version_of(f->c->db);
	long long n = 0;
	assert_int_equal(db_scalar_int(f->c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &e), BP_OK);
	assert_int_equal(db_scalar_int(f->other, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &e), BP_OK);
	struct db_version a2 = version_of(f->other), b2 = version_of(f->c->db);
	/* SQLite in WAL mode: the version comes from the WAL-index header
	 * (the top bit), without a transaction */
	if (!is_pg())
		assert_true(a.others >> 63);
	assert_true(db_version_same(&a, &a2));
	assert_true(db_version_same(&b, &b2));
	/* PostgreSQL: a transaction that only reads commits nothing. (SQLite
	 * counts it: BEGIN IMMEDIATE takes the write lock, and its commit
	 * calls the commit hook; the server reads without a transaction.) */
	if (is_pg()) {
		assert_int_equal(db_begin(f->c->db, &e), BP_OK);
		assert_int_equal(db_scalar_int(f->c->db, "SELECT COUNT(*) FROM t", DB_NOARGS, &n, &e), BP_OK);
		assert_int_equal(db_end(f->c->db, BP_OK, &e), BP_OK);
		sleep_ms(200);
		a2 = version_of(f->other);
		assert_true(db_version_same(&a, &a2));
	}
}

static void test_own_and_other_connection(void **state)
{
	struct fixture *f = *state;
	struct bp_error e;
	/* a write on one connection: both see a new version */
	struct db_version a = version_of(f->other), b = version_of(f->c->db);
	insert(f->c->db, "one");
	assert_true(moves(f->other, &a));
	assert_true(moves(f->c->db, &b));
	/* a transaction: nothing until it commits... */
	a = version_of(f->other);
	assert_int_equal(db_begin(f->c->db, &e), BP_OK);
	insert(f->c->db, "two");
	insert(f->c->db, "three");
	sleep_ms(is_pg() ? 200 : 0);
	struct db_version mid = version_of(f->other);
	assert_true(db_version_same(&a, &mid));
	assert_int_equal(db_end(f->c->db, BP_OK, &e), BP_OK);
	assert_true(moves(f->other, &a));
	/* ...and one rolled back changes nothing others can read */
	a = version_of(f->other);
	assert_int_equal(db_begin(f->c->db, &e), BP_OK);
	insert(f->c->db, "four");
	assert_int_equal(db_end(f->c->db, BP_EINVAL, &e), BP_EINVAL);
	sleep_ms(is_pg() ? 200 : 0);
	mid = version_of(f->other);
	assert_true(db_version_same(&a, &mid));
}

/* Another process writes (as `bienphong import` beside a server). */
static void test_other_process(void **state)
{
	struct fixture *f = *state;
	for (int round = 0; round < 3; round++) {
		struct db_version v = version_of(f->other);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct db *db = NULL;
			struct bp_error e;
			char k[32];
			snprintf(k, sizeof(k), "child-%d", round);
			int ok = !db_open(f->url, &db, &e) &&
				 !db_exec(db, "INSERT INTO t VALUES ($1)", DB_ARGS(DB_S(k)), NULL, &e);
			/* SQLite: a checkpoint that empties the WAL, so the next
			 * write starts it over */
			if (ok && round == 1 && !strncmp(f->url, "sqlite:", 7))
				ok = !db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", DB_NOARGS, NULL, &e);
			db_close(db);
			_exit(ok ? 0 : 1);
		}
		int status = 0;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		assert_true(moves(f->other, &v));
		assert_true(moves(f->c->db, &v));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reads_keep_the_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_and_other_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_process, setup, teardown),
	};
	return cmocka_run_group_tests_name(is_pg() ? "db/version (postgresql)" : "db/version (sqlite)",
					   tests, NULL, NULL);
}
