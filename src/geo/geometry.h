/*
 * geometry.h - measuring and checking positions and lines on the WGS84
 * ellipsoid: geodesic length, bounding box, the configured region, and the
 * mistakes people make with coordinates (latitude and longitude swapped).
 *
 * Lengths use Vincenty's inverse formula (T. Vincenty, "Direct and
 * inverse solutions of geodesics on the ellipsoid", Survey Review 1975):
 * about half a millimetre of error on WGS84, a few dozen lines of C, no
 * library. Its one weakness is that it may fail to converge for nearly
 * antipodal points, which Karney's algorithm (GeographicLib) handles;
 * every position we measure lies inside the configured region, a box a
 * few thousand kilometres wide, so that case cannot arise here, and the
 * function falls back to a spherical distance rather than loop if it ever
 * did. Segments and roads are a few hundred metres to tens of kilometres
 * long, where Vincenty is exact to far better than a metre.
 *
 * The region is where registry positions may lie: by default a box around
 * Vietnam and its land borders and coast, west 101.5, south 8.0, east
 * 110.5, north 23.6 (A Pa Chải at 102.14 E, Lũng Cú at 23.39 N, Cà Mau at
 * 8.6 N, Mũi Đôi at 109.46 E, with a margin); BIENPHONG_REGION =
 * "west,south,east,north" changes it. Since the region's latitudes and
 * longitudes do not overlap, a position outside it that would be inside
 * with the two swapped is told apart from one that is just wrong.
 */
#ifndef BP_GEO_GEOMETRY_H
#define BP_GEO_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>

#include "geo/feature.h"
#include "util/err.h"

struct geo_region {
	double west, south, east, north;
};

#define GEO_REGION_DEFAULT "101.5,8.0,110.5,23.6"

/* Parses "west,south,east,north" (degrees); false when malformed or empty. */
bool geo_region_parse(const char *s, struct geo_region *out);
/* The configured region: BIENPHONG_REGION when it parses, else the default. */
void geo_region_get(struct geo_region *out);
bool geo_region_contains(const struct geo_region *r, double lon, double lat);

/* The geodesic distance in metres between two positions (degrees). */
double geo_distance_m(double lon1, double lat1, double lon2, double lat2);
/* The length in metres of a line (the sum of its geodesic pieces). */
double geo_line_length_m(const struct geo_pos *p, size_t n);
/* bbox = {west, south, east, north} of n >= 1 positions. */
void geo_bbox(const struct geo_pos *p, size_t n, double bbox[4]);

/*
 * A position the registry may store: finite ("coord_invalid"), inside
 * the region; if not, "coord_swapped" when [lat, lon] would be inside
 * (checked before WGS84's range, since a swapped Vietnamese position has a
 * "latitude" over 100), else "coord_invalid" out of WGS84's range, else
 * "coord_outside_region". field names the
 * input (a field or "geometry[3]") in the error.
 */
enum bp_err geo_check_point(const struct geo_region *r, double lon, double lat,
			    const char *field, struct bp_error *e);
/*
 * A line the registry may store: at least two positions
 * ("geom_line_short"), not all at one place ("line_degenerate"), at most
 * GEO_LINE_MAX_POINTS ("line_too_many_points"), each one a good point.
 */
#define GEO_LINE_MAX_POINTS 100000
enum bp_err geo_check_line(const struct geo_region *r, const struct geo_pos *p, size_t n,
			   const char *field, struct bp_error *e);

#endif
