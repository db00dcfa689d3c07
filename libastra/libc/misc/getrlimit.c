#include "../internal/libc.h"

int getrlimit(int res, struct rlimit *rl) { return (int)astra_libc_ret(SYS2(getrlimit, res, rl)); }

int setrlimit(int res, const struct rlimit *rl) { return (int)astra_libc_ret(SYS2(setrlimit, res, rl)); }
