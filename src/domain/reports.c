/*
 * reports.c - the report engine (reports.h, docs/reports.md).
 *
 * A report is a grid: its columns are the unit and its children, its
 * rows the template's figures, for the period and the one before it.
 * Every cell is kept in thousandths (as indicator values are) until it
 * becomes JSON. Flows come from report_flows: whole years and whole
 * months from the roll-up, the odd days at the ends of a period (the
 * movement's year starts on 3 March) from the activities themselves.
 * Stocks and direction counts are read from their records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/catalog.h"
#include "domain/groups.h"
#include "domain/period.h"
#include "domain/report_counts.h"
#include "domain/report_templates.h"
#include "domain/reports.h"
#include "domain/stocks.h"
#include "domain/units.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define MAX_COLS 400   /* the unit and its children */
#define MAX_KEYS 80    /* years and months of a period (50 years at most) */
#define MAX_DAYS 2     /* odd days at each end */

enum fmt { FMT_INTEGER, FMT_DECIMAL, FMT_MONEY, FMT_PERCENT };
static const char *const fmt_names[] = { "integer", "decimal", "money", "percent" };

enum source { SRC_FLOW, SRC_STOCK, SRC_DIRECTION };

struct figure {
	json_t *json;             /* the template's figure (borrowed) */
	enum source source;
	const char *type, *indicator; /* flow; indicator "" for the count */
	const char *key;          /* stock or direction key */
	enum fmt fmt;
};


/* What one period's grid needs to know of its period. */
struct span {
	char from[DATE_LEN], to[DATE_LEN];
	char keys[MAX_KEYS][16];
	int nkeys;
	char days[MAX_DAYS][2][DATE_LEN];
	int ndays;
};

struct grid {
	struct ctx *c;
	struct figure *figs;
	size_t nfigs;
	char (*cols)[37];
	size_t ncols;
	bool any_flow, any_stock, any_direction;
	/* For the flows' rows: column id -> its index; "type/indicator" -> the
	 * indices of the figures it feeds. */
	json_t *col_index, *flow_index;
};

/* ---- what figures there are ---- */

static const char *const stock_keys[] = {
	"collectives", "households", "people", "km", "km_registered", "km_share_percent", "line_km",
	"markers", "markers_main", "markers_secondary", "groups", "group_members", "twinnings",
	"roads", "roads_km", "roads_cost_vnd", "roads_workdays",
	"markers_good", "markers_damaged", "markers_moved", "markers_lost", NULL,
};


static int key_index(const char *const *keys, const char *k)
{
	for (int i = 0; k && keys[i]; i++)
		if (!strcmp(keys[i], k))
			return i;
	return -1;
}

/* "groups.<kind>" or "members.<kind>": the kind's index, else -1. */
static int group_kind_of(const char *k, const char *prefix)
{
	size_t n = strlen(prefix);
	if (!k || strncmp(k, prefix, n))
		return -1;
	return key_index(group_kinds, k + n);
}

bool report_stock_known(const char *key)
{
	return key_index(stock_keys, key) >= 0 || group_kind_of(key, "groups.") >= 0 ||
	       group_kind_of(key, "members.") >= 0;
}

bool report_direction_known(const char *key)
{
	return key_index(report_direction_keys, key) >= 0;
}

static enum fmt stock_fmt(const char *k)
{
	if (!strcmp(k, "km") || !strcmp(k, "km_registered") || !strcmp(k, "line_km") || !strcmp(k, "roads_km") ||
	    !strcmp(k, "roads_workdays"))
		return FMT_DECIMAL;
	if (!strcmp(k, "km_share_percent"))
		return FMT_PERCENT;
	if (!strcmp(k, "roads_cost_vnd"))
		return FMT_MONEY;
	return FMT_INTEGER;
}

/* ---- the period's years, months and odd days ---- */

static void month_end(int y, int m, char out[DATE_LEN])
{
	char first[32];
	snprintf(first, sizeof(first), "%04d-%02d-01", (m == 12 ? y + 1 : y) % 10000, (m == 12 ? 1 : m + 1) % 100);
	date_from_days(date_to_days(first) - 1, out);
}

static void span_of(const struct period *p, struct span *s)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->from, p->from, DATE_LEN);
	memcpy(s->to, p->to, DATE_LEN);
	char d[DATE_LEN];
	memcpy(d, p->from, DATE_LEN);
	while (strcmp(d, p->to) <= 0) {
		int y = atoi(d) % 10000, m = atoi(d + 5) % 100, day = atoi(d + 8);
		char end[32];
		snprintf(end, sizeof(end), "%04d-12-31", y);
		if (m == 1 && day == 1 && strcmp(end, p->to) <= 0 && s->nkeys < MAX_KEYS) {
			snprintf(s->keys[s->nkeys++], sizeof(s->keys[0]), "%04d", y % 10000);
		} else {
			month_end(y, m, end);
			if (day == 1 && strcmp(end, p->to) <= 0 && s->nkeys < MAX_KEYS) {
				snprintf(s->keys[s->nkeys++], sizeof(s->keys[0]), "%04d-%02d", y, m);
			} else {
				if (strcmp(end, p->to) > 0)
					memcpy(end, p->to, DATE_LEN);
				if (s->ndays < MAX_DAYS) {
					memcpy(s->days[s->ndays][0], d, DATE_LEN);
					memcpy(s->days[s->ndays][1], end, DATE_LEN);
					s->ndays++;
				}
			}
		}
		date_from_days(date_to_days(end) + 1, d);
	}
}

/* ---- one period's values ---- */

static void flow_key(const char *type, const char *ind, struct buf *key)
{
	buf_reset(key);
	buf_adds(key, type);
	buf_addc(key, '/');
	buf_adds(key, ind);
}

/* The lookups of grid_index: a flows' row costs two hash lookups, not a
 * walk over every column and figure (the nation's ten years are 20,000
 * rows of 65 figures). */
static void grid_index(struct grid *g)
{
	struct buf key;
	buf_init(&key, 256);
	g->col_index = json_object();
	g->flow_index = json_object();
	for (size_t i = 0; i < g->ncols; i++)
		json_object_set_new(g->col_index, g->cols[i], json_integer((json_int_t)i));
	for (size_t f = 0; f < g->nfigs; f++) {
		if (g->figs[f].source != SRC_FLOW)
			continue;
		flow_key(g->figs[f].type, g->figs[f].indicator, &key);
		json_t *list = json_object_get(g->flow_index, key.data);
		if (!list)
			json_object_set_new(g->flow_index, key.data, list = json_array());
		json_array_append_new(list, json_integer((json_int_t)f));
	}
	buf_release(&key);
}

/* Adds a flows' row (column id, type, indicator, total) into the cells of
 * the figures it feeds. */
static void flow_put(const struct grid *g, int64_t *v, struct buf *key, const char *id, const char *type,
		     const char *ind, int64_t total)
{
	json_t *col = json_object_get(g->col_index, id), *f;
	size_t i;
	if (!col)
		return;
	flow_key(type, ind, key);
	json_array_foreach(json_object_get(g->flow_index, key->data), i, f)
		v[(size_t)json_integer_value(f) * g->ncols + (size_t)json_integer_value(col)] +=
			*ind ? total : total * 1000;
}

/* "IN ($k, $k+1 ...)" over the columns' ids, from argument k on. */
static int cols_in(const struct grid *g, struct buf *sql, db_arg *args, int k)
{
	buf_adds(sql, " IN (");
	for (size_t i = 0; i < g->ncols; i++) {
		buf_addf(sql, "%s$%d", i ? ", " : "", k + 1);
		args[k++] = DB_S(g->cols[i]);
	}
	buf_addc(sql, ')');
	return k;
}

static enum bp_err rows_into(const struct grid *g, int64_t *v, const char *sql, const db_arg *args, int nargs)
{
	struct db_rows *r = NULL;
	struct buf key;
	int s = 0;
	buf_init(&key, 256);
	enum bp_err rc = db_query(g->c->db, sql, args, nargs, &r, &g->c->err);
	while (!rc && (s = db_next(r, &g->c->err)) > 0)
		flow_put(g, v, &key, db_text(r, 0), db_text(r, 1), db_text(r, 2), db_int(r, 3));
	if (!rc && s < 0)
		rc = g->c->err.kind;
	db_rows_free(r);
	buf_release(&key);
	return rc;
}

static enum bp_err flows_fill(const struct grid *g, const struct span *sp, int64_t *v)
{
	db_arg *args = xcalloc(g->ncols + MAX_KEYS + 4, sizeof(*args));
	struct buf sql;
	enum bp_err rc = BP_OK;
	buf_init(&sql, 65536);
	if (sp->nkeys) {
		/* Summed here rather than by GROUP BY: the rows come in the key's
		 * order (unit, period, ...), and sorting them again by (unit,
		 * type, indicator) cost more than reading them. */
		buf_adds(&sql, "SELECT unit_id, type_code, indicator_code, total FROM report_flows WHERE unit_id");
		int k = cols_in(g, &sql, args, 0);
		buf_adds(&sql, " AND period IN (");
		for (int i = 0; i < sp->nkeys; i++) {
			buf_addf(&sql, "%s$%d", i ? ", " : "", k + 1);
			args[k++] = DB_S(sp->keys[i]);
		}
		buf_addc(&sql, ')');
		rc = rows_into(g, v, sql.data, args, k);
	}
	for (int d = 0; d < sp->ndays && !rc; d++) {
		/* The odd days: the same sums, from the activities of those days. */
		buf_reset(&sql);
		args[0] = DB_S(sp->days[d][0]);
		args[1] = DB_S(sp->days[d][1]);
		struct buf in;
		buf_init(&in, 16384);
		int k = cols_in(g, &in, args, 2);
		buf_addf(&sql,
			 "SELECT r.ancestor_id, a.type_code, v.key, SUM(CAST(v.value AS BIGINT))"
			 " FROM activities a JOIN report_ancestry r ON r.unit_id = a.unit_id"
			 " AND r.valid_from <= a.date_from AND r.valid_to > a.date_from"
			 " CROSS JOIN %s(a.vals) v"
			 " WHERE a.date_from >= $1 AND a.date_from <= $2 AND r.ancestor_id%s"
			 " GROUP BY r.ancestor_id, a.type_code, v.key"
			 " UNION ALL SELECT r.ancestor_id, a.type_code, '', COUNT(*)"
			 " FROM activities a JOIN report_ancestry r ON r.unit_id = a.unit_id"
			 " AND r.valid_from <= a.date_from AND r.valid_to > a.date_from"
			 " WHERE a.date_from >= $1 AND a.date_from <= $2 AND r.ancestor_id%s"
			 " GROUP BY r.ancestor_id, a.type_code", db_json_each(g->c->db), in.data, in.data);
		buf_release(&in);
		rc = rows_into(g, v, sql.data, args, k);
	}
	buf_release(&sql);
	free(args);
	return rc;
}

static int64_t stock_value(const char *k, const struct report_stock *rs)
{
	const struct stocks *s = &rs->s;
	int kind;
	if ((kind = group_kind_of(k, "groups.")) >= 0)
		return s->groups[kind] * 1000;
	if ((kind = group_kind_of(k, "members.")) >= 0)
		return s->members[kind] * 1000;
	switch (key_index(stock_keys, k)) {
	case 0: return s->collectives * 1000;
	case 1: return s->households * 1000;
	case 2: return s->people * 1000;
	case 3: return s->km_m;
	case 4: return s->km_registered_m;
	case 5: return s->line_m ? (s->km_m * 100000 + s->line_m / 2) / s->line_m : 0;
	case 6: return s->line_m;
	case 7: return s->markers * 1000;
	case 8: return s->markers_main * 1000;
	case 9: return s->markers_secondary * 1000;
	case 10: {
		long long n = 0;
		for (int i = 0; i < STOCK_GROUP_KINDS; i++)
			n += s->groups[i];
		return n * 1000;
	}
	case 11: {
		long long n = 0;
		for (int i = 0; i < STOCK_GROUP_KINDS; i++)
			n += s->members[i];
		return n * 1000;
	}
	case 12: return s->twinnings * 1000;
	case 13: case 14: case 15: case 16: return rs->roads[key_index(stock_keys, k) - 13];
	case 17: case 18: case 19: case 20: return rs->cond[key_index(stock_keys, k) - 17];
	default: return 0;
	}
}

static enum bp_err stocks_fill(const struct grid *g, const struct span *sp, int64_t *v)
{
	struct report_stock *st = xcalloc(g->ncols, sizeof(*st));
	enum bp_err rc = report_stocks(g->c, (const char (*)[37])g->cols, g->ncols, sp->to, st);
	for (size_t col = 0; col < g->ncols && !rc; col++)
		for (size_t f = 0; f < g->nfigs; f++)
			if (g->figs[f].source == SRC_STOCK)
				v[f * g->ncols + col] = stock_value(g->figs[f].key, &st[col]);
	free(st);
	return rc;
}

static enum bp_err direction_fill(const struct grid *g, const struct span *sp, int64_t *v)
{
	char asof[DATE_LEN];
	/* Overdue as of the period's end, or today for a period still running. */
	memcpy(asof, strcmp(sp->to, g->c->today) < 0 ? sp->to : g->c->today, DATE_LEN);
	int64_t *d = xcalloc(g->ncols * REPORT_DIRECTION_KEYS, sizeof(*d));
	enum bp_err rc = report_direction(g->c, (const char (*)[37])g->cols, g->ncols, sp->from, sp->to, asof, d);
	for (size_t col = 0; col < g->ncols && !rc; col++)
		for (size_t f = 0; f < g->nfigs; f++)
			if (g->figs[f].source == SRC_DIRECTION)
				v[f * g->ncols + col] =
					d[col * REPORT_DIRECTION_KEYS + (size_t)key_index(report_direction_keys, g->figs[f].key)];
	free(d);
	return rc;
}

/* The grid of one period: v[figure * ncols + col], in thousandths. */
static enum bp_err grid_fill(const struct grid *g, const struct period *p, int64_t **out)
{
	struct span sp;
	int64_t *v = xcalloc(g->nfigs * g->ncols + 1, sizeof(*v));
	enum bp_err rc = BP_OK;
	span_of(p, &sp);
	if (g->any_flow)
		rc = flows_fill(g, &sp, v);
	if (!rc && g->any_stock)
		rc = stocks_fill(g, &sp, v);
	if (!rc && g->any_direction)
		rc = direction_fill(g, &sp, v);
	if (rc) {
		free(v);
		v = NULL;
	}
	*out = v;
	return rc;
}

/* ---- the template's figures ---- */

/* The format and units of measure of a flow figure, from the catalog's
 * indicators (code -> [unit_vi, unit_en, value_type]). */
static enum bp_err flow_describe(struct ctx *c, json_t *indicators, struct figure *f)
{
	if (!*f->indicator) {
		f->fmt = FMT_INTEGER;
		if (!json_object_get(f->json, "unit_vi"))
			json_object_set_new(f->json, "unit_vi", json_string("hoạt động"));
		if (!json_object_get(f->json, "unit_en"))
			json_object_set_new(f->json, "unit_en", json_string("activities"));
		return BP_OK;
	}
	json_t *ind = json_object_get(indicators, f->indicator);
	if (!ind)
		return err_set(&c->err, "report_template_invalid", f->indicator);
	const char *uvi = json_string_value(json_array_get(ind, 0));
	f->fmt = !strcmp(uvi, "đồng") ? FMT_MONEY :
		 !strcmp(json_string_value(json_array_get(ind, 2)), "decimal") ? FMT_DECIMAL : FMT_INTEGER;
	if (!json_object_get(f->json, "unit_vi"))
		json_object_set_new(f->json, "unit_vi", json_string(uvi));
	if (!json_object_get(f->json, "unit_en"))
		json_object_set_new(f->json, "unit_en", json_incref(json_array_get(ind, 1)));
	return BP_OK;
}

/* The catalog's indicators, read once for all the figures. */
static enum bp_err indicators_read(struct ctx *c, json_t **out)
{
	struct db_rows *r = NULL;
	int s = 0;
	*out = json_object();
	enum bp_err rc = db_query(c->db, "SELECT code, unit_vi, unit_en, value_type FROM indicators", DB_NOARGS, &r,
				  &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0)
		json_object_set_new(*out, db_text(r, 0),
				    json_pack("[s, s, s]", db_text(r, 1), db_text(r, 2), db_text(r, 3)));
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static enum bp_err figures_read(struct ctx *c, json_t *tmpl, struct grid *g)
{
	json_t *sec, *f;
	size_t i, j, n = 0;
	json_array_foreach(json_object_get(tmpl, "sections"), i, sec)
		n += json_array_size(json_object_get(sec, "figures"));
	json_t *indicators = NULL;
	enum bp_err rc = indicators_read(c, &indicators);
	g->figs = xcalloc(n ? n : 1, sizeof(*g->figs));
	json_array_foreach(json_object_get(tmpl, "sections"), i, sec) {
		json_array_foreach(json_object_get(sec, "figures"), j, f) {
			struct figure *x = &g->figs[g->nfigs++];
			const char *src = json_string_value(json_object_get(f, "source"));
			x->json = f;
			if (!strcmp(src, "flow")) {
				x->source = SRC_FLOW;
				x->type = json_string_value(json_object_get(f, "type"));
				x->indicator = json_string_value(json_object_get(f, "indicator"));
				if (!x->indicator)
					x->indicator = "";
				g->any_flow = true;
				if (!rc)
					rc = flow_describe(c, indicators, x);
			} else if (!strcmp(src, "stock")) {
				x->source = SRC_STOCK;
				x->key = json_string_value(json_object_get(f, "stock"));
				x->fmt = stock_fmt(x->key);
				g->any_stock = true;
			} else {
				x->source = SRC_DIRECTION;
				x->key = json_string_value(json_object_get(f, "direction"));
				x->fmt = FMT_INTEGER;
				g->any_direction = true;
			}
			json_object_set_new(f, "format", json_string(fmt_names[x->fmt]));
		}
	}
	json_decref(indicators);
	return rc;
}

/* ---- units ---- */

static json_t *unit_json(struct db_rows *r)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "id", db_text(r, 0), "code", db_text(r, 1), "name", db_text(r, 2),
			 "kind", db_text(r, 3));
}

/*
 * The columns beyond the unit: its children on the period's last day;
 * for a unit that has none then and began during or after the period (a
 * commune made by the 2025 merger, asked about 2023), the units merged
 * or split into it.
 */
static enum bp_err children_read(struct ctx *c, const char *unit, const struct period *p, json_t *children)
{
	struct db_rows *r = NULL;
	int s = 0;
	enum bp_err rc = db_query(c->db,
		"SELECT u.id, u.code, u.name, u.kind FROM unit_parents x JOIN units u ON u.id = x.unit_id"
		" WHERE x.parent_id = $1 AND x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to > $2)"
		" ORDER BY u.kind, u.name, u.code", DB_ARGS(DB_S(unit), DB_S(p->to)), &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0 && json_array_size(children) < MAX_COLS - 1)
		json_array_append_new(children, unit_json(r));
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	if (rc || json_array_size(children))
		return rc;
	r = NULL;
	rc = db_query(c->db,
		"SELECT DISTINCT u.id, u.code, u.name, u.kind FROM unit_succession_links l"
		" JOIN units u ON u.id = l.from_unit JOIN units t ON t.id = l.to_unit"
		" WHERE l.to_unit = $1 AND t.valid_from > $2 ORDER BY u.kind, u.name, u.code",
		DB_ARGS(DB_S(unit), DB_S(p->from)), &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0 && json_array_size(children) < MAX_COLS - 1)
		json_array_append_new(children, unit_json(r));
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static void upper_vi(const char *s, struct buf *out)
{
	/* Vietnamese capitals of the letters a unit's name uses. */
	static const char *const pairs[][2] = {
		{ "à", "À" }, { "á", "Á" }, { "ả", "Ả" }, { "ã", "Ã" }, { "ạ", "Ạ" }, { "ă", "Ă" }, { "ằ", "Ằ" },
		{ "ắ", "Ắ" }, { "ẳ", "Ẳ" }, { "ẵ", "Ẵ" }, { "ặ", "Ặ" }, { "â", "Â" }, { "ầ", "Ầ" }, { "ấ", "Ấ" },
		{ "ẩ", "Ẩ" }, { "ẫ", "Ẫ" }, { "ậ", "Ậ" }, { "đ", "Đ" }, { "è", "È" }, { "é", "É" }, { "ẻ", "Ẻ" },
		{ "ẽ", "Ẽ" }, { "ẹ", "Ẹ" }, { "ê", "Ê" }, { "ề", "Ề" }, { "ế", "Ế" }, { "ể", "Ể" }, { "ễ", "Ễ" },
		{ "ệ", "Ệ" }, { "ì", "Ì" }, { "í", "Í" }, { "ỉ", "Ỉ" }, { "ĩ", "Ĩ" }, { "ị", "Ị" }, { "ò", "Ò" },
		{ "ó", "Ó" }, { "ỏ", "Ỏ" }, { "õ", "Õ" }, { "ọ", "Ọ" }, { "ô", "Ô" }, { "ồ", "Ồ" }, { "ố", "Ố" },
		{ "ổ", "Ổ" }, { "ỗ", "Ỗ" }, { "ộ", "Ộ" }, { "ơ", "Ơ" }, { "ờ", "Ờ" }, { "ớ", "Ớ" }, { "ở", "Ở" },
		{ "ỡ", "Ỡ" }, { "ợ", "Ợ" }, { "ù", "Ù" }, { "ú", "Ú" }, { "ủ", "Ủ" }, { "ũ", "Ũ" }, { "ụ", "Ụ" },
		{ "ư", "Ư" }, { "ừ", "Ừ" }, { "ứ", "Ứ" }, { "ử", "Ử" }, { "ữ", "Ữ" }, { "ự", "Ự" }, { "ỳ", "Ỳ" },
		{ "ý", "Ý" }, { "ỷ", "Ỷ" }, { "ỹ", "Ỹ" }, { "ỵ", "Ỵ" },
	};
	while (*s) {
		if ((unsigned char)*s < 0x80) {
			buf_addc(out, (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s));
			s++;
			continue;
		}
		size_t k = 0;
		for (; k < sizeof(pairs) / sizeof(*pairs); k++) {
			size_t n = strlen(pairs[k][0]);
			if (!strncmp(s, pairs[k][0], n)) {
				buf_adds(out, pairs[k][1]);
				s += n;
				break;
			}
		}
		if (k == sizeof(pairs) / sizeof(*pairs))
			buf_addc(out, *s++);
	}
}

/* The head and foot of the document, from the query or from the unit. */
static enum bp_err document_json(struct ctx *c, const struct report_params *p, const char *unit,
				 const char *unit_name, const struct period *per, json_t **out)
{
	struct db_rows *r = NULL;
	struct buf issuer, superior;
	const char *parent = NULL, *province = NULL;
	buf_init(&issuer, 1024);
	buf_init(&superior, 1024);
	/* Its parent and its province on the period's last day. */
	enum bp_err rc = db_query(c->db,
		"SELECT u.name, u.kind, (SELECT COUNT(*) FROM unit_parents x WHERE x.unit_id = $1"
		" AND x.parent_id = u.id AND x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to > $2))"
		" FROM report_ancestry a JOIN units u ON u.id = a.ancestor_id"
		" WHERE a.unit_id = $1 AND a.ancestor_id <> $1 AND a.valid_from <= $2 AND a.valid_to > $2",
		DB_ARGS(DB_S(unit), DB_S(per->to)), &r, &c->err);
	json_t *names = json_object();
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		if (db_int(r, 2) > 0)
			json_object_set_new(names, "parent", json_string(db_text(r, 0)));
		if (!strcmp(db_text(r, 1), "province"))
			json_object_set_new(names, "province", json_string(db_text(r, 0)));
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	parent = json_string_value(json_object_get(names, "parent"));
	province = json_string_value(json_object_get(names, "province"));
	if (!province) {
		struct db_rows *k = NULL;
		if (!rc && !db_query_one(c->db, "SELECT kind FROM units WHERE id = $1", DB_ARGS(DB_S(unit)), &k,
					 &c->err) && !strcmp(db_text(k, 0), "province"))
			province = unit_name;
		err_clear(&c->err);
		db_rows_free(k);
	}
	upper_vi(p->issuer ? p->issuer : unit_name, &issuer);
	if (p->superior || parent)
		upper_vi(p->superior ? p->superior : parent, &superior);
	const char *place = p->place;
	char placebuf[256];
	if (!place && province) {
		/* "Tỉnh Lạng Sơn" is dated "Lạng Sơn, ngày …". */
		const char *n = province;
		if (!strncmp(n, "Tỉnh ", strlen("Tỉnh ")))
			n += strlen("Tỉnh ");
		else if (!strncmp(n, "Thành phố ", strlen("Thành phố ")))
			n += strlen("Thành phố ");
		snprintf(placebuf, sizeof(placebuf), "%s", n);
		place = placebuf;
	}
	json_t *recipients = json_array();
	if (p->recipients) {
		const char *q = p->recipients;
		while (*q) {
			size_t n = strcspn(q, "\n");
			if (n && !(n == 1 && q[0] == '\r'))
				json_array_append_new(recipients, json_stringn(q, q[n - 1] == '\r' ? n - 1 : n));
			q += n;
			if (*q)
				q++;
		}
	}
	if (!rc)
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "issuer_vi", issuer.data, "superior_vi",
				 superior.data, "number", p->number ? p->number : "", "place", place ? place : "",
				 "date", p->date ? p->date : c->today, "recipients", recipients, "signer_title",
				 p->signer_title ? p->signer_title : "", "signer", p->signer ? p->signer : "");
	else
		json_decref(recipients);
	json_decref(names);
	buf_release(&issuer);
	buf_release(&superior);
	return rc;
}

/* ---- the report ---- */

static json_t *period_json(const struct period *p)
{
	char code[64], vi[160], en[160];
	period_code(p, code, sizeof(code));
	period_title(p, "vi", vi, sizeof(vi));
	period_title(p, "en", en, sizeof(en));
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", code, "from", p->from, "to", p->to, "title_vi", vi,
			 "title_en", en);
}

static json_t *value_json(enum fmt f, int64_t milli)
{
	if (f == FMT_INTEGER || f == FMT_MONEY)
		return json_integer((milli >= 0 ? milli + 500 : milli - 500) / 1000);
	return catalog_value_to_json(milli);
}

/* Writes the values of the grids into the template's figures. */
static void figures_fill(const struct grid *g, const int64_t *cur, const int64_t *prev)
{
	for (size_t f = 0; f < g->nfigs; f++) {
		const struct figure *x = &g->figs[f];
		int64_t v = cur[f * g->ncols], pv = prev[f * g->ncols];
		json_object_set_new(x->json, "value", value_json(x->fmt, v));
		json_object_set_new(x->json, "previous", value_json(x->fmt, pv));
		json_object_set_new(x->json, "change", value_json(x->fmt, v - pv));
		json_object_set_new(x->json, "change_percent",
				    pv ? json_real((double)((v - pv) * 1000 / pv) / 10.0) : json_null());
		json_t *by = json_array();
		for (size_t col = 1; col < g->ncols; col++)
			json_array_append_new(by, value_json(x->fmt, cur[f * g->ncols + col]));
		json_object_set_new(x->json, "by_child", by);
	}
}

enum bp_err report_run(struct ctx *c, const struct report_params *p, json_t **out)
{
	char unit_id[37];
	struct period per, prev;
	struct grid g = { .c = c };
	json_t *tmpl = NULL, *children = json_array(), *unit = NULL, *doc = NULL;
	int64_t *cur = NULL, *before = NULL;
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		goto out;
	if (!p->period || !*p->period) {
		rc = err_field(&c->err, "field_required", "period");
		goto out;
	}
	if (!period_parse(p->period, &per)) {
		rc = err_set(&c->err, "period_invalid", p->period);
		snprintf(c->err.field, sizeof(c->err.field), "period");
		goto out;
	}
	period_previous(&per, &prev);
	if ((rc = unit_resolve(c, p->unit && *p->unit ? p->unit : c->actor.unit_id, unit_id)) ||
	    (rc = access_unit(c, unit_id, ACCESS_READ)) ||
	    (rc = report_template_get(c, p->template && *p->template ? p->template : REPORT_DEFAULT_TEMPLATE, &tmpl)))
		goto out;
	if ((rc = db_query_one(c->db, "SELECT id, code, name, kind FROM units WHERE id = $1", DB_ARGS(DB_S(unit_id)),
			       &r, &c->err)))
		goto out;
	unit = unit_json(r);
	db_rows_free(r);
	if ((rc = children_read(c, unit_id, &per, children)) || (rc = figures_read(c, tmpl, &g)))
		goto out;
	g.ncols = 1 + json_array_size(children);
	g.cols = xcalloc(g.ncols, sizeof(*g.cols));
	memcpy(g.cols[0], unit_id, 37);
	for (size_t i = 1; i < g.ncols; i++)
		snprintf(g.cols[i], 37, "%s", json_string_value(json_object_get(json_array_get(children, i - 1), "id")));
	grid_index(&g);
	if ((rc = grid_fill(&g, &per, &cur)) || (rc = grid_fill(&g, &prev, &before)))
		goto out;
	figures_fill(&g, cur, before);
	if ((rc = document_json(c, p, unit_id, json_string_value(json_object_get(unit, "name")), &per, &doc)))
		goto out;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	*out = json_pack("{s:{s:O, s:O, s:O}, s:O, s:o, s:o, s:s, s:O, s:o, s:s, s:s, s:O}",
			 "template", "code", json_object_get(tmpl, "code"), "name_vi", json_object_get(tmpl, "name_vi"),
			 "name_en", json_object_get(tmpl, "name_en"), "unit", unit, "period", period_json(&per),
			 "previous", period_json(&prev), "generated_at", now, "children", children, "document", doc,
			 "lead_vi", json_string_value(json_object_get(tmpl, "lead_vi")) ?
				 json_string_value(json_object_get(tmpl, "lead_vi")) : "{period}, {unit}",
			 "lead_en", json_string_value(json_object_get(tmpl, "lead_en")) ?
				 json_string_value(json_object_get(tmpl, "lead_en")) : "In {period}, {unit}",
			 "sections", json_object_get(tmpl, "sections"));
	doc = NULL;
	if (!*out)
		rc = err_set(&c->err, "internal", " (report JSON)");
out:
	free(cur);
	free(before);
	free(g.figs);
	free(g.cols);
	json_decref(g.col_index);
	json_decref(g.flow_index);
	json_decref(doc);
	json_decref(unit);
	json_decref(children);
	json_decref(tmpl);
	return rc;
}
