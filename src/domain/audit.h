/*
 * audit.h - the audit log: every write records who, when, what entity,
 * what action, and the record before and after (JSON). A domain function
 * calls audit_record inside the transaction of its write, so the log and
 * the data cannot disagree.
 */
#ifndef BP_AUDIT_H
#define BP_AUDIT_H

#include <jansson.h>

#include "domain/ctx.h"

/* before/after may be NULL; they are not consumed. unit_id scopes the row. */
enum bp_err audit_record(struct ctx *c, const char *entity, const char *entity_id,
			 const char *unit_id, const char *action,
			 json_t *before, json_t *after);

struct audit_filter {
	const char *entity;
	const char *entity_id;
	const char *since; /* timestamp or date, inclusive */
	int limit;
	const char *cursor;
};

/* Rows the actor may see (unit admins and admins, within scope), newest first. */
enum bp_err audit_list(struct ctx *c, const struct audit_filter *f, json_t **out);

#endif
