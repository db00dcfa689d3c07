/* The scheduler: round robin over runnable threads, preemption by the timer interrupt when
 * a thread has run for SCHED_QUANTUM_NS in user mode, blocking with an optional deadline.
 * The kernel runs with interrupts off and under the BKL (bkl.h), so no other locks are
 * needed here. */
#ifndef ASTRA_KERNEL_SCHED_H
#define ASTRA_KERNEL_SCHED_H

#include <stdint.h>

struct thread;

#define SCHED_QUANTUM_NS 10000000ULL
#define TIMER_HZ 1000

/* Creates CPU cpu's idle thread: 0, or -1 when memory is exhausted. */
int sched_init_cpu(unsigned cpu);
/* An application processor, holding the BKL, starts its idle loop; never returns. */
_Noreturn void sched_enter_idle(void);
/* Makes a thread running on another CPU enter the kernel soon (to see a signal). */
void sched_kick(struct thread *t);
/* Adds a thread that is ready to run to the end of the run queue. */
void sched_make_runnable(struct thread *t);
/* Gives the CPU to the next runnable thread (or the idle thread); returns when the caller
 * runs again. The caller must have queued itself if it wants to run again. */
void schedule(void);
/* Requeues the caller and schedules: sched_yield. */
void sched_yield(void);
/* Blocks the caller until sched_wake or, when deadline_ns is not 0, until CLOCK_MONOTONIC
 * reaches it. Returns the wake reason: 0, -ETIMEDOUT, or -EINTR when a signal arrived (or
 * was already pending: then it does not block). A killable sleep ends only for a signal that
 * ends the process. */
int sched_block(uint64_t deadline_ns);
int sched_block_killable(void);
/* Sleeps until deadline_ns (not 0) whatever signals are pending: for the last thread of an
 * ending process, which signals no longer reach. */
void sched_sleep_unsignalled(uint64_t deadline_ns);
/* Wakes a blocked thread with a reason (0 for a wake-up); no effect on other threads. */
void sched_wake(struct thread *t, int reason);
/* Whether a tick has work: a queued thread (preemption) or a deadline that passed. A CPU
 * running user code answers a tick without work without taking the BKL (sched.c). */
int sched_tick_wanted(void);
/* The timer interrupt: wakes threads whose deadline passed; preempts after a quantum. */
void sched_tick(int from_user);
/* Starts the first thread; never returns. */
_Noreturn void sched_start(struct thread *first);

/* Threads waiting for an event (input, an eventfd, poll). */
struct waitq { struct thread *head; };

/* Blocks the caller on wq until waitq_wake_all or deadline_ns (0: none); 0, -ETIMEDOUT or
 * -EINTR (as sched_block). */
int waitq_sleep(struct waitq *wq, uint64_t deadline_ns);
int waitq_sleep_killable(struct waitq *wq);
void waitq_wake_all(struct waitq *wq);

/* Frees threads that have exited (their kernel stacks can only go once off them). */
void sched_reap(void);

#endif
