#include "../internal/libc.h"

_Static_assert(sizeof(struct stat) == sizeof(struct astra_stat), "musl's stat is the kernel's");

int fstat(int fd, struct stat *st) { return (int)astra_libc_ret(SYS2(fstat, fd, st)); }

int stat(const char *restrict path, struct stat *restrict st) { return (int)astra_libc_ret(SYS2(stat, path, st)); }

int lstat(const char *restrict path, struct stat *restrict st) { return (int)astra_libc_ret(SYS2(lstat, path, st)); }

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
    return (int)astra_libc_ret(SYS4(newfstatat, dirfd, path, st, flags));
}

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
int fstat64(int fd, struct stat *st) __attribute__((alias("fstat")));
int stat64(const char *restrict path, struct stat *restrict st) __attribute__((alias("stat")));
int lstat64(const char *restrict path, struct stat *restrict st) __attribute__((alias("lstat")));
int fstatat64(int dirfd, const char *restrict path, struct stat *restrict st, int flags) __attribute__((alias("fstatat")));
