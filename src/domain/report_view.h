/*
 * report_view.h - a report's JSON (docs/reports.md, "The report as JSON")
 * read once into plain C for the output formats (report_out.h): every
 * field checked for its type, every figure's numbers turned into exact
 * thousandths, and the texts picked in the language asked for (an English
 * text falls back to the Vietnamese one when it is missing or empty).
 *
 * Strings point into the JSON and live as long as it does; the arrays are
 * the view's own and freed with report_view_release.
 */
#ifndef BP_REPORT_VIEW_H
#define BP_REPORT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

enum report_fmt { REPORT_INTEGER, REPORT_DECIMAL, REPORT_MONEY, REPORT_PERCENT };

struct report_fig {
	const char *key, *label, *unit;
	enum report_fmt fmt;
	int64_t value;          /* thousandths of the figure (of a đồng for money) */
	bool has_previous;      /* previous and change are null for a period without one */
	int64_t previous, change;
	bool has_percent;       /* change_percent is null when previous is 0 */
	int64_t percent;        /* thousandths of a percent */
	int64_t *by_child;      /* one per child unit */
};

struct report_section {
	const char *key, *title, *narrative;
	struct report_fig *figs;
	size_t nfigs;
};

struct report_child {
	const char *code, *name;
};

struct report_view {
	bool en;
	const char *template_code, *template_name;
	const char *unit_code, *unit_name;
	const char *period_code, *period_title;
	const char *previous_title; /* NULL when the report has no previous period */
	const char *generated_at;   /* may be NULL */
	struct report_child *children;
	size_t nchildren;
	/* the document's head and foot (Nghị định 30/2020/NĐ-CP) */
	const char *issuer, *superior, *number, *place, *date, *signer_title, *signer;
	const char **recipients;
	size_t nrecipients;
	const char *lead;
	struct report_section *sections;
	size_t nsections;
};

/*
 * Reads report in lang ("vi", "en"; NULL is "vi") into v. Errors:
 * report_lang_invalid, report_shape (naming the field that is missing or of a
 * wrong type, as "sections[1].figures[0].value"). On error v holds
 * nothing to release.
 */
enum bp_err report_view_read(const json_t *report, const char *lang, struct report_view *v,
			     struct bp_error *err);
void report_view_release(struct report_view *v);

/* The figure of a key, in any section; NULL when there is none. */
const struct report_fig *report_view_fig(const struct report_view *v, const char *key);

/* A figure's number as a text writes it, exactly: "14.120", "70,5",
 * "3,125 tỷ đồng" (English: "14,120", "3.125 billion VND"). Money comes
 * with its unit, which changes with the amount (triệu, tỷ); any other
 * figure's unit, "%" included, is the template's to write after it. */
void report_fig_text(const struct report_fig *f, int64_t milli, bool en, char *out, size_t n);
/* A figure's number as a table cell writes it: grouped, exact, with no
 * unit ("3.125.000.000" đồng, "24,8"). */
void report_fig_cell(int64_t milli, bool en, char *out, size_t n);
/* A change as a table cell: "+62", "-5", "0", with " (+24,8%)" when known. */
void report_change_cell(const struct report_fig *f, bool en, char *out, size_t n);

/* The subject of the report under "BÁO CÁO" (Nghị định 30/2020: trích
 * yếu): the template's name without its own "Báo cáo", then the period:
 * "Kết quả thực hiện phong trào … năm 2023"; in English "…, Year 2023". */
void report_subject(const struct report_view *v, char *out, size_t n);

/*
 * The narrative paragraph (report_text.c): the lead, then each section's
 * sentence whose figures are not all zero, joined by "; ", ending with
 * ".". Appends to out. Errors: report_placeholder (a placeholder naming no
 * figure, a step that is not a whole number from 1, an unclosed brace),
 * report_too_large (out is full).
 */
enum bp_err report_narrative(const struct report_view *v, bool round, struct buf *out, struct bp_error *err);

/*
 * Appending with a sticky failure: once the buffer refuses an append
 * (its maximum is reached), every later one is dropped too, so the output
 * is never a truncated middle, and the caller reports report_too_large
 * (SQLite's sticky mallocFailed).
 */
struct report_out {
	struct buf *b;
	bool full;
};

void rout_s(struct report_out *o, const char *s);
void rout_n(struct report_out *o, const char *s, size_t n);
void rout_f(struct report_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ends an output: report_too_large when the buffer filled up. */
enum bp_err rout_end(const struct report_out *o, struct bp_error *err);

#endif
