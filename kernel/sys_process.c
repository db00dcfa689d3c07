/* Process and thread identity, exit, signals to oneself, arch_prctl, uname, scheduling. */
#include <astra/abi.h>

#include "console.h"
#include "kstring.h"
#include "layout.h"
#include "proc.h"
#include "uvm.h"
#include "x86.h"

long ksys_exit(int status) { thread_exit(status & 0xff); }

long ksys_exit_group(int status) { proc_exit_group(status & 0xff); }

long ksys_getpid(void) { return current_proc()->pid; }

long ksys_gettid(void) { return current_thread()->tid; }

long ksys_set_tid_address(uint64_t tidptr)
{
    current_thread()->clear_child_tid = tidptr;
    return current_thread()->tid;
}


long ksys_arch_prctl(int code, unsigned long addr)
{
    struct thread *t = current_thread();
    switch (code) {
    case ASTRA_ARCH_SET_FS:
        if (addr >= USER_TOP)
            return -ASTRA_EPERM;
        t->fs_base = addr;
        wrmsr(MSR_FS_BASE, addr);
        return 0;
    case ASTRA_ARCH_GET_FS:
        return uvm_copy_out(t->proc, addr, &t->fs_base, sizeof t->fs_base);
    default:
        return -ASTRA_EINVAL;
    }
}

long ksys_uname(uint64_t buf)
{
    struct astra_utsname u;
    memset(&u, 0, sizeof u);
    strlcpy(u.sysname, "Astra", sizeof u.sysname);
    strlcpy(u.nodename, "astra", sizeof u.nodename);
    strlcpy(u.release, "0.1.0", sizeof u.release);
    strlcpy(u.version, "#1", sizeof u.version);
    strlcpy(u.machine, "x86_64", sizeof u.machine);
    strlcpy(u.domainname, "(none)", sizeof u.domainname);
    return uvm_copy_out(current_proc(), buf, &u, sizeof u);
}

/* One CPU: a mask must include CPU 0. */
long ksys_sched_setaffinity(int pid, size_t size, uint64_t mask)
{
    if (pid != 0 && pid != current_proc()->pid && pid != current_thread()->tid)
        return -ASTRA_ESRCH;
    uint64_t first = 0;
    if (!size)
        return -ASTRA_EINVAL;
    if (uvm_copy_in(current_proc(), &first, mask, size < 8 ? size : 8))
        return -ASTRA_EFAULT;
    return (first & 1) ? 0 : -ASTRA_EINVAL;
}

long ksys_sched_getaffinity(int pid, size_t size, uint64_t mask)
{
    if (pid != 0 && pid != current_proc()->pid && pid != current_thread()->tid)
        return -ASTRA_ESRCH;
    if (size < 8 || (size & 7))
        return -ASTRA_EINVAL;
    uint64_t one_cpu = 1;
    long r = uvm_copy_out(current_proc(), mask, &one_cpu, sizeof one_cpu);
    return r ? r : 8;
}

/* Signals exist only to end oneself (abort, raise): a signal whose disposition is the
 * default ends the program with status 128 + signal, as a shell reports it on Linux; an
 * ignored one does nothing; signal 0 checks the target exists. Handlers are recorded but
 * never run: there is no asynchronous signal delivery. */
static long signal_self(int sig)
{
    if (sig < 0 || sig > 64)
        return -ASTRA_EINVAL;
    if (sig == 0)
        return 0;
    unsigned long h = current_proc()->sig_handler[sig];
    static const unsigned char ignored_by_default[] = { 17, 23, 28 }; /* SIGCHLD, SIGURG, SIGWINCH */
    if (h == ASTRA_SIG_IGN)
        return 0;
    if (h == ASTRA_SIG_DFL)
        for (unsigned i = 0; i < sizeof ignored_by_default; i++)
            if (sig == ignored_by_default[i])
                return 0;
    if (h != ASTRA_SIG_DFL)
        kwarn("signal %d has a handler, but Astra does not run signal handlers: the program ends\n", sig);
    proc_exit_group(128 + sig);
}

long ksys_rt_sigaction(int sig, uint64_t act, uint64_t oldact, size_t sigsetsize)
{
    struct proc *p = current_proc();
    if (sig < 1 || sig > 64 || sigsetsize != 8)
        return -ASTRA_EINVAL;
    struct astra_sigaction old = { p->sig_handler[sig], 0, 0, 0 }, new;
    if (act) {
        if (uvm_copy_in(p, &new, act, sizeof new))
            return -ASTRA_EFAULT;
        if (sig == ASTRA_SIGKILL || sig == ASTRA_SIGSTOP)
            return -ASTRA_EINVAL;
    }
    if (oldact && uvm_copy_out(p, oldact, &old, sizeof old))
        return -ASTRA_EFAULT;
    if (act)
        p->sig_handler[sig] = new.handler;
    return 0;
}

long ksys_kill(int pid, int sig)
{
    if (pid != current_proc()->pid && pid != 0 && pid != -1)
        return -ASTRA_ESRCH;
    return signal_self(sig);
}

long ksys_tgkill(int tgid, int tid, int sig)
{
    if (tgid != current_proc()->pid || tid != current_thread()->tid)
        return -ASTRA_ESRCH;
    return signal_self(sig);
}
