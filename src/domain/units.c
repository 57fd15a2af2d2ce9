/*
 * units.c - the unit tree with dates, merges, splits and post
 * responsibilities. See units.h for the dating invariants; each function
 * that changes the tree says which of them it relies on and keeps.
 *
 * Every write runs in one transaction with its audit rows. A move closes
 * the unit's current parent period on the date and opens the next; a
 * merge or split moves the children of the retired units on the same day,
 * so the tree is whole on every date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/report_rollup.h"
#include "domain/units.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define UNIT_START_UNKNOWN "1900-01-01"
#define NAME_MAX_CHARS 200

/* Which kinds may stand directly under which, and which may be a root. */
static const struct {
	const char *kind;
	const char *label_vi;
	const char *parents; /* space-separated */
	bool root;
} kind_rules[] = {
	{ "nation", "quốc gia", "", true },
	{ "province", "tỉnh", "nation", true },
	{ "force_command", "bộ chỉ huy, ban chỉ huy", "nation province force_command", true },
	{ "district", "huyện", "province", false },
	{ "commune", "xã", "province district", false },
	{ "ward", "phường, thị trấn", "province district", false },
	{ "village", "thôn, bản", "commune ward", false },
	{ "border_post", "đồn Biên phòng", "force_command province", false },
	{ "agency", "cơ quan", "nation province district commune ward force_command agency", true },
};

static int kind_index(const char *kind)
{
	for (size_t i = 0; i < sizeof(kind_rules) / sizeof(kind_rules[0]); i++)
		if (kind && !strcmp(kind_rules[i].kind, kind))
			return (int)i;
	return -1;
}

bool unit_kind_valid(const char *kind)
{
	return kind_index(kind) >= 0;
}

static bool kind_may_stand_under(const char *kind, const char *parent_kind)
{
	int i = kind_index(kind);
	if (i < 0)
		return false;
	const char *p = kind_rules[i].parents;
	size_t n = strlen(parent_kind);
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);
		if (len == n && !strncmp(p, parent_kind, n))
			return true;
		p += len + (sp ? 1 : 0);
	}
	return false;
}

static bool code_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

enum bp_err unit_resolve(struct ctx *c, const char *ref, char id[37])
{
	struct db_rows *r = NULL;
	enum bp_err rc;
	if (!ref || !*ref)
		return err_set(&c->err, "unit_not_found", "");
	if (text_uuid_valid(ref))
		rc = db_query_one(c->db, "SELECT id FROM units WHERE id = $1", DB_ARGS(DB_S(ref)), &r, &c->err);
	else
		rc = db_query_one(c->db, "SELECT id FROM units WHERE code = $1", DB_ARGS(DB_S(ref)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "unit_not_found", ref);
	if (rc)
		return rc;
	snprintf(id, 37, "%s", db_text(r, 0));
	db_rows_free(r);
	return BP_OK;
}

/* The basic facts of a unit, for rules. */
struct unit_facts {
	char id[37];
	char code[65];
	char kind[24];
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN]; /* "" when open */
};

static enum bp_err unit_facts_get(struct ctx *c, const char *id, struct unit_facts *f)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db,
		"SELECT id, code, kind, valid_from, valid_to FROM units WHERE id = $1",
		DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "unit_not_found", id);
	if (rc)
		return rc;
	snprintf(f->id, sizeof(f->id), "%s", db_text(r, 0));
	snprintf(f->code, sizeof(f->code), "%s", db_text(r, 1));
	snprintf(f->kind, sizeof(f->kind), "%s", db_text(r, 2));
	snprintf(f->valid_from, sizeof(f->valid_from), "%s", db_text(r, 3));
	snprintf(f->valid_to, sizeof(f->valid_to), "%s", db_isnull(r, 4) ? "" : db_text(r, 4));
	db_rows_free(r);
	return BP_OK;
}

static bool facts_valid_at(const struct unit_facts *f, const char *date)
{
	return strcmp(f->valid_from, date) <= 0 && (!f->valid_to[0] || strcmp(f->valid_to, date) > 0);
}

static enum bp_err facts_resolve(struct ctx *c, const char *ref, struct unit_facts *f)
{
	char id[37];
	enum bp_err rc = unit_resolve(c, ref, id);
	return rc ? rc : unit_facts_get(c, id, f);
}

/* The day before a date, for showing a retired unit as it last was. */
static void day_before(const char *date, char out[DATE_LEN])
{
	date_from_days(date_to_days(date) - 1, out);
}

static json_t *unit_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "code", db_text(r, 1));
	json_set_str(o, "kind", db_text(r, 2));
	json_set_str(o, "name", db_text(r, 3));
	json_set_str(o, "name_en", db_text(r, 4));
	json_set_str(o, "valid_from", db_text(r, 5));
	json_set_str(o, "valid_to", db_text(r, 6));
	if (db_isnull(r, 7))
		json_object_set_new(o, "parent", json_null());
	else
		json_object_set_new(o, "parent", json_pack("{s:s, s:s, s:s}",
			"id", db_text(r, 7), "code", db_text(r, 8), "name", db_text(r, 9)));
	return o;
}

/* Columns read by unit_row_json; the parent join takes its date as $2. */
#define UNIT_SELECT_AT(D) \
	"SELECT u.id, u.code, u.kind, u.name, u.name_en, u.valid_from, u.valid_to," \
	" p.parent_id, pu.code, pu.name FROM units u" \
	" LEFT JOIN unit_parents p ON p.unit_id = u.id AND p.valid_from <= " D \
	"  AND (p.valid_to IS NULL OR p.valid_to > " D ")" \
	" LEFT JOIN units pu ON pu.id = p.parent_id "
#define UNIT_SELECT UNIT_SELECT_AT("$2")

static enum bp_err unit_json_at(struct ctx *c, const char *id, const char *date, json_t **out)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db, UNIT_SELECT "WHERE u.id = $1",
				      DB_ARGS(DB_S(id), DB_S(date)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "unit_not_found", id);
	if (rc)
		return rc;
	*out = unit_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

/* The date to show a unit at: the asked one, else today, or its last day. */
static void unit_show_date(const struct unit_facts *f, const char *asked, const char *today,
			   char out[DATE_LEN])
{
	if (asked)
		snprintf(out, DATE_LEN, "%s", asked);
	else if (f->valid_to[0] && strcmp(f->valid_to, today) <= 0)
		day_before(f->valid_to, out);
	else if (strcmp(f->valid_from, today) > 0)
		snprintf(out, DATE_LEN, "%s", f->valid_from);
	else
		snprintf(out, DATE_LEN, "%s", today);
}

/* Adds key: the rows of sql (one argument, the unit id) as objects named by cols. */
static enum bp_err attach_rows(struct ctx *c, json_t *o, const char *key, const char *sql,
			       const char *id, const char *const *cols)
{
	json_t *a = NULL;
	enum bp_err rc = db_query_json(c->db, sql, DB_ARGS(DB_S(id)), cols, &a, &c->err);
	if (!rc)
		json_object_set_new(o, key, a);
	return rc;
}

enum bp_err unit_get(struct ctx *c, const char *ref, const char *date, json_t **out)
{
	struct unit_facts f;
	json_t *o = NULL;
	char at[DATE_LEN];
	*out = NULL;
	if (date && !date_valid(date))
		return err_field(&c->err, "date_invalid", "date");
	enum bp_err rc = facts_resolve(c, ref, &f);
	if (!rc)
		rc = access_unit(c, f.id, ACCESS_READ);
	if (rc)
		return rc;
	unit_show_date(&f, date, c->today, at);
	rc = unit_json_at(c, f.id, at, &o);
	if (rc)
		return rc;
	json_object_set_new(o, "as_of", json_string(at));

	static const char *const parent_cols[] = { "parent_id", "code", "name", "valid_from", "valid_to", NULL };
	static const char *const succ_cols[] = { "id", "code", "name", "kind", "date", "succession", NULL };
	static const char *const link_cols[] = { "id", "code", "name", "valid_from", "valid_to", NULL };
	/* A post lists its communes; a commune the posts responsible for it. */
	bool is_post = !strcmp(f.kind, "border_post");
	if ((rc = attach_rows(c, o, "parents",
		"SELECT p.parent_id, pu.code, pu.name, p.valid_from, p.valid_to FROM unit_parents p"
		" JOIN units pu ON pu.id = p.parent_id WHERE p.unit_id = $1 ORDER BY p.valid_from",
		f.id, parent_cols)) ||
	    (rc = attach_rows(c, o, "predecessors",
		"SELECT u.id, u.code, u.name, s.kind, s.date, s.id FROM unit_succession_links l"
		" JOIN unit_successions s ON s.id = l.succession_id JOIN units u ON u.id = l.from_unit"
		" WHERE l.to_unit = $1 ORDER BY s.date, u.code", f.id, succ_cols)) ||
	    (rc = attach_rows(c, o, "successors",
		"SELECT u.id, u.code, u.name, s.kind, s.date, s.id FROM unit_succession_links l"
		" JOIN unit_successions s ON s.id = l.succession_id JOIN units u ON u.id = l.to_unit"
		" WHERE l.from_unit = $1 ORDER BY s.date, u.code", f.id, succ_cols)) ||
	    (rc = attach_rows(c, o, is_post ? "communes" : "posts", is_post
		? "SELECT u.id, u.code, u.name, l.valid_from, l.valid_to FROM post_communes l"
		  " JOIN units u ON u.id = l.commune_id WHERE l.post_id = $1 ORDER BY u.code, l.valid_from"
		: "SELECT u.id, u.code, u.name, l.valid_from, l.valid_to FROM post_communes l"
		  " JOIN units u ON u.id = l.post_id WHERE l.commune_id = $1 ORDER BY u.code, l.valid_from",
		f.id, link_cols))) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return BP_OK;
}

/*
 * "%q%" for LIKE ... ESCAPE '\', with q's own % _ and \ escaped: a search
 * for "%" looks for that character, not for everything. "" for no q.
 * Caller frees.
 */
static char *like_pattern(const char *q)
{
	if (!q || !*q)
		return xstrdup("");
	char *p = xmalloc(2 * strlen(q) + 3), *o = p;
	*o++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*o++ = '\\';
		*o++ = *q;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

enum bp_err unit_list(struct ctx *c, const struct unit_filter *f, json_t **out)
{
	int limit = f->limit ? f->limit : 100;
	*out = NULL;
	if (f->date && !date_valid(f->date))
		return err_field(&c->err, "date_invalid", "date");
	if (f->kind && !unit_kind_valid(f->kind))
		return err_set(&c->err, "unit_kind_invalid", f->kind);
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	/* The scope is today's ($2); the listing's date ($8) may be another
	 * day: a past listing shows the units of today's scope with the
	 * parents they had then. */
	char *like = like_pattern(f->q);
	char *sql = xasprintf("%s " UNIT_SELECT_AT("$8")
		" WHERE u.id IN (SELECT id FROM scope)"
		" AND ($3 = 1 OR (u.valid_from <= $8 AND (u.valid_to IS NULL OR u.valid_to > $8)))"
		" AND ($4 = '' OR u.kind = $4)"
		" AND ($5 = '' OR LOWER(u.code) LIKE LOWER($5) ESCAPE '\\' OR LOWER(u.name) LIKE LOWER($5) ESCAPE '\\')"
		" AND u.code > $6 ORDER BY u.code LIMIT $7", access_scope_cte(c));
	struct db_rows *r = NULL;
	rc = db_query(c->db, sql,
		      DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today),
			      DB_I(f->include_retired ? 1 : 0), DB_S(f->kind ? f->kind : ""),
			      DB_S(like), DB_S(f->cursor ? f->cursor : ""), DB_I(limit + 1),
			      DB_S(f->date ? f->date : c->today)),
		      &r, &c->err);
	free(sql);
	if (rc) {
		free(like);
		return rc;
	}
	rc = db_page_json(r, limit, unit_row_json, "code", out, &c->err);
	db_rows_free(r);
	free(like);
	return rc;
}

/* True when anc is unit or one of its ancestors on date (parents only). */
static enum bp_err is_ancestor_at(struct ctx *c, const char *anc, const char *unit,
				  const char *date, bool *yes)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"WITH RECURSIVE up(id) AS (SELECT CAST($1 AS TEXT) UNION"
		" SELECT p.parent_id FROM unit_parents p JOIN up ON p.unit_id = up.id"
		" WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2))"
		" SELECT COUNT(*) FROM up WHERE id = $3",
		DB_ARGS(DB_S(unit), DB_S(date), DB_S(anc)), &n, &c->err);
	*yes = n > 0;
	return rc;
}

/*
 * Would putting unit under parent from date make a cycle on any date from
 * then on? The ancestors of parent change only on the dates where some
 * parent period starts or ends, so checking those dates checks them all.
 */
static enum bp_err check_no_cycle(struct ctx *c, const char *unit, const char *parent,
				  const char *date)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query(c->db,
		"SELECT CAST($1 AS TEXT) AS d UNION SELECT valid_from FROM unit_parents WHERE valid_from > $1"
		" UNION SELECT valid_to FROM unit_parents WHERE valid_to > $1 ORDER BY 1",
		DB_ARGS(DB_S(date)), &r, &c->err);
	if (rc)
		return rc;
	int s = 0;
	bool cycle = false;
	while (!rc && !cycle && (s = db_next(r, &c->err)) > 0) {
		char d[DATE_LEN];
		snprintf(d, sizeof(d), "%s", db_text(r, 0));
		rc = is_ancestor_at(c, unit, parent, d, &cycle);
	}
	db_rows_free(r);
	if (rc)
		return rc;
	if (s < 0)
		return c->err.kind;
	return cycle ? err_set(&c->err, "unit_cycle", NULL) : BP_OK;
}

/* Checks that parent can take a child of kind from date, and may be used by the actor. */
static enum bp_err check_parent(struct ctx *c, const struct unit_facts *parent,
				const char *kind, const char *date)
{
	/* Access first: the dates and kind of a unit outside the actor's
	 * scope are not theirs to learn from an error message. */
	enum bp_err rc = access_unit(c, parent->id, ACCESS_READ);
	if (!rc)
		rc = access_require_role(c, ROLE_UNIT_ADMIN);
	if (rc)
		return rc;
	if (!facts_valid_at(parent, date))
		return err_set(&c->err, "unit_not_valid_at", parent->code);
	if (!kind_may_stand_under(kind, parent->kind))
	{
		char label[64];
		snprintf(label, sizeof(label), "%s (%s)", kind_rules[kind_index(parent->kind)].label_vi, parent->kind);
		return err_set(&c->err, "unit_parent_kind", label);
	}
	return BP_OK;
}

/*
 * Rebuilds the access-scope edges (the unit_edges table, see migration
 * 002) whose child is unit or one of the communes of unit as a post,
 * from the base tables. Every function here that changes parents,
 * successions, post links or a unit's end calls it for the units it
 * touched, inside its transaction.
 */
static enum bp_err edges_refresh(struct ctx *c, const char *unit)
{
	enum bp_err rc = db_exec(c->db, "DELETE FROM unit_edges WHERE child IN (SELECT CAST($1 AS TEXT)"
		" UNION SELECT commune_id FROM post_communes WHERE post_id = $1)",
		DB_ARGS(DB_S(unit)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db,
			"INSERT INTO unit_edges (child, up, valid_from, valid_to)"
			" SELECT child, up, valid_from, valid_to FROM unit_edges_derived WHERE child IN"
			" (SELECT CAST($1 AS TEXT) UNION SELECT commune_id FROM post_communes WHERE post_id = $1)",
			DB_ARGS(DB_S(unit)), NULL, &c->err);
	/* The reports' ancestry follows the tree (report_rollup.h). */
	return rc ? rc : report_tree_changed(c, NULL);
}

/*
 * Sets the parent of unit from date on. Keeps the invariants: closes the
 * period in force at date (or rewrites it when it starts that very day),
 * refuses when a later period exists.
 */
static enum bp_err set_parent_from(struct ctx *c, const char *unit, const char *parent,
				   const char *date)
{
	long long later = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"SELECT COUNT(*) FROM unit_parents WHERE unit_id = $1 AND valid_from > $2",
		DB_ARGS(DB_S(unit), DB_S(date)), &later, &c->err);
	if (rc)
		return rc;
	if (later) {
		struct unit_facts f;
		return unit_facts_get(c, unit, &f) ? c->err.kind : err_set(&c->err, "unit_future_change", f.code);
	}
	struct db_rows *r = NULL;
	rc = db_query(c->db,
		"SELECT valid_from, valid_to, parent_id FROM unit_parents WHERE unit_id = $1"
		" AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)",
		DB_ARGS(DB_S(unit), DB_S(date)), &r, &c->err);
	if (rc)
		return rc;
	char cur_from[DATE_LEN] = "", cur_to[DATE_LEN] = "";
	int s = db_next(r, &c->err);
	if (s > 0) {
		snprintf(cur_from, sizeof(cur_from), "%s", db_text(r, 0));
		snprintf(cur_to, sizeof(cur_to), "%s", db_isnull(r, 1) ? "" : db_text(r, 1));
	}
	db_rows_free(r);
	if (s < 0)
		return c->err.kind;
	if (cur_from[0] && !strcmp(cur_from, date)) {
		rc = db_exec(c->db, "UPDATE unit_parents SET parent_id = $3 WHERE unit_id = $1 AND valid_from = $2",
			     DB_ARGS(DB_S(unit), DB_S(date), DB_S(parent)), NULL, &c->err);
	} else {
		if (cur_from[0])
			rc = db_exec(c->db, "UPDATE unit_parents SET valid_to = $2 WHERE unit_id = $1 AND valid_from = $3",
				     DB_ARGS(DB_S(unit), DB_S(date), DB_S(cur_from)), NULL, &c->err);
		if (!rc)
			rc = db_exec(c->db,
				"INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)",
				DB_ARGS(DB_S(unit), DB_S(parent), DB_S(date), DB_S(cur_to[0] ? cur_to : NULL)),
				NULL, &c->err);
	}
	return rc ? rc : edges_refresh(c, unit);
}

/* Ends a unit on date: closes its parent period and post links, sets valid_to. */
static enum bp_err end_unit(struct ctx *c, const char *unit, const char *date)
{
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	enum bp_err rc = db_exec(c->db,
		"UPDATE unit_parents SET valid_to = $2 WHERE unit_id = $1 AND valid_from < $2"
		" AND (valid_to IS NULL OR valid_to > $2)", DB_ARGS(DB_S(unit), DB_S(date)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db,
			"UPDATE post_communes SET valid_to = $2 WHERE (post_id = $1 OR commune_id = $1)"
			" AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $2)",
			DB_ARGS(DB_S(unit), DB_S(date)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "UPDATE units SET valid_to = $2, updated_at = $3 WHERE id = $1",
			     DB_ARGS(DB_S(unit), DB_S(date), DB_S(now)), NULL, &c->err);
	return rc ? rc : edges_refresh(c, unit);
}

static const char *const unit_keys[] = { "id", "code", "kind", "name", "name_en", "parent", "valid_from", NULL };

struct unit_input {
	const char *id, *code, *kind, *name, *name_en, *parent, *valid_from;
	char from_buf[DATE_LEN]; /* valid_from when taken from the parent */
};

static enum bp_err unit_input_read(struct ctx *c, json_t *in, struct unit_input *u)
{
	enum bp_err rc;
	memset(u, 0, sizeof(*u));
	if ((rc = json_check_keys(in, unit_keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, &u->id, &c->err)) ||
	    (rc = json_get_str(in, "code", true, 64, &u->code, &c->err)) ||
	    (rc = json_get_str(in, "kind", true, 24, &u->kind, &c->err)) ||
	    (rc = json_get_str(in, "name", true, NAME_MAX_CHARS, &u->name, &c->err)) ||
	    (rc = json_get_str(in, "name_en", false, NAME_MAX_CHARS, &u->name_en, &c->err)) ||
	    (rc = json_get_str(in, "parent", false, 64, &u->parent, &c->err)) ||
	    (rc = json_get_date(in, "valid_from", false, &u->valid_from, &c->err)))
		return rc;
	if (!code_valid(u->code))
		return err_field(&c->err, "unit_code_invalid", "code");
	if (!unit_kind_valid(u->kind))
		return err_set(&c->err, "unit_kind_invalid", u->kind);
	return BP_OK;
}

/* Inserts a new unit (inside the caller's transaction), checked and audited. */
static enum bp_err unit_insert(struct ctx *c, const char *id, struct unit_input *u)
{
	struct unit_facts parent;
	enum bp_err rc;
	if (u->parent) {
		if ((rc = facts_resolve(c, u->parent, &parent)))
			return rc;
		/* An unknown start is as early as the parent allows. */
		if (!u->valid_from) {
			snprintf(u->from_buf, sizeof(u->from_buf), "%s", parent.valid_from);
			u->valid_from = u->from_buf;
		}
		if (
		    (rc = check_parent(c, &parent, u->kind, u->valid_from)))
			return rc;
		/* A new unit has no end, so its parent must have none either:
		 * the parent exists for the whole period it is the parent. */
		if (parent.valid_to[0])
			return err_set(&c->err, "unit_retired", parent.code);
	} else {
		if (!u->valid_from)
			u->valid_from = UNIT_START_UNKNOWN;
		if (!kind_rules[kind_index(u->kind)].root)
			return err_field(&c->err, "field_required", "parent");
		/* A new root stands outside every user's scope, so only the
		 * operator at the command line makes one. */
		if (!c->actor.system)
			return err_set(&c->err, "role_insufficient", NULL);
	}
	long long taken = 0;
	rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM units WHERE code = $1",
			   DB_ARGS(DB_S(u->code)), &taken, &c->err);
	if (rc)
		return rc;
	if (taken)
		return err_set(&c->err, "unit_code_taken", u->code);
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	rc = db_exec(c->db,
		"INSERT INTO units (id, code, kind, name, name_en, valid_from, valid_to, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $7)",
		DB_ARGS(DB_S(id), DB_S(u->code), DB_S(u->kind), DB_S(u->name), DB_S(u->name_en),
			DB_S(u->valid_from), DB_S(now)), NULL, &c->err);
	if (!rc && u->parent)
		rc = db_exec(c->db,
			"INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, NULL)",
			DB_ARGS(DB_S(id), DB_S(parent.id), DB_S(u->valid_from)), NULL, &c->err);
	if (!rc)
		rc = edges_refresh(c, id);
	if (rc)
		return rc;
	json_t *after = NULL;
	rc = unit_json_at(c, id, u->valid_from, &after);
	if (!rc)
		rc = audit_record(c, "unit", id, id, "create", NULL, after);
	json_decref(after);
	return rc;
}

/* Does the stored unit say what u says? */
static bool unit_same(json_t *stored, const struct unit_input *u, const char *parent_id)
{
	json_t *p = json_object_get(stored, "parent");
	const char *sp = json_is_object(p) ? json_string_value(json_object_get(p, "id")) : NULL;
	const char *en = json_string_value(json_object_get(stored, "name_en"));
	return !strcmp(json_string_value(json_object_get(stored, "code")), u->code) &&
	       !strcmp(json_string_value(json_object_get(stored, "kind")), u->kind) &&
	       !strcmp(json_string_value(json_object_get(stored, "name")), u->name) &&
	       !strcmp(json_string_value(json_object_get(stored, "valid_from")), u->valid_from) &&
	       ((!en && !u->name_en) || (en && u->name_en && !strcmp(en, u->name_en))) &&
	       ((!sp && !parent_id) || (sp && parent_id && !strcmp(sp, parent_id)));
}

/* An existing unit met again with the same id: same input, or (put) an update of code and names. */
static enum bp_err unit_again(struct ctx *c, const char *id, struct unit_input *u,
			      bool is_put, json_t **out, bool *changed)
{
	struct unit_facts f;
	char parent_id[37] = "";
	json_t *stored = NULL;
	enum bp_err rc;
	*changed = false;
	if ((rc = unit_facts_get(c, id, &f)) ||
	    (rc = access_unit(c, id, ACCESS_READ)))
		return rc;
	if (!u->valid_from) {
		snprintf(u->from_buf, sizeof(u->from_buf), "%s", f.valid_from);
		u->valid_from = u->from_buf;
	}
	if (u->parent && (rc = unit_resolve(c, u->parent, parent_id)))
		return rc;
	if ((rc = unit_json_at(c, id, f.valid_from, &stored)))
		return rc;
	if (unit_same(stored, u, u->parent ? parent_id : NULL)) {
		*out = stored;
		return BP_OK;
	}
	json_t *p = json_object_get(stored, "parent");
	const char *sp = json_is_object(p) ? json_string_value(json_object_get(p, "id")) : NULL;
	bool structure_same = !strcmp(f.kind, u->kind) && !strcmp(f.valid_from, u->valid_from) &&
		((!sp && !u->parent) || (sp && u->parent && !strcmp(sp, parent_id)));
	if (!is_put || !structure_same) {
		json_decref(stored);
		return err_set(&c->err, "id_conflict", id);
	}
	if ((rc = access_unit(c, id, ACCESS_MANAGE))) {
		json_decref(stored);
		return rc;
	}
	if (strcmp(f.code, u->code)) {
		long long taken = 0;
		rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM units WHERE code = $1",
				   DB_ARGS(DB_S(u->code)), &taken, &c->err);
		if (!rc && taken)
			rc = err_set(&c->err, "unit_code_taken", u->code);
	}
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	if (!rc)
		rc = db_exec(c->db, "UPDATE units SET code = $2, name = $3, name_en = $4, updated_at = $5 WHERE id = $1",
			     DB_ARGS(DB_S(id), DB_S(u->code), DB_S(u->name), DB_S(u->name_en), DB_S(now)),
			     NULL, &c->err);
	json_t *after = NULL;
	if (!rc)
		rc = unit_json_at(c, id, f.valid_from, &after);
	if (!rc)
		rc = audit_record(c, "unit", id, id, "update", stored, after);
	json_decref(stored);
	if (rc) {
		json_decref(after);
		return rc;
	}
	*out = after;
	*changed = true;
	return BP_OK;
}

enum bp_err unit_put(struct ctx *c, const char *path_id, json_t *in, bool is_put,
		     json_t **out, bool *created)
{
	struct unit_input u;
	enum bp_err rc;
	*out = NULL;
	*created = false;
	if ((rc = unit_input_read(c, in, &u)))
		return rc;
	if (path_id && u.id && strcmp(path_id, u.id))
		return err_field(&c->err, "invalid_input", "id");
	char id[37];
	if (path_id || u.id)
		snprintf(id, sizeof(id), "%s", path_id ? path_id : u.id);
	else
		text_uuid_new(id);
	/* Two identical requests at once: the loser's insert meets the
	 * winner's row, or (where transactions do not wait for one another,
	 * as on PostgreSQL) its code check meets the winner's code; it is
	 * retried once, and then is a repeat, or a real clash again. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if ((rc = db_begin(c->db, &c->err)))
			return rc;
		long long exists = 0;
		rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM units WHERE id = $1",
				   DB_ARGS(DB_S(id)), &exists, &c->err);
		bool changed = false;
		if (!rc && exists)
			rc = unit_again(c, id, &u, is_put, out, &changed);
		else if (!rc) {
			rc = unit_insert(c, id, &u);
			if (!rc)
				rc = unit_json_at(c, id, u.valid_from, out);
			*created = !rc;
		}
		rc = db_end(c->db, rc, &c->err);
		if (rc == BP_ECONFLICT && (!strcmp(c->err.code, "id_conflict") ||
					   !strcmp(c->err.code, "unit_code_taken")) && attempt == 0 && !exists)
			continue;
		break;
	}
	if (rc) {
		json_decref(*out);
		*out = NULL;
		*created = false;
	}
	return rc;
}

enum bp_err unit_move(struct ctx *c, const char *ref, json_t *in, json_t **out)
{
	static const char *const keys[] = { "parent", "date", NULL };
	const char *parent_ref = NULL, *date = NULL;
	struct unit_facts unit, parent;
	enum bp_err rc;
	*out = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_str(in, "parent", true, 64, &parent_ref, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)))
		return rc;
	if ((rc = facts_resolve(c, ref, &unit)) ||
	    (rc = access_unit(c, unit.id, ACCESS_MANAGE)) ||
	    (rc = facts_resolve(c, parent_ref, &parent)))
		return rc;
	if (!facts_valid_at(&unit, date))
		return err_set(&c->err, "unit_not_valid_at", unit.code);
	if (!strcmp(unit.id, parent.id))
		return err_set(&c->err, "unit_cycle", NULL);
	if ((rc = check_parent(c, &parent, unit.kind, date)))
		return rc;
	/* The parent must also last as long as the unit does. */
	if (parent.valid_to[0] && (!unit.valid_to[0] || strcmp(parent.valid_to, unit.valid_to) < 0))
		return err_set(&c->err, "unit_retired", parent.code);
	json_t *before = NULL;
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	rc = unit_json_at(c, unit.id, date, &before);
	if (!rc) {
		json_t *p = json_object_get(before, "parent");
		if (json_is_object(p) && !strcmp(json_string_value(json_object_get(p, "id")), parent.id))
			rc = err_set(&c->err, "unit_move_same", NULL);
	}
	if (!rc)
		rc = check_no_cycle(c, unit.id, parent.id, date);
	if (!rc)
		rc = set_parent_from(c, unit.id, parent.id, date);
	if (!rc)
		rc = unit_json_at(c, unit.id, date, out);
	if (!rc)
		rc = audit_record(c, "unit", unit.id, unit.id, "move", before, *out);
	json_decref(before);
	rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* A unit reference or a new unit's description, as merge and split take them. */
static enum bp_err target_resolve(struct ctx *c, json_t *t, const char *date, char id[37],
				  bool *made)
{
	enum bp_err rc;
	*made = false;
	if (json_is_string(t))
		return unit_resolve(c, json_string_value(t), id);
	if (!json_is_object(t))
		return err_field(&c->err, "field_type", "target");
	struct unit_input u;
	json_t *copy = json_deep_copy(t);
	if (!json_object_get(copy, "valid_from"))
		json_object_set_new(copy, "valid_from", json_string(date));
	rc = unit_input_read(c, copy, &u);
	if (!rc && strcmp(u.valid_from, date))
		rc = err_field(&c->err, "invalid_input", "valid_from");
	if (!rc) {
		if (u.id)
			snprintf(id, 37, "%s", u.id);
		else
			text_uuid_new(id);
		rc = unit_insert(c, id, &u);
		*made = !rc;
	}
	json_decref(copy);
	return rc;
}

static enum bp_err succession_new(struct ctx *c, const char *kind, const char *date,
				  const char *note, char id[37])
{
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	text_uuid_new(id);
	return db_exec(c->db,
		"INSERT INTO unit_successions (id, kind, date, note, created_at) VALUES ($1, $2, $3, $4, $5)",
		DB_ARGS(DB_S(id), DB_S(kind), DB_S(date), DB_S(note), DB_S(now)), NULL, &c->err);
}

static enum bp_err succession_link(struct ctx *c, const char *sid, const char *from, const char *to)
{
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO unit_succession_links (succession_id, from_unit, to_unit) VALUES ($1, $2, $3)",
		DB_ARGS(DB_S(sid), DB_S(from), DB_S(to)), NULL, &c->err);
	return rc ? rc : edges_refresh(c, from);
}

/* The ids of unit's children on date, into a JSON array of strings. */
static enum bp_err children_at(struct ctx *c, const char *unit, const char *date, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query(c->db,
		"SELECT unit_id FROM unit_parents WHERE parent_id = $1 AND valid_from <= $2"
		" AND (valid_to IS NULL OR valid_to > $2) ORDER BY unit_id",
		DB_ARGS(DB_S(unit), DB_S(date)), &r, &c->err);
	if (rc)
		return rc;
	json_t *a = json_array();
	int s;
	while ((s = db_next(r, &c->err)) > 0)
		json_array_append_new(a, json_string(db_text(r, 0)));
	db_rows_free(r);
	if (s < 0) {
		json_decref(a);
		return c->err.kind;
	}
	*out = a;
	return BP_OK;
}

/* Hands the post links of a retiring unit to its successor from date. */
static enum bp_err post_links_pass(struct ctx *c, const char *from, const char *to, const char *date)
{
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO post_communes (post_id, commune_id, valid_from, valid_to)"
		" SELECT DISTINCT l.post_id, $2, $3, CAST(NULL AS TEXT) FROM post_communes l"
		" WHERE l.commune_id = $1 AND l.valid_from <= $3 AND (l.valid_to IS NULL OR l.valid_to > $3)"
		" AND NOT EXISTS (SELECT 1 FROM post_communes k WHERE k.post_id = l.post_id"
		"  AND k.commune_id = $2 AND k.valid_from <= $3 AND (k.valid_to IS NULL OR k.valid_to > $3))",
		DB_ARGS(DB_S(from), DB_S(to), DB_S(date)), NULL, &c->err);
	return rc ? rc : edges_refresh(c, to);
}

/* Checks a retiring unit: exists on date, managed by the actor, not an ancestor of the target. */
static enum bp_err check_retiring(struct ctx *c, const struct unit_facts *s, const char *target,
				  const char *date)
{
	enum bp_err rc = access_unit(c, s->id, ACCESS_MANAGE);
	if (rc)
		return rc;
	if (!facts_valid_at(s, date))
		return err_set(&c->err, "unit_not_valid_at", s->code);
	bool anc = false;
	rc = is_ancestor_at(c, s->id, target, date, &anc);
	if (!rc && anc)
		rc = err_set(&c->err, "unit_cycle", NULL);
	return rc;
}

/* Retires source into target on date: its children move, its post links pass on. */
static enum bp_err retire_into(struct ctx *c, const char *sid, const char *source,
			       const char *target, const char *date, json_t *children)
{
	enum bp_err rc = BP_OK;
	size_t i;
	json_t *ch;
	json_array_foreach(children, i, ch) {
		const char *child = json_string_value(json_object_get(ch, "unit"));
		const char *to = json_string_value(json_object_get(ch, "to"));
		if ((rc = set_parent_from(c, child, to ? to : target, date)))
			return rc;
	}
	if (target && (rc = post_links_pass(c, source, target, date)))
		return rc;
	if ((rc = end_unit(c, source, date)))
		return rc;
	return target ? succession_link(c, sid, source, target) : BP_OK;
}

enum bp_err unit_merge(struct ctx *c, json_t *in, json_t **out)
{
	static const char *const keys[] = { "sources", "target", "date", "note", NULL };
	const char *date = NULL, *note = NULL;
	json_t *sources = json_object_get(in, "sources"), *target = json_object_get(in, "target");
	enum bp_err rc;
	*out = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)) ||
	    (rc = json_get_str(in, "note", false, 1000, &note, &c->err)))
		return rc;
	if (!target)
		return err_field(&c->err, "field_required", "target");
	if (!json_is_array(sources))
		return err_field(&c->err, sources ? "field_type" : "field_required", "sources");
	if (json_array_size(sources) < 1)
		return err_set(&c->err, "unit_merge_sources", NULL);
	if ((rc = access_require_role(c, ROLE_UNIT_ADMIN)))
		return rc;

	char tid[37], sid[37];
	bool made = false;
	json_t *before = json_array();
	if ((rc = db_begin(c->db, &c->err))) {
		json_decref(before);
		return rc;
	}
	rc = target_resolve(c, target, date, tid, &made);
	struct unit_facts t;
	if (!rc)
		rc = unit_facts_get(c, tid, &t);
	if (!rc && !made)
		rc = access_unit(c, tid, ACCESS_READ);
	if (!rc && !facts_valid_at(&t, date))
		rc = err_set(&c->err, "unit_not_valid_at", t.code);
	if (!rc)
		rc = succession_new(c, "merge", date, note, sid);
	size_t i;
	json_t *src;
	json_array_foreach(sources, i, src) {
		if (rc)
			break;
		struct unit_facts s;
		if (!json_is_string(src)) {
			rc = err_field(&c->err, "field_type", "sources");
			break;
		}
		if ((rc = facts_resolve(c, json_string_value(src), &s)))
			break;
		if (!strcmp(s.id, tid)) {
			rc = err_set(&c->err, "unit_merge_self", NULL);
			break;
		}
		if ((rc = check_retiring(c, &s, tid, date)))
			break;
		json_t *b = NULL, *kids = NULL;
		char last[DATE_LEN];
		day_before(date, last);
		if ((rc = unit_json_at(c, s.id, last, &b)))
			break;
		json_array_append_new(before, b);
		if ((rc = children_at(c, s.id, date, &kids)))
			break;
		json_t *moves = json_array();
		size_t k;
		json_t *kid;
		json_array_foreach(kids, k, kid)
			json_array_append_new(moves, json_pack("{s:O}", "unit", kid));
		json_decref(kids);
		rc = retire_into(c, sid, s.id, tid, date, moves);
		json_decref(moves);
	}
	json_t *after = NULL;
	if (!rc)
		rc = unit_json_at(c, tid, date, &after);
	if (!rc) {
		json_t *rec = json_pack("{s:s, s:s, s:O, s:O}", "succession", sid, "date", date,
					"sources", before, "target", after);
		rc = audit_record(c, "unit", tid, tid, "merge", NULL, rec);
		if (!rc)
			*out = rec;
		else
			json_decref(rec);
	}
	json_decref(before);
	json_decref(after);
	rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err unit_split(struct ctx *c, const char *ref, json_t *in, json_t **out)
{
	static const char *const keys[] = { "targets", "children", "date", "note", NULL };
	const char *date = NULL, *note = NULL;
	json_t *targets = json_object_get(in, "targets"), *children = json_object_get(in, "children");
	struct unit_facts s;
	enum bp_err rc;
	*out = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)) ||
	    (rc = json_get_str(in, "note", false, 1000, &note, &c->err)))
		return rc;
	if (!json_is_array(targets))
		return err_field(&c->err, targets ? "field_type" : "field_required", "targets");
	if (json_array_size(targets) < 2)
		return err_set(&c->err, "unit_split_targets", NULL);
	if (children && !json_is_object(children))
		return err_field(&c->err, "field_type", "children");
	if ((rc = facts_resolve(c, ref, &s)) ||
	    (rc = access_unit(c, s.id, ACCESS_MANAGE)))
		return rc;
	if (!facts_valid_at(&s, date))
		return err_set(&c->err, "unit_not_valid_at", s.code);

	char sid[37];
	json_t *tids = json_array(), *moves = json_array(), *kids = NULL, *before = NULL;
	if ((rc = db_begin(c->db, &c->err)))
		goto out;
	char last[DATE_LEN];
	day_before(date, last);
	rc = unit_json_at(c, s.id, last, &before);
	if (!rc)
		rc = succession_new(c, "split", date, note, sid);
	size_t i;
	json_t *t;
	json_array_foreach(targets, i, t) {
		char tid[37];
		bool made = false;
		struct unit_facts tf;
		if (rc || (rc = target_resolve(c, t, date, tid, &made)) ||
		    (rc = unit_facts_get(c, tid, &tf)))
			break;
		if (!strcmp(tid, s.id)) {
			rc = err_set(&c->err, "unit_merge_self", NULL);
			break;
		}
		if (!made && (rc = access_unit(c, tid, ACCESS_READ)))
			break;
		if (!facts_valid_at(&tf, date)) {
			rc = err_set(&c->err, "unit_not_valid_at", tf.code);
			break;
		}
		bool anc = false;
		if ((rc = is_ancestor_at(c, s.id, tid, date, &anc)))
			break;
		if (anc) {
			rc = err_set(&c->err, "unit_cycle", NULL);
			break;
		}
		json_array_append_new(tids, json_string(tid));
	}
	/* Every child of the split unit goes to one of the targets. */
	if (!rc)
		rc = children_at(c, s.id, date, &kids);
	json_t *kid;
	json_array_foreach(kids, i, kid) {
		if (rc)
			break;
		const char *kid_id = json_string_value(kid);
		json_t *dest = NULL;
		const char *key;
		json_t *v;
		json_object_foreach(children, key, v) {
			char cid[37];
			if (unit_resolve(c, key, cid) == BP_OK && !strcmp(cid, kid_id)) {
				dest = v;
				break;
			}
		}
		if (!dest || !json_is_string(dest)) {
			struct unit_facts kf;
			if (!unit_facts_get(c, kid_id, &kf))
				rc = err_set(&c->err, "unit_split_child", kf.code);
			else
				rc = c->err.kind;
			break;
		}
		char did[37];
		if ((rc = unit_resolve(c, json_string_value(dest), did)))
			break;
		bool listed = false;
		size_t k;
		json_t *tid;
		json_array_foreach(tids, k, tid)
			if (!strcmp(json_string_value(tid), did))
				listed = true;
		if (!listed) {
			rc = err_field(&c->err, "invalid_input", "children");
			break;
		}
		json_array_append_new(moves, json_pack("{s:s, s:s}", "unit", kid_id, "to", did));
	}
	/* The children move, then the post links pass to every target. */
	if (!rc)
		rc = retire_into(c, sid, s.id, NULL, date, moves);
	json_array_foreach(tids, i, t) {
		if (rc)
			break;
		const char *tid = json_string_value(t);
		if (!(rc = succession_link(c, sid, s.id, tid)))
			rc = db_exec(c->db,
				"INSERT INTO post_communes (post_id, commune_id, valid_from, valid_to)"
				" SELECT DISTINCT l.post_id, $2, $3, CAST(NULL AS TEXT) FROM post_communes l"
				" WHERE l.commune_id = $1 AND l.valid_to = $3",
				DB_ARGS(DB_S(s.id), DB_S(tid), DB_S(date)), NULL, &c->err);
		if (!rc)
			rc = edges_refresh(c, tid);
	}
	json_t *after = json_array();
	json_array_foreach(tids, i, t) {
		json_t *u = NULL;
		if (rc || (rc = unit_json_at(c, json_string_value(t), date, &u)))
			break;
		json_array_append_new(after, u);
	}
	if (!rc) {
		json_t *rec = json_pack("{s:s, s:s, s:O, s:O}", "succession", sid, "date", date,
					"source", before, "targets", after);
		rc = audit_record(c, "unit", s.id, s.id, "split", NULL, rec);
		if (!rc)
			*out = rec;
		else
			json_decref(rec);
	}
	json_decref(after);
	rc = db_end(c->db, rc, &c->err);
out:
	json_decref(tids);
	json_decref(moves);
	json_decref(kids);
	json_decref(before);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err unit_dissolve(struct ctx *c, const char *ref, json_t *in, json_t **out)
{
	static const char *const keys[] = { "date", NULL };
	const char *date = NULL;
	struct unit_facts u;
	enum bp_err rc;
	*out = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)) ||
	    (rc = facts_resolve(c, ref, &u)) ||
	    (rc = access_unit(c, u.id, ACCESS_MANAGE)))
		return rc;
	if (!facts_valid_at(&u, date) || !strcmp(u.valid_from, date))
		return err_set(&c->err, "unit_not_valid_at", u.code);
	json_t *kids = NULL, *before = NULL;
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	rc = children_at(c, u.id, date, &kids);
	if (!rc && json_array_size(kids)) {
		struct unit_facts kf;
		if (unit_facts_get(c, json_string_value(json_array_get(kids, 0)), &kf) == BP_OK)
			rc = err_set(&c->err, "unit_has_children", kf.code);
		else
			rc = c->err.kind;
	}
	char last[DATE_LEN];
	day_before(date, last);
	if (!rc)
		rc = unit_json_at(c, u.id, last, &before);
	if (!rc)
		rc = end_unit(c, u.id, date);
	if (!rc)
		rc = unit_json_at(c, u.id, last, out);
	if (!rc)
		rc = audit_record(c, "unit", u.id, u.id, "dissolve", before, *out);
	json_decref(kids);
	json_decref(before);
	rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err unit_tree(struct ctx *c, const char *root_ref, const char *date, json_t **out)
{
	const char *d = date ? date : c->today;
	char root[37] = "";
	enum bp_err rc;
	*out = NULL;
	if (date && !date_valid(date))
		return err_field(&c->err, "date_invalid", "date");
	if ((rc = access_require_role(c, ROLE_VIEWER)))
		return rc;
	if (root_ref && ((rc = unit_resolve(c, root_ref, root)) ||
			 (rc = access_unit(c, root, ACCESS_READ))))
		return rc;
	/* Units in today's scope that exist on the date, with their parent
	 * then; under a root, only its subtree on that date. */
	char *sql = xasprintf("%s, sub(id) AS (SELECT CAST($4 AS TEXT) UNION"
		" SELECT p.unit_id FROM unit_parents p JOIN sub ON p.parent_id = sub.id"
		" WHERE p.valid_from <= $3 AND (p.valid_to IS NULL OR p.valid_to > $3))"
		" SELECT u.id, u.code, u.kind, u.name, u.name_en, u.valid_from, u.valid_to, p.parent_id"
		" FROM units u LEFT JOIN unit_parents p ON p.unit_id = u.id AND p.valid_from <= $3"
		"  AND (p.valid_to IS NULL OR p.valid_to > $3)"
		" WHERE u.id IN (SELECT id FROM scope)"
		" AND u.valid_from <= $3 AND (u.valid_to IS NULL OR u.valid_to > $3)"
		" AND ($4 = '' OR u.id IN (SELECT id FROM sub))"
		" ORDER BY u.code", access_scope_cte(c));
	struct db_rows *r = NULL;
	rc = db_query(c->db, sql, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(d), DB_S(root)),
		      &r, &c->err);
	free(sql);
	if (rc)
		return rc;
	json_t *nodes = json_object(), *order = json_array();
	int s;
	while ((s = db_next(r, &c->err)) > 0) {
		json_t *o = json_object();
		json_set_str(o, "id", db_text(r, 0));
		json_set_str(o, "code", db_text(r, 1));
		json_set_str(o, "kind", db_text(r, 2));
		json_set_str(o, "name", db_text(r, 3));
		json_set_str(o, "name_en", db_text(r, 4));
		json_set_str(o, "valid_from", db_text(r, 5));
		json_set_str(o, "valid_to", db_text(r, 6));
		json_set_str(o, "parent_id", db_text(r, 7));
		json_object_set_new(o, "children", json_array());
		json_object_set_new(nodes, db_text(r, 0), o);
		json_array_append(order, o);
	}
	db_rows_free(r);
	json_t *roots = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(order, i, o) {
		const char *pid = json_string_value(json_object_get(o, "parent_id"));
		json_t *p = pid ? json_object_get(nodes, pid) : NULL;
		if (p && (!root[0] || strcmp(json_string_value(json_object_get(o, "id")), root)))
			json_array_append(json_object_get(p, "children"), o);
		else
			json_array_append(roots, o);
	}
	json_decref(order);
	json_decref(nodes);
	if (s < 0) {
		json_decref(roots);
		return c->err.kind;
	}
	*out = json_pack("{s:s, s:o}", "date", d, "roots", roots);
	return BP_OK;
}

enum bp_err unit_subtree(struct ctx *c, const char *ref, const char *date, json_t **out)
{
	const char *d = date ? date : c->today;
	char id[37];
	enum bp_err rc;
	*out = NULL;
	if (date && !date_valid(date))
		return err_field(&c->err, "date_invalid", "date");
	if ((rc = unit_resolve(c, ref, id)) || (rc = access_unit(c, id, ACCESS_READ)))
		return rc;
	struct db_rows *r = NULL;
	rc = db_query(c->db,
		"WITH RECURSIVE sub(id, depth) AS (SELECT CAST($1 AS TEXT), 0 UNION ALL"
		" SELECT p.unit_id, sub.depth + 1 FROM unit_parents p JOIN sub ON p.parent_id = sub.id"
		" WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2) AND sub.depth < 32)"
		" " UNIT_SELECT " JOIN sub ON sub.id = u.id ORDER BY sub.depth, u.code",
		DB_ARGS(DB_S(id), DB_S(d)), &r, &c->err);
	if (rc)
		return rc;
	json_t *items = json_array();
	int s;
	while ((s = db_next(r, &c->err)) > 0)
		json_array_append_new(items, unit_row_json(r));
	db_rows_free(r);
	if (s < 0) {
		json_decref(items);
		return c->err.kind;
	}
	*out = json_pack("{s:s, s:o}", "date", d, "items", items);
	return BP_OK;
}

enum bp_err unit_predecessors(struct ctx *c, const char *ref, json_t **out)
{
	char id[37];
	enum bp_err rc;
	*out = NULL;
	if ((rc = unit_resolve(c, ref, id)) || (rc = access_unit(c, id, ACCESS_READ)))
		return rc;
	struct db_rows *r = NULL;
	rc = db_query(c->db,
		"WITH RECURSIVE pre(id, via, kind, date, depth) AS ("
		" SELECT l.from_unit, l.to_unit, s.kind, s.date, 1 FROM unit_succession_links l"
		"  JOIN unit_successions s ON s.id = l.succession_id WHERE l.to_unit = $1"
		" UNION ALL"
		" SELECT l.from_unit, l.to_unit, s.kind, s.date, pre.depth + 1 FROM unit_succession_links l"
		"  JOIN unit_successions s ON s.id = l.succession_id JOIN pre ON l.to_unit = pre.id"
		"  WHERE pre.depth < 32)"
		" SELECT u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to, pre.via, pre.kind, pre.date,"
		" pre.depth FROM pre JOIN units u ON u.id = pre.id ORDER BY pre.depth, pre.date DESC, u.code",
		DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc)
		return rc;
	json_t *items = json_array();
	int s;
	while ((s = db_next(r, &c->err)) > 0) {
		json_t *o = json_object();
		json_set_str(o, "id", db_text(r, 0));
		json_set_str(o, "code", db_text(r, 1));
		json_set_str(o, "name", db_text(r, 2));
		json_set_str(o, "kind", db_text(r, 3));
		json_set_str(o, "valid_from", db_text(r, 4));
		json_set_str(o, "valid_to", db_text(r, 5));
		json_set_str(o, "successor_id", db_text(r, 6));
		json_set_str(o, "succession", db_text(r, 7));
		json_set_str(o, "date", db_text(r, 8));
		json_object_set_new(o, "generation", json_integer(db_int(r, 9)));
		json_array_append_new(items, o);
	}
	db_rows_free(r);
	if (s < 0) {
		json_decref(items);
		return c->err.kind;
	}
	*out = json_pack("{s:o}", "items", items);
	return BP_OK;
}

enum bp_err unit_post_link(struct ctx *c, const char *post_ref, json_t *in, json_t **out)
{
	static const char *const keys[] = { "commune", "valid_from", "valid_to", NULL };
	const char *commune_ref = NULL, *from = NULL, *to = NULL;
	struct unit_facts post, commune;
	enum bp_err rc;
	*out = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_str(in, "commune", true, 64, &commune_ref, &c->err)) ||
	    (rc = json_get_date(in, "valid_from", true, &from, &c->err)) ||
	    (rc = json_get_date(in, "valid_to", false, &to, &c->err)))
		return rc;
	if (to && strcmp(to, from) <= 0)
		return err_set(&c->err, "date_range", NULL);
	/* Linking a commune to a post widens the post's scope: the actor
	 * must manage the post and see the commune. Checked before the
	 * kinds and dates, which are not to be learnt of units out of scope. */
	if ((rc = facts_resolve(c, post_ref, &post)) ||
	    (rc = access_unit(c, post.id, ACCESS_MANAGE)) ||
	    (rc = facts_resolve(c, commune_ref, &commune)) ||
	    (rc = access_unit(c, commune.id, ACCESS_READ)))
		return rc;
	if (strcmp(post.kind, "border_post"))
		return err_set(&c->err, "unit_not_post", post.code);
	if (strcmp(commune.kind, "commune") && strcmp(commune.kind, "ward"))
		return err_set(&c->err, "unit_not_commune", commune.code);
	if (!facts_valid_at(&post, from))
		return err_set(&c->err, "unit_not_valid_at", post.code);
	if (!facts_valid_at(&commune, from))
		return err_set(&c->err, "unit_not_valid_at", commune.code);
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	long long overlap = 0;
	rc = db_scalar_int(c->db,
		"SELECT COUNT(*) FROM post_communes WHERE post_id = $1 AND commune_id = $2"
		" AND (valid_to IS NULL OR valid_to > $3) AND ($4 = '' OR valid_from < $4)",
		DB_ARGS(DB_S(post.id), DB_S(commune.id), DB_S(from), DB_S(to ? to : "")),
		&overlap, &c->err);
	if (!rc && overlap)
		rc = err_set(&c->err, "unit_link_overlap", commune.code);
	if (!rc)
		rc = db_exec(c->db,
			"INSERT INTO post_communes (post_id, commune_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)",
			DB_ARGS(DB_S(post.id), DB_S(commune.id), DB_S(from), DB_S(to)), NULL, &c->err);
	if (!rc)
		rc = edges_refresh(c, commune.id);
	if (!rc) {
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "post_id", post.id, "post_code", post.code,
				 "commune_id", commune.id, "commune_code", commune.code, "valid_from", from,
				 "valid_to", to ? json_string(to) : json_null());
		rc = audit_record(c, "post_commune", post.id, post.id, "link", NULL, *out);
	}
	rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum bp_err unit_post_communes(struct ctx *c, const char *post_ref, const char *date, json_t **out)
{
	char id[37];
	enum bp_err rc;
	*out = NULL;
	if (date && !date_valid(date))
		return err_field(&c->err, "date_invalid", "date");
	if ((rc = unit_resolve(c, post_ref, id)) || (rc = access_unit(c, id, ACCESS_READ)))
		return rc;
	static const char *const cols[] = { "id", "code", "name", "valid_from", "valid_to", NULL };
	json_t *items = NULL;
	rc = db_query_json(c->db,
		"SELECT u.id, u.code, u.name, l.valid_from, l.valid_to FROM post_communes l"
		" JOIN units u ON u.id = l.commune_id WHERE l.post_id = $1"
		" AND ($2 = '' OR (l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to > $2)))"
		" ORDER BY u.code, l.valid_from",
		DB_ARGS(DB_S(id), DB_S(date ? date : "")), cols, &items, &c->err);
	if (rc)
		return rc;
	*out = json_pack("{s:o}", "items", items);
	return BP_OK;
}
