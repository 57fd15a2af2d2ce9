/*
 * activity_import.c - bulk entry of activities from CSV; see
 * activity_files.h.
 *
 * All or nothing: one transaction holds the file's record in `imports`,
 * every activity and one audit row for the whole import (an import of
 * 100,000 activities is one act of one person). Every record is checked
 * and every bad one reported with its line; once one is bad the rest are
 * still checked but no longer written, since all is rolled back anyway.
 *
 * The same file twice: its SHA-256 is kept in `imports` (UNIQUE with the
 * kind), so the second upload is "import_duplicate" and doubles nothing;
 * and a row with an id already stored is compared and replaced, so an
 * edited file imports again without doubling its rows either.
 *
 * Two threads (bench/activities): a reader reads and checks the file, a
 * few thousand records at a time (struct chunk), and hands each chunk to
 * the writer, the caller's thread, which stores it while the reader goes
 * on with the next; a file is thus read and checked on one CPU while
 * SQLite writes on the other, and only a few chunks are held at once, not
 * the whole file's records. The chunks are stored in the file's order
 * (each one sorted, see struct chunk), so a row whose id came on an
 * earlier line replaces it, as when the file is read line by line. The
 * connection is the writer's; the reader takes it (run->dblock) only to
 * look a unit or marker up, or a unit's ancestry for the reports' sums,
 * once each, with a context of its own. Each side reports its problems in
 * an array of its own, put together in the order of the lines at the end.
 *
 * The reports' sums (report_flows_acc.c) are added up by the reader for
 * every good record; the writer sums apart the records that turn out not
 * to be new (an id already stored: replaced through report_flows_apply,
 * or unchanged), and those come out before the sums are written at the
 * end, in a few hundred upserts.
 *
 * Speed otherwise: the catalog is one snapshot for the file; an activity
 * costs one prepared statement for its row, which holds its values
 * (activities.vals), and its units go 200 rows a statement
 * (activity_batch). On SQLite the rows go in without the foreign-key
 * check at each row (db/bulk.h): every key they refer to is looked up in
 * the same transaction, and checked again once a key before the commit
 * (refs_verify).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "db/bulk.h"
#include "domain/access.h"
#include "domain/activity_files.h"
#include "domain/activity_store.h"
#include "domain/audit.h"
#include "domain/imports.h"
#include "domain/layer.h"
#include "domain/report_flows_acc.h"
#include "domain/units.h"
#include "geo/formats.h"
#include "geo/geometry.h"
#include "util/csv.h"
#include "util/handoff.h"
#include "util/report.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* In the order of catalog_file_columns. */
enum col_kind { COL_ID, COL_TYPE, COL_UNIT, COL_FROM, COL_TO, COL_TITLE, COL_NOTES, COL_LON, COL_LAT,
	COL_MARKER, COL_ORGANISERS, COL_PARTICIPANTS, COL_VALUE };

struct column {
	enum col_kind kind;
	const struct cat_indicator *ind; /* COL_VALUE */
};

/* A unit or marker reference of the file, checked once. */
struct ref {
	char *key;
	char id[37];
	char code[65];
	char from[11], to[11];   /* units: their dates ("" open) */
	struct bp_error err;     /* kind BP_OK when usable */
};

#define REF_SLOTS 1024

struct ref_cache {
	struct ref *slot[REF_SLOTS];
	size_t n;
	bool overflow; /* a key was looked up without a slot to keep it */
};

static unsigned hash_str(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The cached entry of key, or a free slot to fill (*found false); NULL when full. */
static struct ref **ref_slot(struct ref_cache *rc, const char *key, bool *found)
{
	unsigned i = hash_str(key) % REF_SLOTS;
	*found = false;
	for (unsigned k = 0; k < REF_SLOTS; k++, i = (i + 1) % REF_SLOTS) {
		if (!rc->slot[i])
			return rc->n < REF_SLOTS / 2 ? &rc->slot[i] : NULL;
		if (!strcmp(rc->slot[i]->key, key)) {
			*found = true;
			return &rc->slot[i];
		}
	}
	return NULL;
}

static void ref_cache_release(struct ref_cache *rc)
{
	for (size_t i = 0; i < REF_SLOTS; i++)
		if (rc->slot[i]) {
			free(rc->slot[i]->key);
			free(rc->slot[i]);
		}
}

/* Resolves and checks a unit for writing (scope, role) with its dates. */
static void unit_lookup(struct ctx *c, const char *key, struct ref *u)
{
	struct db_rows *r = NULL;
	err_clear(&c->err);
	if (unit_resolve(c, key, u->id) || access_unit(c, u->id, ACCESS_WRITE)) {
		u->err = c->err;
		snprintf(u->err.field, sizeof(u->err.field), "unit");
		return;
	}
	if (db_query_one(c->db, "SELECT code, valid_from, valid_to FROM units WHERE id = $1",
			 DB_ARGS(DB_S(u->id)), &r, &c->err)) {
		u->err = c->err;
		return;
	}
	snprintf(u->code, sizeof(u->code), "%s", db_text(r, 0));
	snprintf(u->from, sizeof(u->from), "%s", db_text(r, 1));
	snprintf(u->to, sizeof(u->to), "%s", db_isnull(r, 2) ? "" : db_text(r, 2));
	db_rows_free(r);
	err_clear(&u->err);
}

/* A marker the actor can see. */
static void marker_lookup(struct ctx *c, const char *key, struct ref *m)
{
	struct db_rows *r = NULL;
	err_clear(&c->err);
	if (!text_uuid_valid(key)) {
		err_set(&m->err, "activity_marker_unknown", key);
		snprintf(m->err.field, sizeof(m->err.field), "marker");
		return;
	}
	enum bp_err rc = db_query_one(c->db, "SELECT unit_id FROM markers WHERE id = $1", DB_ARGS(DB_S(key)),
				      &r, &c->err);
	if (rc == BP_ENOTFOUND) {
		err_set(&m->err, "activity_marker_unknown", key);
		snprintf(m->err.field, sizeof(m->err.field), "marker");
		return;
	}
	char unit[37] = "";
	if (!rc) {
		snprintf(unit, sizeof(unit), "%s", db_text(r, 0));
		db_rows_free(r);
		rc = layer_access_area(c, unit);
	}
	if (rc) {
		m->err = c->err;
		snprintf(m->err.field, sizeof(m->err.field), "marker");
		return;
	}
	snprintf(m->id, sizeof(m->id), "%s", key);
	err_clear(&m->err);
}

/* A unit that organised or took part: one the actor can see (its area). */
static void partner_lookup(struct ctx *c, const char *key, struct ref *u)
{
	err_clear(&c->err);
	if (unit_resolve(c, key, u->id) || layer_access_area(c, u->id)) {
		u->err = c->err;
		return;
	}
	snprintf(u->code, sizeof(u->code), "%s", key);
	err_clear(&u->err);
}

/* The checked reference of key; looked up (holding dblock, the connection's) when new. */
static const struct ref *ref_get(struct ctx *c, pthread_mutex_t *dblock, struct ref_cache *cache, const char *key,
				 void (*lookup)(struct ctx *, const char *, struct ref *), struct ref *spare)
{
	bool found;
	struct ref **slot = ref_slot(cache, key, &found);
	if (slot && found)
		return *slot;
	struct ref *x = slot ? xcalloc(1, sizeof(*x)) : spare;
	cache->overflow |= !slot;
	pthread_mutex_lock(dblock);
	lookup(c, key, x);
	pthread_mutex_unlock(dblock);
	if (slot) {
		x->key = xstrdup(key);
		*slot = x;
		cache->n++;
	}
	return x;
}

/*
 * Ids for the rows that bring none: time-ordered (the layout of a UUID
 * version 7: the import's start in milliseconds, then bits random for the
 * import, then the row's number), so that each new id goes at the end of
 * the primary-key index of activities instead of a random place in it;
 * the import writes a third faster for it.
 */
struct id_maker {
	unsigned char b[16];
	unsigned long long next;
};

static void id_maker_init(struct id_maker *m)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long long ms = (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
	randombytes_buf(m->b, sizeof(m->b));
	for (int i = 0; i < 6; i++)
		m->b[i] = (unsigned char)(ms >> (40 - 8 * i));
	m->b[6] = (unsigned char)((m->b[6] & 0x0F) | 0x70);
	m->b[8] = (unsigned char)((m->b[8] & 0x3F) | 0x80);
	m->next = 0;
}

static void id_maker_next(struct id_maker *m, char out[37])
{
	unsigned char *b = m->b;
	unsigned long long n = m->next++;
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 5; i++)
		b[11 + i] = (unsigned char)(n >> (32 - 8 * i));
	/* 8-4-4-4-12 hex digits (printf took a twentieth of the writer's time) */
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
	}
	*o = '\0';
}

/*
 * A record read and checked, handed to the writer in a chunk. Strings are
 * offsets into the chunk's text, values and units ranges of its vals and
 * uids.
 */
struct pending {
	long line;
	char id[37];           /* given by the reader when the file gave none */
	bool given;            /* the file gave the id */
	const struct cat_type *type;
	char unit_id[37];
	char date_from[11], date_to[11];
	size_t title, notes;   /* notes: SIZE_MAX for none */
	bool has_place;
	double lon, lat;
	char marker_id[37];
	size_t vals, nvals;
	size_t uids, norganisers, nparticipants;
};

/*
 * Records in flight from the reader to the writer: CHUNKS of CHUNK_RECORDS.
 * A chunk is stored in the order of date_from, unit and type (`order`)
 * rather than the file's: the inserts into the date indexes of activities
 * then come close together, which SQLite does with less work than the
 * same rows in no order (bench/README.md). Only a record whose
 * id came on an earlier line of the chunk keeps its place after the
 * others, so that the last of them is what stays.
 *
 * The reader gives the records that bring no id theirs, in the order
 * of storing: ids that grow as they are written go at the end of the
 * id's index.
 */
#define CHUNK_RECORDS 16384
#define CHUNKS 4

struct chunk {
	struct pending recs[CHUNK_RECORDS];
	size_t order[CHUNK_RECORDS];
	size_t nrecs;
	char *text;  /* titles and notes */
	size_t ntext, captext;
	struct activity_value *vals;
	size_t nvals, capvals;
	char (*uids)[37]; /* organisers and participants */
	size_t nuids, capuids;
};

struct import_run {
	/* Read-only while both threads run. */
	const struct catalog *cat;
	struct column *cols;
	size_t ncols;
	const char *default_unit;
	struct geo_region region;
	/* The reader's: its context (a copy of the caller's, errors its own),
	 * the file, its record, the references it looked up, its problems
	 * (the caller's array) and which types and indicators it met. */
	struct ctx rctx;
	struct csv_reader *rd;
	size_t nnames;
	struct activity_rec ra;
	struct ref_cache units, markers, partners;
	json_t *report;
	bool *type_used, *ind_used;
	struct report_flows_acc *flows; /* every good record's sums */
	struct id_maker ids; /* for the records that bring no id (chunk_order) */
	atomic_bool bad; /* the reader has reported a problem */
	/* Between them. */
	pthread_mutex_t dblock; /* the connection: the writer's, but for lookups */
	struct handoff ready, spare;
	struct chunk *chunks[CHUNKS];
	/* The writer's. */
	struct ctx *c;
	json_t *wreport;
	char import_id[37];
	char now[TIMESTAMP_LEN];
	long created, updated, unchanged, values;
	struct activity_rec a;
	bool has_id; /* the current record brought its id */
	bool stored_new; /* the current record was stored as a new activity */
	struct activity_batch batch;
	struct report_flows_acc *undo; /* the sums of the records not new */
};

static void bad(struct import_run *run, long line, const char *code, const char *detail, const char *field)
{
	struct bp_error e;
	err_set(&e, code, detail);
	if (field)
		snprintf(e.field, sizeof(e.field), "%s", field);
	report_add(run->report, line, &e);
}

/* The header: every column known, the required ones there. */
static bool read_header(struct import_run *run, char **names, size_t n, long line)
{
	const char *const *fixed = catalog_file_columns;
	bool ok = true, seen[COL_VALUE] = { false };
	run->cols = xcalloc(n ? n : 1, sizeof(*run->cols));
	run->ncols = n;
	for (size_t i = 0; i < n; i++) {
		int k = -1;
		for (int f = 0; fixed[f]; f++)
			if (!strcmp(names[i], fixed[f]))
				k = f;
		if (k >= 0) {
			run->cols[i].kind = (enum col_kind)k;
			seen[k] = true;
			continue;
		}
		run->cols[i].kind = COL_VALUE;
		run->cols[i].ind = catalog_indicator(run->cat, names[i]);
		if (!run->cols[i].ind) {
			report_field(run->report, line, "csv_column_unknown", names[i]);
			ok = false;
		}
	}
	static const struct { enum col_kind k; const char *name; } need[] = {
		{ COL_TYPE, "type" }, { COL_UNIT, "unit" }, { COL_FROM, "date_from" }, { COL_TITLE, "title" },
	};
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!seen[need[i].k] && !(need[i].k == COL_UNIT && run->default_unit)) {
			report_field(run->report, line, "csv_column_missing", need[i].name);
			ok = false;
		}
	if (seen[COL_LON] != seen[COL_LAT]) {
		report_field(run->report, line, "csv_column_missing", seen[COL_LON] ? "lat" : "lon");
		ok = false;
	}
	return ok;
}

/*
 * A list cell of unit codes (';' or white space between them: ';' is what
 * the export writes, and it survives Excel in both its list-separator
 * settings, quoted where ';' separates the cells) into ids; false after
 * reporting the first code that is unknown or out of the actor's area.
 */
static bool read_partners(struct import_run *run, const char *list, const char *field, char (*ids)[37],
			  size_t *n, long line)
{
	char code[72];
	const char *p = csv_unguard(list);
	*n = 0;
	for (;;) {
		p += strspn(p, "; \t\r\n");
		size_t len = strcspn(p, "; \t\r\n");
		if (!len)
			return true;
		if (len >= sizeof(code)) {
			bad(run, line, "unit_not_found", NULL, field);
			return false;
		}
		memcpy(code, p, len);
		code[len] = '\0';
		p += len;
		struct ref spare;
		const struct ref *u = ref_get(&run->rctx, &run->dblock, &run->partners, code, partner_lookup, &spare);
		if (u->err.kind) {
			struct bp_error e = u->err;
			snprintf(e.field, sizeof(e.field), "%s", field);
			report_add(run->report, line, &e);
			return false;
		}
		bool twice = false;
		for (size_t k = 0; k < *n; k++)
			twice |= !strcmp(ids[k], u->id);
		if (twice)
			continue;
		if (*n == ACTIVITY_UNITS_MAX) {
			bad(run, line, "field_too_long", NULL, field);
			return false;
		}
		memcpy(ids[(*n)++], u->id, 37);
	}
}

/* One record into run->ra; false after reporting what is wrong. */
static bool read_record(struct import_run *run, const struct csv_reader *rd, long line)
{
	struct activity_rec *a = &run->ra;
	struct ctx *c = &run->rctx;
	const char *cell[COL_VALUE] = { NULL };
	a->nvalues = 0;
	a->norganisers = a->nparticipants = 0;
	a->has_place = false;
	a->marker_id[0] = '\0';
	for (size_t i = 0; i < run->ncols; i++) {
		const char *v = csv_field(rd, i);
		if (run->cols[i].kind != COL_VALUE) {
			cell[run->cols[i].kind] = v;
			continue;
		}
		if (!*v)
			continue;
		if (a->nvalues == ACTIVITY_VALUES_MAX) {
			bad(run, line, "field_too_long", NULL, "values");
			return false;
		}
		struct activity_value *av = &a->values[a->nvalues];
		av->ind = run->cols[i].ind;
		if (catalog_value_text(av->ind, v, &av->milli, &c->err)) {
			report_add(run->report, line, &c->err);
			return false;
		}
		a->nvalues++;
	}
	/* id */
	if (cell[COL_ID] && *cell[COL_ID]) {
		if (!text_uuid_valid(cell[COL_ID])) {
			bad(run, line, "id_invalid", NULL, "id");
			return false;
		}
		snprintf(a->id, sizeof(a->id), "%s", cell[COL_ID]);
	} else {
		a->id[0] = '\0'; /* given by chunk_order, in the order of storing */
	}
	/* type */
	const char *type = cell[COL_TYPE] ? cell[COL_TYPE] : "";
	if (!*type) {
		bad(run, line, "field_required", "“type”", "type");
		return false;
	}
	if (!(a->type = catalog_type(run->cat, type))) {
		bad(run, line, "activity_type_unknown", type, "type");
		return false;
	}
	/* dates */
	const char *from = cell[COL_FROM] ? cell[COL_FROM] : "";
	const char *to = cell[COL_TO] && *cell[COL_TO] ? cell[COL_TO] : from;
	if (!date_valid(from)) {
		bad(run, line, *from ? "date_invalid" : "field_required", "“date_from”", "date_from");
		return false;
	}
	if (!date_valid(to)) {
		bad(run, line, "date_invalid", "“date_to”", "date_to");
		return false;
	}
	if (strcmp(to, from) < 0) {
		bad(run, line, "activity_dates", to, "date_to");
		return false;
	}
	memcpy(a->date_from, from, 11);
	memcpy(a->date_to, to, 11);
	/* title, notes: our export guards them against formulas, taken off here */
	a->title = cell[COL_TITLE] ? csv_unguard(cell[COL_TITLE]) : "";
	if (!a->title[strspn(a->title, " \t")]) {
		bad(run, line, "field_required", "“title”", "title");
		return false;
	}
	if (text_utf8_len(a->title) > ACTIVITY_TITLE_MAX) {
		bad(run, line, "field_too_long", "“title”", "title");
		return false;
	}
	a->notes = cell[COL_NOTES] && *cell[COL_NOTES] ? csv_unguard(cell[COL_NOTES]) : NULL;
	if (a->notes && text_utf8_len(a->notes) > ACTIVITY_NOTES_MAX) {
		bad(run, line, "field_too_long", "“notes”", "notes");
		return false;
	}
	/* place */
	const char *lon = cell[COL_LON] ? cell[COL_LON] : "", *lat = cell[COL_LAT] ? cell[COL_LAT] : "";
	if (*lon || *lat) {
		if (!*lon || !*lat) {
			bad(run, line, "activity_place", NULL, *lon ? "lat" : "lon");
			return false;
		}
		if (!csv_decimal(rd, lon, &a->lon) || !csv_decimal(rd, lat, &a->lat)) {
			bad(run, line, "coord_invalid", "lon, lat", "lon");
			return false;
		}
		a->lon = layer_round_deg(a->lon);
		a->lat = layer_round_deg(a->lat);
		struct bp_error pe;
		if (geo_check_point(&run->region, a->lon, a->lat, "lon, lat", &pe)) {
			report_add(run->report, line, &pe);
			return false;
		}
		a->has_place = true;
	}
	/* unit: in scope for writing, and existing on the first day */
	const char *unit = cell[COL_UNIT] && *cell[COL_UNIT] ? cell[COL_UNIT] : run->default_unit;
	if (!unit) {
		bad(run, line, "field_required", "“unit”", "unit");
		return false;
	}
	struct ref spare;
	const struct ref *u = ref_get(c, &run->dblock, &run->units, unit, unit_lookup, &spare);
	if (u->err.kind) {
		report_add(run->report, line, &u->err);
		return false;
	}
	if (strcmp(u->from, a->date_from) > 0 || (u->to[0] && strcmp(u->to, a->date_from) <= 0)) {
		bad(run, line, "unit_not_valid_at", u->code, "unit");
		return false;
	}
	memcpy(a->unit_id, u->id, 37);
	/* marker */
	if (cell[COL_MARKER] && *cell[COL_MARKER]) {
		const struct ref *m = ref_get(c, &run->dblock, &run->markers, cell[COL_MARKER], marker_lookup, &spare);
		if (m->err.kind) {
			report_add(run->report, line, &m->err);
			return false;
		}
		memcpy(a->marker_id, m->id, 37);
	}
	/* organisers, participants: unit codes separated by ';' or spaces */
	for (int role = 0; role < 2; role++) {
		const char *list = cell[role ? COL_PARTICIPANTS : COL_ORGANISERS];
		if (list && !read_partners(run, list, role ? "participants" : "organisers",
					   role ? a->participants : a->organisers,
					   role ? &a->nparticipants : &a->norganisers, line))
			return false;
	}
	return true;
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (p && need <= *cap)
		return p;
	size_t c = *cap ? *cap : 1024;
	while (c < need || c <= *cap)
		c *= 2;
	*cap = c;
	return xrealloc(p, c * size);
}

static size_t text_keep(struct chunk *k, const char *s)
{
	size_t n = strlen(s) + 1, at = k->ntext;
	k->text = grow(k->text, &k->captext, k->ntext + n, 1);
	memcpy(k->text + at, s, n);
	k->ntext += n;
	return at;
}

static void chunk_reset(struct chunk *k)
{
	k->nrecs = k->ntext = k->nvals = k->nuids = 0;
}

static void chunk_free(struct chunk *k)
{
	if (!k)
		return;
	free(k->text);
	free(k->vals);
	free(k->uids);
	free(k);
}

/* Keeps run->ra (just read and checked) in k, which has room for it. */
static void pending_push(struct import_run *run, struct chunk *k, long line)
{
	const struct activity_rec *a = &run->ra;
	struct pending *p = &k->recs[k->nrecs++];
	memset(p, 0, sizeof(*p));
	p->line = line;
	memcpy(p->id, a->id, sizeof(p->id));
	p->given = a->id[0] != '\0';
	p->type = a->type;
	memcpy(p->unit_id, a->unit_id, sizeof(p->unit_id));
	memcpy(p->date_from, a->date_from, sizeof(p->date_from));
	memcpy(p->date_to, a->date_to, sizeof(p->date_to));
	p->title = text_keep(k, a->title);
	p->notes = a->notes ? text_keep(k, a->notes) : SIZE_MAX;
	p->has_place = a->has_place;
	p->lon = a->lon;
	p->lat = a->lat;
	memcpy(p->marker_id, a->marker_id, sizeof(p->marker_id));
	p->vals = k->nvals;
	p->nvals = a->nvalues;
	k->vals = grow(k->vals, &k->capvals, k->nvals + a->nvalues, sizeof(*k->vals));
	memcpy(k->vals + k->nvals, a->values, a->nvalues * sizeof(*a->values));
	k->nvals += a->nvalues;
	p->uids = k->nuids;
	p->norganisers = a->norganisers;
	p->nparticipants = a->nparticipants;
	k->uids = grow(k->uids, &k->capuids, k->nuids + a->norganisers + a->nparticipants, sizeof(*k->uids));
	memcpy(k->uids + k->nuids, a->organisers, a->norganisers * sizeof(*a->organisers));
	k->nuids += a->norganisers;
	memcpy(k->uids + k->nuids, a->participants, a->nparticipants * sizeof(*a->participants));
	k->nuids += a->nparticipants;
	run->type_used[a->type - run->cat->types] = true;
	for (size_t i = 0; i < a->nvalues; i++)
		run->ind_used[a->values[i].ind - run->cat->inds] = true;
}

/* Makes run->a the record p of chunk k. */
static void pending_load(struct import_run *run, const struct chunk *k, const struct pending *p)
{
	struct activity_rec *a = &run->a;
	memcpy(a->id, p->id, sizeof(a->id));
	a->type = p->type;
	memcpy(a->unit_id, p->unit_id, sizeof(a->unit_id));
	memcpy(a->date_from, p->date_from, sizeof(a->date_from));
	memcpy(a->date_to, p->date_to, sizeof(a->date_to));
	a->title = k->text + p->title;
	a->notes = p->notes == SIZE_MAX ? NULL : k->text + p->notes;
	a->has_place = p->has_place;
	a->lon = p->lon;
	a->lat = p->lat;
	memcpy(a->marker_id, p->marker_id, sizeof(a->marker_id));
	memcpy(a->values, k->vals + p->vals, p->nvals * sizeof(*a->values));
	a->nvalues = p->nvals;
	memcpy(a->organisers, k->uids + p->uids, p->norganisers * sizeof(*a->organisers));
	a->norganisers = p->norganisers;
	memcpy(a->participants, k->uids + p->uids + p->norganisers, p->nparticipants * sizeof(*a->participants));
	a->nparticipants = p->nparticipants;
	run->has_id = p->given;
}

/* a's sums for the reports into acc (report_flows_acc.h). */
static enum bp_err record_flows(struct ctx *c, struct report_flows_acc *acc, const struct activity_rec *a)
{
	const char *codes[ACTIVITY_VALUES_MAX];
	int64_t milli[ACTIVITY_VALUES_MAX];
	for (size_t i = 0; i < a->nvalues; i++) {
		codes[i] = a->values[i].ind->code;
		milli[i] = a->values[i].milli;
	}
	return report_flows_acc_add(c, acc, a->unit_id, a->date_from, a->type->code, codes, milli, a->nvalues);
}

/* The reader's record into the sums, holding the connection when its unit's ancestry is to be read. */
static bool reader_flows(struct import_run *run, long line)
{
	bool known = report_flows_acc_has_unit(run->flows, run->ra.unit_id);
	if (!known)
		pthread_mutex_lock(&run->dblock);
	enum bp_err rc = record_flows(&run->rctx, run->flows, &run->ra);
	if (!known)
		pthread_mutex_unlock(&run->dblock);
	if (rc)
		report_add(run->report, line, &run->rctx.err);
	return !rc;
}

static int pending_cmp(const void *x, const void *y, void *arg)
{
	const struct pending *recs = arg;
	const struct pending *a = &recs[*(const size_t *)x], *b = &recs[*(const size_t *)y];
	int k = strcmp(a->date_from, b->date_from);
	if (!k)
		k = strcmp(a->unit_id, b->unit_id);
	if (!k)
		k = strcmp(a->type->code, b->type->code);
	return k ? k : (a->line > b->line) - (a->line < b->line);
}

/*
 * The order in which k's records are stored: those whose id is first met
 * in the chunk by pending_cmp, then the others in the file's order.
 */
static void chunk_order(struct id_maker *ids, struct chunk *k)
{
	size_t cap = 16, n = 0, again = 0;
	while (cap < 2 * k->nrecs)
		cap *= 2;
	size_t *slot = xmalloc(cap * sizeof(*slot));
	bool *later = xcalloc(k->nrecs ? k->nrecs : 1, sizeof(*later));
	for (size_t i = 0; i < cap; i++)
		slot[i] = SIZE_MAX;
	for (size_t r = 0; r < k->nrecs; r++) {
		const struct pending *p = &k->recs[r];
		if (!p->id[0])
			continue;
		size_t i = hash_str(p->id) & (cap - 1);
		while (slot[i] != SIZE_MAX && strcmp(k->recs[slot[i]].id, p->id))
			i = (i + 1) & (cap - 1);
		if (slot[i] == SIZE_MAX)
			slot[i] = r;
		else
			later[r] = true;
	}
	for (size_t r = 0; r < k->nrecs; r++)
		if (!later[r])
			k->order[n++] = r;
	qsort_r(k->order, n, sizeof(*k->order), pending_cmp, k->recs);
	for (size_t i = 0; i < n; i++)
		if (!k->recs[k->order[i]].id[0])
			id_maker_next(ids, k->recs[k->order[i]].id);
	for (size_t r = 0; r < k->nrecs; r++)
		if (later[r])
			k->order[n + again++] = r;
	free(slot);
	free(later);
}

/*
 * Stores run->a: new, or compared with and replacing the stored one.
 * Without write (the file is already bad), only checks what storing would.
 */
static enum bp_err store_record(struct import_run *run, long line, bool write)
{
	struct ctx *c = run->c;
	struct activity_rec *a = &run->a;
	bool inserted = false;
	struct bp_error te;
	bool type_ok = !activity_check_type(a, NULL, &te);
	if (!write && (type_ok || !run->has_id))
		return type_ok ? BP_OK : (report_add(run->wreport, line, &te), BP_OK);
	if (type_ok && write) {
		enum bp_err rc = activity_insert_row(c, a, run->import_id, c->actor.username, run->now, &inserted);
		if (!rc && inserted)
			rc = activity_batch_add(c, &run->batch, a);
		if (rc)
			return rc;
		if (inserted) {
			run->created++;
			run->values += (long)a->nvalues;
			run->stored_new = true;
			return BP_OK;
		}
	}
	/* Not new: the id is stored already (or the type refuses a new one). */
	enum bp_err rc = write ? activity_batch_flush(c, &run->batch) : BP_OK;
	if (rc)
		return rc;
	json_t *stored = NULL;
	rc = activity_load(c, a->id, &stored);
	if (rc == BP_ENOTFOUND) {
		report_add(run->wreport, line, &te);
		return BP_OK;
	}
	if (rc)
		return rc;
	const char *was = json_string_value(json_object_get(json_object_get(stored, "unit"), "id"));
	if (access_unit(c, was, ACCESS_READ) || (!activity_same(stored, a) && access_unit(c, was, ACCESS_WRITE))) {
		snprintf(c->err.field, sizeof(c->err.field), "id");
		report_add(run->wreport, line, &c->err);
	} else if (activity_same(stored, a)) {
		run->unchanged++;
	} else if (activity_check_type(a, stored, &te)) {
		report_add(run->wreport, line, &te);
	} else if (!write) {
		/* fine, and not written */
	} else if ((rc = activity_replace(c, a, run->now))) {
		json_decref(stored);
		return rc;
	} else {
		run->updated++;
		run->values += (long)a->nvalues;
	}
	json_decref(stored);
	return BP_OK;
}

struct report_item {
	long where;
	size_t i;
	json_t *v;
};

static int report_item_cmp(const void *x, const void *y)
{
	const struct report_item *a = x, *b = y;
	if (a->where != b->where)
		return a->where < b->where ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* The report in the order of its lines, those of one line as they came. */
static void report_sort(json_t *report)
{
	size_t n = json_array_size(report);
	if (n < 2)
		return;
	struct report_item *v = xmalloc(n * sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i].v = json_incref(json_array_get(report, i));
		v[i].where = (long)json_integer_value(json_object_get(v[i].v, "where"));
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), report_item_cmp);
	json_array_clear(report);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(report, v[i].v);
	free(v);
}

/*
 * The reader's thread: every record of the file, read and checked, into
 * chunks handed to the writer. Ends when the file does (closing `ready`)
 * or when the writer closes the queues (it gave up).
 */
static void *reader_main(void *arg)
{
	struct import_run *run = arg;
	struct csv_reader *rd = run->rd;
	struct chunk *k = handoff_get(&run->spare);
	enum csv_status st;
	while (k && (st = csv_next(rd)) != CSV_END) {
		long line = rd->record_line;
		struct bp_error pe;
		if (st == CSV_ENCODING) {
			/* The whole file is refused (activity_import), as at once. */
			atomic_store(&run->bad, true);
			break;
		}
		if (csv_status_error(st, &pe)) {
			report_add(run->report, line, &pe);
			atomic_store(&run->bad, true);
			if (st == CSV_QUOTE && rd->p >= rd->end)
				break;
			continue;
		}
		if (csv_field(rd, 0)[0] == '#')
			continue; /* a comment row, as the templates have */
		if (csv_columns_wrong(rd, run->nnames, run->report) || !read_record(run, rd, line) ||
		    !reader_flows(run, line)) {
			atomic_store(&run->bad, true);
			continue;
		}
		pending_push(run, k, line);
		if (k->nrecs == CHUNK_RECORDS) {
			chunk_order(&run->ids, k);
			if (!handoff_put(&run->ready, k))
				return NULL;
			k = handoff_get(&run->spare);
		}
	}
	if (k && k->nrecs) {
		chunk_order(&run->ids, k);
		handoff_put(&run->ready, k);
	}
	handoff_close(&run->ready);
	return NULL;
}

/* Nothing is bad yet on either side: records are written, not only checked. */
static bool writing(struct import_run *run)
{
	return !atomic_load(&run->bad) && !json_array_size(run->wreport);
}

/*
 * The writer's part: stores every record of the chunks the reader hands
 * over, holding the connection for a chunk at a time, in the chunk's
 * order (struct chunk). Once a line is bad (on either side) nothing more
 * is written, but each record is still checked against what is stored.
 * On an error the queues are closed, so the reader stops too.
 */
static enum bp_err store_chunks(struct import_run *run)
{
	enum bp_err rc = BP_OK;
	struct chunk *k;
	while (!rc && (k = handoff_get(&run->ready)) != NULL) {
		pthread_mutex_lock(&run->dblock);
		for (size_t i = 0; i < k->nrecs && !rc; i++) {
			bool write = writing(run);
			const struct pending *p = &k->recs[k->order[i]];
			pending_load(run, k, p);
			run->stored_new = false;
			rc = store_record(run, p->line, write);
			/* The reader summed every record; those not new come out. */
			if (!rc && write && !run->stored_new)
				rc = record_flows(run->c, run->undo, &run->a);
		}
		pthread_mutex_unlock(&run->dblock);
		chunk_reset(k);
		if (!handoff_put(&run->spare, k))
			break;
	}
	if (rc) {
		handoff_close(&run->ready);
		handoff_close(&run->spare);
	}
	if (!rc && writing(run)) {
		pthread_mutex_lock(&run->dblock);
		rc = activity_batch_flush(run->c, &run->batch);
		pthread_mutex_unlock(&run->dblock);
	}
	return rc;
}

/*
 * PostgreSQL plans from statistics that autovacuum renews only in its own
 * time (a minute or more after a change of a tenth of a table): right
 * after a large import they still describe the table before it, and the
 * export's page query was planned as if for a few rows, 200 ms a page
 * instead of a few (bench/README.md). An import that adds a tenth or more
 * of the activities (and at least 1,000) renews them itself, in its
 * transaction, which ANALYZE counts as it is. SQLite plans without them.
 */
#define STATISTICS_MIN_ROWS 1000
static enum bp_err statistics_renew(struct ctx *c, long created)
{
	if (created < STATISTICS_MIN_ROWS || strcmp(db_engine(c->db), "postgresql"))
		return BP_OK;
	long long rows = 0;
	enum bp_err rc = db_scalar_int(c->db, "SELECT CAST(GREATEST(reltuples, 0) AS BIGINT) FROM pg_class"
				       " WHERE oid = CAST('activities' AS regclass)", DB_NOARGS, &rows, &c->err);
	if (rc || (long long)created * 10 < rows)
		return rc;
	return db_exec(c->db, "ANALYZE activities, activity_units", DB_NOARGS, NULL, &c->err);
}

/* Starts the reader's thread on rd; false when the system refuses one. */
static bool reader_start(struct import_run *run, struct csv_reader *rd, size_t nnames, pthread_t *t)
{
	run->rd = rd;
	run->nnames = nnames;
	run->rctx = *run->c;
	handoff_init(&run->ready, CHUNKS);
	handoff_init(&run->spare, CHUNKS);
	for (size_t i = 0; i < CHUNKS; i++) {
		run->chunks[i] = xcalloc(1, sizeof(*run->chunks[i]));
		handoff_put(&run->spare, run->chunks[i]);
	}
	return pthread_create(t, NULL, reader_main, run) == 0;
}

/* Stops the reader (at once, if it is still reading) and waits for it. */
static void reader_stop(struct import_run *run, pthread_t t)
{
	handoff_close(&run->ready);
	handoff_close(&run->spare);
	pthread_join(t, NULL);
}

/* The writer's problems after the reader's, all in the order of the lines. */
static void reports_join(struct import_run *run)
{
	size_t i;
	json_t *p;
	json_array_foreach(run->wreport, i, p)
		json_array_append(run->report, p);
	json_array_clear(run->wreport);
	report_sort(run->report);
}

/* One key the import wrote into a foreign-key column is stored. */
static enum bp_err ref_exists(struct ctx *c, const char *sql, const char *key)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db, sql, DB_ARGS(DB_S(key)), &n, &c->err);
	if (!rc && !n)
		rc = err_set(&c->err, "invalid_input", "reference to a record that does not exist");
	return rc;
}

static enum bp_err refs_cache_verify(struct ctx *c, const struct ref_cache *cache, const char *sql)
{
	enum bp_err rc = BP_OK;
	for (size_t i = 0; i < REF_SLOTS && !rc; i++) {
		const struct ref *r = cache->slot[i];
		if (r && !r->err.kind && r->id[0])
			rc = ref_exists(c, sql, r->id);
	}
	return rc;
}

/* SQLite's own check of a table's foreign keys; any row it lists is an error. */
static enum bp_err fk_table_check(struct ctx *c, const char *sql)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query(c->db, sql, DB_NOARGS, &r, &c->err);
	if (rc)
		return rc;
	int s = db_next(r, &c->err);
	db_rows_free(r);
	if (s < 0)
		return c->err.kind;
	return s ? err_set(&c->err, "invalid_input", "reference to a record that does not exist") : BP_OK;
}

/*
 * The foreign keys of what was stored, checked once a key, when the
 * import wrote with SQLite's check at each row off (db/bulk.h). Units,
 * markers and partners were looked up in this transaction, the types and
 * indicators come from the catalog read before it (they are retired,
 * never deleted); the activities and the import are the import's own
 * rows. When a file names more units or markers than the caches keep,
 * the ones beyond were looked up but not kept: SQLite then checks the
 * whole of activities and activity_units itself (a scan of each).
 */
static enum bp_err refs_verify(struct import_run *run)
{
	struct ctx *c = run->c;
	const struct catalog *cat = run->cat;
	enum bp_err rc = BP_OK;
	for (size_t i = 0; i < cat->ntypes && !rc; i++)
		if (run->type_used[i])
			rc = ref_exists(c, "SELECT COUNT(*) FROM activity_types WHERE code = $1", cat->types[i].code);
	for (size_t i = 0; i < cat->ninds && !rc; i++)
		if (run->ind_used[i])
			rc = ref_exists(c, "SELECT COUNT(*) FROM indicators WHERE code = $1", cat->inds[i].code);
	if (!rc)
		rc = refs_cache_verify(c, &run->units, "SELECT COUNT(*) FROM units WHERE id = $1");
	if (!rc)
		rc = refs_cache_verify(c, &run->partners, "SELECT COUNT(*) FROM units WHERE id = $1");
	if (!rc)
		rc = refs_cache_verify(c, &run->markers, "SELECT COUNT(*) FROM markers WHERE id = $1");
	if (!rc && (run->units.overflow || run->markers.overflow || run->partners.overflow)) {
		rc = fk_table_check(c, "PRAGMA foreign_key_check(activities)");
		if (!rc)
			rc = fk_table_check(c, "PRAGMA foreign_key_check(activity_units)");
	}
	return rc;
}

/* The file's record in `imports`; "import_duplicate" when its bytes came before. */
static enum bp_err import_record(struct import_run *run, const char *sha, const char *file_name)
{
	enum bp_err rc = imports_check(run->c, "activities", sha);
	if (!rc)
		rc = imports_record(run->c, run->import_id, "activities", sha, file_name, 0, run->now);
	return rc;
}

enum bp_err activity_import(struct ctx *c, const char *data, size_t len, const char *file_name,
			    const char *default_unit, json_t **summary, json_t **problems)
{
	struct import_run *run = xcalloc(1, sizeof(*run));
	struct catalog *cat = NULL;
	struct csv_reader rd;
	char **names = NULL;
	size_t nnames = 0;
	char sha[65];
	bool began = false, opened = false, reading = false;
	pthread_t reader;
	struct db_bulk bulk = { 0 };
	*summary = NULL;
	*problems = json_array();
	run->c = c;
	run->report = *problems;
	run->wreport = json_array();
	run->default_unit = default_unit && *default_unit ? default_unit : NULL;
	pthread_mutex_init(&run->dblock, NULL);
	activity_batch_init(&run->batch);
	run->flows = report_flows_acc_new();
	run->undo = report_flows_acc_new();
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc)
		goto out;
	if (len > geo_import_max()) {
		rc = geo_too_large(&c->err);
		goto out;
	}
	/* Checked for UTF-8 as it is read, by the reader (csv_open_lazy). */
	if ((rc = csv_open_lazy(&rd, data, len, &c->err)))
		goto out;
	opened = true;
	if ((rc = catalog_load(c, &cat)))
		goto out;
	run->cat = cat;
	run->type_used = xcalloc(cat->ntypes + 1, 1);
	run->ind_used = xcalloc(cat->ninds + 1, 1);
	geo_region_get(&run->region);
	text_uuid_new(run->import_id);
	id_maker_init(&run->ids);
	timestamp_now(run->now);
	bool ok = csv_header(&rd, &names, &nnames, run->report);
	if (!names && rd.encoding[0]) {
		rc = csv_encoding_error(&rd, &c->err);
		goto out;
	}
	if (!names)
		goto rejected;
	ok = read_header(run, names, nnames, rd.record_line) && ok;
	if (!ok)
		goto rejected; /* every row would fail the same way */
	/* The reader starts on the rows while the writer hashes the file and
	 * opens the transaction. */
	if (!reader_start(run, &rd, nnames, &reader)) {
		rc = err_set(&c->err, "internal", " (cannot start the reading thread)");
		goto out;
	}
	reading = true;
	imports_sha256(data, len, sha);
	pthread_mutex_lock(&run->dblock);
	rc = db_bulk_start(c->db, &bulk, &c->err);
	if (!rc && !(rc = db_begin(c->db, &c->err)))
		began = true;
	if (!rc)
		rc = import_record(run, sha, file_name);
	pthread_mutex_unlock(&run->dblock);
	if (!rc)
		rc = store_chunks(run);
	reader_stop(run, reader);
	reading = false;
	if (!rc && rd.encoding[0]) {
		/* Not UTF-8: whatever was written goes, the lines' problems too. */
		rc = csv_encoding_error(&rd, &c->err);
		json_array_clear(run->report);
	}
	if (rc)
		goto out;
	reports_join(run);
	if (json_array_size(run->report))
		goto rejected;
	if (!run->created && !run->updated && !run->unchanged) {
		report_problem(run->report, rd.line, "file_empty", " (CSV)");
		goto rejected;
	}
	long records = run->created + run->updated + run->unchanged;
	*summary = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "import_id", run->import_id,
			     "activities", (json_int_t)records, "values", (json_int_t)run->values,
			     "created", (json_int_t)run->created, "updated", (json_int_t)run->updated,
			     "unchanged", (json_int_t)run->unchanged);
	json_t *after = json_pack("{s:O, s:s?, s:s}", "summary", *summary, "file_name", file_name, "sha256", sha);
	rc = db_exec(c->db, "UPDATE imports SET records = $2 WHERE id = $1",
		     DB_ARGS(DB_S(run->import_id), DB_I(records)), NULL, &c->err);
	if (!rc && bulk.set)
		rc = refs_verify(run);
	/* The new activities into the reports' sums (summed while read). */
	report_flows_acc_merge(run->flows, run->undo, -1);
	if (!rc && run->created)
		rc = report_flows_acc_write(c, run->flows, 1);
	if (!rc)
		rc = statistics_renew(c, run->created);
	if (!rc)
		rc = audit_record(c, "import", run->import_id, c->actor.system ? NULL : c->actor.unit_id,
				  "import_activities", NULL, after);
	json_decref(after);
	goto out;
rejected: {
		char d[32];
		snprintf(d, sizeof(d), "%zu", json_array_size(run->report));
		rc = err_set(&c->err, "import_rejected", d);
	}
out:
	if (reading)
		reader_stop(run, reader);
	if (began)
		rc = db_end(c->db, rc, &c->err);
	if (bulk.set) {
		struct bp_error stop_err;
		enum bp_err src = db_bulk_stop(c->db, &bulk, &stop_err);
		if (!rc && src) {
			c->err = stop_err;
			rc = src;
		}
	}
	if (rc) {
		json_decref(*summary);
		*summary = NULL;
	}
	if (opened)
		csv_close(&rd);
	csv_names_free(names, nnames);
	ref_cache_release(&run->units);
	ref_cache_release(&run->markers);
	ref_cache_release(&run->partners);
	catalog_free(cat);
	free(run->cols);
	free(run->type_used);
	free(run->ind_used);
	for (size_t i = 0; i < CHUNKS; i++)
		chunk_free(run->chunks[i]);
	if (run->chunks[0]) {
		handoff_release(&run->ready);
		handoff_release(&run->spare);
	}
	json_decref(run->wreport);
	activity_batch_release(&run->batch);
	report_flows_acc_free(run->flows);
	report_flows_acc_free(run->undo);
	pthread_mutex_destroy(&run->dblock);
	free(run);
	return rc;
}
