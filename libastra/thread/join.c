#include <astra/astra.h>

#include "../internal/spawn.h"
#include "../internal/syscall.h"

/* Waits until thread `id` has exited (the kernel zeroes tcb->tid and wakes the futex), then
 * gives its stack, TLS and TCB back. Returns 0, -ESRCH for an unknown or already joined id,
 * or -EDEADLK when a thread joins itself. */
int sys_join(hermit_tid_t id)
{
    if ((long)id == astra_syscall0(ASTRA_NR_gettid))
        return (int)astra_ret(-ASTRA_EDEADLK);
    struct astra_tcb *t = astra_registry_take((int)id);
    if (!t)
        return (int)astra_ret(-ASTRA_ESRCH);
    int v;
    /* Not FUTEX_PRIVATE: the kernel's wake at thread exit is a shared one. */
    while ((v = t->tid) != 0)
        astra_syscall4(ASTRA_NR_futex, (long)&t->tid, ASTRA_FUTEX_WAIT, v, 0);
    astra_thread_map_put(t->map_base, t->map_size);
    return 0;
}
