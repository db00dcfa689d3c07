/* Processes through the C library's POSIX calls (fork, execve, execvp, waitpid, kill, pipe,
 * dup2, and posix_spawn or libastra's sys_spawn_process), mostly with bad input. Built twice
 * from this source: against glibc (the oracle, on the Linux host) and against newlib with
 * libastra (on the Linux host and on the Astra kernel); tests/kernel/proc_runtime_test.c
 * compares the outputs. Names of errors and signals come from each C library's own
 * constants, so a wrong translation in libastra's newlib layer shows. */
#define _GNU_SOURCE 1 /* glibc's prlimit */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __NEWLIB__
#include <astra/astra.h>

#include "../../libastra/internal/syscall.h"

/* newlib for x86_64-elf has no readlink, chmod, rmdir or usleep: libastra's calls stand in
 * (only for setting up; their results are not shown). */
#define readlink(path, buf, size) sys_readlink(path, buf, size)
#define chmod(path, mode) sys_chmod(path, mode)
#define rmdir(path) sys_rmdir(path)
#define usleep(us) sys_usleep(us)
#else
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

extern char **environ;

static char self[4096], dir[64];

static const char *errno_name(int e)
{
    static const struct { int e; const char *name; } names[] = {
        { 0, "OK" },           { ENOENT, "ENOENT" }, { ENOEXEC, "ENOEXEC" }, { EACCES, "EACCES" },
        { ENOTDIR, "ENOTDIR" }, { EFAULT, "EFAULT" }, { ECHILD, "ECHILD" },   { ESRCH, "ESRCH" },
        { EINVAL, "EINVAL" },   { EPIPE, "EPIPE" },   { EBADF, "EBADF" },     { E2BIG, "E2BIG" },
        { EPERM, "EPERM" },     { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },   { EISDIR, "EISDIR" },
        { ENAMETOOLONG, "ENAMETOOLONG" },
    };
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].e == e)
            return names[i].name;
    static char other[32];
    snprintf(other, sizeof other, "error %d", e);
    return other;
}

static const char *signal_name(int s)
{
    static const struct { int s; const char *name; } names[] = {
        { SIGHUP, "SIGHUP" },   { SIGINT, "SIGINT" },   { SIGQUIT, "SIGQUIT" }, { SIGILL, "SIGILL" },
        { SIGABRT, "SIGABRT" }, { SIGBUS, "SIGBUS" },   { SIGFPE, "SIGFPE" },   { SIGKILL, "SIGKILL" },
        { SIGUSR1, "SIGUSR1" }, { SIGSEGV, "SIGSEGV" }, { SIGUSR2, "SIGUSR2" }, { SIGPIPE, "SIGPIPE" },
        { SIGALRM, "SIGALRM" }, { SIGTERM, "SIGTERM" }, { SIGCHLD, "SIGCHLD" }, { SIGCONT, "SIGCONT" },
        { SIGSTOP, "SIGSTOP" }, { SIGTSTP, "SIGTSTP" }, { SIGPROF, "SIGPROF" }, { SIGWINCH, "SIGWINCH" },
        { SIGSYS, "SIGSYS" },   { SIGVTALRM, "SIGVTALRM" }, { SIGXCPU, "SIGXCPU" }, { SIGURG, "SIGURG" },
    };
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].s == s)
            return names[i].name;
    return "another signal";
}

/* "<value>" or "-1 <errno name>" for a call that returns -1 on failure. */
static void show(const char *what, long r)
{
    if (r == -1)
        printf("%-46s -1 %s\n", what, errno_name(errno));
    else
        printf("%-46s %ld\n", what, r);
    fflush(stdout);
}

static void show_status(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%-46s exited with %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%-46s killed by %s\n", what, signal_name(WTERMSIG(st)));
    else
        printf("%-46s status 0x%x\n", what, st);
    fflush(stdout);
}

/* Ends a child: what it printed goes out first. */
static _Noreturn void leave(int code)
{
    fflush(stdout);
    _exit(code);
}

static pid_t start(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("fork failed: %s\n", errno_name(errno));
        exit(1);
    }
    return pid;
}

static void reap(const char *what, pid_t pid)
{
    int st = 0;
    if (waitpid(pid, &st, 0) != pid)
        printf("%-46s waitpid failed: %s\n", what, errno_name(errno));
    else
        show_status(what, st);
}

static char *in_dir(const char *name)
{
    static char paths[4][128];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, 128, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *name, const void *data, size_t len, mode_t mode)
{
    int fd = open(in_dir(name), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    if (fd < 0 || write(fd, data, len) != (ssize_t)len || close(fd) || chmod(in_dir(name), mode))
        printf("cannot write %s: %s\n", name, errno_name(errno));
}

/* The first len bytes of this program. */
static void copy_self(const char *name, size_t len, mode_t mode)
{
    static char buf[1 << 20];
    int fd = open(self, O_RDONLY);
    ssize_t n = read(fd, buf, len < sizeof buf ? len : sizeof buf);
    close(fd);
    write_file(name, buf, n > 0 ? (size_t)n : 0, mode);
}

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/posix-proc-probe-%d", (int)getpid());
    mkdir(dir, 0755);
    write_file("text", "hello\n", 6, 0755);
    write_file("empty", "", 0, 0755);
    copy_self("no-x", 1 << 20, 0644);
    copy_self("stub", 40, 0755);
    copy_self("cut", 3000, 0755);
    copy_self("prog", 1 << 20, 0755);
}

static void remove_dir(void)
{
    static const char *const files[] = { "text", "empty", "no-x", "stub", "cut", "prog", "out" };
    for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++)
        unlink(in_dir(files[i]));
    rmdir(dir);
}

/* ---- execve and execvp ---- */

enum exec_kind { EXECVE, EXECV, EXECVP, EXECLP };

/* Runs the exec in a child: its error, or how the program it started ended. */
static void exec_case(const char *what, enum exec_kind kind, const char *path, char *const *argv)
{
    pid_t pid = start();
    if (pid == 0) {
        int r = kind == EXECVE ? execve(path, argv, environ)
                : kind == EXECV ? execv(path, argv)
                : kind == EXECVP ? execvp(path, argv)
                                 : execlp(path, "prog", "hello", (char *)0);
        show(what, r);
        leave(100);
    }
    reap("  and the child", pid);
}

static void exec_errors(void)
{
    make_dir();
    char *argv[] = { "prog", "hello", NULL };
    exec_case("execve a missing file", EXECVE, "/nonexistent/program", argv);
    exec_case("execve an empty path", EXECVE, "", argv);
    exec_case("execve a directory", EXECVE, dir, argv);
    exec_case("execve a text file (no #!)", EXECVE, in_dir("text"), argv);
    exec_case("execve an empty file", EXECVE, in_dir("empty"), argv);
    exec_case("execve the first 40 bytes of an ELF", EXECVE, in_dir("stub"), argv);
    exec_case("execve an ELF cut at 3000 bytes", EXECVE, in_dir("cut"), argv);
    exec_case("execve without execute permission", EXECVE, in_dir("no-x"), argv);
    exec_case("execve through a file", EXECVE, in_dir("text/x"), argv);
    exec_case("execve an unmapped path", EXECVE, (const char *)16, argv);
    exec_case("execve an unmapped argv", EXECVE, in_dir("prog"), (char *const *)16);
    char *bad_arg[] = { "prog", (char *)16, NULL };
    exec_case("execve an unmapped argument", EXECVE, in_dir("prog"), bad_arg);
    exec_case("execve the program", EXECVE, in_dir("prog"), argv);
    exec_case("execv a missing file", EXECV, "/nonexistent/program", argv);
    exec_case("execv the program", EXECV, in_dir("prog"), argv);

    static char path[256];
    snprintf(path, sizeof path, "PATH=/nonexistent:%s/text:%s", dir, dir);
    putenv(path);
    exec_case("execvp a name in no PATH directory", EXECVP, "missing", argv);
    exec_case("execvp an empty name", EXECVP, "", argv);
    exec_case("execvp a name without execute permission", EXECVP, "no-x", argv);
    exec_case("execvp the program by name", EXECVP, "prog", argv);
    exec_case("execlp the program by name", EXECLP, "prog", argv);
    exec_case("execvp a missing path with a slash", EXECVP, "/nonexistent/prog", argv);
    remove_dir();
}

/* ---- wait ---- */

static void wait_errors(void)
{
    int st = 0;
    show("wait with no children", wait(&st));
    show("waitpid(-1) with no children", waitpid(-1, &st, 0));
    show("waitpid(WNOHANG) with no children", waitpid(-1, &st, WNOHANG));
    show("waitpid of a pid that is not a child", waitpid(1, &st, 0));
    show("waitpid of a missing pid", waitpid(99999999, &st, 0));
    show("waitpid with bad options", waitpid(-1, &st, 0x40000));

    int fds[2];
    pipe(fds);
    pid_t pid = start();
    if (pid == 0) {
        close(fds[1]);
        char c;
        read(fds[0], &c, 1);
        leave(7);
    }
    close(fds[0]);
    show("waitpid(WNOHANG) of a running child", waitpid(pid, &st, WNOHANG));
    close(fds[1]);
    show("wait for it", wait(&st) == pid);
    show_status("  and it", st);
    show("wait again", wait(&st));

    pid = start();
    if (pid == 0)
        leave(3);
    usleep(100000);
    show("waitpid into an unmapped status", waitpid(pid, (int *)16, 0));
    show("waitpid once more", waitpid(pid, &st, WNOHANG));
    show("wait(NULL) for the last child", wait(NULL));
}

/* ---- kill ---- */

static pid_t blocked_child(void)
{
    pid_t pid = start();
    if (pid == 0) {
        for (;;)
            pause();
    }
    usleep(50000);
    return pid;
}

static void kill_errors(void)
{
    show("kill a missing pid", kill(99999999, SIGTERM));
    show("kill a missing pid, signal 0", kill(99999999, 0));
    show("kill a missing group", kill(-99999999, SIGTERM));
    show("kill self with signal 99", kill(getpid(), 99));
    show("kill self with signal -1", kill(getpid(), -1));
    show("kill self with signal 0", kill(getpid(), 0));
    show("kill(0, 0)", kill(0, 0));
    static const int fatal[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGALRM, SIGPROF, SIGVTALRM, SIGHUP, SIGKILL };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        pid_t pid = blocked_child();
        char what[64];
        snprintf(what, sizeof what, "kill a child with %s", signal_name(fatal[i]));
        show(what, kill(pid, fatal[i]));
        reap("  and the child", pid);
    }
    pid_t pid = blocked_child();
    show("kill a child with SIGCHLD (ignored)", kill(pid, SIGCHLD));
    show("kill a child with SIGWINCH (ignored)", kill(pid, SIGWINCH));
    show("  it still runs", waitpid(pid, NULL, WNOHANG));
    show("kill it with SIGKILL", kill(pid, SIGKILL));
    usleep(100000);
    show("kill the zombie, signal 0", kill(pid, 0));
    reap("  and the child", pid);
    show("kill the collected pid", kill(pid, SIGTERM));
}

/* ---- pipes ---- */

/* SIGPIPE's disposition is inherited: the case sets the one it needs. */
static void set_sigpipe(int ignore) { signal(SIGPIPE, ignore ? SIG_IGN : SIG_DFL); }

static void pipe_errors(void)
{
    int fds[2];
    int *volatile unmapped = (int *)16; /* hidden from gcc's bounds checks */
    show("pipe into an unmapped array", pipe(unmapped));
    show("dup2 of a closed descriptor", dup2(77, 78));
    show("dup2 to a negative descriptor", dup2(1, -1));
    show("dup2 of a descriptor onto itself", dup2(1, 1));
    show("dup of a closed descriptor", dup(77));
    show("close of a closed descriptor", close(77));

    /* The reader is gone: the writer dies of SIGPIPE. */
    set_sigpipe(0);
    pipe(fds);
    close(fds[0]);
    pid_t pid = start();
    if (pid == 0) {
        write(fds[1], "x", 1);
        printf("the writer survived the write\n");
        leave(0);
    }
    reap("a writer to a pipe without readers", pid);

    /* A reader that exits before the writer writes. */
    close(fds[1]);
    pipe(fds);
    pid = start();
    if (pid == 0) {
        close(fds[1]);
        leave(0);
    }
    close(fds[0]);
    reap("the reader", pid);
    pid = start();
    if (pid == 0) {
        set_sigpipe(1);
        show("a write once the reader exited, SIGPIPE ignored", write(fds[1], "x", 1));
        leave(0);
    }
    reap("  and the writer", pid);
    close(fds[1]);

    /* dup2 onto stdout: a child's output comes back through the pipe. */
    pipe(fds);
    pid = start();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        char *argv[] = { "prog", "hello", NULL };
        execv(self, argv);
        leave(100);
    }
    close(fds[1]);
    char buf[128] = { 0 };
    ssize_t n = 0, got;
    while ((got = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += got;
    close(fds[0]);
    printf("a child's stdout through a pipe: '%.*s'\n", (int)(n > 0 ? n - 1 : 0), buf);
    reap("  and the child", pid);
}

/* ---- posix_spawn (glibc) and sys_spawn_process (libastra) ---- */

enum action_kind { DUP2, CLOSE, OPEN };
struct action {
    enum action_kind kind;
    int fd, newfd, flags;
    const char *path;
};

/* 0 with *pid set, or the error number. */
static int spawn(pid_t *pid, const char *path, int search, char *const argv[], const struct action *acts, int n)
{
#ifdef __NEWLIB__
    struct astra_spawn_action a[8];
    for (int i = 0; i < n; i++) {
        a[i] = (struct astra_spawn_action){ .fd = acts[i].fd, .newfd = acts[i].newfd, .path = acts[i].path,
                                            .mode = 0600 };
        a[i].op = acts[i].kind == DUP2 ? ASTRA_SPAWN_DUP2 : acts[i].kind == CLOSE ? ASTRA_SPAWN_CLOSE : ASTRA_SPAWN_OPEN;
        a[i].flags = acts[i].flags == O_RDONLY ? ASTRA_O_RDONLY : ASTRA_O_WRONLY | ASTRA_O_CREAT | ASTRA_O_TRUNC;
    }
    const char *p = getenv("PATH");
    int32_t r = sys_spawn_process(path, search ? (p ? p : "/bin:/usr/bin") : NULL, argv, environ, a, (size_t)n);
    if (r < 0)
        return -r == ASTRA_ENOENT ? ENOENT : -r == ASTRA_EACCES ? EACCES : -r == ASTRA_ENOEXEC ? ENOEXEC
               : -r == ASTRA_EBADF ? EBADF : -r == ASTRA_EFAULT ? EFAULT : -r == ASTRA_ENOTDIR ? ENOTDIR : -1;
    *pid = r;
    return 0;
#else
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    for (int i = 0; i < n; i++) {
        if (acts[i].kind == DUP2)
            posix_spawn_file_actions_adddup2(&fa, acts[i].fd, acts[i].newfd);
        else if (acts[i].kind == CLOSE)
            posix_spawn_file_actions_addclose(&fa, acts[i].fd);
        else
            posix_spawn_file_actions_addopen(&fa, acts[i].newfd, acts[i].path,
                                             acts[i].flags == O_RDONLY ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0600);
    }
    int r = search ? posix_spawnp(pid, path, &fa, NULL, argv, environ) : posix_spawn(pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return r;
#endif
}

/* The child runs the program's case arg: "exit3" (quiet: its output and ours would race) or,
 * with stdout redirected, "hello". */
static void spawn_case(const char *what, const char *path, int search, const struct action *acts, int n,
                       const char *arg)
{
    char *argv[] = { "prog", (char *)arg, NULL };
    pid_t pid = 0;
    fflush(stdout);
    int r = spawn(&pid, path, search, argv, acts, n);
    if (r) {
        printf("%-46s %s\n", what, errno_name(r));
        return;
    }
    printf("%-46s started\n", what);
    reap("  and the child", pid);
}

static void spawns(void)
{
    make_dir();
    spawn_case("spawn a missing program", "/nonexistent/program", 0, NULL, 0, "exit3");
    spawn_case("spawn a directory", dir, 0, NULL, 0, "exit3");
    spawn_case("spawn a text file (no #!)", in_dir("text"), 0, NULL, 0, "exit3");
    spawn_case("spawn the first 40 bytes of an ELF", in_dir("stub"), 0, NULL, 0, "exit3");
    spawn_case("spawn without execute permission", in_dir("no-x"), 0, NULL, 0, "exit3");
    spawn_case("spawn the program", in_dir("prog"), 0, NULL, 0, "exit3");
    struct action bad_dup = { DUP2, 77, 1, 0, NULL };
    spawn_case("spawn, dup2 of a closed descriptor", in_dir("prog"), 0, &bad_dup, 1, "exit3");
    struct action bad_open = { OPEN, 0, 5, O_RDONLY, "/nonexistent/file" };
    spawn_case("spawn, open of a missing file", in_dir("prog"), 0, &bad_open, 1, "exit3");
    struct action close_unopened = { CLOSE, 77, 0, 0, NULL };
    spawn_case("spawn, close of a closed descriptor", in_dir("prog"), 0, &close_unopened, 1, "exit3");

    struct action to_file = { OPEN, 0, 1, O_WRONLY, in_dir("out") };
    spawn_case("spawn with stdout opened on a file", in_dir("prog"), 0, &to_file, 1, "hello");
    char buf[64] = { 0 };
    int fd = open(in_dir("out"), O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    printf("  the file holds '%.*s'\n", (int)(n > 0 ? n - 1 : 0), buf);

    int fds[2];
    pipe(fds);
    struct action to_pipe[] = { { DUP2, fds[1], 1, 0, NULL }, { CLOSE, fds[0], 0, 0, NULL }, { CLOSE, fds[1], 0, 0, NULL } };
    spawn_case("spawn with stdout on a pipe", in_dir("prog"), 0, to_pipe, 3, "hello");
    close(fds[1]);
    memset(buf, 0, sizeof buf);
    n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    printf("  the pipe gave '%.*s'\n", (int)(n > 0 ? n - 1 : 0), buf);

    static char path[256];
    snprintf(path, sizeof path, "PATH=/nonexistent:%s", dir);
    putenv(path);
    spawn_case("spawnp a name in no PATH directory", "missing", 1, NULL, 0, "exit3");
    spawn_case("spawnp a name without execute permission", "no-x", 1, NULL, 0, "exit3");
    spawn_case("spawnp the program by name", "prog", 1, NULL, 0, "exit3");
    remove_dir();
}

/* ---- libastra's copies through checked pointers in a forked child ---- */

static int root_is_dir(void)
{
#ifdef __NEWLIB__
    struct hermit_stat st;
    memset(&st, 0, sizeof st);
    return sys_stat("/", &st) == 0 && (st.st_mode & 0170000) == 0040000;
#else
    struct stat st;
    memset(&st, 0, sizeof st);
    return stat("/", &st) == 0 && S_ISDIR(st.st_mode);
#endif
}

static long raw_fork(void)
{
#ifdef __NEWLIB__
    return astra_syscall0(ASTRA_NR_fork);
#else
    return syscall(SYS_fork);
#endif
}

static void copies_after_fork(void)
{
    printf("parent: / is a directory: %s\n", root_is_dir() ? "yes" : "no");
    pid_t pid = start();
    if (pid == 0) {
        printf("child of fork(): / is a directory: %s\n", root_is_dir() ? "yes" : "no");
        leave(0);
    }
    reap("  and the child", pid);
    fflush(stdout);
    pid = (pid_t)raw_fork();
    if (pid == 0) {
        printf("child of the fork system call: / is a directory: %s\n", root_is_dir() ? "yes" : "no");
        fflush(stdout);
        pid_t grandchild = start();
        if (grandchild == 0) {
            printf("its child: / is a directory: %s\n", root_is_dir() ? "yes" : "no");
            leave(0);
        }
        reap("  and its child", grandchild);
        leave(0);
    }
    reap("  and the child", pid);
}

/* ---- signals through the C library ---- */

static volatile int got[NSIG], blocked_in_handler;
static char trace[256];

static void note(int sig)
{
    got[sig]++;
    size_t n = strlen(trace);
    snprintf(trace + n, sizeof trace - n, "%s%s", n ? " " : "", signal_name(sig));
}

static void note_mask(int sig)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    blocked_in_handler = sigismember(&now, SIGUSR2) && sigismember(&now, sig);
    note(sig);
}

static void show_trace(const char *what)
{
    printf("%-46s %s\n", what, trace[0] ? trace : "(none)");
    trace[0] = 0;
    fflush(stdout);
}

static void signals(void)
{
    show("signal(SIGUSR1, handler) is the default", signal(SIGUSR1, note) == SIG_DFL);
    show("raise(SIGUSR1)", raise(SIGUSR1));
    show_trace("  handlers run");
    show("signal(SIGUSR1, SIG_IGN) gives the handler", signal(SIGUSR1, SIG_IGN) == note);
    show("raise(SIGUSR1) ignored", raise(SIGUSR1));
    show_trace("  handlers run");
    signal(SIGUSR2, note);
    signal(SIGALRM, note);
    show("kill(self, SIGUSR2)", kill(getpid(), SIGUSR2));
    show("kill(self, SIGALRM)", kill(getpid(), SIGALRM));
    show_trace("  handlers run");
    show("signal(SIGKILL, handler)", signal(SIGKILL, note) == SIG_ERR ? -1 : 0);
    show("signal(0, handler)", signal(0, note) == SIG_ERR ? -1 : 0);
    show("signal(99, handler)", signal(99, note) == SIG_ERR ? -1 : 0);
    show("raise(99)", raise(99));

    sigset_t set, old, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    show("sigprocmask(SIG_BLOCK, {SIGUSR2})", sigprocmask(SIG_BLOCK, &set, &old));
    show("  SIGUSR2 was blocked before", sigismember(&old, SIGUSR2));
    show("raise(SIGUSR2) while blocked", raise(SIGUSR2));
    show_trace("  handlers run");
    sigemptyset(&pending);
    show("sigpending", sigpending(&pending));
    show("  SIGUSR2 pending", sigismember(&pending, SIGUSR2));
    show("  SIGALRM pending", sigismember(&pending, SIGALRM));
    show("sigprocmask(SIG_UNBLOCK, {SIGUSR2})", sigprocmask(SIG_UNBLOCK, &set, NULL));
    show_trace("  handlers run");
    show("sigprocmask with a bad how", sigprocmask(99, &set, NULL));

    struct sigaction act = { .sa_handler = note_mask }, back;
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, SIGUSR2);
    show("sigaction(SIGTERM, mask {SIGUSR2})", sigaction(SIGTERM, &act, NULL));
    show("raise(SIGTERM)", raise(SIGTERM));
    show_trace("  handlers run");
    show("  SIGTERM and SIGUSR2 blocked in the handler", blocked_in_handler);
    show("sigaction(SIGTERM) read back", sigaction(SIGTERM, NULL, &back));
    show("  the same handler", back.sa_handler == note_mask);
    show("  SIGUSR2 in its mask", sigismember(&back.sa_mask, SIGUSR2));
    show("sigaction(SIGSTOP)", sigaction(SIGSTOP, &act, NULL));

    /* A child's end: SIGCHLD's handler runs; a child killed by a signal shows its name. */
    signal(SIGCHLD, note);
    pid_t pid = start();
    if (pid == 0)
        leave(0);
    reap("a child that exits", pid);
    show_trace("  handlers run");
    signal(SIGCHLD, SIG_DFL);
    pid = start();
    if (pid == 0) {
        signal(SIGUSR1, SIG_DFL);
        raise(SIGUSR1);
        leave(0);
    }
    reap("a child that raises SIGUSR1", pid);

    /* Ignored stays ignored across execve, a handler does not. */
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, note);
    pid = start();
    if (pid == 0) {
        char *argv[] = { "prog", "show_dispositions", NULL };
        execv(self, argv);
        leave(100);
    }
    reap("  and the program", pid);
}

/* After execve: SIGINT still ignored, SIGHUP back to its default. */
static int show_dispositions(void)
{
    struct sigaction a;
    sigaction(SIGINT, NULL, &a);
    printf("after execve: SIGINT ignored: %s\n", a.sa_handler == SIG_IGN ? "yes" : "no");
    sigaction(SIGHUP, NULL, &a);
    printf("after execve: SIGHUP default: %s\n", a.sa_handler == SIG_DFL ? "yes" : "no");
    return 0;
}

/* ---- resource limits (glibc's calls; the same system calls from newlib) ---- */

#ifdef __NEWLIB__
struct rlimit { uint64_t rlim_cur, rlim_max; };
#define RLIMIT_NOFILE ASTRA_RLIMIT_NOFILE
/* The errors met here (ESRCH, EFAULT, EINVAL) have the same numbers in newlib and Linux. */
static int rl(long r)
{
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return (int)r;
}
#define getrlimit(res, r) rl(astra_syscall2(ASTRA_NR_getrlimit, res, (long)(r)))
#define setrlimit(res, r) rl(astra_syscall2(ASTRA_NR_setrlimit, res, (long)(r)))
#define prlimit(pid, res, n, o) rl(astra_syscall4(ASTRA_NR_prlimit64, pid, res, (long)(n), (long)(o)))
#endif

static void limits(void)
{
    struct rlimit r, *volatile unmapped = (struct rlimit *)16;
    show("getrlimit of resource 99", getrlimit(99, &r));
    show("getrlimit into an unmapped struct", getrlimit(RLIMIT_NOFILE, unmapped));
    show("prlimit of a missing pid", prlimit(99999999, RLIMIT_NOFILE, NULL, &r));
    show("prlimit without old or new limit", prlimit(0, RLIMIT_NOFILE, NULL, NULL));
    show("getrlimit RLIMIT_NOFILE", getrlimit(RLIMIT_NOFILE, &r));
    show("  soft limit <= hard limit", r.rlim_cur <= r.rlim_max);
    show("setrlimit to the same limits", setrlimit(RLIMIT_NOFILE, &r));
    struct rlimit inverted = { 2, 1 };
    show("setrlimit soft above hard", setrlimit(RLIMIT_NOFILE, &inverted));
    show("setrlimit from an unmapped struct", setrlimit(RLIMIT_NOFILE, unmapped));
}

/* ---- madvise(MADV_WIPEONFORK), which libastra's pid cache relies on ---- */

#ifdef __NEWLIB__
static char *map_page(int shared)
{
    long m = astra_syscall6(ASTRA_NR_mmap, 0, 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            (shared ? ASTRA_MAP_SHARED : ASTRA_MAP_PRIVATE) | ASTRA_MAP_ANONYMOUS, -1, 0);
    return (char *)m;
}
static int advise(void *p, size_t len, int advice) { return rl(astra_syscall3(ASTRA_NR_madvise, (long)p, (long)len, advice)); }
#define MADV_WIPEONFORK ASTRA_MADV_WIPEONFORK
#define MADV_KEEPONFORK ASTRA_MADV_KEEPONFORK
#else
static char *map_page(int shared)
{
    return mmap(NULL, 4096, PROT_READ | PROT_WRITE, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
}
static int advise(void *p, size_t len, int advice) { return madvise(p, len, advice); }
#endif

/* What a forked child finds in the page: the parent wrote 42 there. */
static void child_reads(const char *what, volatile char *page)
{
    pid_t pid = start();
    if (pid == 0) {
        printf("%-46s %d\n", what, page[0]);
        leave(0);
    }
    reap("  and the child", pid);
}

static void wipe_on_fork(void)
{
    char *page = map_page(0), *shared = map_page(1);
    page[0] = 42;
    shared[0] = 42;
    show("madvise(MADV_WIPEONFORK)", advise(page, 4096, MADV_WIPEONFORK));
    child_reads("a forked child reads", page);
    printf("%-46s %d\n", "the parent still reads", page[0]);
    show("madvise(MADV_KEEPONFORK)", advise(page, 4096, MADV_KEEPONFORK));
    child_reads("a forked child reads", page);
    show("madvise(MADV_WIPEONFORK) of shared memory", advise(shared, 4096, MADV_WIPEONFORK));
    show("madvise(MADV_WIPEONFORK) of a misaligned address", advise(page + 1, 4096, MADV_WIPEONFORK));
    char *gone = map_page(0);
#ifdef __NEWLIB__
    astra_syscall2(ASTRA_NR_munmap, (long)gone, 4096);
#else
    munmap(gone, 4096);
#endif
    show("madvise(MADV_WIPEONFORK) of unmapped memory", advise(gone, 4096, MADV_WIPEONFORK));
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;
    if (!strcmp(c, "hello")) {
        printf("hello\n");
        return 0;
    }
    if (!strcmp(c, "exit3"))
        return 3;
    if (!strcmp(c, "show_dispositions"))
        return show_dispositions();
    if (!strcmp(c, "exec"))
        exec_errors();
    else if (!strcmp(c, "wait"))
        wait_errors();
    else if (!strcmp(c, "kill"))
        kill_errors();
    else if (!strcmp(c, "pipe"))
        pipe_errors();
    else if (!strcmp(c, "spawn"))
        spawns();
    else if (!strcmp(c, "signals"))
        signals();
    else if (!strcmp(c, "wipeonfork"))
        wipe_on_fork();
    else if (!strcmp(c, "limits"))
        limits();
    else if (!strcmp(c, "fork_copy"))
        copies_after_fork();
    else {
        printf("unknown case '%s'\n", c);
        return 2;
    }
    return 0;
}
