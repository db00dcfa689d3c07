#include <astra/abi.h>

#include "futex.h"
#include "proc.h"
#include "sched.h"
#include "uvm.h"

#define BUCKETS 64
static struct thread *buckets[BUCKETS];

static struct thread **bucket(uint64_t uaddr) { return &buckets[(uaddr >> 2) % BUCKETS]; }

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
    t->futex_addr = uaddr;
    t->futex_bitset = bitset;
    t->futex_next = 0;
    struct thread **tail = bucket(uaddr);
    while (*tail)
        tail = &(*tail)->futex_next;
    *tail = t; /* waiters are woken in arrival order */
    return sched_block(deadline_ns);
}

static void unlink_waiter(struct thread *t)
{
    for (struct thread **l = bucket(t->futex_addr); *l; l = &(*l)->futex_next)
        if (*l == t) {
            *l = t->futex_next;
            break;
        }
    t->futex_addr = 0;
}

int futex_wake(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset)
{
    if (uaddr & 3)
        return -ASTRA_EINVAL;
    int woken = 0;
    struct thread **l = bucket(uaddr);
    while (*l && woken < n) {
        struct thread *t = *l;
        if (t->futex_addr == uaddr && t->proc->mm == mm && (t->futex_bitset & bitset)) {
            *l = t->futex_next;
            t->futex_addr = 0;
            sched_wake(t, 0);
            woken++;
        } else {
            l = &t->futex_next;
        }
    }
    return woken;
}

void futex_cancel(struct thread *t)
{
    if (t->futex_addr)
        unlink_waiter(t);
}
