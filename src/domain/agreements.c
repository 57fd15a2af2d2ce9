/*
 * agreements.c - coordination agreements; see agreements.h for the states
 * and the rules. The agreement itself is written through coord_put; its
 * reviews and its renewal have their own transactions here.
 *
 * Commitments keep their ids across edits, since reviews point at them:
 * a commitment sent without an id gets one derived from the agreement and
 * its position, so the same agreement sent twice is the same.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/agreements.h"
#include "domain/audit.h"
#include "domain/layer.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"

static const char *const agreement_states[] = { "draft", "signed", "ended", NULL };
static const char *const review_results[] = { "tot", "kha", "trung_binh", "yeu", NULL };
static const char *const evaluations[] = { "done", "partly", "not_done", NULL };

/* The keeper's scope, or a party's. */
static const char agreement_readable_sql[] =
	"SELECT COUNT(*) FROM agreements x WHERE x.id = $3 AND (x.unit_id IN (SELECT id FROM scope)"
	" OR EXISTS (SELECT 1 FROM agreement_parties ap WHERE ap.agreement_id = x.id"
	" AND ap.unit_id IN (SELECT id FROM scope)))";

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool in_array(json_t *a, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
		if (s && !strcmp(json_string_value(v), s))
			return true;
	return false;
}

static enum bp_err read_commitments(struct ctx *c, const char *id, json_t *in, json_t *n)
{
	static const char *const keys[] = { "id", "text", "party", "due_on", NULL };
	json_t *a = NULL, *list = json_array(), *v, *seen = json_array();
	size_t i;
	const char *from = str_of(n, "period_from");
	enum bp_err rc = coord_get_array(c, in, "commitments", &a);
	json_array_foreach(a, i, v) {
		const char *cid = NULL, *text = NULL, *due = NULL;
		char party[37], idbuf[37];
		bool has_party;
		if (rc)
			break;
		if (!json_is_object(v)) {
			rc = err_field(&c->err, "field_type", "commitments");
			break;
		}
		if ((rc = json_check_keys(v, keys, &c->err)) ||
		    (rc = json_get_uuid(v, "id", false, &cid, &c->err)) ||
		    (rc = json_get_str(v, "text", true, COORD_TEXT_MAX, &text, &c->err)) ||
		    (rc = coord_get_unit(c, v, "party", false, party, &has_party)) ||
		    (rc = json_get_date(v, "due_on", false, &due, &c->err)))
			break;
		if (has_party && !in_array(json_object_get(n, "parties"), party)) {
			rc = coord_err_item(c, "commitment_party", "commitments", i);
			break;
		}
		/* Within the period or after it (a report due the next January),
		 * never before the agreement starts. */
		if (due && strcmp(due, from) < 0) {
			rc = coord_err_item(c, "commitment_due", "commitments", i);
			break;
		}
		if (!cid) {
			coord_child_id(id, "commitment", (unsigned)i, idbuf);
			cid = idbuf;
		}
		if (in_array(seen, cid)) {
			rc = coord_err_item(c, "commitment_twice", "commitments", i);
			break;
		}
		json_array_append_new(seen, json_string(cid));
		json_array_append_new(list, json_pack("{s:s, s:s, s:s?, s:s?}", "id", cid, "text", text,
			"party", has_party ? party : NULL, "due_on", due));
	}
	if (!rc)
		json_object_set(n, "commitments", list);
	json_decref(list);
	json_decref(seen);
	return rc;
}

static enum bp_err agreement_read(struct ctx *c, const char *id, json_t *in, json_t **norm)
{
	static const char *const keys[] = { "id", "title", "number_symbol", "period_from", "period_to",
		"signed_on", "status", "unit", "notes", "parties", "commitments", NULL };
	const char *title = NULL, *number = NULL, *from = NULL, *to = NULL, *signed_on = NULL;
	const char *status = NULL, *notes = NULL;
	char unit[37];
	bool has_unit;
	json_t *parties = NULL;
	enum bp_err rc;
	*norm = NULL;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = coord_get_unit(c, in, "unit", true, unit, &has_unit)) ||
	    (rc = access_unit(c, unit, ACCESS_WRITE)) ||
	    (rc = json_get_str(in, "title", true, COORD_TITLE_MAX, &title, &c->err)) ||
	    (rc = json_get_str(in, "number_symbol", false, 64, &number, &c->err)) ||
	    (rc = json_get_date(in, "period_from", true, &from, &c->err)) ||
	    (rc = json_get_date(in, "period_to", true, &to, &c->err)) ||
	    (rc = json_get_date(in, "signed_on", false, &signed_on, &c->err)) ||
	    (rc = layer_get_enum(in, "status", true, agreement_states, "agreement_status_invalid", &status, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, COORD_TEXT_MAX, &notes, &c->err)))
		return rc;
	if (strcmp(to, from) < 0)
		return err_field(&c->err, "date_range", "period_to");
	if (!strcmp(status, "draft") && signed_on)
		return err_field(&c->err, "agreement_draft_signed", "signed_on");
	if (strcmp(status, "draft") && !signed_on)
		return err_field(&c->err, "agreement_signed_on", "signed_on");
	if (signed_on && strcmp(signed_on, c->today) > 0)
		return err_field(&c->err, "date_future", "signed_on");
	/* A coordination agreement binds at least two parties. */
	if ((rc = coord_get_units(c, in, "parties", 2, &parties)))
		return rc;
	json_t *n = json_pack("{s:s, s:s?, s:s, s:s, s:s?, s:s, s:s, s:s?, s:o}", "title", title,
		"number_symbol", number && *number ? number : NULL, "period_from", from, "period_to", to,
		"signed_on", signed_on, "status", status, "unit", unit, "notes", notes,
		"parties", coord_sorted_ids(parties, NULL));
	json_decref(parties);
	if ((rc = read_commitments(c, id, in, n))) {
		json_decref(n);
		return rc;
	}
	*norm = n;
	return BP_OK;
}

static json_t *unit_at(struct db_rows *r, int col)
{
	return coord_unit_json(db_text(r, col), db_text(r, col + 1), db_text(r, col + 2));
}

#define AGREEMENT_SELECT \
	"SELECT x.id, x.title, x.number_symbol, x.period_from, x.period_to, x.signed_on, x.status," \
	" x.unit_id, u.code, u.name, x.renewed_from, x.notes, x.created_by, x.created_at, x.updated_at" \
	" FROM agreements x JOIN units u ON u.id = x.unit_id"

static json_t *agreement_summary(struct db_rows *r)
{
	return json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s?, s:s, s:o, s:s?}", "id", db_text(r, 0),
		"title", db_text(r, 1), "number_symbol", db_text(r, 2), "period_from", db_text(r, 3),
		"period_to", db_text(r, 4), "signed_on", db_text(r, 5), "status", db_text(r, 6),
		"unit", unit_at(r, 7), "renewed_from", db_text(r, 10));
}

static enum bp_err rows_into(struct ctx *c, const char *sql, const char *id, json_t *list,
			     json_t *(*fn)(struct db_rows *r))
{
	struct db_rows *r = NULL;
	int s = 0;
	enum bp_err rc = db_query(c->db, sql, DB_ARGS(DB_S(id)), &r, &c->err);
	while (!rc && (s = db_next(r, &c->err)) > 0)
		json_array_append_new(list, fn(r));
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static json_t *party_row(struct db_rows *r)
{
	return unit_at(r, 0);
}

static json_t *commitment_row(struct db_rows *r)
{
	return json_pack("{s:s, s:s, s:o, s:s?}", "id", db_text(r, 0), "text", db_text(r, 1),
			 "party", unit_at(r, 2), "due_on", db_text(r, 5));
}

static json_t *review_row(struct db_rows *r)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:[]}", "id", db_text(r, 0), "date", db_text(r, 1),
			 "result", db_text(r, 2), "notes", db_text(r, 3), "recorded_by", db_text(r, 4),
			 "recorded_at", db_text(r, 5), "items");
}

static json_t *item_row(struct db_rows *r)
{
	return json_pack("{s:s, s:s, s:s, s:s?}", "review", db_text(r, 0), "commitment", db_text(r, 1),
			 "evaluation", db_text(r, 2), "note", db_text(r, 3));
}

static enum bp_err agreement_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, AGREEMENT_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "agreement_not_found", NULL);
	if (rc)
		return rc;
	json_t *o = agreement_summary(r);
	json_set_str(o, "notes", db_text(r, 11));
	json_set_str(o, "created_by", db_text(r, 12));
	json_set_str(o, "created_at", db_text(r, 13));
	json_set_str(o, "updated_at", db_text(r, 14));
	db_rows_free(r);
	json_t *parties = json_array(), *commitments = json_array(), *reviews = json_array(), *items = json_array();
	json_object_set_new(o, "parties", parties);
	json_object_set_new(o, "commitments", commitments);
	json_object_set_new(o, "reviews", reviews);
	if (!rc)
		rc = rows_into(c, "SELECT u.id, u.code, u.name FROM agreement_parties p JOIN units u ON u.id = p.unit_id"
			       " WHERE p.agreement_id = $1 ORDER BY u.code", id, parties, party_row);
	if (!rc)
		rc = rows_into(c, "SELECT k.id, k.text, k.unit_id, u.code, u.name, k.due_on FROM agreement_commitments k"
			       " LEFT JOIN units u ON u.id = k.unit_id WHERE k.agreement_id = $1 ORDER BY k.position",
			       id, commitments, commitment_row);
	if (!rc)
		rc = rows_into(c, "SELECT id, date, result, notes, recorded_by, recorded_at FROM agreement_reviews"
			       " WHERE agreement_id = $1 ORDER BY date, id", id, reviews, review_row);
	if (!rc)
		rc = rows_into(c, "SELECT i.review_id, i.commitment_id, i.evaluation, i.note FROM agreement_review_items i"
			       " JOIN agreement_reviews v ON v.id = i.review_id JOIN agreement_commitments k"
			       " ON k.id = i.commitment_id WHERE v.agreement_id = $1 ORDER BY k.position", id, items, item_row);
	/* Each review's items in the order of the commitments. */
	size_t i, k;
	json_t *it, *rv;
	json_array_foreach(items, i, it)
		json_array_foreach(reviews, k, rv)
			if (!strcmp(str_of(rv, "id"), str_of(it, "review"))) {
				json_object_del(it, "review");
				json_array_append(json_object_get(rv, "items"), it);
				break;
			}
	json_decref(items);
	/* The draft that renews it, if one was made. */
	if (!rc) {
		r = NULL;
		rc = db_query_one(c->db, "SELECT id FROM agreements WHERE renewed_from = $1 ORDER BY period_from DESC",
				  DB_ARGS(DB_S(id)), &r, &c->err);
		json_set_str(o, "renewed_by", rc ? NULL : db_text(r, 0));
		db_rows_free(r);
		if (rc == BP_ENOTFOUND) {
			err_clear(&c->err);
			rc = BP_OK;
		}
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return BP_OK;
}

static json_t *agreement_canon(json_t *s)
{
	json_t *n = json_object();
	static const char *const same[] = { "title", "number_symbol", "period_from", "period_to", "signed_on",
					    "status", "notes", NULL };
	for (const char *const *k = same; *k; k++)
		json_object_set(n, *k, json_object_get(s, *k));
	json_object_set_new(n, "unit", json_string(str_of(json_object_get(s, "unit"), "id")));
	json_object_set_new(n, "parties", coord_sorted_ids(json_object_get(s, "parties"), NULL));
	json_t *list = json_array(), *v;
	size_t i;
	json_array_foreach(json_object_get(s, "commitments"), i, v) {
		json_t *p = json_object_get(v, "party");
		json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(v, "id"),
			"text", json_object_get(v, "text"), "party", json_is_object(p) ? json_object_get(p, "id") : json_null(),
			"due_on", json_object_get(v, "due_on")));
	}
	json_object_set_new(n, "commitments", list);
	return n;
}

/* The commitments of n: kept ones updated in place, new ones added, the
 * others removed unless a review evaluated them. */
static enum bp_err store_commitments(struct ctx *c, const char *id, json_t *n)
{
	json_t *list = json_object_get(n, "commitments"), *v, *old = NULL;
	size_t i;
	static const char *const cols[] = { "id", "agreement_id", NULL };
	enum bp_err rc = BP_OK;
	json_array_foreach(list, i, v) {
		const char *cid = str_of(v, "id");
		json_t *found = NULL;
		if ((rc = db_query_json(c->db, "SELECT id, agreement_id FROM agreement_commitments WHERE id = $1",
					DB_ARGS(DB_S(cid)), cols, &found, &c->err)))
			break;
		const char *owner = str_of(json_array_get(found, 0), "agreement_id");
		if (owner && strcmp(owner, id))
			rc = err_set(&c->err, "commitment_foreign", cid);
		else if (owner)
			rc = db_exec(c->db, "UPDATE agreement_commitments SET position = $2, text = $3, unit_id = $4,"
				     " due_on = $5 WHERE id = $1", DB_ARGS(DB_S(cid), DB_I((long long)i),
				     DB_S(str_of(v, "text")), DB_S(str_of(v, "party")), DB_S(str_of(v, "due_on"))),
				     NULL, &c->err);
		else
			rc = db_exec(c->db, "INSERT INTO agreement_commitments (id, agreement_id, position, text, unit_id,"
				     " due_on) VALUES ($1, $2, $3, $4, $5, $6)", DB_ARGS(DB_S(cid), DB_S(id),
				     DB_I((long long)i), DB_S(str_of(v, "text")), DB_S(str_of(v, "party")),
				     DB_S(str_of(v, "due_on"))), NULL, &c->err);
		json_decref(found);
		if (rc)
			break;
	}
	static const char *const kcols[] = { "id", "reviewed", NULL };
	if (!rc)
		rc = db_query_json(c->db, "SELECT k.id, (SELECT COUNT(*) FROM agreement_review_items i"
				   " WHERE i.commitment_id = k.id) FROM agreement_commitments k WHERE k.agreement_id = $1",
				   DB_ARGS(DB_S(id)), kcols, &old, &c->err);
	json_array_foreach(old, i, v) {
		bool kept = false;
		size_t k;
		json_t *w;
		if (rc)
			break;
		json_array_foreach(list, k, w)
			kept = kept || !strcmp(str_of(w, "id"), str_of(v, "id"));
		if (kept)
			continue;
		if (strcmp(str_of(v, "reviewed"), "0"))
			rc = err_set(&c->err, "commitment_reviewed", str_of(v, "id"));
		else
			rc = db_exec(c->db, "DELETE FROM agreement_commitments WHERE id = $1",
				     DB_ARGS(DB_S(str_of(v, "id"))), NULL, &c->err);
	}
	json_decref(old);
	return rc;
}

static enum bp_err agreement_store(struct ctx *c, const char *id, json_t *n, const char *now, bool update)
{
	enum bp_err rc;
	if (update) {
		/* A review stands on the signature: none may fall before it, nor
		 * be left on a draft. */
		long long early = 0;
		rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM agreement_reviews WHERE agreement_id = $1"
				   " AND (CAST($2 AS TEXT) IS NULL OR date < $2)",
				   DB_ARGS(DB_S(id), DB_S(str_of(n, "signed_on"))), &early, &c->err);
		if (!rc && early)
			rc = err_field(&c->err, "review_before_signing", "signed_on");
		if (!rc)
			rc = db_exec(c->db, "UPDATE agreements SET title = $2, number_symbol = $3, period_from = $4,"
				" period_to = $5, signed_on = $6, status = $7, unit_id = $8, notes = $9, updated_at = $10"
				" WHERE id = $1",
				DB_ARGS(DB_S(id), DB_S(str_of(n, "title")), DB_S(str_of(n, "number_symbol")),
					DB_S(str_of(n, "period_from")), DB_S(str_of(n, "period_to")),
					DB_S(str_of(n, "signed_on")), DB_S(str_of(n, "status")), DB_S(str_of(n, "unit")),
					DB_S(str_of(n, "notes")), DB_S(now)), NULL, &c->err);
		if (!rc)
			rc = db_exec(c->db, "DELETE FROM agreement_parties WHERE agreement_id = $1", DB_ARGS(DB_S(id)),
				     NULL, &c->err);
	} else {
		rc = db_exec(c->db, "INSERT INTO agreements (id, title, number_symbol, period_from, period_to, signed_on,"
			" status, renewed_from, unit_id, notes, created_by, created_at, updated_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
			DB_ARGS(DB_S(id), DB_S(str_of(n, "title")), DB_S(str_of(n, "number_symbol")),
				DB_S(str_of(n, "period_from")), DB_S(str_of(n, "period_to")),
				DB_S(str_of(n, "signed_on")), DB_S(str_of(n, "status")), DB_S(str_of(n, "renewed_from")),
				DB_S(str_of(n, "unit")), DB_S(str_of(n, "notes")), DB_S(c->actor.username), DB_S(now)),
			NULL, &c->err);
	}
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(n, "parties"), i, v)
		if (!rc)
			rc = db_exec(c->db, "INSERT INTO agreement_parties (agreement_id, unit_id) VALUES ($1, $2)",
				     DB_ARGS(DB_S(id), DB_S(json_string_value(v))), NULL, &c->err);
	return rc ? rc : store_commitments(c, id, n);
}

static enum bp_err agreement_remove(struct ctx *c, const char *id, json_t *stored)
{
	if (strcmp(str_of(stored, "status"), "draft"))
		return err_set(&c->err, "agreement_not_draft", NULL);
	static const char *const sql[] = {
		"DELETE FROM agreement_commitments WHERE agreement_id = $1",
		"DELETE FROM agreement_parties WHERE agreement_id = $1",
		"DELETE FROM agreements WHERE id = $1",
	};
	enum bp_err rc = BP_OK;
	for (size_t i = 0; !rc && i < sizeof(sql) / sizeof(sql[0]); i++)
		rc = db_exec(c->db, sql[i], DB_ARGS(DB_S(id)), NULL, &c->err);
	return rc;
}

static const struct coord_ops agreement_ops = {
	.entity = "agreement", .not_found = "agreement_not_found", .readable_sql = agreement_readable_sql,
	.read = agreement_read, .load = agreement_load, .canon = agreement_canon,
	.store = agreement_store, .remove = agreement_remove,
};

enum bp_err agreement_get(struct ctx *c, const char *id, json_t **out)
{
	return coord_get(c, &agreement_ops, id, out);
}

enum bp_err agreement_put(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			  json_t **out, enum coord_done *done)
{
	return coord_put(c, &agreement_ops, id, in, mode, out, done);
}

enum bp_err agreement_delete(struct ctx *c, const char *id)
{
	return coord_delete(c, &agreement_ops, id);
}

/* The stored agreement, readable and writable by the actor, for a review or a renewal. */
static enum bp_err load_for_write(struct ctx *c, const char *id, json_t **stored)
{
	enum bp_err rc = coord_get(c, &agreement_ops, id, stored);
	if (!rc && (rc = access_unit(c, str_of(json_object_get(*stored, "unit"), "id"), ACCESS_WRITE))) {
		json_decref(*stored);
		*stored = NULL;
	}
	return rc;
}

/* The review's items, checked against the agreement's commitments. */
static enum bp_err read_items(struct ctx *c, json_t *in, json_t *agreement, json_t **out)
{
	static const char *const keys[] = { "commitment", "evaluation", "note", NULL };
	json_t *a = NULL, *list = json_array(), *v, *mine = json_array(), *seen = json_array(), *k;
	size_t i;
	json_array_foreach(json_object_get(agreement, "commitments"), i, k)
		json_array_append(mine, json_object_get(k, "id"));
	enum bp_err rc = coord_get_array(c, in, "items", &a);
	json_array_foreach(a, i, v) {
		const char *cid = NULL, *ev = NULL, *note = NULL;
		if (rc)
			break;
		if (!json_is_object(v)) {
			rc = err_field(&c->err, "field_type", "items");
			break;
		}
		if ((rc = json_check_keys(v, keys, &c->err)) ||
		    (rc = json_get_uuid(v, "commitment", true, &cid, &c->err)) ||
		    (rc = layer_get_enum(v, "evaluation", true, evaluations, "evaluation_invalid", &ev, &c->err)) ||
		    (rc = json_get_str(v, "note", false, COORD_TEXT_MAX, &note, &c->err)))
			break;
		if (!in_array(mine, cid)) {
			rc = coord_err_item(c, "review_commitment_foreign", "items", i);
			break;
		}
		if (in_array(seen, cid)) {
			rc = coord_err_item(c, "review_commitment_twice", "items", i);
			break;
		}
		json_array_append_new(seen, json_string(cid));
		json_array_append_new(list, json_pack("{s:s, s:s, s:s?}", "commitment", cid, "evaluation", ev,
						      "note", note && *note ? note : NULL));
	}
	json_decref(mine);
	json_decref(seen);
	if (rc) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return BP_OK;
}

static json_t *review_of(json_t *agreement, const char *rid)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(agreement, "reviews"), i, v)
		if (!strcmp(str_of(v, "id"), rid))
			return v;
	return NULL;
}

/* Is the stored review the one the input describes? */
static bool review_same(json_t *stored, const char *date, const char *result, const char *notes, json_t *items)
{
	if (!stored || strcmp(str_of(stored, "date"), date) || strcmp(str_of(stored, "result"), result))
		return false;
	const char *sn = str_of(stored, "notes");
	if ((sn == NULL) != (notes == NULL) || (sn && strcmp(sn, notes)))
		return false;
	/* Items compare as sets: stored ones come in commitment order. */
	json_t *si = json_object_get(stored, "items"), *v;
	size_t i;
	if (json_array_size(si) != json_array_size(items))
		return false;
	json_array_foreach(items, i, v) {
		bool found = false;
		size_t k;
		json_t *w;
		json_array_foreach(si, k, w)
			found = found || json_equal(v, w);
		if (!found)
			return false;
	}
	return true;
}

enum bp_err agreement_review(struct ctx *c, const char *id, json_t *in, json_t **out, enum coord_done *done)
{
	static const char *const keys[] = { "id", "date", "result", "notes", "items", NULL };
	json_t *stored = NULL, *items = NULL, *after = NULL, *review = NULL;
	const char *rid = NULL, *date = NULL, *result = NULL, *notes = NULL;
	char ridbuf[37], now[TIMESTAMP_LEN];
	bool began = false;
	enum bp_err rc;
	*out = NULL;
	*done = COORD_UNCHANGED;
	if ((rc = load_for_write(c, id, &stored)) || (rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, &rid, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)) ||
	    (rc = layer_get_enum(in, "result", true, review_results, "review_result_invalid", &result, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, COORD_LONG_MAX, &notes, &c->err)))
		goto out;
	if (notes && !*notes)
		notes = NULL;
	const char *signed_on = str_of(stored, "signed_on");
	if (!strcmp(str_of(stored, "status"), "draft") || !signed_on) {
		rc = err_set(&c->err, "agreement_not_signed", NULL);
		goto out;
	}
	if (strcmp(date, signed_on) < 0) {
		rc = err_field(&c->err, "review_before_signing", "date");
		goto out;
	}
	if (strcmp(date, c->today) > 0) {
		rc = err_field(&c->err, "date_future", "date");
		goto out;
	}
	if ((rc = read_items(c, in, stored, &items)))
		goto out;
	if (!rid) {
		text_uuid_new(ridbuf);
		rid = ridbuf;
	}
	if ((rc = db_begin(c->db, &c->err)))
		goto out;
	began = true;
	struct db_rows *r = NULL;
	rc = db_query_one(c->db, "SELECT agreement_id FROM agreement_reviews WHERE id = $1", DB_ARGS(DB_S(rid)),
			  &r, &c->err);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		rc = BP_OK;
	} else if (!rc) {
		/* A review sent twice is stored once. */
		bool same = !strcmp(db_text(r, 0), id) && review_same(review_of(stored, rid), date, result, notes, items);
		db_rows_free(r);
		if (same) {
			*out = stored;
			stored = NULL;
		} else {
			rc = err_set(&c->err, "id_conflict", rid);
		}
		goto out;
	}
	if (rc)
		goto out;
	timestamp_now(now);
	rc = db_exec(c->db, "INSERT INTO agreement_reviews (id, agreement_id, date, result, notes, recorded_by,"
		     " recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)", DB_ARGS(DB_S(rid), DB_S(id), DB_S(date),
		     DB_S(result), DB_S(notes), DB_S(c->actor.username), DB_S(now)), NULL, &c->err);
	size_t i;
	json_t *v;
	json_array_foreach(items, i, v)
		if (!rc)
			rc = db_exec(c->db, "INSERT INTO agreement_review_items (review_id, commitment_id, evaluation, note)"
				     " VALUES ($1, $2, $3, $4)", DB_ARGS(DB_S(rid), DB_S(str_of(v, "commitment")),
				     DB_S(str_of(v, "evaluation")), DB_S(str_of(v, "note"))), NULL, &c->err);
	if (!rc)
		rc = agreement_load(c, id, &after);
	if (!rc) {
		review = review_of(after, rid);
		rc = audit_record(c, "agreement", id, str_of(json_object_get(after, "unit"), "id"), "review", NULL, review);
	}
	if (!rc) {
		*out = after;
		after = NULL;
		*done = COORD_CREATED;
	}
out:
	if (began)
		rc = db_end(c->db, rc, &c->err);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		*done = COORD_UNCHANGED;
	}
	json_decref(stored);
	json_decref(items);
	json_decref(after);
	return rc;
}

/* A date a year on: 29 February becomes 28 February. */
static void next_year(const char *date, char out[DATE_LEN])
{
	/* A valid date's year is 1800-2200: four digits either way. */
	unsigned y = (unsigned)atoi(date) % 10000;
	char buf[16];
	snprintf(buf, sizeof(buf), "%04u%.6s", (y + 1) % 10000, date + 4);
	if (!date_valid(buf))
		snprintf(buf, sizeof(buf), "%04u-02-28", (y + 1) % 10000);
	memcpy(out, buf, DATE_LEN - 1);
	out[DATE_LEN - 1] = '\0';
}

/*
 * A text of the renewal (its title, a commitment): each year of the
 * period, and the year after it, written in the text moves on by one
 * ("năm 2024" -> "năm 2025"; "ký kết quy chế năm 2025 vào tháng 1/2025"
 * -> "năm 2026 ... 1/2026"); other numbers are left alone. Caller frees.
 */
static char *next_title(const char *title, int y0, int y1)
{
	struct buf b;
	buf_init(&b, (size_t)-1);
	for (const char *p = title; *p;) {
		if (isdigit((unsigned char)*p) && (p == title || !isdigit((unsigned char)p[-1]))) {
			size_t n = strspn(p, "0123456789");
			int y = n == 4 ? atoi(p) : -1;
			if (y >= y0 && y <= y1)
				buf_addf(&b, "%d", y + 1);
			else
				buf_add(&b, p, n);
			p += n;
		} else {
			buf_addc(&b, *p++);
		}
	}
	return buf_detach(&b, NULL);
}

static enum bp_err renew_once(struct ctx *c, const char *id, json_t *in, json_t **out, enum coord_done *done)
{
	static const char *const keys[] = { "id", NULL };
	json_t *stored = NULL, *norm = NULL, *after = NULL;
	const char *want = NULL;
	char from[DATE_LEN], to[DATE_LEN], nid[37], now[TIMESTAMP_LEN];
	char *title = NULL;
	bool began = false;
	struct db_rows *r = NULL;
	enum bp_err rc;
	*out = NULL;
	*done = COORD_UNCHANGED;
	if ((rc = load_for_write(c, id, &stored)) || (rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, &want, &c->err)))
		goto out;
	if (!strcmp(str_of(stored, "status"), "draft")) {
		rc = err_set(&c->err, "agreement_not_signed", NULL);
		goto out;
	}
	next_year(str_of(stored, "period_from"), from);
	next_year(str_of(stored, "period_to"), to);
	if ((rc = db_begin(c->db, &c->err)))
		goto out;
	began = true;
	rc = db_query_one(c->db, "SELECT id FROM agreements WHERE renewed_from = $1 AND period_from = $2",
			  DB_ARGS(DB_S(id), DB_S(from)), &r, &c->err);
	if (!rc) {
		/* Renewed already: the draft made then is the answer, unless the
		 * caller asks for another one under a new id. */
		snprintf(nid, sizeof(nid), "%s", db_text(r, 0));
		if (want && strcmp(want, nid))
			rc = err_set(&c->err, "agreement_renewed", nid);
		else
			rc = agreement_load(c, nid, &after);
		goto out;
	}
	if (rc != BP_ENOTFOUND)
		goto out;
	err_clear(&c->err);
	if (want)
		snprintf(nid, sizeof(nid), "%s", want);
	else
		text_uuid_new(nid);
	int y0 = atoi(str_of(stored, "period_from")), y1 = atoi(str_of(stored, "period_to")) + 1;
	title = next_title(str_of(stored, "title"), y0, y1);
	norm = agreement_canon(stored);
	json_object_set_new(norm, "title", json_string(title));
	json_object_set_new(norm, "number_symbol", json_null());
	json_object_set_new(norm, "period_from", json_string(from));
	json_object_set_new(norm, "period_to", json_string(to));
	json_object_set_new(norm, "signed_on", json_null());
	json_object_set_new(norm, "status", json_string("draft"));
	json_object_set_new(norm, "renewed_from", json_string(id));
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(norm, "commitments"), i, v) {
		char kid[37], due[DATE_LEN];
		coord_child_id(nid, "commitment", (unsigned)i, kid);
		json_object_set_new(v, "id", json_string(kid));
		char *text = next_title(str_of(v, "text"), y0, y1);
		json_object_set_new(v, "text", json_string(text));
		free(text);
		if (str_of(v, "due_on")) {
			next_year(str_of(v, "due_on"), due);
			json_object_set_new(v, "due_on", json_string(due));
		}
	}
	timestamp_now(now);
	if ((rc = agreement_store(c, nid, norm, now, false)) || (rc = agreement_load(c, nid, &after)) ||
	    (rc = audit_record(c, "agreement", nid, str_of(json_object_get(after, "unit"), "id"), "renew", NULL, after)))
		goto out;
	*done = COORD_CREATED;
out:
	db_rows_free(r);
	if (began)
		rc = db_end(c->db, rc, &c->err);
	if (!rc) {
		*out = after;
		after = NULL;
	}
	json_decref(after);
	json_decref(stored);
	json_decref(norm);
	free(title);
	return rc;
}

/* Two renewals at once meet on the unique (renewed_from, period_from):
 * the loser tries again and finds the winner's draft. */
enum bp_err agreement_renew(struct ctx *c, const char *id, json_t *in, json_t **out, enum coord_done *done)
{
	for (int attempt = 0;; attempt++) {
		enum bp_err rc = renew_once(c, id, in, out, done);
		if (attempt == 0 && rc == BP_ECONFLICT && !strcmp(c->err.code, "id_conflict")) {
			err_clear(&c->err);
			continue;
		}
		return rc;
	}
}

enum bp_err agreement_list(struct ctx *c, const struct agreement_filter *f, int limit,
			   const char *cursor, json_t **out)
{
	struct buf sql;
	struct db_rows *r = NULL;
	db_arg args[12];
	int next = 4;
	char unit_id[37], cdate[11], cid[37];
	enum bp_err rc;
	*out = NULL;
	if ((rc = layer_limit(c, limit, &limit)) || (rc = coord_check_period(c, f->from, f->to)))
		return rc;
	if (f->status) {
		bool ok = false;
		for (const char *const *k = agreement_states; *k; k++)
			ok = ok || !strcmp(*k, f->status);
		if (!ok)
			return err_set(&c->err, "agreement_status_invalid", NULL);
	}
	buf_init(&sql, 16384);
	if ((rc = coord_list_start(c, f->unit, &sql, args, unit_id)))
		goto out;
	buf_adds(&sql, AGREEMENT_SELECT " WHERE (x.unit_id IN (SELECT id FROM scope)"
		 " OR EXISTS (SELECT 1 FROM agreement_parties ap WHERE ap.agreement_id = x.id"
		 " AND ap.unit_id IN (SELECT id FROM scope)))"
		 " AND ($3 = '' OR x.unit_id IN (SELECT id FROM sub) OR EXISTS (SELECT 1 FROM agreement_parties aps"
		 " WHERE aps.agreement_id = x.id AND aps.unit_id IN (SELECT id FROM sub)))");
	if (f->status) {
		buf_addf(&sql, " AND x.status = $%d", next);
		args[next++ - 1] = DB_S(f->status);
	}
	if (f->from) {
		buf_addf(&sql, " AND x.period_to >= $%d", next);
		args[next++ - 1] = DB_S(f->from);
	}
	if (f->to) {
		buf_addf(&sql, " AND x.period_from <= $%d", next);
		args[next++ - 1] = DB_S(f->to);
	}
	if ((rc = coord_cursor_sql(c, cursor, "period_from", &sql, args, &next, cdate, cid)))
		goto out;
	buf_addf(&sql, " ORDER BY x.period_from DESC, x.id DESC LIMIT %d", limit + 1);
	if (!(rc = db_query(c->db, sql.data, args, next - 1, &r, &c->err)))
		rc = coord_page(c, r, limit, agreement_summary, "period_from", out);
out:
	db_rows_free(r);
	buf_release(&sql);
	return rc;
}
