/* The filesystem: a RAM filesystem of inodes (regular files, directories, character devices,
 * eventfds), open files shared by dup, and a per-program descriptor table. A file removed
 * while open stays readable through its descriptors until the last one is closed. */
#ifndef ASTRA_KERNEL_VFS_H
#define ASTRA_KERNEL_VFS_H

#include <astra/abi.h>
#include <stddef.h>
#include <stdint.h>

#define FD_MAX 1024

enum device { DEV_NONE, DEV_NULL, DEV_ZERO, DEV_URANDOM, DEV_CONSOLE_IN, DEV_CONSOLE_OUT, DEV_CONSOLE_ERR, DEV_EVENTFD,
              DEV_PROC_STATM, DEV_PROC_MAPS, DEV_PROC_MEMINFO, DEV_SOCKET };

struct dirent_node {
    char name[ASTRA_NAME_MAX + 1];
    struct inode *inode;
    struct dirent_node *next;
};

struct inode {
    uint64_t ino;
    uint32_t mode;              /* S_IF* type and permission bits */
    uint32_t nlink;             /* names referring to it */
    uint32_t refs;              /* open files referring to it */
    uint64_t size;
    struct astra_timespec atime, mtime, ctime;
    /* regular files: a two-level index of pages (index -> 512 leaves -> 512 pages each, so
     * up to 1 GiB); page i holds bytes [i*4096, (i+1)*4096); missing pages read as zeros */
    unsigned char ***index;
    /* directories */
    struct dirent_node *entries;
    struct inode *parent;
    /* devices and eventfds */
    enum device device;
    uint64_t counter;
    int semaphore;
    struct socket *sock;        /* DEV_SOCKET */
};

struct file {
    struct inode *inode;
    uint32_t refs;              /* descriptors referring to it */
    int flags;                  /* access mode, O_APPEND, O_NONBLOCK */
    uint64_t offset;            /* bytes, or the next entry index for a directory */
};

struct fdtable {
    struct file *files[FD_MAX];
    uint8_t cloexec[FD_MAX];
};

static inline int inode_is_dir(const struct inode *ip) { return (ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFDIR; }

/* ---- the RAM filesystem (ramfs.c) ---- */
void vfs_init(void);
struct inode *vfs_root(void);
/* A new inode of the given type and permissions; NULL when memory is exhausted. */
struct inode *inode_new(uint32_t mode);
void inode_touch(struct inode *ip, int modified);
/* Drops a reference held by an open file; frees the inode when nothing refers to it. */
void inode_put(struct inode *ip);
struct inode *dir_lookup(struct inode *dir, const char *name);
/* 0, -EEXIST, -ENOMEM. Takes a name reference (nlink) on ip. */
int dir_link(struct inode *dir, const char *name, struct inode *ip);
/* Removes the name; the inode goes when unreferenced. 0 or -ENOENT. */
int dir_unlink(struct inode *dir, const char *name);
int dir_is_empty(struct inode *dir);
/* Moves the entry `name` of `from` to `to` as `new_name` (which must not exist). */
int dir_move(struct inode *from, const char *name, struct inode *to, const char *new_name);

/* Resolves path (absolute, or relative to `at`). With parent_out set, resolves all but the
 * last component and copies that into last (which may be missing). Errors: -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG. */
int vfs_lookup(struct inode *at, const char *path, struct inode **out);
int vfs_lookup_parent(struct inode *at, const char *path, struct inode **parent_out, char *last);

/* File contents: bytes read (0 at the end), or -errno. */
long ramfs_read(struct inode *ip, void *buf, size_t n, uint64_t off);
/* Bytes written; -ENOSPC when no memory is left for new pages (after writing what fit). */
long ramfs_write(struct inode *ip, const void *buf, size_t n, uint64_t off);
int ramfs_truncate(struct inode *ip, uint64_t size);

/* Fills the filesystem from a USTAR archive (the initrd): directories, files, modes. */
int vfs_populate(const void *archive, size_t size);

/* ---- open files and descriptors (file.c) ---- */
struct file *file_new(struct inode *ip, int flags);
void file_put(struct file *f);
struct fdtable *fdtable_new(void);
/* The lowest free descriptor >= min, installed with f (taking a reference); -EMFILE. */
int fd_install(struct fdtable *t, struct file *f, int min, int cloexec);
/* The open file of fd, or NULL (caller returns -EBADF). */
struct file *fd_get(struct fdtable *t, int fd);
int fd_close(struct fdtable *t, int fd);
void fdtable_free(struct fdtable *t);

/* Reads/writes at the file's offset (or at `*pos` when pos is given: pread/pwrite), for
 * every kind of inode. Kernel buffers; bytes moved or -errno. */
long file_read(struct file *f, void *buf, size_t n, uint64_t *pos);
long file_write(struct file *f, const void *buf, size_t n, uint64_t *pos);
/* The poll events (ASTRA_POLL*) the file is ready for now. */
int file_poll(struct file *f);
/* Fills a Linux stat for ip. */
void inode_stat(struct inode *ip, struct astra_stat *st);

/* Console input (console.c): the serial port's bytes for stdin. */
/* Copies up to n bytes of input; 0 at end of input; -EAGAIN when none and nonblocking. */
long console_read(void *buf, size_t n, int nonblock);
int console_input_ready(void);
void console_input_init(void);

/* /proc files, generated when read (procfs.c): the text for dev, or -errno. */
long procfs_read(enum device dev, void *buf, size_t n, uint64_t off);

/* Woken whenever input arrives or an eventfd changes: poll and blocking reads sleep here. */
extern struct waitq vfs_events;

#endif
