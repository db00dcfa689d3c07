/* How threads and processes end: the last thread of a process frees its memory and files,
 * hands its children to pid 1, and leaves a zombie for its parent's wait (SIGCHLD tells the
 * parent); when pid 1 ends, the machine powers off with its status. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/tty.h"
#include "fs/vfs.h"
#include "lib/printf.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "proc/futex.h"
#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/signal.h"

/* How long the machine keeps sending TCP data after pid 1 ends: above lwIP's first
 * retransmission timeout (3 s), so one lost segment is still resent. */
#define EXIT_DRAIN_NS (5 * 1000000000ULL)

/* A parent that ignores SIGCHLD (or asked for SA_NOCLDWAIT) keeps no zombies, as on Linux. */
static int keeps_no_zombies(struct proc *parent)
{
    const struct astra_sigaction *a = &parent->sig_action[ASTRA_SIGCHLD];
    return a->handler == ASTRA_SIG_IGN || (a->flags & ASTRA_SA_NOCLDWAIT);
}

/* Tells p's parent that p (a zombie) ended: its exit signal and a wake-up for its waiters.
 * A zombie nobody will wait for is released at once. */
static void notify_parent(struct proc *p)
{
    struct proc *parent = p->parent;
    int killed = (p->wait_status & 0x7f) != 0;
    struct sig_info info = { killed ? ASTRA_CLD_KILLED : ASTRA_CLD_EXITED, p->pid,
                             killed ? p->wait_status & 0x7f : (p->wait_status >> 8) & 0xff };
    waitq_wake_all(&parent->child_exited);
    if (p->exit_signal == ASTRA_SIGCHLD && keeps_no_zombies(parent)) {
        if (parent->sig_action[ASTRA_SIGCHLD].handler != ASTRA_SIG_IGN)
            signal_send_proc(parent, ASTRA_SIGCHLD, info);
        proc_release(p);
        return;
    }
    if (p->exit_signal > 0 && p->exit_signal <= ASTRA_NSIG) /* as Linux: an invalid one is not sent */
        signal_send_proc(parent, p->exit_signal, info);
}

/* A vfork parent waits until its child stops borrowing its memory. */
static void vfork_release(struct proc *p)
{
    if (p->vfork_parent) {
        waitq_wake_all(&p->vfork_parent->vfork_done);
        p->vfork_parent = 0;
    }
}

static void unlink_child(struct proc *parent, struct proc *c)
{
    for (struct proc **l = &parent->children; *l; l = &(*l)->sibling)
        if (*l == c) {
            *l = c->sibling;
            return;
        }
}

/* Children outlive their parent as pid 1's. */
static void reparent_children(struct proc *p)
{
    struct proc *init = proc_find(1);
    while (p->children) {
        struct proc *c = p->children;
        p->children = c->sibling;
        if (c->vfork_parent == p)
            c->vfork_parent = 0;
        c->parent = init;
        c->exit_signal = ASTRA_SIGCHLD; /* as Linux: an adopted child never sends init another signal */
        c->sibling = init->children;
        init->children = c;
        if (c->state == PROC_ZOMBIE)
            notify_parent(c);
    }
}

/* What astra-run reports for pid 1: the exit code, or 128 + the signal that ended it. */
static int machine_status(int wait_status)
{
    return wait_status & 0x7f ? 128 + (wait_status & 0x7f) : (wait_status >> 8) & 0xff;
}

/* The last thread of p is ending (on its own kernel stack). */
static void proc_end(struct proc *p)
{
    size_t before = pmm_free_frames();
    if (p->fdt) {
        fdtable_put(p->fdt);
        p->fdt = 0;
    }
    if (p->cwd) {
        inode_put(p->cwd);
        p->cwd = 0;
    }
    arch_load_page_tables(kernel_pgtable);
    mm_put(p->mm);
    p->mm = 0;
    vfork_release(p);
    if (p->pid == 1) {
        /* Its sockets are closed: what it wrote still goes out before the power does. */
        sched_net_drain(EXIT_DRAIN_NS);
        kprintf("astra: %s (pid 1) exited; %lu frames returned to the allocator\n", p->name,
                pmm_free_frames() - before);
        /* pid 1 ended: the machine ends with its status. */
        machine_exit(machine_status(p->wait_status));
    }
    tty_leader_exit(p);
    jobctl_exit(p);
    reparent_children(p);
    p->state = PROC_ZOMBIE;
    notify_parent(p);
}

/* Ends the calling thread t; its structure and kernel stack go once it is off them. */
static _Noreturn void thread_end(struct thread *t)
{
    struct proc *p = t->proc;
    futex_exit_robust(t);
    /* CLONE_CHILD_CLEARTID: zero the tid word and wake a joiner, as Linux does. */
    if (t->clear_child_tid && p->mm) {
        uint32_t zero = 0;
        if (uvm_copy_out(p->mm, t->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake(p->mm, t->clear_child_tid, 1, ASTRA_FUTEX_BITSET_MATCH_ANY);
    }
    futex_cancel(t);
    for (struct thread **l = &p->thread_list; *l; l = &(*l)->proc_next)
        if (*l == t) {
            *l = t->proc_next;
            break;
        }
    if (--p->threads == 0)
        proc_end(p); /* may free p */
    else if (p->exec_waiter && p->threads == 1)
        sched_wake(p->exec_waiter, 0);
    t->state = THREAD_DEAD;
    schedule();
    panic("thread_end: a dead thread ran again");
}

_Noreturn void proc_exit_group(int wait_status)
{
    struct thread *t = current_thread();
    struct proc *p = t->proc;
    if (!p->exiting) {
        p->exiting = 1;
        p->wait_status = wait_status;
        proc_kill_threads(p, t);
    }
    thread_end(t);
}

_Noreturn void thread_exit(int code)
{
    struct thread *t = current_thread();
    struct proc *p = t->proc;
    /* A process whose threads all call exit reports its main thread's code, as Linux does. */
    if (!p->exiting && t->tid == p->pid)
        p->wait_status = ASTRA_W_EXITCODE(code);
    thread_end(t);
}

_Noreturn void thread_exit_killed(void) { thread_end(current_thread()); }

void proc_release(struct proc *p)
{
    if (p->parent)
        unlink_child(p->parent, p);
    proc_unlist(p);
    kfree(p);
}

void proc_vfork_release(struct proc *p) { vfork_release(p); }
