/* Terminal ioctls on descriptors that are not terminals, and job control (stopping and
 * continuing processes, what wait and SIGCHLD report), straight to the kernel, printing every
 * result so that Astra's output can be compared with Linux's (tests/kernel/tty_test.c).
 * `tty_probe <case>`. The job-control cases run in a new session led by a child of the probe,
 * so that what they see does not depend on where the probe itself runs (pid 1 on Astra). */
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
#define SC6(n, a, b, c, d, e, f)                                                                  \
    astra_syscall6(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define SHOW(what, expr) printf("%-52s %s\n", what, probe_result(expr))

#define UNMAPPED 16 /* an address no program maps */

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

static uint64_t now_ms(void);

static void sleep_ms(long ms)
{
    struct astra_timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    while (SC2(nanosleep, &ts, &ts) == -ASTRA_EINTR) /* a SIGCHLD handler ran */
        ;
}

/* ---- ioctls on descriptors that are not terminals ---- */

static void ioctl_case(const char *what, int fd, unsigned long request, long arg)
{
    char label[64];
    snprintf(label, sizeof label, "%s", what);
    SHOW(label, SC3(ioctl, fd, request, arg));
}

static void not_terminals(void)
{
    struct astra_termios t;
    struct astra_winsize ws;
    int n = -1, fds[2];
    SC2(pipe2, fds, 0);
    ioctl_case("pipe: TCGETS", fds[0], ASTRA_TCGETS, (long)&t);
    ioctl_case("pipe: TCSETS", fds[0], ASTRA_TCSETS, (long)&t);
    ioctl_case("pipe: TCSETSW", fds[1], ASTRA_TCSETSW, (long)&t);
    ioctl_case("pipe: TCSETSF", fds[1], ASTRA_TCSETSF, (long)&t);
    ioctl_case("pipe: TIOCGPGRP", fds[0], ASTRA_TIOCGPGRP, (long)&n);
    ioctl_case("pipe: TIOCSPGRP", fds[0], ASTRA_TIOCSPGRP, (long)&n);
    ioctl_case("pipe: TIOCGWINSZ", fds[0], ASTRA_TIOCGWINSZ, (long)&ws);
    ioctl_case("pipe: TIOCSWINSZ", fds[0], ASTRA_TIOCSWINSZ, (long)&ws);
    ioctl_case("pipe: TIOCSCTTY", fds[0], ASTRA_TIOCSCTTY, 0);
    ioctl_case("pipe: TIOCNOTTY", fds[0], ASTRA_TIOCNOTTY, 0);
    ioctl_case("pipe: TIOCGSID", fds[0], ASTRA_TIOCGSID, (long)&n);
    ioctl_case("pipe: an unknown request", fds[0], 0x54ff, 0);
    ioctl_case("pipe: TCGETS to an unmapped address", fds[0], ASTRA_TCGETS, UNMAPPED);
    ioctl_case("pipe: FIONREAD when empty", fds[0], ASTRA_FIONREAD, (long)&n);
    printf("%-52s %d\n", "  bytes", n);
    SC3(write, fds[1], "hello", 5);
    ioctl_case("pipe: FIONREAD after 5 bytes (read end)", fds[0], ASTRA_FIONREAD, (long)&n);
    printf("%-52s %d\n", "  bytes", n);
    n = -1;
    ioctl_case("pipe: FIONREAD after 5 bytes (write end)", fds[1], ASTRA_FIONREAD, (long)&n);
    printf("%-52s %d\n", "  bytes", n);
    ioctl_case("pipe: FIONREAD to an unmapped address", fds[0], ASTRA_FIONREAD, UNMAPPED);
    ioctl_case("pipe: FIOCLEX", fds[0], ASTRA_FIOCLEX, 0);
    SHOW("  F_GETFD", SC2(fcntl, fds[0], ASTRA_F_GETFD));
    ioctl_case("pipe: FIONCLEX", fds[0], ASTRA_FIONCLEX, 0);
    SHOW("  F_GETFD", SC2(fcntl, fds[0], ASTRA_F_GETFD));
    ioctl_case("pipe: FIONBIO from an unmapped address", fds[0], ASTRA_FIONBIO, UNMAPPED);
    SC1(close, fds[0]);
    SC1(close, fds[1]);

    const char *path = "/tmp/tty-probe-file";
    int fd = (int)SC4(openat, ASTRA_AT_FDCWD, path, ASTRA_O_RDWR | ASTRA_O_CREAT | ASTRA_O_TRUNC, 0600);
    SC3(write, fd, "0123456789", 10);
    SC3(lseek, fd, 3, ASTRA_SEEK_SET);
    ioctl_case("file: TCGETS", fd, ASTRA_TCGETS, (long)&t);
    ioctl_case("file: TIOCGWINSZ", fd, ASTRA_TIOCGWINSZ, (long)&ws);
    ioctl_case("file: TIOCGPGRP", fd, ASTRA_TIOCGPGRP, (long)&n);
    ioctl_case("file: FIONREAD at offset 3 of 10", fd, ASTRA_FIONREAD, (long)&n);
    printf("%-52s %d\n", "  bytes", n);
    SC3(lseek, fd, 14, ASTRA_SEEK_SET);
    ioctl_case("file: FIONREAD at offset 14 of 10", fd, ASTRA_FIONREAD, (long)&n);
    printf("%-52s %d\n", "  bytes", n);
    SC1(close, fd);
    SC1(unlink, path);

    fd = (int)SC2(open, "/dev/null", ASTRA_O_RDWR);
    ioctl_case("/dev/null: TCGETS", fd, ASTRA_TCGETS, (long)&t);
    ioctl_case("/dev/null: TIOCSPGRP", fd, ASTRA_TIOCSPGRP, (long)&n);
    ioctl_case("/dev/null: FIONREAD", fd, ASTRA_FIONREAD, (long)&n);
    SC1(close, fd);

    ioctl_case("a closed descriptor: TCGETS", 77, ASTRA_TCGETS, (long)&t);
    ioctl_case("descriptor -1: TIOCGPGRP", -1, ASTRA_TIOCGPGRP, (long)&n);
    ioctl_case("a closed descriptor: FIONREAD", 77, ASTRA_FIONREAD, (long)&n);
    ioctl_case("a closed descriptor: FIOCLEX", 77, ASTRA_FIOCLEX, 0);

    /* Without a controlling terminal (a new session has none), /dev/tty cannot be opened. */
    long pid = do_fork();
    if (pid == 0) {
        SC0(setsid);
        SHOW("open /dev/tty in a new session", SC2(open, "/dev/tty", ASTRA_O_RDWR));
        child_exit(0);
    }
    SC4(wait4, pid, 0, 0, 0);
}

/* ---- job control ---- */

static volatile long *shared; /* a MAP_SHARED page: counters and flags children write */
static volatile int sigchld_code, sigchld_status;
static volatile long sigchld_count;

/* The restorer a handler returns through, as libcs provide it: rt_sigreturn. */
__asm__(".text\n.globl tty_probe_restore_rt\ntty_probe_restore_rt:\n\tmov $15, %eax\n\tsyscall\n\thlt\n");
void tty_probe_restore_rt(void);

typedef void (*probe_handler)(int, struct astra_siginfo *, void *);

static long on_signal(int sig, probe_handler h, unsigned long flags)
{
    struct astra_sigaction a = { (unsigned long)h, flags | ASTRA_SA_SIGINFO | ASTRA_SA_RESTORER | ASTRA_SA_RESTART,
                                 (unsigned long)tty_probe_restore_rt, 0 };
    return SC4(rt_sigaction, sig, &a, 0, 8);
}

static void on_sigchld(int sig, struct astra_siginfo *info, void *ctx)
{
    (void)sig, (void)ctx;
    sigchld_code = info->code;
    sigchld_status = info->status;
    sigchld_count++;
}

static void on_sigcont(int sig, struct astra_siginfo *info, void *ctx)
{
    (void)sig, (void)info, (void)ctx;
    shared[1]++;
}

/* Waits (up to 3 s: a loaded Linux host may take a while to run a continued child) until
 * *v reaches at_least. */
static void await_count(volatile long *v, long at_least)
{
    for (int i = 0; i < 30 && *v < at_least; i++)
        sleep_ms(100);
}

static void show_sigchld(const char *what)
{
    printf("%-52s %ld (code %d, status %d)\n", what, sigchld_count, sigchld_count ? sigchld_code : 0,
           sigchld_count ? sigchld_status : 0);
    sigchld_count = 0;
}

/* wait4 for pid with options, and what it reported. */
static void show_wait(const char *what, long pid, int options)
{
    int status = 0;
    long r = SC4(wait4, pid, &status, options, 0);
    if (r < 0) {
        printf("%-52s %s\n", what, probe_result(r));
        return;
    }
    if (status == 0xffff) {
        printf("%-52s %s, status 0x%x (continued)\n", what, r ? "a child" : "none", status);
        return;
    }
    const char *kind = (status & 0xff) == 0x7f ? "stopped" : (status & 0x7f) ? "killed" : "exited";
    printf("%-52s %s, status 0x%x (%s %d)\n", what, r ? "a child" : "none", status, kind,
           (status & 0xff) == 0x7f ? (status >> 8) & 0xff : (status & 0x7f) ? status & 0x7f : (status >> 8) & 0xff);
}

static void wait_quietly(long pid, int options)
{
    int status;
    SC4(wait4, pid, &status, options, 0);
}

/* A child that counts in shared[0] until it is killed. */
static long spinner(int own_group)
{
    long pid = do_fork();
    if (pid == 0) {
        if (own_group)
            SC2(setpgid, 0, 0);
        for (;;)
            shared[0]++;
    }
    if (own_group)
        SC2(setpgid, pid, pid); /* as shells do too: set on both sides, no race */
    return pid;
}

static int counter_moves(void)
{
    long before = shared[0];
    sleep_ms(300);
    return shared[0] != before;
}

static void stop_and_continue(void)
{
    on_signal(ASTRA_SIGCHLD, on_sigchld, 0);
    long pid = spinner(1);
    sleep_ms(100);
    printf("%-52s %s\n", "the child runs", counter_moves() ? "yes" : "no");

    SHOW("kill SIGSTOP", SC2(kill, pid, ASTRA_SIGSTOP));
    show_wait("wait4 WUNTRACED", pid, ASTRA_WUNTRACED);
    /* Linux's wait4 can see the stop before the stopping child has signalled its parent. */
    await_count(&sigchld_count, 1);
    show_sigchld("SIGCHLD for the stop");
    printf("%-52s %s\n", "a stopped child runs", counter_moves() ? "yes" : "no");
    show_wait("wait4 WUNTRACED|WNOHANG again (reported once)", pid, ASTRA_WUNTRACED | ASTRA_WNOHANG);
    show_wait("wait4 WNOHANG without WUNTRACED", pid, ASTRA_WNOHANG);
    SHOW("kill SIGSTOP again", SC2(kill, pid, ASTRA_SIGSTOP));
    show_sigchld("SIGCHLD for stopping a stopped child");

    SHOW("kill SIGCONT", SC2(kill, pid, ASTRA_SIGCONT));
    show_wait("wait4 WCONTINUED", pid, ASTRA_WCONTINUED);
    printf("%-52s %s\n", "the continued child runs", counter_moves() ? "yes" : "no");
    /* Linux's child sends it once it runs again, Astra's kill at once. */
    await_count(&sigchld_count, 1);
    show_sigchld("SIGCHLD for the continuation");
    show_wait("wait4 WCONTINUED|WNOHANG again", pid, ASTRA_WCONTINUED | ASTRA_WNOHANG);
    SHOW("kill SIGCONT to a running child", SC2(kill, pid, ASTRA_SIGCONT));
    show_wait("wait4 WCONTINUED|WNOHANG after that", pid, ASTRA_WCONTINUED | ASTRA_WNOHANG);
    show_sigchld("SIGCHLD for it");

    /* SIGTSTP, SIGTTIN, SIGTTOU stop a group that is not orphaned. */
    static const int stops[] = { ASTRA_SIGTSTP, ASTRA_SIGTTIN, ASTRA_SIGTTOU };
    for (int i = 0; i < 3; i++) {
        char what[64];
        snprintf(what, sizeof what, "kill signal %d, wait4 WUNTRACED", stops[i]);
        SC2(kill, pid, stops[i]);
        show_wait(what, pid, ASTRA_WUNTRACED);
        SC2(kill, pid, ASTRA_SIGCONT);
        show_wait("  SIGCONT, wait4 WCONTINUED", pid, ASTRA_WCONTINUED);
    }
    sleep_ms(100);
    sigchld_count = 0; /* continuations' SIGCHLDs come late on Linux, and merge with the next */

    /* waitid's view, and WNOWAIT keeping the report. */
    struct astra_siginfo info;
    SC2(kill, pid, ASTRA_SIGSTOP);
    memset(&info, 0, sizeof info);
    SHOW("waitid WSTOPPED|WNOWAIT", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WSTOPPED | ASTRA_WNOWAIT, 0));
    printf("%-52s signo %d code %d status %d\n", "  siginfo", info.signo, info.code, info.status);
    memset(&info, 0, sizeof info);
    SHOW("waitid WSTOPPED", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WSTOPPED, 0));
    printf("%-52s signo %d code %d status %d\n", "  siginfo", info.signo, info.code, info.status);
    memset(&info, 0, sizeof info);
    SHOW("waitid WSTOPPED|WNOHANG (reported)", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WSTOPPED | ASTRA_WNOHANG, 0));
    printf("%-52s signo %d code %d\n", "  siginfo", info.signo, info.code);
    SHOW("waitid WEXITED|WNOHANG of a stopped child", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WEXITED | ASTRA_WNOHANG, 0));
    SC2(kill, pid, ASTRA_SIGCONT);
    memset(&info, 0, sizeof info);
    SHOW("waitid WCONTINUED", SC5(waitid, ASTRA_P_PID, pid, &info, ASTRA_WCONTINUED, 0));
    printf("%-52s signo %d code %d status %d\n", "  siginfo", info.signo, info.code, info.status);

    /* A signal that ends it waits while it is stopped; SIGKILL does not. */
    SC2(kill, pid, ASTRA_SIGSTOP);
    wait_quietly(pid, ASTRA_WUNTRACED);
    SHOW("kill SIGTERM to the stopped child", SC2(kill, pid, ASTRA_SIGTERM));
    sleep_ms(200);
    show_wait("wait4 WNOHANG: still there", pid, ASTRA_WNOHANG);
    SC2(kill, pid, ASTRA_SIGCONT);
    show_wait("after SIGCONT, wait4", pid, 0);
    sigchld_count = 0; /* one or two: Linux's CLD_CONTINUED and CLD_KILLED may merge */

    pid = spinner(1);
    SC2(kill, pid, ASTRA_SIGSTOP);
    wait_quietly(pid, ASTRA_WUNTRACED);
    SHOW("kill SIGKILL to a stopped child", SC2(kill, pid, ASTRA_SIGKILL));
    show_wait("wait4", pid, 0);
    show_sigchld("SIGCHLDs for those");

    /* SA_NOCLDSTOP: no SIGCHLD for stops and continuations; wait still sees them. */
    on_signal(ASTRA_SIGCHLD, on_sigchld, ASTRA_SA_NOCLDSTOP);
    pid = spinner(1);
    SC2(kill, pid, ASTRA_SIGSTOP);
    show_wait("SA_NOCLDSTOP: wait4 WUNTRACED", pid, ASTRA_WUNTRACED);
    SC2(kill, pid, ASTRA_SIGCONT);
    show_wait("SA_NOCLDSTOP: wait4 WCONTINUED", pid, ASTRA_WCONTINUED);
    show_sigchld("SA_NOCLDSTOP: SIGCHLDs");
    SC2(kill, pid, ASTRA_SIGKILL);
    wait_quietly(pid, 0);
    show_sigchld("SA_NOCLDSTOP: SIGCHLD for the end");
    on_signal(ASTRA_SIGCHLD, on_sigchld, 0);
}

/* A handled SIGCONT runs its handler; a stop signal with a handler does not stop. */
static void handlers(void)
{
    shared[1] = 0;
    long pid = do_fork();
    if (pid == 0) {
        on_signal(ASTRA_SIGCONT, on_sigcont, 0);
        on_signal(ASTRA_SIGTSTP, on_sigcont, 0);
        SC2(setpgid, 0, 0);
        for (;;)
            shared[0]++;
    }
    SC2(setpgid, pid, pid);
    sleep_ms(200);
    SC2(kill, pid, ASTRA_SIGSTOP);
    show_wait("a child with a SIGCONT handler: SIGSTOP", pid, ASTRA_WUNTRACED);
    SC2(kill, pid, ASTRA_SIGCONT);
    show_wait("  SIGCONT", pid, ASTRA_WCONTINUED);
    await_count(&shared[1], 1);
    printf("%-52s %ld\n", "  its handler ran (times)", shared[1]);
    SC2(kill, pid, ASTRA_SIGTSTP);
    await_count(&shared[1], 2);
    show_wait("  SIGTSTP with a handler: wait4 WUNTRACED|WNOHANG", pid, ASTRA_WUNTRACED | ASTRA_WNOHANG);
    printf("%-52s %ld\n", "  handlers ran (times)", shared[1]);
    printf("%-52s %s\n", "  the child runs", counter_moves() ? "yes" : "no");
    SC2(kill, pid, ASTRA_SIGKILL);
    wait_quietly(pid, 0);
    show_sigchld("SIGCHLDs for those");
}

/* A read interrupted by a stop goes on after SIGCONT, as if nothing happened. */
static void restarted_read(void)
{
    int fds[2];
    SC2(pipe2, fds, 0);
    long pid = do_fork();
    if (pid == 0) {
        char buf[8] = { 0 };
        shared[2] = SC3(read, fds[0], buf, sizeof buf - 1);
        memcpy((void *)&shared[3], buf, sizeof buf);
        child_exit(0);
    }
    sleep_ms(200);
    SC2(kill, pid, ASTRA_SIGSTOP);
    show_wait("a child in read: SIGSTOP", pid, ASTRA_WUNTRACED);
    SC2(kill, pid, ASTRA_SIGCONT);
    show_wait("  SIGCONT", pid, ASTRA_WCONTINUED);
    sleep_ms(200);
    SC3(write, fds[1], "data", 4);
    show_wait("  wait4 after writing to the pipe", pid, 0);
    printf("%-52s %s \"%s\"\n", "  the child's read", probe_result(shared[2]), (const char *)&shared[3]);
    SC1(close, fds[0]);
    SC1(close, fds[1]);
    show_sigchld("SIGCHLDs for those");
}

/* A nanosleep or poll that a stop interrupts keeps its deadline: continued after it passed,
 * it ends at once (Linux restarts it with the time that was left, not the whole request). */
static void restarted_timed_wait(int use_poll)
{
    int fds[2];
    SC2(pipe2, fds, 0);
    long pid = do_fork();
    if (pid == 0) {
        uint64_t t0 = now_ms();
        struct astra_timespec ts = { 1, 0 };
        struct astra_pollfd p = { fds[0], ASTRA_POLLIN, 0 };
        shared[6] = use_poll ? SC3(poll, &p, 1, 1000) : SC2(nanosleep, &ts, 0);
        shared[7] = (long)(now_ms() - t0);
        child_exit(0);
    }
    sleep_ms(200);
    SC2(kill, pid, ASTRA_SIGSTOP);
    show_wait(use_poll ? "a child in a 1 s poll: SIGSTOP at 0.2 s" : "a child in a 1 s nanosleep: SIGSTOP at 0.2 s", pid,
              ASTRA_WUNTRACED);
    sleep_ms(1500);
    SC2(kill, pid, ASTRA_SIGCONT);
    show_wait("  SIGCONT at 1.7 s, wait4", pid, 0);
    printf("%-52s %s\n", use_poll ? "  its poll" : "  its nanosleep", probe_result(shared[6]));
    printf("%-52s %s\n", "  it ended by 2.2 s", shared[7] >= 1600 && shared[7] < 2200 ? "yes" : "no");
    SC1(close, fds[0]);
    SC1(close, fds[1]);
    sigchld_count = 0;
}

/* Stop signals but SIGSTOP do nothing to a process of an orphaned group (here: the group of
 * this session's leader, whose parent is in another session). */
static void orphaned_group(void)
{
    long pid = spinner(0);
    printf("%-52s %s\n", "the group of the session leader is orphaned", "(by construction)");
    SC2(kill, pid, ASTRA_SIGTSTP);
    sleep_ms(200);
    show_wait("SIGTSTP in an orphaned group: wait4 WUNTRACED|WNOHANG", pid, ASTRA_WUNTRACED | ASTRA_WNOHANG);
    printf("%-52s %s\n", "  the child runs", counter_moves() ? "yes" : "no");
    SC2(kill, pid, ASTRA_SIGSTOP);
    show_wait("SIGSTOP in an orphaned group: wait4 WUNTRACED", pid, ASTRA_WUNTRACED);
    SC2(kill, pid, ASTRA_SIGKILL);
    wait_quietly(pid, 0);
    show_sigchld("SIGCHLDs for those");
}

static void on_sighup(int sig, struct astra_siginfo *info, void *ctx)
{
    (void)sig, (void)info, (void)ctx;
    shared[4]++;
}

/* A process group that an exit orphans while one of its members is stopped gets SIGHUP and
 * SIGCONT: here the group's only link outside ends, leaving a stopped grandchild. */
static void orphaned_by_exit(void)
{
    shared[4] = shared[5] = 0;
    long link = do_fork();
    if (link == 0) {
        SC2(setpgid, 0, 0);
        long g = do_fork();
        if (g == 0) {
            on_signal(ASTRA_SIGHUP, on_sighup, 0);
            SC2(kill, SC0(getpid), ASTRA_SIGSTOP);
            shared[5] = 1; /* it runs again */
            child_exit(0);
        }
        wait_quietly(g, ASTRA_WUNTRACED);
        child_exit(0);
    }
    wait_quietly(link, 0);
    for (int i = 0; i < 50 && !shared[5]; i++)
        sleep_ms(100);
    printf("%-52s %ld\n", "orphaned by an exit: SIGHUPs the stopped member got", shared[4]);
    printf("%-52s %s\n", "  and it ran again (SIGCONT)", shared[5] ? "yes" : "no");
}

static void job_control(void)
{
    /* The leader of a new session runs the cases, so that its children's groups are not
     * orphaned whatever the probe's parent is. */
    long leader = do_fork();
    if (leader == 0) {
        SHOW("setsid", SC0(setsid) > 0);
        shared = (volatile long *)SC6(mmap, 0, 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                      ASTRA_MAP_SHARED | ASTRA_MAP_ANONYMOUS, -1, 0);
        stop_and_continue();
        handlers();
        restarted_read();
        restarted_timed_wait(0);
        restarted_timed_wait(1);
        orphaned_group();
        orphaned_by_exit();
        child_exit(0);
    }
    show_wait("the session leader", leader, 0);
}

/* ---- on a terminal: the controlling terminal of this session, on stdin ---- */

static volatile int winch_count;

static void on_winch(int sig, struct astra_siginfo *info, void *ctx)
{
    (void)sig, (void)info, (void)ctx;
    winch_count++;
}

static uint64_t now_ms(void)
{
    struct astra_timespec ts;
    SC2(clock_gettime, ASTRA_CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Runs body in a child in its own process group (in the background), with sig ignored when
 * ignore is set, and shows how the child ended (or that it stopped, then kills it). */
static void in_background(const char *what, void (*body)(void), int ignore)
{
    long pid = do_fork();
    if (pid == 0) {
        SC2(setpgid, 0, 0);
        if (ignore) {
            struct astra_sigaction ign = { .handler = ASTRA_SIG_IGN };
            SC4(rt_sigaction, ignore, &ign, 0, 8);
        }
        body();
        child_exit(0);
    }
    SC2(setpgid, pid, pid);
    int status = 0;
    long r = SC4(wait4, pid, &status, ASTRA_WUNTRACED, 0);
    if (r > 0 && (status & 0xff) == 0x7f) {
        printf("%-52s stopped by signal %d\n", what, (status >> 8) & 0xff);
        SC2(kill, pid, ASTRA_SIGKILL);
        SC4(wait4, pid, &status, 0, 0);
    } else {
        printf("%-52s exited %d\n", what, (status >> 8) & 0xff);
    }
}

static struct astra_termios saved_termios;

static void set_termios_body(void) { SHOW("  TCSETS", SC3(ioctl, 0, ASTRA_TCSETS, &saved_termios)); }
static void read_body(void)
{
    char c;
    SHOW("  read", SC3(read, 0, &c, 1));
}
static void write_body(void) { SHOW("  write", SC3(write, 1, "", 0)); }
static void take_foreground_body(void)
{
    int mine = (int)SC0(getpgrp), parent = (int)SC1(getpgid, SC0(getppid)), fg = -1;
    SHOW("  TIOCSPGRP its own group", SC3(ioctl, 0, ASTRA_TIOCSPGRP, &mine));
    SC3(ioctl, 0, ASTRA_TIOCGPGRP, &fg);
    printf("%-52s %s\n", "  the foreground is its group", fg == mine ? "yes" : "no");
    SHOW("  TIOCSPGRP back to its parent's", SC3(ioctl, 0, ASTRA_TIOCSPGRP, &parent));
}
static void give_up_body(void)
{
    int n;
    SC2(setpgid, 0, SC1(getpgid, SC0(getppid))); /* back in the foreground group */
    SHOW("  TIOCNOTTY (not the session leader)", SC3(ioctl, 0, ASTRA_TIOCNOTTY, 0));
    SHOW("  TIOCGPGRP after it", SC3(ioctl, 0, ASTRA_TIOCGPGRP, &n));
    SHOW("  TIOCNOTTY again", SC3(ioctl, 0, ASTRA_TIOCNOTTY, 0));
    SHOW("  open /dev/tty", SC2(open, "/dev/tty", ASTRA_O_RDWR));
}
static void new_session_body(void)
{
    int n;
    SC2(setpgid, 0, SC1(getpgid, SC0(getppid))); /* a group leader cannot start a session */
    SHOW("  setsid", SC0(setsid) > 0);
    SHOW("  TIOCGPGRP", SC3(ioctl, 0, ASTRA_TIOCGPGRP, &n));
    SHOW("  TIOCGSID", SC3(ioctl, 0, ASTRA_TIOCGSID, &n));
    SHOW("  TIOCSCTTY (another session has it)", SC3(ioctl, 0, ASTRA_TIOCSCTTY, 0));
    SHOW("  TIOCSPGRP", SC3(ioctl, 0, ASTRA_TIOCSPGRP, &n));
    SHOW("  TCGETS (still a terminal)", SC3(ioctl, 0, ASTRA_TCGETS, &saved_termios));
}

static void terminal_cases(void);

static void terminal(void)
{
    int pid = (int)SC0(getpid), pgrp = (int)SC0(getpgrp), sid = (int)SC1(getsid, 0);
    printf("%-52s %s\n", "leads its session and group", pid == sid && pid == pgrp ? "yes" : "no");
    SHOW("TIOCSCTTY when it is ours already", SC3(ioctl, 0, ASTRA_TIOCSCTTY, 0));
    /* The cases run in a child, so that its own children's groups are not orphaned even where
     * this probe is pid 1 (Linux does not count pid 1 as a parent that holds a group). */
    long runner = do_fork();
    if (runner == 0) {
        terminal_cases();
        child_exit(0);
    }
    int status = 0;
    SC4(wait4, runner, &status, 0, 0);
    printf("%-52s 0x%x\n", "the cases ended with status", status);
}

static void terminal_cases(void)
{
    struct astra_termios t;
    struct astra_winsize ws;
    int n, pgrp = (int)SC0(getpgrp), sid = (int)SC1(getsid, 0);
    SHOW("TCGETS", SC3(ioctl, 0, ASTRA_TCGETS, &t));
    saved_termios = t;
    printf("%-52s iflag 0%o oflag 0%o lflag 0%o\n", "  modes", t.c_iflag, t.c_oflag, t.c_lflag);
    printf("%-52s", "  characters");
    for (int i = 0; i <= ASTRA_VEOL2; i++)
        printf(" %d", t.c_cc[i]);
    printf("\n");
    n = -1;
    SHOW("TIOCGPGRP", SC3(ioctl, 0, ASTRA_TIOCGPGRP, &n));
    printf("%-52s %s\n", "  the foreground is our group", n == pgrp ? "yes" : "no");
    n = -1;
    SHOW("TIOCGSID", SC3(ioctl, 0, ASTRA_TIOCGSID, &n));
    printf("%-52s %s\n", "  the session is ours", n == sid ? "yes" : "no");
    SHOW("TIOCGPGRP to an unmapped address", SC3(ioctl, 0, ASTRA_TIOCGPGRP, UNMAPPED));
    SHOW("TIOCSCTTY by a process that does not lead", SC3(ioctl, 0, ASTRA_TIOCSCTTY, 0));
    n = -5;
    SHOW("TIOCSPGRP -5", SC3(ioctl, 0, ASTRA_TIOCSPGRP, &n));
    n = 0x3ffffff0;
    SHOW("TIOCSPGRP of a group that does not exist", SC3(ioctl, 0, ASTRA_TIOCSPGRP, &n));
    SHOW("TIOCSPGRP from an unmapped address", SC3(ioctl, 0, ASTRA_TIOCSPGRP, UNMAPPED));
    SHOW("TIOCSPGRP our own group", SC3(ioctl, 0, ASTRA_TIOCSPGRP, &pgrp));

    SHOW("TIOCGWINSZ", SC3(ioctl, 0, ASTRA_TIOCGWINSZ, &ws));
    printf("%-52s %d %d\n", "  rows and columns", ws.ws_row, ws.ws_col);
    struct astra_winsize big = { 50, 132, 0, 0 };
    on_signal(ASTRA_SIGWINCH, on_winch, 0);
    SHOW("TIOCSWINSZ 50x132", SC3(ioctl, 0, ASTRA_TIOCSWINSZ, &big));
    printf("%-52s %d\n", "  SIGWINCH", winch_count);
    SHOW("TIOCSWINSZ 50x132 again", SC3(ioctl, 0, ASTRA_TIOCSWINSZ, &big));
    printf("%-52s %d\n", "  SIGWINCH", winch_count);
    SHOW("TIOCSWINSZ from an unmapped address", SC3(ioctl, 0, ASTRA_TIOCSWINSZ, UNMAPPED));
    SC3(ioctl, 0, ASTRA_TIOCSWINSZ, &ws);

    n = -1;
    SHOW("FIONREAD", SC3(ioctl, 0, ASTRA_FIONREAD, &n));
    printf("%-52s %d\n", "  bytes", n);
    SHOW("TCFLSH 7", SC3(ioctl, 0, ASTRA_TCFLSH, 7));
    SHOW("TCFLSH TCIFLUSH", SC3(ioctl, 0, ASTRA_TCFLSH, ASTRA_TCIFLUSH));
    SHOW("TCSETS from an unmapped address", SC3(ioctl, 0, ASTRA_TCSETS, UNMAPPED));
    SHOW("TCGETS to an unmapped address", SC3(ioctl, 0, ASTRA_TCGETS, UNMAPPED));

    struct astra_termios raw = t;
    char buf[16];
    raw.c_lflag &= ~(uint32_t)(ASTRA_ICANON | ASTRA_ECHO);
    raw.c_cc[ASTRA_VMIN] = 0;
    raw.c_cc[ASTRA_VTIME] = 0;
    SHOW("TCSETSW raw, VMIN 0, VTIME 0", SC3(ioctl, 0, ASTRA_TCSETSW, &raw));
    SHOW("  read with nothing typed", SC3(read, 0, buf, sizeof buf));
    raw.c_cc[ASTRA_VTIME] = 3;
    SHOW("TCSETSF VTIME 3", SC3(ioctl, 0, ASTRA_TCSETSF, &raw));
    uint64_t t0 = now_ms();
    SHOW("  read with nothing typed", SC3(read, 0, buf, sizeof buf));
    uint64_t waited = now_ms() - t0;
    printf("%-52s %s\n", "  it waited about 0.3 s", waited >= 250 && waited < 3000 ? "yes" : "no");
    SHOW("TCSETS back", SC3(ioctl, 0, ASTRA_TCSETS, &t));
    struct astra_termios back;
    SC3(ioctl, 0, ASTRA_TCGETS, &back);
    printf("%-52s %s\n", "  TCGETS gives it back", !memcmp(&back, &t, sizeof t) ? "yes" : "no");

    long fd = SC2(open, "/dev/tty", ASTRA_O_RDWR);
    printf("%-52s %s\n", "open /dev/tty", fd >= 0 ? "a descriptor" : probe_result(fd));
    n = -1;
    SHOW("  TIOCGPGRP through it", SC3(ioctl, fd, ASTRA_TIOCGPGRP, &n));
    printf("%-52s %s\n", "  the foreground is our group", n == pgrp ? "yes" : "no");
    SC1(close, fd);

    in_background("a background group changing the modes", set_termios_body, 0);
    in_background("the same, ignoring SIGTTOU", set_termios_body, ASTRA_SIGTTOU);
    in_background("a background group reading", read_body, 0);
    in_background("the same, ignoring SIGTTIN", read_body, ASTRA_SIGTTIN);
    in_background("a background group writing (no TOSTOP)", write_body, 0);
    in_background("a background group taking the foreground", take_foreground_body, 0);
    in_background("the same, ignoring SIGTTOU", take_foreground_body, ASTRA_SIGTTOU);
    in_background("a process giving its terminal up", give_up_body, 0);
    in_background("a process in a new session", new_session_body, 0);
    n = -1;
    SC3(ioctl, 0, ASTRA_TIOCGPGRP, &n);
    printf("%-52s %s\n", "the foreground is our group at the end", n == pgrp ? "yes" : "no");
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    /* The same buffering on both: a console would make Astra's stdout line-buffered. */
    setvbuf(stdout, 0, _IOFBF, 1 << 16);
    if (!strcmp(c, "not_terminals"))
        not_terminals();
    else if (!strcmp(c, "job_control"))
        job_control();
    else if (!strcmp(c, "terminal"))
        terminal();
    else {
        printf("usage: tty_probe not_terminals|job_control|terminal\n");
        return 2;
    }
    fflush(stdout);
    return 0;
}
