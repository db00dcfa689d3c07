/* Threads, sleeping and blocking through the contract, run as an Astra program (the thread
 * functions install their own thread pointer, so they cannot run inside a glibc process).
 * `thread_probe <case>` prints what tests/thread_test.c checks. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <astra/astra.h>

#include "probe.h"

#include "../../libastra/internal/syscall.h"
#include "../../libastra/internal/thread.h"

static int64_t now_ns(void)
{
    struct hermit_timespec t;
    sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* A futex-based flag: wait until *word becomes nonzero. */
static void wait_for(uint32_t *word)
{
    while (!__atomic_load_n(word, __ATOMIC_ACQUIRE))
        sys_futex_wait(word, 0, NULL, 0);
}

static void set_and_wake(uint32_t *word)
{
    __atomic_store_n(word, 1, __ATOMIC_RELEASE);
    sys_futex_wake(word, INT32_MAX);
}

/* ---- spawn, join, TLS ---- */
static _Thread_local int tls_counter = 100;
static _Thread_local long tls_zero[32];
static _Thread_local _Alignas(64) char tls_aligned[64];
static int results[64];

static void record(size_t i)
{
    int zero = 1;
    for (int k = 0; k < 32; k++)
        zero &= tls_zero[k] == 0;
    tls_counter += (int)i;
    tls_zero[3] = 7;
    results[i] = tls_counter * 10 + zero + ((uintptr_t)tls_aligned % 64 == 0 ? 0 : 1000);
}

static int spawn_join(void)
{
    hermit_tid_t ids[64];
    for (size_t i = 0; i < 64; i++)
        if (!(ids[i] = sys_spawn2(record, i, HERMIT_NORMAL_PRIO, 0, -1)))
            return printf("spawn %zu failed: %d\n", i, sys_get_errno()), 1;
    int ok = 1;
    for (size_t i = 0; i < 64; i++)
        ok &= sys_join(ids[i]) == 0;
    for (size_t i = 0; i < 64; i++)
        ok &= results[i] == (100 + (int)i) * 10 + 1;
    printf("joined=%d main_tls=%d main_tbss=%ld\n", ok, tls_counter, tls_zero[3]);
    hermit_tid_t id = 0;
    printf("spawn=%d", sys_spawn(&id, record, 5, HERMIT_HIGH_PRIO, -1));
    int first = sys_join(id);
    printf(" join=%d again=%d\n", first, sys_join(id));
    return 0;
}

static int join_errors(void)
{
    int unknown = sys_join(123456789), zero = sys_join(0);
    printf("unknown=%d zero=%d self=%d\n", unknown, zero, sys_join((hermit_tid_t)getpid()));
    return 0;
}

static void nothing(size_t arg) { (void)arg; }

static int spawn_errors(void)
{
    hermit_tid_t t = sys_spawn2(NULL, 0, 2, 0, -1);
    printf("null_func=%u errno=%d\n", t, sys_get_errno());
    t = sys_spawn2(nothing, 0, HERMIT_NO_PRIORITIES, 0, -1);
    printf("bad_prio=%u errno=%d\n", t, sys_get_errno());
    t = sys_spawn2(nothing, 0, 2, SIZE_MAX, -1);
    printf("huge_stack=%u errno=%d\n", t, sys_get_errno());
    t = sys_spawn2(nothing, 0, 2, 0, 100000);
    printf("bad_core=%u errno=%d\n", t, sys_get_errno());
    printf("spawn_null_func=%d\n", sys_spawn(NULL, NULL, 0, 2, -1));
    printf("spawn_bad_id=%d\n", sys_spawn((hermit_tid_t *)8, nothing, 0, 2, -1));
    return 0;
}

/* ---- stacks and guard pages ---- */
static size_t stack_report[4];

static void measure_stack(size_t requested)
{
    struct astra_tcb *self = astra_self();
    char local;
    uintptr_t guard = (uintptr_t)self->map_base, low = guard + 4096;
    uintptr_t tls_start = (uintptr_t)self - astra_tls.offset;
    stack_report[0] = (uintptr_t)&local > low && (uintptr_t)&local < tls_start;
    stack_report[1] = (tls_start & ~(uintptr_t)4095) - low; /* usable stack bytes */
    stack_report[2] = requested;
    /* Touch the whole stack down to just above the guard page. */
    volatile char *p = (volatile char *)low;
    for (uintptr_t a = low; a < (uintptr_t)&local - 4096; a += 4096)
        p[a - low] = 1;
    stack_report[3] = 1;
}

static int stack_sizes(void)
{
    size_t sizes[] = { 1, 64 * 1024, 256 * 1024 + 100, 8 << 20 };
    for (unsigned i = 0; i < 4; i++) {
        hermit_tid_t t = sys_spawn2(measure_stack, sizes[i], 2, sizes[i], -1);
        sys_join(t);
        printf("requested=%zu on_stack=%zu usable=%zu touched=%zu\n", sizes[i], stack_report[0],
               stack_report[1], stack_report[3]);
    }
    return 0;
}

static void read_guard(size_t arg)
{
    (void)arg;
    volatile char *guard = astra_self()->map_base;
    printf("about to read the guard page\n");
    fflush(stdout);
    printf("read %d\n", guard[100]);
}

static int guard_page(void)
{
    sys_join(sys_spawn2(read_guard, 0, 2, 64 * 1024, -1));
    printf("survived\n");
    return 0;
}

static void recurse(size_t depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    if (depth)
        recurse(depth - 1);
    frame[1] = frame[0];
}

static int stack_overflow(void)
{
    sys_join(sys_spawn2(recurse, 1000, 2, 64 * 1024, -1)); /* ~1 MiB of frames on 64 KiB */
    printf("survived\n");
    return 0;
}

/* ---- leaks ---- */

static long mapping_count(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    long n = 0;
    for (int c; f && (c = fgetc(f)) != EOF;)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

static void touch_stack(size_t arg)
{
    volatile char buf[16384];
    buf[arg % sizeof buf] = 1;
    tls_zero[1] = (long)arg;
}

static int spawn_join_leak(void)
{
    for (int i = 0; i < 200; i++) /* warm up: caches, heap */
        sys_join(sys_spawn2(touch_stack, (size_t)i, 2, 256 * 1024, -1));
    long rss0 = probe_resident_kib(), maps0 = mapping_count();
    int failures = 0;
    for (int i = 0; i < 10000; i++) {
        hermit_tid_t t = sys_spawn2(touch_stack, (size_t)i, 2, 256 * 1024, -1);
        failures += !t || sys_join(t) != 0;
    }
    long rss1 = probe_resident_kib(), maps1 = mapping_count();
    printf("failures=%d rss_growth_kib=%ld mapping_growth=%ld\n", failures, rss1 - rss0, maps1 - maps0);
    return 0;
}

/* ---- a mutex like std's on the contract's futex, 16 threads ---- */
static uint32_t mutex_word;
static long counter;
#define ITERATIONS 20000

static void mutex_lock(void)
{
    uint32_t c = 0;
    if (__atomic_compare_exchange_n(&mutex_word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(&mutex_word, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        sys_futex_wait(&mutex_word, 2, NULL, 0);
        c = __atomic_exchange_n(&mutex_word, 2, __ATOMIC_ACQUIRE);
    }
}

static void mutex_unlock(void)
{
    if (__atomic_exchange_n(&mutex_word, 0, __ATOMIC_RELEASE) == 2)
        sys_futex_wake(&mutex_word, 1);
}

static void hammer(size_t arg)
{
    for (int i = 0; i < ITERATIONS; i++) {
        mutex_lock();
        long v = counter;
        if ((i + (int)arg) % 64 == 0)
            sys_yield();
        counter = v + 1;
        mutex_unlock();
    }
}

static int mutex_stress(void)
{
    hermit_tid_t t[16];
    for (size_t i = 0; i < 16; i++)
        t[i] = sys_spawn2(hammer, i, 2, 0, -1);
    for (int i = 0; i < 16; i++)
        sys_join(t[i]);
    printf("counter=%ld expected=%d\n", counter, 16 * ITERATIONS);
    return 0;
}

/* ---- scheduling ---- */
static uint32_t go, done;
static int seen_prio[2];

static void report_priority(size_t arg)
{
    (void)arg;
    seen_prio[0] = sys_get_priority();
    wait_for(&go);
    seen_prio[1] = sys_get_priority();
}

static int priorities(void)
{
    hermit_tid_t t = sys_spawn2(report_priority, 0, HERMIT_HIGH_PRIO, 0, -1);
    while (!__atomic_load_n(&seen_prio[0], __ATOMIC_ACQUIRE))
        sys_yield();
    sys_set_priority(t, HERMIT_LOW_PRIO);
    sys_set_priority(t, HERMIT_NO_PRIORITIES); /* ignored */
    set_and_wake(&go);
    sys_join(t);
    printf("main=%d spawned=%d after_set=%d\n", sys_get_priority(), seen_prio[0], seen_prio[1]);
    return 0;
}

static unsigned long affinity_seen;

static void report_affinity(size_t arg)
{
    (void)arg;
    unsigned long mask[16] = { 0 };
    if (!astra_is_err(astra_syscall3(ASTRA_NR_sched_getaffinity, 0, sizeof mask, (long)mask)))
        affinity_seen = mask[0];
}

static int parallelism(void)
{
    printf("available=%zu processors=%zu\n", sys_available_parallelism(), sys_get_processor_count());
    sys_join(sys_spawn2(report_affinity, 0, 2, 0, 0));
    printf("pinned_to_core0_mask=%lu\n", affinity_seen);
    sys_yield();
    return 0;
}

static int64_t blocked_ns;

static void block_until_woken(size_t with_timeout)
{
    int64_t t0 = now_ns();
    if (with_timeout)
        sys_block_current_task_with_timeout(100);
    else
        sys_block_current_task();
    set_and_wake(&go);
    sys_yield();
    blocked_ns = now_ns() - t0;
    set_and_wake(&done);
}

static int block_wakeup(void)
{
    hermit_tid_t t = sys_spawn2(block_until_woken, 0, 2, 0, -1);
    wait_for(&go);
    sys_usleep(50000);
    sys_wakeup_taskt(t);
    sys_join(t);
    printf("woken_after_50ms=%d", blocked_ns >= 50000000 && blocked_ns < 1000000000);
    go = done = 0;
    t = sys_spawn2(block_until_woken, 1, 2, 0, -1);
    sys_join(t);
    printf(" timed_out_after_100ms=%d", blocked_ns >= 100000000 && blocked_ns < 1000000000);
    sys_wakeup_taskt(987654321); /* unknown: ignored */
    /* A wakeup that comes before the yield is not lost. */
    sys_block_current_task();
    sys_wakeup_taskt((hermit_tid_t)getpid());
    int64_t t0 = now_ns();
    sys_yield();
    printf(" early_wakeup_kept=%d\n", now_ns() - t0 < 50000000);
    return 0;
}

static int sleeping(void)
{
    int64_t t0 = now_ns();
    sys_usleep(100000);
    int64_t slept = now_ns() - t0;
    printf("usleep_100ms=%d", slept >= 100000000 && slept < 1000000000);
    struct hermit_timespec req = { 0, 50000000 };
    t0 = now_ns();
    int r = sys_nanosleep(&req);
    slept = now_ns() - t0;
    printf(" nanosleep_50ms=%d/%d", r, slept >= 50000000 && slept < 1000000000);
    struct hermit_timespec bad_nsec = { 0, 1000000000 }, negative = { -1, 0 };
    int bad = sys_nanosleep(&bad_nsec), neg = sys_nanosleep(&negative), null = sys_nanosleep(NULL);
    printf(" bad_nsec=%d negative=%d null=%d unmapped=%d", bad, neg, null, sys_nanosleep((void *)4096));
    t0 = now_ns();
    sys_usleep(0);
    struct hermit_timespec zero = { 0, 0 };
    r = sys_nanosleep(&zero);
    printf(" zero=%d/%d\n", r, now_ns() - t0 < 50000000);
    return 0;
}

/* A write to a socket whose peer is gone is -EPIPE once SIGPIPE is ignored, as Rust programs
 * start (sys_write, not sys_send, so no MSG_NOSIGNAL helps here). */
static int broken_pipe(void)
{
    struct astra_sigaction ignore = { .handler = ASTRA_SIG_IGN };
    astra_syscall4(ASTRA_NR_rt_sigaction, ASTRA_SIGPIPE, (long)&ignore, 0, sizeof ignore.mask);
    int l = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0);
    struct hermit_sockaddr_in a = { .sin_len = 16, .sin_family = HERMIT_AF_INET, .sin_addr = { 0x0100007f } };
    hermit_socklen_t len = sizeof a;
    sys_bind(l, (struct hermit_sockaddr *)&a, sizeof a);
    sys_listen(l, 1);
    sys_getsockname(l, (struct hermit_sockaddr *)&a, &len);
    int c = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0);
    sys_connect(c, (struct hermit_sockaddr *)&a, sizeof a);
    sys_close(sys_accept(l, NULL, NULL));
    intptr_t r = 0;
    for (int i = 0; i < 100 && r >= 0; i++)
        r = sys_write(c, "x", 1);
    printf("write_after_close=%s\n", r == -ASTRA_EPIPE || r == -ASTRA_ECONNRESET ? "error" : "unexpected");
    return 0;
}

static const struct { const char *name; int (*run)(void); } cases[] = {
    { "broken_pipe", broken_pipe },
    { "spawn_join", spawn_join },     { "join_errors", join_errors },
    { "spawn_errors", spawn_errors }, { "stack_sizes", stack_sizes },
    { "guard_page", guard_page },     { "stack_overflow", stack_overflow },
    { "spawn_join_leak", spawn_join_leak }, { "mutex_stress", mutex_stress },
    { "priorities", priorities },     { "parallelism", parallelism },
    { "block_wakeup", block_wakeup }, { "sleeping", sleeping },
};

int main(int argc, char **argv)
{
    for (unsigned i = 0; argc > 1 && i < sizeof cases / sizeof cases[0]; i++)
        if (!strcmp(argv[1], cases[i].name))
            return cases[i].run();
    fprintf(stderr, "usage: thread_probe <case>\n");
    return 2;
}
