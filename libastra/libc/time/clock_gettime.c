#include "../internal/libc.h"

int clock_gettime(clockid_t clk, struct timespec *ts) { return (int)astra_libc_ret(SYS2(clock_gettime, clk, ts)); }

/* The kernel has no clock_getres: every clock it has counts nanoseconds. */
int clock_getres(clockid_t clk, struct timespec *ts)
{
    struct timespec now;
    long r = SYS2(clock_gettime, clk, &now);
    if (r == 0 && ts)
        *ts = (struct timespec){ 0, 1 };
    return (int)astra_libc_ret(r);
}

int gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz;
    struct timespec ts;
    if (!tv)
        return 0;
    long r = SYS2(clock_gettime, CLOCK_REALTIME, &ts);
    if (r == 0)
        *tv = (struct timeval){ ts.tv_sec, ts.tv_nsec / 1000 };
    return (int)astra_libc_ret(r);
}

time_t time(time_t *t)
{
    struct timespec ts;
    SYS2(clock_gettime, CLOCK_REALTIME, &ts);
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}
