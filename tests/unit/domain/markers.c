/*
 * Tests src/domain/markers.c and its siblings (segments.c, gates.c,
 * roads.c, registry.c, map.c, demo_border.c): validation, idempotent
 * writes, histories, scope, filters, imports all or nothing, exports.
 * Runs on both engines (helpers.h).
 */
#include <math.h>

#include "helpers.h"
#include "domain/demo.h"
#include "domain/gates.h"
#include "domain/map.h"
#include "domain/markers.h"
#include "domain/registry.h"
#include "domain/roads.h"
#include "domain/segments.h"
#include "domain/units.h"
#include "geo/geometry.h"

#define M1 "11111111-1111-4111-8111-111111111111"
#define M2 "22222222-2222-4222-8222-222222222222"

static int setup(void **state)
{
	struct ctx *c = test_ctx_new();
	json_t *logins = NULL;
	snprintf(c->today, sizeof(c->today), "2026-01-15");
	if (demo_build(c, &logins))
		fail_msg("demo: %s %s", c->err.code, c->err.message_en);
	json_decref(logins);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	test_ctx_free(*state);
	return 0;
}

static long long count(struct ctx *c, const char *sql)
{
	long long n = -1;
	assert_int_equal(db_scalar_int(c->db, sql, DB_NOARGS, &n, &c->err), BP_OK);
	return n;
}

static json_t *marker_in(const char *number, double lon, double lat, const char *post)
{
	return json_pack("{s:s, s:s, s:f, s:f, s:s}", "border", "VN-CN", "number", number,
			 "lon", lon, "lat", lat, "post", post);
}

/* Runs a marker write and gives the error code ("" for none); consumes in. */
static const char *mput(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			enum layer_done *done)
{
	static char code[48];
	json_t *out = NULL;
	enum layer_done d;
	enum bp_err rc = marker_put(c, id, in, mode, &out, done ? done : &d);
	snprintf(code, sizeof(code), "%s", rc ? c->err.code : "");
	json_decref(in);
	json_decref(out);
	return code;
}

static void test_demo(void **state)
{
	struct ctx *c = *state;
	long long markers = count(c, "SELECT COUNT(*) FROM markers");
	assert_true(markers >= 80 && markers <= 120);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM segments"), markers - 1);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM gates"), 5);
	assert_true(count(c, "SELECT COUNT(*) FROM roads") >= 5);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE number = '1116/1'"), 1);
	/* 1116: registered good, damaged by the storm, repaired. */
	assert_int_equal(count(c, "SELECT COUNT(*) FROM marker_conditions mc JOIN markers m ON m.id = mc.marker_id"
				  " WHERE m.number = '1116'"), 3);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE number = '1116' AND condition = 'good'"), 1);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE number = '1180/1' AND condition = 'damaged'"), 1);
	/* Every marker on the real line, inside Lạng Sơn's box. */
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE lon < 106.0 OR lon > 107.5"
				  " OR lat < 21.3 OR lat > 22.5"), 0);
	/* Again: nothing changes, not even the audit log. */
	long long audit = count(c, "SELECT COUNT(*) FROM audit_log");
	json_t *logins = NULL;
	assert_int_equal(demo_build(c, &logins), BP_OK);
	json_decref(logins);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM audit_log"), audit);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers"), markers);
	/* The length of every segment is its geometry's. */
	assert_int_equal(count(c, "SELECT COUNT(*) FROM segments WHERE length_km <= 0 OR length_km > 20"), 0);
}

static void test_marker_create_retry_put_patch(void **state)
{
	struct ctx *c = *state;
	enum layer_done done;
	long long audit = count(c, "SELECT COUNT(*) FROM audit_log");
	assert_string_equal(mput(c, NULL, json_pack("{s:s, s:s, s:s, s:f, s:f, s:s, s:f, s:s}", "id", M1,
		"border", "VN-CN", "number", "2001", "lon", 106.801, "lat", 21.95, "post", "DBP-BASON",
		"elevation", 512.5, "type", "main"), LAYER_CREATE, &done), "");
	assert_int_equal(done, LAYER_CREATED);
	/* The same create again (a retry from a bad link): stored once. */
	assert_string_equal(mput(c, NULL, json_pack("{s:s, s:s, s:s, s:f, s:f, s:s, s:f}", "id", M1,
		"border", "VN-CN", "number", "2001", "lon", 106.801, "lat", 21.95, "post", "DBP-BASON",
		"elevation", 512.5), LAYER_CREATE, &done), "");
	assert_int_equal(done, LAYER_UNCHANGED);
	/* A different create with the same id is a clash. */
	assert_string_equal(mput(c, NULL, json_pack("{s:s, s:s, s:s, s:f, s:f, s:s}", "id", M1,
		"border", "VN-CN", "number", "2002", "lon", 106.801, "lat", 21.95, "post", "DBP-BASON"),
		LAYER_CREATE, NULL), "id_conflict");
	/* PUT replaces: the elevation left out is cleared. */
	assert_string_equal(mput(c, M1, marker_in("2001", 106.802, 21.95, "DBP-BASON"), LAYER_PUT, &done), "");
	assert_int_equal(done, LAYER_UPDATED);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE id = '" M1 "' AND elevation IS NULL"
				  " AND lon = 106.802"), 1);
	/* PATCH changes what it names. */
	assert_string_equal(mput(c, M1, json_pack("{s:s}", "notes", "Cạnh suối"), LAYER_PATCH, &done), "");
	assert_int_equal(done, LAYER_UPDATED);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE id = '" M1 "' AND notes = 'Cạnh suối'"
				  " AND lon = 106.802"), 1);
	assert_string_equal(mput(c, M1, json_pack("{s:s}", "condition", "lost"), LAYER_PATCH, NULL),
			    "marker_condition_patch");
	assert_string_equal(mput(c, M2, json_pack("{s:s}", "notes", "x"), LAYER_PATCH, NULL), "marker_not_found");
	assert_int_equal(count(c, "SELECT COUNT(*) FROM audit_log"), audit + 3);
}

static void test_marker_bad_input(void **state)
{
	struct ctx *c = *state;
	long long markers = count(c, "SELECT COUNT(*) FROM markers");
	long long audit = count(c, "SELECT COUNT(*) FROM audit_log");
	/* A number already on the border: 409; on another border it is free. */
	assert_string_equal(mput(c, NULL, marker_in("1116", 106.8, 21.9, "DBP-BASON"), LAYER_CREATE, NULL),
			    "marker_number_taken");
	assert_int_equal(err_http_status(c->err.kind), 409);
	/* Swapped, outside, malformed. */
	assert_string_equal(mput(c, NULL, marker_in("3001", 21.95, 106.8, "DBP-BASON"), LAYER_CREATE, NULL),
			    "coord_swapped");
	assert_string_equal(mput(c, NULL, marker_in("3001", 121.5, 31.2, "DBP-BASON"), LAYER_CREATE, NULL),
			    "coord_outside_region");
	assert_string_equal(mput(c, NULL, marker_in("11-16", 106.8, 21.9, "DBP-BASON"), LAYER_CREATE, NULL),
			    "marker_number_invalid");
	assert_string_equal(mput(c, NULL, marker_in("1116/", 106.8, 21.9, "DBP-BASON"), LAYER_CREATE, NULL),
			    "marker_number_invalid");
	json_t *in = marker_in("3001", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(in, "colour", json_string("red"));
	assert_string_equal(mput(c, NULL, in, LAYER_CREATE, NULL), "field_unknown");
	in = marker_in("3001", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(in, "border", json_string("VN-TH"));
	assert_string_equal(mput(c, NULL, in, LAYER_CREATE, NULL), "border_invalid");
	in = marker_in("3001", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(in, "last_inspected", json_string("2025-02-30"));
	assert_string_equal(mput(c, NULL, in, LAYER_CREATE, NULL), "date_invalid");
	in = marker_in("3001", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(in, "last_inspected", json_string("2027-01-01"));
	assert_string_equal(mput(c, NULL, in, LAYER_CREATE, NULL), "date_future");
	in = marker_in("3001", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(in, "lon", json_string("106.8"));
	assert_string_equal(mput(c, NULL, in, LAYER_CREATE, NULL), "field_type");
	in = marker_in("3001", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(in, "type", json_string("big"));
	assert_string_equal(mput(c, NULL, in, LAYER_CREATE, NULL), "enum_invalid");
	/* A marker belongs to a border post, not a commune. */
	assert_string_equal(mput(c, NULL, marker_in("3001", 106.8, 21.9, "MAUSON"), LAYER_CREATE, NULL),
			    "unit_not_post");
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers"), markers);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM audit_log"), audit);
	/* The same number on the Laos border is another marker. */
	json_t *la = marker_in("1116", 106.8, 21.9, "DBP-BASON");
	json_object_set_new(la, "border", json_string("VN-LA"));
	assert_string_equal(mput(c, NULL, la, LAYER_CREATE, NULL), "");
}

static void test_condition_history(void **state)
{
	struct ctx *c = *state;
	enum layer_done done;
	json_t *out = NULL;
	json_t *m = marker_in("2010", 106.81, 21.94, "DBP-BASON");
	json_object_set_new(m, "last_inspected", json_string("2025-01-01"));
	json_object_set_new(m, "post_from", json_string("2025-01-01"));
	assert_string_equal(mput(c, M2, m, LAYER_PUT, &done), "");
	assert_int_equal(done, LAYER_CREATED);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "id", "33333333-3333-4333-8333-333333333333",
			       "condition", "damaged", "date", "2025-09-01", "note", "Lũ");
	assert_int_equal(marker_condition_add(c, M2, in, &out, &done), BP_OK);
	assert_int_equal(done, LAYER_CREATED);
	assert_string_equal(jstr(out, "condition"), "damaged");
	assert_string_equal(jstr(out, "last_inspected"), "2025-09-01");
	json_decref(out);
	/* The same record again: stored once. */
	assert_int_equal(marker_condition_add(c, M2, in, &out, &done), BP_OK);
	assert_int_equal(done, LAYER_UNCHANGED);
	json_decref(out);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "condition", "good", "date", "2025-10-01");
	assert_int_equal(marker_condition_add(c, M2, in, &out, &done), BP_OK);
	json_decref(in);
	json_decref(out);
	/* A record of an earlier day joins the history but does not rule. */
	in = json_pack("{s:s, s:s}", "condition", "moved", "date", "2025-01-01");
	assert_int_equal(marker_condition_add(c, M2, in, &out, &done), BP_OK);
	json_decref(in);
	assert_string_equal(jstr(out, "condition"), "good");
	assert_string_equal(jstr(out, "last_inspected"), "2025-10-01");
	json_t *hist = json_object_get(out, "conditions");
	assert_int_equal(json_array_size(hist), 4); /* registered, damaged, good, moved */
	assert_string_equal(jstr(json_array_get(hist, 0), "condition"), "good");
	assert_string_equal(jstr(json_array_get(hist, 1), "note"), "Lũ");
	json_decref(out);
	in = json_pack("{s:s, s:s}", "condition", "broken", "date", "2025-01-01");
	assert_int_equal(marker_condition_add(c, M2, in, &out, &done), BP_EINVAL);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "condition", "good", "date", "2030-01-01");
	assert_int_equal(marker_condition_add(c, M2, in, &out, &done), BP_EINVAL);
	assert_string_equal(c->err.code, "date_future");
	json_decref(in);
	/* The post changes from a date: the history keeps both. */
	assert_string_equal(mput(c, M2, json_pack("{s:s, s:s}", "post", "DBP-CHIMA", "post_from", "2025-12-01"),
				 LAYER_PATCH, &done), "");
	assert_int_equal(marker_get(c, M2, &out), BP_OK);
	json_t *posts = json_object_get(out, "posts");
	assert_int_equal(json_array_size(posts), 2);
	assert_string_equal(jstr(json_array_get(posts, 0), "code"), "DBP-CHIMA");
	assert_string_equal(jstr(json_array_get(posts, 1), "valid_to"), "2025-12-01");
	assert_string_equal(jstr(json_object_get(out, "post"), "code"), "DBP-CHIMA");
	json_decref(out);
}

/*
 * A condition recorded in the same second as the marker's first record,
 * on the same date: the new record is the marker's condition, whatever
 * the two records' random ids (twenty markers: by chance alone, all
 * twenty would come out right once in a million).
 */
static void test_condition_same_second(void **state)
{
	struct ctx *c = *state;
	enum layer_done done;
	for (int i = 0; i < 20; i++) {
		char number[16];
		snprintf(number, sizeof(number), "%d", 2600 + i);
		json_t *m = marker_in(number, 106.81 + i * 0.001, 21.96, "DBP-BASON");
		json_object_set_new(m, "last_inspected", json_string("2025-03-01"));
		json_object_set_new(m, "post_from", json_string("2025-01-01"));
		json_t *out = NULL;
		assert_int_equal(marker_put(c, NULL, m, LAYER_CREATE, &out, &done), BP_OK);
		json_decref(m);
		char id[37];
		snprintf(id, sizeof(id), "%s", jstr(out, "id"));
		json_decref(out);
		json_t *in = json_pack("{s:s, s:s}", "condition", "damaged", "date", "2025-03-01");
		assert_int_equal(marker_condition_add(c, id, in, &out, &done), BP_OK);
		assert_string_equal(jstr(out, "condition"), "damaged");
		json_decref(in);
		json_decref(out);
	}
}

static void test_scope(void **state)
{
	struct ctx *c = *state;
	char binhnghi[37], bason[37];
	json_t *out = NULL;
	assert_int_equal(unit_resolve(c, "DBP-BINHNGHI", binhnghi), BP_OK);
	assert_int_equal(unit_resolve(c, "DBP-BASON", bason), BP_OK);
	assert_string_equal(mput(c, M1, marker_in("2001", 106.801, 21.95, "DBP-BASON"), LAYER_PUT, NULL), "");
	test_act_as(c, binhnghi, ROLE_EDITOR);
	assert_int_equal(marker_get(c, M1, &out), BP_EFORBIDDEN);
	assert_string_equal(c->err.code, "out_of_scope");
	assert_string_equal(mput(c, NULL, marker_in("2003", 106.8, 21.9, "DBP-BASON"), LAYER_CREATE, NULL),
			    "out_of_scope");
	/* A PUT on the other post's id, even moving it to our post: refused. */
	assert_string_equal(mput(c, M1, marker_in("2001", 106.801, 21.95, "DBP-BINHNGHI"), LAYER_PUT, NULL),
			    "out_of_scope");
	struct registry_filter f = { 0 };
	assert_int_equal(marker_list(c, &f, NULL, 1000, NULL, &out), BP_OK);
	size_t i;
	json_t *m;
	assert_true(json_array_size(json_object_get(out, "items")) > 5);
	json_array_foreach(json_object_get(out, "items"), i, m)
		assert_string_equal(jstr(json_object_get(m, "post"), "code"), "DBP-BINHNGHI");
	json_decref(out);
	f.unit = "DBP-BASON";
	assert_int_equal(marker_list(c, &f, NULL, 10, NULL, &out), BP_EFORBIDDEN);
	/* A viewer reads but does not write. */
	test_act_as(c, bason, ROLE_VIEWER);
	assert_int_equal(marker_get(c, M1, &out), BP_OK);
	json_decref(out);
	assert_string_equal(mput(c, M1, json_pack("{s:s}", "notes", "x"), LAYER_PATCH, NULL), "role_insufficient");
	/* A commune reads the stretch of the posts that answer for it (Ba Sơn
	 * and Chi Ma for Mẫu Sơn), writes none of it, and reads no roads of
	 * theirs. */
	char mauson[37];
	assert_int_equal(unit_resolve(c, "MAUSON", mauson), BP_OK);
	test_act_as(c, mauson, ROLE_ADMIN);
	struct registry_filter none = { 0 };
	assert_int_equal(marker_list(c, &none, NULL, 1000, NULL, &out), BP_OK);
	bool bason_seen = false, chima_seen = false;
	json_array_foreach(json_object_get(out, "items"), i, m) {
		const char *p = jstr(json_object_get(m, "post"), "code");
		assert_true(!strcmp(p, "DBP-BASON") || !strcmp(p, "DBP-CHIMA"));
		bason_seen |= !strcmp(p, "DBP-BASON");
		chima_seen |= !strcmp(p, "DBP-CHIMA");
	}
	assert_true(bason_seen && chima_seen);
	json_decref(out);
	assert_int_equal(segment_list(c, &none, 1000, NULL, &out), BP_OK);
	assert_true(json_array_size(json_object_get(out, "items")) > 5);
	json_decref(out);
	assert_int_equal(marker_get(c, M1, &out), BP_OK);
	json_decref(out);
	assert_string_equal(mput(c, M1, json_pack("{s:s}", "notes", "x"), LAYER_PATCH, NULL), "out_of_scope");
	json_t *hn = NULL;
	struct registry_filter hnf = { .unit = "DBP-HUUNGHI" };
	test_act_system(c);
	assert_int_equal(marker_list(c, &hnf, NULL, 1, NULL, &hn), BP_OK);
	test_act_as(c, mauson, ROLE_ADMIN);
	assert_int_equal(marker_get(c, jstr(json_array_get(json_object_get(hn, "items"), 0), "id"), &out), BP_EFORBIDDEN);
	json_decref(hn);
	/* A commune reads the roads of its posts too (layer.h, LAYER_AREA_CTE). */
	assert_int_equal(road_list(c, &none, 1000, NULL, &out), BP_OK);
	assert_true(json_array_size(json_object_get(out, "items")) > 0);
	json_array_foreach(json_object_get(out, "items"), i, m) {
		const char *u = jstr(json_object_get(m, "unit"), "code");
		assert_true(!strcmp(u, "DBP-BASON") || !strcmp(u, "DBP-CHIMA") || !strncmp(u, "MAUSON", 6));
	}
	json_decref(out);
	test_act_system(c);
	snprintf(c->today, sizeof(c->today), "2026-01-15");
	/* q: a number and its sub-markers. */
	assert_int_equal(marker_list(c, &none, "1116", 100, NULL, &out), BP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
	json_decref(out);
	assert_int_equal(marker_list(c, &none, "11%", 100, NULL, &out), BP_EINVAL);
}

static void test_list_filters(void **state)
{
	struct ctx *c = *state;
	json_t *out = NULL;
	struct registry_filter f = { .has_bbox = true, .west = 106.70, .south = 21.95, .east = 106.75, .north = 22.05 };
	assert_int_equal(marker_list(c, &f, NULL, 1000, NULL, &out), BP_OK);
	size_t i, n = json_array_size(json_object_get(out, "items"));
	json_t *m;
	assert_true(n > 0);
	bool has1116 = false;
	json_array_foreach(json_object_get(out, "items"), i, m) {
		double lon = json_number_value(json_object_get(m, "lon")), lat = json_number_value(json_object_get(m, "lat"));
		assert_true(lon >= 106.70 && lon <= 106.75 && lat >= 21.95 && lat <= 22.05);
		has1116 |= !strcmp(jstr(m, "number"), "1116");
	}
	assert_true(has1116);
	json_decref(out);
	/* Pages follow the line's order, 1116 before 1116/1 before 1117. */
	struct registry_filter all = { .border = "VN-CN", .unit = "DBP-HUUNGHI" };
	json_t *items = json_array();
	const char *cursor = NULL;
	char cur[64];
	do {
		assert_int_equal(marker_list(c, &all, NULL, 3, cursor, &out), BP_OK);
		json_array_extend(items, json_object_get(out, "items"));
		json_t *next = json_object_get(out, "next_cursor");
		if (json_is_string(next)) {
			snprintf(cur, sizeof(cur), "%s", json_string_value(next));
			cursor = cur;
		} else {
			cursor = NULL;
		}
		json_decref(out);
	} while (cursor);
	int i1116 = -1, i1116_1 = -1, i1117 = -1;
	json_array_foreach(items, i, m) {
		assert_string_equal(jstr(json_object_get(m, "post"), "code"), "DBP-HUUNGHI");
		if (!strcmp(jstr(m, "number"), "1116")) i1116 = (int)i;
		if (!strcmp(jstr(m, "number"), "1116/1")) i1116_1 = (int)i;
		if (!strcmp(jstr(m, "number"), "1117")) i1117 = (int)i;
	}
	assert_true(i1116 >= 0 && i1116 + 1 == i1116_1 && i1116_1 + 1 == i1117);
	json_decref(items);
	struct registry_filter damaged = { .condition = "damaged" };
	assert_int_equal(marker_list(c, &damaged, NULL, 100, NULL, &out), BP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
	json_decref(out);
	struct registry_filter bad = { .condition = "broken" };
	assert_int_equal(marker_list(c, &bad, NULL, 100, NULL, &out), BP_EINVAL);
	/* Lines meet a box when their own box does. */
	assert_int_equal(road_list(c, &f, 100, NULL, &out), BP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
	json_decref(out);
	/* The map: one collection of the layers asked for, as JSON text. A
	 * marker's notes with what JSON must escape come back as stored. */
	const char *notes = "Mốc \"cũ\" \\ gần suối\n\tbên trái / phải";
	json_t *odd = marker_in("2950", 106.72, 22.0, "DBP-HUUNGHI");
	json_object_set_new(odd, "notes", json_string(notes));
	assert_string_equal(mput(c, NULL, odd, LAYER_CREATE, NULL), "");
	struct buf text;
	long nfeatures = -1;
	buf_init(&text, MAP_OUT_MAX);
	assert_int_equal(map_collection(c, &f, "markers,gates", &text, &nfeatures), BP_OK);
	json_error_t jerr;
	out = json_loadb(text.data, text.len, 0, &jerr);
	assert_non_null(out);
	buf_release(&text);
	assert_string_equal(jstr(out, "type"), "FeatureCollection");
	assert_int_equal(json_array_size(json_object_get(out, "features")), nfeatures);
	assert_int_equal(json_array_size(json_object_get(out, "bbox")), 4);
	assert_null(json_object_get(out, "truncated"));
	bool gate = false, odd_seen = false;
	json_array_foreach(json_object_get(out, "features"), i, m) {
		json_t *props = json_object_get(m, "properties");
		const char *layer = jstr(props, "layer");
		assert_true(!strcmp(layer, "markers") || !strcmp(layer, "gates"));
		assert_string_equal(jstr(m, "id"), jstr(props, "id"));
		gate |= !strcmp(layer, "gates");
		if (!strcmp(layer, "markers")) {
			json_t *post = json_object_get(props, "post");
			assert_non_null(jstr(post, "id"));
			assert_non_null(jstr(post, "name"));
			assert_true(json_array_size(json_object_get(json_object_get(m, "geometry"), "coordinates")) >= 2);
			if (!strcmp(jstr(props, "number"), "2950")) {
				odd_seen = true;
				assert_string_equal(jstr(props, "notes"), notes);
				assert_string_equal(jstr(post, "code"), "DBP-HUUNGHI");
			}
		} else {
			assert_non_null(jstr(json_object_get(props, "unit"), "name"));
		}
	}
	assert_true(gate);
	assert_true(odd_seen);
	json_decref(out);
	buf_init(&text, MAP_OUT_MAX);
	assert_int_equal(map_collection(c, &f, "markers,forts", &text, &nfeatures), BP_EINVAL);
	assert_string_equal(c->err.code, "layers_invalid");
	buf_release(&text);
}

static void test_lines(void **state)
{
	struct ctx *c = *state;
	json_t *out = NULL;
	enum layer_done done;
	json_t *in = json_pack("{s:s, s:s, s:[[f,f],[f,f],[f,f]], s:s, s:I, s:f}", "name", "Đường thử", "kind", "patrol",
		"geometry", 106.70, 22.00, 106.71, 22.00, 106.71, 22.01, "unit", "MAUSON", "cost_vnd", (json_int_t)1500000000,
		"workdays", 320.5);
	assert_int_equal(road_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_OK);
	struct geo_pos p[] = { { .lon = 106.70, .lat = 22.00 }, { .lon = 106.71, .lat = 22.00 }, { .lon = 106.71, .lat = 22.01 } };
	double km = json_number_value(json_object_get(out, "length_km"));
	assert_true(fabs(km - geo_line_length_m(p, 3) / 1000) < 0.001);
	const char *id = jstr(out, "id");
	char rid[37];
	snprintf(rid, sizeof(rid), "%s", id);
	json_decref(out);
	/* A length given is refused, not trusted. */
	json_object_set_new(in, "length_km", json_real(99));
	assert_int_equal(road_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_EINVAL);
	assert_string_equal(c->err.code, "field_unknown");
	json_decref(in);
	/* One point, no points, swapped, a GeoJSON Point. */
	static const char *const bad[][2] = {
		{ "[[106.7, 22.0]]", "geom_line_short" },
		{ "[]", "geom_line_short" },
		{ "[[22.0, 106.7], [22.01, 106.71]]", "coord_swapped" },
		{ "[[106.7, 22.0], [106.7, 22.0]]", "line_degenerate" },
		{ "{\"type\": \"Point\", \"coordinates\": [106.7, 22.0]}", "geometry_invalid" },
		{ "[[106.7, \"22.0\"], [106.71, 22.01]]", "geometry_invalid" },
		{ "\"LINESTRING(1 2, 3 4)\"", "geometry_invalid" },
	};
	long long roads = count(c, "SELECT COUNT(*) FROM roads");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in = json_pack("{s:s, s:s, s:o, s:s}", "name", "x", "kind", "patrol", "geometry",
			       json_loads(bad[i][0], JSON_DECODE_ANY, NULL), "unit", "MAUSON");
		assert_int_equal(road_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_EINVAL);
		if (strcmp(c->err.code, bad[i][1]))
			fail_msg("%s: %s, want %s", bad[i][0], c->err.code, bad[i][1]);
		json_decref(in);
	}
	assert_int_equal(count(c, "SELECT COUNT(*) FROM roads"), roads);
	/* A PATCH of the geometry recomputes the length. */
	in = json_pack("{s:[[f,f],[f,f]]}", "geometry", 106.70, 22.00, 106.70, 22.01);
	assert_int_equal(road_put(c, rid, in, LAYER_PATCH, &out, &done), BP_OK);
	assert_true(fabs(json_number_value(json_object_get(out, "length_km")) -
			 geo_distance_m(106.70, 22.00, 106.70, 22.01) / 1000) < 0.001);
	assert_true(json_integer_value(json_object_get(out, "cost_vnd")) == 1500000000);
	json_decref(in);
	json_decref(out);
	/* A segment between two markers, by number; the straight line by default. */
	in = json_pack("{s:s, s:s, s:s, s:s}", "border", "VN-CN", "from", "1116", "to", "1116/1", "post", "DBP-HUUNGHI");
	assert_int_equal(segment_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_OK);
	assert_int_equal(json_array_size(json_object_get(json_object_get(out, "geometry"), "coordinates")), 2);
	assert_string_equal(jstr(json_object_get(out, "to"), "number"), "1116/1");
	json_decref(out);
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s, s:s}", "border", "VN-CN", "from", "1116", "to", "1116", "post", "DBP-HUUNGHI");
	assert_int_equal(segment_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_EINVAL);
	assert_string_equal(c->err.code, "segment_same_marker");
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s, s:s}", "border", "VN-CN", "from", "1116", "to", "9999", "post", "DBP-HUUNGHI");
	assert_int_equal(segment_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_ENOTFOUND);
	assert_string_equal(c->err.code, "marker_not_found");
	json_decref(in);
	/* Gates: the kind is one of four. */
	in = json_pack("{s:s, s:s, s:s, s:f, s:f, s:s}", "name", "Lối mở Nà Hình", "kind", "opening", "border", "VN-CN",
		       "lon", 106.73, "lat", 21.99, "unit", "DBP-HUUNGHI");
	assert_int_equal(gate_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_OK);
	json_decref(out);
	json_object_set_new(in, "kind", json_string("tunnel"));
	assert_int_equal(gate_put(c, NULL, in, LAYER_CREATE, &out, &done), BP_EINVAL);
	json_decref(in);
}

/* Collects exported features as {props, lon, lat}. */
static enum bp_err collect(void *arg, const struct feature *f, struct bp_error *e)
{
	(void)e;
	json_t *o = json_deep_copy(f->props);
	json_object_set_new(o, "_lon", json_real(f->pos[0].lon));
	json_object_set_new(o, "_lat", json_real(f->pos[0].lat));
	json_object_set_new(o, "_n", json_integer((json_int_t)f->npos));
	json_array_append_new(arg, o);
	return BP_OK;
}

static struct feature point(long where, double lon, double lat, json_t *props)
{
	struct feature f = { .type = GEOM_POINT, .npos = 1, .props = props, .where = where };
	f.pos = calloc(1, sizeof(*f.pos));
	f.pos[0].lon = lon;
	f.pos[0].lat = lat;
	return f;
}

static void test_import_all_or_nothing(void **state)
{
	struct ctx *c = *state;
	struct registry_import *imp = NULL;
	json_t *report = json_array(), *summary = NULL;
	long long markers = count(c, "SELECT COUNT(*) FROM markers");
	long long audit = count(c, "SELECT COUNT(*) FROM audit_log");
	struct feature fs[4] = {
		point(1, 106.9, 21.9, json_pack("{s:s, s:s, s:s, s:s}", "id", "44444444-4444-4444-8444-444444444444",
			"number", "3101", "border", "VN-CN", "post", "DBP-CHIMA")),
		point(2, 21.9, 106.9, json_pack("{s:s, s:s, s:s}", "number", "3102", "border", "VN-CN", "post", "DBP-CHIMA")),
		point(3, 106.91, 21.9, json_pack("{s:s, s:s, s:s}", "number", "3101", "border", "VN-CN", "post", "DBP-CHIMA")),
		point(4, 106.92, 21.9, json_pack("{s:s, s:s, s:s, s:s}", "number", "3104", "border", "VN-CN", "post", "DBP-CHIMA",
			"elevation", "abc")),
	};
	assert_int_equal(registry_import_begin(c, "markers", &imp), BP_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(registry_import_feature(imp, &fs[i], report), BP_OK);
	assert_int_equal(registry_import_end(imp, report, &summary), BP_EINVAL);
	assert_string_equal(c->err.code, "import_rejected");
	/* Every bad feature is reported, with its number and reason. */
	assert_int_equal(json_array_size(report), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(report, 0), "where")), 2);
	assert_string_equal(jstr(json_array_get(report, 0), "code"), "coord_swapped");
	assert_string_equal(jstr(json_array_get(report, 1), "code"), "marker_number_taken");
	assert_string_equal(jstr(json_array_get(report, 2), "code"), "number_invalid");
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers"), markers);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM audit_log"), audit);
	json_decref(summary);
	json_decref(report);
	/* The good one alone, twice: stored once. Text numbers are read. */
	for (int round = 0; round < 2; round++) {
		report = json_array();
		json_object_set_new(fs[0].props, "elevation", json_string("623.5"));
		assert_int_equal(registry_import_begin(c, "markers", &imp), BP_OK);
		assert_int_equal(registry_import_feature(imp, &fs[0], report), BP_OK);
		assert_int_equal(registry_import_end(imp, report, &summary), BP_OK);
		assert_int_equal(json_integer_value(json_object_get(summary, round ? "unchanged" : "created")), 1);
		json_decref(summary);
		json_decref(report);
	}
	assert_int_equal(count(c, "SELECT COUNT(*) FROM markers WHERE number = '3101' AND elevation = 623.5"), 1);
	for (int i = 0; i < 4; i++)
		feature_release(&fs[i]);
	/* A line feature in a point layer. */
	struct feature line = { .type = GEOM_LINESTRING, .npos = 2, .props = json_object(), .where = 7 };
	line.pos = calloc(2, sizeof(*line.pos));
	report = json_array();
	assert_int_equal(registry_import_begin(c, "gates", &imp), BP_OK);
	assert_int_equal(registry_import_feature(imp, &line, report), BP_OK);
	assert_int_equal(registry_import_end(imp, report, NULL), BP_EINVAL);
	assert_string_equal(jstr(json_array_get(report, 0), "code"), "geometry_layer");
	json_decref(report);
	feature_release(&line);
	assert_int_equal(registry_import_begin(c, "forts", &imp), BP_EINVAL);
}

static void test_export_round_trip(void **state)
{
	struct ctx *c = *state;
	json_t *got = json_array();
	struct registry_filter f = { .unit = "DBP-HUUNGHI" };
	assert_int_equal(registry_export(c, "markers", &f, collect, got), BP_OK);
	assert_true(json_array_size(got) > 5);
	/* Import what was exported: everything is unchanged. */
	struct registry_import *imp = NULL;
	json_t *report = json_array(), *summary = NULL;
	assert_int_equal(registry_import_begin(c, "markers", &imp), BP_OK);
	size_t i;
	json_t *o;
	json_array_foreach(got, i, o) {
		double lon = json_real_value(json_object_get(o, "_lon")), lat = json_real_value(json_object_get(o, "_lat"));
		json_object_del(o, "_lon");
		json_object_del(o, "_lat");
		json_object_del(o, "_n");
		struct feature ft = point((long)i + 1, lon, lat, json_incref(o));
		assert_int_equal(registry_import_feature(imp, &ft, report), BP_OK);
		feature_release(&ft);
	}
	assert_int_equal(registry_import_end(imp, report, &summary), BP_OK);
	assert_int_equal(json_array_size(report), 0);
	assert_int_equal(json_integer_value(json_object_get(summary, "unchanged")), (json_int_t)json_array_size(got));
	json_decref(summary);
	json_decref(report);
	json_decref(got);
	got = json_array();
	assert_int_equal(registry_export(c, "roads", NULL, collect, got), BP_OK);
	assert_true(json_array_size(got) >= 7);
	assert_true(json_integer_value(json_object_get(json_array_get(got, 0), "_n")) >= 2);
	json_decref(got);
	assert_int_equal(registry_export(c, "forts", NULL, collect, NULL), BP_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marker_create_retry_put_patch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marker_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_condition_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_condition_same_second, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
