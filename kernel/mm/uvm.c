#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/filemap.h"
#include "mm/kmalloc.h"
#include "mm/oom.h"
#include "mm/pmm.h"
#include "mm/uvm.h"

#define PROT_ALL (ASTRA_PROT_READ | ASTRA_PROT_WRITE | ASTRA_PROT_EXEC)

static struct vma *find_vma(struct mm *mm, uint64_t addr)
{
    for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
        if (addr < v->end)
            return v;
    return 0;
}

/* A zeroed VMA for the calling process's mmap, mprotect, munmap, brk, mremap or fork: when no
 * frame is left for it, the OOM killer ends a process, as for a page (NULL when it ends the
 * caller's). */
static struct vma *vma_alloc(void)
{
    struct vma *v;
    while (!(v = kzalloc(sizeof *v)) && oom_kill())
        ;
    return v;
}

/* Adds [start, end) with prot and sharing; with `like`, also its other attributes, and its
 * file from the page like maps at like_addr on. 0, -ENOMEM or -EEXIST (overlap). */
static int add_region(struct mm *mm, uint64_t start, uint64_t end, int prot, int shared,
                      const struct vma *like, uint64_t like_addr)
{
    struct vma **link = &mm->vmas;
    while (*link && (*link)->end <= start)
        link = &(*link)->next;
    if (*link && (*link)->start < end)
        return -ASTRA_EEXIST;
    struct vma *v = vma_alloc();
    if (!v)
        return -ASTRA_ENOMEM;
    v->start = start;
    v->end = end;
    v->prot = prot;
    v->shared = shared;
    v->maywrite = 1;
    if (like) {
        v->wipe_on_fork = like->wipe_on_fork;
        v->maywrite = like->maywrite;
        v->name = like->name;
        v->denywrite = like->denywrite;
        if (like->file)
            filemap_attach(v, mm, like->file, like->pgoff + (like_addr - like->start) / PAGE_SIZE);
    }
    v->next = *link;
    *link = v;
    return 0;
}

static void vma_free(struct vma *v)
{
    if (v->file)
        filemap_detach(v);
    kfree(v);
}

int uvm_mapped(struct mm *mm, uint64_t addr) { return find_vma(mm, addr) != 0; }

int uvm_add_region(struct mm *mm, uint64_t start, uint64_t end, int prot)
{
    return add_region(mm, start, end, prot, 0, 0, 0);
}

int uvm_map_file(struct mm *mm, uint64_t start, uint64_t end, int prot, struct inode *ip, uint64_t pgoff)
{
    int r = add_region(mm, start, end, prot, 0, 0, 0);
    if (!r) {
        struct vma *v = find_vma(mm, start);
        v->denywrite = 1;
        filemap_attach(v, mm, ip, pgoff);
    }
    return r;
}

/* Splits the VMA containing addr (if addr is inside it) so that a VMA boundary falls there. */
static int split_at(struct mm *mm, uint64_t addr)
{
    struct vma *v = find_vma(mm, addr);
    if (!v || v->start == addr)
        return 0;
    struct vma *tail = vma_alloc();
    if (!tail)
        return -ASTRA_ENOMEM;
    *tail = *v;
    tail->start = addr;
    v->end = addr;
    v->next = tail;
    if (v->file)
        filemap_attach(tail, mm, v->file, v->pgoff + (addr - v->start) / PAGE_SIZE);
    return 0;
}

int uvm_populate(struct mm *mm, uint64_t page)
{
    if (mm->oom_reaped)
        return -ASTRA_EFAULT; /* its processes are ending: nothing is filled any more */
    uint64_t *pte = vm_walk(mm->pgtable, page, 1);
    if (!pte)
        return -ASTRA_ENOMEM;
    if (*pte & PTE_P)
        return 0;
    struct vma *v = find_vma(mm, page);
    if (v && v->file)
        return filemap_fault(v, page, pte);
    uint64_t pa = pmm_alloc();
    if (!pa)
        return -ASTRA_ENOMEM;
    memset(P2V(pa), 0, PAGE_SIZE);
    *pte = pa | vm_pte_flags(v ? v->prot : ASTRA_PROT_READ, 1) | (v && v->shared ? PTE_SHARED : 0);
    return 0;
}

/* A write to a copy-on-write page (present, read-only, in a writable VMA): the last sharer
 * takes the frame back writable, the others get a private copy (a MAP_SHARED page is never
 * copied). 0 or -ENOMEM. */
static int cow_break(struct mm *mm, uint64_t *pte, uint64_t page)
{
    uint64_t pa = *pte & PTE_ADDR_MASK;
    if (pmm_refs(pa) > 1 && !(*pte & PTE_SHARED)) {
        uint64_t copy = pmm_alloc();
        if (!copy)
            return -ASTRA_ENOMEM;
        memcpy(P2V(copy), P2V(pa), PAGE_SIZE);
        *pte = copy | (*pte & ~PTE_ADDR_MASK) | PTE_W;
        /* Other CPUs running this address space must stop reading the old frame. */
        tlb_shootdown(mm->pgtable, page, page + PAGE_SIZE);
        pmm_free(pa);
        return 0;
    }
    *pte |= PTE_W;
    arch_tlb_flush_local(page); /* only more rights: a stale read-only entry elsewhere faults once more */
    return 0;
}

/* uvm_handle_fault without the OOM killer: -ENOMEM when no frame is left. */
static int serve_fault(struct mm *mm, uint64_t addr, uint64_t error)
{
    struct vma *v = find_vma(mm, addr);
    if (!v)
        return -ASTRA_EFAULT;
    int need = (error & 2) ? ASTRA_PROT_WRITE : (error & 16) ? ASTRA_PROT_EXEC : ASTRA_PROT_READ;
    if (!(v->prot & need))
        return -ASTRA_EFAULT;
    uint64_t page = PAGE_ROUND_DOWN(addr);
    if (!(error & 1))
        return uvm_populate(mm, page); /* 0, or -ENOMEM: no frame left */
    /* A protection violation the VMA allows is a copy-on-write page; nothing else is fixed up. */
    uint64_t *pte = vm_walk(mm->pgtable, page, 0);
    if (!(error & 2) || !pte || !(*pte & PTE_P))
        return -ASTRA_EFAULT;
    /* Already writable: another thread broke the copy-on-write while this one waited for the
     * kernel, or this CPU's TLB still had the read-only entry (cow_break gives the last sharer
     * its frame back without a shootdown; the fault itself dropped the stale entry). The
     * write just runs again. */
    if ((*pte & (PTE_W | PTE_U)) == (PTE_W | PTE_U))
        return 0;
    return cow_break(mm, pte, page);
}

int uvm_handle_fault(struct mm *mm, uint64_t addr, uint64_t error)
{
    if (!mm || addr >= USER_TOP)
        return -ASTRA_EFAULT;
    /* The OOM killer took this address space's pages: every process using it is ending, and
     * the thread ends on its way back to user mode. */
    if (mm->oom_reaped)
        return 0;
    int r;
    while ((r = serve_fault(mm, addr, error)) == -ASTRA_ENOMEM)
        if (!oom_kill())
            return 0; /* the caller's process ends: it was the OOM killer's choice, or was ending */
    return r;
}

/* The kernel address of user byte uaddr, for an access of the given kind, faulting the page
 * in (and copying a copy-on-write page for a write) when needed; NULL when the access is not
 * allowed or memory is exhausted. */
static unsigned char *user_byte(struct mm *mm, uint64_t uaddr, int write)
{
    if (uaddr >= USER_TOP)
        return 0;
    struct vma *v = find_vma(mm, uaddr);
    if (!v || !(v->prot & (write ? ASTRA_PROT_WRITE : ASTRA_PROT_READ)))
        return 0;
    uint64_t page = PAGE_ROUND_DOWN(uaddr);
    uint64_t *pte;
    for (;;) {
        int r = uvm_populate(mm, page);
        pte = vm_walk(mm->pgtable, page, 0);
        if (!r && write && !(*pte & PTE_W))
            r = cow_break(mm, pte, page);
        if (!r)
            break;
        /* As a fault: no frame left runs the OOM killer, and a victim's pages are enough to
         * try again (the caller's process may be the choice: then the copy fails). */
        if (r != -ASTRA_ENOMEM || !oom_kill())
            return 0;
    }
    return (unsigned char *)P2V(*pte & PTE_ADDR_MASK) + (uaddr - page);
}

static int copy_user(struct mm *mm, void *kbuf, uint64_t uaddr, size_t n, int write)
{
    /* As Linux's access_ok: even an empty range must start in user space. */
    if (uaddr >= USER_TOP || n > USER_TOP - uaddr)
        return -ASTRA_EFAULT;
    unsigned char *k = kbuf;
    while (n) {
        size_t chunk = PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));
        if (chunk > n)
            chunk = n;
        unsigned char *u = user_byte(mm, uaddr, write);
        if (!u)
            return -ASTRA_EFAULT;
        if (write)
            memcpy(u, k, chunk);
        else
            memcpy(k, u, chunk);
        k += chunk;
        uaddr += chunk;
        n -= chunk;
    }
    return 0;
}

int uvm_check(struct mm *mm, uint64_t uaddr, size_t n, int write)
{
    if (uaddr >= USER_TOP || n > USER_TOP - uaddr)
        return -ASTRA_EFAULT;
    for (uint64_t page = PAGE_ROUND_DOWN(uaddr); page < uaddr + n; page += PAGE_SIZE)
        if (!user_byte(mm, page < uaddr ? uaddr : page, write))
            return -ASTRA_EFAULT;
    return 0;
}

int uvm_copy_in(struct mm *mm, void *dst, uint64_t usrc, size_t n) { return copy_user(mm, dst, usrc, n, 0); }

int uvm_copy_out(struct mm *mm, uint64_t udst, const void *src, size_t n)
{
    return copy_user(mm, (void *)src, udst, n, 1);
}

long uvm_copy_string_in(struct mm *mm, char *dst, uint64_t usrc, size_t max)
{
    for (size_t i = 0; i < max; i++) {
        unsigned char *u = user_byte(mm, usrc + i, 0);
        if (!u)
            return -ASTRA_EFAULT;
        dst[i] = (char)*u;
        if (!*u)
            return (long)i;
    }
    return -ASTRA_ENAMETOOLONG;
}

long uvm_string_length(struct mm *mm, uint64_t usrc, size_t max)
{
    size_t len = 0;
    while (len < max) {
        uint64_t at = usrc + len;
        const unsigned char *u = user_byte(mm, at, 0);
        if (!u)
            return -ASTRA_EFAULT;
        size_t chunk = PAGE_SIZE - (at & (PAGE_SIZE - 1));
        if (chunk > max - len)
            chunk = max - len;
        for (size_t i = 0; i < chunk; i++)
            if (!u[i])
                return (long)(len + i);
        len += chunk;
    }
    return (long)max;
}

/* The bytes one last-level page table maps. */
#define TABLE_SPAN (1ULL << 21)

/* The page table entry of the page at a (NULL when a has no page table) and, in *next, the
 * next address worth looking at: a hole in the page tables is skipped to its 2 MiB end. */
static uint64_t *pte_or_skip(struct mm *mm, uint64_t a, uint64_t *next)
{
    uint64_t *pte = vm_walk(mm->pgtable, a, 0);
    *next = pte ? a + PAGE_SIZE : (a | (TABLE_SPAN - 1)) + 1;
    return pte;
}

/* Frees the pages mapped in [start, end) of the VMAs. The entries are made non-present
 * first (keeping their frames), every CPU's TLB forgets them, and only then do the frames go:
 * a thread on another CPU never writes to a frame that was handed out again. */
void uvm_zap(struct mm *mm, uint64_t start, uint64_t end)
{
    int any = 0;
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
        for (uint64_t a = v->start > start ? v->start : start, next; a < v->end && a < end; a = next) {
            uint64_t *pte = pte_or_skip(mm, a, &next);
            if (pte && (*pte & PTE_P)) {
                *pte &= ~PTE_P;
                any = 1;
            }
        }
    if (!any)
        return;
    tlb_shootdown(mm->pgtable, start, end);
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
        for (uint64_t a = v->start > start ? v->start : start, next; a < v->end && a < end; a = next) {
            uint64_t *pte = pte_or_skip(mm, a, &next);
            if (pte && *pte && !(*pte & PTE_P)) {
                pmm_free(*pte & PTE_ADDR_MASK);
                *pte = 0;
            }
        }
}

void uvm_reap(struct mm *mm)
{
    mm->oom_reaped = 1;
    uvm_zap(mm, 0, USER_TOP);
}

void uvm_usage(struct mm *mm, struct uvm_usage *u)
{
    *u = (struct uvm_usage){ 0 };
    uint64_t counted = 1; /* the last 2 MiB region whose page table was counted (1: none) */
    for (struct vma *v = mm->vmas; v; v = v->next) {
        u->total_vm += (v->end - v->start) / PAGE_SIZE;
        for (uint64_t a = v->start, next; a < v->end; a = next) {
            uint64_t *pte = pte_or_skip(mm, a, &next);
            if (!pte)
                continue;
            if ((a & ~(TABLE_SPAN - 1)) != counted) {
                counted = a & ~(TABLE_SPAN - 1);
                u->pgtables++;
            }
            if (*pte & PTE_P)
                (*(v->file ? &u->file : v->shared ? &u->shmem : &u->anon))++;
        }
    }
}

/* Removes [start, end) from the VMAs and frees the pages there. */
static int unmap_range(struct mm *mm, uint64_t start, uint64_t end)
{
    if (split_at(mm, start) || split_at(mm, end))
        return -ASTRA_ENOMEM;
    uvm_zap(mm, start, end);
    struct vma **link = &mm->vmas;
    while (*link) {
        struct vma *v = *link;
        if (v->start >= start && v->end <= end) {
            *link = v->next;
            vma_free(v);
        } else {
            link = &v->next;
        }
    }
    return 0;
}

/* The highest free gap of len bytes below USER_MMAP_TOP, or 0. */
static uint64_t find_gap(struct mm *mm, uint64_t len)
{
    uint64_t best = 0, lo = USER_MIN;
    for (struct vma *v = mm->vmas;; v = v->next) {
        uint64_t hi = v ? v->start : USER_MMAP_TOP;
        if (hi > USER_MMAP_TOP)
            hi = USER_MMAP_TOP;
        if (hi > lo && hi - lo >= len)
            best = hi - len;
        if (!v || v->end >= USER_MMAP_TOP)
            break;
        lo = v->end;
    }
    return best;
}

/* Whether f may be mapped so (Linux's order of checks): 0, -EACCES or -ENODEV. */
static int file_mappable(struct file *f, int prot, int shared)
{
    int acc = f->flags & ASTRA_O_ACCMODE;
    if (shared && (prot & ASTRA_PROT_WRITE) && acc != ASTRA_O_RDWR)
        return -ASTRA_EACCES;
    if (acc != ASTRA_O_RDONLY && acc != ASTRA_O_RDWR)
        return -ASTRA_EACCES;
    struct inode *ip = f->inode;
    if (ip->ops ? !ip->ops->mmap : (ip->mode & ASTRA_S_IFMT) != ASTRA_S_IFREG)
        return -ASTRA_ENODEV;
    return 0;
}

long uvm_mmap(struct mm *mm, uint64_t addr, uint64_t len, int prot, int flags, struct file *f, uint64_t off)
{
    int type = flags & (ASTRA_MAP_SHARED | ASTRA_MAP_PRIVATE);
    if (!len || (prot & ~PROT_ALL) || !(type == ASTRA_MAP_SHARED || type == ASTRA_MAP_PRIVATE))
        return -ASTRA_EINVAL;
    if (len > USER_TOP)
        return -ASTRA_ENOMEM;
    len = PAGE_ROUND_UP(len);
    /* As Linux: the mapping must end within the largest file offset. */
    if (f && (off > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX - off))
        return -ASTRA_EOVERFLOW;
    int r = f ? file_mappable(f, prot, type == ASTRA_MAP_SHARED) : 0;
    if (r)
        return r;
    if (flags & ASTRA_MAP_FIXED) {
        if ((addr & (PAGE_SIZE - 1)) || addr < USER_MIN || addr >= USER_TOP || len > USER_TOP - addr)
            return -ASTRA_EINVAL;
        if (unmap_range(mm, addr, addr + len))
            return -ASTRA_ENOMEM;
    } else {
        addr = find_gap(mm, len);
        if (!addr)
            return -ASTRA_ENOMEM;
    }
    if ((r = add_region(mm, addr, addr + len, prot, type == ASTRA_MAP_SHARED, 0, 0)))
        return r;
    if (!f)
        return (long)addr;
    struct vma *v = find_vma(mm, addr);
    /* A shared mapping of a file opened read-only may never become writable. */
    v->maywrite = type == ASTRA_MAP_PRIVATE || (f->flags & ASTRA_O_ACCMODE) == ASTRA_O_RDWR;
    if (f->inode->ops) {
        if ((r = f->inode->ops->mmap(f, v))) {
            unmap_range(mm, addr, addr + len);
            return r;
        }
    } else {
        filemap_attach(v, mm, f->inode, off / PAGE_SIZE);
    }
    return (long)addr;
}

int uvm_msync(struct mm *mm, uint64_t addr, uint64_t len, int flags)
{
    if ((flags & ~(ASTRA_MS_ASYNC | ASTRA_MS_INVALIDATE | ASTRA_MS_SYNC)) || (addr & (PAGE_SIZE - 1)) ||
        ((flags & ASTRA_MS_ASYNC) && (flags & ASTRA_MS_SYNC)))
        return -ASTRA_EINVAL;
    uint64_t end = addr + PAGE_ROUND_UP(len);
    if (end < addr || PAGE_ROUND_UP(len) < len)
        return -ASTRA_ENOMEM;
    for (uint64_t a = addr; a < end;) {
        struct vma *v = find_vma(mm, a);
        if (!v)
            return -ASTRA_ENOMEM;
        a = v->end;
    }
    return 0;
}

int uvm_munmap(struct mm *mm, uint64_t addr, uint64_t len)
{
    if ((addr & (PAGE_SIZE - 1)) || !len || addr >= USER_TOP || len > USER_TOP - addr)
        return -ASTRA_EINVAL;
    return unmap_range(mm, addr, addr + PAGE_ROUND_UP(len));
}

int uvm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, int prot)
{
    if ((addr & (PAGE_SIZE - 1)) || (prot & ~PROT_ALL))
        return -ASTRA_EINVAL;
    uint64_t end = addr + PAGE_ROUND_UP(len);
    if (end < addr || end > USER_TOP)
        return -ASTRA_ENOMEM;
    for (uint64_t a = addr; a < end;) {
        struct vma *v = find_vma(mm, a);
        if (!v)
            return -ASTRA_ENOMEM; /* Linux: part of the range is not mapped */
        if ((prot & ASTRA_PROT_WRITE) && !v->maywrite)
            return -ASTRA_EACCES;
        a = v->end;
    }
    if (split_at(mm, addr) || split_at(mm, end))
        return -ASTRA_ENOMEM;
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
        if (v->end <= addr)
            continue;
        v->prot = prot;
        for (uint64_t a = v->start; a < v->end; a += PAGE_SIZE) {
            uint64_t *pte = vm_walk(mm->pgtable, a, 0);
            if (pte && (*pte & PTE_P)) {
                uint64_t pa = *pte & PTE_ADDR_MASK, shared = *pte & PTE_SHARED;
                *pte = pa | vm_pte_flags(prot, 1) | shared;
                if (!shared && pmm_refs(pa) > 1)
                    *pte &= ~PTE_W; /* still copy on write */
            }
        }
    }
    tlb_shootdown(mm->pgtable, addr, end);
    return 0;
}

uint64_t uvm_brk(struct mm *mm, uint64_t new_brk)
{
    if (new_brk < mm->brk_start || new_brk > mm->brk_start + USER_BRK_MAX)
        return mm->brk;
    uint64_t old_end = PAGE_ROUND_UP(mm->brk), new_end = PAGE_ROUND_UP(new_brk);
    if (new_end > old_end) {
        for (struct vma *v = mm->vmas; v; v = v->next)
            if (v->start < new_end && v->end > old_end)
                return mm->brk; /* would run into another mapping */
        if (uvm_add_region(mm, old_end, new_end, ASTRA_PROT_READ | ASTRA_PROT_WRITE))
            return mm->brk;
    } else if (new_end < old_end) {
        unmap_range(mm, new_end, old_end);
    }
    mm->brk = new_brk;
    return mm->brk;
}

/* Marks the regions of [start, end) (all mapped): as Linux, only private memory qualifies. */
static int set_wipe_on_fork(struct mm *mm, uint64_t start, uint64_t end, int wipe)
{
    for (struct vma *v = find_vma(mm, start); v && v->start < end; v = v->next)
        if (v->shared || v->file)
            return -ASTRA_EINVAL;
    if (split_at(mm, start) || split_at(mm, end))
        return -ASTRA_ENOMEM;
    for (struct vma *v = find_vma(mm, start); v && v->start < end; v = v->next)
        v->wipe_on_fork = wipe;
    return 0;
}

int uvm_madvise(struct mm *mm, uint64_t addr, uint64_t len, int advice)
{
    if ((addr & (PAGE_SIZE - 1)) || advice < 0 || advice > 100)
        return -ASTRA_EINVAL;
    uint64_t end = addr + PAGE_ROUND_UP(len);
    if (end < addr || end > USER_TOP)
        return -ASTRA_EINVAL;
    for (uint64_t a = addr; a < end; a += PAGE_SIZE)
        if (!find_vma(mm, a))
            return -ASTRA_ENOMEM;
    if (advice == ASTRA_MADV_WIPEONFORK || advice == ASTRA_MADV_KEEPONFORK)
        return set_wipe_on_fork(mm, addr, end, advice == ASTRA_MADV_WIPEONFORK);
    if (advice == ASTRA_MADV_DONTNEED)
        uvm_zap(mm, addr, end);
    return 0;
}

long uvm_mremap(struct mm *mm, uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags)
{
    if ((old_addr & (PAGE_SIZE - 1)) || !new_len || (flags & ~ASTRA_MREMAP_MAYMOVE))
        return -ASTRA_EINVAL;
    old_len = PAGE_ROUND_UP(old_len);
    new_len = PAGE_ROUND_UP(new_len);
    struct vma *v = find_vma(mm, old_addr);
    if (!v)
        return -ASTRA_EFAULT;
    /* As Linux: shrinking unmaps the tail, whatever VMAs (an mprotect may have split the
     * range) or holes it holds; only a range that grows must lie in one VMA. */
    if (new_len <= old_len) {
        int r = new_len < old_len ? uvm_munmap(mm, old_addr + new_len, old_len - new_len) : 0;
        return r ? r : (long)old_addr;
    }
    if (old_addr + old_len > v->end || old_addr + old_len < old_addr)
        return -ASTRA_EFAULT;
    uint64_t grow_from = old_addr + old_len, grow_to = old_addr + new_len;
    int prot = v->prot, shared = v->shared;
    if (grow_to > grow_from && grow_to <= USER_TOP && !find_vma(mm, grow_from)) {
        int free = 1;
        for (struct vma *w = mm->vmas; w; w = w->next)
            if (w->start < grow_to && w->end > grow_from)
                free = 0;
        if (free) {
            v->end = grow_to; /* old_addr + old_len is v's end: v grows, and stays one VMA */
            return (long)old_addr;
        }
    }
    if (!(flags & ASTRA_MREMAP_MAYMOVE))
        return -ASTRA_ENOMEM;
    uint64_t to = find_gap(mm, new_len);
    if (!to || add_region(mm, to, to + new_len, prot, shared, v, old_addr))
        return -ASTRA_ENOMEM;
    for (uint64_t off = 0; off < old_len; off += PAGE_SIZE) {
        uint64_t *pte = vm_walk(mm->pgtable, old_addr + off, 0);
        if (!pte || !(*pte & PTE_P))
            continue;
        uint64_t entry = *pte;
        vm_unmap(mm->pgtable, old_addr + off);
        if (vm_map(mm->pgtable, to + off, entry & PTE_ADDR_MASK, entry & ~PTE_ADDR_MASK))
            return -ASTRA_ENOMEM;
    }
    tlb_shootdown(mm->pgtable, old_addr, old_addr + old_len);
    unmap_range(mm, old_addr, old_addr + old_len); /* its pages moved: only the VMA goes */
    return (long)to;
}

struct mm *mm_new(void)
{
    struct mm *mm = kzalloc(sizeof *mm);
    if (!mm)
        return 0;
    if (!(mm->pgtable = vm_new_address_space())) {
        kfree(mm);
        return 0;
    }
    mm->refs = 1;
    return mm;
}

struct mm *mm_fork(struct mm *parent)
{
    /* A MAP_SHARED page of anonymous memory must exist before the fork to be shared by it
     * (a file's pages are found again in the file). */
    for (struct vma *v = parent->vmas; v; v = v->next)
        for (uint64_t a = v->start; v->shared && !v->file && a < v->end; a += PAGE_SIZE)
            if (uvm_populate(parent, a))
                return 0;
    struct mm *mm = mm_new();
    if (!mm)
        return 0;
    mm->brk_start = parent->brk_start;
    mm->brk = parent->brk;
    for (struct vma *v = parent->vmas; v; v = v->next) {
        if (add_region(mm, v->start, v->end, v->prot, v->shared, v, v->start))
            goto fail;
    }
    int r = vm_copy_user(parent->pgtable, mm->pgtable);
    tlb_shootdown(parent->pgtable, 0, USER_TOP); /* the parent's writable pages became read-only */
    if (r)
        goto fail;
    /* The child's copies of wipe-on-fork pages go: it faults in zeroed ones (the child runs
     * nowhere yet, so no other TLB holds them). */
    for (struct vma *v = mm->vmas; v; v = v->next)
        for (uint64_t a = v->start; v->wipe_on_fork && a < v->end; a += PAGE_SIZE) {
            uint64_t pa = vm_unmap(mm->pgtable, a);
            if (pa)
                pmm_free(pa);
        }
    return mm;
fail:
    mm_put(mm);
    return 0;
}

void mm_put(struct mm *mm)
{
    if (--mm->refs)
        return;
    while (mm->vmas) {
        struct vma *v = mm->vmas;
        mm->vmas = v->next;
        vma_free(v);
    }
    tlb_forget(mm->pgtable); /* an idle CPU may still have it loaded */
    vm_free_user(mm->pgtable);
    kfree(mm);
}
