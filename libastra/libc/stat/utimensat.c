#include "../internal/libc.h"

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
    return (int)astra_libc_ret(SYS4(utimensat, dirfd, path, times, flags));
}

int futimens(int fd, const struct timespec times[2])
{
    return (int)astra_libc_ret(SYS4(utimensat, fd, 0, times, 0));
}
