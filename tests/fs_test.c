/* Files and I/O through the contract (sys_open ... sys_poll and libastra's C extras) on the
 * Linux host, with glibc doing the same thing as the oracle; bad input gives the exact
 * -errno and never a crash. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <astra/astra.h>

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/astra-fs-XXXXXX");
    cr_assert(mkdtemp(dir));
    umask(022);
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(fs, .init = make_dir, .fini = remove_dir);

static const char *in_dir(const char *name)
{
    static char paths[4][256];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, 256, "%s/%s", dir, name);
    return p;
}

/* An address that is certainly not mapped. */
static void *unmapped(void)
{
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    return p;
}

static char long_path[5000];

static const char *too_long_path(void)
{
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[0] = '/';
    long_path[sizeof long_path - 1] = 0;
    return long_path;
}

Test(fs, open_creates_with_the_mode_glibc_gives)
{
    int fd = sys_open(in_dir("a"), HERMIT_O_CREAT | HERMIT_O_WRONLY, 0640);
    cr_assert_geq(fd, 0);
    int gfd = open(in_dir("b"), O_CREAT | O_WRONLY, 0640);
    struct stat a, b;
    cr_assert_eq(stat(in_dir("a"), &a), 0);
    cr_assert_eq(stat(in_dir("b"), &b), 0);
    cr_expect_eq(a.st_mode, b.st_mode);
    cr_expect_eq(a.st_mode & 07777, 0640);
    cr_expect_eq(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
    close(fd);
    close(gfd);
}

Test(fs, open_flags_behave_as_on_linux)
{
    const char *p = in_dir("f");
    int fd = sys_open(p, HERMIT_O_CREAT | HERMIT_O_EXCL | HERMIT_O_RDWR, 0600);
    cr_assert_geq(fd, 0);
    cr_expect_eq(sys_write(fd, "hello", 5), 5);
    cr_expect_eq(sys_open(p, HERMIT_O_CREAT | HERMIT_O_EXCL | HERMIT_O_RDWR, 0600), -ASTRA_EEXIST);
    cr_expect_eq(sys_get_errno(), ASTRA_EEXIST);
    int app = sys_open(p, HERMIT_O_WRONLY | HERMIT_O_APPEND, 0);
    cr_expect_eq(sys_write(app, "!", 1), 1);
    char buf[16] = { 0 };
    cr_expect_eq(pread(fd, buf, sizeof buf, 0), 6);
    cr_expect_str_eq(buf, "hello!");
    int tr = sys_open(p, HERMIT_O_WRONLY | HERMIT_O_TRUNC, 0);
    struct stat st;
    fstat(fd, &st);
    cr_expect_eq(st.st_size, 0);
    int nb = sys_open(p, HERMIT_O_RDONLY | HERMIT_O_NONBLOCK, 0);
    cr_expect(fcntl(nb, F_GETFL) & O_NONBLOCK);
    cr_expect_eq(sys_open(p, HERMIT_O_RDONLY | HERMIT_O_DIRECTORY, 0), -ASTRA_ENOTDIR);
    cr_expect_eq(sys_open(dir, HERMIT_O_WRONLY, 0), -ASTRA_EISDIR);
    cr_expect_geq(sys_open(dir, HERMIT_O_RDONLY | HERMIT_O_DIRECTORY, 0), 0);
    cr_expect_geq(sys_opendir(dir), 0);
    cr_expect_eq(sys_opendir(p), -ASTRA_ENOTDIR);
    cr_expect_eq(sys_open(in_dir("missing"), HERMIT_O_RDONLY, 0), -ASTRA_ENOENT);
    cr_expect_geq(tr, 0);
}

Test(fs, open_passes_linux_only_flags_through)
{
    const char *p = in_dir("target"), *l = in_dir("link");
    cr_assert_eq(symlink(p, l), 0);
    int fd = sys_open(p, HERMIT_O_CREAT | HERMIT_O_WRONLY | O_CLOEXEC | O_SYNC, 0600);
    cr_assert_geq(fd, 0);
    cr_expect(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    cr_expect_eq(sys_open(l, HERMIT_O_RDONLY | O_NOFOLLOW, 0), -ASTRA_ELOOP);
    cr_expect_eq(open(l, O_RDONLY | O_NOFOLLOW), -1);
    cr_expect_eq(errno, ELOOP);
    cr_expect_geq(sys_open(l, HERMIT_O_RDONLY | O_NOCTTY, 0), 0);
}

Test(fs, open_rejects_bad_flags_and_bad_paths)
{
    cr_expect_eq(sys_open(in_dir("x"), HERMIT_O_CREAT | 3, 0600), -ASTRA_EINVAL);
    cr_expect_eq(sys_open(in_dir("x"), HERMIT_O_RDONLY | 010, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_open(in_dir("x"), 0x40000000, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_open(NULL, HERMIT_O_RDONLY, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_open(unmapped(), HERMIT_O_RDONLY, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_open(too_long_path(), HERMIT_O_RDONLY, 0), -ASTRA_ENAMETOOLONG);
    cr_expect_eq(sys_opendir(NULL), -ASTRA_EFAULT);
}

Test(fs, read_write_readv_writev_round_trip_and_report_bad_input)
{
    int fd = sys_open(in_dir("rw"), HERMIT_O_CREAT | HERMIT_O_RDWR, 0600);
    struct astra_iovec out[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
    cr_expect_eq(sys_writev(fd, out, 3), 6);
    cr_expect_eq(sys_write(fd, "gh", 2), 2);
    cr_expect_eq(sys_lseek(fd, 0, HERMIT_SEEK_SET), 0);
    char a[3] = { 0 }, b[6] = { 0 };
    struct astra_iovec in[2] = { { a, 2 }, { b, 5 } };
    cr_expect_eq(sys_readv(fd, in, 2), 7);
    cr_expect_str_eq(a, "ab");
    cr_expect_str_eq(b, "cdefg");
    char c[4] = { 0 };
    cr_expect_eq(sys_read(fd, c, sizeof c), 1);
    cr_expect_eq(sys_read(fd, c, sizeof c), 0);
    cr_expect_eq(sys_read(-1, c, 1), -ASTRA_EBADF);
    cr_expect_eq(sys_write(9999, "x", 1), -ASTRA_EBADF);
    cr_expect_eq(sys_lseek(fd, 0, HERMIT_SEEK_SET), 0);
    cr_expect_eq(sys_read(fd, NULL, 4), -ASTRA_EFAULT);
    cr_expect_eq(sys_read(fd, unmapped(), 4), -ASTRA_EFAULT);
    cr_expect_eq(sys_write(fd, unmapped(), 4), -ASTRA_EFAULT);
    cr_expect_eq(sys_readv(fd, NULL, 1), -ASTRA_EFAULT);
    cr_expect_eq(sys_writev(fd, unmapped(), 2), -ASTRA_EFAULT);
    cr_expect_eq(sys_readv(fd, in, HERMIT_IOV_MAX + 1), -ASTRA_EINVAL);
    cr_expect_eq(sys_writev(-5, out, 1), -ASTRA_EBADF);
    cr_expect_eq(sys_close(fd), 0);
    cr_expect_eq(sys_close(fd), -ASTRA_EBADF);
}

Test(fs, lseek_gives_glibcs_offsets)
{
    int fd = sys_open(in_dir("seek"), HERMIT_O_CREAT | HERMIT_O_RDWR, 0600);
    int g = open(in_dir("seek"), O_RDWR);
    cr_expect_eq(sys_write(fd, "0123456789", 10), 10);
    struct { intptr_t off; int hermit, linux_whence; } cases[] = {
        { 3, HERMIT_SEEK_SET, SEEK_SET }, { 4, HERMIT_SEEK_CUR, SEEK_CUR }, { -2, HERMIT_SEEK_END, SEEK_END },
        { 100, HERMIT_SEEK_SET, SEEK_SET }, { -1, HERMIT_SEEK_CUR, SEEK_CUR },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(sys_lseek(fd, cases[i].off, cases[i].hermit), lseek(g, cases[i].off, cases[i].linux_whence), "case %u", i);
    cr_expect_eq(sys_lseek(fd, -1, HERMIT_SEEK_SET), -ASTRA_EINVAL);
    cr_expect_eq(sys_lseek(fd, 0, 3), -ASTRA_EINVAL); /* SEEK_DATA is not hermit's */
    cr_expect_eq(sys_lseek(-1, 0, HERMIT_SEEK_SET), -ASTRA_EBADF);
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_expect_eq(sys_lseek(p[0], 0, HERMIT_SEEK_CUR), -ASTRA_ESPIPE);
}

static void expect_same_stat(const struct hermit_stat *h, const struct stat *g)
{
    cr_expect_eq(h->st_dev, g->st_dev);
    cr_expect_eq(h->st_ino, g->st_ino);
    cr_expect_eq(h->st_nlink, g->st_nlink);
    cr_expect_eq(h->st_mode, g->st_mode);
    cr_expect_eq(h->st_uid, g->st_uid);
    cr_expect_eq(h->st_gid, g->st_gid);
    cr_expect_eq(h->st_rdev, g->st_rdev);
    cr_expect_eq(h->st_size, g->st_size);
    cr_expect_eq(h->st_blksize, g->st_blksize);
    cr_expect_eq(h->st_blocks, g->st_blocks);
    cr_expect_eq(h->st_mtim.tv_sec, g->st_mtim.tv_sec);
    cr_expect_eq(h->st_mtim.tv_nsec, g->st_mtim.tv_nsec);
    cr_expect_eq(h->st_atim.tv_nsec, g->st_atim.tv_nsec);
    cr_expect_eq(h->st_ctim.tv_nsec, g->st_ctim.tv_nsec);
}

Test(fs, stat_lstat_fstat_equal_glibcs)
{
    const char *f = in_dir("s"), *l = in_dir("link");
    int fd = sys_open(f, HERMIT_O_CREAT | HERMIT_O_WRONLY, 0604);
    cr_expect_eq(sys_write(fd, "12345", 5), 5);
    cr_assert_eq(symlink(f, l), 0);
    struct hermit_stat h;
    struct stat g;
    cr_assert_eq(sys_stat(f, &h), 0);
    cr_assert_eq(stat(f, &g), 0);
    expect_same_stat(&h, &g);
    cr_assert_eq(sys_fstat(fd, &h), 0);
    expect_same_stat(&h, &g);
    cr_assert_eq(sys_stat(l, &h), 0); /* follows the link */
    expect_same_stat(&h, &g);
    cr_assert_eq(sys_lstat(l, &h), 0);
    cr_assert_eq(lstat(l, &g), 0);
    expect_same_stat(&h, &g);
    cr_expect_eq(h.st_mode & HERMIT_S_IFMT, HERMIT_S_IFLNK);
    cr_assert_eq(sys_stat(dir, &h), 0);
    cr_expect_eq(h.st_mode & HERMIT_S_IFMT, HERMIT_S_IFDIR);
}

Test(fs, stat_family_reports_bad_paths_descriptors_and_buffers)
{
    struct hermit_stat h;
    cr_expect_eq(sys_stat(in_dir("none"), &h), -ASTRA_ENOENT);
    cr_expect_eq(sys_lstat(in_dir("none"), &h), -ASTRA_ENOENT);
    cr_expect_eq(sys_stat(too_long_path(), &h), -ASTRA_ENAMETOOLONG);
    cr_expect_eq(sys_stat(NULL, &h), -ASTRA_EFAULT);
    cr_expect_eq(sys_lstat(unmapped(), &h), -ASTRA_EFAULT);
    cr_expect_eq(sys_stat(dir, NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_stat(dir, unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_stat(dir, (void *)1), -ASTRA_EFAULT);
    cr_expect_eq(sys_fstat(-1, &h), -ASTRA_EBADF);
    cr_expect_eq(sys_fstat(0, NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_get_errno(), ASTRA_EFAULT);
    /* A buffer ending on an unmapped page: the last byte would not fit. */
    char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(two + 4096, 4096);
    cr_expect_eq(sys_stat(dir, (struct hermit_stat *)(two + 4096 - sizeof h + 8)), -ASTRA_EFAULT);
    cr_expect_eq(sys_stat(dir, (struct hermit_stat *)(two + 4096 - sizeof h)), 0);
}

static int by_string(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The names getdents64 returns, sorted, one per line. */
static void names_of(const char *buf, long len, char *out, size_t cap)
{
    const char *names[512];
    int n = 0;
    for (long at = 0; at < len;) {
        const struct astra_dirent64 *d = (const void *)(buf + at);
        names[n++] = d->d_name;
        at += d->d_reclen;
    }
    qsort(names, (size_t)n, sizeof names[0], by_string);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        strncat(out, names[i], cap - strlen(out) - 2);
        strcat(out, "\n");
    }
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }
static int not_dots(const struct dirent *d) { return strcmp(d->d_name, ".") && strcmp(d->d_name, ".."); }

Test(fs, getdents64_returns_the_whole_directory_like_readdir_without_dots)
{
    for (int i = 0; i < 300; i++) {
        char name[32];
        snprintf(name, sizeof name, "file-%03d-with-a-longer-name", i);
        close(open(in_dir(name), O_CREAT | O_WRONLY, 0600));
    }
    mkdir(in_dir("subdir"), 0700);
    symlink("file-000-with-a-longer-name", in_dir("alink"));
    int fd = sys_opendir(dir);
    /* std's read_dir: start at 512 bytes and double on -EINVAL. */
    size_t size = 512;
    char *buf = NULL;
    int64_t n;
    for (;;) {
        buf = realloc(buf, size);
        n = sys_getdents64(fd, (void *)buf, size);
        if (n != -ASTRA_EINVAL)
            break;
        size *= 2;
    }
    cr_assert_gt(n, 0);
    static char ours[65536], theirs[65536];
    names_of(buf, n, ours, sizeof ours);
    struct dirent **list;
    int count = scandir(dir, &list, not_dots, by_name);
    cr_assert_eq(count, 302);
    theirs[0] = 0;
    for (int i = 0; i < count; i++) {
        strcat(theirs, list[i]->d_name);
        strcat(theirs, "\n");
    }
    cr_expect_str_eq(ours, theirs);
    for (long at = 0; at < n;) {
        const struct astra_dirent64 *d = (const void *)(buf + at);
        unsigned char expected = !strcmp(d->d_name, "subdir") ? HERMIT_DT_DIR
                                 : !strcmp(d->d_name, "alink") ? HERMIT_DT_LNK : HERMIT_DT_REG;
        cr_expect_eq(d->d_type, expected, "%s", d->d_name);
        at += d->d_reclen;
    }
    /* Every call starts again from the beginning. */
    cr_expect_eq(sys_getdents64(fd, (void *)buf, size), n);
    cr_expect_eq(sys_getdents64(fd, (void *)buf, 64), -ASTRA_EINVAL);
}

Test(fs, getdents64_of_an_empty_directory_is_empty_and_bad_input_is_reported)
{
    mkdir(in_dir("empty"), 0700);
    int fd = sys_opendir(in_dir("empty"));
    char buf[512];
    cr_expect_eq(sys_getdents64(fd, (void *)buf, sizeof buf), 0);
    cr_expect_eq(sys_getdents64(-1, (void *)buf, sizeof buf), -ASTRA_EBADF);
    cr_expect_eq(sys_getdents64(sys_opendir(dir), NULL, sizeof buf), -ASTRA_EFAULT);
    cr_expect_eq(sys_getdents64(sys_opendir(dir), unmapped(), sizeof buf), -ASTRA_EFAULT);
    int file = sys_open(in_dir("plain"), HERMIT_O_CREAT | HERMIT_O_RDWR, 0600);
    cr_expect_eq(sys_getdents64(file, (void *)buf, sizeof buf), -ASTRA_ENOTDIR);
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_expect_eq(sys_getdents64(p[0], (void *)buf, sizeof buf), -ASTRA_ENOTDIR);
}

Test(fs, mkdir_rmdir_unlink_succeed_and_fail_as_on_linux)
{
    char d[256];
    strcpy(d, in_dir("d"));
    cr_expect_eq(sys_mkdir(d, 0750), 0);
    struct stat st;
    cr_assert_eq(stat(d, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0750);
    cr_expect_eq(sys_mkdir(d, 0750), -ASTRA_EEXIST);
    close(open(in_dir("d/f"), O_CREAT | O_WRONLY, 0600));
    cr_expect_eq(sys_rmdir(d), -ASTRA_ENOTEMPTY);
    cr_expect_eq(sys_unlink(d), -ASTRA_EISDIR);
    cr_expect_eq(sys_rmdir(in_dir("d/f")), -ASTRA_ENOTDIR);
    cr_expect_eq(sys_unlink(in_dir("d/f")), 0);
    cr_expect_eq(sys_unlink(in_dir("d/f")), -ASTRA_ENOENT);
    cr_expect_eq(sys_rmdir(d), 0);
    cr_expect_eq(sys_rmdir(d), -ASTRA_ENOENT);
    cr_expect_eq(sys_mkdir(in_dir("no/such/parent"), 0700), -ASTRA_ENOENT);
    cr_expect_eq(sys_mkdir(NULL, 0700), -ASTRA_EFAULT);
    cr_expect_eq(sys_rmdir(unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_unlink(too_long_path()), -ASTRA_ENAMETOOLONG);
    cr_expect_eq(sys_mkdir(too_long_path(), 0700), -ASTRA_ENAMETOOLONG);
}

Test(fs, dup_shares_the_offset_and_fcntl_translates_flags)
{
    int fd = sys_open(in_dir("dup"), HERMIT_O_CREAT | HERMIT_O_WRONLY | HERMIT_O_APPEND, 0600);
    int d = sys_dup(fd);
    cr_assert_gt(d, fd);
    cr_expect_eq(sys_write(fd, "abc", 3), 3);
    cr_expect_eq(lseek(d, 0, SEEK_CUR), 3);
    cr_expect_eq(sys_dup(-1), -ASTRA_EBADF);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_GETFL, 0), HERMIT_O_WRONLY | HERMIT_O_APPEND);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_SETFL, HERMIT_O_NONBLOCK), 0);
    cr_expect(fcntl(fd, F_GETFL) & O_NONBLOCK);
    cr_expect(!(fcntl(fd, F_GETFL) & O_APPEND));
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_GETFL, 0), HERMIT_O_WRONLY | HERMIT_O_NONBLOCK);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_GETFD, 0), 0);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_SETFD, HERMIT_FD_CLOEXEC), 0);
    cr_expect_eq(fcntl(fd, F_GETFD), FD_CLOEXEC);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_GETFD, 0), HERMIT_FD_CLOEXEC);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_DUPFD, 100), 100);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_SETFD, 2), -ASTRA_EINVAL);
    cr_expect_eq(sys_fcntl(fd, HERMIT_F_SETFL, 0x40000000), -ASTRA_EINVAL);
    cr_expect_eq(sys_fcntl(fd, F_DUPFD_CLOEXEC, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_fcntl(fd, 99, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_fcntl(-1, HERMIT_F_GETFL, 0), -ASTRA_EBADF);
}

Test(fs, ioctl_fionbio_makes_reads_would_block)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    int on = 1, off = 0;
    cr_expect_eq(sys_ioctl(p[0], HERMIT_FIONBIO, &on), 0);
    cr_expect(fcntl(p[0], F_GETFL) & O_NONBLOCK);
    char c;
    cr_expect_eq(sys_read(p[0], &c, 1), -ASTRA_EAGAIN);
    cr_expect_eq(sys_ioctl(p[0], HERMIT_FIONBIO, &off), 0);
    cr_expect(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    cr_expect_eq(sys_ioctl(p[0], HERMIT_FIONBIO, NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_ioctl(p[0], HERMIT_FIONBIO, unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_ioctl(-1, HERMIT_FIONBIO, &on), -ASTRA_EBADF);
    cr_expect_eq(sys_ioctl(p[0], 0x5421 /* Linux's FIONBIO number */, &on), -ASTRA_EINVAL);
}

Test(fs, isatty_agrees_with_glibc)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_expect_eq(sys_isatty(p[0]), 0);
    cr_expect_eq(sys_isatty(-1), -ASTRA_EBADF);
    int f = sys_open(in_dir("tty"), HERMIT_O_CREAT | HERMIT_O_RDWR, 0600);
    cr_expect_eq(sys_isatty(f), 0);
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0) {
        int s = open(ptsname(m), O_RDWR | O_NOCTTY);
        cr_expect_eq(sys_isatty(s), isatty(s));
        cr_expect_eq(sys_isatty(s), 1);
    }
}

Test(fs, poll_reports_readiness_timeouts_and_bad_descriptors)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    struct hermit_pollfd fds[2] = { { p[0], HERMIT_POLLIN, 0 }, { p[1], HERMIT_POLLOUT, 0 } };
    cr_expect_eq(sys_poll(fds, 1, 10), 0);
    cr_expect_eq(sys_poll(fds, 2, 0), 1);
    cr_expect_eq(fds[1].revents, HERMIT_POLLOUT);
    cr_expect_eq(write(p[1], "x", 1), 1);
    cr_expect_eq(sys_poll(fds, 2, -1), 2);
    cr_expect_eq(fds[0].revents, HERMIT_POLLIN);
    close(p[1]);
    cr_expect_eq(sys_poll(fds, 1, 0), 1);
    cr_expect_eq(fds[0].revents, HERMIT_POLLIN | HERMIT_POLLHUP);
    struct hermit_pollfd bad = { 12345, HERMIT_POLLIN, 0 };
    cr_expect_eq(sys_poll(&bad, 1, 0), 1);
    cr_expect_eq(bad.revents, HERMIT_POLLNVAL);
    cr_expect_eq(sys_poll(NULL, 1, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_poll(unmapped(), 1, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_poll(fds, (size_t)1 << 40, 0), -ASTRA_EINVAL);
}

Test(fs, eventfd_counts_and_translates_its_flags)
{
    int fd = sys_eventfd(5, 0);
    cr_assert_geq(fd, 0);
    uint64_t v = 3;
    cr_expect_eq(sys_write(fd, &v, 8), 8);
    cr_expect_eq(sys_read(fd, &v, 8), 8);
    cr_expect_eq(v, 8);
    int sem = sys_eventfd(2, HERMIT_EFD_SEMAPHORE | HERMIT_EFD_NONBLOCK | HERMIT_EFD_CLOEXEC);
    cr_expect(fcntl(sem, F_GETFL) & O_NONBLOCK);
    cr_expect_eq(fcntl(sem, F_GETFD), FD_CLOEXEC);
    cr_expect_eq(sys_read(sem, &v, 8), 8);
    cr_expect_eq(v, 1);
    cr_expect_eq(sys_read(sem, &v, 8), 8);
    cr_expect_eq(sys_read(sem, &v, 8), -ASTRA_EAGAIN);
    cr_expect_eq(sys_eventfd((uint64_t)1 << 32, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_eventfd(0, 2), -ASTRA_EINVAL);
    cr_expect_eq(sys_eventfd(0, 0x1000), -ASTRA_EINVAL);
}

Test(fs, rename_link_symlink_readlink_do_what_glibc_does)
{
    const char *a = in_dir("a"), *b = in_dir("b"), *l = in_dir("l"), *s = in_dir("s");
    close(open(a, O_CREAT | O_WRONLY, 0600));
    cr_expect_eq(sys_rename(a, b), 0);
    cr_expect_eq(access(a, F_OK), -1);
    cr_expect_eq(access(b, F_OK), 0);
    cr_expect_eq(sys_rename(a, b), -ASTRA_ENOENT);
    cr_expect_eq(sys_link(b, l), 0);
    struct stat st;
    stat(b, &st);
    cr_expect_eq(st.st_nlink, 2);
    cr_expect_eq(sys_link(b, l), -ASTRA_EEXIST);
    cr_expect_eq(sys_symlink("b", s), 0);
    char buf[64];
    cr_expect_eq(sys_readlink(s, buf, sizeof buf), 1);
    cr_expect_eq(buf[0], 'b');
    cr_expect_eq(sys_readlink(s, buf, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_readlink(b, buf, sizeof buf), -ASTRA_EINVAL);
    cr_expect_eq(sys_readlink(s, unmapped(), 8), -ASTRA_EFAULT);
    cr_expect_eq(sys_rename(NULL, b), -ASTRA_EFAULT);
    cr_expect_eq(sys_symlink("x", too_long_path()), -ASTRA_ENAMETOOLONG);
    cr_expect_eq(sys_rename(dir, in_dir("b/inside")), -ASTRA_ENOTDIR);
}

Test(fs, getcwd_chdir_ftruncate_fsync_do_what_glibc_does)
{
    char buf[4096], g[4096];
    cr_expect_eq(sys_chdir(dir), 0);
    cr_expect_eq(sys_getcwd(buf, sizeof buf), (intptr_t)strlen(dir) + 1);
    cr_expect_str_eq(buf, getcwd(g, sizeof g));
    cr_expect_eq(sys_getcwd(buf, 3), -ASTRA_ERANGE);
    cr_expect_eq(sys_getcwd(unmapped(), sizeof buf), -ASTRA_EFAULT);
    cr_expect_eq(sys_chdir("no-such-dir"), -ASTRA_ENOENT);
    int fd = sys_open("t", HERMIT_O_CREAT | HERMIT_O_RDWR, 0600);
    cr_expect_eq(sys_ftruncate(fd, 12345), 0);
    struct stat st;
    fstat(fd, &st);
    cr_expect_eq(st.st_size, 12345);
    cr_expect_eq(sys_ftruncate(fd, -1), -ASTRA_EINVAL);
    cr_expect_eq(sys_ftruncate(-1, 0), -ASTRA_EBADF);
    cr_expect_eq(sys_fsync(fd), 0);
    cr_expect_eq(sys_fsync(-1), -ASTRA_EBADF);
}

Test(fs, mmap_munmap_mprotect_and_getpagesize)
{
    cr_expect_eq(sys_getpagesize(), sysconf(_SC_PAGESIZE));
    void *p = NULL;
    cr_assert_eq(sys_mmap(3 * 4096, HERMIT_PROT_READ | HERMIT_PROT_WRITE, &p), 0);
    cr_assert(p);
    memset(p, 0x5a, 3 * 4096);
    cr_expect_eq(sys_mprotect(p, 4096, HERMIT_PROT_READ), 0);
    cr_expect_eq(sys_mprotect(p, 4096, 8), -ASTRA_EINVAL);
    cr_expect_eq(sys_munmap(p, 3 * 4096), 0);
    cr_expect_eq(sys_mmap(0, HERMIT_PROT_READ, &p), -ASTRA_EINVAL);
    cr_expect_eq(sys_mmap(4096, 16, &p), -ASTRA_EINVAL);
    cr_expect_eq(sys_mmap(4096, HERMIT_PROT_READ, NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_mmap(4096, HERMIT_PROT_READ, unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_mmap(SIZE_MAX, HERMIT_PROT_READ, &p), -ASTRA_ENOMEM);
    cr_expect_eq(sys_munmap((void *)1, 4096), -ASTRA_EINVAL);
}

/* ---- symbolic links, permissions, times, locks, realpath: each against glibc ---- */

/* glibc's result as the contract gives it: the value, or -errno. */
#define GLIBC(call) ({ errno = 0; long r_ = (long)(call); r_ < 0 ? -(long)errno : r_; })

#define EXPECT_SAME(ours, glibc_call) cr_expect_eq((long)(ours), GLIBC(glibc_call), "%s", #ours)

/* NULL, hidden from gcc's nonnull checks of glibc's declarations. */
static const char *volatile no_path = NULL;

/* dir/{file, sub/, lfile -> file, ldir -> sub, dangling -> nothing, loop1 <-> loop2}. */
static void make_tree(void)
{
    close(open(in_dir("file"), O_CREAT | O_WRONLY, 0644));
    cr_assert_eq(mkdir(in_dir("sub"), 0755), 0);
    cr_assert_eq(symlink("file", in_dir("lfile")), 0);
    cr_assert_eq(symlink("sub", in_dir("ldir")), 0);
    cr_assert_eq(symlink("nothing", in_dir("dangling")), 0);
    cr_assert_eq(symlink("loop2", in_dir("loop1")), 0);
    cr_assert_eq(symlink("loop1", in_dir("loop2")), 0);
}

Test(fs, symlink_lstat_and_readlink_match_glibc)
{
    make_tree();
    struct hermit_stat h;
    struct stat g;
    cr_assert_eq(sys_lstat(in_dir("ldir"), &h), 0);
    cr_assert_eq(lstat(in_dir("ldir"), &g), 0);
    cr_expect_eq(h.st_mode, g.st_mode);
    cr_expect_eq(h.st_mode & HERMIT_S_IFMT, HERMIT_S_IFLNK);
    cr_expect_eq(h.st_size, 3);
    cr_expect_eq(h.st_mtim.tv_sec, g.st_mtim.tv_sec);
    cr_expect_eq(h.st_mtim.tv_nsec, g.st_mtim.tv_nsec);
    cr_assert_eq(sys_stat(in_dir("ldir"), &h), 0);
    cr_expect_eq(h.st_mode & HERMIT_S_IFMT, HERMIT_S_IFDIR);
    cr_expect_eq(sys_lstat(in_dir("dangling"), &h), 0);
    EXPECT_SAME(sys_stat(in_dir("dangling"), &h), stat(in_dir("dangling"), &g));
    EXPECT_SAME(sys_stat(in_dir("loop1"), &h), stat(in_dir("loop1"), &g));
    EXPECT_SAME(sys_stat(in_dir("file/x"), &h), stat(in_dir("file/x"), &g));
    EXPECT_SAME(sys_lstat(in_dir("lfile/"), &h), lstat(in_dir("lfile/"), &g));
    cr_expect_eq(sys_stat(in_dir("loop1"), &h), -ASTRA_ELOOP);

    EXPECT_SAME(sys_symlink("x", in_dir("file")), symlink("x", in_dir("file")));
    EXPECT_SAME(sys_symlink("", in_dir("e1")), symlink("", in_dir("e2")));
    EXPECT_SAME(sys_symlink("x", in_dir("new1/")), symlink("x", in_dir("new2/")));
    EXPECT_SAME(sys_symlink("x", in_dir("file/x")), symlink("x", in_dir("file/x")));
    EXPECT_SAME(sys_symlink("x", in_dir("nothing/x")), symlink("x", in_dir("nothing/x")));
    EXPECT_SAME(sys_symlink(unmapped(), in_dir("u")), symlink(unmapped(), in_dir("u")));
    char a[64], b[64];
    EXPECT_SAME(sys_readlink(in_dir("loop1"), a, sizeof a), readlink(in_dir("loop1"), b, sizeof b));
    cr_expect_eq(memcmp(a, b, 5), 0);
    EXPECT_SAME(sys_readlink(in_dir("ldir/"), a, sizeof a), readlink(in_dir("ldir/"), b, sizeof b));
    EXPECT_SAME(sys_readlink(in_dir("lfile/"), a, sizeof a), readlink(in_dir("lfile/"), b, sizeof b));
    EXPECT_SAME(sys_readlink(in_dir("loop1/x"), a, sizeof a), readlink(in_dir("loop1/x"), b, sizeof b));
    EXPECT_SAME(sys_readlink(in_dir("missing"), a, sizeof a), readlink(in_dir("missing"), b, sizeof b));
    EXPECT_SAME(sys_readlink(in_dir("dangling"), a, 3), readlink(in_dir("dangling"), b, 3));
#ifndef ASTRA_SANITIZE /* AddressSanitizer's readlink reads the path first: NULL crashes it */
    EXPECT_SAME(sys_readlink(no_path, a, sizeof a), readlink(no_path, b, sizeof b));
#endif
}

/* A chain of n links ending at dir/file: dir/c0 -> c1 -> ... -> c(n-1) -> file. */
static void make_chain(int n)
{
    char name[32], target[32];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "c%d", i);
        if (i == n - 1)
            snprintf(target, sizeof target, "file");
        else
            snprintf(target, sizeof target, "c%d", i + 1);
        cr_assert_eq(symlink(target, in_dir(name)), 0);
    }
}

Test(fs, a_lookup_follows_symloop_max_links_and_no_more)
{
    close(open(in_dir("file"), O_CREAT | O_WRONLY, 0644));
    make_chain(ASTRA_SYMLOOP_MAX + 1);
    struct hermit_stat h;
    struct stat g;
    /* c1 is ASTRA_SYMLOOP_MAX links from the file, c0 one more. */
    cr_expect_eq(stat(in_dir("c1"), &g), 0);
    cr_expect_eq(sys_stat(in_dir("c1"), &h), 0);
    EXPECT_SAME(sys_stat(in_dir("c0"), &h), stat(in_dir("c0"), &g));
    cr_expect_eq(sys_stat(in_dir("c0"), &h), -ASTRA_ELOOP);
    char ours[4096], theirs[4096];
    cr_expect_eq(sys_realpath(in_dir("c1"), ours, sizeof ours), (intptr_t)strlen(in_dir("file")));
    cr_expect_str_eq(ours, realpath(in_dir("c1"), theirs));
    EXPECT_SAME(sys_realpath(in_dir("c0"), ours, sizeof ours), realpath(in_dir("c0"), theirs) ? 0 : -1);
}

Test(fs, chmod_and_fchmod_change_the_mode_glibc_sees)
{
    make_tree();
    struct stat g;
    cr_expect_eq(sys_chmod(in_dir("file"), 0640), 0);
    cr_assert_eq(stat(in_dir("file"), &g), 0);
    cr_expect_eq(g.st_mode, S_IFREG | 0640);
    cr_expect_eq(sys_chmod(in_dir("lfile"), 0604), 0); /* the target's */
    cr_assert_eq(stat(in_dir("file"), &g), 0);
    cr_expect_eq(g.st_mode, S_IFREG | 0604);
    cr_assert_eq(lstat(in_dir("lfile"), &g), 0);
    cr_expect_eq(g.st_mode, S_IFLNK | 0777);
    cr_expect_eq(sys_chmod(in_dir("file"), S_IFDIR | 04755), 0); /* only 07777 counts */
    cr_assert_eq(stat(in_dir("file"), &g), 0);
    cr_expect_eq(g.st_mode, S_IFREG | 04755);
    int fd = open(in_dir("sub"), O_RDONLY);
    cr_expect_eq(sys_fchmod(fd, 0700), 0);
    cr_assert_eq(stat(in_dir("sub"), &g), 0);
    cr_expect_eq(g.st_mode, S_IFDIR | 0700);
    struct hermit_stat h;
    cr_assert_eq(sys_stat(in_dir("sub"), &h), 0);
    cr_expect_eq(h.st_mode, S_IFDIR | 0700);

    EXPECT_SAME(sys_chmod(in_dir("missing"), 0600), chmod(in_dir("missing"), 0600));
    EXPECT_SAME(sys_chmod(in_dir("dangling"), 0600), chmod(in_dir("dangling"), 0600));
    EXPECT_SAME(sys_chmod(in_dir("loop1"), 0600), chmod(in_dir("loop1"), 0600));
    EXPECT_SAME(sys_chmod(in_dir("file/x"), 0600), chmod(in_dir("file/x"), 0600));
    EXPECT_SAME(sys_chmod(no_path, 0600), chmod(no_path, 0600));
    EXPECT_SAME(sys_chmod(unmapped(), 0600), chmod(unmapped(), 0600));
    EXPECT_SAME(sys_chmod(too_long_path(), 0600), chmod(too_long_path(), 0600));
    EXPECT_SAME(sys_fchmod(-1, 0600), fchmod(-1, 0600));
    EXPECT_SAME(sys_fchmod(9999, 0600), fchmod(9999, 0600));
    cr_expect_eq(sys_chmod(in_dir("dangling"), 0600), -ASTRA_ENOENT);
    cr_expect_eq(sys_get_errno(), ASTRA_ENOENT);
}

static void expect_times(const char *path, int follow, long asec, long ansec, long msec, long mnsec)
{
    struct stat g;
    cr_assert_eq(follow ? stat(path, &g) : lstat(path, &g), 0);
    cr_expect_eq(g.st_atim.tv_sec, asec, "%s atime", path);
    cr_expect_eq(g.st_atim.tv_nsec, ansec, "%s atime ns", path);
    cr_expect_eq(g.st_mtim.tv_sec, msec, "%s mtime", path);
    cr_expect_eq(g.st_mtim.tv_nsec, mnsec, "%s mtime ns", path);
}

/* Within 2 s of CLOCK_REALTIME (file systems stamp with a coarser clock). */
static int is_now(struct timespec t)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return t.tv_sec >= now.tv_sec - 2 && t.tv_sec <= now.tv_sec + 2;
}

Test(fs, utimens_and_futimens_set_the_times_glibc_sees)
{
    make_tree();
    const char *f = in_dir("file");
    struct hermit_timespec t[2] = { { 1000000000, 123456789 }, { 1100000000, 5 } };
    cr_expect_eq(sys_utimens(f, t, 0), 0);
    expect_times(f, 1, 1000000000, 123456789, 1100000000, 5);
    struct hermit_timespec omit[2] = { { 7, ASTRA_UTIME_OMIT }, { 1200000000, 0 } };
    cr_expect_eq(sys_utimens(f, omit, 0), 0);
    expect_times(f, 1, 1000000000, 123456789, 1200000000, 0);
    struct hermit_timespec now[2] = { { 1300000000, 1 }, { 7, ASTRA_UTIME_NOW } };
    cr_expect_eq(sys_utimens(f, now, 0), 0);
    struct stat g;
    cr_assert_eq(stat(f, &g), 0);
    cr_expect_eq(g.st_atim.tv_sec, 1300000000);
    cr_expect(is_now(g.st_mtim));
    cr_expect_eq(sys_utimens(f, NULL, 0), 0);
    cr_assert_eq(stat(f, &g), 0);
    cr_expect(is_now(g.st_atim) && is_now(g.st_mtim));
    /* Through a link, or on the link itself. */
    cr_expect_eq(sys_utimens(in_dir("lfile"), t, 0), 0);
    expect_times(f, 1, 1000000000, 123456789, 1100000000, 5);
    cr_expect_eq(sys_utimens(in_dir("lfile"), omit, 1), 0);
    expect_times(in_dir("lfile"), 0, g.st_atim.tv_sec, g.st_atim.tv_nsec, 1200000000, 0);
    lstat(in_dir("lfile"), &g);
    expect_times(f, 1, 1000000000, 123456789, 1100000000, 5);
    cr_expect_eq(sys_utimens(in_dir("dangling"), t, 1), 0);
    expect_times(in_dir("dangling"), 0, 1000000000, 123456789, 1100000000, 5);
    int fd = open(f, O_RDONLY);
    struct hermit_timespec t2[2] = { { 1400000000, 0 }, { 1500000000, 999999999 } };
    cr_expect_eq(sys_futimens(fd, t2), 0);
    expect_times(f, 1, 1400000000, 0, 1500000000, 999999999);
    cr_expect_eq(sys_futimens(fd, NULL), 0);
    cr_assert_eq(stat(f, &g), 0);
    cr_expect(is_now(g.st_mtim));

    struct timespec gt[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    EXPECT_SAME(sys_utimens(in_dir("missing"), t, 0), utimensat(AT_FDCWD, in_dir("missing"), gt, 0));
    EXPECT_SAME(sys_utimens(in_dir("dangling"), t, 0), utimensat(AT_FDCWD, in_dir("dangling"), gt, 0));
    EXPECT_SAME(sys_utimens(in_dir("loop1"), t, 0), utimensat(AT_FDCWD, in_dir("loop1"), gt, 0));
    EXPECT_SAME(sys_utimens(in_dir("file/x"), t, 0), utimensat(AT_FDCWD, in_dir("file/x"), gt, 0));
    EXPECT_SAME(sys_utimens(unmapped(), t, 0), utimensat(AT_FDCWD, unmapped(), gt, 0));
    struct hermit_timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    struct timespec gbad[2] = { { 0, 1000000000 }, { 0, 0 } };
    EXPECT_SAME(sys_utimens(f, bad, 0), utimensat(AT_FDCWD, f, gbad, 0));
    EXPECT_SAME(sys_utimens(in_dir("missing"), bad, 0), utimensat(AT_FDCWD, in_dir("missing"), gbad, 0));
    struct hermit_timespec *volatile nowhere = unmapped();
    EXPECT_SAME(sys_utimens(f, nowhere, 0), utimensat(AT_FDCWD, f, (void *)nowhere, 0));
    EXPECT_SAME(sys_futimens(-1, t), futimens(-1, gt));
    EXPECT_SAME(sys_futimens(9999, t), futimens(9999, gt));
    EXPECT_SAME(sys_futimens(fd, nowhere), futimens(fd, (void *)nowhere));
    cr_expect_eq(sys_futimens(-1, t), -ASTRA_EBADF);
}

static int lock_fd;
static volatile int locked;

static void *lock_in_thread(void *arg)
{
    (void)arg;
    long r = sys_flock(lock_fd, ASTRA_LOCK_EX);
    locked = 1;
    return (void *)r;
}

Test(fs, flock_excludes_other_open_files_and_wakes_a_waiter)
{
    const char *f = in_dir("lock");
    close(open(f, O_CREAT | O_WRONLY, 0644));
    int a = open(f, O_RDONLY), b = open(f, O_RDONLY), c = open(f, O_RDWR);
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_EX), 0);
    cr_expect_eq(sys_flock(b, ASTRA_LOCK_SH | ASTRA_LOCK_NB), -ASTRA_EAGAIN); /* EWOULDBLOCK */
    cr_expect_eq(GLIBC(flock(b, LOCK_SH | LOCK_NB)), -EWOULDBLOCK);
    int d = dup(a);
    cr_expect_eq(sys_flock(d, ASTRA_LOCK_EX | ASTRA_LOCK_NB), 0); /* the same open file */
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_SH), 0);                  /* converted */
    cr_expect_eq(sys_flock(b, ASTRA_LOCK_SH | ASTRA_LOCK_NB), 0);
    cr_expect_eq(sys_flock(c, ASTRA_LOCK_EX | ASTRA_LOCK_NB), -ASTRA_EWOULDBLOCK);
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_UN), 0);
    cr_expect_eq(sys_flock(b, ASTRA_LOCK_UN), 0);
    cr_expect_eq(sys_flock(c, ASTRA_LOCK_EX | ASTRA_LOCK_NB), 0);
    cr_expect_eq(GLIBC(flock(a, LOCK_SH | LOCK_NB)), -EWOULDBLOCK);
    close(c); /* the last descriptor of c's open file: the lock goes */
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_SH | ASTRA_LOCK_NB), 0);

    EXPECT_SAME(sys_flock(a, 0), flock(a, 0));
    EXPECT_SAME(sys_flock(a, ASTRA_LOCK_SH | ASTRA_LOCK_EX), flock(a, LOCK_SH | LOCK_EX));
    EXPECT_SAME(sys_flock(a, ASTRA_LOCK_NB), flock(a, LOCK_NB));
    EXPECT_SAME(sys_flock(-1, ASTRA_LOCK_SH), flock(-1, LOCK_SH));
    EXPECT_SAME(sys_flock(9999, ASTRA_LOCK_UN), flock(9999, LOCK_UN));
    EXPECT_SAME(sys_flock(-1, 0), flock(-1, 0));
    cr_expect_eq(sys_flock(-1, 0), -ASTRA_EINVAL);

    /* A blocking request sleeps until the holder unlocks. */
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_EX), 0);
    lock_fd = b;
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, lock_in_thread, NULL), 0);
    usleep(100000);
    cr_expect_eq(locked, 0);
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_UN), 0);
    void *r;
    pthread_join(t, &r);
    cr_expect_eq((long)r, 0);
    cr_expect_eq(locked, 1);
    cr_expect_eq(sys_flock(a, ASTRA_LOCK_SH | ASTRA_LOCK_NB), -ASTRA_EAGAIN);
}

Test(fs, fdatasync_matches_glibc)
{
    int fd = open(in_dir("f"), O_CREAT | O_RDWR, 0600);
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_expect_eq(sys_fdatasync(fd), 0);
    EXPECT_SAME(sys_fdatasync(-1), fdatasync(-1));
    EXPECT_SAME(sys_fdatasync(p[0]), fdatasync(p[0]));
    cr_expect_eq(sys_fdatasync(p[0]), -ASTRA_EINVAL);
}

Test(fs, rename_errors_are_linuxs)
{
    make_tree();
    cr_assert_eq(mkdir(in_dir("full"), 0755), 0);
    close(open(in_dir("full/x"), O_CREAT | O_WRONLY, 0644));
    cr_assert_eq(mkdir(in_dir("sub/deeper"), 0755), 0);
    cr_assert_eq(link(in_dir("file"), in_dir("hard")), 0);
    static const struct { const char *from, *to; int error; } cases[] = {
        { "sub", "full", ENOTEMPTY },   { "sub", "file", ENOTDIR },        { "file", "sub", EISDIR },
        { "sub", "sub/deeper/x", EINVAL }, { "sub", "sub/deeper", EINVAL }, { "sub/deeper", "sub", ENOTEMPTY },
        { "file", "file/", ENOTDIR },   { "file/", "x", ENOTDIR },        { "ldir/", "x", ENOTDIR },
        { "missing", "x", ENOENT },     { "file", "missing/x", ENOENT },  { "file", "file/x", ENOTDIR },
        { ".", "x", EBUSY },            { "file", "..", EBUSY },          { "sub", "ldir", ENOTDIR },
        { "ldir", "sub", EISDIR },      { "loop1/x", "y", ELOOP },        { "file", "hard", 0 },
        { "sub", "sub", 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char from[256], to[256];
        strcpy(from, in_dir(cases[i].from));
        strcpy(to, in_dir(cases[i].to));
        cr_expect_eq(sys_rename(from, to), -cases[i].error, "rename %s %s", cases[i].from, cases[i].to);
        cr_expect_eq(GLIBC(rename(from, to)), -cases[i].error, "glibc: rename %s %s", cases[i].from, cases[i].to);
    }
    struct stat g;
    cr_expect_eq(stat(in_dir("hard"), &g), 0);
    cr_expect_eq(g.st_nlink, 2);
}

Test(fs, rename_noreplace_refuses_to_replace)
{
    make_tree();
    close(open(in_dir("other"), O_CREAT | O_WRONLY, 0644));
    cr_expect_eq(sys_rename_noreplace(in_dir("file"), in_dir("other")), -ASTRA_EEXIST);
    EXPECT_SAME(sys_rename_noreplace(in_dir("file"), in_dir("file")),
                renameat2(AT_FDCWD, in_dir("file"), AT_FDCWD, in_dir("file"), RENAME_NOREPLACE));
    EXPECT_SAME(sys_rename_noreplace(in_dir("dangling"), in_dir("sub")),
                renameat2(AT_FDCWD, in_dir("dangling"), AT_FDCWD, in_dir("sub"), RENAME_NOREPLACE));
    EXPECT_SAME(sys_rename_noreplace(in_dir("missing"), in_dir("x")),
                renameat2(AT_FDCWD, in_dir("missing"), AT_FDCWD, in_dir("x"), RENAME_NOREPLACE));
    EXPECT_SAME(sys_rename_noreplace(in_dir("sub"), in_dir("sub/x")),
                renameat2(AT_FDCWD, in_dir("sub"), AT_FDCWD, in_dir("sub/x"), RENAME_NOREPLACE));
    EXPECT_SAME(sys_rename_noreplace(in_dir("file"), in_dir(".")),
                renameat2(AT_FDCWD, in_dir("file"), AT_FDCWD, in_dir("."), RENAME_NOREPLACE));
    EXPECT_SAME(sys_rename_noreplace(NULL, in_dir("x")), renameat2(AT_FDCWD, NULL, AT_FDCWD, in_dir("x"), RENAME_NOREPLACE));
    cr_expect_eq(sys_rename_noreplace(in_dir("file"), in_dir("moved")), 0);
    cr_expect_eq(access(in_dir("moved"), F_OK), 0);
    cr_expect_eq(access(in_dir("file"), F_OK), -1);
    cr_expect_eq(sys_rename_noreplace(in_dir("ldir"), in_dir("ldir2")), 0);
    struct stat g;
    cr_expect_eq(lstat(in_dir("ldir2"), &g), 0);
    cr_expect(S_ISLNK(g.st_mode));
}

/* realpath of each path (relative ones from inside the tree) against glibc's. */
Test(fs, realpath_gives_what_glibc_realpath_gives)
{
    char abs[256];
    cr_assert_eq(mkdir(in_dir("a"), 0755), 0);
    cr_assert_eq(mkdir(in_dir("a/b"), 0755), 0);
    cr_assert_eq(mkdir(in_dir("a/b/c"), 0755), 0);
    close(open(in_dir("a/b/c/file"), O_CREAT | O_WRONLY, 0644));
    strcpy(abs, in_dir("a/b"));
    cr_assert_eq(symlink(abs, in_dir("abs")), 0);
    cr_assert_eq(symlink("a/b/c", in_dir("rel")), 0);
    cr_assert_eq(symlink("../../..", in_dir("a/b/c/top")), 0);
    cr_assert_eq(symlink("rel", in_dir("rel2")), 0);
    cr_assert_eq(symlink("c/file", in_dir("a/b/lf")), 0);
    cr_assert_eq(symlink("nothing", in_dir("dangling")), 0);
    cr_assert_eq(symlink("loop2", in_dir("loop1")), 0);
    cr_assert_eq(symlink("loop1", in_dir("loop2")), 0);
    cr_assert_eq(symlink("/", in_dir("root")), 0);
    cr_assert_eq(chdir(dir), 0);
    static const char *const paths[] = {
        ".", "a/b/../b/./c", "a//b///c/", "abs", "abs/c/file", "rel", "rel2/top/a", "rel/top/rel2/../../b/lf",
        "abs/lf", "root/tmp", "/", "/..", "/tmp/..", "dangling", "loop1", "missing", "missing/..", "a/b/lf/",
        "a/b/lf/x", "a/b/lf/..", "", "a/b/c/top/abs/../../a", "../", "rel2/top/rel2/top/rel2/top/abs",
    };
    for (unsigned i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char ours[4096], theirs[4096];
        intptr_t r = sys_realpath(paths[i], ours, sizeof ours);
        errno = 0;
        char *g = realpath(paths[i], theirs);
        if (g) {
            cr_expect_eq(r, (intptr_t)strlen(g), "%s", paths[i]);
            cr_expect_str_eq(ours, g, "%s", paths[i]);
        } else {
            cr_expect_eq(r, -errno, "%s: %ld, glibc's errno %d", paths[i], (long)r, errno);
        }
    }
    char small[8], theirs[4096];
    realpath("a", theirs);
    cr_expect_eq(sys_realpath("a", small, sizeof small), -ASTRA_ERANGE);
    cr_expect_eq(sys_realpath("a", theirs, strlen(theirs)), -ASTRA_ERANGE);
    cr_expect_eq(sys_realpath("a", theirs, strlen(theirs) + 1), (intptr_t)strlen(theirs));
    cr_expect_eq(sys_realpath(NULL, theirs, sizeof theirs), -ASTRA_EFAULT); /* glibc: EINVAL for NULL */
    cr_expect_eq(sys_realpath(unmapped(), theirs, sizeof theirs), -ASTRA_EFAULT);
    cr_expect_eq(sys_realpath(".", unmapped(), sizeof theirs), -ASTRA_EFAULT);
    cr_expect_eq(sys_realpath(too_long_path(), theirs, sizeof theirs), -ASTRA_ENAMETOOLONG);
    cr_expect_eq(sys_get_errno(), ASTRA_ENAMETOOLONG);
}

Test(fs, current_exe_is_proc_self_exe)
{
    char ours[4096], theirs[4096];
    ssize_t n = readlink("/proc/self/exe", theirs, sizeof theirs - 1);
    cr_assert_gt(n, 0);
    theirs[n] = 0;
    cr_expect_eq(sys_current_exe(ours, sizeof ours), n);
    cr_expect_str_eq(ours, theirs);
    cr_expect_eq(sys_current_exe(ours, (size_t)n), -ASTRA_ERANGE);
    cr_expect_eq(sys_current_exe(unmapped(), sizeof ours), -ASTRA_EFAULT);
    cr_expect_eq(sys_current_exe(NULL, 0), -ASTRA_ERANGE);
}
