#include "../../internal/spawn.h"
#include "../internal/libc.h"

/* Waits for the kernel to clear the thread's tid at its exit (CLONE_CHILD_CLEARTID), then
 * frees its mapping (cached for reuse when it has the usual one-page guard). */
int pthread_join(pthread_t t, void **result)
{
    struct astra_tcb *tcb = astra_pthread_tcb(t);
    if (tcb == astra_self())
        return EDEADLK;
    int v;
    while ((v = tcb->tid) != 0)
        SYS4(futex, &tcb->tid, ASTRA_FUTEX_WAIT, v, 0);
    if (result)
        *result = tcb->pthread_result;
    if (!tcb->map_size)
        return 0;
    if (tcb->guard_size == ASTRA_PAGE_SIZE)
        astra_thread_map_put(tcb->map_base, tcb->map_size);
    else
        SYS2(munmap, tcb->map_base, tcb->map_size);
    return 0;
}

/* A thread that already finished is joined here: nobody else will free it. */
int pthread_detach(pthread_t t)
{
    struct astra_tcb *tcb = astra_pthread_tcb(t);
    int expected = ASTRA_THREAD_JOINABLE;
    if (__atomic_compare_exchange_n(&tcb->detach_state, &expected, ASTRA_THREAD_DETACHED, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return 0;
    if (expected == ASTRA_THREAD_DETACHED)
        return EINVAL;
    return pthread_join(t, 0);
}
