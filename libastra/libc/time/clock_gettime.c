#include "../../internal/time.h"
#include "../internal/libc.h"

_Static_assert(sizeof(struct timespec) == sizeof(struct astra_timespec), "the kernel's timespec");

/* Through the kernel's vDSO when it maps one (as musl and glibc: a bad ts then faults as
 * it does with them), else the system call. */
int clock_gettime(clockid_t clk, struct timespec *ts)
{
    return (int)astra_libc_ret(astra_clock_gettime(clk, (struct astra_timespec *)ts));
}

/* The kernel has no clock_getres: every clock it has counts nanoseconds. */
int clock_getres(clockid_t clk, struct timespec *ts)
{
    struct timespec now;
    long r = astra_clock_gettime(clk, (struct astra_timespec *)&now);
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
    long r = astra_clock_gettime(CLOCK_REALTIME, (struct astra_timespec *)&ts);
    if (r == 0)
        *tv = (struct timeval){ ts.tv_sec, ts.tv_nsec / 1000 };
    return (int)astra_libc_ret(r);
}

time_t time(time_t *t)
{
    struct timespec ts;
    astra_clock_gettime(CLOCK_REALTIME, (struct astra_timespec *)&ts);
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}
