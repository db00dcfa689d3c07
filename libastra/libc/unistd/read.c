#include "../internal/libc.h"

ssize_t read(int fd, void *buf, size_t n) { return astra_libc_ret(SYS3(read, fd, buf, n)); }

ssize_t pread(int fd, void *buf, size_t n, off_t off) { return astra_libc_ret(SYS4(pread64, fd, buf, n, off)); }

ssize_t readv(int fd, const struct iovec *iov, int n) { return astra_libc_ret(SYS3(readv, fd, iov, n)); }

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
ssize_t pread64(int fd, void *buf, size_t n, off_t off) __attribute__((alias("pread")));
