/*
 * Tests src/geo/geometry.c: geodesic distances against published values,
 * bounding boxes, the region and the checks of points and lines.
 */
#include <math.h>

#include "helpers.h"
#include "geo/geometry.h"

static double dms(int d, int m, double s)
{
	double v = abs(d) + m / 60.0 + s / 3600.0;
	return d < 0 ? -v : v;
}

static void test_vincenty_flinders_buninyong(void **state)
{
	(void)state;
	/* Vincenty's own example (Survey Review 1975, and Geoscience
	 * Australia's worked example): Flinders Peak to Buninyong, 54 972.271 m. */
	double d = geo_distance_m(dms(144, 25, 29.52440), -dms(37, 57, 3.72030),
				  dms(143, 55, 35.38390), -dms(37, 39, 10.15610));
	assert_true(fabs(d - 54972.271) < 0.01);
}

static void test_geographiclib_jfk_lhr(void **state)
{
	(void)state;
	/* GeographicLib's documented example: JFK (40.6 N, 73.8 W) to LHR
	 * (51.6 N, 0.5 W) is 5 551 759.400 m on WGS84 (Karney's algorithm). */
	double d = geo_distance_m(-73.8, 40.6, -0.5, 51.6);
	assert_true(fabs(d - 5551759.400) < 1.0);
}

static void test_short_and_equatorial(void **state)
{
	(void)state;
	/* One degree of longitude on the equator: a * pi / 180. */
	double d = geo_distance_m(106.0, 0.0, 107.0, 0.0);
	assert_true(fabs(d - 6378137.0 * M_PI / 180) < 0.001);
	/* One degree of latitude from the equator: 110 574.389 m (meridian arc). */
	d = geo_distance_m(106.0, 0.0, 106.0, 1.0);
	assert_true(fabs(d - 110574.389) < 1.0);
	assert_true(geo_distance_m(106.5, 21.5, 106.5, 21.5) == 0.0);
	/* Symmetric. */
	double a = geo_distance_m(106.72, 22.01, 107.0, 21.86), b = geo_distance_m(107.0, 21.86, 106.72, 22.01);
	assert_true(fabs(a - b) < 1e-6);
}

static void test_line_length_and_bbox(void **state)
{
	(void)state;
	struct geo_pos p[] = { { .lon = 106.0, .lat = 0.0 }, { .lon = 106.5, .lat = 0.0 }, { .lon = 107.0, .lat = 0.0 } };
	assert_true(fabs(geo_line_length_m(p, 3) - 6378137.0 * M_PI / 180) < 0.001);
	assert_true(geo_line_length_m(p, 1) == 0.0);
	struct geo_pos q[] = { { .lon = 106.7, .lat = 22.0 }, { .lon = 106.5, .lat = 22.3 }, { .lon = 106.9, .lat = 21.9 } };
	double bb[4];
	geo_bbox(q, 3, bb);
	assert_true(bb[0] == 106.5 && bb[1] == 21.9 && bb[2] == 106.9 && bb[3] == 22.3);
}

static void test_region(void **state)
{
	(void)state;
	struct geo_region r;
	assert_true(geo_region_parse("101.5,8.0,110.5,23.6", &r));
	assert_true(r.west == 101.5 && r.south == 8.0 && r.east == 110.5 && r.north == 23.6);
	assert_true(geo_region_parse(" 100 , 5, 120 ,25", &r));
	assert_false(geo_region_parse("", &r));
	assert_false(geo_region_parse(NULL, &r));
	assert_false(geo_region_parse("1,2,3", &r));
	assert_false(geo_region_parse("1,2,3,4,5", &r));
	assert_false(geo_region_parse("110,8,101,23", &r)); /* west past east */
	assert_false(geo_region_parse("a,b,c,d", &r));
	assert_false(geo_region_parse("-200,8,101,23", &r));
	unsetenv("BIENPHONG_REGION");
	geo_region_get(&r);
	assert_true(r.west == 101.5 && r.north == 23.6);
	/* The default holds the ends of Vietnam: A Pa Chải, Lũng Cú, Cà Mau, Mũi Đôi. */
	assert_true(geo_region_contains(&r, 102.14, 22.40));
	assert_true(geo_region_contains(&r, 105.32, 23.36));
	assert_true(geo_region_contains(&r, 104.72, 8.60));
	assert_true(geo_region_contains(&r, 109.46, 12.65));
	setenv("BIENPHONG_REGION", "106,21,108,23", 1);
	geo_region_get(&r);
	assert_true(r.west == 106 && r.east == 108);
	setenv("BIENPHONG_REGION", "nonsense", 1);
	geo_region_get(&r);
	assert_true(r.west == 101.5); /* a bad setting falls back to the default */
	unsetenv("BIENPHONG_REGION");
}

static void test_check_point(void **state)
{
	(void)state;
	struct geo_region r;
	struct bp_error e;
	geo_region_parse(GEO_REGION_DEFAULT, &r);
	assert_int_equal(geo_check_point(&r, 106.7213, 22.0078, "x", &e), BP_OK);
	/* Hữu Nghị written [lat, lon]: told as a swap, not as a bad number. */
	assert_int_equal(geo_check_point(&r, 22.0078, 106.7213, "pos", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_swapped");
	assert_string_equal(e.field, "pos");
	/* Swapped, and then still outside: just outside. */
	assert_int_equal(geo_check_point(&r, 22.0078, 86.7213, "x", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_outside_region");
	assert_int_equal(geo_check_point(&r, 121.0, 31.2, "x", &e), BP_EINVAL); /* Shanghai */
	assert_string_equal(e.code, "coord_outside_region");
	assert_int_equal(geo_check_point(&r, NAN, 21.0, "x", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_invalid");
	assert_int_equal(geo_check_point(&r, 181, 21.0, "x", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_invalid");
	assert_int_equal(geo_check_point(&r, 106.0, -95.0, "x", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_invalid");
}

static void test_check_swapped(void **state)
{
	(void)state;
	/* A region where both orders are valid positions: the swap is still told. */
	struct geo_region big = { 20, 8, 110.5, 89 };
	struct bp_error e;
	assert_int_equal(geo_check_point(&big, 15.0, 30.0, "pos", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_swapped");
	assert_int_equal(geo_check_point(&big, 30.0, 15.0, "pos", &e), BP_OK);
	/* Every vertex of a line: the first bad one is named. */
	struct geo_region r;
	geo_region_parse(GEO_REGION_DEFAULT, &r);
	struct geo_pos p[] = { { .lon = 106.70, .lat = 22.00 }, { .lon = 22.01, .lat = 106.72 } };
	assert_int_equal(geo_check_line(&r, p, 2, "geometry", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_swapped");
	assert_string_equal(e.field, "geometry[1]");
}

static void test_check_line(void **state)
{
	(void)state;
	struct geo_region r;
	struct bp_error e;
	geo_region_parse(GEO_REGION_DEFAULT, &r);
	struct geo_pos ok[] = { { .lon = 106.70, .lat = 22.00 }, { .lon = 106.72, .lat = 22.01 } };
	assert_int_equal(geo_check_line(&r, ok, 2, "geometry", &e), BP_OK);
	assert_int_equal(geo_check_line(&r, ok, 1, "geometry", &e), BP_EINVAL);
	assert_string_equal(e.code, "geom_line_short");
	assert_int_equal(geo_check_line(&r, ok, 0, "geometry", &e), BP_EINVAL);
	assert_string_equal(e.code, "geom_line_short");
	struct geo_pos same[] = { { .lon = 106.70, .lat = 22.00 }, { .lon = 106.70, .lat = 22.00 } };
	assert_int_equal(geo_check_line(&r, same, 2, "geometry", &e), BP_EINVAL);
	assert_string_equal(e.code, "line_degenerate");
	struct geo_pos bad[] = { { .lon = 106.70, .lat = 22.00 }, { .lon = 126.70, .lat = 22.00 } };
	assert_int_equal(geo_check_line(&r, bad, 2, "geometry", &e), BP_EINVAL);
	assert_string_equal(e.code, "coord_outside_region");
	assert_string_equal(e.field, "geometry[1]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vincenty_flinders_buninyong),
		cmocka_unit_test(test_geographiclib_jfk_lhr),
		cmocka_unit_test(test_short_and_equatorial),
		cmocka_unit_test(test_line_length_and_bbox),
		cmocka_unit_test(test_region),
		cmocka_unit_test(test_check_point),
		cmocka_unit_test(test_check_swapped),
		cmocka_unit_test(test_check_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
