#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

static struct proc *procs;      /* every process, alive or zombie */
static int proc_count;
static int last_id;


struct proc *proc_first(void) { return procs; }

struct proc *proc_find(int pid)
{
    for (struct proc *p = procs; p; p = p->next)
        if (p->pid == pid)
            return p;
    return 0;
}

struct thread *thread_find(int tid)
{
    for (struct proc *p = procs; p; p = p->next)
        for (struct thread *t = p->thread_list; t; t = t->proc_next)
            if (t->tid == tid)
                return t;
    return 0;
}

static int id_in_use(int id)
{
    for (struct proc *p = procs; p; p = p->next)
        if (p->pid == id || p->pgid == id || p->sid == id)
            return 1;
    return thread_find(id) != 0;
}

/* The next free process or thread id, counting up as Linux does and wrapping at PROC_ID_MAX. */
static int id_alloc(void)
{
    do
        last_id = last_id >= PROC_ID_MAX - 1 ? 2 : last_id + 1;
    while (id_in_use(last_id));
    return last_id;
}

static struct proc *proc_alloc(int *err)
{
    _Static_assert(sizeof(struct proc) <= KMALLOC_MAX, "struct proc must fit kzalloc");
    if (proc_count >= PROC_MAX) {
        *err = -ASTRA_EAGAIN;
        return 0;
    }
    struct proc *p = kzalloc(sizeof *p);
    if (!p) {
        *err = -ASTRA_ENOMEM;
        return 0;
    }
    p->pid = id_alloc();
    p->exit_signal = ASTRA_SIGCHLD;
    p->umask = PROC_UMASK_INIT;
    struct proc **tail = &procs;
    while (*tail)
        tail = &(*tail)->next;
    *tail = p;
    proc_count++;
    return p;
}

/* Like Linux's init, pid 1 starts in process group 0 and session 0. */
struct proc *proc_create(const char *name)
{
    int err;
    struct proc *p = proc_alloc(&err);
    if (!p)
        return 0;
    if (!(p->mm = mm_new())) {
        proc_release(p);
        return 0;
    }
    strlcpy(p->name, name, sizeof p->name);
    return p;
}

struct proc *proc_new(struct proc *parent, int *err)
{
    struct proc *p = proc_alloc(err);
    if (!p)
        return 0;
    p->parent = parent;
    p->sibling = parent->children;
    parent->children = p;
    p->pgid = parent->pgid;
    p->sid = parent->sid;
    return p;
}

void proc_unlist(struct proc *p)
{
    for (struct proc **l = &procs; *l; l = &(*l)->next)
        if (*l == p) {
            *l = p->next;
            proc_count--;
            return;
        }
}

void proc_kill_threads(struct proc *p, struct thread *except)
{
    for (struct thread *t = p->thread_list; t; t = t->proc_next)
        if (t != except) {
            t->killed = 1;
            signal_wake(t);
        }
}

void thread_fpu_reset(struct thread *t)
{
    arch_fpu_init_state(t->fpu);
    arch_fpu_restore(t->fpu);
}

struct thread *thread_create(struct proc *p)
{
    struct thread *t = kzalloc(sizeof *t);
    if (!t)
        return 0;
    t->kstack_top = kstack_alloc();
    uint64_t fpu = t->kstack_top ? pmm_alloc() : 0;
    if (!fpu) {
        if (t->kstack_top)
            kstack_free(t->kstack_top);
        kfree(t);
        return 0;
    }
    _Static_assert(ARCH_FPU_STATE_MAX <= PAGE_SIZE && PAGE_SIZE % ARCH_FPU_STATE_ALIGN == 0,
                   "a thread's FPU state is one frame");
    t->fpu = P2V(fpu);
    t->proc = p;
    /* A new thread inherits its creator's CPU affinity, as on Linux. */
    struct thread *creator = current_thread();
    t->cpu_mask = creator && creator->proc ? creator->cpu_mask : ~0ULL;
    t->altstack.ss_flags = ASTRA_SS_DISABLE;
    arch_fpu_init_state(t->fpu);
    if (p) {
        /* The first thread of a process has tid == pid, as on Linux. */
        t->tid = p->threads == 0 ? p->pid : id_alloc();
        p->threads++;
        t->proc_next = p->thread_list;
        p->thread_list = t;
    }
    t->tf = (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
    t->context = arch_context_init((uint64_t)t->tf, 0);
    t->state = THREAD_BLOCKED;
    return t;
}

/* Where a new thread starts (arch_context_init): free what died, enter user mode. */
_Noreturn void thread_start(void)
{
    sched_reap();
    signal_deliver(current_thread()->tf, -1);
    trap_return(current_thread()->tf);
}

void thread_free(struct thread *t)
{
    kstack_free(t->kstack_top);
    if (pmm_free(V2P(t->fpu)))
        panic("thread_free: the FPU frame of thread %d was not allocated", t->tid);
    kfree(t);
}

void thread_switch_to(struct thread *t)
{
    struct percpu *cpu = this_cpu();
    cpu->thread = t;
    /* A CPU's idle thread keeps the address space loaded: switching to it and back to a
     * thread of the same process then loads no page tables, which under QEMU empties the
     * software TLB each time (a pipe ping-pong between two threads on two CPUs: 41 against
     * 13 us). */
    uint64_t *tables = t->proc && t->proc->mm ? t->proc->mm->pgtable : t == cpu->idle ? 0 : kernel_pgtable;
    arch_thread_enter(t->kstack_top, tables);
    arch_set_user_tls(t->fs_base);
    arch_set_user_gs(t->gs_base);
}
