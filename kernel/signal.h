/* Signals: a disposition per signal and process, a blocked set per thread, and pending sets
 * per thread (tgkill, faults, SIGPIPE) and per process (kill). A signal takes effect when a
 * thread of its target next returns to user mode (signal_deliver); a blocked one waits. */
#ifndef ASTRA_KERNEL_SIGNAL_H
#define ASTRA_KERNEL_SIGNAL_H

#include <stdint.h>

struct proc;
struct thread;
struct trapframe;

static inline uint64_t sig_bit(int sig) { return 1ULL << (sig - 1); }

/* Queues sig (1..64) for a thread or for a whole process; an ignored signal is dropped. */
void signal_send_thread(struct thread *t, int sig);
void signal_send_proc(struct proc *p, int sig);
/* Whether a signal is pending and not blocked for t (its sleeps end with -EINTR). */
int signal_pending(struct thread *t);
/* Acts on the caller's pending signals before it returns to user mode with tf: a default
 * action that ends the process does not return. */
void signal_deliver(struct trapframe *tf);

#endif
