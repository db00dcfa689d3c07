/* Futexes: threads blocked on a user word, found by (address space, address). */
#ifndef ASTRA_KERNEL_FUTEX_H
#define ASTRA_KERNEL_FUTEX_H

#include <stdint.h>

struct mm;
struct thread;

/* Blocks the caller while *uaddr == val, until woken or deadline_ns (0: none). Returns 0
 * when woken, -EAGAIN when the value differs, -ETIMEDOUT, -EFAULT or -EINVAL. */
int futex_wait(struct mm *mm, uint64_t uaddr, uint32_t val, uint64_t deadline_ns, uint32_t bitset);
/* Wakes up to n threads waiting on uaddr whose bitset intersects; returns how many. */
int futex_wake(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset);
/* The thread's robust futexes (set_robust_list) at its exit: each word it still owns gets
 * FUTEX_OWNER_DIED and wakes a waiter, as Linux's exit_robust_list. Bad user memory ends the
 * walk quietly. */
void futex_exit_robust(struct thread *t);
/* Takes a thread off any futex queue (it timed out or its program ended). */
void futex_cancel(struct thread *t);

#endif
