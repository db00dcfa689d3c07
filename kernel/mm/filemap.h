/* File mappings: regions of an address space that map the pages of a RAM file (mmap of a
 * file descriptor). The file's own pages are mapped, never copies: MAP_SHARED writes are the
 * file's content, and a MAP_PRIVATE region sees the file until it writes a page, which then
 * becomes its own copy (copy-on-write, as anonymous memory after fork).
 *
 * References: the file (ramfs.c) holds one reference to each of its pages (pmm.c counts
 * them); every page table entry mapping a page holds another; every VMA mapping a file holds
 * one reference to the inode (inode->refs), so a mapped file outlives its descriptors and
 * its names, and its pages outlive an unmap or the file's removal only as long as something
 * maps them. Each inode lists the VMAs that map it (inode->mappings, linked by file_next),
 * so a truncation can take pages away from every address space. The segments exec maps
 * (vma->denywrite) are counted in inode->exec_maps: while any is, the file cannot be opened
 * for writing (-ETXTBSY, as Linux). All under the BKL. */
#ifndef ASTRA_KERNEL_FILEMAP_H
#define ASTRA_KERNEL_FILEMAP_H

#include <stdint.h>

struct inode;
struct mm;
struct vma;

/* Makes v (of mm) map ip from file page pgoff at v->start: takes a reference to ip and
 * lists v among its mappings. */
void filemap_attach(struct vma *v, struct mm *mm, struct inode *ip, uint64_t pgoff);
/* Undoes filemap_attach (before v is freed); may free the inode. */
void filemap_detach(struct vma *v);
/* The entry for page `page` of the file mapping v (not present yet) into *pte: 0, -ENOMEM,
 * or -EIO when the page lies wholly past the end of the file (SIGBUS, as Linux). */
int filemap_fault(struct vma *v, uint64_t page, uint64_t *pte);
/* Removes the pages from file page `from` on from every mapping of ip (private copies too,
 * as Linux does), before the file shrinks. */
void filemap_truncate(struct inode *ip, uint64_t from);

#endif
