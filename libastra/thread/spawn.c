#include <stdint.h>

#include "../internal/hermit.h"
#include "../internal/spawn.h"
#include "../internal/syscall.h"

#define GUARD_SIZE ASTRA_PAGE_SIZE
#define MIN_STACK_SIZE (64 * 1024UL)
#define DEFAULT_STACK_SIZE (1024 * 1024UL)
#define MAX_STACK_SIZE (1UL << 36)

#define THREAD_CLONE_FLAGS                                                                     \
    (ASTRA_CLONE_VM | ASTRA_CLONE_FS | ASTRA_CLONE_FILES | ASTRA_CLONE_SIGHAND |               \
     ASTRA_CLONE_THREAD | ASTRA_CLONE_SYSVSEM | ASTRA_CLONE_SETTLS |                           \
     ASTRA_CLONE_PARENT_SETTID | ASTRA_CLONE_CHILD_CLEARTID)

static size_t page_round(size_t n) { return (n + ASTRA_PAGE_SIZE - 1) & ~(ASTRA_PAGE_SIZE - 1); }

static void thread_main(void *p)
{
    struct astra_tcb *self = p;
    self->start(self->arg);
}

/* One mapping per thread, lowest address first: guard page, stack, TLS block + TCB.
 * Returns the new thread's id, or 0 when it could not be started (hermit-abi's convention). */
hermit_tid_t sys_spawn2(void (*func)(size_t), size_t arg, uint8_t prio, size_t stack_size,
                        intptr_t core_id)
{
    (void)prio;
    (void)core_id; /* placement is the kernel's choice; any core is valid */
    if (!func || stack_size > MAX_STACK_SIZE)
        return 0;
    size_t stack = stack_size ? page_round(stack_size) : DEFAULT_STACK_SIZE;
    if (stack < MIN_STACK_SIZE)
        stack = MIN_STACK_SIZE;
    size_t total = GUARD_SIZE + stack + page_round(astra_tls_block_size());

    long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)total, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    if (astra_is_err(m))
        return 0;
    unsigned char *base = (unsigned char *)m;
    if (astra_syscall3(ASTRA_NR_mprotect, m, GUARD_SIZE, ASTRA_PROT_NONE) != 0)
        goto fail;

    struct astra_tcb *tcb = astra_tls_init_block(base + GUARD_SIZE + stack);
    tcb->stack_guard = astra_self()->stack_guard;
    tcb->map_base = base;
    tcb->map_size = total;
    tcb->start = func;
    tcb->arg = arg;

    long tid = astra_clone(THREAD_CLONE_FLAGS, base + GUARD_SIZE + stack, &tcb->tid, &tcb->tid,
                           tcb, thread_main, tcb);
    if (astra_is_err(tid))
        goto fail;
    tcb->id = (int)tid;
    astra_registry_add(tcb);
    return (hermit_tid_t)tid;

fail:
    astra_syscall2(ASTRA_NR_munmap, m, (long)total);
    return 0;
}

int sys_spawn(hermit_tid_t *id, void (*func)(size_t), size_t arg, uint8_t prio, intptr_t core_id)
{
    hermit_tid_t tid = sys_spawn2(func, arg, prio, 0, core_id);
    if (!tid)
        return (int)astra_ret(func ? -ASTRA_EAGAIN : -ASTRA_EINVAL);
    if (id)
        *id = tid;
    return 0;
}
