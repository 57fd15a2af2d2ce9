/*
 * csv.c - reading and writing CSV as spreadsheets save it; see csv.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/report.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* ---- encodings ---- */

/*
 * Which old Vietnamese encoding a non-UTF-8 text most looks like. In
 * Windows-1258 a toned vowel is a vowel (a Latin one, or â ê ô ơ ư ă at
 * 0xE2 0xEA 0xF4 0xF5 0xFD 0xE3 and their capitals) followed by one of five
 * combining tone marks (0xCC 0xD2 0xDE 0xEC 0xF2). TCVN3 (ABC) has only
 * precomposed letters, with Đ ă â ê ô ơ ư đ at 0xA7..0xAE, where
 * Windows-1258 has rarely typed signs (§ ¨ © ª « ¬ soft hyphen ®).
 * Counting what each one favours is enough to name the likely one in a
 * message; nothing is converted on it.
 */
static bool cp1258_vowel(unsigned char c)
{
	return (c < 0x80 && strchr("aeiouyAEIOUY", c)) || c == 0xE2 || c == 0xEA || c == 0xF4 ||
	       c == 0xF5 || c == 0xFD || c == 0xE3 || c == 0xC2 || c == 0xCA || c == 0xD4 ||
	       c == 0xD5 || c == 0xDD || c == 0xC3;
}

/* Adds to the signs of each encoding in len bytes at p. */
static void encoding_signs(const unsigned char *p, size_t len, long *cp, long *tc)
{
	for (size_t i = 1; i < len; i++) {
		unsigned char c = p[i];
		bool tone = c == 0xCC || c == 0xD2 || c == 0xDE || c == 0xEC || c == 0xF2;
		if (tone && cp1258_vowel(p[i - 1]))
			(*cp)++;
		else if (c >= 0xA7 && c <= 0xAE)
			(*tc)++;
	}
}

/*
 * The encoding of the lines that are not UTF-8, from the first of them
 * (at) on, 64 KB of them at most: UTF-8 itself has bytes that look like
 * TCVN3's, so the lines that are UTF-8 are left out.
 */
static const char *encoding_guess(const char *at, const char *end)
{
	long cp = 0, tc = 0;
	size_t seen = 0;
	while (at < end && seen < 65536) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		size_t n = nl ? (size_t)(nl - at) : (size_t)(end - at);
		if (!text_utf8_valid(at, n)) {
			encoding_signs((const unsigned char *)at, n, &cp, &tc);
			seen += n;
		}
		if (!nl)
			break;
		at = nl + 1;
	}
	if (!cp && !tc)
		return NULL;
	return cp >= tc ? "Windows-1258" : "TCVN3";
}

/* The first line that is not UTF-8 (1-based), or 0 when the text is;
 * *at gets where it starts. */
static long first_bad_line(const char *p, size_t len, const char **at)
{
	*at = p;
	if (text_utf8_valid(p, len))
		return 0;
	long line = 1;
	const char *end = p + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		*at = p;
		if (!text_utf8_valid(p, n) || !nl)
			return line;
		p = nl + 1;
		line++;
	}
	return line;
}

/* ---- reading ---- */

/* csv_encoding's detail for data, which is not UTF-8: the first bad line
 * and the encoding it looks like. */
static void encoding_detail(const char *data, size_t len, char d[96])
{
	const char *at = data;
	long bad = first_bad_line(data, len, &at);
	const char *guess = encoding_guess(at, data + len);
	if (guess)
		snprintf(d, 96, " (dòng/line %ld: %s?)", bad, guess);
	else
		snprintf(d, 96, " (dòng/line %ld)", bad);
}

static enum bp_err open_text(struct csv_reader *rd, const char *data, size_t len, bool lazy, struct bp_error *e)
{
	memset(rd, 0, sizeof(*rd));
	buf_init(&rd->text, CSV_RECORD_MAX);
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3, len -= 3;
	rd->start = data;
	rd->checked = data;
	if (!lazy) {
		if (!text_utf8_valid(data, len)) {
			encoding_detail(data, len, rd->encoding);
			return err_set(e, "csv_encoding", rd->encoding);
		}
		rd->checked = data + len;
	}
	size_t blank = strspn(data, "\r\n \t");
	if (blank >= len)
		return err_set(e, "file_empty", " (CSV)");
	rd->p = data;
	rd->end = data + len;
	rd->line = 1;
	rd->sep = ',';
	const char *nl = memchr(data + blank, '\n', len - blank);
	size_t hlen = nl ? (size_t)(nl - data) : len;
	if (memchr(data, ';', hlen) && !memchr(data, ',', hlen))
		rd->sep = ';';
	return BP_OK;
}

enum bp_err csv_open(struct csv_reader *rd, const char *data, size_t len, struct bp_error *e)
{
	return open_text(rd, data, len, false, e);
}

enum bp_err csv_open_lazy(struct csv_reader *rd, const char *data, size_t len, struct bp_error *e)
{
	return open_text(rd, data, len, true, e);
}

enum bp_err csv_encoding_error(const struct csv_reader *rd, struct bp_error *e)
{
	return err_set(e, "csv_encoding", rd->encoding);
}

/*
 * The text checked as UTF-8 up to `to` at least, a block of 4 MB (ending
 * after a line break, which no UTF-8 sequence holds) at a time; false,
 * with rd->encoding filled, when it is not.
 */
#define CHECK_BLOCK (4u << 20)
static bool checked_to(struct csv_reader *rd, const char *to)
{
	while (rd->checked < rd->end && rd->checked < to) {
		const char *stop = (size_t)(rd->end - rd->checked) > CHECK_BLOCK ? rd->checked + CHECK_BLOCK : rd->end;
		const char *nl = stop < rd->end ? memchr(stop, '\n', (size_t)(rd->end - stop)) : NULL;
		stop = nl ? nl + 1 : rd->end;
		if (!text_utf8_valid(rd->checked, (size_t)(stop - rd->checked))) {
			encoding_detail(rd->start, (size_t)(rd->end - rd->start), rd->encoding);
			return false;
		}
		rd->checked = stop;
	}
	return true;
}

void csv_close(struct csv_reader *rd)
{
	buf_release(&rd->text);
}

static int field_end(struct csv_reader *rd)
{
	if (buf_addc(&rd->text, '\0') < 0)
		return -1;
	if (rd->nfields == CSV_MAX_FIELDS) {
		rd->too_many = true;
		return 0;
	}
	rd->nfields++;
	if (rd->nfields < CSV_MAX_FIELDS)
		rd->off[rd->nfields] = rd->text.len;
	return 0;
}

/* Skips to the end of the current line (after an error in a record). */
static void skip_record(struct csv_reader *rd)
{
	while (rd->p < rd->end && *rd->p != '\n')
		rd->p++;
	if (rd->p < rd->end) {
		rd->p++;
		rd->line++;
	}
}

/* A quoted field, from its opening quote. */
static enum csv_status quoted_field(struct csv_reader *rd)
{
	long qline = rd->line;
	rd->p++;
	for (;;) {
		if (rd->p >= rd->end) {
			rd->line = qline;
			return CSV_QUOTE;
		}
		char c = *rd->p++;
		if (c == '"') {
			if (rd->p < rd->end && *rd->p == '"')
				rd->p++;
			else
				break;
		}
		if (c == '\n')
			rd->line++;
		if (buf_addc(&rd->text, c) < 0) {
			skip_record(rd);
			return CSV_TOO_LONG;
		}
	}
	/* after the closing quote: a separator or the end of the record */
	if (rd->p < rd->end && *rd->p == '\r')
		rd->p++;
	if (rd->p < rd->end && *rd->p != rd->sep && *rd->p != '\n') {
		skip_record(rd);
		return CSV_QUOTE;
	}
	return CSV_RECORD;
}

/* A field without quotes, added whole: a CR that ends the record is not its. */
static enum csv_status plain_field(struct csv_reader *rd)
{
	const char *start = rd->p;
	while (rd->p < rd->end && *rd->p != rd->sep && *rd->p != '\n')
		rd->p++;
	size_t n = (size_t)(rd->p - start);
	if (n && start[n - 1] == '\r' && (rd->p == rd->end || *rd->p == '\n'))
		n--;
	if (buf_add(&rd->text, start, n) < 0) {
		skip_record(rd);
		return CSV_TOO_LONG;
	}
	return CSV_RECORD;
}

enum csv_status csv_next(struct csv_reader *rd)
{
	buf_reset(&rd->text);
	rd->nfields = 0;
	rd->off[0] = 0;
	rd->too_many = false;
	while (rd->p < rd->end && (*rd->p == '\n' || (*rd->p == '\r' && rd->p + 1 < rd->end && rd->p[1] == '\n'))) {
		if (*rd->p == '\n')
			rd->line++;
		rd->p++;
	}
	if (rd->p >= rd->end)
		return CSV_END;
	/* A record and what a skipped one may run over, checked before read. */
	const char *want = (size_t)(rd->end - rd->p) > 2 * CSV_RECORD_MAX ? rd->p + 2 * CSV_RECORD_MAX : rd->end;
	if (rd->checked < want && !checked_to(rd, want)) {
		rd->p = rd->end;
		return CSV_ENCODING;
	}
	rd->record_line = rd->line;
	for (;;) {
		enum csv_status st = rd->p < rd->end && *rd->p == '"' ? quoted_field(rd) : plain_field(rd);
		if (st != CSV_RECORD)
			return st;
		if (field_end(rd) < 0) {
			skip_record(rd);
			return CSV_TOO_LONG;
		}
		if (rd->p >= rd->end)
			return CSV_RECORD;
		if (*rd->p == '\n') {
			rd->p++;
			rd->line++;
			return CSV_RECORD;
		}
		rd->p++; /* the separator */
	}
}

const char *csv_field(const struct csv_reader *rd, size_t i)
{
	return rd->text.data + rd->off[i];
}

bool csv_status_error(enum csv_status st, struct bp_error *e)
{
	if (st == CSV_QUOTE)
		err_set(e, "csv_quote", NULL);
	else if (st == CSV_TOO_LONG)
		err_set(e, "field_too_long", " (dòng / line)");
	return st == CSV_QUOTE || st == CSV_TOO_LONG;
}

/* ---- the header ---- */

static char *name_normalize(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *n = xstrdup(s);
	size_t len = strlen(n);
	while (len && isspace((unsigned char)n[len - 1]))
		n[--len] = '\0';
	for (char *c = n; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return n;
}

bool csv_header(struct csv_reader *rd, char ***names, size_t *n, json_t *report)
{
	*names = NULL;
	*n = 0;
	enum csv_status st = csv_next(rd);
	if (st == CSV_END) {
		report_problem(report, rd->line, "file_empty", " (CSV)");
		return false;
	}
	if (st == CSV_ENCODING)
		return false; /* the caller's error, not a line's: csv_encoding_error */
	struct bp_error pe;
	if (csv_status_error(st, &pe)) {
		report_add(report, rd->record_line, &pe);
		return false;
	}
	bool ok = true;
	*n = rd->nfields;
	*names = xcalloc(rd->nfields, sizeof(**names));
	for (size_t i = 0; i < rd->nfields; i++) {
		(*names)[i] = name_normalize(csv_field(rd, i));
		if (!(*names)[i][0]) {
			char d[32];
			snprintf(d, sizeof(d), "#%zu", i + 1);
			report_problem(report, rd->record_line, "field_empty", d);
			ok = false;
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp((*names)[k], (*names)[i])) {
				report_field(report, rd->record_line, "csv_column_twice", (*names)[i]);
				ok = false;
			}
	}
	return ok;
}

void csv_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool csv_columns_wrong(const struct csv_reader *rd, size_t ncols, json_t *report)
{
	if (rd->nfields == ncols && !rd->too_many)
		return false;
	char d[160];
	const char *more = rd->too_many ? "+" : "";
	snprintf(d, sizeof(d), "%zu%s cột, dòng tiêu đề có %zu / %zu%s columns, the header has %zu",
		 rd->nfields, more, ncols, rd->nfields, more, ncols);
	report_problem(report, rd->record_line, "csv_columns", d);
	return true;
}

bool csv_decimal(const struct csv_reader *rd, const char *s, double *out)
{
	char tmp[64];
	size_t len = strlen(s);
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	for (char *c = tmp; *c; c++) {
		if (*c == ',' && rd->sep == ';')
			*c = '.';
		else if (!isdigit((unsigned char)*c) && !strchr(".-+eE", *c))
			return false;
	}
	char *end;
	*out = strtod(tmp, &end);
	return *end == '\0' && end != tmp;
}

const char *csv_unguard(const char *v)
{
	if (v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
		return v + 1;
	return v;
}

/* ---- writing ---- */

int csv_write_cell(struct buf *b, const char *s)
{
	bool guard = *s && strchr("=+-@\t\r", *s);
	bool quote = guard || strpbrk(s, ",;\"\r\n") != NULL || *s == ' ';
	int rc = 0;
	if (quote)
		rc |= buf_addc(b, '"');
	if (guard)
		rc |= buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			rc |= buf_addc(b, '"');
		rc |= buf_addc(b, *s);
	}
	if (quote)
		rc |= buf_addc(b, '"');
	return rc;
}
