/*
 * stocks.c - the stocks of people's participation as of a date; see
 * stocks.h for what each figure counts.
 *
 * Every query starts from STOCK_SUB, the subtree of $1 on the date $2:
 * the edges of unit_edges valid on that day (children, the communes of a
 * post) and, whatever their date, the links of a merge or split from the
 * units that went into one of the subtree (so the figures of Mẫu Sơn in
 * 2023 are those of the three communes merged into it in 2025). The
 * recursive part has one reference to sub, as PostgreSQL requires: the
 * two kinds of edges are one derived table.
 *
 * A unit made after the date (the commune a merge created) is taken
 * under its first parent: its records are dated by their registrations,
 * not by the unit, so the 2023 stocks of the province count the
 * households of a commune created in 2025 from its own communes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/groups.h"
#include "domain/stocks.h"
#include "domain/units.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define STOCK_SUB \
	"WITH RECURSIVE sub(id) AS (SELECT CAST($1 AS TEXT) UNION" \
	" SELECT e.child FROM (SELECT x.child, x.up FROM unit_edges x JOIN units u ON u.id = x.child" \
	" WHERE (x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to > $2))" \
	" OR (u.valid_from > $2 AND x.valid_from = u.valid_from)" \
	" UNION ALL SELECT from_unit, to_unit FROM unit_succession_links) e JOIN sub ON e.up = sub.id) "

/* The registrations of the subtree active on $1, as "g"; @SUB@ is the
 * list of the subtree's units (stock_rows). */
#define STOCK_ACTIVE_REG \
	"g.unit_id IN @SUB@ AND g.date_from <= $1 AND (g.date_to IS NULL OR g.date_to >= $1)"

/* The units of the subtree, read once for all the queries. */
struct stock_sub {
	db_arg *args; /* $1 the date, then the units */
	int n;
	struct buf list; /* "($2, $3 ...)" */
};

static enum bp_err stock_sub_read(struct ctx *c, const char *unit_id, const char *date, struct stock_sub *sub)
{
	struct db_rows *r = NULL;
	int st = 0, cap = 64;
	sub->args = xcalloc((size_t)cap, sizeof(*sub->args));
	sub->args[0] = DB_S(date);
	sub->n = 1;
	buf_init(&sub->list, 1 << 20);
	buf_addc(&sub->list, '(');
	enum bp_err rc = db_query(c->db, STOCK_SUB "SELECT id FROM sub", DB_ARGS(DB_S(unit_id), DB_S(date)), &r,
				  &c->err);
	while (!rc && (st = db_next(r, &c->err)) > 0) {
		if (sub->n == cap) {
			cap *= 2;
			sub->args = xrealloc(sub->args, (size_t)cap * sizeof(*sub->args));
		}
		/* The text outlives the rows: the ids are kept in the list's
		 * buffer, the arguments point into a copy of each. */
		sub->args[sub->n] = DB_S(xstrdup(db_text(r, 0)));
		buf_addf(&sub->list, "%s$%d", sub->n > 1 ? ", " : "", sub->n + 1);
		sub->n++;
	}
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	buf_addc(&sub->list, ')');
	return rc;
}

static void stock_sub_release(struct stock_sub *sub)
{
	for (int i = 1; i < sub->n; i++)
		free((char *)sub->args[i].s);
	free(sub->args);
	buf_release(&sub->list);
}

/* Runs sql with @SUB@ replaced by the subtree's units; fn reads each row. */
static enum bp_err stock_rows(struct ctx *c, const char *sql, const struct stock_sub *sub,
			      void (*fn)(struct db_rows *r, struct stocks *s), struct stocks *s)
{
	struct db_rows *r = NULL;
	struct buf q;
	buf_init(&q, 1 << 22);
	for (const char *p = sql, *at; *p; p = at + 5) {
		at = strstr(p, "@SUB@");
		if (!at) {
			buf_adds(&q, p);
			break;
		}
		buf_add(&q, p, (size_t)(at - p));
		buf_adds(&q, sub->list.data);
	}
	enum bp_err rc = db_query(c->db, q.data, sub->args, sub->n, &r, &c->err);
	buf_release(&q);
	int st = 0;
	while (!rc && (st = db_next(r, &c->err)) > 0)
		fn(r, s);
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static void on_households(struct db_rows *r, struct stocks *s)
{
	if (!strcmp(db_text(r, 0), "collective")) {
		s->collectives = db_int(r, 1);
	} else {
		s->households = db_int(r, 1);
		s->people = db_int(r, 2);
	}
}

static void on_segment(struct db_rows *r, struct stocks *s)
{
	long long covered = db_int(r, 1), len = llround(db_real(r, 2) * 1000.0);
	s->km_registered_m += covered;
	s->km_m += covered < len ? covered : len;
}

static void on_line(struct db_rows *r, struct stocks *s)
{
	s->line_m += llround(db_real(r, 0) * 1000.0);
}

static void on_markers(struct db_rows *r, struct stocks *s)
{
	long long n = db_int(r, 1);
	s->markers += n;
	if (!strcmp(db_text(r, 0), "main"))
		s->markers_main = n;
	else if (!strcmp(db_text(r, 0), "secondary"))
		s->markers_secondary = n;
}

static int kind_index(const char *kind)
{
	for (int i = 0; group_kinds[i]; i++)
		if (!strcmp(group_kinds[i], kind))
			return i;
	return -1;
}

static void on_groups(struct db_rows *r, struct stocks *s)
{
	int k = kind_index(db_text(r, 0));
	if (k >= 0)
		s->groups[k] = db_int(r, 1);
}

static void on_members(struct db_rows *r, struct stocks *s)
{
	int k = kind_index(db_text(r, 0));
	if (k >= 0)
		s->members[k] = db_int(r, 1);
}

static void on_twinnings(struct db_rows *r, struct stocks *s)
{
	s->twinnings = db_int(r, 0);
}

enum bp_err stocks_compute(struct ctx *c, const char *unit_id, const char *date, struct stocks *s)
{
	struct stock_sub sub;
	memset(s, 0, sizeof(*s));
	enum bp_err rc;
	if ((rc = stock_sub_read(c, unit_id, date, &sub)) ||
	    (rc = stock_rows(c,
		"SELECT h.kind, COUNT(*), SUM(h.people) FROM households h WHERE h.id IN"
		" (SELECT g.household_id FROM registrations g WHERE " STOCK_ACTIVE_REG ") GROUP BY h.kind",
		&sub, on_households, s)) ||
	    (rc = stock_rows(c,
		"SELECT rs.segment_id, SUM(rs.km_m), MAX(sg.length_km) FROM registration_segments rs"
		" JOIN registrations g ON g.id = rs.registration_id JOIN segments sg ON sg.id = rs.segment_id"
		" WHERE " STOCK_ACTIVE_REG " GROUP BY rs.segment_id",
		&sub, on_segment, s)) ||
	    (rc = stock_rows(c,
		"SELECT sg.length_km FROM segments sg WHERE sg.unit_id IN @SUB@"
		" OR sg.unit_id IN (SELECT pc.post_id FROM post_communes pc WHERE pc.commune_id IN @SUB@"
		" AND pc.valid_from <= $1 AND (pc.valid_to IS NULL OR pc.valid_to > $1))"
		" OR sg.id IN (SELECT rs.segment_id FROM registration_segments rs"
		" JOIN registrations g ON g.id = rs.registration_id WHERE " STOCK_ACTIVE_REG ")",
		&sub, on_line, s)) ||
	    (rc = stock_rows(c,
		"SELECT m.type, COUNT(DISTINCT m.id) FROM registration_markers rm"
		" JOIN registrations g ON g.id = rm.registration_id JOIN markers m ON m.id = rm.marker_id"
		" WHERE " STOCK_ACTIVE_REG " GROUP BY m.type",
		&sub, on_markers, s)) ||
	    (rc = stock_rows(c,
		"SELECT x.kind, COUNT(*) FROM people_groups x WHERE x.unit_id IN @SUB@"
		" AND x.founded <= $1 AND (x.dissolved IS NULL OR x.dissolved > $1) GROUP BY x.kind",
		&sub, on_groups, s)) ||
	    (rc = stock_rows(c,
		"SELECT x.kind, COUNT(*) FROM group_members m JOIN people_groups x ON x.id = m.group_id"
		" WHERE x.unit_id IN @SUB@ AND x.founded <= $1"
		" AND (x.dissolved IS NULL OR x.dissolved > $1) AND m.date_from <= $1"
		" AND (m.date_to IS NULL OR m.date_to >= $1) GROUP BY x.kind",
		&sub, on_members, s)) ||
	    (rc = stock_rows(c,
		"SELECT COUNT(*) FROM twinnings x WHERE x.unit_id IN @SUB@"
		" AND x.signed <= $1 AND (x.ended IS NULL OR x.ended > $1)",
		&sub, on_twinnings, s))) {
		/* the first error stops the rest */
	}
	stock_sub_release(&sub);
	return rc;
}

static json_t *km_json(long long m)
{
	return json_real((double)m / 1000.0);
}

enum bp_err stocks_get(struct ctx *c, const char *unit_ref, const char *date, json_t **out)
{
	char unit_id[37];
	struct stocks s;
	struct db_rows *r = NULL;
	enum bp_err rc;
	*out = NULL;
	if (date && !date_valid(date))
		return err_field(&c->err, "date_invalid", "date");
	if (!date)
		date = c->today;
	if (!unit_ref || !*unit_ref)
		unit_ref = c->actor.unit_id;
	if ((rc = access_require_role(c, ROLE_VIEWER)) || (rc = unit_resolve(c, unit_ref, unit_id)) ||
	    (rc = access_unit(c, unit_id, ACCESS_READ)) || (rc = stocks_compute(c, unit_id, date, &s)) ||
	    (rc = db_query_one(c->db, "SELECT code, name FROM units WHERE id = $1", DB_ARGS(DB_S(unit_id)), &r,
			       &c->err)))
		return rc;
	json_t *groups = json_object();
	long long tg = 0, tm = 0;
	for (int k = 0; k < STOCK_GROUP_KINDS; k++) {
		json_object_set_new(groups, group_kinds[k], json_pack("{s:I, s:I}", "groups", (json_int_t)s.groups[k],
								      "members", (json_int_t)s.members[k]));
		tg += s.groups[k];
		tm += s.members[k];
	}
	json_object_set_new(groups, "total", json_pack("{s:I, s:I}", "groups", (json_int_t)tg, "members",
						       (json_int_t)tm));
	double share = s.line_m ? round(10000.0 * (double)s.km_m / (double)s.line_m) / 100.0 : 0;
	*out = json_pack("{s:o, s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:f, s:{s:I, s:I, s:I}, s:o, s:I}",
		"unit", json_pack("{s:s, s:s, s:s}", "id", unit_id, "code", db_text(r, 0), "name", db_text(r, 1)), "date", date,
		"collectives", (json_int_t)s.collectives, "households", (json_int_t)s.households,
		"people", (json_int_t)s.people, "km", km_json(s.km_m), "km_registered", km_json(s.km_registered_m),
		"line_km", km_json(s.line_m), "km_share_percent", share,
		"markers", "total", (json_int_t)s.markers, "main", (json_int_t)s.markers_main,
		"secondary", (json_int_t)s.markers_secondary, "groups", groups, "twinnings", (json_int_t)s.twinnings);
	db_rows_free(r);
	return BP_OK;
}
