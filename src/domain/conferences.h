/*
 * conferences.h - conferences and meetings (hội nghị): quán triệt (a
 * document disseminated to those who carry it out), sơ kết and tổng kết
 * (interim and final reviews), hội đàm (talks with the other side of the
 * border), giao ban (regular briefings), ký kết (signings); with the host
 * unit, the place, the chair, the documents disseminated, the
 * participating units, the number of attendees, the contributions (tham
 * luận) in the order they were heard, and the conclusions.
 *
 * Access: the host's scope reads and writes; the users of a participating
 * unit (and those above it) read. The documents follow their own read
 * rule (documents.h) on the way in and out. JSON (docs/direction.md, Conference):
 *   {"id", "kind", "title", "date", "unit": {...host}, "place", "chair",
 *    "attendees", "conclusions", "notes",
 *    "documents": [{"id", "kind", "number_symbol", "title", "issued_on"}]
 *      (those the reader may read), "documents_hidden": the count of the others,
 *    "units": [{"id", "code", "name"}],
 *    "contributions": [{"speaker", "organization", "unit", "subject"}],
 *    "created_by", "created_at", "updated_at"}
 * On input units are references (id or code), documents ids.
 */
#ifndef BP_CONFERENCES_H
#define BP_CONFERENCES_H

#include <jansson.h>

#include "domain/coord.h"
#include "domain/ctx.h"

extern const char *const conference_kinds[];

struct conference_filter {
	const char *kind;
	const char *unit;   /* hosted or attended by a unit of its subtree */
	const char *from, *to;
	const char *document; /* that disseminated this document */
};

enum bp_err conference_get(struct ctx *c, const char *id, json_t **out);
/* A page, newest first: {"items": [summaries], "next_cursor"}. */
enum bp_err conference_list(struct ctx *c, const struct conference_filter *f, int limit,
			    const char *cursor, json_t **out);
enum bp_err conference_put(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			   json_t **out, enum coord_done *done);
enum bp_err conference_delete(struct ctx *c, const char *id);

#endif
