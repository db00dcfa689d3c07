#include "../internal/libc.h"

int rename(const char *old, const char *new_) { return (int)astra_libc_ret(SYS2(rename, old, new_)); }

int renameat(int olddirfd, const char *old, int newdirfd, const char *new_)
{
    return (int)astra_libc_ret(SYS4(renameat, olddirfd, old, newdirfd, new_));
}

int renameat2(int olddirfd, const char *old, int newdirfd, const char *new_, unsigned flags)
{
    return (int)astra_libc_ret(SYS5(renameat2, olddirfd, old, newdirfd, new_, flags));
}
