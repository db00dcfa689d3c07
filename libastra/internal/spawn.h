/* Threads: clone wrapper and the registry of joinable threads. */
#ifndef ASTRA_INTERNAL_SPAWN_H
#define ASTRA_INTERNAL_SPAWN_H

#include "thread.h"

#define ASTRA_THREAD_CLONE_FLAGS                                                               \
    (ASTRA_CLONE_VM | ASTRA_CLONE_FS | ASTRA_CLONE_FILES | ASTRA_CLONE_SIGHAND |               \
     ASTRA_CLONE_THREAD | ASTRA_CLONE_SYSVSEM | ASTRA_CLONE_SETTLS |                           \
     ASTRA_CLONE_PARENT_SETTID | ASTRA_CLONE_CHILD_CLEARTID)

/* One mapping for a new thread, lowest address first: guard_size bytes of guard (page
 * rounded), stack_size bytes of stack (rounded up to pages), then its TLS block and TCB.
 * Returns the laid-out TCB (map_base, map_size, stack_base, stack_size, guard_size set) or
 * NULL with -errno in *err. */
struct astra_tcb *astra_thread_map_new(size_t stack_size, size_t guard_size, long *err);

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
