#include "../internal/libc.h"

int access(const char *path, int mode) { return (int)astra_libc_ret(SYS2(access, path, mode)); }

/* The kernel's faccessat has no flags argument: only flags 0 reach it. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
    if (flags)
        return (int)astra_libc_ret(-EINVAL);
    return (int)astra_libc_ret(SYS3(faccessat, dirfd, path, mode));
}
