/* /dev/null and /dev/zero. */
#include <astra/abi.h>

#include "fs/vfs.h"
#include "lib/kstring.h"

static long null_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)buf, (void)n, (void)off;
    return 0;
}

static long zero_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)off;
    memset(buf, 0, n);
    return (long)n;
}

/* Writes to either vanish. */
static long sink_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)buf, (void)off;
    return (long)n;
}

/* As Linux: a mapping of /dev/zero is anonymous memory (shared between the processes a
 * MAP_SHARED one is forked into). */
static int zero_mmap(struct file *f, struct vma *v)
{
    (void)f, (void)v;
    return 0;
}

const struct file_ops null_ops = {
    .read = null_read, .write = sink_write, .rdev = (1 << 8) | 3, .seek = FILE_SEEK_ZERO,
};
const struct file_ops zero_ops = {
    .read = zero_read, .write = sink_write, .mmap = zero_mmap, .rdev = (1 << 8) | 5, .seek = FILE_SEEK_ZERO,
};
