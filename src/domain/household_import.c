/*
 * household_import.c - the households' CSV in and out; see
 * household_import.h for the columns.
 *
 * Each row becomes the same JSON input the API takes and goes through
 * household_put and registration_put, as a PUT with the row's ids, inside
 * the one transaction the import holds: a file is checked by exactly the
 * rules of the form, and nothing of it is stored unless all of it is.
 * What a spreadsheet brings differs from the API's JSON - every cell is
 * text, an empty cell means "nothing", markers and segments are named by
 * their numbers, a registration's km is one figure for all its segments -
 * and is mended here, and nowhere else.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "domain/access.h"
#include "domain/household_import.h"
#include "domain/households.h"
#include "domain/imports.h"
#include "domain/registrations.h"
#include "domain/units.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/report.h"
#include "util/text.h"
#include "util/xmalloc.h"

const char *const household_csv_columns[] = {
	"id", "registration_id", "kind", "name", "village", "unit", "phone", "people", "post", "from", "to", "km",
	"segments", "markers", NULL,
};

enum col { C_ID, C_RID, C_KIND, C_NAME, C_VILLAGE, C_UNIT, C_PHONE, C_PEOPLE, C_POST, C_FROM, C_TO, C_KM,
	   C_SEGMENTS, C_MARKERS, C_COUNT };

#define REF_MAX 1000 /* entries of a segments or markers cell */

struct import_run {
	struct ctx *c;
	struct csv_reader rd;
	int idx[C_COUNT];         /* column of each field, -1 when absent */
	size_t ncols;             /* the header's */
	long hh[3], reg[3];       /* created, updated, unchanged */
	char import_id[37];
};

/* The cell of field k in the current record, unguarded and trimmed; NULL when empty or absent. */
static char *cell(struct import_run *run, enum col k, char *tmp, size_t n)
{
	if (run->idx[k] < 0)
		return NULL;
	const char *v = csv_unguard(csv_field(&run->rd, (size_t)run->idx[k]));
	while (*v == ' ' || *v == '\t')
		v++;
	size_t len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (!len)
		return NULL;
	if (len >= n)
		len = n - 1;
	memcpy(tmp, v, len);
	tmp[len] = '\0';
	return tmp;
}

/* A marker's id from a cell entry: an id, or a number unique across borders. */
static enum bp_err marker_ref(struct ctx *c, const char *ref, char id[37])
{
	if (text_uuid_valid(ref)) {
		memcpy(id, ref, 37);
		return BP_OK;
	}
	json_t *rows = NULL;
	static const char *const cols[] = { "id", NULL };
	enum bp_err rc = db_query_json(c->db, "SELECT id FROM markers WHERE number = $1 ORDER BY id LIMIT 2",
				       DB_ARGS(DB_S(ref)), cols, &rows, &c->err);
	if (rc)
		return rc;
	size_t n = json_array_size(rows);
	if (n == 1)
		snprintf(id, 37, "%s", json_string_value(json_object_get(json_array_get(rows, 0), "id")));
	json_decref(rows);
	if (n == 0)
		return err_field(&c->err, "marker_not_found", "markers");
	return n == 1 ? BP_OK : err_set(&c->err, "ref_ambiguous", ref);
}

/* A segment's id from "ID" or "N1-N2" (the segment between two markers, either way). */
static enum bp_err segment_ref(struct ctx *c, const char *ref, char id[37])
{
	if (text_uuid_valid(ref)) {
		memcpy(id, ref, 37);
		return BP_OK;
	}
	const char *dash = strchr(ref, '-');
	if (!dash || dash == ref || !dash[1])
		return err_set(&c->err, "segment_ref_invalid", ref);
	char a[40], b[40];
	snprintf(a, sizeof(a), "%.*s", (int)(dash - ref) < 39 ? (int)(dash - ref) : 39, ref);
	snprintf(b, sizeof(b), "%.39s", dash + 1);
	json_t *rows = NULL;
	static const char *const cols[] = { "id", NULL };
	enum bp_err rc = db_query_json(c->db,
		"SELECT s.id FROM segments s JOIN markers f ON f.id = s.from_marker"
		" JOIN markers t ON t.id = s.to_marker"
		" WHERE (f.number = $1 AND t.number = $2) OR (f.number = $2 AND t.number = $1) ORDER BY s.id LIMIT 2",
		DB_ARGS(DB_S(a), DB_S(b)), cols, &rows, &c->err);
	if (rc)
		return rc;
	size_t n = json_array_size(rows);
	if (n == 1)
		snprintf(id, 37, "%s", json_string_value(json_object_get(json_array_get(rows, 0), "id")));
	json_decref(rows);
	if (n == 0)
		return err_set(&c->err, "segment_not_found", ref);
	return n == 1 ? BP_OK : err_set(&c->err, "ref_ambiguous", ref);
}

/* A km figure: "1.5" or "1,5", positive. */
static bool km_parse(const struct csv_reader *rd, const char *s, double *out)
{
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%s", s);
	for (char *p = tmp; *p; p++)
		if (*p == ',')
			*p = '.';
	char *end = NULL;
	double d = strtod(tmp, &end);
	(void)rd;
	if (!*tmp || *end || !(d > 0) || d > 100000)
		return false;
	*out = d;
	return true;
}

/* The next entry of a list cell (separated by ';' or white space) into out; false at the end. */
static bool next_entry(const char **p, char *out, size_t n)
{
	const char *s = *p;
	while (*s == ';' || isspace((unsigned char)*s))
		s++;
	if (!*s)
		return false;
	size_t k = 0;
	while (*s && *s != ';' && !isspace((unsigned char)*s)) {
		if (k + 1 < n)
			out[k++] = *s;
		s++;
	}
	out[k] = '\0';
	*p = s;
	return true;
}

/*
 * The "segments" array of a registration from the segments and km
 * cells: explicit parts first; the km cell is handed to the others in
 * order, each up to its length.
 */
static enum bp_err segments_input(struct ctx *c, const struct csv_reader *rd, const char *cells,
				  const char *km_cell, json_t **out)
{
	json_t *a = json_array();
	char entry[128];
	const char *p = cells ? cells : "";
	double km_total = 0, explicit_km = 0;
	bool has_total = false;
	enum bp_err rc = BP_OK;
	size_t count = 0;
	*out = NULL;
	if (km_cell && !(has_total = km_parse(rd, km_cell, &km_total)))
		rc = err_field(&c->err, "number_invalid", "km");
	while (!rc && next_entry(&p, entry, sizeof(entry))) {
		char id[37];
		double part = 0;
		char *colon = strrchr(entry, ':');
		if (++count > REF_MAX) {
			rc = err_field(&c->err, "field_too_long", "segments");
			break;
		}
		if (colon) {
			*colon = '\0';
			if (!km_parse(rd, colon + 1, &part)) {
				rc = err_field(&c->err, "number_invalid", "segments");
				break;
			}
			explicit_km += part;
		}
		if ((rc = segment_ref(c, entry, id)))
			break;
		json_array_append_new(a, colon ? json_pack("{s:s, s:f}", "id", id, "km", part) : json_pack("{s:s}", "id", id));
	}
	if (!rc && has_total && !json_array_size(a))
		rc = err_field(&c->err, "registration_km_no_segments", "km");
	if (!rc && has_total) {
		/* Hand out what the explicit parts leave, in order. */
		long long left = llround((km_total - explicit_km) * 1000.0);
		size_t i;
		json_t *s;
		json_array_foreach(a, i, s) {
			if (json_object_get(s, "km"))
				continue;
			double len = 0;
			struct db_rows *r = NULL;
			if (db_query_one(c->db, "SELECT length_km FROM segments WHERE id = $1",
					 DB_ARGS(DB_S(json_string_value(json_object_get(s, "id")))), &r, &c->err)) {
				err_clear(&c->err);
				continue; /* registration_put says it is not found */
			}
			len = db_real(r, 0);
			db_rows_free(r);
			long long len_m = llround(len * 1000.0), take = left < len_m ? left : len_m;
			if (take <= 0) {
				rc = err_set(&c->err, "registration_km_short", km_cell);
				snprintf(c->err.field, sizeof(c->err.field), "km");
				break;
			}
			json_object_set_new(s, "km", json_real((double)take / 1000.0));
			left -= take;
		}
		if (!rc && left != 0) {
			char d[64];
			snprintf(d, sizeof(d), "%.3f", km_total);
			rc = err_set(&c->err, left > 0 ? "registration_km_exceeds" : "registration_km_short", d);
			snprintf(c->err.field, sizeof(c->err.field), "km");
		}
	}
	if (rc)
		json_decref(a);
	else
		*out = a;
	return rc;
}

static enum bp_err markers_input(struct ctx *c, const char *cells, json_t **out)
{
	json_t *a = json_array();
	char entry[64];
	const char *p = cells ? cells : "";
	enum bp_err rc = BP_OK;
	*out = NULL;
	while (!rc && next_entry(&p, entry, sizeof(entry))) {
		char id[37];
		if (json_array_size(a) >= REF_MAX)
			rc = err_field(&c->err, "field_too_long", "markers");
		else if (!(rc = marker_ref(c, entry, id)))
			json_array_append_new(a, json_string(id));
	}
	if (rc)
		json_decref(a);
	else
		*out = a;
	return rc;
}

static void count_done(long *k, enum layer_done done)
{
	k[done == LAYER_CREATED ? 0 : done == LAYER_UPDATED ? 1 : 2]++;
}

/* One row: its household, then its registration if it has one. */
static enum bp_err import_row(struct import_run *run)
{
	struct ctx *c = run->c;
	char t[C_COUNT][512];
	char *v[C_COUNT];
	for (int k = 0; k < C_COUNT; k++)
		v[k] = cell(run, (enum col)k, t[k], sizeof(t[k]));
	json_t *in = json_object(), *out = NULL, *reg = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	char hid[37], rid[37], unit_id[37];
	enum bp_err rc = BP_OK;

	if (v[C_ID] && !text_uuid_valid(v[C_ID])) {
		rc = err_field(&c->err, "id_invalid", "id");
		goto out;
	}
	if (v[C_ID])
		snprintf(hid, sizeof(hid), "%s", v[C_ID]);
	else
		text_uuid_new(hid);
	json_set_str(in, "kind", v[C_KIND]);
	json_set_str(in, "name", v[C_NAME]);
	json_set_str(in, "phone", v[C_PHONE]);
	/* The village column: a unit of the tree, or the name of a village of "unit". */
	if (v[C_VILLAGE] && unit_resolve(c, v[C_VILLAGE], unit_id) == BP_OK) {
		json_set_str(in, "unit", v[C_VILLAGE]);
	} else {
		err_clear(&c->err);
		json_set_str(in, "unit", v[C_UNIT]);
		json_set_str(in, "village_name", v[C_VILLAGE]);
	}
	if (v[C_PEOPLE]) {
		char *end = NULL;
		long long n = strtoll(v[C_PEOPLE], &end, 10);
		if (*end || n < 0) {
			rc = err_field(&c->err, "number_invalid", "people");
			goto out;
		}
		json_object_set_new(in, "people", json_integer((json_int_t)n));
	}
	/* json_set_str stores a JSON null for an empty cell: the field is left out. */
	const char *key;
	json_t *x;
	void *tmp;
	json_object_foreach_safe(in, tmp, key, x)
		if (json_is_null(x))
			json_object_del(in, key);
	if ((rc = household_put(c, hid, in, LAYER_PUT, &out, &done)))
		goto out;
	count_done(run->hh, done);
	if (done == LAYER_CREATED &&
	    (rc = db_exec(c->db, "UPDATE households SET import_id = $1 WHERE id = $2",
			  DB_ARGS(DB_S(run->import_id), DB_S(hid)), NULL, &c->err)))
		goto out;

	bool has_reg = v[C_FROM] || v[C_TO] || v[C_POST] || v[C_KM] || v[C_SEGMENTS] || v[C_MARKERS] || v[C_RID];
	if (!has_reg)
		goto out;
	if (!v[C_FROM]) {
		rc = err_field(&c->err, "field_required", "from");
		goto out;
	}
	if (v[C_RID] && !text_uuid_valid(v[C_RID])) {
		rc = err_field(&c->err, "id_invalid", "registration_id");
		goto out;
	}
	if (v[C_RID])
		snprintf(rid, sizeof(rid), "%s", v[C_RID]);
	else
		text_uuid_new(rid);
	json_t *segs = NULL, *marks = NULL;
	if ((rc = segments_input(c, &run->rd, v[C_SEGMENTS], v[C_KM], &segs)))
		goto out;
	if ((rc = markers_input(c, v[C_MARKERS], &marks))) {
		json_decref(segs);
		goto out;
	}
	reg = json_pack("{s:s, s:o, s:o}", "household", hid, "segments", segs, "markers", marks);
	json_set_str(reg, "date_from", v[C_FROM]);
	if (v[C_TO])
		json_set_str(reg, "date_to", v[C_TO]);
	if (v[C_POST])
		json_set_str(reg, "post", v[C_POST]);
	json_decref(out);
	out = NULL;
	if ((rc = registration_put(c, rid, reg, LAYER_PUT, &out, &done)))
		goto out;
	count_done(run->reg, done);
	if (done == LAYER_CREATED)
		rc = db_exec(c->db, "UPDATE registrations SET import_id = $1 WHERE id = $2",
			     DB_ARGS(DB_S(run->import_id), DB_S(rid)), NULL, &c->err);
out:
	json_decref(in);
	json_decref(reg);
	json_decref(out);
	return rc;
}

/* The header: every column known, kind and name present, a place (village or unit). */
static bool import_header(struct import_run *run, json_t *problems)
{
	char **names = NULL;
	size_t n = 0;
	bool ok = csv_header(&run->rd, &names, &n, problems);
	run->ncols = n;
	long line = run->rd.record_line;
	for (int k = 0; k < C_COUNT; k++)
		run->idx[k] = -1;
	for (size_t i = 0; names && i < n; i++) {
		int k = 0;
		while (household_csv_columns[k] && strcmp(household_csv_columns[k], names[i]))
			k++;
		if (!household_csv_columns[k]) {
			report_field(problems, line, "csv_column_unknown", names[i]);
			ok = false;
		} else {
			run->idx[k] = (int)i;
		}
	}
	csv_names_free(names, n);
	if (ok) {
		static const enum col required[] = { C_KIND, C_NAME };
		for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
			if (run->idx[required[i]] < 0) {
				report_field(problems, line, "csv_column_missing", household_csv_columns[required[i]]);
				ok = false;
			}
		if (run->idx[C_VILLAGE] < 0 && run->idx[C_UNIT] < 0) {
			report_field(problems, line, "csv_column_missing", "village, unit");
			ok = false;
		}
	}
	return ok;
}

/* The imports row; the same file again is import_duplicate, naming when it came. */
static enum bp_err import_record(struct import_run *run, const char *sha, const char *file_name)
{
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	text_uuid_new(run->import_id);
	enum bp_err rc = imports_check(run->c, "households", sha);
	if (!rc)
		rc = imports_record(run->c, run->import_id, "households", sha, file_name, 0, now);
	return rc;
}

enum bp_err household_import(struct ctx *c, const char *data, size_t len, const char *file_name,
			     json_t **summary, json_t **problems)
{
	struct import_run run = { .c = c };
	char sha[65];
	long rows = 0;
	bool began = false, opened = false;
	*summary = NULL;
	*problems = json_array();
	enum bp_err rc = access_require_role(c, ROLE_EDITOR);
	if (rc)
		return rc;
	if (file_name && !text_utf8_valid(file_name, strlen(file_name)))
		file_name = NULL;
	if ((rc = csv_open(&run.rd, data, len, &c->err)))
		goto out;
	opened = true;
	imports_sha256(data, len, sha);
	if ((rc = db_begin(c->db, &c->err)))
		goto out;
	began = true;
	if ((rc = import_record(&run, sha, file_name)))
		goto out;
	if (!import_header(&run, *problems))
		goto rejected;
	for (;;) {
		enum csv_status st = csv_next(&run.rd);
		struct bp_error pe;
		if (st == CSV_END)
			break;
		if (csv_status_error(st, &pe)) {
			report_add(*problems, run.rd.record_line, &pe);
			continue;
		}
		if (csv_columns_wrong(&run.rd, run.ncols, *problems))
			continue;
		rows++;
		rc = import_row(&run);
		if (rc == BP_EINTERNAL || rc == BP_EUNAVAILABLE)
			goto out; /* the database failed: the import cannot go on */
		if (rc) {
			report_add(*problems, run.rd.record_line, &c->err);
			err_clear(&c->err);
			rc = BP_OK;
		}
	}
	if (!rows && !json_array_size(*problems))
		report_problem(*problems, run.rd.line, "file_empty", " (CSV)");
rejected:
	if (json_array_size(*problems)) {
		char n[24];
		snprintf(n, sizeof(n), "%zu", json_array_size(*problems));
		rc = err_set(&c->err, "import_rejected", n);
		goto out;
	}
	rc = db_exec(c->db, "UPDATE imports SET records = $2 WHERE id = $1",
		     DB_ARGS(DB_S(run.import_id), DB_I(rows)), NULL, &c->err);
out:
	if (began)
		rc = db_end(c->db, rc, &c->err);
	if (opened)
		csv_close(&run.rd);
	if (!rc)
		*summary = json_pack("{s:s, s:s, s:I, s:{s:I, s:I, s:I}, s:{s:I, s:I, s:I}}", "kind", "households",
			"import_id", run.import_id, "rows", (json_int_t)rows,
			"households", "created", (json_int_t)run.hh[0], "updated", (json_int_t)run.hh[1],
			"unchanged", (json_int_t)run.hh[2],
			"registrations", "created", (json_int_t)run.reg[0], "updated", (json_int_t)run.reg[1],
			"unchanged", (json_int_t)run.reg[2]);
	return rc;
}

/* ---- export ---- */

struct export_run {
	struct ctx *c;
	struct buf line;
	geo_sink_fn sink;
	void *arg;
	long rows;
};

static void add_cell(struct export_run *x, bool first, const char *s)
{
	if (!first)
		buf_addc(&x->line, ',');
	if (s)
		csv_write_cell(&x->line, s);
}

/* A marker as the export names it: its number, or its id when the number is on two borders. */
static enum bp_err marker_name(struct ctx *c, const char *id, const char *number, struct buf *b)
{
	long long n = 0;
	enum bp_err rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM markers WHERE number = $1", DB_ARGS(DB_S(number)),
				       &n, &c->err);
	if (!rc)
		buf_adds(b, n == 1 ? number : id);
	return rc;
}

static enum bp_err export_row(struct export_run *x, json_t *h, json_t *reg)
{
	struct ctx *c = x->c;
	json_t *unit = json_object_get(h, "unit");
	bool village = !strcmp(json_string_value(json_object_get(unit, "kind")), "village");
	char people[24], km[40];
	struct buf segs, marks;
	enum bp_err rc = BP_OK;
	buf_init(&segs, (size_t)-1);
	buf_init(&marks, (size_t)-1);
	snprintf(people, sizeof(people), "%lld", (long long)json_integer_value(json_object_get(h, "people")));
	buf_reset(&x->line);
	add_cell(x, true, json_string_value(json_object_get(h, "id")));
	add_cell(x, false, reg ? json_string_value(json_object_get(reg, "id")) : NULL);
	add_cell(x, false, json_string_value(json_object_get(h, "kind")));
	add_cell(x, false, json_string_value(json_object_get(h, "name")));
	add_cell(x, false, village ? json_string_value(json_object_get(unit, "code"))
				   : json_string_value(json_object_get(h, "village_name")));
	add_cell(x, false, village ? NULL : json_string_value(json_object_get(unit, "code")));
	add_cell(x, false, json_string_value(json_object_get(h, "phone")));
	add_cell(x, false, people);
	if (reg) {
		size_t i;
		json_t *s;
		json_array_foreach(json_object_get(reg, "segments"), i, s) {
			const char *from = json_string_value(json_object_get(s, "from"));
			const char *to = json_string_value(json_object_get(s, "to"));
			double part = json_number_value(json_object_get(s, "km"));
			double len = json_number_value(json_object_get(s, "length_km"));
			if (i)
				buf_addc(&segs, ';');
			/* By its markers' numbers when those name it alone. */
			long long n = 0;
			if (from && to)
				rc = db_scalar_int(c->db,
					"SELECT COUNT(*) FROM segments s JOIN markers f ON f.id = s.from_marker"
					" JOIN markers t ON t.id = s.to_marker WHERE (f.number = $1 AND t.number = $2)"
					" OR (f.number = $2 AND t.number = $1)", DB_ARGS(DB_S(from), DB_S(to)), &n, &c->err);
			if (rc)
				break;
			if (n == 1)
				buf_addf(&segs, "%s-%s", from, to);
			else
				buf_adds(&segs, json_string_value(json_object_get(s, "id")));
			if (llround(part * 1000.0) != llround(len * 1000.0))
				buf_addf(&segs, ":%.3f", part);
		}
		json_array_foreach(json_object_get(reg, "markers"), i, s) {
			if (rc)
				break;
			if (i)
				buf_addc(&marks, ';');
			rc = marker_name(c, json_string_value(json_object_get(s, "id")),
					 json_string_value(json_object_get(s, "number")), &marks);
		}
		snprintf(km, sizeof(km), "%.3f", json_number_value(json_object_get(reg, "km")));
		add_cell(x, false, json_string_value(json_object_get(json_object_get(reg, "post"), "code")));
		add_cell(x, false, json_string_value(json_object_get(reg, "date_from")));
		add_cell(x, false, json_string_value(json_object_get(reg, "date_to")));
		add_cell(x, false, json_array_size(json_object_get(reg, "segments")) ? km : NULL);
		add_cell(x, false, segs.data);
		add_cell(x, false, marks.data);
	} else {
		for (int k = C_POST; k < C_COUNT; k++)
			add_cell(x, false, NULL);
	}
	buf_adds(&x->line, "\r\n");
	buf_release(&segs);
	buf_release(&marks);
	if (!rc && x->sink(x->arg, x->line.data, x->line.len))
		rc = err_set(&c->err, "internal", " (the output was closed)");
	if (!rc)
		x->rows++;
	return rc;
}

enum bp_err household_export(struct ctx *c, const struct people_filter *f, geo_sink_fn sink, void *arg,
			     long *count)
{
	struct export_run x = { .c = c, .sink = sink, .arg = arg };
	const char *cursor = NULL;
	char next[37] = "";
	enum bp_err rc = BP_OK;
	buf_init(&x.line, (size_t)-1);
	for (int k = 0; household_csv_columns[k]; k++)
		add_cell(&x, !k, household_csv_columns[k]);
	buf_adds(&x.line, "\r\n");
	if (sink(arg, x.line.data, x.line.len))
		rc = err_set(&c->err, "internal", " (the output was closed)");
	/* Page by page through the list, so the filters and scope are the list's. */
	while (!rc) {
		json_t *page = NULL;
		if ((rc = household_list(c, f, LAYER_LIST_MAX, cursor, &page)))
			break;
		size_t i;
		json_t *h;
		json_array_foreach(json_object_get(page, "items"), i, h) {
			json_t *regs = NULL;
			if ((rc = registration_list_of(c, json_string_value(json_object_get(h, "id")), &regs)))
				break;
			if (!json_array_size(regs))
				rc = export_row(&x, h, NULL);
			size_t k;
			json_t *reg;
			json_array_foreach(regs, k, reg)
				if (rc || (rc = export_row(&x, h, reg)))
					break;
			json_decref(regs);
			if (rc)
				break;
		}
		json_t *nc = json_object_get(page, "next_cursor");
		bool more = json_is_string(nc);
		if (more) {
			snprintf(next, sizeof(next), "%s", json_string_value(nc));
			cursor = next;
		}
		json_decref(page);
		if (!more)
			break;
	}
	buf_release(&x.line);
	if (count)
		*count = x.rows;
	return rc;
}
