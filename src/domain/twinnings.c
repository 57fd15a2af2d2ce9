/*
 * twinnings.c - twinned residential clusters across the border; see
 * twinnings.h. The write follows layer_put (layer.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/twinnings.h"
#include "util/json.h"

static const char *const twinning_countries[] = { "CN", "LA", "KH", NULL };

struct twinning_in {
	const char *other_name, *other_country, *signed_on, *ended, *notes;
};

#define TWINNING_SELECT \
	"SELECT x.id, x.unit_id, u.code, u.name, u.kind, x.other_name, x.other_country, x.signed, x.ended," \
	" x.notes, x.created_at, x.updated_at FROM twinnings x JOIN units u ON u.id = x.unit_id"

static json_t *twinning_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_object_set_new(o, "unit", people_unit_json(db_text(r, 1), db_text(r, 2), db_text(r, 3), db_text(r, 4)));
	json_set_str(o, "other_name", db_text(r, 5));
	json_set_str(o, "other_country", db_text(r, 6));
	json_set_str(o, "signed", db_text(r, 7));
	json_set_str(o, "ended", db_text(r, 8));
	json_set_str(o, "notes", db_text(r, 9));
	json_set_str(o, "created_at", db_text(r, 10));
	json_set_str(o, "updated_at", db_text(r, 11));
	return o;
}

static enum bp_err twinning_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, TWINNING_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "twinning_not_found", NULL);
	if (rc)
		return rc;
	*out = twinning_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static json_t *twinning_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "other_name", "other_country", "signed", "ended", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "unit", json_string(layer_unit_id_of(s, "unit")));
	return in;
}

static enum bp_err twinning_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "unit", "other_name", "other_country", "signed", "ended",
					    "notes", NULL };
	struct twinning_in *t = rec;
	enum bp_err rc;
	memset(t, 0, sizeof(*t));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, unit, &c->err)) ||
	    (rc = json_get_str(in, "other_name", true, PEOPLE_NAME_MAX, &t->other_name, &c->err)) ||
	    (rc = layer_get_enum(in, "other_country", true, twinning_countries, "country_invalid",
				 &t->other_country, &c->err)) ||
	    (rc = people_get_period(c, in, "signed", true, "ended", true, &t->signed_on, &t->ended)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &t->notes, &c->err)))
		return rc;
	if (!*t->other_name)
		return err_field(&c->err, "field_empty", "other_name");
	return BP_OK;
}

static bool twinning_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct twinning_in *t = rec;
	return layer_same_str(s, "other_name", t->other_name) &&
	       layer_same_str(s, "other_country", t->other_country) && layer_same_str(s, "signed", t->signed_on) &&
	       layer_same_str(s, "ended", t->ended) && layer_same_str(s, "notes", t->notes) &&
	       !strcmp(layer_unit_id_of(s, "unit"), unit_id);
}

static enum bp_err twinning_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				   const char *now)
{
	const struct twinning_in *t = rec;
	enum bp_err rc = people_unit_check(c, unit_id, NULL);
	if (rc)
		return rc;
	return db_exec(c->db,
		"INSERT INTO twinnings (id, unit_id, other_name, other_country, signed, ended, notes, created_at,"
		" updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
		DB_ARGS(DB_S(id), DB_S(unit_id), DB_S(t->other_name), DB_S(t->other_country), DB_S(t->signed_on),
			DB_S(t->ended), DB_S(t->notes), DB_S(now)), NULL, &c->err);
}

static enum bp_err twinning_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				   const char *now)
{
	const struct twinning_in *t = rec;
	enum bp_err rc = people_unit_check(c, unit_id, NULL);
	if (rc)
		return rc;
	return db_exec(c->db,
		"UPDATE twinnings SET unit_id = $2, other_name = $3, other_country = $4, signed = $5, ended = $6,"
		" notes = $7, updated_at = $8 WHERE id = $1",
		DB_ARGS(DB_S(id), DB_S(unit_id), DB_S(t->other_name), DB_S(t->other_country), DB_S(t->signed_on),
			DB_S(t->ended), DB_S(t->notes), DB_S(now)), NULL, &c->err);
}

static const char *const twinning_patch_keys[] = { "unit", "other_name", "other_country", "signed", "ended",
						   "notes", NULL };

static const struct layer_ops twinning_ops = {
	.entity = "twinning", .not_found = "twinning_not_found", .unit_key = "unit", .post_only = false,
	.patch_keys = twinning_patch_keys, .load = twinning_load, .as_input = twinning_as_input,
	.read = twinning_read, .same = twinning_same, .insert = twinning_insert, .update = twinning_update,
};

enum bp_err twinning_get(struct ctx *c, const char *id, json_t **out)
{
	return layer_get(c, &twinning_ops, id, out);
}

enum bp_err twinning_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
			 enum layer_done *done)
{
	struct twinning_in t;
	return layer_put(c, &twinning_ops, &t, id, in, mode, out, done);
}

enum bp_err twinning_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			  json_t **out)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37] = "";
	char *pattern = NULL;
	*out = NULL;
	buf_init(&sql, 8192);
	enum bp_err rc = people_list_start(c, TWINNING_SELECT, f->unit, &sql, args, &next, unit_id);
	if (!rc && f->country) {
		if (strcmp(f->country, "CN") && strcmp(f->country, "LA") && strcmp(f->country, "KH"))
			rc = err_set(&c->err, "country_invalid", NULL);
		buf_addf(&sql, " AND x.other_country = $%d", next);
		args[next++ - 1] = DB_S(f->country);
	}
	if (!rc && f->active_on) {
		if (!date_valid(f->active_on))
			rc = err_field(&c->err, "date_invalid", "active_on");
		buf_addf(&sql, " AND x.signed <= $%d AND (x.ended IS NULL OR x.ended > $%d)", next, next);
		args[next++ - 1] = DB_S(f->active_on);
	}
	if (!rc) {
		static const char *const cols[] = { "x.other_name", "u.name", NULL };
		people_q_sql(f->q, cols, &sql, args, &next, &pattern);
		rc = people_list_page(c, &sql, args, next, cursor, limit, twinning_row_json, out);
	}
	free(pattern);
	buf_release(&sql);
	return rc;
}

static enum bp_err twinning_remove(struct ctx *c, const char *id)
{
	return db_exec(c->db, "DELETE FROM twinnings WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
}

enum bp_err twinning_delete(struct ctx *c, const char *id)
{
	return people_delete(c, &twinning_ops, id, twinning_remove);
}
