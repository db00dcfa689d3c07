/* What the vDSO (vdso/vdso.c, running in user mode) needs of the CPU: the kernel's counter,
 * the CPU number, and the system call instruction. */
#ifndef ASTRA_KERNEL_VDSO_ARCH_H
#define ASTRA_KERNEL_VDSO_ARCH_H

#include <stdint.h>

/* The TSC, read after every earlier load (LFENCE): not before the sequence count. */
static inline uint64_t vdso_counter(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
    return (uint64_t)hi << 32 | lo;
}

/* How the vDSO reads the CPU number (vvar_page.getcpu, from arch_vdso_getcpu): through the
 * system call, or from TSC_AUX (tsc_aux.c sets it on every CPU) with RDTSCP or RDPID. */
enum { VDSO_GETCPU_SYSCALL, VDSO_GETCPU_RDTSCP, VDSO_GETCPU_RDPID };

/* TSC_AUX as Linux encodes it: the NUMA node above the low 12 bits, the CPU below. */
#define VDSO_CPU_BITS 12
#define VDSO_TSC_AUX(node, cpu) ((uint64_t)(node) << VDSO_CPU_BITS | (cpu))

/* Sets *aux to this CPU's TSC_AUX, read as method says: 1, or 0 for VDSO_GETCPU_SYSCALL. */
static inline __attribute__((always_inline)) int vdso_tsc_aux(uint32_t method, uint32_t *aux)
{
    if (method == VDSO_GETCPU_RDPID) {
        uint64_t v;
        __asm__ volatile("rdpid %0" : "=r"(v));
        *aux = (uint32_t)v;
        return 1;
    }
    if (method == VDSO_GETCPU_RDTSCP) {
        uint32_t lo, hi, c;
        __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(c));
        *aux = c;
        return 1;
    }
    return 0;
}

static inline long vdso_syscall2(long nr, long a, long b)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}

static inline long vdso_syscall3(long nr, long a, long b, long c)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

#endif
