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

#endif
