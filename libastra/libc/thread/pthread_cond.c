#include "../internal/libc.h"

/* pthread_cond_t (48 bytes, zero = a default condition): a sequence number that signal and
 * broadcast bump and waiters sleep on, and the clock of timed waits. */
struct cond {
    unsigned seq;
    int clock;
};
_Static_assert(sizeof(struct cond) <= sizeof(pthread_cond_t), "fits pthread_cond_t");

static struct cond *c_of(pthread_cond_t *c) { return (struct cond *)c; }

int pthread_condattr_init(pthread_condattr_t *a)
{
    a->__attr = CLOCK_REALTIME;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a)
{
    (void)a;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clk)
{
    if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC)
        return EINVAL;
    a->__attr = (unsigned)clk;
    return 0;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a)
{
    memset(c, 0, sizeof *c);
    c_of(c)->clock = a ? (int)a->__attr : CLOCK_REALTIME;
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
    (void)c;
    return 0;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime)
{
    struct cond *x = c_of(c);
    if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
        return EINVAL;
    unsigned seq = __atomic_load_n(&x->seq, __ATOMIC_ACQUIRE);
    pthread_mutex_unlock(m);
    long r = 0;
    if (abstime) {
        int op = ASTRA_FUTEX_WAIT_BITSET | ASTRA_FUTEX_PRIVATE_FLAG |
                 (x->clock == CLOCK_REALTIME ? ASTRA_FUTEX_CLOCK_REALTIME : 0);
        r = SYS6(futex, &x->seq, op, seq, abstime, 0, ASTRA_FUTEX_BITSET_MATCH_ANY);
    } else {
        r = SYS4(futex, &x->seq, ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG, seq, 0);
    }
    pthread_mutex_lock(m);
    return r == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
    return pthread_cond_timedwait(c, m, 0);
}

int pthread_cond_signal(pthread_cond_t *c)
{
    __atomic_fetch_add(&c_of(c)->seq, 1, __ATOMIC_RELEASE);
    SYS3(futex, &c_of(c)->seq, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 1);
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
    __atomic_fetch_add(&c_of(c)->seq, 1, __ATOMIC_RELEASE);
    SYS3(futex, &c_of(c)->seq, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 0x7fffffff);
    return 0;
}
