/* Processes (struct proc: an address space, descriptors, signal dispositions, a place in
 * the process tree) and their threads. The kernel runs with interrupts off on one CPU: no
 * locks. */
#ifndef ASTRA_KERNEL_PROC_H
#define ASTRA_KERNEL_PROC_H

#include <stdint.h>

#include <astra/abi.h>

#include "arch.h"
#include "mm/uvm.h"
#include "proc/sched.h"
#include "proc/signal.h"

/* Processes alive or not yet reaped: one more makes fork fail with EAGAIN. */
#define PROC_MAX 1024
/* Linux's default pid_max: process and thread ids are below it, and wrap around after it. */
#define PROC_ID_MAX 32768
/* pid 1's umask, as Linux's init gets it. */
#define PROC_UMASK_INIT 022

enum proc_state { PROC_LIVE, PROC_ZOMBIE };

struct proc {
    int pid, pgid, sid;
    enum proc_state state;
    int wait_status;         /* how it ended, as wait4 reports it: ASTRA_W_EXITCODE(code) or a signal */
    int exiting;             /* exit_group or a fatal signal: all its threads are ending */
    int exit_signal;         /* sent to the parent when it ends (SIGCHLD; 0 for none) */
    int did_exec;            /* its parent's setpgid on it gives EACCES */
    unsigned umask;          /* permissions new files and directories do not get (fork copies it,
                              * exec keeps it) */
    struct proc *vfork_parent; /* while it borrows that vfork parent's memory (until it execs or ends) */
    struct waitq vfork_done; /* its threads waiting for a vfork child to stop borrowing */
    struct waitq child_exited; /* its threads waiting in wait4/waitid */
    struct proc *parent, *children, *sibling;
    struct proc *next;       /* every process, in pid order of creation */
    char name[64];
    char exe[258];           /* its absolute path in the RAM filesystem (/proc/self/exe) */
    struct mm *mm;           /* NULL once it ended */
    struct fdtable *fdt;
    struct inode *cwd;
    struct astra_sigaction sig_action[ASTRA_NSIG + 1]; /* by signal number */
    uint64_t sig_pending;    /* signals sent to the process (kill), bit sig - 1 */
    struct sig_info sig_info[ASTRA_NSIG]; /* where each of them came from */
    int threads;             /* live threads */
    struct thread *thread_list;
    struct thread *exec_waiter; /* a thread in execve waiting for the others to end */
    /* job control (jobctl.c, tty.c) */
    int ctty;                /* the console is its controlling terminal */
    int stopped;             /* stopped by a signal: its threads wait for SIGCONT or SIGKILL */
    int stop_report;         /* the stop signal a wait (WUNTRACED) has yet to report, or 0 */
    int cont_report;         /* a continuation a wait (WCONTINUED) has yet to report */
    struct waitq continued;  /* its threads parked while it is stopped */
};

enum thread_state { THREAD_RUNNABLE, THREAD_RUNNING, THREAD_BLOCKED, THREAD_DEAD };

struct thread {
    uint8_t *fpu;             /* its FPU/AVX state while switched out: one frame (ARCH_FPU_STATE_MAX) */
    int tid;
    enum thread_state state;
    struct proc *proc;        /* NULL for the idle thread */
    uint64_t kstack_top;
    uint64_t context;         /* saved kernel stack pointer while switched out (arch_switch) */
    uint64_t fs_base;
    uint64_t gs_base;         /* the user's GS base (arch_set_user_gs) */
    uint64_t clear_child_tid; /* user address zeroed and woken at thread exit */
    char comm[16];            /* prctl(PR_SET_NAME)'s name, NUL-ended; empty: the process's */
    uint64_t robust_list;     /* set_robust_list's head (futex_exit_robust walks it), or 0 */
    uint64_t sig_pending;     /* signals sent to this thread (tgkill, faults, SIGPIPE) */
    struct sig_info sig_info[ASTRA_NSIG];
    uint64_t sig_blocked;     /* its signal mask */
    uint64_t saved_mask;      /* the mask to go back to after rt_sigsuspend (restore_mask) */
    int restore_mask;
    uint64_t fault_addr, fault_trapno, fault_err; /* the last fault, for siginfo and sigcontext */
    struct astra_stack altstack; /* sigaltstack; ss_flags ASTRA_SS_DISABLE when none */
    int killed;               /* its process is ending or execs: it ends at the next chance */
    struct trapframe *tf;     /* the user state, at the top of the kernel stack */
    uint64_t ran_since_ns;    /* when it last got the CPU */
    unsigned cpu;             /* the CPU it runs or last ran on */
    uint64_t cpu_mask;        /* the CPUs it may run on (sched_setaffinity) */
    /* blocking */
    uint64_t deadline_ns;     /* 0: none */
    uint64_t sleep_deadline;  /* when its last timed wait (nanosleep, poll) ended by a signal was to end */
    uint64_t resume_deadline; /* that sleep restarts after a stop: it ends then, as Linux's restart_syscall */
    int wake_reason;
    int killable;             /* asleep for something only a fatal signal interrupts */
    struct thread *run_next;  /* run queue */
    struct thread *timer_next;/* timer queue, sorted by deadline */
    uint64_t futex_addr;      /* the futex word waited on, or 0 */
    uint32_t futex_bitset;
    struct thread *futex_next, *futex_prev; /* its futex bucket's waiters (futex.c) */
    struct waitq *waitq;      /* the wait queue it sleeps on, or NULL */
    struct thread *waitq_next;
    struct thread *proc_next; /* all threads of the process */
};

static inline struct thread *current_thread(void) { return this_cpu()->thread; }
static inline struct proc *current_proc(void)
{
    struct thread *t = current_thread();
    return t ? t->proc : 0;
}
static inline struct mm *current_mm(void) { return current_thread()->proc->mm; }

/* ---- proc.c ---- */
/* The first process (pid 1) with an empty address space; NULL when memory is exhausted. */
struct proc *proc_create(const char *name);
/* A new process for fork: a pid, a place among parent's children and in the process list;
 * address space, files and threads are the caller's to add. NULL (and *err -EAGAIN or
 * -ENOMEM) when the process limit is reached or memory is exhausted. */
struct proc *proc_new(struct proc *parent, int *err);
/* The process (alive or zombie) or thread with this id, or NULL. */
struct proc *proc_find(int pid);
struct thread *thread_find(int tid);
/* The first of all processes; next in p->next. */
struct proc *proc_first(void);
/* A new thread of p with a kernel stack, not yet runnable; its first run returns to user
 * mode with the state in t->tf. NULL when memory is exhausted. */
struct thread *thread_create(struct proc *p);
/* Gives the calling thread t the FPU state of a new program (execve). */
void thread_fpu_reset(struct thread *t);
/* Frees a dead thread's kernel stack and structure. */
void thread_free(struct thread *t);
/* Makes t the running thread: its address space, kernel stack and FS base. */
void thread_switch_to(struct thread *t);
/* Takes a released process out of the process list. */
void proc_unlist(struct proc *p);
/* Ends every thread of p but `except`: each ends at its next return to user mode; sleeping
 * ones are woken. */
void proc_kill_threads(struct proc *p, struct thread *except);

/* ---- fork.c ---- */
/* clone without CLONE_THREAD (fork and vfork too): the child's pid or -errno. */
long proc_clone(unsigned long flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid, uint64_t tls);
/* Gives t, new from clone or clone3, the calling thread cur's registers (rax 0: clone's
 * answer in the child), FS/GS bases, signal mask and FPU state; stack, when not 0, is its
 * stack pointer, and with CLONE_SETTLS tls its FS base. Shared by threads (sys_thread.c) and
 * new processes. The name (comm) is inherited too, as on Linux. */
void thread_clone_from(struct thread *t, const struct thread *cur, uint64_t flags, uint64_t stack, uint64_t tls);

/* ---- exit.c ---- */
/* Ends the caller's whole process; wait_status is what its parent's wait4 will see. */
_Noreturn void proc_exit_group(int wait_status);
/* Ends the calling thread (exit); the last thread ends the process. */
_Noreturn void thread_exit(int code);
/* Ends the calling thread because its process is ending or execs (proc_kill_threads). */
_Noreturn void thread_exit_killed(void);
/* Frees a zombie after its parent collected its status. */
void proc_release(struct proc *p);
/* A vfork child stops borrowing its parent's memory (it execs): the parent goes on. */
void proc_vfork_release(struct proc *p);

#endif
