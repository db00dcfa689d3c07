#include "../internal/libc.h"

/* pthread_rwlock_t (56 bytes, zero = unlocked): state is the number of readers, or -1 for a
 * writer; waiters counts sleepers, who all wake at each release and compete again. */
struct rwlock {
    int state;
    int waiters;
};
_Static_assert(sizeof(struct rwlock) <= sizeof(pthread_rwlock_t), "fits pthread_rwlock_t");

static struct rwlock *l_of(pthread_rwlock_t *l) { return (struct rwlock *)l; }

int pthread_rwlock_init(pthread_rwlock_t *restrict l, const pthread_rwlockattr_t *restrict a)
{
    (void)a;
    memset(l, 0, sizeof *l);
    return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
    (void)l;
    return 0;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
    struct rwlock *x = l_of(l);
    int s = __atomic_load_n(&x->state, __ATOMIC_RELAXED);
    while (s >= 0) {
        if (s == 0x7ffffffe)
            return EAGAIN;
        if (__atomic_compare_exchange_n(&x->state, &s, s + 1, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 0;
    }
    return EBUSY;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
    int expected = 0;
    return __atomic_compare_exchange_n(&l_of(l)->state, &expected, -1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)
               ? 0
               : EBUSY;
}

static int wait_for(pthread_rwlock_t *l, int (*try)(pthread_rwlock_t *))
{
    struct rwlock *x = l_of(l);
    int r;
    while ((r = try(l)) == EBUSY) {
        int s = __atomic_load_n(&x->state, __ATOMIC_RELAXED);
        if (s == 0 || (s > 0 && try == pthread_rwlock_tryrdlock))
            continue;
        __atomic_fetch_add(&x->waiters, 1, __ATOMIC_ACQ_REL);
        SYS4(futex, &x->state, ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG, s, 0);
        __atomic_fetch_sub(&x->waiters, 1, __ATOMIC_ACQ_REL);
    }
    return r;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l) { return wait_for(l, pthread_rwlock_tryrdlock); }

int pthread_rwlock_wrlock(pthread_rwlock_t *l) { return wait_for(l, pthread_rwlock_trywrlock); }

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
    struct rwlock *x = l_of(l);
    int s = __atomic_load_n(&x->state, __ATOMIC_RELAXED), next;
    do
        next = s == -1 ? 0 : s - 1;
    while (!__atomic_compare_exchange_n(&x->state, &s, next, 1, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
    if (next == 0 && __atomic_load_n(&x->waiters, __ATOMIC_ACQUIRE))
        SYS3(futex, &x->state, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 0x7fffffff);
    return 0;
}
