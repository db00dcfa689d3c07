#include <astra/abi.h>

#include "console.h"
#include "futex.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"

#define DEFAULT_IGNORED                                                                        \
    (sig_bit(ASTRA_SIGCHLD) | sig_bit(ASTRA_SIGURG) | sig_bit(ASTRA_SIGWINCH) | sig_bit(ASTRA_SIGCONT))
/* Stopping a process is not supported: these default to being ignored. */
#define STOPPING                                                                               \
    (sig_bit(ASTRA_SIGSTOP) | sig_bit(ASTRA_SIGTSTP) | sig_bit(ASTRA_SIGTTIN) | sig_bit(ASTRA_SIGTTOU))

static int ignored(struct proc *p, int sig)
{
    unsigned long h = p->sig_action[sig].handler;
    if (sig == ASTRA_SIGKILL)
        return 0;
    return h == ASTRA_SIG_IGN || (h == ASTRA_SIG_DFL && ((DEFAULT_IGNORED | STOPPING) & sig_bit(sig)));
}

/* Whether sig ends p: SIGKILL, or a default action of termination (with or without a core). */
static int fatal(struct proc *p, int sig)
{
    return sig == ASTRA_SIGKILL ||
           (p->sig_action[sig].handler == ASTRA_SIG_DFL && !((DEFAULT_IGNORED | STOPPING) & sig_bit(sig)));
}

static void warn_stop(struct proc *p, int sig)
{
    static int warned;
    if ((STOPPING & sig_bit(sig)) && p->sig_action[sig].handler == ASTRA_SIG_DFL && !warned++)
        kwarn("signal %d would stop a process: Astra does not stop processes, the signal is ignored\n", sig);
}

void signal_wake(struct thread *t)
{
    if (t->state == THREAD_BLOCKED) {
        futex_cancel(t);
        sched_wake(t, -ASTRA_EINTR);
    }
}

/* The whole process ends by sig, as Linux's group exit: every thread ends at its next
 * return to user mode. */
static void group_kill(struct proc *p, int sig)
{
    p->exiting = 1;
    p->wait_status = sig;
    proc_kill_threads(p, 0);
}

/* A signal for t arrived: an interruptible sleep of t ends. */
static void interrupt(struct thread *t)
{
    if (!t->killable)
        signal_wake(t);
}

void signal_send_thread(struct thread *t, int sig)
{
    struct proc *p = t->proc;
    if (p->exiting || p->state == PROC_ZOMBIE)
        return;
    warn_stop(p, sig);
    int blocked = (t->sig_blocked & sig_bit(sig)) != 0;
    if (!blocked && ignored(p, sig))
        return; /* a blocked one stays: its disposition may change before it is unblocked */
    if (!blocked && fatal(p, sig)) {
        group_kill(p, sig);
        return;
    }
    t->sig_pending |= sig_bit(sig);
    if (!blocked)
        interrupt(t);
}

void signal_send_proc(struct proc *p, int sig)
{
    if (p->exiting || p->state == PROC_ZOMBIE)
        return;
    warn_stop(p, sig);
    /* The thread to take it: one that does not block it, the main thread first. */
    struct thread *target = 0;
    for (struct thread *t = p->thread_list; t; t = t->proc_next)
        if (!(t->sig_blocked & sig_bit(sig)) && (!target || t->tid == p->pid))
            target = t;
    if (target && ignored(p, sig))
        return;
    if (target && fatal(p, sig)) {
        group_kill(p, sig);
        return;
    }
    p->sig_pending |= sig_bit(sig);
    if (target)
        interrupt(target);
}

int signal_pending(struct thread *t)
{
    return t->killed || ((t->sig_pending | t->proc->sig_pending) & ~t->sig_blocked) != 0;
}

int signal_fatal_pending(struct thread *t) { return t->killed; }

void signal_flush_ignored(struct proc *p, int sig)
{
    if (!ignored(p, sig))
        return;
    p->sig_pending &= ~sig_bit(sig);
    for (struct thread *t = p->thread_list; t; t = t->proc_next)
        t->sig_pending &= ~sig_bit(sig);
}

void signal_deliver(struct trapframe *tf)
{
    (void)tf;
    struct thread *t = current_thread();
    if (t->killed)
        thread_exit_killed();
    struct proc *p = t->proc;
    uint64_t ready;
    while ((ready = (t->sig_pending | p->sig_pending) & ~t->sig_blocked)) {
        int sig = __builtin_ctzll(ready) + 1;
        t->sig_pending &= ~sig_bit(sig);
        p->sig_pending &= ~sig_bit(sig);
        if (ignored(p, sig))
            continue;
        if (!fatal(p, sig))
            kwarn("signal %d has a handler, but Astra does not run signal handlers: the process ends\n", sig);
        proc_exit_group(sig);
    }
}
