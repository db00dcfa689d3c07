/* Futexes, semaphores, wait queues and clocks through the contract, in the test process
 * (they use no thread pointer of libastra's), with pthreads as the other party. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <astra/astra.h>

static int64_t mono_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *unmapped(void)
{
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    return p;
}

/* ---- clocks ---- */

Test(clock, realtime_and_monotonic_agree_with_glibc)
{
    struct hermit_timespec h;
    struct timespec before, after;
    clock_gettime(CLOCK_MONOTONIC, &before);
    cr_assert_eq(sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &h), 0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    int64_t ns = h.tv_sec * 1000000000LL + h.tv_nsec;
    cr_expect_geq(ns, before.tv_sec * 1000000000LL + before.tv_nsec);
    cr_expect_leq(ns, after.tv_sec * 1000000000LL + after.tv_nsec);
    cr_expect(h.tv_nsec >= 0 && h.tv_nsec < 1000000000);
    struct timeval tv;
    cr_assert_eq(sys_clock_gettime(HERMIT_CLOCK_REALTIME, &h), 0);
    gettimeofday(&tv, NULL);
    cr_expect_leq(tv.tv_sec - h.tv_sec, 1);
    cr_expect_geq(tv.tv_sec - h.tv_sec, 0);
}

Test(clock, padding_after_the_nanoseconds_is_left_zero)
{
    unsigned char raw[16];
    memset(raw, 0xff, sizeof raw);
    cr_assert_eq(sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, (struct hermit_timespec *)raw), 0);
    cr_expect_eq(memcmp(raw + 12, "\0\0\0\0", 4), 0);
}

Test(clock, unknown_clocks_and_bad_pointers_are_errors)
{
    struct hermit_timespec h;
    cr_expect_eq(sys_clock_gettime(0, &h), -ASTRA_EINVAL); /* Linux's CLOCK_REALTIME number */
    cr_expect_eq(sys_clock_gettime(2, &h), -ASTRA_EINVAL);
    cr_expect_eq(sys_clock_gettime(-1, &h), -ASTRA_EINVAL);
    cr_expect_eq(sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_clock_gettime(HERMIT_CLOCK_REALTIME, unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_get_errno(), ASTRA_EFAULT);
}

/* ---- futex ---- */

Test(futex, a_changed_value_is_eagain_at_once)
{
    static uint32_t word = 5;
    cr_expect_eq(sys_futex_wait(&word, 6, NULL, 0), -ASTRA_EAGAIN);
    struct hermit_timespec rel = { 10, 0 };
    cr_expect_eq(sys_futex_wait(&word, 4, &rel, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_EAGAIN);
}

Test(futex, a_relative_timeout_expires_with_etimedout)
{
    static uint32_t word;
    struct hermit_timespec rel;
    memset(&rel, 0xee, sizeof rel); /* garbage in hermit's padding must not matter */
    rel.tv_sec = 0;
    rel.tv_nsec = 80 * 1000 * 1000;
    int64_t t0 = mono_ns();
    cr_expect_eq(sys_futex_wait(&word, 0, &rel, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_ETIMEDOUT);
    int64_t took = mono_ns() - t0;
    cr_expect(took >= 80000000 && took < 2000000000, "%lld ns", (long long)took);
}

Test(futex, an_absolute_monotonic_deadline_expires_with_etimedout)
{
    static uint32_t word;
    struct hermit_timespec now;
    sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &now);
    int64_t deadline = now.tv_sec * 1000000000LL + now.tv_nsec + 60000000;
    struct hermit_timespec abs = { deadline / 1000000000, (int32_t)(deadline % 1000000000) };
    cr_expect_eq(sys_futex_wait(&word, 0, &abs, 0), -ASTRA_ETIMEDOUT);
    cr_expect_geq(mono_ns(), deadline);
    struct hermit_timespec past = { now.tv_sec - 1, 0 }, zero = { 0, 0 };
    int64_t t0 = mono_ns();
    cr_expect_eq(sys_futex_wait(&word, 0, &past, 0), -ASTRA_ETIMEDOUT);
    cr_expect_eq(sys_futex_wait(&word, 0, &zero, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_ETIMEDOUT);
    cr_expect_lt(mono_ns() - t0, 50000000);
}

struct waiter_args {
    uint32_t *word;
    const struct hermit_timespec *timeout;
    uint32_t flags;
    int result;
};

static void *waiter(void *p)
{
    struct waiter_args *a = p;
    a->result = sys_futex_wait(a->word, 0, a->timeout, a->flags);
    return NULL;
}

/* Wakes waiters one batch at a time until `n` are woken. */
static int wake_until(uint32_t *word, int count, int n)
{
    int total = 0, first = -1;
    for (int spins = 0; total < n && spins < 5000; spins++) {
        int r = sys_futex_wake(word, count);
        if (first < 0 && r > 0)
            first = r;
        total += r;
        if (total < n)
            usleep(1000);
    }
    return first;
}

Test(futex, wake_returns_how_many_it_woke)
{
    static uint32_t word;
    struct hermit_timespec rel = { 5, 0 };
    struct waiter_args args[3] = { { &word, NULL, 0, -99 }, { &word, &rel, HERMIT_FUTEX_RELATIVE_TIMEOUT, -99 },
                                   { &word, NULL, 0, -99 } };
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, waiter, &args[i]);
    usleep(100000); /* all three asleep */
    cr_expect_eq(sys_futex_wake(&word, 0), 0);
    cr_expect_eq(sys_futex_wake(&word, 2), 2);
    cr_expect_eq(wake_until(&word, INT32_MAX, 1), 1);
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        cr_expect_eq(args[i].result, 0, "waiter %d", i);
    }
    cr_expect_eq(sys_futex_wake(&word, INT32_MAX), 0);
}

Test(futex, bad_addresses_flags_and_timeouts_are_rejected)
{
    static _Alignas(8) uint32_t words[2];
    struct hermit_timespec ok = { 0, 1000 }, neg_sec = { -1, 0 }, neg_nsec = { 0, -1 }, big_nsec = { 0, 1000000000 };
    cr_expect_eq(sys_futex_wait(NULL, 0, NULL, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait((uint32_t *)((char *)words + 1), 0, NULL, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait((uint32_t *)((char *)words + 2), 0, &ok, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait(unmapped(), 0, NULL, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_futex_wait(words, 0, NULL, 2), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait(words, 0, &ok, 0x80000000u), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait(words, 0, &neg_sec, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait(words, 0, &neg_nsec, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait(words, 0, &big_nsec, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wait(words, 0, unmapped(), HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_EFAULT);
    cr_expect_eq(sys_futex_wait(words, 0, (void *)16, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_futex_wake(NULL, 1), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wake(words, -1), -ASTRA_EINVAL);
    cr_expect_eq(sys_futex_wake((uint32_t *)((char *)words + 1), 1), -ASTRA_EINVAL);
    cr_expect_eq(sys_get_errno(), ASTRA_EINVAL);
}

/* ---- semaphores ---- */

Test(semaphore, counts_down_and_up)
{
    hermit_sem_t sem = NULL;
    cr_assert_eq(sys_sem_init(&sem, 0, 2), 0);
    cr_assert(sem);
    cr_expect_eq(sys_sem_trywait(&sem), 0);
    cr_expect_eq(sys_sem_timedwait(&sem, NULL), 0);
    cr_expect_eq(sys_sem_trywait(&sem), -ASTRA_ECANCELED);
    cr_expect_eq(sys_sem_post(&sem), 0);
    cr_expect_eq(sys_sem_trywait(&sem), 0);
    cr_expect_eq(sys_sem_destroy(&sem), 0);
    cr_expect_null(sem);
    cr_expect_eq(sys_sem_post(&sem), -ASTRA_EINVAL);
}

Test(semaphore, timedwait_honours_an_absolute_realtime_deadline)
{
    hermit_sem_t sem;
    sys_sem_init(&sem, 0, 0);
    struct hermit_timespec now;
    sys_clock_gettime(HERMIT_CLOCK_REALTIME, &now);
    struct hermit_timespec deadline = { now.tv_sec, now.tv_nsec + 100000000 };
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    int64_t t0 = mono_ns();
    cr_expect_eq(sys_sem_timedwait(&sem, &deadline), -ASTRA_ETIME);
    cr_expect_geq(mono_ns() - t0, 90000000);
    struct hermit_timespec past = { now.tv_sec - 10, 0 };
    cr_expect_eq(sys_sem_timedwait(&sem, &past), -ASTRA_ETIME);
    sys_sem_post(&sem);
    cr_expect_eq(sys_sem_timedwait(&sem, &past), 0); /* available: no waiting, no timeout */
    struct hermit_timespec bad = { 0, 1000000000 };
    cr_expect_eq(sys_sem_timedwait(&sem, &bad), -ASTRA_EINVAL);
    cr_expect_eq(sys_sem_timedwait(&sem, unmapped()), -ASTRA_EFAULT);
}

static void *post_later(void *p)
{
    usleep(50000);
    sys_sem_post(p);
    return NULL;
}

Test(semaphore, a_post_wakes_a_blocked_waiter)
{
    hermit_sem_t sem;
    sys_sem_init(&sem, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, post_later, &sem);
    int64_t t0 = mono_ns();
    cr_expect_eq(sys_sem_timedwait(&sem, NULL), 0);
    cr_expect_geq(mono_ns() - t0, 40000000);
    pthread_join(t, NULL);
}

Test(semaphore, bad_slots_are_errors_not_crashes)
{
    hermit_sem_t sem = NULL, garbage = (hermit_sem_t)&sem;
    cr_expect_eq(sys_sem_init(NULL, 0, 1), -ASTRA_EINVAL);
    cr_expect_eq(sys_sem_init(&sem, 1, 1), -ASTRA_EINVAL);
    cr_expect_eq(sys_sem_init(&sem, 0, 0x80000000u), -ASTRA_EINVAL);
    cr_expect_eq(sys_sem_init(unmapped(), 0, 1), -ASTRA_EFAULT);
    cr_expect_eq(sys_sem_post(NULL), -ASTRA_EINVAL);
    cr_expect_eq(sys_sem_post(&sem), -ASTRA_EINVAL);      /* never initialised */
    cr_expect_eq(sys_sem_trywait(&garbage), -ASTRA_EINVAL); /* not a semaphore */
    hermit_sem_t wild = unmapped();
    cr_expect_eq(sys_sem_timedwait(&wild, NULL), -ASTRA_EINVAL);
    cr_expect_eq(sys_sem_destroy(unmapped()), -ASTRA_EFAULT);
}

/* ---- wait queues ---- */

static size_t queue_word;

static void *queue_waiter(void *p)
{
    int64_t timeout_ns = *(int64_t *)p;
    int r = sys_add_queue((size_t)&queue_word, timeout_ns);
    if (r == 0)
        r = sys_wait((size_t)&queue_word);
    *(int64_t *)p = r;
    return NULL;
}

Test(queue, notify_wakes_waiters_and_a_timeout_expires)
{
    size_t id = (size_t)&queue_word;
    cr_assert_eq(sys_init_queue(id), 0);
    int64_t args[3] = { 0, 0, 0 };
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, queue_waiter, &args[i]);
    usleep(100000);
    cr_expect_eq(sys_notify(id, 1), 0);
    cr_expect_eq(sys_notify(id, -1), 0);
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        cr_expect_eq(args[i], 0);
    }
    int64_t timed = 50000000;
    int64_t t0 = mono_ns();
    queue_waiter(&timed);
    cr_expect_eq(timed, -ASTRA_ETIMEDOUT);
    cr_expect_geq(mono_ns() - t0, 50000000);
    cr_expect_eq(sys_destroy_queue(id), 0);
}

Test(queue, a_notify_between_add_and_wait_is_not_lost)
{
    size_t id = (size_t)&queue_word;
    cr_assert_eq(sys_add_queue(id, 0), 0);
    cr_expect_eq(sys_notify(id, 1), 0);
    int64_t t0 = mono_ns();
    cr_expect_eq(sys_wait(id), 0);
    cr_expect_lt(mono_ns() - t0, 50000000);
}

Test(queue, misuse_is_einval)
{
    cr_expect_eq(sys_init_queue(0), -ASTRA_EINVAL);
    cr_expect_eq(sys_add_queue(0, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_notify(12345, 1), -ASTRA_EINVAL); /* no such queue */
    cr_expect_eq(sys_wait(12345), -ASTRA_EINVAL);      /* not registered */
    cr_expect_eq(sys_destroy_queue(0), -ASTRA_EINVAL);
    cr_expect_eq(sys_add_queue(777, 0), 0);
    cr_expect_eq(sys_add_queue(778, 0), -ASTRA_EINVAL); /* already waiting on one */
    cr_expect_eq(sys_wait(778), -ASTRA_EINVAL);
    cr_expect_eq(sys_notify(777, 0), 0);
}
