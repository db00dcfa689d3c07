#include <astra/abi.h>

#include "console.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "time.h"
#include "x86.h"

void futex_cancel(struct thread *t);

static struct thread *run_head, *run_tail;
static struct thread *timer_head; /* blocked threads with a deadline, earliest first */
static struct thread *zombies;
static struct thread *idle;

/* entry.S: saves callee-saved registers and rsp to *save, then resumes `next`. */
void switch_context(uint64_t *save, uint64_t next);

void sched_make_runnable(struct thread *t)
{
    t->state = THREAD_RUNNABLE;
    t->run_next = 0;
    if (run_tail)
        run_tail->run_next = t;
    else
        run_head = t;
    run_tail = t;
}

static struct thread *pick_next(void)
{
    struct thread *t = run_head;
    if (!t)
        return idle;
    run_head = t->run_next;
    if (!run_head)
        run_tail = 0;
    return t;
}

void sched_reap(void)
{
    while (zombies) {
        struct thread *t = zombies;
        zombies = t->run_next;
        thread_free(t);
    }
}

void schedule(void)
{
    struct thread *prev = current_thread();
    if (prev->state == THREAD_DEAD) {
        prev->run_next = zombies;
        zombies = prev;
    }
    struct thread *next = pick_next();
    if (next == prev) {
        prev->state = THREAD_RUNNING;
        return;
    }
    next->state = THREAD_RUNNING;
    next->ran_since_ns = time_monotonic_ns();
    __asm__ volatile("fxsave64 %0" : "=m"(prev->fpu));
    thread_switch_to(next);
    __asm__ volatile("fxrstor64 %0" ::"m"(next->fpu));
    switch_context(&prev->context, next->context);
    sched_reap();
}

void sched_yield(void)
{
    struct thread *t = current_thread();
    if (t != idle)
        sched_make_runnable(t);
    schedule();
}

static void timer_remove(struct thread *t)
{
    for (struct thread **l = &timer_head; *l; l = &(*l)->timer_next)
        if (*l == t) {
            *l = t->timer_next;
            break;
        }
    t->deadline_ns = 0;
}

static void waitq_remove(struct thread *t)
{
    for (struct thread **l = &t->waitq->head; *l; l = &(*l)->waitq_next)
        if (*l == t) {
            *l = t->waitq_next;
            break;
        }
    t->waitq = 0;
}

static int block(uint64_t deadline_ns, int killable)
{
    struct thread *t = current_thread();
    if (killable ? signal_fatal_pending(t) : signal_pending(t)) {
        if (t->waitq)
            waitq_remove(t);
        futex_cancel(t);
        return -ASTRA_EINTR;
    }
    t->state = THREAD_BLOCKED;
    t->killable = killable;
    t->wake_reason = 0;
    t->deadline_ns = deadline_ns;
    if (deadline_ns) {
        struct thread **l = &timer_head;
        while (*l && (*l)->deadline_ns <= deadline_ns)
            l = &(*l)->timer_next;
        t->timer_next = *l;
        *l = t;
    }
    schedule();
    return t->wake_reason;
}

int sched_block(uint64_t deadline_ns) { return block(deadline_ns, 0); }

int sched_block_killable(void) { return block(0, 1); }

int waitq_sleep(struct waitq *wq, uint64_t deadline_ns)
{
    struct thread *t = current_thread();
    t->waitq = wq;
    t->waitq_next = wq->head;
    wq->head = t;
    return sched_block(deadline_ns);
}

int waitq_sleep_killable(struct waitq *wq)
{
    struct thread *t = current_thread();
    t->waitq = wq;
    t->waitq_next = wq->head;
    wq->head = t;
    return sched_block_killable();
}

void waitq_wake_all(struct waitq *wq)
{
    while (wq->head)
        sched_wake(wq->head, 0);
}

void sched_wake(struct thread *t, int reason)
{
    if (t->state != THREAD_BLOCKED)
        return;
    if (t->deadline_ns)
        timer_remove(t);
    if (t->waitq)
        waitq_remove(t);
    t->wake_reason = reason;
    sched_make_runnable(t);
}

void sched_tick(int from_user)
{
    uint64_t now = time_monotonic_ns();
    while (timer_head && timer_head->deadline_ns <= now) {
        struct thread *t = timer_head;
        futex_cancel(t);
        sched_wake(t, -ASTRA_ETIMEDOUT);
    }
    struct thread *cur = current_thread();
    if (from_user && cur != idle && run_head && now - cur->ran_since_ns >= SCHED_QUANTUM_NS)
        sched_yield();
}

/* The idle thread: sleeps until an interrupt makes a thread runnable. sti's one-instruction
 * delay means the interrupt cannot slip in between sti and hlt. */
static void idle_loop(void)
{
    sched_reap();
    for (;;) {
        __asm__ volatile("sti; hlt; cli" ::: "memory");
        schedule();
    }
}

void sched_init(void)
{
    idle = thread_create(0);
    if (!idle)
        panic("sched_init: no memory for the idle thread");
    /* Its first switch returns into idle_loop instead of thread_first_run. */
    ((uint64_t *)idle->context)[6] = (uint64_t)idle_loop;
}

_Noreturn void sched_start(struct thread *first)
{
    static struct thread boot; /* the boot stack's context, never resumed */
    boot.state = THREAD_DEAD;
    this_cpu()->thread = &boot;
    sched_make_runnable(first);
    struct thread *next = pick_next();
    next->state = THREAD_RUNNING;
    next->ran_since_ns = time_monotonic_ns();
    thread_switch_to(next);
    __asm__ volatile("fxrstor64 %0" ::"m"(next->fpu));
    switch_context(&boot.context, next->context);
    panic("sched_start: returned to the boot stack");
}
