#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

/* hermit's sem_t is a pointer that sys_sem_init stores in the caller's slot. The object
 * carries a magic word so that a slot holding anything else is -EINVAL, never a crash. */
#define SEM_MAGIC 0x53454d41u /* "SEMA" */

struct semaphore {
    uint32_t magic;
    volatile uint32_t value;
    volatile uint32_t waiters;
};

/* The semaphore in *sem, or NULL with *err = -EINVAL (null or uninitialised slot, not a
 * semaphore) or -EFAULT (unreadable slot). */
static struct semaphore *semaphore_of(hermit_sem_t *sem, long *err)
{
    struct semaphore *s, copy;
    if (!sem) {
        *err = -ASTRA_EINVAL;
        return 0;
    }
    if ((*err = astra_copy_from_user(&s, sem, sizeof s)) < 0)
        return 0;
    if (!s || astra_copy_from_user(&copy, s, sizeof copy) < 0 || copy.magic != SEM_MAGIC) {
        *err = -ASTRA_EINVAL;
        return 0;
    }
    return s;
}

int sys_sem_init(hermit_sem_t *sem, int32_t pshared, uint32_t value)
{
    if (!sem || pshared != 0 || value > 0x7fffffffu)
        return (int)astra_ret(-ASTRA_EINVAL);
    struct semaphore *s = (struct semaphore *)sys_alloc(sizeof *s, _Alignof(struct semaphore));
    if (!s)
        return (int)astra_ret(-ASTRA_ENOMEM);
    *s = (struct semaphore){ .magic = SEM_MAGIC, .value = value };
    long r = astra_copy_to_user(sem, &s, sizeof s);
    if (r < 0)
        sys_free(s, sizeof *s, _Alignof(struct semaphore));
    return (int)astra_ret(r);
}

int sys_sem_destroy(hermit_sem_t *sem)
{
    long err;
    struct semaphore *s = semaphore_of(sem, &err);
    if (!s)
        return (int)astra_ret(err);
    s->magic = 0;
    sys_free(s, sizeof *s, _Alignof(struct semaphore));
    hermit_sem_t none = 0;
    return (int)astra_ret(astra_copy_to_user(sem, &none, sizeof none));
}

int sys_sem_post(hermit_sem_t *sem)
{
    long err;
    struct semaphore *s = semaphore_of(sem, &err);
    if (!s)
        return (int)astra_ret(err);
    __atomic_fetch_add(&s->value, 1, __ATOMIC_RELEASE);
    if (__atomic_load_n(&s->waiters, __ATOMIC_ACQUIRE))
        astra_syscall3(ASTRA_NR_futex, (long)&s->value, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 1);
    return 0;
}

static int try_take(struct semaphore *s)
{
    uint32_t v = __atomic_load_n(&s->value, __ATOMIC_RELAXED);
    while (v > 0)
        if (__atomic_compare_exchange_n(&s->value, &v, v - 1, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 1;
    return 0;
}

int sys_sem_trywait(hermit_sem_t *sem)
{
    long err;
    struct semaphore *s = semaphore_of(sem, &err);
    if (!s)
        return (int)astra_ret(err);
    return try_take(s) ? 0 : (int)astra_ret(-ASTRA_ECANCELED);
}

int sys_sem_timedwait(hermit_sem_t *sem, const struct hermit_timespec *abs_timeout)
{
    long err;
    struct semaphore *s = semaphore_of(sem, &err);
    if (!s)
        return (int)astra_ret(err);
    struct astra_timespec deadline;
    if (abs_timeout) {
        struct hermit_timespec h;
        long r = astra_copy_from_user(&h, abs_timeout, sizeof h);
        if (r == 0)
            r = astra_timespec_from_hermit(&h, &deadline);
        if (r < 0)
            return (int)astra_ret(r);
    }
    while (!try_take(s)) {
        __atomic_fetch_add(&s->waiters, 1, __ATOMIC_ACQ_REL);
        long r = astra_syscall6(ASTRA_NR_futex, (long)&s->value,
                                ASTRA_FUTEX_WAIT_BITSET | ASTRA_FUTEX_PRIVATE_FLAG |
                                    ASTRA_FUTEX_CLOCK_REALTIME,
                                0, abs_timeout ? (long)&deadline : 0, 0,
                                (long)ASTRA_FUTEX_BITSET_MATCH_ANY);
        __atomic_fetch_sub(&s->waiters, 1, __ATOMIC_ACQ_REL);
        if (r == -ASTRA_ETIMEDOUT)
            return try_take(s) ? 0 : (int)astra_ret(-ASTRA_ETIME);
    }
    return 0;
}
