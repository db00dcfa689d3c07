/* System calls on attributes: stat, permissions, owners, the umask, access, times, and the
 * (root) user ids. Each fetches and checks its arguments, then reads or changes the inode. */
#include <astra/abi.h>

#include "fs/vfs.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "syscall/sys_fs.h"

static long stat_out(struct inode *ip, uint64_t ust)
{
    struct astra_stat st;
    inode_stat(ip, &st);
    return uvm_copy_out(current_mm(), ust, &st, sizeof st);
}

long ksys_newfstatat(int dirfd, uint64_t upath, uint64_t ust, int flags)
{
    char path[ASTRA_PATH_MAX];
    struct inode *ip;
    long r = resolve_at(dirfd, upath, path, flags, &ip);
    return r < 0 ? r : stat_out(ip, ust);
}

long ksys_stat(uint64_t path, uint64_t st) { return ksys_newfstatat(ASTRA_AT_FDCWD, path, st, 0); }

long ksys_lstat(uint64_t path, uint64_t st) { return ksys_newfstatat(ASTRA_AT_FDCWD, path, st, ASTRA_AT_SYMLINK_NOFOLLOW); }

long ksys_fstat(int fd, uint64_t st)
{
    struct file *f = get_file(fd);
    return f ? stat_out(f->inode, st) : -ASTRA_EBADF;
}

/* The permission bits change, the file type stays. */
static long set_mode(struct inode *ip, unsigned mode)
{
    ip->mode = (ip->mode & ASTRA_S_IFMT) | (mode & 07777);
    inode_touch(ip, TIME_CHANGE);
    return 0;
}

/* fchmodat has no flags argument: symbolic links are always followed (fchmodat2 is newer). */
long ksys_fchmodat(int dirfd, uint64_t upath, unsigned mode)
{
    char path[ASTRA_PATH_MAX];
    struct inode *ip;
    long r = resolve_path(dirfd, upath, path, 1, &ip);
    return r < 0 ? r : set_mode(ip, mode);
}

long ksys_chmod(uint64_t path, unsigned mode) { return ksys_fchmodat(ASTRA_AT_FDCWD, path, mode); }

long ksys_fchmod(int fd, unsigned mode)
{
    struct file *f = get_file(fd);
    return f ? set_mode(f->inode, mode) : -ASTRA_EBADF;
}

/* The process's file-creation mask: the old one; only the permission bits are kept. */
long ksys_umask(unsigned mask)
{
    struct proc *p = current_proc();
    unsigned old = p->umask;
    p->umask = mask & 0777;
    return old;
}

/* Owner and group; -1 leaves one as it is. Every Astra process is root, which Linux lets
 * give any owner and group. As Linux, every chown of a file that is not a directory drops
 * set-user-ID, and set-group-ID when group execution is on (without it the bit marks
 * mandatory locking, not a privilege), even when nothing changes; ctime becomes now. */
static long set_owner(struct inode *ip, unsigned uid, unsigned gid)
{
    if (uid != ~0u)
        ip->uid = uid;
    if (gid != ~0u)
        ip->gid = gid;
    if (!inode_is_dir(ip)) {
        ip->mode &= ~(uint32_t)ASTRA_S_ISUID;
        if ((ip->mode & (ASTRA_S_ISGID | ASTRA_S_IXGRP)) == (ASTRA_S_ISGID | ASTRA_S_IXGRP))
            ip->mode &= ~(uint32_t)ASTRA_S_ISGID;
    }
    inode_touch(ip, TIME_CHANGE);
    return 0;
}

long ksys_fchownat(int dirfd, uint64_t upath, unsigned uid, unsigned gid, int flags)
{
    char path[ASTRA_PATH_MAX];
    struct inode *ip;
    long r = resolve_at(dirfd, upath, path, flags, &ip);
    return r < 0 ? r : set_owner(ip, uid, gid);
}

long ksys_chown(uint64_t path, unsigned uid, unsigned gid) { return ksys_fchownat(ASTRA_AT_FDCWD, path, uid, gid, 0); }

long ksys_lchown(uint64_t path, unsigned uid, unsigned gid)
{
    return ksys_fchownat(ASTRA_AT_FDCWD, path, uid, gid, ASTRA_AT_SYMLINK_NOFOLLOW);
}

long ksys_fchown(int fd, unsigned uid, unsigned gid)
{
    struct file *f = get_file(fd);
    return f ? set_owner(f->inode, uid, gid) : -ASTRA_EBADF;
}

static int utime_nsec_valid(int64_t nsec)
{
    return nsec == ASTRA_UTIME_NOW || nsec == ASTRA_UTIME_OMIT || (nsec >= 0 && nsec < ASTRA_NSEC_PER_SEC);
}

static void set_time(struct astra_timespec *t, const struct astra_timespec *to, struct astra_timespec now)
{
    if (!to || to->tv_nsec == ASTRA_UTIME_NOW)
        *t = now;
    else if (to->tv_nsec != ASTRA_UTIME_OMIT)
        *t = *to;
}

/* Sets atime and mtime (times NULL: both now; UTIME_NOW, UTIME_OMIT per time); ctime becomes
 * now. A NULL path with a descriptor other than AT_FDCWD means that descriptor's file. The
 * checks are Linux's, in its order: the times are read first, and both UTIME_OMIT succeed at
 * once; nanoseconds out of range are -EINVAL only after the path resolved. */
long ksys_utimensat(int dirfd, uint64_t upath, uint64_t utimes, int flags)
{
    char path[ASTRA_PATH_MAX];
    struct astra_timespec times[2];
    if (utimes) {
        if (uvm_copy_in(current_mm(), times, utimes, sizeof times))
            return -ASTRA_EFAULT;
        if (times[0].tv_nsec == ASTRA_UTIME_OMIT && times[1].tv_nsec == ASTRA_UTIME_OMIT)
            return 0;
    }
    struct inode *ip;
    long r;
    if (!upath && dirfd != ASTRA_AT_FDCWD) {
        if (flags)
            return -ASTRA_EINVAL;
        struct file *f = get_file(dirfd);
        if (!f)
            return -ASTRA_EBADF;
        ip = f->inode;
    } else {
        if ((r = resolve_at(dirfd, upath, path, flags, &ip)) < 0)
            return r;
    }
    if (utimes && (!utime_nsec_valid(times[0].tv_nsec) || !utime_nsec_valid(times[1].tv_nsec)))
        return -ASTRA_EINVAL;
    inode_touch(ip, TIME_CHANGE);
    set_time(&ip->atime, utimes ? &times[0] : 0, ip->ctime);
    set_time(&ip->mtime, utimes ? &times[1] : 0, ip->ctime);
    return 0;
}

/* Astra runs every program as root (uid and gid 0), with root's permissions: reading and
 * writing are allowed, executing needs an execute bit (or a directory). */
long ksys_faccessat(int dirfd, uint64_t upath, int mode)
{
    char path[ASTRA_PATH_MAX];
    if (mode & ~(ASTRA_R_OK | ASTRA_W_OK | ASTRA_X_OK))
        return -ASTRA_EINVAL;
    struct inode *ip;
    long r = resolve_path(dirfd, upath, path, 1, &ip);
    if (r < 0)
        return r;
    if ((mode & ASTRA_X_OK) && !inode_is_dir(ip) && !(ip->mode & 0111))
        return -ASTRA_EACCES;
    return 0;
}

long ksys_access(uint64_t path, int mode) { return ksys_faccessat(ASTRA_AT_FDCWD, path, mode); }

long ksys_getuid(void) { return 0; }

long ksys_getgid(void) { return 0; }

long ksys_geteuid(void) { return 0; }

long ksys_getegid(void) { return 0; }

/* Identities. Astra has one user, root, and one root directory: a process may "change" to
 * what it already is (uid and gid 0, no supplementary groups but 0, chroot to "/"), as a
 * root process alone may on Linux; anything else is -EPERM, as for a process without the
 * capability, so programs that drop privileges see a refusal rather than a silent no-op. */
long ksys_setuid(unsigned uid)
{
    if (uid == ~0u)
        return -ASTRA_EINVAL;
    return uid ? -ASTRA_EPERM : 0;
}

long ksys_setgid(unsigned gid)
{
    if (gid == ~0u)
        return -ASTRA_EINVAL;
    return gid ? -ASTRA_EPERM : 0;
}

/* Linux's NGROUPS_MAX. */
#define GROUPS_MAX 65536

long ksys_setgroups(int size, uint64_t ulist)
{
    if (size < 0 || size > GROUPS_MAX)
        return -ASTRA_EINVAL;
    for (int i = 0; i < size; i++) {
        unsigned gid;
        if (uvm_copy_in(current_mm(), &gid, ulist + (uint64_t)i * sizeof gid, sizeof gid))
            return -ASTRA_EFAULT;
        if (gid == ~0u)
            return -ASTRA_EINVAL;
        if (gid)
            return -ASTRA_EPERM;
    }
    return 0;
}

long ksys_chroot(uint64_t upath)
{
    char path[ASTRA_PATH_MAX];
    struct inode *ip;
    long r = resolve_dir(upath, path, &ip);
    if (r < 0)
        return r;
    return ip == vfs_root() ? 0 : -ASTRA_EPERM;
}
