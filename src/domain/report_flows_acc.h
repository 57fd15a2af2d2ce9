/*
 * report_flows_acc.h - report_flows (report_rollup.h) for many new
 * activities at once: their sums are added up in memory and written in a
 * few upserts, for a bulk import. It writes the rows report_flows_apply
 * writes for the same activities; every other write uses that one.
 */
#ifndef BP_REPORT_FLOWS_ACC_H
#define BP_REPORT_FLOWS_ACC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

struct report_flows_acc;

struct report_flows_acc *report_flows_acc_new(void);
void report_flows_acc_free(struct report_flows_acc *acc);

/*
 * Adds one activity recorded under unit_id, starting on date_from, of
 * type_code, with n values (codes[i], thousandths milli[i]): under each
 * ancestor of the unit on that day (report_ancestry, read once a unit), in
 * its year and month. type_code and codes are told apart by address, so
 * they must be the catalog's own strings (one code, one address), and
 * outlive acc.
 */
enum bp_err report_flows_acc_add(struct ctx *c, struct report_flows_acc *acc, const char *unit_id,
				 const char *date_from, const char *type_code, const char *const *codes,
				 const int64_t *milli, size_t n);

/* Has acc read unit_id's ancestry (an add for it reads nothing more)? */
bool report_flows_acc_has_unit(const struct report_flows_acc *acc, const char *unit_id);

/* Adds to acc what src summed, times sign (1 or -1). */
void report_flows_acc_merge(struct report_flows_acc *acc, const struct report_flows_acc *src, int sign);

/* Adds what was summed to report_flows (sign 1) or takes it out (-1). */
enum bp_err report_flows_acc_write(struct ctx *c, struct report_flows_acc *acc, int sign);

#endif
