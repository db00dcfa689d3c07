#include "../internal/libc.h"

/* musl's mmsghdr is its msghdr (int lengths with padding where the kernel has size_t) and an
 * unsigned length: the padding is zeroed in place so that the kernel reads the lengths
 * right. */
static void clear_padding(struct mmsghdr *msgs, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        msgs[i].msg_hdr.__pad1 = msgs[i].msg_hdr.__pad2 = 0;
}

int sendmmsg(int fd, struct mmsghdr *msgs, unsigned n, unsigned flags)
{
    clear_padding(msgs, n);
    return (int)astra_libc_ret(SYS4(sendmmsg, fd, msgs, n, flags));
}

int recvmmsg(int fd, struct mmsghdr *msgs, unsigned n, unsigned flags, struct timespec *timeout)
{
    clear_padding(msgs, n);
    return (int)astra_libc_ret(SYS5(recvmmsg, fd, msgs, n, flags, timeout));
}
