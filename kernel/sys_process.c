/* Process and thread identity, exit, arch_prctl, uname, scheduling. */
#include <astra/abi.h>

#include "console.h"
#include "kstring.h"
#include "layout.h"
#include "proc.h"
#include "uvm.h"
#include "x86.h"

long ksys_exit(int status) { thread_exit(status & 0xff); }

long ksys_exit_group(int status) { proc_exit_group(ASTRA_W_EXITCODE(status)); }

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
        return uvm_copy_out(t->proc->mm, addr, &t->fs_base, sizeof t->fs_base);
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
    return uvm_copy_out(current_mm(), buf, &u, sizeof u);
}

/* One CPU: a mask must include CPU 0. */
long ksys_sched_setaffinity(int pid, size_t size, uint64_t mask)
{
    if (pid != 0 && pid != current_proc()->pid && pid != current_thread()->tid)
        return -ASTRA_ESRCH;
    uint64_t first = 0;
    if (!size)
        return -ASTRA_EINVAL;
    if (uvm_copy_in(current_mm(), &first, mask, size < 8 ? size : 8))
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
    long r = uvm_copy_out(current_mm(), mask, &one_cpu, sizeof one_cpu);
    return r ? r : 8;
}
