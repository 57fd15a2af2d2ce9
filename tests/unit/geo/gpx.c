/* Tests src/geo/gpx.c: waypoints, tracks and routes. */
#include "collect.h"

static void test_gpx(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GPX,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<gpx version=\"1.1\" creator=\"GDAL\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:ogr=\"http://osgeo.org/gdal\">\n"
		"<wpt lat=\"21.9712345\" lon=\"106.7589123\"><ele>312.5</ele><name>1116/1</name><desc>Mốc phụ</desc>\n"
		"  <extensions><ogr:border>VN-CN</ogr:border><gx:Deep><x>1</x></gx:Deep></extensions></wpt>\n"
		"<rte><name>Tuyến kế hoạch</name><rtept lat=\"22.1\" lon=\"106.1\"/><rtept lat=\"22.2\" lon=\"106.2\"/></rte>\n"
		"<trk><name>Tuần tra 3/3</name><trkseg><trkpt lat=\"22.1\" lon=\"106.1\"><ele>400</ele><name>ignored</name></trkpt>"
		"<trkpt lat=\"22.2\" lon=\"106.2\"><ele>410</ele></trkpt></trkseg>"
		"<trkseg><trkpt lat=\"22.3\" lon=\"106.3\"/><trkpt lat=\"22.4\" lon=\"106.4\"/></trkseg></trk>\n"
		"</gpx>", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.report), 0);
	assert_int_equal(json_array_size(r.features), 4);
	assert_string_equal(jstr(feat(&r, 0), "type"), "Point");
	assert_string_equal(prop(&r, 0, "name"), "1116/1");
	assert_string_equal(prop(&r, 0, "description"), "Mốc phụ");
	assert_string_equal(prop(&r, 0, "border"), "VN-CN");
	assert_null(prop(&r, 0, "Deep"));
	assert_true(coord(&r, 0, 0, 1) == 21.9712345);
	assert_true(coord(&r, 0, 0, 2) == 312.5);
	assert_string_equal(jstr(feat(&r, 1), "type"), "LineString");
	assert_string_equal(prop(&r, 1, "name"), "Tuyến kế hoạch");
	/* a track's two segments are two lines, numbered as the one track */
	assert_string_equal(prop(&r, 2, "name"), "Tuần tra 3/3");
	assert_true(coord(&r, 2, 1, 2) == 410);
	assert_int_equal(json_integer_value(json_object_get(feat(&r, 3), "where")), 3);
	result_release(&r);
}

static void test_bad(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_GPX,
		"<gpx version=\"1.1\">"
		"<wpt lat=\"x\" lon=\"106\"/>"                                   /* 1 */
		"<wpt lon=\"106\"/>"                                             /* 2 */
		"<trk><trkseg><trkpt lat=\"22\" lon=\"106\"/></trkseg></trk>"    /* 3 */
		"<trk><name>empty</name></trk>"                                  /* 4 */
		"<wpt lat=\"22\" lon=\"106\"><ele>high</ele></wpt>"              /* 5 */
		"<wpt lat=\"22\" lon=\"106\"/>"                                  /* 6 good */
		"</gpx>", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.features), 1);
	const char *want[] = { "coord_invalid", "coord_invalid", "geom_line_short", "geom_empty", "coord_invalid" };
	assert_int_equal(json_array_size(r.report), 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(rcode(&r, i), want[i]);
		assert_int_equal(rwhere(&r, i), (long)i + 1);
	}
	result_release(&r);
	r = read_str(GEO_FORMAT_GPX, "GPX\x01 not xml <", NULL);
	assert_string_equal(r.e.code, "xml_invalid");
	result_release(&r);
	r = read_str(GEO_FORMAT_GPX, "<kml/>", NULL);
	assert_string_equal(r.e.code, "xml_root");
	result_release(&r);
	r = read_str(GEO_FORMAT_GPX, "<!DOCTYPE gpx [<!ENTITY a \"b\">]><gpx>&a;</gpx>", NULL);
	assert_string_equal(r.e.code, "xml_entity");
	result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gpx),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
