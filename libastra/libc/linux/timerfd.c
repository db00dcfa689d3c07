#include "../internal/libc.h"

int timerfd_create(int clk, int flags) { return (int)astra_libc_ret(SYS2(timerfd_create, clk, flags)); }

int timerfd_settime(int fd, int flags, const struct itimerspec *v, struct itimerspec *old)
{
    return (int)astra_libc_ret(SYS4(timerfd_settime, fd, flags, v, old));
}

int timerfd_gettime(int fd, struct itimerspec *v) { return (int)astra_libc_ret(SYS2(timerfd_gettime, fd, v)); }

int signalfd(int fd, const sigset_t *mask, int flags)
{
    return (int)astra_libc_ret(SYS4(signalfd4, fd, mask, sizeof(uint64_t), flags));
}
