#include "../internal/libc.h"

int ftruncate(int fd, off_t len) { return (int)astra_libc_ret(SYS2(ftruncate, fd, len)); }

/* The kernel has no truncate: open, ftruncate, close. */
int truncate(const char *path, off_t len)
{
    long fd = SYS3(open, path, O_WRONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return (int)astra_libc_ret(fd);
    long r = SYS2(ftruncate, fd, len);
    SYS1(close, fd);
    return (int)astra_libc_ret(r);
}

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
int ftruncate64(int fd, off_t len) __attribute__((alias("ftruncate")));
int truncate64(const char *path, off_t len) __attribute__((alias("truncate")));
