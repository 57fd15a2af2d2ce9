/*
 * xml.h - what the two XML readers (kml.c, gpx.c) share: a hardened expat
 * parser and the building of one feature from the elements met. Private
 * to src/geo/.
 */
#ifndef BP_GEO_XML_H
#define BP_GEO_XML_H

/* expat declares its billion laughs guard only under XML_DTD, which its
 * build configuration (expat_config.h, shipped by Debian) says it has. */
#if defined(__has_include)
#if __has_include(<expat_config.h>)
#include <expat_config.h>
#endif
#endif
#include <expat.h>

#include "geo/formats.h"
#include "util/buf.h"

struct geo_part {
	enum geom_type type;
	struct geo_pos *pos;
	size_t n;
};

struct geo_xml {
	XML_Parser p;
	bool refused;     /* an entity declaration or an external reference */
	bool wrong_root;
	const char *root; /* the root element's local name: "kml", "gpx" */
	int depth;
	/* the format's handlers, called with local names, through ours */
	XML_StartElementHandler start;
	XML_EndElementHandler end;
	char stack[64][24]; /* local names of the open elements, truncated */

	/* character data of the leaf being read, when collect */
	struct buf text;
	bool collect;

	feature_fn fn;
	void *arg;
	json_t *report;
	struct bp_error *e;
	enum bp_err rc;   /* a fatal error from fn */

	/* the feature being read (between begin and end) */
	long number;
	bool in_feature;
	json_t *props;
	struct geo_part *parts;
	size_t nparts, cap_parts;
	bool bad;
	/* positions of the line being read (GPX points, KML coordinates) */
	struct geo_pos *cur;
	size_t ncur, cap_cur;
};

/* The local name of an element: "kml:Placemark" -> "Placemark". */
const char *geo_xml_local(const char *name);
/* The local name of the element depth levels up (0: the current one), or "". */
const char *geo_xml_up(const struct geo_xml *x, int levels);
/* Starts collecting character data. */
void geo_xml_collect(struct geo_xml *x);

void geo_xml_begin_feature(struct geo_xml *x);
void geo_xml_problem(struct geo_xml *x, const char *code, const char *detail);
void geo_xml_add_pos(struct geo_xml *x, const struct geo_pos *p);
/* Ends the line in x->cur as a part of the feature (reported when short). */
void geo_xml_end_line(struct geo_xml *x, enum geom_type type);
/* Hands the feature's parts on (one feature each) or reports it. */
void geo_xml_end_feature(struct geo_xml *x);

/*
 * Parses data with start and end element handlers (the character data
 * handler is ours), refusing DTD entities and external references.
 * label names the format in errors ("KML", "GPX").
 */
enum bp_err geo_xml_run(struct geo_xml *x, const char *data, size_t len, const char *label,
			XML_StartElementHandler start, XML_EndElementHandler end);

#endif
