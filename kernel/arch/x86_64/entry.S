/* Kernel entry points: CPU exceptions, the `syscall` instruction, and the way back to user
 * mode. All build the same struct trapframe (trap.h) on the thread's kernel stack. */
#include "percpu.h"

#define USER_CODE 0x23
#define USER_DATA 0x1b
#define VECTOR_SYSCALL 0x100

.macro PUSH_GPRS
    push %rax
    push %rbx
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %rbp
    push %r8
    push %r9
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
.endm

.macro POP_GPRS
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rbp
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rbx
    pop %rax
.endm

/* Exception stubs: those without a CPU error code push 0, then the vector. */
.macro EXCEPTION vec, has_error
    .align 16
exception_\vec:
    .if \has_error == 0
    push $0
    .endif
    push $\vec
    jmp trap_common
.endm

    .text
EXCEPTION 0, 0
EXCEPTION 1, 0
EXCEPTION 2, 0
EXCEPTION 3, 0
EXCEPTION 4, 0
EXCEPTION 5, 0
EXCEPTION 6, 0
EXCEPTION 7, 0
EXCEPTION 8, 1
EXCEPTION 9, 0
EXCEPTION 10, 1
EXCEPTION 11, 1
EXCEPTION 12, 1
EXCEPTION 13, 1
EXCEPTION 14, 1
EXCEPTION 15, 0
EXCEPTION 16, 0
EXCEPTION 17, 1
EXCEPTION 18, 0
EXCEPTION 19, 0
EXCEPTION 20, 0
EXCEPTION 21, 1
EXCEPTION 22, 0
EXCEPTION 23, 0
EXCEPTION 24, 0
EXCEPTION 25, 0
EXCEPTION 26, 0
EXCEPTION 27, 0
EXCEPTION 28, 0
EXCEPTION 29, 1
EXCEPTION 30, 1
EXCEPTION 31, 0

/* Interrupt vectors 32..255 (the PICs' 32..47, the local APIC's, IPIs): one 16-byte stub
 * each, at irq_stubs + 16 * (vector - 32). */
    .text
    .align 16
    .globl irq_stubs
irq_stubs:
    .set vec, 32
    .rept 224
    .align 16
    push $0
    push $vec
    jmp trap_common
    .set vec, vec + 1
    .endr

    .section .rodata
    .align 8
    .globl exception_stubs
exception_stubs:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad exception_\v
    .endr

    .text
trap_common:
    testb $3, 24(%rsp)          /* CS of the interrupted code: from user mode? */
    jz 1f
    swapgs
1:  PUSH_GPRS
    cld
    mov %rsp, %rdi
    call trap
    /* trap() returns only for a trap taken in kernel mode that it could handle. */
    POP_GPRS
    add $16, %rsp
    testb $3, 8(%rsp)
    jz 2f
    swapgs
2:  iretq

/* syscall: rcx = user rip, r11 = user rflags, IF cleared by FMASK. */
    .globl syscall_entry
syscall_entry:
    swapgs
    mov %rsp, %gs:PERCPU_USER_RSP
    mov %gs:PERCPU_KERNEL_RSP, %rsp
    push $USER_DATA
    push %gs:PERCPU_USER_RSP
    push %r11
    push $USER_CODE
    push %rcx
    push $0
    push $VECTOR_SYSCALL
    PUSH_GPRS
    cld
    mov %rsp, %rdi
    call syscall_dispatch
    /* Fall through: return to user mode with sysret (rip and rflags from the frame). */
    POP_GPRS
    add $16, %rsp
    pop %rcx                    /* rip */
    add $8, %rsp                /* cs */
    pop %r11                    /* rflags */
    pop %rsp                    /* user rsp; interrupts are still off */
    swapgs
    sysretq

/* switch_context(save, next): the kernel side of a thread switch. Saves the callee-saved
 * registers and rsp into *save and continues the thread whose rsp is `next`. */
    .globl switch_context
switch_context:
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret

/* A new thread's first switch_context returns here, with rsp at its trapframe. */
    .globl thread_first_run
thread_first_run:
    call thread_start

/* trap_return(tf): leave the kernel for user mode with exactly the state in *tf. The BKL
 * goes first; from then on this CPU touches only the thread's own kernel stack. */
    .globl trap_return
trap_return:
    mov %rdi, %rbx
    call bkl_unlock
    mov %rbx, %rsp
    POP_GPRS
    add $16, %rsp
    swapgs
    iretq
    .section .note.GNU-stack, "", @progbits
