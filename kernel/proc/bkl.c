/* The big kernel lock: a test-and-set lock whose waiters spin for a while, then sleep until
 * a release wakes them.
 *
 * Not a ticket lock, and not a lock that only spins: the CPUs are virtual, and the host runs
 * each on a thread that it may stop at any time. A ticket lock hands the lock to the next
 * waiter in line even while the host has stopped that waiter's thread, and every other CPU
 * then waits for it; and a waiter that spins takes a host core from the holder it waits for.
 * Both made system calls from threads on two CPUs 50 times slower than on one when the host
 * was busy. Here any CPU that finds the lock free takes it (as Linux's guest spinlock without
 * paravirtual support does), and a waiter that has spun BKL_SPIN_NS halts until the holder's
 * release sends it VECTOR_TLB. */
#include <stdint.h>

#include "arch.h"
#include "dev/time.h"
#include "proc/bkl.h"

#define BKL_SPIN_NS 20000 /* about a short system call's time under the lock, under QEMU */

static volatile int locked;
static volatile int owner = -1;
static uint64_t kicks;    /* CPUs to interrupt once the lock is free (bkl_kick_later) */
static uint64_t sleepers; /* CPUs halted until the lock is released: atomics */

static int try_lock(void) { return !locked && !__atomic_exchange_n(&locked, 1, __ATOMIC_ACQUIRE); }

void bkl_lock(void)
{
    struct percpu *me = this_cpu();
    while (!try_lock()) {
        uint64_t start = arch_counter(), spin = time_tsc_hz() / (1000000000 / BKL_SPIN_NS);
        while (locked && arch_counter() - start < spin) {
            tlb_service();
            arch_cpu_relax();
        }
        if (!locked)
            continue;
        /* Announce the sleep before the last look at the lock, as the release clears the lock
         * before it looks at the sleepers (both sequentially consistent): either this CPU sees
         * the lock free, or the release sees this CPU and wakes it. A wake-up that comes
         * between the look and the halt ends the halt at once. */
        uint64_t bit = 1ULL << me->id;
        __atomic_fetch_or(&sleepers, bit, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&locked, __ATOMIC_SEQ_CST))
            lapic_wait_urgent(); /* a shootdown's IPI wakes it too; its handler answers */
        __atomic_fetch_and(&sleepers, ~bit, __ATOMIC_SEQ_CST);
    }
    owner = (int)me->id;
}

void bkl_unlock(void)
{
    uint64_t kick = kicks;
    kicks = 0;
    owner = -1;
    __atomic_store_n(&locked, 0, __ATOMIC_SEQ_CST);
    uint64_t wake = __atomic_load_n(&sleepers, __ATOMIC_SEQ_CST);
    if (wake)
        wake = __atomic_exchange_n(&sleepers, 0, __ATOMIC_SEQ_CST);
    for (unsigned i = 0; wake; i++, wake >>= 1)
        if (wake & 1)
            lapic_send_ipi(cpus[i].apic_id, VECTOR_TLB);
    for (unsigned i = 0; kick; i++, kick >>= 1)
        if (kick & 1)
            lapic_send_ipi(cpus[i].apic_id, VECTOR_RESCHEDULE);
}

void bkl_kick_later(unsigned cpu) { kicks |= 1ULL << cpu; }

int bkl_held(void) { return owner == (int)this_cpu()->id; }
