/* The big kernel lock. Lock order and rules (SMP):
 *   1. The BKL: held by a CPU for all kernel work but rule 3's. Entry from user mode (syscall,
 *      interrupt, exception) takes it; the way back to user mode (sysret, iret, trap_return)
 *      drops it. A thread switch keeps it: the CPU holds it across arch_switch, so a thread that
 *      blocks is fully switched out before another CPU can pick it. The idle loop drops it
 *      while it polls the run queue and while halted. Kernel code runs with interrupts off,
 *      so it is never preempted.
 *   2. Nothing else sleeps or nests under it. The only other shared state is lock-free and
 *      touched without the BKL: a CPU's TLB shootdown flag (tlb.c) and its idling flag, and
 *      the console's output from panic().
 *   3. System calls marked [nolock] in syscalls/syscalls.tbl (getpid, gettid, getuid,
 *      geteuid, getgid, getegid) run without it when syscall.c's lock_free allows (no tracer,
 *      nothing for signal_deliver to do), with interrupts off like all kernel code, on the
 *      calling thread's kernel stack. Such a call reads constants, or fields of the calling
 *      thread and its process that no other CPU writes while the thread runs (pid; tid, which
 *      only the thread's own execve changes), and writes only its trapframe's rax; it never
 *      sleeps, never allocates, never touches user memory, never reaches bkl_lock or
 *      bkl_unlock (syscall_dispatch returns to the sysret without dropping anything). Not
 *      for a call that reads what another CPU changes under the BKL through a pointer (getppid:
 *      the parent's struct may be freed meanwhile), walks a list (getpgid(pid)) or the run
 *      queue (sched_yield, sched_getaffinity). The signal state it looks at first is read as
 *      signal.h's signal_maybe_pending says. A TLB shootdown waits for such a call to end
 *      (interrupts off), as for any kernel code: a few hundred instructions.
 * A CPU waiting for the BKL still answers TLB shootdowns, so a CPU holding it may wait for
 * the others' flushes without a deadlock. A waiter spins, then halts with only VECTOR_TLB's
 * priority class let in (lapic_wait_urgent): the release wakes it with that vector, and no
 * interrupt whose handler takes the BKL can arrive meanwhile.
 * Every folder lists what each of its shared structures and static buffers needs in one
 * place: arch/x86_64/arch.h, mm/pmm.h, below for proc/, fs/vfs.h, dev/console.h,
 * net/socket.h, syscall/sys_fs.h; lib/ has no state.
 *
 * Locks of proc/ (all of it under the BKL unless said otherwise):
 *   proc.c   procs (every process), proc_count, last_id; each struct proc and struct thread
 *            (read without it by the thread itself: rule 3's fields, and the words that
 *            signal_maybe_pending reads with relaxed atomic loads).
 *   sched.c  the run queue (run_head, run_tail), the timer queue (timer_head), zombies, the
 *            network hooks: BKL. sched_tick_wanted reads run_head and timer_head without it
 *            (relaxed atomics; a stale answer moves work to the next tick), and an idle CPU
 *            polls run_head without it (a stale answer ends the poll late or early: either
 *            way the CPU then takes the BKL and looks again); net_hooks is set once at boot
 *            before any program runs. boot[]: one per CPU, touched only by it.
 *   futex.c  the buckets and their waiter lists.
 *   signal.c, jobctl.c, exec.c, fork.c, exit.c: no state of their own (the processes').
 *   bkl.c    the lock word and the sleeping waiters (atomics); kicks: the holder only. */
#ifndef ASTRA_KERNEL_BKL_H
#define ASTRA_KERNEL_BKL_H

void bkl_lock(void);
void bkl_unlock(void);
/* Whether the calling CPU holds it. */
int bkl_held(void);
/* Sends CPU cpu a rescheduling IPI when the lock is next dropped: an IPI sent earlier would
 * only make that CPU spin for the lock. */
void bkl_kick_later(unsigned cpu);

#endif
