/* The vDSO through a static glibc program (tests/vdso_test.py, on Linux and on the Astra
 * kernel): glibc finds it from AT_SYSINFO_EHDR by its LINUX_2.6 symbols and reads the clocks
 * through it. `probe N` reads CLOCK_MONOTONIC N times in each of two threads, which check
 * that no reading is older than one another thread finished before (the clock is monotonic
 * across CPUs), then the other clocks, the auxiliary vector's hardware capabilities (AT_HWCAP
 * is CPUID leaf 1's EDX; AT_HWCAP2's FSGSBASE bit is set when RDFSBASE runs), fork and
 * munmap of the vDSO, and clock_settime's errors; `probe N set` (the Astra kernel only: it sets
 * the clock) also sets CLOCK_REALTIME and checks the vDSO follows it. The vDSO's CLOCK_REALTIME
 * must lie between two system call readings around it. */
#include <cpuid.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long reads;
static _Atomic int64_t latest; /* the newest reading any thread finished */
static atomic_int went_back;

static int64_t ns_of(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

static void *reader(void *arg)
{
    (void)arg;
    struct timespec t;
    for (long i = 0; i < reads; i++) {
        int64_t before = atomic_load(&latest);
        clock_gettime(CLOCK_MONOTONIC, &t);
        int64_t now = ns_of(&t);
        if (now < before)
            atomic_store(&went_back, 1);
        int64_t seen = before;
        while (seen < now && !atomic_compare_exchange_weak(&latest, &seen, now))
            ;
    }
    return 0;
}

static int64_t sys_clock(clockid_t clock)
{
    struct timespec t;
    syscall(SYS_clock_gettime, clock, &t);
    return ns_of(&t);
}

/* Whether the vDSO's reading of clock lies between two system call readings. */
static int between_syscalls(clockid_t clock)
{
    struct timespec t;
    int64_t a = sys_clock(clock);
    clock_gettime(clock, &t);
    int64_t b = sys_clock(clock);
    return a <= ns_of(&t) && ns_of(&t) <= b;
}

/* An entry of the auxiliary vector as the kernel wrote it, after the environment's NULL
 * (glibc's getauxval(AT_HWCAP) gives its own value on x86_64). */
static unsigned long auxv_entry(char **envp, unsigned long type)
{
    while (*envp)
        envp++;
    for (unsigned long *a = (unsigned long *)(envp + 1); a[0]; a += 2)
        if (a[0] == type)
            return a[1];
    return 0;
}

static sigjmp_buf on_sigill;
static void sigill(int sig)
{
    (void)sig;
    siglongjmp(on_sigill, 1);
}

/* Whether RDFSBASE runs in user mode (CR4.FSGSBASE), tried under a SIGILL handler. */
static int fsgsbase_runs(void)
{
    signal(SIGILL, sigill);
    if (sigsetjmp(on_sigill, 1))
        return 0;
    uint64_t base;
    __asm__ volatile("rdfsbase %0" : "=r"(base));
    return 1;
}

/* The vDSO image's extent (its PT_LOAD). Linux refuses to split its data pages, so they stay. */
static void vdso_range(uintptr_t *start, size_t *len)
{
    uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR);
    size_t image = 4096;
    const unsigned char *e = (const void *)ehdr;
    uint64_t phoff;
    uint16_t phnum;
    memcpy(&phoff, e + 32, 8);
    memcpy(&phnum, e + 56, 2);
    for (unsigned i = 0; i < phnum; i++) {
        uint32_t type;
        uint64_t memsz;
        memcpy(&type, e + phoff + i * 56, 4);
        memcpy(&memsz, e + phoff + i * 56 + 40, 8);
        if (type == 1)
            image = (memsz + 4095) & ~4095UL;
    }
    *start = ehdr;
    *len = image;
}

int main(int argc, char **argv, char **envp)
{
    if (argc < 2)
        return 2;
    reads = atol(argv[1]);
    int set = argc > 2 && !strcmp(argv[2], "set");

    printf("AT_SYSINFO_EHDR given: %s\n", getauxval(AT_SYSINFO_EHDR) ? "yes" : "no");
    unsigned a, b, c, d = 0;
    __get_cpuid(1, &a, &b, &c, &d);
    printf("AT_HWCAP is CPUID.1:EDX: %s\n", auxv_entry(envp, AT_HWCAP) == d ? "yes" : "no");
    printf("AT_HWCAP2's FSGSBASE bit says whether RDFSBASE runs: %s\n",
           !!(auxv_entry(envp, AT_HWCAP2) & 2) == fsgsbase_runs() ? "yes" : "no");

    pthread_t t1, t2;
    pthread_create(&t1, 0, reader, 0);
    pthread_create(&t2, 0, reader, 0);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    printf("monotonic across threads: %s\n", went_back ? "no" : "yes");

    printf("realtime between system calls: %s\n", between_syscalls(CLOCK_REALTIME) ? "yes" : "no");
    printf("monotonic between system calls: %s\n", between_syscalls(CLOCK_MONOTONIC) ? "yes" : "no");
    printf("boottime between system calls: %s\n", between_syscalls(CLOCK_BOOTTIME) ? "yes" : "no");
    struct timeval tv;
    int64_t before = sys_clock(CLOCK_REALTIME) / 1000;
    gettimeofday(&tv, 0);
    int64_t tv_us = tv.tv_sec * 1000000LL + tv.tv_usec, after = sys_clock(CLOCK_REALTIME) / 1000;
    printf("gettimeofday between system calls: %s\n", before <= tv_us && tv_us <= after ? "yes" : "no");
    time_t s0 = (time_t)(sys_clock(CLOCK_REALTIME) / 1000000000), s = time(0);
    printf("time between system calls: %s\n", s0 <= s && s <= s0 + 1 ? "yes" : "no");
    struct timespec ts;
    printf("process CPU time: %d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts));
    int r = clock_gettime(77, &ts);
    printf("bad clock: %d errno %d\n", r, errno);

    /* A child keeps the vDSO through fork; one that unmaps it leaves the others' intact. */
    pid_t pid = fork();
    if (pid == 0) {
        uintptr_t start;
        size_t len;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        vdso_range(&start, &len);
        if (munmap((void *)start, len))
            _exit(3);
        _exit(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0 ? 0 : 4);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("a child read the clock and unmapped its vDSO: %s\n",
           WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
    printf("the parent's vDSO still reads: %s\n", between_syscalls(CLOCK_MONOTONIC) ? "yes" : "no");

    ts.tv_sec = 1;
    ts.tv_nsec = 0;
    r = clock_settime(CLOCK_MONOTONIC, &ts);
    printf("clock_settime(MONOTONIC): %d errno %d\n", r, errno);
    long sr = syscall(SYS_clock_settime, CLOCK_REALTIME, (void *)8); /* glibc reads tv_nsec first */
    printf("clock_settime(bad pointer): %ld errno %d\n", sr, errno);
    ts.tv_nsec = 1000000000;
    r = clock_settime(CLOCK_REALTIME, &ts);
    printf("clock_settime(tv_nsec 1e9): %d errno %d\n", r, errno);
    ts.tv_sec = -1;
    ts.tv_nsec = 0;
    r = clock_settime(CLOCK_REALTIME, &ts);
    printf("clock_settime(-1 s): %d errno %d\n", r, errno);

    if (set) {
        /* A day ahead of now: the vDSO's realtime must follow at once. */
        int64_t target = sys_clock(CLOCK_REALTIME) + 86400LL * 1000000000;
        ts.tv_sec = target / 1000000000;
        ts.tv_nsec = target % 1000000000;
        printf("clock_settime(a day ahead): %d\n", clock_settime(CLOCK_REALTIME, &ts));
        clock_gettime(CLOCK_REALTIME, &ts);
        printf("the vDSO's realtime follows: %s\n", ns_of(&ts) >= target && ns_of(&ts) < target + 60000000000LL ? "yes" : "no");
        printf("realtime between system calls after setting: %s\n",
               between_syscalls(CLOCK_REALTIME) ? "yes" : "no");
    }
    return 0;
}
