#include <astra/astra.h>

#include "../internal/lock.h"
#include "../internal/syscall.h"
#include "../internal/time.h"

/* hermit's wait queues, the condition variables of its older std: a waiter registers with
 * sys_add_queue (while holding its mutex), unlocks, then sleeps in sys_wait; sys_notify
 * wakes. Queues are found by id in libastra's own table, so the id is never dereferenced. A
 * notify bumps the queue's sequence number, so one that comes between add_queue and wait is
 * not lost. */
struct wait_queue {
    size_t id;
    volatile uint32_t seq;
    volatile uint32_t waiters;
    struct wait_queue *next;
};

static astra_lock_t queues_lock = ASTRA_LOCK_INIT;
static struct wait_queue *queues;

static _Thread_local struct {
    struct wait_queue *queue;
    uint32_t seq;
    int has_deadline;
    struct astra_timespec deadline;
} pending;

static struct wait_queue *find(size_t id)
{
    struct wait_queue *q = queues;
    while (q && q->id != id)
        q = q->next;
    return q;
}

static struct wait_queue *find_or_create(size_t id)
{
    astra_lock(&queues_lock);
    struct wait_queue *q = find(id);
    if (!q && (q = (struct wait_queue *)sys_alloc(sizeof *q, _Alignof(struct wait_queue)))) {
        *q = (struct wait_queue){ .id = id, .next = queues };
        queues = q;
    }
    astra_unlock(&queues_lock);
    return q;
}

int sys_init_queue(size_t id)
{
    if (!id)
        return (int)astra_ret(-ASTRA_EINVAL);
    return find_or_create(id) ? 0 : (int)astra_ret(-ASTRA_ENOMEM);
}

int sys_destroy_queue(size_t id)
{
    if (!id)
        return (int)astra_ret(-ASTRA_EINVAL);
    astra_lock(&queues_lock);
    struct wait_queue **p = &queues;
    while (*p && (*p)->id != id)
        p = &(*p)->next;
    struct wait_queue *q = *p;
    if (q)
        *p = q->next;
    astra_unlock(&queues_lock);
    if (q)
        sys_free(q, sizeof *q, _Alignof(struct wait_queue));
    return 0;
}

int sys_add_queue(size_t id, int64_t timeout_ns)
{
    if (!id || pending.queue)
        return (int)astra_ret(-ASTRA_EINVAL);
    struct wait_queue *q = find_or_create(id);
    if (!q)
        return (int)astra_ret(-ASTRA_ENOMEM);
    pending.queue = q;
    pending.seq = __atomic_load_n(&q->seq, __ATOMIC_ACQUIRE);
    pending.has_deadline = timeout_ns > 0;
    if (pending.has_deadline) {
        struct astra_timespec rel = { timeout_ns / ASTRA_NSEC_PER_SEC, timeout_ns % ASTRA_NSEC_PER_SEC };
        pending.deadline = astra_deadline_after(ASTRA_CLOCK_MONOTONIC, &rel);
    }
    __atomic_fetch_add(&q->waiters, 1, __ATOMIC_ACQ_REL);
    return 0;
}

int sys_wait(size_t id)
{
    struct wait_queue *q = pending.queue;
    if (!q || q->id != id)
        return (int)astra_ret(-ASTRA_EINVAL);
    long r = 0;
    while (__atomic_load_n(&q->seq, __ATOMIC_ACQUIRE) == pending.seq) {
        r = astra_syscall6(ASTRA_NR_futex, (long)&q->seq,
                           ASTRA_FUTEX_WAIT_BITSET | ASTRA_FUTEX_PRIVATE_FLAG, pending.seq,
                           pending.has_deadline ? (long)&pending.deadline : 0, 0,
                           (long)ASTRA_FUTEX_BITSET_MATCH_ANY);
        if (r == -ASTRA_ETIMEDOUT)
            break;
        r = 0;
    }
    __atomic_fetch_sub(&q->waiters, 1, __ATOMIC_ACQ_REL);
    pending.queue = 0;
    return (int)astra_ret(r);
}

int sys_notify(size_t id, int32_t count)
{
    astra_lock(&queues_lock);
    struct wait_queue *q = id ? find(id) : 0;
    astra_unlock(&queues_lock);
    if (!q)
        return (int)astra_ret(-ASTRA_EINVAL);
    if (count == 0 || !__atomic_load_n(&q->waiters, __ATOMIC_ACQUIRE))
        return 0;
    __atomic_fetch_add(&q->seq, 1, __ATOMIC_ACQ_REL);
    astra_syscall3(ASTRA_NR_futex, (long)&q->seq, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG,
                   count < 0 ? 0x7fffffff : count);
    return 0;
}
