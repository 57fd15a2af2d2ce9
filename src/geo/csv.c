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
 * What spreadsheets do to CSV, handled here:
 *   - Excel's "CSV UTF-8" starts with a byte order mark: skipped.
 *   - Older Excel saves in the Windows code page (Windows-1258 for
 *     Vietnamese) and older Vietnamese offices used TCVN3 (ABC) fonts;
 *     neither is UTF-8 and guessing which one it is goes wrong, so the
 *     file is refused with the first bad line and how to save it again.
 *   - Excel under a Vietnamese locale (decimal comma) separates with ';':
 *     when the header has ';' and no ',', ';' is the separator and a
 *     decimal comma in a coordinate is read as a point.
 *   - Our own export guards text cells against formula injection with a
 *     leading apostrophe ('=1+2); a cell that starts with an apostrophe
 *     followed by = + - @ loses the apostrophe, so a round trip is exact.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/formats.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define CSV_RECORD_MAX (1024 * 1024)
#define CSV_MAX_FIELDS 256

struct record {
	struct buf text;            /* the fields, each NUL-terminated */
	size_t off[CSV_MAX_FIELDS]; /* where each starts in text */
	size_t nfields;
	bool too_many;
	long line;                  /* the line it starts on */
};

enum rec_status { REC_OK, REC_END, REC_QUOTE, REC_TOO_LONG };

struct reader {
	const char *p, *end;
	long line;
	char sep;
};

static int field_end(struct record *r)
{
	if (buf_addc(&r->text, '\0') < 0)
		return -1;
	if (r->nfields == CSV_MAX_FIELDS) {
		r->too_many = true;
		return 0;
	}
	r->nfields++;
	if (r->nfields < CSV_MAX_FIELDS)
		r->off[r->nfields] = r->text.len;
	return 0;
}

/* Skips to the end of the current record (after an error in it). */
static void skip_record(struct reader *rd)
{
	while (rd->p < rd->end && *rd->p != '\n')
		rd->p++;
	if (rd->p < rd->end) {
		rd->p++;
		rd->line++;
	}
}

/* Reads one record; blank lines are skipped. */
static enum rec_status read_record(struct reader *rd, struct record *r)
{
	buf_reset(&r->text);
	r->nfields = 0;
	r->off[0] = 0;
	r->too_many = false;
	while (rd->p < rd->end && (*rd->p == '\n' || (*rd->p == '\r' && rd->p + 1 < rd->end && rd->p[1] == '\n'))) {
		if (*rd->p == '\n')
			rd->line++;
		rd->p++;
	}
	if (rd->p >= rd->end)
		return REC_END;
	r->line = rd->line;
	for (;;) {
		/* one field */
		if (rd->p < rd->end && *rd->p == '"') {
			long qline = rd->line;
			rd->p++;
			for (;;) {
				if (rd->p >= rd->end) {
					rd->line = qline;
					return REC_QUOTE;
				}
				char c = *rd->p++;
				if (c == '"') {
					if (rd->p < rd->end && *rd->p == '"') {
						rd->p++;
					} else {
						break;
					}
				}
				if (c == '\n')
					rd->line++;
				if (buf_addc(&r->text, c) < 0)
					return REC_TOO_LONG;
			}
			/* after the closing quote: a separator or the end of the record */
			if (rd->p < rd->end && *rd->p == '\r')
				rd->p++;
			if (rd->p < rd->end && *rd->p != rd->sep && *rd->p != '\n') {
				skip_record(rd);
				return REC_QUOTE;
			}
		} else {
			while (rd->p < rd->end && *rd->p != rd->sep && *rd->p != '\n') {
				if (!(*rd->p == '\r' && (rd->p + 1 == rd->end || rd->p[1] == '\n')) &&
				    buf_addc(&r->text, *rd->p) < 0) {
					skip_record(rd);
					return REC_TOO_LONG;
				}
				rd->p++;
			}
		}
		if (field_end(r) < 0) {
			skip_record(rd);
			return REC_TOO_LONG;
		}
		if (rd->p >= rd->end)
			return REC_OK;
		if (*rd->p == '\n') {
			rd->p++;
			rd->line++;
			return REC_OK;
		}
		rd->p++; /* the separator */
	}
}

static const char *field(const struct record *r, size_t i)
{
	return r->text.data + r->off[i];
}

static void problem(json_t *report, long where, const char *code, const char *detail)
{
	struct bp_error e;
	err_set(&e, code, detail);
	geo_report_add(report, where, &e);
}

static void problem_field(json_t *report, long where, const char *code, const char *name)
{
	struct bp_error e;
	err_field(&e, code, name);
	geo_report_add(report, where, &e);
}

static bool record_problem(json_t *report, enum rec_status st, long line)
{
	if (st == REC_QUOTE)
		problem(report, line, "csv_quote", NULL);
	else if (st == REC_TOO_LONG)
		problem(report, line, "field_too_long", "(dòng / line)");
	return st == REC_QUOTE || st == REC_TOO_LONG;
}

/* A coordinate cell; with ';' as separator a decimal comma is a point. */
static bool parse_coord(const char *s, char sep, double *out)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%s", s);
	if (sep == ';')
		for (char *c = tmp; *c; c++)
			if (*c == ',')
				*c = '.';
	return geo_parse_num(tmp, strlen(tmp), out);
}

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

/* The first line that is not UTF-8 (1-based), or 0 when the text is. */
static long first_bad_line(const char *p, size_t len)
{
	if (text_utf8_valid(p, len))
		return 0;
	long line = 1;
	const char *end = p + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!text_utf8_valid(p, n))
			return line;
		p += n + 1;
		line++;
	}
	return line;
}

enum bp_err csv_read(const char *data, size_t len, const char *const *columns,
		     feature_fn fn, void *arg, json_t *report, struct bp_error *e)
{
	enum bp_err rc = BP_OK;
	char **names = NULL;
	size_t ncols = 0;
	struct record r;
	buf_init(&r.text, CSV_RECORD_MAX);

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3, len -= 3;
	long bad = first_bad_line(data, len);
	if (bad) {
		char d[48];
		snprintf(d, sizeof(d), " (dòng/line %ld)", bad);
		rc = err_set(e, "csv_encoding", d);
		goto out;
	}
	struct reader rd = { data, data + len, 1, ',' };
	/* The separator, from the header line. */
	const char *nl = memchr(data, '\n', len);
	size_t hlen = nl ? (size_t)(nl - data) : len;
	if (memchr(data, ';', hlen) && !memchr(data, ',', hlen))
		rd.sep = ';';

	enum rec_status st = read_record(&rd, &r);
	if (st == REC_END) {
		rc = err_set(e, "file_empty", " (CSV)");
		goto out;
	}
	if (record_problem(report, st, r.line))
		goto out;
	ncols = r.nfields;
	names = xcalloc(ncols, sizeof(*names));
	int lat = -1, lon = -1, ele = -1, wkt = -1;
	bool header_ok = true;
	for (size_t i = 0; i < ncols; i++) {
		/* Names are trimmed and lower-cased: "Lat " is lat. */
		const char *s = field(&r, i);
		while (isspace((unsigned char)*s))
			s++;
		names[i] = xstrdup(s);
		size_t n = strlen(names[i]);
		while (n && isspace((unsigned char)names[i][n - 1]))
			names[i][--n] = '\0';
		for (char *c = names[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!names[i][0]) {
			char d[64];
			snprintf(d, sizeof(d), "#%zu", i + 1);
			problem(report, r.line, "field_empty", d);
			header_ok = false;
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(names[k], names[i])) {
				problem_field(report, r.line, "csv_column_twice", names[i]);
				header_ok = false;
			}
		if (!strcmp(names[i], "lat"))
			lat = (int)i;
		else if (!strcmp(names[i], "lon"))
			lon = (int)i;
		else if (!strcmp(names[i], "elevation"))
			ele = (int)i;
		else if (!strcmp(names[i], "wkt"))
			wkt = (int)i;
		else if (columns && !in_list(columns, names[i])) {
			problem_field(report, r.line, "csv_column_unknown", names[i]);
			header_ok = false;
		}
	}
	if (lat < 0 && wkt < 0) {
		problem_field(report, r.line, "csv_column_missing", "lat");
		header_ok = false;
	}
	if (lon < 0 && wkt < 0) {
		problem_field(report, r.line, "csv_column_missing", "lon");
		header_ok = false;
	}
	if (!header_ok)
		goto out; /* every row would fail the same way */

	while (!rc && (st = read_record(&rd, &r)) != REC_END) {
		if (record_problem(report, st, r.line)) {
			if (st == REC_QUOTE && rd.p >= rd.end)
				break;
			continue;
		}
		if (r.nfields != ncols || r.too_many) {
			char d[160];
			snprintf(d, sizeof(d), "%zu%s cột, dòng tiêu đề có %zu / %zu%s columns, the header has %zu",
				 r.nfields, r.too_many ? "+" : "", ncols, r.nfields, r.too_many ? "+" : "", ncols);
			problem(report, r.line, "csv_columns", d);
			continue;
		}
		struct feature f = { .type = GEOM_POINT, .npos = 1, .where = r.line };
		if (wkt >= 0 && (lat < 0 || !*field(&r, (size_t)lat))) {
			const char *why = parse_wkt(field(&r, (size_t)wkt), &f.type, &f.pos, &f.npos);
			size_t bad_pos = 0;
			while (!why && bad_pos < f.npos && geo_pos_in_range(&f.pos[bad_pos]))
				bad_pos++;
			if (why || bad_pos < f.npos || !f.npos || (f.type == GEOM_LINESTRING && f.npos < 2) ||
			    (f.type == GEOM_POINT && f.npos != 1)) {
				if (why && *why)
					problem(report, r.line, "coord_invalid", why);
				else if (why || !f.npos)
					problem(report, r.line, "geom_empty", NULL);
				else if (bad_pos < f.npos)
					problem(report, r.line, "coord_invalid", "a position lies outside WGS84");
				else
					problem(report, r.line, f.type == GEOM_POINT ? "coord_invalid" : "geom_line_short", NULL);
				free(f.pos);
				continue;
			}
			goto props;
		}
		struct geo_pos p = { 0 };
		const char *slat = field(&r, (size_t)lat), *slon = field(&r, (size_t)lon);
		if (!parse_coord(slat, rd.sep, &p.lat) || !parse_coord(slon, rd.sep, &p.lon)) {
			char d[160];
			snprintf(d, sizeof(d), "lat “%.40s”, lon “%.40s” are not numbers", slat, slon);
			problem(report, r.line, "coord_invalid", d);
			continue;
		}
		if (ele >= 0 && *field(&r, (size_t)ele)) {
			if (!parse_coord(field(&r, (size_t)ele), rd.sep, &p.ele)) {
				problem(report, r.line, "coord_invalid", "elevation is not a number");
				continue;
			}
			p.has_ele = true;
		}
		if (!geo_pos_in_range(&p)) {
			char d[128];
			snprintf(d, sizeof(d), "lat %.7g, lon %.7g lies outside WGS84", p.lat, p.lon);
			problem(report, r.line, "coord_invalid", d);
			continue;
		}
		f.pos = xmalloc(sizeof(p));
		f.pos[0] = p;
props:
		f.props = json_object();
		for (size_t i = 0; i < ncols; i++) {
			if ((int)i == lat || (int)i == lon || (int)i == ele || (int)i == wkt)
				continue;
			const char *v = field(&r, i);
			if (!*v)
				continue;
			if (v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
				v++;
			json_object_set_new(f.props, names[i], json_string(v));
		}
		rc = fn(arg, &f, e);
		feature_release(&f);
	}
out:
	for (size_t i = 0; i < ncols; i++)
		free(names[i]);
	free(names);
	buf_release(&r.text);
	return rc;
}
