#include "../internal/libc.h"

int prlimit(pid_t pid, int res, const struct rlimit *new_limit, struct rlimit *old_limit)
{
    return (int)astra_libc_ret(SYS4(prlimit64, pid, res, new_limit, old_limit));
}

int prlimit64(pid_t pid, int res, const struct rlimit *new_limit, struct rlimit *old_limit)
    __attribute__((alias("prlimit")));
