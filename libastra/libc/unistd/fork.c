#include "../../internal/alloc.h"
#include "../internal/libc.h"

/* pthread_atfork's handlers: phase -1 before, 0 in the child, 1 in the parent. */
void astra_libc_atfork(int phase) __attribute__((weak));

/* The child is a copy with one thread, the caller: its TCB is the same memory, only the
 * thread id changes. The allocator's locks are held across the copy, so that the child can
 * allocate whatever other threads were doing. */
pid_t fork(void)
{
    if (astra_libc_atfork)
        astra_libc_atfork(-1);
    astra_alloc_fork_prepare();
    long r = SYS0(fork);
    if (r == 0) {
        struct astra_tcb *self = astra_self();
        self->tid = self->id = (int)SYS0(gettid);
    }
    astra_alloc_fork_finish(r == 0);
    if (astra_libc_atfork)
        astra_libc_atfork(r == 0 ? 0 : 1);
    return (pid_t)astra_libc_ret(r);
}
