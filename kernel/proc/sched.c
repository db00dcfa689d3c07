#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "lib/printf.h"
#include "proc/bkl.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

void futex_cancel(struct thread *t);

/* One run queue for all CPUs, under the BKL: a CPU takes the first thread allowed on it.
 * An idle CPU polls the queue for a while, then halts; a thread made runnable wakes a halted
 * one with an IPI unless another polls. */
static struct thread *run_head, *run_tail;
static struct thread *timer_head; /* blocked threads with a deadline, earliest first */
static struct thread *zombies;

/* How long an idle CPU watches the run queue before it halts: adapted per CPU between 0 and
 * IDLE_POLL_NS, as Linux's guest haltpoll does (idle_poll_adapt). */
#define IDLE_POLL_NS 50000
#define IDLE_POLL_MIN_NS 5000 /* a window that would shrink below this closes */

/* The next poll window after a halt of halted_ns that ended with work here (found) or not. A
 * thread that arrived soon after the CPU halted would have been caught by a longer poll, so
 * the window grows; a halt that lasted longer than any window shrinks it (the wake-ups are
 * ticks or far apart, and polling only burns a host CPU under QEMU); other halts leave it. */
static uint64_t idle_poll_adapt(uint64_t poll_ns, uint64_t halted_ns, int found)
{
    if (found && halted_ns <= IDLE_POLL_NS)
        return poll_ns < IDLE_POLL_MIN_NS ? IDLE_POLL_MIN_NS : poll_ns * 2 > IDLE_POLL_NS ? IDLE_POLL_NS : poll_ns * 2;
    if (halted_ns > IDLE_POLL_NS)
        return poll_ns / 2 < IDLE_POLL_MIN_NS ? 0 : poll_ns / 2;
    return poll_ns;
}

/* entry.S: saves callee-saved registers and rsp to *save, then resumes `next`. */

static int allowed(const struct thread *t, unsigned cpu) { return (t->cpu_mask >> cpu) & 1; }

/* An idle CPU other than this one that may run t gets an IPI to look at the run queue. But
 * when this CPU is idle itself (an interrupt woke t: a network card's, a timer's), it runs t
 * on returning to its idle loop, without waking another (virtual) CPU. */
static void wake_idle_cpu(const struct thread *t)
{
    struct percpu *me = this_cpu();
    if (me->thread == me->idle && allowed(t, me->id))
        return;
    for (unsigned i = 0; i < cpu_count; i++)
        if (&cpus[i] != me && cpus[i].idling == IDLE_POLLING && allowed(t, i))
            return; /* it sees the run queue change without an interrupt */
    for (unsigned i = 0; i < cpu_count; i++)
        if (&cpus[i] != me && cpus[i].idling == IDLE_HALTED && allowed(t, i)) {
            bkl_kick_later(i);
            return;
        }
}

void sched_make_runnable(struct thread *t)
{
    t->state = THREAD_RUNNABLE;
    t->run_next = 0;
    if (run_tail)
        run_tail->run_next = t;
    else
        run_head = t;
    run_tail = t;
    if (cpu_count > 1)
        wake_idle_cpu(t);
}

/* The first queued thread this CPU may run, taken off the queue; or this CPU's idle thread. */
static struct thread *pick_next(void)
{
    struct percpu *me = this_cpu();
    struct thread *prev = 0;
    for (struct thread *t = run_head; t; prev = t, t = t->run_next) {
        if (!allowed(t, me->id))
            continue;
        if (prev)
            prev->run_next = t->run_next;
        else
            run_head = t->run_next;
        if (run_tail == t)
            run_tail = prev;
        return t;
    }
    return me->idle;
}

static int runnable_here(void)
{
    for (struct thread *t = run_head; t; t = t->run_next)
        if (allowed(t, this_cpu()->id))
            return 1;
    return 0;
}

void sched_kick(struct thread *t)
{
    if (t->state == THREAD_RUNNING && t->cpu != this_cpu()->id)
        bkl_kick_later(t->cpu);
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
    next->cpu = this_cpu()->id;
    next->ran_since_ns = time_monotonic_ns();
    arch_fpu_save(prev->fpu);
    thread_switch_to(next);
    arch_fpu_restore(next->fpu);
    arch_switch(&prev->context, next->context);
    sched_reap();
}

void sched_yield(void)
{
    struct thread *t = current_thread();
    if (t != this_cpu()->idle)
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

/* Blocks t until a wake-up or deadline_ns, whatever signals are pending; the wake reason. */
static int block_now(struct thread *t, uint64_t deadline_ns, int killable)
{
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
        if (cpus[0].idling == IDLE_HALTED && &cpus[0] != this_cpu())
            bkl_kick_later(0); /* to restart its tick */
    }
    schedule();
    return t->wake_reason;
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
    return block_now(t, deadline_ns, killable);
}

int sched_block(uint64_t deadline_ns) { return block(deadline_ns, 0); }

void sched_sleep_unsignalled(uint64_t deadline_ns) { block_now(current_thread(), deadline_ns, 1); }

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
    wq->wakes++;
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

/* Set once at boot, before the first program (sched_register_net). */
static const struct sched_net_hooks *net_hooks;

void sched_register_net(const struct sched_net_hooks *hooks) { net_hooks = hooks; }

static int net_busy(void) { return net_hooks && net_hooks->busy(); }

void sched_net_drain(uint64_t timeout_ns)
{
    if (net_hooks)
        net_hooks->drain(timeout_ns);
}

int sched_tick_wanted(void)
{
    /* Read without the BKL: a stale answer only moves the work to the next tick. */
    struct thread *first = __atomic_load_n(&timer_head, __ATOMIC_RELAXED);
    return __atomic_load_n(&run_head, __ATOMIC_RELAXED) || (first && first->deadline_ns <= time_monotonic_ns()) ||
           (this_cpu()->id == 0 && net_busy());
}

void sched_tick(int from_user)
{
    if (net_hooks)
        net_hooks->tick(); /* before this tick's work, which may switch threads */
    uint64_t now = time_monotonic_ns();
    while (timer_head && timer_head->deadline_ns <= now) {
        struct thread *t = timer_head;
        futex_cancel(t);
        sched_wake(t, -ASTRA_ETIMEDOUT);
    }
    struct thread *cur = current_thread();
    if (from_user && cur != this_cpu()->idle && runnable_here() && now - cur->ran_since_ns >= SCHED_QUANTUM_NS)
        sched_yield();
}

/* A CPU's idle thread. With other CPUs it first watches the run queue's head without the BKL
 * for its poll window (answering TLB shootdowns meanwhile): a thread made runnable then
 * starts here without a wake-up IPI, which under QEMU wakes a host thread and costs far more
 * than the work between a wake-up and the next block of threads that hand off to each other
 * (a barrier, a contended mutex); Linux's guest haltpoll does the same, with the same
 * adaptive window. Whatever the poll saw, the CPU then looks again under the BKL. Then it
 * halts without the BKL until an interrupt (a timer, or the IPI of wake_idle_cpu) may have
 * made a thread runnable here (arch_idle_halt loses no interrupt). */
static void idle_loop(void)
{
    sched_reap();
    struct percpu *me = this_cpu(); /* the idle thread never leaves its CPU */
    uint64_t poll_ns = IDLE_POLL_NS;
    for (;;) {
        if (runnable_here()) {
            schedule();
            continue;
        }
        if (cpu_count > 1 && poll_ns) {
            me->idling = IDLE_POLLING;
            bkl_unlock();
            uint64_t until = time_monotonic_ns() + poll_ns;
            while (!__atomic_load_n(&run_head, __ATOMIC_ACQUIRE) && time_monotonic_ns() < until) {
                tlb_service();
                arch_cpu_relax();
            }
            bkl_lock();
            me->idling = 0;
            if (runnable_here())
                continue;
        }
        /* An idle CPU needs no tick (a thread made runnable wakes it with an IPI), and ticks
         * would only contend for the BKL; CPU 0 keeps ticking while the timer queue has
         * deadlines (block() wakes it when one is added) and while the network runs (lwIP's
         * timers). */
        int ticking = me->id == 0 && (timer_head || net_busy());
        if (!ticking)
            lapic_timer_stop();
        me->idling = IDLE_HALTED;
        bkl_unlock();
        uint64_t halted = time_monotonic_ns();
        arch_idle_halt();
        halted = time_monotonic_ns() - halted;
        me->idling = 0;
        bkl_lock();
        if (!ticking)
            lapic_timer_start(TIMER_HZ);
        if (cpu_count > 1)
            poll_ns = idle_poll_adapt(poll_ns, halted, runnable_here());
    }
}

int sched_init_cpu(unsigned cpu)
{
    struct thread *idle = thread_create(0);
    if (!idle)
        return -1;
    idle->cpu_mask = 1ULL << cpu;
    idle->cpu = cpu;
    /* Its first switch goes to idle_loop instead of into user mode. */
    idle->context = arch_context_init((uint64_t)idle->tf, idle_loop);
    cpus[cpu].idle = idle;
    return 0;
}

/* Leaves the boot stack for the thread next; the boot stack's context is never resumed. */
static _Noreturn void leave_boot_stack(struct thread *next)
{
    static struct thread boot[MAX_CPUS];
    struct thread *b = &boot[this_cpu()->id];
    b->state = THREAD_DEAD;
    this_cpu()->thread = b;
    next->state = THREAD_RUNNING;
    next->cpu = this_cpu()->id;
    next->ran_since_ns = time_monotonic_ns();
    thread_switch_to(next);
    arch_fpu_restore(next->fpu);
    arch_switch(&b->context, next->context);
    panic("sched: returned to the boot stack");
}

_Noreturn void sched_start(struct thread *first)
{
    sched_make_runnable(first);
    leave_boot_stack(pick_next());
}

_Noreturn void sched_enter_idle(void) { leave_boot_stack(this_cpu()->idle); }
