/* 4-level x86_64 page tables. Tables live in physical frames reached through P2V. */
#ifndef ASTRA_KERNEL_VM_H
#define ASTRA_KERNEL_VM_H

#include <stdint.h>

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_U (1ULL << 2)
#define PTE_PWT (1ULL << 3)
#define PTE_PCD (1ULL << 4)
#define PTE_PS (1ULL << 7)
#define PTE_G (1ULL << 8)
#define PTE_SHARED (1ULL << 9) /* software bit: a MAP_SHARED page, shared (not copied) by fork */
#define PTE_NX (1ULL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

#define PML4_INDEX(va) (((va) >> 39) & 511)
#define PDPT_INDEX(va) (((va) >> 30) & 511)
#define PD_INDEX(va) (((va) >> 21) & 511)
#define PT_INDEX(va) (((va) >> 12) & 511)

/* The leaf PTE bits for mmap-style protection bits (ASTRA_PROT_*), user or kernel. */
uint64_t vm_pte_flags(int prot, int user);

/* Set by vm_init: whether NX may be used (EFER.NXE). Without it, PTE_NX is left out. */
extern int vm_nx_enabled;

/* The PTE for va (4 KiB pages), creating missing tables when create is set; NULL when a
 * table is missing (and not created), memory is exhausted, or a large page covers va. */
uint64_t *vm_walk(uint64_t *pml4, uint64_t va, int create);

/* Maps one 4 KiB page; returns 0 or -ENOMEM. */
int vm_map(uint64_t *pml4, uint64_t va, uint64_t pa, uint64_t flags);
/* Unmaps one page; returns its physical address, or 0 when nothing was mapped. */
uint64_t vm_unmap(uint64_t *pml4, uint64_t va);
/* The physical address va maps to, or 0. */
uint64_t vm_translate(uint64_t *pml4, uint64_t va);

/* Maps every user page of src into dst as well, taking a frame reference for each: a page
 * writable in src becomes read-only in both (copy on write), unless it is PTE_SHARED.
 * 0 or -ENOMEM (dst then holds part of the pages; vm_free_user releases them). The caller
 * flushes src's TLB entries. */
int vm_copy_user(uint64_t *src, uint64_t *dst);

/* Frees every page table of the lower (user) half and the frames mapped there, then the
 * PML4 itself. */
void vm_free_user(uint64_t *pml4);

/* A new address space sharing the kernel's upper half; NULL when memory is exhausted. */
uint64_t *vm_new_address_space(void);
/* Builds the kernel's page tables (direct map of RAM, the kernel image with per-section
 * permissions, the kernel stack area) and switches to them. */
void vm_init(void);
extern uint64_t *kernel_pgtable;

#endif
