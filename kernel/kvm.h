/* Kernel stacks: KSTACK_SIZE bytes each, below an unmapped guard page. */
#ifndef ASTRA_KERNEL_KVM_H
#define ASTRA_KERNEL_KVM_H

#include <stdint.h>

#define KSTACK_SIZE (16 * 1024UL)

/* The top of a new kernel stack, or 0 when memory is exhausted. */
uint64_t kstack_alloc(void);
void kstack_free(uint64_t top);

#endif
