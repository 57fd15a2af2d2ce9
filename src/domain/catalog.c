/*
 * catalog.c - indicators and activity types as data; see catalog.h.
 *
 * Codes are the keys everywhere (in activities.vals, in the columns of an
 * activity file, in reports), so a code never changes: names, units and
 * a type's indicators do. A code may not be one of the fixed columns of
 * an activity file, or a file could not say which is which.
 *
 * Retiring keeps history: the row stays, activities keep their values
 * and read back whole, and retired_at stops new values (activities.c).
 * Removing an indicator from a type only stops it being asked for; the
 * values already entered stay.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/catalog.h"
#include "util/csv.h"
#include "util/embedded.h"
#include "util/json.h"
#include "util/milli.h"
#include "util/xmalloc.h"

#define CAT_NAME_MAX 200
#define CAT_UNIT_MAX 64
#define CAT_TYPE_INDICATORS_MAX 64

const char *const catalog_file_columns[] = { "id", "type", "unit", "date_from", "date_to", "title",
	"notes", "lon", "lat", "marker", "organisers", "participants", NULL };

static const char *const categories[] = { "outreach", "infrastructure", "model", "social",
	"foreign_affairs", "border_day", "security", NULL };

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

bool catalog_code_valid(const char *s)
{
	size_t n = 0;
	if (!s || !islower((unsigned char)s[0]) || !isascii((unsigned char)s[0]))
		return false;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return false;
	return n <= 64;
}

/* ---- the snapshot ---- */

static int ind_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cat_indicator *)a)->code, ((const struct cat_indicator *)b)->code);
}

static int type_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cat_type *)a)->code, ((const struct cat_type *)b)->code);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct link {
	char *type, *ind;
	bool required;
	long position;
};

static int link_cmp(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	int k = strcmp(x->type, y->type);
	if (k)
		return k;
	return x->position < y->position ? -1 : x->position > y->position;
}

enum bp_err catalog_load(struct ctx *c, struct catalog **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	/* One query for the three tables; the kinds are told apart by the
	 * first column, and the position sorts a type's indicators. */
	enum bp_err rc = db_query(c->db,
		"SELECT 'i', code, name_vi, name_en, unit_vi, unit_en, value_type, aggregation,"
		" CAST(allow_negative AS TEXT), retired_at, 0 FROM indicators"
		" UNION ALL SELECT 't', code, name_vi, name_en, category, NULL, NULL, NULL, NULL, retired_at, 0"
		" FROM activity_types"
		" UNION ALL SELECT 'l', type_code, indicator_code, CAST(required AS TEXT), NULL, NULL, NULL, NULL,"
		" NULL, NULL, position FROM activity_type_indicators",
		DB_NOARGS, &r, &c->err);
	if (rc)
		return rc;
	struct catalog *cat = xcalloc(1, sizeof(*cat));
	struct link *links = NULL;
	size_t nlinks = 0, cap_i = 0, cap_t = 0, cap_l = 0;
	int s;
	while ((s = db_next(r, &c->err)) > 0) {
		const char *kind = db_text(r, 0);
		if (kind[0] == 'i') {
			if (cat->ninds == cap_i) {
				cap_i = cap_i ? cap_i * 2 : 32;
				cat->inds = xrealloc(cat->inds, cap_i * sizeof(*cat->inds));
			}
			struct cat_indicator *ind = &cat->inds[cat->ninds++];
			ind->code = xstrdup(db_text(r, 1));
			ind->name_vi = xstrdup(db_text(r, 2));
			ind->name_en = xstrdup(db_text(r, 3));
			ind->unit_vi = xstrdup(db_text(r, 4));
			ind->unit_en = xstrdup(db_text(r, 5));
			ind->integer = !strcmp(db_text(r, 6), "integer");
			ind->stock = !strcmp(db_text(r, 7), "stock");
			ind->allow_negative = db_int(r, 8) != 0;
			ind->retired_at = dup_or_null(db_text(r, 9));
			ind->retired = ind->retired_at != NULL;
		} else if (kind[0] == 't') {
			if (cat->ntypes == cap_t) {
				cap_t = cap_t ? cap_t * 2 : 32;
				cat->types = xrealloc(cat->types, cap_t * sizeof(*cat->types));
			}
			struct cat_type *t = &cat->types[cat->ntypes++];
			memset(t, 0, sizeof(*t));
			t->code = xstrdup(db_text(r, 1));
			t->name_vi = xstrdup(db_text(r, 2));
			t->name_en = xstrdup(db_text(r, 3));
			t->category = xstrdup(db_text(r, 4));
			t->retired_at = dup_or_null(db_text(r, 9));
			t->retired = t->retired_at != NULL;
		} else {
			if (nlinks == cap_l) {
				cap_l = cap_l ? cap_l * 2 : 64;
				links = xrealloc(links, cap_l * sizeof(*links));
			}
			links[nlinks++] = (struct link){ xstrdup(db_text(r, 1)), xstrdup(db_text(r, 2)),
							 db_int(r, 3) != 0, (long)db_int(r, 10) };
		}
	}
	db_rows_free(r);
	if (s == 0) {
		/* Sorted here, not by the database: collations differ between engines. */
		if (cat->ninds)
			qsort(cat->inds, cat->ninds, sizeof(*cat->inds), ind_cmp);
		if (cat->ntypes)
			qsort(cat->types, cat->ntypes, sizeof(*cat->types), type_cmp);
		if (nlinks)
			qsort(links, nlinks, sizeof(*links), link_cmp);
		for (size_t i = 0; i < nlinks; i++) {
			struct cat_type *t = (struct cat_type *)catalog_type(cat, links[i].type);
			const struct cat_indicator *ind = catalog_indicator(cat, links[i].ind);
			if (!t || !ind)
				continue; /* foreign keys make this impossible */
			t->inds = xrealloc(t->inds, (t->ninds + 1) * sizeof(*t->inds));
			t->inds[t->ninds++] = (struct cat_type_ind){ ind, links[i].required };
		}
	}
	for (size_t i = 0; i < nlinks; i++) {
		free(links[i].type);
		free(links[i].ind);
	}
	free(links);
	if (s < 0) {
		catalog_free(cat);
		return c->err.kind;
	}
	*out = cat;
	return BP_OK;
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->ninds; i++) {
		struct cat_indicator *x = &cat->inds[i];
		free(x->code), free(x->name_vi), free(x->name_en), free(x->unit_vi), free(x->unit_en);
		free(x->retired_at);
	}
	for (size_t i = 0; i < cat->ntypes; i++) {
		struct cat_type *t = &cat->types[i];
		free(t->code), free(t->name_vi), free(t->name_en), free(t->category), free(t->retired_at);
		free(t->inds);
	}
	free(cat->inds);
	free(cat->types);
	free(cat);
}

const struct cat_indicator *catalog_indicator(const struct catalog *cat, const char *code)
{
	struct cat_indicator key = { .code = (char *)code };
	return cat->ninds ? bsearch(&key, cat->inds, cat->ninds, sizeof(key), ind_cmp) : NULL;
}

const struct cat_type *catalog_type(const struct catalog *cat, const char *code)
{
	struct cat_type key = { .code = (char *)code };
	return cat->ntypes ? bsearch(&key, cat->types, cat->ntypes, sizeof(key), type_cmp) : NULL;
}

const struct cat_type_ind *catalog_type_indicator(const struct cat_type *t, const char *code)
{
	for (size_t i = 0; i < t->ninds; i++)
		if (!strcmp(t->inds[i].ind->code, code))
			return &t->inds[i];
	return NULL;
}

/* ---- values ---- */

/* err_set with the indicator as the field, the value or code as detail. */
static enum bp_err value_error(struct bp_error *e, const char *code, const char *detail,
			       const struct cat_indicator *ind)
{
	char d[96];
	snprintf(d, sizeof(d), "“%.40s”", detail);
	enum bp_err k = err_set(e, code, d);
	if (e)
		snprintf(e->field, sizeof(e->field), "%s", ind->code);
	return k;
}

static enum bp_err value_check(const struct cat_indicator *ind, int64_t v, const char *shown,
			       struct bp_error *e)
{
	if (v < 0 && !ind->allow_negative)
		return value_error(e, "value_negative", ind->code, ind);
	if (ind->integer && v % 1000)
		return value_error(e, "value_not_integer", ind->code, ind);
	(void)shown;
	return BP_OK;
}

enum bp_err catalog_value_text(const struct cat_indicator *ind, const char *s, int64_t *out,
			       struct bp_error *e)
{
	struct milli m;
	*out = 0;
	switch (milli_parse(s, &m)) {
	case MILLI_OK: break;
	case MILLI_EMPTY:
	case MILLI_SYNTAX: return value_error(e, "value_invalid", s, ind);
	case MILLI_GROUPING: return value_error(e, "value_grouping", s, ind);
	case MILLI_DECIMALS: return value_error(e, "value_decimals", s, ind);
	case MILLI_RANGE: return value_error(e, "value_too_large", s, ind);
	}
	/* A whole-number measure takes digits alone: "14.000" is fourteen
	 * thousand to a Vietnamese reader and fourteen to a spreadsheet. */
	if (ind->integer && m.has_mark)
		return value_error(e, m.v % 1000 ? "value_not_integer" : "value_ambiguous",
				   m.v % 1000 ? ind->code : s, ind);
	enum bp_err rc = value_check(ind, m.v, s, e);
	if (!rc)
		*out = m.v;
	return rc;
}

enum bp_err catalog_value_json(const struct cat_indicator *ind, json_t *v, int64_t *out,
			       struct bp_error *e)
{
	*out = 0;
	if (json_is_string(v))
		return catalog_value_text(ind, json_string_value(v), out, e);
	int64_t m = 0;
	char shown[48];
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		snprintf(shown, sizeof(shown), "%lld", (long long)i);
		if (i > INT64_MAX / 1000 || i < -(INT64_MAX / 1000))
			return value_error(e, "value_too_large", shown, ind);
		m = (int64_t)i * 1000;
	} else if (json_is_real(v)) {
		snprintf(shown, sizeof(shown), "%.17g", json_real_value(v));
		switch (milli_from_double(json_real_value(v), &m)) {
		case MILLI_OK: break;
		case MILLI_DECIMALS: return value_error(e, "value_decimals", shown, ind);
		case MILLI_RANGE: return value_error(e, "value_too_large", shown, ind);
		default: return value_error(e, "value_invalid", shown, ind);
		}
	} else {
		return value_error(e, "value_invalid", json_is_boolean(v) ? "true/false" : "…", ind);
	}
	enum bp_err rc = value_check(ind, m, shown, e);
	if (!rc)
		*out = m;
	return rc;
}

json_t *catalog_value_to_json(int64_t milli)
{
	if (milli % 1000 == 0)
		return json_integer(milli / 1000);
	return json_real((double)milli / 1000.0);
}

/* ---- JSON of the catalog ---- */

static json_t *indicator_json(const struct cat_indicator *x)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s?}", "code", x->code,
			 "name_vi", x->name_vi, "name_en", x->name_en, "unit_vi", x->unit_vi,
			 "unit_en", x->unit_en, "value_type", x->integer ? "integer" : "decimal",
			 "aggregation", x->stock ? "stock" : "flow", "allow_negative", x->allow_negative,
			 "retired_at", x->retired_at);
}

static json_t *type_json(const struct cat_type *t)
{
	json_t *inds = json_array();
	for (size_t i = 0; i < t->ninds; i++) {
		const struct cat_indicator *x = t->inds[i].ind;
		json_array_append_new(inds, json_pack("{s:s, s:b, s:i, s:s, s:s, s:s, s:s, s:s, s:s?}",
			"code", x->code, "required", t->inds[i].required, "position", (int)i + 1,
			"name_vi", x->name_vi, "name_en", x->name_en, "unit_vi", x->unit_vi,
			"unit_en", x->unit_en, "value_type", x->integer ? "integer" : "decimal",
			"retired_at", x->retired_at));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:o}", "code", t->code, "name_vi", t->name_vi,
			 "name_en", t->name_en, "category", t->category, "retired_at", t->retired_at,
			 "indicators", inds);
}

enum bp_err catalog_indicator_list(struct ctx *c, bool with_retired, json_t **out)
{
	struct catalog *cat = NULL;
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc || (rc = catalog_load(c, &cat)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < cat->ninds; i++)
		if (with_retired || !cat->inds[i].retired)
			json_array_append_new(items, indicator_json(&cat->inds[i]));
	catalog_free(cat);
	*out = json_pack("{s:o, s:n}", "items", items, "next_cursor");
	return BP_OK;
}

enum bp_err catalog_type_list(struct ctx *c, bool with_retired, json_t **out)
{
	struct catalog *cat = NULL;
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc || (rc = catalog_load(c, &cat)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < cat->ntypes; i++)
		if (with_retired || !cat->types[i].retired)
			json_array_append_new(items, type_json(&cat->types[i]));
	catalog_free(cat);
	*out = json_pack("{s:o, s:n}", "items", items, "next_cursor");
	return BP_OK;
}

/* The stored indicator or type as JSON, or its not-found error. */
static enum bp_err indicator_get(struct ctx *c, const char *code, json_t **out)
{
	struct catalog *cat = NULL;
	*out = NULL;
	enum bp_err rc = catalog_load(c, &cat);
	if (rc)
		return rc;
	const struct cat_indicator *x = code ? catalog_indicator(cat, code) : NULL;
	if (x)
		*out = indicator_json(x);
	catalog_free(cat);
	return x ? BP_OK : err_set(&c->err, "indicator_not_found", NULL);
}

enum bp_err catalog_type_get(struct ctx *c, const char *code, json_t **out)
{
	struct catalog *cat = NULL;
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc || (rc = catalog_load(c, &cat)))
		return rc;
	const struct cat_type *t = code ? catalog_type(cat, code) : NULL;
	if (t)
		*out = type_json(t);
	catalog_free(cat);
	return t ? BP_OK : err_set(&c->err, "activity_type_not_found", NULL);
}

/* ---- writes ---- */

static const char *audit_unit(struct ctx *c)
{
	return c->actor.system ? NULL : c->actor.unit_id;
}

static enum bp_err get_code(struct ctx *c, json_t *in, const char **code)
{
	enum bp_err rc = json_get_str(in, "code", true, 64, code, &c->err);
	if (rc)
		return rc;
	if (!catalog_code_valid(*code)) {
		char d[80];
		snprintf(d, sizeof(d), "“%.64s”", *code);
		err_set(&c->err, "catalog_code_invalid", d);
		snprintf(c->err.field, sizeof(c->err.field), "code");
		return BP_EINVAL;
	}
	return BP_OK;
}

/* An enumeration given by code: the specific error names the value. */
static enum bp_err get_enum(struct ctx *c, json_t *in, const char *key, bool required,
			    const char *const *allowed, const char *code, const char **out)
{
	enum bp_err rc = json_get_str(in, key, required, 64, out, &c->err);
	if (rc || !*out)
		return rc;
	if (!in_list(*out, allowed)) {
		char d[80];
		snprintf(d, sizeof(d), "“%.64s”", *out);
		err_set(&c->err, code, d);
		snprintf(c->err.field, sizeof(c->err.field), "%s", key);
		return BP_EINVAL;
	}
	return BP_OK;
}

struct ind_in {
	const char *code, *name_vi, *name_en, *unit_vi, *unit_en, *value_type, *aggregation;
	int allow_negative; /* -1 when not given */
	int retired;        /* -1 when not given */
};

static const char *const value_types[] = { "integer", "decimal", NULL };
static const char *const aggregations[] = { "flow", "stock", NULL };

static enum bp_err ind_read(struct ctx *c, json_t *in, bool create, struct ind_in *x)
{
	static const char *const create_keys[] = { "code", "name_vi", "name_en", "unit_vi", "unit_en",
		"value_type", "aggregation", "allow_negative", NULL };
	static const char *const patch_keys[] = { "name_vi", "name_en", "unit_vi", "unit_en", "retired", NULL };
	enum bp_err rc;
	memset(x, 0, sizeof(*x));
	x->allow_negative = x->retired = -1;
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if ((rc = json_check_keys(in, create ? create_keys : patch_keys, &c->err)) ||
	    (create && (rc = get_code(c, in, &x->code))) ||
	    (rc = json_get_str(in, "name_vi", create, CAT_NAME_MAX, &x->name_vi, &c->err)) ||
	    (rc = json_get_str(in, "name_en", create, CAT_NAME_MAX, &x->name_en, &c->err)) ||
	    (rc = json_get_str(in, "unit_vi", create, CAT_UNIT_MAX, &x->unit_vi, &c->err)) ||
	    (rc = json_get_str(in, "unit_en", create, CAT_UNIT_MAX, &x->unit_en, &c->err)) ||
	    (rc = get_enum(c, in, "value_type", create, value_types, "value_type_invalid", &x->value_type)) ||
	    (rc = get_enum(c, in, "aggregation", false, aggregations, "aggregation_invalid", &x->aggregation)) ||
	    (rc = json_get_bool(in, "allow_negative", &x->allow_negative, &c->err)) ||
	    (rc = json_get_bool(in, "retired", &x->retired, &c->err)))
		return rc;
	if (create && in_list(x->code, catalog_file_columns)) {
		err_set(&c->err, "indicator_code_reserved", x->code);
		snprintf(c->err.field, sizeof(c->err.field), "code");
		return BP_EINVAL;
	}
	/* Names left empty on a patch are refused like on a create. */
	const char *names[] = { x->name_vi, x->name_en, x->unit_vi, x->unit_en };
	const char *keys[] = { "name_vi", "name_en", "unit_vi", "unit_en" };
	for (int i = 0; i < 4; i++)
		if (names[i] && !names[i][strspn(names[i], " \t\r\n")])
			return err_field(&c->err, "field_empty", keys[i]);
	if (!x->aggregation)
		x->aggregation = "flow";
	if (x->allow_negative < 0)
		x->allow_negative = 0;
	return BP_OK;
}

static bool json_same(json_t *o, const char *key, const char *s)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v && s && !strcmp(v, s);
}

enum bp_err catalog_indicator_create(struct ctx *c, json_t *in, json_t **out, bool *created)
{
	struct ind_in x;
	json_t *stored = NULL;
	char now[TIMESTAMP_LEN];
	*out = NULL;
	*created = false;
	enum bp_err rc = access_require_role(c, ROLE_ADMIN);
	if (rc || (rc = ind_read(c, in, true, &x)) || (rc = db_begin(c->db, &c->err)))
		return rc;
	rc = indicator_get(c, x.code, &stored);
	if (!rc) {
		/* The same create again is a retry; anything else a clash. */
		bool same = json_same(stored, "name_vi", x.name_vi) && json_same(stored, "name_en", x.name_en) &&
			    json_same(stored, "unit_vi", x.unit_vi) && json_same(stored, "unit_en", x.unit_en) &&
			    json_same(stored, "value_type", x.value_type) &&
			    json_same(stored, "aggregation", x.aggregation) &&
			    json_is_true(json_object_get(stored, "allow_negative")) == (x.allow_negative == 1);
		if (same) {
			*out = stored;
			stored = NULL;
		} else {
			rc = err_set(&c->err, "indicator_code_taken", x.code);
		}
		goto out;
	}
	if (rc != BP_ENOTFOUND)
		goto out;
	err_clear(&c->err);
	timestamp_now(now);
	rc = db_exec(c->db,
		"INSERT INTO indicators (code, name_vi, name_en, unit_vi, unit_en, value_type, aggregation,"
		" allow_negative, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
		DB_ARGS(DB_S(x.code), DB_S(x.name_vi), DB_S(x.name_en), DB_S(x.unit_vi), DB_S(x.unit_en),
			DB_S(x.value_type), DB_S(x.aggregation), DB_I(x.allow_negative), DB_S(now)),
		NULL, &c->err);
	if (rc == BP_ECONFLICT)
		rc = err_set(&c->err, "indicator_code_taken", x.code);
	if (!rc && !(rc = indicator_get(c, x.code, out)))
		rc = audit_record(c, "indicator", x.code, audit_unit(c), "create", NULL, *out);
	*created = !rc;
out:
	rc = db_end(c->db, rc, &c->err);
	json_decref(stored);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err catalog_indicator_patch(struct ctx *c, const char *code, json_t *in, json_t **out)
{
	struct ind_in x;
	json_t *before = NULL;
	char now[TIMESTAMP_LEN];
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_ADMIN);
	if (rc || (rc = ind_read(c, in, false, &x)) || (rc = db_begin(c->db, &c->err)))
		return rc;
	if ((rc = indicator_get(c, code, &before)))
		goto out;
	timestamp_now(now);
	rc = db_exec(c->db,
		"UPDATE indicators SET name_vi = COALESCE($2, name_vi), name_en = COALESCE($3, name_en),"
		" unit_vi = COALESCE($4, unit_vi), unit_en = COALESCE($5, unit_en),"
		" retired_at = CASE WHEN $6 = 1 THEN COALESCE(retired_at, $7) WHEN $6 = 0 THEN NULL"
		" ELSE retired_at END, updated_at = $8 WHERE code = $1",
		DB_ARGS(DB_S(code), DB_S(x.name_vi), DB_S(x.name_en), DB_S(x.unit_vi), DB_S(x.unit_en),
			DB_I(x.retired), DB_S(c->today), DB_S(now)), NULL, &c->err);
	if (!rc && !(rc = indicator_get(c, code, out)) && !json_equal(before, *out))
		rc = audit_record(c, "indicator", code, audit_unit(c), "update", before, *out);
out:
	rc = db_end(c->db, rc, &c->err);
	json_decref(before);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

struct type_in {
	const char *code, *name_vi, *name_en, *category;
	int retired;
	json_t *inds;  /* the indicators array, NULL when not given */
};

/*
 * The type's indicators, [{code, required}], checked against the catalog:
 * known, listed once, and in use unless the type already carries them.
 */
static enum bp_err type_indicators_check(struct ctx *c, const struct catalog *cat, json_t *inds,
					 const struct cat_type *existing)
{
	if (!json_is_array(inds))
		return err_field(&c->err, "field_type", "indicators");
	if (json_array_size(inds) > CAT_TYPE_INDICATORS_MAX)
		return err_field(&c->err, "field_too_long", "indicators");
	size_t i, k;
	json_t *it;
	static const char *const keys[] = { "code", "required", NULL };
	json_array_foreach(inds, i, it) {
		const char *code = NULL;
		int req = 0;
		enum bp_err rc;
		if (!json_is_object(it))
			return err_field(&c->err, "field_type", "indicators");
		if ((rc = json_check_keys(it, keys, &c->err)) ||
		    (rc = json_get_str(it, "code", true, 64, &code, &c->err)) ||
		    (rc = json_get_bool(it, "required", &req, &c->err)))
			return rc;
		const struct cat_indicator *x = catalog_indicator(cat, code);
		if (!x) {
			err_set(&c->err, "indicator_unknown", code);
			snprintf(c->err.field, sizeof(c->err.field), "indicators");
			return BP_EINVAL;
		}
		if (x->retired && !(existing && catalog_type_indicator(existing, code))) {
			err_set(&c->err, "indicator_retired", code);
			snprintf(c->err.field, sizeof(c->err.field), "indicators");
			return BP_EINVAL;
		}
		for (k = 0; k < i; k++)
			if (!strcmp(json_string_value(json_object_get(json_array_get(inds, k), "code")), code)) {
				err_set(&c->err, "indicator_twice", code);
				snprintf(c->err.field, sizeof(c->err.field), "indicators");
				return BP_EINVAL;
			}
	}
	return BP_OK;
}

static enum bp_err type_read(struct ctx *c, json_t *in, bool create, struct type_in *x)
{
	static const char *const create_keys[] = { "code", "name_vi", "name_en", "category", "indicators", NULL };
	static const char *const patch_keys[] = { "name_vi", "name_en", "category", "indicators", "retired", NULL };
	enum bp_err rc;
	memset(x, 0, sizeof(*x));
	x->retired = -1;
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if ((rc = json_check_keys(in, create ? create_keys : patch_keys, &c->err)) ||
	    (create && (rc = get_code(c, in, &x->code))) ||
	    (rc = json_get_str(in, "name_vi", create, CAT_NAME_MAX, &x->name_vi, &c->err)) ||
	    (rc = json_get_str(in, "name_en", create, CAT_NAME_MAX, &x->name_en, &c->err)) ||
	    (rc = get_enum(c, in, "category", create, categories, "category_invalid", &x->category)) ||
	    (rc = json_get_bool(in, "retired", &x->retired, &c->err)))
		return rc;
	x->inds = json_object_get(in, "indicators");
	if (create && !x->inds)
		return err_field(&c->err, "field_required", "indicators");
	const char *names[] = { x->name_vi, x->name_en };
	const char *keys[] = { "name_vi", "name_en" };
	for (int i = 0; i < 2; i++)
		if (names[i] && !names[i][strspn(names[i], " \t\r\n")])
			return err_field(&c->err, "field_empty", keys[i]);
	return BP_OK;
}

/* Makes the type's indicator list what inds says, in its order. */
static enum bp_err type_indicators_set(struct ctx *c, const char *code, json_t *inds)
{
	enum bp_err rc = db_exec(c->db, "DELETE FROM activity_type_indicators WHERE type_code = $1",
				 DB_ARGS(DB_S(code)), NULL, &c->err);
	size_t i;
	json_t *it;
	json_array_foreach(inds, i, it) {
		if (rc)
			break;
		rc = db_exec(c->db,
			"INSERT INTO activity_type_indicators (type_code, indicator_code, required, position)"
			" VALUES ($1, $2, $3, $4)",
			DB_ARGS(DB_S(code), DB_S(json_string_value(json_object_get(it, "code"))),
				DB_I(json_is_true(json_object_get(it, "required"))), DB_I((long long)i + 1)),
			NULL, &c->err);
	}
	return rc;
}

/* Does the stored type (JSON) carry exactly these indicators? */
static bool type_same_indicators(json_t *stored, json_t *inds)
{
	json_t *have = json_object_get(stored, "indicators");
	if (json_array_size(have) != json_array_size(inds))
		return false;
	for (size_t i = 0; i < json_array_size(inds); i++) {
		json_t *a = json_array_get(have, i), *b = json_array_get(inds, i);
		if (!json_same(a, "code", json_string_value(json_object_get(b, "code"))) ||
		    json_is_true(json_object_get(a, "required")) != json_is_true(json_object_get(b, "required")))
			return false;
	}
	return true;
}

enum bp_err catalog_type_create(struct ctx *c, json_t *in, json_t **out, bool *created)
{
	struct type_in x;
	struct catalog *cat = NULL;
	char now[TIMESTAMP_LEN];
	*out = NULL;
	*created = false;
	enum bp_err rc = access_require_role(c, ROLE_ADMIN);
	if (rc || (rc = type_read(c, in, true, &x)) || (rc = db_begin(c->db, &c->err)))
		return rc;
	if ((rc = catalog_load(c, &cat)))
		goto out;
	const struct cat_type *t = catalog_type(cat, x.code);
	if (t) {
		json_t *stored = type_json(t);
		if (json_same(stored, "name_vi", x.name_vi) && json_same(stored, "name_en", x.name_en) &&
		    json_same(stored, "category", x.category) && json_is_array(x.inds) &&
		    type_same_indicators(stored, x.inds))
			*out = stored;
		else {
			json_decref(stored);
			rc = err_set(&c->err, "activity_type_taken", x.code);
		}
		goto out;
	}
	if ((rc = type_indicators_check(c, cat, x.inds, NULL)))
		goto out;
	timestamp_now(now);
	rc = db_exec(c->db,
		"INSERT INTO activity_types (code, name_vi, name_en, category, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $5)",
		DB_ARGS(DB_S(x.code), DB_S(x.name_vi), DB_S(x.name_en), DB_S(x.category), DB_S(now)),
		NULL, &c->err);
	if (rc == BP_ECONFLICT)
		rc = err_set(&c->err, "activity_type_taken", x.code);
	if (!rc && !(rc = type_indicators_set(c, x.code, x.inds)) && !(rc = catalog_type_get(c, x.code, out)))
		rc = audit_record(c, "activity_type", x.code, audit_unit(c), "create", NULL, *out);
	*created = !rc;
out:
	rc = db_end(c->db, rc, &c->err);
	catalog_free(cat);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err catalog_type_patch(struct ctx *c, const char *code, json_t *in, json_t **out)
{
	struct type_in x;
	struct catalog *cat = NULL;
	json_t *before = NULL;
	char now[TIMESTAMP_LEN];
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_ADMIN);
	if (rc || (rc = type_read(c, in, false, &x)) || (rc = db_begin(c->db, &c->err)))
		return rc;
	if ((rc = catalog_load(c, &cat)))
		goto out;
	const struct cat_type *t = code ? catalog_type(cat, code) : NULL;
	if (!t) {
		rc = err_set(&c->err, "activity_type_not_found", NULL);
		goto out;
	}
	before = type_json(t);
	if (x.inds && (rc = type_indicators_check(c, cat, x.inds, t)))
		goto out;
	timestamp_now(now);
	rc = db_exec(c->db,
		"UPDATE activity_types SET name_vi = COALESCE($2, name_vi), name_en = COALESCE($3, name_en),"
		" category = COALESCE($4, category),"
		" retired_at = CASE WHEN $5 = 1 THEN COALESCE(retired_at, $6) WHEN $5 = 0 THEN NULL"
		" ELSE retired_at END, updated_at = $7 WHERE code = $1",
		DB_ARGS(DB_S(code), DB_S(x.name_vi), DB_S(x.name_en), DB_S(x.category), DB_I(x.retired),
			DB_S(c->today), DB_S(now)), NULL, &c->err);
	if (!rc && x.inds && !type_same_indicators(before, x.inds))
		rc = type_indicators_set(c, code, x.inds);
	if (!rc && !(rc = catalog_type_get(c, code, out)) && !json_equal(before, *out))
		rc = audit_record(c, "activity_type", code, audit_unit(c), "update", before, *out);
out:
	rc = db_end(c->db, rc, &c->err);
	catalog_free(cat);
	json_decref(before);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- the catalog that ships with the program ---- */

/* The index of column name in the header, -1 when absent. */
static int column(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return (int)i;
	return -1;
}

static enum bp_err seed_bad(struct ctx *c, const char *file, long line, const char *why)
{
	char d[200];
	snprintf(d, sizeof(d), "%s:%ld: %s", file, line, why);
	return err_set(&c->err, "invalid_input", d);
}

static enum bp_err seed_indicators(struct ctx *c, const char *data, size_t len, const char *now, int *added)
{
	struct csv_reader rd;
	char **names = NULL;
	size_t n = 0;
	json_t *report = json_array();
	enum bp_err rc = csv_open(&rd, data, len, &c->err);
	if (rc)
		goto out;
	if (!csv_header(&rd, &names, &n, report)) {
		rc = seed_bad(c, "indicators.csv", 1, "header");
		goto out;
	}
	int col[8];
	static const char *const cols[] = { "code", "name_vi", "name_en", "unit_vi", "unit_en",
		"value_type", "aggregation", "allow_negative" };
	for (int i = 0; i < 8; i++)
		if ((col[i] = column(names, n, cols[i])) < 0 && i < 6) {
			rc = seed_bad(c, "indicators.csv", 1, cols[i]);
			goto out;
		}
	enum csv_status st;
	while (!rc && (st = csv_next(&rd)) != CSV_END) {
		const char *v[8];
		if (st != CSV_RECORD || rd.nfields != n) {
			rc = seed_bad(c, "indicators.csv", rd.record_line, "record");
			break;
		}
		for (int i = 0; i < 8; i++)
			v[i] = col[i] >= 0 ? csv_field(&rd, (size_t)col[i]) : "";
		const char *agg = *v[6] ? v[6] : "flow";
		if (!catalog_code_valid(v[0]) || in_list(v[0], catalog_file_columns) ||
		    !in_list(v[5], value_types) || !in_list(agg, aggregations) || !*v[1] || !*v[2] ||
		    !*v[3] || !*v[4]) {
			rc = seed_bad(c, "indicators.csv", rd.record_line, v[0]);
			break;
		}
		long long changes = 0;
		rc = db_exec(c->db,
			"INSERT INTO indicators (code, name_vi, name_en, unit_vi, unit_en, value_type, aggregation,"
			" allow_negative, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
			" ON CONFLICT (code) DO NOTHING",
			DB_ARGS(DB_S(v[0]), DB_S(v[1]), DB_S(v[2]), DB_S(v[3]), DB_S(v[4]), DB_S(v[5]), DB_S(agg),
				DB_I(!strcmp(v[7], "1") || !strcmp(v[7], "true")), DB_S(now)),
			&changes, &c->err);
		*added += (int)changes;
	}
out:
	json_decref(report);
	csv_names_free(names, n);
	csv_close(&rd);
	return rc;
}

static enum bp_err seed_types(struct ctx *c, const char *data, size_t len, const char *now, int *added)
{
	struct csv_reader rd;
	char **names = NULL;
	size_t n = 0;
	json_t *report = json_array();
	enum bp_err rc = csv_open(&rd, data, len, &c->err);
	if (rc)
		goto out;
	if (!csv_header(&rd, &names, &n, report)) {
		rc = seed_bad(c, "activity_types.csv", 1, "header");
		goto out;
	}
	int col[5];
	static const char *const cols[] = { "code", "name_vi", "name_en", "category", "indicators" };
	for (int i = 0; i < 5; i++)
		if ((col[i] = column(names, n, cols[i])) < 0) {
			rc = seed_bad(c, "activity_types.csv", 1, cols[i]);
			goto out;
		}
	enum csv_status st;
	while (!rc && (st = csv_next(&rd)) != CSV_END) {
		const char *v[5];
		if (st != CSV_RECORD || rd.nfields != n) {
			rc = seed_bad(c, "activity_types.csv", rd.record_line, "record");
			break;
		}
		for (int i = 0; i < 5; i++)
			v[i] = csv_field(&rd, (size_t)col[i]);
		if (!catalog_code_valid(v[0]) || !in_list(v[3], categories) || !*v[1] || !*v[2]) {
			rc = seed_bad(c, "activity_types.csv", rd.record_line, v[0]);
			break;
		}
		long long changes = 0;
		rc = db_exec(c->db,
			"INSERT INTO activity_types (code, name_vi, name_en, category, created_at, updated_at)"
			" VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (code) DO NOTHING",
			DB_ARGS(DB_S(v[0]), DB_S(v[1]), DB_S(v[2]), DB_S(v[3]), DB_S(now)), &changes, &c->err);
		if (rc || !changes)
			continue; /* a type already there keeps the indicators an admin gave it */
		(*added)++;
		/* "buoi* luot_nguoi*": a star marks a required indicator. */
		char *list = xstrdup(v[4]), *save = NULL;
		long pos = 0;
		for (char *tok = strtok_r(list, " ", &save); tok && !rc; tok = strtok_r(NULL, " ", &save)) {
			size_t tl = strlen(tok);
			bool req = tl && tok[tl - 1] == '*';
			if (req)
				tok[tl - 1] = '\0';
			rc = db_exec(c->db,
				"INSERT INTO activity_type_indicators (type_code, indicator_code, required, position)"
				" VALUES ($1, $2, $3, $4)",
				DB_ARGS(DB_S(v[0]), DB_S(tok), DB_I(req), DB_I(++pos)), NULL, &c->err);
			if (rc)
				rc = seed_bad(c, "activity_types.csv", rd.record_line, tok);
		}
		free(list);
	}
out:
	json_decref(report);
	csv_names_free(names, n);
	csv_close(&rd);
	return rc;
}

enum bp_err catalog_seed_from(struct ctx *c, const char *indicators, size_t ilen,
			      const char *types, size_t tlen, int *added)
{
	char now[TIMESTAMP_LEN];
	int n = 0;
	timestamp_now(now);
	enum bp_err rc = db_begin(c->db, &c->err);
	if (rc)
		return rc;
	rc = seed_indicators(c, indicators, ilen, now, &n);
	if (!rc)
		rc = seed_types(c, types, tlen, now, &n);
	if (!rc && n) {
		json_t *after = json_pack("{s:i}", "added", n);
		rc = audit_record(c, "catalog", "catalog", audit_unit(c), "seed", NULL, after);
		json_decref(after);
	}
	rc = db_end(c->db, rc, &c->err);
	if (added)
		*added = rc ? 0 : n;
	return rc;
}

enum bp_err catalog_seed(struct ctx *c, int *added)
{
	const struct embedded_file *i = embedded_find("indicators.csv");
	const struct embedded_file *t = embedded_find("activity_types.csv");
	if (!i || !t)
		return err_set(&c->err, "internal", " (the catalog is not compiled in)");
	return catalog_seed_from(c, i->data, i->len, t->data, t->len, added);
}
