#include "../internal/libc.h"

int getrlimit(int res, struct rlimit *rl) { return (int)astra_libc_ret(SYS2(getrlimit, res, rl)); }

int setrlimit(int res, const struct rlimit *rl) { return (int)astra_libc_ret(SYS2(setrlimit, res, rl)); }

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
int getrlimit64(int res, struct rlimit *rl) __attribute__((alias("getrlimit")));
int setrlimit64(int res, const struct rlimit *rl) __attribute__((alias("setrlimit")));
