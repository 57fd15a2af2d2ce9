/*
 * stocks.h - the stocks of people's participation as of a date (số liệu
 * tích lũy đến ngày): for a unit's subtree on that date, and the units
 * merged or split into any unit of it (their history is its history):
 *
 *   collectives, households   with a registration active on the date;
 *   people                    the members of those households;
 *   km                        border line under self-management: for each
 *                             segment, the km its active registrations
 *                             cover, at most its length (two households
 *                             on one stretch do not make it longer);
 *   km_registered             the sum of the registrations' km;
 *   line_km                   the border line of the subtree: the segments
 *                             of its posts, of the posts responsible on
 *                             the date for its communes, and those it
 *                             registered; km_share_percent = km / line_km;
 *   markers                   distinct markers under self-management, by
 *                             type (main, secondary);
 *   groups                    active groups and their members on the date, by kind;
 *   twinnings                 twinning pairs in force.
 *
 * A registration is active from date_from to date_to inclusive; a group
 * from founded until (not on) dissolved; a member from date_from to
 * date_to inclusive; a twinning from signed until (not on) ended.
 *
 * stocks_compute is for other domain modules (the reports): it checks no
 * access, the caller has. stocks_get is the API's.
 */
#ifndef BP_STOCKS_H
#define BP_STOCKS_H

#include <jansson.h>

#include "domain/ctx.h"

#define STOCK_GROUP_KINDS 3 /* in the order of group_kinds (groups.h) */

struct stocks {
	long long collectives, households, people;
	long long km_m, km_registered_m, line_m;      /* metres */
	long long markers, markers_main, markers_secondary;
	long long groups[STOCK_GROUP_KINDS], members[STOCK_GROUP_KINDS];
	long long twinnings;
};

/* The stocks of unit_id's subtree on date (YYYY-MM-DD, valid). */
enum bp_err stocks_compute(struct ctx *c, const char *unit_id, const char *date, struct stocks *s);

/*
 * The API's: unit_ref an id or code (NULL: the actor's unit), date NULL
 * for today; the unit must be in the actor's scope. *out is
 * {"unit", "date", "collectives", "households", "people", "km",
 *  "km_registered", "line_km", "km_share_percent",
 *  "markers": {"total", "main", "secondary"},
 *  "groups": {"total": {"groups", "members"}, "<kind>": {...}}, "twinnings"}.
 */
enum bp_err stocks_get(struct ctx *c, const char *unit_ref, const char *date, json_t **out);

#endif
