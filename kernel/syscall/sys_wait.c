/* wait4 and waitid: collecting ended children, and reporting stopped (WUNTRACED/WSTOPPED)
 * and continued (WCONTINUED) ones, with Linux's checks, status encoding and choice of
 * children (pid, process group, __WCLONE/__WALL). */
#include <astra/abi.h>

#include "lib/kstring.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define INT_MIN_ (-2147483647 - 1)

enum which { ANY_CHILD, ONE_CHILD, GROUP };

/* Whether child c is one the wait is for: the selection, and the kind of child (__WCLONE:
 * those that report with another signal than SIGCHLD; __WALL: all). */
static int eligible(const struct proc *c, enum which which, int id, unsigned options)
{
    if ((which == ONE_CHILD && c->pid != id) || (which == GROUP && c->pgid != id))
        return 0;
    if (options & ASTRA___WALL)
        return 1;
    return (c->exit_signal != ASTRA_SIGCHLD) == ((options & ASTRA___WCLONE) != 0);
}

enum report { ENDED, STOPPED, CONTINUED };

/* What child c has to report that options (WEXITED, WSTOPPED, WCONTINUED) ask for: 1 with
 * its kind in *kind, or 0. */
static int has_report(const struct proc *c, unsigned options, enum report *kind)
{
    if (c->state == PROC_ZOMBIE) {
        *kind = ENDED;
        return (options & ASTRA_WEXITED) != 0;
    }
    if ((options & ASTRA_WSTOPPED) && c->stopped && c->stop_report) {
        *kind = STOPPED;
        return 1;
    }
    if ((options & ASTRA_WCONTINUED) && c->cont_report) {
        *kind = CONTINUED;
        return 1;
    }
    return 0;
}

/* Waits for an eligible child to end, stop or continue as options ask: 1 with the child in
 * *out and what happened in *kind, 0 when WNOHANG finds none yet, -ECHILD when there is no
 * eligible child, -EINTR. */
static int wait_child(enum which which, int id, unsigned options, struct proc **out, enum report *kind)
{
    struct proc *self = current_proc();
    for (;;) {
        int any = 0;
        for (struct proc *c = self->children; c; c = c->sibling) {
            if (!eligible(c, which, id, options))
                continue;
            any = 1;
            if (has_report(c, options, kind)) {
                *out = c;
                return 1;
            }
        }
        if (!any)
            return -ASTRA_ECHILD;
        if (options & ASTRA_WNOHANG)
            return 0;
        int r = waitq_sleep(&self->child_exited, 0);
        if (r)
            return r;
    }
}

static int copy_rusage(uint64_t urusage)
{
    struct astra_rusage ru;
    memset(&ru, 0, sizeof ru);
    return urusage && uvm_copy_out(current_mm(), urusage, &ru, sizeof ru) ? -ASTRA_EFAULT : 0;
}

long ksys_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage)
{
    unsigned opts = (unsigned)options;
    if (opts & ~(ASTRA_WNOHANG | ASTRA_WUNTRACED | ASTRA_WCONTINUED | ASTRA___WNOTHREAD | ASTRA___WCLONE |
                 ASTRA___WALL))
        return -ASTRA_EINVAL;
    if (pid == INT_MIN_)
        return -ASTRA_ESRCH;
    enum which which = pid > 0 ? ONE_CHILD : pid == -1 ? ANY_CHILD : GROUP;
    int id = pid > 0 ? pid : pid == 0 ? current_proc()->pgid : -pid;
    struct proc *c;
    enum report kind;
    int r = wait_child(which, id, opts | ASTRA_WEXITED, &c, &kind);
    if (r <= 0)
        return r;
    int cpid = c->pid, status;
    if (kind == STOPPED) {
        status = ASTRA_W_STOPCODE(c->stop_report);
        c->stop_report = 0;
    } else if (kind == CONTINUED) {
        status = ASTRA_W_CONTINUED;
        c->cont_report = 0;
    } else {
        status = c->wait_status;
        proc_release(c);
    }
    /* As Linux: the child is collected even when its status cannot be stored. */
    if (ustatus && uvm_copy_out(current_mm(), ustatus, &status, sizeof status))
        return -ASTRA_EFAULT;
    return copy_rusage(urusage) ? -ASTRA_EFAULT : cpid;
}

/* waitid's result, from Linux: 1 with the child's siginfo fields, 0 (WNOHANG, nothing yet)
 * or -errno. */
static long waitid_child(int idtype, int id, unsigned opts, struct astra_siginfo *info)
{
    if (opts & ~(ASTRA_WNOHANG | ASTRA_WNOWAIT | ASTRA_WEXITED | ASTRA_WSTOPPED | ASTRA_WCONTINUED |
                 ASTRA___WNOTHREAD | ASTRA___WCLONE | ASTRA___WALL))
        return -ASTRA_EINVAL;
    if (!(opts & (ASTRA_WEXITED | ASTRA_WSTOPPED | ASTRA_WCONTINUED)))
        return -ASTRA_EINVAL;
    enum which which;
    switch (idtype) {
    case ASTRA_P_ALL: which = ANY_CHILD; break;
    case ASTRA_P_PID:
        if (id <= 0)
            return -ASTRA_EINVAL;
        which = ONE_CHILD;
        break;
    case ASTRA_P_PGID:
        if (id < 0)
            return -ASTRA_EINVAL;
        which = GROUP;
        if (!id)
            id = current_proc()->pgid;
        break;
    default: return -ASTRA_EINVAL; /* P_PIDFD: Astra has no pidfds */
    }
    struct proc *c;
    enum report kind;
    long r = wait_child(which, id, opts, &c, &kind);
    if (r <= 0)
        return r;
    int keep = (opts & ASTRA_WNOWAIT) != 0;
    info->signo = ASTRA_SIGCHLD;
    info->pid = c->pid;
    if (kind == STOPPED) {
        info->code = ASTRA_CLD_STOPPED;
        info->status = c->stop_report;
        if (!keep)
            c->stop_report = 0;
    } else if (kind == CONTINUED) {
        info->code = ASTRA_CLD_CONTINUED;
        info->status = ASTRA_SIGCONT;
        if (!keep)
            c->cont_report = 0;
    } else {
        int killed = (c->wait_status & 0x7f) != 0;
        info->code = killed ? ASTRA_CLD_KILLED : ASTRA_CLD_EXITED;
        info->status = killed ? c->wait_status & 0x7f : (c->wait_status >> 8) & 0xff;
        if (!keep)
            proc_release(c);
    }
    return 1;
}

long ksys_waitid(int idtype, int id, uint64_t uinfo, int options, uint64_t urusage)
{
    struct astra_siginfo info;
    memset(&info, 0, sizeof info);
    long r = waitid_child(idtype, id, (unsigned)options, &info);
    if (r > 0) {
        r = 0;
        if (copy_rusage(urusage))
            return -ASTRA_EFAULT;
    }
    /* As Linux, these fields are written whatever the result (zeros when no child came);
     * the padding between them is left alone. */
    struct mm *mm = current_mm();
    if (uinfo && (uvm_copy_out(mm, uinfo, &info.signo, 3 * sizeof(int32_t)) ||
                  uvm_copy_out(mm, uinfo + 16, &info.pid, 3 * sizeof(int32_t))))
        return -ASTRA_EFAULT;
    return r;
}
