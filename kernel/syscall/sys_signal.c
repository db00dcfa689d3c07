/* Signal calls: kill, tgkill, rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, pause,
 * sigaltstack, with Linux's order of checks. (rt_sigreturn: sigframe.c) */
#include <astra/abi.h>

#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define KNOWN_SA_FLAGS                                                                         \
    (ASTRA_SA_NOCLDSTOP | ASTRA_SA_NOCLDWAIT | ASTRA_SA_SIGINFO | ASTRA_SA_RESTORER | ASTRA_SA_ONSTACK | \
     ASTRA_SA_RESTART | ASTRA_SA_NODEFER | ASTRA_SA_RESETHAND | ASTRA_SA_EXPOSE_TAGBITS)

static int valid_signal(int sig) { return sig >= 0 && sig <= ASTRA_NSIG; }

long ksys_kill(int pid, int sig)
{
    struct proc *self = current_proc();
    if (pid == -2147483647 - 1)
        return -ASTRA_ESRCH; /* -INT_MIN names no group */
    if (pid > 0) {
        struct proc *p = proc_find(pid);
        if (!p)
            return -ASTRA_ESRCH;
        if (!valid_signal(sig))
            return -ASTRA_EINVAL;
        if (sig)
            signal_send_proc(p, sig, signal_from_caller(ASTRA_SI_USER));
        return 0;
    }
    /* A process group (0: the caller's), or every process but pid 1 and the caller (-1). */
    int group = pid == 0 ? self->pgid : -pid, count = 0;
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (pid == -1 ? p->pid <= 1 || p == self : p->pgid != group)
            continue;
        count++;
        if (valid_signal(sig) && sig)
            signal_send_proc(p, sig, signal_from_caller(ASTRA_SI_USER));
    }
    if (!count)
        return -ASTRA_ESRCH;
    return valid_signal(sig) ? 0 : -ASTRA_EINVAL;
}

long ksys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0 || tid <= 0)
        return -ASTRA_EINVAL;
    struct thread *t = thread_find(tid);
    struct proc *zombie = t ? 0 : proc_find(tid);
    if (t ? t->proc->pid != tgid : !zombie || zombie->pid != tgid || zombie->state != PROC_ZOMBIE)
        return -ASTRA_ESRCH;
    if (!valid_signal(sig))
        return -ASTRA_EINVAL;
    if (sig && t)
        signal_send_thread(t, sig, signal_from_caller(ASTRA_SI_TKILL));
    return 0;
}

long ksys_tkill(int tid, int sig)
{
    if (tid <= 0)
        return -ASTRA_EINVAL;
    struct thread *t = thread_find(tid);
    if (!t)
        return -ASTRA_ESRCH;
    if (!valid_signal(sig))
        return -ASTRA_EINVAL;
    if (sig)
        signal_send_thread(t, sig, signal_from_caller(ASTRA_SI_TKILL));
    return 0;
}

long ksys_rt_sigaction(int sig, uint64_t act, uint64_t oldact, size_t sigsetsize)
{
    struct proc *p = current_proc();
    struct astra_sigaction new;
    if (sigsetsize != sizeof(uint64_t))
        return -ASTRA_EINVAL;
    if (act && uvm_copy_in(p->mm, &new, act, sizeof new))
        return -ASTRA_EFAULT;
    if (sig < 1 || sig > ASTRA_NSIG || (act && (sig == ASTRA_SIGKILL || sig == ASTRA_SIGSTOP)))
        return -ASTRA_EINVAL;
    struct astra_sigaction old = p->sig_action[sig];
    if (act) {
        new.flags &= KNOWN_SA_FLAGS; /* as Linux: unknown flags read back as clear */
        new.mask &= ~SIG_UNBLOCKABLE;
        p->sig_action[sig] = new;
        signal_flush_ignored(p, sig);
    }
    if (oldact && uvm_copy_out(p->mm, oldact, &old, sizeof old))
        return -ASTRA_EFAULT;
    return 0;
}

long ksys_rt_sigprocmask(int how, uint64_t uset, uint64_t uold, size_t sigsetsize)
{
    struct thread *t = current_thread();
    uint64_t old = t->sig_blocked, set;
    if (sigsetsize != sizeof(uint64_t))
        return -ASTRA_EINVAL;
    if (uset) {
        if (uvm_copy_in(t->proc->mm, &set, uset, sizeof set))
            return -ASTRA_EFAULT;
        set &= ~SIG_UNBLOCKABLE;
        switch (how) {
        case ASTRA_SIG_BLOCK: t->sig_blocked |= set; break;
        case ASTRA_SIG_UNBLOCK: t->sig_blocked &= ~set; break;
        case ASTRA_SIG_SETMASK: t->sig_blocked = set; break;
        default: return -ASTRA_EINVAL;
        }
    }
    if (uold && uvm_copy_out(t->proc->mm, uold, &old, sizeof old))
        return -ASTRA_EFAULT;
    return 0;
}

long ksys_rt_sigpending(uint64_t uset, size_t sigsetsize)
{
    struct thread *t = current_thread();
    if (sigsetsize > sizeof(uint64_t))
        return -ASTRA_EINVAL;
    uint64_t set = (t->sig_pending | t->proc->sig_pending) & t->sig_blocked;
    return uvm_copy_out(t->proc->mm, uset, &set, sigsetsize) ? -ASTRA_EFAULT : 0;
}

/* Sleeps until a signal runs a handler (or ends the process); always -EINTR. */
static long wait_for_signal(struct thread *t)
{
    while (!signal_pending(t))
        sched_block(0);
    return -ASTRA_EINTR;
}

long ksys_rt_sigsuspend(uint64_t uset, size_t sigsetsize)
{
    struct thread *t = current_thread();
    uint64_t set;
    if (sigsetsize != sizeof(uint64_t))
        return -ASTRA_EINVAL;
    if (uvm_copy_in(t->proc->mm, &set, uset, sizeof set))
        return -ASTRA_EFAULT;
    /* The old mask comes back once a handler ran (the frame keeps it) or at the return. */
    t->saved_mask = t->sig_blocked;
    t->restore_mask = 1;
    t->sig_blocked = set & ~SIG_UNBLOCKABLE;
    return wait_for_signal(t);
}

long ksys_pause(void) { return wait_for_signal(current_thread()); }

long ksys_sigaltstack(uint64_t uss, uint64_t uold)
{
    struct thread *t = current_thread();
    struct mm *mm = t->proc->mm;
    struct astra_stack ss, old = t->altstack;
    int on = !(old.ss_flags & ASTRA_SS_DISABLE) && t->tf->rsp > old.ss_sp && t->tf->rsp - old.ss_sp <= old.ss_size;
    if (on)
        old.ss_flags = ASTRA_SS_ONSTACK;
    if (old.ss_flags & ASTRA_SS_DISABLE)
        old.ss_sp = 0, old.ss_size = 0;
    if (uss) {
        if (uvm_copy_in(mm, &ss, uss, sizeof ss))
            return -ASTRA_EFAULT;
        if (on)
            return -ASTRA_EPERM;
        unsigned mode = (unsigned)ss.ss_flags & ~ASTRA_SS_AUTODISARM;
        if (mode != 0 && mode != ASTRA_SS_DISABLE && mode != ASTRA_SS_ONSTACK)
            return -ASTRA_EINVAL;
        if (mode == ASTRA_SS_DISABLE) {
            ss.ss_sp = 0, ss.ss_size = 0;
        } else if (ss.ss_size < ASTRA_MINSIGSTKSZ) {
            return -ASTRA_ENOMEM;
        }
        ss.ss_flags = (int32_t)(mode == ASTRA_SS_DISABLE ? ASTRA_SS_DISABLE : 0);
        ss.pad = 0;
    }
    if (uold && uvm_copy_out(mm, uold, &old, sizeof old))
        return -ASTRA_EFAULT;
    if (uss)
        t->altstack = ss;
    return 0;
}
