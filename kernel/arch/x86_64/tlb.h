/* TLB shootdown: after a mapping is removed or weakened, every CPU that may hold it in its
 * TLB flushes it before the caller goes on (and before freed frames can be reused). */
#ifndef ASTRA_KERNEL_TLB_H
#define ASTRA_KERNEL_TLB_H

#include <stdint.h>

/* Flushes [start, end) of the address space pml4 on this CPU and on every other CPU that has
 * it loaded (every CPU for the kernel's own pml4, global pages included), and waits for
 * them; an idle CPU that only kept pml4 loaded flushes it all before it next runs a thread
 * of it instead. Needs the BKL (one shootdown at a time). */
void tlb_shootdown(uint64_t *pml4, uint64_t start, uint64_t end);
/* Before pml4's frames are freed: every CPU that still has it loaded (an idle CPU keeps the
 * address space of the thread it ran last, see arch_thread_enter) loads the kernel's page
 * tables instead, this one too, and the caller waits for the others. Needs the BKL. */
void tlb_forget(uint64_t *pml4);
/* Answers a pending shootdown or forget request for this CPU, if any (interrupts off). */
void tlb_service(void);

#endif
