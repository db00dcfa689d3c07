/* The kernel's virtual memory layout (shared by C and assembly). */
#ifndef ASTRA_KERNEL_LAYOUT_H
#define ASTRA_KERNEL_LAYOUT_H

#define KERNEL_VMA 0xffffffff80000000   /* the kernel image: physical address + KERNEL_VMA */
#define DIRECT_MAP 0xffff800000000000   /* all physical memory: physical address + DIRECT_MAP */
#define KSTACK_AREA 0xffffff0000000000  /* kernel stacks, each below an unmapped guard page */
#define MMIO_AREA 0xfffffe8000000000    /* device registers (uncached), mapped by kvm_map_mmio */
#define USER_TOP 0x0000800000000000     /* user addresses are below this */
#define USER_MIN 0x10000                /* nothing is ever mapped below 64 KiB */
#define KERNEL_LOAD_PHYS 0x100000

#define BOOT_STACK_SIZE 16384

#ifndef __ASSEMBLER__
#include <stdint.h>

#include <astra/abi.h>
#ifdef ASTRA_HOST_TEST
/* Host unit tests stand an ordinary buffer in for physical memory. */
extern uint64_t host_test_direct_map;
#define DIRECT_MAP_BASE host_test_direct_map
#else
#define DIRECT_MAP_BASE DIRECT_MAP
#endif
#define P2V(pa) ((void *)((uint64_t)(pa) + DIRECT_MAP_BASE))
#define V2P(va) ((uint64_t)(va) - DIRECT_MAP_BASE)
#define KIMG2P(va) ((uint64_t)(va) - KERNEL_VMA)
#define PAGE_SIZE ASTRA_PAGE_SIZE
#define PAGE_ROUND_DOWN(a) ((uint64_t)(a) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_UP(a) (((uint64_t)(a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#endif

#endif
