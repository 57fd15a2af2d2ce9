/*
 * activities.c - counted activities through the JSON API; see
 * activities.h. The checks that files share are in activity_store.c.
 *
 * A write: the input is checked against a snapshot of the catalog (one
 * query), then, in one transaction with its audit row, stored or compared
 * with what the id already holds. The recording unit must be in the
 * actor's scope and must have existed on the first day of the activity
 * (a 2023 activity of xã Mẫu Sơn is recorded under the Mẫu Sơn of 2023,
 * which the 2025 merger folded into the new one); the organising and
 * taking-part units may be any the actor can see, the border posts
 * responsible for the actor's communes included (layer_access_area).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/activities.h"
#include "domain/activity_store.h"
#include "domain/audit.h"
#include "domain/report_rollup.h"
#include "domain/units.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/milli.h"
#include "util/text.h"

static enum bp_err field_err(struct ctx *c, const char *code, const char *detail, const char *field)
{
	enum bp_err k = err_set(&c->err, code, detail);
	snprintf(c->err.field, sizeof(c->err.field), "%s", field);
	return k;
}

/* A list of unit references (codes or ids) into ids the actor can see. */
static enum bp_err read_units(struct ctx *c, json_t *in, const char *key, char (*ids)[37], size_t *n)
{
	json_t *arr = json_object_get(in, key);
	*n = 0;
	if (!arr || json_is_null(arr))
		return BP_OK;
	if (!json_is_array(arr))
		return err_field(&c->err, "field_type", key);
	if (json_array_size(arr) > ACTIVITY_UNITS_MAX)
		return err_field(&c->err, "field_too_long", key);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		enum bp_err rc;
		char id[37];
		if (!json_is_string(v))
			return err_field(&c->err, "field_type", key);
		if ((rc = unit_resolve(c, json_string_value(v), id)) || (rc = layer_access_area(c, id))) {
			snprintf(c->err.field, sizeof(c->err.field), "%s", key);
			return rc;
		}
		bool twice = false;
		for (size_t k = 0; k < *n; k++)
			twice |= !strcmp(ids[k], id);
		if (!twice)
			snprintf(ids[(*n)++], 37, "%s", id);
	}
	return BP_OK;
}

/* The marker of an activity: one the actor can see (its post's stretch). */
static enum bp_err read_marker(struct ctx *c, const char *ref, char out[37])
{
	struct db_rows *r = NULL;
	char unit[37];
	out[0] = '\0';
	if (!ref)
		return BP_OK;
	if (!text_uuid_valid(ref))
		return field_err(c, "activity_marker_unknown", ref, "marker");
	enum bp_err rc = db_query_one(c->db, "SELECT unit_id FROM markers WHERE id = $1", DB_ARGS(DB_S(ref)),
				      &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return field_err(c, "activity_marker_unknown", ref, "marker");
	if (rc)
		return rc;
	snprintf(unit, sizeof(unit), "%s", db_text(r, 0));
	db_rows_free(r);
	if ((rc = layer_access_area(c, unit))) {
		snprintf(c->err.field, sizeof(c->err.field), "marker");
		return rc;
	}
	snprintf(out, 37, "%s", ref);
	return BP_OK;
}

/* A date field: "date_invalid" for anything but YYYY-MM-DD, long text too. */
static enum bp_err get_date(struct ctx *c, json_t *in, const char *key, bool required, const char **out)
{
	enum bp_err rc = json_get_str(in, key, required, 64, out, &c->err);
	if (rc == BP_EINVAL && !strcmp(c->err.code, "field_too_long"))
		return err_field(&c->err, "date_invalid", key);
	if (!rc && *out && !date_valid(*out))
		return err_field(&c->err, "date_invalid", key);
	return rc;
}

/* The checked activity of a JSON input; *unit_ref the recording unit as given. */
static enum bp_err read_input(struct ctx *c, const struct catalog *cat, json_t *in,
			      struct activity_rec *a, const char **in_id)
{
	static const char *const keys[] = { "id", "type", "unit", "date_from", "date_to", "title", "notes",
		"lon", "lat", "place", "marker", "organisers", "participants", "values", NULL };
	const char *type = NULL, *unit = NULL, *from = NULL, *to = NULL, *marker = NULL;
	enum bp_err rc;
	memset(a, 0, sizeof(*a));
	*in_id = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, in_id, &c->err)) ||
	    (rc = json_get_str(in, "type", true, 64, &type, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, &unit, &c->err)) ||
	    (rc = get_date(c, in, "date_from", true, &from)) ||
	    (rc = get_date(c, in, "date_to", false, &to)) ||
	    (rc = json_get_str(in, "title", true, ACTIVITY_TITLE_MAX, &a->title, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, ACTIVITY_NOTES_MAX, &a->notes, &c->err)) ||
	    (rc = json_get_str(in, "marker", false, 64, &marker, &c->err)))
		return rc;
	a->type = catalog_type(cat, type);
	if (!a->type)
		return field_err(c, "activity_type_unknown", type, "type");
	snprintf(a->date_from, sizeof(a->date_from), "%s", from);
	snprintf(a->date_to, sizeof(a->date_to), "%s", to ? to : from);
	if (strcmp(a->date_to, a->date_from) < 0)
		return field_err(c, "activity_dates", a->date_to, "date_to");
	/* The place: lon and lat, or "place": {lon, lat} as the answer gives it. */
	json_t *place = json_object_get(in, "place");
	json_t *pin = in;
	if (place && !json_is_null(place)) {
		if (!json_is_object(place) || json_object_get(in, "lon") || json_object_get(in, "lat"))
			return err_field(&c->err, "field_type", "place");
		pin = place;
	}
	json_t *lon = json_object_get(pin, "lon"), *lat = json_object_get(pin, "lat");
	bool has_lon = lon && !json_is_null(lon), has_lat = lat && !json_is_null(lat);
	if (has_lon != has_lat)
		return field_err(c, "activity_place", NULL, has_lon ? "lat" : "lon");
	if (has_lon) {
		if ((rc = layer_get_point(pin, &a->lon, &a->lat, &c->err)))
			return rc;
		a->has_place = true;
	}
	json_t *values = json_object_get(in, "values");
	if (values && !json_is_null(values)) {
		if (!json_is_object(values))
			return err_field(&c->err, "field_type", "values");
		const char *code;
		json_t *v;
		json_object_foreach(values, code, v) {
			if (json_is_null(v) || (json_is_string(v) && !json_string_value(v)[strspn(json_string_value(v), " ")]))
				continue; /* left empty */
			const struct cat_indicator *ind = catalog_indicator(cat, code);
			if (!ind)
				return field_err(c, "indicator_unknown", code, code);
			if (a->nvalues == ACTIVITY_VALUES_MAX)
				return err_field(&c->err, "field_too_long", "values");
			if ((rc = catalog_value_json(ind, v, &a->values[a->nvalues].milli, &c->err)))
				return rc;
			a->values[a->nvalues++].ind = ind;
		}
	}
	char unit_id[37];
	if ((rc = unit_resolve(c, unit, unit_id))) {
		snprintf(c->err.field, sizeof(c->err.field), "unit");
		return rc;
	}
	snprintf(a->unit_id, sizeof(a->unit_id), "%s", unit_id);
	if ((rc = read_marker(c, marker, a->marker_id)) ||
	    (rc = read_units(c, in, "organisers", a->organisers, &a->norganisers)) ||
	    (rc = read_units(c, in, "participants", a->participants, &a->nparticipants)))
		return rc;
	return BP_OK;
}

/* The stored activity as input again, for PATCH to change. */
static json_t *as_input(json_t *s)
{
	json_t *in = json_object();
	json_object_set(in, "type", json_object_get(json_object_get(s, "type"), "code"));
	json_object_set(in, "unit", json_object_get(json_object_get(s, "unit"), "id"));
	static const char *const keep[] = { "date_from", "date_to", "title", "notes", "values", NULL };
	for (const char *const *k = keep; *k; k++)
		json_object_set(in, *k, json_object_get(s, *k));
	json_t *place = json_object_get(s, "place");
	if (json_is_object(place)) {
		json_object_set(in, "lon", json_object_get(place, "lon"));
		json_object_set(in, "lat", json_object_get(place, "lat"));
	}
	json_t *marker = json_object_get(s, "marker");
	if (json_is_object(marker))
		json_object_set(in, "marker", json_object_get(marker, "id"));
	static const char *const lists[] = { "organisers", "participants", NULL };
	for (const char *const *k = lists; *k; k++) {
		json_t *arr = json_array(), *u;
		size_t i;
		json_array_foreach(json_object_get(s, *k), i, u)
			json_array_append(arr, json_object_get(u, "id"));
		json_object_set_new(in, *k, arr);
	}
	return in;
}

static enum bp_err check_read(struct ctx *c, json_t *stored)
{
	return access_unit(c, json_string_value(json_object_get(json_object_get(stored, "unit"), "id")),
			   ACCESS_READ);
}

enum bp_err activity_get(struct ctx *c, const char *id, json_t **out)
{
	*out = NULL;
	if (!id || !text_uuid_valid(id))
		return err_set(&c->err, "activity_not_found", NULL);
	enum bp_err rc = activity_load(c, id, out);
	if (!rc && (rc = check_read(c, *out))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static enum bp_err put_once(struct ctx *c, const struct catalog *cat, const char *id, json_t *in,
			    enum layer_write mode, json_t **out, enum layer_done *done, bool *existed)
{
	struct activity_rec *a = calloc(1, sizeof(*a));
	json_t *merged = NULL, *stored = NULL, *after = NULL;
	const char *in_id = NULL;
	char unit_code[65];
	enum bp_err rc;
	*out = NULL;
	*done = LAYER_UNCHANGED;
	*existed = false;
	if (id && !text_uuid_valid(id)) {
		rc = err_field(&c->err, "id_invalid", "id");
		goto out;
	}
	if (!json_is_object(in)) {
		rc = err_set(&c->err, "bad_json", " (object expected)");
		goto out;
	}
	if (mode == LAYER_PATCH) {
		static const char *const keys[] = { "type", "unit", "date_from", "date_to", "title", "notes",
			"lon", "lat", "place", "marker", "organisers", "participants", "values", NULL };
		if ((rc = json_check_keys(in, keys, &c->err)) || (rc = activity_get(c, id, &stored)))
			goto out;
		merged = as_input(stored);
		/* A place given replaces the stored one whichever way it is written. */
		if (json_object_get(in, "place")) {
			json_object_del(merged, "lon");
			json_object_del(merged, "lat");
		}
		json_object_update(merged, in);
		json_decref(stored);
		stored = NULL;
		in = merged;
	}
	if ((rc = read_input(c, cat, in, a, &in_id)))
		goto out;
	if (id && in_id && strcmp(id, in_id)) {
		rc = err_field(&c->err, "invalid_input", "id");
		goto out;
	}
	if (id || in_id)
		snprintf(a->id, sizeof(a->id), "%s", id ? id : in_id);
	else
		text_uuid_new(a->id);
	if ((rc = layer_unit_for_write(c, a->unit_id, false, a->unit_id, unit_code)) ||
	    (rc = activity_unit_dated(c, a->unit_id, unit_code, a->date_from)) ||
	    (rc = db_begin(c->db, &c->err)))
		goto out;
	rc = activity_load(c, a->id, &stored);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		rc = BP_OK;
	}
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	*existed = stored != NULL;
	if (!rc && stored) {
		/* Another scope's activity is neither confirmed nor changed. */
		const char *was = json_string_value(json_object_get(json_object_get(stored, "unit"), "id"));
		if ((rc = access_unit(c, was, ACCESS_READ)))
			goto end;
		if (activity_same(stored, a)) {
			*out = stored;
			stored = NULL;
			goto end;
		}
		if (mode == LAYER_CREATE) {
			rc = err_set(&c->err, "id_conflict", a->id);
			goto end;
		}
		if ((rc = access_unit(c, was, ACCESS_WRITE)) || (rc = activity_check_type(a, stored, &c->err)) ||
		    (rc = activity_replace(c, a, now)) || (rc = activity_load(c, a->id, &after)) ||
		    (rc = audit_record(c, "activity", a->id, a->unit_id, "update", stored, after)))
			goto end;
		*done = LAYER_UPDATED;
	} else if (!rc) {
		if (mode == LAYER_PATCH) {
			rc = err_set(&c->err, "activity_not_found", NULL);
			goto end;
		}
		if ((rc = activity_check_type(a, NULL, &c->err)) ||
		    (rc = activity_insert(c, a, NULL, c->actor.username, now, NULL)) ||
		    (rc = activity_load(c, a->id, &after)) ||
		    (rc = audit_record(c, "activity", a->id, a->unit_id, "create", NULL, after)))
			goto end;
		*done = LAYER_CREATED;
	}
	*out = after;
	after = NULL;
end:
	rc = db_end(c->db, rc, &c->err);
out:
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(merged);
	json_decref(stored);
	json_decref(after);
	free(a);
	return rc;
}

enum bp_err activity_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			 json_t **out, enum layer_done *done)
{
	struct catalog *cat = NULL;
	*out = NULL;
	*done = LAYER_UNCHANGED;
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc || (rc = catalog_load(c, &cat)))
		return rc;
	/* Two identical requests at once (PostgreSQL): the loser meets the
	 * winner's row and is tried once more, as a repeat (layer_put). */
	for (int attempt = 0;; attempt++) {
		bool existed = false;
		rc = put_once(c, cat, id, in, mode, out, done, &existed);
		if (attempt == 0 && !existed && rc == BP_ECONFLICT && !strcmp(c->err.code, "id_conflict")) {
			err_clear(&c->err);
			continue;
		}
		break;
	}
	catalog_free(cat);
	return rc;
}

enum bp_err activity_delete(struct ctx *c, const char *id)
{
	json_t *stored = NULL;
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc || (rc = activity_get(c, id, &stored)))
		return rc;
	const char *unit = json_string_value(json_object_get(json_object_get(stored, "unit"), "id"));
	if ((rc = access_unit(c, unit, ACCESS_WRITE)) || (rc = db_begin(c->db, &c->err))) {
		json_decref(stored);
		return rc;
	}
	static const char *const dels[] = { "DELETE FROM activity_units WHERE activity_id = $1",
		"DELETE FROM activities WHERE id = $1" };
	rc = report_flows_apply(c, "a.id = $1", DB_ARGS(DB_S(id)), -1);
	for (size_t i = 0; i < 2 && !rc; i++)
		rc = db_exec(c->db, dels[i], DB_ARGS(DB_S(id)), NULL, &c->err);
	if (!rc)
		rc = audit_record(c, "activity", id, unit, "delete", stored, NULL);
	rc = db_end(c->db, rc, &c->err);
	json_decref(stored);
	return rc;
}

/* "a%b_c" as a LIKE pattern that finds the text as it is. */
static void like_escape(const char *q, struct buf *out)
{
	buf_addc(out, '%');
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *q);
	}
	buf_addc(out, '%');
}

enum bp_err activity_filter_sql(struct ctx *c, const struct activity_filter *f, const char *cols,
				struct buf *sql, struct buf *pattern, db_arg *args, int *nargs,
				char unit_id[37])
{
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	unit_id[0] = '\0';
	if (f->unit) {
		if ((rc = unit_resolve(c, f->unit, unit_id)) || (rc = access_unit(c, unit_id, ACCESS_READ)))
			return rc;
	}
	if (f->from && !date_valid(f->from))
		return err_field(&c->err, "date_invalid", "from");
	if (f->to && !date_valid(f->to))
		return err_field(&c->err, "date_invalid", "to");
	if (f->from && f->to && strcmp(f->to, f->from) < 0)
		return err_field(&c->err, "date_range", "to");
	int n = 5;
	args[0] = DB_S(c->actor.unit_id);
	args[1] = DB_S(c->today);
	args[2] = DB_S(unit_id);
	args[3] = DB_S(f->from ? f->from : "0000-01-01");
	args[4] = DB_S(f->to ? f->to : "9999-12-31");
	/* The scope and the subtree as EXISTS, not IN: with IN, SQLite walks
	 * the (unit_id, date_from) index and sorts what it finds for every
	 * page, where the (date_from, id) index gives pages in order. */
	buf_addf(sql, "%s" ACTIVITY_SUB_CTE " SELECT %s FROM activities x"
		 " WHERE EXISTS (SELECT 1 FROM scope WHERE scope.id = x.unit_id)"
		 " AND ($3 = '' OR EXISTS (SELECT 1 FROM sub WHERE sub.id = x.unit_id))"
		 " AND x.date_from <= $5 AND x.date_to >= $4", access_scope_cte(c), cols);
	if (f->type) {
		buf_addf(sql, " AND x.type_code = $%d", ++n);
		args[n - 1] = DB_S(f->type);
	}
	if (f->category) {
		buf_addf(sql, " AND x.type_code IN (SELECT code FROM activity_types WHERE category = $%d)", ++n);
		args[n - 1] = DB_S(f->category);
	}
	if (f->q) {
		buf_reset(pattern);
		like_escape(f->q, pattern);
		buf_addf(sql, " AND LOWER(x.title) LIKE LOWER($%d) ESCAPE '\\'", ++n);
		args[n - 1] = DB_S(pattern->data);
	}
	*nargs = n;
	return BP_OK;
}

enum bp_err activity_list(struct ctx *c, const struct activity_filter *f, int limit,
			  const char *cursor, json_t **out)
{
	struct buf sql, pattern;
	db_arg args[20];
	int n = 0;
	char unit_id[37], cur_date[11] = "", cur_id[37] = "";
	*out = NULL;
	enum bp_err rc = layer_limit(c, limit, &limit);
	if (rc)
		return rc;
	if (cursor) {
		const char *bar = strchr(cursor, '|');
		if (!bar || bar - cursor != 10 || !text_uuid_valid(bar + 1))
			return err_set(&c->err, "cursor_invalid", NULL);
		snprintf(cur_date, sizeof(cur_date), "%.10s", cursor);
		snprintf(cur_id, sizeof(cur_id), "%s", bar + 1);
		if (!date_valid(cur_date))
			return err_set(&c->err, "cursor_invalid", NULL);
	}
	buf_init(&sql, 16384);
	buf_init(&pattern, 1024);
	rc = activity_filter_sql(c, f, "x.id, x.date_from", &sql, &pattern, args, &n, unit_id);
	if (rc) {
		buf_release(&sql);
		buf_release(&pattern);
		return rc;
	}
	if (cursor) {
		buf_addf(&sql, " AND (x.date_from, x.id) < ($%d, $%d)", n + 1, n + 2);
		args[n] = DB_S(cur_date);
		args[n + 1] = DB_S(cur_id);
		n += 2;
	}
	buf_addf(&sql, " ORDER BY x.date_from DESC, x.id DESC LIMIT %d", limit + 1);
	struct db_rows *r = NULL;
	rc = db_query(c->db, sql.data, args, n, &r, &c->err);
	json_t *ids = json_array();
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0)
		json_array_append_new(ids, json_string(db_text(r, 0)));
	db_rows_free(r);
	if (!rc && s < 0)
		rc = c->err.kind;
	buf_release(&sql);
	buf_release(&pattern);
	json_t *items = json_array();
	char next[64] = "";
	size_t i;
	json_t *idv;
	json_array_foreach(ids, i, idv) {
		if (rc || (int)i == limit)
			break;
		json_t *a = NULL;
		if ((rc = activity_load(c, json_string_value(idv), &a)))
			break;
		snprintf(next, sizeof(next), "%s|%s", json_string_value(json_object_get(a, "date_from")),
			 json_string_value(idv));
		json_array_append_new(items, a);
	}
	bool more = (int)json_array_size(ids) > limit;
	json_decref(ids);
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", more ? json_string(next) : json_null());
	return BP_OK;
}

enum bp_err activity_totals(struct ctx *c, const char *unit, const char *from, const char *to,
			    json_t **out)
{
	char unit_id[37];
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	if (!from)
		return err_field(&c->err, "field_required", "from");
	if (!to)
		return err_field(&c->err, "field_required", "to");
	if (!date_valid(from))
		return err_field(&c->err, "date_invalid", "from");
	if (!date_valid(to))
		return err_field(&c->err, "date_invalid", "to");
	if (strcmp(to, from) < 0)
		return err_field(&c->err, "date_range", "to");
	if ((rc = unit_resolve(c, unit ? unit : c->actor.unit_id, unit_id)) ||
	    (rc = access_unit(c, unit_id, ACCESS_READ)))
		return rc;
	json_t *unit_json = NULL;
	static const char *const ucols[] = { "id", "code", "name", NULL };
	if ((rc = db_query_json(c->db, "SELECT id, code, name FROM units WHERE id = $1", DB_ARGS(DB_S(unit_id)),
				ucols, &unit_json, &c->err)))
		return rc;
	/* Counts per type, then sums per type and indicator, in one query:
	 * the rows with a NULL indicator carry the activity counts. */
	struct buf sql;
	buf_init(&sql, 16384);
	buf_addf(&sql, "%s" ACTIVITY_SUB_CTE ", acts AS (SELECT x.id, x.type_code, x.vals FROM activities x"
		 " WHERE x.unit_id IN (SELECT id FROM scope) AND x.unit_id IN (SELECT id FROM sub)"
		 " AND x.date_from >= $4 AND x.date_from <= $5)"
		 " SELECT t.code, t.name_vi, t.name_en, t.category, q.indicator_code, q.n, q.total FROM ("
		 " SELECT type_code, CAST(NULL AS TEXT) AS indicator_code, COUNT(*) AS n, CAST(0 AS BIGINT) AS total"
		 " FROM acts GROUP BY type_code"
		 " UNION ALL SELECT a.type_code, v.key, COUNT(*), SUM(CAST(v.value AS BIGINT))"
		 " FROM acts a CROSS JOIN %s(a.vals) v GROUP BY a.type_code, v.key"
		 ") q JOIN activity_types t ON t.code = q.type_code"
		 " LEFT JOIN activity_type_indicators ti ON ti.type_code = q.type_code"
		 " AND ti.indicator_code = q.indicator_code"
		 " ORDER BY t.category, t.code, q.indicator_code IS NOT NULL, COALESCE(ti.position, 100000),"
		 " q.indicator_code", access_scope_cte(c), db_json_each(c->db));
	rc = db_query(c->db, sql.data,
		      DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(unit_id), DB_S(from), DB_S(to)),
		      &r, &c->err);
	buf_release(&sql);
	json_t *types = json_array(), *cur = NULL;
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		const char *code = db_text(r, 0);
		if (!cur || strcmp(json_string_value(json_object_get(cur, "code")), code)) {
			cur = json_pack("{s:s, s:s, s:s, s:s, s:I, s:o}", "code", code, "name_vi", db_text(r, 1),
					"name_en", db_text(r, 2), "category", db_text(r, 3), "activities",
					(json_int_t)0, "values", json_object());
			json_array_append_new(types, cur);
		}
		if (db_isnull(r, 4))
			json_object_set_new(cur, "activities", json_integer(db_int(r, 5)));
		else
			json_object_set_new(json_object_get(cur, "values"), db_text(r, 4),
					    catalog_value_to_json(db_int(r, 6)));
	}
	db_rows_free(r);
	if (!rc && s < 0)
		rc = c->err.kind;
	if (rc) {
		json_decref(types);
		json_decref(unit_json);
		return rc;
	}
	*out = json_pack("{s:O, s:s, s:s, s:o}", "unit", json_array_get(unit_json, 0), "from", from, "to", to,
			 "types", types);
	json_decref(unit_json);
	return BP_OK;
}
