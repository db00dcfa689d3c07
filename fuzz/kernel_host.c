/* What the RAM file system needs from the rest of the kernel, on the host: small objects from
 * the C heap (so AddressSanitizer watches them), physical frames from a heap arena through
 * the kernel's own frame allocator, a clock, the /dev and /proc nodes. Sockets, pipes and
 * /proc files never open in the harness's file system (only /proc/self/exe is a link, with
 * a fixed target). No file is ever mapped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/filemap.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "kernel_host.h"

uint64_t host_test_direct_map;

void *kzalloc(size_t size) { return size > KMALLOC_MAX ? NULL : calloc(1, size); }
void kfree(void *p) { free(p); }
int64_t time_realtime_ns(void) { return 1700000000LL * 1000000000LL; }
/* Nothing is mapped in the harness. */
void filemap_truncate(struct inode *ip, uint64_t from) { (void)ip, (void)from; }

/* /dev and /proc as the kernel makes them (dev/devtab.h, fs/procfs.c), with operations that
 * nothing in the harness calls but /proc/self/exe's target. */
static const struct file_ops host_device_ops;

static size_t exe_readlink(struct inode *ip, char *buf, size_t cap)
{
    static const char exe[] = "/bin/program";
    (void)ip;
    size_t n = sizeof exe - 1 < cap ? sizeof exe - 1 : cap;
    memcpy(buf, exe, n);
    return sizeof exe - 1;
}

static const struct file_ops host_exe_ops = { .readlink = exe_readlink };

void devfs_populate(struct inode *dev)
{
    static const char *const names[] = { "null", "zero", "urandom", "random", "stdin", "stdout", "stderr", "tty",
                                         "console" };
    static const uint32_t perms[] = { 0666, 0666, 0666, 0666, 0620, 0620, 0620, 0666, 0600 };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        vfs_make_node(dev, names[i], perms[i], &host_device_ops);
}

void procfs_populate(struct inode *proc, struct inode *self)
{
    vfs_make_node(self, "statm", ASTRA_S_IFREG | 0444, &host_device_ops);
    vfs_make_node(self, "maps", ASTRA_S_IFREG | 0444, &host_device_ops);
    vfs_make_node(proc, "meminfo", ASTRA_S_IFREG | 0444, &host_device_ops);
    vfs_make_node(self, "exe", ASTRA_S_IFLNK | 0777, &host_exe_ops);
}

void kernel_host_memory(size_t frames)
{
    /* Physical address 1 MiB upward, as on the machine (frame 0 is never handed out). */
    const uint64_t base = 1 << 20;
    unsigned char *arena = aligned_alloc(4096, frames * 4096);
    host_test_direct_map = (uint64_t)arena - base;
    pmm_init();
    pmm_release_range(base, frames * 4096);
}
