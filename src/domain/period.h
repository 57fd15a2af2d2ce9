/*
 * period.h - the periods reports cover, as users name them.
 *
 *   2023               the calendar year
 *   2023-Q1            a quarter (Q1..Q4)
 *   2023-03            a month
 *   2019..2024         several calendar years, both ends included
 *   M2023              the movement's year, from Border Day (3 March 2023)
 *                      to 2 March 2024
 *   M2019..M2023       several movement years: 3/3/2019 to 2/3/2024, the
 *                      five years a sơ kết of Border Day reviews
 *   2023-01-15..2023-06-30   any range of dates, both ends included
 *
 * Each period knows the one before it (the same length, just before: the
 * previous year, quarter, month, span of years, or as many days) and its
 * Vietnamese and English titles ("Năm 2023", "Quý I năm 2023").
 */
#ifndef BP_DOMAIN_PERIOD_H
#define BP_DOMAIN_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"

enum period_kind {
	PERIOD_YEAR,
	PERIOD_QUARTER,
	PERIOD_MONTH,
	PERIOD_YEARS,
	PERIOD_MOVEMENT,
	PERIOD_RANGE,
};

struct period {
	enum period_kind kind;
	int year, year_to; /* the first and last year (years, movement years) */
	int part;          /* the quarter 1..4 or the month 1..12 */
	char from[DATE_LEN], to[DATE_LEN]; /* both included */
};

/* Reads s into p; false when it is none of the forms above, when a range
 * ends before it starts, or spans more than 50 years. */
bool period_parse(const char *s, struct period *p);
/* The period just before p, of the same kind and length. */
void period_previous(const struct period *p, struct period *out);
/* The period written back in the form period_parse reads. */
void period_code(const struct period *p, char *out, size_t n);
/* Its title in lang ("vi" or "en"): "Năm 2023", "Quý I năm 2023",
 * "Tháng 3 năm 2023", "Giai đoạn 2019 - 2024", "Từ ngày 15/01/2023 đến
 * ngày 30/06/2023"; "Year 2023", "Q1 2023" ... */
void period_title(const struct period *p, const char *lang, char *out, size_t n);

#endif
