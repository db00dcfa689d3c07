/* The scheduler: round robin over runnable threads, preemption by the timer interrupt when
 * a thread has run for SCHED_QUANTUM_NS in user mode, blocking with an optional deadline.
 * The kernel runs with interrupts off and under the BKL (bkl.h), so no other locks are
 * needed here. */
#ifndef ASTRA_KERNEL_SCHED_H
#define ASTRA_KERNEL_SCHED_H

#include <stdint.h>

#include "proc/waitq.h"

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
/* Whether a tick has work: a queued thread (preemption), a deadline that passed, or on CPU 0
 * a network that runs. A CPU running user code answers a tick without work without taking
 * the BKL (sched.c). */
int sched_tick_wanted(void);
/* The timer interrupt: runs the network's tick, wakes threads whose deadline passed; preempts
 * after a quantum. */
void sched_tick(int from_user);
/* What the network registers when it starts (net_init), so that the scheduler and process
 * exit reach it without depending on it: tick runs on every timer tick before the
 * scheduler's own work (lwIP's timers); busy says whether CPU 0 must keep ticking for it;
 * drain waits up to timeout_ns for what programs sent to leave, before the power goes off.
 * With none registered there is no network. */
struct sched_net_hooks {
    void (*tick)(void);
    int (*busy)(void);
    void (*drain)(uint64_t timeout_ns);
};
void sched_register_net(const struct sched_net_hooks *hooks);
/* Calls the network's drain, if there is a network. */
void sched_net_drain(uint64_t timeout_ns);
/* Starts the first thread; never returns. */
_Noreturn void sched_start(struct thread *first);

/* Frees threads that have exited (their kernel stacks can only go once off them). */
void sched_reap(void);

#endif
