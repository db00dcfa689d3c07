#include "../internal/libc.h"

/* Linux's epoll: the kernel answers ENOSYS until it has one. */
int epoll_create1(int flags) { return (int)astra_libc_ret(SYS1(epoll_create1, flags)); }

int epoll_create(int size)
{
    if (size <= 0)
        return (int)astra_libc_ret(-EINVAL);
    return epoll_create1(0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    return (int)astra_libc_ret(SYS4(epoll_ctl, epfd, op, fd, ev));
}

int epoll_pwait(int epfd, struct epoll_event *evs, int n, int timeout, const sigset_t *mask)
{
    return (int)astra_libc_ret(SYS6(epoll_pwait, epfd, evs, n, timeout, mask, mask ? sizeof(uint64_t) : 0));
}

int epoll_wait(int epfd, struct epoll_event *evs, int n, int timeout)
{
    return (int)astra_libc_ret(SYS4(epoll_wait, epfd, evs, n, timeout));
}
