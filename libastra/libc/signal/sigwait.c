#include "../internal/libc.h"

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info, const struct timespec *restrict ts)
{
    long r;
    do
        r = SYS4(rt_sigtimedwait, set, info, ts, sizeof(uint64_t));
    while (r == -EINTR);
    return (int)astra_libc_ret(r);
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info) { return sigtimedwait(set, info, 0); }

/* Returns the error number. */
int sigwait(const sigset_t *restrict set, int *restrict sig)
{
    siginfo_t info;
    int r = sigtimedwait(set, &info, 0);
    if (r < 0)
        return errno;
    *sig = r;
    return 0;
}
