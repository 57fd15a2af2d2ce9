/*
 * csv.c - reading CSV (RFC 4180) of point layers, as a spreadsheet saves
 * them: a header row, then one feature per record.
 *
 * The header names the columns; "lat" and "lon" (WGS84 degrees) are
 * required, "elevation" becomes the position's height, and every other
 * column is a property (a string; an empty cell is left out). Lines come
 * in a "wkt" column instead of lat and lon, "LINESTRING (lon lat, ...)",
 * as our export and GDAL write them. A layer
 * passes the columns it takes, and any other is reported, with its line,
 * rather than silently dropped. Quoted fields may hold commas, doubled
 * quotes and line breaks; a record's number in the report is the line it
 * starts on, as a spreadsheet shows it.
 *
 * Records, encodings, separators and the formula guard are util/csv.c's
 * (see csv.h there); this file turns records into features.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/formats.h"
#include "util/csv.h"
#include "util/report.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * A WKT POINT or LINESTRING (optionally Z) into x: "LINESTRING (106.1
 * 22.1, 106.2 22.2)". Returns NULL, or what is wrong.
 */
static const char *parse_wkt(const char *s, enum geom_type *type, struct geo_pos **pos, size_t *n)
{
	*pos = NULL;
	*n = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (!strncasecmp(s, "POINT", 5)) {
		*type = GEOM_POINT;
		s += 5;
	} else if (!strncasecmp(s, "LINESTRING", 10)) {
		*type = GEOM_LINESTRING;
		s += 10;
	} else {
		return "wkt: only POINT and LINESTRING";
	}
	while (isspace((unsigned char)*s))
		s++;
	if (!strncasecmp(s, "Z", 1))
		s++;
	while (isspace((unsigned char)*s))
		s++;
	if (!strncasecmp(s, "EMPTY", 5))
		return "";
	if (*s++ != '(')
		return "wkt: '(' expected";
	size_t cap = 0;
	for (;;) {
		double v[3];
		int nv = 0;
		while (nv < 3) {
			while (isspace((unsigned char)*s))
				s++;
			size_t len = strcspn(s, " \t\r\n,)");
			if (!len)
				break;
			if (!geo_parse_num(s, len, &v[nv]))
				return "wkt: a coordinate is not a number";
			nv++;
			s += len;
		}
		if (nv < 2)
			return "wkt: each position is lon lat [elevation]";
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*pos = xrealloc(*pos, cap * sizeof(**pos));
		}
		(*pos)[(*n)++] = (struct geo_pos){ .lon = v[0], .lat = v[1], .ele = nv == 3 ? v[2] : 0, .has_ele = nv == 3 };
		while (isspace((unsigned char)*s))
			s++;
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == ')')
			break;
		return "wkt: ',' or ')' expected (at most three numbers a position)";
	}
	return NULL;
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

enum bp_err csv_read(const char *data, size_t len, const char *const *columns,
		     feature_fn fn, void *arg, json_t *report, struct bp_error *e)
{
	struct csv_reader rd;
	enum bp_err rc = csv_open(&rd, data, len, e);
	char **names = NULL;
	size_t ncols = 0;
	if (rc)
		goto out;
	bool header_ok = csv_header(&rd, &names, &ncols, report);
	if (!names)
		goto out;
	/* A layer of lines takes wkt and no lat/lon; of points, the reverse. */
	bool lines = columns && in_list(columns, "wkt") && !in_list(columns, "lat");
	bool points = columns && in_list(columns, "lat") && !in_list(columns, "wkt");
	int lat = -1, lon = -1, ele = -1, wkt = -1;
	for (size_t i = 0; i < ncols; i++) {
		if (!names[i][0])
			continue;
		if (!strcmp(names[i], "lat") && !lines)
			lat = (int)i;
		else if (!strcmp(names[i], "lon") && !lines)
			lon = (int)i;
		else if (!strcmp(names[i], "elevation") && !lines)
			ele = (int)i;
		else if (!strcmp(names[i], "wkt") && !points)
			wkt = (int)i;
		else if (columns && !in_list(columns, names[i])) {
			report_field(report, rd.record_line, "csv_column_unknown", names[i]);
			header_ok = false;
		}
	}
	if (lines && wkt < 0) {
		report_field(report, rd.record_line, "csv_column_missing", "wkt");
		header_ok = false;
	}
	if (!lines && lat < 0 && wkt < 0) {
		report_field(report, rd.record_line, "csv_column_missing", "lat");
		header_ok = false;
	}
	if (!lines && lon < 0 && wkt < 0) {
		report_field(report, rd.record_line, "csv_column_missing", "lon");
		header_ok = false;
	}
	if (!header_ok)
		goto out; /* every row would fail the same way */

	enum csv_status st;
	while (!rc && (st = csv_next(&rd)) != CSV_END) {
		struct bp_error pe;
		long line = rd.record_line;
		if (csv_status_error(st, &pe)) {
			report_add(report, line, &pe);
			if (st == CSV_QUOTE && rd.p >= rd.end)
				break;
			continue;
		}
		if (csv_columns_wrong(&rd, ncols, report))
			continue;
		struct feature f = { .type = GEOM_POINT, .npos = 1, .where = line };
		if (wkt >= 0 && (lat < 0 || !*csv_field(&rd, (size_t)lat))) {
			const char *why = parse_wkt(csv_field(&rd, (size_t)wkt), &f.type, &f.pos, &f.npos);
			size_t bad_pos = 0;
			while (!why && bad_pos < f.npos && geo_pos_in_range(&f.pos[bad_pos]))
				bad_pos++;
			if (why || bad_pos < f.npos || !f.npos || (f.type == GEOM_LINESTRING && f.npos < 2) ||
			    (f.type == GEOM_POINT && f.npos != 1)) {
				if (why && *why)
					report_problem(report, line, "coord_invalid", why);
				else if (why || !f.npos)
					report_problem(report, line, "geom_empty", NULL);
				else if (bad_pos < f.npos)
					report_problem(report, line, "coord_invalid", "a position lies outside WGS84");
				else
					report_problem(report, line, f.type == GEOM_POINT ? "coord_invalid" : "geom_line_short", NULL);
				free(f.pos);
				continue;
			}
			goto props;
		}
		struct geo_pos p = { 0 };
		const char *slat = csv_field(&rd, (size_t)lat), *slon = csv_field(&rd, (size_t)lon);
		if (!csv_decimal(&rd, slat, &p.lat) || !csv_decimal(&rd, slon, &p.lon)) {
			char d[160];
			snprintf(d, sizeof(d), "lat “%.40s”, lon “%.40s” are not numbers", slat, slon);
			report_problem(report, line, "coord_invalid", d);
			continue;
		}
		if (ele >= 0 && *csv_field(&rd, (size_t)ele)) {
			if (!csv_decimal(&rd, csv_field(&rd, (size_t)ele), &p.ele)) {
				report_problem(report, line, "coord_invalid", "elevation is not a number");
				continue;
			}
			p.has_ele = true;
		}
		if (!geo_pos_in_range(&p)) {
			char d[128];
			snprintf(d, sizeof(d), "lat %.7g, lon %.7g lies outside WGS84", p.lat, p.lon);
			report_problem(report, line, "coord_invalid", d);
			continue;
		}
		f.pos = xmalloc(sizeof(p));
		f.pos[0] = p;
props:
		/* The whole text is UTF-8 without control characters (csv_open
		 * checked it) and a field is a piece of it cut at ASCII: jansson
		 * need not check each value again. */
		f.props = json_object();
		for (size_t i = 0; i < ncols; i++) {
			if ((int)i == lat || (int)i == lon || (int)i == ele || (int)i == wkt)
				continue;
			const char *v = csv_field(&rd, i);
			if (*v)
				json_object_set_new_nocheck(f.props, names[i], json_string_nocheck(csv_unguard(v)));
		}
		rc = fn(arg, &f, e);
		feature_release(&f);
	}
out:
	csv_names_free(names, ncols);
	csv_close(&rd);
	return rc;
}
