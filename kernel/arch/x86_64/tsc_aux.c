/* The CPU number for the vDSO's getcpu, as Linux gives it: each CPU's TSC_AUX MSR holds
 * node << 12 | cpu (one node here), which user mode reads with RDPID or, on a CPU without
 * it, with RDTSCP; the vvar page says which (vdso_map.c asks arch_vdso_getcpu), and a CPU
 * with neither has the vDSO enter the kernel. The CPUs are assumed alike (as QEMU's are): the
 * boot CPU's CPUID decides for all. */
#include "arch.h"
#include "tsc_aux.h"
#include "vdso_arch.h"

#define MSR_TSC_AUX 0xc0000103
#define CPUID_7_ECX_RDPID (1u << 22)
#define CPUID_80000001_EDX_RDTSCP (1u << 27)

unsigned arch_vdso_getcpu(void)
{
    uint32_t r[4];
    cpuid(0, 0, r);
    if (r[0] >= 7) {
        cpuid(7, 0, r);
        if (r[2] & CPUID_7_ECX_RDPID)
            return VDSO_GETCPU_RDPID;
    }
    cpuid(0x80000000, 0, r);
    if (r[0] >= 0x80000001) {
        cpuid(0x80000001, 0, r);
        if (r[3] & CPUID_80000001_EDX_RDTSCP)
            return VDSO_GETCPU_RDTSCP;
    }
    return VDSO_GETCPU_SYSCALL;
}

void tsc_aux_init(unsigned cpu)
{
    if (arch_vdso_getcpu() != VDSO_GETCPU_SYSCALL)
        wrmsr(MSR_TSC_AUX, VDSO_TSC_AUX(0, cpu));
}
