/*
 * period.c - report periods; see period.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/period.h"

#define PERIOD_MAX_YEARS 50

static void set_dates(struct period *p, int y1, int m1, int d1, int y2, int m2, int d2)
{
	/* the modulos only tell the compiler the fields fit; callers pass real dates */
	snprintf(p->from, sizeof(p->from), "%04u-%02u-%02u", (unsigned)y1 % 10000u, (unsigned)m1 % 100u,
		 (unsigned)d1 % 100u);
	snprintf(p->to, sizeof(p->to), "%04u-%02u-%02u", (unsigned)y2 % 10000u, (unsigned)m2 % 100u,
		 (unsigned)d2 % 100u);
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* A year of exactly four digits in 1900..2199, ending at *end. */
static bool year_at(const char *s, int *y, const char **end)
{
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	*y = atoi(s);
	*end = s + 4;
	return *y >= 1900 && *y <= 2199;
}

static void fill(struct period *p)
{
	switch (p->kind) {
	case PERIOD_YEAR:
		set_dates(p, p->year, 1, 1, p->year, 12, 31);
		break;
	case PERIOD_QUARTER: {
		int m = p->part * 3;
		set_dates(p, p->year, m - 2, 1, p->year, m, month_days(p->year, m));
		break;
	}
	case PERIOD_MONTH:
		set_dates(p, p->year, p->part, 1, p->year, p->part, month_days(p->year, p->part));
		break;
	case PERIOD_YEARS:
		set_dates(p, p->year, 1, 1, p->year_to, 12, 31);
		break;
	case PERIOD_MOVEMENT:
		set_dates(p, p->year, 3, 3, p->year_to + 1, 3, 2);
		break;
	case PERIOD_RANGE:
		break;
	}
}

/* "YYYY", "MYYYY" (movement) into a year; kind tells which. */
static bool year_term(const char *s, bool *movement, int *y, const char **end)
{
	*movement = *s == 'M' || *s == 'm';
	return year_at(s + (*movement ? 1 : 0), y, end);
}

bool period_parse(const char *s, struct period *p)
{
	memset(p, 0, sizeof(*p));
	if (!s)
		return false;
	const char *dots = strstr(s, "..");
	if (dots) {
		char a[DATE_LEN + 1], b[DATE_LEN + 1];
		size_t la = (size_t)(dots - s);
		const char *rest = dots + 2;
		if (la >= sizeof(a) || strlen(rest) >= sizeof(b))
			return false;
		memcpy(a, s, la);
		a[la] = '\0';
		snprintf(b, sizeof(b), "%s", rest);
		if (date_valid(a) && date_valid(b)) {
			p->kind = PERIOD_RANGE;
			snprintf(p->from, sizeof(p->from), "%.10s", a);
			snprintf(p->to, sizeof(p->to), "%.10s", b);
			long days = date_to_days(b) - date_to_days(a);
			return days >= 0 && days < 366L * PERIOD_MAX_YEARS;
		}
		bool ma, mb;
		const char *ea, *eb;
		if (!year_term(a, &ma, &p->year, &ea) || *ea || !year_term(b, &mb, &p->year_to, &eb) || *eb ||
		    ma != mb || p->year_to < p->year || p->year_to - p->year >= PERIOD_MAX_YEARS)
			return false;
		p->kind = ma ? PERIOD_MOVEMENT : PERIOD_YEARS;
		fill(p);
		return true;
	}
	bool movement;
	const char *end;
	if (!year_term(s, &movement, &p->year, &end))
		return false;
	p->year_to = p->year;
	if (movement) {
		p->kind = PERIOD_MOVEMENT;
		if (*end)
			return false;
	} else if (!*end) {
		p->kind = PERIOD_YEAR;
	} else if ((end[1] == 'Q' || end[1] == 'q') && end[0] == '-' && end[2] >= '1' && end[2] <= '4' && !end[3]) {
		p->kind = PERIOD_QUARTER;
		p->part = end[2] - '0';
	} else if (end[0] == '-' && end[1] >= '0' && end[1] <= '1' && end[2] >= '0' && end[2] <= '9' && !end[3]) {
		p->kind = PERIOD_MONTH;
		p->part = (end[1] - '0') * 10 + (end[2] - '0');
		if (p->part < 1 || p->part > 12)
			return false;
	} else {
		return false;
	}
	fill(p);
	return true;
}

void period_previous(const struct period *p, struct period *out)
{
	*out = *p;
	int span = p->year_to - p->year + 1;
	switch (p->kind) {
	case PERIOD_YEAR:
	case PERIOD_YEARS:
	case PERIOD_MOVEMENT:
		out->year -= span;
		out->year_to -= span;
		break;
	case PERIOD_QUARTER:
		if (--out->part == 0) {
			out->part = 4;
			out->year_to = --out->year;
		}
		break;
	case PERIOD_MONTH:
		if (--out->part == 0) {
			out->part = 12;
			out->year_to = --out->year;
		}
		break;
	case PERIOD_RANGE: {
		long from = date_to_days(p->from), to = date_to_days(p->to);
		date_from_days(from - 1, out->to);
		date_from_days(from - 1 - (to - from), out->from);
		return;
	}
	}
	fill(out);
}

void period_code(const struct period *p, char *out, size_t n)
{
	switch (p->kind) {
	case PERIOD_YEAR:
		snprintf(out, n, "%d", p->year);
		break;
	case PERIOD_QUARTER:
		snprintf(out, n, "%d-Q%d", p->year, p->part);
		break;
	case PERIOD_MONTH:
		snprintf(out, n, "%d-%02d", p->year, p->part);
		break;
	case PERIOD_YEARS:
		snprintf(out, n, "%d..%d", p->year, p->year_to);
		break;
	case PERIOD_MOVEMENT:
		if (p->year == p->year_to)
			snprintf(out, n, "M%d", p->year);
		else
			snprintf(out, n, "M%d..M%d", p->year, p->year_to);
		break;
	case PERIOD_RANGE:
		snprintf(out, n, "%s..%s", p->from, p->to);
		break;
	}
}

/* "2023-06-30" as "30/06/2023". */
static void date_vi(const char *d, char out[DATE_LEN])
{
	snprintf(out, DATE_LEN, "%.2s/%.2s/%.4s", d + 8, d + 5, d);
}

void period_title(const struct period *p, const char *lang, char *out, size_t n)
{
	static const char *const roman[] = { "", "I", "II", "III", "IV" };
	bool vi = !lang || strcmp(lang, "en");
	char a[DATE_LEN], b[DATE_LEN];
	switch (p->kind) {
	case PERIOD_YEAR:
		snprintf(out, n, vi ? "Năm %d" : "Year %d", p->year);
		break;
	case PERIOD_QUARTER:
		if (vi)
			snprintf(out, n, "Quý %s năm %d", roman[p->part], p->year);
		else
			snprintf(out, n, "Q%d %d", p->part, p->year);
		break;
	case PERIOD_MONTH:
		snprintf(out, n, vi ? "Tháng %d năm %d" : "Month %d of %d", p->part, p->year);
		break;
	case PERIOD_YEARS:
		snprintf(out, n, vi ? "Giai đoạn %d - %d" : "%d to %d", p->year, p->year_to);
		break;
	case PERIOD_MOVEMENT:
		date_vi(p->from, a);
		date_vi(p->to, b);
		if (p->year == p->year_to)
			snprintf(out, n, vi ? "Năm phong trào %d - %d (từ ngày %s đến ngày %s)"
					    : "Movement year %d-%d (%s to %s)", p->year, p->year + 1, a, b);
		else
			snprintf(out, n, vi ? "Giai đoạn %d - %d (từ ngày %s đến ngày %s)"
					    : "%d to %d (%s to %s)", p->year, p->year_to + 1, a, b);
		break;
	case PERIOD_RANGE:
		date_vi(p->from, a);
		date_vi(p->to, b);
		snprintf(out, n, vi ? "Từ ngày %s đến ngày %s" : "From %s to %s", a, b);
		break;
	}
}
