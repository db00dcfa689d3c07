/* What the RAM file system needs from the rest of the kernel, on the host: small objects from
 * the C heap (so AddressSanitizer watches them), physical frames from a heap arena through
 * the kernel's own frame allocator, a clock. Sockets, pipes and /proc files never exist in
 * the harness's file system (only /proc/self/exe is a link, with a fixed target). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/kmalloc.h"
#include "fs/pipe.h"
#include "mm/pmm.h"
#include "net/socket.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "kernel_host.h"

uint64_t host_test_direct_map;

void *kzalloc(size_t size) { return size > KMALLOC_MAX ? NULL : calloc(1, size); }
void kfree(void *p) { free(p); }
int64_t time_realtime_ns(void) { return 1700000000LL * 1000000000LL; }

void socket_release(struct socket *s)
{
    (void)s;
    __builtin_trap();
}

void pipe_free(struct pipe *p)
{
    (void)p;
    __builtin_trap();
}

size_t procfs_link_target(enum device dev, char *buf, size_t cap)
{
    static const char exe[] = "/bin/program";
    (void)dev;
    size_t n = sizeof exe - 1 < cap ? sizeof exe - 1 : cap;
    memcpy(buf, exe, n);
    return sizeof exe - 1;
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
