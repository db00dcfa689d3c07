/* The file system calls, straight to the kernel (no libc in between), printing every result
 * so that the output on Astra can be compared with Linux's. Works in a fresh directory under
 * /tmp and prints nothing that depends on the machine. */
#include <stdio.h>
#include <string.h>

#include <astra/abi.h>

#include "../../libastra/internal/syscall.h"
#include "probe.h"

#define SC0(n) astra_syscall0(ASTRA_NR_##n)
#define SC1(n, a) astra_syscall1(ASTRA_NR_##n, (long)(a))
#define SC2(n, a, b) astra_syscall2(ASTRA_NR_##n, (long)(a), (long)(b))
#define SC3(n, a, b, c) astra_syscall3(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c))
#define SC4(n, a, b, c, d) astra_syscall4(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), (long)(d))
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
    return 0;
}
