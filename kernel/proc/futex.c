#include <astra/abi.h>

#include "mm/uvm.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/sched.h"

#define BUCKETS 256

/* Waiters of the futex words that hash here, in arrival order, doubly linked: a wait appends
 * and a cancel unlinks in constant time however many threads wait on one word (a barrier or
 * condition variable with a thousand threads used to make each wait walk all of them). */
static struct bucket {
    struct thread *head, *tail;
} buckets[BUCKETS];

static struct bucket *bucket(uint64_t uaddr) { return &buckets[(uaddr >> 2) % BUCKETS]; }

static void unlink_waiter(struct bucket *b, struct thread *t)
{
    if (t->futex_prev)
        t->futex_prev->futex_next = t->futex_next;
    else
        b->head = t->futex_next;
    if (t->futex_next)
        t->futex_next->futex_prev = t->futex_prev;
    else
        b->tail = t->futex_prev;
    t->futex_next = t->futex_prev = 0;
    t->futex_addr = 0;
}

int futex_wait(struct mm *mm, uint64_t uaddr, uint32_t val, uint64_t deadline_ns, uint32_t bitset)
{
    if (uaddr & 3)
        return -ASTRA_EINVAL;
    uint32_t cur;
    if (uvm_copy_in(mm, &cur, uaddr, sizeof cur))
        return -ASTRA_EFAULT;
    if (cur != val)
        return -ASTRA_EAGAIN;
    struct thread *t = current_thread();
    struct bucket *b = bucket(uaddr);
    t->futex_addr = uaddr;
    t->futex_bitset = bitset;
    t->futex_next = 0;
    t->futex_prev = b->tail; /* waiters are woken in arrival order */
    if (b->tail)
        b->tail->futex_next = t;
    else
        b->head = t;
    b->tail = t;
    return sched_block(deadline_ns);
}

int futex_wake(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset)
{
    if (uaddr & 3)
        return -ASTRA_EINVAL;
    int woken = 0;
    struct bucket *b = bucket(uaddr);
    for (struct thread *t = b->head, *next; t && woken < n; t = next) {
        next = t->futex_next;
        if (t->futex_addr == uaddr && t->proc->mm == mm && (t->futex_bitset & bitset)) {
            unlink_waiter(b, t);
            sched_wake(t, 0);
            woken++;
        }
    }
    return woken;
}

void futex_cancel(struct thread *t)
{
    if (t->futex_addr)
        unlink_waiter(bucket(t->futex_addr), t);
}
