/* One static binary that measures kernel costs the same way on any Linux-ABI kernel: the
 * Linux host, Astra in QEMU, and a Linux kernel in QEMU (as its /init). Prints "ready" first
 * (the runner timestamps it for boot-to-main), then one "name value unit" line per row.
 * With the argument "poweroff" it powers the machine off at the end (Linux guest as /init). */
#include <stdio.h>
#include <string.h>

#include <astra/astra.h>

#include "../../libastra/internal/syscall.h"
#include "../../libastra/internal/time.h"

static int64_t now_ns(void)
{
    struct astra_timespec t;
    astra_syscall2(ASTRA_NR_clock_gettime, ASTRA_CLOCK_MONOTONIC, (long)&t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void report(const char *name, int64_t ns, long iterations)
{
    printf("%s %.3f us\n", name, (double)ns / (double)iterations / 1000.0);
    fflush(stdout);
}

/* clock_gettime as a program calls it: libastra's (through the kernel's vDSO when it offers
 * one, else the system call), as glibc's does on Linux. */
static void bench_clock(long n)
{
    struct hermit_timespec t;
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++)
        sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &t);
    printf("clock_gettime %.1f ns\n", (double)(now_ns() - t0) / (double)n);
    fflush(stdout);
}

/* getcpu as sched_getcpu calls it: through the kernel's vDSO when it offers one, else the
 * system call (libastra's unix target; glibc's vDSO path on Linux). */
static void bench_getcpu(long n)
{
    unsigned cpu;
    astra_vdso_getcpu_fn vdso = astra_vdso_getcpu();
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        if (vdso)
            vdso(&cpu, 0, 0);
        else
            astra_syscall3(ASTRA_NR_getcpu, (long)&cpu, 0, 0);
    }
    printf("getcpu %.1f ns\n", (double)(now_ns() - t0) / (double)n);
    fflush(stdout);
}

static void bench_getpid(long n)
{
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++)
        astra_syscall0(ASTRA_NR_getpid);
    report("getpid", now_ns() - t0, n);
}

/* Two threads hand a token back and forth through two futex words. */
static uint32_t ping, pong;
static long rounds;

static void ponger(size_t unused)
{
    (void)unused;
    for (long i = 0; i < rounds; i++) {
        while (__atomic_load_n(&ping, __ATOMIC_ACQUIRE) == 0)
            sys_futex_wait(&ping, 0, NULL, 0);
        __atomic_store_n(&ping, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&pong, 1, __ATOMIC_RELEASE);
        sys_futex_wake(&pong, 1);
    }
}

static void bench_futex(long n)
{
    rounds = n;
    hermit_tid_t t = sys_spawn2(ponger, 0, HERMIT_NORMAL_PRIO, 0, -1);
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        __atomic_store_n(&ping, 1, __ATOMIC_RELEASE);
        sys_futex_wake(&ping, 1);
        while (__atomic_load_n(&pong, __ATOMIC_ACQUIRE) == 0)
            sys_futex_wait(&pong, 0, NULL, 0);
        __atomic_store_n(&pong, 0, __ATOMIC_RELAXED);
    }
    int64_t dt = now_ns() - t0;
    sys_join(t);
    report("futex_pingpong", dt, n);
}

static void nothing(size_t unused) { (void)unused; }

static void bench_spawn(long n)
{
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++)
        sys_join(sys_spawn2(nothing, 0, HERMIT_NORMAL_PRIO, 0, -1));
    report("spawn_join", now_ns() - t0, n);
}

static void bench_file(long n)
{
    static char buf[4096], back[4096];
    memset(buf, 'x', sizeof buf);
    astra_syscall2(ASTRA_NR_mkdir, (long)"/tmp", 01777);
    long fd = astra_syscall3(ASTRA_NR_open, (long)"/tmp/astra-bench", ASTRA_O_CREAT | ASTRA_O_RDWR | ASTRA_O_TRUNC, 0600);
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        astra_syscall4(ASTRA_NR_pwrite64, fd, (long)buf, sizeof buf, 0);
        astra_syscall4(ASTRA_NR_pread64, fd, (long)back, sizeof back, 0);
    }
    report("file_4k_write_read", now_ns() - t0, n);
    astra_syscall1(ASTRA_NR_close, fd);
    astra_syscall1(ASTRA_NR_unlink, (long)"/tmp/astra-bench");
}

static void bench_mmap(long n)
{
    const long len = 1 << 20;
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        long m = astra_syscall6(ASTRA_NR_mmap, 0, len, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
        for (long off = 0; off < len; off += 4096)
            ((volatile char *)m)[off] = 1;
        astra_syscall2(ASTRA_NR_munmap, m, len);
    }
    report("mmap_touch_munmap_1m", now_ns() - t0, n);
}

/* Two threads pass a byte back and forth through two pipes, each waiting in epoll_wait on
 * its own epoll set: one row is one round trip (two wake-ups through epoll). */
static int32_t to_peer[2], to_main[2];
static long epoll_rounds;

static long epoll_for(int32_t fd)
{
    long ep = astra_syscall1(ASTRA_NR_epoll_create1, ASTRA_EPOLL_CLOEXEC);
    struct astra_epoll_event ev = { .events = ASTRA_POLLIN, .data = (uint64_t)fd };
    if (ep < 0 || astra_syscall4(ASTRA_NR_epoll_ctl, ep, ASTRA_EPOLL_CTL_ADD, fd, (long)&ev) < 0)
        return -1;
    return ep;
}

/* Waits for fd through ep, then reads its byte; 0 when both worked. */
static int epoll_take(long ep, int32_t fd)
{
    struct astra_epoll_event ev;
    char c;
    if (astra_syscall4(ASTRA_NR_epoll_wait, ep, (long)&ev, 1, -1) != 1 || ev.data != (uint64_t)fd)
        return -1;
    return astra_syscall3(ASTRA_NR_read, fd, (long)&c, 1) == 1 ? 0 : -1;
}

static void epoll_peer(size_t unused)
{
    (void)unused;
    long ep = epoll_for(to_peer[0]);
    for (long i = 0; i < epoll_rounds; i++) {
        if (ep < 0 || epoll_take(ep, to_peer[0]) < 0)
            break;
        astra_syscall3(ASTRA_NR_write, to_main[1], (long)"p", 1);
    }
    astra_syscall1(ASTRA_NR_close, ep);
}

static void bench_epoll(long n)
{
    epoll_rounds = n;
    sys_pipe2(to_peer, 0);
    sys_pipe2(to_main, 0);
    long ep = epoll_for(to_main[0]);
    hermit_tid_t t = sys_spawn2(epoll_peer, 0, HERMIT_NORMAL_PRIO, 0, -1);
    int64_t t0 = now_ns();
    long i = 0;
    for (; ep >= 0 && i < n; i++) {
        astra_syscall3(ASTRA_NR_write, to_peer[1], (long)"m", 1);
        if (epoll_take(ep, to_main[0]) < 0)
            break;
    }
    int64_t dt = now_ns() - t0;
    if (i < n) { /* let the peer out of its wait */
        astra_syscall1(ASTRA_NR_close, to_peer[1]);
        to_peer[1] = -1;
    }
    sys_join(t);
    int32_t fds[] = { to_peer[0], to_peer[1], to_main[0], to_main[1], (int32_t)ep };
    for (unsigned k = 0; k < sizeof fds / sizeof fds[0]; k++)
        if (fds[k] >= 0)
            astra_syscall1(ASTRA_NR_close, fds[k]);
    if (i < n)
        printf("epoll_roundtrip failed\n");
    else
        report("epoll_roundtrip", dt, n);
}

/* A 1 MiB file mapped shared and read-only, every 64-byte line read, then unmapped: the page
 * faults that map the file's pages, and the unmap. */
static void bench_file_mmap(long n)
{
    const long len = 1 << 20;
    static char page[4096];
    memset(page, 'y', sizeof page);
    long fd = astra_syscall3(ASTRA_NR_open, (long)"/tmp/astra-bench-map", ASTRA_O_CREAT | ASTRA_O_RDWR | ASTRA_O_TRUNC,
                             0600);
    for (long off = 0; off < len; off += sizeof page)
        astra_syscall4(ASTRA_NR_pwrite64, fd, (long)page, sizeof page, off);
    unsigned long sum = 0;
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        long m = astra_syscall6(ASTRA_NR_mmap, 0, len, ASTRA_PROT_READ, ASTRA_MAP_SHARED, fd, 0);
        if (m < 0 && m > -4096) {
            printf("file_mmap_read_1m failed\n");
            astra_syscall1(ASTRA_NR_close, fd);
            return;
        }
        for (long off = 0; off < len; off += 64)
            sum += ((volatile unsigned char *)m)[off];
        astra_syscall2(ASTRA_NR_munmap, m, len);
    }
    int64_t dt = now_ns() - t0;
    astra_syscall1(ASTRA_NR_close, fd);
    astra_syscall1(ASTRA_NR_unlink, (long)"/tmp/astra-bench-map");
    if (sum != (unsigned long)n * (len / 64) * 'y')
        printf("file_mmap_read_1m failed\n");
    else
        report("file_mmap_read_1m", dt, n);
}

/* ---- processes: helpers live next to this program (/ in the guests' initrds) ---- */

static char helper_dir[4096], exit_now[4200];

static void find_helpers(void)
{
    long n = astra_syscall3(ASTRA_NR_readlink, (long)"/proc/self/exe", (long)helper_dir, sizeof helper_dir - 1);
    helper_dir[n > 0 ? n : 0] = 0;
    char *slash = strrchr(helper_dir, '/');
    if (slash)
        *slash = 0;
    snprintf(exit_now, sizeof exit_now, "%s/exit_now", helper_dir);
}

static char *const no_env[] = { NULL };

static void bench_fork_exec(long n)
{
    char *argv[] = { "exit_now", NULL };
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        long pid = astra_syscall0(ASTRA_NR_fork);
        if (pid == 0) {
            astra_syscall3(ASTRA_NR_execve, (long)exit_now, (long)argv, (long)no_env);
            astra_syscall1(ASTRA_NR_exit_group, 127);
        }
        int st = -1;
        if (pid < 0 || astra_syscall4(ASTRA_NR_wait4, pid, (long)&st, 0, 0) != pid || st) {
            printf("fork_exec_wait failed\n");
            return;
        }
    }
    report("fork_exec_wait", now_ns() - t0, n);
}

static void bench_spawn_process(long n)
{
    char *argv[] = { "exit_now", NULL };
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        int32_t st = -1, pid = sys_spawn_process(exit_now, NULL, argv, no_env, NULL, 0);
        if (pid < 0 || sys_waitpid(pid, &st, 0) != pid || st) {
            printf("spawn_process_wait failed\n");
            return;
        }
    }
    report("spawn_process_wait", now_ns() - t0, n);
}

/* glibc's posix_spawn, from a static glibc program that prints its own row. */
static void bench_posix_spawn(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/spawn_bench", helper_dir);
    char *argv[] = { "spawn_bench", helper_dir, NULL };
    int32_t st, pid = sys_spawn_process(path, NULL, argv, no_env, NULL, 0);
    if (pid < 0 || sys_waitpid(pid, &st, 0) != pid || st)
        printf("posix_spawn_wait failed\n");
    fflush(stdout);
}

/* 64 MiB from a child to its parent through a pipe, 64 KiB per write and read. */
static void bench_pipe(void)
{
    static char buf[65536];
    const long total = 64L << 20;
    int32_t fds[2];
    sys_pipe2(fds, 0);
    int64_t t0 = now_ns();
    long pid = astra_syscall0(ASTRA_NR_fork);
    if (pid == 0) {
        astra_syscall1(ASTRA_NR_close, fds[0]);
        for (long sent = 0; sent < total;) {
            long w = astra_syscall3(ASTRA_NR_write, fds[1], (long)buf, sizeof buf);
            if (w <= 0)
                astra_syscall1(ASTRA_NR_exit_group, 1);
            sent += w;
        }
        astra_syscall1(ASTRA_NR_exit_group, 0);
    }
    astra_syscall1(ASTRA_NR_close, fds[1]);
    long got = 0, r;
    while ((r = astra_syscall3(ASTRA_NR_read, fds[0], (long)buf, sizeof buf)) > 0)
        got += r;
    astra_syscall1(ASTRA_NR_close, fds[0]);
    astra_syscall4(ASTRA_NR_wait4, pid, 0, 0, 0);
    int64_t dt = now_ns() - t0;
    if (got != total)
        printf("pipe_64m failed\n");
    else
        printf("pipe_64m %.3f ms\n", (double)dt / 1e6);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    printf("ready\n");
    fflush(stdout);
    bench_getpid(1000000);
    bench_futex(20000);
    bench_spawn(2000);
    bench_file(20000);
    bench_mmap(200);
    bench_clock(1000000);
    bench_getcpu(1000000);
    bench_epoll(20000);
    bench_file_mmap(200);
    find_helpers();
    bench_fork_exec(300);
    bench_spawn_process(300);
    bench_posix_spawn();
    bench_pipe();
    if (argc > 1 && !strcmp(argv[1], "poweroff")) {
        astra_syscall4(ASTRA_NR_reboot, (long)ASTRA_REBOOT_MAGIC1, ASTRA_REBOOT_MAGIC2,
                       (long)ASTRA_REBOOT_POWER_OFF, 0);
    }
    return 0;
}
