/* Where the application processors' start-up code runs (shared by C and assembly): a page
 * below 1 MiB that the frame allocator never hands out. */
#ifndef ASTRA_KERNEL_SMP_LAYOUT_H
#define ASTRA_KERNEL_SMP_LAYOUT_H

#define TRAMPOLINE_PHYS 0x8000

#ifndef __ASSEMBLER__
#include <stdint.h>
/* The fields at the end of the trampoline, filled in for each CPU it starts. */
struct ap_trampoline_args {
    uint32_t cr3;   /* page tables: identity for the first 2 MiB + the kernel's upper half */
    uint32_t efer;  /* bits to set in EFER */
    uint64_t stack;
    uint64_t entry;
};
#endif

#endif
