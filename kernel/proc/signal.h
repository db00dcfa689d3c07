/* Signals: a disposition per signal and process, a blocked set per thread, and pending sets
 * per thread (tgkill, faults, SIGPIPE) and per process (kill), each signal with where it came
 * from. A signal that would end the process (SIGKILL, or a default action of termination)
 * ends all its threads at once, as Linux's group exit; an ignored one is dropped when sent;
 * others wait while blocked, and run their handler on a Linux signal frame when a thread
 * returns to user mode (signal_deliver). */
#ifndef ASTRA_KERNEL_SIGNAL_H
#define ASTRA_KERNEL_SIGNAL_H

#include <stdint.h>

#include <astra/abi.h>

struct proc;
struct thread;
struct trapframe;

/* What siginfo reports about one pending signal: its code (ASTRA_SI_USER, CLD_EXITED, ...),
 * the sending or ended process, and SIGCHLD's status. */
struct sig_info {
    int32_t code, pid, status;
};

#define SIG_UNBLOCKABLE ((1ULL << (ASTRA_SIGKILL - 1)) | (1ULL << (ASTRA_SIGSTOP - 1)))

static inline uint64_t sig_bit(int sig) { return 1ULL << (sig - 1); }

/* Sends sig (1..64) to a thread or to a whole process (which picks a thread that does not
 * block it). Nothing happens to a process that is ending or ended. */
void signal_send_thread(struct thread *t, int sig, struct sig_info info);
void signal_send_proc(struct proc *p, int sig, struct sig_info info);
/* Where a signal sent now by the calling process comes from (kill, tgkill, SIGPIPE). */
struct sig_info signal_from_caller(int code);
/* A fault of the calling thread (trap.c): 1 when a handler will take it, 0 when it ends the
 * process (no handler, or the signal is blocked), as Linux's forced signals. */
int signal_fault(int sig, int code, uint64_t addr, const struct trapframe *tf);
/* Whether a sleep of t must end: a signal is pending and not blocked, or t is being ended. */
int signal_pending(struct thread *t);
/* Whether t is being ended (its killable sleeps end). */
int signal_fatal_pending(struct thread *t);
/* Whether signal_deliver may have work for the calling thread t, asked without the BKL
 * (syscall.c's calls without the lock): t is being ended, its process is stopped, a signal
 * t does not block is pending, or a mask is to be restored. Another CPU changes these only
 * under the BKL, each an aligned word read here with a relaxed atomic load: an old value or
 * a new one, never a mix. A stale 0 loses nothing: whoever makes a running thread's
 * signal_deliver needed kicks its CPU (signal_wake, sched_kick: an IPI at the BKL's release,
 * taken as soon as t is back in user mode, whose handler delivers under the BKL), as for a
 * thread that was in user mode at that moment; a stop without a kick (the other threads of a
 * stopping process) waits for t's next entry, as it does for a thread in user mode. A stale
 * 1 only sends the call the slow way. t->sig_blocked and t->restore_mask are t's own. */
int signal_maybe_pending(struct thread *t);
/* Wakes t from any sleep with -EINTR. */
void signal_wake(struct thread *t);
/* Drops pending signals that the disposition of sig in p now ignores (after sigaction). */
void signal_flush_ignored(struct proc *p, int sig);
/* Acts on the caller's pending signals before it returns to user mode with tf: ends the
 * thread when its process is ending, runs handlers (on signal frames), and restarts or ends
 * an interrupted system call (syscall_nr, or -1 when tf did not come from a system call). */
void signal_deliver(struct trapframe *tf, long syscall_nr);

/* ---- sigframe.c ---- */
/* Builds the signal frame for sig's handler on the user stack and points tf at the handler;
 * the frame keeps tf's state and saved_mask for rt_sigreturn. 0 or -EFAULT (no restorer, or
 * the stack cannot hold the frame). */
int sigframe_setup(struct thread *t, struct trapframe *tf, int sig, const struct astra_sigaction *a,
                   const struct astra_siginfo *info, uint64_t saved_mask);
/* The most stack a signal frame takes (AT_MINSIGSTKSZ). */
uint64_t sigframe_max_size(void);

#endif
