/* Process and thread identity, exit, arch_prctl, uname, scheduling. */
#include <astra/abi.h>

#include "arch.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/sched.h"

long ksys_exit(int status) { thread_exit(status & 0xff); }

long ksys_exit_group(int status) { proc_exit_group(ASTRA_W_EXITCODE(status)); }

long ksys_getpid(void) { return current_proc()->pid; }

long ksys_gettid(void) { return current_thread()->tid; }

long ksys_set_tid_address(uint64_t tidptr)
{
    current_thread()->clear_child_tid = tidptr;
    return current_thread()->tid;
}

/* The head is only remembered: the thread's exit (futex_exit_robust) reads the list. */
long ksys_set_robust_list(uint64_t head, size_t len)
{
    if (len != sizeof(struct astra_robust_list_head))
        return -ASTRA_EINVAL;
    current_thread()->robust_list = head;
    return 0;
}

long ksys_get_robust_list(int pid, uint64_t uhead, uint64_t ulen)
{
    struct thread *t = pid ? thread_find(pid) : current_thread();
    if (!t)
        return -ASTRA_ESRCH;
    uint64_t len = sizeof(struct astra_robust_list_head);
    if (uvm_copy_out(current_mm(), ulen, &len, sizeof len) ||
        uvm_copy_out(current_mm(), uhead, &t->robust_list, sizeof t->robust_list))
        return -ASTRA_EFAULT;
    return 0;
}

/* Restartable sequences are not offered: glibc and others fall back quietly, so this is not
 * an unsupported call the console names. */
long ksys_rseq(uint64_t rseq, unsigned len, int flags, unsigned sig)
{
    (void)rseq, (void)len, (void)flags, (void)sig;
    return -ASTRA_ENOSYS;
}

long ksys_arch_prctl(int code, unsigned long addr)
{
    struct thread *t = current_thread();
    switch (code) {
    case ASTRA_ARCH_SET_FS:
        if (addr >= USER_TOP)
            return -ASTRA_EPERM;
        t->fs_base = addr;
        arch_set_user_tls(addr);
        return 0;
    case ASTRA_ARCH_GET_FS:
        return uvm_copy_out(t->proc->mm, addr, &t->fs_base, sizeof t->fs_base);
    case ASTRA_ARCH_SET_GS:
        if (addr >= USER_TOP)
            return -ASTRA_EPERM;
        t->gs_base = addr;
        arch_set_user_gs(addr);
        return 0;
    case ASTRA_ARCH_GET_GS:
        return uvm_copy_out(t->proc->mm, addr, &t->gs_base, sizeof t->gs_base);
    default:
        return -ASTRA_EINVAL;
    }
}

/* prctl: the calling thread's name (PR_SET_NAME, PR_GET_NAME: 16 bytes with the NUL, as
 * Linux's comm; until set, the program's file name). Other options are named once and
 * refused -EINVAL, as Linux refuses the options it does not know. */
long ksys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
    (void)arg3, (void)arg4, (void)arg5;
    struct thread *t = current_thread();
    char name[sizeof t->comm];
    switch (option) {
    case ASTRA_PR_SET_NAME:
        /* As Linux: up to 15 bytes are taken, a longer name is cut. */
        if (uvm_copy_string_in(t->proc->mm, name, arg2, sizeof name) == -ASTRA_EFAULT)
            return -ASTRA_EFAULT;
        name[sizeof name - 1] = 0;
        memcpy(t->comm, name, sizeof name);
        return 0;
    case ASTRA_PR_GET_NAME:
        memset(name, 0, sizeof name);
        strlcpy(name, t->comm[0] ? t->comm : t->proc->name, sizeof name);
        return uvm_copy_out(t->proc->mm, arg2, name, sizeof name) ? -ASTRA_EFAULT : 0;
    default:
        kwarn_once_for(1ULL << ((unsigned)option % 64), "prctl: option %d is not supported: returning -EINVAL\n", option);
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

/* The thread a scheduling call names: 0 is the caller, else any thread id (Linux). */
static struct thread *sched_target(int pid)
{
    if (pid < 0)
        return 0;
    return pid == 0 ? current_thread() : thread_find(pid);
}

static uint64_t online_mask(void) { return cpu_count >= 64 ? ~0ULL : (1ULL << cpu_count) - 1; }

/* Bits beyond the first 64 CPUs (a larger mask) are ignored; a mask with no online CPU is
 * EINVAL. A thread moved off its CPU leaves it at once. */
long ksys_sched_setaffinity(int pid, size_t size, uint64_t mask)
{
    struct thread *t = sched_target(pid);
    if (!t)
        return -ASTRA_ESRCH;
    uint64_t want = 0;
    if (size && uvm_copy_in(current_mm(), &want, mask, size < 8 ? size : 8))
        return -ASTRA_EFAULT;
    want &= online_mask();
    if (!want)
        return -ASTRA_EINVAL;
    t->cpu_mask = want;
    if (t == current_thread() && !((want >> this_cpu()->id) & 1))
        sched_yield();
    return 0;
}

long ksys_sched_getaffinity(int pid, size_t size, uint64_t mask)
{
    struct thread *t = sched_target(pid);
    if (!t)
        return -ASTRA_ESRCH;
    if (size * 8 < cpu_count || (size & 7))
        return -ASTRA_EINVAL;
    uint64_t cpus_allowed = t->cpu_mask & online_mask();
    long r = uvm_copy_out(current_mm(), mask, &cpus_allowed, sizeof cpus_allowed);
    return r ? r : 8;
}

/* The CPU the caller runs on, and NUMA node 0; the cache argument is unused, as on Linux. */
long ksys_getcpu(uint64_t cpu, uint64_t node, uint64_t cache)
{
    (void)cache;
    unsigned id = this_cpu()->id, zero = 0;
    if (cpu && uvm_copy_out(current_mm(), cpu, &id, sizeof id))
        return -ASTRA_EFAULT;
    if (node && uvm_copy_out(current_mm(), node, &zero, sizeof zero))
        return -ASTRA_EFAULT;
    return 0;
}
