/* The CPU's features as Linux tells a program (the auxiliary vector). */
#include "arch.h"

/* AT_HWCAP on x86_64: CPUID leaf 1's EDX. */
uint64_t arch_elf_hwcap(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    return r[3];
}

/* AT_HWCAP2: bit 1 (HWCAP2_FSGSBASE) says user mode may use the FSGSBASE instructions, which
 * needs CR4.FSGSBASE: the kernel leaves it clear (it saves FS and GS through their MSRs), so
 * no bit is set; bit 0 (ring-3 MWAIT) is an Intel Xeon Phi feature Linux enables only there. */
uint64_t arch_elf_hwcap2(void) { return (read_cr4() & CR4_FSGSBASE) ? 2 : 0; }
