/* User address spaces: VMAs, lazily allocated anonymous memory, and copies between kernel
 * and user memory. The kernel never dereferences a user pointer: copies translate each page
 * through the page tables and use the direct map, so SMAP stays on all the time. */
#ifndef ASTRA_KERNEL_UVM_H
#define ASTRA_KERNEL_UVM_H

#include <stddef.h>
#include <stdint.h>

struct file;
struct inode;

/* A mapped region: page aligned, [start, end), sorted by address. */
struct vma {
    uint64_t start, end;
    int prot;            /* ASTRA_PROT_* */
    int shared;          /* MAP_SHARED: fork shares its pages instead of copying them */
    int wipe_on_fork;    /* MADV_WIPEONFORK: a forked child gets zero-filled pages */
    int maywrite;        /* PROT_WRITE may be given (not: MAP_SHARED of a file opened read-only) */
    int denywrite;       /* a program's segment mapped by exec: its file may not be opened for
                          * writing (-ETXTBSY) while mapped (counted in inode->exec_maps) */
    const char *name;    /* a special mapping's name for /proc/PID/maps ("[vdso]"), or NULL */
    struct vma *next;
    /* file mappings (mm/filemap.h): the file (NULL: anonymous memory), the file page mapped
     * at start, the address space, and the file's next mapping */
    struct inode *file;
    uint64_t pgoff;
    struct mm *mm;
    struct vma *file_next;
};

/* An address space: its page tables, regions and heap. A process has one; a vfork child
 * borrows its parent's until it calls execve or exits. */
struct mm {
    uint64_t *pgtable;
    struct vma *vmas;
    uint64_t brk_start, brk; /* the heap is [brk_start, brk); its VMA is page rounded */
    int refs;                /* processes using it */
    int oom_reaped;          /* the OOM killer took its pages (mm/oom.h): no page is filled again */
};

/* What an address space holds, in pages, as Linux's OOM report counts it: every present page
 * counts in each address space that maps it (a copy-on-write page shared by a parent and its
 * child counts in both). anon: private pages of anonymous mappings (and of the heap and
 * stack); file: pages of file mappings (a private copy of a file page too); shmem: pages of
 * MAP_SHARED anonymous mappings; pgtables: the last-level page tables. */
struct uvm_usage {
    uint64_t total_vm, anon, file, shmem, pgtables;
};

/* A new, empty address space (one reference); NULL when memory is exhausted. */
struct mm *mm_new(void);
/* A copy of parent for fork: the same regions, every page shared copy-on-write (MAP_SHARED
 * pages stay shared); NULL when memory is exhausted. */
struct mm *mm_fork(struct mm *parent);
/* Drops a reference; the last frees every user page, page table and VMA. The caller must
 * not be running on mm's page tables. */
void mm_put(struct mm *mm);

#define USER_STACK_TOP 0x00007ffffffff000ULL
#define USER_STACK_SIZE (8ULL << 20)
#define USER_MMAP_TOP (USER_STACK_TOP - USER_STACK_SIZE - (1ULL << 30))
#define USER_BRK_MAX (1ULL << 36) /* the heap may grow to 64 GiB past its start */

/* Adds [start, end) with prot; fails with -ENOMEM (no memory) or -EEXIST (overlap). */
int uvm_add_region(struct mm *mm, uint64_t start, uint64_t end, int prot);
/* A private mapping of the RAM file ip from file page pgoff at [start, end) (page aligned),
 * as mmap(MAP_PRIVATE|MAP_FIXED) would make but without unmapping anything, and denying
 * writes to the file while it lasts: exec's read-only segments, which then share the file's
 * pages; 0, -EEXIST (overlap) or -ENOMEM. */
int uvm_map_file(struct mm *mm, uint64_t start, uint64_t end, int prot, struct inode *ip, uint64_t pgoff);
/* Backs one page of p with a zeroed frame if it has none; 0 or -ENOMEM (-EFAULT once the
 * OOM killer reaped mm). */
int uvm_populate(struct mm *mm, uint64_t page);

/* Handles a user page fault at addr: 0 when a page was supplied (or a copy-on-write page
 * copied) or when the calling thread's process is ending (then the thread ends on its way
 * back to user mode), -EFAULT when the access is not allowed, -EIO when it lies in a file
 * mapping past the end of the file (SIGBUS). When no frame is left the OOM killer (mm/oom.h)
 * ends a process and the fault is served again. */
int uvm_handle_fault(struct mm *mm, uint64_t addr, uint64_t error);

/* Whether a region covers addr (a fault there is an access error, not a mapping error). */
int uvm_mapped(struct mm *mm, uint64_t addr);

/* 0 or -EFAULT (a range not wholly mapped with the needed access). */
int uvm_check(struct mm *mm, uint64_t uaddr, size_t n, int write);
int uvm_copy_in(struct mm *mm, void *dst, uint64_t usrc, size_t n);
int uvm_copy_out(struct mm *mm, uint64_t udst, const void *src, size_t n);
/* Copies a NUL-terminated string of at most max - 1 bytes: its length, -EFAULT, or
 * -ENAMETOOLONG when no NUL comes within max bytes. */
long uvm_copy_string_in(struct mm *mm, char *dst, uint64_t usrc, size_t max);
/* The length of a NUL-terminated user string: at most max (max: no NUL among the first max
 * bytes), or -EFAULT. */
long uvm_string_length(struct mm *mm, uint64_t usrc, size_t max);

/* Anonymous memory, or (f not NULL) a mapping of f's pages from byte offset off (page
 * aligned, checked by the caller): the address or -errno. */
long uvm_mmap(struct mm *mm, uint64_t addr, uint64_t len, int prot, int flags, struct file *f, uint64_t off);
/* msync: checks flags and range (-EINVAL, -ENOMEM for unmapped pages); the RAM file system's
 * mappings are its pages, so there is nothing to write back. */
int uvm_msync(struct mm *mm, uint64_t addr, uint64_t len, int flags);
/* Counts what mm holds (holes of the page tables are skipped 2 MiB at a time). */
void uvm_usage(struct mm *mm, struct uvm_usage *u);
/* The OOM reaper (mm/oom.c): frees every user page of mm, whose processes were all killed,
 * keeping regions and page tables (their exit frees those); from then on a fault in mm is
 * not served. The caller must not be running on mm. */
void uvm_reap(struct mm *mm);
/* Frees the pages mapped in [start, end) (page aligned), keeping the regions. */
void uvm_zap(struct mm *mm, uint64_t start, uint64_t end);
int uvm_munmap(struct mm *mm, uint64_t addr, uint64_t len);
int uvm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, int prot);
uint64_t uvm_brk(struct mm *mm, uint64_t new_brk);
/* MADV_DONTNEED frees the pages (they read as zeros again); MADV_WIPEONFORK/KEEPONFORK mark
 * private mappings (-EINVAL for shared ones) whose pages a forked child does not inherit;
 * other advice is a hint. */
int uvm_madvise(struct mm *mm, uint64_t addr, uint64_t len, int advice);
/* Shrinks, grows in place, or (MREMAP_MAYMOVE) moves a mapping by moving its page table
 * entries; returns the new address or -errno. */
long uvm_mremap(struct mm *mm, uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags);

#endif
