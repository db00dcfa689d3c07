/* Resource limits: getrlimit, setrlimit and prlimit64 report the limits this kernel has,
 * which are fixed (no process can change them): descriptors per process (FD_MAX), processes
 * (PROC_MAX), the stack (USER_STACK_SIZE), no core files; everything else is unlimited. A
 * request to set a limit to what it already is succeeds; any other change is -EPERM. */
#include <astra/abi.h>

#include "fs/vfs.h"
#include "mm/uvm.h"
#include "proc/proc.h"

static struct astra_rlimit fixed_limit(int resource)
{
    uint64_t v;
    switch (resource) {
    case ASTRA_RLIMIT_NOFILE: v = FD_MAX; break;
    case ASTRA_RLIMIT_NPROC: v = PROC_MAX; break;
    case ASTRA_RLIMIT_STACK: v = USER_STACK_SIZE; break;
    case ASTRA_RLIMIT_CORE:
    case ASTRA_RLIMIT_NICE:
    case ASTRA_RLIMIT_RTPRIO: v = 0; break;
    default: v = ASTRA_RLIM_INFINITY; break;
    }
    return (struct astra_rlimit){ v, v };
}

long ksys_prlimit64(int pid, int resource, uint64_t new_limit, uint64_t old_limit)
{
    if (resource < 0 || resource >= ASTRA_RLIM_NLIMITS)
        return -ASTRA_EINVAL;
    struct mm *mm = current_mm();
    struct astra_rlimit want, have = fixed_limit(resource);
    if (new_limit) {
        if (uvm_copy_in(mm, &want, new_limit, sizeof want))
            return -ASTRA_EFAULT;
        if (want.rlim_cur > want.rlim_max)
            return -ASTRA_EINVAL;
    }
    if (pid < 0 || (pid && !proc_find(pid)))
        return -ASTRA_ESRCH;
    if (new_limit && (want.rlim_cur != have.rlim_cur || want.rlim_max != have.rlim_max))
        return -ASTRA_EPERM;
    if (old_limit && uvm_copy_out(mm, old_limit, &have, sizeof have))
        return -ASTRA_EFAULT;
    return 0;
}

/* As Linux: a NULL limit is a bad address here (prlimit64 reads it as "none"). */
long ksys_getrlimit(int resource, uint64_t rlim)
{
    return rlim ? ksys_prlimit64(0, resource, 0, rlim) : -ASTRA_EFAULT;
}

long ksys_setrlimit(int resource, uint64_t rlim)
{
    return rlim ? ksys_prlimit64(0, resource, rlim, 0) : -ASTRA_EFAULT;
}
