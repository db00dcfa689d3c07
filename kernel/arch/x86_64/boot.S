/* Entry from a multiboot1 loader (QEMU -kernel) in 32-bit protected mode, paging off.
 * Builds boot page tables mapping the first GiB three times (identity, DIRECT_MAP and
 * KERNEL_VMA), enters long mode and jumps to kmain(info) in the higher half. */
#include "layout.h"

#define MB_MAGIC 0x1badb002
/* page-align modules, memory map wanted, load addresses given in the header (a.out kludge:
 * QEMU's multiboot loader refuses ELF64 images otherwise) */
#define MB_FLAGS 0x00010003
#define PHYS(sym) ((sym) - KERNEL_VMA)

    .section .multiboot, "a"
    .align 4
multiboot_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
    .long multiboot_header       /* header_addr (this section is linked at its physical address) */
    .long KERNEL_LOAD_PHYS       /* load_addr */
    .long _load_end_phys         /* load_end_addr */
    .long _bss_end_phys          /* bss_end_addr */
    .long _start32               /* entry_addr */

    .section .boot.text, "ax"
    .code32
    .globl _start32
_start32:
    cli
    mov %ebx, %esi                          /* multiboot info (physical) */
    cmp $0x2badb002, %eax
    jne no_multiboot
    mov $PHYS(boot_stack_top), %esp

    /* Long mode and NX must exist; say so on COM1 otherwise. */
    mov $0x80000001, %eax
    cpuid
    test $(1 << 29), %edx
    jz no_long_mode
    mov %edx, %ebp                          /* keep: bit 20 is NX */

    /* PML4[0] (identity), PML4[256] (DIRECT_MAP) -> boot_pdpt; PML4[511] -> boot_pdpt_high */
    mov $PHYS(boot_pdpt), %eax
    or $3, %eax
    mov %eax, PHYS(boot_pml4)
    mov %eax, PHYS(boot_pml4) + 256 * 8
    mov $PHYS(boot_pdpt_high), %eax
    or $3, %eax
    mov %eax, PHYS(boot_pml4) + 511 * 8
    mov $PHYS(boot_pd), %eax
    or $3, %eax
    mov %eax, PHYS(boot_pdpt)
    mov %eax, PHYS(boot_pdpt_high) + 510 * 8
    /* boot_pd: 512 x 2 MiB pages = the first GiB */
    mov $PHYS(boot_pd), %edi
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax                          /* present, writable, 2 MiB */
    mov %eax, (%edi, %ecx, 8)
    movl $0, 4(%edi, %ecx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 1b

    mov $PHYS(boot_pml4), %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $(1 << 5), %eax                      /* PAE */
    mov %eax, %cr4
    mov $0xc0000080, %ecx                   /* EFER: long mode, syscall, NX when present */
    rdmsr
    or $((1 << 8) | (1 << 0)), %eax
    test $(1 << 20), %ebp
    jz 2f
    or $(1 << 11), %eax
2:  wrmsr
    mov %cr0, %eax
    or $((1 << 31) | (1 << 16) | 1), %eax   /* paging, write-protect, protected mode */
    mov %eax, %cr0
    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode_low

no_multiboot:
    mov $PHYS(no_multiboot_msg), %esi
    jmp 3f
no_long_mode:
    mov $PHYS(no_long_mode_msg), %esi
3:  lodsb
    test %al, %al
    jz 4f
    mov $0x3f8, %dx
    out %al, %dx
    jmp 3b
4:  hlt
    jmp 4b

    .code64
long_mode_low:
    movabs $long_mode_high, %rax
    jmp *%rax

    .text
long_mode_high:
    xor %eax, %eax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %ax, %fs
    mov %ax, %gs
    movabs $boot_stack_top, %rsp
    xor %ebp, %ebp
    mov %esi, %edi                          /* zero-extends */
    call kmain                              /* kmain(info): rdi = multiboot info */
5:  hlt
    jmp 5b

    .section .rodata
    .align 16
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff                /* 0x08: 64-bit code */
    .quad 0x00cf92000000ffff                /* 0x10: data */
boot_gdt_end:
no_long_mode_msg:
    .asciz "astra: this CPU has no long mode (x86_64); cannot boot\n"
no_multiboot_msg:
    .asciz "astra: not started by a multiboot loader; cannot boot\n"

    .section .boot.text, "ax"   /* read-only: lgdt only reads it */
    .align 8
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long PHYS(boot_gdt)

    .section .bss
    .align 4096
    .globl boot_pml4
boot_pml4: .skip 4096
boot_pdpt: .skip 4096
boot_pdpt_high: .skip 4096
boot_pd: .skip 4096
    .align 16
boot_stack: .skip BOOT_STACK_SIZE
    .globl boot_stack_top
boot_stack_top:
    .section .note.GNU-stack, "", @progbits
