/* Runs one call of the newlib OS layer named by argv[1] and prints "<result> <errno name>".
 * Driven by tests/newlib_test.c; every case must end in an error code, never a crash. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

int _fork(void);
int _execve(const char *, char *const[], char *const[]);
int _wait(int *);
void *_sbrk(intptr_t);

static const char *errno_name(int e)
{
    switch (e) {
    case 0: return "OK";
    case EBADF: return "EBADF";
    case ENOENT: return "ENOENT";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case ENOTTY: return "ENOTTY";
    case EEXIST: return "EEXIST";
    case ENOMEM: return "ENOMEM";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    case ESPIPE: return "ESPIPE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ECHILD: return "ECHILD";
    default: return "other";
    }
}

static void report(long r)
{
    printf("%ld %s\n", r, r < 0 ? errno_name(errno) : "OK");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const char *c = argv[1];
    char buf[64];
    struct stat st;
    errno = 0;

    if (!strcmp(c, "read_bad_fd")) report(read(-1, buf, 1));
    else if (!strcmp(c, "write_bad_fd")) report(write(99, "x", 1));
    else if (!strcmp(c, "close_bad_fd")) report(close(1234));
    else if (!strcmp(c, "lseek_bad_fd")) report(lseek(-5, 0, SEEK_SET));
    else if (!strcmp(c, "lseek_pipe")) report(lseek(0, 0, SEEK_CUR)); /* stdin is a pipe */
    else if (!strcmp(c, "fstat_bad_fd")) report(fstat(77, &st));
    else if (!strcmp(c, "fstat_null")) report(fstat(1, NULL));
    else if (!strcmp(c, "isatty_bad_fd")) report(isatty(42) ? 1 : -1);
    else if (!strcmp(c, "isatty_pipe")) report(isatty(1) ? 1 : -1); /* stdout is a pipe */
    else if (!strcmp(c, "open_missing")) report(open("/nonexistent/astra/file", O_RDONLY));
    else if (!strcmp(c, "open_bad_flag")) report(open("/tmp", O_RDONLY | 0x40000000));
    else if (!strcmp(c, "open_dir_for_write")) report(open("/", O_WRONLY));
    else if (!strcmp(c, "open_unmapped_path")) report(open((const char *)8, O_RDONLY));
    else if (!strcmp(c, "read_unmapped_buf")) {
        int fd = open("/dev/zero", O_RDONLY);
        report(read(fd, (void *)8, 16));
    } else if (!strcmp(c, "stat_missing")) report(stat("/nonexistent", &st));
    else if (!strcmp(c, "stat_not_dir")) report(stat("/dev/null/x", &st));
    else if (!strcmp(c, "stat_long_path")) {
        static char p[5000];
        memset(p, 'a', sizeof p - 1);
        p[0] = '/';
        report(stat(p, &st));
    } else if (!strcmp(c, "stat_root_is_dir")) report(stat("/", &st) == 0 && S_ISDIR(st.st_mode) ? 1 : -1);
    else if (!strcmp(c, "unlink_missing")) report(unlink("/nonexistent/file"));
    else if (!strcmp(c, "link_missing")) report(link("/nonexistent/a", "/tmp/astra-never"));
    else if (!strcmp(c, "mkdir_exists")) report(mkdir("/", 0755));
    else if (!strcmp(c, "kill_self_zero")) report(kill(getpid(), 0));
    else if (!strcmp(c, "fork")) {
        int pid = _fork();
        if (pid == 0)
            _exit(7);
        int status = 0;
        report(pid > 0 && _wait(&status) == pid && status == 7 << 8 ? 0 : -1);
    } else if (!strcmp(c, "execve_missing")) report(_execve("/nonexistent/program", NULL, NULL));
    else if (!strcmp(c, "execve_unmapped_path")) report(_execve((const char *)8, NULL, NULL));
    else if (!strcmp(c, "wait")) report(_wait(NULL));
    else if (!strcmp(c, "fcntl_bad_cmd")) report(fcntl(1, 0x7fff));
    else if (!strcmp(c, "sbrk_grow")) {
        char *a = _sbrk(0), *b = _sbrk(65536), *e = _sbrk(0);
        if (b == a && e == a + 65536) {
            memset(b, 1, 65536); /* the new memory is usable */
            report(0);
        } else
            report(-1);
    } else if (!strcmp(c, "sbrk_huge")) report(_sbrk((intptr_t)1 << 46) == (void *)-1 ? -1 : 0);
    else if (!strcmp(c, "gettimeofday")) {
        struct timeval tv;
        report(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1700000000 && tv.tv_usec < 1000000 ? 0 : -1);
    } else if (!strcmp(c, "times")) {
        struct tms t;
        report(times(&t) == (clock_t)-1 ? -1 : 0);
    } else if (!strcmp(c, "file_roundtrip")) {
        snprintf(buf, sizeof buf, "/tmp/astra-newlib-%d", (int)getpid());
        int fd = open(buf, O_CREAT | O_EXCL | O_RDWR, 0600);
        int again = open(buf, O_CREAT | O_EXCL | O_RDWR, 0600);
        int again_errno = errno;
        long w = write(fd, "0123456789", 10);
        long pos = lseek(fd, 2, SEEK_SET);
        char got[4] = { 0 };
        long r = read(fd, got, 3);
        fstat(fd, &st);
        int flags = fcntl(fd, F_GETFL);
        close(fd);
        unlink(buf);
        int ok = fd >= 0 && again == -1 && again_errno == EEXIST && w == 10 && pos == 2 &&
                 r == 3 && !strcmp(got, "234") && st.st_size == 10 && S_ISREG(st.st_mode) &&
                 (st.st_mode & 0777) == 0600 && (flags & O_ACCMODE) == O_RDWR &&
                 stat(buf, &st) == -1 && errno == ENOENT;
        report(ok ? 0 : -1);
    } else {
        fprintf(stderr, "unknown case %s\n", c);
        return 2;
    }
    return 0;
}
