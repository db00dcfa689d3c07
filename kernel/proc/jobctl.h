/* Job control: stopping and continuing processes (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU and
 * SIGCONT), what their parents learn of it (SIGCHLD, wait's WUNTRACED and WCONTINUED), and
 * process groups as Linux sees them (orphaned groups, signals to a whole group). */
#ifndef ASTRA_KERNEL_JOBCTL_H
#define ASTRA_KERNEL_JOBCTL_H

#include "proc/signal.h"

struct proc;
struct thread;

/* SIGSTOP, SIGTSTP, SIGTTIN or SIGTTOU. */
int jobctl_is_stop_signal(int sig);
/* What sending sig does at once, whatever p does with it (Linux's prepare_signal): a stop
 * signal discards a pending SIGCONT; SIGCONT discards pending stop signals and continues p
 * when it is stopped. */
void jobctl_on_send(struct proc *p, int sig);
/* The calling thread t took a stop signal whose action is the default: its process stops
 * and t waits until it continues (or ends: then t does not return). 0 when the signal is
 * discarded instead (anything but SIGSTOP in an orphaned process group), 1 after a stop. */
int jobctl_stop(struct thread *t, int sig);
/* Holds the calling thread while its process is stopped; ends it if the process ends. */
void jobctl_park(struct thread *t);

/* For a timed wait (nanosleep, poll) at its start: the deadline it keeps when it restarts
 * after a stop (Linux's restart_syscall), or 0 for a new one. A wait that a signal ends
 * records its deadline in the thread's sleep_deadline. */
uint64_t jobctl_take_resume_deadline(void);

/* Whether the process group pgid is orphaned: no member has its parent in another group of
 * the same session (a parent that is pid 1 does not count, as on Linux). */
int pgrp_orphaned(int pgid);
/* Process p ends (before its children go to pid 1): a process group that its end orphans
 * (its own, or a child's) and that has a stopped member gets SIGHUP and SIGCONT, as POSIX
 * and Linux want, so that it is not left stopped for ever. */
void jobctl_exit(struct proc *p);
/* Sends sig to every process of group pgid; the number of processes it has. */
int pgrp_signal(int pgid, int sig, struct sig_info info);
/* Whether the calling thread ignores or blocks sig. */
int signal_ignored_or_blocked(int sig);

#endif
