/* The big kernel lock. Lock order and rules (SMP):
 *   1. The BKL: held by a CPU for all kernel work. Entry from user mode (syscall, interrupt,
 *      exception) takes it; the way back to user mode (sysret, iret, trap_return) drops it.
 *      A thread switch keeps it: the CPU holds it across arch_switch, so a thread that
 *      blocks is fully switched out before another CPU can pick it. The idle loop drops it
 *      while halted. Kernel code runs with interrupts off, so it is never preempted.
 *   2. Nothing else sleeps or nests under it. The only other shared state is lock-free and
 *      touched without the BKL: a CPU's TLB shootdown flag (tlb.c) and its idling flag, and
 *      the console's output from panic().
 * A CPU waiting for the BKL still answers TLB shootdowns, so a CPU holding it may wait for
 * the others' flushes without a deadlock. */
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
