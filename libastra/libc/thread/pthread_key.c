#include "../../internal/lock.h"
#include "../internal/libc.h"

/* Keys: a destructor slot each, plus a sequence number that pthread_key_create bumps, so that
 * a value a thread set under a deleted key reads as NULL under its successor. */
struct astra_tsd_slot {
    unsigned seq;
    void *value;
};

static void no_destructor(void *p) { (void)p; }

static void (*destructors[PTHREAD_KEYS_MAX])(void *);
static unsigned sequence[PTHREAD_KEYS_MAX];
static astra_lock_t key_lock = ASTRA_LOCK_INIT;

int __pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    astra_lock(&key_lock);
    for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
        if (!destructors[k]) {
            destructors[k] = destructor ? destructor : no_destructor;
            sequence[k]++;
            astra_unlock(&key_lock);
            *key = k;
            return 0;
        }
    }
    astra_unlock(&key_lock);
    return EAGAIN;
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *)) __attribute__((alias("__pthread_key_create")));

int pthread_key_delete(pthread_key_t key)
{
    if (key >= PTHREAD_KEYS_MAX)
        return EINVAL;
    astra_lock(&key_lock);
    int r = destructors[key] ? 0 : EINVAL;
    destructors[key] = 0;
    astra_unlock(&key_lock);
    return r;
}

void *pthread_getspecific(pthread_key_t key)
{
    struct astra_tsd_slot *tsd = astra_self()->tsd;
    if (!tsd || key >= PTHREAD_KEYS_MAX || tsd[key].seq != __atomic_load_n(&sequence[key], __ATOMIC_RELAXED))
        return 0;
    return tsd[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
    if (key >= PTHREAD_KEYS_MAX)
        return EINVAL;
    struct astra_tcb *self = astra_self();
    if (!self->tsd) {
        if (!value)
            return 0;
        self->tsd = calloc(PTHREAD_KEYS_MAX, sizeof *self->tsd);
        if (!self->tsd)
            return ENOMEM;
    }
    self->tsd[key].seq = __atomic_load_n(&sequence[key], __ATOMIC_RELAXED);
    self->tsd[key].value = (void *)value;
    return 0;
}

/* At thread exit: thread_local destructors, then key destructors for non-NULL values, up to
 * PTHREAD_DESTRUCTOR_ITERATIONS (4) rounds, as POSIX describes. */
void astra_libc_thread_cleanup(void)
{
    astra_libc_run_tls_dtors();
    struct astra_tcb *self = astra_self();
    for (int round = 0; round < 4 && self->tsd; round++) {
        int again = 0;
        for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
            void *v = pthread_getspecific(k);
            void (*d)(void *) = destructors[k];
            if (!v || !d)
                continue;
            self->tsd[k].value = 0;
            d(v);
            again = 1;
        }
        if (!again)
            break;
    }
    free(self->tsd);
    self->tsd = 0;
}

/* gcc's libgcc_eh (gthr-posix.h) refers weakly to these and uses them all once
 * __pthread_key_create exists: whoever links this file gets them all. */
extern int pthread_once(pthread_once_t *, void (*)(void));
extern int pthread_mutex_lock(pthread_mutex_t *);
extern int pthread_mutex_unlock(pthread_mutex_t *);
__attribute__((used)) static void *const libgcc_eh_needs[] = {
    (void *)pthread_once, (void *)pthread_mutex_lock, (void *)pthread_mutex_unlock,
};
