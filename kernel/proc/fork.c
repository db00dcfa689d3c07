/* New processes: fork, vfork and clone without CLONE_THREAD. The child gets a copy-on-write
 * copy of the address space (or borrows it: CLONE_VM), a copy of the descriptor table (or
 * shares it: CLONE_FILES), the dispositions and the calling thread's registers and mask. */
#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define PROC_FLAGS_KNOWN                                                                       \
    (ASTRA_CSIGNAL | ASTRA_CLONE_VM | ASTRA_CLONE_FS | ASTRA_CLONE_FILES | ASTRA_CLONE_VFORK |     \
     ASTRA_CLONE_PARENT | ASTRA_CLONE_SETTLS | ASTRA_CLONE_PARENT_SETTID | ASTRA_CLONE_CHILD_SETTID | \
     ASTRA_CLONE_CHILD_CLEARTID | ASTRA_CLONE_SYSVSEM | ASTRA_CLONE_DETACHED | ASTRA_CLONE_UNTRACED | \
     ASTRA_CLONE_PTRACE | ASTRA_CLONE_IO | ASTRA_CLONE_CLEAR_SIGHAND)

/* Fork refuses (ENOMEM) to leave less than a sixteenth of memory free: the pages that
 * running processes still fault in (copy-on-write breaks of their stacks and data right after
 * a fork) come from that reserve, so a fork bomb in little memory ends in failed forks rather
 * than in processes, pid 1 among them, killed for want of a page. */
static int memory_low(void)
{
    return pmm_free_frames() < pmm_top() / PAGE_SIZE / 16;
}

/* Undoes a child that could not be completed. */
static void discard(struct proc *p)
{
    if (p->fdt)
        fdtable_put(p->fdt);
    if (p->cwd)
        inode_put(p->cwd);
    if (p->mm)
        mm_put(p->mm);
    proc_release(p);
}

/* The vfork parent sleeps until the child execs or ends (or a fatal signal ends the parent). */
static void wait_for_vfork_child(struct proc *parent, int pid)
{
    for (;;) {
        struct proc *c = proc_find(pid);
        if (!c || c->vfork_parent != parent || waitq_sleep_killable(&parent->vfork_done))
            return;
    }
}

/* CLONE_CLEAR_SIGHAND, as Linux: every handled signal goes back to its default action;
 * ignored ones stay ignored; flags, masks and restorers are cleared. */
static void clear_handlers(struct proc *p)
{
    for (int sig = 1; sig <= ASTRA_NSIG; sig++) {
        struct astra_sigaction *a = &p->sig_action[sig];
        if (a->handler != ASTRA_SIG_IGN)
            a->handler = ASTRA_SIG_DFL;
        a->flags = a->restorer = 0;
        a->mask = 0;
    }
}

void thread_clone_from(struct thread *t, const struct thread *cur, uint64_t flags, uint64_t stack, uint64_t tls)
{
    *t->tf = *cur->tf;
    t->tf->rax = 0;
    if (stack)
        t->tf->rsp = stack;
    t->fs_base = (flags & ASTRA_CLONE_SETTLS) ? tls : cur->fs_base;
    t->gs_base = cur->gs_base;
    t->sig_blocked = cur->sig_blocked;
    memcpy(t->comm, cur->comm, sizeof t->comm);
    arch_fpu_save(t->fpu); /* the child starts with the parent's FPU state */
}

long proc_clone(unsigned long flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid, uint64_t tls)
{
    struct thread *cur = current_thread();
    struct proc *parent = cur->proc;
    if (flags & ~(unsigned long)PROC_FLAGS_KNOWN) {
        kwarn_once_for(flags & ~(unsigned long)PROC_FLAGS_KNOWN,
                       "clone: flags 0x%lx for a new process are not supported: returning -EINVAL\n",
                       flags & ~(unsigned long)PROC_FLAGS_KNOWN);
        return -ASTRA_EINVAL;
    }
    if ((flags & ASTRA_CLONE_PARENT) && !parent->parent)
        return -ASTRA_EINVAL;
    if (signal_fatal_pending(cur))
        return -ASTRA_EINTR; /* as a new thread (sys_thread.c): nothing is made for a killed thread */
    if ((flags & ASTRA_CLONE_SETTLS) && tls >= USER_TOP)
        return -ASTRA_EPERM;
    if (memory_low())
        return -ASTRA_ENOMEM;
    int err;
    struct proc *p = proc_new(flags & ASTRA_CLONE_PARENT ? parent->parent : parent, &err);
    if (!p)
        return err;
    p->exit_signal = (int)(flags & ASTRA_CSIGNAL);
    if (flags & ASTRA_CLONE_VM) {
        p->mm = parent->mm;
        p->mm->refs++;
    } else if (!(p->mm = mm_fork(parent->mm))) {
        discard(p);
        return -ASTRA_ENOMEM;
    }
    if (flags & ASTRA_CLONE_FILES) {
        p->fdt = parent->fdt;
        p->fdt->refs++;
    } else if (!(p->fdt = fdtable_copy(parent->fdt))) {
        discard(p);
        return -ASTRA_ENOMEM;
    }
    p->cwd = parent->cwd;
    p->cwd->refs++;
    memcpy(p->name, parent->name, sizeof p->name);
    memcpy(p->exe, parent->exe, sizeof p->exe);
    memcpy(p->sig_action, parent->sig_action, sizeof p->sig_action);
    if (flags & ASTRA_CLONE_CLEAR_SIGHAND)
        clear_handlers(p);
    p->umask = parent->umask;
    p->ctty = parent->ctty;
    struct thread *t = thread_create(p);
    if (!t) {
        discard(p);
        return -ASTRA_ENOMEM;
    }
    thread_clone_from(t, cur, flags, stack, tls);
    if ((flags & (ASTRA_CLONE_VM | ASTRA_CLONE_VFORK)) != ASTRA_CLONE_VM)
        t->altstack = cur->altstack; /* as Linux: kept unless the memory is shared for good */
    uint32_t pid = (uint32_t)p->pid;
    /* As Linux: a bad address for these is not an error of clone. */
    if (flags & ASTRA_CLONE_PARENT_SETTID)
        uvm_copy_out(parent->mm, parent_tid, &pid, sizeof pid);
    if (flags & ASTRA_CLONE_CHILD_SETTID)
        uvm_copy_out(p->mm, child_tid, &pid, sizeof pid);
    if (flags & ASTRA_CLONE_CHILD_CLEARTID)
        t->clear_child_tid = child_tid;
    if (flags & ASTRA_CLONE_VFORK)
        p->vfork_parent = parent;
    sched_make_runnable(t);
    if (flags & ASTRA_CLONE_VFORK)
        wait_for_vfork_child(parent, (int)pid);
    return (long)pid;
}

long ksys_fork(void) { return proc_clone(ASTRA_SIGCHLD, 0, 0, 0, 0); }

long ksys_vfork(void) { return proc_clone(ASTRA_CLONE_VM | ASTRA_CLONE_VFORK | ASTRA_SIGCHLD, 0, 0, 0, 0); }
