/* Tests src/geo/geojson.c: the GeoJSON reader. */
#include "collect.h"

static void test_collection(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GEOJSON,
		"\xEF\xBB\xBF{\"type\":\"FeatureCollection\",\"features\":["
		"{\"type\":\"Feature\",\"id\":\"0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11\","
		" \"geometry\":{\"type\":\"Point\",\"coordinates\":[106.7589123,21.9712345,312.5]},"
		" \"properties\":{\"number\":\"1116/1\",\"border\":\"VN-CN\",\"notes\":\"Mốc phụ\"}},"
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[106.1,22.1],[106.2,22.2]]},"
		" \"properties\":null}]}", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.report), 0);
	assert_int_equal(json_array_size(r.features), 2);
	assert_string_equal(prop(&r, 0, "number"), "1116/1");
	assert_string_equal(prop(&r, 0, "notes"), "Mốc phụ");
	/* RFC 7946's feature id is the record id */
	assert_string_equal(prop(&r, 0, "id"), "0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11");
	assert_true(coord(&r, 0, 0, 0) == 106.7589123);
	assert_true(coord(&r, 0, 0, 2) == 312.5);
	assert_string_equal(jstr(feat(&r, 1), "type"), "LineString");
	assert_int_equal(json_integer_value(json_object_get(feat(&r, 1), "where")), 2);
	result_release(&r);
}

static void test_bare_and_single(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GEOJSON, "{\"type\":\"Point\",\"coordinates\":[106,22]}", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.features), 1);
	result_release(&r);
	r = read_str(GEO_FORMAT_GEOJSON, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22]},\"properties\":{\"a\":1}}", NULL);
	assert_int_equal(json_array_size(r.features), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(feat(&r, 0), "props"), "a")), 1);
	result_release(&r);
}

static void test_multilinestring_split(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GEOJSON,
		"{\"type\":\"Feature\",\"properties\":{\"id\":\"0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11\",\"name\":\"Đường tuần tra\"},"
		"\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[[[106.1,22.1],[106.2,22.2]],[[106.3,22.3],[106.4,22.4],[106.5,22.5]]]}}", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.report), 0);
	assert_int_equal(json_array_size(r.features), 2);
	assert_string_equal(prop(&r, 1, "name"), "Đường tuần tra");
	/* the first part keeps the id, the others get ids derived from it, the same every time */
	assert_string_equal(prop(&r, 0, "id"), "0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11");
	char pid[37];
	geo_part_id("0b5c3f4e-7a52-4c1e-9d7e-2f0a6c1b9e11", 1, pid);
	assert_string_equal(prop(&r, 1, "id"), pid);
	assert_int_equal(pid[14], '5');
	assert_int_equal(json_array_size(json_object_get(feat(&r, 1), "coords")), 3);
	result_release(&r);
}

static void test_bad_features_all_reported(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GEOJSON,
		"{\"type\":\"FeatureCollection\",\"features\":["
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22]},\"properties\":{}},"     /* 1 good */
		"{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}},"                                              /* 2 empty */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[]},\"properties\":{}},"      /* 3 empty */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[106,22]]},\"properties\":{}}," /* 4 unclosed */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"106\",22]},\"properties\":{}},"  /* 5 text */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22,1,2]},\"properties\":{}}," /* 6 four numbers */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[106,22],[107,22],[107,23],[106,22]]]},\"properties\":{}}," /* 7 */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[206,22]},\"properties\":{}},"     /* 8 range */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22]},\"properties\":{\"a\":{\"b\":1}}}," /* 9 nested */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[[[106,22],[107,22]],[[106,22]]]},\"properties\":{}}," /* 10 */
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\"},\"properties\":{}},"                            /* 11 no coords */
		"{\"type\":\"Point\",\"coordinates\":[106,22]}"                                                           /* 12 not a Feature */
		"]}", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.features), 1);
	const char *want[] = { "geom_empty", "geom_empty", "geom_line_short", "coord_invalid", "coord_invalid",
			       "geom_unsupported", "coord_invalid", "property_type", "geom_line_short", "geom_empty",
			       "geojson_type" };
	long where[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	assert_int_equal(json_array_size(r.report), 11);
	for (size_t i = 0; i < 11; i++) {
		assert_string_equal(rcode(&r, i), want[i]);
		assert_int_equal(rwhere(&r, i), where[i]);
		assert_true(strlen(jstr(json_array_get(r.report, i), "message_vi")) > 0);
	}
	/* no part of the bad MultiLineString was handed on */
	result_release(&r);
}

static void test_not_json(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":", NULL);
	assert_int_equal(r.rc, BP_EINVAL);
	assert_string_equal(r.e.code, "geojson_invalid");
	assert_non_null(strstr(r.e.message_en, "line 1"));
	result_release(&r);
	r = read_str(GEO_FORMAT_GEOJSON, "[1,2]", NULL);
	assert_string_equal(r.e.code, "geojson_type");
	result_release(&r);
	r = read_str(GEO_FORMAT_GEOJSON, "{\"type\":\"FeatureCollection\"}", NULL);
	assert_string_equal(r.e.code, "geojson_type");
	result_release(&r);
}

/* The streaming path and the whole parse agree, whatever the layout. */
static void test_streaming_layouts(void **state)
{
	(void)state;
	const char *docs[] = {
		"{\"type\":\"FeatureCollection\",\"name\":\"x\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"s\":\"a]}\\\"\"},"
		"\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22]}} , {\"type\":\"Feature\",\"properties\":null,\"geometry\":null}],\"bbox\":[1,2,3,4]}",
		/* type after features: parsed whole */
		"{\"features\":[{\"type\":\"Feature\",\"properties\":{\"s\":\"a]}\\\"\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22]}},"
		"{\"type\":\"Feature\",\"properties\":null,\"geometry\":null}],\"type\":\"FeatureCollection\"}",
	};
	for (size_t k = 0; k < 2; k++) {
		struct read_result r = read_str(GEO_FORMAT_GEOJSON, docs[k], NULL);
		assert_int_equal(r.rc, BP_OK);
		assert_int_equal(json_array_size(r.features), 1);
		assert_string_equal(prop(&r, 0, "s"), "a]}\"");
		assert_int_equal(json_array_size(r.report), 1);
		assert_int_equal(rwhere(&r, 0), 2);
		result_release(&r);
	}
	/* a syntax error after good features: the file's error, with its place */
	struct read_result r = read_str(GEO_FORMAT_GEOJSON,
		"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
		"\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,22]}},\n{\"type\":\"Feature\",\"properties\":{,}}]}", NULL);
	assert_int_equal(r.rc, BP_EINVAL);
	assert_string_equal(r.e.code, "geojson_invalid");
	assert_non_null(strstr(r.e.message_en, "line 2"));
	result_release(&r);
}

static void test_size_limit(void **state)
{
	(void)state;
	setenv("BIENPHONG_IMPORT_MAX", "16", 1);
	assert_int_equal(geo_import_max(), 16);
	struct read_result r = read_str(GEO_FORMAT_GEOJSON, "{\"type\":\"Point\",\"coordinates\":[106,22]}", NULL);
	assert_int_equal(r.rc, BP_ETOOLARGE);
	assert_string_equal(r.e.code, "import_too_large");
	assert_non_null(strstr(r.e.message_en, "16 bytes"));
	result_release(&r);
	setenv("BIENPHONG_IMPORT_MAX", "2M", 1);
	assert_int_equal(geo_import_max(), 2 * 1024 * 1024);
	unsetenv("BIENPHONG_IMPORT_MAX");
	assert_int_equal(geo_import_max(), GEO_IMPORT_MAX_DEFAULT);
}

static void test_formats_table(void **state)
{
	(void)state;
	assert_int_equal(geo_format_of_path("a/b/moc.GeoJSON"), GEO_FORMAT_GEOJSON);
	assert_int_equal(geo_format_of_path("x.kml"), GEO_FORMAT_KML);
	assert_int_equal(geo_format_of_path("x.gpx"), GEO_FORMAT_GPX);
	assert_int_equal(geo_format_of_path("x.csv"), GEO_FORMAT_CSV);
	assert_int_equal(geo_format_of_path("x.v1/file"), GEO_FORMAT_NONE);
	assert_int_equal(geo_format_of_media("text/csv; charset=utf-8"), GEO_FORMAT_CSV);
	assert_int_equal(geo_format_of_media("application/gpx+xml"), GEO_FORMAT_GPX);
	assert_int_equal(geo_format_of_media("application/json"), GEO_FORMAT_NONE);
	assert_int_equal(geo_format_parse("kml"), GEO_FORMAT_KML);
	assert_int_equal(geo_format_parse("shp"), GEO_FORMAT_NONE);
	char n[32];
	geo_fmt_num(n, sizeof(n), 106.75, 7);
	assert_string_equal(n, "106.75");
	geo_fmt_num(n, sizeof(n), -0.00000001, 7);
	assert_string_equal(n, "0");
	geo_fmt_num(n, sizeof(n), 22.123456789, 7);
	assert_string_equal(n, "22.1234568");
	double d;
	assert_false(geo_parse_num("nan", 3, &d));
	assert_false(geo_parse_num("12abc", 5, &d));
	assert_true(geo_parse_num(" 21.5 ", 6, &d));
	assert_true(d == 21.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collection),
		cmocka_unit_test(test_bare_and_single),
		cmocka_unit_test(test_multilinestring_split),
		cmocka_unit_test(test_bad_features_all_reported),
		cmocka_unit_test(test_not_json),
		cmocka_unit_test(test_streaming_layouts),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_formats_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
