#include <astra/abi.h>

#include "layout.h"
#include "mm/pmm.h"
#include "vm.h"

int vm_nx_enabled;
uint64_t *kernel_pgtable;

uint64_t vm_pte_flags(int prot, int user)
{
    uint64_t f = PTE_P;
    if (prot & ASTRA_PROT_WRITE)
        f |= PTE_W;
    /* PROT_NONE: present (the frame stays) but not a user page, so every access faults. */
    if (user && (prot & (ASTRA_PROT_READ | ASTRA_PROT_WRITE | ASTRA_PROT_EXEC)))
        f |= PTE_U;
    if (!(prot & ASTRA_PROT_EXEC) && vm_nx_enabled)
        f |= PTE_NX;
    return f;
}

static uint64_t *new_table(void)
{
    uint64_t pa = pmm_alloc();
    if (!pa)
        return 0;
    uint64_t *t = P2V(pa);
    for (int i = 0; i < 512; i++)
        t[i] = 0;
    return t;
}

uint64_t *vm_walk(uint64_t *pml4, uint64_t va, int create)
{
    uint64_t *table = pml4;
    static const unsigned shifts[3] = { 39, 30, 21 };
    for (int level = 0; level < 3; level++) {
        uint64_t *e = &table[(va >> shifts[level]) & 511];
        if (*e & PTE_P) {
            if (*e & PTE_PS)
                return 0;
        } else {
            if (!create)
                return 0;
            uint64_t *t = new_table();
            if (!t)
                return 0;
            /* Permissions are decided at the leaf; user tables carry U so the leaf can. */
            *e = V2P(t) | PTE_P | PTE_W | (va < USER_TOP ? PTE_U : 0);
        }
        table = P2V(*e & PTE_ADDR_MASK);
    }
    return &table[PT_INDEX(va)];
}

int vm_map(uint64_t *pml4, uint64_t va, uint64_t pa, uint64_t flags)
{
    uint64_t *pte = vm_walk(pml4, va, 1);
    if (!pte)
        return -ASTRA_ENOMEM;
    *pte = (pa & PTE_ADDR_MASK) | flags;
    return 0;
}

uint64_t vm_unmap(uint64_t *pml4, uint64_t va)
{
    uint64_t *pte = vm_walk(pml4, va, 0);
    if (!pte || !(*pte & PTE_P))
        return 0;
    uint64_t pa = *pte & PTE_ADDR_MASK;
    *pte = 0;
#ifndef ASTRA_HOST_TEST
    __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
#endif
    return pa;
}

uint64_t vm_translate(uint64_t *pml4, uint64_t va)
{
    uint64_t *pte = vm_walk(pml4, va, 0);
    if (!pte || !(*pte & PTE_P))
        return 0;
    return (*pte & PTE_ADDR_MASK) | (va & 4095);
}

/* Copies the present entries of one table level (3: PDPT .. 0: page table) at va. */
static int copy_level(uint64_t *src, uint64_t *dst_pml4, uint64_t va, int level)
{
    for (uint64_t i = 0; i < 512; i++) {
        if (!(src[i] & PTE_P))
            continue;
        uint64_t at = va | (i << (12 + 9 * level));
        if (level) {
            int r = copy_level(P2V(src[i] & PTE_ADDR_MASK), dst_pml4, at, level - 1);
            if (r)
                return r;
            continue;
        }
        if ((src[i] & PTE_W) && !(src[i] & PTE_SHARED))
            src[i] &= ~PTE_W;
        if (vm_map(dst_pml4, at, src[i] & PTE_ADDR_MASK, src[i] & ~PTE_ADDR_MASK))
            return -ASTRA_ENOMEM;
        pmm_ref(src[i] & PTE_ADDR_MASK);
    }
    return 0;
}

int vm_copy_user(uint64_t *src, uint64_t *dst)
{
    for (uint64_t i = 0; i < 256; i++)
        if ((src[i] & PTE_P) && copy_level(P2V(src[i] & PTE_ADDR_MASK), dst, i << 39, 2))
            return -ASTRA_ENOMEM;
    return 0;
}

static void free_level(uint64_t *table, int level)
{
    for (int i = 0; i < 512; i++) {
        if (!(table[i] & PTE_P))
            continue;
        uint64_t pa = table[i] & PTE_ADDR_MASK;
        if (level > 1)
            free_level(P2V(pa), level - 1);
        else
            pmm_free(pa);
    }
    pmm_free(V2P(table));
}

void vm_free_user(uint64_t *pml4)
{
    for (int i = 0; i < 256; i++)
        if (pml4[i] & PTE_P)
            free_level(P2V(pml4[i] & PTE_ADDR_MASK), 3);
    pmm_free(V2P(pml4));
}

uint64_t *vm_new_address_space(void)
{
    uint64_t *pml4 = new_table();
    if (!pml4)
        return 0;
    for (int i = 256; i < 512; i++)
        pml4[i] = kernel_pgtable ? kernel_pgtable[i] : 0;
    return pml4;
}
