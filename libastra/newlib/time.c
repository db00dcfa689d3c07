#include <sys/time.h>
#include <sys/times.h>

#include "newlib_layer.h"

int _gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz; /* obsolete; Linux also ignores it for time */
    struct astra_timeval k;
    long r = astra_syscall2(ASTRA_NR_gettimeofday, (long)&k, 0);
    if (r == 0 && tv) {
        tv->tv_sec = k.tv_sec;
        tv->tv_usec = k.tv_usec;
    }
    return (int)astra_newlib_ret(r);
}

clock_t _times(struct tms *buf)
{
    struct astra_tms k;
    long r = astra_syscall1(ASTRA_NR_times, (long)&k);
    if (astra_is_err(r))
        return (clock_t)astra_newlib_ret(r);
    if (buf) {
        buf->tms_utime = (clock_t)k.tms_utime;
        buf->tms_stime = (clock_t)k.tms_stime;
        buf->tms_cutime = (clock_t)k.tms_cutime;
        buf->tms_cstime = (clock_t)k.tms_cstime;
    }
    return (clock_t)r;
}

ASTRA_POSIX_ALIAS(_gettimeofday, gettimeofday);
ASTRA_POSIX_ALIAS(_times, times);
