/*
 * report_rollup.c - the ancestry of units and the sums of activities that
 * reports read (report_rollup.h, migration 008).
 *
 * A unit's ancestry is worked out here, in C, rather than by a recursive
 * query: a record must count once under each ancestor even when two
 * paths lead to it (a commune split between two communes of one
 * province), which means merging the dates of every path, per ancestor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/report_rollup.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define ALWAYS_FROM "0000-01-01"
#define ALWAYS_TO "9999-12-31"
#define MAX_DEPTH 32    /* deeper than any real tree; stops a cycle */
#define ROWS_A_STATEMENT 100
#define IDS_A_STATEMENT 100

struct anc_row {
	int unit, anc;         /* indexes into tree.ids */
	char from[DATE_LEN], to[DATE_LEN];
};

struct anc_rows {
	struct anc_row *v;
	size_t n, cap;
};

struct edge {
	int child, up;
	char from[DATE_LEN], to[DATE_LEN];
};

struct tree {
	char (*ids)[37]; /* sorted */
	size_t nids;
	struct edge *edges; /* sorted by child */
	size_t nedges;
	size_t *first;      /* edges of unit i: first[i] .. first[i + 1] */
};

static int id_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int tree_index(const struct tree *t, const char *id)
{
	char (*p)[37] = bsearch(id, t->ids, t->nids, sizeof(*t->ids), id_cmp);
	return p ? (int)(p - t->ids) : -1;
}

static void rows_add(struct anc_rows *r, int unit, int anc, const char *from, const char *to)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	struct anc_row *x = &r->v[r->n++];
	x->unit = unit;
	x->anc = anc;
	snprintf(x->from, sizeof(x->from), "%s", from);
	snprintf(x->to, sizeof(x->to), "%s", to);
}

static int row_cmp(const void *a, const void *b)
{
	const struct anc_row *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->anc != y->anc)
		return x->anc < y->anc ? -1 : 1;
	return strcmp(x->from, y->from);
}

static int edge_cmp(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	return x->child < y->child ? -1 : x->child > y->child;
}

static void tree_free(struct tree *t)
{
	free(t->ids);
	free(t->edges);
	free(t->first);
}

/*
 * The units and the edges of reporting: a unit stands under its parent
 * while unit_parents says so (a period that ends with the unit itself
 * stays open, as in unit_edges), and under the units it was merged or
 * split into for good.
 */
static enum bp_err tree_load(struct ctx *c, struct tree *t)
{
	struct db_rows *r = NULL;
	size_t cap = 0;
	memset(t, 0, sizeof(*t));
	enum bp_err rc = db_query(c->db, "SELECT id FROM units", DB_NOARGS, &r, &c->err);
	int s;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		if (t->nids == cap) {
			cap = cap ? 2 * cap : 256;
			t->ids = xrealloc(t->ids, cap * sizeof(*t->ids));
		}
		snprintf(t->ids[t->nids++], 37, "%s", db_text(r, 0));
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	if (rc)
		return rc;
	if (t->nids)
		qsort(t->ids, t->nids, sizeof(*t->ids), id_cmp);
	r = NULL;
	cap = 0;
	rc = db_query(c->db,
		"SELECT p.unit_id, p.parent_id,"
		/* A unit's first parent stands for the time before the unit too:
		 * what is dated before it was made (a group founded before its
		 * village was recorded) counts where the unit went. */
		" CASE WHEN p.valid_from = u.valid_from THEN '" ALWAYS_FROM "' ELSE p.valid_from END,"
		" CASE WHEN p.valid_to IS NULL OR p.valid_to = u.valid_to THEN '" ALWAYS_TO "' ELSE p.valid_to END"
		" FROM unit_parents p JOIN units u ON u.id = p.unit_id"
		" UNION ALL SELECT from_unit, to_unit, '" ALWAYS_FROM "', '" ALWAYS_TO "' FROM unit_succession_links",
		DB_NOARGS, &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		int child = tree_index(t, db_text(r, 0)), up = tree_index(t, db_text(r, 1));
		if (child < 0 || up < 0 || child == up)
			continue;
		if (t->nedges == cap) {
			cap = cap ? 2 * cap : 256;
			t->edges = xrealloc(t->edges, cap * sizeof(*t->edges));
		}
		struct edge *e = &t->edges[t->nedges++];
		e->child = child;
		e->up = up;
		snprintf(e->from, sizeof(e->from), "%s", db_text(r, 2));
		snprintf(e->to, sizeof(e->to), "%s", db_text(r, 3));
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	if (rc) {
		tree_free(t);
		return rc;
	}
	if (t->nedges)
		qsort(t->edges, t->nedges, sizeof(*t->edges), edge_cmp);
	t->first = xcalloc(t->nids + 1, sizeof(*t->first));
	for (size_t i = 0, e = 0; i <= t->nids; i++) {
		while (e < t->nedges && t->edges[e].child < (int)i)
			e++;
		t->first[i] = e;
	}
	return BP_OK;
}

/* Every path up from x, for the dates from..to (to not included). */
static void tree_walk(const struct tree *t, int root, int x, const char *from, const char *to, int depth,
		      struct anc_rows *out)
{
	rows_add(out, root, x, from, to);
	if (depth >= MAX_DEPTH)
		return;
	for (size_t i = t->first[x]; i < t->first[x + 1]; i++) {
		const struct edge *e = &t->edges[i];
		const char *lo = strcmp(from, e->from) > 0 ? from : e->from;
		const char *hi = strcmp(to, e->to) < 0 ? to : e->to;
		if (strcmp(lo, hi) < 0)
			tree_walk(t, root, e->up, lo, hi, depth + 1, out);
	}
}

/* Sorts rows and merges the overlapping or touching periods of a pair. */
static void rows_merge(struct anc_rows *r)
{
	if (!r->n)
		return;
	qsort(r->v, r->n, sizeof(*r->v), row_cmp);
	size_t w = 0;
	for (size_t i = 1; i < r->n; i++) {
		struct anc_row *last = &r->v[w], *x = &r->v[i];
		if (x->unit == last->unit && x->anc == last->anc && strcmp(x->from, last->to) <= 0) {
			if (strcmp(x->to, last->to) > 0)
				memcpy(last->to, x->to, sizeof(last->to));
		} else {
			r->v[++w] = *x;
		}
	}
	r->n = w + 1;
}

static void tree_ancestry(const struct tree *t, struct anc_rows *out)
{
	for (size_t i = 0; i < t->nids; i++)
		tree_walk(t, (int)i, (int)i, ALWAYS_FROM, ALWAYS_TO, 0, out);
	rows_merge(out);
}

static enum bp_err stored_ancestry(struct ctx *c, const struct tree *t, struct anc_rows *out)
{
	struct db_rows *r = NULL;
	int s;
	enum bp_err rc = db_query(c->db, "SELECT unit_id, ancestor_id, valid_from, valid_to FROM report_ancestry",
				  DB_NOARGS, &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		int u = tree_index(t, db_text(r, 0)), a = tree_index(t, db_text(r, 1));
		if (u >= 0 && a >= 0)
			rows_add(out, u, a, db_text(r, 2), db_text(r, 3));
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	if (!rc && out->n)
		qsort(out->v, out->n, sizeof(*out->v), row_cmp);
	return rc;
}

/* The rows of unit u in r (sorted), from *i on: *start is the first,
 * and *i moves past them. */
static size_t rows_of(const struct anc_rows *r, int u, size_t *i, size_t *start)
{
	while (*i < r->n && r->v[*i].unit < u)
		(*i)++;
	*start = *i;
	while (*i < r->n && r->v[*i].unit == u)
		(*i)++;
	return *i - *start;
}

static bool rows_same(const struct anc_row *a, const struct anc_row *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].anc != b[i].anc || strcmp(a[i].from, b[i].from) || strcmp(a[i].to, b[i].to))
			return false;
	return true;
}

/* Writes the rows of r whose unit is marked in want (all when NULL). */
static enum bp_err ancestry_insert(struct ctx *c, const struct tree *t, const struct anc_rows *r,
				   const bool *want)
{
	db_arg args[4 * ROWS_A_STATEMENT];
	struct buf sql;
	enum bp_err rc = BP_OK;
	size_t i = 0;
	buf_init(&sql, 65536);
	while (!rc && i < r->n) {
		int n = 0;
		buf_reset(&sql);
		buf_adds(&sql, "INSERT INTO report_ancestry (unit_id, ancestor_id, valid_from, valid_to) VALUES");
		for (; i < r->n && n < ROWS_A_STATEMENT; i++) {
			const struct anc_row *x = &r->v[i];
			if (want && !want[x->unit])
				continue;
			buf_addf(&sql, "%s ($%d, $%d, $%d, $%d)", n ? "," : "", 4 * n + 1, 4 * n + 2, 4 * n + 3,
				 4 * n + 4);
			args[4 * n] = DB_S(t->ids[x->unit]);
			args[4 * n + 1] = DB_S(t->ids[x->anc]);
			args[4 * n + 2] = DB_S(x->from);
			args[4 * n + 3] = DB_S(x->to);
			n++;
		}
		if (n)
			rc = db_exec(c->db, sql.data, args, 4 * n, NULL, &c->err);
	}
	buf_release(&sql);
	return rc;
}

enum bp_err report_flows_apply(struct ctx *c, const char *where, const db_arg *args, int nargs, int sign)
{
	struct buf sql;
	const char *s = sign < 0 ? "-1" : "1";
	buf_init(&sql, 4096);
	/* The join and grouping of both halves: each activity under each of its
	 * ancestors on its first day, in its year ('YYYY') and month ('YYYY-MM').
	 * The values half reads each activity's values (activities.vals) once,
	 * before the joins that repeat the activity. */
#define FLOW_JOIN \
	" JOIN report_ancestry r ON r.unit_id = a.unit_id" \
	" AND r.valid_from <= a.date_from AND r.valid_to > a.date_from" \
	" CROSS JOIN (SELECT 4 AS len UNION ALL SELECT 7) p"
#define FLOW_GROUP " GROUP BY r.ancestor_id, substr(a.date_from, 1, p.len), a.type_code"
	buf_addf(&sql,
		 "INSERT INTO report_flows (unit_id, period, type_code, indicator_code, total)"
		 " SELECT unit_id, period, type_code, indicator_code, total FROM ("
		 " SELECT r.ancestor_id AS unit_id, substr(a.date_from, 1, p.len) AS period, a.type_code AS type_code,"
		 " v.key AS indicator_code, CAST(SUM(CAST(v.value AS BIGINT)) AS BIGINT) * %s AS total"
		 " FROM activities a CROSS JOIN %s(a.vals) v" FLOW_JOIN " WHERE %s" FLOW_GROUP ", v.key"
		 " UNION ALL SELECT r.ancestor_id, substr(a.date_from, 1, p.len), a.type_code, '',"
		 " CAST(COUNT(*) AS BIGINT) * %s FROM activities a" FLOW_JOIN " WHERE %s" FLOW_GROUP
		 ") q WHERE true%s"
		 " ON CONFLICT (unit_id, period, type_code, indicator_code)"
		 " DO UPDATE SET total = report_flows.total + excluded.total",
		 s, db_json_each(c->db), where, s, where,
		 /* PostgreSQL's heap keeps rows where they are written: in the
		  * key's order, the rows a report reads together are on a few
		  * pages (migration 013). SQLite's table is in that order
		  * whatever the order of the writes (012), and sorting first
		  * made its rebuild a tenth slower. */
		 strcmp(db_engine(c->db), "postgresql") ? ""
			 : " ORDER BY unit_id, period, type_code, indicator_code");
#undef FLOW_JOIN
#undef FLOW_GROUP
	enum bp_err rc = db_exec(c->db, sql.data, args, nargs, NULL, &c->err);
	buf_release(&sql);
	return rc;
}

/* report_flows_apply for the activities recorded under the marked units. */
static enum bp_err flows_of_units(struct ctx *c, const struct tree *t, const bool *mark, int sign)
{
	db_arg args[IDS_A_STATEMENT];
	struct buf where;
	enum bp_err rc = BP_OK;
	size_t i = 0;
	buf_init(&where, 4096);
	while (!rc && i < t->nids) {
		int n = 0;
		buf_reset(&where);
		buf_adds(&where, "a.unit_id IN (");
		for (; i < t->nids && n < IDS_A_STATEMENT; i++) {
			if (!mark[i])
				continue;
			buf_addf(&where, "%s$%d", n ? ", " : "", n + 1);
			args[n++] = DB_S(t->ids[i]);
		}
		buf_addc(&where, ')');
		if (n)
			rc = report_flows_apply(c, where.data, args, n, sign);
	}
	buf_release(&where);
	return rc;
}

/* Deletes the stored ancestry of the marked units. */
static enum bp_err ancestry_delete(struct ctx *c, const struct tree *t, const bool *mark)
{
	db_arg args[IDS_A_STATEMENT];
	struct buf sql;
	enum bp_err rc = BP_OK;
	size_t i = 0;
	buf_init(&sql, 4096);
	while (!rc && i < t->nids) {
		int n = 0;
		buf_reset(&sql);
		buf_adds(&sql, "DELETE FROM report_ancestry WHERE unit_id IN (");
		for (; i < t->nids && n < IDS_A_STATEMENT; i++) {
			if (!mark[i])
				continue;
			buf_addf(&sql, "%s$%d", n ? ", " : "", n + 1);
			args[n++] = DB_S(t->ids[i]);
		}
		buf_addc(&sql, ')');
		if (n)
			rc = db_exec(c->db, sql.data, args, n, NULL, &c->err);
	}
	buf_release(&sql);
	return rc;
}

enum bp_err report_tree_changed(struct ctx *c, long *changed)
{
	struct tree t;
	struct anc_rows now = { 0 }, was = { 0 };
	bool *mark = NULL;
	long n = 0;
	enum bp_err rc = tree_load(c, &t);
	if (rc)
		return rc;
	tree_ancestry(&t, &now);
	if ((rc = stored_ancestry(c, &t, &was)))
		goto out;
	mark = xcalloc(t.nids ? t.nids : 1, sizeof(*mark));
	for (size_t u = 0, i = 0, j = 0; u < t.nids; u++) {
		size_t si, sj;
		size_t a = rows_of(&now, (int)u, &i, &si), b = rows_of(&was, (int)u, &j, &sj);
		if (a != b || (a && !rows_same(&now.v[si], &was.v[sj], a))) {
			mark[u] = true;
			n++;
		}
	}
	/* Out with the old ancestors' sums, in with the new ones'. */
	if (n && !(rc = flows_of_units(c, &t, mark, -1)) && !(rc = ancestry_delete(c, &t, mark)) &&
	    !(rc = ancestry_insert(c, &t, &now, mark)))
		rc = flows_of_units(c, &t, mark, 1);
out:
	if (changed)
		*changed = n;
	free(mark);
	free(now.v);
	free(was.v);
	tree_free(&t);
	return rc;
}

/*
 * report_flows from every activity, a year of activities at a time: a
 * year's rows of report_flows come from that year's activities only, and
 * summing ten years in one statement held all their groups at once
 * (bench/reports: 9.5 GB on SQLite for 10 million values).
 */
static enum bp_err flows_by_year(struct ctx *c)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db, "SELECT MIN(date_from), MAX(date_from) FROM activities", DB_NOARGS, &r,
				      &c->err);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		return BP_OK;
	}
	if (rc)
		return rc;
	int first = db_isnull(r, 0) ? 1 : atoi(db_text(r, 0)), last = db_isnull(r, 1) ? 0 : atoi(db_text(r, 1));
	db_rows_free(r);
	for (int y = first; y <= last && !rc; y++) {
		char from[24], to[24];
		snprintf(from, sizeof(from), "%04d-01-01", y);
		snprintf(to, sizeof(to), "%04d-01-01", y + 1);
		rc = report_flows_apply(c, "a.date_from >= $1 AND a.date_from < $2", DB_ARGS(DB_S(from), DB_S(to)), 1);
	}
	return rc;
}

enum bp_err report_rebuild(struct ctx *c)
{
	struct tree t;
	struct anc_rows now = { 0 };
	bool own = !db_in_tx(c->db);
	enum bp_err rc = own ? db_begin(c->db, &c->err) : BP_OK;
	if (rc)
		return rc;
	/* Summing every activity again takes longer than the bound a
	 * PostgreSQL connection puts on one statement (db_pg.c): lifted for
	 * this transaction only. */
	if (!strcmp(db_engine(c->db), "postgresql") &&
	    (rc = db_exec(c->db, "SET LOCAL statement_timeout = 0", DB_NOARGS, NULL, &c->err)))
		return own ? db_end(c->db, rc, &c->err) : rc;
	if ((rc = tree_load(c, &t)))
		return own ? db_end(c->db, rc, &c->err) : rc;
	tree_ancestry(&t, &now);
	if (!(rc = db_exec(c->db, "DELETE FROM report_flows", DB_NOARGS, NULL, &c->err)) &&
	    !(rc = db_exec(c->db, "DELETE FROM report_ancestry", DB_NOARGS, NULL, &c->err)) &&
	    !(rc = ancestry_insert(c, &t, &now, NULL)))
		rc = flows_by_year(c);
	free(now.v);
	tree_free(&t);
	return own ? db_end(c->db, rc, &c->err) : rc;
}
