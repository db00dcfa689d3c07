/* /proc/self/statm, /proc/self/maps and /proc/meminfo, in Linux's formats, generated on read;
 * the /proc/self/exe link. */
#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "proc/proc.h"

#define TEXT_MAX 8192

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

static size_t maps(struct proc *p, char *text)
{
    size_t len = 0;
    char line[128];
    for (struct vma *v = p->mm->vmas; v; v = v->next) {
        ksnprintf(line, sizeof line, "%08lx-%08lx %c%c%cp 00000000 00:00 0\n", v->start, v->end,
                  v->prot & ASTRA_PROT_READ ? 'r' : '-', v->prot & ASTRA_PROT_WRITE ? 'w' : '-',
                  v->prot & ASTRA_PROT_EXEC ? 'x' : '-');
        len = append(text, len, line);
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
