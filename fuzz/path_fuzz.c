/* Path resolution in the RAM file system (kernel/ramfs.c: vfs_lookup, vfs_lookup_parent,
 * vfs_dir_path), on an in-memory tree: the input's lines are the targets of up to six
 * symbolic links /a/l0../a/l5, its last line the path looked up from / and from /a/b, with
 * and without following a final link. Every result is an inode or one of the documented
 * errors; a directory's absolute path leads back to it; a name the parent lookup returns
 * can be created and removed; no frame is leaked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/pmm.h"
#include "fs/vfs.h"
#include "kernel_host.h"

#define LINKS 6

static struct inode *dir_a, *dir_b;

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

static struct inode *add(struct inode *dir, const char *name, uint32_t mode)
{
    struct inode *ip = inode_new(mode);
    require(ip && !dir_link(dir, name, ip));
    if (inode_is_dir(ip))
        ip->nlink++; /* its "." */
    return ip;
}

static void build_tree(void)
{
    kernel_host_memory(2048);
    vfs_init();
    dir_a = add(vfs_root(), "a", ASTRA_S_IFDIR | 0755);
    dir_b = add(dir_a, "b", ASTRA_S_IFDIR | 0755);
    add(dir_b, "c", ASTRA_S_IFDIR | 0755);
    struct inode *f = add(dir_a, "file", ASTRA_S_IFREG | 0644);
    require(ramfs_write(f, "data\n", 5, 0) == 5);
    struct inode *up = symlink_new("../..", 5);
    require(up && !dir_link(dir_b, "up", up));
}

static int documented(int r)
{
    return r == 0 || r == -ASTRA_ENOENT || r == -ASTRA_ENOTDIR || r == -ASTRA_ENAMETOOLONG ||
           r == -ASTRA_ELOOP;
}

/* The absolute path of a directory resolves back to it. */
static void check_dir_path(struct inode *dir)
{
    char path[ASTRA_PATH_MAX];
    long n = vfs_dir_path(dir, path, sizeof path);
    require(n == -ASTRA_ENAMETOOLONG || (n > 0 && (size_t)n == strlen(path) && path[0] == '/'));
    struct inode *back;
    if (n > 0)
        require(!vfs_lookup(vfs_root(), path, 1, &back) && back == dir);
}

static void look_up(const char *path)
{
    struct inode *at[] = { vfs_root(), dir_b };
    for (unsigned i = 0; i < 2; i++)
        for (int follow = 0; follow < 2; follow++) {
            struct inode *ip = 0;
            int r = vfs_lookup(at[i], path, follow, &ip);
            require(documented(r) && (r || ip));
            if (!r && inode_is_dir(ip))
                check_dir_path(ip);
        }
    struct inode *dir;
    char last[ASTRA_NAME_MAX + 1];
    int r = vfs_lookup_parent(dir_b, path, 1, &dir, last);
    require(documented(r));
    if (r)
        return;
    size_t n = strnlen(last, sizeof last);
    require(n > 0 && n < sizeof last && !strchr(last, '/') && inode_is_dir(dir));
    if (!strcmp(last, ".") || !strcmp(last, "..") || dir_lookup(dir, last))
        return;
    struct inode *made = add(dir, last, ASTRA_S_IFDIR | 0700);
    require(dir_lookup(dir, last) == made);
    check_dir_path(made);
    require(!dir_unlink(dir, last) && !dir_lookup(dir, last));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static size_t baseline;
    if (!baseline) {
        build_tree();
        baseline = pmm_free_frames();
    }
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    char *lines[LINKS + 1];
    int n = 0;
    for (char *s = text; n < LINKS + 1;) {
        lines[n++] = s;
        char *nl = strchr(s, '\n');
        if (!nl)
            break;
        *nl = 0;
        s = nl + 1;
    }
    /* Paths and link targets are C strings shorter than PATH_MAX, as the system calls copy
     * them in. */
    for (int i = 0; i < n; i++)
        if (strlen(lines[i]) >= ASTRA_PATH_MAX)
            lines[i][ASTRA_PATH_MAX - 1] = 0;
    char name[4] = "l0";
    for (int i = 0; i + 1 < n; i++) {
        size_t len = strlen(lines[i]);
        name[1] = (char)('0' + i);
        struct inode *link = len ? symlink_new(lines[i], len) : 0;
        require(!len || (link && !dir_link(dir_a, name, link)));
    }
    look_up(lines[n - 1]);
    for (int i = 0; i + 1 < n; i++) {
        name[1] = (char)('0' + i);
        require(!lines[i][0] || !dir_unlink(dir_a, name));
    }
    require(pmm_free_frames() == baseline);
    free(text);
    return 0;
}
