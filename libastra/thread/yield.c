#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/thread.h"

/* A thread marked by sys_block_current_task sleeps here until sys_wakeup_taskt (or its
 * deadline); any other thread just gives up the processor. */
void sys_yield(void)
{
    struct astra_tcb *self = astra_self();
    if (!__atomic_load_n(&self->blocked, __ATOMIC_ACQUIRE)) {
        astra_syscall0(ASTRA_NR_sched_yield);
        return;
    }
    struct astra_timespec deadline = { self->deadline.tv_sec, self->deadline.tv_nsec };
    while (__atomic_load_n(&self->blocked, __ATOMIC_ACQUIRE)) {
        long r = astra_syscall6(ASTRA_NR_futex, (long)&self->blocked,
                                ASTRA_FUTEX_WAIT_BITSET | ASTRA_FUTEX_PRIVATE_FLAG, 1,
                                self->has_deadline ? (long)&deadline : 0, 0,
                                (long)ASTRA_FUTEX_BITSET_MATCH_ANY);
        if (r == -ASTRA_ETIMEDOUT)
            break;
    }
    __atomic_store_n(&self->blocked, 0, __ATOMIC_RELEASE);
}
