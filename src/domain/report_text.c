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
 * A sentence whose figures are all zero says nothing and is left out, and
 * so is a clause of it (between "; ") whose figures are all zero, so a
 * commune without leaflets does not report "phát 0 tờ rơi" beside the
 * documents it did hand out.
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
	vnnum_round(out, n, f->value, word, step, lang);
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

/* Len bytes of a template sentence with its placeholders filled in,
 * appended to o. */
static enum bp_err expand(const struct report_view *v, const char *text, size_t len, bool round,
			  struct report_out *o, struct expand *x, struct bp_error *err)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *open = memchr(p, '{', (size_t)(end - p));
		if (!open) {
			rout_n(o, p, (size_t)(end - p));
			break;
		}
		rout_n(o, p, (size_t)(open - p));
		const char *close = memchr(open + 1, '}', (size_t)(end - open - 1));
		const char *next_open = memchr(open + 1, '{', (size_t)(end - open - 1));
		if (!close || (next_open && next_open < close)) {
			char bad[64];
			size_t n = (size_t)(end - open);
			snprintf(bad, sizeof(bad), "%.*s", (int)utf8_cut(open, n < 40 ? n : 40), open);
			return err_set(err, "report_placeholder", bad);
		}
		enum bp_err rc = placeholder(v, open + 1, (size_t)(close - open - 1), round, o, x, err);
		if (rc)
			return rc;
		p = close + 1;
	}
	return BP_OK;
}

/* The end of the clause that starts at p: the next "; " outside braces,
 * or the end of the text. */
static const char *clause_end(const char *p)
{
	int depth = 0;
	for (; *p; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth)
			depth--;
		else if (!depth && p[0] == ';' && p[1] == ' ')
			return p;
	}
	return p;
}

/* The length of s without the spaces, ';' and '.' it ends with: the
 * paragraph puts its own "; " between sentences and "." at the end. */
static size_t trimmed_len(const char *s, size_t len)
{
	while (len && strchr(" \t\n;.", s[len - 1]))
		len--;
	return len;
}

/*
 * A section's sentence into sentence: its clauses (between "; ") with
 * figures that are all zero left out, so "phát 0 tờ rơi" goes while "350
 * bộ tài liệu" beside it stays. *keep says whether the sentence has
 * something to say: a figure not zero, or (when it names no figure) a
 * section whose figures are not all zero.
 */
static enum bp_err section_sentence(const struct report_view *v, const struct report_section *s, bool round,
				    struct buf *sentence, bool *keep, struct bp_error *err)
{
	struct buf clause;
	struct report_out so = { .b = sentence };
	enum bp_err rc = BP_OK;
	size_t figures = 0;
	bool nonzero = false;
	buf_init(&clause, sentence->max);
	struct report_out co = { .b = &clause };
	for (const char *p = s->narrative; *p;) {
		const char *end = clause_end(p);
		struct expand x = { 0 };
		buf_reset(&clause);
		if ((rc = expand(v, p, (size_t)(end - p), round, &co, &x, err)))
			goto out;
		figures += x.figures;
		nonzero |= x.nonzero;
		size_t len = trimmed_len(clause.data, clause.len);
		if (len && (!x.figures || x.nonzero)) {
			if (sentence->len)
				rout_s(&so, "; ");
			rout_n(&so, clause.data, len);
		}
		p = *end ? end + 2 : end;
	}
	if (!figures) {
		/* A sentence without figures stands for its section's. */
		for (size_t k = 0; k < s->nfigs; k++) {
			figures++;
			nonzero |= s->figs[k].value != 0;
		}
	}
	*keep = !figures || nonzero;
	if (co.full || so.full)
		rc = rout_end(co.full ? &co : &so, err);
out:
	buf_release(&clause);
	return rc;
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
	if ((rc = expand(v, v->lead, strlen(v->lead), round, &so, &lead_x, err)))
		goto out;
	rout_n(&o, sentence.data, trimmed_len(sentence.data, sentence.len));
	o.full |= so.full;
	bool has_lead = o.b->len > 0;
	for (size_t i = 0; i < v->nsections && !o.full; i++) {
		bool keep;
		buf_reset(&sentence);
		if ((rc = section_sentence(v, &v->sections[i], round, &sentence, &keep, err)))
			goto out;
		if (!keep || !sentence.len)
			continue;
		rout_s(&o, said ? "; " : has_lead ? " " : "");
		rout_n(&o, sentence.data, sentence.len);
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
