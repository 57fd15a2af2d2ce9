/* Tests src/geo/kml.c and the XML safety of src/geo/xml.c. */
#include "collect.h"

static void test_placemarks(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_KML,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>layer</name><Folder>\n"
		"<Placemark><name>1116</name><description>Mốc &amp; cột</description>\n"
		" <ExtendedData><Data name=\"border\"><value>VN-CN</value></Data></ExtendedData>\n"
		" <Point><coordinates> 106.7589123,21.9712345,312.5 </coordinates></Point></Placemark>\n"
		"<Placemark><name>Đường 1</name><ExtendedData><SchemaData schemaUrl=\"#s\">"
		"<SimpleData name=\"kind\">patrol</SimpleData></SchemaData></ExtendedData>\n"
		" <LineString><coordinates>106.1,22.1 106.2,22.2\n106.3,22.3</coordinates></LineString></Placemark>\n"
		"<Placemark><name>m</name><MultiGeometry><LineString><coordinates>106.1,22.1 106.2,22.2</coordinates></LineString>"
		"<LineString><coordinates>106.3,22.3 106.4,22.4</coordinates></LineString></MultiGeometry></Placemark>\n"
		"</Folder></Document></kml>", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.report), 0);
	assert_int_equal(json_array_size(r.features), 4);
	assert_string_equal(prop(&r, 0, "name"), "1116");
	assert_string_equal(prop(&r, 0, "description"), "Mốc & cột");
	assert_string_equal(prop(&r, 0, "border"), "VN-CN");
	assert_true(coord(&r, 0, 0, 0) == 106.7589123);
	assert_true(coord(&r, 0, 0, 2) == 312.5);
	assert_string_equal(prop(&r, 1, "kind"), "patrol");
	assert_int_equal(json_array_size(json_object_get(feat(&r, 1), "coords")), 3);
	assert_int_equal(json_integer_value(json_object_get(feat(&r, 3), "where")), 3);
	result_release(&r);
}

static void test_bad_placemarks(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_KML,
		"<kml><Document>"
		"<Placemark><name>ok</name><Point><coordinates>106,22</coordinates></Point></Placemark>"          /* 1 */
		"<Placemark><name>none</name></Placemark>"                                                      /* 2 */
		"<Placemark><LineString><coordinates>106,22</coordinates></LineString></Placemark>"            /* 3 */
		"<Placemark><Point><coordinates>abc,22</coordinates></Point></Placemark>"                      /* 4 */
		"<Placemark><Point><coordinates>106,22,1,2</coordinates></Point></Placemark>"                  /* 5 */
		"<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>106,22 107,22 107,23 106,22</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>" /* 6 */
		"<Placemark><Point><coordinates></coordinates></Point></Placemark>"                            /* 7 */
		"</Document></kml>", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.features), 1);
	const char *want[] = { "geom_empty", "geom_line_short", "coord_invalid", "coord_invalid", "geom_unsupported", "geom_empty" };
	assert_int_equal(json_array_size(r.report), 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(rcode(&r, i), want[i]);
		assert_int_equal(rwhere(&r, i), (long)i + 2);
	}
	result_release(&r);
}

static void test_not_xml(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_KML, "this is not XML", NULL);
	assert_int_equal(r.rc, BP_EINVAL);
	assert_string_equal(r.e.code, "xml_invalid");
	result_release(&r);
	r = read_str(GEO_FORMAT_KML, "<kml><Placemark><name>x</name>", NULL);
	assert_string_equal(r.e.code, "xml_invalid");
	assert_int_equal(json_array_size(r.features), 0);
	result_release(&r);
	r = read_str(GEO_FORMAT_KML, "<gpx version=\"1.1\"></gpx>", NULL);
	assert_string_equal(r.e.code, "xml_root");
	assert_non_null(strstr(r.e.message_en, "KML"));
	result_release(&r);
	r = read_str(GEO_FORMAT_KML, "", NULL);
	assert_string_equal(r.e.code, "xml_invalid");
	result_release(&r);
}

static void test_billion_laughs(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_KML,
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE kml [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n"
		"<kml><Placemark><name>&lol9;</name><Point><coordinates>106,22</coordinates></Point></Placemark></kml>", NULL);
	assert_int_equal(r.rc, BP_EINVAL);
	assert_string_equal(r.e.code, "xml_entity");
	assert_int_equal(json_array_size(r.features), 0);
	result_release(&r);
}

static void test_external_entity(void **state)
{
	(void)state;
	struct read_result r = read_str(GEO_FORMAT_KML,
		"<?xml version=\"1.0\"?>\n<!DOCTYPE kml [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<kml><Placemark><name>&xxe;</name><Point><coordinates>106,22</coordinates></Point></Placemark></kml>", NULL);
	assert_string_equal(r.e.code, "xml_entity");
	assert_int_equal(json_array_size(r.features), 0);
	result_release(&r);
	/* an external DTD is not fetched: a DOCTYPE naming one is refused */
	r = read_str(GEO_FORMAT_KML,
		"<?xml version=\"1.0\"?>\n<!DOCTYPE kml SYSTEM \"http://example.invalid/evil.dtd\">\n"
		"<kml><Placemark><name>&evil;</name><Point><coordinates>106,22</coordinates></Point></Placemark></kml>", NULL);
	assert_string_equal(r.e.code, "xml_entity");
	assert_int_equal(json_array_size(r.features), 0);
	result_release(&r);
	/* a parameter entity */
	r = read_str(GEO_FORMAT_KML,
		"<?xml version=\"1.0\"?>\n<!DOCTYPE kml [ <!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p; ]>\n<kml/>", NULL);
	assert_string_equal(r.e.code, "xml_entity");
	result_release(&r);
	/* a DOCTYPE without entities is harmless */
	r = read_str(GEO_FORMAT_KML, "<?xml version=\"1.0\"?>\n<!DOCTYPE kml>\n"
		"<kml><Placemark><Point><coordinates>106,22</coordinates></Point></Placemark></kml>", NULL);
	assert_int_equal(r.rc, BP_OK);
	assert_int_equal(json_array_size(r.features), 1);
	result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placemarks),
		cmocka_unit_test(test_bad_placemarks),
		cmocka_unit_test(test_not_xml),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_external_entity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
