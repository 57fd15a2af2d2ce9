/*
 * commendations.h - commendations (khen thưởng): a certificate of merit
 * (giấy khen, bằng khen), an emulation flag (cờ thi đua), an order or a
 * medal (huân chương, huy chương) or an emulation title (danh hiệu), with
 * its number and symbol, the issuing body and the signer's title, the
 * date, the recipients (collectives and individuals, with their unit),
 * the reason, and the programme and period it is for ("Ngày Biên phòng
 * toàn dân", 2019-2024).
 *
 * Who may issue what (the Law on Emulation and Commendation 2022): a
 * bằng khen or a cờ thi đua comes from a province, a ministry or the
 * Government, never from a district, a commune or a unit's head; an
 * order or a medal from the State President (level "nation"). A giấy
 * khen comes from the chairman of a district or commune committee, and
 * also from the heads of units and departments at any level (a
 * provincial Border Guard commander gives giấy khen), so it is never
 * refused. docs/direction.md says more.
 *
 * Access: the recording unit's scope reads and writes; the users of a
 * recipient's unit (and those above it) read.
 */
#ifndef BP_COMMENDATIONS_H
#define BP_COMMENDATIONS_H

#include <jansson.h>

#include "domain/coord.h"
#include "domain/ctx.h"

struct commendation_filter {
	const char *level;
	const char *programme;
	const char *unit;       /* recorded by, or given to, a unit of its subtree */
	const char *from, *to;  /* the date of the commendation */
};

enum bp_err commendation_get(struct ctx *c, const char *id, json_t **out);
/* A page, newest first, and over the whole filter "counts":
 * {"commendations", "collectives", "individuals"}. */
enum bp_err commendation_list(struct ctx *c, const struct commendation_filter *f, int limit,
			      const char *cursor, json_t **out);
enum bp_err commendation_put(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			     json_t **out, enum coord_done *done);
enum bp_err commendation_delete(struct ctx *c, const char *id);

#endif
