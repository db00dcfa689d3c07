/* Recursive mutexes under the names hermit-abi 0.1.3-0.2.6 used (see compat.h). As with
 * semaphores, the object carries a magic word so that a pointer to anything else is -EINVAL,
 * never a crash. */
#include "compat.h"

#include "../internal/lock.h"
#include "../internal/syscall.h"
#include "../internal/thread.h"
#include "../internal/uaccess.h"

#define RECMUTEX_MAGIC 0x52454d58u /* "REMX" */

struct recmutex {
    uint32_t magic;
    uint32_t count;             /* recursion depth of the owner; written by the owner only */
    struct astra_tcb *owner;    /* the holding thread, or NULL */
    astra_lock_t lock;
};

static struct recmutex *recmutex_of(const void *p)
{
    struct recmutex copy;
    if (!p || astra_copy_from_user(&copy, p, sizeof copy) < 0 || copy.magic != RECMUTEX_MAGIC)
        return 0;
    return (struct recmutex *)(uintptr_t)p;
}

int32_t sys_recmutex_init(const void **recmutex)
{
    if (!recmutex)
        return (int32_t)astra_ret(-ASTRA_EINVAL);
    struct recmutex *m = sys_alloc(sizeof *m, _Alignof(struct recmutex));
    if (!m)
        return (int32_t)astra_ret(-ASTRA_ENOMEM);
    *m = (struct recmutex){ .magic = RECMUTEX_MAGIC, .lock = ASTRA_LOCK_INIT };
    const void *handle = m;
    long r = astra_copy_to_user(recmutex, &handle, sizeof handle);
    if (r < 0)
        sys_dealloc(m, sizeof *m, _Alignof(struct recmutex));
    return (int32_t)astra_ret(r);
}

int32_t sys_recmutex_destroy(const void *recmutex)
{
    struct recmutex *m = recmutex_of(recmutex);
    if (!m)
        return (int32_t)astra_ret(-ASTRA_EINVAL);
    if (__atomic_load_n(&m->owner, __ATOMIC_ACQUIRE))
        return (int32_t)astra_ret(-ASTRA_EBUSY);
    m->magic = 0;
    sys_dealloc(m, sizeof *m, _Alignof(struct recmutex));
    return 0;
}

int32_t sys_recmutex_lock(const void *recmutex)
{
    struct recmutex *m = recmutex_of(recmutex);
    if (!m)
        return (int32_t)astra_ret(-ASTRA_EINVAL);
    struct astra_tcb *self = astra_self();
    /* Only this thread can have stored self in owner, so a relaxed read is enough. */
    if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == self) {
        if (m->count == UINT32_MAX)
            return (int32_t)astra_ret(-ASTRA_EAGAIN);
        m->count++;
        return 0;
    }
    astra_lock(&m->lock);
    __atomic_store_n(&m->owner, self, __ATOMIC_RELAXED);
    m->count = 1;
    return 0;
}

int32_t sys_recmutex_unlock(const void *recmutex)
{
    struct recmutex *m = recmutex_of(recmutex);
    if (!m)
        return (int32_t)astra_ret(-ASTRA_EINVAL);
    if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != astra_self())
        return (int32_t)astra_ret(-ASTRA_EPERM);
    if (--m->count == 0) {
        __atomic_store_n(&m->owner, (struct astra_tcb *)0, __ATOMIC_RELAXED);
        astra_unlock(&m->lock);
    }
    return 0;
}
