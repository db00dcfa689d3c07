/* Threads: clone, futex, sleeping, yielding. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/futex.h"
#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define THREAD_FLAGS_REQUIRED                                                                  \
    (ASTRA_CLONE_VM | ASTRA_CLONE_FS | ASTRA_CLONE_FILES | ASTRA_CLONE_SIGHAND | ASTRA_CLONE_THREAD)
#define THREAD_FLAGS_KNOWN                                                                     \
    (THREAD_FLAGS_REQUIRED | ASTRA_CLONE_SYSVSEM | ASTRA_CLONE_SETTLS | ASTRA_CLONE_PARENT_SETTID | \
     ASTRA_CLONE_CHILD_CLEARTID | ASTRA_CLONE_CHILD_SETTID | ASTRA_CLONE_DETACHED /* ignored, as Linux */ | \
     0xff /* exit signal */)

/* A new thread (CLONE_THREAD), or a new process (fork.c): what clone and clone3 share.
 * flags carries the exit signal in its low byte; `call` names the call in warnings. */
static long clone_task(const char *call, uint64_t flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid,
                       uint64_t tls)
{
    struct thread *cur = current_thread();
    struct proc *p = cur->proc;
    if ((flags & ASTRA_CLONE_SIGHAND) && !(flags & ASTRA_CLONE_VM))
        return -ASTRA_EINVAL;
    if ((flags & ASTRA_CLONE_THREAD) && !(flags & ASTRA_CLONE_SIGHAND))
        return -ASTRA_EINVAL;
    if (flags & ASTRA_CLONE_PIDFD) {
        kwarn_once("%s: CLONE_PIDFD is not supported (the kernel has no pidfds): returning -EINVAL\n", call);
        return -ASTRA_EINVAL;
    }
    /* As Linux: a thread its process's end has marked (it ends on its way back) makes no new
     * thread, which nothing would end: the call may have been entered just before the kill. */
    if (signal_fatal_pending(cur))
        return -ASTRA_EINTR;
    if (!(flags & ASTRA_CLONE_THREAD)) {
        if (flags & ASTRA_CLONE_SIGHAND) {
            kwarn_once("%s: CLONE_SIGHAND without CLONE_THREAD (processes sharing signal handlers) "
                       "is not supported: returning -EINVAL\n", call);
            return -ASTRA_EINVAL;
        }
        return proc_clone(flags, stack, parent_tid, child_tid, tls);
    }
    if ((flags & THREAD_FLAGS_REQUIRED) != THREAD_FLAGS_REQUIRED) {
        kwarn_once("%s: a thread without CLONE_FS and CLONE_FILES is not supported: returning -ENOSYS\n", call);
        return -ASTRA_ENOSYS;
    }
    if (flags & ~(uint64_t)THREAD_FLAGS_KNOWN) {
        kwarn_once_for(flags & ~(uint64_t)THREAD_FLAGS_KNOWN,
                       "%s: flags 0x%lx for a thread are not supported: returning -EINVAL\n", call,
                       flags & ~(uint64_t)THREAD_FLAGS_KNOWN);
        return -ASTRA_EINVAL;
    }
    if ((flags & ASTRA_CLONE_SETTLS) && tls >= USER_TOP)
        return -ASTRA_EPERM;
    struct thread *t = thread_create(p);
    if (!t)
        return -ASTRA_EAGAIN;
    thread_clone_from(t, cur, flags, stack, tls);
    uint32_t tid = (uint32_t)t->tid;
    if (((flags & ASTRA_CLONE_PARENT_SETTID) && uvm_copy_out(p->mm, parent_tid, &tid, sizeof tid)) ||
        ((flags & ASTRA_CLONE_CHILD_SETTID) && uvm_copy_out(p->mm, child_tid, &tid, sizeof tid))) {
        t->state = THREAD_DEAD;
        p->threads--;
        for (struct thread **l = &p->thread_list; *l; l = &(*l)->proc_next)
            if (*l == t) {
                *l = t->proc_next;
                break;
            }
        thread_free(t);
        return -ASTRA_EFAULT;
    }
    if (flags & ASTRA_CLONE_CHILD_CLEARTID)
        t->clear_child_tid = child_tid;
    sched_make_runnable(t);
    return t->tid;
}

/* As Linux, the flags are 32 bits wide: clone3's own flags above them are not seen. */
long ksys_clone(unsigned long flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid, unsigned long tls)
{
    return clone_task("clone", flags & 0xffffffffUL, stack, parent_tid, child_tid, tls);
}

/* Linux's set_tid: the pid the child gets, one per pid namespace level from the innermost.
 * Astra has one namespace, so one pid; root may ask for any free one, which Astra cannot
 * give (its pids come from one counter): a free one is refused -EPERM, named once. */
static long check_set_tid(size_t levels, int tid)
{
    if (levels > 1)
        return -ASTRA_EINVAL; /* more levels than the namespace has */
    if (tid < 1 || tid >= PROC_ID_MAX)
        return -ASTRA_EINVAL;
    if (proc_find(tid))
        return -ASTRA_EEXIST;
    kwarn_once("clone3: set_tid (choosing the child's pid) is not supported: returning -EPERM\n");
    return -ASTRA_EPERM;
}

#define CLONE3_FLAGS (0xffffffffULL | ASTRA_CLONE_CLEAR_SIGHAND | ASTRA_CLONE_INTO_CGROUP)

/* clone3: Linux's checks of the argument block, in Linux's order, then what clone does. A
 * larger block than Astra knows is accepted when the rest is zero (-E2BIG otherwise). */
long ksys_clone3(uint64_t uargs, size_t size)
{
    struct astra_clone_args a = { 0 };
    if (size > PAGE_SIZE)
        return -ASTRA_E2BIG;
    if (size < ASTRA_CLONE_ARGS_SIZE_VER0)
        return -ASTRA_EINVAL;
    if (uvm_copy_in(current_mm(), &a, uargs, size < sizeof a ? size : sizeof a))
        return -ASTRA_EFAULT;
    for (size_t off = sizeof a; off < size; off += 8) {
        uint64_t rest = 0;
        size_t n = size - off < 8 ? size - off : 8;
        if (uvm_copy_in(current_mm(), &rest, uargs + off, n))
            return -ASTRA_EFAULT;
        if (rest)
            return -ASTRA_E2BIG;
    }
    if (a.set_tid_size > ASTRA_CLONE_SET_TID_MAX || (!a.set_tid && a.set_tid_size) || (a.set_tid && !a.set_tid_size))
        return -ASTRA_EINVAL;
    if (a.exit_signal & ~(uint64_t)ASTRA_CSIGNAL || a.exit_signal > ASTRA_NSIG)
        return -ASTRA_EINVAL;
    if ((a.flags & ASTRA_CLONE_INTO_CGROUP) && (a.cgroup > 0x7fffffff || size < ASTRA_CLONE_ARGS_SIZE_VER2))
        return -ASTRA_EINVAL;
    int set_tid[ASTRA_CLONE_SET_TID_MAX];
    if (a.set_tid_size && uvm_copy_in(current_mm(), set_tid, a.set_tid, a.set_tid_size * sizeof set_tid[0]))
        return -ASTRA_EFAULT;
    /* The flags clone3 refuses that clone takes: CLONE_DETACHED, and a signal in the low byte. */
    if ((a.flags & ~CLONE3_FLAGS) || (a.flags & (ASTRA_CLONE_DETACHED | ASTRA_CSIGNAL)))
        return -ASTRA_EINVAL;
    if ((a.flags & ASTRA_CLONE_SIGHAND) && (a.flags & ASTRA_CLONE_CLEAR_SIGHAND))
        return -ASTRA_EINVAL;
    if ((a.flags & (ASTRA_CLONE_THREAD | ASTRA_CLONE_PARENT)) && a.exit_signal)
        return -ASTRA_EINVAL;
    /* A stack is an address and a size, both or neither, below Linux's user limit (the last
     * page under USER_TOP is never user memory there). */
    if (!a.stack != !a.stack_size || a.stack_size > USER_TOP - PAGE_SIZE ||
        a.stack > USER_TOP - PAGE_SIZE - a.stack_size)
        return -ASTRA_EINVAL;
    if (a.set_tid_size) {
        long r = check_set_tid(a.set_tid_size, set_tid[0]);
        if (r)
            return r;
    }
    /* No file is a cgroup's directory, which is -EBADF on Linux too. */
    if (a.flags & ASTRA_CLONE_INTO_CGROUP)
        return -ASTRA_EBADF;
    return clone_task("clone3", a.flags | a.exit_signal, a.stack + a.stack_size, a.parent_tid, a.child_tid, a.tls);
}

/* A user timespec: 0, -EFAULT, or -EINVAL when negative or nanoseconds out of range. */
static int read_timespec(uint64_t uts, struct astra_timespec *ts)
{
    if (uvm_copy_in(current_mm(), ts, uts, sizeof *ts))
        return -ASTRA_EFAULT;
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= ASTRA_NSEC_PER_SEC)
        return -ASTRA_EINVAL;
    return 0;
}

static uint64_t ts_ns(const struct astra_timespec *ts)
{
    if ((uint64_t)ts->tv_sec > 9000000000ULL)
        return UINT64_MAX / 2; /* centuries: as good as forever */
    return (uint64_t)ts->tv_sec * ASTRA_NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/* A CLOCK_MONOTONIC deadline from an absolute time on `clock`; at least 1 ns, and a time
 * centuries ahead (ts_ns's "forever") stays that far ahead instead of overflowing. The
 * realtime clock is the monotonic one plus the boot time: reading it first makes the offset
 * at most the true one, so a deadline is never early. */
static uint64_t deadline_from_absolute(int realtime, const struct astra_timespec *ts)
{
    int64_t abs = (int64_t)ts_ns(ts);
    int64_t offset = 0;
    if (realtime) {
        int64_t rt = time_realtime_ns();
        offset = rt - (int64_t)time_monotonic_ns();
    }
    int64_t mono;
    if (__builtin_sub_overflow(abs, offset, &mono))
        mono = INT64_MAX;
    return mono > 0 ? (uint64_t)mono : 1;
}

long ksys_futex(uint64_t uaddr, int op, unsigned val, uint64_t timeout, uint64_t uaddr2, unsigned val3)
{
    (void)uaddr2;
    struct proc *p = current_proc();
    int cmd = op & ~(ASTRA_FUTEX_PRIVATE_FLAG | ASTRA_FUTEX_CLOCK_REALTIME);
    int realtime = (op & ASTRA_FUTEX_CLOCK_REALTIME) != 0;
    struct astra_timespec ts;
    uint64_t deadline = 0;
    int r;
    switch (cmd) {
    case ASTRA_FUTEX_WAIT:
    case ASTRA_FUTEX_WAIT_BITSET:
        if (cmd == ASTRA_FUTEX_WAIT_BITSET && !val3)
            return -ASTRA_EINVAL;
        if (timeout) {
            if ((r = read_timespec(timeout, &ts)))
                return r;
            deadline = cmd == ASTRA_FUTEX_WAIT ? time_monotonic_ns() + ts_ns(&ts) + (ts_ns(&ts) == 0)
                                               : deadline_from_absolute(realtime, &ts);
        }
        return futex_wait(p->mm, uaddr, val, deadline,
                          cmd == ASTRA_FUTEX_WAIT ? ASTRA_FUTEX_BITSET_MATCH_ANY : val3);
    case ASTRA_FUTEX_WAKE:
    case ASTRA_FUTEX_WAKE_BITSET:
        if (cmd == ASTRA_FUTEX_WAKE_BITSET && !val3)
            return -ASTRA_EINVAL;
        return futex_wake(p->mm, uaddr, (int)(val > 0x7fffffff ? 0x7fffffff : val),
                          cmd == ASTRA_FUTEX_WAKE ? ASTRA_FUTEX_BITSET_MATCH_ANY : val3);
    default:
        kwarn_once_for(1ULL << (cmd & 63), "futex: operation %d is not supported: returning -ENOSYS\n", cmd);
        return -ASTRA_ENOSYS;
    }
}

/* 0 once the deadline passed, or -EINTR (a signal came first). */
static long sleep_until(uint64_t deadline)
{
    if (deadline <= time_monotonic_ns())
        return 0;
    return sched_block(deadline) == -ASTRA_EINTR ? -ASTRA_EINTR : 0;
}

/* A relative sleep; the time left goes to rem when a signal ends it early. A sleep that a
 * stop interrupted and that restarts keeps its first deadline (signal_deliver). */
static long sleep_for(const struct astra_timespec *ts, uint64_t rem, uint64_t resume)
{
    struct thread *t = current_thread();
    uint64_t deadline = resume ? resume : time_monotonic_ns() + ts_ns(ts);
    long r = sleep_until(deadline);
    if (r == -ASTRA_EINTR)
        t->sleep_deadline = deadline;
    if (r == -ASTRA_EINTR && rem) {
        uint64_t now = time_monotonic_ns(), left = deadline > now ? deadline - now : 0;
        struct astra_timespec t = { (int64_t)(left / ASTRA_NSEC_PER_SEC), (int64_t)(left % ASTRA_NSEC_PER_SEC) };
        if (uvm_copy_out(current_mm(), rem, &t, sizeof t))
            return -ASTRA_EFAULT;
    }
    return r;
}

long ksys_nanosleep(uint64_t req, uint64_t rem)
{
    uint64_t resume = jobctl_take_resume_deadline();
    struct astra_timespec ts;
    int r = read_timespec(req, &ts);
    return r ? r : sleep_for(&ts, rem, resume);
}

long ksys_clock_nanosleep(int clockid, int flags, uint64_t req, uint64_t rem)
{
    uint64_t resume = jobctl_take_resume_deadline();
    if (clockid != ASTRA_CLOCK_REALTIME && clockid != ASTRA_CLOCK_MONOTONIC && clockid != ASTRA_CLOCK_BOOTTIME)
        return -ASTRA_EINVAL;
    if (flags & ~ASTRA_TIMER_ABSTIME)
        return -ASTRA_EINVAL;
    struct astra_timespec ts;
    int r = read_timespec(req, &ts);
    if (r)
        return r;
    if (flags & ASTRA_TIMER_ABSTIME)
        return sleep_until(deadline_from_absolute(clockid == ASTRA_CLOCK_REALTIME, &ts));
    return sleep_for(&ts, rem, resume);
}

long ksys_sched_yield(void)
{
    sched_yield();
    return 0;
}
