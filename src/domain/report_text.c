/*
 * report_text.c - the narrative paragraph of a report, as the people who
 * hand reports in write it (docs/reports.md, "text"; seed 003):
 *
 *   Năm 2023, Tỉnh Lạng Sơn tổ chức tuyên truyền 312 buổi, cho 14.120
 *   lượt người dự nghe, ...; phát 21.850 tờ rơi tuyên truyền; ...
 *
 * and with rounding asked for, "hơn 300 buổi, cho trên 14.000 lượt người
 * ...; phát gần 22.000 tờ rơi" (src/util/vnnum.h: vnnum_round).
 *
 * The sentences are the template's: placeholders {key}, {key|word} and
 * {key|word|step} name a figure of the report; {period} and {unit} the
 * period's title and the unit's name. A placeholder without a word is
 * always exact (seed 003 writes "350 bộ tài liệu" among rounded figures).
 * A sentence whose figures are all zero says nothing and is left out, so
 * a commune without leaflets does not report "phát 0 tờ rơi".
 *
 * Money is rounded on two significant digits unless the placeholder
 * gives a step in đồng: "hơn 3,1 tỷ đồng" for 3.125.000.000 đồng, where
 * the steps of counts (100, 1.000, 10.000) would be meaningless.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/report_out.h"
#include "domain/report_view.h"
#include "util/vnnum.h"

#define STEP_MAX 1000000000000000LL /* 10^15: above any figure's whole units */

/* What a sentence's placeholders found. */
struct expand {
	size_t figures;  /* placeholders that name a figure */
	bool nonzero;    /* one of them is not zero */
};

/* Two significant digits of an amount of đồng as its rounding step. */
static int64_t money_step(int64_t dong)
{
	int64_t step = 1;
	for (int64_t v = dong; v >= 100; v /= 10)
		step *= 10;
	return step;
}

static void write_value(const struct report_view *v, const struct report_fig *f, bool round, const char *word,
			int64_t step, char *out, size_t n)
{
	const char *lang = v->en ? "en" : "vi";
	char num[96];
	if (!round || !word || !*word) {
		report_fig_text(f, f->value, v->en, out, n);
		return;
	}
	if (f->fmt == REPORT_MONEY) {
		int64_t dong = f->value / 1000, shown;
		const char *w = vnnum_round_pick(dong, 1, step ? step : money_step(dong), word, lang, &shown);
		vnnum_money(num, sizeof(num), shown, lang);
		snprintf(out, n, "%s%s%s", w ? w : "", w ? " " : "", num);
		return;
	}
	vnnum_round(num, sizeof(num), f->value, word, step, lang);
	snprintf(out, n, "%s%s", num, f->fmt == REPORT_PERCENT ? "%" : "");
}

/* At most n bytes of s (n <= strlen(s)), shortened to end on a whole
 * UTF-8 character, so an error message quoting it stays valid text. */
static size_t utf8_cut(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	if (len < n)
		return len;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* One placeholder, the text between the braces (len bytes at p). */
static enum bp_err placeholder(const struct report_view *v, const char *p, size_t len, bool round,
			       struct report_out *o, struct expand *x, struct bp_error *err)
{
	char spec[256], *word = NULL, *step_s = NULL, shown[160];
	if (len == 0 || len >= sizeof(spec) - 2)
		goto bad;
	memcpy(spec, p, len);
	spec[len] = '\0';
	if ((word = strchr(spec, '|'))) {
		*word++ = '\0';
		if ((step_s = strchr(word, '|')))
			*step_s++ = '\0';
	}
	int64_t step = 0;
	if (step_s) {
		char *end;
		if (!*step_s || !strchr("123456789", *step_s))
			goto bad;
		long long s = strtoll(step_s, &end, 10);
		if (*end || s < 1 || s > STEP_MAX)
			goto bad;
		step = s;
	}
	if (!strcmp(spec, "period") && !word) {
		rout_s(o, v->period_title);
		return BP_OK;
	}
	if (!strcmp(spec, "unit") && !word) {
		rout_s(o, v->unit_name);
		return BP_OK;
	}
	const struct report_fig *f = report_view_fig(v, spec);
	if (!f)
		goto bad;
	x->figures++;
	if (f->value)
		x->nonzero = true;
	write_value(v, f, round, word, step, shown, sizeof(shown));
	rout_s(o, shown);
	return BP_OK;
bad:
	snprintf(spec, sizeof(spec), "{%.*s}", (int)utf8_cut(p, len > 120 ? 120 : len), p);
	return err_set(err, "report_placeholder", spec);
}

/* A template sentence with its placeholders filled in, appended to o. */
static enum bp_err expand(const struct report_view *v, const char *text, bool round, struct report_out *o,
			  struct expand *x, struct bp_error *err)
{
	const char *p = text;
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			rout_s(o, p);
			break;
		}
		rout_n(o, p, (size_t)(open - p));
		const char *close = strchr(open + 1, '}');
		const char *next_open = strchr(open + 1, '{');
		if (!close || (next_open && next_open < close)) {
			char bad[64];
			snprintf(bad, sizeof(bad), "%.*s", (int)utf8_cut(open, 40), open);
			return err_set(err, "report_placeholder", bad);
		}
		enum bp_err rc = placeholder(v, open + 1, (size_t)(close - open - 1), round, o, x, err);
		if (rc)
			return rc;
		p = close + 1;
	}
	return BP_OK;
}

/* The length of s without the spaces, ';' and '.' it ends with: the
 * paragraph puts its own "; " between sentences and "." at the end. */
static size_t trimmed_len(const char *s, size_t len)
{
	while (len && strchr(" \t\n;.", s[len - 1]))
		len--;
	return len;
}

enum bp_err report_narrative(const struct report_view *v, bool round, struct buf *out, struct bp_error *err)
{
	struct report_out o = { .b = out };
	struct buf sentence;
	enum bp_err rc = BP_OK;
	size_t said = 0;
	buf_init(&sentence, out->max);
	struct report_out so = { .b = &sentence };
	struct expand lead_x = { 0 };
	if ((rc = expand(v, v->lead, round, &so, &lead_x, err)))
		goto out;
	rout_n(&o, sentence.data, trimmed_len(sentence.data, sentence.len));
	o.full |= so.full;
	bool has_lead = o.b->len > 0;
	for (size_t i = 0; i < v->nsections; i++) {
		const struct report_section *s = &v->sections[i];
		struct expand x = { 0 };
		if (!*s->narrative)
			continue;
		buf_reset(&sentence);
		so.full = false;
		if ((rc = expand(v, s->narrative, round, &so, &x, err)))
			goto out;
		if (!x.figures) {
			/* A sentence without figures stands for its section's. */
			for (size_t k = 0; k < s->nfigs; k++) {
				x.figures++;
				x.nonzero |= s->figs[k].value != 0;
			}
		}
		o.full |= so.full;
		if (x.figures && !x.nonzero)
			continue;
		size_t len = trimmed_len(sentence.data, sentence.len);
		if (!len)
			continue;
		rout_s(&o, said ? "; " : has_lead ? " " : "");
		rout_n(&o, sentence.data, len);
		said++;
	}
	rout_s(&o, ".");
	rc = rout_end(&o, err);
out:
	buf_release(&sentence);
	return rc;
}

enum bp_err report_text(const json_t *report, const char *lang, bool round, struct buf *out, struct bp_error *err)
{
	struct report_view v;
	enum bp_err rc = report_view_read(report, lang, &v, err);
	if (rc)
		return rc;
	rc = report_narrative(&v, round, out, err);
	report_view_release(&v);
	return rc;
}
