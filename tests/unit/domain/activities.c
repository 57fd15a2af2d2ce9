/*
 * Tests src/domain/activities.c and activity_*.c: writes checked against
 * the type, client ids, scope, the unit's dates, retired catalog entries,
 * the CSV import all or nothing (and its duplicate refusal), the export
 * that imports back with its formula guard, and the totals over a unit
 * with the units merged into it. Runs on both engines (helpers.h).
 */
#include "helpers.h"
#include "domain/activities.h"
#include "domain/activity_files.h"
#include "domain/catalog.h"
#include "domain/demo.h"
#include "domain/report_rollup.h"
#include "domain/units.h"
#include "util/buf.h"

#define A1 "a1111111-1111-4111-8111-111111111111"

static int setup(void **state)
{
	struct ctx *c = test_ctx_new();
	json_t *logins = NULL;
	snprintf(c->today, sizeof(c->today), "2026-01-15");
	if (demo_build(c, &logins) || catalog_seed(c, NULL))
		fail_msg("setup: %s %s", c->err.code, c->err.message_en);
	json_decref(logins);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	test_ctx_free(*state);
	return 0;
}

static json_t *outreach(const char *unit, const char *date)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:i, s:i}}", "type", "tuyen_truyen", "unit", unit,
			 "date_from", date, "title", "Tuyên truyền Luật Biên phòng", "values", "buoi", 1,
			 "luot_nguoi", 120);
}

/* Runs a write; the error code ("" for none) and, when asked, its field. Consumes in. */
static const char *put(struct ctx *c, const char *id, json_t *in, enum layer_write mode, enum layer_done *done)
{
	static char code[112];
	json_t *out = NULL;
	enum layer_done d;
	enum bp_err rc = activity_put(c, id, in, mode, &out, done ? done : &d);
	snprintf(code, sizeof(code), "%s%s%s", rc ? c->err.code : "", rc && c->err.field[0] ? ":" : "",
		 rc ? c->err.field : "");
	json_decref(in);
	json_decref(out);
	return code;
}

static json_t *with(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
	return o;
}

static void test_validation(void **state)
{
	struct ctx *c = *state;
	enum layer_done done;
	assert_string_equal(put(c, A1, outreach("LB-MAUSON", "2023-03-03"), LAYER_PUT, &done), "");
	assert_int_equal(done, LAYER_CREATED);
	assert_string_equal(put(c, A1, outreach("LB-MAUSON", "2023-03-03"), LAYER_PUT, &done), "");
	assert_int_equal(done, LAYER_UNCHANGED);
	/* POST with the same id and other content is a clash, not an update */
	json_t *in = with(outreach("LB-MAUSON", "2023-03-03"), "id", json_string(A1));
	json_object_set_new(in, "title", json_string("Khác"));
	assert_string_equal(put(c, NULL, in, LAYER_CREATE, NULL), "id_conflict");

	json_t *v = outreach("LB-MAUSON", "2023-03-03");
	json_object_set_new(json_object_get(v, "values"), "km", json_integer(3));
	assert_string_equal(put(c, NULL, v, LAYER_CREATE, NULL), "indicator_not_in_type:km");
	v = outreach("LB-MAUSON", "2023-03-03");
	json_object_del(json_object_get(v, "values"), "luot_nguoi");
	assert_string_equal(put(c, NULL, v, LAYER_CREATE, NULL), "indicator_required:luot_nguoi");
	v = outreach("LB-MAUSON", "2023-03-03");
	json_object_set_new(json_object_get(v, "values"), "buoi", json_integer(-1));
	assert_string_equal(put(c, NULL, v, LAYER_CREATE, NULL), "value_negative:buoi");
	v = outreach("LB-MAUSON", "2023-03-03");
	json_object_set_new(json_object_get(v, "values"), "luot_nguoi", json_real(12.5));
	assert_string_equal(put(c, NULL, v, LAYER_CREATE, NULL), "value_not_integer:luot_nguoi");
	v = outreach("LB-MAUSON", "2023-03-03");
	json_object_set_new(json_object_get(v, "values"), "nope", json_integer(1));
	assert_string_equal(put(c, NULL, v, LAYER_CREATE, NULL), "indicator_unknown:nope");
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-03"), "date_to", json_string("2023-03-02")),
				LAYER_CREATE, NULL), "activity_dates:date_to");
	assert_string_equal(put(c, NULL, outreach("LB-MAUSON", "03/03/2023"), LAYER_CREATE, NULL), "date_invalid:date_from");
	assert_string_equal(put(c, NULL, outreach("LB-MAUSON", "2023-02-30"), LAYER_CREATE, NULL), "date_invalid:date_from");
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-03"), "type", json_string("bong_da")),
				LAYER_CREATE, NULL), "activity_type_unknown:type");
	assert_string_equal(put(c, NULL, outreach("NOPE", "2023-03-03"), LAYER_CREATE, NULL), "unit_not_found:unit");
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-03"), "marker",
					      json_string("b1111111-1111-4111-8111-111111111111")), LAYER_CREATE, NULL),
			    "activity_marker_unknown:marker");
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-03"), "lon", json_real(106.8)),
				LAYER_CREATE, NULL), "activity_place:lat");
	v = with(outreach("LB-MAUSON", "2023-03-03"), "lon", json_real(2.35));
	assert_string_equal(put(c, NULL, with(v, "lat", json_real(48.85)), LAYER_CREATE, NULL),
			    "coord_outside_region:lon, lat");
	/* The Mẫu Sơn of 2023 is LB-MAUSON: MAUSON was made by the 2025 merger. */
	assert_string_equal(put(c, NULL, outreach("MAUSON", "2023-03-03"), LAYER_CREATE, NULL), "unit_not_valid_at:unit");
	assert_string_equal(put(c, NULL, outreach("MAUSON", "2025-08-03"), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-03"), "organisers",
					      json_pack("[s]", "NOPE")), LAYER_CREATE, NULL), "unit_not_found:organisers");

	/* PATCH changes what it says; the values object is replaced whole. */
	assert_string_equal(put(c, A1, json_pack("{s:{s:i, s:i}}", "values", "buoi", 2, "luot_nguoi", 300),
				LAYER_PATCH, &done), "");
	assert_int_equal(done, LAYER_UPDATED);
	json_t *got = NULL;
	assert_int_equal(activity_get(c, A1, &got), BP_OK);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(got, "values"), "luot_nguoi")), 300);
	assert_string_equal(jstr(json_object_get(got, "unit"), "code"), "LB-MAUSON");
	json_decref(got);
}

static void test_scope_and_retired(void **state)
{
	struct ctx *c = *state;
	char kc[37], ms[37];
	assert_int_equal(unit_resolve(c, "KHANGCHIEN", kc), BP_OK);
	assert_int_equal(unit_resolve(c, "MAUSON", ms), BP_OK);
	assert_string_equal(put(c, A1, outreach("TD-DAOVIEN", "2023-03-03"), LAYER_PUT, NULL), "");
	/* A Mẫu Sơn editor: Kháng Chiến's activity is not to be seen nor written. */
	test_act_as(c, ms, ROLE_EDITOR);
	json_t *got = NULL;
	assert_int_equal(activity_get(c, A1, &got), BP_EFORBIDDEN);
	assert_string_equal(put(c, A1, outreach("LB-MAUSON", "2023-03-03"), LAYER_PUT, NULL), "out_of_scope");
	assert_string_equal(put(c, NULL, outreach("TD-DAOVIEN", "2023-03-04"), LAYER_CREATE, NULL), "out_of_scope");
	assert_int_equal(activity_delete(c, A1), BP_EFORBIDDEN);
	/* Its post (Ba Sơn) may organise; another post may not be named. */
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-04"), "organisers",
					      json_pack("[s]", "DBP-BASON")), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, with(outreach("LB-MAUSON", "2023-03-04"), "organisers",
					      json_pack("[s]", "DBP-BINHNGHI")), LAYER_CREATE, NULL), "out_of_scope:organisers");
	test_act_as(c, kc, ROLE_VIEWER);
	assert_int_equal(activity_get(c, A1, &got), BP_OK);
	json_decref(got);
	assert_string_equal(put(c, NULL, outreach("TD-DAOVIEN", "2023-03-04"), LAYER_CREATE, NULL), "role_insufficient");
	test_act_system(c);

	/* Retired: no new activity of the type, the old one still reads and updates. */
	json_t *out = NULL;
	json_t *retire = json_pack("{s:b}", "retired", 1);
	assert_int_equal(catalog_type_patch(c, "tuyen_truyen", retire, &out), BP_OK);
	json_decref(out);
	assert_string_equal(put(c, NULL, outreach("TD-DAOVIEN", "2023-05-01"), LAYER_CREATE, NULL),
			    "activity_type_retired:type");
	assert_string_equal(put(c, A1, with(outreach("TD-DAOVIEN", "2023-03-03"), "title", json_string("Sửa")),
				LAYER_PUT, NULL), "");
	assert_int_equal(catalog_indicator_patch(c, "luot_nguoi", retire, &out), BP_OK);
	json_decref(out);
	json_decref(retire);
	/* Its kept value stays; a changed one is refused. */
	assert_string_equal(put(c, A1, with(outreach("TD-DAOVIEN", "2023-03-03"), "title", json_string("Sửa 2")),
				LAYER_PUT, NULL), "");
	json_t *v = outreach("TD-DAOVIEN", "2023-03-03");
	json_object_set_new(json_object_get(v, "values"), "luot_nguoi", json_integer(121));
	assert_string_equal(put(c, A1, v, LAYER_PUT, NULL), "indicator_retired:luot_nguoi");
	assert_int_equal(activity_get(c, A1, &got), BP_OK);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(got, "values"), "luot_nguoi")), 120);
	json_decref(got);
	assert_int_equal(activity_delete(c, A1), BP_OK);
	assert_int_equal(activity_get(c, A1, &got), BP_ENOTFOUND);
}

static int sink_buf(void *arg, const char *data, size_t len)
{
	return buf_add(arg, data, len);
}

static const char *import(struct ctx *c, const char *csv, json_t **problems)
{
	static char code[48];
	json_t *summary = NULL;
	enum bp_err rc = activity_import(c, csv, strlen(csv), "t.csv", NULL, &summary, problems);
	snprintf(code, sizeof(code), "%s", rc ? c->err.code : "");
	json_decref(summary);
	return code;
}

static void test_import_export(void **state)
{
	struct ctx *c = *state;
	json_t *p = NULL;
	const char *good =
		"id,type,unit,date_from,date_to,title,buoi,luot_nguoi,to_roi\n"
		"# a comment row, as the templates have,,,,,,,,\n"
		"c1111111-1111-4111-8111-111111111111,tuyen_truyen,LB-MAUSON,2023-03-03,,\"=HYPERLINK(\"\"http://x\"\")\",1,120,\n"
		",phat_tai_lieu,DBP-BASON,2023-04-01,2023-04-02,\"Phát tờ rơi, tài liệu\",,,500\n";
	assert_string_equal(import(c, good, &p), "");
	assert_int_equal(json_array_size(p), 0);
	json_decref(p);
	assert_string_equal(import(c, good, &p), "import_duplicate");
	json_decref(p);
	/* The import wrote without SQLite's check at each row (db/bulk.h); the
	 * connection checks foreign keys again after it, on both engines. */
	assert_int_equal(db_exec(c->db, "INSERT INTO activity_units (activity_id, unit_id, role)"
				 " VALUES ('none', 'none', 'organiser')", DB_NOARGS, NULL, &c->err), BP_EINVAL);
	assert_string_equal(c->err.code, "invalid_input");
	long long n = 0;
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 2);

	/* Every bad line is reported, and nothing is stored. */
	const char *bad =
		"type,unit,date_from,title,buoi,luot_nguoi,km\n"
		"tuyen_truyen,LB-MAUSON,2023-03-05,A,1,14.000,\n"
		"tuyen_truyen,LB-MAUSON,2023-03-05,B,1,,\n"
		"tuyen_truyen,LB-MAUSON,2023-03-05,C,1,5,2\n"
		"tuyen_truyen,MAUSON,2023-03-05,D,1,5,\n"
		"tuyen_truyen,LB-MAUSON,05/03/2023,E,1,5,\n"
		"tuyen_truyen,LB-MAUSON,2023-03-05,F,1,5,\n";
	assert_string_equal(import(c, bad, &p), "import_rejected");
	static const char *const want[][2] = { { "2", "value_ambiguous" }, { "3", "indicator_required" },
		{ "4", "indicator_not_in_type" }, { "5", "unit_not_valid_at" }, { "6", "date_invalid" } };
	assert_int_equal(json_array_size(p), 5);
	for (size_t i = 0; i < 5; i++) {
		json_t *x = json_array_get(p, i);
		assert_int_equal(json_integer_value(json_object_get(x, "where")), atoi(want[i][0]));
		assert_string_equal(jstr(x, "code"), want[i][1]);
	}
	json_decref(p);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 2);
	const char *cp1258 = "type,unit,date_from,title,buoi,luot_nguoi\ntuyen_truyen,LB-MAUSON,2023-03-05,Tuye\xf2n truy\xea" "n,1,5\n";
	assert_string_equal(import(c, cp1258, &p), "csv_encoding");
	json_decref(p);
	assert_string_equal(import(c, "type,unit,date_from,title,bong\n", &p), "import_rejected");
	assert_string_equal(jstr(json_array_get(p, 0), "code"), "csv_column_unknown");
	json_decref(p);

	/* The export: guarded, and it imports back (as an update: nothing doubles). */
	struct activity_filter f = { 0 };
	struct buf out;
	long count = 0;
	buf_init(&out, 1 << 20);
	assert_int_equal(activity_export_csv(c, &f, sink_buf, &out, &count), BP_OK);
	assert_int_equal(count, 2);
	assert_non_null(strstr(out.data, "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_non_null(strstr(out.data, "id,type,unit,date_from,date_to,title,notes,lon,lat,marker,"));
	buf_addc(&out, '\n'); /* other bytes: not a duplicate file */
	assert_string_equal(import(c, out.data, &p), "");
	json_decref(p);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, 2);
	json_t *got = NULL;
	assert_int_equal(activity_get(c, "c1111111-1111-4111-8111-111111111111", &got), BP_OK);
	assert_string_equal(jstr(got, "title"), "=HYPERLINK(\"http://x\")");
	json_decref(got);
	buf_release(&out);
}

static void test_totals(void **state)
{
	struct ctx *c = *state;
	/* Before the merger under the old communes, after it under the new one. */
	assert_string_equal(put(c, NULL, outreach("LB-MAUSON", "2023-03-03"), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, outreach("LB-TUMICH", "2023-06-03"), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, outreach("DBP-BASON", "2023-12-31"), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, outreach("TD-DAOVIEN", "2023-07-03"), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, outreach("LB-MAUSON", "2024-01-01"), LAYER_CREATE, NULL), "");
	assert_string_equal(put(c, NULL, outreach("MAUSON", "2025-09-01"), LAYER_CREATE, NULL), "");
	json_t *t = NULL;
	assert_int_equal(activity_totals(c, "LS", "2023-01-01", "2023-12-31", &t), BP_OK);
	json_t *tt = json_array_get(json_object_get(t, "types"), 0);
	assert_string_equal(jstr(tt, "code"), "tuyen_truyen");
	assert_int_equal(json_integer_value(json_object_get(tt, "activities")), 4);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(tt, "values"), "luot_nguoi")), 480);
	json_decref(t);
	/* MAUSON's history includes the three communes merged into it. */
	assert_int_equal(activity_totals(c, "MAUSON", "2023-01-01", "2025-12-31", &t), BP_OK);
	tt = json_array_get(json_object_get(t, "types"), 0);
	assert_int_equal(json_integer_value(json_object_get(tt, "activities")), 4);
	json_decref(t);
	assert_int_equal(activity_totals(c, "KHANGCHIEN", "2023-01-01", "2023-12-31", &t), BP_OK);
	tt = json_array_get(json_object_get(t, "types"), 0);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(tt, "values"), "buoi")), 1);
	json_decref(t);
	assert_int_equal(activity_totals(c, "LS", "2023-12-31", "2023-01-01", &t), BP_EINVAL);
	assert_int_equal(activity_totals(c, "LS", NULL, "2023-01-01", &t), BP_EINVAL);

	/* The list: the unit's subtree, the period, text. */
	struct activity_filter f = { .unit = "MAUSON", .from = "2023-01-01", .to = "2023-12-31" };
	json_t *l = NULL;
	assert_int_equal(activity_list(c, &f, 1, NULL, &l), BP_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 1);
	assert_string_equal(jstr(json_array_get(json_object_get(l, "items"), 0), "date_from"), "2023-06-03");
	char cursor[80];
	snprintf(cursor, sizeof(cursor), "%s", jstr(l, "next_cursor"));
	json_decref(l);
	assert_int_equal(activity_list(c, &f, 10, cursor, &l), BP_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 1);
	assert_true(json_is_null(json_object_get(l, "next_cursor")));
	json_decref(l);
	f = (struct activity_filter){ .q = "LUẬT BIÊN", .category = "outreach" };
	assert_int_equal(activity_list(c, &f, 100, NULL, &l), BP_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 6);
	json_decref(l);
	f = (struct activity_filter){ .q = "50%" };
	assert_int_equal(activity_list(c, &f, 100, NULL, &l), BP_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 0);
	json_decref(l);
	assert_int_equal(activity_list(c, &f, 100, "nonsense", &l), BP_EINVAL);
}

/* The rows of report_flows, one line each, in order. */
static char *flows_text(struct ctx *c)
{
	struct db_rows *r = NULL;
	struct buf b;
	buf_init(&b, 64 << 20);
	assert_int_equal(db_query(c->db, "SELECT unit_id, period, type_code, indicator_code, total FROM report_flows"
				  " WHERE total <> 0 ORDER BY 1, 2, 3, 4", DB_NOARGS, &r, &c->err), BP_OK);
	while (db_next(r, &c->err) > 0)
		buf_addf(&b, "%s %s %s %s %lld\n", db_text(r, 0), db_text(r, 1), db_text(r, 2), db_text(r, 3),
			 db_int(r, 4));
	db_rows_free(r);
	return buf_detach(&b, NULL);
}

/*
 * A file of several chunks (the reader hands CHUNK_RECORDS at a time to
 * the writer, activity_import.c): one id on two lines of a chunk, the
 * later line with the earlier date, and one id in two chunks; the later
 * line stays each time, and the reports' sums are what a rebuild makes.
 * A bad file: problems found by the reader and by the writer, in the
 * order of their lines, the first after two chunks were written, and
 * nothing stored; the same bytes again stop at once.
 */
#define CHUNKED_ROWS 36000
#define X "d1111111-1111-4111-8111-111111111111"
#define Y "d2222222-2222-4222-8222-222222222222"

static void test_import_chunks(void **state)
{
	struct ctx *c = *state;
	struct buf csv;
	long long before = 0, n = 0, want_luot = 0, values_before = 0, values = 0;
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &before, &c->err), BP_OK);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activity_values", DB_NOARGS, &values_before,
				       &c->err), BP_OK);
	buf_init(&csv, 64 << 20);
	buf_adds(&csv, "id,type,unit,date_from,title,buoi,luot_nguoi\n");
	for (int i = 0; i < CHUNKED_ROWS; i++) {
		const char *id = i == 5 || i == 8 ? X : i == 100 || i == 30000 ? Y : "";
		int luot = i % 50 + 1, month = i % 12 + 1, day = i % 28 + 1;
		if (i == 8 || i == 30000)
			month = 1;
		if (i != 5 && i != 100)
			want_luot += luot;
		buf_addf(&csv, "%s,tuyen_truyen,LB-MAUSON,2023-%02d-%02d,T%d,1,%d\n", id, month, day, i, luot);
	}
	json_t *p = NULL, *summary = NULL;
	assert_int_equal(activity_import(c, csv.data, csv.len, "big.csv", NULL, &summary, &p), BP_OK);
	assert_int_equal(json_array_size(p), 0);
	assert_int_equal(json_integer_value(json_object_get(summary, "created")), CHUNKED_ROWS - 2);
	assert_int_equal(json_integer_value(json_object_get(summary, "updated")), 2);
	json_decref(summary);
	json_decref(p);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, before + CHUNKED_ROWS - 2);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activity_values", DB_NOARGS, &values, &c->err),
			 BP_OK);
	assert_int_equal(values, values_before + 2 * (CHUNKED_ROWS - 2));
	if (!strcmp(db_engine(c->db), "postgresql")) {
		/* The import renewed PostgreSQL's statistics of the table. */
		long long est = 0;
		assert_int_equal(db_scalar_int(c->db, "SELECT CAST(reltuples AS BIGINT) FROM pg_class"
					       " WHERE relname = 'activities'", DB_NOARGS, &est, &c->err), BP_OK);
		assert_true(est > (before + CHUNKED_ROWS) / 2);
	}
	json_t *got = NULL;
	assert_int_equal(activity_get(c, X, &got), BP_OK);
	assert_string_equal(jstr(got, "title"), "T8");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(got, "values"), "luot_nguoi")), 9);
	json_decref(got);
	assert_int_equal(activity_get(c, Y, &got), BP_OK);
	assert_string_equal(jstr(got, "title"), "T30000");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(got, "values"), "luot_nguoi")), 1);
	json_decref(got);
	json_t *t = NULL;
	assert_int_equal(activity_totals(c, "LB-MAUSON", "2023-01-01", "2023-12-31", &t), BP_OK);
	json_t *tt = json_array_get(json_object_get(t, "types"), 0);
	assert_int_equal(json_integer_value(json_object_get(tt, "activities")), CHUNKED_ROWS - 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(tt, "values"), "luot_nguoi")), want_luot);
	json_decref(t);
	char *flows = flows_text(c);
	assert_int_equal(report_rebuild(c), BP_OK);
	char *rebuilt = flows_text(c);
	assert_string_equal(flows, rebuilt);
	free(flows);
	free(rebuilt);

	/* Bad: line 20002 (reader: the date), 30002 (writer: a required value
	 * missing), 34002 (reader: the date); rows around them good. */
	char *good = buf_detach(&csv, NULL);
	buf_adds(&csv, "type,unit,date_from,title,buoi,luot_nguoi\n");
	for (int i = 0; i < CHUNKED_ROWS; i++)
		buf_addf(&csv, "tuyen_truyen,LB-MAUSON,%s,B%d,1,%s\n",
			 i == 20000 || i == 34000 ? "03/05/2023" : "2023-03-05", i, i == 30000 ? "" : "7");
	assert_string_equal(import(c, csv.data, &p), "import_rejected");
	static const struct { int line; const char *code; } want[] = {
		{ 20002, "date_invalid" }, { 30002, "indicator_required" }, { 34002, "date_invalid" } };
	assert_int_equal(json_array_size(p), 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(json_integer_value(json_object_get(json_array_get(p, i), "where")), want[i].line);
		assert_string_equal(jstr(json_array_get(p, i), "code"), want[i].code);
	}
	json_decref(p);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, before + CHUNKED_ROWS - 2);

	/* The first file again: refused by the writer while the reader reads. */
	assert_string_equal(import(c, good, &p), "import_duplicate");
	json_decref(p);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, before + CHUNKED_ROWS - 2);

	/* A line in Windows-1258 past the first 4 MB of the file, found by the
	 * reader (the file is checked as it is read, a block ahead) after a
	 * chunk was written and after a bad date: the file is refused as not
	 * UTF-8, naming the line, with nothing stored and no line's problem.
	 * 20,000 short rows (more than a chunk), then rows with long notes. */
	buf_reset(&csv);
	buf_adds(&csv, "type,unit,date_from,title,notes,buoi,luot_nguoi\n");
	char notes[2001];
	memset(notes, 'x', sizeof(notes) - 1);
	notes[sizeof(notes) - 1] = '\0';
	for (int i = 0; i < 22000; i++) {
		if (i == 21900)
			assert_true(csv.len > (4u << 20) + 4096); /* the bad line: past the first block */
		buf_addf(&csv, "tuyen_truyen,LB-MAUSON,%s,C%d,%s,1,7\n", i == 100 ? "2023-13-01" : "2023-03-05", i,
			 i == 21900 ? "Tuy\xEA\xCCn truy\xEA\xCCn" : i < 20000 ? "" : notes);
	}
	assert_string_equal(import(c, csv.data, &p), "csv_encoding");
	assert_non_null(strstr(c->err.message_en, "line 21902: Windows-1258?"));
	assert_int_equal(json_array_size(p), 0);
	json_decref(p);
	assert_int_equal(db_scalar_int(c->db, "SELECT COUNT(*) FROM activities", DB_NOARGS, &n, &c->err), BP_OK);
	assert_int_equal(n, before + CHUNKED_ROWS - 2);
	free(good);
	buf_release(&csv);
}

/*
 * Values as activities.vals keeps them: a negative decimal (an indicator
 * that allows it), a large amount of money and zero read back exactly,
 * through the activity and the totals, and after a replace.
 */
static void test_values_round_trip(void **state)
{
	struct ctx *c = *state;
	json_t *out = NULL;
	bool created = false;
	json_t *ind = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "code", "chenh_lech", "name_vi", "Chênh lệch",
				"name_en", "Difference", "unit_vi", "km", "unit_en", "km", "value_type", "decimal",
				"aggregation", "flow", "allow_negative", 1);
	assert_int_equal(catalog_indicator_create(c, ind, &out, &created), BP_OK);
	json_decref(ind);
	json_decref(out);
	json_t *type = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:b}, {s:s, s:b}, {s:s, s:b}]}", "code", "do_dac",
				 "name_vi", "Đo đạc", "name_en", "Survey", "category", "infrastructure", "indicators",
				 "code", "chenh_lech", "required", 1, "code", "kinh_phi", "required", 0,
				 "code", "lan", "required", 0);
	assert_int_equal(catalog_type_create(c, type, &out, &created), BP_OK);
	json_decref(type);
	json_decref(out);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:{s:f, s:I, s:i}}", "type", "do_dac", "unit", "LB-MAUSON",
			       "date_from", "2023-06-01", "title", "Đo lại đường tuần tra", "values", "chenh_lech", -2.5,
			       "kinh_phi", (json_int_t)9007199254740993LL, "lan", 0);
	static const char *id = "e3333333-3333-4333-8333-333333333333";
	assert_string_equal(put(c, id, in, LAYER_PUT, NULL), "");
	json_t *got = NULL;
	assert_int_equal(activity_get(c, id, &got), BP_OK);
	json_t *v = json_object_get(got, "values");
	assert_true(json_number_value(json_object_get(v, "chenh_lech")) == -2.5);
	assert_int_equal(json_integer_value(json_object_get(v, "kinh_phi")), 9007199254740993LL);
	assert_int_equal(json_integer_value(json_object_get(v, "lan")), 0);
	assert_int_equal(json_object_size(v), 3);
	json_decref(got);
	long long sum = 0;
	assert_int_equal(db_scalar_int(c->db, "SELECT SUM(value_milli) FROM activity_values WHERE indicator_code = 'chenh_lech'",
				       DB_NOARGS, &sum, &c->err), BP_OK);
	assert_int_equal(sum, -2500);
	/* Replaced: the old values go, the new ones stay. */
	in = json_pack("{s:s, s:s, s:s, s:s, s:{s:f}}", "type", "do_dac", "unit", "LB-MAUSON", "date_from", "2023-06-01",
		       "title", "Đo lại đường tuần tra", "values", "chenh_lech", 0.125);
	assert_string_equal(put(c, id, in, LAYER_PUT, NULL), "");
	assert_int_equal(activity_get(c, id, &got), BP_OK);
	v = json_object_get(got, "values");
	assert_int_equal(json_object_size(v), 1);
	assert_true(json_number_value(json_object_get(v, "chenh_lech")) == 0.125);
	json_decref(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_and_retired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_chunks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
