/* System calls on names: making directories, removing, renaming, hard and symbolic links.
 * Each fetches and checks its arguments, then changes the RAM filesystem's directories; the
 * checks come in the order Linux makes them, so a call with several faults fails the same way. */
#include <astra/abi.h>

#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "syscall/sys_fs.h"

static int is_dot_or_dotdot(const char *name) { return !strcmp(name, ".") || !strcmp(name, ".."); }

/* Whether `last` of dir may become a new entry: -EEXIST for an existing name (or "." and
 * ".."), -ENOENT for a path ending with '/' unless a directory is made, as Linux's
 * filename_create decides. */
static long check_new_name(struct inode *dir, const char *last, int slash, int directory)
{
    if (dir_lookup(dir, last))
        return -ASTRA_EEXIST;
    return slash && !directory ? -ASTRA_ENOENT : 0;
}

long ksys_mkdirat(int dirfd, uint64_t upath, unsigned mode)
{
    char path[ASTRA_PATH_MAX], last[ASTRA_NAME_MAX + 1];
    struct inode *dir;
    long r = resolve_parent(dirfd, upath, path, &dir, last);
    if (r < 0)
        return r;
    if ((r = check_new_name(dir, last, 0, 1)))
        return r;
    /* As Linux: a directory takes the sticky bit from mode, not set-user-ID or set-group-ID. */
    struct inode *ip = inode_new(ASTRA_S_IFDIR | (mode & 01777 & ~current_proc()->umask));
    if (!ip)
        return -ASTRA_ENOMEM;
    inode_init_owner(ip, dir);
    if ((r = dir_link(dir, last, ip))) {
        inode_put(ip);
        return r;
    }
    ip->nlink++; /* its "." */
    return 0;
}

long ksys_mkdir(uint64_t path, unsigned mode) { return ksys_mkdirat(ASTRA_AT_FDCWD, path, mode); }

/* Linux keeps a removed working directory (where nothing can be created); Astra moves the
 * program to the parent instead. */
static void leave_if_cwd(struct inode *ip, struct inode *parent)
{
    if (ip == current_proc()->cwd)
        set_cwd(parent);
}

static long remove_entry(int dirfd, uint64_t upath, int directory)
{
    char path[ASTRA_PATH_MAX], last[ASTRA_NAME_MAX + 1];
    struct inode *dir;
    long len = resolve_parent(dirfd, upath, path, &dir, last);
    if (len < 0)
        return len;
    if (directory && !strcmp(last, "."))
        return dir == vfs_root() ? -ASTRA_EBUSY : -ASTRA_EINVAL;
    if (directory && !strcmp(last, ".."))
        return -ASTRA_ENOTEMPTY;
    struct inode *ip = dir_lookup(dir, last);
    if (!ip)
        return -ASTRA_ENOENT;
    if (directory) {
        if (!inode_is_dir(ip))
            return -ASTRA_ENOTDIR;
        if (!dir_is_empty(ip))
            return -ASTRA_ENOTEMPTY;
        leave_if_cwd(ip, dir);
    } else if (inode_is_dir(ip)) {
        return -ASTRA_EISDIR;
    } else if (ends_with_slash(path, len)) {
        return -ASTRA_ENOTDIR; /* "file/" or "link/": the name is not a directory's */
    }
    return dir_unlink(dir, last);
}

long ksys_unlinkat(int dirfd, uint64_t path, int flags)
{
    if (flags & ~ASTRA_AT_REMOVEDIR)
        return -ASTRA_EINVAL;
    return remove_entry(dirfd, path, flags & ASTRA_AT_REMOVEDIR);
}

long ksys_unlink(uint64_t path) { return remove_entry(ASTRA_AT_FDCWD, path, 0); }

long ksys_rmdir(uint64_t path) { return remove_entry(ASTRA_AT_FDCWD, path, 1); }

/* Renames, in Linux's order of checks (do_renameat2, then vfs_rename). RENAME_WHITEOUT, for
 * overlay filesystems, is refused (-EINVAL, as from a Linux file system without whiteouts)
 * and named once: Astra has none. */
long ksys_renameat2(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, unsigned flags)
{
    static char oldpath[ASTRA_PATH_MAX], newpath[ASTRA_PATH_MAX], oldlast[ASTRA_NAME_MAX + 1],
        newlast[ASTRA_NAME_MAX + 1];
    const unsigned noreplace = ASTRA_RENAME_NOREPLACE, exchange = ASTRA_RENAME_EXCHANGE,
                   whiteout = ASTRA_RENAME_WHITEOUT;
    if ((flags & ~(noreplace | exchange | whiteout)) || ((flags & (noreplace | whiteout)) && (flags & exchange)))
        return -ASTRA_EINVAL;
    if (flags & whiteout) {
        kwarn_once("renameat2: RENAME_WHITEOUT is not supported (no overlay file systems): returning -EINVAL\n");
        return -ASTRA_EINVAL;
    }
    struct inode *olddir, *newdir;
    long oldlen = resolve_parent(olddirfd, uold, oldpath, &olddir, oldlast);
    if (oldlen < 0)
        return oldlen;
    long newlen = resolve_parent(newdirfd, unew, newpath, &newdir, newlast);
    if (newlen < 0)
        return newlen;
    if (is_dot_or_dotdot(oldlast))
        return -ASTRA_EBUSY;
    if (is_dot_or_dotdot(newlast))
        return flags & noreplace ? -ASTRA_EEXIST : -ASTRA_EBUSY;
    struct inode *ip = dir_lookup(olddir, oldlast);
    if (!ip)
        return -ASTRA_ENOENT;
    struct inode *target = dir_lookup(newdir, newlast);
    if ((flags & exchange) && !target)
        return -ASTRA_ENOENT;
    if ((flags & noreplace) && target)
        return -ASTRA_EEXIST;
    /* A trailing slash says "directory". */
    int old_slash = ends_with_slash(oldpath, oldlen), new_slash = ends_with_slash(newpath, newlen);
    if ((flags & exchange) && !inode_is_dir(target) && new_slash)
        return -ASTRA_ENOTDIR;
    if (!inode_is_dir(ip) && (old_slash || (!(flags & exchange) && new_slash)))
        return -ASTRA_ENOTDIR;
    if (dir_is_ancestor(ip, newdir))
        return -ASTRA_EINVAL; /* into its own subtree */
    if (target && dir_is_ancestor(target, olddir))
        return flags & exchange ? -ASTRA_EINVAL : -ASTRA_ENOTEMPTY;
    if (target == ip)
        return 0;
    if (flags & exchange)
        return dir_exchange(olddir, oldlast, newdir, newlast);
    if (target) {
        if (inode_is_dir(ip) && !inode_is_dir(target))
            return -ASTRA_ENOTDIR;
        if (!inode_is_dir(ip) && inode_is_dir(target))
            return -ASTRA_EISDIR;
        if (inode_is_dir(target) && !dir_is_empty(target))
            return -ASTRA_ENOTEMPTY;
        leave_if_cwd(target, newdir);
        long r = dir_unlink(newdir, newlast);
        if (r)
            return r;
    }
    return dir_move(olddir, oldlast, newdir, newlast);
}

long ksys_renameat(int olddirfd, uint64_t oldpath, int newdirfd, uint64_t newpath)
{
    return ksys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

long ksys_rename(uint64_t oldpath, uint64_t newpath)
{
    return ksys_renameat2(ASTRA_AT_FDCWD, oldpath, ASTRA_AT_FDCWD, newpath, 0);
}

/* Hard links. The old name's last symbolic link is followed only with AT_SYMLINK_FOLLOW (a
 * link to the link itself otherwise); AT_EMPTY_PATH links the file dirfd refers to. */
long ksys_linkat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, int flags)
{
    static char oldpath[ASTRA_PATH_MAX], newpath[ASTRA_PATH_MAX], last[ASTRA_NAME_MAX + 1];
    if (flags & ~(ASTRA_AT_SYMLINK_FOLLOW | ASTRA_AT_EMPTY_PATH))
        return -ASTRA_EINVAL;
    struct inode *ip, *dir;
    long r = uvm_copy_string_in(current_mm(), oldpath, uold, ASTRA_PATH_MAX);
    if (r < 0)
        return r;
    if (r == 0 && (flags & ASTRA_AT_EMPTY_PATH))
        r = dirfd_inode(olddirfd, &ip);
    else
        r = resolve_path(olddirfd, uold, oldpath, flags & ASTRA_AT_SYMLINK_FOLLOW, &ip);
    if (r < 0)
        return r;
    long len = resolve_parent(newdirfd, unew, newpath, &dir, last);
    if (len < 0)
        return len;
    if ((r = check_new_name(dir, last, ends_with_slash(newpath, len), 0)))
        return r;
    if (inode_is_dir(ip))
        return -ASTRA_EPERM;
    if (ip->ops && ip->ops->anonymous)
        return -ASTRA_EXDEV; /* anonymous inodes live on no filesystem of names */
    if (!ip->nlink)
        return -ASTRA_ENOENT; /* a removed file gets no name back */
    return dir_link(dir, last, ip);
}

long ksys_link(uint64_t oldpath, uint64_t newpath)
{
    return ksys_linkat(ASTRA_AT_FDCWD, oldpath, ASTRA_AT_FDCWD, newpath, 0);
}

long ksys_symlinkat(uint64_t utarget, int newdirfd, uint64_t ulink)
{
    static char target[ASTRA_PATH_MAX], path[ASTRA_PATH_MAX], last[ASTRA_NAME_MAX + 1];
    long target_len = get_path(utarget, target);
    if (target_len < 0)
        return target_len;
    struct inode *dir;
    long len = resolve_parent(newdirfd, ulink, path, &dir, last);
    if (len < 0)
        return len;
    long r = check_new_name(dir, last, ends_with_slash(path, len), 0);
    if (r)
        return r;
    struct inode *ip = symlink_new(target, (size_t)target_len);
    if (!ip)
        return -ASTRA_ENOSPC;
    inode_init_owner(ip, dir);
    if ((r = dir_link(dir, last, ip)))
        inode_put(ip);
    return r;
}

long ksys_symlink(uint64_t target, uint64_t linkpath) { return ksys_symlinkat(target, ASTRA_AT_FDCWD, linkpath); }

/* The target's first size bytes (no NUL). size is an int for Linux: 0 or less is -EINVAL
 * before anything else. */
long ksys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, size_t size)
{
    static char path[ASTRA_PATH_MAX], target[ASTRA_PATH_MAX];
    if ((int)size <= 0)
        return -ASTRA_EINVAL;
    struct inode *ip;
    long r = resolve_path(dirfd, upath, path, 0, &ip);
    if (r < 0)
        return r;
    if (!inode_is_symlink(ip))
        return -ASTRA_EINVAL;
    size_t len = symlink_target(ip, target, sizeof target);
    size_t n = len < (size_t)(int)size ? len : (size_t)(int)size;
    if (uvm_copy_out(current_mm(), ubuf, target, n))
        return -ASTRA_EFAULT;
    return (long)n;
}

long ksys_readlink(uint64_t path, uint64_t buf, size_t size) { return ksys_readlinkat(ASTRA_AT_FDCWD, path, buf, size); }
