/*
 * geometry.c - geodesic lengths (Vincenty), bounding boxes and the region
 * checks; see geometry.h for the choices.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geometry.h"

/* WGS84 */
#define WGS84_A 6378137.0
#define WGS84_F (1 / 298.257223563)
#define WGS84_B (WGS84_A * (1 - WGS84_F))
#define DEG (M_PI / 180.0)

bool geo_region_parse(const char *s, struct geo_region *out)
{
	double v[4];
	const char *p = s;
	if (!s || !*s)
		return false;
	for (int i = 0; i < 4; i++) {
		char *end = NULL;
		v[i] = strtod(p, &end);
		if (end == p || !isfinite(v[i]))
			return false;
		p = end;
		while (*p == ' ')
			p++;
		if (i < 3) {
			if (*p != ',')
				return false;
			p++;
		}
	}
	if (*p)
		return false;
	if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
		return false;
	*out = (struct geo_region){ v[0], v[1], v[2], v[3] };
	return true;
}

void geo_region_get(struct geo_region *out)
{
	/* Read each time: tests change it between cases. Parsed again only
	 * when it changed (each thread keeps the last): parsing it was a
	 * twentieth of an import's time, once a feature. */
	static _Thread_local char last[256];
	static _Thread_local struct geo_region parsed;
	static _Thread_local bool have;
	const char *env = getenv("BIENPHONG_REGION");
	const char *key = env ? env : "";
	if (have && strlen(key) < sizeof(last) && !strcmp(key, last)) {
		*out = parsed;
		return;
	}
	if (!geo_region_parse(env, out))
		geo_region_parse(GEO_REGION_DEFAULT, out);
	have = strlen(key) < sizeof(last);
	if (have) {
		snprintf(last, sizeof(last), "%s", key);
		parsed = *out;
	}
}

bool geo_region_contains(const struct geo_region *r, double lon, double lat)
{
	return lon >= r->west && lon <= r->east && lat >= r->south && lat <= r->north;
}

/* The great-circle distance on the mean sphere, only as a fallback. */
static double sphere_distance_m(double lon1, double lat1, double lon2, double lat2)
{
	double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * DEG) * cos(lat2 * DEG) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * 6371008.8 * asin(fmin(1.0, sqrt(h)));
}

double geo_distance_m(double lon1, double lat1, double lon2, double lat2)
{
	const double a = WGS84_A, b = WGS84_B, f = WGS84_F;
	if (lon1 == lon2 && lat1 == lat2)
		return 0.0;
	double L = (lon2 - lon1) * DEG;
	double U1 = atan((1 - f) * tan(lat1 * DEG)), U2 = atan((1 - f) * tan(lat2 * DEG));
	double sinU1 = sin(U1), cosU1 = cos(U1), sinU2 = sin(U2), cosU2 = cos(U2);
	double lambda = L, prev;
	double sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM;
	int iter = 0;
	do {
		double sinL = sin(lambda), cosL = cos(lambda);
		double t1 = cosU2 * sinL, t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosL;
		sinSigma = sqrt(t1 * t1 + t2 * t2);
		if (sinSigma == 0)
			return 0.0; /* the same point */
		cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
		sigma = atan2(sinSigma, cosSigma);
		double sinAlpha = cosU1 * cosU2 * sinL / sinSigma;
		cos2Alpha = 1 - sinAlpha * sinAlpha;
		/* On the equator cos2Alpha is 0 and the term vanishes. */
		cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
		double C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
		prev = lambda;
		lambda = L + (1 - C) * f * sinAlpha *
			(sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
	} while (fabs(lambda - prev) > 1e-12 && ++iter < 200);
	if (iter >= 200)
		return sphere_distance_m(lon1, lat1, lon2, lat2); /* nearly antipodal: see geometry.h */
	double u2 = cos2Alpha * (a * a - b * b) / (b * b);
	double A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
	double B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
	double dSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
		B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
	return b * A * (sigma - dSigma);
}

double geo_line_length_m(const struct geo_pos *p, size_t n)
{
	double sum = 0;
	for (size_t i = 1; i < n; i++)
		sum += geo_distance_m(p[i - 1].lon, p[i - 1].lat, p[i].lon, p[i].lat);
	return sum;
}

void geo_bbox(const struct geo_pos *p, size_t n, double bbox[4])
{
	bbox[0] = bbox[2] = n ? p[0].lon : 0;
	bbox[1] = bbox[3] = n ? p[0].lat : 0;
	for (size_t i = 1; i < n; i++) {
		bbox[0] = fmin(bbox[0], p[i].lon);
		bbox[1] = fmin(bbox[1], p[i].lat);
		bbox[2] = fmax(bbox[2], p[i].lon);
		bbox[3] = fmax(bbox[3], p[i].lat);
	}
}

static enum bp_err point_err(struct bp_error *e, const char *code, const char *field,
			     double lon, double lat)
{
	char d[96];
	snprintf(d, sizeof(d), "%s [%.7g, %.7g]", field ? field : "", lon, lat);
	enum bp_err k = err_set(e, code, d);
	if (e)
		snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	return k;
}

enum bp_err geo_check_point(const struct geo_region *r, double lon, double lat,
			    const char *field, struct bp_error *e)
{
	if (!isfinite(lon) || !isfinite(lat))
		return point_err(e, "coord_invalid", field, lon, lat);
	if (geo_region_contains(r, lon, lat))
		return BP_OK;
	/* Before the range check: [22.0, 106.7] is no position at all, but
	 * what the user needs to hear is that the two are swapped. */
	if (geo_region_contains(r, lat, lon))
		return point_err(e, "coord_swapped", field, lon, lat);
	if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
		return point_err(e, "coord_invalid", field, lon, lat);
	return point_err(e, "coord_outside_region", field, lon, lat);
}

enum bp_err geo_check_line(const struct geo_region *r, const struct geo_pos *p, size_t n,
			   const char *field, struct bp_error *e)
{
	if (n < 2) {
		enum bp_err k = err_set(e, "geom_line_short", NULL);
		if (e)
			snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
		return k;
	}
	if (n > GEO_LINE_MAX_POINTS) {
		char d[32];
		snprintf(d, sizeof(d), "%d", GEO_LINE_MAX_POINTS);
		enum bp_err k = err_set(e, "line_too_many_points", d);
		if (e)
			snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
		return k;
	}
	bool distinct = false;
	for (size_t i = 0; i < n; i++) {
		char f[64];
		snprintf(f, sizeof(f), "%s[%zu]", field ? field : "geometry", i);
		enum bp_err rc = geo_check_point(r, p[i].lon, p[i].lat, f, e);
		if (rc)
			return rc;
		if (i && (p[i].lon != p[0].lon || p[i].lat != p[0].lat))
			distinct = true;
	}
	if (!distinct) {
		enum bp_err k = err_set(e, "line_degenerate", NULL);
		if (e)
			snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
		return k;
	}
	return BP_OK;
}
