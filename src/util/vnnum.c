/*
 * vnnum.c - numbers as Vietnamese and English reports write them; see
 * vnnum.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/vnnum.h"

static bool is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

/* The digits of v (>= 0) grouped by three with sep, into out. */
static void group(char *out, size_t n, uint64_t v, char sep)
{
	char digits[32], tmp[48];
	int len = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)v);
	size_t k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			tmp[k++] = sep;
		tmp[k++] = digits[i];
	}
	tmp[k] = '\0';
	snprintf(out, n, "%s", tmp);
}

void vnnum_format(char *out, size_t n, int64_t milli, int decimals, const char *lang)
{
	bool en = is_en(lang);
	bool neg = milli < 0;
	uint64_t m = neg ? (uint64_t)0 - (uint64_t)milli : (uint64_t)milli;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 3)
		decimals = 3;
	/* round to the decimals asked for, half away from zero */
	uint64_t unit = 1;
	for (int i = decimals; i < 3; i++)
		unit *= 10;
	m = (m + unit / 2) / unit * unit;
	uint64_t whole = m / 1000, frac = m % 1000;
	char w[48], f[8] = "";
	group(w, sizeof(w), whole, en ? ',' : '.');
	if (frac && decimals) {
		snprintf(f, sizeof(f), "%03llu", (unsigned long long)frac);
		f[decimals] = '\0';
		for (int i = decimals - 1; i >= 0 && f[i] == '0'; i--)
			f[i] = '\0';
	}
	snprintf(out, n, "%s%s%s%s", neg && (whole || f[0]) ? "-" : "", w, f[0] ? (en ? "." : ",") : "", f);
}

void vnnum_money(char *out, size_t n, int64_t dong, const char *lang)
{
	bool en = is_en(lang);
	char num[48];
	int64_t a = dong < 0 ? -dong : dong;
	if (a >= 1000000000) {
		/* dong / 1e9 in thousandths is dong / 1e6 */
		vnnum_format(num, sizeof(num), dong / 1000000, 3, lang);
		snprintf(out, n, en ? "%s billion VND" : "%s tỷ đồng", num);
	} else if (a >= 1000000) {
		vnnum_format(num, sizeof(num), dong / 1000, 3, lang);
		snprintf(out, n, en ? "%s million VND" : "%s triệu đồng", num);
	} else {
		vnnum_format(num, sizeof(num), dong * 1000, 0, lang);
		snprintf(out, n, en ? "%s VND" : "%s đồng", num);
	}
}

void vnnum_about(char *out, size_t n, int64_t count, const char *lang)
{
	char num[48];
	int64_t step = 1;
	if (count >= 100)
		for (int64_t v = count; v >= 100; v /= 10)
			step *= 10;
	int64_t round = count / step * step;
	vnnum_format(num, sizeof(num), round * 1000, 0, lang);
	if (round == count)
		snprintf(out, n, "%s", num);
	else
		snprintf(out, n, is_en(lang) ? "over %s" : "hơn %s", num);
}

const char *vnnum_round_pick(int64_t v, int64_t unit, int64_t step, const char *word,
			     const char *lang, int64_t *shown)
{
	*shown = v;
	if (!word || !*word || v <= 0 || unit <= 0)
		return NULL;
	if (step <= 0) {
		int64_t whole = v / unit;
		step = whole < 10000 ? 100 : whole < 100000 ? 1000 : 10000;
		if (step > INT64_MAX / unit)
			return NULL;
		step *= unit;
	}
	int64_t down = v / step * step;
	if (down == v)
		return NULL;
	/* "gần": nearer the next step, and no more than 2% under it
	 * (next - v <= next / 50, written without overflow). */
	int64_t below_next = step - (v - down);
	if (down <= INT64_MAX - step && below_next < v - down && below_next <= (down + step) / 50) {
		*shown = down + step;
		return is_en(lang) ? "nearly" : "gần";
	}
	if (!down)
		return NULL;
	*shown = down;
	return word;
}

void vnnum_round(char *out, size_t n, int64_t milli, const char *word, int64_t step, const char *lang)
{
	char num[48];
	int64_t shown;
	if (step > INT64_MAX / 1000)
		step = 0;
	const char *w = vnnum_round_pick(milli, 1000, step * 1000, word, lang, &shown);
	vnnum_format(num, sizeof(num), shown, 3, lang);
	if (w)
		snprintf(out, n, "%s %s", w, num);
	else
		snprintf(out, n, "%s", num);
}
