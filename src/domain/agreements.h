/*
 * agreements.h - coordination agreements (quy chế phối hợp) between units:
 * e.g. the provincial Border Guard party committee with the party
 * committees of the five border districts, signed each January for the
 * year and reviewed at the next January. An agreement has its parties,
 * commitments (text, the responsible party, a due date), reviews (a date,
 * an evaluation per commitment, an overall result, notes), and can be
 * renewed for the next year as a draft.
 *
 * The states: draft (no signing date) -> signed (signed_on set, on or
 * before today) -> ended. Reviews are recorded on a signed or ended
 * agreement, dated on or after its signing. Each rule's function:
 *   agreement_read     a commitment's party is a party; due on or after
 *                      the period's start; signed_on iff not a draft
 *   agreement_store    no review left before the signing date; a
 *                      reviewed commitment is not removed
 *   agreement_review   the review's date and commitments
 *   agreement_renew    one renewal per agreement and period
 *
 * Access: the keeper's scope (the unit that keeps it) reads and writes;
 * the users of a party (and those above it) read. JSON: docs/direction.md,
 * Agreement.
 */
#ifndef BP_AGREEMENTS_H
#define BP_AGREEMENTS_H

#include <jansson.h>

#include "domain/coord.h"
#include "domain/ctx.h"

struct agreement_filter {
	const char *status;
	const char *unit;   /* kept by, or a party in, its subtree */
	const char *from, *to;  /* the period overlaps [from, to] */
};

enum bp_err agreement_get(struct ctx *c, const char *id, json_t **out);
enum bp_err agreement_list(struct ctx *c, const struct agreement_filter *f, int limit,
			   const char *cursor, json_t **out);
enum bp_err agreement_put(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			  json_t **out, enum coord_done *done);
/* Deletes a draft; a signed or ended agreement is kept ("agreement_not_draft"). */
enum bp_err agreement_delete(struct ctx *c, const char *id);
/* Records a review; *out is the agreement with it. */
enum bp_err agreement_review(struct ctx *c, const char *id, json_t *in, json_t **out,
			     enum coord_done *done);
/*
 * The draft for the next year: the same parties and commitments, dates a
 * year on, renewed_from set. Asked again, it answers the draft already
 * made (COORD_UNCHANGED), unless in names another id ("agreement_renewed").
 */
enum bp_err agreement_renew(struct ctx *c, const char *id, json_t *in, json_t **out,
			    enum coord_done *done);

#endif
