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

/*
 * A figure in round words, as the narrative of a report writes it when
 * the user asks for rounding (docs/reports.md): the value is rounded down
 * to a multiple of step, with word before it ("hơn", "trên"; "over" in
 * English): 312 -> "hơn 300", 14.120 -> "trên 14.000", 9.312 -> "trên
 * 9.300". When the value is nearer the next multiple than its own and
 * within 2% under it, it is rounded up with "gần" ("nearly"): 21.850 ->
 * "gần 22.000" (where 9.312, 0,9% under 9.400 but nearer 9.300, stays
 * "trên 9.300", as seed 003 writes it). Exact, without a word: a value
 * on its step, a value under its step and not near it, a negative one,
 * or any value when word is NULL or empty.
 *
 * The value and step are in the same unit (thousandths of the figure, or
 * đồng); step <= 0 takes the default for the whole value v/unit: 100
 * below 10.000, 1.000 below 100.000, then 10.000 (unit is 1000 for
 * thousandths, 1 for đồng). Sets *shown to the value to write and
 * returns the word to put before it, or NULL.
 */
const char *vnnum_round_pick(int64_t v, int64_t unit, int64_t step, const char *word,
			     const char *lang, int64_t *shown);
/* vnnum_round_pick on thousandths (step in whole units, 0 = default),
 * written with its word: "hơn 300", "gần 22.000", "70,5". */
void vnnum_round(char *out, size_t n, int64_t milli, const char *word, int64_t step, const char *lang);

#endif
