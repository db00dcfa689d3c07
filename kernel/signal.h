/* Signals: a disposition per signal and process, a blocked set per thread, and pending sets
 * per thread (tgkill, faults, SIGPIPE) and per process (kill). A signal that would end the
 * process (SIGKILL, or a default action of termination) ends all its threads at once, as
 * Linux's group exit; an ignored one is dropped when sent; others wait, while blocked, and
 * take effect when a thread returns to user mode (signal_deliver). */
#ifndef ASTRA_KERNEL_SIGNAL_H
#define ASTRA_KERNEL_SIGNAL_H

#include <stdint.h>

struct proc;
struct thread;
struct trapframe;

static inline uint64_t sig_bit(int sig) { return 1ULL << (sig - 1); }

/* Sends sig (1..64) to a thread or to a whole process (which picks a thread that does not
 * block it). Nothing happens to a process that is ending or ended. */
void signal_send_thread(struct thread *t, int sig);
void signal_send_proc(struct proc *p, int sig);
/* Whether a sleep of t must end: a signal is pending and not blocked, or t is being ended. */
int signal_pending(struct thread *t);
/* Whether t is being ended (its killable sleeps end). */
int signal_fatal_pending(struct thread *t);
/* Wakes t from any sleep with -EINTR. */
void signal_wake(struct thread *t);
/* Drops pending signals that the disposition of sig in p now ignores (after sigaction). */
void signal_flush_ignored(struct proc *p, int sig);
/* The caller's blocked set changed: a pending signal it unblocked may end the process. */
void signal_mask_changed(void);
/* Acts on the caller's pending signals before it returns to user mode with tf: ends the
 * thread when its process is ending. */
void signal_deliver(struct trapframe *tf);

#endif
