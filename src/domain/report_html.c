/*
 * report_html.c - a report as one printable HTML page in the layout of
 * Nghị định 30/2020/NĐ-CP (Phụ lục I: thể thức văn bản hành chính); see
 * report_out.h.
 *
 * What the decree fixes, and where it is here:
 *   - A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times
 *     New Roman 13-14 pt (@page and body in the style sheet).
 *   - Top left, centred in their column: the superior body (capitals),
 *     the issuing body (capitals, bold) with a short rule under it, then
 *     "Số: …/BC-…". Top right: the national title (capitals, bold) and
 *     the motto (bold) with a rule as long as it, then place and date in
 *     italics, where a day under 10 and the months 1 and 2 take a leading
 *     zero ("ngày 05 tháng 01 năm 2026").
 *   - The kind of document in capitals ("BÁO CÁO"), the subject under it
 *     in bold (here the template's name and the period), a short rule.
 *   - The body, justified with an indented first line: the narrative
 *     paragraph, then a table per section.
 *   - Bottom left "Nơi nhận:" (bold italic 12 pt) and the recipients, one
 *     a line starting with "-", ";" after each but the last, which ends
 *     with "."; bottom right the signer's title (capitals, bold; one line
 *     each, "KT. CHỈ HUY TRƯỞNG" over "PHÓ CHỈ HUY TRƯỞNG") and name.
 * The page has no script and loads nothing: every style is inline, every
 * text escaped. Table rows do not split across pages, a table's header
 * repeats on the next page, and a section's heading stays with its table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/report_out.h"
#include "domain/report_view.h"
#include "util/date.h"

static const char style[] =
	"@page{size:A4;margin:20mm 15mm 20mm 30mm}"
	"html{background:#fff}"
	"body{font-family:\"Times New Roman\",Times,serif;font-size:14pt;line-height:1.35;color:#000;margin:0}"
	"@media screen{body{max-width:165mm;margin:10mm auto;padding:20mm 15mm 20mm 30mm;"
	"box-shadow:0 0 4px #999}}"
	"table.head,table.foot{width:100%;border-collapse:collapse}"
	".head td,.foot td{vertical-align:top;padding:0}"
	".head td.org{width:42%;text-align:center;font-size:13pt}"
	".head td.nation{width:58%;text-align:center}"
	".superior{text-transform:uppercase}"
	".issuer{text-transform:uppercase;font-weight:bold}"
	".nation .title{text-transform:uppercase;font-weight:bold;font-size:13pt;white-space:nowrap}"
	".motto{font-weight:bold;font-size:14pt;display:inline-block;border-bottom:1px solid #000;"
	"padding-bottom:1px}"
	".rule{width:35%;margin:2px auto 6pt;border-top:1px solid #000;height:0}"
	".number{margin-top:4pt}"
	".place{font-style:italic;margin-top:8pt}"
	".kind{text-align:center;font-weight:bold;text-transform:uppercase;margin:18pt 0 0}"
	".subject{text-align:center;font-weight:bold;margin:0}"
	".subject+.rule{width:25%;margin-top:4pt;margin-bottom:12pt}"
	"p.body{text-align:justify;text-indent:1.27cm;margin:6pt 0}"
	"h2{font-size:14pt;font-weight:bold;margin:12pt 0 4pt;break-after:avoid;page-break-after:avoid}"
	"table.figures{width:100%;table-layout:fixed;border-collapse:collapse;font-size:13pt;margin-bottom:6pt}"
	".figures th,.figures td{border:1px solid #000;padding:2pt 4pt;vertical-align:top}"
	".figures th{font-weight:bold;text-align:center}"
	".figures td.n{text-align:right}"
	".figures td.n span{white-space:nowrap}"
	".figures td.c{text-align:center}"
	".figures thead{display:table-header-group}"
	".figures tr{break-inside:avoid;page-break-inside:avoid}"
	"table.foot{margin-top:12pt;break-inside:avoid;page-break-inside:avoid}"
	".foot td.to{width:45%;font-size:11pt;line-height:1.2}"
	".foot td.to b{font-size:12pt;font-style:italic}"
	".foot td.sign{width:55%;text-align:center;font-weight:bold}"
	".sign .who{text-transform:uppercase}"
	".sign .name{margin-top:60pt}";

static void esc_n(struct report_out *o, const char *s, size_t n)
{
	const char *start = s, *end = s + n;
	for (; s < end; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		rout_n(o, start, (size_t)(s - start));
		rout_s(o, rep);
		start = s + 1;
	}
	rout_n(o, start, (size_t)(end - start));
}

static void esc(struct report_out *o, const char *s)
{
	esc_n(o, s, strlen(s));
}

/* Text with its line breaks as <br>. */
static void esc_lines(struct report_out *o, const char *s)
{
	const char *nl;
	while ((nl = strchr(s, '\n'))) {
		size_t n = (size_t)(nl - s);
		if (n && s[n - 1] == '\r')
			n--;
		esc_n(o, s, n);
		rout_s(o, "<br>");
		s = nl + 1;
	}
	esc(o, s);
}

/* "Lạng Sơn, ngày 05 tháng 01 năm 2026" / "Lạng Sơn, 5 January 2026". */
static void place_date(struct report_out *o, const struct report_view *v)
{
	static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
					      "August", "September", "October", "November", "December" };
	int y = 0, m = 0, d = 0;
	if (*v->place) {
		esc(o, v->place);
		rout_s(o, ", ");
	}
	if (!date_valid(v->date) || sscanf(v->date, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		/* no date yet: blanks the clerk writes in by hand */
		rout_s(o, v->en ? "date …" : "ngày … tháng … năm …");
		return;
	}
	if (v->en)
		rout_f(o, "%d %s %d", d, months[m - 1], y);
	else
		rout_f(o, "ngày %02d tháng %s%d năm %d", d, m < 3 ? "0" : "", m, y);
}

/* "Số: 125/BC-BCH"; a number without a symbol gets "/BC"; none leaves
 * the blank the clerk fills in when the report is numbered. */
static void number(struct report_out *o, const struct report_view *v)
{
	rout_s(o, v->en ? "No.: " : "Số: ");
	if (!*v->number) {
		rout_s(o, "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC");
		return;
	}
	esc(o, v->number);
	if (!strchr(v->number, '/'))
		rout_s(o, "/BC");
}

static const char *roman(size_t i)
{
	static const char *const r[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
					 "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX" };
	return i < sizeof(r) / sizeof(r[0]) ? r[i] : NULL;
}

static void section_table(struct report_out *o, const struct report_view *v, size_t i)
{
	const struct report_section *s = &v->sections[i];
	char num[96];
	bool en = v->en;
	rout_s(o, "<h2>");
	if (roman(i))
		rout_f(o, "%s. ", roman(i));
	esc(o, s->title);
	/* The same columns in every section's table, so they line up down
	 * the page (table-layout:fixed takes these widths); a value column
	 * holds 3.125.000.000 đồng at 13 pt. */
	rout_s(o, "</h2>\n<table class=\"figures\"><colgroup><col style=\"width:5%\"><col style=\"width:27%\">"
		  "<col style=\"width:10%\"><col style=\"width:19%\"><col style=\"width:19%\"><col style=\"width:20%\">"
		  "</colgroup><thead><tr>");
	rout_f(o, "<th>%s</th><th>%s</th><th>%s</th>", en ? "No." : "TT", en ? "Figure" : "Chỉ tiêu",
	       en ? "Unit" : "Đơn vị tính");
	rout_s(o, "<th>");
	esc(o, v->period_title);
	rout_s(o, "</th><th>");
	if (v->previous_title)
		esc(o, v->previous_title);
	else
		rout_s(o, en ? "Previous period" : "Kỳ trước");
	rout_f(o, "</th><th>%s</th></tr></thead>\n<tbody>\n", en ? "Change" : "Tăng/giảm");
	for (size_t k = 0; k < s->nfigs; k++) {
		const struct report_fig *f = &s->figs[k];
		rout_f(o, "<tr><td class=\"c\">%zu</td><td>", k + 1);
		esc(o, f->label);
		rout_s(o, "</td><td class=\"c\">");
		esc(o, f->unit);
		report_fig_cell(f->value, en, num, sizeof(num));
		rout_f(o, "</td><td class=\"n\">%s</td><td class=\"n\">", num);
		if (f->has_previous) {
			report_fig_cell(f->previous, en, num, sizeof(num));
			rout_s(o, num);
		}
		/* "+2.120 (+17,7%)" may break before its percentage, nowhere else */
		report_change_cell(f, en, num, sizeof(num));
		char *pct = strstr(num, " (");
		if (pct)
			*pct++ = '\0';
		rout_f(o, "</td><td class=\"n\">%s%s%s%s</td></tr>\n", num, pct ? " <span>" : "", pct ? pct : "",
		       pct ? "</span>" : "");
	}
	rout_s(o, "</tbody></table>\n");
}

/* A recipient as the decree writes it: "- Name;" and "- Last." */
static void recipient(struct report_out *o, const char *s, bool last)
{
	size_t n = strlen(s);
	while (n && strchr(" ;.", s[n - 1]))
		n--;
	while (n && *s == ' ')
		s++, n--;
	if (n && *s == '-')
		s++, n--;
	while (n && *s == ' ')
		s++, n--;
	rout_s(o, "- ");
	esc_n(o, s, n);
	rout_s(o, last ? ".<br>\n" : ";<br>\n");
}

static void page(struct report_out *o, const struct report_view *v, const char *narrative)
{
	bool en = v->en;
	rout_f(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", en ? "en" : "vi");
	char subj[2048];
	report_subject(v, subj, sizeof(subj));
	rout_s(o, en ? "REPORT: " : "BÁO CÁO: ");
	esc(o, subj);
	rout_s(o, " - ");
	esc(o, v->unit_name);
	rout_s(o, "</title>\n");
	if (v->generated_at) {
		rout_s(o, "<meta name=\"generated\" content=\"");
		esc(o, v->generated_at);
		rout_s(o, "\">\n");
	}
	rout_f(o, "<style>%s</style>\n</head>\n<body>\n", style);

	rout_s(o, "<table class=\"head\"><tr><td class=\"org\">");
	if (*v->superior) {
		rout_s(o, "<div class=\"superior\">");
		esc_lines(o, v->superior);
		rout_s(o, "</div>");
	}
	rout_s(o, "<div class=\"issuer\">");
	esc_lines(o, v->issuer);
	rout_s(o, "</div><div class=\"rule\"></div><div class=\"number\">");
	number(o, v);
	rout_s(o, "</div></td>\n<td class=\"nation\">");
	rout_f(o, "<div class=\"title\">%s</div><div class=\"motto\">%s</div>",
	       en ? "SOCIALIST REPUBLIC OF VIET NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	       en ? "Independence - Freedom - Happiness" : "Độc lập - Tự do - Hạnh phúc");
	rout_s(o, "<div class=\"place\">");
	place_date(o, v);
	rout_s(o, "</div></td></tr></table>\n");

	rout_f(o, "<p class=\"kind\">%s</p>\n<p class=\"subject\">", en ? "REPORT" : "BÁO CÁO");
	esc(o, subj);
	rout_s(o, "</p>\n<div class=\"rule\"></div>\n<p class=\"body\">");
	esc(o, narrative);
	rout_s(o, "</p>\n");

	for (size_t i = 0; i < v->nsections; i++)
		section_table(o, v, i);

	rout_f(o, "<table class=\"foot\"><tr><td class=\"to\"><b>%s</b><br>\n", en ? "Recipients:" : "Nơi nhận:");
	for (size_t i = 0; i < v->nrecipients; i++)
		recipient(o, v->recipients[i], i + 1 == v->nrecipients);
	rout_s(o, "</td>\n<td class=\"sign\"><div class=\"who\">");
	esc_lines(o, v->signer_title);
	rout_s(o, "</div><div class=\"name\">");
	esc(o, v->signer);
	rout_s(o, "</div></td></tr></table>\n</body>\n</html>\n");
}

enum bp_err report_html(const json_t *report, const char *lang, bool round, struct buf *out,
			struct bp_error *err)
{
	struct report_view v;
	struct buf narrative;
	enum bp_err rc = report_view_read(report, lang, &v, err);
	if (rc)
		return rc;
	buf_init(&narrative, out->max);
	if (!(rc = report_narrative(&v, round, &narrative, err))) {
		struct report_out o = { .b = out };
		page(&o, &v, narrative.data);
		rc = rout_end(&o, err);
	}
	buf_release(&narrative);
	report_view_release(&v);
	return rc;
}
