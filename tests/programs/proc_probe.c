/* Pipes, descriptors, processes and signals, straight to the kernel (no libc in between),
 * printing every result so that the output on Astra can be compared with Linux's.
 * `proc_probe <case>`; tests/kernel/proc_test.c runs the cases on both. Prints nothing that
 * depends on the machine (no pids, no descriptor numbers beyond the lowest free one). */
#include <stdio.h>
#include <stdlib.h>
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

static long held_read;

/* Blocks reading the pipe while the main thread closes that very descriptor. */
static void blocked_reader(size_t fd)
{
    char tmp[16];
    held_read = SC3(read, fd, tmp, sizeof tmp);
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

    /* A read keeps its open file even when another thread closes the descriptor. */
    new_pipe(0);
    t = sys_spawn2(blocked_reader, (size_t)rd, HERMIT_NORMAL_PRIO, 0, -1);
    sys_usleep(30000);
    SHOW("close the descriptor a thread reads from", SC1(close, rd));
    SHOW("write 3", SC3(write, wr, "abc", 3));
    sys_join(t);
    SHOW("the blocked read got them", held_read);
    SC1(close, wr);
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

/* ---- processes ---- */

#define SC5(n, a, b, c, d, e) astra_syscall5(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define YESNO(what, cond) printf("%-44s %s\n", what, (cond) ? "yes" : "no")

/* fork, flushing stdout first so that the child does not print the parent's buffer again. */
static long do_fork(void)
{
    fflush(stdout);
    return SC0(fork);
}

static _Noreturn void child_exit(int code)
{
    fflush(stdout);
    SC1(exit_group, code);
    for (;;)
        ;
}

/* Waits for pid; its wait status, or -errno. */
static long wait_status(long pid)
{
    int st = -1;
    long r = SC4(wait4, pid, &st, 0, 0);
    return r < 0 ? r : r == pid || pid == -1 ? st : -1000;
}

static void show_status(const char *what, long st)
{
    if (st < 0)
        printf("%-44s %s\n", what, probe_result(st));
    else if (st & 0x7f)
        printf("%-44s killed by signal %ld\n", what, st & 0x7f);
    else
        printf("%-44s exited with %ld\n", what, (st >> 8) & 0xff);
}

static void msleep(long ms) { sys_usleep((uint64_t)ms * 1000); }

/* A handshake between a parent and its child: two pipes, one each way. */
static int up[2], down[2];

static void handshake_open(void)
{
    SC2(pipe2, up, 0);
    SC2(pipe2, down, 0);
}

static void handshake_close(void)
{
    for (int i = 0; i < 2; i++) {
        SC1(close, up[i]);
        SC1(close, down[i]);
    }
}

static void tell_parent(void)
{
    fflush(stdout);
    SC3(write, up[1], "u", 1);
}

static void wait_for_child(void) { SC3(read, up[0], buf, 1); }

/* Sending a signal once after a pause races with a child that is slow to block (a busy host
 * can stall a vCPU for longer than any pause): a signal that comes too early only runs the
 * handler, and the child then blocks for good. These send it every 50 ms instead, until the
 * child tells the parent it went on, or until it has ended (its wait status). */
static void signal_until_told(long pid, int sig)
{
    struct astra_pollfd p = { up[0], ASTRA_POLLIN, 0 };
    msleep(200); /* the child is then blocked, but for a stalled vCPU */
    do
        SC2(kill, pid, sig);
    while (SC3(poll, &p, 1, 50) == 0);
    wait_for_child();
}

static long signal_until_exit(long pid, int sig)
{
    int st = -1;
    long r;
    do {
        SC2(kill, pid, sig);
        msleep(50);
    } while ((r = SC4(wait4, pid, &st, ASTRA_WNOHANG, 0)) == 0);
    return r == pid ? st : r;
}
static void tell_child(void)
{
    fflush(stdout);
    SC3(write, down[1], "d", 1);
}
static void wait_for_parent(void) { SC3(read, down[0], buf, 1); }

static volatile int shared_word = 1;

static void fork_basics(void)
{
    long parent = SC0(getpid);
    long pid = do_fork();
    if (pid == 0) {
        YESNO("child: fork returned 0, getppid is the parent", SC0(getppid) == parent);
        YESNO("child: its own pid", SC0(getpid) != parent && SC0(gettid) == SC0(getpid));
        shared_word = 2;
        child_exit(7);
    }
    int st = -1;
    long r = SC4(wait4, pid, &st, 0, 0);
    YESNO("fork returned a new pid", pid > 0 && pid != parent);
    YESNO("wait4 returned the child's pid", r == pid);
    printf("%-44s 0x%x\n", "wait status of exit(7)", st);
    YESNO("the child's write stayed in the child", shared_word == 1);
    SHOW("wait4 again", SC4(wait4, pid, &st, 0, 0));
    SHOW("wait4 -1 with no children", SC4(wait4, -1, &st, 0, 0));
    SHOW("wait4 of a pid that is not a child", SC4(wait4, 1, &st, 0, 0));
    SHOW("wait4 bad options", SC4(wait4, -1, &st, 0x100, 0));
    SHOW("wait4 INT_MIN", SC4(wait4, -2147483647 - 1, &st, 0, 0));

    static const int codes[] = { 0, 1, 255, 256, 0x1234 };
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if ((pid = do_fork()) == 0)
            child_exit(codes[i]);
        char what[64];
        snprintf(what, sizeof what, "exit(%d)", codes[i]);
        show_status(what, wait_status(pid));
    }
    static const int sigs[] = { ASTRA_SIGTERM, ASTRA_SIGKILL, ASTRA_SIGUSR1, ASTRA_SIGABRT, ASTRA_SIGHUP };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if ((pid = do_fork()) == 0) {
            SC2(kill, SC0(getpid), sigs[i]);
            child_exit(99);
        }
        char what[64];
        snprintf(what, sizeof what, "kill(self, %d)", sigs[i]);
        show_status(what, wait_status(pid));
    }
    if ((pid = do_fork()) == 0) {
        volatile int *volatile bad = (int *)16;
        *bad = 1;
        child_exit(98);
    }
    show_status("a write to address 16", wait_status(pid));
    if ((pid = do_fork()) == 0) {
        SC3(tgkill, SC0(getpid), SC0(gettid), ASTRA_SIGQUIT);
        child_exit(97);
    }
    show_status("tgkill(self, SIGQUIT)", wait_status(pid));
    if ((pid = do_fork()) == 0) {
        SC2(kill, SC0(getpid), ASTRA_SIGCHLD);
        SC2(kill, SC0(getpid), ASTRA_SIGWINCH);
        child_exit(5);
    }
    show_status("SIGCHLD and SIGWINCH to self (ignored)", wait_status(pid));
}

static void fork_memory(void)
{
    static char big[1 << 20];
    memset(big, 'p', sizeof big);
    char *heap = malloc(100000);
    memset(heap, 'h', 100000);
    long *shared = (long *)astra_syscall6(ASTRA_NR_mmap, 0, 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                          ASTRA_MAP_SHARED | ASTRA_MAP_ANONYMOUS, -1, 0);
    long *private = (long *)astra_syscall6(ASTRA_NR_mmap, 0, 8192, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                           ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    private[0] = 1;
    long pid = do_fork();
    if (pid == 0) {
        int same = big[12345] == 'p' && heap[99999] == 'h' && private[0] == 1 && private[600] == 0;
        YESNO("child sees the parent's memory", same);
        memset(big, 'c', sizeof big);
        memset(heap, 'c', 100000);
        private[0] = 2;
        private[600] = 3;
        shared[0] = 42;
        shared[511] = 43;
        YESNO("child sees its own writes", big[777] == 'c' && heap[5] == 'c' && private[0] == 2);
        child_exit(0);
    }
    show_status("child", wait_status(pid));
    YESNO("parent's memory is unchanged", big[777] == 'p' && heap[5] == 'h' && private[0] == 1 && private[600] == 0);
    printf("%-44s %ld %ld\n", "MAP_SHARED page written by the child", shared[0], shared[511]);
    memset(big, 'q', sizeof big); /* the parent's pages are its own again */
    YESNO("parent writes after the child ended", big[0] == 'q' && big[sizeof big - 1] == 'q');
    /* A grandchild: copy of a copy. */
    if ((pid = do_fork()) == 0) {
        long g = do_fork();
        if (g == 0) {
            big[1] = 'g';
            child_exit(big[0] == 'q' ? 3 : 4);
        }
        long st = wait_status(g);
        child_exit(big[1] == 'q' && st == 0x300 ? 10 : 11);
    }
    show_status("child that forked a grandchild", wait_status(pid));
    free(heap);
}

static void fork_descriptors(void)
{
    new_pipe(0);
    long pid = do_fork();
    if (pid == 0) {
        SC1(close, rd);
        SC3(write, wr, "from the child", 14);
        child_exit(0);
    }
    SC1(close, wr);
    memset(buf, 0, 64);
    SHOW("read what the child wrote", SC3(read, rd, buf, 64));
    printf("%-44s %s\n", "read back", buf);
    SHOW("read: end of file once the child exited", SC3(read, rd, buf, 64));
    show_status("child", wait_status(pid));
    SC1(close, rd);

    /* The child blocks reading until the parent writes; WNOHANG meanwhile. */
    new_pipe(0);
    if ((pid = do_fork()) == 0) {
        SC1(close, wr);
        long n = SC3(read, rd, buf, 10);
        child_exit((int)n);
    }
    SC1(close, rd);
    int st = -1;
    SHOW("wait4 WNOHANG, child blocked in read", SC4(wait4, pid, &st, ASTRA_WNOHANG, 0));
    msleep(20);
    SHOW("wait4 WNOHANG again", SC4(wait4, pid, &st, ASTRA_WNOHANG, 0));
    SC3(write, wr, "abcd", 4);
    show_status("child read 4 bytes", wait_status(pid));
    SC1(close, wr);

    /* A reader that goes away: the writer gets EPIPE (SIGPIPE is ignored here). */
    new_pipe(0);
    if ((pid = do_fork()) == 0)
        child_exit(0);
    SC1(close, rd);
    show_status("reader child", wait_status(pid));
    SHOW("write after every reader is gone", SC3(write, wr, "x", 1));
    SC1(close, wr);
}

static void zombies_and_orphans(void)
{
    long pid = do_fork();
    if (pid == 0)
        child_exit(4);
    struct astra_siginfo zinfo; /* wait until it is a zombie, leaving it one */
    SC5(waitid, ASTRA_P_PID, pid, &zinfo, ASTRA_WEXITED | ASTRA_WNOWAIT, 0);
    SHOW("kill(zombie, 0)", SC2(kill, pid, 0));
    SHOW("kill(zombie, SIGKILL)", SC2(kill, pid, ASTRA_SIGKILL));
    YESNO("getpgid(zombie) is ours", SC1(getpgid, pid) == SC1(getpgid, 0));
    show_status("zombie collected", wait_status(pid));
    SHOW("kill(collected pid, 0)", SC2(kill, pid, 0));

    /* A child that forks and exits: its child is adopted by another process. */
    new_pipe(0);
    if ((pid = do_fork()) == 0) {
        long parent = SC0(getpid);
        if (do_fork() == 0) {
            SC1(close, rd);
            while (SC0(getppid) == parent)
                msleep(5);
            SC3(write, wr, "adopted", 7);
            child_exit(0);
        }
        child_exit(0);
    }
    SC1(close, wr);
    show_status("middle child", wait_status(pid));
    memset(buf, 0, 16);
    SHOW("orphan reports", SC3(read, rd, buf, 16));
    printf("%-44s %s\n", "orphan says", buf);
    SC1(close, rd);
    /* On Astra the probe is pid 1 and adopted it: collect it silently (Linux: no children). */
    while (SC4(wait4, -1, 0, 0, 0) > 0)
        ;
}

static void waitid_cases(void)
{
    struct astra_siginfo info;
    long pid = do_fork();
    if (pid == 0)
        child_exit(12);
    memset(&info, 0x55, sizeof info);
    SHOW("waitid P_PID WEXITED|WNOWAIT", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WEXITED | ASTRA_WNOWAIT, 0));
    YESNO("siginfo: signo, code, pid, status", info.signo == ASTRA_SIGCHLD && info.code == ASTRA_CLD_EXITED &&
                                                   info.pid == pid && info.status == 12 && info.error == 0);
    printf("%-44s 0x%x 0x%x\n", "siginfo padding left alone", (unsigned)info.pad0, (unsigned)info.pad1);
    memset(&info, 0, sizeof info);
    SHOW("waitid P_ALL WEXITED collects it", SC5(waitid, ASTRA_P_ALL, 0, &info, ASTRA_WEXITED, 0));
    YESNO("same child", info.pid == pid && info.status == 12);
    memset(&info, 0x55, sizeof info);
    SHOW("waitid, no children", SC5(waitid, ASTRA_P_ALL, 0, &info, ASTRA_WEXITED, 0));
    printf("%-44s %d %d %d\n", "siginfo after ECHILD (signo code pid)", info.signo, info.code, info.pid);
    SHOW("waitid without WEXITED|WSTOPPED|WCONTINUED", SC5(waitid, ASTRA_P_ALL, 0, &info, ASTRA_WNOHANG, 0));
    SHOW("waitid P_PID 0", SC5(waitid, ASTRA_P_PID, 0, &info, ASTRA_WEXITED, 0));
    SHOW("waitid bad idtype", SC5(waitid, 7, 0, &info, ASTRA_WEXITED, 0));
    SHOW("waitid bad options", SC5(waitid, ASTRA_P_ALL, 0, &info, ASTRA_WEXITED | 0x100, 0));
    SHOW("waitid unmapped siginfo", SC5(waitid, ASTRA_P_ALL, 0, 16, ASTRA_WEXITED, 0));

    new_pipe(0);
    if ((pid = do_fork()) == 0) {
        SC3(read, rd, buf, 1);
        child_exit(0);
    }
    memset(&info, 0x55, sizeof info);
    SHOW("waitid WNOHANG, child running", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WEXITED | ASTRA_WNOHANG, 0));
    printf("%-44s %d %d %d\n", "siginfo after WNOHANG (signo code pid)", info.signo, info.code, info.pid);
    SHOW("kill(child, SIGTERM)", SC2(kill, pid, ASTRA_SIGTERM));
    SHOW("waitid P_PGID 0", SC5(waitid, ASTRA_P_PGID, 0, &info, ASTRA_WEXITED, 0));
    YESNO("killed: CLD_KILLED with SIGTERM", info.code == ASTRA_CLD_KILLED && info.status == ASTRA_SIGTERM && info.pid == pid);
    close_pipe();

    /* Three children, collected in any order. */
    for (int i = 1; i <= 3; i++)
        if (do_fork() == 0)
            child_exit(i);
    long sum = 0, st;
    for (int i = 0; i < 3; i++)
        sum += ((st = wait_status(-1)) >> 8) & 0xff;
    printf("%-44s %ld\n", "sum of three children's codes", sum);
}

static void groups_and_sessions(void)
{
    long self = SC0(getpid), mypgid = SC1(getpgid, 0);
    YESNO("getpgrp is getpgid(0)", SC0(getpgrp) == mypgid);
    YESNO("getsid(0) is getsid(self)", SC1(getsid, 0) == SC1(getsid, self));
    SHOW("getpgid of no process", SC1(getpgid, 99999999));
    SHOW("getsid of no process", SC1(getsid, 99999999));
    SHOW("setpgid negative pgid", SC2(setpgid, 0, -1));
    SHOW("setpgid of no process", SC2(setpgid, 99999999, 0));
    SHOW("kill(0, 0)", SC2(kill, 0, 0));
    SHOW("kill(no group, 0)", SC2(kill, -99999999, 0));
    SHOW("kill(no process, 99)", SC2(kill, 99999999, 99));
    SHOW("kill(self, 99)", SC2(kill, self, 99));
    SHOW("kill(self, -1)", SC2(kill, self, -1));
    SHOW("tgkill(0, 1, 0)", SC3(tgkill, 0, 1, 0));
    SHOW("tgkill of no thread", SC3(tgkill, 99999999, 99999999, 0));
    SHOW("tgkill(self, self, 0)", SC3(tgkill, self, SC0(gettid), 0));

    handshake_open();
    long pid = do_fork();
    if (pid == 0) {
        YESNO("child: in the parent's group", SC1(getpgid, 0) == mypgid);
        tell_parent();
        wait_for_parent(); /* the parent moves it meanwhile */
        YESNO("child: now leads its own group", SC1(getpgid, 0) == SC0(getpid));
        SHOW("child: setsid as a group leader", SC0(setsid));
        child_exit(0);
    }
    wait_for_child();
    SHOW("setpgid(child, 0)", SC2(setpgid, pid, 0));
    YESNO("getpgid(child) is its pid", SC1(getpgid, pid) == pid);
    SHOW("setpgid(child, group of nobody)", SC2(setpgid, pid, 99999));
    SHOW("setpgid(child, our group)", SC2(setpgid, pid, mypgid));
    SHOW("setpgid(child, its own again)", SC2(setpgid, pid, pid));
    tell_child();
    show_status("child", wait_status(pid));

    if ((pid = do_fork()) == 0) {
        long me = SC0(getpid);
        YESNO("child: setsid returns its pid", SC0(setsid) == me);
        YESNO("child: session and group are its pid", SC1(getsid, 0) == me && SC1(getpgid, 0) == me);
        SHOW("child: setsid again", SC0(setsid));
        SHOW("child: setpgid as a session leader", SC2(setpgid, 0, 0));
        tell_parent();
        wait_for_parent();
        child_exit(0);
    }
    wait_for_child();
    SHOW("setpgid(child in another session)", SC2(setpgid, pid, pid));
    YESNO("getsid(child) is its pid", SC1(getsid, pid) == pid);
    tell_child();
    show_status("child", wait_status(pid));
    handshake_close();

    /* A signal to a process group reaches every member. */
    new_pipe(0);
    long a = do_fork();
    if (a == 0) {
        SC2(setpgid, 0, 0);
        SC3(read, rd, buf, 1);
        child_exit(0);
    }
    SC2(setpgid, a, a);
    long b = do_fork();
    if (b == 0) {
        SC3(read, rd, buf, 1);
        child_exit(0);
    }
    SHOW("setpgid(second child, first's group)", SC2(setpgid, b, a));
    SHOW("kill(-group, SIGTERM)", SC2(kill, -a, ASTRA_SIGTERM));
    show_status("first child", wait_status(a));
    show_status("second child", wait_status(b));
    SHOW("kill(-group, 0) once it is gone", SC2(kill, -a, 0));
    close_pipe();
}

static void signals_between_processes(void)
{
    new_pipe(0);
    long pid = do_fork();
    if (pid == 0) {
        SC3(read, rd, buf, 1);
        child_exit(0);
    }
    msleep(20);
    SHOW("kill(child blocked in read, SIGKILL)", SC2(kill, pid, ASTRA_SIGKILL));
    show_status("child", wait_status(pid));
    close_pipe();

    /* A blocked signal waits until it is unblocked; an ignored one is dropped. */
    handshake_open();
    if ((pid = do_fork()) == 0) {
        uint64_t set = 1ULL << (ASTRA_SIGTERM - 1), old = 7;
        SHOW("child: block SIGTERM", SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, &set, &old, 8));
        printf("%-44s %lu\n", "child: mask before", (unsigned long)old);
        tell_parent();
        wait_for_parent(); /* the parent has sent SIGTERM */
        printf("child: still alive with SIGTERM pending\n");
        fflush(stdout);
        SC4(rt_sigprocmask, ASTRA_SIG_UNBLOCK, &set, 0, 8);
        printf("child: alive after unblocking (wrong)\n");
        child_exit(0);
    }
    wait_for_child();
    SHOW("kill(child, SIGTERM) while blocked", SC2(kill, pid, ASTRA_SIGTERM));
    tell_child();
    show_status("child", wait_status(pid));

    if ((pid = do_fork()) == 0) {
        struct astra_sigaction ign = { .handler = ASTRA_SIG_IGN };
        SC4(rt_sigaction, ASTRA_SIGTERM, &ign, 0, 8);
        tell_parent();
        wait_for_parent();
        printf("child: alive, SIGTERM ignored\n");
        child_exit(3);
    }
    wait_for_child();
    SHOW("kill(child, SIGTERM) while ignored", SC2(kill, pid, ASTRA_SIGTERM));
    tell_child();
    show_status("child", wait_status(pid));
    handshake_close();

    uint64_t set = ~0ULL, old;
    SHOW("rt_sigprocmask block all", SC4(rt_sigprocmask, ASTRA_SIG_SETMASK, &set, 0, 8));
    SHOW("rt_sigprocmask read back", SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, 0, &old, 8));
    printf("%-44s 0x%lx\n", "mask (SIGKILL and SIGSTOP never blocked)", (unsigned long)old);
    set = 0;
    SHOW("rt_sigprocmask bad how", SC4(rt_sigprocmask, 9, &set, 0, 8));
    SHOW("rt_sigprocmask bad size", SC4(rt_sigprocmask, ASTRA_SIG_SETMASK, &set, 0, 4));
    SHOW("rt_sigprocmask unmapped set", SC4(rt_sigprocmask, ASTRA_SIG_SETMASK, 16, 0, 8));
    SHOW("rt_sigprocmask unblock all", SC4(rt_sigprocmask, ASTRA_SIG_SETMASK, &set, 0, 8));

    struct astra_sigaction act = { .handler = ASTRA_SIG_IGN, .flags = 0xffffffff, .mask = ~0ULL }, back;
    SHOW("rt_sigaction SIGUSR2 all flags", SC4(rt_sigaction, ASTRA_SIGUSR2, &act, 0, 8));
    SHOW("rt_sigaction read back", SC4(rt_sigaction, ASTRA_SIGUSR2, 0, &back, 8));
    printf("%-44s 0x%lx 0x%lx\n", "flags and mask kept", back.flags, (unsigned long)back.mask);
    act.handler = ASTRA_SIG_DFL;
    act.flags = 0;
    SC4(rt_sigaction, ASTRA_SIGUSR2, &act, 0, 8);
    SHOW("rt_sigaction SIGKILL", SC4(rt_sigaction, ASTRA_SIGKILL, &act, 0, 8));
    SHOW("rt_sigaction read SIGKILL", SC4(rt_sigaction, ASTRA_SIGKILL, 0, &back, 8));
    SHOW("rt_sigaction 65", SC4(rt_sigaction, 65, 0, &back, 8));
    SHOW("rt_sigaction bad size", SC4(rt_sigaction, ASTRA_SIGUSR2, 0, &back, 16));
    SHOW("rt_sigaction unmapped act, bad signal", SC4(rt_sigaction, 99, 16, 0, 8));

    /* A parent that ignores SIGCHLD keeps no zombies: wait finds no child. */
    struct astra_sigaction ign = { .handler = ASTRA_SIG_IGN }, dfl = { .handler = ASTRA_SIG_DFL };
    SC4(rt_sigaction, ASTRA_SIGCHLD, &ign, 0, 8);
    if ((pid = do_fork()) == 0)
        child_exit(1);
    SHOW("SIGCHLD ignored: wait4", SC4(wait4, -1, 0, 0, 0));
    SHOW("kill(reaped child, 0)", SC2(kill, pid, 0));
    SC4(rt_sigaction, ASTRA_SIGCHLD, &dfl, 0, 8);
}

/* A child with a second thread: exit_group from either thread ends both. */
static void blocked_forever(size_t arg)
{
    if (arg)
        SC1(exit_group, (long)arg);
    for (;;)
        msleep(1000);
}

static void threads_and_exit_group(void)
{
    long pid = do_fork();
    if (pid == 0) {
        sys_spawn2(blocked_forever, 0, HERMIT_NORMAL_PRIO, 0, -1);
        msleep(10);
        child_exit(5);
    }
    show_status("exit_group from the main thread", wait_status(pid));
    if ((pid = do_fork()) == 0) {
        sys_spawn2(blocked_forever, 6, HERMIT_NORMAL_PRIO, 0, -1);
        for (;;)
            msleep(1000);
    }
    show_status("exit_group from a second thread", wait_status(pid));
    if ((pid = do_fork()) == 0) {
        sys_spawn2(blocked_forever, 0, HERMIT_NORMAL_PRIO, 0, -1);
        msleep(10);
        SC2(kill, SC0(getpid), ASTRA_SIGTERM);
        for (;;)
            msleep(1000);
    }
    show_status("SIGTERM to a process with two threads", wait_status(pid));
}

/* Makes threads for ever (a raw clone loop whose threads pause on the same stack, touching
 * no memory); never returns. */
void thread_storm(long flags);
__asm__(".text\n"
        ".globl thread_storm\n"
        ".type thread_storm, @function\n"
        "thread_storm:\n"
        "    mov %rdi, %r12\n"
        "1:  mov $56, %eax\n"
        "    mov %r12, %rdi\n"
        "    xor %esi, %esi\n"
        "    xor %edx, %edx\n"
        "    xor %r10d, %r10d\n"
        "    xor %r8d, %r8d\n"
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jnz 1b\n"
        "2:  mov $34, %eax\n"
        "    syscall\n"
        "    jmp 2b\n"
        ".size thread_storm, .-thread_storm\n");

static void storm(size_t arg)
{
    (void)arg;
    thread_storm(ASTRA_CLONE_VM | ASTRA_CLONE_FS | ASTRA_CLONE_FILES | ASTRA_CLONE_SIGHAND | ASTRA_CLONE_THREAD |
                 ASTRA_CLONE_SYSVSEM);
}

/* exit_group while another thread is creating threads: a thread created by a clone that the
 * killed thread entered after the kill must end too (on two CPUs the clone could run just
 * after exit_group and leave a thread that no signal reached: the process never ended). */
static void exit_group_while_cloning(void)
{
    long st = 0;
    for (int round = 0; round < 10 && (round == 0 || st == 7 << 8); round++) {
        long pid = do_fork();
        if (pid == 0) {
            sys_spawn2(storm, 0, HERMIT_NORMAL_PRIO, 0, -1);
            msleep(20);
            child_exit(7);
        }
        st = -1;
        for (int ms = 0; ms < 10000 && st == -1; ms += 10) {
            int status;
            if (SC4(wait4, pid, &status, ASTRA_WNOHANG, 0) == pid)
                st = status;
            else
                msleep(10);
        }
        if (st == -1) {
            printf("%-44s %s\n", "exit_group while a thread clones", "still running 10 s later");
            return;
        }
    }
    show_status("exit_group while a thread clones (10 times)", st);
}

/* Threads writing one page while another thread forks: after each fork the page is
 * copy-on-write, and a thread whose write faults after another thread has already made the
 * page writable again (on another CPU) must just carry on, not get SIGSEGV. */
static volatile long cow_words[2], cow_stop;

static void cow_writer(size_t i)
{
    while (!cow_stop)
        cow_words[i]++;
}

static void writes_while_forking(void)
{
    long pid = do_fork();
    if (pid == 0) {
        sys_spawn2(cow_writer, 0, HERMIT_NORMAL_PRIO, 0, -1);
        sys_spawn2(cow_writer, 1, HERMIT_NORMAL_PRIO, 0, -1);
        for (int i = 0; i < 300; i++) {
            long c = SC0(fork);
            if (c == 0)
                SC1(exit_group, 0);
            SC4(wait4, c, 0, 0, 0);
        }
        cow_stop = 1;
        child_exit(0);
    }
    show_status("threads writing a page while forking", wait_status(pid));
}

/* vfork: the child borrows the parent's memory and runs first; the parent waits for its end. */
static void vforks(void)
{
    volatile int seen = 0;
    long pid = SC0(vfork);
    if (pid == 0) {
        seen = 1;
        SC1(exit_group, 9);
    }
    YESNO("vfork: the child ran first, in our memory", seen == 1);
    show_status("vfork child", wait_status(pid));
    pid = astra_syscall5(ASTRA_NR_clone, ASTRA_CLONE_VM | ASTRA_CLONE_VFORK | ASTRA_SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        seen = 2;
        SC1(exit_group, 8);
    }
    YESNO("clone(CLONE_VM|CLONE_VFORK): likewise", seen == 2);
    show_status("clone child", wait_status(pid));
    SHOW("clone CLONE_SIGHAND without CLONE_VM", astra_syscall5(ASTRA_NR_clone, ASTRA_CLONE_SIGHAND | ASTRA_SIGCHLD, 0, 0, 0, 0));
    /* A child with another exit signal is seen only with __WCLONE or __WALL; the signal
     * reaches the parent (ignored here: SIGUSR1 would end it). */
    struct astra_sigaction ign = { .handler = ASTRA_SIG_IGN }, dfl = { .handler = ASTRA_SIG_DFL };
    SC4(rt_sigaction, ASTRA_SIGUSR1, &ign, 0, 8);
    fflush(stdout);
    pid = astra_syscall5(ASTRA_NR_clone, ASTRA_SIGUSR1, 0, 0, 0, 0);
    if (pid == 0)
        SC1(exit_group, 4);
    msleep(20);
    SHOW("wait4 without __WCLONE", SC4(wait4, pid, 0, ASTRA_WNOHANG, 0));
    int st = 0;
    YESNO("wait4 __WCLONE", SC4(wait4, pid, &st, ASTRA___WCLONE, 0) == pid && st == 0x400);
    pid = astra_syscall5(ASTRA_NR_clone, 0, 0, 0, 0, 0);
    if (pid == 0)
        SC1(exit_group, 2);
    YESNO("wait4 __WALL, a child with no exit signal", SC4(wait4, pid, &st, ASTRA___WALL, 0) == pid && st == 0x200);
    SC4(rt_sigaction, ASTRA_SIGUSR1, &dfl, 0, 8);
    /* The default action of a child's exit signal applies to the parent. */
    if ((pid = do_fork()) == 0) {
        long c = astra_syscall5(ASTRA_NR_clone, ASTRA_SIGUSR2, 0, 0, 0, 0);
        if (c == 0)
            SC1(exit_group, 0);
        for (;;)
            msleep(1000);
    }
    show_status("parent of a child that exits with SIGUSR2", wait_status(pid));
}

/* ---- execve ---- */

static char self_exe[4096], exec_dir[64];

#define EXEC_DIR "/tmp/proc-probe-exec-"

/* s with the probe's path (self_exe) shown as <probe> and the test directory as <dir>. */
static const char *portable(const char *s)
{
    static char out[512];
    size_t self_len = strlen(self_exe);
    if (self_len && !strncmp(s, self_exe, self_len)) {
        snprintf(out, sizeof out, "<probe>%s", s + self_len);
    } else if (!strncmp(s, EXEC_DIR, strlen(EXEC_DIR))) {
        s += strlen(EXEC_DIR);
        while (*s >= '0' && *s <= '9')
            s++;
        snprintf(out, sizeof out, "<dir>%s", s);
    } else {
        snprintf(out, sizeof out, "%s", s);
    }
    return out;
}

static void find_self(void)
{
    long n = SC3(readlink, "/proc/self/exe", self_exe, sizeof self_exe - 1);
    self_exe[n > 0 ? n : 0] = 0;
}

/* The exec'd side: prints its arguments, environment and /proc/self/exe (the probe's path
 * comes in PROBE=, which is not shown). */
static int show_args(int argc, char **argv, char **envp)
{
    char exe[4096];
    long n = SC3(readlink, "/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    for (int i = 0; envp[i]; i++)
        if (!strncmp(envp[i], "PROBE=", 6))
            snprintf(self_exe, sizeof self_exe, "%s", envp[i] + 6);
    printf("  argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("  argv[%d] '%s'\n", i, portable(argv[i]));
    for (int i = 0; envp[i]; i++)
        if (strncmp(envp[i], "PROBE=", 6))
            printf("  env '%s'\n", envp[i]);
    printf("  /proc/self/exe %s\n", portable(exe));
    return 0;
}

static int show_fds(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        printf("  fd %s %s\n", argv[i], SC2(fcntl, atoi(argv[i]), ASTRA_F_GETFD) >= 0 ? "open" : "closed");
    return 0;
}

static int show_signals(void)
{
    struct astra_sigaction a;
    SC4(rt_sigaction, ASTRA_SIGTERM, 0, &a, 8);
    printf("  SIGTERM disposition %lu\n", a.handler);
    SC4(rt_sigaction, ASTRA_SIGUSR1, 0, &a, 8);
    printf("  SIGUSR1 disposition %lu flags 0x%lx\n", a.handler, a.flags);
    uint64_t mask;
    SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, 0, &mask, 8);
    printf("  SIGUSR2 blocked %s\n", mask & (1ULL << (ASTRA_SIGUSR2 - 1)) ? "yes" : "no");
    fflush(stdout);
    uint64_t set = 1ULL << (ASTRA_SIGUSR2 - 1);
    SC4(rt_sigprocmask, ASTRA_SIG_UNBLOCK, &set, 0, 8); /* a pending SIGUSR2 ends us here */
    printf("  no SIGUSR2 was pending\n");
    return 0;
}

/* Sizes of the arguments it got. */
static int show_arg_sizes(int argc, char **argv)
{
    size_t total = 0;
    for (int i = 0; i < argc; i++)
        total += strlen(argv[i]) + 1;
    printf("  argc %d, %zu bytes of arguments\n", argc, total);
    return 0;
}

/* Tells the parent through fd argv[2] that it runs, then reads fd argv[3] until its end. */
static int wait_for_eof(char **argv)
{
    SC3(write, atoi(argv[2]), "e", 1);
    while (SC3(read, atoi(argv[3]), buf, sizeof buf) > 0)
        ;
    return 0;
}

static int show_pid(char **argv)
{
    printf("  pid unchanged %s, one thread left %s\n", SC0(getpid) == atol(argv[2]) ? "yes" : "no",
           SC0(gettid) == SC0(getpid) ? "yes" : "no");
    msleep(100); /* a thread of the old program would speak now */
    return 0;
}

/* Runs path with argv and envp in a child and reports how the child ended. */
static void run(const char *what, const char *path, char *const argv[], char *const envp[])
{
    printf("%s:\n", what);
    long pid = do_fork();
    if (pid == 0) {
        long r = SC3(execve, path, argv, envp);
        printf("  execve failed: %s\n", probe_result(r));
        child_exit(100);
    }
    show_status("  ended", wait_status(pid));
}

static void write_file(const char *name, const char *text, size_t len, unsigned mode)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", exec_dir, name);
    long fd = SC3(open, path, ASTRA_O_CREAT | ASTRA_O_TRUNC | ASTRA_O_WRONLY, mode);
    SC3(write, fd, text, len);
    SC1(close, fd);
    SC2(chmod, path, mode);
}

static char *in_dir(const char *name)
{
    static char paths[8][128];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 128, "%s/%s", exec_dir, name);
    return p;
}

static void exec_thread(size_t arg)
{
    char pid[32];
    snprintf(pid, sizeof pid, "%zu", arg);
    char *argv[] = { "x", "show_pid", pid, NULL }, *envp[] = { NULL };
    SC3(execve, self_exe, argv, envp);
}

static void execs(void)
{
    find_self();
    snprintf(exec_dir, sizeof exec_dir, EXEC_DIR "%ld", SC0(getpid));
    SC2(mkdir, exec_dir, 0755);
    static char probe_env[4200];
    snprintf(probe_env, sizeof probe_env, "PROBE=%s", self_exe);
    char *envp[] = { "A=1", "B=", "NOEQUALS", probe_env, NULL };
    char *argv[] = { "first", "show_args", "x", "", "y z", NULL };
    run("arguments and environment", self_exe, argv, envp);
    run("argv NULL", self_exe, NULL, envp);
    char *none[] = { NULL };
    run("argv empty, envp NULL", self_exe, none, NULL);

    new_pipe(0);
    SC2(dup2, wr, 20);
    SC3(dup3, wr, 21, ASTRA_O_CLOEXEC);
    SC3(fcntl, wr, ASTRA_F_DUPFD_CLOEXEC, 22);
    SC3(fcntl, 21, ASTRA_F_SETFD, 0);
    char *fds[] = { "x", "show_fds", "20", "21", "22", NULL };
    run("close-on-exec", self_exe, fds, envp);
    for (int fd = 20; fd <= 22; fd++)
        SC1(close, fd);
    close_pipe();

    printf("signals across execve:\n");
    long pid = do_fork();
    if (pid == 0) {
        struct astra_sigaction ign = { .handler = ASTRA_SIG_IGN }, handler = { .handler = (unsigned long)show_pid,
                                                                              .flags = ASTRA_SA_RESTART };
        SC4(rt_sigaction, ASTRA_SIGTERM, &ign, 0, 8);
        SC4(rt_sigaction, ASTRA_SIGUSR1, &handler, 0, 8);
        uint64_t set = 1ULL << (ASTRA_SIGUSR2 - 1);
        SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, &set, 0, 8);
        SC2(kill, SC0(getpid), ASTRA_SIGUSR2);
        char *a[] = { "x", "show_signals", NULL };
        SC3(execve, self_exe, a, envp);
        child_exit(100);
    }
    show_status("  ended", wait_status(pid));

    /* Scripts: the interpreter, its one optional argument, the script, the rest. */
    char line[4300];
    int n = snprintf(line, sizeof line, "#!%s show_args\necho not for a shell\n", self_exe);
    write_file("script", line, (size_t)n, 0755);
    char *sargv[] = { "script-argv0", "p", "q", NULL };
    run("a script", in_dir("script"), sargv, envp);
    n = snprintf(line, sizeof line, "#! \t%s  show_args  one\ttwo  \t\n", self_exe);
    write_file("spaced", line, (size_t)n, 0755);
    run("a script with spaces in its argument", in_dir("spaced"), sargv, envp);
    n = snprintf(line, sizeof line, "#!%s/script extra", exec_dir);
    write_file("nested", line, (size_t)n, 0755);
    run("a script run by a script (no newline)", in_dir("nested"), sargv, envp);
    write_file("empty-interp", "#!\n", 3, 0755);
    SHOW("a script naming no interpreter", SC3(execve, in_dir("empty-interp"), sargv, envp));
    write_file("spaces-only", "#!   \t \n", 8, 0755);
    SHOW("a script of spaces only", SC3(execve, in_dir("spaces-only"), sargv, envp));
    write_file("missing-interp", "#!/nonexistent/interpreter\n", 27, 0755);
    SHOW("a script with a missing interpreter", SC3(execve, in_dir("missing-interp"), sargv, envp));
    n = snprintf(line, sizeof line, "#!%s\n", exec_dir);
    write_file("dir-interp", line, (size_t)n, 0755);
    SHOW("a script whose interpreter is a directory", SC3(execve, in_dir("dir-interp"), sargv, envp));
    n = snprintf(line, sizeof line, "#!%s/loop\n", exec_dir);
    write_file("loop", line, (size_t)n, 0755);
    SHOW("a script that is its own interpreter", SC3(execve, in_dir("loop"), sargv, envp));
    n = snprintf(line, sizeof line, "#!%s show_args\n", self_exe);
    write_file("script-no-x", line, (size_t)n, 0644);
    SHOW("a script without execute permission", SC3(execve, in_dir("script-no-x"), sargv, envp));

    /* A program written at run time. */
    long in = SC3(open, "/proc/self/exe", ASTRA_O_RDONLY, 0);
    long out = SC3(open, in_dir("copy"), ASTRA_O_CREAT | ASTRA_O_TRUNC | ASTRA_O_WRONLY, 0755);
    long got;
    while ((got = SC3(read, in, buf, sizeof buf)) > 0)
        SC3(write, out, buf, got);
    SC1(close, in);
    SC1(close, out);
    run("a copy of the program made at run time", in_dir("copy"), argv, envp);

    /* Errors. */
    write_file("text", "hello\n", 6, 0755);
    write_file("no-x", "hello\n", 6, 0644);
    in = SC3(open, self_exe, ASTRA_O_RDONLY, 0);
    SC3(read, in, buf, 40);
    SC1(close, in);
    write_file("stub", buf, 40, 0755);
    in = SC3(open, self_exe, ASTRA_O_RDONLY, 0);
    SC3(read, in, buf, 3000);
    SC1(close, in);
    write_file("cut", buf, 3000, 0755);
    run("an ELF cut in its first segment", in_dir("cut"), argv, envp);
    SHOW("execve a missing file", SC3(execve, "/nonexistent", argv, envp));
    SHOW("execve an empty path", SC3(execve, "", argv, envp));
    SHOW("execve a directory", SC3(execve, "/tmp", argv, envp));
    SHOW("execve without execute permission", SC3(execve, in_dir("no-x"), argv, envp));
    SHOW("execve a text file", SC3(execve, in_dir("text"), argv, envp));
    SHOW("execve the first 40 bytes of an ELF", SC3(execve, in_dir("stub"), argv, envp));
    snprintf(line, sizeof line, "%s/x", self_exe);
    SHOW("execve through a file", SC3(execve, line, argv, envp));
    SHOW("access X_OK without execute permission", SC2(access, in_dir("no-x"), ASTRA_X_OK));
    SHOW("access X_OK of a script", SC2(access, in_dir("text"), ASTRA_X_OK));
    SHOW("access X_OK of a directory", SC2(access, exec_dir, ASTRA_X_OK));
    SHOW("access F_OK of a missing file", SC2(access, "/nonexistent", ASTRA_F_OK));
    SHOW("access bad mode", SC2(access, exec_dir, 8));
    SHOW("faccessat through a file", SC3(faccessat, ASTRA_AT_FDCWD, line, ASTRA_F_OK));
    SHOW("execve an unmapped path", SC3(execve, 16, argv, envp));
    SHOW("execve an unmapped argv", SC3(execve, self_exe, 16, envp));
    char *bad_arg[] = { "x", (char *)16, NULL };
    SHOW("execve an unmapped argument", SC3(execve, self_exe, bad_arg, envp));
    SHOW("execve an unmapped envp", SC3(execve, self_exe, argv, 16));
    SHOW("execve a missing file, unmapped argv", SC3(execve, "/nonexistent", 16, envp));
    memset(line, 'a', 4200);
    line[4200] = 0;
    SHOW("execve a path longer than PATH_MAX", SC3(execve, line, argv, envp));

    /* Linux's limits: 128 KiB for one string with its NUL, 2 MiB (a quarter of the 8 MiB
     * stack) for all of them and the pointers. */
    static char big[60][131072];
    char *many[64] = { "x", "show_arg_sizes" };
    for (int i = 0; i < 60; i++) {
        memset(big[i], 'b', 131071);
        many[i + 2] = big[i];
    }
    big[0][131071] = 'b'; /* one byte too many */
    many[3] = NULL;
    SHOW("execve a 131072-byte argument", SC3(execve, self_exe, many, envp));
    big[0][131071] = 0;
    run("a 131071-byte argument", self_exe, many, envp);
    many[3] = big[1];
    many[10] = NULL;
    run("eight arguments of 128 KiB", self_exe, many, envp);
    many[10] = big[8];
    many[62] = NULL;
    SHOW("execve 60 arguments of 128 KiB", SC3(execve, self_exe, many, envp));

    /* From a second thread: the program keeps its pid, the other threads end. */
    printf("execve from a second thread:\n");
    if ((pid = do_fork()) == 0) {
        sys_spawn2(blocked_forever, 0, HERMIT_NORMAL_PRIO, 0, -1);
        sys_spawn2(exec_thread, (size_t)SC0(getpid), HERMIT_NORMAL_PRIO, 0, -1);
        for (;;) {
            /* Long enough for the other thread's execve to end this one on a loaded host with
             * several CPUs (where both run at once); a kernel that never ends it prints soon. */
            msleep(1000);
            printf("  the old main thread still runs (wrong)\n");
            fflush(stdout);
        }
    }
    show_status("  ended", wait_status(pid));

    printf("vfork and execve:\n");
    volatile int after = 0;
    pid = SC0(vfork);
    if (pid == 0) {
        SC3(execve, self_exe, argv, envp);
        SC1(exit_group, 100);
    }
    after = 1;
    show_status("  ended", wait_status(pid));
    YESNO("  the parent went on after the exec", after);

    /* The parent cannot move a child to another group once it exec'd. */
    handshake_open();
    char up_fd[16], down_fd[16];
    snprintf(up_fd, sizeof up_fd, "%d", up[1]);
    snprintf(down_fd, sizeof down_fd, "%d", down[0]);
    if ((pid = do_fork()) == 0) {
        SC1(close, down[1]);
        char *a[] = { "x", "wait_for_eof", up_fd, down_fd, NULL };
        SC3(execve, self_exe, a, envp);
        child_exit(100);
    }
    wait_for_child();
    SHOW("setpgid(child after its execve)", SC2(setpgid, pid, pid));
    handshake_close();
    show_status("child", wait_status(pid));

    static const char *const files[] = { "script", "spaced", "nested", "empty-interp", "spaces-only",
                                         "missing-interp", "dir-interp", "loop", "script-no-x", "copy",
                                         "text", "no-x", "stub", "cut" };
    for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++)
        SC1(unlink, in_dir(files[i]));
    SC1(rmdir, exec_dir);
}

/* ---- signal handlers ---- */

/* The restorer a handler returns through, as libcs provide it: rt_sigreturn. */
__asm__(".text\n.globl probe_restore_rt\nprobe_restore_rt:\n\tmov $15, %eax\n\tsyscall\n\thlt\n");
void probe_restore_rt(void);

typedef void (*probe_handler)(int, struct astra_siginfo *, void *);

static long on_signal(int sig, probe_handler h, unsigned long flags, uint64_t mask)
{
    struct astra_sigaction a = { (unsigned long)h, flags | ASTRA_SA_SIGINFO | ASTRA_SA_RESTORER,
                                 (unsigned long)probe_restore_rt, mask };
    return SC4(rt_sigaction, sig, &a, 0, 8);
}

static void default_action(int sig)
{
    struct astra_sigaction a = { .handler = ASTRA_SIG_DFL };
    SC4(rt_sigaction, sig, &a, 0, 8);
}

static uint64_t blocked_now(void)
{
    uint64_t m = 0;
    SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, 0, &m, 8);
    return m;
}

#define BIT(sig) (1ULL << ((sig) - 1))

static char trace[256];
static volatile int hits;
static struct astra_siginfo last_info;
static uint64_t mask_in_handler;
static uint32_t mxcsr_in_handler;

static void note(const char *what)
{
    size_t n = strlen(trace);
    snprintf(trace + n, sizeof trace - n, "%s%s", n ? " " : "", what);
}

static uint32_t get_mxcsr(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(uint32_t v) { __asm__ volatile("ldmxcsr %0" ::"m"(v)); }

static void record(int sig, struct astra_siginfo *info, void *uc)
{
    (void)uc;
    hits++;
    last_info = *info;
    mask_in_handler = blocked_now();
    mxcsr_in_handler = get_mxcsr();
    char what[16];
    snprintf(what, sizeof what, "h%d", sig);
    note(what);
}

static void nesting(int sig, struct astra_siginfo *info, void *uc)
{
    (void)info, (void)uc;
    static int depth;
    note(depth ? "again" : "outer-start");
    if (depth++)
        return;
    SC2(kill, SC0(getpid), ASTRA_SIGUSR2); /* not blocked: runs now, on top */
    SC2(kill, SC0(getpid), sig);           /* blocked while we run: after we return */
    note("outer-end");
}

static void inner(int sig, struct astra_siginfo *info, void *uc)
{
    (void)sig, (void)info, (void)uc;
    note("inner");
}

static void show_info(const char *what, long self)
{
    printf("%-44s signo %d code %d pid %s\n", what, last_info.signo, last_info.code,
           last_info.pid == self ? "self" : "other");
}

static long page_of_fault;

static void fix_fault(int sig, struct astra_siginfo *info, void *uc)
{
    (void)sig, (void)uc;
    last_info = *info;
    hits++;
    SC3(mprotect, page_of_fault, 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE); /* the write runs again */
}

static void catch_and_exit(int sig, struct astra_siginfo *info, void *uc)
{
    (void)uc;
    printf("  caught signal %d, code %d, at address 0x%lx\n", sig, info->code, (unsigned long)info->addr);
    child_exit(42);
}

static void fault_again(int sig, struct astra_siginfo *info, void *uc)
{
    (void)sig, (void)info, (void)uc;
    volatile int *volatile bad = (int *)24;
    *bad = 2;
}

static char altstack[16384];
static int handler_on_altstack, altstack_flags;

static void check_stack(int sig, struct astra_siginfo *info, void *uc)
{
    (void)sig, (void)info;
    char here;
    handler_on_altstack = &here >= altstack && &here < altstack + sizeof altstack;
    struct astra_stack now;
    SC2(sigaltstack, 0, &now);
    altstack_flags = now.ss_flags;
    struct astra_stack other = { (uint64_t)altstack, 0, 0, sizeof altstack };
    hits = (int)SC2(sigaltstack, &other, 0); /* EPERM while on it */
    altstack_flags |= ((struct astra_ucontext *)uc)->uc_stack.ss_flags << 8;
}

static void handlers(void)
{
    long self = SC0(getpid);
    SHOW("install a SIGUSR1 handler", on_signal(ASTRA_SIGUSR1, record, 0, BIT(ASTRA_SIGUSR2)));
    set_mxcsr(0x3f80); /* round toward zero: the handler must not see it, we must keep it */
    SHOW("kill(self, SIGUSR1)", SC2(kill, self, ASTRA_SIGUSR1));
    YESNO("the handler ran before kill returned", hits == 1);
    show_info("siginfo", self);
    YESNO("in the handler: SIGUSR1 and sa_mask blocked",
          (mask_in_handler & (BIT(ASTRA_SIGUSR1) | BIT(ASTRA_SIGUSR2))) == (BIT(ASTRA_SIGUSR1) | BIT(ASTRA_SIGUSR2)));
    printf("%-44s 0x%x, and ours after it 0x%x\n", "MXCSR in the handler", mxcsr_in_handler, get_mxcsr());
    set_mxcsr(0x1f80);
    YESNO("mask restored after the handler", !(blocked_now() & (BIT(ASTRA_SIGUSR1) | BIT(ASTRA_SIGUSR2))));
    SHOW("tgkill(self, SIGUSR1)", SC3(tgkill, self, SC0(gettid), ASTRA_SIGUSR1));
    show_info("siginfo", self);

    /* Blocked, pending, then delivered when unblocked. */
    uint64_t set = BIT(ASTRA_SIGUSR1), pending = 0;
    SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, &set, 0, 8);
    hits = 0;
    SC2(kill, self, ASTRA_SIGUSR1);
    SC2(kill, self, ASTRA_SIGUSR1);
    SHOW("rt_sigpending", SC2(rt_sigpending, &pending, 8));
    YESNO("SIGUSR1 pending, handler not run", pending == BIT(ASTRA_SIGUSR1) && hits == 0);
    SC4(rt_sigprocmask, ASTRA_SIG_UNBLOCK, &set, 0, 8);
    printf("%-44s %d\n", "handler runs once unblocked (merged)", hits);

    /* Nesting: a signal the handler does not block runs on top of it; a blocked one waits. */
    trace[0] = 0;
    on_signal(ASTRA_SIGUSR1, nesting, 0, 0);
    on_signal(ASTRA_SIGUSR2, inner, 0, 0);
    SC2(kill, self, ASTRA_SIGUSR1);
    on_signal(ASTRA_SIGUSR1, inner, 0, 0);
    printf("%-44s %s\n", "order", trace);

    /* SA_NODEFER and SA_RESETHAND. */
    trace[0] = 0;
    on_signal(ASTRA_SIGUSR1, record, ASTRA_SA_NODEFER | ASTRA_SA_RESETHAND, 0);
    SC2(kill, self, ASTRA_SIGUSR1);
    YESNO("SA_NODEFER: not blocked in the handler", !(mask_in_handler & BIT(ASTRA_SIGUSR1)));
    struct astra_sigaction now;
    SC4(rt_sigaction, ASTRA_SIGUSR1, 0, &now, 8);
    printf("%-44s %lu\n", "SA_RESETHAND: disposition after one", now.handler);

    /* A fault whose handler fixes the page: the faulting write runs again and succeeds. */
    page_of_fault = astra_syscall6(ASTRA_NR_mmap, 0, 4096, ASTRA_PROT_READ, ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    on_signal(ASTRA_SIGSEGV, fix_fault, 0, 0);
    hits = 0;
    *(volatile int *)page_of_fault = 7;
    printf("%-44s %d, value %d\n", "write to a read-only page: handler runs", hits, *(volatile int *)page_of_fault);
    YESNO("SIGSEGV code SEGV_ACCERR at the page", last_info.code == ASTRA_SEGV_ACCERR && last_info.addr == (uint64_t)page_of_fault);
    default_action(ASTRA_SIGSEGV);

    printf("a handler for a write to address 16:\n");
    long pid = do_fork();
    if (pid == 0) {
        on_signal(ASTRA_SIGSEGV, catch_and_exit, 0, 0);
        volatile int *volatile bad = (int *)16;
        *bad = 1;
        child_exit(0);
    }
    show_status("  child", wait_status(pid));
    if ((pid = do_fork()) == 0) {
        on_signal(ASTRA_SIGSEGV, fault_again, 0, 0);
        volatile int *volatile bad = (int *)16;
        *bad = 1;
        child_exit(0);
    }
    show_status("a fault inside the SIGSEGV handler", wait_status(pid));
    if ((pid = do_fork()) == 0) {
        struct astra_sigaction a = { (unsigned long)record, ASTRA_SA_SIGINFO, 0, 0 };
        SC4(rt_sigaction, ASTRA_SIGUSR1, &a, 0, 8);
        SC2(kill, SC0(getpid), ASTRA_SIGUSR1);
        child_exit(0);
    }
    show_status("a handler without SA_RESTORER", wait_status(pid));

    /* SIGCHLD with a handler, waited for with rt_sigsuspend. */
    set = BIT(ASTRA_SIGCHLD);
    SC4(rt_sigprocmask, ASTRA_SIG_BLOCK, &set, 0, 8);
    on_signal(ASTRA_SIGCHLD, record, 0, 0);
    hits = 0;
    if ((pid = do_fork()) == 0)
        child_exit(3);
    uint64_t none = 0;
    SHOW("rt_sigsuspend until SIGCHLD", SC2(rt_sigsuspend, &none, 8));
    YESNO("SIGCHLD: CLD_EXITED, the child, status 3",
          hits == 1 && last_info.code == ASTRA_CLD_EXITED && last_info.pid == pid && last_info.status == 3);
    YESNO("mask back to blocking SIGCHLD", blocked_now() & BIT(ASTRA_SIGCHLD));
    wait_status(pid);
    SC4(rt_sigprocmask, ASTRA_SIG_UNBLOCK, &set, 0, 8);
    default_action(ASTRA_SIGCHLD);
    SHOW("rt_sigsuspend bad size", SC2(rt_sigsuspend, &none, 4));

    /* Interrupted system calls: EINTR, or a restart with SA_RESTART. */
    for (int restart = 0; restart < 2; restart++) {
        printf("%s:\n", restart ? "a read interrupted, SA_RESTART" : "a read interrupted, no SA_RESTART");
        handshake_open();
        if ((pid = do_fork()) == 0) {
            on_signal(ASTRA_SIGUSR1, record, restart ? ASTRA_SA_RESTART : 0, 0);
            tell_parent();
            long r = SC3(read, down[0], buf, 10);
            printf("  read returned %s, the handler ran: %s\n", probe_result(r), hits ? "yes" : "no");
            child_exit(0);
        }
        wait_for_child();
        if (restart) {
            /* Early or during the read, the handler runs once and the read goes on. */
            msleep(30);
            SC2(kill, pid, ASTRA_SIGUSR1);
            msleep(30);
            SC3(write, down[1], "later", 5);
            show_status("  child", wait_status(pid));
        } else {
            show_status("  child", signal_until_exit(pid, ASTRA_SIGUSR1));
        }
        handshake_close();
    }
    printf("nanosleep and pause interrupted (never restarted):\n");
    handshake_open();
    if ((pid = do_fork()) == 0) {
        on_signal(ASTRA_SIGUSR1, record, ASTRA_SA_RESTART, 0);
        tell_parent();
        struct astra_timespec req = { 2, 0 }, rem = { -1, -1 };
        long r = SC2(nanosleep, &req, &rem);
        printf("  nanosleep returned %s, time left between 1 and 2 s: %s\n", probe_result(r),
               rem.tv_sec == 1 && rem.tv_nsec > 0 ? "yes" : "no");
        tell_parent();
        r = SC0(pause);
        printf("  pause returned %s\n", probe_result(r));
        child_exit(0);
    }
    wait_for_child();
    signal_until_told(pid, ASTRA_SIGUSR1);
    show_status("  child", signal_until_exit(pid, ASTRA_SIGUSR1));
    handshake_close();

    /* The alternate signal stack. */
    struct astra_stack ss = { (uint64_t)altstack, 0, 0, sizeof altstack }, old;
    struct astra_stack small = { (uint64_t)altstack, 0, 0, 1024 }, bad_flags = { (uint64_t)altstack, 7, 0, 8192 };
    SHOW("sigaltstack too small", SC2(sigaltstack, &small, 0));
    SHOW("sigaltstack bad flags", SC2(sigaltstack, &bad_flags, 0));
    SHOW("sigaltstack", SC2(sigaltstack, &ss, &old));
    printf("%-44s flags %d size %lu\n", "the one before", old.ss_flags, (unsigned long)old.ss_size);
    on_signal(ASTRA_SIGUSR2, check_stack, ASTRA_SA_ONSTACK, 0);
    SC2(kill, self, ASTRA_SIGUSR2);
    printf("%-44s %s, flags 0x%x, changing it there: %s\n", "handler on the alternate stack",
           handler_on_altstack ? "yes" : "no", altstack_flags, probe_result(hits));
    on_signal(ASTRA_SIGUSR2, check_stack, 0, 0);
    SC2(kill, self, ASTRA_SIGUSR2);
    printf("%-44s %s\n", "without SA_ONSTACK: on the alternate stack", handler_on_altstack ? "yes" : "no");
    ss.ss_flags = ASTRA_SS_DISABLE;
    SHOW("sigaltstack disable", SC2(sigaltstack, &ss, 0));
    SHOW("sigaltstack read back", SC2(sigaltstack, 0, &old));
    printf("%-44s flags %d\n", "now", old.ss_flags);
    default_action(ASTRA_SIGUSR1);
    default_action(ASTRA_SIGUSR2);
}

/* ---- limits (Astra only: Linux's limits and free memory differ) ---- */

static long memfree_kib(void)
{
    char text[256] = { 0 };
    long fd = SC3(open, "/proc/meminfo", ASTRA_O_RDONLY, 0), kib = -1;
    if (fd < 0 || SC3(read, fd, text, sizeof text - 1) <= 0)
        return -1;
    SC1(close, fd);
    char *at = strstr(text, "MemFree:");
    if (at)
        sscanf(at + 8, "%ld", &kib);
    return kib;
}

static int64_t now_ns(void)
{
    struct astra_timespec t;
    SC2(clock_gettime, ASTRA_CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* fork + exit + wait cycles: failures, and free memory before and after (flat: nothing of a
 * process outlives its collection). */
static void fork_cycles(int cycles)
{
    for (int i = 0; i < 100; i++) /* warm up: kernel object caches */
        if (do_fork() == 0)
            child_exit(0);
        else
            wait_status(-1);
    long before = memfree_kib();
    int failures = 0;
    int64_t start = now_ns();
    for (int i = 0; i < cycles; i++) {
        long pid = do_fork();
        if (pid == 0)
            child_exit(i & 0xff);
        failures += pid < 0 || wait_status(pid) != ((i & 0xff) << 8);
    }
    int64_t elapsed = now_ns() - start;
    long after = memfree_kib();
    printf("failures=%d memfree_drop_kib=%ld\n", failures, before - after);
    printf("fork+exit+wait: %.1f us per cycle (%d cycles)\n", (double)elapsed / 1000.0 / cycles, cycles);
}

/* Forks children that wait on a pipe until fork fails; then lets them go. */
static void fork_limit(void)
{
    new_pipe(0);
    long count = 0, r;
    while ((r = do_fork()) > 0)
        count++;
    if (r == 0) {
        SC1(close, wr);
        SC3(read, rd, buf, 1);
        child_exit(0);
    }
    printf("forked %ld children, then %s\n", count, probe_result(r));
    close_pipe();
    long reaped = 0;
    while (wait_status(-1) == 0)
        reaped++;
    printf("all %s collected\n", reaped == count ? "were" : "were not");
    long pid = do_fork();
    if (pid == 0)
        child_exit(3);
    show_status("fork after they ended", wait_status(pid));
}

/* Fills memory with a file, then forks: ENOMEM; the file goes, fork works again. */
static void fork_without_memory(void)
{
    printf("filling memory with a file\n");
    fflush(stdout);
    long fd = SC3(open, "/tmp/fill", ASTRA_O_CREAT | ASTRA_O_RDWR, 0600);
    static char chunk[65536];
    for (size_t size = sizeof chunk; size >= 64; size /= 2)
        while (SC3(write, fd, chunk, size) > 0)
            ;
    long pid = SC0(fork);
    if (pid == 0)
        SC1(exit_group, 0);
    long vpid = pid < 0 ? SC0(vfork) : -1;
    if (vpid == 0)
        SC1(exit_group, 0);
    SC2(ftruncate, fd, 0);
    SC1(close, fd);
    SC1(unlink, "/tmp/fill");
    printf("fork with memory full: %s, vfork: %s\n", probe_result(pid), probe_result(vpid));
    pid = do_fork();
    if (pid == 0)
        child_exit(0);
    show_status("fork after freeing the file", wait_status(pid));
}

int main(int argc, char **argv, char **envp)
{
    const char *c = argc > 1 ? argv[1] : "";
    /* The cases expect EPIPE from a pipe without readers (sigpipe_default restores SIGPIPE's
     * default action itself): C programs start with the default action, as on Linux. */
    struct astra_sigaction ignore_sigpipe = { .handler = ASTRA_SIG_IGN };
    SC4(rt_sigaction, ASTRA_SIGPIPE, &ignore_sigpipe, 0, 8);
    if (!strncmp(c, "show_args", 9))
        return show_args(argc, argv, envp);
    if (!strcmp(c, "show_fds"))
        return show_fds(argc, argv);
    if (!strcmp(c, "show_signals"))
        return show_signals();
    if (!strcmp(c, "show_arg_sizes"))
        return show_arg_sizes(argc, argv);
    if (!strcmp(c, "wait_for_eof"))
        return wait_for_eof(argv);
    if (!strcmp(c, "show_pid"))
        return show_pid(argv);
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
    } else if (!strcmp(c, "processes")) {
        fork_basics();
        fork_memory();
        fork_descriptors();
        zombies_and_orphans();
        waitid_cases();
        groups_and_sessions();
    } else if (!strcmp(c, "exit_with_children")) {
        /* The first process ends while a child still runs: its status is the machine's. */
        printf("leaving a child behind\n");
        if (do_fork() == 0) {
            for (int fd = 0; fd < 3; fd++)
                SC1(close, fd);
            msleep(3000);
            child_exit(0);
        }
        return 3;
    } else if (!strcmp(c, "killed_by_child")) {
        printf("a child sends us SIGTERM\n");
        if (do_fork() == 0) {
            SC2(kill, SC0(getppid), ASTRA_SIGTERM);
            child_exit(0);
        }
        for (;;)
            msleep(1000);
    } else if (!strcmp(c, "handlers")) {
        handlers();
    } else if (!strcmp(c, "exec")) {
        execs();
    } else if (!strcmp(c, "fork_cycles")) {
        fork_cycles(argc > 2 ? atoi(argv[2]) : 10000);
    } else if (!strcmp(c, "fork_limit")) {
        fork_limit();
    } else if (!strcmp(c, "fork_without_memory")) {
        fork_without_memory();
    } else if (!strcmp(c, "signals")) {
        signals_between_processes();
        threads_and_exit_group();
        exit_group_while_cloning();
        writes_while_forking();
        vforks();
    } else {
        printf("unknown case '%s'\n", c);
        return 2;
    }
    return 0;
}
