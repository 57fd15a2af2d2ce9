/*
 * milli.h - exact quantities in thousandths (int64): how indicator values
 * are stored (migration 004), so that sums over a province and years are
 * exact in both engines. 70,5 km is 70500; 14.000 lượt người is 14000000.
 *
 * Text is read as a person types it in a form or a spreadsheet cell:
 * digits, an optional sign, and at most one decimal mark, '.' or ','.
 * Thousands separators are refused, because in Vietnamese "14.000" is
 * fourteen thousand while in a spreadsheet saved in English it is
 * fourteen: with one mark the text is read as a decimal, and the caller
 * decides what a mark means for an integer measure (catalog.c refuses
 * it there, as ambiguous). At most three decimals that are not zero.
 */
#ifndef BP_MILLI_H
#define BP_MILLI_H

#include <stdbool.h>
#include <stdint.h>

enum milli_status {
	MILLI_OK,
	MILLI_EMPTY,     /* nothing but spaces */
	MILLI_SYNTAX,    /* not a number as typed: letters, spaces inside, "1e5" */
	MILLI_GROUPING,  /* more than one mark: "14.000.000", "1.234,5" */
	MILLI_DECIMALS,  /* a non-zero fourth decimal or beyond */
	MILLI_RANGE,     /* beyond int64 thousandths (9.2e15 units) */
};

struct milli {
	int64_t v;      /* thousandths */
	bool has_mark;  /* a decimal mark was written ("14.000", "70,5") */
};

enum milli_status milli_parse(const char *s, struct milli *out);
/* A double (a JSON number) into thousandths: MILLI_DECIMALS, MILLI_RANGE. */
enum milli_status milli_from_double(double d, int64_t *out);

#define MILLI_FMT_LEN 32
/* "70.5", "14000", "-0.25": the shortest exact text, '.' as the mark. */
void milli_format(int64_t v, char out[MILLI_FMT_LEN]);

#endif
