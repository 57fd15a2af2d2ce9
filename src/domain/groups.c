/*
 * groups.c - security and self-management groups and their members; see
 * groups.h. Members are rows of group_members, in the order given,
 * replaced as a whole by a write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/groups.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

const char *const group_kinds[] = { "tu_quan_antt", "bao_ve_antt", "tau_thuyen", NULL };
static const char *const member_roles[] = { "leader", "deputy", "member", NULL };

/* The day the Law on forces protecting security and order at the grassroots took effect. */
#define BAO_VE_ANTT_FROM "2024-07-01"
#define GROUP_MEMBERS_MAX 500

struct group_member {
	const char *id, *name, *role, *household, *date_from, *date_to;
	char idbuf[37];
};

struct group_in {
	const char *kind, *name, *founded, *dissolved, *notes;
	struct group_member *m;
	size_t nm;
};

#define GROUP_SELECT \
	"SELECT x.id, x.kind, x.name, x.unit_id, u.code, u.name, u.kind, x.founded, x.dissolved, x.notes," \
	" x.created_at, x.updated_at FROM people_groups x JOIN units u ON u.id = x.unit_id"

static json_t *group_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "kind", db_text(r, 1));
	json_set_str(o, "name", db_text(r, 2));
	json_object_set_new(o, "unit", people_unit_json(db_text(r, 3), db_text(r, 4), db_text(r, 5), db_text(r, 6)));
	json_set_str(o, "founded", db_text(r, 7));
	json_set_str(o, "dissolved", db_text(r, 8));
	json_set_str(o, "notes", db_text(r, 9));
	json_set_str(o, "created_at", db_text(r, 10));
	json_set_str(o, "updated_at", db_text(r, 11));
	return o;
}

static enum bp_err group_members_json(struct ctx *c, json_t *o)
{
	struct db_rows *r = NULL;
	json_t *a = json_array();
	json_object_set_new(o, "members", a);
	enum bp_err rc = db_query(c->db,
		"SELECT m.id, m.name, m.role, m.household_id, h.name, m.date_from, m.date_to FROM group_members m"
		" LEFT JOIN households h ON h.id = m.household_id WHERE m.group_id = $1 ORDER BY m.position",
		DB_ARGS(DB_S(json_string_value(json_object_get(o, "id")))), &r, &c->err);
	int st = 0;
	while (!rc && (st = db_next(r, &c->err)) > 0) {
		json_t *h = db_isnull(r, 3) ? json_null()
			  : json_pack("{s:s, s:s}", "id", db_text(r, 3), "name", db_text(r, 4));
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:s, s:s?}", "id", db_text(r, 0),
			"name", db_text(r, 1), "role", db_text(r, 2), "household", h, "date_from", db_text(r, 5),
			"date_to", db_text(r, 6)));
	}
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static enum bp_err group_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, GROUP_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "group_not_found", NULL);
	if (rc)
		return rc;
	*out = group_row_json(r);
	db_rows_free(r);
	if ((rc = group_members_json(c, *out))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static json_t *group_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "kind", "name", "founded", "dissolved", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_object_set_new(in, "unit", json_string(layer_unit_id_of(s, "unit")));
	json_t *ms = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(s, "members"), i, m) {
		json_t *x = json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(m, "id"), "name",
				      json_object_get(m, "name"), "role", json_object_get(m, "role"), "date_from",
				      json_object_get(m, "date_from"));
		json_t *h = json_object_get(json_object_get(m, "household"), "id");
		if (h)
			json_object_set(x, "household", h);
		if (json_is_string(json_object_get(m, "date_to")))
			json_object_set(x, "date_to", json_object_get(m, "date_to"));
		json_array_append_new(ms, x);
	}
	json_object_set_new(in, "members", ms);
	return in;
}

static void group_release(void *rec)
{
	struct group_in *g = rec;
	free(g->m);
	g->m = NULL;
}

static enum bp_err read_members(struct ctx *c, json_t *in, struct group_in *g)
{
	json_t *a = json_object_get(in, "members");
	if (!a || json_is_null(a))
		return BP_OK;
	if (!json_is_array(a))
		return err_field(&c->err, "field_type", "members");
	if (json_array_size(a) > GROUP_MEMBERS_MAX)
		return err_field(&c->err, "field_too_long", "members");
	g->m = xcalloc(json_array_size(a) + 1, sizeof(*g->m));
	size_t i;
	json_t *x;
	enum bp_err rc = BP_OK;
	json_array_foreach(a, i, x) {
		static const char *const keys[] = { "id", "name", "role", "household", "date_from", "date_to", NULL };
		struct group_member *m = &g->m[g->nm++];
		if (!json_is_object(x))
			return err_field(&c->err, "field_type", "members");
		if ((rc = people_refuse_id_numbers(c, x)) || (rc = json_check_keys(x, keys, &c->err)) ||
		    (rc = json_get_uuid(x, "id", false, &m->id, &c->err)) ||
		    (rc = json_get_str(x, "name", true, PEOPLE_NAME_MAX, &m->name, &c->err)) ||
		    (rc = layer_get_enum(x, "role", false, member_roles, NULL, &m->role, &c->err)) ||
		    (rc = json_get_uuid(x, "household", false, &m->household, &c->err)) ||
		    (rc = people_get_period(c, x, "date_from", false, "date_to", false, &m->date_from, &m->date_to)))
			return rc;
		if (!*m->name)
			return err_field(&c->err, "field_empty", "name");
		if (!m->role)
			m->role = "member";
		if (!m->date_from)
			m->date_from = g->founded;
		if (strcmp(m->date_from, g->founded) < 0)
			return err_set(&c->err, "group_member_dates", m->name);
		if (g->dissolved && strcmp(m->date_from, g->dissolved) >= 0)
			return err_set(&c->err, "group_member_dates", m->name);
		for (size_t k = 0; m->id && k + 1 < g->nm; k++)
			if (g->m[k].id && !strcmp(g->m[k].id, m->id))
				return err_field(&c->err, "list_duplicate", "members");
	}
	return BP_OK;
}

static enum bp_err group_read(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit)
{
	static const char *const keys[] = { "id", "kind", "name", "unit", "founded", "dissolved", "notes",
					    "members", NULL };
	struct group_in *g = rec;
	enum bp_err rc;
	memset(g, 0, sizeof(*g));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = layer_get_enum(in, "kind", true, group_kinds, NULL, &g->kind, &c->err)) ||
	    (rc = json_get_str(in, "name", true, PEOPLE_NAME_MAX, &g->name, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, unit, &c->err)) ||
	    (rc = people_get_period(c, in, "founded", true, "dissolved", true, &g->founded, &g->dissolved)) ||
	    (rc = json_get_str(in, "notes", false, LAYER_NOTES_MAX, &g->notes, &c->err)))
		return rc;
	if (!*g->name)
		return err_field(&c->err, "field_empty", "name");
	if (!strcmp(g->kind, "bao_ve_antt") && strcmp(g->founded, BAO_VE_ANTT_FROM) < 0)
		return err_field(&c->err, "group_kind_date", "founded");
	/* layer_put releases a record only once it was read: a failed read frees its own. */
	if ((rc = read_members(c, in, g)))
		group_release(g);
	return rc;
}

static bool group_same(json_t *s, const void *rec, const char *unit_id)
{
	const struct group_in *g = rec;
	json_t *ms = json_object_get(s, "members");
	if (!layer_same_str(s, "kind", g->kind) || !layer_same_str(s, "name", g->name) ||
	    !layer_same_str(s, "founded", g->founded) || !layer_same_str(s, "dissolved", g->dissolved) ||
	    !layer_same_str(s, "notes", g->notes) || strcmp(layer_unit_id_of(s, "unit"), unit_id) ||
	    json_array_size(ms) != g->nm)
		return false;
	for (size_t i = 0; i < g->nm; i++) {
		json_t *x = json_array_get(ms, i);
		const struct group_member *m = &g->m[i];
		json_t *h = json_object_get(x, "household");
		if ((m->id && !layer_same_str(x, "id", m->id)) || !layer_same_str(x, "name", m->name) ||
		    !layer_same_str(x, "role", m->role) || !layer_same_str(x, "date_from", m->date_from) ||
		    !layer_same_str(x, "date_to", m->date_to) ||
		    !layer_same_str(json_is_object(h) ? h : NULL, "id", m->household))
			return false;
	}
	return true;
}

/* The members' households: they exist and the actor may read them. */
static enum bp_err group_check(struct ctx *c, const struct group_in *g, const char *unit_id)
{
	enum bp_err rc = people_unit_check(c, unit_id, NULL);
	for (size_t i = 0; !rc && i < g->nm; i++) {
		if (!g->m[i].household)
			continue;
		struct db_rows *r = NULL;
		rc = db_query_one(c->db, "SELECT unit_id FROM households WHERE id = $1",
				  DB_ARGS(DB_S(g->m[i].household)), &r, &c->err);
		if (rc == BP_ENOTFOUND)
			return err_field(&c->err, "household_not_found", "members");
		if (!rc)
			rc = access_unit(c, db_text(r, 0), ACCESS_READ);
		db_rows_free(r);
	}
	return rc;
}

static enum bp_err group_write_members(struct ctx *c, const char *id, struct group_in *g)
{
	enum bp_err rc = db_exec(c->db, "DELETE FROM group_members WHERE group_id = $1", DB_ARGS(DB_S(id)), NULL,
				 &c->err);
	for (size_t i = 0; !rc && i < g->nm; i++) {
		struct group_member *m = &g->m[i];
		if (!m->id) {
			text_uuid_new(m->idbuf);
			m->id = m->idbuf;
		}
		rc = db_exec(c->db, "INSERT INTO group_members (id, group_id, name, role, household_id, date_from,"
			     " date_to, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			     DB_ARGS(DB_S(m->id), DB_S(id), DB_S(m->name), DB_S(m->role), DB_S(m->household),
				     DB_S(m->date_from), DB_S(m->date_to), DB_I((long long)i)), NULL, &c->err);
		if (rc == BP_ECONFLICT)
			rc = err_set(&c->err, "id_conflict", m->id);
	}
	return rc;
}

static enum bp_err group_insert(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				const char *now)
{
	struct group_in *g = (struct group_in *)rec;
	enum bp_err rc = group_check(c, g, unit_id);
	if (!rc)
		rc = db_exec(c->db,
			"INSERT INTO people_groups (id, kind, name, unit_id, founded, dissolved, notes, created_at,"
			" updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
			DB_ARGS(DB_S(id), DB_S(g->kind), DB_S(g->name), DB_S(unit_id), DB_S(g->founded),
				DB_S(g->dissolved), DB_S(g->notes), DB_S(now)), NULL, &c->err);
	if (!rc)
		rc = group_write_members(c, id, g);
	return rc;
}

static enum bp_err group_update(struct ctx *c, const char *id, const void *rec, const char *unit_id,
				const char *now)
{
	struct group_in *g = (struct group_in *)rec;
	enum bp_err rc = group_check(c, g, unit_id);
	if (!rc)
		rc = db_exec(c->db,
			"UPDATE people_groups SET kind = $2, name = $3, unit_id = $4, founded = $5, dissolved = $6,"
			" notes = $7, updated_at = $8 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(g->kind), DB_S(g->name), DB_S(unit_id), DB_S(g->founded),
				DB_S(g->dissolved), DB_S(g->notes), DB_S(now)), NULL, &c->err);
	if (!rc)
		rc = group_write_members(c, id, g);
	return rc;
}

static const char *const group_patch_keys[] = { "kind", "name", "unit", "founded", "dissolved", "notes",
						"members", NULL };

static const struct layer_ops group_ops = {
	.entity = "group", .not_found = "group_not_found", .unit_key = "unit", .post_only = false,
	.patch_keys = group_patch_keys, .load = group_load, .as_input = group_as_input, .read = group_read,
	.same = group_same, .insert = group_insert, .update = group_update, .release = group_release,
};

enum bp_err group_get(struct ctx *c, const char *id, json_t **out)
{
	return layer_get(c, &group_ops, id, out);
}

enum bp_err group_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
		      enum layer_done *done)
{
	struct group_in g;
	return layer_put(c, &group_ops, &g, id, in, mode, out, done);
}

enum bp_err group_list(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
		       json_t **out)
{
	struct buf sql;
	db_arg args[16];
	int next = 4;
	char unit_id[37] = "";
	char *pattern = NULL;
	*out = NULL;
	buf_init(&sql, 8192);
	enum bp_err rc = people_list_start(c, GROUP_SELECT, f->unit, &sql, args, &next, unit_id);
	if (!rc && f->kind) {
		const char *k = NULL;
		json_t *tmp = json_pack("{s:s}", "kind", f->kind);
		rc = layer_get_enum(tmp, "kind", true, group_kinds, NULL, &k, &c->err);
		json_decref(tmp);
		buf_addf(&sql, " AND x.kind = $%d", next);
		args[next++ - 1] = DB_S(f->kind);
	}
	if (!rc && f->active_on) {
		if (!date_valid(f->active_on))
			rc = err_field(&c->err, "date_invalid", "active_on");
		buf_addf(&sql, " AND x.founded <= $%d AND (x.dissolved IS NULL OR x.dissolved > $%d)", next, next);
		args[next++ - 1] = DB_S(f->active_on);
	}
	if (!rc) {
		static const char *const cols[] = { "x.name", NULL };
		people_q_sql(f->q, cols, &sql, args, &next, &pattern);
		rc = people_list_page(c, &sql, args, next, cursor, limit, group_row_json, out);
	}
	size_t i;
	json_t *o;
	json_array_foreach(rc ? NULL : json_object_get(*out, "items"), i, o)
		if ((rc = group_members_json(c, o)))
			break;
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	free(pattern);
	buf_release(&sql);
	return rc;
}

static enum bp_err group_remove(struct ctx *c, const char *id)
{
	enum bp_err rc = db_exec(c->db, "DELETE FROM group_members WHERE group_id = $1", DB_ARGS(DB_S(id)), NULL,
				 &c->err);
	if (!rc)
		rc = db_exec(c->db, "DELETE FROM people_groups WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
	return rc;
}

enum bp_err group_delete(struct ctx *c, const char *id)
{
	return people_delete(c, &group_ops, id, group_remove);
}
