/*
 * households.c - households and collectives; see households.h. The write
 * follows layer_put (layer.c): one transaction with its audit row, a
 * retried create answered with the stored record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/households.h"
#include "domain/registrations.h"
#include "domain/units.h"
#include "util/json.h"
#include "util/text.h"

static const char *const household_kinds[] = { "household", "collective", NULL };

struct household_in {
	const char *kind, *name, *village_name, *phone, *notes;
	long long people;
};

#define HOUSEHOLD_SELECT \
	"SELECT x.id, x.kind, x.name, x.unit_id, u.code, u.name, u.kind, x.village_name, x.phone," \
	" x.people, x.notes, x.created_at, x.updated_at FROM households x JOIN units u ON u.id = x.unit_id"

static json_t *household_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "kind", db_text(r, 1));
	json_set_str(o, "name", db_text(r, 2));
	json_object_set_new(o, "unit", people_unit_json(db_text(r, 3), db_text(r, 4), db_text(r, 5), db_text(r, 6)));
	json_set_str(o, "village_name", db_text(r, 7));
	json_set_str(o, "phone", db_text(r, 8));
	json_object_set_new(o, "people", json_integer(db_int(r, 9)));
	json_set_str(o, "notes", db_text(r, 10));
	json_set_str(o, "created_at", db_text(r, 11));
	json_set_str(o, "updated_at", db_text(r, 12));
	return o;
}

static enum bp_err household_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, HOUSEHOLD_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "household_not_found", NULL);
	if (rc)
		return rc;
	*out = household_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

static json_t *household_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "kind", "name", "village_name", "phone", "people", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "unit", json_string(layer_unit_id_of(s, "unit")));
	return in;
}

/* A phone as people write it: digits, spaces, + - . ( ), at least 3 digits. */
static bool phone_valid(const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +-.()", *s))
			return false;
	}
	return digits >= 3;
}

static enum bp_err household_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "kind", "name", "unit", "village_name", "phone", "people",
					    "notes", NULL };
	struct household_in *h = rec;
	enum bp_err rc;
	memset(h, 0, sizeof(*h));
	if ((rc = people_refuse_id_numbers(c, in)) ||
	    (rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = layer_get_enum(in, "kind", true, household_kinds, NULL, &h->kind, &c->err)) ||
	    (rc = json_get_str(in, "name", true, PEOPLE_NAME_MAX, &h->name, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, unit, &c->err)) ||
	    (rc = json_get_str(in, "village_name", false, PEOPLE_NAME_MAX, &h->village_name, &c->err)) ||
	    (rc = json_get_str(in, "phone", false, PEOPLE_PHONE_MAX, &h->phone, &c->err)) ||
	    (rc = people_get_int(c, in, "people", 0, PEOPLE_PEOPLE_MAX, 0, &h->people)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &h->notes, &c->err)))
		return rc;
	if (!*h->name)
		return err_field(&c->err, "field_empty", "name");
	if (h->village_name && !*h->village_name)
		h->village_name = NULL;
	if (h->phone && !*h->phone)
		h->phone = NULL;
	if (h->phone && !phone_valid(h->phone))
		return err_field(&c->err, "phone_invalid", "phone");
	return BP_OK;
}

static bool household_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct household_in *h = rec;
	return layer_same_str(s, "kind", h->kind) && layer_same_str(s, "name", h->name) &&
	       layer_same_str(s, "village_name", h->village_name) && layer_same_str(s, "phone", h->phone) &&
	       json_integer_value(json_object_get(s, "people")) == h->people &&
	       layer_same_str(s, "notes", h->notes) && !strcmp(layer_unit_id_of(s, "unit"), unit_id);
}

static enum bp_err household_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				    const char *now)
{
	const struct household_in *h = rec;
	enum bp_err rc = people_unit_check(c, unit_id, NULL);
	if (rc)
		return rc;
	return db_exec(c->db,
		"INSERT INTO households (id, kind, name, unit_id, village_name, phone, people, notes,"
		" created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
		DB_ARGS(DB_S(id), DB_S(h->kind), DB_S(h->name), DB_S(unit_id), DB_S(h->village_name),
			DB_S(h->phone), DB_I(h->people), DB_S(h->notes), DB_S(now)), NULL, &c->err);
}

static enum bp_err household_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				    const char *now)
{
	const struct household_in *h = rec;
	enum bp_err rc = people_unit_check(c, unit_id, NULL);
	if (!rc)
		rc = db_exec(c->db,
			"UPDATE households SET kind = $2, name = $3, unit_id = $4, village_name = $5, phone = $6,"
			" people = $7, notes = $8, updated_at = $9 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(h->kind), DB_S(h->name), DB_S(unit_id), DB_S(h->village_name),
				DB_S(h->phone), DB_I(h->people), DB_S(h->notes), DB_S(now)), NULL, &c->err);
	/* The registrations follow their household into its new village. */
	if (!rc)
		rc = db_exec(c->db, "UPDATE registrations SET unit_id = $2 WHERE household_id = $1",
			     DB_ARGS(DB_S(id), DB_S(unit_id)), NULL, &c->err);
	return rc;
}

static const char *const household_patch_keys[] = { "kind", "name", "unit", "village_name", "phone", "people",
						     "notes", "id_number", "cccd", "cmnd", "so_cccd", "so_cmnd",
						     NULL };

static const struct layer_ops household_ops = {
	.entity = "household", .not_found = "household_not_found", .unit_key = "unit", .post_only = false,
	.patch_keys = household_patch_keys, .load = household_load, .as_input = household_as_input,
	.read = household_read, .same = household_same, .insert = household_insert,
	.update = household_update,
};

enum bp_err household_get(struct ctx *c, const char *id, json_t **out)
{
	enum bp_err rc = layer_get(c, &household_ops, id, out);
	json_t *regs = NULL;
	if (!rc && !(rc = registration_list_of(c, id, &regs)))
		json_object_set_new(*out, "registrations", regs);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err household_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
			  enum layer_done *done)
{
	struct household_in h;
	return layer_put(c, &household_ops, &h, id, in, mode, out, done);
}

enum bp_err household_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			   json_t **out)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37] = "", village_id[37] = "";
	char *pattern = NULL;
	*out = NULL;
	buf_init(&sql, 8192);
	enum bp_err rc = people_list_start(c, HOUSEHOLD_SELECT, f->unit, &sql, args, &next, unit_id);
	if (!rc && f->kind) {
		if (strcmp(f->kind, "household") && strcmp(f->kind, "collective"))
			rc = err_field(&c->err, "enum_invalid", "kind");
		buf_addf(&sql, " AND x.kind = $%d", next);
		args[next++ - 1] = DB_S(f->kind);
	}
	if (!rc && f->village && *f->village) {
		/* A village of the tree by id or code, else the text of village_name. */
		if (unit_resolve(c, f->village, village_id) == BP_OK) {
			buf_addf(&sql, " AND x.unit_id = $%d", next);
			args[next++ - 1] = DB_S(village_id);
		} else {
			err_clear(&c->err);
			buf_addf(&sql, " AND LOWER(x.village_name) = LOWER($%d)", next);
			args[next++ - 1] = DB_S(f->village);
		}
	}
	if (!rc && f->active_on) {
		if (!date_valid(f->active_on))
			rc = err_field(&c->err, "date_invalid", "active_on");
		buf_addf(&sql, " AND EXISTS (SELECT 1 FROM registrations g WHERE g.household_id = x.id"
			 " AND g.date_from <= $%d AND (g.date_to IS NULL OR g.date_to >= $%d))", next, next);
		args[next++ - 1] = DB_S(f->active_on);
	}
	if (!rc) {
		static const char *const cols[] = { "x.name", "x.village_name", "x.phone", NULL };
		people_q_sql(f->q, cols, &sql, args, &next, &pattern);
		rc = people_list_page(c, &sql, args, next, cursor, limit, household_row_json, out);
	}
	free(pattern);
	buf_release(&sql);
	return rc;
}

static enum bp_err household_remove(struct ctx *c, const char *id)
{
	enum bp_err rc = registration_delete_of_household(c, id);
	if (!rc)
		rc = db_exec(c->db, "UPDATE group_members SET household_id = NULL WHERE household_id = $1",
			     DB_ARGS(DB_S(id)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "DELETE FROM households WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
	return rc;
}

enum bp_err household_delete(struct ctx *c, const char *id)
{
	return people_delete(c, &household_ops, id, household_remove);
}
