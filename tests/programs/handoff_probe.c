/* Threads that need the kernel at the same time, more of them than CPUs (a static glibc
 * program; tests/kernel/handoff_test.py runs it with one and with two CPUs on a busy host).
 * Prints one "name milliseconds result" line per case:
 *   syscalls   8 threads x 4,000 clock_gettime system calls (result: 0 if the clock never
 *              went back)
 *   mutex      16 threads x 5,000 increments under a futex mutex that yields inside every
 *              64th critical section, as thread_probe's mutex_stress (result: the count)
 *   barrier    100 threads meeting 50 times at a mutex + condition variable barrier (result:
 *              the rounds every thread saw)
 *   stdin      standard input read to its end while 8 threads make system calls (result: the
 *              bytes read): on the Astra kernel its interrupts come while CPUs wait for the
 *              kernel's lock */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 100

static double now_ms(void)
{
    struct timespec t;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* ---- system calls from every thread ---- */
static int clock_went_back;

static void *clock_reads(void *arg)
{
    (void)arg;
    struct timespec old, now;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &old);
    for (int i = 0; i < 4000; i++) {
        syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
        if (now.tv_sec < old.tv_sec || (now.tv_sec == old.tv_sec && now.tv_nsec < old.tv_nsec))
            __atomic_store_n(&clock_went_back, 1, __ATOMIC_RELAXED);
        old = now;
    }
    return 0;
}

/* ---- a contended futex mutex ---- */
static uint32_t mutex_word;
static long counter;

static void futex(uint32_t *word, int op, uint32_t val)
{
    syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, 0, 0, 0);
}

static void mutex_lock(void)
{
    uint32_t c = 0;
    if (__atomic_compare_exchange_n(&mutex_word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(&mutex_word, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        futex(&mutex_word, FUTEX_WAIT, 2);
        c = __atomic_exchange_n(&mutex_word, 2, __ATOMIC_ACQUIRE);
    }
}

static void mutex_unlock(void)
{
    if (__atomic_exchange_n(&mutex_word, 0, __ATOMIC_RELEASE) == 2)
        futex(&mutex_word, FUTEX_WAKE, 1);
}

static void *hammer(void *arg)
{
    for (int i = 0; i < 5000; i++) {
        mutex_lock();
        long v = counter;
        if ((i + (int)(intptr_t)arg) % 64 == 0)
            sched_yield();
        counter = v + 1;
        mutex_unlock();
    }
    return 0;
}

/* ---- a barrier ---- */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t next;
    int arrived;
    unsigned generation;
} barrier = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };
static int rounds_seen[MAX_THREADS];

static void *barrier_rounds(void *arg)
{
    for (int i = 0; i < 50; i++) {
        pthread_mutex_lock(&barrier.lock);
        unsigned generation = barrier.generation;
        if (++barrier.arrived == MAX_THREADS) {
            barrier.arrived = 0;
            barrier.generation++;
            pthread_cond_broadcast(&barrier.next);
        } else {
            while (generation == barrier.generation)
                pthread_cond_wait(&barrier.next, &barrier.lock);
        }
        rounds_seen[(intptr_t)arg] += barrier.generation == generation + 1;
        pthread_mutex_unlock(&barrier.lock);
    }
    return 0;
}

/* ---- input while the kernel is contended ---- */
static int input_done;

static void *calls_until_done(void *arg)
{
    (void)arg;
    struct timespec now;
    while (!__atomic_load_n(&input_done, __ATOMIC_ACQUIRE))
        syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
    return 0;
}

static long read_input(void)
{
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], 0, calls_until_done, 0);
    char buf[4096];
    long total = 0;
    for (ssize_t n; (n = read(0, buf, sizeof buf)) > 0;)
        total += n;
    __atomic_store_n(&input_done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], 0);
    return total;
}

/* Runs n threads of fn; the wall time from the first create to the last join, in ms. */
static double run_threads(int n, void *(*fn)(void *))
{
    pthread_t t[MAX_THREADS];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    double start = now_ms();
    for (intptr_t i = 0; i < n; i++)
        if (pthread_create(&t[i], &attr, fn, (void *)i))
            return -1;
    for (int i = 0; i < n; i++)
        pthread_join(t[i], 0);
    return now_ms() - start;
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    double ms = run_threads(8, clock_reads);
    printf("syscalls %.0f %d\n", ms, clock_went_back);
    ms = run_threads(16, hammer);
    printf("mutex %.0f %ld\n", ms, counter);
    ms = run_threads(MAX_THREADS, barrier_rounds);
    int all = 0;
    for (int i = 0; i < MAX_THREADS; i++)
        all += rounds_seen[i];
    printf("barrier %.0f %d\n", ms, all);
    double start = now_ms();
    long bytes = read_input();
    printf("stdin %.0f %ld\n", now_ms() - start, bytes);
    return 0;
}
