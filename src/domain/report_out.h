/*
 * report_out.h - a report in the forms people hand in: CSV, XLSX, a
 * printable HTML page and the narrative paragraph, each made from the
 * report's JSON (docs/reports.md, "The report as JSON") with no database:
 * the engine (reports.c) makes the JSON, these only write it out, so a
 * report saved as JSON renders again the same.
 *
 * lang is "vi" or "en" (NULL: "vi"); round asks for round words in the
 * narrative ("hơn 300 buổi"). Outputs are appended to out, up to its
 * maximum. Errors common to all: report_lang_invalid, report_shape (the JSON
 * lacks a field or has one of a wrong type, named in the message),
 * report_placeholder (a narrative placeholder naming no figure),
 * report_too_large (out is full).
 */
#ifndef BP_REPORT_OUT_H
#define BP_REPORT_OUT_H

#include <stdbool.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

/*
 * One row per figure: section, figure key, label, unit of measure, value,
 * previous, change, change %, then one column per child unit; a header
 * row first. UTF-8 with a byte order mark (so Excel reads the Vietnamese
 * right), CRLF line ends. Text cells go through csv_write_cell (guarded
 * against formula injection); numbers are plain ("70.5", "-62"), as a
 * spreadsheet reads them.
 */
enum bp_err report_csv(const json_t *report, const char *lang, struct buf *out, struct bp_error *err);

/*
 * The report as an XLSX file at path: sheet 1 the figures (title rows
 * with the unit and period, section headings as merged bold rows, number
 * formats by the figure's format, column widths), sheet 2 the figures by
 * child unit. Errors also: xlsx_failed (path cannot be written).
 */
enum bp_err report_xlsx(const json_t *report, const char *lang, const char *path, struct bp_error *err);

/*
 * One self-contained HTML page (inline CSS, no script, every text
 * escaped) in the layout of Nghị định 30/2020/NĐ-CP that prints on A4:
 * the superior and issuing bodies and the number top left, the national
 * title and motto with place and date top right, the title, the narrative
 * paragraph, a table per section (figure, unit, this period, previous
 * period, change), the recipients (Nơi nhận) and the signature block.
 */
enum bp_err report_html(const json_t *report, const char *lang, bool round, struct buf *out,
			struct bp_error *err);

/*
 * The narrative paragraph: the lead, then each section's sentence whose
 * figures are not all zero, joined by "; ", ending with "." (no newline).
 */
enum bp_err report_text(const json_t *report, const char *lang, bool round, struct buf *out,
			struct bp_error *err);

/* The formats a report is asked for in (format=, --format). */
enum report_out_format { REPORT_OUT_JSON, REPORT_OUT_CSV, REPORT_OUT_XLSX, REPORT_OUT_HTML, REPORT_OUT_TEXT };

/* "json", "csv", "xlsx", "html", "text"; false for anything else. */
bool report_out_format_parse(const char *s, enum report_out_format *out);
/* The format's media type ("text/csv; charset=utf-8") and file extension ("csv"). */
const char *report_out_media_type(enum report_out_format f);
const char *report_out_extension(enum report_out_format f);
/* A text format (csv, html, text) into out: the one of the functions
 * above that makes it. JSON and XLSX are not text formats (BUG). */
enum bp_err report_out_render(const json_t *report, enum report_out_format f, const char *lang, bool round,
			      struct buf *out, struct bp_error *err);

#endif
