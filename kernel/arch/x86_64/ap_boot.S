/* The application processors' first code. smp.c copies it to TRAMPOLINE_PHYS (below 1 MiB)
 * and fills in the fields at its end; a STARTUP IPI begins it in real mode at
 * TRAMPOLINE_PHYS:0. It goes straight to long mode with page tables that map itself at its
 * physical address and the kernel's upper half, then jumps to ap_entry on its stack. */
#include "smp_layout.h"

#define OFF(label) label - ap_trampoline

    .section .rodata
    .code16
    .globl ap_trampoline
ap_trampoline:
    cli
    cld
    mov %cs, %ax
    mov %ax, %ds
    mov $0x20, %eax                 /* CR4.PAE */
    mov %eax, %cr4
    mov OFF(tr_cr3), %eax
    mov %eax, %cr3
    mov $0xc0000080, %ecx           /* EFER: LME (and NXE when the boot CPU has it) */
    rdmsr
    or OFF(tr_efer), %eax
    wrmsr
    lgdtl OFF(tr_gdtr)
    mov %cr0, %eax
    or $0x80000001, %eax            /* PG | PE: into long mode at once */
    mov %eax, %cr0
    ljmpl $0x08, $(TRAMPOLINE_PHYS + OFF(tr_long))

    .code64
tr_long:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov TRAMPOLINE_PHYS + OFF(tr_stack), %rsp
    mov TRAMPOLINE_PHYS + OFF(tr_entry), %rax
    jmp *%rax

    .align 8
tr_gdt:
    .quad 0
    .quad 0x00af9a000000ffff        /* 64-bit code */
    .quad 0x00cf92000000ffff        /* data */
tr_gdtr:
    .word 23
    .long TRAMPOLINE_PHYS + OFF(tr_gdt)
    .align 8
    .globl ap_trampoline_args
ap_trampoline_args:
tr_cr3: .long 0
tr_efer: .long 0
tr_stack: .quad 0
tr_entry: .quad 0
    .globl ap_trampoline_end
ap_trampoline_end:
    .section .note.GNU-stack, "", @progbits
