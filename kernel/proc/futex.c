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

/* Linux's ROBUST_LIST_LIMIT: a list longer than this (or circular) is not walked further. */
#define ROBUST_LIST_LIMIT 2048

/* The futex word at entry + offset, if t owns it: marked as its owner's death, and one
 * waiter woken. */
static void robust_futex_died(struct thread *t, uint64_t entry, int64_t offset)
{
    struct mm *mm = t->proc->mm;
    uint64_t uaddr = entry + (uint64_t)offset;
    uint32_t word;
    if ((uaddr & 3) || uvm_copy_in(mm, &word, uaddr, sizeof word) || (word & ASTRA_FUTEX_TID_MASK) != (uint32_t)t->tid)
        return;
    uint32_t died = (word & ASTRA_FUTEX_WAITERS) | ASTRA_FUTEX_OWNER_DIED;
    if (uvm_copy_out(mm, uaddr, &died, sizeof died))
        return;
    if (word & ASTRA_FUTEX_WAITERS)
        futex_wake(mm, uaddr, 1, ASTRA_FUTEX_BITSET_MATCH_ANY);
}

void futex_exit_robust(struct thread *t)
{
    uint64_t head = t->robust_list;
    t->robust_list = 0;
    struct astra_robust_list_head h;
    if (!head || !t->proc->mm || uvm_copy_in(t->proc->mm, &h, head, sizeof h))
        return;
    uint64_t pending = h.list_op_pending & ~1ULL; /* bit 0 marks a PI futex */
    uint64_t entry = h.next;
    for (int n = 0; (entry & ~1ULL) != head && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t next;
        entry &= ~1ULL;
        if (uvm_copy_in(t->proc->mm, &next, entry, sizeof next))
            return; /* read first: the word's change may let another thread free the entry */
        if (entry != pending)
            robust_futex_died(t, entry, h.futex_offset);
        entry = next;
    }
    if (pending)
        robust_futex_died(t, pending, h.futex_offset);
}
