#include "../internal/libc.h"

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian; the algorithm of
 * counting 400-year eras of 146097 days, with years starting in March). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct tm *astra_libc_fill_tm(time_t t, long offset, struct tm *tm);
struct tm *astra_libc_fill_tm(time_t t, long offset, struct tm *tm)
{
    t += offset;
    long days = t / 86400, secs = t % 86400;
    if (secs < 0)
        secs += 86400, days--;
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    long y = yoe + era * 400 + (m <= 2);
    if (y - 1900 > __INT_MAX__ || y - 1900 < -__INT_MAX__ - 1) {
        errno = EOVERFLOW;
        return 0;
    }
    tm->tm_year = (int)(y - 1900);
    tm->tm_mon = m - 1;
    tm->tm_mday = d;
    tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
    tm->tm_wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_sec = (int)(secs % 60);
    tm->tm_gmtoff = offset;
    return tm;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
    if (!astra_libc_fill_tm(*t, 0, tm))
        return 0;
    tm->tm_isdst = 0;
    tm->tm_zone = "UTC";
    return tm;
}

/* Out-of-range fields carry over (tm_mon 12 is next January, tm_mday 0 the month's eve). */
time_t timegm(struct tm *tm)
{
    long y = tm->tm_year + 1900L, m = tm->tm_mon;
    y += m / 12;
    m %= 12;
    if (m < 0)
        m += 12, y--;
    time_t t = (time_t)days_from_civil(y, (int)m + 1, 1) * 86400 + (tm->tm_mday - 1L) * 86400 +
               tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
    gmtime_r(&t, tm);
    return t;
}
