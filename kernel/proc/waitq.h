/* Wait queues: threads waiting for an event (input, an eventfd, poll, a flock), woken all at
 * once. The scheduler implements them (sched.c); this header lets the structures that embed
 * one (inodes, the terminal) do so without the scheduler's interface. */
#ifndef ASTRA_KERNEL_WAITQ_H
#define ASTRA_KERNEL_WAITQ_H

#include <stdint.h>

struct thread;

/* Threads waiting for an event (input, an eventfd, poll). */
struct waitq {
    struct thread *head;
    uint64_t wakes;     /* waitq_wake_all calls so far: epoll's edge-triggered items compare it */
};

/* Blocks the caller on wq until waitq_wake_all or deadline_ns (0: none); 0, -ETIMEDOUT or
 * -EINTR (as sched_block). */
int waitq_sleep(struct waitq *wq, uint64_t deadline_ns);
int waitq_sleep_killable(struct waitq *wq);
void waitq_wake_all(struct waitq *wq);

#endif
