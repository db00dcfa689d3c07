#include <astra/abi.h>
#include <astra/syscall_nr.h>

#include "lib/printf.h"
#include "proc/futex.h"
#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define DEFAULT_IGNORED                                                                        \
    (sig_bit(ASTRA_SIGCHLD) | sig_bit(ASTRA_SIGURG) | sig_bit(ASTRA_SIGWINCH) | sig_bit(ASTRA_SIGCONT))
/* Their default action stops the process (jobctl.c). */
#define STOPPING                                                                               \
    (sig_bit(ASTRA_SIGSTOP) | sig_bit(ASTRA_SIGTSTP) | sig_bit(ASTRA_SIGTTIN) | sig_bit(ASTRA_SIGTTOU))

static int ignored(struct proc *p, int sig)
{
    unsigned long h = p->sig_action[sig].handler;
    if (sig == ASTRA_SIGKILL)
        return 0;
    return h == ASTRA_SIG_IGN || (h == ASTRA_SIG_DFL && (DEFAULT_IGNORED & sig_bit(sig)));
}

/* Whether sig ends p: SIGKILL, or a default action of termination (with or without a core). */
static int fatal(struct proc *p, int sig)
{
    return sig == ASTRA_SIGKILL ||
           (p->sig_action[sig].handler == ASTRA_SIG_DFL && !((DEFAULT_IGNORED | STOPPING) & sig_bit(sig)));
}

/* Whether sig's action in p is to stop it. */
static int stops(struct proc *p, int sig)
{
    return p->sig_action[sig].handler == ASTRA_SIG_DFL && (STOPPING & sig_bit(sig));
}

/* Whether sig ends p as soon as it is sent: a stopped process takes only SIGKILL at once, the
 * others wait until it continues (as Linux's wants_signal). */
static int fatal_now(struct proc *p, int sig)
{
    return fatal(p, sig) && (!p->stopped || sig == ASTRA_SIGKILL);
}

void signal_wake(struct thread *t)
{
    if (t->state == THREAD_BLOCKED) {
        futex_cancel(t);
        sched_wake(t, -ASTRA_EINTR);
    } else {
        sched_kick(t); /* running on another CPU: it sees the signal on entering the kernel */
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

/* Marks sig pending in a thread's or a process's set (under the BKL). An atomic store, as
 * signal_maybe_pending reads the sets without the BKL; clearing a bit needs none (a stale
 * bit read there only sends a call the slow way). */
static void mark_pending(uint64_t *set, int sig)
{
    __atomic_store_n(set, *set | sig_bit(sig), __ATOMIC_RELAXED);
}

struct sig_info signal_from_caller(int code) { return (struct sig_info){ code, current_proc()->pid, 0 }; }

void signal_send_thread(struct thread *t, int sig, struct sig_info info)
{
    struct proc *p = t->proc;
    if (p->exiting || p->state == PROC_ZOMBIE)
        return;
    jobctl_on_send(p, sig);
    int blocked = (t->sig_blocked & sig_bit(sig)) != 0;
    if (!blocked && ignored(p, sig))
        return; /* a blocked one stays: its disposition may change before it is unblocked */
    if (!blocked && fatal_now(p, sig)) {
        group_kill(p, sig);
        return;
    }
    if (!(t->sig_pending & sig_bit(sig)))
        t->sig_info[sig - 1] = info; /* as Linux: a second one while pending is merged */
    mark_pending(&t->sig_pending, sig);
    if (!blocked)
        interrupt(t);
}

void signal_send_proc(struct proc *p, int sig, struct sig_info info)
{
    if (p->exiting || p->state == PROC_ZOMBIE)
        return;
    jobctl_on_send(p, sig);
    /* The thread to take it: one that does not block it, the main thread first. */
    struct thread *target = 0;
    for (struct thread *t = p->thread_list; t; t = t->proc_next)
        if (!(t->sig_blocked & sig_bit(sig)) && (!target || t->tid == p->pid))
            target = t;
    if (target && ignored(p, sig))
        return;
    if (target && fatal_now(p, sig)) {
        group_kill(p, sig);
        return;
    }
    if (!(p->sig_pending & sig_bit(sig)))
        p->sig_info[sig - 1] = info;
    mark_pending(&p->sig_pending, sig);
    if (target)
        interrupt(target);
}

int signal_fault(int sig, int code, uint64_t addr, const struct trapframe *tf)
{
    struct thread *t = current_thread();
    unsigned long h = t->proc->sig_action[sig].handler;
    t->fault_addr = addr;
    t->fault_trapno = tf->vector;
    t->fault_err = tf->error;
    if (h == ASTRA_SIG_DFL || h == ASTRA_SIG_IGN || (t->sig_blocked & sig_bit(sig)))
        return 0;
    t->sig_info[sig - 1] = (struct sig_info){ code, 0, 0 };
    t->sig_pending |= sig_bit(sig);
    return 1;
}

int signal_pending(struct thread *t)
{
    return t->killed || ((t->sig_pending | t->proc->sig_pending) & ~t->sig_blocked) != 0;
}

int signal_fatal_pending(struct thread *t) { return t->killed; }

int signal_maybe_pending(struct thread *t)
{
    struct proc *p = t->proc;
    uint64_t pending = __atomic_load_n(&t->sig_pending, __ATOMIC_RELAXED) |
                       __atomic_load_n(&p->sig_pending, __ATOMIC_RELAXED);
    return __atomic_load_n(&t->killed, __ATOMIC_RELAXED) || __atomic_load_n(&p->stopped, __ATOMIC_RELAXED) ||
           (pending & ~t->sig_blocked) || t->restore_mask;
}

void signal_flush_ignored(struct proc *p, int sig)
{
    if (!ignored(p, sig))
        return;
    p->sig_pending &= ~sig_bit(sig);
    for (struct thread *t = p->thread_list; t; t = t->proc_next)
        t->sig_pending &= ~sig_bit(sig);
}

/* System calls that a handler with SA_RESTART resumes, as Linux's -ERESTARTSYS ones; the
 * others (poll, nanosleep, pause, rt_sigsuspend) end with EINTR. */
static int restartable(long nr)
{
    switch (nr) {
    case ASTRA_NR_read: case ASTRA_NR_write: case ASTRA_NR_readv: case ASTRA_NR_writev:
    case ASTRA_NR_pread64: case ASTRA_NR_pwrite64: case ASTRA_NR_wait4: case ASTRA_NR_waitid:
    case ASTRA_NR_flock: case ASTRA_NR_futex: case ASTRA_NR_accept: case ASTRA_NR_accept4:
    case ASTRA_NR_connect: case ASTRA_NR_recvfrom: case ASTRA_NR_sendto: case ASTRA_NR_ioctl:
        return 1;
    }
    return 0;
}

/* The `syscall` instruction again, with its number: the call runs anew. */
static void restart(struct trapframe *tf, long nr)
{
    tf->rax = (uint64_t)nr;
    tf->rip -= 2;
}

void signal_deliver(struct trapframe *tf, long nr)
{
    struct thread *t = current_thread();
    if (t->killed)
        thread_exit_killed();
    struct proc *p = t->proc;
    if (p->stopped)
        jobctl_park(t);
    int interrupted = nr >= 0 && (long)tf->rax == -ASTRA_EINTR, handled = 0, stopped = 0;
    uint64_t ready;
    while ((ready = (t->sig_pending | p->sig_pending) & ~t->sig_blocked)) {
        int sig = __builtin_ctzll(ready) + 1;
        struct sig_info from;
        if (t->sig_pending & sig_bit(sig)) {
            from = t->sig_info[sig - 1];
            t->sig_pending &= ~sig_bit(sig);
        } else {
            from = p->sig_info[sig - 1];
            p->sig_pending &= ~sig_bit(sig);
        }
        if (ignored(p, sig))
            continue;
        if (stops(p, sig)) {
            stopped |= jobctl_stop(t, sig);
            continue;
        }
        if (fatal(p, sig))
            proc_exit_group(sig);
        struct astra_sigaction *a = &p->sig_action[sig];
        if (interrupted && !handled && (a->flags & ASTRA_SA_RESTART) && restartable(nr))
            restart(tf, nr);
        struct astra_siginfo info = { .signo = sig, .code = from.code };
        if (sig == ASTRA_SIGSEGV || sig == ASTRA_SIGBUS || sig == ASTRA_SIGILL || sig == ASTRA_SIGFPE)
            info.addr = t->fault_addr;
        else
            info.pid = from.pid, info.status = from.status;
        uint64_t saved = t->restore_mask ? t->saved_mask : t->sig_blocked;
        t->restore_mask = 0;
        if (sigframe_setup(t, tf, sig, a, &info, saved)) {
            kwarn("signal %d: no room for its frame on the stack (or no restorer): the process ends\n", sig);
            proc_exit_group(ASTRA_SIGSEGV);
        }
        t->sig_blocked |= (a->mask | ((a->flags & ASTRA_SA_NODEFER) ? 0 : sig_bit(sig))) & ~SIG_UNBLOCKABLE;
        if (a->flags & ASTRA_SA_RESETHAND)
            a->handler = ASTRA_SIG_DFL;
        handled = 1;
    }
    /* The signal that interrupted it is gone, or only stopped the process: carry on, as
     * Linux restarts every call that no handler saw. */
    if (interrupted && !handled && (restartable(nr) || stopped)) {
        if (nr == ASTRA_NR_nanosleep || nr == ASTRA_NR_clock_nanosleep || nr == ASTRA_NR_poll)
            t->resume_deadline = t->sleep_deadline;
        restart(tf, nr);
    }
    if (t->restore_mask) {
        t->sig_blocked = t->saved_mask;
        t->restore_mask = 0;
    }
}
