#include <astra/abi.h>

#include "arch.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "vdso/vdso.h"
#include "vdso/vvar.h"

#define VDSO_MAX_PAGES 4

/* Written once, by the first vdso_vvar (boot, one CPU); read-only afterwards. */
static uint64_t vvar_frame, image_frames[VDSO_MAX_PAGES];
static unsigned image_pages;

_Static_assert(sizeof(struct vvar_page) <= PAGE_SIZE, "the data page is one page");

static uint64_t frame_or_panic(void)
{
    uint64_t pa = pmm_alloc();
    if (!pa)
        panic("vdso_vvar: no memory for the vDSO");
    memset(P2V(pa), 0, PAGE_SIZE);
    return pa;
}

struct vvar_page *vdso_vvar(void)
{
    if (!vvar_frame) {
        image_pages = (unsigned)((vdso_image_size + PAGE_SIZE - 1) / PAGE_SIZE);
        if (image_pages > VDSO_MAX_PAGES)
            panic("vdso_vvar: the vDSO image has %u pages, more than %d", image_pages, VDSO_MAX_PAGES);
        for (unsigned i = 0; i < image_pages; i++) {
            image_frames[i] = frame_or_panic();
            size_t off = (size_t)i * PAGE_SIZE, n = vdso_image_size - off < PAGE_SIZE ? vdso_image_size - off : PAGE_SIZE;
            memcpy(P2V(image_frames[i]), vdso_image + off, n);
        }
        vvar_frame = frame_or_panic();
        ((struct vvar_page *)P2V(vvar_frame))->getcpu = arch_vdso_getcpu();
    }
    return P2V(vvar_frame);
}

/* Adds a region named name at start over frames (n of them, each gaining a reference).
 * 0 or -ENOMEM. */
static long map_frames(struct mm *mm, uint64_t start, const uint64_t *frames, unsigned n, int prot, int maywrite,
                       const char *name)
{
    uint64_t end = start + (uint64_t)n * PAGE_SIZE;
    if (uvm_add_region(mm, start, end, prot))
        return -ASTRA_ENOMEM;
    struct vma *v = mm->vmas;
    while (v->start != start)
        v = v->next;
    v->maywrite = maywrite;
    v->name = name;
    for (unsigned i = 0; i < n; i++) {
        if (vm_map(mm->pgtable, start + (uint64_t)i * PAGE_SIZE, frames[i], vm_pte_flags(prot, 1)))
            return -ASTRA_ENOMEM;
        pmm_ref(frames[i]);
    }
    return 0;
}

long vdso_map(struct mm *mm)
{
    vdso_vvar();
    /* A guard page between the vDSO and the stack's lowest page. */
    uint64_t text = USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE - (uint64_t)image_pages * PAGE_SIZE;
    uint64_t vvar = text - PAGE_SIZE;
    /* The vvar page may never become writable; the vDSO's text may (a debugger's
     * breakpoint), and then the process writes to a copy of its own. */
    long r = map_frames(mm, vvar, &vvar_frame, 1, ASTRA_PROT_READ, 0, "[vvar]");
    if (!r)
        r = map_frames(mm, text, image_frames, image_pages, ASTRA_PROT_READ | ASTRA_PROT_EXEC, 1, "[vdso]");
    return r ? r : (long)text;
}
