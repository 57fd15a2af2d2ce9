/*
 * report_csv.c - a report as CSV: one row per figure (docs/reports.md,
 * "csv"); see report_out.h.
 *
 * The header row is in the report's language and names the periods
 * ("Năm 2023", "Năm 2022") and the child units, because the people who
 * open the file read it as a table; the figure key column keeps the rows
 * matchable by a program. Numbers are written as milli_format writes them
 * ("70.5", "-62"): not through csv_write_cell, whose formula guard would
 * turn a negative change into text.
 */
#include <string.h>

#include "domain/report_out.h"
#include "domain/report_view.h"
#include "util/csv.h"
#include "util/milli.h"

static void cell(struct report_out *o, const char *s, bool first)
{
	if (!first)
		rout_s(o, ",");
	if (!o->full && csv_write_cell(o->b, s))
		o->full = true;
}

static void number(struct report_out *o, int64_t milli, bool has)
{
	char num[MILLI_FMT_LEN];
	rout_s(o, ",");
	if (has) {
		milli_format(milli, num);
		rout_s(o, num);
	}
}

enum bp_err report_csv(const json_t *report, const char *lang, struct buf *out, struct bp_error *err)
{
	struct report_view v;
	enum bp_err rc = report_view_read(report, lang, &v, err);
	if (rc)
		return rc;
	struct report_out o = { .b = out };
	bool en = v.en;
	rout_s(&o, "\xEF\xBB\xBF");
	cell(&o, en ? "Section" : "Mục", true);
	cell(&o, en ? "Figure key" : "Mã chỉ tiêu", false);
	cell(&o, en ? "Figure" : "Chỉ tiêu", false);
	cell(&o, en ? "Unit of measure" : "Đơn vị tính", false);
	cell(&o, v.period_title, false);
	cell(&o, v.previous_title ? v.previous_title : (en ? "Previous period" : "Kỳ trước"), false);
	cell(&o, en ? "Change" : "Tăng/giảm", false);
	cell(&o, en ? "Change (%)" : "Tăng/giảm (%)", false);
	for (size_t i = 0; i < v.nchildren; i++)
		cell(&o, v.children[i].name, false);
	rout_s(&o, "\r\n");
	for (size_t i = 0; i < v.nsections; i++) {
		const struct report_section *s = &v.sections[i];
		for (size_t k = 0; k < s->nfigs; k++) {
			const struct report_fig *f = &s->figs[k];
			cell(&o, s->title, true);
			cell(&o, f->key, false);
			cell(&o, f->label, false);
			cell(&o, f->unit, false);
			number(&o, f->value, true);
			number(&o, f->previous, f->has_previous);
			number(&o, f->change, f->has_previous);
			number(&o, f->percent, f->has_percent);
			for (size_t c = 0; c < v.nchildren; c++)
				number(&o, f->by_child[c], true);
			rout_s(&o, "\r\n");
		}
	}
	rc = rout_end(&o, err);
	report_view_release(&v);
	return rc;
}
