/*
 * kml.c - reading KML 2.2 (Google Earth, GDAL, phone apps) with expat.
 *
 * Each Placemark, wherever it stands (in Documents and Folders), is one
 * feature: its Point or LineString, or the Points and LineStrings of a
 * MultiGeometry, each handed on as a feature of its own (as GDAL writes a
 * MultiLineString). Properties: <name> and <description>, and the
 * ExtendedData in both of its forms, <Data name="k"><value>v</value></Data>
 * (Google Earth) and <SchemaData><SimpleData name="k">v</SimpleData>
 * (GDAL, ArcGIS); ExtendedData wins over <name> when both name a field.
 * Polygons, tracks and models are reported as unsupported. Element names
 * are matched without their prefix, so kml:Placemark is a Placemark.
 *
 * The parser's safety (no entities, no external files) is in xml.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "geo/xml.h"

struct kml {
	struct geo_xml x; /* first: expat's user data is a struct geo_xml */
	char data_name[256]; /* the name of the <Data> being read */
	int geom_depth;      /* > 0 inside a geometry of the placemark */
	enum geom_type geom; /* the geometry whose coordinates come next */
};

static const char *attr(const XML_Char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(geo_xml_local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/*
 * "lon,lat[,alt] lon,lat[,alt] ..." into x->cur. Tuples are separated by
 * white space; blanks next to a comma (written by some tools) are taken
 * as part of the tuple.
 */
static void parse_coordinates(struct geo_xml *x, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && !x->bad) {
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i == len)
			break;
		double v[4];
		int nv = 0;
		bool ok = true;
		for (;;) {
			size_t start = i;
			while (i < len && s[i] != ',' && !isspace((unsigned char)s[i]))
				i++;
			double d;
			if (nv == 4 || !geo_parse_num(s + start, i - start, &d)) {
				ok = false;
				break;
			}
			v[nv++] = d;
			size_t j = i;
			while (j < len && isspace((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == ',') {
				i = j + 1;
				while (i < len && isspace((unsigned char)s[i]))
					i++;
				continue;
			}
			break;
		}
		if (!ok || nv < 2 || nv > 3) {
			geo_xml_problem(x, "coord_invalid",
					nv > 3 ? "a position holds at most three numbers lon,lat,altitude" :
					"each position is lon,lat[,altitude] with numbers");
			return;
		}
		struct geo_pos p = { .lon = v[0], .lat = v[1], .ele = nv == 3 ? v[2] : 0, .has_ele = nv == 3 };
		const char *bad = geo_pos_range_code(&p);
		if (bad) {
			char d[128];
			if (!strcmp(bad, "coord_swapped"))
				snprintf(d, sizeof(d), "%.7g,%.7g", p.lon, p.lat);
			else
				snprintf(d, sizeof(d), "%.7g,%.7g lies outside WGS84 (lon -180..180, lat -90..90)",
					 p.lon, p.lat);
			geo_xml_problem(x, bad, d);
			return;
		}
		geo_xml_add_pos(x, &p);
	}
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct kml *k = ud;
	struct geo_xml *x = &k->x;
	if (!strcmp(name, "Placemark")) {
		if (x->in_feature) /* a Placemark in a Placemark is not KML */
			return;
		geo_xml_begin_feature(x);
		k->geom_depth = 0;
		return;
	}
	if (!x->in_feature)
		return;
	if (!strcmp(name, "Point") || !strcmp(name, "LineString")) {
		k->geom = name[0] == 'P' ? GEOM_POINT : GEOM_LINESTRING;
		k->geom_depth++;
		x->ncur = 0;
	} else if (!strcmp(name, "Polygon") || !strcmp(name, "LinearRing") || !strcmp(name, "Track") ||
		   !strcmp(name, "MultiTrack") || !strcmp(name, "Model")) {
		geo_xml_problem(x, "geom_unsupported", name);
	} else if (!strcmp(name, "coordinates") && k->geom_depth > 0) {
		geo_xml_collect(x);
	} else if ((!strcmp(name, "name") || !strcmp(name, "description")) &&
		   !strcmp(geo_xml_up(x, 1), "Placemark")) {
		geo_xml_collect(x);
	} else if (!strcmp(name, "Data") || !strcmp(name, "SimpleData")) {
		const char *n = attr(atts, "name");
		snprintf(k->data_name, sizeof(k->data_name), "%s", n ? n : "");
		if (name[0] == 'S')
			geo_xml_collect(x);
	} else if (!strcmp(name, "value") && !strcmp(geo_xml_up(x, 1), "Data")) {
		geo_xml_collect(x);
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct kml *k = ud;
	struct geo_xml *x = &k->x;
	if (!x->in_feature)
		return;
	if (!strcmp(name, "Placemark")) {
		geo_xml_end_feature(x);
	} else if (!strcmp(name, "coordinates") && x->collect) {
		parse_coordinates(x, x->text.data, x->text.len);
	} else if (!strcmp(name, "Point") || !strcmp(name, "LineString")) {
		k->geom_depth--;
		geo_xml_end_line(x, name[0] == 'P' ? GEOM_POINT : GEOM_LINESTRING);
	} else if ((!strcmp(name, "name") || !strcmp(name, "description")) && x->collect) {
		/* ExtendedData read before <name> keeps its value. */
		if (!json_object_get(x->props, name))
			json_object_set_new(x->props, name, json_string(x->text.data));
	} else if ((!strcmp(name, "value") || !strcmp(name, "SimpleData")) && x->collect) {
		if (k->data_name[0])
			json_object_set_new(x->props, k->data_name, json_string(x->text.data));
	}
}

enum bp_err kml_read(const char *data, size_t len, feature_fn fn, void *arg,
		     json_t *report, struct bp_error *e)
{
	struct kml k = { .x = { .root = "kml", .fn = fn, .arg = arg, .report = report, .e = e } };
	return geo_xml_run(&k.x, data, len, "KML", on_start, on_end);
}
