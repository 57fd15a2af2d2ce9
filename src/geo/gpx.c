/*
 * gpx.c - reading GPX 1.0 and 1.1 (GPS receivers, OsmAnd, GDAL) with expat.
 *
 * A waypoint (wpt) is a point; a track (trk) is a line per segment
 * (trkseg), and a route (rte) one line: on a patrol, the track recorded
 * and the route planned are both the road walked, so both become roads.
 * The feature's number counts wpt, trk and rte together in file order.
 * Properties: <name>, <desc> as "description", and the children of
 * <extensions> by local name (GDAL writes the fields it has no GPX element
 * for as <extensions><ogr:number>…), so a file that went through GDAL
 * keeps its fields. The elevation is the point's height. Times, symbols
 * and the rest of GPX are not registry data and are skipped.
 */
#include <stdio.h>
#include <string.h>

#include "geo/xml.h"

struct gpx {
	struct geo_xml x; /* first: expat's user data is a struct geo_xml */
	char owner[8];    /* "wpt", "trk", "rte": the feature being read */
	struct geo_pos pt; /* the wpt, trkpt or rtept being read */
	bool in_pt;
	bool pt_bad;
	int ext_depth;    /* > 0 inside <extensions> of the feature */
};

static const char *attr(const XML_Char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(geo_xml_local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

static void start_point(struct gpx *g, const XML_Char **atts)
{
	const char *lat = attr(atts, "lat"), *lon = attr(atts, "lon");
	g->in_pt = true;
	g->pt = (struct geo_pos){ 0 };
	if (!lat || !lon || !geo_parse_num(lat, strlen(lat), &g->pt.lat) ||
	    !geo_parse_num(lon, strlen(lon), &g->pt.lon)) {
		geo_xml_problem(&g->x, "coord_invalid", "a point needs numeric lat and lon attributes");
		return;
	}
	if (!geo_pos_in_range(&g->pt)) {
		char d[128];
		snprintf(d, sizeof(d), "lat %.7g, lon %.7g lies outside WGS84", g->pt.lat, g->pt.lon);
		geo_xml_problem(&g->x, "coord_invalid", d);
	}
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct gpx *g = ud;
	struct geo_xml *x = &g->x;
	if (!x->in_feature) {
		if (x->depth == 2 && (!strcmp(name, "wpt") || !strcmp(name, "trk") || !strcmp(name, "rte"))) {
			geo_xml_begin_feature(x);
			snprintf(g->owner, sizeof(g->owner), "%s", name);
			g->ext_depth = 0;
			if (name[0] == 'w')
				start_point(g, atts);
		}
		return;
	}
	if (g->ext_depth > 0) {
		g->ext_depth++;
		geo_xml_collect(x); /* a leaf of the extensions: kept when it ends as one */
		return;
	}
	const char *parent = geo_xml_up(x, 1);
	bool at_owner = !strcmp(parent, g->owner);
	if (!strcmp(name, "trkpt") || !strcmp(name, "rtept")) {
		start_point(g, atts);
	} else if (!strcmp(name, "trkseg")) {
		x->ncur = 0;
	} else if (!strcmp(name, "ele") && g->in_pt) {
		geo_xml_collect(x);
	} else if (at_owner && (!strcmp(name, "name") || !strcmp(name, "desc"))) {
		geo_xml_collect(x);
	} else if (at_owner && !strcmp(name, "extensions")) {
		g->ext_depth = 1;
	}
}

static void end_point(struct gpx *g)
{
	g->in_pt = false;
	if (!g->x.bad)
		geo_xml_add_pos(&g->x, &g->pt);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct gpx *g = ud;
	struct geo_xml *x = &g->x;
	if (!x->in_feature)
		return;
	if (g->ext_depth > 0) {
		/* A leaf directly under <extensions> is a field; deeper
		 * structures (Garmin's TrackPointExtension) are not ours. */
		if (g->ext_depth == 2 && x->collect)
			json_object_set_new(x->props, name, json_string(x->text.data));
		g->ext_depth--;
		return;
	}
	if (!strcmp(name, g->owner) && !strcmp(geo_xml_up(x, 1), "gpx")) {
		if (name[0] == 'w') {
			end_point(g);
			geo_xml_end_line(x, GEOM_POINT);
		} else if (name[0] == 'r') {
			geo_xml_end_line(x, GEOM_LINESTRING);
		}
		geo_xml_end_feature(x);
	} else if (!strcmp(name, "trkpt") || !strcmp(name, "rtept")) {
		end_point(g);
	} else if (!strcmp(name, "trkseg")) {
		geo_xml_end_line(x, GEOM_LINESTRING);
	} else if (!strcmp(name, "ele") && x->collect && g->in_pt) {
		if (!geo_parse_num(x->text.data, x->text.len, &g->pt.ele))
			geo_xml_problem(x, "coord_invalid", "<ele> is not a number");
		g->pt.has_ele = true;
	} else if ((!strcmp(name, "name") || !strcmp(name, "desc")) && x->collect) {
		json_object_set_new(x->props, name[0] == 'n' ? "name" : "description",
				    json_string(x->text.data));
	}
}

enum bp_err gpx_read(const char *data, size_t len, feature_fn fn, void *arg,
		     json_t *report, struct bp_error *e)
{
	struct gpx g = { .x = { .root = "gpx", .fn = fn, .arg = arg, .report = report, .e = e } };
	return geo_xml_run(&g.x, data, len, "GPX", on_start, on_end);
}
