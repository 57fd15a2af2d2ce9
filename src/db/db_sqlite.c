/*
 * db_sqlite.c - the SQLite driver: the embedded default.
 *
 * Each connection keeps its prepared statements in a small cache keyed by
 * the SQL text, since the same few statements run on every request. A
 * cached statement in use (a query nested inside a loop over the same
 * statement) is not shared: a second, uncached one is prepared.
 *
 * Placeholders are written $1..$n; SQLite takes "$1" as a named parameter,
 * so each is bound by the number in its name, not by its position.
 */
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <wchar.h>
#include <wctype.h>

#include <sqlite3.h>

#include "db/db.h"
#include "util/xmalloc.h"

#define CACHE_SIZE 128

/*
 * The page size of the databases bienphong makes (DB_SQLITE_PAGE_SIZE,
 * 32 KiB), where SQLite's default is 4 KiB. A bulk import writes an
 * eighth as many pages (fewer splits, fewer system calls, a level less in
 * the larger indexes): the activity import of bench/activities takes a
 * quarter less time than on 4 KiB pages; a request of the server as it
 * runs costs the same (bench/README.md). A database made before keeps its
 * pages until VACUUM (docs/operations.md).
 */
#define SQ_PAGE_SIZE DB_SQLITE_PAGE_SIZE
#define SQ_TEXT_OF(x) #x
#define SQ_TEXT(x) SQ_TEXT_OF(x)

struct cached {
	char *sql;
	sqlite3_stmt *stmt;
	bool busy;
	bool in_order; /* its parameters are $1..$n in order: bound by position */
};

struct sq_conn {
	sqlite3 *h;
	struct cached cache[CACHE_SIZE];
	sqlite3_stmt *data_version; /* sq_others, prepared at its first call */
	const volatile unsigned char *wal_index; /* sq_others: the WAL-index's header, or NULL */
	bool wal_index_tried;
};

struct sq_rows {
	struct sq_conn *c;
	sqlite3_stmt *stmt;
	struct cached *slot; /* NULL when the statement is not cached */
};

static enum bp_err sq_error(sqlite3 *h, int rc, struct bp_error *e)
{
	int ext = sqlite3_extended_errcode(h);
	const char *msg = sqlite3_errmsg(h);
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, "id_conflict", "");
	if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		return err_set(e, "invalid_input", "reference to a record that does not exist");
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return err_set(e, "db_busy", NULL);
	if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_IOERR)
		return err_set(e, "db_unavailable", NULL);
	return err_set(e, "db_error", msg);
}

/*
 * LOWER() for all of Unicode, as PostgreSQL's is: SQLite's own folds only
 * A-Z, so "MẪU SƠN" would not find "Mẫu Sơn". Registered on every
 * connection in place of the built-in one.
 */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_locale_make(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static void sq_lower(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *in = sqlite3_value_text(argv[0]);
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	int n = sqlite3_value_bytes(argv[0]);
	/* Lower case never takes more than 4 bytes a character, nor more than the upper. */
	char *out = sqlite3_malloc64((sqlite3_uint64)n * 4 / 3 + 8);
	mbstate_t st_in, st_out;
	memset(&st_in, 0, sizeof(st_in));
	memset(&st_out, 0, sizeof(st_out));
	locale_t old = uselocale(utf8_locale);
	size_t o = 0;
	for (int i = 0; i < n;) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, (const char *)in + i, (size_t)(n - i), &st_in);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			out[o++] = (char)in[i++]; /* not UTF-8: the byte as it is */
			memset(&st_in, 0, sizeof(st_in));
			continue;
		}
		char buf[MB_LEN_MAX];
		size_t w = wcrtomb(buf, (wchar_t)towlower_l((wint_t)wc, utf8_locale), &st_out);
		if (w == (size_t)-1 || w > k) {
			memcpy(out + o, in + i, k);
			o += k;
		} else {
			memcpy(out + o, buf, w);
			o += w;
		}
		i += (int)k;
	}
	uselocale(old);
	sqlite3_result_text(ctx, out, (int)o, sqlite3_free);
}

/*
 * SQLite counts the memory it holds (sqlite3_memory_used), which nothing
 * here reads, under a global mutex taken on every allocation: nine
 * hundred thousand times in an import of 20,000 markers. Turned off
 * before SQLite starts (it refuses the setting afterwards, harmlessly).
 */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;
static size_t page_memory; /* db_page_memory's bytes, before the first open */

/*
 * SQLite's pages in one region of memory that the kernel may back with
 * huge pages (2 MiB) instead of malloc's 4 KiB ones. An import of 100,000
 * markers fills about 80 MB of page cache: 22,800 page faults, which on
 * this virtual machine cost a fifth of the command's CPU time, against
 * about 4,000 with huge pages (bench/README.md). SQLite's allocator is
 * replaced (SQLITE_CONFIG_MALLOC) by one that hands out the blocks of a
 * page (its size and the cache's header, at most `slot` bytes) from the
 * region, a block freed going back to a list for the next one, and every
 * other size, and any page once the region is used up, from malloc.
 * The region is only reserved: what is not handed out is never backed.
 * (SQLITE_CONFIG_PAGECACHE would do it with SQLite's own code, but it
 * writes into every slot of its buffer when it starts: 280 MB touched.)
 */
static struct {
	pthread_mutex_t lock;
	char *start, *next, *end;
	size_t slot;
	void *free; /* blocks given back, each holding the next */
} pages = { .lock = PTHREAD_MUTEX_INITIALIZER };

static bool page_block(const void *p)
{
	return (const char *)p >= pages.start && (const char *)p < pages.end;
}

/* A page of SQ_PAGE_SIZE with the cache's header (those of an older
 * database's 4 KiB pages come from malloc). */
static bool page_sized(int n)
{
	return n > SQ_PAGE_SIZE / 2 && (size_t)n <= pages.slot;
}

static void *page_malloc(int n)
{
	void *p = NULL;
	if (page_sized(n)) {
		pthread_mutex_lock(&pages.lock);
		if (pages.free) {
			p = pages.free;
			pages.free = *(void **)p;
		} else if (pages.next < pages.end) {
			p = pages.next;
			pages.next += pages.slot;
		}
		pthread_mutex_unlock(&pages.lock);
		if (p)
			return p;
	}
	return malloc((size_t)n);
}

static void page_free(void *p)
{
	if (!page_block(p)) {
		free(p);
		return;
	}
	pthread_mutex_lock(&pages.lock);
	*(void **)p = pages.free;
	pages.free = p;
	pthread_mutex_unlock(&pages.lock);
}

static int page_size_of(void *p)
{
	return page_block(p) ? (int)pages.slot : (int)malloc_usable_size(p);
}

static void *page_realloc(void *p, int n)
{
	if (!page_block(p))
		return realloc(p, (size_t)n);
	if (page_sized(n))
		return p;
	void *q = malloc((size_t)n);
	if (q) {
		memcpy(q, p, pages.slot < (size_t)n ? pages.slot : (size_t)n);
		page_free(p);
	}
	return q;
}

static int page_roundup(int n)
{
	return page_sized(n) ? (int)pages.slot : (n + 7) & ~7;
}

static int page_init(void *unused)
{
	(void)unused;
	return SQLITE_OK;
}

static void page_shutdown(void *unused)
{
	(void)unused;
}

static void sq_page_memory(void)
{
	int hdr = 0;
	if (!page_memory || sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK)
		return;
	size_t huge = 2u << 20, slot = ((size_t)SQ_PAGE_SIZE + (size_t)hdr + 63) & ~(size_t)63;
	size_t len = (page_memory / slot) * slot;
	char *p = mmap(NULL, len + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return;
	char *start = (char *)(((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1));
	madvise(start, len, MADV_HUGEPAGE); /* a hint: without it, 4 KiB pages */
	static const sqlite3_mem_methods methods = { page_malloc, page_free, page_realloc, page_size_of,
		page_roundup, page_init, page_shutdown, NULL };
	pages.start = pages.next = start;
	pages.end = start + len;
	pages.slot = slot;
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK) {
		pages.start = pages.next = pages.end = NULL;
		munmap(p, len + huge);
	}
}

static void sq_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sq_page_memory();
}

void db_page_memory(size_t bytes)
{
	page_memory = bytes;
}

/*
 * Every commit of a write transaction on a connection of this process
 * (SQLite calls the hook for those only, just before the commit): counted
 * for db_version_get. A commit that then fails is counted all the same,
 * which only makes a cache forget what it need not have.
 */
static int sq_commit_hook(void *unused)
{
	(void)unused;
	db_note_commit();
	return 0;
}

static enum bp_err sq_open(const char *path, void **out, struct bp_error *e)
{
	pthread_once(&config_once, sq_config);
	struct sq_conn *c = xcalloc(1, sizeof(*c));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(path, &c->h, flags, NULL);
	if (rc != SQLITE_OK) {
		char detail[512];
		snprintf(detail, sizeof(detail), " (%s: %s)", path, c->h ? sqlite3_errmsg(c->h) : "open failed");
		sqlite3_close(c->h);
		free(c);
		return err_set(e, "db_unavailable", detail);
	}
	sqlite3_busy_timeout(c->h, 10000);
	pthread_once(&utf8_once, utf8_locale_make);
	if (utf8_locale)
		sqlite3_create_function(c->h, "lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
					sq_lower, NULL, NULL);
	sqlite3_extended_result_codes(c->h, 1);
	sqlite3_commit_hook(c->h, sq_commit_hook, NULL);
	/* A new database's pages are SQ_PAGE_SIZE (page_size changes nothing
	 * in one that has tables). For bulk imports (bench/activities): a
	 * page cache of up to 64 MB (used only as it fills; the default 2 MB
	 * makes a long transaction spill its pages to the WAL and read them
	 * back), and statement journals in memory (a statement that may fail
	 * halfway keeps one, in a temporary file by default: eight writes a
	 * row). */
	const char *pragmas = "PRAGMA page_size=" SQ_TEXT(SQ_PAGE_SIZE) "; PRAGMA journal_mode=WAL;"
			      " PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
			      " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";
	char *msg = NULL;
	rc = sqlite3_exec(c->h, pragmas, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum bp_err r = err_set(e, "db_unavailable", msg ? msg : "");
		sqlite3_free(msg);
		sqlite3_close(c->h);
		free(c);
		return r;
	}
	*out = c;
	return BP_OK;
}

static void sq_close(void *conn)
{
	struct sq_conn *c = conn;
	for (int i = 0; i < CACHE_SIZE; i++) {
		sqlite3_finalize(c->cache[i].stmt);
		free(c->cache[i].sql);
	}
	sqlite3_finalize(c->data_version);
	sqlite3_close(c->h);
	free(c);
}

/*
 * The slot of a statement: its length and its text eight bytes at a
 * time. A byte at a time, the insert of a marker (400 characters) cost
 * as much to find as to bind; the text is compared in full on a hit.
 */
static unsigned long hash_sql(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = n * 0x9E3779B97F4A7C15ULL;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, sizeof(w));
		h = (h ^ w) * 0x100000001B3ULL;
	}
	for (; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001B3ULL;
	return (unsigned long)(h ^ (h >> 29));
}

/*
 * Whether parameter i of stmt is named "$i" for every i. Looking a name
 * up walks a list of all of them (sqlite3_bind_parameter_name), which
 * made a statement of 600 parameters (a bulk import's rows) spend more
 * time naming its parameters than running; a cached statement asks once.
 */
static bool params_in_order(sqlite3_stmt *stmt)
{
	int n = sqlite3_bind_parameter_count(stmt);
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(stmt, i);
		if (!name || name[0] != '$' || atoi(name + 1) != i)
			return false;
	}
	return true;
}

static enum bp_err sq_prepare(struct sq_conn *c, const char *sql, sqlite3_stmt **stmt,
			      struct cached **slot_out, struct bp_error *e)
{
	struct cached *slot = &c->cache[hash_sql(sql) % CACHE_SIZE];
	*slot_out = NULL;
	if (slot->sql && !slot->busy && !strcmp(slot->sql, sql)) {
		slot->busy = true;
		*stmt = slot->stmt;
		*slot_out = slot;
		return BP_OK;
	}
	bool cache_it = !slot->busy;
	int rc = sqlite3_prepare_v3(c->h, sql, -1, cache_it ? SQLITE_PREPARE_PERSISTENT : 0,
				    stmt, NULL);
	if (rc != SQLITE_OK)
		return sq_error(c->h, rc, e);
	if (!*stmt)
		return err_set(e, "db_error", "empty statement");
	if (cache_it) {
		sqlite3_finalize(slot->stmt);
		free(slot->sql);
		slot->sql = xstrdup(sql);
		slot->stmt = *stmt;
		slot->busy = true;
		slot->in_order = params_in_order(*stmt);
		*slot_out = slot;
	}
	return BP_OK;
}

static void sq_release(sqlite3_stmt *stmt, struct cached *slot)
{
	if (slot) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		slot->busy = false;
	} else
		sqlite3_finalize(stmt);
}

static enum bp_err sq_bind(struct sq_conn *c, sqlite3_stmt *stmt, const struct cached *slot,
			   const db_arg *args, int nargs, bool copy, struct bp_error *e)
{
	int n = sqlite3_bind_parameter_count(stmt);
	bool in_order = slot && slot->in_order;
	for (int i = 1; i <= n; i++) {
		const char *name = in_order ? NULL : sqlite3_bind_parameter_name(stmt, i);
		int k = in_order ? i : name && name[0] == '$' ? atoi(name + 1) : 0;
		if (k < 1 || k > nargs)
			return err_set(e, "db_error", "placeholder without an argument");
		const db_arg *a = &args[k - 1];
		int rc;
		switch (a->type) {
		case DB_INT: rc = sqlite3_bind_int64(stmt, i, a->i); break;
		case DB_REAL: rc = sqlite3_bind_double(stmt, i, a->d); break;
		/* Copied for a query: a caller may free or reuse its text
		 * before it reads the rows, as it may with PostgreSQL, which
		 * copies too. A statement without rows is done (and its
		 * bindings cleared) before the call returns: no copy. */
		case DB_TEXT: rc = sqlite3_bind_text(stmt, i, a->s, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC); break;
		default: rc = sqlite3_bind_null(stmt, i); break;
		}
		if (rc != SQLITE_OK)
			return sq_error(c->h, rc, e);
	}
	return BP_OK;
}

static enum bp_err sq_query(void *conn, const char *sql, const db_arg *args, int nargs,
			    void **rows, long long *changes, struct bp_error *e)
{
	struct sq_conn *c = conn;
	sqlite3_stmt *stmt = NULL;
	struct cached *slot = NULL;
	enum bp_err rc = sq_prepare(c, sql, &stmt, &slot, e);
	if (rc)
		return rc;
	rc = sq_bind(c, stmt, slot, args, nargs, rows != NULL, e);
	if (rc) {
		sq_release(stmt, slot);
		return rc;
	}
	if (rows) {
		struct sq_rows *r = xmalloc(sizeof(*r));
		r->c = c;
		r->stmt = stmt;
		r->slot = slot;
		*rows = r;
		return BP_OK;
	}
	int s;
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (s != SQLITE_DONE)
		rc = sq_error(c->h, s, e);
	else if (changes)
		*changes = sqlite3_changes(c->h);
	sq_release(stmt, slot);
	return rc;
}

static int sq_next(void *rows, struct bp_error *e)
{
	struct sq_rows *r = rows;
	int s = sqlite3_step(r->stmt);
	if (s == SQLITE_ROW)
		return 1;
	if (s == SQLITE_DONE)
		return 0;
	sq_error(r->c->h, s, e);
	return -1;
}

static int sq_ncols(void *rows)
{
	return sqlite3_column_count(((struct sq_rows *)rows)->stmt);
}

static const char *sq_text(void *rows, int col)
{
	return (const char *)sqlite3_column_text(((struct sq_rows *)rows)->stmt, col);
}

/*
 * A REAL or INTEGER as it is stored. Its text would be SQLite's printf of
 * it (15 digits) read back by strtod: a tenth of the map's time over a
 * box of markers. Any other type takes that way, as db_real says.
 */
static double sq_real(void *rows, int col)
{
	sqlite3_stmt *stmt = ((struct sq_rows *)rows)->stmt;
	int t = sqlite3_column_type(stmt, col);
	if (t == SQLITE_FLOAT || t == SQLITE_INTEGER)
		return sqlite3_column_double(stmt, col);
	const char *s = (const char *)sqlite3_column_text(stmt, col);
	return s ? strtod(s, NULL) : 0.0;
}

static const char *sq_colname(void *rows, int col)
{
	return sqlite3_column_name(((struct sq_rows *)rows)->stmt, col);
}

static void sq_rows_free(void *rows)
{
	struct sq_rows *r = rows;
	sq_release(r->stmt, r->slot);
	free(r);
}

static enum bp_err sq_begin(void *conn, struct bp_error *e)
{
	return sq_query(conn, "BEGIN IMMEDIATE", NULL, 0, NULL, NULL, e);
}

/*
 * The online backup API copies page by page while others keep working;
 * restoring checks first that the file is a bienphong database. A backup
 * takes the page size of what it copies, and a database in WAL mode
 * cannot take another: a restore (the server stopped) therefore writes
 * with a rollback journal and turns WAL on again after, so that a backup
 * of a database made by an older version (4 or 16 KiB pages) restores
 * into one that has 32 KiB pages, and the other way round.
 */
static enum bp_err sq_backup(void *conn, const char *path, bool restore, struct bp_error *e)
{
	struct sq_conn *c = conn;
	sqlite3 *file = NULL;
	int flags = restore ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &file, flags, NULL);
	enum bp_err out = BP_OK;
	if (rc != SQLITE_OK) {
		out = err_set(e, "backup_file", path);
		goto done;
	}
	if (restore) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(file, "SELECT MAX(version) FROM schema_version", -1, &st, NULL);
		bool ok = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
		if (!ok) {
			out = err_set(e, "backup_file", path);
			goto done;
		}
	}
	if (restore && (rc = sqlite3_exec(c->h, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL)) != SQLITE_OK) {
		out = sq_error(c->h, rc, e);
		goto done;
	}
	sqlite3_backup *b = restore ? sqlite3_backup_init(c->h, "main", file, "main")
				    : sqlite3_backup_init(file, "main", c->h, "main");
	if (!b) {
		out = sq_error(restore ? c->h : file, SQLITE_ERROR, e);
		goto done;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (restore)
		db_note_commit(); /* the backup API writes without the commit hook */
	if (rc != SQLITE_DONE)
		out = sq_error(restore ? c->h : file, rc, e);
done:
	if (restore) {
		int wal = sqlite3_exec(c->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		if (!out && wal != SQLITE_OK)
			out = sq_error(c->h, wal, e);
	}
	sqlite3_close(file);
	return out;
}

/*
 * The WAL-index (the database's "-shm" file, which every connection of
 * every process maps) begins with a header that the committing writer
 * rewrites at each commit: its counter of transactions, the last frame,
 * the WAL's salts and a checksum (https://www.sqlite.org/walformat.html,
 * unchanged since version 3.7.0). Two copies of it, 48 bytes each, are
 * written one after the other, so that a reader can tell a header being
 * written from a whole one. This connection's mapping of it comes from the
 * VFS (xShmMap, which returns the region SQLite already mapped); NULL when
 * there is none (a database not in WAL mode).
 */
#define WAL_HDR_BYTES 48
#define WAL_HDR_VERSION 3007000

static const volatile unsigned char *sq_wal_index(sqlite3 *h)
{
	sqlite3_file *f = NULL;
	if (sqlite3_file_control(h, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap)
		return NULL;
	volatile void *p = NULL;
	if (f->pMethods->xShmMap(f, 0, 32 * 1024, 0, &p) != SQLITE_OK || !p)
		return NULL;
	uint32_t version;
	memcpy(&version, (const void *)p, sizeof(version));
	return version == WAL_HDR_VERSION ? p : NULL;
}

/* A number that changes with every commit: the header's bytes, hashed,
 * when both copies agree (a few tries while a writer rewrites them). */
static bool sq_wal_version(const volatile unsigned char *hdr, uint64_t *out)
{
	for (int tries = 0; tries < 8; tries++) {
		unsigned char a[WAL_HDR_BYTES], b[WAL_HDR_BYTES];
		/* As SQLite's readers: the first copy, a barrier, the second
		 * (the writer writes the second first). */
		for (int i = 0; i < WAL_HDR_BYTES; i++)
			a[i] = hdr[i];
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		for (int i = 0; i < WAL_HDR_BYTES; i++)
			b[i] = hdr[WAL_HDR_BYTES + i];
		if (memcmp(a, b, WAL_HDR_BYTES) || !a[12]) /* a[12]: isInit */
			continue;
		uint64_t hash = 1469598103934665603ULL;
		for (int i = 0; i < WAL_HDR_BYTES; i++)
			hash = (hash ^ a[i]) * 1099511628211ULL;
		*out = hash | (1ULL << 63);
		return true;
	}
	return false;
}

/*
 * What other connections, of this process or any other, have committed:
 * the WAL-index header's hash (no lock, no system call), else PRAGMA
 * data_version, a number that changes when another connection has
 * committed since this one last looked (a read transaction, so locks on
 * the -shm file that the server's threads contend for). The top bit tells
 * the two apart. This connection's own commits are counted by
 * sq_commit_hook.
 */
static bool sq_others(void *conn, uint64_t *out)
{
	struct sq_conn *c = conn;
	if (!c->wal_index_tried) {
		c->wal_index_tried = true;
		c->wal_index = sq_wal_index(c->h);
	}
	if (c->wal_index)
		return sq_wal_version(c->wal_index, out);
	if (!c->data_version &&
	    sqlite3_prepare_v2(c->h, "PRAGMA data_version", -1, &c->data_version, NULL) != SQLITE_OK)
		return false;
	bool ok = sqlite3_step(c->data_version) == SQLITE_ROW;
	if (ok)
		*out = (uint64_t)sqlite3_column_int64(c->data_version, 0) & ~(1ULL << 63);
	sqlite3_reset(c->data_version);
	return ok;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.query = sq_query,
	.next = sq_next,
	.ncols = sq_ncols,
	.text = sq_text,
	.real = sq_real,
	.colname = sq_colname,
	.rows_free = sq_rows_free,
	.begin = sq_begin,
	.alive = NULL,
	.backup = sq_backup,
	.others = sq_others,
};
