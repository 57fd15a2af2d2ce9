/*
 * activity_files.h - activities in files: bulk entry from CSV (one row an
 * activity), its templates (CSV, XLSX), and the CSV export that imports
 * back. The command line (cmd_activities.c) and the HTTP handlers
 * (h_activities.c) are thin around these.
 *
 * The columns: id (optional client id), type, unit, date_from, date_to,
 * title, notes, lon, lat, marker, then one column per indicator code. A
 * record whose first cell starts with '#' is a comment (the templates'
 * second row, which says what each column takes).
 */
#ifndef BP_ACTIVITY_FILES_H
#define BP_ACTIVITY_FILES_H

#include <jansson.h>

#include "domain/activities.h"
#include "domain/ctx.h"

/*
 * Imports a CSV file of activities, all or nothing, in one transaction
 * with one audit row. default_unit (may be NULL) stands for an empty or
 * missing unit column. A file whose bytes were imported before is
 * "import_duplicate" (409); rows with an id already stored are compared
 * and replaced (not doubled). On success *summary is {"import_id",
 * "activities", "values", "created", "updated", "unchanged"}; on failure
 * c->err says why (import_rejected with every bad line in *problems,
 * else what is wrong with the file as a whole) and nothing is stored.
 * *problems is always set; the caller decrefs both.
 */
enum bp_err activity_import(struct ctx *c, const char *data, size_t len, const char *file_name,
			    const char *default_unit, json_t **summary, json_t **problems);

/* Where a file goes: 0 when taken, -1 when the output is closed. */
typedef int (*activity_sink_fn)(void *arg, const char *data, size_t len);

/*
 * The activities of the filter in the actor's scope as CSV (the import's
 * columns; with f->type, its indicators; else every indicator), streamed
 * through sink a chunk of rows at a time (memory stays flat). Text cells
 * are guarded against formula injection (csv_write_cell).
 */
enum bp_err activity_export_csv(struct ctx *c, const struct activity_filter *f, activity_sink_fn sink,
				void *arg, long *count);

enum activity_template_format { ACTIVITY_TEMPLATE_CSV, ACTIVITY_TEMPLATE_XLSX };

/* "csv" or "xlsx"; false for anything else. */
bool activity_template_format_parse(const char *s, enum activity_template_format *out);

/*
 * Writes the bulk-entry template of a type to path: the import's columns
 * with the type's indicators, a comment row saying what each takes (the
 * unit of each indicator, required or not); for XLSX also a bold header,
 * widths, text columns for codes and dates, number checks for the values
 * and a second sheet listing the type's indicators.
 */
enum bp_err activity_template(struct ctx *c, const char *type, enum activity_template_format fmt,
			      const char *path);

#endif
