#include "../../internal/time.h"
#include "../internal/libc.h"

/* The CPU the caller runs on: the vDSO's getcpu, or the system call without one. */
int sched_getcpu(void)
{
    unsigned cpu;
    astra_vdso_getcpu_fn vdso = astra_vdso_getcpu();
    long r = vdso ? vdso(&cpu, 0, 0) : SYS3(getcpu, &cpu, 0, 0);
    return r < 0 ? (int)astra_libc_ret(r) : (int)cpu;
}
