#include "../internal/libc.h"

/* select's timeout is updated with the time left, as on Linux. */
int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e, struct timeval *restrict tv)
{
    return (int)astra_libc_ret(SYS5(select, n, r, w, e, tv));
}

/* The kernel reads the mask as { pointer, size }. */
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e, const struct timespec *restrict ts,
            const sigset_t *restrict mask)
{
    struct { const void *set; size_t size; } m = { mask, sizeof(uint64_t) };
    struct timespec copy, *tsp = 0;
    if (ts) {
        copy = *ts;
        tsp = &copy;
    }
    return (int)astra_libc_ret(SYS6(pselect6, n, r, w, e, tsp, mask ? &m : 0));
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts, const sigset_t *mask)
{
    struct timespec copy, *tsp = 0;
    if (ts) {
        copy = *ts;
        tsp = &copy;
    }
    return (int)astra_libc_ret(SYS5(ppoll, fds, n, tsp, mask, mask ? sizeof(uint64_t) : 0));
}
