/* TLB shootdown: after a mapping is removed or weakened, every CPU that may hold it in its
 * TLB flushes it before the caller goes on (and before freed frames can be reused). */
#ifndef ASTRA_KERNEL_TLB_H
#define ASTRA_KERNEL_TLB_H

#include <stdint.h>

/* Flushes [start, end) of the address space pml4 on this CPU and on every other CPU that has
 * it loaded (every CPU for the kernel's own pml4, global pages included), and waits for
 * them. Needs the BKL (one shootdown at a time). */
void tlb_shootdown(uint64_t *pml4, uint64_t start, uint64_t end);
/* Answers a pending shootdown request for this CPU, if any (interrupts off). */
void tlb_service(void);

#endif
