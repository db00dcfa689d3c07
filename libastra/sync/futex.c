#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

/* Parks until *address != expected (-EAGAIN at once), a wake (0) or the timeout (-ETIMEDOUT):
 * absolute CLOCK_MONOTONIC (FUTEX_WAIT_BITSET's clock), or relative with
 * FUTEX_RELATIVE_TIMEOUT. -EINVAL for a null or misaligned address, a negative timeout or an
 * unknown flag. */
int sys_futex_wait(uint32_t *address, uint32_t expected, const struct hermit_timespec *timeout,
                   uint32_t flags)
{
    if (!address || (flags & ~HERMIT_FUTEX_RELATIVE_TIMEOUT))
        return (int)astra_ret(-ASTRA_EINVAL);
    if (!timeout)
        return (int)astra_ret(astra_syscall4(ASTRA_NR_futex, (long)address,
                                             ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG,
                                             expected, 0));
    struct hermit_timespec h;
    struct astra_timespec ts;
    long r = astra_copy_from_user(&h, timeout, sizeof h);
    if (r == 0)
        r = astra_timespec_from_hermit(&h, &ts);
    if (r < 0)
        return (int)astra_ret(r);
    if (flags & HERMIT_FUTEX_RELATIVE_TIMEOUT)
        return (int)astra_ret(astra_syscall4(ASTRA_NR_futex, (long)address,
                                             ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG,
                                             expected, (long)&ts));
    return (int)astra_ret(astra_syscall6(ASTRA_NR_futex, (long)address,
                                         ASTRA_FUTEX_WAIT_BITSET | ASTRA_FUTEX_PRIVATE_FLAG,
                                         expected, (long)&ts, 0, (long)ASTRA_FUTEX_BITSET_MATCH_ANY));
}

/* Returns the number of threads woken; count INT32_MAX wakes all. Linux's FUTEX_WAKE wakes
 * one thread for a count of 0, so that case never reaches it. */
int sys_futex_wake(uint32_t *address, int32_t count)
{
    if (!address || count < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    if (count == 0)
        return ((uintptr_t)address & 3) ? (int)astra_ret(-ASTRA_EINVAL) : 0;
    return (int)astra_ret(astra_syscall3(ASTRA_NR_futex, (long)address,
                                         ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, count));
}
