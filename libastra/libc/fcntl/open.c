#include "../internal/libc.h"

/* The mode argument is read only when the flags create a file. */
static unsigned mode_arg(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & 020200000) == 020200000 ? va_arg(ap, unsigned) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = mode_arg(flags, ap);
    va_end(ap);
    return (int)astra_libc_ret(SYS3(open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = mode_arg(flags, ap);
    va_end(ap);
    return (int)astra_libc_ret(SYS4(openat, dirfd, path, flags, mode));
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
int open64(const char *path, int flags, ...) __attribute__((alias("open")));
int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));
int creat64(const char *path, mode_t mode) __attribute__((alias("creat")));
