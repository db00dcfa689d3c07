#include "../internal/lock.h"
#include "../internal/spawn.h"

static astra_lock_t registry_lock = ASTRA_LOCK_INIT;
static struct astra_tcb *registry_head;

void astra_registry_add(struct astra_tcb *tcb)
{
    astra_lock(&registry_lock);
    tcb->next = registry_head;
    registry_head = tcb;
    astra_unlock(&registry_lock);
}

struct astra_tcb *astra_registry_take(int id)
{
    astra_lock(&registry_lock);
    struct astra_tcb **p = &registry_head;
    while (*p && (*p)->id != id)
        p = &(*p)->next;
    struct astra_tcb *found = *p;
    if (found)
        *p = found->next;
    astra_unlock(&registry_lock);
    return found;
}
