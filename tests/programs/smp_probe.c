/* Threads under true parallelism: a static glibc program whose output is the same on Linux
 * and on Astra with any number of CPUs (tests/smp_test.py compares them).
 *   smp_probe cpus            CPUs this thread may run on (sched_getaffinity)
 *   smp_probe mutex T N       T threads each add 1 N times under a mutex: the exact sum
 *   smp_probe futex N         N wait/wake round trips between two threads, no lost wake-up
 *   smp_probe spawn N         N threads created and joined; memory is flat afterwards
 *   smp_probe unmap N         N times: a thread reading a page faults once another thread
 *                             unmaps it (then: makes it PROT_NONE), with Linux's si_code
 *   smp_probe affinity        a thread pinned to each CPU in turn runs there
 *   smp_probe gsbase T N      T threads each set their own GS base (arch_prctl) and read it
 *                             back through %gs N times while they migrate, sleep and fork
 *   smp_probe forkwrite N     N forks while two threads keep writing to the copy-on-write
 *                             pages: no write faults or is lost */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAILED: %s\n", what);
    exit(1);
}

static int cpus_allowed(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set))
        die("sched_getaffinity");
    return CPU_COUNT(&set);
}

/* ---- mutex ---- */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter, per_thread;

static void *add_many(void *arg)
{
    (void)arg;
    for (long i = 0; i < per_thread; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return 0;
}

static void mutex_test(int threads, long n)
{
    pthread_t t[64];
    if (threads > 64)
        die("at most 64 threads");
    per_thread = n;
    for (int i = 0; i < threads; i++)
        if (pthread_create(&t[i], 0, add_many, 0))
            die("pthread_create");
    for (int i = 0; i < threads; i++)
        pthread_join(t[i], 0);
    printf("mutex: %d threads x %ld increments = %ld (expected %ld)\n", threads, n, counter, threads * n);
}

/* ---- futex ping-pong ---- */
static _Atomic int turn; /* 0: ping's turn, 1: pong's */
static long rounds;

static void futex_wait(_Atomic int *word, int value)
{
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, value, 0, 0, 0);
}

static void futex_wake(_Atomic int *word) { syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0); }

static void *pong(void *arg)
{
    (void)arg;
    for (long i = 0; i < rounds; i++) {
        while (atomic_load(&turn) != 1)
            futex_wait(&turn, 0);
        atomic_store(&turn, 0);
        futex_wake(&turn);
    }
    return 0;
}

static void futex_test(long n)
{
    rounds = n;
    pthread_t t;
    if (pthread_create(&t, 0, pong, 0))
        die("pthread_create");
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++) {
        atomic_store(&turn, 1);
        futex_wake(&turn);
        while (atomic_load(&turn) != 0)
            futex_wait(&turn, 1);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    pthread_join(t, 0);
    double us = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1e3 / (double)n;
    fprintf(stderr, "futex round trip: %.2f us\n", us);
    printf("futex: %ld round trips completed\n", n);
}

/* ---- spawn/join ---- */
static void *nothing(void *arg) { return arg; }

static long mem_free_kib(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemFree: %ld kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

static void spawn_batch(long n)
{
    for (long i = 0; i < n; i += 4) {
        pthread_t t[4];
        for (int k = 0; k < 4; k++)
            if (pthread_create(&t[k], 0, nothing, 0))
                die("pthread_create");
        for (int k = 0; k < 4; k++)
            pthread_join(t[k], 0);
    }
}

/* Free memory may move by what caches keep (glibc's stack cache, the kernel's batches of
 * freed kernel stacks); a leak of a page per thread would be 10,000 pages. */
static void spawn_test(long n, int check_system)
{
    spawn_batch(n / 10);
    long before = mem_free_kib();
    spawn_batch(n - n / 10);
    long after = mem_free_kib();
    long lost = before - after;
    int flat = !check_system || lost < 2048;
    if (!flat)
        fprintf(stderr, "spawn: MemFree %ld kB before, %ld kB after\n", before, after);
    printf("spawn: %ld threads created and joined, memory %s\n", n, flat ? "flat" : "GREW");
}

/* ---- unmap race ---- */
static __thread sigjmp_buf fault_jump;
static __thread volatile int fault_code;
static volatile char *page;
static _Atomic int reading;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)ctx;
    fault_code = ((uintptr_t)si->si_addr & ~(uintptr_t)4095) == (uintptr_t)page ? si->si_code : -1;
    siglongjmp(fault_jump, 1);
}

static void *reader(void *arg)
{
    (void)arg;
    if (sigsetjmp(fault_jump, 1))
        return (void *)(long)fault_code;
    unsigned long sum = 0;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        for (int i = 0; i < 1000; i++)
            sum += page[i % 4096];
        atomic_store(&reading, 1);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec > 10)
            return (void *)(long)(sum == 0xdead ? -3 : -2); /* never faulted */
    }
}

static int race_once(int protect)
{
    page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        die("mmap");
    page[0] = 1;
    atomic_store(&reading, 0);
    pthread_t t;
    if (pthread_create(&t, 0, reader, 0))
        die("pthread_create");
    while (!atomic_load(&reading))
        sched_yield();
    if (protect ? mprotect((void *)page, 4096, PROT_NONE) : munmap((void *)page, 4096))
        die("munmap/mprotect");
    void *code;
    pthread_join(t, &code);
    if (protect)
        munmap((void *)page, 4096);
    return (int)(long)code;
}

static void unmap_test(int n)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, 0);
    for (int protect = 0; protect < 2; protect++) {
        int faulted = 0, code = 0;
        for (int i = 0; i < n; i++) {
            code = race_once(protect);
            if (code != (protect ? SEGV_ACCERR : SEGV_MAPERR))
                break;
            faulted++;
        }
        printf("%s: the reader faulted %d of %d times (last si_code %s)\n", protect ? "mprotect" : "munmap",
               faulted, n, code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR"
               : code == -2 ? "none: it never faulted" : "wrong address");
    }
}

/* ---- affinity ---- */
static void *where(void *arg)
{
    (void)arg;
    unsigned cpu = 0;
    syscall(SYS_getcpu, &cpu, 0, 0);
    return (void *)(long)cpu;
}

static void affinity_test(void)
{
    int n = cpus_allowed(), right = 0;
    for (int c = 0; c < n; c++) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(c, &set);
        if (sched_setaffinity(0, sizeof set, &set))
            die("sched_setaffinity");
        int moved = 1;
        for (int i = 0; i < 20; i++) {
            unsigned cpu = 99;
            syscall(SYS_getcpu, &cpu, 0, 0);
            moved &= cpu == (unsigned)c;
            sched_yield();
        }
        pthread_t t;
        void *r;
        pthread_create(&t, 0, where, 0);
        pthread_join(t, &r);
        right += moved && (long)r == c;
    }
    cpu_set_t none;
    CPU_ZERO(&none);
    int e = sched_setaffinity(0, sizeof none, &none) ? errno : 0;
    printf("affinity: pinned to each CPU in turn, ran there %s; an empty mask gives %s\n",
           right == n ? "every time" : "NOT always", e == EINVAL ? "EINVAL\n" : "something else\n");
}

/* ---- gsbase ---- */
static long gs_rounds;
static long gs_slot[64];

static long read_gs0(void)
{
    long v;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(v));
    return v;
}

static void *gs_user(void *arg)
{
    long i = (long)arg, bad = 0;
    gs_slot[i] = 1000 + i;
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, &gs_slot[i]))
        die("arch_prctl(ARCH_SET_GS)");
    unsigned long back = 0;
    if (syscall(SYS_arch_prctl, ARCH_GET_GS, &back) || back != (unsigned long)&gs_slot[i])
        die("arch_prctl(ARCH_GET_GS)");
    for (long r = 0; r < gs_rounds; r++) {
        bad += read_gs0() != 1000 + i;
        if (r % 64 == 0)
            sched_yield();
        if (r % 1024 == 0)
            nanosleep(&(struct timespec){ 0, 100000 }, 0);
    }
    if (i == 0) { /* a child process starts with its parent's GS base */
        pid_t pid = fork();
        if (pid == 0)
            _exit(read_gs0() == 1000 ? 0 : 1);
        int st = -1;
        waitpid(pid, &st, 0);
        bad += !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    }
    return (void *)bad;
}

static void gsbase_test(int threads, long n)
{
    pthread_t t[64];
    gs_rounds = n;
    long bad = 0;
    if (threads > 64)
        die("at most 64 threads");
    for (long i = 0; i < threads; i++)
        pthread_create(&t[i], 0, gs_user, (void *)i);
    for (int i = 0; i < threads; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (long)r;
    }
    unsigned long out = 1;
    long e = syscall(SYS_arch_prctl, ARCH_SET_GS, 0x800000000000UL) ? errno : 0;
    syscall(SYS_arch_prctl, ARCH_GET_GS, &out);
    printf("gsbase: %d threads read their own GS base %ld times: %s; a kernel address gives %s; "
           "unset here: %s\n", threads, n, bad ? "NOT always" : "always", e == EPERM ? "EPERM" : "something else",
           out == 0 ? "0" : "not 0");
}

/* ---- forkwrite ---- */
static volatile long written[2];
static volatile int writers_stop;

static void *writer(void *arg)
{
    long i = (long)arg, n = 0;
    while (!writers_stop)
        written[i] = ++n;
    return (void *)n;
}

static void forkwrite_test(long n)
{
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], 0, writer, (void *)i);
    long failed = 0;
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        int st = -1;
        failed += pid < 0 || waitpid(pid, &st, 0) != pid || st != 0;
    }
    writers_stop = 1;
    long lost = 0;
    for (long i = 0; i < 2; i++) {
        void *r;
        pthread_join(t[i], &r);
        lost += written[i] != (long)r;
    }
    printf("forkwrite: %ld forks while 2 threads wrote: %s; %s\n", n, failed ? "some failed" : "all succeeded",
           lost ? "writes were LOST" : "every write landed");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, 0, _IONBF, 0);
    const char *what = argc > 1 ? argv[1] : "";
    long a = argc > 2 ? atol(argv[2]) : 0, b = argc > 3 ? atol(argv[3]) : 0;
    alarm(300); /* a lost wake-up ends the program instead of hanging the test */
    if (!strcmp(what, "cpus"))
        printf("cpus: %d\n", cpus_allowed());
    else if (!strcmp(what, "mutex"))
        mutex_test((int)a, b);
    else if (!strcmp(what, "futex"))
        futex_test(a);
    else if (!strcmp(what, "spawn"))
        spawn_test(a, b);
    else if (!strcmp(what, "unmap"))
        unmap_test((int)a);
    else if (!strcmp(what, "affinity"))
        affinity_test();
    else if (!strcmp(what, "gsbase"))
        gsbase_test((int)a, b);
    else if (!strcmp(what, "forkwrite"))
        forkwrite_test(a);
    else
        die("usage: smp_probe cpus|mutex T N|futex N|spawn N [check]|unmap N|affinity|gsbase T N|forkwrite N");
    return 0;
}
