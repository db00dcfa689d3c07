#include "../internal/libc.h"

/* The child is a copy with one thread, the caller: its TCB is the same memory, only the
 * thread id changes. */
pid_t fork(void)
{
    long r = SYS0(fork);
    if (r == 0) {
        struct astra_tcb *self = astra_self();
        self->tid = self->id = (int)SYS0(gettid);
    }
    return (pid_t)astra_libc_ret(r);
}
