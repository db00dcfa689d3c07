/* A small futex-based mutex for libastra's own shared state (0 free, 1 locked, 2 contended). */
#ifndef ASTRA_INTERNAL_LOCK_H
#define ASTRA_INTERNAL_LOCK_H

typedef struct { volatile unsigned state; } astra_lock_t;

#define ASTRA_LOCK_INIT { 0 }

void astra_lock(astra_lock_t *l);
void astra_unlock(astra_lock_t *l);

#endif
