/* PVM's "native" mode (docs/kvm.md) runs a guest's user mode on the CPU and its kernel mode
 * in KVM's instruction emulator. Two things break there, and this file is what the kernel
 * does about them when it finds itself in that emulator:
 * - the emulator has no XSAVE, XSAVEOPT or XRSTOR (it stops the machine with "emulation
 *   failure"); cpu.c then leaves XSAVE off and keeps FXSAVE images (x87, MXCSR, XMM). CPUID
 *   then tells programs OSXSAVE 0, so those that check it (std_detect, glibc) use no AVX;
 *   the CPU's XCR0 stays the host's, though, and one that used AVX without checking could
 *   find another thread's upper register halves after a switch (docs/kvm.md);
 * - a `syscall` from user mode sets rip (the syscall entry), rcx, r11 and rflags as the CPU
 *   would, but leaves the vCPU in user mode: fetching the entry then faults, and that fault
 *   carries the system call (emulated_syscall_fault). */
#include <stdint.h>

#include "arch.h"
#include "emulated.h"
#include "lib/kstring.h"
#include "lib/printf.h"

void syscall_entry(void);

int kernel_emulated;

/* A loop of LOOP_ROUNDS dec/jnz pairs takes about LOOP_ROUNDS cycles on a CPU, a few times
 * that under TCG, and hundreds of times that in KVM's emulator (every instruction decoded and
 * executed in the host kernel: 10000 cycles per round measured under PVM on a loaded host). */
#define LOOP_ROUNDS 2000
#define EMULATED_CYCLES_PER_ROUND 500

static uint64_t loop_cycles(void)
{
    uint64_t n = LOOP_ROUNDS, start = arch_counter();
    __asm__ volatile("1: dec %0; jnz 1b" : "+r"(n) :: "cc");
    return arch_counter() - start;
}

void emulated_detect(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    if (!((r[2] >> 31) & 1))
        return; /* no hypervisor */
    cpuid(0x40000000, 0, r);
    char signature[12];
    memcpy(signature, &r[1], 4), memcpy(signature + 4, &r[2], 4), memcpy(signature + 8, &r[3], 4);
    if (memcmp(signature, "KVMKVMKVM\0\0\0", 12))
        return;
    /* The fastest of three, so that a vCPU preempted once is not taken for an emulator. */
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < 3; i++) {
        uint64_t c = loop_cycles();
        if (c < best)
            best = c;
    }
    kernel_emulated = best > (uint64_t)LOOP_ROUNDS * EMULATED_CYCLES_PER_ROUND;
    kprintf("astra: KVM, kernel mode %s (%lu cycles per loop round)\n",
            kernel_emulated ? "emulated instruction by instruction (PVM)" : "on the CPU", best / LOOP_ROUNDS);
}

#define PF_USER_FETCH 0x15 /* present, user mode, instruction fetch */
/* The flags a program may set (those sysret would restore from r11 but IOPL, and IF, forced). */
#define USER_RFLAGS 0x240dd5 /* CF PF AF ZF SF TF DF OF AC ID */

int emulated_syscall_fault(struct trapframe *tf)
{
    if (!kernel_emulated || tf->vector != 14 || (tf->cs & 3) != 3 || tf->rip != (uint64_t)syscall_entry ||
        (tf->error & PF_USER_FETCH) != PF_USER_FETCH)
        return 0;
    /* rcx and r11 hold the return address and rflags, as after `syscall`; a program that
     * jumped here itself gets no more than a system call would give it. */
    tf->rip = tf->rcx;
    tf->rflags = (tf->r11 & USER_RFLAGS) | RFLAGS_IF | 2;
    tf->vector = VECTOR_SYSCALL;
    tf->error = 0;
    return 1;
}
