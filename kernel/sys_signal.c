/* Signal calls: kill, tgkill, rt_sigaction, rt_sigprocmask, with Linux's order of checks. */
#include <astra/abi.h>

#include "proc.h"
#include "signal.h"
#include "uvm.h"

#define UNBLOCKABLE (sig_bit(ASTRA_SIGKILL) | sig_bit(ASTRA_SIGSTOP))
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
            signal_send_proc(p, sig);
        return 0;
    }
    /* A process group (0: the caller's), or every process but pid 1 and the caller (-1). */
    int group = pid == 0 ? self->pgid : -pid, count = 0;
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (pid == -1 ? p->pid <= 1 || p == self : p->pgid != group)
            continue;
        count++;
        if (valid_signal(sig) && sig)
            signal_send_proc(p, sig);
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
        signal_send_thread(t, sig);
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
        new.mask &= ~UNBLOCKABLE;
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
        set &= ~UNBLOCKABLE;
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
