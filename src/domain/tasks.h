/*
 * tasks.h - tasks handed to units (giao nhiệm vụ), most often by a plan:
 * a lead unit (chủ trì), supporting units (phối hợp), a due date, and the
 * progress the units report.
 *
 * State: a task is not_started, in_progress or done; its status and
 * progress are those of its latest progress update (date order; an
 * update may not be dated before the latest one, nor after today). A
 * done update sets done_on and ends the task: no update is taken after
 * it (task_done). "overdue" is computed, never stored: the due date has
 * passed (before today, src/util/date.c) and the task is not done; "late"
 * says a done task was finished after its due date.
 *
 * Access:
 *  - read: tasks whose lead or a supporting unit is in the actor's scope
 *    (a unit sees the tasks given to it and to its subtree), and the tasks
 *    of documents issued in the scope (the issuer follows its plan);
 *  - write (the task, its updates): an editor who writes the lead unit,
 *    or who writes the task's document (the issuer assigns the tasks);
 *    the lead and supporting units must be in the writer's scope or, for
 *    a commune, among the border posts responsible for it (a commune's
 *    plan gives tasks to its post);
 *  - a task due before its document's date is refused
 *    (task_due_before_document).
 *
 * JSON: {"id", "document": {"id", "number_symbol", "title", "issued_on"}
 * | null, "title", "unit": lead {"id", "code", "name"}, "supporting":
 * [unit ...], "due_on", "status", "progress", "done_on", "overdue",
 * "late", "notes", "created_at", "updated_at"}; one task also has
 * "updates": [{"id", "date", "status", "progress", "note", "recorded_by",
 * "recorded_at"}], oldest first.
 */
#ifndef BP_DOMAIN_TASKS_H
#define BP_DOMAIN_TASKS_H

#include <stdbool.h>

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/layer.h"

#define TASK_SUPPORTING_MAX 30

extern const char *const task_statuses[];

/* The computed flag: due before today and not done. */
bool task_overdue(const char *due_on, const char *status, const char *today);

enum bp_err task_get(struct ctx *c, const char *id, json_t **out);

struct task_filter {
	const char *unit;     /* lead or supporting in this unit's subtree */
	const char *status;
	bool overdue;
	const char *document;
	int limit;
	const char *cursor;
};
/* Tasks the actor may read, by due date (none last): {"items", "next_cursor"}. */
enum bp_err task_list(struct ctx *c, const struct task_filter *f, json_t **out);

enum bp_err task_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
		     json_t **out, enum layer_done *done);
/* Removes a task that has no progress update yet (task_has_updates). */
enum bp_err task_delete(struct ctx *c, const char *id);

/*
 * Records a progress update {"id"?, "date", "status", "progress",
 * "note"}; the answer is the task with its updates. The same update id
 * again with the same content is a retry (*created false).
 */
enum bp_err task_update_add(struct ctx *c, const char *task_id, json_t *in, json_t **out,
			    bool *created);

#endif
