/*
 * commendations.c - commendations and their recipients; see
 * commendations.h for who may issue what. Written through coord_put.
 */
#include <stdio.h>
#include <string.h>

#include "domain/access.h"
#include "domain/commendations.h"
#include "domain/layer.h"
#include "util/buf.h"
#include "util/json.h"

static const char *const levels[] = { "giay_khen", "bang_khen", "co_thi_dua", "huan_chuong", "huy_chuong",
				      "danh_hieu", NULL };
static const char *const issuer_levels[] = { "nation", "ministry", "province", "district", "commune", "unit",
					     NULL };
static const char *const recipient_kinds[] = { "collective", "individual", NULL };

/* The issuer levels a level may come from; NULL: any. */
static const struct {
	const char *level;
	const char *const *from;
} issuers[] = {
	{ "bang_khen", (const char *const[]){ "nation", "ministry", "province", NULL } },
	{ "co_thi_dua", (const char *const[]){ "nation", "ministry", "province", NULL } },
	{ "huan_chuong", (const char *const[]){ "nation", NULL } },
	{ "huy_chuong", (const char *const[]){ "nation", NULL } },
};

static bool issuer_allowed(const char *level, const char *issuer)
{
	for (size_t i = 0; i < sizeof(issuers) / sizeof(issuers[0]); i++) {
		if (strcmp(issuers[i].level, level))
			continue;
		for (const char *const *f = issuers[i].from; *f; f++)
			if (!strcmp(*f, issuer))
				return true;
		return false;
	}
	return true;
}

/* The recording unit's scope, or a recipient's. */
static const char commendation_readable_sql[] =
	"SELECT COUNT(*) FROM commendations x WHERE x.id = $3 AND (x.unit_id IN (SELECT id FROM scope)"
	" OR EXISTS (SELECT 1 FROM commendation_recipients cr WHERE cr.commendation_id = x.id"
	" AND cr.unit_id IN (SELECT id FROM scope)))";

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static enum bp_err read_recipients(struct ctx *c, json_t *in, json_t *n)
{
	static const char *const keys[] = { "kind", "name", "unit", NULL };
	json_t *a = NULL, *list = json_array(), *v;
	size_t i;
	enum bp_err rc = coord_get_array(c, in, "recipients", &a);
	if (!rc && !json_array_size(a))
		rc = a ? err_field(&c->err, "list_too_short", "recipients") : err_field(&c->err, "field_required", "recipients");
	json_array_foreach(a, i, v) {
		const char *kind = NULL, *name = NULL;
		char unit[37];
		bool has_unit;
		if (rc)
			break;
		if (!json_is_object(v)) {
			rc = err_field(&c->err, "field_type", "recipients");
			break;
		}
		if ((rc = json_check_keys(v, keys, &c->err)) ||
		    (rc = layer_get_enum(v, "kind", true, recipient_kinds, "recipient_kind_invalid", &kind, &c->err)) ||
		    (rc = json_get_str(v, "name", true, COORD_NAME_MAX, &name, &c->err)) ||
		    (rc = coord_get_unit(c, v, "unit", false, unit, &has_unit)))
			break;
		json_array_append_new(list, json_pack("{s:s, s:s, s:s?}", "kind", kind, "name", name,
						      "unit", has_unit ? unit : NULL));
	}
	if (!rc)
		json_object_set(n, "recipients", list);
	json_decref(list);
	return rc;
}

static enum bp_err commendation_read(struct ctx *c, const char *id, json_t *in, json_t **norm)
{
	static const char *const keys[] = { "id", "level", "number_symbol", "issuing_body", "issuer_level",
		"signer_title", "date", "reason", "programme", "period_from", "period_to", "unit", "recipients", NULL };
	const char *level = NULL, *number = NULL, *body = NULL, *issuer = NULL, *signer = NULL;
	const char *date = NULL, *reason = NULL, *programme = NULL, *from = NULL, *to = NULL;
	char unit[37];
	bool has_unit;
	enum bp_err rc;
	(void)id;
	*norm = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = coord_get_unit(c, in, "unit", true, unit, &has_unit)) ||
	    (rc = access_unit(c, unit, ACCESS_WRITE)) ||
	    (rc = layer_get_enum(in, "level", true, levels, "commendation_level_invalid", &level, &c->err)) ||
	    (rc = json_get_str(in, "number_symbol", false, 64, &number, &c->err)) ||
	    (rc = json_get_str(in, "issuing_body", true, COORD_NAME_MAX, &body, &c->err)) ||
	    (rc = layer_get_enum(in, "issuer_level", true, issuer_levels, "issuer_level_invalid", &issuer, &c->err)) ||
	    (rc = json_get_str(in, "signer_title", false, COORD_NAME_MAX, &signer, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)) ||
	    (rc = json_get_str(in, "reason", true, COORD_TEXT_MAX, &reason, &c->err)) ||
	    (rc = json_get_str(in, "programme", false, COORD_NAME_MAX, &programme, &c->err)) ||
	    (rc = json_get_date(in, "period_from", false, &from, &c->err)) ||
	    (rc = json_get_date(in, "period_to", false, &to, &c->err)))
		return rc;
	if (!issuer_allowed(level, issuer)) {
		char d[64];
		snprintf(d, sizeof(d), "%s ← %s", level, issuer);
		rc = err_set(&c->err, "commendation_issuer", d);
		snprintf(c->err.field, sizeof(c->err.field), "issuer_level");
		return rc;
	}
	if (strcmp(date, c->today) > 0)
		return err_field(&c->err, "date_future", "date");
	if (from && to && strcmp(to, from) < 0)
		return err_field(&c->err, "date_range", "period_to");
	json_t *n = json_pack("{s:s, s:s?, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?, s:s?, s:s}", "level", level,
		"number_symbol", number && *number ? number : NULL, "issuing_body", body, "issuer_level", issuer,
		"signer_title", signer && *signer ? signer : NULL, "date", date, "reason", reason,
		"programme", programme && *programme ? programme : NULL, "period_from", from, "period_to", to,
		"unit", unit);
	if ((rc = read_recipients(c, in, n))) {
		json_decref(n);
		return rc;
	}
	*norm = n;
	return BP_OK;
}

#define COMMENDATION_SELECT \
	"SELECT x.id, x.level, x.number_symbol, x.issuing_body, x.issuer_level, x.signer_title, x.date," \
	" x.reason, x.programme, x.period_from, x.period_to, x.unit_id, u.code, u.name," \
	" (SELECT COUNT(*) FROM commendation_recipients r WHERE r.commendation_id = x.id AND r.kind = 'collective')," \
	" (SELECT COUNT(*) FROM commendation_recipients r WHERE r.commendation_id = x.id AND r.kind = 'individual')," \
	" x.created_by, x.created_at, x.updated_at FROM commendations x JOIN units u ON u.id = x.unit_id"

static json_t *commendation_summary(struct db_rows *r)
{
	json_t *o = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?, s:s?}", "id", db_text(r, 0),
		"level", db_text(r, 1), "number_symbol", db_text(r, 2), "issuing_body", db_text(r, 3),
		"issuer_level", db_text(r, 4), "signer_title", db_text(r, 5), "date", db_text(r, 6),
		"reason", db_text(r, 7), "programme", db_text(r, 8), "period_from", db_text(r, 9),
		"period_to", db_text(r, 10));
	json_object_set_new(o, "unit", coord_unit_json(db_text(r, 11), db_text(r, 12), db_text(r, 13)));
	json_object_set_new(o, "collectives", json_integer(db_int(r, 14)));
	json_object_set_new(o, "individuals", json_integer(db_int(r, 15)));
	return o;
}

static enum bp_err commendation_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	int s = 0;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, COMMENDATION_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "commendation_not_found", NULL);
	if (rc)
		return rc;
	json_t *o = commendation_summary(r), *list = json_array();
	json_set_str(o, "created_by", db_text(r, 16));
	json_set_str(o, "created_at", db_text(r, 17));
	json_set_str(o, "updated_at", db_text(r, 18));
	db_rows_free(r);
	r = NULL;
	json_object_set_new(o, "recipients", list);
	rc = db_query(c->db, "SELECT k.kind, k.name, k.unit_id, u.code, u.name FROM commendation_recipients k"
		      " LEFT JOIN units u ON u.id = k.unit_id WHERE k.commendation_id = $1 ORDER BY k.position",
		      DB_ARGS(DB_S(id)), &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0)
		json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "kind", db_text(r, 0), "name", db_text(r, 1),
			"unit", coord_unit_json(db_text(r, 2), db_text(r, 3), db_text(r, 4))));
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return BP_OK;
}

static json_t *commendation_canon(json_t *s)
{
	json_t *n = json_object();
	static const char *const same[] = { "level", "number_symbol", "issuing_body", "issuer_level", "signer_title",
					    "date", "reason", "programme", "period_from", "period_to", NULL };
	for (const char *const *k = same; *k; k++)
		json_object_set(n, *k, json_object_get(s, *k));
	json_object_set_new(n, "unit", json_string(str_of(json_object_get(s, "unit"), "id")));
	json_t *list = json_array(), *v;
	size_t i;
	json_array_foreach(json_object_get(s, "recipients"), i, v) {
		json_t *u = json_object_get(v, "unit");
		json_array_append_new(list, json_pack("{s:O, s:O, s:O}", "kind", json_object_get(v, "kind"),
			"name", json_object_get(v, "name"), "unit", json_is_object(u) ? json_object_get(u, "id") : json_null()));
	}
	json_object_set_new(n, "recipients", list);
	return n;
}

static enum bp_err commendation_store(struct ctx *c, const char *id, json_t *n, const char *now, bool update)
{
	enum bp_err rc;
	if (update) {
		rc = db_exec(c->db, "UPDATE commendations SET level = $2, number_symbol = $3, issuing_body = $4,"
			" issuer_level = $5, signer_title = $6, date = $7, reason = $8, programme = $9, period_from = $10,"
			" period_to = $11, unit_id = $12, updated_at = $13 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(str_of(n, "level")), DB_S(str_of(n, "number_symbol")),
				DB_S(str_of(n, "issuing_body")), DB_S(str_of(n, "issuer_level")),
				DB_S(str_of(n, "signer_title")), DB_S(str_of(n, "date")), DB_S(str_of(n, "reason")),
				DB_S(str_of(n, "programme")), DB_S(str_of(n, "period_from")), DB_S(str_of(n, "period_to")),
				DB_S(str_of(n, "unit")), DB_S(now)), NULL, &c->err);
		if (!rc)
			rc = db_exec(c->db, "DELETE FROM commendation_recipients WHERE commendation_id = $1",
				     DB_ARGS(DB_S(id)), NULL, &c->err);
	} else {
		rc = db_exec(c->db, "INSERT INTO commendations (id, level, number_symbol, issuing_body, issuer_level,"
			" signer_title, date, reason, programme, period_from, period_to, unit_id, created_by, created_at,"
			" updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
			DB_ARGS(DB_S(id), DB_S(str_of(n, "level")), DB_S(str_of(n, "number_symbol")),
				DB_S(str_of(n, "issuing_body")), DB_S(str_of(n, "issuer_level")),
				DB_S(str_of(n, "signer_title")), DB_S(str_of(n, "date")), DB_S(str_of(n, "reason")),
				DB_S(str_of(n, "programme")), DB_S(str_of(n, "period_from")), DB_S(str_of(n, "period_to")),
				DB_S(str_of(n, "unit")), DB_S(c->actor.username), DB_S(now)), NULL, &c->err);
	}
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(n, "recipients"), i, v) {
		char rid[37];
		if (rc)
			break;
		coord_child_id(id, "recipient", (unsigned)i, rid);
		rc = db_exec(c->db, "INSERT INTO commendation_recipients (id, commendation_id, kind, name, unit_id, position)"
			     " VALUES ($1, $2, $3, $4, $5, $6)", DB_ARGS(DB_S(rid), DB_S(id), DB_S(str_of(v, "kind")),
			     DB_S(str_of(v, "name")), DB_S(str_of(v, "unit")), DB_I((long long)i)), NULL, &c->err);
	}
	return rc;
}

static enum bp_err commendation_remove(struct ctx *c, const char *id, json_t *stored)
{
	(void)stored;
	enum bp_err rc = db_exec(c->db, "DELETE FROM commendation_recipients WHERE commendation_id = $1",
				 DB_ARGS(DB_S(id)), NULL, &c->err);
	return rc ? rc : db_exec(c->db, "DELETE FROM commendations WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
}

static const struct coord_ops commendation_ops = {
	.entity = "commendation", .not_found = "commendation_not_found", .readable_sql = commendation_readable_sql,
	.read = commendation_read, .load = commendation_load, .canon = commendation_canon,
	.store = commendation_store, .remove = commendation_remove,
};

enum bp_err commendation_get(struct ctx *c, const char *id, json_t **out)
{
	return coord_get(c, &commendation_ops, id, out);
}

enum bp_err commendation_put(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			     json_t **out, enum coord_done *done)
{
	return coord_put(c, &commendation_ops, id, in, mode, out, done);
}

enum bp_err commendation_delete(struct ctx *c, const char *id)
{
	return coord_delete(c, &commendation_ops, id);
}

/* The WHERE of a list and of its counts, with the filter's arguments from $4 on. */
static enum bp_err list_where(struct ctx *c, const struct commendation_filter *f, struct buf *sql,
			      db_arg *args, int *next)
{
	if (f->level) {
		bool ok = false;
		for (const char *const *k = levels; *k; k++)
			ok = ok || !strcmp(*k, f->level);
		if (!ok)
			return err_set(&c->err, "commendation_level_invalid", NULL);
	}
	buf_adds(sql, " WHERE (x.unit_id IN (SELECT id FROM scope)"
		 " OR EXISTS (SELECT 1 FROM commendation_recipients cr WHERE cr.commendation_id = x.id"
		 " AND cr.unit_id IN (SELECT id FROM scope)))"
		 " AND ($3 = '' OR x.unit_id IN (SELECT id FROM sub) OR EXISTS (SELECT 1 FROM commendation_recipients cs"
		 " WHERE cs.commendation_id = x.id AND cs.unit_id IN (SELECT id FROM sub)))");
	const struct {
		const char *value, *clause;
	} opt[] = {
		{ f->level, " AND x.level = $%d" },
		{ f->programme, " AND x.programme = $%d" },
		{ f->from, " AND x.date >= $%d" },
		{ f->to, " AND x.date <= $%d" },
	};
	for (size_t i = 0; i < sizeof(opt) / sizeof(opt[0]); i++) {
		if (!opt[i].value)
			continue;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		buf_addf(sql, opt[i].clause, *next);
#pragma GCC diagnostic pop
		args[*next - 1] = DB_S(opt[i].value);
		(*next)++;
	}
	return BP_OK;
}

enum bp_err commendation_list(struct ctx *c, const struct commendation_filter *f, int limit,
			      const char *cursor, json_t **out)
{
	struct buf sql, where;
	struct db_rows *r = NULL;
	db_arg args[14];
	int next = 4, nfilter;
	char unit_id[37], cdate[11], cid[37];
	json_t *page = NULL;
	enum bp_err rc;
	*out = NULL;
	if ((rc = layer_limit(c, limit, &limit)) || (rc = coord_check_period(c, f->from, f->to)))
		return rc;
	buf_init(&sql, 16384);
	buf_init(&where, 8192);
	if ((rc = coord_list_start(c, f->unit, &sql, args, unit_id)) ||
	    (rc = list_where(c, f, &where, args, &next)))
		goto out;
	nfilter = next;
	/* The counts over the whole filter, every page alike. */
	struct buf count;
	buf_init(&count, 16384);
	buf_add(&count, sql.data, sql.len);
	buf_addf(&count, "SELECT COUNT(DISTINCT x.id),"
		 " COALESCE(SUM(CASE WHEN k.kind = 'collective' THEN 1 ELSE 0 END), 0),"
		 " COALESCE(SUM(CASE WHEN k.kind = 'individual' THEN 1 ELSE 0 END), 0)"
		 " FROM commendations x LEFT JOIN commendation_recipients k ON k.commendation_id = x.id%s", where.data);
	rc = db_query_one(c->db, count.data, args, nfilter - 1, &r, &c->err);
	buf_release(&count);
	json_t *counts = rc ? NULL : json_pack("{s:I, s:I, s:I}", "commendations", (json_int_t)db_int(r, 0),
		"collectives", (json_int_t)db_int(r, 1), "individuals", (json_int_t)db_int(r, 2));
	db_rows_free(r);
	r = NULL;
	if (rc)
		goto out;
	buf_adds(&sql, COMMENDATION_SELECT);
	buf_add(&sql, where.data, where.len);
	if ((rc = coord_cursor_sql(c, cursor, "date", &sql, args, &next, cdate, cid))) {
		json_decref(counts);
		goto out;
	}
	buf_addf(&sql, " ORDER BY x.date DESC, x.id DESC LIMIT %d", limit + 1);
	if (!(rc = db_query(c->db, sql.data, args, next - 1, &r, &c->err)))
		rc = coord_page(c, r, limit, commendation_summary, "date", &page);
	if (rc) {
		json_decref(counts);
		goto out;
	}
	json_object_set_new(page, "counts", counts);
	*out = page;
out:
	db_rows_free(r);
	buf_release(&sql);
	buf_release(&where);
	return rc;
}
