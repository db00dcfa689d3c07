/* Threads: clone wrapper and the registry of joinable threads. */
#ifndef ASTRA_INTERNAL_SPAWN_H
#define ASTRA_INTERNAL_SPAWN_H

#include "thread.h"

long astra_clone(unsigned long flags, void *stack_top, volatile int *parent_tid,
                 volatile int *child_tid, void *tls, void (*fn)(void *), void *arg);

/* Records a started thread under tcb->id so that sys_join can find it. */
void astra_registry_add(struct astra_tcb *tcb);

/* Removes and returns the thread registered under id, or NULL when there is none. */
struct astra_tcb *astra_registry_take(int id);

/* Calls fn(thread, ctx) with the registry locked when thread `id` (joinable or the main
 * thread) exists, so that it cannot be freed meanwhile. Returns 1 if it was found. */
int astra_registry_with(int id, void (*fn)(struct astra_tcb *, void *), void *ctx);

/* Thread memory: a cache of mappings from joined threads, reused by later spawns. */
void *astra_thread_map_get(size_t size);
void astra_thread_map_put(void *base, size_t size);

#endif
