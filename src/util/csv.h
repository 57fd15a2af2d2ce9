/*
 * csv.h - reading and writing CSV (RFC 4180) as spreadsheets save it.
 *
 * Reading is record by record over a file held in memory; a record's
 * fields are NUL-terminated strings valid until the next record. What
 * spreadsheets do to CSV is handled in csv_open:
 *   - Excel's "CSV UTF-8" starts with a byte order mark: skipped.
 *   - Older Excel saves in the Windows code page (Windows-1258 for
 *     Vietnamese) and older offices used TCVN3 (ABC) fonts: neither is
 *     UTF-8. The file is refused (csv_encoding) with its first bad line and
 *     the encoding it most looks like, so the user can save it again as
 *     "CSV UTF-8"; a silent conversion on a wrong guess would store
 *     garbled names.
 *   - Excel under a Vietnamese locale (decimal comma) separates with ';':
 *     when the header line has ';' and no ',', ';' is the separator
 *     (csv_decimal then reads "70,5" as 70.5).
 * Quoted fields may hold separators, doubled quotes and line breaks; a
 * record's line is the line it starts on, as a spreadsheet shows it.
 *
 * Writing guards text cells against formula injection: a cell starting
 * with = + - @ (or a tab or carriage return) gets a leading apostrophe, so
 * a spreadsheet shows it as text; csv_unguard takes it off again on
 * reading, so our own export imports back exactly.
 */
#ifndef BP_UTIL_CSV_H
#define BP_UTIL_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

#define CSV_RECORD_MAX (1024 * 1024)
#define CSV_MAX_FIELDS 256

enum csv_status {
	CSV_RECORD,   /* a record is ready */
	CSV_END,      /* no more records */
	CSV_QUOTE,    /* a quote is not closed or misplaced; the record is skipped */
	CSV_TOO_LONG, /* a record over CSV_RECORD_MAX; skipped */
	CSV_ENCODING, /* (csv_open_lazy) the file is not UTF-8: csv_encoding_error */
};

struct csv_reader {
	const char *p, *end;
	long line; /* the line the reader is on */
	char sep;  /* ',' or ';' */
	/* the current record */
	struct buf text;
	size_t off[CSV_MAX_FIELDS];
	size_t nfields;
	bool too_many; /* more than CSV_MAX_FIELDS fields */
	long record_line;
	/* UTF-8 checked up to here (all of it, but with csv_open_lazy) */
	const char *start, *checked;
	char encoding[96]; /* CSV_ENCODING's detail: the line, the encoding guessed */
};

/* Starts reading data (not copied; it must outlive the reader). Errors:
 * csv_encoding (not UTF-8), file_empty. */
enum bp_err csv_open(struct csv_reader *rd, const char *data, size_t len, struct bp_error *e);
/*
 * csv_open, but the text is checked for UTF-8 as it is read, a few
 * megabytes ahead of the record (csv_next), not all before the first
 * record: a reader on a thread of its own then starts at once. A file
 * that is not UTF-8 ends in CSV_ENCODING (once; CSV_END after), whose
 * error, csv_encoding_error, is csv_open's, for the whole file.
 */
enum bp_err csv_open_lazy(struct csv_reader *rd, const char *data, size_t len, struct bp_error *e);
enum bp_err csv_encoding_error(const struct csv_reader *rd, struct bp_error *e);
void csv_close(struct csv_reader *rd);

/* The next record; blank lines are skipped. */
enum csv_status csv_next(struct csv_reader *rd);
const char *csv_field(const struct csv_reader *rd, size_t i);

/* A bad record's status as an error (csv_quote, field_too_long); returns
 * false for CSV_RECORD and CSV_END. */
bool csv_status_error(enum csv_status st, struct bp_error *e);

/*
 * Reads the header record into names (trimmed, lower-cased: "Lat " is
 * "lat"), *n of them; an empty or repeated name is added to report (a JSON
 * array, see report.h) with the header's line, as is a missing header.
 * Returns false when the header is bad; names (NULL when there is no
 * header record, or with csv_open_lazy a file that is not UTF-8 ends
 * there: rd->encoding) are freed with csv_names_free.
 */
bool csv_header(struct csv_reader *rd, char ***names, size_t *n, json_t *report);
void csv_names_free(char **names, size_t n);

/* The record's column count differs from the header's: adds csv_columns to
 * report and returns true. */
bool csv_columns_wrong(const struct csv_reader *rd, size_t ncols, json_t *report);

/* A number as a spreadsheet writes it: "70.5", or "70,5" with ';' as the
 * separator; no thousands separators. */
bool csv_decimal(const struct csv_reader *rd, const char *s, double *out);

/* A cell as read: our export's apostrophe guard ('=1+2) taken off. */
const char *csv_unguard(const char *v);

/* Appends s as one cell, quoted when needed and guarded against formula
 * injection. Returns buf_add's result. */
int csv_write_cell(struct buf *b, const char *s);

#endif
