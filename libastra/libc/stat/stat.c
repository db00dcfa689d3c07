#include "../internal/libc.h"

_Static_assert(sizeof(struct stat) == sizeof(struct astra_stat), "musl's stat is the kernel's");

int fstat(int fd, struct stat *st) { return (int)astra_libc_ret(SYS2(fstat, fd, st)); }

int stat(const char *restrict path, struct stat *restrict st) { return (int)astra_libc_ret(SYS2(stat, path, st)); }

int lstat(const char *restrict path, struct stat *restrict st) { return (int)astra_libc_ret(SYS2(lstat, path, st)); }

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
    return (int)astra_libc_ret(SYS4(newfstatat, dirfd, path, st, flags));
}
