/* Tests src/geo/write.c: the four writers, read back by our readers. */
#include <math.h>

#include "collect.h"

static void make_point(struct feature *f, double lon, double lat, json_t *props)
{
	f->type = GEOM_POINT;
	f->npos = 1;
	f->pos = calloc(1, sizeof(*f->pos));
	f->pos[0] = (struct geo_pos){ .lon = lon, .lat = lat, .ele = 312.25, .has_ele = true };
	f->props = props;
	f->where = 0;
}

static void make_line(struct feature *f, json_t *props)
{
	f->type = GEOM_LINESTRING;
	f->npos = 3;
	f->pos = calloc(3, sizeof(*f->pos));
	for (int i = 0; i < 3; i++)
		f->pos[i] = (struct geo_pos){ .lon = 106.1234567 + i * 0.01, .lat = 21.7654321 + i * 0.01 };
	f->props = props;
}

/* Writes n points (or lines) in format fmt into out. */
static void write_features(enum geo_format fmt, bool lines, int n, struct buf *out)
{
	buf_init(out, 64 * 1024 * 1024);
	struct geo_writer *w = geo_writer_new(fmt, "markers <&>", NULL, sink_buf, out);
	for (int i = 0; i < n; i++) {
		struct feature f;
		json_t *props = json_pack("{s:s, s:s, s:s, s:i, s:f, s:b, s:n}",
			"id", "0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11", "number", "1116/1",
			"notes", "=HYPERLINK(\"http://x\") & <b>Mốc</b> 'a', \"b\"",
			"workdays", -5, "cost", 1.5, "lit", 1, "post");
		if (lines)
			make_line(&f, props);
		else
			make_point(&f, 106.7589123 + i * 1e-7, -21.9712345, props);
		assert_int_equal(geo_writer_feature(w, &f), 0);
		feature_release(&f);
	}
	assert_int_equal(geo_writer_end(w), 0);
	geo_writer_free(w);
}

static void check_read_back(enum geo_format fmt, bool lines)
{
	struct buf out;
	write_features(fmt, lines, 3, &out);
	struct read_result r;
	result_init(&r);
	static const char *const cols[] = { "id", "number", "notes", "workdays", "cost", "lit", "post", NULL };
	r.rc = geo_read(fmt, out.data, out.len, cols, collect_fn, r.features, r.report, &r.e);
	if (r.rc || json_array_size(r.report))
		fail_msg("%s: %s %s\n%s", geo_format_name(fmt), r.e.message_en,
			 json_dumps(r.report, 0), out.data);
	assert_int_equal(json_array_size(r.features), 3);
	for (size_t i = 0; i < 3; i++) {
		if (!lines) {
			assert_true(fabs(coord(&r, i, 0, 0) - (106.7589123 + (double)i * 1e-7)) < 1e-9);
			assert_true(fabs(coord(&r, i, 0, 1) + 21.9712345) < 1e-9);
		} else {
			assert_int_equal(json_array_size(json_object_get(feat(&r, i), "coords")), 3);
			assert_true(fabs(coord(&r, i, 2, 0) - 106.1434567) < 1e-9);
		}
		const char *notes = prop(&r, i, "notes");
		assert_non_null(notes);
		assert_string_equal(notes, "=HYPERLINK(\"http://x\") & <b>Mốc</b> 'a', \"b\"");
	}
	/* GPX keeps it in <extensions>, KML in <ExtendedData> */
	assert_string_equal(prop(&r, 0, "id"), "0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11");
	result_release(&r);
	buf_release(&out);
}

static void test_round_trips(void **state)
{
	(void)state;
	enum geo_format fmts[] = { GEO_FORMAT_GEOJSON, GEO_FORMAT_KML, GEO_FORMAT_GPX, GEO_FORMAT_CSV };
	for (size_t i = 0; i < 4; i++) {
		check_read_back(fmts[i], false);
		check_read_back(fmts[i], true);
	}
}

static void test_geojson_shape(void **state)
{
	(void)state;
	struct buf out;
	write_features(GEO_FORMAT_GEOJSON, false, 2, &out);
	json_error_t je;
	json_t *doc = json_loads(out.data, 0, &je);
	assert_non_null(doc);
	assert_string_equal(jstr(doc, "type"), "FeatureCollection");
	json_t *f0 = json_array_get(json_object_get(doc, "features"), 0);
	assert_string_equal(jstr(f0, "id"), "0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11");
	/* 7 decimals, numbers stay numbers, null stays null */
	assert_non_null(strstr(out.data, "[106.7589123,-21.9712345,312.25]"));
	json_t *p = json_object_get(f0, "properties");
	assert_int_equal(json_integer_value(json_object_get(p, "workdays")), -5);
	assert_true(json_is_null(json_object_get(p, "post")));
	json_decref(doc);
	buf_release(&out);
	/* an empty export is a valid, empty collection */
	buf_init(&out, 1 << 20);
	struct geo_writer *w = geo_writer_new(GEO_FORMAT_GEOJSON, "x", NULL, sink_buf, &out);
	assert_int_equal(geo_writer_end(w), 0);
	geo_writer_free(w);
	doc = json_loads(out.data, 0, &je);
	assert_int_equal(json_array_size(json_object_get(doc, "features")), 0);
	json_decref(doc);
	buf_release(&out);
}

static void test_csv_formula_injection(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1 << 20);
	static const char *const cols[] = { "id", "number", "lat", "lon", "notes", "workdays", NULL };
	struct geo_writer *w = geo_writer_new(GEO_FORMAT_CSV, "m", cols, sink_buf, &out);
	const char *bad[] = { "=1+2", "+84 912", "-2", "@SUM(A1)", "\tx", "plain" };
	for (size_t i = 0; i < 6; i++) {
		struct feature f;
		make_point(&f, -106.5, 21.5, json_pack("{s:s, s:s, s:i}", "number", bad[i], "notes", bad[i], "workdays", -3));
		assert_int_equal(geo_writer_feature(w, &f), 0);
		feature_release(&f);
	}
	geo_writer_end(w);
	geo_writer_free(w);
	const char *want = "\xEF\xBB\xBFid,number,lat,lon,notes,workdays\r\n"
		",\"'=1+2\",21.5,-106.5,\"'=1+2\",-3\r\n"
		",\"'+84 912\",21.5,-106.5,\"'+84 912\",-3\r\n"
		",\"'-2\",21.5,-106.5,\"'-2\",-3\r\n"
		",\"'@SUM(A1)\",21.5,-106.5,\"'@SUM(A1)\",-3\r\n"
		",\"'\tx\",21.5,-106.5,\"'\tx\",-3\r\n"
		",plain,21.5,-106.5,plain,-3\r\n";
	assert_string_equal(out.data, want);
	buf_release(&out);
}

static void test_xml_escaping(void **state)
{
	(void)state;
	struct buf out;
	write_features(GEO_FORMAT_KML, false, 1, &out);
	assert_non_null(strstr(out.data, "<name>markers &lt;&amp;&gt;</name>"));
	assert_non_null(strstr(out.data, "&lt;b&gt;Mốc&lt;/b&gt; &apos;a&apos;, &quot;b&quot;"));
	assert_null(strstr(out.data, "<b>"));
	buf_release(&out);
	write_features(GEO_FORMAT_GPX, false, 1, &out);
	assert_non_null(strstr(out.data, "<wpt lat=\"-21.9712345\" lon=\"106.7589123\"><ele>312.25</ele><name>1116/1</name>"));
	assert_non_null(strstr(out.data, "<bp:workdays>-5</bp:workdays>"));
	buf_release(&out);
}

/* A sink that takes 2 chunks, then refuses: the writer stops. */
static int sink_refuse(void *arg, const char *data, size_t len)
{
	(void)data;
	(void)len;
	int *calls = arg;
	return ++*calls > 2 ? -1 : 0;
}

static void test_streaming(void **state)
{
	(void)state;
	int calls = 0;
	struct geo_writer *w = geo_writer_new(GEO_FORMAT_GEOJSON, "m", NULL, sink_refuse, &calls);
	int rc = 0, i;
	for (i = 0; i < 100000 && rc == 0; i++) {
		struct feature f;
		make_point(&f, 106, 22, json_pack("{s:s}", "number", "1"));
		rc = geo_writer_feature(w, &f);
		feature_release(&f);
	}
	assert_int_equal(rc, -1);
	assert_int_equal(calls, 3);
	/* chunks of about GEO_WRITER_CHUNK: some hundreds of features each */
	assert_true(i > 300 && i < 5000);
	assert_int_equal(geo_writer_end(w), -1);
	geo_writer_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_geojson_shape),
		cmocka_unit_test(test_csv_formula_injection),
		cmocka_unit_test(test_xml_escaping),
		cmocka_unit_test(test_streaming),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
