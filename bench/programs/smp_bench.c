/* Several CPUs, measured by bench/smp.py: a static glibc program run as /init of a Linux
 * guest and as the program of an Astra guest, with 1 and 2 CPUs. Prints "ready", then one
 * "name value unit" line per row:
 *   work_2threads        fixed CPU-bound work split over 2 threads (wall time)
 *   futex_pingpong_xcpu  one futex wait/wake round trip between threads pinned to CPUs 0 and 1
 *                        (only with 2 CPUs or more)
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

int main(int argc, char **argv)
{
    setvbuf(stdout, 0, _IONBF, 0);
    printf("ready\n");
    work_2threads();
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 2)
        pingpong_xcpu();
    if (argc > 1 && !strcmp(argv[1], "poweroff")) {
        sync();
        reboot(RB_POWER_OFF);
    }
    return 0;
}
