/*
 * date.c - ISO-8601 dates and timestamps; see date.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = atoi(s);
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return true;
}

bool date_valid(const char *s)
{
	int y, m, d;
	if (!parse_ymd(s, &y, &m, &d))
		return false;
	if (y < 1800 || y > 2200 || m < 1 || m > 12)
		return false;
	return d >= 1 && d <= month_days(y, m);
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(const char *s)
{
	int y, m, d;
	if (!parse_ymd(s, &y, &m, &d))
		return 0;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(long z, char out[DATE_LEN])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void date_today(char out[DATE_LEN])
{
	const char *o = getenv("BIENPHONG_TODAY");
	if (o && date_valid(o)) {
		snprintf(out, DATE_LEN, "%s", o);
		return;
	}
	/* Every request asks: the day's text is made once a day and thread. */
	static _Thread_local long made_for = -1;
	static _Thread_local char made[DATE_LEN];
	time_t t = time(NULL) + 7 * 3600;
	long days = (long)(t / 86400);
	if (days != made_for) {
		date_from_days(days, made);
		made_for = days;
	}
	memcpy(out, made, DATE_LEN);
}

void timestamp_from(time_t t, char out[TIMESTAMP_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void timestamp_now(char out[TIMESTAMP_LEN])
{
	timestamp_from(time(NULL), out);
}
