/*
 * report_templates.c - report templates as data (report_templates.h).
 */
#include <stdio.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/report_templates.h"
#include "domain/reports.h"
#include "util/embedded.h"

#define TEMPLATE_PREFIX "report_"

static enum bp_err bad(struct ctx *c, const char *what)
{
	return err_set(&c->err, "report_template_invalid", what);
}

static bool code_ok(const char *s, size_t max, const char *extra)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || strchr(extra, *s)))
			return false;
	return true;
}

static bool text_ok(json_t *o, const char *key, bool required)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return !required;
	return json_is_string(v) && (!required || json_string_length(v) > 0) && json_string_length(v) <= 2000;
}

/* Whether the catalog has the type, and the indicator on it (any, NULL). */
static enum bp_err flow_known(struct ctx *c, const char *type, const char *indicator, bool *ok)
{
	long long n = 0;
	enum bp_err rc = indicator ?
		db_scalar_int(c->db, "SELECT COUNT(*) FROM activity_type_indicators WHERE type_code = $1"
			      " AND indicator_code = $2", DB_ARGS(DB_S(type), DB_S(indicator)), &n, &c->err) :
		db_scalar_int(c->db, "SELECT COUNT(*) FROM activity_types WHERE code = $1", DB_ARGS(DB_S(type)),
			      &n, &c->err);
	*ok = n > 0;
	return rc;
}

static enum bp_err check_figure(struct ctx *c, json_t *f, json_t *keys, char *where, size_t wn)
{
	const char *key = json_string_value(json_object_get(f, "key"));
	const char *source = json_string_value(json_object_get(f, "source"));
	size_t len = strlen(where);
	if (!json_is_object(f))
		return bad(c, where);
	if (!code_ok(key, 100, ".")) {
		snprintf(where + len, wn - len, ".key");
		return bad(c, where);
	}
	if (json_object_get(keys, key)) {
		snprintf(where + len, wn - len, ".key: %s twice", key);
		return bad(c, where);
	}
	json_object_set_new(keys, key, json_true());
	if (!text_ok(f, "label_vi", true) || !text_ok(f, "label_en", true) || !text_ok(f, "unit_vi", false) ||
	    !text_ok(f, "unit_en", false)) {
		snprintf(where + len, wn - len, ".label_vi, label_en, unit_vi, unit_en");
		return bad(c, where);
	}
	if (source && !strcmp(source, "flow")) {
		const char *type = json_string_value(json_object_get(f, "type"));
		json_t *ind = json_object_get(f, "indicator");
		bool ok = false;
		enum bp_err rc;
		if (!type || (ind && !json_is_null(ind) && !json_is_string(ind))) {
			snprintf(where + len, wn - len, ".type, indicator");
			return bad(c, where);
		}
		if ((rc = flow_known(c, type, json_string_value(ind), &ok)))
			return rc;
		if (!ok) {
			snprintf(where + len, wn - len, ": %s%s%s is not in the catalog", type,
				 json_is_string(ind) ? "." : "", json_is_string(ind) ? json_string_value(ind) : "");
			return bad(c, where);
		}
		return BP_OK;
	}
	if (source && !strcmp(source, "stock")) {
		if (!report_stock_known(json_string_value(json_object_get(f, "stock")))) {
			snprintf(where + len, wn - len, ".stock");
			return bad(c, where);
		}
		return BP_OK;
	}
	if (source && !strcmp(source, "direction")) {
		if (!report_direction_known(json_string_value(json_object_get(f, "direction")))) {
			snprintf(where + len, wn - len, ".direction");
			return bad(c, where);
		}
		return BP_OK;
	}
	snprintf(where + len, wn - len, ".source (flow, stock, direction)");
	return bad(c, where);
}

/* Every {key...} of a sentence names a figure of the template. */
static enum bp_err check_narrative(struct ctx *c, const char *s, json_t *keys, const char *where)
{
	char key[128], msg[512];
	for (const char *p = s ? strchr(s, '{') : NULL; p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		size_t n = strcspn(p + 1, "|}");
		if (!end || n == 0 || n >= sizeof(key)) {
			snprintf(msg, sizeof(msg), "%s: an unclosed {", where);
			return bad(c, msg);
		}
		memcpy(key, p + 1, n);
		key[n] = 0;
		if (!json_object_get(keys, key)) {
			snprintf(msg, sizeof(msg), "%s: {%s} is not a figure of the template", where, key);
			return bad(c, msg);
		}
	}
	return BP_OK;
}

enum bp_err report_template_check(struct ctx *c, json_t *t)
{
	char where[256];
	json_t *sections = json_object_get(t, "sections");
	if (!json_is_object(t))
		return bad(c, "not an object");
	if (!code_ok(json_string_value(json_object_get(t, "code")), 64, ""))
		return bad(c, "code (a-z, 0-9, _)");
	if (!text_ok(t, "name_vi", true) || !text_ok(t, "name_en", true))
		return bad(c, "name_vi, name_en");
	if (!text_ok(t, "lead_vi", false) || !text_ok(t, "lead_en", false))
		return bad(c, "lead_vi, lead_en");
	if (!json_is_array(sections) || !json_array_size(sections) || json_array_size(sections) > 100)
		return bad(c, "sections (1 to 100)");
	json_t *keys = json_object(), *sec;
	size_t i, j;
	enum bp_err rc = BP_OK;
	json_array_foreach(sections, i, sec) {
		json_t *figures = json_object_get(sec, "figures"), *f;
		snprintf(where, sizeof(where), "sections[%zu]", i);
		if (!json_is_object(sec) || !code_ok(json_string_value(json_object_get(sec, "key")), 64, "") ||
		    !text_ok(sec, "title_vi", true) || !text_ok(sec, "title_en", true) ||
		    !text_ok(sec, "narrative_vi", false) || !text_ok(sec, "narrative_en", false)) {
			snprintf(where + strlen(where), sizeof(where) - strlen(where),
				 ": key, title_vi, title_en, narrative_vi, narrative_en");
			rc = bad(c, where);
			break;
		}
		if (!json_is_array(figures) || !json_array_size(figures) || json_array_size(figures) > 200) {
			snprintf(where + strlen(where), sizeof(where) - strlen(where), ".figures (1 to 200)");
			rc = bad(c, where);
			break;
		}
		json_array_foreach(figures, j, f) {
			snprintf(where, sizeof(where), "sections[%zu].figures[%zu]", i, j);
			if ((rc = check_figure(c, f, keys, where, sizeof(where))))
				break;
		}
		if (rc)
			break;
	}
	json_array_foreach(sections, i, sec) {
		static const char *const langs[] = { "narrative_vi", "narrative_en" };
		for (int l = 0; l < 2 && !rc; l++) {
			snprintf(where, sizeof(where), "sections[%zu].%s", i, langs[l]);
			rc = check_narrative(c, json_string_value(json_object_get(sec, langs[l])), keys, where);
		}
		if (rc)
			break;
	}
	json_decref(keys);
	return rc;
}

static enum bp_err template_store(struct ctx *c, json_t *t, bool builtin, bool replace, long long *changes)
{
	char now[TIMESTAMP_LEN];
	char *body = json_dumps(t, JSON_COMPACT | JSON_PRESERVE_ORDER);
	timestamp_now(now);
	enum bp_err rc = db_exec(c->db, replace ?
		"INSERT INTO report_templates (code, name_vi, name_en, body, builtin, updated_by, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi,"
		" name_en = excluded.name_en, body = excluded.body, updated_by = excluded.updated_by,"
		" updated_at = excluded.updated_at" :
		"INSERT INTO report_templates (code, name_vi, name_en, body, builtin, updated_by, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING",
		DB_ARGS(DB_S(json_string_value(json_object_get(t, "code"))),
			DB_S(json_string_value(json_object_get(t, "name_vi"))),
			DB_S(json_string_value(json_object_get(t, "name_en"))), DB_S(body), DB_I(builtin),
			DB_S(c->actor.system ? "system" : c->actor.username), DB_S(now)), changes, &c->err);
	free(body);
	return rc;
}

enum bp_err report_templates_seed(struct ctx *c, int *added)
{
	enum bp_err rc = BP_OK;
	*added = 0;
	for (const struct embedded_file *f = embedded_files; f->name && !rc; f++) {
		size_t n = strlen(f->name);
		if (strncmp(f->name, TEMPLATE_PREFIX, strlen(TEMPLATE_PREFIX)) || n < 5 ||
		    strcmp(f->name + n - 5, ".json"))
			continue;
		json_error_t je;
		json_t *t = json_loadb(f->data, f->len, 0, &je);
		long long changes = 0;
		if (!t) {
			char d[256];
			snprintf(d, sizeof(d), "%s: %s", f->name, je.text);
			return bad(c, d);
		}
		if (!(rc = report_template_check(c, t)) && !(rc = template_store(c, t, true, false, &changes)))
			*added += changes > 0;
		json_decref(t);
	}
	return rc;
}

enum bp_err report_templates_list(struct ctx *c, json_t **out)
{
	static const char *const cols[] = { "code", "name_vi", "name_en", "builtin", "updated_at", NULL };
	json_t *items = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc || (rc = db_query_json(c->db, "SELECT code, name_vi, name_en, builtin, updated_at"
				      " FROM report_templates ORDER BY builtin DESC, code", DB_NOARGS, cols,
				      &items, &c->err)))
		return rc;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		json_object_set_new(it, "builtin", json_boolean(!strcmp(json_string_value(json_object_get(it, "builtin")), "1")));
	*out = json_pack("{s:o}", "items", items);
	return BP_OK;
}

enum bp_err report_template_get(struct ctx *c, const char *code, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	rc = db_query_one(c->db, "SELECT body FROM report_templates WHERE code = $1", DB_ARGS(DB_S(code)), &r,
			  &c->err);
	if (rc == BP_ENOTFOUND)
		rc = err_set(&c->err, "report_template_not_found", code);
	if (!rc) {
		*out = json_loads(db_text(r, 0), 0, NULL);
		if (!*out)
			rc = err_set(&c->err, "internal", " (a stored template is not JSON)");
	}
	db_rows_free(r);
	return rc;
}

enum bp_err report_template_put(struct ctx *c, const char *code, json_t *body, bool *created)
{
	json_t *before = NULL;
	long long changes = 0;
	enum bp_err rc = access_require_role(c, ROLE_ADMIN);
	*created = false;
	if (rc)
		return rc;
	const char *inner = json_string_value(json_object_get(body, "code"));
	if (json_is_object(body) && !inner)
		json_object_set_new(body, "code", json_string(code));
	else if (inner && strcmp(inner, code))
		return bad(c, "code differs from the address");
	if ((rc = report_template_check(c, body)) || (rc = db_begin(c->db, &c->err)))
		return rc;
	rc = report_template_get(c, code, &before);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		rc = BP_OK;
		*created = true;
	}
	if (!rc && before && json_equal(before, body)) {
		json_decref(before);
		return db_end(c->db, BP_OK, &c->err); /* the same again: nothing to store */
	}
	if (!rc)
		rc = template_store(c, body, false, true, &changes);
	if (!rc)
		rc = audit_record(c, "report_template", code, NULL, *created ? "create" : "update", before, body);
	json_decref(before);
	return db_end(c->db, rc, &c->err);
}
