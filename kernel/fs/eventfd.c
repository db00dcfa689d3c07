/* eventfd: a 64-bit counter that reads take (all of it, or one in semaphore mode) and
 * writes add to, blocking at 0 and at its maximum. */
#include <astra/abi.h>

#include "fs/vfs.h"
#include "lib/kstring.h"
#include "proc/sched.h"

#define EVENTFD_MAX 0xfffffffffffffffeULL

static long eventfd_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    struct inode *ip = f->inode;
    (void)off;
    if (n < 8)
        return -ASTRA_EINVAL;
    while (!ip->counter) {
        if (f->flags & ASTRA_O_NONBLOCK)
            return -ASTRA_EAGAIN;
        int r = waitq_sleep(&vfs_events, 0);
        if (r)
            return r;
    }
    uint64_t v = ip->semaphore ? 1 : ip->counter;
    ip->counter -= v;
    memcpy(buf, &v, 8);
    waitq_wake_all(&vfs_events);
    return 8;
}

static long eventfd_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    struct inode *ip = f->inode;
    uint64_t v;
    (void)off;
    if (n < 8)
        return -ASTRA_EINVAL;
    memcpy(&v, buf, 8); /* before any sleep: buf is not ours to keep */
    if (v == ~0ULL)
        return -ASTRA_EINVAL;
    while (ip->counter > EVENTFD_MAX - v) {
        if (f->flags & ASTRA_O_NONBLOCK)
            return -ASTRA_EAGAIN;
        int r = waitq_sleep(&vfs_events, 0);
        if (r)
            return r;
    }
    ip->counter += v;
    waitq_wake_all(&vfs_events);
    return 8;
}

static int eventfd_poll(struct file *f)
{
    struct inode *ip = f->inode;
    return (ip->counter ? ASTRA_POLLIN | ASTRA_POLLRDNORM : 0) |
           (ip->counter < EVENTFD_MAX ? ASTRA_POLLOUT | ASTRA_POLLWRNORM : 0);
}

const struct file_ops eventfd_file_ops = {
    .read = eventfd_read, .write = eventfd_write, .poll = eventfd_poll, .anonymous = 1,
};
