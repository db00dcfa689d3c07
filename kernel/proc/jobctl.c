/* Stopping and continuing processes, as Linux's group stop: the thread that takes a stop
 * signal stops its whole process, tells the parent (SIGCHLD with CLD_STOPPED, unless the
 * parent asked for SA_NOCLDSTOP; wait with WUNTRACED), and every thread of the process waits
 * at its next return to user mode until SIGCONT or SIGKILL. A thread asleep in a system call
 * stays asleep; when it wakes, it waits there too. */
#include <astra/abi.h>

#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define STOP_SIGNALS                                                                           \
    (sig_bit(ASTRA_SIGSTOP) | sig_bit(ASTRA_SIGTSTP) | sig_bit(ASTRA_SIGTTIN) | sig_bit(ASTRA_SIGTTOU))

int jobctl_is_stop_signal(int sig) { return sig >= 1 && sig <= ASTRA_NSIG && (STOP_SIGNALS & sig_bit(sig)); }

static void discard_pending(struct proc *p, uint64_t set)
{
    p->sig_pending &= ~set;
    for (struct thread *t = p->thread_list; t; t = t->proc_next)
        t->sig_pending &= ~set;
}

/* The parent learns that p stopped or continued: its waiters wake, and SIGCHLD comes unless
 * it asked for SA_NOCLDSTOP. */
static void notify_parent(struct proc *p, int code, int status)
{
    struct proc *parent = p->parent;
    if (!parent)
        return;
    waitq_wake_all(&parent->child_exited);
    if (!(parent->sig_action[ASTRA_SIGCHLD].flags & ASTRA_SA_NOCLDSTOP))
        signal_send_proc(parent, ASTRA_SIGCHLD, (struct sig_info){ code, p->pid, status });
}

void jobctl_on_send(struct proc *p, int sig)
{
    if (jobctl_is_stop_signal(sig)) {
        discard_pending(p, sig_bit(ASTRA_SIGCONT));
        return;
    }
    if (sig != ASTRA_SIGCONT)
        return;
    discard_pending(p, STOP_SIGNALS);
    if (!p->stopped)
        return;
    p->stopped = 0;
    p->stop_report = 0;
    p->cont_report = 1;
    waitq_wake_all(&p->continued);
    notify_parent(p, ASTRA_CLD_CONTINUED, ASTRA_SIGCONT);
}

void jobctl_park(struct thread *t)
{
    struct proc *p = t->proc;
    while (p->stopped && !t->killed)
        waitq_sleep_killable(&p->continued);
    if (t->killed)
        thread_exit_killed();
}

int jobctl_stop(struct thread *t, int sig)
{
    struct proc *p = t->proc;
    if (sig != ASTRA_SIGSTOP && pgrp_orphaned(p->pgid))
        return 0;
    if (!p->stopped) {
        p->stopped = 1;
        p->stop_report = sig;
        p->cont_report = 0;
        notify_parent(p, ASTRA_CLD_STOPPED, sig);
    }
    jobctl_park(t);
    return 1;
}

/* Whether group pgid is orphaned once `leaving` (or nothing) has ended and its children
 * belong to pid 1. */
static int orphaned_without(int pgid, const struct proc *leaving)
{
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (p == leaving || p->pgid != pgid || p->state == PROC_ZOMBIE)
            continue;
        const struct proc *parent = p->parent;
        if (!parent || parent == leaving || parent->pid == 1)
            continue;
        if (parent->pgid != pgid && parent->sid == p->sid)
            return 0;
    }
    return 1;
}

int pgrp_orphaned(int pgid) { return orphaned_without(pgid, 0); }

static int has_stopped(int pgid)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pgid == pgid && p->stopped && p->state != PROC_ZOMBIE)
            return 1;
    return 0;
}

/* Linux's kill_orphaned_pgrp: the group of p, whose link outside it was `link`. */
static void hang_up_if_orphaned(struct proc *p, struct proc *link, struct proc *leaving)
{
    int pgid = p->pgid;
    if (!link || link->pgid == pgid || link->sid != p->sid || !orphaned_without(pgid, leaving) ||
        !has_stopped(pgid))
        return;
    pgrp_signal(pgid, ASTRA_SIGHUP, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
    pgrp_signal(pgid, ASTRA_SIGCONT, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
}

void jobctl_exit(struct proc *p)
{
    for (struct proc *c = p->children; c; c = c->sibling)
        if (c->state != PROC_ZOMBIE)
            hang_up_if_orphaned(c, p, p);
    hang_up_if_orphaned(p, p->parent, p);
}

uint64_t jobctl_take_resume_deadline(void)
{
    struct thread *t = current_thread();
    uint64_t resume = t->resume_deadline;
    t->resume_deadline = t->sleep_deadline = 0;
    return resume;
}

int pgrp_signal(int pgid, int sig, struct sig_info info)
{
    int count = 0;
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pgid == pgid && p->state != PROC_ZOMBIE) {
            count++;
            signal_send_proc(p, sig, info);
        }
    return count;
}

int signal_ignored_or_blocked(int sig)
{
    struct thread *t = current_thread();
    return (t->sig_blocked & sig_bit(sig)) || t->proc->sig_action[sig].handler == ASTRA_SIG_IGN;
}
