/*
 * copy.c - moving every record of one bienphong database into another,
 * whatever the two engines: a commune's SQLite file into the province's
 * PostgreSQL, or back. Ids are kept, so a record copied twice is stored
 * once, and records both databases already share (the province's own
 * units, say) are left as the target has them.
 *
 * Every table that holds records must be listed in copy_tables (in an
 * order that satisfies the foreign keys) or in db_copy_skipped; a test
 * (tests/unit/db/engine.c) checks with db_copy_covers that the schema has
 * no table outside both lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct copy_table {
	const char *name;
	const char *pk; /* primary key columns, comma-separated */
	/* The order rows are copied in, when a row may refer to another row
	 * of its table (a document to the one it implements, an agreement to
	 * the one it renews): referred rows come first. Else the key's order. */
	const char *order;
};

/* Rows leave out order when the key's order will do. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct copy_table copy_tables[] = {
	{ "units", "id" },
	{ "unit_parents", "unit_id, valid_from" },
	{ "unit_successions", "id" },
	{ "unit_succession_links", "succession_id, from_unit, to_unit" },
	{ "post_communes", "post_id, commune_id, valid_from" },
	{ "unit_edges", "child, up, valid_from" },
	{ "users", "id" },
	{ "markers", "id" },
	{ "marker_posts", "marker_id, valid_from" },
	{ "marker_conditions", "id" },
	{ "segments", "id" },
	{ "gates", "id" },
	{ "roads", "id" },
	{ "indicators", "code" },
	{ "activity_types", "code" },
	{ "activity_type_indicators", "type_code, indicator_code" },
	{ "imports", "id" },
	{ "activities", "id" },
	{ "activity_units", "activity_id, unit_id, role" },
	/* people's participation (migration 005) */
	{ "households", "id" },
	{ "registrations", "id" },
	{ "registration_segments", "registration_id, segment_id" },
	{ "registration_markers", "registration_id, marker_id" },
	{ "people_groups", "id" },
	{ "group_members", "id" },
	{ "twinnings", "id" },
	{ "documents", "id", "issued_on, id" },
	{ "document_files", "id" },
	{ "tasks", "id" },
	{ "task_units", "task_id, unit_id" },
	{ "task_updates", "id" },
	{ "conferences", "id" },
	{ "conference_documents", "conference_id, document_id" },
	{ "conference_units", "conference_id, unit_id" },
	{ "conference_contributions", "id" },
	{ "agreements", "id", "period_from, id" },
	{ "agreement_parties", "agreement_id, unit_id" },
	{ "agreement_commitments", "id" },
	{ "agreement_reviews", "id" },
	{ "agreement_review_items", "review_id, commitment_id" },
	{ "commendations", "id" },
	{ "commendation_recipients", "id" },
	{ "settings", "key" },
	{ "report_templates", "code" },
	{ "audit_log", "id" },
};
#pragma GCC diagnostic pop

/* Sessions are the source's own; the reports' roll-up is made again from
 * the records in the target (report_rebuild). */
const char *const db_copy_skipped[] = { "schema_version", "sessions", "login_failures", "report_ancestry",
	"report_flows", NULL };

bool db_copy_covers(const char *table)
{
	for (size_t i = 0; i < sizeof(copy_tables) / sizeof(*copy_tables); i++)
		if (!strcmp(copy_tables[i].name, table))
			return true;
	for (const char *const *t = db_copy_skipped; *t; t++)
		if (!strcmp(*t, table))
			return true;
	return false;
}

#define COPY_MAX_COLS 64

/* "a = $1 AND b = $2" for the primary key columns; *n gets their count. */
static void pk_where(const char *pk, struct buf *sql, int *n)
{
	char *cols = xstrdup(pk), *save = NULL;
	*n = 0;
	for (char *c = strtok_r(cols, ", ", &save); c; c = strtok_r(NULL, ", ", &save)) {
		buf_addf(sql, "%s%s = $%d", *n ? " AND " : "", c, *n + 1);
		(*n)++;
	}
	free(cols);
}

/* The index of a column in the source rows, -1 if none. */
static int col_index(struct db_rows *r, const char *name)
{
	for (int i = 0; i < db_ncols(r); i++)
		if (!strcmp(db_colname(r, i), name))
			return i;
	return -1;
}

static enum bp_err copy_table(struct db *from, struct db *to, const struct copy_table *t,
			      long long *copied, struct bp_error *e)
{
	struct buf sel, ins, exists;
	struct db_rows *r = NULL;
	enum bp_err rc;
	buf_init(&sel, 1024);
	buf_init(&ins, 8192);
	buf_init(&exists, 1024);
	*copied = 0;
	buf_addf(&sel, "SELECT * FROM %s ORDER BY %s", t->name, t->order ? t->order : t->pk);
	if ((rc = db_query(from, sel.data, DB_NOARGS, &r, e)))
		goto out;
	int ncols = db_ncols(r), npk = 0;
	if (ncols > COPY_MAX_COLS) {
		rc = err_set(e, "db_error", "too many columns to copy");
		goto out;
	}
	buf_addf(&ins, "INSERT INTO %s (", t->name);
	for (int i = 0; i < ncols; i++)
		buf_addf(&ins, "%s%s", i ? ", " : "", db_colname(r, i));
	buf_adds(&ins, ") VALUES (");
	for (int i = 0; i < ncols; i++)
		buf_addf(&ins, "%s$%d", i ? ", " : "", i + 1);
	buf_adds(&ins, ")");
	buf_addf(&exists, "SELECT COUNT(*) FROM %s WHERE ", t->name);
	pk_where(t->pk, &exists, &npk);
	int pk_idx[8];
	char *cols = xstrdup(t->pk), *save = NULL;
	int k = 0;
	for (char *c = strtok_r(cols, ", ", &save); c && k < 8; c = strtok_r(NULL, ", ", &save))
		pk_idx[k++] = col_index(r, c);
	free(cols);
	int s;
	while ((s = db_next(r, e)) > 0) {
		db_arg args[COPY_MAX_COLS], pk_args[8];
		for (int i = 0; i < npk; i++)
			pk_args[i] = DB_S(pk_idx[i] >= 0 ? db_text(r, pk_idx[i]) : NULL);
		long long have = 0;
		if ((rc = db_scalar_int(to, exists.data, pk_args, npk, &have, e)))
			goto out;
		if (have)
			continue;
		for (int i = 0; i < ncols; i++)
			args[i] = DB_S(db_text(r, i));
		rc = db_exec(to, ins.data, args, ncols, NULL, e);
		if (rc == BP_ECONFLICT) {
			char what[160];
			snprintf(what, sizeof(what), "%s %s", t->name, db_text(r, 0) ? db_text(r, 0) : "?");
			rc = err_set(e, "copy_conflict", what);
		}
		if (rc)
			goto out;
		(*copied)++;
	}
	if (s < 0)
		rc = e->kind;
out:
	db_rows_free(r);
	buf_release(&sel);
	buf_release(&ins);
	buf_release(&exists);
	return rc;
}

enum bp_err db_copy(struct db *from, struct db *to, json_t *counts, struct bp_error *e)
{
	int vf = db_schema_version(from), vt = db_schema_version(to);
	if (vf != vt || !vf) {
		char d[64];
		snprintf(d, sizeof(d), "%d / %d", vf, vt);
		return err_set(e, "copy_schema", d);
	}
	enum bp_err rc = db_begin(to, e);
	for (size_t i = 0; !rc && i < sizeof(copy_tables) / sizeof(copy_tables[0]); i++) {
		long long n = 0;
		rc = copy_table(from, to, &copy_tables[i], &n, e);
		if (!rc && counts)
			json_object_set_new(counts, copy_tables[i].name, json_integer(n));
	}
	return db_end(to, rc, e);
}
