/* Process and thread identity, exit, signals to oneself, arch_prctl, uname, scheduling. */
#include <astra/abi.h>

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

/* Signals exist only to end oneself (abort, raise): a fatal signal ends the program with
 * status 128 + signal, as a shell reports it on Linux; signal 0 checks the target exists. */
static long signal_self(int sig)
{
    if (sig < 0 || sig > 64)
        return -ASTRA_EINVAL;
    if (sig == 0)
        return 0;
    proc_exit_group(128 + sig);
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
