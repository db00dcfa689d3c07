/* File system calls on descriptors, and opening: every argument is checked first, then the
 * VFS acts. Calls on names are in sys_namespace.c, on attributes in sys_attr.c. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "syscall/sys_fs.h"

#define RW_MAX 0x7ffff000L /* Linux's largest single read or write */
#define CHUNK 4096

static struct fdtable *fdt(void) { return current_proc()->fdt; }

struct file *get_file(int fd) { return fd_get(fdt(), fd); }

long get_path(uint64_t upath, char *path)
{
    long n = uvm_copy_string_in(current_mm(), path, upath, ASTRA_PATH_MAX);
    return n == 0 ? -ASTRA_ENOENT : n;
}

int base_dir(int dirfd, const char *path, struct inode **base)
{
    if (path[0] == '/' || dirfd == ASTRA_AT_FDCWD) {
        *base = current_proc()->cwd;
        return 0;
    }
    struct file *f = get_file(dirfd);
    if (!f)
        return -ASTRA_EBADF;
    if ((f->inode->mode & ASTRA_S_IFMT) != ASTRA_S_IFDIR)
        return -ASTRA_ENOTDIR;
    *base = f->inode;
    return 0;
}

/* Opens ip with flags and gives it the lowest free descriptor: the descriptor or -errno. */
static long install_new_file(struct inode *ip, int flags, int cloexec)
{
    struct file *f = file_new(ip, flags);
    if (!f)
        return -ASTRA_ENOMEM;
    int fd = fd_install(fdt(), f, 0, cloexec);
    if (fd < 0) {
        f->refs = 1; /* dropped below: the file never got a descriptor */
        file_put(f);
    }
    return fd;
}

int ends_with_slash(const char *path, long len) { return len > 0 && path[len - 1] == '/'; }

long resolve_parent(int dirfd, uint64_t upath, char *path, struct inode **dir, char *last)
{
    long len = get_path(upath, path);
    if (len < 0)
        return len;
    struct inode *base;
    int r = base_dir(dirfd, path, &base);
    if (r)
        return r;
    r = vfs_lookup_parent(base, path, 0, dir, last);
    return r ? r : len;
}

long resolve_path(int dirfd, uint64_t upath, char *path, int follow, struct inode **ip)
{
    long len = get_path(upath, path);
    if (len < 0)
        return len;
    struct inode *base;
    int r = base_dir(dirfd, path, &base);
    if (!r)
        r = vfs_lookup(base, path, follow, ip);
    return r ? r : len;
}

long resolve_at(int dirfd, uint64_t upath, char *path, int flags, struct inode **ip)
{
    if (flags & ~(ASTRA_AT_SYMLINK_NOFOLLOW | ASTRA_AT_EMPTY_PATH))
        return -ASTRA_EINVAL;
    long len = uvm_copy_string_in(current_mm(), path, upath, ASTRA_PATH_MAX);
    if (len < 0)
        return len;
    if (len == 0)
        return flags & ASTRA_AT_EMPTY_PATH ? dirfd_inode(dirfd, ip) : -ASTRA_ENOENT;
    struct inode *base;
    int r = base_dir(dirfd, path, &base);
    return r ? r : vfs_lookup(base, path, !(flags & ASTRA_AT_SYMLINK_NOFOLLOW), ip);
}

long resolve_dir(uint64_t upath, char *path, struct inode **ip)
{
    long r = resolve_path(ASTRA_AT_FDCWD, upath, path, 1, ip);
    if (r < 0)
        return r;
    return inode_is_dir(*ip) ? 0 : -ASTRA_ENOTDIR;
}

int dirfd_inode(int dirfd, struct inode **ip)
{
    if (dirfd == ASTRA_AT_FDCWD) {
        *ip = current_proc()->cwd;
        return 0;
    }
    struct file *f = get_file(dirfd);
    if (!f)
        return -ASTRA_EBADF;
    *ip = f->inode;
    return 0;
}

void set_cwd(struct inode *ip)
{
    struct proc *p = current_proc();
    struct inode *old = p->cwd;
    ip->refs++;
    p->cwd = ip;
    inode_put(old);
}

long ksys_openat(int dirfd, uint64_t upath, int flags, unsigned mode)
{
    char path[ASTRA_PATH_MAX], last[ASTRA_NAME_MAX + 1];
    long len = get_path(upath, path);
    if (len < 0)
        return len;
    struct inode *base, *dir;
    int r = base_dir(dirfd, path, &base);
    if (r)
        return r;
    /* A last symbolic link is followed unless O_NOFOLLOW or O_CREAT|O_EXCL say not; a
     * trailing slash follows it anyway, except when creating (which it forbids). */
    int create = flags & ASTRA_O_CREAT, excl = create && (flags & ASTRA_O_EXCL), slash = ends_with_slash(path, len);
    int follow = (!(flags & ASTRA_O_NOFOLLOW) && !excl) || (slash && !create);
    if ((r = vfs_lookup_parent(base, path, follow, &dir, last)))
        return r;
    if (create && slash)
        return -ASTRA_EISDIR;
    int acc = flags & ASTRA_O_ACCMODE;
    if (acc == 3)
        return -ASTRA_EINVAL;
    struct inode *ip = dir_lookup(dir, last);
    if (!ip) {
        if (!create)
            return -ASTRA_ENOENT;
        if (flags & ASTRA_O_DIRECTORY)
            return -ASTRA_EISDIR;
        ip = inode_new(ASTRA_S_IFREG | (mode & 07777 & ~current_proc()->umask));
        if (!ip)
            return -ASTRA_ENOMEM;
        inode_init_owner(ip, dir);
        if ((r = dir_link(dir, last, ip))) {
            inode_put(ip);
            return r;
        }
    } else {
        if (excl)
            return -ASTRA_EEXIST;
        if (inode_is_dir(ip) && (acc != ASTRA_O_RDONLY || create))
            return -ASTRA_EISDIR;
        if (!inode_is_dir(ip) && ((flags & ASTRA_O_DIRECTORY) || slash))
            return -ASTRA_ENOTDIR;
        if (inode_is_symlink(ip))
            return -ASTRA_ELOOP; /* O_NOFOLLOW */
        if (ip->ops && ip->ops->open && (r = ip->ops->open(ip, acc)))
            return r;
        if (acc != ASTRA_O_RDONLY && ip->exec_maps)
            return -ASTRA_ETXTBSY; /* a running program's code (exec maps it) */
        if ((flags & ASTRA_O_TRUNC) && acc != ASTRA_O_RDONLY && (ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFREG)
            ramfs_truncate(ip, 0);
    }
    return install_new_file(ip, flags & (ASTRA_O_ACCMODE | ASTRA_O_APPEND | ASTRA_O_NONBLOCK),
                            flags & ASTRA_O_CLOEXEC);
}

long ksys_open(uint64_t upath, int flags, unsigned mode) { return ksys_openat(ASTRA_AT_FDCWD, upath, flags, mode); }

long ksys_close(int fd) { return fd_close(fdt(), fd); }

/* Moves n bytes between a user buffer and a file through a kernel bounce buffer (pipes copy
 * user memory themselves). On the stack, not static: a read may sleep, and another thread
 * may transfer meanwhile. `nowait`: a pipe must not block (a readv past its first buffer). */
static long transfer(struct file *f, uint64_t ubuf, size_t n, uint64_t *pos, int writing, int nowait)
{
    unsigned char bounce[CHUNK];
    struct proc *p = current_proc();
    if (uvm_copy_in(p->mm, bounce, ubuf, 0))
        return -ASTRA_EFAULT;
    if (n > RW_MAX)
        n = RW_MAX;
    if (f->inode->ops && f->inode->ops->user_io)
        return f->inode->ops->user_io(f, p->mm, ubuf, n, writing, nowait || (f->flags & ASTRA_O_NONBLOCK));
    size_t done = 0;
    do {
        size_t chunk = n - done < CHUNK ? n - done : CHUNK;
        long r;
        if (writing) {
            if (uvm_copy_in(p->mm, bounce, ubuf + done, chunk))
                return done ? (long)done : -ASTRA_EFAULT;
            r = file_write(f, bounce, chunk, pos);
        } else {
            r = file_read(f, bounce, chunk, pos);
            if (r > 0 && uvm_copy_out(p->mm, ubuf + done, bounce, (size_t)r))
                return done ? (long)done : -ASTRA_EFAULT;
        }
        if (r < 0)
            return done ? (long)done : r;
        done += (size_t)r;
        if ((size_t)r < chunk)
            break; /* end of file, or a device gave what it had */
    } while (done < n);
    return (long)done;
}

/* The open file of fd with a reference for the caller, which may sleep: another thread may
 * close the descriptor meanwhile (file_put when done). NULL for a bad descriptor. */
static struct file *hold_file(int fd)
{
    struct file *f = get_file(fd);
    if (f)
        f->refs++;
    return f;
}

static long transfer_held(struct file *f, uint64_t buf, size_t count, uint64_t *pos, int writing)
{
    long r = transfer(f, buf, count, pos, writing, 0);
    file_put(f);
    return r;
}

long ksys_read(int fd, uint64_t buf, size_t count)
{
    struct file *f = hold_file(fd);
    return f ? transfer_held(f, buf, count, 0, 0) : -ASTRA_EBADF;
}

long ksys_write(int fd, uint64_t buf, size_t count)
{
    struct file *f = hold_file(fd);
    return f ? transfer_held(f, buf, count, 0, 1) : -ASTRA_EBADF;
}

static int seekable(struct file *f) { return !f->inode->ops || f->inode->ops->seek != FILE_SEEK_NONE; }

static long positioned(int fd, uint64_t buf, size_t count, long offset, int writing)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    if (!seekable(f))
        return -ASTRA_ESPIPE;
    if (offset < 0)
        return -ASTRA_EINVAL;
    uint64_t pos = (uint64_t)offset;
    f->refs++;
    return transfer_held(f, buf, count, &pos, writing);
}

long ksys_pread64(int fd, uint64_t buf, size_t count, long offset) { return positioned(fd, buf, count, offset, 0); }

long ksys_pwrite64(int fd, uint64_t buf, size_t count, long offset) { return positioned(fd, buf, count, offset, 1); }

static long vectored_held(struct file *f, uint64_t uiov, int iovcnt, int writing)
{
    long total = 0;
    for (int i = 0; i < iovcnt; i++) {
        struct astra_iovec iov;
        if (uvm_copy_in(current_mm(), &iov, uiov + (uint64_t)i * sizeof iov, sizeof iov))
            return total ? total : -ASTRA_EFAULT;
        if (!iov.iov_len)
            continue;
        long r = transfer(f, (uint64_t)iov.iov_base, iov.iov_len, 0, writing, !writing && total);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((size_t)r < iov.iov_len)
            break;
    }
    return total;
}

static long vectored(int fd, uint64_t uiov, int iovcnt, int writing)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    if (iovcnt < 0 || iovcnt > ASTRA_IOV_MAX)
        return -ASTRA_EINVAL;
    if (uvm_check(current_mm(), uiov, (size_t)iovcnt * sizeof(struct astra_iovec), 0))
        return -ASTRA_EFAULT; /* the whole array, before doing anything */
    f->refs++;
    long r = vectored_held(f, uiov, iovcnt, writing);
    file_put(f);
    return r;
}

long ksys_readv(int fd, uint64_t iov, int iovcnt) { return vectored(fd, iov, iovcnt, 0); }

long ksys_writev(int fd, uint64_t iov, int iovcnt) { return vectored(fd, iov, iovcnt, 1); }

long ksys_lseek(int fd, long offset, int whence)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    if (!seekable(f))
        return -ASTRA_ESPIPE;
    if (f->inode->ops && f->inode->ops->seek == FILE_SEEK_ZERO)
        return 0; /* every position is 0 */
    long base;
    switch (whence) {
    case ASTRA_SEEK_SET: base = 0; break;
    case ASTRA_SEEK_CUR: base = (long)f->offset; break;
    case ASTRA_SEEK_END:
        if (inode_is_dir(f->inode))
            return -ASTRA_EINVAL;
        base = (long)f->inode->size;
        break;
    default: return -ASTRA_EINVAL;
    }
    if ((offset > 0 && base > 0x7fffffffffffffffL - offset) || base + offset < 0)
        return -ASTRA_EINVAL;
    f->offset = (uint64_t)(base + offset);
    return (long)f->offset;
}

/* Directory entries from the file's position: ".", "..", then the names in order. */
long ksys_getdents64(int fd, uint64_t dirp, size_t count)
{
    static unsigned char buf[CHUNK];
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    struct inode *dir = f->inode;
    if (!inode_is_dir(dir))
        return -ASTRA_ENOTDIR;
    if (count > sizeof buf)
        count = sizeof buf;
    size_t used = 0;
    for (;;) {
        uint64_t index = f->offset;
        const char *name;
        struct inode *ip;
        if (index == 0) {
            name = ".", ip = dir;
        } else if (index == 1) {
            name = "..", ip = dir->parent ? dir->parent : dir;
        } else {
            struct dirent_node *d = dir->entries;
            for (uint64_t i = 2; d && i < index; i++)
                d = d->next;
            if (!d)
                break;
            name = d->name, ip = d->inode;
        }
        size_t namelen = strlen(name), reclen = (19 + namelen + 1 + 7) & ~(size_t)7;
        if (used + reclen > count) {
            if (!used)
                return -ASTRA_EINVAL; /* the buffer cannot hold even one entry */
            break;
        }
        struct astra_dirent64 *de = (struct astra_dirent64 *)(buf + used);
        memset(de, 0, reclen);
        de->d_ino = ip->ino;
        de->d_off = (int64_t)index + 1;
        de->d_reclen = (uint16_t)reclen;
        de->d_type = (uint8_t)((ip->mode & ASTRA_S_IFMT) >> 12);
        memcpy(de->d_name, name, namelen);
        used += reclen;
        f->offset++;
    }
    if (uvm_copy_out(current_mm(), dirp, buf, used))
        return -ASTRA_EFAULT;
    return (long)used;
}

long ksys_ftruncate(int fd, long length)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    if (length < 0 || (f->inode->mode & ASTRA_S_IFMT) != ASTRA_S_IFREG ||
        (f->flags & ASTRA_O_ACCMODE) == ASTRA_O_RDONLY)
        return -ASTRA_EINVAL;
    return ramfs_truncate(f->inode, (uint64_t)length);
}

/* Everything is in RAM already; like Linux, devices, sockets and eventfds have no syncing. */
static long sync_file(int fd)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    return f->inode->ops ? -ASTRA_EINVAL : 0;
}

long ksys_fsync(int fd) { return sync_file(fd); }

long ksys_fdatasync(int fd) { return sync_file(fd); }

/* Linux checks the operation before the descriptor; LOCK_MAND, long obsolete, does nothing. */
long ksys_flock(int fd, unsigned cmd)
{
    if (cmd & ASTRA_LOCK_MAND)
        return 0;
    unsigned op = cmd & ~(unsigned)ASTRA_LOCK_NB;
    if (op != ASTRA_LOCK_SH && op != ASTRA_LOCK_EX && op != ASTRA_LOCK_UN)
        return -ASTRA_EINVAL;
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    return file_flock(f, (int)op, cmd & ASTRA_LOCK_NB);
}

long ksys_dup(int fd)
{
    struct file *f = get_file(fd);
    return f ? fd_install(fdt(), f, 0, 0) : -ASTRA_EBADF;
}

/* Linux's order of checks: flags, then the same descriptor twice, then the descriptors. */
long ksys_dup3(int oldfd, int newfd, int flags)
{
    struct file *f = get_file(oldfd);
    if (flags & ~ASTRA_O_CLOEXEC)
        return -ASTRA_EINVAL;
    if (oldfd == newfd)
        return -ASTRA_EINVAL;
    if (!f || newfd < 0 || newfd >= FD_MAX)
        return -ASTRA_EBADF;
    if (get_file(newfd))
        fd_close(fdt(), newfd);
    return fd_install(fdt(), f, newfd, flags & ASTRA_O_CLOEXEC);
}

long ksys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd)
        return get_file(oldfd) ? newfd : -ASTRA_EBADF;
    return ksys_dup3(oldfd, newfd, 0);
}

/* Commands Linux has and Astra does not: record locks, owners and signals, leases,
 * directory notification, pipe sizes, seals, write hints. */
static int unsupported_fcntl(int cmd)
{
    return (cmd >= 5 && cmd <= 11) || cmd == 15 || cmd == 16 || (cmd >= 36 && cmd <= 38) ||
           (cmd >= 1024 && cmd <= 1038 && cmd != ASTRA_F_DUPFD_CLOEXEC);
}

/* An unknown command is -EINVAL, as on Linux; so is one of Linux's that Astra lacks, which
 * the console names once. */
long ksys_fcntl(int fd, int cmd, unsigned long arg)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    switch (cmd) {
    case ASTRA_F_DUPFD:
    case ASTRA_F_DUPFD_CLOEXEC:
        if (arg >= FD_MAX)
            return -ASTRA_EINVAL;
        return fd_install(fdt(), f, (int)arg, cmd == ASTRA_F_DUPFD_CLOEXEC);
    case ASTRA_F_GETFD:
        return fdt()->cloexec[fd] ? ASTRA_FD_CLOEXEC : 0;
    case ASTRA_F_SETFD:
        fdt()->cloexec[fd] = (arg & ASTRA_FD_CLOEXEC) != 0;
        return 0;
    case ASTRA_F_GETFL:
        return f->flags;
    case ASTRA_F_SETFL:
        f->flags = (f->flags & ASTRA_O_ACCMODE) | (int)(arg & (ASTRA_O_APPEND | ASTRA_O_NONBLOCK));
        return 0;
    default:
        if (unsupported_fcntl(cmd))
            kwarn_once_for(1ULL << (cmd < 64 ? cmd : 40 + cmd - 1024),
                           "fcntl: command %d is not supported: returning -EINVAL\n", cmd);
        return -ASTRA_EINVAL;
    }
}

/* ioctl: what every descriptor answers (as Linux's do_vfs_ioctl), then the file kind's
 * (the terminal's, a pipe's FIONREAD), then FIONREAD of a regular file; anything else is
 * -ENOTTY. */
long ksys_ioctl(int fd, unsigned long request, uint64_t arg)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    struct inode *ip = f->inode;
    switch (request) {
    case ASTRA_FIOCLEX:
    case ASTRA_FIONCLEX:
        fdt()->cloexec[fd] = request == ASTRA_FIOCLEX;
        return 0;
    case ASTRA_FIONBIO: {
        int on;
        if (uvm_copy_in(current_mm(), &on, arg, sizeof on))
            return -ASTRA_EFAULT;
        f->flags = on ? f->flags | ASTRA_O_NONBLOCK : f->flags & ~ASTRA_O_NONBLOCK;
        return 0;
    }
    }
    if (ip->ops && ip->ops->ioctl)
        return ip->ops->ioctl(f, request, arg);
    if (request == ASTRA_FIONREAD && (ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFREG) {
        /* Bytes to read: a file's from the offset on (negative past its end). */
        int n = (int)(ip->size - f->offset);
        return uvm_copy_out(current_mm(), arg, &n, sizeof n) ? -ASTRA_EFAULT : 0;
    }
    return -ASTRA_ENOTTY;
}

long ksys_getcwd(uint64_t ubuf, size_t size)
{
    char path[ASTRA_PATH_MAX];
    long len = vfs_dir_path(current_proc()->cwd, path, sizeof path);
    if (len < 0)
        return len;
    if (size < (size_t)len + 1)
        return -ASTRA_ERANGE;
    if (uvm_copy_out(current_mm(), ubuf, path, (size_t)len + 1))
        return -ASTRA_EFAULT;
    return len + 1;
}

long ksys_chdir(uint64_t upath)
{
    char path[ASTRA_PATH_MAX];
    struct inode *ip;
    long r = resolve_dir(upath, path, &ip);
    if (r < 0)
        return r;
    set_cwd(ip);
    return 0;
}

long ksys_fchdir(int fd)
{
    struct file *f = get_file(fd);
    if (!f)
        return -ASTRA_EBADF;
    if (!inode_is_dir(f->inode))
        return -ASTRA_ENOTDIR;
    set_cwd(f->inode);
    return 0;
}

static long poll_wait(struct astra_pollfd *fds, uint64_t ufds, unsigned long nfds, int timeout_ms, uint64_t resume);

long ksys_eventfd2(unsigned initval, int flags)
{
    if (flags & ~(ASTRA_EFD_SEMAPHORE | ASTRA_EFD_NONBLOCK | ASTRA_EFD_CLOEXEC))
        return -ASTRA_EINVAL;
    struct inode *ip = inode_new(0600); /* an anonymous inode: no file type, no name */
    if (!ip)
        return -ASTRA_ENOMEM;
    ip->ops = &eventfd_file_ops;
    ip->counter = initval;
    ip->semaphore = flags & ASTRA_EFD_SEMAPHORE;
    long fd = install_new_file(ip, ASTRA_O_RDWR | (flags & ASTRA_EFD_NONBLOCK ? ASTRA_O_NONBLOCK : 0),
                               flags & ASTRA_EFD_CLOEXEC);
    if (fd == -ASTRA_ENOMEM)
        inode_put(ip); /* nothing refers to the new inode */
    return fd;
}

#define POLL_ON_STACK 64

long ksys_poll(uint64_t ufds, unsigned long nfds, int timeout_ms)
{
    /* poll sleeps, so its array is per call: on the stack, or a kernel region when large. */
    struct astra_pollfd small[POLL_ON_STACK], *fds = small;
    uint64_t resume = jobctl_take_resume_deadline();
    if (nfds > FD_MAX)
        return -ASTRA_EINVAL;
    if (nfds > POLL_ON_STACK && !(fds = kvm_zalloc(nfds * sizeof *fds)))
        return -ASTRA_ENOMEM;
    long r = poll_wait(fds, ufds, nfds, timeout_ms, resume);
    if (fds != small)
        kvm_free(fds);
    return r;
}

/* resume: the deadline of a poll that a stop interrupted and that restarts, or 0. */
static long poll_wait(struct astra_pollfd *fds, uint64_t ufds, unsigned long nfds, int timeout_ms, uint64_t resume)
{
    if (uvm_copy_in(current_mm(), fds, ufds, nfds * sizeof fds[0]))
        return -ASTRA_EFAULT;
    uint64_t deadline = timeout_ms <= 0 ? 0 : resume ? resume : time_monotonic_ns() + (uint64_t)timeout_ms * 1000000;
    for (;;) {
        int ready = 0;
        for (unsigned long i = 0; i < nfds; i++) {
            fds[i].revents = 0;
            if (fds[i].fd < 0)
                continue;
            struct file *f = get_file(fds[i].fd);
            if (!f)
                fds[i].revents = ASTRA_POLLNVAL;
            else
                fds[i].revents = (int16_t)(file_poll(f) & (fds[i].events | ASTRA_POLLERR | ASTRA_POLLHUP));
            ready += fds[i].revents != 0;
        }
        if (ready || timeout_ms == 0 || (deadline && time_monotonic_ns() >= deadline)) {
            if (uvm_copy_out(current_mm(), ufds, fds, nfds * sizeof fds[0]))
                return -ASTRA_EFAULT;
            return ready;
        }
        if (waitq_sleep(&vfs_events, deadline) == -ASTRA_EINTR) {
            current_thread()->sleep_deadline = deadline;
            return -ASTRA_EINTR;
        }
    }
}
