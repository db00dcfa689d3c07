/* Out of memory, case by case (argv[1] names it), as the first process of a small machine:
 * the kernel's OOM killer must end the process with the largest resident memory, spare
 * pid 1, and let the process that found no memory go on. Prints only what Linux makes
 * deterministic: how each child ended, and that the survivors go on. Built static against
 * glibc and run as pid 1 on the Astra kernel and on a Linux kernel in the same QEMU
 * (tests/kernel/oom_test.c): never on the host, where it would fill the host's memory.
 *   hog      a child touches memory until it is killed; then pid 1 touches memory itself
 *   threads  the hog touches memory in four threads while its main thread waits to join them
 *   tree     the hog forks three workers that touch memory until each is killed
 *   idle     a big child holds 60% of the free memory asleep in read(2); a small one touches
 *            another 60%: the big one is ended, the small one finishes
 * With --poweroff (for Linux, where pid 1 must not return) the machine is powered off at the
 * end. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define CHUNK (1 << 20)

/* Touches n bytes of fresh anonymous memory (all of it, page by page), keeping it or giving it
 * back; 0 or -1 (mmap failed). */
static int touch(size_t n, int keep)
{
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    for (size_t off = 0; off < n; off += PAGE)
        ((volatile char *)p)[off] = 1;
    if (!keep)
        munmap(p, n);
    return 0;
}

/* Touches memory, a MiB at a time, until the kernel ends the process. */
static _Noreturn void touch_forever(void)
{
    for (;;)
        if (touch(CHUNK, 1))
            _exit(3); /* mmap failed: not what Linux does under overcommit */
}

static void *touch_thread(void *arg)
{
    (void)arg;
    touch_forever();
}

/* MemFree of /proc/meminfo, in bytes (0 when unknown). */
static size_t mem_free(void)
{
    char text[4096] = "";
    int fd = open("/proc/meminfo", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    if (fd >= 0)
        close(fd);
    char *at = n > 0 ? strstr(text, "MemFree:") : NULL;
    return at ? (size_t)strtol(at + 8, NULL, 10) * 1024 : 0;
}

/* How a child ended, as one phrase. */
static const char *ending(int status)
{
    static char text[64];
    if (WIFSIGNALED(status))
        snprintf(text, sizeof text, "killed by %s", WTERMSIG(status) == SIGKILL ? "SIGKILL" : "another signal");
    else
        snprintf(text, sizeof text, "exited with %d", WEXITSTATUS(status));
    return text;
}

static int wait_for(pid_t pid)
{
    int status = -1;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* Forks a child running f; exits the probe if fork fails. */
static pid_t spawn(void (*f)(void))
{
    pid_t pid = fork();
    if (pid < 0) {
        printf("fork: %s\n", strerror(errno));
        exit(1);
    }
    if (pid == 0) {
        f();
        _exit(0);
    }
    return pid;
}

static void threads_hog(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        if (pthread_create(&t[i], NULL, touch_thread, NULL))
            _exit(4);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    _exit(5);
}

static void tree_hog(void)
{
    pid_t workers[3];
    for (int i = 0; i < 3; i++)
        if ((workers[i] = fork()) == 0)
            touch_forever();
    int killed = 0;
    for (int i = 0; i < 3; i++) {
        int status = workers[i] < 0 ? 0 : wait_for(workers[i]);
        killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }
    printf("tree: %d of 3 workers killed by SIGKILL\n", killed);
    fflush(stdout);
    _exit(0);
}

/* Pid 1 goes on after the OOM killer ended its child: it touches memory of its own (and gives
 * it back for the next case). */
static void survive(size_t free_at_start)
{
    size_t n = (free_at_start / 4) & ~(size_t)(PAGE - 1);
    printf("pid 1 touched a quarter of the free memory: %s\n", touch(n, 0) ? "mmap failed" : "done");
}

static int sizes_known(size_t free_at_start)
{
    if (free_at_start >= 16 * CHUNK)
        return 1;
    printf("MemFree is unknown or below 16 MiB\n");
    return 0;
}

static void case_hog(size_t free_at_start)
{
    if (!sizes_known(free_at_start))
        return;
    printf("hog: %s\n", ending(wait_for(spawn(touch_forever))));
    survive(free_at_start);
}

static void case_threads(size_t free_at_start)
{
    if (!sizes_known(free_at_start))
        return;
    printf("hog of four threads: %s\n", ending(wait_for(spawn(threads_hog))));
    survive(free_at_start);
}

static void case_tree(size_t free_at_start)
{
    if (!sizes_known(free_at_start))
        return;
    fflush(stdout);
    printf("the tree's root: %s\n", ending(wait_for(spawn(tree_hog))));
    survive(free_at_start);
}

static size_t share; /* what each child of the idle case touches */
static int ready[2], hold[2];

static void big_idle(void)
{
    close(ready[0]);
    close(hold[1]);
    if (touch(share, 1))
        _exit(3);
    write(ready[1], "r", 1);
    char c;
    read(hold[0], &c, 1); /* asleep in the kernel until killed (or released) */
    _exit(0);
}

static void small_busy(void)
{
    _exit(touch(share, 1) ? 3 : 0);
}

static void case_idle(size_t free_at_start)
{
    if (!sizes_known(free_at_start))
        return;
    share = (free_at_start / 10 * 6) & ~(size_t)(PAGE - 1);
    if (pipe(ready) || pipe(hold))
        return;
    pid_t big = spawn(big_idle);
    close(ready[1]);
    close(hold[0]);
    char c;
    printf("big child holds 60%% of the free memory: %s\n", read(ready[0], &c, 1) == 1 ? "yes" : "no");
    pid_t small = spawn(small_busy);
    printf("small child touching another 60%%: %s\n", ending(wait_for(small)));
    close(hold[1]);
    printf("big child: %s\n", ending(wait_for(big)));
    survive(free_at_start);
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*run)(size_t); } cases[] = {
        { "hog", case_hog }, { "threads", case_threads }, { "tree", case_tree }, { "idle", case_idle },
    };
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getpid() != 1) {
        printf("oom_probe runs only as pid 1 (of a small QEMU machine)\n");
        return 2;
    }
    int found = 0;
    size_t free_at_start = mem_free();
    if (!free_at_start && !mount("proc", "/proc", "proc", 0, NULL)) /* Linux's pid 1 mounts it */
        free_at_start = mem_free();
    for (int a = 1; a < argc; a++)
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            if (!strcmp(argv[a], cases[i].name)) {
                found = 1;
                printf("== %s (pid %d)\n", cases[i].name, (int)getpid());
                cases[i].run(free_at_start);
            }
    if (!found)
        fprintf(stderr, "usage: oom_probe CASE... [--poweroff] (as pid 1 of a small machine)\n");
    for (int a = 1; a < argc; a++)
        if (!strcmp(argv[a], "--poweroff")) {
            sync();
            reboot(RB_POWER_OFF);
        }
    return found ? 0 : 2;
}
