/* The saved state of a thread entering the kernel (exception, interrupt or syscall).
 * entry.S builds it; field order must match the pushes there. */
#ifndef ASTRA_KERNEL_TRAP_H
#define ASTRA_KERNEL_TRAP_H

#include <stdint.h>

struct trapframe {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error;
    /* pushed by the CPU (or by syscall_entry in the same layout) */
    uint64_t rip, cs, rflags, rsp, ss;
};

#define VECTOR_SYSCALL 0x100 /* not a CPU vector: the frame came through `syscall` */

/* Loads CPU cpu's GDT and TSS (this zeroes the GS base: percpu_init comes after). */
void gdt_init(unsigned cpu);
/* Builds the IDT and loads it on the boot CPU; idt_load loads it on another CPU. */
void idt_init(void);
void idt_load(void);
/* Sets the stack the CPU switches to when an interrupt arrives in user mode. */
void tss_set_kernel_stack(uint64_t rsp);

void trap(struct trapframe *tf);
/* Returns to user mode with the state in tf, dropping the BKL (entry.S). */
_Noreturn void trap_return(struct trapframe *tf);

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA 0x1b /* 0x18 | RPL 3; sysret: SS = STAR[63:48] + 8 */
#define GDT_USER_CODE 0x23 /* 0x20 | RPL 3; sysret: CS = STAR[63:48] + 16 */
#define GDT_TSS 0x28

#endif
