/*
 * report_view.c - a report's JSON read into plain C for the output
 * formats; see report_view.h.
 *
 * The engine makes the JSON, but templates are data an administrator
 * writes and a report can be saved and rendered later, so nothing is
 * taken on trust: a missing or mistyped field is report_shape with the
 * field's path, rather than a crash or a silent zero in a report someone
 * hands in.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/report_view.h"
#include "util/milli.h"
#include "util/vnnum.h"
#include "util/xmalloc.h"

struct reader {
	bool en;
	struct bp_error *err;
	char path[128];
};

static enum bp_err shape(struct reader *r, const char *field)
{
	char where[192];
	if (field)
		snprintf(where, sizeof(where), "%s%s%s", r->path, r->path[0] ? "." : "", field);
	else
		snprintf(where, sizeof(where), "%s", r->path[0] ? r->path : "(report)");
	return err_set(r->err, "report_shape", where);
}

/* A required string field (may be empty). */
static enum bp_err get_str(struct reader *r, const json_t *o, const char *key, const char **out)
{
	const json_t *j = json_object_get(o, key);
	if (!json_is_string(j))
		return shape(r, key);
	*out = json_string_value(j);
	return BP_OK;
}

/* An optional string field: "" when missing or null. */
static enum bp_err opt_str(struct reader *r, const json_t *o, const char *key, const char **out)
{
	const json_t *j = json_object_get(o, key);
	*out = "";
	if (!j || json_is_null(j))
		return BP_OK;
	if (!json_is_string(j))
		return shape(r, key);
	*out = json_string_value(j);
	return BP_OK;
}

/* base_vi or base_en by the language; English falls back to Vietnamese. */
static enum bp_err get_lang(struct reader *r, const json_t *o, const char *base, bool required, const char **out)
{
	char key[64];
	enum bp_err rc;
	snprintf(key, sizeof(key), "%s_vi", base);
	if ((rc = required ? get_str(r, o, key, out) : opt_str(r, o, key, out)))
		return rc;
	if (r->en) {
		const char *en;
		snprintf(key, sizeof(key), "%s_en", base);
		if ((rc = opt_str(r, o, key, &en)))
			return rc;
		if (*en)
			*out = en;
	}
	return BP_OK;
}

/* A number into thousandths; null is allowed when has is given. */
static enum bp_err get_num(struct reader *r, const json_t *j, const char *field, int64_t *out, bool *has)
{
	*out = 0;
	if (has)
		*has = false;
	if (has && (!j || json_is_null(j)))
		return BP_OK;
	if (json_is_integer(j)) {
		json_int_t v = json_integer_value(j);
		if (v > INT64_MAX / 1000 || v < INT64_MIN / 1000)
			return shape(r, field);
		*out = (int64_t)v * 1000;
	} else if (!json_is_real(j) || milli_from_double(json_real_value(j), out) != MILLI_OK) {
		return shape(r, field);
	}
	if (has)
		*has = true;
	return BP_OK;
}

static enum bp_err read_fig(struct reader *r, const json_t *o, size_t nchildren, struct report_fig *f)
{
	const char *fmt = NULL;
	enum bp_err rc;
	if (!json_is_object(o))
		return shape(r, NULL);
	if ((rc = get_str(r, o, "key", &f->key)) || (rc = get_lang(r, o, "label", true, &f->label)) ||
	    (rc = get_lang(r, o, "unit", false, &f->unit)) || (rc = get_str(r, o, "format", &fmt)))
		return rc;
	if (!strcmp(fmt, "integer"))
		f->fmt = REPORT_INTEGER;
	else if (!strcmp(fmt, "decimal"))
		f->fmt = REPORT_DECIMAL;
	else if (!strcmp(fmt, "money"))
		f->fmt = REPORT_MONEY;
	else if (!strcmp(fmt, "percent"))
		f->fmt = REPORT_PERCENT;
	else
		return shape(r, "format");
	bool has_change;
	if ((rc = get_num(r, json_object_get(o, "value"), "value", &f->value, NULL)) ||
	    (rc = get_num(r, json_object_get(o, "previous"), "previous", &f->previous, &f->has_previous)) ||
	    (rc = get_num(r, json_object_get(o, "change"), "change", &f->change, &has_change)) ||
	    (rc = get_num(r, json_object_get(o, "change_percent"), "change_percent", &f->percent, &f->has_percent)))
		return rc;
	/* A previous value comes with its change. */
	if (f->has_previous != has_change)
		return shape(r, "change");
	const json_t *by = json_object_get(o, "by_child");
	if (!json_is_array(by) || json_array_size(by) != nchildren)
		return shape(r, "by_child");
	f->by_child = xcalloc(nchildren + 1, sizeof(*f->by_child));
	for (size_t i = 0; i < nchildren; i++)
		if ((rc = get_num(r, json_array_get(by, i), "by_child", &f->by_child[i], NULL)))
			return rc;
	return BP_OK;
}

static enum bp_err read_section(struct reader *r, const json_t *o, size_t nchildren, struct report_section *s)
{
	enum bp_err rc;
	if (!json_is_object(o))
		return shape(r, NULL);
	if ((rc = get_str(r, o, "key", &s->key)) || (rc = get_lang(r, o, "title", true, &s->title)) ||
	    (rc = get_lang(r, o, "narrative", false, &s->narrative)))
		return rc;
	const json_t *figs = json_object_get(o, "figures");
	if (!json_is_array(figs))
		return shape(r, "figures");
	s->nfigs = json_array_size(figs);
	s->figs = xcalloc(s->nfigs + 1, sizeof(*s->figs));
	size_t len = strlen(r->path);
	for (size_t i = 0; i < s->nfigs; i++) {
		snprintf(r->path + len, sizeof(r->path) - len, ".figures[%zu]", i);
		if ((rc = read_fig(r, json_array_get(figs, i), nchildren, &s->figs[i])))
			return rc;
	}
	r->path[len] = '\0';
	return BP_OK;
}

static enum bp_err read_document(struct reader *r, const json_t *doc, struct report_view *v)
{
	enum bp_err rc;
	snprintf(r->path, sizeof(r->path), "document");
	if (!json_is_object(doc))
		return shape(r, NULL);
	if ((rc = get_lang(r, doc, "issuer", true, &v->issuer)) ||
	    (rc = get_lang(r, doc, "superior", false, &v->superior)) ||
	    (rc = opt_str(r, doc, "number", &v->number)) || (rc = opt_str(r, doc, "place", &v->place)) ||
	    (rc = get_str(r, doc, "date", &v->date)) || (rc = opt_str(r, doc, "signer_title", &v->signer_title)) ||
	    (rc = opt_str(r, doc, "signer", &v->signer)))
		return rc;
	const json_t *rec = json_object_get(doc, "recipients");
	if (rec && !json_is_null(rec)) {
		if (!json_is_array(rec))
			return shape(r, "recipients");
		v->nrecipients = json_array_size(rec);
		v->recipients = xcalloc(v->nrecipients + 1, sizeof(*v->recipients));
		for (size_t i = 0; i < v->nrecipients; i++) {
			v->recipients[i] = json_string_value(json_array_get(rec, i));
			if (!v->recipients[i])
				return shape(r, "recipients");
		}
	}
	r->path[0] = '\0';
	return BP_OK;
}

static enum bp_err read_all(struct reader *r, const json_t *report, struct report_view *v)
{
	enum bp_err rc;
	const json_t *o;
	if (!json_is_object(report))
		return shape(r, NULL);

	snprintf(r->path, sizeof(r->path), "template");
	o = json_object_get(report, "template");
	if (!json_is_object(o))
		return shape(r, NULL);
	if ((rc = get_str(r, o, "code", &v->template_code)) || (rc = get_lang(r, o, "name", true, &v->template_name)))
		return rc;

	snprintf(r->path, sizeof(r->path), "unit");
	o = json_object_get(report, "unit");
	if (!json_is_object(o))
		return shape(r, NULL);
	if ((rc = get_str(r, o, "code", &v->unit_code)) || (rc = get_str(r, o, "name", &v->unit_name)))
		return rc;

	snprintf(r->path, sizeof(r->path), "period");
	o = json_object_get(report, "period");
	if (!json_is_object(o))
		return shape(r, NULL);
	if ((rc = get_str(r, o, "code", &v->period_code)) || (rc = get_lang(r, o, "title", true, &v->period_title)))
		return rc;

	snprintf(r->path, sizeof(r->path), "previous");
	o = json_object_get(report, "previous");
	if (o && !json_is_null(o)) {
		if (!json_is_object(o))
			return shape(r, NULL);
		if ((rc = get_lang(r, o, "title", true, &v->previous_title)))
			return rc;
	}
	r->path[0] = '\0';
	const json_t *g = json_object_get(report, "generated_at");
	v->generated_at = json_string_value(g);

	const json_t *ch = json_object_get(report, "children");
	if (!json_is_array(ch))
		return shape(r, "children");
	v->nchildren = json_array_size(ch);
	v->children = xcalloc(v->nchildren + 1, sizeof(*v->children));
	for (size_t i = 0; i < v->nchildren; i++) {
		snprintf(r->path, sizeof(r->path), "children[%zu]", i);
		o = json_array_get(ch, i);
		if (!json_is_object(o))
			return shape(r, NULL);
		if ((rc = get_str(r, o, "code", &v->children[i].code)) || (rc = get_str(r, o, "name", &v->children[i].name)))
			return rc;
	}
	r->path[0] = '\0';

	if ((rc = read_document(r, json_object_get(report, "document"), v)))
		return rc;
	if ((rc = get_lang(r, report, "lead", false, &v->lead)))
		return rc;

	const json_t *secs = json_object_get(report, "sections");
	if (!json_is_array(secs))
		return shape(r, "sections");
	v->nsections = json_array_size(secs);
	v->sections = xcalloc(v->nsections + 1, sizeof(*v->sections));
	for (size_t i = 0; i < v->nsections; i++) {
		snprintf(r->path, sizeof(r->path), "sections[%zu]", i);
		if ((rc = read_section(r, json_array_get(secs, i), v->nchildren, &v->sections[i])))
			return rc;
	}
	return BP_OK;
}

enum bp_err report_view_read(const json_t *report, const char *lang, struct report_view *v,
			     struct bp_error *err)
{
	memset(v, 0, sizeof(*v));
	if (lang && strcmp(lang, "vi") && strcmp(lang, "en"))
		return err_set(err, "report_lang_invalid", lang);
	struct reader r = { .en = lang && !strcmp(lang, "en"), .err = err };
	v->en = r.en;
	enum bp_err rc = read_all(&r, report, v);
	if (rc)
		report_view_release(v);
	return rc;
}

void report_view_release(struct report_view *v)
{
	for (size_t i = 0; i < v->nsections; i++) {
		if (!v->sections[i].figs)
			continue;
		for (size_t k = 0; k < v->sections[i].nfigs; k++)
			free(v->sections[i].figs[k].by_child);
		free(v->sections[i].figs);
	}
	free(v->sections);
	free(v->children);
	free(v->recipients);
	memset(v, 0, sizeof(*v));
}

const struct report_fig *report_view_fig(const struct report_view *v, const char *key)
{
	for (size_t i = 0; i < v->nsections; i++)
		for (size_t k = 0; k < v->sections[i].nfigs; k++)
			if (!strcmp(v->sections[i].figs[k].key, key))
				return &v->sections[i].figs[k];
	return NULL;
}

void report_fig_text(const struct report_fig *f, int64_t milli, bool en, char *out, size_t n)
{
	const char *lang = en ? "en" : "vi";
	switch (f->fmt) {
	case REPORT_MONEY:
		vnnum_money(out, n, milli / 1000, lang);
		break;
	case REPORT_PERCENT:
	case REPORT_INTEGER:
	case REPORT_DECIMAL:
		vnnum_format(out, n, milli, 3, lang);
		break;
	}
}

void report_fig_cell(int64_t milli, bool en, char *out, size_t n)
{
	vnnum_format(out, n, milli, 3, en ? "en" : "vi");
}

void report_change_cell(const struct report_fig *f, bool en, char *out, size_t n)
{
	char num[64], pct[64];
	if (!f->has_previous) {
		snprintf(out, n, "%s", "");
		return;
	}
	vnnum_format(num, sizeof(num), f->change, 3, en ? "en" : "vi");
	if (!f->has_percent) {
		snprintf(out, n, "%s%s", f->change > 0 ? "+" : "", num);
		return;
	}
	vnnum_format(pct, sizeof(pct), f->percent, 1, en ? "en" : "vi");
	snprintf(out, n, "%s%s (%s%s%%)", f->change > 0 ? "+" : "", num, f->percent > 0 ? "+" : "", pct);
}

/* The template's name without its own "Báo cáo", then the period. */
void report_subject(const struct report_view *v, char *out, size_t n)
{
	const char *name = v->template_name;
	static const char *const kinds[] = { "Báo cáo ", "BÁO CÁO ", "báo cáo ", "Report on ", "Report ", NULL };
	for (const char *const *k = kinds; *k; k++)
		if (!strncmp(name, *k, strlen(*k)) && name[strlen(*k)]) {
			name += strlen(*k);
			break;
		}
	char first[2] = "";
	if (name != v->template_name && *name >= 'a' && *name <= 'z') {
		first[0] = (char)(*name - 'a' + 'A');
		name++;
	}
	const char *p = v->period_title;
	if (v->en) {
		snprintf(out, n, "%s%s, %s", first, name, p);
		return;
	}
	/* "Năm 2023" reads "năm 2023" inside the subject, "Quý I năm 2023"
	 * "quý I năm 2023"; a title that starts with a capital word stays. */
	char low[2] = "";
	if (p[0] >= 'A' && p[0] <= 'Z' && p[1] && !(p[1] >= 'A' && p[1] <= 'Z') && p[1] != ' ') {
		low[0] = (char)(p[0] - 'A' + 'a');
		p++;
	}
	snprintf(out, n, "%s%s %s%s", first, name, low, p);
}

void rout_s(struct report_out *o, const char *s)
{
	rout_n(o, s, strlen(s));
}

void rout_n(struct report_out *o, const char *s, size_t n)
{
	if (!o->full && buf_add(o->b, s, n))
		o->full = true;
}

void rout_f(struct report_out *o, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (len < 0) {
		o->full = true;
		return;
	}
	if ((size_t)len < sizeof(small)) {
		rout_n(o, small, (size_t)len);
		return;
	}
	char *big = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)len + 1, fmt, ap);
	va_end(ap);
	rout_n(o, big, (size_t)len);
	free(big);
}

enum bp_err rout_end(const struct report_out *o, struct bp_error *err)
{
	if (!o->full)
		return BP_OK;
	char max[32];
	snprintf(max, sizeof(max), "%zu bytes", o->b->max);
	return err_set(err, "report_too_large", max);
}
