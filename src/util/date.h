/*
 * date.h - calendar dates and timestamps as ISO-8601 text.
 *
 * Dates are stored and exchanged as "YYYY-MM-DD" so that text order is
 * date order in both database engines. "Today" is the date in Vietnam
 * (UTC+7, no daylight saving), since a record made at 23:30 in a border
 * post belongs to that day. BIENPHONG_TODAY=YYYY-MM-DD overrides it, for
 * tests and for replaying a past situation.
 */
#ifndef BP_DATE_H
#define BP_DATE_H

#include <stdbool.h>
#include <time.h>

#define DATE_LEN 11 /* "YYYY-MM-DD" and its NUL */
#define TIMESTAMP_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

/* True when s is a real calendar date written YYYY-MM-DD (years 1800-2200). */
bool date_valid(const char *s);
/* Today's date in Vietnam into out[DATE_LEN]. */
void date_today(char out[DATE_LEN]);
/* Days since 1970-01-01 of a valid date. */
long date_to_days(const char *s);
void date_from_days(long days, char out[DATE_LEN]);
/* The current time as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void timestamp_now(char out[TIMESTAMP_LEN]);
void timestamp_from(time_t t, char out[TIMESTAMP_LEN]);

#endif
