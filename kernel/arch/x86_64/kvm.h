/* Kernel stacks: KSTACK_SIZE bytes each, below an unmapped guard page. */
#ifndef ASTRA_KERNEL_KVM_H
#define ASTRA_KERNEL_KVM_H

#include <stddef.h>
#include <stdint.h>

#define KSTACK_SIZE (16 * 1024UL)

/* Kernel virtual regions: KSTACK_SIZE bytes of zeroed memory, mapped page by page (so no
 * physically contiguous frames are needed) below an unmapped guard page. NULL when memory
 * is exhausted. Kernel stacks and other large kernel objects (descriptor tables) use them. */
void *kvm_zalloc(size_t size);
void kvm_free(void *region);
/* kvm_free keeps a freed region until every CPU's TLB forgets it (batches of 32, one flush
 * for each batch); this flushes now and frees them. */
void kvm_release_deferred(void);

/* Maps size bytes of device memory at physical address pa, uncached; NULL when memory for
 * page tables or the area runs out. Mappings last for the life of the kernel. */
void *kvm_map_mmio(uint64_t pa, size_t size);

/* The top of a new kernel stack, or 0 when memory is exhausted. */
uint64_t kstack_alloc(void);
void kstack_free(uint64_t top);

#endif
