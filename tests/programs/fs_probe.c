/* The file system calls, straight to the kernel (no libc in between), printing every result
 * so that the output on Astra can be compared with Linux's; then libastra's realpath,
 * current_exe and flock across threads. Works in fresh directories under /tmp and prints
 * nothing that depends on the machine. */
#include <stdio.h>
#include <string.h>

#include <astra/abi.h>
#include <astra/astra.h>

#include "../../libastra/internal/syscall.h"
#include "probe.h"

#define SC0(n) astra_syscall0(ASTRA_NR_##n)
#define SC1(n, a) astra_syscall1(ASTRA_NR_##n, (long)(a))
#define SC2(n, a, b) astra_syscall2(ASTRA_NR_##n, (long)(a), (long)(b))
#define SC3(n, a, b, c) astra_syscall3(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c))
#define SC4(n, a, b, c, d) astra_syscall4(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), (long)(d))
#define SC5(n, a, b, c, d, e) astra_syscall5(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define SHOW(what, expr) printf("%-40s %s\n", what, probe_result(expr))

static char buf[8192];

static void list_dir(const char *path)
{
    long fd = SC3(open, path, ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0);
    char names[512] = "";
    long n;
    while ((n = SC3(getdents64, fd, buf, sizeof buf)) > 0)
        for (long off = 0; off < n;) {
            struct astra_dirent64 *d = (void *)(buf + off);
            char entry[300];
            snprintf(entry, sizeof entry, " %s(%d)", d->d_name, d->d_type);
            /* Linux lists in hash order: sort by insertion into a simple list instead. */
            if (strlen(names) + strlen(entry) < sizeof names)
                strcat(names, entry);
            off += d->d_reclen;
        }
    SC1(close, fd);
    /* Sort the words so both systems print the same. */
    char *words[32];
    int count = 0;
    for (char *w = strtok(names, " "); w && count < 32; w = strtok(NULL, " "))
        words[count++] = w;
    for (int i = 1; i < count; i++)
        for (int j = i; j > 0 && strcmp(words[j - 1], words[j]) > 0; j--) {
            char *t = words[j];
            words[j] = words[j - 1];
            words[j - 1] = t;
        }
    printf("%-40s", strrchr(path, '/') + 1);
    for (int i = 0; i < count; i++)
        printf(" %s", words[i]);
    printf("\n");
}

static void symlinks(void);
static void renames(void);
static void hard_links(void);
static void permissions_and_times(void);
static void flocks(void);
static void syncs_and_fchdir(void);
static void realpaths(void);
static void current_exe(void);

int main(void)
{
    char dir[64], path[128], other[128];
    snprintf(dir, sizeof dir, "/tmp/fs-probe-%ld", SC0(getpid));
    SHOW("mkdir dir", SC2(mkdir, dir, 0755));
    SHOW("mkdir dir again", SC2(mkdir, dir, 0755));
    SHOW("chdir dir", SC1(chdir, dir));

    SHOW("open missing", SC3(open, "missing", ASTRA_O_RDONLY, 0));
    long fd = SC3(open, "a", ASTRA_O_CREAT | ASTRA_O_EXCL | ASTRA_O_RDWR, 0640);
    SHOW("open O_CREAT|O_EXCL", fd >= 0 ? 0 : fd);
    SHOW("open O_CREAT|O_EXCL again", SC3(open, "a", ASTRA_O_CREAT | ASTRA_O_EXCL | ASTRA_O_RDWR, 0640));
    SHOW("write 10", SC3(write, fd, "0123456789", 10));
    SHOW("lseek SEEK_SET 2", SC3(lseek, fd, 2, ASTRA_SEEK_SET));
    SHOW("read 3", SC3(read, fd, buf, 3));
    printf("%-40s %.3s\n", "  data", buf);
    SHOW("lseek SEEK_END +4 (a hole)", SC3(lseek, fd, 4, ASTRA_SEEK_END));
    SHOW("write at 14", SC3(write, fd, "X", 1));
    SHOW("pread 15 at 0", SC4(pread64, fd, buf, 15, 0));
    printf("%-40s %d %d %c\n", "  hole bytes", buf[10], buf[13], buf[14]);
    SHOW("lseek negative", SC3(lseek, fd, -100, ASTRA_SEEK_SET));
    SHOW("lseek bad whence", SC3(lseek, fd, 0, 7));
    struct astra_stat st;
    SHOW("fstat", SC2(fstat, fd, &st));
    printf("%-40s size=%ld mode=%o nlink=%lu\n", "  stat", (long)st.st_size, st.st_mode, (unsigned long)st.st_nlink);
    SHOW("ftruncate 4", SC2(ftruncate, fd, 4));
    SHOW("ftruncate negative", SC2(ftruncate, fd, -1));
    SHOW("fstat after truncate", SC2(fstat, fd, &st));
    printf("%-40s size=%ld\n", "  stat", (long)st.st_size);
    SHOW("fsync", SC1(fsync, fd));

    SHOW("dup", SC1(dup, fd) > fd);
    SHOW("dup2 to 10", SC2(dup2, fd, 10));
    SHOW("dup2 bad old", SC2(dup2, 99, 10));
    SHOW("dup3 same fd", SC3(dup3, 10, 10, 0));
    SHOW("dup3 bad flags", SC3(dup3, fd, 11, 1));
    SHOW("fcntl F_GETFL", SC2(fcntl, fd, ASTRA_F_GETFL) & ASTRA_O_ACCMODE);
    SHOW("fcntl F_SETFD cloexec", SC3(fcntl, 10, ASTRA_F_SETFD, ASTRA_FD_CLOEXEC));
    SHOW("fcntl F_GETFD", SC2(fcntl, 10, ASTRA_F_GETFD));
    SHOW("fcntl F_DUPFD_CLOEXEC >= 20", SC3(fcntl, fd, ASTRA_F_DUPFD_CLOEXEC, 20));
    SHOW("fcntl bad cmd", SC2(fcntl, fd, 9999));
    SHOW("close 20", SC1(close, 20));
    SHOW("close 20 again", SC1(close, 20));
    int on = 1;
    SHOW("ioctl FIONBIO", SC3(ioctl, fd, ASTRA_FIONBIO, &on));
    SHOW("ioctl TCGETS on a file", SC3(ioctl, fd, ASTRA_TCGETS, buf));

    long app = SC3(open, "a", ASTRA_O_WRONLY | ASTRA_O_APPEND, 0);
    SHOW("open O_APPEND", app >= 0 ? 0 : app);
    SHOW("lseek 0 then write (appends)", SC3(lseek, app, 0, ASTRA_SEEK_SET));
    SHOW("write 2", SC3(write, app, "yz", 2));
    SHOW("pread all", SC4(pread64, fd, buf, 100, 0));
    printf("%-40s %.6s\n", "  data", buf);
    SHOW("read on a write-only fd", SC3(read, app, buf, 1));
    SHOW("write on a read-only fd", SC3(write, SC3(open, "a", ASTRA_O_RDONLY, 0), "x", 1));
    SHOW("open O_TRUNC", SC3(open, "a", ASTRA_O_RDWR | ASTRA_O_TRUNC, 0) >= 0);
    SHOW("fstat after O_TRUNC", SC2(fstat, fd, &st));
    printf("%-40s size=%ld\n", "  stat", (long)st.st_size);

    /* removed while open: still readable */
    SHOW("write after truncate", SC4(pwrite64, fd, "still here", 10, 0));
    SHOW("unlink a", SC1(unlink, "a"));
    SHOW("stat a after unlink", SC2(stat, "a", &st));
    SHOW("pread the unlinked file", SC4(pread64, fd, buf, 10, 0));
    printf("%-40s %.10s\n", "  data", buf);
    SHOW("fstat the unlinked file", SC2(fstat, fd, &st));
    printf("%-40s nlink=%lu\n", "  stat", (unsigned long)st.st_nlink);

    /* directories */
    SHOW("mkdir sub", SC2(mkdir, "sub", 0700));
    SHOW("mkdir sub/deeper", SC2(mkdir, "sub/deeper", 0700));
    SHOW("open sub for writing", SC3(open, "sub", ASTRA_O_WRONLY, 0));
    SHOW("read a directory", SC3(read, SC3(open, "sub", ASTRA_O_RDONLY, 0), buf, 10));
    SHOW("create file f", SC3(open, "sub/f", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600) >= 0);
    SHOW("open f/ (file as a directory)", SC3(open, "sub/f/", ASTRA_O_RDONLY, 0));
    SHOW("open f with O_DIRECTORY", SC3(open, "sub/f", ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0));
    SHOW("mkdir under a file", SC2(mkdir, "sub/f/x", 0700));
    SHOW("rmdir a non-empty directory", SC1(rmdir, "sub"));
    SHOW("rmdir a file", SC1(rmdir, "sub/f"));
    SHOW("unlink a directory", SC1(unlink, "sub/deeper"));
    SHOW("rmdir missing", SC1(rmdir, "sub/nothing"));
    snprintf(path, sizeof path, "%s/sub", dir);
    list_dir(path);
    SHOW("rename f -> g", SC2(rename, "sub/f", "sub/g"));
    SHOW("rename missing", SC2(rename, "sub/f", "sub/h"));
    SHOW("rename a file over a directory", SC2(rename, "sub/g", "sub/deeper"));
    SHOW("rename a directory over a file", SC2(rename, "sub/deeper", "sub/g"));
    SHOW("rename a directory into itself", SC2(rename, "sub", "sub/deeper/sub"));
    SHOW("create file h", SC3(open, "sub/h", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600) >= 0);
    SHOW("rename g over h (replaces)", SC2(rename, "sub/g", "sub/h"));
    SHOW("rename deeper -> moved", SC2(rename, "sub/deeper", "moved"));
    list_dir(path);
    SHOW("rmdir moved", SC1(rmdir, "moved"));
    SHOW("unlink sub/h", SC1(unlink, "sub/h"));
    SHOW("rmdir sub", SC1(rmdir, "sub"));

    /* paths */
    static char longpath[5000];
    memset(longpath, 'a', sizeof longpath - 1);
    SHOW("open a path longer than PATH_MAX", SC3(open, longpath, ASTRA_O_RDONLY, 0));
    memset(longpath, 'b', 300);
    longpath[300] = 0;
    SHOW("open a 300-byte name", SC3(open, longpath, ASTRA_O_RDONLY, 0));
    SHOW("open an unmapped path", SC3(open, 16, ASTRA_O_RDONLY, 0));
    SHOW("open an empty path", SC3(open, "", ASTRA_O_RDONLY, 0));
    SHOW("read into an unmapped buffer", SC3(read, SC3(open, "/dev/zero", ASTRA_O_RDONLY, 0), 16, 10));
    SHOW("read a bad fd", SC3(read, 777, buf, 1));
    SHOW("write a negative fd", SC3(write, -3, buf, 1));
    SHOW("close a bad fd", SC1(close, 1000));
    SHOW("getcwd small buffer", SC2(getcwd, other, 4));
    SHOW("getcwd", SC2(getcwd, other, sizeof other) > 0 && !strcmp(other, dir));
    SHOW("chdir to a file", SC1(chdir, "/dev/null"));
    SHOW("chdir /", SC1(chdir, "/"));
    SHOW("rmdir dir", SC1(rmdir, dir));

    /* devices */
    long z = SC3(open, "/dev/zero", ASTRA_O_RDONLY, 0);
    memset(buf, 7, 16);
    SHOW("read /dev/zero", SC3(read, z, buf, 16));
    printf("%-40s %d\n", "  zero bytes", buf[0] + buf[15]);
    long nul = SC3(open, "/dev/null", ASTRA_O_RDWR, 0);
    SHOW("write /dev/null", SC3(write, nul, buf, 100));
    SHOW("read /dev/null", SC3(read, nul, buf, 100));
    SHOW("read /dev/urandom", SC3(read, SC3(open, "/dev/urandom", ASTRA_O_RDONLY, 0), buf, 64));

    /* eventfd and poll */
    long efd = astra_syscall2(ASTRA_NR_eventfd2, 3, ASTRA_EFD_NONBLOCK);
    uint64_t v = 0;
    SHOW("eventfd read", SC3(read, efd, &v, 8));
    printf("%-40s %lu\n", "  value", (unsigned long)v);
    SHOW("eventfd read when zero", SC3(read, efd, &v, 8));
    SHOW("eventfd short read", SC3(read, efd, &v, 4));
    v = 5;
    SHOW("eventfd write", SC3(write, efd, &v, 8));
    struct astra_pollfd pfd[3] = { { (int)efd, ASTRA_POLLIN, 0 }, { 99, ASTRA_POLLIN, 0 }, { -1, ASTRA_POLLIN, 0 } };
    SHOW("poll", SC3(poll, pfd, 3, 0));
    printf("%-40s %x %x %x\n", "  revents", pfd[0].revents, pfd[1].revents, pfd[2].revents);
    SHOW("eventfd bad flags", SC2(eventfd2, 0, 0x40000000));
    struct astra_pollfd pri = { (int)efd, ASTRA_POLLPRI, 0 };
    SHOW("poll with a timeout, nothing ready", SC3(poll, &pri, 1, 20));

    symlinks();
    renames();
    hard_links();
    permissions_and_times();
    flocks();
    syncs_and_fchdir();
    realpaths();
    current_exe();
    return 0;
}

/* ---- symbolic links, renames, links, attributes, locks: each part in its own directory ---- */

static char base[64];

/* Makes and enters a fresh directory for one part; base holds its absolute path. */
static void enter_part(const char *name)
{
    printf("-- %s\n", name);
    snprintf(base, sizeof base, "/tmp/fs-probe-%s-%ld", name, SC0(getpid));
    if (SC2(mkdir, base, 0755) || SC1(chdir, base))
        printf("cannot make %s\n", name);
}

/* Leaves the part's directory, removing what `names` lists (deepest first). */
static void leave_part(const char *const names[])
{
    int failed = SC1(chdir, base) != 0;
    for (int i = 0; names[i]; i++) {
        long r = SC1(unlink, names[i]);
        if (r == -ASTRA_EISDIR)
            r = SC1(rmdir, names[i]);
        failed |= r != 0 && r != -ASTRA_ENOENT;
    }
    SC1(chdir, "/");
    SHOW("  cleanup", failed ? -1 : SC1(rmdir, base));
}

static void touch(const char *path, const char *content)
{
    long fd = SC3(open, path, ASTRA_O_CREAT | ASTRA_O_WRONLY | ASTRA_O_TRUNC, 0644);
    SC3(write, fd, content, strlen(content));
    SC1(close, fd);
}

/* A path with the part's directory shown as <base>. */
static const char *shown(const char *path)
{
    static char out[512];
    size_t n = strlen(base);
    if (!strncmp(path, base, n))
        snprintf(out, sizeof out, "<base>%s", path + n);
    else
        snprintf(out, sizeof out, "%s", path);
    return out;
}

static const char *type_of(uint32_t mode)
{
    switch (mode & ASTRA_S_IFMT) {
    case ASTRA_S_IFREG: return "file";
    case ASTRA_S_IFDIR: return "dir";
    case ASTRA_S_IFLNK: return "link";
    case ASTRA_S_IFCHR: return "chr";
    default: return "other";
    }
}

/* stat or lstat, printed as the result and then type, permissions and size. */
static void show_stat(const char *what, int nr, const char *path)
{
    struct astra_stat st;
    long r = astra_syscall2(nr, (long)path, (long)&st);
    if (r)
        SHOW(what, r);
    else
        printf("%-40s %s %o size=%ld\n", what, type_of(st.st_mode), st.st_mode & 07777,
               (st.st_mode & ASTRA_S_IFMT) == ASTRA_S_IFDIR ? 0 : (long)st.st_size);
}

static void show_readlink(const char *what, int dirfd, const char *path, size_t size)
{
    char target[256];
    long r = SC4(readlinkat, dirfd, path, target, size < sizeof target ? size : sizeof target);
    if (r < 0)
        SHOW(what, r);
    else
        printf("%-40s %ld \"%.*s\"\n", what, r, (int)r, target);
}

/* readlink of an absolute link into the part's directory. */
static void show_absolute_readlink(const char *what, const char *path)
{
    char target[256];
    long r = SC3(readlink, path, target, sizeof target - 1);
    target[r > 0 ? r : 0] = 0;
    if (r < 0)
        SHOW(what, r);
    else
        printf("%-40s %s\n", what, shown(target));
}

static void symlinks(void)
{
    enter_part("symlinks");
    SHOW("mkdir dir/sub", SC2(mkdir, "dir", 0755) || SC2(mkdir, "dir/sub", 0755));
    touch("file", "content");
    touch("dir/inner", "inner");
    SHOW("symlink lfile -> file", SC2(symlink, "file", "lfile"));
    SHOW("symlink ldir -> dir", SC2(symlink, "dir", "ldir"));
    SHOW("symlink dangling -> nothing", SC2(symlink, "nothing", "dangling"));
    SHOW("symlink loop1 -> loop2", SC2(symlink, "loop2", "loop1"));
    SHOW("symlink loop2 -> loop1", SC2(symlink, "loop1", "loop2"));
    SHOW("symlink self -> self", SC2(symlink, "self", "self"));
    SHOW("symlink deep -> dir/sub", SC2(symlink, "dir/sub", "deep"));
    char abs[128];
    snprintf(abs, sizeof abs, "%s/dir", base);
    SHOW("symlink labs -> <base>/dir", SC2(symlink, abs, "labs"));
    SHOW("symlinkat dir/up -> ../file", SC3(symlinkat, "../file", SC3(open, "dir", ASTRA_O_RDONLY, 0), "up"));
    /* chain/c0 -> c1 -> ... -> c40 -> file */
    SHOW("mkdir chain", SC2(mkdir, "chain", 0755));
    char name[32], next[32];
    for (int i = 0; i <= 40; i++) {
        snprintf(name, sizeof name, "chain/c%d", i);
        snprintf(next, sizeof next, i == 40 ? "../file" : "c%d", i + 1);
        SC2(symlink, next, name);
    }

    SHOW("symlink over an existing name", SC2(symlink, "x", "file"));
    SHOW("symlink over an existing link", SC2(symlink, "x", "dangling"));
    SHOW("symlink to newname/", SC2(symlink, "x", "newname/"));
    SHOW("symlink to dir/ (exists)", SC2(symlink, "x", "dir/"));
    SHOW("symlink with an empty target", SC2(symlink, "", "empty"));
    SHOW("symlink named .", SC2(symlink, "x", "."));
    SHOW("symlink under a file", SC2(symlink, "x", "file/x"));
    SHOW("symlink in a missing directory", SC2(symlink, "x", "missing/x"));
    SHOW("symlink unmapped target", SC2(symlink, 16, "x"));
    SHOW("symlink unmapped linkpath", SC2(symlink, "x", 16));
    static char huge[ASTRA_PATH_MAX + 10];
    memset(huge, 'a', sizeof huge - 1);
    SHOW("symlink target of PATH_MAX bytes", SC2(symlink, huge, "x"));
    huge[ASTRA_PATH_MAX - 1] = 0;
    SHOW("symlink target of PATH_MAX-1 bytes", SC2(symlink, huge, "long"));
    show_stat("  lstat long", ASTRA_NR_lstat, "long");
    SHOW("symlinkat bad dirfd", SC3(symlinkat, "x", 99, "x"));
    SHOW("symlinkat dirfd is a file", SC3(symlinkat, "x", SC3(open, "file", ASTRA_O_RDONLY, 0), "x"));
    SHOW("symlinkat bad dirfd, absolute path", SC3(symlinkat, "x", 99, "/tmp/../nonexistent-dir/x"));

    show_readlink("readlink lfile", ASTRA_AT_FDCWD, "lfile", 100);
    show_readlink("readlink 2 bytes of ldir", ASTRA_AT_FDCWD, "ldir", 2);
    show_readlink("readlink dangling", ASTRA_AT_FDCWD, "dangling", 100);
    show_absolute_readlink("readlink labs", "labs");
    show_readlink("readlinkat dir/up", SC3(open, "dir", ASTRA_O_RDONLY, 0), "up", 100);
    show_readlink("readlinkat bad dirfd", 99, "up", 100);
    show_readlink("readlink size 0", ASTRA_AT_FDCWD, "lfile", 0);
    SHOW("readlink size 0 of a missing path", SC3(readlink, "missing", buf, 0));
    SHOW("readlink size -1", SC3(readlink, "lfile", buf, -1L));
    SHOW("readlink size 2^32", SC3(readlink, "lfile", buf, 1L << 32));
    SHOW("readlink missing", SC3(readlink, "missing", buf, 10));
    SHOW("readlink a file", SC3(readlink, "file", buf, 10));
    SHOW("readlink ldir/ (follows)", SC3(readlink, "ldir/", buf, 10));
    SHOW("readlink lfile/", SC3(readlink, "lfile/", buf, 10));
    SHOW("readlink loop1/x", SC3(readlink, "loop1/x", buf, 10));
    SHOW("readlink unmapped buffer", SC3(readlink, "lfile", 16, 10));
    SHOW("readlink unmapped path", SC3(readlink, 16, buf, 10));
    SHOW("readlinkat empty path", SC4(readlinkat, ASTRA_AT_FDCWD, "", buf, 10));
    /* the long target, read whole */
    long n = SC3(readlink, "long", huge, sizeof huge);
    SHOW("readlink the PATH_MAX-1 target", n == ASTRA_PATH_MAX - 1 && huge[n - 1] == 'a' ? n : -1);

    show_stat("lstat lfile", ASTRA_NR_lstat, "lfile");
    show_stat("stat lfile", ASTRA_NR_stat, "lfile");
    show_stat("lstat ldir", ASTRA_NR_lstat, "ldir");
    show_stat("lstat ldir/ (follows)", ASTRA_NR_lstat, "ldir/");
    show_stat("lstat lfile/", ASTRA_NR_lstat, "lfile/");
    show_stat("lstat dangling", ASTRA_NR_lstat, "dangling");
    show_stat("stat dangling", ASTRA_NR_stat, "dangling");
    show_stat("lstat dangling/", ASTRA_NR_lstat, "dangling/");
    show_stat("stat loop1", ASTRA_NR_stat, "loop1");
    show_stat("lstat loop1", ASTRA_NR_lstat, "loop1");
    show_stat("stat self", ASTRA_NR_stat, "self");
    show_stat("stat loop1/x", ASTRA_NR_stat, "loop1/x");
    show_stat("lstat loop1/x", ASTRA_NR_lstat, "loop1/x");
    show_stat("stat chain/c1 (40 links)", ASTRA_NR_stat, "chain/c1");
    show_stat("stat chain/c0 (41 links)", ASTRA_NR_stat, "chain/c0");
    show_stat("stat chain/c1/x (40 links, then x)", ASTRA_NR_stat, "chain/c1/x");
    /* Long targets nested in each other: m1 -> "m2/./././...", ..., m5 -> "dir", each about
     * 3000 bytes, so more than 8 KiB of path are pending at once; and a long link to itself. */
    static char target[ASTRA_PATH_MAX];
    for (int i = 1; i <= 5; i++) {
        snprintf(target, sizeof target, i == 5 ? "dir" : "m%d", i + 1);
        for (int k = 0; k < 1500; k++)
            strcat(target, "/.");
        snprintf(name, sizeof name, "m%d", i);
        SC2(symlink, target, name);
    }
    show_stat("stat m1/inner (long nested targets)", ASTRA_NR_stat, "m1/inner");
    memset(target, 'a', 4000);
    memcpy(target, "longself/", 9);
    target[4000] = 0;
    SC2(symlink, target, "longself");
    show_stat("stat longself (a long link to itself)", ASTRA_NR_stat, "longself");
    show_stat("stat ldir/inner", ASTRA_NR_stat, "ldir/inner");
    show_stat("stat labs/inner", ASTRA_NR_stat, "labs/inner");
    show_stat("stat lfile/x", ASTRA_NR_stat, "lfile/x");
    show_stat("stat dangling/x", ASTRA_NR_stat, "dangling/x");
    show_stat("stat deep/../inner (physical ..)", ASTRA_NR_stat, "deep/../inner");
    show_stat("stat dir/up", ASTRA_NR_stat, "dir/up");
    struct astra_stat st;
    SHOW("newfstatat ldir AT_SYMLINK_NOFOLLOW", SC4(newfstatat, ASTRA_AT_FDCWD, "ldir", &st, ASTRA_AT_SYMLINK_NOFOLLOW));
    printf("%-40s %s size=%ld\n", "  stat", type_of(st.st_mode), (long)st.st_size);
    SHOW("newfstatat ldir following", SC4(newfstatat, ASTRA_AT_FDCWD, "ldir", &st, 0));
    printf("%-40s %s\n", "  stat", type_of(st.st_mode));
    SHOW("newfstatat bad flags", SC4(newfstatat, ASTRA_AT_FDCWD, "ldir", &st, 0x4));
    SHOW("newfstatat empty path, AT_FDCWD", SC4(newfstatat, ASTRA_AT_FDCWD, "", &st, ASTRA_AT_EMPTY_PATH));
    printf("%-40s %s\n", "  stat", type_of(st.st_mode));

    long fd = SC3(open, "lfile", ASTRA_O_RDONLY, 0);
    SHOW("open lfile, read", SC3(read, fd, buf, 100));
    printf("%-40s %.7s\n", "  data", buf);
    SHOW("open lfile O_NOFOLLOW", SC3(open, "lfile", ASTRA_O_RDONLY | ASTRA_O_NOFOLLOW, 0));
    SHOW("open ldir O_NOFOLLOW", SC3(open, "ldir", ASTRA_O_RDONLY | ASTRA_O_NOFOLLOW, 0));
    SHOW("open ldir/ O_NOFOLLOW", SC3(open, "ldir/", ASTRA_O_RDONLY | ASTRA_O_NOFOLLOW, 0) >= 0);
    SHOW("open ldir O_NOFOLLOW|O_DIRECTORY", SC3(open, "ldir", ASTRA_O_RDONLY | ASTRA_O_NOFOLLOW | ASTRA_O_DIRECTORY, 0));
    SHOW("open ldir O_DIRECTORY", SC3(open, "ldir", ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0) >= 0);
    SHOW("open dangling", SC3(open, "dangling", ASTRA_O_RDONLY, 0));
    SHOW("open loop1", SC3(open, "loop1", ASTRA_O_RDONLY, 0));
    SHOW("open chain/c1 (40 links)", SC3(open, "chain/c1", ASTRA_O_RDONLY, 0) >= 0);
    SHOW("open chain/c0 (41 links)", SC3(open, "chain/c0", ASTRA_O_RDONLY, 0));
    SHOW("open lfile/x", SC3(open, "lfile/x", ASTRA_O_RDONLY, 0));
    SHOW("open dangling O_CREAT|O_EXCL", SC3(open, "dangling", ASTRA_O_CREAT | ASTRA_O_EXCL | ASTRA_O_WRONLY, 0600));
    SHOW("open dangling O_CREAT|O_NOFOLLOW", SC3(open, "dangling", ASTRA_O_CREAT | ASTRA_O_NOFOLLOW | ASTRA_O_WRONLY, 0600));
    SHOW("open loop1 O_CREAT", SC3(open, "loop1", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600));
    SHOW("open lfile/ O_CREAT", SC3(open, "lfile/", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600));
    SHOW("open file/ O_CREAT", SC3(open, "file/", ASTRA_O_CREAT | ASTRA_O_RDONLY, 0600));
    SHOW("open dangling O_CREAT (makes nothing)", SC3(open, "dangling", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600) >= 0);
    show_stat("  stat nothing", ASTRA_NR_stat, "nothing");
    show_stat("  stat dangling", ASTRA_NR_stat, "dangling");
    SHOW("open ldir/new O_CREAT", SC3(open, "ldir/new", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600) >= 0);
    show_stat("  stat dir/new", ASTRA_NR_stat, "dir/new");
    SHOW("open lfile O_TRUNC through the link", SC3(open, "lfile", ASTRA_O_WRONLY | ASTRA_O_TRUNC, 0) >= 0);
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("mkdir over a dangling link", SC2(mkdir, "dangling", 0755));
    SHOW("mkdir dangling/", SC2(mkdir, "dangling/", 0755));
    SHOW("mkdir ldir/made", SC2(mkdir, "ldir/made", 0755));
    show_stat("  stat dir/made", ASTRA_NR_stat, "dir/made");

    snprintf(abs, sizeof abs, "%s/.", base);
    list_dir(abs);
    snprintf(abs, sizeof abs, "%s/dir", base);
    list_dir(abs);

    long here = SC3(open, ".", ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0);
    SHOW("chdir ldir", SC1(chdir, "ldir"));
    char cwd[256];
    SHOW("  getcwd", SC2(getcwd, cwd, sizeof cwd) > 0);
    printf("%-40s %s\n", "  cwd", shown(cwd));
    SHOW("chdir loop1", SC1(chdir, "../loop1"));
    SHOW("chdir ../lfile", SC1(chdir, "../lfile"));
    SHOW("fchdir back", SC1(fchdir, here));
    SHOW("  getcwd", SC2(getcwd, cwd, sizeof cwd) > 0);
    printf("%-40s %s\n", "  cwd", shown(cwd));

    SHOW("rmdir ldir", SC1(rmdir, "ldir"));
    SHOW("rmdir ldir/", SC1(rmdir, "ldir/"));
    SHOW("unlink ldir/", SC1(unlink, "ldir/"));
    SHOW("unlink lfile/", SC1(unlink, "lfile/"));
    SHOW("unlink file/", SC1(unlink, "file/"));
    SHOW("unlink dir/", SC1(unlink, "dir/"));
    SHOW("unlink missing/", SC1(unlink, "missing/"));
    SHOW("rmdir dir/made/", SC1(rmdir, "dir/made/"));
    SHOW("unlink lfile", SC1(unlink, "lfile"));
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("unlink ldir", SC1(unlink, "ldir"));
    show_stat("  stat dir", ASTRA_NR_stat, "dir");

    static const char *const names[] = { "dir/sub", "dir/inner", "dir/up", "dir/new", "dir", "file", "dangling",
                                         "nothing", "loop1", "loop2", "self", "deep", "labs", "long", "m1", "m2",
                                         "m3", "m4", "m5", "longself", NULL };
    for (int i = 0; i <= 40; i++) {
        snprintf(name, sizeof name, "chain/c%d", i);
        SC1(unlink, name);
    }
    SC1(rmdir, "chain");
    leave_part(names);
}

static void renames(void)
{
    char abs[128];
    enter_part("renames");
    SC2(mkdir, "dir", 0755), SC2(mkdir, "dir/sub", 0755), SC2(mkdir, "full", 0755), SC2(mkdir, "empty", 0755);
    touch("file", "f"), touch("file2", "f2"), touch("full/x", "x"), touch("dir/sub/f", "f");
    SC2(symlink, "dir", "ldir"), SC2(symlink, "nothing", "dangling");
    SC2(link, "file", "hard");
#define RENAME(what, a, b, flags) SHOW(what, SC5(renameat2, ASTRA_AT_FDCWD, a, ASTRA_AT_FDCWD, b, flags))
    SHOW("rename a directory over a non-empty one", SC2(rename, "dir", "full"));
    SHOW("rename a directory over a file", SC2(rename, "dir", "file"));
    SHOW("rename a file over a directory", SC2(rename, "file", "dir"));
    SHOW("rename a directory into its subtree", SC2(rename, "dir", "dir/sub/x"));
    SHOW("rename dir -> dir/sub", SC2(rename, "dir", "dir/sub"));
    SHOW("rename dir -> dir", SC2(rename, "dir", "dir"));
    SHOW("rename dir/sub/f over an ancestor", SC2(rename, "dir/sub/f", "dir"));
    SHOW("rename dir/sub over its parent", SC2(rename, "dir/sub", "dir"));
    SHOW("rename dir/sub/f over its directory", SC2(rename, "dir/sub/f", "dir/sub"));
    SHOW("rename file -> file/", SC2(rename, "file", "file/"));
    SHOW("rename file -> newname/", SC2(rename, "file", "newname/"));
    SHOW("rename file/ -> newname", SC2(rename, "file/", "newname"));
    SHOW("rename ldir/ -> x", SC2(rename, "ldir/", "x"));
    SHOW("rename ldir -> x/", SC2(rename, "ldir", "x/"));
    SHOW("rename empty -> moved/", SC2(rename, "empty", "moved/"));
    SHOW("rename moved/ -> empty", SC2(rename, "moved/", "empty"));
    SHOW("rename . -> x", SC2(rename, ".", "x"));
    SHOW("rename file -> .", SC2(rename, "file", "."));
    SHOW("rename file -> ..", SC2(rename, "file", ".."));
    SHOW("rename / -> x", SC2(rename, "/", "x"));
    SHOW("rename file -> /", SC2(rename, "file", "/"));
    SHOW("rename missing -> x", SC2(rename, "missing", "x"));
    SHOW("rename file -> missing/x", SC2(rename, "file", "missing/x"));
    SHOW("rename file -> file/x", SC2(rename, "file", "file/x"));
    SHOW("rename unmapped old", SC2(rename, 16, "x"));
    SHOW("rename unmapped new", SC2(rename, "file", 16));
    SHOW("rename missing, unmapped new", SC2(rename, "missing", 16));
    SHOW("rename file -> hard (same inode)", SC2(rename, "file", "hard"));
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("rename a dangling link", SC2(rename, "dangling", "dangling2"));
    show_stat("  lstat dangling2", ASTRA_NR_lstat, "dangling2");
    SHOW("rename dangling2 -> dangling", SC2(rename, "dangling2", "dangling"));
    SHOW("rename a directory over an empty one", SC2(rename, "dir", "empty"));
    show_stat("  stat empty/sub", ASTRA_NR_stat, "empty/sub");
    SHOW("rename it back", SC2(rename, "empty", "dir"));
    SHOW("rename a directory over a link", SC2(rename, "dir", "ldir"));
    SHOW("rename a link over a directory", SC2(rename, "ldir", "dir"));
    SHOW("rename a link over a file", SC2(rename, "ldir", "file2"));
    show_stat("  lstat file2", ASTRA_NR_lstat, "file2");
    show_stat("  stat file2/sub", ASTRA_NR_stat, "file2/sub");
    SHOW("rename file2 -> ldir", SC2(rename, "file2", "ldir"));
    touch("file2", "f2");
    SHOW("renameat bad olddirfd", SC4(renameat, 99, "file", ASTRA_AT_FDCWD, "x"));
    SHOW("renameat bad newdirfd", SC4(renameat, ASTRA_AT_FDCWD, "file", 99, "x"));
    SHOW("renameat olddirfd is a file", SC4(renameat, SC3(open, "file", ASTRA_O_RDONLY, 0), "x", ASTRA_AT_FDCWD, "y"));
    long d = SC3(open, "dir", ASTRA_O_RDONLY, 0);
    SHOW("renameat between directories", SC4(renameat, d, "sub", ASTRA_AT_FDCWD, "moved"));
    SHOW("renameat it back", SC4(renameat, ASTRA_AT_FDCWD, "moved", d, "sub"));

    RENAME("renameat2 NOREPLACE onto a file", "file", "file2", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE onto itself", "file", "file", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE to a new name", "file", "newname", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE back", "newname", "file", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE . -> x", ".", "x", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE file -> .", "file", ".", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE missing", "missing", "file2", ASTRA_RENAME_NOREPLACE);
    RENAME("renameat2 NOREPLACE|EXCHANGE", "file", "file2", ASTRA_RENAME_NOREPLACE | ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE|WHITEOUT", "file", "file2", ASTRA_RENAME_EXCHANGE | ASTRA_RENAME_WHITEOUT);
    RENAME("renameat2 flag 8", "file", "file2", 8);
    RENAME("renameat2 flag 1<<31", "file", "file2", 1U << 31);
    RENAME("renameat2 flag 8, missing", "missing", "x", 8);
    RENAME("renameat2 EXCHANGE with a missing new", "file", "missing", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE with a missing old", "missing", "file", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE file and dir", "file", "dir", ASTRA_RENAME_EXCHANGE);
    show_stat("  stat dir", ASTRA_NR_stat, "dir");
    show_stat("  stat file/sub", ASTRA_NR_stat, "file/sub");
    struct astra_stat st;
    SC2(stat, ".", &st);
    printf("%-40s %lu\n", "  nlink of .", (unsigned long)st.st_nlink);
    RENAME("renameat2 EXCHANGE them back", "file", "dir", ASTRA_RENAME_EXCHANGE);
    show_stat("  stat dir/sub", ASTRA_NR_stat, "dir/sub");
    RENAME("renameat2 EXCHANGE dir, dir/sub", "dir", "dir/sub", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE dir/sub, dir", "dir/sub", "dir", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE file, file", "file", "file", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE file, hard", "file", "hard", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE dir, full", "dir", "full", ASTRA_RENAME_EXCHANGE);
    show_stat("  stat dir/x", ASTRA_NR_stat, "dir/x");
    show_stat("  stat full/sub/f", ASTRA_NR_stat, "full/sub/f");
    RENAME("renameat2 EXCHANGE dir/ full/", "dir/", "full/", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE file/ dir", "file/", "dir", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE dir file/", "dir", "file/", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE . file", ".", "file", ASTRA_RENAME_EXCHANGE);
    RENAME("renameat2 EXCHANGE dir/sub/f, file2", "dir/sub/f", "file2", ASTRA_RENAME_EXCHANGE);
    show_readlink("  readlink ldir", ASTRA_AT_FDCWD, "ldir", 100);
    SC5(renameat2, ASTRA_AT_FDCWD, "dir/sub/f", ASTRA_AT_FDCWD, "file2", ASTRA_RENAME_EXCHANGE);
    snprintf(abs, sizeof abs, "%s/.", base);
    list_dir(abs);
#undef RENAME
    static const char *const names[] = { "dir/sub/f", "dir/sub", "dir", "full/x", "full", "empty", "file", "file2",
                                         "hard", "ldir", "dangling", NULL };
    leave_part(names);
}

static void hard_links(void)
{
    enter_part("links");
    SC2(mkdir, "dir", 0755);
    touch("file", "f"), touch("file2", "f2");
    SC2(symlink, "file", "lfile"), SC2(symlink, "nothing", "dangling");
#define LINKAT(what, a, b, flags) SHOW(what, SC5(linkat, ASTRA_AT_FDCWD, a, ASTRA_AT_FDCWD, b, flags))
    SHOW("link a directory", SC2(link, "dir", "x"));
    SHOW("link onto an existing file", SC2(link, "file", "file2"));
    SHOW("link a directory onto a file", SC2(link, "dir", "file2"));
    SHOW("link missing", SC2(link, "missing", "x"));
    SHOW("link into a missing directory", SC2(link, "file", "missing/x"));
    SHOW("link to newname/", SC2(link, "file", "newname/"));
    SHOW("link file/", SC2(link, "file/", "newname"));
    SHOW("link to .", SC2(link, "file", "."));
    SHOW("link unmapped", SC2(link, 16, "x"));
    SHOW("link a dangling link (the link itself)", SC2(link, "dangling", "hl"));
    show_stat("  lstat hl", ASTRA_NR_lstat, "hl");
    SHOW("link lfile (the link itself)", SC2(link, "lfile", "hl2"));
    show_stat("  lstat hl2", ASTRA_NR_lstat, "hl2");
    LINKAT("linkat FOLLOW lfile", "lfile", "hl3", ASTRA_AT_SYMLINK_FOLLOW);
    struct astra_stat st;
    SHOW("  lstat hl3", SC2(lstat, "hl3", &st));
    printf("%-40s %s nlink=%lu\n", "  stat", type_of(st.st_mode), (unsigned long)st.st_nlink);
    LINKAT("linkat FOLLOW dangling", "dangling", "hl4", ASTRA_AT_SYMLINK_FOLLOW);
    LINKAT("linkat bad flags", "file", "hl4", 1);
    LINKAT("linkat bad flags, missing", "missing", "hl4", 1);
    SHOW("linkat bad olddirfd", SC5(linkat, 99, "file", ASTRA_AT_FDCWD, "hl4", 0));
    SHOW("linkat bad newdirfd", SC5(linkat, ASTRA_AT_FDCWD, "file", 99, "hl4", 0));
    SHOW("linkat empty path, no AT_EMPTY_PATH", SC5(linkat, SC3(open, "file", ASTRA_O_RDONLY, 0), "", ASTRA_AT_FDCWD, "hl4", 0));
    SHOW("linkat dirfd-relative", SC5(linkat, SC3(open, "dir", ASTRA_O_RDONLY, 0), "../file", ASTRA_AT_FDCWD, "dir/hl5", 0));
    SHOW("  stat file", SC2(stat, "file", &st));
    printf("%-40s nlink=%lu\n", "  stat", (unsigned long)st.st_nlink);
#undef LINKAT
    static const char *const names[] = { "dir/hl5", "dir", "file", "file2", "lfile", "dangling", "hl", "hl2", "hl3",
                                         NULL };
    leave_part(names);
}

/* Whether t is within 5 s of now (the clocks of files and of clock_gettime differ in grain). */
static int recent(struct astra_timespec t)
{
    struct astra_timespec now;
    SC2(clock_gettime, ASTRA_CLOCK_REALTIME, &now);
    long d = (long)(now.tv_sec - t.tv_sec);
    return d >= -5 && d <= 5;
}

static void show_times(const char *what, int nr, const char *path)
{
    struct astra_stat st;
    long r = astra_syscall2(nr, (long)path, (long)&st);
    if (r) {
        SHOW(what, r);
        return;
    }
    printf("%-40s", what);
    const struct astra_timespec *t[2] = { &st.st_atim, &st.st_mtim };
    for (int i = 0; i < 2; i++) {
        if (recent(*t[i]))
            printf(" %s", "now");
        else
            printf(" %ld.%09ld", (long)t[i]->tv_sec, (long)t[i]->tv_nsec);
    }
    printf(" ctime %s\n", recent(st.st_ctim) ? "now" : "old");
}

static void permissions_and_times(void)
{
    enter_part("attributes");
    SC2(mkdir, "dir", 0755);
    touch("file", "f");
    SC2(symlink, "file", "lfile"), SC2(symlink, "nothing", "dangling");
    SHOW("chmod file 0600", SC2(chmod, "file", 0600));
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("chmod lfile 0640 (the target)", SC2(chmod, "lfile", 0640));
    show_stat("  lstat lfile", ASTRA_NR_lstat, "lfile");
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("chmod file 0107777 (type bits ignored)", SC2(chmod, "file", 0107777));
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("chmod file 0170644", SC2(chmod, "file", 0170644));
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("chmod dangling", SC2(chmod, "dangling", 0600));
    SHOW("chmod missing", SC2(chmod, "missing", 0600));
    SHOW("chmod file/", SC2(chmod, "file/", 0600));
    SHOW("chmod unmapped", SC2(chmod, 16, 0600));
    SHOW("chmod empty path", SC2(chmod, "", 0600));
    long fd = SC3(open, "dir", ASTRA_O_RDONLY, 0);
    SHOW("fchmod a directory 0700", SC2(fchmod, fd, 0700));
    show_stat("  stat dir", ASTRA_NR_stat, "dir");
    SHOW("fchmod bad fd", SC2(fchmod, 99, 0700));
    SHOW("fchmod -1", SC2(fchmod, -1, 0700));
    SHOW("fchmodat dir-relative", SC3(fchmodat, fd, "../file", 0604));
    show_stat("  stat file", ASTRA_NR_stat, "file");
    SHOW("fchmodat bad dirfd", SC3(fchmodat, 99, "file", 0600));
    char abs[128];
    snprintf(abs, sizeof abs, "%s/file", base);
    SHOW("fchmodat bad dirfd, absolute path", SC3(fchmodat, 99, abs, 0644));
    SHOW("fchmodat dirfd is a file", SC3(fchmodat, SC3(open, "file", ASTRA_O_RDONLY, 0), "x", 0600));

    struct astra_timespec t[2] = { { 1000000000, 123456789 }, { 1100000000, 5 } };
#define UTIMENSAT(what, dirfd, path, times, flags) SHOW(what, SC4(utimensat, dirfd, path, times, flags))
    UTIMENSAT("utimensat file", ASTRA_AT_FDCWD, "file", t, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    struct astra_timespec omit[2] = { { 5, ASTRA_UTIME_OMIT }, { 1200000000, 0 } };
    UTIMENSAT("utimensat atime UTIME_OMIT", ASTRA_AT_FDCWD, "file", omit, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    struct astra_timespec now_m[2] = { { 1300000000, 7 }, { 5, ASTRA_UTIME_NOW } };
    UTIMENSAT("utimensat mtime UTIME_NOW", ASTRA_AT_FDCWD, "file", now_m, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    UTIMENSAT("utimensat NULL times", ASTRA_AT_FDCWD, "file", 0, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    struct astra_timespec neg[2] = { { -1, 0 }, { -5, 999999999 } };
    UTIMENSAT("utimensat negative seconds", ASTRA_AT_FDCWD, "file", neg, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    struct astra_timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } }, badneg[2] = { { 0, 0 }, { 0, -1 } };
    UTIMENSAT("utimensat nsec 1e9", ASTRA_AT_FDCWD, "file", bad, 0);
    UTIMENSAT("utimensat nsec -1", ASTRA_AT_FDCWD, "file", badneg, 0);
    UTIMENSAT("utimensat nsec 1e9, missing path", ASTRA_AT_FDCWD, "missing", bad, 0);
    struct astra_timespec both_omit[2] = { { 0, ASTRA_UTIME_OMIT }, { 0, ASTRA_UTIME_OMIT } };
    UTIMENSAT("utimensat both UTIME_OMIT, missing", ASTRA_AT_FDCWD, "missing", both_omit, 0);
    UTIMENSAT("utimensat both UTIME_OMIT, bad flags", ASTRA_AT_FDCWD, "missing", both_omit, 0x999);
    UTIMENSAT("utimensat bad flags", ASTRA_AT_FDCWD, "file", 0, 0x999);
    UTIMENSAT("utimensat bad flags, missing", ASTRA_AT_FDCWD, "missing", 0, 0x999);
    UTIMENSAT("utimensat NULL path, AT_FDCWD", ASTRA_AT_FDCWD, 0, 0, 0);
    long ffd = SC3(open, "file", ASTRA_O_RDONLY, 0);
    UTIMENSAT("utimensat NULL path, an fd", ffd, 0, t, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    UTIMENSAT("utimensat NULL path, fd, NOFOLLOW", ffd, 0, 0, ASTRA_AT_SYMLINK_NOFOLLOW);
    UTIMENSAT("utimensat NULL path, bad fd", 99, 0, 0, 0);
    UTIMENSAT("utimensat NULL path, fd -1", -1, 0, 0, 0);
    UTIMENSAT("utimensat unmapped times", ASTRA_AT_FDCWD, "file", 16, 0);
    UTIMENSAT("utimensat unmapped times, missing", ASTRA_AT_FDCWD, "missing", 16, 0);
    UTIMENSAT("utimensat unmapped path", ASTRA_AT_FDCWD, 16, 0, 0);
    UTIMENSAT("utimensat empty path", ASTRA_AT_FDCWD, "", 0, 0);
    UTIMENSAT("utimensat empty path, AT_EMPTY_PATH", ffd, "", 0, ASTRA_AT_EMPTY_PATH);
    show_times("  times of file", ASTRA_NR_stat, "file");
    UTIMENSAT("utimensat dangling", ASTRA_AT_FDCWD, "dangling", 0, 0);
    UTIMENSAT("utimensat dangling, NOFOLLOW", ASTRA_AT_FDCWD, "dangling", t, ASTRA_AT_SYMLINK_NOFOLLOW);
    show_times("  times of dangling (lstat)", ASTRA_NR_lstat, "dangling");
    UTIMENSAT("utimensat lfile, NOFOLLOW", ASTRA_AT_FDCWD, "lfile", omit, ASTRA_AT_SYMLINK_NOFOLLOW);
    show_times("  times of lfile (lstat)", ASTRA_NR_lstat, "lfile");
    show_times("  times of file", ASTRA_NR_stat, "file");
    UTIMENSAT("utimensat bad dirfd", 99, "file", 0, 0);
    UTIMENSAT("utimensat dir-relative", fd, "../file", t, 0);
    show_times("  times of file", ASTRA_NR_stat, "file");
    long wfd = SC3(open, "file", ASTRA_O_WRONLY | ASTRA_O_APPEND, 0);
    SHOW("write (updates mtime and ctime)", SC3(write, wfd, "x", 1));
    show_times("  times of file", ASTRA_NR_stat, "file");
    UTIMENSAT("utimensat file", ASTRA_AT_FDCWD, "file", t, 0);
    SHOW("ftruncate (updates mtime)", SC2(ftruncate, wfd, 0));
    show_times("  times of file", ASTRA_NR_stat, "file");
    UTIMENSAT("utimensat dir", ASTRA_AT_FDCWD, "dir", t, 0);
    touch("dir/new", "");
    show_times("  times of dir after a create", ASTRA_NR_stat, "dir");
    UTIMENSAT("utimensat dir", ASTRA_AT_FDCWD, "dir", t, 0);
    SC1(unlink, "dir/new");
    show_times("  times of dir after an unlink", ASTRA_NR_stat, "dir");
    /* libastra's hermit-typed wrappers: the same through 32-bit nanoseconds */
    struct hermit_timespec ht[2] = { { 1400000000, 11 }, { 1500000000, ASTRA_UTIME_OMIT } };
    SHOW("sys_utimens file", sys_utimens("file", ht, 0));
    show_times("  times of file", ASTRA_NR_stat, "file");
    SHOW("sys_futimens NULL", sys_futimens((int)ffd, NULL));
    show_times("  times of file", ASTRA_NR_stat, "file");
    SHOW("sys_futimens -1", sys_futimens(-1, ht));
    struct hermit_timespec *volatile unmapped = (void *)16; /* hidden from gcc's bounds checks */
    SHOW("sys_utimens unmapped times", sys_utimens("file", unmapped, 0));
    SHOW("sys_utimens dangling, nofollow", sys_utimens("dangling", ht, 1));
#undef UTIMENSAT
    static const char *const names[] = { "dir", "file", "lfile", "dangling", NULL };
    leave_part(names);
}

static long locked_fd;
static volatile int lock_taken;
static long lock_result = 1;

static void take_lock(size_t unused)
{
    (void)unused;
    lock_result = SC2(flock, locked_fd, ASTRA_LOCK_EX);
    lock_taken = 1;
}

static void flocks(void)
{
    enter_part("flock");
    touch("file", "f");
    long a = SC3(open, "file", ASTRA_O_RDONLY, 0), b = SC3(open, "file", ASTRA_O_RDONLY, 0);
    long c = SC3(open, "file", ASTRA_O_WRONLY, 0);
    SHOW("flock bad op, bad fd", SC2(flock, -1, 0));
    SHOW("flock LOCK_SH, bad fd", SC2(flock, -1, ASTRA_LOCK_SH));
    SHOW("flock 0", SC2(flock, a, 0));
    SHOW("flock LOCK_SH|LOCK_EX", SC2(flock, a, ASTRA_LOCK_SH | ASTRA_LOCK_EX));
    SHOW("flock LOCK_NB alone", SC2(flock, a, ASTRA_LOCK_NB));
    SHOW("flock 16", SC2(flock, a, 16));
    SHOW("flock LOCK_MAND (ignored)", SC2(flock, a, ASTRA_LOCK_MAND));
    SHOW("flock LOCK_MAND, bad fd", SC2(flock, -1, ASTRA_LOCK_MAND | ASTRA_LOCK_EX));
    SHOW("flock LOCK_UN, not locked", SC2(flock, a, ASTRA_LOCK_UN));
    SHOW("flock LOCK_UN|LOCK_NB", SC2(flock, a, ASTRA_LOCK_UN | ASTRA_LOCK_NB));
    SHOW("a: LOCK_EX", SC2(flock, a, ASTRA_LOCK_EX));
    SHOW("a: LOCK_EX again", SC2(flock, a, ASTRA_LOCK_EX));
    SHOW("b: LOCK_SH|LOCK_NB", SC2(flock, b, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    SHOW("b: LOCK_EX|LOCK_NB", SC2(flock, b, ASTRA_LOCK_EX | ASTRA_LOCK_NB));
    long dup_a = SC1(dup, a);
    SHOW("dup of a: LOCK_EX|LOCK_NB (same lock)", SC2(flock, dup_a, ASTRA_LOCK_EX | ASTRA_LOCK_NB));
    SHOW("dup of a: LOCK_SH (converts a's)", SC2(flock, dup_a, ASTRA_LOCK_SH));
    SHOW("b: LOCK_SH|LOCK_NB", SC2(flock, b, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    SHOW("c (write-only): LOCK_SH|LOCK_NB", SC2(flock, c, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    SHOW("b: LOCK_EX|LOCK_NB (a, c share)", SC2(flock, b, ASTRA_LOCK_EX | ASTRA_LOCK_NB));
    SHOW("c: LOCK_EX|LOCK_NB (b lost its lock)", SC2(flock, c, ASTRA_LOCK_EX | ASTRA_LOCK_NB));
    SHOW("a: LOCK_UN", SC2(flock, a, ASTRA_LOCK_UN));
    SHOW("c: LOCK_EX|LOCK_NB", SC2(flock, c, ASTRA_LOCK_EX | ASTRA_LOCK_NB));
    SHOW("close c (releases)", SC1(close, c));
    SHOW("b: LOCK_EX|LOCK_NB", SC2(flock, b, ASTRA_LOCK_EX | ASTRA_LOCK_NB));
    SHOW("a: LOCK_SH|LOCK_NB", SC2(flock, a, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    long dup_b = SC1(dup, b);
    SHOW("close b (a dup remains)", SC1(close, b));
    SHOW("a: LOCK_SH|LOCK_NB", SC2(flock, a, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    SHOW("close the dup of b", SC1(close, dup_b));
    SHOW("a: LOCK_SH|LOCK_NB", SC2(flock, a, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    long d = SC3(open, ".", ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0);
    SHOW("flock a directory", SC2(flock, d, ASTRA_LOCK_EX | ASTRA_LOCK_NB));

    /* A second thread blocks on the lock until this one unlocks. */
    locked_fd = SC3(open, "file", ASTRA_O_RDONLY, 0);
    SHOW("a: LOCK_EX", SC2(flock, a, ASTRA_LOCK_EX));
    hermit_tid_t t = sys_spawn2(take_lock, 0, HERMIT_NORMAL_PRIO, 0, -1);
    SHOW("spawn a thread that waits for LOCK_EX", t != 0);
    sys_usleep(100000);
    SHOW("  it waits", !lock_taken);
    SHOW("a: LOCK_UN", SC2(flock, a, ASTRA_LOCK_UN));
    SHOW("  join", sys_join(t));
    printf("%-40s %s\n", "  its flock", probe_result(lock_result));
    SHOW("a: LOCK_SH|LOCK_NB (the thread holds EX)", SC2(flock, a, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    SHOW("sys_flock a LOCK_SH|LOCK_NB", sys_flock((int)a, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    SHOW("sys_flock bad op", sys_flock((int)a, 0));
    SHOW("sys_flock bad fd", sys_flock(-1, ASTRA_LOCK_SH));
    SHOW("close the thread's file", SC1(close, locked_fd));
    SHOW("sys_flock a LOCK_SH|LOCK_NB", sys_flock((int)a, ASTRA_LOCK_SH | ASTRA_LOCK_NB));
    static const char *const names[] = { "file", NULL };
    leave_part(names);
}

static void syncs_and_fchdir(void)
{
    enter_part("sync");
    touch("file", "f");
    long f = SC3(open, "file", ASTRA_O_RDONLY, 0), d = SC3(open, ".", ASTRA_O_RDONLY, 0);
    long null = SC3(open, "/dev/null", ASTRA_O_RDONLY, 0), efd = SC2(eventfd2, 0, 0);
    SHOW("fsync a file", SC1(fsync, f));
    SHOW("fdatasync a file", SC1(fdatasync, f));
    SHOW("fsync a directory", SC1(fsync, d));
    SHOW("fdatasync a directory", SC1(fdatasync, d));
    SHOW("fsync /dev/null", SC1(fsync, null));
    SHOW("fdatasync /dev/null", SC1(fdatasync, null));
    SHOW("fsync an eventfd", SC1(fsync, efd));
    SHOW("fdatasync bad fd", SC1(fdatasync, 99));
    SHOW("sys_fdatasync a file", sys_fdatasync((int)f));
    SHOW("sys_fdatasync bad fd", sys_fdatasync(-1));
    SHOW("fchdir a file", SC1(fchdir, f));
    SHOW("fchdir bad fd", SC1(fchdir, 99));
    SHOW("fchdir -1", SC1(fchdir, -1));
    SHOW("chdir /", SC1(chdir, "/"));
    SHOW("fchdir the directory", SC1(fchdir, d));
    SHOW("  create a file there", SC3(open, "made", ASTRA_O_CREAT | ASTRA_O_WRONLY, 0600) >= 0);
    char path[128];
    snprintf(path, sizeof path, "%s/made", base);
    SHOW("  stat it by its full path", SC2(stat, path, (struct astra_stat *)buf));
    static const char *const names[] = { "file", "made", NULL };
    leave_part(names);
}

static void show_realpath(const char *what, const char *path, size_t size)
{
    char out[512];
    intptr_t r = sys_realpath(path, out, size);
    if (r < 0)
        SHOW(what, r);
    else
        printf("%-40s %d %s\n", what, r == (intptr_t)strlen(out), shown(out));
}

static void realpaths(void)
{
    enter_part("realpath");
    SC2(mkdir, "a", 0755), SC2(mkdir, "a/b", 0755), SC2(mkdir, "a/b/c", 0755);
    touch("a/b/c/file", "f");
    char abs[128];
    snprintf(abs, sizeof abs, "%s/a/b", base);
    SC2(symlink, abs, "abs");           /* absolute */
    SC2(symlink, "a/b/c", "rel");       /* relative */
    SC2(symlink, "../../..", "a/b/c/top"); /* relative, upwards */
    SC2(symlink, "rel", "rel2");        /* a link to a link */
    SC2(symlink, "c/file", "a/b/lf");   /* to a file */
    SC2(symlink, "nothing", "dangling");
    SC2(symlink, "loop2", "loop1"), SC2(symlink, "loop1", "loop2");
    SC2(symlink, "/", "root");
    show_realpath("realpath .", ".", 512);
    show_realpath("realpath a/b/../b/./c", "a/b/../b/./c", 512);
    show_realpath("realpath a//b///c/", "a//b///c/", 512);
    show_realpath("realpath abs", "abs", 512);
    show_realpath("realpath abs/c/file", "abs/c/file", 512);
    show_realpath("realpath rel", "rel", 512);
    show_realpath("realpath rel2/top/a", "rel2/top/a", 512);
    show_realpath("realpath rel/top/rel2/../../b/lf", "rel/top/rel2/../../b/lf", 512);
    show_realpath("realpath abs/lf", "abs/lf", 512);
    show_realpath("realpath root/tmp", "root/tmp", 512);
    show_realpath("realpath /", "/", 512);
    show_realpath("realpath /..", "/..", 512);
    show_realpath("realpath /tmp/..", "/tmp/..", 512);
    show_realpath("realpath dangling", "dangling", 512);
    show_realpath("realpath loop1", "loop1", 512);
    show_realpath("realpath missing", "missing", 512);
    show_realpath("realpath missing/..", "missing/..", 512);
    show_realpath("realpath a/b/lf/", "a/b/lf/", 512);
    show_realpath("realpath a/b/lf/x", "a/b/lf/x", 512);
    show_realpath("realpath a/b/lf/..", "a/b/lf/..", 512);
    show_realpath("realpath empty", "", 512);
    show_realpath("realpath unmapped", (const char *)16, 512);
    show_realpath("realpath buffer just large enough", "a", strlen(base) + 3);
    show_realpath("realpath buffer one byte short", "a", strlen(base) + 2);
    char name[300];
    memset(name, 'n', 256);
    name[256] = 0;
    show_realpath("realpath a 256-byte name", name, 512);
    SHOW("sys_realpath unmapped buffer", sys_realpath(".", (char *)16, 512));
    SHOW("chdir a/b/c", SC1(chdir, "a/b/c"));
    show_realpath("realpath top/rel/file", "top/rel/file", 512);
    show_realpath("realpath ../../..", "../../..", 512);
    static const char *const names[] = { "a/b/c/file", "a/b/c/top", "a/b/lf", "a/b/c", "a/b", "a", "abs", "rel",
                                         "rel2", "dangling", "loop1", "loop2", "root", NULL };
    leave_part(names);
}

/* Paths differ between the host and Astra: only what they have in common is printed. */
static void current_exe(void)
{
    printf("-- current_exe\n");
    char path[ASTRA_PATH_MAX];
    long n = SC3(readlink, "/proc/self/exe", path, sizeof path - 1);
    path[n > 0 ? n : 0] = 0;
    const char *slash = strrchr(path, '/');
    printf("%-40s %d %d\n", "readlink /proc/self/exe: absolute, name", path[0] == '/',
           slash && !strcmp(slash, "/fs_probe"));
    show_stat("lstat /proc/self/exe", ASTRA_NR_lstat, "/proc/self/exe");
    struct astra_stat st;
    SHOW("stat /proc/self/exe", SC2(stat, "/proc/self/exe", &st));
    printf("%-40s %s %d\n", "  type, executable", type_of(st.st_mode), (st.st_mode & 0100) != 0);
    SHOW("open /proc/self/exe O_NOFOLLOW", SC3(open, "/proc/self/exe", ASTRA_O_RDONLY | ASTRA_O_NOFOLLOW, 0));
    long fd = SC3(open, "/proc/self/exe", ASTRA_O_RDONLY, 0);
    SHOW("read its ELF magic", SC3(read, fd, buf, 4));
    printf("%-40s %d %.3s\n", "  magic", buf[0], buf + 1);
    char exe[ASTRA_PATH_MAX];
    intptr_t len = sys_current_exe(exe, sizeof exe);
    printf("%-40s %d %d %d\n", "sys_current_exe: same, absolute, NUL", len == n && !strcmp(exe, path), exe[0] == '/',
           len > 0 && exe[len] == 0);
    SHOW("sys_current_exe one byte short", sys_current_exe(exe, (size_t)n));
    SHOW("sys_current_exe unmapped buffer", sys_current_exe((char *)16, sizeof exe));
}
