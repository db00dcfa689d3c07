#include "../internal/libc.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)astra_libc_ret(SYS2(nanosleep, req, rem));
}

/* Returns the error number (POSIX), not -1. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
    if (clk == CLOCK_THREAD_CPUTIME_ID)
        return EINVAL;
    return astra_libc_errnum(SYS4(clock_nanosleep, clk, flags, req, rem));
}
