/*
 * report_xlsx.c - a report as an XLSX workbook, as a commune clerk would
 * lay it out by hand; see report_out.h.
 *
 * Sheet 1 ("Báo cáo"): title rows ("BÁO CÁO", the subject, the unit, the
 * period and the one it is compared with), a header row, then each
 * section as a merged bold row ("I. Công tác tuyên truyền") over its
 * figures: number, label, unit, this period, previous period, change,
 * change %, and the figure key last, for whoever matches rows by program. Sheet 2 ("Theo
 * đơn vị"): the same rows with one column per child unit and the unit's
 * own total beside them (the total may exceed the children's sum: what
 * is recorded under the unit itself belongs to no child).
 *
 * Cells hold numbers, never text, so the sheet sums and sorts; the
 * format says how they read: "#,##0" for counts and đồng, "#,##0.0##"
 * for decimals (70.5 km), a sign on changes. Both sheets print on A4 at
 * the page's width, the header row repeated on every page.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "domain/report_out.h"
#include "domain/report_view.h"

struct formats {
	lxw_format *title, *sub, *head, *section, *text, *wrap, *center;
	lxw_format *num[4], *chg[4], *pct;
};

static lxw_format *fmt_new(lxw_workbook *wb, const char *num_format)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (num_format)
		format_set_num_format(f, num_format);
	return f;
}

static void formats_init(lxw_workbook *wb, struct formats *x)
{
	x->title = workbook_add_format(wb);
	format_set_font_name(x->title, "Times New Roman");
	format_set_font_size(x->title, 14);
	format_set_bold(x->title);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	format_set_text_wrap(x->title);
	x->sub = workbook_add_format(wb);
	format_set_font_name(x->sub, "Times New Roman");
	format_set_font_size(x->sub, 12);
	format_set_italic(x->sub);
	format_set_align(x->sub, LXW_ALIGN_CENTER);
	x->head = fmt_new(wb, NULL);
	format_set_bold(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(x->head);
	format_set_bg_color(x->head, 0xDDEBF7);
	x->section = fmt_new(wb, NULL);
	format_set_bold(x->section);
	format_set_bg_color(x->section, 0xF2F2F2);
	x->text = fmt_new(wb, NULL);
	x->wrap = fmt_new(wb, NULL);
	format_set_text_wrap(x->wrap);
	x->center = fmt_new(wb, NULL);
	format_set_align(x->center, LXW_ALIGN_CENTER);
	x->num[REPORT_INTEGER] = fmt_new(wb, "#,##0");
	x->num[REPORT_DECIMAL] = fmt_new(wb, "#,##0.0##");
	x->num[REPORT_MONEY] = fmt_new(wb, "#,##0");
	x->num[REPORT_PERCENT] = fmt_new(wb, "0.0##");
	x->chg[REPORT_INTEGER] = fmt_new(wb, "+#,##0;-#,##0;0");
	x->chg[REPORT_DECIMAL] = fmt_new(wb, "+#,##0.0##;-#,##0.0##;0");
	x->chg[REPORT_MONEY] = fmt_new(wb, "+#,##0;-#,##0;0");
	x->chg[REPORT_PERCENT] = fmt_new(wb, "+0.0##;-0.0##;0");
	x->pct = fmt_new(wb, "+0.0;-0.0;0");
}

static double num(int64_t milli)
{
	return (double)milli / 1000.0;
}

static const char *roman(size_t i)
{
	static const char *const r[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
					 "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX" };
	return i < sizeof(r) / sizeof(r[0]) ? r[i] : "";
}

/* The title rows over ncols columns, as the printed report heads its
 * table; returns the row after them. */
static lxw_row_t titles(lxw_worksheet *ws, const struct report_view *v, const struct formats *x, lxw_col_t ncols)
{
	char line[2048];
	bool en = v->en;
	worksheet_merge_range(ws, 0, 0, 0, ncols - 1, en ? "REPORT" : "BÁO CÁO", x->title);
	report_subject(v, line, sizeof(line));
	worksheet_merge_range(ws, 1, 0, 1, ncols - 1, line, x->title);
	worksheet_set_row(ws, 1, 38, NULL);
	snprintf(line, sizeof(line), "%s %s (%s)", en ? "Unit:" : "Đơn vị:", v->unit_name, v->unit_code);
	worksheet_merge_range(ws, 2, 0, 2, ncols - 1, line, x->sub);
	if (v->previous_title)
		snprintf(line, sizeof(line), "%s %s; %s %s", en ? "Period:" : "Kỳ báo cáo:", v->period_title,
			 en ? "compared with" : "so với", v->previous_title);
	else
		snprintf(line, sizeof(line), "%s %s", en ? "Period:" : "Kỳ báo cáo:", v->period_title);
	worksheet_merge_range(ws, 3, 0, 3, ncols - 1, line, x->sub);
	return 5;
}

/* A section's heading row, across the sheet: "I. title". */
static void section_head(lxw_worksheet *ws, lxw_row_t row, size_t i, const struct report_section *s, lxw_col_t ncols,
			 const struct formats *x)
{
	char head[512];
	snprintf(head, sizeof(head), "%s. %s", roman(i), s->title);
	worksheet_merge_range(ws, row, 0, row, ncols - 1, head, x->section);
}

/* A figure row's first three cells: its number in the section, label and
 * unit of measure. */
static void fig_lead(lxw_worksheet *ws, lxw_row_t row, size_t k, const struct report_fig *f, const struct formats *x)
{
	worksheet_write_number(ws, row, 0, (double)(k + 1), x->center);
	worksheet_write_string(ws, row, 1, f->label, x->wrap);
	worksheet_write_string(ws, row, 2, f->unit, x->center);
}

static void figures_sheet(lxw_worksheet *ws, const struct report_view *v, const struct formats *x)
{
	bool en = v->en;
	const lxw_col_t ncols = 8;
	lxw_row_t row = titles(ws, v, x, ncols);
	static const double widths[] = { 6, 46, 12, 15, 15, 14, 12, 26 };
	for (lxw_col_t c = 0; c < ncols; c++)
		worksheet_set_column(ws, c, c, widths[c], NULL);
	const char *heads[] = { en ? "No." : "TT", en ? "Figure" : "Chỉ tiêu", en ? "Unit" : "Đơn vị tính",
		v->period_title, v->previous_title ? v->previous_title : (en ? "Previous period" : "Kỳ trước"),
		en ? "Change" : "Tăng/giảm", en ? "Change (%)" : "Tăng/giảm (%)", en ? "Figure key" : "Mã chỉ tiêu" };
	for (lxw_col_t c = 0; c < ncols; c++)
		worksheet_write_string(ws, row, c, heads[c], x->head);
	worksheet_set_row(ws, row, 32, NULL);
	worksheet_repeat_rows(ws, row, row);
	worksheet_freeze_panes(ws, row + 1, 0);
	row++;
	for (size_t i = 0; i < v->nsections; i++) {
		const struct report_section *s = &v->sections[i];
		section_head(ws, row++, i, s, ncols, x);
		for (size_t k = 0; k < s->nfigs; k++, row++) {
			const struct report_fig *f = &s->figs[k];
			fig_lead(ws, row, k, f, x);
			worksheet_write_number(ws, row, 3, num(f->value), x->num[f->fmt]);
			if (f->has_previous) {
				worksheet_write_number(ws, row, 4, num(f->previous), x->num[f->fmt]);
				worksheet_write_number(ws, row, 5, num(f->change), x->chg[f->fmt]);
			} else {
				worksheet_write_blank(ws, row, 4, x->num[f->fmt]);
				worksheet_write_blank(ws, row, 5, x->chg[f->fmt]);
			}
			if (f->has_percent)
				worksheet_write_number(ws, row, 6, num(f->percent), x->pct);
			else
				worksheet_write_blank(ws, row, 6, x->pct);
			worksheet_write_string(ws, row, 7, f->key, x->text);
		}
	}
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_portrait(ws);
	worksheet_set_margins(ws, 1.18, 0.59, 0.79, 0.79); /* 30, 15, 20, 20 mm */
	worksheet_fit_to_pages(ws, 1, 0);
}

static void children_sheet(lxw_worksheet *ws, const struct report_view *v, const struct formats *x)
{
	bool en = v->en;
	lxw_col_t ncols = (lxw_col_t)(4 + v->nchildren);
	lxw_row_t row = titles(ws, v, x, ncols);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, 2, 2, 12, NULL);
	worksheet_set_column(ws, 3, ncols - 1, 15, NULL);
	worksheet_write_string(ws, row, 0, en ? "No." : "TT", x->head);
	worksheet_write_string(ws, row, 1, en ? "Figure" : "Chỉ tiêu", x->head);
	worksheet_write_string(ws, row, 2, en ? "Unit" : "Đơn vị tính", x->head);
	for (size_t c = 0; c < v->nchildren; c++)
		worksheet_write_string(ws, row, (lxw_col_t)(3 + c), v->children[c].name, x->head);
	char total[512];
	snprintf(total, sizeof(total), "%s %s", en ? "Whole of" : "Toàn", v->unit_name);
	worksheet_write_string(ws, row, ncols - 1, total, x->head);
	worksheet_set_row(ws, row, 45, NULL);
	worksheet_repeat_rows(ws, row, row);
	worksheet_freeze_panes(ws, row + 1, 3);
	row++;
	for (size_t i = 0; i < v->nsections; i++) {
		const struct report_section *s = &v->sections[i];
		section_head(ws, row++, i, s, ncols, x);
		for (size_t k = 0; k < s->nfigs; k++, row++) {
			const struct report_fig *f = &s->figs[k];
			fig_lead(ws, row, k, f, x);
			for (size_t c = 0; c < v->nchildren; c++)
				worksheet_write_number(ws, row, (lxw_col_t)(3 + c), num(f->by_child[c]), x->num[f->fmt]);
			worksheet_write_number(ws, row, ncols - 1, num(f->value), x->num[f->fmt]);
		}
	}
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_set_margins(ws, 0.79, 0.59, 0.79, 0.79);
	worksheet_fit_to_pages(ws, 1, 0);
}

enum bp_err report_xlsx(const json_t *report, const char *lang, const char *path, struct bp_error *err)
{
	struct report_view v;
	enum bp_err rc = report_view_read(report, lang, &v, err);
	if (rc)
		return rc;
	/* Sheet 2 has a column per child; XLSX has 16.384. */
	if (v.nchildren > 16000) {
		rc = err_set(err, "report_too_large", "16000 units");
		goto out;
	}
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		rc = err_set(err, "xlsx_failed", " (workbook)");
		goto out;
	}
	struct formats x;
	formats_init(wb, &x);
	figures_sheet(workbook_add_worksheet(wb, v.en ? "Report" : "Báo cáo"), &v, &x);
	children_sheet(workbook_add_worksheet(wb, v.en ? "By unit" : "Theo đơn vị"), &v, &x);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		char d[160];
		snprintf(d, sizeof(d), " (%s)", lxw_strerror(e));
		rc = err_set(err, "xlsx_failed", d);
	}
out:
	report_view_release(&v);
	return rc;
}
