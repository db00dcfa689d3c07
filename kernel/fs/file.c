/* Open files and descriptor tables, and what reading, writing and polling mean for each
 * kind of inode. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/console.h"
#include "dev/random.h"
#include "dev/tty.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/kmalloc.h"
#include "net/socket.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define EVENTFD_MAX 0xfffffffffffffffeULL

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
    if (f->inode->device == DEV_PIPE)
        pipe_close_end(f->inode->pipe, (f->flags & ASTRA_O_ACCMODE) == ASTRA_O_WRONLY);
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

static long eventfd_read(struct file *f, void *buf, size_t n)
{
    struct inode *ip = f->inode;
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

static long eventfd_write(struct file *f, const void *buf, size_t n)
{
    struct inode *ip = f->inode;
    uint64_t v;
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

long file_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
    struct inode *ip = f->inode;
    if ((f->flags & ASTRA_O_ACCMODE) == ASTRA_O_WRONLY)
        return -ASTRA_EBADF;
    if (kind(ip) == ASTRA_S_IFDIR)
        return -ASTRA_EISDIR;
    switch (ip->device) {
    case DEV_NULL:
        return 0;
    case DEV_ZERO:
        memset(buf, 0, n);
        return (long)n;
    case DEV_URANDOM:
        random_fill(buf, n);
        return (long)n;
    case DEV_CONSOLE_IN:
    case DEV_TTY:
    case DEV_CONSOLE:
        return tty_read(f, buf, n);
    case DEV_CONSOLE_OUT:
    case DEV_CONSOLE_ERR:
        return -ASTRA_EBADF;
    case DEV_EVENTFD:
        return eventfd_read(f, buf, n);
    case DEV_SOCKET:
        return socket_recv(ip->sock, buf, n, 0, f->flags & ASTRA_O_NONBLOCK, 0, 0);
    case DEV_PIPE:
        return -ASTRA_EINVAL; /* pipes move user memory themselves (pipe_read) */
    case DEV_PROC_EXE:
        return -ASTRA_EINVAL; /* a link: opening it opens its target */
    case DEV_PROC_STATM:
    case DEV_PROC_MAPS:
    case DEV_PROC_MEMINFO:
    case DEV_NONE:
        break;
    }
    uint64_t *off = pos ? pos : &f->offset;
    long r = ip->device ? procfs_read(ip->device, buf, n, *off) : ramfs_read(ip, buf, n, *off);
    if (r > 0)
        *off += (uint64_t)r;
    return r;
}

long file_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
    struct inode *ip = f->inode;
    if ((f->flags & ASTRA_O_ACCMODE) == ASTRA_O_RDONLY)
        return -ASTRA_EBADF;
    switch (ip->device) {
    case DEV_NULL:
    case DEV_ZERO:
    case DEV_URANDOM:
        return (long)n;
    case DEV_CONSOLE_IN:
        return -ASTRA_EBADF;
    case DEV_CONSOLE_OUT:
    case DEV_CONSOLE_ERR:
    case DEV_TTY:
    case DEV_CONSOLE:
        return tty_write(f, buf, n, ip->device == DEV_CONSOLE_ERR);
    case DEV_EVENTFD:
        return eventfd_write(f, buf, n);
    case DEV_SOCKET: {
        long r = socket_send(ip->sock, buf, n, f->flags & ASTRA_O_NONBLOCK, 0, 0);
        if (r == -ASTRA_EPIPE)
            signal_send_thread(current_thread(), ASTRA_SIGPIPE, signal_from_caller(ASTRA_SI_USER)); /* as Linux's stream sockets */
        return r;
    }
    case DEV_PIPE:
        return -ASTRA_EINVAL; /* pipes move user memory themselves (pipe_write) */
    case DEV_PROC_EXE:
        return -ASTRA_EINVAL;
    case DEV_PROC_STATM:
    case DEV_PROC_MAPS:
    case DEV_PROC_MEMINFO:
        return -ASTRA_EBADF; /* opened read-only is all they allow */
    case DEV_NONE:
        break;
    }
    uint64_t *off = pos ? pos : &f->offset;
    if (!pos && (f->flags & ASTRA_O_APPEND))
        *off = ip->size;
    long r = ramfs_write(ip, buf, n, *off);
    if (r > 0)
        *off += (uint64_t)r;
    return r;
}

int file_poll(struct file *f)
{
    struct inode *ip = f->inode;
    switch (ip->device) {
    case DEV_CONSOLE_IN:
        return tty_poll() & (ASTRA_POLLIN | ASTRA_POLLRDNORM);
    case DEV_CONSOLE_OUT:
    case DEV_CONSOLE_ERR:
        return ASTRA_POLLOUT | ASTRA_POLLWRNORM;
    case DEV_TTY:
    case DEV_CONSOLE:
        return tty_poll();
    case DEV_SOCKET:
        return socket_poll(ip->sock);
    case DEV_PIPE:
        return pipe_poll(ip->pipe, (f->flags & ASTRA_O_ACCMODE) == ASTRA_O_WRONLY);
    case DEV_EVENTFD:
        return (ip->counter ? ASTRA_POLLIN | ASTRA_POLLRDNORM : 0) |
               (ip->counter < EVENTFD_MAX ? ASTRA_POLLOUT | ASTRA_POLLWRNORM : 0);
    default:
        /* Files and memory devices never block. */
        return ASTRA_POLLIN | ASTRA_POLLRDNORM | ASTRA_POLLOUT | ASTRA_POLLWRNORM;
    }
}

static uint64_t device_number(enum device d)
{
    switch (d) {
    case DEV_NULL: return (1 << 8) | 3;
    case DEV_ZERO: return (1 << 8) | 5;
    case DEV_URANDOM: return (1 << 8) | 9;
    case DEV_CONSOLE_IN:
    case DEV_CONSOLE_OUT:
    case DEV_CONSOLE_ERR:
    case DEV_CONSOLE: return (5 << 8) | 1;
    case DEV_TTY: return 5 << 8;
    default: return 0;
    }
}

void inode_stat(struct inode *ip, struct astra_stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = 0x1a; /* the RAM filesystem */
    st->st_ino = ip->ino;
    st->st_nlink = ip->nlink;
    st->st_mode = ip->mode;
    st->st_rdev = device_number(ip->device);
    st->st_size = kind(ip) == ASTRA_S_IFDIR ? 4096 : (int64_t)ip->size;
    st->st_blksize = 4096;
    st->st_blocks = kind(ip) == ASTRA_S_IFREG ? (int64_t)((ip->size + 4095) / 4096 * 8) : 0;
    st->st_atim = ip->atime;
    st->st_mtim = ip->mtime;
    st->st_ctim = ip->ctime;
}
