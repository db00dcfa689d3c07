/* libastra/compat: the functions older hermit-abi releases and some crates link against, on
 * the Linux host, with pthreads as the other party where one is needed. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../libastra/compat/compat.h"

#define MINSTD_M 2147483647u

static uint32_t minstd_next(uint32_t x) { return (uint32_t)((uint64_t)x * 48271u % MINSTD_M); }

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void *unmapped(void)
{
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    return p;
}

/* ---- sys_rand, sys_srand ---- */

Test(rand, seeded_sequence_is_the_minimal_standard_generator)
{
    sys_srand(1);
    /* The first values of MINSTD (multiplier 48271) from seed 1. */
    cr_expect_eq(sys_rand(), 48271u);
    cr_expect_eq(sys_rand(), 182605794u);
    cr_expect_eq(sys_rand(), 1291394886u);
    sys_srand(12345);
    uint32_t x = 12345;
    for (int i = 0; i < 1000; i++) {
        x = minstd_next(x);
        cr_assert_eq(sys_rand(), x, "value %d", i);
    }
}

Test(rand, a_seed_that_is_zero_modulo_the_modulus_acts_as_one)
{
    sys_srand(0);
    cr_expect_eq(sys_rand(), 48271u);
    sys_srand(MINSTD_M);
    cr_expect_eq(sys_rand(), 48271u);
    sys_srand(MINSTD_M + 2);
    cr_expect_eq(sys_rand(), minstd_next(2));
}

Test(rand, unseeded_values_are_in_range_and_follow_the_generator)
{
    uint32_t prev = sys_rand();
    cr_assert(prev >= 1 && prev <= MINSTD_M - 1);
    for (int i = 0; i < 1000; i++) {
        uint32_t v = sys_rand();
        cr_assert_eq(v, minstd_next(prev));
        prev = v;
    }
}

#define RAND_THREADS 4
#define RAND_PER_THREAD 5000

static void *draw(void *out)
{
    uint32_t *values = out;
    for (int i = 0; i < RAND_PER_THREAD; i++)
        values[i] = sys_rand();
    return NULL;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

Test(rand, concurrent_callers_share_one_sequence_without_losing_a_step)
{
    static uint32_t got[RAND_THREADS * RAND_PER_THREAD], want[RAND_THREADS * RAND_PER_THREAD];
    sys_srand(777);
    pthread_t t[RAND_THREADS];
    for (int i = 0; i < RAND_THREADS; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, draw, got + i * RAND_PER_THREAD), 0);
    for (int i = 0; i < RAND_THREADS; i++)
        pthread_join(t[i], NULL);
    uint32_t x = 777;
    for (int i = 0; i < RAND_THREADS * RAND_PER_THREAD; i++)
        want[i] = x = minstd_next(x);
    qsort(got, RAND_THREADS * RAND_PER_THREAD, sizeof got[0], cmp_u32);
    qsort(want, RAND_THREADS * RAND_PER_THREAD, sizeof want[0], cmp_u32);
    cr_expect_eq(memcmp(got, want, sizeof got), 0);
}

/* ---- sys_secure_rand32, sys_secure_rand64 ---- */

Test(secure_rand, fills_the_value_and_returns_zero)
{
    uint64_t ones = 0, zeros = ~0ull;
    for (int i = 0; i < 64; i++) {
        uint64_t v = 0;
        cr_assert_eq(sys_secure_rand64(&v), 0);
        ones |= v;
        zeros &= v;
    }
    /* Each bit was set and cleared at least once (a failure has probability ~2^-57). */
    cr_expect_eq(ones, ~0ull);
    cr_expect_eq(zeros, 0);
    uint32_t ones32 = 0;
    for (int i = 0; i < 64; i++) {
        uint32_t v = 0;
        cr_assert_eq(sys_secure_rand32(&v), 0);
        ones32 |= v;
    }
    cr_expect_eq(ones32, 0xffffffffu);
}

Test(secure_rand, writes_exactly_its_width)
{
    unsigned char buf[16];
    memset(buf, 0xa5, sizeof buf);
    cr_assert_eq(sys_secure_rand32((uint32_t *)(void *)(buf + 4)), 0);
    for (int i = 0; i < 4; i++)
        cr_expect_eq(buf[i], 0xa5);
    for (int i = 8; i < 16; i++)
        cr_expect_eq(buf[i], 0xa5);
}

Test(secure_rand, a_bad_pointer_is_minus_one)
{
    cr_expect_eq(sys_secure_rand32(NULL), -1);
    cr_expect_eq(sys_secure_rand64(NULL), -1);
    cr_expect_eq(sys_secure_rand32(unmapped()), -1);
    cr_expect_eq(sys_secure_rand64(unmapped()), -1);
}

/* ---- recursive mutexes ---- */

Test(recmutex, locks_recursively_and_destroys)
{
    const void *m = NULL;
    cr_assert_eq(sys_recmutex_init(&m), 0);
    cr_assert_not_null(m);
    cr_expect_eq(sys_recmutex_lock(m), 0);
    cr_expect_eq(sys_recmutex_lock(m), 0);
    cr_expect_eq(sys_recmutex_lock(m), 0);
    cr_expect_eq(sys_recmutex_unlock(m), 0);
    cr_expect_eq(sys_recmutex_unlock(m), 0);
    cr_expect_eq(sys_recmutex_destroy(m), -ASTRA_EBUSY);
    cr_expect_eq(sys_recmutex_unlock(m), 0);
    cr_expect_eq(sys_recmutex_unlock(m), -ASTRA_EPERM);
    cr_expect_eq(sys_recmutex_destroy(m), 0);
}

Test(recmutex, bad_pointers_are_einval_or_efault)
{
    int not_a_mutex[8] = { 0 };
    cr_expect_eq(sys_recmutex_init(NULL), -ASTRA_EINVAL);
    cr_expect_eq(sys_recmutex_init(unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_recmutex_lock(NULL), -ASTRA_EINVAL);
    cr_expect_eq(sys_recmutex_lock(not_a_mutex), -ASTRA_EINVAL);
    cr_expect_eq(sys_recmutex_lock(unmapped()), -ASTRA_EINVAL);
    cr_expect_eq(sys_recmutex_unlock(not_a_mutex), -ASTRA_EINVAL);
    cr_expect_eq(sys_recmutex_destroy(NULL), -ASTRA_EINVAL);
    cr_expect_eq(sys_errno(), ASTRA_EINVAL);
}

static const void *shared_mutex;
static long shared_counter;

static void *hammer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        sys_recmutex_lock(shared_mutex);
        sys_recmutex_lock(shared_mutex);
        long c = shared_counter;
        if (i % 64 == 0)
            sched_yield();
        shared_counter = c + 1;
        sys_recmutex_unlock(shared_mutex);
        sys_recmutex_unlock(shared_mutex);
    }
    return NULL;
}

Test(recmutex, excludes_other_threads)
{
    cr_assert_eq(sys_recmutex_init(&shared_mutex), 0);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, hammer, NULL), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    cr_expect_eq(shared_counter, 4 * 20000);
    cr_expect_eq(sys_recmutex_destroy(shared_mutex), 0);
}

static void *try_unlock(void *m) { return (void *)(intptr_t)sys_recmutex_unlock(m); }

Test(recmutex, only_the_owner_unlocks)
{
    const void *m;
    cr_assert_eq(sys_recmutex_init(&m), 0);
    cr_assert_eq(sys_recmutex_lock(m), 0);
    pthread_t t;
    void *r;
    cr_assert_eq(pthread_create(&t, NULL, try_unlock, (void *)(uintptr_t)m), 0);
    pthread_join(t, &r);
    cr_expect_eq((intptr_t)r, -ASTRA_EPERM);
    cr_expect_eq(sys_recmutex_unlock(m), 0);
    cr_expect_eq(sys_recmutex_destroy(m), 0);
}

/* ---- renamed functions ---- */

Test(renamed, sys_processor_count_is_sys_get_processor_count)
{
    cr_expect_eq(sys_processor_count(), sys_get_processor_count());
    cr_expect_geq(sys_processor_count(), 1);
    cpu_set_t set;
    cr_assert_eq(sched_getaffinity(0, sizeof set, &set), 0);
    cr_expect_eq(sys_processor_count(), (size_t)CPU_COUNT(&set));
}

Test(renamed, sys_wakeup_task_ignores_an_unknown_thread)
{
    /* A thread that is not libastra's has no block state to clear; the call must return. */
    cr_assert_eq(sys_close(-7), -ASTRA_EBADF);
    sys_wakeup_task(0x7fffffff);
    cr_expect_eq(sys_errno(), ASTRA_EBADF);
}

Test(renamed, sys_pool_is_sys_poll)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    struct hermit_pollfd fd = { .fd = p[0], .events = HERMIT_POLLIN };
    cr_expect_eq(sys_pool(&fd, 1, 0), 0);
    cr_expect_eq(fd.revents, 0);
    cr_assert_eq(write(p[1], "x", 1), 1);
    cr_expect_eq(sys_pool(&fd, 1, 1000), 1);
    cr_expect_eq(fd.revents, HERMIT_POLLIN);
    cr_expect_eq(sys_pool(NULL, 1, 0), -ASTRA_EFAULT);
    close(p[0]);
    close(p[1]);
}

Test(renamed, sys_timedwait_takes_the_semaphore_and_times_out_in_milliseconds)
{
    hermit_sem_t sem;
    cr_assert_eq(sys_sem_init(&sem, 0, 2), 0);
    cr_expect_eq(sys_timedwait(sem, 0), 0);
    cr_expect_eq(sys_timedwait(sem, 1500), 0);
    int64_t start = mono_ms();
    cr_expect_eq(sys_timedwait(sem, 60), -ASTRA_ETIME);
    int64_t waited = mono_ms() - start;
    cr_expect_geq(waited, 55);
    cr_expect_lt(waited, 2000);
    cr_assert_eq(sys_sem_post(&sem), 0);
    start = mono_ms();
    cr_expect_eq(sys_timedwait(sem, 5000), 0);
    cr_expect_lt(mono_ms() - start, 1000);
    cr_expect_eq(sys_sem_destroy(&sem), 0);
}

static void *post_later(void *sem)
{
    usleep(30000);
    hermit_sem_t slot = sem;
    sys_sem_post(&slot);
    return NULL;
}

Test(renamed, sys_timedwait_with_zero_waits_until_posted)
{
    hermit_sem_t sem;
    cr_assert_eq(sys_sem_init(&sem, 0, 0), 0);
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, post_later, (void *)(uintptr_t)sem), 0);
    int64_t start = mono_ms();
    cr_expect_eq(sys_timedwait(sem, 0), 0);
    cr_expect_geq(mono_ms() - start, 25);
    pthread_join(t, NULL);
    cr_expect_eq(sys_sem_destroy(&sem), 0);
}

Test(renamed, sys_timedwait_of_a_bad_semaphore_is_einval)
{
    int not_a_semaphore[4] = { 0 };
    cr_expect_eq(sys_timedwait(NULL, 10), -ASTRA_EINVAL);
    cr_expect_eq(sys_timedwait(not_a_semaphore, 10), -ASTRA_EINVAL);
    cr_expect_eq(sys_timedwait(unmapped(), 10), -ASTRA_EINVAL);
}
