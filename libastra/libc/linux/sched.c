#include "../internal/libc.h"

int sched_yield(void) { return (int)astra_libc_ret(SYS0(sched_yield)); }

/* The kernel writes as many bytes as it has (a result of 8 for 64 CPUs): the rest of the
 * caller's set is cleared, as glibc and musl do. */
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
    long r = SYS3(sched_getaffinity, pid, size, set);
    if (r < 0)
        return (int)astra_libc_ret(r);
    memset((char *)set + r, 0, size - (size_t)r);
    return 0;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
    return (int)astra_libc_ret(SYS3(sched_setaffinity, pid, size, set));
}
