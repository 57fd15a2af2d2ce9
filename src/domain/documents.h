/*
 * documents.h - the documents of direction (văn bản chỉ đạo): a Party
 * conclusion, a Prime Minister's decision, a province's plan, a
 * commune's plan, each carrying out the one above it (the cascade:
 * 99-KL/TW → 89/QĐ-TTg → 111/KH-UBND → 05/KH-UBND).
 *
 * A document belongs to the unit that issued it; one without a unit is
 * national (Bộ Chính trị, Thủ tướng Chính phủ). Access:
 *  - read: the national documents, those of the units in the actor's
 *    scope, and those of the units above the actor's own (its parents up
 *    to the root, today): a commune reads the province's plan it must
 *    carry out, not a neighbouring commune's;
 *  - write: editors and up in the document's unit's scope; a national
 *    document only by an admin of a top-level unit (one with no parent),
 *    who enters the Centre's documents for the whole tree.
 *
 * Rules, checked on every write:
 *  - the number and symbol is kept as written and parsed (docnum.h); one
 *    that cannot be parsed is stored with symbol_parsed false and the
 *    answer carries a warning, it is not refused;
 *  - kind may be left out when the symbol names it (KH → ke_hoach);
 *  - implements names a document the actor may read, issued on or
 *    before this one's date (document_implements_later: a plan cannot
 *    carry out a text that did not exist yet), and never leads back to
 *    this one (document_cycle);
 *  - a change of date keeps the documents implementing this one and its
 *    tasks' due dates on or after it.
 *
 * JSON: {"id", "kind", "number_symbol", "symbol_parsed", "symbol":
 * {"number", "year", "kind", "issuer"} | null, "issued_on",
 * "issuing_body", "title", "summary", "implements": {"id",
 * "number_symbol", "title", "issued_on"} | null, "unit": {"id", "code",
 * "name"} | null, "created_at", "updated_at"}; one document also has
 * "files" (docfile.h); a write's answer has "warnings": [{"code",
 * "message_vi", "message_en"}] when there are any.
 */
#ifndef BP_DOMAIN_DOCUMENTS_H
#define BP_DOMAIN_DOCUMENTS_H

#include <jansson.h>

#include "domain/access.h"
#include "domain/ctx.h"
#include "domain/layer.h"

#define DOCUMENT_TITLE_MAX 1000
#define DOCUMENT_SUMMARY_MAX 10000

/* The kinds of document, by their code (nghi_quyet ...). */
extern const char *const document_kinds[];

enum bp_err document_get(struct ctx *c, const char *id, json_t **out);

struct document_filter {
	const char *kind;
	const char *unit;       /* issued in this unit's subtree; "national" for none */
	const char *year;       /* of the issued date */
	const char *q;          /* part of the title or of the number and symbol */
	const char *implements; /* the documents carrying out this one */
	int limit;
	const char *cursor;
};
/* The documents the actor may read, newest first: {"items", "next_cursor"}. */
enum bp_err document_list(struct ctx *c, const struct document_filter *f, json_t **out);

enum bp_err document_put(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			 json_t **out, enum layer_done *done);
/* Removes a document and its files; refused while others implement it
 * or tasks or conferences refer to it (document_in_use). */
enum bp_err document_delete(struct ctx *c, const char *id);

/*
 * The cascade of a document: {"ancestors": [root, ..., parent],
 * "document": node with "children": [node with "children" ...]}, each
 * node {"id", "kind", "number_symbol", "issued_on", "issuing_body",
 * "title", "unit", "tasks": {"total", "not_started", "in_progress",
 * "done", "overdue"}}. Only documents and tasks the actor may read are
 * shown; an ancestor it may not read ends the chain with {"hidden": true}.
 */
enum bp_err document_cascade(struct ctx *c, const char *id, json_t **out);

/*
 * For siblings (docfile.c, tasks.c): the document's unit ("" when
 * national) and date, after checking the actor may read or write it.
 * unit_id and issued_on may be NULL.
 */
enum bp_err document_access(struct ctx *c, const char *id, enum access_need need,
			    char unit_id[37], char issued_on[DATE_LEN]);

/*
 * SQL for reading documents aliased d, after access_scope_cte's CTE
 * ($1 the actor's unit, $2 today): ", above(id) AS (...)" the actor's
 * unit and its parents up to the root, and the condition.
 */
#define DOCUMENT_ABOVE_CTE \
	", above(id) AS (SELECT CAST($1 AS TEXT) UNION SELECT p.parent_id FROM unit_parents p" \
	" JOIN above ON p.unit_id = above.id WHERE p.valid_from <= $2" \
	" AND (p.valid_to IS NULL OR p.valid_to > $2))"
#define DOCUMENT_READABLE(d) \
	"(" d ".unit_id IS NULL OR " d ".unit_id IN (SELECT id FROM scope) OR " d ".unit_id IN (SELECT id FROM above))"

#endif
