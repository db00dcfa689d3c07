/* More Linux calls on the Astra kernel against Linux (tests/kernel/linux_calls2_test.c):
 * clone3 (threads, processes, vfork, CLONE_CLEAR_SIGHAND and its argument checks), the
 * names /proc/self/maps gives file mappings, the heap and the stack, umask, and chown's
 * rules for root, prctl's thread names. Built static with glibc; prints results and errno names. The case "warn"
 * repeats unsupported calls for the Astra-only test of the console's warnings. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

static void result(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%s: %ld\n", what, r);
}

/* ---- clone3 ---- */

/* clone3 whose child, on the stack the arguments give (or the parent's copy), calls fn(arg)
 * and ends with _exit's system call of its result: the child never returns into C code that
 * expects the parent's stack. */
static long clone3_run(struct clone_args *args, size_t size, int (*fn)(void *), void *arg)
{
    long r;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "mov %[arg], %%rdi\n\t"
                     "call *%[fn]\n\t"
                     "mov %%eax, %%edi\n\t"
                     "mov %[exit], %%eax\n\t"
                     "syscall\n\t"
                     "hlt\n"
                     "1:"
                     : "=a"(r)
                     : "0"((long)SYS_clone3), "D"(args), "S"(size), [fn] "r"(fn), [arg] "r"(arg),
                       [exit] "i"(SYS_exit)
                     : "rcx", "r11", "memory");
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

static int exit_with(void *arg) { return (int)(intptr_t)arg; }

/* For calls that should fail: a child made by mistake exits at once, with status 0. */
static long clone3_raw(struct clone_args *args, size_t size)
{
    return clone3_run(args, size, exit_with, (void *)0);
}

static volatile int thread_saw_tid, thread_saw_pid, shared_word;

/* Raw system calls only: the thread shares the parent's TLS (no CLONE_SETTLS). */
static int thread_body(void *arg)
{
    thread_saw_tid = (int)syscall(SYS_gettid);
    thread_saw_pid = (int)syscall(SYS_getpid);
    shared_word = (int)(intptr_t)arg;
    return 0;
}

static int vfork_body(void *arg)
{
    shared_word = (int)(intptr_t)arg;
    return 5;
}

static int report_handlers(void *arg)
{
    (void)arg;
    struct sigaction a, b;
    sigaction(SIGUSR1, NULL, &a);
    sigaction(SIGUSR2, NULL, &b);
    return (a.sa_handler == SIG_DFL) | (b.sa_handler == SIG_IGN) << 1 | (a.sa_flags == 0) << 2;
}

static void on_usr1(int sig) { (void)sig; }

static char thread_stack[64 * 1024] __attribute__((aligned(16)));

static void case_clone3(void)
{
    /* A thread, as glibc's pthread_create asks for one (without its TLS). */
    static volatile int ptid, ctid = -1;
    struct clone_args a = { 0 };
    a.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
              CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
    a.parent_tid = (uintptr_t)&ptid;
    a.child_tid = (uintptr_t)&ctid;
    a.stack = (uintptr_t)thread_stack;
    a.stack_size = sizeof thread_stack;
    long tid = clone3_run(&a, sizeof a, thread_body, (void *)(intptr_t)42);
    printf("thread made: %d, parent_tid set: %d\n", tid > 0, tid > 0 && ptid == tid);
    while (ctid != 0)
        syscall(SYS_futex, &ctid, FUTEX_WAIT, ctid, NULL, NULL, 0);
    printf("thread ran: word %d, its tid %d, same process %d\n", shared_word, thread_saw_tid == tid,
           thread_saw_pid == getpid());

    /* A process, as fork: exit signal SIGCHLD, no stack (the child runs on its copy). */
    struct clone_args p = { .exit_signal = SIGCHLD };
    long pid = clone3_run(&p, sizeof p, exit_with, (void *)7);
    int status = 0, waited = waitpid((pid_t)pid, &status, 0) == pid;
    printf("process: waited %d, status %d\n", waited, WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    /* vfork on a stack of its own: the parent goes on once the child has ended. */
    shared_word = 0;
    struct clone_args v = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD,
                            .stack = (uintptr_t)thread_stack, .stack_size = sizeof thread_stack };
    pid = clone3_run(&v, sizeof v, vfork_body, (void *)9);
    printf("vfork: word %d when the parent goes on\n", shared_word);
    waited = waitpid((pid_t)pid, &status, 0) == pid;
    printf("vfork: waited %d, status %d\n", waited, WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    /* CLONE_CLEAR_SIGHAND: handlers back to default in the child, ignored ones stay. */
    struct sigaction h = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
    sigaction(SIGUSR1, &h, NULL);
    signal(SIGUSR2, SIG_IGN);
    struct clone_args c = { .flags = CLONE_CLEAR_SIGHAND, .exit_signal = SIGCHLD };
    pid = clone3_run(&c, sizeof c, report_handlers, NULL);
    waitpid((pid_t)pid, &status, 0);
    printf("clear_sighand: child saw default %d, ignored kept %d, flags cleared %d\n", WEXITSTATUS(status) & 1,
           WEXITSTATUS(status) >> 1 & 1, WEXITSTATUS(status) >> 2 & 1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("clear_sighand: parent's handler kept %d\n", now.sa_handler == on_usr1);

    /* A larger argument block than Linux knows, zero past the end, is accepted. */
    struct {
        struct clone_args a;
        uint64_t more[4];
    } big = { .a = { .exit_signal = SIGCHLD } };
    pid = clone3_run(&big.a, sizeof big, exit_with, (void *)3);
    waitpid((pid_t)pid, &status, 0);
    printf("larger block, zero tail: status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void case_clone3_errors(void)
{
    struct clone_args a = { 0 };
    result("size 0", clone3_raw(&a, 0));
    result("size 63", clone3_raw(&a, 63));
    result("size beyond a page", clone3_raw(&a, 4097));
    result("bad pointer", clone3_raw((struct clone_args *)8, sizeof a));
    static struct {
        struct clone_args a;
        uint64_t more[2];
    } big;
    big.a.flags = 1ULL << 40;
    big.more[1] = 1;
    result("nonzero tail", clone3_raw(&big.a, sizeof big));
    big.more[1] = 0;
    result("zero tail, unknown flag", clone3_raw(&big.a, sizeof big));
    struct clone_args e;
#define TRY(what, ...)                                                                         \
    do {                                                                                       \
        e = (struct clone_args){ __VA_ARGS__ };                                                \
        result(what, clone3_raw(&e, sizeof e));                                                \
    } while (0)
    TRY("unknown flag", .flags = 1ULL << 40);
    TRY("CLONE_DETACHED", .flags = CLONE_DETACHED, .exit_signal = SIGCHLD);
    TRY("signal in the flags", .flags = SIGCHLD);
    TRY("exit signal 65", .exit_signal = 65);
    TRY("exit signal 0x111", .exit_signal = 0x111);
    TRY("thread with an exit signal",
        .flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, .exit_signal = SIGCHLD,
        .stack = (uintptr_t)thread_stack, .stack_size = sizeof thread_stack);
    TRY("CLONE_PARENT with an exit signal", .flags = CLONE_PARENT, .exit_signal = SIGCHLD);
    TRY("stack size without a stack", .exit_signal = SIGCHLD, .stack_size = 4096);
    TRY("stack without a size", .exit_signal = SIGCHLD, .stack = (uintptr_t)thread_stack);
    TRY("stack past user memory", .exit_signal = SIGCHLD, .stack = 0x7ffffffff000, .stack_size = 8192);
    TRY("kernel stack", .exit_signal = SIGCHLD, .stack = 0xffff800000000000, .stack_size = 4096);
    TRY("CLONE_SIGHAND and CLONE_CLEAR_SIGHAND", .flags = CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND);
    TRY("CLONE_SIGHAND without CLONE_VM", .flags = CLONE_SIGHAND, .exit_signal = SIGCHLD);
    TRY("CLONE_THREAD without CLONE_SIGHAND", .flags = CLONE_VM | CLONE_THREAD, .stack = (uintptr_t)thread_stack,
        .stack_size = sizeof thread_stack);
    int tid = getpid();
    TRY("set_tid size without set_tid", .exit_signal = SIGCHLD, .set_tid_size = 1);
    TRY("set_tid without a size", .exit_signal = SIGCHLD, .set_tid = (uintptr_t)&tid);
    TRY("set_tid size 33", .exit_signal = SIGCHLD, .set_tid = (uintptr_t)&tid, .set_tid_size = 33);
    TRY("set_tid bad pointer", .exit_signal = SIGCHLD, .set_tid = 8, .set_tid_size = 1);
    TRY("set_tid two levels", .exit_signal = SIGCHLD, .set_tid = (uintptr_t)&tid, .set_tid_size = 2);
    TRY("set_tid taken", .exit_signal = SIGCHLD, .set_tid = (uintptr_t)&tid, .set_tid_size = 1);
    int zero = 0, negative = -5;
    TRY("set_tid 0", .exit_signal = SIGCHLD, .set_tid = (uintptr_t)&zero, .set_tid_size = 1);
    TRY("set_tid negative", .exit_signal = SIGCHLD, .set_tid = (uintptr_t)&negative, .set_tid_size = 1);
    TRY("CLONE_INTO_CGROUP, cgroup past INT_MAX", .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD,
        .cgroup = 1ULL << 31);
    e = (struct clone_args){ .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD };
    result("CLONE_INTO_CGROUP in a 64-byte block", clone3_raw(&e, 64));
    int fd = open("/", O_RDONLY | O_DIRECTORY);
    TRY("CLONE_INTO_CGROUP, not a cgroup", .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD, .cgroup = (uint64_t)fd);
    close(fd);
    TRY("CLONE_INTO_CGROUP, closed descriptor", .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD,
        .cgroup = 1000);
#undef TRY
    int status;
    printf("no child left: %d\n", waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD);
}

/* ---- /proc/self/maps ---- */

static char dir[64];

/* The maps lines naming a path under dir, and [heap] and [stack]: addresses masked, the
 * device and inode compared with stat's of `st`, the directory shown as $DIR. */
static void show_maps(const char *what, const struct stat *st)
{
    printf("-- %s\n", what);
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4352];
    int heap = 0, stack = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char perms[8], offset[16], devs[16];
        unsigned long ino;
        int name_at = 0;
        if (sscanf(line, "%*[0-9a-f]-%*[0-9a-f] %7s %15s %15s %lu %n", perms, offset, devs, &ino, &name_at) != 4)
            continue;
        const char *name = line + name_at;
        heap += !strcmp(name, "[heap]");
        stack += !strcmp(name, "[stack]");
        if (strncmp(name, dir, strlen(dir)))
            continue;
        unsigned ma, mi;
        sscanf(devs, "%x:%x", &ma, &mi);
        printf("%s %s dev as stat: %d, inode as stat: %d, name at column %d: $DIR%s\n", perms, offset,
               st && ma == major(st->st_dev) && mi == minor(st->st_dev), st && ino == st->st_ino, name_at,
               name + strlen(dir));
    }
    fclose(f);
    printf("[heap] lines: %d, [stack] lines: %d\n", heap, stack);
}

static void case_maps(void)
{
    strcpy(dir, "/tmp/maps-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return;
    }
    char path[128], moved[128];
    snprintf(path, sizeof path, "%s/data", dir);
    snprintf(moved, sizeof moved, "%s/renamed", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char page[4096];
    memset(page, 'x', sizeof page);
    for (int i = 0; i < 3; i++)
        write(fd, page, sizeof page);
    struct stat st;
    fstat(fd, &st);
    sbrk(4096); /* a heap, as malloc makes one */
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    char *rw = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *rx = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 8192);
    printf("mapped: %d\n", ro != MAP_FAILED && rw != MAP_FAILED && rx != MAP_FAILED);
    show_maps("three mappings", &st);
    /* Opened through a symbolic link: the file's own path. */
    char alias[128];
    snprintf(alias, sizeof alias, "%s/alias", dir);
    symlink("data", alias);
    int via = open(alias, O_RDONLY);
    char *linked = mmap(NULL, 4096, PROT_READ, MAP_SHARED, via, 0);
    close(via);
    show_maps("one more through a symbolic link, its descriptor closed", &st);
    munmap(linked, 4096);
    unlink(alias);
    rename(path, moved);
    show_maps("renamed", &st);
    close(fd);
    unlink(moved);
    show_maps("unlinked, still mapped", &st);
    munmap(ro, 4096);
    munmap(rw, 8192);
    munmap(rx, 4096);
    show_maps("unmapped", &st);
    rmdir(dir);
}

/* ---- umask ---- */

static void show_mode(const char *what, const char *path)
{
    struct stat st;
    if (stat(path, &st))
        printf("%s: stat %s\n", what, strerrorname_np(errno));
    else
        printf("%s: mode %o\n", what, (unsigned)st.st_mode);
}

static void case_umask(int argc, char **argv)
{
    if (argc > 2) { /* the exec'd copy: what umask came across exec */
        printf("after exec: umask %o\n", (unsigned)umask(0));
        return;
    }
    printf("first umask: %o\n", (unsigned)umask(027));
    printf("umask 027 set, reads back: %o\n", (unsigned)umask(027));
    printf("only permission bits kept: %o\n", (unsigned)(umask(07777), umask(027)));
    char d[] = "/tmp/umask-XXXXXX", path[64];
    if (!mkdtemp(d)) {
        perror("mkdtemp");
        return;
    }
    snprintf(path, sizeof path, "%s/file", d);
    close(open(path, O_CREAT | O_WRONLY, 04777));
    show_mode("open O_CREAT 04777", path);
    unlink(path);
    snprintf(path, sizeof path, "%s/sub", d);
    mkdir(path, 07777);
    show_mode("mkdir 07777", path);
    rmdir(path);
    umask(0);
    snprintf(path, sizeof path, "%s/open0", d);
    close(open(path, O_CREAT | O_WRONLY, 0666));
    show_mode("umask 0, open 0666", path);
    unlink(path);
    rmdir(d);
    umask(077);
    pid_t pid = fork();
    if (pid == 0) {
        printf("fork child: umask %o\n", (unsigned)umask(0));
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    fflush(stdout);
    char *args[] = { argv[0], "umask", "exec", NULL };
    execv("/proc/self/exe", args);
    printf("execv: %s\n", strerrorname_np(errno));
}

/* ---- chown ---- */

static void show_owner(const char *what, const char *path, int follow)
{
    struct stat st;
    if ((follow ? stat : lstat)(path, &st))
        printf("%s: %s\n", what, strerrorname_np(errno));
    else
        printf("%s: uid %u gid %u mode %o\n", what, (unsigned)st.st_uid, (unsigned)st.st_gid, (unsigned)st.st_mode);
}

static void case_chown(void)
{
    umask(022);
    char d[] = "/tmp/chown-XXXXXX", f[64], l[64], sub[64], in[64];
    if (!mkdtemp(d)) {
        perror("mkdtemp");
        return;
    }
    snprintf(f, sizeof f, "%s/file", d);
    snprintf(l, sizeof l, "%s/link", d);
    close(open(f, O_CREAT | O_WRONLY, 0644));
    show_owner("new file", f, 1);
    result("chown 1000 1001", chown(f, 1000, 1001));
    show_owner("after", f, 1);
    result("chown -1 -1", chown(f, -1, -1));
    show_owner("unchanged", f, 1);
    result("chown -1 7", chown(f, -1, 7));
    show_owner("group only", f, 1);
    chmod(f, 06755);
    result("chown of a setuid+setgid file with group exec", chown(f, 0, 0));
    show_owner("both bits gone", f, 1);
    chmod(f, 06745);
    result("chown -1 -1 of a setuid+setgid file without group exec", chown(f, -1, -1));
    show_owner("setgid kept", f, 1);
    chmod(d, 06755);
    result("chown of a setuid+setgid directory", chown(d, 5, 6));
    show_owner("directory keeps both", d, 1);
    symlink("file", l);
    result("lchown", lchown(l, 11, 12));
    show_owner("the link", l, 0);
    show_owner("its target", f, 1);
    result("chown through the link", chown(l, 13, 14));
    show_owner("the link", l, 0);
    show_owner("its target", f, 1);
    int fd = open(f, O_RDONLY);
    result("fchown", fchown(fd, 21, 22));
    show_owner("after fchown", f, 1);
    result("fchownat AT_EMPTY_PATH", fchownat(fd, "", 23, 24, AT_EMPTY_PATH));
    show_owner("after", f, 1);
    result("fchownat empty path without AT_EMPTY_PATH", fchownat(fd, "", 1, 1, 0));
    result("fchownat bad flags", fchownat(AT_FDCWD, f, 1, 1, 0x8000));
    result("fchownat AT_SYMLINK_NOFOLLOW", fchownat(AT_FDCWD, l, 31, 32, AT_SYMLINK_NOFOLLOW));
    show_owner("the link", l, 0);
    close(fd);
    result("fchown bad descriptor", fchown(999, 1, 1));
    result("chown missing file", chown("/tmp/no-such-file-for-chown", 1, 1));
    result("chown bad pointer", syscall(SYS_chown, (char *)8, 1, 1));
    result("chown empty path", chown("", 1, 1));
    /* A set-group-ID directory gives its group to what is made in it, and its bit to directories. */
    chown(d, 0, 40);
    chmod(d, 02775);
    snprintf(sub, sizeof sub, "%s/sub", d);
    snprintf(in, sizeof in, "%s/new", d);
    mkdir(sub, 0755);
    close(open(in, O_CREAT | O_WRONLY, 0644));
    show_owner("directory made in it", sub, 1);
    show_owner("file made in it", in, 1);
    unlink(in);
    rmdir(sub);
    unlink(l);
    unlink(f);
    rmdir(d);
}

/* ---- prctl: PR_SET_NAME / PR_GET_NAME ---- */

static void show_name(const char *what)
{
    char name[32];
    memset(name, 'x', sizeof name);
    errno = 0;
    long r = prctl(PR_GET_NAME, name);
    if (r)
        result(what, r);
    else
        printf("%s: \"%.31s\"\n", what, name);
}

static void *named_thread(void *arg)
{
    (void)arg;
    show_name("a new thread's name");
    result("prctl PR_SET_NAME in the thread", prctl(PR_SET_NAME, "worker"));
    show_name("the thread's name after it set it");
    return NULL;
}

static void case_prctl(int argc)
{
    if (argc > 2) { /* the program execed below */
        show_name("after execve");
        return;
    }
    show_name("at start");
    result("prctl PR_SET_NAME short", prctl(PR_SET_NAME, "short"));
    show_name("after setting it");
    result("prctl PR_SET_NAME long", prctl(PR_SET_NAME, "a-name-longer-than-fifteen-bytes"));
    show_name("after a long name");
    errno = 0;
    result("prctl PR_SET_NAME bad pointer", prctl(PR_SET_NAME, (char *)8));
    errno = 0;
    result("prctl PR_GET_NAME bad pointer", prctl(PR_GET_NAME, (char *)8));
    pthread_t t;
    pthread_create(&t, NULL, named_thread, NULL);
    pthread_join(t, NULL);
    show_name("the main thread's name after the thread set its own");
    pid_t p = fork();
    if (p == 0) {
        show_name("a forked child's name");
        _exit(0);
    }
    waitpid(p, NULL, 0);
    p = fork();
    if (p == 0) {
        execl("/proc/self/exe", "other-argv0", "prctl", "execed", (char *)NULL);
        _exit(127);
    }
    waitpid(p, NULL, 0);
}

/* ---- warnings (Astra only: these calls do something on Linux) ---- */

static void case_warn(void)
{
    int word = 0, p[2];
    pipe(p);
    close(open("/tmp/whiteout-probe", O_CREAT | O_WRONLY, 0644));
    long r[5] = { 0 };
    int err[5] = { 0 };
    for (int i = 0; i < 100; i++) {
        errno = 0;
        r[0] = syscall(SYS_futex, &word, FUTEX_WAKE_OP, 1, NULL, &word, 0);
        err[0] = errno;
        struct clone_args a = { .flags = CLONE_PIDFD, .pidfd = (uintptr_t)&word, .exit_signal = SIGCHLD };
        errno = 0;
        r[1] = clone3_raw(&a, sizeof a);
        err[1] = errno;
        errno = 0;
        r[2] = syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, 0, 0, 0);
        err[2] = errno;
        errno = 0;
        r[3] = fcntl(p[1], F_SETPIPE_SZ, 65536);
        err[3] = errno;
        errno = 0;
        r[4] = renameat2(AT_FDCWD, "/tmp/whiteout-probe", AT_FDCWD, "/tmp/whiteout-probe2", RENAME_WHITEOUT);
        err[4] = errno;
    }
    unlink("/tmp/whiteout-probe");
    const char *what[5] = { "futex FUTEX_WAKE_OP", "clone3 CLONE_PIDFD", "clone CLONE_NEWUTS", "fcntl F_SETPIPE_SZ",
                            "renameat2 RENAME_WHITEOUT" };
    for (int i = 0; i < 5; i++) {
        errno = err[i];
        result(what[i], r[i]);
    }
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *which = argc > 1 ? argv[1] : "";
    if (!strcmp(which, "clone3"))
        case_clone3();
    else if (!strcmp(which, "clone3_errors"))
        case_clone3_errors();
    else if (!strcmp(which, "maps"))
        case_maps();
    else if (!strcmp(which, "umask"))
        case_umask(argc, argv);
    else if (!strcmp(which, "chown"))
        case_chown();
    else if (!strcmp(which, "prctl"))
        case_prctl(argc);
    else if (!strcmp(which, "warn"))
        case_warn();
    else {
        fprintf(stderr, "usage: %s clone3|clone3_errors|maps|umask|chown|prctl|warn\n", argv[0]);
        return 2;
    }
    return 0;
}
