/*
 * floor.c - what SQLite alone takes to store the rows of an import of N
 * markers, for bench/import/run.sh: the floor under `bienphong import`,
 * as bench/http/bare.c is under the server.
 *
 *   floor DB N POST_ID
 *
 * DB is a demo database (the schema and the post). The rows of N new
 * markers - each a row of markers (which holds its post's open period,
 * migration 011) and one of marker_conditions, as an import writes them -
 * are made in memory
 * first, with positions spread over a box as the benchmark's file has
 * them; then, timed, they are inserted in one transaction through two
 * prepared statements with the connection settings of src/db/db_sqlite.c
 * (WAL, synchronous NORMAL, foreign keys on) and the page cache an import
 * sets, committed, and the connection closed (the WAL checkpoint). No
 * file is read, nothing is checked, no audit row is written.
 * It prints "seconds inserts commit close cpu": wall seconds of the whole,
 * of the inserts, the commit and the close, and the CPU seconds (user and
 * system) of the whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <sqlite3.h>

struct row {
	char id[40], number[24], sort_key[40], cond_id[40];
	double lon, lat, ele;
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds, user and system, of the process so far. */
static double cpu(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
	       (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static void die(sqlite3 *h, const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, h ? sqlite3_errmsg(h) : "?");
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: floor DB N POST_ID\n");
		return 2;
	}
	long n = atol(argv[2]);
	const char *post = argv[3];
	struct row *rows = calloc((size_t)n, sizeof(*rows));
	if (!rows)
		die(NULL, "memory");
	srand(4);
	for (long i = 0; i < n; i++) {
		struct row *r = &rows[i];
		snprintf(r->id, sizeof(r->id), "be000000-0000-4000-8000-%012ld", i);
		snprintf(r->number, sizeof(r->number), "%ld/%ld", 20000 + i / 2, i % 2 + 1);
		snprintf(r->sort_key, sizeof(r->sort_key), "VN-CN %05ld/%03ld", 20000 + i / 2, i % 2 + 1);
		snprintf(r->cond_id, sizeof(r->cond_id), "01900000-0000-7%03lx-8%03lx-%012x", (i >> 12) & 0xfff,
			 i & 0xfff, rand());
		r->lon = 106.3 + rand() / (double)RAND_MAX * 1.1;
		r->lat = 21.6 + rand() / (double)RAND_MAX * 0.8;
		r->ele = 200 + rand() % 900;
	}
	sqlite3 *h = NULL;
	if (sqlite3_open(argv[1], &h) != SQLITE_OK)
		die(h, "open");
	double t0 = now(), c0 = cpu();
	if (sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
			 " PRAGMA cache_size=-262144; BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		die(h, "begin");
	sqlite3_stmt *m = NULL, *c = NULL;
	if (sqlite3_prepare_v2(h, "INSERT INTO markers (id, border, number, sort_key, type, form, lon, lat,"
			       " elevation, built_by, condition, last_inspected, notes, unit_id, post_from,"
			       " created_at, updated_at) VALUES (?1, 'VN-CN', ?2, ?3, 'secondary', 'single', ?4,"
			       " ?5, ?6, 'VN', 'good', NULL, ?2, ?7, '2026-01-01', '2026-01-01T00:00:00Z',"
			       " '2026-01-01T00:00:00Z')", -1, &m, NULL) ||
	    sqlite3_prepare_v2(h, "INSERT INTO marker_conditions (id, marker_id, condition, date, note,"
			       " recorded_by, recorded_at) VALUES (?1, ?2, 'good', '2026-01-01', NULL, 'floor',"
			       " '2026-01-01T00:00:00Z')", -1, &c, NULL))
		die(h, "prepare");
	for (long i = 0; i < n; i++) {
		struct row *r = &rows[i];
		sqlite3_bind_text(m, 1, r->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(m, 2, r->number, -1, SQLITE_STATIC);
		sqlite3_bind_text(m, 3, r->sort_key, -1, SQLITE_STATIC);
		sqlite3_bind_double(m, 4, r->lon);
		sqlite3_bind_double(m, 5, r->lat);
		sqlite3_bind_double(m, 6, r->ele);
		sqlite3_bind_text(m, 7, post, -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 1, r->cond_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 2, r->id, -1, SQLITE_STATIC);
		if (sqlite3_step(m) != SQLITE_DONE || sqlite3_step(c) != SQLITE_DONE)
			die(h, "insert");
		sqlite3_reset(m);
		sqlite3_reset(c);
	}
	sqlite3_finalize(m);
	sqlite3_finalize(c);
	double t1 = now();
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(h, "commit");
	double t2 = now();
	sqlite3_close(h);
	double t3 = now(), c3 = cpu();
	printf("%.2f %.2f %.2f %.2f %.2f\n", t3 - t0, t1 - t0, t2 - t1, t3 - t2, c3 - c0);
	free(rows);
	return 0;
}
