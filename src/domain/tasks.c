/*
 * tasks.c - tasks, their units and progress updates; see tasks.h for
 * the states and the access rules.
 *
 * Writes run in one transaction with their audit row. The supporting
 * units are rewritten whole on every change of the task (a handful of
 * rows), which keeps "what the input says" and "what is stored" one
 * comparison apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/documents.h"
#include "domain/tasks.h"
#include "domain/units.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

const char *const task_statuses[] = { "not_started", "in_progress", "done", NULL };

#define TASK_TITLE_MAX 1000
#define TASK_NOTES_MAX 4000
#define NO_DUE "9999-12-31"

bool task_overdue(const char *due_on, const char *status, const char *today)
{
	return due_on && *due_on && strcmp(status, "done") && strcmp(due_on, today) < 0;
}

#define TASK_SELECT \
	"SELECT t.id, t.document_id, d.number_symbol, d.title, d.issued_on, t.title, t.unit_id, u.code," \
	" u.name, t.due_on, t.status, t.progress, t.done_on, t.notes, t.created_at, t.updated_at" \
	" FROM tasks t JOIN units u ON u.id = t.unit_id LEFT JOIN documents d ON d.id = t.document_id"

/* After access_scope_cte's CTE: the tasks the actor may read (tasks.h). */
#define TASK_VISIBLE \
	"(t.unit_id IN (SELECT id FROM scope) OR d.unit_id IN (SELECT id FROM scope)" \
	" OR EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id IN (SELECT id FROM scope)))"

static json_t *task_row_json(struct db_rows *r, const char *today)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	if (db_isnull(r, 1))
		json_object_set_new(o, "document", json_null());
	else
		json_object_set_new(o, "document", json_pack("{s:s, s:s?, s:s?, s:s?}", "id", db_text(r, 1),
			"number_symbol", db_text(r, 2), "title", db_text(r, 3), "issued_on", db_text(r, 4)));
	json_set_str(o, "title", db_text(r, 5));
	json_object_set_new(o, "unit", layer_unit_json(db_text(r, 6), db_text(r, 7), db_text(r, 8)));
	json_set_str(o, "due_on", db_text(r, 9));
	json_set_str(o, "status", db_text(r, 10));
	json_object_set_new(o, "progress", json_integer(db_int(r, 11)));
	json_set_str(o, "done_on", db_text(r, 12));
	json_object_set_new(o, "overdue", json_boolean(task_overdue(db_text(r, 9), db_text(r, 10), today)));
	json_object_set_new(o, "late", json_boolean(!db_isnull(r, 9) && !db_isnull(r, 12) &&
						   strcmp(db_text(r, 12), db_text(r, 9)) > 0));
	json_set_str(o, "notes", db_text(r, 13));
	json_set_str(o, "created_at", db_text(r, 14));
	json_set_str(o, "updated_at", db_text(r, 15));
	return o;
}

static enum bp_err task_supporting(struct ctx *c, json_t *task)
{
	json_t *units = NULL;
	static const char *const names[] = { "id", "code", "name", NULL };
	enum bp_err rc = db_query_json(c->db,
		"SELECT u.id, u.code, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id"
		" WHERE tu.task_id = $1 ORDER BY u.code",
		DB_ARGS(DB_S(json_string_value(json_object_get(task, "id")))), names, &units, &c->err);
	if (!rc)
		json_object_set_new(task, "supporting", units);
	return rc;
}

/* The task with its supporting units and, when with_updates, its updates. */
static enum bp_err task_load(struct ctx *c, const char *id, bool with_updates, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, TASK_SELECT " WHERE t.id = $1", DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "task_not_found", NULL);
	if (rc)
		return rc;
	*out = task_row_json(r, c->today);
	db_rows_free(r);
	if ((rc = task_supporting(c, *out)))
		goto out;
	if (with_updates) {
		json_t *ups = NULL;
		static const char *const names[] = { "id", "date", "status", "progress", "note", "recorded_by",
						     "recorded_at", NULL };
		if ((rc = db_query_json(c->db,
			"SELECT id, date, status, progress, note, recorded_by, recorded_at FROM task_updates"
			" WHERE task_id = $1 ORDER BY date, recorded_at, id", DB_ARGS(DB_S(id)), names, &ups, &c->err)))
			goto out;
		/* Progress is a number in JSON, like the task's own. */
		size_t i;
		json_t *u;
		json_array_foreach(ups, i, u)
			json_object_set_new(u, "progress", json_integer(atoll(json_string_value(json_object_get(u, "progress")))));
		json_object_set_new(*out, "updates", ups);
	}
out:
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/*
 * May the actor read (or write) task id? lead gets its lead unit and doc
 * its document id ("" for none); both may be NULL.
 */
static enum bp_err task_access(struct ctx *c, const char *id, enum access_need need, char lead[37], char doc[37])
{
	struct db_rows *r = NULL;
	char lead_id[37], doc_id[37];
	enum bp_err rc;
	if (!text_uuid_valid(id))
		return err_set(&c->err, "task_not_found", NULL);
	if ((rc = access_require_role(c, ROLE_VIEWER)))
		return rc;
	char *sql = xasprintf("%s SELECT t.unit_id, t.document_id, CASE WHEN " TASK_VISIBLE " THEN 1 ELSE 0 END"
			      " FROM tasks t LEFT JOIN documents d ON d.id = t.document_id WHERE t.id = $3",
			      access_scope_cte(c));
	rc = db_query_one(c->db, sql, DB_ARGS(DB_S(c->actor.unit_id), DB_S(c->today), DB_S(id)), &r, &c->err);
	free(sql);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "task_not_found", NULL);
	if (rc)
		return rc;
	snprintf(lead_id, sizeof(lead_id), "%s", db_text(r, 0));
	snprintf(doc_id, sizeof(doc_id), "%s", db_isnull(r, 1) ? "" : db_text(r, 1));
	bool visible = db_int(r, 2) != 0;
	db_rows_free(r);
	if (lead)
		snprintf(lead, 37, "%s", lead_id);
	if (doc)
		snprintf(doc, 37, "%s", doc_id);
	if (!visible && !c->actor.system)
		return err_set(&c->err, "out_of_scope", NULL);
	if (need == ACCESS_READ)
		return BP_OK;
	rc = access_unit(c, lead_id, ACCESS_WRITE);
	if (rc && doc_id[0]) {
		struct bp_error first = c->err;
		if (!document_access(c, doc_id, ACCESS_WRITE, NULL, NULL))
			return BP_OK;
		c->err = first;
	}
	return rc;
}

enum bp_err task_get(struct ctx *c, const char *id, json_t **out)
{
	*out = NULL;
	enum bp_err rc = task_access(c, id, ACCESS_READ, NULL, NULL);
	return rc ? rc : task_load(c, id, true, out);
}

/* ---- writes ---- */

struct task_in {
	const char *document, *title, *unit_ref, *due_on, *notes;
	char lead[37];
	char (*supporting)[37];
	size_t nsupporting;
	char doc_date[DATE_LEN];
};

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static enum bp_err task_read(struct ctx *c, json_t *in, struct task_in *t, const char **id)
{
	static const char *const keys[] = { "id", "document", "title", "unit", "supporting", "due_on", "notes", NULL };
	enum bp_err rc;
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_uuid(in, "document", false, &t->document, &c->err)) ||
	    (rc = json_get_str(in, "title", true, TASK_TITLE_MAX, &t->title, &c->err)) ||
	    (rc = json_get_str(in, "unit", true, 64, &t->unit_ref, &c->err)) ||
	    (rc = json_get_date(in, "due_on", false, &t->due_on, &c->err)) ||
	    (rc = json_get_str(in, "notes", false, TASK_NOTES_MAX, &t->notes, &c->err)))
		return rc;
	json_t *sup = json_object_get(in, "supporting");
	if (sup && !json_is_null(sup) && !json_is_array(sup))
		return err_field(&c->err, "field_type", "supporting");
	if (json_array_size(sup) > TASK_SUPPORTING_MAX)
		return err_field(&c->err, "field_too_long", "supporting");
	if ((rc = unit_resolve(c, t->unit_ref, t->lead)))
		return rc;
	t->supporting = xcalloc(json_array_size(sup) + 1, sizeof(*t->supporting));
	size_t i;
	json_t *v;
	json_array_foreach(sup, i, v) {
		if (!json_is_string(v))
			return err_field(&c->err, "field_type", "supporting");
		if ((rc = unit_resolve(c, json_string_value(v), t->supporting[t->nsupporting])))
			return rc;
		const char *u = t->supporting[t->nsupporting];
		bool twice = !strcmp(u, t->lead);
		for (size_t k = 0; k < t->nsupporting; k++)
			twice = twice || !strcmp(u, t->supporting[k]);
		if (twice)
			return err_set(&c->err, "task_unit_twice", json_string_value(v));
		t->nsupporting++;
	}
	qsort(t->supporting, t->nsupporting, sizeof(*t->supporting), cmp_id);
	return BP_OK;
}

static json_t *task_as_input(json_t *s)
{
	json_t *in = json_object();
	static const char *const keep[] = { "title", "due_on", "notes", NULL };
	for (const char *const *k = keep; *k; k++) {
		json_t *v = json_object_get(s, *k);
		if (v && !json_is_null(v))
			json_object_set(in, *k, v);
	}
	json_t *doc = json_object_get(s, "document");
	if (json_is_object(doc))
		json_object_set(in, "document", json_object_get(doc, "id"));
	json_object_set(in, "unit", json_object_get(json_object_get(s, "unit"), "id"));
	json_t *sup = json_array();
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(s, "supporting"), i, u)
		json_array_append(sup, json_object_get(u, "id"));
	json_object_set_new(in, "supporting", sup);
	return in;
}

static bool same_str(json_t *o, const char *key, const char *s)
{
	const char *v = json_string_value(json_object_get(o, key));
	return (!v && !s) || (v && s && !strcmp(v, s));
}

static bool task_same(json_t *stored, const struct task_in *t)
{
	json_t *doc = json_object_get(stored, "document");
	const char *doc_id = json_is_object(doc) ? json_string_value(json_object_get(doc, "id")) : NULL;
	if (!same_str(stored, "title", t->title) || !same_str(stored, "due_on", t->due_on) ||
	    !same_str(stored, "notes", t->notes) || (!doc_id) != (!t->document) ||
	    (doc_id && strcmp(doc_id, t->document)) ||
	    strcmp(json_string_value(json_object_get(json_object_get(stored, "unit"), "id")), t->lead))
		return false;
	/* Stored supporting units are ordered by code; compare as sets. */
	json_t *sup = json_object_get(stored, "supporting");
	if (json_array_size(sup) != t->nsupporting)
		return false;
	size_t i;
	json_t *u;
	json_array_foreach(sup, i, u) {
		const char *sid = json_string_value(json_object_get(u, "id"));
		if (!bsearch(sid, t->supporting, t->nsupporting, sizeof(*t->supporting), cmp_id))
			return false;
	}
	return true;
}

/*
 * The new values may be written by the actor: the document readable, the
 * units in reach, the lead or the document writable, the due date on or
 * after the document's.
 */
static enum bp_err task_check_new(struct ctx *c, struct task_in *t)
{
	enum bp_err rc;
	if (t->document && (rc = document_access(c, t->document, ACCESS_READ, NULL, t->doc_date))) {
		if (rc == BP_ENOTFOUND)
			err_field(&c->err, "document_not_found", "document");
		return rc;
	}
	if ((rc = layer_access_area(c, t->lead)))
		return rc;
	for (size_t i = 0; i < t->nsupporting; i++)
		if ((rc = layer_access_area(c, t->supporting[i])))
			return rc;
	rc = access_unit(c, t->lead, ACCESS_WRITE);
	if (rc && t->document) {
		struct bp_error first = c->err;
		rc = document_access(c, t->document, ACCESS_WRITE, NULL, NULL);
		if (rc)
			c->err = first, rc = first.kind;
	}
	if (rc)
		return rc;
	if (t->document && t->due_on && strcmp(t->due_on, t->doc_date) < 0) {
		char detail[64];
		snprintf(detail, sizeof(detail), " (%s < %s)", t->due_on, t->doc_date);
		err_set(&c->err, "task_due_before_document", detail);
		snprintf(c->err.field, sizeof(c->err.field), "due_on");
		return c->err.kind;
	}
	return BP_OK;
}

static enum bp_err task_write_rows(struct ctx *c, const char *id, const struct task_in *t, bool insert,
				   const char *now)
{
	enum bp_err rc;
	if (insert)
		rc = db_exec(c->db,
			"INSERT INTO tasks (id, document_id, title, unit_id, due_on, status, progress, notes,"
			" created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'not_started', 0, $6, $7, $8, $8)",
			DB_ARGS(DB_S(id), DB_S(t->document), DB_S(t->title), DB_S(t->lead), DB_S(t->due_on),
				DB_S(t->notes), DB_S(c->actor.username), DB_S(now)), NULL, &c->err);
	else
		rc = db_exec(c->db,
			"UPDATE tasks SET document_id = $2, title = $3, unit_id = $4, due_on = $5, notes = $6,"
			" updated_at = $7 WHERE id = $1",
			DB_ARGS(DB_S(id), DB_S(t->document), DB_S(t->title), DB_S(t->lead), DB_S(t->due_on),
				DB_S(t->notes), DB_S(now)), NULL, &c->err);
	if (!rc && !insert)
		rc = db_exec(c->db, "DELETE FROM task_units WHERE task_id = $1", DB_ARGS(DB_S(id)), NULL, &c->err);
	for (size_t i = 0; !rc && i < t->nsupporting; i++)
		rc = db_exec(c->db, "INSERT INTO task_units (task_id, unit_id) VALUES ($1, $2)",
			     DB_ARGS(DB_S(id), DB_S(t->supporting[i])), NULL, &c->err);
	return rc;
}

static enum bp_err task_put_once(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
				 json_t **out, enum layer_done *done, bool *existed)
{
	json_t *merged = NULL, *stored = NULL, *after = NULL;
	const char *in_id = NULL;
	char idbuf[37], was_lead[37] = "";
	struct task_in t;
	bool own = false, began = false;
	enum bp_err rc;
	memset(&t, 0, sizeof(t));
	*out = NULL;
	*done = LAYER_UNCHANGED;
	if (id && !text_uuid_valid(id)) {
		rc = err_field(&c->err, "id_invalid", "id");
		goto out;
	}
	if (mode == LAYER_PATCH) {
		static const char *const patch_keys[] = { "document", "title", "unit", "supporting", "due_on", "notes", NULL };
		if ((rc = json_check_keys(in, patch_keys, &c->err)) || (rc = task_get(c, id, &stored)))
			goto out;
		merged = task_as_input(stored);
		json_object_update(merged, in);
		json_decref(stored);
		stored = NULL;
		in = merged;
	}
	if ((rc = task_read(c, in, &t, &in_id)))
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
	rc = task_access(c, id, ACCESS_READ, was_lead, NULL);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		rc = BP_OK;
	} else if (!rc) {
		rc = task_load(c, id, false, &stored);
	}
	if (rc)
		goto out;
	*existed = stored != NULL;
	if (stored && task_same(stored, &t)) {
		json_decref(stored);
		stored = NULL;
		rc = task_load(c, id, true, out);
		goto out;
	}
	if (stored && mode == LAYER_CREATE) {
		rc = err_set(&c->err, "id_conflict", id);
		goto out;
	}
	if (!stored && mode == LAYER_PATCH) {
		rc = err_set(&c->err, "task_not_found", NULL);
		goto out;
	}
	if ((stored && (rc = task_access(c, id, ACCESS_WRITE, NULL, NULL))) || (rc = task_check_new(c, &t)))
		goto out;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	if ((rc = task_write_rows(c, id, &t, !stored, now)) || (rc = task_load(c, id, true, &after)) ||
	    (rc = audit_record(c, "task", id, t.lead, stored ? "update" : "create", stored, after)))
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
	}
	free(t.supporting);
	json_decref(merged);
	json_decref(stored);
	json_decref(after);
	return rc;
}

enum bp_err task_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		     json_t **out, enum layer_done *done)
{
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	bool retry = !db_in_tx(c->db);
	for (int attempt = 0;; attempt++) {
		bool existed = false;
		enum bp_err rc = task_put_once(c, id, in, mode, out, done, &existed);
		if (retry && attempt == 0 && !existed && rc == BP_ECONFLICT && !strcmp(c->err.code, "id_conflict")) {
			err_clear(&c->err);
			continue;
		}
		return rc;
	}
}

enum bp_err task_delete(struct ctx *c, const char *id)
{
	json_t *before = NULL;
	char lead[37];
	bool own = false;
	long long n = 0;
	enum bp_err rc = layer_begin(c, &own);
	if (rc)
		return rc;
	if ((rc = task_access(c, id, ACCESS_WRITE, lead, NULL)) || (rc = task_load(c, id, true, &before)) ||
	    (rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM task_updates WHERE task_id = $1", DB_ARGS(DB_S(id)),
				&n, &c->err)))
		goto out;
	if (n > 0) {
		char detail[24];
		snprintf(detail, sizeof(detail), "%lld", n);
		rc = err_set(&c->err, "task_has_updates", detail);
		goto out;
	}
	if ((rc = db_exec(c->db, "DELETE FROM task_units WHERE task_id = $1", DB_ARGS(DB_S(id)), NULL, &c->err)) ||
	    (rc = db_exec(c->db, "DELETE FROM tasks WHERE id = $1", DB_ARGS(DB_S(id)), NULL, &c->err)) ||
	    (rc = audit_record(c, "task", id, lead, "delete", before, NULL)))
		goto out;
out:
	rc = layer_end(c, own, rc);
	json_decref(before);
	return rc;
}

/* ---- progress ---- */

struct update_in {
	const char *date, *status, *note;
	int progress;
};

static enum bp_err update_read(struct ctx *c, json_t *in, struct update_in *u, const char **id)
{
	static const char *const keys[] = { "id", "date", "status", "progress", "note", NULL };
	double p = 0;
	bool has = false;
	enum bp_err rc;
	memset(u, 0, sizeof(*u));
	if ((rc = json_check_keys(in, keys, &c->err)) ||
	    (rc = json_get_uuid(in, "id", false, id, &c->err)) ||
	    (rc = json_get_date(in, "date", false, &u->date, &c->err)) ||
	    (rc = layer_get_enum(in, "status", true, task_statuses, NULL, &u->status, &c->err)) ||
	    (rc = json_get_str(in, "note", false, TASK_NOTES_MAX, &u->note, &c->err)))
		return rc;
	json_t *pv = json_object_get(in, "progress");
	if (pv && !json_is_null(pv) && !json_is_number(pv))
		return err_field(&c->err, "task_progress_invalid", "progress");
	if ((rc = layer_get_number(in, "progress", false, 0, 100, &p, &has, &c->err))) {
		err_field(&c->err, "task_progress_invalid", "progress");
		return c->err.kind;
	}
	if (has && p != (double)(int)p)
		return err_field(&c->err, "task_progress_invalid", "progress");
	if (!strcmp(u->status, "done")) {
		if (has && p != 100)
			return err_field(&c->err, "task_progress_invalid", "progress");
		p = 100;
	} else if (!has && !strcmp(u->status, "not_started")) {
		p = 0;
	} else if (!has) {
		return err_field(&c->err, "field_required", "progress");
	}
	u->progress = (int)p;
	if (!u->date)
		u->date = c->today;
	if (strcmp(u->date, c->today) > 0)
		return err_field(&c->err, "date_future", "date");
	return BP_OK;
}

enum bp_err task_update_add(struct ctx *c, const char *task_id, json_t *in, json_t **out, bool *created)
{
	json_t *before = NULL;
	const char *id = NULL;
	char idbuf[37], lead[37], now[TIMESTAMP_LEN];
	struct update_in u;
	struct db_rows *r = NULL;
	bool own = false;
	enum bp_err rc;
	*out = NULL;
	*created = false;
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if ((rc = update_read(c, in, &u, &id)))
		return rc;
	if (!id) {
		text_uuid_new(idbuf);
		id = idbuf;
	}
	if ((rc = layer_begin(c, &own)))
		return rc;
	if ((rc = task_access(c, task_id, ACCESS_WRITE, lead, NULL)))
		goto out;
	/* The same update again: a retry, answered with the task as it is. */
	rc = db_query_one(c->db, "SELECT task_id, date, status, progress, note FROM task_updates WHERE id = $1",
			  DB_ARGS(DB_S(id)), &r, &c->err);
	if (rc == BP_OK) {
		const char *note = db_text(r, 4);
		bool same = !strcmp(db_text(r, 0), task_id) && !strcmp(db_text(r, 1), u.date) &&
			    !strcmp(db_text(r, 2), u.status) && db_int(r, 3) == u.progress &&
			    ((!note && !u.note) || (note && u.note && !strcmp(note, u.note)));
		db_rows_free(r);
		rc = same ? task_load(c, task_id, true, out) : err_set(&c->err, "id_conflict", id);
		goto out;
	}
	if (rc != BP_ENOTFOUND)
		goto out;
	err_clear(&c->err);
	if ((rc = task_load(c, task_id, true, &before)))
		goto out;
	if (!strcmp(json_string_value(json_object_get(before, "status")), "done")) {
		char detail[48];
		snprintf(detail, sizeof(detail), " (%s)", json_string_value(json_object_get(before, "done_on")));
		rc = err_set(&c->err, "task_done", detail);
		goto out;
	}
	size_t n = json_array_size(json_object_get(before, "updates"));
	if (n) {
		json_t *last = json_array_get(json_object_get(before, "updates"), n - 1);
		const char *last_date = json_string_value(json_object_get(last, "date"));
		if (strcmp(u.date, last_date) < 0) {
			err_set(&c->err, "task_update_before_latest", last_date);
			snprintf(c->err.field, sizeof(c->err.field), "date");
			rc = c->err.kind;
			goto out;
		}
	}
	timestamp_now(now);
	bool done = !strcmp(u.status, "done");
	if ((rc = db_exec(c->db,
		"INSERT INTO task_updates (id, task_id, date, status, progress, note, recorded_by, recorded_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		DB_ARGS(DB_S(id), DB_S(task_id), DB_S(u.date), DB_S(u.status), DB_I(u.progress), DB_S(u.note),
			DB_S(c->actor.username), DB_S(now)), NULL, &c->err)) ||
	    (rc = db_exec(c->db,
		"UPDATE tasks SET status = $2, progress = $3, done_on = $4, updated_at = $5 WHERE id = $1",
		DB_ARGS(DB_S(task_id), DB_S(u.status), DB_I(u.progress), DB_S(done ? u.date : NULL), DB_S(now)),
		NULL, &c->err)) ||
	    (rc = task_load(c, task_id, true, out)) ||
	    (rc = audit_record(c, "task", task_id, lead, "progress", before, *out)))
		goto out;
	*created = true;
out:
	rc = layer_end(c, own, rc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(before);
	return rc;
}

/* ---- lists ---- */

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

enum bp_err task_list(struct ctx *c, const struct task_filter *f, json_t **out)
{
	struct buf sql;
	struct db_rows *r = NULL;
	db_arg args[10];
	int next = 3, limit = 0;
	char unit_id[37] = "", cur_due[DATE_LEN] = "", cur_id[37] = "";
	enum bp_err rc;
	*out = NULL;
	if ((rc = layer_limit(c, f->limit, &limit)) || (rc = access_require_role(c, ROLE_VIEWER)))
		return rc;
	if (f->status && !in_list(f->status, task_statuses))
		return err_field(&c->err, "enum_invalid", "status");
	if (f->document && !text_uuid_valid(f->document))
		return err_field(&c->err, "id_invalid", "document");
	if (f->unit && ((rc = unit_resolve(c, f->unit, unit_id)) || (rc = layer_access_area(c, unit_id))))
		return rc;
	if (f->cursor) {
		const char *bar = strchr(f->cursor, '|');
		if (!bar || bar - f->cursor != 10 || !text_uuid_valid(bar + 1))
			return err_set(&c->err, "cursor_invalid", NULL);
		snprintf(cur_due, sizeof(cur_due), "%.10s", f->cursor);
		snprintf(cur_id, sizeof(cur_id), "%s", bar + 1);
		if (!date_valid(cur_due))
			return err_set(&c->err, "cursor_invalid", NULL);
	}
	buf_init(&sql, 1 << 16);
	buf_adds(&sql, access_scope_cte(c));
	buf_adds(&sql, ", sub(id) AS (SELECT CAST($3 AS TEXT) WHERE $3 <> '' UNION SELECT p.unit_id FROM unit_parents p"
		" JOIN sub ON p.parent_id = sub.id WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2))");
	buf_adds(&sql, " " TASK_SELECT " WHERE " TASK_VISIBLE);
	args[0] = DB_S(c->actor.unit_id);
	args[1] = DB_S(c->today);
	args[2] = DB_S(unit_id);
	if (unit_id[0])
		buf_adds(&sql, " AND (t.unit_id IN (SELECT id FROM sub) OR EXISTS (SELECT 1 FROM task_units tu2"
			" WHERE tu2.task_id = t.id AND tu2.unit_id IN (SELECT id FROM sub)))");
	if (f->status) {
		buf_addf(&sql, " AND t.status = $%d", next + 1);
		args[next++] = DB_S(f->status);
	}
	if (f->overdue)
		buf_adds(&sql, " AND t.status <> 'done' AND t.due_on < $2");
	if (f->document) {
		buf_addf(&sql, " AND t.document_id = $%d", next + 1);
		args[next++] = DB_S(f->document);
	}
	if (f->cursor) {
		buf_addf(&sql, " AND (COALESCE(t.due_on, '" NO_DUE "') > $%d OR (COALESCE(t.due_on, '" NO_DUE "') = $%d"
			 " AND t.id > $%d))", next + 1, next + 1, next + 2);
		args[next++] = DB_S(cur_due);
		args[next++] = DB_S(cur_id);
	}
	buf_addf(&sql, " ORDER BY COALESCE(t.due_on, '" NO_DUE "'), t.id LIMIT %d", limit + 1);
	rc = db_query(c->db, sql.data, args, next, &r, &c->err);
	buf_release(&sql);
	if (rc)
		return rc;
	json_t *items = json_array();
	int n = 0, s;
	char last[64] = "";
	bool more = false;
	while ((s = db_next(r, &c->err)) > 0) {
		if (n == limit) {
			more = true;
			break;
		}
		json_array_append_new(items, task_row_json(r, c->today));
		snprintf(last, sizeof(last), "%s|%s", db_isnull(r, 9) ? NO_DUE : db_text(r, 9), db_text(r, 0));
		n++;
	}
	db_rows_free(r);
	if (s < 0) {
		json_decref(items);
		return c->err.kind;
	}
	/* The supporting units, once the list's cursor is closed. */
	size_t i;
	json_t *t;
	json_array_foreach(items, i, t)
		if ((rc = task_supporting(c, t))) {
			json_decref(items);
			return rc;
		}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", more ? json_string(last) : json_null());
	return BP_OK;
}
