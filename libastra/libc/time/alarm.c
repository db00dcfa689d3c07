#include "../internal/libc.h"

int getitimer(int which, struct itimerval *v) { return (int)astra_libc_ret(SYS2(getitimer, which, v)); }

int setitimer(int which, const struct itimerval *restrict v, struct itimerval *restrict old)
{
    return (int)astra_libc_ret(SYS3(setitimer, which, v, old));
}

/* The seconds left of the previous alarm, rounded up (0 when the kernel has no timers). */
unsigned alarm(unsigned seconds)
{
    struct itimerval v = { { 0, 0 }, { seconds, 0 } }, old = { { 0, 0 }, { 0, 0 } };
    if (SYS3(setitimer, 0, &v, &old) < 0)
        return 0;
    return (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec > 0);
}
