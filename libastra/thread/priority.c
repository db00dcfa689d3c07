#include <astra/astra.h>

#include "../internal/spawn.h"

/* Priorities are recorded per thread; the host schedules all threads alike. */
uint8_t sys_get_priority(void) { return astra_self()->priority; }

static void set_priority(struct astra_tcb *t, void *prio) { t->priority = *(uint8_t *)prio; }

void sys_set_priority(hermit_tid_t tid, uint8_t prio)
{
    if (prio < HERMIT_NO_PRIORITIES)
        astra_registry_with((int)tid, set_priority, &prio);
}
