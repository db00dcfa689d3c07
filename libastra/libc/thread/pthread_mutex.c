#include "../internal/libc.h"

/* pthread_mutex_t (40 bytes, zero = a default mutex): the lock word (0 free, 1 locked,
 * 2 locked with waiters), the type, the owner's tid and the recursion count. */
struct mutex {
    int lock;
    int type;
    int owner;
    int count;
};
_Static_assert(sizeof(struct mutex) <= sizeof(pthread_mutex_t), "fits pthread_mutex_t");

static struct mutex *m_of(pthread_mutex_t *m) { return (struct mutex *)m; }

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
    a->__attr = 0;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
    (void)a;
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
    if ((unsigned)type > PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    a->__attr = (unsigned)type;
    return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a)
{
    memset(m, 0, sizeof *m);
    m_of(m)->type = a ? (int)a->__attr : 0;
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
    (void)m;
    return 0;
}

static int self_tid(void) { return astra_self()->tid; }

/* 1 when the caller already holds a recursive or error-checking mutex (the result in *r). */
static int held_by_caller(struct mutex *x, int *r)
{
    if (x->type == PTHREAD_MUTEX_NORMAL || __atomic_load_n(&x->owner, __ATOMIC_RELAXED) != self_tid())
        return 0;
    if (x->type == PTHREAD_MUTEX_ERRORCHECK) {
        *r = EDEADLK;
    } else if (x->count == 0x7fffffff) {
        *r = EAGAIN;
    } else {
        x->count++;
        *r = 0;
    }
    return 1;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
    struct mutex *x = m_of(m);
    int r, expected = 0;
    if (held_by_caller(x, &r))
        return r == EDEADLK ? EBUSY : r;
    if (!__atomic_compare_exchange_n(&x->lock, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return EBUSY;
    if (x->type != PTHREAD_MUTEX_NORMAL)
        __atomic_store_n(&x->owner, self_tid(), __ATOMIC_RELAXED);
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
    struct mutex *x = m_of(m);
    int r, expected = 0;
    if (held_by_caller(x, &r))
        return r;
    if (!__atomic_compare_exchange_n(&x->lock, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        while (__atomic_exchange_n(&x->lock, 2, __ATOMIC_ACQUIRE) != 0)
            SYS4(futex, &x->lock, ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG, 2, 0);
    }
    if (x->type != PTHREAD_MUTEX_NORMAL)
        __atomic_store_n(&x->owner, self_tid(), __ATOMIC_RELAXED);
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
    struct mutex *x = m_of(m);
    if (x->type != PTHREAD_MUTEX_NORMAL) {
        if (__atomic_load_n(&x->owner, __ATOMIC_RELAXED) != self_tid())
            return EPERM;
        if (x->count) {
            x->count--;
            return 0;
        }
        __atomic_store_n(&x->owner, 0, __ATOMIC_RELAXED);
    }
    if (__atomic_exchange_n(&x->lock, 0, __ATOMIC_RELEASE) == 2)
        SYS3(futex, &x->lock, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 1);
    return 0;
}
