/* Running under a hypervisor that emulates kernel mode instruction by instruction (PVM,
 * docs/kvm.md): what the kernel does differently there. */
#ifndef ASTRA_KERNEL_EMULATED_H
#define ASTRA_KERNEL_EMULATED_H

#include "trap.h"

/* Set by emulated_detect: kernel mode runs in KVM's instruction emulator. */
extern int kernel_emulated;

/* Decides kernel_emulated on the boot CPU (arch_cpu_init, before the FPU is chosen). */
void emulated_detect(void);

/* Under such a hypervisor a user `syscall` arrives at the syscall entry still in user mode,
 * which faults fetching it (#PF). For that fault, turns tf into the system call's frame and
 * returns 1 (the caller dispatches it and returns to user mode with iretq); 0 otherwise. */
int emulated_syscall_fault(struct trapframe *tf);

/* The system call dispatcher (syscall.c), entered with tf holding the caller's registers. */
void syscall_dispatch(struct trapframe *tf);

#endif
