/* Several CPUs, measured by bench/smp.py: a static glibc program run as /init of a Linux
 * guest and as the program of an Astra guest, with 1 and 2 CPUs. Prints "ready", then one
 * "name value unit" line per row:
 *   work_2threads        fixed CPU-bound work split over 2 threads (wall time)
 *   futex_pingpong_xcpu  one futex wait/wake round trip between threads pinned to CPUs 0 and 1
 *                        (only with 2 CPUs or more)
 *   barrier_100x50       100 threads meeting 50 times at a mutex + condition variable barrier
 *                        (wall time): threads that hand off to each other
 *   clock_8threads       8 threads reading CLOCK_MONOTONIC 1,000 times each through glibc (wall
 *                        time; Linux answers from its vDSO, a kernel without one by syscalls)
 *   getpid_8threads      8 threads making 20,000 getpid system calls each (wall time)
 * With the argument "poweroff" it powers the machine off at the end (Linux guest as /init). */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WORK_ROUNDS 400000000ULL
#define PINGPONG_ROUNDS 20000
#define BARRIER_THREADS 100
#define BARRIER_ROUNDS 50
#define CALL_THREADS 8
#define CLOCK_READS 1000
#define GETPID_CALLS 20000

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void *hash_rounds(void *arg)
{
    uint64_t x = (uintptr_t)arg | 1;
    for (uint64_t i = 0; i < WORK_ROUNDS / 2; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return (void *)(uintptr_t)x;
}

static void work_2threads(void)
{
    pthread_t t[2];
    double start = now_us();
    for (uintptr_t i = 0; i < 2; i++)
        pthread_create(&t[i], 0, hash_rounds, (void *)(i + 1));
    uintptr_t x = 0;
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(t[i], &r);
        x ^= (uintptr_t)r;
    }
    printf("work_2threads %.3f us\n", now_us() - start);
    fprintf(stderr, "result %lx\n", (unsigned long)x);
}

static _Atomic int turn;

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

static void wait_while(int value)
{
    while (atomic_load(&turn) == value)
        syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, value, 0, 0, 0);
}

static void wake(int value)
{
    atomic_store(&turn, value);
    syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

static void *pong(void *arg)
{
    (void)arg;
    pin(1);
    for (int i = 0; i < PINGPONG_ROUNDS; i++) {
        wait_while(0);
        wake(0);
    }
    return 0;
}

static void pingpong_xcpu(void)
{
    pin(0);
    pthread_t t;
    pthread_create(&t, 0, pong, 0);
    double start = now_us();
    for (int i = 0; i < PINGPONG_ROUNDS; i++) {
        wake(1);
        wait_while(1);
    }
    double elapsed = now_us() - start;
    pthread_join(t, 0);
    printf("futex_pingpong_xcpu %.3f us\n", elapsed / PINGPONG_ROUNDS);
}

/* A barrier as programs write it by hand (and as std::sync::Barrier is): the last thread to
 * arrive starts a new generation and wakes the others. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t next;
    int arrived;
    unsigned generation;
} barrier = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };

static void barrier_wait(void)
{
    pthread_mutex_lock(&barrier.lock);
    unsigned generation = barrier.generation;
    if (++barrier.arrived == BARRIER_THREADS) {
        barrier.arrived = 0;
        barrier.generation++;
        pthread_cond_broadcast(&barrier.next);
    } else {
        while (generation == barrier.generation)
            pthread_cond_wait(&barrier.next, &barrier.lock);
    }
    pthread_mutex_unlock(&barrier.lock);
}

static void *barrier_rounds(void *arg)
{
    (void)arg;
    for (int i = 0; i < BARRIER_ROUNDS; i++)
        barrier_wait();
    return 0;
}

static void *clock_reads(void *arg)
{
    (void)arg;
    struct timespec old, now;
    clock_gettime(CLOCK_MONOTONIC, &old);
    for (int i = 0; i < CLOCK_READS; i++) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec < old.tv_sec || (now.tv_sec == old.tv_sec && now.tv_nsec < old.tv_nsec))
            fprintf(stderr, "CLOCK_MONOTONIC went back\n");
        old = now;
    }
    return 0;
}

static void *getpid_calls(void *arg)
{
    (void)arg;
    for (int i = 0; i < GETPID_CALLS; i++)
        syscall(SYS_getpid);
    return 0;
}

/* Wall time of n threads running fn, from the first create to the last join. */
static void threads_row(const char *name, int n, void *(*fn)(void *))
{
    pthread_t t[BARRIER_THREADS];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    double start = now_us();
    for (int i = 0; i < n; i++)
        if (pthread_create(&t[i], &attr, fn, 0)) {
            fprintf(stderr, "%s: pthread_create failed\n", name);
            n = i;
            break;
        }
    for (int i = 0; i < n; i++)
        pthread_join(t[i], 0);
    printf("%s %.3f us\n", name, now_us() - start);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, 0, _IONBF, 0);
    printf("ready\n");
    work_2threads();
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 2) {
        pingpong_xcpu();
        sched_setaffinity(0, sizeof set, &set); /* threads created below inherit it */
    }
    threads_row("barrier_100x50", BARRIER_THREADS, barrier_rounds);
    threads_row("clock_8threads", CALL_THREADS, clock_reads);
    threads_row("getpid_8threads", CALL_THREADS, getpid_calls);
    if (argc > 1 && !strcmp(argv[1], "poweroff")) {
        sync();
        reboot(RB_POWER_OFF);
    }
    return 0;
}
