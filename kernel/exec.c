#include <astra/abi.h>

#include "cmdline.h"
#include "console.h"
#include "elf.h"
#include "exec.h"
#include "kstring.h"
#include "layout.h"
#include "pmm.h"
#include "proc.h"
#include "random.h"
#include "tar.h"
#include "uvm.h"
#include "vfs.h"
#include "vm.h"

/* Copies a PT_LOAD segment into p's memory, page by page through the direct map. Pages
 * shared with the previous segment keep their contents and gain its permissions. */
static int load_segment(struct proc *p, const unsigned char *file, const struct astra_elf64_phdr *ph)
{
    int prot = (ph->p_flags & ASTRA_PF_R ? ASTRA_PROT_READ : 0) |
               (ph->p_flags & ASTRA_PF_W ? ASTRA_PROT_WRITE : 0) |
               (ph->p_flags & ASTRA_PF_X ? ASTRA_PROT_EXEC : 0);
    uint64_t start = PAGE_ROUND_DOWN(ph->p_vaddr), end = PAGE_ROUND_UP(ph->p_vaddr + ph->p_memsz);
    uint64_t region_start = start;
    for (struct vma *v = p->mm->vmas; v; v = v->next)
        if (v->end > region_start && v->start < end) {
            v->prot |= prot; /* the shared page */
            region_start = v->end;
        }
    if (region_start < end && uvm_add_region(p->mm, region_start, end, prot))
        return -ASTRA_ENOMEM;
    for (uint64_t page = start; page < end; page += PAGE_SIZE) {
        if (uvm_populate(p->mm, page))
            return -ASTRA_ENOMEM;
        uint64_t *pte = vm_walk(p->mm->pml4, page, 0);
        struct vma *v = p->mm->vmas;
        while (v && !(page >= v->start && page < v->end))
            v = v->next;
        *pte = (*pte & PTE_ADDR_MASK) | vm_pte_flags(v->prot, 1);
        unsigned char *dst = P2V(*pte & PTE_ADDR_MASK);
        uint64_t lo = page > ph->p_vaddr ? page : ph->p_vaddr;
        uint64_t hi = page + PAGE_SIZE < ph->p_vaddr + ph->p_filesz ? page + PAGE_SIZE : ph->p_vaddr + ph->p_filesz;
        if (hi > lo)
            memcpy(dst + (lo - page), file + ph->p_offset + (lo - ph->p_vaddr), hi - lo);
    }
    return 0;
}

/* Pushes bytes just below *sp; returns their user address. */
static uint64_t push_bytes(struct proc *p, uint64_t *sp, const void *data, size_t n)
{
    *sp -= n;
    return uvm_copy_out(p->mm, *sp, data, n) ? 0 : *sp;
}

/* The initial stack exactly as Linux builds it: argc, argv[], NULL, envp[], NULL, auxv
 * pairs ending in AT_NULL, with the strings and AT_RANDOM's 16 bytes above. */
static int build_stack(struct proc *p, const struct elf_image *img, const char *const argv[],
                       const char *const envp[], uint64_t *rsp)
{
    int argc = 0, envc = 0;
    while (argv[argc])
        argc++;
    while (envp[envc])
        envc++;
    uint64_t sp = USER_STACK_TOP;
    unsigned char random[16];
    random_fill(random, sizeof random);
    uint64_t at_random = push_bytes(p, &sp, random, sizeof random);
    uint64_t uargv[CMDLINE_MAX_ARGS + 1], uenvp[CMDLINE_MAX_ENV];
    if (argc > CMDLINE_MAX_ARGS + 1 || envc > CMDLINE_MAX_ENV)
        return -ASTRA_E2BIG;
    for (int i = envc - 1; i >= 0; i--)
        if (!(uenvp[i] = push_bytes(p, &sp, envp[i], strlen(envp[i]) + 1)))
            return -ASTRA_EFAULT;
    for (int i = argc - 1; i >= 0; i--)
        if (!(uargv[i] = push_bytes(p, &sp, argv[i], strlen(argv[i]) + 1)))
            return -ASTRA_EFAULT;
    uint64_t auxv[] = {
        ASTRA_AT_PHDR, img->phdr_vaddr, ASTRA_AT_PHENT, sizeof(struct astra_elf64_phdr),
        ASTRA_AT_PHNUM, img->phnum, ASTRA_AT_PAGESZ, PAGE_SIZE,
        ASTRA_AT_ENTRY, img->entry, ASTRA_AT_RANDOM, at_random,
        ASTRA_AT_NULL, 0,
    };
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + sizeof auxv / 8;
    sp = (sp - words * 8) & ~15ULL; /* rsp is 16-byte aligned at _start */
    *rsp = sp;
    uint64_t w = (uint64_t)argc;
    if (uvm_copy_out(p->mm, sp, &w, 8))
        return -ASTRA_EFAULT;
    sp += 8;
    for (int i = 0; i <= argc; i++, sp += 8)
        if (uvm_copy_out(p->mm, sp, i < argc ? &uargv[i] : &(uint64_t){ 0 }, 8))
            return -ASTRA_EFAULT;
    for (int i = 0; i <= envc; i++, sp += 8)
        if (uvm_copy_out(p->mm, sp, i < envc ? &uenvp[i] : &(uint64_t){ 0 }, 8))
            return -ASTRA_EFAULT;
    return uvm_copy_out(p->mm, sp, auxv, sizeof auxv);
}

/* fds 0, 1, 2: the console's input, output and error channels; the working directory: /. */
static int setup_files(struct proc *p)
{
    static const char *const names[3] = { "/dev/stdin", "/dev/stdout", "/dev/stderr" };
    static const int modes[3] = { ASTRA_O_RDONLY, ASTRA_O_WRONLY, ASTRA_O_WRONLY };
    p->cwd = vfs_root();
    p->cwd->refs++;
    p->fdt = fdtable_new();
    if (!p->fdt)
        return -ASTRA_ENOMEM;
    for (int fd = 0; fd < 3; fd++) {
        struct inode *ip;
        if (vfs_lookup(vfs_root(), names[fd], 1, &ip))
            return -ASTRA_ENOENT;
        struct file *f = file_new(ip, modes[fd]);
        if (!f || fd_install(p->fdt, f, fd, 0) != fd)
            return -ASTRA_ENOMEM;
    }
    return 0;
}

struct thread *exec_load(const void *initrd, size_t initrd_size, const char *path,
                         const char *const argv[], const char *const envp[])
{
    struct tar_entry file;
    if (!initrd || tar_find(initrd, initrd_size, path, &file)) {
        kwarn("exec %s: no such file in the initrd\n", path);
        return 0;
    }
    char why[160];
    struct elf_image img;
    if (elf_check(file.data, file.size, USER_MIN, USER_STACK_TOP - USER_STACK_SIZE, &img, why, sizeof why)) {
        kwarn("exec %s: refused: %s\n", path, why);
        return 0;
    }
    const char *name = path;
    for (const char *c = path; *c; c++)
        if (*c == '/' && c[1])
            name = c + 1;
    struct proc *p = proc_create(name);
    struct thread *t = p ? thread_create(p) : 0;
    if (!t)
        goto oom;
    ksnprintf(p->exe, sizeof p->exe, "/%s", file.name); /* the initrd's files are the RAM filesystem's */
    for (unsigned i = 0; i < img.phnum; i++)
        if (img.phdrs[i].p_type == ASTRA_PT_LOAD && load_segment(p, file.data, &img.phdrs[i]))
            goto oom;
    p->mm->brk_start = p->mm->brk = PAGE_ROUND_UP(img.end);
    if (setup_files(p))
        goto oom;
    uint64_t rsp;
    if (uvm_add_region(p->mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, ASTRA_PROT_READ | ASTRA_PROT_WRITE) ||
        build_stack(p, &img, argv, envp, &rsp))
        goto oom;

    struct trapframe *tf = t->tf;
    memset(tf, 0, sizeof *tf);
    tf->rip = img.entry;
    tf->rsp = rsp;
    tf->cs = GDT_USER_CODE;
    tf->ss = GDT_USER_DATA;
    tf->rflags = 0x202; /* IF */
    return t;

oom:
    kwarn("exec %s: out of memory\n", path);
    return 0;
}
