/*
 * documents.c - the documents of direction and their cascade; see
 * documents.h for the access rules and the checks.
 *
 * A write runs in one transaction with its audit row (joining one that
 * is open, as the demo holds). The cycle check walks up from the
 * document to implement, which costs the depth of the cascade (four or
 * five documents from the Politburo to a commune), not its breadth.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/docfile.h"
#include "domain/docnum.h"
#include "domain/documents.h"
#include "domain/units.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

const char *const document_kinds[] = {
	"nghi_quyet", "ket_luan", "chi_thi", "quyet_dinh", "ke_hoach", "huong_dan", "bao_cao",
	"quy_che", "quy_che_phoi_hop", "thong_bao", "nghi_dinh", "thong_tu", "luat", "cong_van",
	"to_trinh", "chuong_trinh", "de_an", "quy_dinh", "bien_ban", "khac", NULL,
};

/* Deeper than any real cascade; a guard against a loop left by hand in the database. */
#define CASCADE_DEPTH_MAX 32

struct doc_in {
	const char *kind, *number_symbol, *issued_on, *issuing_body, *title, *summary;
	const char *implements, *unit_ref;
	char unit_id[37];
	struct docnum num;
	bool parsed;
};

#define DOC_SELECT \
	"SELECT d.id, d.kind, d.number_symbol, d.symbol_number, d.symbol_year, d.symbol_kind," \
	" d.symbol_issuer, d.symbol_parsed, d.issued_on, d.issuing_body, d.title, d.summary," \
	" d.implements_id, i.number_symbol, i.title, i.issued_on, d.unit_id, u.code, u.name," \
	" d.created_at, d.updated_at" \
	" FROM documents d LEFT JOIN documents i ON i.id = d.implements_id" \
	" LEFT JOIN units u ON u.id = d.unit_id"

static json_t *doc_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "kind", db_text(r, 1));
	json_set_str(o, "number_symbol", db_text(r, 2));
	bool parsed = db_int(r, 7) != 0;
	json_object_set_new(o, "symbol_parsed", json_boolean(parsed));
	if (parsed)
		json_object_set_new(o, "symbol", json_pack("{s:I, s:o, s:s?, s:s?}",
			"number", (json_int_t)db_int(r, 3),
			"year", db_isnull(r, 4) ? json_null() : json_integer(db_int(r, 4)),
			"kind", db_text(r, 5), "issuer", db_text(r, 6)));
	else
		json_object_set_new(o, "symbol", json_null());
	json_set_str(o, "issued_on", db_text(r, 8));
	json_set_str(o, "issuing_body", db_text(r, 9));
	json_set_str(o, "title", db_text(r, 10));
	json_set_str(o, "summary", db_text(r, 11));
	if (db_isnull(r, 12))
		json_object_set_new(o, "implements", json_null());
	else
		json_object_set_new(o, "implements", json_pack("{s:s, s:s?, s:s?, s:s?}",
			"id", db_text(r, 12), "number_symbol", db_text(r, 13), "title", db_text(r, 14),
			"issued_on", db_text(r, 15)));
	json_object_set_new(o, "unit", db_isnull(r, 16) ? json_null()
		: layer_unit_json(db_text(r, 16), db_text(r, 17), db_text(r, 18)));
	json_set_str(o, "created_at", db_text(r, 19));
	json_set_str(o, "updated_at", db_text(r, 20));
	return o;
}

static enum bp_err doc_load(struct ctx *c, const char *id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, DOC_SELECT " WHERE d.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "document_not_found", NULL);
	if (rc)
		return rc;
	*out = doc_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

/* Whether unit_id stands above the actor's unit today (one of its parents, up to the root). */
static enum bp_err unit_is_above(struct ctx *c, const char *unit_id, bool *above)
{
	long long n = 0;
	*above = false;
	enum bp_err rc = db_scalar_int(c->db,
		"WITH RECURSIVE above(id) AS (SELECT CAST($1 AS TEXT) UNION SELECT p.parent_id"
		" FROM unit_parents p JOIN above ON p.unit_id = above.id WHERE p.valid_from <= $2"
		" AND (p.valid_to IS NULL OR p.valid_to > $2)) SELECT COUNT(*) FROM above WHERE id = $3",
		DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(unit_id)), &n, &c->err);
	*above = n > 0;
	return rc;
}

/* May the actor read (or write) a document of unit_id ("" or NULL: national)? */
static enum bp_err doc_unit_access(struct ctx *c, const char *unit_id, enum access_need need)
{
	enum bp_err rc;
	bool national = !unit_id || !*unit_id;
	if (need == ACCESS_READ) {
		if ((rc = access_require_role(c, ROLE_VIEWER)))
			return rc;
		if (national || c->actor.system)
			return BP_OK;
		bool in = false;
		if ((rc = access_in_scope(c, unit_id, &in)) || in)
			return rc;
		if ((rc = unit_is_above(c, unit_id, &in)) || in)
			return rc;
		return err_set(&c->err, "out_of_scope", NULL);
	}
	if (!national)
		return access_unit(c, unit_id, ACCESS_WRITE);
	if (c->actor.system)
		return BP_OK;
	/* A national document: an admin whose unit has no parent today. */
	long long parents = 0;
	if ((rc = access_require_role(c, ROLE_EDITOR)))
		return rc;
	if ((rc = db_scalar_int(c->db,
		"SELECT COUNT(*) FROM unit_parents WHERE unit_id = $1 AND valid_from <= $2"
		" AND (valid_to IS NULL OR valid_to > $2)",
		DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today)), &parents, &c->err)))
		return rc;
	if (c->actor.role < ROLE_ADMIN || parents > 0)
		return err_set(&c->err, "document_national_write", NULL);
	return BP_OK;
}

enum bp_err document_access(struct ctx *c, const char *id, enum access_need need,
			    char unit_id[37], char issued_on[DATE_LEN])
{
	struct db_rows *r = NULL;
	if (!id || !text_uuid_valid(id))
		return err_set(&c->err, "document_not_found", NULL);
	enum bp_err rc = db_query_one(c->db, "SELECT unit_id, issued_on FROM documents WHERE id = $1",
				      DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "document_not_found", NULL);
	if (rc)
		return rc;
	char unit[37];
	snprintf(unit, sizeof(unit), "%s", db_isnull(r, 0) ? "" : db_text(r, 0));
	if (unit_id)
		snprintf(unit_id, 37, "%s", unit);
	if (issued_on)
		snprintf(issued_on, DATE_LEN, "%s", db_text(r, 1));
	db_rows_free(r);
	if (need == ACCESS_WRITE && (rc = doc_unit_access(c, unit, ACCESS_READ)))
		return rc;
	return doc_unit_access(c, unit, need);
}

enum bp_err document_get(struct ctx *c, const char *id, json_t **out)
{
	json_t *files = NULL;
	char unit[37];
	*out = NULL;
	enum bp_err rc = document_access(c, id, ACCESS_READ, unit, NULL);
	if (!rc)
		rc = doc_load(c, id, out);
	if (!rc)
		rc = docfile_list(c, id, &files);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	/* The implemented document is named only to those who may read it. */
	json_t *impl = json_object_get(*out, "implements");
	if (json_is_object(impl)) {
		enum bp_err r2 = document_access(c, json_string_value(json_object_get(impl, "id")),
						 ACCESS_READ, NULL, NULL);
		if (r2 == BP_EFORBIDDEN) {
			err_clear(&c->err);
			json_object_set_new(*out, "implements", json_pack("{s:O, s:b}", "id",
				json_object_get(impl, "id"), "hidden", 1));
		} else if (r2) {
			json_decref(*out);
			*out = NULL;
			return r2;
		}
	}
	json_object_set_new(*out, "files", files);
	/* Whether the reader may also change it (its fields, files): a
	 * commune reads the province's plan, it does not attach files to it. */
	enum bp_err w = doc_unit_access(c, unit, ACCESS_WRITE);
	if (w && w != BP_EFORBIDDEN) {
		json_decref(*out);
		*out = NULL;
		return w;
	}
	err_clear(&c->err);
	json_object_set_new(*out, "writable", json_boolean(!w));
	return BP_OK;
}

/* ---- writes ---- */

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* A warning of the answer: a code of err.c with its messages. */
static void warn(json_t *warnings, const char *code, const char *detail)
{
	struct bp_error e;
	err_set(&e, code, detail);
	json_array_append_new(warnings, json_pack("{s:s, s:s, s:s}", "code", code,
		"message_vi", e.message_vi, "message_en", e.message_en));
}

static enum bp_err doc_read(struct ctx *c, json_t *in, struct doc_in *d, const char **id, json_t *warnings)
{
	static const char *const keys[] = { "id", "kind", "number_symbol", "issued_on", "issuing_body",
		"title", "summary", "implements", "unit", NULL };
	enum bp_err rc;
	memset(d, 0, sizeof(*d));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_str(in, "kind", false, 40, &d->kind, &c->err)) ||
	    (rc = json_get_str(in, "number_symbol", false, 80, &d->number_symbol, &c->err)) ||
	    (rc = json_get_date(in, "issued_on", true, &d->issued_on, &c->err)) ||
	    (rc = json_get_str(in, "issuing_body", true, 200, &d->issuing_body, &c->err)) ||
	    (rc = json_get_str(in, "title", true, DOCUMENT_TITLE_MAX, &d->title, &c->err)) ||
	    (rc = json_get_str(in, "summary", false, DOCUMENT_SUMMARY_MAX, &d->summary, &c->err)) ||
	    (rc = json_get_uuid(in, "implements", false, &d->implements, &c->err)) ||
	    (rc = json_get_str(in, "unit", false, 64, &d->unit_ref, &c->err)))
		return rc;
	if (d->number_symbol && strspn(d->number_symbol, " \t") == strlen(d->number_symbol))
		d->number_symbol = NULL;
	if (d->number_symbol) {
		d->parsed = docnum_parse(d->number_symbol, &d->num);
		if (!d->parsed)
			warn(warnings, "symbol_unparsed", d->number_symbol);
	}
	const char *sym_kind = d->parsed && d->num.kind[0] ? docnum_kind_code(d->num.kind) : NULL;
	if (!d->kind)
		d->kind = sym_kind;
	if (!d->kind)
		return err_field(&c->err, "field_required", "kind");
	if (!in_list(d->kind, document_kinds))
		return err_set(&c->err, "document_kind_invalid", d->kind);
	if (sym_kind && strcmp(sym_kind, d->kind))
		warn(warnings, "symbol_kind_mismatch", d->num.kind);
	if (d->unit_ref && (rc = unit_resolve(c, d->unit_ref, d->unit_id)))
		return rc;
	return BP_OK;
}

/* The stored document as input, for PATCH and for the retry check. */
static json_t *doc_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "kind", "number_symbol", "issued_on", "issuing_body", "title",
					    "summary", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_t *impl = json_object_get(s, "implements");
	if (json_is_object(impl))
		json_object_set(in, "implements", json_object_get(impl, "id"));
	json_t *unit = json_object_get(s, "unit");
	if (json_is_object(unit))
		json_object_set(in, "unit", json_object_get(unit, "id"));
	return in;
}

static bool same_str(json_t *o, const char *key, const char *s)
{
	const char *v = json_string_value(json_object_get(o, key));
	return (!v && !s) || (v && s && !strcmp(v, s));
}

static bool doc_same(json_t *stored, const struct doc_in *d)
{
	json_t *impl = json_object_get(stored, "implements");
	json_t *unit = json_object_get(stored, "unit");
	const char *impl_id = json_is_object(impl) ? json_string_value(json_object_get(impl, "id")) : NULL;
	const char *unit_id = json_is_object(unit) ? json_string_value(json_object_get(unit, "id")) : NULL;
	return same_str(stored, "kind", d->kind) && same_str(stored, "number_symbol", d->number_symbol) &&
	       same_str(stored, "issued_on", d->issued_on) && same_str(stored, "issuing_body", d->issuing_body) &&
	       same_str(stored, "title", d->title) && same_str(stored, "summary", d->summary) &&
	       ((!impl_id && !d->implements) || (impl_id && d->implements && !strcmp(impl_id, d->implements))) &&
	       ((!unit_id && !d->unit_id[0]) || (unit_id && !strcmp(unit_id, d->unit_id)));
}

/*
 * The document to implement: it exists, the actor reads it, it is not
 * dated after this one, and following what it implements never comes
 * back to id.
 */
static enum bp_err check_implements(struct ctx *c, const char *id, const struct doc_in *d)
{
	char date[DATE_LEN];
	enum bp_err rc;
	if (!strcmp(d->implements, id))
		return err_field(&c->err, "document_cycle", "implements");
	if ((rc = document_access(c, d->implements, ACCESS_READ, NULL, date))) {
		if (rc == BP_ENOTFOUND)
			err_field(&c->err, "document_not_found", "implements");
		return rc;
	}
	if (strcmp(date, d->issued_on) > 0) {
		char detail[80];
		snprintf(detail, sizeof(detail), " (%s > %s)", date, d->issued_on);
		err_set(&c->err, "document_implements_later", detail);
		snprintf(c->err.field, sizeof(c->err.field), "implements");
		return c->err.kind;
	}
	long long loops = 0;
	rc = db_scalar_int(c->db,
		"WITH RECURSIVE up(id, depth) AS (SELECT CAST($1 AS TEXT), 0 UNION"
		" SELECT d.implements_id, up.depth + 1 FROM documents d JOIN up ON d.id = up.id"
		" WHERE d.implements_id IS NOT NULL AND up.depth < $3)"
		" SELECT COUNT(*) FROM up WHERE id = $2",
		DB_ARGS(DB_S(d->implements), DB_S(id), DB_I(CASCADE_DEPTH_MAX * 4)), &loops, &c->err);
	if (rc)
		return rc;
	if (loops > 0)
		return err_field(&c->err, "document_cycle", "implements");
	return BP_OK;
}

/* A stored document's new date must stay on or before its implementers' and tasks' dates. */
static enum bp_err check_new_date(struct ctx *c, const char *id, const char *date)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db,
		"SELECT COUNT(*) FROM documents WHERE implements_id = $1 AND issued_on < $2",
		DB_ARGS(DB_S(id), DB_S(date)), &n, &c->err);
	if (rc)
		return rc;
	if (n > 0) {
		err_set(&c->err, "document_implements_later", " (a document implementing this one is dated earlier)");
		snprintf(c->err.field, sizeof(c->err.field), "issued_on");
		return c->err.kind;
	}
	if ((rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM tasks WHERE document_id = $1 AND due_on < $2",
				DB_ARGS(DB_S(id), DB_S(date)), &n, &c->err)))
		return rc;
	if (n > 0)
		return err_field(&c->err, "task_due_before_document", "issued_on");
	return BP_OK;
}

static enum bp_err doc_write_row(struct ctx *c, const char *id, const struct doc_in *d, bool insert,
				 const char *now)
{
	const char *actor = c->actor.username;
	db_arg num = d->parsed ? DB_I(d->num.number) : DB_NUL;
	db_arg year = d->parsed && d->num.year ? DB_I(d->num.year) : DB_NUL;
	const char *skind = d->parsed && d->num.kind[0] ? d->num.kind : NULL;
	const char *sissuer = d->parsed ? d->num.issuer : NULL;
	const char *unit = d->unit_id[0] ? d->unit_id : NULL;
	if (insert)
		return db_exec(c->db,
			"INSERT INTO documents (id, kind, number_symbol, symbol_number, symbol_year, symbol_kind,"
			" symbol_issuer, symbol_parsed, issued_on, issuing_body, title, summary, implements_id,"
			" unit_id, created_by, created_at, updated_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)",
			DB_ARGS(DB_S(id), DB_S(d->kind), DB_S(d->number_symbol), num, year, DB_S(skind),
				DB_S(sissuer), DB_I(d->parsed), DB_S(d->issued_on), DB_S(d->issuing_body),
				DB_S(d->title), DB_S(d->summary), DB_S(d->implements), DB_S(unit), DB_S(actor),
				DB_S(now)), NULL, &c->err);
	return db_exec(c->db,
		"UPDATE documents SET kind = $2, number_symbol = $3, symbol_number = $4, symbol_year = $5,"
		" symbol_kind = $6, symbol_issuer = $7, symbol_parsed = $8, issued_on = $9, issuing_body = $10,"
		" title = $11, summary = $12, implements_id = $13, unit_id = $14, updated_at = $15 WHERE id = $1",
		DB_ARGS(DB_S(id), DB_S(d->kind), DB_S(d->number_symbol), num, year, DB_S(skind),
			DB_S(sissuer), DB_I(d->parsed), DB_S(d->issued_on), DB_S(d->issuing_body),
			DB_S(d->title), DB_S(d->summary), DB_S(d->implements), DB_S(unit), DB_S(now)),
		NULL, &c->err);
}

/* The unit of the audit row: the document's, or for a national one the writer's. */
static const char *audit_unit(struct ctx *c, const char *unit_id)
{
	return unit_id && *unit_id ? unit_id : c->actor.unit_id[0] ? c->actor.unit_id : NULL;
}

static enum bp_err doc_put_once(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
				json_t **out, enum layer_done *done, bool *existed)
{
	json_t *merged = NULL, *stored = NULL, *after = NULL, *warnings = json_array();
	const char *in_id = NULL;
	char idbuf[37];
	struct doc_in d;
	bool own = false, began = false;
	enum bp_err rc;
	*out = NULL;
	*done = LAYER_UNCHANGED;
	if (id && !text_uuid_valid(id)) {
		rc = err_field(&c->err, "id_invalid", "id");
		goto out;
	}
	if (mode == LAYER_PATCH) {
		static const char *const patch_keys[] = { "kind", "number_symbol", "issued_on", "issuing_body",
			"title", "summary", "implements", "unit", NULL };
		if ((rc = json_check_keys(in, patch_keys, &c->err)) || (rc = document_get(c, id, &stored)))
			goto out;
		merged = doc_as_input(stored);
		/* A new number without a kind takes the kind it names. */
		struct docnum num;
		const char *ns = json_string_value(json_object_get(in, "number_symbol"));
		if (ns && !json_object_get(in, "kind") && docnum_parse(ns, &num) && docnum_kind_code(num.kind))
			json_object_del(merged, "kind");
		json_object_update(merged, in);
		json_decref(stored);
		stored = NULL;
		in = merged;
	}
	if ((rc = doc_read(c, in, &d, &in_id, warnings)))
		goto out;
	if (id && in_id && strcmp(id, in_id)) {
		rc = err_field(&c->err, "invalid_input", "id");
		goto out;
	}
	if (!id)
		id = in_id;
	if (!id) {
		text_uuid_new(idbuf);
		id = idbuf;
	}
	if ((rc = layer_begin(c, &own)))
		goto out;
	began = true;
	char was_unit[37] = "";
	rc = document_access(c, id, ACCESS_READ, was_unit, NULL);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		rc = BP_OK;
	} else if (!rc) {
		rc = doc_load(c, id, &stored);
	}
	if (rc)
		goto out;
	*existed = stored != NULL;
	if (stored && doc_same(stored, &d)) {
		*out = stored;
		stored = NULL;
		goto out;
	}
	if (stored && mode == LAYER_CREATE) {
		rc = err_set(&c->err, "id_conflict", id);
		goto out;
	}
	if (!stored && mode == LAYER_PATCH) {
		rc = err_set(&c->err, "document_not_found", NULL);
		goto out;
	}
	if ((stored && (rc = doc_unit_access(c, was_unit, ACCESS_WRITE))) ||
	    (rc = doc_unit_access(c, d.unit_id, ACCESS_WRITE)) ||
	    (d.implements && (rc = check_implements(c, id, &d))) ||
	    (stored && (rc = check_new_date(c, id, d.issued_on))))
		goto out;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	if ((rc = doc_write_row(c, id, &d, !stored, now)) || (rc = doc_load(c, id, &after)) ||
	    (rc = audit_record(c, "document", id, audit_unit(c, d.unit_id), stored ? "update" : "create",
			       stored, after)))
		goto out;
	*done = stored ? LAYER_UPDATED : LAYER_CREATED;
	*out = after;
	after = NULL;
out:
	if (began)
		rc = layer_end(c, own, rc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	} else if (json_array_size(warnings)) {
		json_object_set(*out, "warnings", warnings);
	}
	json_decref(warnings);
	json_decref(merged);
	json_decref(stored);
	json_decref(after);
	return rc;
}

enum bp_err document_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			 json_t **out, enum layer_done *done)
{
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	/* Two identical creates at once (PostgreSQL): the loser retries once and is then a repeat. */
	bool retry = !db_in_tx(c->db);
	for (int attempt = 0;; attempt++) {
		bool existed = false;
		enum bp_err rc = doc_put_once(c, id, in, mode, out, done, &existed);
		if (retry && attempt == 0 && !existed && rc == BP_ECONFLICT && !strcmp(c->err.code, "id_conflict")) {
			err_clear(&c->err);
			continue;
		}
		return rc;
	}
}

enum bp_err document_delete(struct ctx *c, const char *id)
{
	json_t *before = NULL;
	char unit[37];
	bool own = false;
	enum bp_err rc = layer_begin(c, &own);
	if (rc)
		return rc;
	if ((rc = document_access(c, id, ACCESS_WRITE, unit, NULL)) || (rc = doc_load(c, id, &before)))
		goto out;
	static const struct {
		const char *sql, *what;
	} uses[] = {
		{ "SELECT COUNT(*) FROM documents WHERE implements_id = $1", "documents implementing it" },
		{ "SELECT COUNT(*) FROM tasks WHERE document_id = $1", "tasks" },
		{ "SELECT COUNT(*) FROM conference_documents WHERE document_id = $1", "conferences" },
	};
	static const char *const uses_vi[] = { "văn bản thực hiện nó", "nhiệm vụ", "hội nghị" };
	for (size_t i = 0; i < sizeof(uses) / sizeof(*uses); i++) {
		long long n = 0;
		if ((rc = db_scalar_int(c->db, uses[i].sql, DB_ARGS(DB_S(id)), &n, &c->err)))
			goto out;
		if (n > 0) {
			char vi[96], en[96];
			snprintf(vi, sizeof(vi), "%lld %s", n, uses_vi[i]);
			snprintf(en, sizeof(en), "%lld %s", n, uses[i].what);
			err_set(&c->err, "document_in_use", vi);
			struct bp_error e_en;
			err_set(&e_en, "document_in_use", en);
			snprintf(c->err.message_en, sizeof(c->err.message_en), "%s", e_en.message_en);
			rc = c->err.kind;
			goto out;
		}
	}
	if ((rc = db_exec(c->db, "DELETE FROM document_files WHERE document_id = $1", DB_ARGS(DB_S(id)),
			  NULL, &c->err)) ||
	    (rc = db_exec(c->db, "DELETE FROM documents WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err)) ||
	    (rc = audit_record(c, "document", id, audit_unit(c, unit), "delete", before, NULL)))
		goto out;
out:
	rc = layer_end(c, own, rc);
	json_decref(before);
	return rc;
}

/* ---- lists ---- */

/* "%q%" for LIKE ... ESCAPE '\', q's own % _ \ escaped. Caller frees. */
static char *like_pattern(const char *q)
{
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

enum bp_err document_list(struct ctx *c, const struct document_filter *f, json_t **out)
{
	struct buf sql;
	struct db_rows *r = NULL;
	db_arg args[12];
	int next = 3, limit = 0;
	char unit_id[37] = "", cur_date[DATE_LEN] = "", cur_id[37] = "", year_from[DATE_LEN], year_to[DATE_LEN];
	char *like = NULL;
	enum bp_err rc;
	*out = NULL;
	if ((rc = layer_limit(c, f->limit, &limit)) || (rc = access_require_role(c, ROLE_VIEWER)))
		return rc;
	if (f->kind && !in_list(f->kind, document_kinds))
		return err_set(&c->err, "document_kind_invalid", f->kind);
	bool national = f->unit && !strcmp(f->unit, "national");
	if (f->unit && !national) {
		if ((rc = unit_resolve(c, f->unit, unit_id)) || (rc = doc_unit_access(c, unit_id, ACCESS_READ)))
			return rc;
	}
	if (f->year) {
		char *end = NULL;
		long y = strtol(f->year, &end, 10);
		if (*end || y < 1945 || y > 2100)
			return err_set(&c->err, "year_invalid", f->year);
		snprintf(year_from, sizeof(year_from), "%04ld-01-01", y);
		snprintf(year_to, sizeof(year_to), "%04ld-01-01", y + 1);
	}
	if (f->implements && !text_uuid_valid(f->implements))
		return err_field(&c->err, "id_invalid", "implements");
	if (f->cursor) {
		const char *bar = strchr(f->cursor, '|');
		if (!bar || bar - f->cursor != 10 || !text_uuid_valid(bar + 1))
			return err_set(&c->err, "cursor_invalid", NULL);
		snprintf(cur_date, sizeof(cur_date), "%.10s", f->cursor);
		snprintf(cur_id, sizeof(cur_id), "%s", bar + 1);
		if (!date_valid(cur_date))
			return err_set(&c->err, "cursor_invalid", NULL);
	}
	buf_init(&sql, 1 << 16);
	buf_addf(&sql, "%s" DOCUMENT_ABOVE_CTE, access_scope_cte(c));
	if (unit_id[0])
		buf_adds(&sql, ", sub(id) AS (SELECT CAST($3 AS TEXT) UNION SELECT p.unit_id FROM unit_parents p"
			" JOIN sub ON p.parent_id = sub.id WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2))");
	buf_adds(&sql, " " DOC_SELECT " WHERE " DOCUMENT_READABLE("d"));
	args[0] = DB_S(c->actor.unit_id);
	args[1] = DB_S(c->today);
	args[2] = DB_S(unit_id);
	if (unit_id[0])
		buf_adds(&sql, " AND d.unit_id IN (SELECT id FROM sub)");
	else
		buf_adds(&sql, " AND $3 = ''");
	if (national)
		buf_adds(&sql, " AND d.unit_id IS NULL");
	if (f->kind) {
		buf_addf(&sql, " AND d.kind = $%d", next + 1);
		args[next++] = DB_S(f->kind);
	}
	if (f->year) {
		buf_addf(&sql, " AND d.issued_on >= $%d AND d.issued_on < $%d", next + 1, next + 2);
		args[next++] = DB_S(year_from);
		args[next++] = DB_S(year_to);
	}
	if (f->q) {
		like = like_pattern(f->q);
		buf_addf(&sql, " AND (LOWER(d.title) LIKE LOWER($%d) ESCAPE '\\'"
			" OR LOWER(d.number_symbol) LIKE LOWER($%d) ESCAPE '\\')", next + 1, next + 1);
		args[next++] = DB_S(like);
	}
	if (f->implements) {
		buf_addf(&sql, " AND d.implements_id = $%d", next + 1);
		args[next++] = DB_S(f->implements);
	}
	if (f->cursor) {
		buf_addf(&sql, " AND (d.issued_on < $%d OR (d.issued_on = $%d AND d.id > $%d))", next + 1,
			 next + 1, next + 2);
		args[next++] = DB_S(cur_date);
		args[next++] = DB_S(cur_id);
	}
	buf_addf(&sql, " ORDER BY d.issued_on DESC, d.id LIMIT %d", limit + 1);
	rc = db_query(c->db, sql.data, args, next, &r, &c->err);
	if (!rc) {
		json_t *items = json_array();
		int n = 0, s;
		char last[64] = "";
		bool more = false;
		while ((s = db_next(r, &c->err)) > 0) {
			if (n == limit) {
				more = true;
				break;
			}
			json_array_append_new(items, doc_row_json(r));
			snprintf(last, sizeof(last), "%s|%s", db_text(r, 8), db_text(r, 0));
			n++;
		}
		if (s < 0) {
			rc = c->err.kind;
			json_decref(items);
		} else {
			*out = json_pack("{s:o, s:o}", "items", items, "next_cursor",
					 more ? json_string(last) : json_null());
		}
	}
	db_rows_free(r);
	buf_release(&sql);
	free(like);
	return rc;
}

/* ---- the cascade ---- */

/* Counts of the document's tasks that the actor may see (tasks.c's rule). */
static enum bp_err node_tasks(struct ctx *c, const char *doc_id, json_t *node)
{
	struct db_rows *r = NULL;
	char *sql = xasprintf("%s SELECT COUNT(*),"
		" COALESCE(SUM(CASE WHEN t.status = 'not_started' THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN t.status = 'in_progress' THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN t.status <> 'done' AND t.due_on < $2 THEN 1 ELSE 0 END), 0)"
		" FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.document_id = $3"
		" AND (t.unit_id IN (SELECT id FROM scope) OR d.unit_id IN (SELECT id FROM scope)"
		" OR EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id IN (SELECT id FROM scope)))",
		access_scope_cte(c));
	enum bp_err rc = db_query_one(c->db, sql, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(doc_id)),
				      &r, &c->err);
	free(sql);
	if (rc)
		return rc;
	json_object_set_new(node, "tasks", json_pack("{s:I, s:I, s:I, s:I, s:I}",
		"total", (json_int_t)db_int(r, 0), "not_started", (json_int_t)db_int(r, 1),
		"in_progress", (json_int_t)db_int(r, 2), "done", (json_int_t)db_int(r, 3),
		"overdue", (json_int_t)db_int(r, 4)));
	db_rows_free(r);
	return BP_OK;
}

static json_t *node_json(json_t *doc)
{
	json_t *n = json_object();
	static const char *const keys[] = { "id", "kind", "number_symbol", "symbol_parsed", "issued_on",
					    "issuing_body", "title", "unit", NULL };
	for (const char *const *k = keys; *k; k++)
		json_object_set(n, *k, json_object_get(doc, *k));
	return n;
}

/* The node of a readable document, or NULL with *readable false. */
static enum bp_err cascade_node(struct ctx *c, const char *id, json_t **node, bool *readable)
{
	json_t *doc = NULL;
	*node = NULL;
	*readable = false;
	enum bp_err rc = document_access(c, id, ACCESS_READ, NULL, NULL);
	if (rc == BP_EFORBIDDEN) {
		err_clear(&c->err);
		return BP_OK;
	}
	if (rc || (rc = doc_load(c, id, &doc)))
		return rc;
	*node = node_json(doc);
	json_decref(doc);
	*readable = true;
	return node_tasks(c, id, *node);
}

static enum bp_err cascade_children(struct ctx *c, json_t *node, int depth)
{
	json_t *children = json_array();
	json_object_set_new(node, "children", children);
	if (depth >= CASCADE_DEPTH_MAX)
		return BP_OK;
	char *sql = xasprintf("%s" DOCUMENT_ABOVE_CTE " SELECT d.id FROM documents d WHERE d.implements_id = $3"
			      " AND " DOCUMENT_READABLE("d") " ORDER BY d.issued_on, d.id", access_scope_cte(c));
	/* The ids first: the cursor is closed before the children's own queries. */
	json_t *ids = NULL;
	static const char *const names[] = { "id", NULL };
	enum bp_err rc = db_query_json(c->db, sql, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today),
				       DB_S(json_string_value(json_object_get(node, "id")))), names, &ids, &c->err);
	free(sql);
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v) {
		json_t *child = NULL;
		bool readable;
		if (rc || (rc = cascade_node(c, json_string_value(json_object_get(v, "id")), &child, &readable)))
			break;
		if (!readable)
			continue;
		json_array_append_new(children, child);
		if ((rc = cascade_children(c, child, depth + 1)))
			break;
	}
	json_decref(ids);
	return rc;
}

enum bp_err document_cascade(struct ctx *c, const char *id, json_t **out)
{
	json_t *self = NULL, *ancestors = json_array();
	bool readable;
	*out = NULL;
	enum bp_err rc = document_access(c, id, ACCESS_READ, NULL, NULL);
	if (rc || (rc = cascade_node(c, id, &self, &readable)))
		goto out;
	/* Up: what each document implements, to the root (or to one the actor may not read). */
	char cur[37];
	snprintf(cur, sizeof(cur), "%s", id);
	for (int depth = 0; depth < CASCADE_DEPTH_MAX; depth++) {
		struct db_rows *r = NULL;
		if ((rc = db_query_one(c->db, "SELECT implements_id FROM documents WHERE id = $1",
				       DB_ARGS(DB_S(cur)), &r, &c->err)))
			goto out;
		bool top = db_isnull(r, 0);
		if (!top)
			snprintf(cur, sizeof(cur), "%s", db_text(r, 0));
		db_rows_free(r);
		if (top)
			break;
		json_t *node = NULL;
		if ((rc = cascade_node(c, cur, &node, &readable)))
			goto out;
		if (!readable) {
			json_array_insert_new(ancestors, 0, json_pack("{s:b}", "hidden", 1));
			break;
		}
		json_array_insert_new(ancestors, 0, node);
	}
	if ((rc = cascade_children(c, self, 0)))
		goto out;
	*out = json_pack("{s:O, s:O}", "ancestors", ancestors, "document", self);
out:
	json_decref(self);
	json_decref(ancestors);
	return rc;
}
