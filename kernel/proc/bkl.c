/* The big kernel lock: a ticket lock, so CPUs get it in the order they asked. */
#include <stdint.h>

#include "arch.h"
#include "proc/bkl.h"

static struct {
    volatile uint32_t next, serving;
} ticket;
static volatile int owner = -1;
static uint64_t kicks; /* CPUs to interrupt once the lock is free (bkl_kick_later) */

void bkl_lock(void)
{
    uint32_t mine = __atomic_fetch_add(&ticket.next, 1, __ATOMIC_RELAXED);
    while (__atomic_load_n(&ticket.serving, __ATOMIC_ACQUIRE) != mine) {
        tlb_service();
        arch_cpu_relax();
    }
    owner = (int)this_cpu()->id;
}

void bkl_unlock(void)
{
    uint64_t kick = kicks;
    kicks = 0;
    owner = -1;
    __atomic_store_n(&ticket.serving, ticket.serving + 1, __ATOMIC_RELEASE);
    for (unsigned i = 0; kick; i++, kick >>= 1)
        if (kick & 1)
            lapic_send_ipi(cpus[i].apic_id, VECTOR_RESCHEDULE);
}

void bkl_kick_later(unsigned cpu) { kicks |= 1ULL << cpu; }

int bkl_held(void) { return owner == (int)this_cpu()->id; }
