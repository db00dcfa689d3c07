#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/printf.h"
#include "mm/filemap.h"
#include "mm/pmm.h"
#include "mm/uvm.h"

void filemap_attach(struct vma *v, struct mm *mm, struct inode *ip, uint64_t pgoff)
{
    v->file = ip;
    v->pgoff = pgoff;
    v->mm = mm;
    v->file_next = ip->mappings;
    ip->mappings = v;
    ip->refs++;
    ip->exec_maps += v->denywrite;
}

void filemap_detach(struct vma *v)
{
    struct inode *ip = v->file;
    struct vma **link = &ip->mappings;
    while (*link && *link != v)
        link = &(*link)->file_next;
    if (!*link)
        panic("filemap_detach: the VMA is not among its file's mappings");
    *link = v->file_next;
    v->file = 0;
    ip->exec_maps -= v->denywrite;
    inode_put(ip);
}

int filemap_fault(struct vma *v, uint64_t page, uint64_t *pte)
{
    uint64_t index = v->pgoff + (page - v->start) / PAGE_SIZE;
    if (index >= (v->file->size + PAGE_SIZE - 1) / PAGE_SIZE)
        return -ASTRA_EIO;
    uint64_t pa = ramfs_page(v->file, index);
    if (!pa)
        return -ASTRA_ENOMEM;
    pmm_ref(pa);
    uint64_t flags = vm_pte_flags(v->prot, 1);
    /* A private mapping reads the file's page until it writes: then cow_break copies it
     * (the file's reference keeps the count above one). */
    *pte = pa | (v->shared ? flags | PTE_SHARED : flags & ~PTE_W);
    return 0;
}

void filemap_truncate(struct inode *ip, uint64_t from)
{
    for (struct vma *v = ip->mappings; v; v = v->file_next) {
        uint64_t pages = (v->end - v->start) / PAGE_SIZE;
        if (v->pgoff + pages <= from)
            continue;
        uint64_t start = from > v->pgoff ? v->start + (from - v->pgoff) * PAGE_SIZE : v->start;
        uvm_zap(v->mm, start, v->end);
    }
}
