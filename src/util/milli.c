/*
 * milli.c - exact quantities in thousandths; see milli.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/milli.h"

enum milli_status milli_parse(const char *s, struct milli *out)
{
	const char *end;
	bool neg = false;
	uint64_t whole = 0, frac = 0;
	int nfrac = 0, nwhole = 0; /* nfrac: the decimals kept in frac, at most 3 */
	bool after = false;        /* a digit after the mark */
	out->v = 0;
	out->has_mark = false;
	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if (s == end)
		return MILLI_EMPTY;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (const char *p = s; p < end; p++) {
		if (*p == '.' || *p == ',') {
			if (out->has_mark)
				return MILLI_GROUPING;
			out->has_mark = true;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			return MILLI_SYNTAX;
		int d = *p - '0';
		if (!out->has_mark) {
			nwhole++;
			/* 9223372036854775 units is the most thousandths hold. */
			if (whole > (UINT64_MAX - 9) / 10)
				return MILLI_RANGE;
			whole = whole * 10 + (uint64_t)d;
		} else {
			after = true;
			if (nfrac < 3) {
				frac = frac * 10 + (uint64_t)d;
				nfrac++;
			} else if (d) {
				return MILLI_DECIMALS;
			}
		}
	}
	/* A digit on both sides of a mark: ".5" and "5." are typing slips. */
	if (!nwhole || (out->has_mark && !after))
		return MILLI_SYNTAX;
	for (; nfrac < 3; nfrac++)
		frac *= 10;
	if (whole > (uint64_t)INT64_MAX / 1000)
		return MILLI_RANGE;
	uint64_t v = whole * 1000 + frac;
	if (v > (uint64_t)INT64_MAX)
		return MILLI_RANGE;
	out->v = neg ? -(int64_t)v : (int64_t)v;
	return MILLI_OK;
}

enum milli_status milli_from_double(double d, int64_t *out)
{
	*out = 0;
	if (!isfinite(d))
		return MILLI_SYNTAX;
	double x = d * 1000.0;
	/* 2^53 is where doubles stop holding every integer. */
	if (fabs(x) >= 9007199254740992.0)
		return MILLI_RANGE;
	double r = round(x);
	/* 0.1 * 1000 is 100.00000000000001: a rounding error, not a decimal. */
	if (fabs(x - r) > 1e-6 * fmax(1.0, fabs(x)))
		return MILLI_DECIMALS;
	*out = (int64_t)r;
	return MILLI_OK;
}

void milli_format(int64_t v, char out[MILLI_FMT_LEN])
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t whole = a / 1000, frac = a % 1000;
	if (!frac) {
		snprintf(out, MILLI_FMT_LEN, "%s%llu", v < 0 ? "-" : "", (unsigned long long)whole);
		return;
	}
	char f[4];
	snprintf(f, sizeof(f), "%03llu", (unsigned long long)frac);
	for (int i = 2; i > 0 && f[i] == '0'; i--)
		f[i] = '\0';
	snprintf(out, MILLI_FMT_LEN, "%s%llu.%s", v < 0 ? "-" : "", (unsigned long long)whole, f);
}
