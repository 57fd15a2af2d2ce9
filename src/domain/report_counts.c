/*
 * report_counts.c - a report's stocks and direction counts, all columns at
 * once (report_counts.h).
 *
 * Every query starts from "map": the pairs (column, unit of its subtree).
 * Its rows come from report_ancestry by its ancestor index; the grouped
 * queries then join the records to it, so a province with a hundred
 * communes costs the same few statements as a commune.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/groups.h"
#include "domain/report_counts.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The subtrees on the date $1; @COLS@ is the list of the columns. */
#define MAP_ON "WITH map(col, unit) AS (SELECT ancestor_id, unit_id FROM report_ancestry" \
	" WHERE ancestor_id IN @COLS@ AND valid_from <= $1 AND valid_to > $1) "
/* ... at any time from $1 to $2. */
#define MAP_IN "WITH map(col, unit) AS (SELECT DISTINCT ancestor_id, unit_id FROM report_ancestry" \
	" WHERE ancestor_id IN @COLS@ AND valid_from <= $2 AND valid_to > $1) "
/* The condition of marker mk on $1: its latest record by then, else its condition. */
#define MARKER_COND_ON "COALESCE((SELECT mc.condition FROM marker_conditions mc" \
	" WHERE mc.marker_id = mk.id AND mc.date <= $1 ORDER BY mc.date DESC, mc.recorded_at DESC LIMIT 1)," \
	" mk.condition)"
/* The registrations active on $1, as "g", with their column as "m". */
#define ACTIVE_REG "JOIN map m ON m.unit = g.unit_id WHERE g.date_from <= $1" \
	" AND (g.date_to IS NULL OR g.date_to >= $1)"

const char *const report_direction_keys[] = {
	"documents_issued", "conferences_held", "conference_attendees", "tasks_done", "tasks_overdue",
	"agreements_signed", "agreements_reviewed", "commendations", "commendation_recipients", NULL,
};

struct counts_run {
	struct ctx *c;
	const char (*cols)[37];
	size_t ncols;
	db_arg *args;
	int nfixed; /* arguments before the columns */
};

static int col_index(const struct counts_run *run, const char *id)
{
	for (size_t i = 0; id && i < run->ncols; i++)
		if (!strcmp(run->cols[i], id))
			return (int)i;
	return -1;
}

/* Runs sql (with @COLS@ made the columns' arguments) and hands each row
 * with its column to fn. */
static enum bp_err counts_rows(struct counts_run *run, const char *sql,
			       void (*fn)(struct db_rows *r, int col, void *arg), void *arg)
{
	struct buf list, q;
	struct db_rows *r = NULL;
	buf_init(&list, 1 << 20);
	buf_init(&q, 1 << 22);
	buf_addc(&list, '(');
	for (size_t i = 0; i < run->ncols; i++)
		buf_addf(&list, "%s$%d", i ? ", " : "", run->nfixed + (int)i + 1);
	buf_addc(&list, ')');
	for (const char *p = sql, *at; *p; p = at + strlen("@COLS@")) {
		at = strstr(p, "@COLS@");
		if (!at) {
			buf_adds(&q, p);
			break;
		}
		buf_add(&q, p, (size_t)(at - p));
		buf_adds(&q, list.data);
	}
	enum bp_err rc = db_query(run->c->db, q.data, run->args, run->nfixed + (int)run->ncols, &r, &run->c->err);
	int s = 0;
	while (!rc && (s = db_next(r, &run->c->err)) > 0) {
		int col = col_index(run, db_text(r, 0));
		if (col >= 0)
			fn(r, col, arg);
	}
	if (!rc && s < 0)
		rc = run->c->err.kind;
	db_rows_free(r);
	buf_release(&list);
	buf_release(&q);
	return rc;
}

static void run_init(struct counts_run *run, struct ctx *c, const char (*cols)[37], size_t ncols, int nfixed)
{
	run->c = c;
	run->cols = cols;
	run->ncols = ncols;
	run->nfixed = nfixed;
	run->args = xcalloc((size_t)nfixed + ncols, sizeof(*run->args));
	for (size_t i = 0; i < ncols; i++)
		run->args[nfixed + (int)i] = DB_S(cols[i]);
}

/* ---- stocks ---- */

static int kind_of(const char *kind)
{
	for (int i = 0; group_kinds[i]; i++)
		if (!strcmp(group_kinds[i], kind))
			return i;
	return -1;
}

static void on_households(struct db_rows *r, int col, void *arg)
{
	struct stocks *s = &((struct report_stock *)arg)[col].s;
	if (!strcmp(db_text(r, 1), "collective")) {
		s->collectives = db_int(r, 2);
	} else {
		s->households += db_int(r, 2);
		s->people += db_int(r, 3);
	}
}

static void on_segment(struct db_rows *r, int col, void *arg)
{
	struct stocks *s = &((struct report_stock *)arg)[col].s;
	long long covered = db_int(r, 2), len = llround(db_real(r, 3) * 1000.0);
	s->km_registered_m += covered;
	s->km_m += covered < len ? covered : len;
}

static void on_line(struct db_rows *r, int col, void *arg)
{
	((struct report_stock *)arg)[col].s.line_m = llround(db_real(r, 1) * 1000.0);
}

static void on_markers(struct db_rows *r, int col, void *arg)
{
	struct stocks *s = &((struct report_stock *)arg)[col].s;
	long long n = db_int(r, 2);
	s->markers += n;
	if (!strcmp(db_text(r, 1), "main"))
		s->markers_main = n;
	else if (!strcmp(db_text(r, 1), "secondary"))
		s->markers_secondary = n;
}

/* A row of the counts that add up unit by unit (UNIT_COUNTS): column,
 * what, its kind, a count and three sums. */
static void on_unit_counts(struct db_rows *r, int col, void *arg)
{
	struct report_stock *st = &((struct report_stock *)arg)[col];
	const char *what = db_text(r, 1), *sub = db_text(r, 2);
	long long n = db_int(r, 3);
	int k;
	if (!strcmp(what, "groups") && (k = kind_of(sub)) >= 0) {
		st->s.groups[k] = n;
	} else if (!strcmp(what, "members") && (k = kind_of(sub)) >= 0) {
		st->s.members[k] = n;
	} else if (!strcmp(what, "twinnings")) {
		st->s.twinnings = n;
	} else if (!strcmp(what, "roads")) {
		st->roads[0] = n * 1000;
		st->roads[1] = db_isnull(r, 4) ? 0 : llround(db_real(r, 4) * 1000.0);
		st->roads[2] = db_isnull(r, 5) ? 0 : db_int(r, 5) * 1000;
		st->roads[3] = db_isnull(r, 6) ? 0 : llround(db_real(r, 6) * 1000.0);
	}
}

static void on_conditions(struct db_rows *r, int col, void *arg)
{
	static const char *const conds[] = { "good", "damaged", "moved", "lost" };
	for (int i = 0; i < 4; i++)
		if (!strcmp(db_text(r, 1), conds[i]))
			((struct report_stock *)arg)[col].cond[i] = db_int(r, 2) * 1000;
}

/*
 * The stocks that add up unit by unit (groups, members, twinnings,
 * roads): counted by unit first, then by column through one join with
 * the map, so the subtrees are read once for all of them rather than
 * once for each. These tables are small (a province's groups, roads);
 * the markers, with a condition to look up for each, are read from the
 * map instead, so a commune's report reads its own markers only.
 */
#define UNIT_COUNTS MAP_ON "SELECT m.col, x.k, x.sub, SUM(x.n), SUM(x.a), SUM(x.b), SUM(x.c) FROM (" \
	"SELECT g.unit_id AS unit, 'groups' AS k, g.kind AS sub, COUNT(*) AS n, 0 AS a, 0 AS b, 0 AS c" \
	" FROM people_groups g WHERE g.founded <= $1 AND (g.dissolved IS NULL OR g.dissolved > $1)" \
	" GROUP BY g.unit_id, g.kind" \
	" UNION ALL SELECT g.unit_id, 'members', g.kind, COUNT(*), 0, 0, 0 FROM group_members gm" \
	" JOIN people_groups g ON g.id = gm.group_id WHERE g.founded <= $1" \
	" AND (g.dissolved IS NULL OR g.dissolved > $1) AND gm.date_from <= $1" \
	" AND (gm.date_to IS NULL OR gm.date_to >= $1) GROUP BY g.unit_id, g.kind" \
	" UNION ALL SELECT t.unit_id, 'twinnings', '', COUNT(*), 0, 0, 0 FROM twinnings t" \
	" WHERE t.signed <= $1 AND (t.ended IS NULL OR t.ended > $1) GROUP BY t.unit_id" \
	" UNION ALL SELECT r.unit_id, 'roads', '', COUNT(*), SUM(r.length_km), SUM(r.cost_vnd), SUM(r.workdays)" \
	" FROM roads r WHERE r.built IS NULL OR r.built <= $1 GROUP BY r.unit_id" \
	") x JOIN map m ON m.unit = x.unit GROUP BY m.col, x.k, x.sub"

enum bp_err report_stocks(struct ctx *c, const char (*cols)[37], size_t ncols, const char *date,
			  struct report_stock *out)
{
	static const struct {
		const char *sql;
		void (*fn)(struct db_rows *r, int col, void *arg);
	} queries[] = {
		{ MAP_ON "SELECT x.col, h.kind, COUNT(*), SUM(h.people) FROM households h JOIN"
		  " (SELECT DISTINCT m.col, g.household_id FROM registrations g " ACTIVE_REG ") x"
		  " ON x.household_id = h.id GROUP BY x.col, h.kind", on_households },
		{ MAP_ON "SELECT m.col, rs.segment_id, SUM(rs.km_m), MAX(sg.length_km) FROM registration_segments rs"
		  " JOIN registrations g ON g.id = rs.registration_id JOIN segments sg ON sg.id = rs.segment_id "
		  ACTIVE_REG " GROUP BY m.col, rs.segment_id", on_segment },
		/* The line a column looks after: its own segments, its posts'
		 * (for a commune) and those registered under it, each once. */
		{ MAP_ON "SELECT col, SUM(length_km) FROM (SELECT DISTINCT m.col AS col, q.id AS id,"
		  " q.length_km AS length_km FROM (SELECT sg.unit_id AS unit, sg.id AS id, sg.length_km AS length_km"
		  " FROM segments sg"
		  " UNION ALL SELECT pc.commune_id, sg.id, sg.length_km FROM segments sg JOIN post_communes pc"
		  " ON pc.post_id = sg.unit_id AND pc.valid_from <= $1 AND (pc.valid_to IS NULL OR pc.valid_to > $1)"
		  " UNION ALL SELECT g.unit_id, sg.id, sg.length_km FROM registration_segments rs"
		  " JOIN registrations g ON g.id = rs.registration_id JOIN segments sg ON sg.id = rs.segment_id"
		  " WHERE g.date_from <= $1 AND (g.date_to IS NULL OR g.date_to >= $1)) q"
		  " JOIN map m ON m.unit = q.unit) x GROUP BY col", on_line },
		{ MAP_ON "SELECT m.col, mk.type, COUNT(DISTINCT mk.id) FROM registration_markers rm"
		  " JOIN registrations g ON g.id = rm.registration_id JOIN markers mk ON mk.id = rm.marker_id "
		  ACTIVE_REG " GROUP BY m.col, mk.type", on_markers },
		{ UNIT_COUNTS, on_unit_counts },
		/* A marker's post on $1: the open period on its row (unit_id from
		 * post_from) or a closed one in marker_posts (migration 011). */
		{ MAP_ON "SELECT col, cond, COUNT(*) FROM (SELECT m.col AS col, " MARKER_COND_ON " AS cond"
		  " FROM map m JOIN markers mk ON mk.unit_id = m.unit WHERE mk.post_from <= $1"
		  " UNION ALL SELECT m.col, " MARKER_COND_ON " FROM map m"
		  " JOIN marker_posts mp ON mp.unit_id = m.unit AND mp.valid_from <= $1 AND mp.valid_to > $1"
		  " JOIN markers mk ON mk.id = mp.marker_id) q"
		  " GROUP BY col, cond", on_conditions },
	};
	struct counts_run run;
	enum bp_err rc = BP_OK;
	memset(out, 0, ncols * sizeof(*out));
	run_init(&run, c, cols, ncols, 1);
	run.args[0] = DB_S(date);
	for (size_t i = 0; i < sizeof(queries) / sizeof(*queries) && !rc; i++)
		rc = counts_rows(&run, queries[i].sql, queries[i].fn, out);
	free(run.args);
	return rc;
}

/* ---- direction ---- */

static void on_direction(struct db_rows *r, int col, void *arg)
{
	int64_t *out = arg;
	for (int k = 0; report_direction_keys[k]; k++)
		if (!strcmp(report_direction_keys[k], db_text(r, 1)))
			out[col * REPORT_DIRECTION_KEYS + k] = (db_isnull(r, 2) ? 0 : db_int(r, 2)) * 1000;
}

enum bp_err report_direction(struct ctx *c, const char (*cols)[37], size_t ncols, const char *from,
			     const char *to, const char *asof, int64_t *out)
{
	struct counts_run run;
	memset(out, 0, ncols * REPORT_DIRECTION_KEYS * sizeof(*out));
	run_init(&run, c, cols, ncols, 3);
	run.args[0] = DB_S(from);
	run.args[1] = DB_S(to);
	run.args[2] = DB_S(asof);
	/* Each count by recording unit first, then by column through one
	 * join with the map (a count of a unit adds up into its columns; a
	 * map per count cost a scan of the subtree each). */
	enum bp_err rc = counts_rows(&run, MAP_IN
		"SELECT m.col, x.k, SUM(x.n) FROM ("
		"SELECT d.unit_id AS unit, 'documents_issued' AS k, COUNT(*) AS n FROM documents d"
		" WHERE d.issued_on >= $1 AND d.issued_on <= $2 GROUP BY d.unit_id"
		" UNION ALL SELECT x.unit_id, 'conferences_held', COUNT(*) FROM conferences x"
		" WHERE x.date >= $1 AND x.date <= $2 GROUP BY x.unit_id"
		" UNION ALL SELECT x.unit_id, 'conference_attendees', SUM(x.attendees) FROM conferences x"
		" WHERE x.date >= $1 AND x.date <= $2 GROUP BY x.unit_id"
		" UNION ALL SELECT t.unit_id, 'tasks_done', COUNT(*) FROM tasks t"
		" WHERE t.status = 'done' AND t.done_on >= $1 AND t.done_on <= $2 GROUP BY t.unit_id"
		" UNION ALL SELECT t.unit_id, 'tasks_overdue', COUNT(*) FROM tasks t"
		" WHERE t.due_on < $3 AND substr(t.created_at, 1, 10) <= $3 AND (t.done_on IS NULL OR t.done_on > $3)"
		" GROUP BY t.unit_id"
		" UNION ALL SELECT a.unit_id, 'agreements_signed', COUNT(*) FROM agreements a"
		" WHERE a.signed_on >= $1 AND a.signed_on <= $2 GROUP BY a.unit_id"
		" UNION ALL SELECT a.unit_id, 'agreements_reviewed', COUNT(*) FROM agreement_reviews r"
		" JOIN agreements a ON a.id = r.agreement_id WHERE r.date >= $1 AND r.date <= $2 GROUP BY a.unit_id"
		" UNION ALL SELECT k.unit_id, 'commendations', COUNT(*) FROM commendations k"
		" WHERE k.date >= $1 AND k.date <= $2 GROUP BY k.unit_id"
		" UNION ALL SELECT k.unit_id, 'commendation_recipients', COUNT(*) FROM commendation_recipients x"
		" JOIN commendations k ON k.id = x.commendation_id WHERE k.date >= $1 AND k.date <= $2"
		" GROUP BY k.unit_id) x JOIN map m ON m.unit = x.unit GROUP BY m.col, x.k",
		on_direction, out);
	free(run.args);
	return rc;
}
