/*
 * audit.c - writing and reading the audit log; see audit.h.
 *
 * Pagination walks newest first on (at, id); the cursor is the last row's
 * "at|id", which stays correct while new rows arrive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

enum bp_err audit_record(struct ctx *c, const char *entity, const char *entity_id,
			 const char *unit_id, const char *action,
			 json_t *before, json_t *after)
{
	char id[37], now[TIMESTAMP_LEN];
	text_uuid_new(id);
	timestamp_now(now);
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO audit_log (id, at, actor_id, actor, unit_id, entity, entity_id, action, before, after)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		DB_ARGS(DB_S(id), DB_S(now), DB_S(c->actor.system ? NULL : c->actor.user_id),
			DB_S(c->actor.username), DB_S(unit_id), DB_S(entity), DB_S(entity_id),
			DB_S(action), DB_S(b), DB_S(a)),
		NULL, &c->err);
	free(b);
	free(a);
	return rc;
}

static json_t *parse_or_null(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_loads(s, 0, NULL);
	return j ? j : json_string(s);
}

enum bp_err audit_list(struct ctx *c, const struct audit_filter *f, json_t **out)
{
	enum bp_err rc = access_require_role(c, ROLE_UNIT_ADMIN);
	if (rc)
		return rc;
	int limit = f->limit ? f->limit : 100;
	char cur_at[TIMESTAMP_LEN + 8] = "", cur_id[40] = "";
	if (f->cursor && *f->cursor) {
		const char *bar = strchr(f->cursor, '|');
		if (!bar || (size_t)(bar - f->cursor) >= sizeof(cur_at) || !text_uuid_valid(bar + 1))
			return err_set(&c->err, "cursor_invalid", NULL);
		snprintf(cur_at, sizeof(cur_at), "%.*s", (int)(bar - f->cursor), f->cursor);
		snprintf(cur_id, sizeof(cur_id), "%s", bar + 1);
	}
	char *sql = xasprintf("%s SELECT a.id, a.at, a.actor_id, a.actor, a.unit_id, a.entity, a.entity_id,"
		" a.action, a.before, a.after FROM audit_log a"
		" WHERE (a.unit_id IN (SELECT id FROM scope)%s)"
		" AND ($3 = '' OR a.entity = $3) AND ($4 = '' OR a.entity_id = $4)"
		" AND ($5 = '' OR a.at >= $5)"
		" AND ($6 = '' OR a.at < $6 OR (a.at = $6 AND a.id < $7))"
		" ORDER BY a.at DESC, a.id DESC LIMIT $8",
		access_scope_cte(c), c->actor.system ? " OR a.unit_id IS NULL" : "");
	struct db_rows *r = NULL;
	rc = db_query(c->db, sql,
		      DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today),
			      DB_S(f->entity ? f->entity : ""), DB_S(f->entity_id ? f->entity_id : ""),
			      DB_S(f->since ? f->since : ""), DB_S(cur_at), DB_S(cur_id),
			      DB_I(limit + 1)),
		      &r, &c->err);
	free(sql);
	if (rc)
		return rc;
	json_t *items = json_array();
	int n = 0, s;
	char last[TIMESTAMP_LEN + 40] = "";
	bool more = false;
	while ((s = db_next(r, &c->err)) > 0) {
		if (n == limit) {
			more = true;
			break;
		}
		json_t *o = json_object();
		json_set_str(o, "id", db_text(r, 0));
		json_set_str(o, "at", db_text(r, 1));
		json_set_str(o, "actor_id", db_text(r, 2));
		json_set_str(o, "actor", db_text(r, 3));
		json_set_str(o, "unit_id", db_text(r, 4));
		json_set_str(o, "entity", db_text(r, 5));
		json_set_str(o, "entity_id", db_text(r, 6));
		json_set_str(o, "action", db_text(r, 7));
		json_object_set_new(o, "before", parse_or_null(db_text(r, 8)));
		json_object_set_new(o, "after", parse_or_null(db_text(r, 9)));
		snprintf(last, sizeof(last), "%s|%s", db_text(r, 1), db_text(r, 0));
		json_array_append_new(items, o);
		n++;
	}
	db_rows_free(r);
	if (s < 0) {
		json_decref(items);
		return c->err.kind;
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor",
			 more ? json_string(last) : json_null());
	return BP_OK;
}
