/*
 * markers.c - border markers (cột mốc) with their condition and post
 * histories; see markers.h for the fields and the scope rule.
 *
 * Design choices:
 *  - The number is kept as written ("1116/1"); sort_key holds the border
 *    and the number with each part zero-padded ("VN-CN 01116/001"), so
 *    lists come in the order of the line and page by a plain comparison.
 *  - markers.unit_id is the post responsible today and markers.post_from
 *    the date it took the marker over: the open period is on the marker's
 *    row, and marker_posts holds the closed ones (migration 011), so that
 *    registering a marker writes two rows, not three. A change of post
 *    closes the open period on post_from into marker_posts and opens the
 *    next on the row. markers.condition is the condition of the latest
 *    record of marker_conditions: a condition is never overwritten, only
 *    recorded again, so the history of a marker damaged by a flood and
 *    repaired stays.
 *  - Positions are rounded to 1e-7 degree (about 1 cm) before they are
 *    stored, so what is stored compares equal to what is read back in
 *    both engines, and a retried write is recognised as the same.
 *  - Every check that needs no database runs before the first query, and
 *    every rule is checked with a query before the first write: an import
 *    holds one transaction for all its features, and a failed statement
 *    would end it on PostgreSQL.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/markers.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

static const char *const marker_types[] = { "main", "secondary", "mark", NULL };
static const char *const marker_forms[] = { "single", "pair", "triple", NULL };
static const char *const marker_builders[] = { "VN", "CN", "LA", "KH", "joint", NULL };
static const char *const marker_conditions[] = { "good", "damaged", "moved", "lost", NULL };

static const char *const marker_keys[] = { "id", "border", "number", "type", "form", "lon", "lat",
	"elevation", "built_by", "condition", "last_inspected", "notes", "post", "post_from", NULL };

bool marker_number_valid(const char *s)
{
	int parts = 0;
	while (*s) {
		size_t n = 0;
		while (isdigit((unsigned char)s[n]))
			n++;
		if (n < 1 || n > 5)
			return false;
		s += n;
		if (++parts > 3)
			return false;
		if (*s == '/')
			s++;
		else if (*s)
			return false;
		else
			break;
		if (!*s)
			return false; /* a trailing slash */
	}
	return parts > 0;
}

/*
 * "VN-CN 01116/001": the order of the line. Written digit by digit rather
 * than with printf, which was a twentieth of an import's time; number
 * is valid (marker_number_valid), so it fits: at most 5 + 1 + 5 + 2 * 6.
 */
static void sort_key(const char *border, const char *number, char out[48])
{
	size_t o = 0;
	while (*border && o < 8)
		out[o++] = *border++;
	out[o++] = ' ';
	const char *p = number;
	for (int part = 0; *p && part < 3; part++) {
		char *end = NULL;
		long v = strtol(p, &end, 10);
		if (part)
			out[o++] = '/';
		char digits[24];
		int n = 0;
		do {
			digits[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v > 0 && n < 5);
		for (int z = n; z < (part ? 3 : 5); z++)
			out[o++] = '0';
		while (n > 0)
			out[o++] = digits[--n];
		p = end;
		if (*p == '/')
			p++;
	}
	out[o] = '\0';
}

/*
 * Is s a sort key as sort_key writes it, the cursor of a page of the
 * list? A border, a space, five digits, then at most two "/" and three to
 * five digits.
 */
static bool sort_key_valid(const char *s)
{
	size_t n = strlen(s);
	bool border = false;
	for (const char *const *b = layer_borders; *b; b++)
		if (n > strlen(*b) && !strncmp(s, *b, strlen(*b)) && s[strlen(*b)] == ' ') {
			border = true;
			s += strlen(*b) + 1;
			break;
		}
	if (!border)
		return false;
	for (int part = 0; *s; part++) {
		if (part > 2 || (part && *s++ != '/'))
			return false;
		size_t d = strspn(s, "0123456789");
		if (part ? d < 3 || d > 5 : d != 5)
			return false;
		s += d;
	}
	return true;
}

struct marker_in {
	const char *id, *border, *number, *type, *form, *built_by, *condition;
	const char *last_inspected, *notes, *post, *post_from;
	double lon, lat, elevation;
	bool has_elevation;
};

static enum bp_err marker_input_read(struct ctx *c, json_t *in, struct marker_in *m)
{
	enum bp_err rc;
	memset(m, 0, sizeof(*m));
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if ((rc = json_check_keys(in, marker_keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, &m->id, &c->err)) ||
	    (rc = layer_get_enum(in, "border", true, layer_borders, "border_invalid", &m->border, &c->err)) ||
	    (rc = json_get_str(in, "number", true, 20, &m->number, &c->err)))
		return rc;
	if (!marker_number_valid(m->number)) {
		err_set(&c->err, "marker_number_invalid", m->number);
		snprintf(c->err.field, sizeof(c->err.field), "number");
		return BP_EINVAL;
	}
	if ((rc = layer_get_enum(in, "type", false, marker_types, NULL, &m->type, &c->err)) ||
	    (rc = layer_get_enum(in, "form", false, marker_forms, NULL, &m->form, &c->err)) ||
	    (rc = layer_get_point(in, &m->lon, &m->lat, &c->err)) ||
	    (rc = layer_get_number(in, "elevation", false, -500, 9000, &m->elevation, &m->has_elevation, &c->err)) ||
	    (rc = layer_get_enum(in, "built_by", false, marker_builders, NULL, &m->built_by, &c->err)) ||
	    (rc = layer_get_enum(in, "condition", false, marker_conditions, NULL, &m->condition, &c->err)) ||
	    (rc = json_get_date(in, "last_inspected", false, &m->last_inspected, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &m->notes, &c->err)) ||
	    (rc = json_get_str(in, "post", true, 64, &m->post, &c->err)) ||
	    (rc = json_get_date(in, "post_from", false, &m->post_from, &c->err)))
		return rc;
	if (m->last_inspected && strcmp(m->last_inspected, c->today) > 0)
		return err_field(&c->err, "date_future", "last_inspected");
	if (m->post_from && strcmp(m->post_from, c->today) > 0)
		return err_field(&c->err, "date_future", "post_from");
	if (!m->type)
		m->type = "main";
	if (!m->form)
		m->form = "single";
	if (!m->condition)
		m->condition = "good";
	if (m->has_elevation)
		m->elevation = round(m->elevation * 100) / 100;
	return BP_OK;
}

#define MARKER_SELECT \
	"SELECT x.id, x.border, x.number, x.type, x.form, x.lon, x.lat, x.elevation, x.built_by," \
	" x.condition, x.last_inspected, x.notes, x.unit_id, u.code, u.name, x.created_at," \
	" x.updated_at, x.sort_key FROM markers x JOIN units u ON u.id = x.unit_id"

static json_t *marker_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "border", db_text(r, 1));
	json_set_str(o, "number", db_text(r, 2));
	json_set_str(o, "type", db_text(r, 3));
	json_set_str(o, "form", db_text(r, 4));
	json_object_set_new(o, "lon", json_real(db_real(r, 5)));
	json_object_set_new(o, "lat", json_real(db_real(r, 6)));
	layer_set_num(o, "elevation", !db_isnull(r, 7), db_real(r, 7));
	json_set_str(o, "built_by", db_text(r, 8));
	json_set_str(o, "condition", db_text(r, 9));
	json_set_str(o, "last_inspected", db_text(r, 10));
	json_set_str(o, "notes", db_text(r, 11));
	json_object_set_new(o, "post", layer_unit_json(db_text(r, 12), db_text(r, 13), db_text(r, 14)));
	json_set_str(o, "created_at", db_text(r, 15));
	json_set_str(o, "updated_at", db_text(r, 16));
	return o;
}

/* The stored marker, without histories; "marker_not_found" when none. */
static enum bp_err marker_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, MARKER_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "marker_not_found", NULL);
	if (rc)
		return rc;
	*out = marker_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static const char *post_id_of(json_t *m)
{
	return json_string_value(json_object_get(json_object_get(m, "post"), "id"));
}

/* The stored marker, when the actor may read it (need) under its post. */
static enum bp_err marker_load_scoped(struct ctx *c, const char *id, enum access_need need, json_t **out)
{
	enum bp_err rc = marker_load(c, id, out);
	if (!rc && (rc = need == ACCESS_READ ? layer_access_area(c, post_id_of(*out))
					     : access_unit(c, post_id_of(*out), need))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err marker_get(struct ctx *c, const char *id, json_t **out)
{
	json_t *o = NULL, *hist = NULL;
	*out = NULL;
	if (!text_uuid_valid(id))
		return err_set(&c->err, "marker_not_found", NULL);
	enum bp_err rc = marker_load_scoped(c, id, ACCESS_READ, &o);
	if (rc)
		return rc;
	static const char *const cond_cols[] = { "id", "condition", "date", "note", "recorded_by", "recorded_at", NULL };
	rc = db_query_json(c->db,
		"SELECT id, condition, date, note, recorded_by, recorded_at FROM marker_conditions"
		" WHERE marker_id = $1 ORDER BY date DESC, recorded_at DESC, id",
		DB_ARGS(DB_S(id)), cond_cols, &hist, &c->err);
	if (rc)
		goto out;
	json_object_set_new(o, "conditions", hist);
	static const char *const post_cols[] = { "id", "code", "name", "valid_from", "valid_to", NULL };
	rc = db_query_json(c->db,
		"SELECT u.id, u.code, u.name, COALESCE(x.post_from, SUBSTR(x.created_at, 1, 10)), NULL"
		" FROM markers x JOIN units u ON u.id = x.unit_id WHERE x.id = $1"
		" UNION ALL SELECT u.id, u.code, u.name, p.valid_from, p.valid_to FROM marker_posts p"
		" JOIN units u ON u.id = p.unit_id WHERE p.marker_id = $1 ORDER BY 4 DESC",
		DB_ARGS(DB_S(id)), post_cols, &hist, &c->err);
	if (rc)
		goto out;
	json_object_set_new(o, "posts", hist);
	*out = o;
	o = NULL;
out:
	json_decref(o);
	return rc;
}

/*
 * The start of a query of the markers of f, as layer_query_sql. With a
 * box, the scope's filter is written so that no index serves it
 * (layer_export_sql), and SQLite reads the box through markers_lon_lat:
 * a database has no statistics (nothing runs ANALYZE), and without them
 * SQLite read every marker of the scope through markers_unit and tested
 * each one's position - all 100,000 for a province's user, 60 ms for a
 * box of 60 (bench/README.md, "The border registry").
 */
static enum bp_err marker_box_sql(struct ctx *c, const char *select, const struct registry_filter *f,
				  struct buf *sql, db_arg *args, int *next, char unit_id[37])
{
	return f->has_bbox ? layer_export_sql(c, select, true, true, true, f, sql, args, next, unit_id)
			   : layer_query_sql(c, select, true, true, true, f, sql, args, next, unit_id);
}

enum bp_err marker_list(struct ctx *c, const struct registry_filter *f, const char *q, int limit,
			const char *cursor, json_t **out)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37];
	enum bp_err rc;
	*out = NULL;
	if ((rc = layer_limit(c, limit, &limit)) || (rc = access_require_role(c, ROLE_VIEWER)))
		return rc;
	if (f->condition) {
		const char *cond = NULL;
		json_t *tmp = json_pack("{s:s}", "condition", f->condition);
		rc = layer_get_enum(tmp, "condition", false, marker_conditions, NULL, &cond, &c->err);
		json_decref(tmp);
		if (rc)
			return rc;
	}
	buf_init(&sql, 8192);
	rc = marker_box_sql(c, MARKER_SELECT, f, &sql, args, &next, unit_id);
	if (rc)
		goto out;
	if (q) {
		/* The start of a number: "1116" finds 1116 and 1116/1. */
		if (strspn(q, "0123456789/") != strlen(q) || strlen(q) > 20) {
			rc = err_field(&c->err, "marker_number_invalid", "q");
			goto out;
		}
		buf_addf(&sql, " AND (x.number = $%d OR x.number LIKE $%d || '/%%')", next, next);
		args[next++ - 1] = DB_S(q);
	}
	if (cursor) {
		if (!sort_key_valid(cursor)) {
			rc = err_field(&c->err, "cursor_invalid", "cursor");
			goto out;
		}
		buf_addf(&sql, " AND x.sort_key > $%d", next);
		args[next++ - 1] = DB_S(cursor);
	}
	buf_addf(&sql, " ORDER BY x.sort_key LIMIT %d", limit + 1);
	struct db_rows *r = NULL;
	if ((rc = db_query(c->db, sql.data, args, next - 1, &r, &c->err)))
		goto out;
	json_t *items = json_array();
	char last[48] = "";
	int n = 0, s;
	bool more = false;
	while ((s = db_next(r, &c->err)) > 0) {
		if (n == limit) {
			more = true;
			break;
		}
		json_array_append_new(items, marker_row_json(r));
		snprintf(last, sizeof(last), "%s", db_text(r, 17));
		n++;
	}
	db_rows_free(r);
	if (s < 0) {
		json_decref(items);
		rc = c->err.kind;
		goto out;
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", more ? json_string(last) : json_null());
out:
	buf_release(&sql);
	return rc;
}

static bool same_str(json_t *o, const char *key, const char *s)
{
	const char *v = json_string_value(json_object_get(o, key));
	return (!v && !s) || (v && s && !strcmp(v, s));
}

static bool same_num(json_t *o, const char *key, bool has, double d)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return !has;
	return has && json_number_value(v) == d;
}

/* Does the stored marker say what the input says? (post_from is not stored as such.) */
static bool marker_same(json_t *s, const struct marker_in *m, const char *post_id)
{
	return same_str(s, "border", m->border) && same_str(s, "number", m->number) &&
	       same_str(s, "type", m->type) && same_str(s, "form", m->form) &&
	       same_num(s, "lon", true, m->lon) && same_num(s, "lat", true, m->lat) &&
	       same_num(s, "elevation", m->has_elevation, m->elevation) &&
	       same_str(s, "built_by", m->built_by) && same_str(s, "condition", m->condition) &&
	       same_str(s, "last_inspected", m->last_inspected) && same_str(s, "notes", m->notes) &&
	       !strcmp(post_id_of(s), post_id);
}

/* The stored marker as input, for PATCH to change. */
static json_t *marker_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "border", "number", "type", "form", "lon", "lat", "elevation",
		"built_by", "condition", "last_inspected", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "post", json_string(post_id_of(s)));
	return in;
}

static enum bp_err number_free(struct ctx *c, const char *border, const char *number, const char *id)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"SELECT COUNT(*) FROM markers WHERE border = $1 AND number = $2 AND id <> $3",
		DB_ARGS(DB_S(border), DB_S(number), DB_S(id)), &n, &c->err);
	if (!rc && n) {
		rc = err_set(&c->err, "marker_number_taken", number);
		snprintf(c->err.field, sizeof(c->err.field), "number");
	}
	return rc;
}

static enum bp_err condition_insert(struct ctx *c, const char *rec_id, const char *marker_id,
				    const char *condition, const char *date, const char *note,
				    const char *now)
{
	char idbuf[37];
	if (!rec_id) {
		text_uuid_new(idbuf);
		rec_id = idbuf;
	}
	return db_exec(c->db,
		"INSERT INTO marker_conditions (id, marker_id, condition, date, note, recorded_by, recorded_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7)",
		DB_ARGS(DB_S(rec_id), DB_S(marker_id), DB_S(condition), DB_S(date), DB_S(note),
			DB_S(c->actor.username[0] ? c->actor.username : "system"), DB_S(now)),
		NULL, &c->err);
}

/*
 * The marker's condition becomes its latest record's, rec_id (the record
 * just made) winning a tie of date and time: recorded_at counts seconds,
 * and a record made in the same second as the one before (a marker's
 * first, then an inspection) must not lose to it by its random id.
 * last_inspected moves up to date.
 */
static enum bp_err condition_settle(struct ctx *c, const char *marker_id, const char *rec_id, const char *date,
				    const char *now)
{
	return db_exec(c->db,
		"UPDATE markers SET condition = (SELECT condition FROM marker_conditions WHERE marker_id = $1"
		"  ORDER BY date DESC, recorded_at DESC, (id = $4) DESC, id DESC LIMIT 1),"
		" last_inspected = CASE WHEN last_inspected IS NULL OR last_inspected < $2 THEN $2"
		"  ELSE last_inspected END, updated_at = $3 WHERE id = $1",
		DB_ARGS(DB_S(marker_id), DB_S(date), DB_S(now), DB_S(rec_id)), NULL, &c->err);
}

/*
 * The post of a marker from date on: the open period (the marker's
 * unit_id from post_from) is closed into marker_posts and the next opens
 * on the row; the caller's update of the row sets the new unit_id.
 */
static enum bp_err post_change(struct ctx *c, const char *marker_id, const char *date)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db,
		"SELECT unit_id, COALESCE(post_from, SUBSTR(created_at, 1, 10)) FROM markers WHERE id = $1",
		DB_ARGS(DB_S(marker_id)), &r, &c->err);
	if (rc)
		return rc;
	/* Changed twice in a day (or back-dated before the last change): the
	 * open period is given to the new post rather than split. */
	if (strcmp(db_text(r, 1), date) < 0) {
		rc = db_exec(c->db,
			"INSERT INTO marker_posts (marker_id, unit_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)",
			DB_ARGS(DB_S(marker_id), DB_S(db_text(r, 0)), DB_S(db_text(r, 1)), DB_S(date)), NULL,
			&c->err);
		if (!rc)
			rc = db_exec(c->db, "UPDATE markers SET post_from = $2 WHERE id = $1",
				     DB_ARGS(DB_S(marker_id), DB_S(date)), NULL, &c->err);
	}
	db_rows_free(r);
	return rc;
}

static db_arg elevation_arg(const struct marker_in *m)
{
	return m->has_elevation ? DB_R(m->elevation) : DB_NUL;
}

/*
 * The marker's row. With if_free, nothing is written when the id or the
 * number is taken (*inserted false), so that an import can try the
 * insert first and look at what is stored only when it must.
 */
static enum bp_err marker_row_insert(struct ctx *c, const char *id, const struct marker_in *m,
				     const char *post_id, const char *now, bool if_free, bool *inserted)
{
	char key[48];
	long long n = 0;
	sort_key(m->border, m->number, key);
	enum bp_err rc = db_exec(c->db, if_free ?
		"INSERT INTO markers (id, border, number, sort_key, type, form, lon, lat, elevation,"
		" built_by, condition, last_inspected, notes, unit_id, created_at, updated_at, post_from)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)"
		" ON CONFLICT DO NOTHING" :
		"INSERT INTO markers (id, border, number, sort_key, type, form, lon, lat, elevation,"
		" built_by, condition, last_inspected, notes, unit_id, created_at, updated_at, post_from)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)",
		DB_ARGS(DB_S(id), DB_S(m->border), DB_S(m->number), DB_S(key), DB_S(m->type),
			DB_S(m->form), DB_R(m->lon), DB_R(m->lat), elevation_arg(m), DB_S(m->built_by),
			DB_S(m->condition), DB_S(m->last_inspected), DB_S(m->notes), DB_S(post_id),
			DB_S(now), DB_S(m->post_from ? m->post_from : c->today)), &n, &c->err);
	*inserted = !rc && n > 0;
	return rc;
}

/* What a new marker starts with besides its row (which holds its post's
 * open period): the first record of its condition. */
static enum bp_err marker_history_start(struct ctx *c, const char *id, const struct marker_in *m,
					const char *cond_id, const char *now)
{
	return condition_insert(c, cond_id, id, m->condition,
				m->last_inspected ? m->last_inspected : c->today, NULL, now);
}

static enum bp_err marker_insert(struct ctx *c, const char *id, const struct marker_in *m,
				 const char *post_id, const char *now)
{
	bool inserted = false;
	enum bp_err rc = number_free(c, m->border, m->number, id);
	if (!rc)
		rc = marker_row_insert(c, id, m, post_id, now, false, &inserted);
	if (!rc)
		rc = marker_history_start(c, id, m, NULL, now);
	return rc;
}

static enum bp_err marker_update(struct ctx *c, const char *id, const struct marker_in *m,
				 json_t *stored, const char *post_id, const char *now)
{
	char key[48];
	sort_key(m->border, m->number, key);
	enum bp_err rc = number_free(c, m->border, m->number, id);
	if (!rc && strcmp(post_id_of(stored), post_id))
		rc = post_change(c, id, m->post_from ? m->post_from : c->today);
	if (!rc)
		rc = db_exec(c->db,
			"UPDATE markers SET border = $2, number = $3, sort_key = $4, type = $5, form = $6,"
			" lon = $7, lat = $8, elevation = $9, built_by = $10, last_inspected = $11,"
			" notes = $12, unit_id = $13, updated_at = $14 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(m->border), DB_S(m->number), DB_S(key), DB_S(m->type),
				DB_S(m->form), DB_R(m->lon), DB_R(m->lat), elevation_arg(m), DB_S(m->built_by),
				DB_S(m->last_inspected), DB_S(m->notes), DB_S(post_id), DB_S(now)),
			NULL, &c->err);
	/* A replaced record (PUT, an import) that says another condition is a
	 * new record of the condition, dated by its inspection. */
	if (!rc && !same_str(stored, "condition", m->condition)) {
		const char *date = m->last_inspected ? m->last_inspected : c->today;
		char cond_id[37];
		text_uuid_new(cond_id);
		rc = condition_insert(c, cond_id, id, m->condition, date, NULL, now);
		if (!rc)
			rc = condition_settle(c, id, cond_id, date, now);
	}
	return rc;
}

/* One write; with b, an import's (layer.h, struct layer_bulk): *out stays NULL. */
static enum bp_err marker_put_once(struct ctx *c, struct layer_bulk *b, const char *id, json_t *in,
				   enum layer_write mode, json_t **out, enum layer_done *done,
				   bool *existed)
{
	struct marker_in m;
	json_t *merged = NULL, *stored = NULL, *after = NULL;
	char post_id[37], post_code[65], idbuf[37];
	bool own = false, began = false;
	enum bp_err rc;
	*out = NULL;
	*done = LAYER_UNCHANGED;
	if (id && !text_uuid_valid(id))
		return err_field(&c->err, "id_invalid", "id");
	if (mode == LAYER_PATCH) {
		/* The patch is checked on its own first: its keys, and that it
		 * does not overwrite the condition, whose changes are records. */
		static const char *const patch_keys[] = { "border", "number", "type", "form", "lon", "lat",
			"elevation", "built_by", "condition", "last_inspected", "notes", "post", "post_from", NULL };
		if (!json_is_object(in))
			return err_set(&c->err, "bad_json", " (object expected)");
		if ((rc = json_check_keys(in, patch_keys, &c->err)) ||
		    (rc = marker_load_scoped(c, id, ACCESS_READ, &stored)))
			return rc;
		json_t *cond = json_object_get(in, "condition");
		if (cond && !json_equal(cond, json_object_get(stored, "condition"))) {
			json_decref(stored);
			return err_field(&c->err, "marker_condition_patch", "condition");
		}
		merged = marker_as_input(stored);
		json_object_update(merged, in);
		json_decref(stored);
		stored = NULL;
		in = merged;
	}
	if ((rc = marker_input_read(c, in, &m)))
		goto out;
	if (id && m.id && strcmp(id, m.id)) {
		rc = err_field(&c->err, "invalid_input", "id");
		goto out;
	}
	if (!id)
		id = m.id;
	if (!id) {
		text_uuid_new(idbuf);
		id = idbuf;
	}
	if ((rc = layer_bulk_unit_for_write(b, c, m.post, true, post_id, post_code)))
		goto out;
	if ((rc = layer_begin(c, &own)))
		goto out;
	began = true;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	if (b && layer_bulk_expect_new(b)) {
		/* Where an import registers new markers, the insert comes first,
		 * and does nothing when the id or the number is taken, which the
		 * stored record then tells apart. */
		bool inserted = false;
		char cond_id[37];
		layer_bulk_uuid(b, cond_id);
		if ((rc = marker_row_insert(c, id, &m, post_id, now, true, &inserted)))
			goto out;
		if (inserted) {
			if (!(rc = marker_history_start(c, id, &m, cond_id, now)))
				*done = LAYER_CREATED;
			goto out;
		}
	}
	rc = marker_load(c, id, &stored);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		stored = NULL;
		rc = BP_OK;
	}
	if (rc)
		goto out;
	*existed = stored != NULL;
	if (b)
		layer_bulk_saw(b, *existed);
	if (stored) {
		/* A record of another scope is not to be confirmed nor changed. */
		if ((rc = layer_bulk_access(b, c, post_id_of(stored), true, ACCESS_READ)))
			goto out;
		if (marker_same(stored, &m, post_id)) {
			if (!b) {
				*out = stored;
				stored = NULL;
			}
			goto out;
		}
		if (mode == LAYER_CREATE) {
			rc = err_set(&c->err, "id_conflict", id);
			goto out;
		}
		if ((rc = layer_bulk_access(b, c, post_id_of(stored), false, ACCESS_WRITE)) ||
		    (rc = marker_update(c, id, &m, stored, post_id, now)))
			goto out;
		if (!b && ((rc = marker_load(c, id, &after)) ||
			   (rc = audit_record(c, "marker", id, post_id, "update", stored, after))))
			goto out;
		*done = LAYER_UPDATED;
	} else {
		if (mode == LAYER_PATCH) {
			rc = err_set(&c->err, "marker_not_found", NULL);
			goto out;
		}
		if ((rc = marker_insert(c, id, &m, post_id, now)))
			goto out;
		if (!b && ((rc = marker_load(c, id, &after)) ||
			   (rc = audit_record(c, "marker", id, post_id, "create", NULL, after))))
			goto out;
		*done = LAYER_CREATED;
	}
	*out = after;
	after = NULL;
out:
	if (began)
		rc = layer_end(c, own, rc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(merged);
	json_decref(stored);
	json_decref(after);
	return rc;
}

/*
 * Two identical requests at once: where transactions do not wait for one
 * another (PostgreSQL), the loser's insert meets the winner's row, or its
 * check of the number meets the winner's marker. It is tried once more
 * and is then a repeat, or a real clash again. Inside an import's
 * transaction nothing is retried: the import is one writer.
 */
enum bp_err marker_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		       json_t **out, enum layer_done *done)
{
	bool retry = !db_in_tx(c->db);
	for (int attempt = 0;; attempt++) {
		bool existed = false;
		enum bp_err rc = marker_put_once(c, NULL, id, in, mode, out, done, &existed);
		if (retry && attempt == 0 && !existed && rc == BP_ECONFLICT &&
		    (!strcmp(c->err.code, "id_conflict") || !strcmp(c->err.code, "marker_number_taken"))) {
			err_clear(&c->err);
			continue;
		}
		return rc;
	}
}

/*
 * What still points at a marker: segments that end at it, activities
 * recorded at it. Counted across every scope, since a segment of the
 * next post may end at this post's marker; only the number is told.
 */
static enum bp_err marker_unused(struct ctx *c, const char *id, const char *number)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"SELECT (SELECT COUNT(*) FROM segments WHERE from_marker = $1 OR to_marker = $1)"
		" + (SELECT COUNT(*) FROM activities WHERE marker_id = $1)",
		DB_ARGS(DB_S(id)), &n, &c->err);
	if (!rc && n)
		rc = err_set(&c->err, "marker_in_use", number);
	return rc;
}

enum bp_err marker_delete(struct ctx *c, const char *id)
{
	json_t *before = NULL;
	bool own = false;
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc)
		return rc;
	/* Read first (out_of_scope for a marker the actor cannot see, as a
	 * GET), then the right to write at its post. */
	if ((rc = marker_get(c, id, &before)) ||
	    (rc = access_unit(c, post_id_of(before), ACCESS_WRITE)) ||
	    (rc = layer_begin(c, &own)))
		goto out;
	const char *number = json_string_value(json_object_get(before, "number"));
	long long n = 0;
	if (!(rc = marker_unused(c, id, number)) &&
	    !(rc = db_exec(c->db, "DELETE FROM marker_conditions WHERE marker_id = $1", DB_ARGS(DB_S(id)),
			   NULL, &c->err)) &&
	    !(rc = db_exec(c->db, "DELETE FROM marker_posts WHERE marker_id = $1", DB_ARGS(DB_S(id)),
			   NULL, &c->err)))
		rc = db_exec(c->db, "DELETE FROM markers WHERE id = $1", DB_ARGS(DB_S(id)), &n, &c->err);
	/* A foreign key of a table this file does not know of. */
	if (rc == BP_EINVAL)
		rc = err_set(&c->err, "marker_in_use", number);
	else if (!rc && !n)
		rc = err_set(&c->err, "marker_not_found", NULL);
	if (!rc)
		rc = audit_record(c, "marker", id, post_id_of(before), "delete", before, NULL);
	rc = layer_end(c, own, rc);
out:
	json_decref(before);
	return rc;
}

enum bp_err marker_put_bulk(struct layer_bulk *b, json_t *in, enum layer_done *done)
{
	json_t *out = NULL;
	bool existed = false;
	enum bp_err rc = marker_put_once(layer_bulk_ctx(b), b, NULL, in, LAYER_PUT, &out, done, &existed);
	json_decref(out);
	return rc;
}

enum bp_err marker_condition_add(struct ctx *c, const char *id, json_t *in, json_t **out,
				 enum layer_done *done)
{
	static const char *const keys[] = { "id", "condition", "date", "note", NULL };
	const char *rec_id = NULL, *condition = NULL, *date = NULL, *note = NULL;
	json_t *before = NULL, *after = NULL;
	bool own = false;
	enum bp_err rc;
	*out = NULL;
	*done = LAYER_UNCHANGED;
	if (!text_uuid_valid(id))
		return err_set(&c->err, "marker_not_found", NULL);
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, &rec_id, &c->err)) ||
	    (rc = layer_get_enum(in, "condition", true, marker_conditions, NULL, &condition, &c->err)) ||
	    (rc = json_get_date(in, "date", false, &date, &c->err)) ||
	    (rc = json_get_str(in, "note", false, LAYER_NOTES_MAX, &note, &c->err)))
		return rc;
	if (date && strcmp(date, c->today) > 0)
		return err_field(&c->err, "date_future", "date");
	if (!date)
		date = c->today;
	if ((rc = marker_load_scoped(c, id, ACCESS_WRITE, &before)))
		return rc;
	if ((rc = layer_begin(c, &own)))
		goto out;
	bool replay = false;
	if (rec_id) {
		/* A record sent again: the same one is answered, another is a clash. */
		struct db_rows *r = NULL;
		rc = db_query_one(c->db,
			"SELECT marker_id, condition, date, note FROM marker_conditions WHERE id = $1",
			DB_ARGS(DB_S(rec_id)), &r, &c->err);
		if (rc == BP_ENOTFOUND) {
			err_clear(&c->err);
			rc = BP_OK;
		} else if (!rc) {
			const char *n = db_text(r, 3);
			replay = !strcmp(db_text(r, 0), id) && !strcmp(db_text(r, 1), condition) &&
				 !strcmp(db_text(r, 2), date) && ((!n && !note) || (n && note && !strcmp(n, note)));
			db_rows_free(r);
			if (!replay)
				rc = err_set(&c->err, "id_conflict", rec_id);
		}
	}
	if (!rc && !replay) {
		char now[TIMESTAMP_LEN], cond_id[37];
		timestamp_now(now);
		if (!rec_id) {
			text_uuid_new(cond_id);
			rec_id = cond_id;
		}
		if (!(rc = condition_insert(c, rec_id, id, condition, date, note, now)) &&
		    !(rc = condition_settle(c, id, rec_id, date, now)) &&
		    !(rc = marker_load(c, id, &after))) {
			json_t *rec = json_pack("{s:s, s:s, s:s?}", "condition", condition, "date", date, "note", note);
			json_object_set(rec, "marker", after);
			rc = audit_record(c, "marker", id, post_id_of(after), "condition", before, rec);
			json_decref(rec);
		}
		if (!rc)
			*done = LAYER_CREATED;
	}
	rc = layer_end(c, own, rc);
	if (!rc)
		rc = marker_get(c, id, out);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

enum bp_err marker_map_rows(struct ctx *c, const struct registry_filter *f, struct db_rows **out)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37];
	*out = NULL;
	buf_init(&sql, 8192);
	/* The columns MARKER_MAP_*, without the post's code and name, which
	 * the map asks once a post rather than join to each marker. No
	 * order; a box is read through markers_lon_lat (marker_box_sql). */
	enum bp_err rc = marker_box_sql(c,
		"SELECT x.id, x.border, x.number, x.type, x.form, x.lon, x.lat, x.elevation, x.built_by,"
		" x.condition, x.last_inspected, x.notes, x.unit_id FROM markers x",
		f, &sql, args, &next, unit_id);
	if (!rc)
		rc = db_query(c->db, sql.data, args, next - 1, out, &c->err);
	buf_release(&sql);
	return rc;
}

enum bp_err marker_export(struct ctx *c, const struct registry_filter *f, feature_fn fn, void *arg)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37];
	struct db_rows *r = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	buf_init(&sql, 8192);
	if ((rc = layer_export_sql(c, MARKER_SELECT, true, true, true, f, &sql, args, &next, unit_id)))
		goto out;
	buf_adds(&sql, " ORDER BY x.sort_key");
	if ((rc = db_query_stream(c->db, sql.data, args, next - 1, &r, &c->err)))
		goto out;
	int s;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		struct geo_pos pos = { .lon = db_real(r, 5), .lat = db_real(r, 6),
				       .ele = db_real(r, 7), .has_ele = !db_isnull(r, 7) };
		struct feature ft = { .type = GEOM_POINT, .pos = &pos, .npos = 1, .props = json_object() };
		json_set_str(ft.props, "id", db_text(r, 0));
		json_set_str(ft.props, "number", db_text(r, 2));
		json_set_str(ft.props, "border", db_text(r, 1));
		json_set_str(ft.props, "type", db_text(r, 3));
		json_set_str(ft.props, "form", db_text(r, 4));
		layer_set_num(ft.props, "elevation", pos.has_ele, pos.ele);
		json_set_str(ft.props, "built_by", db_text(r, 8));
		json_set_str(ft.props, "condition", db_text(r, 9));
		json_set_str(ft.props, "last_inspected", db_text(r, 10));
		json_set_str(ft.props, "notes", db_text(r, 11));
		json_set_str(ft.props, "post", db_text(r, 13));
		rc = fn(arg, &ft, &c->err);
		json_decref(ft.props);
	}
	if (!rc && s < 0)
		rc = c->err.kind;
out:
	db_rows_free(r);
	buf_release(&sql);
	return rc;
}
