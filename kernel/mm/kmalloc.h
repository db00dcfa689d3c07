/* Small kernel objects (up to KMALLOC_MAX bytes), zeroed. */
#ifndef ASTRA_KERNEL_KMALLOC_H
#define ASTRA_KERNEL_KMALLOC_H

#include <stddef.h>

#define KMALLOC_MAX 4080

/* NULL when size is too large or memory is exhausted. */
void *kzalloc(size_t size);
void kfree(void *p);
/* Wholly free frames kept for reuse (at most one per size class); every other frame whose
 * objects are all freed has gone back to the frame allocator. */
size_t kmalloc_cached_frames(void);

#endif
