/*
 * conferences.c - conferences and meetings; see conferences.h. The write
 * goes through coord_put: the conference and its documents, participants
 * and contributions replaced together in one transaction with the audit
 * row, a retried create answered with what is stored.
 *
 * The documents disseminated follow the documents' own read rule
 * (documents.h: national, of a unit in scope, or of a unit above the
 * reader's): a writer links only a document it may read, and a reader of
 * the conference is shown only the documents it may read, with the count
 * of the others ("documents_hidden") so the list does not look complete
 * when it is not. A participating border post reads the commune's
 * conference, not the commune's plan. A replace changes only the links
 * its writer sees: the ones hidden from it stay, since it could neither
 * keep nor name them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/conferences.h"
#include "domain/documents.h"
#include "domain/layer.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

const char *const conference_kinds[] = { "quan_triet", "so_ket", "tong_ket", "hoi_dam", "giao_ban",
					 "ky_ket", NULL };

#define ATTENDEES_MAX 1000000

/* The host's scope, or a participant's. */
static const char conference_readable_sql[] =
	"SELECT COUNT(*) FROM conferences x WHERE x.id = $3 AND (x.unit_id IN (SELECT id FROM scope)"
	" OR EXISTS (SELECT 1 FROM conference_units cu WHERE cu.conference_id = x.id"
	" AND cu.unit_id IN (SELECT id FROM scope)))";

/* 0: no such document; 1: one the actor may not read; 2: readable. */
static enum bp_err document_state(struct ctx *c, const char *id, long long *state)
{
	struct buf sql;
	buf_init(&sql, 8192);
	buf_adds(&sql, access_scope_cte(c));
	buf_adds(&sql, DOCUMENT_ABOVE_CTE " SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM documents WHERE id = $3) THEN 0"
		 " WHEN EXISTS (SELECT 1 FROM documents d WHERE d.id = $3 AND " DOCUMENT_READABLE("d") ")"
		 " THEN 2 ELSE 1 END");
	enum bp_err rc = db_scalar_int(c->db, sql.data,
				       DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(id)), state, &c->err);
	buf_release(&sql);
	return rc;
}

static enum bp_err read_documents(struct ctx *c, json_t *in, json_t *norm)
{
	json_t *a = NULL, *ids = json_array(), *v;
	size_t i;
	enum bp_err rc = coord_get_array(c, in, "documents", &a);
	json_array_foreach(a, i, v) {
		long long state = 0;
		if (rc)
			break;
		const char *id = json_string_value(v);
		if (!id || !text_uuid_valid(id)) {
			rc = err_field(&c->err, json_is_string(v) ? "id_invalid" : "field_type", "documents");
			break;
		}
		if ((rc = document_state(c, id, &state)))
			break;
		if (state == 0)
			rc = err_set(&c->err, "document_unknown", id);
		else if (state == 1)
			rc = err_set(&c->err, "document_out_of_scope", id);
		else {
			size_t k;
			json_t *w;
			json_array_foreach(ids, k, w)
				if (!strcmp(json_string_value(w), id))
					rc = err_field(&c->err, "document_listed_twice", "documents");
		}
		if (rc) {
			snprintf(c->err.field, sizeof(c->err.field), "documents");
			break;
		}
		json_array_append_new(ids, json_string(id));
	}
	if (!rc)
		json_object_set_new(norm, "documents", coord_sorted_ids(ids, NULL));
	json_decref(ids);
	return rc;
}

static enum bp_err read_contributions(struct ctx *c, json_t *in, json_t *norm)
{
	static const char *const keys[] = { "speaker", "organization", "unit", "subject", NULL };
	json_t *a = NULL, *list = json_array(), *v;
	size_t i;
	enum bp_err rc = coord_get_array(c, in, "contributions", &a);
	json_array_foreach(a, i, v) {
		const char *speaker = NULL, *org = NULL, *subject = NULL;
		char unit[37];
		bool has_unit = false;
		if (rc)
			break;
		if (!json_is_object(v)) {
			rc = err_field(&c->err, "field_type", "contributions");
			break;
		}
		if ((rc = json_check_keys(v, keys, &c->err)) ||
		    (rc = json_get_str(v, "speaker", false, COORD_NAME_MAX, &speaker, &c->err)) ||
		    (rc = json_get_str(v, "organization", false, COORD_NAME_MAX, &org, &c->err)) ||
		    (rc = coord_get_unit(c, v, "unit", false, unit, &has_unit)) ||
		    (rc = json_get_str(v, "subject", true, COORD_TEXT_MAX, &subject, &c->err)))
			break;
		if ((!speaker || !*speaker) && (!org || !*org)) {
			rc = coord_err_item(c, "contribution_speaker", "contributions", i);
			break;
		}
		json_array_append_new(list, json_pack("{s:s?, s:s?, s:s?, s:s}", "speaker", speaker && *speaker ? speaker : NULL,
			"organization", org && *org ? org : NULL, "unit", has_unit ? unit : NULL, "subject", subject));
	}
	if (!rc)
		json_object_set(norm, "contributions", list);
	json_decref(list);
	return rc;
}

static enum bp_err conference_read(struct ctx *c, const char *id, json_t *in, json_t **norm)
{
	(void)id;
	static const char *const keys[] = { "id", "kind", "title", "date", "unit", "place", "chair",
		"attendees", "conclusions", "notes", "documents", "units", "contributions", NULL };
	const char *kind = NULL, *title = NULL, *date = NULL, *place = NULL, *chair = NULL;
	const char *conclusions = NULL, *notes = NULL;
	char unit[37];
	bool has_unit, has_att;
	long long attendees;
	json_t *units = NULL;
	enum bp_err rc;
	*norm = NULL;
	/* The host first: a refusal of scope comes before any other answer. */
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = coord_get_unit(c, in, "unit", true, unit, &has_unit)) ||
	    (rc = access_unit(c, unit, ACCESS_WRITE)) ||
	    (rc = layer_get_enum(in, "kind", true, conference_kinds, "conference_kind_invalid", &kind, &c->err)) ||
	    (rc = json_get_str(in, "title", true, COORD_TITLE_MAX, &title, &c->err)) ||
	    (rc = json_get_date(in, "date", true, &date, &c->err)) ||
	    (rc = json_get_str(in, "place", false, COORD_NAME_MAX, &place, &c->err)) ||
	    (rc = json_get_str(in, "chair", false, COORD_NAME_MAX, &chair, &c->err)) ||
	    (rc = coord_get_count(c, in, "attendees", ATTENDEES_MAX, &attendees, &has_att)) ||
	    (rc = json_get_str(in, "conclusions", false, COORD_LONG_MAX, &conclusions, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, COORD_TEXT_MAX, &notes, &c->err)) ||
	    (rc = coord_get_units(c, in, "units", 0, &units)))
		return rc;
	json_t *n = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:s?, s:s?, s:o}", "kind", kind,
		"title", title, "date", date, "unit", unit, "place", place, "chair", chair,
		"attendees", has_att ? json_integer(attendees) : json_null(), "conclusions", conclusions,
		"notes", notes, "units", coord_sorted_ids(units, NULL));
	json_decref(units);
	if ((rc = read_documents(c, in, n)) || (rc = read_contributions(c, in, n))) {
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

static enum bp_err each_row(struct ctx *c, struct db_rows *r, json_t *list, json_t *(*fn)(struct db_rows *r))
{
	int s;
	while ((s = db_next(r, &c->err)) > 0)
		json_array_append_new(list, fn(r));
	return s < 0 ? c->err.kind : BP_OK;
}

static json_t *document_row(struct db_rows *r)
{
	return json_pack("{s:s, s:s, s:s?, s:s, s:s}", "id", db_text(r, 0), "kind", db_text(r, 1),
			 "number_symbol", db_text(r, 2), "title", db_text(r, 3), "issued_on", db_text(r, 4));
}

/* The conference's documents that the actor reads, and the count of the others. */
static enum bp_err conference_documents(struct ctx *c, const char *id, json_t *o)
{
	struct db_rows *r = NULL;
	json_t *list = json_array();
	long long hidden = 0;
	char *sql = xasprintf("%s" DOCUMENT_ABOVE_CTE " SELECT d.id, d.kind, d.number_symbol, d.title, d.issued_on,"
			      " CASE WHEN " DOCUMENT_READABLE("d") " THEN 1 ELSE 0 END FROM conference_documents cd"
			      " JOIN documents d ON d.id = cd.document_id WHERE cd.conference_id = $3"
			      " ORDER BY d.issued_on, d.id", access_scope_cte(c));
	enum bp_err rc = db_query(c->db, sql, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(id)), &r, &c->err);
	free(sql);
	int s = 0;
	while (!rc && (s = db_next(r, &c->err)) > 0) {
		if (db_int(r, 5))
			json_array_append_new(list, document_row(r));
		else
			hidden++;
	}
	if (!rc && s < 0)
		rc = c->err.kind;
	db_rows_free(r);
	json_object_set_new(o, "documents", list);
	json_object_set_new(o, "documents_hidden", json_integer(hidden));
	return rc;
}

static json_t *participant_row(struct db_rows *r)
{
	return unit_at(r, 0);
}

static json_t *contribution_row(struct db_rows *r)
{
	return json_pack("{s:s?, s:s?, s:o, s:s}", "speaker", db_text(r, 0), "organization", db_text(r, 1),
			 "unit", unit_at(r, 2), "subject", db_text(r, 5));
}

#define CONFERENCE_SELECT \
	"SELECT x.id, x.kind, x.title, x.date, x.unit_id, u.code, u.name, x.place, x.chair, x.attendees," \
	" x.conclusions, x.notes, x.created_by, x.created_at, x.updated_at" \
	" FROM conferences x JOIN units u ON u.id = x.unit_id"

/* The first ten columns of CONFERENCE_SELECT: what a list shows. */
static json_t *conference_summary(struct db_rows *r)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s?, s:s?}", "id", db_text(r, 0),
		"kind", db_text(r, 1), "title", db_text(r, 2), "date", db_text(r, 3), "unit", unit_at(r, 4),
		"place", db_text(r, 7), "chair", db_text(r, 8));
	json_object_set_new(o, "attendees", db_isnull(r, 9) ? json_null() : json_integer(db_int(r, 9)));
	return o;
}

static enum bp_err conference_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, CONFERENCE_SELECT " WHERE x.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "conference_not_found", NULL);
	if (rc)
		return rc;
	json_t *o = conference_summary(r);
	json_set_str(o, "conclusions", db_text(r, 10));
	json_set_str(o, "notes", db_text(r, 11));
	json_set_str(o, "created_by", db_text(r, 12));
	json_set_str(o, "created_at", db_text(r, 13));
	json_set_str(o, "updated_at", db_text(r, 14));
	db_rows_free(r);
	static const struct {
		const char *key, *sql;
		json_t *(*fn)(struct db_rows *r);
	} parts[] = {
		{ "units", "SELECT u.id, u.code, u.name FROM conference_units cu JOIN units u ON u.id = cu.unit_id"
		  " WHERE cu.conference_id = $1 ORDER BY u.code", participant_row },
		{ "contributions", "SELECT k.speaker, k.organization, k.unit_id, u.code, u.name, k.subject"
		  " FROM conference_contributions k LEFT JOIN units u ON u.id = k.unit_id"
		  " WHERE k.conference_id = $1 ORDER BY k.position", contribution_row },
	};
	for (size_t i = 0; !rc && i < sizeof(parts) / sizeof(parts[0]); i++) {
		json_t *list = json_array();
		r = NULL;
		if (!(rc = db_query(c->db, parts[i].sql, DB_ARGS(DB_S(id)), &r, &c->err)))
			rc = each_row(c, r, list, parts[i].fn);
		db_rows_free(r);
		json_object_set_new(o, parts[i].key, list);
	}
	if (!rc)
		rc = conference_documents(c, id, o);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return BP_OK;
}

static json_t *conference_canon(json_t *s)
{
	json_t *n = json_object();
	static const char *const same[] = { "kind", "title", "date", "place", "chair", "attendees",
					    "conclusions", "notes", NULL };
	for (const char *const *k = same; *k; k++)
		json_object_set(n, *k, json_object_get(s, *k));
	json_object_set_new(n, "unit", json_string(json_string_value(json_object_get(json_object_get(s, "unit"), "id"))));
	json_object_set_new(n, "documents", coord_sorted_ids(json_object_get(s, "documents"), NULL));
	json_object_set_new(n, "units", coord_sorted_ids(json_object_get(s, "units"), NULL));
	json_t *list = json_array(), *v;
	size_t i;
	json_array_foreach(json_object_get(s, "contributions"), i, v)
		json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:O}", "speaker", json_object_get(v, "speaker"),
			"organization", json_object_get(v, "organization"),
			"unit", json_is_object(json_object_get(v, "unit")) ? json_object_get(json_object_get(v, "unit"), "id") : json_null(),
			"subject", json_object_get(v, "subject")));
	json_object_set_new(n, "contributions", list);
	return n;
}

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* all: the documents' links too; else only those the actor reads (a replace). */
static enum bp_err conference_children_delete(struct ctx *c, const char *id, bool all)
{
	static const char *const sql[] = {
		"DELETE FROM conference_units WHERE conference_id = $1",
		"DELETE FROM conference_contributions WHERE conference_id = $1",
	};
	enum bp_err rc = BP_OK;
	for (size_t i = 0; !rc && i < sizeof(sql) / sizeof(sql[0]); i++)
		rc = db_exec(c->db, sql[i], DB_ARGS(DB_S(id)), NULL, &c->err);
	if (rc)
		return rc;
	if (all)
		return db_exec(c->db, "DELETE FROM conference_documents WHERE conference_id = $1", DB_ARGS(DB_S(id)),
			       NULL, &c->err);
	char *del = xasprintf("%s" DOCUMENT_ABOVE_CTE " DELETE FROM conference_documents WHERE conference_id = $3"
			      " AND document_id IN (SELECT d.id FROM documents d WHERE " DOCUMENT_READABLE("d") ")",
			      access_scope_cte(c));
	rc = db_exec(c->db, del, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(id)), NULL, &c->err);
	free(del);
	return rc;
}

static enum bp_err conference_store(struct ctx *c, const char *id, json_t *n, const char *now, bool update)
{
	json_t *att = json_object_get(n, "attendees");
	db_arg a_att = json_is_integer(att) ? DB_I(json_integer_value(att)) : DB_NUL;
	enum bp_err rc;
	if (update)
		rc = db_exec(c->db, "UPDATE conferences SET kind = $2, title = $3, date = $4, unit_id = $5, place = $6,"
			" chair = $7, attendees = $8, conclusions = $9, notes = $10, updated_at = $11 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(str_of(n, "kind")), DB_S(str_of(n, "title")), DB_S(str_of(n, "date")),
				DB_S(str_of(n, "unit")), DB_S(str_of(n, "place")), DB_S(str_of(n, "chair")), a_att,
				DB_S(str_of(n, "conclusions")), DB_S(str_of(n, "notes")), DB_S(now)), NULL, &c->err);
	else
		rc = db_exec(c->db, "INSERT INTO conferences (id, kind, title, date, unit_id, place, chair, attendees,"
			" conclusions, notes, created_by, created_at, updated_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
			DB_ARGS(DB_S(id), DB_S(str_of(n, "kind")), DB_S(str_of(n, "title")), DB_S(str_of(n, "date")),
				DB_S(str_of(n, "unit")), DB_S(str_of(n, "place")), DB_S(str_of(n, "chair")), a_att,
				DB_S(str_of(n, "conclusions")), DB_S(str_of(n, "notes")), DB_S(c->actor.username),
				DB_S(now)), NULL, &c->err);
	if (!rc && update)
		rc = conference_children_delete(c, id, false);
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(n, "documents"), i, v)
		if (!rc)
			rc = db_exec(c->db, "INSERT INTO conference_documents (conference_id, document_id) VALUES ($1, $2)",
				     DB_ARGS(DB_S(id), DB_S(json_string_value(v))), NULL, &c->err);
	json_array_foreach(json_object_get(n, "units"), i, v)
		if (!rc)
			rc = db_exec(c->db, "INSERT INTO conference_units (conference_id, unit_id) VALUES ($1, $2)",
				     DB_ARGS(DB_S(id), DB_S(json_string_value(v))), NULL, &c->err);
	json_array_foreach(json_object_get(n, "contributions"), i, v) {
		char kid[37];
		if (rc)
			break;
		coord_child_id(id, "contribution", (unsigned)i, kid);
		rc = db_exec(c->db, "INSERT INTO conference_contributions (id, conference_id, position, speaker,"
			" organization, unit_id, subject) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			DB_ARGS(DB_S(kid), DB_S(id), DB_I((long long)i), DB_S(str_of(v, "speaker")),
				DB_S(str_of(v, "organization")), DB_S(str_of(v, "unit")), DB_S(str_of(v, "subject"))),
			NULL, &c->err);
	}
	return rc;
}

static enum bp_err conference_remove(struct ctx *c, const char *id, json_t *stored)
{
	(void)stored;
	enum bp_err rc = conference_children_delete(c, id, true);
	return rc ? rc : db_exec(c->db, "DELETE FROM conferences WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
}

/*
 * The audit row names the documents by id only: its readers are those of
 * the host's unit, and the writer may have linked a document that some of
 * them may not read (a province's admin linking another commune's plan).
 */
static json_t *conference_audit_view(json_t *loaded)
{
	json_t *o = json_deep_copy(loaded);
	json_object_set_new(o, "documents", coord_sorted_ids(json_object_get(loaded, "documents"), NULL));
	json_object_del(o, "documents_hidden");
	return o;
}

static const struct coord_ops conference_ops = {
	.entity = "conference", .not_found = "conference_not_found", .readable_sql = conference_readable_sql,
	.read = conference_read, .load = conference_load, .canon = conference_canon,
	.store = conference_store, .remove = conference_remove, .audit_view = conference_audit_view,
};

enum bp_err conference_get(struct ctx *c, const char *id, json_t **out)
{
	return coord_get(c, &conference_ops, id, out);
}

enum bp_err conference_put(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			   json_t **out, enum coord_done *done)
{
	return coord_put(c, &conference_ops, id, in, mode, out, done);
}

enum bp_err conference_delete(struct ctx *c, const char *id)
{
	return coord_delete(c, &conference_ops, id);
}

enum bp_err conference_list(struct ctx *c, const struct conference_filter *f, int limit,
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
	if (f->kind) {
		bool ok = false;
		for (const char *const *k = conference_kinds; *k; k++)
			ok = ok || !strcmp(*k, f->kind);
		if (!ok)
			return err_set(&c->err, "conference_kind_invalid", NULL);
	}
	if (f->document && !text_uuid_valid(f->document))
		return err_field(&c->err, "id_invalid", "document");
	buf_init(&sql, 16384);
	if ((rc = coord_list_start(c, f->unit, &sql, args, unit_id)))
		goto out;
	buf_adds(&sql, CONFERENCE_SELECT " WHERE (x.unit_id IN (SELECT id FROM scope)"
		 " OR EXISTS (SELECT 1 FROM conference_units cu WHERE cu.conference_id = x.id"
		 " AND cu.unit_id IN (SELECT id FROM scope)))"
		 " AND ($3 = '' OR x.unit_id IN (SELECT id FROM sub) OR EXISTS (SELECT 1 FROM conference_units cs"
		 " WHERE cs.conference_id = x.id AND cs.unit_id IN (SELECT id FROM sub)))");
	if (f->document) {
		buf_addf(&sql, " AND EXISTS (SELECT 1 FROM conference_documents cd WHERE cd.conference_id = x.id"
			 " AND cd.document_id = $%d)", next);
		args[next++ - 1] = DB_S(f->document);
	}
	if (f->kind) {
		buf_addf(&sql, " AND x.kind = $%d", next);
		args[next++ - 1] = DB_S(f->kind);
	}
	if (f->from) {
		buf_addf(&sql, " AND x.date >= $%d", next);
		args[next++ - 1] = DB_S(f->from);
	}
	if (f->to) {
		buf_addf(&sql, " AND x.date <= $%d", next);
		args[next++ - 1] = DB_S(f->to);
	}
	if ((rc = coord_cursor_sql(c, cursor, "date", &sql, args, &next, cdate, cid)))
		goto out;
	buf_addf(&sql, " ORDER BY x.date DESC, x.id DESC LIMIT %d", limit + 1);
	if (!(rc = db_query(c->db, sql.data, args, next - 1, &r, &c->err)))
		rc = coord_page(c, r, limit, conference_summary, "date", out);
out:
	db_rows_free(r);
	buf_release(&sql);
	return rc;
}
