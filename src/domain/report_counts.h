/*
 * report_counts.h - the stocks and the direction counts of a report, for
 * all its columns (the unit and its children) at once: a handful of
 * grouped queries whatever the number of columns, each column's subtree
 * read from report_ancestry.
 *
 * A column's subtree on a date is every unit whose ancestry holds the
 * column on that date: its children and theirs as they stood, and the
 * units merged or split into any of them (so the 2023 stocks of a
 * commune made in 2025 are those of the communes it was made of).
 */
#ifndef BP_REPORT_COUNTS_H
#define BP_REPORT_COUNTS_H

#include <stdint.h>

#include "domain/ctx.h"
#include "domain/stocks.h"

/* The stocks of one column on a date. */
struct report_stock {
	struct stocks s;   /* as stocks.h counts them */
	int64_t roads[4];  /* roads built by then: count, km, cost, workdays (thousandths) */
	int64_t cond[4];   /* markers of its posts by condition then: good, damaged, moved, lost (thousandths) */
};

#define REPORT_DIRECTION_KEYS 9

/* The direction keys, in the order of report_direction's counts. */
extern const char *const report_direction_keys[];

enum bp_err report_stocks(struct ctx *c, const char (*cols)[37], size_t ncols, const char *date,
			  struct report_stock *out);

/*
 * The direction counts of each column over from..to, in thousandths:
 * out[col * REPORT_DIRECTION_KEYS + key]. Tasks overdue are counted as of
 * asof.
 */
enum bp_err report_direction(struct ctx *c, const char (*cols)[37], size_t ncols, const char *from,
			     const char *to, const char *asof, int64_t *out);

#endif
