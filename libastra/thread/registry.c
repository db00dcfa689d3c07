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

int astra_registry_with(int id, void (*fn)(struct astra_tcb *, void *), void *ctx)
{
    astra_lock(&registry_lock);
    struct astra_tcb *t = astra_main_thread && astra_main_thread->id == id ? astra_main_thread : 0;
    for (struct astra_tcb *p = registry_head; !t && p; p = p->next)
        if (p->id == id)
            t = p;
    if (t)
        fn(t, ctx);
    astra_unlock(&registry_lock);
    return t != 0;
}
