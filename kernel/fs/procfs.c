/* /proc/self/statm, /proc/self/maps and /proc/meminfo, in Linux's formats, generated on read;
 * the /proc/self/exe link. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/console.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
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
            resident += vm_translate(p->mm->pml4, a) != 0;
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

static size_t meminfo(char *text)
{
    kvm_release_deferred(); /* freed kernel regions waiting for a TLB flush are free memory */
    return (size_t)ksnprintf(text, TEXT_MAX, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n",
                             pmm_top() / 1024, pmm_free_frames() * 4);
}

long procfs_read(enum device dev, void *buf, size_t n, uint64_t off)
{
    static char text[TEXT_MAX];
    struct proc *p = current_proc();
    size_t len = dev == DEV_PROC_STATM ? statm(p, text) : dev == DEV_PROC_MAPS ? maps(p, text) : meminfo(text);
    if (off >= len)
        return 0;
    if (n > len - off)
        n = len - (size_t)off;
    memcpy(buf, text + off, n);
    return (long)n;
}

size_t procfs_link_target(enum device dev, char *buf, size_t cap)
{
    const char *target = dev == DEV_PROC_EXE ? current_proc()->exe : "";
    size_t len = strlen(target);
    memcpy(buf, target, len < cap ? len : cap);
    return len;
}
