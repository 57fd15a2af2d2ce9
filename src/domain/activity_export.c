/*
 * activity_export.c - activities as CSV that imports back; see
 * activity_files.h.
 *
 * Streamed a page at a time: each page is a keyset query (date_from, id)
 * of at most EXPORT_PAGE activities, a row for each of their values
 * (activities.vals, migration 014), written out and dropped before the
 * next, so memory stays flat at a million rows on both engines
 * (PostgreSQL's driver holds a whole result, so one query for everything
 * would not); the columns are found by a query that keeps nothing per
 * row either (choose_columns).
 *
 * The columns are the import's: the fixed ones, then one per indicator
 * that the exported activities carry (and, with a type filter, every
 * indicator of the type, so an empty export is still a template).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/activity_files.h"
#include "domain/activity_store.h"
#include "geo/formats.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/milli.h"
#include "util/xmalloc.h"

#define EXPORT_PAGE 2000
#define EXPORT_FLUSH (64 * 1024)

struct export_run {
	struct buf out;
	activity_sink_fn sink;
	void *arg;
	const struct cat_indicator **cols; /* the indicator columns */
	size_t ncols;
	int64_t *vals;                     /* the current row's values, per column */
	bool *has;
};

static int flush(struct export_run *x, bool all)
{
	if (!all && x->out.len < EXPORT_FLUSH)
		return 0;
	int rc = x->out.len ? x->sink(x->arg, x->out.data, x->out.len) : 0;
	buf_reset(&x->out);
	return rc;
}

static void add_col(struct export_run *x, const struct cat_indicator *ind)
{
	for (size_t i = 0; i < x->ncols; i++)
		if (x->cols[i] == ind)
			return;
	x->cols[x->ncols++] = ind;
}

/* The indicator columns: the type's first, then what the activities carry. */
static enum bp_err choose_columns(struct ctx *c, const struct catalog *cat, const struct activity_filter *f,
				  struct export_run *x)
{
	struct buf sql, pattern;
	db_arg args[20];
	int n = 0;
	char unit_id[37];
	bool *used = xcalloc(cat->ninds ? cat->ninds : 1, sizeof(*used));
	x->cols = xcalloc(cat->ninds ? cat->ninds : 1, sizeof(*x->cols));
	buf_init(&sql, 16384);
	buf_init(&pattern, 1024);
	enum bp_err rc = activity_filter_sql(c, f, "x.vals", &sql, &pattern, args, &n, unit_id);
	struct db_rows *r = NULL;
	if (!rc) {
		/* The codes of the activities' values (activities.vals). */
		char *q = xasprintf("SELECT DISTINCT v.key FROM (%s) p CROSS JOIN %s(p.vals) v", sql.data,
				    db_json_each(c->db));
		rc = db_query(c->db, q, args, n, &r, &c->err);
		free(q);
	}
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		const struct cat_indicator *ind = catalog_indicator(cat, db_text(r, 0));
		if (ind)
			used[ind - cat->inds] = true;
	}
	db_rows_free(r);
	buf_release(&sql);
	buf_release(&pattern);
	if (!rc && s < 0)
		rc = c->err.kind;
	if (!rc) {
		const struct cat_type *only = f->type ? catalog_type(cat, f->type) : NULL;
		for (size_t k = 0; only && k < only->ninds; k++)
			add_col(x, only->inds[k].ind);
		/* Then in the catalog's order of types and positions, then by code. */
		for (size_t t = 0; t < cat->ntypes; t++)
			for (size_t k = 0; k < cat->types[t].ninds; k++) {
				const struct cat_indicator *ind = cat->types[t].inds[k].ind;
				if (used[ind - cat->inds])
					add_col(x, ind);
			}
		for (size_t i = 0; i < cat->ninds; i++)
			if (used[i])
				add_col(x, &cat->inds[i]);
	}
	free(used);
	return rc;
}

/* The organising and taking-part units of a page's activities, by activity id. */
struct page_unit {
	char activity[37];
	int participant;
	char code[65];
};

struct page_units {
	struct page_unit *v;
	size_t n, cap;
};

/*
 * The units of the page the query page_sql (a list of ids, with args)
 * selects, in the order of activity, role and code: one query a page,
 * which the primary key of activity_units answers.
 */
static enum bp_err page_units_load(struct ctx *c, struct page_units *pu, const char *page_sql, const db_arg *args,
				   int nargs)
{
	struct db_rows *r = NULL;
	pu->n = 0;
	char *q = xasprintf("SELECT au.activity_id, au.role, u.code FROM activity_units au"
			    " JOIN units u ON u.id = au.unit_id WHERE au.activity_id IN (%s)"
			    " ORDER BY au.activity_id, au.role, u.code", page_sql);
	enum bp_err rc = db_query(c->db, q, args, nargs, &r, &c->err);
	free(q);
	if (rc)
		return rc;
	int s;
	while ((s = db_next(r, &c->err)) > 0) {
		if (pu->n == pu->cap) {
			pu->cap = pu->cap ? 2 * pu->cap : 256;
			pu->v = xrealloc(pu->v, pu->cap * sizeof(*pu->v));
		}
		struct page_unit *u = &pu->v[pu->n++];
		snprintf(u->activity, sizeof(u->activity), "%s", db_text(r, 0));
		u->participant = strcmp(db_text(r, 1), "organiser") != 0;
		snprintf(u->code, sizeof(u->code), "%s", db_text(r, 2));
	}
	db_rows_free(r);
	return s < 0 ? c->err.kind : BP_OK;
}

static int page_unit_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct page_unit *)elem)->activity);
}

/* The cells organisers and participants of activity id: codes joined by ';'. */
static void unit_cells(struct buf *line, const struct page_units *pu, const char *id)
{
	const struct page_unit *u = pu->n ? bsearch(id, pu->v, pu->n, sizeof(*pu->v), page_unit_cmp) : NULL;
	while (u && u > pu->v && !strcmp(u[-1].activity, id))
		u--;
	for (int role = 0; role < 2; role++) {
		bool first = true;
		buf_addc(line, ',');
		for (const struct page_unit *x = u; x && x < pu->v + pu->n && !strcmp(x->activity, id); x++)
			if (x->participant == role) {
				if (!first)
					buf_addc(line, ';');
				csv_write_cell(line, x->code);
				first = false;
			}
	}
}

/* The fixed cells of the row r's activity, into line. */
static void fixed_cells(struct buf *line, struct db_rows *r, const struct page_units *pu)
{
	char num[48];
	buf_reset(line);
	/* id, type, unit, date_from, date_to, title, notes, lon, lat, marker, organisers, participants */
	for (int i = 0; i < 7; i++) {
		if (i)
			buf_addc(line, ',');
		csv_write_cell(line, db_isnull(r, i) ? "" : db_text(r, i));
	}
	for (int i = 7; i < 9; i++) {
		buf_addc(line, ',');
		if (!db_isnull(r, i)) {
			geo_fmt_num(num, sizeof(num), db_real(r, i), 7);
			buf_adds(line, num);
		}
	}
	buf_addc(line, ',');
	if (!db_isnull(r, 9))
		buf_adds(line, db_text(r, 9));
	unit_cells(line, pu, db_text(r, 0));
}

/* The activity's line: its fixed cells and its values, per column. */
static void end_row(struct export_run *x, const struct buf *line)
{
	char num[MILLI_FMT_LEN];
	buf_add(&x->out, line->data, line->len);
	for (size_t i = 0; i < x->ncols; i++) {
		buf_addc(&x->out, ',');
		if (x->has[i]) {
			milli_format(x->vals[i], num);
			buf_adds(&x->out, num);
		}
	}
	buf_adds(&x->out, "\r\n");
}

enum bp_err activity_export_csv(struct ctx *c, const struct activity_filter *f, activity_sink_fn sink,
				void *arg, long *count)
{
	struct catalog *cat = NULL;
	struct export_run x = { .sink = sink, .arg = arg };
	struct page_units pu = { 0 };
	struct buf sql, pattern, line, ids_sql, ids_pattern;
	char cur_date[11] = "", cur_id[37] = "", unit_id[37];
	long n_out = 0;
	if (count)
		*count = 0;
	buf_init(&x.out, (size_t)-1);
	buf_init(&line, (size_t)-1);
	buf_init(&sql, 16384);
	buf_init(&pattern, 1024);
	buf_init(&ids_sql, 16384);
	buf_init(&ids_pattern, 1024);
	enum bp_err rc = catalog_load(c, &cat);
	if (!rc && f->type && !catalog_type(cat, f->type))
		rc = err_set(&c->err, "activity_type_unknown", f->type);
	if (!rc)
		rc = choose_columns(c, cat, f, &x);
	if (rc)
		goto out;
	x.vals = xcalloc(x.ncols + 1, sizeof(*x.vals));
	x.has = xcalloc(x.ncols + 1, sizeof(*x.has));
	for (const char *const *k = catalog_file_columns; *k; k++)
		buf_addf(&x.out, "%s%s", k == catalog_file_columns ? "" : ",", *k);
	for (size_t i = 0; i < x.ncols; i++)
		buf_addf(&x.out, ",%s", x.cols[i]->code);
	buf_adds(&x.out, "\r\n");
	for (;;) {
		db_arg args[24], ids_args[24];
		int n = 0, n_ids = 0;
		buf_reset(&sql);
		buf_adds(&sql, "SELECT p.id, p.type_code, u.code, p.date_from, p.date_to, p.title, p.notes, p.lon,"
			 " p.lat, p.marker_id, v.key, CAST(v.value AS BIGINT) FROM (");
		if ((rc = activity_filter_sql(c, f, "x.id, x.type_code, x.unit_id, x.date_from, x.date_to, x.title,"
					      " x.notes, x.lon, x.lat, x.marker_id, x.vals", &sql, &pattern, args, &n,
					      unit_id)))
			break;
		/* A row-value comparison, which both engines walk on the
		 * (date_from, id) index; an OR of the two parts they scan. */
		buf_addf(&sql, " AND (x.date_from, x.id) > ($%d, $%d)"
			 " ORDER BY x.date_from, x.id LIMIT %d) p JOIN units u ON u.id = p.unit_id"
			 " LEFT JOIN %s(p.vals) v ON true ORDER BY p.date_from, p.id",
			 n + 1, n + 2, EXPORT_PAGE, db_json_each(c->db));
		args[n] = DB_S(cur_date);
		args[n + 1] = DB_S(cur_id);
		/* The page's units first, by the page's own query: its ids. */
		if ((rc = activity_filter_sql(c, f, "x.id", &ids_sql, &ids_pattern, ids_args, &n_ids, unit_id)))
			break;
		buf_addf(&ids_sql, " AND (x.date_from, x.id) > ($%d, $%d) ORDER BY x.date_from, x.id LIMIT %d",
			 n_ids + 1, n_ids + 2, EXPORT_PAGE);
		ids_args[n_ids] = DB_S(cur_date);
		ids_args[n_ids + 1] = DB_S(cur_id);
		rc = page_units_load(c, &pu, ids_sql.data, ids_args, n_ids + 2);
		buf_reset(&ids_sql);
		if (rc)
			break;
		struct db_rows *r = NULL;
		if ((rc = db_query(c->db, sql.data, args, n + 2, &r, &c->err)))
			break;
		long in_page = 0;
		int s;
		/* The rows of one activity follow one another, one a value. */
		while ((s = db_next(r, &c->err)) > 0) {
			const char *id = db_text(r, 0);
			if (!in_page || strcmp(id, cur_id)) {
				if (in_page)
					end_row(&x, &line);
				in_page++;
				snprintf(cur_id, sizeof(cur_id), "%s", id);
				snprintf(cur_date, sizeof(cur_date), "%s", db_text(r, 3));
				memset(x.has, 0, (x.ncols + 1) * sizeof(*x.has));
				fixed_cells(&line, r, &pu);
			}
			if (!db_isnull(r, 10)) {
				const char *code = db_text(r, 10);
				for (size_t i = 0; i < x.ncols; i++)
					if (!strcmp(x.cols[i]->code, code)) {
						x.has[i] = true;
						x.vals[i] = db_int(r, 11);
					}
			}
		}
		db_rows_free(r);
		if (s < 0) {
			rc = c->err.kind;
			break;
		}
		if (in_page)
			end_row(&x, &line);
		if (flush(&x, false) < 0) {
			rc = err_set(&c->err, "internal", " (the output was closed)");
			break;
		}
		n_out += in_page;
		if (in_page < EXPORT_PAGE)
			break;
	}
out:
	if (!rc && flush(&x, true) < 0)
		rc = err_set(&c->err, "internal", " (the output was closed)");
	if (count)
		*count = n_out;
	buf_release(&x.out);
	buf_release(&line);
	buf_release(&sql);
	buf_release(&pattern);
	buf_release(&ids_sql);
	buf_release(&ids_pattern);
	free(pu.v);
	free(x.cols);
	free(x.vals);
	free(x.has);
	catalog_free(cat);
	return rc;
}
