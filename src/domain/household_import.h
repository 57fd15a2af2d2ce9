/*
 * household_import.h - households and their registrations in and out as
 * CSV, one row per household with one registration (a household with
 * several registrations has a row for each; one with none a row with the
 * registration's cells empty).
 *
 * Columns (docs/participation.md, "Households CSV"), in this order on
 * export, any order and any subset with kind and name on import:
 *   id               the household's id (empty: a new household)
 *   registration_id  the registration's id (empty: a new registration)
 *   kind             household | collective
 *   name             the head of household, or the collective
 *   village          a village's unit code; or a village's name, with
 *   unit             the commune's (or ward's) code
 *   phone, people
 *   post             the border post's code (the registration needs it)
 *   from, to         YYYY-MM-DD; an empty "from" means no registration
 *   km               the registration's km; left empty, each segment counts
 *                    whole; given, it is handed to the segments in order
 *                    (each up to its length) and may not exceed their sum
 *   segments         segment ids, or "N1-N2" (the segment between markers
 *                    N1 and N2), each optionally ":KM" (its part);
 *   markers          marker ids or numbers (1116, 1116/1);
 * lists separated by ';' or spaces. Export writes numbers, or the id of a
 * marker whose number is not unique across borders.
 *
 * An import is all or nothing, every bad row reported with its line; the
 * same file (by its SHA-256) is not imported twice (import_duplicate,
 * 409, kept in the imports table with kind "households").
 */
#ifndef BP_HOUSEHOLD_IMPORT_H
#define BP_HOUSEHOLD_IMPORT_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/people.h"
#include "geo/feature.h"

extern const char *const household_csv_columns[];

/*
 * Imports len bytes of CSV. On success *summary is {"kind", "import_id",
 * "rows", "households": {"created", "updated", "unchanged"},
 * "registrations": {...}}. On failure c->err says why (import_rejected
 * when rows were bad) and nothing is stored. *problems is always set, the
 * caller decrefs both. file_name may be NULL.
 */
enum bp_err household_import(struct ctx *c, const char *data, size_t len, const char *file_name,
			     json_t **summary, json_t **problems);

/* Writes the households of the filter in the actor's scope as CSV to sink; *count (may be NULL) the rows. */
enum bp_err household_export(struct ctx *c, const struct people_filter *f, geo_sink_fn sink, void *arg,
			     long *count);

#endif
