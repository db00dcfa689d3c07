/* Pipes, descriptors, processes and signals, straight to the kernel (no libc in between),
 * printing every result so that the output on Astra can be compared with Linux's.
 * `proc_probe <case>`; tests/kernel/proc_test.c runs the cases on both. Prints nothing that
 * depends on the machine (no pids, no descriptor numbers beyond the lowest free one). */
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
#define SHOW(what, expr) printf("%-44s %s\n", what, probe_result(expr))

static char buf[200000];

/* ---- pipes ---- */

static int rd, wr; /* the current pipe */

static void new_pipe(int flags)
{
    int fds[2];
    long r = SC2(pipe2, fds, flags);
    if (r) {
        printf("pipe2 failed: %s\n", probe_result(r));
        return;
    }
    rd = fds[0], wr = fds[1];
}

static void close_pipe(void)
{
    SC1(close, rd);
    SC1(close, wr);
}

static int poll_events(int fd, int events)
{
    struct astra_pollfd p = { fd, (int16_t)events, 0 };
    long r = SC3(poll, &p, 1, 0);
    return r < 0 ? (int)r : p.revents;
}

/* How many nonblocking writes of `size` bytes fit in an empty pipe, and the bytes they hold. */
static void fill_count(const char *what, size_t size)
{
    new_pipe(ASTRA_O_NONBLOCK);
    long writes = 0, bytes = 0, r;
    while ((r = SC3(write, wr, buf, size)) > 0) {
        writes++;
        bytes += r;
    }
    printf("%-44s %ld writes, %ld bytes, then %s\n", what, writes, bytes, probe_result(r));
    close_pipe();
}

static void pipe_basics(void)
{
    int fds[2] = { -1, -1 };
    SHOW("pipe2 0", SC2(pipe2, fds, 0));
    printf("%-44s %s\n", "two new descriptors, read end first", fds[0] > 2 && fds[1] > fds[0] ? "yes" : "no");
    rd = fds[0], wr = fds[1];
    SHOW("write 5", SC3(write, wr, "hello", 5));
    memset(buf, 0, 16);
    SHOW("read 100", SC3(read, rd, buf, 100));
    printf("%-44s %s\n", "read back", buf);
    SHOW("F_GETFL read end (access, O_NONBLOCK)", SC2(fcntl, rd, ASTRA_F_GETFL) & (ASTRA_O_ACCMODE | ASTRA_O_NONBLOCK));
    SHOW("F_GETFL write end (access, O_NONBLOCK)", SC2(fcntl, wr, ASTRA_F_GETFL) & (ASTRA_O_ACCMODE | ASTRA_O_NONBLOCK));
    SHOW("F_GETFD read end", SC2(fcntl, rd, ASTRA_F_GETFD));
    struct astra_stat st;
    SHOW("fstat", SC2(fstat, rd, &st));
    printf("%-44s %s\n", "fstat type is FIFO", (st.st_mode & ASTRA_S_IFMT) == ASTRA_S_IFIFO ? "yes" : "no");
    SHOW("lseek", SC3(lseek, rd, 0, ASTRA_SEEK_CUR));
    SHOW("pread64", SC4(pread64, rd, buf, 1, 0));
    SHOW("write to the read end", SC3(write, rd, "x", 1));
    SHOW("read from the write end", SC3(read, wr, buf, 1));
    SHOW("write 0 bytes", SC3(write, wr, buf, 0));
    SHOW("read 0 bytes", SC3(read, rd, buf, 0));
    SHOW("poll empty: read end", poll_events(rd, ASTRA_POLLIN | ASTRA_POLLOUT));
    SHOW("poll empty: write end", poll_events(wr, ASTRA_POLLIN | ASTRA_POLLOUT));
    SHOW("F_SETFL O_NONBLOCK read end", SC3(fcntl, rd, ASTRA_F_SETFL, ASTRA_O_NONBLOCK));
    SHOW("nonblocking read of an empty pipe", SC3(read, rd, buf, 10));
    SHOW("write 3", SC3(write, wr, "abc", 3));
    SHOW("poll with data: read end", poll_events(rd, ASTRA_POLLIN));
    SHOW("write from an unmapped buffer", SC3(write, wr, 16, 10));
    SHOW("read into an unmapped buffer", SC3(read, rd, 16, 10));
    SHOW("read after the fault (data kept)", SC3(read, rd, buf, 10));
    close_pipe();

    SHOW("pipe2 bad flags", SC2(pipe2, fds, 1));
    SHOW("pipe2 unmapped array", SC2(pipe2, 16, 0));
    SHOW("pipe2 array in kernel memory", SC2(pipe2, 0xffffffff80100000UL, 0));
    new_pipe(ASTRA_O_CLOEXEC | ASTRA_O_NONBLOCK);
    SHOW("O_CLOEXEC: F_GETFD both ends", SC2(fcntl, rd, ASTRA_F_GETFD) + 10 * SC2(fcntl, wr, ASTRA_F_GETFD));
    SHOW("O_NONBLOCK: F_GETFL & O_NONBLOCK", SC2(fcntl, wr, ASTRA_F_GETFL) & ASTRA_O_NONBLOCK);
    close_pipe();
    fds[0] = -1;
    SHOW("pipe (22)", SC1(pipe, fds));
    rd = fds[0], wr = fds[1];
    close_pipe();
}

static void pipe_capacity(void)
{
    memset(buf, 'c', sizeof buf);
    fill_count("fill with 4096-byte writes", 4096);
    fill_count("fill with 3000-byte writes", 3000);
    fill_count("fill with 100-byte writes", 100);
    fill_count("fill with 5000-byte writes", 5000);
    fill_count("fill with 65536-byte writes", 65536);
    fill_count("fill with 100000-byte writes", 100000);

    new_pipe(ASTRA_O_NONBLOCK);
    SHOW("15 pages and 3996 bytes", SC3(write, wr, buf, 15 * 4096 + 3996));
    SHOW("poll write end, one page short of full", poll_events(wr, ASTRA_POLLOUT));
    SHOW("write 4096 (a page is free)", SC3(write, wr, buf, 4096));
    SHOW("poll write end, full", poll_events(wr, ASTRA_POLLOUT));
    SHOW("atomic write of 200: no room for all", SC3(write, wr, buf, 200));
    SHOW("write of 5000: no page free", SC3(write, wr, buf, 5000));
    SHOW("write of 100 into the last page", SC3(write, wr, buf, 100));
    SHOW("read 5000", SC3(read, rd, buf + 100000, 5000));
    SHOW("poll write end after a read", poll_events(wr, ASTRA_POLLOUT));
    SHOW("write of 8000 after a read", SC3(write, wr, buf, 8000));
    long total = 0, r;
    while ((r = SC3(read, rd, buf + 100000, 65536)) > 0)
        total += r;
    printf("%-44s %ld bytes, then %s\n", "drain", total, probe_result(r));
    close_pipe();
}

static void pipe_ends(void)
{
    new_pipe(0);
    SHOW("write 7", SC3(write, wr, "goodbye", 7));
    SHOW("close the write end", SC1(close, wr));
    SHOW("poll read end, no writer, data", poll_events(rd, ASTRA_POLLIN));
    SHOW("read 4", SC3(read, rd, buf, 4));
    SHOW("read 10", SC3(read, rd, buf, 10));
    SHOW("read at end of file", SC3(read, rd, buf, 10));
    SHOW("poll read end, no writer, empty", poll_events(rd, ASTRA_POLLIN));
    SHOW("close the read end", SC1(close, rd));

    new_pipe(0);
    SHOW("close the read end", SC1(close, rd));
    SHOW("poll write end, no reader", poll_events(wr, ASTRA_POLLOUT));
    SHOW("write with no reader (SIGPIPE ignored)", SC3(write, wr, "x", 1));
    SHOW("write 0 bytes with no reader", SC3(write, wr, "x", 0));
    SHOW("close the write end", SC1(close, wr));

    /* A duplicate keeps the end open. */
    new_pipe(ASTRA_O_NONBLOCK);
    long dup_wr = SC1(dup, wr);
    SHOW("close the write end, a dup remains", SC1(close, wr));
    SHOW("read: no data, a writer remains", SC3(read, rd, buf, 10));
    SHOW("close the dup", SC1(close, dup_wr));
    SHOW("read: end of file", SC3(read, rd, buf, 10));
    SHOW("close the read end", SC1(close, rd));
}

static void pipe_vectors(void)
{
    new_pipe(0);
    SHOW("write 10", SC3(write, wr, "0123456789", 10));
    char a[10], b[10];
    struct astra_iovec iov[2] = { { a, sizeof a }, { b, sizeof b } };
    SHOW("readv 10+10 of 10 bytes (no blocking)", SC3(readv, rd, iov, 2));
    struct astra_iovec wiov[2] = { { "abc", 3 }, { "defg", 4 } };
    SHOW("writev 3+4", SC3(writev, wr, wiov, 2));
    memset(buf, 0, 16);
    SHOW("read 20", SC3(read, rd, buf, 20));
    printf("%-44s %s\n", "read back", buf);
    close_pipe();
}

/* A thread that writes into the pipe after a pause, or drains it. */
static void late_writer(size_t bytes)
{
    sys_usleep(50000);
    SC3(write, wr, buf, bytes);
}

static void late_reader(size_t bytes)
{
    static char sink[70000];
    sys_usleep(50000);
    size_t got = 0;
    while (got < bytes) {
        long r = SC3(read, rd, sink, sizeof sink);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
}

static void pipe_blocking(void)
{
    new_pipe(0);
    hermit_tid_t t = sys_spawn2(late_writer, 6, HERMIT_NORMAL_PRIO, 0, -1);
    SHOW("blocking read waits for a writer", SC3(read, rd, buf, 100));
    sys_join(t);
    t = sys_spawn2(late_writer, 3, HERMIT_NORMAL_PRIO, 0, -1);
    struct astra_pollfd p = { rd, ASTRA_POLLIN, 0 };
    SHOW("poll waits for data", SC3(poll, &p, 1, 5000));
    SHOW("poll revents", p.revents);
    SHOW("read", SC3(read, rd, buf, 100));
    sys_join(t);
    SHOW("fill the pipe", SC3(write, wr, buf, 65536));
    t = sys_spawn2(late_reader, 65536 + 8192, HERMIT_NORMAL_PRIO, 0, -1);
    SHOW("blocking write of 8192 waits for room", SC3(write, wr, buf, 8192));
    sys_join(t);
    close_pipe();
}

/* ---- descriptors ---- */

static void descriptors(void)
{
    new_pipe(0);
    long spare = SC1(dup, rd);
    SHOW("dup2 to itself", SC2(dup2, rd, rd) == rd);
    SHOW("dup2 of a closed descriptor", SC2(dup2, 999, 500));
    SHOW("dup2 to a descriptor out of range", SC2(dup2, rd, 2000000000));
    SHOW("dup2 to itself, closed", SC2(dup2, 999, 999));
    SHOW("dup3 to itself", SC3(dup3, rd, rd, 0));
    SHOW("dup3 bad flags", SC3(dup3, rd, 500, 1));
    SHOW("dup3 closed to itself", SC3(dup3, 999, 999, 0));
    SHOW("dup3 O_CLOEXEC", SC3(dup3, rd, 500, ASTRA_O_CLOEXEC));
    SHOW("F_GETFD of the dup3", SC2(fcntl, 500, ASTRA_F_GETFD));
    SHOW("F_GETFD of the original", SC2(fcntl, rd, ASTRA_F_GETFD));
    SHOW("dup2 over an open descriptor", SC2(dup2, wr, 500));
    SHOW("F_GETFD after dup2 (cloexec cleared)", SC2(fcntl, 500, ASTRA_F_GETFD));
    SHOW("write through the new descriptor", SC3(write, 500, "xyz", 3));
    SHOW("read it back", SC3(read, rd, buf, 10));
    SHOW("F_SETFD FD_CLOEXEC", SC3(fcntl, spare, ASTRA_F_SETFD, ASTRA_FD_CLOEXEC));
    SHOW("F_GETFD", SC2(fcntl, spare, ASTRA_F_GETFD));
    SHOW("F_SETFD 0", SC3(fcntl, spare, ASTRA_F_SETFD, 0));
    SHOW("F_GETFD", SC2(fcntl, spare, ASTRA_F_GETFD));
    SHOW("F_SETFD on a closed descriptor", SC3(fcntl, 999, ASTRA_F_SETFD, 1));
    long d = SC3(fcntl, rd, ASTRA_F_DUPFD_CLOEXEC, 600);
    SHOW("F_DUPFD_CLOEXEC from 600", d);
    SHOW("F_GETFD of it", SC2(fcntl, d, ASTRA_F_GETFD));
    SC1(close, d);
    SC1(close, 500);
    SC1(close, spare);
    close_pipe();
}

/* ---- SIGPIPE's default action ends the writer ---- */

static void sigpipe_default(void)
{
    struct astra_sigaction dfl = { .handler = ASTRA_SIG_DFL };
    SHOW("SIGPIPE to SIG_DFL", SC4(rt_sigaction, ASTRA_SIGPIPE, &dfl, 0, 8));
    new_pipe(0);
    SC1(close, rd);
    printf("writing to a pipe without a reader\n");
    fflush(stdout);
    SC3(write, wr, "x", 1);
    printf("still alive (wrong)\n");
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "pipes")) {
        pipe_basics();
        pipe_capacity();
        pipe_ends();
        pipe_vectors();
        descriptors();
    } else if (!strcmp(c, "pipe_blocking")) {
        pipe_blocking();
    } else if (!strcmp(c, "sigpipe")) {
        sigpipe_default();
    } else {
        printf("unknown case '%s'\n", c);
        return 2;
    }
    return 0;
}
