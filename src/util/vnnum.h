/*
 * vnnum.h - numbers as Vietnamese reports write them, and as English ones.
 *
 *   vi: 14.120   70,5   3,125 tỷ đồng   120 triệu đồng   hơn 300
 *   en: 14,120   70.5   3.125 billion VND   120 million VND   over 300
 *
 * Values come in thousandths (the way indicator values are stored, see
 * src/db/migrations/004_activities.sql), so that 70,5 km prints exactly.
 */
#ifndef BP_UTIL_VNNUM_H
#define BP_UTIL_VNNUM_H

#include <stddef.h>
#include <stdint.h>

/* milli/1000 with thousands grouped and at most `decimals` decimals
 * (rounded half away from zero, trailing zeros dropped). */
void vnnum_format(char *out, size_t n, int64_t milli, int decimals, const char *lang);
/* An amount of đồng: "850.000 đồng", "120 triệu đồng", "3,125 tỷ đồng". */
void vnnum_money(char *out, size_t n, int64_t dong, const char *lang);
/* A count in round words, as reports write them when asked: two
 * significant digits are kept, rounded down, with "hơn" ("over") before
 * them: 312 -> "hơn 310", 14.120 -> "hơn 14.000", 9.312 -> "hơn 9.300".
 * A count already round, or under 100, is written exactly. */
void vnnum_about(char *out, size_t n, int64_t count, const char *lang);

#endif
