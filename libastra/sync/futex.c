#include <stdint.h>

#include "../internal/hermit.h"
#include "../internal/syscall.h"

int sys_futex_wait(uint32_t *address, uint32_t expected, const struct hermit_timespec *timeout,
                   uint32_t flags)
{
    if (!address || (flags & ~HERMIT_FUTEX_RELATIVE_TIMEOUT))
        return (int)astra_ret(-ASTRA_EINVAL);
    if (!timeout)
        return (int)astra_ret(astra_syscall4(ASTRA_NR_futex, (long)address,
                                             ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG,
                                             expected, 0));
    if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= ASTRA_NSEC_PER_SEC)
        return (int)astra_ret(-ASTRA_EINVAL);
    struct astra_timespec ts = { timeout->tv_sec, timeout->tv_nsec };
    if (flags & HERMIT_FUTEX_RELATIVE_TIMEOUT)
        return (int)astra_ret(astra_syscall4(ASTRA_NR_futex, (long)address,
                                             ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG,
                                             expected, (long)&ts));
    /* FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline, as hermit-abi does. */
    return (int)astra_ret(astra_syscall6(ASTRA_NR_futex, (long)address,
                                         ASTRA_FUTEX_WAIT_BITSET | ASTRA_FUTEX_PRIVATE_FLAG,
                                         expected, (long)&ts, 0, (long)ASTRA_FUTEX_BITSET_MATCH_ANY));
}

int sys_futex_wake(uint32_t *address, int32_t count)
{
    if (!address || count < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_futex, (long)address,
                                         ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, count));
}
