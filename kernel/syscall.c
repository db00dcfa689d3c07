/* Dispatch: one table indexed by syscall number, generated from syscalls/syscalls.tbl. */
#include <astra/abi.h>

#include "arch.h"
#include "lib/printf.h"
#include "proc/bkl.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall/strace.h"
#include "syscall_dispatch.h"

#define TABLE_SIZE (sizeof syscall_table / sizeof syscall_table[0])

static uint64_t warned[(TABLE_SIZE + 63) / 64 + 1];

/* Whether the call e of tf can run without the BKL: the table says so ([nolock]: it reads
 * nothing another CPU changes under it), and nothing of the slow way's is needed on the way
 * back: no tracer (strace_enabled is set at boot, read-only after), a canonical address to
 * return to, and no work for signal_deliver (signal_maybe_pending: a stale "none" is caught
 * by the sender's kick; a stale "some" only takes the slow way). */
static int lock_free(const struct syscall_entry *e, const struct trapframe *tf)
{
    return e->nolock && e->impl && !strace_enabled && tf->rip < USER_TOP &&
           !signal_maybe_pending(current_thread());
}

/* Entered from syscall_entry with interrupts off; returns to it with interrupts off (the
 * sysret turns them on). A [nolock] call that lock_free allows runs without the BKL (bkl.h,
 * rule 3); any other takes the BKL for the call and drops it just before the sysret. */
void syscall_dispatch(struct trapframe *tf)
{
    uint64_t nr = tf->rax;
    const uint64_t args[6] = { tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9 };
    const struct syscall_entry *e = nr < TABLE_SIZE ? &syscall_table[nr] : 0;
    if (e && lock_free(e, tf)) {
        tf->rax = (uint64_t)e->call(args);
        return;
    }
    bkl_lock();
    if (strace_enabled)
        strace_enter(nr, args);
    if (e && e->impl) {
        tf->rax = (uint64_t)e->call(args);
    } else {
        uint64_t bit = nr < TABLE_SIZE ? nr : TABLE_SIZE;
        if (!(warned[bit / 64] >> (bit % 64) & 1)) {
            warned[bit / 64] |= 1ULL << (bit % 64);
            struct proc *p = current_proc();
            kwarn("unsupported syscall %lu (%s) from %s: returning -ENOSYS\n", nr,
                  e && e->name ? e->name : "not in the syscall table", p ? p->name : "?");
        }
        tf->rax = (uint64_t)-ASTRA_ENOSYS;
    }
    if (strace_enabled)
        strace_exit(nr, args, (long)tf->rax);
    /* sysret to a non-canonical address would fault in kernel mode. */
    if (tf->rip >= USER_TOP) {
        kwarn("thread returns to non-canonical address 0x%lx: program stopped\n", tf->rip);
        proc_exit_group(ASTRA_SIGSEGV);
    }
    signal_deliver(tf, (long)nr);
    bkl_unlock();
}
