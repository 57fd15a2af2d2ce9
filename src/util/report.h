/*
 * report.h - the report of every bad line or feature of a file, as an
 * import answers it: a JSON array of {"where", "code", "message_vi",
 * "message_en", "field"?}, where "where" is the line (CSV) or the feature's
 * number (GeoJSON, KML, GPX) counted from 1.
 */
#ifndef BP_UTIL_REPORT_H
#define BP_UTIL_REPORT_H

#include <jansson.h>

#include "util/err.h"

/* Appends e's code, messages and field at where. */
void report_add(json_t *report, long where, const struct bp_error *e);
/* The same for an error code and its detail (err_set's arguments). */
void report_problem(json_t *report, long where, const char *code, const char *detail);
/* The same for an error code about a named field (err_field's arguments). */
void report_field(json_t *report, long where, const char *code, const char *field);

#endif
