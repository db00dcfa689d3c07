/* The kernel's address space: all RAM at DIRECT_MAP (2 MiB pages, never executable), the
 * image at KERNEL_VMA with per-section permissions, and kernel stacks with guard pages. */
#include <astra/abi.h>

#include "arch.h"
#include "kvm.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"

extern char _kernel_text[], _kernel_rodata[], _kernel_data[], _kernel_end[];

static void map_2m(uint64_t va, uint64_t pa, uint64_t flags)
{
    uint64_t *table = kernel_pgtable;
    for (unsigned shift = 39; shift > 21; shift -= 9) {
        uint64_t *e = &table[(va >> shift) & 511];
        if (!(*e & PTE_P)) {
            uint64_t t = pmm_alloc();
            if (!t)
                panic("vm_init: out of memory for the direct map");
            uint64_t *tv = P2V(t);
            for (int i = 0; i < 512; i++)
                tv[i] = 0;
            *e = t | PTE_P | PTE_W;
        }
        table = P2V(*e & PTE_ADDR_MASK);
    }
    table[PD_INDEX(va)] = pa | flags | PTE_PS;
}

void vm_init(void)
{
    uint32_t r[4];
    cpuid(0x80000001, 0, r);
    vm_nx_enabled = (r[3] >> 20) & 1; /* boot.S set EFER.NXE under the same condition */

    uint64_t pa = pmm_alloc();
    if (!pa)
        panic("vm_init: no memory for the kernel page tables");
    kernel_pgtable = P2V(pa);
    for (int i = 0; i < 512; i++)
        kernel_pgtable[i] = 0;

    uint64_t nx = vm_nx_enabled ? PTE_NX : 0;
    uint64_t top = (pmm_top() + (1ULL << 21) - 1) & ~((1ULL << 21) - 1);
    for (uint64_t a = 0; a < top; a += 1ULL << 21)
        map_2m(DIRECT_MAP + a, a, PTE_P | PTE_W | PTE_G | nx);

    for (uint64_t va = (uint64_t)_kernel_text; va < (uint64_t)_kernel_end; va += PAGE_SIZE) {
        uint64_t flags = PTE_P | PTE_G;
        if (va >= (uint64_t)_kernel_data)
            flags |= PTE_W | nx;
        else if (va >= (uint64_t)_kernel_rodata)
            flags |= nx;
        if (vm_map(kernel_pgtable, va, KIMG2P(va), flags))
            panic("vm_init: out of memory mapping the kernel image");
    }
    /* Every upper-half PML4 slot in use exists now, so address spaces can share them. */
    if (!vm_walk(kernel_pgtable, KSTACK_AREA, 1) || !vm_walk(kernel_pgtable, MMIO_AREA, 1))
        panic("vm_init: out of memory for the kernel stack and device areas");
    write_cr3(V2P(kernel_pgtable));
}

#define KSTACK_SLOTS 4096
#define KSTACK_SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE) /* the lowest page stays unmapped */
static uint64_t kstack_used[KSTACK_SLOTS / 64];

/* A freed region's frames and slot can be reused only once no CPU has its pages in a TLB.
 * Freed regions wait here, and one shootdown of the whole area covers a batch of them. */
#define KVM_PAGES (KSTACK_SIZE / PAGE_SIZE)
#define KVM_DEFERRED 32
static struct {
    unsigned slot;
    uint64_t frames[KVM_PAGES];
} deferred[KVM_DEFERRED];
static unsigned deferred_count;

/* Freed regions kept mapped for the next kvm_zalloc, as Linux keeps a few freed thread
 * stacks: taking one back costs its zeroing, with no frames to allocate, no page-table
 * change and no shootdown; a thread's spawn and exit free and take one each. Kept only
 * while memory is plentiful (kvm_free). */
#define KVM_CACHED 8
static void *cached[KVM_CACHED];
static unsigned cached_count;

void kvm_release_deferred(void)
{
    if (!deferred_count)
        return;
    tlb_shootdown(kernel_pgtable, KSTACK_AREA, KSTACK_AREA + (uint64_t)KSTACK_SLOTS * KSTACK_SLOT_SIZE);
    for (unsigned i = 0; i < deferred_count; i++) {
        for (unsigned p = 0; p < KVM_PAGES; p++)
            pmm_free(deferred[i].frames[p]);
        kstack_used[deferred[i].slot / 64] &= ~(1ULL << (deferred[i].slot % 64));
    }
    deferred_count = 0;
}

void *kvm_zalloc(size_t size)
{
    if (size > KSTACK_SIZE)
        return 0;
    if (cached_count) {
        void *region = cached[--cached_count];
        memset(region, 0, KSTACK_SIZE);
        return region;
    }
    if (deferred_count && pmm_free_frames() < 4 * KVM_PAGES)
        kvm_release_deferred();
    for (unsigned s = 0;; s++) {
        if (s == KSTACK_SLOTS) {
            if (!deferred_count)
                return 0;
            kvm_release_deferred();
            s = 0;
        }
        if (kstack_used[s / 64] >> (s % 64) & 1)
            continue;
        uint64_t base = KSTACK_AREA + (uint64_t)s * KSTACK_SLOT_SIZE + PAGE_SIZE;
        for (uint64_t off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
            uint64_t pa = pmm_alloc();
            if (!pa || vm_map(kernel_pgtable, base + off, pa, PTE_P | PTE_W | PTE_G | (vm_nx_enabled ? PTE_NX : 0))) {
                if (pa)
                    pmm_free(pa);
                for (uint64_t o = 0; o < off; o += PAGE_SIZE)
                    pmm_free(vm_unmap(kernel_pgtable, base + o));
                return 0;
            }
            memset(P2V(pa), 0, PAGE_SIZE);
        }
        kstack_used[s / 64] |= 1ULL << (s % 64);
        return (void *)base;
    }
}

void kvm_free(void *region)
{
    if (cached_count < KVM_CACHED && pmm_free_frames() >= 64 * KVM_PAGES) {
        cached[cached_count++] = region;
        return;
    }
    uint64_t base = (uint64_t)region;
    unsigned s = (unsigned)((base - PAGE_SIZE - KSTACK_AREA) / KSTACK_SLOT_SIZE);
    if (deferred_count == KVM_DEFERRED)
        kvm_release_deferred();
    deferred[deferred_count].slot = s;
    for (unsigned p = 0; p < KVM_PAGES; p++)
        if (!(deferred[deferred_count].frames[p] = vm_unmap(kernel_pgtable, base + p * PAGE_SIZE)))
            panic("kvm_free: region at 0x%lx was not mapped", base);
    deferred_count++;
    if (cpu_count == 1)
        kvm_release_deferred(); /* vm_unmap flushed this CPU's TLB: nothing to wait for */
}

void *kvm_map_mmio(uint64_t pa, size_t size)
{
    static uint64_t next = MMIO_AREA;
    uint64_t first = PAGE_ROUND_DOWN(pa), end = PAGE_ROUND_UP(pa + size);
    if (end <= first || next + (end - first) > MMIO_AREA + (1ULL << 39))
        return 0;
    uint64_t va = next;
    for (uint64_t a = first; a < end; a += PAGE_SIZE)
        if (vm_map(kernel_pgtable, va + (a - first), a, PTE_P | PTE_W | PTE_G | PTE_PCD | PTE_PWT |
                   (vm_nx_enabled ? PTE_NX : 0)))
            return 0;
    next += end - first;
    return (void *)(va + (pa - first));
}

uint64_t kstack_alloc(void)
{
    void *base = kvm_zalloc(KSTACK_SIZE);
    return base ? (uint64_t)base + KSTACK_SIZE : 0;
}

void kstack_free(uint64_t top) { kvm_free((void *)(top - KSTACK_SIZE)); }
