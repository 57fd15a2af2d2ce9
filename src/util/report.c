/*
 * report.c - the report of a file's bad lines or features; see report.h.
 */
#include "util/report.h"

void report_add(json_t *report, long where, const struct bp_error *e)
{
	json_t *p = json_pack("{s:I, s:s, s:s, s:s}", "where", (json_int_t)where,
			      "code", e->code[0] ? e->code : "internal",
			      "message_vi", e->message_vi, "message_en", e->message_en);
	if (e->field[0])
		json_object_set_new(p, "field", json_string(e->field));
	json_array_append_new(report, p);
}

void report_problem(json_t *report, long where, const char *code, const char *detail)
{
	struct bp_error e;
	err_set(&e, code, detail);
	report_add(report, where, &e);
}

void report_field(json_t *report, long where, const char *code, const char *field)
{
	struct bp_error e;
	err_field(&e, code, field);
	report_add(report, where, &e);
}
