/* The filesystem: a RAM filesystem of inodes (regular files, directories, symbolic links,
 * character devices, eventfds, pipes), open files shared by dup, and a per-program descriptor table.
 * A file removed while open stays readable through its descriptors until the last one is
 * closed.
 *
 * Locks of fs/ (proc/bkl.h has the order): all under the BKL.
 *   ramfs.c   root, next_ino; every inode (its pages, directory entries, counts, flock
 *             state); expansion, the static buffer of symbolic-link expansion (a lookup never
 *             sleeps, so one buffer serves every caller).
 *   file.c    every struct file (refs, offset, flags) and struct fdtable.
 *   pipe.c    each pipe's buffers (a reader or writer that sleeps keeps no pointer into them).
 *   eventfd.c the counter, in the inode.
 *   epoll.c   every set's items and the list of all sets; a waiter keeps no item pointer
 *             across a sleep.
 *   procfs.c  text, the static buffer a /proc file is generated into (filled and copied out
 *             in one call that does not sleep).
 *   vfs_events (the wait queue of input and eventfds) is a wait queue like any other. */
#ifndef ASTRA_KERNEL_VFS_H
#define ASTRA_KERNEL_VFS_H

#include <astra/abi.h>
#include <stddef.h>
#include <stdint.h>

#include "proc/waitq.h"

#define FD_MAX 1024

struct file;
struct inode;
struct mm;
struct vma;

/* What a kind of file does, in the manner of xv6's devsw and Linux's file_operations: every
 * device, /proc file, eventfd, socket and pipe has one, defined in its own file; the RAM
 * file system's regular files, directories and symbolic links have none (inode->ops NULL).
 * A NULL operation does what its comment says. off is where a read or write happens (the
 * file's offset, or pread's position); a kind of file with positions advances it. */
struct file_ops {
    /* open(2) of a name that leads here, with access mode acc: 0 or -errno. NULL: 0. */
    int (*open)(struct inode *ip, int acc);
    /* Kernel buffers: bytes moved or -errno. NULL: -EINVAL. */
    long (*read)(struct file *f, void *buf, size_t n, uint64_t *off);
    long (*write)(struct file *f, const void *buf, size_t n, uint64_t *off);
    /* A read or write that copies user memory itself (pipes): used instead of read and write
     * by the system calls. NULL: they bounce through kernel buffers. */
    long (*user_io)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n, int writing, int nonblock);
    /* The poll events (ASTRA_POLL*) it is ready for now. NULL: always readable and writable. */
    int (*poll)(struct file *f);
    /* An ioctl the generic ones (FIONBIO, FIOCLEX, ...) left: result or -errno. NULL: as a
     * RAM file (FIONREAD when the inode's type is S_IFREG, otherwise -ENOTTY). */
    long (*ioctl)(struct file *f, unsigned long request, uint64_t arg);
    /* The last reference to an open file goes. NULL: nothing to do. */
    void (*close)(struct file *f);
    /* The inode is freed: its object (socket, pipe) goes too. NULL: nothing to do. */
    void (*release)(struct inode *ip);
    /* mmap(2) of the file: makes the new region v (its range, prot and sharing set, no pages
     * yet) what the file maps, 0 or -errno. NULL: -ENODEV, except for the RAM file system's
     * regular files, which map their own pages (mm/filemap.c). */
    int (*mmap)(struct file *f, struct vma *v);
    /* A symbolic link's target (up to cap bytes); its full length. NULL: empty. */
    size_t (*readlink)(struct inode *ip, char *buf, size_t cap);
    uint64_t rdev;   /* stat's st_rdev: (major << 8) | minor, or 0 */
    int seek;        /* FILE_SEEK_*: what lseek, pread and pwrite may do */
    int anonymous;   /* lives on no file system of names: link(2) gives -EXDEV */
};
enum { FILE_SEEK_NONE /* -ESPIPE */, FILE_SEEK_OFFSET /* as a regular file */, FILE_SEEK_ZERO /* always at 0 */ };

struct dirent_node {
    char name[ASTRA_NAME_MAX + 1];
    struct inode *inode;
    struct dirent_node *next;
};

struct inode {
    uint64_t ino;
    uint32_t mode;              /* S_IF* type and permission bits */
    uint32_t uid, gid;          /* owner and group: root's (0) when made, chown changes them */
    uint32_t nlink;             /* names referring to it */
    uint32_t refs;              /* open files, working directories and file mappings (VMAs)
                                 * referring to it */
    uint64_t size;
    struct astra_timespec atime, mtime, ctime;
    /* regular files and symbolic links (whose content is the target): a two-level index of
     * pages (index -> 512 leaves -> 512 pages each, so up to 1 GiB); page i holds bytes
     * [i*4096, (i+1)*4096); missing pages read as zeros */
    unsigned char ***index;
    struct vma *mappings;       /* the VMAs mapping it (mm/filemap.c), linked by file_next */
    uint32_t exec_maps;         /* of those, the running programs' segments: no writers */
    /* directories */
    struct dirent_node *entries;
    struct inode *parent;       /* its "..", or for any other file a directory naming it (a
                                 * hint for vfs_file_path, NULL once that name went) */
    char *unlinked_path;        /* where its last name was, while something still holds it */
    /* everything but the RAM file system's own files: what the file does */
    const struct file_ops *ops;
    uint64_t counter;           /* eventfds */
    int semaphore;
    struct socket *sock;        /* sockets */
    struct pipe *pipe;          /* pipes */
    struct epoll *epoll;        /* epoll sets (epoll.c) */
    /* flock: the open file holding it exclusively, or how many hold it shared; waiters */
    struct file *flock_owner;
    uint32_t flock_shared;
    struct waitq flock_waiters;
};

struct file {
    struct inode *inode;
    uint32_t refs;              /* descriptors referring to it */
    int flags;                  /* access mode, O_APPEND, O_NONBLOCK */
    uint64_t offset;            /* bytes, or the next entry index for a directory */
    int flock;                  /* the flock it holds: 0, ASTRA_LOCK_SH or ASTRA_LOCK_EX */
    uint32_t epoll_items;       /* epoll sets watching it (epoll.c forgets it at the last put) */
};

struct fdtable {
    struct file *files[FD_MAX];
    uint8_t cloexec[FD_MAX];
    int refs;                   /* processes sharing it (clone with CLONE_FILES) */
};

static inline int inode_is_dir(const struct inode *ip) { return (ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFDIR; }
static inline int inode_is_symlink(const struct inode *ip) { return (ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFLNK; }

/* ---- the RAM filesystem (ramfs.c) ---- */
/* Its device number (stat's st_dev, /proc/self/maps' column): (major << 8) | minor, 0:26. */
#define RAMFS_DEV 0x1a
void vfs_init(void);
struct inode *vfs_root(void);
/* A new inode of the given type and permissions; NULL when memory is exhausted. */
struct inode *inode_new(uint32_t mode);
/* The owner of a new file made in dir, as Linux gives it to a root process: root, with the
 * group of a set-group-ID directory (a new directory in one is set-group-ID too), else root's. */
void inode_init_owner(struct inode *ip, struct inode *dir);
/* Sets the chosen times to now: TIME_MODIFY is mtime and ctime, TIME_CHANGE ctime alone. */
enum { TIME_MODIFY = 1, TIME_CHANGE = 2 };
void inode_touch(struct inode *ip, int which);
/* A read: atime becomes now as Linux's relatime does it (when it is not after mtime and
 * ctime, or is a day old). */
void inode_accessed(struct inode *ip);
/* A new symbolic link to target (len bytes, 1 to PATH_MAX - 1); NULL when memory is out. */
struct inode *symlink_new(const char *target, size_t len);
/* Copies up to cap bytes of a symbolic link's target (no NUL); returns its full length. */
size_t symlink_target(struct inode *ip, char *buf, size_t cap);
/* Drops a reference held by an open file; frees the inode when nothing refers to it. */
void inode_put(struct inode *ip);
struct inode *dir_lookup(struct inode *dir, const char *name);
/* 0, -EEXIST, -ENOMEM, or -ENOENT when dir was removed. Takes a name reference (nlink) on
 * ip. */
int dir_link(struct inode *dir, const char *name, struct inode *ip);
/* Removes the name; the inode goes when unreferenced. 0 or -ENOENT. */
int dir_unlink(struct inode *dir, const char *name);
int dir_is_empty(struct inode *dir);
/* Moves the entry `name` of `from` to `to` as `new_name` (which must not exist). */
int dir_move(struct inode *from, const char *name, struct inode *to, const char *new_name);
/* Swaps what two existing entries name (renameat2's RENAME_EXCHANGE). 0 or -ENOENT. */
int dir_exchange(struct inode *dir1, const char *name1, struct inode *dir2, const char *name2);
/* Whether ip is dir or one of dir's ancestors. */
int dir_is_ancestor(struct inode *ip, struct inode *dir);

/* Resolves path (absolute, or relative to `at`), following symbolic links in the middle of
 * the path (at most ASTRA_SYMLOOP_MAX in all), and in the last component when `follow` or
 * when the path ends with '/'. Errors: -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP. */
int vfs_lookup(struct inode *at, const char *path, int follow, struct inode **out);
/* Resolves all but the last component into *parent_out and copies that into last (which
 * may be missing; "." for "/" or "dir/"). With `follow`, a last component naming a symbolic
 * link is followed first, so parent and name are those of where it leads (open's O_CREAT
 * creates a dangling link's target). */
int vfs_lookup_parent(struct inode *at, const char *path, int follow, struct inode **parent_out, char *last);

/* The absolute path of a directory (in path, of size bytes): its length, -ENOENT when it
 * was removed, or -ENAMETOOLONG. */
long vfs_dir_path(struct inode *dir, char *path, size_t size);
/* The absolute path of any inode (in path, of size bytes), as /proc/self/maps names a mapped
 * file: its length, with *unlinked set when it has no name left and the path is its last
 * one; -ENOENT when it never had a name, or -ENAMETOOLONG. */
long vfs_file_path(struct inode *ip, char *path, size_t size, int *unlinked);

/* File contents: bytes read (0 at the end), or -errno. */
long ramfs_read(struct inode *ip, void *buf, size_t n, uint64_t off);
/* Bytes written; -ENOSPC when no memory is left for new pages (after writing what fit). */
long ramfs_write(struct inode *ip, const void *buf, size_t n, uint64_t off);
/* Sets the size; pages past a smaller size leave every mapping first (filemap_truncate). */
int ramfs_truncate(struct inode *ip, uint64_t size);
/* The physical address of page `page` of a regular file, made (zeroed) if missing; 0 when
 * memory is exhausted or the page is past what a file may hold. The file keeps its
 * reference: a mapping takes its own (pmm_ref). */
uint64_t ramfs_page(struct inode *ip, uint64_t page);

/* A character device (mode's type S_IFCHR, or the type given in mode) named name in dir,
 * with its operations; NULL when memory is exhausted. */
struct inode *vfs_make_node(struct inode *dir, const char *name, uint32_t mode, const struct file_ops *ops);
/* Fill /dev from the device table (dev/devtab.c) and /proc (procfs.c), at vfs_init. */
void devfs_populate(struct inode *dev);
void procfs_populate(struct inode *proc, struct inode *self);

/* Fills the filesystem from a USTAR archive (the initrd): directories, files, modes. */
int vfs_populate(const void *archive, size_t size);

/* ---- open files and descriptors (file.c) ---- */
struct file *file_new(struct inode *ip, int flags);
/* Drops a reference; the last one releases the file's flock and the inode. */
void file_put(struct file *f);
/* flock(2) on an open file: op is ASTRA_LOCK_SH, _EX or _UN, nonblock gives -EWOULDBLOCK
 * instead of sleeping until the lock is free. 0 or -errno. May sleep. */
int file_flock(struct file *f, int op, int nonblock);
/* An empty table (one reference), or a copy of t's descriptors for fork; NULL when memory
 * is exhausted. */
struct fdtable *fdtable_new(void);
struct fdtable *fdtable_copy(struct fdtable *t);
/* The lowest free descriptor >= min, installed with f (taking a reference); -EMFILE. */
int fd_install(struct fdtable *t, struct file *f, int min, int cloexec);
/* The open file of fd, or NULL (caller returns -EBADF). */
struct file *fd_get(struct fdtable *t, int fd);
int fd_close(struct fdtable *t, int fd);
/* Drops a reference; the last closes every descriptor and frees the table. */
void fdtable_put(struct fdtable *t);
/* Closes the descriptors marked close-on-exec. */
void fdtable_close_on_exec(struct fdtable *t);

/* Reads/writes at the file's offset (or at `*pos` when pos is given: pread/pwrite), for
 * every kind of inode. Kernel buffers; bytes moved or -errno. */
long file_read(struct file *f, void *buf, size_t n, uint64_t *pos);
long file_write(struct file *f, const void *buf, size_t n, uint64_t *pos);
/* The poll events (ASTRA_POLL*) the file is ready for now. */
int file_poll(struct file *f);
/* Fills a Linux stat for ip. */
void inode_stat(struct inode *ip, struct astra_stat *st);

/* eventfd2's files (eventfd.c): the counter is the inode's. */
extern const struct file_ops eventfd_file_ops;

/* epoll sets (epoll.c). */
extern const struct file_ops epoll_file_ops;
/* The last reference to f goes: every epoll set watching it forgets it. */
void epoll_forget_file(struct file *f);

/* Woken whenever input arrives or an eventfd changes: poll and blocking reads sleep here. */
extern struct waitq vfs_events;

#endif
