/*
 * activity_store.c - an activity's rows and the checks every way in
 * shares; see activity_store.h.
 *
 * An activity's values go in its own row (activities.vals, migration
 * 014); a bulk import gathers the units of many activities into
 * statements of ACTIVITY_BATCH_ROWS rows (activity_batch), each statement
 * prepared once by the driver's statement cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/activity_store.h"
#include "domain/layer.h"
#include "domain/report_rollup.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/milli.h"
#include "util/xmalloc.h"

enum bp_err activity_check_type(const struct activity_rec *a, json_t *stored, struct bp_error *e)
{
	const struct cat_type *t = a->type;
	const char *stored_type = json_string_value(json_object_get(json_object_get(stored, "type"), "code"));
	json_t *stored_values = json_object_get(stored, "values");
	if (t->retired && !(stored_type && !strcmp(stored_type, t->code))) {
		enum bp_err k = err_set(e, "activity_type_retired", t->code);
		snprintf(e->field, sizeof(e->field), "type");
		return k;
	}
	for (size_t i = 0; i < a->nvalues; i++) {
		const struct cat_indicator *ind = a->values[i].ind;
		bool kept = false;
		json_t *was = json_object_get(stored_values, ind->code);
		if (was && stored_type && !strcmp(stored_type, t->code)) {
			int64_t m = 0;
			kept = !catalog_value_json(ind, was, &m, NULL) && m == a->values[i].milli;
		}
		/* An indicator taken off the type keeps the values entered before. */
		if (!catalog_type_indicator(t, ind->code) && !kept) {
			enum bp_err k = err_set(e, "indicator_not_in_type", ind->code);
			snprintf(e->field, sizeof(e->field), "%s", ind->code);
			return k;
		}
		if (ind->retired && !kept) {
			enum bp_err k = err_set(e, "indicator_retired", ind->code);
			snprintf(e->field, sizeof(e->field), "%s", ind->code);
			return k;
		}
	}
	for (size_t k = 0; k < t->ninds; k++) {
		if (!t->inds[k].required || t->inds[k].ind->retired)
			continue;
		bool has = false;
		for (size_t i = 0; i < a->nvalues && !has; i++)
			has = a->values[i].ind == t->inds[k].ind;
		if (!has) {
			enum bp_err r = err_set(e, "indicator_required", t->inds[k].ind->code);
			snprintf(e->field, sizeof(e->field), "%s", t->inds[k].ind->code);
			return r;
		}
	}
	return BP_OK;
}

enum bp_err activity_unit_dated(struct ctx *c, const char *unit_id, const char *code,
				const char *date_from)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"SELECT COUNT(*) FROM units WHERE id = $1 AND valid_from <= $2"
		" AND (valid_to IS NULL OR valid_to > $2)",
		DB_ARGS(DB_S(unit_id), DB_S(date_from)), &n, &c->err);
	if (rc)
		return rc;
	if (!n) {
		err_set(&c->err, "unit_not_valid_at", code);
		snprintf(c->err.field, sizeof(c->err.field), "unit");
		return BP_EINVAL;
	}
	return BP_OK;
}

void activity_vals_text(const struct activity_value *values, size_t n, char out[ACTIVITY_VALS_TEXT_MAX])
{
	char *o = out;
	*o++ = '{';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		*o++ = '"';
		size_t len = strlen(values[i].ind->code);
		memcpy(o, values[i].ind->code, len);
		o += len;
		*o++ = '"';
		*o++ = ':';
		/* the digits without printf: this runs for every imported row */
		uint64_t m = values[i].milli < 0 ? 0 - (uint64_t)values[i].milli : (uint64_t)values[i].milli;
		char digits[24];
		size_t k = 0;
		do {
			digits[k++] = (char)('0' + m % 10);
			m /= 10;
		} while (m);
		if (values[i].milli < 0)
			*o++ = '-';
		while (k)
			*o++ = digits[--k];
	}
	*o++ = '}';
	*o = '\0';
}

enum bp_err activity_units_insert(struct ctx *c, const struct activity_rec *a)
{
	enum bp_err rc = BP_OK;
	for (int role = 0; role < 2 && !rc; role++) {
		size_t n = role ? a->nparticipants : a->norganisers;
		for (size_t i = 0; i < n && !rc; i++)
			rc = db_exec(c->db, "INSERT INTO activity_units (activity_id, unit_id, role) VALUES ($1, $2, $3)",
				     DB_ARGS(DB_S(a->id), DB_S(role ? a->participants[i] : a->organisers[i]),
					     DB_S(role ? "participant" : "organiser")), NULL, &c->err);
	}
	return rc;
}

enum bp_err activity_insert_row(struct ctx *c, const struct activity_rec *a, const char *import_id,
				const char *created_by, const char *now, bool *inserted)
{
	long long changes = 0;
	char vals[ACTIVITY_VALS_TEXT_MAX];
	activity_vals_text(a->values, a->nvalues, vals);
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title, notes, lon, lat,"
		" marker_id, import_id, created_by, created_at, updated_at, vals)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)"
		" ON CONFLICT (id) DO NOTHING",
		DB_ARGS(DB_S(a->id), DB_S(a->type->code), DB_S(a->unit_id), DB_S(a->date_from),
			DB_S(a->date_to), DB_S(a->title), DB_S(a->notes),
			a->has_place ? DB_R(a->lon) : DB_NUL, a->has_place ? DB_R(a->lat) : DB_NUL,
			DB_S(a->marker_id[0] ? a->marker_id : NULL), DB_S(import_id), DB_S(created_by),
			DB_S(now), DB_S(vals)), &changes, &c->err);
	*inserted = !rc && changes > 0;
	return rc;
}

enum bp_err activity_insert(struct ctx *c, const struct activity_rec *a, const char *import_id,
			    const char *created_by, const char *now, bool *inserted)
{
	bool done = false;
	enum bp_err rc = activity_insert_row(c, a, import_id, created_by, now, &done);
	if (inserted)
		*inserted = done;
	if (rc || !done || (rc = activity_units_insert(c, a)) || import_id)
		return rc;
	return report_flows_apply(c, "a.id = $1", DB_ARGS(DB_S(a->id)), 1);
}

/*
 * The batch keeps its own copies of the ids (the records it is given are
 * reused).
 */
void activity_batch_init(struct activity_batch *b)
{
	memset(b, 0, sizeof(*b));
	buf_init(&b->sql, 1 << 16);
}

void activity_batch_release(struct activity_batch *b)
{
	buf_release(&b->sql);
	free(b->full_sql);
}

enum bp_err activity_batch_flush(struct ctx *c, struct activity_batch *b)
{
	db_arg args[3 * ACTIVITY_BATCH_ROWS];
	size_t n = b->nunits;
	b->nunits = 0;
	if (!n)
		return BP_OK;
	for (size_t i = 0; i < n; i++) {
		args[3 * i] = DB_S(b->units[i].activity);
		args[3 * i + 1] = DB_S(b->units[i].unit);
		args[3 * i + 2] = DB_S(b->units[i].participant ? "participant" : "organiser");
	}
	/* A full batch's statement is made once. */
	const char *sql = b->full_sql;
	if (n < ACTIVITY_BATCH_ROWS || !sql) {
		buf_reset(&b->sql);
		buf_adds(&b->sql, "INSERT INTO activity_units (activity_id, unit_id, role) VALUES");
		for (size_t i = 0; i < n; i++)
			buf_addf(&b->sql, "%s ($%zu, $%zu, $%zu)", i ? "," : "", 3 * i + 1, 3 * i + 2, 3 * i + 3);
		sql = b->sql.data;
		if (n == ACTIVITY_BATCH_ROWS)
			sql = b->full_sql = xstrdup(b->sql.data);
	}
	return db_exec(c->db, sql, args, (int)(3 * n), NULL, &c->err);
}

enum bp_err activity_batch_add(struct ctx *c, struct activity_batch *b, const struct activity_rec *a)
{
	enum bp_err rc = BP_OK;
	for (int role = 0; role < 2 && !rc; role++) {
		size_t n = role ? a->nparticipants : a->norganisers;
		for (size_t i = 0; i < n && !rc; i++) {
			if (b->nunits == ACTIVITY_BATCH_ROWS)
				rc = activity_batch_flush(c, b);
			struct activity_batch_unit *u = &b->units[b->nunits++];
			memcpy(u->activity, a->id, sizeof(u->activity));
			memcpy(u->unit, role ? a->participants[i] : a->organisers[i], sizeof(u->unit));
			u->participant = role;
		}
	}
	return rc;
}

enum bp_err activity_replace(struct ctx *c, const struct activity_rec *a, const char *now)
{
	/* Its old values leave the reports' sums, its new ones come in. */
	enum bp_err rc = report_flows_apply(c, "a.id = $1", DB_ARGS(DB_S(a->id)), -1);
	char vals[ACTIVITY_VALS_TEXT_MAX];
	activity_vals_text(a->values, a->nvalues, vals);
	if (!rc)
		rc = db_exec(c->db,
		"UPDATE activities SET type_code = $2, unit_id = $3, date_from = $4, date_to = $5, title = $6,"
		" notes = $7, lon = $8, lat = $9, marker_id = $10, updated_at = $11, vals = $12 WHERE id = $1",
		DB_ARGS(DB_S(a->id), DB_S(a->type->code), DB_S(a->unit_id), DB_S(a->date_from),
			DB_S(a->date_to), DB_S(a->title), DB_S(a->notes),
			a->has_place ? DB_R(a->lon) : DB_NUL, a->has_place ? DB_R(a->lat) : DB_NUL,
			DB_S(a->marker_id[0] ? a->marker_id : NULL), DB_S(now), DB_S(vals)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "DELETE FROM activity_units WHERE activity_id = $1", DB_ARGS(DB_S(a->id)),
			     NULL, &c->err);
	if (!rc)
		rc = activity_units_insert(c, a);
	return rc ? rc : report_flows_apply(c, "a.id = $1", DB_ARGS(DB_S(a->id)), 1);
}

enum bp_err activity_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db,
		"SELECT a.id, a.type_code, t.name_vi, t.name_en, a.unit_id, u.code, u.name, a.date_from,"
		" a.date_to, a.title, a.notes, a.lon, a.lat, a.marker_id, m.border, m.number, a.import_id,"
		" a.created_by, a.created_at, a.updated_at"
		" FROM activities a JOIN activity_types t ON t.code = a.type_code"
		" JOIN units u ON u.id = a.unit_id LEFT JOIN markers m ON m.id = a.marker_id WHERE a.id = $1",
		DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "activity_not_found", NULL);
	if (rc)
		return rc;
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_object_set_new(o, "type", json_pack("{s:s, s:s, s:s}", "code", db_text(r, 1),
						 "name_vi", db_text(r, 2), "name_en", db_text(r, 3)));
	json_object_set_new(o, "unit", layer_unit_json(db_text(r, 4), db_text(r, 5), db_text(r, 6)));
	json_set_str(o, "date_from", db_text(r, 7));
	json_set_str(o, "date_to", db_text(r, 8));
	json_set_str(o, "title", db_text(r, 9));
	json_set_str(o, "notes", db_text(r, 10));
	json_object_set_new(o, "place", db_isnull(r, 11) ? json_null() :
			    json_pack("{s:f, s:f}", "lon", db_real(r, 11), "lat", db_real(r, 12)));
	json_object_set_new(o, "marker", db_isnull(r, 13) ? json_null() :
			    json_pack("{s:s, s:s?, s:s?}", "id", db_text(r, 13), "border", db_text(r, 14),
				      "number", db_text(r, 15)));
	json_t *organisers = json_array(), *participants = json_array(), *values = json_object();
	json_object_set_new(o, "organisers", organisers);
	json_object_set_new(o, "participants", participants);
	json_object_set_new(o, "values", values);
	json_set_str(o, "import_id", db_text(r, 16));
	json_set_str(o, "created_by", db_text(r, 17));
	json_set_str(o, "created_at", db_text(r, 18));
	json_set_str(o, "updated_at", db_text(r, 19));
	db_rows_free(r);
	/* Values in the type's order; those taken off the type since, last. */
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT v.key, CAST(v.value AS BIGINT) FROM activities a CROSS JOIN %s(a.vals) v"
		 " LEFT JOIN activity_type_indicators ti ON ti.type_code = a.type_code"
		 " AND ti.indicator_code = v.key WHERE a.id = $1"
		 " ORDER BY COALESCE(ti.position, 100000), v.key", db_json_each(c->db));
	rc = db_query(c->db, sql, DB_ARGS(DB_S(id)), &r, &c->err);
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0)
		json_object_set_new(values, db_text(r, 0), catalog_value_to_json(db_int(r, 1)));
	db_rows_free(r);
	r = NULL;
	if (!rc && s < 0)
		rc = c->err.kind;
	if (!rc)
		rc = db_query(c->db,
			"SELECT au.role, u.id, u.code, u.name FROM activity_units au JOIN units u ON u.id = au.unit_id"
			" WHERE au.activity_id = $1 ORDER BY u.code",
			DB_ARGS(DB_S(id)), &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0)
		json_array_append_new(strcmp(db_text(r, 0), "organiser") ? participants : organisers,
				      layer_unit_json(db_text(r, 1), db_text(r, 2), db_text(r, 3)));
	db_rows_free(r);
	if (!rc && s < 0)
		rc = c->err.kind;
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return BP_OK;
}

static bool same_str(json_t *v, const char *s)
{
	const char *t = json_string_value(v);
	return (!t && !s) || (t && s && !strcmp(t, s));
}

static bool same_units(json_t *stored, const char (*ids)[37], size_t n)
{
	if (json_array_size(stored) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t k = 0; k < n && !found; k++)
			found = same_str(json_object_get(json_array_get(stored, k), "id"), ids[i]);
		if (!found)
			return false;
	}
	return true;
}

bool activity_same(json_t *s, const struct activity_rec *a)
{
	json_t *place = json_object_get(s, "place");
	if (!same_str(json_object_get(json_object_get(s, "type"), "code"), a->type->code) ||
	    !same_str(json_object_get(json_object_get(s, "unit"), "id"), a->unit_id) ||
	    !same_str(json_object_get(s, "date_from"), a->date_from) ||
	    !same_str(json_object_get(s, "date_to"), a->date_to) ||
	    !same_str(json_object_get(s, "title"), a->title) ||
	    !same_str(json_object_get(s, "notes"), a->notes) ||
	    !same_str(json_object_get(json_object_get(s, "marker"), "id"), a->marker_id[0] ? a->marker_id : NULL) ||
	    json_is_object(place) != a->has_place ||
	    (a->has_place && (json_number_value(json_object_get(place, "lon")) != a->lon ||
			      json_number_value(json_object_get(place, "lat")) != a->lat)) ||
	    !same_units(json_object_get(s, "organisers"), a->organisers, a->norganisers) ||
	    !same_units(json_object_get(s, "participants"), a->participants, a->nparticipants))
		return false;
	json_t *values = json_object_get(s, "values");
	if (json_object_size(values) != a->nvalues)
		return false;
	for (size_t i = 0; i < a->nvalues; i++) {
		json_t *v = json_object_get(values, a->values[i].ind->code);
		int64_t m = 0;
		if (!v || catalog_value_json(a->values[i].ind, v, &m, NULL) || m != a->values[i].milli)
			return false;
	}
	return true;
}
