#include "../internal/libc.h"

int link(const char *old, const char *new_) { return (int)astra_libc_ret(SYS2(link, old, new_)); }

int linkat(int olddirfd, const char *old, int newdirfd, const char *new_, int flags)
{
    return (int)astra_libc_ret(SYS5(linkat, olddirfd, old, newdirfd, new_, flags));
}

int symlink(const char *target, const char *path) { return (int)astra_libc_ret(SYS2(symlink, target, path)); }

int symlinkat(const char *target, int dirfd, const char *path)
{
    return (int)astra_libc_ret(SYS3(symlinkat, target, dirfd, path));
}
