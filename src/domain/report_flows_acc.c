/*
 * report_flows_acc.c - report_flows for many activities at once; see
 * report_flows_acc.h.
 *
 * report_flows_apply adds a file's activities in one statement, in which
 * SQLite sorts every (ancestor, period, type, indicator) row to group
 * them: 2.6 million rows for 200,000 activities, which took three times
 * as long as storing the activities. Here each activity adds to a hash
 * table under each ancestor of its unit on its first day, and the few
 * thousand sums go in as upserts of ROWS_A_STATEMENT rows each.
 *
 * The rules are report_flows_apply's (report_rollup.c, FLOW_FROM): the
 * ancestors are the report_ancestry rows of the unit with valid_from <=
 * date_from < valid_to; the periods are the first 4 and 7 characters of
 * date_from; indicator '' counts the activities, the others sum the
 * thousandths.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/report_flows_acc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/xmalloc.h"

#define ROWS_A_STATEMENT 100

/* An ancestry row of a unit; anc indexes acc->ancs. */
struct anc {
	int anc;
	char from[DATE_LEN], to[DATE_LEN];
};

/* A unit and its ancestry rows. */
struct unit_anc {
	char *unit_id;
	struct anc *v;
	size_t n;
};

/* A sum's key: the ancestor (index into acc->ancs), the period (YYYY or
 * YYYYMM), the type and indicator codes (by address; "" counts). */
struct sum {
	int anc, period;
	const char *type, *ind;
	int64_t total;
	bool used;
};

struct report_flows_acc {
	struct unit_anc *units; /* open addressing by unit id */
	size_t units_cap, units_n;
	char (*ancs)[37];       /* every ancestor met, once */
	size_t nancs, capancs;
	struct sum *sums;       /* open addressing by key */
	size_t sums_cap, sums_n;
};

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

struct report_flows_acc *report_flows_acc_new(void)
{
	struct report_flows_acc *acc = xcalloc(1, sizeof(*acc));
	acc->units_cap = 64;
	acc->units = xcalloc(acc->units_cap, sizeof(*acc->units));
	acc->sums_cap = 4096;
	acc->sums = xcalloc(acc->sums_cap, sizeof(*acc->sums));
	return acc;
}

void report_flows_acc_free(struct report_flows_acc *acc)
{
	if (!acc)
		return;
	for (size_t i = 0; i < acc->units_cap; i++) {
		free(acc->units[i].unit_id);
		free(acc->units[i].v);
	}
	free(acc->ancs);
	free(acc->units);
	free(acc->sums);
	free(acc);
}

static struct unit_anc *unit_slot(struct unit_anc *t, size_t cap, const char *id)
{
	size_t i = hash_str(id) & (cap - 1);
	while (t[i].unit_id && strcmp(t[i].unit_id, id))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

/* The index of an ancestor in acc->ancs; few, so looked for in turn. */
static int anc_index(struct report_flows_acc *acc, const char *id)
{
	for (size_t i = 0; i < acc->nancs; i++)
		if (!strcmp(acc->ancs[i], id))
			return (int)i;
	if (acc->nancs == acc->capancs) {
		acc->capancs = acc->capancs ? 2 * acc->capancs : 64;
		acc->ancs = xrealloc(acc->ancs, acc->capancs * sizeof(*acc->ancs));
	}
	snprintf(acc->ancs[acc->nancs], sizeof(*acc->ancs), "%s", id);
	return (int)acc->nancs++;
}

/* The ancestry rows of a unit, read once. */
static enum bp_err unit_ancestry(struct ctx *c, struct report_flows_acc *acc, const char *unit_id,
				 const struct unit_anc **out)
{
	struct unit_anc *u = unit_slot(acc->units, acc->units_cap, unit_id);
	if (u->unit_id) {
		*out = u;
		return BP_OK;
	}
	if (2 * (acc->units_n + 1) > acc->units_cap) {
		size_t cap = 2 * acc->units_cap;
		struct unit_anc *t = xcalloc(cap, sizeof(*t));
		for (size_t i = 0; i < acc->units_cap; i++)
			if (acc->units[i].unit_id)
				*unit_slot(t, cap, acc->units[i].unit_id) = acc->units[i];
		free(acc->units);
		acc->units = t;
		acc->units_cap = cap;
		u = unit_slot(acc->units, cap, unit_id);
	}
	struct db_rows *r = NULL;
	enum bp_err rc = db_query(c->db,
		"SELECT ancestor_id, valid_from, valid_to FROM report_ancestry WHERE unit_id = $1",
		DB_ARGS(DB_S(unit_id)), &r, &c->err);
	if (rc)
		return rc;
	size_t cap = 0;
	struct anc *v = NULL;
	int s;
	size_t n = 0;
	while ((s = db_next(r, &c->err)) > 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].anc = anc_index(acc, db_text(r, 0));
		snprintf(v[n].from, sizeof(v[n].from), "%s", db_text(r, 1));
		snprintf(v[n].to, sizeof(v[n].to), "%s", db_text(r, 2));
		n++;
	}
	db_rows_free(r);
	if (s < 0) {
		free(v);
		return c->err.kind;
	}
	u->unit_id = xstrdup(unit_id);
	u->v = v;
	u->n = n;
	acc->units_n++;
	*out = u;
	return BP_OK;
}

static size_t sum_hash(int anc, int period, const char *type, const char *ind)
{
	size_t h = (size_t)anc * 0x9E3779B97F4A7C15u;
	h = (h ^ (size_t)period) * 0xC2B2AE3D27D4EB4Fu;
	h = (h ^ (size_t)(uintptr_t)type) * 0x165667B19E3779F9u;
	h = (h ^ (size_t)(uintptr_t)ind) * 0x9E3779B97F4A7C15u;
	return h ^ (h >> 29);
}

static struct sum *sum_slot(struct sum *t, size_t cap, int anc, int period, const char *type, const char *ind)
{
	size_t i = sum_hash(anc, period, type, ind) & (cap - 1);
	while (t[i].used && !(t[i].anc == anc && t[i].period == period && t[i].type == type && t[i].ind == ind))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static void sum_add(struct report_flows_acc *acc, int anc, int period, const char *type, const char *ind,
		    int64_t v)
{
	struct sum *s = sum_slot(acc->sums, acc->sums_cap, anc, period, type, ind);
	if (!s->used) {
		if (2 * (acc->sums_n + 1) > acc->sums_cap) {
			size_t cap = 2 * acc->sums_cap;
			struct sum *t = xcalloc(cap, sizeof(*t));
			for (size_t i = 0; i < acc->sums_cap; i++) {
				struct sum *o = &acc->sums[i];
				if (o->used)
					*sum_slot(t, cap, o->anc, o->period, o->type, o->ind) = *o;
			}
			free(acc->sums);
			acc->sums = t;
			acc->sums_cap = cap;
			s = sum_slot(t, cap, anc, period, type, ind);
		}
		*s = (struct sum){ .anc = anc, .period = period, .type = type, .ind = ind, .used = true };
		acc->sums_n++;
	}
	s->total += v;
}

enum bp_err report_flows_acc_add(struct ctx *c, struct report_flows_acc *acc, const char *unit_id,
				 const char *date_from, const char *type_code, const char *const *codes,
				 const int64_t *milli, size_t n)
{
	const struct unit_anc *u = NULL;
	enum bp_err rc = unit_ancestry(c, acc, unit_id, &u);
	if (rc)
		return rc;
	int year = atoi(date_from), month = atoi(date_from + 5);
	for (size_t a = 0; a < u->n; a++) {
		const struct anc *x = &u->v[a];
		if (strcmp(x->from, date_from) > 0 || strcmp(x->to, date_from) <= 0)
			continue;
		for (int k = 0; k < 2; k++) {
			int period = k ? year * 100 + month : year;
			sum_add(acc, x->anc, period, type_code, "", 1);
			for (size_t i = 0; i < n; i++)
				sum_add(acc, x->anc, period, type_code, codes[i], milli[i]);
		}
	}
	return BP_OK;
}

bool report_flows_acc_has_unit(const struct report_flows_acc *acc, const char *unit_id)
{
	return unit_slot(acc->units, acc->units_cap, unit_id)->unit_id != NULL;
}

void report_flows_acc_merge(struct report_flows_acc *acc, const struct report_flows_acc *src, int sign)
{
	for (size_t i = 0; i < src->sums_cap; i++) {
		const struct sum *s = &src->sums[i];
		if (s->used)
			sum_add(acc, anc_index(acc, src->ancs[s->anc]), s->period, s->type, s->ind, sign * s->total);
	}
}

enum bp_err report_flows_acc_write(struct ctx *c, struct report_flows_acc *acc, int sign)
{
	struct buf sql;
	db_arg args[5 * ROWS_A_STATEMENT];
	char periods[ROWS_A_STATEMENT][12];
	enum bp_err rc = BP_OK;
	size_t i = 0;
	buf_init(&sql, 1 << 16);
	while (!rc && i < acc->sums_cap) {
		int n = 0;
		buf_reset(&sql);
		buf_adds(&sql, "INSERT INTO report_flows (unit_id, period, type_code, indicator_code, total) VALUES");
		for (; i < acc->sums_cap && n < ROWS_A_STATEMENT; i++) {
			const struct sum *s = &acc->sums[i];
			if (!s->used)
				continue;
			if (s->period > 9999)
				snprintf(periods[n], sizeof(periods[n]), "%04d-%02d", s->period / 100, s->period % 100);
			else
				snprintf(periods[n], sizeof(periods[n]), "%04d", s->period);
			buf_addf(&sql, "%s ($%d, $%d, $%d, $%d, $%d)", n ? "," : "", 5 * n + 1, 5 * n + 2, 5 * n + 3,
				 5 * n + 4, 5 * n + 5);
			args[5 * n] = DB_S(acc->ancs[s->anc]);
			args[5 * n + 1] = DB_S(periods[n]);
			args[5 * n + 2] = DB_S(s->type);
			args[5 * n + 3] = DB_S(s->ind);
			args[5 * n + 4] = DB_I(sign < 0 ? -s->total : s->total);
			n++;
		}
		if (!n)
			break;
		buf_adds(&sql, " ON CONFLICT (unit_id, period, type_code, indicator_code)"
			 " DO UPDATE SET total = report_flows.total + excluded.total");
		rc = db_exec(c->db, sql.data, args, 5 * n, NULL, &c->err);
	}
	buf_release(&sql);
	memset(acc->sums, 0, acc->sums_cap * sizeof(*acc->sums));
	acc->sums_n = 0;
	return rc;
}
