#include <astra/astra.h>

#include "../internal/spawn.h"
#include "../internal/syscall.h"
#include "../internal/time.h"

void sys_block_current_task(void)
{
    struct astra_tcb *self = astra_self();
    self->has_deadline = 0;
    __atomic_store_n(&self->blocked, 1, __ATOMIC_RELEASE);
}

void sys_block_current_task_with_timeout(uint64_t timeout_ms)
{
    struct astra_tcb *self = astra_self();
    struct astra_timespec rel = { (int64_t)(timeout_ms / 1000), (int64_t)(timeout_ms % 1000) * 1000000 };
    struct astra_timespec d = astra_deadline_after(ASTRA_CLOCK_MONOTONIC, &rel);
    self->deadline.tv_sec = d.tv_sec;
    self->deadline.tv_nsec = d.tv_nsec;
    self->has_deadline = 1;
    __atomic_store_n(&self->blocked, 1, __ATOMIC_RELEASE);
}

static void unblock(struct astra_tcb *t, void *unused)
{
    (void)unused;
    __atomic_store_n(&t->blocked, 0, __ATOMIC_RELEASE);
    astra_syscall3(ASTRA_NR_futex, (long)&t->blocked, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 1);
}

/* Unknown ids are ignored: the function has no way to report them. */
void sys_wakeup_taskt(hermit_tid_t tid)
{
    astra_registry_with((int)tid, unblock, 0);
}
