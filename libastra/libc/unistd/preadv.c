#include "../internal/libc.h"

/* The kernel takes the offset as two halves; on x86_64 the high one is 0. */
ssize_t preadv(int fd, const struct iovec *iov, int n, off_t off)
{
    return astra_libc_ret(SYS5(preadv, fd, iov, n, off, 0));
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off)
{
    return astra_libc_ret(SYS5(pwritev, fd, iov, n, off, 0));
}

ssize_t preadv64(int fd, const struct iovec *iov, int n, off_t off) __attribute__((alias("preadv")));
ssize_t pwritev64(int fd, const struct iovec *iov, int n, off_t off) __attribute__((alias("pwritev")));
