#include "../../internal/alloc.h"
#include "../../internal/spawn.h"
#include "../internal/libc.h"

#define DEFAULT_STACK_SIZE (128 * 1024UL) /* musl's default; Rust asks for its own (2 MiB) */
#define DEFAULT_GUARD_SIZE ASTRA_PAGE_SIZE

static void start(void *p)
{
    struct astra_tcb *self = p;
    astra_libc_restore_mask(&self->start_mask);
    pthread_exit(self->pthread_start(self->pthread_arg));
}

int pthread_create(pthread_t *restrict t, const pthread_attr_t *restrict attr, void *(*fn)(void *),
                   void *restrict arg)
{
    const struct astra_pthread_attr *a = attr ? (const void *)attr : 0;
    size_t stack = a && a->stack_size ? a->stack_size : DEFAULT_STACK_SIZE;
    size_t guard = a ? a->guard_size : DEFAULT_GUARD_SIZE;
    if (a && a->stack_addr)
        return EINVAL; /* application-provided stacks are not supported */
    long err;
    struct astra_tcb *tcb = astra_thread_map_new(stack, guard, &err);
    if (!tcb)
        return err == -ENOMEM ? EAGAIN : (int)-err;
    tcb->core_id = -1;
    tcb->priority = 2;
    tcb->pthread_start = fn;
    tcb->pthread_arg = arg;
    tcb->detach_state = a && a->detached ? ASTRA_THREAD_DETACHED : ASTRA_THREAD_JOINABLE;
    /* The new thread starts with every signal blocked until it runs our code, then with the
     * creator's mask, as POSIX asks. */
    uint64_t mask;
    astra_libc_block_all(&mask);
    tcb->start_mask = mask;
    long tid = astra_clone(ASTRA_THREAD_CLONE_FLAGS, (char *)tcb->stack_base + tcb->stack_size, &tcb->tid,
                           &tcb->tid, tcb, start, tcb);
    astra_libc_restore_mask(&mask);
    if (astra_is_err(tid)) {
        if (tcb->guard_size == ASTRA_PAGE_SIZE)
            astra_thread_map_put(tcb->map_base, tcb->map_size);
        else
            SYS2(munmap, tcb->map_base, tcb->map_size);
        return tid == -ENOMEM ? EAGAIN : (int)-tid;
    }
    /* A detached thread may already be gone: tcb is not ours to touch any more. */
    *t = (pthread_t)tcb;
    return 0;
}
