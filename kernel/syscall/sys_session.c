/* The process tree and groups: getppid, setpgid, getpgid, getpgrp, setsid, getsid, with
 * Linux's rules and order of checks. */
#include <astra/abi.h>

#include "proc/proc.h"

long ksys_getppid(void)
{
    struct proc *parent = current_proc()->parent;
    return parent ? parent->pid : 0;
}

/* A live process in group pgid of session sid, or NULL. */
static struct proc *group_member(int pgid, int sid)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pgid == pgid && p->sid == sid)
            return p;
    return 0;
}

long ksys_setpgid(int pid, int pgid)
{
    struct proc *self = current_proc();
    if (!pid)
        pid = self->pid;
    if (!pgid)
        pgid = pid;
    if (pgid < 0)
        return -ASTRA_EINVAL;
    struct proc *p = proc_find(pid);
    if (!p)
        return -ASTRA_ESRCH;
    if (p->parent == self) {
        if (p->sid != self->sid)
            return -ASTRA_EPERM;
        if (p->did_exec)
            return -ASTRA_EACCES;
    } else if (p != self) {
        return -ASTRA_ESRCH;
    }
    if (p->sid == p->pid)
        return -ASTRA_EPERM; /* a session leader stays in its group */
    if (pgid != p->pid && !group_member(pgid, self->sid))
        return -ASTRA_EPERM;
    p->pgid = pgid;
    return 0;
}

long ksys_getpgid(int pid)
{
    struct proc *p = pid ? proc_find(pid) : current_proc();
    return p ? p->pgid : -ASTRA_ESRCH;
}

long ksys_getpgrp(void) { return current_proc()->pgid; }

long ksys_setsid(void)
{
    struct proc *self = current_proc();
    /* Not if it leads a session, or if any process group has its pid as id. */
    if (self->sid == self->pid)
        return -ASTRA_EPERM;
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pgid == self->pid)
            return -ASTRA_EPERM;
    self->sid = self->pgid = self->pid;
    self->ctty = 0; /* a new session has no controlling terminal */
    return self->pid;
}

long ksys_getsid(int pid)
{
    struct proc *p = pid ? proc_find(pid) : current_proc();
    return p ? p->sid : -ASTRA_ESRCH;
}
