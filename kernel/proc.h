/* Programs (struct proc: an address space) and their threads. */
#ifndef ASTRA_KERNEL_PROC_H
#define ASTRA_KERNEL_PROC_H

#include <stdint.h>

#include "percpu.h"
#include "sched.h"
#include "trap.h"
#include "uvm.h"

struct proc {
    int pid;
    char name[64];
    char exe[258];           /* its absolute path in the RAM filesystem (/proc/self/exe) */
    struct mm *mm;
    unsigned long sig_handler[65]; /* dispositions: ASTRA_SIG_DFL, ASTRA_SIG_IGN or a handler */
    uint64_t sig_pending;    /* signals sent to the process (kill), bit sig - 1 */
    struct fdtable *fdt;
    struct inode *cwd;
    int threads;             /* live threads */
    struct thread *thread_list;
};

enum thread_state { THREAD_RUNNABLE, THREAD_RUNNING, THREAD_BLOCKED, THREAD_DEAD };

struct thread {
    uint8_t fpu[512] __attribute__((aligned(16))); /* FXSAVE image, saved while switched out */
    int tid;
    enum thread_state state;
    struct proc *proc;        /* NULL for the idle thread */
    uint64_t kstack_top;
    uint64_t context;         /* saved kernel rsp while switched out (switch_context) */
    uint64_t fs_base;
    uint64_t clear_child_tid; /* user address zeroed and woken at thread exit */
    uint64_t sig_pending;     /* signals sent to this thread (tgkill, faults, SIGPIPE) */
    uint64_t sig_blocked;     /* its signal mask */
    struct trapframe *tf;     /* the user state, at the top of the kernel stack */
    uint64_t ran_since_ns;    /* when it last got the CPU */
    /* blocking */
    uint64_t deadline_ns;     /* 0: none */
    int wake_reason;
    struct thread *run_next;  /* run queue */
    struct thread *timer_next;/* timer queue, sorted by deadline */
    uint64_t futex_addr;      /* the futex word waited on, or 0 */
    uint32_t futex_bitset;
    struct thread *futex_next;
    struct waitq *waitq;      /* the wait queue it sleeps on, or NULL */
    struct thread *waitq_next;
    struct thread *proc_next; /* all threads of the program */
};

static inline struct thread *current_thread(void) { return this_cpu()->thread; }
static inline struct proc *current_proc(void)
{
    struct thread *t = current_thread();
    return t ? t->proc : 0;
}
static inline struct mm *current_mm(void) { return current_thread()->proc->mm; }

/* A new program with an empty address space; NULL when memory is exhausted. */
struct proc *proc_create(const char *name);
/* A new thread of p with a kernel stack, not yet runnable; its first run returns to user
 * mode with the state in t->tf. NULL when memory is exhausted. */
struct thread *thread_create(struct proc *p);
/* Frees a dead thread's kernel stack and structure. */
void thread_free(struct thread *t);
/* Makes t the running thread: its address space, kernel stack and FS base. */
void thread_switch_to(struct thread *t);

/* Ends the whole program with a status (128 + signal for a fatal fault). */
_Noreturn void proc_exit_group(int status);
/* Ends the calling thread; the last thread ends the program. */
_Noreturn void thread_exit(int status);

#endif
