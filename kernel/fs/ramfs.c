#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "fs/tar.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/filemap.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "proc/sched.h"

static struct inode *root;
static uint64_t next_ino = 1;
struct waitq vfs_events;

struct inode *vfs_root(void) { return root; }

static struct astra_timespec now_timespec(void)
{
    int64_t now = time_realtime_ns();
    return (struct astra_timespec){ now / ASTRA_NSEC_PER_SEC, now % ASTRA_NSEC_PER_SEC };
}

void inode_touch(struct inode *ip, int which)
{
    struct astra_timespec now = now_timespec();
    if (which & TIME_MODIFY)
        ip->mtime = now;
    ip->ctime = now;
}

static int time_before_or_at(struct astra_timespec a, struct astra_timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

#define RELATIME_MAX_AGE_S (24 * 60 * 60)

void inode_accessed(struct inode *ip)
{
    struct astra_timespec now = now_timespec();
    if (time_before_or_at(ip->atime, ip->mtime) || time_before_or_at(ip->atime, ip->ctime) ||
        now.tv_sec - ip->atime.tv_sec >= RELATIME_MAX_AGE_S)
        ip->atime = now;
}

struct inode *inode_new(uint32_t mode)
{
    struct inode *ip = kzalloc(sizeof *ip);
    if (!ip)
        return 0;
    ip->ino = next_ino++;
    ip->mode = mode;
    ip->atime = ip->mtime = ip->ctime = now_timespec();
    return ip;
}

void inode_init_owner(struct inode *ip, struct inode *dir)
{
    ip->uid = 0;
    ip->gid = 0;
    if (dir->mode & ASTRA_S_ISGID) {
        ip->gid = dir->gid;
        if (inode_is_dir(ip))
            ip->mode |= ASTRA_S_ISGID;
    }
}

#define SLOTS 512 /* pointers per index frame */
#define RAMFS_MAX_PAGES ((size_t)SLOTS * SLOTS)

static void *zeroed_frame(void)
{
    uint64_t pa = pmm_alloc();
    if (!pa)
        return 0;
    memset(P2V(pa), 0, PAGE_SIZE);
    return P2V(pa);
}

/* The slot for page `page`, creating index frames when `create`; NULL if absent or no memory. */
static unsigned char **page_slot(struct inode *ip, size_t page, int create)
{
    if (page >= RAMFS_MAX_PAGES)
        return 0;
    if (!ip->index && (!create || !(ip->index = zeroed_frame())))
        return 0;
    unsigned char ***leaf = &ip->index[page / SLOTS];
    if (!*leaf && (!create || !(*leaf = zeroed_frame())))
        return 0;
    return &(*leaf)[page % SLOTS];
}

/* Frees the pages from `from` on (and leaves left empty). */
static void free_pages(struct inode *ip, size_t from)
{
    if (!ip->index)
        return;
    for (size_t l = from / SLOTS; l < SLOTS; l++) {
        unsigned char **leaf = ip->index[l];
        if (!leaf)
            continue;
        size_t first = l == from / SLOTS ? from % SLOTS : 0;
        for (size_t i = first; i < SLOTS; i++)
            if (leaf[i]) {
                pmm_free(V2P(leaf[i]));
                leaf[i] = 0;
            }
        if (!first) {
            pmm_free(V2P(leaf));
            ip->index[l] = 0;
        }
    }
    if (!from) {
        pmm_free(V2P(ip->index));
        ip->index = 0;
    }
}

void inode_put(struct inode *ip)
{
    if (ip->refs)
        ip->refs--;
    if (ip->refs || ip->nlink)
        return;
    if (ip->ops && ip->ops->release)
        ip->ops->release(ip);
    free_pages(ip, 0);
    if (ip->unlinked_path)
        kfree(ip->unlinked_path);
    kfree(ip);
}

/* The entry of dir naming ip, or NULL. */
static struct dirent_node *dir_entry_of(struct inode *dir, struct inode *ip)
{
    for (struct dirent_node *d = dir->entries; d; d = d->next)
        if (d->inode == ip)
            return d;
    return 0;
}

static void remember_unlinked_path(struct inode *ip, struct inode *dir, const char *name);

struct inode *dir_lookup(struct inode *dir, const char *name)
{
    if (!strcmp(name, "."))
        return dir;
    if (!strcmp(name, ".."))
        return dir->parent ? dir->parent : dir;
    for (struct dirent_node *d = dir->entries; d; d = d->next)
        if (!strcmp(d->name, name))
            return d->inode;
    return 0;
}

int dir_link(struct inode *dir, const char *name, struct inode *ip)
{
    if (!dir->nlink)
        return -ASTRA_ENOENT; /* a removed directory takes no new entries */
    if (dir_lookup(dir, name))
        return -ASTRA_EEXIST;
    struct dirent_node *d = kzalloc(sizeof *d);
    if (!d)
        return -ASTRA_ENOMEM;
    strlcpy(d->name, name, sizeof d->name);
    d->inode = ip;
    /* Appended: a directory lists its entries in creation order. */
    struct dirent_node **tail = &dir->entries;
    while (*tail)
        tail = &(*tail)->next;
    *tail = d;
    ip->nlink++;
    ip->parent = dir; /* a directory's "..", another file's hint */
    if ((ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFDIR)
        dir->nlink++; /* the child's ".." */
    inode_touch(dir, TIME_MODIFY);
    ip->ctime = dir->mtime;
    return 0;
}

int dir_unlink(struct inode *dir, const char *name)
{
    for (struct dirent_node **l = &dir->entries; *l; l = &(*l)->next) {
        struct dirent_node *d = *l;
        if (strcmp(d->name, name))
            continue;
        *l = d->next;
        struct inode *ip = d->inode;
        if ((ip->mode & ASTRA_S_IFMT) == ASTRA_S_IFDIR) {
            dir->nlink--;
            ip->nlink = 0; /* its "." goes too */
        } else {
            ip->nlink--;
            if (ip->parent == dir)
                ip->parent = 0;
            if (!ip->nlink && ip->refs)
                remember_unlinked_path(ip, dir, d->name);
        }
        kfree(d);
        inode_touch(dir, TIME_MODIFY);
        ip->ctime = dir->mtime;
        if (!ip->nlink && !ip->refs)
            inode_put(ip);
        return 0;
    }
    return -ASTRA_ENOENT;
}

int dir_is_empty(struct inode *dir) { return dir->entries == 0; }

int dir_move(struct inode *from, const char *name, struct inode *to, const char *new_name)
{
    for (struct dirent_node **l = &from->entries; *l; l = &(*l)->next) {
        struct dirent_node *d = *l;
        if (strcmp(d->name, name))
            continue;
        *l = d->next;
        strlcpy(d->name, new_name, sizeof d->name);
        d->next = 0;
        struct dirent_node **tail = &to->entries;
        while (*tail)
            tail = &(*tail)->next;
        *tail = d;
        if ((d->inode->mode & ASTRA_S_IFMT) == ASTRA_S_IFDIR && from != to) {
            from->nlink--;
            to->nlink++;
        }
        d->inode->parent = to;
        inode_touch(from, TIME_MODIFY);
        inode_touch(to, TIME_MODIFY);
        d->inode->ctime = to->mtime;
        return 0;
    }
    return -ASTRA_ENOENT;
}

static struct dirent_node *dir_entry(struct inode *dir, const char *name)
{
    for (struct dirent_node *d = dir->entries; d; d = d->next)
        if (!strcmp(d->name, name))
            return d;
    return 0;
}

/* Makes the entry d of dir name ip, keeping the directories' link counts and parents right. */
static void dir_entry_set(struct inode *dir, struct dirent_node *d, struct inode *ip)
{
    if (inode_is_dir(d->inode))
        dir->nlink--;
    if (inode_is_dir(ip))
        dir->nlink++;
    ip->parent = dir;
    d->inode = ip;
}

int dir_exchange(struct inode *dir1, const char *name1, struct inode *dir2, const char *name2)
{
    struct dirent_node *d1 = dir_entry(dir1, name1), *d2 = dir_entry(dir2, name2);
    if (!d1 || !d2)
        return -ASTRA_ENOENT;
    struct inode *ip1 = d1->inode, *ip2 = d2->inode;
    dir_entry_set(dir1, d1, ip2);
    dir_entry_set(dir2, d2, ip1);
    inode_touch(dir1, TIME_MODIFY);
    inode_touch(dir2, TIME_MODIFY);
    ip1->ctime = ip2->ctime = dir2->mtime;
    return 0;
}

int dir_is_ancestor(struct inode *ip, struct inode *dir)
{
    for (struct inode *a = dir; a; a = a->parent)
        if (a == ip)
            return 1;
    return 0;
}

/* Symbolic links keep their target as content, in pages like a file's: no size limit of
 * their own, and inode_put frees them with the rest. */
struct inode *symlink_new(const char *target, size_t len)
{
    struct inode *ip = inode_new(ASTRA_S_IFLNK | 0777);
    if (ip && ramfs_write(ip, target, len, 0) != (long)len) {
        inode_put(ip);
        return 0;
    }
    return ip;
}

size_t symlink_target(struct inode *ip, char *buf, size_t cap)
{
    if (ip->ops)
        return ip->ops->readlink ? ip->ops->readlink(ip, buf, cap) : 0;
    size_t n = ip->size < cap ? (size_t)ip->size : cap;
    for (size_t done = 0; done < n;) {
        size_t page = done / PAGE_SIZE, chunk = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;
        unsigned char **slot = page_slot(ip, page, 0);
        memcpy(buf + done, *slot, chunk); /* written whole when the link was made */
        done += chunk;
    }
    return (size_t)ip->size;
}

/* What remains of a path once links were expanded in it: kept at the end of this buffer, each
 * link's target written just before what followed the link. The front is consumed as the walk
 * goes, so the buffer never holds more than the original path plus one target per link
 * followed (ASTRA_SYMLOOP_MAX): no length limit beyond Linux's own. Static: a lookup never
 * sleeps (one CPU, interrupts off). */
static char expansion[ASTRA_PATH_MAX * (ASTRA_SYMLOOP_MAX + 1)];

/* Replaces the link `ip` in the path with its target: returns the new remaining path (the
 * target, then "/" and rest when a slash followed the link), or NULL when it cannot fit. rest
 * lies in the caller's path until the first expansion, in `expansion` afterwards. */
static const char *expand_link(struct inode *ip, const char *rest, int slash, int expanded)
{
    char *at = (char *)rest;
    if (!expanded) {
        size_t n = strlen(rest) + 1;
        at = expansion + sizeof expansion - n;
        memmove(at, rest, n);
    }
    size_t len = symlink_target(ip, at, 0), need = len + (slash ? 1 : 0);
    if ((size_t)(at - expansion) < need)
        return 0;
    char *start = at - need;
    symlink_target(ip, start, len);
    if (slash)
        start[len] = '/';
    return start;
}

/* Walks `path` from `at`, following links as vfs_lookup and vfs_lookup_parent say; stops
 * before the last component when `last` is given. */
static int walk(struct inode *at, const char *path, int follow, struct inode **out, char *last)
{
    if (!*path)
        return -ASTRA_ENOENT;
    struct inode *ip = *path == '/' ? root : at;
    char name[ASTRA_NAME_MAX + 1];
    int links = 0;
    for (;;) {
        while (*path == '/')
            path++;
        if (!*path)
            break;
        size_t n = 0;
        while (path[n] && path[n] != '/')
            n++;
        if (n > ASTRA_NAME_MAX)
            return -ASTRA_ENAMETOOLONG;
        memcpy(name, path, n);
        name[n] = 0;
        path += n;
        const char *rest = path;
        while (*rest == '/')
            rest++;
        int is_last = !*rest, slash = *path == '/';
        if (!inode_is_dir(ip))
            return -ASTRA_ENOTDIR;
        struct inode *next = dir_lookup(ip, name);
        int follow_next = next && inode_is_symlink(next) && (!is_last || follow || (slash && !last));
        if (last && is_last && !follow_next) {
            strlcpy(last, name, ASTRA_NAME_MAX + 1);
            *out = ip;
            return 0;
        }
        if (!next)
            return -ASTRA_ENOENT;
        if (follow_next) {
            if (++links > ASTRA_SYMLOOP_MAX)
                return -ASTRA_ELOOP;
            if (!(path = expand_link(next, rest, slash, links > 1)))
                return -ASTRA_ENAMETOOLONG;
            if (*path == '/')
                ip = root;
            continue; /* a relative target starts from the link's directory, ip */
        }
        ip = next;
        if (slash && !inode_is_dir(ip))
            return -ASTRA_ENOTDIR; /* "file/" names a directory that is not one */
    }
    if (last) {
        strlcpy(last, ".", ASTRA_NAME_MAX + 1); /* "/" or "dir/": the directory itself */
    }
    *out = ip;
    return 0;
}

long vfs_dir_path(struct inode *dir, char *path, size_t size)
{
    size_t len = 0;
    path[0] = 0;
    /* From the end: each directory's name in its parent, moved in front of what follows. */
    for (struct inode *ip = dir; ip->parent; ip = ip->parent) {
        struct dirent_node *d = ip->parent->entries;
        while (d && d->inode != ip)
            d = d->next;
        if (!d)
            return -ASTRA_ENOENT;
        size_t n = strlen(d->name);
        if (len + n + 1 >= size)
            return -ASTRA_ENAMETOOLONG;
        memmove(path + n + 1, path, len + 1);
        path[0] = '/';
        memcpy(path + 1, d->name, n);
        len += n + 1;
    }
    if (!len) {
        path[0] = '/', path[1] = 0;
        len = 1;
    }
    return (long)len;
}

/* A directory holding a name of ip (not a directory): its hint, else the first found walking
 * the whole tree from the root; NULL when none does. */
static struct inode *dir_naming(struct inode *ip)
{
    if (ip->parent && dir_entry_of(ip->parent, ip))
        return ip->parent;
    struct inode *dir = root;
    struct dirent_node *d = root->entries;
    for (;;) {
        if (d) {
            if (d->inode == ip)
                return dir;
            if (inode_is_dir(d->inode) && d->inode->parent == dir) {
                dir = d->inode;
                d = dir->entries;
            } else {
                d = d->next;
            }
            continue;
        }
        if (dir == root || !dir->parent)
            return 0;
        struct dirent_node *up = dir_entry_of(dir->parent, dir);
        if (!up)
            return 0;
        dir = dir->parent;
        d = up->next;
    }
}

/* path = the directory's path, '/', name: its length or -errno. */
static long join_path(struct inode *dir, const char *name, char *path, size_t size)
{
    long len = vfs_dir_path(dir, path, size);
    if (len < 0)
        return len;
    if (len == 1)
        len = 0; /* the root: "/name", not "//name" */
    size_t n = strlen(name);
    if ((size_t)len + 1 + n >= size)
        return -ASTRA_ENAMETOOLONG;
    path[len] = '/';
    memcpy(path + len + 1, name, n + 1);
    return len + 1 + (long)n;
}

/* Called as the last name of ip, still held (open, mapped), goes: keeps its path. */
static void remember_unlinked_path(struct inode *ip, struct inode *dir, const char *name)
{
    static char path[ASTRA_PATH_MAX]; /* the BKL serializes unlinks */
    long len = join_path(dir, name, path, sizeof path);
    if (len < 0)
        return;
    if (ip->unlinked_path)
        kfree(ip->unlinked_path);
    if ((size_t)len < KMALLOC_MAX && (ip->unlinked_path = kzalloc((size_t)len + 1)))
        memcpy(ip->unlinked_path, path, (size_t)len + 1);
}

long vfs_file_path(struct inode *ip, char *path, size_t size, int *unlinked)
{
    *unlinked = 0;
    if (inode_is_dir(ip))
        return vfs_dir_path(ip, path, size);
    struct inode *dir = ip->nlink ? dir_naming(ip) : 0;
    if (dir)
        return join_path(dir, dir_entry_of(dir, ip)->name, path, size);
    if (!ip->unlinked_path)
        return -ASTRA_ENOENT;
    size_t n = strlen(ip->unlinked_path);
    if (n >= size)
        return -ASTRA_ENAMETOOLONG;
    memcpy(path, ip->unlinked_path, n + 1);
    *unlinked = 1;
    return (long)n;
}

int vfs_lookup(struct inode *at, const char *path, int follow, struct inode **out)
{
    return walk(at, path, follow, out, 0);
}

int vfs_lookup_parent(struct inode *at, const char *path, int follow, struct inode **parent_out, char *last)
{
    return walk(at, path, follow, parent_out, last);
}

long ramfs_read(struct inode *ip, void *buf, size_t n, uint64_t off)
{
    if (off >= ip->size)
        return 0;
    if (n > ip->size - off)
        n = (size_t)(ip->size - off);
    unsigned char *out = buf;
    for (size_t done = 0; done < n;) {
        uint64_t pos = off + done;
        size_t page = (size_t)(pos / PAGE_SIZE), in = (size_t)(pos % PAGE_SIZE);
        size_t chunk = PAGE_SIZE - in < n - done ? PAGE_SIZE - in : n - done;
        unsigned char **slot = page_slot(ip, page, 0);
        if (slot && *slot)
            memcpy(out + done, *slot + in, chunk);
        else
            memset(out + done, 0, chunk);
        done += chunk;
    }
    inode_accessed(ip);
    return (long)n;
}

uint64_t ramfs_page(struct inode *ip, uint64_t page)
{
    unsigned char **slot = page < RAMFS_MAX_PAGES ? page_slot(ip, (size_t)page, 1) : 0;
    if (slot && !*slot)
        *slot = zeroed_frame();
    return slot && *slot ? V2P(*slot) : 0;
}

/* Bytes past the end of the file read as zeros, but a shared mapping may have written into
 * the rest of the last page: clear it before the end moves past it. */
static void clear_tail(struct inode *ip)
{
    unsigned char **slot = ip->size % PAGE_SIZE ? page_slot(ip, (size_t)(ip->size / PAGE_SIZE), 0) : 0;
    if (slot && *slot)
        memset(*slot + ip->size % PAGE_SIZE, 0, PAGE_SIZE - ip->size % PAGE_SIZE);
}

long ramfs_write(struct inode *ip, const void *buf, size_t n, uint64_t off)
{
    if (off + n < off || (off + n + PAGE_SIZE - 1) / PAGE_SIZE > RAMFS_MAX_PAGES)
        return -ASTRA_EFBIG;
    if (n && off > ip->size && ip->mappings)
        clear_tail(ip);
    const unsigned char *in = buf;
    size_t done = 0;
    int err = 0;
    while (done < n) {
        uint64_t pos = off + done;
        size_t page = (size_t)(pos / PAGE_SIZE), at = (size_t)(pos % PAGE_SIZE);
        size_t chunk = PAGE_SIZE - at < n - done ? PAGE_SIZE - at : n - done;
        unsigned char **slot = page_slot(ip, page, 1);
        if (slot && !*slot)
            *slot = zeroed_frame();
        if (!slot || !*slot) {
            err = -ASTRA_ENOSPC;
            break;
        }
        memcpy(*slot + at, in + done, chunk);
        done += chunk;
    }
    if (done && off + done > ip->size)
        ip->size = off + done;
    if (done)
        inode_touch(ip, TIME_MODIFY);
    return done ? (long)done : err;
}

int ramfs_truncate(struct inode *ip, uint64_t size)
{
    if ((size + PAGE_SIZE - 1) / PAGE_SIZE > RAMFS_MAX_PAGES)
        return -ASTRA_EFBIG;
    if (size > ip->size && ip->mappings)
        clear_tail(ip);
    if (size < ip->size) {
        size_t keep = (size_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
        filemap_truncate(ip, keep);
        free_pages(ip, keep);
        unsigned char **slot = keep ? page_slot(ip, keep - 1, 0) : 0;
        if (size % PAGE_SIZE && slot && *slot)
            memset(*slot + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    }
    ip->size = size;
    inode_touch(ip, TIME_MODIFY);
    return 0;
}

struct inode *vfs_make_node(struct inode *dir, const char *name, uint32_t mode, const struct file_ops *ops)
{
    struct inode *ip = inode_new(ASTRA_S_IFCHR | (mode & 07777));
    if (!ip || dir_link(dir, name, ip))
        return 0;
    ip->ops = ops;
    if (mode & ASTRA_S_IFMT)
        ip->mode = mode;
    return ip;
}

void vfs_init(void)
{
    root = inode_new(ASTRA_S_IFDIR | 0755);
    root->nlink = 2;
    struct inode *dev = inode_new(ASTRA_S_IFDIR | 0755), *tmp = inode_new(ASTRA_S_IFDIR | 01777);
    dir_link(root, "dev", dev);
    dir_link(root, "tmp", tmp);
    dev->nlink++, tmp->nlink++; /* their "." */
    devfs_populate(dev);

    /* /proc: one program runs, so /proc/self is the only process directory. */
    struct inode *proc = inode_new(ASTRA_S_IFDIR | 0555), *self = inode_new(ASTRA_S_IFDIR | 0555);
    dir_link(root, "proc", proc);
    dir_link(proc, "self", self);
    proc->nlink++, self->nlink++;
    procfs_populate(proc, self);
}

/* Creates missing directories along path (for archive entries listed before their parent). */
static struct inode *make_dirs(const char *path, int include_last)
{
    struct inode *ip = root;
    char name[ASTRA_NAME_MAX + 1];
    while (*path) {
        size_t n = 0;
        while (path[n] && path[n] != '/')
            n++;
        if (!path[n] && !include_last)
            break;
        if (n > ASTRA_NAME_MAX)
            return 0;
        memcpy(name, path, n);
        name[n] = 0;
        path += n;
        while (*path == '/')
            path++;
        if (!n)
            continue;
        struct inode *next = dir_lookup(ip, name);
        if (!next) {
            next = inode_new(ASTRA_S_IFDIR | 0755);
            if (!next || dir_link(ip, name, next))
                return 0;
            next->nlink++;
        }
        if (!inode_is_dir(next))
            return 0;
        ip = next;
    }
    return ip;
}

int vfs_populate(const void *archive, size_t size)
{
    size_t off = 0;
    struct tar_entry e;
    int r, files = 0;
    while ((r = tar_next(archive, size, &off, &e)) == 1) {
        if (!e.name[0])
            continue;
        if (e.type == '5') {
            if (!make_dirs(e.name, 1))
                return -ASTRA_ENOMEM;
            continue;
        }
        if (e.type != '0')
            continue; /* links, devices: not supported in the initrd */
        struct inode *dir = make_dirs(e.name, 0);
        const char *base = e.name;
        for (const char *c = e.name; *c; c++)
            if (*c == '/')
                base = c + 1;
        struct inode *ip = dir ? inode_new(ASTRA_S_IFREG | (e.mode & 07777)) : 0;
        if (!ip || dir_link(dir, base, ip) || ramfs_write(ip, e.data, e.size, 0) != (long)e.size)
            return -ASTRA_ENOMEM;
        files++;
    }
    return r < 0 ? -ASTRA_EINVAL : files;
}
