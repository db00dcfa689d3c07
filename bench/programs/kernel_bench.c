/* One static binary that measures kernel costs the same way on any Linux-ABI kernel: the
 * Linux host, Astra in QEMU, and a Linux kernel in QEMU (as its /init). Prints "ready" first
 * (the runner timestamps it for boot-to-main), then one "name value unit" line per row.
 * With the argument "poweroff" it powers the machine off at the end (Linux guest as /init). */
#include <stdio.h>
#include <string.h>

#include <astra/astra.h>

#include "../../libastra/internal/syscall.h"

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

int main(int argc, char **argv)
{
    printf("ready\n");
    fflush(stdout);
    bench_getpid(1000000);
    bench_futex(20000);
    bench_spawn(2000);
    bench_file(20000);
    bench_mmap(200);
    if (argc > 1 && !strcmp(argv[1], "poweroff")) {
        astra_syscall4(ASTRA_NR_reboot, (long)ASTRA_REBOOT_MAGIC1, ASTRA_REBOOT_MAGIC2,
                       (long)ASTRA_REBOOT_POWER_OFF, 0);
    }
    return 0;
}
