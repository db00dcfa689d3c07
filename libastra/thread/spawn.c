#include <astra/astra.h>

#include "../internal/alloc.h"
#include "../internal/spawn.h"
#include "../internal/syscall.h"
#include "../internal/uaccess.h"

#define GUARD_SIZE ASTRA_PAGE_SIZE
#define MIN_STACK_SIZE (64 * 1024UL)
#define DEFAULT_STACK_SIZE (2 * 1024 * 1024UL)
#define MAX_STACK_SIZE (1UL << 36)
#define AFFINITY_BYTES 128


static size_t page_round(size_t n) { return (n + ASTRA_PAGE_SIZE - 1) & ~(ASTRA_PAGE_SIZE - 1); }

struct astra_tcb *astra_thread_map_new(size_t stack_size, size_t guard_size, long *err)
{
    size_t guard = page_round(guard_size), stack = page_round(stack_size);
    size_t total = guard + stack + page_round(astra_tls_block_size());
    unsigned char *base = guard == GUARD_SIZE ? astra_thread_map_get(total) : 0;
    if (!base) {
        long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)total, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
        if (astra_is_err(m)) {
            *err = m;
            return 0;
        }
        base = (unsigned char *)m;
        long r = guard ? astra_syscall3(ASTRA_NR_mprotect, m, (long)guard, ASTRA_PROT_NONE) : 0;
        if (astra_is_err(r)) {
            astra_syscall2(ASTRA_NR_munmap, m, (long)total);
            *err = r;
            return 0;
        }
    }
    struct astra_tcb *tcb = astra_tls_init_block(base + guard + stack);
    tcb->stack_guard = astra_self()->stack_guard;
    tcb->map_base = base;
    tcb->map_size = total;
    tcb->stack_base = base + guard;
    tcb->stack_size = stack;
    tcb->guard_size = guard;
    return tcb;
}

static void thread_main(void *p)
{
    struct astra_tcb *self = p;
    if (self->core_id >= 0) {
        unsigned long mask[AFFINITY_BYTES / sizeof(unsigned long)] = { 0 };
        mask[self->core_id / 64] = 1UL << (self->core_id % 64);
        astra_syscall3(ASTRA_NR_sched_setaffinity, 0, sizeof mask, (long)mask);
    }
    self->start(self->arg);
    astra_alloc_thread_exit();
}

/* A core the process may run on, or -1 (any) for a negative core_id. */
static int core_is_usable(intptr_t core_id)
{
    if (core_id < 0)
        return 1;
    if (core_id >= AFFINITY_BYTES * 8)
        return 0;
    unsigned long mask[AFFINITY_BYTES / sizeof(unsigned long)] = { 0 };
    long r = astra_syscall3(ASTRA_NR_sched_getaffinity, 0, sizeof mask, (long)mask);
    return !astra_is_err(r) && (mask[core_id / 64] >> (core_id % 64) & 1);
}

static int spawn_thread(void (*func)(size_t), size_t arg, uint8_t prio, size_t stack_size,
                        intptr_t core_id)
{
    if (!func || prio >= HERMIT_NO_PRIORITIES || stack_size > MAX_STACK_SIZE ||
        !core_is_usable(core_id))
        return -ASTRA_EINVAL;
    size_t stack = stack_size ? stack_size : DEFAULT_STACK_SIZE;
    if (stack < MIN_STACK_SIZE)
        stack = MIN_STACK_SIZE;
    long err;
    struct astra_tcb *tcb = astra_thread_map_new(stack, GUARD_SIZE, &err);
    if (!tcb)
        return (int)err;
    tcb->start = func;
    tcb->arg = arg;
    tcb->core_id = core_id;
    tcb->priority = prio;

    long tid = astra_clone(ASTRA_THREAD_CLONE_FLAGS, (char *)tcb->stack_base + tcb->stack_size,
                           &tcb->tid, &tcb->tid, tcb, thread_main, tcb);
    if (astra_is_err(tid)) {
        astra_thread_map_put(tcb->map_base, tcb->map_size);
        return (int)tid;
    }
    tcb->id = (int)tid;
    astra_registry_add(tcb);
    return (int)tid;
}

/* Returns the new thread's id, or 0 when it could not be started (hermit-abi's convention;
 * the reason is left for sys_get_errno). */
hermit_tid_t sys_spawn2(void (*func)(size_t), size_t arg, uint8_t prio, size_t stack_size,
                        intptr_t core_id)
{
    int tid = spawn_thread(func, arg, prio, stack_size, core_id);
    if (tid < 0) {
        astra_ret(tid);
        return 0;
    }
    return (hermit_tid_t)tid;
}

int sys_spawn(hermit_tid_t *id, void (*func)(size_t), size_t arg, uint8_t prio, intptr_t core_id)
{
    int tid = spawn_thread(func, arg, prio, 0, core_id);
    if (tid < 0)
        return (int)astra_ret(tid);
    hermit_tid_t out = (hermit_tid_t)tid;
    if (id && astra_copy_to_user(id, &out, sizeof out) < 0)
        return (int)astra_ret(-ASTRA_EFAULT); /* the thread runs; only its id was lost */
    return 0;
}
