/* What the vDSO (vdso/vdso.c, running in user mode) needs of the CPU: the kernel's counter
 * and the system call instruction. */
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
