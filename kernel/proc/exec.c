#include <astra/abi.h>

#include "arch.h"
#include "dev/random.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "proc/elf.h"
#include "proc/exec.h"
#include "proc/proc.h"
#include "proc/script.h"
#include "proc/signal.h"
#include "vdso/vdso.h"

/* ---- the strings ---- */

/* Counts a user array of string pointers up to its NULL, as Linux's count(): 0 or -EFAULT. */
static long count_user(struct exec_strings *s)
{
    if (s->count >= 0)
        return 0;
    for (s->count = 0;; s->count++) {
        uint64_t p;
        if (uvm_copy_in(s->mm, &p, s->user + (uint64_t)s->count * 8, 8))
            return -ASTRA_EFAULT;
        if (!p || s->count > EXEC_ARG_SPACE / 8) /* more than fit: E2BIG follows */
            return 0;
    }
}

static int strings_count(const struct exec_strings *s) { return s->nfront + s->count - s->skip; }

/* String i: its length (without the NUL) and where it is (*k, or *u in s->mm); -EFAULT, or
 * -E2BIG when it is longer than Linux allows. */
static long string_at(const struct exec_strings *s, int i, const char **k, uint64_t *u)
{
    *k = 0;
    if (i < s->nfront) {
        *k = s->front[i];
        return (long)strlen(*k);
    }
    i += s->skip - s->nfront;
    if (s->kernel) {
        *k = s->kernel[i];
        return (long)strlen(*k);
    }
    if (uvm_copy_in(s->mm, u, s->user + (uint64_t)i * 8, 8))
        return -ASTRA_EFAULT;
    long len = uvm_string_length(s->mm, *u, EXEC_ARG_STRLEN);
    return len >= EXEC_ARG_STRLEN ? -ASTRA_E2BIG : len;
}

/* The bytes all strings take with their NULs, added to *total; -EFAULT or -E2BIG. */
static long measure(const struct exec_strings *s, size_t *total)
{
    for (int i = 0; i < strings_count(s); i++) {
        const char *k;
        uint64_t u;
        long len = string_at(s, i, &k, &u);
        if (len < 0)
            return len;
        *total += (size_t)len + 1;
    }
    return 0;
}

/* A script: argv[0] goes, the interpreter, its argument and the script come first. */
static void splice_script(struct exec_strings *s, const char *name, const char *arg, const char *script)
{
    if (s->nfront) {
        for (int i = 1; i < s->nfront; i++)
            s->front[i - 1] = s->front[i];
        s->nfront--;
    } else if (s->skip < s->count) {
        s->skip++;
    }
    int add = arg ? 3 : 2;
    for (int i = s->nfront - 1; i >= 0; i--)
        s->front[i + add] = s->front[i];
    s->front[0] = name;
    if (arg)
        s->front[1] = arg;
    s->front[add - 1] = script;
    s->nfront += add;
}

/* ---- the new address space ---- */

/* Loads a PT_LOAD segment of the file into mm at its address plus base (a static-pie's). A
 * read-only segment wholly in the file, on pages of its own, maps the file's pages (a
 * private file mapping, as Linux's exec): nothing is copied, and every run of the program
 * executes the same physical pages, so QEMU's translations of its code outlive the process
 * instead of being made again for fresh copies each exec. Otherwise the segment is copied
 * page by page through the direct map; pages shared with the previous segment keep their
 * contents and gain its permissions. */
static int load_segment(struct mm *mm, struct inode *ip, const struct astra_elf64_phdr *file_ph, uint64_t base)
{
    struct astra_elf64_phdr moved = *file_ph;
    const struct astra_elf64_phdr *ph = &moved;
    moved.p_vaddr += base;
    int prot = (ph->p_flags & ASTRA_PF_R ? ASTRA_PROT_READ : 0) |
               (ph->p_flags & ASTRA_PF_W ? ASTRA_PROT_WRITE : 0) |
               (ph->p_flags & ASTRA_PF_X ? ASTRA_PROT_EXEC : 0);
    uint64_t start = PAGE_ROUND_DOWN(ph->p_vaddr), end = PAGE_ROUND_UP(ph->p_vaddr + ph->p_memsz);
    if (!(ph->p_flags & ASTRA_PF_W) && ph->p_filesz == ph->p_memsz && ph->p_offset + ph->p_filesz <= ip->size &&
        !ip->ops) {
        int r = uvm_map_file(mm, start, end, prot, ip, PAGE_ROUND_DOWN(ph->p_offset) / PAGE_SIZE);
        if (r != -ASTRA_EEXIST)
            return r;
        /* a page shared with the previous segment: copied, as below */
    }
    uint64_t region_start = start;
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->end > region_start && v->start < end) {
            v->prot |= prot; /* the shared page */
            region_start = v->end;
        }
    if (region_start < end && uvm_add_region(mm, region_start, end, prot))
        return -ASTRA_ENOMEM;
    for (uint64_t page = start; page < end; page += PAGE_SIZE) {
        if (uvm_populate(mm, page))
            return -ASTRA_ENOMEM;
        uint64_t *pte = vm_walk(mm->pgtable, page, 0);
        struct vma *v = mm->vmas;
        while (v && !(page >= v->start && page < v->end))
            v = v->next;
        *pte = (*pte & PTE_ADDR_MASK) | vm_pte_flags(v->prot, 1);
        unsigned char *dst = P2V(*pte & PTE_ADDR_MASK);
        uint64_t lo = page > ph->p_vaddr ? page : ph->p_vaddr;
        uint64_t hi = page + PAGE_SIZE < ph->p_vaddr + ph->p_filesz ? page + PAGE_SIZE : ph->p_vaddr + ph->p_filesz;
        if (hi > lo) /* past the end of a truncated file: zeros */
            ramfs_read(ip, dst + (lo - page), hi - lo, ph->p_offset + (lo - ph->p_vaddr));
    }
    return 0;
}

/* Writes string i of s at *at in mm (below limit) and moves *at past its NUL; its length or
 * -EFAULT (also when a string changed under us and no longer fits). */
static long put_string(struct mm *mm, uint64_t *at, uint64_t limit, const struct exec_strings *s, int i)
{
    const char *k;
    uint64_t u;
    long len = string_at(s, i, &k, &u);
    if (len < 0 || *at + (uint64_t)len + 1 > limit)
        return -ASTRA_EFAULT;
    if (k) {
        if (uvm_copy_out(mm, *at, k, (size_t)len + 1))
            return -ASTRA_ENOMEM;
    } else {
        unsigned char chunk[512];
        for (long done = 0; done < len;) {
            size_t n = (size_t)(len - done) < sizeof chunk ? (size_t)(len - done) : sizeof chunk;
            if (uvm_copy_in(s->mm, chunk, u + (uint64_t)done, n))
                return -ASTRA_EFAULT;
            if (uvm_copy_out(mm, *at + (uint64_t)done, chunk, n))
                return -ASTRA_ENOMEM;
            done += (long)n;
        }
        if (uvm_copy_out(mm, *at + (uint64_t)len, "", 1))
            return -ASTRA_ENOMEM;
    }
    *at += (uint64_t)len + 1;
    return len;
}

/* Writes the pointers to the strings of s (made at *str) from *slot on, then a NULL. */
static long put_strings(struct mm *mm, uint64_t *slot, uint64_t *str, uint64_t limit, const struct exec_strings *s)
{
    for (int i = 0; i < strings_count(s); i++, *slot += 8) {
        uint64_t a = *str;
        long r = put_string(mm, str, limit, s, i);
        if (r < 0)
            return r;
        if (uvm_copy_out(mm, *slot, &a, 8))
            return -ASTRA_ENOMEM;
    }
    *slot += 8; /* the NULL: a new stack reads as zeros */
    return 0;
}

/* The initial stack as Linux builds it: argc, argv[], NULL, envp[], NULL, auxv pairs ending
 * in AT_NULL (in Linux's order; vdso is the vDSO's ELF header), then the strings
 * (strings_bytes in all) and AT_RANDOM's 16 bytes at the top. */
static long build_stack(struct mm *mm, const struct elf_image *img, const struct exec_strings *argv,
                        const struct exec_strings *envp, size_t strings_bytes, uint64_t vdso, uint64_t *rsp)
{
    unsigned char random[16];
    random_fill(random, sizeof random);
    uint64_t at_random = USER_STACK_TOP - sizeof random;
    if (uvm_copy_out(mm, at_random, random, sizeof random))
        return -ASTRA_ENOMEM;
    uint64_t auxv[] = {
        ASTRA_AT_SYSINFO_EHDR, vdso, ASTRA_AT_MINSIGSTKSZ, sigframe_max_size(), ASTRA_AT_HWCAP, arch_elf_hwcap(),
        ASTRA_AT_PHDR, img->phdr_vaddr, ASTRA_AT_PHENT, sizeof(struct astra_elf64_phdr),
        ASTRA_AT_PHNUM, img->phnum, ASTRA_AT_PAGESZ, PAGE_SIZE, ASTRA_AT_BASE, 0,
        ASTRA_AT_ENTRY, img->entry, ASTRA_AT_RANDOM, at_random,
        ASTRA_AT_HWCAP2, arch_elf_hwcap2(),
        ASTRA_AT_NULL, 0,
    };
    int argc = strings_count(argv), envc = strings_count(envp);
    uint64_t str = at_random - strings_bytes;
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + sizeof auxv / 8;
    uint64_t sp = (str - words * 8) & ~15ULL; /* rsp is 16-byte aligned at _start */
    *rsp = sp;
    uint64_t w = (uint64_t)argc, slot = sp + 8;
    long r;
    if (uvm_copy_out(mm, sp, &w, 8))
        return -ASTRA_ENOMEM;
    if ((r = put_strings(mm, &slot, &str, at_random, argv)) || (r = put_strings(mm, &slot, &str, at_random, envp)))
        return r;
    return uvm_copy_out(mm, slot, auxv, sizeof auxv) ? -ASTRA_ENOMEM : 0;
}

/* ---- finding the program ---- */

/* The file execve may run: a regular file with an execute bit (root needs one too). */
static long open_exec(struct exec_request *rq, const char *path, struct inode **ip)
{
    if (!*path)
        return -ASTRA_ENOENT;
    long r = vfs_lookup(rq->cwd, path, 1, ip);
    if (r)
        return r;
    if ((*ip)->ops || ((*ip)->mode & ASTRA_S_IFMT) != ASTRA_S_IFREG || (!((*ip)->mode & 0111) && !rq->any_mode))
        return -ASTRA_EACCES;
    return 0;
}

/* The absolute path of the file path names (its last link followed) into out. */
static void absolute_path(struct inode *cwd, const char *path, char *out)
{
    struct inode *dir;
    char last[ASTRA_NAME_MAX + 1];
    long n;
    if (vfs_lookup_parent(cwd, path, 1, &dir, last) || (n = vfs_dir_path(dir, out, ASTRA_PATH_MAX)) < 0 ||
        (size_t)n + 1 + strlen(last) >= ASTRA_PATH_MAX) {
        strlcpy(out, path, ASTRA_PATH_MAX);
        return;
    }
    if (n > 1)
        out[n++] = '/';
    strlcpy(out + n, last, ASTRA_PATH_MAX - (size_t)n);
}

long exec_prepare(struct exec_request *rq)
{
    struct inode *ip;
    const char *file = rq->path;
    long r = open_exec(rq, file, &ip);
    if (r || (r = count_user(&rq->argv)) || (r = count_user(&rq->envp)))
        return r;
    /* Linux's limits on the strings: each at most EXEC_ARG_STRLEN, all with the pointers to
     * them at most EXEC_ARG_SPACE (a missing argv[0] counts as one). */
    int argc = strings_count(&rq->argv), envc = strings_count(&rq->envp);
    size_t ptr_size = ((size_t)(argc ? argc : 1) + (size_t)envc) * 8, total = strlen(rq->path) + 1;
    if (ptr_size >= EXEC_ARG_SPACE)
        return -ASTRA_E2BIG;
    if ((r = measure(&rq->envp, &total)) || (r = measure(&rq->argv, &total)))
        return r;
    if (!argc) {
        rq->argv.front[rq->argv.nfront++] = ""; /* as Linux: argv[0] is never missing */
        total++;
    }
    if (total > EXEC_ARG_SPACE - ptr_size)
        return -ASTRA_E2BIG;
    long n;
    for (int depth = 0;; depth++) {
        if (depth > EXEC_MAX_DEPTH)
            return -ASTRA_ELOOP;
        memset(rq->head, 0, EXEC_SCRIPT_LINE);
        if ((n = ramfs_read(ip, rq->head, sizeof rq->head, 0)) < 0)
            return n;
        if (n < 2 || rq->head[0] != '#' || rq->head[1] != '!')
            break;
        char *line = rq->lines[depth], *name, *arg;
        memcpy(line, rq->head, EXEC_SCRIPT_LINE);
        if ((r = script_parse(line, &name, &arg)))
            return r;
        splice_script(&rq->argv, name, arg, file);
        total += strlen(name) + 1 + (arg ? strlen(arg) + 1 : 0) + strlen(file) + 1;
        if ((r = open_exec(rq, name, &ip)))
            return r;
        file = name;
    }
    struct elf_image img;
    if (elf_check_head(rq->head, (size_t)n, ip->size, USER_MIN, USER_STACK_TOP - USER_STACK_SIZE, &img, rq->why,
                       sizeof rq->why)) {
        /* Headers intact but segments cut short: Linux maps such a file and the program
         * faults; the first program is refused instead, with the reason. */
        char ignored[8];
        if (rq->any_mode || elf_check_head(rq->head, (size_t)n, UINT64_MAX / 4, USER_MIN,
                                           USER_STACK_TOP - USER_STACK_SIZE, &img, ignored, sizeof ignored))
            return -ASTRA_ENOEXEC;
        rq->truncated = 1;
    }
    absolute_path(rq->cwd, file, rq->exe);
    struct mm *mm = mm_new();
    if (!mm)
        return -ASTRA_ENOMEM;
    for (unsigned i = 0; i < img.phnum && !r; i++)
        if (img.phdrs[i].p_type == ASTRA_PT_LOAD)
            r = load_segment(mm, ip, &img.phdrs[i], img.base);
    mm->brk_start = mm->brk = PAGE_ROUND_UP(img.end);
    if (!r)
        r = uvm_add_region(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, ASTRA_PROT_READ | ASTRA_PROT_WRITE);
    long vdso = r ? 0 : vdso_map(mm);
    if (vdso < 0)
        r = vdso;
    if (!r)
        r = build_stack(mm, &img, &rq->argv, &rq->envp, total - (strlen(rq->path) + 1), (uint64_t)vdso, &rq->rsp);
    if (r) {
        mm_put(mm);
        return r == -ASTRA_EEXIST ? -ASTRA_ENOMEM : r;
    }
    rq->mm = mm;
    rq->entry = img.entry;
    return 0;
}

void exec_start_registers(struct trapframe *tf, const struct exec_request *rq)
{
    memset(tf, 0, sizeof *tf);
    tf->rip = rq->entry;
    tf->rsp = rq->rsp;
    tf->cs = GDT_USER_CODE;
    tf->ss = GDT_USER_DATA;
    tf->rflags = 0x202; /* IF */
}

/* ---- the first program ---- */

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

static const char *base_name(const char *path)
{
    const char *name = path;
    for (const char *c = path; *c; c++)
        if (*c == '/' && c[1])
            name = c + 1;
    return name;
}

struct thread *exec_first(const char *path, const char *const argv[], const char *const envp[])
{
    _Static_assert(sizeof(struct exec_request) <= KSTACK_SIZE, "struct exec_request must fit kvm_zalloc");
    struct exec_request *rq = kvm_zalloc(sizeof *rq);
    struct proc *p = rq ? proc_create(base_name(path)) : 0;
    struct thread *t = p ? thread_create(p) : 0;
    if (!t || setup_files(p)) {
        kwarn("exec %s: out of memory\n", path);
        return 0;
    }
    rq->path = path;
    rq->cwd = p->cwd;
    rq->any_mode = 1;
    rq->argv.kernel = argv;
    rq->envp.kernel = envp;
    while (argv[rq->argv.count])
        rq->argv.count++;
    while (envp[rq->envp.count])
        rq->envp.count++;
    long r = exec_prepare(rq);
    if (r) {
        if (r == -ASTRA_ENOEXEC && rq->why[0])
            kwarn("exec %s: refused: %s\n", path, rq->why);
        else if (r == -ASTRA_ENOENT)
            kwarn("exec %s: no such file\n", path);
        else
            kwarn("exec %s: cannot run it (error %ld)\n", path, -r);
        return 0;
    }
    mm_put(p->mm);
    p->mm = rq->mm;
    strlcpy(p->exe, rq->exe, sizeof p->exe);
    exec_start_registers(t->tf, rq);
    kvm_free(rq);
    return t;
}
