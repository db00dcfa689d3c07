/* What the file-system calls (sys_file.c, sys_namespace.c, sys_attr.c) share: fetching and
 * checking paths and descriptors. Path buffers are the callers', ASTRA_PATH_MAX bytes.
 *
 * Locks of syscall/ (proc/bkl.h has the order): every system call runs under the BKL.
 *   Path buffers: on the kernel stack (16 KiB) for a call with one path; static for a call
 *   with two (renameat2, linkat, symlinkat, readlinkat in sys_namespace.c), which the BKL
 *   serializes and which never sleep between filling a buffer and its last use.
 *   sys_file.c  getdents64's static buffer: filled and copied out without sleeping.
 *   sys_socket.c sendmsg/recvmsg's static iovec arrays: copied to the call's own before it
 *               can sleep.
 *   kernel/syscall.c (the dispatcher, beside main.c): warned, the calls named once: BKL.
 *   strace.c    strace_enabled: set at boot, read-only after. */
#ifndef ASTRA_KERNEL_SYS_FS_H
#define ASTRA_KERNEL_SYS_FS_H

#include <stdint.h>

#include "fs/vfs.h"

/* The calling program's open file of fd, or NULL (the caller returns -EBADF). */
struct file *get_file(int fd);
/* Copies a user path: its length, -EFAULT, -ENAMETOOLONG, or -ENOENT when empty. */
long get_path(uint64_t upath, char *path);
/* Where a path relative to dirfd starts: 0 with *base set, or -EBADF / -ENOTDIR. */
int base_dir(int dirfd, const char *path, struct inode **base);
int ends_with_slash(const char *path, long len);
/* Copies dirfd + user path and resolves it to its parent directory and last name (a last
 * symbolic link is not followed): the path's length, or -errno. */
long resolve_parent(int dirfd, uint64_t upath, char *path, struct inode **dir, char *last);
/* Copies dirfd + user path and resolves it to the inode it names, following a last symbolic
 * link when `follow`: the path's length, or -errno. */
long resolve_path(int dirfd, uint64_t upath, char *path, int follow, struct inode **ip);
/* The *at calls' lookup: flags may hold AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH (else
 * -EINVAL); an empty path names dirfd's inode with AT_EMPTY_PATH, else -ENOENT. 0 or -errno. */
long resolve_at(int dirfd, uint64_t upath, char *path, int flags, struct inode **ip);
/* Resolves a user path (following links) to a directory: 0, -ENOTDIR or -errno. */
long resolve_dir(uint64_t upath, char *path, struct inode **ip);
/* The inode dirfd refers to (an empty path with AT_EMPTY_PATH): its file's, or the working
 * directory for AT_FDCWD. 0 or -EBADF. */
int dirfd_inode(int dirfd, struct inode **ip);
/* Makes ip the working directory, which holds a reference to it. */
void set_cwd(struct inode *ip);

#endif
