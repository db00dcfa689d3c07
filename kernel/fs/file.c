/* Open files and descriptor tables; reading, writing and polling a file: the RAM file
 * system's own, or through the operations of its kind (inode->ops). */
#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/kmalloc.h"
#include "proc/sched.h"

struct file *file_new(struct inode *ip, int flags)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return 0;
    f->inode = ip;
    f->flags = flags;
    ip->refs++;
    return f;
}

static void flock_release(struct file *f)
{
    struct inode *ip = f->inode;
    if (!f->flock)
        return;
    if (f->flock == ASTRA_LOCK_EX)
        ip->flock_owner = 0;
    else
        ip->flock_shared--;
    f->flock = 0;
    waitq_wake_all(&ip->flock_waiters);
}

void file_put(struct file *f)
{
    if (--f->refs)
        return;
    if (f->epoll_items)
        epoll_forget_file(f);
    if (f->inode->ops && f->inode->ops->close)
        f->inode->ops->close(f);
    flock_release(f);
    inode_put(f->inode);
    kfree(f);
}

int file_flock(struct file *f, int op, int nonblock)
{
    if (f->flock == op)
        return 0;
    flock_release(f); /* a conversion gives the old lock up first, as Linux's does */
    if (op == ASTRA_LOCK_UN)
        return 0;
    struct inode *ip = f->inode;
    f->refs++; /* the file stays while its caller sleeps, even if its descriptor is closed */
    int r = 0;
    while (ip->flock_owner || (op == ASTRA_LOCK_EX && ip->flock_shared)) {
        if (nonblock) {
            r = -ASTRA_EWOULDBLOCK;
            break;
        }
        if ((r = waitq_sleep(&ip->flock_waiters, 0)))
            break;
    }
    if (!r) {
        f->flock = op;
        if (op == ASTRA_LOCK_EX)
            ip->flock_owner = f;
        else
            ip->flock_shared++;
    }
    file_put(f);
    return r;
}

struct fdtable *fdtable_new(void)
{
    struct fdtable *t = kvm_zalloc(sizeof(struct fdtable)); /* too big for kzalloc */
    if (t)
        t->refs = 1;
    return t;
}

struct fdtable *fdtable_copy(struct fdtable *from)
{
    struct fdtable *t = fdtable_new();
    if (!t)
        return 0;
    for (int fd = 0; fd < FD_MAX; fd++)
        if (from->files[fd]) {
            t->files[fd] = from->files[fd];
            t->files[fd]->refs++;
            t->cloexec[fd] = from->cloexec[fd];
        }
    return t;
}

int fd_install(struct fdtable *t, struct file *f, int min, int cloexec)
{
    for (int fd = min < 0 ? 0 : min; fd < FD_MAX; fd++)
        if (!t->files[fd]) {
            t->files[fd] = f;
            t->cloexec[fd] = (uint8_t)(cloexec != 0);
            f->refs++;
            return fd;
        }
    return -ASTRA_EMFILE;
}

struct file *fd_get(struct fdtable *t, int fd)
{
    return fd >= 0 && fd < FD_MAX ? t->files[fd] : 0;
}

int fd_close(struct fdtable *t, int fd)
{
    struct file *f = fd_get(t, fd);
    if (!f)
        return -ASTRA_EBADF;
    t->files[fd] = 0;
    file_put(f);
    return 0;
}

void fdtable_put(struct fdtable *t)
{
    if (--t->refs)
        return;
    for (int fd = 0; fd < FD_MAX; fd++)
        if (t->files[fd])
            fd_close(t, fd);
    kvm_free(t);
}

void fdtable_close_on_exec(struct fdtable *t)
{
    for (int fd = 0; fd < FD_MAX; fd++)
        if (t->files[fd] && t->cloexec[fd])
            fd_close(t, fd);
}

static int kind(struct inode *ip) { return (int)(ip->mode & ASTRA_S_IFMT); }

long file_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
    struct inode *ip = f->inode;
    if ((f->flags & ASTRA_O_ACCMODE) == ASTRA_O_WRONLY)
        return -ASTRA_EBADF;
    if (kind(ip) == ASTRA_S_IFDIR)
        return -ASTRA_EISDIR;
    uint64_t *off = pos ? pos : &f->offset;
    if (ip->ops)
        return ip->ops->read ? ip->ops->read(f, buf, n, off) : -ASTRA_EINVAL;
    long r = ramfs_read(ip, buf, n, *off);
    if (r > 0)
        *off += (uint64_t)r;
    return r;
}

long file_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
    struct inode *ip = f->inode;
    if ((f->flags & ASTRA_O_ACCMODE) == ASTRA_O_RDONLY)
        return -ASTRA_EBADF;
    uint64_t *off = pos ? pos : &f->offset;
    if (ip->ops)
        return ip->ops->write ? ip->ops->write(f, buf, n, off) : -ASTRA_EINVAL;
    if (!pos && (f->flags & ASTRA_O_APPEND))
        *off = ip->size;
    long r = ramfs_write(ip, buf, n, *off);
    if (r > 0)
        *off += (uint64_t)r;
    return r;
}

int file_poll(struct file *f)
{
    const struct file_ops *ops = f->inode->ops;
    if (ops && ops->poll)
        return ops->poll(f);
    /* Files and memory devices never block. */
    return ASTRA_POLLIN | ASTRA_POLLRDNORM | ASTRA_POLLOUT | ASTRA_POLLWRNORM;
}

void inode_stat(struct inode *ip, struct astra_stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = RAMFS_DEV;
    st->st_ino = ip->ino;
    st->st_nlink = ip->nlink;
    st->st_mode = ip->mode;
    st->st_uid = ip->uid;
    st->st_gid = ip->gid;
    st->st_rdev = ip->ops ? ip->ops->rdev : 0;
    st->st_size = kind(ip) == ASTRA_S_IFDIR ? 4096 : (int64_t)ip->size;
    st->st_blksize = 4096;
    st->st_blocks = kind(ip) == ASTRA_S_IFREG ? (int64_t)((ip->size + 4095) / 4096 * 8) : 0;
    st->st_atim = ip->atime;
    st->st_mtim = ip->mtime;
    st->st_ctim = ip->ctime;
}
