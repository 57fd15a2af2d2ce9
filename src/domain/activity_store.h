/*
 * activity_store.h - what activities.c (the JSON API), activity_import.c
 * (CSV files) and activity_export.c share: the checked form of one
 * activity, the checks that do not depend on how it came in, and its
 * rows in the database. Internal to src/domain.
 */
#ifndef BP_ACTIVITY_STORE_H
#define BP_ACTIVITY_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/catalog.h"
#include "domain/ctx.h"
#include "util/buf.h"

#define ACTIVITY_TITLE_MAX 500
#define ACTIVITY_NOTES_MAX 2000
#define ACTIVITY_VALUES_MAX 64
#define ACTIVITY_UNITS_MAX 32

struct activity_value {
	const struct cat_indicator *ind;
	int64_t milli;
};

/* One activity, checked; strings are borrowed from the input. */
struct activity_rec {
	char id[37];
	const struct cat_type *type;
	char unit_id[37];
	char date_from[11], date_to[11];
	const char *title, *notes;
	bool has_place;
	double lon, lat;
	char marker_id[37];                    /* "" for none */
	char organisers[ACTIVITY_UNITS_MAX][37];
	size_t norganisers;
	char participants[ACTIVITY_UNITS_MAX][37];
	size_t nparticipants;
	struct activity_value values[ACTIVITY_VALUES_MAX];
	size_t nvalues;
};

/*
 * The checks against the type: each value's indicator belongs to the
 * type, no required one is missing, and a retired type or indicator takes
 * nothing new. stored (may be NULL) is the activity being replaced, whose
 * own type and values may stay as they were even when retired since.
 * Reports through e (field: the indicator).
 */
enum bp_err activity_check_type(const struct activity_rec *a, json_t *stored, struct bp_error *e);

/* The unit existed on the activity's first day (units merge and end). */
enum bp_err activity_unit_dated(struct ctx *c, const char *unit_id, const char *code,
				const char *date_from);

/*
 * An activity's values as kept in activities.vals (migration 014): a
 * JSON object of indicator code to thousandths, in a's order,
 * {"buoi":1000,"luot_nguoi":120000}. Codes need no escaping (catalog.h).
 */
#define ACTIVITY_VALS_TEXT_MAX (ACTIVITY_VALUES_MAX * 90 + 3)
void activity_vals_text(const struct activity_value *values, size_t n, char out[ACTIVITY_VALS_TEXT_MAX]);

/*
 * Inserts the activity with its values, and its units (import_id may be
 * NULL); an id already stored is left as it is, and *inserted (may be
 * NULL) false. Without import_id the activity also goes into the reports'
 * sums (report_rollup.h); an import adds all of its activities at its end.
 * activity_replace takes the old values out of the sums and puts the new in.
 */
enum bp_err activity_insert(struct ctx *c, const struct activity_rec *a, const char *import_id,
			    const char *created_by, const char *now, bool *inserted);
/* The activity's row with its values; *inserted false when its id is stored already. */
enum bp_err activity_insert_row(struct ctx *c, const struct activity_rec *a, const char *import_id,
				const char *created_by, const char *now, bool *inserted);

/*
 * The units of many new activities (a bulk import), written
 * ACTIVITY_BATCH_ROWS rows a statement instead of a statement a unit.
 * activity_batch_add copies what it needs of a, and writes a full batch;
 * activity_batch_flush writes the rest (before anything reads the
 * activities back, and at the end).
 */
#define ACTIVITY_BATCH_ROWS 200

struct activity_batch_unit {
	char activity[37], unit[37];
	int participant;
};

struct activity_batch {
	struct activity_batch_unit units[ACTIVITY_BATCH_ROWS];
	size_t nunits;
	struct buf sql;
	char *full_sql; /* of a full batch, made once */
};

void activity_batch_init(struct activity_batch *b);
enum bp_err activity_batch_add(struct ctx *c, struct activity_batch *b, const struct activity_rec *a);
enum bp_err activity_batch_flush(struct ctx *c, struct activity_batch *b);
void activity_batch_release(struct activity_batch *b);

/* Makes the stored activity a's: its row, values and units. */
enum bp_err activity_replace(struct ctx *c, const struct activity_rec *a, const char *now);
/* Its units only (after the row is written). */
enum bp_err activity_units_insert(struct ctx *c, const struct activity_rec *a);

/* The stored activity as JSON (docs/participation.md), with no scope check. */
enum bp_err activity_load(struct ctx *c, const char *id, json_t **out);
/* Does the stored activity (activity_load's JSON) say what a says? */
bool activity_same(json_t *stored, const struct activity_rec *a);

/*
 * The units whose activities count for unit $3 in the period $4..$5: its
 * subtree in the tree of the period (parent links that overlap it), and
 * the units merged or split into any of them, whenever that happened,
 * since a unit's history includes its predecessors'. Post-commune links
 * are not followed: a post's figures are its own. Follows
 * access_scope_cte's "scope" CTE.
 */
#define ACTIVITY_SUB_CTE \
	", sub(id) AS (SELECT CAST($3 AS TEXT) WHERE $3 <> ''" \
	" UNION SELECT e.child FROM (SELECT unit_id AS child, parent_id AS up, valid_from, valid_to" \
	" FROM unit_parents UNION ALL SELECT from_unit, to_unit, '0000-01-01', NULL" \
	" FROM unit_succession_links) e JOIN sub ON e.up = sub.id" \
	" WHERE e.valid_from <= $5 AND (e.valid_to IS NULL OR e.valid_to > $4))"

#endif
