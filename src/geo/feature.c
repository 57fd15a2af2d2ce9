/*
 * feature.c - what every file format shares: releasing a feature, the
 * problem report, the table of formats (names, extensions, media types),
 * the import size limit, and number formatting and parsing.
 *
 * Numbers are written with a fixed number of decimals and the trailing
 * zeros dropped: 7 decimals for degrees is about 1 cm on the ground, more
 * than any GPS the posts carry, and RFC 7946 (section 11.2) recommends no
 * more than 6-7. Parsing accepts only a whole, finite decimal number
 * ("1e3" and " 5" are accepted by strtod, NaN and "12abc" are not by us).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "geo/formats.h"
#include "geo/geometry.h"
#include "util/report.h"

void feature_release(struct feature *f)
{
	free(f->pos);
	f->pos = NULL;
	f->npos = 0;
	json_decref(f->props);
	f->props = NULL;
}

void geo_report_add(json_t *report, long where, const struct bp_error *e)
{
	report_add(report, where, e);
}

static const struct {
	enum geo_format f;
	const char *name, *ext, *media;
} formats[] = {
	{ GEO_FORMAT_GEOJSON, "geojson", "geojson", "application/geo+json; charset=utf-8" },
	{ GEO_FORMAT_KML, "kml", "kml", "application/vnd.google-earth.kml+xml; charset=utf-8" },
	{ GEO_FORMAT_GPX, "gpx", "gpx", "application/gpx+xml; charset=utf-8" },
	{ GEO_FORMAT_CSV, "csv", "csv", "text/csv; charset=utf-8" },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

enum geo_format geo_format_parse(const char *name)
{
	if (!name)
		return GEO_FORMAT_NONE;
	if (!strcasecmp(name, "json"))
		return GEO_FORMAT_GEOJSON;
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcasecmp(name, formats[i].name))
			return formats[i].f;
	return GEO_FORMAT_NONE;
}

enum geo_format geo_format_of_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return GEO_FORMAT_NONE;
	return geo_format_parse(dot + 1);
}

enum geo_format geo_format_of_media(const char *ct)
{
	if (!ct)
		return GEO_FORMAT_NONE;
	size_t n = strcspn(ct, "; \t");
	static const struct { const char *media; enum geo_format f; } media[] = {
		{ "application/geo+json", GEO_FORMAT_GEOJSON },
		{ "application/vnd.geo+json", GEO_FORMAT_GEOJSON },
		{ "application/vnd.google-earth.kml+xml", GEO_FORMAT_KML },
		{ "application/gpx+xml", GEO_FORMAT_GPX },
		{ "text/csv", GEO_FORMAT_CSV },
	};
	for (size_t i = 0; i < sizeof(media) / sizeof(media[0]); i++)
		if (strlen(media[i].media) == n && !strncasecmp(ct, media[i].media, n))
			return media[i].f;
	return GEO_FORMAT_NONE;
}

const char *geo_format_name(enum geo_format f)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i].f == f)
			return formats[i].name;
	return "";
}

const char *geo_format_media(enum geo_format f)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i].f == f)
			return formats[i].media;
	return "application/octet-stream";
}

const char *geo_format_ext(enum geo_format f)
{
	return geo_format_name(f);
}

size_t geo_import_max(void)
{
	const char *s = getenv("BIENPHONG_IMPORT_MAX");
	if (!s || !*s)
		return GEO_IMPORT_MAX_DEFAULT;
	char *end = NULL;
	unsigned long long n = strtoull(s, &end, 10);
	switch (toupper((unsigned char)*end)) {
	case 'K': n <<= 10; end++; break;
	case 'M': n <<= 20; end++; break;
	case 'G': n <<= 30; end++; break;
	default: break;
	}
	if (end == s || *end || n == 0)
		return GEO_IMPORT_MAX_DEFAULT;
	return (size_t)n;
}

enum bp_err geo_too_large(struct bp_error *e)
{
	char max[48];
	size_t n = geo_import_max();
	if (n % (1024 * 1024) == 0)
		snprintf(max, sizeof(max), "%zu MiB", n / (1024 * 1024));
	else
		snprintf(max, sizeof(max), "%zu bytes", n);
	return err_set(e, "import_too_large", max);
}

enum bp_err geo_read(enum geo_format f, const char *data, size_t len,
		     const char *const *csv_columns, feature_fn fn, void *arg,
		     json_t *report, struct bp_error *e)
{
	if (len > geo_import_max())
		return geo_too_large(e);
	switch (f) {
	case GEO_FORMAT_GEOJSON: return geojson_read(data, len, fn, arg, report, e);
	case GEO_FORMAT_KML: return kml_read(data, len, fn, arg, report, e);
	case GEO_FORMAT_GPX: return gpx_read(data, len, fn, arg, report, e);
	case GEO_FORMAT_CSV: return csv_read(data, len, csv_columns, fn, arg, report, e);
	case GEO_FORMAT_NONE: break;
	}
	return err_set(e, "format_unknown", NULL);
}

int geo_fmt_num(char *out, size_t n, double x, int decimals)
{
	int len = snprintf(out, n, "%.*f", decimals, x);
	if (len <= 0 || (size_t)len >= n)
		return len;
	if (strchr(out, '.')) {
		while (out[len - 1] == '0')
			out[--len] = '\0';
		if (out[len - 1] == '.')
			out[--len] = '\0';
	}
	if (!strcmp(out, "-0")) /* -0.00000001 rounds to "-0" */
		len = snprintf(out, n, "0");
	return len;
}

bool geo_parse_num(const char *s, size_t len, double *out)
{
	char tmp[64];
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	/* strtod also takes "nan", "inf" and hex floats: only plain decimals. */
	for (size_t i = 0; i < len; i++)
		if (!strchr("0123456789+-.eE", tmp[i]))
			return false;
	char *end = NULL;
	double v = strtod(tmp, &end);
	if (end == tmp || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool geo_pos_in_range(const struct geo_pos *p)
{
	return p->lon >= -180 && p->lon <= 180 && p->lat >= -90 && p->lat <= 90 &&
	       (!p->has_ele || isfinite(p->ele));
}

const char *geo_pos_range_code(const struct geo_pos *p)
{
	struct geo_region r;
	if (geo_pos_in_range(p))
		return NULL;
	geo_region_get(&r);
	return isfinite(p->lon) && isfinite(p->lat) && geo_region_contains(&r, p->lat, p->lon)
		       ? "coord_swapped" : "coord_invalid";
}

void geo_part_id(const char *id, size_t i, char out[37])
{
	/* A name-based UUID in the manner of version 5 (RFC 9562), with
	 * BLAKE2b instead of SHA-1: "<id>#<i>" hashed, version and variant
	 * bits set. */
	char name[96];
	int n = snprintf(name, sizeof(name), "%s#%zu", id, i);
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)name, (size_t)n, NULL, 0);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int k = 0; k < 16; k++) {
		if (k == 4 || k == 6 || k == 8 || k == 10)
			out[o++] = '-';
		out[o++] = hex[h[k] >> 4];
		out[o++] = hex[h[k] & 15];
	}
	out[o] = '\0';
}

const char *geo_feature_label(const struct feature *f)
{
	const char *keys[] = { "name", "number" };
	for (size_t i = 0; i < 2; i++) {
		json_t *v = json_object_get(f->props, keys[i]);
		if (json_is_string(v) && *json_string_value(v))
			return json_string_value(v);
	}
	return NULL;
}
