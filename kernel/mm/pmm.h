/* Physical frames (4 KiB): a bitmap over the first PMM_MAX_PHYS bytes of physical memory.
 * Starts with every frame reserved; the boot memory map frees what is usable. An allocated
 * frame has a reference count: copy-on-write pages are shared by several address spaces.
 *
 * Locks of mm/ (proc/bkl.h has the order): all under the BKL.
 *   pmm.c     the bitmap (used), the reference counts (refs), free_count, search_hint, top.
 *   kmalloc.c the free lists and the spare frame of each size class.
 *   uvm.c     an address space (struct mm): its VMAs and page tables, and the user pages
 *             they map; a frame it frees goes back only after tlb_shootdown (arch/) has
 *             flushed every CPU that runs the address space.
 *   filemap.c a file VMA's place in its inode's list of mappings (inode->mappings), with
 *             the inode's pages (fs/vfs.h).
 *   oom.c     no state of its own: it reads the process list and empties a victim's address
 *             space (mm->oom_reaped) under the BKL, before the victim's threads run again. */
#ifndef ASTRA_KERNEL_PMM_H
#define ASTRA_KERNEL_PMM_H

#include <stddef.h>
#include <stdint.h>

#define PMM_MAX_PHYS (4ULL << 30)

void pmm_init(void);
/* Frees the whole frames inside [base, base + len). */
void pmm_release_range(uint64_t base, uint64_t len);
/* Reserves every frame touching [base, base + len). */
void pmm_reserve_range(uint64_t base, uint64_t len);
/* A free frame's physical address (not zeroed, one reference), or 0 when memory is
 * exhausted. */
uint64_t pmm_alloc(void);
/* Drops a reference to a frame, which is free once none is left; -1 if it was not allocated
 * (a kernel bug the caller reports). */
int pmm_free(uint64_t pa);
/* Adds a reference to an allocated frame. */
void pmm_ref(uint64_t pa);
/* The references to an allocated frame. */
unsigned pmm_refs(uint64_t pa);
size_t pmm_free_frames(void);
/* The highest usable physical address + 1, as released. */
uint64_t pmm_top(void);

#endif
