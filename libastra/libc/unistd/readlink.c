#include "../internal/libc.h"

/* A zero-sized buffer is EINVAL, as in musl and glibc (the kernel would say EINVAL too, but
 * only for some file systems). */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t n)
{
    char dummy;
    if (!n) {
        buf = &dummy;
        n = 1;
    }
    long r = SYS3(readlink, path, buf, n);
    if (buf == &dummy && r >= 0)
        r = -EINVAL;
    return astra_libc_ret(r);
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t n)
{
    if (!n)
        return astra_libc_ret(-EINVAL);
    return astra_libc_ret(SYS4(readlinkat, dirfd, path, buf, n));
}
