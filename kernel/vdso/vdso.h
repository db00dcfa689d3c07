/* The vDSO: a small ELF image built with the kernel (vdso.c, vdso.lds) whose clock functions
 * run in user mode, and its data page (vvar.h). Every process maps both, below its stack:
 * [vvar] read-only, then [vdso] read+execute, as Linux places them. Their frames are
 * allocated once and every address space shares them; a mapping holds a reference to each
 * frame and the kernel keeps one of its own, so no frame ever goes back to the allocator
 * (munmap, exit and copy-on-write only drop the mapping's references).
 *
 * Locks: the frames are written once, at boot (vdso_vvar's first call), before any
 * process; the data page's clock afterwards by dev/time.c under the BKL. */
#ifndef ASTRA_KERNEL_VDSO_H
#define ASTRA_KERNEL_VDSO_H

#include <stddef.h>
#include <stdint.h>

struct mm;
struct vvar_page;

/* The image, generated from the linked vDSO by vdso/embed.py. */
extern const unsigned char vdso_image[];
extern const size_t vdso_image_size;

/* The data page in the direct map (allocated, with the image's frames, at the first call;
 * a panic without memory). */
struct vvar_page *vdso_vvar(void);

/* Maps [vvar] and [vdso] into mm: the address of the vDSO's ELF header (AT_SYSINFO_EHDR),
 * or -ENOMEM (no memory, or the place is taken). */
long vdso_map(struct mm *mm);

#endif
