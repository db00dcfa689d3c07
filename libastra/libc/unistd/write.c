#include "../internal/libc.h"

ssize_t write(int fd, const void *buf, size_t n) { return astra_libc_ret(SYS3(write, fd, buf, n)); }

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    return astra_libc_ret(SYS4(pwrite64, fd, buf, n, off));
}

ssize_t writev(int fd, const struct iovec *iov, int n) { return astra_libc_ret(SYS3(writev, fd, iov, n)); }

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) __attribute__((alias("pwrite")));
