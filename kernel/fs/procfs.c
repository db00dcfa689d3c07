/* /proc/self/statm, /proc/self/maps and /proc/meminfo, in Linux's formats, generated on read;
 * the /proc/self/exe link. */
#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "proc/proc.h"

#define TEXT_MAX 65536
#define MAPS_NAME_COLUMN 73 /* Linux pads the fields before a name to 72 columns, then a space */

static size_t append(char *text, size_t len, const char *line)
{
    size_t n = strlen(line);
    if (len + n >= TEXT_MAX)
        return len;
    memcpy(text + len, line, n);
    return len + n;
}

static size_t statm(struct proc *p, char *text)
{
    uint64_t size = 0, resident = 0;
    for (struct vma *v = p->mm->vmas; v; v = v->next) {
        size += (v->end - v->start) / PAGE_SIZE;
        for (uint64_t a = v->start; a < v->end; a += PAGE_SIZE)
            resident += vm_translate(p->mm->pgtable, a) != 0;
    }
    return (size_t)ksnprintf(text, TEXT_MAX, "%lu %lu 0 0 0 %lu 0\n", size, resident, size);
}

/* The name maps gives a region, chosen as Linux's show_map_vma does: a file's path (with
 * " (deleted)" once its last name went), [heap] for memory of the brk range, [stack] for the
 * main stack, a special mapping's own name ([vdso], [vvar]), else none. */
static const char *region_name(struct proc *p, const struct vma *v, char *buf, size_t size)
{
    if (v->file) {
        int unlinked;
        long n = vfs_file_path(v->file, buf, size - sizeof " (deleted)", &unlinked);
        if (n < 0)
            return "";
        if (unlinked)
            memcpy(buf + n, " (deleted)", sizeof " (deleted)");
        return buf;
    }
    if (v->name)
        return v->name;
    if (v->start < PAGE_ROUND_UP(p->mm->brk) && v->end > p->mm->brk_start)
        return "[heap]";
    if (v->start < USER_STACK_TOP && v->end >= USER_STACK_TOP)
        return "[stack]";
    return "";
}

/* Whether w continues v as one of Linux's merged regions would: adjacent, alike, and for a
 * file the next pages of the same file. Astra keeps such regions apart (each brk step is
 * one); Linux shows them as one line. */
static int continues(struct proc *p, const struct vma *v, const struct vma *w)
{
    if (w->start != v->end || w->prot != v->prot || w->shared != v->shared || w->file != v->file ||
        w->wipe_on_fork != v->wipe_on_fork)
        return 0;
    if (v->file)
        return w->pgoff == v->pgoff + (v->end - v->start) / PAGE_SIZE;
    static char a[8], b[8]; /* anonymous regions' names are short */
    return !strcmp(region_name(p, v, a, sizeof a), region_name(p, w, b, sizeof b));
}

/* Linux's line: range, permissions, p or s (shared), file offset, device major:minor,
 * inode, and the name from column 73 on (after a single space when it is longer). */
static size_t maps(struct proc *p, char *text)
{
    static char name[ASTRA_PATH_MAX + sizeof " (deleted)"], line[ASTRA_PATH_MAX + 160];
    size_t len = 0;
    for (const struct vma *v = p->mm->vmas, *last; v; v = last->next) {
        for (last = v; last->next && continues(p, last, last->next);)
            last = last->next;
        uint64_t dev = v->file ? RAMFS_DEV : 0;
        int n = ksnprintf(line, sizeof line, "%08lx-%08lx %c%c%c%c %08lx %02lx:%02lx %lu ", v->start, last->end,
                          v->prot & ASTRA_PROT_READ ? 'r' : '-', v->prot & ASTRA_PROT_WRITE ? 'w' : '-',
                          v->prot & ASTRA_PROT_EXEC ? 'x' : '-', v->shared ? 's' : 'p',
                          v->file ? v->pgoff * PAGE_SIZE : 0, (dev >> 8) & 0xfff,
                          (dev & 0xff) | ((dev >> 12) & 0xfff00), v->file ? v->file->ino : 0);
        const char *what = region_name(p, v, name, sizeof name);
        if (*what) {
            while (n < MAPS_NAME_COLUMN)
                line[n++] = ' ';
            ksnprintf(line + n, sizeof line - (size_t)n, "%s", what);
        }
        len = append(text, len, line);
        len = append(text, len, "\n");
    }
    return len;
}

static size_t meminfo(struct proc *p, char *text)
{
    (void)p;
    kvm_release_deferred(); /* freed kernel regions waiting for a TLB flush are free memory */
    return (size_t)ksnprintf(text, TEXT_MAX, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n",
                             pmm_top() / 1024, pmm_free_frames() * 4);
}

/* /proc/interrupts: the device and local APIC interrupts counted per CPU (arch irq.h). */
static size_t interrupts(struct proc *p, char *text)
{
    (void)p;
    return irq_describe(text, TEXT_MAX);
}

/* The generated text from *off on; text is static (the BKL serializes readers). */
static long read_text(size_t (*generate)(struct proc *p, char *text), void *buf, size_t n, uint64_t *off)
{
    static char text[TEXT_MAX];
    size_t len = generate(current_proc(), text);
    if (*off >= len)
        return 0;
    if (n > len - *off)
        n = len - (size_t)*off;
    memcpy(buf, text + *off, n);
    *off += n;
    return (long)n;
}

static long statm_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f;
    return read_text(statm, buf, n, off);
}

static long maps_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f;
    return read_text(maps, buf, n, off);
}

static long meminfo_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f;
    return read_text(meminfo, buf, n, off);
}

static long interrupts_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f;
    return read_text(interrupts, buf, n, off);
}

/* Opened read-only is all they allow. */
static int read_only_open(struct inode *ip, int acc)
{
    (void)ip;
    return acc != ASTRA_O_RDONLY ? -ASTRA_EACCES : 0;
}

static long read_only_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)buf, (void)n, (void)off;
    return -ASTRA_EBADF;
}

static size_t exe_readlink(struct inode *ip, char *buf, size_t cap)
{
    (void)ip;
    const char *target = current_proc()->exe;
    size_t len = strlen(target);
    memcpy(buf, target, len < cap ? len : cap);
    return len;
}

static const struct file_ops statm_ops = {
    .open = read_only_open, .read = statm_read, .write = read_only_write, .seek = FILE_SEEK_OFFSET,
};
static const struct file_ops maps_ops = {
    .open = read_only_open, .read = maps_read, .write = read_only_write, .seek = FILE_SEEK_OFFSET,
};
static const struct file_ops meminfo_ops = {
    .open = read_only_open, .read = meminfo_read, .write = read_only_write, .seek = FILE_SEEK_OFFSET,
};
static const struct file_ops interrupts_ops = {
    .open = read_only_open, .read = interrupts_read, .write = read_only_write, .seek = FILE_SEEK_OFFSET,
};
static const struct file_ops exe_ops = { .readlink = exe_readlink };

void procfs_populate(struct inode *proc, struct inode *self)
{
    vfs_make_node(self, "statm", ASTRA_S_IFREG | 0444, &statm_ops);
    vfs_make_node(self, "maps", ASTRA_S_IFREG | 0444, &maps_ops);
    vfs_make_node(proc, "meminfo", ASTRA_S_IFREG | 0444, &meminfo_ops);
    vfs_make_node(self, "exe", ASTRA_S_IFLNK | 0777, &exe_ops);
    vfs_make_node(proc, "interrupts", ASTRA_S_IFREG | 0444, &interrupts_ops);
}
