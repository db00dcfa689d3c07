#include "../internal/libc.h"

extern void *astra_libc_main_stack;

/* A thread's stack as Rust std's guard-page code reads it (musl's convention): the lowest
 * usable address and the size above it, the guard just below. The main thread's stack ends
 * at the page above its initial stack pointer and reaches down RLIMIT_STACK (8 MiB when
 * unlimited), as glibc reports it. */
int pthread_getattr_np(pthread_t t, pthread_attr_t *attr)
{
    struct astra_tcb *tcb = astra_pthread_tcb(t);
    pthread_attr_init(attr);
    struct astra_pthread_attr *a = (struct astra_pthread_attr *)attr;
    a->detached = tcb->detach_state == ASTRA_THREAD_DETACHED;
    if (tcb->map_size) {
        a->stack_addr = tcb->stack_base;
        a->stack_size = tcb->stack_size;
        a->guard_size = tcb->guard_size;
        return 0;
    }
    uintptr_t top = ((uintptr_t)astra_libc_main_stack + ASTRA_PAGE_SIZE) & ~(ASTRA_PAGE_SIZE - 1);
    struct astra_rlimit rl;
    size_t size = 8UL << 20;
    if (SYS2(getrlimit, ASTRA_RLIMIT_STACK, &rl) == 0 && rl.rlim_cur < size)
        size = rl.rlim_cur & ~(ASTRA_PAGE_SIZE - 1);
    a->stack_addr = (void *)(top - size);
    a->stack_size = size;
    a->guard_size = 0;
    return 0;
}
