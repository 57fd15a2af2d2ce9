/* Tests src/geo/csv.c: RFC 4180, headers, encodings. */
#include "collect.h"

static const char *const marker_cols[] = { "id", "number", "border", "type", "form", "built_by", "condition",
					   "last_inspected", "notes", "post", NULL };

static void test_good(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_CSV,
		"\xEF\xBB\xBFnumber,Lat ,lon,elevation,notes\r\n"
		"1116,21.9712345,106.7589123,312.5,\"Mốc chính, \"\"Hữu Nghị\"\"\"\r\n"
		"\r\n"
		"1116/1,21.97,106.75,,\"hai\ndòng\"\r\n"
		"1117,21.96,106.74,,'=1+2\n", marker_cols);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.report), 0);
	assert_int_equal(json_array_size(r.features), 3);
	assert_string_equal(prop(&r, 0, "number"), "1116");
	assert_string_equal(prop(&r, 0, "notes"), "Mốc chính, \"Hữu Nghị\"");
	assert_true(coord(&r, 0, 0, 1) == 21.9712345);
	assert_true(coord(&r, 0, 0, 2) == 312.5);
	assert_int_equal(json_array_size(json_array_get(json_object_get(feat(&r, 1), "coords"), 0)), 2);
	assert_string_equal(prop(&r, 1, "notes"), "hai\ndòng");
	assert_int_equal(json_integer_value(json_object_get(feat(&r, 1), "where")), 4);
	/* the export's formula guard is taken off again */
	assert_string_equal(prop(&r, 2, "notes"), "=1+2");
	assert_int_equal(json_integer_value(json_object_get(feat(&r, 2), "where")), 6);
	result_release(&r);
}

static void test_semicolon_decimal_comma(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_CSV, "number;lat;lon\n1116;21,5;106,25\n", marker_cols);
	assert_int_equal(json_array_size(r.report), 0);
	assert_true(coord(&r, 0, 0, 1) == 21.5);
	assert_true(coord(&r, 0, 0, 0) == 106.25);
	result_release(&r);
}

static void test_bad_rows(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_CSV,
		"number,lat,lon\n"
		"1,22,106\n"          /* 2 good */
		"2,22\n"              /* 3 too few */
		"3,22,106,extra\n"    /* 4 too many */
		"4,abc,106\n"         /* 5 not a number */
		"5,95,106\n"          /* 6 out of range */
		"\"6\"x,22,106\n"     /* 7 junk after a quote */
		"7,22,106\n"          /* 8 good */
		"\"8,22,106\n", marker_cols); /* 9 unclosed quote */
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.features), 2);
	const char *want[] = { "csv_columns", "csv_columns", "coord_invalid", "coord_invalid", "csv_quote", "csv_quote" };
	long where[] = { 3, 4, 5, 6, 7, 9 };
	assert_int_equal(json_array_size(r.report), 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(rcode(&r, i), want[i]);
		assert_int_equal(rwhere(&r, i), where[i]);
	}
	result_release(&r);
}

static void test_header(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_CSV, "number,lat,lon,colour,number\n1,22,106,red,1\n", marker_cols);
	assert_int_equal(json_array_size(r.features), 0);
	assert_int_equal(json_array_size(r.report), 2);
	/* the header's own problems first, then the columns the layer does not take */
	assert_string_equal(rcode(&r, 0), "csv_column_twice");
	assert_string_equal(rcode(&r, 1), "csv_column_unknown");
	assert_non_null(strstr(jstr(json_array_get(r.report, 1), "message_en"), "colour"));
	assert_int_equal(rwhere(&r, 1), 1);
	result_release(&r);
	r = read_str(GEO_FORMAT_CSV, "number,latitude,lon\n1,22,106\n", marker_cols);
	assert_string_equal(rcode(&r, 0), "csv_column_unknown");
	assert_string_equal(rcode(&r, 1), "csv_column_missing");
	result_release(&r);
	r = read_str(GEO_FORMAT_CSV, "", marker_cols);
	assert_string_equal(r.e.code, "file_empty");
	result_release(&r);
}

static void test_not_utf8(void **state)
{
	(void)state;
	/* "Đồn" in Windows-1258 (\xD0 \xF4\xD2 n) on the third line */
	struct read_result r = read_str(GEO_FORMAT_CSV, "number,lat,lon,notes\n1,22,106,ok\n2,22,106,\xD0\xF4\xD2n\n", marker_cols);
	assert_int_equal(r.rc, BP_EINVAL);
	assert_string_equal(r.e.code, "csv_encoding");
	assert_non_null(strstr(r.e.message_en, "line 3"));
	assert_non_null(strstr(r.e.message_vi, "Windows-1258"));
	assert_int_equal(json_array_size(r.features), 0);
	result_release(&r);
	/* TCVN3 "Biªn phßng" */
	r = read_str(GEO_FORMAT_CSV, "number,lat,lon,notes\n1,22,106,Bi\xAAn ph\xDFng\n", marker_cols);
	assert_string_equal(r.e.code, "csv_encoding");
	result_release(&r);
}

static void test_wkt_lines(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_CSV,
		"name,wkt\n"
		"a,\"LINESTRING (106.1 22.1, 106.2 22.2)\"\n"
		"b,\"LINESTRING Z (106.1 22.1 5, 106.2 22.2 6)\"\n"
		"c,\"LINESTRING (106.1 22.1)\"\n"
		"d,LINESTRING EMPTY\n"
		"e,\"POLYGON ((1 2, 3 4))\"\n", NULL);
	assert_int_equal(json_array_size(r.features), 2);
	assert_true(coord(&r, 1, 1, 2) == 6);
	assert_int_equal(json_array_size(r.report), 3);
	assert_string_equal(rcode(&r, 0), "geom_line_short");
	assert_string_equal(rcode(&r, 1), "geom_empty");
	assert_string_equal(rcode(&r, 2), "coord_invalid");
	result_release(&r);
}

/* A layer of lines names wkt as its missing column, and lat/lon are
 * columns it does not take; a layer of points the reverse. */
static void test_geometry_columns_follow_the_layer(void **state)
{
	(void)state;
	static const char *const line_cols[] = { "id", "border", "kind", "wkt", NULL };
	static const char *const point_cols[] = { "id", "name", "lat", "lon", NULL };
	struct read_result r = read_str(GEO_FORMAT_CSV, "id,border,lat,lon\nx,VN-CN,22.1,106.1\n", line_cols);
	assert_int_equal(json_array_size(r.features), 0);
	assert_int_equal(json_array_size(r.report), 3);
	assert_string_equal(rcode(&r, 0), "csv_column_unknown");
	assert_string_equal(rcode(&r, 1), "csv_column_unknown");
	assert_string_equal(rcode(&r, 2), "csv_column_missing");
	assert_string_equal(json_string_value(json_object_get(json_array_get(r.report, 2), "field")), "wkt");
	result_release(&r);
	r = read_str(GEO_FORMAT_CSV, "id,name,wkt\nx,a,\"POINT (106.1 22.1)\"\n", point_cols);
	assert_int_equal(json_array_size(r.features), 0);
	assert_string_equal(rcode(&r, 0), "csv_column_unknown");
	assert_string_equal(json_string_value(json_object_get(json_array_get(r.report, 0), "field")), "wkt");
	result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_semicolon_decimal_comma),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_wkt_lines),
		cmocka_unit_test(test_geometry_columns_follow_the_layer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
